/* test_extract.c - the HTML reader (issue 3): main content, boilerplate removal,
 * metadata sources, captions and credits, lazy images, encodings, links, hostile nesting.
 * Pages are ours, in tests/extract/; the test runs from the repository root. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "dump.h"
#include "harness.h"
#include "input.h"

typedef struct page {
    ar_arena *ar;
    art_doc *doc;
    char *text; /* --format text of the body */
    a2p_err err;
} page;

static void load_bytes(page *p, const char *name, const char *bytes, size_t len,
                       const char *base_url)
{
    a2p_opts opts;
    memset(&opts, 0, sizeof opts);
    opts.base_url = base_url;
    memset(&p->err, 0, sizeof p->err);
    p->ar = ar_new();
    p->doc = in_html_read(name, bytes, len, &opts, p->ar, &p->err);
    buf t = {0};
    if (p->doc)
        art_dump_text(p->doc, &t);
    p->text = ar_strndup(p->ar, t.data ? t.data : "", t.len);
    buf_free(&t);
}

static void load(page *p, const char *file, const char *base_url)
{
    char path[256];
    snprintf(path, sizeof path, "tests/extract/%s", file);
    buf b = {0};
    if (buf_read_file(&b, path, 1 << 20) != 0) {
        printf("FAIL load %s: cannot read\n", path);
        t_fail++;
    }
    load_bytes(p, path, b.data ? b.data : "", b.len, base_url);
    buf_free(&b);
}

static void done(page *p)
{
    ar_free(p->ar);
}

/* the first figure block of the body (top level or one level down) */
static const art_figure *body_figure(const art_doc *d, int nth)
{
    for (const art_block *b = d->body; b; b = b->next) {
        if (b->kind == ART_FIGURE && nth-- == 0)
            return b->fig;
        for (const art_block *c = b->child; c; c = c->next)
            if (c->kind == ART_FIGURE && nth-- == 0)
                return c->fig;
    }
    return NULL;
}

static bool has_link(const art_block *b, const char *href)
{
    for (; b; b = b->next) {
        for (const art_run *r = b->runs; r; r = r->next)
            if ((r->flags & ART_LINK) && r->href && strcmp(r->href, href) == 0)
                return true;
        if (has_link(b->child, href))
            return true;
    }
    return false;
}

static void test_share_bar(void)
{
    page p;
    load(&p, "share-bar.html", NULL);
    CHECK(p.doc != NULL, "share: page read");
    CHECK(strstr(p.text, "Arrow river left the channel") != NULL, "share: article text kept");
    CHECK(strstr(p.text, "herons have found them") != NULL, "share: last paragraph kept");
    CHECK(strstr(p.text, "Share on Facebook") == NULL, "share: share bar removed");
    CHECK(strstr(p.text, "wellington boots") == NULL, "share: inline ad removed");
    CHECK(strstr(p.text, "Advertisement") == NULL, "share: ad label removed");
    CHECK(strstr(p.text, "Sign up for our newsletter") == NULL, "share: subscription prompt removed");
    CHECK(strstr(p.text, "Floods in the north") == NULL, "share: related box removed");
    CHECK(strstr(p.text, "Copyright") == NULL, "share: footer removed");
    CHECK(strstr(p.text, "Home") == NULL, "share: nav removed");
    CHECK(strstr(p.text, "The river that moved its bed") == NULL, "share: headline not in body");
    CHECK_STR(p.doc ? p.doc->headline : NULL, "The river that moved its bed",
              "share: title cleaned of the site name");
    CHECK_STR(p.doc ? p.doc->lang : NULL, "en", "share: lang");
    done(&p);
}

static void test_caption_credit(void)
{
    page p;
    load(&p, "caption.html", NULL);
    CHECK(p.doc && p.doc->lead, "caption: first figure is the lead");
    if (p.doc && p.doc->lead) {
        CHECK_STR(p.doc->lead->caption, "The first crane arrives at the east quay.",
                  "caption: lead caption without credit");
        CHECK_STR(p.doc->lead->credit, "Photo by Harbour Agency", "caption: lead credit split");
        CHECK(strstr(p.doc->lead->src, "crane.jpg") != NULL, "caption: lead src");
    }
    const art_figure *f = p.doc ? body_figure(p.doc, 0) : NULL;
    CHECK(f != NULL, "caption: body figure");
    if (f) {
        CHECK_STR(f->caption, "Stone blocks wait on the barge.", "caption: body caption");
        CHECK_STR(f->credit, "Photo: Jane Roe/Coast Images", "caption: body credit split");
    }
    CHECK(p.doc && body_figure(p.doc, 1) == NULL, "caption: lead not repeated in body");
    CHECK(strstr(p.text, "a crane") == NULL, "caption: no alt text in the body text");
    done(&p);
}

