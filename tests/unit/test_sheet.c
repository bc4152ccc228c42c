/* test_sheet.c - style sheets: the parser (malformed sheets with their exact file:line),
 * inheritance from body, lengths in every unit, command-line overrides, the shipped
 * styles, newspaper.css == sty_default(), and a decimal-comma locale. */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "harness.h"
#include "sheet.h"

static char tmpdir[] = "/tmp/a2p-sheet-XXXXXX";

/* a sheet file with TEXT, named NAME.css in the temporary folder */
static const char *sheet_file(const char *name, const char *text)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s.css", tmpdir, name);
    FILE *f = fopen(path, "w");
    if (!f)
        return path;
    fputs(text, f);
    fclose(f);
    return path;
}

/* load TEXT as a sheet with OPTS (may be NULL); NULL with ERR on error */
static sty_sheet *load_opts(const char *text, const a2p_opts *opts, ar_arena *ar, a2p_err *err)
{
    a2p_opts o = opts ? *opts : (a2p_opts){0};
    o.style = sheet_file("t", text);
    err_clear(err);
    return sty_load(&o, ar, err);
}

static sty_sheet *load(const char *text, ar_arena *ar, a2p_err *err)
{
    return load_opts(text, NULL, ar, err);
}

static bool near(double a, double b)
{
    return fabs(a - b) < 0.01;
}

/* a sheet that must fail: the error must be status 2 at t.css:LINE with a message containing
 * WANT */
static void bad(const char *text, int line, const char *want, const char *name, ar_arena *ar)
{
    a2p_err err;
    char where[300], label[200];
    sty_sheet *st = load(text, ar, &err);
    snprintf(where, sizeof where, "%s/t.css:%d", tmpdir, line);
    snprintf(label, sizeof label, "sheet: %s fails", name);
    CHECK(!st && err.status == 2, label);
    snprintf(label, sizeof label, "sheet: %s at line %d", name, line);
    CHECK_STR(err.where, where, label);
    snprintf(label, sizeof label, "sheet: %s message", name);
    if (strstr(err.msg, want))
        CHECK(true, label);
    else
        CHECK_STR(err.msg, want, label);
}

