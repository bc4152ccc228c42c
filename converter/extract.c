/* extract.c - main-content detection for HTML pages (issue 3), in the spirit of Mozilla
 * Readability (our own code and our own reading of its published algorithm):
 *
 *   1. ext_clean(): drop what is never content: scripts, styles, comments, nav, aside,
 *      footer, hidden elements (hidden, aria-hidden, display:none, visibility:hidden).
 *   2. ext_find_article(): mark unlikely blocks (class/id like comment, sidebar, share,
 *      related, promo, newsletter, cookie...) and the byline; score every paragraph-like
 *      element (text length, commas) into its parent, grandparent and further ancestors;
 *      weigh candidates by class/id hints and link density; pick the best, climb to a
 *      parent that holds several good candidates, merge qualifying siblings into one
 *      wrapper <div>; fallback to the body.
 *   3. Clean the wrapper: share bars, link-heavy boxes, "related" lists, inline ads,
 *      forms, empty blocks (Readability's conditional cleaning).
 *
 * A pass whose article is too short (under EXT_MIN_CHARS) is repeated by the caller with
 * fewer rules (flags below); the longest result wins. Scores live in node->_private,
 * allocated in a scratch arena; every walk is iterative. */
#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ext_html.h"
#include "extract.h"

/* is_el(), inlined here for the walks that test every node */
static inline bool is_el(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->name && ext_tag_eq((const char *)n->name, name);
}

typedef struct tstat {
    size_t len, link, commas, heading, li_len;
    int p, img, li, input, embed;
} tstat;

typedef struct ninfo {
    double score;
    bool scored;
    bool dead;      /* marked for removal in this pass */
    bool has_block; /* a block-level descendant (Readability's div-to-p test) */
    signed char data_table; /* 0 unknown, 1 yes, -1 no */
    tstat st;       /* text measures of the subtree (dead parts left out) */
    size_t direct_len, direct_commas; /* loose text: text nodes and inline children */
} ninfo;

static ninfo *info(ar_arena *ar, xmlNode *n)
{
    if (!n->_private)
        n->_private = ar_alloc(ar, sizeof(ninfo));
    return n->_private;
}

static ninfo *info_if(const xmlNode *n)
{
    return n ? (ninfo *)n->_private : NULL;
}

static bool name_in(const xmlNode *n, const char *const *names)
{
    if (!n || n->type != XML_ELEMENT_NODE)
        return false;
    const char *nm = (const char *)n->name;
    for (int i = 0; names[i]; i++)
        if (names[i][0] == nm[0] && strcmp(nm, names[i]) == 0)
            return true;
    return false;
}

/* A word list hashed by its words' first two bytes, so that most positions of a string
 * are ruled out before any comparison (words are at least 2 bytes long, lists at most
 * 63 words). */
typedef struct wordset {
    const char *const *w;
    unsigned char first[256]; /* 1 + index of a word with this pair hash, or 0 */
    unsigned char next[64];   /* 1 + index of the next word with the same hash, or 0 */
} wordset;

static unsigned pair_hash(const char *p)
{
    return ((unsigned char)p[0] * 31u + (unsigned char)p[1]) & 255u;
}

static wordset words_of(const char *const *w)
{
    wordset ws;
    ws.w = w;
    memset(ws.first, 0, sizeof ws.first);
    for (int i = 0; w[i] && i < 63; i++) {
        unsigned h = pair_hash(w[i]);
        ws.next[i] = ws.first[h];
        ws.first[h] = (unsigned char)(i + 1);
    }
    return ws;
}

/* S (lower case) holds one of the words of WS. */
static bool in_set(const char *s, const wordset *ws)
{
    if (!s || !*s)
        return false;
    for (const char *p = s; p[1]; p++)
        for (int i = ws->first[pair_hash(p)]; i; i = ws->next[i - 1]) {
            const char *w = ws->w[i - 1], *q = p;
            while (*w && *w == *q)
                w++, q++;
            if (!*w)
                return true;
        }
    return false;
}

static bool any_in(const char *s, const char *const *words)
{
    wordset ws = words_of(words);
    return in_set(s, &ws);
}

static inline bool alnum(char c)
{
    return (unsigned char)((c | 0x20) - 'a') < 26 || (unsigned char)(c - '0') < 10;
}

/* A class/id token equal to one of WORDS ("ad" must not match "head"). */
static bool token_in(const char *s, const char *const *words)
{
    if (!s)
        return false;
    const char *p = s;
    while (*p) {
        while (*p && !alnum(*p))
            p++;
        const char *w = p;
        while (*p && alnum(*p))
            p++;
        size_t l = (size_t)(p - w);
        for (int i = 0; l && words[i]; i++)
            if ((words[i][0] | 0x20) == (*w | 0x20) && strlen(words[i]) == l &&
                strncasecmp(w, words[i], l) == 0)
                return true;
    }
    return false;
}

static const char *const unlikely_w[] = {
    "-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community", "cover-wrap",
    "disqus", "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark",
    "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor",
    "supplemental", "ad-break", "agegate", "pagination", "pager", "popup", "yom-remote",
    "newsletter", "cookie", "subscribe", "paywall", NULL};
