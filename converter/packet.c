/* packet.c - briefing packets: cover, contents, articles (issue 9).
 *
 * Two passes: pass 1 reads and typesets each article, without running header and footer,
 * to learn its page count; then the cover and contents are laid out with every page number
 * known, and pass 2 stamps each article's header and footer with its page numbers and hands
 * it to the PDF writer before freeing it. The pages are kept from pass 1 to pass 2 while
 * they fit in KEEP_PAGES, and the article's model (a tenth of its pages' memory or less)
 * while all kept models stay under KEEP_BYTES; past those, pass 2 typesets the kept model
 * again, or reads the file again, and memory stays flat. The style sheet
 * is loaded once for the packet. In pass 1 a reader thread parses the next articles (at
 * most AHEAD ahead) while this one typesets: parsing touches libxml2, iconv and the
 * article's own arena only, typesetting fonts, patterns and images, and only the reader
 * parses while it runs. The cover and contents are simple
 * line layouts drawn here straight into the display list through font.h. */
#include "packet.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "buf.h"
#include "dlist.h"
#include "font.h"
#include "input.h"
#include "limits.h"
#include "u8.h"
#include "model.h"
#include "pdf_out.h"
#include "sheet.h"
#include "ts.h"

#define KEEP_BYTES (96u << 20) /* article models kept between the passes, at most */
#define KEEP_PAGES (128u << 20) /* and their pages: pass 2 then only stamps page numbers */
#define AHEAD 2                 /* articles the reader may have parsed before they are typeset */

/* One article of the packet. */
typedef struct pk_item {
    const char *path;    /* file to read, or NULL for feed content */
    const char *label;   /* for messages */
    const char *title;   /* manifest override, or NULL */
    const in_feed_item *feed;
    /* learnt in pass 1 */
    bool ok;
    int pages, start;    /* start: 1-based page number in the packet */
    const char *headline, *source, *date;
    /* the model kept for pass 2 (NULL: read again), in its own arena KEEP */
    ar_arena *keep;
    art_doc *doc;
    art_warning *warn_last; /* its last warning from reading; typesetting adds after it */
    /* its pages from pass 1, without header and footer, in their own arena LAY (NULL: pass 2
     * typesets again); kept only with the model */
    ar_arena *lay;
    dl_doc *dl;
} pk_item;

typedef struct pk {
    pk_item *items;
    size_t n, cap;
    ar_arena *ar; /* packet lifetime: items, feeds, cover and contents pages */
    const a2p_opts *opts;
    a2p_env *env;
    int failed;
    const sty_sheet *st; /* loaded once, in AR */
    size_t kept;         /* bytes of the models kept for pass 2 */
    size_t kept_pages;   /* bytes of the pages kept for pass 2 */
} pk;

static void add(pk *p, const pk_item *it)
{
    if (p->n == p->cap) {
        size_t nc = p->cap ? p->cap * 2 : 32;
        p->items = ar_grow(p->ar, p->items, p->n * sizeof *p->items, nc * sizeof *p->items);
        p->cap = nc;
    }
    p->items[p->n++] = *it;
}

static void fail_item(pk *p, const char *label, const a2p_err *e)
{
    fprintf(stderr, "article2pdf: %s: %s\n", e->where[0] ? e->where : label,
            e->msg[0] ? e->msg : "conversion failed");
    p->failed++;
}

/* ---- inputs: files, manifests, feeds ------------------------------------------------ */

static void add_path(pk *p, const char *path, const char *title);

static void add_feed(pk *p, const char *path, const buf *b)
{
    in_feed_item *items;
    size_t n;
    a2p_err e = {0};
    if (!in_feed_read(path, b->data, b->len, p->ar, &items, &n, &e)) {
        fail_item(p, path, &e);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        pk_item it = {.label = ar_printf(p->ar, "%s: item %zu", path, i + 1), .feed = &items[i]};
        if (items[i].local_path)
            it.path = items[i].local_path;
        add(p, &it);
    }
}

