/* pdf_out.c - display list -> PDF through libharu 2.3.0. With pdf_font.c, the only files
 * that include hpdf.h (tests/e2e/arch.sh).
 *
 * Text is written as glyph codes, not characters (pdf-stack-notes §3-§5): every distinct
 * (glyph, cluster text) pair of a face gets a code 1, 2, 3..., and runs go into the
 * content stream as TJ arrays whose numbers correct each code's /W width to the advance
 * the typesetter chose, so kerning and justification show exactly. Each face is embedded
 * as a Type0 font of our own making (pdf_font.c): an hb-subset of the face,
 * a CIDToGIDMap from code to glyph, and a ToUnicode CMap from code to the cluster's text.
 * Fonts are therefore built at pdf_end(), once every code is known; content streams name
 * them /F1, /F2... in the order of first use on each page, which is the order in which
 * HPDF_Page_GetLocalFontName() later registers them.
 *
 * Relies on libharu's object-level headers (hpdf_doc.h, hpdf_objects.h, hpdf_pages.h):
 * pinned to 2.3.0, checked by tests/unit/test_pdf.c. */
#include "pdf_out.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <hpdf_encrypt.h>
#include <hpdf_pages.h>
#include <hpdf_pdfa.h>

#include "buf.h"
#include "image.h"
#include "pdf_int.h"
#include "u8.h"

#ifndef A2P_VERSION
#define A2P_VERSION "0"
#endif

/* ---- errors ------------------------------------------------------------------------- */

static void on_error(HPDF_STATUS code, HPDF_STATUS detail, void *user)
{
    pdf_writer *w = user;
    if (!w->code) {
        w->code = code;
        w->detail = detail;
    }
}

bool pdf_check(pdf_writer *w, const char *what, a2p_err *err)
{
    if (!w->code)
        return true;
    return err_set(err, 1, "PDF", "libharu error 0x%04X (detail %u) while %s", (unsigned)w->code,
                   (unsigned)w->detail, what);
}

/* ---- numbers and strings (locale-independent) --------------------------------------- */

/* V with at most DEC (<= 4) decimals, trailing zeros dropped */
static void put_num(buf *b, double v, int dec)
{
    static const long long scale[] = {1, 10, 100, 1000, 10000};
    if (!(v > -1e7 && v < 1e7)) /* NaN or absurd: keep the content stream valid */
        v = 0;
    long long m = (long long)(v * scale[dec] + (v < 0 ? -0.5 : 0.5));
    if (m < 0) {
        buf_putc(b, '-');
        m = -m;
    }
    char tmp[32];
    long long ip = m / scale[dec], fp = m % scale[dec];
    int n = 0;
    char rev[24];
    int r = 0;
    do { /* digits by hand: snprintf was a fifth of the page-writing time */
        rev[r++] = (char)('0' + ip % 10);
        ip /= 10;
    } while (ip);
    while (r)
        tmp[n++] = rev[--r];
    if (fp) {
        tmp[n++] = '.';
        for (int d = dec - 1; d >= 0 && fp; d--) {
            long long p = scale[d];
            tmp[n++] = (char)('0' + fp / p);
            fp %= p;
        }
    }
    buf_add(b, tmp, (size_t)n);
    buf_putc(b, ' ');
}

static void put_rgb(buf *b, uint32_t rgb, const char *gray_op, const char *rgb_op)
{
    unsigned r = (rgb >> 16) & 255, g = (rgb >> 8) & 255, bl = rgb & 255;
    if (r == g && g == bl) {
        put_num(b, r / 255.0, 3);
        buf_puts(b, gray_op);
    } else {
        put_num(b, r / 255.0, 3);
        put_num(b, g / 255.0, 3);
        put_num(b, bl / 255.0, 3);
        buf_puts(b, rgb_op);
    }
}

/* RGB as the document paints it: with --grayscale its luminance (Rec. 601) in all three */
static uint32_t ink(const pdf_writer *w, uint32_t rgb)
{
    if (!w->opts || !w->opts->grayscale)
        return rgb;
    unsigned y = ((rgb >> 16 & 255) * 299 + (rgb >> 8 & 255) * 587 + (rgb & 255) * 114 + 500) / 1000;
    return y << 16 | y << 8 | y;
}

void pdf_put_hex4(buf *b, unsigned v)
{
    static const char hx[] = "0123456789ABCDEF";
    char s[4] = {hx[(v >> 12) & 15], hx[(v >> 8) & 15], hx[(v >> 4) & 15], hx[v & 15]};
    buf_add(b, s, 4);
}

/* the 2-byte code V inside a literal string: half the bytes of hex, so half the work for
 * deflate; the string delimiters and the backslash escaped, and CR, which a reader
 * would take for an end of line */
static void put_code(buf *b, unsigned v)
{
    unsigned char c[2] = {(unsigned char)(v >> 8), (unsigned char)v};
    for (int i = 0; i < 2; i++) {
        if (c[i] == '(' || c[i] == ')' || c[i] == '\\') {
            buf_putc(b, '\\');
            buf_putc(b, (char)c[i]);
        } else if (c[i] == '\r') {
            buf_puts(b, "\\r");
        } else {
            buf_putc(b, (char)c[i]);
        }
    }
}

/* local font number (1-based) of pfont PF on page P, registering it */
static int page_font(pdf_writer *w, ppage *p, int pf)
{
    for (size_t i = 0; i < p->nf; i++)
        if (p->fonts[i] == pf)
            return (int)i + 1;
    if (p->nf == p->capf) {
        size_t nc = p->capf ? p->capf * 2 : 8;
        p->fonts = ar_grow(w->ar, p->fonts, p->capf * sizeof(int), nc * sizeof(int));
        p->capf = nc;
    }
    p->fonts[p->nf++] = pf;
    return (int)p->nf;
}

/* ---- page content ------------------------------------------------------------------- */

typedef struct pen {
    bool in_text;
    int font; /* local font number, 0 = none */
    double size;
    uint32_t fill; /* current non-stroking colour */
    double tc;     /* character spacing (Tc) */
} pen;

/* end of each glyph's cluster text, for any cluster order */
static void cluster_ends(const dl_glyph *g, size_t n, size_t len, size_t *end)
{
    for (size_t i = 0; i < n; i++) {
        size_t e = len, c = g[i].cluster;
        for (size_t j = 0; j < n; j++)
            if (g[j].cluster > c && g[j].cluster < e)
                e = g[j].cluster;
        end[i] = e;
    }
}

