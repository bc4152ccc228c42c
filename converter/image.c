/* image.c - image references: resolve (data: URIs, local files, saved-page folders), check
 * limits, validate and decode JPEG / PNG / WebP / GIF into img_ref for the PDF writer.
 * The only file that includes libjpeg, libpng, libwebp and giflib; no hpdf.h, no libxml2.
 * All but libpng are opened on first use (dynlib.h), not linked.
 * Library errors never leave this file: libjpeg's error_exit longjmps to a setjmp in
 * jpeg_run() only, libpng is used through its simplified API (errors in png_image.message),
 * libwebp and giflib return codes. Nothing outside base_dir / resources is ever opened. */
#include "image.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <gif_lib.h>
#include <jpeglib.h>
#include <jerror.h>
#include <png.h>
#include <webp/decode.h>

#include "dynlib.h"
#include "limits.h"

/* ======================================================================================
 * Decoders, opened on first use: most articles have no JPEG, WebP or GIF image, and the
 * process start-up saves the mapping of three libraries (dynlib.h). libpng stays linked:
 * FreeType and libharu need it anyway.
 * ==================================================================================== */

#define JPEG_FUNCS(X)                                                                              \
    X(jpeg_std_error)                                                                              \
    X(jpeg_CreateDecompress)                                                                       \
    X(jpeg_mem_src)                                                                                \
    X(jpeg_save_markers)                                                                           \
    X(jpeg_read_header)                                                                            \
    X(jpeg_start_decompress)                                                                       \
    X(jpeg_read_scanlines)                                                                         \
    X(jpeg_finish_decompress)                                                                      \
    X(jpeg_destroy_decompress)
#define WEBP_FUNCS(X)                                                                              \
    X(WebPGetFeaturesInternal)                                                                     \
    X(WebPDecodeRGBAInto)                                                                          \
    X(WebPDecodeRGBInto)
#define GIF_FUNCS(X)                                                                               \
    X(DGifOpen)                                                                                    \
    X(DGifCloseFile)                                                                               \
    X(DGifGetRecordType)                                                                           \
    X(DGifGetExtension)                                                                            \
    X(DGifGetExtensionNext)                                                                        \
    X(DGifExtensionToGCB)                                                                          \
    X(DGifGetImageDesc)                                                                            \
    X(DGifGetLine)                                                                                 \
    X(GifErrorString)

DYN_LIBRARY(jpeg_lib, A2P_SO_JPEG, JPEG_FUNCS);
DYN_LIBRARY(webp_lib, A2P_SO_WEBP, WEBP_FUNCS);
DYN_LIBRARY(gif_lib, A2P_SO_GIF, GIF_FUNCS);

/* LIB opened for an image of FORMAT; when it cannot be, the image fails as a corrupt one
 * does: one warning naming it, and no picture. */
static bool decoder_ready(dyn_lib *lib, const char *format, const char *name, art_doc *doc)
{
    const char *why;
    if (dyn_lib_load(lib, &why))
        return true;
    art_doc_warn(doc, "image '%s': cannot decode %s (%s)", name, format, why);
    return false;
}

/* ======================================================================================
 * Cache: one list per article
 * ==================================================================================== */

typedef struct cache_ent {
    struct cache_ent *next;
    const char *src;
    const img_ref *img; /* NULL: failed (already warned) */
} cache_ent;

struct img_cache {
    ar_arena *ar;
    cache_ent *head;
};

img_cache *img_cache_new(ar_arena *ar)
{
    img_cache *c = ar_alloc(ar, sizeof *c);
    c->ar = ar;
    return c;
}

static const cache_ent *cache_find(const img_cache *c, const char *src)
{
    for (const cache_ent *e = c ? c->head : NULL; e; e = e->next)
        if (strcmp(e->src, src) == 0)
            return e;
    return NULL;
}

static void cache_put(img_cache *c, const char *src, const img_ref *img)
{
    if (!c)
        return;
    cache_ent *e = ar_alloc(c->ar, sizeof *e);
    e->src = ar_strdup(c->ar, src);
    e->img = img;
    e->next = c->head;
    c->head = e;
}

/* ======================================================================================
 * Small helpers
 * ==================================================================================== */

/* The reference as shown in messages: data: URIs shortened, control characters replaced so
 * that a warning stays one line. */
static const char *display_name(const char *src, ar_arena *ar)
{
    size_t n = strlen(src);
    bool cut = n > 80;
    char *s = ar_strndup(ar, src, cut ? 60 : n);
    for (char *p = s; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            *p = '?';
    return cut ? ar_printf(ar, "%s...", s) : s;
}

static bool has_prefix_ci(const char *s, const char *pre)
{
    return strncasecmp(s, pre, strlen(pre)) == 0;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Percent-decode S[0..n) into a new malloc'd buffer; *out_len its length. */
static unsigned char *pct_decode(const char *s, size_t n, size_t *out_len)
{
    unsigned char *o = malloc(n + 1);
    if (!o)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int h, l;
        if (s[i] == '%' && i + 2 < n && (h = hexval((unsigned char)s[i + 1])) >= 0 &&
            (l = hexval((unsigned char)s[i + 2])) >= 0) {
            o[k++] = (unsigned char)(h * 16 + l);
            i += 2;
        } else {
            o[k++] = (unsigned char)s[i];
        }
    }
    o[k] = 0;
    *out_len = k;
    return o;
}

static int b64val(int c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+' || c == '-')
        return 62;
    if (c == '/' || c == '_')
        return 63;
    return -1;
}

/* Base64 (standard or URL-safe, white space and %-escaped padding tolerated) into a malloc'd
 * buffer; NULL when a character is not base64. */
static unsigned char *b64_decode(const char *s, size_t n, size_t *out_len)
{
    unsigned char *o = malloc(n / 4 * 3 + 3);
    if (!o)
        return NULL;
    size_t k = 0;
    unsigned acc = 0;
    int bits = 0;
    for (size_t i = 0; i < n; i++) {
        int c = (unsigned char)s[i];
        if (c == '=' || isspace(c))
            continue;
        if (c == '%' && i + 2 < n && s[i + 1] == '3' && (s[i + 2] == 'D' || s[i + 2] == 'd')) {
            i += 2; /* "%3D" is '=' */
            continue;
        }
        int v = b64val(c);
        if (v < 0) {
            free(o);
            return NULL;
        }
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            o[k++] = (unsigned char)(acc >> bits);
            acc &= (1u << bits) - 1;
        }
    }
    *out_len = k;
    return o;
}

