/*
 * ACSL: the bufctl free chain of one slab (slab_get_obj, slab_put_obj,
 * cache_init_objs).
 *
 * The chain is a singly linked list of object indices stored in the bufctl
 * array that follows struct slab.  Its order is kept in a ghost companion
 * array used as a stack: with n = num - inuse free objects, order[n-1] is
 * the head (slabp->free), bufctl[order[k]] == order[k-1], and order[0] is
 * the entry whose bufctl is BUFCTL_END.  Popping the head is a ghost pop,
 * pushing a freed object a ghost push.
 */
#ifndef SLABREF_SPEC_BUFCTL_H
#define SLABREF_SPEC_BUFCTL_H

#ifdef SLABREF_WP_CAST
/*
 * The cast unit (proofs.mk, PROOF_UNIT_cast_MODEL Typed+cast) follows the
 * conversion: there, bufctl_of is the expression slab_bufctl() returns,
 * and slab_bufctl's contract is proved (proofs/TRUSTED.md).  A macro, not
 * a logic definition: WP's simplifier then closes the contract by itself
 * (a definition left the goal to Why3, whose answer WP does not cache).
 */
#define bufctl_of(s) ((kmem_bufctl_t *)((s) + 1))
#else
/*@
  // The bufctl array: what slab_bufctl() returns.  The conversion from a
  // slab descriptor to the array behind it, (kmem_bufctl_t *)(s + 1), is
  // outside WP's typed memory model: uninterpreted here, and slab_bufctl's
  // contract is trusted (proofs/TRUSTED.md).
  axiomatic BufctlArray {
    logic kmem_bufctl_t *bufctl_of(struct slab *s);
  }
*/
#endif

/*@
  // Parts of a well-formed chain of n free objects among num.
  predicate chain_head(kmem_bufctl_t free, unsigned int *order, integer n) =
    (n == 0 ==> free == BUFCTL_END) && (n > 0 ==> free == order[n - 1]);
  predicate chain_links(kmem_bufctl_t *b, unsigned int *order, integer n) =
    \forall integer k; 1 <= k < n ==> b[order[k]] == order[k - 1];
  predicate chain_end(kmem_bufctl_t *b, unsigned int *order, integer n) =
    n > 0 ==> b[order[0]] == BUFCTL_END;
  predicate chain_bounded(unsigned int *order, integer n, integer num) =
    \forall integer k; 0 <= k < n ==> order[k] < num;
  predicate chain_distinct(unsigned int *order, integer n) =
    \forall integer j, k; 0 <= j < k < n ==> order[j] != order[k];

  // The whole chain (the conjunction of the parts above).
  predicate bufctl_chain(kmem_bufctl_t free, kmem_bufctl_t *b,
                         unsigned int *order, integer n, integer num) =
    chain_head(free, order, n) && chain_links(b, order, n) &&
    chain_end(b, order, n) && chain_bounded(order, n, num) &&
    chain_distinct(order, n);

  // The memory a slab's chain lives in, as slab_get_obj, slab_put_obj and
  // cache_init_objs require it: the cache (read) and the descriptor, num
  // bufctl entries and num ghost order slots, pairwise apart; num and the
  // bytes of the objects bounded (a slab has at most 4 MiB).
  predicate slab_frame(struct kmem_cache *c, struct slab *s,
                       unsigned int *order) =
    \valid_read(c) && \valid(s) &&
    1 <= c->num <= 0x100000 && c->num * c->buffer_size <= 0x400000 &&
    \valid(bufctl_of(s) + (0 .. c->num - 1)) &&
    \valid(order + (0 .. c->num - 1)) &&
    \separated(s, c, bufctl_of(s) + (0 .. c->num - 1),
               order + (0 .. c->num - 1));

  // Address of object idx of a slab (index_to_obj).
  logic char *obj_addr(struct slab *s, integer size, integer idx) =
    (char *)s->s_mem + size * idx;
*/

/*@ ghost
  // Passed by the callers that do not track a slab's chain (they are not
  // among the proved functions); proofs/TRUSTED.md.
  extern unsigned int bufctl_order_untracked[1];
*/

#endif
