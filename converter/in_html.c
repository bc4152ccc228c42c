/* in_html.c - HTML pages -> article model (issue 3).
 *
 *   bytes --to_utf8 (BOM, <meta charset> anywhere in the head, bytes beat a declaration
 *   they contradict, else UTF-8 or windows-1252)--html_thin.c (script, style, svg and
 *   template contents, comments, white space runs, unread attributes and boxes removed
 *   whole dropped; JSON-LD kept; long attribute values set aside)--htmlReadMemory--> tree
 *   --meta.c--> headline, authors, dates, site, section... --extract.c--> the article
 *   element, cleaned --emit (here)--> builder calls (model.h)
 *
 * The heap is readied for the lean copy and for the tree first (mem.h): on this kind of
 * machine a fresh 4 KB page of memory costs more than parsing what it holds.
 *
 * Extraction passes that find too little text are repeated on a fresh parse with fewer
 * rules (extract.c). The libxml2 tree is freed before returning; every string kept in the
 * model is copied into the document's arena first. All tree walks are iterative
 * (ext_next()), so a page nested 10,000 levels deep costs time, not stack; blocks nested
 * past EXT_BLOCK_DEPTH become text of the block around them. */
#include "input.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/uri.h>

#include "ext_html.h"
#include "html_thin.h"
#include "limits.h"
#include "mem.h"
#include "u8.h"

/* ---- tree helpers shared with extract.c and meta.c ------------------------------- */

/* strcmp, inlined: ext_tag() runs for nearly every node of every walk */
static int name_cmp(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return (unsigned char)*a - (unsigned char)*b;
}

bool ext_is(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->name &&
           name_cmp((const char *)n->name, name) == 0;
}

const char *ext_attr(const xmlNode *n, const char *name)
{
    if (!n || n->type != XML_ELEMENT_NODE)
        return NULL;
    /* libxml2's HTML parser writes attribute names in lower case, as NAME is */
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (a->name && a->name[0] == (unsigned char)name[0] &&
            name_cmp((const char *)a->name, name) == 0) {
            const char *v = a->children ? (const char *)a->children->content : NULL;
            if (!v)
                return "";
            return (unsigned char)v[0] == HTML_THIN_MARK ? html_thin_value(v) : v;
        }
    return NULL;
}

xmlNode *ext_next(const xmlNode *root, xmlNode *n, bool skip_children, int *depth)
{
    if (!skip_children && n->type == XML_ELEMENT_NODE && n->children) {
        if (depth)
            (*depth)++;
        return n->children;
    }
    while (n && n != root) {
        if (n->next)
            return n->next;
        n = n->parent;
        if (depth)
            (*depth)--;
    }
    return NULL;
}

#define EXT_TAG_KNOWN 0x8000u /* in xmlNode.extra: ext_tag() has looked at the name */

typedef struct tag_info {
    const char *name;
    unsigned flags;
} tag_info;


unsigned ext_tag(const xmlNode *n)
{
    static const tag_info tags[] = { /* sorted by name for the binary search */
        {"address", EXT_TAG_BLOCK},
        {"area", EXT_TAG_INVISIBLE},
        {"article", EXT_TAG_BLOCK | EXT_TAG_HOLDS_BLOCKS},
        {"aside", EXT_TAG_BLOCK | EXT_TAG_HOLDS_BLOCKS},
        {"audio", EXT_TAG_INVISIBLE},
        {"blockquote", EXT_TAG_BLOCK | EXT_TAG_HOLDS_BLOCKS},
        {"body", EXT_TAG_BLOCK},
        {"br", EXT_TAG_BLOCK},
        {"button", EXT_TAG_INVISIBLE},
        {"canvas", EXT_TAG_INVISIBLE},
        {"caption", EXT_TAG_BLOCK},
        {"center", EXT_TAG_BLOCK},
        {"datalist", EXT_TAG_INVISIBLE},
        {"dd", EXT_TAG_BLOCK},
        {"details", EXT_TAG_BLOCK},
        {"dialog", EXT_TAG_INVISIBLE},
        {"div", EXT_TAG_BLOCK | EXT_TAG_HOLDS_BLOCKS},
        {"dl", EXT_TAG_BLOCK | EXT_TAG_HOLDS_BLOCKS},
        {"dt", EXT_TAG_BLOCK},
        {"embed", EXT_TAG_INVISIBLE},
        {"fieldset", EXT_TAG_BLOCK},
        {"figcaption", EXT_TAG_BLOCK},
        {"figure", EXT_TAG_BLOCK | EXT_TAG_HOLDS_BLOCKS},
        {"footer", EXT_TAG_BLOCK},
        {"form", EXT_TAG_BLOCK},
        {"h1", EXT_TAG_BLOCK | EXT_TAG_HOLDS_BLOCKS | EXT_TAG_HEADING},
        {"h2", EXT_TAG_BLOCK | EXT_TAG_HOLDS_BLOCKS | EXT_TAG_HEADING},
        {"h3", EXT_TAG_BLOCK | EXT_TAG_HOLDS_BLOCKS | EXT_TAG_HEADING},
        {"h4", EXT_TAG_BLOCK | EXT_TAG_HOLDS_BLOCKS | EXT_TAG_HEADING},
        {"h5", EXT_TAG_BLOCK | EXT_TAG_HOLDS_BLOCKS | EXT_TAG_HEADING},
        {"h6", EXT_TAG_BLOCK | EXT_TAG_HOLDS_BLOCKS | EXT_TAG_HEADING},
        {"head", EXT_TAG_INVISIBLE},
        {"header", EXT_TAG_BLOCK | EXT_TAG_HOLDS_BLOCKS},
        {"hgroup", EXT_TAG_BLOCK},
        {"hr", EXT_TAG_BLOCK},
        {"html", EXT_TAG_BLOCK},
        {"iframe", EXT_TAG_INVISIBLE},
        {"img", EXT_TAG_HOLDS_BLOCKS},
        {"input", EXT_TAG_INVISIBLE},
        {"li", EXT_TAG_BLOCK},
        {"link", EXT_TAG_INVISIBLE},
        {"main", EXT_TAG_BLOCK | EXT_TAG_HOLDS_BLOCKS},
        {"map", EXT_TAG_INVISIBLE},
        {"meta", EXT_TAG_INVISIBLE},
        {"nav", EXT_TAG_BLOCK},
        {"noscript", EXT_TAG_INVISIBLE},
        {"object", EXT_TAG_INVISIBLE},
        {"ol", EXT_TAG_BLOCK | EXT_TAG_HOLDS_BLOCKS},
        {"option", EXT_TAG_INVISIBLE},
        {"p", EXT_TAG_BLOCK | EXT_TAG_HOLDS_BLOCKS},
        {"picture", EXT_TAG_BLOCK},
        {"pre", EXT_TAG_BLOCK | EXT_TAG_HOLDS_BLOCKS},
        {"script", EXT_TAG_INVISIBLE},
        {"section", EXT_TAG_BLOCK | EXT_TAG_HOLDS_BLOCKS},
        {"select", EXT_TAG_INVISIBLE},
        {"style", EXT_TAG_INVISIBLE},
        {"summary", EXT_TAG_BLOCK},
        {"svg", EXT_TAG_INVISIBLE},
        {"table", EXT_TAG_BLOCK | EXT_TAG_HOLDS_BLOCKS},
        {"tbody", EXT_TAG_BLOCK},
        {"td", EXT_TAG_BLOCK},
        {"template", EXT_TAG_INVISIBLE},
        {"textarea", EXT_TAG_INVISIBLE},
        {"tfoot", EXT_TAG_BLOCK},
        {"th", EXT_TAG_BLOCK},
        {"thead", EXT_TAG_BLOCK},
        {"title", EXT_TAG_INVISIBLE},
        {"tr", EXT_TAG_BLOCK},
        {"ul", EXT_TAG_BLOCK | EXT_TAG_HOLDS_BLOCKS},
        {"video", EXT_TAG_INVISIBLE},
    };
    if (!n || n->type != XML_ELEMENT_NODE || !n->name)
        return 0;
    /* the answer is kept in the node's spare 16 bits (libxml2 leaves `extra` alone in
     * HTML trees; our code never renames an element): later walks read it there */
    if (n->extra & EXT_TAG_KNOWN)
        return n->extra & ~EXT_TAG_KNOWN;
    const char *name = (const char *)n->name;
    unsigned flags = 0;
    size_t lo = 0, hi = sizeof tags / sizeof tags[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = name_cmp(name, tags[mid].name);
        if (c == 0) {
            flags = tags[mid].flags;
            break;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    ((xmlNode *)n)->extra = (unsigned short)(flags | EXT_TAG_KNOWN);
    return flags;
}

/* Elements whose content is never visible text. */
bool ext_invisible(const xmlNode *n)
{
    return (ext_tag(n) & EXT_TAG_INVISIBLE) != 0;
}

bool ext_is_block(const xmlNode *n)
{
    return (ext_tag(n) & EXT_TAG_BLOCK) != 0;
}

/* ASCII lower case (class names are matched byte-wise; tolower() is a call per byte) */
static inline char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

void ext_class_id(const xmlNode *n, char *out, size_t cap)
{
    const char *c = ext_attr(n, "class"), *i = ext_attr(n, "id");
    size_t o = 0;
    for (const char *p = c; p && *p && o + 2 < cap; p++)
        out[o++] = lower(*p);
    out[o++] = ' ';
    for (const char *p = i; p && *p && o + 1 < cap; p++)
        out[o++] = lower(*p);
    out[o] = 0;
}

static void text_walk(const xmlNode *root, buf *out)
{
    if (root->type == XML_TEXT_NODE || root->type == XML_CDATA_SECTION_NODE) {
        if (root->content)
            buf_puts(out, (const char *)root->content);
        return;
    }
    if (root->type != XML_ELEMENT_NODE)
        return; /* ROOT itself may be a <title>: only descendants are filtered */
    xmlNode *n = root->children;
    while (n) {
        bool down = false;
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content)
                buf_puts(out, (const char *)n->content);
        } else if (n->type == XML_ELEMENT_NODE && !ext_invisible(n)) {
            if (ext_is_block(n))
                buf_putc(out, ' ');
            down = n->children != NULL;
        }
        if (down) {
            n = n->children;
            continue;
        }
        while (n != root && !n->next) {
            n = n->parent;
            if (!n || n == root)
                break;
            if (ext_is_block(n))
                buf_putc(out, ' ');
        }
        n = (n && n != root) ? n->next : NULL;
    }
}

