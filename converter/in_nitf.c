/* in_nitf.c - IPTC NITF 3.x (News Industry Text Format) into the article model.
 * in_xml.c parses (hardened: no DTD, no entities) and hands over the <nitf> root; this
 * file maps its elements onto the builder. Elements are matched by local name, in any
 * namespace (NITF is published both without one and with the IPTC namespace).
 *
 *   head/title                  headline (when body.head has no hl1)
 *   docdata/date.issue@norm     published (else date.release@norm, else story.date@norm)
 *   docdata/doc-id@id-string    source, when it is a URL or URN
 *   pubdata@name, @position.section, @ex-ref   site, section, source (a URL)
 *   body.head: hedline/hl1, hl2 headline, deck (else abstract); byline/person authors
 *              (else the byline text without "By"); dateline/location opens the body
 *   body.content: p, hl2 -> h2, hl3/hl4, bq -> blockquote (its credit a last "— " line),
 *              block (transparent), media -> figure (the first one is the lead; reference
 *              source, alternate-text; media-caption; media-producer -> credit), ul/ol/li,
 *              dl, table, pre, hr, em/i, strong/b, a@href, br, q; other inline elements
 *              (person, org, num...) pass their text through
 *   body.end/tagline            a last paragraph
 * libxml2 stays in in_*.c. */
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "input.h"
#include "limits.h"

typedef struct nitf {
    art_doc *doc;
    art_builder *b;
    a2p_err *err;
    bool have_lead;
    const char *dateline; /* prepended to the first paragraph */
    char warned[512];     /* names already warned about, "|a|b|" */
} nitf;

static bool is(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static const xmlNode *child(const xmlNode *n, const char *name)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (is(c, name))
            return c;
    return NULL;
}

static const char *text_of(ar_arena *ar, const xmlNode *n)
{
    xmlChar *c = n ? xmlNodeGetContent(n) : NULL;
    if (!c)
        return "";
    char *s = art_text_collapse(ar, (const char *)c, strlen((const char *)c));
    xmlFree(c);
    return s;
}

static const char *attr(ar_arena *ar, const xmlNode *n, const char *name)
{
    xmlChar *v = n ? xmlGetProp(n, (const xmlChar *)name) : NULL;
    if (!v)
        return NULL;
    char *s = art_text_collapse(ar, (const char *)v, strlen((const char *)v));
    xmlFree(v);
    return *s ? s : NULL;
}

static int int_attr(const xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    int x = 0;
    if (v) {
        long l = strtol((const char *)v, NULL, 10);
        x = l > 0 && l < 1000000 ? (int)l : 0;
        xmlFree(v);
    }
    return x;
}

/* NITF dates are ISO 8601 basic ("20261126T093000+0000"); the model keeps ISO 8601 as
 * found, so the common basic forms are rewritten to the extended form and others kept. */
static const char *iso_date(ar_arena *ar, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s), d = 0;
    while (d < n && s[d] >= '0' && s[d] <= '9')
        d++;
    if (d != 8)
        return s;
    char date[11];
    snprintf(date, sizeof date, "%.4s-%.2s-%.2s", s, s + 4, s + 6);
    if (n == 8)
        return ar_strdup(ar, date);
    if (s[8] != 'T')
        return s;
    const char *t = s + 9;
    size_t k = 0;
    while (t[k] >= '0' && t[k] <= '9')
        k++;
    if (k != 4 && k != 6)
        return s;
    const char *zone = t + k;
    char tz[8] = "";
    if (zone[0] == 'Z' && zone[1] == 0)
        snprintf(tz, sizeof tz, "Z");
    else if ((zone[0] == '+' || zone[0] == '-') && strlen(zone) == 5)
        snprintf(tz, sizeof tz, "%c%.2s:%.2s", zone[0], zone + 1, zone + 3);
    else if (zone[0] != 0)
        return s;
    return ar_printf(ar, "%sT%.2s:%.2s:%.2s%s", date, t, t + 2, k == 6 ? t + 4 : "00", tz);
}

