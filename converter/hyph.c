/* hyph.c - hyphenation points through libhyphen and Debian's pattern files
 * (/usr/share/hyphen). The only file of the library that includes hyphen.h; libhyphen is
 * opened when a pattern file is first loaded.
 *
 * Patterns are lower-case and indexed by character in UTF-8 dictionaries, so a word is
 * lower-cased (towlower_l in a private C.UTF-8 locale: the process locale stays "C") and
 * character positions are mapped back to byte offsets of the caller's word. Leading and
 * trailing punctuation is stripped first; explicit hyphens inside a word are break points
 * the typesetter handles, so such words get none from here.
 *
 * Loading a pattern file costs libhyphen much (en_US: ~37M instructions and thousands of
 * mallocs, ~10 ms), so the languages of HYPH_DIC_NAMES are built in: hyph_tab.h holds
 * libhyphen's own automata, generated from the same files at build time, and its walk gives
 * libhyphen's answers without loading anything. A language without a built-in table (or
 * every language, with A2P_HYPH_FILES=1 in the environment) loads its file with libhyphen,
 * on a background thread when preloaded (hyph_preload) while the main thread parses the
 * input; the first hyph_word() joins it. The rare word the tables cannot answer exactly
 * (a non-standard replacement pattern) loads the file then. And every word's answer is
 * remembered for the process (a packet typesets each article twice, and articles share
 * their words), so each distinct word is hyphenated once. */
#include "hyph.h"

#include <locale.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wctype.h>

#include <hyphen.h>
#include <iconv.h>

#include "arena.h"
#include "dynlib.h"
#include "hyph_dic.h"
#include "hyph_tab.h"
#include "u8.h"

/* libhyphen is opened on first use (dynlib.h): with the built-in tables most processes
 * never load a pattern file, and linked it would cost every start its mapping. */
#define HNJ_FUNCS(X)                                                                               \
    X(hnj_hyphen_load_file)                                                                        \
    X(hnj_hyphen_free)                                                                             \
    X(hnj_hyphen_hyphenate2)
DYN_LIBRARY(hnj_lib, A2P_SO_HYPHEN, HNJ_FUNCS);

#define MIN_WORD 5   /* letters */
#define MIN_LEFT 2   /* letters before the first break */
#define MIN_RIGHT 3  /* letters after the last break */
#define MAX_WORD 100 /* letters; longer "words" are not words */

#define MEMO_MAX (1u << 16) /* remembered words at most; later ones are hyphenated each time */

typedef struct dict_slot {
    char lang[16];             /* primary subtag, lower case: "en" */
    bool files;                /* built-in tables not used (A2P_HYPH_FILES=1) */
    const hyph_tab_lang *tab;  /* the built-in tables, NULL for none */
    HyphenDict *dict;          /* loaded from the file: NULL when none, or until needed */
    iconv_t conv;              /* UTF-8 -> the dictionary's 8-bit charset (ru_RU is KOI8-R) */
} dict_slot;

/* One remembered word: its slot, its bytes as the caller gave them, its break points. */
typedef struct memo_ent {
    uint32_t hash;
    uint16_t slot, len;
    uint16_t n;          /* break points */
    const char *word;    /* in the memo arena */
    const uint16_t *pts; /* byte offsets, in the memo arena */
} memo_ent;

struct hyph_env {
    dict_slot slots[16];
    size_t n;
    locale_t utf8; /* for towlower_l; (locale_t)0 when C.UTF-8 is missing */
    bool utf8_tried; /* lower() made UTF8 when it first met a letter beyond ASCII */
    bool files;    /* A2P_HYPH_FILES=1: libhyphen loads every pattern file */
    /* hyph_preload(): PRE is written by the loader thread alone until it is joined */
    pthread_t loader;
    bool loading;
    dict_slot pre;
    /* word -> break points, open addressing; MEMO.len a power of two (or 0) */
    memo_ent *memo;
    size_t memo_cap, memo_n;
    ar_arena *memo_ar;
    /* hyph_retire(): a thread freeing what the env held */
    pthread_t retirer;
    bool retiring;
};

hyph_env *hyph_env_new(void)
{
    hyph_env *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    const char *files = getenv("A2P_HYPH_FILES");
    h->files = files && strcmp(files, "1") == 0;
    return h;
}

static void slot_free(dict_slot *sl)
{
    if (sl->dict)
        p_hnj_hyphen_free(sl->dict);
    if (sl->conv != (iconv_t)-1)
        iconv_close(sl->conv);
    sl->dict = NULL;
    sl->conv = (iconv_t)-1;
}

/* Wait for the preloading thread, if one runs; its slot is then PRE, owned by us. */
static void join_loader(hyph_env *h)
{
    if (!h->loading)
        return;
    pthread_join(h->loader, NULL);
    h->loading = false;
}

