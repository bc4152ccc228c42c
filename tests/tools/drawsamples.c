/* drawsamples.c - draws the sample "photos" used by the sample pages, procedurally, so the
 * repository carries no borrowed pictures:
 *   skyline-dusk.jpg   a city skyline at dusk over a river, with its reflection (1600x1000)
 *   harbour.jpg        a harbour on a clear morning: hills, sea, sailboats, lighthouse (1600x1000)
 *   ferry-chart.png    a flat bar chart, drawn without text (the caption carries the words)
 * Usage: drawsamples [DIR]   (default samples/images). Output is deterministic: a fixed
 * pseudo-random seed, no clock. Writes JPEG through libjpeg (quality 82) and PNG through libpng.
 * A tool, not part of the converter: it includes no converter header. */
#include <math.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <png.h>

/* ---- canvas: linear float RGB in 0..1 --------------------------------------------------- */

typedef struct {
    int w, h;
    float *px; /* w*h*3 */
} canvas;

typedef struct {
    float r, g, b;
} rgb;

static rgb hex(uint32_t c)
{
    return (rgb){((c >> 16) & 255) / 255.0f, ((c >> 8) & 255) / 255.0f, (c & 255) / 255.0f};
}

static rgb mix(rgb a, rgb b, float t)
{
    return (rgb){a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t};
}

