/* hyph_tab.c - see hyph_tab.h. The walk follows what libhyphen 2.8.8 does in
 * hnj_hyphen_hyphenate2() for a dictionary without replacement patterns, quirks included:
 *
 *  - a level reads ".word." (digits read as '.') byte by byte through its automaton; a
 *    missing transition follows the fallback chain, and at its end (-1) the byte is skipped
 *    from state 0; each state reached applies its match digits (the larger digit wins);
 *  - the digits shift one place left (HY[i]: between byte i and i + 1); the last byte's is 0;
 *  - a level with a next level splits the word at its odd digits (a hyphen, an apostrophe)
 *    and hyphenates each part again with the same level, the part's ends then being word
 *    ends; a word it does not split goes to the next level, and the compound minimums
 *    (clhmin, crhmin) apply at the ends that were split points;
 *  - then the word's own minimums (lhmin, rhmin, default 2) and the NOHYPHEN strings of the
 *    top level clear digits, bytewise; a UTF-8 dictionary's digits then move to characters.
 */
#include "hyph_tab.h"

#include <stdbool.h>
#include <string.h>

#define MAX_DEPTH 16 /* nested splits; deeper words go to libhyphen */

const hyph_tab_lang *hyph_tab_find(const char *key)
{
    for (size_t i = 0; i < hyph_tab_nlangs; i++)
        if (strcmp(hyph_tab_langs[i].lang, key) == 0)
            return &hyph_tab_langs[i];
    return NULL;
}

static bool is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* extra characters a Unicode ligature (U+FB03 ffi, U+FB04 ffl) counts for, from its last
 * byte; libhyphen's hnj_ligature() without LONG_LIGATURE */
static int ligature(unsigned char c)
{
    return c == 0x83 || c == 0x84;
}

static bool lig_at(bool utf8, const unsigned char *w)
{
    return utf8 && w[0] == 0xEF && w[1] == 0xAC;
}

/* no break within the first LHMIN characters of W (NUL-terminated) */
static void cut_left(bool utf8, const unsigned char *w, char *hy, int lhmin)
{
    int i = 1;
    if (lig_at(utf8, w))
        i += ligature(w[2]);
    for (size_t j = 0; is_digit(w[j]); j++)
        i--;
    for (size_t j = 0; i < lhmin && w[j] != '\0'; i++) {
        do {
            hy[j++] = '0';
            if (lig_at(utf8, w + j))
                i += ligature(w[j + 2]);
        } while (utf8 && (w[j] & 0xC0) == 0x80);
    }
}

/* no break within the last RHMIN characters of W (N bytes) */
static void cut_right(bool utf8, const unsigned char *w, int n, char *hy, int rhmin)
{
    int i = 0;
    for (int j = n - 1; j > 0 && is_digit(w[j]); j--)
        i--;
    for (int j = n - 1; i < rhmin && j > 0; j--) {
        hy[j] = '0';
        if (!utf8 || (w[j] & 0xC0) == 0xC0 || (w[j] & 0x80) != 0x80)
            i++;
    }
}

/* Level L's digits for W (N bytes, W[N] == 0) into HY (N + 3 bytes), as hnj_hyphen_hyph_
 * computes them. LEND/REND: W's left/right end is the whole word's. False when libhyphen
 * must answer (a replacement pattern, too deep). */