static const char *const maybe_w[] = {"and", "article", "body", "column", "content", "main",
                                      "mathjax", "shadow", NULL};
static const char *const positive_w[] = {"article", "body", "content", "entry", "hentry",
                                         "h-entry", "main", "page", "pagination", "post",
                                         "text", "blog", "story", NULL};
static const char *const negative_w[] = {
    "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr",
    "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share",
    "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags", "widget",
    "newsletter", "cookie", "subscribe", "breadcrumb", NULL};
static const char *const ad_tokens[] = {"ad", "ads", "advert", "advertisement", "adslot",
                                        "hid", NULL};
static const char *const byline_w[] = {"byline", "author", "dateline", "writtenby", NULL};

static const char *cls(const xmlNode *n)
{
    const char *c = ext_attr(n, "class");
    return c ? c : "";
}

static const char *idv(const xmlNode *n)
{
    const char *c = ext_attr(n, "id");
    return c ? c : "";
}

static int class_weight(const xmlNode *n)
{
    int w = 0;
    char c[300], i[300];
    const char *cv = cls(n), *iv = idv(n);
    size_t k = 0;
    for (; cv[k] && k + 1 < sizeof c; k++)
        c[k] = cv[k] >= 'A' && cv[k] <= 'Z' ? (char)(cv[k] + 32) : cv[k];
    c[k] = 0;
    for (k = 0; iv[k] && k + 1 < sizeof i; k++)
        i[k] = iv[k] >= 'A' && iv[k] <= 'Z' ? (char)(iv[k] + 32) : iv[k];
    i[k] = 0;
    if (*c) {
        if (any_in(c, negative_w) || token_in(c, ad_tokens))
            w -= 25;
        if (any_in(c, positive_w))
            w += 25;
    }
    if (*i) {
        if (any_in(i, negative_w) || token_in(i, ad_tokens))
            w -= 25;
        if (any_in(i, positive_w))
            w += 25;
    }
    return w;
}

/* ---- 1. cleaning the whole page --------------------------------------------------- */

static const char *const never[] = {"script", "style", "template", "nav", "aside", "footer",
                                    "iframe", "button", "select", "textarea", "input",
                                    "link", "meta", "dialog", NULL};

static void drop(xmlNode *n)
{
    xmlUnlinkNode(n);
    xmlFreeNode(n);
}

void ext_clean(xmlDoc *xd)
{
    xmlNode *root = xmlDocGetRootElement(xd);
    xmlNode *n = root ? root->children : NULL;
    while (n) {
        bool kill = false;
        if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE)
            kill = true;
        else if (n->type == XML_ELEMENT_NODE) {
            const char *role = ext_attr(n, "role");
            kill = name_in(n, never) || ext_hidden(n) ||
                   (role && (strcasecmp(role, "navigation") == 0 ||
                             strcasecmp(role, "menu") == 0 || strcasecmp(role, "menubar") == 0 ||
                             strcasecmp(role, "complementary") == 0 ||
                             strcasecmp(role, "alert") == 0 ||
                             strcasecmp(role, "alertdialog") == 0 ||
                             strcasecmp(role, "dialog") == 0));
        }
        xmlNode *nx = ext_next(root, n, kill, NULL);
        if (kill)
            drop(n);
        n = nx;
    }
}

/* ---- text measures, computed once per pass bottom-up and cached ---------------------- */

static bool dead(const xmlNode *n)
{
    const ninfo *i = info_if(n);
    return i && i->dead;
}

/* Length of a text node with white space runs counted once, and its commas. */
static void count_text(const unsigned char *s, size_t *len, size_t *commas)
{
    bool space = true;
    size_t l = 0, c = 0;
    for (; s && *s; s++) {
        bool sp = *s == ' ' || *s == '\n' || *s == '\t' || *s == '\r' || *s == '\f';
        if (sp && space)
            continue;
        space = sp;
        l++;
        if (*s == ',')
            c++;
        else if (s[0] == 0xEF && s[1] == 0xBC && s[2] == 0x8C) /* fullwidth comma */
            c++;
        else if (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x81) /* ideographic comma */
            c++;
    }
    *len += l;
    *commas += c;
}

static bool is_heading(const xmlNode *n)
{
    const char *nm = (const char *)n->name;
    return nm[0] == 'h' && nm[1] >= '1' && nm[1] <= '6' && !nm[2];
}

