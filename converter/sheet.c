/* sheet.c - style sheets: a hand-written parser for the documented subset of CSS
 * (README "Styles") and its resolution into a sty_sheet in points.
 *
 * Three steps, each in its own banner:
 *   1. parse: the built-in sheet (UA below), then the named sheet, into one declaration
 *      table per target (a role, body, figure or @page); later declarations win.
 *   2. resolve: inheritance from body, em and line-height factors, into sty_sheet.
 *   3. overrides: --paper, --margin, --font-size, --columns beat the sheet.
 * Every error is "file:line: message" with status 2; nothing is silently ignored.
 * Numbers are parsed by hand, so a decimal-comma locale still reads "9.5pt".
 * libc only. */
#include "sheet.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A style sheet larger than this is not a style sheet; reading it would only waste memory. */
#define SHEET_MAX_BYTES (256 * 1024)
/* Page width in points from which `columns: auto` gives three columns, and below which one. */
#define AUTO_THREE_COLUMNS 700.0
#define AUTO_ONE_COLUMN 460.0

/* ------------------------------------------------------------------------------------------
 * Properties and targets
 * ---------------------------------------------------------------------------------------- */

typedef enum prop {
    P_FONT_FAMILY,
    P_FONT_SIZE,
    P_FONT_WEIGHT,
    P_FONT_STYLE,
    P_LINE_HEIGHT,
    P_COLOR,
    P_TEXT_ALIGN,
    P_HYPHENS,
    P_LETTER_SPACING,
    P_TEXT_TRANSFORM,
    P_FONT_VARIANT,
    P_MARGIN_TOP,
    P_MARGIN_BOTTOM,
    P_MARGIN_LEFT,
    P_MARGIN_RIGHT,
    P_PADDING_TOP,
    P_PADDING_BOTTOM,
    P_TEXT_INDENT,
    P_COLUMNS,
    P_COLUMN_GAP,
    P_DROP_CAP,
    P_CONTENT,
    P_COLUMN_SPAN,
    P_IMAGE_RES,
    P_SIZE,
    P_MARGIN,
    P_COUNT
} prop;

/* Targets: the sty_role values, then these. */
enum { T_BODY = STY_ROLE_COUNT, T_FIGURE, T_PAGE, T_COUNT };

/* Where a property may appear (a sheet that puts one elsewhere is an error). */
enum {
    W_TEXT = 1 << 0,  /* any role and body: the inherited text properties */
    W_BLOCK = 1 << 1, /* the roles that are blocks in the text (not header, footer) */
    W_BODY = 1 << 2,
    W_P = 1 << 3,
    W_HF = 1 << 4, /* header, footer */
    W_FIG = 1 << 5,
    W_PAGE = 1 << 6,
};

typedef enum vkind { K_PT, K_EM, K_NUM } vkind;
typedef struct len {
    double v;
    vkind k; /* K_EM: times the element's font size; K_NUM: a plain number (line-height) */
} len;

typedef struct val {
    len l[4];
    int n; /* lengths used in l */
    int i; /* keyword, integer or bit set */
    uint32_t rgb;
    const char *str; /* font-family list */
    int line;
} val;

typedef struct decls {
    uint32_t set; /* bit per prop */
    val v[P_COUNT];
} decls;

typedef struct propdef {
    const char *name;
    prop p;
    unsigned where;
} propdef;

static const propdef props[] = {
    {"font-family", P_FONT_FAMILY, W_TEXT},
    {"font-size", P_FONT_SIZE, W_TEXT},
    {"font-weight", P_FONT_WEIGHT, W_TEXT},
    {"font-style", P_FONT_STYLE, W_TEXT},
    {"line-height", P_LINE_HEIGHT, W_TEXT},
    {"color", P_COLOR, W_TEXT},
    {"text-align", P_TEXT_ALIGN, W_TEXT},
    {"hyphens", P_HYPHENS, W_TEXT},
    {"letter-spacing", P_LETTER_SPACING, W_TEXT},
    {"text-transform", P_TEXT_TRANSFORM, W_TEXT},
    {"font-variant", P_FONT_VARIANT, W_TEXT},
    {"margin-top", P_MARGIN_TOP, W_BLOCK | W_PAGE},
    {"margin-bottom", P_MARGIN_BOTTOM, W_BLOCK | W_PAGE},
    {"margin-left", P_MARGIN_LEFT, W_BLOCK | W_PAGE},
    {"margin-right", P_MARGIN_RIGHT, W_PAGE},
    {"padding-top", P_PADDING_TOP, W_BLOCK},
    {"padding-bottom", P_PADDING_BOTTOM, W_BLOCK},
    {"text-indent", P_TEXT_INDENT, W_BLOCK},
    {"columns", P_COLUMNS, W_BODY},
    {"column-count", P_COLUMNS, W_BODY},
    {"column-gap", P_COLUMN_GAP, W_BODY},
    {"drop-cap", P_DROP_CAP, W_BODY | W_P},
    {"content", P_CONTENT, W_HF},
    {"column-span", P_COLUMN_SPAN, W_FIG},
    {"image-resolution", P_IMAGE_RES, W_FIG},
    {"size", P_SIZE, W_PAGE},
    {"margin", P_MARGIN, W_PAGE},
};

static const struct {
    const char *name;
    int target;
} selectors[] = {
    {"kicker", STY_KICKER},
    {"headline", STY_HEADLINE},
    {"deck", STY_DECK},
    {"byline", STY_BYLINE},
    {"caption", STY_CAPTION},
    {"credit", STY_CREDIT},
    {"p", STY_BODY},
    {"h2", STY_H2},
    {"h3", STY_H3},
    {"h4", STY_H4},
    {"blockquote", STY_QUOTE},
    {"li", STY_LI},
    {"pre", STY_PRE},
    {"td", STY_TABLE},
    {"th", STY_TH},
    {"header", STY_HEADER},
    {"footer", STY_FOOTER},
    {"body", T_BODY},
    {"figure", T_FIGURE},
};

