/* hyph.h - hyphenation points through libhyphen and Debian's patterns, per language.
 * Only hyph.c includes hyphen.h. The languages of hyph_dic.h's HYPH_DIC_NAMES are built in
 * (hyph_tab.h: libhyphen's automata, nothing to load); other dictionaries (or all, with
 * A2P_HYPH_FILES=1 in the environment when the env is made) load once per process, on first
 * use (or on a thread, hyph_preload). Each word's answer is remembered for the process. An
 * env is used by one thread at a time; its own helper threads are joined by
 * hyph_env_free(). */
#ifndef A2P_HYPH_H
#define A2P_HYPH_H

#include <stdbool.h>
#include <stddef.h>

typedef struct hyph_env hyph_env;

hyph_env *hyph_env_new(void);
void hyph_env_free(hyph_env *h);
/* hyph_preload() - start loading LANG's patterns on a background thread (none for a built-in
 * language in UTF-8; an 8-bit one opens its converter there), so that they are ready when
 * the typesetter asks (call it once the input is read, before parsing). The first
 * hyph_word() waits for it; if the article's language proves to be another, the preloaded
 * patterns are dropped and the right ones loaded then. Only before the first hyph_word();
 * later calls, bad tags and a failed thread start are ignored. */
void hyph_preload(hyph_env *h, const char *lang);
/* hyph_retire() - free the loaded patterns and remembered words on a background thread (a
 * process that has typeset its last article lets them go while it writes the PDF). H stays
 * usable: patterns load again on demand. hyph_env_free() waits for the thread. */
void hyph_retire(hyph_env *h);
/* hyph_guess_lang() - the lang (or xml:lang) attribute of the root element of the HTML or XML
 * document in DATA, looked for in its first 16 KB without parsing, copied into OUT (CAP
 * bytes); false when there is none (the article then defaults to "en"). */
bool hyph_guess_lang(const char *data, size_t len, char *out, size_t cap);
/* hyph_word() - byte offsets (into WORD) after which a hyphen may go, at most MAX of them,
 * honouring minimum word (5) and fragment (2 left, 3 right) lengths. 0 for no pattern for
 * LANG ("en", "de-AT"...), numbers, URLs, and words with digits. */
size_t hyph_word(hyph_env *h, const char *lang, const char *word, size_t len, size_t *pts,
                 size_t max);

#endif
