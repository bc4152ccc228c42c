/* ts_para.c - Knuth-Plass total-fit line breaking over box/glue/penalty items.
 * Knows no font library: widths come in the items (ts_items.c builds them).
 *
 * The classic algorithm (Knuth & Plass 1981, TeX's §813-890). A node is a break position
 * plus the class of the line that ends there (fitness 0..3 x hyphenated-run length 0..2).
 * Keeping the run length in the node state lets us forbid a third hyphenated line in a row
 * outright instead of only discouraging it. Lines may differ in width for the first few
 * (ts_para_opts.widths: TeX's \parshape with the last width repeated, as a drop cap's
 * hanging indent needs); while they do, a node also carries the number of the line that
 * follows it, and breaks reached with different line numbers stay different nodes (TeX's
 * "easy_line", §847). Past the last given width every line is alike and the state is the
 * same as with one measure. */
#include "ts_int.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define LINE_PENALTY 10.0
#define ADJ_DEMERITS 10000.0    /* adjacent lines of very different tightness */
#define DOUBLE_HYPHEN 10000.0   /* two hyphenated lines in a row */
#define FINAL_HYPHEN 5000.0     /* hyphen in the last-but-one line */
#define MAX_HYPHEN_RUN 2
#define PASS1_TOLERANCE 60 /* r <= 0.84: word spaces at most ~1.42 x natural */
#define N_CLASS (4 * (MAX_HYPHEN_RUN + 1))
#define N_ROWS (TS_MAX_WIDTHS + 1) /* line numbers a node can carry: 0..TS_MAX_WIDTHS */

typedef struct node {
    size_t pos;          /* item index of the break (n = start of paragraph) */
    int fit, hyrun;
    size_t line;         /* the line after this break, capped at the widths' count */
    double tw, ty, tz;   /* sums of widths/stretch/shrink from the start to the line's start */
    int tf;
    double demerits;
    struct node *prev;   /* the break before, for the chosen chain */
    struct node *next;   /* active list */
} node;

typedef struct sums {
    double w, y, z;
    int f; /* fil glues */
} sums;

static double badness(double r)
{
    if (r < 0)
        r = -r;
    double b = 100.0 * r * r * r;
    return b > 10000.0 ? 10000.0 : b;
}

static int fitness(double r)
{
    if (r < -0.5)
        return 0;
    if (r <= 0.5)
        return 1;
    if (r <= 1.0)
        return 2;
    return 3;
}

/* Totals at the start of the line that follows a break at B: the sums before B plus the
 * discardable glue and penalties that vanish after a break. */
static sums after_break(const ts_item *it, size_t n, size_t b, const sums *pre)
{
    sums s = pre[b];
    for (size_t j = b; j < n; j++) {
        if (it[j].kind == TS_BOX)
            break;
        if (it[j].kind == TS_PENALTY && it[j].penalty <= -TS_INF_PENALTY && j > b)
            break;
        if (it[j].kind == TS_GLUE) {
            s.w += it[j].w;
            s.y += it[j].fil ? 0 : it[j].stretch;
            s.z += it[j].shrink;
            s.f += it[j].fil;
        }
    }
    return s;
}

size_t ts_line_start(const ts_item *items, size_t n, size_t b)
{
    size_t j = b + 1;
    while (j < n && items[j].kind != TS_BOX &&
           !(items[j].kind == TS_PENALTY && items[j].penalty <= -TS_INF_PENALTY))
        j++;
    return j;
}

double ts_line_ratio(const ts_item *items, size_t from, size_t to, double line_w,
                     double *natural)
{
    double w = 0, y = 0, z = 0;
    bool fil = false;
    for (size_t j = from; j < to; j++) {
        const ts_item *t = &items[j];
        if (t->kind == TS_PENALTY)
            continue;
        w += t->w;
        if (t->fil)
            fil = true;
        else
            y += t->stretch;
        z += t->shrink;
    }
    if (items[to].kind == TS_PENALTY)
        w += items[to].w;
    if (natural)
        *natural = w;
    if (w < line_w)
        return fil ? 0 : (y > 0 ? (line_w - w) / y : 0);
    if (w > line_w)
        return z > 0 ? (line_w - w) / z : 0;
    return 0;
}

/* Width of line L (0-based) under O. */
static double width_of(const ts_para_opts *o, size_t l)
{
    return o->widths && l < o->n_widths && l < TS_MAX_WIDTHS ? o->widths[l] : o->line_w;
}

double ts_measure_width(const ts_measure *m, size_t l)
{
    return m->widths && l < m->n_widths && l < TS_MAX_WIDTHS ? m->widths[l] : m->line_w;
}