char *ext_text(ar_arena *ar, const xmlNode *n)
{
    buf b = {0};
    text_walk(n, &b);
    char *s = art_text_collapse(ar, b.data ? b.data : "", b.len);
    buf_free(&b);
    return s;
}

size_t ext_text_len(const xmlNode *root, size_t *link_len, size_t limit)
{
    size_t len = 0, llen = 0;
    int depth = 0, link_depth = -1;
    bool space = true;
    xmlNode *n = (xmlNode *)root;
    while (n && len < limit) {
        bool skip = false;
        if (link_depth >= 0 && depth <= link_depth && n != root)
            link_depth = -1;
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            for (const unsigned char *s = n->content; s && *s; s++) {
                bool sp = *s == ' ' || *s == '\n' || *s == '\t' || *s == '\r' || *s == '\f';
                if (sp && space)
                    continue;
                space = sp;
                len++;
                if (link_depth >= 0)
                    llen++;
            }
        } else if (n->type == XML_ELEMENT_NODE) {
            if (ext_invisible(n) && n != root)
                skip = true;
            else if (link_depth < 0 && ext_is(n, "a")) {
                const char *href = ext_attr(n, "href");
                if (href && *href && href[0] != '#' && strncasecmp(href, "javascript:", 11) != 0)
                    link_depth = depth;
            }
        } else
            skip = true;
        n = ext_next(root, n, skip, &depth);
    }
    if (link_len)
        *link_len = llen;
    return len;
}

/* Length of the "scheme:" S starts with, or 0. */
static size_t scheme_len(const char *s)
{
    if (!isalpha((unsigned char)*s))
        return 0;
    size_t i = 1;
    while (isalnum((unsigned char)s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')
        i++;
    return s[i] == ':' ? i + 1 : 0;
}

/* Length of "scheme://host[:port]" at the start of S when that is all its authority
 * holds (no user, no brackets), or 0. */
static size_t origin_len(const char *s)
{
    size_t i = scheme_len(s);
    if (!i || s[i] != '/' || s[i + 1] != '/')
        return 0;
    i += 2;
    size_t h = i;
    while (isalnum((unsigned char)s[i]) || s[i] == '-' || s[i] == '.')
        i++;
    if (i == h)
        return 0;
    if (s[i] == ':') {
        i++;
        while (isdigit((unsigned char)s[i]))
            i++;
    }
    return (s[i] == '/' || !s[i]) ? i : 0;
}

/* A root-relative path ("/wiki/Kauri_gum") that libxml2 would copy unchanged: no dot
 * segments, nothing it escapes, no query or fragment. */
static bool plain_path(const char *s)
{
    if (s[0] != '/' || s[1] == '/')
        return false;
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (!(isalnum(c) || strchr("/-_.!~*'();@&=+$,", c)))
            return false;
        if (c == '/' && p[1] == '.' && (p[2] == '/' || !p[2] || (p[2] == '.' && (p[3] == '/' || !p[3]))))
            return false;
    }
    return true;
}

const char *ext_resolve(ar_arena *ar, const char *href, const char *base)
{
    while (*href && isspace((unsigned char)*href))
        href++;
    if (!base || !*base || strncmp(href, "data:", 5) == 0)
        return ar_strdup(ar, href);
    /* the common cases without libxml2's parse and print of both URIs (xmlBuildURI
     * returns an absolute reference as it is, or NULL when it does not parse) */
    if (scheme_len(href))
        return ar_strdup(ar, href);
    size_t ol = origin_len(base);
    if (ol && plain_path(href)) {
        size_t hl = strlen(href);
        char *u = ar_alloc(ar, ol + hl + 1);
        memcpy(u, base, ol);
        memcpy(u + ol, href, hl + 1);
        return u;
    }
    xmlChar *u = xmlBuildURI((const xmlChar *)href, (const xmlChar *)base);
    if (!u)
        return ar_strdup(ar, href);
    const char *s = ar_strdup(ar, (const char *)u);
    xmlFree(u);
    return s;
}

static bool has_ci(const char *s, const char *needle)
{
    return s && strcasestr(s, needle) != NULL;
}

bool ext_hidden(const xmlNode *n)
{
    if (!n || n->type != XML_ELEMENT_NODE)
        return false;
    if (ext_attr(n, "hidden"))
        return true;
    const char *ah = ext_attr(n, "aria-hidden");
    if (ah && strcasecmp(ah, "true") == 0) {
        /* Wikipedia-like pages mark fallback images aria-hidden; keep those */
        const char *cls = ext_attr(n, "class");
        if (!has_ci(cls, "fallback-image"))
            return true;
    }
    const char *st = ext_attr(n, "style");
    if (st) {
        char tmp[256];
        size_t k = 0;
        for (const char *p = st; *p && k + 1 < sizeof tmp; p++)
            if (!isspace((unsigned char)*p))
                tmp[k++] = (char)tolower((unsigned char)*p);
        tmp[k] = 0;
        if (strstr(tmp, "display:none") || strstr(tmp, "visibility:hidden"))
            return true;
    }
    return false;
}

/* Lower-case alphanumerics of S into OUT: ASCII punctuation, the General Punctuation
 * block (dashes, quotes, ellipsis), no-break space and guillemets dropped. */
static void norm(const char *s, buf *out)
{
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == 0xE2 && ((unsigned char)s[1] == 0x80 || (unsigned char)s[1] == 0x81) && s[2]) {
            s += 2;
            continue;
        }
        if (c == 0xC2 && ((unsigned char)s[1] == 0xA0 || (unsigned char)s[1] == 0xAB ||
                          (unsigned char)s[1] == 0xBB)) {
            s += 1;
            continue;
        }
        if (c >= 0x80 || isalnum(c))
            buf_putc(out, (char)tolower(c));
    }
}