static void test_jsonld(void)
{
    page p;
    load(&p, "jsonld.html", NULL);
    CHECK(p.doc != NULL, "jsonld: page read");
    if (!p.doc) {
        done(&p);
        return;
    }
    CHECK_STR(p.doc->headline, "Bees return to the \xe2\x80\x9c" "old orchard\xe2\x80\x9d",
              "jsonld: headline beats og:title (\\u escapes decoded)");
    CHECK(p.doc->n_authors == 2, "jsonld: two authors from an array");
    if (p.doc->n_authors == 2) {
        CHECK_STR(p.doc->authors[0], "Ann Hive", "jsonld: author object");
        CHECK_STR(p.doc->authors[1], "Bob Comb", "jsonld: author string");
    }
    CHECK_STR(p.doc->published, "2024-05-02T08:00:00Z", "jsonld: datePublished");
    CHECK_STR(p.doc->modified, "2024-05-03", "jsonld: dateModified");
    CHECK_STR(p.doc->site, "Daily Example", "jsonld: publisher name");
    CHECK_STR(p.doc->section, "News / Science", "jsonld: breadcrumb list -> section");
    CHECK_STR(p.doc->lang, "en-GB", "jsonld: lang");
    CHECK(strstr(p.text, "Counting bees is slow work") != NULL, "jsonld: body from <main>");
    done(&p);
}

static void test_lazy_and_links(void)
{
    page p;
    load(&p, "lazy.html", NULL);
    CHECK(p.doc != NULL, "lazy: page read");
    if (!p.doc) {
        done(&p);
        return;
    }
    CHECK_STR(p.doc->lead ? p.doc->lead->src : NULL,
              "https://pictures.example.org/stories/photos/one.jpg", "lazy: data-src (lead)");
    const char *want[] = {"https://pictures.example.org/stories/photos/two-large.jpg",
                          "https://pictures.example.org/stories/photos/three.jpg",
                          "https://pictures.example.org/stories/photos/four.webp"};
    const char *names[] = {"lazy: srcset largest", "lazy: noscript fallback",
                           "lazy: picture source"};
    for (int i = 0; i < 3; i++) {
        const art_figure *f = body_figure(p.doc, i);
        CHECK_STR(f ? f->src : NULL, want[i], names[i]);
    }
    CHECK(has_link(p.doc->body, "https://pictures.example.org/about.html"),
          "links: relative link made absolute against <base href>");
    CHECK(has_link(p.doc->body, "https://pictures.example.org/contact"),
          "links: root-relative link made absolute");
    done(&p);

    /* --base-url when the page has no <base> */
    const char *html = "<html><body><article><p>A paragraph with a <a href='next.html'>link</a>"
                       " to the next page, long enough to count as a paragraph of text.</p>"
                       "</article></body></html>";
    load_bytes(&p, "inline.html", html, strlen(html), "http://news.example.com/2024/story.html");
    CHECK(p.doc && has_link(p.doc->body, "http://news.example.com/2024/next.html"),
          "links: resolved against --base-url");
    done(&p);
}

static void test_cp1252(void)
{
    page p;
    load(&p, "cp1252.html", NULL);
    CHECK(strstr(p.text, "The \xe2\x80\x9c" "caf\xc3\xa9 cr\xc3\xa8me\xe2\x80\x9d now costs 3\xe2\x82\xac") != NULL,
          "encoding: undeclared non-UTF-8 page read as windows-1252");
    CHECK_STR(p.doc ? p.doc->headline : NULL, "Caf\xc3\xa9 prices", "encoding: title decoded");
    done(&p);
}

