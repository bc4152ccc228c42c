/* test_xml.c - article XML reader and writer, NITF mapping, hostile XML.
 * Runs from the repository root (tests/run.sh does): the schema is converter/article.rng. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "dump.h"
#include "harness.h"
#include "input.h"
#include "limits.h"
#include "model.h"

static const a2p_opts xml_opts = {.informat = IN_XML, .data_dir = "."};
static const a2p_opts auto_opts = {.informat = IN_AUTO, .data_dir = "."};

static art_doc *read_str(const char *s, const a2p_opts *o, ar_arena *ar, a2p_err *err)
{
    err_clear(err);
    return in_xml_read("test.xml", s, strlen(s), o, ar, err);
}

static char *dump(art_doc *d, void (*fn)(const art_doc *, buf *))
{
    buf b = {0};
    fn(d, &b);
    char *s = ar_strdup(d->ar, b.data ? b.data : "");
    buf_free(&b);
    return s;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- our sample: fields, blocks, round trip ------------------------------------------ */

static void test_sample(ar_arena *ar)
{
    a2p_err err = {0};
    buf in = {0};
    CHECK(buf_read_file(&in, "samples/harbour-seals.xml", LIM_INPUT_BYTES) == 0,
          "xml: sample readable");
    art_doc *d = in_xml_read("samples/harbour-seals.xml", in.data, in.len, &auto_opts, ar, &err);
    buf_free(&in);
    CHECK(d != NULL, "xml: sample parses and validates");
    if (!d) {
        printf("  (%s: %s)\n", err.where, err.msg);
        return;
    }
    CHECK_STR(d->headline, "Volunteers count a record number of harbour seals on the sandbanks",
              "xml: headline");
    CHECK_STR(d->section, "News / Science / Coast", "xml: section parts joined");
    CHECK(d->n_authors == 2, "xml: two authors");
    CHECK_STR(d->lang, "en-GB", "xml: lang");
    CHECK_STR(d->dir, "ltr", "xml: dir");
    CHECK_STR(d->source, "https://example.org/coast/2026/11/harbour-seal-count",
              "xml: source element wins over the path");
    CHECK(d->deck[0] && !strchr(d->deck, '\n'), "xml: deck white space collapsed");
    CHECK(d->lead && strcmp(d->lead->src, "images/harbour.jpg") == 0 && d->lead->width == 1600 &&
              strcmp(d->lead->credit, "Photo: Maren Holt") == 0,
          "xml: lead figure");
    const art_block *b = d->body;
    CHECK(b && b->kind == ART_P && b->runs && b->runs->next && b->runs->next->flags == ART_EM,
          "xml: first paragraph with emphasis");
    int kinds[ART_BLOCK_COUNT] = {0};
    for (; b; b = b->next)
        kinds[b->kind]++;
    CHECK(kinds[ART_H2] == 1 && kinds[ART_H3] == 1 && kinds[ART_H4] == 1 && kinds[ART_OL] == 1 &&
              kinds[ART_UL] == 1 && kinds[ART_QUOTE] == 1 && kinds[ART_TABLE] == 1 &&
              kinds[ART_FIGURE] == 1 && kinds[ART_PRE] == 1 && kinds[ART_RULE] == 1,
          "xml: every block kind of the sample");

    /* XML -> XML -> XML: the second dump equals the first, byte for byte */
    char *x1 = dump(d, art_dump_xml);
    art_doc *d2 = read_str(x1, &xml_opts, ar, &err);
    CHECK(d2 != NULL, "xml: own dump reads back");
    if (d2) {
        char *x2 = dump(d2, art_dump_xml);
        CHECK(strcmp(x1, x2) == 0, "xml: round trip byte-identical");
        CHECK_STR(dump(d2, art_dump_json), dump(d, art_dump_json), "xml: round trip same json");
    }
}

/* ---- the writer: escaping, optional fields, runs split by child blocks --------------- */