static float clampf(float v, float lo, float hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static float smooth(float e0, float e1, float x)
{
    float t = clampf((x - e0) / (e1 - e0), 0, 1);
    return t * t * (3 - 2 * t);
}

static bool canvas_new(canvas *c, int w, int h)
{
    c->w = w;
    c->h = h;
    c->px = calloc((size_t)w * h * 3, sizeof *c->px);
    return c->px != NULL;
}

static rgb get(const canvas *c, int x, int y)
{
    x = x < 0 ? 0 : x >= c->w ? c->w - 1 : x;
    y = y < 0 ? 0 : y >= c->h ? c->h - 1 : y;
    const float *p = c->px + ((size_t)y * c->w + x) * 3;
    return (rgb){p[0], p[1], p[2]};
}

/* Blend colour COL over pixel (x, y) with coverage A (0..1). */
static void blend(canvas *c, int x, int y, rgb col, float a)
{
    if (x < 0 || y < 0 || x >= c->w || y >= c->h || a <= 0)
        return;
    float *p = c->px + ((size_t)y * c->w + x) * 3;
    a = a > 1 ? 1 : a;
    p[0] += (col.r - p[0]) * a;
    p[1] += (col.g - p[1]) * a;
    p[2] += (col.b - p[2]) * a;
}

/* Axis-aligned rectangle with fractional (anti-aliased) edges. */
static void rect(canvas *c, float x0, float y0, float x1, float y1, rgb col, float alpha)
{
    for (int y = (int)floorf(y0); y < (int)ceilf(y1); y++) {
        float cy = fminf(y1, y + 1.0f) - fmaxf(y0, (float)y);
        for (int x = (int)floorf(x0); x < (int)ceilf(x1); x++) {
            float cx = fminf(x1, x + 1.0f) - fmaxf(x0, (float)x);
            blend(c, x, y, col, cx * cy * alpha);
        }
    }
}

/* Filled ellipse, soft edge of about one pixel (or SOFT pixels for glows and clouds). */
static void ellipse(canvas *c, float cx, float cy, float rx, float ry, rgb col, float alpha,
                    float soft)
{
    int x0 = (int)(cx - rx - soft - 1), x1 = (int)(cx + rx + soft + 1);
    int y0 = (int)(cy - ry - soft - 1), y1 = (int)(cy + ry + soft + 1);
    float r = fminf(rx, ry);
    for (int y = y0; y <= y1; y++)
        for (int x = x0; x <= x1; x++) {
            float dx = (x + 0.5f - cx) / rx, dy = (y + 0.5f - cy) / ry;
            float d = (sqrtf(dx * dx + dy * dy) - 1) * r; /* ~ pixels outside the edge */
            blend(c, x, y, col, alpha * (1 - smooth(-soft, soft, d)));
        }
}

/* Filled triangle, 4x4 supersampled. */
static void triangle(canvas *c, float ax, float ay, float bx, float by, float qx, float qy,
                     rgb col, float alpha)
{
    int x0 = (int)floorf(fminf(ax, fminf(bx, qx))), x1 = (int)ceilf(fmaxf(ax, fmaxf(bx, qx)));
    int y0 = (int)floorf(fminf(ay, fminf(by, qy))), y1 = (int)ceilf(fmaxf(ay, fmaxf(by, qy)));
    float area = (bx - ax) * (qy - ay) - (by - ay) * (qx - ax);
    if (area == 0)
        return;
    for (int y = y0; y <= y1; y++)
        for (int x = x0; x <= x1; x++) {
            int in = 0;
            for (int s = 0; s < 16; s++) {
                float px = x + (s % 4 + 0.5f) / 4, py = y + (s / 4 + 0.5f) / 4;
                float w0 = (bx - ax) * (py - ay) - (by - ay) * (px - ax);
                float w1 = (qx - bx) * (py - by) - (qy - by) * (px - bx);
                float w2 = (ax - qx) * (py - qy) - (ay - qy) * (px - qx);
                if (area > 0 ? (w0 >= 0 && w1 >= 0 && w2 >= 0) : (w0 <= 0 && w1 <= 0 && w2 <= 0))
                    in++;
            }
            blend(c, x, y, col, alpha * in / 16.0f);
        }
}

/* Thick line segment (for masts, rigging), coverage from distance to the segment. */
static void line(canvas *c, float ax, float ay, float bx, float by, float width, rgb col)
{
    int x0 = (int)(fminf(ax, bx) - width - 1), x1 = (int)(fmaxf(ax, bx) + width + 1);
    int y0 = (int)(fminf(ay, by) - width - 1), y1 = (int)(fmaxf(ay, by) + width + 1);
    float dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
    for (int y = y0; y <= y1; y++)
        for (int x = x0; x <= x1; x++) {
            float px = x + 0.5f - ax, py = y + 0.5f - ay;
            float t = len2 > 0 ? clampf((px * dx + py * dy) / len2, 0, 1) : 0;
            float ex = px - t * dx, ey = py - t * dy;
            float d = sqrtf(ex * ex + ey * ey) - width / 2;
            blend(c, x, y, col, 1 - smooth(-0.5f, 0.5f, d));
        }
}

/* Region under a height function: for every column x, fill from ridge(x) down to Y1,
 * anti-aliased along the ridge. */
typedef float (*ridge_fn)(float x, const void *ctx);

static void under(canvas *c, ridge_fn ridge, const void *ctx, float y1, rgb top, rgb bottom)
{
    for (int x = 0; x < c->w; x++) {
        float r = ridge(x + 0.5f, ctx);
        for (int y = (int)floorf(r); y < (int)y1 && y < c->h; y++) {
            float cov = clampf(y + 1 - r, 0, 1);
            float t = clampf((y - r) / (y1 - r + 1), 0, 1);
            blend(c, x, y, mix(top, bottom, t), cov);
        }
    }
}

/* ---- pseudo-random numbers: fixed seed, so every run draws the same pictures ----------- */

static uint32_t rng_state = 0x2545F491u;

static uint32_t rnd(void)
{
    uint32_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return rng_state = x;
}

static float frand(float lo, float hi)
{
    return lo + (hi - lo) * (rnd() & 0xFFFFFF) / (float)0x1000000;
}

/* ---- writers ------------------------------------------------------------------------------ */

static unsigned char to8(float v, int x, int y)
{
    /* ordered dither of half a level keeps the gradients free of bands */
    static const float bayer[4][4] = {{0, 8, 2, 10}, {12, 4, 14, 6}, {3, 11, 1, 9}, {15, 7, 13, 5}};
    float d = (bayer[y & 3][x & 3] + 0.5f) / 16 - 0.5f;
    return (unsigned char)clampf(v * 255 + d + 0.5f, 0, 255);
}

static void row8(const canvas *c, int y, unsigned char *row)
{
    const float *p = c->px + (size_t)y * c->w * 3;
    for (int x = 0; x < c->w; x++)
        for (int k = 0; k < 3; k++)
            row[x * 3 + k] = to8(p[x * 3 + k], x, y);
}

static bool write_jpeg(const canvas *c, const char *path, int quality)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        return false;
    }
    struct jpeg_compress_struct cinfo;
    struct jpeg_error_mgr jerr;
    cinfo.err = jpeg_std_error(&jerr); /* the default handler prints and exits: fine here */
    jpeg_create_compress(&cinfo);
    jpeg_stdio_dest(&cinfo, f);
    cinfo.image_width = (JDIMENSION)c->w;
    cinfo.image_height = (JDIMENSION)c->h;
    cinfo.input_components = 3;
    cinfo.in_color_space = JCS_RGB;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    cinfo.optimize_coding = TRUE;
    jpeg_start_compress(&cinfo, TRUE);
    unsigned char *row = malloc((size_t)c->w * 3);
    if (!row) {
        jpeg_destroy_compress(&cinfo);
        fclose(f);
        return false;
    }
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW rp = row;
        row8(c, (int)cinfo.next_scanline, row);
        jpeg_write_scanlines(&cinfo, &rp, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    free(row);
    return fclose(f) == 0;
}

