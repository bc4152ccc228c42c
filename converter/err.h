/* err.h - the error record every fallible function fills (style.md §5). libc only.
 * The first error wins; only main.c prints, as "article2pdf: WHERE: message". */
#ifndef A2P_ERR_H
#define A2P_ERR_H

#include <stdbool.h>

typedef struct a2p_err {
    int status;      /* exit status: 1 input could not be converted, 2 usage or style */
    char where[512]; /* "samples/news.html" or "styles/briefing.css:7" */
    char msg[256];   /* "unknown property 'colr'" */
} a2p_err;

/* err_set() - record an error unless one is already recorded. Always returns false. */
bool err_set(a2p_err *err, int status, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
bool err_is_set(const a2p_err *err);
void err_clear(a2p_err *err);

#endif