/* ======================================================================================
 * Resolution: where the bytes are
 * ==================================================================================== */

typedef enum { R_NONE, R_FOUND, R_ESCAPE } rstat;

typedef struct roots {
    char base[PATH_MAX]; /* realpath of base_dir, "" when none */
    char res[PATH_MAX];  /* realpath of resources, "" when none */
} roots;

static bool is_under(const char *real, const char *root)
{
    size_t n = strlen(root);
    if (n == 0 || strncmp(real, root, n) != 0)
        return false;
    return real[n] == '/' || real[n] == 0 || root[n - 1] == '/';
}

/* DIR/REL: R_FOUND with the real path in OUT when it is a regular file inside a root;
 * R_ESCAPE when it exists but lies outside every root (../, absolute symlinks). */
static rstat try_path(const roots *r, const char *dir, const char *rel, char *out)
{
    if (!dir || !*dir || !*rel)
        return R_NONE;
    char path[PATH_MAX * 2];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, rel) >= sizeof path)
        return R_NONE;
    char real[PATH_MAX];
    if (!realpath(path, real))
        return R_NONE;
    if (!is_under(real, r->base) && !is_under(real, r->res))
        return R_ESCAPE;
    struct stat st;
    if (stat(real, &st) != 0 || !S_ISREG(st.st_mode))
        return R_NONE;
    strcpy(out, real);
    return R_FOUND;
}

/* The file name of a path or URL path ("" when it ends in '/'). */
static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static bool saved_folder(const char *d)
{
    size_t n = strlen(d);
    return (n > 6 && strcmp(d + n - 6, "_files") == 0) ||
           (n > 8 && strcmp(d + n - 8, "-Dateien") == 0) ||
           (n > 9 && strcmp(d + n - 9, "_fichiers") == 0);
}

/* NAME in one of DIR's subfolders: the saved-page folders ("Page_files/", "Page-Dateien/")
 * when SAVED, else any other (images/, media/). Of several, the first by name, so the
 * result does not depend on the order of readdir. Hidden folders are skipped. */
static rstat find_in_subdirs(const roots *r, const char *dir, const char *name, bool saved,
                             char *out)
{
    if (!dir || !*dir || !*name || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
        return R_NONE;
    DIR *d = opendir(dir);
    if (!d)
        return R_NONE;
    char best[256] = "", path[PATH_MAX];
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || saved_folder(e->d_name) != saved ||
            strlen(e->d_name) >= sizeof best || (best[0] && strcmp(e->d_name, best) >= 0))
            continue;
        char rel[PATH_MAX];
        if ((size_t)snprintf(rel, sizeof rel, "%s/%s", e->d_name, name) >= sizeof rel)
            continue;
        if (try_path(r, dir, rel, path) == R_FOUND) { /* a symlink out: not for us */
            strcpy(best, e->d_name);
            strcpy(out, path);
        }
    }
    closedir(d);
    return best[0] ? R_FOUND : R_NONE;
}

/* NAME (a file name) under base_dir, then resources: in a saved-page folder, at the top,
 * in any other subfolder. */
static rstat find_by_name(const roots *r, const img_ctx *ctx, const char *name, char *out)
{
    const char *dirs[2] = {ctx->base_dir, ctx->resources};
    for (int i = 0; i < 2; i++)
        if (find_in_subdirs(r, dirs[i], name, /*saved*/ true, out) == R_FOUND ||
            try_path(r, dirs[i], name, out) == R_FOUND ||
            find_in_subdirs(r, dirs[i], name, /*saved*/ false, out) == R_FOUND)
            return R_FOUND;
    return R_NONE;
}

/* A local path (already percent-decoded, no query): directly under base_dir, then resources,
 * then by file name. R_ESCAPE when the direct path leads outside. */
static rstat find_local(const roots *r, const img_ctx *ctx, const char *path, char *out)
{
    const char *rel = path;
    while (*rel == '/') /* "/img/x.jpg": site-rooted, never the file system's root */
        rel++;
    rstat st = try_path(r, ctx->base_dir, rel, out);
    if (st == R_NONE)
        st = try_path(r, ctx->resources, rel, out);
    return st != R_NONE ? st : find_by_name(r, ctx, base_name(rel), out);
}

/* A URL path "/2026/img/photo.jpg" as "2026/img/photo.jpg", then "img/photo.jpg", then
 * "photo.jpg" under base_dir and resources: relative references in the page were made
 * absolute against its canonical URL, so the saved copy sits at one of these suffixes. */
static rstat find_suffix(const roots *r, const img_ctx *ctx, const char *path, char *out)
{
    for (const char *p = path; p && *p; p = strchr(p, '/')) {
        while (*p == '/')
            p++;
        if (!strncmp(p, "../", 3) || !strcmp(p, ".."))
            continue;
        rstat st = try_path(r, ctx->base_dir, p, out);
        if (st == R_NONE || st == R_ESCAPE)
            st = try_path(r, ctx->resources, p, out);
        if (st == R_FOUND)
            return st;
    }
    return R_NONE;
}

