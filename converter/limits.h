/* limits.h - every limit against hostile input, each with the blow-up it prevents.
 * Checked in one place each (named below) and tested from tests/bad/. */
#ifndef A2P_LIMITS_H
#define A2P_LIMITS_H

/* Input file size: a 1 GB "page" would be parsed into a DOM many times its size. (convert.c) */
#define LIM_INPUT_BYTES (64u * 1024 * 1024)
/* DOM / model nesting: recursive walkers and libxml2 itself recurse per level. (in_*.c, model.c) */
#define LIM_DEPTH 256
/* Body blocks: a page of a million empty <p> would make a million-line layout. (model.c) */
#define LIM_BLOCKS 200000
/* Inline runs per document: same reasoning, at inline level. (model.c) */
#define LIM_RUNS 2000000
/* Pages of output for one article: a runaway layout loop must stop. (flow.c) */
#define LIM_PAGES 5000
/* Image pixels (w*h): a 100000x100000 PNG is 40 GB decoded. (image.c) */
#define LIM_IMAGE_PIXELS (80u * 1000 * 1000)
/* Image file bytes. (image.c) */
#define LIM_IMAGE_BYTES (50u * 1024 * 1024)

#endif