/* Fill the cached measures of every element under ROOT (ROOT included). */
static void compute_stats(ar_arena *ar, xmlNode *root)
{
    size_t cap = 256, cnt = 0;
    xmlNode **all = malloc(cap * sizeof *all);
    if (!all)
        return;
    for (xmlNode *n = root; n;) {
        bool skip = n->type != XML_ELEMENT_NODE || (n != root && (dead(n) || ext_invisible(n)));
        if (n->type == XML_ELEMENT_NODE) {
            if (cnt == cap) {
                xmlNode **na = realloc(all, cap * 2 * sizeof *all);
                if (!na)
                    break;
                all = na;
                cap *= 2;
            }
            all[cnt++] = n;
            ninfo *i = info(ar, n);
            memset(&i->st, 0, sizeof i->st);
            i->has_block = false;
            i->direct_len = i->direct_commas = 0;
        }
        n = ext_next(root, n, skip, NULL);
    }
    /* children come after their parent: going backwards, each element is complete
     * when it is added to its parent */
    for (size_t k = cnt; k-- > 0;) {
        xmlNode *e = all[k];
        ninfo *i = info(ar, e);
        if (e != root && (i->dead || ext_invisible(e)))
            continue;
        for (xmlNode *c = e->children; c; c = c->next)
            if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
                size_t l = 0, cm = 0;
                count_text(c->content, &l, &cm);
                i->st.len += l;
                i->st.commas += cm;
                i->direct_len += l;
                i->direct_commas += cm;
            } else if (c->type == XML_ELEMENT_NODE && c->_private && !dead(c) &&
                       !ext_invisible(c) && !ext_is_block(c) && !is_el(c, "img")) {
                const ninfo *ci = c->_private;
                i->direct_len += ci->st.len;
                i->direct_commas += ci->st.commas;
            }
        const char *nm = (const char *)e->name;
        if (ext_tag_eq(nm, "a")) {
            const char *href = ext_attr(e, "href");
            if (!(href && href[0] == '#'))
                i->st.link = i->st.len;
        }
        if (is_heading(e))
            i->st.heading = i->st.len;
        if (e == root || !e->parent || e->parent->type != XML_ELEMENT_NODE ||
            !e->parent->_private)
            continue;
        ninfo *pi = e->parent->_private;
        pi->st.len += i->st.len;
        pi->st.link += i->st.link;
        pi->st.commas += i->st.commas;
        pi->st.heading += i->st.heading;
        pi->st.li_len += ext_tag_eq(nm, "li") ? i->st.len : i->st.li_len;
        pi->st.p += i->st.p + ext_tag_eq(nm, "p");
        pi->st.img += i->st.img + ext_tag_eq(nm, "img");
        pi->st.li += i->st.li + ext_tag_eq(nm, "li");
        pi->st.input += i->st.input + ext_tag_eq(nm, "input");
        pi->st.embed += i->st.embed + (ext_tag_eq(nm, "embed") || ext_tag_eq(nm, "object") ||
                                       ext_tag_eq(nm, "iframe") || ext_tag_eq(nm, "video"));
        pi->has_block = pi->has_block || i->has_block || (ext_tag(e) & EXT_TAG_HOLDS_BLOCKS);
    }
    free(all);
}

/* Measures of a new element N (the wrapper) from its children's. */
static void sum_children(ar_arena *ar, xmlNode *n)
{
    ninfo *i = info(ar, n);
    memset(&i->st, 0, sizeof i->st);
    i->has_block = false;
    i->direct_len = i->direct_commas = 0;
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            size_t l = 0, cm = 0;
            count_text(c->content, &l, &cm);
            i->st.len += l;
            i->st.commas += cm;
            continue;
        }
        const ninfo *ci = c->type == XML_ELEMENT_NODE ? c->_private : NULL;
        if (!ci || ci->dead || ext_invisible(c))
            continue;
        const char *nm = (const char *)c->name;
        i->st.len += ci->st.len;
        i->st.link += ci->st.link;
        i->st.commas += ci->st.commas;
        i->st.heading += ci->st.heading;
        i->st.li_len += ext_tag_eq(nm, "li") ? ci->st.len : ci->st.li_len;
        i->st.p += ci->st.p + ext_tag_eq(nm, "p");
        i->st.img += ci->st.img + ext_tag_eq(nm, "img");
        i->st.li += ci->st.li + ext_tag_eq(nm, "li");
        i->st.input += ci->st.input;
        i->st.embed += ci->st.embed;
        i->has_block = i->has_block || ci->has_block || (ext_tag(c) & EXT_TAG_HOLDS_BLOCKS);
    }
}

static const tstat *st_of(const xmlNode *n)
{
    static const tstat zero;
    const ninfo *i = info_if(n);
    return i ? &i->st : &zero;
}

static double link_density(const xmlNode *n)
{
    const tstat *t = st_of(n);
    return t->len ? (double)t->link / (double)t->len : 0;
}

/* Remove N from the tree and its measures from its ancestors' (the nearest 64: deeper
 * ones keep slightly stale figures rather than make deep pages quadratic). */
static void drop_counted(xmlNode *n)
{
    const ninfo *i = info_if(n);
    if (i) {
        tstat d = i->st;
        d.p += is_el(n, "p");
        d.img += is_el(n, "img");
        d.li += is_el(n, "li");
        int up = 0;
        for (xmlNode *a = n->parent; a && a->_private && up < 64; a = a->parent, up++) {
            tstat *t = &((ninfo *)a->_private)->st;
            t->len -= d.len < t->len ? d.len : t->len;
            t->link -= d.link < t->link ? d.link : t->link;
            t->commas -= d.commas < t->commas ? d.commas : t->commas;
            t->heading -= d.heading < t->heading ? d.heading : t->heading;
            t->p -= d.p;
            t->img -= d.img;
            t->li -= d.li;
            t->input -= d.input;
            t->embed -= d.embed;
        }
    }
    drop(n);
}

