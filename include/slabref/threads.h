/*
 * Controls of the POSIX-threads platform (src/platform/threads.c): virtual
 * CPUs that real threads bind to, per-vCPU exclusion standing in for
 * "interrupts off", periodic cache_reap per vCPU, pages from an mmap'ed
 * region.  spec/smp-platform.md maps each kernel mechanism to its
 * userspace counterpart and gives the memory-ordering argument.
 */
#ifndef SLABREF_THREADS_H
#define SLABREF_THREADS_H

#include "slab.h"

/*
 * Sets up ncpus (1..NR_CPUS) possible vCPUs with vCPU 0 online and forgets
 * every cache (slab_reset).  Call once, before any other thread exists.
 * Returns 0, or -1 when ncpus is out of range or memory cannot be reserved.
 */
int threads_init(int ncpus);
/* kmem_cache_init, _late, then vCPUs 1..ncpus-1 through cpuup_prepare. */
void threads_boot(void);

/*
 * The calling thread runs on vCPU cpu from now on (threads start on 0,
 * unbound).  The first thread bound to a vCPU owns it and takes its
 * exclusion without atomic read-modify-write; later ones share it as
 * guests, which sends the owner through the slower locked entry too.
 * Must not be called with interrupts "off".
 */
void threads_bind_cpu(int cpu);
/* Gives up the binding (ownership or guest share); call before exiting. */
void threads_unbind(void);
/* Runs as vCPU cpu without binding: every entry pays the guest's price. */
void threads_visit_cpu(int cpu);
/* "biased" (membarrier available) or "locked"; SLABREF_EXCL=locked forces it. */
const char *threads_excl_mode(void);

/*
 * Jiffies advance scale times faster than HZ wall-clock ticks (default 1),
 * so that the 2 s / 4 s reap periods fit into a short stress run.
 */
void threads_set_time_scale(unsigned int scale);
/* One reaper thread per online vCPU, bound to it, running cache_reap every
 * REAPTIMEOUT_CPUC jiffies.  Returns 0 or -1. */
int threads_start_reapers(void);
/* Stops and joins the reapers; returns once none is inside cache_reap. */
void threads_stop_reapers(void);
/* cache_reap passes completed by all reapers so far. */
unsigned long threads_reap_passes(void);

/* Frames handed out by alloc_pages_exact_node and not yet freed. */
unsigned long threads_pages_in_use(void);
/* Page-block allocations made so far. */
unsigned long threads_page_allocations(void);

#endif
