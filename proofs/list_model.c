/*
 * The translation unit of the "listmodel" proof unit (proofs/proofs.mk):
 * what each list.h primitive of src/slab.h does to the list model of
 * spec/list_model.h, the kernel's list.h semantics:
 *   INIT_LIST_HEAD   the empty sequence
 *   list_add         s -> [new] ^ s        (insert after the head)
 *   list_add_tail    s -> s ^ [new]        (insert before the head)
 *   list_del         s -> s without s[k], entry == s[k] (list_removed)
 *   list_empty       true iff s is empty
 *
 * Design: one wrapper per primitive, proof-only (never built), whose body
 * is the call and whose contract is the primitive's own requires and
 * assigns, word for word, plus the model-level ensures (named model_*).
 * Each model_* goal is therefore proved from the primitive's proved
 * link-level contract (its ensures and its assigns clause: the frame that
 * keeps every other node's links), not from its body.  The ensures
 * quantify over the sequence (and, for list_del, over the head), so they
 * hold for any caller that has a model of the list at the call, and they
 * need no new requires.  The assertions in the bodies are the proof's
 * steps (the frame of the call, then the nodes and links of the new
 * sequence, one clause at a time): each is a small SMT goal, where the
 * ensures asked whole timed out.  Their price is replay time: about 9 s
 * of one core for this unit, half of it list_del_model's 47 goals (each
 * assertion carries the earlier ones as hypotheses, so every Why3 task is
 * large); moving its steps that read only the state before the call into
 * a wrapper of their own would shrink them.
 *
 * Why not on the primitives now: callers see a callee's ensures as
 * hypotheses, so every proved caller's goals after a list call would
 * change (kmem_list3_init, kmem_cache_create's unit), and the new goals
 * would join the main run.  A later session proving cache_grow,
 * free_block or drain_freelist copies the model_* clauses of the wrappers
 * it needs onto the primitives' contracts (unchanged requires, so no
 * caller's precondition goal changes), where they are proved the same
 * way, and drops the wrapper; the callers then instantiate them at each
 * call with the sequences they track.
 */
#include "slab.h"
#include "../spec/list_model.h"

/*@
  requires valid: \valid(list);
  assigns list->next, list->prev;
  ensures model_empty: list_model(list, \Nil);
*/
void INIT_LIST_HEAD_model(struct list_head *list)
{
	INIT_LIST_HEAD(list);
}

/*@
  requires valid: \valid(new) && \valid(head) && \valid(head->next);
  requires apart: \separated(new, head) && \separated(new, head->next);
  requires neighbours: same_or_apart(head, head->next);
  assigns head->next->prev, new->next, new->prev, head->next;
  ensures model_first: \forall \list<struct list_head *> s;
            \old(list_model(head, s) && list_fresh(new, head, s)) ==>
            list_model(head, [| new |] ^ s);
*/
void list_add_model(struct list_head *new, struct list_head *head)
{
	/*@ assert nodes: \forall \list<struct list_head *> s; list_model(head, s) && list_fresh(new, head, s) ==>
	      list_nodes(head, [| new |] ^ s); */
	list_add(new, head);
	/*
	 * The frame, from list_add's assigns clause: the old nodes keep their
	 * links but for the first node's prev (now new); the head keeps its
	 * prev unless the list was empty.
	 */
	/*@ assert kept_next: \forall \list<struct list_head *> s; \at(list_model(head, s) && list_fresh(new, head, s), Pre) ==>
	      \forall integer i; 0 <= i < \length(s) ==>
	        \nth(s, i)->next == \at(\nth(s, i)->next, Pre); */
	/*@ assert kept_prev: \forall \list<struct list_head *> s; \at(list_model(head, s) && list_fresh(new, head, s), Pre) ==>
	      \forall integer i; 0 < i < \length(s) ==>
	        \nth(s, i)->prev == \at(\nth(s, i)->prev, Pre); */
	/*@ assert kept_head: \forall \list<struct list_head *> s; \at(list_model(head, s) && list_fresh(new, head, s), Pre) ==>
	      \length(s) > 0 ==> head->prev == \at(head->prev, Pre); */
	/*@ assert links: \forall \list<struct list_head *> s; \at(list_model(head, s) && list_fresh(new, head, s), Pre) ==>
	      list_links(head, [| new |] ^ s); */
}

