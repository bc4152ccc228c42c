/* mkimages.c - writes the test images of tests/unit/test_image.c and tests/e2e/images.sh
 * into the folder given as argv[1]: every format and variant image.c reads, corrupt files,
 * decompression bombs and data: URIs. All pictures are generated here (no copied files).
 * Uses libjpeg, libpng, libwebp and giflib directly (it is a tool, not part of liba2p). */
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gif_lib.h>
#include <jpeglib.h>
#include <png.h>
#include <webp/encode.h>
#include <zlib.h>

static const char *dir;
static int failures;

static char *path_of(const char *name)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "%s/%s", dir, name);
    return buf;
}

static void write_bytes(const char *name, const unsigned char *d, size_t n)
{
    FILE *f = fopen(path_of(name), "wb");
    if (!f || fwrite(d, 1, n, f) != n) {
        fprintf(stderr, "mkimages: cannot write %s\n", name);
        failures++;
    }
    if (f)
        fclose(f);
}

static unsigned char *read_bytes(const char *name, size_t *n)
{
    FILE *f = fopen(path_of(name), "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *d = malloc(sz > 0 ? (size_t)sz : 1);
    *n = d ? fread(d, 1, (size_t)sz, f) : 0;
    fclose(f);
    return d;
}

/* Deterministic noise so JPEG scans are long enough that truncation cuts image data. */
static unsigned rnd_state = 12345;
static unsigned rnd(void)
{
    rnd_state = rnd_state * 1103515245u + 12345u;
    return (rnd_state >> 16) & 0x7fff;
}

/* Pixel of a test pattern: left half red, right half blue, a gradient in green, noise. */
static void pattern(int x, int y, int w, int h, unsigned char *rgb)
{
    rgb[0] = x < w / 2 ? 230 : 20;
    rgb[1] = (unsigned char)(y * 255 / (h > 1 ? h - 1 : 1));
    rgb[2] = x < w / 2 ? 20 : 230;
    rgb[0] = (unsigned char)(rgb[0] + (int)(rnd() % 9) - 4);
}

/* ---- JPEG ---------------------------------------------------------------------------- */

/* When set, CMYK is written without the Adobe marker and not inverted (as some non-Adobe
 * tools do): image.c must decode it rather than pass it to libharu, which assumes Adobe. */
static bool plain_cmyk;
/* When set, a progressive JPEG of 568 scans (a decoding-time bomb). */
static bool many_scans;

static void jpeg(const char *name, int w, int h, int comps, bool progressive, int orientation)
{
    struct jpeg_compress_struct ci;
    struct jpeg_error_mgr jerr;
    ci.err = jpeg_std_error(&jerr);
    jpeg_create_compress(&ci);
    FILE *f = fopen(path_of(name), "wb");
    if (!f) {
        failures++;
        return;
    }
    jpeg_stdio_dest(&ci, f);
    ci.image_width = (JDIMENSION)w;
    ci.image_height = (JDIMENSION)h;
    ci.input_components = comps;
    ci.in_color_space = comps == 1 ? JCS_GRAYSCALE : comps == 3 ? JCS_RGB : JCS_CMYK;
    jpeg_set_defaults(&ci);
    jpeg_set_quality(&ci, 90, TRUE);
    if (progressive)
        jpeg_simple_progression(&ci);
    if (plain_cmyk)
        ci.write_Adobe_marker = FALSE;
    jpeg_scan_info *scans = NULL;
    if (many_scans && comps == 3) { /* DC, then each AC coefficient of each component in
                                     * three successive-approximation steps: 568 scans */
        scans = calloc(1 + 63 * 3 * 3, sizeof *scans);
        int k = 0;
        scans[k++] = (jpeg_scan_info){3, {0, 1, 2}, 0, 0, 0, 0};
        for (int c = 0; c < 3; c++)
            for (int co = 1; co < 64; co++) {
                scans[k++] = (jpeg_scan_info){1, {c}, co, co, 0, 2};
                scans[k++] = (jpeg_scan_info){1, {c}, co, co, 2, 1};
                scans[k++] = (jpeg_scan_info){1, {c}, co, co, 1, 0};
            }
        ci.scan_info = scans;
        ci.num_scans = k;
    }
    jpeg_start_compress(&ci, TRUE);
    if (orientation) { /* APP1 Exif, big-endian TIFF, IFD0 with one entry: Orientation */
        unsigned char exif[] = {
            'E', 'x', 'i', 'f',  0,    0, 'M', 'M', 0, 42, 0, 0, 0,
            8,   0,   1,   0x01, 0x12, 0, 3,   0,   0, 0,  1, 0, (unsigned char)orientation,
            0,   0,   0,   0,    0,    0};
        jpeg_write_marker(&ci, JPEG_APP0 + 1, exif, sizeof exif);
    }
    unsigned char *row = malloc((size_t)w * (size_t)comps);
    while (ci.next_scanline < ci.image_height) {
        int y = (int)ci.next_scanline;
        for (int x = 0; x < w; x++) {
            unsigned char rgb[3];
            pattern(x, y, w, h, rgb);
            unsigned char *o = row + (size_t)x * (size_t)comps;
            if (comps == 1)
                o[0] = (unsigned char)((rgb[0] + rgb[1] + rgb[2]) / 3);
            else if (comps == 3)
                memcpy(o, rgb, 3);
            else { /* Adobe (Photoshop) convention: inverted CMYK, as libharu's /Decode expects */
                o[0] = rgb[0], o[1] = rgb[1], o[2] = rgb[2], o[3] = 255;
                if (plain_cmyk)
                    for (int c = 0; c < 4; c++)
                        o[c] = (unsigned char)(255 - o[c]);
            }
        }
        JSAMPROW rp = row;
        jpeg_write_scanlines(&ci, &rp, 1);
    }
    jpeg_finish_compress(&ci);
    jpeg_destroy_compress(&ci);
    fclose(f);
    free(row);
    free(scans);
}

/* ---- PNG (full libpng API: palette, 16-bit and Adam7 need it) ------------------------- */

enum { P_RGB, P_RGBA, P_GRAY, P_PALETTE, P_PALETTE_TRNS, P_RGB16, P_INTERLACED };

static void png(const char *name, int w, int h, int kind)
{
    FILE *f = fopen(path_of(name), "wb");
    if (!f) {
        failures++;
        return;
    }
    png_structp p = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(p);
    if (setjmp(png_jmpbuf(p))) {
        failures++;
        png_destroy_write_struct(&p, &info);
        fclose(f);
        return;
    }
    png_init_io(p, f);
    int ct = kind == P_RGBA                                  ? PNG_COLOR_TYPE_RGBA
             : kind == P_GRAY                                ? PNG_COLOR_TYPE_GRAY
             : (kind == P_PALETTE || kind == P_PALETTE_TRNS) ? PNG_COLOR_TYPE_PALETTE
                                                             : PNG_COLOR_TYPE_RGB;
    int depth = kind == P_RGB16 ? 16 : 8;
    int comps = ct == PNG_COLOR_TYPE_RGBA ? 4 : ct == PNG_COLOR_TYPE_RGB ? 3 : 1;
    png_set_IHDR(p, info, (png_uint_32)w, (png_uint_32)h, depth, ct,
                 kind == P_INTERLACED ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (ct == PNG_COLOR_TYPE_PALETTE) {
        png_color pal[4] = {{255, 0, 0}, {0, 0, 255}, {0, 160, 0}, {250, 250, 250}};
        png_set_PLTE(p, info, pal, 4);
        if (kind == P_PALETTE_TRNS) {
            png_byte trans[1] = {0}; /* index 0 fully transparent */
            png_set_tRNS(p, info, trans, 1, NULL);
        }
    }
    png_write_info(p, info);
    size_t stride = (size_t)w * (size_t)comps * (size_t)(depth / 8);
    unsigned char *img = malloc(stride * (size_t)h);
    png_bytep *rows = malloc(sizeof *rows * (size_t)h);
    for (int y = 0; y < h; y++) {
        rows[y] = img + stride * (size_t)y;
        for (int x = 0; x < w; x++) {
            unsigned char rgb[3];
            pattern(x, y, w, h, rgb);
            unsigned char *o = rows[y] + (size_t)x * (size_t)comps * (size_t)(depth / 8);
            if (depth == 16)
                for (int c = 0; c < 3; c++)
                    o[2 * c] = rgb[c], o[2 * c + 1] = rgb[c];
            else if (ct == PNG_COLOR_TYPE_PALETTE)
                o[0] = (unsigned char)((x * 4 / w) & 3);
            else if (comps == 1)
                o[0] = (unsigned char)(x * 255 / (w - 1));
            else {
                memcpy(o, rgb, 3);
                if (comps == 4)
                    o[3] = (unsigned char)(y * 255 / (h - 1)); /* top clear, bottom opaque */
            }
        }
    }
    png_write_image(p, rows); /* handles the Adam7 passes */
    png_write_end(p, info);
    png_destroy_write_struct(&p, &info);
    fclose(f);
    free(rows);
    free(img);
}

/* ---- WebP ------------------------------------------------------------------------------ */

static void webp(const char *name, int w, int h, bool alpha)
{
    int comps = alpha ? 4 : 3;
    unsigned char *px = malloc((size_t)w * (size_t)h * (size_t)comps);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            unsigned char *o = px + ((size_t)y * (size_t)w + (size_t)x) * (size_t)comps;
            pattern(x, y, w, h, o);
            if (alpha)
                o[3] = x < w / 4 ? 0 : 255; /* a clear band on the left */
        }
    uint8_t *out = NULL;
    size_t n = alpha ? WebPEncodeRGBA(px, w, h, w * 4, 80, &out)
                     : WebPEncodeRGB(px, w, h, w * 3, 80, &out);
    if (n)
        write_bytes(name, out, n);
    else
        failures++;
    WebPFree(out);
    free(px);
}

/* ---- GIF ------------------------------------------------------------------------------- */

static void gif(const char *name, int w, int h, bool interlace)
{
    int e = 0;
    GifFileType *g = EGifOpenFileName(path_of(name), false, &e);
    if (!g) {
        failures++;
        return;
    }
    GifColorType cols[4] = {{0, 0, 0}, {255, 0, 0}, {0, 0, 255}, {0, 200, 0}};
    ColorMapObject *cm = GifMakeMapObject(4, cols);
    EGifSetGifVersion(g, true);
    EGifPutScreenDesc(g, w, h, 2, 0, cm);
    GraphicsControlBlock gcb = {.DisposalMode = DISPOSAL_UNSPECIFIED,
                                .DelayTime = 0,
                                .TransparentColor = 0,
                                .UserInputFlag = false};
    GifByteType ext[4];
    size_t n = EGifGCBToExtension(&gcb, ext);
    EGifPutExtension(g, GRAPHICS_EXT_FUNC_CODE, (int)n, ext);
    EGifPutImageDesc(g, 0, 0, w, h, interlace, NULL);
    GifPixelType *line = malloc((size_t)w);
    static const int start[] = {0, 4, 2, 1}, step[] = {8, 8, 4, 2};
    for (int pass = 0; pass < (interlace ? 4 : 1); pass++)
        for (int y = interlace ? start[pass] : 0; y < h; y += interlace ? step[pass] : 1) {
            for (int x = 0; x < w; x++) /* top rows transparent (index 0), then bands */
                line[x] = (GifPixelType)(y < h / 4 ? 0 : 1 + (x * 3 / w));
            EGifPutLine(g, line, w);
        }
    free(line);
    EGifCloseFile(g, &e);
    GifFreeMapObject(cm);
}

/* ---- corrupt files and bombs ------------------------------------------------------------ */

static unsigned long crc_of(const unsigned char *d, size_t n)
{
    return crc32(0, d, (unsigned)n);
}

static void put32(unsigned char *p, unsigned long v)
{
    p[0] = (unsigned char)(v >> 24), p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8), p[3] = (unsigned char)v;
}

