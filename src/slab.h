/*
 * Internal declarations shared by the files of the allocator core.  Each
 * src/slab_*.c file holds one of mm/slab.c's concerns; this header is the
 * glue between them (the kernel has them all in one file as statics).
 */
#ifndef SLABREF_SRC_SLAB_H
#define SLABREF_SRC_SLAB_H

#include <string.h>
#include "slabref/slab.h"
#include "callee_save.h"

/*
 * The kernel's fast paths are inline (__cache_alloc is __always_inline,
 * ____cache_alloc and __cache_free inline).  Here they stay external too,
 * for the unit tests: an external definition that callers in the same
 * translation unit (or under LTO) always inline.
 */
#ifndef __always_inline		/* glibc's <sys/cdefs.h> has the same */
#define __always_inline	inline __attribute__((always_inline))
#endif

/* The kernel's branch hints, on the same branches as in mm/slab.c. */
#ifdef __FRAMAC__
#define likely(x)	(x)
#define unlikely(x)	(x)
#else
#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#endif

#define BYTES_PER_WORD		sizeof(void *)
#define REDZONE_ALIGN		8UL
#define ARCH_KMALLOC_MINALIGN	8UL
#define ARCH_SLAB_MINALIGN	0UL
#define ARCH_KMALLOC_FLAGS	SLAB_HWCACHE_ALIGN
#define CACHE_LINE_SIZE		64UL
#define L1_CACHE_BYTES		64UL

#if DEBUG
#define CREATE_MASK (SLAB_RED_ZONE | SLAB_POISON | SLAB_HWCACHE_ALIGN | \
		     SLAB_CACHE_DMA | SLAB_STORE_USER | SLAB_RECLAIM_ACCOUNT | \
		     SLAB_PANIC | SLAB_DESTROY_BY_RCU | SLAB_MEM_SPREAD | \
		     SLAB_DEBUG_OBJECTS | SLAB_NOLEAKTRACE | SLAB_NOTRACK)
#else
#define CREATE_MASK (SLAB_HWCACHE_ALIGN | SLAB_CACHE_DMA | \
		     SLAB_RECLAIM_ACCOUNT | SLAB_PANIC | SLAB_DESTROY_BY_RCU | \
		     SLAB_MEM_SPREAD | SLAB_DEBUG_OBJECTS | SLAB_NOLEAKTRACE | \
		     SLAB_NOTRACK)
#endif

#define BATCHREFILL_LIMIT	16
#define REAPTIMEOUT_CPUC	(2 * HZ)
#define REAPTIMEOUT_LIST3	(4 * HZ)
#define BREAK_GFP_ORDER_HI	1
#define BREAK_GFP_ORDER_LO	0
#define MAX_SLABINFO_WRITE	128

#define OFF_SLAB(x)	((x)->flags & CFLGS_OFF_SLAB)
#define BUG()		slab_bug(__func__)
#define BUG_ON(c)	do { if (c) slab_bug(__func__); } while (0)
#define local_irq_save(f)	((f) = arch_local_irq_save())
#define local_irq_restore(f)	arch_local_irq_restore(f)
#define time_after(a, b)	((long)((b) - (a)) < 0)

/* The arithmetic form of ALIGN: equal to the kernel's mask form for powers of two. */
#define ALIGN(x, a)	((((x) + (a) - 1) / (a)) * (a))

#define NUM_INIT_LISTS	(3 * MAX_NUMNODES)
#define CACHE_CACHE	0
#define SIZE_AC		MAX_NUMNODES
#define SIZE_L3		(2 * MAX_NUMNODES)
#define INDEX_AC	0	/* size-32 holds union arraycache_init (32 bytes) */
#define INDEX_L3	2	/* size-128 holds struct kmem_list3 (104 bytes) */

enum cpucache_state { NONE, PARTIAL_AC, PARTIAL_L3, EARLY, FULL };

/* The ACSL predicates of the proofs (make prove; proofs/REPORT.md). */
#ifdef __FRAMAC__
#include "../spec/slab_spec.h"
#endif

