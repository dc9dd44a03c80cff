/*
 * ACSL: slab geometry (cache_estimate, slab_mgmt_size).  Logic only: this
 * file is read by Frama-C (src/slab.h includes it under __FRAMAC__).
 */
#ifndef SLABREF_SPEC_ESTIMATE_H
#define SLABREF_SPEC_ESTIMATE_H

/*@
  // The kernel's ALIGN, arithmetic form (src/slab.h).
  logic integer align_up(integer x, integer a) = ((x + a - 1) / a) * a;

  // Bytes of an on-slab descriptor: struct slab (48) plus one bufctl per object.
  logic integer mgmt_bytes(integer nr) = 48 + nr * 4;

  // slab_mgmt_size: the descriptor rounded up to the cache's alignment.
  logic integer mgmt_size(integer nr, integer a) = align_up(mgmt_bytes(nr), a);

  // Bytes of a slab of the given order.
  logic integer slab_bytes(integer order) = 4096 << order;

  // nr objects of size bs, with on-slab management, fit in S bytes.
  predicate fits_on(integer nr, integer bs, integer a, integer S) =
    nr * bs + mgmt_size(nr, a) <= S;
*/

#endif
