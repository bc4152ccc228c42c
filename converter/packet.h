/* packet.h - briefing packets (issue 9): many inputs bound into one PDF with a cover, a
 * table of contents with clickable page numbers, page numbers running through the packet
 * and one outline entry per article. */
#ifndef A2P_PACKET_H
#define A2P_PACKET_H

#include <stdbool.h>

#include "convert.h"

/* packet_convert() - bind INPUTS (files, manifests via OPTS->manifest, feeds) into OUT.
 * Inputs that fail are listed on stderr and left out; with OPTS->strict one failure fails
 * the whole packet and nothing is written. Returns false (ERR set) when nothing could be
 * written or strict mode failed; *FAILED counts the inputs left out. */
bool packet_convert(const char *const *inputs, int n, const char *out, const a2p_opts *opts,
                    a2p_env *env, int *failed, a2p_err *err);

#endif
