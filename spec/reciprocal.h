/*
 * ACSL: the reciprocal divide of lib/reciprocal_div.c, used by obj_to_index.
 */
#ifndef SLABREF_SPEC_RECIPROCAL_H
#define SLABREF_SPEC_RECIPROCAL_H

/*@
  // r is reciprocal_value(k): 2^32 <= r*k <= 2^32 + k - 1.
  predicate is_reciprocal(integer r, integer k) =
    0x100000000 <= r * k <= 0x100000000 + k - 1;

*/

#endif
