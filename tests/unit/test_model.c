/* test_model.c - the builder: white space, implicit blocks, empty blocks, limits. */
#include <stdlib.h>

#include "dump.h"
#include "harness.h"
#include "model.h"

static char *text_of(art_doc *d)
{
    buf b = {0};
    art_dump_text(d, &b);
    char *s = ar_strdup(d->ar, b.data ? b.data : "");
    buf_free(&b);
    return s;
}

int main(void)
{
    ar_arena *ar = ar_new();
    a2p_err err = {0};

    /* white space collapses across runs; emphasis keeps its own run */
    art_doc *d = art_doc_new(ar);
    art_builder *b = art_build_new(d);
    art_block *p = art_build_begin(b, ART_P, 1);
    art_build_text(b, "  Hello \n  ", 11);
    art_build_inline_push(b, ART_EM, NULL);
    art_build_text(b, "big ", 4);
    art_build_inline_pop(b);
    art_build_text(b, "  world  ", 9);
    art_build_end(b, p);
    CHECK(art_build_finish(b, &err), "model: finish ok");
    CHECK_STR(text_of(d), "Hello big world\n", "model: white space collapsed");
    CHECK(d->body && d->body->runs && d->body->runs->next &&
              d->body->runs->next->flags == ART_EM,
          "model: emphasis run");

    /* empty paragraphs vanish; text outside a block opens one; a list item opens in a list */
    d = art_doc_new(ar);
    b = art_build_new(d);
    art_block *e = art_build_begin(b, ART_P, 0);
    art_build_text(b, "   ", 3);
    art_build_end(b, e);
    art_build_text(b, "loose text", 10);
    art_block *ul = art_build_begin(b, ART_UL, 0);
    art_build_text(b, "item", 4);
    art_build_end(b, ul);
    art_build_finish(b, &err);
    CHECK(d->body && d->body->kind == ART_P, "model: empty paragraph dropped");
    CHECK(d->body && d->body->next && d->body->next->kind == ART_UL &&
              d->body->next->child && d->body->next->child->kind == ART_LI,
          "model: implicit list item");

    /* a figure inside a paragraph closes it; the reader's end is then harmless */
    d = art_doc_new(ar);
    b = art_build_new(d);
    art_block *q = art_build_begin(b, ART_QUOTE, 0);
    p = art_build_begin(b, ART_P, 0);
    art_build_text(b, "before", 6);
    art_figure fig = {.src = "a.jpg", .caption = "A cat", .credit = "Photo: Me"};
    art_build_figure(b, &fig, 0);
    art_build_text(b, "after", 5);
    art_build_end(b, p);
    art_build_text(b, "still quoted", 12);
    art_build_end(b, q);
    art_build_finish(b, &err);
    CHECK_STR(text_of(d), "before\nA cat Photo: Me\nafter\nstill quoted\n",
              "model: figure splits paragraph");
    CHECK(d->body && !d->body->next && d->body->kind == ART_QUOTE, "model: quote stays open");

    /* breaks: none at the start or end of a block */
    d = art_doc_new(ar);
    b = art_build_new(d);
    p = art_build_begin(b, ART_P, 0);
    art_build_break(b);
    art_build_text(b, "one", 3);
    art_build_break(b);
    art_build_text(b, " two ", 5);
    art_build_break(b);
    art_build_end(b, p);
    art_build_finish(b, &err);
    CHECK_STR(text_of(d), "one\ntwo\n", "model: breaks trimmed");

    /* nesting past the limit fails cleanly */
    d = art_doc_new(ar);
    b = art_build_new(d);
    for (int i = 0; i < 1000; i++)
        art_build_begin(b, ART_QUOTE, 0);
    art_build_text(b, "deep", 4);
    a2p_err e2 = {0};
    CHECK(!art_build_finish(b, &e2) && e2.status == 1, "model: depth limit reported");

    /* byline */
    d = art_doc_new(ar);
    art_doc_add_author(d, "Ann  Lee");
    art_doc_add_author(d, "Bo Chen");
    art_doc_add_author(d, "Ann Lee");
    art_doc_add_author(d, "Cy Diaz");
    CHECK_STR(art_doc_byline(d), "By Ann Lee, Bo Chen and Cy Diaz", "model: byline");

    ar_free(ar);
    return t_done();
}
