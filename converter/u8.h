/* u8.h - UTF-8 helpers shared by every stage. libc only. */
#ifndef A2P_U8_H
#define A2P_U8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* u8_decode() - code point at S (N bytes left) into *CP; returns bytes used (>=1 when N>0).
 * Invalid sequences give U+FFFD and consume one byte. */
size_t u8_decode(const char *s, size_t n, uint32_t *cp);
/* u8_encode() - write CP to OUT (4 bytes room); returns bytes written. */
size_t u8_encode(uint32_t cp, char *out);
bool u8_valid(const char *s, size_t n);
bool u8_is_space(uint32_t cp); /* collapsible white space incl. NBSP is NOT included */
/* u8_is_blank() - CP is a space that shows nothing and has a width: U+0020, U+00A0,
 * U+2000-200A, U+202F, U+205F, U+3000 (not tabs or line ends, nor zero-width spaces) */
bool u8_is_blank(uint32_t cp);

#endif
