/* batch.c - batch conversion in worker processes.
 *
 * The parent forks N workers; worker k converts inputs k, k+N, k+2N... and reports each
 * result as one byte on a pipe (1 ok, 0 failed). Workers print their own error lines; the
 * parent draws the progress bar (count, rate, ETA) when stderr is a terminal and prints the
 * summary. The font table and hyphenation state are made before the fork and shared
 * copy-on-write; each worker opens the faces it uses. Each output is written atomically by the writer (temporary file, rename). */
#include "batch.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

void batch_out_path(const char *in, const a2p_opts *opts, char *out, size_t cap)
{
    const char *base = in;
    if (opts->outdir) {
        const char *slash = strrchr(in, '/');
        base = slash ? slash + 1 : in;
    }
    char stem[4096];
    snprintf(stem, sizeof stem, "%s", base);
    char *dot = strrchr(stem, '.'), *slash = strrchr(stem, '/');
    if (dot && (!slash || dot > slash))
        *dot = 0;
    const char *ext = opts->format == FMT_TEXT   ? ".txt"
                      : opts->format == FMT_JSON ? ".json"
                      : opts->format == FMT_XML  ? ".xml"
                                                 : ".pdf";
    if (opts->outdir)
        snprintf(out, cap, "%s/%s%s", opts->outdir, stem, ext);
    else
        snprintf(out, cap, "%s%s", stem, ext);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static bool one(const char *in, const a2p_opts *opts, a2p_env *env)
{
    char out[4200];
    a2p_err err = {0};
    batch_out_path(in, opts, out, sizeof out);
    if (convert_one(in, out, opts, env, &err))
        return true;
    fprintf(stderr, "%sarticle2pdf: %s: %s\n", isatty(2) ? "\r\033[K" : "",
            err.where[0] ? err.where : in, err.msg[0] ? err.msg : "conversion failed");
    return false;
}

static void progress(int done, int total, int failed, double t0)
{
    double el = now_s() - t0, rate = el > 0 ? done / el : 0;
    double eta = rate > 0 ? (total - done) / rate : 0;
    int width = 30, fill = total ? done * width / total : width;
    fprintf(stderr, "\r\033[K[%.*s%*s] %d/%d  %.1f/s  ETA %.0fs%s", fill,
            "##############################", width - fill, "", done, total, rate, eta,
            failed ? "  (failures above)" : "");
}

int batch_convert(const char *const *inputs, int n, const a2p_opts *opts, a2p_env *env)
{
    int jobs = opts->jobs > 0 ? opts->jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (jobs < 1)
        jobs = 1;
    if (jobs > n)
        jobs = n;
    bool tty = isatty(2);
    double t0 = now_s();
    int done = 0, failed = 0;

    if (jobs == 1) {
        for (int i = 0; i < n; i++) {
            failed += !one(inputs[i], opts, env);
            done++;
            if (tty)
                progress(done, n, failed, t0);
        }
    } else {
        int fds[2];
        if (pipe(fds) != 0) {
            fprintf(stderr, "article2pdf: cannot start workers: %s\n", strerror(errno));
            return 1;
        }
        fflush(NULL);
        pid_t *pids = calloc((size_t)jobs, sizeof *pids);
        for (int k = 0; k < jobs; k++) {
            pid_t pid = fork();
            if (pid == 0) {
                close(fds[0]);
                for (int i = k; i < n; i += jobs) {
                    unsigned char r = one(inputs[i], opts, env) ? 1 : 0;
                    if (write(fds[1], &r, 1) != 1)
                        _exit(3);
                }
                hyph_env_free(env->hyph); /* this worker's copy: joins a preload thread */
                _exit(0);
            }
            pids[k] = pid;
            if (pid < 0) { /* convert what this worker would have, here */
                for (int i = k; i < n; i += jobs) {
                    failed += !one(inputs[i], opts, env);
                    done++;
                }
            }
        }
        close(fds[1]);
        unsigned char r;
        ssize_t got;
        while ((got = read(fds[0], &r, 1)) == 1 || (got < 0 && errno == EINTR)) {
            if (got != 1)
                continue;
            done++;
            failed += r == 0;
            if (tty)
                progress(done, n, failed, t0);
        }
        close(fds[0]);
        for (int k = 0; k < jobs; k++) {
            int st;
            if (pids[k] > 0 && waitpid(pids[k], &st, 0) > 0 &&
                (!WIFEXITED(st) || WEXITSTATUS(st) != 0))
                fprintf(stderr, "article2pdf: a worker died (%s %d)\n",
                        WIFSIGNALED(st) ? "signal" : "status",
                        WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
        }
        free(pids);
        failed += n - done; /* inputs of a dead worker */
    }
    double el = now_s() - t0;
    if (tty)
        fputs("\r\033[K", stderr);
    fprintf(stderr, "article2pdf: %d converted, %d failed, %.1f s (%.1f articles/s, %d worker%s)\n",
            n - failed, failed, el, el > 0 ? (n - failed) / el : 0.0, jobs, jobs > 1 ? "s" : "");
    return failed ? 1 : 0;
}
