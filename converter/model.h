/* model.h - the article model: plain C structs, every string in the document's arena.
 * libc only: nothing here points into a libxml2 tree (style.md §2).
 *
 * Readers (HTML, XML, NITF, feeds) never build these structs by hand: they call the
 * builder below, which collapses white space, enforces limits and drops empty blocks. */
#ifndef A2P_MODEL_H
#define A2P_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "err.h"

typedef enum art_block_kind {
    ART_P,
    ART_H2,
    ART_H3,
    ART_H4,
    ART_QUOTE,  /* holds child blocks */
    ART_UL,     /* holds ART_LI children */
    ART_OL,     /* holds ART_LI children; start in block->start */
    ART_LI,     /* holds runs, and child blocks for nested lists */
    ART_FIGURE, /* block->fig */
    ART_PRE,    /* runs with white space kept; lines end at '\n' */
    ART_RULE,
    ART_TABLE, /* holds ART_TR children */
    ART_TR,    /* holds ART_TD / ART_TH children */
    ART_TD,
    ART_TH,
    ART_BLOCK_COUNT
} art_block_kind;

/* Inline run flags: a run is a stretch of text with one set of these. */
enum {
    ART_EM = 1 << 0,
    ART_STRONG = 1 << 1,
    ART_CODE = 1 << 2,
    ART_SUP = 1 << 3,
    ART_SUB = 1 << 4,
    ART_LINK = 1 << 5, /* run->href set */
    ART_BR = 1 << 6,   /* a line break; text is "" */
};

typedef struct art_run {
    struct art_run *next;
    unsigned flags;
    const char *text; /* UTF-8, white space already collapsed (except in ART_PRE) */
    size_t len;
    const char *href; /* absolute URL when ART_LINK */
} art_run;

typedef struct art_figure {
    const char *src;     /* image reference as found (absolute URL, path or data: URI) */
    const char *alt;
    const char *caption; /* without the credit */
    const char *credit;  /* "Photo: Jane Doe/Agency" split out of the caption */
    int width, height;   /* declared in the page, 0 when unknown */
} art_figure;

typedef struct art_block {
    struct art_block *next;
    struct art_block *child; /* QUOTE, UL, OL, LI, TABLE, TR */
    art_block_kind kind;
    art_run *runs;
    art_figure *fig; /* ART_FIGURE */
    int start;       /* ART_OL first number */
    int line;        /* source line, 0 when unknown */
} art_block;

typedef struct art_warning {
    struct art_warning *next;
    const char *msg;
} art_warning;

typedef struct art_doc {
    const char *source;   /* path or URL it came from */
    const char *input;    /* the file it was read from ("-" standard input); NULL if made up */
    const char *site;     /* site name */
    const char *lang;     /* BCP 47, "" when unknown */
    const char *dir;      /* "ltr" | "rtl" | "" */
    const char *section;  /* kicker: "News / Politics / Region" */
    const char *headline;
    const char *deck;     /* standfirst / description */
    const char **authors; /* n_authors names */
    size_t n_authors;
    const char *published; /* ISO 8601 as found (date or date-time), "" when unknown */
    const char *modified;
    art_figure *lead;      /* lead photo or NULL */
    art_block *body;       /* first top-level block */
    art_warning *warnings; /* in order of occurrence */
    size_t n_blocks, n_runs;
    ar_arena *ar;          /* owns everything above */
} art_doc;

/* art_doc_new() - empty document in AR; all strings "" (never NULL) except lead/body. */
art_doc *art_doc_new(ar_arena *ar);
void art_doc_warn(art_doc *doc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void art_doc_add_author(art_doc *doc, const char *name);
/* art_doc_byline() - "By A, B and C" or "" (arena string). */
const char *art_doc_byline(const art_doc *doc);
const char *art_block_kind_name(art_block_kind k);
/* art_runs_text() - plain text of a run list (BR as '\n'), arena string. */
char *art_runs_text(ar_arena *ar, const art_run *r);

/* ---- builder: the one way readers make blocks ------------------------------------ */

typedef struct art_builder art_builder;

/* art_build_new() - builder appending to DOC's body; lives in DOC's arena. */
art_builder *art_build_new(art_doc *doc);
/* art_build_begin() - open a block of KIND inside the open container (QUOTE, list, LI,
 * TABLE, TR) or at top level. A paragraph-like block opened while another paragraph-like
 * block is open closes the first (as HTML does). Returns NULL past a limit. */
art_block *art_build_begin(art_builder *b, art_block_kind kind, int line);
/* art_build_end() - close BLK (and whatever is still open inside it) if it is still open;
 * a block the builder already closed implicitly is ignored, so readers can pair every
 * begin with an end whatever the builder did in between. BLK may be NULL. */
void art_build_end(art_builder *b, art_block *blk);
/* art_build_text() - append text with the current inline flags; opens an ART_P when no
 * text-holding block is open. White space collapses as a browser does (kept in PRE). */
bool art_build_text(art_builder *b, const char *text, size_t len);
/* art_build_inline_push/pop() - nest an inline style (ART_EM... or ART_LINK with HREF). */
void art_build_inline_push(art_builder *b, unsigned flag, const char *href);
void art_build_inline_pop(art_builder *b);
void art_build_break(art_builder *b); /* <br> */
/* art_build_figure() - a figure block (closes an open paragraph). FIG is copied. */
bool art_build_figure(art_builder *b, const art_figure *fig, int line);
void art_build_set_start(art_builder *b, int start); /* OL start number */
/* art_build_finish() - close everything, trim and drop empty blocks. Returns false and
 * fills ERR when a limit was hit during the build. */
bool art_build_finish(art_builder *b, a2p_err *err);
/* art_build_depth() - current open-block depth (readers bound their own recursion too). */
int art_build_depth(const art_builder *b);

/* art_text_collapse() - collapse white space runs to one space and trim; arena string. */
char *art_text_collapse(ar_arena *ar, const char *s, size_t n);

#endif