/*@
  requires valid: \valid(new) && \valid(head) && \valid(head->prev);
  requires apart: \separated(new, head) && \separated(new, head->prev);
  requires neighbours: same_or_apart(head->prev, head);
  assigns head->prev->next, new->next, new->prev, head->prev;
  ensures model_last: \forall \list<struct list_head *> s;
            \old(list_model(head, s) && list_fresh(new, head, s)) ==>
            list_model(head, s ^ [| new |]);
*/
void list_add_tail_model(struct list_head *new, struct list_head *head)
{
	/* s ^ [new] by index (WP's nth and length of a concatenation). */
	/*@ assert appended: \forall \list<struct list_head *> s;
	      \length(s ^ [| new |]) == \length(s) + 1 &&
	      \nth(s ^ [| new |], \length(s)) == new &&
	      \forall integer i; 0 <= i < \length(s) ==>
	        \nth(s ^ [| new |], i) == \nth(s, i); */
	/*@ assert nodes: \forall \list<struct list_head *> s; list_model(head, s) && list_fresh(new, head, s) ==>
	      list_nodes(head, s ^ [| new |]); */
	list_add_tail(new, head);
	/*
	 * The frame, from list_add_tail's assigns clause: the old nodes keep
	 * their links but for the last node's next (now new); the head keeps
	 * its next unless the list was empty.
	 */
	/*@ assert kept_prev: \forall \list<struct list_head *> s; \at(list_model(head, s) && list_fresh(new, head, s), Pre) ==>
	      \forall integer i; 0 <= i < \length(s) ==>
	        \nth(s, i)->prev == \at(\nth(s, i)->prev, Pre); */
	/*@ assert kept_next: \forall \list<struct list_head *> s; \at(list_model(head, s) && list_fresh(new, head, s), Pre) ==>
	      \forall integer i; 0 <= i < \length(s) - 1 ==>
	        \nth(s, i)->next == \at(\nth(s, i)->next, Pre); */
	/*@ assert kept_head: \forall \list<struct list_head *> s; \at(list_model(head, s) && list_fresh(new, head, s), Pre) ==>
	      \length(s) > 0 ==> head->next == \at(head->next, Pre); */
	/*@ assert links_first: \forall \list<struct list_head *> s; \at(list_model(head, s) && list_fresh(new, head, s), Pre) ==>
	      list_linked(head, \nth(s ^ [| new |], 0)); */
	/*@ assert links_inner: \forall \list<struct list_head *> s; \at(list_model(head, s) && list_fresh(new, head, s), Pre) ==>
	      \forall integer i; 0 <= i < \length(s) ==>
	        list_linked(\nth(s ^ [| new |], i), \nth(s ^ [| new |], i + 1)); */
	/*@ assert links: \forall \list<struct list_head *> s; \at(list_model(head, s) && list_fresh(new, head, s), Pre) ==>
	      list_links(head, s ^ [| new |]); */
}

/*
 * The entry is s[k] of some head h's list; r is s without it.  The
 * ensures quantifies over h: list_del is not given the head.
 */
