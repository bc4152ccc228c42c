/* font.c - the process font table: faces named by fonts/manifest, families found through
 * fontconfig (opened on first use), per-character fallback, metrics through FreeType and
 * shaping through HarfBuzz. The only file that includes FreeType, HarfBuzz or fontconfig
 * headers.
 *
 * A face is registered once and keeps its id for the life of the process: roles from the
 * manifest come first, then manifest fallbacks and fontconfig finds, appended on demand.
 * The manifest's faces are opened when first used (face_get); the finds at once, so a
 * search passes over a file FreeType cannot use.
 * Shaping reuses one HarfBuzz buffer; the only per-call allocation is the glyph array,
 * taken from the caller's scratch arena. */
#include "font.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include FT_ADVANCES_H
#include <hb-ft.h>
#include <hb.h>
#include <hb-subset.h>

#include "dynlib.h"
#include "fnt_pdf.h"

/* fontconfig is opened on first use (dynlib.h): only a family the manifest lacks, or a
 * character none of its faces covers, asks it, and linked it would cost every start the
 * mapping of two libraries (it brings libexpat). */
#define FC_FUNCS(X)                                                                                \
    X(FcInitLoadConfigAndFonts)                                                                    \
    X(FcConfigDestroy)                                                                             \
    X(FcConfigSubstitute)                                                                          \
    X(FcDefaultSubstitute)                                                                         \
    X(FcFontMatch)                                                                                 \
    X(FcFontSort)                                                                                  \
    X(FcFontSetDestroy)                                                                            \
    X(FcPatternCreate)                                                                             \
    X(FcPatternDestroy)                                                                            \
    X(FcPatternAddString)                                                                          \
    X(FcPatternAddInteger)                                                                         \
    X(FcPatternAddCharSet)                                                                         \
    X(FcPatternGetString)                                                                          \
    X(FcPatternGetInteger)                                                                         \
    X(FcPatternGetCharSet)                                                                         \
    X(FcCharSetCreate)                                                                             \
    X(FcCharSetDestroy)                                                                            \
    X(FcCharSetAddChar)                                                                            \
    X(FcCharSetHasChar)
DYN_LIBRARY(fc_lib, A2P_SO_FONTCONFIG, FC_FUNCS);

enum { ROLE_SERIF, ROLE_SANS, ROLE_MONO, ROLE_COUNT };
enum { STYLE_REGULAR, STYLE_BOLD, STYLE_ITALIC, STYLE_BOLDITALIC, STYLE_COUNT };

static const char *const role_names[ROLE_COUNT] = {"serif", "sans", "mono"};
static const char *const style_names[STYLE_COUNT] = {"regular", "bold", "italic", "bolditalic"};
/* fontconfig generic names used for fallback sorting, per role */
static const char *const role_fc[ROLE_COUNT] = {"serif", "sans-serif", "monospace"};

#define FACE_PLANS 8 /* shaping plans kept per face: one per script, direction, language */

typedef struct face {
    fnt_info info;
    FT_Face ft;
    hb_font_t *hb;
    int role; /* ROLE_* used for fallback searches; ROLE_SERIF for strangers */
    bool broken;   /* face_get() could not open it */
    bool manifest; /* a role face of the manifest: unusable, it fails the conversion */
    /* hb_shape() finds its plan in HarfBuzz's cache on every call, which costs more than
     * shaping a short word; fnt_shape() keeps the face's plans here instead */
    hb_segment_properties_t plan_props[FACE_PLANS];
    hb_shape_plan_t *plans[FACE_PLANS];
    int n_plans;
} face;

/* a manifest 'fallback' line, loaded on first need */
typedef struct fallback {
    const char *path;
    int index, style;
    int id;      /* -1 until loaded */
    bool broken; /* failed to load: skip */
} fallback;

/* fnt_find() results for non-role families, and fnt_fallback() results */
typedef struct family_hit {
    const char *family;
    int style, id;
} family_hit;

typedef struct fallback_hit {
    uint32_t cp;
    int role, style, id;
} fallback_hit;

typedef struct shape_ent shape_ent; /* fnt_shape()'s cache, below */