static unsigned where_of(int t)
{
    if (t == T_BODY)
        return W_TEXT | W_BODY;
    if (t == T_FIGURE)
        return W_FIG;
    if (t == T_PAGE)
        return W_PAGE;
    if (t == STY_HEADER || t == STY_FOOTER)
        return W_TEXT | W_HF;
    return W_TEXT | W_BLOCK | (t == STY_BODY ? W_P : 0);
}

static const char *target_name(int t)
{
    if (t == T_BODY)
        return "body";
    if (t == T_FIGURE)
        return "figure";
    if (t == T_PAGE)
        return "@page";
    return sty_role_name((sty_role)t);
}

/* The built-in sheet under every other: what a sheet that says nothing gets. Plain CSS
 * habits (bold headings, italic quotes, monospace pre), A4, one column. */
static const char UA[] =
    "@page { size: A4; margin: 18mm 16mm 20mm }\n"
    "body { font-family: serif; font-size: 10pt; line-height: 1.25; color: #000;\n"
    "       text-align: left; hyphens: manual; columns: 1; column-gap: 16pt }\n"
    "headline { font-size: 2.4em; line-height: 1.1; font-weight: bold; margin-bottom: 0.3em }\n"
    "kicker { font-size: 0.85em; font-weight: bold; text-transform: uppercase;\n"
    "         margin-bottom: 0.5em }\n"
    "deck { font-size: 1.3em; font-style: italic; margin-bottom: 0.6em }\n"
    "byline { font-size: 0.85em; margin-bottom: 1em }\n"
    "caption { font-size: 0.8em; margin-top: 0.4em; margin-bottom: 1em }\n"
    "credit { font-size: 0.7em }\n"
    "h2 { font-size: 1.15em; font-weight: bold; margin-top: 1em; margin-bottom: 0.3em }\n"
    "h3 { font-size: 1.05em; font-weight: bold; margin-top: 0.8em; margin-bottom: 0.2em }\n"
    "h4 { font-weight: bold; font-style: italic; margin-top: 0.8em; margin-bottom: 0.2em }\n"
    "blockquote { font-style: italic; margin-left: 1.2em; margin-top: 0.6em;\n"
    "             margin-bottom: 0.6em }\n"
    "li { margin-left: 1.4em; margin-bottom: 0.2em }\n"
    "pre { font-family: monospace; font-size: 0.85em; text-align: left; hyphens: none;\n"
    "      margin-top: 0.6em; margin-bottom: 0.6em }\n"
    "td, th { font-size: 0.85em; text-align: left; hyphens: none }\n"
    "th { font-weight: bold }\n"
    "header, footer { font-family: sans-serif; font-size: 0.75em; text-align: left;\n"
    "                 hyphens: none }\n"
    "header { content: site }\n"
    "footer { content: page }\n"
    "figure { column-span: all; image-resolution: 300dpi }\n";

/* ------------------------------------------------------------------------------------------
 * Small lexical helpers: ASCII only, no locale
 * ---------------------------------------------------------------------------------------- */

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static bool ieq(const char *a, const char *b)
{
    while (*a && lower((unsigned char)*a) == lower((unsigned char)*b))
        a++, b++;
    return *a == 0 && *b == 0;
}

static bool is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static bool is_ident(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '-' || c == '_';
}

/* num() - a decimal number "[+-]digits[.digits]" at *Q, moving *Q past it. No exponents. */
static bool num(const char **q, double *out)
{
    const char *s = *q;
    bool neg = *s == '-';
    if (*s == '+' || *s == '-')
        s++;
    double ip = 0, fp = 0, scale = 1;
    int nd = 0, nf = 0;
    for (; is_digit(*s); s++, nd++)
        if (nd < 9)
            ip = ip * 10 + (*s - '0');
        else
            return false; /* a billion points is no length */
    if (*s == '.') {
        for (s++; is_digit(*s); s++, nf++)
            if (nf < 9) {
                fp = fp * 10 + (*s - '0');
                scale *= 10;
            }
    }
    if (nd + nf == 0)
        return false;
    *out = (ip + fp / scale) * (neg ? -1 : 1);
    *q = s;
    return true;
}

/* Value words: a value is split at blanks and commas; "quoted strings" are one word. */
typedef struct word {
    char s[128];
    bool quoted, comma;
} word;

/* next_word() - the next word of the value at *Q; false at its end. A word longer than the
 * buffer is cut (no keyword or length is that long, so it fails to parse later). */
static bool next_word(const char **q, word *w)
{
    const char *s = *q;
    while (is_space(*s))
        s++;
    if (!*s)
        return false;
    size_t n = 0;
    w->quoted = w->comma = false;
    if (*s == ',') {
        w->comma = true;
        s++;
    } else if (*s == '"' || *s == '\'') {
        char qc = *s++;
        w->quoted = true;
        for (; *s && *s != qc; s++)
            if (n + 1 < sizeof w->s)
                w->s[n++] = *s;
        if (*s)
            s++;
    } else {
        for (; *s && !is_space(*s) && *s != ','; s++)
            if (n + 1 < sizeof w->s)
                w->s[n++] = *s;
    }
    w->s[n] = 0;
    *q = s;
    return true;
}

/* ------------------------------------------------------------------------------------------
 * Values
 * ---------------------------------------------------------------------------------------- */

typedef struct ps {
    const char *p, *end;
    int line;
    const char *file;
    ar_arena *ar;
    a2p_err *err;
    decls *d;
} ps;

