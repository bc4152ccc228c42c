/* main.c - the command line: argv -> a2p_opts, then one conversion per input.
 * Only this file prints errors ("article2pdf: WHERE: message") and picks the exit status:
 * 0 success, 1 an input could not be converted, 2 usage error. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "convert.h"
#include "input.h"
#include "mem.h"
#include "packet.h"
#include "buf.h"
#include "font.h"
#include "hyph.h"
#include "opts.h"

#ifndef A2P_VERSION
#define A2P_VERSION "0.1.0"
#endif
#ifndef A2P_DATADIR
#define A2P_DATADIR "/usr/local/share/article2pdf"
#endif

static const char usage[] =
    "usage: article2pdf [options] INPUT...\n"
    "Turn news articles (saved HTML pages, article XML, NITF) into print-ready PDF.\n"
    "\n"
    "  -o FILE               output file (default: INPUT with .pdf; '-' = stdout)\n"
    "  --format F            pdf (default), text (article body), json (model), xml (article XML),\n"
    "                        layout (display list, for tests)\n"
    "  --input-format F      auto (default, by content), html, xml\n"
    "  --style NAME|FILE     newspaper (default), briefing, archive, large-print, or a .css file\n"
    "  --paper SIZE          A4, A5, Letter, Legal or WxH lengths (overrides the style)\n"
    "  --columns N           body columns, 1-3 (overrides the style)\n"
    "  --font-size PT        body font size (overrides the style)\n"
    "  --margin LENGTH       page margins (overrides the style)\n"
    "  --no-images           leave all images out\n"
    "\n"
    "Print and archive:\n"
    "  --bleed LENGTH        bleed around each page (e.g. 3mm; pt, mm, cm, in): TrimBox and\n"
    "                        BleedBox are set, the MediaBox grows\n"
    "  --crop-marks          crop marks at the corners, outside the bleed\n"
    "  --grayscale           text, rules and images in DeviceGray (colour JPEGs are decoded\n"
    "                        and converted)\n"
    "  --pdfa                PDF/A-1b (archival): XMP metadata, sRGB output intent\n"
    "  --attach-source       embed the input file in the PDF (not with --pdfa)\n"
    "\n"
    "Several inputs:\n"
    "  --packet              bind all inputs into one PDF (cover, contents, bookmarks);\n"
    "                        implied by -o with several inputs, --manifest, or a feed\n"
    "  --manifest FILE       inputs from FILE: one path a line, '| title' override, # comments\n"
    "  --title T, --subtitle S   packet title and classification line\n"
    "  --duplex              each article starts on a right-hand page\n"
    "  --strict              one failed input fails the packet (nothing written)\n"
    "  --outdir DIR          batch: one output per input, in DIR (default: beside each)\n"
    "  -j N                  batch: N worker processes (default: the number of cores)\n"
    "  --base-url URL        resolve relative links and images against URL\n"
    "  --resources DIR       also look for images in DIR (the only other folder read)\n"
    "  --timings             print the time of each stage on stderr\n"
    "  --timeout SECONDS     stop an article's conversion after SECONDS (exit 1, nothing written)\n"
    "  -q, --quiet           no warnings\n"
    "  -h, --help            this text\n"
    "  --version             version\n"
    "\n"
    "Exit status: 0 success, 1 an input could not be converted, 2 usage error.\n"
    "INPUT '-' reads standard input.\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "article2pdf: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'article2pdf --help'.\n");
    return 2;
}

/* Data folder: $A2P_DATADIR, else the source tree beside the binary, else the install path. */
static const char *data_dir(const char *argv0, char *tmp, size_t cap)
{
    const char *env = getenv("A2P_DATADIR");
    if (env && *env)
        return env;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) {
        snprintf(exe, sizeof exe, "%s", argv0);
        n = (ssize_t)strlen(exe);
    }
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    if (slash) {
        *slash = 0;
        snprintf(tmp, cap, "%s/../fonts/manifest", exe);
        if (access(tmp, R_OK) == 0) {
            snprintf(tmp, cap, "%s/..", exe);
            return tmp;
        }
    }
    return A2P_DATADIR;
}

/* Default output: INPUT with its extension replaced by .pdf (or stdout for "-"). */
static void default_out(const char *in, char *out, size_t cap)
{
    if (strcmp(in, "-") == 0) {
        snprintf(out, cap, "-");
        return;
    }
    snprintf(out, cap, "%s", in);
    char *dot = strrchr(out, '.'), *slash = strrchr(out, '/');
    if (dot && (!slash || dot > slash))
        *dot = 0;
    size_t len = strlen(out);
    snprintf(out + len, cap - len, ".pdf");
}

