/* ts_items.c - paragraphs from inline runs: fonts per run (em, strong, code, sup/sub,
 * links, per-character fallback), words shaped once through font.h, hyphenation points
 * through hyph.h, box/glue/penalty items for ts_para.c; then the chosen lines back into
 * display items, with the justification put into the space glyphs' advances.
 * No font or PDF library headers here. */
#include "ts_int.h"

#include <ctype.h>
#include <math.h>
#include <string.h>

#include "bidi.h"
#include "ts_cjk.h"
#include "u8.h"

#define LINK_RGB 0x1a4d8fu
#define HYPHEN_PENALTY 50.0
#define EXPLICIT_PENALTY 50.0
#define URL_PENALTY 200.0
#define CHAR_PENALTY 1000.0
#define MAX_HYPH 64
/* Justified text may also spread or tighten the letters a little (like microtype's
 * tracking), so word spaces carry less of the adjustment: share of a word's width. */
#define BOX_STRETCH 0.025
#define BOX_SHRINK 0.01

/* ---- growing arrays in the scratch arena --------------------------------------------- */

static ts_item *item_add(ts_ctx *cx, ts_para *p, ts_ikind kind)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 256;
        p->items = ar_grow(cx->scratch, p->items, p->n * sizeof *p->items, cap * sizeof *p->items);
        p->cap = cap;
    }
    ts_item *t = &p->items[p->n++];
    memset(t, 0, sizeof *t);
    t->kind = kind;
    t->piece = -1;
    return t;
}

static int piece_add(ts_ctx *cx, ts_para *p, const ts_style *st, const char *text, size_t len,
                     const dl_glyph *g, size_t n)
{
    if (p->np == p->capp) {
        size_t cap = p->capp ? p->capp * 2 : 256;
        p->pieces = ar_grow(cx->scratch, p->pieces, p->np * sizeof *p->pieces, cap * sizeof *p->pieces);
        p->capp = cap;
    }
    ts_piece *pc = &p->pieces[p->np];
    *pc = (ts_piece){.st = st, .text = text, .len = len, .g = g, .n = n};
    for (size_t i = 0; i < n; i++)
        pc->w += g[i].adv;
    return (int)p->np++;
}

/* ---- styles ---------------------------------------------------------------------------- */

/* The first entry of B's family list (or FAMILY alone) that resolves, in the given style. */
static int font_for(ts_ctx *cx, const sty_block *b, const char *family, bool bold, bool italic)
{
    const char *list = family ? family : (b->families && *b->families ? b->families : b->family);
    if (!list || !*list)
        list = "serif";
    int id = -1;
    for (const char *p = list; *p && id < 0;) {
        const char *c = strchr(p, ',');
        size_t n = c ? (size_t)(c - p) : strlen(p);
        char name[128];
        if (n >= sizeof name)
            n = sizeof name - 1;
        memcpy(name, p, n);
        name[n] = 0;
        if (n)
            id = fnt_find(cx->env->fonts, name, bold, italic);
        p = c ? c + 1 : p + n;
    }
    if (id < 0)
        id = fnt_find(cx->env->fonts, "serif", bold, italic);
    if (id < 0)
        id = fnt_find(cx->env->fonts, "serif", false, false);
    if (id < 0)
        err_set(cx->err, 1, cx->doc->source, "no font for family '%s'", list);
    return id;
}

static size_t shape_cached(ts_ctx *cx, int font, double size, const char *t, dl_glyph **g,
                           double *w);

static void style_glyphs(ts_ctx *cx, ts_style *s)
{
    dl_glyph *g;
    double w;
    size_t n = shape_cached(cx, s->font, s->size, " ", &g, &w);
    s->space_w = n == 1 && w > 0 ? w : s->size * 0.25;
    s->space = n == 1 ? g[0] : (dl_glyph){.adv = (float)s->space_w};
    n = shape_cached(cx, s->font, s->size, "-", &g, &w);
    s->hyphen_w = n == 1 ? w + s->ls : s->size * 0.33;
    s->hyphen = n == 1 ? g[0] : (dl_glyph){.adv = (float)s->hyphen_w};
    s->hyphen.adv = (float)s->hyphen_w;
    s->space.cluster = s->hyphen.cluster = 0;
}

/* A style per (font, size, colour, raise, link) within one paragraph; a short list. */
typedef struct style_cache {
    ts_style *s[32];
    int n;
} style_cache;

static const ts_style *style_get(ts_ctx *cx, style_cache *sc, const ts_style *want)
{
    for (int i = 0; i < sc->n; i++) {
        const ts_style *s = sc->s[i];
        if (s->font == want->font && s->size == want->size && s->rgb == want->rgb &&
            s->raise == want->raise && s->href == want->href && s->hyphenate == want->hyphenate &&
            s->soft == want->soft && s->small_caps == want->small_caps && s->ls == want->ls)
            return s;
    }
    ts_style *s = ar_alloc(cx->scratch, sizeof *s);
    *s = *want;
    style_glyphs(cx, s);
    if (sc->n < 32)
        sc->s[sc->n++] = s;
    return s;
}

static bool run_style(ts_ctx *cx, const sty_block *b, const art_run *r, ts_style *out)
{
    unsigned f = r->flags;
    bool code = f & ART_CODE;
    const char *family = code ? "mono" : NULL;
    bool bold = b->bold || (f & ART_STRONG);
    bool italic = (f & ART_EM) ? !b->italic : b->italic;
    if (code)
        italic = false;
    int id = font_for(cx, b, family, bold, italic);
    if (id < 0)
        return false;
    double size = b->size * (code ? 0.9 : 1.0);
    double raise = 0;
    if (f & (ART_SUP | ART_SUB)) {
        raise = (f & ART_SUP) ? size * 0.33 : -size * 0.15;
        size *= 0.7;
    }
    *out = (ts_style){.font = id, .size = size, .raise = raise, .ls = b->letter_spacing,
                      .rgb = (f & ART_LINK) ? LINK_RGB : b->color,
                      .href = (f & ART_LINK) ? r->href : NULL,
                      .hyphenate = b->hyphenate && !code && !(f & ART_LINK),
                      .soft = (b->hyphenate || !b->hyphens_none) && !code,
                      .small_caps = b->small_caps && !code,
                      .upper = b->uppercase};
    return true;
}

/* ---- words ------------------------------------------------------------------------------ */