/* A PNG whose IHDR claims W x H with a valid CRC, and a few bytes of image data. */
static void png_bomb(const char *name, unsigned long w, unsigned long h)
{
    unsigned char f[8 + 25 + 12 + 16 + 12];
    size_t k = 0;
    memcpy(f, "\x89PNG\r\n\x1a\n", 8);
    k = 8;
    put32(f + k, 13);
    memcpy(f + k + 4, "IHDR", 4);
    put32(f + k + 8, w);
    put32(f + k + 12, h);
    f[k + 16] = 8, f[k + 17] = 0, f[k + 18] = 0, f[k + 19] = 0, f[k + 20] = 0;
    put32(f + k + 21, crc_of(f + k + 4, 17));
    k += 25;
    static const unsigned char z[] = {0x78, 0x9c, 0xed, 0xc1, 0x01, 0x0d, 0x00, 0x00,
                                      0x00, 0xc2, 0xa0, 0xf7, 0x4f, 0x6d, 0x0e, 0x37};
    put32(f + k, sizeof z);
    memcpy(f + k + 4, "IDAT", 4);
    memcpy(f + k + 8, z, sizeof z);
    put32(f + k + 8 + sizeof z, crc_of(f + k + 4, 4 + sizeof z));
    k += 12 + sizeof z;
    put32(f + k, 0);
    memcpy(f + k + 4, "IEND", 4);
    put32(f + k + 8, crc_of(f + k + 4, 4));
    k += 12;
    write_bytes(name, f, k);
}

