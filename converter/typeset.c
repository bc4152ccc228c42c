/* typeset.c - STUB: replaced by the typesetting work (issue 5). */
#include "ts.h"
dl_doc *ts_typeset(const art_doc *doc, const sty_sheet *st, const ts_env *env, ar_arena *ar, a2p_err *err)
{ (void)st; (void)env; (void)ar; err_set(err, 1, doc->source, "typesetter not built yet"); return NULL; }
