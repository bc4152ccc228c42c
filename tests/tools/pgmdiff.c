/* pgmdiff.c - compare two greyscale renderings of the same text, made at different sizes or
 * by different renderers (poppler's pdftoppm, FreeType directly): each is cropped to its ink
 * (pixels darker than mid-grey), both are resampled to one size, and the mean absolute
 * difference of the grey levels is compared with a tolerance. The widths relative to the
 * heights must agree too: unjoined Arabic letters make a word wider than joined ones.
 *
 *   pgmdiff A.pgm B.pgm [TOLERANCE=0.08] [ASPECT=0.08]
 *
 * Prints "aspect A B diff D" and exits 0 when alike, 1 when not, 2 on a bad file. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct pgm {
    int w, h;
    unsigned char *px;
    int x0, y0, x1, y1; /* ink box, inclusive */
} pgm;

static int token(FILE *f)
{
    int c, v = 0, any = 0;
    while ((c = fgetc(f)) != EOF) {
        if (c == '#') {
            while ((c = fgetc(f)) != EOF && c != '\n')
                ;
        } else if (c >= '0' && c <= '9') {
            v = v * 10 + (c - '0');
            any = 1;
            if (v > 100000)
                return -1;
        } else if (any) {
            return v;
        }
    }
    return any ? v : -1;
}

static int load(const char *path, pgm *p)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    int ok = fgetc(f) == 'P' && fgetc(f) == '5';
    p->w = ok ? token(f) : -1;
    p->h = ok ? token(f) : -1;
    int max = ok ? token(f) : -1;
    ok = ok && p->w > 0 && p->h > 0 && max == 255;
    p->px = ok ? malloc((size_t)p->w * (size_t)p->h) : NULL;
    ok = ok && p->px && fread(p->px, 1, (size_t)p->w * (size_t)p->h, f) == (size_t)p->w * (size_t)p->h;
    fclose(f);
    if (!ok)
        return 0;
    p->x0 = p->w, p->y0 = p->h, p->x1 = -1, p->y1 = -1;
    for (int y = 0; y < p->h; y++)
        for (int x = 0; x < p->w; x++)
            if (p->px[y * p->w + x] < 128) {
                if (x < p->x0) p->x0 = x;
                if (x > p->x1) p->x1 = x;
                if (y < p->y0) p->y0 = y;
                if (y > p->y1) p->y1 = y;
            }
    return p->x1 >= 0; /* a blank image is a failure too */
}

/* grey level of P's ink box resampled to W x H, at (X, Y), 4 x 4 samples */
static double sample(const pgm *p, int W, int H, int X, int Y)
{
    double bw = p->x1 - p->x0 + 1, bh = p->y1 - p->y0 + 1, sum = 0;
    for (int j = 0; j < 4; j++)
        for (int i = 0; i < 4; i++) {
            int sx = p->x0 + (int)((X + (i + 0.5) / 4) * bw / W);
            int sy = p->y0 + (int)((Y + (j + 0.5) / 4) * bh / H);
            sum += p->px[sy * p->w + sx];
        }
    return sum / 16;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: pgmdiff A.pgm B.pgm [TOLERANCE] [ASPECT]\n");
        return 2;
    }
    double tol = argc > 3 ? atof(argv[3]) : 0.08, atol = argc > 4 ? atof(argv[4]) : 0.08;
    pgm a = {0}, b = {0};
    if (!load(argv[1], &a) || !load(argv[2], &b)) {
        fprintf(stderr, "pgmdiff: cannot read an inked P5 image from %s or %s\n", argv[1],
                argv[2]);
        free(a.px);
        free(b.px);
        return 2;
    }
    double ra = (double)(a.x1 - a.x0 + 1) / (a.y1 - a.y0 + 1);
    double rb = (double)(b.x1 - b.x0 + 1) / (b.y1 - b.y0 + 1);
    int H = 48, W = (int)lround(H * ra);
    if (W < 1)
        W = 1;
    double diff = 0;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
            diff += fabs(sample(&a, W, H, x, y) - sample(&b, W, H, x, y));
    diff /= (double)W * H * 255;
    double dr = fabs(ra - rb) / ra;
    printf("aspect %.3f %.3f diff %.4f\n", ra, rb, diff);
    free(a.px);
    free(b.px);
    return (dr <= atol && diff <= tol) ? 0 : 1;
}