static void derived(void)
{
    size_t n;
    unsigned char *d = read_bytes("jpeg_large.jpg", &n); /* long scan: the cut is in data */
    if (d && n > 2000)
        write_bytes("bad_truncated.jpg", d, n * 6 / 10);
    else
        failures++;
    free(d);
    d = read_bytes("jpeg_rgb.jpg", &n);
    if (d && n > 200) {
        /* the same JPEG claiming 60000 x 60000 (SOF0 height/width patched) */
        for (size_t i = 2; i + 9 < n; i++)
            if (d[i] == 0xFF && (d[i + 1] == 0xC0 || d[i + 1] == 0xC2)) {
                d[i + 5] = 0xEA, d[i + 6] = 0x60, d[i + 7] = 0xEA, d[i + 8] = 0x60;
                break;
            }
        write_bytes("bomb.jpg", d, n);
    } else
        failures++;
    free(d);

    d = read_bytes("png_rgb.png", &n);
    if (d && n > 60) { /* flip a byte inside the first IDAT's data: its CRC no longer matches */
        for (size_t i = 8; i + 12 < n; i++)
            if (memcmp(d + i, "IDAT", 4) == 0) {
                d[i + 8] ^= 0x55;
                break;
            }
        write_bytes("bad_crc.png", d, n);
    } else
        failures++;
    free(d);

    d = read_bytes("gif_trans.gif", &n);
    if (d && n > 10) { /* logical screen 65535 x 65535 */
        d[6] = d[7] = d[8] = d[9] = 0xFF;
        write_bytes("bomb.gif", d, n);
    } else
        failures++;
    free(d);

    unsigned char junk[512];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (unsigned char)rnd();
    write_bytes("bad_random.png", junk, sizeof junk);
    write_bytes("empty.png", junk, 0);
    static const char svg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" "
                              "height=\"10\"><rect width=\"10\" height=\"10\"/></svg>\n";
    write_bytes("drawing.svg", (const unsigned char *)svg, sizeof svg - 1);
    png_bomb("bomb.png", 100000, 100000);
}

