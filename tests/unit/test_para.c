/* test_para.c - Knuth-Plass line breaking (ts_para.c) on synthetic items: no fonts; then
 * paragraphs through ts_items.c with the project's fonts (run from the repository root):
 * soft hyphens under hyphens auto/manual/none, and a drop cap's lines. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "ts_int.h"

typedef struct para {
    ts_item it[4096];
    size_t n;
} para;

static void box(para *p, double w)
{
    p->it[p->n++] = (ts_item){.kind = TS_BOX, .w = w, .piece = -1};
}

static void glue(para *p)
{
    p->it[p->n++] = (ts_item){.kind = TS_GLUE, .w = 3, .stretch = 1.5, .shrink = 1, .piece = -1};
}

static void hyphen(para *p, double pen)
{
    p->it[p->n++] = (ts_item){.kind = TS_PENALTY, .w = 2, .penalty = pen, .flagged = true, .piece = -1};
}

static void finish(para *p)
{
    p->it[p->n++] = (ts_item){.kind = TS_GLUE, .fil = true, .stretch = 1, .piece = -1};
    p->it[p->n++] = (ts_item){.kind = TS_PENALTY, .penalty = -TS_INF_PENALTY, .piece = -1};
}

/* P anew: N words of width W between the usual spaces, finished */
static void words(para *p, int n, double w)
{
    p->n = 0;
    for (int i = 0; i < n; i++) {
        if (i)
            glue(p);
        box(p, w);
    }
    finish(p);
}

/* every line within [-1, max_r] and none wider than W; the count of flagged line ends and
 * the longest run of them */
static bool lines_ok(const para *p, const size_t *br, size_t lines, double w, double max_r,
                     int *hyph, int *run)
{
    size_t from = 0;
    int cur = 0;
    *hyph = *run = 0;
    for (size_t l = 0; l < lines; l++) {
        double nat;
        double r = ts_line_ratio(p->it, from, br[l], w, &nat);
        if (nat > w + 1e-6 && r < -1 - 1e-9)
            return false;
        if (l + 1 < lines && (r < -1 - 1e-9 || r > max_r))
            return false;
        bool fl = p->it[br[l]].kind == TS_PENALTY && p->it[br[l]].flagged;
        cur = fl ? cur + 1 : 0;
        *hyph += fl;
        if (cur > *run)
            *run = cur;
        from = ts_line_start(p->it, p->n, br[l]);
    }
    return true;
}

static unsigned rng = 12345;
static unsigned rnd(void)
{
    rng = rng * 1103515245u + 12345u;
    return (rng >> 16) & 0x7fff;
}


/* ---- paragraphs with fonts --------------------------------------------------------------- */

typedef struct fx {
    ts_ctx cx;
    ts_env env;
    sty_sheet *st;
    art_doc *doc;
    a2p_err err;
} fx;

/* lines set from TEXT in block B at width W into VL; the count of lines ending in "-" */
static size_t set_para(fx *f, const char *text, const sty_block *b, double w, ts_vlist *vl,
                       const ts_drop *drop, int *hyphens)
{
    art_run r = {.text = text, .len = strlen(text)};
    ts_para p;
    ar_reset(f->cx.scratch);
    if (!ts_para_build(&f->cx, &r, b, 0, w, &p))
        return 0;
    p.drop = drop;
    size_t start = vl->n;
    size_t lines = ts_para_lines(&f->cx, &p, b, 0, w, vl);
    *hyphens = 0;
    for (size_t i = start; i < vl->n; i++) {
        const ts_vbox *vb = vl->v[i];
        const dl_item *last = NULL;
        for (size_t k = 0; k < vb->n_ops; k++)
            if (vb->ops[k].kind == DL_TEXT && (!last || vb->ops[k].x > last->x))
                last = &vb->ops[k];
        if (i + 1 < vl->n && last && last->u.text.len && last->u.text.text[last->u.text.len - 1] == '-')
            (*hyphens)++;
    }
    return lines;
}

