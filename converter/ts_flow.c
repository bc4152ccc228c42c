/* ts_flow.c - the vertical list into columns and pages.
 * One question asked again and again (style.md §2): fill this column of height H from box
 * S, where does it end? Pages, figure moves and the balanced last page are loops on it.
 * libc only. */
#include "ts_int.h"

#include <string.h>

#define EPS 0.01
#define MIN_FIRST_COLUMN 40.0 /* below this the first page's columns start on page two */

ts_vbox *ts_vbox_add(ts_vlist *vl, ts_vkind kind, double h, ar_arena *ar)
{
    if (vl->n == vl->cap) {
        size_t cap = vl->cap ? vl->cap * 2 : 256;
        vl->v = ar_grow(ar, vl->v, vl->n * sizeof *vl->v, cap * sizeof *vl->v);
        vl->cap = cap;
    }
    ts_vbox *b = ar_alloc(ar, sizeof *b);
    b->kind = kind;
    b->h = h;
    vl->v[vl->n++] = b;
    return b;
}

dl_item *ts_vbox_op(ts_vbox *b, dl_kind kind, ar_arena *ar)
{
    if (b->n_ops == b->cap_ops) {
        size_t cap = b->cap_ops ? b->cap_ops * 2 : 4;
        b->ops = ar_grow(ar, b->ops, b->n_ops * sizeof *b->ops, cap * sizeof *b->ops);
        b->cap_ops = cap;
    }
    dl_item *it = &b->ops[b->n_ops++];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    return it;
}

/* fill() - boxes A[s..) into a column of height H: returns the index after the last box
 * of the column. A figure that does not fit (and is not first) moves to the start of the
 * next column while the text after it fills this one; A is reordered accordingly.
 * Always makes progress when anything is left; *FORCED (may be NULL) tells whether it had
 * to break where no break is allowed (kept boxes taller than H). */
static size_t fill(ts_vbox **a, size_t n, size_t s, double h, bool *forced)
{
    if (forced)
        *forced = false;
    size_t i = s;
    while (i < n && a[i]->kind == TS_V_SPACE)
        i++; /* space is dropped at the top of a column */
    size_t start = i, last_ok = start, deferred = n; /* index of a moved figure */
    size_t k_def = 0;                                /* it and the spaces around it: 1-3 */
    bool have_deferred = false;
    double y = 0;
    while (i < n) {
        ts_vbox *b = a[i];
        if (y + b->h > h + EPS) {
            if (b->kind == TS_V_FIGURE && i > start && !have_deferred) {
                /* take it out, carry on, put it back where the column ends; the spaces
                 * around it go along (else they stack up here) */
                size_t f0 = i, f1 = i + 1;
                if (a[f0 - 1]->kind == TS_V_SPACE && f0 - 1 > start) {
                    f0--;
                    y -= a[f0]->h;
                }
                if (f1 < n && a[f1]->kind == TS_V_SPACE)
                    f1++;
                k_def = f1 - f0;
                ts_vbox *g[3];
                memcpy(g, a + f0, k_def * sizeof *a);
                memmove(a + f0, a + f1, (n - f1) * sizeof *a);
                memcpy(a + n - k_def, g, k_def * sizeof *a);
                deferred = n - k_def;
                have_deferred = true;
                n -= k_def;
                i = f0;
                if (last_ok > i)
                    last_ok = i;
                continue;
            }
            break;
        }
        y += b->h;
        i++;
        if (i >= n || !a[i]->keep_prev)
            last_ok = i;
    }
    size_t end;
    if (i >= n)
        end = n;
    else if (last_ok > start)
        end = last_ok;
    else {
        end = i > start ? i : start + 1; /* nothing breakable fits: force */
        if (forced)
            *forced = true;
    }
    if (have_deferred) {
        /* the figure (and its spaces) sit at the end of the array: bring them to END */
        ts_vbox *f[3];
        memcpy(f, a + deferred, k_def * sizeof *a);
        memmove(a + end + k_def, a + end, (deferred - end) * sizeof *a);
        memcpy(a + end, f, k_def * sizeof *a);
    }
    return end;
}

/* Whether A[s..n) fits in COLS columns of height H (on a scratch copy of A), breaking only
 * where breaks are allowed (a balanced column never splits what is kept together). */
static bool fits(ts_vbox **a, ts_vbox **tmp, size_t n, size_t s, int cols, double h)
{
    memcpy(tmp + s, a + s, (n - s) * sizeof *a);
    size_t e = s;
    for (int c = 0; c < cols && e < n; c++) {
        size_t before = e;
        bool forced;
        e = fill(tmp, n, e, h, &forced);
        if (e == before || (forced && e < n))
            return false;
    }
    return e >= n;
}

static double content_height(ts_vbox **a, size_t n, size_t s)
{
    double t = 0;
    for (size_t i = s; i < n; i++)
        t += a[i]->h;
    return t;
}

static void place(ts_vbox **a, size_t s, size_t e, double x, double y, dl_doc *doc, dl_page *pg)
{
    size_t i = s;
    while (i < e && a[i]->kind == TS_V_SPACE)
        i++;
    for (; i < e; i++) {
        const ts_vbox *b = a[i];
        for (size_t k = 0; k < b->n_ops; k++) {
            dl_item *it = dl_item_add(doc, pg, b->ops[k].kind);
            *it = b->ops[k];
            it->x += x;
            it->y += y;
        }
        y += b->h;
    }
}

bool ts_flow(const ts_vlist *vl, const ts_frame *fr, dl_doc *doc, ar_arena *ar,
             a2p_err *err, const char *where)
{
    size_t n = vl->n;
    if (n == 0)
        return true;
    ts_vbox **a = ar_alloc(ar, n * sizeof *a);
    ts_vbox **tmp = ar_alloc(ar, n * sizeof *a);
    memcpy(a, vl->v, n * sizeof *a);
    size_t page = doc->n - 1;
    double top = fr->first_top;
    if (top > fr->top && fr->bottom - top < MIN_FIRST_COLUMN) {
        dl_page_add(doc, fr->page_w, fr->page_h);
        page = doc->n - 1;
        top = fr->top;
    }
    size_t s = 0;
    while (s < n) {
        double h = fr->bottom - top;
        /* the last page: the smallest height that still takes everything, so the columns
         * come out balanced */
        if (fits(a, tmp, n, s, fr->columns, h)) {
            double lo = content_height(a, n, s) / fr->columns - EPS, hi = h;
            if (lo < 0)
                lo = 0;
            for (int it = 0; it < 24 && hi - lo > 0.25; it++) {
                double mid = (lo + hi) / 2;
                if (fits(a, tmp, n, s, fr->columns, mid))
                    hi = mid;
                else
                    lo = mid;
            }
            h = hi;
        }
        for (int c = 0; c < fr->columns && s < n; c++) {
            size_t e = fill(a, n, s, h, NULL);
            int k = fr->rtl ? fr->columns - 1 - c : c;
            place(a, s, e, fr->left + k * (fr->col_w + fr->gutter), top, doc, &doc->pages[page]);
            s = e;
        }
        if (s < n) {
            if ((int)doc->n >= fr->max_pages)
                return err_set(err, 1, where, "more than %d pages", fr->max_pages);
            dl_page_add(doc, fr->page_w, fr->page_h);
            page = doc->n - 1;
            top = fr->top;
        }
    }
    return true;
}