static void test_declared_but_utf8(void)
{
    page p;
    load(&p, "breadcrumb.html", NULL);
    CHECK(strstr(p.text, "march\xc3\xa9 du samedi a rouvert") != NULL,
          "encoding: gb2312 declared, UTF-8 bytes win");
    CHECK_STR(p.doc ? p.doc->section : NULL, "Accueil / R\xc3\xa9gion / March\xc3\xa9s",
              "breadcrumb: markup -> section");
    CHECK(strstr(p.text, "Accueil") == NULL, "breadcrumb: not in the body");
    CHECK_STR(p.doc ? p.doc->dir : NULL, "ltr", "dir: from <html dir>");
    done(&p);

    /* UTF-8 BOM and a charset declared late in a long head */
    buf b = {0};
    buf_puts(&b, "\xEF\xBB\xBF<html><head>");
    for (int i = 0; i < 60; i++)
        buf_puts(&b, "<meta name='x' content='padding padding padding padding'>");
    buf_puts(&b, "<meta charset='utf-8'></head><body><article><p>Na\xc3\xafve r\xc3\xa9sum\xc3\xa9 "
                 "text that is long enough to be read as the article of this little page.</p>"
                 "</article></body></html>");
    load_bytes(&p, "bom.html", b.data, b.len, NULL);
    buf_free(&b);
    CHECK(strstr(p.text, "Na\xc3\xafve r\xc3\xa9sum\xc3\xa9") != NULL, "encoding: BOM page");
    done(&p);
}

static void test_no_container(void)
{
    page p;
    load(&p, "no-container.html", NULL);
    CHECK(p.doc != NULL, "fallback: page read");
    CHECK(strstr(p.text, "The beans have climbed") != NULL, "fallback: first block");
    CHECK(strstr(p.text, "horse manure") != NULL, "fallback: second block");
    CHECK_STR(p.doc ? p.doc->headline : NULL, "Notes from the allotment", "fallback: title");
    done(&p);
}

static void test_hidden(void)
{
    page p;
    load(&p, "hidden.html", NULL);
    CHECK(strstr(p.text, "Visible paragraph one") != NULL, "hidden: visible kept");
    CHECK(strstr(p.text, "Visible paragraph two") != NULL, "hidden: visible kept 2");
    CHECK(strstr(p.text, "Secret") == NULL, "hidden: hidden, aria-hidden, display:none, "
                                            "visibility:hidden dropped");
    done(&p);
}

static void test_hostile(void)
{
    page p;
    /* 10,000 nested divs: no crash, the text survives */
    buf b = {0};
    buf_puts(&b, "<html><body><article>");
    for (int i = 0; i < 10000; i++)
        buf_puts(&b, "<div>");
    buf_puts(&b, "<p>The deepest paragraph of all, written to be long enough to be counted "
                 "as the content of this page by any reasonable extractor.</p>");
    for (int i = 0; i < 10000; i++)
        buf_puts(&b, "</div>");
    buf_puts(&b, "</article></body></html>");
    load_bytes(&p, "deep.html", b.data, b.len, NULL);
    CHECK(p.doc != NULL, "hostile: 10,000 nested divs convert");
    CHECK(strstr(p.text, "The deepest paragraph of all") != NULL, "hostile: deep div text kept");
    done(&p);
    /* 1,000 nested quotes (more than the model's depth limit): flattened, not refused */
    b.len = 0;
    buf_puts(&b, "<html><body>");
    for (int i = 0; i < 1000; i++)
        buf_puts(&b, "<blockquote>");
    buf_puts(&b, "quoted deep down</body></html>");
    load_bytes(&p, "quotes.html", b.data, b.len, NULL);
    buf_free(&b);
    CHECK(p.doc != NULL, "hostile: 1,000 nested quotes convert");
    CHECK(strstr(p.text, "quoted deep down") != NULL, "hostile: deep quote text kept");
    done(&p);

    /* a gzip file is not a page; nor is a page of nothing but links */
    const char gz[] = "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xcb\x48\xcd\xc9\xc9\x07\x00";
    load_bytes(&p, "page.gz", gz, sizeof gz - 1, NULL);
    CHECK(p.doc == NULL && strstr(p.err.msg, "binary") != NULL, "hostile: binary input refused");
    done(&p);
    b.len = 0;
    buf_puts(&b, "<html><body><ul>");
    for (int i = 0; i < 200; i++)
        buf_printf(&b, "<li><a href='/p%d'>Another link to page number %d</a></li>", i, i);
    buf_puts(&b, "</ul></body></html>");
    load_bytes(&p, "links.html", b.data, b.len, NULL);
    buf_free(&b);
    CHECK(p.doc == NULL && p.err.status == 1, "hostile: a page of links has no article");
    done(&p);
    /* windows-1252 bytes iconv refuses (0x81, 0x8D) do not stop the page */
    const char odd[] = "<html><body><p>Odd bytes \x81 and \x8d inside a paragraph that goes on "
                       "long enough to be the article, caf\xe9 included.</p></body></html>";
    load_bytes(&p, "odd.html", odd, sizeof odd - 1, NULL);
    CHECK(strstr(p.text, "caf\xc3\xa9 included") != NULL, "encoding: undefined cp1252 bytes");
    done(&p);

    load_bytes(&p, "empty.html", "", 0, NULL);
    CHECK(p.doc == NULL && p.err.status == 1, "hostile: empty input is an error, not a crash");
    done(&p);
    const char junk[] = "\x00\x01<\xff\xfe<<>>&#xdeadbeef;<p <p>";
    load_bytes(&p, "junk.html", junk, sizeof junk - 1, NULL);
    CHECK(p.doc != NULL || p.err.status == 1, "hostile: junk bytes handled");
    done(&p);
}

