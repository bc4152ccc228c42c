/* input.h - readers: bytes of one input -> article model. Every reader builds the model
 * through model.h's builder; libxml2 stays inside in_*.c, extract.c and meta.c. */
#ifndef A2P_INPUT_H
#define A2P_INPUT_H

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

#endif
