/* shapepgm.c - the reference rendering of a word for the world-scripts test: shaped by
 * HarfBuzz and drawn by FreeType straight into a greyscale PGM (white paper, black ink),
 * without article2pdf in between. MODE "rtl" or "ltr" shapes the word as a whole; MODE
 * "isolated" shapes every character on its own and sets them right to left: what a PDF
 * shows when Arabic is not shaped, which the test must tell apart.
 *
 *   shapepgm FONT.ttf PIXELS rtl|ltr|isolated TEXT OUT.pgm */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb-ft.h>
#include <hb.h>

typedef struct glyph {
    unsigned gid;
    double x, y; /* pen position, pixels, y up */
} glyph;

/* shape TEXT[0..LEN) and append its glyphs at *PEN */
static size_t shape(hb_font_t *hf, const char *text, int len, int rtl, double *pen, glyph *g,
                    size_t cap, size_t n)
{
    hb_buffer_t *b = hb_buffer_create();
    hb_buffer_add_utf8(b, text, len, 0, len);
    hb_buffer_set_direction(b, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    hb_buffer_guess_segment_properties(b);
    hb_shape(hf, b, NULL, 0);
    unsigned gn;
    hb_glyph_info_t *gi = hb_buffer_get_glyph_infos(b, &gn);
    hb_glyph_position_t *gp = hb_buffer_get_glyph_positions(b, NULL);
    for (unsigned i = 0; i < gn && n < cap; i++) {
        g[n++] = (glyph){gi[i].codepoint, *pen + gp[i].x_offset / 64.0, gp[i].y_offset / 64.0};
        *pen += gp[i].x_advance / 64.0;
    }
    hb_buffer_destroy(b);
    return n;
}

static int u8len(unsigned char c)
{
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

int main(int argc, char **argv)
{
    if (argc != 6) {
        fprintf(stderr, "usage: shapepgm FONT PIXELS rtl|ltr|isolated TEXT OUT.pgm\n");
        return 2;
    }
    int px = atoi(argv[2]);
    const char *mode = argv[3], *text = argv[4];
    FT_Library ft;
    FT_Face face;
    if (px < 4 || px > 400 || FT_Init_FreeType(&ft) != 0)
        return 2;
    if (FT_New_Face(ft, argv[1], 0, &face) != 0 || FT_Set_Pixel_Sizes(face, 0, (FT_UInt)px)) {
        fprintf(stderr, "shapepgm: cannot load %s\n", argv[1]);
        FT_Done_FreeType(ft);
        return 2;
    }
    hb_font_t *hf = hb_ft_font_create_referenced(face);
    size_t cap = 4 * strlen(text) + 8, n = 0;
    glyph *g = calloc(cap, sizeof *g);
    double pen = 0;
    if (strcmp(mode, "isolated") == 0) {
        /* characters in reverse order, each shaped alone: isolated forms, visual order */
        int len = (int)strlen(text), starts[1024], k = 0;
        for (int i = 0; i < len && k < 1024; i += u8len((unsigned char)text[i]))
            starts[k++] = i;
        for (int j = k - 1; j >= 0; j--) {
            int e = j + 1 < k ? starts[j + 1] : len;
            n = shape(hf, text + starts[j], e - starts[j], 1, &pen, g, cap, n);
        }
    } else {
        n = shape(hf, text, (int)strlen(text), strcmp(mode, "rtl") == 0, &pen, g, cap, n);
    }

    /* the canvas: the pen's width plus a margin, ascender to descender */
    int margin = px, W = (int)pen + 2 * margin, H = 3 * px;
    int base = 2 * px;
    unsigned char *img = malloc((size_t)W * H);
    memset(img, 255, (size_t)W * H);
    for (size_t i = 0; i < n; i++) {
        if (FT_Load_Glyph(face, g[i].gid, FT_LOAD_RENDER | FT_LOAD_NO_HINTING) != 0)
            continue;
        FT_GlyphSlot s = face->glyph;
        int ox = margin + (int)(g[i].x + 0.5) + s->bitmap_left;
        int oy = base - (int)(g[i].y + 0.5) - s->bitmap_top;
        for (unsigned r = 0; r < s->bitmap.rows; r++)
            for (unsigned c = 0; c < s->bitmap.width; c++) {
                int x = ox + (int)c, y = oy + (int)r;
                if (x < 0 || y < 0 || x >= W || y >= H)
                    continue;
                int a = s->bitmap.buffer[r * s->bitmap.pitch + c];
                int v = img[y * W + x] - a;
                img[y * W + x] = (unsigned char)(v < 0 ? 0 : v);
            }
    }
    FILE *f = fopen(argv[5], "wb");
    int ok = f && fprintf(f, "P5\n%d %d\n255\n", W, H) > 0 && fwrite(img, 1, (size_t)W * H, f) == (size_t)W * H;
    if (f)
        fclose(f);
    free(img);
    free(g);
    hb_font_destroy(hf);
    FT_Done_Face(face);
    FT_Done_FreeType(ft);
    return ok ? 0 : 2;
}
