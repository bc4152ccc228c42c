/* fuzz_xml.c - libFuzzer harness: arbitrary bytes through in_read() (content decides:
 * article XML, NITF, or HTML). Build and run: make fuzz. */
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "dump.h"
#include "input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    a2p_opts opts = {.format = FMT_XML, .informat = IN_XML, .data_dir = "."};
    a2p_err err = {0};
    ar_arena *ar = ar_new();
    art_doc *doc = in_read("fuzz.xml", (const char *)data, size, &opts, ar, &err);
    if (doc) {
        buf b = {0};
        art_dump_xml(doc, &b);
        buf_free(&b);
    }
    ar_free(ar);
    return 0;
}
