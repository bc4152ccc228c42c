/* ts.h - typesetting: article model + resolved style -> display list pages.
 * Knows no PDF and no parser; measures through font.h, hyphenates through hyph.h. */
#ifndef A2P_TS_H
#define A2P_TS_H

#include <stdbool.h>

#include "dlist.h"
#include "err.h"
#include "font.h"
#include "hyph.h"
#include "image.h"
#include "model.h"
#include "style.h"

typedef struct ts_env {
    fnt_env *fonts;
    hyph_env *hyph;
    const char *header_title; /* running header text: site or packet title ("" = site) */
    const char *convert_date; /* "2026-11-26", for provenance lines */
    int page_offset;          /* first page number - 1 (packets) */
    int total_pages;          /* N of "n / N" when > 0 (packets); else the article's count */
    bool no_images;
    bool no_header_footer;    /* pages without running header and footer (a packet's pass 1:
                               * ts_header_footer() stamps them once the numbers are known) */
    img_ctx img;              /* where image references resolve */
} ts_env;

/* ts_typeset() - lay out DOC in style ST; pages live in AR. NULL with ERR set on failure
 * (no font, page limit). Images are loaded through image.h when present. */
dl_doc *ts_typeset(const art_doc *doc, const sty_sheet *st, const ts_env *env, ar_arena *ar,
                   a2p_err *err);
/* ts_header_footer() - the running header and footer of every page of OUT, as ts_typeset()
 * draws them, numbered from ENV->page_offset + 1 of ENV->total_pages; for pages typeset
 * with ENV->no_header_footer. Items live in AR. */
void ts_header_footer(const art_doc *doc, const sty_sheet *st, const ts_env *env, dl_doc *out,
                      ar_arena *ar);

#endif