static void malformed(ar_arena *ar)
{
    bad("p { color: red;\n  text-indent: 1em;\n", 1, "unterminated block", "unterminated block",
        ar);
    bad("/* ok */\np {\n  color red;\n}\n", 3, "expected ':' after 'color'", "missing colon", ar);
    bad("p {\n  colr: red;\n}\n", 2, "unknown property 'colr'", "unknown property", ar);
    bad("h2 {\n\n  font-size: 9.5pq;\n}\n", 3, "bad font-size '9.5pq'", "bad length unit", ar);
    bad("p { margin-top: 3furlongs }", 1, "bad length '3furlongs'", "bad margin unit", ar);
    bad("p {\n  color: #12345;\n}\n", 2, "bad color '#12345'", "bad color (5 digits)", ar);
    bad("p { color: #ggg }", 1, "bad color", "bad color (not hex)", ar);
    bad("p { color: chartreuse-ish }", 1, "bad color", "bad color (unknown name)", ar);
    bad("div { color: red }", 1, "unknown selector 'div'", "unknown selector", ar);
    bad("p.lead { color: red }", 1, "unsupported selector", "class selector", ar);
    bad("p, \n  h5 { color: red }", 2, "unknown selector 'h5'", "unknown selector in a list", ar);
    bad("@media print { p { color: red } }", 1, "unknown at-rule '@media'", "unknown at-rule", ar);
    bad("/* never closed\np { }", 1, "unterminated comment", "unterminated comment", ar);
    bad("p { font-family: \"Charter\n}", 1, "unterminated string", "unterminated string", ar);
    bad("p { color: red }\n}", 2, "expected a selector", "stray brace", ar);
    bad("p { color: red\nh2 { color: blue }", 2, "unexpected '{'", "missing close brace", ar);
    bad("p { color: red !important }", 1, "!important", "important", ar);
    bad("p { columns: 2 }", 1, "'columns' does not apply to 'p'", "columns on p", ar);
    bad("body { columns: 4 }", 1, "bad columns", "four columns", ar);
    bad("h2 { drop-cap: 3 }", 1, "'drop-cap' does not apply to 'h2'", "drop-cap on h2", ar);
    bad("p { content: page }", 1, "does not apply", "content on p", ar);
    bad("footer { content: page folio }", 1, "bad content", "bad content", ar);
    bad("@page { size: A7 }", 1, "bad page size 'A7'", "bad page size", ar);
    bad("@page {\n margin: 1cm 2em }", 2, "not allowed in @page", "em page margin", ar);
    bad("@page { margin: 1 2 3 4 5 }", 1, "bad margin", "five margins", ar);
    bad("p { font-weight: 450 }", 1, "bad font-weight", "bad font-weight", ar);
    bad("p { text-align: middle }", 1, "bad text-align", "bad text-align", ar);
    bad("p { hyphens: sometimes }", 1, "bad hyphens", "bad hyphens", ar);
    bad("p { font-size: -3pt }", 1, "bad font-size", "negative font-size", ar);
    bad("p { font-size: }", 1, "no value for 'font-size'", "empty value", ar);
    bad("p { line-height: 1.2.3 }", 1, "bad line-height", "bad number", ar);
    bad("p { text-transform: capitalize }", 1, "bad text-transform", "capitalize", ar);
    bad("p { color: red; }\n\n\np { : x }", 4, "expected a property name, not ':'",
        "no property name", ar);

    /* a NUL byte in the middle of a sheet */
    a2p_err err;
    char path[256];
    snprintf(path, sizeof path, "%s/nul.css", tmpdir);
    FILE *f = fopen(path, "wb");
    if (f) {
        fwrite("p {\0color: red }", 1, 17, f);
        fclose(f);
    }
    a2p_opts o = {.style = path};
    err_clear(&err);
    CHECK(!sty_load(&o, ar, &err) && err.status == 2 && strstr(err.msg, "NUL"),
          "sheet: NUL byte refused");

    /* a sheet past the size limit, and a folder */
    f = fopen(path, "wb");
    if (f) {
        for (int i = 0; i < 20000; i++)
            fputs("p { color: red }\n", f);
        fclose(f);
    }
    err_clear(&err);
    CHECK(!sty_load(&o, ar, &err) && err.status == 2 && strstr(err.msg, "larger than"),
          "sheet: oversized sheet refused");
    o.style = "/tmp/";
    err_clear(&err);
    CHECK(!sty_load(&o, ar, &err) && err.status == 2 && !strcmp(err.where, "/tmp/"),
          "sheet: a folder is no sheet");

    /* an empty sheet is the built-in one: valid */
    CHECK(load("", ar, &err) != NULL, "sheet: empty sheet is valid");
    CHECK(load("/* only a comment */", ar, &err) != NULL, "sheet: comment-only sheet is valid");
}

static void inheritance(ar_arena *ar)
{
    a2p_err err;
    sty_sheet *st = load("body { font-family: 'DejaVu Sans', sans-serif; font-size: 11pt;\n"
                         "  line-height: 1.5; color: #123456; text-align: right; hyphens: auto }\n"
                         "h2 { font-size: 2em; }\n"
                         "li { color: navy; line-height: 20pt }\n"
                         "pre { font-family: monospace }\n",
                         ar, &err);
    CHECK(st != NULL, "inherit: sheet loads");
    if (!st) {
        printf("  (%s: %s)\n", err.where, err.msg);
        return;
    }
    sty_block *p = &st->role[STY_BODY], *h2 = &st->role[STY_H2], *li = &st->role[STY_LI];
    sty_block *q = &st->role[STY_QUOTE], *td = &st->role[STY_TABLE], *pre = &st->role[STY_PRE];
    CHECK_STR(p->family, "DejaVu Sans", "inherit: p family from body (first entry)");
    CHECK_STR(p->families, "DejaVu Sans,sans", "inherit: families list, generic mapped");
    CHECK(near(p->size, 11) && near(q->size, 11), "inherit: p and blockquote size from body");
    CHECK(near(p->leading, 16.5), "inherit: line-height factor times p size");
    CHECK(near(h2->size, 22), "inherit: h2 2em of body");
    CHECK(near(h2->leading, 33), "inherit: factor applies to h2's own size");
    CHECK(p->color == 0x123456 && h2->color == 0x123456, "inherit: color from body");
    CHECK(li->color == 0x000080 && near(li->leading, 20), "inherit: li keeps its own");
    CHECK(p->align == STY_RIGHT && q->align == STY_RIGHT, "inherit: text-align from body");
    CHECK(td->align == STY_LEFT && !td->hyphenate, "inherit: built-in td left, unhyphenated");
    CHECK(p->hyphenate && li->hyphenate, "inherit: hyphens from body");
    CHECK_STR(pre->family, "mono", "inherit: pre monospace -> mono");
    CHECK(h2->bold && !p->bold, "inherit: built-in bold h2 only");

    /* an em line-height inherits as a length, not a factor */
    st = load("body { font-size: 10pt; line-height: 1.4em } h2 { font-size: 20pt }", ar, &err);
    CHECK(st && near(st->role[STY_H2].leading, 14), "inherit: em line-height as a length");
    /* no generic in the list: serif is appended */
    st = load("p { font-family: Charter, \"Bitstream Charter\" }", ar, &err);
    CHECK(st && !strcmp(st->role[STY_BODY].families, "Charter,Bitstream Charter,serif") &&
              !strcmp(st->role[STY_BODY].family, "Charter"),
          "family: serif appended to a list without a generic");
}