static void add_path(pk *p, const char *path, const char *title)
{
    if (strstr(path, "://")) {
        a2p_err e = {0};
        err_set(&e, 1, path, "URLs are not fetched (no network): save the page and give its file");
        fail_item(p, path, &e);
        return;
    }
    /* a feed expands into its items; anything else is one article, read in pass 1. The
     * root element is looked for in the first 64 KB (as in_is_feed does): only a feed is
     * read whole here. */
    buf b = {0};
    bool stdin_in = strcmp(path, "-") == 0; /* read whole: it cannot be read twice */
    if ((stdin_in || in_file_is_feed(path)) &&
        buf_read_file(&b, path, LIM_INPUT_BYTES) == 0 && in_is_feed(b.data, b.len)) {
        add_feed(p, path, &b);
    } else {
        pk_item it = {.path = ar_strdup(p->ar, path), .label = ar_strdup(p->ar, path),
                      .title = title};
        add(p, &it);
    }
    buf_free(&b);
}

/* Manifest: one path (relative to the manifest) a line, optionally "| title override";
 * '#' starts a comment. */
static bool add_manifest(pk *p, const char *path, a2p_err *err)
{
    buf b = {0};
    int rc = buf_read_file(&b, path, LIM_INPUT_BYTES);
    if (rc) {
        buf_free(&b);
        return err_set(err, 1, path, "cannot read manifest: %s", strerror(rc));
    }
    const char *slash = strrchr(path, '/');
    char *dir = slash ? ar_strndup(p->ar, path, (size_t)(slash - path)) : NULL;
    char *save = NULL;
    for (char *line = strtok_r(b.data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *hash = strchr(line, '#');
        if (hash && (hash == line || hash[-1] == ' ' || hash[-1] == '\t'))
            *hash = 0;
        char *title = strchr(line, '|');
        if (title)
            *title++ = 0;
        char *t = art_text_collapse(p->ar, line, strlen(line));
        if (!*t)
            continue;
        char *full = (dir && t[0] != '/' && !strstr(t, "://")) ? ar_printf(p->ar, "%s/%s", dir, t) : t;
        add_path(p, full, title ? art_text_collapse(p->ar, title, strlen(title)) : NULL);
    }
    buf_free(&b);
    return true;
}

/* ---- one article ------------------------------------------------------------------ */

static art_doc *load(pk *p, const pk_item *it, ar_arena *ar, a2p_err *err)
{
    art_doc *doc = NULL;
    if (it->path) {
        doc = convert_load(it->path, p->opts, ar, err);
    } else {
        doc = in_html_read(it->label, it->feed->content, it->feed->content_len, p->opts, ar, err);
        if (doc)
            doc->source = it->feed->link ? ar_strdup(ar, it->feed->link) : "";
    }
    if (!doc)
        return NULL;
    if (it->feed) {
        if (!doc->headline[0] && it->feed->title)
            doc->headline = ar_strdup(ar, it->feed->title);
        if (!doc->published[0] && it->feed->date)
            doc->published = ar_strdup(ar, it->feed->date);
        if (doc->n_authors == 0 && it->feed->author)
            art_doc_add_author(doc, it->feed->author);
    }
    if (it->title)
        doc->headline = ar_strdup(ar, it->title);
    return doc;
}

/* ---- pass 1's reader thread ------------------------------------------------------- */

/* One parsed article, handed from the reader to the typesetter. */
typedef struct pk_loaded {
    ar_arena *ar;
    art_doc *doc; /* NULL with E set when it failed */
    a2p_err e;
    bool ready;
} pk_loaded;

typedef struct pk_reader {
    pk *p;
    pk_loaded *slots; /* one per item; slot i is the reader's until READY, then the taker's */
    size_t taken;     /* items taken by the typesetter */
    bool threaded, stop;
    pthread_t thr;
    pthread_mutex_t mu;
    pthread_cond_t cv;
} pk_reader;

static void *reader_main(void *arg)
{
    pk_reader *r = arg;
    for (size_t i = 0; i < r->p->n; i++) {
        pthread_mutex_lock(&r->mu);
        while (!r->stop && i >= r->taken + AHEAD)
            pthread_cond_wait(&r->cv, &r->mu);
        bool stop = r->stop;
        pthread_mutex_unlock(&r->mu);
        if (stop)
            break;
        ar_arena *ar = ar_new();
        a2p_err e = {0};
        art_doc *doc = load(r->p, &r->p->items[i], ar, &e);
        pthread_mutex_lock(&r->mu);
        r->slots[i] = (pk_loaded){.ar = ar, .doc = doc, .e = e, .ready = true};
        pthread_cond_broadcast(&r->cv);
        pthread_mutex_unlock(&r->mu);
    }
    return NULL;
}

/* Start reading P's items on a thread (or, when none starts, on demand in reader_take). */
static void reader_start(pk_reader *r, pk *p)
{
    *r = (pk_reader){.p = p, .slots = ar_alloc(p->ar, (p->n ? p->n : 1) * sizeof *r->slots)};
    if (p->n < 2)
        return;
    pthread_mutex_init(&r->mu, NULL);
    pthread_cond_init(&r->cv, NULL);
    r->threaded = pthread_create(&r->thr, NULL, reader_main, r) == 0;
    if (!r->threaded) {
        pthread_mutex_destroy(&r->mu);
        pthread_cond_destroy(&r->cv);
    }
}

/* Item I's model (items are taken in order); its arena is the caller's from now on. */
static pk_loaded reader_take(pk_reader *r, size_t i)
{
    if (!r->threaded) {
        pk_loaded got = {.ar = ar_new()};
        got.doc = load(r->p, &r->p->items[i], got.ar, &got.e);
        return got;
    }
    pthread_mutex_lock(&r->mu);
    while (!r->slots[i].ready)
        pthread_cond_wait(&r->cv, &r->mu);
    pk_loaded got = r->slots[i];
    r->slots[i] = (pk_loaded){0};
    r->taken = i + 1;
    pthread_cond_broadcast(&r->cv);
    pthread_mutex_unlock(&r->mu);
    return got;
}

/* Stop the reader and free what it parsed that was not taken. */
static void reader_stop(pk_reader *r)
{
    if (!r->threaded)
        return;
    pthread_mutex_lock(&r->mu);
    r->stop = true;
    pthread_cond_broadcast(&r->cv);
    pthread_mutex_unlock(&r->mu);
    pthread_join(r->thr, NULL);
    for (size_t i = 0; i < r->p->n; i++)
        if (r->slots[i].ready)
            ar_free(r->slots[i].ar);
    pthread_mutex_destroy(&r->mu);
    pthread_cond_destroy(&r->cv);
    r->threaded = false;
}

/* ---- cover and contents: simple lines straight into the display list ------------------ */

typedef struct lay {
    pk *p;
    dl_doc *dl;
    const sty_sheet *st;
    int serif, serif_bold, sans, sans_bold;
    ar_arena *scratch; /* glyphs of measured strings, reset after each measure */
} lay;

/* Shape S and add it at (X, Y baseline), splitting it where a fallback font is needed.
 * Returns the advance. */
static double put(lay *L, dl_page *pg, int font, double size, uint32_t rgb, double x,
                  double y, const char *s, size_t len)
{
    fnt_env *fe = L->p->env->fonts;
    double x0 = x;
    size_t i = 0;
    while (i < len) {
        /* run of characters that one font covers */
        size_t j = i;
        int f = -1;
        while (j < len) {
            uint32_t cp;
            size_t k = u8_decode(s + j, len - j, &cp);
            int g = (cp == ' ' || fnt_covers(fe, font, cp)) ? font : fnt_fallback(fe, font, cp);
            if (g < 0)
                g = font;
            if (f >= 0 && g != f)
                break;
            f = g;
            j += k;
        }
        dl_glyph *gl;
        double w;
        const char *text = ar_strndup(L->dl->ar, s + i, j - i);
        size_t n = fnt_shape(fe, f, size, text, j - i, NULL, false, L->dl->ar, &gl, &w);
        dl_item *it = dl_item_add(L->dl, pg, DL_TEXT);
        it->x = x;
        it->y = y;
        it->w = w;
        it->h = size;
        it->u.text.font = f;
        it->u.text.size = size;
        it->u.text.rgb = rgb;
        it->u.text.text = text;
        it->u.text.len = j - i;
        it->u.text.glyphs = gl;
        it->u.text.n = n;
        x += w;
        i = j;
    }
    return x - x0;
}

static double width(lay *L, int font, double size, const char *s, size_t len)
{
    dl_glyph *gl;
    double w = 0;
    fnt_shape(L->p->env->fonts, font, size, s, len, NULL, false, L->scratch, &gl, &w);
    ar_reset(L->scratch);
    return w;
}

/* Greedy wrap of S into at most MAXLINES lines of width W, the last one cut with an
 * ellipsis; returns the y of the line after the last one. */
static double wrap(lay *L, dl_page *pg, int font, double size, double lead, uint32_t rgb,
                   double x, double y, double w, const char *s, int maxlines)
{
    size_t len = strlen(s), start = 0;
    for (int line = 0; line < maxlines && start < len; line++) {
        size_t end = start, best = 0;
        if (width(L, font, size, s + start, len - start) <= w)
            end = len + 1, best = len; /* the rest fits: then so does each of its prefixes */
        while (end <= len) {
            size_t next = end;
            while (next < len && s[next] != ' ')
                next++;
            if (width(L, font, size, s + start, next - start) > w && best > 0)
                break;
            best = next;
            if (next >= len)
                break;
            end = next + 1;
        }
        if (best == 0)
            best = len;
        if (line == maxlines - 1 && best < len) {
            char *cut = ar_printf(L->dl->ar, "%.*s…", (int)(best - start), s + start);
            put(L, pg, font, size, rgb, x, y, cut, strlen(cut));
        } else {
            put(L, pg, font, size, rgb, x, y, s + start, best - start);
        }
        y += lead;
        start = best;
        while (start < len && s[start] == ' ')
            start++;
    }
    return y;
}

static void rule(lay *L, dl_page *pg, double x, double y, double w, double width_pt)
{
    dl_item *r = dl_item_add(L->dl, pg, DL_RULE);
    r->x = x;
    r->y = y;
    r->w = w;
    r->u.rule.width = width_pt;
    r->u.rule.rgb = 0x222222;
}

static const char *human_date(const char *iso, ar_arena *ar)
{
    static const char *months[] = {"January", "February", "March",     "April",
                                   "May",     "June",     "July",      "August",
                                   "September", "October", "November", "December"};
    int y, m, d;
    if (iso && sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) == 3 && m >= 1 && m <= 12)
        return ar_printf(ar, "%d %s %d", d, months[m - 1], y);
    return iso ? iso : "";
}

