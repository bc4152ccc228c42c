/* meta.c - article metadata from an HTML page (issue 3).
 *
 * Each field comes from the first source in this order that has it:
 *
 *   headline   JSON-LD headline (or name) of the NewsArticle/Article/BlogPosting... object
 *              (also inside @graph); dc:title, dcterm:title, og:title, weibo titles,
 *              <meta name=title>, twitter:title, parsely-title; <title> cleaned of the
 *              site name (" | Site", " - Site", "Site: "); the page's first <h1>.
 *   authors    JSON-LD author (string, object with name, or array of either);
 *              dc:creator, dcterm:creator, <meta name=author>, parsely-author,
 *              article:author when it is not a URL; rel=author links; byline-looking
 *              elements (class/id byline, author, itemprop=author) of under 100 chars.
 *   published  JSON-LD datePublished; article:published_time, og:published_time,
 *              parsely-pub-date, dc:date, dcterms:created, itemprop=datePublished,
 *              <meta name=date|pubdate|publishdate>; <time pubdate> or the first
 *              <time datetime>.
 *   modified   JSON-LD dateModified; article:modified_time, og:updated_time,
 *              itemprop=dateModified.
 *   site       JSON-LD publisher.name; og:site_name; application-name.
 *   section    BreadcrumbList JSON-LD names joined " / "; breadcrumb markup (class,
 *              id or aria-label "breadcrumb"); JSON-LD articleSection; article:section.
 *   deck       JSON-LD description; og:description, dc:description, description,
 *              twitter:description (dropped later when it only repeats the first
 *              paragraph).
 *   lead image JSON-LD image (string, object url, array); og:image, twitter:image.
 *   lang, dir  <html lang dir>; dir also from <body> or the article's nearest ancestor.
 *   base URL   <base href> (resolved against the page's own URL); --base-url;
 *              <link rel=canonical>; og:url.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ext_html.h"

/* ---- a compact JSON reader: iterative, depth-limited, arena-allocated ----------------- */

enum { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };
#define J_MAX_DEPTH 64

typedef struct jv {
    int t;
    const char *key; /* member name inside an object */
    const char *s;   /* J_STR/J_NUM/J_BOOL text */
    struct jv *child, *last, *next, *up;
} jv;

static void put_u8(buf *b, unsigned cp)
{
    char o[4];
    size_t n;
    if (cp < 0x80)
        o[0] = (char)cp, n = 1;
    else if (cp < 0x800)
        o[0] = (char)(0xC0 | cp >> 6), o[1] = (char)(0x80 | (cp & 63)), n = 2;
    else if (cp < 0x10000)
        o[0] = (char)(0xE0 | cp >> 12), o[1] = (char)(0x80 | ((cp >> 6) & 63)),
        o[2] = (char)(0x80 | (cp & 63)), n = 3;
    else
        o[0] = (char)(0xF0 | cp >> 18), o[1] = (char)(0x80 | ((cp >> 12) & 63)),
        o[2] = (char)(0x80 | ((cp >> 6) & 63)), o[3] = (char)(0x80 | (cp & 63)), n = 4;
    buf_add(b, o, n);
}

static unsigned hex4(const char *s, const char *e)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        if (s + i >= e || !isxdigit((unsigned char)s[i]))
            return 0xFFFD;
        char c = s[i];
        v = v * 16 + (unsigned)(isdigit((unsigned char)c) ? c - '0' : (tolower(c) - 'a' + 10));
    }
    return v;
}

/* String starting after the opening quote at *P; leaves *P after the closing quote. */
static const char *j_string(ar_arena *ar, const char **p, const char *e)
{
    buf b = {0};
    const char *s = *p;
    while (s < e && *s != '"') {
        if (*s == '\\' && s + 1 < e) {
            s++;
            switch (*s) {
            case 'n': buf_putc(&b, '\n'); break;
            case 't': buf_putc(&b, '\t'); break;
            case 'r': buf_putc(&b, '\r'); break;
            case 'b': case 'f': buf_putc(&b, ' '); break;
            case 'u': {
                unsigned cp = hex4(s + 1, e);
                s += 4;
                if (cp >= 0xD800 && cp < 0xDC00 && s + 6 < e && s[1] == '\\' && s[2] == 'u') {
                    unsigned lo = hex4(s + 3, e);
                    if (lo >= 0xDC00 && lo < 0xE000) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        s += 6;
                    }
                }
                if (cp >= 0xD800 && cp < 0xE000)
                    cp = 0xFFFD;
                put_u8(&b, cp ? cp : ' ');
                break;
            }
            default: buf_putc(&b, *s);
            }
            s++;
        } else
            buf_putc(&b, *s++);
    }
    *p = s < e ? s + 1 : e;
    const char *r = ar_strndup(ar, b.data ? b.data : "", b.len);
    buf_free(&b);
    return r;
}

