/*
 * Growing and destroying slabs: pages from the page allocator, the slab
 * descriptor on or off the slab, the page map, and object construction.
 */
#include "slab.h"

/*@ ghost unsigned int bufctl_order_untracked[1]; */

/*@
  assigns \nothing;
  ensures array: \result == bufctl_of(slabp);
*/
kmem_bufctl_t *slab_bufctl(struct slab *slabp)
{
	return (kmem_bufctl_t *)(slabp + 1);
}

/*
 * A new block for a slab: NULL, or 2^gfporder pages whose frames are
 * valid, apart, and marked PG_slab.  It writes only frame flags (the
 * block's; the assigns clause cannot name the result, so it names every
 * frame's).
 */
/*@
  requires cache: \valid_read(cachep);
  requires order: cachep->gfporder < MAX_ORDER;
  assigns {page_of((void *)a)->flags | char *a; \true};
  ensures block: \result == \null || block_frames((char *)\result, \old(cachep->gfporder));
  ensures slab_pages: \result != \null ==>
            \forall integer i; 0 <= i < block_pages(\old(cachep->gfporder)) ==>
            frame_slab(block_frame((char *)\result, i));
*/
static void *kmem_getpages(struct kmem_cache *cachep, gfp_t flags, int nodeid)
{
	char *addr;
	unsigned long nr_pages, i;

	flags |= cachep->gfpflags;
	if (cachep->flags & SLAB_RECLAIM_ACCOUNT)
		flags |= __GFP_RECLAIMABLE;

	addr = alloc_pages_exact_node(nodeid, flags, cachep->gfporder);
	if (!addr)
		return NULL;
	nr_pages = 1UL << cachep->gfporder;
	/*@ assert few_pages: nr_pages <= 1024; */	/* order < MAX_ORDER: i * PAGE_SIZE cannot wrap */
	/*@
	  loop invariant range: 0 <= i <= nr_pages;
	  loop invariant pages: nr_pages == block_pages(\at(cachep->gfporder, Pre));
	  loop invariant marked: \forall integer j; 0 <= j < i ==>
	                         frame_slab(block_frame(addr, j));
	  loop assigns i, {page_of((void *)a)->flags | char *a; \true};
	  loop variant nr_pages - i;
	*/
	for (i = 0; i < nr_pages; i++)
		virt_to_page(addr + i * PAGE_SIZE)->flags |= PG_slab;
	return addr;
}

/*
 * A slab's block back to the page allocator: every frame loses PG_slab and
 * its back pointers (a page without PG_slab is a BUG).
 */
/*@
  requires cache: \valid_read(cachep);
  requires order: cachep->gfporder < MAX_ORDER;
  requires block: block_frames((char *)addr, cachep->gfporder);
  assigns {block_frame((char *)addr, i)->flags |
             integer i; 0 <= i < block_pages(cachep->gfporder)},
          {block_frame((char *)addr, i)->slab_cache |
             integer i; 0 <= i < block_pages(cachep->gfporder)},
          {block_frame((char *)addr, i)->slab_page |
             integer i; 0 <= i < block_pages(cachep->gfporder)};
  ensures unmarked: \forall integer i; 0 <= i < block_pages(\old(cachep->gfporder)) ==>
            frame_unmarked{Pre, Post}(block_frame((char *)addr, i));
  ensures unmapped: \forall integer i; 0 <= i < block_pages(\old(cachep->gfporder)) ==>
            frame_unmapped(block_frame((char *)addr, i));
  ensures were_slab: \forall integer i; 0 <= i < block_pages(\old(cachep->gfporder)) ==>
            \old(frame_slab(block_frame((char *)addr, i)));
*/
static void kmem_freepages(struct kmem_cache *cachep, void *addr)
{
	unsigned long i, nr = 1UL << cachep->gfporder;

	/*@ assert few_pages: nr <= 1024; */	/* order < MAX_ORDER: i * PAGE_SIZE cannot wrap */
	/*@
	  loop invariant range: 0 <= i <= nr;
	  loop invariant pages: nr == block_pages(\at(cachep->gfporder, Pre));
	  loop invariant unmarked: \forall integer j; 0 <= j < i ==>
	    frame_unmarked{Pre, Here}(block_frame((char *)addr, j));
	  loop invariant untouched: \forall integer j; i <= j < nr ==>
	    block_frame((char *)addr, j)->flags ==
	    \at(block_frame((char *)addr, j)->flags, Pre);
	  loop invariant were_slab: \forall integer j; 0 <= j < i ==>
	    \at(frame_slab(block_frame((char *)addr, j)), Pre);
	  loop invariant no_cache: \forall integer j; 0 <= j < i ==>
	    block_frame((char *)addr, j)->slab_cache == \null;
	  loop invariant no_slab: \forall integer j; 0 <= j < i ==>
	    block_frame((char *)addr, j)->slab_page == \null;
	  loop assigns i,
	    {block_frame((char *)addr, j)->flags |
	       integer j; 0 <= j < block_pages(\at(cachep->gfporder, Pre))},
	    {block_frame((char *)addr, j)->slab_cache |
	       integer j; 0 <= j < block_pages(\at(cachep->gfporder, Pre))},
	    {block_frame((char *)addr, j)->slab_page |
	       integer j; 0 <= j < block_pages(\at(cachep->gfporder, Pre))};
	  loop variant nr - i;
	*/
	for (i = 0; i < nr; i++) {
		struct page *page = virt_to_page((char *)addr + i * PAGE_SIZE);

		/*@ assert page_i: page == block_frame((char *)addr, i); */
		/*@ assert others_apart: \forall integer j; 0 <= j < nr && j != i ==>
		      \separated(block_frame((char *)addr, j), page); */
		BUG_ON(!(page->flags & PG_slab));
		page->flags &= ~PG_slab;
		page->slab_cache = NULL;
		page->slab_page = NULL;
	}
	free_pages(addr, cachep->gfporder);
}

