/* test_font.c - the font table: manifest roles, metrics, shaping (kerning, ligatures,
 * clusters), family lookup through fontconfig, per-character fallback, subsets. */
#include "harness.h"
#include "fnt_pdf.h"
#include "font.h"

#include <hb.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double width_of(fnt_env *f, int id, const char *s, ar_arena *ar, size_t *n)
{
    dl_glyph *g;
    double w;
    *n = fnt_shape(f, id, 10, s, strlen(s), "en", false, ar, &g, &w);
    return w;
}

int main(void)
{
    a2p_err err = {0};
    fnt_env *f = fnt_env_new("fonts", &err);
    CHECK(f != NULL, "font table from fonts/manifest");
    if (!f) {
        printf("error: %s: %s\n", err.where, err.msg);
        return 1;
    }
    ar_arena *ar = ar_new();

    /* roles and styles */
    int serif = fnt_find(f, "serif", false, false), bold = fnt_find(f, "serif", true, false);
    int sans = fnt_find(f, "sans-serif", false, true), mono = fnt_find(f, "mono", false, false);
    CHECK(serif >= 0 && bold >= 0 && sans >= 0 && mono >= 0, "roles resolve");
    CHECK(serif != bold && serif != sans && sans != mono, "distinct faces per role and style");
    const fnt_info *in = fnt_get_info(f, serif);
    CHECK(in && strstr(in->name, "LiberationSerif") != NULL, "serif is Liberation Serif");
    CHECK(fnt_get_info(f, bold)->bold && !fnt_get_info(f, bold)->italic, "bold flag");
    CHECK(fnt_get_info(f, sans)->italic, "italic flag");
    CHECK(fnt_find(f, "serif", false, false) == serif, "same id twice");

    /* metrics in em */
    CHECK(in->units_per_em == 2048, "units per em");
    CHECK(in->ascender > 0.7 && in->ascender < 1.1, "ascender sane");
    CHECK(in->descender < -0.1 && in->descender > -0.4, "descender sane (negative)");
    CHECK(in->cap_height > 0.6 && in->cap_height < 0.75, "cap height sane");
    CHECK(in->x_height > 0.4 && in->x_height < in->cap_height, "x height below cap height");

    /* shaping: kerning, widths in points, clusters as byte offsets */
    size_t n1, n2, n3;
    double av = width_of(f, serif, "AV", ar, &n1);
    double a = width_of(f, serif, "A", ar, &n2), v = width_of(f, serif, "V", ar, &n3);
    CHECK(n1 == 2 && av > 0 && av < a + v - 0.5, "AV kerned narrower than A + V");
    double m = width_of(f, serif, "M", ar, &n1);
    CHECK(fabs(m * 2 - width_of(f, serif, "MM", ar, &n2)) < 1e-6, "widths add up without kerning");
    dl_glyph *g;
    double w, w20;
    size_t n = fnt_shape(f, serif, 10, "Z\xc3\xbcrich", 7, NULL, false, ar, &g, &w);
    CHECK(n == 6 && g[1].cluster == 1 && g[2].cluster == 3 && g[5].cluster == 6,
          "clusters are byte offsets");
    fnt_shape(f, serif, 20, "Z\xc3\xbcrich", 7, NULL, false, ar, &g, &w20);
    CHECK(fabs(w20 - 2 * w) < 1e-3, "advance scales with size");
    CHECK(fnt_shape(f, serif, 10, "", 0, NULL, false, ar, &g, &w) == 0 && w == 0, "empty text");
    /* fnt_shape() keeps short runs: the cache must tell faces and directions apart */
    double wr, wb;
    dl_glyph *gr;
    fnt_shape(f, serif, 10, "Z\xc3\xbcrich", 7, NULL, false, ar, &g, &w);
    fnt_shape(f, bold, 10, "Z\xc3\xbcrich", 7, NULL, false, ar, &gr, &wb);
    CHECK(wb > w + 0.01, "shaping cache: another face shapes anew (bold is wider)");
    size_t nr = fnt_shape(f, serif, 10, "Z\xc3\xbcrich", 7, NULL, true, ar, &gr, &wr);
    CHECK(nr == 6 && gr[0].cluster == 6 && gr[5].cluster == 0 && fabs(wr - w) < 1e-3,
          "shaping cache: right to left shapes anew (glyphs reversed)");

    /* ligatures in a font that has them (Liberation 2.1 has none) */
    int dv = fnt_find(f, "DejaVu Serif", false, false);
    CHECK(dv >= 0 && dv != serif, "family through fontconfig");
    CHECK(fnt_find(f, "DejaVu Serif", false, false) == dv, "family lookup cached");
    n = fnt_shape(f, dv, 10, "official", 8, "en", false, ar, &g, &w);
    CHECK(n == 7 && g[1].cluster == 1 && g[2].cluster == 3, "ff ligature: one glyph, one cluster");
    CHECK(fnt_find(f, "No Such Family 42", false, false) == -1, "unknown family gives -1");
    CHECK(fnt_find(f, "Liberation Serif", true, false) == bold,
          "a family naming a manifest face gives the role's id");
    CHECK(fnt_find(f, "Georgia", false, false) == -1, "no substitute for a missing family");
    n = fnt_shape(f, serif, 10,
                  "a\xff\xfe"
                  "b",
                  4, "de", false, ar, &g, &w);
    CHECK(n >= 2 && w > 0, "invalid UTF-8 shapes without harm");
    CHECK(fnt_find(f, "Times", false, false) == -1 ||
              fnt_get_info(f, fnt_find(f, "Times", false, false)) != NULL,
          "Times never gives a CFF face");

    /* fallback */
    CHECK(fnt_covers(f, serif, 0x0416) && fnt_covers(f, serif, 0x03A9),
          "serif covers Cyrillic and Greek");
    CHECK(!fnt_covers(f, serif, 0x4E2D), "serif lacks CJK");
    CHECK(fnt_fallback(f, serif, 'a') == serif, "fallback of a covered character is the font");
    size_t before = fnt_count(f);
    int cjk = fnt_fallback(f, serif, 0x4E2D);
    CHECK(cjk >= 0 && cjk != serif && fnt_covers(f, cjk, 0x4E2D), "fallback for Chinese");
    int ar_id = fnt_fallback(f, bold, 0x0628);
    CHECK(ar_id >= 0 && fnt_covers(f, ar_id, 0x0628), "fallback for Arabic");
    CHECK(fnt_count(f) > before && fnt_get_info(f, cjk) != NULL, "fallback faces appended");
    CHECK(fnt_fallback(f, serif, 0x4E2D) == cjk, "fallback stable");
    n = fnt_shape(f, ar_id, 10, "\xd8\xa8\xd8\xa8\xd8\xa8", 6, "ar", true, ar, &g, &w);
    CHECK(n == 3 && g[0].cluster == 4 && w > 0, "RTL shaping in visual order");
    CHECK(fnt_fallback(f, serif, 0x10FFFD) == -1, "nothing covers a private plane code");

    /* subsets, renumbered: glyphs that are their code points' own are chosen by code point
     * (quicker in HarfBuzz), a set with a ligature by glyph; either way every glyph given is
     * in, at the new id reported, and the cmap maps the space to it */
    dl_glyph *sg;
    double sw;
    const char *txt = "an official";
    size_t sn = fnt_shape(f, dv, 10, txt, 11, "en", false, ar, &sg, &sw);
    uint32_t gids[16], cps[16], nid[16];
    for (size_t i = 0; i < sn && i < 16; i++) {
        gids[i] = sg[i].gid;
        size_t end = i + 1 < sn ? sg[i + 1].cluster : 11;
        cps[i] = end - sg[i].cluster == 1 ? (unsigned char)txt[sg[i].cluster] : 0;
    }
    CHECK(sn == 10 && cps[4] == 0, "\"ff\" is one glyph standing for two characters");
    for (int lig = 0; lig < 2 && sn == 10; lig++) {
        size_t len = 0, k = lig ? sn : 3; /* "an " alone, then all with the ligature */
        unsigned char *sub = fnt_subset(f, dv, gids, cps, k, false, nid, &len);
        CHECK(sub && len > 100, lig ? "subset with a ligature" : "subset of plain letters");
        if (!sub)
            continue;
        hb_blob_t *blob = hb_blob_create((const char *)sub, (unsigned)len,
                                         HB_MEMORY_MODE_READONLY, NULL, NULL);
        hb_face_t *face = hb_face_create(blob, 0);
        hb_font_t *font = hb_font_create(face);
        hb_codepoint_t gsp = 0;
        CHECK(hb_font_get_nominal_glyph(font, ' ', &gsp) && gsp == nid[2],
              "the subset's cmap maps the space to its new glyph");
        bool dense = true;
        for (size_t i = 0; i < k; i++)
            dense = dense && nid[i] > 0 && nid[i] < hb_face_get_glyph_count(face);
        CHECK(dense && nid[0] != nid[1] && (!lig || (nid[4] != nid[3] && nid[5] == nid[7])),
              "each glyph given has a new id of its own");
        CHECK(hb_face_get_glyph_count(face) == (lig ? 9u : 4u),
              "the subset holds .notdef and the glyphs given, no more");
        hb_font_destroy(font);
        hb_face_destroy(face);
        hb_blob_destroy(blob);
        free(sub);
    }

    ar_free(ar);
    fnt_env_free(f);
    printf("%d passed, %d failed\n", t_pass, t_fail);
    return t_done();
}
