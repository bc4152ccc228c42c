/* fnt_pdf.h - font services only the PDF writer needs: glyph widths as the PDF /W array
 * states them, and hb-subset of a face. Private to font.c and pdf_out.c (not a stage
 * contract). Implemented in font.c, so FreeType and HarfBuzz stay there. */
#ifndef A2P_FNT_PDF_H
#define A2P_FNT_PDF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "font.h"

/* fnt_glyph_w1000() - advance of glyph GID of font ID in whole thousandths of an em (as
 * fnt_shape() sets glyphs and the PDF /W array states them); -1 when the face has no glyph
 * GID. */
double fnt_glyph_w1000(fnt_env *env, int id, uint32_t gid);

/* fnt_subset() - a TrueType file holding only glyphs GIDS (N of them, plus the composite
 * closure and .notdef; in any order, repeats allowed). CPS[i] is the code point GIDS[i]
 * stands for, 0 for none (a ligature, say); when every glyph is its code point's own, the
 * code points select them (quicker), else the glyphs do. The cmap maps the code points
 * of the glyphs kept. With NEW_GIDS (room for N) the glyphs are renumbered densely and
 * NEW_GIDS[i] is the id GIDS[i] has in the subset; without it they keep their original
 * ids. Layout tables are dropped, and without
 * HINTING the TrueType instructions too (a third of a Latin face; print does not use
 * them). Returns malloc'd bytes (caller frees) and the size in *LEN, or NULL when HarfBuzz
 * cannot subset the face. */
unsigned char *fnt_subset(fnt_env *env, int id, const uint32_t *gids, const uint32_t *cps,
                          size_t n, bool hinting, uint32_t *new_gids, size_t *len);

/* what a PDF font descriptor states of a face besides fnt_info's metrics */
typedef struct fnt_pdf_metrics {
    int bbox[4];         /* xMin yMin xMax yMax of all glyphs, 1/1000 em */
    double italic_angle; /* degrees, negative leaning right */
    bool fixed_pitch;
    int weight; /* OS/2 weight class, 400 when the face has none */
} fnt_pdf_metrics;

/* fnt_pdf_get_metrics() - M for font ID (zeros and weight 400 for a bad ID). */
void fnt_pdf_get_metrics(fnt_env *env, int id, fnt_pdf_metrics *m);

#endif
