/* test_hyph_tab.c - the built-in pattern tables answer exactly as libhyphen does.
 *
 * For every built-in language, the same pattern file is loaded with hnj_hyphen_load_file()
 * (through hyph_dic_open, as hyph.c loads it) and both hyphenate: every word of samples/
 * (as written and lower-cased), tens of thousands of pseudo-words glued from the file's own
 * pattern letters (capitals, accents, apostrophes ' and ’, dashes, hyphens, digits, foreign
 * characters, 1 to 200+ letters), and edge cases. Every digit hnj_hyphen_hyphenate2() gives
 * must be the same. Then hyph_word() must give the same points with and without
 * A2P_HYPH_FILES=1. Extra files named on the command line add their words (the corpus:
 * `build/tests/test_hyph_tab /work/shared/corpus/readability/x/source.html ...`). */
#include "harness.h"
#include "hyph.h"
#include "hyph_dic.h"
#include "hyph_tab.h"
#include "u8.h"

#include <glob.h>
#include <hyphen.h>
#include <iconv.h>
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#define WORD_MAX 480 /* bytes; hyph.c passes at most 400 */

typedef struct words {
    char **w;
    size_t n, cap;
} words;

static void add(words *ws, const char *s, size_t n)
{
    if (n == 0 || n > WORD_MAX)
        return;
    if (ws->n == ws->cap) {
        ws->cap = ws->cap ? ws->cap * 2 : 4096;
        char **w = realloc(ws->w, ws->cap * sizeof *w);
        if (!w)
            exit(1);
        ws->w = w;
    }
    char *c = malloc(n + 1);
    if (!c)
        exit(1);
    memcpy(c, s, n);
    c[n] = '\0';
    ws->w[ws->n++] = c;
}

