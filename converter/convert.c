/* convert.c - one article from input bytes to PDF (compare cmark's src/cmark.c).
 * Each statement is a stage, so --timings can time stages. */
#include "convert.h"

#include <errno.h>
#include <glob.h>
#include <sys/stat.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "buf.h"
#include "dump.h"
#include "input.h"
#include "limits.h"
#include "model.h"
#include "pdf_out.h"
#include "sheet.h"
#include "style.h"
#include "ts.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Folder of PATH ("." for a bare name or stdin): relative image references resolve there. */
static const char *dir_of(const char *path, ar_arena *ar)
{
    const char *slash = strrchr(path, '/');
    if (strcmp(path, "-") == 0 || !slash)
        return ".";
    return slash == path ? "/" : ar_strndup(ar, path, (size_t)(slash - path));
}

static bool read_input(const char *path, buf *b, a2p_err *err)
{
    int rc = buf_read_file(b, path, LIM_INPUT_BYTES);
    if (rc == EFBIG)
        return err_set(err, 1, path, "input larger than %u MB", LIM_INPUT_BYTES >> 20);
    if (rc)
        return err_set(err, 1, path, "cannot read: %s", strerror(rc));
    if (b->len == 0)
        return err_set(err, 1, path, "empty file");
    return true;
}

/* Write a text rendering to OUT ("-" = stdout) atomically. */
static bool write_text(const char *out, const buf *b, a2p_err *err)
{
    if (strcmp(out, "-") == 0) {
        if ((b->len && fwrite(b->data, 1, b->len, stdout) != b->len) || fflush(stdout) != 0)
            return err_set(err, 1, "stdout", "write failed: %s", strerror(errno));
        return true;
    }
    struct stat target;
    if (stat(out, &target) == 0 && !S_ISREG(target.st_mode)) {
        /* /dev/null, a FIFO, a terminal: write straight into it, never rename over it */
        FILE *f = S_ISDIR(target.st_mode) ? NULL : fopen(out, "wb");
        bool ok = f && (b->len == 0 || fwrite(b->data, 1, b->len, f) == b->len);
        if (f && fclose(f) != 0)
            ok = false;
        return ok ? true
                  : err_set(err, 1, out, "cannot write: %s",
                            S_ISDIR(target.st_mode) ? "is a directory" : strerror(errno));
    }
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp~", out);
    FILE *f = fopen(tmp, "wb");
    if (!f)
        return err_set(err, 1, out, "cannot write: %s", strerror(errno));
    bool ok = b->len == 0 || fwrite(b->data, 1, b->len, f) == b->len;
    ok = (fclose(f) == 0) && ok;
    if (!ok || rename(tmp, out) != 0) {
        int e = errno;
        remove(tmp);
        return err_set(err, 1, out, "cannot write: %s", strerror(e));
    }
    return true;
}

void convert_warnings(const char *path, const art_doc *doc, const a2p_opts *opts)
{
    if (opts->quiet || !doc)
        return;
    for (const art_warning *w = doc->warnings; w; w = w->next)
        fprintf(stderr, "article2pdf: %s: warning: %s\n", path, w->msg);
}

void convert_date(const a2p_opts *opts, char *out, size_t cap)
{
    time_t t = (time_t)opts->source_date;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, cap, "%Y-%m-%d", &tm);
}

dl_doc *convert_layout(const art_doc *doc, const char *in_path, const a2p_opts *opts,
                       a2p_env *env, const ts_env *packet, ar_arena *ar, a2p_err *err)
{
    sty_sheet *st = sty_load(opts, ar, err); /* sheet + command-line overrides */
    return st ? convert_layout_sheet(doc, st, in_path, opts, env, packet, ar, err) : NULL;
}

/* the typesetter's environment for one article: ENV's fonts and patterns, PACKET's place
 * (when not NULL), DATE (the caller's buffer) */
