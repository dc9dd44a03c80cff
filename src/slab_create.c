/*
 * Cache creation and the per-CPU / shared array tunables:
 * kmem_cache_create, setup_cpu_cache, enable_cpucache, do_tune_cpucache,
 * alloc_kmemlist and alloc_arraycache.
 */
#include "slab.h"
/*
 * Only this file's proofs use spec/geometry.h: the lemmas there would
 * otherwise join the context of every other proved function's goals.
 */
#ifdef __FRAMAC__
#include "../spec/geometry.h"
#include "../spec/tunables.h"
#include "../spec/kmalloc.h"
#endif

/*@
  requires valid: \valid(parent);
  assigns *parent;
  ensures empty_full: list_is_empty(&parent->slabs_full);
  ensures empty_partial: list_is_empty(&parent->slabs_partial);
  ensures empty_free: list_is_empty(&parent->slabs_free);
  ensures no_arrays: parent->shared == \null && parent->alien == \null;
  ensures counters: parent->colour_next == 0 && parent->free_objects == 0 &&
                    parent->free_touched == 0;
*/
void kmem_list3_init(struct kmem_list3 *parent)
{
	INIT_LIST_HEAD(&parent->slabs_full);
	INIT_LIST_HEAD(&parent->slabs_partial);
	INIT_LIST_HEAD(&parent->slabs_free);
	parent->shared = NULL;
	parent->alien = NULL;
	parent->colour_next = 0;
	spin_lock_init(&parent->list_lock);
	parent->free_objects = 0;
	parent->free_touched = 0;
}

static unsigned long reap_offset(struct kmem_cache *cachep)
{
	return jiffies_now() + REAPTIMEOUT_LIST3 +
	       ((unsigned long)cachep) % REAPTIMEOUT_LIST3;
}

/*
 * The kernel sizes the array in an int: 8 * entries + 24 wraps for
 * entries >= 2^28, and a negative size reaches kmalloc as a huge size_t.
 * Proved in the Typed+cast unit (proofs.mk: kmalloc's void * is the
 * array), for entries below 2^28 (every array's limit, ac_wellformed)
 * whose size class has a general cache: __kmalloc's other returns are
 * not specified (src/slab_init.c).
 */
/*@
  requires table: sizes_table;
  requires cpu: 0 <= cur_cpu < NR_CPUS;
  requires caches: general_caches_ready;
  requires entries: 0 <= entries < 0x10000000;
  requires class_ready: 8 * entries + 24 < 0x80000000 ==>
             \forall integer i; first_fit(8 * entries + 24, i) ==>
             (unsigned long)general_cache(i, gfp) > ZERO_SIZE_ADDR;
  ensures header: \result != \null ==>
            \valid(&\result->avail) && \valid(&\result->limit) &&
            \valid(&\result->batchcount) && \valid(&\result->touched);
  ensures fresh: \result != \null ==>
            \result->avail == 0 && \result->limit == entries &&
            \result->batchcount == batchcount && \result->touched == 0;
*/
struct array_cache *alloc_arraycache(int node, int entries,
				     unsigned int batchcount, gfp_t gfp)
{
	uint32_t memsize = 8u * (uint32_t)entries + (uint32_t)sizeof(struct array_cache);
	struct array_cache *nc = NULL;

	(void)node;
	if (memsize < 0x80000000u)
		nc = kmalloc(memsize, gfp);
	/*
	 * A size that wraps to exactly 0 gets ZERO_SIZE_PTR, which the kernel's
	 * NULL test lets through to its first store.
	 */
	if (nc == ZERO_SIZE_PTR)
		slab_oops("alloc_arraycache", "a zero-size kmalloc (8 * entries + 24 "
			  "wraps to 0) returns ZERO_SIZE_PTR, and the array is written through it");
	if (!nc)
		return NULL;
	nc->avail = 0;
	nc->limit = (unsigned int)entries;
	nc->batchcount = batchcount;
	nc->touched = 0;
	spin_lock_init(&nc->lock);
	return nc;
}