/* Free every pattern set and the memo of the hyph_env copy ARG (heap), then ARG. */
static void *retire_main(void *arg)
{
    hyph_env *old = arg;
    if (old->pre.lang[0])
        slot_free(&old->pre);
    for (size_t i = 0; i < old->n; i++)
        slot_free(&old->slots[i]);
    free(old->memo);
    if (old->memo_ar)
        ar_free(old->memo_ar);
    free(old);
    return NULL;
}

void hyph_retire(hyph_env *h)
{
    if (!h || h->retiring)
        return;
    join_loader(h);
    hyph_env *old = malloc(sizeof *old);
    if (!old)
        return;
    *old = *h; /* the patterns and memo change hands; H keeps its settings and starts empty */
    memset(h->slots, 0, sizeof h->slots);
    memset(&h->pre, 0, sizeof h->pre);
    h->n = 0;
    h->memo = NULL;
    h->memo_cap = h->memo_n = 0;
    h->memo_ar = NULL;
    /* only pattern sets libhyphen loaded are worth a thread: built-in tables free nothing
     * and the memo is a few blocks */
    bool loaded = old->pre.dict != NULL;
    for (size_t i = 0; i < old->n; i++)
        loaded = loaded || old->slots[i].dict != NULL;
    if (loaded && pthread_create(&h->retirer, NULL, retire_main, old) == 0)
        h->retiring = true;
    else
        retire_main(old);
}

void hyph_env_free(hyph_env *h)
{
    if (!h)
        return;
    join_loader(h);
    if (h->retiring)
        pthread_join(h->retirer, NULL);
    if (h->pre.lang[0])
        slot_free(&h->pre);
    for (size_t i = 0; i < h->n; i++)
        slot_free(&h->slots[i]);
    if (h->utf8)
        freelocale(h->utf8);
    free(h->memo);
    if (h->memo_ar)
        ar_free(h->memo_ar);
    free(h);
}

/* the patterns of PATH, through hyph_dic (a long compound word list is left out); NULL
 * as for a missing file when libhyphen cannot be opened. Every dictionary comes from here,
 * so a slot's DICT implies the library, on the thread that loaded it and those that join. */
static HyphenDict *load_path(const char *path)
{
    if (!dyn_lib_load(&hnj_lib, NULL))
        return NULL;
    char *mem = NULL;
    FILE *f = hyph_dic_open(path, &mem);
    if (!f)
        return NULL;
    HyphenDict *d = p_hnj_hyphen_load_file(f);
    fclose(f);
    free(mem);
    return d;
}

/* pattern file for a primary language subtag: the Debian name with region first */
static HyphenDict *dict_load(const char *lang)
{
    static const struct {
        const char *lang, *file;
    } names[] = {HYPH_DIC_NAMES};
    char path[256];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(lang, names[i].lang) != 0)
            continue;
        snprintf(path, sizeof path, "%s/hyph_%s.dic", HYPH_DIC_DIR, names[i].file);
        HyphenDict *d = load_path(path);
        if (d)
            return d;
    }
    snprintf(path, sizeof path, "%s/hyph_%s.dic", HYPH_DIC_DIR, lang);
    return load_path(path);
}

/* The primary subtag of LANG in lower case ("de-AT" -> "de") into KEY[16]; false when it is
 * not 2 or 3 letters. */
static bool lang_key(const char *lang, char key[16])
{
    size_t k = 0;
    for (; lang[k] && lang[k] != '-' && lang[k] != '_' && k < 15; k++) {
        char c = lang[k];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
            return false;
        key[k] = (char)(c | 0x20);
    }
    key[k] = '\0';
    return k >= 2 && k <= 3;
}

/* Set SL up for SL->lang: the built-in tables, else the pattern file loaded by libhyphen
 * (on whichever thread calls it: it touches SL only). */
static void slot_load(dict_slot *sl)
{
    sl->tab = sl->files ? NULL : hyph_tab_find(sl->lang);
    sl->dict = sl->tab ? NULL : dict_load(sl->lang);
    sl->conv = (iconv_t)-1;
    const char *cset = sl->tab ? hyph_tab_levels[sl->tab->level].cset
                               : sl->dict ? sl->dict->cset : NULL;
    bool utf8 = sl->tab ? hyph_tab_levels[sl->tab->level].utf8 : sl->dict && sl->dict->utf8;
    if (cset && !utf8)
        sl->conv = iconv_open(cset, "UTF-8");
}

static void *loader_main(void *arg)
{
    slot_load(arg);
    return NULL;
}

