/*
 * slabref: Linux 2.6.32 SLAB (mm/slab.c) as a userspace reference.
 *
 * Names, structures and constants are the kernel's, so that a reader of
 * mm/slab.c finds every concept here under the same name.  The layout of
 * each structure matches x86_64 (sizes checked at compile time), because
 * the allocator's own metadata is allocated from its general caches and
 * the sizes decide which cache serves it.
 */
#ifndef SLABREF_SLAB_H
#define SLABREF_SLAB_H

#include <stddef.h>
#include <stdint.h>
#include "platform.h"

#ifdef CONFIG_DEBUG_SLAB
#define DEBUG		1
#define STATS		1
#define FORCED_DEBUG	1
#else
#define DEBUG		0
#define STATS		0
#define FORCED_DEBUG	0
#endif

typedef unsigned int gfp_t;

/* include/linux/gfp.h, 2.6.32 */
#define __GFP_DMA	0x01u
#define __GFP_HIGHMEM	0x02u
#define __GFP_DMA32	0x04u
#define __GFP_MOVABLE	0x08u
#define __GFP_WAIT	0x10u
#define __GFP_HIGH	0x20u
#define __GFP_IO	0x40u
#define __GFP_FS	0x80u
#define __GFP_COLD	0x100u
#define __GFP_NOWARN	0x200u
#define __GFP_REPEAT	0x400u
#define __GFP_NOFAIL	0x800u
#define __GFP_NORETRY	0x1000u
#define __GFP_COMP	0x4000u
#define __GFP_ZERO	0x8000u
#define __GFP_NOMEMALLOC 0x10000u
#define __GFP_HARDWALL	0x20000u
#define __GFP_THISNODE	0x40000u
#define __GFP_RECLAIMABLE 0x80000u
#define __GFP_NOTRACK	0x200000u
#define __GFP_BITS_SHIFT 22
#define GFP_NOWAIT	(GFP_ATOMIC & ~__GFP_HIGH)
#define GFP_ATOMIC	(__GFP_HIGH)
#define GFP_KERNEL	(__GFP_WAIT | __GFP_IO | __GFP_FS)
#define GFP_DMA		__GFP_DMA
#define GFP_THISNODE	0u	/* non-NUMA */
#define GFP_RECLAIM_MASK (__GFP_WAIT | __GFP_HIGH | __GFP_IO | __GFP_FS | \
			  __GFP_NOWARN | __GFP_REPEAT | __GFP_NOFAIL | \
			  __GFP_NORETRY | __GFP_NOMEMALLOC)
#define GFP_CONSTRAINT_MASK (__GFP_HARDWALL | __GFP_THISNODE)
#define GFP_SLAB_BUG_MASK (__GFP_DMA32 | __GFP_HIGHMEM | ~((1u << __GFP_BITS_SHIFT) - 1))

/* include/linux/slab.h */
#define SLAB_DEBUG_FREE		0x00000100UL
#define SLAB_RED_ZONE		0x00000400UL
#define SLAB_POISON		0x00000800UL
#define SLAB_HWCACHE_ALIGN	0x00002000UL
#define SLAB_CACHE_DMA		0x00004000UL
#define SLAB_STORE_USER		0x00010000UL
#define SLAB_RECLAIM_ACCOUNT	0x00020000UL
#define SLAB_PANIC		0x00040000UL
#define SLAB_DESTROY_BY_RCU	0x00080000UL
#define SLAB_MEM_SPREAD		0x00100000UL
#define SLAB_TRACE		0x00200000UL
#define SLAB_DEBUG_OBJECTS	0UL
#define SLAB_NOLEAKTRACE	0x00800000UL
#define SLAB_NOTRACK		0UL
#define CFLGS_OFF_SLAB		0x80000000UL

/*
 * The address itself, for the proofs: WP follows an integer cast to a
 * struct pointer, not a cast of ZERO_SIZE_PTR's void *.
 */