static void j_add(jv *parent, jv *v)
{
    v->up = parent;
    if (parent->last)
        parent->last->next = v;
    else
        parent->child = v;
    parent->last = v;
}

/* Parse S (N bytes) leniently: a JSON value, or NULL. Nesting deeper than J_MAX_DEPTH is
 * flattened away (its members are dropped). */
static jv *j_parse(ar_arena *ar, const char *s, size_t n)
{
    const char *p = s, *e = s + n;
    jv root = {.t = J_ARR};
    jv *cur = &root;
    int depth = 0, skip = 0; /* skip: levels of too-deep nesting being ignored */
    const char *key = NULL;
    while (p < e) {
        char c = *p;
        if (isspace((unsigned char)c) || c == ',') {
            p++;
            continue;
        }
        if (c == ':') {
            p++;
            continue;
        }
        if (c == '}' || c == ']') {
            p++;
            if (skip)
                skip--;
            else if (depth > 0) {
                cur = cur->up;
                depth--;
            }
            key = NULL;
            continue;
        }
        if (skip) {
            if (c == '{' || c == '[')
                skip++;
            else if (c == '"') {
                p++;
                while (p < e && *p != '"')
                    p += (*p == '\\') ? 2 : 1;
            }
            p++;
            continue;
        }
        /* an object member name? */
        if (c == '"' && cur->t == J_OBJ && !key) {
            p++;
            key = j_string(ar, &p, e);
            continue;
        }
        jv *v = ar_alloc(ar, sizeof *v);
        v->key = key;
        key = NULL;
        if (c == '{' || c == '[') {
            p++;
            if (depth >= J_MAX_DEPTH) {
                skip = 1;
                continue;
            }
            v->t = c == '{' ? J_OBJ : J_ARR;
            j_add(cur, v);
            cur = v;
            depth++;
            continue;
        }
        if (c == '"') {
            p++;
            v->t = J_STR;
            v->s = j_string(ar, &p, e);
        } else {
            const char *t = p;
            while (p < e && !strchr(",:]} \t\r\n", *p))
                p++;
            if (p == t) {
                p++;
                continue;
            }
            v->s = ar_strndup(ar, t, (size_t)(p - t));
            v->t = (*t == 't' || *t == 'f') ? J_BOOL : (*t == 'n') ? J_NULL : J_NUM;
        }
        j_add(cur, v);
    }
    return root.child;
}

static const jv *j_get(const jv *o, const char *key)
{
    if (!o || o->t != J_OBJ)
        return NULL;
    for (const jv *c = o->child; c; c = c->next)
        if (c->key && strcmp(c->key, key) == 0)
            return c;
    return NULL;
}

/* A name-like string from V: a string, an object's name (or @value), an array's first. */
static const char *j_name(const jv *v)
{
    for (int guard = 0; v && guard < 8; guard++) {
        if (v->t == J_STR)
            return v->s;
        if (v->t == J_ARR)
            v = v->child;
        else if (v->t == J_OBJ) {
            const jv *n = j_get(v, "name");
            if (!n)
                n = j_get(v, "@value");
            if (!n)
                n = j_get(v, "url");
            v = n;
        } else
            return NULL;
    }
    return NULL;
}

static bool article_type(const char *t)
{
    static const char *const types[] = {
        "Article", "NewsArticle", "BlogPosting", "AnalysisNewsArticle", "OpinionNewsArticle",
        "ReportageNewsArticle", "ReviewNewsArticle", "BackgroundNewsArticle",
        "AskPublicNewsArticle", "AdvertiserContentArticle", "SatiricalArticle",
        "ScholarlyArticle", "MedicalScholarlyArticle", "TechArticle", "Report",
        "SocialMediaPosting", "LiveBlogPosting", "DiscussionForumPosting", "APIReference",
        NULL};
    if (!t)
        return false;
    if (strncmp(t, "http://schema.org/", 18) == 0 || strncmp(t, "https://schema.org/", 19) == 0)
        t = strrchr(t, '/') + 1;
    for (int i = 0; types[i]; i++)
        if (strcmp(t, types[i]) == 0)
            return true;
    return false;
}

