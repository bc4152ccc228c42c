/* mem.h - the malloc heap readied for a short run. libc only.
 *
 * A page's tree, the typesetter's lists and the PDF's objects are tens of thousands of
 * small mallocs: a few MB of memory touched for the first time. On the virtual machines
 * this runs on (and many others) each fresh 4 KB page costs a fault of 10-25 us, more
 * than parsing what it holds: wikipedia-2 took 2,300 faults, some 35 ms of its 70. So the
 * heap is made to grow in transparent huge pages, one fault per 2 MB:
 *
 *  - once per process (mem_setup): buffers up to 8 MB come from the heap rather than from
 *    mmap (the page's file, the lean copy, libxml2's input copy; freed, they are reused),
 *    the heap grows in steps of 32 MB of address space (touched only when used) and
 *    free() gives memory back to the system only past 64 MB free at the top;
 *  - before a big burst of small allocations (mem_prepare): the heap above the current
 *    top is marked MADV_HUGEPAGE and about as much of it as the burst will take is faulted
 *    in at once (MADV_POPULATE_WRITE, whole 2 MB pages; zeroing them is cheap, faulting is
 *    not). Populating matters: malloc reads a fresh chunk's header before it writes it,
 *    the read maps the shared zero page, and the write fault then falls back to 4 KB
 *    pages. The heap up to the next 2 MB boundary, part of a page already in 4 KB pieces,
 *    is held meanwhile so that the burst starts on the boundary.
 *
 * With another allocator (valgrind, sanitizers), on another thread's arena, or on a kernel
 * without huge pages the hints find no heap or fail, and nothing changes but the fault
 * count. */
#ifndef A2P_MEM_H
#define A2P_MEM_H

#include <stddef.h>

/* mem_setup() - the process-wide settings, and the heap readied for the input file; first
 * thing in main(). mem_prepare() applies the settings itself when nobody called it. */
void mem_setup(void);
/* mem_prepare() - ready the heap for about NEED bytes of small allocations; returns what
 * to give mem_done() once they are made (NULL: nothing held). */
void *mem_prepare(size_t need);
void mem_done(void *held);

#endif
