/* html_thin.c - the lean copy of an HTML page that libxml2 parses (see html_thin.h):
 *
 *   page --html_thin--> lean copy + pool of attribute values --libxml2 (in_html.c)-->
 *   tree, whose attribute values ext_attr() reads back through html_thin_value()
 *
 * One linear pass, no allocation but the two buffers; tags it cannot read the way
 * libxml2 does are copied unchanged, so the worst it does is thin less. */
#include "html_thin.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"

/* ---- the lean copy the parser reads ---------------------------------------------------
 *
 * The contents of <script> (JSON-LD kept), <style>, <svg> and <template>, comments, white
 * space runs (outside pre, textarea, listing, xmp, plaintext), the attributes no reader
 * consults and the contents of boxes ext_clean() removes whole all go; long plain
 * attribute values are set aside in a pool. A tag the pass cannot read the way libxml2
 * does is copied as it is. */

/* The attributes some reader of the tree asks for, by ext_attr() or int_attr() in
 * in_html.c, extract.c and meta.c (test_extract checks the source against this list);
 * sorted for bsearch. Reading a new attribute means adding it here. */
static const char *const kept_attrs[] = {
    "alt", "aria-hidden", "aria-label", "class", "colspan", "content", "data-full-src",
    "data-hi-res-src", "data-lazy", "data-lazy-src", "data-lazy-srcset", "data-original",
    "data-src", "data-srcset", "data-url", "datatable", "datetime", "dir", "height",
    "hidden", "href", "id", "itemprop", "lang", "name", "property", "pubdate", "rel",
    "role", "src", "srcset", "start", "style", "summary", "type", "width", "xml:lang"};

/* Attribute NAME (LEN bytes, any case) is in kept_attrs. */
static bool attr_kept(const char *name, size_t len)
{
    size_t lo = 0, hi = sizeof kept_attrs / sizeof kept_attrs[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *k = kept_attrs[mid];
        size_t i = 0;
        int c = 0;
        for (; i < len && k[i]; i++) {
            c = (unsigned char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] + 32 : name[i]) -
                (unsigned char)k[i];
            if (c)
                break;
        }
        if (!c)
            c = i < len ? 1 : k[i] ? -1 : 0;
        if (c == 0)
            return true;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return false;
}

static inline bool is_ws(char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
}

