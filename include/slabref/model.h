/*
 * Controls of the deterministic model platform (src/platform/model.c):
 * simulated CPUs with per-CPU interrupt state, page frames in one arena,
 * page-allocation failure injection, the one-shot interrupt hook, jiffies.
 */
#ifndef SLABREF_MODEL_H
#define SLABREF_MODEL_H

#include "slab.h"

struct model_callbacks {
	void *ctx;
	/* One complete printk line, without its newline. */
	void (*printk_line)(void *ctx, const char *line);
	/* BUG() in function; panic(text).  Neither may return. */
	void (*bug)(void *ctx, const char *function) __attribute__((noreturn));
	void (*panic)(void *ctx, const char *text) __attribute__((noreturn));
	void (*slab_linked)(void *ctx, struct kmem_cache *c, struct slab *s);
	void (*slab_destroyed)(void *ctx, struct kmem_cache *c, struct slab *s);
};

/* Forgets everything (pages, CPUs, hook) and sets up ncpus possible CPUs with CPU 0 online. */
void model_reset(int ncpus, const struct model_callbacks *cb);
/* kmem_cache_init, _late, then CPUs 1..ncpus-1 through cpuup_prepare. */
void model_boot(void);
void model_set_cpu(int cpu);
void model_set_cpu_online(int cpu);
/* The next n page allocations fail (a new call replaces the count). */
void model_fail_pages(unsigned long n);
/* Arms fn to run once, on cpu, the next time cache_grow enables interrupts there. */
void model_set_irq_hook(int cpu, void (*fn)(void *ctx), void *ctx);
int model_irq_hook_armed(void);
void model_advance_jiffies(unsigned long delta);
/* Frames handed out and not yet returned. */
unsigned long model_pages_in_use(void);
/* Per-call allocation hook for the fuzzers: counts page allocations made. */
unsigned long model_page_allocations(void);

#endif