bool ext_norm_eq(const char *a, const char *b)
{
    buf x = {0}, y = {0};
    norm(a, &x);
    norm(b, &y);
    bool eq = x.len > 0 && x.len == y.len && memcmp(x.data, y.data, x.len) == 0;
    buf_free(&x);
    buf_free(&y);
    return eq;
}

/* ---- captions and credits ---------------------------------------------------------- */

static bool word_at(const char *s, const char *w)
{
    return strncasecmp(s, w, strlen(w)) == 0;
}

/* Does S (the start of a trailing segment) read as a credit? */
static bool credit_lead(const char *s)
{
    static const char *const leads[] = {
        "photo:", "photo by", "photos:", "photos by", "photograph:", "photograph by",
        "photography:", "picture:", "pictures:", "image:", "images:", "image by",
        "credit:", "credits:", "photo credit", "image credit", "illustration:",
        "illustration by", "video:", "graphic:", "source:", "foto:", "\xc2\xa9", "(c) ",
        "copyright", NULL};
    for (int i = 0; leads[i]; i++)
        if (word_at(s, leads[i]))
            return true;
    return false;
}

void ext_split_credit(ar_arena *ar, const char *caption, const char **cap, const char **credit)
{
    char *c = art_text_collapse(ar, caption, strlen(caption));
    size_t n = strlen(c);
    *cap = c;
    *credit = "";
    if (n == 0)
        return;
    /* "(Photo by AGENCY)" or "(AGENCY/Getty Images)" at the end */
    if (c[n - 1] == ')') {
        size_t open = n - 1;
        int level = 0;
        while (open > 0) {
            if (c[open] == ')')
                level++;
            else if (c[open] == '(' && --level == 0)
                break;
            open--;
        }
        if (c[open] == '(' && level == 0) {
            const char *in = c + open + 1;
            if (credit_lead(in) || has_ci(in, "getty") || has_ci(in, "reuters") ||
                has_ci(in, "/ap") || has_ci(in, "afp") || has_ci(in, "shutterstock") ||
                strncasecmp(in, "ap ", 3) == 0 || strncmp(in, "AP)", 3) == 0) {
                *credit = ar_strndup(ar, in, n - 1 - open - 1);
                *cap = art_text_collapse(ar, c, open);
                return;
            }
        }
    }
    /* "... Photo: NAME/AGENCY", "... Credit: ...", "... © ..." as the last segment */
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && c[i - 1] != ' ' && c[i - 1] != '.' && c[i - 1] != '|' &&
            !((unsigned char)c[i] == 0xc2))
            continue;
        if (credit_lead(c + i)) {
            *credit = ar_strdup(ar, c + i);
            size_t e = i;
            while (e > 0 && (c[e - 1] == ' ' || c[e - 1] == '|'))
                e--;
            *cap = ar_strndup(ar, c, e);
            return;
        }
    }
}

/* ---- images ------------------------------------------------------------------------- */

/* Largest candidate of a srcset ("a.jpg 300w, b.jpg 1024w" or "a.jpg 1x, b.jpg 2x"). */
static const char *srcset_best(ar_arena *ar, const char *set)
{
    const char *best = NULL;
    size_t best_len = 0;
    double best_w = -1;
    const char *p = set;
    while (p && *p) {
        while (*p == ',' || isspace((unsigned char)*p))
            p++;
        if (!*p)
            break;
        const char *u = p;
        while (*p && !isspace((unsigned char)*p) && !(*p == ',' && (p[1] == ' ' || !p[1])))
            p++;
        size_t ulen = (size_t)(p - u);
        double w = 1;
        while (*p == ' ')
            p++;
        if (*p && *p != ',') {
            char *end;
            w = strtod(p, &end);
            if (end == p)
                w = 1;
            if (*end == 'x' || *end == 'X')
                w *= 1000; /* density: rank above widths of unknown size */
            p = end;
            while (*p && *p != ',')
                p++;
        }
        if (ulen && w > best_w) {
            best = u;
            best_len = ulen;
            best_w = w;
        }
    }
    return best ? ar_strndup(ar, best, best_len) : NULL;
}

static bool placeholder_src(const char *s)
{
    if (!s || !*s)
        return true;
    if (strncmp(s, "data:", 5) == 0)
        return strlen(s) < 200; /* tiny inline GIF/SVG placeholder */
    return has_ci(s, "placeholder") || has_ci(s, "blank.gif") || has_ci(s, "spacer.gif") ||
           has_ci(s, "pixel.gif") || has_ci(s, "lazy") || has_ci(s, "transparent.gif") ||
           has_ci(s, "grey.gif") || has_ci(s, "gray.gif");
}

