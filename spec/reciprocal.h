/*
 * ACSL: the reciprocal divide of lib/reciprocal_div.c, used by obj_to_index.
 */
#ifndef SLABREF_SPEC_RECIPROCAL_H
#define SLABREF_SPEC_RECIPROCAL_H

/*@
  // r is reciprocal_value(k): 2^32 <= r*k <= 2^32 + k - 1.
  predicate is_reciprocal(integer r, integer k) =
    0x100000000 <= r * k <= 0x100000000 + k - 1;

  // Steps of the exact-division lemma below (proved by WP, not assumed).
  lemma mul_le_mono: \forall integer a, b, c;
    0 <= a && b <= c ==> a * b <= a * c;
  lemma div_pow32_add: \forall integer q, m;
    0 <= q && 0 <= m < 0x100000000 ==>
    (q * 0x100000000 + m) / 0x100000000 == q;

  // obj_to_index: for an offset a = k*i below 2^32, (a*r) >> 32 == i.
  // Since r*k = 2^32 + e with 0 <= e < k, a*r = i*2^32 + i*e and
  // 0 <= i*e < i*k < 2^32.  (k * i is obj_addr's order of the factors.)
  lemma reciprocal_exact: \forall integer i, k, r;
    1 <= k && 0 <= i && k * i <= 0xffffffff && is_reciprocal(r, k) ==>
    ((k * i) * r) / 0x100000000 == i;
*/

#endif
