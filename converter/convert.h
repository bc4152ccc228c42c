/* convert.h - one article (or a packet of them) from input bytes to output, every stage
 * in one function (style.md §1). */
#ifndef A2P_CONVERT_H
#define A2P_CONVERT_H

#include <stdbool.h>

#include "err.h"
#include "font.h"
#include "hyph.h"
#include "opts.h"

/* Process-wide caches, made by main and passed down (style.md §6). */
typedef struct a2p_env {
    fnt_env *fonts;
    hyph_env *hyph;
    bool last; /* nothing is converted after the current article: caches may go early */
} a2p_env;

struct art_doc;
struct dl_doc;
struct ts_env;
struct ar_arena;

/* convert_load() - read IN_PATH and build its model in AR (NULL with ERR on failure). */
struct art_doc *convert_load(const char *in_path, const a2p_opts *opts, struct ar_arena *ar,
                             a2p_err *err);
/* convert_layout() - resolve the style (sheet + overrides) and typeset DOC into pages in AR.
 * PACKET, when not NULL, gives header_title, page_offset and total_pages. */
struct dl_doc *convert_layout(const struct art_doc *doc, const char *in_path,
                              const a2p_opts *opts, a2p_env *env, const struct ts_env *packet,
                              struct ar_arena *ar, a2p_err *err);
/* convert_layout_sheet() - convert_layout() with the style sheet ST already loaded (a packet
 * loads it once for all its articles). */
struct sty_sheet;
struct dl_doc *convert_layout_sheet(const struct art_doc *doc, const struct sty_sheet *st,
                                    const char *in_path, const a2p_opts *opts, a2p_env *env,
                                    const struct ts_env *packet, struct ar_arena *ar,
                                    a2p_err *err);
/* convert_stamp() - the running header and footer of pages DL that were laid out with
 * PACKET->no_header_footer, numbered as PACKET says (items in AR). */
void convert_stamp(const struct art_doc *doc, const struct sty_sheet *st, const a2p_opts *opts,
                   a2p_env *env, const struct ts_env *packet, struct dl_doc *dl,
                   struct ar_arena *ar);
/* convert_warnings() - print DOC's warnings (one line each) unless OPTS->quiet. */
void convert_warnings(const char *label, const struct art_doc *doc, const a2p_opts *opts);
/* convert_date() - the conversion date (SOURCE_DATE_EPOCH or now) as YYYY-MM-DD. */
void convert_date(const a2p_opts *opts, char *out, size_t cap);

/* convert_one() - convert IN_PATH to OUT_PATH ("-" = stdout) in OPTS->format.
 * Warnings are printed to stderr unless OPTS->quiet. */
bool convert_one(const char *in_path, const char *out_path, const a2p_opts *opts,
                 a2p_env *env, a2p_err *err);

#endif
