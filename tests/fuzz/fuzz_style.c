/* fuzz_style.c - libFuzzer harness: bytes -> the style-sheet parser (sty_load_text), over the
 * built-in sheet, then resolution, the page checks and the command-line overrides.
 * The first byte picks the overrides (paper, margin, font size, columns), so a sheet is also
 * tried against pages it was not written for; the rest is the sheet. Build and run: make fuzz. */
#include <stddef.h>
#include <stdint.h>

#include "sheet.h"

static const char *const papers[] = {NULL, "a4", "letter", "A5 landscape"};
static const char *const margins[] = {NULL, "10mm", "0", "3in"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned o = data[0];
    a2p_opts opts = {.format = FMT_PDF,
                     .paper = papers[o & 3],
                     .margin = margins[(o >> 2) & 3],
                     .font_size = (o & 16) ? 7.5 : 0,
                     .columns = (o >> 5) & 3};
    a2p_err err = {0};
    ar_arena *ar = ar_new();
    sty_sheet *st = sty_load_text("fuzz.css", (const char *)data + 1, size - 1, &opts, ar, &err);
    /* every failure names where and why, with the usage/style status */
    if (!st && (err.status != 2 || !err.msg[0] || !err.where[0]))
        __builtin_trap();
    ar_free(ar);
    return 0;
}
