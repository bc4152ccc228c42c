/* dump_xml.c - STUB: replaced by the XML work (issue 4). */
#include "dump.h"
void art_dump_xml(const art_doc *doc, buf *out)
{
    (void)doc;
    buf_puts(out, "<article/>\n");
}
