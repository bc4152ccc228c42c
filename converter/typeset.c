/* typeset.c - ts_typeset(): the article's parts in reading order into a vertical list
 * (title block across the columns, body blocks one column wide), the flow into columns and
 * pages (ts_flow.c), then running headers, footers and outline marks.
 * Paragraph items and line breaking live in ts_items.c and ts_para.c. No library headers. */
#include "ts.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "limits.h"
#include "ts_int.h"

#define RULE_GRAY 0x999999u
#define QUOTE_RULE_RGB 0x9b1c1cu
#define CELL_PAD 3.0
#define TABLE_COLS 32 /* columns of a table set; cells past them are left out */

typedef struct body {
    ts_ctx *cx;
    ts_vlist *vl;
    double col_w; /* right-to-left documents mirror block offsets in a column this wide */
    bool rtl;
    double pending; /* collapsed space before the next block */
    art_block_kind prev;
    bool dropped; /* the drop cap is set (on the body's first paragraph) */
} body;

/* Left edge of a block at logical offset X (from the start side) and width W. */
static double bx(const body *bd, double x, double w)
{
    return bd->rtl ? bd->col_w - x - w : x;
}

/* Move the ops VB got from op FROM on (one ts_text_op(), set at x = 0) right by DX. */
static void move_ops(ts_vbox *vb, size_t from, double dx)
{
    for (size_t i = from; i < vb->n_ops; i++)
        vb->ops[i].x += dx;
}

static const sty_block *role(ts_ctx *cx, sty_role r)
{
    return &cx->st->role[r];
}

static art_run *run_of(ar_arena *ar, const char *s, unsigned flags)
{
    art_run *r = ar_alloc(ar, sizeof *r);
    r->text = s;
    r->len = strlen(s);
    r->flags = flags;
    return r;
}

/* Space between blocks: the larger of the previous block's after and this one's before. */
static void space(body *bd, double before)
{
    double h = bd->pending > before ? bd->pending : before;
    bd->pending = 0;
    if (h <= 0 || bd->vl->n == 0)
        return;
    ts_vbox *vb = ts_vbox_add(bd->vl, TS_V_SPACE, h, bd->cx->ar);
    vb->keep_prev = bd->cx->keep_next > 0;
}

/* A paragraph of RUNS in style B at X, width W: lines with widow and orphan control; with a
 * drop cap of DROP lines when DROP > 0 and the paragraph can take one. */
static bool para_drop(ts_ctx *cx, ts_vlist *vl, const art_run *runs, const sty_block *b,
                      double indent, double x, double w, size_t *first, int drop)
{
    ts_para p;
    ar_reset(cx->scratch);
    ts_drop dc;
    bool dropped = drop > 0 && ts_drop_cap(cx, runs, drop, &dc, &runs);
    if (!ts_para_build(cx, runs, b, dropped ? 0 : indent, w, &p))
        return false;
    p.drop = dropped ? &dc : NULL;
    size_t start = vl->n;
    size_t lines = ts_para_lines(cx, &p, b, x, w, vl);
    if (lines >= 2) {
        vl->v[start + 1]->keep_prev = true;         /* no orphan */
        vl->v[start + lines - 1]->keep_prev = true; /* no widow */
    }
    if (lines)
        vl->v[start + lines - 1]->para_end = true;
    if (first)
        *first = start;
    return true;
}

static bool para(ts_ctx *cx, ts_vlist *vl, const art_run *runs, const sty_block *b, double indent,
                 double x, double w, size_t *first)
{
    return para_drop(cx, vl, runs, b, indent, x, w, first, /*drop*/ 0);
}

/* ---- figures ---------------------------------------------------------------------------- */

