/* fuzz_image.c - libFuzzer harness: bytes -> image.h's entry points.
 * The first byte picks the way in: img_decode() on the bytes (JPEG, PNG, WebP, GIF by
 * content), or img_load() on a data: URI carrying them (base64 or percent-encoded, through
 * the URI decoders), or img_load() on the bytes taken as the reference itself. A decoded
 * image then goes through img_pixels() (the --grayscale path) and img_fit() (downsampling).
 * Build and run: make fuzz. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "image.h"

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* "data:image/png;base64," and D in base64, NUL-terminated, malloc'd */
static char *as_base64(const uint8_t *d, size_t n)
{
    static const char head[] = "data:image/png;base64,";
    char *s = malloc(sizeof head + (n + 2) / 3 * 4), *p = s + sizeof head - 1;
    memcpy(s, head, sizeof head - 1);
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)d[i] << 16 | (i + 1 < n ? (uint32_t)d[i + 1] << 8 : 0) |
                     (i + 2 < n ? d[i + 2] : 0);
        *p++ = b64[v >> 18 & 63];
        *p++ = b64[v >> 12 & 63];
        *p++ = i + 1 < n ? b64[v >> 6 & 63] : '=';
        *p++ = i + 2 < n ? b64[v & 63] : '=';
    }
    *p = 0;
    return s;
}

/* "data:," and D percent-encoded, NUL-terminated, malloc'd */
static char *as_percent(const uint8_t *d, size_t n)
{
    char *s = malloc(7 + 3 * n), *p = s + 6;
    memcpy(s, "data:,", 6);
    for (size_t i = 0; i < n; i++) {
        *p++ = '%';
        *p++ = "0123456789ABCDEF"[d[i] >> 4];
        *p++ = "0123456789abcdef"[d[i] & 15];
    }
    *p = 0;
    return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned mode = data[0];
    data++, size--;
    ar_arena *ar = ar_new();
    art_doc *doc = art_doc_new(ar);
    const img_ref *img = NULL;
    char *src = NULL;
    switch (mode % 4) {
    case 0:
    case 1:
        img = img_decode(data, size, "fuzz", doc, ar);
        break;
    case 2:
        src = (mode & 4) ? as_percent(data, size) : as_base64(data, size);
        img = img_load(NULL, src, doc, ar);
        break;
    case 3: /* the reference itself: schemes, data: URIs written by hand, never a file */
        src = malloc(size + 1);
        memcpy(src, data, size);
        src[size] = 0;
        if (!strncasecmp(src, "data:", 5))
            img = img_load(NULL, src, doc, ar);
        break;
    }
    free(src);
    if (img) {
        /* what the writer relies on */
        if (img->width <= 0 || img->height <= 0 || !img->data || !img->len ||
            (img->components != 1 && img->components != 3 && img->components != 4))
            __builtin_trap();
        const img_ref *px = img_pixels(img, ar);
        if (px && px->len < (size_t)px->width * (size_t)px->height * (size_t)px->components)
            __builtin_trap();
        if (px)
            img_fit(px, 10 + mode % 50, 10 + (mode >> 2) % 50, 72, ar);
    }
    ar_free(ar);
    return 0;
}