static void lengths(ar_arena *ar)
{
    static const struct {
        const char *v;
        double pt;
    } cases[] = {{"12pt", 12},   {"1pc", 12},    {"1in", 72},     {"2.54cm", 72},
                 {"25.4mm", 72}, {"96px", 72},   {"0.5em", 4.75}, {"150%", 14.25},
                 {"0", 0},       {"-1em", -9.5}, {".5in", 36},    {"+3PT", 3}};
    char text[200], name[100];
    a2p_err err;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(text, sizeof text, "p { font-size: 9.5pt; text-indent: %s }", cases[i].v);
        sty_sheet *st = load(text, ar, &err);
        snprintf(name, sizeof name, "length: %s = %g pt", cases[i].v, cases[i].pt);
        CHECK(st && near(st->role[STY_BODY].indent, cases[i].pt), name);
    }
    sty_sheet *st = load("@page { size: 100mm 150mm; margin: 1in 10mm }", ar, &err);
    CHECK(st && near(st->page_w, 283.46) && near(st->page_h, 425.20), "page: size in mm");
    CHECK(st && near(st->margin_top, 72) && near(st->margin_bottom, 72) &&
              near(st->margin_left, 28.35) && near(st->margin_right, 28.35),
          "page: two margins");
    st = load("@page { size: A4 landscape; margin: 1cm 2cm 3cm 4cm; margin-left: 5mm }", ar, &err);
    CHECK(st && near(st->page_w, 841.89) && near(st->page_h, 595.276), "page: A4 landscape");
    CHECK(st && near(st->margin_top, 28.35) && near(st->margin_right, 56.69) &&
              near(st->margin_bottom, 85.04) && near(st->margin_left, 14.17),
          "page: four margins, then one side");
    CHECK(st && st->columns == 1, "page: built-in one column");
    st = load("@page { size: Letter } body { columns: auto }", ar, &err);
    CHECK(st && near(st->page_w, 612) && st->columns == 2, "columns: auto on Letter is 2");
    st = load("@page { size: A4 landscape } body { columns: auto }", ar, &err);
    CHECK(st && st->columns == 3, "columns: auto on A4 landscape is 3");
    st = load("@page { size: A5 } body { column-count: auto; column-gap: 1em }", ar, &err);
    CHECK(st && st->columns == 1 && near(st->gutter, 10), "columns: auto on A5 is 1; gap in em");
    st = load("body { drop-cap: 3 } footer { content: \"page\" \"source\" \"date\" }"
              " header { content: none } figure { column-span: none; image-resolution: 150dpi }",
              ar, &err);
    CHECK(st && st->drop_cap && st->drop_cap_lines == 3, "drop-cap: 3 lines");
    CHECK(st && !st->header && st->footer && st->page_numbers && st->provenance &&
              st->footer_items == (STY_HF_PAGE | STY_HF_SOURCE | STY_HF_DATE),
          "header none; footer page source date");
    CHECK(st && !st->lead_span && near(st->max_image_dpi, 150), "figure: span none, 150dpi");
    st = load("p { font-weight: 600; font-variant: small-caps; text-transform: uppercase;"
              " letter-spacing: 0.1em; font-size: 10pt; padding-top: 2pt; margin-top: 3pt }",
              ar, &err);
    CHECK(st && st->role[STY_BODY].bold && st->role[STY_BODY].small_caps &&
              st->role[STY_BODY].uppercase && near(st->role[STY_BODY].letter_spacing, 1) &&
              near(st->role[STY_BODY].space_before, 5),
          "weight 600 bold; small caps; uppercase; letter-spacing em; padding adds");
}

