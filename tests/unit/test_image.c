/* test_image.c - image.c: every format and variant (from tests/tools/mkimages), corrupt
 * files, decompression bombs, data: URIs, saved-page folders, refusals outside the input
 * folder, the cache, downsampling, and a mutation loop that must not crash. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "image.h"

static char dir[300]; /* T/site: the "input folder", holds the generated images */
static char top[256]; /* T */
static ar_arena *ar;

static size_t n_warn(const art_doc *d)
{
    size_t n = 0;
    for (const art_warning *w = d->warnings; w; w = w->next)
        n++;
    return n;
}

static const char *last_warn(const art_doc *d)
{
    const art_warning *w = d->warnings;
    while (w && w->next)
        w = w->next;
    return w ? w->msg : "";
}

static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *d = malloc(sz > 0 ? (size_t)sz + 1 : 1);
    *n = fread(d, 1, (size_t)(sz > 0 ? sz : 0), f);
    d[*n] = 0;
    fclose(f);
    return d;
}

static const img_ref *load(const char *src, art_doc *d)
{
    img_ctx ctx = {.base_dir = dir};
    return img_load(&ctx, src, d, ar);
}

/* Check a good image: kind, size, components, alpha presence, and no warning. */
static void good(const char *src, img_kind kind, int w, int h, int comps, bool alpha)
{
    art_doc *d = art_doc_new(ar);
    const img_ref *im = load(src, d);
    char name[256];
    snprintf(name, sizeof name, "image: %s loads", src);
    CHECK(im != NULL && n_warn(d) == 0, name);
    if (!im) {
        printf("  warning was: %s\n", last_warn(d));
        return;
    }
    snprintf(name, sizeof name, "image: %s kind %s", src, kind == IMG_JPEG ? "jpeg" : "raw");
    CHECK(im->kind == kind, name);
    snprintf(name, sizeof name, "image: %s is %dx%dx%d", src, w, h, comps);
    CHECK(im->width == w && im->height == h && im->components == comps, name);
    snprintf(name, sizeof name, "image: %s alpha %s", src, alpha ? "present" : "absent");
    CHECK((im->alpha != NULL) == alpha, name);
    if (kind == IMG_RAW) {
        snprintf(name, sizeof name, "image: %s raw length", src);
        CHECK(im->len == (size_t)w * (size_t)h * (size_t)comps, name);
    }
}

/* A bad reference: NULL and exactly one warning naming it and containing WHAT. */
static void bad(const img_ctx *ctx, const char *src, const char *what)
{
    art_doc *d = art_doc_new(ar);
    const img_ref *im = img_load(ctx, src, d, ar);
    char name[300], want[300];
    snprintf(name, sizeof name, "image: %.60s refused with one warning", src);
    CHECK(im == NULL && n_warn(d) == 1, name);
    snprintf(want, sizeof want, "image '%.60s", src);
    snprintf(name, sizeof name, "image: %.60s warning names it and says '%s'", src, what);
    CHECK(strstr(last_warn(d), want) == last_warn(d) && strstr(last_warn(d), what), name);
    if (!strstr(last_warn(d), what))
        printf("  warning was: %s\n", last_warn(d));
}

static const unsigned char *px(const img_ref *im, int x, int y)
{
    return im->data + ((size_t)y * (size_t)im->width + (size_t)x) * (size_t)im->components;
}