int main(int argc, char **argv)
{
    mem_setup(); /* before the first input byte is read (mem.h) */
    a2p_opts o = {.format = FMT_PDF, .informat = IN_AUTO};
    const char **inputs = calloc((size_t)argc, sizeof *inputs);
    int n_in = 0;
    if (!inputs)
        return 1;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = NULL;
#define NEEDS_ARG(name)                                                                        \
    (strcmp(a, name) == 0 ? (i + 1 < argc ? (val = argv[++i], 1) : -1)                        \
                          : (strncmp(a, name "=", sizeof name) == 0 ? (val = a + sizeof name, 1) \
                                                                    : 0))
        int r;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage, stdout);
            free(inputs);
            return 0;
        } else if (strcmp(a, "--version") == 0) {
            printf("article2pdf %s\n", A2P_VERSION);
            free(inputs);
            return 0;
        } else if (strcmp(a, "-o") == 0) {
            if (i + 1 >= argc)
                return free(inputs), usage_error("option '%s' needs a value", a);
            o.out = argv[++i];
        } else if ((r = NEEDS_ARG("--format")) != 0) {
            if (r < 0)
                return free(inputs), usage_error("option '%s' needs a value", a);
            if (strcmp(val, "pdf") == 0)
                o.format = FMT_PDF;
            else if (strcmp(val, "text") == 0)
                o.format = FMT_TEXT;
            else if (strcmp(val, "json") == 0)
                o.format = FMT_JSON;
            else if (strcmp(val, "xml") == 0)
                o.format = FMT_XML;
            else if (strcmp(val, "layout") == 0)
                o.format = FMT_LAYOUT;
            else
                return free(inputs), usage_error("unknown format '%s'", val);
        } else if ((r = NEEDS_ARG("--input-format")) != 0) {
            if (r < 0)
                return free(inputs), usage_error("option '%s' needs a value", a);
            if (strcmp(val, "auto") == 0)
                o.informat = IN_AUTO;
            else if (strcmp(val, "html") == 0)
                o.informat = IN_HTML;
            else if (strcmp(val, "xml") == 0)
                o.informat = IN_XML;
            else
                return free(inputs), usage_error("unknown input format '%s'", val);
        } else if ((r = NEEDS_ARG("--base-url")) != 0) {
            if (r < 0)
                return free(inputs), usage_error("option '%s' needs a value", a);
            o.base_url = val;
        } else if ((r = NEEDS_ARG("--style")) != 0) {
            if (r < 0)
                return free(inputs), usage_error("option '%s' needs a value", a);
            o.style = val;
        } else if ((r = NEEDS_ARG("--paper")) != 0) {
            if (r < 0)
                return free(inputs), usage_error("option '%s' needs a value", a);
            o.paper = val;
        } else if ((r = NEEDS_ARG("--margin")) != 0) {
            if (r < 0)
                return free(inputs), usage_error("option '%s' needs a value", a);
            o.margin = val;
        } else if ((r = NEEDS_ARG("--columns")) != 0) {
            char *end;
            if (r < 0)
                return free(inputs), usage_error("option '%s' needs a value", a);
            long n = strtol(val, &end, 10);
            if (*end || n < 1 || n > 3)
                return free(inputs), usage_error("--columns must be 1, 2 or 3, not '%s'", val);
            o.columns = (int)n;
        } else if ((r = NEEDS_ARG("--font-size")) != 0) {
            char *end;
            if (r < 0)
                return free(inputs), usage_error("option '%s' needs a value", a);
            double v = strtod(val, &end);
            if (*end || v < 4 || v > 72)
                return free(inputs), usage_error("--font-size must be 4 to 72 points, not '%s'", val);
            o.font_size = v;
        } else if ((r = NEEDS_ARG("--resources")) != 0) {
            if (r < 0)
                return free(inputs), usage_error("option '%s' needs a value", a);
            o.resources = val;
        } else if ((r = NEEDS_ARG("--manifest")) != 0) {
            if (r < 0)
                return free(inputs), usage_error("option '%s' needs a value", a);
            o.manifest = val;
        } else if ((r = NEEDS_ARG("--title")) != 0) {
            if (r < 0)
                return free(inputs), usage_error("option '%s' needs a value", a);
            o.title = val;
        } else if ((r = NEEDS_ARG("--subtitle")) != 0) {
            if (r < 0)
                return free(inputs), usage_error("option '%s' needs a value", a);
            o.subtitle = val;
        } else if ((r = NEEDS_ARG("--outdir")) != 0) {
            if (r < 0)
                return free(inputs), usage_error("option '%s' needs a value", a);
            o.outdir = val;
        } else if (strcmp(a, "-j") == 0 || strncmp(a, "-j", 2) == 0) {
            const char *v = a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : NULL);
            char *end;
            long n = v ? strtol(v, &end, 10) : 0;
            if (!v || *end || n < 1 || n > 256)
                return free(inputs), usage_error("-j needs a number of workers (1-256), not '%s'",
                                                 v ? v : "");
            o.jobs = (int)n;
        } else if (strcmp(a, "--packet") == 0) {
            o.packet = true;
        } else if (strcmp(a, "--duplex") == 0) {
            o.duplex = true;
        } else if ((r = NEEDS_ARG("--timeout")) != 0) {
            char *end;
            if (r < 0)
                return free(inputs), usage_error("option '%s' needs a value", a);
            double v = strtod(val, &end);
            if (*end || !(v > 0) || v > 86400)
                return free(inputs), usage_error("--timeout needs seconds (0 to 86400), not '%s'", val);
            o.timeout = v;
        } else if (strcmp(a, "--strict") == 0) {
            o.strict = true;
        } else if ((r = NEEDS_ARG("--bleed")) != 0) {
            char *end;
            if (r < 0)
                return free(inputs), usage_error("option '%s' needs a value", a);
            double v = strtod(val, &end);
            double unit = strcmp(end, "mm") == 0   ? 72.0 / 25.4
                          : strcmp(end, "cm") == 0 ? 72.0 / 2.54
                          : strcmp(end, "in") == 0 ? 72.0
                          : strcmp(end, "pt") == 0 || *end == 0 ? 1.0
                                                                 : -1.0;
            if (end == val || unit < 0 || !(v >= 0) || v * unit > 72)
                return free(inputs),
                       usage_error("--bleed must be a length of 0 to 1in (e.g. 3mm), not '%s'", val);
            o.bleed = v * unit;
        } else if (strcmp(a, "--crop-marks") == 0) {
            o.crop_marks = true;
        } else if (strcmp(a, "--grayscale") == 0) {
            o.grayscale = true;
        } else if (strcmp(a, "--pdfa") == 0) {
            o.pdfa = true;
        } else if (strcmp(a, "--attach-source") == 0) {
            o.attach_source = true;
        } else if (strcmp(a, "--no-images") == 0) {
            o.no_images = true;
        } else if (strcmp(a, "--timings") == 0) {
            o.timings = true;
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            o.quiet = true;
        } else if (a[0] == '-' && a[1] != 0) {
            return free(inputs), usage_error("unknown option '%s'", a);
        } else {
            inputs[n_in++] = a;
        }