static bool is_letter(uint32_t cp)
{
    if (cp < 0x80)
        return isalpha((int)cp) != 0;
    return cp >= 0xC0 && cp != 0xD7 && cp != 0xF7 && cp < 0x2000;
}

/* Whether T[0..N) holds letters that join (Arabic, Syriac, N'Ko, Mandaic, Mongolian,
 * Phags-pa, Hanifi Rohingya, Adlam; with Thaana and Samaritan, which sit between them) or
 * hang from a headline (Devanagari, Bengali, Gurmukhi): spacing would break the stroke. */
static bool joining(const char *t, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp = 0;
        i += u8_decode(t + i, n - i, &cp);
        if ((cp >= 0x0600 && cp <= 0x08FF) || (cp >= 0x0900 && cp <= 0x0A7F) ||
            (cp >= 0x1800 && cp <= 0x18AF) || (cp >= 0xA840 && cp <= 0xA87F) ||
            (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFC) ||
            (cp >= 0x10D00 && cp <= 0x10D3F) || (cp >= 0x1E900 && cp <= 0x1E95F))
            return true;
    }
    return false;
}

/* Combining marks and joiners stay in the font of the letter before them. */
static bool is_mark(uint32_t cp)
{
    return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x483 && cp <= 0x489) ||
           (cp >= 0x591 && cp <= 0x5C7) || (cp >= 0x610 && cp <= 0x61A) ||
           (cp >= 0x64B && cp <= 0x65F) || cp == 0x670 || (cp >= 0x6D6 && cp <= 0x6ED) ||
           (cp >= 0x900 && cp <= 0x903) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
           (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
           (cp >= 0xFE20 && cp <= 0xFE2F);
}

static bool is_dash(uint32_t cp)
{
    return cp == '-' || cp == 0x2010 || cp == 0x2013 || cp == 0x2014;
}

/* Lower-case letters that upper_copy() maps (to a capital of the same UTF-8 length): the
 * ones small capitals are synthesized for. */
static bool is_small(uint32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7);
}

/* Upper-case ASCII and Latin-1 letters (the kicker and credit styles). */
static char *upper_copy(ar_arena *ar, const char *s, size_t n)
{
    char *o = ar_alloc(ar, n * 2 + 1);
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t l = u8_decode(s + i, n - i, &cp);
        if (cp < 0x80)
            cp = (uint32_t)toupper((int)cp);
        else if ((cp >= 0xE0 && cp <= 0xFE && cp != 0xF7))
            cp -= 0x20;
        k += u8_encode(cp, o + k);
        i += l;
    }
    o[k] = 0;
    return o;
}

/* BRK_SOFT: after a soft hyphen (U+00AD), set as a hyphen when the line breaks there. */
typedef enum brk { BRK_NONE, BRK_HYPH, BRK_SOFT, BRK_EXPLICIT, BRK_URL, BRK_CHAR, BRK_CJK } brk;

typedef struct seg {
    const ts_style *st;
    size_t from, to; /* bytes of the word */
    dl_glyph *g;     /* clusters relative to the word */
    size_t n;
    double w;
    uint8_t level;   /* bidi embedding level (odd: shaped right to left) */
} seg;

static size_t shape_runs(ts_ctx *cx, style_cache *sc, const ts_style *st, const char *w,
                         size_t len, const uint8_t *lv, seg *segs, size_t max);

/* ---- shaped words, cached per article (words repeat: "the", names, numbers) ----------- */

typedef struct wc_entry {
    uint64_t hash;
    const char *text;
    size_t len;
    int font;
    double size, ls;
    bool rtl;
    dl_glyph *g;
    size_t n;
    double w;
} wc_entry;

struct ts_wcache {
    wc_entry *e;
    size_t cap, used;
};

static uint64_t wc_hash(int font, double size, const char *t, size_t n)
{
    uint64_t h = 1469598103934665603ull ^ (uint64_t)font ^ ((uint64_t)(size * 64) << 20);
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)t[i]) * 1099511628211ull;
    return h ? h : 1;
}

static wc_entry *wc_find(ts_ctx *cx, uint64_t h, const ts_style *st, bool rtl, const char *t,
                         size_t n)
{
    ts_wcache *c = cx->wcache;
    if (!c || !c->cap)
        return NULL;
    for (size_t i = h & (c->cap - 1);; i = (i + 1) & (c->cap - 1)) {
        wc_entry *e = &c->e[i];
        if (!e->hash)
            return e;
        if (e->hash == h && e->len == n && e->font == st->font && e->size == st->size &&
            e->ls == st->ls && e->rtl == rtl && memcmp(e->text, t, n) == 0)
            return e;
    }
}

static void wc_put(ts_ctx *cx, uint64_t h, const ts_style *st, bool rtl, const char *t,
                   size_t n, const seg *sg)
{
    if (!cx->wcache)
        cx->wcache = ar_alloc(cx->ar, sizeof *cx->wcache);
    ts_wcache *c = cx->wcache;
    if ((c->used + 1) * 2 > c->cap) { /* grow: rehash into twice the slots */
        size_t cap = c->cap ? c->cap * 2 : 1024;
        wc_entry *old = c->e;
        size_t ocap = c->cap;
        c->e = ar_alloc(cx->ar, cap * sizeof *c->e);
        c->cap = cap;
        for (size_t i = 0; i < ocap; i++)
            if (old[i].hash) {
                size_t k = old[i].hash & (cap - 1);
                while (c->e[k].hash)
                    k = (k + 1) & (cap - 1);
                c->e[k] = old[i];
            }
    }
    wc_entry *e = wc_find(cx, h, st, rtl, t, n);
    if (e->hash)
        return;
    dl_glyph *g = ar_alloc(cx->ar, (sg->n ? sg->n : 1) * sizeof *g);
    memcpy(g, sg->g, sg->n * sizeof *g);
    *e = (wc_entry){.hash = h, .text = ar_strndup(cx->ar, t, n), .len = n, .font = st->font,
                    .size = st->size, .ls = st->ls, .rtl = rtl, .g = g, .n = sg->n, .w = sg->w};
    c->used++;
}

