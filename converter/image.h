/* image.h - image references resolved, validated and decoded for print.
 * Only image.c includes libjpeg, libpng, libwebp or giflib. */
#ifndef A2P_IMAGE_H
#define A2P_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "model.h"

typedef enum img_kind {
    IMG_JPEG, /* data = the JPEG file, embedded as is (DCT) */
    IMG_RAW,  /* data = 8-bit pixels, COMPONENTS per pixel (1 gray, 3 RGB, 4 CMYK); alpha separate */
} img_kind;

typedef struct img_ref {
    img_kind kind;
    int width, height;     /* pixels, after EXIF orientation */
    int components;        /* 1, 3 or 4 */
    const unsigned char *data;
    size_t len;
    const unsigned char *alpha; /* IMG_RAW: width*height 8-bit alpha, or NULL */
    const char *name;      /* the reference as written, for messages */
} img_ref;

typedef struct img_ctx {
    const char *base_dir;  /* folder of the input file: relative paths resolve here */
    const char *base_url;  /* page base URL, to map absolute URLs onto saved files */
    const char *resources; /* --resources DIR */
} img_ctx;

/* img_load() - resolve SRC and decode it into AR. NULL when it cannot be used; then a
 * one-line warning naming SRC is added to DOC and the caller prints the caption anyway. */
const img_ref *img_load(const img_ctx *ctx, const char *src, art_doc *doc, ar_arena *ar);

#endif
