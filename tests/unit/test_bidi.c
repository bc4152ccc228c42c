/* test_bidi.c - bidi.c: base direction, levels of mixed Persian/Hebrew/Latin text, the
 * visual run order of lines (L1 trailing white space, L2 reversal), and the shaping side
 * of RTL runs: mirrored brackets, Arabic joining forms and right-to-left glyph order. */
#include "harness.h"
#include "bidi.h"
#include "font.h"

#include <stdio.h>
#include <string.h>

/* the runs of a whole line as "[text|level]" pieces, visual order */
static const char *runs_str(const bidi_para *p, size_t from, size_t to, ar_arena *ar)
{
    static char out[512];
    bidi_run *r;
    size_t n = bidi_line_runs(p, from, to, ar, &r);
    out[0] = 0;
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(out);
        snprintf(out + l, sizeof out - l, "[%.*s|%d]", (int)(r[i].end - r[i].start),
                 p->text + r[i].start, r[i].level);
    }
    return out;
}

static int level_at(const bidi_para *p, const char *needle)
{
    const char *s = strstr(p->text, needle);
    return s ? p->levels[s - p->text] : -1;
}

int main(void)
{
    ar_arena *ar = ar_new();
    bidi_para p;

    /* ---- base direction ---- */
    const char *fa = "تهران — world 2024";
    CHECK(bidi_base_dir("rtl", "Hello", 5, BIDI_LTR) == BIDI_RTL, "dir=rtl wins over text");
    CHECK(bidi_base_dir("LTR", fa, strlen(fa), BIDI_RTL) == BIDI_LTR, "dir=ltr wins, any case");
    CHECK(bidi_base_dir("", fa, strlen(fa), BIDI_LTR) == BIDI_RTL, "first strong: Persian");
    CHECK(bidi_base_dir("auto", "«2024» ok שלום", 19, BIDI_RTL) == BIDI_LTR,
          "first strong: Latin after digits and quotes");
    CHECK(bidi_base_dir(NULL, "2024 — 17:30", 14, BIDI_RTL) == BIDI_RTL,
          "no strong character: the default");
    CHECK(bidi_is_rtl_char(0x05D0) && bidi_is_rtl_char(0x0628) && bidi_is_rtl_char(0xFEB4),
          "Hebrew, Arabic and presentation forms are RTL");
    CHECK(!bidi_is_rtl_char('a') && !bidi_is_rtl_char('1') && !bidi_is_rtl_char(0x06F1),
          "Latin and digits (Persian ones too) are not strong RTL");

    /* ---- levels ---- */
    const char *s1 = "خبرگزاری BBC در سال ۱۴۰۳ و 2024 گزارش داد.";
    CHECK(bidi_para_levels(&p, s1, strlen(s1), BIDI_RTL, ar), "levels of a Persian line");
    CHECK(p.mixed, "mixed Persian/Latin paragraph is mixed");
    CHECK(level_at(&p, "خبر") == 1, "Persian letters at level 1");
    CHECK(level_at(&p, "BBC") == 2, "Latin inside RTL at level 2");
    CHECK(level_at(&p, "2024") == 2, "European digits inside RTL at level 2");
    CHECK(level_at(&p, "۱۴۰۳") == 2, "Persian digits are numbers: level 2");
    CHECK(level_at(&p, ".") == 1, "final full stop takes the paragraph's direction");
    CHECK(p.levels[strlen(s1) - 1] == 1, "levels cover every byte");

    const char *en = "Plain English text, no reordering.";
    bidi_para_levels(&p, en, strlen(en), BIDI_LTR, ar);
    CHECK(!p.mixed && p.levels[0] == 0 && p.levels[strlen(en) - 1] == 0, "LTR-only: flat");
    CHECK_STR(runs_str(&p, 0, strlen(en), ar), "[Plain English text, no reordering.|0]",
              "LTR-only line is one run");

    /* ---- visual order of lines ---- */
    const char *he = "אבג abc def גדה";
    bidi_para_levels(&p, he, strlen(he), BIDI_RTL, ar);
    CHECK_STR(runs_str(&p, 0, strlen(he), ar), "[ גדה|1][abc def|2][אבג |1]",
              "RTL line: runs reversed, the Latin phrase kept together");

    const char *mix = "The word שלום עולם means hello world.";
    bidi_para_levels(&p, mix, strlen(mix), BIDI_LTR, ar);
    CHECK_STR(runs_str(&p, 0, strlen(mix), ar), "[The word |0][שלום עולם|1][ means hello world.|0]",
              "LTR line with a Hebrew phrase: one RTL run in place");

    /* a line that is a byte range of the paragraph; trailing space takes the base level */
    const char *two = "سلام دنیا hello there پایان";
    bidi_para_levels(&p, two, strlen(two), BIDI_RTL, ar);
    size_t cut = (size_t)(strstr(two, "there") - two); /* line 1 ends with "hello " */
    CHECK_STR(runs_str(&p, 0, cut, ar), "[ |1][hello|2][سلام دنیا |1]",
              "first line: trailing space at base level (L1), Latin on the left");
    CHECK_STR(runs_str(&p, cut, strlen(two), ar), "[ پایان|1][there|2]",
              "second line: the Latin word on the left");

    /* nested: numbers inside Latin inside RTL */
    const char *nest = "גרסה version 2.4 כאן";
    bidi_para_levels(&p, nest, strlen(nest), BIDI_RTL, ar);
    CHECK_STR(runs_str(&p, 0, strlen(nest), ar), "[ כאן|1][version 2.4|2][גרסה |1]",
              "digits join the Latin run at level 2");
    CHECK(bidi_line_runs(&p, 5, 5, ar, &(bidi_run *){NULL}) == 0, "empty line: no runs");

    /* invalid UTF-8 does not upset the byte mapping */
    const char bad[] = "abc \xff\xfe שלום";
    CHECK(bidi_para_levels(&p, bad, sizeof bad - 1, BIDI_LTR, ar), "invalid UTF-8 accepted");
    CHECK(p.levels[sizeof bad - 2] == 1, "Hebrew after invalid bytes still RTL");

    /* ---- shaping RTL runs (HarfBuzz does the mirroring and joining) ---- */
    a2p_err err = {0};
    fnt_env *f = fnt_env_new("fonts", &err);
    CHECK(f != NULL, "font table");
    if (f) {
        int serif = fnt_find(f, "serif", false, false);
        int ar_font = fnt_fallback(f, serif, 0x0628);
        int he_font = fnt_fallback(f, serif, 0x05D0);
        int zh_font = fnt_fallback(f, serif, 0x4E2D);
        const fnt_info *ai = ar_font >= 0 ? fnt_get_info(f, ar_font) : NULL;
        const fnt_info *hi = he_font >= 0 ? fnt_get_info(f, he_font) : NULL;
        const fnt_info *zi = zh_font >= 0 ? fnt_get_info(f, zh_font) : NULL;
        /* the manifest tries DejaVu Sans before Noto Naskh, and Liberation has Hebrew */
        CHECK(ai && (strstr(ai->path, "NotoNaskhArabic") || strstr(ai->path, "DejaVuSans")),
              "Arabic falls back to an Arabic face of the manifest");
        CHECK(hi && fnt_covers(f, he_font, 0x05E9) && fnt_covers(f, he_font, 0x05BC),
              "Hebrew letters and points come from one face");
        CHECK(zi && strstr(zi->path, "wqy"), "Chinese falls back to WenQuanYi");
        CHECK(fnt_fallback(f, serif, 0x06CC) == ar_font, "Persian yeh from the Arabic face");
        CHECK(fnt_fallback(f, serif, 0x0436) == serif, "Cyrillic stays in the serif face");
        CHECK(fnt_fallback(f, serif, 0x03B1) == serif, "Greek stays in the serif face");

        if (ar_font >= 0) {
            dl_glyph *g1, *g2, *iso;
            double w;
            /* بب: joined forms differ from the isolated letter */
            size_t n = fnt_shape(f, ar_font, 12, "ببب", 6, "fa", true, ar, &g1, &w);
            fnt_shape(f, ar_font, 12, "ب", 2, "fa", true, ar, &iso, &w);
            CHECK(n == 3 && g1[0].gid != iso[0].gid && g1[1].gid != iso[0].gid &&
                      g1[2].gid != iso[0].gid,
                  "Arabic letters take joining forms");
            CHECK(n == 3 && g1[0].cluster == 4 && g1[2].cluster == 0,
                  "RTL glyphs come in visual order (last character first)");
            CHECK(n == 3 && g1[0].gid != g1[2].gid, "final and initial forms differ");
            /* brackets mirror in RTL runs */
            fnt_shape(f, ar_font, 12, "(", 1, NULL, true, ar, &g1, &w);
            fnt_shape(f, ar_font, 12, ")", 1, NULL, false, ar, &g2, &w);
            CHECK(g1 && g2 && g1[0].gid == g2[0].gid, "'(' in an RTL run is drawn as ')'");
        }
        fnt_env_free(f);
    }
    ar_free(ar);
    printf("%d passed, %d failed\n", t_pass, t_fail);
    return t_done();
}