static ts_env article_env(const a2p_opts *opts, a2p_env *env, const ts_env *packet,
                          char date[32])
{
    ts_env tenv = {.fonts = env->fonts, .hyph = env->hyph, .no_images = opts->no_images};
    if (packet) {
        tenv.header_title = packet->header_title;
        tenv.page_offset = packet->page_offset;
        tenv.total_pages = packet->total_pages;
        tenv.no_header_footer = packet->no_header_footer;
    }
    convert_date(opts, date, 32);
    tenv.convert_date = date;
    return tenv;
}

dl_doc *convert_layout_sheet(const art_doc *doc, const sty_sheet *st, const char *in_path,
                             const a2p_opts *opts, a2p_env *env, const ts_env *packet,
                             ar_arena *ar, a2p_err *err)
{
    char date[32];
    ts_env tenv = article_env(opts, env, packet, date);
    tenv.img = (img_ctx){.base_dir = dir_of(in_path, ar),
                         .base_url = opts->base_url,
                         .resources = opts->resources,
                         .cache = img_cache_new(ar)}; /* an image used twice is loaded once */
    dl_doc *dl = ts_typeset(doc, st, &tenv, ar, err);
    const char *bad = dl ? fnt_broken(env->fonts) : NULL;
    if (bad) { /* the file is there but FreeType cannot use it: say so, as at start */
        err_set(err, 1, bad, "cannot load font");
        return NULL;
    }
    return dl;
}

void convert_stamp(const art_doc *doc, const sty_sheet *st, const a2p_opts *opts,
                   a2p_env *env, const ts_env *packet, dl_doc *dl, ar_arena *ar)
{
    char date[32];
    ts_env tenv = article_env(opts, env, packet, date);
    ts_header_footer(doc, st, &tenv, dl, ar);
}

art_doc *convert_load(const char *in_path, const a2p_opts *opts, ar_arena *ar, a2p_err *err)
{
    buf in = {0};
    art_doc *doc = NULL;
    if (read_input(in_path, &in, err))
        doc = in_read(in_path, in.data, in.len, opts, ar, err);
    if (doc && !doc->input)
        doc->input = ar_strdup(ar, in_path);
    buf_free(&in);
    return doc;
}

/* Remove what a killed conversion may have left beside OUT: "OUT.tmp-XXXXXX" from the PDF
 * writer, "OUT.tmp~" from the text writers. */
static void remove_temps(const char *out)
{
    if (strcmp(out, "-") == 0)
        return;
    char pat[4200];
    glob_t g;
    snprintf(pat, sizeof pat, "%s.tmp-??????", out);
    if (glob(pat, GLOB_NOSORT, NULL, &g) == 0)
        for (size_t i = 0; i < g.gl_pathc; i++)
            unlink(g.gl_pathv[i]);
    globfree(&g);
    snprintf(pat, sizeof pat, "%s.tmp~", out);
    unlink(pat);
}

/* --timeout: the conversion runs in a child process that is killed when time is up, so
 * no stage needs to poll a clock and a runaway page costs at most the limit. The child
 * sends its error record back through a pipe; a crash becomes an error too. */
