/* test_pdf.c - the PDF writer on a display list built by hand (no parser, no typesetter):
 * text back through pdftotext without warnings, fonts embedded and small, a clean
 * qpdf --check, document information, links, outline, images, reproducible bytes. */
#include "harness.h"
#include "font.h"
#include "image.h"
#include "pdf_out.h"
#include "u8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static fnt_env *fonts;
static ar_arena *ar;
static double end_l1, end_l5; /* where the typesetter says lines 1 and 5 end */

/* one line of text at (X, Y) in font FONT, split into runs by fallback font; returns the
 * advance. EXTRA is added to every space (justification). */
static double line(dl_doc *d, dl_page *p, int font, double x, double y, double size, const char *s,
                   double extra)
{
    size_t n = strlen(s), i = 0;
    double x0 = x;
    while (i < n) {
        uint32_t cp;
        u8_decode(s + i, n - i, &cp);
        int f = fnt_fallback(fonts, font, cp);
        if (f < 0)
            f = font;
        size_t j = i;
        while (j < n) { /* extend the run while the same font covers the characters */
            size_t k = u8_decode(s + j, n - j, &cp);
            int g = fnt_fallback(fonts, font, cp);
            if (g != f && g >= 0)
                break;
            j += k;
        }
        dl_glyph *gl;
        double w;
        size_t ng = fnt_shape(fonts, f, size, s + i, j - i, "en", false, ar, &gl, &w);
        for (size_t k = 0; k < ng; k++)
            if (s[i + gl[k].cluster] == ' ') {
                gl[k].adv += (float)extra;
                w += extra;
            }
        dl_item *it = dl_item_add(d, p, DL_TEXT);
        it->x = x;
        it->y = y;
        it->w = w;
        it->h = size;
        it->u.text.font = f;
        it->u.text.size = size;
        it->u.text.rgb = 0x202020;
        it->u.text.text = s + i;
        it->u.text.len = j - i;
        it->u.text.glyphs = gl;
        it->u.text.n = ng;
        x += w;
        i = j;
    }
    return x - x0;
}

static char *run(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    if (!p)
        return strdup("");
    size_t cap = 1 << 16, n = 0;
    char *out = malloc(cap);
    size_t k;
    while ((k = fread(out + n, 1, cap - n - 1, p)) > 0) {
        n += k;
        if (n + 1 == cap)
            out = realloc(out, cap *= 2);
    }
    out[n] = '\0';
    pclose(p);
    return out;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *d = malloc((size_t)n + 1);
    *len = fread(d, 1, (size_t)n, f);
    d[*len] = '\0';
    fclose(f);
    return d;
}

/* largest /FontFile2 stream (compressed bytes) and how many there are */
static long font_file_max(const char *pdf, size_t len, int *count)
{
    long max = 0;
    *count = 0;
    for (const char *p = pdf; (p = memmem(p, len - (size_t)(p - pdf), "/FontFile2 ", 11));
         p += 11) {
        int obj = atoi(p + 11);
        char key[32];
        int kl = snprintf(key, sizeof key, "\n%d 0 obj", obj);
        const char *o = memmem(pdf, len, key, (size_t)kl);
        const char *l = o ? memmem(o, 200, "/Length ", 8) : NULL;
        if (l) {
            long v = atol(l + 8);
            int ref, gen;
            if (sscanf(l + 8, "%d %d R", &ref, &gen) == 2) { /* indirect length */
                kl = snprintf(key, sizeof key, "\n%d 0 obj\n", ref);
                const char *lo = memmem(pdf, len, key, (size_t)kl);
                v = lo ? atol(lo + kl) : 0;
            }
            (*count)++;
            if (v > max)
                max = v;
        }
    }
    return max;
}

/* value of FIELD in pdfinfo output, "" when absent (static buffer) */
static const char *field(const char *info, const char *name)
{
    static char v[256];
    v[0] = '\0';
    size_t n = strlen(name);
    for (const char *l = info; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
        if (strncmp(l, name, n) == 0 && l[n] == ':') {
            const char *s = l + n + 1;
            while (*s == ' ')
                s++;
            size_t k = strcspn(s, "\n");
            snprintf(v, sizeof v, "%.*s", (int)k, s);
            break;
        }
    }
    return v;
}