static int alloc_kmemlist(struct kmem_cache *cachep, gfp_t gfp)
{
	int node;
	struct kmem_list3 *l3;
	struct array_cache *new_shared;

	for (node = 0; node < MAX_NUMNODES; node++) {
		new_shared = NULL;
		if (cachep->shared) {
			new_shared = alloc_arraycache(node,
					(int)(cachep->shared * cachep->batchcount),
					0xbaadf00d, gfp);
			if (!new_shared)
				goto fail;
		}

		l3 = cachep->nodelists[node];
		if (l3) {
			struct array_cache *shared = l3->shared;

			spin_lock(&l3->list_lock);
			if (shared)
				free_block(cachep, shared->entry,
					   (int)shared->avail, node);
			l3->shared = new_shared;
			l3->free_limit = (1 + nr_cpus_node(node)) *
					 cachep->batchcount + cachep->num;
			spin_unlock(&l3->list_lock);
			kfree(shared);
			continue;
		}
		l3 = kmalloc(sizeof(struct kmem_list3), gfp);
		if (!l3) {
			kfree(new_shared);
			goto fail;
		}
		kmem_list3_init(l3);
		l3->next_reap = reap_offset(cachep);
		l3->shared = new_shared;
		l3->free_limit = (1 + nr_cpus_node(node)) * cachep->batchcount +
				 cachep->num;
		cachep->nodelists[node] = l3;
	}
	return 0;

fail:
	if (!cachep->next.next) {
		/* Not on the cache chain yet: undo the nodes already set up. */
		node--;
		while (node >= 0) {
			if (cachep->nodelists[node]) {
				l3 = cachep->nodelists[node];
				kfree(l3->shared);
				kfree(l3);
				cachep->nodelists[node] = NULL;
			}
			node--;
		}
	}
	return -ENOMEM;
}

/* 8 + 8 * NR_CPUS bytes, kzalloc'ed by every tune as in the kernel. */
struct ccupdate_struct {
	struct kmem_cache *cachep;
	struct array_cache *new[NR_CPUS];
};
_Static_assert(sizeof(struct ccupdate_struct) == 8 + 8 * NR_CPUS,
	       "ccupdate_struct is 520 bytes with NR_CPUS 64");

/*
 * on_each_cpu's function for a tune: swaps this CPU's array with the new
 * one the block holds for it, leaving the old one there for the caller
 * to free.  Proved in the Typed+cast unit (proofs.mk): info is a cast.
 */
/*@
  requires cpu: 0 <= cur_cpu < NR_CPUS;
  requires info: \valid((struct ccupdate_struct *)info);
  requires cache: \valid(((struct ccupdate_struct *)info)->cachep);
  requires apart: \separated(&((struct ccupdate_struct *)info)->cachep->array[cur_cpu],
                             (struct ccupdate_struct *)info);
  assigns ((struct ccupdate_struct *)info)->cachep->array[cur_cpu],
          ((struct ccupdate_struct *)info)->new[cur_cpu];
  ensures swapped: \let n = (struct ccupdate_struct *)info;
            this_array(n->cachep) == \old(n->new[cur_cpu]) &&
            n->new[cur_cpu] == \old(this_array(n->cachep));
*/
static void do_ccupdate_local(void *info)
{
	struct ccupdate_struct *new = info;
	struct array_cache *old;
	int cpu = smp_processor_id();

	old = cpu_cache_get(new->cachep);
	new->cachep->array[cpu] = new->new[cpu];
	new->new[cpu] = old;
}