/* Global allocator state (mm/slab.c's file-scope statics). */
extern enum cpucache_state g_cpucache_up;
extern int slab_early_init;
extern int slab_break_gfp_order;
extern int use_alien_caches;
extern struct mutex cache_chain_mutex;
extern struct kmem_list3 initkmem_list3[NUM_INIT_LISTS];
extern union arraycache_init initarray_cache;
extern union arraycache_init initarray_generic;

/*
 * list.h, the operations slab uses.  The contracts name the links each
 * writes; \separated keeps the entry being linked apart from its new
 * neighbours (a head may be its own neighbour: an empty list).
 */
/*@
  requires valid: \valid(list);
  assigns list->next, list->prev;
  ensures empty: list_is_empty(list);
*/
static inline void INIT_LIST_HEAD(struct list_head *list)
{
	list->next = list;
	list->prev = list;
}

/*@
  requires valid: \valid(new) && \valid(prev) && \valid(next);
  requires apart: \separated(new, prev) && \separated(new, next);
  requires neighbours: same_or_apart(prev, next);
  assigns next->prev, new->next, new->prev, prev->next;
  ensures after_prev: list_linked(prev, new);
  ensures before_next: list_linked(new, next);
*/
static inline void __list_add(struct list_head *new, struct list_head *prev,
			      struct list_head *next)
{
	next->prev = new;
	new->next = next;
	new->prev = prev;
	prev->next = new;
}

/* At the head: the kernel's LIFO end (slabs_free, cache_chain). */
/*@
  requires valid: \valid(new) && \valid(head) && \valid(head->next);
  requires apart: \separated(new, head) && \separated(new, head->next);
  requires neighbours: same_or_apart(head, head->next);
  assigns head->next->prev, new->next, new->prev, head->next;
  ensures first: list_linked(head, new);
  ensures then_old_first: list_linked(new, \old(head->next));
*/
static inline void list_add(struct list_head *new, struct list_head *head)
{
	__list_add(new, head, head->next);
}

/*@
  requires valid: \valid(new) && \valid(head) && \valid(head->prev);
  requires apart: \separated(new, head) && \separated(new, head->prev);
  requires neighbours: same_or_apart(head->prev, head);
  assigns head->prev->next, new->next, new->prev, head->prev;
  ensures last: list_linked(new, head);
  ensures after_old_last: list_linked(\old(head->prev), new);
*/
static inline void list_add_tail(struct list_head *new, struct list_head *head)
{
	__list_add(new, head->prev, head);
}

/*@
  requires valid: \valid(entry) && \valid(entry->next) && \valid(entry->prev);
  requires apart: \separated(entry, entry->next) && \separated(entry, entry->prev);
  requires neighbours: same_or_apart(entry->prev, entry->next);
  assigns entry->next->prev, entry->prev->next, entry->next, entry->prev;
  ensures unlinked: list_linked(\old(entry->prev), \old(entry->next));
  ensures cleared: entry->next == \null && entry->prev == \null;
*/
static inline void list_del(struct list_head *entry)
{
	entry->next->prev = entry->prev;
	entry->prev->next = entry->next;
	entry->next = NULL;
	entry->prev = NULL;
}

/*@
  requires valid: \valid_read(head);
  assigns \nothing;
  ensures empty: \result != 0 <==> head->next == head;
*/
static inline int list_empty(const struct list_head *head)
{
	const struct list_head *next = head->next;

	return next == head;
}

/* The entries of list go in front of head's, list itself is left as it was. */
/*@
  requires valid: \valid(list) && \valid(head) && \valid(head->next);
  requires apart_heads: \separated(list, head);
  requires neighbours: same_or_apart(head, head->next);
  behavior empty:
    assumes list->next == list;
    assigns \nothing;
  behavior entries:
    assumes list->next != list;
    requires valid_ends: \valid(list->next) && \valid(list->prev);
    requires apart: \separated(list->next, head) && \separated(list->prev, head) &&
                    \separated(list->next, head->next) &&
                    \separated(list->prev, head->next);
    requires ends: same_or_apart(list->next, list->prev);
    assigns list->next->prev, head->next, list->prev->next, head->next->prev;
    ensures first: list_linked(head, \old(list->next));
    ensures last: list_linked(\old(list->prev), \old(head->next));
  complete behaviors;
  disjoint behaviors;
*/
static inline void list_splice(struct list_head *list, struct list_head *head)
{
	if (!list_empty(list)) {
		struct list_head *first = list->next, *last = list->prev;
		struct list_head *at = head->next;

		first->prev = head;
		head->next = first;
		last->next = at;
		at->prev = last;
	}
}

