/* font.h - the process font table: faces from the fonts/ manifest (and fontconfig for
 * named families and per-character fallback), metrics through FreeType, shaping through
 * HarfBuzz. A font is a small integer id shared by the typesetter and the PDF writer
 * (style.md §2). Only font.c includes FreeType, HarfBuzz or fontconfig headers. */
#ifndef A2P_FONT_H
#define A2P_FONT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "dlist.h"
#include "err.h"

typedef struct fnt_env fnt_env;

typedef struct fnt_info {
    const char *path;  /* TrueType file */
    int index;         /* face index in a .ttc */
    const char *name;  /* PostScript name */
    double units_per_em;
    double ascender, descender, cap_height, x_height; /* in em (1.0 = font size) */
    bool bold, italic;
} fnt_info;

/* fnt_env_new() - font table from DIR/manifest (the project's fonts/ folder). Lives for the
 * process; free with fnt_env_free(). NULL with ERR set when a role's file is missing; a
 * role's file that is there but unusable shows when first used (fnt_broken). */
fnt_env *fnt_env_new(const char *dir, a2p_err *err);
void fnt_env_free(fnt_env *env);

/* fnt_find() - id of FAMILY ("serif", "sans", "mono", or a family name resolved through
 * fontconfig, TrueType only) in the given style; -1 when nothing matches. Cached. */
int fnt_find(fnt_env *env, const char *family, bool bold, bool italic);
size_t fnt_count(const fnt_env *env);
const fnt_info *fnt_get_info(const fnt_env *env, int id);
/* fnt_broken() - the file of a manifest role face that could not be opened when first
 * used (they are opened lazily; a conversion that met one fails), or NULL. */
const char *fnt_broken(const fnt_env *env);

/* fnt_covers() - whether font ID has a glyph for CP. */
bool fnt_covers(fnt_env *env, int id, uint32_t cp);
/* fnt_fallback() - a font covering CP in the style of ID (ID itself when it covers CP),
 * or -1 when no installed font does. */
int fnt_fallback(fnt_env *env, int id, uint32_t cp);

/* fnt_shape() - shape TEXT (LEN bytes) with font ID at SIZE points: kerning and standard
 * ligatures. *OUT gets the glyphs (in SCRATCH), clusters as byte offsets into TEXT;
 * returns the glyph count and the total advance in *WIDTH (points). LANG may be NULL.
 * RTL selects right-to-left shaping (glyphs then come in visual order). */
size_t fnt_shape(fnt_env *env, int id, double size, const char *text, size_t len,
                 const char *lang, bool rtl, ar_arena *scratch, dl_glyph **out, double *width);

#endif