/* ---- the lean copy libxml2 reads (html_thin.c) ------------------------------------------ */

#define LONG_TEXT                                                                              \
    "The harbour board met on Tuesday to talk about the new ferry timetable, which moves "    \
    "the first crossing to six in the morning and adds a late boat on Fridays. Members "      \
    "said the change had been asked for by commuters for years, and that the cost would "     \
    "be met from the fuel levy rather than from fares, at least until the next review."

/* A page: HEAD inside <head>, BEFORE ahead of the article, INSIDE after its paragraphs. */
static void load_page(page *p, const char *head, const char *before, const char *inside)
{
    buf b = {0};
    buf_printf(&b, "<html><head>%s</head><body>%s<article><h1>Ferry times change</h1>"
                   "<p>" LONG_TEXT "</p><p>Second paragraph: " LONG_TEXT "</p>%s</article>"
                   "</body></html>",
               head, before, inside);
    load_bytes(p, "lean.html", b.data, b.len, NULL);
    buf_free(&b);
}

static void test_lean_scripts(void)
{
    page p;
    /* script text holding markup: none of it becomes content */
    load_page(&p, "", "<script>var s = '</div><p>Injected paragraph text</p>'; if (a < b) {}"
                      "</script>", "");
    CHECK(p.doc && strstr(p.text, "ferry timetable"), "lean: article kept around a script");
    CHECK(!strstr(p.text, "Injected paragraph"), "lean: </div> and <p> inside a script dropped");
    done(&p);
    load_page(&p, "", "<SCRIPT type=\"text/javascript\">document.write('<p>Shouted script</p>')"
                      "</SCRIPT><Style>p { color: red }</STYLE>", "");
    CHECK(p.doc && !strstr(p.text, "Shouted script") && !strstr(p.text, "color: red"),
          "lean: upper-case SCRIPT and mixed-case STYLE dropped");
    CHECK(strstr(p.text, "fuel levy") != NULL, "lean: article after upper-case script kept");
    done(&p);
    /* a comment that mentions <script> hides nothing after it */
    load_page(&p, "", "<!-- <script> and <style> in a comment -->", "<p>Closing note after "
                      "the comment, kept.</p>");
    CHECK(p.doc && strstr(p.text, "ferry timetable"), "lean: comment holding <script> ends");
    CHECK(!strstr(p.text, "in a comment"), "lean: comment text dropped");
    done(&p);
    /* <script/> is empty for libxml2: what follows is read */
    load_page(&p, "", "<div><script src=\"a.js\"/><p>Text after a self-closed script, long "
                      "enough to read.</p></div>", "");
    CHECK(p.doc && strstr(p.text, "ferry timetable"), "lean: self-closed script read as empty");
    done(&p);
    /* unterminated script at the end of the file: the rest is script text */
    const char *tail = "<html><body><article><p>" LONG_TEXT "</p></article><script>var x = "
                       "'<p>never shown</p>'; while (i < n) i++;";
    load_bytes(&p, "tail.html", tail, strlen(tail), NULL);
    CHECK(p.doc && strstr(p.text, "ferry timetable"), "lean: unterminated script at EOF");
    CHECK(!strstr(p.text, "never shown"), "lean: unterminated script text dropped");
    done(&p);
}