const char *ext_img_src(ar_arena *ar, const xmlNode *img)
{
    static const char *const lazy[] = {"data-src", "data-original", "data-lazy-src",
                                       "data-url", "data-hi-res-src", "data-lazy",
                                       "data-full-src", NULL};
    const char *src = ext_attr(img, "src");
    if (!placeholder_src(src))
        return src;
    for (int i = 0; lazy[i]; i++) {
        const char *v = ext_attr(img, lazy[i]);
        if (v && *v && !placeholder_src(v))
            return v;
    }
    const char *sets[] = {ext_attr(img, "data-srcset"), ext_attr(img, "srcset"),
                          ext_attr(img, "data-lazy-srcset")};
    for (int i = 0; i < 3; i++)
        if (sets[i] && *sets[i]) {
            const char *b = srcset_best(ar, sets[i]);
            if (b)
                return b;
        }
    /* <picture><source srcset=...><img></picture>; libxml2 2.9 does not know <source>
     * is empty, so the img may sit inside the source */
    const xmlNode *pic = img->parent;
    for (int up = 0; pic && up < 3 && !ext_is(pic, "picture"); up++)
        pic = pic->parent;
    if (pic && ext_is(pic, "picture"))
        for (xmlNode *s = pic->children; s; s = ext_next(pic, s, false, NULL))
            if (ext_is(s, "source")) {
                const char *set = ext_attr(s, "srcset");
                if (!set)
                    set = ext_attr(s, "data-srcset");
                const char *b = set ? srcset_best(ar, set) : NULL;
                if (b)
                    return b;
            }
    /* <img placeholder><noscript><img real></noscript> */
    for (const xmlNode *s = img->next; s; s = s->next) {
        if (s->type == XML_TEXT_NODE)
            continue;
        if (ext_is(s, "noscript")) {
            for (const xmlNode *c = s->children; c; c = c->next)
                if (ext_is(c, "img") && !placeholder_src(ext_attr(c, "src")))
                    return ext_attr(c, "src");
            if (s->children && s->children->type == XML_TEXT_NODE && s->children->content) {
                const char *t = strstr((const char *)s->children->content, "src=\"");
                if (t) {
                    const char *e = strchr(t + 5, '"');
                    if (e)
                        return ar_strndup(ar, t + 5, (size_t)(e - t - 5));
                }
            }
        }
        break;
    }
    return (src && *src) ? src : NULL;
}

/* ---- encoding ----------------------------------------------------------------------- */

/* Charset named in a <meta> of the head: <meta charset=X> or http-equiv content-type
 * "text/html; charset=X". Scans the whole head (up to <body or 1 MB), not only 1024 bytes. */
static bool declared_charset(const char *s, size_t n, char *out, size_t cap)
{
    size_t lim = n < (1u << 20) ? n : (1u << 20);
    for (size_t i = 0; i + 5 < lim; i++) {
        if (s[i] != '<')
            continue;
        if (strncasecmp(s + i + 1, "body", 4) == 0)
            break;
        if (strncasecmp(s + i + 1, "meta", 4) != 0)
            continue;
        size_t e = i;
        while (e < lim && s[e] != '>')
            e++;
        /* find "charset" in the tag */
        for (size_t j = i; j + 7 < e; j++) {
            if (strncasecmp(s + j, "charset", 7) != 0)
                continue;
            size_t k = j + 7;
            while (k < e && isspace((unsigned char)s[k]))
                k++;
            if (k >= e || s[k] != '=')
                continue;
            k++;
            while (k < e && (isspace((unsigned char)s[k]) || s[k] == '"' || s[k] == '\''))
                k++;
            size_t o = 0;
            while (k < e && o + 1 < cap &&
                   (isalnum((unsigned char)s[k]) || s[k] == '-' || s[k] == '_' ||
                    s[k] == ':' || s[k] == '.'))
                out[o++] = (char)tolower((unsigned char)s[k++]);
            out[o] = 0;
            if (o)
                return true;
        }
        i = e;
    }
    return false;
}

/* Bytes before the first non-ASCII byte of S, 8 at a time. */
static size_t ascii_prefix(const char *s, size_t n)
{
    size_t i = 0;
    for (uint64_t w; i + 8 <= n; i += 8) {
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080u)
            break;
    }
    while (i < n && (unsigned char)s[i] < 0x80)
        i++;
    return i;
}

static bool has_non_ascii(const char *s, size_t n)
{
    return ascii_prefix(s, n) < n;
}

/* u8_valid(), quicker over the ASCII runs that make most of a page. */
static bool valid_utf8(const char *s, size_t n)
{
    for (size_t i = 0; (i += ascii_prefix(s + i, n - i)) < n;) {
        uint32_t cp;
        size_t k = u8_decode(s + i, n - i, &cp);
        if (cp == 0xFFFD && k == 1)
            return false;
        i += k;
    }
    return true;
}

/* windows-1252 bytes 0x80-0x9F; the five undefined ones map to the C1 controls, as the
 * WHATWG encoding standard says (iconv refuses them). */
static const uint16_t cp1252_hi[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

static void put_cp(buf *o, uint32_t cp)
{
    char tmp[4];
    if (cp == 0)
        return; /* NUL never reaches the parser */
    buf_add(o, tmp, u8_encode(cp, tmp));
}

static void from_cp1252(const char *s, size_t n, buf *o)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        put_cp(o, c >= 0x80 && c < 0xA0 ? cp1252_hi[c - 0x80] : c);
    }
}

/* UTF-8 with each invalid byte replaced by U+FFFD and NULs dropped. */
static void from_utf8(const char *s, size_t n, buf *o)
{
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && (unsigned char)s[j] < 0x80 && s[j])
            j++;
        buf_add(o, s + i, j - i);
        i = j;
        if (i >= n)
            break;
        uint32_t cp;
        i += u8_decode(s + i, n - i, &cp);
        put_cp(o, cp);
    }
}

/* Through iconv; an undecodable byte becomes U+FFFD. False when ENC is unknown. */
static bool from_iconv(const char *enc, const char *s, size_t n, buf *o)
{
    iconv_t cd = iconv_open("UTF-8", enc);
    if (cd == (iconv_t)-1)
        return false;
    char out[8192];
    char *in = (char *)s;
    size_t left = n;
    while (left > 0) {
        char *op = out;
        size_t room = sizeof out;
        size_t r = iconv(cd, &in, &left, &op, &room);
        for (char *q = out; q < op; q++)
            if (*q)
                buf_putc(o, *q);
        if (r == (size_t)-1 && errno != E2BIG) {
            buf_add(o, "\xEF\xBF\xBD", 3); /* EILSEQ / EINVAL: skip one byte */
            in++;
            left--;
            iconv(cd, NULL, NULL, NULL, NULL);
        }
    }
    iconv_close(cd);
    return true;
}

/* More valid multi-byte UTF-8 sequences than stray high bytes: UTF-8 with a few errors. */
static bool mostly_utf8(const char *s, size_t n)
{
    size_t good = 0, bad = 0;
    for (size_t i = 0; i < n;) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = u8_decode(s + i, n - i, &cp);
        if (cp == 0xFFFD && k == 1)
            bad++;
        else
            good++;
        i += k;
    }
    return good > bad;
}

/* Binary data (compressed files, images, PDFs) is not a page. */
static bool looks_binary(const char *s, size_t n)
{
    static const char *const magic[] = {"\x1f\x8b", "PK\x03\x04", "%PDF", "\x89PNG",
                                        "\xff\xd8\xff", "GIF8", NULL};
    for (int i = 0; magic[i]; i++)
        if (n >= strlen(magic[i]) && memcmp(s, magic[i], strlen(magic[i])) == 0)
            return true;
    size_t m = n < 8192 ? n : 8192, ctl = 0;
    for (size_t i = 0; i < m; i++) {
        unsigned char c = (unsigned char)s[i];
        ctl += c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b;
    }
    return m > 0 && ctl * 20 > m;
}

/* S read as UTF-8 (from_utf8()): S itself when it is valid UTF-8 without NULs (the
 * usual case: nothing to copy), else the repaired copy in O. */