static void formats(void)
{
    good("jpeg_gray.jpg", IMG_JPEG, 32, 24, 1, false);
    good("jpeg_rgb.jpg", IMG_JPEG, 64, 48, 3, false);
    good("jpeg_cmyk.jpg", IMG_JPEG, 40, 30, 4, false);
    good("jpeg_progressive.jpg", IMG_JPEG, 64, 48, 3, false);
    good("jpeg_cmyk_plain.jpg", IMG_RAW, 40, 30, 4, false);
    good("jpeg_exif6.jpg", IMG_RAW, 20, 40, 3, false);
    good("jpeg_exif3.jpg", IMG_RAW, 40, 20, 3, false);
    good("png_rgb.png", IMG_RAW, 30, 20, 3, false);
    good("png_rgba.png", IMG_RAW, 30, 20, 3, true);
    good("png_gray.png", IMG_RAW, 30, 20, 1, false);
    good("png_palette.png", IMG_RAW, 32, 16, 3, false);
    good("png_palette_trns.png", IMG_RAW, 32, 16, 3, true);
    good("png_16bit.png", IMG_RAW, 30, 20, 3, false);
    good("png_interlaced.png", IMG_RAW, 30, 20, 3, false);
    good("webp_lossy.webp", IMG_RAW, 48, 32, 3, false);
    good("webp_alpha.webp", IMG_RAW, 48, 32, 3, true);
    good("gif_trans.gif", IMG_RAW, 24, 16, 3, true);
    good("gif_interlaced.gif", IMG_RAW, 24, 16, 3, true);

    art_doc *d = art_doc_new(ar);
    char path[1024];
    size_t n;
    snprintf(path, sizeof path, "%s/jpeg_rgb.jpg", dir);
    unsigned char *file = slurp(path, &n);
    const img_ref *im = load("jpeg_rgb.jpg", d);
    CHECK(im && file && im->len == n && memcmp(im->data, file, n) == 0,
          "image: JPEG kept byte for byte");
    free(file);
    im = load("jpeg_cmyk.jpg", d);
    CHECK(im && im->cmyk_inverted, "image: CMYK JPEG with Adobe marker flagged inverted");
    im = load("jpeg_rgb.jpg", d);
    CHECK(im && !im->cmyk_inverted, "image: RGB JPEG not flagged inverted");
    /* both CMYK files show red on the left: C~25 M~255 Y~235 K=0 once un-inverted */
    const img_ref *plain = load("jpeg_cmyk_plain.jpg", d);
    CHECK(plain && plain->kind == IMG_RAW && px(plain, 0, 0)[0] < 40 && px(plain, 0, 0)[1] > 200 &&
              px(plain, 0, 0)[3] < 20 && px(plain, 39, 0)[0] > 200,
          "image: CMYK JPEG without Adobe marker decoded to plain CMYK");

    /* stored 40x20, left half red and right half blue; orientation 6 turns it clockwise,
     * so red comes on top; orientation 3 turns it upside down, so blue is on the left */
    im = load("jpeg_exif6.jpg", d);
    CHECK(im && px(im, 10, 2)[0] > 150 && px(im, 10, 2)[2] < 100 && px(im, 10, 37)[2] > 150 &&
              px(im, 10, 37)[0] < 100,
          "image: EXIF 6 rotated clockwise (red on top)");
    im = load("jpeg_exif3.jpg", d);
    CHECK(im && px(im, 2, 10)[2] > 150 && px(im, 37, 10)[0] > 150,
          "image: EXIF 3 rotated half a turn (blue on the left)");

    im = load("png_rgb.png", d);
    CHECK(im && px(im, 0, 0)[0] >= 220 && px(im, 0, 0)[2] == 20 && px(im, 29, 0)[2] == 230,
          "image: PNG RGB pixels");
    im = load("png_16bit.png", d);
    CHECK(im && px(im, 0, 0)[0] >= 220 && px(im, 0, 0)[2] == 20 && px(im, 29, 19)[1] == 255,
          "image: 16-bit PNG reduced to 8 bits");
    im = load("png_interlaced.png", d);
    CHECK(im && px(im, 0, 19)[0] >= 220 && px(im, 29, 19)[2] == 230 && px(im, 5, 19)[1] == 255,
          "image: interlaced PNG de-interlaced");
    im = load("png_rgba.png", d);
    CHECK(im && im->alpha && im->alpha[0] == 0 && im->alpha[30 * 20 - 1] == 255,
          "image: PNG alpha plane");
    im = load("png_gray.png", d);
    CHECK(im && px(im, 0, 0)[0] == 0 && px(im, 29, 0)[0] == 255, "image: gray PNG pixels");
    im = load("png_palette.png", d);
    CHECK(im && px(im, 0, 0)[0] == 255 && px(im, 0, 0)[1] == 0 && px(im, 31, 0)[1] == 250,
          "image: palette PNG expanded");
    im = load("png_palette_trns.png", d);
    CHECK(im && im->alpha && im->alpha[0] == 0 && im->alpha[31] == 255,
          "image: palette tRNS gives alpha");
    im = load("webp_alpha.webp", d);
    CHECK(im && im->alpha && im->alpha[0] < 10 && im->alpha[47] > 245, "image: WebP alpha plane");
    im = load("gif_trans.gif", d);
    CHECK(im && im->alpha && im->alpha[0] == 0 && im->alpha[24 * 15] == 255 &&
              px(im, 0, 15)[0] == 255 && px(im, 23, 15)[1] == 200,
          "image: GIF transparency and colours");
    const img_ref *il = load("gif_interlaced.gif", d);
    CHECK(im && il && memcmp(im->data, il->data, im->len) == 0 &&
              memcmp(im->alpha, il->alpha, 24 * 16) == 0,
          "image: interlaced GIF equals the plain one");
    CHECK(n_warn(d) == 0, "image: no warnings for good images");
}