static bool write_png(const canvas *c, const char *path)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        return false;
    }
    unsigned char *row = malloc((size_t)c->w * 3);
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!row || !png || !info || setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(row);
        fclose(f);
        fprintf(stderr, "%s: PNG write failed\n", path);
        return false;
    }
    png_init_io(png, f);
    png_set_IHDR(png, info, (png_uint_32)c->w, (png_uint_32)c->h, 8, PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(png, 9);
    png_write_info(png, info);
    for (int y = 0; y < c->h; y++) {
        /* no dither: the chart is flat colour and should compress to almost nothing */
        const float *p = c->px + (size_t)y * c->w * 3;
        for (int x = 0; x < c->w * 3; x++)
            row[x] = (unsigned char)clampf(p[x] * 255 + 0.5f, 0, 255);
        png_write_row(png, row);
    }
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    free(row);
    return fclose(f) == 0;
}

/* ---- picture 1: skyline at dusk ------------------------------------------------------------ */

static rgb dusk_sky(float t) /* t: 0 top .. 1 horizon */
{
    static const uint32_t stops[] = {0x141d3b, 0x2c3263, 0x6a4a7e, 0xc5677a, 0xf59a5a, 0xffc27a};
    int n = (int)(sizeof stops / sizeof stops[0]) - 1;
    float f = clampf(t, 0, 1) * n;
    int i = (int)f;
    if (i >= n)
        return hex(stops[n]);
    return mix(hex(stops[i]), hex(stops[i + 1]), smooth(0, 1, f - i));
}

