/* pdf_font.c - the PDF writer's fonts: each distinct (glyph, cluster text) pair of a face
 * gets a 2-byte code as pages are drawn (pdf_code_for), and at the end each face becomes a
 * Type0 font of our own making (pdf_font_finish). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_int.h"
#include "u8.h"

/* ---- codes: (glyph, text) -> a 2-byte code ----------------------------------------- */

static uint32_t hash_key(uint32_t gid, const char *s, size_t n)
{
    uint32_t h = 2166136261u ^ gid;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h * 2654435761u;
}

static void rehash(pdf_writer *w, pfont *f)
{
    size_t ns = f->n_slots ? f->n_slots * 2 : 256;
    uint32_t *slots = ar_alloc(w->ar, ns * sizeof *slots);
    for (size_t i = 0; i < f->n; i++) {
        const code_ent *c = &f->codes[i];
        size_t k = hash_key(c->gid, c->text, strlen(c->text)) & (ns - 1);
        while (slots[k])
            k = (k + 1) & (ns - 1);
        slots[k] = (uint32_t)i + 1;
    }
    f->slots = slots;
    f->n_slots = ns;
}

/* whether TEXT[0..N) is one or more spaces (u8_is_blank) */
static bool blank_text(const char *text, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n;) {
        uint32_t cp = 0;
        i += u8_decode(text + i, n - i, &cp);
        if (!u8_is_blank(cp))
            return false;
    }
    return true;
}

/* index of the (glyph, text) pair for GID showing TEXT[0..N), added when new */
unsigned pdf_code_for(pdf_writer *w, pfont *f, uint32_t gid, const char *text, size_t n)
{
    if (f->n * 2 >= f->n_slots)
        rehash(w, f);
    size_t mask = f->n_slots - 1, k = hash_key(gid, text, n) & mask;
    for (; f->slots[k]; k = (k + 1) & mask) {
        const code_ent *c = &f->codes[f->slots[k] - 1];
        if (c->gid == gid && strncmp(c->text, text, n) == 0 && c->text[n] == '\0')
            return f->slots[k] - 1;
    }
    if (f->n == MAX_CODES) { /* full: any code of this glyph will do, else .notdef */
        f->overflow++;
        for (size_t i = 0; i < f->n; i++)
            if (f->codes[i].gid == gid)
                return (unsigned)i;
        return 0;
    }
    if (f->n == f->cap) {
        size_t nc = f->cap ? f->cap * 2 : 128;
        f->codes = ar_grow(w->ar, f->codes, f->cap * sizeof *f->codes, nc * sizeof *f->codes);
        f->cap = nc;
    }
    double w1000 = fnt_glyph_w1000(w->fonts, f->fnt, gid);
    if (w1000 < 0) { /* no such glyph in the face: show .notdef */
        gid = 0;
        w1000 = fnt_glyph_w1000(w->fonts, f->fnt, 0);
    }
    f->codes[f->n] = (code_ent){gid, ar_strndup(w->ar, text, n), w1000 < 0 ? 0 : w1000,
                                blank_text(text, n)};
    f->slots[k] = (uint32_t)++f->n;
    return (unsigned)(f->n - 1);
}

int pdf_pfont_for(pdf_writer *w, int fnt)
{
    if (fnt < 0 || (size_t)fnt >= fnt_count(w->fonts))
        return -1;
    if ((size_t)fnt >= w->n_pf_of_fnt) {
        size_t nn = fnt_count(w->fonts) + 16;
        w->pf_of_fnt = ar_grow(w->ar, w->pf_of_fnt, w->n_pf_of_fnt * sizeof(int), nn * sizeof(int));
        for (size_t i = w->n_pf_of_fnt; i < nn; i++)
            w->pf_of_fnt[i] = -1;
        w->n_pf_of_fnt = nn;
    }
    if (w->pf_of_fnt[fnt] >= 0)
        return w->pf_of_fnt[fnt];
    /* the same file and face index under another id (another style): share it */
    const fnt_info *in = fnt_get_info(w->fonts, fnt);
    for (size_t i = 0; i < w->npf; i++) {
        const fnt_info *o = fnt_get_info(w->fonts, w->pf[i].fnt);
        if (o->index == in->index && strcmp(o->path, in->path) == 0)
            return w->pf_of_fnt[fnt] = (int)i;
    }
    if (w->npf == w->cap_pf) {
        size_t nc = w->cap_pf ? w->cap_pf * 2 : 8;
        w->pf = ar_grow(w->ar, w->pf, w->cap_pf * sizeof *w->pf, nc * sizeof *w->pf);
        w->cap_pf = nc;
    }
    w->pf[w->npf] = (pfont){.fnt = fnt};
    return w->pf_of_fnt[fnt] = (int)w->npf++;
}

