/*
 * Allocation: the per-CPU array fast path, its refill from the shared array
 * and the slab lists, and the bufctl pop.
 */
#include "slab.h"

void *slab_get_obj(struct kmem_cache *cachep, struct slab *slabp, int nodeid)
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

int transfer_objects(struct array_cache *to, struct array_cache *from,
		     unsigned int max)
{
	unsigned int nr = from->avail < max ? from->avail : max;

	if (to->limit - to->avail < nr)
		nr = to->limit - to->avail;
	if (!nr)
		return 0;

	memcpy(to->entry + to->avail, from->entry + from->avail - nr,
	       sizeof(void *) * nr);
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
			ac->entry[ac->avail++] = slab_get_obj(cachep, slabp, node);
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

void *____cache_alloc(struct kmem_cache *cachep, gfp_t flags)
{
	void *objp;
	struct array_cache *ac = cpu_cache_get(cachep);

	if (ac->avail) {
		STATS_INC_ALLOCHIT(cachep);
		ac->touched = 1;
		objp = ac->entry[--ac->avail];
	} else {
		STATS_INC_ALLOCMISS(cachep);
		objp = cache_alloc_refill(cachep, flags);
	}
	return objp;
}

void *__cache_alloc(struct kmem_cache *cachep, gfp_t flags, void *caller)
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

	if ((flags & __GFP_ZERO) && objp)
		memset(objp, 0, (size_t)obj_size(cachep));
	return objp;
}

void *kmem_cache_alloc(struct kmem_cache *cachep, gfp_t flags)
{
	return __cache_alloc(cachep, flags, __builtin_return_address(0));
}
