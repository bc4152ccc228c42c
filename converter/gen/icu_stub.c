/* icu_stub.c - a stand-in for ICU's converter library, loaded in its place by article2pdf
 * only (the program's DT_RPATH names the directory it is built into).
 *
 * Why: Debian's libxml2 links ICU (libicuuc, which brings libicudata, libstdc++ and
 * libgcc_s) for one thing, converting character sets that neither libxml2 itself nor iconv
 * knows. article2pdf hands libxml2 UTF-8 only, yet mapping and relocating those libraries
 * took about 4 ms of every run, a sixth of converting a one-page article. libxml2 stays the
 * system's shared library, so its security updates still apply; only ICU is left out.
 *
 * What: the seven functions Debian 12's libxml2 2.9.14 imports from ICU, the same seven
 * libxml2 has used from 2.9 to 2.14 (the Makefile checks the list against the installed
 * libxml2 and builds no stub when it differs; libxml2 binds its symbols at load, so a
 * missing one would stop the program from starting, which tests/e2e/xml.sh checks with
 * ldd -r). Opening a converter fails, as it does when ICU has no converter of that name,
 * and libxml2 reports the encoding as unsupported; the other six are reached only through
 * an open converter. What is lost: charsets that only ICU converts (SCSU, BOCU-1), which
 * iconv lacks. ICU_SUFFIX is ICU's version suffix on every name (_72: libicuuc.so.72). */

#include <stddef.h>

#ifndef ICU_SUFFIX
#error "build with -DICU_SUFFIX=_NN, the version of libicuuc.so.NN that libxml2 needs"
#endif
#define NAME2(a, b) a##b
#define NAME1(a, b) NAME2(a, b)
#define ICU(name) NAME1(name, ICU_SUFFIX)

typedef int UErrorCode;       /* ICU's enum: > 0 is failure */
#define U_FILE_ACCESS_ERROR 4 /* what ucnv_open gives for a name it has no converter for */

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
        *err = U_FILE_ACCESS_ERROR;
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
        *err = U_FILE_ACCESS_ERROR;
}

void ICU(ucnv_setFromUCallBack)(void *conv, void *fn, const void *ctx, void *old_fn,
                                const void **old_ctx, UErrorCode *err)
{
    (void)conv, (void)fn, (void)ctx, (void)old_fn, (void)old_ctx;
    if (err && *err <= 0)
        *err = U_FILE_ACCESS_ERROR;
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
