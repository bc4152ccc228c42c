/* in_feed.c - RSS 2.0 and Atom feeds -> a list of articles for a packet (issue 9).
 * libxml2 stays here: items leave as arena strings. No network, no entities, no DTDs. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "input.h"
#include "limits.h"

static bool is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, BAD_CAST name) == 0;
}

static char *text_of(const xmlNode *n, ar_arena *ar)
{
    xmlChar *t = xmlNodeGetContent(n);
    char *s = art_text_collapse(ar, t ? (const char *)t : "", t ? strlen((const char *)t) : 0);
    xmlFree(t);
    return s;
}

/* Raw content (HTML may come escaped as text or as CDATA, or as XHTML children). */
static char *content_of(const xmlNode *n, ar_arena *ar, size_t *len)
{
    bool elements = false;
    for (const xmlNode *c = n->children; c; c = c->next)
        elements |= c->type == XML_ELEMENT_NODE;
    if (!elements) {
        xmlChar *t = xmlNodeGetContent(n);
        *len = t ? strlen((const char *)t) : 0;
        char *s = ar_strndup(ar, t ? (const char *)t : "", *len);
        xmlFree(t);
        return s;
    }
    xmlBufferPtr b = xmlBufferCreate();
    for (const xmlNode *c = n->children; c; c = c->next)
        xmlNodeDump(b, n->doc, (xmlNode *)c, 0, 0);
    *len = (size_t)xmlBufferLength(b);
    char *s = ar_strndup(ar, (const char *)xmlBufferContent(b), *len);
    xmlBufferFree(b);
    return s;
}

/* RFC 822 (RSS) or ISO 8601 (Atom) -> YYYY-MM-DD; as found when neither parses. */
static const char *norm_date(const char *s, ar_arena *ar)
{
    struct tm tm = {0};
    const char *p = strchr(s, ',') ? strchr(s, ',') + 1 : s;
    while (*p == ' ')
        p++;
    if (strptime(p, "%d %b %Y", &tm) || strptime(s, "%Y-%m-%d", &tm))
        return ar_printf(ar, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    return s;
}

/* The saved page a link points to: a relative path beside the feed, or a file in the
 * feed's folder with the link's last path segment as its name. */
static const char *local_page(const char *feed_path, const char *link, ar_arena *ar)
{
    if (!link || !*link || strstr(link, "file:") == link)
        return NULL;
    const char *slash = strrchr(feed_path, '/');
    char *dir = slash ? ar_strndup(ar, feed_path, (size_t)(slash - feed_path)) : ".";
    const char *name = link;
    if (strstr(link, "://")) {
        const char *q = strrchr(link, '/');
        name = q && q[1] ? q + 1 : NULL;
    }
    if (!name || strstr(name, "..") || name[0] == '/')
        return NULL;
    char *cand = ar_printf(ar, "%s/%s", dir, name);
    struct stat st;
    return stat(cand, &st) == 0 && S_ISREG(st.st_mode) ? cand : NULL;
}

static void add_item(in_feed_item **items, size_t *n, size_t *cap, ar_arena *ar,
                     const in_feed_item *it)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        *items = ar_grow(ar, *items, *n * sizeof **items, nc * sizeof **items);
        *cap = nc;
    }
    (*items)[(*n)++] = *it;
}

static void read_item(const char *path, const xmlNode *item, bool atom, ar_arena *ar,
                      in_feed_item *it)
{
    memset(it, 0, sizeof *it);
    const char *summary = NULL;
    size_t summary_len = 0;
    for (const xmlNode *c = item->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (is(c, "title"))
            it->title = text_of(c, ar);
        else if (is(c, "link")) {
            xmlChar *href = xmlGetProp(c, BAD_CAST "href");
            xmlChar *rel = xmlGetProp(c, BAD_CAST "rel");
            if (href && (!rel || xmlStrcmp(rel, BAD_CAST "alternate") == 0))
                it->link = ar_strdup(ar, (const char *)href);
            else if (!atom && !href)
                it->link = text_of(c, ar);
            xmlFree(href);
            xmlFree(rel);
        } else if (is(c, "pubDate") || is(c, "published") || is(c, "date") ||
                   (is(c, "updated") && !it->date))
            it->date = norm_date(text_of(c, ar), ar);
        else if (is(c, "creator") || (is(c, "author") && !atom))
            it->author = text_of(c, ar);
        else if (is(c, "author") && atom) {
            for (const xmlNode *a = c->children; a; a = a->next)
                if (is(a, "name"))
                    it->author = text_of(a, ar);
        } else if (is(c, "encoded") || (is(c, "content") && atom))
            it->content = content_of(c, ar, &it->content_len);
        else if (is(c, "description") || is(c, "summary"))
            summary = content_of(c, ar, &summary_len);
    }
    if (!it->content && summary) {
        it->content = summary;
        it->content_len = summary_len;
    }
    it->local_path = local_page(path, it->link, ar);
}

bool in_feed_read(const char *path, const char *bytes, size_t len, ar_arena *ar,
                  in_feed_item **items, size_t *n, a2p_err *err)
{
    *items = NULL;
    *n = 0;
    if (len > (size_t)0x7fffffff)
        return err_set(err, 1, path, "feed too large");
    xmlDoc *doc = xmlReadMemory(bytes, (int)len, path, NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                    XML_PARSE_NOCDATA);
    if (!doc)
        return err_set(err, 1, path, "not a well-formed feed: %s",
                       xmlGetLastError() ? xmlGetLastError()->message : "parse error");
    if (xmlGetIntSubset(doc) && xmlGetIntSubset(doc)->entities) {
        xmlFreeDoc(doc);
        return err_set(err, 1, path, "feed declares entities: refused");
    }
    const xmlNode *root = xmlDocGetRootElement(doc);
    bool atom = root && is(root, "feed");
    size_t cap = 0;
    /* RSS: rss/channel/item (RSS 1.0: rdf:RDF/item); Atom: feed/entry */
    const xmlNode *parents[2] = {root, NULL};
    for (const xmlNode *c = root ? root->children : NULL; c; c = c->next)
        if (is(c, "channel"))
            parents[1] = c;
    for (int p = 0; p < 2; p++)
        for (const xmlNode *c = parents[p] ? parents[p]->children : NULL; c; c = c->next)
            if (is(c, "item") || is(c, "entry")) {
                in_feed_item it;
                read_item(path, c, atom, ar, &it);
                if (it.content || it.local_path)
                    add_item(items, n, &cap, ar, &it);
            }
    xmlFreeDoc(doc);
    if (*n == 0)
        return err_set(err, 1, path, "feed has no items with content or a saved page");
    return true;
}