/* ---- 2. scoring -------------------------------------------------------------------- */

typedef struct pass {
    ar_arena *ar;
    int flags;
    xmlNode **cands;
    size_t n_cands, cap_cands;
    xmlNode *byline;
    const char *byline_text; /* read when marked: the node is freed by the sweep */
    int byline_tries;        /* elements tested; bounded so nested ones stay linear */
} pass;

static void init_node(pass *ps, xmlNode *n)
{
    ninfo *i = info(ps->ar, n);
    if (i->scored)
        return;
    i->scored = true;
    const char *nm = (const char *)n->name;
    double s = 0;
    if (ext_tag_eq(nm, "div") || ext_tag_eq(nm, "article") || ext_tag_eq(nm, "main") ||
        ext_tag_eq(nm, "section"))
        s = 5;
    else if (ext_tag_eq(nm, "pre") || ext_tag_eq(nm, "td") || ext_tag_eq(nm, "blockquote"))
        s = 3;
    else if (ext_tag_eq(nm, "address") || ext_tag_eq(nm, "ol") || ext_tag_eq(nm, "ul") ||
             ext_tag_eq(nm, "dl") || ext_tag_eq(nm, "dd") || ext_tag_eq(nm, "dt") ||
             ext_tag_eq(nm, "li") || ext_tag_eq(nm, "form"))
        s = -3;
    else if ((nm[0] == 'h' && nm[1] >= '1' && nm[1] <= '6' && !nm[2]) || ext_tag_eq(nm, "th"))
        s = -5;
    if (ps->flags & EXT_WEIGHT_CLASSES)
        s += class_weight(n);
    i->score = s;
    if (ps->n_cands == ps->cap_cands) {
        size_t nc = ps->cap_cands ? ps->cap_cands * 2 : 64;
        ps->cands = ar_grow(ps->ar, ps->cands, ps->cap_cands * sizeof *ps->cands,
                            nc * sizeof *ps->cands);
        ps->cap_cands = nc;
    }
    ps->cands[ps->n_cands++] = n;
}

static bool has_block_child(const xmlNode *n)
{
    const ninfo *i = info_if(n);
    return i && i->has_block;
}

static void score_para(pass *ps, xmlNode *holder, size_t len, size_t commas)
{
    if (len < 25)
        return;
    double score = 1 + (double)commas + 1 + (double)(len / 100 < 3 ? len / 100 : 3);
    int level = 0;
    for (xmlNode *a = holder; a && a->type == XML_ELEMENT_NODE && level < 5; a = a->parent) {
        if (!a->parent || a->parent->type != XML_ELEMENT_NODE)
            break;
        init_node(ps, a);
        double div = level == 0 ? 1 : level == 1 ? 2 : level * 3;
        info(ps->ar, a)->score += score / div;
        level++;
    }
}

static bool in_ancestor(const xmlNode *n, const char *name, int max)
{
    for (const xmlNode *a = n->parent; a && max-- > 0; a = a->parent)
        if (is_el(a, name))
            return true;
    return false;
}

/* A month or weekday name at S followed by a date-ish continuation. */
static bool date_word(const char *s)
{
    static const char *const names[] = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        "mon", "tue", "wed", "thu", "fri", "sat", "sun", NULL};
    for (int i = 0; names[i]; i++)
        if (strncasecmp(s, names[i], 3) == 0) {
            const char *p = s + 3;
            while (isalpha((unsigned char)*p))
                p++;
            if (*p == '.')
                p++;
            if (*p == ',')
                p++;
            while (*p == ' ')
                p++;
            if (isdigit((unsigned char)*p) || (i >= 12 && isalpha((unsigned char)*p)))
                return true;
        }
    return false;
}

/* Byline text without what follows the name: a date, a time, " | ...", " • ...". */
static char *trim_byline(char *t)
{
    if (strncasecmp(t, "by ", 3) == 0)
        t += 3;
    if (date_word(t) || isdigit((unsigned char)*t) || strcasestr(t, "updated") ||
        strcasestr(t, "published"))
        return t + strlen(t); /* a dateline, not a name */
    for (char *p = t; *p; p++) {
        bool sep = p > t && p[-1] == ' ' &&
                   (date_word(p) || (isdigit((unsigned char)*p) && !isdigit((unsigned char)p[-2])) ||
                    *p == '|' || *p == '@' ||
                    strncmp(p, "\xe2\x80\xa2", 3) == 0 || strncmp(p, "\xc2\xb7", 2) == 0 ||
                    (*p == '-' && p[1] == ' ') || strncmp(p, "\xe2\x80\x94", 3) == 0 ||
                    strncmp(p, "\xe2\x80\x93", 3) == 0);
        if (sep) {
            char *e = p;
            while (e > t && (e[-1] == ' ' || e[-1] == ','))
                e--;
            *e = 0;
            break;
        }
    }
    return t;
}

/* The author's name in byline element N: an itemprop=name or rel=author descendant when
 * there is one (bylines often add dates and titles), else N's text without "By" and
 * without a trailing date. NULL when N holds only a date. */