static const char *as_utf8(const char *s, size_t n, bool valid, buf *o, size_t *out_len)
{
    if (valid && !memchr(s, 0, n)) {
        *out_len = n;
        return s;
    }
    from_utf8(s, n, o);
    *out_len = o->len;
    return o->data ? o->data : "";
}

/* The page as UTF-8 (S itself, or a copy in O; *OUT_LEN bytes): BOM; else a declaration
 * the bytes do not contradict (a page declaring gb2312 or 8859-1 whose bytes are valid
 * non-ASCII UTF-8 is UTF-8); else UTF-8 when the bytes are (mostly) UTF-8; else
 * windows-1252, as browsers read an undeclared page. Latin-1 and ASCII declarations are
 * read as windows-1252 too. */
static const char *to_utf8(const char *s, size_t n, buf *o, size_t *out_len)
{
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        return as_utf8(s + 3, n - 3, valid_utf8(s + 3, n - 3), o, out_len);
    if (n >= 2 && (memcmp(s, "\xFF\xFE", 2) == 0 || memcmp(s, "\xFE\xFF", 2) == 0)) {
        if (from_iconv(s[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE", s + 2, n - 2, o))
            goto copied;
    }
    char decl[48];
    bool valid = valid_utf8(s, n);
    if (declared_charset(s, n, decl, sizeof decl)) {
        bool utf8 = strcmp(decl, "utf-8") == 0 || strcmp(decl, "utf8") == 0;
        if (utf8 || (valid && has_non_ascii(s, n)))
            return as_utf8(s, n, valid, o, out_len);
        if (strcmp(decl, "iso-8859-1") == 0 || strcmp(decl, "latin1") == 0 ||
            strcmp(decl, "us-ascii") == 0 || strcmp(decl, "ascii") == 0 ||
            strcmp(decl, "iso8859-1") == 0 || strcmp(decl, "windows-1252") == 0 ||
            strcmp(decl, "cp1252") == 0) {
            from_cp1252(s, n, o);
            goto copied;
        }
        const char *name = decl;
        if (strcmp(decl, "gb2312") == 0 || strcmp(decl, "gbk") == 0 || strcmp(decl, "x-gbk") == 0)
            name = "GB18030"; /* the superset browsers use */
        if (strcmp(decl, "shift-jis") == 0 || strcmp(decl, "x-sjis") == 0)
            name = "SHIFT_JIS";
        if (from_iconv(name, s, n, o))
            goto copied;
    }
    if (valid || mostly_utf8(s, n))
        return as_utf8(s, n, valid, o, out_len);
    from_cp1252(s, n, o);
copied:
    *out_len = o->len;
    return o->data ? o->data : "";
}

/* ---- emitting the article through the builder ------------------------------------- */

/* Blocks nested deeper than this become text of the block around them: no article nests
 * lists or quotes 24 deep, and each level costs the typesetter an indent (the model's own
 * limit, LIM_DEPTH, would refuse the page). */
#define EXT_BLOCK_DEPTH 24

typedef struct rec {
    art_block *blk;  /* block opened for this element, ended when it closes */
    int inl;         /* inline styles pushed */
    bool cell, pre;  /* entered a table cell / pre */
    bool space_after;
} rec;

typedef struct emitter {
    art_builder *b;
    art_doc *doc;
    ar_arena *ar;
    const char *base;
    const xmlNode *skip;    /* the lead figure's element, not repeated in the body */
    bool headline_dropped;
    int cell;               /* inside a table cell: blocks flatten to text */
    int pre;
    rec *st;
    int depth;
    /* data_table()'s answers for the tables met last: a table's every row and cell asks,
     * and the test walks the whole table */
    const xmlNode *dt_node[16];
    bool dt_data[16];
    unsigned dt_next;
} emitter;

static int line_of(const xmlNode *n)
{
    return n ? (int)n->line : 0;
}

/* The first img of N's subtree with a usable source. */
static const xmlNode *first_img(ar_arena *ar, const xmlNode *root)
{
    if (ext_is(root, "img"))
        return ext_img_src(ar, root) ? root : NULL;
    int visits = 0; /* bounded: nested figures without pictures must not go quadratic */
    for (xmlNode *n = root->children; n && visits < 5000; visits++) {
        bool skip = n->type != XML_ELEMENT_NODE || ext_is(n, "figcaption");
        if (ext_is(n, "img") && ext_img_src(ar, n))
            return n;
        n = ext_next(root, n, skip, NULL);
    }
    return NULL;
}

static int int_attr(const xmlNode *n, const char *name)
{
    const char *v = ext_attr(n, name);
    return v ? atoi(v) : 0;
}

/* An image that is page furniture: an author's portrait, a logo, an icon. */
static bool decoration(const emitter *e, const xmlNode *img)
{
    static const char *const words[] = {"avatar", "headshot", "author", "logo", "icon",
                                        "sprite", "badge", "emoji", "profile", NULL};
    const char *src = ext_attr(img, "src"), *cls = ext_attr(img, "class");
    for (int i = 0; words[i]; i++)
        if ((src && strncmp(src, "data:", 5) != 0 && strcasestr(src, words[i])) ||
            (cls && strcasestr(cls, words[i])))
            return true;
    const char *alt = ext_attr(img, "alt");
    for (size_t i = 0; alt && *alt && i < e->doc->n_authors; i++)
        if (ext_norm_eq(alt, e->doc->authors[i]))
            return true;
    return false;
}

/* Fill FIG from figure element FIGNODE (or a lone img). */
static bool make_figure(emitter *e, const xmlNode *fignode, const xmlNode *img, art_figure *fig)
{
    memset(fig, 0, sizeof *fig);
    const char *src = ext_img_src(e->ar, img);
    if (!src)
        return false;
    fig->src = ext_resolve(e->ar, src, e->base);
    const char *alt = ext_attr(img, "alt");
    fig->alt = alt ? alt : "";
    fig->width = int_attr(img, "width");
    fig->height = int_attr(img, "height");
    fig->caption = fig->credit = "";
    if (fignode && fignode != img) {
        const xmlNode *cap = NULL;
        for (xmlNode *n = fignode->children; n && !cap;) {
            if (ext_is(n, "figcaption"))
                cap = n;
            n = ext_next(fignode, n, false, NULL);
        }
        if (cap) {
            /* an element marked as credit inside the caption is the credit */
            const char *credit = NULL;
            xmlNode *cn = NULL;
            for (xmlNode *n = cap->children; n && !cn;) {
                const char *cls = ext_attr(n, "class");
                if (cls && (has_ci(cls, "credit") || has_ci(cls, "copyright") ||
                            has_ci(cls, "attribution") || has_ci(cls, "source")))
                    cn = n;
                n = ext_next(cap, n, false, NULL);
            }
            if (cn) {
                credit = ext_text(e->ar, cn);
                buf b = {0};
                /* caption text without the credit element */
                xmlNode *parent = cn->parent, *next = cn->next;
                xmlUnlinkNode(cn);
                char *c = ext_text(e->ar, cap);
                if (next)
                    xmlAddPrevSibling(next, cn);
                else
                    xmlAddChild(parent, cn);
                buf_free(&b);
                fig->caption = c;
                fig->credit = credit;
            } else
                ext_split_credit(e->ar, ext_text(e->ar, cap), &fig->caption, &fig->credit);
        }
    }
    return true;
}

static art_block_kind heading_kind(const char *name)
{
    if (name[1] == '1' || name[1] == '2')
        return ART_H2;
    if (name[1] == '3')
        return ART_H3;
    return ART_H4;
}

/* The sibling after (NEXT) or before N, white space text skipped. */
static const xmlNode *sibling(const xmlNode *n, bool next)
{
    for (const xmlNode *x = next ? n->next : n->prev; x; x = next ? x->next : x->prev) {
        if (x->type == XML_TEXT_NODE && x->content) {
            const unsigned char *c = x->content;
            while (*c == ' ' || *c == '\n' || *c == '\t' || *c == '\r' || *c == '\f')
                c++;
            if (!*c)
                continue;
        }
        if (x->type == XML_COMMENT_NODE)
            continue;
        return x;
    }
    return NULL;
}

/* End the paragraph a <br><br> is in and open the next one in the same container. */
static void split_para(emitter *e, const xmlNode *n)
{
    int top = e->depth < EXT_MAX_DEPTH ? e->depth : EXT_MAX_DEPTH;
    for (int k = top - 1; k >= 0; k--) {
        rec *r = &e->st[k];
        if (!r->blk)
            continue;
        if (r->blk->kind == ART_P)
            r->blk = art_build_begin(e->b, ART_P, line_of(n));
        else if (r->blk->kind == ART_QUOTE)
            art_build_begin(e->b, ART_P, line_of(n));
        else
            art_build_break(e->b);
        return;
    }
    art_build_begin(e->b, ART_P, line_of(n));
}

/* Heading text T repeats the headline H: the same letters, or one inside the other with
 * most of it ("Headline" vs "Headline_Section_Site"). */
static bool repeats_headline(const char *t, const char *h)
{
    buf x = {0}, y = {0};
    norm(t, &x);
    norm(h, &y);
    bool r = false;
    if (x.len && y.len) {
        if (x.len <= y.len)
            r = x.len * 2 >= y.len && memmem(y.data, y.len, x.data, x.len) != NULL;
        else
            r = y.len * 4 >= x.len * 3 && memmem(x.data, x.len, y.data, y.len) != NULL;
    }
    buf_free(&x);
    buf_free(&y);
    return r;
}

/* Enter element N: open what it stands for, record it in R. Returns false to skip its
 * children (the element was handled whole or is not content). */
/* ext_data_table(T), remembered */
static bool data_table(emitter *e, const xmlNode *t)
{
    for (unsigned i = 0; i < sizeof e->dt_node / sizeof e->dt_node[0]; i++)
        if (e->dt_node[i] == t)
            return e->dt_data[i];
    unsigned k = e->dt_next++ % (sizeof e->dt_node / sizeof e->dt_node[0]);
    e->dt_node[k] = t;
    e->dt_data[k] = ext_data_table(t);
    return e->dt_data[k];
}

/* Row or cell N belongs to a layout table, or to none inside the article (the extractor
 * can keep a row without its table): its cells are then read as plain boxes. */
static bool in_layout_table(emitter *e, const xmlNode *n)
{
    int up = 0;
    for (const xmlNode *a = n->parent; a && a->type == XML_ELEMENT_NODE && up < 64;
         a = a->parent, up++)
        if (ext_is(a, "table"))
            return !data_table(e, a);
    return true;
}

static bool enter(emitter *e, xmlNode *n, rec *r)
{
    memset(r, 0, sizeof *r);
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content)
            art_build_text(e->b, (const char *)n->content, strlen((const char *)n->content));
        return false;
    }
    if (n->type != XML_ELEMENT_NODE || n == e->skip)
        return false;
    if (ext_invisible(n))
        return false;
    const char *name = (const char *)n->name;
    art_builder *b = e->b;

    if (ext_tag_eq(name, "br")) {
        if (e->pre)
            art_build_text(b, "\n", 1);
        else if (e->cell)
            art_build_text(b, " ", 1);
        else if (!ext_is(sibling(n, false), "br")) {
            if (ext_is(sibling(n, true), "br"))
                split_para(e, n); /* <br><br>: a new paragraph, as it reads */
            else
                art_build_break(b);
        }
        return false;
    }
    if (ext_tag_eq(name, "img")) {
        if (e->cell)
            return false;
        int w = int_attr(n, "width"), h = int_attr(n, "height");
        if ((w > 0 && w < 64) || (h > 0 && h < 64) || decoration(e, n))
            return false;
        art_figure fig;
        if (make_figure(e, NULL, n, &fig))
            art_build_figure(b, &fig, line_of(n));
        return false;
    }
    if (ext_tag_eq(name, "figure") && !e->cell) {
        const xmlNode *img = first_img(e->ar, n);
        if (img) {
            art_figure fig;
            if (make_figure(e, n, img, &fig))
                art_build_figure(b, &fig, line_of(n));
            return false;
        }
        r->blk = art_build_begin(b, ART_P, line_of(n));
        return true;
    }
    /* inline styles */
    unsigned fl = 0;
    if (ext_tag_eq(name, "em") || ext_tag_eq(name, "i") || ext_tag_eq(name, "cite") ||
        ext_tag_eq(name, "var") || ext_tag_eq(name, "dfn"))
        fl = ART_EM;
    else if (ext_tag_eq(name, "strong") || ext_tag_eq(name, "b"))
        fl = ART_STRONG;
    else if (ext_tag_eq(name, "code") || ext_tag_eq(name, "kbd") || ext_tag_eq(name, "samp") ||
             ext_tag_eq(name, "tt"))
        fl = ART_CODE;
    else if (ext_tag_eq(name, "sup"))
        fl = ART_SUP;
    else if (ext_tag_eq(name, "sub"))
        fl = ART_SUB;
    if (fl) {
        art_build_inline_push(b, fl, NULL);
        r->inl = 1;
        return true;
    }
    if (ext_tag_eq(name, "a")) {
        const char *href = ext_attr(n, "href");
        if (href && *href && strncasecmp(href, "javascript:", 11) != 0 && href[0] != '#') {
            art_build_inline_push(b, ART_LINK, ext_resolve(e->ar, href, e->base));
            r->inl = 1;
        }
        return true;
    }
    if (!ext_is_block(n))
        return true; /* span, font, abbr, ...: transparent */

    if (e->cell || art_build_depth(b) >= EXT_BLOCK_DEPTH) {
        /* inside a table cell everything is text of the cell; past EXT_BLOCK_DEPTH
         * nested blocks, too (the builder refuses more than LIM_DEPTH) */
        art_build_text(b, " ", 1);
        r->space_after = true;
        return true;
    }
    if (e->pre)
        return true;

    if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && !name[2]) {
        if (!e->headline_dropped && (name[1] == '1' || name[1] == '2')) {
            char *t = ext_text(e->ar, n);
            if (*t) {
                e->headline_dropped = true;
                if (repeats_headline(t, e->doc->headline))
                    return false;
            }
        }
        r->blk = art_build_begin(b, heading_kind(name), line_of(n));
        return true;
    }
    if (ext_tag_eq(name, "p") || ext_tag_eq(name, "dt") || ext_tag_eq(name, "dd") ||
        ext_tag_eq(name, "figcaption") || ext_tag_eq(name, "summary") || ext_tag_eq(name, "address")) {
        r->blk = art_build_begin(b, ART_P, line_of(n));
        return true;
    }
    if (ext_tag_eq(name, "blockquote")) {
        r->blk = art_build_begin(b, ART_QUOTE, line_of(n));
        return true;
    }
    if (ext_tag_eq(name, "ul") || ext_tag_eq(name, "ol")) {
        r->blk = art_build_begin(b, name[0] == 'o' ? ART_OL : ART_UL, line_of(n));
        if (name[0] == 'o') {
            const char *s = ext_attr(n, "start");
            if (s && *s)
                art_build_set_start(b, atoi(s));
        }
        return true;
    }
    if (ext_tag_eq(name, "li")) {
        r->blk = art_build_begin(b, ART_LI, line_of(n));
        return true;
    }
    if (ext_tag_eq(name, "pre")) {
        r->blk = art_build_begin(b, ART_PRE, line_of(n));
        r->pre = true;
        e->pre++;
        return true;
    }
    if (ext_tag_eq(name, "hr")) {
        art_block *hr = art_build_begin(b, ART_RULE, line_of(n));
        art_build_end(b, hr);
        return false;
    }
    if (ext_tag_eq(name, "table") && !data_table(e, n))
        return true; /* a layout table: its cells are read as the boxes they stand for */
    if (ext_tag_eq(name, "table")) {
        /* the caption first, as a paragraph above the table */
        for (xmlNode *c = n->children; c; c = c->next)
            if (ext_is(c, "caption")) {
                char *t = ext_text(e->ar, c);
                if (*t) {
                    art_block *p = art_build_begin(b, ART_P, line_of(c));
                    art_build_text(b, t, strlen(t));
                    art_build_end(b, p);
                }
            }
        r->blk = art_build_begin(b, ART_TABLE, line_of(n));
        return true;
    }
    if (ext_tag_eq(name, "caption"))
        return false;
    if ((ext_tag_eq(name, "tr") || ext_tag_eq(name, "td") || ext_tag_eq(name, "th")) && in_layout_table(e, n)) {
        if (name[0] == 't' && name[1] != 'r') /* a cell: like a div */
            r->blk = art_build_begin(b, ART_P, line_of(n));
        return true;
    }
    if (ext_tag_eq(name, "tr")) {
        r->blk = art_build_begin(b, ART_TR, line_of(n));
        return true;
    }
    if (ext_tag_eq(name, "td") || ext_tag_eq(name, "th")) {
        r->blk = art_build_begin(b, name[1] == 'h' ? ART_TH : ART_TD, line_of(n));
        r->cell = true;
        e->cell++;
        return true;
    }
    if (ext_tag_eq(name, "thead") || ext_tag_eq(name, "tbody") || ext_tag_eq(name, "tfoot"))
        return true;
    /* div, section, article, header, ...: a paragraph for loose text, closed by any
     * block inside it (the builder ends a paragraph when another block begins) */
    r->blk = art_build_begin(b, ART_P, line_of(n));
    return true;
}

