/*
 * Freeing: the per-CPU array push, the flush of its oldest entries to the
 * shared array or the slabs, and the bufctl push.
 */
#include "slab.h"

/* The frame's back pointers, set by slab_map_pages; BUG for a page that is not slab's. */
/*@
  assigns \nothing;
  ensures slab_page: (page_of((void *)obj)->flags & PG_slab) != 0;
  ensures cache: \result == page_of((void *)obj)->slab_cache;
*/
struct kmem_cache *virt_to_cache(const void *obj)
{
	struct page *page = virt_to_page(obj);

	BUG_ON(!page || !(page->flags & PG_slab));
	return page->slab_cache;
}

/*@
  assigns \nothing;
  ensures slab_page: (page_of((void *)obj)->flags & PG_slab) != 0;
  ensures slab: \result == page_of((void *)obj)->slab_page;
*/
struct slab *virt_to_slab(const void *obj)
{
	struct page *page = virt_to_page(obj);

	BUG_ON(!page || !(page->flags & PG_slab));
	return page->slab_page;
}

/*@
  requires valid: \valid_read(cache) && \valid_read(slab);
  requires size_range: cache->buffer_size >= 2;
  requires reciprocal: is_reciprocal(cache->reciprocal_buffer_size, cache->buffer_size);
  requires is_object: \exists integer i; 0 <= i && i * cache->buffer_size < 0x100000000 &&
             (char *)obj == obj_addr((struct slab *)slab, cache->buffer_size, i);
  assigns \nothing;
  ensures index: (char *)obj == obj_addr((struct slab *)slab, cache->buffer_size, \result);
  ensures unique: \forall integer i; (char *)obj == obj_addr((struct slab *)slab, cache->buffer_size, i)
             ==> \result == i;
*/
unsigned int obj_to_index(const struct kmem_cache *cache,
			  const struct slab *slab, const void *obj)
{
	uint32_t offset = (uint32_t)((const char *)obj - (const char *)slab->s_mem);

	/*@ assert offset: \forall integer i; 0 <= i &&
	      (char *)obj == obj_addr((struct slab *)slab, cache->buffer_size, i) ==>
	      offset == cache->buffer_size * i; */
	/*@ assert divides: \forall integer i; 0 <= i &&
	      cache->buffer_size * i <= 0xffffffff &&
	      offset == cache->buffer_size * i ==>
	      (offset * cache->reciprocal_buffer_size) / 0x100000000 == i; */
	return reciprocal_divide(offset, cache->reciprocal_buffer_size);
}

/*@
  requires frame: slab_frame(cachep, slabp, order);
  requires size_range: cachep->buffer_size >= 2;
  requires reciprocal: is_reciprocal(cachep->reciprocal_buffer_size, cachep->buffer_size);
  requires has_used: 1 <= slabp->inuse <= cachep->num;
  requires is_used_object: \exists integer i; 0 <= i < cachep->num &&
             (char *)objp == obj_addr(slabp, cachep->buffer_size, i) &&
             (\forall integer k; 0 <= k < cachep->num - slabp->inuse ==> order[k] != i);
  requires chain: bufctl_chain(slabp->free, bufctl_of(slabp), order,
                               cachep->num - slabp->inuse, cachep->num);
  assigns slabp->inuse, slabp->free,
          bufctl_of(slabp)[0 .. cachep->num - 1],
          order[cachep->num - slabp->inuse];
  ensures pushes: (char *)objp == obj_addr(slabp, cachep->buffer_size, slabp->free);
  ensures ghost_push: order[cachep->num - \old(slabp->inuse)] == slabp->free;
  ensures links_old_head: bufctl_of(slabp)[slabp->free] == \old(slabp->free);
  ensures inuse: slabp->inuse == \old(slabp->inuse) - 1;
  ensures chain_head: chain_head(slabp->free, order, cachep->num - slabp->inuse);
  ensures chain_links: chain_links(bufctl_of(slabp), order, cachep->num - slabp->inuse);
  ensures chain_end: chain_end(bufctl_of(slabp), order, cachep->num - slabp->inuse);
  ensures chain_bounded: chain_bounded(order, cachep->num - slabp->inuse, cachep->num);
  ensures chain_distinct: chain_distinct(order, cachep->num - slabp->inuse);
*/
void slab_put_obj(struct kmem_cache *cachep, struct slab *slabp, void *objp,
		  int nodeid)
	/*@ ghost (unsigned int \ghost *order) */
{
	unsigned int objnr = obj_to_index(cachep, slabp, objp);

	/*@ assert used: objnr < cachep->num && \forall integer k;
	      0 <= k < cachep->num - slabp->inuse ==> order[k] != objnr; */
	(void)nodeid;
#if DEBUG
	/* A real index or BUFCTL_END here means the object is already free. */
	if (slab_bufctl(slabp)[objnr] + 1 <= SLAB_LIMIT + 1) {
		printk("slab: double free detected in cache '%s', objp %p\n",
		       cachep->name, objp);
		BUG();
	}
#endif
	slab_bufctl(slabp)[objnr] = slabp->free;
	/*@ ghost order[cachep->num - slabp->inuse] = objnr; */
	slabp->free = objnr;
	slabp->inuse--;
}

