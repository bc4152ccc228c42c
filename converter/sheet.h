/* sheet.h - style sheets: a documented subset of CSS (README "Styles") -> sty_sheet.
 * libc only. Errors are "file:line: message" with exit status 2. */
#ifndef A2P_SHEET_H
#define A2P_SHEET_H

#include "arena.h"
#include "err.h"
#include "opts.h"
#include "style.h"

/* sty_load() - the sheet named by OPTS->style (a name in DATA_DIR/styles or a file path;
 * NULL = newspaper), with the command-line overrides of OPTS applied, resolved to points.
 * In AR. NULL with ERR (status 2) on any error in the sheet or an override. */
sty_sheet *sty_load(const a2p_opts *opts, ar_arena *ar, a2p_err *err);

/* sty_load_text() - like sty_load(), for a sheet already in memory: NBYTES of TEXT (need not
 * be NUL-terminated; not kept), named NAME in messages and in the result. OPTS->style is
 * ignored; its overrides apply. In AR. NULL with ERR (status 2) on any error. */
sty_sheet *sty_load_text(const char *name, const char *text, size_t nbytes,
                         const a2p_opts *opts, ar_arena *ar, a2p_err *err);

#endif