static bool has_type(const jv *o, bool (*pred)(const char *))
{
    const jv *t = j_get(o, "@type");
    if (!t)
        return false;
    if (t->t == J_STR)
        return pred(t->s);
    if (t->t == J_ARR)
        for (const jv *c = t->child; c; c = c->next)
            if (c->t == J_STR && pred(c->s))
                return true;
    return false;
}

static bool is_breadcrumbs(const char *t)
{
    return strcmp(t, "BreadcrumbList") == 0;
}

/* The first object in the tree under V satisfying PRED (iterative walk). */
static const jv *j_find(const jv *v, bool (*pred)(const char *))
{
    const jv *n = v;
    while (n) {
        if (n->t == J_OBJ && has_type(n, pred))
            return n;
        if ((n->t == J_OBJ || n->t == J_ARR) && n->child) {
            n = n->child;
            continue;
        }
        while (n && !n->next && n != v)
            n = n->up;
        if (!n || n == v)
            break;
        n = n->next;
    }
    return NULL;
}

/* ---- collected candidates -------------------------------------------------------- */

typedef struct kv {
    const char *k, *v;
} kv;

typedef struct mstate {
    ar_arena *ar;
    kv *meta;
    size_t n_meta, cap_meta;
    const jv *ld;       /* the article object of JSON-LD */
    const jv *ld_crumbs;
    const char *ld_site;
} mstate;

static void meta_put(mstate *s, const char *k, const char *v)
{
    if (!v || !*v)
        return;
    for (size_t i = 0; i < s->n_meta; i++)
        if (strcmp(s->meta[i].k, k) == 0) {
            s->meta[i].v = v; /* the last one wins */
            return;
        }
    if (s->n_meta == s->cap_meta) {
        size_t nc = s->cap_meta ? s->cap_meta * 2 : 32;
        s->meta = ar_grow(s->ar, s->meta, s->cap_meta * sizeof *s->meta, nc * sizeof *s->meta);
        s->cap_meta = nc;
    }
    s->meta[s->n_meta++] = (kv){k, v};
}

static const char *meta_get(const mstate *s, const char *k)
{
    for (size_t i = 0; i < s->n_meta; i++)
        if (strcmp(s->meta[i].k, k) == 0)
            return s->meta[i].v;
    return NULL;
}

/* "DC.Title " -> "dc:title": lower case, no spaces, '.' as ':'. */
static char *meta_key(ar_arena *ar, const char *name)
{
    size_t n = strlen(name);
    char *k = ar_alloc(ar, n + 1), *o = k;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)name[i];
        if (isspace(c))
            continue;
        *o++ = c == '.' ? ':' : (char)tolower(c);
    }
    *o = 0;
    return k;
}

static const char *first_of(const mstate *s, const char *const *keys)
{
    for (int i = 0; keys[i]; i++) {
        const char *v = meta_get(s, keys[i]);
        if (v && *v)
            return v;
    }
    return NULL;
}

static bool is_url(const char *s)
{
    return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0 || s[0] == '/';
}

static char *clean(ar_arena *ar, const char *s)
{
    return art_text_collapse(ar, s, strlen(s));
}

static size_t word_count(const char *s)
{
    size_t n = 0;
    bool in = false;
    for (; *s; s++) {
        bool sp = isspace((unsigned char)*s);
        if (!sp && !in)
            n++;
        in = !sp;
    }
    return n;
}

/* Separators between a title and the site name. */
static bool title_sep_at(const char *s, size_t *len)
{
    static const char *const seps[] = {"|", "-", "\\", "/", ">", "\xc2\xbb", "\xe2\x80\x93",
                                       "\xe2\x80\x94", NULL};
    if (s[0] != ' ')
        return false;
    for (int i = 0; seps[i]; i++) {
        size_t l = strlen(seps[i]);
        if (strncmp(s + 1, seps[i], l) == 0 && s[1 + l] == ' ') {
            *len = l + 2;
            return true;
        }
    }
    return false;
}