int do_tune_cpucache(struct kmem_cache *cachep, int limit, int batchcount,
		     int shared, gfp_t gfp)
{
	struct ccupdate_struct *new;
	int i;

	new = kzalloc(sizeof(*new), gfp);
	if (!new)
		return -ENOMEM;

	for (i = 0; i < NR_CPUS; i++) {
		if (!cpu_online(i))
			continue;
		new->new[i] = alloc_arraycache(0, limit, (unsigned int)batchcount, gfp);
		if (!new->new[i]) {
			for (i--; i >= 0; i--)
				kfree(new->new[i]);
			kfree(new);
			return -ENOMEM;
		}
	}
	new->cachep = cachep;

	on_each_cpu(do_ccupdate_local, new, 1);

	cachep->batchcount = (unsigned int)batchcount;
	cachep->limit = (unsigned int)limit;
	cachep->shared = (unsigned int)shared;

	for (i = 0; i < NR_CPUS; i++) {
		struct array_cache *ccold = new->new[i];

		if (!cpu_online(i) || !ccold)
			continue;
		spin_lock(&cachep->nodelists[0]->list_lock);
		free_block(cachep, ccold->entry, (int)ccold->avail, 0);
		spin_unlock(&cachep->nodelists[0]->list_lock);
		kfree(ccold);
	}
	kfree(new);
	return alloc_kmemlist(cachep, gfp);
}

/*@
  requires cache: \valid_read(cachep);
  ensures result: \result == 0 || \result == -ENOMEM;
*/
int enable_cpucache(struct kmem_cache *cachep, gfp_t gfp)
{
	int err;
	int limit, shared;

	if (cachep->buffer_size > 131072)
		limit = 1;
	else if (cachep->buffer_size > PAGE_SIZE)
		limit = 8;
	else if (cachep->buffer_size > 1024)
		limit = 24;
	else if (cachep->buffer_size > 256)
		limit = 54;
	else
		limit = 120;

	/* On one CPU a shared array is only a bigger per-CPU array. */
	shared = 0;
	if (cachep->buffer_size <= PAGE_SIZE && num_possible_cpus() > 1)
		shared = 8;

#if DEBUG
	/* Debug checks run with interrupts off: keep the batches short. */
	if (limit > 32)
		limit = 32;
#else
	/*@ assert tune_limit: limit == cpucache_limit(cachep->buffer_size); */
#endif
	/*@ assert tune_batch: 1 <= (limit + 1) / 2 <= limit < 0x10000000; */
	/*@ assert tune_shared: shared == 0 ||
	      (shared == 8 && cachep->buffer_size <= PAGE_SIZE); */
	err = do_tune_cpucache(cachep, limit, (limit + 1) / 2, shared, gfp);
	if (err)
		printk("enable_cpucache failed for %s, error %d.\n",
		       cachep->name, -err);
	return err;
}

void set_up_list3s(struct kmem_cache *cachep, int index)
{
	int node;

	for (node = 0; node < MAX_NUMNODES; node++) {
		cachep->nodelists[node] = &initkmem_list3[index + node];
		cachep->nodelists[node]->next_reap = reap_offset(cachep);
	}
}

static int setup_cpu_cache(struct kmem_cache *cachep, gfp_t gfp)
{
	struct array_cache *ac;

	if (g_cpucache_up == FULL)
		return enable_cpucache(cachep, gfp);

	if (g_cpucache_up == NONE) {
		/* The first cache is size-32, which kmalloc(32) of the arrays needs. */
		cachep->array[smp_processor_id()] = &initarray_generic.cache;
		set_up_list3s(cachep, SIZE_AC);
		g_cpucache_up = (INDEX_AC == INDEX_L3) ? PARTIAL_L3 : PARTIAL_AC;
	} else {
		cachep->array[smp_processor_id()] =
			kmalloc(sizeof(union arraycache_init), gfp);
		if (g_cpucache_up == PARTIAL_AC) {
			set_up_list3s(cachep, SIZE_L3);
			g_cpucache_up = PARTIAL_L3;
		} else {
			int node;

			for (node = 0; node < MAX_NUMNODES; node++) {
				cachep->nodelists[node] =
					kmalloc(sizeof(struct kmem_list3), gfp);
				BUG_ON(!cachep->nodelists[node]);
				kmem_list3_init(cachep->nodelists[node]);
			}
		}
	}
	BUG_ON(!cpu_cache_get(cachep));
	cachep->nodelists[numa_node_id()]->next_reap = reap_offset(cachep);

	ac = cpu_cache_get(cachep);
	ac->avail = 0;
	ac->limit = BOOT_CPUCACHE_ENTRIES;
	ac->batchcount = 1;
	ac->touched = 0;
	cachep->batchcount = 1;
	cachep->limit = BOOT_CPUCACHE_ENTRIES;
	return 0;
}

