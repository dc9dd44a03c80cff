/* Glue between the files of the threads platform. */
#ifndef SLABREF_THREADS_INTERNAL_H
#define SLABREF_THREADS_INTERNAL_H

/* Reserves the page region on first use; 0 or -1. */
int threads_pages_init(void);

/* Resets every vCPU exclusion and picks the biased or locked mode. */
void threads_excl_init(void);

#endif