/* The path part of an absolute or relative URL: no scheme and host, no query or fragment,
 * percent-decoded. malloc'd. */
static char *url_path(const char *src)
{
    const char *p = src;
    if (has_prefix_ci(p, "http://"))
        p += 7;
    else if (has_prefix_ci(p, "https://"))
        p += 8;
    else if (p[0] == '/' && p[1] == '/')
        p += 2;
    else
        p = NULL;
    if (p) { /* skip the host */
        const char *slash = strchr(p, '/');
        p = slash ? slash : "";
    } else {
        p = src;
    }
    size_t n = strcspn(p, "?#");
    size_t len;
    return (char *)pct_decode(p, n, &len);
}

/* Read a whole regular file (up to LIM_IMAGE_BYTES) into a malloc'd buffer. */
static unsigned char *read_file(const char *path, size_t *len, const char *name, art_doc *doc)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        art_doc_warn(doc, "image '%s': cannot open (%s)", name, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        fclose(f);
        art_doc_warn(doc, "image '%s': not a regular file", name);
        return NULL;
    }
    if ((unsigned long long)st.st_size > LIM_IMAGE_BYTES) {
        fclose(f);
        art_doc_warn(doc, "image '%s': file of %lld bytes is over the limit of %u bytes", name,
                     (long long)st.st_size, LIM_IMAGE_BYTES);
        return NULL;
    }
    size_t n = (size_t)st.st_size;
    unsigned char *buf = malloc(n ? n : 1);
    size_t got = buf ? fread(buf, 1, n, f) : 0;
    fclose(f);
    if (!buf || got != n) {
        free(buf);
        art_doc_warn(doc, "image '%s': read error", name);
        return NULL;
    }
    *len = n;
    return buf;
}

/* A data: URI's bytes, malloc'd. */
static unsigned char *data_uri(const char *src, size_t *len, const char *name, art_doc *doc)
{
    const char *comma = strchr(src, ',');
    if (!comma) {
        art_doc_warn(doc, "image '%s': data: URI without ','", name);
        return NULL;
    }
    const char *meta = src + 5;
    size_t mlen = (size_t)(comma - meta);
    bool b64 = mlen >= 7 && strncasecmp(comma - 7, ";base64", 7) == 0;
    size_t n = strlen(comma + 1);
    if (n / 4 * 3 > LIM_IMAGE_BYTES && b64) {
        art_doc_warn(doc, "image '%s': data: URI over the limit of %u bytes", name,
                     LIM_IMAGE_BYTES);
        return NULL;
    }
    unsigned char *d = b64 ? b64_decode(comma + 1, n, len) : pct_decode(comma + 1, n, len);
    if (!d) {
        art_doc_warn(doc, "image '%s': bad base64 in data: URI", name);
        return NULL;
    }
    if (*len > LIM_IMAGE_BYTES) {
        free(d);
        art_doc_warn(doc, "image '%s': data: URI over the limit of %u bytes", name,
                     LIM_IMAGE_BYTES);
        return NULL;
    }
    return d;
}