/* Image (scaled to W, at most MAX_H tall) and caption block as one unbreakable box. */
static bool figure(ts_ctx *cx, ts_vlist *vl, const art_figure *fig, double x, double w,
                   double max_h)
{
    const img_ref *img = NULL;
    if (!cx->env->no_images && fig->src && *fig->src)
        img = img_load(&cx->env->img, fig->src, (art_doc *)cx->doc, cx->ar);
    ts_vlist cap = {0};
    const sty_block *cb = role(cx, STY_CAPTION), *kb = role(cx, STY_CREDIT);
    if (fig->caption && *fig->caption && !para(cx, &cap, run_of(cx->ar, fig->caption, 0), cb, 0, 0, w, NULL))
        return false;
    if (fig->credit && *fig->credit) {
        sty_block k = *kb;
        k.align = STY_LEFT;
        if (!para(cx, &cap, run_of(cx->ar, fig->credit, 0), &k, 0, 0, w, NULL))
            return false;
    }
    double ih = 0, iw = 0;
    if (img && img->width > 0 && img->height > 0) {
        iw = w;
        ih = w * img->height / img->width;
        if (ih > max_h) {
            ih = max_h;
            iw = ih * img->width / img->height;
        }
    }
    if (img && iw > 0) /* far above print resolution: downsample to the style's limit */
        img = img_fit(img, iw, ih, cx->st->max_image_dpi > 0 ? cx->st->max_image_dpi : 300,
                      cx->ar);
    if (!img && cap.n == 0)
        return true;
    double h = ih + (cap.n ? cb->space_before : 0);
    for (size_t i = 0; i < cap.n; i++)
        h += cap.v[i]->h;
    ts_vbox *vb = ts_vbox_add(vl, TS_V_FIGURE, h, cx->ar);
    if (img) {
        dl_item *op = ts_vbox_op(vb, DL_IMAGE, cx->ar);
        op->x = x + (w - iw) / 2;
        op->w = iw;
        op->h = ih;
        op->u.image.img = img;
    }
    double y = ih + (cap.n ? cb->space_before : 0);
    for (size_t i = 0; i < cap.n; i++) {
        for (size_t k = 0; k < cap.v[i]->n_ops; k++) {
            dl_item *op = ts_vbox_op(vb, cap.v[i]->ops[k].kind, cx->ar);
            *op = cap.v[i]->ops[k];
            op->x += x;
            op->y += y;
        }
        y += cap.v[i]->h;
    }
    return true;
}

/* ---- pre, rules, tables ---------------------------------------------------------------- */

static bool pre(body *bd, const art_block *b, double x, double w)
{
    ts_ctx *cx = bd->cx;
    const sty_block *sb = role(cx, STY_PRE);
    sty_block nb = *sb;
    nb.align = STY_LEFT;
    nb.hyphenate = false;
    /* in the article's arena: the scratch one is emptied for every line, as for every
     * paragraph (a 5,000-line listing kept them all: 30 MB) */
    char *text = art_runs_text(cx->ar, b->runs);
    size_t start = bd->vl->n;
    for (char *line = text; line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = 0;
        /* every line its own paragraph of one run: long lines break at characters */
        art_run r = {.text = *line ? line : " ", .len = *line ? strlen(line) : 1, .flags = ART_CODE};
        sty_block mono = nb;
        ts_para p;
        ar_reset(cx->scratch);
        if (!ts_para_build(cx, &r, &mono, 0, w, &p))
            return false;
        ts_para_lines(cx, &p, &mono, x, w, bd->vl);
        line = nl ? nl + 1 : NULL;
    }
    size_t lines = bd->vl->n - start;
    if (lines >= 2) {
        bd->vl->v[start + 1]->keep_prev = true;
        bd->vl->v[start + lines - 1]->keep_prev = true;
    }
    return true;
}

static void hrule(body *bd, double x, double w)
{
    ts_vbox *vb = ts_vbox_add(bd->vl, TS_V_RULE, 14, bd->cx->ar);
    dl_item *op = ts_vbox_op(vb, DL_RULE, bd->cx->ar);
    op->x = x + w * 0.25;
    op->y = 7;
    op->w = w * 0.5;
    op->u.rule.width = 0.5;
    op->u.rule.rgb = RULE_GRAY;
}

static const sty_block *cell_style(ts_ctx *cx, const art_block *c)
{
    return role(cx, c->kind == ART_TH ? STY_TH : STY_TABLE);
}