static bool level_run(const hyph_tab_level *L, const unsigned char *w, int n, char *hy,
                      int clhmin, int crhmin, bool lend, bool rend, int depth)
{
    if (depth > MAX_DEPTH)
        return false;
    unsigned char prep[HYPH_TAB_MAX + 3];
    int np = 0;
    prep[np++] = '.';
    for (int i = 0; i < n; i++)
        prep[np++] = is_digit(w[i]) ? '.' : w[i];
    prep[np++] = '.';
    memset(hy, '0', (size_t)np);

    const hyph_tab_state *st = hyph_tab_states + L->state0;
    int32_t s = 0;
    for (int i = 0; i < np; i++) {
        unsigned char ch = prep[i];
        for (;;) {
            if (s < 0)
                break;
            const hyph_tab_state *cur = &st[s];
            const uint32_t *t = hyph_tab_trans + (cur->trans & 0xFFFFFFu);
            const uint32_t *te = t + (cur->trans >> 24);
            for (; t < te; t++)
                if (HYPH_TAB_CH(*t) == ch)
                    break;
            if (t < te) {
                s = HYPH_TAB_TO(*t);
                break;
            }
            s = cur->fallback;
        }
        if (s < 0) { /* the chain ran out: this byte is skipped */
            s = 0;
            continue;
        }
        if (!st[s].match)
            continue;
        const char *digits = hyph_tab_pool + st[s].match;
        unsigned char mlen = (unsigned char)*digits++;
        if (mlen & HYPH_TAB_REPL)
            return false;
        int off = i + 1 - mlen;
        for (int k = off < 0 ? -off : 0; k < mlen; k++)
            if (hy[off + k] < digits[k])
                hy[off + k] = digits[k];
    }
    int i = 0;
    for (; i < np - 3; i++)
        hy[i] = hy[i + 1];
    for (; i < n; i++)
        hy[i] = '0';
    hy[n] = '\0';

    if (L->next < 0)
        return true;
    /* split at the odd digits, each part hyphenated again by this level */
    int begin = 0;
    for (i = 0; i < n; i++) {
        if (!((hy[i] & 1) || (begin > 0 && i + 1 == n)))
            continue;
        if (i - begin > 0) {
            unsigned char part[HYPH_TAB_MAX + 1];
            char hy2[HYPH_TAB_MAX + 3];
            int pn = i - begin + 1;
            memcpy(part, prep + begin + 1, (size_t)pn); /* digits read as '.' here too */
            part[pn] = '\0';
            if (!level_run(L, part, pn, hy2, clhmin, crhmin, begin > 0 ? false : lend,
                           (hy[i] & 1) ? false : rend, depth + 1))
                return false;
            memcpy(hy + begin, hy2, (size_t)(i - begin));
        }
        begin = i + 1;
    }
    if (begin == 0) { /* not a compound: the next level's patterns */
        const hyph_tab_level *next = &hyph_tab_levels[L->next];
        if (!level_run(next, w, n, hy, clhmin, crhmin, lend, rend, depth + 1))
            return false;
        if (!lend)
            cut_left(L->utf8, w, hy, clhmin);
        if (!rend)
            cut_right(L->utf8, w, n, hy, crhmin);
    }
    return true;
}

int hyph_tab_hyphenate(const hyph_tab_lang *d, const char *word, size_t len, char *hy)
{
    if (!d || len == 0 || len > HYPH_TAB_MAX)
        return -1;
    const hyph_tab_level *L = &hyph_tab_levels[d->level];
    const unsigned char *w = (const unsigned char *)word;
    int n = (int)len;
    if (!level_run(L, w, n, hy, L->clhmin, L->crhmin, true, true, 0))
        return -1;
    cut_left(L->utf8, w, hy, L->lhmin > 0 ? L->lhmin : 2);
    cut_right(L->utf8, w, n, hy, L->rhmin > 0 ? L->rhmin : 2);
    if (L->nohyphen) {
        const char *nh = hyph_tab_pool + L->nohyphen;
        for (int k = 0; k <= L->nohyphenl; k++) {
            size_t nl = strlen(nh);
            if (nl == 0)
                return -1; /* libhyphen would write before HY */
            for (const char *p = strstr(word, nh); p; p = strstr(p + 1, nh)) {
                hy[p - word + (ptrdiff_t)nl - 1] = '0';
                if (p - word - 1 >= 0)
                    hy[p - word - 1] = '0';
            }
            nh += nl + 1;
        }
    }
    if (!L->utf8)
        return 0;
    if ((w[0] >> 6) == 2)
        return 1; /* starts inside a character */
    int j = -1;
    for (int i = 0; i < n; i++) {
        if ((w[i] >> 6) != 2)
            j++;
        hy[j] = hy[i];
    }
    hy[j + 1] = '\0';
    return 0;
}
