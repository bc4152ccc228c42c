/* bidi.h - the Unicode bidirectional algorithm (UAX #9) for the typesetter: a paragraph's
 * base direction, embedding levels per byte of its logical UTF-8 text, and for one line (a
 * byte range of it) the visual order of its level runs. libc only: bidi.c hides FriBidi.
 *
 * Mirroring (brackets in RTL runs) is left to shaping: HarfBuzz mirrors when a run is
 * shaped right-to-left, so a run of odd level is shaped with fnt_shape(..., rtl=true). */
#ifndef A2P_BIDI_H
#define A2P_BIDI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

typedef enum bidi_dir { BIDI_LTR = 0, BIDI_RTL = 1 } bidi_dir;

/* The levels of one paragraph. TEXT is borrowed (not copied); LEVELS has LEN entries in
 * the arena given to bidi_para_levels(): the level of the character each byte belongs to. */
typedef struct bidi_para {
    const char *text;
    size_t len;
    bidi_dir base;
    uint8_t *levels;
    bool mixed; /* some byte has a level other than the base's: lines need reordering */
} bidi_para;

/* One run of a line: bytes [start, end) of the paragraph, all of one level. */
typedef struct bidi_run {
    size_t start, end;
    uint8_t level;
} bidi_run;

#define BIDI_RUN_RTL(r) (((r).level & 1) != 0)

/* bidi_first_strong() - direction of the first strong character of TEXT (rules P2-P3,
 * isolates not skipped); DEFLT when there is none. */
bidi_dir bidi_first_strong(const char *text, size_t len, bidi_dir deflt);

/* bidi_base_dir() - a paragraph's base direction: DIR ("rtl" | "ltr", case-insensitive,
 * from the model's dir attribute) when set, else the first strong character of TEXT,
 * else DEFLT ("" and "auto" both mean: look at the text). */
bidi_dir bidi_base_dir(const char *dir, const char *text, size_t len, bidi_dir deflt);

/* bidi_para_levels() - resolve the embedding levels of TEXT[0..LEN) with base direction
 * BASE into *P (P->levels in AR). Invalid UTF-8 bytes count as U+FFFD. False only when
 * FriBidi fails (P then holds the base level everywhere, so callers can still lay out). */
bool bidi_para_levels(bidi_para *p, const char *text, size_t len, bidi_dir base, ar_arena *ar);

/* bidi_line_runs() - the runs of the line P->text[FROM..TO) in visual order, left to
 * right (rules L1-L2: trailing white space takes the base level, then runs at each level
 * from the highest down to the lowest odd one are reversed). *OUT (in AR) gets the runs,
 * each a logical byte range; returns their count (0 for an empty line). */
size_t bidi_line_runs(const bidi_para *p, size_t from, size_t to, ar_arena *ar,
                      bidi_run **out);

/* bidi_is_rtl_char() - whether CP is a strong right-to-left character (Hebrew, Arabic,
 * Syriac, Thaana, N'Ko ... and their presentation forms). */
bool bidi_is_rtl_char(uint32_t cp);

#endif