struct fnt_env {
    ar_arena *ar; /* strings and arrays that live as long as the table */
    FT_Library ft;
    face **faces;
    size_t n, cap;
    int roles[ROLE_COUNT][STYLE_COUNT]; /* face ids, -1 when the manifest has none */
    fallback *fbs;
    size_t n_fbs;
    family_hit *fams;
    size_t n_fams, cap_fams;
    fallback_hit *fbh;
    size_t n_fbh, cap_fbh;
    bool fc_ready;
    FcConfig *fc;
    hb_buffer_t *buf;
    char last_lang[32]; /* cached hb_language for the last LANG (by content: a packet's
                         * articles free their tags, and another may take the address) */
    hb_language_t last_hb_lang;
    shape_ent *shapes; /* fnt_shape()'s cache: open addressing, power-of-two size */
    size_t n_shapes, used_shapes, shape_bytes;
};

static int style_of(bool bold, bool italic)
{
    return (bold ? 1 : 0) | (italic ? 2 : 0);
}

/* ---- loading faces ------------------------------------------------------------------ */

static double os2_or_glyph(FT_Face f, int os2_value, char probe)
{
    if (os2_value > 0)
        return os2_value;
    if (FT_Load_Char(f, (FT_ULong)probe, FT_LOAD_NO_SCALE) == 0)
        return (double)f->glyph->metrics.height;
    return 0;
}

/* PATH/INDEX appended; returns the id, or -1 when the file cannot be read. The face is
 * opened on first use (face_get): a manifest names a dozen faces, an article uses four or
 * five, and opening one costs 0.2 ms; a file that turns out unusable then fails the
 * conversion (fnt_broken). */
static int face_add(fnt_env *env, const char *path, int index, int style, int role)
{
    for (size_t i = 0; i < env->n; i++) {
        const fnt_info *in = &env->faces[i]->info;
        if (in->index == index && strcmp(in->path, path) == 0 &&
            style_of(in->bold, in->italic) == style)
            return (int)i;
    }
    if (index < 0 || access(path, R_OK) != 0)
        return -1;
    face *fc = ar_alloc(env->ar, sizeof *fc);
    fc->role = role;
    fc->info = (fnt_info){
        .path = ar_strdup(env->ar, path),
        .index = index,
        .name = "unnamed",
        .bold = (style & 1) != 0,
        .italic = (style & 2) != 0,
    };
    if (env->n == env->cap) {
        size_t nc = env->cap ? env->cap * 2 : 32;
        env->faces =
            ar_grow(env->ar, env->faces, env->cap * sizeof *env->faces, nc * sizeof *env->faces);
        env->cap = nc;
    }
    env->faces[env->n] = fc;
    return (int)env->n++;
}

/* Face ID, opened on first use: FreeType face, metrics, HarfBuzz font. NULL when the file
 * turns out unusable (its header read, its tables not); its info then keeps zero metrics.
 * Opening fills a cache, so a const table may open it. Main thread only. */
static face *face_get(const fnt_env *cenv, int id)
{
    fnt_env *env = (fnt_env *)cenv;
    face *fc = env->faces[id];
    if (fc->ft || fc->broken)
        return fc->ft ? fc : NULL;
    FT_Face ft;
    if (FT_New_Face(env->ft, fc->info.path, fc->info.index, &ft) != 0) {
        fc->broken = true;
        return NULL;
    }
    if (!FT_IS_SFNT(ft) || !FT_IS_SCALABLE(ft) || ft->units_per_EM == 0) {
        FT_Done_Face(ft);
        fc->broken = true;
        return NULL;
    }
    fc->ft = ft;
    double upem = ft->units_per_EM;
    TT_OS2 *os2 = FT_Get_Sfnt_Table(ft, FT_SFNT_OS2);
    int cap = 0, xh = 0;
    if (os2 && os2->version >= 2 && os2->version != 0xFFFF) {
        cap = os2->sCapHeight;
        xh = os2->sxHeight;
    }
    const char *ps = FT_Get_Postscript_Name(ft);
    fc->info.name = ar_strdup(env->ar, ps ? ps : "unnamed");
    fc->info.units_per_em = upem;
    fc->info.ascender = ft->ascender / upem;
    fc->info.descender = ft->descender / upem;
    fc->info.cap_height = os2_or_glyph(ft, cap, 'H') / upem;
    fc->info.x_height = os2_or_glyph(ft, xh, 'x') / upem;
    /* HarfBuzz reads the tables through FreeType's stream (no second copy of the file)
     * with its own OpenType functions; scale = upem, so positions come in font units. */
    hb_face_t *hf = hb_ft_face_create_referenced(ft);
    fc->hb = hb_font_create(hf);
    hb_face_destroy(hf);
    hb_font_set_scale(fc->hb, (int)upem, (int)upem);
    return fc;
}

/* A face found by a fallback or fontconfig search, opened at once: -1 when it cannot be
 * used, so the search goes on to the next candidate. */
