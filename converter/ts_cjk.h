/* ts_cjk.h - line breaking and justification for Chinese and Japanese text, where words
 * are not separated by spaces: a line may break between any two ideographs or kana, except
 * where the kinsoku rules forbid it (no closing bracket, comma, full stop, small kana or
 * prolonged sound mark at the start of a line; no opening bracket at its end). Justified
 * lines take their slack in the gaps between characters, since there are no spaces.
 * libc only; used by ts_items.c. Hangul is not included: Korean breaks at spaces. */
#ifndef A2P_TS_CJK_H
#define A2P_TS_CJK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/* ts_cjk_is_wide() - CP is set on the square em grid: CJK ideographs (all planes),
 * kana, bopomofo, CJK symbols and punctuation, full-width forms. */
bool ts_cjk_is_wide(uint32_t cp);
/* ts_cjk_no_start() - CP may not begin a line (closing brackets, 、。，．！？：；,
 * small kana, ー, iteration marks, the second half of ―― and ……). */
bool ts_cjk_no_start(uint32_t cp);
/* ts_cjk_no_end() - CP may not end a line (opening brackets （「『【〔〈《 and friends). */
bool ts_cjk_no_end(uint32_t cp);

/* One gap between two adjacent characters: may the line break there, and how far may the
 * gap grow or close (in em of the text size) when a justified line needs it. */
typedef struct ts_cjk_gap {
    bool brk;       /* a line break is allowed here (kinsoku respected) */
    double stretch; /* em */
    double shrink;  /* em */
} ts_cjk_gap;

/* ts_cjk_gap_at() - the gap between BEFORE and AFTER (code points, logical order).
 * Nothing (no break, no stretch) unless one of them is wide; never a break next to a
 * space (spaces are the typesetter's glue already). */
ts_cjk_gap ts_cjk_gap_at(uint32_t before, uint32_t after);

/* ts_cjk_breaks() - byte offsets in TEXT[0..LEN) where a line may break (between the
 * character ending there and the one starting there), in increasing order. *OUT in AR;
 * returns their count. Offsets 0 and LEN are never included. */
size_t ts_cjk_breaks(const char *text, size_t len, ar_arena *ar, size_t **out);

/* ts_cjk_has_wide() - whether TEXT[0..LEN) contains any wide character (the cheap test
 * before the rest). */
bool ts_cjk_has_wide(const char *text, size_t len);

#endif