static void corrupt(void)
{
    img_ctx ctx = {.base_dir = dir};
    bad(&ctx, "bad_truncated.jpg", "truncated JPEG");
    bad(&ctx, "bad_crc.png", "corrupt PNG");
    bad(&ctx, "bad_random.png", "not a JPEG, PNG");
    bad(&ctx, "empty.png", "not a JPEG, PNG");
    bad(&ctx, "drawing.svg", "SVG");
    bad(&ctx, "bomb.png", "over the limit");
    bad(&ctx, "bomb.jpg", "over the limit");
    bad(&ctx, "bomb_scans.jpg", "more than 500 scans");
    bad(&ctx, "bomb.gif", "65535 x 65535 pixels is over the limit");
    bad(&ctx, "missing.jpg", "not found");
    bad(&ctx, "", "empty reference");
    bad(&ctx, "data:image/png;base64,@@@@", "bad base64");
    bad(&ctx, "data:image/png;base64,iVBORw0KGgo=", "corrupt PNG");
    bad(&ctx, "javascript:alert(1)", "unsupported URL scheme");
}

static void data_uris(void)
{
    char path[1024];
    size_t n;
    snprintf(path, sizeof path, "%s/datauri.txt", dir);
    char *uri = (char *)slurp(path, &n);
    if (uri && n && uri[n - 1] == '\n')
        uri[n - 1] = 0;
    art_doc *d = art_doc_new(ar);
    const img_ref *im = uri ? load(uri, d) : NULL;
    CHECK(im && im->kind == IMG_RAW && im->width == 30 && im->height == 20,
          "image: base64 data: URI");
    CHECK(im && strlen(im->name) < 80 && strncmp(im->name, "data:image/png;base64,", 22) == 0,
          "image: data: URI name shortened for messages");
    free(uri);
    snprintf(path, sizeof path, "%s/datauri_pct.txt", dir);
    uri = (char *)slurp(path, &n);
    if (uri && n && uri[n - 1] == '\n')
        uri[n - 1] = 0;
    im = uri ? load(uri, d) : NULL;
    CHECK(im && im->width == 24 && im->height == 16 && im->alpha,
          "image: percent-encoded data: URI");
    free(uri);
    CHECK(n_warn(d) == 0, "image: data: URIs without warnings");
}

static bool copy_file(const char *from, const char *to)
{
    size_t n;
    unsigned char *d = slurp(from, &n);
    FILE *f = d ? fopen(to, "wb") : NULL;
    bool ok = f && fwrite(d, 1, n, f) == n;
    if (f)
        fclose(f);
    free(d);
    return ok;
}