static const char *L1 = "\xe2\x80\x9cQuoted\xe2\x80\x9d words \xe2\x80\x94 a dash \xe2\x80\x93 and "
                        "\xe2\x80\x98single\xe2\x80\x99 quotes, it\xe2\x80\x99s AVATAR Toy";
static const char *L2 = "Accented capitals: \xc7\x95 \xc3\x89"
                        "cole \xc3\x85ngstr\xc3\xb6m \xc2\xbd cup \xe2\x9c\x93 done";
static const char *L3 = "\xce\x95\xce\xbb\xce\xbb\xce\xb7\xce\xbd\xce\xb9\xce\xba\xce\xac "
                        "\xd0\x9d\xd0\xbe\xd0\xb2\xd0\xbe\xd1\x81\xd1\x82\xd0\xb8";
static const char *L4 = "The official office waffles";
static const char *L5 = "justified words spread wide";

static bool write_doc_with(const char *path, const a2p_opts *opts, a2p_err *err)
{
    dl_doc *d = dl_doc_new(ar);
    dl_page *p1 = dl_page_add(d, 595.276, 841.89);
    int serif = fnt_find(fonts, "serif", false, false);
    int bold = fnt_find(fonts, "serif", true, false);
    int dejavu = fnt_find(fonts, "DejaVu Serif", false, false);

    dl_item *m = dl_item_add(d, p1, DL_MARK);
    m->x = 72, m->y = 60, m->u.mark.level = 0, m->u.mark.title = "Headline \xe2\x80\x93 \xc3\x9c";
    line(d, p1, bold, 72, 80, 18, "Test headline", 0);
    double w1 = line(d, p1, serif, 72, 110, 11, L1, 0);
    end_l1 = 72 + w1;
    dl_item *lk = dl_item_add(d, p1, DL_LINK);
    lk->x = 72, lk->y = 100, lk->w = w1, lk->h = 13,
    lk->u.link.uri = "https://example.org/a b?x=1&y=\xc3\xa9";
    line(d, p1, dejavu, 72, 130, 11, L2, 0);
    line(d, p1, serif, 72, 150, 11, L3, 0);
    line(d, p1, dejavu, 72, 170, 11, L4, 0);
    end_l5 = 72 + line(d, p1, serif, 72, 190, 11, L5, 3);
    dl_item *r = dl_item_add(d, p1, DL_RULE);
    r->x = 72, r->y = 200, r->w = 451, r->h = 0, r->u.rule.width = 0.5, r->u.rule.rgb = 0x808080;
    dl_item *rc = dl_item_add(d, p1, DL_RECT);
    rc->x = 72, rc->y = 210, rc->w = 100, rc->h = 20, rc->u.rect.rgb = 0xDDEEFF;
    m = dl_item_add(d, p1, DL_MARK);
    m->x = 72, m->y = 240, m->u.mark.level = 1, m->u.mark.title = "Section one";

    /* a 4x2 RGB image with alpha */
    static const unsigned char px[4 * 2 * 3] = {255, 0,   0,   0,   255, 0, 0,   0,
                                                255, 255, 255, 0,   0,   0, 0,   128,
                                                128, 128, 255, 255, 255, 0, 255, 255};
    static const unsigned char al[8] = {255, 255, 128, 128, 255, 0, 255, 255};
    static img_ref img = {.kind = IMG_RAW,
                          .width = 4,
                          .height = 2,
                          .components = 3,
                          .data = px,
                          .len = sizeof px,
                          .alpha = al,
                          .name = "test"};
    dl_item *im = dl_item_add(d, p1, DL_IMAGE);
    im->x = 72, im->y = 250, im->w = 80, im->h = 40, im->u.image.img = &img;

    dl_page *p2 = dl_page_add(d, 595.276, 841.89);
    m = dl_item_add(d, p2, DL_MARK);
    m->x = 72, m->y = 72, m->u.mark.level = 1, m->u.mark.title = "Section two";
    line(d, p2, serif, 72, 90, 11, "Second page, back to the first.", 0);
    dl_item *gl = dl_item_add(d, p2, DL_LINK);
    gl->x = 72, gl->y = 80, gl->w = 200, gl->h = 13, gl->u.link.page = 0, gl->u.link.dest_y = 60;

    art_doc *doc = art_doc_new(ar);
    doc->headline = "Test headline \xe2\x80\x94 \xc3\x9c"
                    "ber";
    doc->deck = "A deck";
    doc->section = "News / Tests";
    doc->source = "tests/unit/test_pdf.c";
    art_doc_add_author(doc, "Ann Example");
    art_doc_add_author(doc, "Bo Sample");
    pdf_writer *w = pdf_begin(fonts, opts, err);
    if (!w)
        return false;
    if (!pdf_add(w, doc, d, err)) {
        pdf_abort(w);
        return false;
    }
    return pdf_end(w, path, err);
}