/* NAME (LEN bytes) is the lower-case word W, in any case. */
static inline bool name_is(const char *name, size_t len, const char *w)
{
    if (!len || ((name[0] | 0x20) != w[0] && name[0] != w[0]))
        return !len && !w[0]; /* the first byte decides most tests */
    for (size_t i = 0; i < len; i++) {
        char c = name[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (!w[i] || c != w[i])
            return false;
    }
    return w[len] == 0;
}

static bool pre_like(const char *name, size_t len)
{
    return name_is(name, len, "pre") || name_is(name, len, "textarea") ||
           name_is(name, len, "listing") || name_is(name, len, "xmp") ||
           name_is(name, len, "plaintext");
}

/* Where "</TAG" (any case) first occurs in S[I..N), or N. */
static size_t find_end_tag(const char *s, size_t i, size_t n, const char *tag)
{
    size_t tl = strlen(tag);
    while (i < n) {
        const char *lt = memchr(s + i, '<', n - i);
        if (!lt)
            return n;
        i = (size_t)(lt - s);
        if (i + 2 + tl <= n && s[i + 1] == '/' && strncasecmp(s + i + 2, tag, tl) == 0)
            return i;
        i++;
    }
    return n;
}

/* Where the contents of an <svg> or <template> opened before I end for libxml2: at its
 * end tag, or at an end tag that closes an element around it first (libxml2 pops
 * unknown elements at </div>, </td>, </table>, </body>, ...). */
static size_t find_foreign_end(const char *s, size_t i, size_t n, const char *tag)
{
    static const char *const closers[] = {"div", "td", "th", "tr", "thead", "tbody", "tfoot",
                                          "table", "head", "body", "html", NULL};
    size_t tl = strlen(tag);
    while (i < n) {
        const char *lt = memchr(s + i, '<', n - i);
        if (!lt)
            return n;
        i = (size_t)(lt - s);
        if (i + 2 < n && s[i + 1] == '/') {
            const char *nm = s + i + 2;
            size_t l = 0;
            while (i + 2 + l < n && isalnum((unsigned char)nm[l]))
                l++;
            if (l >= tl && strncasecmp(nm, tag, tl) == 0)
                return i;
            for (int k = 0; closers[k]; k++)
                if (name_is(nm, l, closers[k]))
                    return i;
        }
        i++;
    }
    return n;
}

typedef struct lean_out {
    char *o;
    size_t k;
    char *pool; /* values set aside, each NUL-terminated (attr_pool while parsing) */
    size_t pk;
} lean_out;

static void put_newlines(lean_out *w, const char *s, size_t i, size_t j)
{
    if (j - i < 32) { /* attributes, tags: shorter than a call to memchr is worth */
        for (; i < j; i++)
            if (s[i] == '\n')
                w->o[w->k++] = '\n';
        return;
    }
    for (const char *p = s + i; p < s + j && (p = memchr(p, '\n', (size_t)(s + j - p)));
         p++)
        w->o[w->k++] = '\n';
}

/* Text S[I..J): verbatim inside pre-like elements, else each white space run of two or
 * more as its newlines, or as one space when it has none. */
static void put_text(lean_out *w, const char *s, size_t i, size_t j, bool pre)
{
    if (pre) {
        memcpy(w->o + w->k, s + i, j - i);
        w->k += j - i;
        return;
    }
    while (i < j) {
        size_t r = i; /* up to the next run of two or more: a lone one stays as it is */
        while (r < j && !(is_ws(s[r]) && r + 1 < j && is_ws(s[r + 1])))
            r++;
        memcpy(w->o + w->k, s + i, r - i);
        w->k += r - i;
        if ((i = r) >= j)
            break;
        size_t nl = 0;
        for (; r < j && is_ws(s[r]); r++)
            nl += s[r] == '\n';
        if (!nl)
            w->o[w->k++] = ' ';
        for (; nl; nl--)
            w->o[w->k++] = '\n';
        i = r;
    }
}

static inline bool ascii_alpha(char c)
{
    return (unsigned char)((c | 0x20) - 'a') < 26;
}

static inline bool name_start(char c)
{
    return ascii_alpha(c) || c == '_' || c == ':' || c == '.';
}

static inline bool name_char(char c)
{
    return ascii_alpha(c) || (unsigned char)(c - '0') < 10 || c == '_' || c == ':' ||
           c == '.' || c == '-';
}

/* A start tag as html_thin reads it. */
typedef struct stag {
    const char *name;
    size_t nlen;
    bool empty;       /* "/>": libxml2 closes the element at once */
    bool never_shown; /* ext_clean() removes it whatever it holds: hidden, navigation... */
    bool breadcrumb;  /* meta.c reads breadcrumbs from it */
    bool ld_json;     /* a script of type application/ld+json */
    bool canonical;   /* rel="canonical" (the only <link> meta.c reads) */
} stag;

/* Style V (LEN bytes) without white space, lower case, holds display:none or
 * visibility:hidden (the first 255 bytes looked at, as ext_hidden() does). */
static bool style_hides(const char *v, size_t len)
{
    char tmp[256];
    size_t k = 0;
    for (size_t i = 0; i < len && k + 1 < sizeof tmp; i++)
        if (!is_ws(v[i]))
            tmp[k++] = (char)tolower((unsigned char)v[i]);
    tmp[k] = 0;
    return strstr(tmp, "display:none") || strstr(tmp, "visibility:hidden");
}

/* V (LEN bytes) holds lower-case WORD in any case. */
static bool has_ci_n(const char *v, size_t len, const char *word)
{
    size_t wl = strlen(word);
    for (size_t i = 0; i + wl <= len; i++)
        if ((v[i] | 0x20) == word[0] && name_is(v + i, wl, word))
            return true;
    return false;
}

/* What note_attr() says of an attribute. */
enum { ATTR_READ, ATTR_REPEATED, ATTR_STYLE_UNREAD, ATTR_LANG, ATTR_ID_UNREAD, ATTR_REL_UNREAD };

/* What attribute NAME=V (LEN bytes) tells about its element, into T (the rules of
 * ext_hidden() and ext_clean(); CLS: the class holds "fallback-image"). Returns
 * ATTR_REPEATED for a later one of the attributes below (libxml2 keeps the first),
 * ATTR_STYLE_UNREAD for a style that hides nothing (the only thing read in a style),
 * ATTR_LANG for lang and xml:lang (read on <html> only), ATTR_ID_UNREAD for an id that
 * holds no word a reader looks for (ext_id_read()), ATTR_REL_UNREAD for a rel other
 * than "author" and "canonical" (the only two read). */
static int note_attr(stag *t, const char *name, size_t nl, const char *v, size_t len,
                     bool *aria_hidden, bool *fallback, unsigned *seen)
{
    enum { A_HIDDEN, A_ARIA_HIDDEN, A_STYLE, A_ROLE, A_TYPE, A_CLASS, A_ID, A_ARIA_LABEL,
           A_REL, A_LANG, A_XML_LANG };
    int which = -1;
    switch (nl < 2 || nl > 11 ? 0 : name[0] | 0x20) { /* most attributes: none of ours */
    case 'h':
        which = name_is(name, nl, "hidden") ? A_HIDDEN : -1;
        break;
    case 'a':
        which = name_is(name, nl, "aria-hidden")  ? A_ARIA_HIDDEN
                : name_is(name, nl, "aria-label") ? A_ARIA_LABEL
                                                  : -1;
        break;
    case 's':
        which = name_is(name, nl, "style") ? A_STYLE : -1;
        break;
    case 'r':
        which = name_is(name, nl, "role") ? A_ROLE : name_is(name, nl, "rel") ? A_REL : -1;
        break;
    case 't':
        which = name_is(name, nl, "type") ? A_TYPE : -1;
        break;
    case 'c':
        which = name_is(name, nl, "class") ? A_CLASS : -1;
        break;
    case 'i':
        which = name_is(name, nl, "id") ? A_ID : -1;
        break;
    case 'l':
        which = name_is(name, nl, "lang") ? A_LANG : -1;
        break;
    case 'x':
        which = name_is(name, nl, "xml:lang") ? A_XML_LANG : -1;
        break;
    }
    if (which < 0)
        return ATTR_READ;
    if (*seen & (1u << which))
        return ATTR_REPEATED; /* libxml2 keeps the first of repeated attributes */
    *seen |= 1u << which;
    switch (which) {
    case A_HIDDEN:
        t->never_shown = true;
        break;
    case A_ARIA_HIDDEN:
        *aria_hidden = name_is(v, len, "true");
        break;
    case A_STYLE:
        if (!style_hides(v, len))
            return ATTR_STYLE_UNREAD;
        t->never_shown = true;
        break;
    case A_LANG:
    case A_XML_LANG:
        return ATTR_LANG;
    case A_ROLE:
        t->never_shown |= name_is(v, len, "navigation") || name_is(v, len, "menu") ||
                          name_is(v, len, "menubar") || name_is(v, len, "complementary") ||
                          name_is(v, len, "alert") || name_is(v, len, "alertdialog") ||
                          name_is(v, len, "dialog");
        break;
    case A_TYPE:
        t->ld_json = has_ci_n(v, len, "ld+json");
        break;
    case A_REL:
        t->canonical = name_is(v, len, "canonical");
        if (!t->canonical && !name_is(v, len, "author"))
            return ATTR_REL_UNREAD;
        break;
    default: /* class, id, aria-label */
        if (which == A_CLASS)
            *fallback = has_ci_n(v, len, "fallback-image");
        t->breadcrumb |= has_ci_n(v, len, "breadcrumb");
        if (which == A_ID && !ext_id_read(v, len))
            return ATTR_ID_UNREAD;
    }
    return ATTR_READ;
}

/* ---- values kept aside ----------------------------------------------------------------
 *
 * libxml2 spends some 150 instructions on each byte of an attribute value (a call per
 * character) and a malloc'd copy on each value; hrefs and class lists are most of a
 * page's attribute bytes. So a quoted value of POOL_MIN bytes or more, plain printable
 * ASCII without '&' (what libxml2 would copy byte for byte), goes into a pool instead,
 * and the parser reads HTML_THIN_MARK and the value's offset in base 64 ('0' + digit);
 * ext_attr() hands out the pooled text. The mark never begins a value the page wrote:
 * such a value is pooled too, or dropped when it cannot be. */

#define POOL_MIN 8

/* V (LEN bytes) may go into the pool. */
static bool poolable(const char *v, size_t len)
{
    if (len < POOL_MIN && !(len && (unsigned char)v[0] == HTML_THIN_MARK))
        return false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)v[i];
        if (c < 0x20 || c > HTML_THIN_MARK || c == '&')
            return false;
    }
    return true;
}