static int cmp_height(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Where a table row of height ROW_H may be cut into bands: 0, then every height at which a
 * line of some cell ends and no line of any cell is crossed (lines start below CELL_PAD),
 * then ROW_H. CELLS are the NC cells' lines; CUTS has room for all their lines and two.
 * Returns the number of cuts in CUTS. */
static size_t row_cuts(const ts_vlist *cells, int nc, double row_h, double *cuts)
{
    size_t n = 0;
    cuts[n++] = 0;
    for (int k = 0; k < nc; k++) { /* every line end of every cell, in CUTS */
        double end = CELL_PAD;
        for (size_t i = 0; i < cells[k].n; i++) {
            end += cells[k].v[i]->h;
            if (end < row_h - CELL_PAD - 0.01)
                cuts[n++] = end;
        }
    }
    qsort(cuts + 1, n - 1, sizeof *cuts, cmp_height);
    /* the candidates rise, and so do each cell's lines: one cursor a cell */
    size_t at_line[TABLE_COLS] = {0};
    double at_top[TABLE_COLS];
    for (int k = 0; k < nc && k < TABLE_COLS; k++)
        at_top[k] = CELL_PAD;
    size_t m = 1;
    for (size_t c = 1; c < n; c++) { /* kept: new, and crossing no line */
        double at = cuts[c];
        bool clean = at > cuts[m - 1] + 0.01;
        for (int k = 0; k < nc && k < TABLE_COLS && clean; k++) {
            while (at_line[k] < cells[k].n &&
                   at_top[k] + cells[k].v[at_line[k]]->h <= at + 0.01)
                at_top[k] += cells[k].v[at_line[k]++]->h;
            /* the first line not ended by AT: crossed when it began before AT */
            clean = !(at_line[k] < cells[k].n && at_top[k] < at - 0.01);
        }
        if (clean)
            cuts[m++] = at;
    }
    cuts[m++] = row_h;
    return m;
}

static bool table(body *bd, const art_block *t, double x, double w)
{
    ts_ctx *cx = bd->cx;
    enum { MAXC = TABLE_COLS };
    double nat[MAXC] = {0}, minw[MAXC] = {0};
    int ncol = 0;
    /* measure: natural and widest-word widths per column */
    for (const art_block *r = t->child; r; r = r->next) {
        int c = 0;
        for (const art_block *cell = r->child; cell && c < MAXC; cell = cell->next, c++) {
            ts_para p;
            ar_reset(cx->scratch);
            if (!ts_para_build(cx, cell->runs, cell_style(cx, cell), 0, 1e9, &p))
                return false;
            double tot, wide;
            ts_para_natural(&p, &tot, &wide);
            if (tot > nat[c])
                nat[c] = tot;
            if (wide > minw[c])
                minw[c] = wide;
        }
        if (c > ncol)
            ncol = c;
    }
    if (ncol == 0)
        return true;
    double cw[MAXC], sum = 0, avail = w - 2 * CELL_PAD * ncol;
    for (int c = 0; c < ncol; c++)
        sum += nat[c] + 1;
    for (int c = 0; c < ncol; c++) {
        cw[c] = avail * (nat[c] + 1) / sum;
        if (cw[c] < minw[c] && minw[c] < avail / ncol * 1.5)
            cw[c] = minw[c];
    }
    double tot = 0;
    for (int c = 0; c < ncol; c++)
        tot += cw[c];
    for (int c = 0; c < ncol; c++)
        cw[c] *= avail / tot;

    for (const art_block *r = t->child; r; r = r->next) {
        ts_vlist cells[MAXC];
        double rh = 0;
        int c = 0;
        for (const art_block *cell = r->child; cell && c < ncol; cell = cell->next, c++) {
            memset(&cells[c], 0, sizeof cells[c]);
            sty_block sb = *cell_style(cx, cell);
            sb.align = STY_LEFT;
            if (!para(cx, &cells[c], cell->runs, &sb, 0, 0, cw[c], NULL))
                return false;
            double h = 0;
            for (size_t i = 0; i < cells[c].n; i++)
                h += cells[c].v[i]->h;
            if (h > rh)
                rh = h;
        }
        /* A row taller than half a column (a data table with a long text in a cell) is set
         * in bands cut where no cell's line is cut, so that it can break
         * across columns and pages like text; any other row stays in one piece. */
        double one[2], *cuts = one;
        size_t n_cuts = 0;
        double row_h = rh + 2 * CELL_PAD;
        if (row_h > cx->col_h * 0.5) {
            size_t lines = 0;
            for (int k = 0; k < c; k++)
                lines += cells[k].n;
            cuts = ar_alloc(cx->ar, (lines + 2) * sizeof *cuts);
            n_cuts = row_cuts(cells, c, row_h, cuts);
        }
        if (n_cuts < 3) {
            cuts[0] = 0;
            cuts[1] = row_h;
            n_cuts = 2;
        }
        size_t next_line[MAXC] = {0}; /* each cell's first line not yet set, and its top */
        double next_y[MAXC];
        for (int k = 0; k < c; k++)
            next_y[k] = CELL_PAD;
        for (size_t band = 0; band + 1 < n_cuts; band++) {
            double top = cuts[band], bottom = cuts[band + 1];
            bool last = band + 2 == n_cuts;
            ts_vbox *vb = ts_vbox_add(bd->vl, TS_V_RULE, bottom - top, cx->ar);
            if (band == 0)
                vb->keep_prev = r != t->child && r->next == NULL; /* no lone last row */
            else /* two bands at least on either side of a break */
                vb->keep_prev = band == 1 || band + 2 == n_cuts;
            if (band == 0) {
                dl_item *op = ts_vbox_op(vb, DL_RULE, cx->ar);
                op->x = x;
                op->w = w;
                op->u.rule.width = r == t->child ? 0.8 : 0.3;
                op->u.rule.rgb = r == t->child ? 0x000000 : RULE_GRAY;
            }
            double cx0 = x + CELL_PAD;
            for (int k = 0; k < c; k++) {
                if (bd->rtl) /* the first column on the right */
                    cx0 = x + w - (cx0 - x) - cw[k];
                /* the band's lines: cuts cross no line, and the last band takes the rest */
                for (size_t i = next_line[k]; i < cells[k].n; i++) {
                    double y = next_y[k], h = cells[k].v[i]->h;
                    if (!last && y + h > bottom + 0.01)
                        break;
                    for (size_t q = 0; q < cells[k].v[i]->n_ops; q++) {
                        dl_item *o = ts_vbox_op(vb, cells[k].v[i]->ops[q].kind, cx->ar);
                        *o = cells[k].v[i]->ops[q];
                        o->x += cx0;
                        o->y += y - top;
                    }
                    next_line[k] = i + 1;
                    next_y[k] = y + h;
                }
                if (bd->rtl)
                    cx0 = x + w - (cx0 + cw[k] - x); /* back to the logical offset */
                cx0 += cw[k] + 2 * CELL_PAD;
            }
            if (!r->next && last) {
                dl_item *bot = ts_vbox_op(vb, DL_RULE, cx->ar);
                bot->x = x;
                bot->y = vb->h;
                bot->w = w;
                bot->u.rule.width = 0.8;
            }
        }
    }
    return true;
}

/* ---- blocks ------------------------------------------------------------------------------ */

static bool blocks(body *bd, const art_block *b, double x, double w, sty_role prole, int depth);

static void add_mark(ts_ctx *cx, ts_vbox *vb, int level, const art_run *runs)
{
    dl_item *op = ts_vbox_op(vb, DL_MARK, cx->ar);
    op->u.mark.level = level;
    op->u.mark.title = art_runs_text(cx->ar, runs);
}

static bool heading(body *bd, const art_block *b, double x, double w)
{
    ts_ctx *cx = bd->cx;
    sty_role r = b->kind == ART_H2 ? STY_H2 : b->kind == ART_H3 ? STY_H3 : STY_H4;
    sty_block hb = *role(cx, r);
    hb.hyphenate = false;
    if (hb.align == STY_JUSTIFY)
        hb.align = STY_LEFT;
    space(bd, hb.space_before);
    size_t first;
    if (!para(cx, bd->vl, b->runs, &hb, 0, bx(bd, x, w), w, &first))
        return false;
    for (size_t i = first + 1; i < bd->vl->n; i++)
        bd->vl->v[i]->keep_prev = true;
    if (first < bd->vl->n && r != STY_H4)
        add_mark(cx, bd->vl->v[first], r == STY_H2 ? 1 : 2, b->runs);
    cx->keep_next = 2; /* the heading stays with two lines of what follows */
    bd->pending = hb.space_after;
    return true;
}

/* A list reads as one paragraph of short lines: no column break after its first line or
 * before its last (whatever lies between those lines, spaces included, stays with them). */
static void keep_ends(ts_vlist *vl, size_t start)
{
    size_t first = SIZE_MAX, second = SIZE_MAX, last = SIZE_MAX, before_last = SIZE_MAX;
    for (size_t i = start; i < vl->n; i++) {
        if (vl->v[i]->kind != TS_V_LINE)
            continue;
        if (first == SIZE_MAX)
            first = i;
        else if (second == SIZE_MAX)
            second = i;
        before_last = last;
        last = i;
    }
    if (second == SIZE_MAX)
        return;
    for (size_t i = first + 1; i <= second; i++)
        vl->v[i]->keep_prev = true;
    for (size_t i = before_last + 1; i <= last; i++)
        vl->v[i]->keep_prev = true;
}

static bool list(body *bd, const art_block *l, double x, double w, int depth)
{
    ts_ctx *cx = bd->cx;
    const sty_block *lb = role(cx, STY_LI);
    double m = lb->margin_left;
    int num = l->kind == ART_OL ? (l->start ? l->start : 1) : 0;
    size_t start = bd->vl->n;
    for (const art_block *li = l->child; li; li = li->next, num++) {
        space(bd, lb->space_before);
        if (li->runs) {
            size_t first;
            if (!para(cx, bd->vl, li->runs, lb, 0, bx(bd, x + m, w - m), w - m, &first))
                return false;
            char mk[32];
            if (l->kind == ART_OL)
                snprintf(mk, sizeof mk, "%d.", num);
            else
                snprintf(mk, sizeof mk, "%s", depth % 2 ? "\xE2\x80\x93" : "\xE2\x80\xA2");
            sty_block mb = *lb;
            if (first < bd->vl->n) {
                ts_vbox *vb = bd->vl->v[first];
                double base = ts_baseline(cx, lb);
                size_t n0 = vb->n_ops;
                double mw = ts_text_op(cx, vb, &mb, ar_strdup(cx->ar, mk), 0, base);
                move_ops(vb, n0, bd->rtl ? bx(bd, x + m, w - m) + (w - m) + 4 : x + m - mw - 4);
            }
        }
        if (li->child && !blocks(bd, li->child, x + m, w - m, STY_LI, depth + 1))
            return false;
        bd->pending = lb->space_after;
        bd->prev = ART_LI;
    }
    keep_ends(bd->vl, start);
    return true;
}

static bool block(body *bd, const art_block *b, double x, double w, sty_role prole, int depth)
{
    ts_ctx *cx = bd->cx;
    if (depth > LIM_DEPTH)
        return true;
    switch (b->kind) {
    case ART_P: {
        const sty_block *pb = role(cx, prole);
        space(bd, pb->space_before);
        double indent = bd->prev == ART_P && cx->keep_next == 0 ? pb->indent : 0;
        int drop = 0;
        if (cx->st->drop_cap && prole == STY_BODY && depth == 0 && !bd->dropped) {
            drop = cx->st->drop_cap_lines > 0 ? cx->st->drop_cap_lines : 3;
            bd->dropped = true;
        }
        if (!para_drop(cx, bd->vl, b->runs, pb, indent, bx(bd, x, w), w, NULL, drop))
            return false;
        bd->pending = pb->space_after;
        break;
    }
    case ART_H2:
    case ART_H3:
    case ART_H4:
        return heading(bd, b, x, w);
    case ART_QUOTE: {
        const sty_block *qb = role(cx, STY_QUOTE);
        space(bd, qb->space_before);
        size_t start = bd->vl->n;
        bd->prev = ART_QUOTE;
        if (!blocks(bd, b->child, x + qb->margin_left, w - qb->margin_left, STY_QUOTE, depth + 1))
            return false;
        for (size_t i = start; i < bd->vl->n; i++) {
            ts_vbox *vb = bd->vl->v[i];
            dl_item *op = ts_vbox_op(vb, DL_RULE, cx->ar);
            op->x = op->w = 0;
            op->x = bd->rtl ? bx(bd, x, w) + w - 2 : x + 2;
            op->h = vb->h;
            op->u.rule.width = 1.5;
            op->u.rule.rgb = QUOTE_RULE_RGB;
        }
        bd->pending = qb->space_after;
        break;
    }
    case ART_UL:
    case ART_OL:
        if (!list(bd, b, x, w, depth))
            return false;
        break;
    case ART_LI: /* stray item: as a paragraph */
        space(bd, 0);
        if (!para(cx, bd->vl, b->runs, role(cx, STY_LI), 0, bx(bd, x, w), w, NULL))
            return false;
        break;
    case ART_FIGURE: {
        size_t n0 = bd->vl->n;
        double pend = bd->pending;
        space(bd, role(cx, STY_CAPTION)->space_after);
        size_t n1 = bd->vl->n;
        if (b->fig && !figure(cx, bd->vl, b->fig, bx(bd, x, w), w, cx->col_h * 0.6))
            return false;
        if (bd->vl->n == n1) { /* no image and no caption: no space either */
            bd->vl->n = n0;
            bd->pending = pend;
            return true;
        }
        bd->pending = role(cx, STY_CAPTION)->space_after;
        break;
    }
    case ART_PRE:
        space(bd, role(cx, STY_PRE)->space_before);
        if (!pre(bd, b, bx(bd, x, w), w))
            return false;
        bd->pending = role(cx, STY_PRE)->space_after;
        break;
    case ART_RULE:
        space(bd, 0);
        hrule(bd, bx(bd, x, w), w);
        break;
    case ART_TABLE:
    case ART_TR: { /* a stray row: a table of its own */
        art_block row = *b, tab = {.kind = ART_TABLE, .child = &row, .line = b->line};
        row.next = NULL;
        space(bd, 6);
        if (!table(bd, b->kind == ART_TABLE ? b : &tab, bx(bd, x, w), w))
            return false;
        bd->pending = 8;
        break;
    }
    case ART_TD:
    case ART_TH: /* a stray cell: as a paragraph */
        space(bd, 0);
        if (!para(cx, bd->vl, b->runs, role(cx, prole), 0, bx(bd, x, w), w, NULL))
            return false;
        break;
    default:
        break;
    }
    bd->prev = b->kind;
    return true;
}

static bool blocks(body *bd, const art_block *b, double x, double w, sty_role prole, int depth)
{
    for (; b; b = b->next)
        if (!block(bd, b, x, w, prole, depth))
            return false;
    return true;
}

/* ---- title block, header, footer ------------------------------------------------------------ */

/* "2026-11-26..." -> "26 November 2026"; the input when it does not parse. */
static const char *nice_date(ar_arena *ar, const char *iso)
{
    static const char *months[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};
    int y, m, d;
    if (!iso || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
        return iso ? iso : "";
    return ar_printf(ar, "%d %s %d", d, months[m - 1], y);
}

static bool title_block(ts_ctx *cx, ts_vlist *vl, double w, double max_fig)
{
    const art_doc *doc = cx->doc;
    body bd = {.cx = cx, .vl = vl};
    struct {
        sty_role r;
        const char *text;
    } parts[] = {
        {STY_KICKER, doc->section},
        {STY_HEADLINE, doc->headline},
        {STY_DECK, doc->deck},
    };
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        if (!parts[i].text || !*parts[i].text)
            continue;
        sty_block sb = *role(cx, parts[i].r);
        sb.hyphenate = parts[i].r == STY_DECK && sb.hyphenate;
        space(&bd, sb.space_before);
        size_t first;
        if (!para(cx, vl, run_of(cx->ar, parts[i].text, 0), &sb, 0, 0, w, &first))
            return false;
        if (parts[i].r == STY_HEADLINE && first < vl->n)
            add_mark(cx, vl->v[first], 0, run_of(cx->ar, parts[i].text, 0));
        bd.pending = sb.space_after;
    }
    const char *by = art_doc_byline(doc);
    const char *date = doc->published && *doc->published ? nice_date(cx->ar, doc->published) : "";
    const char *line = *by && *date ? ar_printf(cx->ar, "%s \xC2\xB7 %s", by, date) : *by ? by : date;
    if (*line) {
        sty_block sb = *role(cx, STY_BYLINE);
        space(&bd, sb.space_before);
        if (!para(cx, vl, run_of(cx->ar, line, 0), &sb, 0, 0, w, NULL))
            return false;
        bd.pending = sb.space_after;
    }
    if (doc->lead && cx->st->lead_span) {
        space(&bd, 4);
        if (!figure(cx, vl, doc->lead, 0, w, max_fig))
            return false;
        bd.pending = role(cx, STY_CAPTION)->space_after;
    }
    if (vl->n)
        space(&bd, 6);
    return true;
}

/* One running header or footer line: STY_HF_PAGE right-aligned, the rest joined on the left
 * (mirrored on right-to-left pages). */
static void hf_line(ts_ctx *cx, ts_vbox *vb, const sty_block *b, unsigned items, double y,
                    size_t page, size_t total)
{
    const sty_sheet *st = cx->st;
    double full = st->page_w - st->margin_left - st->margin_right;
    const char *site = cx->env->header_title && *cx->env->header_title ? cx->env->header_title
                                                                        : cx->doc->site;
    const char *src = cx->doc->source ? cx->doc->source : "";
    size_t n = strlen(src);
    if (n > 80)
        src = ar_printf(cx->ar, "\xE2\x80\xA6%s", src + n - 79);
    const char *parts[4];
    int np = 0;
    if ((items & STY_HF_SITE) && site && *site)
        parts[np++] = site;
    if ((items & STY_HF_TITLE) && cx->doc->headline && *cx->doc->headline)
        parts[np++] = cx->doc->headline;
    if ((items & STY_HF_SOURCE) && *src)
        parts[np++] = ar_printf(cx->ar, "Source: %s", src);
    if ((items & STY_HF_DATE) && cx->env->convert_date && *cx->env->convert_date)
        parts[np++] = ar_printf(cx->ar, "converted %s", cx->env->convert_date);
    const char *left = np ? parts[0] : "";
    for (int i = 1; i < np; i++)
        left = ar_printf(cx->ar, "%s \xC2\xB7 %s", left, parts[i]);
    /* a right-to-left page mirrors the line: the text on the right, the number on the left */
    bool rtl = cx->doc->dir && (cx->doc->dir[0] == 'r' || cx->doc->dir[0] == 'R');
    if (*left) {
        size_t n0 = vb->n_ops;
        double lw = ts_text_op(cx, vb, b, left, 0, y);
        move_ops(vb, n0, rtl && lw > 0 ? st->margin_left + full - lw : st->margin_left);
    }
    if (items & STY_HF_PAGE) {
        const char *num = ar_printf(cx->ar, "%zu / %zu", page, total);
        size_t n0 = vb->n_ops;
        double nw = ts_text_op(cx, vb, b, num, 0, y);
        move_ops(vb, n0, rtl ? st->margin_left : st->margin_left + full - nw);
    }
}

static void header_footer(ts_ctx *cx, dl_doc *out)
{
    const sty_sheet *st = cx->st;
    size_t off = cx->env->page_offset > 0 ? (size_t)cx->env->page_offset : 0;
    size_t total = cx->env->total_pages > 0 ? (size_t)cx->env->total_pages : out->n + off;
    double full = st->page_w - st->margin_left - st->margin_right;
    unsigned hi = st->header_items, fi = st->footer_items;
    if (!hi && st->header)
        hi = STY_HF_SITE;
    if (!fi && st->footer)
        fi = (st->page_numbers ? STY_HF_PAGE : 0) | (st->provenance ? STY_HF_SOURCE | STY_HF_DATE : 0);
    if (!st->header)
        hi = 0;
    if (!st->footer)
        fi = 0;
    for (size_t i = 0; i < out->n; i++) {
        ts_vbox vb = {0};
        if (hi) {
            double y = st->margin_top - 12;
            hf_line(cx, &vb, role(cx, STY_HEADER), hi, y - 3, i + 1 + off, total);
            dl_item *r = ts_vbox_op(&vb, DL_RULE, cx->ar);
            r->x = st->margin_left;
            r->y = y;
            r->w = full;
            r->u.rule.width = 0.4;
            r->u.rule.rgb = RULE_GRAY;
        }
        if (fi)
            hf_line(cx, &vb, role(cx, STY_FOOTER), fi, st->page_h - st->margin_bottom + 18,
                    i + 1 + off, total);
        for (size_t k = 0; k < vb.n_ops; k++) {
            dl_item *it = dl_item_add(out, &out->pages[i], vb.ops[k].kind);
            *it = vb.ops[k];
        }
    }
}

/* Bytes of text in the body (a byte is about 0.4 em of Latin text or a third of an
 * ideograph's em, so bytes measure width about equally in both). */
static double text_bytes(const art_block *b, int depth)
{
    double n = 0;
    for (; b && depth < LIM_DEPTH; b = b->next) {
        for (const art_run *r = b->runs; r; r = r->next)
            n += (double)r->len;
        if (b->child)
            n += text_bytes(b->child, depth + 1);
    }
    return n;
}

/* Whether the body is surely longer than LIM_PAGES: then fail before laying out thousands
 * of pages only to throw them away (a hostile 50 MB paragraph). */
static bool surely_too_long(const art_doc *doc, const sty_sheet *st, const ts_frame *fr)
{
    const sty_block *b = &st->role[STY_BODY];
    double lines = text_bytes(doc->body, 0) * 0.4 * b->size / fr->col_w;
    double pages = lines * b->leading / ((fr->bottom - fr->top) * fr->columns);
    return pages > fr->max_pages * 1.25;
}

dl_doc *ts_typeset(const art_doc *doc, const sty_sheet *st, const ts_env *env, ar_arena *ar,
                   a2p_err *err)
{
    ts_ctx cx = {.doc = doc, .st = st, .env = env, .ar = ar, .err = err};
    cx.lang = doc->lang && *doc->lang ? doc->lang : "en";
    int cols = st->columns < 1 ? 1 : st->columns > 3 ? 3 : st->columns;
    double full = st->page_w - st->margin_left - st->margin_right;
    ts_frame fr = {.page_w = st->page_w, .page_h = st->page_h, .left = st->margin_left,
                   .top = st->margin_top, .bottom = st->page_h - st->margin_bottom,
                   .gutter = st->gutter, .columns = cols, .max_pages = LIM_PAGES};
    fr.col_w = (full - (cols - 1) * st->gutter) / cols;
    if (fr.col_w < 36 || fr.bottom - fr.top < 72) {
        err_set(err, 2, doc->source, "page too small for its margins and columns");
        return NULL;
    }
    if (surely_too_long(doc, st, &fr)) {
        err_set(err, 1, doc->source, "more than %d pages", fr.max_pages);
        return NULL;
    }
    cx.col_h = fr.bottom - fr.top;
    fr.rtl = doc->dir && (doc->dir[0] == 'r' || doc->dir[0] == 'R');
    cx.scratch = ar_new();
    dl_doc *out = dl_doc_new(ar);
    dl_page *p1 = dl_page_add(out, st->page_w, st->page_h);
    ts_vlist title = {0}, vl = {0};
    bool ok = title_block(&cx, &title, full, cx.col_h * 0.45);
    if (ok) {
        double y = fr.top;
        for (size_t i = 0; i < title.n; i++) {
            if (title.v[i]->kind == TS_V_SPACE && (i == 0 || i + 1 == title.n)) {
                y += i == 0 ? 0 : title.v[i]->h;
                continue;
            }
            if (y + title.v[i]->h > fr.bottom && y > fr.top) { /* a title longer than a page */
                if ((int)out->n >= fr.max_pages) {
                    err_set(err, 1, doc->source, "more than %d pages", fr.max_pages);
                    ok = false;
                    break;
                }
                p1 = dl_page_add(out, st->page_w, st->page_h);
                y = fr.top;
            }
            for (size_t k = 0; k < title.v[i]->n_ops; k++) {
                dl_item *it = dl_item_add(out, p1, title.v[i]->ops[k].kind);
                *it = title.v[i]->ops[k];
                it->x += fr.left;
                it->y += y;
            }
            y += title.v[i]->h;
        }
        fr.first_top = y;
        body bd = {.cx = &cx, .vl = &vl, .col_w = fr.col_w, .rtl = fr.rtl};
        if (ok && doc->lead && !st->lead_span)
            ok = figure(&cx, &vl, doc->lead, 0, fr.col_w, cx.col_h * 0.6);
        ok = ok && blocks(&bd, doc->body, 0, fr.col_w, STY_BODY, 0);
    }
    ok = ok && ts_flow(&vl, &fr, out, ar, err, doc->source);
    ar_free(cx.scratch);
    if (!ok)
        return NULL;
    if (!env->no_header_footer)
        header_footer(&cx, out);
    return out;
}

void ts_header_footer(const art_doc *doc, const sty_sheet *st, const ts_env *env, dl_doc *out,
                      ar_arena *ar)
{
    ts_ctx cx = {.doc = doc, .st = st, .env = env, .ar = ar};
    cx.lang = doc->lang && *doc->lang ? doc->lang : "en";
    cx.scratch = ar_new();
    header_footer(&cx, out);
    ar_free(cx.scratch);
}
