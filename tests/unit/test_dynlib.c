/* test_dynlib.c - dynlib.c: a library opened on first use fills its pointers with the real
 * functions, once; a missing library or function fails with a reason that names it, and
 * keeps failing the same way; two threads asking at once both get the library. */
#include "harness.h"
#include "dynlib.h"

#include <jpeglib.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* libjpeg: linked by no part of the program, so this is a real first dlopen */
#define JPEG_FUNCS(X) X(jpeg_std_error) X(jpeg_CreateDecompress) X(jpeg_destroy_decompress)
JPEG_FUNCS(DYN_PTR)
static const dyn_sym jpeg_syms[] = {JPEG_FUNCS(DYN_SYM)};
static dyn_lib jpeg_lib = DYN_LIB(A2P_SO_JPEG, jpeg_syms);

/* a library that does not exist, and a real one asked for a function it lacks */
DYN_PTR(sqrt)
static const dyn_sym none_syms[] = {{"sqrt", &p_sqrt}};
static dyn_lib none_lib = DYN_LIB("libarticle2pdf-no-such-library.so.0", none_syms);
static const dyn_sym odd_syms[] = {{"sqrt", &p_sqrt}, {"a2p_no_such_function", &p_sqrt}};
static dyn_lib odd_lib = DYN_LIB("libm.so.6", odd_syms);

static void *load_main(void *arg)
{
    return dyn_lib_load(arg, NULL) ? arg : NULL;
}

int main(void)
{
    /* ---- the first load fills the table; the pointers are libjpeg's own functions ---- */
    pthread_t t1, t2;
    void *r1 = NULL, *r2 = NULL;
    bool started = pthread_create(&t1, NULL, load_main, &jpeg_lib) == 0 &&
                   pthread_create(&t2, NULL, load_main, &jpeg_lib) == 0;
    if (started) {
        pthread_join(t1, &r1);
        pthread_join(t2, &r2);
    }
    CHECK(started && r1 == &jpeg_lib && r2 == &jpeg_lib, "dynlib: two threads load one library");
    const char *why = NULL;
    CHECK(dyn_lib_load(&jpeg_lib, &why) && why == NULL, "dynlib: later calls say loaded");
    CHECK(p_jpeg_std_error && p_jpeg_CreateDecompress && p_jpeg_destroy_decompress,
          "dynlib: every pointer filled");
    struct jpeg_decompress_struct ci;
    struct jpeg_error_mgr jerr;
    ci.err = p_jpeg_std_error(&jerr);
    p_jpeg_CreateDecompress(&ci, JPEG_LIB_VERSION, sizeof ci);
    CHECK(ci.global_state != 0 && jerr.error_exit != NULL, "dynlib: libjpeg's functions work");
    p_jpeg_destroy_decompress(&ci);

    /* ---- failures: the reason names what is missing; the answer does not change ---- */
    CHECK(!dyn_lib_load(&none_lib, &why) && why &&
              strstr(why, "libarticle2pdf-no-such-library.so.0"),
          "dynlib: a missing library is named");
    const char *again = NULL;
    CHECK(!dyn_lib_load(&none_lib, &again) && again == why, "dynlib: a failure is kept");
    CHECK(!dyn_lib_load(&odd_lib, &why) && why && strstr(why, "a2p_no_such_function"),
          "dynlib: a missing function is named");
    CHECK(strchr(why, '\n') == NULL, "dynlib: the reason is one line");
    printf("%d passed, %d failed\n", t_pass, t_fail);
    return t_done();
}
