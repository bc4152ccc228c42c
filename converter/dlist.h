/* dlist.h - the display list: pages of positioned items, in points, origin at the page's
 * top-left, y down (style.md §2). Written by the typesetter, read by the PDF writer, which
 * takes no layout decision and flips y once. libc only. */
#ifndef A2P_DLIST_H
#define A2P_DLIST_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

typedef enum dl_kind { DL_TEXT, DL_IMAGE, DL_RULE, DL_RECT, DL_LINK, DL_MARK, DL_KIND_COUNT } dl_kind;

/* One shaped glyph. The writer shows glyph GID, then moves the pen by ADV; DX/DY shift
 * the glyph alone (HarfBuzz offsets; DY up). Justification is already in ADV. */
typedef struct dl_glyph {
    uint32_t gid;
    float adv;
    float dx, dy;
    uint32_t cluster; /* byte offset in the run's text where this glyph's cluster starts */
} dl_glyph;

struct img_ref; /* image.h */

typedef struct dl_item {
    dl_kind kind;
    double x, y, w, h; /* TEXT: x,y = baseline start, w = advance sum, h = font size */
    union {
        struct {
            int font; /* index into the process font table (font.h) */
            double size;
            uint32_t rgb;
            const char *text; /* the characters the glyphs stand for (for ToUnicode) */
            size_t len;
            const dl_glyph *glyphs;
            size_t n;
        } text;
        struct {
            const struct img_ref *img;
        } image; /* drawn into x,y,w,h */
        struct {
            double width;
            uint32_t rgb;
        } rule; /* line from (x,y) to (x+w,y+h) */
        struct {
            uint32_t rgb;
        } rect; /* filled rectangle */
        struct {
            const char *uri; /* external link, or NULL for an internal one */
            int page;        /* internal: target page, counted from this dl_doc's first page;
                              * may point past its end, to pages a later pdf_add() brings
                              * (a packet's contents page links to its articles) */
            double dest_y;
        } link;
        struct {
            int level; /* 0 headline, 1 h2, 2 h3 ... */
            const char *title;
        } mark; /* outline entry at (x,y) */
    } u;
} dl_item;

typedef struct dl_page {
    double w, h; /* media size in points */
    dl_item *items;
    size_t n, cap;
} dl_page;

typedef struct dl_doc {
    dl_page *pages;
    size_t n, cap;
    ar_arena *ar; /* owns pages and items */
} dl_doc;

dl_doc *dl_doc_new(ar_arena *ar);
dl_page *dl_page_add(dl_doc *d, double w, double h);
/* dl_item_add() - zeroed item of KIND appended to P; valid until the next add on P. */
dl_item *dl_item_add(dl_doc *d, dl_page *p, dl_kind kind);
/* dl_dump() - one item a line, positions rounded to 0.1 pt (for --dump-layout and goldens). */
struct buf;
void dl_dump(const dl_doc *d, struct buf *out);

#endif