static void test_writer(ar_arena *ar)
{
    a2p_err err = {0};
    art_doc *d = art_doc_new(ar);
    d->headline = "Fish & <chips>";
    d->source = "mem";
    d->site = "Ctl\x01Site";
    art_builder *b = art_build_new(d);
    art_block *p = art_build_begin(b, ART_P, 0);
    const char *t = "x < y & \"q\" done";
    art_build_text(b, t, strlen(t));
    art_build_inline_push(b, ART_LINK, "https://e.org/?a=1&b=\"2\"");
    art_build_text(b, " link", 5);
    art_build_inline_pop(b);
    art_build_end(b, p);
    /* an item whose text a nested list splits: "before" <ul/> "after" */
    art_block *ul = art_build_begin(b, ART_UL, 0);
    art_block *li = art_build_begin(b, ART_LI, 0);
    art_build_text(b, "before", 6);
    art_block *inner = art_build_begin(b, ART_UL, 0);
    art_build_text(b, "nested", 6);
    art_build_end(b, inner);
    art_build_text(b, "after", 5);
    art_build_end(b, li);
    art_build_end(b, ul);
    art_build_finish(b, &err);

    char *x = dump(d, art_dump_xml);
    CHECK(strstr(x, "<headline>Fish &amp; &lt;chips&gt;</headline>") != NULL,
          "xml dump: text escaped");
    CHECK(strstr(x, "href=\"https://e.org/?a=1&amp;b=&quot;2&quot;\"") != NULL,
          "xml dump: attribute escaped");
    CHECK(strchr(x, '\x01') == NULL && strstr(x, "<site>CtlSite</site>"),
          "xml dump: control character dropped");
    d->site = "CtlSite";
    x = dump(d, art_dump_xml);
    CHECK(strstr(x, "<deck>") == NULL && strstr(x, "<lead>") == NULL &&
              strstr(x, "<author>") == NULL,
          "xml dump: empty fields left out");
    art_doc *d2 = read_str(x, &xml_opts, ar, &err);
    CHECK(d2 != NULL, "xml dump: output valid against the schema");
    if (!d2)
        return;
    const art_block *li2 =
        d2->body && d2->body->next && d2->body->next->child ? d2->body->next->child : NULL;
    CHECK(li2 && li2->runs && li2->runs->next && strcmp(li2->runs->next->text, "after") == 0,
          "xml dump: runs split by a nested list stay two runs");
    CHECK_STR(dump(d2, art_dump_xml), x, "xml dump: hand-made model round trip");
}

/* ---- NITF ------------------------------------------------------------------------------ */

static const char nitf_doc[] =
    "<?xml version=\"1.0\"?>\n"
    "<nitf xml:lang=\"en\"><head><title>Head title</title>\n"
    "<docdata><date.issue norm=\"20261124T063000+0100\"/><doc-id id-string=\"A-7\"/></docdata>\n"
    "<pubdata name=\"The Courier\" position.section=\"Local\"/></head>\n"
    "<body><body.head><hedline><hl1>Bridge reopens</hl1><hl2>After nine months</hl2></hedline>\n"
    "<byline>By <person>Ann Lee</person> and <person>Bo Kim</person></byline>\n"
    "<dateline><location>RIVERTON</location></dateline></body.head>\n"
    "<body.content>\n"
    "<media media-type=\"image\"><media-reference source=\"lead.jpg\" alternate-text=\"The "
    "bridge\"/>"
    "<media-caption>The new deck.</media-caption><media-producer>Photo: C. "
    "Day</media-producer></media>\n"
    "<p>Cars crossed <em>again</em> at <a href=\"https://e.org/b\">dawn</a>.</p>\n"
    "<hl2>Cost</hl2><block><p>It cost <num>4</num> million.</p></block>\n"
    "<bq><block><p>Worth it.</p></block><credit>A driver</credit></bq>\n"
    "<media><media-reference source=\"second.jpg\"/><media-caption>Later.</media-caption></media>\n"
    "<ol><li>one</li><li>two</li></ol>\n"
    "<table><tr><th>Year</th><td>2026</td></tr></table>\n"
    "</body.content></body></nitf>\n";

