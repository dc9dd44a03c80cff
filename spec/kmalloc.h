/*
 * ACSL: the general caches as __kmalloc finds them (src/slab_init.c).
 * Logic only.  Included by src/slab_init.c alone (under __FRAMAC__), after
 * spec/sizes.h and spec/array_stack.h (src/slab.h's spec/slab_spec.h).
 */
#ifndef SLABREF_SPEC_KMALLOC_H
#define SLABREF_SPEC_KMALLOC_H

/*@
  // The general cache of class i for these gfp flags: the DMA one under
  // GFP_DMA (what kmem_find_general_cachep returns for a size of class i).
  logic struct kmem_cache *general_cache{L}(integer i, integer gfp) =
    (gfp & GFP_DMA) != 0 ? malloc_sizes[i].cs_dmacachep
                         : malloc_sizes[i].cs_cachep;

  // A general cache as kmalloc finds it: not created yet (NULL, as the
  // sentinel's caches always are), or a cache __cache_alloc accepts
  // (its preconditions) whose objects hold the class size
  // (kmem_cache_create rounds the size up, never down).
  predicate general_ready{L}(struct kmem_cache *c, integer class_size) =
    c == \null ||
    (\valid_read(c) && class_size <= c->buffer_size <= 0x7fffffff &&
     ac_wellformed(this_array(c)) && ac_objects(this_array(c), c->buffer_size) &&
     size_apart(c));

  // Every class's two caches are ready.
  predicate general_caches_ready{L} =
    \forall integer i; 0 <= i <= NR_MALLOC_SIZES ==>
      general_ready(malloc_sizes[i].cs_cachep, malloc_sizes[i].cs_size) &&
      general_ready(malloc_sizes[i].cs_dmacachep, malloc_sizes[i].cs_size);
*/

#endif
