/* hyph.c - hyphenation points through libhyphen and Debian's pattern files
 * (/usr/share/hyphen). The only file that includes hyphen.h.
 *
 * Patterns are lower-case and indexed by character in UTF-8 dictionaries, so a word is
 * lower-cased (towlower_l in a private C.UTF-8 locale: the process locale stays "C") and
 * character positions are mapped back to byte offsets of the caller's word. Leading and
 * trailing punctuation is stripped first; explicit hyphens inside a word are break points
 * the typesetter handles, so such words get none from here. */
#include "hyph.h"

#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wctype.h>

#include <hyphen.h>
#include <iconv.h>

#include "u8.h"

#define HYPH_DIR "/usr/share/hyphen"
#define MIN_WORD 5   /* letters */
#define MIN_LEFT 2   /* letters before the first break */
#define MIN_RIGHT 3  /* letters after the last break */
#define MAX_WORD 100 /* letters; longer "words" are not words */

typedef struct dict_slot {
    char lang[16];    /* primary subtag, lower case: "en" */
    HyphenDict *dict; /* NULL when no pattern file exists */
    iconv_t conv;     /* UTF-8 -> the dictionary's 8-bit charset (ru_RU is KOI8-R) */
} dict_slot;

struct hyph_env {
    dict_slot slots[16];
    size_t n;
    locale_t utf8; /* for towlower_l; (locale_t)0 when C.UTF-8 is missing */
};

hyph_env *hyph_env_new(void)
{
    hyph_env *h = calloc(1, sizeof *h);
    if (h)
        h->utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    return h;
}

void hyph_env_free(hyph_env *h)
{
    if (!h)
        return;
    for (size_t i = 0; i < h->n; i++) {
        if (h->slots[i].dict)
            hnj_hyphen_free(h->slots[i].dict);
        if (h->slots[i].conv != (iconv_t)-1)
            iconv_close(h->slots[i].conv);
    }
    if (h->utf8)
        freelocale(h->utf8);
    free(h);
}

/* pattern file for a primary language subtag: the Debian name with region first */
static HyphenDict *dict_load(const char *lang)
{
    static const struct {
        const char *lang, *file;
    } names[] = {{"en", "en_US"}, {"de", "de_DE"}, {"fr", "fr"},    {"es", "es_ES"},
                 {"it", "it_IT"}, {"pt", "pt_PT"}, {"nl", "nl_NL"}, {"ru", "ru_RU"}};
    char path[256];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(lang, names[i].lang) != 0)
            continue;
        snprintf(path, sizeof path, "%s/hyph_%s.dic", HYPH_DIR, names[i].file);
        HyphenDict *d = hnj_hyphen_load(path);
        if (d)
            return d;
    }
    snprintf(path, sizeof path, "%s/hyph_%s.dic", HYPH_DIR, lang);
    return hnj_hyphen_load(path);
}

static dict_slot *dict_for(hyph_env *h, const char *lang)
{
    char key[16];
    size_t k = 0;
    for (; lang[k] && lang[k] != '-' && lang[k] != '_' && k < sizeof key - 1; k++) {
        char c = lang[k];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
            return NULL;
        key[k] = (char)(c | 0x20);
    }
    key[k] = '\0';
    if (k < 2 || k > 3)
        return NULL;
    for (size_t i = 0; i < h->n; i++)
        if (strcmp(h->slots[i].lang, key) == 0)
            return &h->slots[i];
    if (h->n == sizeof h->slots / sizeof h->slots[0])
        return NULL; /* a page in 16 languages: the rest go unhyphenated */
    dict_slot *sl = &h->slots[h->n++];
    memcpy(sl->lang, key, k + 1);
    sl->dict = dict_load(key);
    sl->conv = (iconv_t)-1;
    if (sl->dict && !sl->dict->utf8)
        sl->conv = iconv_open(sl->dict->cset, "UTF-8");
    return sl;
}