static const char *byline_name(ar_arena *ar, xmlNode *n)
{
    for (xmlNode *c = n->children; c; c = ext_next(n, c, false, NULL)) {
        const char *ip = ext_attr(c, "itemprop"), *rel = ext_attr(c, "rel");
        if ((ip && strstr(ip, "name")) || (rel && strcasecmp(rel, "author") == 0)) {
            char *t = ext_text(ar, c);
            if (*t)
                return t;
        }
    }
    char *t = trim_byline(ext_text(ar, n));
    return *t ? t : NULL;
}

/* N says rel="author", the one rel meta_is_byline() takes (the lean pass keeps no other
 * rel but a canonical link's). */
static bool is_author_rel(const xmlNode *n)
{
    const char *rel = ext_attr(n, "rel");
    return rel && strcasecmp(rel, "author") == 0;
}

/* Walk the body: mark unlikely blocks and the byline dead. */
static void mark_tree(pass *ps, xmlNode *body)
{
    const wordset unlikely = words_of(unlikely_w), maybe = words_of(maybe_w),
                  byline = words_of(byline_w);
    xmlNode *n = body->children;
    while (n) {
        bool skip = false;
        if (n->type != XML_ELEMENT_NODE) {
            n = ext_next(body, n, true, NULL);
            continue;
        }
        const char *nm = (const char *)n->name;
        char match[600];
        ext_class_id(n, match, sizeof match);
        bool hint = !ps->byline && ps->byline_tries < 50 &&
                    (in_set(match, &byline) || is_author_rel(n) || ext_attr(n, "itemprop"));
        if (hint)
            ps->byline_tries++;
        if (hint && meta_is_byline(n)) {
            /* a dateline without a name is dropped too, and the search goes on */
            ps->byline_text = byline_name(ps->ar, n);
            if (ps->byline_text)
                ps->byline = n;
            info(ps->ar, n)->dead = true;
            skip = true;
        } else if ((ps->flags & EXT_STRIP_UNLIKELY) && !ext_tag_eq(nm, "a") &&
                   !ext_tag_eq(nm, "body") && match[1] &&
                   (in_set(match, &unlikely) || token_in(match, ad_tokens)) &&
                   !in_set(match, &maybe) && !in_ancestor(n, "table", 64) &&
                   !in_ancestor(n, "code", 64)) {
            info(ps->ar, n)->dead = true;
            skip = true;
        }
        n = ext_next(body, n, skip, NULL);
    }
}

/* Score paragraphs into their ancestors. */
static void score_tree(pass *ps, xmlNode *body)
{
    xmlNode *n = body->children;
    while (n) {
        bool skip = false;
        if (n->type != XML_ELEMENT_NODE || dead(n) || ext_invisible(n)) {
            n = ext_next(body, n, true, NULL);
            continue;
        }
        const char *nm = (const char *)n->name;
        const tstat *t = st_of(n);
        if (ext_tag_eq(nm, "section")) {
            /* a section counts as one paragraph for its ancestors, as in Readability,
             * and its own paragraphs count too */
            score_para(ps, n->parent ? n->parent : n, t->len, t->commas);
            if (has_block_child(n)) {
                const ninfo *i = info_if(n);
                score_para(ps, n, i->direct_len, i->direct_commas);
            }
        } else if (ext_tag_eq(nm, "p") || ext_tag_eq(nm, "pre") || ext_tag_eq(nm, "td") ||
            (nm[0] == 'h' && nm[1] >= '2' && nm[1] <= '6' && !nm[2])) {
            score_para(ps, n->parent ? n->parent : n, t->len, t->commas);
            /* a p holds no candidates of its own (td and pre may hold p) */
            skip = ext_tag_eq(nm, "p");
        } else if (ext_tag_eq(nm, "div") || ext_tag_eq(nm, "article") ||
                   ext_tag_eq(nm, "main") || ext_tag_eq(nm, "center") || ext_tag_eq(nm, "li")) {
            if (!has_block_child(n)) {
                score_para(ps, n->parent ? n->parent : n, t->len, t->commas);
                skip = !ext_tag_eq(nm, "li");
            } else {
                const ninfo *i = info_if(n);
                score_para(ps, n, i->direct_len, i->direct_commas);
            }
        }
        n = ext_next(body, n, skip, NULL);
    }
}

static double score_of(const xmlNode *n)
{
    const ninfo *i = info_if(n);
    return i && i->scored ? i->score : 0;
}

static bool is_scored(const xmlNode *n)
{
    const ninfo *i = info_if(n);
    return i && i->scored;
}

/* ---- 3. cleaning the article -------------------------------------------------------- */