static void draw_skyline(canvas *c)
{
    int W = c->w, H = c->h;
    float horizon = H * 0.66f, water = H * 0.70f;
    float sunx = W * 0.70f, suny = H * 0.60f;

    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            rgb s = dusk_sky(powf(y / horizon, 1.4f));
            float dx = x - sunx, dy = y - suny, d = sqrtf(dx * dx + dy * dy);
            float glow = 0.55f * expf(-d / 260) + 0.25f * expf(-d / 60);
            blend(c, x, y, s, 1);
            blend(c, x, y, hex(0xffe2a8), glow);
        }
    /* long thin clouds lit from below */
    for (int i = 0; i < 9; i++) {
        float cy = frand(H * 0.12f, H * 0.5f), cx = frand(0, W), rx = frand(140, 420);
        float warm = cy / horizon;
        ellipse(c, cx, cy, rx, frand(7, 16), mix(hex(0x6c5a8c), hex(0xf4a07c), warm), 0.55f, 12);
    }
    ellipse(c, sunx, suny, 46, 46, hex(0xfff0c8), 1, 1.2f);

    /* far towers: pale and hazy */
    for (float x = -20; x < W;) {
        float w = frand(36, 110), h = frand(60, 230);
        rect(c, x, horizon - h, x + w, water, hex(0x6b5878), 0.85f);
        x += w + frand(-8, 14);
    }
    /* near towers: dark, with lit windows, a few spires */
    for (float x = -30; x < W;) {
        float w = frand(60, 150), h = frand(110, 430);
        if (fabsf(x + w / 2 - W * 0.38f) < 90)
            h = 520; /* one landmark tower */
        rgb body = mix(hex(0x1b1a2e), hex(0x2a2540), frand(0, 1));
        rect(c, x, horizon - h + 40, x + w, water, body, 1);
        if (h > 380) {
            triangle(c, x + w * 0.2f, horizon - h + 40, x + w * 0.8f, horizon - h + 40, x + w / 2,
                     horizon - h - 30, body, 1);
            line(c, x + w / 2, horizon - h - 30, x + w / 2, horizon - h - 110, 3, body);
            ellipse(c, x + w / 2, horizon - h - 112, 4, 4, hex(0xff5040), 1, 1);
        }
        for (float wy = horizon - h + 58; wy < water - 16; wy += 18)
            for (float wx = x + 8; wx < x + w - 12; wx += 14)
                if ((rnd() & 7) < 2)
                    rect(c, wx, wy, wx + 7, wy + 9, mix(hex(0xffd28a), hex(0xfff2c4), frand(0, 1)),
                         0.9f);
        x += w + frand(4, 30);
    }
    /* embankment */
    rect(c, 0, water - 6, W, water, hex(0x121120), 1);

    /* river: the scene above, mirrored, rippled and darkened */
    for (int y = (int)water; y < H; y++) {
        float depth = (y - water) / (H - water);
        for (int x = 0; x < W; x++) {
            float ripple = sinf(y * 0.35f + sinf(x * 0.011f) * 2) * (1.5f + depth * 7);
            int sy = (int)(2 * water - y - 6);
            rgb m = get(c, (int)(x + ripple), sy);
            rgb deep = hex(0x0f1630);
            rgb col = mix(m, deep, 0.35f + 0.45f * depth);
            float band = 0.06f * sinf(y * 2.1f + x * 0.002f);
            col.r += band * col.r;
            col.g += band * col.g;
            col.b += band * col.b;
            blend(c, x, y, col, 1);
        }
    }
}

/* ---- picture 2: harbour ------------------------------------------------------------------- */

typedef struct {
    float base, amp[3], freq[3], phase[3];
} hills;

static float hill_ridge(float x, const void *ctx)
{
    const hills *h = ctx;
    float y = h->base;
    for (int i = 0; i < 3; i++)
        y -= h->amp[i] * (0.5f + 0.5f * sinf(x * h->freq[i] + h->phase[i]));
    return y;
}

static void sailboat(canvas *c, float x, float wl, float s, rgb hull, rgb sail)
{
    /* reflection first, so the hull sits on it */
    rect(c, x - 60 * s, wl, x + 60 * s, wl + 26 * s, hex(0x1e4458), 0.35f);
    triangle(c, x - 75 * s, wl - 18 * s, x + 80 * s, wl - 18 * s, x + 55 * s, wl, hull, 1);
    triangle(c, x - 75 * s, wl - 18 * s, x + 55 * s, wl, x - 55 * s, wl, hull, 1);
    line(c, x, wl - 18 * s, x, wl - 200 * s, 3.5f * s, hex(0x3a3a3a));
    triangle(c, x + 4 * s, wl - 195 * s, x + 4 * s, wl - 30 * s, x + 78 * s, wl - 30 * s, sail,
             0.97f);
    triangle(c, x - 4 * s, wl - 170 * s, x - 4 * s, wl - 30 * s, x - 62 * s, wl - 30 * s,
             mix(sail, hex(0xb8c4cc), 0.35f), 0.97f);
}

