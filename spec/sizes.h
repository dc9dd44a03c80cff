/*
 * ACSL: the general caches' size table malloc_sizes[] (kmalloc's classes).
 * Logic only, read by Frama-C (spec/slab_spec.h).
 */
#ifndef SLABREF_SPEC_SIZES_H
#define SLABREF_SPEC_SIZES_H

/*@
  // The table as kmem_cache_init leaves it: strictly increasing class
  // sizes ending in the ~0UL sentinel, which every size_t fits.
  predicate sizes_table{L} =
    \valid_read(malloc_sizes + (0 .. NR_MALLOC_SIZES))
    && malloc_sizes[NR_MALLOC_SIZES].cs_size == 0xffffffffffffffff
    && (\forall integer i; 0 <= i < NR_MALLOC_SIZES ==>
          malloc_sizes[i].cs_size < malloc_sizes[i + 1].cs_size);

  // Class i is the smallest that holds size bytes.
  predicate first_fit{L}(integer size, integer i) =
    0 <= i <= NR_MALLOC_SIZES
    && size <= malloc_sizes[i].cs_size
    && (i == 0 || malloc_sizes[i - 1].cs_size < size);
*/

#endif
