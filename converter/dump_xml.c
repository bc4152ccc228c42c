/* dump_xml.c - --format xml: the model in the project's article XML (README "Article
 * XML", schema converter/article.rng). libc only.
 *
 * Deterministic: one element a line outside text, two spaces a level, nothing inside a
 * text block but its runs (white space there would be text). Reading the output back
 * (in_xml.c) gives the same model, so XML -> XML is byte-identical. Empty fields are
 * left out. Characters XML 1.0 cannot carry (C0 controls but tab/newline/CR, U+FFFE,
 * U+FFFF, broken UTF-8) are dropped or become U+FFFD. */
#include <string.h>

#include "dump.h"
#include "limits.h"
#include "u8.h"

/* ---- escaping ---------------------------------------------------------------------- */

static void esc(buf *out, const char *s, size_t n, bool attr)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            i++;
            switch (c) {
            case '&':
                buf_puts(out, "&amp;");
                break;
            case '<':
                buf_puts(out, "&lt;");
                break;
            case '>':
                buf_puts(out, "&gt;");
                break;
            case '"':
                buf_puts(out, attr ? "&quot;" : "\"");
                break;
            case '\r':
                buf_puts(out, "&#13;");
                break;
            case '\t':
            case '\n':
                if (attr)
                    buf_printf(out, "&#%d;", c);
                else
                    buf_putc(out, (char)c);
                break;
            default:
                if (c >= 0x20)
                    buf_putc(out, (char)c);
            }
            continue;
        }
        uint32_t cp;
        size_t k = u8_decode(s + i, n - i, &cp);
        if (cp == 0xFFFE || cp == 0xFFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
            cp = 0xFFFD;
        char tmp[4];
        buf_add(out, tmp, u8_encode(cp, tmp));
        i += k ? k : 1;
    }
}

static void esc_str(buf *out, const char *s, bool attr)
{
    esc(out, s, strlen(s), attr);
}

static void indent(buf *out, int level)
{
    for (int i = 0; i < level; i++)
        buf_puts(out, "  ");
}

/* <NAME>value</NAME> on its own line, unless VALUE is empty. */
static void field(buf *out, int level, const char *name, const char *value)
{
    if (!value || !*value)
        return;
    indent(out, level);
    buf_printf(out, "<%s>", name);
    esc_str(out, value, false);
    buf_printf(out, "</%s>\n", name);
}

/* ---- inline runs ------------------------------------------------------------------- */

/* Nesting order of inline elements, outermost first. */
static const struct {
    unsigned flag;
    const char *name;
} inl[] = {
    {ART_LINK, "a"},    {ART_STRONG, "strong"}, {ART_EM, "em"},
    {ART_CODE, "code"}, {ART_SUP, "sup"},       {ART_SUB, "sub"},
};
#define N_INL (sizeof inl / sizeof *inl)

typedef struct open_el {
    unsigned flag;
    const char *href; /* the run's pointer: adjacent links to one URL stay two <a> */
} open_el;

/* Write the runs from R up to END; elements stay open across runs that share them, so
 * <em>a <strong>b</strong></em> comes back as it went. */