static bool is_data_table_uncached(const xmlNode *t)
{
    const char *role = ext_attr(t, "role");
    if (role && strcasecmp(role, "presentation") == 0)
        return false;
    const char *dt = ext_attr(t, "datatable");
    if (dt && strcmp(dt, "0") == 0)
        return false;
    if (ext_attr(t, "summary"))
        return true;
    int rows = 0, cols = 0;
    for (xmlNode *n = t->children; n;) {
        bool skip = false;
        if (is_el(n, "table"))
            return false; /* layout tables nest */
        if (is_el(n, "caption") || is_el(n, "thead") || is_el(n, "tfoot") ||
            is_el(n, "colgroup") || is_el(n, "th"))
            return true;
        if (is_el(n, "tr")) {
            rows++;
            int c = 0;
            for (xmlNode *d = n->children; d; d = d->next) {
                if (is_el(d, "th"))
                    return true; /* header cells: the walk does not go into rows */
                if (is_el(d, "td")) {
                    const char *cs = ext_attr(d, "colspan");
                    c += cs ? (atoi(cs) > 0 ? atoi(cs) : 1) : 1;
                }
            }
            if (c > cols)
                cols = c;
            skip = true;
        }
        n = ext_next(t, n, skip, NULL);
    }
    if (rows >= 10 || cols > 4)
        return true;
    return rows * cols > 10;
}

static bool is_data_table(const xmlNode *t)
{
    ninfo *i = info_if(t);
    if (!i)
        return is_data_table_uncached(t);
    if (!i->data_table)
        i->data_table = is_data_table_uncached(t) ? 1 : -1;
    return i->data_table > 0;
}

bool ext_data_table(const xmlNode *t)
{
    return is_data_table(t);
}

static bool has_ancestor_fig(const xmlNode *n)
{
    return in_ancestor(n, "figure", 8);
}

/* Readability's conditional cleaning of one element. */
static bool should_remove(pass *ps, xmlNode *n)
{
    const char *nm = (const char *)n->name;
    if (in_ancestor(n, "pre", 64) || in_ancestor(n, "code", 64))
        return false;
    if (ext_tag_eq(nm, "table") && is_data_table(n))
        return false;
    int up = 0;
    for (xmlNode *a = n->parent; a && up < 64; a = a->parent, up++)
        if (is_el(a, "table") && is_data_table(a))
            return false;
    bool list = ext_tag_eq(nm, "ul") || ext_tag_eq(nm, "ol");
    tstat t = *st_of(n);
    if (!list && t.len)
        list = (double)t.li_len / (double)t.len > 0.9;
    int weight = (ps->flags & EXT_WEIGHT_CLASSES) ? class_weight(n) : 0;
    double cs = score_of(n);
    if (weight + cs < 0)
        return true;
    if (t.commas >= 10)
        return false;
    int li = t.li - 100;
    double ld = t.len ? (double)t.link / (double)t.len : 0;
    double hd = t.len ? (double)t.heading / (double)t.len : 0;
    bool fig = has_ancestor_fig(n);
    if (t.img > 1 && (double)t.p / t.img < 0.5 && !fig)
        return true;
    if (!list && li > t.p)
        return true;
    if (t.input > t.p / 3)
        return true;
    if (!list && hd < 0.9 && t.len < 25 && (t.img == 0 || t.img > 2) && !fig)
        return true;
    if (!list && weight < 25 && ld > 0.2)
        return true;
    if (weight >= 25 && ld > 0.5)
        return true;
    if ((t.embed == 1 && t.len < 75) || t.embed > 1)
        return true;
    return false;
}

static const char *const share_w[] = {"share", "sharedaddy", "social", "sharing",
                                      "newsletter", "subscribe", "signup", "promo",
                                      "related", "read-more", "readmore", "more-stories",
                                      "recommended", "outbrain", "taboola", NULL};

/* The words meta.c looks for in a class or id: class_has() and meta_is_byline(). */
static const char *const meta_w[] = {"breadcrumb", "byline", "author", "dateline",
                                     "writtenby", NULL};

static const char *const *const id_lists[] = {unlikely_w, maybe_w, positive_w, negative_w,
                                              share_w, byline_w, meta_w};
#define N_ID_LISTS (sizeof id_lists / sizeof id_lists[0])
/* the lists' words in as few word sets as hold them (63 words a set) */
static const char *id_words[N_ID_LISTS][64];
static wordset id_sets[N_ID_LISTS];
static size_t n_id_sets;

static void id_sets_init(void)
{
    size_t k = 0;
    for (size_t l = 0; l < N_ID_LISTS; l++)
        for (int i = 0; id_lists[l][i]; i++) {
            if (k == 63) {
                n_id_sets++;
                k = 0;
            }
            id_words[n_id_sets][k++] = id_lists[l][i];
        }
    n_id_sets++;
    for (size_t l = 0; l < n_id_sets; l++)
        id_sets[l] = words_of(id_words[l]);
}

bool ext_id_read(const char *v, size_t len)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, id_sets_init);
    char low[512];
    if (len >= sizeof low)
        return true; /* past what the readers look at whole: kept as it is */
    for (size_t k = 0; k < len; k++)
        low[k] = v[k] >= 'A' && v[k] <= 'Z' ? (char)(v[k] + 32) : v[k];
    low[len] = 0;
    for (size_t l = 0; l < n_id_sets; l++)
        if (in_set(low, &id_sets[l]))
            return true;
    return token_in(low, ad_tokens);
}

/* N's class or id says share bar, promotion or ad (SHARE: share_w). */
static bool share_like(const wordset *share, const xmlNode *n)
{
    char match[600];
    ext_class_id(n, match, sizeof match);
    if (!match[1])
        return false;
    return in_set(match, share) || token_in(match, ad_tokens);
}