/*@
  assigns \nothing;
  ensures zero: \result == 0 <==> x == 0;
  ensures range: 0 <= \result <= 64;
*/
static int fls_ul(unsigned long x)
{
	int r = 0;

	/*@ loop invariant shifted: x == \at(x, Pre) >> r;
	    loop invariant counted: 0 <= r <= 64;
	    loop invariant width: (\at(x, Pre) >> 64) == 0;
	    loop invariant seen: r > 0 ==> \at(x, Pre) != 0;
	    loop assigns x, r;
	    loop variant x; */
	while (x) {
		r++;
		x >>= 1;
	}
	return r;
}

/*
 * A zeroed descriptor from the cache of caches (what the kernel's
 * kmem_cache_zalloc(&cache_cache, gfp) does).  Its result is typed because
 * WP's Typed model does not follow a cast from void * to a structure
 * pointer; the contract is trusted, not proved (proofs/TRUSTED.md): the
 * objects of cache_cache are whole descriptors, __GFP_ZERO zeroes them,
 * and only kmem_cache_init writes slab_break_gfp_order.  No assigns
 * clause: WP takes the call as writing everything else.
 */
/*@
  ensures kept_break_order:
    slab_break_gfp_order == \old(slab_break_gfp_order);
  ensures descriptor: \result == \null
    || (\valid(\result) && \separated(\result, &slab_break_gfp_order)
        && \result->num == 0);
*/
static struct kmem_cache *cache_descriptor_zalloc(gfp_t gfp)
{
	return kmem_cache_alloc(&cache_cache, gfp | __GFP_ZERO);
}

/*
 * Only the geometry assertions geom_* (and the preconditions of the
 * calculate_slab_order call) are proved (proofs/REPORT.md; TRUSTED.md).
 * align_pow2: the kernel's ALIGN assumes a power of two and nothing checks
 * it; the oracle's trace parser rejects other alignments and any above a
 * page.  break_order: set by kmem_cache_init only, to 0 or 1.
 */