static void runs(buf *out, const art_run *r, const art_run *end, bool pre)
{
    open_el open[N_INL];
    size_t n_open = 0;
    for (; r && r != end; r = r->next) {
        if (r->flags & ART_BR) {
            buf_puts(out, "<br/>");
            continue;
        }
        if (r->len == 0 && !pre)
            continue;
        open_el want[N_INL];
        size_t n_want = 0;
        for (size_t i = 0; i < N_INL; i++)
            if (r->flags & inl[i].flag)
                want[n_want++] = (open_el){inl[i].flag, inl[i].flag == ART_LINK ? r->href : NULL};
        size_t keep = 0;
        while (keep < n_open && keep < n_want && open[keep].flag == want[keep].flag &&
               open[keep].href == want[keep].href)
            keep++;
        while (n_open > keep) {
            n_open--;
            for (size_t i = 0; i < N_INL; i++)
                if (inl[i].flag == open[n_open].flag)
                    buf_printf(out, "</%s>", inl[i].name);
        }
        /* a leading space reads back the same outside the new elements, and looks right */
        const char *text = r->text;
        size_t len = r->len;
        if (!pre && len && text[0] == ' ' && n_open < n_want) {
            buf_putc(out, ' ');
            text++, len--;
        }
        for (; n_open < n_want; n_open++) {
            open[n_open] = want[n_open];
            for (size_t i = 0; i < N_INL; i++) {
                if (inl[i].flag != want[n_open].flag)
                    continue;
                if (want[n_open].flag == ART_LINK && want[n_open].href) {
                    buf_puts(out, "<a href=\"");
                    esc_str(out, want[n_open].href, true);
                    buf_puts(out, "\">");
                } else
                    buf_printf(out, "<%s>", inl[i].name);
            }
        }
        /* a run the builder trimmed to nothing at the end of a <pre> was white space:
         * a newline comes back as the same empty run */
        if (r->len == 0)
            buf_putc(out, '\n');
        else
            esc(out, text, len, false);
    }
    while (n_open > 0) {
        n_open--;
        for (size_t i = 0; i < N_INL; i++)
            if (inl[i].flag == open[n_open].flag)
                buf_printf(out, "</%s>", inl[i].name);
    }
}

/* ---- blocks ------------------------------------------------------------------------ */

static void figure(buf *out, int level, const char *name, const art_figure *f)
{
    indent(out, level);
    buf_printf(out, "<%s>\n", name);
    if (f->src[0] || f->alt[0] || f->width > 0 || f->height > 0) {
        indent(out, level + 1);
        buf_puts(out, "<img src=\"");
        esc_str(out, f->src, true);
        buf_puts(out, "\"");
        if (f->alt[0]) {
            buf_puts(out, " alt=\"");
            esc_str(out, f->alt, true);
            buf_puts(out, "\"");
        }
        if (f->width > 0)
            buf_printf(out, " width=\"%d\"", f->width);
        if (f->height > 0)
            buf_printf(out, " height=\"%d\"", f->height);
        buf_puts(out, "/>\n");
    }
    field(out, level + 1, "caption", f->caption);
    field(out, level + 1, "credit", f->credit);
    indent(out, level);
    buf_printf(out, "</%s>\n", name);
}

static const char *block_name(art_block_kind k)
{
    switch (k) {
    case ART_QUOTE:
        return "blockquote";
    case ART_RULE:
        return "hr";
    default:
        return art_block_kind_name(k);
    }
}

/* Two runs the reader would join into one: the builder split them where a child block
 * began (or a block that came out empty), e.g. "a" <ul>..</ul> "b" inside one <li>. */
static bool joins(const art_run *a, const art_run *b)
{
    /* hrefs compared as strings: read back, the two halves are two <a> elements. A run
     * after a block boundary never starts with a space; one that does follows its twin
     * through a second <a> to the same URL, which keeps them apart by itself. */
    bool same_href = a->href == b->href || (a->href && b->href && strcmp(a->href, b->href) == 0);
    return !(a->flags & ART_BR) && !(b->flags & ART_BR) && a->flags == b->flags && same_href &&
           a->len && b->len && b->text[0] != ' ';
}

static void block(buf *out, const art_block *b, int level);

static void blocks(buf *out, const art_block *b, int level)
{
    for (; b; b = b->next)
        block(out, b, level);
}

/* Runs and children of a block that may hold both (LI, TD, TH): at each point where two
 * runs would join, a child block (or an empty <p/> when none is left) keeps them apart. */