static void test_lean_metadata(void)
{
    page p;
    /* JSON-LD survives, in the head and inside a hidden region */
    load_page(&p, "<title>Other title | Site</title><script type=\"application/ld+json\">"
                  "{\"@type\":\"NewsArticle\",\"headline\":\"Ferry times change\","
                  "\"author\":{\"@type\":\"Person\",\"name\":\"Jo Writer\"}}</script>", "", "");
    CHECK(p.doc && p.doc->n_authors == 1 && strcmp(p.doc->authors[0], "Jo Writer") == 0,
          "lean: JSON-LD script read (author)");
    CHECK_STR(p.doc ? p.doc->headline : NULL, "Ferry times change", "lean: JSON-LD headline");
    done(&p);
    load_page(&p, "<title>Site front page</title>",
              "<div hidden><p>Hidden teaser</p><script type=\"application/ld+json\">"
              "{\"@type\":\"NewsArticle\",\"headline\":\"Ferry timetable moves\"}</script>"
              "</div>", "");
    CHECK_STR(p.doc ? p.doc->headline : NULL, "Ferry timetable moves",
              "lean: JSON-LD inside a hidden region kept");
    CHECK(p.doc && !strstr(p.text, "Hidden teaser"), "lean: hidden region dropped");
    done(&p);
    /* navigation: links gone, the <time> inside still dates the page */
    load_page(&p, "", "<nav class=\"menu\"><ul><li><a href=\"/\">Homepage link</a><li>"
                      "<a href=\"/w\">World link</a></ul><time datetime=\"2023-04-05\">5 April"
                      "</time></nav>", "");
    CHECK(p.doc && !strstr(p.text, "Homepage link"), "lean: nav contents dropped");
    CHECK_STR(p.doc ? p.doc->published : NULL, "2023-04-05", "lean: time inside nav read");
    done(&p);
    /* an aria-hidden box left open inside a table cell ends with the cell (libxml2 closes
     * it at </td>), so the next cell's text stays */
    load_page(&p, "", "", "<table><tr><td><div aria-hidden=\"true\">icon text</td><td><p>Cell "
                          "paragraph after the hidden box, kept.</p></td></tr></table>");
    CHECK(p.doc && strstr(p.text, "Cell paragraph after") != NULL,
          "lean: region ends where libxml2 closes it");
    done(&p);
    /* style sheets go, the canonical link stays: relative links resolve against it */
    load_page(&p, "<link rel=\"stylesheet\" href=\"/s.css\"><link rel=\"canonical\" "
                  "href=\"https://news.example.org/local/ferry\">", "",
              "<p>See <a href=\"/timetable\">the timetable</a> for the crossings, which the "
              "board will publish in full next week.</p>");
    CHECK(p.doc && has_link(p.doc->body, "https://news.example.org/timetable"),
          "lean: canonical link kept among dropped links");
    done(&p);
    /* a breadcrumb trail inside navigation is kept for the section */
    load_page(&p, "", "<nav aria-label=\"Breadcrumb\"><ol><li><a href=\"/n\">News</a></li><li>"
                      "<a href=\"/n/l\">Local</a></li></ol></nav>", "");
    CHECK_STR(p.doc ? p.doc->section : NULL, "News / Local", "lean: breadcrumb nav kept");
    done(&p);
}

static void test_lean_text(void)
{
    page p;
    /* white space runs collapse outside pre, not inside */
    load_page(&p, "", "", "<pre>col1\n    indented   code\n</pre>");
    CHECK(p.doc && strstr(p.text, "    indented   code") != NULL, "lean: pre keeps its spaces");
    done(&p);
    load_page(&p, "", "<svg viewBox=\"0 0 10 10\"><text>Logo words</text><path d=\"M0 0\"/>"
                      "</svg>", "");
    CHECK(p.doc && !strstr(p.text, "Logo words") && strstr(p.text, "ferry timetable"),
          "lean: svg contents dropped");
    done(&p);
}

/* Attribute values the lean pass sets aside (long plain ones go into a pool, the parser
 * reads a mark) and attributes it drops (styles that hide nothing, lang below <html>, ids
 * without a word any reader looks for): what the readers see must not change. */
