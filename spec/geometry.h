/*
 * ACSL: the geometry kmem_cache_create gives a cache (alignment, colouring,
 * where the objects sit in a slab).  Logic only: this file is read by
 * Frama-C (src/slab_create.c includes it under __FRAMAC__; not slab_spec.h,
 * so its lemmas stay out of the other proved functions' goals).
 */
#ifndef SLABREF_SPEC_GEOMETRY_H
#define SLABREF_SPEC_GEOMETRY_H

/*@
  // A power of two no larger than a page: the alignments a cache may ask
  // for (the kernel's ALIGN assumes a power of two without checking it;
  // the oracle's trace parser, src/oracle/trace.c, rejects anything else).
  predicate pow2_upto_page(integer a) =
    a == 1 || a == 2 || a == 4 || a == 8 || a == 16 || a == 32 || a == 64
    || a == 128 || a == 256 || a == 512 || a == 1024 || a == 2048
    || a == 4096;

  // The slab of this order is exactly the management area inside it (the
  // descriptor and its bufctls on-slab, nothing off-slab), num objects of
  // bs bytes and the left-over bytes the colouring uses.
  predicate slab_layout(integer mgmt, integer num, integer bs, integer left,
                        integer order) =
    mgmt + num * bs + left == slab_bytes(order);

  // Colour c (offset c * colour_off from the start of the slab): the
  // management area and the num objects after it end inside the slab.
  predicate colour_fits(integer c, integer colour_off, integer mgmt,
                        integer num, integer bs, integer order) =
    c * colour_off + mgmt + num * bs <= slab_bytes(order);

  // The two steps of align_up_within, each one fact about division, so
  // that no prover has to find them inside it (Z3 needed most of its
  // budget for the whole lemma, and timed out on a loaded machine).
  lemma div_bounds: \forall integer x, a;
    0 <= x && 0 < a ==> (x / a) * a <= x < (x / a) * a + a;
  lemma div_below: \forall integer x, a, k;
    0 <= x && 0 < a && 0 <= k && x < (k + 1) * a ==> x / a <= k;

  // ALIGN rounds x up to a multiple of a, within the multiple of a at or
  // below KMALLOC_MAX_SIZE (4 MiB) when x is.
  lemma align_up_within: \forall integer x, a;
    0 < a && 0 <= x <= (0x400000 / a) * a ==>
      x <= align_up(x, a) <= (0x400000 / a) * a && align_up(x, a) % a == 0;

  // KMALLOC_MAX_SIZE (4 MiB) is a multiple of every such alignment.
  lemma pow2_divides_max: \forall integer a;
    pow2_upto_page(a) ==> (0x400000 / a) * a == 0x400000;

  // So ALIGN to one keeps a size up to KMALLOC_MAX_SIZE in range.
  lemma align_up_pow2: \forall integer x, a;
    pow2_upto_page(a) && 0 <= x <= 0x400000 ==>
      x <= align_up(x, a) <= 0x400000 && align_up(x, a) % a == 0;

  // The colour count times the colour step never exceeds the left-over.
  lemma div_mul_le: \forall integer x, d;
    0 <= x && 0 < d ==> (x / d) * d <= x;

  // Every colour the cache uses (0 .. colour - 1, or only 0 when colour is
  // 0) fits; colour_fits grows with c, so the first and last are enough.
  predicate geometry_inside(integer colour, integer colour_off,
                            integer mgmt, integer num, integer bs,
                            integer order) =
    colour_fits(0, colour_off, mgmt, num, bs, order)
    && (colour > 0 ==> colour_fits(colour - 1, colour_off, mgmt, num, bs,
                                   order));
*/

#endif
