/*
 * Allocation: the per-CPU array fast path, its refill from the shared array
 * and the slab lists, and the bufctl pop.
 */
#include "slab.h"

/*@
  requires frame: slab_frame(cachep, slabp, order);
  requires has_free: slabp->inuse < cachep->num;
  requires chain: bufctl_chain(slabp->free, bufctl_of(slabp), order,
                               cachep->num - slabp->inuse, cachep->num);
  assigns slabp->inuse, slabp->free;
  ensures pops_head: \old(slabp->free) == order[cachep->num - \old(slabp->inuse) - 1];
  ensures object: \result == obj_addr(slabp, cachep->buffer_size, \old(slabp->free));
  ensures inuse: slabp->inuse == \old(slabp->inuse) + 1;
  ensures next: slabp->free == \old(bufctl_of(slabp)[slabp->free]);
  ensures chain_head: chain_head(slabp->free, order, cachep->num - slabp->inuse);
  ensures chain_links: chain_links(bufctl_of(slabp), order, cachep->num - slabp->inuse);
  ensures chain_end: chain_end(bufctl_of(slabp), order, cachep->num - slabp->inuse);
  ensures chain_bounded: chain_bounded(order, cachep->num - slabp->inuse, cachep->num);
  ensures chain_distinct: chain_distinct(order, cachep->num - slabp->inuse);
*/
void *slab_get_obj(struct kmem_cache *cachep, struct slab *slabp, int nodeid)
	/*@ ghost (unsigned int \ghost *order) */
{
	void *objp = index_to_obj(cachep, slabp, slabp->free);
	kmem_bufctl_t next;

	slabp->inuse++;
	next = slab_bufctl(slabp)[slabp->free];
#if DEBUG
	slab_bufctl(slabp)[slabp->free] = BUFCTL_FREE;
#endif
	(void)nodeid;	/* one node: the kernel's WARN_ON(nodeid) cannot fire */
	slabp->free = next;
	return objp;
}

/*@
  requires valid: \valid(dst + (d .. d + n - 1)) && \valid_read(src + (s .. s + n - 1));
  requires apart: \separated(dst + (d .. d + n - 1), src + (s .. s + n - 1));
  requires no_wrap: d + n <= 0xffffffff && s + n <= 0xffffffff;
  assigns dst[d .. d + n - 1];
  ensures copied: \forall integer j; d <= j < d + n ==> dst[j] == \old(src[j - d + s]);
*/
void ac_copy(void **dst, unsigned int d, void *const *src, unsigned int s,
	     unsigned int n)
{
	unsigned int i;

	/*@
	  loop invariant range: 0 <= i <= n;
	  loop invariant copied: \forall integer j; d <= j < d + i ==> dst[j] == src[j - d + s];
	  loop assigns i, dst[d .. d + n - 1];
	  loop variant n - i;
	*/
	for (i = 0; i < n; i++)
		dst[d + i] = src[s + i];
}

/*@
  requires storage_to: ac_storage(to);
  requires storage_from: ac_storage(from);
  requires bounded_to: ac_bounded(to);
  requires bounded_from: ac_bounded(from);
  requires limit_range: to->limit <= 0x7fffffff;
  requires apart: ac_apart(to, from);
  assigns to->avail, from->avail, to->touched,
          ac_slots(to)[to->avail .. to->limit - 1];
  ensures count: \result == min3(\old(from->avail), max, \old(to->limit - to->avail));
  ensures from_avail: from->avail == \old(from->avail) - \result;
  ensures to_avail: to->avail == \old(to->avail) + \result;
  ensures bounded_to: ac_bounded(to);
  ensures bounded_from: ac_bounded(from);
  ensures order: \forall integer j; \old(to->avail) <= j < to->avail ==>
            \let i = from->avail + (j - \old(to->avail));
            ac_slots(to)[j] == \old(ac_slots(from)[i]);
  ensures kept: \forall integer k; 0 <= k < \old(to->avail) ==>
            ac_slots(to)[k] == \old(ac_slots(to)[k]);
  ensures from_kept: \forall integer k; 0 <= k < from->limit ==>
            ac_slots(from)[k] == \old(ac_slots(from)[k]);
  behavior nothing:
    assumes from->avail == 0 || max == 0 || to->avail == to->limit;
    ensures none: \result == 0;
    ensures untouched: to->touched == \old(to->touched);
  behavior moves:
    assumes from->avail != 0 && max != 0 && to->avail != to->limit;
    ensures some: \result > 0;
    ensures touched: to->touched == 1;
  complete behaviors;
  disjoint behaviors;
*/
int transfer_objects(struct array_cache *to, struct array_cache *from,
		     unsigned int max)
{
	unsigned int nr = from->avail < max ? from->avail : max;

	if (to->limit - to->avail < nr)
		nr = to->limit - to->avail;
	if (!nr)
		return 0;

	ac_copy(ac_entries(to), to->avail, ac_entries(from), from->avail - nr, nr);
	from->avail -= nr;
	to->avail += nr;
	/* 2.6.32 marks the receiving array (2.6.34 moved this to the shared one). */
	to->touched = 1;
	return (int)nr;
}