/* V (LEN bytes) begins with a character reference to the mark byte ("&#127;",
 * "&#x7f;"), which libxml2 would decode into a value that reads as pooled. */
static bool starts_with_mark_ref(const char *v, size_t len)
{
    if (len < 3 || v[0] != '&' || v[1] != '#')
        return false;
    size_t i = 2;
    unsigned base = 10, val = 0;
    if (v[i] == 'x' || v[i] == 'X')
        base = 16, i++;
    for (; i < len && val < 0x10000; i++) {
        int d = isdigit((unsigned char)v[i]) ? v[i] - '0'
                : base == 16 && isxdigit((unsigned char)v[i]) ? (tolower((unsigned char)v[i]) - 'a' + 10)
                                                               : -1;
        if (d < 0)
            break;
        val = val * base + (unsigned)d;
    }
    return val == HTML_THIN_MARK;
}

/* Value V (LEN bytes) into W's pool, its mark and offset into W's output. */
static void put_pooled(lean_out *w, const char *v, size_t len)
{
    size_t off = w->pk;
    memcpy(w->pool + w->pk, v, len);
    w->pk += len;
    w->pool[w->pk++] = 0;
    char digits[16];
    int nd = 0;
    do
        digits[nd++] = (char)('0' + off % 64);
    while ((off /= 64) > 0);
    w->o[w->k++] = (char)HTML_THIN_MARK;
    while (nd > 0)
        w->o[w->k++] = digits[--nd];
}

