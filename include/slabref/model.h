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
	/* An oops (slab_oops) in function; may not return. */
	void (*oops)(void *ctx, const char *function, const char *what)
		__attribute__((noreturn));
	void (*slab_linked)(void *ctx, struct kmem_cache *c, struct slab *s);
	void (*slab_destroyed)(void *ctx, struct kmem_cache *c, struct slab *s);
	/*
	 * For checkers that look only at what changed: an object of c was
	 * handed out or given back (every one, the kernel's own included); a
	 * list_lock was taken.  Together with
	 * slab_linked/slab_destroyed they name every cache whose state an
	 * allocation, a free or a shrink changed (cache_reap, tuning, create
	 * and destroy also change state without them).
	 */
	void (*obj_alloc)(void *ctx, struct kmem_cache *c, void *objp);
	void (*obj_free)(void *ctx, struct kmem_cache *c, void *objp);
	void (*lock_taken)(void *ctx, spinlock_t *lock);
};

/* Forgets everything (pages, CPUs, hook) and sets up ncpus possible CPUs with CPU 0 online. */
void model_reset(int ncpus, const struct model_callbacks *cb);
/* kmem_cache_init, _late, then CPUs 1..ncpus-1 through cpuup_prepare. */
void model_boot(void);
void model_set_cpu(int cpu);
void model_set_cpu_online(int cpu);
/* The next n page allocations fail (a new call replaces the count). */
void model_fail_pages(unsigned long n);
/* The next skip page allocations succeed, the n after them fail (replaces both). */
void model_fail_pages_after(unsigned long skip, unsigned long n);
/* Arms fn to run once, on cpu, the next time cache_grow enables interrupts there. */
void model_set_irq_hook(int cpu, void (*fn)(void *ctx), void *ctx);
int model_irq_hook_armed(void);
void model_advance_jiffies(unsigned long delta);
/* Frames handed out and not yet returned. */
unsigned long model_pages_in_use(void);
/* Per-call allocation hook for the fuzzers: counts page allocations made. */
unsigned long model_page_allocations(void);

/*
 * Snapshots of the whole model and allocator state (the arena's used
 * frames, the frame table, the core's globals, CPUs, jiffies, callbacks):
 * a fuzzer boots once per configuration and restores the booted state for
 * each input instead of booting again.  Restoring gives exactly the state
 * that was saved; frames handed out since read as zeroes again, as after
 * model_reset.  Costs one copy of the used part of the arena.
 */
struct model_snapshot;
/*
 * How frames handed out again after a restore are zeroed: runs of at
 * least n frames are given back to the system (MADV_DONTNEED), which
 * zeroes a page only when it is touched again; shorter runs, or all when
 * n is 0 (the default), are cleared at once.  Cheaper for callers that
 * leave most of a large slab untouched (the trace replayer), dearer for
 * those that write every object (fuzz_ops' shadow model).
 */
void model_set_madvise_zeroing(unsigned long n);
struct model_snapshot *model_snapshot_save(void);
void model_snapshot_restore(const struct model_snapshot *s);
void model_snapshot_free(struct model_snapshot *s);

#endif