static bool convert_timed(const char *in_path, const char *out_path, const a2p_opts *opts,
                          a2p_env *env, a2p_err *err)
{
    int fds[2];
    if (pipe(fds) != 0)
        return err_set(err, 1, in_path, "cannot start the conversion: %s", strerror(errno));
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return err_set(err, 1, in_path, "cannot start the conversion: %s", strerror(errno));
    }
    if (pid == 0) {
        close(fds[0]);
        a2p_opts o = *opts;
        o.timeout = 0;
        a2p_err e = {0};
        bool ok = convert_one(in_path, out_path, &o, env, &e);
        hyph_env_free(env->hyph); /* the child's copy: joins its preload and retire threads */
        fflush(NULL);
        ssize_t w = write(fds[1], &e, sizeof e);
        _exit(ok && w == (ssize_t)sizeof e ? 0 : 1);
    }
    close(fds[1]);
    struct pollfd p = {.fd = fds[0], .events = POLLIN};
    int ms = opts->timeout * 1000 > 2e9 ? 2000000000 : (int)(opts->timeout * 1000);
    int r;
    while ((r = poll(&p, 1, ms)) < 0 && errno == EINTR)
        ;
    a2p_err e = {0};
    bool timed_out = r == 0;
    ssize_t got = timed_out ? 0 : read(fds[0], &e, sizeof e);
    if (timed_out)
        kill(pid, SIGKILL);
    int st = 0;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    close(fds[0]);
    if (timed_out) {
        remove_temps(out_path);
        return err_set(err, 1, in_path, "stopped after %g s (--timeout)", opts->timeout);
    }
    if (WIFSIGNALED(st)) {
        remove_temps(out_path);
        return err_set(err, 1, in_path, "conversion crashed (signal %d)", WTERMSIG(st));
    }
    if (got == (ssize_t)sizeof e && e.status) {
        *err = e;
        return false;
    }
    return WIFEXITED(st) && WEXITSTATUS(st) == 0
               ? true
               : err_set(err, 1, in_path, "conversion failed");
}

bool convert_one(const char *in_path, const char *out_path, const a2p_opts *opts,
                 a2p_env *env, a2p_err *err)
{
    if (opts->timeout > 0)
        return convert_timed(in_path, out_path, opts, env, err);
    double t0 = now_ms(), t_read, t_model, t_ts = 0, t_pdf = 0;
    buf in = {0}, out = {0};
    ar_arena *ar = ar_new(); /* everything below lives here */
    bool ok = false;
    art_doc *doc = NULL;

    if (!read_input(in_path, &in, err))
        goto done;
    if ((opts->format == FMT_PDF || opts->format == FMT_LAYOUT) && env->hyph) {
        /* the patterns load on another core while this one parses */
        char lang[16];
        hyph_preload(env->hyph, hyph_guess_lang(in.data, in.len, lang, sizeof lang) ? lang : "en");
    }
    t_read = now_ms();
    doc = in_read(in_path, in.data, in.len, opts, ar, err); /* HTML | XML -> model */
    if (doc && !doc->input)
        doc->input = ar_strdup(ar, in_path);
    t_model = now_ms();
    if (!doc)
        goto done;

    switch (opts->format) {
    case FMT_TEXT:
        art_dump_text(doc, &out);
        ok = write_text(out_path, &out, err);
        break;
    case FMT_JSON:
        art_dump_json(doc, &out);
        ok = write_text(out_path, &out, err);
        break;
    case FMT_XML:
        art_dump_xml(doc, &out);
        ok = write_text(out_path, &out, err);
        break;
    case FMT_LAYOUT:
    case FMT_PDF: {
        double ts0 = now_ms();
        dl_doc *pages = convert_layout(doc, in_path, opts, env, NULL, ar, err);
        t_ts = now_ms() - ts0;
        if (!pages)
            break;
        if (env->last)
            hyph_retire(env->hyph); /* freed on another core while the PDF is written */
        if (opts->format == FMT_LAYOUT) {
            dl_dump(pages, &out);
            ok = write_text(out_path, &out, err);
            break;
        }
        double p0 = now_ms();
        pdf_writer *w = pdf_begin(env->fonts, opts, err);
        ok = w && pdf_add(w, doc, pages, err);
        if (w)
            ok = ok ? pdf_end(w, out_path, err) : (pdf_abort(w), false);
        t_pdf = now_ms() - p0;
        break;
    }
    }
    if (opts->timings)
        fprintf(stderr,
                "article2pdf: %s: timings: read %.2f ms, parse+extract %.2f ms, typeset %.2f ms, "
                "pdf %.2f ms, total %.2f ms, arena %zu KB\n",
                in_path, t_read - t0, t_model - t_read, t_ts, t_pdf, now_ms() - t0,
                ar_used(ar) / 1024);
done:
    convert_warnings(in_path, doc, opts);
    buf_free(&in);
    buf_free(&out);
    ar_free(ar); /* model, styles, pages: gone */
    return ok;
}