/* S[0..N) with its code points in reverse order into OUT (N bytes); false when S holds
 * one code point. poppler reverses the characters of right-to-left words, including the
 * several a ligature (lam-alef) or a letter with its mark stands for; a ToUnicode entry
 * written reversed comes out in logical order. */
static bool reverse_cps(const char *s, size_t n, char *out)
{
    size_t o = n, k = 0;
    for (size_t i = 0; i < n; k++) {
        uint32_t cp;
        size_t l = u8_decode(s + i, n - i, &cp);
        o -= l;
        memcpy(out + o, s + i, l);
        i += l;
    }
    return k > 1;
}

/* whether S starts with a Hebrew, Arabic, Syriac, Thaana or N'Ko letter */
static bool rtl_letter(const char *s, size_t n)
{
    uint32_t cp;
    if (n == 0)
        return false;
    u8_decode(s, n, &cp);
    return (cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) ||
           (cp >= 0xFE70 && cp <= 0xFEFF);
}

/* the K-th smallest of D[0..N) (D is reordered): Hoare's selection, the median of a run's
 * spacings without sorting them */
static double kth_smallest(double *d, size_t n, size_t k)
{
    size_t lo = 0, hi = n - 1;
    while (lo < hi) {
        double pivot = d[lo + (hi - lo) / 2];
        size_t i = lo, j = hi;
        while (i <= j) {
            while (d[i] < pivot)
                i++;
            while (d[j] > pivot)
                j--;
            if (i <= j) {
                double t = d[i];
                d[i] = d[j];
                d[j] = t;
                i++;
                if (j == 0)
                    break;
                j--;
            }
        }
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            break;
    }
    return d[k];
}

/* the code of each glyph of G[0..N), whose cluster text is TEXT[0..LEN) */
static void run_codes(pdf_writer *w, pfont *f, const dl_glyph *g, size_t n, const char *text,
                      size_t len, const size_t *end, bool rtl, unsigned *codes)
{
    size_t carrier = 0;
    for (size_t i = 0; i < n; i++) {
        size_t c = g[i].cluster < len ? g[i].cluster : len;
        size_t e = end[i] > len ? len : end[i];
        /* one glyph of a cluster carries its text: the widest (the base letter, not a
         * mark that may come first in visual order); the others stand for nothing */
        if (i == 0 || g[i - 1].cluster != g[i].cluster) {
            carrier = i;
            for (size_t j = i + 1; j < n && g[j].cluster == g[i].cluster; j++)
                if (g[j].adv > g[carrier].adv)
                    carrier = j;
        }
        const char *t = text + c;
        size_t tl = i == carrier && e > c ? e - c : 0;
        char rev[64];
        if ((rtl || rtl_letter(t, tl)) && tl > 1 && tl <= sizeof rev && reverse_cps(t, tl, rev))
            t = rev;
        codes[i] = pdf_code_for(w, f, g[i].gid, t, tl);
    }
}

/* The character spacing (Tc, in points) that most glyphs of the run share: the
 * typesetter's letter-spacing and the even tracking it justifies a line with, which it
 * rounds to 0.0001 pt as Tc is written here. With it set, a TJ array needs numbers only at
 * word spaces and kerns. 0 below a tenth of a thousandth of an em. */
static double common_spacing(const pfont *f, const dl_glyph *g, size_t n, const unsigned *codes,
                             double size)
{
    if (n < 4)
        return 0;
    double stack[256], *d = n <= 256 ? stack : malloc(n * sizeof *d);
    if (!d)
        return 0;
    for (size_t i = 0; i < n; i++)
        d[i] = g[i].adv - f->codes[codes[i]].w1000 * size / 1000;
    double m = round(kth_smallest(d, n, n / 2) * 1e4) / 1e4;
    if (d != stack)
        free(d);
    return fabs(m) * 10000 >= size ? m : 0;
}

static void draw_text(pdf_writer *w, ppage *p, buf *b, pen *st, const dl_item *it)
{
    const dl_glyph *g = it->u.text.glyphs;
    size_t n = it->u.text.n, len = it->u.text.len;
    double size = it->u.text.size;
    int pfi = pdf_pfont_for(w, it->u.text.font);
    if (!g || n == 0 || size <= 0 || pfi < 0)
        return;
    pfont *f = &w->pf[pfi];
    const char *text = it->u.text.text ? it->u.text.text : "";
    if (!it->u.text.text)
        len = 0;

    size_t stack_end[256];
    unsigned stack_codes[256];
    size_t *end = n <= 256 ? stack_end : malloc(n * sizeof *end);
    unsigned *codes = n <= 256 ? stack_codes : malloc(n * sizeof *codes);
    if (!end || !codes) {
        if (end != stack_end)
            free(end);
        if (codes != stack_codes)
            free(codes);
        return;
    }
    bool monotonic = true;
    for (size_t i = 1; i < n && monotonic; i++)
        monotonic = g[i].cluster >= g[i - 1].cluster;
    if (monotonic) { /* left to right: a cluster ends where the next begins */
        for (size_t i = n; i-- > 0;)
            end[i] = (i + 1 < n && g[i + 1].cluster > g[i].cluster) ? g[i + 1].cluster
                     : (i + 1 < n)                                  ? end[i + 1]
                                                                    : len;
    } else {
        cluster_ends(g, n, len, end);
    }
    /* right to left: clusters fall from the first glyph to the last */
    bool rtl = !monotonic;
    for (size_t i = 1; i < n && rtl; i++)
        rtl = g[i].cluster <= g[i - 1].cluster;
    run_codes(w, f, g, n, text, len, end, rtl, codes);

    if (!st->in_text) {
        buf_puts(b, "BT\n");
        st->in_text = true;
    }
    int lf = page_font(w, p, pfi);
    if (lf != st->font || size != st->size) {
        buf_printf(b, "/F%d ", lf);
        put_num(b, size, 3);
        buf_puts(b, "Tf\n");
        st->font = lf;
        st->size = size;
    }
    uint32_t fill = ink(w, it->u.text.rgb);
    if (fill != st->fill) {
        put_rgb(b, fill, "g\n", "rg\n");
        st->fill = fill;
    }
    /* positions in 1/1000 em: POS where the pen is, TARGET where the glyph must go */
    double k = 1000.0 / size, adv = 0, pos = 0, rise = 0;
    /* Tc is in text space units, the em times the size: written to 4 decimals, and the
     * pen counts what was written */
    double tc_pt = common_spacing(f, g, n, codes, size);
    if (tc_pt != st->tc) {
        put_num(b, tc_pt, 4);
        buf_puts(b, "Tc\n");
        st->tc = tc_pt;
    }
    double tc = tc_pt * k;
    buf_puts(b, "1 0 0 1 ");
    put_num(b, it->x, 3);
    put_num(b, p->h - it->y, 3);
    buf_puts(b, "Tm\n[");

    bool in_str = false;
    for (size_t i = 0; i < n; i++) {
        unsigned code = codes[i];
        double target = (adv + g[i].dx) * k;
        double d = target - pos;
        if (g[i].dy != rise) {
            buf_puts(b, in_str ? ")] TJ " : "] TJ ");
            put_num(b, g[i].dy, 3);
            buf_puts(b, "Ts [");
            in_str = false;
            rise = g[i].dy;
        }
        /* a tenth of a thousandth of an em (0.001 pt at 10 pt) is below any printer's
         * resolution; the pen keeps count, so such errors never add up. A space shows
         * nothing: the glyph after it is set instead, so a word space costs one number */
        if ((d >= 0.1 || d <= -0.1) && !(f->codes[code].blank && i + 1 < n)) {
            long long m = (long long)(-d * 10 + (d < 0 ? 0.5 : -0.5));
            if (in_str)
                buf_putc(b, ')');
            in_str = false;
            put_num(b, m / 10.0, 1);
            pos -= m / 10.0; /* a TJ number N moves the pen by -N */
        }
        if (!in_str) {
            buf_putc(b, '(');
            in_str = true;
        }
        put_code(b, pdf_code_of(code));
        pos += f->codes[code].w1000 + tc; /* the viewer advances by the /W width and Tc */
        adv += g[i].adv;
    }
    buf_puts(b, in_str ? ")] TJ" : "] TJ");
    buf_puts(b, rise != 0 ? " 0 Ts\n" : "\n");
    if (end != stack_end)
        free(end);
    if (codes != stack_codes)
        free(codes);
}