static void draw_harbour(canvas *c)
{
    int W = c->w, H = c->h;
    float horizon = H * 0.56f;

    for (int y = 0; y < H; y++) {
        rgb s = mix(hex(0x7fb0dc), hex(0xf3e9d6), powf(clampf(y / horizon, 0, 1), 1.8f));
        for (int x = 0; x < W; x++)
            blend(c, x, y, s, 1);
    }
    for (int i = 0; i < 7; i++) { /* fair-weather clouds: a few puffs each */
        float cx = frand(0, W), cy = frand(H * 0.08f, H * 0.32f);
        for (int k = 0; k < 5; k++)
            ellipse(c, cx + frand(-90, 90), cy + frand(-12, 12), frand(50, 110), frand(22, 40),
                    hex(0xfbfbf8), 0.75f, 14);
    }
    hills far = {horizon + 4, {140, 60, 25}, {0.0021f, 0.007f, 0.019f}, {0.3f, 1.9f, 4.0f}};
    hills near = {horizon + 4, {90, 40, 14}, {0.0035f, 0.011f, 0.031f}, {2.2f, 0.4f, 1.1f}};
    under(c, hill_ridge, &far, horizon + 4, hex(0x9fb3bf), hex(0xb5c3c6));
    under(c, hill_ridge, &near, horizon + 4, hex(0x5f7f63), hex(0x7d9a78));
    /* a village on the shore: small white and ochre houses */
    for (float x = W * 0.08f; x < W * 0.55f; x += frand(18, 34)) {
        float h = frand(14, 26), w = frand(14, 24);
        rgb wall = (rnd() & 3) ? hex(0xf1ece0) : hex(0xe2b86f);
        rect(c, x, horizon - h, x + w, horizon + 4, wall, 1);
        triangle(c, x - 2, horizon - h, x + w + 2, horizon - h, x + w / 2, horizon - h - 9,
                 hex(0xb0553c), 1);
    }

    /* sea with waves that get finer towards the horizon */
    for (int y = (int)horizon + 4; y < H; y++) {
        float d = (y - horizon) / (H - horizon);
        rgb base = mix(hex(0x5d98ae), hex(0x1f5670), powf(d, 0.7f));
        float f = 0.25f / (0.05f + d);
        for (int x = 0; x < W; x++) {
            float w = sinf(x * 0.02f * f + y * 0.7f) * sinf(x * 0.0031f + y * 0.21f * f);
            rgb col = mix(base, hex(0xe8f2f2), clampf(w - 0.55f, 0, 1) * 0.9f);
            blend(c, x, y, col, 1);
        }
    }
    /* breakwater and lighthouse on the right */
    rect(c, W * 0.70f, horizon + 20, W * 1.0f, horizon + 48, hex(0x6d6a63), 1);
    rect(c, W * 0.70f, horizon + 20, W * 1.0f, horizon + 26, hex(0x8f8b82), 1);
    float lx = W * 0.86f, lb = horizon + 22;
    for (int i = 0; i < 6; i++) {
        float y0 = lb - (i + 1) * 38, y1 = lb - i * 38, taper = i * 3.0f;
        rect(c, lx - 26 + taper, y0, lx + 26 - taper, y1, (i & 1) ? hex(0xc8352e) : hex(0xf7f4ee),
             1);
    }
    rect(c, lx - 20, lb - 250, lx + 20, lb - 228, hex(0xfff1b0), 1);
    triangle(c, lx - 26, lb - 250, lx + 26, lb - 250, lx, lb - 280, hex(0x2f2f33), 1);

    sailboat(c, W * 0.30f, H * 0.74f, 1.0f, hex(0xf2f0ea), hex(0xfcfbf7));
    sailboat(c, W * 0.55f, H * 0.66f, 0.6f, hex(0x234b7a), hex(0xfaf6ea));
    sailboat(c, W * 0.12f, H * 0.63f, 0.42f, hex(0x9c2d2a), hex(0xf6efe0));

    /* stone quay in the lower left foreground, with courses of blocks */
    for (int y = (int)(H * 0.84f); y < H; y++)
        for (int x = 0; x < W * 0.42f - (y - H * 0.84f) * 0.6f; x++) {
            int row = (y - (int)(H * 0.84f)) / 28;
            int joint = ((x + (row & 1) * 45) % 90 < 3) || ((y - (int)(H * 0.84f)) % 28 < 3);
            rgb stone = mix(hex(0x8a8172), hex(0x6f675b), (float)((x * 7 + row * 13) % 5) / 5);
            blend(c, x, y, joint ? hex(0x4a453d) : stone, 1);
        }
    line(c, W * 0.05f, H * 0.84f, W * 0.05f, H * 0.80f, 14, hex(0x3a342c)); /* bollard */
}

