/* in_html.c - STUB: replaced by the extraction work (issue 3). */
#include "input.h"
art_doc *in_html_read(const char *path, const char *bytes, size_t len, const a2p_opts *opts,
                      ar_arena *ar, a2p_err *err)
{
    (void)bytes; (void)len; (void)opts; (void)ar;
    err_set(err, 1, path, "HTML reader not built yet");
    return NULL;
}