static void warn_once(nitf *x, const xmlNode *n)
{
    char key[80];
    snprintf(key, sizeof key, "|%s|", (const char *)n->name);
    if (strstr(x->warned, key))
        return;
    if (strlen(x->warned) + strlen(key) < sizeof x->warned)
        strcat(x->warned, key);
    art_doc_warn(x->doc, "line %ld: NITF element <%s> not mapped; its text is kept",
                 xmlGetLineNo(n), (const char *)n->name);
}

/* ---- head ------------------------------------------------------------------------- */

static bool url_like(const char *s)
{
    return s && (strstr(s, "://") || strncmp(s, "urn:", 4) == 0);
}

static void read_head(nitf *x, const xmlNode *head, const char **source)
{
    art_doc *doc = x->doc;
    ar_arena *ar = doc->ar;
    const xmlNode *t = child(head, "title");
    if (t)
        doc->headline = text_of(ar, t);
    const xmlNode *dd = child(head, "docdata");
    if (dd) {
        const char *d = attr(ar, child(dd, "date.issue"), "norm");
        if (!d)
            d = attr(ar, child(dd, "date.release"), "norm");
        if (d)
            doc->published = iso_date(ar, d);
        const char *id = attr(ar, child(dd, "doc-id"), "id-string");
        if (url_like(id))
            *source = id;
    }
    const xmlNode *pd = child(head, "pubdata");
    if (pd) {
        const char *v;
        if ((v = attr(ar, pd, "name")))
            doc->site = v;
        if ((v = attr(ar, pd, "position.section")))
            doc->section = v;
        if ((v = attr(ar, pd, "ex-ref")) && url_like(v))
            *source = v;
    }
}

/* byline: <person> elements are the authors; without any, the text minus "By ". */
static void read_byline(nitf *x, const xmlNode *by)
{
    bool any = false;
    for (const xmlNode *c = by->children; c; c = c->next)
        if (is(c, "person")) {
            if (x->doc->n_authors < 64) /* as in_xml.c: adding is quadratic */
                art_doc_add_author(x->doc, text_of(x->doc->ar, c));
            any = true;
        }
    if (any)
        return;
    /* text without <byttl> (the writer's title) */
    char buf[512] = "";
    for (const xmlNode *c = by->children; c; c = c->next) {
        if (is(c, "byttl"))
            continue;
        const char *t = text_of(x->doc->ar, c);
        if (c->type == XML_TEXT_NODE)
            t = art_text_collapse(x->doc->ar, (const char *)c->content,
                                  strlen((const char *)c->content));
        if (strlen(buf) + strlen(t) + 2 < sizeof buf) {
            if (buf[0])
                strcat(buf, " ");
            strcat(buf, t);
        }
    }
    char *s = art_text_collapse(x->doc->ar, buf, strlen(buf));
    if (strncasecmp(s, "by ", 3) == 0)
        s += 3;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ',' || s[n - 1] == ' '))
        s[--n] = 0;
    if (*s)
        art_doc_add_author(x->doc, s);
}

static void read_body_head(nitf *x, const xmlNode *bh)
{
    art_doc *doc = x->doc;
    ar_arena *ar = doc->ar;
    for (const xmlNode *c = bh->children; c; c = c->next) {
        if (is(c, "hedline")) {
            const xmlNode *h1 = child(c, "hl1"), *h2 = child(c, "hl2");
            if (h1 && *text_of(ar, h1))
                doc->headline = text_of(ar, h1);
            if (h2)
                doc->deck = text_of(ar, h2);
        } else if (is(c, "byline"))
            read_byline(x, c);
        else if (is(c, "abstract") && !doc->deck[0])
            doc->deck = text_of(ar, c);
        else if (is(c, "dateline")) {
            const xmlNode *loc = child(c, "location");
            const char *l = loc ? text_of(ar, loc) : "";
            if (*l)
                x->dateline = l;
            const char *d = attr(ar, child(c, "story.date"), "norm");
            if (d && !doc->published[0])
                doc->published = iso_date(ar, d);
        }
    }
}

/* ---- body.content ------------------------------------------------------------------ */

static bool content(nitf *x, const xmlNode *n, int depth);

