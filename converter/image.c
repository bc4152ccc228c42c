/* image.c - STUB: replaced by the images work (issue 7). */
#include "image.h"
const img_ref *img_load(const img_ctx *ctx, const char *src, art_doc *doc, ar_arena *ar)
{ (void)ctx; (void)ar; art_doc_warn(doc, "image '%s' not loaded (images not built yet)", src); return NULL; }