/*@
  requires align_pow2: align == 0 || pow2_upto_page(align);
  requires break_order: 0 <= slab_break_gfp_order;
*/
struct kmem_cache *kmem_cache_create(const char *name, size_t size,
				     size_t align, unsigned long flags,
				     void (*ctor)(void *))
{
	size_t left_over, slab_size, ralign;
	struct kmem_cache *cachep = NULL;
	struct list_head *p;
	gfp_t gfp;

	if (!name || in_interrupt() || size < BYTES_PER_WORD ||
	    size > KMALLOC_MAX_SIZE) {
		printk("%s: Early error in slab %s\n", __func__,
		       name ? name : "(null)");
		BUG();
	}

	if (slab_is_available()) {
		get_online_cpus();
		mutex_lock(&cache_chain_mutex);
	}

	/*@ loop assigns p; */
	for (p = cache_chain.next; p != &cache_chain; p = p->next) {
		struct kmem_cache *pc = list_cache(p);

		if (name_equal(pc->name, name)) {
			printk("kmem_cache_create: duplicate cache %s\n", name);
			dump_stack();
			goto oops;
		}
	}

#if DEBUG
#if FORCED_DEBUG
	/* Debug words that would push the size past a power of two are skipped. */
	if (size < 4096 || fls_ul(size - 1) == fls_ul(size - 1 + REDZONE_ALIGN +
						   2 * sizeof(unsigned long long)))
		flags |= SLAB_RED_ZONE | SLAB_STORE_USER;
	if (!(flags & SLAB_DESTROY_BY_RCU))
		flags |= SLAB_POISON;
#endif
	if (flags & SLAB_DESTROY_BY_RCU)
		BUG_ON(flags & SLAB_POISON);
#else
	(void)fls_ul;
#endif
	BUG_ON(flags & ~CREATE_MASK);
	/*@ assert geom_flags: (flags & CFLGS_OFF_SLAB) == 0
	      && (flags & SLAB_STORE_USER) == 0 && (flags & SLAB_RED_ZONE) == 0; */

	/* Round up to a word (ALIGN's arithmetic form, src/slab.h). */
	if (size & (BYTES_PER_WORD - 1))
		size = ALIGN(size, BYTES_PER_WORD);
	/*@ assert geom_word: 8 <= size <= KMALLOC_MAX_SIZE; */

	if (flags & SLAB_HWCACHE_ALIGN) {
		/* Small objects share a cache line rather than each taking one. */
		ralign = CACHE_LINE_SIZE;
		/*@ loop invariant geom_ralign_loop: ralign == 8 || ralign == 16
		      || ralign == 32 || ralign == 64;
		    loop assigns ralign; */
		while (size <= ralign / 2)
			ralign /= 2;
	} else {
		ralign = BYTES_PER_WORD;
	}
	if (flags & SLAB_STORE_USER)
		ralign = BYTES_PER_WORD;
	if (flags & SLAB_RED_ZONE) {
		ralign = REDZONE_ALIGN;
		size += REDZONE_ALIGN - 1;
		size &= ~(REDZONE_ALIGN - 1);
	}
	/* ARCH_SLAB_MINALIGN is 0 on x86_64: no arch-mandated step. */
	if (ralign < align)
		ralign = align;
	if (ralign > 8)
		flags &= ~(SLAB_RED_ZONE | SLAB_STORE_USER);
	align = ralign;
	/*@ assert geom_align: pow2_upto_page(align) && 8 <= align; */

	gfp = slab_is_available() ? GFP_KERNEL : GFP_NOWAIT;

	cachep = cache_descriptor_zalloc(gfp);
	if (!cachep)
		goto oops;
	/*@ assert geom_fresh: cachep->num == 0; */

#if DEBUG
	cachep->obj_size = (int)size;
	if (flags & SLAB_RED_ZONE) {
		cachep->obj_offset += (int)sizeof(unsigned long long);
		size += 2 * sizeof(unsigned long long);
	}
	if (flags & SLAB_STORE_USER) {
		/* The last-user word follows the second red zone, 8-aligned. */
		if (flags & SLAB_RED_ZONE)
			size += REDZONE_ALIGN;
		else
			size += BYTES_PER_WORD;
	}
#endif

	/* Large objects keep their descriptor in a general cache. */
	if (size >= (PAGE_SIZE >> 3) && !slab_early_init)
		flags |= CFLGS_OFF_SLAB;

	/*@ ghost size_t geom_unaligned = size; */
	size = ALIGN(size, align);
	/*@ assert geom_aligned_eq: size == align_up(geom_unaligned, align)
	      && pow2_upto_page(align) && 8 <= geom_unaligned <= KMALLOC_MAX_SIZE; */
	/*@ assert geom_aligned: size % align == 0 && align <= size <= KMALLOC_MAX_SIZE; */

	left_over = calculate_slab_order(cachep, size, align, flags);

	if (!cachep->num) {
		printk("kmem_cache_create: couldn't create cache %s.\n", name);
		kmem_cache_free(&cache_cache, cachep);
		cachep = NULL;
		goto oops;
	}
	/*@ assert geom_order: cachep->gfporder <= KMALLOC_MAX_ORDER
	      && cachep->num == est_num(cachep->gfporder, size, align, flags)
	      && left_over == est_left(cachep->gfporder, size, align, flags); */
	/*@ assert geom_estimate: 1 <= cachep->num && cachep->gfporder <= KMALLOC_MAX_ORDER
	      && slab_layout((flags & CFLGS_OFF_SLAB) != 0 ? 0 : mgmt_size(cachep->num, align),
	                     cachep->num, size, left_over, cachep->gfporder); */
	slab_size = ALIGN(cachep->num * sizeof(kmem_bufctl_t) + sizeof(struct slab),
			  align);

	/*@ assert geom_slab_size: slab_size == mgmt_size(cachep->num, align); */

	/* Room left over for the descriptor: keep it on the slab after all. */
	if ((flags & CFLGS_OFF_SLAB) && left_over >= slab_size) {
		flags &= ~CFLGS_OFF_SLAB;
		left_over -= slab_size;
		/*@ assert geom_now_on: (flags & CFLGS_OFF_SLAB) == 0; */
	}
	/*@ assert geom_layout_kept: slab_layout((flags & CFLGS_OFF_SLAB) != 0 ? 0 : slab_size,
	      cachep->num, size, left_over, cachep->gfporder); */

	if (flags & CFLGS_OFF_SLAB)
		slab_size = cachep->num * sizeof(kmem_bufctl_t) + sizeof(struct slab);
	/*@ assert geom_layout_mgmt: slab_layout((flags & CFLGS_OFF_SLAB) != 0 ? 0 : slab_size,
	      cachep->num, size, left_over, cachep->gfporder); */

	cachep->colour_off = CACHE_LINE_SIZE;
	if (cachep->colour_off < align)
		cachep->colour_off = (unsigned int)align;
	/*@ assert geom_colour_div: cachep->colour_off >= 8
	      && (left_over / cachep->colour_off) * cachep->colour_off <= left_over; */
	cachep->colour = left_over / cachep->colour_off;
	/*@ assert geom_colour_set: cachep->colour == left_over / cachep->colour_off
	      && cachep->colour_off == (align > CACHE_LINE_SIZE ? align : CACHE_LINE_SIZE); */
	cachep->slab_size = (unsigned int)slab_size;
	cachep->flags = (unsigned int)flags;
	cachep->gfpflags = 0;
	if (flags & SLAB_CACHE_DMA)
		cachep->gfpflags |= GFP_DMA;
	cachep->buffer_size = (unsigned int)size;
	cachep->reciprocal_buffer_size = reciprocal_value((uint32_t)size);

	/*
	 * The geometry (proved, make prove): a power-of-two alignment of at
	 * least a word, objects a multiple of it, colours that are multiples
	 * of it, the slab exactly management area + objects + left-over, and
	 * at every colour offset the management area (on-slab) and all
	 * objects inside the slab's pages.
	 */
	/*@ assert geom_align_pow2: pow2_upto_page(align) && align >= 8; */
	/*@ assert geom_size_aligned: size % align == 0; */
	/*@ assert geom_colour_kept: cachep->colour == left_over / cachep->colour_off
	      && cachep->colour_off == (align > CACHE_LINE_SIZE ? align : CACHE_LINE_SIZE); */
	/*@ assert geom_colour: cachep->colour == left_over / cachep->colour_off
	      && cachep->colour_off >= align && cachep->colour_off % align == 0
	      && cachep->colour_off == (align > CACHE_LINE_SIZE ? align : CACHE_LINE_SIZE); */
	/*@ assert geom_layout: slab_layout((flags & CFLGS_OFF_SLAB) != 0 ? 0 : slab_size,
	      cachep->num, size, left_over, cachep->gfporder); */
	/*@ assert geom_colour_room: cachep->colour_off > 0
	      && cachep->colour * cachep->colour_off <= left_over; */
	/*@ assert geom_colour_last: cachep->colour > 0 ==>
	      (cachep->colour - 1) * cachep->colour_off <= left_over; */
	/*@ assert geom_inside: geometry_inside(cachep->colour, cachep->colour_off,
	      (flags & CFLGS_OFF_SLAB) != 0 ? 0 : slab_size, cachep->num, size, cachep->gfporder); */

	if (flags & CFLGS_OFF_SLAB) {
		cachep->slabp_cache = kmem_find_general_cachep(slab_size, 0u);
		BUG_ON(ZERO_OR_NULL_PTR(cachep->slabp_cache));
	}
	cachep->ctor = ctor;
	cachep->name = name;

	if (setup_cpu_cache(cachep, gfp)) {
		__kmem_cache_destroy(cachep);
		cachep = NULL;
		goto oops;
	}

	list_add(&cachep->next, &cache_chain);
oops:
	if (!cachep && (flags & SLAB_PANIC))
		panic("kmem_cache_create(): failed to create slab `%s'\n", name);
	if (slab_is_available()) {
		mutex_unlock(&cache_chain_mutex);
		put_online_cpus();
	}
	return cachep;
}