/* Split WORD into runs of one font each (primary or fallback) and shape them. */
static size_t shape_word(ts_ctx *cx, style_cache *sc, const ts_style *st, const char *w,
                         size_t len, const uint8_t *lv, seg *segs, size_t max)
{
    /* the cache takes words of one level only */
    bool one_level = true;
    for (size_t i = 1; lv && i < len && one_level; i++)
        one_level = lv[i] == lv[0];
    uint8_t level = lv ? lv[0] : 0;
    bool rtl = level & 1;
    uint64_t h = wc_hash(st->font, st->size, w, len) ^ (rtl ? 0x9e3779b97f4a7c15ull : 0);
    if (st->small_caps) /* the cache keys no case mapping */
        one_level = false;
    wc_entry *hit = one_level ? wc_find(cx, h, st, rtl, w, len) : NULL;
    if (hit && hit->hash) {
        segs[0] = (seg){.st = st, .from = 0, .to = len, .g = hit->g, .n = hit->n, .w = hit->w,
                        .level = level};
        return 1;
    }
    size_t ns = shape_runs(cx, sc, st, w, len, lv, segs, max);
    if (one_level && ns == 1 && segs[0].st == st && segs[0].n)
        wc_put(cx, h, st, rtl, w, len, &segs[0]);
    return ns;
}

/* A single string shaped in one font without letter spacing, through the cache. */
static size_t shape_cached(ts_ctx *cx, int font, double size, const char *t, dl_glyph **g,
                           double *w)
{
    ts_style st = {.font = font, .size = size};
    size_t len = strlen(t);
    uint64_t h = wc_hash(font, size, t, len);
    wc_entry *e = wc_find(cx, h, &st, false, t, len);
    if (e && e->hash) {
        *g = e->g;
        *w = e->w;
        return e->n;
    }
    seg sg = {.st = &st, .to = len};
    sg.n = fnt_shape(cx->env->fonts, font, size, t, len, NULL, false, cx->scratch, &sg.g, &sg.w);
    if (sg.n)
        wc_put(cx, h, &st, false, t, len, &sg);
    *g = sg.g;
    *w = sg.w;
    return sg.n;
}

/* Split WORD into runs of one font each (primary or fallback) and shape them. */
static size_t shape_runs(ts_ctx *cx, style_cache *sc, const ts_style *st, const char *w,
                         size_t len, const uint8_t *lv, seg *segs, size_t max)
{
    size_t ns = 0, i = 0;
    while (i < len && ns < max) {
        size_t j = i;
        int font = -2;
        int small = -1; /* small capitals: whether this run is of lower-case letters */
        while (j < len) {
            if (lv && lv[j] != lv[i])
                break; /* a new direction run */
            uint32_t cp;
            size_t l = u8_decode(w + j, len - j, &cp);
            if (st->small_caps && !(small >= 0 && is_mark(cp))) {
                if (small < 0)
                    small = is_small(cp);
                else if (small != (int)is_small(cp))
                    break; /* capitals and small capitals are two sizes */
            }
            int f = st->font;
            /* every character is checked, ASCII too: a face chosen for one script
             * (Noto Naskh Arabic, say) may have no Latin letters or digits */
            if (font != -2 && is_mark(cp))
                f = font; /* with its base letter */
            else if (cp > 0x20 && !fnt_covers(cx->env->fonts, st->font, cp)) {
                int fb = fnt_fallback(cx->env->fonts, st->font, cp);
                if (fb >= 0)
                    f = fb;
            }
            if (font == -2)
                font = f;
            else if (f != font)
                break;
            j += l;
        }
        if (ns + 1 == max)
            j = len;
        seg *s = &segs[ns++];
        ts_style want = *st;
        want.font = font;
        if (small > 0) /* capitals of the same UTF-8 length: clusters stay valid in W */
            want.size = st->size * TS_SMALL_CAPS;
        s->st = font == st->font && small <= 0 ? st : style_get(cx, sc, &want);
        s->from = i;
        s->to = j;
        s->level = lv ? lv[i] : 0;
        const char *shaped = small > 0 ? upper_copy(cx->scratch, w + i, j - i) : w + i;
        s->n = fnt_shape(cx->env->fonts, s->st->font, s->st->size, shaped, j - i, cx->lang,
                         s->level & 1, cx->scratch, &s->g, &s->w);
        for (size_t k = 0; k < s->n; k++) {
            s->g[k].cluster += (uint32_t)i;
            /* letter spacing; none where small capitals meet capitals inside a word: text
             * extraction (pdftotext) reads a gap at a change of size as a word space */
            if (st->ls != 0 && !(small >= 0 && j < len && k + 1 == s->n)) {
                s->g[k].adv += (float)st->ls;
                s->w += st->ls;
            }
        }
        i = j;
    }
    return ns;
}

static bool looks_like_url(const char *w, size_t len)
{
    for (size_t i = 0; i + 3 <= len; i++)
        if (memcmp(w + i, "://", 3) == 0 || (i + 4 <= len && memcmp(w + i, "www.", 4) == 0))
            return true;
    int slashes = 0;
    for (size_t i = 0; i < len; i++)
        slashes += w[i] == '/';
    return slashes >= 2;
}

static bool has_digit(const char *w, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (isdigit((unsigned char)w[i]))
            return true;
    return false;
}

