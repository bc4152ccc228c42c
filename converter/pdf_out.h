/* pdf_out.h - display list -> PDF file. The only module that includes hpdf.h.
 * A writer stays open across articles for packets: pdf_begin / pdf_add... / pdf_end. */
#ifndef A2P_PDF_OUT_H
#define A2P_PDF_OUT_H

#include <stdbool.h>

#include "dlist.h"
#include "err.h"
#include "font.h"
#include "model.h"
#include "opts.h"

typedef struct pdf_writer pdf_writer;

/* pdf_begin() - a new document; document information is taken from the first article
 * added (or OPTS->title for packets). Free with pdf_end() or pdf_abort(). */
pdf_writer *pdf_begin(fnt_env *fonts, const a2p_opts *opts, a2p_err *err);
/* pdf_add() - append the pages of one article (its model for metadata and outline). */
bool pdf_add(pdf_writer *w, const art_doc *doc, const dl_doc *pages, a2p_err *err);
/* pdf_end() - write the file to PATH ("-" = stdout) atomically: a temporary file beside it,
 * renamed on success, removed on failure. Frees W in every case. */
bool pdf_end(pdf_writer *w, const char *path, a2p_err *err);
void pdf_abort(pdf_writer *w);

#endif
