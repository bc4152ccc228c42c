/* ts_int.h - the typesetter's inner seams: paragraph items (ts_items.c), Knuth-Plass line
 * breaking (ts_para.c) and the vertical list that column/page flow consumes (ts_flow.c).
 * Internal to the ts_ files and their unit tests. No library headers: fonts and hyphens
 * come in through font.h and hyph.h. */
#ifndef A2P_TS_INT_H
#define A2P_TS_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "dlist.h"
#include "err.h"
#include "model.h"
#include "style.h"
#include "ts.h"

/* ---- paragraph items (box / glue / penalty) ---------------------------------------- */

typedef enum ts_ikind { TS_BOX, TS_GLUE, TS_PENALTY } ts_ikind;

#define TS_INF_PENALTY 10000.0 /* a penalty >= this forbids the break, <= -this forces it */

typedef struct ts_item {
    ts_ikind kind;
    bool flagged;  /* penalty: a break here ends the line with a hyphen */
    bool fil;      /* glue: infinitely stretchable (parfillskip) */
    bool spaced;   /* box: justification may space its letters (not in joining scripts) */
    double w;      /* natural width (penalty: width added when breaking here) */
    double stretch, shrink;
    double penalty;
    int piece;     /* payload index in the paragraph's pieces, -1 for none */
    uint8_t level; /* bidi embedding level (0 in left-to-right text) */
} ts_item;

/* Lines of a paragraph may start narrower (a drop cap's hanging indent): at most this many
 * widths are honoured; later lines take the full measure. */
#define TS_MAX_WIDTHS 8

typedef struct ts_para_opts {
    double line_w;            /* the width of every line not in WIDTHS */
    const double *widths;     /* NULL, or the widths of lines 0..N_WIDTHS-1 (TeX's parshape) */
    size_t n_widths;          /* at most TS_MAX_WIDTHS count */
    double tolerance;         /* largest badness accepted (100 = r 1.0; 10000 = any) */
    double emergency_stretch; /* added to each line's stretch when rating it (last pass) */
    double rightskip;         /* ragged right: stretch at each line end, glue not stretched */
    bool final_pass;          /* accept an overfull line rather than no break at all */
} ts_para_opts;

typedef struct ts_stats {
    size_t lines, hyphenated, overfull, passes;
} ts_stats;

/* ts_break_paragraph() - choose the line breaks of ITEMS[0..N) (which must end with a
 * forced break) under OPTS. Returns the number of lines; *BREAKS (in SCRATCH, valid until
 * it is reset) gets one item index per line, the item where the line ends. 0 when no
 * feasible set exists under OPTS (never when OPTS->final_pass). */
size_t ts_break_paragraph(const ts_item *items, size_t n, const ts_para_opts *opts,
                          ar_arena *scratch, size_t **breaks);

/* Paragraphs of more items than this are set first-fit (a page of text is ~3000 items). */
#define TS_TOTAL_FIT_MAX 20000

/* The measure of a paragraph: LINE_W, or WIDTHS[l] for line l < N_WIDTHS (as in
 * ts_para_opts). */
typedef struct ts_measure {
    double line_w;
    const double *widths;
    size_t n_widths;
} ts_measure;

/* ts_measure_width() - the width of line L (0-based) of M. */
double ts_measure_width(const ts_measure *m, size_t l);

/* ts_break_best() - the passes: tolerance 100; then (justified) the same with the boxes'
 * letter-spacing stretch doubled (ITEMS are changed: the caller sets the lines from them);
 * then tolerance 400; then an emergency pass with emergency stretch and overfull lines as
 * the last resort. RAGGED sets a right-skip (a quarter of M->line_w). */
size_t ts_break_best(ts_item *items, size_t n, const ts_measure *m, bool ragged,
                     ar_arena *scratch, size_t **breaks, ts_stats *stats);

/* ts_line_ratio() - adjustment ratio of the line ITEMS[from..to] (to = its break item):
 * >0 stretch, <0 shrink, relative to the line's stretch/shrink. *NATURAL gets its width. */
double ts_line_ratio(const ts_item *items, size_t from, size_t to, double line_w,
                     double *natural);
/* ts_line_start() - first item of the line after the break at B (discardables skipped). */
size_t ts_line_start(const ts_item *items, size_t n, size_t b);

/* ---- vertical list ------------------------------------------------------------------ */

typedef enum ts_vkind { TS_V_LINE, TS_V_SPACE, TS_V_FIGURE, TS_V_RULE } ts_vkind;

/* One unbreakable slice of the column: a line of text, a figure, a table row, a space.
 * OPS are display items relative to the box's top-left corner (x from the column's left). */
typedef struct ts_vbox {
    ts_vkind kind;
    double h;          /* height it takes in the column */
    bool keep_prev;    /* no column break between the previous box and this one */
    bool para_end;     /* last line of a paragraph (for the tests and balancing) */
    dl_item *ops;
    size_t n_ops, cap_ops;
} ts_vbox;

typedef struct ts_vlist {
    ts_vbox **v;
    size_t n, cap;
} ts_vlist;

ts_vbox *ts_vbox_add(ts_vlist *vl, ts_vkind kind, double h, ar_arena *ar);
dl_item *ts_vbox_op(ts_vbox *b, dl_kind kind, ar_arena *ar);

