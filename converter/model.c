/* model.c - the article model and its builder (style.md §3). libc only.
 * One place collapses white space, copies strings into the arena, enforces the
 * limits of limits.h and drops empty blocks, whatever reader drives it. */
#include "model.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "limits.h"
#include "u8.h"

/* ---- document ------------------------------------------------------------------- */

art_doc *art_doc_new(ar_arena *ar)
{
    art_doc *d = ar_alloc(ar, sizeof *d);
    d->ar = ar;
    d->source = d->site = d->lang = d->dir = d->section = "";
    d->headline = d->deck = d->published = d->modified = "";
    return d;
}

void art_doc_warn(art_doc *doc, const char *fmt, ...)
{
    va_list ap;
    char tmp[512];
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    art_warning *w = ar_alloc(doc->ar, sizeof *w), **tail = &doc->warnings;
    w->msg = ar_strdup(doc->ar, tmp);
    while (*tail)
        tail = &(*tail)->next;
    *tail = w;
}

void art_doc_add_author(art_doc *doc, const char *name)
{
    char *n = art_text_collapse(doc->ar, name, strlen(name));
    if (!*n)
        return;
    for (size_t i = 0; i < doc->n_authors; i++)
        if (strcmp(doc->authors[i], n) == 0)
            return;
    doc->authors = ar_grow(doc->ar, doc->authors, doc->n_authors * sizeof(char *),
                           (doc->n_authors + 1) * sizeof(char *));
    doc->authors[doc->n_authors++] = n;
}

const char *art_doc_byline(const art_doc *doc)
{
    if (doc->n_authors == 0)
        return "";
    buf b = {0};
    buf_puts(&b, "By ");
    for (size_t i = 0; i < doc->n_authors; i++) {
        if (i > 0)
            buf_puts(&b, i + 1 == doc->n_authors ? " and " : ", ");
        buf_puts(&b, doc->authors[i]);
    }
    char *s = ar_strndup(doc->ar, b.data, b.len);
    buf_free(&b);
    return s;
}

const char *art_block_kind_name(art_block_kind k)
{
    static const char *names[ART_BLOCK_COUNT] = {
        [ART_P] = "p",       [ART_H2] = "h2",       [ART_H3] = "h3",   [ART_H4] = "h4",
        [ART_QUOTE] = "quote", [ART_UL] = "ul",     [ART_OL] = "ol",   [ART_LI] = "li",
        [ART_FIGURE] = "figure", [ART_PRE] = "pre", [ART_RULE] = "hr", [ART_TABLE] = "table",
        [ART_TR] = "tr",     [ART_TD] = "td",       [ART_TH] = "th",
    };
    return (unsigned)k < ART_BLOCK_COUNT ? names[k] : "?";
}

char *art_runs_text(ar_arena *ar, const art_run *r)
{
    buf b = {0};
    for (; r; r = r->next) {
        if (r->flags & ART_BR)
            buf_putc(&b, '\n');
        else
            buf_add(&b, r->text, r->len);
    }
    char *s = ar_strndup(ar, b.data ? b.data : "", b.len);
    buf_free(&b);
    return s;
}

char *art_text_collapse(ar_arena *ar, const char *s, size_t n)
{
    char *out = ar_alloc(ar, n + 1);
    size_t o = 0;
    bool space = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            space = o > 0;
            continue;
        }
        if (space)
            out[o++] = ' ';
        space = false;
        out[o++] = (char)c;
    }
    out[o] = 0;
    return out;
}

/* ---- builder -------------------------------------------------------------------- */

typedef struct frame {
    art_block *blk;
    art_block **slot;      /* where blk hangs: parent's child list or body */
    art_block *prev;       /* the sibling before blk (the tail again if blk is dropped) */
    art_block *last_child; /* tail of blk->child */
    art_run *last_run;     /* tail of blk->runs */
    bool implicit;         /* opened by the builder, not by a reader */
} frame;

struct art_builder {
    art_doc *doc;
    frame stack[LIM_DEPTH + 1];
    int depth;
    art_block *body_tail;
    /* inline state */
    unsigned flags_stack[LIM_DEPTH];
    const char *href_stack[LIM_DEPTH];
    int ndepth, ndrop;
    /* pending run text of the innermost text block */
    buf run;
    unsigned run_flags;
    const char *run_href;
    bool space_pending, at_start;
    bool overflow;
    const char *overflow_msg;
};

static bool is_text_block(art_block_kind k)
{
    return k == ART_P || k == ART_H2 || k == ART_H3 || k == ART_H4 || k == ART_LI ||
           k == ART_PRE || k == ART_TD || k == ART_TH;
}

static bool is_para(art_block_kind k) /* may not contain blocks */
{
    return k == ART_P || k == ART_H2 || k == ART_H3 || k == ART_H4 || k == ART_PRE ||
           k == ART_RULE || k == ART_FIGURE;
}

art_builder *art_build_new(art_doc *doc)
{
    art_builder *b = ar_alloc(doc->ar, sizeof *b);
    b->doc = doc;
    b->at_start = true;
    return b;
}

