/* test_flow.c - columns and pages (ts_flow.c) on hand-made vertical lists: no fonts.
 * Every box carries one DL_MARK op whose level is the box's number, so the test can see
 * where each box went. */
#include <math.h>

#include "harness.h"
#include "ts_int.h"

static ar_arena *ar;

static ts_vbox *add(ts_vlist *vl, ts_vkind kind, double h, bool keep)
{
    ts_vbox *b = ts_vbox_add(vl, kind, h, ar);
    b->keep_prev = keep;
    dl_item *op = ts_vbox_op(b, DL_MARK, ar);
    op->u.mark.level = (int)vl->n - 1;
    return b;
}

/* a paragraph of N lines of height 10 with widow/orphan control */
static void para(ts_vlist *vl, int n)
{
    for (int i = 0; i < n; i++)
        add(vl, TS_V_LINE, 10, n >= 2 && (i == 1 || i == n - 1));
}

typedef struct where {
    int page, col;
    double y;
} where;

/* where box K went (page -1 when not placed) */
static where find(const dl_doc *d, const ts_frame *fr, int k)
{
    for (size_t p = 0; p < d->n; p++)
        for (size_t i = 0; i < d->pages[p].n; i++) {
            const dl_item *it = &d->pages[p].items[i];
            if (it->kind == DL_MARK && it->u.mark.level == k)
                return (where){(int)p, (int)floor((it->x - fr->left) / (fr->col_w + fr->gutter) + 0.5),
                               it->y};
        }
    return (where){-1, -1, 0};
}

static dl_doc *run(ts_vlist *vl, ts_frame *fr, bool *ok)
{
    dl_doc *d = dl_doc_new(ar);
    dl_page_add(d, fr->page_w, fr->page_h);
    a2p_err err = {0};
    *ok = ts_flow(vl, fr, d, ar, &err, "test");
    return d;
}

