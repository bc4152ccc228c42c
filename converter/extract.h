/* extract.h - what extract.c tells the lean pass of in_html.c about the words it reads
 * (ext_html.h holds the rest of extract.c's seams). */
#ifndef A2P_EXTRACT_H
#define A2P_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>

/* ext_id_read() - an id V (LEN bytes) holds a word some reader of the tree looks for in
 * a class or id (extract.c's hint lists, meta.c's breadcrumb and byline words, ad
 * tokens). An id that holds none changes no decision: the lean pass drops it. Every
 * list a reader matches ids against must be in this test. */
bool ext_id_read(const char *v, size_t len);

#endif