/* A short block that is a prompt, not article text: "Advertisement", "Sign up for our
 * newsletter", "Follow us on ...". */
static bool prompt_like(ar_arena *ar, xmlNode *n)
{
    static const char *const starts[] = {"advertisement", "sign up for", "subscribe to",
                                         "follow us", "share this", "share on",
                                         "related stories", "related articles", NULL};
    if (!is_el(n, "p") && !is_el(n, "div") && !is_el(n, "aside") && !is_el(n, "section"))
        return false;
    const tstat *t = st_of(n);
    if (t->len == 0 || t->len > 120 || t->img || has_block_child(n))
        return false; /* leaf blocks only: reading nested ones would be quadratic */
    char *txt = ext_text(ar, n);
    for (int i = 0; starts[i]; i++)
        if (strncasecmp(txt, starts[i], strlen(starts[i])) == 0)
            return true;
    return false;
}

static void clean_article(pass *ps, xmlNode *art)
{
    /* share bars, related boxes, ads, subscription prompts: short blocks so marked */
    const wordset share = words_of(share_w);
    for (xmlNode *n = art->children; n;) {
        bool kill = false;
        if (n->type == XML_ELEMENT_NODE && share_like(&share, n) && !is_el(n, "body"))
            kill = st_of(n)->len < 500;
        if (n->type == XML_ELEMENT_NODE && !kill && prompt_like(ps->ar, n))
            kill = true;
        if (n->type == XML_ELEMENT_NODE && !kill &&
            (is_el(n, "form") || is_el(n, "fieldset") || is_el(n, "object") ||
             is_el(n, "embed") || is_el(n, "footer") || is_el(n, "aside")))
            kill = true;
        if (n->type == XML_ELEMENT_NODE && !kill && n->name[0] == 'h' && n->name[1] >= '1' &&
            n->name[1] <= '6' && !n->name[2] && (ps->flags & EXT_WEIGHT_CLASSES) &&
            class_weight(n) < 0)
            kill = true;
        xmlNode *nx = ext_next(art, n, kill, NULL);
        if (kill)
            drop_counted(n);
        n = nx;
    }
    if (!(ps->flags & EXT_CLEAN_CONDITIONALLY))
        return;
    /* conditional cleaning, innermost first: collect in document order, run backwards */
    static const char *const cond[] = {"form", "fieldset", "table", "ul", "ol", "div",
                                       "section", "dl", NULL};
    size_t cap = 64, cnt = 0;
    xmlNode **list = malloc(cap * sizeof *list);
    if (!list)
        return;
    for (xmlNode *n = art->children; n; n = ext_next(art, n, false, NULL))
        if (name_in(n, cond)) {
            if (cnt == cap) {
                xmlNode **nl = realloc(list, cap * 2 * sizeof *list);
                if (!nl)
                    break;
                list = nl;
                cap *= 2;
            }
            list[cnt++] = n;
        }
    /* removing an element frees its descendants, which come after it in LIST; going
     * backwards we never touch a freed node */
    for (size_t i = cnt; i-- > 0;)
        if (should_remove(ps, list[i]))
            drop_counted(list[i]);
    free(list);
    /* empty paragraphs */
    for (xmlNode *n = art->children; n;) {
        bool kill = false;
        if (is_el(n, "p") || is_el(n, "div")) {
            const tstat *t = st_of(n);
            kill = t->len == 0 && t->img == 0 && t->embed == 0 && !has_block_child(n);
            if (kill)
                for (xmlNode *c = n->children; c && kill; c = ext_next(n, c, false, NULL))
                    if (is_el(c, "img") || is_el(c, "picture") || is_el(c, "figure") ||
                        is_el(c, "table") || is_el(c, "math"))
                        kill = false;
        }
        xmlNode *nx = ext_next(art, n, kill, NULL);
        if (kill)
            drop(n);
        n = nx;
    }
}

/* ---- choosing ----------------------------------------------------------------------- */

static xmlNode *find_body(xmlDoc *xd)
{
    xmlNode *root = xmlDocGetRootElement(xd);
    for (xmlNode *n = root; n; n = ext_next(root, n, false, NULL))
        if (is_el(n, "body"))
            return n;
    return root;
}

static void clear_private(xmlNode *root)
{
    for (xmlNode *n = root; n; n = ext_next(root, n, false, NULL))
        n->_private = NULL;
}

/* Remove the nodes marked dead (unlikely blocks, the byline) under ROOT. */
static void sweep(xmlNode *root)
{
    for (xmlNode *n = root->children; n;) {
        bool kill = dead(n);
        xmlNode *nx = ext_next(root, n, kill, NULL);
        if (kill)
            drop(n);
        n = nx;
    }
}