static void test_nitf(ar_arena *ar)
{
    a2p_err err = {0};
    art_doc *d = read_str(nitf_doc, &auto_opts, ar, &err);
    CHECK(d != NULL, "nitf: parses");
    if (!d) {
        printf("  (%s: %s)\n", err.where, err.msg);
        return;
    }
    CHECK_STR(d->headline, "Bridge reopens", "nitf: hl1 is the headline");
    CHECK_STR(d->deck, "After nine months", "nitf: hl2 is the deck");
    CHECK(d->n_authors == 2 && strcmp(d->authors[1], "Bo Kim") == 0, "nitf: byline persons");
    CHECK_STR(d->published, "2026-11-24T06:30:00+01:00", "nitf: date.issue norm to ISO 8601");
    CHECK_STR(d->site, "The Courier", "nitf: pubdata name is the site");
    CHECK_STR(d->section, "Local", "nitf: pubdata section");
    CHECK_STR(d->lang, "en", "nitf: xml:lang");
    CHECK_STR(d->source, "test.xml", "nitf: doc-id that is no URL leaves the path");
    CHECK(d->lead && strcmp(d->lead->src, "lead.jpg") == 0 &&
              strcmp(d->lead->alt, "The bridge") == 0 &&
              strcmp(d->lead->credit, "Photo: C. Day") == 0,
          "nitf: first media is the lead figure");
    const art_block *b = d->body;
    CHECK(b && b->kind == ART_P && b->runs && b->runs->flags == ART_STRONG &&
              strcmp(b->runs->text, "RIVERTON") == 0,
          "nitf: dateline opens the first paragraph");
    CHECK(strstr(dump(d, art_dump_text), "Cars crossed again at dawn.") != NULL,
          "nitf: paragraph text");
    int kinds[ART_BLOCK_COUNT] = {0};
    for (; b; b = b->next)
        kinds[b->kind]++;
    CHECK(kinds[ART_H2] == 1 && kinds[ART_QUOTE] == 1 && kinds[ART_FIGURE] == 1 &&
              kinds[ART_OL] == 1 && kinds[ART_TABLE] == 1 && kinds[ART_P] == 2,
          "nitf: hl2, bq, second media, ol, table, block's paragraph");
    CHECK(strstr(dump(d, art_dump_text), "It cost 4 million.") != NULL,
          "nitf: inline markup passes its text");
    CHECK(strstr(dump(d, art_dump_text), "\xE2\x80\x94 A driver") != NULL,
          "nitf: quotation credit");
}

/* ---- hostile input ------------------------------------------------------------------- */

