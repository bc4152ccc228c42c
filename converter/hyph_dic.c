/* hyph_dic.c - see hyph_dic.h */
#include "hyph_dic.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

#define DIC_MAX (32u << 20) /* a pattern file larger than this is read as it is */

/* the line at *P (without its end), advancing *P past it; false at the end */
static bool next_line(const char **p, const char *end, const char **s, size_t *n)
{
    if (*p >= end)
        return false;
    const char *e = memchr(*p, '\n', (size_t)(end - *p));
    if (!e)
        e = end;
    *s = *p;
    *n = (size_t)(e - *p);
    if (*n && (*s)[*n - 1] == '\r')
        (*n)--;
    *p = e < end ? e + 1 : end;
    return true;
}

static bool starts(const char *s, size_t n, const char *word)
{
    size_t k = strlen(word);
    return n >= k && memcmp(s, word, k) == 0;
}

/* a line libhyphen reads as a pattern: not empty, not a comment, not a KEYWORD line */
static bool is_pattern(const char *s, size_t n)
{
    return n > 0 && s[0] != '#' && s[0] != '%' && !(s[0] >= 'A' && s[0] <= 'Z');
}

/* DATA reduced to its second level when its first is a long word list; NULL otherwise */
static char *second_level(const char *data, size_t len, size_t *out_len)
{
    const char *p = data, *end = data + len, *s, *charset = NULL;
    size_t n, n_charset = 0, patterns = 0;
    const char *level2 = NULL;
    buf keep = {0}; /* first-level settings that hold for the whole word */
    bool first = true;
    while (next_line(&p, end, &s, &n)) {
        if (first) {
            charset = s;
            n_charset = n;
            first = false;
        } else if (n == 9 && memcmp(s, "NEXTLEVEL", 9) == 0) {
            level2 = p;
            break;
        } else if (is_pattern(s, n)) {
            patterns++;
        } else if (starts(s, n, "NOHYPHEN") || starts(s, n, "LEFTHYPHENMIN") ||
                   starts(s, n, "RIGHTHYPHENMIN")) {
            buf_add(&keep, s, n);
            buf_putc(&keep, '\n');
        }
    }
    if (!level2 || patterns <= HYPH_COMPOUND_MAX) {
        buf_free(&keep);
        return NULL;
    }
    buf b = {0};
    buf_add(&b, charset, n_charset);
    buf_putc(&b, '\n');
    if (keep.len)
        buf_add(&b, keep.data, keep.len);
    buf_add(&b, level2, (size_t)(end - level2));
    buf_free(&keep);
    *out_len = b.len;
    return b.data; /* buf's storage is malloc'd */
}

FILE *hyph_dic_open(const char *path, char **mem)
{
    *mem = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) != 0) {
        rewind(f);
        return f;
    }
    long size = ftell(f);
    rewind(f);
    if (size <= 0 || (unsigned long)size > DIC_MAX)
        return f;
    char *data = malloc((size_t)size);
    if (!data || fread(data, 1, (size_t)size, f) != (size_t)size) {
        free(data);
        rewind(f);
        return f;
    }
    size_t n = 0;
    char *reduced = second_level(data, (size_t)size, &n);
    free(data);
    if (!reduced) {
        rewind(f);
        return f;
    }
    FILE *m = fmemopen(reduced, n, "r");
    if (!m) {
        free(reduced);
        rewind(f);
        return f;
    }
    fclose(f);
    *mem = reduced;
    return m;
}