/*
 * The two container_of conversions, isolated.  list_slab's contract is
 * proved under Typed+cast (the slabinfo unit, proofs.mk).
 */
/*@
  assigns \nothing;
  ensures container: \result == node_slab(p);
*/
static inline struct slab *list_slab(struct list_head *p)
{
	return (struct slab *)((char *)p - offsetof(struct slab, list));
}

/*@ assigns \nothing; */
static inline struct kmem_cache *list_cache(struct list_head *p)
{
	return (struct kmem_cache *)((char *)p - offsetof(struct kmem_cache, next));
}

/*@
  requires valid: \valid_read(cachep);
  assigns \nothing;
  ensures this_cpu: 0 <= cur_cpu < NR_CPUS && \result == this_array(cachep);
*/
static inline struct array_cache *cpu_cache_get(struct kmem_cache *cachep)
{
	return cachep->array[smp_processor_id()];
}

/* The slots of an array cache (its flexible entry[]), as a plain pointer. */
/*@
  assigns \nothing;
  ensures slots: \result == ac_slots(ac);
*/
static inline void **ac_entries(struct array_cache *ac)
{
	return ac->entry;
}

/*@
  requires valid: \valid_read(cache) && \valid_read(slab);
  requires no_wrap: cache->buffer_size * idx <= 0xffffffffffffffff;
  assigns \nothing;
  ensures address: \result == obj_addr(slab, cache->buffer_size, idx);
*/
static inline void *index_to_obj(struct kmem_cache *cache, struct slab *slab,
				 unsigned int idx)
{
	return (char *)slab->s_mem + (size_t)cache->buffer_size * idx;
}

/*@
  assigns \nothing;
  ensures online: 1 <= \result <= NR_CPUS;
*/
static inline unsigned int nr_cpus_node(int node)
{
	(void)node;
	return (unsigned int)num_online_cpus();
}

#if !DEBUG
#define obj_offset(x)	0
#define obj_size(c)	((int)(c)->buffer_size)
#endif

#if STATS
#define STATS_INC_ACTIVE(x)	((x)->num_active++)
#define STATS_DEC_ACTIVE(x)	((x)->num_active--)
#define STATS_INC_ALLOCED(x)	((x)->num_allocations++)
#define STATS_INC_GROWN(x)	((x)->grown++)
#define STATS_ADD_REAPED(x, y)	((x)->reaped += (unsigned long)(y))
#define STATS_SET_HIGH(x)	do { if ((x)->num_active > (x)->high_mark) \
					(x)->high_mark = (x)->num_active; } while (0)
#define STATS_SET_FREEABLE(x, i) do { if ((x)->max_freeable < (unsigned long)(i)) \
					(x)->max_freeable = (unsigned long)(i); } while (0)
#define STATS_INC_ALLOCHIT(x)	((x)->allochit++)
#define STATS_INC_ALLOCMISS(x)	((x)->allocmiss++)
#define STATS_INC_FREEHIT(x)	((x)->freehit++)
#define STATS_INC_FREEMISS(x)	((x)->freemiss++)
#else
#define STATS_INC_ACTIVE(x)	do { } while (0)
#define STATS_DEC_ACTIVE(x)	do { } while (0)
#define STATS_INC_ALLOCED(x)	do { } while (0)
#define STATS_INC_GROWN(x)	do { } while (0)
#define STATS_ADD_REAPED(x, y)	do { (void)(y); } while (0)
#define STATS_SET_HIGH(x)	do { } while (0)
#define STATS_SET_FREEABLE(x, i) do { } while (0)
#define STATS_INC_ALLOCHIT(x)	do { } while (0)
#define STATS_INC_ALLOCMISS(x)	do { } while (0)
#define STATS_INC_FREEHIT(x)	do { } while (0)
#define STATS_INC_FREEMISS(x)	do { } while (0)
#endif

