/* ext_html.h - private seams of the HTML reader: in_html.c (encoding, parse, emit),
 * extract.c (main-content detection) and meta.c (metadata). libxml2 types stay in these
 * three files; nothing here is seen by other stages. */
#ifndef A2P_EXT_HTML_H
#define A2P_EXT_HTML_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "buf.h"
#include "model.h"
#include "opts.h"

/* Bound on how deep any walker of ours follows a libxml2 tree before it treats deeper
 * elements as plain text holders (walks are iterative; this bounds per-level state). */
#define EXT_MAX_DEPTH 512

typedef struct ext_meta {
    /* candidates found by meta.c, arena strings ("" when none) */
    const char *title_tag;  /* <title>, raw (collapsed) */
    const char *first_h1;   /* first <h1> of the page */
    const char *image;      /* og:image / JSON-LD image, absolute */
    const char *description;
    const char *base;       /* URL relative references resolve against, or NULL */
} ext_meta;

/* ---- helpers shared by the three files (in_html.c) ---------------------------------- */

/* ext_tag_eq() - tag name A is B: the first byte decides most tests without a call */
static inline bool ext_tag_eq(const char *a, const char *b)
{
    return a[0] == b[0] && strcmp(a, b) == 0;
}

/* ext_attr() - attribute NAME of N as a pointer into the tree (NULL when absent). The
 * returned string lives as long as the tree; copy it before keeping it. */
const char *ext_attr(const xmlNode *n, const char *name);
/* ext_next() - the node after N in document order inside ROOT (N's children first
 * unless SKIP_CHILDREN); NULL at the end. *DEPTH (may be NULL) follows the level. */
xmlNode *ext_next(const xmlNode *root, xmlNode *n, bool skip_children, int *depth);
enum { EXT_TAG_INVISIBLE = 1, EXT_TAG_BLOCK = 2, EXT_TAG_HOLDS_BLOCKS = 4, EXT_TAG_HEADING = 8 };
/* ext_tag() - EXT_TAG_* flags of element N (0 for other nodes and unknown elements).
 * EXT_TAG_HOLDS_BLOCKS: the elements that keep a div from reading as a paragraph. */
unsigned ext_tag(const xmlNode *n);
/* ext_class_id() - "class id" of N in lower case, into OUT (CAP bytes). */
void ext_class_id(const xmlNode *n, char *out, size_t cap);
/* ext_invisible() - element whose content is never shown (script, style, svg, ...). */
bool ext_invisible(const xmlNode *n);
/* ext_is_block() - element that starts a new line of text (p, div, li, td, ...). */
bool ext_is_block(const xmlNode *n);
/* ext_is() - N is an element named NAME (lower case). */
bool ext_is(const xmlNode *n, const char *name);
/* ext_text() - visible text of N (no script/style/...), blocks separated by a space,
 * collapsed and trimmed, into the arena. */
char *ext_text(ar_arena *ar, const xmlNode *n);
/* ext_text_len() - length in bytes of N's visible text, white space runs counted once,
 * and of the part inside links (LINK_LEN may be NULL). Stops counting past LIMIT. */
size_t ext_text_len(const xmlNode *n, size_t *link_len, size_t limit);
/* ext_resolve() - HREF made absolute against BASE (when BASE is set); arena string. */
const char *ext_resolve(ar_arena *ar, const char *href, const char *base);
/* ext_split_credit() - split a trailing photo credit off CAPTION into *CAP / *CREDIT. */
void ext_split_credit(ar_arena *ar, const char *caption, const char **cap, const char **credit);
/* ext_img_src() - the real source of an <img> (lazy-loading attributes, srcset, picture,
 * noscript fallback), NULL when none; tree string or arena string. */
const char *ext_img_src(ar_arena *ar, const xmlNode *img);
/* ext_hidden() - N is hidden (hidden attr, aria-hidden, display:none, visibility:hidden). */
bool ext_hidden(const xmlNode *n);
/* ext_norm_eq() - A and B are the same text ignoring case, space and punctuation. */
bool ext_norm_eq(const char *a, const char *b);

/* ---- extract.c ---------------------------------------------------------------------- */

/* ext_clean() - remove what is never content (scripts, styles, hidden elements, forms...)
 * from the whole tree. */
void ext_clean(xmlDoc *xd);
/* Rules of one extraction pass; a pass whose article is shorter than EXT_MIN_CHARS is
 * repeated with fewer rules. */
enum { EXT_STRIP_UNLIKELY = 1, EXT_WEIGHT_CLASSES = 2, EXT_CLEAN_CONDITIONALLY = 4 };
#define EXT_MIN_CHARS 500

/* ext_find_article() - the element holding the article: a <div> that ext_find_article
 * put into the tree (where the best candidate was) and moved the article's nodes into,
 * cleaned of boilerplate. NULL only when the document has no body or root. The byline
 * element it drops becomes DOC's author when DOC has none. *TEXT_LEN gets the length of
 * the article's text. */
xmlNode *ext_find_article(xmlDoc *xd, art_doc *doc, ar_arena *scratch, int flags,
                          size_t *text_len);
/* ext_data_table() - table T holds data (Readability's test: a caption, header cells, a
 * summary, or at least 10 rows, more than 4 columns or more than 10 cells), rather than
 * laying a page out (role=presentation, a table nested inside, a few big cells). */
bool ext_data_table(const xmlNode *t);

/* ---- meta.c ------------------------------------------------------------------------- */

/* meta_collect() - fill DOC's headline, authors, dates, site, section, lang, dir, deck
 * and M from the whole document (before cleaning). */
void meta_collect(xmlDoc *xd, art_doc *doc, const a2p_opts *opts, ext_meta *m);
/* meta_is_byline() - N looks like a byline (rel/itemprop author, class byline...). */
bool meta_is_byline(const xmlNode *n);
/* meta_finish() - decisions that need the chosen article ARTICLE: headline fallback to
 * the page's h1, dir from the article's nearest ancestor that says. */
void meta_finish(xmlNode *article, art_doc *doc, ext_meta *m);

#endif