/* <title> without the site name: "Headline | Site" -> "Headline"; when that leaves too
 * few words, the part after the first separator ("Site | Headline"). */
static const char *clean_title(ar_arena *ar, const char *t, xmlNode *root)
{
    size_t n = strlen(t);
    const char *first = NULL, *last = NULL;
    size_t first_len = 0;
    for (size_t i = 0; i < n; i++) {
        size_t l;
        if (title_sep_at(t + i, &l)) {
            if (!first)
                first = t + i, first_len = l;
            last = t + i;
        }
    }
    const char *cur = t;
    if (last) {
        cur = ar_strndup(ar, t, (size_t)(last - t));
        if (word_count(cur) < 3)
            cur = ar_strdup(ar, first + first_len);
    } else if (strstr(t, ": ")) {
        /* "Site: Headline", unless a heading carries the whole title */
        bool heading = false;
        for (xmlNode *x = root; x && !heading; x = ext_next(root, x, false, NULL))
            if (ext_is(x, "h1") || ext_is(x, "h2"))
                heading = ext_norm_eq(ext_text(ar, x), t);
        if (!heading) {
            const char *after = strrchr(t, ':') + 1;
            if (word_count(after) >= 3)
                cur = after;
            else
                cur = strchr(t, ':') + 1;
            size_t before = 0;
            for (const char *q = t; q < strchr(t, ':'); q++)
                before += (q == t || (isspace((unsigned char)q[-1]) && !isspace((unsigned char)*q)));
            if (before > 5)
                cur = t;
        }
    } else if (n > 150 || n < 15) {
        xmlNode *h1 = NULL;
        int count = 0;
        for (xmlNode *x = root; x; x = ext_next(root, x, false, NULL))
            if (ext_is(x, "h1") && count++ == 0)
                h1 = x;
        if (count == 1)
            cur = ext_text(ar, h1);
    }
    cur = clean(ar, cur);
    size_t wc = word_count(cur);
    if (wc <= 4) {
        /* cutting left almost nothing: keep the whole title, unless it was a hierarchy
         * ("Site > Section > Headline") and only its top was cut */
        bool hier = strstr(t, " / ") || strstr(t, " \\ ") || strstr(t, " > ") ||
                    strstr(t, " \xc2\xbb ");
        buf b = {0};
        for (size_t i = 0; i < n; i++) {
            size_t l;
            if (title_sep_at(t + i, &l)) {
                buf_putc(&b, ' ');
                i += l - 1;
            } else
                buf_putc(&b, t[i]);
        }
        size_t all = word_count(b.data ? b.data : "");
        buf_free(&b);
        if (!hier || wc + 1 != all)
            cur = t;
    }
    return cur;
}

/* Readability-style similarity: 1 - (length of B's words not in A) / (length of B). */
static double similarity(const char *a, const char *b)
{
    buf ta = {0}, tb = {0};
    for (const char *p = a; *p; p++)
        buf_putc(&ta, (char)tolower((unsigned char)*p));
    size_t total = 0, uniq = 0;
    const char *p = b;
    while (*p) {
        while (*p && !(isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80))
            p++;
        const char *w = p;
        while (*p && (isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80))
            p++;
        size_t l = (size_t)(p - w);
        if (!l)
            break;
        total += l + 1;
        buf_putc(&tb, ' ');
        tb.len = 0;
        for (size_t i = 0; i < l; i++)
            buf_putc(&tb, (char)tolower((unsigned char)w[i]));
        /* whole-word search of the word in A */
        bool found = false;
        const char *h = ta.data;
        while (h && (h = strstr(h, tb.data)) != NULL) {
            bool lb = h == ta.data || !(isalnum((unsigned char)h[-1]) || (unsigned char)h[-1] >= 0x80);
            bool rb = !(isalnum((unsigned char)h[l]) || (unsigned char)h[l] >= 0x80);
            if (lb && rb) {
                found = true;
                break;
            }
            h++;
        }
        if (!found)
            uniq += l + 1;
    }
    buf_free(&ta);
    buf_free(&tb);
    if (total == 0)
        return 0;
    return 1.0 - (double)uniq / (double)total;
}

static bool class_has(const xmlNode *n, const char *word)
{
    const char *c = ext_attr(n, "class"), *id = ext_attr(n, "id");
    return (c && strcasestr(c, word)) || (id && strcasestr(id, word));
}