size_t ts_break_paragraph(const ts_item *it, size_t n, const ts_para_opts *o,
                          ar_arena *scratch, size_t **breaks)
{
    *breaks = NULL;
    if (n == 0)
        return 0;
    size_t nw = o->widths ? (o->n_widths > TS_MAX_WIDTHS ? TS_MAX_WIDTHS : o->n_widths) : 0;
    size_t rows = nw + 1; /* one row of candidates per line number; 1 for one measure */
    sums *pre = ar_alloc(scratch, (n + 1) * sizeof *pre);
    for (size_t i = 0; i < n; i++) {
        pre[i + 1] = pre[i];
        if (it[i].kind != TS_PENALTY)
            pre[i + 1].w += it[i].w;
        if (it[i].kind != TS_PENALTY) { /* boxes may stretch a little too (letter spacing) */
            if (it[i].fil)
                pre[i + 1].f++;
            else
                pre[i + 1].y += it[i].stretch;
            pre[i + 1].z += it[i].shrink;
        }
    }

    node *active = ar_alloc(scratch, sizeof *active); /* the paragraph's start */
    active->fit = 1;
    node *best_final = NULL;

    for (size_t i = 0; i < n && active; i++) {
        const ts_item *t = &it[i];
        double pen = 0;
        bool legal = false;
        if (t->kind == TS_GLUE)
            legal = i > 0 && it[i - 1].kind == TS_BOX;
        else if (t->kind == TS_PENALTY && t->penalty < TS_INF_PENALTY) {
            legal = true;
            pen = t->penalty;
        }
        if (!legal)
            continue;
        bool forced = t->kind == TS_PENALTY && pen <= -TS_INF_PENALTY;
        bool flagged = t->kind == TS_PENALTY && t->flagged;

        node *cand[N_ROWS][N_CLASS];
        double cand_d[N_ROWS][N_CLASS];
        bool any = false;
        for (size_t q = 0; q < rows; q++)
            memset(cand[q], 0, sizeof cand[q]);
        node *prev = NULL;
        for (node *a = active; a;) {
            node *next = a->next;
            double lw = width_of(o, a->line);
            double L = pre[i].w - a->tw + (t->kind == TS_PENALTY ? t->w : 0);
            double r;
            bool fil = pre[i].f > a->tf;
            if (L < lw) {
                double y = pre[i].y - a->ty + o->rightskip + o->emergency_stretch;
                r = fil ? 0 : (y > 0 ? (lw - L) / y : 10000.0);
            } else if (L > lw) {
                double z = pre[i].z - a->tz;
                r = z > 0 ? (lw - L) / z : -10000.0;
            } else {
                r = 0;
            }
            bool deactivate = r < -1 || forced;
            bool last_hope =
                r < -1 && o->final_pass && active == a && !next && !prev && !any;
            double b = badness(r);
            if ((r >= -1 && b <= o->tolerance) || last_hope) {
                int hy = flagged ? a->hyrun + 1 : 0;
                if (hy <= MAX_HYPHEN_RUN || last_hope) {
                    if (hy > MAX_HYPHEN_RUN)
                        hy = MAX_HYPHEN_RUN;
                    double d = LINE_PENALTY + b;
                    d *= d;
                    if (pen > 0)
                        d += pen * pen;
                    else if (pen > -TS_INF_PENALTY)
                        d -= pen * pen;
                    if (flagged && a->hyrun > 0)
                        d += DOUBLE_HYPHEN;
                    if (forced && a->hyrun > 0)
                        d += FINAL_HYPHEN;
                    int f = last_hope ? 1 : fitness(r);
                    if (abs(f - a->fit) > 1)
                        d += ADJ_DEMERITS;
                    d += a->demerits;
                    int c = f * (MAX_HYPHEN_RUN + 1) + hy;
                    size_t row = a->line + 1 < nw ? a->line + 1 : nw;
                    if (!cand[row][c] || d < cand_d[row][c]) {
                        cand[row][c] = a;
                        cand_d[row][c] = d;
                        any = true;
                    }
                }
            }
            if (deactivate) {
                if (prev)
                    prev->next = next;
                else
                    active = next;
            } else {
                prev = a;
            }
            a = next;
        }
        /* new active nodes, one per line number and class that found a predecessor */
        sums s = {0};
        bool have_s = false;
        for (size_t q = 0; q < rows * N_CLASS && any; q++) {
            size_t row = q / N_CLASS;
            int c = (int)(q % N_CLASS);
            if (!cand[row][c])
                continue;
            if (!have_s) {
                s = after_break(it, n, i, pre);
                have_s = true;
            }
            node *nn = ar_alloc(scratch, sizeof *nn);
            nn->pos = i;
            nn->fit = c / (MAX_HYPHEN_RUN + 1);
            nn->hyrun = c % (MAX_HYPHEN_RUN + 1);
            nn->tw = s.w;
            nn->ty = s.y;
            nn->tz = s.z;
            nn->tf = s.f;
            nn->line = row;
            nn->demerits = cand_d[row][c];
            nn->prev = cand[row][c];
            if (forced && i == n - 1) {
                if (!best_final || nn->demerits < best_final->demerits)
                    best_final = nn;
                continue;
            }
            nn->next = active;
            active = nn;
        }
    }
    if (!best_final)
        return 0;
    size_t lines = 0;
    for (node *p = best_final; p && p->prev; p = p->prev)
        lines++;
    size_t *br = ar_alloc(scratch, lines * sizeof *br);
    size_t k = lines;
    for (node *p = best_final; p && p->prev; p = p->prev)
        br[--k] = p->pos;
    *breaks = br;
    return lines;
}

