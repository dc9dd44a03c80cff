/*
 * ACSL: the array_cache, a bounded LIFO stack of object pointers
 * (entry[0 .. avail) live, avail <= limit), per CPU, shared or alien.
 */
#ifndef SLABREF_SPEC_ARRAY_STACK_H
#define SLABREF_SPEC_ARRAY_STACK_H

/*@
  // The stack's storage: limit slots behind the header (flexible member).
  predicate ac_storage(struct array_cache *ac) =
    \valid(ac) && \valid(ac->entry + (0 .. ac->limit - 1));

  // 0 <= avail <= limit.
  predicate ac_bounded(struct array_cache *ac) = ac->avail <= ac->limit;

  logic integer min3(integer a, integer b, integer c) =
    a <= b ? (a <= c ? a : c) : (b <= c ? b : c);
*/

#endif