static void test_lean_attrs(void)
{
    page p;
    load_page(&p, "<link rel=\"canonical\" href=\"https://news.example.org/local/ferry-times\">",
              "<div class=\"sidebar-widget-area\"><p>Sidebar words about other things, "
              "which a reader of the page would skip.</p></div>",
              "<p>Read <a href=\"https://maps.example.org/harbour/ferry-terminal?zoom=4\">the "
              "map</a>, <a href=\"/timetable/2023/winter\">the timetable</a> and <a href=\""
              "/fares?zone=1&amp;kind=adult\">the fares</a> before the board meets again.</p>"
              "<figure><img src=\"/img/ferry-at-dawn-1200.jpg\" alt=\"A ferry leaving the "
              "harbour at dawn\" width=\"1200\" height=\"800\"><figcaption>The first "
              "crossing.</figcaption></figure>");
    CHECK(p.doc && has_link(p.doc->body, "https://maps.example.org/harbour/ferry-terminal?zoom=4"),
          "lean attrs: pooled absolute href read back");
    CHECK(p.doc && has_link(p.doc->body, "https://news.example.org/timetable/2023/winter"),
          "lean attrs: pooled relative href resolved");
    CHECK(p.doc && has_link(p.doc->body, "https://news.example.org/fares?zone=1&kind=adult"),
          "lean attrs: href with an entity left to libxml2");
    CHECK(p.doc && !strstr(p.text, "Sidebar words"), "lean attrs: pooled class still read");
    const art_figure *f = p.doc ? body_figure(p.doc, 0) : NULL;
    CHECK(f && f->src && strcmp(f->src, "https://news.example.org/img/ferry-at-dawn-1200.jpg") == 0 &&
              f->width == 1200,
          "lean attrs: pooled img src and width read back");
    done(&p);

    /* a value that begins with the pool's mark byte is never read as a mark */
    load_page(&p, "", "", "<p class=\"\x7f" "0\">Marked paragraph, long enough to count as "
                          "article text of its own here.</p><a href='\x7f" "1&amp;'>odd</a>");
    CHECK(p.doc && strstr(p.text, "Marked paragraph"), "lean attrs: a value starting with the mark");
    done(&p);

    /* a tag the pass copies unread (an attribute name it cannot cut) keeps a page's own
     * mark-led values: they must read as themselves or as a pooled value, never past the
     * pool (this one crashed meta.c's breadcrumb search) */
    load_page(&p, "", "<div a\"b class=\"\x7f" "zzzzzz\" id=\"\x7f" "oooo\"><p>Forged marks"
                      "</p></div>",
              "<p x\"y class=\"\x7f" "9\">Paragraph in a tag copied unread, long enough to "
              "count as text.</p>");
    CHECK(p.doc && strstr(p.text, "ferry timetable"), "lean attrs: forged marks read safely");
    done(&p);
    /* a character reference to the mark byte is not let through to libxml2 */
    load_page(&p, "<link rel=\"canonical\" href=\"https://news.example.org/local/ferry\">", "",
              "<p>Read <a class=\"&#127;0\" href=\"https://maps.example.org/harbour/ferry?x=1\">"
              "the map</a> and <a href=\"&#x7F;0\">this</a> before the board meets again.</p>");
    CHECK(p.doc && has_link(p.doc->body, "https://maps.example.org/harbour/ferry?x=1"),
          "lean attrs: &#127; class dropped, link kept");
    CHECK(p.doc && !has_link(p.doc->body, "https://news.example.org/local/canonical"),
          "lean attrs: &#x7F; href not read as a pooled value");
    done(&p);

    /* styles: only display:none and visibility:hidden are read; libxml2 keeps the first
     * of two style attributes, and so does the lean pass */
    load_page(&p, "", "", "<div style=\"color: red; margin: 0\"><p>Styled paragraph that "
                          "stays in the article text.</p></div><div style=\"DISPLAY: none\">"
                          "<p>Hidden by its style.</p></div><p style=\"color:red\" style=\""
                          "display:none\">Second style ignored, paragraph shown.</p>");
    CHECK(p.doc && strstr(p.text, "Styled paragraph that stays"), "lean attrs: plain style dropped");
    CHECK(p.doc && !strstr(p.text, "Hidden by its style"), "lean attrs: display:none kept");
    CHECK(p.doc && strstr(p.text, "Second style ignored"), "lean attrs: repeated style");
    done(&p);

    /* ids: one holding a word a reader looks for stays, the others go unseen */
    load_page(&p, "", "<div id=\"site-breadcrumbs\"><a href=\"/n\">News</a><a href=\"/n/l\">"
                      "Local</a></div>",
              "<div id=\"story-byline\">By Ann Lee</div><p id=\"para-7\">Numbered paragraph "
              "with an id no reader looks at, kept.</p><div id=\"related-links\"><a href=\"/"
              "x\">Other story</a></div>");
    CHECK_STR(p.doc ? p.doc->section : NULL, "News / Local", "lean attrs: breadcrumb id kept");
    CHECK(p.doc && p.doc->n_authors == 1 && strcmp(p.doc->authors[0], "Ann Lee") == 0,
          "lean attrs: byline id kept");
    CHECK(p.doc && strstr(p.text, "Numbered paragraph"), "lean attrs: plain id dropped, text kept");
    CHECK(p.doc && !strstr(p.text, "Other story"), "lean attrs: related id kept");
    done(&p);

    /* rel: only "author" (and a canonical link's) is read; sixty nofollow links ahead of
     * the byline no longer use up the byline search */
    buf nf = {0};
    for (int i = 0; i < 60; i++)
        buf_printf(&nf, "<li><a rel=\"nofollow\" href=\"/t/%d\">Tag %d</a></li>", i, i);
    buf in = {0};
    buf_printf(&in, "<ul class=\"tags\">%s</ul><p>By <a rel=\"author\" href=\"/s/lee\">Sam "
                    "Lee</a></p>", nf.data);
    load_page(&p, "", in.data, "");
    CHECK(p.doc && p.doc->n_authors == 1 && strcmp(p.doc->authors[0], "Sam Lee") == 0,
          "lean attrs: rel=author read after many nofollow links");
    done(&p);
    buf_free(&nf);
    buf_free(&in);

    /* lang is read on <html> only */
    buf b = {0};
    buf_printf(&b, "<html lang=\"fr\"><body><article><p lang=\"de\">%s</p><p>%s</p></article>"
                   "</body></html>", LONG_TEXT, LONG_TEXT);
    load_bytes(&p, "lang.html", b.data, b.len, NULL);
    CHECK_STR(p.doc ? p.doc->lang : NULL, "fr", "lean attrs: lang of <html> kept");
    done(&p);
    buf_free(&b);
}

