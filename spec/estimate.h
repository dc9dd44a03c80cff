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

  // cache_estimate's result as a logic function: the code's own computation
  // (first guess, at most one step back, SLAB_LIMIT cap).  cache_estimate's
  // contract proves the result satisfies the exact size equation and the
  // tightness above, and that it equals these functions.
  logic integer slab_limit = 0xFFFFFFFC;
  logic integer cap_limit(integer n) = n > slab_limit ? slab_limit : n;
  predicate off_slab_flag(integer flags) = (flags & 0x80000000) != 0;
  logic integer est_guess_on(integer order, integer bs) =
    (slab_bytes(order) - 48) / (bs + 4);
  logic integer est_num_on(integer order, integer bs, integer a) =
    cap_limit(mgmt_size(est_guess_on(order, bs), a)
                + est_guess_on(order, bs) * bs > slab_bytes(order)
              ? est_guess_on(order, bs) - 1 : est_guess_on(order, bs));
  logic integer est_num(integer order, integer bs, integer a, integer flags) =
    (flags & 0x80000000) != 0 ? cap_limit(slab_bytes(order) / bs)
                         : est_num_on(order, bs, a);
  logic integer est_left(integer order, integer bs, integer a, integer flags) =
    slab_bytes(order) - est_num(order, bs, a, flags) * bs
      - ((flags & 0x80000000) != 0 ? 0 : mgmt_size(est_num(order, bs, a, flags), a));

  // calculate_slab_order's loop, for one order o (sbgo: slab_break_gfp_order).
  // Off-slab: the descriptor of a slab must come from a smaller cache.
  predicate order_rejected(integer o, integer bs, integer a, integer flags) =
    off_slab_flag(flags) && est_num(o, bs, a, flags) > (bs - 48) / 4;
  // Stop after accepting order o: first fit for reclaimable caches, the
  // break order, or internal fragmentation at most 1/8 of the slab.
  predicate order_done(integer o, integer bs, integer a, integer flags,
                       integer sbgo) =
    (flags & 0x00020000) != 0 || o >= sbgo
    || est_left(o, bs, a, flags) * 8 <= slab_bytes(o);
  predicate order_stops(integer o, integer bs, integer a, integer flags,
                        integer sbgo) =
    est_num(o, bs, a, flags) != 0
    && (order_rejected(o, bs, a, flags) || order_done(o, bs, a, flags, sbgo));
  // The kernel's rule: orders 0..max are tried in turn, orders holding no
  // object are skipped; the order picked is the last accepted one before
  // the loop stops.  No order is picked iff the first order holding an
  // object (if any) is rejected.
  predicate no_order_picked(integer bs, integer a, integer flags, integer max) =
    \forall integer o; 0 <= o <= max && est_num(o, bs, a, flags) != 0
      && (\forall integer p; 0 <= p < o ==> est_num(p, bs, a, flags) == 0)
      ==> order_rejected(o, bs, a, flags);
  predicate order_picked(integer g, integer bs, integer a, integer flags,
                         integer sbgo, integer max) =
    0 <= g <= max && est_num(g, bs, a, flags) != 0
    && !order_rejected(g, bs, a, flags)
    && (\forall integer p; 0 <= p < g ==> !order_stops(p, bs, a, flags, sbgo))
    && (order_done(g, bs, a, flags, sbgo)
        || (\forall integer p; g < p <= max && est_num(p, bs, a, flags) != 0
              && (\forall integer r; g < r < p ==> est_num(r, bs, a, flags) == 0)
              ==> order_rejected(p, bs, a, flags)));
*/

#endif