/* Break kinds after each byte offset of WORD (kind[o] = a break may go before byte o). */
static void word_breaks(ts_ctx *cx, const ts_style *st, const char *w, size_t len, double width,
                        double line_w, brk *kind)
{
    bool url = looks_like_url(w, len);
    bool dashed = false;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t l = u8_decode(w + i, len - i, &cp);
        if (is_dash(cp) && i > 0 && i + l < len) {
            kind[i + l] = BRK_EXPLICIT;
            dashed = true;
        } else if (cp == 0xAD && st->soft && i > 0 && i + l < len) {
            kind[i + l] = BRK_SOFT;
        } else if (url && (cp == '/' || cp == '?' || cp == '&' || cp == '_' || cp == '=') &&
                   i + l < len && i > 0) {
            kind[i + l] = BRK_URL;
        }
        i += l;
    }
    /* hyphenation of the letters inside the word (not URLs, numbers, compounds) */
    if (st->hyphenate && !url && !dashed && !has_digit(w, len) && cx->env->hyph) {
        size_t a = 0, b = len;
        while (a < b) {
            uint32_t cp;
            size_t l = u8_decode(w + a, b - a, &cp);
            if (is_letter(cp))
                break;
            a += l;
        }
        while (b > a) {
            size_t k = b - 1;
            while (k > a && ((unsigned char)w[k] & 0xC0) == 0x80)
                k--;
            uint32_t cp;
            u8_decode(w + k, b - k, &cp);
            if (is_letter(cp))
                break;
            b = k;
        }
        bool letters = b > a;
        for (size_t i = a; i < b && letters;) {
            uint32_t cp;
            size_t l = u8_decode(w + i, b - i, &cp);
            letters = is_letter(cp) || cp == 0x2019 || cp == '\'';
            i += l;
        }
        if (letters && b - a >= 5) {
            size_t pts[MAX_HYPH];
            size_t np = hyph_word(cx->env->hyph, cx->lang, w + a, b - a, pts, MAX_HYPH);
            for (size_t k = 0; k < np; k++) {
                size_t o = a + pts[k];
                if (o > a && o < b && kind[o] == BRK_NONE)
                    kind[o] = BRK_HYPH;
            }
        }
    }
    /* Chinese and Japanese: between characters, kinsoku respected */
    bool cjk = false;
    if (ts_cjk_has_wide(w, len)) {
        uint32_t prev = 0;
        for (size_t i = 0; i < len;) {
            uint32_t cp;
            size_t l = u8_decode(w + i, len - i, &cp);
            if (i > 0) {
                ts_cjk_gap gp = ts_cjk_gap_at(prev, cp);
                if (gp.brk && kind[i] == BRK_NONE) {
                    kind[i] = BRK_CJK;
                    cjk = true;
                }
            }
            prev = cp;
            i += l;
        }
    }
    /* a word wider than the line may break anywhere */
    if (width > line_w * 0.9 && !cjk) {
        for (size_t i = 1; i < len; i++)
            if (kind[i] == BRK_NONE && ((unsigned char)w[i] & 0xC0) != 0x80)
                kind[i] = BRK_CHAR;
    }
}

/* Boxes (and in-word penalties) for one word of a run. */
static void add_word(ts_ctx *cx, ts_para *p, style_cache *sc, const ts_style *st,
                     const char *w, size_t len, const uint8_t *lv, double line_w)
{
    seg segs[64];
    size_t ns = shape_word(cx, sc, st, w, len, lv, segs, 64);
    double width = 0;
    for (size_t i = 0; i < ns; i++)
        width += segs[i].w;
    brk *kind = ar_alloc(cx->scratch, (len + 1) * sizeof *kind);
    word_breaks(cx, st, w, len, width, line_w, kind);

    for (size_t s = 0; s < ns; s++) {
        seg *sg = &segs[s];
        size_t g0 = 0;
        bool rtl = sg->level & 1; /* glyphs in visual order: the segment stays whole */
        for (size_t k = 1; k <= sg->n; k++) {
            brk bk = BRK_NONE;
            if (k == sg->n && s + 1 < ns)
                bk = kind[sg->to]; /* a break where the font or direction changes */
            if (k < sg->n) {
                if (rtl)
                    continue;
                uint32_t c = sg->g[k].cluster;
                /* cut only where a new cluster starts (never inside a ligature) */
                if (c == sg->g[k - 1].cluster || c <= sg->from || c >= sg->to || kind[c] == BRK_NONE)
                    continue;
                bk = kind[c];
            }
            size_t t0 = sg->g[g0].cluster, t1 = k < sg->n ? sg->g[k].cluster : sg->to;
            if (g0 == 0)
                t0 = sg->from;
            if (rtl) {
                t0 = sg->from;
                t1 = sg->to;
            }
            dl_glyph *g = ar_alloc(cx->scratch, (k - g0) * sizeof *g);
            for (size_t q = g0; q < k; q++) {
                g[q - g0] = sg->g[q];
                g[q - g0].cluster -= (uint32_t)t0;
            }
            ts_item *bx = item_add(cx, p, TS_BOX);
            bx->piece = piece_add(cx, p, sg->st, w + t0, t1 - t0, g, k - g0);
            bx->w = p->pieces[bx->piece].w;
            bx->level = sg->level;
            bx->spaced = p->justify && !joining(w + t0, t1 - t0);
            if (bx->spaced && k - g0 > 1) {
                bx->stretch = bx->w * BOX_STRETCH;
                bx->shrink = bx->w * BOX_SHRINK;
            }
            if (bk == BRK_CJK) {
                /* a gap that may break, grow or close */
                uint32_t a = 0, c = 0;
                size_t o = t1, q = o;
                while (q > 0 && ((unsigned char)w[q - 1] & 0xC0) == 0x80)
                    q--;
                if (q > 0)
                    u8_decode(w + q - 1, o - q + 1, &a);
                u8_decode(w + o, len - o, &c);
                ts_cjk_gap gp = ts_cjk_gap_at(a, c);
                ts_item *gl = item_add(cx, p, TS_GLUE);
                gl->stretch = p->justify ? gp.stretch * sg->st->size : 0;
                gl->shrink = p->justify ? gp.shrink * sg->st->size : 0;
                gl->level = sg->level;
            } else if (bk != BRK_NONE) {
                ts_item *pn = item_add(cx, p, TS_PENALTY);
                bool soft = bk == BRK_HYPH || bk == BRK_SOFT;
                pn->flagged = soft || bk == BRK_EXPLICIT;
                pn->penalty = soft                 ? HYPHEN_PENALTY
                              : bk == BRK_EXPLICIT ? EXPLICIT_PENALTY
                              : bk == BRK_URL      ? URL_PENALTY
                                                   : CHAR_PENALTY;
                if (soft) {
                    pn->w = sg->st->hyphen_w;
                    pn->piece = piece_add(cx, p, sg->st, "-", 1, &sg->st->hyphen, 1);
                }
            }
            g0 = k;
        }
        if (sg->n == 0 && sg->to > sg->from) { /* nothing shaped: keep the text anyway */
            ts_item *bx = item_add(cx, p, TS_BOX);
            bx->level = sg->level;
            bx->piece = piece_add(cx, p, sg->st, w + sg->from, sg->to - sg->from, NULL, 0);
        }
    }
}

static void add_space(ts_ctx *cx, ts_para *p, const ts_style *st, uint8_t level)
{
    if (p->n == 0 || p->items[p->n - 1].kind == TS_GLUE ||
        (p->items[p->n - 1].kind == TS_PENALTY && p->items[p->n - 1].penalty <= -TS_INF_PENALTY))
        return; /* no space at the start of a line after a break */
    ts_item *g = item_add(cx, p, TS_GLUE);
    g->w = st->space_w;
    g->stretch = st->space_w * 0.5;
    g->shrink = st->space_w * 0.33;
    g->piece = piece_add(cx, p, st, " ", 1, &st->space, 1);
    g->level = level;
}