static void end_text(buf *b, pen *st)
{
    if (st->in_text) {
        buf_puts(b, "ET\n");
        st->in_text = false;
    }
}

static void flush(ppage *p, buf *b)
{
    if (b->len) {
        HPDF_Stream s = ((HPDF_PageAttr)p->page->attr)->stream;
        HPDF_Stream_Write(s, (const HPDF_BYTE *)b->data, (HPDF_UINT)b->len);
        b->len = 0;
    }
}

/* ---- images ------------------------------------------------------------------------- */

typedef struct img_seen {
    const img_ref *ref;
    HPDF_Image img;
} img_seen;

/* the pixels of raw image R converted to gray (GRAY) and/or flattened onto white paper
 * (FLAT); malloc'd, NULL when out of memory */
static unsigned char *raw_pixels(const img_ref *r, bool gray, bool flat)
{
    size_t np = (size_t)r->width * (size_t)r->height;
    int ic = r->components, oc = gray ? 1 : ic;
    unsigned char *out = malloc(np * (size_t)oc);
    if (!out)
        return NULL;
    for (size_t i = 0; i < np; i++) {
        const unsigned char *s = r->data + i * (size_t)ic;
        unsigned char *d = out + i * (size_t)oc;
        if (gray) {
            unsigned rr = s[0], g = s[0], b = s[0];
            if (ic == 3) {
                g = s[1];
                b = s[2];
            } else if (ic == 4) { /* CMYK, 0 = no ink */
                rr = (255u - s[0]) * (255u - s[3]) / 255u;
                g = (255u - s[1]) * (255u - s[3]) / 255u;
                b = (255u - s[2]) * (255u - s[3]) / 255u;
            }
            d[0] = (unsigned char)((rr * 299 + g * 587 + b * 114 + 500) / 1000);
        } else {
            memcpy(d, s, (size_t)ic);
        }
        if (flat) {
            unsigned a = r->alpha[i];
            for (int c = 0; c < oc; c++) {
                unsigned paper = oc == 4 ? 0 : 255; /* white: full light, no ink */
                d[c] = (unsigned char)((d[c] * a + paper * (255 - a) + 127) / 255);
            }
        }
    }
    return out;
}

static HPDF_Image image_load(pdf_writer *w, const img_ref *r)
{
    if (!r || !r->data || r->width <= 0 || r->height <= 0)
        return NULL;
    HPDF_Image img = NULL;
    ar_arena *tmp = NULL;
    if (r->kind == IMG_JPEG && r->components != 1 && w->opts && w->opts->grayscale) {
        tmp = ar_new(); /* a colour photo must be gray too: decode it, then as raw below */
        r = img_pixels(r, tmp);
        if (!r) {
            ar_free(tmp);
            return NULL;
        }
    }
    if (r->kind == IMG_JPEG) {
        img = HPDF_LoadJpegImageFromMem(w->pdf, r->data, (HPDF_UINT)r->len);
    } else {
        size_t need = (size_t)r->width * (size_t)r->height * (size_t)r->components;
        if ((r->components != 1 && r->components != 3 && r->components != 4) || r->len < need)
            goto done;
        bool gray = w->opts && w->opts->grayscale && r->components != 1;
        bool flat = w->opts && w->opts->pdfa && r->alpha; /* PDF/A-1: no soft masks */
        unsigned char *px = (gray || flat) ? raw_pixels(r, gray, flat) : NULL;
        if ((gray || flat) && !px)
            goto done;
        int comps = gray ? 1 : r->components;
        HPDF_ColorSpace cs = comps == 1   ? HPDF_CS_DEVICE_GRAY
                             : comps == 4 ? HPDF_CS_DEVICE_CMYK
                                          : HPDF_CS_DEVICE_RGB;
        img = HPDF_LoadRawImageFromMem(w->pdf, px ? px : r->data, (HPDF_UINT)r->width,
                                       (HPDF_UINT)r->height, cs, 8); /* copies the pixels */
        free(px);
        if (img && r->alpha && !flat) {
            HPDF_Image mask =
                HPDF_LoadRawImageFromMem(w->pdf, r->alpha, (HPDF_UINT)r->width,
                                         (HPDF_UINT)r->height, HPDF_CS_DEVICE_GRAY, 8);
            if (mask) {
                HPDF_Image_AddSMask(img, mask);
                pdf_defer_deflate(w, mask);
            }
        }
        if (img && img->filter == HPDF_STREAM_FILTER_FLATE_DECODE)
            pdf_defer_deflate(w, img);
    }
done:
    ar_free(tmp);
    return img;
}

