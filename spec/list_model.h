/*
 * ACSL: what a list_head list holds (issue #4, property 5).  spec/list.h
 * names the links one primitive writes; this file says which nodes a head
 * reaches, in order, as a logic sequence s (ACSL \list): h, s[0], ...,
 * s[n-1], back to h, each linked to the next both ways.
 *
 * Why a \list and index quantifiers: WP's list theory (Vlist) gives nth of
 * a concatenation and a cons, and the length of both, as axioms, so a
 * definition by \nth and \length needs no induction: each clause is one
 * quantifier over an index, which SMT instantiates at the indices a goal
 * names.  A ghost companion array would need ghost code to shift its
 * entries on every list_add (a ghost loop per insertion); a recursive
 * (inductive) reachability predicate would need induction for every
 * insertion or removal.  Only the nodes' own links are read, so a write
 * apart from every node leaves the model as it was.
 *
 * proofs/list_model.c proves what each list.h primitive does to the model.
 */
#ifndef SLABREF_SPEC_LIST_MODEL_H
#define SLABREF_SPEC_LIST_MODEL_H

#include "list.h"

/*@
  // The nodes: valid, apart from the head and from one another (apart,
  // not only different: WP's typed model would otherwise let two nodes
  // overlap, and a write to one would change the other's links).  Every
  // ordered pair, not only i < j: a removal renumbers the nodes after the
  // one removed, and SMT then needs no case on the order of the indices.
  predicate list_nodes{L}(struct list_head *h, \list<struct list_head *> s) =
    \valid(h) &&
    (\forall integer i; 0 <= i < \length(s) ==>
       \valid(\nth(s, i)) && \separated(h, \nth(s, i))) &&
    (\forall integer i, j; 0 <= i < \length(s) && 0 <= j < \length(s) && i != j ==>
       \separated(\nth(s, i), \nth(s, j)));

  // The links of the circle h, s[0], ..., s[n-1], h: the head alone points
  // at itself; otherwise it points at the first node and back at the last,
  // and each node at the next.
  predicate list_links{L}(struct list_head *h, \list<struct list_head *> s) =
    (\length(s) == 0 ==> list_is_empty(h)) &&
    (\length(s) > 0 ==> list_linked(h, \nth(s, 0)) &&
                        list_linked(\nth(s, \length(s) - 1), h)) &&
    (\forall integer i; 0 <= i < \length(s) - 1 ==>
       list_linked(\nth(s, i), \nth(s, i + 1)));

  // h heads a well-formed circular doubly linked list whose entries, in
  // list order from h->next, are s.
  predicate list_model{L}(struct list_head *h, \list<struct list_head *> s) =
    list_nodes(h, s) && list_links(h, s);

  // e may join the list of h and s: valid, apart from the head and from
  // every node.
  predicate list_fresh{L}(struct list_head *e, struct list_head *h,
                          \list<struct list_head *> s) =
    \valid(e) && \separated(e, h) &&
    \forall integer i; 0 <= i < \length(s) ==> \separated(e, \nth(s, i));

  // r is s without its entry k (s[0 .. k-1] ^ s[k+1 ..]), by index: WP's
  // list theory has no sublist, and an index map needs no induction.  A
  // caller holding s as u ^ [e] ^ v proves it of u ^ v, k = \length(u),
  // from WP's nth-of-concatenation axiom.
  predicate list_removed(\list<struct list_head *> s, integer k,
                         \list<struct list_head *> r) =
    0 <= k < \length(s) && \length(r) == \length(s) - 1 &&
    (\forall integer i; 0 <= i < k ==> \nth(r, i) == \nth(s, i)) &&
    (\forall integer i; k <= i < \length(r) ==> \nth(r, i) == \nth(s, i + 1));
*/

#endif