void hyph_preload(hyph_env *h, const char *lang)
{
    char key[16];
    if (!h || !lang || h->loading || h->pre.lang[0] || h->n > 0 || !lang_key(lang, key))
        return; /* only before the first word: later the slots are already in use */
    const hyph_tab_lang *tab = h->files ? NULL : hyph_tab_find(key);
    if (tab && hyph_tab_levels[tab->level].utf8)
        return; /* built in: nothing to load */
    memcpy(h->pre.lang, key, sizeof key);
    h->pre.files = h->files;
    h->pre.conv = (iconv_t)-1;
    if (pthread_create(&h->loader, NULL, loader_main, &h->pre) == 0)
        h->loading = true;
    else
        h->pre.lang[0] = '\0'; /* no thread: loaded on first use as before */
}

static dict_slot *dict_for(hyph_env *h, const char *lang)
{
    char key[16];
    if (h->pre.lang[0]) { /* a preload: claim it if it guessed right, else drop it */
        join_loader(h);
        if (lang_key(lang, key) && strcmp(key, h->pre.lang) == 0 && h->n < 16)
            h->slots[h->n++] = h->pre;
        else
            slot_free(&h->pre);
        memset(&h->pre, 0, sizeof h->pre);
    }
    if (!lang_key(lang, key))
        return NULL;
    for (size_t i = 0; i < h->n; i++)
        if (strcmp(h->slots[i].lang, key) == 0)
            return &h->slots[i];
    if (h->n == sizeof h->slots / sizeof h->slots[0])
        return NULL; /* a page in 16 languages: the rest go unhyphenated */
    dict_slot *sl = &h->slots[h->n++];
    memcpy(sl->lang, key, sizeof key);
    sl->files = h->files;
    slot_load(sl);
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

static uint32_t lower(hyph_env *h, uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    if (!h->utf8_tried) { /* loading the locale costs 0.3 ms: only for a word that needs it */
        h->utf8_tried = true;
        h->utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    }
    if (h->utf8)
        return (uint32_t)towlower_l((wint_t)cp, h->utf8);
    if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) || (cp >= 0x410 && cp <= 0x42F))
        return cp + 32;
    return cp;
}

