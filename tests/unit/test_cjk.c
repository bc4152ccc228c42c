/* test_cjk.c - ts_cjk.c: where Chinese and Japanese lines may break (kinsoku) and how far
 * each gap may stretch or shrink when a line is justified. */
#include "harness.h"
#include "ts_cjk.h"
#include "u8.h"

#include <stdio.h>
#include <string.h>

/* TEXT with a '|' inserted at every break opportunity */
static const char *marked(const char *text, ar_arena *ar)
{
    static char out[1024];
    size_t *b, n = ts_cjk_breaks(text, strlen(text), ar, &b), o = 0, k = 0;
    for (size_t i = 0; text[i] && o + 2 < sizeof out; i++) {
        if (k < n && b[k] == i) {
            out[o++] = '|';
            k++;
        }
        out[o++] = text[i];
    }
    out[o] = 0;
    return out;
}

static uint32_t cp_of(const char *s)
{
    uint32_t cp;
    u8_decode(s, strlen(s), &cp);
    return cp;
}

int main(void)
{
    ar_arena *ar = ar_new();

    /* classes */
    CHECK(ts_cjk_is_wide(cp_of("中")) && ts_cjk_is_wide(cp_of("か")) &&
              ts_cjk_is_wide(cp_of("カ")) && ts_cjk_is_wide(cp_of("。")) &&
              ts_cjk_is_wide(cp_of("（")) && ts_cjk_is_wide(0x20B9F),
          "ideographs, kana, CJK punctuation, full-width forms, plane 2 are wide");
    CHECK(!ts_cjk_is_wide('a') && !ts_cjk_is_wide(cp_of("ж")) && !ts_cjk_is_wide(cp_of("한")),
          "Latin, Cyrillic and Hangul are not");
    const char *closers = "、。，．）」』】〕〉》！？ゃゅょっァィゥェォー";
    bool all = true;
    for (size_t i = 0; closers[i];) {
        uint32_t cp;
        i += u8_decode(closers + i, strlen(closers + i), &cp);
        if (!ts_cjk_no_start(cp)) {
            all = false;
            printf("# not no_start: U+%04X\n", cp);
        }
    }
    CHECK(all, "closing punctuation, small kana and ー may not start a line");
    const char *openers = "（「『【〔〈《";
    all = true;
    for (size_t i = 0; openers[i];) {
        uint32_t cp;
        i += u8_decode(openers + i, strlen(openers + i), &cp);
        all = all && ts_cjk_no_end(cp) && !ts_cjk_no_start(cp);
    }
    CHECK(all, "opening brackets may not end a line");
    CHECK(!ts_cjk_no_start(cp_of("中")) && !ts_cjk_no_end(cp_of("中")), "ideographs are free");

    /* break opportunities */
    CHECK_STR(marked("今天下雨", ar), "今|天|下|雨", "between every two ideographs");
    CHECK_STR(marked("北京，上海。", ar), "北|京，|上|海。", "never before a comma or full stop");
    CHECK_STR(marked("他说「好的」吧", ar), "他|说|「好|的」|吧",
              "never after an opening or before a closing bracket");
    CHECK_STR(marked("ちょっとコーヒー", ar), "ちょっ|と|コー|ヒー",
              "never before small kana or the prolonged sound mark");
    CHECK_STR(marked("等等——然后……好", ar), "等|等——|然|后……|好",
              "dashes and ellipses stay in one piece and never start a line");
    CHECK_STR(marked("使用Linux系统", ar), "使|用|Linux|系|统",
              "between ideographs and Latin, never inside a Latin word");
    CHECK_STR(marked("plain text only", ar), "plain text only", "no wide character: no break");
    CHECK_STR(marked("价格（2024年）", ar), "价|格|（2024|年）", "bracket keeps its number");
    CHECK(ts_cjk_has_wide("abc 中", 7) && !ts_cjk_has_wide("abc é ж", 9), "has_wide");
    size_t *b;
    CHECK(ts_cjk_breaks("", 0, ar, &b) == 0 && ts_cjk_breaks("中", 3, ar, &b) == 0,
          "empty and one-character texts have no breaks");
    CHECK(ts_cjk_breaks("中\xff文", 7, ar, &b) == 2, "invalid byte counts as a character");

    /* justification gaps */
    ts_cjk_gap g = ts_cjk_gap_at(cp_of("中"), cp_of("文"));
    CHECK(g.brk && g.stretch > 0.1 && g.stretch < 0.2 && g.shrink == 0,
          "ideograph gap: a sixth of an em of stretch, no shrink");
    g = ts_cjk_gap_at(cp_of("文"), 'L');
    CHECK(g.brk && g.stretch == 0.25, "wide/Latin gap: a quarter em");
    g = ts_cjk_gap_at(cp_of("。"), cp_of("文"));
    CHECK(g.brk && g.shrink == 0.25, "after full-width punctuation the gap may close");
    g = ts_cjk_gap_at(cp_of("文"), cp_of("。"));
    CHECK(!g.brk && g.shrink == 0.25, "before it: no break, may still close");
    g = ts_cjk_gap_at('a', 'b');
    CHECK(!g.brk && g.stretch == 0 && g.shrink == 0, "Latin gap: nothing");
    g = ts_cjk_gap_at(cp_of("文"), ' ');
    CHECK(!g.brk && g.stretch == 0, "next to a space: nothing (spaces are glue)");

    ar_free(ar);
    printf("%d passed, %d failed\n", t_pass, t_fail);
    return t_done();
}