static void add_forced(ts_ctx *cx, ts_para *p)
{
    while (p->n && p->items[p->n - 1].kind == TS_GLUE)
        p->n--;
    ts_item *g = item_add(cx, p, TS_GLUE);
    g->fil = true;
    g->stretch = 1;
    /* a paragraph's last line stops at least an em short of the measure, so it never
     * reads as a full line running on */
    g->w = p->justify ? (p->max_size > 0 ? p->max_size : 6) : 0;
    g->level = p->base;
    ts_item *pn = item_add(cx, p, TS_PENALTY);
    pn->penalty = -TS_INF_PENALTY;
}

/* Whether the paragraph needs the bidi algorithm: a right-to-left document or letters. */
static bool needs_bidi(ts_ctx *cx, const art_run *runs)
{
    if (cx->doc->dir && (cx->doc->dir[0] == 'r' || cx->doc->dir[0] == 'R'))
        return true;
    for (const art_run *r = runs; r; r = r->next)
        for (size_t i = 0; i < r->len; i++) {
            unsigned char c = (unsigned char)r->text[i];
            if ((c >= 0xD6 && c <= 0xDF) || c == 0xEF) {
                uint32_t cp;
                u8_decode(r->text + i, r->len - i, &cp);
                if (bidi_is_rtl_char(cp))
                    return true;
            }
        }
    return false;
}

/* Embedding levels for the runs' text laid end to end (a <br> counts as a new line). */
static uint8_t *para_levels(ts_ctx *cx, const art_run *runs, ts_para *p)
{
    size_t len = 0;
    for (const art_run *r = runs; r; r = r->next)
        len += (r->flags & ART_BR) ? 1 : r->len;
    char *t = ar_alloc(cx->scratch, len + 1);
    size_t k = 0;
    for (const art_run *r = runs; r; r = r->next) {
        if (r->flags & ART_BR)
            t[k++] = '\n';
        else {
            memcpy(t + k, r->text, r->len);
            k += r->len;
        }
    }
    bidi_dir base = bidi_base_dir(cx->doc->dir, t, len, BIDI_LTR);
    bidi_para bp;
    bidi_para_levels(&bp, t, len, base, cx->scratch);
    p->base = base == BIDI_RTL ? 1 : 0;
    p->bidi = base == BIDI_RTL || bp.mixed;
    return p->bidi ? bp.levels : NULL;
}

bool ts_para_build(ts_ctx *cx, const art_run *runs, const sty_block *b, double indent,
                   double line_w, ts_para *p)
{
    memset(p, 0, sizeof *p);
    p->justify = b->align == STY_JUSTIFY;
    style_cache sc = {.n = 0};
    uint8_t *levels = needs_bidi(cx, runs) ? para_levels(cx, runs, p) : NULL;
    size_t off = 0; /* of the current run in the levels */
    if (indent > 0) {
        ts_item *bx = item_add(cx, p, TS_BOX);
        bx->w = indent;
        bx->level = p->base;
    }
    for (const art_run *r = runs; r; r = r->next) {
        if (r->flags & ART_BR) {
            if (p->n)
                add_forced(cx, p);
            off++;
            continue;
        }
        const uint8_t *lv = levels ? levels + off : NULL;
        off += r->len;
        ts_style want;
        if (!run_style(cx, b, r, &want))
            return false;
        const ts_style *st = style_get(cx, &sc, &want);
        if (st->size > p->max_size)
            p->max_size = st->size;
        const char *t = st->upper ? upper_copy(cx->scratch, r->text, r->len) : r->text;
        size_t len = st->upper ? strlen(t) : r->len;
        for (size_t i = 0; i < len;) {
            if (t[i] == ' ' || t[i] == '\n' || t[i] == '\t') {
                add_space(cx, p, st, lv ? lv[i] : 0);
                i++;
                continue;
            }
            size_t j = i;
            while (j < len && t[j] != ' ' && t[j] != '\n' && t[j] != '\t')
                j++;
            add_word(cx, p, &sc, st, t + i, j - i, lv ? lv + i : NULL, line_w);
            i = j;
        }
    }
    /* trailing line breaks would make empty lines */
    while (p->n && (p->items[p->n - 1].kind == TS_GLUE ||
                    (p->items[p->n - 1].kind == TS_PENALTY &&
                     p->items[p->n - 1].penalty <= -TS_INF_PENALTY)))
        p->n--;
    add_forced(cx, p);
    return true;
}

void ts_para_natural(const ts_para *p, double *total, double *widest)
{
    double t = 0, wmax = 0, word = 0;
    for (size_t i = 0; i < p->n; i++) {
        const ts_item *it = &p->items[i];
        if (it->kind == TS_BOX) {
            word += it->w;
            t += it->w;
        } else if (it->kind == TS_GLUE) {
            t += it->w;
            word = 0;
        } else if (it->penalty < TS_INF_PENALTY) {
            word = 0;
        }
        if (word > wmax)
            wmax = word;
    }
    *total = t;
    *widest = wmax;
}

/* ---- lines back into display items ------------------------------------------------------ */

typedef struct acc {
    const ts_style *st;
    double x0, w;
    dl_glyph *g;
    size_t n, cap;
    char *text;
    size_t len, cap_t;
} acc;

typedef struct linkacc {
    const char *href;
    double x0, x1;
} linkacc;

static void acc_flush(ts_ctx *cx, acc *a, ts_vbox *vb, double baseline)
{
    if (a->st && (a->n || a->len)) {
        dl_item *op = ts_vbox_op(vb, DL_TEXT, cx->ar);
        op->x = a->x0;
        op->y = baseline - a->st->raise;
        op->w = a->w;
        op->h = a->st->size;
        dl_glyph *g = ar_alloc(cx->ar, (a->n ? a->n : 1) * sizeof *g);
        memcpy(g, a->g, a->n * sizeof *g);
        op->u.text.font = a->st->font;
        op->u.text.size = a->st->size;
        op->u.text.rgb = a->st->rgb;
        op->u.text.text = ar_strndup(cx->ar, a->text, a->len);
        op->u.text.len = a->len;
        op->u.text.glyphs = g;
        op->u.text.n = a->n;
    }
    a->st = NULL;
    a->n = a->len = 0;
    a->w = 0;
}

