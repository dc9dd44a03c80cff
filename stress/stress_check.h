/* Invariant checks at quiescent points of the stress model. */
#ifndef STRESS_CHECK_H
#define STRESS_CHECK_H

/* Exits with a report when an invariant does not hold; when names the point. */
void stress_check(const char *when);

#endif