void *cache_alloc_refill(struct kmem_cache *cachep, gfp_t flags)
{
	int batchcount;
	struct kmem_list3 *l3;
	struct array_cache *ac;
	int node;

retry:
	node = numa_node_id();
	ac = cpu_cache_get(cachep);
	batchcount = (int)ac->batchcount;
	if (!ac->touched && batchcount > BATCHREFILL_LIMIT) {
		/* An idle array gets a partial refill, to avoid refill bouncing. */
		batchcount = BATCHREFILL_LIMIT;
	}
	l3 = cachep->nodelists[node];

	BUG_ON(ac->avail > 0 || !l3);
	spin_lock(&l3->list_lock);

	if (l3->shared && transfer_objects(ac, l3->shared, (unsigned int)batchcount))
		goto alloc_done;

	while (batchcount > 0) {
		struct list_head *entry;
		struct slab *slabp;

		entry = l3->slabs_partial.next;
		if (entry == &l3->slabs_partial) {
			l3->free_touched = 1;
			entry = l3->slabs_free.next;
			if (entry == &l3->slabs_free)
				goto must_grow;
		}

		slabp = list_slab(entry);
		check_slabp(cachep, slabp);
		BUG_ON(slabp->inuse >= cachep->num);

		while (slabp->inuse < cachep->num && batchcount--) {
			STATS_INC_ALLOCED(cachep);
			STATS_INC_ACTIVE(cachep);
			STATS_SET_HIGH(cachep);
			ac->entry[ac->avail++] = slab_get_obj(cachep, slabp, node)
				/*@ ghost (bufctl_order_untracked) */;
		}
		check_slabp(cachep, slabp);

		list_del(&slabp->list);
		if (slabp->free == BUFCTL_END)
			list_add(&slabp->list, &l3->slabs_full);
		else
			list_add(&slabp->list, &l3->slabs_partial);
	}

must_grow:
	l3->free_objects -= ac->avail;
alloc_done:
	spin_unlock(&l3->list_lock);

	if (!ac->avail) {
		int x = cache_grow(cachep, flags | GFP_THISNODE, node, NULL);

		/* Interrupts may have run inside cache_grow: look again. */
		ac = cpu_cache_get(cachep);
		if (!x && ac->avail == 0)
			return NULL;
		if (!ac->avail)
			goto retry;
	}
	ac->touched = 1;
	return ac->entry[--ac->avail];
}
CALLEE_SAVE_THUNK(cache_alloc_refill)

/*
 * The array pop (property 4: a bounded LIFO stack).  A miss rests on
 * cache_alloc_refill's contract, which is assumed, not proved (src/slab.h).
 */
/*@
  requires cpu: 0 <= cur_cpu < NR_CPUS;
  requires cache: \valid_read(cachep);
  requires array: ac_wellformed(this_array(cachep));
  requires objects: ac_objects(this_array(cachep), cachep->buffer_size);
  requires apart: size_apart(cachep);
  ensures array: ac_wellformed(this_array(cachep));
  ensures cache: \valid_read(cachep) && cachep->buffer_size == \old(cachep->buffer_size);
  ensures object: object_or_null(\result, cachep->buffer_size);
  behavior hit:
    assumes this_array(cachep)->avail > 0;
    ensures same_cpu: cur_cpu == \old(cur_cpu);
    ensures popped: \result == \old(ac_slots(this_array(cachep))
                                    [this_array(cachep)->avail - 1]);
    ensures avail: this_array(cachep)->avail == \old(this_array(cachep)->avail) - 1;
    ensures touched: this_array(cachep)->touched == 1;
    ensures kept: \forall integer k; 0 <= k < this_array(cachep)->limit ==>
              ac_slots(this_array(cachep))[k] == \old(ac_slots(this_array(cachep))[k]);
  behavior miss:
    assumes this_array(cachep)->avail == 0;
  complete behaviors;
  disjoint behaviors;
*/
__always_inline void *____cache_alloc(struct kmem_cache *cachep, gfp_t flags)
{
	void *objp;
	struct array_cache *ac = cpu_cache_get(cachep);

	if (likely(ac->avail)) {
		STATS_INC_ALLOCHIT(cachep);
		ac->touched = 1;
		objp = ac_entries(ac)[--ac->avail];
	} else {
		STATS_INC_ALLOCMISS(cachep);
		objp = callee_save_call2(cache_alloc_refill, cachep, flags);
	}
	return objp;
}