static void draw_image(pdf_writer *w, ppage *p, const dl_item *it, img_seen *seen, size_t *n_seen,
                       size_t cap_seen)
{
    const img_ref *r = it->u.image.img;
    HPDF_Image img = NULL;
    for (size_t i = 0; i < *n_seen; i++)
        if (seen[i].ref == r)
            img = seen[i].img;
    if (!img) {
        HPDF_STATUS before = w->code;
        img = image_load(w, r);
        if (!img && !before && w->code) { /* a broken image costs the picture, not the file */
            HPDF_ResetError(w->pdf);
            w->code = w->detail = 0;
        }
        if (!img)
            return;
        if (*n_seen < cap_seen)
            seen[(*n_seen)++] = (img_seen){r, img};
    }
    HPDF_Page_DrawImage(p->page, img, (HPDF_REAL)it->x, (HPDF_REAL)(p->h - it->y - it->h),
                        (HPDF_REAL)it->w, (HPDF_REAL)it->h);
}

/* ---- links and outline -------------------------------------------------------------- */

/* URIs must be ASCII: percent-encode the rest */
static const char *uri_ascii(pdf_writer *w, const char *uri)
{
    size_t n = 0;
    for (const unsigned char *s = (const unsigned char *)uri; *s; s++)
        n += (*s <= 0x20 || *s >= 0x7F) ? 3 : 1;
    char *out = ar_alloc(w->ar, n + 1), *o = out;
    for (const unsigned char *s = (const unsigned char *)uri; *s; s++) {
        if (*s <= 0x20 || *s >= 0x7F)
            o += sprintf(o, "%%%02X", *s);
        else
            *o++ = (char)*s;
    }
    *o = '\0';
    return out;
}

/* [page /XYZ 0 top null]: null keeps the reader's zoom (libharu's SetXYZ refuses 0).
 * A direct array, written inside the link or outline item that owns it: libharu's own
 * destinations are indirect objects, which PDFBox (Preflight) cannot read as a /Dest. */
static HPDF_Destination dest_at(const ppage *p, double y)
{
    HPDF_Destination d = HPDF_Array_New(p->page->mmgr);
    if (d) {
        d->header.obj_class |= HPDF_OSUBCLASS_DESTINATION; /* what libharu validates */
        HPDF_Array_Add(d, p->page);
        HPDF_Array_AddName(d, "XYZ");
        HPDF_Array_AddReal(d, 0);
        HPDF_Array_AddReal(d, (HPDF_REAL)(p->off + p->h - y));
        HPDF_Array_Add(d, HPDF_Null_New(d->mmgr));
    }
    return d;
}

static void link_flags(HPDF_Annotation a)
{
    if (a) {
        HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
        HPDF_Dict_AddNumber(a, "F", 4); /* print flag; libharu has no call for it */
    }
}

/* an internal link to writer page TARGET, or NULL when that page does not exist yet */
static HPDF_Annotation goto_link(pdf_writer *w, HPDF_Page src, HPDF_Rect r, size_t target, double y)
{
    if (target >= w->npages)
        return NULL;
    HPDF_Destination d = dest_at(&w->pages[target], y);
    return d ? HPDF_Page_CreateLinkAnnot(src, r, d) : NULL;
}

/* Internal links count pages from the first page of their own dl_doc (BASE here); a
 * packet's contents points past it to articles added later, so those wait for pdf_end. */
static void draw_link(pdf_writer *w, const ppage *p, size_t base, const dl_item *it)
{
    double o = p->off;
    HPDF_Rect r = {(HPDF_REAL)(o + it->x), (HPDF_REAL)(o + p->h - it->y - it->h),
                   (HPDF_REAL)(o + it->x + it->w), (HPDF_REAL)(o + p->h - it->y)};
    if (it->u.link.uri) {
        link_flags(HPDF_Page_CreateURILinkAnnot(p->page, r, uri_ascii(w, it->u.link.uri)));
        return;
    }
    if (it->u.link.page < 0)
        return;
    size_t target = base + (size_t)it->u.link.page;
    if (target < w->npages) {
        link_flags(goto_link(w, p->page, r, target, it->u.link.dest_y));
        return;
    }
    if (w->n_later == w->cap_later) {
        size_t nc = w->cap_later ? w->cap_later * 2 : 16;
        w->later = ar_grow(w->ar, w->later, w->cap_later * sizeof *w->later, nc * sizeof *w->later);
        w->cap_later = nc;
    }
    w->later[w->n_later++] = (later_link){p->page, r, target, it->u.link.dest_y};
}

/* S as a PDF text string object: a literal when it is printable ASCII (unless UTF16), else
 * UTF-16BE with its byte order mark (libharu's UTF-8 encoder would do it too, but building
 * it costs 1.4M instructions and 300 KB of tables, and it drops characters beyond the BMP) */
static void *text_obj(pdf_writer *w, const char *s, bool utf16)
{
    size_t n = strlen(s);
    bool ascii = !utf16;
    for (size_t i = 0; i < n && ascii; i++)
        ascii = s[i] >= 0x20 && s[i] < 0x7f;
    if (ascii)
        return HPDF_String_New(w->pdf->mmgr, s, NULL);
    unsigned char *u = ar_alloc(w->ar, 2 + 4 * n), *o = u;
    *o++ = 0xFE;
    *o++ = 0xFF;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += u8_decode(s + i, n - i, &cp);
        if (cp == 0xFFFD || (cp >= 0xD800 && cp <= 0xDFFF))
            continue; /* not text */
        unsigned units[2];
        for (int j = 0, k = pdf_utf16(cp, units); j < k; j++) {
            *o++ = (unsigned char)(units[j] >> 8);
            *o++ = (unsigned char)units[j];
        }
    }
    return HPDF_Binary_New(w->pdf->mmgr, u, (HPDF_UINT)(o - u));
}

static void add_mark(pdf_writer *w, const ppage *p, const dl_item *it)
{
    int level = it->u.mark.level < 0 ? 0 : it->u.mark.level;
    while (w->n_outl && w->outl_level[w->n_outl - 1] >= level)
        w->n_outl--;
    HPDF_Outline parent = w->n_outl ? w->outl[w->n_outl - 1] : NULL;
    HPDF_Outline o = HPDF_CreateOutline(w->pdf, parent, "", NULL);
    if (!o)
        return;
    HPDF_Dict_Add(o, "Title", text_obj(w, it->u.mark.title ? it->u.mark.title : "", false));
    HPDF_Destination d = dest_at(p, it->y);
    if (d)
        HPDF_Outline_SetDestination(o, d);
    HPDF_Outline_SetOpened(o, level == 0 ? HPDF_TRUE : HPDF_FALSE);
    w->any_outline = true;
    if (w->n_outl < PDF_MAX_LEVELS) {
        w->outl[w->n_outl] = o;
        w->outl_level[w->n_outl++] = level;
    }
}

