/* html_thin.h - the lean copy of an HTML page that libxml2 parses (in_html.c).
 *
 * libxml2 2.9.14 spends 70-130 instructions on each byte of text and some 150 on each
 * byte of an attribute value, and a few thousand on each attribute node; most of a news
 * page is script, style, markup nobody reads and boxes the extractor removes whole. So
 * the page is thinned in one linear pass before libxml2 sees it, keeping everything any
 * reader of the tree (in_html.c, extract.c, meta.c) looks at, and every newline, so that
 * libxml2's line numbers still point into the page. */
#ifndef A2P_HTML_THIN_H
#define A2P_HTML_THIN_H

#include <stddef.h>

/* First byte of an attribute value set aside in the pool: the value is the mark and the
 * base-64 offset ('0' + digit) of its text in the pool. */
#define HTML_THIN_MARK 0x7f

/* html_thin() - the lean copy of page S (N bytes, UTF-8) in a malloc'd, NUL-terminated
 * string of *OUT_LEN bytes, and in *POOL (malloc'd too, *POOL_LEN bytes) the attribute
 * values it set aside. NULL when out of memory. The caller frees both. */
char *html_thin(const char *s, size_t n, size_t *out_len, char **pool, size_t *pool_len);

/* html_thin_pool() - the pool (LEN bytes) html_thin_value() reads on this thread while a
 * tree of the lean copy is read; NULL when done. */
void html_thin_pool(const char *pool, size_t len);

/* html_thin_value() - attribute value V as the page wrote it: V itself unless it starts
 * with HTML_THIN_MARK, a pool is set and the mark names the start of a value in it (a
 * page's own DEL-led value in a tag the pass copied unread may still read as another
 * pooled value, never outside the pool). */
const char *html_thin_value(const char *v);

#endif
