/* fuzz_pipeline.c - libFuzzer harness: bytes -> model -> style -> typesetting -> PDF.
 * The first byte picks options (columns, images off); the rest is the page.
 * Run from the source tree (fonts/manifest is read from ./fonts). Build and run: make fuzz.
 * The process-wide caches live as in main: made once (fontconfig loaded up front), freed
 * at exit. fontconfig keeps some pointers as encoded offsets that LeakSanitizer cannot
 * follow, so its configuration looks leaked unless it is destroyed before the leak check:
 * loaded lazily by the first input needing a fallback font, it was reported as a leak of
 * that input (tests/bad/fuzz/pipeline-leak-1.html) or at exit. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "convert.h"
#include "dlist.h"
#include "input.h"
#include "pdf_out.h"

static a2p_env env;
static char out[64];

/* registered after the sanitizers' own exit hooks, so it runs before the leak check */
static void free_env(void)
{
    if (env.fonts)
        fnt_env_free(env.fonts);
    if (env.hyph)
        hyph_env_free(env.hyph);
    env = (a2p_env){0};
    remove(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    if (!env.fonts) {
        a2p_err e = {0};
        env.fonts = fnt_env_new("fonts", &e);
        env.hyph = hyph_env_new();
        snprintf(out, sizeof out, "/tmp/a2p-fuzz-%d.pdf", (int)getpid());
        if (!env.fonts)
            abort();
        /* a code point no manifest font covers: fontconfig is loaded now, not by an input */
        fnt_fallback(env.fonts, 0, 0x10FFFD);
        atexit(free_env);
    }
    a2p_opts opts = {.format = FMT_PDF, .data_dir = ".", .columns = 1 + data[0] % 3,
                     .no_images = data[0] & 4, .source_date = 1700000000};
    a2p_err err = {0};
    ar_arena *ar = ar_new();
    art_doc *doc = in_read("fuzz.html", (const char *)data + 1, size - 1, &opts, ar, &err);
    dl_doc *dl = doc ? convert_layout(doc, "fuzz.html", &opts, &env, NULL, ar, &err) : NULL;
    if (dl) {
        pdf_writer *w = pdf_begin(env.fonts, &opts, &err);
        if (w && pdf_add(w, doc, dl, &err))
            pdf_end(w, out, &err);
        else if (w)
            pdf_abort(w);
    }
    ar_free(ar);
    return 0;
}