/*
 * A slab's block goes back to the page allocator (its frames cleared);
 * an off-slab descriptor goes back to its own cache (slabp_cache), onto
 * this CPU's array there.
 */
/*@
  requires cache: \valid_read(cachep);
  requires slab: \valid_read(slabp);
  requires order: cachep->gfporder < MAX_ORDER;
  requires block: block_frames(slab_block(slabp), cachep->gfporder);
  requires apart: block_apart_cache(slab_block(slabp), cachep->gfporder, cachep);
  behavior on_slab:
    assumes (cachep->flags & CFLGS_OFF_SLAB) == 0;
    ensures unmarked: \forall integer i; 0 <= i < block_pages(\old(cachep->gfporder)) ==>
              frame_unmarked{Pre, Post}(block_frame(\old(slab_block(slabp)), i));
    ensures unmapped: \forall integer i; 0 <= i < block_pages(\old(cachep->gfporder)) ==>
              frame_unmapped(block_frame(\old(slab_block(slabp)), i));
    ensures were_slab: \forall integer i; 0 <= i < block_pages(\old(cachep->gfporder)) ==>
              \old(frame_slab(block_frame(slab_block(slabp), i)));
  behavior off_slab:
    assumes (cachep->flags & CFLGS_OFF_SLAB) != 0;
    requires cpu: 0 <= cur_cpu < NR_CPUS;
    requires mgmt_cache: \valid_read(cachep->slabp_cache);
    requires mgmt_array: ac_wellformed(this_array(cachep->slabp_cache));
    requires mgmt_node: node_ready(cachep->slabp_cache->nodelists[0],
                                   this_array(cachep->slabp_cache));
    requires mgmt_apart: block_apart_cache(slab_block(slabp), cachep->gfporder,
                                           cachep->slabp_cache) &&
                         block_apart_arrays(slab_block(slabp), cachep->gfporder,
                                            cachep->slabp_cache);
    ensures mgmt_array: ac_wellformed(\old(this_array(cachep->slabp_cache)));
    // The entry pushed is the descriptor, as a void *: WP's Typed model
    // does not follow the cast from struct slab *, so only the push is said.
    ensures mgmt_freed: \old(this_array(cachep->slabp_cache))->avail >= 1;
  complete behaviors;
  disjoint behaviors;
*/
void slab_destroy(struct kmem_cache *cachep, struct slab *slabp)
{
	void *addr = (char *)slabp->s_mem - slabp->colouroff;

	slab_destroy_debugcheck(cachep, slabp);
	plat_slab_destroyed(cachep, slabp);
	/*
	 * SLAB_DESTROY_BY_RCU defers this through call_rcu(); with a zero grace
	 * period the callback (kmem_rcu_free) does the same two steps now.
	 */
	kmem_freepages(cachep, addr);
	/*
	 * The frames just cleared are apart from the descriptor's cache and
	 * what freeing into it reads: each of those is as it was at entry.
	 */
	/*@ assert mgmt_cache: cachep->flags == \at(cachep->flags, Pre) &&
	      cachep->slabp_cache == \at(cachep->slabp_cache, Pre); */
	/*@ assert mgmt_array: (cachep->flags & CFLGS_OFF_SLAB) != 0 ==>
	      this_array(cachep->slabp_cache) ==
	      \at(this_array(cachep->slabp_cache), Pre); */
	/*@ assert mgmt_counters: (cachep->flags & CFLGS_OFF_SLAB) != 0 ==>
	      \let ac = this_array(cachep->slabp_cache);
	      ac->avail == \at(ac->avail, Pre) && ac->limit == \at(ac->limit, Pre) &&
	      ac->batchcount == \at(ac->batchcount, Pre) &&
	      ac->touched == \at(ac->touched, Pre); */
	/*@ assert mgmt_node: (cachep->flags & CFLGS_OFF_SLAB) != 0 ==>
	      \let l3 = cachep->slabp_cache->nodelists[0];
	      l3 == \at(cachep->slabp_cache->nodelists[0], Pre) &&
	      l3->shared == \at(l3->shared, Pre); */
	/*@ assert mgmt_shared: (cachep->flags & CFLGS_OFF_SLAB) != 0 ==>
	      \let sh = cachep->slabp_cache->nodelists[0]->shared;
	      sh != \null ==>
	      sh->avail == \at(sh->avail, Pre) && sh->limit == \at(sh->limit, Pre) &&
	      sh->batchcount == \at(sh->batchcount, Pre) &&
	      sh->touched == \at(sh->touched, Pre); */
	if (OFF_SLAB(cachep))
		kmem_cache_free(cachep->slabp_cache, slabp);
}