/* slab_string.c */
int name_equal(const char *a, const char *b);
const char *scan_int(const char *s, int *out);

/* slab_estimate.c */
size_t slab_mgmt_size(size_t nr_objs, size_t align);
void cache_estimate(unsigned long gfporder, size_t buffer_size, size_t align,
		    unsigned long flags, size_t *left_over, unsigned int *num);
size_t calculate_slab_order(struct kmem_cache *cachep, size_t size,
			    size_t align, unsigned long flags);
uint32_t reciprocal_value(uint32_t k);
uint32_t reciprocal_divide(uint32_t a, uint32_t r);

/* slab_create.c */
struct array_cache *alloc_arraycache(int node, int entries,
				     unsigned int batchcount, gfp_t gfp);
int enable_cpucache(struct kmem_cache *cachep, gfp_t gfp);
/*
 * Assumed where enable_cpucache calls it, not proved (proofs/TRUSTED.md,
 * "Assumed, not yet proved"): it returns -ENOMEM itself or what
 * alloc_kmemlist returns, 0 or -ENOMEM.  Its requires are what every
 * array accepts (ac_wellformed) and the shared multiplier enable_cpucache
 * and slabinfo_write pass.  It frees only its ccupdate block and the
 * arrays it replaced, never the descriptor.  No assigns clause: WP takes
 * it as writing everything.
 */
/*@
  requires tunables: 1 <= batchcount <= limit < 0x10000000;
  requires shared: 0 <= shared;
  ensures cache: \valid_read(cachep);
  ensures result: \result == 0 || \result == -ENOMEM;
*/
int do_tune_cpucache(struct kmem_cache *cachep, int limit, int batchcount,
		     int shared, gfp_t gfp);
void kmem_list3_init(struct kmem_list3 *parent);
void set_up_list3s(struct kmem_cache *cachep, int index);

/* slab_alloc.c */
void *____cache_alloc(struct kmem_cache *cachep, gfp_t flags);
/*
 * Assumed where ____cache_alloc calls it, not proved: the refill walks the
 * slab lists, which have no model yet (proofs/TRUSTED.md, "Assumed, not
 * yet proved").  No assigns clause: WP takes it as writing everything.
 */
/*@
  requires cpu: 0 <= cur_cpu < NR_CPUS;
  requires cache: \valid_read(cachep);
  requires array: ac_wellformed(this_array(cachep));
  requires empty: this_array(cachep)->avail == 0;
  ensures cpu: 0 <= cur_cpu < NR_CPUS;
  ensures cache: \valid_read(cachep);
  ensures array: ac_wellformed(this_array(cachep));
  ensures size: cachep->buffer_size == \old(cachep->buffer_size);
  ensures object: object_or_null(\result, cachep->buffer_size);
*/
void *cache_alloc_refill(struct kmem_cache *cachep, gfp_t flags) CALLEE_SAVE_TARGET;
int transfer_objects(struct array_cache *to, struct array_cache *from,
		     unsigned int max);
void ac_copy(void **dst, unsigned int d, void *const *src, unsigned int s,
	     unsigned int n);
void *slab_get_obj(struct kmem_cache *cachep, struct slab *slabp, int nodeid)
	/*@ ghost (unsigned int \ghost *order) */;
void *__cache_alloc(struct kmem_cache *cachep, gfp_t flags, void *caller);

/* slab_grow.c */
int cache_grow(struct kmem_cache *cachep, gfp_t flags, int nodeid, void *objp);
void slab_destroy(struct kmem_cache *cachep, struct slab *slabp);
void cache_init_objs(struct kmem_cache *cachep, struct slab *slabp)
	/*@ ghost (unsigned int \ghost *order) */;