static void font_tests(void)
{
    ar_arena *far = ar_new();
    fx f = {0};
    f.env.fonts = fnt_env_new("fonts", &f.err);
    f.env.hyph = hyph_env_new();
    CHECK(f.env.fonts != NULL, "para/fonts: font table from fonts/");
    if (!f.env.fonts) {
        hyph_env_free(f.env.hyph);
        ar_free(far);
        return;
    }
    f.doc = art_doc_new(far);
    f.doc->lang = "de";
    f.st = sty_default(far);
    f.cx = (ts_ctx){.doc = f.doc, .st = f.st, .env = &f.env, .ar = far, .scratch = ar_new(),
                    .lang = "de", .err = &f.err};
    sty_block b = f.st->role[STY_BODY];
    b.align = STY_LEFT;
    /* soft hyphens in words that fit the line; one long word without any */
    const char *shy = "Die Donau\xC2\xAD" "dampf\xC2\xAD" "schiff\xC2\xAD" "fahrt und die Kapi\xC2\xAD"
                      "t\xC3\xA4ne der Fluss\xC2\xAD" "kreuz\xC2\xAD" "fahrten fahren heute ab. ";
    char text[2048] = "";
    for (int i = 0; i < 6; i++)
        strcat(text, shy);
    const char *plain = "Die Weltmeisterschaft und die Versicherungsgesellschaften "
                        "verhandeln seit Wochen \xC3\xBC" "ber Entsch\xC3\xA4" "digungen. ";
    char text2[2048] = "";
    for (int i = 0; i < 6; i++)
        strcat(text2, plain);
    int hy;
    ts_vlist vl = {0};

    b.hyphenate = false, b.hyphens_none = false; /* manual */
    size_t lines = set_para(&f, text, &b, 110, &vl, NULL, &hy);
    CHECK(lines > 5 && hy > 0, "para/hyphens manual: lines end at soft hyphens");
    vl.n = 0;
    set_para(&f, text2, &b, 110, &vl, NULL, &hy);
    CHECK(hy == 0, "para/hyphens manual: no dictionary hyphenation");
    vl.n = 0;
    b.hyphens_none = true; /* none */
    lines = set_para(&f, text, &b, 110, &vl, NULL, &hy);
    CHECK(lines > 5 && hy == 0, "para/hyphens none: not even at soft hyphens");
    vl.n = 0;
    b.hyphenate = true, b.hyphens_none = false; /* auto */
    set_para(&f, text2, &b, 110, &vl, NULL, &hy);
    CHECK(hy > 0, "para/hyphens auto: dictionary hyphenation");
    vl.n = 0;
    set_para(&f, text, &b, 110, &vl, NULL, &hy);
    CHECK(hy > 0, "para/hyphens auto: soft hyphens too");

    /* a drop cap of three lines: a letter over twice the body size in the first line's
     * box, lines 1-3 moved right by its width, line 4 at the left edge, lines 2-3 kept
     * with line 1, the text without the letter */
    b = f.st->role[STY_BODY];
    vl.n = 0;
    ts_drop dc;
    const art_run whole = {.text = text2, .len = strlen(text2)};
    const art_run *rest;
    f.cx.ar = far;
    bool dropped = ts_drop_cap(&f.cx, &whole, 3, &dc, &rest);
    CHECK(dropped && dc.len == 1 && dc.text[0] == 'D' && rest && rest->text[0] == 'i',
          "para/drop cap: the first letter split off");
    lines = dropped ? set_para(&f, rest->text, &b, 160, &vl, &dc, &hy) : 0;
    CHECK(lines >= 5 && vl.n >= 5, "para/drop cap: paragraph set");
    if (lines >= 5 && vl.n >= 5) {
        double big = 0, x[5] = {0};
        for (size_t k = 0; k < vl.v[0]->n_ops; k++)
            if (vl.v[0]->ops[k].kind == DL_TEXT && vl.v[0]->ops[k].u.text.size > big)
                big = vl.v[0]->ops[k].u.text.size;
        for (int l = 0; l < 5; l++) {
            x[l] = 1e9;
            for (size_t k = 0; k < vl.v[l]->n_ops; k++)
                if (vl.v[l]->ops[k].kind == DL_TEXT && vl.v[l]->ops[k].u.text.size < big &&
                    vl.v[l]->ops[k].x < x[l])
                    x[l] = vl.v[l]->ops[k].x;
        }
        CHECK(big > 2 * b.size, "para/drop cap: the letter is over twice the body size");
        CHECK(x[0] > 10 && fabs(x[1] - x[0]) < 1e-6 && fabs(x[2] - x[0]) < 1e-6,
              "para/drop cap: lines 1-3 indented alike");
        CHECK(fabs(x[3]) < 1e-6 && fabs(x[4]) < 1e-6, "para/drop cap: line 4 at full measure");
        CHECK(vl.v[1]->keep_prev && vl.v[2]->keep_prev, "para/drop cap: its lines kept together");
    }
    /* a paragraph shorter than its drop cap still takes the cap's lines */
    vl.n = 0;
    const art_run tiny = {.text = "Ja.", .len = 3};
    dropped = ts_drop_cap(&f.cx, &tiny, 3, &dc, &rest);
    lines = dropped ? set_para(&f, rest->text, &b, 160, &vl, &dc, &hy) : 0;
    CHECK(dropped && lines == 3 && vl.n == 3, "para/drop cap: short paragraph padded to 3 lines");
    const art_run quote = {.text = "\xE2\x80\x9CNo,\xE2\x80\x9D she said.", .len = 19};
    dropped = ts_drop_cap(&f.cx, &quote, 2, &dc, &rest);
    CHECK(dropped && dc.len == 4 && rest->text[0] == 'o', "para/drop cap: opening quote goes along");
    const art_run digit = {.text = "- nothing", .len = 9};
    CHECK(!ts_drop_cap(&f.cx, &digit, 2, &dc, &rest) && rest == &digit,
          "para/drop cap: none before a dash");

    ar_free(f.cx.scratch);
    fnt_env_free(f.env.fonts);
    hyph_env_free(f.env.hyph);
    ar_free(far);
}