/* ---- fonts, at the end -------------------------------------------------------------- */

/* Each face becomes a Type0 font over a CIDFontType2 of our own making, built from
 * libharu's object layer (dictionaries, streams, the cross-reference table) rather than
 * HPDF_LoadTTFontFromFile + HPDF_GetFont: those parse the face again, build a 65,536-entry
 * CIDToGIDMap and /W by looking up every code in the cmap, and copy the glyphs one by one
 * at save time (22% and more of a one-article run; pdf-stack-notes pitfalls 1 and 2 go
 * with them). Here CID k is the face's k-th (glyph, text) pair, so /W is one run from 1,
 * the CIDToGIDMap holds 2 bytes per code, and the embedded face is hb-subset's output as
 * it is. */

/* an indirect dictionary, or NULL (libharu has recorded the error) */
static HPDF_Dict new_dict(pdf_writer *w)
{
    HPDF_Dict d = HPDF_Dict_New(w->pdf->mmgr);
    if (d && HPDF_Xref_Add(w->pdf->xref, d) != HPDF_OK)
        return NULL; /* HPDF_Xref_Add freed it */
    return d;
}

/* an indirect stream holding DATA[0..LEN), compressed by pdf_deflate_all() unless RAW */
static HPDF_Dict new_stream(pdf_writer *w, const void *data, size_t len, bool raw)
{
    HPDF_Dict d = HPDF_DictStream_New(w->pdf->mmgr, w->pdf->xref);
    if (!d)
        return NULL;
    if (!raw)
        pdf_defer_deflate(w, d);
    if (len && HPDF_Stream_Write(d->stream, data, (HPDF_UINT)len) != HPDF_OK)
        return NULL;
    return d;
}

/* UTF-16BE hex of S[0..N), at most TU_MAX_UNITS units */
static void put_utf16(buf *b, const char *s, size_t n)
{
    int units = 0;
    for (size_t i = 0; i < n && units < TU_MAX_UNITS;) {
        uint32_t cp;
        i += u8_decode(s + i, n - i, &cp);
        unsigned u[2];
        int k = pdf_utf16(cp, u);
        for (int j = 0; j < k; j++)
            pdf_put_hex4(b, u[j]);
        units += k;
    }
}

/* the ToUnicode CMap: each code -> its cluster's text */
static HPDF_Dict tounicode(pdf_writer *w, const pfont *f)
{
    buf b = {0};
    buf_puts(&b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                 "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                 "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                 "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    size_t total = 0;
    for (size_t i = 0; i < f->n; i++)
        total += f->codes[i].text[0] != '\0';
    for (size_t i = 0, k = 0; i < f->n; i++) {
        const code_ent *c = &f->codes[i];
        if (!c->text[0])
            continue; /* second glyph of a cluster: its text went with the first */
        if (k % 100 == 0)
            buf_printf(&b, "%zu beginbfchar\n", total - k < 100 ? total - k : 100);
        buf_putc(&b, '<');
        pdf_put_hex4(&b, pdf_code_of(i));
        buf_puts(&b, "> <");
        put_utf16(&b, c->text, strlen(c->text));
        buf_puts(&b, ">\n");
        if (++k % 100 == 0 || k == total)
            buf_puts(&b, "endbfchar\n");
    }
    buf_puts(&b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    HPDF_Dict s = b.data ? new_stream(w, b.data, b.len, false) : NULL;
    buf_free(&b);
    return s;
}

/* whether the sfnt DATA is TrueType with the tables a FontFile2 needs */
static bool has_tables(const unsigned char *d, size_t len)
{
    static const char tags[][5] = {"cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp"};
    if (len < 12)
        return false;
    size_t n = (size_t)d[4] << 8 | d[5];
    if (12 + 16 * n > len)
        return false;
    for (size_t t = 0; t < sizeof tags / sizeof tags[0]; t++) {
        bool found = false;
        for (size_t i = 0; i < n && !found; i++)
            found = memcmp(d + 12 + 16 * i, tags[t], 4) == 0;
        if (!found)
            return false;
    }
    return true;
}

/* the face of F cut down to its glyphs and renumbered, malloc'd, with *SUB_GID (malloc'd)
 * giving each code's glyph id in it; NULL when HarfBuzz cannot subset it. Each glyph goes
 * with the code point its code stands for, which lets HarfBuzz find plain glyphs quickly.
 * The subset's cmap maps those code points; nothing reads it (text is shown by glyph and
 * extracted through ToUnicode). */
static unsigned char *subset_of(pdf_writer *w, const pfont *f, uint32_t **sub_gid, size_t *len)
{
    *sub_gid = NULL;
    uint32_t *gids = malloc((f->n + 1) * sizeof *gids);
    uint32_t *cps = malloc((f->n + 1) * sizeof *cps);
    uint32_t *per_code = malloc((f->n + 1) * sizeof *per_code);
    unsigned char *data = NULL;
    if (gids && cps && per_code) { /* each code's glyph, in code order: fnt_subset maps each */
        for (size_t i = 0; i < f->n; i++) {
            const char *t = f->codes[i].text;
            size_t tl = t ? strlen(t) : 0;
            uint32_t cp = 0;
            gids[i] = f->codes[i].gid;
            cps[i] = tl > 0 && u8_decode(t, tl, &cp) == tl ? cp : 0;
        }
        data = fnt_subset(w->fonts, f->fnt, gids, cps, f->n, false, per_code, len);
        if (data && !has_tables(data, *len)) {
            free(data);
            data = NULL;
        }
    }
    if (data) {
        *sub_gid = per_code;
        per_code = NULL;
    }
    free(per_code);
    free(cps);
    free(gids);
    return data;
}

/* six capitals naming the subset, the same for the same glyphs (reproducible files) */
static void subset_tag(const pfont *f, char tag[7])
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < f->n; i++)
        h = (h ^ f->codes[i].gid) * 16777619u;
    for (int i = 0; i < 6; i++, h /= 26)
        tag[i] = (char)('A' + h % 26);
    tag[6] = '\0';
}

