/* arena.c - bump allocator in linked blocks (compare mupdf source/fitz/pool.c). libc only. */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AR_BLOCK (64 * 1024)
#define AR_ALIGN 16

typedef struct ar_block {
    struct ar_block *next;
    size_t size, used;
    _Alignas(AR_ALIGN) unsigned char data[];
} ar_block;

struct ar_arena {
    ar_block *head;
    size_t total;
};

static void *xmalloc(size_t n)
{
    void *p = malloc(n);
    if (!p) {
        fputs("article2pdf: out of memory\n", stderr);
        exit(1);
    }
    return p;
}

ar_arena *ar_new(void)
{
    ar_arena *ar = xmalloc(sizeof *ar);
    ar->head = NULL;
    ar->total = 0;
    return ar;
}

void *ar_alloc(ar_arena *ar, size_t size)
{
    size = (size + AR_ALIGN - 1) & ~(size_t)(AR_ALIGN - 1);
    if (size == 0)
        size = AR_ALIGN;
    ar_block *b = ar->head;
    if (!b || b->size - b->used < size) {
        size_t bs = size > AR_BLOCK / 4 ? size : AR_BLOCK;
        b = xmalloc(sizeof *b + bs);
        b->size = bs;
        b->used = 0;
        if (bs == size && ar->head) { /* big one-off: keep the current block on top */
            b->next = ar->head->next;
            ar->head->next = b;
        } else {
            b->next = ar->head;
            ar->head = b;
        }
    }
    void *p = b->data + b->used;
    b->used += size;
    ar->total += size;
    memset(p, 0, size);
    return p;
}

void *ar_grow(ar_arena *ar, void *old, size_t old_size, size_t new_size)
{
    void *p = ar_alloc(ar, new_size);
    if (old && old_size)
        memcpy(p, old, old_size < new_size ? old_size : new_size);
    return p;
}

char *ar_strndup(ar_arena *ar, const char *s, size_t n)
{
    char *p = ar_alloc(ar, n + 1);
    if (n)
        memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *ar_strdup(ar_arena *ar, const char *s)
{
    return s ? ar_strndup(ar, s, strlen(s)) : NULL;
}

char *ar_printf(ar_arena *ar, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *p = ar_alloc(ar, (size_t)(n < 0 ? 0 : n) + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

size_t ar_used(const ar_arena *ar)
{
    return ar->total;
}

void ar_reset(ar_arena *ar)
{
    if (!ar->head)
        return;
    ar_block *keep = ar->head, *b = keep->next;
    while (b) {
        ar_block *n = b->next;
        free(b);
        b = n;
    }
    keep->next = NULL;
    keep->used = 0;
    ar->total = 0;
}

void ar_free(ar_arena *ar)
{
    if (!ar)
        return;
    ar_block *b = ar->head;
    while (b) {
        ar_block *n = b->next;
        free(b);
        b = n;
    }
    free(ar);
}
