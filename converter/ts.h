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
    img_ctx img;              /* where image references resolve */
} ts_env;

/* ts_typeset() - lay out DOC in style ST; pages live in AR. NULL with ERR set on failure
 * (no font, page limit). Images are loaded through image.h when present. */
dl_doc *ts_typeset(const art_doc *doc, const sty_sheet *st, const ts_env *env, ar_arena *ar,
                   a2p_err *err);

#endif
