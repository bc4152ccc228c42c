/* pdf_out.c - STUB: replaced by the PDF writer work. */
#include "pdf_out.h"
pdf_writer *pdf_begin(fnt_env *fonts, const a2p_opts *opts, a2p_err *err) { (void)fonts; (void)opts; err_set(err, 1, "", "PDF writer not built yet"); return NULL; }
bool pdf_add(pdf_writer *w, const art_doc *doc, const dl_doc *pages, a2p_err *err) { (void)w; (void)doc; (void)pages; (void)err; return false; }
bool pdf_end(pdf_writer *w, const char *path, a2p_err *err) { (void)w; (void)path; (void)err; return false; }
void pdf_abort(pdf_writer *w) { (void)w; }