static void leave(emitter *e, rec *r)
{
    for (int i = 0; i < r->inl; i++)
        art_build_inline_pop(e->b);
    if (r->space_after)
        art_build_text(e->b, " ", 1);
    if (r->blk)
        art_build_end(e->b, r->blk);
    if (r->cell)
        e->cell--;
    if (r->pre)
        e->pre--;
}

static void emit_article(emitter *e, xmlNode *root)
{
    rec *st = calloc(EXT_MAX_DEPTH + 1, sizeof *st);
    if (!st)
        return;
    e->st = st;
    e->depth = 0; /* levels below ROOT; st[] holds the open elements' records */
    xmlNode *n = root->children;
    while (n) {
        rec r;
        bool down = enter(e, n, &r);
        if (down && n->children) {
            if (e->depth < EXT_MAX_DEPTH)
                st[e->depth] = r;
            e->depth++;
            n = n->children;
            continue;
        }
        if (n->type == XML_ELEMENT_NODE && down)
            leave(e, &r);
        /* climb while there is no next sibling, closing the elements we leave */
        while (n && n != root && !n->next) {
            n = n->parent;
            if (!n || n == root)
                break;
            e->depth--;
            if (e->depth < EXT_MAX_DEPTH)
                leave(e, &st[e->depth]);
        }
        n = (n && n != root) ? n->next : NULL;
    }
    e->st = NULL;
    free(st);
}