/*
 * The descriptor of a new slab: off-slab, an object of the descriptor
 * cache slabp_cache (kmem_cache_alloc, under its contract); on-slab, the
 * colour_off bytes into the block, the objects after its slab_size bytes.
 * Proved in the Typed+cast unit (proofs.mk): both results are casts.
 */
/*@
  requires cache: \valid_read(cachep);
  requires node: 0 <= nodeid <= 0xffff;
  ensures descriptor: \result == \null || \valid(\result);
  ensures fresh: \result != \null ==>
            \result->inuse == 0 && \result->free == 0 && \result->nodeid == nodeid;
  behavior off_slab:
    assumes (cachep->flags & CFLGS_OFF_SLAB) != 0;
    requires cpu: 0 <= cur_cpu < NR_CPUS;
    requires mgmt_cache: \valid_read(cachep->slabp_cache);
    requires mgmt_size: sizeof(struct slab) <= cachep->slabp_cache->buffer_size <= 0x7fffffff;
    requires mgmt_array: ac_wellformed(this_array(cachep->slabp_cache));
    requires mgmt_objects: ac_objects(this_array(cachep->slabp_cache),
                                      cachep->slabp_cache->buffer_size);
    requires mgmt_apart: size_apart(cachep->slabp_cache);
    ensures off_colour: \result != \null ==> \result->colouroff == colour_off;
    ensures off_objects: \result != \null ==> \result->s_mem == (char *)objp + colour_off;
  behavior on_slab:
    assumes (cachep->flags & CFLGS_OFF_SLAB) == 0;
    requires in_block: \valid((struct slab *)((char *)objp + colour_off));
    requires mgmt_room: colour_off + cachep->slab_size <= SIZE_MAX;
    ensures on_place: \result == (struct slab *)((char *)objp + colour_off);
    ensures on_colour: \result->colouroff == colour_off + \old(cachep->slab_size);
    ensures on_objects: \result->s_mem ==
              (char *)objp + (colour_off + \old(cachep->slab_size));
  complete behaviors;
  disjoint behaviors;
*/
static struct slab *alloc_slabmgmt(struct kmem_cache *cachep, void *objp,
				   size_t colour_off, gfp_t local_flags,
				   int nodeid)
{
	struct slab *slabp;

	if (OFF_SLAB(cachep)) {
		/* Non-NUMA: kmem_cache_alloc_node is kmem_cache_alloc. */
		slabp = kmem_cache_alloc(cachep->slabp_cache, local_flags);
		if (!slabp)
			return NULL;
	} else {
		slabp = (struct slab *)((char *)objp + colour_off);
		colour_off += cachep->slab_size;
	}
	slabp->inuse = 0;
	slabp->colouroff = colour_off;
	slabp->s_mem = (char *)objp + colour_off;
	slabp->nodeid = (unsigned short)nodeid;
	slabp->free = 0;
	return slabp;
}

#if !DEBUG
/*@
  requires valid_cache: \valid_read(cachep);
  assigns ((char *)objp)[0 .. cachep->buffer_size - 1];
*/
static void run_ctor(struct kmem_cache *cachep, void *objp)
{
	if (cachep->ctor)
		cachep->ctor(objp);
}
#endif

