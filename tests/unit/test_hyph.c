/* test_hyph.c - hyphenation points: byte offsets, case, punctuation, languages, refusals. */
#include "harness.h"
#include "hyph.h"

#include <stdio.h>
#include <string.h>

/* WORD with '-' inserted at every point, e.g. "hy-phen-ation" */
static const char *marked(hyph_env *h, const char *lang, const char *word)
{
    static char out[256];
    size_t pts[32], n = hyph_word(h, lang, word, strlen(word), pts, 32), o = 0, last = 0;
    for (size_t i = 0; i < n; i++) {
        memcpy(out + o, word + last, pts[i] - last);
        o += pts[i] - last;
        out[o++] = '-';
        last = pts[i];
    }
    strcpy(out + o, word + last);
    return out;
}

int main(void)
{
    hyph_env *h = hyph_env_new();
    CHECK(h != NULL, "hyph env");

    CHECK_STR(marked(h, "en", "hyphenation"), "hy-phen-ation", "en hyphenation");
    CHECK_STR(marked(h, "en-GB", "Hyphenation"), "Hy-phen-ation", "capitalised word, region tag");
    CHECK_STR(marked(h, "en", "officials"), "of-fi-cials", "en officials");
    CHECK_STR(marked(h, "en", "internationalization"), "in-ter-na-tion-al-iza-tion",
              "en long word");
    CHECK_STR(marked(h, "en", "\xe2\x80\x9chyphenation,\xe2\x80\x9d"),
              "\xe2\x80\x9chy-phen-ation,\xe2\x80\x9d",
              "curly quotes and comma stripped, offsets kept");
    CHECK_STR(marked(h, "en", "r\xc3\xa9sum\xc3\xa9"), "r\xc3\xa9-sum\xc3\xa9",
              "UTF-8 character to byte offsets");
    CHECK_STR(marked(h, "de", "Silbentrennung"), "Sil-ben-tren-nung", "de Silbentrennung");
    CHECK_STR(marked(h, "de-AT", "Zeitungsartikel"), "Zei-tungs-ar-ti-kel", "de Zeitungsartikel");
    CHECK(
        strchr(
            marked(
                h, "ru",
                "\xd0\xb8\xd0\xbd\xd1\x84\xd0\xbe\xd1\x80\xd0\xbc\xd0\xb0\xd1\x86\xd0\xb8\xd1\x8f"),
            '-') != NULL,
        "ru word gets breaks");

    /* fragments: at least 2 letters before, 3 after every break */
    size_t pts[32];
    size_t n = hyph_word(h, "en", "hyphenation", 11, pts, 32);
    CHECK(n > 0 && pts[0] >= 2 && pts[n - 1] <= 11 - 3, "left 2, right 3");
    CHECK(hyph_word(h, "en", "hyphenation", 11, pts, 1) == 1, "MAX honoured");

    /* refusals */
    CHECK(hyph_word(h, "en", "word", 4, pts, 32) == 0, "short word");
    CHECK(hyph_word(h, "en", "123456789", 9, pts, 32) == 0, "number");
    CHECK(hyph_word(h, "en", "covid2019pandemic", 17, pts, 32) == 0, "word with digits");
    const char *url = "https://example.com/international";
    CHECK(hyph_word(h, "en", url, strlen(url), pts, 32) == 0, "URL");
    const char *mail = "internationalization@example.com";
    CHECK(hyph_word(h, "en", mail, strlen(mail), pts, 32) == 0, "e-mail address");
    CHECK(hyph_word(h, "en", "well-known", 10, pts, 32) == 0,
          "explicit hyphen left to the typesetter");
    CHECK(hyph_word(h, "en", "INTERNATIONAL", 13, pts, 32) == 0, "all capitals");
    CHECK(hyph_word(h, "xx", "hyphenation", 11, pts, 32) == 0, "unknown language");
    CHECK(hyph_word(h, "", "hyphenation", 11, pts, 32) == 0, "no language");
    CHECK(hyph_word(h, "en", "\xff\xfehyphenation", 13, pts, 32) == 0, "invalid UTF-8");

    /* remembered words answer as the first time, MAX applied to the remembered points */
    size_t a[32], b[32];
    size_t na = hyph_word(h, "en", "internationalization", 20, a, 32);
    size_t nb = hyph_word(h, "en", "internationalization", 20, b, 32);
    CHECK(na == 6 && nb == na && memcmp(a, b, na * sizeof *a) == 0, "memo: same points twice");
    CHECK(hyph_word(h, "en", "internationalization", 20, b, 2) == 2 && b[0] == a[0] &&
              b[1] == a[1],
          "memo: MAX honoured on a remembered word");
    CHECK_STR(marked(h, "de", "hyphenation"), "hy-phe-na-tion",
              "memo: the same word in another language is another entry");
    CHECK_STR(marked(h, "en", "hyphenation"), "hy-phen-ation", "memo: first language kept");

    hyph_env_free(h);

    /* preloading on a thread: the right guess is used, a wrong one dropped */
    hyph_env *p = hyph_env_new();
    hyph_preload(p, "de-CH");
    CHECK_STR(marked(p, "de", "Silbentrennung"), "Sil-ben-tren-nung", "preloaded de used");
    hyph_env_free(p);
    p = hyph_env_new();
    hyph_preload(p, "de");
    CHECK_STR(marked(p, "en-US", "hyphenation"), "hy-phen-ation", "wrong preload: en loaded");
    CHECK_STR(marked(p, "de", "Silbentrennung"), "Sil-ben-tren-nung", "dropped de loads again");
    hyph_env_free(p);
    p = hyph_env_new();
    hyph_preload(p, "en");
    hyph_preload(p, "de"); /* a second preload is ignored */
    hyph_preload(p, "x1");
    hyph_env_free(p); /* never used: joined and freed (valgrind: no leak) */
    CHECK(1, "preload never used: freed");
    p = hyph_env_new();
    hyph_preload(p, "zz"); /* no pattern file */
    CHECK(hyph_word(p, "zz", "hyphenation", 11, pts, 32) == 0, "preload without patterns");
    CHECK_STR(marked(p, "en", "hyphenation"), "hy-phen-ation", "then en loads");
    hyph_env_free(p);

    /* retired patterns are freed on a thread; the env loads them again when asked */
    p = hyph_env_new();
    hyph_preload(p, "en");
    CHECK_STR(marked(p, "en", "hyphenation"), "hy-phen-ation", "before retiring");
    hyph_retire(p);
    CHECK_STR(marked(p, "en", "hyphenation"), "hy-phen-ation", "after retiring: loaded again");
    hyph_retire(p); /* while the first retirement may still run: ignored */
    hyph_env_free(p);
    p = hyph_env_new();
    hyph_preload(p, "de");
    hyph_retire(p); /* a preload still running is joined, then freed */
    hyph_env_free(p);
    CHECK(1, "retire during preload");

    /* the language guessed from raw bytes */
    char lang[16];
#define GUESS(src) hyph_guess_lang(src, strlen(src), lang, sizeof lang)
    CHECK(GUESS("<!DOCTYPE html>\n<!-- <html lang=\"xx\"> -->\n<html class=\"a>b\" lang=\"de-AT\">") &&
              strcmp(lang, "de-AT") == 0,
          "guess: html lang after doctype and comment");
    CHECK(GUESS("\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<article xml:lang='fr' dir=ltr>") &&
              strcmp(lang, "fr") == 0,
          "guess: XML root xml:lang after BOM and declaration");
    CHECK(GUESS("<HTML LANG = ru><body>") && strcmp(lang, "ru") == 0,
          "guess: unquoted, upper case");
    CHECK(!GUESS("<html><head><meta lang=\"de\">"), "guess: only the root's attribute");
    CHECK(!GUESS("<html lang=\"\">"), "guess: empty");
    CHECK(!GUESS("<html data-lang=\"de\" language=\"de\">"), "guess: other attributes");
    CHECK(!GUESS("<html lang=\"a-very-long-language-tag-indeed\">"), "guess: too long");
    CHECK(!GUESS("plain text < 3 and no element"), "guess: no element");
    CHECK(!GUESS("<!-- unterminated"), "guess: unterminated comment");
    CHECK(!hyph_guess_lang("<html lang=de>", 0, lang, sizeof lang), "guess: no bytes");
    CHECK(GUESS("<html lang=\"en") && strcmp(lang, "en") == 0, "guess: cut off input");
#undef GUESS

    printf("%d passed, %d failed\n", t_pass, t_fail);
    return t_done();
}