void free_block(struct kmem_cache *cachep, void **objpp, int nr_objects,
		int node)
{
	int i;
	struct kmem_list3 *l3;

	for (i = 0; i < nr_objects; i++) {
		void *objp = objpp[i];
		struct slab *slabp;

		slabp = virt_to_slab(objp);
		l3 = cachep->nodelists[node];
		list_del(&slabp->list);
		check_slabp(cachep, slabp);
		slab_put_obj(cachep, slabp, objp, node)
			/*@ ghost (bufctl_order_untracked) */;
		STATS_DEC_ACTIVE(cachep);
		l3->free_objects++;
		check_slabp(cachep, slabp);

		if (slabp->inuse == 0) {
			if (l3->free_objects > l3->free_limit) {
				l3->free_objects -= cachep->num;
				/* An off-slab descriptor belongs to another cache: no self-deadlock. */
				slab_destroy(cachep, slabp);
			} else {
				list_add(&slabp->list, &l3->slabs_free);
			}
		} else {
			/* The tail gives the other objects the longest time to come back. */
			list_add_tail(&slabp->list, &l3->slabs_partial);
		}
	}
}

/*
 * The array step of cache_flusharray and drain_array (the kernel's
 * memmove): after the n bottom entries went back, the rest entries above
 * them move down to the bottom, in order.  Forward copying is safe because
 * each slot is read before any copy reaches it.
 */
/*@
  requires valid: \valid(slots + (0 .. n + rest - 1));
  requires no_wrap: n + rest <= 0xffffffff;
  assigns slots[0 .. rest - 1];
  ensures kept: \forall integer j; 0 <= j < rest ==> slots[j] == \old(slots[j + n]);
*/
void ac_shift_down(void **slots, unsigned int n, unsigned int rest)
{
	unsigned int i;

	/*@
	  loop invariant range: 0 <= i <= rest;
	  loop invariant moved: \forall integer j; 0 <= j < i ==>
	    slots[j] == \at(slots[j + n], Pre);
	  loop invariant untouched: \forall integer j; i <= j < n + rest ==>
	    slots[j] == \at(slots[j], Pre);
	  loop assigns i, slots[0 .. rest - 1];
	  loop variant rest - i;
	*/
	for (i = 0; i < rest; i++)
		slots[i] = slots[i + n];
}

/*
 * The flush of a full array (property 4): its batchcount oldest entries
 * (fewer if the shared array has less room) go to the shared array or back
 * to the slabs, and the rest move down in order.  The slabs part rests on
 * free_block's contract, assumed, not proved (src/slab.h).
 */