xmlNode *ext_find_article(xmlDoc *xd, art_doc *doc, ar_arena *scratch, int flags,
                          size_t *text_len)
{
    xmlNode *body = find_body(xd);
    if (!body)
        return NULL;
    pass ps = {.ar = scratch, .flags = flags};
    clear_private(body);
    mark_tree(&ps, body);
    compute_stats(scratch, body);
    score_tree(&ps, body);

    /* scale by link density, keep the best */
    xmlNode *top[5] = {0};
    for (size_t i = 0; i < ps.n_cands; i++) {
        xmlNode *c = ps.cands[i];
        /* candidates are ancestors of paragraphs score_tree reached, so neither they nor
         * their ancestors are dead */
        if (dead(c))
            continue;
        ninfo *ci = info(scratch, c);
        ci->score *= 1 - link_density(c);
        for (int k = 0; k < 5; k++)
            if (!top[k] || ci->score > score_of(top[k])) {
                for (int j = 4; j > k; j--)
                    top[j] = top[j - 1];
                top[k] = c;
                break;
            }
    }
    xmlNode *best = top[0];
    xmlNode *wrap = xmlNewNode(NULL, (const xmlChar *)"div");
    if (!best || best == body) {
        /* nothing won: the whole body */
        sweep(body);
        xmlNode *c = body->children;
        while (c) {
            xmlNode *nx = c->next;
            xmlUnlinkNode(c);
            xmlAddChild(wrap, c);
            c = nx;
        }
        xmlAddChild(body, wrap);
    } else {
        /* several near-best candidates under one ancestor: that ancestor is the article */
        double bs = score_of(best);
        xmlNode *alts[4];
        int na = 0;
        for (int k = 1; k < 5 && top[k]; k++)
            if (score_of(top[k]) / bs >= 0.75)
                alts[na++] = top[k];
        if (na >= 3) {
            int up = 0; /* bounded climbs: deep pages stay linear */
            for (xmlNode *p = best->parent; p && p != body && p->type == XML_ELEMENT_NODE &&
                                            up < 64;
                 p = p->parent, up++) {
                int in = 0;
                for (int k = 0; k < na; k++) {
                    int up2 = 0;
                    for (xmlNode *a = alts[k]->parent; a && up2 < 128; a = a->parent, up2++)
                        if (a == p) {
                            in++;
                            break;
                        }
                }
                if (in >= 3) {
                    best = p;
                    break;
                }
            }
        }
        if (!is_scored(best))
            init_node(&ps, best);
        /* climb while the parent scores better */
        double last = score_of(best), thresh = last / 3;
        for (xmlNode *p = best->parent; p && p != body && p->type == XML_ELEMENT_NODE;
             p = p->parent) {
            if (!is_scored(p))
                continue;
            double s = score_of(p);
            if (s < thresh)
                break;
            if (s > last) {
                best = p;
                break;
            }
            last = s;
        }
        /* an only child: take the parent */
        while (best->parent && best->parent != body && best->parent->type == XML_ELEMENT_NODE) {
            int kids = 0;
            for (xmlNode *c = best->parent->children; c; c = c->next)
                if (c->type == XML_ELEMENT_NODE && !dead(c))
                    kids++;
            if (kids != 1)
                break;
            best = best->parent;
            if (!is_scored(best))
                init_node(&ps, best);
        }
        /* merge qualifying siblings */
        bs = score_of(best);
        double sib_thresh = bs * 0.2 > 10 ? bs * 0.2 : 10;
        xmlNode *parent = best->parent;
        const char *bcls = cls(best);
        const char *dir = ext_attr(best, "dir");
        if (dir)
            xmlSetProp(wrap, (const xmlChar *)"dir", (const xmlChar *)dir);
        xmlAddPrevSibling(best, wrap);
        xmlNode *c = parent->children;
        while (c) {
            xmlNode *nx = c->next;
            bool take = c == best;
            if (!take && c != wrap && c->type == XML_ELEMENT_NODE && !dead(c)) {
                double bonus = (*bcls && strcmp(cls(c), bcls) == 0) ? bs * 0.2 : 0;
                if (is_scored(c) && score_of(c) + bonus >= sib_thresh)
                    take = true;
                else if (is_el(c, "figure") && link_density(c) < 0.5)
                    take = true; /* the article's picture beside its text */
                else if (is_el(c, "p")) {
                    const tstat *t = st_of(c);
                    double ld = link_density(c);
                    if (t->len > 80 && ld < 0.25)
                        take = true;
                    else if (t->len > 0 && t->len <= 80 && ld == 0) {
                        char *txt = ext_text(scratch, c);
                        size_t l = strlen(txt);
                        take = strstr(txt, ". ") || (l && txt[l - 1] == '.');
                    }
                }
            }
            if (take) {
                xmlUnlinkNode(c);
                xmlAddChild(wrap, c);
            }
            c = nx;
        }
        sweep(wrap);
    }
    sum_children(scratch, wrap); /* the moved subtrees keep their measures and scores */
    clean_article(&ps, wrap);
    if (ps.byline_text && doc->n_authors == 0) {
        art_doc_add_author(doc, ps.byline_text);
    }
    if (text_len)
        *text_len = st_of(wrap)->len;
    /* BODY itself may have been moved into WRAP or dropped by now: clear from the root,
     * and WRAP too when it hangs outside the document's tree */
    xmlNode *root = xmlDocGetRootElement(xd);
    clear_private(root);
    xmlNode *outer = wrap;
    while (outer->parent && outer->parent->type == XML_ELEMENT_NODE)
        outer = outer->parent;
    if (outer != root)
        clear_private(outer);
    return wrap;
}
