/* style.h - resolved style: every value the typesetter needs, in points (style.md §6).
 * The typesetter never parses a length. libc only. */
#ifndef A2P_STYLE_H
#define A2P_STYLE_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "err.h"

/* The parts of an article a sheet can style (CSS type selectors of the same name). */
typedef enum sty_role {
    STY_KICKER,   /* section path */
    STY_HEADLINE,
    STY_DECK,
    STY_BYLINE,   /* byline and dates */
    STY_CAPTION,
    STY_CREDIT,
    STY_BODY,     /* p */
    STY_H2,
    STY_H3,
    STY_H4,
    STY_QUOTE,    /* blockquote */
    STY_LI,
    STY_PRE,
    STY_TABLE,    /* td */
    STY_TH,
    STY_HEADER,   /* running header */
    STY_FOOTER,   /* running footer */
    STY_ROLE_COUNT
} sty_role;

typedef enum sty_align { STY_JUSTIFY, STY_LEFT, STY_CENTER, STY_RIGHT } sty_align;

typedef struct sty_block {
    const char *family; /* "serif", "sans", "mono" (fonts/ manifest roles) or a family name */
    double size;        /* font size, pt */
    double leading;     /* baseline to baseline, pt */
    double space_before, space_after; /* pt */
    double indent;       /* first-line indent, pt (only after another paragraph) */
    double margin_left;  /* block indent, pt (quotes, lists) */
    double letter_spacing; /* pt */
    uint32_t color;      /* 0xRRGGBB */
    sty_align align;
    bool bold, italic, hyphenate, small_caps, uppercase;
    /* hyphens: auto = HYPHENATE (dictionary points and soft hyphens); manual = neither flag
     * (soft hyphens U+00AD only); none = HYPHENS_NONE (not even soft hyphens). Breaks after
     * a visible hyphen in the text stay in all three, as in CSS. */
    bool hyphens_none;
    /* Added by the style sheets (issue 6): */
    const char *families; /* the whole font-family list, comma-separated, generics mapped to
                           * serif/sans/mono; always ends with one of those three. Try each
                           * with fnt_find() and take the first that resolves. FAMILY is the
                           * first entry. */
} sty_block;

/* What a running header or footer shows (sty_sheet.header_items / footer_items), left to
 * right in this order. */
enum {
    STY_HF_SITE = 1 << 0,   /* site or packet title (ts_env.header_title) */
    STY_HF_TITLE = 1 << 1,  /* the article headline */
    STY_HF_PAGE = 1 << 2,   /* "n / N" */
    STY_HF_SOURCE = 1 << 3, /* source URL or file of the article */
    STY_HF_DATE = 1 << 4,   /* conversion date (ts_env.convert_date) */
};

typedef struct sty_sheet {
    const char *name;
    double page_w, page_h;                 /* pt */
    double margin_top, margin_bottom, margin_left, margin_right;
    int columns;                           /* body columns, 1..3 */
    double gutter;                         /* column gap, pt */
    bool lead_span;                        /* lead photo across all columns (else one column) */
    bool drop_cap;
    bool header, footer;                   /* running header / footer present */
    bool page_numbers;                     /* "n / N" in the footer */
    bool provenance;                       /* source and conversion date on every page */
    double max_image_dpi;                  /* downsample above this */
    sty_block role[STY_ROLE_COUNT];
    /* Added by the style sheets (issue 6): */
    int drop_cap_lines;      /* lines the drop cap spans (2..6) when drop_cap, else 0 */
    unsigned header_items;   /* STY_HF_* shown in the running header; 0 iff !header */
    unsigned footer_items;   /* STY_HF_* shown in the running footer; 0 iff !footer.
                              * page_numbers = either has STY_HF_PAGE; provenance = either
                              * has STY_HF_SOURCE or STY_HF_DATE. */
} sty_sheet;

/* sty_default() - the built-in newspaper style (A4, two columns), in AR. */
sty_sheet *sty_default(ar_arena *ar);
const char *sty_role_name(sty_role r);

#endif
