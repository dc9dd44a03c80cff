/*
 * The seam between the allocator core and the machine it runs on.
 *
 * The core reaches CPUs, interrupts, locks, pages, time and the console only
 * through these declarations.  Two implementations exist: the deterministic
 * single-threaded model (src/platform/model.c) and the pthreads platform
 * (src/platform/threads.c).  Every function here is trusted by the proofs
 * (proofs/TRUSTED.md lists them with their contracts).
 */
#ifndef SLABREF_PLATFORM_H
#define SLABREF_PLATFORM_H

#include <stddef.h>
#include <stdint.h>

#define NR_CPUS         64
#define MAX_NUMNODES    1
#define PAGE_SHIFT      12
#define PAGE_SIZE       (1UL << PAGE_SHIFT)
#define MAX_ORDER       11
#define HZ              100

struct kmem_cache;
struct slab;

/* 4 bytes, as the kernel's spinlock_t without lock debugging. */
typedef struct { unsigned int slock; } spinlock_t;
/* The kernel's sleeping mutex; only cache_chain_mutex uses it. */
struct mutex { unsigned int count; unsigned int owner; };

/* Per-frame metadata: what page->lru.next / page->lru.prev hold for slab. */
struct page {
	struct kmem_cache *slab_cache;
	struct slab *slab_page;
	unsigned int flags;		/* PG_slab */
	unsigned int order;		/* order of the block this frame heads */
};
#define PG_slab 1u

/* CPUs and interrupts. */
int smp_processor_id(void);
int num_online_cpus(void);
int num_possible_cpus(void);
int cpu_online(int cpu);
int numa_node_id(void);
unsigned long arch_local_irq_save(void);
void arch_local_irq_restore(unsigned long flags);
/* cache_grow's window for sleeping allocations: interrupts may run here. */
void local_irq_enable(void);
void local_irq_disable(void);
int irqs_disabled(void);
int in_interrupt(void);
/* Runs func on every online CPU, the others in ascending order, then this one. */
void on_each_cpu(void (*func)(void *info), void *info, int wait);

/* Locks. */
void spin_lock_init(spinlock_t *lock);
void spin_lock(spinlock_t *lock);
void spin_unlock(spinlock_t *lock);
int spin_trylock(spinlock_t *lock);
void mutex_init(struct mutex *m);
void mutex_lock(struct mutex *m);
void mutex_unlock(struct mutex *m);
int mutex_trylock(struct mutex *m);
void get_online_cpus(void);
void put_online_cpus(void);

/* Page frames.  gfp is the kernel's gfp_t; order up to MAX_ORDER - 1. */
void *alloc_pages_exact_node(int nid, unsigned int gfp, unsigned int order);
void free_pages(void *addr, unsigned int order);
struct page *virt_to_page(const void *addr);
/* Non-zero when addr lies in memory the page allocator hands out. */
int virt_addr_valid(const void *addr);
unsigned long totalram_pages(void);

/* Time. */
unsigned long jiffies_now(void);

/* Console, BUG and panic.  scnprintf is lib/vsprintf.c's, not slab's. */
int scnprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void dump_stack(void);
void slab_bug(const char *function) __attribute__((noreturn));
/*
 * The kernel dereferences an invalid pointer in function (an oops): the
 * task dies there, so nothing after it is defined.
 */
void slab_oops(const char *function, const char *what) __attribute__((noreturn));
void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* Observers: where the oracle learns slab identities (ordinals). */
void plat_slab_linked(struct kmem_cache *cachep, struct slab *slabp);
void plat_slab_destroyed(struct kmem_cache *cachep, struct slab *slabp);
/* An object is handed to a user / given back (memory tools track them). */
void plat_obj_alloc(struct kmem_cache *cachep, void *objp);
void plat_obj_free(struct kmem_cache *cachep, void *objp);

#endif
