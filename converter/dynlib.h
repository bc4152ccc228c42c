/* dynlib.h - libraries opened on first use (dlopen) instead of linked.
 *
 * Each shared library the program links costs its start-up ~0.2-0.3 ms to map and relocate,
 * whether a conversion calls it or not. The decoders of JPEG, WebP and GIF, fontconfig and
 * libhyphen serve only some conversions, so the modules that use them (image.c, font.c,
 * hyph.c) open them here the first time they are needed. Such a module keeps a pointer of
 * the library's own prototype for each function it calls, so the compiler still checks
 * every call:
 *
 *     #define JPEG_FUNCS(X) X(jpeg_read_header) X(jpeg_start_decompress)
 *     DYN_LIBRARY(jpeg_lib, A2P_SO_JPEG, JPEG_FUNCS);  // p_jpeg_read_header, ... and jpeg_lib
 *     ...
 *     if (!dyn_lib_load(&jpeg_lib, &why)) -> the module's usual failure, naming WHY
 *     p_jpeg_read_header(&ci, TRUE);
 *
 * The sonames (A2P_SO_JPEG...) come from the Makefile, read from the -dev packages' .so
 * links at build time, so a new soname fails the build rather than a conversion.
 * A library stays open for the life of the process. libc only (dlopen is in glibc 2.34+). */
#ifndef A2P_DYNLIB_H
#define A2P_DYNLIB_H

#include <stdbool.h>
#include <stddef.h>

/* one function to look up: its exported name and where its address goes (the address of
 * a pointer to function, declared with DYN_PTR) */
typedef struct dyn_sym {
    const char *name;
    void *slot;
} dyn_sym;

typedef struct dyn_lib {
    const char *soname; /* "libjpeg.so.62" */
    const dyn_sym *syms;
    size_t n_syms;
    /* written by dyn_lib_load() under its lock */
    int state;     /* 0 not tried yet, 1 loaded, -1 failed (for good) */
    char why[256]; /* the failure: dlerror()'s text, which names the file */
} dyn_lib;

#define DYN_PTR(f) static __typeof__(f) *p_##f;
#define DYN_SYM(f) {#f, &p_##f},
#define DYN_LIB(soname, syms)                                                                      \
    {                                                                                              \
        (soname), (syms), sizeof(syms) / sizeof(syms)[0], 0, ""                                    \
    }
/* LIB, the library SONAME, and a pointer p_f for each function f that FUNCS lists (an
 * X-macro); an empty SONAME (the Makefile found none: its -dev package missing) fails the
 * build */
#define DYN_LIBRARY(lib, soname, FUNCS)                                                            \
    FUNCS(DYN_PTR)                                                                                 \
    static const dyn_sym lib##_syms[] = {FUNCS(DYN_SYM)};                                          \
    static dyn_lib lib = DYN_LIB(soname, lib##_syms);                                              \
    _Static_assert(sizeof(soname) > 1, "the Makefile found no soname for " #lib)

/* dyn_lib_load() - open LIB and fill every pointer of its table, the first time; later
 * calls return the first answer. True when all are there; false with *WHY (when WHY is not
 * NULL) pointing to a one-line reason in LIB, valid for the process. Safe to call from any
 * thread (one lock for all libraries); a thread that uses the pointers calls it first,
 * or uses only what a call of its own, or of a thread it joined, has loaded. */
bool dyn_lib_load(dyn_lib *lib, const char **why);

#endif
