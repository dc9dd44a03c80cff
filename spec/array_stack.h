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

  // A per-CPU array as every operation finds and leaves it: its storage,
  // 0 <= avail <= limit, and a batch of 1 .. limit (enable_cpucache sets
  // (limit + 1) / 2, slabinfo_write refuses anything else, the boot
  // arrays have 1 of 1).
  predicate ac_wellformed(struct array_cache *ac) =
    ac_storage(ac) && \valid_read(&ac->batchcount) && ac_bounded(ac) &&
    1 <= ac->batchcount <= ac->limit;

  // The array of the CPU the caller runs on.
  logic struct array_cache *this_array(struct kmem_cache *c) =
    c->array[cur_cpu];

  logic integer min3(integer a, integer b, integer c) =
    a <= b ? (a <= c ? a : c) : (b <= c ? b : c);
*/

#endif
