/*
 * ACSL: a node's three slab lists and their accounting (issue #4,
 * property 5), over spec/list_model.h's sequences.  F, P and E are the
 * list nodes of slabs_full, slabs_partial and slabs_free, in list order.
 *
 * node_accounted is property 5's invariant: every slab is on the list its
 * inuse names (full: inuse = num; partial: 0 < inuse < num, as inuse <=
 * num; free: inuse = 0) and free_objects is the number of free objects in
 * the node's slabs.  It is what the kernel's own /proc/slabinfo check
 * (s_show) accepts: src/slabinfo.c proves that s_show reports no error
 * iff node_accounted held when it was called.
 *
 * Read under WP's Typed+cast model only: a slab is reached from its list
 * node by list_slab's container_of, a cast (the node is the slab's first
 * field, so the address is the same).
 */
#ifndef SLABREF_SPEC_NODE_MODEL_H
#define SLABREF_SPEC_NODE_MODEL_H

#include "list_model.h"

/*@
  // The slab whose list node is n (list_slab).
  logic struct slab *node_slab(struct list_head *n) = (struct slab *)n;

  // Objects in use in the first n slabs of s, by prefix: each step is one
  // unfolding, so a walk of the list needs no induction.
  logic integer slabs_inuse{L}(\list<struct list_head *> s, integer n) =
    n <= 0 ? 0 : slabs_inuse(s, n - 1) + node_slab(\nth(s, n - 1))->inuse;

  // Each slab of s is readable, apart from the node's lists and lock.
  predicate slabs_readable{L}(\list<struct list_head *> s, struct kmem_list3 *l3) =
    \forall integer i; 0 <= i < \length(s) ==>
      \valid_read(node_slab(\nth(s, i))) && \separated(node_slab(\nth(s, i)), l3);

  // No slab of s has more objects in use than a slab holds.
  predicate slabs_bounded{L}(\list<struct list_head *> s, integer num) =
    \forall integer i; 0 <= i < \length(s) ==> node_slab(\nth(s, i))->inuse <= num;

  // The membership rule of each list, for its first k slabs.
  predicate full_upto{L}(\list<struct list_head *> s, integer k, integer num) =
    \forall integer i; 0 <= i < k ==> node_slab(\nth(s, i))->inuse == num;
  predicate partial_upto{L}(\list<struct list_head *> s, integer k, integer num) =
    \forall integer i; 0 <= i < k ==>
      node_slab(\nth(s, i))->inuse != 0 && node_slab(\nth(s, i))->inuse != num;
  predicate free_upto{L}(\list<struct list_head *> s, integer k) =
    \forall integer i; 0 <= i < k ==> node_slab(\nth(s, i))->inuse == 0;

  // ... and for all of it.  (With slabs_bounded, partial_ok is
  // 0 < inuse < num.)
  predicate full_ok{L}(\list<struct list_head *> s, integer num) =
    full_upto(s, \length(s), num);
  predicate partial_ok{L}(\list<struct list_head *> s, integer num) =
    partial_upto(s, \length(s), num);
  predicate free_ok{L}(\list<struct list_head *> s) = free_upto(s, \length(s));

  // The free objects of a node whose lists follow the membership rule:
  // none in a full slab, num - inuse in a partial one, num in a free one.
  logic integer node_free_objects{L}(\list<struct list_head *> P,
                                     \list<struct list_head *> E, integer num) =
    num * \length(P) - slabs_inuse(P, \length(P)) + num * \length(E);

  // Property 5's invariant of node l3 whose lists hold F, P and E.
  predicate node_accounted{L}(struct kmem_list3 *l3, \list<struct list_head *> F,
                              \list<struct list_head *> P,
                              \list<struct list_head *> E, integer num) =
    full_ok(F, num) && partial_ok(P, num) && free_ok(E) &&
    l3->free_objects == node_free_objects(P, E, num);

  // The sequences a node's three lists hold, as functions of the node:
  // a precondition that says l3's lists hold full_seq(l3), partial_seq(l3)
  // and free_seq(l3) (s_show's) quantifies its function's claims over
  // every sequences the lists could hold, without a quantifier in each
  // invariant (no axiom: nothing else is known of them).
  axiomatic NodeSequences {
    logic \list<struct list_head *> full_seq(struct kmem_list3 *l3);
    logic \list<struct list_head *> partial_seq(struct kmem_list3 *l3);
    logic \list<struct list_head *> free_seq(struct kmem_list3 *l3);
  }

  // l3's list at h holds s: its slabs readable, apart from l3, and
  // fewer than 2^30 of them (4 TiB of slabs at least), so counting a
  // node's slabs and objects cannot wrap an unsigned long.
  predicate slab_list{L}(struct list_head *h, \list<struct list_head *> s,
                         struct kmem_list3 *l3) =
    list_model(h, s) && slabs_readable(s, l3) && \length(s) < 0x40000000;

  // l3's lists hold F, P and E; no partial slab has more objects in use
  // than a slab holds.
  predicate node_lists{L}(struct kmem_list3 *l3, \list<struct list_head *> F,
                          \list<struct list_head *> P,
                          \list<struct list_head *> E, integer num) =
    slab_list(&l3->slabs_full, F, l3) && slab_list(&l3->slabs_partial, P, l3) &&
    slab_list(&l3->slabs_free, E, l3) && slabs_bounded(P, num);
*/

#endif