/* Pages cut short inside what the lean pass reads: a tag, an attribute, a region, a
 * script; never a crash (the sanitizer build runs this too). */
static void test_lean_cut_short(void)
{
    static const char *const cuts[] = {
        "<div hidden>", "<div hidden><", "<div role=navigation><table><tr><td>x",
        "<p>a<script", "<p>a<script>", "<a href='x", "<svg", "<svg>", "<!--", "</", "</div",
        "<div hidden><script type=application/ld+json>{", "<div hidden></", "<div hidden><p a=\"",
        "<nav><nav><nav></nav>", "<div aria-hidden=true><link rel=canonical href=x>", "<link",
        "<input", "<div hidden><time datetime=2020>", "<div hidden><time datetime=2020><time>",
        "<pre>  a  <pre>", "<div hidden><li><li><li></ul></div>text after", "<div hidden/>",
        "<b<i>x", "<div hidden><a href=x/>y</div>z", NULL};
    int ok = 0, n = 0;
    for (int i = 0; cuts[i]; i++, n++) {
        page p;
        load_bytes(&p, "cut.html", cuts[i], strlen(cuts[i]), NULL);
        ok += p.doc != NULL || p.err.status == 1;
        done(&p);
    }
    CHECK(ok == n, "lean: pages cut inside tags, attributes, regions and scripts");
    /* many <time> elements in a dropped region: the lean copy grows, within its room */
    buf b = {0};
    buf_puts(&b, "<html><body><div hidden>");
    for (int i = 0; i < 2000; i++)
        buf_puts(&b, "<time>");
    buf_puts(&b, "</div><p>" LONG_TEXT "</p></body></html>");
    page p;
    load_bytes(&p, "times.html", b.data, b.len, NULL);
    buf_free(&b);
    CHECK(p.doc && strstr(p.text, "ferry timetable"), "lean: 2,000 <time> in a hidden region");
    done(&p);
}

/* Every attribute a reader asks for by name (ext_attr/int_attr with a literal) is in
 * kept_attrs, or html_thin would drop it before parsing. */
static void test_lean_kept_attrs(void)
{
    buf src = {0};
    CHECK(buf_read_file(&src, "converter/html_thin.c", 1 << 22) == 0, "lean: read html_thin.c");
    const char *list = src.data ? strstr(src.data, "kept_attrs[] = {") : NULL;
    const char *list_end = list ? strstr(list, "};") : NULL;
    CHECK(list && list_end, "lean: kept_attrs found");
    const char *files[] = {"converter/in_html.c", "converter/extract.c", "converter/meta.c"};
    int checked = 0, missing = 0;
    for (int f = 0; f < 3 && list_end; f++) {
        buf b = {0};
        if (buf_read_file(&b, files[f], 1 << 22) != 0)
            continue;
        for (const char *q = b.data; q && (q = strstr(q, "_attr(")); q++) {
            if (q - b.data < 3 || (strncmp(q - 3, "ext", 3) && strncmp(q - 3, "int", 3)))
                continue;
            const char *comma = strchr(q, ','), *close = strchr(q, ')');
            if (!comma || !close || comma > close)
                continue;
            const char *v = comma + 1;
            while (*v == ' ')
                v++;
            if (*v != '"')
                continue;
            const char *e = strchr(v + 1, '"');
            char want[64];
            snprintf(want, sizeof want, "%.*s", (int)(e - v + 1), v); /* with quotes */
            const char *hit = strstr(list, want);
            checked++;
            if (!hit || hit > list_end) {
                missing++;
                printf("FAIL lean: attribute %s read in %s but dropped\n", want, files[f]);
            }
        }
        buf_free(&b);
    }
    buf_free(&src);
    CHECK(checked > 30 && missing == 0, "lean: every attribute read is kept");
}

