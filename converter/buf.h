/* buf.h - growable byte buffer on malloc (file contents, dumps). libc only.
 * The owner calls buf_free(); a buffer is always NUL-terminated after any append. */
#ifndef A2P_BUF_H
#define A2P_BUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct buf {
    char *data;
    size_t len, cap;
} buf;

void buf_add(buf *b, const char *s, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_free(buf *b);
/* buf_read_file() - whole file (PATH "-" = stdin) into B, at most MAX bytes.
 * Returns 0 on success, else an errno value (EFBIG when larger than MAX). */
int buf_read_file(buf *b, const char *path, size_t max);

#endif