/* The bytes SRC names, malloc'd, or NULL after one warning. */
static unsigned char *fetch(const img_ctx *ctx, const char *src, size_t *len, const char *name,
                            art_doc *doc)
{
    while (isspace((unsigned char)*src))
        src++;
    if (!*src) {
        art_doc_warn(doc, "image '%s': empty reference", name);
        return NULL;
    }
    if (has_prefix_ci(src, "data:"))
        return data_uri(src, len, name, doc);
    if (has_prefix_ci(src, "file:")) {
        art_doc_warn(doc, "image '%s': refused: file: URLs are not read", name);
        return NULL;
    }
    bool remote = has_prefix_ci(src, "http://") || has_prefix_ci(src, "https://") ||
                  (src[0] == '/' && src[1] == '/');
    size_t scheme =
        strspn(src, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-");
    if (!remote && scheme > 1 && src[scheme] == ':') {
        art_doc_warn(doc, "image '%s': unsupported URL scheme", name);
        return NULL;
    }

    roots r = {{0}, {0}};
    if (ctx && ctx->base_dir && !realpath(ctx->base_dir, r.base))
        r.base[0] = 0;
    if (ctx && ctx->resources && !realpath(ctx->resources, r.res))
        r.res[0] = 0;
    img_ctx none = {0};
    if (!ctx)
        ctx = &none;

    char found[PATH_MAX];
    rstat st = R_NONE;
    char *path = url_path(src);
    if (remote) { /* never fetched: only the copy saved with the page, if any */
        if (path)
            st = find_suffix(&r, ctx, path, found);
        if (st == R_NONE && path)
            st = find_by_name(&r, ctx, base_name(path), found);
        free(path);
        if (st != R_FOUND) {
            art_doc_warn(doc,
                         "image '%s': not fetched (no network) and not among the saved "
                         "files",
                         name);
            return NULL;
        }
        return read_file(found, len, name, doc);
    }

    /* local: try the reference decoded (as a browser reads it), then literally */
    if (path)
        st = find_local(&r, ctx, path, found);
    if (st == R_NONE && path && strcmp(path, src) != 0)
        st = find_local(&r, ctx, src, found);
    free(path);
    if (st == R_ESCAPE) {
        art_doc_warn(doc, "image '%s': refused: outside the input folder", name);
        return NULL;
    }
    if (st == R_NONE) {
        art_doc_warn(doc, "image '%s': not found", name);
        return NULL;
    }
    return read_file(found, len, name, doc);
}

/* ======================================================================================
 * Decoders: shared pieces
 * ==================================================================================== */

/* W x H acceptable? Warns when not. */
static bool dims_ok(long long w, long long h, const char *name, art_doc *doc)
{
    if (w <= 0 || h <= 0) {
        art_doc_warn(doc, "image '%s': empty (%lld x %lld pixels)", name, w, h);
        return false;
    }
    if ((unsigned long long)w * (unsigned long long)h > LIM_IMAGE_PIXELS) {
        art_doc_warn(doc, "image '%s': %lld x %lld pixels is over the limit of %u pixels", name, w,
                     h, LIM_IMAGE_PIXELS);
        return false;
    }
    return true;
}

static img_ref *new_raw(ar_arena *ar, const char *name, int w, int h, int comps)
{
    img_ref *img = ar_alloc(ar, sizeof *img);
    img->kind = IMG_RAW;
    img->width = w;
    img->height = h;
    img->components = comps;
    img->len = (size_t)w * (size_t)h * (size_t)comps;
    img->data = ar_alloc(ar, img->len);
    img->name = name;
    return img;
}

/* Split N interleaved pixels of COMPS colour components + 1 alpha into IMG's data and, when
 * any pixel is not opaque, a new alpha plane. */
static void split_alpha(img_ref *img, const unsigned char *px, size_t n, ar_arena *ar)
{
    int c = img->components;
    unsigned char *d = (unsigned char *)img->data;
    bool opaque = true;
    for (size_t i = 0; i < n && opaque; i++)
        opaque = px[i * (size_t)(c + 1) + (size_t)c] == 255;
    unsigned char *a = opaque ? NULL : ar_alloc(ar, n);
    for (size_t i = 0; i < n; i++) {
        const unsigned char *p = px + i * (size_t)(c + 1);
        memcpy(d + i * (size_t)c, p, (size_t)c);
        if (a)
            a[i] = p[c];
    }
    img->alpha = a;
}

/* ======================================================================================
 * JPEG (libjpeg-turbo): validated by a decode to the end; kept as is unless EXIF turns it
 * ==================================================================================== */

typedef struct jerr {
    struct jpeg_error_mgr pub;
    jmp_buf jb;
    bool eof; /* libjpeg hit the end of data before EOI: truncated */
    char msg[JMSG_LENGTH_MAX];
} jerr;

typedef struct jdec {
    struct jpeg_decompress_struct ci;
    jerr err;
    bool created;
    bool too_big; /* dimensions over the limit; w,h hold them */
    long long w, h;
    int orient;               /* EXIF orientation 1..8 */
    bool full;                /* decode every pixel into pix (orientation / arithmetic coding) */
    bool force_full;          /* decode every pixel whatever the file (img_pixels) */
    unsigned char *row, *pix; /* malloc'd; freed by the caller */
    struct jpeg_progress_mgr progress;
} jdec;

static void j_error_exit(j_common_ptr c)
{
    jerr *e = (jerr *)c->err;
    c->err->format_message(c, e->msg);
    longjmp(e->jb, 1);
}

static void j_emit(j_common_ptr c, int level)
{
    jerr *e = (jerr *)c->err;
    if (level < 0) {
        if (c->err->msg_code == JWRN_JPEG_EOF && !e->eof) {
            e->eof = true;
            c->err->format_message(c, e->msg);
        }
        c->err->num_warnings++;
    }
}

/* A progressive JPEG of thousands of tiny scans takes minutes to decode (libjpeg-turbo's
 * TJFLAG_LIMITSCANS stops at 500 too); real encoders write about ten. */
#define JPEG_MAX_SCANS 500

static void j_progress(j_common_ptr c)
{
    j_decompress_ptr d = (j_decompress_ptr)c;
    if (d->input_scan_number > JPEG_MAX_SCANS) {
        jerr *e = (jerr *)c->err;
        snprintf(e->msg, sizeof e->msg, "more than %d scans", JPEG_MAX_SCANS);
        longjmp(e->jb, 1);
    }
}

static void j_output(j_common_ptr c)
{
    (void)c; /* never print: warnings go to the article */
}

static unsigned rd16(const unsigned char *p, bool be)
{
    return be ? (unsigned)(p[0] << 8 | p[1]) : (unsigned)(p[1] << 8 | p[0]);
}

static unsigned long rd32(const unsigned char *p, bool be)
{
    return be ? (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 |
                    p[3]
              : (unsigned long)p[3] << 24 | (unsigned long)p[2] << 16 | (unsigned long)p[1] << 8 |
                    p[0];
}

/* EXIF orientation (tag 0x0112 in IFD0) of an APP1 marker; 1 when absent or odd. */
static int exif_orientation(const unsigned char *d, size_t n)
{
    if (n < 14 || memcmp(d, "Exif\0\0", 6) != 0)
        return 1;
    const unsigned char *t = d + 6;
    size_t tn = n - 6;
    bool be;
    if (memcmp(t, "MM\0*", 4) == 0)
        be = true;
    else if (memcmp(t, "II*\0", 4) == 0)
        be = false;
    else
        return 1;
    unsigned long ifd = rd32(t + 4, be);
    if (ifd > tn - 2)
        return 1;
    unsigned count = rd16(t + ifd, be);
    for (unsigned i = 0; i < count; i++) {
        size_t at = ifd + 2 + (size_t)i * 12;
        if (at + 12 > tn)
            break;
        if (rd16(t + at, be) == 0x0112 && rd16(t + at + 2, be) == 3) {
            unsigned v = rd16(t + at + 8, be);
            return v >= 1 && v <= 8 ? (int)v : 1;
        }
    }
    return 1;
}

/* Everything that can longjmp. 0 done, -1 libjpeg error (err.msg), 1 over the limits. */
static int jpeg_run(jdec *j, const unsigned char *data, size_t len)
{
    if (setjmp(j->err.jb))
        return -1;
    /* jpeg_create_decompress(), a macro over this function */
    p_jpeg_CreateDecompress(&j->ci, JPEG_LIB_VERSION, sizeof(struct jpeg_decompress_struct));
    j->created = true;
    j->progress.progress_monitor = j_progress;
    j->ci.progress = &j->progress;
    j->ci.mem->max_memory_to_use = 512L * 1024 * 1024; /* progressive coefficient buffers */
    p_jpeg_mem_src(&j->ci, data, (unsigned long)len);
    p_jpeg_save_markers(&j->ci, JPEG_APP0 + 1, 0xFFFF);
    p_jpeg_read_header(&j->ci, TRUE);
    j->w = j->ci.image_width;
    j->h = j->ci.image_height;
    if (j->w <= 0 || j->h <= 0 ||
        (unsigned long long)j->w * (unsigned long long)j->h > LIM_IMAGE_PIXELS) {
        j->too_big = true;
        return 1;
    }
    j->orient = 1;
    for (jpeg_saved_marker_ptr m = j->ci.marker_list; m; m = m->next)
        if (m->marker == JPEG_APP0 + 1 &&
            (j->orient = exif_orientation(m->data, m->data_length)) != 1)
            break;
    /* decoded instead of passed through: turned pictures, arithmetic coding (not in PDF's
     * DCTDecode), and CMYK without Adobe's marker (libharu writes Adobe's inverted /Decode) */
    j->full = j->force_full || j->orient != 1 || j->ci.arith_code ||
              (j->ci.num_components == 4 && !j->ci.saw_Adobe_marker);
    if (!j->full) { /* entropy-decode everything (catches truncation), skip most IDCT work */
        j->ci.scale_num = 1;
        j->ci.scale_denom = 8;
        j->ci.dct_method = JDCT_IFAST;
        j->ci.do_fancy_upsampling = FALSE;
    }
    p_jpeg_start_decompress(&j->ci);
    size_t stride = (size_t)j->ci.output_width * (size_t)j->ci.output_components;
    j->row = malloc(stride);
    if (j->full)
        j->pix = malloc(stride * j->ci.output_height);
    if (!j->row || (j->full && !j->pix))
        ERREXIT(&j->ci, JERR_OUT_OF_MEMORY);
    while (j->ci.output_scanline < j->ci.output_height) {
        JSAMPROW rp = j->full ? j->pix + stride * j->ci.output_scanline : j->row;
        p_jpeg_read_scanlines(&j->ci, &rp, 1);
        if (j->err.eof) /* the rest would be grey filler */
            return 0;
    }
    p_jpeg_finish_decompress(&j->ci);
    return 0;
}

/* Pixel (x,y) of the upright image from the stored W x H image for EXIF orientation O. */
static void orient_src(int o, int w, int h, int x, int y, int *sx, int *sy)
{
    switch (o) {
    case 2:
        *sx = w - 1 - x;
        *sy = y;
        break;
    case 3:
        *sx = w - 1 - x;
        *sy = h - 1 - y;
        break;
    case 4:
        *sx = x;
        *sy = h - 1 - y;
        break;
    case 5:
        *sx = y;
        *sy = x;
        break;
    case 6:
        *sx = y;
        *sy = h - 1 - x;
        break;
    case 7:
        *sx = w - 1 - y;
        *sy = h - 1 - x;
        break;
    case 8:
        *sx = w - 1 - y;
        *sy = x;
        break;
    default:
        *sx = x;
        *sy = y;
        break;
    }
}

static img_ref *jpeg_oriented(const jdec *j, const char *name, ar_arena *ar)
{
    int w = (int)j->ci.output_width, h = (int)j->ci.output_height;
    int c = j->ci.output_components;
    bool swap = j->orient >= 5;
    img_ref *img = new_raw(ar, name, swap ? h : w, swap ? w : h, c);
    unsigned char *d = (unsigned char *)img->data;
    bool invert = c == 4 && j->ci.saw_Adobe_marker;
    for (int y = 0; y < img->height; y++)
        for (int x = 0; x < img->width; x++) {
            int sx, sy;
            orient_src(j->orient, w, h, x, y, &sx, &sy);
            const unsigned char *s = j->pix + ((size_t)sy * (size_t)w + (size_t)sx) * (size_t)c;
            unsigned char *o = d + ((size_t)y * (size_t)img->width + (size_t)x) * (size_t)c;
            for (int k = 0; k < c; k++)
                o[k] = invert ? (unsigned char)(255 - s[k]) : s[k];
        }
    return img;
}

static const img_ref *load_jpeg(const unsigned char *data, size_t len, const char *name,
                                art_doc *doc, ar_arena *ar)
{
    if (!decoder_ready(&jpeg_lib, "JPEG", name, doc))
        return NULL;
    jdec *j = calloc(1, sizeof *j);
    if (!j)
        return NULL;
    j->ci.err = p_jpeg_std_error(&j->err.pub);
    j->err.pub.error_exit = j_error_exit;
    j->err.pub.emit_message = j_emit;
    j->err.pub.output_message = j_output;
    int rc = jpeg_run(j, data, len);
    img_ref *img = NULL;
    if (rc < 0)
        art_doc_warn(doc, "image '%s': corrupt JPEG (%s)", name, j->err.msg);
    else if (rc > 0)
        dims_ok(j->w, j->h, name, doc);
    else if (j->err.eof)
        art_doc_warn(doc, "image '%s': truncated JPEG (%s)", name, j->err.msg);
    else if (j->ci.num_components != 1 && j->ci.num_components != 3 && j->ci.num_components != 4)
        art_doc_warn(doc, "image '%s': JPEG with %d components", name, j->ci.num_components);
    else if (j->full)
        img = jpeg_oriented(j, name, ar);
    else {
        img = ar_alloc(ar, sizeof *img);
        img->kind = IMG_JPEG;
        img->width = (int)j->ci.image_width;
        img->height = (int)j->ci.image_height;
        img->components = j->ci.num_components;
        unsigned char *copy = ar_alloc(ar, len);
        memcpy(copy, data, len);
        img->data = copy;
        img->len = len;
        img->name = name;
        img->cmyk_inverted = img->components == 4 && j->ci.saw_Adobe_marker;
    }
    if (j->created)
        p_jpeg_destroy_decompress(&j->ci);
    free(j->row);
    free(j->pix);
    free(j);
    return img;
}

const img_ref *img_pixels(const img_ref *img, ar_arena *ar)
{
    if (!img || img->kind != IMG_JPEG)
        return img;
    if (!dyn_lib_load(&jpeg_lib, NULL)) /* open since load_jpeg() made IMG, unless by hand */
        return NULL;
    jdec *j = calloc(1, sizeof *j);
    if (!j)
        return NULL;
    j->ci.err = p_jpeg_std_error(&j->err.pub);
    j->err.pub.error_exit = j_error_exit;
    j->err.pub.emit_message = j_emit;
    j->err.pub.output_message = j_output;
    j->force_full = true;
    const img_ref *out = NULL;
    if (jpeg_run(j, img->data, img->len) == 0 && !j->err.eof)
        out = jpeg_oriented(j, img->name, ar);
    if (j->created)
        p_jpeg_destroy_decompress(&j->ci);
    free(j->row);
    free(j->pix);
    free(j);
    return out;
}

/* ======================================================================================
 * PNG (libpng simplified API: 8/16-bit, palette, tRNS, Adam7 all come out as 8-bit)
 * ==================================================================================== */

/* A 16-bit PNG without gAMA, sRGB, iCCP or cHRM before its image data? libpng's simplified
 * API takes such samples as linear light and brightens them on the way to 8-bit sRGB;
 * browsers show them as sRGB, so load_png reads them untouched and keeps the high byte. */
static bool png_untagged16(const unsigned char *d, size_t n)
{
    if (n < 33 || d[24] != 16)
        return false;
    for (size_t at = 8; at + 8 <= n;) {
        unsigned long clen = rd32(d + at, true);
        const unsigned char *t = d + at + 4;
        if (!memcmp(t, "IDAT", 4))
            return true;
        if (!memcmp(t, "gAMA", 4) || !memcmp(t, "sRGB", 4) || !memcmp(t, "iCCP", 4) ||
            !memcmp(t, "cHRM", 4))
            return false;
        if (clen > n - at - 8)
            return true;
        at += 12 + clen;
    }
    return true;
}

/* Linear 16-bit output of the simplified API (premultiplied when there is alpha) to 8 bits. */
static void png_from16(const uint16_t *s, size_t n, int comps, bool alpha, unsigned char *d)
{
    int k = comps + alpha;
    for (size_t i = 0; i < n; i++) {
        const uint16_t *p = s + i * (size_t)k;
        unsigned a = alpha ? p[comps] : 65535;
        for (int c = 0; c < comps; c++) {
            unsigned long v = a ? (unsigned long)p[c] * 65535ul / a : 0;
            d[i * (size_t)k + (size_t)c] = (unsigned char)(((v > 65535 ? 65535 : v) + 128) / 257);
        }
        if (alpha)
            d[i * (size_t)k + (size_t)comps] = (unsigned char)((a + 128) / 257);
    }
}

static const img_ref *load_png(const unsigned char *data, size_t len, const char *name,
                               art_doc *doc, ar_arena *ar)
{
    png_image im;
    memset(&im, 0, sizeof im);
    im.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&im, data, len)) {
        art_doc_warn(doc, "image '%s': corrupt PNG (%s)", name, im.message);
        png_image_free(&im);
        return NULL;
    }
    if (!dims_ok(im.width, im.height, name, doc)) {
        png_image_free(&im);
        return NULL;
    }
    bool color = im.format & PNG_FORMAT_FLAG_COLOR, alpha = im.format & PNG_FORMAT_FLAG_ALPHA;
    im.format = color ? (alpha ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB)
                      : (alpha ? PNG_FORMAT_GA : PNG_FORMAT_GRAY);
    bool raw16 = png_untagged16(data, len);
    if (raw16)
        im.format |= PNG_FORMAT_FLAG_LINEAR;
    size_t n = (size_t)im.width * im.height;
    img_ref *img = new_raw(ar, name, (int)im.width, (int)im.height, color ? 3 : 1);
    bool direct = !alpha && !raw16; /* decode straight into the result */
    unsigned char *px = direct ? (unsigned char *)img->data : malloc(PNG_IMAGE_SIZE(im));
    if (!px) {
        png_image_free(&im);
        art_doc_warn(doc, "image '%s': out of memory", name);
        return NULL;
    }
    bool ok = png_image_finish_read(&im, NULL, px, 0, NULL);
    if (!ok)
        art_doc_warn(doc, "image '%s': corrupt PNG (%s)", name, im.message);
    png_image_free(&im);
    if (ok && raw16) /* in place: the 8-bit copy is half as long as what it reads */
        png_from16((const uint16_t *)(void *)px, n, img->components, alpha, px);
    if (ok && alpha)
        split_alpha(img, px, n, ar);
    else if (ok && !direct)
        memcpy((unsigned char *)img->data, px, img->len);
    if (!direct)
        free(px);
    return ok ? img : NULL;
}

