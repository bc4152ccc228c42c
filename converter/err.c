/* err.c - error records. libc only. */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

bool err_set(a2p_err *err, int status, const char *where, const char *fmt, ...)
{
    if (!err || err->status)
        return false;
    err->status = status ? status : 1;
    snprintf(err->where, sizeof err->where, "%s", where ? where : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return false;
}

bool err_is_set(const a2p_err *err)
{
    return err && err->status;
}

void err_clear(a2p_err *err)
{
    memset(err, 0, sizeof *err);
}