static void resolution(void)
{
    char a[1024], b[1024], res[400];
    /* a saved page: T/site/page_files/photo.png, T/site/my photo.png; resources T/res;
     * a private file T/secret.png and a symlink to it inside the site */
    snprintf(a, sizeof a, "%s/png_rgb.png", dir);
    snprintf(b, sizeof b, "%s/page_files", dir);
    mkdir(b, 0755);
    snprintf(b, sizeof b, "%s/page_files/photo.png", dir);
    copy_file(a, b);
    snprintf(b, sizeof b, "%s/my photo.png", dir);
    copy_file(a, b);
    snprintf(res, sizeof res, "%s/res", top);
    mkdir(res, 0755);
    snprintf(b, sizeof b, "%s/logo.gif", res);
    snprintf(a, sizeof a, "%s/gif_trans.gif", dir);
    copy_file(a, b);
    snprintf(a, sizeof a, "%s/png_rgb.png", dir);
    snprintf(b, sizeof b, "%s/secret.png", top);
    copy_file(a, b);
    snprintf(a, sizeof a, "%s/link.png", dir);
    if (symlink(b, a) != 0)
        perror("symlink");

    img_ctx ctx = {
        .base_dir = dir, .resources = res, .base_url = "https://news.example/2026/story.html"};
    art_doc *d = art_doc_new(ar);
    const img_ref *im = img_load(&ctx, "./page_files/photo.png", d, ar);
    CHECK(im && im->width == 30, "image: relative path into the saved folder");
    im = img_load(&ctx, "https://cdn.example/a/b/photo.png?w=800", d, ar);
    CHECK(im && im->width == 30, "image: absolute URL mapped onto NAME_files by file name");
    im = img_load(&ctx, "//cdn.example/photo.png", d, ar);
    CHECK(im && im->width == 30, "image: protocol-relative URL mapped onto NAME_files");
    im = img_load(&ctx, "https://news.example/2026/png_gray.png", d, ar);
    CHECK(im && im->components == 1, "image: URL under the base URL found beside the page");
    im = img_load(&ctx, "https://elsewhere.example/2026/page_files/photo.png", d, ar);
    CHECK(im && im->width == 30, "image: URL made absolute by the page's canonical URL");
    im = img_load(&ctx, "https://elsewhere.example/a/png_palette.png", d, ar);
    CHECK(im && im->width == 32, "image: URL's file name found in the input folder");
    snprintf(b, sizeof b, "%s/media", dir);
    mkdir(b, 0755);
    snprintf(a, sizeof a, "%s/png_gray.png", dir);
    snprintf(b, sizeof b, "%s/media/harbour.png", dir);
    copy_file(a, b);
    im = img_load(&ctx, "https://news.example/cdn/2019/harbour.png", d, ar);
    CHECK(im && im->components == 1, "image: URL's file name found in a subfolder");
    im = img_load(&ctx, "images/photo.png", d, ar);
    CHECK(im && im->width == 30, "image: missing relative path found by name in NAME_files");
    im = img_load(&ctx, "my%20photo.png", d, ar);
    CHECK(im && im->width == 30, "image: percent-encoded file name");
    im = img_load(&ctx, "png_rgb.png?v=3#top", d, ar);
    CHECK(im && im->width == 30, "image: query and fragment ignored");
    im = img_load(&ctx, "logo.gif", d, ar);
    CHECK(im && im->width == 24, "image: found in --resources");
    im = img_load(&ctx, "/png_rgb.png", d, ar);
    CHECK(im && im->width == 30, "image: site-rooted path resolves in the input folder");
    CHECK(n_warn(d) == 0, "image: resolution without warnings");

    bad(&ctx, "https://cdn.example/nowhere.png", "not fetched (no network)");
    bad(&ctx, "../secret.png", "refused: outside the input folder");
    bad(&ctx, "page_files/../../secret.png", "refused: outside the input folder");
    bad(&ctx, "link.png", "refused: outside the input folder");
    bad(&ctx, "file:///etc/passwd", "refused: file: URLs");
    bad(&ctx, "FILE:///etc/hostname", "refused: file: URLs");
    bad(&ctx, "/etc/passwd", "not found");
    bad(&ctx, "../../../../../../../../etc/passwd", "refused: outside the input folder");
    bad(&ctx, "https://news.example/2026/../../../etc/passwd", "not fetched");
    img_ctx none = {0};
    bad(&none, "png_rgb.png", "not found");
}

static void cache(void)
{
    img_ctx ctx = {.base_dir = dir, .cache = img_cache_new(ar)};
    art_doc *d = art_doc_new(ar);
    const img_ref *a = img_load(&ctx, "png_rgba.png", d, ar);
    const img_ref *b = img_load(&ctx, "png_rgba.png", d, ar);
    CHECK(a && a == b, "image: cache returns the same img_ref");
    CHECK(img_load(&ctx, "png_rgb.png", d, ar) != a, "image: cache keys by src");
    img_load(&ctx, "missing.png", d, ar);
    img_load(&ctx, "missing.png", d, ar);
    CHECK(n_warn(d) == 1, "image: a failed src warns once");
}