/* ======================================================================================
 * WebP (still images; an animation has no single first frame in the simple API)
 * ==================================================================================== */

static const img_ref *load_webp(const unsigned char *data, size_t len, const char *name,
                                art_doc *doc, ar_arena *ar)
{
    if (!decoder_ready(&webp_lib, "WebP", name, doc))
        return NULL;
    WebPBitstreamFeatures f; /* WebPGetFeatures() is an inline wrapper of this function */
    if (p_WebPGetFeaturesInternal(data, len, &f, WEBP_DECODER_ABI_VERSION) != VP8_STATUS_OK) {
        art_doc_warn(doc, "image '%s': corrupt WebP", name);
        return NULL;
    }
    if (f.has_animation) {
        art_doc_warn(doc, "image '%s': animated WebP not supported", name);
        return NULL;
    }
    if (!dims_ok(f.width, f.height, name, doc))
        return NULL;
    img_ref *img = new_raw(ar, name, f.width, f.height, 3);
    size_t n = (size_t)f.width * (size_t)f.height;
    bool ok;
    if (f.has_alpha) {
        unsigned char *px = malloc(n * 4);
        ok = px && p_WebPDecodeRGBAInto(data, len, px, n * 4, f.width * 4);
        if (ok)
            split_alpha(img, px, n, ar);
        free(px);
    } else {
        ok = p_WebPDecodeRGBInto(data, len, (uint8_t *)img->data, img->len, f.width * 3);
    }
    if (!ok)
        art_doc_warn(doc, "image '%s': corrupt WebP", name);
    return ok ? img : NULL;
}