/* Add piece PC at X to the run: every glyph at ADV_OVERRIDE wide when that is >= 0 (a word
 * space), else as shaped with LS more after each cluster but, when LAST (the word ends),
 * the final one. Returns the width LS added. */
static double acc_add(ts_ctx *cx, acc *a, const ts_piece *pc, double adv_override, double x,
                      double ls, bool last)
{
    if (!a->st) {
        a->st = pc->st;
        a->x0 = x;
    }
    if (a->n + pc->n > a->cap) {
        size_t cap = (a->n + pc->n) * 2 + 16;
        a->g = ar_grow(cx->scratch, a->g, a->n * sizeof *a->g, cap * sizeof *a->g);
        a->cap = cap;
    }
    if (a->len + pc->len + 1 > a->cap_t) {
        size_t cap = (a->len + pc->len) * 2 + 64;
        a->text = ar_grow(cx->scratch, a->text, a->len, cap);
        a->cap_t = cap;
    }
    double added = 0;
    for (size_t i = 0; i < pc->n; i++) {
        dl_glyph g = pc->g[i];
        g.cluster += (uint32_t)a->len;
        if (adv_override >= 0) {
            g.adv = (float)adv_override;
        } else if (ls != 0 && (i + 1 < pc->n ? pc->g[i + 1].cluster != pc->g[i].cluster : !last)) {
            g.adv += (float)ls;
            added += ls;
        }
        a->g[a->n++] = g;
        a->w += g.adv;
    }
    memcpy(a->text + a->len, pc->text, pc->len);
    a->len += pc->len;
    return added;
}

/* whether the box at IDX[Q] ends a word of the line: a space or the line's end follows */
static bool word_end(const ts_para *p, const size_t *idx, size_t n, size_t q)
{
    if (q + 1 == n)
        return true;
    const ts_item *next = &p->items[idx[q + 1]];
    return next->kind == TS_GLUE || (next->kind == TS_BOX && next->piece < 0);
}

/* the clusters of PC */
static size_t clusters(const ts_piece *pc)
{
    size_t c = 0;
    for (size_t i = 0; i < pc->n; i++)
        c += i + 1 == pc->n || pc->g[i + 1].cluster != pc->g[i].cluster;
    return c;
}

/* The spacing R gives the letters of the line whose items are IDX[0..N), in visual order:
 * the words' share of the stretch or shrink spread evenly, the same space between any two
 * letters of a word (so the PDF says it once, in Tc), none at word ends, where the glue
 * sets the spaces. Rounded to 0.0001 pt where the line has a word space, which takes in
 * *REST what the rounding moved. */
static double letter_spacing(const ts_para *p, const size_t *idx, size_t n, double r,
                             double *rest)
{
    *rest = 0;
    if (r == 0)
        return 0;
    double share = 0;
    size_t gaps = 0;
    bool glue = false;
    for (size_t q = 0; q < n; q++) {
        const ts_item *it = &p->items[idx[q]];
        glue = glue || it->kind == TS_GLUE;
        if (it->kind != TS_BOX)
            continue;
        share += r >= 0 ? r * it->stretch : r * it->shrink;
        if (it->spaced && it->piece >= 0)
            gaps += clusters(&p->pieces[it->piece]) - word_end(p, idx, n, q);
    }
    if (gaps == 0)
        return 0;
    if (!glue)
        return share / (double)gaps;
    double ls = round(share / (double)gaps * 1e4) / 1e4;
    *rest = share - ls * (double)gaps;
    return ls;
}

static void link_flush(ts_ctx *cx, linkacc *l, ts_vbox *vb)
{
    if (l->href && l->x1 > l->x0) {
        dl_item *op = ts_vbox_op(vb, DL_LINK, cx->ar);
        op->x = l->x0;
        op->y = 0;
        op->w = l->x1 - l->x0;
        op->h = vb->h;
        op->u.link.uri = l->href;
    }
    l->href = NULL;
}

double ts_baseline(ts_ctx *cx, const sty_block *b)
{
    double asc = 0.8, desc = -0.2;
    int id = font_for(cx, b, NULL, b->bold, b->italic);
    const fnt_info *fi = id >= 0 ? fnt_get_info(cx->env->fonts, id) : NULL;
    if (fi && fi->ascender > 0) {
        asc = fi->ascender;
        desc = fi->descender > 0 ? -fi->descender : fi->descender;
    }
    return (b->leading - (asc - desc) * b->size) / 2 + asc * b->size;
}

/* Rules L2 of UAX #9 on the items of a line: from the highest level down to the lowest odd
 * one, reverse every stretch of items at that level or above. */
static void reorder(const ts_para *p, size_t *idx, size_t n)
{
    uint8_t hi = 0, lo_odd = 255;
    for (size_t i = 0; i < n; i++) {
        uint8_t l = p->items[idx[i]].level;
        if (l > hi)
            hi = l;
        if ((l & 1) && l < lo_odd)
            lo_odd = l;
    }
    for (int lev = hi; lev >= lo_odd && lev > 0; lev--)
        for (size_t i = 0; i < n;) {
            if (p->items[idx[i]].level < lev) {
                i++;
                continue;
            }
            size_t e = i;
            while (e < n && p->items[idx[e]].level >= lev)
                e++;
            for (size_t a = i, b = e - 1; a < b; a++, b--) {
                size_t t = idx[a];
                idx[a] = idx[b];
                idx[b] = t;
            }
            i = e;
        }
}

static bool same_look(const ts_style *a, const ts_style *b)
{
    return a->font == b->font && a->size == b->size && a->rgb == b->rgb && a->raise == b->raise;
}