/* The page frame the flow fills. */
typedef struct ts_frame {
    double page_w, page_h;
    double left, top, bottom; /* text area: x of column 1, y top, y bottom */
    double col_w, gutter;
    int columns;
    double first_top;         /* y where columns start on the first page (below the title) */
    int max_pages;
    bool rtl;                 /* columns run from right to left */
} ts_frame;

/* ts_flow() - place VL's boxes into columns and pages of DOC (pages added as needed; the
 * first page must exist already, its columns starting at FR->first_top). Figures that do
 * not fit move to the next column with the text continuing around them; breaks honour
 * keep_prev (widows, orphans, headings); the last page's columns are balanced.
 * False with ERR set past FR->max_pages. */
bool ts_flow(const ts_vlist *vl, const ts_frame *fr, dl_doc *doc, ar_arena *ar,
             a2p_err *err, const char *where);

/* ---- paragraphs from runs (ts_items.c) ------------------------------------------- */

/* One set of text properties: the font actually used, size, colour, raise, link. */
typedef struct ts_style {
    int font;
    double size, raise, ls; /* raise: baseline shift up; ls: letter spacing */
    uint32_t rgb;
    const char *href;
    bool hyphenate, upper;
    bool soft;       /* soft hyphens (U+00AD) are break points (hyphens: manual, auto) */
    bool small_caps; /* lower-case letters set as capitals of SIZE * TS_SMALL_CAPS */
    dl_glyph space, hyphen; /* the font's space and hyphen, shaped once */
    double space_w, hyphen_w;
} ts_style;

/* A box's payload: shaped glyphs for TEXT[0..LEN), clusters relative to TEXT. */
typedef struct ts_piece {
    const ts_style *st;
    const char *text;
    size_t len;
    const dl_glyph *g;
    size_t n;
    double w;
} ts_piece;

/* Size of synthesized small capitals relative to the capitals (font.h shapes no 'smcp'). */
#define TS_SMALL_CAPS 0.76

/* A drop cap: the paragraph's first letter (with any opening quote before it) set LINES
 * lines tall to the left of the paragraph's first lines (ts_drop_cap). */
typedef struct ts_drop {
    int lines;
    const char *text; /* the letters it shows, in the article */
    size_t len;
} ts_drop;

typedef struct ts_para {
    ts_item *items;
    size_t n, cap;
    ts_piece *pieces;
    size_t np, capp;
    double max_size;
    bool justify; /* boxes get a little letter-spacing stretch */
    bool bidi;    /* right-to-left text present: lines are reordered by level */
    uint8_t base; /* paragraph base level: 1 = right to left */
    const ts_drop *drop; /* set by the caller after ts_para_build(), or NULL */
} ts_para;

typedef struct ts_wcache ts_wcache; /* shaped words (ts_items.c) */

/* Everything the typesetter carries through one article. */
typedef struct ts_ctx {
    const art_doc *doc;
    const sty_sheet *st;
    const ts_env *env;
    ar_arena *ar;      /* the article: display items live here */
    ar_arena *scratch; /* one paragraph: items, pieces, break nodes */
    const char *lang;
    ts_stats stats;
    a2p_err *err;
    int keep_next;     /* lines still to keep with what precedes them (after headings) */
    double col_h;      /* column height, to cap figures */
    ts_wcache *wcache; /* in AR */
} ts_ctx;

/* ts_para_build() - items for RUNS in block style B (indent: a first-line box), in
 * CX->scratch. LINE_W lets over-long words get break points. False with CX->err set when
 * no font can be found. */
bool ts_para_build(ts_ctx *cx, const art_run *runs, const sty_block *b, double indent,
                   double line_w, ts_para *p);
/* ts_drop_cap() - split a drop cap of LINES lines off the start of RUNS: *DC gets its
 * text, *REST the runs that remain (in CX->ar; the first may be a shortened copy; NULL when
 * the letter was all). False, with *REST = RUNS, when the paragraph takes none: it starts
 * with no letter or digit (after opening quotes), reads right to left, or is ideographs. */
bool ts_drop_cap(ts_ctx *cx, const art_run *runs, int lines, ts_drop *dc, const art_run **rest);
/* ts_para_lines() - break P and append one TS_V_LINE per line to VL: ops at X (the block
 * indent) in a column of LINE_W, text copied into CX->ar. Returns the number of lines.
 * With P->drop, the drop cap goes into the first line's box and the first P->drop->lines
 * lines are narrowed by its width (empty lines are added when the paragraph is shorter),
 * kept together in one column. */
size_t ts_para_lines(ts_ctx *cx, ts_para *p, const sty_block *b, double x, double line_w,
                     ts_vlist *vl);
/* ts_para_natural() - natural width of the whole paragraph and of its widest box. */
void ts_para_natural(const ts_para *p, double *total, double *widest);
/* ts_text_op() - one DL_TEXT op for TEXT shaped in style B (bold/italic as given) at
 * (X, BASELINE) in box VB; returns its width (0 when nothing was drawn). */
double ts_text_op(ts_ctx *cx, ts_vbox *vb, const sty_block *b, const char *text, double x,
                  double baseline);
/* ts_baseline() - baseline offset from the top of a line of style B. */
double ts_baseline(ts_ctx *cx, const sty_block *b);

#endif