/* a PostScript name as a PDF name may carry it: printable ASCII other than delimiters */
static void ps_name(const char *in, char *out, size_t cap)
{
    size_t o = 0;
    for (const char *s = in ? in : ""; *s && o + 1 < cap; s++)
        if (*s > ' ' && *s < 127 && !strchr("()<>[]{}/%#", *s))
            out[o++] = *s;
    if (o == 0)
        o = (size_t)snprintf(out, cap, "Font");
    out[o] = '\0';
}

static HPDF_Array int_array(pdf_writer *w, const int *v, size_t n)
{
    HPDF_Array a = HPDF_Array_New(w->pdf->mmgr);
    for (size_t i = 0; a && i < n; i++)
        HPDF_Array_AddNumber(a, v[i]);
    return a;
}

/* the font descriptor of F, embedding the subset DATA */
static HPDF_Dict descriptor(pdf_writer *w, const pfont *f, const char *base,
                            const unsigned char *data, size_t len)
{
    const fnt_info *in = fnt_get_info(w->fonts, f->fnt);
    fnt_pdf_metrics m;
    fnt_pdf_get_metrics(w->fonts, f->fnt, &m);
    HPDF_Dict ff = new_stream(w, data, len, false), d = new_dict(w);
    if (!ff || !d)
        return NULL;
    HPDF_Dict_AddNumber(ff, "Length1", (HPDF_INT32)len);
    HPDF_Dict_AddName(d, "Type", "FontDescriptor");
    HPDF_Dict_AddName(d, "FontName", base);
    /* nonsymbolic (Latin text), italic, fixed pitch */
    HPDF_Dict_AddNumber(d, "Flags", 32 | (in->italic ? 64 : 0) | (m.fixed_pitch ? 1 : 0));
    HPDF_Dict_Add(d, "FontBBox", int_array(w, m.bbox, 4));
    HPDF_Dict_AddReal(d, "ItalicAngle", (HPDF_REAL)m.italic_angle);
    HPDF_Dict_AddNumber(d, "Ascent", (HPDF_INT32)(in->ascender * 1000 + 0.5));
    HPDF_Dict_AddNumber(d, "Descent", (HPDF_INT32)(in->descender * 1000 - 0.5));
    double cap = in->cap_height > 0 ? in->cap_height : in->ascender;
    HPDF_Dict_AddNumber(d, "CapHeight", (HPDF_INT32)(cap * 1000 + 0.5));
    /* no face states its stem width; Adobe's rule of thumb from the weight class */
    HPDF_Dict_AddNumber(d, "StemV", 50 + (HPDF_INT32)(m.weight / 65.0 * (m.weight / 65.0)));
    HPDF_Dict_Add(d, "FontFile2", ff);
    if (w->opts && w->opts->pdfa) { /* PDF/A-1: the CIDs present, 0 (.notdef) included */
        size_t nbytes = f->n / 8 + 1;
        unsigned char *bits = calloc(nbytes, 1);
        if (!bits)
            return NULL;
        for (size_t cid = 0; cid <= f->n; cid++)
            bits[cid >> 3] |= (unsigned char)(0x80 >> (cid & 7));
        HPDF_Dict set = new_stream(w, bits, nbytes, false);
        free(bits);
        if (!set)
            return NULL;
        HPDF_Dict_Add(d, "CIDSet", set);
    }
    return d;
}

