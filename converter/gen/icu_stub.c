/* icu_stub.c - a stand-in for ICU's converter library, loaded in its place by article2pdf
 * only (the program's DT_RPATH names the directory it is built into).
 *
 * Why: Debian's libxml2 links ICU (libicuuc, which brings libicudata, libstdc++ and
 * libgcc_s) for one thing, converting character sets that neither libxml2 itself nor iconv
 * knows. article2pdf hands libxml2 UTF-8 only, yet mapping and relocating those libraries
 * took about 4 ms of every run, a sixth of converting a one-page article. libxml2 stays the
 * system's shared library, so its security updates still apply; only ICU is left out.
 *
 * What: the seven functions Debian 12's libxml2 2.9.14 imports from ICU (the Makefile
 * checks that list against the installed libxml2 and builds no stub when it differs). Opening
 * a converter fails, as it does when ICU has no converter of that name, and libxml2 then
 * reports the encoding as unsupported; the other six are reached only through an open
 * converter. ICU_SUFFIX is ICU's version suffix on every name (_72 for libicuuc.so.72). */

#include <stddef.h>

#ifndef ICU_SUFFIX
#error "build with -DICU_SUFFIX=_NN, the version of libicuuc.so.NN that libxml2 needs"
#endif
#define NAME2(a, b) a##b
#define NAME1(a, b) NAME2(a, b)
#define ICU(name) NAME1(name, ICU_SUFFIX)

typedef int UErrorCode;        /* ICU's enum: > 0 is failure */
#define U_UNSUPPORTED_ERROR 16 /* "requested operation not supported in current context" */

void *ICU(ucnv_open)(const char *name, UErrorCode *err);
void ICU(ucnv_close)(void *conv);
void ICU(ucnv_setToUCallBack)(void *conv, void *fn, const void *ctx, void *old_fn,
                              const void **old_ctx, UErrorCode *err);
void ICU(ucnv_setFromUCallBack)(void *conv, void *fn, const void *ctx, void *old_fn,
                                const void **old_ctx, UErrorCode *err);
void ICU(UCNV_TO_U_CALLBACK_STOP)(void);
void ICU(UCNV_FROM_U_CALLBACK_STOP)(void);
void ICU(ucnv_convertEx)(void);

void *ICU(ucnv_open)(const char *name, UErrorCode *err)
{
    (void)name;
    if (err && *err <= 0)
        *err = U_UNSUPPORTED_ERROR;
    return NULL;
}

void ICU(ucnv_close)(void *conv)
{
    (void)conv;
}

void ICU(ucnv_setToUCallBack)(void *conv, void *fn, const void *ctx, void *old_fn,
                              const void **old_ctx, UErrorCode *err)
{
    (void)conv, (void)fn, (void)ctx, (void)old_fn, (void)old_ctx;
    if (err && *err <= 0)
        *err = U_UNSUPPORTED_ERROR;
}

void ICU(ucnv_setFromUCallBack)(void *conv, void *fn, const void *ctx, void *old_fn,
                                const void **old_ctx, UErrorCode *err)
{
    (void)conv, (void)fn, (void)ctx, (void)old_fn, (void)old_ctx;
    if (err && *err <= 0)
        *err = U_UNSUPPORTED_ERROR;
}

/* callbacks: only ever passed to the two functions above, never called */
void ICU(UCNV_TO_U_CALLBACK_STOP)(void)
{
}

void ICU(UCNV_FROM_U_CALLBACK_STOP)(void)
{
}

/* ucnv_convertEx needs two open converters; with none it is never reached */
void ICU(ucnv_convertEx)(void)
{
}