/*
 * The allocation with interrupts off: the array pop (or its refill, whose
 * contract is assumed, not proved), zeroed under __GFP_ZERO.
 */
/*@
  requires cpu: 0 <= cur_cpu < NR_CPUS;
  requires cache: \valid_read(cachep);
  requires size_range: 1 <= cachep->buffer_size <= 0x7fffffff;
  requires array: ac_wellformed(this_array(cachep));
  requires objects: ac_objects(this_array(cachep), cachep->buffer_size);
  requires apart: size_apart(cachep);
  ensures array: ac_wellformed(this_array(cachep));
  ensures object: object_or_null(\result, \old(cachep->buffer_size));
  ensures zeroed: (flags & __GFP_ZERO) != 0 && \result != \null ==>
            \forall integer k; 0 <= k < \old(cachep->buffer_size) ==>
            ((char *)\result)[k] == 0;
  behavior hit:
    assumes this_array(cachep)->avail > 0;
    ensures same_cpu: cur_cpu == \old(cur_cpu);
    ensures popped: \result == \old(ac_slots(this_array(cachep))
                                    [this_array(cachep)->avail - 1]);
    ensures avail: this_array(cachep)->avail == \old(this_array(cachep)->avail) - 1;
    ensures kept: \forall integer k; 0 <= k < this_array(cachep)->limit ==>
              ac_slots(this_array(cachep))[k] == \old(ac_slots(this_array(cachep))[k]);
  behavior miss:
    assumes this_array(cachep)->avail == 0;
  complete behaviors;
  disjoint behaviors;
*/
__always_inline void *__cache_alloc(struct kmem_cache *cachep, gfp_t flags, void *caller)
{
	unsigned long save_flags;
	void *objp;

#if DEBUG
	kmem_flagcheck(cachep, flags);
#endif
	local_irq_save(save_flags);
	objp = ____cache_alloc(cachep, flags);
	local_irq_restore(save_flags);
	objp = cache_alloc_debugcheck_after(cachep, flags, objp, caller);
	(void)caller;
	if (objp)
		plat_obj_alloc(cachep, objp);

	if (unlikely((flags & __GFP_ZERO) && objp))
		memset(objp, 0, (size_t)obj_size(cachep));
	return objp;
}

/*@
  requires cpu: 0 <= cur_cpu < NR_CPUS;
  requires cache: \valid_read(cachep);
  requires size_range: 1 <= cachep->buffer_size <= 0x7fffffff;
  requires array: ac_wellformed(this_array(cachep));
  requires objects: ac_objects(this_array(cachep), cachep->buffer_size);
  requires apart: size_apart(cachep);
  ensures array: ac_wellformed(this_array(cachep));
  ensures object: object_or_null(\result, \old(cachep->buffer_size));
  ensures zeroed: (flags & __GFP_ZERO) != 0 && \result != \null ==>
            \forall integer k; 0 <= k < \old(cachep->buffer_size) ==>
            ((char *)\result)[k] == 0;
  behavior hit:
    assumes this_array(cachep)->avail > 0;
    ensures popped: \result == \old(ac_slots(this_array(cachep))
                                    [this_array(cachep)->avail - 1]);
    ensures avail: this_array(cachep)->avail == \old(this_array(cachep)->avail) - 1;
  behavior miss:
    assumes this_array(cachep)->avail == 0;
  complete behaviors;
  disjoint behaviors;
*/
void *kmem_cache_alloc(struct kmem_cache *cachep, gfp_t flags)
{
	return __cache_alloc(cachep, flags, __builtin_return_address(0));
}
