/* fuzz_html.c - libFuzzer harness: arbitrary bytes through the HTML reader and extractor,
 * then every text renderer over the model. Build and run: make fuzz. */
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "dump.h"
#include "input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    a2p_opts opts = {.format = FMT_TEXT, .base_url = "https://example.org/a/b.html"};
    a2p_err err = {0};
    ar_arena *ar = ar_new();
    art_doc *doc = in_html_read("fuzz.html", (const char *)data, size, &opts, ar, &err);
    if (doc) {
        buf b = {0};
        art_dump_text(doc, &b);
        art_dump_json(doc, &b);
        art_dump_xml(doc, &b);
        buf_free(&b);
    }
    ar_free(ar);
    return 0;
}