static void test_hostile(ar_arena *ar)
{
    a2p_err err = {0};
    buf laughs = {0};
    buf_puts(&laughs, "<?xml version=\"1.0\"?>\n<!DOCTYPE article [\n<!ENTITY a \"aaaaaaaaaa\">\n");
    for (int i = 1; i < 12; i++) {
        buf_printf(&laughs, "<!ENTITY %c \"", 'a' + i);
        for (int k = 0; k < 10; k++)
            buf_printf(&laughs, "&%c;", 'a' + i - 1);
        buf_puts(&laughs, "\">\n");
    }
    buf_puts(&laughs, "]>\n<article xmlns=\"urn:article2pdf:article:1\"><body><p>&l;</p>"
                      "</body></article>\n");
    double t0 = now();
    art_doc *d = read_str(laughs.data, &xml_opts, ar, &err);
    double dt = now() - t0;
    buf_free(&laughs);
    CHECK(d == NULL && strstr(err.msg, "entities") != NULL, "hostile: billion laughs refused");
    CHECK(dt < 1.0, "hostile: billion laughs stops within a second");
    CHECK(strstr(err.where, "test.xml:3") != NULL, "hostile: entity error names its line");

    d = read_str("<?xml version=\"1.0\"?><!DOCTYPE article [<!ENTITY x SYSTEM "
                 "\"file:///etc/passwd\">]><article xmlns=\"urn:article2pdf:article:1\">"
                 "<body><p>&x;</p></body></article>",
                 &xml_opts, ar, &err);
    CHECK(d == NULL && !strstr(err.msg, "root:"), "hostile: external entity refused, no leak");

    d = read_str("<!DOCTYPE article SYSTEM \"file:///etc/passwd\"><article "
                 "xmlns=\"urn:article2pdf:article:1\"><body><p>safe</p></body></article>",
                 &xml_opts, ar, &err);
    CHECK(d != NULL && !strstr(dump(d, art_dump_json), "root:"),
          "hostile: external DTD not loaded");

    buf deep = {0};
    buf_puts(&deep, "<article xmlns=\"urn:article2pdf:article:1\"><body>");
    for (int i = 0; i < 10000; i++)
        buf_puts(&deep, "<blockquote>");
    for (int i = 0; i < 10000; i++)
        buf_puts(&deep, "</blockquote>");
    buf_puts(&deep, "</body></article>");
    d = read_str(deep.data, &xml_opts, ar, &err);
    buf_free(&deep);
    CHECK(d == NULL && err.status == 1, "hostile: 10,000-deep nesting is an error");

    d = read_str("<article xmlns=\"urn:article2pdf:article:1\"><body><p>cut", &xml_opts, ar, &err);
    CHECK(d == NULL && strstr(err.msg, "not well-formed") != NULL, "hostile: truncated");

    d = read_str("<article xmlns=\"urn:article2pdf:article:1\">\n<body>\n<p><blink>x</blink></p>\n"
                 "<ol start=\"one\"/></body></article>",
                 &xml_opts, ar, &err);
    CHECK(d == NULL && strstr(err.msg, "2 errors") && strstr(err.msg, "line 3"),
          "hostile: schema errors counted, first line named");

    d = read_str("<html><body><p>x</p></body></html>", &xml_opts, ar, &err);
    CHECK(d == NULL && strstr(err.msg, "root element <html>"),
          "xml: forced XML with another root is an error");

    /* libxml2's RELAX NG slows with the square of the violations: the pre-check bounds it */
    buf many = {0};
    buf_puts(&many, "<article xmlns=\"urn:article2pdf:article:1\"><body>\n");
    for (int i = 0; i < 20000; i++)
        buf_puts(&many, "<p><blink>x</blink></p>\n");
    buf_puts(&many, "</body></article>\n");
    t0 = now();
    d = read_str(many.data, &xml_opts, ar, &err);
    dt = now() - t0;
    buf_free(&many);
    CHECK(d == NULL && strstr(err.msg, "20000 errors"), "hostile: 20,000 violations counted");
    CHECK(dt < 3.0, "hostile: 20,000 violations reported within seconds");

    a2p_opts no_schema = {.informat = IN_XML, .data_dir = "/nonexistent"};
    d = read_str("<article xmlns=\"urn:article2pdf:article:1\"/>", &no_schema, ar, &err);
    CHECK(d == NULL && strstr(err.msg, "schema not found"), "xml: missing schema is an error");
}

/* ---- property: any model the builder makes survives XML -> model -------------------- */

static unsigned rnd_state = 12345;
static unsigned rnd(unsigned n)
{
    rnd_state = rnd_state * 1103515245u + 12345u;
    return (rnd_state >> 16) % n;
}

/* A random document: random blocks, nesting, inline styles, links, breaks, figures and
 * texts with odd white space, driven through the builder as a reader would. */