/* slab_free.c */
void __cache_free(struct kmem_cache *cachep, void *objp, void *caller);
void cache_flusharray(struct kmem_cache *cachep, struct array_cache *ac) CALLEE_SAVE_TARGET;
void ac_shift_down(void **slots, unsigned int n, unsigned int rest);
/*
 * Assumed where cache_flusharray and drain_array call it, not proved (it
 * walks the slab lists: proofs/TRUSTED.md, "Assumed, not yet proved").
 * It writes the slabs, the node's lists and counters, and through
 * slab_destroy of an off-slab descriptor another cache's arrays, never
 * the array whose slots it frees from.  No assigns clause: WP takes it as
 * writing everything else.
 */
/*@
  requires objects: 0 <= nr_objects && \valid_read(objpp + (0 .. nr_objects - 1));
  requires node: 0 <= node < MAX_NUMNODES && \valid_read(cachep) &&
             \valid(cachep->nodelists[node]);
  ensures node: \valid(\old(cachep->nodelists[node]));
  ensures source_kept: \forall struct array_cache *ac;
            ac_slots(ac) == objpp ==> ac_same{Pre, Post}(ac) &&
            (\at(ac_wellformed(ac), Pre) ==> ac_wellformed(ac));
*/
void free_block(struct kmem_cache *cachep, void **objpp, int nr_objects,
		int node);
void slab_put_obj(struct kmem_cache *cachep, struct slab *slabp, void *objp,
		  int nodeid)
	/*@ ghost (unsigned int \ghost *order) */;

/* slab_reap.c */
void drain_array(struct kmem_cache *cachep, struct kmem_list3 *l3,
		 struct array_cache *ac, int force, int node);
int drain_freelist(struct kmem_cache *cache, struct kmem_list3 *l3, int tofree);
void __kmem_cache_destroy(struct kmem_cache *cachep);
void slab_error_fn(const char *function, struct kmem_cache *cachep,
		   const char *msg);
#define slab_error(cachep, msg) slab_error_fn(__func__, cachep, msg)

/* slab_debug.c (DEBUG builds; no-ops otherwise) */
#if DEBUG
void *cache_alloc_debugcheck_after(struct kmem_cache *cachep, gfp_t flags,
				   void *objp, void *caller);
void *cache_free_debugcheck(struct kmem_cache *cachep, void *objp,
			    void *caller);
void check_slabp(struct kmem_cache *cachep, struct slab *slabp);
void slab_destroy_debugcheck(struct kmem_cache *cachep, struct slab *slabp);
void kfree_debugcheck(const void *objp);
void kmem_flagcheck(struct kmem_cache *cachep, gfp_t flags);
void poison_obj(struct kmem_cache *cachep, void *addr, unsigned char val);
unsigned long long *dbg_redzone1(struct kmem_cache *cachep, void *objp);
unsigned long long *dbg_redzone2(struct kmem_cache *cachep, void *objp);
void **dbg_userword(struct kmem_cache *cachep, void *objp);
#else
#define cache_alloc_debugcheck_after(a, b, objp, d) (objp)
#define cache_free_debugcheck(x, objp, z) (objp)
#define check_slabp(x, y) do { } while (0)
#define slab_destroy_debugcheck(x, y) do { } while (0)
#define kfree_debugcheck(x) do { } while (0)
void kmem_flagcheck(struct kmem_cache *cachep, gfp_t flags);
#endif

#define POISON_INUSE	0x5a
#define POISON_FREE	0x6b
#define POISON_END	0xa5
#define RED_INACTIVE	0x09F911029D74E35BULL
#define RED_ACTIVE	0xD84156C5635688C0ULL

_Static_assert(sizeof(struct slab) == 48, "struct slab is 48 bytes on x86_64");
_Static_assert(sizeof(struct array_cache) == 24, "struct array_cache is 24 bytes");
#ifndef __FRAMAC__
_Static_assert(sizeof(union arraycache_init) == 32, "arraycache_init is 32 bytes");
#endif
_Static_assert(sizeof(struct kmem_list3) == 104, "struct kmem_list3 is 104 bytes");
_Static_assert(offsetof(struct kmem_cache, nodelists) == 8 * NR_CPUS + 104 + 104 * DEBUG,
	       "struct kmem_cache matches slab_def.h");

#endif