static void overrides(ar_arena *ar)
{
    a2p_err err;
    const char *sheet = "@page { size: A4; margin: 20mm } body { font-size: 10pt;"
                        " line-height: 1.2; columns: 2 } headline { font-size: 20pt }";
    a2p_opts o = {.paper = "Letter", .columns = 1, .font_size = 12, .margin = "0.5in"};
    sty_sheet *st = load_opts(sheet, &o, ar, &err);
    CHECK(st && near(st->page_w, 612) && near(st->page_h, 792), "override: --paper beats @page");
    CHECK(st && st->columns == 1, "override: --columns beats body columns");
    CHECK(st && near(st->role[STY_BODY].size, 12) && near(st->role[STY_BODY].leading, 14.4),
          "override: --font-size, leading scales");
    CHECK(st && near(st->role[STY_HEADLINE].size, 24), "override: headline scales with body");
    CHECK(st && near(st->margin_left, 36) && near(st->margin_top, 36),
          "override: --margin beats @page");
    o = (a2p_opts){.paper = "210mmx297mm"};
    st = load_opts(sheet, &o, ar, &err);
    CHECK(st && near(st->page_w, 595.28) && near(st->page_h, 841.89), "override: WxH paper");
    o = (a2p_opts){.paper = "A4 landscape"};
    st = load_opts("body { columns: auto }", &o, ar, &err);
    CHECK(st && st->columns == 3, "override: auto columns follow --paper");
    o = (a2p_opts){.paper = "B9"};
    CHECK(!load_opts(sheet, &o, ar, &err) && err.status == 2 && !strcmp(err.where, "--paper"),
          "override: bad --paper is status 2");
    o = (a2p_opts){.margin = "3em"};
    CHECK(!load_opts(sheet, &o, ar, &err) && err.status == 2 && !strcmp(err.where, "--margin"),
          "override: em --margin refused");
    o = (a2p_opts){.margin = "11cm"};
    CHECK(!load_opts(sheet, &o, ar, &err) && err.status == 2 && strstr(err.msg, "margins leave") &&
              !strcmp(err.where, "--margin"),
          "override: margins larger than the page refused, naming --margin");
    CHECK(!load("@page { size: A5; margin: 8cm }", ar, &err) && err.status == 2 &&
              strstr(err.msg, "margins leave") && strstr(err.where, "/t.css"),
          "sheet: margins larger than the page refused, naming the sheet");
    /* a sheet whose own margins are too wide is an error even when --margin would fix it */
    o = (a2p_opts){.margin = "1cm"};
    CHECK(!load_opts("@page { size: A5; margin: 8cm }", &o, ar, &err) && err.status == 2,
          "sheet: a bad sheet stays bad under --margin");
    o = (a2p_opts){.columns = 3, .paper = "A5"};
    CHECK(!load_opts("@page { margin: 50mm }", &o, ar, &err) && err.status == 2 &&
              strstr(err.msg, "columns do not fit") && !strcmp(err.where, "--paper --columns"),
          "override: three columns on A5 with wide margins refused");

    /* style names */
    o = (a2p_opts){.style = "no-such-style", .data_dir = "."};
    err_clear(&err);
    CHECK(!sty_load(&o, ar, &err) && err.status == 2 && strstr(err.msg, "'no-such-style'"),
          "style: unknown name is status 2, named");
    o = (a2p_opts){.style = "/nonexistent/x.css"};
    err_clear(&err);
    CHECK(!sty_load(&o, ar, &err) && err.status == 2 && !strcmp(err.where, "/nonexistent/x.css"),
          "style: missing file is status 2");
}