/* Draw one line: items FROM..TO (TO = its break) into VB, in visual order. */
static void emit_line(ts_ctx *cx, const ts_para *p, size_t from, size_t to, const sty_block *b,
                      double x, double line_w, bool last, ts_vbox *vb, double baseline)
{
    double natural;
    double r = ts_line_ratio(p->items, from, to, line_w, &natural);
    bool justify = b->align == STY_JUSTIFY;
    if (r > 0 && (!justify || last))
        r = 0; /* ragged lines and last lines keep natural spaces; they still shrink */

    /* the line's items (the hyphen too), in visual order, and their width as set */
    size_t *idx = ar_alloc(cx->scratch, (to - from + 2) * sizeof *idx), n = 0;
    double used = 0;
    for (size_t j = from; j <= to && j < p->n; j++) {
        const ts_item *it = &p->items[j];
        if (it->kind == TS_PENALTY) {
            if (j == to && it->flagged && it->piece >= 0) {
                idx[n++] = j;
                used += p->pieces[it->piece].w;
            }
            continue;
        }
        if (j == to || (it->kind == TS_GLUE && it->fil))
            continue;
        idx[n++] = j;
        used += it->w + (r >= 0 ? r * it->stretch : r * it->shrink);
    }
    if (p->bidi)
        reorder(p, idx, n);

    sty_align al = b->align;
    if (p->base & 1) /* right to left: the start is the right edge */
        al = al == STY_RIGHT ? STY_LEFT : al == STY_CENTER ? STY_CENTER : STY_RIGHT;
    double off = al == STY_CENTER ? (line_w - used) / 2 : al == STY_RIGHT ? line_w - used : 0;
    if (off < 0)
        off = 0;
    double rest;
    double ls = letter_spacing(p, idx, n, r, &rest);
    double pen = x + off;
    acc a = {0};
    linkacc lk = {0};
    for (size_t q = 0; q < n; q++) {
        const ts_item *it = &p->items[idx[q]];
        if (it->kind == TS_PENALTY) { /* the hyphen of a hyphenated break */
            const ts_piece *pc = &p->pieces[it->piece];
            if (a.st && !same_look(a.st, pc->st))
                acc_flush(cx, &a, vb, baseline);
            acc_add(cx, &a, pc, -1, pen, 0, true);
            pen += pc->w;
            if (lk.href)
                lk.x1 = pen;
            continue;
        }
        double adj = r >= 0 ? r * it->stretch : r * it->shrink;
        if (it->kind == TS_GLUE) {
            double wv = it->w + adj + rest;
            rest = 0;
            if (it->piece >= 0 && a.st && same_look(a.st, p->pieces[it->piece].st))
                acc_add(cx, &a, &p->pieces[it->piece], wv, pen, 0, false);
            else
                acc_flush(cx, &a, vb, baseline);
            pen += wv;
            continue;
        }
        if (it->piece < 0) { /* indent */
            acc_flush(cx, &a, vb, baseline);
            pen += it->w;
            continue;
        }
        const ts_piece *pc = &p->pieces[it->piece];
        if (a.st && !same_look(a.st, pc->st))
            acc_flush(cx, &a, vb, baseline);
        if (pc->st->href != lk.href) {
            link_flush(cx, &lk, vb);
            if (pc->st->href) {
                lk.href = pc->st->href;
                lk.x0 = pen;
            }
        }
        pen += pc->w + acc_add(cx, &a, pc, -1, pen, it->spaced ? ls : 0, word_end(p, idx, n, q));
        if (lk.href)
            lk.x1 = pen;
    }
    acc_flush(cx, &a, vb, baseline);
    link_flush(cx, &lk, vb);
}

/* ---- drop caps ---------------------------------------------------------------------------- */

/* Opening quotation marks a drop cap takes along with the letter after them. */
static bool is_open_quote(uint32_t cp)
{
    return cp == '"' || cp == '\'' || cp == 0xAB || cp == 0xBB || cp == 0x2018 ||
           cp == 0x201A || cp == 0x201B || cp == 0x201C || cp == 0x201E || cp == 0x201F ||
           cp == 0x2039 || cp == 0x203A;
}

bool ts_drop_cap(ts_ctx *cx, const art_run *runs, int lines, ts_drop *dc, const art_run **rest)
{
    memset(dc, 0, sizeof *dc);
    *rest = runs;
    if (!runs || lines < 2 || runs->flags & ART_BR || needs_bidi(cx, runs))
        return false;
    const char *t = runs->text;
    size_t n = runs->len, i = 0;
    uint32_t cp = 0;
    while (i < n) {
        size_t l = u8_decode(t + i, n - i, &cp);
        if (!is_open_quote(cp))
            break;
        i += l;
    }
    if (i >= n || !(is_letter(cp) || (cp >= '0' && cp <= '9')) || ts_cjk_has_wide(t + i, n - i))
        return false;
    i += u8_decode(t + i, n - i, &cp);
    while (i < n) { /* the letter's combining marks */
        size_t l = u8_decode(t + i, n - i, &cp);
        if (!is_mark(cp))
            break;
        i += l;
    }
    dc->lines = lines > TS_MAX_WIDTHS ? TS_MAX_WIDTHS : lines;
    dc->text = t;
    dc->len = i;
    if (i == n) { /* the run was the letter alone ("<b>T</b>he ...") */
        *rest = runs->next;
        return true;
    }
    art_run *r = ar_alloc(cx->ar, sizeof *r);
    *r = *runs;
    r->text = t + i;
    r->len = n - i;
    *rest = r;
    return true;
}

/* The drop cap's text op in the first line's box VB (X: the paragraph's left edge; BASE: its
 * first baseline; LEAD: its line height), LINES tall: its capitals reach from the first
 * line's cap height down to the baseline of line LINES (1: the letter at the text size, in
 * the line). Returns the width it takes, with the gap after it; 0 when it is wider than
 * MAX_W (then VB gets nothing). */
static double drop_op(ts_ctx *cx, const ts_drop *dc, int lines, const sty_block *b, double x,
                      double base, double lead, double max_w, ts_vbox *vb)
{
    int id = font_for(cx, b, NULL, b->bold, b->italic);
    if (id < 0)
        return 0;
    uint32_t cp = 0; /* the letter, past any quotes, may need another face */
    for (size_t i = 0; i < dc->len;) {
        i += u8_decode(dc->text + i, dc->len - i, &cp);
        if (!is_open_quote(cp))
            break;
    }
    int fb = fnt_fallback(cx->env->fonts, id, cp);
    if (fb >= 0)
        id = fb;
    const fnt_info *fi = fnt_get_info(cx->env->fonts, id);
    double cap = fi && fi->cap_height > 0.3 && fi->cap_height < 1 ? fi->cap_height : 0.7;
    double size = ((lines - 1) * lead + cap * b->size) / cap;
    const char *t = b->uppercase ? upper_copy(cx->ar, dc->text, dc->len) : dc->text;
    dl_glyph *g;
    double w;
    size_t n = fnt_shape(cx->env->fonts, id, size, t, dc->len, cx->lang, false, cx->ar, &g, &w);
    double gap = lines > 1 ? b->size * 0.25 : 0;
    if (!n || w <= 0 || (w + gap > max_w && lines > 1))
        return 0;
    dl_item *op = ts_vbox_op(vb, DL_TEXT, cx->ar);
    op->x = x;
    op->y = base + (lines - 1) * lead;
    op->w = w;
    op->h = size;
    op->u.text.font = id;
    op->u.text.size = size;
    op->u.text.rgb = b->color;
    op->u.text.text = ar_strndup(cx->ar, t, dc->len);
    op->u.text.len = dc->len;
    op->u.text.glyphs = g;
    op->u.text.n = n;
    return w + gap;
}

