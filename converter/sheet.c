/* sheet.c - STUB: replaced by the styles work (issue 6). Returns the built-in default. */
#include "sheet.h"
sty_sheet *sty_load(const a2p_opts *opts, ar_arena *ar, a2p_err *err)
{
    (void)err;
    sty_sheet *s = sty_default(ar);
    if (opts->columns)
        s->columns = opts->columns;
    return s;
}