/* the shipped styles load from the source tree (tests run from the repository root) */
static void shipped(ar_arena *ar)
{
    const char *names[] = {"newspaper", "briefing", "archive", "large-print"};
    a2p_err err;
    sty_sheet *st[4];
    char label[100];
    for (int i = 0; i < 4; i++) {
        a2p_opts o = {.style = names[i], .data_dir = "."};
        err_clear(&err);
        st[i] = sty_load(&o, ar, &err);
        snprintf(label, sizeof label, "shipped: %s loads", names[i]);
        CHECK(st[i] != NULL, label);
        if (!st[i]) {
            printf("  (%s: %s)\n", err.where, err.msg);
            return;
        }
        CHECK_STR(st[i]->name, names[i], "shipped: name");
    }
    a2p_opts o = {.data_dir = "."};
    err_clear(&err);
    CHECK(sty_load(&o, ar, &err) && !strcmp(sty_load(&o, ar, &err)->name, "newspaper"),
          "shipped: no --style is newspaper");

    /* newspaper.css says what sty_default() says, field by field */
    sty_sheet *d = sty_default(ar), *n = st[0];
    CHECK(near(n->page_w, d->page_w) && near(n->page_h, d->page_h), "newspaper = default: page");
    CHECK(near(n->margin_top, d->margin_top) && near(n->margin_bottom, d->margin_bottom) &&
              near(n->margin_left, d->margin_left) && near(n->margin_right, d->margin_right),
          "newspaper = default: margins");
    CHECK(n->columns == d->columns && near(n->gutter, d->gutter) && n->lead_span == d->lead_span &&
              n->drop_cap == d->drop_cap && n->drop_cap_lines == d->drop_cap_lines,
          "newspaper = default: columns, gutter, lead span, drop cap");
    CHECK(n->header == d->header && n->footer == d->footer && n->page_numbers == d->page_numbers &&
              n->provenance == d->provenance && n->header_items == d->header_items &&
              n->footer_items == d->footer_items && near(n->max_image_dpi, d->max_image_dpi),
          "newspaper = default: header, footer, images");
    for (int r = 0; r < STY_ROLE_COUNT; r++) {
        const sty_block *a = &n->role[r], *b = &d->role[r];
        bool same = !strcmp(a->family, b->family) && !strcmp(a->families, b->families) &&
                    near(a->size, b->size) && near(a->leading, b->leading) &&
                    near(a->space_before, b->space_before) &&
                    near(a->space_after, b->space_after) && near(a->indent, b->indent) &&
                    near(a->margin_left, b->margin_left) &&
                    near(a->letter_spacing, b->letter_spacing) && a->color == b->color &&
                    a->align == b->align && a->bold == b->bold && a->italic == b->italic &&
                    a->hyphenate == b->hyphenate && a->small_caps == b->small_caps &&
                    a->uppercase == b->uppercase;
        snprintf(label, sizeof label, "newspaper = default: role %s", sty_role_name(r));
        CHECK(same, label);
        if (!same)
            printf("  css %s %.2f/%.2f sb %.1f sa %.1f ind %.1f ml %.1f ls %.1f c %06x a %d "
                   "b%d i%d h%d sc%d u%d\n  def %s %.2f/%.2f sb %.1f sa %.1f ind %.1f ml %.1f "
                   "ls %.1f c %06x a %d b%d i%d h%d sc%d u%d\n",
                   a->families, a->size, a->leading, a->space_before, a->space_after, a->indent,
                   a->margin_left, a->letter_spacing, a->color, a->align, a->bold, a->italic,
                   a->hyphenate, a->small_caps, a->uppercase, b->families, b->size, b->leading,
                   b->space_before, b->space_after, b->indent, b->margin_left, b->letter_spacing,
                   b->color, b->align, b->bold, b->italic, b->hyphenate, b->small_caps,
                   b->uppercase);
    }
    o = (a2p_opts){.data_dir = ".", .paper = "A4 landscape"};
    err_clear(&err);
    sty_sheet *wide = sty_load(&o, ar, &err);
    CHECK(wide && wide->columns == 3, "newspaper: three columns on a page wider than 700pt");

    /* what the other styles promise */
    sty_sheet *br = st[1], *ar_ = st[2], *lp = st[3];
    CHECK(br->columns == 1 && !strcmp(br->role[STY_BODY].family, "sans") &&
              br->margin_right > 2 * br->margin_left &&
              br->role[STY_HEADLINE].size < d->role[STY_HEADLINE].size,
          "briefing: one sans column, wide right margin, compact headline");
    CHECK(ar_->columns == 1 && !strcmp(ar_->role[STY_BODY].family, "serif") && ar_->provenance &&
              (ar_->footer_items & STY_HF_SOURCE) && (ar_->footer_items & STY_HF_DATE),
          "archive: one serif column, provenance on every page");
    CHECK(lp->columns == 1 && lp->role[STY_BODY].size >= 16 &&
              lp->role[STY_BODY].align == STY_LEFT && !lp->role[STY_BODY].hyphenate &&
              !lp->role[STY_LI].hyphenate && !lp->role[STY_QUOTE].hyphenate,
          "large-print: one column, 16pt+, ragged, unhyphenated");
}