static int face_add_open(fnt_env *env, const char *path, int index, int style, int role)
{
    int id = face_add(env, path, index, style, role);
    return id >= 0 && face_get(env, id) ? id : -1;
}

static bool manifest_read(fnt_env *env, const char *dir, a2p_err *err)
{
    char mpath[4096];
    snprintf(mpath, sizeof mpath, "%s/manifest", dir);
    FILE *f = fopen(mpath, "r");
    if (!f)
        return err_set(err, 1, mpath, "cannot open font manifest: %s", strerror(errno));
    char line[2048], role[64], style[64], file[1536];
    int lineno = 0;
    size_t cap_fbs = 0;
    bool ok = true;
    while (ok && fgets(line, sizeof line, f)) {
        lineno++;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        int index = 0;
        int got = sscanf(line, "%63s %63s %1535s %d", role, style, file, &index);
        if (got <= 0)
            continue;
        char where[4200];
        snprintf(where, sizeof where, "%s:%d", mpath, lineno);
        int st = -1;
        for (int s = 0; s < STYLE_COUNT; s++)
            if (got >= 2 && strcasecmp(style, style_names[s]) == 0)
                st = s;
        if (got < 3 || st < 0) {
            ok = err_set(err, 2, where, "expected ROLE STYLE FILE [INDEX]");
            break;
        }
        char path[4096];
        if (file[0] == '/')
            snprintf(path, sizeof path, "%s", file);
        else
            snprintf(path, sizeof path, "%s/%s", dir, file);
        if (strcasecmp(role, "fallback") == 0) {
            if (env->n_fbs == cap_fbs) {
                size_t nc = cap_fbs ? cap_fbs * 2 : 8;
                env->fbs =
                    ar_grow(env->ar, env->fbs, cap_fbs * sizeof *env->fbs, nc * sizeof *env->fbs);
                cap_fbs = nc;
            }
            env->fbs[env->n_fbs++] = (fallback){ar_strdup(env->ar, path), index, st, -1, false};
            continue;
        }
        int r = -1;
        for (int k = 0; k < ROLE_COUNT; k++)
            if (strcasecmp(role, role_names[k]) == 0)
                r = k;
        if (r < 0) {
            ok = err_set(err, 2, where, "unknown font role '%s'", role);
            break;
        }
        int id = face_add(env, path, index, st, r);
        if (id >= 0)
            env->faces[id]->manifest = true;
        if (id < 0) {
            ok = err_set(err, 1, where, "cannot load font '%s'", path);
            break;
        }
        env->roles[r][st] = id;
    }
    fclose(f);
    if (ok && env->roles[ROLE_SERIF][STYLE_REGULAR] < 0 && env->roles[ROLE_SANS][STYLE_REGULAR] < 0)
        ok = err_set(err, 1, mpath, "the manifest names no regular serif or sans face");
    return ok;
}

fnt_env *fnt_env_new(const char *dir, a2p_err *err)
{
    fnt_env *env = calloc(1, sizeof *env);
    if (!env) {
        err_set(err, 1, dir, "out of memory");
        return NULL;
    }
    env->ar = ar_new();
    memset(env->roles, -1, sizeof env->roles);
    if (FT_Init_FreeType(&env->ft) != 0) {
        err_set(err, 1, dir, "cannot initialise FreeType");
        ar_free(env->ar);
        free(env);
        return NULL;
    }
    env->buf = hb_buffer_create();
    if (!manifest_read(env, dir ? dir : "fonts", err)) {
        fnt_env_free(env);
        return NULL;
    }
    return env;
}

void fnt_env_free(fnt_env *env)
{
    if (!env)
        return;
    for (size_t i = 0; i < env->n; i++) {
        for (int k = 0; k < env->faces[i]->n_plans; k++)
            hb_shape_plan_destroy(env->faces[i]->plans[k]);
        if (env->faces[i]->ft) {
            hb_font_destroy(env->faces[i]->hb);
            FT_Done_Face(env->faces[i]->ft);
        }
    }
    hb_buffer_destroy(env->buf);
    free(env->shapes);
    FT_Done_FreeType(env->ft);
    if (env->fc)
        p_FcConfigDestroy(env->fc);
    ar_free(env->ar);
    free(env);
}

/* ---- finding faces ----------------------------------------------------------------- */

