/* ts_cjk.c - where Chinese and Japanese lines may break (kinsoku shori) and how much the
 * gaps between characters may stretch in a justified line. libc only.
 *
 * The classes follow UAX #14 (ID, CL, OP, NS, CJ, EX, IN) and the Japanese rules of
 * JIS X 4051 / W3C "Requirements for Japanese Text Layout" §3.1.7, strict variant: small
 * kana and the prolonged sound mark never start a line. Justification follows JLREQ
 * §3.8 in a simplified form: every gap between wide characters may open by a little, a
 * gap between a wide and a Latin character (where JLREQ wants a quarter em) by more;
 * gaps around full-width punctuation may close a little (its glyph carries half an em
 * of white). */
#include "ts_cjk.h"

#include "u8.h"

bool ts_cjk_is_wide(uint32_t cp)
{
    return (cp >= 0x2E80 && cp <= 0x303F)      /* radicals, CJK symbols and punctuation */
           || (cp >= 0x3040 && cp <= 0x30FF)   /* hiragana, katakana */
           || (cp >= 0x3100 && cp <= 0x31BF)   /* bopomofo, kanbun */
           || (cp >= 0x31C0 && cp <= 0x31FF)   /* strokes, katakana extensions */
           || (cp >= 0x3200 && cp <= 0x33FF)   /* enclosed and compatibility */
           || (cp >= 0x3400 && cp <= 0x4DBF)   /* extension A */
           || (cp >= 0x4E00 && cp <= 0x9FFF)   /* unified ideographs */
           || (cp >= 0xF900 && cp <= 0xFAFF)   /* compatibility ideographs */
           || (cp >= 0xFE30 && cp <= 0xFE4F)   /* vertical forms, compatibility */
           || (cp >= 0xFF01 && cp <= 0xFF60)   /* full-width forms */
           || (cp >= 0xFFE0 && cp <= 0xFFE6)   /* full-width signs */
           || (cp >= 0x20000 && cp <= 0x3FFFD); /* ideographs, planes 2 and 3 */
}

/* closing punctuation, full stops and commas: UAX #14 CL, CP, EX, IS and the Japanese NS */
static const uint32_t no_start[] = {
    0x0021, 0x0029, 0x002C, 0x002E, 0x003A, 0x003B, 0x003F, 0x005D, 0x007D, /* ASCII */
    0x00BB, 0x2019, 0x201D, 0x2026, 0x2025, 0x2030, 0x2032, 0x2033, 0x203A, 0x203C,
    0x2047, 0x2048, 0x2049, 0x2103, 0x30FB, /* ・ */
    0x3001, 0x3002, 0x3005, 0x3009, 0x300B, 0x300D, 0x300F, 0x3011, 0x3015, 0x3017,
    0x3019, 0x301B, 0x301C, 0x301E, 0x301F, 0x303B, /* 、。々〉》」』】〕〗〙〛〜〞〟〻 */
    0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085, 0x3087, 0x308E,
    0x3095, 0x3096, /* small hiragana */
    0x309B, 0x309C, 0x309D, 0x309E, 0x30A0, /* voicing and iteration marks, ゠ */
    0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3, 0x30E3, 0x30E5, 0x30E7, 0x30EE,
    0x30F5, 0x30F6, /* small katakana */
    0x30FC, 0x30FD, 0x30FE, /* ー ヽ ヾ */
    0xFE50, 0xFE51, 0xFE52, 0xFE54, 0xFE55, 0xFE56, 0xFE57, 0xFE5A, 0xFE5C, 0xFE5E,
    0xFF01, 0xFF05, 0xFF09, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF3D, 0xFF5D,
    0xFF60, 0xFF61, 0xFF63, 0xFF64, /* ！％），．：；？］｝｠ and half-width 。」、 */
    0xFF67, 0xFF68, 0xFF69, 0xFF6A, 0xFF6B, 0xFF6C, 0xFF6D, 0xFF6E, 0xFF6F, 0xFF70,
    0xFF9E, 0xFF9F, /* half-width small kana, ｰ, voicing marks */
};