static void decimal_comma(ar_arena *ar)
{
    if (!setlocale(LC_NUMERIC, "de_DE.UTF-8") && !setlocale(LC_NUMERIC, "fr_FR.UTF-8")) {
        printf("SKIP locale: no decimal-comma locale installed (tests/e2e/styles.sh makes one)\n");
        return;
    }
    char probe[16];
    snprintf(probe, sizeof probe, "%.1f", 9.5);
    CHECK(!strcmp(probe, "9,5"), "locale: decimal comma is active");
    a2p_err err;
    sty_sheet *st =
        load("p { font-size: 9.5pt; line-height: 1.25 } @page { margin: 12.7mm }", ar, &err);
    CHECK(st && near(st->role[STY_BODY].size, 9.5) && near(st->role[STY_BODY].leading, 11.875) &&
              near(st->margin_top, 36),
          "locale: 9.5pt parses under a decimal-comma locale");
    a2p_opts o = {.paper = "8.5in 11in"};
    st = load_opts("", &o, ar, &err);
    CHECK(st && near(st->page_w, 612), "locale: --paper 8.5in under a decimal-comma locale");
    setlocale(LC_NUMERIC, "C");
}

/* sty_load_text(): the same sheet from memory as from a file, the error named by NAME with
 * its line, bytes past NBYTES never read (the text is not NUL-terminated), and the size limit */
static void in_memory(ar_arena *ar)
{
    static const char text[] = "p { font-size: 9.5pt }\n@page { size: A5; margin: 12.7mm }";
    a2p_opts o = {0};
    a2p_err err = {0};
    sty_sheet *m = sty_load_text("mem", text, sizeof text - 1, &o, ar, &err);
    sty_sheet *f = load(text, ar, &err);
    CHECK(m && f && near(m->role[STY_BODY].size, f->role[STY_BODY].size) &&
              near(m->page_w, f->page_w) && near(m->margin_left, 36) && !strcmp(m->name, "mem"),
          "memory: a sheet in memory resolves as the same file does");

    /* "p { color: red } junk" cut after the block: the junk must not be seen */
    static const char cut[] = "p { color: red }junk{";
    err_clear(&err);
    m = sty_load_text("cut", cut, 16, &o, ar, &err);
    CHECK(m && m->role[STY_BODY].color == 0xFF0000, "memory: bytes past NBYTES are not read");

    err_clear(&err);
    m = sty_load_text("bad.css", "p {\n  colr: red;\n}\n", 18, &o, ar, &err);
    CHECK(!m && err.status == 2 && !strcmp(err.where, "bad.css:2") &&
              strstr(err.msg, "unknown property 'colr'"),
          "memory: an error names the sheet and the line");

    size_t big = 300 * 1024;
    char *huge = malloc(big);
    memset(huge, ' ', big);
    err_clear(&err);
    m = huge ? sty_load_text("big", huge, big, &o, ar, &err) : NULL;
    CHECK(!m && err.status == 2 && strstr(err.msg, "larger than"),
          "memory: a sheet over the size limit is refused");
    free(huge);

    a2p_opts ov = {.paper = "Letter", .columns = 2};
    err_clear(&err);
    m = sty_load_text("mem", text, sizeof text - 1, &ov, ar, &err);
    CHECK(m && near(m->page_w, 612) && m->columns == 2, "memory: overrides apply");
}

int main(void)
{
    if (!mkdtemp(tmpdir)) {
        printf("FAIL sheet: cannot make a temporary folder\n");
        return 1;
    }
    ar_arena *ar = ar_new();
    malformed(ar);
    inheritance(ar);
    lengths(ar);
    overrides(ar);
    shipped(ar);
    decimal_comma(ar);
    in_memory(ar);
    ar_free(ar);

    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        printf("FAIL sheet: cannot remove %s\n", tmpdir);
    printf("%d passed, %d failed\n", t_pass, t_fail);
    return t_done();
}