/* ---- pages -------------------------------------------------------------------------- */

#define MARK_GAP 3.0  /* points between the bleed edge and a crop mark */
#define MARK_LEN 15.0 /* length of a crop mark */

/* trimmed page's distance from the MediaBox edges under OPTS */
static double page_off(const a2p_opts *opts)
{
    if (!opts)
        return 0;
    return opts->bleed + (opts->crop_marks ? MARK_GAP + MARK_LEN + 3.0 : 0);
}

/* TrimBox = the page, BleedBox = trim + BLEED (libharu's SetBoxValue cannot create them,
 * pdf-stack-notes pitfall 10) */
static void set_boxes(HPDF_Page pg, double off, double pw, double ph, double bleed)
{
    HPDF_Box trim = {(HPDF_REAL)off, (HPDF_REAL)off, (HPDF_REAL)(off + pw), (HPDF_REAL)(off + ph)};
    HPDF_Box bl = {(HPDF_REAL)(off - bleed), (HPDF_REAL)(off - bleed), (HPDF_REAL)(off + pw + bleed),
                   (HPDF_REAL)(off + ph + bleed)};
    HPDF_Dict_Add(pg, "TrimBox", HPDF_Box_Array_New(pg->mmgr, trim));
    HPDF_Dict_Add(pg, "BleedBox", HPDF_Box_Array_New(pg->mmgr, bl));
}

/* two hairlines at each corner of the trimmed page, in line with its edges, outside the
 * bleed; black on every separation would need a Separation /All colour space (no libharu
 * API), so they are plain black */
static void crop_marks(buf *b, const ppage *p, double pw, double bleed)
{
    double o = p->off, x[2] = {o, o + pw}, y[2] = {o, o + p->h};
    double near = bleed + MARK_GAP, far = near + MARK_LEN;
    buf_puts(b, "q 0 G 0.25 w\n");
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) {
            double sx = i ? 1 : -1, sy = j ? 1 : -1;
            /* horizontal mark along the edge y[j], vertical along x[i] */
            put_num(b, x[i] + sx * near, 3);
            put_num(b, y[j], 3);
            buf_puts(b, "m ");
            put_num(b, x[i] + sx * far, 3);
            put_num(b, y[j], 3);
            buf_puts(b, "l S ");
            put_num(b, x[i], 3);
            put_num(b, y[j] + sy * near, 3);
            buf_puts(b, "m ");
            put_num(b, x[i], 3);
            put_num(b, y[j] + sy * far, 3);
            buf_puts(b, "l S\n");
        }
    buf_puts(b, "Q\n");
}

static void draw_page(pdf_writer *w, ppage *p, const dl_page *dp, size_t base, img_seen *seen,
                      size_t *n_seen, size_t cap_seen)
{
    buf b = {0};
    pen st = {.fill = 0};
    if (p->off > 0) { /* the display list draws the trimmed page: move it inside the bleed */
        buf_puts(&b, "q 1 0 0 1 ");
        put_num(&b, p->off, 3);
        put_num(&b, p->off, 3);
        buf_puts(&b, "cm\n");
    }
    for (size_t i = 0; i < dp->n; i++) {
        const dl_item *it = &dp->items[i];
        if (it->kind != DL_TEXT)
            end_text(&b, &st);
        switch (it->kind) {
        case DL_TEXT:
            draw_text(w, p, &b, &st, it);
            break;
        case DL_IMAGE:
            flush(p, &b);
            draw_image(w, p, it, seen, n_seen, cap_seen);
            break;
        case DL_RULE:
            buf_puts(&b, "q ");
            put_rgb(&b, ink(w, it->u.rule.rgb), "G ", "RG ");
            put_num(&b, it->u.rule.width, 3);
            buf_puts(&b, "w ");
            put_num(&b, it->x, 3);
            put_num(&b, p->h - it->y, 3);
            buf_puts(&b, "m ");
            put_num(&b, it->x + it->w, 3);
            put_num(&b, p->h - it->y - it->h, 3);
            buf_puts(&b, "l S Q\n");
            break;
        case DL_RECT:
            buf_puts(&b, "q ");
            put_rgb(&b, ink(w, it->u.rect.rgb), "g ", "rg ");
            put_num(&b, it->x, 3);
            put_num(&b, p->h - it->y - it->h, 3);
            put_num(&b, it->w, 3);
            put_num(&b, it->h, 3);
            buf_puts(&b, "re f Q\n");
            break;
        case DL_LINK:
            draw_link(w, p, base, it);
            break;
        case DL_MARK:
            add_mark(w, p, it);
            break;
        default:
            break;
        }
    }
    end_text(&b, &st);
    if (p->off > 0)
        buf_puts(&b, "Q\n");
    if (w->opts && w->opts->crop_marks)
        crop_marks(&b, p, dp->w, w->opts->bleed);
    flush(p, &b);
    buf_free(&b);
}

/* the Info dictionary's text keys, by PDF_INFO_*; values are text_obj()s */
static const char *const info_keys[PDF_INFO_KEYS] = {"Title",    "Author",  "Subject",
                                                      "Keywords", "Creator", "Producer"};

/* the Info dictionary's entry K (PDF_INFO_*): S, kept in W->info for the XMP and /ID too.
 * libharu makes the dictionary with its first entry. */
static void info_str(pdf_writer *w, int k, const char *s)
{
    if (!w->pdf->info)
        HPDF_SetInfoAttr(w->pdf, HPDF_INFO_PRODUCER, "article2pdf " A2P_VERSION);
    w->info[k] = ar_strdup(w->ar, s);
    if (w->pdf->info)
        HPDF_Dict_Add(w->pdf->info, info_keys[k], text_obj(w, s, false));
}

