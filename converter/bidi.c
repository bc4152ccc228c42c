/* bidi.c - UAX #9 through FriBidi: paragraph direction, levels per byte, visual runs of a
 * line. The only file that includes FriBidi; its API (bidi.h) is libc only.
 *
 * Levels are resolved once per paragraph on the logical text (FriBidi rules P2-I1 and
 * parts 1-3 of L1). Lines are cut by the typesetter afterwards; for each line this file
 * applies the rest of L1 (trailing white space to the base level) and L2 (reversal) on
 * runs rather than characters, because shaping works on runs: HarfBuzz reverses the
 * glyphs inside a right-to-left run and mirrors its brackets. */
#include "bidi.h"

#include <string.h>
#include <strings.h>

#include <fribidi.h>

#include "u8.h"

bool bidi_is_rtl_char(uint32_t cp)
{
    FriBidiCharType t = fribidi_get_bidi_type(cp);
    return FRIBIDI_IS_LETTER(t) && FRIBIDI_IS_RTL(t);
}

bidi_dir bidi_first_strong(const char *text, size_t len, bidi_dir deflt)
{
    size_t i = 0;
    while (text && i < len) {
        uint32_t cp;
        i += u8_decode(text + i, len - i, &cp);
        FriBidiCharType t = fribidi_get_bidi_type(cp);
        if (FRIBIDI_IS_LETTER(t))
            return FRIBIDI_IS_RTL(t) ? BIDI_RTL : BIDI_LTR;
    }
    return deflt;
}

bidi_dir bidi_base_dir(const char *dir, const char *text, size_t len, bidi_dir deflt)
{
    if (dir && strcasecmp(dir, "rtl") == 0)
        return BIDI_RTL;
    if (dir && strcasecmp(dir, "ltr") == 0)
        return BIDI_LTR;
    return bidi_first_strong(text, len, deflt);
}

/* every byte at the base level: the fallback when FriBidi cannot help */
static void flat(bidi_para *p)
{
    memset(p->levels, p->base == BIDI_RTL ? 1 : 0, p->len);
    p->mixed = false;
}

bool bidi_para_levels(bidi_para *p, const char *text, size_t len, bidi_dir base, ar_arena *ar)
{
    *p = (bidi_para){.text = text, .len = len, .base = base};
    p->levels = ar_alloc(ar, len ? len : 1);
    if (!text || len == 0)
        return true;
    if (len > (size_t)INT32_MAX / 2) {
        flat(p);
        return false;
    }

    /* code points, and for each the byte where it starts */
    FriBidiChar *cps = ar_alloc(ar, len * sizeof *cps);
    size_t *at = ar_alloc(ar, (len + 1) * sizeof *at);
    size_t n = 0, i = 0;
    bool any_rtl = false;
    while (i < len) {
        uint32_t cp;
        at[n] = i;
        i += u8_decode(text + i, len - i, &cp);
        cps[n++] = cp;
        if (!any_rtl) {
            FriBidiCharType t = fribidi_get_bidi_type(cp);
            any_rtl = FRIBIDI_IS_RTL(t) || FRIBIDI_IS_ISOLATE(t) || FRIBIDI_IS_EXPLICIT(t) ||
                      FRIBIDI_IS_NUMBER(t);
        }
    }
    at[n] = len;
    if (!any_rtl && base == BIDI_LTR) { /* the common case: nothing to resolve */
        flat(p);
        return true;
    }

    FriBidiCharType *types = ar_alloc(ar, n * sizeof *types);
    FriBidiBracketType *brackets = ar_alloc(ar, n * sizeof *brackets);
    FriBidiLevel *lv = ar_alloc(ar, n * sizeof *lv);
    fribidi_get_bidi_types(cps, (FriBidiStrIndex)n, types);
    fribidi_get_bracket_types(cps, (FriBidiStrIndex)n, types, brackets);
    FriBidiParType pd = base == BIDI_RTL ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
    if (fribidi_get_par_embedding_levels_ex(types, brackets, (FriBidiStrIndex)n, &pd, lv) == 0) {
        flat(p);
        return false;
    }
    uint8_t b = base == BIDI_RTL ? 1 : 0;
    for (size_t k = 0; k < n; k++) {
        uint8_t l = lv[k] < 0 ? b : (uint8_t)lv[k];
        memset(p->levels + at[k], l, at[k + 1] - at[k]);
        if (l != b)
            p->mixed = true;
    }
    return true;
}

/* rule L1 part 4: white space (and isolate/embedding marks) at the end of the line */
static size_t trailing_ws(const bidi_para *p, size_t from, size_t to)
{
    size_t e = to;
    while (e > from) {
        size_t s = e - 1;
        while (s > from && ((unsigned char)p->text[s] & 0xC0) == 0x80)
            s--;
        uint32_t cp;
        u8_decode(p->text + s, e - s, &cp);
        FriBidiCharType t = fribidi_get_bidi_type(cp);
        if (!(FRIBIDI_IS_EXPLICIT_OR_BN_OR_WS(t) || FRIBIDI_IS_ISOLATE(t)))
            break;
        e = s;
    }
    return e;
}

size_t bidi_line_runs(const bidi_para *p, size_t from, size_t to, ar_arena *ar,
                      bidi_run **out)
{
    *out = NULL;
    if (!p || !p->levels || to > p->len)
        to = p ? p->len : 0;
    if (from >= to)
        return 0;
    uint8_t base = p->base == BIDI_RTL ? 1 : 0;
    size_t ws = trailing_ws(p, from, to);

    /* runs of one level, in logical order */
    size_t cap = 8, n = 0;
    bidi_run *r = ar_alloc(ar, cap * sizeof *r);
    for (size_t i = from; i < to;) {
        uint8_t l = i >= ws ? base : p->levels[i];
        size_t j = i + 1;
        while (j < to && (j >= ws ? base : p->levels[j]) == l)
            j++;
        if (n == cap) {
            r = ar_grow(ar, r, cap * sizeof *r, 2 * cap * sizeof *r);
            cap *= 2;
        }
        r[n++] = (bidi_run){i, j, l};
        i = j;
    }

    /* rule L2: from the highest level down to the lowest odd one, reverse every maximal
     * sequence of runs at that level or above */
    uint8_t hi = 0, lo_odd = 255;
    for (size_t k = 0; k < n; k++) {
        if (r[k].level > hi)
            hi = r[k].level;
        if ((r[k].level & 1) && r[k].level < lo_odd)
            lo_odd = r[k].level;
    }
    for (int lvl = hi; lo_odd != 255 && lvl >= lo_odd; lvl--) {
        for (size_t k = 0; k < n;) {
            if (r[k].level < lvl) {
                k++;
                continue;
            }
            size_t e = k;
            while (e < n && r[e].level >= lvl)
                e++;
            for (size_t a = k, z = e - 1; a < z; a++, z--) {
                bidi_run t = r[a];
                r[a] = r[z];
                r[z] = t;
            }
            k = e;
        }
    }
    *out = r;
    return n;
}
