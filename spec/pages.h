/*
 * ACSL: the page frames of a slab's block of pages (kmem_getpages,
 * kmem_freepages, slab_map_pages).  A block of 2^order pages starts at
 * addr; page_of() (spec/platform.h) names the frame descriptor of each of
 * its pages.  Read after spec/array_stack.h (slab_spec.h).
 */
#ifndef SLABREF_SPEC_PAGES_H
#define SLABREF_SPEC_PAGES_H

/*@
  // The number of pages of a block of this order.
  logic integer block_pages(integer order) = 1 << order;


  // The frame descriptor of page i of the block at addr.
  logic struct page *block_frame(char *addr, integer i) =
    page_of((void *)(addr + i * 4096));

  // A block as the page allocator hands it out: the frame of each of its
  // pages is a valid descriptor, and two different pages have frames
  // apart (entries of the platform's frame table, one per page).
  predicate block_frames(char *addr, integer order) =
    (\forall integer i; 0 <= i < block_pages(order) ==>
       \valid(block_frame(addr, i))) &&
    (\forall integer i, j; 0 <= i < j < block_pages(order) ==>
       \separated(block_frame(addr, i), block_frame(addr, j)));

  // The first byte of a slab's block: its descriptor's s_mem less the
  // colour offset (and, on-slab, the descriptor) before the objects.
  logic char *slab_block(struct slab *s) = (char *)s->s_mem - s->colouroff;

  // The frames of a block apart from a cache descriptor: frame
  // descriptors are the platform's, never an allocator structure.
  predicate block_apart_cache(char *addr, integer order,
                              struct kmem_cache *c) =
    \forall integer i; 0 <= i < block_pages(order) ==>
      \separated(block_frame(addr, i), c);

  // ... and from what freeing an object of cache c reads: c's array on
  // this CPU (its counters), its node's lists and their shared array.
  predicate block_apart_arrays(char *addr, integer order,
                               struct kmem_cache *c) =
    \forall integer i; 0 <= i < block_pages(order) ==>
      \separated(block_frame(addr, i), &this_array(c)->avail,
                 &this_array(c)->limit, &this_array(c)->batchcount,
                 &this_array(c)->touched) &&
      \separated(block_frame(addr, i), c->nodelists[0]) &&
      (c->nodelists[0]->shared == \null ||
       \separated(block_frame(addr, i), &c->nodelists[0]->shared->avail,
                  &c->nodelists[0]->shared->limit,
                  &c->nodelists[0]->shared->batchcount,
                  &c->nodelists[0]->shared->touched));

  // A frame of a slab's page: PG_slab set (kmem_getpages).
  predicate frame_slab(struct page *p) = (p->flags & PG_slab) != 0;

  // A frame's back pointers name the cache and the slab (slab_map_pages;
  // what virt_to_cache and virt_to_slab read).
  predicate frame_mapped(struct page *p, struct kmem_cache *c,
                         struct slab *s) =
    p->slab_cache == c && p->slab_page == s;

  // A frame's back pointers cleared (kmem_freepages).
  predicate frame_unmapped(struct page *p) =
    p->slab_cache == \null && p->slab_page == \null;

  // PG_slab cleared, the frame's other flags as they were at L
  // (kmem_freepages' flags &= ~PG_slab on an unsigned int: 0xfffffffe).
  predicate frame_unmarked{L1, L2}(struct page *p) =
    \at(p->flags, L2) == (\at(p->flags, L1) & 0xfffffffe);
*/

/*
 * The page allocator (platform primitives, include/slabref/platform.h;
 * trusted, proofs/TRUSTED.md).  A block it hands out has a valid frame per page,
 * different pages' frames apart.  Both platforms write only their own
 * state (free lists, counters, the order field of the block's first frame,
 * which the core never reads; the model, after a snapshot restore, zeroes
 * frames and bytes of pages above its bump pointer, which no slab uses).
 */
/*@ assigns \nothing;
    ensures block: \result == \null || block_frames((char *)\result, order); */
void *alloc_pages_exact_node(int nid, unsigned int gfp, unsigned int order);

/* Gives a block back: both platforms write only their free lists, counters and memory tool. */
/*@ assigns \nothing; */
void free_pages(void *addr, unsigned int order);

#endif
