/* batch.h - many inputs, one PDF each, in N worker processes (issue 9). */
#ifndef A2P_BATCH_H
#define A2P_BATCH_H

#include "convert.h"

/* batch_convert() - convert every input to its own output (in OPTS->outdir, or beside the
 * input) with OPTS->jobs workers; a progress bar on stderr when it is a terminal, one line
 * per failure, a summary at the end. Returns the exit status: 0, or 1 if any failed. */
int batch_convert(const char *const *inputs, int n, const a2p_opts *opts, a2p_env *env);

/* batch_out_path() - the output path for IN under OPTS (outdir or beside it), in OUT. */
void batch_out_path(const char *in, const a2p_opts *opts, char *out, size_t cap);

#endif