static void read_media(nitf *x, const xmlNode *m)
{
    ar_arena *ar = x->doc->ar;
    art_figure f = {.src = "", .alt = "", .caption = "", .credit = ""};
    for (const xmlNode *c = m->children; c; c = c->next) {
        if (is(c, "media-reference") && !f.src[0]) {
            const char *v = attr(ar, c, "source");
            if (!v)
                continue;
            f.src = v;
            if ((v = attr(ar, c, "alternate-text")))
                f.alt = v;
            f.width = int_attr(c, "width");
            f.height = int_attr(c, "height");
        } else if (is(c, "media-caption"))
            f.caption = text_of(ar, c);
        else if (is(c, "media-producer"))
            f.credit = text_of(ar, c);
    }
    if (!f.src[0] && !f.caption[0])
        return;
    if (!x->have_lead) {
        x->have_lead = true;
        art_figure *lead = ar_alloc(ar, sizeof *lead);
        *lead = f;
        x->doc->lead = lead;
        return;
    }
    art_build_figure(x->b, &f, (int)xmlGetLineNo(m));
}

/* A block element: begin KIND, walk the children, end. */
static bool block(nitf *x, const xmlNode *n, art_block_kind kind, int depth)
{
    if (!n->children && !(kind == ART_P && x->dateline))
        return true; /* the builder would drop it, at a cost linear in its siblings */
    art_block *blk = art_build_begin(x->b, kind, (int)xmlGetLineNo(n));
    if (!blk)
        return false;
    if (kind == ART_P && x->dateline) {
        /* the dateline opens the story: "OXFORD, England — ..." */
        art_build_inline_push(x->b, ART_STRONG, NULL);
        art_build_text(x->b, x->dateline, strlen(x->dateline));
        art_build_inline_pop(x->b);
        art_build_text(x->b, " \xE2\x80\x94 ", 5);
        x->dateline = NULL;
    }
    if (kind == ART_OL) {
        int s = int_attr(n, "start");
        if (s > 0)
            art_build_set_start(x->b, s);
    }
    bool ok = content(x, n, depth + 1);
    art_build_end(x->b, blk);
    return ok;
}

static bool inl(nitf *x, const xmlNode *n, unsigned flag, int depth)
{
    const char *href = NULL;
    if (flag == ART_LINK) {
        href = attr(x->doc->ar, n, "href");
        if (!href)
            flag = 0;
    }
    art_build_inline_push(x->b, flag, href);
    bool ok = content(x, n, depth + 1);
    art_build_inline_pop(x->b);
    return ok;
}

/* Whether N's name is one of LIST ("|a|b|"). */
static bool in_list(const xmlNode *n, const char *list)
{
    char key[80];
    if (n->type != XML_ELEMENT_NODE)
        return false;
    snprintf(key, sizeof key, "|%s|", (const char *)n->name);
    return strstr(list, key) != NULL;
}

/* Elements whose text simply flows (NITF's semantic inline markup) or that only group. */
static bool transparent(const xmlNode *n)
{
    return in_list(n, "|block|body.content|person|org|location|city|country|region|state|"
                      "chron|event|function|money|num|object.title|classifier|copyrite|"
                      "copyrite.year|copyrite.holder|virtloc|postaddr|lang|pronounce|"
                      "alt-code|span|thead|tbody|tfoot|nitf-table|nitf-table-metadata|frac|"
                      "numer|denom|sub-num|");
}

/* Elements whose content never reaches the article. */
static bool skipped(const xmlNode *n)
{
    return in_list(n, "|fn|note|media-metadata|media-object|caption|col|colgroup|iim|");
}

