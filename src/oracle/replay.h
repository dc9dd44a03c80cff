#ifndef SLABREF_REPLAY_H
#define SLABREF_REPLAY_H

#include <stddef.h>
#include <stdio.h>

/*
 * Replays a whole trace held in memory.  Output lines go to out, the
 * "error LINE: MESSAGE" / "outside LINE: WHY" diagnostics to err.
 * Returns the exit status of the contract: 0, 2 (malformed trace),
 * 3 (kernel BUG or panic), 4 (outside the kernel's defined behaviour).
 */
int slabref_replay(const char *text, size_t len, FILE *out, FILE *err);

/*
 * For fuzzers: from now on each boot restores a snapshot of the booted
 * model (and of what the oracle learnt while it booted) instead of booting
 * again; CPU counts 1..max_cpus are booted now, others on first use.
 * The output is the same; only boots that print nothing are kept.
 */
void slabref_replay_cache_boots(int max_cpus);

#endif