static void mixed(buf *out, const art_block *b, int level)
{
    const art_block *c = b->child;
    const art_run *seg = b->runs;
    for (const art_run *r = b->runs; r; r = r->next) {
        if (!r->next || !joins(r, r->next))
            continue;
        runs(out, seg, r->next, false);
        buf_putc(out, '\n');
        if (c) {
            block(out, c, level + 1);
            c = c->next;
        } else {
            indent(out, level + 1);
            buf_puts(out, "<p/>\n");
        }
        indent(out, level + 1);
        seg = r->next;
    }
    runs(out, seg, NULL, false);
    if (c) {
        buf_putc(out, '\n');
        blocks(out, c, level + 1);
        indent(out, level);
    }
}

static void block(buf *out, const art_block *b, int level)
{
    if (level > LIM_DEPTH + 4)
        return; /* the builder never nests this deep */
    if (b->kind == ART_FIGURE) {
        if (b->fig)
            figure(out, level, "figure", b->fig);
        return;
    }
    const char *name = block_name(b->kind);
    indent(out, level);
    buf_printf(out, "<%s", name);
    if (b->kind == ART_OL && b->start != 1)
        buf_printf(out, " start=\"%d\"", b->start);
    if (!b->runs && !b->child) {
        buf_puts(out, "/>\n");
        return;
    }
    buf_putc(out, '>');
    bool para = b->kind == ART_P || b->kind == ART_H2 || b->kind == ART_H3 || b->kind == ART_H4 ||
                b->kind == ART_PRE; /* never split: see joins() */
    if (b->runs && (b->child || !para))
        mixed(out, b, level);
    else if (b->runs)
        runs(out, b->runs, NULL, b->kind == ART_PRE);
    else {
        buf_putc(out, '\n');
        blocks(out, b->child, level + 1);
        indent(out, level);
    }
    buf_printf(out, "</%s>\n", name);
}

/* "News / Science" -> <s>News</s><s>Science</s> when every part reads back as itself. */
static void section(buf *out, const char *s)
{
    if (!*s)
        return;
    bool parts = strstr(s, " / ") != NULL;
    for (const char *p = s; parts && *p; p++)
        if ((p[0] == ' ' && (p == s || p[1] == ' ' || p[1] == 0)) || (unsigned char)*p < 0x20)
            parts = false; /* leading, doubled or trailing space: write it whole */
    if (!parts) {
        field(out, 1, "section", s);
        return;
    }
    buf_puts(out, "  <section>");
    const char *p = s;
    for (;;) {
        const char *e = strstr(p, " / ");
        size_t n = e ? (size_t)(e - p) : strlen(p);
        buf_puts(out, "<s>");
        esc(out, p, n, false);
        buf_puts(out, "</s>");
        if (!e)
            break;
        p = e + 3;
    }
    buf_puts(out, "</section>\n");
}

void art_dump_xml(const art_doc *doc, buf *out)
{
    buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    buf_puts(out, "<article xmlns=\"urn:article2pdf:article:1\"");
    if (doc->lang[0]) {
        buf_puts(out, " lang=\"");
        esc_str(out, doc->lang, true);
        buf_putc(out, '"');
    }
    if (doc->dir[0]) {
        buf_puts(out, " dir=\"");
        esc_str(out, doc->dir, true);
        buf_putc(out, '"');
    }
    buf_puts(out, ">\n");
    field(out, 1, "source", doc->source);
    field(out, 1, "site", doc->site);
    section(out, doc->section);
    field(out, 1, "headline", doc->headline);
    field(out, 1, "deck", doc->deck);
    for (size_t i = 0; i < doc->n_authors; i++)
        field(out, 1, "author", doc->authors[i]);
    field(out, 1, "published", doc->published);
    field(out, 1, "modified", doc->modified);
    if (doc->lead)
        figure(out, 1, "lead", doc->lead);
    if (doc->body) {
        buf_puts(out, "  <body>\n");
        blocks(out, doc->body, 2);
        buf_puts(out, "  </body>\n");
    } else
        buf_puts(out, "  <body/>\n");
    buf_puts(out, "</article>\n");
}