int art_build_depth(const art_builder *b)
{
    return b->depth;
}

static unsigned cur_flags(const art_builder *b)
{
    return b->ndepth > 0 ? b->flags_stack[b->ndepth - 1] : 0;
}

static const char *cur_href(const art_builder *b)
{
    for (int i = b->ndepth - 1; i >= 0; i--)
        if (b->href_stack[i])
            return b->href_stack[i];
    return NULL;
}

static bool overflow(art_builder *b, const char *msg)
{
    if (!b->overflow) {
        b->overflow = true;
        b->overflow_msg = msg;
    }
    return false;
}

static void add_run(art_builder *b, art_run *r)
{
    frame *f = &b->stack[b->depth - 1];
    if (f->last_run)
        f->last_run->next = r;
    else
        f->blk->runs = r;
    f->last_run = r;
    b->doc->n_runs++;
}

static void flush_run(art_builder *b)
{
    if (b->run.len == 0 || b->depth == 0)
        return;
    if (b->doc->n_runs >= LIM_RUNS) {
        b->run.len = 0;
        overflow(b, "more than 2000000 inline runs");
        return;
    }
    art_run *r = ar_alloc(b->doc->ar, sizeof *r);
    r->flags = b->run_flags;
    r->href = b->run_href;
    r->text = ar_strndup(b->doc->ar, b->run.data, b->run.len);
    r->len = b->run.len;
    add_run(b, r);
    b->run.len = 0;
}

static void link_block(art_builder *b, art_block *blk)
{
    if (b->depth == 0) {
        art_block **slot = b->body_tail ? &b->body_tail->next : &b->doc->body;
        *slot = blk;
        b->stack[0] = (frame){.blk = blk, .slot = slot, .prev = b->body_tail};
        b->body_tail = blk;
    } else {
        frame *p = &b->stack[b->depth - 1];
        art_block **slot = p->last_child ? &p->last_child->next : &p->blk->child;
        *slot = blk;
        b->stack[b->depth] = (frame){.blk = blk, .slot = slot, .prev = p->last_child};
        p->last_child = blk;
    }
    b->depth++;
}

static bool block_empty(const art_block *blk)
{
    if (blk->kind == ART_FIGURE || blk->kind == ART_RULE)
        return false;
    if (blk->child)
        return false;
    for (const art_run *r = blk->runs; r; r = r->next)
        if (!(r->flags & ART_BR) && r->len)
            return false;
    return true;
}

/* Remove the just-closed block at the top of the stack from its parent. */
static void unlink_top(art_builder *b)
{
    frame *f = &b->stack[b->depth - 1];
    *f->slot = NULL; /* constant time: blk is its parent's last child */
    if (b->depth == 1)
        b->body_tail = f->prev;
    else
        b->stack[b->depth - 2].last_child = f->prev;
    b->doc->n_blocks--;
}

static void trim_trailing_breaks(art_block *blk)
{
    /* drop BR runs at the end, and a trailing space of the last text run */
    art_run *last_text = NULL;
    for (art_run *r = blk->runs; r; r = r->next)
        if (!(r->flags & ART_BR))
            last_text = r;
    if (!last_text) {
        blk->runs = NULL;
        return;
    }
    last_text->next = NULL;
    if (blk->kind != ART_PRE)
        while (last_text->len && last_text->text[last_text->len - 1] == ' ')
            ((char *)last_text->text)[--last_text->len] = 0;
    else
        while (last_text->len && (last_text->text[last_text->len - 1] == '\n' ||
                                  last_text->text[last_text->len - 1] == ' '))
            ((char *)last_text->text)[--last_text->len] = 0;
}

static void pop(art_builder *b)
{
    flush_run(b);
    art_block *blk = b->stack[b->depth - 1].blk;
    trim_trailing_breaks(blk);
    if (block_empty(blk))
        unlink_top(b);
    b->depth--;
    b->space_pending = false;
    b->at_start = true;
}

void art_build_end(art_builder *b, art_block *blk)
{
    int i = b->depth - 1;
    while (i >= 0 && b->stack[i].blk != blk)
        i--;
    if (i < 0) {
        /* BLK was closed for the reader (a figure split it): end the paragraph the
         * builder opened in its place, as a browser's </p> would */
        while (b->depth > 0 && b->stack[b->depth - 1].implicit &&
               is_para(b->stack[b->depth - 1].blk->kind))
            pop(b);
        return;
    }
    while (b->depth > i)
        pop(b);
}

art_block *art_build_begin(art_builder *b, art_block_kind kind, int line)
{
    if (b->overflow)
        return NULL;
    while (b->depth > 0 && is_para(b->stack[b->depth - 1].blk->kind))
        pop(b);
    flush_run(b);
    if (b->depth >= LIM_DEPTH) {
        overflow(b, "nesting deeper than 256 blocks");
        return NULL;
    }
    if (b->doc->n_blocks >= LIM_BLOCKS) {
        overflow(b, "more than 200000 blocks");
        return NULL;
    }
    art_block *blk = ar_alloc(b->doc->ar, sizeof *blk);
    blk->kind = kind;
    blk->line = line;
    blk->start = 1;
    link_block(b, blk);
    b->doc->n_blocks++;
    b->space_pending = false;
    b->at_start = true;
    return blk;
}