/* ---- the lead figure ------------------------------------------------------------------ */

/* The article's first figure, when it comes before much text: it becomes DOC->lead and is
 * not repeated in the body. Otherwise og:image (when not also in the body). */
static const xmlNode *pick_lead(emitter *e, xmlNode *article, const ext_meta *m)
{
    size_t text = 0;
    for (xmlNode *n = article->children; n;) {
        bool skip = false;
        if (n->type == XML_TEXT_NODE && n->content) {
            text += ext_text_len(n, NULL, 1000);
            if (text > 250)
                break;
        } else if (n->type == XML_ELEMENT_NODE) {
            if (ext_invisible(n) || ext_is(n, "table"))
                skip = true;
            else if (ext_is(n, "figure") || ext_is(n, "img")) {
                const xmlNode *img = first_img(e->ar, n);
                int w = img ? int_attr(img, "width") : 0, h = img ? int_attr(img, "height") : 0;
                if (img && !((w > 0 && w < 64) || (h > 0 && h < 64))) {
                    art_figure fig;
                    if (make_figure(e, n, img, &fig)) {
                        art_figure *lead = ar_alloc(e->ar, sizeof *lead);
                        *lead = fig;
                        lead->src = ar_strdup(e->ar, fig.src);
                        lead->alt = art_text_collapse(e->ar, fig.alt, strlen(fig.alt));
                        e->doc->lead = lead;
                        return n;
                    }
                }
                skip = true;
            }
        }
        n = ext_next(article, n, skip, NULL);
    }
    if (m->image && *m->image) {
        art_figure *lead = ar_alloc(e->ar, sizeof *lead);
        lead->src = m->image;
        lead->alt = lead->caption = lead->credit = "";
        /* not when the same picture is in the body */
        for (xmlNode *n = article->children; n;) {
            if (ext_is(n, "img")) {
                const char *s = ext_img_src(e->ar, n);
                if (s && strcmp(ext_resolve(e->ar, s, e->base), m->image) == 0)
                    return NULL;
            }
            n = ext_next(article, n, false, NULL);
        }
        e->doc->lead = lead;
    }
    return NULL;
}

/* ---- the reader ------------------------------------------------------------------------ */

/* Pages larger than this get one extraction pass only. */
#define EXT_RETRY_BYTES (2u << 20)

/* The tree of lean page BYTES (LEN bytes, UTF-8), or NULL. */
static xmlDoc *parse(const char *path, const char *bytes, size_t len)
{
    int flags = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                HTML_PARSE_RECOVER | HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT | XML_PARSE_HUGE;
    /* no encoding is named: the bytes are UTF-8 now, and naming it would add a copying
     * encoder */
    xmlDoc *xd = htmlReadMemory(bytes, (int)len, path, NULL, flags);
    if (xd && !xmlDocGetRootElement(xd)) {
        xmlFreeDoc(xd);
        xd = NULL;
    }
    return xd;
}