int main(void)
{
    ar_arena *ar = ar_new();
    static para p;
    size_t *br;

    /* six words of 10 with 3-pt spaces in a 36-pt measure: three words a line, exactly */
    words(&p, 6, 10);
    ts_para_opts o = {.line_w = 36, .tolerance = 100};
    size_t lines = ts_break_paragraph(p.it, p.n, &o, ar, &br);
    CHECK(lines == 2, "para: two lines");
    CHECK(lines == 2 && br[0] == 5 && br[1] == p.n - 1, "para: break at the third space");
    CHECK(lines == 2 && fabs(ts_line_ratio(p.it, 0, br[0], 36, NULL)) < 1e-9,
          "para: first line set at natural width");

    /* a hyphen point that is not needed is not used: the spaces absorb the difference */
    p.n = 0;
    box(&p, 10), glue(&p), box(&p, 10), glue(&p), box(&p, 5), hyphen(&p, 50), box(&p, 5);
    glue(&p), box(&p, 10), glue(&p), box(&p, 10);
    finish(&p);
    lines = ts_break_paragraph(p.it, p.n, &o, ar, &br);
    CHECK(lines == 2 && p.it[br[0]].kind == TS_GLUE, "para: needless hyphen avoided");

    /* the same hyphen point is taken when the line would otherwise be far too loose */
    o.line_w = 32;
    lines = ts_break_paragraph(p.it, p.n, &o, ar, &br);
    CHECK(lines >= 2 && p.it[br[0]].kind == TS_PENALTY && p.it[br[0]].flagged,
          "para: hyphen used when it saves a loose line");
    int hy, run;
    CHECK(lines_ok(&p, br, lines, 32, 1.0, &hy, &run), "para: hyphenated set within tolerance");

    /* a forbidden break (infinite penalty) is never chosen */
    p.it[4].penalty = TS_INF_PENALTY;
    lines = ts_break_paragraph(p.it, p.n, &o, ar, &br);
    bool used = false;
    for (size_t l = 0; l < lines; l++)
        used |= br[l] == 4;
    CHECK(!used, "para: infinite penalty respected");

    /* a word wider than the measure: no feasible set at normal tolerance; the emergency
     * pass still breaks, with one overfull line, and nothing is lost */
    p.n = 0;
    box(&p, 10), glue(&p), box(&p, 80), glue(&p), box(&p, 10), glue(&p), box(&p, 10);
    finish(&p);
    o = (ts_para_opts){.line_w = 40, .tolerance = 100};
    CHECK(ts_break_paragraph(p.it, p.n, &o, ar, &br) == 0, "para: infeasible at tolerance 100");
    ts_stats stats = {0};
    lines = ts_break_best(p.it, p.n, &(ts_measure){.line_w = 40}, false, ar, &br, &stats);
    CHECK(lines >= 2 && br[lines - 1] == p.n - 1, "para: emergency pass ends at the end");
    CHECK(stats.overfull == 1, "para: exactly the long word's line is overfull");
    CHECK(stats.passes == 4, "para: four passes taken");

    /* loose text: the emergency stretch lets a paragraph of long words through without
     * overfull lines */
    words(&p, 8, 27);
    memset(&stats, 0, sizeof stats);
    lines = ts_break_best(p.it, p.n, &(ts_measure){.line_w = 40}, false, ar, &br, &stats);
    CHECK(lines == 8 && stats.overfull == 0, "para: emergency stretch, no overfull line");

    /* many random paragraphs with hyphen points in every long word: never a run of three
     * hyphenated lines, never a line shrunk beyond its shrink */
    int worst = 0, total_hy = 0, bad = 0;
    size_t total_lines = 0, overfull = 0;
    for (int k = 0; k < 300; k++) {
        p.n = 0;
        int words = 30 + (int)(rnd() % 60);
        for (int i = 0; i < words; i++) {
            if (i)
                glue(&p);
            int parts = 1 + (int)(rnd() % 4);
            for (int q = 0; q < parts; q++) {
                if (q)
                    hyphen(&p, 50);
                box(&p, 6 + rnd() % 12);
            }
        }
        finish(&p);
        ar_reset(ar);
        memset(&stats, 0, sizeof stats);
        lines = ts_break_best(p.it, p.n, &(ts_measure){.line_w = 160}, false, ar, &br, &stats);
        overfull += stats.overfull;
        total_lines += lines;
        if (!lines_ok(&p, br, lines, 160, 1e9, &hy, &run))
            bad++;
        total_hy += hy;
        if (run > worst)
            worst = run;
    }
    CHECK(total_lines > 1000, "para: random paragraphs set");
    CHECK(total_hy > 0, "para: random paragraphs do hyphenate");
    CHECK(worst <= 2, "para: never three hyphenated lines in a row");
    CHECK(overfull == 0, "para: random paragraphs have no overfull line");
    CHECK(bad == 0, "para: random paragraphs never over-shrunk");

    /* ragged right: natural spaces, lines never wider than the measure */
    p.n = 0;
    for (int i = 0; i < 40; i++) {
        if (i)
            glue(&p);
        box(&p, 8 + rnd() % 20);
    }
    finish(&p);
    lines = ts_break_best(p.it, p.n, &(ts_measure){.line_w = 120}, true, ar, &br, NULL);
    bool fit = lines > 3;
    size_t from = 0;
    for (size_t l = 0; l < lines; l++) {
        double nat;
        ts_line_ratio(p.it, from, br[l], 120, &nat);
        fit = fit && nat <= 120 + 1e-6;
        from = ts_line_start(p.it, p.n, br[l]);
    }
    CHECK(fit, "para: ragged lines within the measure");


    /* a hanging indent (a drop cap of three lines): lines 1..3 are 100 pt, the rest 160;
     * forty 17-pt words (20 with a space): five a line, then eight; the narrow lines
     * really are narrow, the fourth takes the full measure */
    words(&p, 40, 17);
    double hang[3] = {100, 100, 100};
    ts_measure hm = {.line_w = 160, .widths = hang, .n_widths = 3};
    ar_reset(ar);
    memset(&stats, 0, sizeof stats);
    lines = ts_break_best(p.it, p.n, &hm, false, ar, &br, &stats);
    double natw[16] = {0};
    from = 0;
    bool within = lines >= 5 && lines < 16;
    for (size_t l = 0; l < lines && l < 16; l++) {
        double r = ts_line_ratio(p.it, from, br[l], ts_measure_width(&hm, l), &natw[l]);
        within = within && (l + 1 == lines || (r >= -1 - 1e-9 && r <= 1.5));
        from = ts_line_start(p.it, p.n, br[l]);
    }
    CHECK(within, "para: hanging indent, every line set within its own width");
    CHECK(natw[0] <= 100 + 1e-6 && natw[1] <= 100 + 1e-6 && natw[2] <= 100 + 1e-6 &&
              natw[0] > 80,
          "para: lines 1-3 fit the narrow measure");
    CHECK(natw[3] > 120, "para: line 4 takes the full measure");
    CHECK(stats.overfull == 0, "para: hanging indent, no overfull line");
    CHECK(ts_measure_width(&hm, 2) == 100 && ts_measure_width(&hm, 3) == 160,
          "para: ts_measure_width honours the widths, then the measure");

    /* the same paragraph through ts_break_paragraph: one width list of one measure breaks
     * exactly as no list at all (the breaker is unchanged without a hanging indent) */
    double same[3] = {160, 160, 160};
    o = (ts_para_opts){.line_w = 160, .tolerance = 100};
    size_t *b1, *b2;
    size_t l1 = ts_break_paragraph(p.it, p.n, &o, ar, &b1);
    o.widths = same;
    o.n_widths = 3;
    size_t l2 = ts_break_paragraph(p.it, p.n, &o, ar, &b2);
    bool eq = l1 == l2 && l1 > 0;
    for (size_t l = 0; eq && l < l1; l++)
        eq = b1[l] == b2[l];
    CHECK(eq, "para: equal widths break as one measure");

    /* a narrow first line only: what fits in 60 pt goes on line 1 (three words), and the
     * paragraph is one line longer than in the plain measure when it needs to be */
    double one[1] = {60};
    o.widths = one;
    o.n_widths = 1;
    o.tolerance = 400;
    l2 = ts_break_paragraph(p.it, p.n, &o, ar, &b2);
    double n0 = 0;
    CHECK(l2 > 0, "para: one narrow line, feasible");
    if (l2 > 0) {
        ts_line_ratio(p.it, 0, b2[0], 60, &n0);
        CHECK(n0 <= 60 + 1e-6 && n0 >= 37, "para: first line set in 60 pt");
    }

    font_tests();

    ar_free(ar);
    printf("test_para: %d passed, %d failed\n", t_pass, t_fail);
    return t_done();
}
