/* buf.c - growable byte buffer. libc only. */
#include "buf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/stat.h>

static void reserve(buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        fputs("article2pdf: out of memory\n", stderr);
        exit(1);
    }
    b->data = p;
    b->cap = cap;
}

void buf_add(buf *b, const char *s, size_t n)
{
    reserve(b, n);
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = 0;
}

void buf_puts(buf *b, const char *s)
{
    buf_add(b, s, strlen(s));
}

void buf_putc(buf *b, char c)
{
    buf_add(b, &c, 1);
}

void buf_printf(buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void buf_free(buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

int buf_read_file(buf *b, const char *path, size_t max)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f)
        return errno ? errno : ENOENT;
    /* A regular file is read straight into room for its size, not through a doubling
     * buffer: fresh memory is the dearest thing a short run touches. A file that grows
     * meanwhile takes the loop below. */
    struct stat st;
    int rc = 0;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        if ((uint64_t)st.st_size > max) {
            rc = EFBIG;
        } else {
            reserve(b, (size_t)st.st_size);
            b->len += fread(b->data + b->len, 1, (size_t)st.st_size, f);
            b->data[b->len] = '\0';
        }
    }
    char tmp[65536];
    size_t n;
    while (!rc && (n = fread(tmp, 1, sizeof tmp, f)) > 0) {
        if (b->len + n > max) {
            rc = EFBIG;
            break;
        }
        buf_add(b, tmp, n);
    }
    if (!rc && ferror(f))
        rc = errno ? errno : EIO;
    if (f != stdin)
        fclose(f);
    if (!b->data)
        buf_add(b, "", 0);
    return rc;
}