/* data: URIs of png_rgb.png (base64) and gif_trans.gif (percent-encoded), one line each. */
static void data_uris(void)
{
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t n;
    unsigned char *d = read_bytes("png_rgb.png", &n);
    FILE *f = fopen(path_of("datauri.txt"), "w");
    if (!d || !f) {
        failures++;
    } else {
        fputs("data:image/png;base64,", f);
        for (size_t i = 0; i < n; i += 3) {
            unsigned v = (unsigned)d[i] << 16 | (i + 1 < n ? (unsigned)d[i + 1] << 8 : 0) |
                         (i + 2 < n ? d[i + 2] : 0);
            fputc(b64[v >> 18 & 63], f);
            fputc(b64[v >> 12 & 63], f);
            fputc(i + 1 < n ? b64[v >> 6 & 63] : '=', f);
            fputc(i + 2 < n ? b64[v & 63] : '=', f);
        }
        fputc('\n', f);
    }
    if (f)
        fclose(f);
    free(d);
    d = read_bytes("gif_trans.gif", &n);
    f = fopen(path_of("datauri_pct.txt"), "w");
    if (!d || !f) {
        failures++;
    } else {
        fputs("data:image/gif,", f);
        for (size_t i = 0; i < n; i++)
            fprintf(f, "%%%02X", d[i]);
        fputc('\n', f);
    }
    if (f)
        fclose(f);
    free(d);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: mkimages DIR\n");
        return 2;
    }
    dir = argv[1];
    jpeg("jpeg_gray.jpg", 32, 24, 1, false, 0);
    jpeg("jpeg_rgb.jpg", 64, 48, 3, false, 0);
    jpeg("jpeg_cmyk.jpg", 40, 30, 4, false, 0);
    jpeg("jpeg_progressive.jpg", 64, 48, 3, true, 0);
    jpeg("jpeg_exif6.jpg", 40, 20, 3, false, 6);
    jpeg("jpeg_exif3.jpg", 40, 20, 3, false, 3);
    jpeg("jpeg_large.jpg", 400, 300, 3, false, 0);
    plain_cmyk = true;
    jpeg("jpeg_cmyk_plain.jpg", 40, 30, 4, false, 0);
    plain_cmyk = false;
    many_scans = true;
    jpeg("bomb_scans.jpg", 64, 48, 3, false, 0);
    many_scans = false;
    png("png_rgb.png", 30, 20, P_RGB);
    png("png_rgba.png", 30, 20, P_RGBA);
    png("png_gray.png", 30, 20, P_GRAY);
    png("png_palette.png", 32, 16, P_PALETTE);
    png("png_palette_trns.png", 32, 16, P_PALETTE_TRNS);
    png("png_16bit.png", 30, 20, P_RGB16);
    png("png_interlaced.png", 30, 20, P_INTERLACED);
    png("big.png", 2400, 1600, P_RGB); /* 8 x 5.3 in at 300 dpi: far above a 2 in placement */
    webp("webp_lossy.webp", 48, 32, false);
    webp("webp_alpha.webp", 48, 32, true);
    gif("gif_trans.gif", 24, 16, false);
    gif("gif_interlaced.gif", 24, 16, true);
    derived();
    data_uris();
    return failures ? 1 : 0;
}