static int role_of(const char *family)
{
    static const struct {
        const char *name;
        int role;
    } names[] = {{"serif", ROLE_SERIF}, {"sans", ROLE_SANS},      {"sans-serif", ROLE_SANS},
                 {"mono", ROLE_MONO},   {"monospace", ROLE_MONO}, {"system-ui", ROLE_SANS}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcasecmp(family, names[i].name) == 0)
            return names[i].role;
    return -1;
}

/* the role's face in STYLE, else the nearest style the manifest has */
static int role_face(const fnt_env *env, int role, int style)
{
    static const int order[STYLE_COUNT][STYLE_COUNT] = {
        {0, 1, 2, 3}, {1, 0, 3, 2}, {2, 0, 3, 1}, {3, 1, 2, 0}};
    for (int k = 0; k < STYLE_COUNT; k++) {
        int id = env->roles[role][order[style][k]];
        if (id >= 0)
            return id;
    }
    return -1;
}

static bool fc_init(fnt_env *env)
{
    if (!env->fc_ready) {
        env->fc_ready = true;
        /* a library that cannot be opened fails every lookup, as a failed set-up does */
        env->fc = dyn_lib_load(&fc_lib, NULL) ? p_FcInitLoadConfigAndFonts() : NULL;
    }
    return env->fc != NULL;
}