/*@
  requires frame: slab_frame(cachep, slabp, order);
  requires fresh: slabp->inuse == 0 && slabp->free == 0;
  requires objects_apart: \separated(
             (char *)slabp->s_mem + (0 .. cachep->num * cachep->buffer_size - 1),
             slabp, cachep, bufctl_of(slabp) + (0 .. cachep->num - 1),
             order + (0 .. cachep->num - 1));
  assigns bufctl_of(slabp)[0 .. cachep->num - 1], order[0 .. cachep->num - 1],
          ((char *)slabp->s_mem)[0 .. cachep->num * cachep->buffer_size - 1];
  ensures all_free: slabp->inuse == 0;
  ensures chain_head: chain_head(slabp->free, order, cachep->num - slabp->inuse);
  ensures chain_links: chain_links(bufctl_of(slabp), order, cachep->num - slabp->inuse);
  ensures chain_end: chain_end(bufctl_of(slabp), order, cachep->num - slabp->inuse);
  ensures chain_bounded: chain_bounded(order, cachep->num - slabp->inuse, cachep->num);
  ensures chain_distinct: chain_distinct(order, cachep->num - slabp->inuse);
*/
void cache_init_objs(struct kmem_cache *cachep, struct slab *slabp)
	/*@ ghost (unsigned int \ghost *order) */
{
	unsigned int i;

	/*@
	  loop invariant range: 0 <= i <= cachep->num;
	  loop invariant num_kept: cachep->num == \at(cachep->num, Pre);
	  loop invariant size_kept: cachep->buffer_size == \at(cachep->buffer_size, Pre);
	  loop invariant slab_kept: slabp->free == 0 && slabp->inuse == 0;
	  loop invariant links: \forall integer j; 0 <= j < i ==> bufctl_of(slabp)[j] == j + 1;
	  loop invariant order: \forall integer k; cachep->num - i <= k < cachep->num ==>
	                        order[k] == cachep->num - 1 - k;
	  loop assigns i, bufctl_of(slabp)[0 .. \at(cachep->num, Pre) - 1],
	               order[0 .. \at(cachep->num, Pre) - 1],
	               ((char *)\at(slabp->s_mem, Pre))
	                 [0 .. \at(cachep->num * cachep->buffer_size, Pre) - 1];
	  loop variant cachep->num - i;
	*/
	for (i = 0; i < cachep->num; i++) {
		void *objp = index_to_obj(cachep, slabp, i);
#if DEBUG
		if (cachep->flags & SLAB_POISON)
			poison_obj(cachep, objp, POISON_FREE);
		if (cachep->flags & SLAB_STORE_USER)
			*dbg_userword(cachep, objp) = NULL;
		if (cachep->flags & SLAB_RED_ZONE) {
			*dbg_redzone1(cachep, objp) = RED_INACTIVE;
			*dbg_redzone2(cachep, objp) = RED_INACTIVE;
		}
		/* Poisoned caches construct at allocation instead (poison would undo it). */
		if (cachep->ctor && !(cachep->flags & SLAB_POISON))
			cachep->ctor((char *)objp + obj_offset(cachep));
		if (cachep->flags & SLAB_RED_ZONE) {
			if (*dbg_redzone2(cachep, objp) != RED_INACTIVE)
				slab_error(cachep, "constructor overwrote the"
					   " end of an object");
			if (*dbg_redzone1(cachep, objp) != RED_INACTIVE)
				slab_error(cachep, "constructor overwrote the"
					   " start of an object");
		}
#else
		/*@ assert obj_in_slab: cachep->buffer_size * i + cachep->buffer_size
		                        <= cachep->num * cachep->buffer_size; */
		run_ctor(cachep, objp);
#endif
		slab_bufctl(slabp)[i] = i + 1;
		/*@ ghost order[cachep->num - 1 - i] = i; */
	}
	slab_bufctl(slabp)[i - 1] = BUFCTL_END;
}

/*@
  requires valid: \valid_read(cachep);
  assigns \nothing;
  ensures dma_agrees: (flags & GFP_DMA) == 0 <==> (cachep->gfpflags & GFP_DMA) == 0;
*/
void kmem_flagcheck(struct kmem_cache *cachep, gfp_t flags)
{
	if (flags & GFP_DMA)
		BUG_ON(!(cachep->gfpflags & GFP_DMA));
	else
		BUG_ON(cachep->gfpflags & GFP_DMA);
}

/*
 * The back pointers of every frame of a new slab's block: the cache and
 * the slab (what virt_to_cache and virt_to_slab read).
 */