/* Names of a breadcrumb list in markup: the li (or a) texts joined " / ". */
static const char *crumbs_markup(ar_arena *ar, xmlNode *root)
{
    int tries = 0; /* bounded: nested candidates must not make this quadratic */
    for (xmlNode *n = root; n && tries < 20; n = ext_next(root, n, false, NULL)) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const char *aria = ext_attr(n, "aria-label");
        if (!class_has(n, "breadcrumb") && !(aria && strcasestr(aria, "breadcrumb")))
            continue;
        tries++;
        buf b = {0};
        int parts = 0;
        for (xmlNode *c = n->children; c;) {
            bool skip = false;
            if (ext_is(c, "li") || (ext_is(c, "a") && !ext_is(c->parent, "li"))) {
                char *t = ext_text(ar, c);
                if (*t && strcmp(t, ">") && strcmp(t, "/") && strcmp(t, "\xc2\xbb")) {
                    if (parts++)
                        buf_puts(&b, " / ");
                    buf_puts(&b, t);
                }
                skip = true;
            }
            c = ext_next(n, c, skip, NULL);
        }
        const char *r = parts ? ar_strndup(ar, b.data, b.len) : NULL;
        buf_free(&b);
        if (r)
            return r;
    }
    return NULL;
}

static const char *crumbs_ld(ar_arena *ar, const jv *list)
{
    const jv *items = j_get(list, "itemListElement");
    if (!items || items->t != J_ARR)
        return NULL;
    buf b = {0};
    int parts = 0;
    for (const jv *it = items->child; it; it = it->next) {
        const char *name = NULL;
        const jv *nm = j_get(it, "name");
        if (nm && nm->t == J_STR)
            name = nm->s;
        else {
            const jv *item = j_get(it, "item");
            const jv *in = item ? j_get(item, "name") : NULL;
            if (in && in->t == J_STR)
                name = in->s;
        }
        if (!name || !*name)
            continue;
        if (parts++)
            buf_puts(&b, " / ");
        buf_puts(&b, name);
    }
    const char *r = parts ? clean(ar, b.data) : NULL;
    buf_free(&b);
    return r;
}

static void add_authors_ld(art_doc *doc, const jv *a)
{
    if (!a)
        return;
    if (a->t == J_STR) {
        if (!is_url(a->s))
            art_doc_add_author(doc, a->s);
        return;
    }
    if (a->t == J_OBJ) {
        const char *n = j_name(j_get(a, "name"));
        if (n && !is_url(n))
            art_doc_add_author(doc, n);
        return;
    }
    if (a->t == J_ARR)
        for (const jv *c = a->child; c; c = c->next)
            if (c->t != J_ARR)
                add_authors_ld(doc, c);
}

static const char *ld_str(const jv *o, const char *key)
{
    const char *s = j_name(j_get(o, key));
    return s && *s ? s : NULL;
}

/* ---- collecting ------------------------------------------------------------------- */

static void read_jsonld(mstate *s, xmlNode *script)
{
    char *txt = NULL;
    for (xmlNode *c = script->children; c; c = c->next)
        if (c->content) {
            txt = (char *)c->content;
            break;
        }
    if (!txt)
        return;
    while (*txt && *txt != '{' && *txt != '[')
        txt++;
    jv *v = j_parse(s->ar, txt, strlen(txt));
    if (!v)
        return;
    if (!s->ld)
        s->ld = j_find(v, article_type);
    if (!s->ld_crumbs)
        s->ld_crumbs = j_find(v, is_breadcrumbs);
}