static FcPattern *fc_pattern(const char *family, int style)
{
    FcPattern *p = p_FcPatternCreate();
    p_FcPatternAddString(p, FC_FAMILY, (const FcChar8 *)family);
    p_FcPatternAddInteger(p, FC_WEIGHT, (style & 1) ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    p_FcPatternAddInteger(p, FC_SLANT, (style & 2) ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
    /* libharu 2.3.0 loads TrueType outlines only (CFF .otf fails) */
    p_FcPatternAddString(p, FC_FONTFORMAT, (const FcChar8 *)"TrueType");
    return p;
}

static bool is_truetype(FcPattern *m)
{
    FcChar8 *fmt = NULL;
    return p_FcPatternGetString(m, FC_FONTFORMAT, 0, &fmt) == FcResultMatch &&
           strcmp((const char *)fmt, "TrueType") == 0;
}

/* fontconfig match for FAMILY; accepted only when one of the match's family names is
 * FAMILY itself, so "Georgia" falls through to the style's next family instead of
 * whatever fontconfig substitutes (reproducible output). */
static int fc_find(fnt_env *env, const char *family, int style)
{
    if (!fc_init(env))
        return -1;
    FcPattern *pat = fc_pattern(family, style);
    p_FcConfigSubstitute(env->fc, pat, FcMatchPattern);
    p_FcDefaultSubstitute(pat);
    FcResult res;
    FcPattern *m = p_FcFontMatch(env->fc, pat, &res);
    int id = -1;
    FcChar8 *file = NULL, *fam = NULL;
    bool same = false;
    for (int i = 0; m && p_FcPatternGetString(m, FC_FAMILY, i, &fam) == FcResultMatch; i++)
        if (strcasecmp((const char *)fam, family) == 0)
            same = true;
    if (m && same && is_truetype(m) &&
        p_FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch) {
        int index = 0;
        if (p_FcPatternGetInteger(m, FC_INDEX, 0, &index) != FcResultMatch)
            index = 0;
        id = face_add_open(env, (const char *)file, index, style, ROLE_SERIF);
    }
    if (m)
        p_FcPatternDestroy(m);
    p_FcPatternDestroy(pat);
    return id;
}

int fnt_find(fnt_env *env, const char *family, bool bold, bool italic)
{
    if (!env || !family)
        return -1;
    while (*family == ' ' || *family == '"' || *family == '\'')
        family++;
    int style = style_of(bold, italic);
    int role = role_of(family);
    if (role >= 0)
        return role_face(env, role, style);
    for (size_t i = 0; i < env->n_fams; i++)
        if (env->fams[i].style == style && strcasecmp(env->fams[i].family, family) == 0)
            return env->fams[i].id;
    int id = fc_find(env, family, style);
    if (env->n_fams == env->cap_fams) {
        size_t nc = env->cap_fams ? env->cap_fams * 2 : 16;
        env->fams =
            ar_grow(env->ar, env->fams, env->cap_fams * sizeof *env->fams, nc * sizeof *env->fams);
        env->cap_fams = nc;
    }
    env->fams[env->n_fams++] = (family_hit){ar_strdup(env->ar, family), style, id};
    return id;
}

size_t fnt_count(const fnt_env *env)
{
    return env ? env->n : 0;
}

const fnt_info *fnt_get_info(const fnt_env *env, int id)
{
    if (!env || id < 0 || (size_t)id >= env->n)
        return NULL;
    face_get(env, id); /* the metrics */
    return &env->faces[id]->info;
}

const char *fnt_broken(const fnt_env *env)
{
    for (size_t i = 0; env && i < env->n; i++)
        if (env->faces[i]->broken && env->faces[i]->manifest)
            return env->faces[i]->info.path;
    return NULL;
}

bool fnt_covers(fnt_env *env, int id, uint32_t cp)
{
    if (!env || id < 0 || (size_t)id >= env->n)
        return false;
    const face *f = face_get(env, id);
    return f && FT_Get_Char_Index(f->ft, cp) != 0;
}

/* ---- fallback ----------------------------------------------------------------------- */

static int fallback_manifest(fnt_env *env, int style, uint32_t cp)
{
    /* two passes: fallbacks in the wanted style first, then any */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < env->n_fbs; i++) {
            fallback *fb = &env->fbs[i];
            if (fb->broken || (pass == 0 && fb->style != style))
                continue;
            if (fb->id < 0) {
                fb->id = face_add_open(env, fb->path, fb->index, fb->style, ROLE_SANS);
                if (fb->id < 0) {
                    fb->broken = true;
                    continue;
                }
            }
            if (fnt_covers(env, fb->id, cp))
                return fb->id;
        }
    return -1;
}

static int fallback_fc(fnt_env *env, int role, int style, uint32_t cp)
{
    if (!fc_init(env))
        return -1;
    FcPattern *pat = fc_pattern(role_fc[role], style);
    FcCharSet *want = p_FcCharSetCreate();
    p_FcCharSetAddChar(want, cp);
    p_FcPatternAddCharSet(pat, FC_CHARSET, want);
    p_FcCharSetDestroy(want);
    p_FcConfigSubstitute(env->fc, pat, FcMatchPattern);
    p_FcDefaultSubstitute(pat);
    FcResult res;
    FcFontSet *fs = p_FcFontSort(env->fc, pat, FcFalse, NULL, &res);
    int id = -1;
    for (int i = 0; fs && i < fs->nfont && id < 0; i++) {
        FcPattern *p = fs->fonts[i];
        FcCharSet *cs;
        FcChar8 *file;
        int index = 0;
        if (!is_truetype(p) || p_FcPatternGetCharSet(p, FC_CHARSET, 0, &cs) != FcResultMatch ||
            !p_FcCharSetHasChar(cs, cp) ||
            p_FcPatternGetString(p, FC_FILE, 0, &file) != FcResultMatch)
            continue;
        if (p_FcPatternGetInteger(p, FC_INDEX, 0, &index) != FcResultMatch)
            index = 0;
        int weight = 0, slant = 0;
        p_FcPatternGetInteger(p, FC_WEIGHT, 0, &weight);
        p_FcPatternGetInteger(p, FC_SLANT, 0, &slant);
        int got = style_of(weight >= FC_WEIGHT_BOLD, slant != FC_SLANT_ROMAN);
        id = face_add_open(env, (const char *)file, index, got, role);
        if (id >= 0 && !fnt_covers(env, id, cp))
            id = -1;
    }
    if (fs)
        p_FcFontSetDestroy(fs);
    p_FcPatternDestroy(pat);
    return id;
}

int fnt_fallback(fnt_env *env, int id, uint32_t cp)
{
    if (!env || id < 0 || (size_t)id >= env->n)
        return -1;
    if (fnt_covers(env, id, cp))
        return id;
    const face *f = env->faces[id];
    int role = f->role, style = style_of(f->info.bold, f->info.italic);
    for (size_t i = 0; i < env->n_fbh; i++)
        if (env->fbh[i].cp == cp && env->fbh[i].role == role && env->fbh[i].style == style)
            return env->fbh[i].id;
    /* the manifest's fallbacks in order, then fontconfig's sorted list */
    int hit = fallback_manifest(env, style, cp);
    if (hit < 0)
        hit = fallback_fc(env, role, style, cp);
    if (env->n_fbh == env->cap_fbh) {
        size_t nc = env->cap_fbh ? env->cap_fbh * 2 : 64;
        env->fbh =
            ar_grow(env->ar, env->fbh, env->cap_fbh * sizeof *env->fbh, nc * sizeof *env->fbh);
        env->cap_fbh = nc;
    }
    env->fbh[env->n_fbh++] = (fallback_hit){cp, role, style, hit};
    return hit;
}

/* ---- shaping ------------------------------------------------------------------------ */

/* ---- shaping, through a per-process cache of short runs ------------------------------- */

/* A word shapes the same every time in the same face, direction and language, and an
 * article (a packet even more) repeats most of its words: the glyphs of runs up to
 * SHAPE_TEXT_MAX bytes are kept in font units, up to SHAPE_CACHE_MAX bytes in all. */
#define SHAPE_TEXT_MAX 64
#define SHAPE_CACHE_MAX (24u << 20)

/* V font units of a face of UPEM units to the em, in whole thousandths of an em (halves
 * away from zero, as round() does) */
static int32_t thousandths(int32_t v, int upem)
{
    long long t = (long long)v * 1000;
    return (int32_t)((t >= 0 ? t + upem / 2 : t - upem / 2) / upem);
}

typedef struct shaped_glyph {
    uint32_t gid, cluster;
    int32_t adv, dx, dy; /* thousandths of an em */
} shaped_glyph;

struct shape_ent {
    uint64_t hash;
    int id;
    bool rtl;
    hb_language_t lang;
    const char *text;
    size_t len, n;
    shaped_glyph *g;
};

static uint64_t shape_hash(int id, bool rtl, hb_language_t lang, const char *t, size_t n)
{
    uint64_t h = 1469598103934665603ull ^ (uint64_t)id ^ ((uint64_t)rtl << 40) ^
                 (uint64_t)(uintptr_t)lang;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)t[i]) * 1099511628211ull;
    return h | 1; /* 0 marks an empty slot */
}

