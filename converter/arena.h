/* arena.h - one allocation lifetime (an article, a paragraph's scratch, the process).
 * libc only. Nothing allocated here is freed piece by piece: ar_free() drops it all.
 * Out of memory: ar_alloc() prints one line and exits 1 (style.md §4); callers never see NULL. */
#ifndef A2P_ARENA_H
#define A2P_ARENA_H

#include <stddef.h>

typedef struct ar_arena ar_arena;

ar_arena *ar_new(void);
/* ar_alloc() - SIZE zeroed bytes aligned for any type, valid until ar_reset/ar_free. */
void *ar_alloc(ar_arena *ar, size_t size);
/* ar_grow() - resize an array allocated with ar_alloc (old contents copied; old block wasted). */
void *ar_grow(ar_arena *ar, void *old, size_t old_size, size_t new_size);
char *ar_strndup(ar_arena *ar, const char *s, size_t n);
char *ar_strdup(ar_arena *ar, const char *s);
/* ar_printf() - formatted string in the arena. */
char *ar_printf(ar_arena *ar, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
size_t ar_used(const ar_arena *ar); /* bytes handed out, for --timings and bench */
void ar_reset(ar_arena *ar);        /* keep the first block, forget the contents */
void ar_free(ar_arena *ar);

#endif