#undef NEEDS_ARG
    }
    if (n_in == 0 && !o.manifest) {
        free(inputs);
        return usage_error("%s", "no input given");
    }
    /* one feed given alone is a packet of its items */
    if (n_in == 1 && !o.packet && strcmp(inputs[0], "-") != 0)
        o.packet = in_file_is_feed(inputs[0]);
    if (o.manifest || (n_in > 1 && o.out))
        o.packet = true;
    if (o.packet && o.format != FMT_PDF) {
        free(inputs);
        return usage_error("%s", "packets are PDF only (--format pdf)");
    }
    if (o.packet && !o.out) {
        free(inputs);
        return usage_error("%s", "a packet needs -o FILE");
    }
    if (o.pdfa && o.attach_source) {
        free(inputs);
        fprintf(stderr, "article2pdf: --attach-source cannot go with --pdfa: PDF/A-1 forbids "
                        "attachments\n");
        return 2;
    }

    const char *sde = getenv("SOURCE_DATE_EPOCH");
    o.source_date = sde && *sde ? strtol(sde, NULL, 10) : (long)time(NULL);

    char dd[PATH_MAX + 32], fonts_dir[PATH_MAX + 64];
    const char *data = data_dir(argv[0], dd, sizeof dd);
    snprintf(fonts_dir, sizeof fonts_dir, "%s/fonts", data);
    o.fonts_dir = fonts_dir;
    o.data_dir = data;

    a2p_env env = {0};
    int status = 0;
    a2p_err err = {0};
    if (o.format == FMT_PDF || o.format == FMT_LAYOUT) {
        if (!(env.fonts = fnt_env_new(fonts_dir, &err))) {
            fprintf(stderr, "article2pdf: %s: %s\n", err.where, err.msg);
            free(inputs);
            return 1;
        }
        env.hyph = hyph_env_new();
    }
    if (o.packet) {
        int failed = 0;
        if (!packet_convert(inputs, n_in, o.out, &o, &env, &failed, &err)) {
            fprintf(stderr, "article2pdf: %s: %s\n", err.where[0] ? err.where : o.out, err.msg);
            status = err.status ? err.status : 1;
        } else if (failed) {
            status = 1;
        }
    } else if (n_in > 1 || o.outdir) {
        status = batch_convert(inputs, n_in, &o, &env);
    } else {
        char out[PATH_MAX + 8];
        if (o.out)
            snprintf(out, sizeof out, "%s", o.out);
        else if (o.format != FMT_PDF)
            snprintf(out, sizeof out, "-");
        else
            default_out(inputs[0], out, sizeof out);
        env.last = true;
        if (!convert_one(inputs[0], out, &o, &env, &err)) {
            fprintf(stderr, "article2pdf: %s: %s\n", err.where[0] ? err.where : inputs[0],
                    err.msg[0] ? err.msg : "conversion failed");
            status = err.status ? err.status : 1;
        }
    }
    if (env.fonts)
        fnt_env_free(env.fonts);
    if (env.hyph)
        hyph_env_free(env.hyph);
    free(inputs);
    return status;
}
