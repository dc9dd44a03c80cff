/*
 * ACSL: the contracts of the platform primitives the proved functions call
 * (include/slabref/platform.h).  They are trusted, not proved: each holds
 * on both platforms, the model (src/platform/model.c) and the threads
 * platform (src/platform/threads*.c); proofs/TRUSTED.md says why.  C lets
 * a function be declared again, and Frama-C joins the contract to the
 * declaration in include/slabref/platform.h.
 */
#ifndef SLABREF_SPEC_PLATFORM_H
#define SLABREF_SPEC_PLATFORM_H

/*@
  // The frame descriptor of the page holding an address: what
  // virt_to_page() returns.  Uninterpreted: no axiom, only a name, so
  // that two calls on the same address are known to give the same frame.
  axiomatic PageFrames {
    logic struct page *page_of(void *addr);
  }
*/

/* BUG(): declared noreturn in platform.h; Frama-C does not read the attribute. */
/*@ assigns \nothing;
    ensures never_returns: \false; */
void slab_bug(const char *function);

/*
 * The CPU the caller runs on, as a ghost variable: what smp_processor_id()
 * reads.  It changes only where the task may move to another CPU, which
 * no trusted primitive named here allows; a call with no assigns clause
 * (cache_grow's sleep is inside one) may change it, as in the kernel.
 */
/*@ ghost extern int cur_cpu; */

/* The caller runs as one of the NR_CPUS CPUs (a bound thread on the threads platform). */
/*@ assigns \nothing;
    ensures cpu: 0 <= \result < NR_CPUS;
    ensures this_cpu: \result == cur_cpu; */
int smp_processor_id(void);

/* The boot CPU is online from the start; no more than NR_CPUS come up. */
/*@ assigns \nothing;
    ensures online: 1 <= \result <= NR_CPUS; */
int num_online_cpus(void);

/* Every CPU the platform may bring up: at least the boot CPU, at most NR_CPUS. */
/*@ assigns \nothing;
    ensures possible: 1 <= \result <= NR_CPUS; */
int num_possible_cpus(void);

/*@ requires valid: \valid(lock);
    assigns *lock; */
void spin_lock_init(spinlock_t *lock);

/* Both take and release only the lock word (the model's lock hook only tells an observer). */
/*@ requires valid: \valid(lock);
    assigns *lock; */
void spin_lock(spinlock_t *lock);

/*@ requires valid: \valid(lock);
    assigns *lock; */
void spin_unlock(spinlock_t *lock);

/* One memory node on both platforms (nr_online_nodes == 1). */
/*@ assigns \nothing;
    ensures node: \result == 0; */
int numa_node_id(void);

/* NULL outside the page allocator's memory, else the frame's descriptor. */
/*@ assigns \nothing;
    ensures frame: \result == page_of((void *)addr);
    ensures page: \result == \null || \valid(\result); */
struct page *virt_to_page(const void *addr);

/*@ assigns \nothing; */
unsigned long jiffies_now(void);

/*
 * The console: both platforms format into a buffer of their own and emit
 * it (src/platform/format.c); dump_stack prints nothing on either.  What
 * a %s argument must be (a readable string) the contract cannot say of a
 * variadic call: the callers' contracts require it.
 */
/*@ assigns \nothing; */
void printk(const char *fmt, ...);

/*@ assigns \nothing; */
void dump_stack(void);

/*
 * Interrupts off and back on this CPU: both platforms write only their own
 * per-CPU state (the model's irqs_off flag, the threads platform's vCPU
 * exclusion), and neither moves the caller to another CPU.
 */
/*@ assigns \nothing; */
unsigned long arch_local_irq_save(void);

/*@ assigns \nothing; */
void arch_local_irq_restore(unsigned long flags);

/*
 * An object given back: the platform tells its observers (the oracle's
 * holders, the fuzzer's shadow) or its memory tool, whose records are
 * their own; nothing the core reads is written.
 */
/*@ assigns \nothing; */
void plat_obj_free(struct kmem_cache *cachep, void *objp);

/*@ assigns \nothing; */
void plat_obj_alloc(struct kmem_cache *cachep, void *objp);

/* A slab is about to go back to the page allocator: observers only. */
/*@ assigns \nothing; */
void plat_slab_destroyed(struct kmem_cache *cachep, struct slab *slabp);

#endif