/* punctuation and quotes stripped from both ends of a word */
static bool is_edge_punct(uint32_t cp)
{
    if (cp < 0x80)
        return cp != '-' && !((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') &&
               !(cp >= '0' && cp <= '9');
    return (cp >= 0x2010 && cp <= 0x205E) || /* dashes, quotes, ellipsis, primes */
           cp == 0xAB || cp == 0xBB || cp == 0xA1 || cp == 0xBF || cp == 0xB7 || cp == 0xA0 ||
           (cp >= 0x3000 && cp <= 0x303F);
}

static uint32_t lower(const hyph_env *h, uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    if (h->utf8)
        return (uint32_t)towlower_l((wint_t)cp, h->utf8);
    if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) || (cp >= 0x410 && cp <= 0x42F))
        return cp + 32;
    return cp;
}

size_t hyph_word(hyph_env *h, const char *lang, const char *word, size_t len, size_t *pts,
                 size_t max)
{
    if (!h || !lang || !word || max == 0 || len == 0 || len > MAX_WORD * 4)
        return 0;

    /* strip edge punctuation: [b, e) is the word proper */
    size_t b = 0, e = len;
    while (b < e) {
        uint32_t cp;
        size_t n = u8_decode(word + b, e - b, &cp);
        if (!is_edge_punct(cp))
            break;
        b += n;
    }
    while (e > b) {
        size_t s = e - 1;
        while (s > b && ((unsigned char)word[s] & 0xC0) == 0x80)
            s--;
        uint32_t cp;
        u8_decode(word + s, e - s, &cp);
        if (!is_edge_punct(cp))
            break;
        e = s;
    }

    /* lower-case into LOW; END[i] = byte offset (in WORD) just after character i */
    char low[MAX_WORD * 4 + 8];
    size_t end[MAX_WORD + 1], nb = 0, nc = 0;
    bool has_lower = false;
    for (size_t i = b; i < e;) {
        uint32_t cp;
        size_t n = u8_decode(word + i, e - i, &cp);
        if (cp == 0xFFFD || (cp >= '0' && cp <= '9') || cp == '@' || cp == '/' || cp == '-' ||
            cp == 0x2010 || cp == 0xAD || cp == '_' || cp == '.' || cp == ':' || cp == '&' ||
            cp == '=' || cp == '#' || cp > 0xFFFF || nc >= MAX_WORD)
            return 0; /* numbers, URLs, addresses, already hyphenated, odd */
        uint32_t lc = lower(h, cp);
        if (lc == cp && ((cp >= 'a' && cp <= 'z') || cp >= 0x80))
            has_lower = true;
        nb += u8_encode(lc, low + nb);
        i += n;
        end[nc++] = i;
    }
    if (nc < MIN_WORD || !has_lower) /* short words, all-caps acronyms */
        return 0;
    low[nb] = '\0';

    dict_slot *sl = dict_for(h, lang);
    HyphenDict *d = sl ? sl->dict : NULL;
    if (!d)
        return 0;
    if (!d->utf8) { /* 8-bit pattern file: one byte per character */
        char tmp[MAX_WORD * 4 + 8];
        char *in = low, *outp = tmp;
        size_t inleft = nb, outleft = sizeof tmp - 1;
        if (sl->conv == (iconv_t)-1)
            return 0;
        iconv(sl->conv, NULL, NULL, NULL, NULL);
        if (iconv(sl->conv, &in, &inleft, &outp, &outleft) == (size_t)-1 ||
            (size_t)(outp - tmp) != nc)
            return 0;
        memcpy(low, tmp, nc);
        nb = nc;
        low[nb] = '\0';
    }
    char hy[MAX_WORD * 4 + 8];
    memset(hy, 0, nb + 5);
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    size_t count = 0;
    if (hnj_hyphen_hyphenate2(d, low, (int)nb, hy, NULL, &rep, &pos, &cut) == 0) {
        /* in UTF-8 dictionaries hy[] is indexed by character */
        for (size_t i = MIN_LEFT - 1; i + MIN_RIGHT < nc && count < max; i++)
            if ((hy[i] & 1) && !(rep && rep[i]))
                pts[count++] = end[i];
    }
    if (rep) {
        for (size_t i = 0; i < nb; i++)
            free(rep[i]);
        free(rep);
        free(pos);
        free(cut);
    }
    return count;
}
