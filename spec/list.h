/*
 * ACSL: the kernel's doubly linked list_head (src/slab.h's list.h
 * operations).  Only the links a primitive writes are specified here; what
 * a list holds, in order, is spec/list_model.h's sequence model.
 */
#ifndef SLABREF_SPEC_LIST_H
#define SLABREF_SPEC_LIST_H

/*@
  // b follows a: the two links between neighbours agree.
  predicate list_linked(struct list_head *a, struct list_head *b) =
    a->next == b && b->prev == a;

  // Two list nodes are the same node or do not overlap at all (WP's typed
  // model would otherwise let one start inside the other).
  predicate same_or_apart(struct list_head *a, struct list_head *b) =
    a == b || \separated(a, b);

  // A head with no entries points at itself both ways.
  predicate list_is_empty(struct list_head *h) =
    h->next == h && h->prev == h;
*/

#endif