/*@
  requires cache: \valid_read(cachep);
  requires array: ac_wellformed(ac);
  requires batch: ac->batchcount <= ac->avail;
  requires node: node_ready(cachep->nodelists[0], ac);
  ensures array: ac_wellformed(ac);
  ensures shape: ac_shape_kept{Pre, Post}(ac);
  ensures some: 1 <= \old(flush_count(cachep->nodelists[0], ac)) <= ac->batchcount;
  ensures flushed: ac_flushed{Pre, Post}(ac, \old(flush_count(cachep->nodelists[0], ac)));
*/
void cache_flusharray(struct kmem_cache *cachep, struct array_cache *ac)
{
	int batchcount;
	struct kmem_list3 *l3;
	int node = numa_node_id();

	batchcount = (int)ac->batchcount;
#if DEBUG
	BUG_ON(!batchcount || batchcount > (int)ac->avail);
#endif
	l3 = cachep->nodelists[node];
	spin_lock(&l3->list_lock);
	if (l3->shared) {
		struct array_cache *shared_array = l3->shared;
		int max = (int)(shared_array->limit - shared_array->avail);

		if (max) {
			if (batchcount > max)
				batchcount = max;
			ac_copy(ac_entries(shared_array), shared_array->avail,
				ac_entries(ac), 0, (unsigned int)batchcount);
			shared_array->avail += (unsigned int)batchcount;
			goto free_done;
		}
	}

	free_block(cachep, ac_entries(ac), batchcount, node);
free_done:
	/*@ assert count: batchcount == \at(flush_count(cachep->nodelists[0], ac), Pre); */
	/*@ assert slots_kept: ac->avail == \at(ac->avail, Pre) &&
	      \forall integer k; 0 <= k < ac->limit ==>
	      ac_slots(ac)[k] == \at(ac_slots(ac)[k], Pre); */
#if STATS
	{
		int i = 0;
		struct list_head *p = l3->slabs_free.next;

		while (p != &l3->slabs_free) {
			BUG_ON(list_slab(p)->inuse);
			i++;
			p = p->next;
		}
		STATS_SET_FREEABLE(cachep, i);
	}
#endif
	spin_unlock(&l3->list_lock);
	ac->avail -= (unsigned int)batchcount;
	ac_shift_down(ac_entries(ac), (unsigned int)batchcount, ac->avail);
}
CALLEE_SAVE_THUNK(cache_flusharray)

/*
 * The array push (property 4).  A full array is flushed first
 * (cache_flusharray, whose slabs part rests on free_block's assumed
 * contract).
 */
/*@
  requires cpu: 0 <= cur_cpu < NR_CPUS;
  requires cache: \valid_read(cachep);
  requires array: ac_wellformed(this_array(cachep));
  requires node: node_ready(cachep->nodelists[0], this_array(cachep));
  ensures array: ac_wellformed(\old(this_array(cachep)));
  ensures pushed: \let ac = \old(this_array(cachep));
            ac->avail >= 1 && ac_slots(ac)[ac->avail - 1] == objp;
  behavior room:
    assumes this_array(cachep)->avail < this_array(cachep)->limit;
    ensures avail: \let ac = \old(this_array(cachep));
              ac->avail == \old(this_array(cachep)->avail) + 1;
    ensures kept: \let ac = \old(this_array(cachep));
              \forall integer k; 0 <= k < \old(ac->avail) ==>
              ac_slots(ac)[k] == \old(ac_slots(ac)[k]);
  behavior full:
    assumes this_array(cachep)->avail == this_array(cachep)->limit;
  complete behaviors;
  disjoint behaviors;
*/
__always_inline void __cache_free(struct kmem_cache *cachep, void *objp, void *caller)
{
	struct array_cache *ac = cpu_cache_get(cachep);

	plat_obj_free(cachep, objp);
	objp = cache_free_debugcheck(cachep, objp, caller);
	(void)caller;

	/* One node: cache_free_alien never applies (nr_online_nodes == 1). */
	if (likely(ac->avail < ac->limit)) {
		STATS_INC_FREEHIT(cachep);
		ac_entries(ac)[ac->avail++] = objp;
	} else {
		STATS_INC_FREEMISS(cachep);
		callee_save_call2(cache_flusharray, cachep, ac);
		ac_entries(ac)[ac->avail++] = objp;
	}
}

/*
 * The API's free: __cache_free with interrupts off (what the array push
 * needs on this CPU).
 */