/* ---- tables: data kept as tables, layout tables read as the boxes they lay out ---------- */

static int count_kind(const art_block *b, art_block_kind k)
{
    int n = 0;
    for (; b; b = b->next)
        n += (b->kind == k) + count_kind(b->child, k);
    return n;
}

static void test_tables(void)
{
    page p;
    /* a page laid out in a table: one cell holds the story's paragraphs and a heading */
    load_page(&p, "", "", "<table><tr><td><h2>Timetable</h2><p>First boxed paragraph: " LONG_TEXT
                          "</p><p>Second boxed paragraph: " LONG_TEXT "</p></td></tr></table>");
    CHECK(p.doc && count_kind(p.doc->body, ART_TABLE) == 0 && count_kind(p.doc->body, ART_TD) == 0,
          "layout table: no table in the model");
    CHECK(p.doc && count_kind(p.doc->body, ART_H2) == 1 && count_kind(p.doc->body, ART_P) >= 4,
          "layout table: its heading and paragraphs are blocks of their own");
    CHECK(p.doc && strstr(p.text, "Second boxed paragraph"), "layout table: text kept");
    done(&p);
    /* header cells make a data table, however small */
    load_page(&p, "", "",
              "<table><tr><th>Boat</th><th>Leaves</th><th>Arrives</th></tr><tr><td>Kittle "
              "Star</td><td>06:00 from Port Elmsby</td><td>06:40</td></tr><tr><td>Late Tern</td>"
              "<td>22:10 from Kittle Island</td><td>22:50</td></tr></table><p>After it.</p>");
    CHECK(p.doc && count_kind(p.doc->body, ART_TABLE) == 1 && count_kind(p.doc->body, ART_TH) == 3,
          "data table: header cells keep it a table");
    done(&p);
    /* so do ten rows */
    buf rows = {0};
    buf_puts(&rows, "<table>");
    for (int i = 0; i < 10; i++)
        buf_printf(&rows, "<tr><td>Pier %d</td><td>%02d:30</td></tr>", i + 1, 6 + i);
    buf_puts(&rows, "</table>");
    load_page(&p, "", "", rows.data);
    CHECK(p.doc && count_kind(p.doc->body, ART_TABLE) == 1 && count_kind(p.doc->body, ART_TR) == 10,
          "data table: ten rows keep it a table");
    buf_free(&rows);
    done(&p);
    /* role=presentation says layout even with ten rows, which alone would say data */
    buf boxes = {0};
    buf_puts(&boxes, "<table role=\"presentation\">");
    for (int i = 0; i < 10; i++)
        buf_printf(&boxes, "<tr><td><p>Boxed paragraph %d of the story.</p></td></tr>", i + 1);
    buf_puts(&boxes, "</table>");
    load_page(&p, "", "", boxes.data);
    CHECK(p.doc && count_kind(p.doc->body, ART_TABLE) == 0 &&
              strstr(p.text, "Boxed paragraph 10 of the story."),
          "role=presentation: read as boxes");
    buf_free(&boxes);
    done(&p);
}

static void test_filler_lines(void)
{
    page p;
    /* (a block starting "Advertisement" the extractor drops already, as a prompt) */
    load_page(&p, "", "", "<p>Continue reading the main story</p><p>Story continues below "
                          "advertisement</p><p>The advertisement for the new ferry ran in "
                          "every paper.</p>");
    CHECK(p.doc && !strstr(p.text, "Continue reading") && !strstr(p.text, "Story continues"),
          "filler lines between paragraphs are dropped");
    CHECK(p.doc && strstr(p.text, "The advertisement for the new ferry"),
          "a sentence that mentions an advertisement stays");
    done(&p);
}

int main(void)
{
    test_share_bar();
    test_caption_credit();
    test_jsonld();
    test_lazy_and_links();
    test_cp1252();
    test_declared_but_utf8();
    test_no_container();
    test_hidden();
    test_hostile();
    test_lean_scripts();
    test_lean_metadata();
    test_lean_text();
    test_lean_cut_short();
    test_lean_kept_attrs();
    test_lean_attrs();
    test_tables();
    test_filler_lines();
    return t_done();
}