static void fit(void)
{
    art_doc *d = art_doc_new(ar);
    const img_ref *big = load("big.png", d);
    const img_ref *f = img_fit(big, 144, 96, 300, ar); /* 2 x 1.33 in at 300 dpi */
    CHECK(f && f != big && f->width == 600 && f->height == 400 && f->kind == IMG_RAW &&
              f->len == 600u * 400 * 3,
          "image: fit downsamples 2400x1600 to 600x400");
    CHECK(f && px(f, 0, 0)[2] == 20 && px(f, 599, 0)[2] == 230 && px(f, 0, 0)[0] >= 220,
          "image: fit keeps the colours");
    CHECK(img_fit(big, 576, 384, 300, ar) == big, "image: fit keeps an image near 300 dpi");
    CHECK(img_fit(big, 300, 200, 300, ar) == big, "image: fit needs a factor of 2");
    const img_ref *j = load("jpeg_rgb.jpg", d);
    CHECK(img_fit(j, 1, 1, 300, ar) == j, "image: fit leaves JPEG alone");
    const img_ref *a = load("png_rgba.png", d);
    const img_ref *fa = img_fit(a, 1.5, 1, 300, ar);
    CHECK(fa && fa->width == 8 && fa->height == 5 && fa->alpha && fa->alpha[0] < 40,
          "image: fit downsamples alpha too");
    CHECK(img_fit(big, 0, 10, 300, ar) == big && img_fit(NULL, 1, 1, 300, ar) == NULL,
          "image: fit ignores empty sizes");
}

/* Every prefix of the small good files, and random byte flips: never a crash or a hang. */
static void mutations(void)
{
    static const char *files[] = {
        "png_rgb.png",     "png_interlaced.png", "jpeg_progressive.jpg", "jpeg_exif6.jpg",
        "webp_alpha.webp", "gif_interlaced.gif", "png_palette_trns.png", "jpeg_cmyk.jpg"};
    unsigned seed = 7;
    size_t tries = 0, loaded = 0;
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[1024];
        size_t n;
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unsigned char *orig = slurp(path, &n);
        if (!orig)
            continue;
        unsigned char *m = malloc(n);
        ar_arena *scratch = ar_new();
        for (size_t len = 0; len < n; len += 1 + len / 64) {
            art_doc *d = art_doc_new(scratch);
            loaded += img_decode(orig, len, files[i], d, scratch) != NULL;
            tries++;
        }
        for (int k = 0; k < 150; k++) {
            memcpy(m, orig, n);
            for (int f = 0; f < 1 + k % 4; f++) {
                seed = seed * 1103515245u + 12345u;
                size_t at = (seed >> 8) % n;
                seed = seed * 1103515245u + 12345u;
                m[at] ^= (unsigned char)(1u << ((seed >> 8) % 8));
            }
            art_doc *d = art_doc_new(scratch);
            const img_ref *im = img_decode(m, n, files[i], d, scratch);
            tries++;
            if (im)
                loaded++;
            else if (!d->warnings)
                printf("FAIL image: mutated %s failed without a warning\n", files[i]);
            ar_reset(scratch);
        }
        ar_free(scratch);
        free(m);
        free(orig);
    }
    printf("  %zu mutated/truncated inputs, %zu still decoded\n", tries, loaded);
    CHECK(tries > 1000, "image: mutations and truncations survived");
}

int main(int argc, char **argv)
{
    (void)argc;
    /* the generator sits in the same build: BUILD/tests/test_image -> BUILD/tools/mkimages */
    char gen[600];
    const char *slash = strrchr(argv[0], '/');
    snprintf(gen, sizeof gen, "%.*s/../tools/mkimages", slash ? (int)(slash - argv[0]) : 1,
             slash ? argv[0] : ".");
    if (access(gen, X_OK) != 0) {
        const char *b = getenv("A2P_BUILD");
        snprintf(gen, sizeof gen, "%s/tools/mkimages", b ? b : "build");
    }
    snprintf(top, sizeof top, "/tmp/a2p-img-XXXXXX");
    if (!mkdtemp(top)) {
        printf("FAIL image: temp dir\n");
        return 1;
    }
    snprintf(dir, sizeof dir, "%s/site", top);
    mkdir(dir, 0755);
    char cmd[1400];
    snprintf(cmd, sizeof cmd, "'%s' '%s'", gen, dir);
    int rc = system(cmd);
    CHECK(rc == 0, "image: mkimages wrote the test images");
    ar = ar_new();
    if (rc == 0) {
        formats();
        corrupt();
        data_uris();
        resolution();
        cache();
        fit();
        mutations();
    }
    ar_free(ar);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", top);
    if (system(cmd) != 0)
        printf("  could not remove %s\n", top);
    return t_done();
}