/* The break points of WORD (at most MAX) with SL's patterns, computed afresh. */
static size_t points(hyph_env *h, dict_slot *sl, const char *word, size_t len,
                     size_t *pts, size_t max)
{

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

    bool utf8 = sl->tab ? hyph_tab_levels[sl->tab->level].utf8 : sl->dict->utf8;
    if (!utf8) { /* 8-bit pattern file: one byte per character */
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
    size_t count = 0;
    int rc = sl->tab ? hyph_tab_hyphenate(sl->tab, low, nb, hy) : -1;
    if (rc == 0) {
        for (size_t i = MIN_LEFT - 1; i + MIN_RIGHT < nc && count < max; i++)
            if (hy[i] & 1)
                pts[count++] = end[i];
        return count;
    }
    if (rc > 0)
        return 0;
    if (!sl->dict && !(sl->dict = dict_load(sl->lang))) /* the tables cannot tell: ask */
        return 0;
    memset(hy, 0, nb + 5);
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    if (p_hnj_hyphen_hyphenate2(sl->dict, low, (int)nb, hy, NULL, &rep, &pos, &cut) == 0) {
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

/* ---- memo: word -> break points, for the process ------------------------------------ */

static uint32_t memo_hash(unsigned slot, const char *s, size_t n)
{
    uint32_t v = 2166136261u ^ slot; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        v = (v ^ (unsigned char)s[i]) * 16777619u;
    return v;
}

/* The entry for (SLOT, WORD), or the empty one where it would go; NULL without a table. */
static memo_ent *memo_find(const hyph_env *h, uint32_t hv, unsigned slot, const char *word,
                           size_t len)
{
    if (!h->memo)
        return NULL;
    size_t mask = h->memo_cap - 1;
    for (size_t i = hv & mask;; i = (i + 1) & mask) {
        memo_ent *e = &h->memo[i];
        if (!e->word || (e->hash == hv && e->slot == slot && e->len == len &&
                         memcmp(e->word, word, len) == 0))
            return e;
    }
}

/* Remember N points for WORD; silently nothing once MEMO_MAX words are kept. */
static void memo_put(hyph_env *h, uint32_t hv, unsigned slot, const char *word, size_t len,
                     const size_t *pts, size_t n)
{
    if (h->memo_n >= MEMO_MAX)
        return;
    if ((h->memo_n + 1) * 2 > h->memo_cap) { /* load factor at most 1/2 */
        size_t cap = h->memo_cap ? h->memo_cap * 2 : 256;
        memo_ent *t = calloc(cap, sizeof *t);
        if (!t)
            return;
        for (size_t i = 0; i < h->memo_cap; i++) {
            if (!h->memo[i].word)
                continue;
            size_t k = h->memo[i].hash & (cap - 1);
            while (t[k].word)
                k = (k + 1) & (cap - 1);
            t[k] = h->memo[i];
        }
        free(h->memo);
        h->memo = t;
        h->memo_cap = cap;
        if (!h->memo_ar)
            h->memo_ar = ar_new();
    }
    memo_ent *e = memo_find(h, hv, slot, word, len);
    uint16_t *p = n ? ar_alloc(h->memo_ar, n * sizeof *p) : NULL;
    for (size_t i = 0; i < n; i++)
        p[i] = (uint16_t)pts[i];
    *e = (memo_ent){.hash = hv, .slot = (uint16_t)slot, .len = (uint16_t)len, .n = (uint16_t)n,
                    .word = ar_strndup(h->memo_ar, word, len), .pts = p};
    h->memo_n++;
}

size_t hyph_word(hyph_env *h, const char *lang, const char *word, size_t len, size_t *pts,
                 size_t max)
{
    if (!h || !lang || !word || max == 0 || len == 0 || len > MAX_WORD * 4)
        return 0;
    dict_slot *sl = dict_for(h, lang);
    if (!sl || (!sl->dict && !sl->tab))
        return 0;
    unsigned slot = (unsigned)(sl - h->slots);
    uint32_t hv = memo_hash(slot, word, len);
    const memo_ent *e = memo_find(h, hv, slot, word, len);
    if (e && e->word) {
        size_t n = e->n < max ? e->n : max;
        for (size_t i = 0; i < n; i++)
            pts[i] = e->pts[i];
        return n;
    }
    size_t all[MAX_WORD];
    size_t n = points(h, sl, word, len, all, MAX_WORD);
    memo_put(h, hv, slot, word, len, all, n);
    n = n < max ? n : max;
    memcpy(pts, all, n * sizeof *pts);
    return n;
}

/* ---- guessing the language from the raw input ---------------------------------------- */

static const char *skip_past(const char *p, const char *end, const char *what)
{
    size_t n = strlen(what);
    for (; p + n <= end; p++)
        if (memcmp(p, what, n) == 0)
            return p + n;
    return end;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

bool hyph_guess_lang(const char *data, size_t len, char *out, size_t cap)
{
    if (!data || !out || cap == 0)
        return false;
    const char *p = data, *end = data + (len < 16384 ? len : 16384);
    if (end - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    /* past declarations, comments and processing instructions to the first element */
    for (;;) {
        while (p < end && *p != '<')
            p++;
        if (end - p < 2)
            return false;
        if (p[1] == '!')
            p = end - p >= 4 && memcmp(p, "<!--", 4) == 0 ? skip_past(p + 4, end, "-->")
                                                         : skip_past(p, end, ">");
        else if (p[1] == '?')
            p = skip_past(p, end, "?>");
        else if ((p[1] | 0x20) >= 'a' && (p[1] | 0x20) <= 'z')
            break;
        else
            p++;
    }
    /* its attributes: name[=value] ... up to '>' */
    p++;
    while (p < end && !is_space(*p) && *p != '>' && *p != '/')
        p++;
    while (p < end && *p != '>') {
        while (p < end && (is_space(*p) || *p == '/'))
            p++;
        const char *name = p;
        while (p < end && !is_space(*p) && *p != '=' && *p != '>' && *p != '/')
            p++;
        size_t nlen = (size_t)(p - name);
        while (p < end && is_space(*p))
            p++;
        const char *val = NULL;
        size_t vlen = 0;
        if (p < end && *p == '=') {
            p++;
            while (p < end && is_space(*p))
                p++;
            if (p < end && (*p == '"' || *p == '\'')) {
                char q = *p++;
                val = p;
                while (p < end && *p != q)
                    p++;
                vlen = (size_t)(p - val);
                if (p < end)
                    p++;
            } else {
                val = p;
                while (p < end && !is_space(*p) && *p != '>')
                    p++;
                vlen = (size_t)(p - val);
            }
        }
        if (nlen == 0 && p < end && *p != '>')
            p++; /* a stray character: step over it */
        bool is_lang = (nlen == 4 && strncasecmp(name, "lang", 4) == 0) ||
                       (nlen == 8 && strncasecmp(name, "xml:lang", 8) == 0);
        while (val && vlen && is_space(*val))
            val++, vlen--;
        while (val && vlen && is_space(val[vlen - 1]))
            vlen--;
        if (is_lang && val && vlen > 0 && vlen < cap) {
            memcpy(out, val, vlen);
            out[vlen] = '\0';
            return true;
        }
    }
    return false;
}
