/* dump.c - --format text and json: renderers over a finished model (compare cmark's
 * src/xml.c). libc only. The XML renderer is in dump_xml.c. */
#include "dump.h"

#include <stdio.h>
#include <string.h>

/* ---- text: one block a line, body only --------------------------------------------- */

static void runs_line(const art_run *r, buf *out)
{
    for (; r; r = r->next) {
        if (r->flags & ART_BR)
            buf_putc(out, '\n');
        else
            buf_add(out, r->text, r->len);
    }
}

static void caption_line(const art_figure *f, buf *out)
{
    if (!f->caption[0] && !f->credit[0])
        return;
    buf_puts(out, f->caption);
    if (f->caption[0] && f->credit[0])
        buf_putc(out, ' ');
    buf_puts(out, f->credit);
    buf_putc(out, '\n');
}

static void text_blocks(const art_block *b, buf *out, int depth)
{
    if (depth > 300)
        return;
    for (; b; b = b->next) {
        switch (b->kind) {
        case ART_FIGURE:
            caption_line(b->fig, out);
            break;
        case ART_RULE:
            break;
        case ART_TR:
            for (const art_block *c = b->child; c; c = c->next) {
                runs_line(c->runs, out);
                if (c->next)
                    buf_puts(out, " | ");
            }
            buf_putc(out, '\n');
            break;
        default:
            if (b->runs) {
                runs_line(b->runs, out);
                buf_putc(out, '\n');
            }
            text_blocks(b->child, out, depth + 1);
        }
    }
}

void art_dump_text(const art_doc *doc, buf *out)
{
    /* the lead photo's caption block stands before the body, as on the page */
    if (doc->lead)
        caption_line(doc->lead, out);
    text_blocks(doc->body, out, 0);
}

/* ---- json -------------------------------------------------------------------------- */

static void jstr(buf *out, const char *s, size_t n)
{
    buf_putc(out, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': buf_puts(out, "\\\""); break;
        case '\\': buf_puts(out, "\\\\"); break;
        case '\n': buf_puts(out, "\\n"); break;
        case '\t': buf_puts(out, "\\t"); break;
        case '\r': buf_puts(out, "\\r"); break;
        default:
            if (c < 0x20)
                buf_printf(out, "\\u%04x", c);
            else
                buf_putc(out, (char)c);
        }
    }
    buf_putc(out, '"');
}

static void jkey(buf *out, const char *key, const char *val, bool comma)
{
    buf_printf(out, "%s\n  \"%s\": ", comma ? "," : "", key);
    jstr(out, val ? val : "", val ? strlen(val) : 0);
}

static void json_runs(const art_run *r, buf *out)
{
    buf_puts(out, "[");
    for (bool first = true; r; r = r->next, first = false) {
        buf_printf(out, "%s{\"text\": ", first ? "" : ", ");
        jstr(out, (r->flags & ART_BR) ? "\n" : r->text, (r->flags & ART_BR) ? 1 : r->len);
        static const char *names[] = {"em", "strong", "code", "sup", "sub", "link", "br"};
        bool any = false;
        for (unsigned i = 0; i < 7; i++)
            if (r->flags & (1u << i)) {
                buf_printf(out, "%s\"%s\"", any ? ", " : ", \"style\": [", names[i]);
                any = true;
            }
        if (any)
            buf_putc(out, ']');
        if (r->href) {
            buf_puts(out, ", \"href\": ");
            jstr(out, r->href, strlen(r->href));
        }
        buf_putc(out, '}');
    }
    buf_puts(out, "]");
}

static void json_fig(const art_figure *f, buf *out)
{
    buf_puts(out, "{\"src\": ");
    jstr(out, f->src, strlen(f->src));
    buf_puts(out, ", \"alt\": ");
    jstr(out, f->alt, strlen(f->alt));
    buf_puts(out, ", \"caption\": ");
    jstr(out, f->caption, strlen(f->caption));
    buf_puts(out, ", \"credit\": ");
    jstr(out, f->credit, strlen(f->credit));
    buf_puts(out, "}");
}

static void json_blocks(const art_block *b, buf *out, int indent, int depth)
{
    buf_puts(out, "[");
    for (bool first = true; b && depth < 300; b = b->next, first = false) {
        buf_printf(out, "%s\n%*s{\"type\": \"%s\"", first ? "" : ",", indent, "",
                   art_block_kind_name(b->kind));
        if (b->kind == ART_FIGURE) {
            buf_puts(out, ", \"figure\": ");
            json_fig(b->fig, out);
        }
        if (b->runs) {
            /* "text" is what score-extraction reads */
            buf_puts(out, ", \"text\": ");
            buf tmp = {0};
            runs_line(b->runs, &tmp);
            jstr(out, tmp.data ? tmp.data : "", tmp.len);
            buf_free(&tmp);
            buf_puts(out, ", \"runs\": ");
            json_runs(b->runs, out);
        }
        if (b->kind == ART_OL)
            buf_printf(out, ", \"start\": %d", b->start);
        if (b->child) {
            buf_puts(out, ", \"children\": ");
            json_blocks(b->child, out, indent + 2, depth + 1);
        }
        buf_putc(out, '}');
    }
    buf_puts(out, "]");
}

void art_dump_json(const art_doc *doc, buf *out)
{
    buf_puts(out, "{");
    jkey(out, "source", doc->source, false);
    jkey(out, "title", doc->headline, true);
    jkey(out, "deck", doc->deck, true);
    jkey(out, "byline", art_doc_byline(doc), true);
    buf_puts(out, ",\n  \"authors\": [");
    for (size_t i = 0; i < doc->n_authors; i++) {
        if (i)
            buf_puts(out, ", ");
        jstr(out, doc->authors[i], strlen(doc->authors[i]));
    }
    buf_puts(out, "]");
    jkey(out, "published", doc->published, true);
    jkey(out, "modified", doc->modified, true);
    jkey(out, "site", doc->site, true);
    jkey(out, "section", doc->section, true);
    jkey(out, "lang", doc->lang, true);
    jkey(out, "dir", doc->dir, true);
    buf_puts(out, ",\n  \"lead\": ");
    if (doc->lead)
        json_fig(doc->lead, out);
    else
        buf_puts(out, "null");
    buf_puts(out, ",\n  \"body\": ");
    json_blocks(doc->body, out, 4, 0);
    buf_puts(out, "\n}\n");
}