int main(void)
{
    ar = ar_new();
    ts_frame fr = {.page_w = 600, .page_h = 800, .left = 50, .top = 50, .bottom = 150,
                   .col_w = 200, .gutter = 20, .columns = 2, .first_top = 50, .max_pages = 100};
    bool ok;

    /* balancing: 12 lines in two 100-pt columns come out 6 and 6 */
    ts_vlist vl = {0};
    for (int i = 0; i < 4; i++)
        para(&vl, 3);
    dl_doc *d = run(&vl, &fr, &ok);
    where w5 = find(d, &fr, 5), w6 = find(d, &fr, 6);
    CHECK(ok && d->n == 1, "flow: short text on one page");
    CHECK(w5.col == 0 && w6.col == 1 && fabs(w6.y - 50) < 1e-6, "flow: balanced 6 + 6");

    /* a three-line paragraph is never split 1+2 or 2+1: 5 lines fit in 55 pt, but the
     * break after line 5 would split the second paragraph */
    fr.bottom = 105;
    fr.columns = 1;
    vl = (ts_vlist){0};
    para(&vl, 4);
    para(&vl, 3);
    para(&vl, 4);
    d = run(&vl, &fr, &ok);
    where a = find(d, &fr, 4), b = find(d, &fr, 6);
    CHECK(ok && a.page == 1 && b.page == 1, "flow: no orphan, no widow (3-line paragraph moves)");

    /* four lines into a column of three: 2 + 2, never 3 + a widow */
    fr.bottom = 50 + 30;
    vl = (ts_vlist){0};
    para(&vl, 4); /* 0..3 */
    d = run(&vl, &fr, &ok);
    CHECK(ok && find(d, &fr, 1).page == 0 && find(d, &fr, 2).page == 1,
          "flow: four lines in a three-line column split 2+2");

    /* heading kept with the next two lines: a heading at the bottom moves on */
    fr.bottom = 50 + 60;
    vl = (ts_vlist){0};
    para(&vl, 5);                   /* 0..4 */
    add(&vl, TS_V_LINE, 10, false); /* 5: heading */
    add(&vl, TS_V_SPACE, 3, true);  /* 6 */
    add(&vl, TS_V_LINE, 10, true);  /* 7: first line after the heading */
    add(&vl, TS_V_LINE, 10, true);  /* 8 */
    add(&vl, TS_V_LINE, 10, false); /* 9 */
    d = run(&vl, &fr, &ok);
    CHECK(ok && find(d, &fr, 4).page == 0 && find(d, &fr, 5).page == 1 &&
              find(d, &fr, 7).page == 1,
          "flow: heading kept with the next lines");

    /* a figure that does not fit moves to the next column; text after it fills the gap */
    fr.bottom = 150;
    fr.columns = 2;
    vl = (ts_vlist){0};
    for (int i = 0; i < 6; i++)
        add(&vl, TS_V_LINE, 10, false); /* 0..5: 60 pt */
    add(&vl, TS_V_FIGURE, 70, false);   /* 6 */
    for (int i = 0; i < 6; i++)
        add(&vl, TS_V_LINE, 10, false); /* 7..12 */
    d = run(&vl, &fr, &ok);
    where fig = find(d, &fr, 6), after = find(d, &fr, 7);
    CHECK(ok && fig.col == 1 && fabs(fig.y - 50) < 1e-6, "flow: figure moved to the top of column 2");
    CHECK(after.col == 0 && after.page == 0, "flow: text continues in column 1 past the figure");
    CHECK(find(d, &fr, 12).page == 0, "flow: everything on one page");

    /* space at the top of a column is dropped */
    fr.columns = 1;
    vl = (ts_vlist){0};
    for (int i = 0; i < 10; i++)
        add(&vl, TS_V_LINE, 10, false);
    add(&vl, TS_V_SPACE, 8, false); /* 10: falls at the break */
    add(&vl, TS_V_LINE, 10, false); /* 11 */
    d = run(&vl, &fr, &ok);
    CHECK(ok && find(d, &fr, 11).page == 1 && fabs(find(d, &fr, 11).y - 50) < 1e-6 &&
              find(d, &fr, 10).page == -1,
          "flow: space dropped at the top of a column");

    /* balancing never splits what is kept together (a drop cap's lines, a heading and its
     * lines): eight kept lines and two free ones in two 100-pt columns balance 80 + 20,
     * not 50 + 50 with the kept lines split */
    fr.columns = 2;
    fr.max_pages = 100;
    vl = (ts_vlist){0};
    for (int i = 0; i < 8; i++)
        add(&vl, TS_V_LINE, 10, i > 0); /* 0..7 */
    add(&vl, TS_V_LINE, 10, false);     /* 8 */
    add(&vl, TS_V_LINE, 10, false);     /* 9 */
    d = run(&vl, &fr, &ok);
    CHECK(ok && d->n == 1 && find(d, &fr, 0).col == 0 && find(d, &fr, 7).col == 0 &&
              find(d, &fr, 8).col == 1,
          "flow: balancing keeps kept lines in one column");
    /* kept lines taller than a column still flow (split where they must) */
    vl = (ts_vlist){0};
    for (int i = 0; i < 14; i++)
        add(&vl, TS_V_LINE, 10, i > 0); /* 0..13 */
    d = run(&vl, &fr, &ok);
    CHECK(ok && find(d, &fr, 13).page >= 0, "flow: kept lines taller than a column still set");

    /* the page limit stops a runaway layout with an error */
    fr.columns = 1;
    fr.max_pages = 3;
    vl = (ts_vlist){0};
    for (int i = 0; i < 100; i++)
        add(&vl, TS_V_LINE, 10, false);
    d = run(&vl, &fr, &ok);
    CHECK(!ok && d->n == 3, "flow: page limit");

    ar_free(ar);
    printf("test_flow: %d passed, %d failed\n", t_pass, t_fail);
    return t_done();
}