static void set_info(pdf_writer *w, const art_doc *doc)
{
    HPDF_Doc pdf = w->pdf;
    const char *title = w->opts && w->opts->title && *w->opts->title ? w->opts->title
                        : doc                                        ? doc->headline
                                                                     : NULL;
    if (title && *title)
        info_str(w, PDF_INFO_TITLE, title);
    if (doc) {
        if (doc->n_authors) {
            buf a = {0};
            for (size_t i = 0; i < doc->n_authors; i++) {
                if (i)
                    buf_puts(&a, ", ");
                buf_puts(&a, doc->authors[i]);
            }
            if (a.len)
                info_str(w, PDF_INFO_AUTHOR, a.data);
            buf_free(&a);
        }
        if (doc->deck && *doc->deck)
            info_str(w, PDF_INFO_SUBJECT, doc->deck);
        if (doc->section && *doc->section)
            info_str(w, PDF_INFO_KEYWORDS, doc->section);
        if (doc->source && *doc->source)
            info_str(w, PDF_INFO_CREATOR, doc->source);
    }
    info_str(w, PDF_INFO_PRODUCER, "article2pdf " A2P_VERSION);
    time_t t = w->opts ? (time_t)w->opts->source_date : 0;
    struct tm tm;
    if (t > 0 && gmtime_r(&t, &tm)) {
        /* UTC as +00'00': libharu's 'Z' breaks PDF/A (pdf-stack-notes pitfall 7) */
        HPDF_Date d = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                       tm.tm_sec,         '+',           0,          0};
        HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, d);
        HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, d);
    }
}

pdf_writer *pdf_begin(fnt_env *fonts, const a2p_opts *opts, a2p_err *err)
{
    if (!fonts) {
        err_set(err, 1, "PDF", "no font table");
        return NULL;
    }
    pdf_writer *w = calloc(1, sizeof *w);
    if (!w) {
        err_set(err, 1, "PDF", "out of memory");
        return NULL;
    }
    w->fonts = fonts;
    w->opts = opts;
    w->ar = ar_new();
    w->pdf = HPDF_New(on_error, w);
    if (!w->pdf) {
        ar_free(w->ar);
        free(w);
        err_set(err, 1, "PDF", "cannot create a PDF document");
        return NULL;
    }
    HPDF_SetCompressionMode(w->pdf, HPDF_COMP_ALL);
    if (!pdf_check(w, "starting the document", err)) {
        pdf_abort(w);
        return NULL;
    }
    return w;
}

/* ---- --attach-source ----------------------------------------------------------------- */

/* Embed the file PATH (once per path). libharu 2.3.0 writes /Type /F and the whole path as
 * the name: fix the type, name it by its last component (also /UF), describe it. */
static bool attach(pdf_writer *w, const char *path, a2p_err *err)
{
    for (size_t i = 0; i < w->n_attached; i++)
        if (strcmp(w->attached[i], path) == 0)
            return true;
    HPDF_EmbeddedFile ef = HPDF_AttachFile(w->pdf, path);
    if (!ef)
        return pdf_check(w, "attaching the source", err) &&
               err_set(err, 1, path, "cannot attach this file");
    const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    HPDF_Dict_AddName(ef, "Type", "Filespec");
    HPDF_Dict_Add(ef, "F", HPDF_String_New(w->pdf->mmgr, base, NULL));
    HPDF_Dict_Add(ef, "UF", text_obj(w, base, true)); /* Unicode by definition */
    HPDF_Dict_Add(ef, "Desc",
                  HPDF_String_New(w->pdf->mmgr, "The input this PDF was made from", NULL));
    HPDF_Dict fs = HPDF_Dict_GetItem(ef, "EF", HPDF_OCLASS_DICT);
    HPDF_Dict st = fs ? HPDF_Dict_GetItem(fs, "F", HPDF_OCLASS_DICT) : NULL;
    if (st && dot) {
        const char *mime = strcmp(dot, ".html") == 0 || strcmp(dot, ".htm") == 0 ? "text/html"
                           : strcmp(dot, ".xml") == 0                          ? "application/xml"
                                                                               : NULL;
        HPDF_Dict_AddName(st, "Type", "EmbeddedFile");
        if (mime)
            HPDF_Dict_AddName(st, "Subtype", mime);
    }
    if (w->n_attached == w->cap_attached) {
        size_t nc = w->cap_attached ? w->cap_attached * 2 : 8;
        w->attached = ar_grow(w->ar, w->attached, w->cap_attached * sizeof *w->attached,
                              nc * sizeof *w->attached);
        w->cap_attached = nc;
    }
    w->attached[w->n_attached++] = ar_strdup(w->ar, path);
    return pdf_check(w, "attaching the source", err);
}

/* a readable regular file at P (not a URL, not standard input), else NULL */
static const char *local_file(const char *p)
{
    struct stat sb;
    if (!p || !*p || strcmp(p, "-") == 0 || strstr(p, "://"))
        return NULL;
    return stat(p, &sb) == 0 && S_ISREG(sb.st_mode) && access(p, R_OK) == 0 ? p : NULL;
}

/* the file to attach for DOC: opts->attach_path, else the file the article was read from,
 * else its source when that is a local file (an XML article names a URL as its source:
 * the XML file itself is attached then) */
static const char *attach_path(const pdf_writer *w, const art_doc *doc)
{
    if (w->opts->attach_path)
        return w->opts->attach_path;
    const char *p = doc ? local_file(doc->input) : NULL;
    return p ? p : doc ? local_file(doc->source) : NULL;
}

bool pdf_add(pdf_writer *w, const art_doc *doc, const dl_doc *pages, a2p_err *err)
{
    if (!w || !pages)
        return err_set(err, 1, "PDF", "nothing to write");
    if (!w->info_done) {
        set_info(w, doc);
        w->info_done = true;
    } else if (w->opts && w->opts->attach_source && !w->opts->pdfa) {
        /* articles after a packet's front matter (whose art_doc is made up) */
        const char *ap = attach_path(w, doc);
        if (ap && !attach(w, ap, err))
            return false;
    }
    if (w->npages == 0 && w->opts && w->opts->attach_source && !w->opts->pdfa &&
        !w->opts->packet) {
        const char *ap = attach_path(w, doc);
        if (ap && !attach(w, ap, err))
            return false;
    }
    /* all pages first, so internal links can point forward */
    size_t first = w->npages;
    for (size_t i = 0; i < pages->n; i++) {
        if (w->npages == w->cap_pages) {
            size_t nc = w->cap_pages ? w->cap_pages * 2 : 16;
            w->pages =
                ar_grow(w->ar, w->pages, w->cap_pages * sizeof *w->pages, nc * sizeof *w->pages);
            w->cap_pages = nc;
        }
        const dl_page *dp = &pages->pages[i];
        HPDF_Page pg = HPDF_AddPage(w->pdf);
        if (!pg)
            return pdf_check(w, "adding a page", err) && err_set(err, 1, "PDF", "cannot add a page");
        pdf_defer_deflate(w, ((HPDF_PageAttr)pg->attr)->contents);
        double off = page_off(w->opts);
        HPDF_Page_SetWidth(pg, (HPDF_REAL)(dp->w + 2 * off));
        HPDF_Page_SetHeight(pg, (HPDF_REAL)(dp->h + 2 * off));
        if (off > 0)
            set_boxes(pg, off, dp->w, dp->h, w->opts->bleed);
        w->pages[w->npages++] = (ppage){.page = pg, .h = dp->h, .off = off};
    }
    img_seen seen[64];
    size_t n_seen = 0;
    for (size_t i = 0; i < pages->n; i++) {
        draw_page(w, &w->pages[first + i], &pages->pages[i], first, seen, &n_seen,
                  sizeof seen / sizeof seen[0]);
        if (!pdf_check(w, "writing a page", err))
            return false;
    }
    return true;
}