/* build F's font objects: Type0 -> CIDFontType2 -> descriptor -> subset face */
/* Subsetting reads only the face file and HarfBuzz objects of its own, so the faces are
 * cut on two threads (pdf_parallel). */
static void subset_job(void *ctx, size_t i, void **scratch)
{
    (void)scratch;
    pdf_writer *w = ctx;
    pfont *f = &w->pf[i];
    if (f->n)
        f->sub = subset_of(w, f, &f->sub_gid, &f->sub_len);
}

/* Faces of fewer glyphs in all are cut on the calling thread alone (see pdf_deflate.c) */
#define PARALLEL_MIN_GLYPHS 2000

void pdf_font_subset_all(pdf_writer *w)
{
    size_t glyphs = 0;
    for (size_t i = 0; i < w->npf; i++)
        glyphs += w->pf[i].n;
    pdf_parallel(w->npf, glyphs >= PARALLEL_MIN_GLYPHS, subset_job, NULL, w);
}

bool pdf_font_finish(pdf_writer *w, pfont *f, a2p_err *err)
{
    const fnt_info *in = fnt_get_info(w->fonts, f->fnt);
    size_t len = f->sub_len;
    uint32_t *sub_gid = f->sub_gid;
    unsigned char *data = f->sub ? f->sub : subset_of(w, f, &sub_gid, &len);
    f->sub = NULL;
    f->sub_gid = NULL;
    if (!data) {
        free(sub_gid);
        return err_set(err, 1, in->path, "cannot subset this font (TrueType outlines needed)");
    }
    char tag[7], name[96], base[128];
    subset_tag(f, tag);
    ps_name(in->name, name, sizeof name);
    snprintf(base, sizeof base, "%s+%s", tag, name);

    HPDF_Dict desc = descriptor(w, f, base, data, len);
    free(data);
    /* CIDToGIDMap: code k (CID k) -> its glyph, big-endian; CID 0 stays .notdef */
    unsigned char *map = calloc(f->n + 1, 2);
    HPDF_Dict c2g = NULL;
    if (map) {
        for (size_t i = 0; i < f->n; i++) {
            map[2 * pdf_code_of(i)] = (unsigned char)(sub_gid[i] >> 8);
            map[2 * pdf_code_of(i) + 1] = (unsigned char)sub_gid[i];
        }
        c2g = new_stream(w, map, 2 * (f->n + 1), false);
        free(map);
    }
    free(sub_gid);
    HPDF_Dict cid = new_dict(w), t0 = new_dict(w), tu = tounicode(w, f);
    HPDF_Dict sys = HPDF_Dict_New(w->pdf->mmgr);
    HPDF_Array widths = HPDF_Array_New(w->pdf->mmgr), run = HPDF_Array_New(w->pdf->mmgr);
    HPDF_Array desc_fonts = HPDF_Array_New(w->pdf->mmgr);
    if (!desc || !c2g || !cid || !t0 || !tu || !sys || !widths || !run || !desc_fonts)
        return pdf_check(w, "building a font", err) &&
               err_set(err, 1, in->path, "out of memory building the font");
    HPDF_Dict_Add(sys, "Registry", HPDF_String_New(w->pdf->mmgr, "Adobe", NULL));
    HPDF_Dict_Add(sys, "Ordering", HPDF_String_New(w->pdf->mmgr, "Identity", NULL));
    HPDF_Dict_AddNumber(sys, "Supplement", 0);
    for (size_t i = 0; i < f->n; i++)
        HPDF_Array_AddReal(run, (HPDF_REAL)f->codes[i].w1000);
    HPDF_Array_AddNumber(widths, (HPDF_INT32)pdf_code_of(0));
    HPDF_Array_Add(widths, run);

    HPDF_Dict_AddName(cid, "Type", "Font");
    HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2");
    HPDF_Dict_AddName(cid, "BaseFont", base);
    HPDF_Dict_Add(cid, "CIDSystemInfo", sys);
    HPDF_Dict_Add(cid, "FontDescriptor", desc);
    HPDF_Dict_AddNumber(cid, "DW", 0);
    HPDF_Dict_Add(cid, "W", widths);
    HPDF_Dict_Add(cid, "CIDToGIDMap", c2g);

    HPDF_Dict_AddName(t0, "Type", "Font");
    HPDF_Dict_AddName(t0, "Subtype", "Type0");
    HPDF_Dict_AddName(t0, "BaseFont", base);
    HPDF_Dict_AddName(t0, "Encoding", "Identity-H");
    HPDF_Array_Add(desc_fonts, cid);
    HPDF_Dict_Add(t0, "DescendantFonts", desc_fonts);
    HPDF_Dict_Add(t0, "ToUnicode", tu);
    f->font = (HPDF_Font)t0; /* a font resource is only a dictionary to the page */
    return pdf_check(w, "building a font", err);
}