static void words_free(words *ws)
{
    for (size_t i = 0; i < ws->n; i++)
        free(ws->w[i]);
    free(ws->w);
    memset(ws, 0, sizeof *ws);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *d = malloc(cap);
    size_t got;
    while (d && (got = fread(d + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *e = realloc(d, cap *= 2);
            if (!e)
                free(d);
            d = e;
        }
    }
    fclose(f);
    *len = n;
    return d;
}

/* The words of an HTML or XML file: text outside tags, split at white space and at ASCII
 * punctuation other than apostrophes and hyphens (those stay inside, as in running text). */
static void file_words(const char *path, words *ws)
{
    size_t len = 0;
    char *d = slurp(path, &len);
    if (!d)
        return;
    bool in_tag = false;
    size_t start = 0, i = 0;
    for (; i <= len; i++) {
        unsigned char c = i < len ? (unsigned char)d[i] : ' ';
        bool sep = c <= ' ' || (c < 0x80 && c != '\'' && c != '-' &&
                                !((c | 0x20) >= 'a' && (c | 0x20) <= 'z') &&
                                !(c >= '0' && c <= '9'));
        if (c == '<')
            in_tag = true;
        if (sep || in_tag) {
            if (i > start)
                add(ws, d + start, i - start);
            start = i + 1;
        }
        if (c == '>')
            in_tag = false;
    }
    free(d);
}

static uint32_t rnd_state = 12345;
static uint32_t rnd(uint32_t n)
{
    rnd_state = rnd_state * 1103515245u + 12345u;
    return ((rnd_state >> 8) & 0xFFFFFF) % n;
}

/* the letters of each pattern of a dictionary (digits and '.' dropped), in its encoding */
static void pattern_pieces(const char *path, words *out)
{
    char *mem = NULL;
    FILE *f = hyph_dic_open(path, &mem);
    if (!f)
        return;
    char line[512];
    bool first = true;
    while (fgets(line, sizeof line, f)) {
        if (first || (line[0] >= 'A' && line[0] <= 'Z')) {
            first = false;
            continue;
        }
        char piece[512];
        size_t n = 0;
        for (size_t i = 0; (unsigned char)line[i] > ' ' && line[i] != '/'; i++)
            if (!(line[i] >= '0' && line[i] <= '9') && line[i] != '.')
                piece[n++] = line[i];
        add(out, piece, n);
    }
    fclose(f);
    free(mem);
}

/* Append the UTF-8 character or 8-bit byte sequence S to W (at N); false when full. */
static bool put(char *w, size_t *n, const char *s, size_t len)
{
    if (*n + len > WORD_MAX)
        return false;
    memcpy(w + *n, s, len);
    *n += len;
    return true;
}

/* N pseudo-words glued from PIECES, in a UTF-8 or an 8-bit encoding */
static void pseudo_words(const words *pieces, bool utf8, size_t count, words *out)
{
    static const char *odd8[] = {"'", "-", "1", "\xe9", "\xfc", "\xdf", "\xc4", "\x92",
                                 "\xff", "\x80", "#", "_", "\xe4", "\xd6", "\xf1", "\xe7"};
    static const char *odd_u[] = {"'",
                                  "\xe2\x80\x99",     /* ’ */
                                  "\xe2\x80\x93",     /* – */
                                  "-",
                                  "7",
                                  "\xc3\xa9",         /* é */
                                  "\xc3\xbc",         /* ü */
                                  "\xc3\x9f",         /* ß */
                                  "\xc3\x89",         /* É */
                                  "\xef\xac\x83",     /* ﬃ */
                                  "\xef\xac\x84",     /* ﬄ */
                                  "\xef\xac\x81",     /* ﬁ */
                                  "\xc5\x93",         /* œ */
                                  "\xd0\xb6",         /* ж */
                                  "\xe4\xb8\xad",     /* 中 */
                                  "\xf0\x9f\x98\x80", /* an emoji */
                                  "\xc2\xad",         /* soft hyphen */
                                  "#",
                                  "\xe2\x80\x98"}; /* ‘ */
    if (pieces->n == 0)
        return;
    for (size_t k = 0; k < count; k++) {
        char w[WORD_MAX + 8];
        size_t n = 0;
        uint32_t kind = rnd(100);
        size_t parts = kind < 10 ? 1 : kind < 95 ? 2 + rnd(3) : 20 + rnd(30); /* some 100+ */
        for (size_t p = 0; p < parts; p++) {
            const char *s = pieces->w[rnd((uint32_t)pieces->n)];
            if (!put(w, &n, s, strlen(s)))
                break;
            if (rnd(8) == 0) { /* something odd between the pieces */
                const char *o = utf8 ? odd_u[rnd(sizeof odd_u / sizeof *odd_u)]
                                     : odd8[rnd(sizeof odd8 / sizeof *odd8)];
                put(w, &n, o, strlen(o));
            }
        }
        if (rnd(10) == 0 && n > 0) /* a capital in an 8-bit or ASCII letter */
            w[rnd((uint32_t)n)] ^= 0x20;
        if (kind >= 90 && kind < 95 && n > 1) /* short: 1 to 5 bytes */
            n = 1 + rnd(n < 5 ? (uint32_t)n : 5);
        add(out, w, n);
    }
}

/* S lower-cased as hyph.c does (towlower in C.UTF-8) into OUT (CAP bytes) */
static void lower_utf8(locale_t loc, const char *s, char *out, size_t cap)
{
    size_t o = 0, len = strlen(s);
    for (size_t i = 0; i < len && o + 5 < cap;) {
        uint32_t cp;
        i += u8_decode(s + i, len - i, &cp);
        if (loc)
            cp = (uint32_t)towlower_l((wint_t)cp, loc);
        o += u8_encode(cp, out + o);
    }
    out[o] = '\0';
}

/* WORD in the dictionary's charset through CONV into OUT; false when it has no such form */
static bool recode(iconv_t conv, const char *word, char *out, size_t cap)
{
    if (conv == (iconv_t)-1) {
        snprintf(out, cap, "%s", word);
        return true;
    }
    char *in = (char *)word, *o = out;
    size_t inleft = strlen(word), outleft = cap - 1;
    iconv(conv, NULL, NULL, NULL, NULL);
    if (iconv(conv, &in, &inleft, &o, &outleft) == (size_t)-1)
        return false;
    *o = '\0';
    return true;
}

typedef struct tally {
    size_t words, same, differ, asked; /* asked: the tables deferred to libhyphen */
} tally;

/* one word both ways */
static void compare(HyphenDict *dict, const hyph_tab_lang *tab, const char *w, tally *t,
                    const char *lang)
{
    size_t n = strlen(w);
    if (n == 0)
        return;
    char a[WORD_MAX + 8], b[WORD_MAX + 8];
    memset(a, 0, n + 5);
    memset(b, 0, n + 5);
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    int ra = hnj_hyphen_hyphenate2(dict, w, (int)n, a, NULL, &rep, &pos, &cut);
    int rb = hyph_tab_hyphenate(tab, w, n, b);
    t->words++;
    if (rb < 0)
        t->asked++;
    else if (ra == rb && (ra != 0 || (strcmp(a, b) == 0 && !rep)))
        t->same++;
    else if (t->differ++ < 5)
        printf("  %s differs: \"%s\": libhyphen %d \"%s\"%s, tables %d \"%s\"\n", lang, w, ra,
               ra ? "" : a, rep ? " (non-standard)" : "", rb, rb ? "" : b);
    if (rep) {
        for (size_t i = 0; i < n; i++)
            free(rep[i]);
        free(rep);
        free(pos);
        free(cut);
    }
}

int main(int argc, char **argv)
{
    locale_t loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    CHECK(hyph_tab_nlangs > 0, "built with at least one pattern table");
    CHECK(hyph_tab_find("en") != NULL && hyph_tab_find("xx") == NULL, "hyph_tab_find");

    words text = {0}; /* running text: the samples, and any file named */
    glob_t g;
    static const char *pats[] = {"samples/*.html", "samples/*.xml"};
    for (size_t p = 0; p < 2; p++) {
        if (glob(pats[p], 0, NULL, &g) != 0)
            continue;
        for (size_t i = 0; i < g.gl_pathc; i++)
            file_words(g.gl_pathv[i], &text);
        globfree(&g);
    }
    size_t from_samples = text.n;
    for (int i = 1; i < argc; i++)
        file_words(argv[i], &text);
    CHECK(from_samples > 1000, "sample words read");

    for (size_t l = 0; l < hyph_tab_nlangs; l++) {
        const hyph_tab_lang *tab = &hyph_tab_langs[l];
        const hyph_tab_level *top = &hyph_tab_levels[tab->level];
        char path[256], name[320];
        snprintf(path, sizeof path, "%s/hyph_%s.dic", HYPH_DIC_DIR, tab->file);
        char *mem = NULL;
        FILE *f = hyph_dic_open(path, &mem);
        HyphenDict *dict = f ? hnj_hyphen_load_file(f) : NULL;
        if (f)
            fclose(f);
        free(mem);
        snprintf(name, sizeof name, "%s: libhyphen loads %s", tab->lang, path);
        CHECK(dict != NULL, name);
        if (!dict)
            continue;
        snprintf(name, sizeof name, "%s: same charset", tab->lang);
        CHECK(strcmp(dict->cset, top->cset) == 0 && !dict->utf8 == !top->utf8, name);

        iconv_t conv = top->utf8 ? (iconv_t)-1 : iconv_open(top->cset, "UTF-8");
        tally t = {0};
        char low[WORD_MAX * 2 + 8], enc[WORD_MAX * 2 + 8];
        for (size_t i = 0; i < text.n; i++) {
            lower_utf8(loc, text.w[i], low, sizeof low);
            const char *forms[] = {text.w[i], low};
            for (int k = 0; k < 2; k++)
                if (recode(conv, forms[k], enc, sizeof enc) && strlen(enc) <= WORD_MAX)
                    compare(dict, tab, enc, &t, tab->lang);
        }
        words pieces = {0}, pseudo = {0};
        pattern_pieces(path, &pieces);
        rnd_state = 12345u + (uint32_t)l;
        pseudo_words(&pieces, top->utf8, 40000, &pseudo);
        for (size_t i = 0; i < pseudo.n; i++)
            compare(dict, tab, pseudo.w[i], &t, tab->lang);
        /* edge cases: one letter to five, long runs, foreign characters only */
        static const char *edge[] = {"a", "ab", "abc", "abcd", "abcde", "'", "''", "-", "--",
                                     "a'b", "a-b", "1", "12345", ".", "..", "a.b",
                                     "\xe2\x80\x99", "\xe2\x80\x99s",
                                     "s\xe2\x80\x99\xe2\x80\x99s", "\xe4\xb8\xad\xe6\x96\x87",
                                     "\xef\xac\x83", "x\xef\xac\x83x", "\x80\x81",
                                     "\xf0\x9f\x98\x80\xf0\x9f\x98\x80"};
        for (size_t i = 0; i < sizeof edge / sizeof *edge; i++)
            compare(dict, tab, edge[i], &t, tab->lang);
        char lng[WORD_MAX + 1];
        for (size_t k = 0; k < pieces.n && k < 50; k++) {
            size_t n = 0;
            while (n + strlen(pieces.w[k]) <= WORD_MAX) {
                memcpy(lng + n, pieces.w[k], strlen(pieces.w[k]));
                n += strlen(pieces.w[k]);
            }
            lng[n] = '\0';
            compare(dict, tab, lng, &t, tab->lang);
        }
        printf("  %s: %zu words (%zu pseudo-words), %zu the same, %zu differ, %zu left to "
               "libhyphen\n",
               tab->lang, t.words, pseudo.n, t.same, t.differ, t.asked);
        snprintf(name, sizeof name, "%s: every word as libhyphen hyphenates it", tab->lang);
        CHECK(t.differ == 0 && t.same > 40000, name);
        snprintf(name, sizeof name, "%s: few words left to libhyphen", tab->lang);
        CHECK(t.asked * 100 < t.words, name);
        if (conv != (iconv_t)-1)
            iconv_close(conv);
        words_free(&pieces);
        words_free(&pseudo);
        hnj_hyphen_free(dict);
    }

    const hyph_tab_lang *en = hyph_tab_find("en");
    if (en) {
        static char big[HYPH_TAB_MAX + 2], hy[HYPH_TAB_MAX + 8];
        memset(big, 'a', sizeof big - 1);
        CHECK(hyph_tab_hyphenate(en, big, sizeof big - 1, hy) == -1,
              "a word longer than the tables take is left to libhyphen");
        CHECK(hyph_tab_hyphenate(en, "\x80" "abc", 4, hy) == 1,
              "UTF-8 word starting inside a character: libhyphen's error");
    }

    /* the whole path: hyph_word() with the tables and with A2P_HYPH_FILES=1 */
    setenv("A2P_HYPH_FILES", "1", 1);
    hyph_env *files = hyph_env_new();
    unsetenv("A2P_HYPH_FILES");
    hyph_env *tabs = hyph_env_new();
    size_t same = 0, differ = 0, broken = 0;
    for (size_t l = 0; l < hyph_tab_nlangs; l++) {
        for (size_t i = 0; i < text.n; i++) {
            size_t pa[64], pb[64], n = strlen(text.w[i]);
            size_t na = hyph_word(files, hyph_tab_langs[l].lang, text.w[i], n, pa, 64);
            size_t nb = hyph_word(tabs, hyph_tab_langs[l].lang, text.w[i], n, pb, 64);
            if (na == nb && memcmp(pa, pb, na * sizeof *pa) == 0) {
                same++;
                broken += na > 0;
            } else if (differ++ < 5) {
                printf("  hyph_word %s \"%s\": %zu points from the file, %zu from the tables\n",
                       hyph_tab_langs[l].lang, text.w[i], na, nb);
            }
        }
    }
    printf("  hyph_word: %zu words the same (%zu with points), %zu differ\n", same, broken,
           differ);
    CHECK(differ == 0 && broken > 1000, "hyph_word: same points with and without the tables");
    hyph_env_free(files);
    hyph_env_free(tabs);
    words_free(&text);
    if (loc)
        freelocale(loc);
    return t_done();
}
