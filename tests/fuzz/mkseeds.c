/* mkseeds.c - writes the tiny images in tests/fuzz/seeds/fuzz_image/ (each prefixed with the
 * harness's mode byte 0: img_decode): gray and RGB baseline JPEG, progressive JPEG, CMYK
 * JPEG with an Adobe marker, a JPEG with an EXIF orientation; gray, RGBA, palette+tRNS,
 * 16-bit and interlaced PNG; lossy and lossless-with-alpha WebP; a GIF89a with a
 * transparent colour. Not part of the build: `make fuzz-seeds` runs it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gif_lib.h>
#include <jpeglib.h>
#include <png.h>
#include <webp/encode.h>

static const char *dir;

static FILE *open_seed(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        exit(1);
    }
    fputc(0, f); /* mode byte: img_decode */
    return f;
}

static void jpeg(const char *name, int w, int h, int comps, J_COLOR_SPACE cs, int progressive,
                 int exif_orientation)
{
    FILE *f = open_seed(name);
    struct jpeg_compress_struct c;
    struct jpeg_error_mgr e;
    c.err = jpeg_std_error(&e);
    jpeg_create_compress(&c);
    jpeg_stdio_dest(&c, f);
    c.image_width = w, c.image_height = h, c.input_components = comps, c.in_color_space = cs;
    jpeg_set_defaults(&c);
    jpeg_set_quality(&c, 50, TRUE);
    if (progressive)
        jpeg_simple_progression(&c);
    if (cs == JCS_CMYK)
        c.write_Adobe_marker = TRUE;
    jpeg_start_compress(&c, TRUE);
    if (exif_orientation) {
        /* "Exif\0\0", big-endian TIFF header, one IFD entry: 0x0112 SHORT 1 = orientation */
        unsigned char ex[] = {'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1,
                              0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (unsigned char)exif_orientation,
                              0, 0, 0, 0, 0, 0};
        jpeg_write_marker(&c, JPEG_APP0 + 1, ex, sizeof ex);
    }
    unsigned char row[64 * 4];
    while (c.next_scanline < c.image_height) {
        for (int i = 0; i < w * comps; i++)
            row[i] = (unsigned char)(i * 37 + c.next_scanline * 11);
        JSAMPROW r = row;
        jpeg_write_scanlines(&c, &r, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    fclose(f);
}

static void png(const char *name, int w, int h, int color, int depth, int interlace)
{
    FILE *f = open_seed(name);
    png_structp p = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop in = png_create_info_struct(p);
    png_init_io(p, f);
    png_set_IHDR(p, in, w, h, depth, color, interlace, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    if (color == PNG_COLOR_TYPE_PALETTE) {
        png_color pal[4] = {{0, 0, 0}, {255, 0, 0}, {0, 255, 0}, {0, 0, 255}};
        png_byte trns[1] = {0};
        png_set_PLTE(p, in, pal, 4);
        png_set_tRNS(p, in, trns, 1, NULL);
    }
    png_write_info(p, in);
    int ch = color == PNG_COLOR_TYPE_RGBA ? 4 : color == PNG_COLOR_TYPE_RGB ? 3 : 1;
    int passes = png_set_interlace_handling(p);
    unsigned char row[64 * 8];
    for (int pass = 0; pass < passes; pass++)
        for (int y = 0; y < h; y++) {
            for (int i = 0; i < w * ch * depth / 8; i++)
                row[i] = color == PNG_COLOR_TYPE_PALETTE ? (unsigned char)((i + y) & 3)
                                                         : (unsigned char)(i * 29 + y * 7);
            png_write_row(p, row);
        }
    png_write_end(p, in);
    png_destroy_write_struct(&p, &in);
    fclose(f);
}

static void webp(const char *name, int w, int h, int lossless)
{
    unsigned char px[8 * 8 * 4];
    for (int i = 0; i < w * h * 4; i++)
        px[i] = (unsigned char)(i % 4 == 3 ? (i * 13) : i * 7);
    uint8_t *out = NULL;
    size_t n = lossless ? WebPEncodeLosslessRGBA(px, w, h, w * 4, &out)
                        : WebPEncodeRGB(px, w, h, w * 4, 50, &out);
    FILE *f = open_seed(name);
    fwrite(out, 1, n, f);
    WebPFree(out);
    fclose(f);
}

static void gif(const char *name, int w, int h)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    /* giflib writes through a descriptor: write it plain, then prefix the mode byte */
    int err;
    GifFileType *g = EGifOpenFileName(path, 0, &err);
    GifColorType cols[4] = {{0, 0, 0}, {255, 255, 255}, {200, 0, 0}, {0, 0, 200}};
    ColorMapObject *cm = GifMakeMapObject(4, cols);
    EGifSetGifVersion(g, 1);
    EGifPutScreenDesc(g, w, h, 2, 0, cm);
    unsigned char gce[4] = {1, 0, 0, 2}; /* transparent colour 2 */
    EGifPutExtension(g, GRAPHICS_EXT_FUNC_CODE, 4, gce);
    EGifPutImageDesc(g, 0, 0, w, h, 0, NULL);
    GifPixelType row[64];
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++)
            row[x] = (GifPixelType)((x + y) & 3);
        EGifPutLine(g, row, w);
    }
    EGifCloseFile(g, &err);
    GifFreeMapObject(cm);
    FILE *f = fopen(path, "rb");
    unsigned char buf[4096];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    f = open_seed(name);
    fwrite(buf, 1, n, f);
    fclose(f);
}

int main(int argc, char **argv)
{
    dir = argc > 1 ? argv[1] : ".";
    jpeg("gray.jpg", 8, 8, 1, JCS_GRAYSCALE, 0, 0);
    jpeg("rgb.jpg", 16, 8, 3, JCS_RGB, 0, 0);
    jpeg("progressive.jpg", 9, 7, 3, JCS_RGB, 1, 0);
    jpeg("cmyk.jpg", 8, 8, 4, JCS_CMYK, 0, 0);
    jpeg("exif6.jpg", 12, 5, 3, JCS_RGB, 0, 6);
    png("gray.png", 5, 3, PNG_COLOR_TYPE_GRAY, 8, PNG_INTERLACE_NONE);
    png("rgba.png", 4, 4, PNG_COLOR_TYPE_RGBA, 8, PNG_INTERLACE_NONE);
    png("palette.png", 6, 6, PNG_COLOR_TYPE_PALETTE, 8, PNG_INTERLACE_NONE);
    png("rgb16.png", 3, 3, PNG_COLOR_TYPE_RGB, 16, PNG_INTERLACE_NONE);
    png("interlaced.png", 9, 9, PNG_COLOR_TYPE_RGB, 8, PNG_INTERLACE_ADAM7);
    webp("lossy.webp", 8, 8, 0);
    webp("lossless-alpha.webp", 6, 5, 1);
    gif("transparent.gif", 7, 5);
    return 0;
}
