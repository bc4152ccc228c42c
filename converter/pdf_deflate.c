/* pdf_deflate.c - the PDF writer's stream compression, on two threads.
 *
 * libharu deflates each stream while it saves, one after another, through zlib at its
 * default level: a fifth of a one-article run and more of a packet's. Streams of the
 * writer's own making (page contents, font files, CMaps, decoded images) are instead left
 * uncompressed while the document is built and registered here (pdf_defer_deflate);
 * pdf_deflate_all() compresses them with libdeflate on the main thread and one worker,
 * puts the compressed bytes back, turns libharu's filter off and names /FlateDecode in
 * the stream's dictionary through its write hook. libdeflate at level 6 writes the same
 * size as zlib's default level (nytimes-1's streams: 26,191 bytes against 26,193) in an
 * eighth of the time. The two-thread runner, pdf_parallel(), serves the font subsetting
 * too; both use the second thread only for work big enough to pay for it. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <libdeflate.h>

#include "pdf_int.h"

/* Streams of fewer bytes in all are compressed on the calling thread alone: for a page or
 * two a second thread costs more (its start, and page faults that wait on each other) than
 * it saves (nytimes-1, 60 KB: 27.3 ms on one thread against 28.3 ms on two). */
#define PARALLEL_MIN_BYTES (512u << 10)

typedef struct zjob {
    HPDF_Dict d;
    unsigned char *in, *out;
    size_t n_in, n_out;
    bool ok;
} zjob;

/* pdf_parallel()'s shared state: the next index to take */
typedef struct pqueue {
    size_t n;
    void (*job)(void *ctx, size_t i, void **scratch);
    void (*release)(void *scratch);
    void *ctx;
    atomic_size_t next;
} pqueue;

static void *take_jobs(void *arg)
{
    pqueue *q = arg;
    void *scratch = NULL;
    for (size_t i; (i = atomic_fetch_add(&q->next, 1)) < q->n;)
        q->job(q->ctx, i, &scratch);
    if (q->release)
        q->release(scratch);
    return NULL;
}

void pdf_parallel(size_t n, bool big, void (*job)(void *ctx, size_t i, void **scratch),
                  void (*release)(void *scratch), void *ctx)
{
    pqueue q = {.n = n, .job = job, .release = release, .ctx = ctx};
    atomic_init(&q.next, 0);
    pthread_t t;
    bool threaded = big && n > 1 && pthread_create(&t, NULL, take_jobs, &q) == 0;
    take_jobs(&q); /* no thread: the main one does all */
    if (threaded)
        pthread_join(t, NULL);
}

void pdf_defer_deflate(pdf_writer *w, HPDF_Dict d)
{
    if (!d || !d->stream)
        return;
    if (w->n_zd == w->cap_zd) {
        size_t nc = w->cap_zd ? w->cap_zd * 2 : 32;
        w->zd = ar_grow(w->ar, w->zd, w->cap_zd * sizeof *w->zd, nc * sizeof *w->zd);
        w->cap_zd = nc;
    }
    d->filter = HPDF_STREAM_FILTER_NONE;
    w->zd[w->n_zd++] = d;
}

/* a worker's compressor lives in its SCRATCH from its first job to release_compressor() */
static void squeeze(void *ctx, size_t i, void **scratch)
{
    zjob *j = &((zjob *)ctx)[i];
    if (!*scratch)
        *scratch = libdeflate_alloc_compressor(6);
    struct libdeflate_compressor *c = *scratch;
    if (!c)
        return; /* j->ok stays false */
    size_t bound = libdeflate_zlib_compress_bound(c, j->n_in);
    j->out = malloc(bound);
    j->n_out = j->out ? libdeflate_zlib_compress(c, j->in, j->n_in, j->out, bound) : 0;
    j->ok = j->n_out > 0;
}

static void release_compressor(void *scratch)
{
    libdeflate_free_compressor(scratch);
}

/* the dictionary of a stream compressed here: libharu writes no /Filter for it */
static HPDF_STATUS name_filter(HPDF_Dict d, HPDF_Stream s)
{
    (void)d;
    return HPDF_Stream_WriteStr(s, "/Filter /FlateDecode\012");
}

static int by_size(const void *a, const void *b)
{
    size_t x = ((const zjob *)a)->n_in, y = ((const zjob *)b)->n_in;
    return (x < y) - (x > y); /* largest first: the two threads finish together */
}

bool pdf_deflate_all(pdf_writer *w, a2p_err *err)
{
    if (w->n_zd == 0)
        return true;
    zjob *jobs = calloc(w->n_zd, sizeof *jobs);
    if (!jobs)
        return err_set(err, 1, "PDF", "out of memory compressing streams");
    size_t n = 0, total = 0;
    bool ok = true;
    for (size_t i = 0; i < w->n_zd && ok; i++) {
        HPDF_Stream s = w->zd[i]->stream;
        HPDF_UINT32 size = HPDF_Stream_Size(s);
        if (size == 0)
            continue; /* libharu writes an empty stream as it is */
        zjob *j = &jobs[n++];
        j->d = w->zd[i];
        j->n_in = size;
        total += size;
        j->in = malloc(size);
        HPDF_UINT len = size;
        ok = j->in && HPDF_Stream_Seek(s, 0, HPDF_SEEK_SET) == HPDF_OK &&
             HPDF_Stream_Read(s, j->in, &len) == HPDF_OK && len == size;
    }
    if (ok) {
        qsort(jobs, n, sizeof *jobs, by_size);
        pdf_parallel(n, total >= PARALLEL_MIN_BYTES, squeeze, release_compressor, jobs);
        for (size_t i = 0; i < n && ok; i++) {
            zjob *j = &jobs[i];
            HPDF_Stream s = j->d->stream;
            ok = j->ok;
            if (ok) {
                HPDF_MemStream_FreeData(s);
                ok = HPDF_Stream_Write(s, j->out, (HPDF_UINT)j->n_out) == HPDF_OK;
                j->d->write_fn = name_filter;
            }
        }
    }
    for (size_t i = 0; i < n; i++) {
        free(jobs[i].in);
        free(jobs[i].out);
    }
    free(jobs);
    w->n_zd = 0;
    return ok ? pdf_check(w, "compressing streams", err)
              : pdf_check(w, "compressing streams", err) &&
                    err_set(err, 1, "PDF", "cannot compress the page streams");
}
