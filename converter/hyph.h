/* hyph.h - hyphenation points through libhyphen and Debian's patterns, per language.
 * Only hyph.c includes hyphen.h. Dictionaries load once per process, on first use. */
#ifndef A2P_HYPH_H
#define A2P_HYPH_H

#include <stddef.h>

typedef struct hyph_env hyph_env;

hyph_env *hyph_env_new(void);
void hyph_env_free(hyph_env *h);
/* hyph_word() - byte offsets (into WORD) after which a hyphen may go, at most MAX of them,
 * honouring minimum word (5) and fragment (2 left, 3 right) lengths. 0 for no pattern for
 * LANG ("en", "de-AT"...), numbers, URLs, and words with digits. */
size_t hyph_word(hyph_env *h, const char *lang, const char *word, size_t len, size_t *pts,
                 size_t max);

#endif