/* ---- PDF/A-1b (pdf-stack-notes §7) ------------------------------------------------- */

static void xml_put(buf *b, const char *t)
{
    for (; t && *t; t++) {
        switch (*t) {
        case '&':
            buf_puts(b, "&amp;");
            break;
        case '<':
            buf_puts(b, "&lt;");
            break;
        case '>':
            buf_puts(b, "&gt;");
            break;
        case '"':
            buf_puts(b, "&quot;");
            break;
        default:
            if ((unsigned char)*t >= 0x20 || *t == '\t' || *t == '\n')
                buf_putc(b, *t);
        }
    }
}

/* libharu's XMP packet holds the Info values unescaped ('&' in a title makes it
 * unparseable) under a /SubType key: write it again from the same Info values */
static void pdfa_xmp(pdf_writer *w)
{
    static const struct {
        int k;
        const char *open, *close;
    } f[] = {
        {PDF_INFO_TITLE, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">",
         "</rdf:li></rdf:Alt></dc:title>\n"},
        {PDF_INFO_AUTHOR, "<dc:creator><rdf:Seq><rdf:li>", "</rdf:li></rdf:Seq></dc:creator>\n"},
        {PDF_INFO_SUBJECT, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">",
         "</rdf:li></rdf:Alt></dc:description>\n"},
        {PDF_INFO_KEYWORDS, "<pdf:Keywords>", "</pdf:Keywords>\n"},
        {PDF_INFO_PRODUCER, "<pdf:Producer>", "</pdf:Producer>\n"},
        {PDF_INFO_CREATOR, "<xmp:CreatorTool>", "</xmp:CreatorTool>\n"},
    };
    HPDF_Dict meta = HPDF_Dict_GetItem(w->pdf->catalog, "Metadata", HPDF_OCLASS_DICT);
    if (!meta)
        return;
    buf b = {0};
    buf_puts(&b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                 "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                 "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                 "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                 "xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" "
                 "xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n");
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        const char *v = w->info[f[i].k]; /* the UTF-8 we set */
        if (!v || !*v)
            continue;
        buf_puts(&b, f[i].open);
        xml_put(&b, v);
        buf_puts(&b, f[i].close);
    }
    time_t t = w->opts ? (time_t)w->opts->source_date : 0;
    struct tm tm;
    if (t > 0 && gmtime_r(&t, &tm)) {
        char d[40];
        strftime(d, sizeof d, "%Y-%m-%dT%H:%M:%S+00:00", &tm);
        buf_printf(&b, "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n",
                   d, d);
    }
    buf_puts(&b, "<pdfaid:part>1</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n"
                 "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
    HPDF_Dict_RemoveElement(meta, "SubType");
    HPDF_Dict_AddName(meta, "Subtype", "XML");
    HPDF_MemStream_FreeData(meta->stream);
    HPDF_Stream_Write(meta->stream, (const HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
    buf_free(&b);
}

/* S and its NUL into MD5 (nothing for NULL) */
static void md5_str(HPDF_MD5_CTX *md5, const char *s)
{
    if (s)
        HPDF_MD5Update(md5, (const HPDF_BYTE *)s, (HPDF_UINT32)strlen(s) + 1);
}

/* The trailer /ID as an MD5 of the document's metadata, date and page contents: libharu's
 * mixes in the time of day, which would break SOURCE_DATE_EPOCH reproducibility */
static void pdfa_id(pdf_writer *w)
{
    static const int keys[] = {PDF_INFO_TITLE,   PDF_INFO_AUTHOR,  PDF_INFO_SUBJECT,
                               PDF_INFO_KEYWORDS, PDF_INFO_CREATOR, PDF_INFO_PRODUCER};
    HPDF_MD5_CTX md5;
    HPDF_MD5Init(&md5);
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        md5_str(&md5, w->info[keys[i]]);
    md5_str(&md5, HPDF_GetInfoAttr(w->pdf, HPDF_INFO_CREATION_DATE));
    for (size_t p = 0; p < w->npages; p++) {
        HPDF_Stream st = ((HPDF_PageAttr)w->pages[p].page->attr)->stream;
        HPDF_UINT32 n = HPDF_Stream_Size(st);
        HPDF_MD5Update(&md5, (const HPDF_BYTE *)&n, sizeof n);
    }
    HPDF_BYTE id[16];
    HPDF_MD5Final(id, &md5);
    HPDF_Array arr = HPDF_Array_New(w->pdf->mmgr);
    if (arr) {
        HPDF_Array_Add(arr, HPDF_Binary_New(w->pdf->mmgr, id, sizeof id));
        HPDF_Array_Add(arr, HPDF_Binary_New(w->pdf->mmgr, id, sizeof id));
        HPDF_Dict_Add(w->pdf->trailer, "ID", arr);
    }
}

static bool pdfa_finish(pdf_writer *w, a2p_err *err)
{
    static const char *const icc_paths[] = {"/usr/share/color/icc/sRGB.icc",
                                            "/usr/share/color/icc/ghostscript/srgb.icc"};
    const char *icc_path = NULL;
    for (size_t i = 0; i < sizeof icc_paths / sizeof icc_paths[0] && !icc_path; i++)
        if (access(icc_paths[i], R_OK) == 0)
            icc_path = icc_paths[i];
    if (!icc_path)
        return err_set(err, 1, icc_paths[0],
                       "PDF/A needs an sRGB ICC profile (Debian package icc-profiles-free)");
    /* XMP from the Info values set by now, and the trailer /ID. libharu's own XMP reads
     * the entries as its strings: ours (UTF-16 ones are binary) are out of its way while
     * it runs, and pdfa_xmp() writes the packet again from W->info */
    for (int k = 0; k < PDF_INFO_KEYS; k++)
        if (w->info[k] && w->pdf->info)
            HPDF_Dict_RemoveElement(w->pdf->info, info_keys[k]);
    HPDF_STATUS st = HPDF_PDFA_SetPDFAConformance(w->pdf, HPDF_PDFA_1B);
    for (int k = 0; k < PDF_INFO_KEYS; k++)
        if (w->info[k] && w->pdf->info)
            HPDF_Dict_Add(w->pdf->info, info_keys[k], text_obj(w, w->info[k], false));
    if (st != HPDF_OK || HPDF_GetError(w->pdf) != HPDF_OK)
        return err_set(err, 1, "PDF", "libharu error 0x%04X while making PDF/A", (unsigned)st);
    pdfa_xmp(w);
    pdfa_id(w);
    HPDF_OutputIntent icc = HPDF_LoadIccProfileFromFile(w->pdf, icc_path, 3);
    if (!icc || HPDF_PDFA_AppendOutputIntents(w->pdf, "sRGB IEC61966-2.1", icc) != HPDF_OK)
        return pdf_check(w, "adding the output intent", err) &&
               err_set(err, 1, icc_path, "cannot use this ICC profile");
    /* libharu names the key "DestOutputProfile " (with a space): store it cleanly */
    HPDF_Array intents = HPDF_Dict_GetItem(w->pdf->catalog, "OutputIntents", HPDF_OCLASS_ARRAY);
    HPDF_Dict intent = intents ? HPDF_Array_GetItem(intents, 0, HPDF_OCLASS_DICT) : NULL;
    if (intent) {
        HPDF_Dict_RemoveElement(intent, "DestOutputProfile ");
        HPDF_Dict_Add(intent, "DestOutputProfile", icc);
    }
    return pdf_check(w, "making PDF/A", err);
}

static bool finish(pdf_writer *w, a2p_err *err)
{
    pdf_font_subset_all(w);
    for (size_t i = 0; i < w->npf; i++)
        if (w->pf[i].n && !pdf_font_finish(w, &w->pf[i], err))
            return false;
    /* register each page's fonts in first-use order: libharu names them F1, F2... */
    for (size_t p = 0; p < w->npages; p++) {
        const ppage *pg = &w->pages[p];
        for (size_t i = 0; i < pg->nf; i++) {
            const char *got = HPDF_Page_GetLocalFontName(pg->page, w->pf[pg->fonts[i]].font);
            char want[32];
            snprintf(want, sizeof want, "F%zu", i + 1);
            if (!got || strcmp(got, want) != 0)
                return pdf_check(w, "naming fonts", err) &&
                       err_set(err, 1, "PDF", "font resource %s named %s", want,
                               got ? got : "(none)");
        }
    }
    for (size_t i = 0; i < w->n_later; i++) /* links past the end stay out */
        link_flags(goto_link(w, w->later[i].src, w->later[i].r, w->later[i].target, w->later[i].y));
    if (w->any_outline)
        HPDF_SetPageMode(w->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
    /* Page labels as printed: packets number their pages from the cover on (packet.c
     * prints those folios and lists them in the contents), so decimal from 1 throughout. */
    HPDF_AddPageLabel(w->pdf, 0, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, NULL);
    if (w->opts && w->opts->pdfa && !pdfa_finish(w, err))
        return false;
    return pdf_deflate_all(w, err) && pdf_check(w, "finishing the document", err);
}

static bool write_all(FILE *fp, HPDF_Doc pdf)
{
    HPDF_ResetStream(pdf);
    HPDF_BYTE chunk[65536];
    for (;;) {
        HPDF_UINT32 n = sizeof chunk;
        HPDF_STATUS st = HPDF_ReadFromStream(pdf, chunk, &n);
        if (n > 0 && fwrite(chunk, 1, n, fp) != n)
            return false;
        if (st == HPDF_STREAM_EOF || n == 0)
            return true;
        if (st != HPDF_OK)
            return false;
    }
}

bool pdf_end(pdf_writer *w, const char *path, a2p_err *err)
{
    if (!w)
        return err_set(err, 1, path ? path : "-", "no PDF writer");
    bool ok = finish(w, err);
    if (ok && w->npages == 0)
        ok = err_set(err, 1, path, "no pages to write");
    if (ok) {
        HPDF_SaveToStream(w->pdf);
        ok = pdf_check(w, "saving", err);
    }
    struct stat target;
    bool special = path && strcmp(path, "-") != 0 && stat(path, &target) == 0 &&
                   !S_ISREG(target.st_mode); /* /dev/null, a FIFO: never renamed over */
    if (ok && (!path || strcmp(path, "-") == 0)) {
        ok = write_all(stdout, w->pdf) && fflush(stdout) == 0;
        if (!ok)
            err_set(err, 1, "-", "cannot write to standard output: %s", strerror(errno));
    } else if (ok && special) {
        FILE *fp = S_ISDIR(target.st_mode) ? NULL : fopen(path, "wb");
        ok = fp && write_all(fp, w->pdf);
        if (fp && fclose(fp) != 0)
            ok = false;
        if (!ok)
            err_set(err, 1, path, "cannot write: %s",
                    S_ISDIR(target.st_mode) ? "is a directory" : strerror(errno ? errno : EIO));
    } else if (ok) {
        size_t n = strlen(path);
        char *tmp = malloc(n + 16);
        int fd = -1;
        if (tmp) {
            snprintf(tmp, n + 16, "%s.tmp-XXXXXX", path);
            fd = mkstemp(tmp);
        }
        if (fd < 0) {
            ok = err_set(err, 1, path, "cannot create output: %s", strerror(errno));
        } else {
            mode_t um = umask(0);
            umask(um);
            fchmod(fd, 0666 & ~um);
            FILE *fp = fdopen(fd, "wb");
            ok = fp && write_all(fp, w->pdf);
            if (fp && fclose(fp) != 0)
                ok = false;
            else if (!fp)
                close(fd);
            if (!ok)
                err_set(err, 1, path, "cannot write: %s", strerror(errno ? errno : EIO));
            if (ok && rename(tmp, path) != 0)
                ok = err_set(err, 1, path, "cannot rename the output into place: %s",
                             strerror(errno));
            if (!ok)
                unlink(tmp);
        }
        free(tmp);
    }
    pdf_abort(w);
    return ok;
}

void pdf_abort(pdf_writer *w)
{
    if (!w)
        return;
    for (size_t i = 0; i < w->npf; i++) {
        free(w->pf[i].sub); /* subsets a failed finish() left unused */
        free(w->pf[i].sub_gid);
    }
    if (w->pdf)
        HPDF_Free(w->pdf);
    ar_free(w->ar);
    free(w);
}