void meta_collect(xmlDoc *xd, art_doc *doc, const a2p_opts *opts, ext_meta *m)
{
    ar_arena *ar = doc->ar;
    xmlNode *root = xmlDocGetRootElement(xd);
    mstate s = {.ar = ar};
    m->title_tag = m->first_h1 = m->image = m->description = "";
    const char *base_href = NULL, *canonical = NULL;
    const char *time_any = NULL, *time_pub = NULL;
    xmlNode *body = NULL;

    for (xmlNode *n = root; n; n = ext_next(root, n, false, NULL)) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)n->name;
        if (ext_tag_eq(name, "meta")) {
            const char *content = ext_attr(n, "content");
            if (!content)
                continue;
            content = clean(ar, content);
            const char *prop = ext_attr(n, "property");
            const char *nm = ext_attr(n, "name");
            const char *ip = ext_attr(n, "itemprop");
            if (nm)
                meta_put(&s, meta_key(ar, nm), content);
            if (ip)
                meta_put(&s, ar_printf(ar, "itemprop:%s", meta_key(ar, ip)), content);
            if (prop) {
                /* property may hold several space-separated names */
                char *p = ar_strdup(ar, prop);
                char *save = NULL; /* strtok_r: packets parse on a reader thread */
                for (char *tok = strtok_r(p, " \t\n", &save); tok;
                     tok = strtok_r(NULL, " \t\n", &save))
                    meta_put(&s, meta_key(ar, tok), content);
            }
        } else if (ext_tag_eq(name, "title") && !*m->title_tag) {
            m->title_tag = ext_text(ar, n);
        } else if (ext_tag_eq(name, "h1") && !*m->first_h1) {
            m->first_h1 = ext_text(ar, n);
        } else if (ext_tag_eq(name, "base") && !base_href) {
            base_href = ext_attr(n, "href");
        } else if (ext_tag_eq(name, "link")) {
            const char *rel = ext_attr(n, "rel"), *href = ext_attr(n, "href");
            if (rel && href && strcasecmp(rel, "canonical") == 0 && !canonical)
                canonical = href;
        } else if (ext_tag_eq(name, "script")) {
            const char *type = ext_attr(n, "type");
            if (type && strcasecmp(type, "application/ld+json") == 0)
                read_jsonld(&s, n);
        } else if (ext_tag_eq(name, "time")) {
            const char *dt = ext_attr(n, "datetime");
            const char *ip = ext_attr(n, "itemprop");
            if (dt && *dt) {
                if (!time_pub && (ext_attr(n, "pubdate") || (ip && strcasestr(ip, "datePublished"))))
                    time_pub = dt;
                if (!time_any)
                    time_any = dt;
            }
        } else if (ext_tag_eq(name, "body")) {
            body = n;
        }
    }

    /* base URL: <base href> (against the page's own URL), --base-url, canonical, og:url */
    const char *page_url = opts->base_url;
    if (!page_url)
        page_url = canonical;
    if (!page_url)
        page_url = meta_get(&s, "og:url");
    if (page_url && !*page_url)
        page_url = NULL;
    if (base_href && *base_href)
        m->base = ext_resolve(ar, base_href, page_url);
    else
        m->base = page_url ? ar_strdup(ar, page_url) : NULL;

    /* headline */
    static const char *const title_keys[] = {
        "dc:title", "dcterm:title", "og:title", "weibo:article:title", "weibo:webpage:title",
        "title", "twitter:title", "parsely-title", NULL};
    const char *title = NULL;
    if (s.ld) {
        const char *hl = ld_str(s.ld, "headline"), *nm = ld_str(s.ld, "name");
        title = nm ? nm : hl;
        if (nm && hl && strcmp(nm, hl) != 0) {
            /* some sites put their own name in "name": take the headline when it is the
             * one that matches the page's title */
            const char *pt = clean_title(ar, m->title_tag, root);
            if (similarity(hl, pt) > 0.75 && similarity(nm, pt) <= 0.75)
                title = hl;
        }
    }
    if (!title)
        title = first_of(&s, title_keys);
    if (!title && *m->title_tag)
        title = clean_title(ar, m->title_tag, root);
    if (!title)
        title = m->first_h1;
    doc->headline = clean(ar, title);

    /* authors */
    if (s.ld)
        add_authors_ld(doc, j_get(s.ld, "author"));
    if (doc->n_authors == 0) {
        static const char *const author_keys[] = {"dc:creator", "dcterm:creator", "author",
                                                  "parsely-author", NULL};
        const char *a = first_of(&s, author_keys);
        if (!a) {
            a = meta_get(&s, "article:author");
            if (a && is_url(a))
                a = NULL;
        }
        if (a)
            art_doc_add_author(doc, a);
    }

    /* dates */
    static const char *const pub_keys[] = {
        "article:published_time", "og:published_time", "parsely-pub-date", "dc:date",
        "dcterms:created", "dcterm:created", "itemprop:datepublished", "date", "pubdate",
        "publishdate", "sailthru:date", "article:published", NULL};
    const char *pub = s.ld ? ld_str(s.ld, "datePublished") : NULL;
    if (!pub)
        pub = first_of(&s, pub_keys);
    if (!pub)
        pub = time_pub ? time_pub : time_any;
    if (pub)
        doc->published = clean(ar, pub);
    static const char *const mod_keys[] = {"article:modified_time", "og:updated_time",
                                           "itemprop:datemodified", "dcterms:modified", NULL};
    const char *mod = s.ld ? ld_str(s.ld, "dateModified") : NULL;
    if (!mod)
        mod = first_of(&s, mod_keys);
    if (mod)
        doc->modified = clean(ar, mod);

    /* site */
    const char *site = NULL;
    if (s.ld) {
        const jv *pubr = j_get(s.ld, "publisher");
        if (pubr && pubr->t == J_OBJ)
            site = ld_str(pubr, "name");
    }
    if (!site)
        site = meta_get(&s, "og:site_name");
    if (!site)
        site = meta_get(&s, "application-name");
    if (site)
        doc->site = clean(ar, site);

    /* section */
    const char *sec = s.ld_crumbs ? crumbs_ld(ar, s.ld_crumbs) : NULL;
    if (!sec)
        sec = crumbs_markup(ar, body ? body : root);
    if (!sec && s.ld)
        sec = ld_str(s.ld, "articleSection");
    if (!sec)
        sec = meta_get(&s, "article:section");
    if (sec)
        doc->section = clean(ar, sec);

    /* deck */
    static const char *const desc_keys[] = {"dc:description", "dcterm:description",
                                            "og:description", "weibo:article:description",
                                            "description", "twitter:description", NULL};
    const char *desc = s.ld ? ld_str(s.ld, "description") : NULL;
    if (!desc)
        desc = first_of(&s, desc_keys);
    if (desc) {
        m->description = clean(ar, desc);
        doc->deck = m->description;
    }

    /* lead image candidate */
    const char *img = NULL;
    if (s.ld) {
        const jv *iv = j_get(s.ld, "image");
        if (iv && iv->t == J_OBJ)
            img = ld_str(iv, "url");
        else if (iv)
            img = j_name(iv);
    }
    if (!img)
        img = meta_get(&s, "og:image");
    if (!img)
        img = meta_get(&s, "twitter:image");
    if (img && *img)
        m->image = ext_resolve(ar, img, m->base);

    /* lang, dir */
    const char *lang = ext_attr(root, "lang");
    if (!lang)
        lang = ext_attr(root, "xml:lang");
    if (lang && *lang)
        doc->lang = clean(ar, lang);
    const char *dir = ext_attr(root, "dir");
    if (!dir && body)
        dir = ext_attr(body, "dir");
    if (dir && (strcasecmp(dir, "rtl") == 0 || strcasecmp(dir, "ltr") == 0))
        doc->dir = strcasecmp(dir, "rtl") == 0 ? "rtl" : "ltr";
}

