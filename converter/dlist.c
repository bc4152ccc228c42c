/* dlist.c - display list storage and its text dump. libc only. */
#include "dlist.h"

#include <string.h>

#include "buf.h"

dl_doc *dl_doc_new(ar_arena *ar)
{
    dl_doc *d = ar_alloc(ar, sizeof *d);
    d->ar = ar;
    return d;
}

dl_page *dl_page_add(dl_doc *d, double w, double h)
{
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 8;
        d->pages = ar_grow(d->ar, d->pages, d->n * sizeof *d->pages, cap * sizeof *d->pages);
        d->cap = cap;
    }
    dl_page *p = &d->pages[d->n++];
    memset(p, 0, sizeof *p);
    p->w = w;
    p->h = h;
    return p;
}

dl_item *dl_item_add(dl_doc *d, dl_page *p, dl_kind kind)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 64;
        p->items = ar_grow(d->ar, p->items, p->n * sizeof *p->items, cap * sizeof *p->items);
        p->cap = cap;
    }
    dl_item *it = &p->items[p->n++];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    return it;
}

void dl_dump(const dl_doc *d, buf *out)
{
    static const char *names[DL_KIND_COUNT] = {"text", "image", "rule", "rect", "link", "mark"};
    for (size_t i = 0; i < d->n; i++) {
        const dl_page *p = &d->pages[i];
        buf_printf(out, "page %zu %.1f x %.1f\n", i + 1, p->w, p->h);
        for (size_t j = 0; j < p->n; j++) {
            const dl_item *it = &p->items[j];
            buf_printf(out, "  %s %.1f %.1f %.1f %.1f", names[it->kind], it->x, it->y, it->w, it->h);
            switch (it->kind) {
            case DL_TEXT:
                buf_printf(out, " f%d %.1f \"%.*s\"", it->u.text.font, it->u.text.size,
                           (int)it->u.text.len, it->u.text.text);
                break;
            case DL_LINK:
                if (it->u.link.uri)
                    buf_printf(out, " %s", it->u.link.uri);
                else
                    buf_printf(out, " page %d", it->u.link.page + 1);
                break;
            case DL_MARK:
                buf_printf(out, " %d \"%s\"", it->u.mark.level, it->u.mark.title);
                break;
            default:
                break;
            }
            buf_putc(out, '\n');
        }
    }
}
