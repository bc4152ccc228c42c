/* pdf_int.h - what the two files of the PDF writer share (pdf_out.c: pages, links,
 * images, metadata, saving; pdf_font.c: glyph codes and the font objects). Private to
 * them: libharu types stay inside the writer. */
#ifndef A2P_PDF_INT_H
#define A2P_PDF_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_streams.h>

#include "arena.h"
#include "buf.h"
#include "err.h"
#include "fnt_pdf.h"
#include "opts.h"
#include "pdf_out.h"

#define PDF_MAX_LEVELS 16 /* outline depth kept; deeper marks hang under level 15 */
#define MAX_CODES 65535u /* codes 1..65535; CID 0 is .notdef */
#define TU_MAX_UNITS 64 /* UTF-16 units of one ToUnicode target */

/* the Info dictionary's text entries (pdf_out.c info_keys[] names them) */
enum { PDF_INFO_TITLE, PDF_INFO_AUTHOR, PDF_INFO_SUBJECT, PDF_INFO_KEYWORDS, PDF_INFO_CREATOR,
       PDF_INFO_PRODUCER, PDF_INFO_KEYS };

/* one code of a face: glyph GID standing for TEXT */
typedef struct code_ent {
    uint32_t gid;
    const char *text;
    double w1000; /* its /W width, in whole thousandths of an em */
    bool blank;   /* a space: it shows nothing, so the pen may be set right after it */
} code_ent;

/* a face as the document uses it; one per font file and face index */
typedef struct pfont {
    int fnt; /* font table id (font.h) */
    code_ent *codes;
    size_t n, cap;
    uint32_t *slots; /* hash of codes: index + 1, 0 = empty */
    size_t n_slots;
    size_t overflow; /* glyphs that found no free code */
    HPDF_Font font;
    unsigned char *sub; /* the subset face from pdf_font_subset_all(), malloc'd, till used */
    size_t sub_len;
    uint32_t *sub_gid; /* code index -> glyph id in SUB (renumbered), malloc'd with it */
} pfont;

typedef struct ppage {
    HPDF_Page page;
    double h;   /* height of the trimmed page (the display list's page) */
    double off; /* trimmed page's distance from the MediaBox edges: bleed and marks */
    int *fonts; /* pfont indices in order of first use: F1, F2... */
    size_t nf, capf;
} ppage;

typedef struct later_link {
    HPDF_Page src;
    HPDF_Rect r;
    size_t target; /* writer page index */
    double y;
} later_link;

struct pdf_writer {
    HPDF_Doc pdf;
    fnt_env *fonts;
    const a2p_opts *opts;
    const char *info[PDF_INFO_KEYS]; /* the Info text entries as set (UTF-8), by PDF_INFO_* */
    ar_arena *ar;             /* lives as long as the writer */
    HPDF_STATUS code, detail; /* first libharu error */
    bool info_done, any_outline;
    pfont *pf;
    size_t npf, cap_pf;
    int *pf_of_fnt; /* font id -> pfont index or -1 */
    size_t n_pf_of_fnt;
    ppage *pages;
    size_t npages, cap_pages;
    HPDF_Outline outl[PDF_MAX_LEVELS];
    int outl_level[PDF_MAX_LEVELS];
    size_t n_outl;
    later_link *later; /* internal links to pages not added yet */
    size_t n_later, cap_later;
    const char **attached; /* --attach-source: paths embedded so far */
    size_t n_attached, cap_attached;
    HPDF_Dict *zd; /* streams pdf_deflate_all() compresses */
    size_t n_zd, cap_zd;
};

/* pdf_check() - true when libharu has reported no error; else ERR says which, while WHAT */
bool pdf_check(pdf_writer *w, const char *what, a2p_err *err);
/* pdf_put_hex4() - V as four hex digits */
void pdf_put_hex4(buf *b, unsigned v);
/* pdf_utf16() - code point CP as UTF-16 units in U: returns 1, or 2 for a surrogate pair */
static inline int pdf_utf16(uint32_t cp, unsigned u[2])
{
    if (cp <= 0xFFFF) {
        u[0] = cp;
        return 1;
    }
    cp -= 0x10000;
    u[0] = 0xD800 + (cp >> 10);
    u[1] = 0xDC00 + (cp & 0x3FF);
    return 2;
}

/* pdf_code_of() - the 2-byte code (and CID) of a face's I-th (glyph, text) pair */
static inline unsigned pdf_code_of(size_t i)
{
    return (unsigned)i + 1u;
}
/* pdf_code_for() - index of the pair for glyph GID showing TEXT[0..N) in F, added when new */
unsigned pdf_code_for(pdf_writer *w, pfont *f, uint32_t gid, const char *text, size_t n);
/* pdf_pfont_for() - the writer's face for font id FNT (shared by ids of one file and
 * face index), -1 for a bad id */
int pdf_pfont_for(pdf_writer *w, int fnt);
/* pdf_font_subset_all() - every used face's subset, on two threads (pfont.sub) */
void pdf_font_subset_all(pdf_writer *w);
/* pdf_font_finish() - F's font objects, once all its codes are known: F->font */
bool pdf_font_finish(pdf_writer *w, pfont *f, a2p_err *err);

/* pdf_parallel() - JOB(CTX, i, &scratch) for every i < N, on the calling thread and, when
 * the work is BIG enough to pay for a thread, one worker taking indices from the same
 * counter (all on the calling thread when no thread starts). Each thread's SCRATCH starts
 * NULL, is the job's to fill (a compressor made once per thread) and is given to RELEASE
 * (when not NULL) after the thread's last job. Jobs must not touch libharu. */
void pdf_parallel(size_t n, bool big, void (*job)(void *ctx, size_t i, void **scratch),
                  void (*release)(void *scratch), void *ctx);

/* pdf_defer_deflate() - stream dictionary D is to be compressed by pdf_deflate_all(), not
 * by libharu (its filter is turned off now) */
void pdf_defer_deflate(pdf_writer *w, HPDF_Dict d);
/* pdf_deflate_all() - compress every deferred stream (two threads), just before saving */
bool pdf_deflate_all(pdf_writer *w, a2p_err *err);

#endif