static bool content(nitf *x, const xmlNode *n, int depth)
{
    if (depth > LIM_DEPTH)
        return err_set(x->err, 1, x->doc->source, "nesting deeper than %d elements", LIM_DEPTH);
    for (const xmlNode *c = n->children; c; c = c->next) {
        bool ok = true;
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            const char *t = (const char *)c->content;
            ok = !t || art_build_text(x->b, t, strlen(t));
        } else if (c->type != XML_ELEMENT_NODE || skipped(c))
            continue;
        else if (is(c, "p"))
            ok = block(x, c, ART_P, depth);
        else if (is(c, "hl2") || is(c, "h2"))
            ok = block(x, c, ART_H2, depth);
        else if (is(c, "hl3") || is(c, "h3"))
            ok = block(x, c, ART_H3, depth);
        else if (is(c, "hl4") || is(c, "h4"))
            ok = block(x, c, ART_H4, depth);
        else if (is(c, "bq"))
            ok = block(x, c, ART_QUOTE, depth);
        else if (is(c, "ul") || is(c, "dl"))
            ok = block(x, c, ART_UL, depth);
        else if (is(c, "ol"))
            ok = block(x, c, ART_OL, depth);
        else if (is(c, "li") || is(c, "dt") || is(c, "dd"))
            ok = block(x, c, ART_LI, depth);
        else if (is(c, "pre"))
            ok = block(x, c, ART_PRE, depth);
        else if (is(c, "table"))
            ok = block(x, c, ART_TABLE, depth);
        else if (is(c, "tr"))
            ok = block(x, c, ART_TR, depth);
        else if (is(c, "td"))
            ok = block(x, c, ART_TD, depth);
        else if (is(c, "th"))
            ok = block(x, c, ART_TH, depth);
        else if (is(c, "hr")) {
            art_block *blk = art_build_begin(x->b, ART_RULE, (int)xmlGetLineNo(c));
            ok = blk != NULL;
            art_build_end(x->b, blk);
        } else if (is(c, "media"))
            read_media(x, c);
        else if (is(c, "credit") && is(n, "bq")) {
            /* who is quoted: a last line of the quotation */
            art_block *p = art_build_begin(x->b, ART_P, (int)xmlGetLineNo(c));
            art_build_text(x->b, "\xE2\x80\x94 ", 4);
            ok = p && content(x, c, depth + 1);
            art_build_end(x->b, p);
        } else if (is(c, "br"))
            art_build_break(x->b);
        else if (is(c, "em") || is(c, "i"))
            ok = inl(x, c, ART_EM, depth);
        else if (is(c, "strong") || is(c, "b"))
            ok = inl(x, c, ART_STRONG, depth);
        else if (is(c, "a"))
            ok = inl(x, c, ART_LINK, depth);
        else if (is(c, "q")) {
            art_build_text(x->b, "\xE2\x80\x9C", 3);
            ok = content(x, c, depth + 1);
            art_build_text(x->b, "\xE2\x80\x9D", 3);
        } else {
            if (!transparent(c))
                warn_once(x, c);
            ok = content(x, c, depth + 1);
        }
        if (!ok)
            return false;
    }
    return true;
}

/* in_nitf_build() - fill DOC (made by in_xml.c, source = the path) from the <nitf> ROOT
 * through the builder. Strings are copied into DOC's arena: nothing points into the tree,
 * which the caller frees. False with ERR set when a limit was hit. */
bool in_nitf_build(xmlNode *root, art_doc *doc, a2p_err *err)
{
    nitf x = {.doc = doc, .b = art_build_new(doc), .err = err};
    const char *source = NULL;
    xmlChar *lang = xmlNodeGetLang(root);
    const xmlNode *head = child(root, "head"), *body = child(root, "body");
    if (!lang && body)
        lang = xmlNodeGetLang(body);
    if (lang) {
        doc->lang = art_text_collapse(doc->ar, (const char *)lang, strlen((const char *)lang));
        xmlFree(lang);
    }
    if (head)
        read_head(&x, head, &source);
    bool ok = true;
    if (body) {
        const xmlNode *bh = child(body, "body.head");
        if (bh)
            read_body_head(&x, bh);
        const xmlNode *bc = child(body, "body.content");
        if (bc)
            ok = content(&x, bc, 1);
        const xmlNode *be = child(body, "body.end");
        const xmlNode *tag = be ? child(be, "tagline") : NULL;
        if (ok && tag) {
            art_block *p = art_build_begin(x.b, ART_P, (int)xmlGetLineNo(tag));
            art_build_inline_push(x.b, ART_EM, NULL);
            ok = p && content(&x, tag, 2);
            art_build_inline_pop(x.b);
            art_build_end(x.b, p);
        }
    }
    if (!art_build_finish(x.b, err) || !ok)
        return false;
    if (source)
        doc->source = source;
    return true;
}