/* Lines a news site sets between the paragraphs of a story that are not part of it: a
 * paragraph holding nothing else is dropped (compared without case, space or
 * punctuation). */
static const char *const filler_lines[] = {
    "advertisement",
    "continue reading the main story",
    "continue reading below",
    "continue reading below the advertisement",
    "skip advertisement",
    "story continues below",
    "story continues below advertisement",
    "article continues below advertisement",
    "supported by",
};

static bool is_filler(ar_arena *ar, const art_block *b)
{
    if (b->kind != ART_P || !b->runs)
        return false;
    size_t len = 0; /* only a short paragraph is copied out to be compared */
    for (const art_run *r = b->runs; r && len <= 64; r = r->next)
        len += r->len;
    if (len > 64)
        return false;
    char *t = art_runs_text(ar, b->runs);
    for (size_t i = 0; i < sizeof filler_lines / sizeof filler_lines[0]; i++)
        if (ext_norm_eq(t, filler_lines[i]))
            return true;
    return false;
}

/* filler paragraphs removed from the list at *B and from the blocks inside its blocks */
static void drop_filler(ar_arena *ar, art_block **b, int depth)
{
    while (*b) {
        if (is_filler(ar, *b)) {
            *b = (*b)->next;
            continue;
        }
        if (depth < 8)
            drop_filler(ar, &(*b)->child, depth + 1);
        b = &(*b)->next;
    }
}

/* The deck is dropped when it only repeats one of the first paragraphs (a standfirst
 * kept in the body, or the description cut from the first paragraph). */
static void check_deck(art_doc *doc)
{
    if (!*doc->deck)
        return;
    buf x = {0};
    norm(doc->deck, &x);
    int seen = 0;
    for (const art_block *b = doc->body; b && seen < 3 && x.len; b = b->next) {
        if (b->kind != ART_P)
            continue;
        seen++;
        char *t = art_runs_text(doc->ar, b->runs);
        buf y = {0};
        norm(t, &y);
        /* the deck may be the paragraph cut short with an ellipsis */
        size_t cmp = x.len > 40 ? x.len - 8 : x.len;
        bool same = y.len >= cmp && memcmp(x.data, y.data, cmp) == 0;
        buf_free(&y);
        if (same) {
            doc->deck = "";
            break;
        }
    }
    buf_free(&x);
}

art_doc *in_html_read(const char *path, const char *bytes, size_t len, const a2p_opts *opts,
                      ar_arena *ar, a2p_err *err)
{
    bool utf16 = len >= 2 && (memcmp(bytes, "\xFF\xFE", 2) == 0 || memcmp(bytes, "\xFE\xFF", 2) == 0);
    if (!utf16 && looks_binary(bytes, len))
        return err_set(err, 1, path, "binary data, not an HTML page"), NULL;
    buf u = {0};
    size_t ulen = 0;
    const char *utf8 = to_utf8(bytes, len, &u, &ulen);
    size_t lean_len = 0, pool_len = 0;
    char *pool = NULL;
    void *held_lean = mem_prepare(ulen * 2 + ulen / 2); /* what html_thin allocates */
    char *lean = html_thin(utf8, ulen, &lean_len, &pool, &pool_len);
    buf_free(&u);
    mem_done(held_lean);
    if (!lean)
        return err_set(err, 1, path, "out of memory"), NULL;
    if (lean_len > (size_t)0x7fffffff) {
        free(lean);
        free(pool);
        return err_set(err, 1, path, "page too large"), NULL;
    }
    bytes = lean;
    len = lean_len;
    /* the tree takes 10 to 20 times the lean page, the passes and the model a little more */
    void *held = mem_prepare(lean_len * 20);
    xmlDoc *xd = parse(path, bytes, len);
    if (!xd) {
        mem_done(held);
        free(lean);
        free(pool);
        return err_set(err, 1, path, "not an HTML page (nothing could be parsed)"), NULL;
    }
    html_thin_pool(pool, pool_len);
    art_doc *doc = art_doc_new(ar);
    doc->source = ar_strdup(ar, path);
    ext_meta m;
    memset(&m, 0, sizeof m);
    meta_collect(xd, doc, opts, &m);

    /* extraction passes with fewer rules until the article is long enough; when none
     * is, the longest attempt is kept. Each pass changes its tree: the later ones read
     * copies of one fresh, cleaned parse (a copy costs a quarter of a parse). */
    static const int passes[] = {
        EXT_STRIP_UNLIKELY | EXT_WEIGHT_CLASSES | EXT_CLEAN_CONDITIONALLY,
        EXT_WEIGHT_CLASSES | EXT_CLEAN_CONDITIONALLY, EXT_CLEAN_CONDITIONALLY, 0};
    int np = (int)(sizeof passes / sizeof passes[0]);
    ar_arena *scratch = ar_new();
    xmlNode *article = NULL, *best_article = NULL;
    xmlDoc *best_xd = NULL, *pristine = NULL;
    size_t best_len = 0;
    for (int p = 0; p < np; p++) {
        if (p > 0) {
            if (!pristine && (pristine = parse(path, bytes, len)) != NULL)
                ext_clean(pristine);
            xd = pristine ? xmlCopyDoc(pristine, 1) : NULL;
        } else
            ext_clean(xd); /* the first pass reads the parse meta_collect() read */
        if (!xd)
            break;
        size_t tl = 0;
        article = ext_find_article(xd, doc, scratch, passes[p], &tl);
        ar_reset(scratch);
        /* past 2 MB a retry costs a full parse per pass: take what the first pass gave */
        if (tl >= EXT_MIN_CHARS || !article || len > EXT_RETRY_BYTES)
            break;
        if (!best_xd || tl > best_len) {
            if (best_xd)
                xmlFreeDoc(best_xd);
            best_xd = xd;
            best_article = article;
            best_len = tl;
        } else
            xmlFreeDoc(xd);
        xd = NULL;
        article = NULL;
    }
    if (!xd && best_xd) { /* no pass was long enough: the longest */
        xd = best_xd;
        article = best_article;
    } else if (best_xd)
        xmlFreeDoc(best_xd);
    bool ok = true;
    size_t link_len = 0, text_len = article ? ext_text_len(article, &link_len, (size_t)-1) : 0;
    if (!article || text_len == 0) {
        ok = err_set(err, 1, path, "no article text found in the page");
        article = NULL;
    } else if (text_len > 100 && link_len * 10 >= text_len * 9) {
        ok = err_set(err, 1, path, "the page holds only links, no article");
        article = NULL;
    }
    if (article) {
        meta_finish(article, doc, &m);
        emitter e = {.doc = doc, .ar = ar, .base = m.base};
        e.b = art_build_new(doc);
        e.skip = pick_lead(&e, article, &m);
        emit_article(&e, article);
        ok = art_build_finish(e.b, err);
        drop_filler(ar, &doc->body, 0);
        check_deck(doc);
    }
    ar_free(scratch);
    if (pristine)
        xmlFreeDoc(pristine);
    if (xd)
        xmlFreeDoc(xd);
    html_thin_pool(NULL, 0);
    mem_done(held);
    free(pool);
    free(lean);
    return ok ? doc : NULL;
}