static shape_ent *shape_find(fnt_env *env, uint64_t h, int id, bool rtl, hb_language_t lang,
                             const char *t, size_t n)
{
    if (!env->shapes)
        return NULL;
    size_t mask = env->n_shapes - 1;
    for (size_t k = h & mask;; k = (k + 1) & mask) {
        shape_ent *e = &env->shapes[k];
        if (!e->hash)
            return e; /* the free slot where it would go */
        if (e->hash == h && e->id == id && e->rtl == rtl && e->lang == lang && e->len == n &&
            memcmp(e->text, t, n) == 0)
            return e;
    }
}

static void shape_put(fnt_env *env, uint64_t h, int id, bool rtl, hb_language_t lang,
                      const char *t, size_t n, const hb_glyph_info_t *gi,
                      const hb_glyph_position_t *gp, unsigned ng)
{
    if (env->shape_bytes > SHAPE_CACHE_MAX)
        return;
    if (env->used_shapes * 2 >= env->n_shapes) { /* grow to keep probes short */
        size_t ns = env->n_shapes ? env->n_shapes * 2 : 4096;
        shape_ent *old = env->shapes, *tab = calloc(ns, sizeof *tab);
        if (!tab)
            return;
        for (size_t i = 0; i < env->n_shapes; i++)
            if (old[i].hash) {
                size_t k = old[i].hash & (ns - 1);
                while (tab[k].hash)
                    k = (k + 1) & (ns - 1);
                tab[k] = old[i];
            }
        free(old);
        env->shapes = tab;
        env->n_shapes = ns;
    }
    shape_ent *e = shape_find(env, h, id, rtl, lang, t, n);
    if (e->hash)
        return;
    shaped_glyph *g = ar_alloc(env->ar, ng * sizeof *g);
    for (unsigned i = 0; i < ng; i++)
        g[i] = (shaped_glyph){gi[i].codepoint, gi[i].cluster, gp[i].x_advance, gp[i].x_offset,
                              gp[i].y_offset};
    *e = (shape_ent){h, id, rtl, lang, ar_strndup(env->ar, t, n), n, ng, g};
    env->used_shapes++;
    env->shape_bytes += n + ng * sizeof *g + sizeof *e * 2;
}

/* F's plan for the properties of buffer B (what hb_shape() would use), made once; NULL when
 * the face has no room for another */
static hb_shape_plan_t *face_plan(face *f, hb_buffer_t *b)
{
    hb_segment_properties_t props;
    hb_buffer_get_segment_properties(b, &props);
    for (int k = 0; k < f->n_plans; k++)
        if (hb_segment_properties_equal(&f->plan_props[k], &props))
            return f->plans[k];
    if (f->n_plans == FACE_PLANS)
        return NULL;
    hb_shape_plan_t *plan = hb_shape_plan_create_cached(hb_font_get_face(f->hb), &props, NULL, 0, NULL);
    if (!plan)
        return NULL;
    f->plan_props[f->n_plans] = props;
    f->plans[f->n_plans++] = plan;
    return plan;
}