static art_doc *random_doc(ar_arena *ar)
{
    static const char *texts[] = {"word",        " lead",  "trail ",      "  two  words ",
                                  "\n",          " ",      "a<b&c>\"d\"", "\tx\ty",
                                  "caf\xC3\xA9", "x\n\ny", "end.",        "\xE2\x80\x94"};
    static const art_block_kind kinds[] = {ART_P,  ART_H2, ART_H3,  ART_QUOTE, ART_UL,
                                           ART_OL, ART_LI, ART_PRE, ART_TABLE, ART_TR,
                                           ART_TD, ART_TH, ART_H4,  ART_RULE};
    static const unsigned flags[] = {ART_EM, ART_STRONG, ART_CODE, ART_SUP, ART_SUB, ART_LINK};
    art_doc *d = art_doc_new(ar);
    d->source = "rnd";
    if (rnd(2))
        d->section = rnd(2) ? "A / B" : "News/Local"; /* metadata is collapsed text */
    art_builder *b = art_build_new(d);
    art_block *open[64];
    int n_open = 0, n_inl = 0;
    for (int op = 0, n = 20 + (int)rnd(60); op < n; op++) {
        switch (rnd(9)) {
        case 0:
        case 1:
            if (n_open < 60) {
                art_block_kind k = kinds[rnd(sizeof kinds / sizeof *kinds)];
                art_block *blk = art_build_begin(b, k, 0);
                if (k == ART_OL && rnd(2))
                    art_build_set_start(b, (int)rnd(7) - 2);
                if (k == ART_RULE) /* readers close a rule at once (it has no content) */
                    art_build_end(b, blk);
                else if (blk)
                    open[n_open++] = blk;
            }
            break;
        case 2:
            if (n_open > 0)
                art_build_end(b, open[--n_open]);
            break;
        case 3:
            if (n_inl < 8) {
                unsigned f = flags[rnd(6)];
                art_build_inline_push(b, f, f == ART_LINK ? (rnd(2) ? "u1" : "u&2") : NULL);
                n_inl++;
            }
            break;
        case 4:
            if (n_inl > 0) {
                art_build_inline_pop(b);
                n_inl--;
            }
            break;
        case 5:
            art_build_break(b);
            break;
        case 6:
            if (rnd(3) == 0) {
                art_figure f = {.src = "i.jpg",
                                .alt = rnd(2) ? "alt" : "",
                                .caption = "cap",
                                .credit = rnd(2) ? "cr" : ""};
                art_build_figure(b, &f, 0);
            }
            break;
        default: {
            const char *t = texts[rnd(sizeof texts / sizeof *texts)];
            art_build_text(b, t, strlen(t));
        }
        }
    }
    a2p_err err = {0};
    art_build_finish(b, &err);
    return d;
}

static void test_property(ar_arena *ar)
{
    int bad_xml = 0, bad_json = 0, bad_read = 0;
    for (int i = 0; i < 400; i++) {
        art_doc *d = random_doc(ar);
        char *x1 = dump(d, art_dump_xml);
        a2p_err err = {0};
        art_doc *d2 = read_str(x1, &xml_opts, ar, &err);
        if (!d2) {
            if (bad_read++ == 0)
                printf("  (doc %d: %s: %s)\n%s", i, err.where, err.msg, x1);
            continue;
        }
        if (strcmp(dump(d2, art_dump_xml), x1) != 0 && bad_xml++ == 0)
            printf("  (doc %d: xml differs)\n%s---\n%s", i, x1, dump(d2, art_dump_xml));
        if (strcmp(dump(d2, art_dump_json), dump(d, art_dump_json)) != 0 && bad_json++ == 0)
            printf("  (doc %d: json differs)\n%s---\n%s\n%s", i, x1, dump(d, art_dump_json),
                   dump(d2, art_dump_json));
    }
    CHECK(bad_read == 0, "xml property: 400 random models dump to valid XML");
    CHECK(bad_xml == 0, "xml property: XML of the XML is identical");
    CHECK(bad_json == 0, "xml property: the model read back is the model");
}

int main(void)
{
    ar_arena *ar = ar_new();
    test_sample(ar);
    test_writer(ar);
    test_nitf(ar);
    test_hostile(ar);
    test_property(ar);
    ar_free(ar);
    printf("%d passed, %d failed\n", t_pass, t_fail);
    return t_done();
}