void art_build_set_start(art_builder *b, int start)
{
    for (int i = b->depth - 1; i >= 0; i--)
        if (b->stack[i].blk->kind == ART_OL) {
            b->stack[i].blk->start = start;
            return;
        }
}

/* Make sure the innermost open block holds text; open what is missing. */
static bool ensure_text_block(art_builder *b)
{
    if (b->depth > 0 && is_text_block(b->stack[b->depth - 1].blk->kind))
        return true;
    while (b->depth > 0 && is_para(b->stack[b->depth - 1].blk->kind))
        pop(b); /* a rule or figure holds no text */
    art_block_kind k = ART_P;
    if (b->depth > 0) {
        art_block_kind top = b->stack[b->depth - 1].blk->kind;
        if (top == ART_UL || top == ART_OL)
            k = ART_LI;
        else if (top == ART_TABLE) {
            if (!art_build_begin(b, ART_TR, 0))
                return false;
            k = ART_TD;
        } else if (top == ART_TR)
            k = ART_TD;
    }
    if (!art_build_begin(b, k, 0))
        return false;
    b->stack[b->depth - 1].implicit = true;
    return true;
}

static void emit(art_builder *b, const char *s, size_t n)
{
    unsigned fl = cur_flags(b);
    const char *href = (fl & ART_LINK) ? cur_href(b) : NULL;
    if (b->run.len && (fl != b->run_flags || href != b->run_href))
        flush_run(b);
    b->run_flags = fl;
    b->run_href = href;
    buf_add(&b->run, s, n);
}

bool art_build_text(art_builder *b, const char *text, size_t len)
{
    if (b->overflow)
        return false;
    bool pre = false;
    bool only_space = true;
    for (size_t i = 0; i < len && only_space; i++)
        only_space = u8_is_space((unsigned char)text[i]);
    if (only_space) {
        /* white space alone never opens a block */
        if (b->depth > 0 && is_text_block(b->stack[b->depth - 1].blk->kind)) {
            if (b->stack[b->depth - 1].blk->kind == ART_PRE)
                emit(b, text, len);
            else if (!b->at_start && len)
                b->space_pending = true;
        }
        return true;
    }
    if (!ensure_text_block(b))
        return false;
    pre = b->stack[b->depth - 1].blk->kind == ART_PRE;
    if (pre) {
        emit(b, text, len);
        b->at_start = false;
        return true;
    }
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && !u8_is_space((unsigned char)text[j]))
            j++;
        if (j > i) {
            if (b->space_pending)
                emit(b, " ", 1);
            emit(b, text + i, j - i);
            b->space_pending = false;
            b->at_start = false;
        }
        if (j < len) {
            if (!b->at_start)
                b->space_pending = true;
            j++;
        }
        i = j;
    }
    return true;
}

void art_build_inline_push(art_builder *b, unsigned flag, const char *href)
{
    if (b->ndepth >= LIM_DEPTH) {
        b->ndrop++;
        return;
    }
    b->flags_stack[b->ndepth] = cur_flags(b) | flag;
    b->href_stack[b->ndepth] = href ? ar_strdup(b->doc->ar, href) : NULL;
    b->ndepth++;
}

void art_build_inline_pop(art_builder *b)
{
    if (b->ndrop > 0)
        b->ndrop--;
    else if (b->ndepth > 0)
        b->ndepth--;
}

void art_build_break(art_builder *b)
{
    if (b->overflow || b->depth == 0 || !is_text_block(b->stack[b->depth - 1].blk->kind))
        return;
    flush_run(b);
    if (b->stack[b->depth - 1].blk->runs == NULL)
        return; /* a break at the start of a block shows nothing */
    art_run *r = ar_alloc(b->doc->ar, sizeof *r);
    r->flags = ART_BR;
    r->text = "";
    add_run(b, r);
    b->space_pending = false;
    b->at_start = true;
}

static const char *dup_or_empty(ar_arena *ar, const char *s)
{
    return s ? art_text_collapse(ar, s, strlen(s)) : "";
}

bool art_build_figure(art_builder *b, const art_figure *fig, int line)
{
    art_block *blk = art_build_begin(b, ART_FIGURE, line);
    if (!blk)
        return false;
    art_figure *f = ar_alloc(b->doc->ar, sizeof *f);
    ar_arena *ar = b->doc->ar;
    f->src = dup_or_empty(ar, fig->src);
    f->alt = dup_or_empty(ar, fig->alt);
    f->caption = dup_or_empty(ar, fig->caption);
    f->credit = dup_or_empty(ar, fig->credit);
    f->width = fig->width;
    f->height = fig->height;
    blk->fig = f;
    art_build_end(b, blk);
    return true;
}

bool art_build_finish(art_builder *b, a2p_err *err)
{
    while (b->depth > 0)
        pop(b);
    buf_free(&b->run);
    if (b->overflow)
        return err_set(err, 1, b->doc->source, "%s", b->overflow_msg);
    return true;
}