size_t fnt_shape(fnt_env *env, int id, double size, const char *text, size_t len, const char *lang,
                 bool rtl, ar_arena *scratch, dl_glyph **out, double *width)
{
    *out = NULL;
    *width = 0;
    if (!env || id < 0 || (size_t)id >= env->n || !text || len == 0 || len > INT32_MAX)
        return 0;
    face *f = face_get(env, id);
    if (!f)
        return 0;
    hb_language_t hl = NULL;
    if (lang && *lang) {
        if (strncmp(lang, env->last_lang, sizeof env->last_lang) != 0) {
            snprintf(env->last_lang, sizeof env->last_lang, "%s", lang);
            env->last_hb_lang = hb_language_from_string(lang, -1);
        }
        hl = env->last_hb_lang;
    }
    double k = size / 1000.0, total = 0; /* points per thousandth of an em */
    uint64_t h = 0;
    if (len <= SHAPE_TEXT_MAX) {
        h = shape_hash(id, rtl, hl, text, len);
        const shape_ent *e = shape_find(env, h, id, rtl, hl, text, len);
        if (e && e->hash) {
            dl_glyph *g = ar_alloc(scratch, e->n * sizeof *g);
            for (size_t i = 0; i < e->n; i++) {
                g[i] = (dl_glyph){
                    .gid = e->g[i].gid,
                    .adv = (float)(e->g[i].adv * k),
                    .dx = (float)(e->g[i].dx * k),
                    .dy = (float)(e->g[i].dy * k),
                    .cluster = e->g[i].cluster,
                };
                total += e->g[i].adv * k;
            }
            *out = g;
            *width = total;
            return e->n;
        }
    }
    hb_buffer_t *b = env->buf;
    hb_buffer_clear_contents(b);
    hb_buffer_add_utf8(b, text, (int)len, 0, (int)len);
    hb_buffer_set_direction(b, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    if (hl)
        hb_buffer_set_language(b, hl);
    hb_buffer_guess_segment_properties(b);
    hb_shape_plan_t *plan = face_plan(f, b);
    if (plan)
        hb_shape_plan_execute(plan, f->hb, b, NULL, 0);
    else
        hb_shape(f->hb, b, NULL, 0);

    unsigned int n = 0;
    const hb_glyph_info_t *gi = hb_buffer_get_glyph_infos(b, &n);
    hb_glyph_position_t *gp = hb_buffer_get_glyph_positions(b, NULL);
    if (n == 0)
        return 0;
    /* advances and offsets in whole thousandths of an em, as the PDF's /W widths are (0.01 pt
     * at 10 pt, a fraction of any printer's dot): the text then needs no corrections for
     * widths the PDF cannot say in a few digits */
    int upem = (int)f->info.units_per_em;
    for (unsigned int i = 0; i < n; i++) {
        gp[i].x_advance = thousandths(gp[i].x_advance, upem);
        gp[i].x_offset = thousandths(gp[i].x_offset, upem);
        gp[i].y_offset = thousandths(gp[i].y_offset, upem);
    }
    if (h)
        shape_put(env, h, id, rtl, hl, text, len, gi, gp, n);
    dl_glyph *g = ar_alloc(scratch, n * sizeof *g);
    for (unsigned int i = 0; i < n; i++) {
        g[i] = (dl_glyph){
            .gid = gi[i].codepoint,
            .adv = (float)(gp[i].x_advance * k),
            .dx = (float)(gp[i].x_offset * k),
            .dy = (float)(gp[i].y_offset * k),
            .cluster = gi[i].cluster,
        };
        total += gp[i].x_advance * k;
    }
    *out = g;
    *width = total;
    return n;
}

/* ---- for the PDF writer (fnt_pdf.h) ------------------------------------------------- */

double fnt_glyph_w1000(fnt_env *env, int id, uint32_t gid)
{
    if (!env || id < 0 || (size_t)id >= env->n)
        return 0;
    const face *f = face_get(env, id);
    FT_Fixed adv = 0;
    if (!f || gid >= (uint32_t)f->ft->num_glyphs ||
        FT_Get_Advance(f->ft, gid, FT_LOAD_NO_SCALE, &adv) != 0)
        return -1;
    /* whole thousandths of an em, as fnt_shape() sets them */
    return thousandths((int32_t)adv, (int)f->info.units_per_em);
}

void fnt_pdf_get_metrics(fnt_env *env, int id, fnt_pdf_metrics *m)
{
    *m = (fnt_pdf_metrics){.weight = 400};
    if (!env || id < 0 || (size_t)id >= env->n)
        return;
    const face *f = face_get(env, id);
    if (!f)
        return;
    FT_Face ft = f->ft;
    double k = 1000.0 / (ft->units_per_EM ? ft->units_per_EM : 1000);
    m->bbox[0] = (int)floor(ft->bbox.xMin * k);
    m->bbox[1] = (int)floor(ft->bbox.yMin * k);
    m->bbox[2] = (int)ceil(ft->bbox.xMax * k);
    m->bbox[3] = (int)ceil(ft->bbox.yMax * k);
    m->fixed_pitch = FT_IS_FIXED_WIDTH(ft);
    const TT_Postscript *post = FT_Get_Sfnt_Table(ft, FT_SFNT_POST);
    if (post)
        m->italic_angle = post->italicAngle / 65536.0;
    const TT_OS2 *os2 = FT_Get_Sfnt_Table(ft, FT_SFNT_OS2);
    if (os2 && os2->version != 0xFFFF && os2->usWeightClass >= 100 && os2->usWeightClass <= 1000)
        m->weight = os2->usWeightClass;
}

unsigned char *fnt_subset(fnt_env *env, int id, const uint32_t *gids, const uint32_t *cps,
                          size_t n, bool hinting, uint32_t *new_gids, size_t *len)
{
    *len = 0;
    if (!env || id < 0 || (size_t)id >= env->n)
        return NULL;
    const face *f = env->faces[id];
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(f->info.path);
    if (!blob)
        return NULL;
    hb_face_t *hf = hb_face_create(blob, (unsigned)f->info.index);
    hb_blob_destroy(blob);
    /* Given glyphs, HarfBuzz's plan reads the face's whole cmap to find their code points
     * (a million instructions for a Latin face); given code points only, it looks each
     * up. So when every glyph is its code point's own (no ligature or alternate), the
     * code points alone select them. */
    bool by_cp = true;
    hb_font_t *hfont = hb_font_create(hf);
    for (size_t i = 0; i < n && by_cp; i++) {
        hb_codepoint_t g = 0;
        by_cp = cps[i] && hb_font_get_nominal_glyph(hfont, cps[i], &g) && g == gids[i];
    }
    hb_font_destroy(hfont);
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    unsigned char *out = NULL;
    if (in) {
        hb_set_t *gs = hb_subset_input_glyph_set(in), *us = hb_subset_input_unicode_set(in);
        if (!by_cp)
            hb_set_add(gs, 0);
        for (size_t i = 0; i < n; i++) {
            if (by_cp)
                hb_set_add(us, cps[i]);
            else
                hb_set_add(gs, gids[i]);
        }
        /* without GSUB no ligature closure pulls in glyphs nobody shows. Renumbered, the
         * subset's loca and hmtx hold only its own glyphs, not every id up to the last one */
        hb_subset_input_set_flags(in, (new_gids ? 0u : (unsigned)HB_SUBSET_FLAGS_RETAIN_GIDS) |
                                          (hinting ? 0u : (unsigned)HB_SUBSET_FLAGS_NO_HINTING));
        hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
        static const char *const tags[] = {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH",
                                           "kern", "morx", "kerx", "DSIG", "hdmx", "VDMX",
                                           "LTSH", "gasp", "vhea", "vmtx"};
        for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
            hb_set_add(drop, hb_tag_from_string(tags[i], 4));
        hb_subset_plan_t *plan = hb_subset_plan_create_or_fail(hf, in);
        hb_face_t *sub = NULL;
        if (plan && new_gids) {
            const hb_map_t *o2n = hb_subset_plan_old_to_new_glyph_mapping(plan);
            for (size_t i = 0; i < n && plan; i++) {
                hb_codepoint_t g = hb_map_get(o2n, gids[i]);
                if (g == HB_MAP_VALUE_INVALID) {
                    hb_subset_plan_destroy(plan);
                    plan = NULL;
                } else {
                    new_gids[i] = g;
                }
            }
        }
        if (plan) {
            sub = hb_subset_plan_execute_or_fail(plan);
            hb_subset_plan_destroy(plan);
        }
        if (sub) {
            hb_blob_t *b = hb_face_reference_blob(sub);
            unsigned int bytes = 0;
            const char *data = hb_blob_get_data(b, &bytes);
            if (data && bytes > 0 && (out = malloc(bytes)) != NULL) {
                memcpy(out, data, bytes);
                *len = bytes;
            }
            hb_blob_destroy(b);
            hb_face_destroy(sub);
        }
        hb_subset_input_destroy(in);
    }
    hb_face_destroy(hf);
    return out;
}