/*@
  requires cache: \valid_read(cache);
  requires order: cache->gfporder < MAX_ORDER;
  requires block: block_frames((char *)addr, cache->gfporder);
  assigns {block_frame((char *)addr, i)->slab_cache |
             integer i; 0 <= i < block_pages(cache->gfporder)},
          {block_frame((char *)addr, i)->slab_page |
             integer i; 0 <= i < block_pages(cache->gfporder)};
  ensures mapped: \forall integer i; 0 <= i < block_pages(\old(cache->gfporder)) ==>
            frame_mapped(block_frame((char *)addr, i), cache, slab);
*/
static void slab_map_pages(struct kmem_cache *cache, struct slab *slab,
			   void *addr)
{
	unsigned long nr_pages = 1UL << cache->gfporder;
	char *p = addr;

	/*@
	  loop invariant range: 1 <= nr_pages <= block_pages(\at(cache->gfporder, Pre));
	  loop invariant at: p == (char *)addr +
	    (block_pages(\at(cache->gfporder, Pre)) - nr_pages) * 4096;
	  loop invariant mapped: \forall integer j;
	    0 <= j < block_pages(\at(cache->gfporder, Pre)) - nr_pages ==>
	    frame_mapped(block_frame((char *)addr, j), cache, slab);
	  loop assigns nr_pages, p,
	    {block_frame((char *)addr, j)->slab_cache |
	       integer j; 0 <= j < block_pages(\at(cache->gfporder, Pre))},
	    {block_frame((char *)addr, j)->slab_page |
	       integer j; 0 <= j < block_pages(\at(cache->gfporder, Pre))};
	  loop variant nr_pages;
	*/
	do {
		struct page *page = virt_to_page(p);

		/*@ assert page_k: page == block_frame((char *)addr,
		      block_pages(\at(cache->gfporder, Pre)) - nr_pages); */
		/*@ assert others_apart: \forall integer j;
		      0 <= j < block_pages(\at(cache->gfporder, Pre)) - nr_pages ==>
		      \separated(block_frame((char *)addr, j), page); */

		page->slab_cache = cache;
		page->slab_page = slab;
		p += PAGE_SIZE;
	} while (--nr_pages);
}

int cache_grow(struct kmem_cache *cachep, gfp_t flags, int nodeid, void *objp)
{
	struct slab *slabp;
	size_t offset;
	gfp_t local_flags;
	struct kmem_list3 *l3;

	BUG_ON(flags & GFP_SLAB_BUG_MASK);
	local_flags = flags & (GFP_CONSTRAINT_MASK | GFP_RECLAIM_MASK);

	l3 = cachep->nodelists[nodeid];
	/*@ ghost unsigned int colour_was = l3->colour_next; */
	spin_lock(&l3->list_lock);
	offset = l3->colour_next;
	l3->colour_next++;
	if (l3->colour_next >= cachep->colour)
		l3->colour_next = 0;
	spin_unlock(&l3->list_lock);

	offset *= cachep->colour_off;
	/*
	 * Colouring, proved on its own (make prove: the assertions named
	 * colour_*; the rest of cache_grow is not covered yet): the new slab's
	 * offset is colour_next * colour_off read before the increment, and
	 * colour_next stays below colour, or is 0.
	 */
	/*@ assert colour_offset: offset == colour_was * cachep->colour_off; */
	/*@ assert colour_steps: colour_was + 1 < cachep->colour ==>
	      l3->colour_next == colour_was + 1; */
	/*@ assert colour_wraps: colour_was + 1 >= cachep->colour ==>
	      l3->colour_next == 0; */
	/*@ assert colour_below: l3->colour_next < cachep->colour ||
	      l3->colour_next == 0; */

	if (local_flags & __GFP_WAIT)
		local_irq_enable();

	kmem_flagcheck(cachep, flags);

	if (!objp)
		objp = kmem_getpages(cachep, local_flags, nodeid);
	if (!objp)
		goto failed;

	slabp = alloc_slabmgmt(cachep, objp, offset,
			       local_flags & ~GFP_CONSTRAINT_MASK, nodeid);
	if (!slabp)
		goto opps1;

	slab_map_pages(cachep, slabp, objp);
	cache_init_objs(cachep, slabp) /*@ ghost (bufctl_order_untracked) */;

	if (local_flags & __GFP_WAIT)
		local_irq_disable();
	spin_lock(&l3->list_lock);

	list_add_tail(&slabp->list, &l3->slabs_free);
	STATS_INC_GROWN(cachep);
	l3->free_objects += cachep->num;
	plat_slab_linked(cachep, slabp);
	spin_unlock(&l3->list_lock);
	return 1;
opps1:
	kmem_freepages(cachep, objp);
failed:
	if (local_flags & __GFP_WAIT)
		local_irq_disable();
	return 0;
}