#define ZERO_SIZE_ADDR		16
#define ZERO_SIZE_PTR		((void *)ZERO_SIZE_ADDR)
#define ZERO_OR_NULL_PTR(x)	((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

#define KMALLOC_SHIFT_HIGH	22
#define KMALLOC_MAX_SIZE	(1UL << KMALLOC_SHIFT_HIGH)
#define KMALLOC_MAX_ORDER	(KMALLOC_SHIFT_HIGH - PAGE_SHIFT)

typedef unsigned int kmem_bufctl_t;
#define BUFCTL_END	(((kmem_bufctl_t)(~0U)) - 0)
#define BUFCTL_FREE	(((kmem_bufctl_t)(~0U)) - 1)
#define BUFCTL_ACTIVE	(((kmem_bufctl_t)(~0U)) - 2)
#define SLAB_LIMIT	(((kmem_bufctl_t)(~0U)) - 3)

struct list_head {
	struct list_head *next, *prev;
};

/* One slab; on-slab it sits at the colour offset, followed by the bufctls. */
struct slab {
	struct list_head list;
	unsigned long colouroff;
	void *s_mem;		/* first object, colour offset included */
	unsigned int inuse;	/* objects handed out */
	kmem_bufctl_t free;	/* head of the bufctl free chain */
	unsigned short nodeid;
};

/* A LIFO of object pointers: per-CPU, shared per node, or alien. */
struct array_cache {
	unsigned int avail;
	unsigned int limit;
	unsigned int batchcount;
	unsigned int touched;
	spinlock_t lock;
	void *entry[];
};

#define BOOT_CPUCACHE_ENTRIES 1
/*
 * The kernel nests array_cache (which ends in a flexible array member) in
 * a struct, a GNU extension Frama-C rejects; this union is the ISO C form,
 * which Frama-C accepts (slab_create.c, read by the proofs, uses it).
 */
union arraycache_init {
	struct array_cache cache;
	unsigned char bytes[sizeof(struct array_cache) +
			    BOOT_CPUCACHE_ENTRIES * sizeof(void *)];
};

/* The slab lists of one cache on one node. */
struct kmem_list3 {
	struct list_head slabs_partial;
	struct list_head slabs_full;
	struct list_head slabs_free;
	unsigned long free_objects;
	unsigned int free_limit;
	unsigned int colour_next;
	spinlock_t list_lock;
	struct array_cache *shared;
	struct array_cache **alien;
	unsigned long next_reap;
	int free_touched;
};

/* include/linux/slab_def.h, field for field. */
struct kmem_cache {
	struct array_cache *array[NR_CPUS];
	unsigned int batchcount;
	unsigned int limit;
	unsigned int shared;
	unsigned int buffer_size;
	uint32_t reciprocal_buffer_size;
	unsigned int flags;
	unsigned int num;
	unsigned int gfporder;
	gfp_t gfpflags;
	size_t colour;
	unsigned int colour_off;
	struct kmem_cache *slabp_cache;
	unsigned int slab_size;
	unsigned int dflags;
	void (*ctor)(void *obj);
	const char *name;
	struct list_head next;
#if STATS
	unsigned long num_active;
	unsigned long num_allocations;
	unsigned long high_mark;
	unsigned long grown;
	unsigned long reaped;
	unsigned long errors;
	unsigned long max_freeable;
	unsigned long node_allocs;
	unsigned long node_frees;
	unsigned long node_overflow;
	unsigned int allochit;		/* atomic_t */
	unsigned int allocmiss;
	unsigned int freehit;
	unsigned int freemiss;
#endif
#if DEBUG
	int obj_offset;
	int obj_size;
#endif
	struct kmem_list3 *nodelists[MAX_NUMNODES];
};

