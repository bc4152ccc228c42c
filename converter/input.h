/* input.h - readers: bytes of one input -> article model. Every reader builds the model
 * through model.h's builder; libxml2 stays inside in_*.c, extract.c and meta.c. */
#ifndef A2P_INPUT_H
#define A2P_INPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "model.h"
#include "opts.h"

/* in_read() - read BYTES (LEN) that came from PATH; the format is chosen by content
 * (root element) unless OPTS->informat says otherwise. NULL with ERR set on failure. */
art_doc *in_read(const char *path, const char *bytes, size_t len, const a2p_opts *opts,
                 ar_arena *ar, a2p_err *err);

/* The readers in_read() dispatches to (same contract). */
art_doc *in_html_read(const char *path, const char *bytes, size_t len, const a2p_opts *opts,
                      ar_arena *ar, a2p_err *err);
art_doc *in_xml_read(const char *path, const char *bytes, size_t len, const a2p_opts *opts,
                     ar_arena *ar, a2p_err *err);

/* ---- feeds (in_feed.c): RSS 2.0 and Atom files become a list of articles ---------- */

typedef struct in_feed_item {
    const char *title, *link, *date, *author; /* date as YYYY-MM-DD when it parses */
    const char *content;    /* item HTML (content:encoded, atom:content, description) */
    size_t content_len;
    const char *local_path; /* the saved page the link points to, when it exists */
} in_feed_item;

/* in_is_feed() - whether BYTES are an RSS or Atom document (by root element). */
bool in_is_feed(const char *bytes, size_t len);
/* in_file_is_feed() - whether the file PATH is one, by its first 64 KB (where in_is_feed
 * looks); false when it cannot be read. */
bool in_file_is_feed(const char *path);
/* in_feed_read() - the items of the feed in BYTES (from PATH), in AR. */
bool in_feed_read(const char *path, const char *bytes, size_t len, ar_arena *ar,
                  in_feed_item **items, size_t *n, a2p_err *err);

#endif