/* ---- a paragraph's lines ------------------------------------------------------------------- */

size_t ts_para_lines(ts_ctx *cx, ts_para *p, const sty_block *b, double x, double line_w,
                     ts_vlist *vl)
{
    double lead = b->leading;
    if (p->max_size * 1.15 > lead)
        lead = p->max_size * 1.15;
    double base = ts_baseline(cx, b) + (lead - b->leading) / 2;

    /* a drop cap narrows the first lines by its width (and sits in the first line's box) */
    size_t first_vb = vl->n, hang = 0;
    double hang_w = 0, widths[TS_MAX_WIDTHS];
    if (p->drop && p->drop->len) {
        /* the letter is no longer in the items: it is drawn here whatever happens, at
         * fewer lines when the cap would take half the column, at the text size at worst */
        ts_vbox *vb = ts_vbox_add(vl, TS_V_LINE, lead, cx->ar);
        int dl = p->drop->lines < 1 ? 1 : p->drop->lines;
        for (; dl >= 1 && hang_w <= 0; dl--)
            hang_w = drop_op(cx, p->drop, dl, b, x, base, lead, line_w * 0.5, vb);
        hang = hang_w > 0 ? (size_t)dl + 1 : 0;
        for (size_t l = 0; l < hang; l++)
            widths[l] = line_w - hang_w;
    }

    /* each stretch up to a forced break (<br>) is broken on its own, so one hard stretch
     * does not send the whole paragraph to the emergency pass */
    size_t *br = NULL, lines = 0, cap = 0;
    for (size_t s = 0; s < p->n;) {
        size_t e = s;
        while (e < p->n && !(p->items[e].kind == TS_PENALTY &&
                             p->items[e].penalty <= -TS_INF_PENALTY))
            e++;
        if (e == p->n)
            break;
        size_t *sb;
        ts_measure m = {.line_w = line_w};
        if (lines < hang) { /* the narrow lines this stretch still has */
            m.widths = widths + lines;
            m.n_widths = hang - lines;
        }
        size_t k = ts_break_best(p->items + s, e - s + 1, &m, b->align != STY_JUSTIFY,
                                 cx->scratch, &sb, &cx->stats);
        if (lines + k > cap) {
            size_t nc = (lines + k) * 2 + 8;
            br = ar_grow(cx->scratch, br, lines * sizeof *br, nc * sizeof *br);
            cap = nc;
        }
        for (size_t q = 0; q < k; q++)
            br[lines++] = sb[q] + s;
        s = e + 1;
    }
    size_t from = 0;
    for (size_t l = 0; l < lines; l++) {
        bool narrow = l < hang;
        ts_vbox *vb = l == 0 && vl->n > first_vb ? vl->v[first_vb]
                                                 : ts_vbox_add(vl, TS_V_LINE, lead, cx->ar);
        if (cx->keep_next > 0) {
            vb->keep_prev = true;
            cx->keep_next--;
        }
        if (narrow && l > 0)
            vb->keep_prev = true; /* the drop cap's lines stay in one column */
        emit_line(cx, p, from, br[l], b, x + (narrow ? hang_w : 0),
                  narrow ? line_w - hang_w : line_w, l + 1 == lines, vb, base);
        from = ts_line_start(p->items, p->n, br[l]);
    }
    if (vl->n > first_vb && lines == 0)
        lines = 1; /* the drop cap's box, with no text beside it */
    for (; lines < hang; lines++) { /* a paragraph shorter than the drop cap */
        ts_vbox *vb = ts_vbox_add(vl, TS_V_LINE, lead, cx->ar);
        vb->keep_prev = true;
    }
    return lines;
}

/* One DL_TEXT op of T[0..LEN) shaped from SHAPED (the same length) at SIZE. */
static double text_op1(ts_ctx *cx, ts_vbox *vb, const sty_block *b, int id, double size,
                       const char *t, const char *shaped, size_t len, bool rtl, double x,
                       double baseline)
{
    dl_glyph *g;
    double w;
    size_t n = fnt_shape(cx->env->fonts, id, size, shaped, len, cx->lang, rtl, cx->ar, &g, &w);
    dl_item *op = ts_vbox_op(vb, DL_TEXT, cx->ar);
    op->x = x;
    op->y = baseline;
    op->w = w;
    op->h = size;
    op->u.text.font = id;
    op->u.text.size = size;
    op->u.text.rgb = b->color;
    op->u.text.text = t;
    op->u.text.len = len;
    op->u.text.glyphs = g;
    op->u.text.n = n;
    return w;
}

double ts_text_op(ts_ctx *cx, ts_vbox *vb, const sty_block *b, const char *text, double x,
                  double baseline)
{
    int id = font_for(cx, b, NULL, b->bold, b->italic);
    if (id < 0 || !*text)
        return 0;
    const char *t = b->uppercase ? upper_copy(cx->ar, text, strlen(text)) : text;
    size_t len = strlen(t);
    bool rtl = bidi_first_strong(t, len, BIDI_LTR) == BIDI_RTL;
    if (!b->small_caps || rtl)
        return text_op1(cx, vb, b, id, b->size, t, t, len, rtl, x, baseline);
    /* small capitals: one op per run of capitals or of lower-case letters (set smaller) */
    double w = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t j = i + u8_decode(t + i, len - i, &cp);
        bool small = is_small(cp);
        while (j < len) { /* marks, spaces and punctuation go with the run they are in */
            size_t l = u8_decode(t + j, len - j, &cp);
            if ((is_letter(cp) || (cp >= '0' && cp <= '9')) && is_small(cp) != small)
                break;
            j += l;
        }
        const char *run = ar_strndup(cx->ar, t + i, j - i);
        w += text_op1(cx, vb, b, id, small ? b->size * TS_SMALL_CAPS : b->size, run,
                      small ? upper_copy(cx->ar, run, j - i) : run, j - i, false, x + w,
                      baseline);
        i = j;
    }
    return w;
}