/* The general caches: malloc_sizes[] of mm/slab.c. */
struct cache_sizes {
	size_t cs_size;
	struct kmem_cache *cs_cachep;
	struct kmem_cache *cs_dmacachep;
};
#define NR_MALLOC_SIZES 19
extern struct cache_sizes malloc_sizes[NR_MALLOC_SIZES + 1];
extern struct kmem_cache cache_cache;
extern struct list_head cache_chain;

/* Boot: kmem_cache_init and _late on CPU 0, then each further CPU. */
void kmem_cache_init(void);
void kmem_cache_init_late(void);
int cpuup_prepare(long cpu);

struct kmem_cache *kmem_cache_create(const char *name, size_t size,
				     size_t align, unsigned long flags,
				     void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *cachep);
int kmem_cache_shrink(struct kmem_cache *cachep);
void *kmem_cache_alloc(struct kmem_cache *cachep, gfp_t flags);
void kmem_cache_free(struct kmem_cache *cachep, void *objp);
unsigned int kmem_cache_size(struct kmem_cache *cachep);
void *__kmalloc(size_t size, gfp_t flags);

/* The general caches' object sizes, smallest first (kmalloc_sizes.h). */
#define KMALLOC_SIZES(X) X(32) X(64) X(128) X(192) X(256) X(512) X(1024) \
	X(2048) X(4096) X(8192) X(16384) X(32768) X(65536) X(131072) \
	X(262144) X(524288) X(1048576) X(2097152) X(4194304)

/* malloc_sizes[] index of the first class that holds size; -1 if none. */
static inline __attribute__((always_inline)) int kmalloc_index(size_t size)
{
	int i = 0;

#define KMALLOC_FITS(x) if (size <= (x)) return i; i++;
	KMALLOC_SIZES(KMALLOC_FITS)
#undef KMALLOC_FITS
	return -1;
}

/*
 * Inline, as in slab_def.h: for a size the compiler knows, the class is
 * chosen at compile time and the call is kmem_cache_alloc's; any other
 * size walks malloc_sizes[] in __kmalloc.  Both reach the same cache, so
 * no trace can tell the paths apart.
 */
static inline __attribute__((always_inline)) void *kmalloc(size_t size, gfp_t flags)
{
	if (__builtin_constant_p(size)) {
		int i = kmalloc_index(size);

		if (!size)
			return ZERO_SIZE_PTR;
		if (i < 0)
			return NULL;
		return kmem_cache_alloc((flags & GFP_DMA) ? malloc_sizes[i].cs_dmacachep
							  : malloc_sizes[i].cs_cachep, flags);
	}
	return __kmalloc(size, flags);
}

static inline __attribute__((always_inline)) void *kzalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}
void kfree(const void *objp);
size_t ksize(const void *objp);
struct kmem_cache *kmem_find_general_cachep(size_t size, gfp_t gfpflags);

/* cache_reap: one pass on this CPU (the kernel's delayed work body). */
void cache_reap(void);

/* /proc/slabinfo.  The read emits text through put; write returns count or -errno. */
void slabinfo_show(void (*put)(void *ctx, const char *text), void *ctx);
long slabinfo_write(const char *buffer, size_t count);

/* Helpers the tests and the oracle use to look inside. */
struct kmem_cache *virt_to_cache(const void *obj);
struct slab *virt_to_slab(const void *obj);
unsigned int obj_to_index(const struct kmem_cache *cache,
			  const struct slab *slab, const void *obj);
kmem_bufctl_t *slab_bufctl(struct slab *slabp);
struct kmem_cache *kmem_cache_lookup(const char *name);
int slab_is_available(void);

/* Forget every cache and static boot structure (the platform frees pages). */
void slab_reset(void);

/* Debug diagnostics (DEBUG builds): the kernel's corruption checks. */
#if DEBUG
int obj_offset(struct kmem_cache *cachep);
int obj_size(struct kmem_cache *cachep);
#endif

#define EINVAL 22
#define ENOMEM 12
#define EFAULT 14

#endif
