/*
 * ACSL: the array_cache, a bounded LIFO stack of object pointers
 * (entry[0 .. avail) live, avail <= limit), per CPU, shared or alien.
 */
#ifndef SLABREF_SPEC_ARRAY_STACK_H
#define SLABREF_SPEC_ARRAY_STACK_H

/*@
  // The slots of the flexible member entry[], as a plain pointer: what
  // ac_entries() returns.  WP gives a flexible member no size ("Undefined
  // array-size"), so \valid(ac->entry + k) is false for every k and any
  // contract requiring it is inconsistent (-wp-smoke-tests).  The address of
  // the slots is therefore uninterpreted here, and ac_entries' contract is
  // trusted (proofs/TRUSTED.md).  No axiom: it is only a name.
  axiomatic ArrayCacheEntries {
    logic void **ac_slots(struct array_cache *ac);
  }

  // The stack's storage: the header's counters and limit slots.  Named
  // field by field: \valid(ac) of the whole structure is sized without
  // entry[] too, with the same inconsistency.  That the counters and the
  // slots do not overlap is not stated: they have different types, which
  // WP's typed model keeps apart anyway (proofs/TRUSTED.md), and every
  // extra \separated is a case split that slows the provers down.
  predicate ac_storage(struct array_cache *ac) =
    \valid(&ac->avail) && \valid(&ac->limit) && \valid(&ac->touched) &&
    \valid(ac_slots(ac) + (0 .. ac->limit - 1));

  // Two distinct array caches: different counters, disjoint slots.
  predicate ac_apart(struct array_cache *a, struct array_cache *b) =
    \separated(&a->avail, &a->limit, &a->touched,
               &b->avail, &b->limit, &b->touched) &&
    \separated(ac_slots(a) + (0 .. a->limit - 1),
               ac_slots(b) + (0 .. b->limit - 1));

  // 0 <= avail <= limit.
  predicate ac_bounded(struct array_cache *ac) = ac->avail <= ac->limit;

  // An array as every operation finds and leaves it: its storage,
  // 0 <= avail <= limit, and a batch of 1 .. limit (enable_cpucache sets
  // (limit + 1) / 2, slabinfo_write refuses anything else, the boot
  // arrays have 1 of 1).  A limit of 2^28 or more is outside the trace
  // contract (the kernel's int size computation of the array overflows:
  // oracle-trace-v1, tune), so the int arithmetic on limits cannot wrap.
  predicate ac_wellformed(struct array_cache *ac) =
    ac_storage(ac) && \valid(&ac->batchcount) && ac_bounded(ac) &&
    1 <= ac->batchcount <= ac->limit && ac->limit < 0x10000000;

  // The live entries are objects of size bytes each, writable (what the
  // array hands out: __cache_alloc zeroes one under __GFP_ZERO).
  predicate ac_objects(struct array_cache *ac, integer size) =
    \forall integer k; 0 <= k < ac->avail ==>
      \valid((char *)ac_slots(ac)[k] + (0 .. size - 1));

  // An allocation's result: NULL or an object of size bytes.
  predicate object_or_null(void *p, integer size) =
    p == \null || \valid((char *)p + (0 .. size - 1));

  // What a flush or a drain keeps whatever it gives back: the array's
  // size and its batch (only a tune changes them).
  predicate ac_shape_kept{L1, L2}(struct array_cache *ac) =
    \at(ac->limit, L1) == \at(ac->limit, L2) &&
    \at(ac->batchcount, L1) == \at(ac->batchcount, L2);

  // An array left exactly as it was: its counters, and every slot from
  // label L1 still at the same index at L2.
  predicate ac_same{L1, L2}(struct array_cache *ac) =
    ac_shape_kept{L1, L2}(ac) &&
    \at(ac->avail, L1) == \at(ac->avail, L2) &&
    \at(ac->touched, L1) == \at(ac->touched, L2) &&
    \forall integer k; 0 <= k < \at(ac->limit, L1) ==>
      \at(ac_slots(ac)[k], L1) == \at(ac_slots(ac)[k], L2);

  // The n bottom entries at L1 went back: the rest moved down, in order.
  predicate ac_flushed{L1, L2}(struct array_cache *ac, integer n) =
    \at(ac->avail, L2) == \at(ac->avail, L1) - n &&
    \forall integer j; 0 <= j < \at(ac->avail, L2) ==>
      \at(ac_slots(ac)[j], L2) == \at(ac_slots(ac)[j + n], L1);

  // How many entries cache_flusharray gives back: a batch, or the room
  // left in the node's shared array when that is less (and not none).
  logic integer flush_count{L}(struct kmem_list3 *l3, struct array_cache *ac) =
    (l3->shared != \null && l3->shared->limit != l3->shared->avail &&
     ac->batchcount > l3->shared->limit - l3->shared->avail) ?
    l3->shared->limit - l3->shared->avail : ac->batchcount;

  // How many entries drain_array gives back from an untouched array (or
  // all of them when forced): a fifth of the limit, rounded up, or half
  // of what is there when that is less.
  logic integer drain_count(integer avail, integer limit, integer force) =
    force != 0 ? avail :
    ((limit + 4) / 5 > avail ? (avail + 1) / 2 : (limit + 4) / 5);

  // The node's lists a flush or a drain locks, as they find them: the
  // descriptor valid and apart from the array's counters, and its shared
  // array, if any, well formed and apart from both.  ac_apart leaves
  // batchcount out (transfer_objects never reads it, and each location
  // added there is a case split in every goal that uses it); the flush
  // writes the shared avail and promises the per-CPU batchcount
  // unchanged, so that one pair is stated here.
  predicate node_ready(struct kmem_list3 *l3, struct array_cache *ac) =
    \valid(l3) &&
    \separated(l3, &ac->avail, &ac->limit, &ac->batchcount, &ac->touched) &&
    (l3->shared == \null ||
     (ac_wellformed(l3->shared) && ac_apart(ac, l3->shared) &&
      \separated(l3, &l3->shared->avail, &l3->shared->limit,
                  &l3->shared->batchcount, &l3->shared->touched) &&
      \separated(&ac->batchcount, &l3->shared->avail)));

  // The array of the CPU the caller runs on.
  logic struct array_cache *this_array(struct kmem_cache *c) =
    c->array[cur_cpu];

  // The array counters a pop writes are not the cache's object size.
  predicate size_apart(struct kmem_cache *c) =
    \separated(&c->buffer_size, &this_array(c)->avail, &this_array(c)->touched);

  logic integer min3(integer a, integer b, integer c) =
    a <= b ? (a <= c ? a : c) : (b <= c ? b : c);
*/

#endif
