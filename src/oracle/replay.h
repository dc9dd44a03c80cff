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

#endif
