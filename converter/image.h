/* image.h - image references resolved, validated and decoded for print.
 * Only image.c includes libjpeg, libpng, libwebp or giflib. The PDF writer receives only
 * IMG_JPEG (validated file bytes, embedded as DCT) or IMG_RAW (8-bit pixels), never a PNG:
 * libharu's PNG loader aborts on corrupt files and garbles 16-bit/interlaced ones. */
#ifndef A2P_IMAGE_H
#define A2P_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "model.h"

typedef enum img_kind {
    IMG_JPEG, /* data = the JPEG file, embedded as is (DCT) */
    IMG_RAW, /* data = 8-bit pixels, COMPONENTS per pixel (1 gray, 3 RGB, 4 CMYK); alpha separate */
} img_kind;

typedef struct img_ref {
    img_kind kind;
    int width, height; /* pixels, after EXIF orientation */
    int components;    /* 1, 3 or 4 */
    const unsigned char *data;
    size_t len;
    const unsigned char *alpha; /* IMG_RAW: width*height 8-bit alpha, or NULL */
    const char *name;           /* the reference as written, for messages (data: URIs shortened) */
    /* IMG_JPEG with 4 components: true when the file carries an Adobe APP14 marker, whose
     * CMYK values are stored inverted (Photoshop): the PDF needs /Decode [1 0 1 0 1 0 1 0],
     * which is what libharu's JPEG loader always writes. IMG_RAW CMYK is never inverted
     * (0 = no ink). */
    bool cmyk_inverted;
} img_ref;

/* One article's table of loaded references, so the same src loaded twice gives the same
 * img_ref (and a failed one warns once). Lives in the article arena. */
typedef struct img_cache img_cache;

typedef struct img_ctx {
    const char *base_dir;  /* folder of the input file: relative paths resolve here */
    const char *base_url;  /* page base URL (absolute URLs map onto saved files by path) */
    const char *resources; /* --resources DIR */
    img_cache *cache;      /* NULL: no caching; else from img_cache_new(article arena) */
} img_ctx;

/* img_cache_new() - empty cache in AR (the article arena: the img_refs live there too). */
img_cache *img_cache_new(ar_arena *ar);

/* img_load() - resolve SRC and decode it into AR. NULL when it cannot be used; then a
 * one-line warning naming SRC is added to DOC and the caller prints the caption anyway.
 * Resolution: data: URIs (base64 or percent-encoded); paths relative to ctx->base_dir,
 * then ctx->resources; http(s) URLs and paths not found directly are looked up by file name
 * in the saved page's NAME_files/ folders of base_dir, then in resources (never fetched).
 * Nothing outside base_dir or resources is read (file: URLs, ../ and symlink escapes are
 * refused with a warning). Format by content: JPEG, PNG, WebP, GIF (first frame). Limits:
 * LIM_IMAGE_BYTES, LIM_IMAGE_PIXELS, checked before decoding. The result lives in AR. */
const img_ref *img_load(const img_ctx *ctx, const char *src, art_doc *doc, ar_arena *ar);

/* img_decode() - decode image bytes already in memory (what img_load does after resolving).
 * NAME is used in warnings and kept in the result. DATA is copied when kept (IMG_JPEG). */
const img_ref *img_decode(const unsigned char *data, size_t len, const char *name, art_doc *doc,
                          ar_arena *ar);

/* img_pixels() - IMG as 8-bit pixels (IMG_RAW): IMG itself unless it is IMG_JPEG, which is
 * decoded into AR (the writer's --grayscale needs pixels). NULL when it cannot be decoded. */
const img_ref *img_pixels(const img_ref *img, ar_arena *ar);

/* img_fit() - IMG for a placement of PLACED_W_PT x PLACED_H_PT points: an IMG_RAW image
 * with more than twice MAX_DPI in both directions is box-filtered down by an integer factor
 * (so it keeps at least MAX_DPI), into AR. Returns IMG itself when it is already small
 * enough, is IMG_JPEG (never re-encoded), or the size is not positive. The typesetter calls
 * it once it knows the placed size, e.g. img_fit(img, w, h, 300, ar). */
const img_ref *img_fit(const img_ref *img, double placed_w_pt, double placed_h_pt, double max_dpi,
                       ar_arena *ar);

#endif