/* The start tag at S[I] ('<' and a letter), attributes filtered, into W; what it says
 * into T. Returns where the tag ends (after '>'), or 0 when the tag is not one this
 * reading is sure of: the caller then copies it as text. */
static size_t put_start_tag(lean_out *w, const char *s, size_t i, size_t n, stag *t)
{
    size_t p = i + 1, k0 = w->k, pk0 = w->pk;
    while (p < n && name_char(s[p]))
        p++;
    memset(t, 0, sizeof *t);
    t->name = s + i + 1;
    t->nlen = p - i - 1;
    bool aria_hidden = false, fallback = false;
    unsigned seen = 0;
    memcpy(w->o + w->k, s + i, p - i);
    w->k += p - i;
    for (;;) {
        size_t a0 = p;
        while (p < n && is_ws(s[p]))
            p++;
        if (p >= n)
            break;
        if (s[p] == '>' || (s[p] == '/' && p + 1 < n && s[p + 1] == '>')) {
            t->empty = s[p] == '/';
            memcpy(w->o + w->k, s + p, t->empty ? 2 : 1);
            w->k += t->empty ? 2 : 1;
            t->never_shown |= aria_hidden && !fallback;
            return p + (t->empty ? 2 : 1);
        }
        if (!name_start(s[p]))
            break;
        size_t nb = p;
        while (p < n && name_char(s[p]))
            p++;
        size_t ne = p, q = p, vb = p, ve = p;
        bool quoted = false;
        if (q < n && !is_ws(s[q]) && s[q] != '=' && s[q] != '>' && s[q] != '/')
            break; /* a name libxml2 would cut differently */
        while (q < n && is_ws(s[q]))
            q++;
        if (q < n && s[q] == '=') {
            q++;
            while (q < n && is_ws(s[q]))
                q++;
            if (q >= n)
                break;
            if (s[q] == '"' || s[q] == '\'') {
                const char *e = memchr(s + q + 1, s[q], n - q - 1);
                if (!e)
                    break;
                vb = q + 1;
                ve = (size_t)(e - s);
                p = ve + 1;
                quoted = true;
            } else {
                vb = q;
                while (q < n && !is_ws(s[q]) && s[q] != '>')
                    q++;
                p = ve = q;
            }
        }
        int what = note_attr(t, s + nb, ne - nb, s + vb, ve - vb, &aria_hidden, &fallback, &seen);
        bool keep = what == ATTR_READ ? attr_kept(s + nb, ne - nb)
                    : what == ATTR_LANG ? name_is(t->name, t->nlen, "html")
                                        : false;
        if (keep && ((!quoted && ve > vb && (unsigned char)s[vb] == HTML_THIN_MARK) ||
                     starts_with_mark_ref(s + vb, ve - vb)))
            keep = false; /* it would read as a pooled value */
        if (keep) {
            size_t before = w->k;
            put_newlines(w, s, a0, nb);
            if (w->k == before && nb > a0)
                w->o[w->k++] = ' ';
            if (quoted && poolable(s + vb, ve - vb)) {
                memcpy(w->o + w->k, s + nb, ne - nb);
                w->k += ne - nb;
                w->o[w->k++] = '=';
                w->o[w->k++] = '"';
                put_pooled(w, s + vb, ve - vb);
                w->o[w->k++] = '"';
                put_newlines(w, s, ne, vb);
            } else if (quoted && ve > vb && (unsigned char)s[vb] == HTML_THIN_MARK) {
                put_newlines(w, s, nb, p); /* a mark the pool cannot take: dropped */
            } else {
                memcpy(w->o + w->k, s + nb, p - nb);
                w->k += p - nb;
            }
        } else
            put_newlines(w, s, a0, p);
    }
    w->k = k0;
    w->pk = pk0;
    return 0;
}