/* ======================================================================================
 * GIF (giflib record by record: the first frame only, so a long animation costs nothing)
 * ==================================================================================== */

typedef struct gif_src {
    const unsigned char *p;
    size_t n, at;
} gif_src;

static int gif_read(GifFileType *g, GifByteType *buf, int want)
{
    gif_src *s = g->UserData;
    size_t n = s->n - s->at < (size_t)want ? s->n - s->at : (size_t)want;
    memcpy(buf, s->p + s->at, n);
    s->at += n;
    return (int)n;
}

/* The first image of G onto a transparent canvas. NULL with *why set on failure. */
static img_ref *gif_first(GifFileType *g, const char *name, art_doc *doc, ar_arena *ar,
                          const char **why)
{
    int trans = -1;
    GifRecordType rt;
    do {
        if (p_DGifGetRecordType(g, &rt) == GIF_ERROR)
            return *why = p_GifErrorString(g->Error), NULL;
        if (rt == EXTENSION_RECORD_TYPE) {
            int code;
            GifByteType *ext;
            if (p_DGifGetExtension(g, &code, &ext) == GIF_ERROR)
                return *why = p_GifErrorString(g->Error), NULL;
            GraphicsControlBlock gcb;
            if (code == GRAPHICS_EXT_FUNC_CODE && ext && ext[0] >= 4 &&
                p_DGifExtensionToGCB(ext[0], ext + 1, &gcb) == GIF_OK)
                trans = gcb.TransparentColor;
            while (ext)
                if (p_DGifGetExtensionNext(g, &ext) == GIF_ERROR)
                    return *why = p_GifErrorString(g->Error), NULL;
        }
    } while (rt != IMAGE_DESC_RECORD_TYPE && rt != TERMINATE_RECORD_TYPE);
    if (rt == TERMINATE_RECORD_TYPE)
        return *why = "no image", NULL;
    if (p_DGifGetImageDesc(g) == GIF_ERROR)
        return *why = p_GifErrorString(g->Error), NULL;

    GifImageDesc *id = &g->Image;
    int cw = g->SWidth > 0 ? g->SWidth : id->Left + id->Width;
    int ch = g->SHeight > 0 ? g->SHeight : id->Top + id->Height;
    if (!dims_ok(cw, ch, name, doc) || !dims_ok(id->Width, id->Height, name, doc))
        return *why = NULL, NULL;
    ColorMapObject *cm = id->ColorMap ? id->ColorMap : g->SColorMap;
    if (!cm)
        return *why = "no colour table", NULL;

    size_t n = (size_t)cw * (size_t)ch;
    unsigned char *rgba = calloc(n, 4); /* uncovered canvas: transparent */
    GifPixelType *line = malloc((size_t)id->Width);
    if (!rgba || !line) {
        free(rgba);
        free(line);
        return *why = "out of memory", NULL;
    }
    static const int start[] = {0, 4, 2, 1}, step[] = {8, 8, 4, 2};
    int passes = id->Interlace ? 4 : 1;
    for (int p = 0; p < passes && !*why; p++)
        for (int y = id->Interlace ? start[p] : 0; y < id->Height;
             y += id->Interlace ? step[p] : 1) {
            if (p_DGifGetLine(g, line, id->Width) == GIF_ERROR) {
                *why = p_GifErrorString(g->Error);
                break;
            }
            int cy = id->Top + y;
            if (cy < 0 || cy >= ch)
                continue;
            for (int x = 0; x < id->Width; x++) {
                int cx = id->Left + x;
                if (cx < 0 || cx >= cw || line[x] == trans || line[x] >= cm->ColorCount)
                    continue;
                unsigned char *o = rgba + ((size_t)cy * (size_t)cw + (size_t)cx) * 4;
                GifColorType c = cm->Colors[line[x]];
                o[0] = c.Red, o[1] = c.Green, o[2] = c.Blue, o[3] = 255;
            }
        }
    img_ref *img = NULL;
    if (!*why) {
        img = new_raw(ar, name, cw, ch, 3);
        split_alpha(img, rgba, n, ar);
    }
    free(rgba);
    free(line);
    return img;
}