/* Byline-looking element: rel=author, itemprop~author, class/id byline/author/dateline,
 * short text. */
bool meta_is_byline(const xmlNode *n)
{
    if (!n || n->type != XML_ELEMENT_NODE)
        return false;
    const char *rel = ext_attr(n, "rel"), *ip = ext_attr(n, "itemprop");
    char ci[600];
    ext_class_id(n, ci, sizeof ci);
    bool hint = (rel && strcasecmp(rel, "author") == 0) || (ip && strcasestr(ip, "author")) ||
                strstr(ci, "byline") || strstr(ci, "author") || strstr(ci, "dateline") ||
                strstr(ci, "writtenby");
    if (!hint)
        return false;
    size_t len = ext_text_len(n, NULL, 200);
    return len > 0 && len < 100;
}

void meta_finish(xmlNode *article, art_doc *doc, ext_meta *m)
{
    if (!*doc->headline && *m->first_h1)
        doc->headline = m->first_h1;
    /* dir: the nearest ancestor of the article that says */
    for (xmlNode *a = article; a && a->type == XML_ELEMENT_NODE; a = a->parent) {
        const char *dir = ext_attr(a, "dir");
        if (dir && (strcasecmp(dir, "rtl") == 0 || strcasecmp(dir, "ltr") == 0)) {
            doc->dir = strcasecmp(dir, "rtl") == 0 ? "rtl" : "ltr";
            break;
        }
    }
}