/*@
  requires valid: \valid(entry) && \valid(entry->next) && \valid(entry->prev);
  requires apart: \separated(entry, entry->next) && \separated(entry, entry->prev);
  requires neighbours: same_or_apart(entry->prev, entry->next);
  assigns entry->next->prev, entry->prev->next, entry->next, entry->prev;
  ensures model_removed:
            \forall struct list_head *h, \list<struct list_head *> s, r, integer k;
            \old(list_model(h, s)) && \nth(s, k) == entry && list_removed(s, k, r) ==>
            list_model(h, r);
*/
void list_del_model(struct list_head *entry)
{
	/* Before: the entry's neighbours, r's nodes, what is apart. */
	/*@ assert prev_was: \forall struct list_head *h, \list<struct list_head *> s, r, integer k;
	      list_model(h, s) && \nth(s, k) == entry && list_removed(s, k, r) ==>
	      (k == 0 ==> entry->prev == h) &&
	      (k > 0 ==> entry->prev == \nth(s, k - 1)); */
	/*@ assert next_was: \forall struct list_head *h, \list<struct list_head *> s, r, integer k;
	      list_model(h, s) && \nth(s, k) == entry && list_removed(s, k, r) ==>
	      (k == \length(s) - 1 ==> entry->next == h) &&
	      (k < \length(s) - 1 ==> entry->next == \nth(s, k + 1)); */
	/*@ assert r_in_s: \forall \list<struct list_head *> s, r, integer k;
	      list_removed(s, k, r) ==>
	      \forall integer i; 0 <= i < \length(r) ==>
	        \nth(r, i) == \nth(s, (i < k ? i : i + 1)); */
	/*@ assert nodes_valid: \forall struct list_head *h, \list<struct list_head *> s, r, integer k;
	      list_model(h, s) && \nth(s, k) == entry && list_removed(s, k, r) ==>
	      \forall integer i; 0 <= i < \length(r) ==>
	        \valid(\nth(r, i)) && \separated(h, \nth(r, i)) &&
	        \separated(entry, \nth(r, i)); */
	/*@ assert nodes_apart: \forall struct list_head *h, \list<struct list_head *> s, r, integer k;
	      list_model(h, s) && \nth(s, k) == entry && list_removed(s, k, r) ==>
	      \forall integer i, j;
	        0 <= i < \length(r) && 0 <= j < \length(r) && i != j ==>
	        \separated(\nth(r, i), \nth(r, j)); */
	/*@ assert nodes: \forall struct list_head *h, \list<struct list_head *> s, r, integer k;
	      list_model(h, s) && \nth(s, k) == entry && list_removed(s, k, r) ==> list_nodes(h, r) && list_fresh(entry, h, r); */
	/*@ assert apart_neighbours: \forall struct list_head *h, \list<struct list_head *> s, r, integer k;
	      list_model(h, s) && \nth(s, k) == entry && list_removed(s, k, r) ==>
	      \forall integer i; 0 <= i < \length(s) ==>
	        (i != k ==> \separated(\nth(s, i), entry)) &&
	        (i != k - 1 ==> \separated(\nth(s, i), entry->prev)) &&
	        (i != k + 1 ==> \separated(\nth(s, i), entry->next)); */
	list_del(entry);
	/*
	 * The frame, from list_del's assigns clause: the other nodes keep
	 * their links but for the two that were the entry's neighbours (s[k-1]
	 * or the head, s[k+1] or the head), now linked to each other.
	 */
	/*@ assert kept_next_before: \forall struct list_head *h, \list<struct list_head *> s, r, integer k;
	      \at(list_model(h, s), Pre) && \nth(s, k) == entry && list_removed(s, k, r) ==>
	      \forall integer i; 0 <= i < k - 1 ==>
	        \nth(s, i)->next == \at(\nth(s, i)->next, Pre); */
	/*@ assert kept_next_after: \forall struct list_head *h, \list<struct list_head *> s, r, integer k;
	      \at(list_model(h, s), Pre) && \nth(s, k) == entry && list_removed(s, k, r) ==>
	      \forall integer i; k < i < \length(s) ==>
	        \nth(s, i)->next == \at(\nth(s, i)->next, Pre); */
	/*@ assert kept_prev_before: \forall struct list_head *h, \list<struct list_head *> s, r, integer k;
	      \at(list_model(h, s), Pre) && \nth(s, k) == entry && list_removed(s, k, r) ==>
	      \forall integer i; 0 <= i < k ==>
	        \nth(s, i)->prev == \at(\nth(s, i)->prev, Pre); */
	/*@ assert kept_prev_after: \forall struct list_head *h, \list<struct list_head *> s, r, integer k;
	      \at(list_model(h, s), Pre) && \nth(s, k) == entry && list_removed(s, k, r) ==>
	      \forall integer i; k + 1 < i < \length(s) ==>
	        \nth(s, i)->prev == \at(\nth(s, i)->prev, Pre); */
	/*@ assert kept_head: \forall struct list_head *h, \list<struct list_head *> s, r, integer k;
	      \at(list_model(h, s), Pre) && \nth(s, k) == entry && list_removed(s, k, r) ==>
	      (k > 0 ==> h->next == \at(h->next, Pre)) &&
	      (k < \length(s) - 1 ==> h->prev == \at(h->prev, Pre)); */
	/* r's links: before k, after k, across the gap, at the head. */
	/*@ assert links_before: \forall struct list_head *h, \list<struct list_head *> s, r, integer k;
	      \at(list_model(h, s), Pre) && \nth(s, k) == entry && list_removed(s, k, r) ==>
	      \forall integer i; 0 <= i < k - 1 ==>
	        list_linked(\nth(r, i), \nth(r, i + 1)); */
	/*@ assert links_after: \forall struct list_head *h, \list<struct list_head *> s, r, integer k;
	      \at(list_model(h, s), Pre) && \nth(s, k) == entry && list_removed(s, k, r) ==>
	      \forall integer i; k <= i < \length(r) - 1 ==>
	        list_linked(\nth(r, i), \nth(r, i + 1)); */
	/*@ assert links_join: \forall struct list_head *h, \list<struct list_head *> s, r, integer k;
	      \at(list_model(h, s), Pre) && \nth(s, k) == entry && list_removed(s, k, r) ==>
	      (0 < k < \length(s) - 1 ==> list_linked(\nth(r, k - 1), \nth(r, k))) &&
	      (k == 0 && k < \length(s) - 1 ==> list_linked(h, \nth(r, 0))) &&
	      (0 < k && k == \length(s) - 1 ==> list_linked(\nth(r, k - 1), h)) &&
	      (k == 0 && k == \length(s) - 1 ==> list_is_empty(h)); */
	/*@ assert r_last: \forall struct list_head *h, \list<struct list_head *> s, r, integer k;
	      \at(list_model(h, s), Pre) && \nth(s, k) == entry && list_removed(s, k, r) ==>
	      k < \length(s) - 1 ==> \nth(r, \length(r) - 1) == \nth(s, \length(s) - 1); */
	/*@ assert links_ends: \forall struct list_head *h, \list<struct list_head *> s, r, integer k;
	      \at(list_model(h, s), Pre) && \nth(s, k) == entry && list_removed(s, k, r) ==>
	      (k > 0 ==> list_linked(h, \nth(r, 0))) &&
	      (k < \length(s) - 1 ==> list_linked(\nth(r, \length(r) - 1), h)); */
	/*@ assert links: \forall struct list_head *h, \list<struct list_head *> s, r, integer k;
	      \at(list_model(h, s), Pre) && \nth(s, k) == entry && list_removed(s, k, r) ==> list_links(h, r); */
}

/*@
  requires valid: \valid_read(head);
  assigns \nothing;
  ensures model_empty: \forall \list<struct list_head *> s;
            list_model(head, s) ==> (\result != 0 <==> s == \Nil);
*/
int list_empty_model(const struct list_head *head)
{
	return list_empty(head);
}