static const img_ref *load_gif(const unsigned char *data, size_t len, const char *name,
                               art_doc *doc, ar_arena *ar)
{
    if (!decoder_ready(&gif_lib, "GIF", name, doc))
        return NULL;
    gif_src s = {data, len, 0};
    int e = 0;
    GifFileType *g = p_DGifOpen(&s, gif_read, &e);
    if (!g) {
        art_doc_warn(doc, "image '%s': corrupt GIF (%s)", name, p_GifErrorString(e));
        return NULL;
    }
    const char *why = NULL;
    img_ref *img = gif_first(g, name, doc, ar, &why);
    if (!img && why)
        art_doc_warn(doc, "image '%s': corrupt GIF (%s)", name, why);
    p_DGifCloseFile(g, &e);
    return img;
}

/* ======================================================================================
 * Entry points
 * ==================================================================================== */

const img_ref *img_decode(const unsigned char *data, size_t len, const char *name, art_doc *doc,
                          ar_arena *ar)
{
    if (len > LIM_IMAGE_BYTES) {
        art_doc_warn(doc, "image '%s': %zu bytes is over the limit of %u bytes", name, len,
                     LIM_IMAGE_BYTES);
        return NULL;
    }
    if (len >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        return load_jpeg(data, len, name, doc, ar);
    if (len >= 8 && memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0)
        return load_png(data, len, name, doc, ar);
    if (len >= 12 && memcmp(data, "RIFF", 4) == 0 && memcmp(data + 8, "WEBP", 4) == 0)
        return load_webp(data, len, name, doc, ar);
    if (len >= 6 && (memcmp(data, "GIF87a", 6) == 0 || memcmp(data, "GIF89a", 6) == 0))
        return load_gif(data, len, name, doc, ar);
    size_t i = 0;
    while (i < len && i < 256 &&
           (isspace(data[i]) || data[i] == 0xEF || data[i] == 0xBB || data[i] == 0xBF))
        i++;
    if (i + 4 < len && (memcmp(data + i, "<svg", 4) == 0 || memcmp(data + i, "<?xm", 4) == 0))
        art_doc_warn(doc, "image '%s': SVG images are not supported", name);
    else
        art_doc_warn(doc, "image '%s': not a JPEG, PNG, WebP or GIF image", name);
    return NULL;
}

const img_ref *img_load(const img_ctx *ctx, const char *src, art_doc *doc, ar_arena *ar)
{
    if (!src)
        src = "";
    img_cache *cache = ctx ? ctx->cache : NULL;
    const cache_ent *hit = cache_find(cache, src);
    if (hit)
        return hit->img;
    const char *name = display_name(src, ar);
    size_t len = 0;
    unsigned char *data = fetch(ctx, src, &len, name, doc);
    const img_ref *img = data ? img_decode(data, len, name, doc, ar) : NULL;
    free(data);
    cache_put(cache, src, img);
    return img;
}

/* ======================================================================================
 * Downsampling for print
 * ==================================================================================== */

/* Box filter by K x K blocks (edge blocks average what they have) of COMPS-byte pixels. */
static void box_down(const unsigned char *s, int w, int h, int comps, int k, unsigned char *d,
                     int nw, int nh)
{
    uint64_t *acc = calloc((size_t)nw * (size_t)comps, sizeof *acc);
    if (!acc)
        return; /* leaves D zeroed: a blank picture, never a crash */
    for (int oy = 0; oy < nh; oy++) {
        memset(acc, 0, (size_t)nw * (size_t)comps * sizeof *acc);
        int y0 = oy * k, y1 = y0 + k < h ? y0 + k : h;
        for (int y = y0; y < y1; y++) {
            const unsigned char *row = s + (size_t)y * (size_t)w * (size_t)comps;
            for (int x = 0; x < w; x++)
                for (int c = 0; c < comps; c++)
                    acc[(size_t)(x / k) * (size_t)comps + (size_t)c] +=
                        row[(size_t)x * (size_t)comps + (size_t)c];
        }
        for (int ox = 0; ox < nw; ox++) {
            int x0 = ox * k, x1 = x0 + k < w ? x0 + k : w;
            uint64_t cnt = (uint64_t)(x1 - x0) * (uint64_t)(y1 - y0);
            for (int c = 0; c < comps; c++) {
                size_t i = (size_t)ox * (size_t)comps + (size_t)c;
                d[(size_t)oy * (size_t)nw * (size_t)comps + i] =
                    (unsigned char)((acc[i] + cnt / 2) / cnt);
            }
        }
    }
    free(acc);
}

const img_ref *img_fit(const img_ref *img, double placed_w_pt, double placed_h_pt, double max_dpi,
                       ar_arena *ar)
{
    if (!img || img->kind != IMG_RAW || !(placed_w_pt > 0) || !(placed_h_pt > 0) || !(max_dpi > 0))
        return img;
    double fx = img->width / (placed_w_pt / 72.0 * max_dpi);
    double fy = img->height / (placed_h_pt / 72.0 * max_dpi);
    double f = fx < fy ? fx : fy;
    int lim = img->width < img->height ? img->width : img->height;
    if (!(f >= 2))
        return img;
    int k = f > lim ? lim : (int)f;
    int nw = (img->width + k - 1) / k, nh = (img->height + k - 1) / k;
    img_ref *o = new_raw(ar, img->name, nw, nh, img->components);
    box_down(img->data, img->width, img->height, img->components, k, (unsigned char *)o->data, nw,
             nh);
    if (img->alpha) {
        unsigned char *a = ar_alloc(ar, (size_t)nw * (size_t)nh);
        box_down(img->alpha, img->width, img->height, 1, k, a, nw, nh);
        o->alpha = a;
    }
    return o;
}
