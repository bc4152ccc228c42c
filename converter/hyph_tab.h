/* hyph_tab.h - libhyphen's pattern automata, compiled into the program, and a walk over them
 * that gives the break points hnj_hyphen_hyphenate2() gives. libc only.
 *
 * At build time converter/gen/hyph_gen.c loads each Debian pattern file that hyph.c uses
 * with libhyphen itself (German reduced by hyph_dic as at run time) and writes the finished
 * automata (states, transitions, fallback states, match digits, every level of a compound
 * dictionary, the hyphenmin settings and NOHYPHEN lists) as the constant arrays below, into
 * $(B)/gen/hyph_tab_data.c. Indices, never pointers: the data needs no relocation when the
 * program starts, and its pages are read from the file only when a word touches them. So a
 * language found here costs nothing to load; the answers are libhyphen's, byte for byte
 * (tests/unit/test_hyph_tab.c compares both ways on large word lists). */
#ifndef A2P_HYPH_TAB_H
#define A2P_HYPH_TAB_H

#include <stddef.h>
#include <stdint.h>

/* One state of a level's automaton, 8 bytes (61,000 states for the eight languages). */
typedef struct hyph_tab_state {
    uint32_t trans;   /* first transition in hyph_tab_trans (low 24 bits) | their number << 24 */
    int16_t fallback; /* state (in the level) to try on a missing transition, -1 none */
    uint16_t match;   /* its match in hyph_tab_pool, 0 for none: a byte with the length of
                         the digits (| HYPH_TAB_REPL where a non-standard, replacement
                         pattern ends here), then the digits */
} hyph_tab_state;

/* A transition: HYPH_TAB_CH(t) the input byte, HYPH_TAB_TO(t) the state (in the level). */
#define HYPH_TAB_CH(t) ((unsigned char)((t) & 0xFFu))
#define HYPH_TAB_TO(t) ((int32_t)((t) >> 8))
#define HYPH_TAB_REPL 128u

/* One level of a dictionary (a HyphenDict): libhyphen returns a level whose next level holds
 * the patterns (its first level splits words at hyphens and apostrophes). */
typedef struct hyph_tab_level {
    uint32_t state0;     /* its state 0 in hyph_tab_states */
    uint32_t nstates;
    uint32_t nohyphen;   /* NOHYPHEN strings, each ending in NUL: offset in the pool, 0 none */
    int32_t nohyphenl;   /* their number less one, as libhyphen counts */
    int32_t next;        /* the next level in hyph_tab_levels, -1 none */
    signed char lhmin, rhmin, clhmin, crhmin;
    unsigned char utf8;  /* 1: patterns in UTF-8; 0: in the 8-bit CSET */
    char cset[20];
} hyph_tab_level;

/* A dictionary: the primary language subtag hyph.c asks for, and its top level. */
typedef struct hyph_tab_lang {
    char lang[8];  /* "en" */
    char file[16]; /* Debian's name: "en_US" (hyph_en_US.dic) */
    int32_t level; /* in hyph_tab_levels */
} hyph_tab_lang;

/* generated: $(B)/gen/hyph_tab_data.c */
extern const hyph_tab_state hyph_tab_states[];
extern const uint32_t hyph_tab_trans[];
extern const char hyph_tab_pool[];
extern const hyph_tab_level hyph_tab_levels[];
extern const hyph_tab_lang hyph_tab_langs[];
extern const size_t hyph_tab_nlangs;

#define HYPH_TAB_MAX 512 /* bytes of a word hyph_tab_hyphenate() takes */

/* hyph_tab_find() - the built-in dictionary for the primary subtag KEY ("en"), NULL when the
 * program was built without one. */
const hyph_tab_lang *hyph_tab_find(const char *key);

/* hyph_tab_hyphenate() - what hnj_hyphen_hyphenate2(D, WORD, LEN, HY, NULL, &rep, &pos, &cut)
 * writes into HY (LEN + 5 bytes): '0'..'9' per character (per byte in an 8-bit dictionary),
 * odd where a hyphen may follow, NUL after the last. WORD is NUL-terminated, as libhyphen
 * requires, in the dictionary's encoding. Returns 0 as libhyphen does, 1 where libhyphen
 * returns an error (a UTF-8 word that starts inside a character; HY is then undefined), and
 * -1 when it cannot answer exactly: a replacement pattern matched, the word is longer than
 * HYPH_TAB_MAX, or it nests too deep; ask libhyphen then. */
int hyph_tab_hyphenate(const hyph_tab_lang *d, const char *word, size_t len, char *hy);

#endif