/* First fit, for paragraphs too long for total fit (a hostile megabyte of text in one
 * <p>): each line ends at the last legal break that still fits with its spaces shrunk.
 * Linear in the items. */
static size_t break_greedy(const ts_item *it, size_t n, const ts_measure *m, ar_arena *scratch,
                           size_t **breaks)
{
    size_t cap = 64, lines = 0;
    size_t *br = ar_alloc(scratch, cap * sizeof *br);
    size_t start = 0;
    while (start < n) {
        double line_w = ts_measure_width(m, lines);
        double w = 0, z = 0;
        size_t last = SIZE_MAX, j;
        for (j = start; j < n; j++) {
            const ts_item *t = &it[j];
            bool legal = (t->kind == TS_GLUE && j > start && it[j - 1].kind == TS_BOX) ||
                         (t->kind == TS_PENALTY && t->penalty < TS_INF_PENALTY);
            if (legal && w + (t->kind == TS_PENALTY ? t->w : 0) - z <= line_w) {
                last = j;
                if (t->kind == TS_PENALTY && t->penalty <= -TS_INF_PENALTY)
                    break;
            }
            if (t->kind != TS_PENALTY) {
                w += t->w;
                z += t->shrink;
            }
            if (w - z > line_w && last != SIZE_MAX)
                break;
        }
        if (last == SIZE_MAX) { /* nothing fits: overfull up to the next legal break */
            for (last = start; last < n; last++)
                if ((it[last].kind == TS_GLUE && last > start && it[last - 1].kind == TS_BOX) ||
                    (it[last].kind == TS_PENALTY && it[last].penalty < TS_INF_PENALTY))
                    break;
            if (last >= n)
                last = n - 1;
        }
        if (lines == cap) {
            br = ar_grow(scratch, br, cap * sizeof *br, cap * 2 * sizeof *br);
            cap *= 2;
        }
        br[lines++] = last;
        if (last >= n - 1)
            break;
        start = ts_line_start(it, n, last);
    }
    *breaks = br;
    return lines;
}

size_t ts_break_best(ts_item *items, size_t n, const ts_measure *m, bool ragged,
                     ar_arena *scratch, size_t **breaks, ts_stats *stats)
{
    if (n > TS_TOTAL_FIT_MAX) {
        size_t lines = break_greedy(items, n, m, scratch, breaks);
        if (stats)
            stats->lines += lines;
        return lines;
    }
    double line_w = m->line_w;
    ts_para_opts o = {.line_w = line_w, .widths = m->widths, .n_widths = m->n_widths,
                      .tolerance = ragged ? 100 : PASS1_TOLERANCE};
    if (ragged) {
        o.rightskip = line_w * 0.25;
        o.tolerance = 400;
    }
    size_t lines = ts_break_paragraph(items, n, &o, scratch, breaks);
    size_t pass = 1;
    if (!lines && !ragged) {
        /* before loose word spaces, twice the letter-spacing latitude */
        for (size_t i = 0; i < n; i++)
            if (items[i].kind == TS_BOX)
                items[i].stretch *= 2;
        o.tolerance = 100;
        pass++;
        lines = ts_break_paragraph(items, n, &o, scratch, breaks);
    }
    if (!lines) {
        o.tolerance = ragged ? 2000 : 400;
        pass++;
        lines = ts_break_paragraph(items, n, &o, scratch, breaks);
    }
    if (!lines) {
        o.tolerance = 10000;
        o.emergency_stretch = line_w * 0.15;
        o.final_pass = true;
        pass++;
        lines = ts_break_paragraph(items, n, &o, scratch, breaks);
    }
    if (stats) {
        stats->passes += pass;
        stats->lines += lines;
        size_t from = 0;
        for (size_t l = 0; l < lines; l++) {
            size_t b = (*breaks)[l];
            double nat, lw = ts_measure_width(m, l);
            double r = ts_line_ratio(items, from, b, lw, &nat);
            if (nat > lw + 0.01 && r < -1 - 1e-9)
                stats->overfull++; /* wider than the measure even with every space shrunk */
            if (items[b].kind == TS_PENALTY && items[b].flagged)
                stats->hyphenated++;
            from = ts_line_start(items, n, b);
        }
    }
    return lines;
}