static bool fail(ps *s, int line, const char *fmt, const char *arg)
{
    char where[600];
    snprintf(where, sizeof where, "%s:%d", s->file, line);
    return err_set(s->err, 2, where, fmt, arg);
}

/* length() - "9.5pt", "4mm", "1.2em", "120%", "0": to points or em. With NUM_OK a unitless
 * number is a K_NUM (line-height); "0" is always a length. */
static bool length(const char *t, bool num_ok, len *out)
{
    static const struct {
        const char *u;
        double f;
        vkind k;
    } units[] = {{"pt", 1, K_PT},         {"pc", 12, K_PT},        {"in", 72, K_PT},
                 {"cm", 72 / 2.54, K_PT}, {"mm", 72 / 25.4, K_PT}, {"px", 0.75, K_PT},
                 {"em", 1, K_EM},         {"%", 0.01, K_EM}};
    const char *q = t;
    double v;
    if (!num(&q, &v))
        return false;
    if (!*q) {
        if (num_ok)
            return *out = (len){v, K_NUM}, true;
        if (v == 0)
            return *out = (len){0, K_PT}, true;
        return false;
    }
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (ieq(q, units[i].u))
            return *out = (len){v * units[i].f, units[i].k}, true;
    return false;
}

static bool color(const char *t, uint32_t *rgb)
{
    static const struct {
        const char *name;
        uint32_t rgb;
    } names[] = {{"black", 0x000000},   {"white", 0xffffff},    {"gray", 0x808080},
                 {"grey", 0x808080},    {"darkgray", 0xa9a9a9}, {"darkgrey", 0xa9a9a9},
                 {"dimgray", 0x696969}, {"dimgrey", 0x696969},  {"silver", 0xc0c0c0},
                 {"red", 0xff0000},     {"darkred", 0x8b0000},  {"maroon", 0x800000},
                 {"green", 0x008000},   {"navy", 0x000080},     {"blue", 0x0000ff},
                 {"teal", 0x008080},    {"purple", 0x800080},   {"olive", 0x808000}};
    if (t[0] == '#') {
        size_t n = strlen(t + 1);
        uint32_t v = 0;
        if (n != 3 && n != 6)
            return false;
        for (size_t i = 1; i <= n; i++) {
            int c = lower((unsigned char)t[i]);
            int d = is_digit(c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
            if (d < 0)
                return false;
            v = n == 3 ? (v << 8) | (uint32_t)(d * 17) : (v << 4) | (uint32_t)d;
        }
        return *rgb = v, true;
    }
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (ieq(t, names[i].name))
            return *rgb = names[i].rgb, true;
    return false;
}

/* kw() - index of T in the NULL-terminated LIST, or -1. */
static int kw(const char *t, const char *const *list)
{
    for (int i = 0; list[i]; i++)
        if (ieq(t, list[i]))
            return i;
    return -1;
}

/* paper() - "A4", "Letter landscape", "210mm 297mm", "148mmx210mm": page width and height in
 * points. Shared by @page size and --paper. */
static bool paper(const char *v, double *w, double *h)
{
    static const struct {
        const char *name;
        double w, h;
    } sizes[] = {{"A3", 841.89, 1190.551},
                 {"A4", 595.276, 841.89},
                 {"A5", 419.528, 595.276},
                 {"Letter", 612, 792},
                 {"Legal", 612, 1008}};
    word a;
    const char *q = v;
    int n = 0;
    double dim[2];
    int orient = -1; /* 0 portrait, 1 landscape */
    bool named = false;
    len l;
    while (next_word(&q, &a)) {
        if (a.comma || a.quoted)
            return false;
        int o = kw(a.s, (const char *const[]){"portrait", "landscape", NULL});
        if (o >= 0 && orient < 0) {
            orient = o;
            continue;
        }
        if (n == 0 && !named) {
            bool hit = false;
            for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
                if (ieq(a.s, sizes[i].name)) {
                    dim[0] = sizes[i].w, dim[1] = sizes[i].h, named = hit = true;
                }
            if (hit)
                continue;
            /* 210mmx297mm: split at an 'x' with lengths on both sides */
            char *x = strchr(a.s, 'x');
            while (x) {
                *x = 0;
                len l2;
                if (length(a.s, false, &l) && length(x + 1, false, &l2) && l.k == K_PT &&
                    l2.k == K_PT) {
                    dim[0] = l.v, dim[1] = l2.v, n = 2;
                    break;
                }
                *x = 'x';
                x = strchr(x + 1, 'x');
            }
            if (n == 2)
                continue;
        }
        if (named || n >= 2 || !length(a.s, false, &l) || l.k != K_PT)
            return false;
        dim[n++] = l.v;
    }
    if (!named && n != 2)
        return false;
    if (dim[0] < 72 || dim[1] < 72 || dim[0] > 14400 || dim[1] > 14400)
        return false; /* one inch to 200 inches: PDF's own page size limits */
    if (orient >= 0 && (orient == 1) != (dim[0] > dim[1])) {
        double t = dim[0];
        dim[0] = dim[1], dim[1] = t;
    }
    *w = dim[0], *h = dim[1];
    return true;
}

/* families() - "Charter, 'Liberation Serif', serif" -> "Charter,Liberation Serif,serif",
 * generics mapped to the fonts/ manifest roles and "serif" appended when no generic ends it. */
static const char *families(ps *s, const char *v)
{
    char out[512] = "";
    char name[256] = "";
    size_t on = 0;
    bool generic_last = false, any = false;
    const char *q = v;
    word w;
    for (bool more = true; more;) {
        more = next_word(&q, &w);
        if (more && !w.comma) {
            if (w.quoted && name[0])
                return NULL; /* 'A' 'B' without a comma */
            size_t nn = strlen(name);
            snprintf(name + nn, sizeof name - nn, "%s%s", nn ? " " : "", w.s);
            if (w.quoted && !name[0])
                return NULL;
            continue;
        }
        if (!name[0])
            return NULL; /* empty entry: ", ," or trailing comma */
        const char *fam = name;
        int g = kw(name,
                   (const char *const[]){"serif", "sans-serif", "sans", "monospace", "mono", NULL});
        if (g >= 0)
            fam = (const char *[]){"serif", "sans", "sans", "mono", "mono"}[g];
        generic_last = g >= 0;
        if (strchr(fam, ','))
            return NULL;
        on += (size_t)snprintf(out + on, on < sizeof out ? sizeof out - on : 0, "%s%s",
                               any ? "," : "", fam);
        any = true;
        name[0] = 0;
        if (on >= sizeof out)
            return NULL;
    }
    if (!any)
        return NULL;
    if (!generic_last && on + 7 < sizeof out)
        strcat(out, ",serif");
    return ar_strdup(s->ar, out);
}

/* only_word() - the value as one word, or false when it has none or more. */
static bool only_word(const char *v, word *w)
{
    const char *q = v;
    word extra;
    return next_word(&q, w) && !w->comma && !w->quoted && !next_word(&q, &extra);
}

/* parse_value() - check and store the value text V of property P. */
static bool parse_value(ps *s, prop p, const char *pname, const char *v, val *out, int line)
{
    word w;
    const char *q;
    *out = (val){.line = line};
    bool one = only_word(v, &w);
    switch (p) {
    case P_FONT_FAMILY:
        if (!(out->str = families(s, v)))
            return fail(s, line, "bad font-family '%s'", v);
        return true;
    case P_FONT_SIZE:
    case P_COLUMN_GAP:
        if (!one || !length(w.s, false, &out->l[0]) || out->l[0].v <= 0 ||
            (p == P_FONT_SIZE && out->l[0].k == K_PT && out->l[0].v > 400))
            return fail(s, line, p == P_FONT_SIZE ? "bad font-size '%s'" : "bad column-gap '%s'",
                        v);
        return true;
    case P_LINE_HEIGHT:
        if (one && ieq(w.s, "normal"))
            return out->l[0] = (len){1.2, K_NUM}, true;
        if (!one || !length(w.s, true, &out->l[0]) || out->l[0].v <= 0)
            return fail(s, line, "bad line-height '%s'", v);
        return true;
    case P_MARGIN_TOP:
    case P_MARGIN_BOTTOM:
    case P_MARGIN_LEFT:
    case P_MARGIN_RIGHT:
    case P_PADDING_TOP:
    case P_PADDING_BOTTOM:
    case P_TEXT_INDENT:
    case P_LETTER_SPACING:
        if (one && p == P_LETTER_SPACING && ieq(w.s, "normal"))
            return out->l[0] = (len){0, K_PT}, true;
        if (!one || !length(w.s, false, &out->l[0]))
            return fail(s, line, "bad length '%s' (units: pt, pc, mm, cm, in, px, em, %%)", v);
        if (out->l[0].v < 0 && p != P_TEXT_INDENT && p != P_LETTER_SPACING)
            return fail(s, line, "negative length '%s'", v);
        out->n = 1;
        return true;
    case P_MARGIN:
        for (q = v; next_word(&q, &w);) {
            if (w.comma || w.quoted || out->n == 4 || !length(w.s, false, &out->l[out->n]))
                return fail(s, line, "bad margin '%s' (1 to 4 lengths)", v);
            if (out->l[out->n++].v < 0)
                return fail(s, line, "negative length in '%s'", v);
        }
        if (out->n == 0)
            return fail(s, line, "bad margin '%s' (1 to 4 lengths)", v);
        return true;
    case P_COLOR:
        if (!one || !color(w.s, &out->rgb))
            return fail(s, line, "bad color '%s' (#rgb, #rrggbb or a color name)", v);
        return true;
    case P_FONT_WEIGHT:
        if (one && (ieq(w.s, "normal") || ieq(w.s, "bold")))
            return out->i = ieq(w.s, "bold") ? 700 : 400, true;
        if (one && strlen(w.s) == 3 && w.s[0] >= '1' && w.s[0] <= '9' && !strcmp(w.s + 1, "00"))
            return out->i = (w.s[0] - '0') * 100, true;
        return fail(s, line, "bad font-weight '%s' (normal, bold, 100 to 900)", v);
    case P_FONT_STYLE:
        if (!one ||
            (out->i = kw(w.s, (const char *const[]){"normal", "italic", "oblique", NULL})) < 0)
            return fail(s, line, "bad font-style '%s' (normal, italic, oblique)", v);
        return true;
    case P_TEXT_ALIGN:
        /* the order of sty_align */
        if (!one || (out->i = kw(w.s, (const char *const[]){"justify", "left", "center", "right",
                                                            NULL})) < 0)
            return fail(s, line, "bad text-align '%s' (justify, left, center, right)", v);
        return true;
    case P_HYPHENS:
        if (!one || (out->i = kw(w.s, (const char *const[]){"auto", "none", "manual", NULL})) < 0)
            return fail(s, line, "bad hyphens '%s' (auto, none, manual)", v);
        return true;
    case P_TEXT_TRANSFORM:
        if (!one || (out->i = kw(w.s, (const char *const[]){"none", "uppercase", NULL})) < 0)
            return fail(s, line, "bad text-transform '%s' (none, uppercase)", v);
        return true;
    case P_FONT_VARIANT:
        if (!one || (out->i = kw(w.s, (const char *const[]){"normal", "small-caps", NULL})) < 0)
            return fail(s, line, "bad font-variant '%s' (normal, small-caps)", v);
        return true;
    case P_COLUMNS:
        if (one && ieq(w.s, "auto"))
            return out->i = 0, true;
        if (!one || strlen(w.s) != 1 || w.s[0] < '1' || w.s[0] > '3')
            return fail(s, line, "bad %s (1, 2, 3 or auto)", pname);
        out->i = w.s[0] - '0';
        return true;
    case P_DROP_CAP:
        if (one && (ieq(w.s, "none") || !strcmp(w.s, "0")))
            return out->i = 0, true;
        if (!one || strlen(w.s) != 1 || w.s[0] < '2' || w.s[0] > '6')
            return fail(s, line, "bad drop-cap '%s' (none, or 2 to 6 lines)", v);
        out->i = w.s[0] - '0';
        return true;
    case P_CONTENT:
        for (q = v; next_word(&q, &w);) {
            /* the order of STY_HF_* */
            int k = kw(w.s, (const char *const[]){"site", "title", "page", "source", "date", "none",
                                                  NULL});
            if (w.comma || k < 0 || (k == 5 && (out->i || *q)))
                return fail(s, line, "bad content '%s' (none, or site, title, page, source, date)",
                            v);
            out->i |= k == 5 ? 0 : 1 << k;
            out->n++;
        }
        if (!out->n)
            return fail(s, line, "bad content '%s' (none, or site, title, page, source, date)", v);
        return true;
    case P_COLUMN_SPAN:
        if (!one || (out->i = kw(w.s, (const char *const[]){"none", "all", NULL})) < 0)
            return fail(s, line, "bad column-span '%s' (all, none)", v);
        return true;
    case P_IMAGE_RES: {
        double d;
        q = w.s;
        if (!one || !num(&q, &d) || !ieq(q, "dpi") || d < 36 || d > 2400)
            return fail(s, line, "bad image-resolution '%s' (36dpi to 2400dpi)", v);
        out->l[0] = (len){d, K_NUM};
        return true;
    }
    case P_SIZE:
        if (!paper(v, &out->l[0].v, &out->l[1].v))
            return fail(s, line,
                        "bad page size '%s' (A3, A4, A5, Letter, Legal or two lengths, then "
                        "portrait or landscape)",
                        v);
        return true;
    case P_COUNT:
        break;
    }
    return fail(s, line, "internal: property '%s'", pname);
}

/* ------------------------------------------------------------------------------------------
 * 1. Parse
 * ---------------------------------------------------------------------------------------- */

/* skip() - blanks and comments; false on an unterminated comment. */
static bool skip(ps *s)
{
    for (;;) {
        while (s->p < s->end && is_space(*s->p))
            s->line += *s->p++ == '\n';
        if (s->p + 1 < s->end && s->p[0] == '/' && s->p[1] == '*') {
            int line = s->line;
            const char *c = s->p + 2;
            for (; c + 1 < s->end && !(c[0] == '*' && c[1] == '/'); c++)
                s->line += *c == '\n';
            if (c + 1 >= s->end)
                return fail(s, line, "%s", "unterminated comment");
            s->p = c + 2;
            continue;
        }
        return true;
    }
}

static size_t ident(ps *s, char *out, size_t cap)
{
    size_t n = 0;
    while (s->p < s->end && is_ident(*s->p)) {
        if (n + 1 < cap)
            out[n] = *s->p;
        n++, s->p++;
    }
    out[n < cap ? n : cap - 1] = 0;
    return n;
}

/* show() - the text at the cursor for a message: up to the end of the word. */
static const char *show(ps *s, char *buf, size_t cap)
{
    size_t n = 0;
    const char *c = s->p;
    if (c >= s->end)
        return "end of file";
    while (c < s->end && !is_space(*c) && n + 1 < cap && (n == 0 || is_ident(*c)))
        buf[n++] = *c++;
    buf[n] = 0;
    return buf;
}

/* raw_value() - the value text after ':' up to ';' or '}', comments removed, in the arena.
 * Quotes protect ';' and '}'. */
static char *raw_value(ps *s, int line)
{
    size_t cap = 64, n = 0;
    char *v = ar_alloc(s->ar, cap);
    char quote = 0;
    for (; s->p < s->end; s->p++) {
        char c = *s->p;
        if (!quote && (c == ';' || c == '}'))
            break;
        if (!quote && c == '{') {
            fail(s, s->line, "%s", "unexpected '{' in a value (missing ';' or '}' before it?)");
            return NULL;
        }
        if (!quote && c == '/' && s->p + 1 < s->end && s->p[1] == '*') {
            if (!skip(s))
                return NULL;
            s->p--;
            c = ' ';
        } else if (c == '\n') {
            if (quote)
                return fail(s, line, "%s", "unterminated string"), NULL;
            s->line++;
        } else if (quote ? c == quote : (c == '"' || c == '\'')) {
            quote = quote ? 0 : c;
        } else if (!quote && c == '!') {
            return fail(s, s->line, "%s", "'!important' is not supported"), NULL;
        }
        if (n + 2 > cap) {
            v = ar_grow(s->ar, v, cap, cap * 2);
            cap *= 2;
        }
        v[n++] = c == '\n' || c == '\t' || c == '\r' ? ' ' : c;
    }
    if (quote)
        return fail(s, line, "%s", "unterminated string"), NULL;
    while (n && v[n - 1] == ' ')
        n--;
    v[n] = 0;
    return v;
}

/* block() - the declarations inside { } for the targets in the bit set TARGETS. */
static bool block(ps *s, uint32_t targets, int open_line)
{
    char name[64], sh[32];
    for (;;) {
        if (!skip(s))
            return false;
        if (s->p >= s->end)
            return fail(s, open_line, "%s", "unterminated block (missing '}')");
        if (*s->p == '}') {
            s->p++;
            return true;
        }
        if (*s->p == ';') {
            s->p++;
            continue;
        }
        int line = s->line;
        if (!ident(s, name, sizeof name))
            return fail(s, line, "expected a property name, not '%s'", show(s, sh, sizeof sh));
        const propdef *pd = NULL;
        for (size_t i = 0; i < sizeof props / sizeof props[0]; i++)
            if (ieq(name, props[i].name))
                pd = &props[i];
        if (!skip(s))
            return false;
        if (s->p >= s->end || *s->p != ':')
            return fail(s, line, "expected ':' after '%s'", name);
        s->p++;
        if (!pd)
            return fail(s, line, "unknown property '%s'", name);
        if (!skip(s))
            return false;
        char *v = raw_value(s, line);
        if (!v)
            return false;
        if (!*v)
            return fail(s, line, "no value for '%s'", name);
        val parsed;
        if (!parse_value(s, pd->p, pd->name, v, &parsed, line))
            return false;
        for (int t = 0; t < T_COUNT; t++) {
            if (!(targets & (1u << t)))
                continue;
            if (!(where_of(t) & pd->where)) {
                char msg[160];
                snprintf(msg, sizeof msg, "'%s' does not apply to '%s'", pd->name, target_name(t));
                return fail(s, line, "%s", msg);
            }
            s->d[t].v[pd->p] = parsed;
            s->d[t].set |= 1u << pd->p;
        }
    }
}

/* selector_list() - "h2, h3" or "@page": the bit set of targets. 0 with the error set. */
static uint32_t selector_list(ps *s)
{
    char name[64], sh[32];
    uint32_t set = 0;
    int line = s->line;
    if (*s->p == '@') {
        s->p++;
        ident(s, name, sizeof name);
        if (!ieq(name, "page"))
            return fail(s, line, "unknown at-rule '@%s' (only @page)", name), 0;
        return 1u << T_PAGE;
    }
    for (;;) {
        line = s->line;
        if (!ident(s, name, sizeof name))
            return fail(s, line, "expected a selector, not '%s'", show(s, sh, sizeof sh)), 0;
        int t = -1;
        for (size_t i = 0; i < sizeof selectors / sizeof selectors[0]; i++)
            if (ieq(name, selectors[i].name))
                t = selectors[i].target;
        if (t < 0)
            return fail(s, line, "unknown selector '%s'", name), 0;
        if (s->p < s->end && !is_space(*s->p) && *s->p != ',' && *s->p != '{' && *s->p != '/')
            return fail(s, line, "unsupported selector '%s' (type selectors only)",
                        show(s, sh, sizeof sh)),
                   0;
        set |= 1u << t;
        if (!skip(s))
            return 0;
        if (s->p < s->end && *s->p == ',') {
            s->p++;
            if (!skip(s))
                return 0;
            continue;
        }
        if (s->p < s->end && *s->p != '{')
            return fail(s, s->line, "unsupported selector '%s' (type selectors only)",
                        show(s, sh, sizeof sh)),
                   0;
        return set;
    }
}

/* parse() - one sheet's text into the declaration tables D. */
static bool parse(const char *file, const char *text, size_t nbytes, decls *d, ar_arena *ar,
                  a2p_err *err)
{
    ps s = {.p = text, .end = text + nbytes, .line = 1, .file = file, .ar = ar, .err = err, .d = d};
    if (memchr(text, 0, nbytes))
        return fail(&s, 1, "%s", "NUL byte in a style sheet");
    for (;;) {
        if (!skip(&s))
            return false;
        if (s.p >= s.end)
            return true;
        uint32_t targets = selector_list(&s);
        if (!targets)
            return false;
        if (!skip(&s))
            return false;
        int open_line = s.line;
        if (s.p >= s.end || *s.p != '{')
            return fail(&s, s.line, "%s", "expected '{' after the selector");
        s.p++;
        if (!block(&s, targets, open_line))
            return false;
    }
}

/* ------------------------------------------------------------------------------------------
 * 2. Resolve
 * ---------------------------------------------------------------------------------------- */

#define HAS(t, p) (d[t].set & (1u << (p)))

/* the value of P for role R: its own, else body's (inherited), else NULL */
static const val *inh(const decls *d, int r, prop p)
{
    return HAS(r, p) ? &d[r].v[p] : HAS(T_BODY, p) ? &d[T_BODY].v[p] : NULL;
}

static double pt(len l, double size)
{
    return l.k == K_PT ? l.v : l.v * size;
}

static double own(const decls *d, int r, prop p, double size)
{
    return HAS(r, p) ? pt(d[r].v[p].l[0], size) : 0;
}

static void resolve_role(const decls *d, int r, double body_size, sty_block *b, ar_arena *ar)
{
    const val *v;
    b->size = HAS(r, P_FONT_SIZE) ? pt(d[r].v[P_FONT_SIZE].l[0], body_size) : body_size;
    /* a number inherits as a factor; a length (em resolved on body) as that length */
    if (HAS(r, P_LINE_HEIGHT)) {
        len l = d[r].v[P_LINE_HEIGHT].l[0];
        b->leading = l.k == K_PT ? l.v : l.v * b->size;
    } else if (HAS(T_BODY, P_LINE_HEIGHT)) {
        len l = d[T_BODY].v[P_LINE_HEIGHT].l[0];
        b->leading = l.k == K_PT ? l.v : l.v * (l.k == K_NUM ? b->size : body_size);
    } else {
        b->leading = 1.2 * b->size;
    }
    b->families = (v = inh(d, r, P_FONT_FAMILY)) ? v->str : "serif";
    const char *comma = strchr(b->families, ',');
    b->family = comma ? ar_strndup(ar, b->families, (size_t)(comma - b->families)) : b->families;
    b->color = (v = inh(d, r, P_COLOR)) ? v->rgb : 0;
    b->align = (v = inh(d, r, P_TEXT_ALIGN)) ? (sty_align)v->i : STY_LEFT;
    b->hyphenate = (v = inh(d, r, P_HYPHENS)) && v->i == 0;
    b->hyphens_none = (v = inh(d, r, P_HYPHENS)) && v->i == 1;
    b->bold = (v = inh(d, r, P_FONT_WEIGHT)) && v->i >= 600;
    b->italic = (v = inh(d, r, P_FONT_STYLE)) && v->i > 0;
    b->small_caps = (v = inh(d, r, P_FONT_VARIANT)) && v->i == 1;
    b->uppercase = (v = inh(d, r, P_TEXT_TRANSFORM)) && v->i == 1;
    b->letter_spacing = (v = inh(d, r, P_LETTER_SPACING)) ? pt(v->l[0], b->size) : 0;
    b->space_before = own(d, r, P_MARGIN_TOP, b->size) + own(d, r, P_PADDING_TOP, b->size);
    b->space_after = own(d, r, P_MARGIN_BOTTOM, b->size) + own(d, r, P_PADDING_BOTTOM, b->size);
    b->margin_left = own(d, r, P_MARGIN_LEFT, b->size);
    b->indent = own(d, r, P_TEXT_INDENT, b->size);
}

static bool resolve(const decls *d, const char *file, sty_sheet *st, ar_arena *ar, a2p_err *err)
{
    double body_size = 12; /* CSS "medium", what body's em refers to */
    if (HAS(T_BODY, P_FONT_SIZE))
        body_size = pt(d[T_BODY].v[P_FONT_SIZE].l[0], body_size);
    for (int r = 0; r < STY_ROLE_COUNT; r++) {
        resolve_role(d, r, body_size, &st->role[r], ar);
    }

    const decls *pg = &d[T_PAGE];
    st->page_w = pg->v[P_SIZE].l[0].v;
    st->page_h = pg->v[P_SIZE].l[1].v;
    /* the margin shorthand, then single sides (a single side wins wherever it stands) */
    const val *m = &pg->v[P_MARGIN];
    static const int pick[4][4] = {{0, 0, 0, 0}, {0, 1, 0, 1}, {0, 1, 2, 1}, {0, 1, 2, 3}};
    static const prop sides[4] = {P_MARGIN_TOP, P_MARGIN_RIGHT, P_MARGIN_BOTTOM, P_MARGIN_LEFT};
    double side[4] = {0, 0, 0, 0}; /* top right bottom left */
    for (int i = 0; i < 4; i++) {
        const len *l = (pg->set & (1u << sides[i])) ? &pg->v[sides[i]].l[0]
                       : m->n                       ? &m->l[pick[m->n - 1][i]]
                                                    : NULL;
        int line = (pg->set & (1u << sides[i])) ? pg->v[sides[i]].line : m->line;
        if (l && l->k != K_PT) {
            char where[600];
            snprintf(where, sizeof where, "%s:%d", file, line);
            return err_set(err, 2, where, "%s", "em and %% are not allowed in @page margins");
        }
        side[i] = l ? l->v : 0;
    }
    st->margin_top = side[0], st->margin_right = side[1];
    st->margin_bottom = side[2], st->margin_left = side[3];

    st->columns = d[T_BODY].v[P_COLUMNS].i; /* 0 = auto, settled after the overrides */
    st->gutter = pt(d[T_BODY].v[P_COLUMN_GAP].l[0], body_size);
    const val *dc = HAS(STY_BODY, P_DROP_CAP) ? &d[STY_BODY].v[P_DROP_CAP]
                    : HAS(T_BODY, P_DROP_CAP) ? &d[T_BODY].v[P_DROP_CAP]
                                              : NULL;
    st->drop_cap_lines = dc ? dc->i : 0;
    st->drop_cap = st->drop_cap_lines > 0;
    st->lead_span = d[T_FIGURE].v[P_COLUMN_SPAN].i == 1;
    st->max_image_dpi = d[T_FIGURE].v[P_IMAGE_RES].l[0].v;
    st->header_items = (unsigned)d[STY_HEADER].v[P_CONTENT].i;
    st->footer_items = (unsigned)d[STY_FOOTER].v[P_CONTENT].i;
    return true;
}

/* ------------------------------------------------------------------------------------------
 * 3. Overrides, and the checks on the result
 * ---------------------------------------------------------------------------------------- */

static bool overrides(const a2p_opts *o, sty_sheet *st, a2p_err *err)
{
    if (o->paper && !paper(o->paper, &st->page_w, &st->page_h))
        return err_set(err, 2, "--paper",
                       "bad paper size '%s' (A3, A4, A5, Letter, Legal or WxH lengths, then "
                       "portrait or landscape)",
                       o->paper);
    if (o->margin) {
        len l;
        if (!length(o->margin, false, &l) || l.k != K_PT || l.v < 0)
            return err_set(err, 2, "--margin", "bad margin '%s' (one length: pt, mm, cm, in, px)",
                           o->margin);
        st->margin_top = st->margin_bottom = st->margin_left = st->margin_right = l.v;
    }
    if (o->font_size > 0) {
        /* every text role scales with the body, so headings keep their proportion; the
         * running header and footer stay as they are */
        double f = o->font_size / st->role[STY_BODY].size;
        for (int r = 0; r < STY_ROLE_COUNT; r++) {
            if (r == STY_HEADER || r == STY_FOOTER)
                continue;
            st->role[r].size *= f;
            st->role[r].leading *= f;
        }
    }
    if (o->columns >= 1 && o->columns <= 3)
        st->columns = o->columns;
    return true;
}

/* columns() - the body columns, `auto` (0) settled by the page width */
static int columns(const sty_sheet *st)
{
    if (st->columns)
        return st->columns;
    return st->page_w > AUTO_THREE_COLUMNS ? 3 : st->page_w < AUTO_ONE_COLUMN ? 1 : 2;
}

static bool check(const sty_sheet *st, const char *where, a2p_err *err)
{
    double w = st->page_w - st->margin_left - st->margin_right;
    double h = st->page_h - st->margin_top - st->margin_bottom;
    if (w < 72 || h < 72)
        return err_set(err, 2, where,
                       "the margins leave %.0fx%.0f pt of a %.0fx%.0f pt page "
                       "(at least 72x72 needed)",
                       w < 0 ? 0 : w, h < 0 ? 0 : h, st->page_w, st->page_h);
    if ((w - (st->columns - 1) * st->gutter) / st->columns < 36)
        return err_set(err, 2, where, "%d columns do not fit in %.0f pt", st->columns, w);
    return true;
}

/* ------------------------------------------------------------------------------------------
 * sty_load
 * ---------------------------------------------------------------------------------------- */

/* read_sheet() - the whole file in AR. */
static char *read_sheet(const char *path, size_t *nbytes, ar_arena *ar, a2p_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return err_set(err, 2, path, "cannot read the style sheet: %s", strerror(errno)), NULL;
    /* read in growing steps: a sheet is a few kB, the arena lives as long as the article */
    size_t cap = 8192, n = 0, got;
    char *text = ar_alloc(ar, cap);
    while ((got = fread(text + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap && cap <= SHEET_MAX_BYTES) {
            text = ar_grow(ar, text, cap, cap * 2);
            cap *= 2;
        } else if (n == cap) {
            break;
        }
    }
    bool bad = ferror(f);
    fclose(f);
    if (bad)
        return err_set(err, 2, path, "%s", "cannot read the style sheet"), NULL;
    if (n > SHEET_MAX_BYTES)
        return err_set(err, 2, path, "style sheet larger than %d bytes", SHEET_MAX_BYTES), NULL;
    *nbytes = n;
    return text;
}

/* sheet_path() - the file for --style NAME|FILE; NULL with ERR for a bad or unknown name. */
static const char *sheet_path(const a2p_opts *o, const char **name, ar_arena *ar, a2p_err *err)
{
    const char *style = o->style && *o->style ? o->style : "newspaper";
    size_t n = strlen(style);
    if (strchr(style, '/') || (n > 4 && ieq(style + n - 4, ".css"))) {
        const char *base = strrchr(style, '/');
        base = base ? base + 1 : style;
        size_t bn = strlen(base);
        *name = ar_strndup(ar, base, bn > 4 && ieq(base + bn - 4, ".css") ? bn - 4 : bn);
        return style;
    }
    for (const char *c = style; *c; c++)
        if (!is_ident(*c))
            return err_set(err, 2, "--style", "bad style name '%s'", style), NULL;
    const char *path =
        o->styles_dir ? ar_printf(ar, "%s/%s.css", o->styles_dir, style)
                      : ar_printf(ar, "%s/styles/%s.css", o->data_dir ? o->data_dir : ".", style);
    FILE *f = fopen(path, "rb");
    if (!f)
        return err_set(err, 2, "--style", "unknown style '%s' (no %s)", style, path), NULL;
    fclose(f);
    /* "/usr/bin/../share/..." reads badly in a message: name the file plainly */
    char *real = realpath(path, NULL);
    if (real) {
        path = ar_strdup(ar, real);
        free(real);
    }
    *name = style;
    return path;
}

/* load() - TEXT (NBYTES, not necessarily NUL-terminated) read from PATH as sheet NAME:
 * parsed over the built-in sheet, resolved, checked, overridden by OPTS. */
static sty_sheet *load(const char *path, const char *name, const char *text, size_t nbytes,
                       const a2p_opts *opts, ar_arena *ar, a2p_err *err)
{
    decls *d = ar_alloc(ar, T_COUNT * sizeof *d);
    if (!parse("(built-in sheet)", UA, sizeof UA - 1, d, ar, err) ||
        !parse(path, text, nbytes, d, ar, err))
        return NULL;
    sty_sheet *st = ar_alloc(ar, sizeof *st);
    st->name = name;
    if (!resolve(d, path, st, ar, err))
        return NULL;
    /* the sheet must fit its own page, and then the page the command line makes */
    sty_sheet sheet_only = *st;
    sheet_only.columns = columns(st);
    if (!check(&sheet_only, path, err) || !overrides(opts, st, err))
        return NULL;
    st->columns = columns(st);
    char where[64];
    snprintf(where, sizeof where, "%s%s%s", opts->paper ? "--paper " : "",
             opts->margin ? "--margin " : "", opts->columns ? "--columns " : "");
    if (where[0])
        where[strlen(where) - 1] = 0;
    if (!check(st, where, err))
        return NULL;
    st->header = st->header_items != 0;
    st->footer = st->footer_items != 0;
    st->page_numbers = (st->header_items | st->footer_items) & STY_HF_PAGE;
    st->provenance = (st->header_items | st->footer_items) & (STY_HF_SOURCE | STY_HF_DATE);
    return st;
}

sty_sheet *sty_load(const a2p_opts *opts, ar_arena *ar, a2p_err *err)
{
    const char *name = NULL;
    const char *path = sheet_path(opts, &name, ar, err);
    size_t nbytes = 0;
    char *text = path ? read_sheet(path, &nbytes, ar, err) : NULL;
    return text ? load(path, name, text, nbytes, opts, ar, err) : NULL;
}

sty_sheet *sty_load_text(const char *name, const char *text, size_t nbytes,
                         const a2p_opts *opts, ar_arena *ar, a2p_err *err)
{
    if (nbytes > SHEET_MAX_BYTES)
        return err_set(err, 2, name, "style sheet larger than %d bytes", SHEET_MAX_BYTES), NULL;
    return load(name, name, text, nbytes, opts, ar, err);
}