/* opening brackets and quotation marks: UAX #14 OP, and currency signs that lead numbers */
static const uint32_t no_end[] = {
    0x0028, 0x005B, 0x007B, 0x00AB, 0x2018, 0x201C, 0x2039,
    0x3008, 0x300A, 0x300C, 0x300E, 0x3010, 0x3014, 0x3016, 0x3018, 0x301A, 0x301D,
    0xFE59, 0xFE5B, 0xFE5D, /* small brackets */
    0xFF04, 0xFF08, 0xFF3B, 0xFF5B, 0xFF5F, 0xFF62, 0xFFE1, 0xFFE5, 0xFFE6, /* ＄（［｛｟｢￡￥￦ */
};

static bool in(const uint32_t *set, size_t n, uint32_t cp)
{
    for (size_t i = 0; i < n; i++)
        if (set[i] == cp)
            return true;
    return false;
}

bool ts_cjk_no_start(uint32_t cp)
{
    return in(no_start, sizeof no_start / sizeof no_start[0], cp);
}

bool ts_cjk_no_end(uint32_t cp)
{
    return in(no_end, sizeof no_end / sizeof no_end[0], cp);
}

/* characters never split from an identical neighbour: ——, ……, ‥‥ (UAX #14 B2, IN) */
static bool inseparable(uint32_t cp)
{
    return cp == 0x2014 || cp == 0x2015 || cp == 0x2026 || cp == 0x2025 || cp == 0x2E3A;
}

static bool is_space(uint32_t cp)
{
    return u8_is_blank(cp) || cp == '\t' || cp == '\n' || cp == 0x200B;
}

/* full-width punctuation whose glyph is half ink, half white (JLREQ classes 1-2, 5-7) */
static bool half_white(uint32_t cp)
{
    return (cp >= 0x3001 && cp <= 0x3002) || (cp >= 0x3008 && cp <= 0x3011) ||
           (cp >= 0x3014 && cp <= 0x301B) || cp == 0xFF08 || cp == 0xFF09 || cp == 0xFF0C ||
           cp == 0xFF0E || cp == 0xFF1A || cp == 0xFF1B;
}

ts_cjk_gap ts_cjk_gap_at(uint32_t before, uint32_t after)
{
    ts_cjk_gap g = {false, 0, 0};
    bool wb = ts_cjk_is_wide(before), wa = ts_cjk_is_wide(after);
    if (!(wb || wa) || is_space(before) || is_space(after))
        return g;
    if (before == after && inseparable(before))
        return g;
    /* the gap may open: a sixth of an em between wide characters, a quarter between a wide
     * character and a Latin letter or digit */
    g.stretch = (wb && wa) ? 1.0 / 6 : 0.25;
    /* full-width punctuation may give up a quarter em of its white */
    if ((wb && half_white(before)) || (wa && half_white(after)))
        g.shrink = 0.25;
    /* kinsoku, and no break inside a run of Latin text that touches a wide character
     * only through a quote or bracket */
    g.brk = !ts_cjk_no_start(after) && !ts_cjk_no_end(before) && !inseparable(after);
    if (!wb && !wa)
        g.brk = false;
    return g;
}

bool ts_cjk_has_wide(const char *text, size_t len)
{
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)text[i];
        if (c < 0xE1) { /* every wide character needs 3 or 4 bytes, lead byte >= 0xE1 */
            i++;
            continue;
        }
        uint32_t cp;
        i += u8_decode(text + i, len - i, &cp);
        if (ts_cjk_is_wide(cp))
            return true;
    }
    return false;
}

size_t ts_cjk_breaks(const char *text, size_t len, ar_arena *ar, size_t **out)
{
    *out = NULL;
    if (!text || len == 0)
        return 0;
    size_t cap = 16, n = 0;
    size_t *o = ar_alloc(ar, cap * sizeof *o);
    uint32_t prev = 0;
    size_t i = u8_decode(text, len, &prev);
    while (i < len) {
        uint32_t cp;
        size_t k = u8_decode(text + i, len - i, &cp);
        if (ts_cjk_gap_at(prev, cp).brk) {
            if (n == cap) {
                o = ar_grow(ar, o, cap * sizeof *o, 2 * cap * sizeof *o);
                cap *= 2;
            }
            o[n++] = i;
        }
        prev = cp;
        i += k;
    }
    *out = o;
    return n;
}