static bool write_doc(const char *path, a2p_err *err)
{
    a2p_opts opts = {.source_date = 1700000000};
    return write_doc_with(path, &opts, err);
}

int main(void)
{
    a2p_err err = {0};
    fonts = fnt_env_new("fonts", &err);
    ar = ar_new();
    CHECK(fonts != NULL, "fonts");
    if (!fonts)
        return 1;
    char dir[] = "/tmp/a2p-test-pdf-XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    char path[256], path2[256], cmd[1024];
    snprintf(path, sizeof path, "%s/out.pdf", dir);
    snprintf(path2, sizeof path2, "%s/again.pdf", dir);

    bool ok = write_doc(path, &err);
    CHECK(ok, "pdf written");
    if (!ok) {
        printf("error: %s: %s\n", err.where, err.msg);
        return 1;
    }

    /* text back, exactly, and no warnings from poppler */
    snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 %s - 2>%s/err.txt", path, dir);
    char *txt = run(cmd);
    snprintf(cmd, sizeof cmd, "cat %s/err.txt", dir);
    char *errs = run(cmd);
    CHECK_STR(errs, "", "pdftotext prints no warning");
    CHECK(strstr(txt, L1) != NULL, "curly quotes, dashes, kerning pairs extract");
    CHECK(strstr(txt, L2) != NULL, "accented capitals, fallback font and \xc2\xbd extract");
    CHECK(strstr(txt, L3) != NULL, "Greek and Cyrillic extract");
    CHECK(strstr(txt, L4) != NULL, "ligatures expand");
    CHECK(strstr(txt, L5) != NULL, "justified line keeps its words");
    CHECK(strstr(txt, "Second page") != NULL, "second page");
    if (!strstr(txt, L2))
        printf("pdftotext said:\n%s\n", txt);
    free(txt);
    free(errs);

    /* kerning and justification show exactly: the viewer's glyph boxes end where the
     * display list says */
    snprintf(cmd, sizeof cmd,
             "pdftotext -bbox %s - 2>&1 | grep -E '>(Toy|wide)</word>' | sed "
             "'s/.*xMax=\"\\([0-9.]*\\)\".*/\\1/'",
             path);
    char *bb = run(cmd);
    double x_toy = 0, x_wide = 0;
    sscanf(bb, "%lf %lf", &x_toy, &x_wide);
    printf("# line ends: %.3f (want %.3f), %.3f (want %.3f)\n", x_toy, end_l1, x_wide, end_l5);
    CHECK(x_toy > end_l1 - 0.02 && x_toy < end_l1 + 0.02, "kerned line ends where laid out");
    CHECK(x_wide > end_l5 - 0.02 && x_wide < end_l5 + 0.02, "justified line ends where laid out");
    free(bb);

    /* fonts: all embedded, subset, ToUnicode; each face small */
    snprintf(cmd, sizeof cmd, "pdffonts %s 2>&1", path);
    char *pf = run(cmd);
    int faces = 0, emb = 0;
    for (char *l = pf, *e; *l; l = e + 1) {
        e = strchr(l, '\n');
        if (!e)
            break;
        *e = '\0';
        if (strstr(l, "CID TrueType")) {
            faces++;
            if (strstr(l, "Identity-H       yes yes yes"))
                emb++;
        }
        *e = '\n';
    }
    CHECK(faces >= 4 && emb == faces, "every face embedded, subset, with ToUnicode");
    if (emb != faces || faces < 4)
        printf("%s", pf);
    free(pf);
    size_t len;
    char *raw = slurp(path, &len);
    int nff = 0;
    long biggest = raw ? font_file_max(raw, len, &nff) : 0;
    printf("# %d embedded faces, largest font file %ld bytes, PDF %zu bytes\n", nff, biggest, len);
    CHECK(nff == faces && biggest > 0 && biggest <= 15 * 1024, "each embedded face <= 15 KB");
    CHECK(raw && memmem(raw, len, "begincidrange", 13) == NULL, "no cidrange in any CMap left");

    /* structure */
    snprintf(cmd, sizeof cmd, "qpdf --check %s 2>&1", path);
    char *q = run(cmd);
    CHECK(strstr(q, "No syntax or stream encoding errors found") && !strstr(q, "WARNING"),
          "qpdf --check clean");
    free(q);
    snprintf(cmd, sizeof cmd, "pdfinfo %s 2>&1", path);
    char *info = run(cmd);
    CHECK_STR(field(info, "Title"),
              "Test headline \xe2\x80\x94 \xc3\x9c"
              "ber",
              "Title");
    CHECK_STR(field(info, "Author"), "Ann Example, Bo Sample", "Author");
    CHECK_STR(field(info, "Subject"), "A deck", "Subject");
    CHECK_STR(field(info, "Keywords"), "News / Tests", "Keywords");
    CHECK_STR(field(info, "Creator"), "tests/unit/test_pdf.c", "Creator");
    CHECK(strncmp(field(info, "Producer"), "article2pdf ", 12) == 0, "Producer");
    CHECK_STR(field(info, "Pages"), "2", "two pages");
    CHECK_STR(field(info, "Page size"), "595.276 x 841.89 pts (A4)", "page size");
    free(info);
    CHECK(raw && memmem(raw, len, "D:20231114221320+00'00'", 23),
          "creation date from SOURCE_DATE_EPOCH, UTC");
    snprintf(cmd, sizeof cmd,
             "qpdf --qdf --object-streams=disable %s - 2>/dev/null | grep -a -c 'URI "
             "(https://example.org/a%%20b?x=1&y=%%C3%%A9)'",
             path);
    char *uri = run(cmd);
    CHECK(atoi(uri) == 1, "URI percent-encoded");
    free(uri);
    CHECK(raw && memmem(raw, len, "/PageMode /UseOutlines", 22), "outline shown");
    {
        /* bleed 10pt + crop marks: the page moves 10 + 21 points in; links, destinations
         * and the boxes move with it */
        char pb[256];
        snprintf(pb, sizeof pb, "%s/bleed.pdf", dir);
        a2p_opts ob = {.source_date = 1700000000, .bleed = 10, .crop_marks = true};
        a2p_err eb = {0};
        CHECK(write_doc_with(pb, &ob, &eb), "written with bleed and crop marks");
        snprintf(cmd, sizeof cmd,
                 "pdfinfo -box %s 2>/dev/null | grep -E '^(MediaBox|BleedBox|TrimBox):' | tr -s ' '",
                 pb);
        char *bx = run(cmd);
        CHECK_STR(bx,
                  "MediaBox: 0.00 0.00 657.28 903.89\nBleedBox: 21.00 21.00 636.28 882.89\n"
                  "TrimBox: 31.00 31.00 626.28 872.89\n",
                  "MediaBox grows, BleedBox = trim + bleed, TrimBox = the page");
        free(bx);
        snprintf(cmd, sizeof cmd,
                 "qpdf --qdf --object-streams=disable %s - 2>/dev/null | "
                 "grep -a -c '^    103$'",
                 pb);
        char *mv = run(cmd);
        CHECK(atoi(mv) >= 1, "link rectangles moved by the offset");
        free(mv);
        size_t lb = 0;
        char *rb = slurp(pb, &lb);
        CHECK(rb && memmem(rb, lb, "/XYZ 0 812.89", 13), "destinations moved by the offset");
        free(rb);
        unlink(pb);
    }
    snprintf(cmd, sizeof cmd,
             "qpdf --qdf --object-streams=disable %s - 2>/dev/null | grep -a -c '/F 4'", path);
    char *fl = run(cmd);
    CHECK(atoi(fl) == 2, "both link annotations carry the print flag");
    free(fl);
    snprintf(cmd, sizeof cmd,
             "qpdf --json --json-key=outlines %s | python3 -c 'import json,sys\n"
             "def walk(o, l):\n"
             "    for e in o: print(l, e[\"title\"], e[\"destpageposfrom1\"]); walk(e[\"kids\"], l "
             "+ 1)\n"
             "walk(json.load(sys.stdin)[\"outlines\"], 0)' 2>&1",
             path);
    char *outl = run(cmd);
    CHECK_STR(outl, "0 Headline \xe2\x80\x93 \xc3\x9c 1\n1 Section one 1\n1 Section two 2\n",
              "outline: levels nest, titles in UTF-8, pages right");
    free(outl);
    CHECK(raw && memmem(raw, len, "/XYZ 0 781.89001 null ]", 23),
          "destinations keep the reader's zoom");
    snprintf(cmd, sizeof cmd, "python3 tests/tools/pdflinks.py %s 2>&1", path);
    char *links = run(cmd);
    CHECK_STR(links, "2 1\n", "internal link from page 2 lands on page 1");
    free(links);
    int borders = 0;
    for (const char *b = raw;
         b && (b = memmem(b, len - (size_t)(b - raw), "/Border [ 0 0 0 ]", 17)); b++)
        borders++;
    CHECK(borders == 2, "links without border");
    snprintf(cmd, sizeof cmd, "pdfimages -list %s 2>&1 | grep -c 'smask'", path);
    fl = run(cmd);
    CHECK(atoi(fl) == 1, "image with soft mask");
    free(fl);

    static const char smask[] = "/ColorSpace /DeviceGray\n/Width 4\n/Height 2\n"
                                "/BitsPerComponent 8\n/Filter /FlateDecode";
    CHECK(raw && memmem(raw, len, smask, sizeof smask - 1), "soft mask compressed");

    /* every glyph prints: render page 1 and look for ink in the accented-capitals line */
    snprintf(cmd, sizeof cmd,
             "pdftoppm -r 72 -gray -f 1 -l 1 -y 118 -H 16 -x 72 -W 450 %s 2>&1 | tail -c 7200 | od "
             "-An -tu1 -v | tr -s ' ' '\\n' | awk '$1 != \"\" && $1 < 128 {n++} END {print n+0}'",
             path);
    fl = run(cmd);
    CHECK(atoi(fl) > 100, "accented line has ink");
    free(fl);

    /* same input, same date: same bytes */
    ok = write_doc(path2, &err);
    size_t len2;
    char *raw2 = ok ? slurp(path2, &len2) : NULL;
    CHECK(raw && raw2 && len == len2 && memcmp(raw, raw2, len) == 0, "byte-identical output");
    free(raw);
    free(raw2);

    /* failure: an unwritable target leaves nothing behind */
    a2p_err e2 = {0};
    snprintf(path2, sizeof path2, "%s/no/such/dir/x.pdf", dir);
    CHECK(!write_doc(path2, &e2) && e2.status == 1, "unwritable target is an error");
    snprintf(cmd, sizeof cmd, "ls %s | wc -l", dir);
    fl = run(cmd);
    CHECK(atoi(fl) == 3, "no temporary file left");
    free(fl);

    /* right to left: a run in visual order extracts in logical order, the lam-alef
     * ligature and a letter with its mark included */
    {
        static const char *ar_text = "\xd8\xa5\xd9\x86\xd9\x87 \xd9\x84\xd8\xa7 "
                                     "\xd8\xaa\xd8\xa7\xd8\xb2\xd9\x87\xd9\x94";
        dl_doc *d = dl_doc_new(ar);
        dl_page *pg = dl_page_add(d, 300, 100);
        int naskh = fnt_find(fonts, "Noto Naskh Arabic", false, false);
        dl_glyph *g;
        double wd;
        size_t ng = fnt_shape(fonts, naskh, 14, ar_text, strlen(ar_text), "ar", true, ar, &g, &wd);
        dl_item *it = dl_item_add(d, pg, DL_TEXT);
        it->x = 20, it->y = 50, it->w = wd, it->h = 14, it->u.text.font = naskh,
        it->u.text.size = 14;
        it->u.text.text = ar_text, it->u.text.len = strlen(ar_text), it->u.text.glyphs = g,
        it->u.text.n = ng;
        a2p_opts opts = {.source_date = 1};
        a2p_err e5 = {0};
        snprintf(path2, sizeof path2, "%s/rtl.pdf", dir);
        pdf_writer *w = pdf_begin(fonts, &opts, &e5);
        bool ok5 = naskh >= 0 && ng > 0 && w && pdf_add(w, NULL, d, &e5) && pdf_end(w, path2, &e5);
        CHECK(ok5, "right-to-left run written");
        snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 %s - 2>&1", path2);
        char *t = run(cmd);
        CHECK(strstr(t, ar_text) != NULL, "right-to-left text extracts in logical order");
        if (!strstr(t, ar_text))
            printf("# got: %s\n", t);
        free(t);
        unlink(path2);
    }

    /* nested composite glyphs (pitfall 1): DejaVu's U+01D5 is U+00DC plus a macron, and
     * U+00DC is U plus a diaeresis; both accent layers must print above the capital */
    {
        dl_doc *d = dl_doc_new(ar);
        dl_page *pg = dl_page_add(d, 60, 60);
        int dv = fnt_find(fonts, "DejaVu Serif", false, false);
        dl_glyph *g;
        double wd;
        size_t ng = fnt_shape(fonts, dv, 40, "\xc7\x95", 2, NULL, false, ar, &g, &wd);
        dl_item *it = dl_item_add(d, pg, DL_TEXT);
        it->x = 10, it->y = 55, it->w = wd, it->h = 40, it->u.text.font = dv, it->u.text.size = 40;
        it->u.text.text = "\xc7\x95", it->u.text.len = 2, it->u.text.glyphs = g, it->u.text.n = ng;
        a2p_opts opts = {.source_date = 1};
        a2p_err e6 = {0};
        snprintf(path2, sizeof path2, "%s/nested.pdf", dir);
        pdf_writer *w = pdf_begin(fonts, &opts, &e6);
        bool ok6 = dv >= 0 && ng == 1 && w && pdf_add(w, NULL, d, &e6) && pdf_end(w, path2, &e6);
        CHECK(ok6, "nested composite written");
        /* rows 0-19 at 72 dpi lie above the cap height (55 - 0.73 * 40 = 26) */
        snprintf(cmd, sizeof cmd,
                 "pdftoppm -r 72 -gray -H 20 %s | tail -c 1200 | od -An -tu1 -v | "
                 "tr -s ' ' '\\n' | awk '$1 != \"\" && $1 < 128 {n++} END {print n+0}'",
                 path2);
        char *ink = run(cmd);
        CHECK(atoi(ink) > 40, "macron and diaeresis both print");
        free(ink);
        unlink(path2);
    }

    /* nonsense in the list: a glyph the face lacks, a NaN position, an unknown font */
    {
        dl_doc *d = dl_doc_new(ar);
        dl_page *pg = dl_page_add(d, 200, 200);
        static dl_glyph bad[2] = {{.gid = 60000, .adv = 5}, {.gid = 36, .adv = 5, .cluster = 1}};
        dl_item *it = dl_item_add(d, pg, DL_TEXT);
        it->x = 0.0 / 0.0, it->y = 50, it->u.text.font = 0, it->u.text.size = 10;
        it->u.text.text = "AB", it->u.text.len = 2, it->u.text.glyphs = bad, it->u.text.n = 2;
        it = dl_item_add(d, pg, DL_TEXT);
        it->x = 10, it->y = 80, it->u.text.font = 9999, it->u.text.size = 10;
        it->u.text.text = "AB", it->u.text.len = 2, it->u.text.glyphs = bad, it->u.text.n = 2;
        a2p_opts opts = {.source_date = 1};
        a2p_err e4 = {0};
        snprintf(path2, sizeof path2, "%s/bad.pdf", dir);
        pdf_writer *w = pdf_begin(fonts, &opts, &e4);
        bool ok4 = w && pdf_add(w, NULL, d, &e4) && pdf_end(w, path2, &e4);
        CHECK(ok4, "bad glyph, NaN position, unknown font: still a PDF");
        snprintf(cmd, sizeof cmd,
                 "qpdf --check %s 2>&1 | grep -c 'No syntax or stream encoding errors'", path2);
        fl = run(cmd);
        CHECK(atoi(fl) == 1, "and qpdf finds nothing wrong");
        free(fl);
        unlink(path2);
    }

    /* 7000 distinct glyphs of one face: 7000 codes, /W and CIDToGIDMap entries */
    {
        enum { N = 7000 };
        dl_doc *d = dl_doc_new(ar);
        int cjk = fnt_fallback(fonts, fnt_find(fonts, "serif", false, false), 0x4E2D);
        char *text = ar_alloc(ar, N + 1);
        dl_glyph *g = ar_alloc(ar, N * sizeof *g);
        memset(text, 'x', N);
        dl_page *pg = NULL;
        for (int i = 0; i < N; i++)
            g[i] = (dl_glyph){.gid = (uint32_t)(100 + i), .adv = 5, .cluster = (uint32_t)(i % 100)};
        for (int k = 0; k < N / 100; k++) { /* 100 glyphs a line, 70 lines a page */
            if (k % 70 == 0)
                pg = dl_page_add(d, 595, 842);
            dl_item *it = dl_item_add(d, pg, DL_TEXT);
            it->x = 20, it->y = 20 + 11 * (k % 70), it->h = 5;
            it->u.text.font = cjk, it->u.text.size = 5;
            it->u.text.text = text + 100 * k, it->u.text.len = 100;
            it->u.text.glyphs = g + 100 * k, it->u.text.n = 100;
        }
        a2p_opts opts = {.source_date = 1};
        a2p_err e3 = {0};
        snprintf(path2, sizeof path2, "%s/many.pdf", dir);
        pdf_writer *w = pdf_begin(fonts, &opts, &e3);
        bool ok3 = cjk >= 0 && w && pdf_add(w, NULL, d, &e3) && pdf_end(w, path2, &e3);
        if (!ok3)
            printf("error: %s\n", e3.msg);
        CHECK(ok3, "7000 distinct glyphs of one face written");
        snprintf(cmd, sizeof cmd, "pdftotext %s - 2>&1 | tr -cd x | wc -c", path2);
        fl = run(cmd);
        CHECK(atoi(fl) == N, "7000 glyphs extract");
        free(fl);
        if (!getenv("A2P_KEEP"))
            unlink(path2);
    }

    if (!getenv("A2P_KEEP")) {
        snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
        if (system(cmd) != 0)
            printf("could not remove %s\n", dir);
    } else {
        printf("# kept %s\n", path);
    }
    ar_free(ar);
    fnt_env_free(fonts);
    printf("%d passed, %d failed\n", t_pass, t_fail);
    return t_done();
}