#define TOC_ENTRY 30.0 /* points per contents entry: title line + source line + gap */

static int toc_per_page(const sty_sheet *st)
{
    double avail = st->page_h - st->margin_top - st->margin_bottom - 60;
    int n = (int)(avail / TOC_ENTRY);
    return n < 1 ? 1 : n;
}

static void folio(lay *L, dl_page *pg, int number, int total)
{
    const sty_sheet *st = L->st;
    char s[64];
    snprintf(s, sizeof s, "%d / %d", number, total);
    double w = width(L, L->sans, 7.5, s, strlen(s));
    put(L, pg, L->sans, 7.5, 0x555555, (st->page_w - w) / 2, st->page_h - st->margin_bottom / 2, s,
        strlen(s));
}

/* Cover (page 1) and contents (pages 2..) for the items that converted. */
static dl_doc *front_matter(lay *L, int toc_pages, int total)
{
    pk *p = L->p;
    const sty_sheet *st = L->st;
    const a2p_opts *o = p->opts;
    double x = st->margin_left, w = st->page_w - st->margin_left - st->margin_right;
    char today[32];
    convert_date(o, today, sizeof today);

    dl_page *cover = dl_page_add(L->dl, st->page_w, st->page_h);
    double y = st->page_h * 0.22;
    const char *title = o->title && *o->title ? o->title : "Briefing packet";
    if (o->subtitle && *o->subtitle) {
        put(L, cover, L->sans_bold, 10, 0x9b1c1c, x, y, o->subtitle, strlen(o->subtitle));
        y += 22;
    }
    y = wrap(L, cover, L->serif_bold, 30, 34, 0x111111, x, y + 10, w, title, 3);
    const char *d = human_date(today, p->ar);
    put(L, cover, L->sans, 10, 0x444444, x, y + 4, d, strlen(d));
    y += 18;
    rule(L, cover, x, y, w, 1.2);
    y += 26;
    dl_item *m = dl_item_add(L->dl, cover, DL_MARK);
    m->x = x;
    m->y = st->margin_top;
    m->u.mark.level = 0;
    m->u.mark.title = title;

    /* the list of articles on the cover, as many as fit */
    int shown = 0, ok = 0;
    for (size_t i = 0; i < p->n; i++)
        ok += p->items[i].ok;
    for (size_t i = 0; i < p->n; i++) {
        pk_item *it = &p->items[i];
        if (!it->ok)
            continue;
        if (y > st->page_h - st->margin_bottom - 40) {
            char *more = ar_printf(p->ar, "… and %d more: see the contents.", ok - shown);
            put(L, cover, L->sans, 9, 0x444444, x, y, more, strlen(more));
            break;
        }
        y = wrap(L, cover, L->serif_bold, 11, 13.5, 0x111111, x, y, w, it->headline, 1);
        char *src = ar_printf(p->ar, "%s%s%s", it->source, it->date[0] ? " · " : "",
                              human_date(it->date, p->ar));
        y = wrap(L, cover, L->sans, 8, 10, 0x555555, x, y - 2, w, src, 1) + 6;
        shown++;
    }

    /* contents */
    int per = toc_per_page(st), k = 0;
    dl_page *pg = NULL;
    for (size_t i = 0; i < p->n; i++) {
        pk_item *it = &p->items[i];
        if (!it->ok)
            continue;
        if (k % per == 0) {
            pg = dl_page_add(L->dl, st->page_w, st->page_h);
            y = st->margin_top + 20;
            if (k == 0) {
                put(L, pg, L->serif_bold, 18, 0x111111, x, y, "Contents", 8);
                dl_item *mk = dl_item_add(L->dl, pg, DL_MARK);
                mk->x = x;
                mk->y = st->margin_top;
                mk->u.mark.level = 0;
                mk->u.mark.title = "Contents";
            }
            y += 34;
            folio(L, pg, 2 + k / per, total);
        }
        char num[16];
        snprintf(num, sizeof num, "%d", it->start);
        double nw = width(L, L->serif, 10.5, num, strlen(num));
        double top = y - 10.5;
        wrap(L, pg, L->serif, 10.5, 13, 0x111111, x, y, w - nw - 24, it->headline, 1);
        put(L, pg, L->serif, 10.5, 0x111111, x + w - nw, y, num, strlen(num));
        char *src = ar_printf(p->ar, "%s%s%s", it->source, it->date[0] ? " · " : "",
                              human_date(it->date, p->ar));
        wrap(L, pg, L->sans, 7.5, 9, 0x666666, x, y + 11, w - nw - 24, src, 1);
        dl_item *ln = dl_item_add(L->dl, pg, DL_LINK);
        ln->x = x;
        ln->y = top;
        ln->w = w;
        ln->h = 24;
        ln->u.link.uri = NULL;
        ln->u.link.page = it->start - 1; /* counted from the cover, this dl_doc's first page */
        ln->u.link.dest_y = 0;
        y += TOC_ENTRY;
        k++;
    }
    (void)toc_pages;
    return L->dl;
}