/* ---- regions ext_clean() would remove whole -------------------------------------------
 *
 * A navigation box, an aria-hidden menu, a display:none dialog: ext_clean() removes such
 * an element with all it holds, so html_thin keeps the element and drops what it holds,
 * up to the end tag libxml2 would close it with. Only elements that no start tag closes
 * implicitly (div, nav, section...) qualify; open elements inside are tracked on a small
 * stack with libxml2's end tag priorities. Whatever the region holds that meta.c reads
 * (meta, link, base, time, JSON-LD) is kept; an h1, a title or a breadcrumb trail ends
 * the region early, and so does anything this reading is unsure of: the rest is then
 * parsed as it is, and ext_clean() still removes what libxml2 puts inside the element. */

#define LEAN_STACK 128

typedef struct region {
    bool on;
    const char *name; /* the element whose contents go */
    size_t nlen;
    int depth; /* elements open inside it */
    struct {
        const char *name;
        size_t nlen;
    } open[LEAN_STACK];
} region;

static bool region_container(const char *nm, size_t l)
{
    static const char *const names[] = {"div", "nav", "aside", "footer", "section", "header",
                                        "figure", "dialog", "main", "article", "button",
                                        "select", "iframe", NULL};
    for (int i = 0; names[i]; i++)
        if (name_is(nm, l, names[i]))
            return true;
    return false;
}

static bool void_element(const char *nm, size_t l)
{
    static const char *const names[] = {"area", "base", "basefont", "br", "col", "embed",
                                        "frame", "hr", "img", "input", "isindex", "keygen",
                                        "link", "meta", "param", "source", "track", "wbr",
                                        NULL};
    for (int i = 0; names[i]; i++)
        if (name_is(nm, l, names[i]))
            return true;
    return false;
}

