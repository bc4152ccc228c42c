/* mem.c - the malloc heap readied for a short run (mem.h). libc only. */
#include "mem.h"

#include <malloc.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#define HEAP_PAD (32u << 20)
#define HUGE_PAGE ((uintptr_t)2 << 20)

static bool heap_glibc; /* glibc's heap grows by brk: set once by settings() */
static void *heap_head; /* the heap below the first huge page, held for the process */

static uintptr_t huge_up(uintptr_t a)
{
    return (a + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
}

static void settings(void)
{
    mallopt(M_MMAP_THRESHOLD, 8 << 20); /* a page of up to 5 MB and its copies */
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_TOP_PAD, (int)HEAP_PAD);
    char *p = malloc(1 << 20); /* makes the heap grow by HEAP_PAD now */
    if (!p)
        return;
    char *top = sbrk(0);
    heap_glibc = top != (char *)-1 && (uintptr_t)p < (uintptr_t)top &&
                 (uintptr_t)top - (uintptr_t)p <= 2 * (uintptr_t)HEAP_PAD;
    free(p);
}

static void settings_once(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, settings);
}

void *mem_prepare(size_t need)
{
    settings_once();
    if (!heap_glibc || need < HUGE_PAGE / 4)
        return NULL;
    char *q = malloc(128 << 10); /* where the heap's free top begins, about */
    if (!q)
        return NULL;
    uintptr_t start = huge_up((uintptr_t)q), end = (uintptr_t)sbrk(0) & ~(HUGE_PAGE - 1);
    free(q);
    if (end <= start || end - start > ((uintptr_t)1 << 30))
        return NULL; /* not the brk heap (a thread's arena), or too far from it */
    madvise((void *)start, end - start, MADV_HUGEPAGE); /* hints: either may fail */
    if (huge_up(need) < end - start)
        end = start + huge_up(need);
#ifdef MADV_POPULATE_WRITE /* Linux 5.14 */
    madvise((void *)start, end - start, MADV_POPULATE_WRITE);
#endif
    return start - (uintptr_t)q > 4096 ? malloc(start - (uintptr_t)q - 64) : NULL;
}

void mem_done(void *held)
{
    free(held);
}

void mem_setup(void)
{
    if (!heap_head)
        heap_head = mem_prepare(HUGE_PAGE); /* the input file is read into this */
}