/*@
  requires cpu: 0 <= cur_cpu < NR_CPUS;
  requires cache: \valid_read(cachep);
  requires array: ac_wellformed(this_array(cachep));
  requires node: node_ready(cachep->nodelists[0], this_array(cachep));
  ensures array: ac_wellformed(\old(this_array(cachep)));
  ensures pushed: \let ac = \old(this_array(cachep));
            ac->avail >= 1 && ac_slots(ac)[ac->avail - 1] == objp;
  behavior room:
    assumes this_array(cachep)->avail < this_array(cachep)->limit;
    ensures avail: \let ac = \old(this_array(cachep));
              ac->avail == \old(this_array(cachep)->avail) + 1;
    ensures kept: \let ac = \old(this_array(cachep));
              \forall integer k; 0 <= k < \old(ac->avail) ==>
              ac_slots(ac)[k] == \old(ac_slots(ac)[k]);
  behavior full:
    assumes this_array(cachep)->avail == this_array(cachep)->limit;
  complete behaviors;
  disjoint behaviors;
*/
void kmem_cache_free(struct kmem_cache *cachep, void *objp)
{
	unsigned long flags;

	local_irq_save(flags);
	__cache_free(cachep, objp, __builtin_return_address(0));
	local_irq_restore(flags);
}

/*
 * NULL and ZERO_SIZE_PTR are ignored; any other pointer goes on the array
 * of the cache its page frame names (virt_to_cache BUGs on a page that is
 * not slab's).
 */
/*@
  requires cpu: 0 <= cur_cpu < NR_CPUS;
  behavior no_object:
    assumes (unsigned long)objp <= 16;
    assigns \nothing;
  behavior object:
    assumes (unsigned long)objp > 16;
    requires cache: (page_of((void *)objp)->flags & PG_slab) != 0 ==>
      (\valid_read(page_of((void *)objp)->slab_cache) &&
       ac_wellformed(this_array(page_of((void *)objp)->slab_cache)) &&
       node_ready(page_of((void *)objp)->slab_cache->nodelists[0],
                  this_array(page_of((void *)objp)->slab_cache)));
    ensures array: ac_wellformed(\old(this_array(page_of((void *)objp)->slab_cache)));
    ensures pushed: \let ac = \old(this_array(page_of((void *)objp)->slab_cache));
            ac->avail >= 1 && ac_slots(ac)[ac->avail - 1] == objp;
  complete behaviors;
  disjoint behaviors;
*/
void kfree(const void *objp)
{
	struct kmem_cache *c;
	unsigned long flags;

	if (unlikely(ZERO_OR_NULL_PTR(objp)))
		return;
	local_irq_save(flags);
	kfree_debugcheck(objp);
	c = virt_to_cache(objp);
	__cache_free(c, (void *)(uintptr_t)objp, __builtin_return_address(0));
	local_irq_restore(flags);
}

/*
 * The object size of the cache the page frame names; 0 for ZERO_SIZE_PTR,
 * BUG for NULL or a page that is not slab's.
 */
/*@
  requires cache: (page_of((void *)objp)->flags & PG_slab) != 0 ==>
             \valid_read(page_of((void *)objp)->slab_cache) &&
             page_of((void *)objp)->slab_cache->buffer_size <= 0x7fffffff;
  assigns \nothing;
  behavior zero:
    assumes objp == ZERO_SIZE_PTR;
    ensures zero: \result == 0;
  behavior object:
    assumes objp != ZERO_SIZE_PTR;
    ensures size: \result == page_of((void *)objp)->slab_cache->buffer_size;
  complete behaviors;
  disjoint behaviors;
*/
size_t ksize(const void *objp)
{
	BUG_ON(!objp);
	if (objp == ZERO_SIZE_PTR)
		return 0;
	return (size_t)obj_size(virt_to_cache(objp));
}

/*@
  requires valid: \valid_read(cachep);
  requires size_range: cachep->buffer_size <= 0x7fffffff;
  assigns \nothing;
  ensures size: \result == cachep->buffer_size;
*/
unsigned int kmem_cache_size(struct kmem_cache *cachep)
{
	return (unsigned int)obj_size(cachep);
}