/* ---- the packet ------------------------------------------------------------------- */

bool packet_convert(const char *const *inputs, int n, const char *out, const a2p_opts *opts,
                    a2p_env *env, int *failed, a2p_err *err)
{
    pk p = {.ar = ar_new(), .opts = opts, .env = env};
    bool ok = false;
    pdf_writer *w = NULL;
    *failed = 0;

    if (opts->manifest && !add_manifest(&p, opts->manifest, err))
        goto done;
    for (int i = 0; i < n; i++)
        add_path(&p, inputs[i], NULL);

    /* pass 1: page count of every article */
    ts_env probe = {.no_header_footer = true}; /* the numbers are stamped in pass 2 */
    size_t n_ok = 0;
    pk_reader rd;
    reader_start(&rd, &p);
    for (size_t i = 0; i < p.n; i++) {
        pk_item *it = &p.items[i];
        pk_loaded got = reader_take(&rd, i);
        ar_arena *ar = got.ar, *lay_ar = ar_new(); /* the model; its pages */
        a2p_err e = got.e;
        art_doc *doc = got.doc;
        if (doc && !p.st)
            p.st = sty_load(opts, p.ar, &e);
        art_warning *warn_last = NULL;
        for (art_warning *wn = doc ? doc->warnings : NULL; wn; wn = wn->next)
            warn_last = wn;
        dl_doc *dl = doc && p.st ? convert_layout_sheet(doc, p.st, it->path ? it->path : ".",
                                                        opts, env, &probe, lay_ar, &e)
                                 : NULL;
        int npages = dl ? (int)dl->n : 0;
        if (npages > 0) {
            it->ok = true;
            it->pages = npages;
            it->headline = ar_strdup(p.ar, doc->headline[0] ? doc->headline : it->label);
            it->source = ar_strdup(p.ar, doc->site[0] ? doc->site : doc->source);
            it->date = ar_strdup(p.ar, doc->published[0] ? doc->published : "");
            if (strlen(it->date) > 10)
                ((char *)it->date)[10] = 0;
            n_ok++;
            if (p.kept + ar_used(ar) <= KEEP_BYTES) {
                p.kept += ar_used(ar);
                it->keep = ar;
                it->doc = doc;
                it->warn_last = warn_last;
                ar = NULL;
                if (p.kept_pages + ar_used(lay_ar) <= KEEP_PAGES) {
                    p.kept_pages += ar_used(lay_ar);
                    it->lay = lay_ar;
                    it->dl = dl;
                    lay_ar = NULL;
                }
            }
        } else {
            if (e.status == 2) { /* a style error is the user's, not the input's */
                *err = e;
                ar_free(ar);
                reader_stop(&rd);
                goto done;
            }
            fail_item(&p, it->label, &e);
        }
        if (ar)
            ar_free(ar);
        if (lay_ar)
            ar_free(lay_ar); /* the pages: only their count was wanted */
    }
    reader_stop(&rd);
    *failed = p.failed;
    if (opts->strict && p.failed) {
        err_set(err, 1, out, "%d input(s) failed; --strict: nothing written", p.failed);
        goto done;
    }
    if (n_ok == 0) {
        err_set(err, 1, out, "no input could be converted; nothing written");
        goto done;
    }

    /* page numbers: cover, contents, then each article (on an odd page with --duplex) */
    ar_arena *front_ar = ar_new();
    const sty_sheet *st = p.st;
    int per = toc_per_page(st);
    int toc_pages = (int)((n_ok + (size_t)per - 1) / (size_t)per);
    int next = 2 + toc_pages;
    bool pad_front = false;
    for (size_t i = 0; i < p.n; i++) {
        pk_item *it = &p.items[i];
        if (!it->ok)
            continue;
        if (opts->duplex && next % 2 == 0) {
            if (next == 2 + toc_pages)
                pad_front = true;
            next++;
        }
        it->start = next;
        next += it->pages;
    }
    int total = next - 1;

    lay L = {.p = &p, .dl = dl_doc_new(front_ar), .st = st, .scratch = ar_new()};
    L.serif = fnt_find(env->fonts, "serif", false, false);
    L.serif_bold = fnt_find(env->fonts, "serif", true, false);
    L.sans = fnt_find(env->fonts, "sans", false, false);
    L.sans_bold = fnt_find(env->fonts, "sans", true, false);
    dl_doc *front = front_matter(&L, toc_pages, total);
    ar_free(L.scratch);
    if (pad_front)
        dl_page_add(front, st->page_w, st->page_h);

    art_doc *pdoc = art_doc_new(front_ar);
    pdoc->headline = opts->title && *opts->title ? opts->title : "Briefing packet";
    pdoc->deck = opts->subtitle ? opts->subtitle : "";
    w = pdf_begin(env->fonts, opts, err);
    if (!w || !pdf_add(w, pdoc, front, err)) {
        ar_free(front_ar);
        goto done;
    }
    ar_free(front_ar);

    /* pass 2: each article with its place in the packet, then freed */
    for (size_t i = 0; i < p.n; i++) {
        pk_item *it = &p.items[i];
        if (!it->ok)
            continue;
        ar_arena *ar = ar_new();
        ts_env place = {.header_title = opts->title && *opts->title ? opts->title : "",
                        .page_offset = it->start - 1,
                        .total_pages = total};
        art_doc *doc = it->doc;
        dl_doc *dl = NULL;
        if (it->dl) { /* pages kept from pass 1: number them; its warnings stand */
            dl = it->dl;
            convert_stamp(doc, st, opts, env, &place, dl, it->lay);
        } else if (doc) { /* model kept from pass 1: forget what its typesetting warned */
            if (it->warn_last)
                it->warn_last->next = NULL;
            else
                doc->warnings = NULL;
        } else {
            doc = load(&p, it, ar, err);
        }
        if (!dl && doc)
            dl = convert_layout_sheet(doc, st, it->path ? it->path : ".", opts, env, &place, ar,
                                      err);
        if (dl && (int)dl->n != it->pages) /* typesetting is deterministic */
            err_set(err, 1, it->label, "page count changed between passes (%zu vs %d)", dl->n,
                    it->pages);
        bool good = dl && !err_is_set(err);
        if (good) {
            /* with --duplex, a blank page so that the next article starts on the right */
            size_t k = i + 1;
            while (k < p.n && !p.items[k].ok)
                k++;
            if (k < p.n && p.items[k].start != it->start + it->pages)
                dl_page_add(dl, dl->pages[0].w, dl->pages[0].h);
            good = pdf_add(w, doc, dl, err);
        }
        if (doc)
            convert_warnings(it->label, doc, opts);
        ar_free(ar);
        if (it->lay) {
            ar_free(it->lay);
            it->lay = NULL;
            it->dl = NULL;
        }
        if (it->keep) {
            ar_free(it->keep);
            it->keep = NULL;
            it->doc = NULL;
        }
        if (!good)
            goto done;
    }
    ok = pdf_end(w, out, err);
    w = NULL;
done:
    if (w)
        pdf_abort(w);
    for (size_t i = 0; i < p.n; i++) {
        if (p.items[i].lay)
            ar_free(p.items[i].lay);
        if (p.items[i].keep)
            ar_free(p.items[i].keep);
    }
    ar_free(p.ar);
    return ok;
}