/* libxml2's end tag priority: an end tag closes only elements of lower or equal one. */
static int end_priority(const char *nm, size_t l)
{
    if (name_is(nm, l, "div"))
        return 150;
    if (name_is(nm, l, "td") || name_is(nm, l, "th"))
        return 160;
    if (name_is(nm, l, "tr"))
        return 170;
    if (name_is(nm, l, "thead") || name_is(nm, l, "tbody") || name_is(nm, l, "tfoot"))
        return 180;
    if (name_is(nm, l, "table"))
        return 190;
    if (name_is(nm, l, "head") || name_is(nm, l, "body"))
        return 200;
    if (name_is(nm, l, "html"))
        return 220;
    return 100;
}

/* Start tag NEW closes open element OLD implicitly (the part of libxml2's table that
 * matters inside a region: lists, tables, paragraphs, options). */
static bool start_closes(const char *nw, size_t nl, const char *old, size_t ol)
{
    if (name_is(old, ol, "li"))
        return name_is(nw, nl, "li");
    if (name_is(old, ol, "td") || name_is(old, ol, "th"))
        return name_is(nw, nl, "td") || name_is(nw, nl, "th") || name_is(nw, nl, "tr") ||
               name_is(nw, nl, "tbody") || name_is(nw, nl, "tfoot");
    if (name_is(old, ol, "tr"))
        return name_is(nw, nl, "tr") || name_is(nw, nl, "tbody") || name_is(nw, nl, "tfoot");
    if (name_is(old, ol, "thead") || name_is(old, ol, "tbody"))
        return name_is(nw, nl, "tbody") || name_is(nw, nl, "tfoot");
    if (name_is(old, ol, "option"))
        return name_is(nw, nl, "option") || name_is(nw, nl, "optgroup");
    if (name_is(old, ol, "dd") || name_is(old, ol, "dt"))
        return name_is(nw, nl, "dd") || name_is(nw, nl, "dt") ||
               (name_is(old, ol, "dt") && name_is(nw, nl, "dl"));
    if (name_is(old, ol, "a"))
        return name_is(nw, nl, "a") || name_is(nw, nl, "td") || name_is(nw, nl, "th") ||
               name_is(nw, nl, "table") || name_is(nw, nl, "fieldset");
    if (name_is(old, ol, "p")) {
        static const char *const blocks[] = {
            "address", "blockquote", "center", "dd", "dir", "div", "dl", "dt", "fieldset",
            "form", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "listing", "menu", "ol",
            "p", "pre", "table", "tbody", "td", "tfoot", "th", "tr", "ul", "xmp", NULL};
        for (int i = 0; blocks[i]; i++)
            if (name_is(nw, nl, blocks[i]))
                return true;
    }
    return false;
}

/* A start tag inside the region: false when the region must end before it. */
static bool region_start(region *r, const stag *t)
{
    if (name_is(t->name, t->nlen, "h1") || name_is(t->name, t->nlen, "title") ||
        name_is(t->name, t->nlen, "body") || name_is(t->name, t->nlen, "html") ||
        name_is(t->name, t->nlen, "head") || name_is(t->name, t->nlen, "frameset") ||
        t->breadcrumb)
        return false;
    while (r->depth > 0 && start_closes(t->name, t->nlen, r->open[r->depth - 1].name,
                                        r->open[r->depth - 1].nlen))
        r->depth--;
    if (t->empty || void_element(t->name, t->nlen))
        return true;
    if (r->depth == LEAN_STACK)
        return false;
    r->open[r->depth].name = t->name;
    r->open[r->depth].nlen = t->nlen;
    r->depth++;
    return true;
}

enum { END_INSIDE, END_IGNORED, END_REGION, END_UNSURE };