/* ---- picture 3: bar chart (flat colours, for PNG) ----------------------------------------- */

static void draw_chart(canvas *c)
{
    int W = c->w, H = c->h;
    static const float values[] = {412, 398, 455, 470, 0, 0, 210, 388, 506, 541};
    int n = (int)(sizeof values / sizeof values[0]);
    rect(c, 0, 0, W, H, hex(0xf7f5f0), 1);
    float left = 90, right = W - 50, top = 60, bottom = H - 80;
    for (int g = 0; g <= 5; g++) { /* gridlines every 100 */
        float y = bottom - (bottom - top) * g / 5;
        rect(c, left, y - 1, right, y + 1, g ? hex(0xdcd8cf) : hex(0x5a564e), 1);
        rect(c, left - 14, y - 1, left - 4, y + 1, hex(0x5a564e), 1);
    }
    float slot = (right - left) / n;
    for (int i = 0; i < n; i++) {
        float h = (bottom - top) * values[i] / 600;
        rgb col = i == n - 1 ? hex(0xd9822b) : hex(0x2f7d86);
        if (values[i] == 0) /* the two years the service stopped: a hatched empty slot */
            for (float y = top + 120; y < bottom; y += 16)
                line(c, left + slot * i + 14, y, left + slot * (i + 1) - 14, y + 10, 2,
                     hex(0xc9c3b6));
        else
            rect(c, left + slot * i + 14, bottom - h, left + slot * (i + 1) - 14, bottom, col, 1);
        rect(c, left + slot * (i + 0.5f) - 1, bottom, left + slot * (i + 0.5f) + 1, bottom + 10,
             hex(0x5a564e), 1);
    }
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "samples/images";
    char path[4096];
    canvas c;
    bool ok = true;

    if (!canvas_new(&c, 1600, 1000))
        return 1;
    draw_skyline(&c);
    snprintf(path, sizeof path, "%s/skyline-dusk.jpg", dir);
    ok = write_jpeg(&c, path, 82) && ok;
    free(c.px);

    if (!canvas_new(&c, 1600, 1000))
        return 1;
    draw_harbour(&c);
    snprintf(path, sizeof path, "%s/harbour.jpg", dir);
    ok = write_jpeg(&c, path, 82) && ok;
    free(c.px);

    if (!canvas_new(&c, 1200, 700))
        return 1;
    draw_chart(&c);
    snprintf(path, sizeof path, "%s/ferry-chart.png", dir);
    ok = write_png(&c, path) && ok;
    free(c.px);

    return ok ? 0 : 1;
}
