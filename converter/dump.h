/* dump.h - renderers over a finished model: --format text | json | xml. libc only. */
#ifndef A2P_DUMP_H
#define A2P_DUMP_H

#include "buf.h"
#include "model.h"

/* art_dump_text() - the article body, one block a line (no headline or byline). */
void art_dump_text(const art_doc *doc, buf *out);
/* art_dump_json() - the whole model as one JSON object. */
void art_dump_json(const art_doc *doc, buf *out);
/* art_dump_xml() - the model in the project's article XML (README "Article XML"). */
void art_dump_xml(const art_doc *doc, buf *out);

#endif