/* End tag NM (L bytes) inside the region, as libxml2 would take it. */
static int region_end(region *r, const char *nm, size_t l)
{
    int pri = end_priority(nm, l);
    for (int k = r->depth - 1; k >= 0; k--) {
        if (r->open[k].nlen == l && strncasecmp(r->open[k].name, nm, l) == 0) {
            r->depth = k;
            return END_INSIDE;
        }
        if (end_priority(r->open[k].name, r->open[k].nlen) > pri)
            return END_IGNORED;
    }
    if (r->nlen == l && strncasecmp(r->name, nm, l) == 0)
        return END_REGION;
    if (end_priority(r->name, r->nlen) > pri)
        return END_IGNORED;
    return END_UNSURE;
}

/* End of the tag that starts at S[I], after its '>' (or N). */
static size_t tag_end(const char *s, size_t i, size_t n)
{
    const char *gt = memchr(s + i, '>', n - i);
    return gt ? (size_t)(gt - s) + 1 : n;
}

/* The lean copy of page S (N bytes, UTF-8) into a malloc'd string, *OUT_LEN bytes; NULL
 * when out of memory. It is never longer than S but for " />" closing each <time> (at
 * least 6 bytes) inside a dropped region. */
char *html_thin(const char *s, size_t n, size_t *out_len, char **pool, size_t *pool_len)
{
    lean_out w = {malloc(n + n / 2 + 16), 0, malloc(n + 16), 0};
    region *r = malloc(sizeof *r);
    if (!w.o || !r || !w.pool) {
        free(w.o);
        free(w.pool);
        free(r);
        return NULL;
    }
    r->on = false;
    size_t i = 0;
    int pre = 0; /* open pre-like elements */
    while (i < n) {
        const char *lt = memchr(s + i, '<', n - i);
        size_t j = lt ? (size_t)(lt - s) : n;
        if (r->on)
            put_newlines(&w, s, i, j);
        else
            put_text(&w, s, i, j, pre > 0);
        i = j;
        if (i >= n)
            break;
        if (i + 4 <= n && memcmp(s + i, "<!--", 4) == 0) {
            const char *e = memmem(s + i + 4, n - i - 4, "-->", 3);
            size_t end = e ? (size_t)(e - s) + 3 : n;
            put_newlines(&w, s, i, end);
            i = end;
            continue;
        }
        if (i + 2 < n && s[i + 1] == '/' && isalpha((unsigned char)s[i + 2])) {
            size_t l = 0;
            while (i + 2 + l < n && name_char(s[i + 2 + l]))
                l++;
            if (r->on) {
                int e = region_end(r, s + i + 2, l);
                if (e == END_INSIDE || e == END_IGNORED) {
                    size_t end = tag_end(s, i, n);
                    put_newlines(&w, s, i, end);
                    i = end;
                    continue;
                }
                r->on = false; /* the region's own end tag, or one that may close it */
            } else if (pre > 0 && pre_like(s + i + 2, l))
                pre--;
            w.o[w.k++] = s[i++];
            continue;
        }
        if (r->on && i + 1 < n && !isalpha((unsigned char)s[i + 1]) && s[i + 1] != '!' &&
            s[i + 1] != '?' && s[i + 1] != '/') {
            i++; /* a '<' libxml2 reads as text: gone with the rest */
            continue;
        }
        stag t;
        size_t end = 0, k0 = w.k, pk0 = w.pk;
        if (i + 1 < n && isalpha((unsigned char)s[i + 1]))
            end = put_start_tag(&w, s, i, n, &t);
        if (!end) {
            if (r->on) { /* not a tag we read: end the region, the rest goes as text */
                r->on = false;
                w.o[w.k++] = s[i++];
                continue;
            }
            w.o[w.k++] = s[i++];
            continue;
        }
        if ((name_is(t.name, t.nlen, "link") && !t.canonical) || name_is(t.name, t.nlen, "input")) {
            /* style sheets, preloads, icons, form fields: ext_clean() drops every link
             * and input, meta.c reads only rel=canonical */
            w.k = k0;
            w.pk = pk0; /* its pooled values too */
            put_newlines(&w, s, i, end);
            i = end;
            continue;
        }
        size_t body = end;
        bool script = name_is(t.name, t.nlen, "script"), style = name_is(t.name, t.nlen, "style");
        if (r->on) {
            if ((script || style) && !t.empty) {
                /* raw text and its end tag; a JSON-LD script is kept whole */
                size_t e = find_end_tag(s, body, n, script ? "script" : "style");
                size_t after = e < n ? tag_end(s, e, n) : n;
                if (script && t.ld_json) {
                    memcpy(w.o + w.k, s + body, after - body);
                    w.k += after - body;
                } else {
                    w.k = k0;
                    w.pk = pk0; /* its pooled values too */
                    put_newlines(&w, s, i, after);
                }
                i = after;
                continue;
            }
            if (!region_start(r, &t)) {
                r->on = false; /* the tag is written: read on as outside any region */
            } else {
                size_t at = i;
                i = end;
                if (name_is(t.name, t.nlen, "time") && !t.empty) {
                    /* its datetime, not its text: "<time ... />" (2 bytes more than the
                     * tag, hence the room html_thin allocates) */
                    memcpy(w.o + w.k - 1, " />", 3);
                    w.k += 2;
                } else if (!name_is(t.name, t.nlen, "meta") && !name_is(t.name, t.nlen, "link") &&
                           !name_is(t.name, t.nlen, "base")) {
                    w.k = k0;
                    w.pk = pk0; /* its pooled values too */
                    put_newlines(&w, s, at, end);
                }
                continue;
            }
        }
        i = end;
        if (t.empty)
            continue;
        if (pre_like(t.name, t.nlen)) {
            pre++;
            continue;
        }
        if (script || style) {
            /* raw text up to the end tag, as libxml2 reads it; JSON-LD is metadata */
            end = find_end_tag(s, body, n, script ? "script" : "style");
            if (script && t.ld_json) {
                memcpy(w.o + w.k, s + body, end - body);
                w.k += end - body;
            } else
                put_newlines(&w, s, body, end);
            i = end;
        } else if (name_is(t.name, t.nlen, "svg") || name_is(t.name, t.nlen, "template")) {
            end = find_foreign_end(s, body, n, t.nlen == 3 ? "svg" : "template");
            put_newlines(&w, s, body, end);
            i = end;
        } else if ((t.never_shown || name_is(t.name, t.nlen, "nav") ||
                    name_is(t.name, t.nlen, "aside") || name_is(t.name, t.nlen, "footer") ||
                    name_is(t.name, t.nlen, "dialog") || name_is(t.name, t.nlen, "button") ||
                    name_is(t.name, t.nlen, "select") || name_is(t.name, t.nlen, "iframe")) &&
                   !t.breadcrumb && region_container(t.name, t.nlen)) {
            r->on = true;
            r->name = t.name;
            r->nlen = t.nlen;
            r->depth = 0;
        }
    }
    free(r);
    w.o[w.k] = 0;
    *out_len = w.k;
    *pool = w.pool;
    *pool_len = w.pk;
    return w.o;
}

/* The pool of the tree being read on this thread (one reader thread at a time parses a
 * page, each with its own pool). */
static _Thread_local const char *attr_pool;
static _Thread_local size_t attr_pool_len;

void html_thin_pool(const char *pool, size_t len)
{
    attr_pool = pool;
    attr_pool_len = pool ? len : 0;
}

const char *html_thin_value(const char *v)
{
    if ((unsigned char)v[0] != HTML_THIN_MARK || !attr_pool)
        return v;
    /* a mark the page wrote itself can reach the tree in a tag the pass copied as it
     * was: only an offset to the start of a pooled value is followed */
    size_t off = 0, nd = 0;
    for (const char *p = v + 1; *p; p++, nd++) {
        unsigned d = (unsigned char)*p - '0';
        if (d >= 64 || nd == 8)
            return v;
        off = off * 64 + d;
    }
    if (!nd || off >= attr_pool_len || (off > 0 && attr_pool[off - 1] != 0))
        return v;
    return attr_pool + off;
}
