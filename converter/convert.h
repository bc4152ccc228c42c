/* convert.h - one article (or a packet of them) from input bytes to output, every stage
 * in one function (style.md §1). */
#ifndef A2P_CONVERT_H
#define A2P_CONVERT_H

#include <stdbool.h>

#include "err.h"
#include "font.h"
#include "hyph.h"
#include "opts.h"

/* Process-wide caches, made by main and passed down (style.md §6). */
typedef struct a2p_env {
    fnt_env *fonts;
    hyph_env *hyph;
} a2p_env;

/* convert_one() - convert IN_PATH to OUT_PATH ("-" = stdout) in OPTS->format.
 * Warnings are printed to stderr unless OPTS->quiet. */
bool convert_one(const char *in_path, const char *out_path, const a2p_opts *opts,
                 a2p_env *env, a2p_err *err);

#endif
