/*
 * /proc/slabinfo version 2.1: the read side (s_show over the cache chain,
 * with its accounting checks) and the tuning write (slabinfo_write).
 */
#include "slab.h"

static void print_slabinfo_header(void (*put)(void *, const char *), void *ctx)
{
#if STATS
	put(ctx, "slabinfo - version: 2.1 (statistics)\n");
#else
	put(ctx, "slabinfo - version: 2.1\n");
#endif
	put(ctx, "# name            <active_objs> <num_objs> <objsize> "
		 "<objperslab> <pagesperslab>");
	put(ctx, " : tunables <limit> <batchcount> <sharedfactor>");
	put(ctx, " : slabdata <active_slabs> <num_slabs> <sharedavail>");
#if STATS
	put(ctx, " : globalstat <listallocs> <maxobjs> <grown> <reaped> "
		 "<error> <maxfreeable> <nodeallocs> <remotefrees> <alienoverflow>");
	put(ctx, " : cpustat <allochit> <allocmiss> <freehit> <freemiss>");
#endif
	put(ctx, "\n");
}

/*
 * The kernel's accounting check, against property 5's invariant (spec/
 * node_model.h): acct_node_fine below proves that, on each node, the three
 * walks report no membership error iff every slab is on the list its
 * inuse names, and acct_node_slabs that they count each list's slabs.
 * Not proved yet: that the free_objects check then fails iff
 * free_objects is not node_free_objects (the sum of inuse over
 * slabs_partial is a recursive logic function, and the provers did not
 * carry it across the walks' ghost indices).  Each walk's invariants
 * name its list by its sequence (spec/list_model.h) and count the slabs
 * seen in a ghost index; what a finished walk found is kept in ghost
 * variables (its length, whether its slabs were all in order), so that
 * each later invariant speaks of one list.
 */
/*@
  requires node: cachep->nodelists[0] == \null || \valid(cachep->nodelists[0]);
  requires apart: cachep->nodelists[0] != \null ==>
    \separated(cachep, cachep->nodelists[0]);
*/
static void s_show(struct kmem_cache *cachep,
		   void (*put)(void *, const char *), void *ctx)
{
	struct list_head *p;
	unsigned long active_objs = 0, num_objs, active_slabs = 0;
	unsigned long num_slabs = 0, free_objects = 0, shared_avail = 0;
	const char *error = NULL;
	char line[512];
	int node;
	/*@ ghost unsigned long k = 0, nf = 0; int full_fine = 1, part_fine = 1; */

	/*@
	  loop invariant acct_node: 0 <= node <= MAX_NUMNODES;
	  loop invariant acct_start: node == 0 ==> active_objs == 0 &&
	    active_slabs == 0 && num_slabs == 0 && free_objects == 0 && error == \null;
	  loop invariant acct_none: node == 1 && cachep->nodelists[0] == \null ==>
	    active_objs == 0 && active_slabs == 0 && num_slabs == 0 &&
	    free_objects == 0 && error == \null;
	  loop assigns node, p, active_objs, active_slabs, num_slabs, free_objects,
	               shared_avail, error, cachep->nodelists[0]->list_lock,
	               k, nf, full_fine, part_fine;
	  loop variant MAX_NUMNODES - node;
	*/
	for (node = 0; node < MAX_NUMNODES; node++) {
		struct kmem_list3 *l3 = cachep->nodelists[node];

		if (!l3)
			continue;
		spin_lock(&l3->list_lock);
		/*@ ghost k = 0; */
		/*@
		  loop invariant acct_full_at: \forall \list<struct list_head *> F;
		    slab_list(&l3->slabs_full, F, l3) ==>
		      0 <= k <= \length(F) && p == (k < \length(F) ? \nth(F, k) : &l3->slabs_full);
		  loop invariant acct_full_count: \forall \list<struct list_head *> F;
		    slab_list(&l3->slabs_full, F, l3) ==>
		      active_slabs == k;
		  loop invariant acct_full_seen: \forall \list<struct list_head *> F;
		    slab_list(&l3->slabs_full, F, l3) ==>
		      (error == \null <==> \forall integer i; 0 <= i < k ==>
		         node_slab(\nth(F, i))->inuse == cachep->num);
		  loop assigns p, k, active_objs, active_slabs, error;
		*/
		for (p = l3->slabs_full.next; p != &l3->slabs_full; p = p->next) {
			if (list_slab(p)->inuse != cachep->num && !error)
				error = "slabs_full accounting error";
			active_objs += cachep->num;
			active_slabs++;
			/*@ ghost k++; */
		}
		/*@ assert acct_full_head: \forall \list<struct list_head *> F;
		      slab_list(&l3->slabs_full, F, l3) ==> \forall integer i; 0 <= i < \length(F) ==>
		      \nth(F, i) != &l3->slabs_full; */
		/*@ assert acct_full_end: \forall \list<struct list_head *> F;
		      slab_list(&l3->slabs_full, F, l3) ==> k == \length(F); */
		/*@ ghost nf = k; full_fine = (error == 0); k = 0; */
		/*@ assert acct_full_done: \forall \list<struct list_head *> F;
		      slab_list(&l3->slabs_full, F, l3) ==>
		      nf == \length(F) && (full_fine != 0 <==> full_ok(F, cachep->num)); */
		/*@
		  loop invariant acct_part_at: \forall \list<struct list_head *> P;
		    slab_list(&l3->slabs_partial, P, l3) ==>
		      0 <= k <= \length(P) && p == (k < \length(P) ? \nth(P, k) : &l3->slabs_partial);
		  loop invariant acct_part_full: \forall \list<struct list_head *> F;
		    slab_list(&l3->slabs_full, F, l3) ==> nf == \length(F);
		  loop invariant acct_part_slabs: \forall \list<struct list_head *> F, P;
		    slab_list(&l3->slabs_full, F, l3) &&
		    slab_list(&l3->slabs_partial, P, l3) ==> active_slabs == nf + k;
		  loop invariant acct_part_seen: \forall \list<struct list_head *> P;
		    slab_list(&l3->slabs_partial, P, l3) ==>
		      (error == \null <==> full_fine != 0 && \forall integer i; 0 <= i < k ==>
		         node_slab(\nth(P, i))->inuse != 0 &&
		         node_slab(\nth(P, i))->inuse != cachep->num);
		  loop assigns p, k, active_objs, active_slabs, error;
		*/
		for (p = l3->slabs_partial.next; p != &l3->slabs_partial; p = p->next) {
			struct slab *slabp = list_slab(p);

			if (slabp->inuse == cachep->num && !error)
				error = "slabs_partial inuse accounting error";
			if (!slabp->inuse && !error)
				error = "slabs_partial/inuse accounting error";
			active_objs += slabp->inuse;
			active_slabs++;
			/*@ ghost k++; */
		}
		/*@ assert acct_part_head: \forall \list<struct list_head *> P;
		      slab_list(&l3->slabs_partial, P, l3) ==> \forall integer i; 0 <= i < \length(P) ==>
		      \nth(P, i) != &l3->slabs_partial; */
		/*@ assert acct_part_end: \forall \list<struct list_head *> P;
		      slab_list(&l3->slabs_partial, P, l3) ==> k == \length(P); */
		/*@ ghost part_fine = (error == 0); k = 0; */
		/*@ assert acct_part_done: \forall \list<struct list_head *> P;
		      slab_list(&l3->slabs_partial, P, l3) && slabs_bounded(P, cachep->num) ==>
		      (part_fine != 0 <==> full_fine != 0 && partial_ok(P, cachep->num)); */
		/*@
		  loop invariant acct_free_at: \forall \list<struct list_head *> E;
		    slab_list(&l3->slabs_free, E, l3) ==>
		      0 <= k <= \length(E) && p == (k < \length(E) ? \nth(E, k) : &l3->slabs_free);
		  loop invariant acct_free_count: \forall \list<struct list_head *> E;
		    slab_list(&l3->slabs_free, E, l3) ==> num_slabs == k;
		  loop invariant acct_free_seen: \forall \list<struct list_head *> E;
		    slab_list(&l3->slabs_free, E, l3) ==>
		      (error == \null <==> part_fine != 0 && \forall integer i; 0 <= i < k ==>
		         node_slab(\nth(E, i))->inuse == 0);
		  loop assigns p, k, num_slabs, error;
		*/
		for (p = l3->slabs_free.next; p != &l3->slabs_free; p = p->next) {
			if (list_slab(p)->inuse && !error)
				error = "slabs_free/inuse accounting error";
			num_slabs++;
			/*@ ghost k++; */
		}
		/*@ assert acct_free_head: \forall \list<struct list_head *> E;
		      slab_list(&l3->slabs_free, E, l3) ==> \forall integer i; 0 <= i < \length(E) ==>
		      \nth(E, i) != &l3->slabs_free; */
		/*@ assert acct_free_end: \forall \list<struct list_head *> E;
		      slab_list(&l3->slabs_free, E, l3) ==> k == \length(E); */
		/*@ assert acct_free_done: \forall \list<struct list_head *> E;
		      slab_list(&l3->slabs_free, E, l3) ==>
		      num_slabs == \length(E) && (error == \null <==> part_fine != 0 && free_ok(E)); */
		free_objects += l3->free_objects;
		/*@ assert acct_node_slabs: \forall \list<struct list_head *> F, P, E;
		      node_lists(l3, F, P, E, cachep->num) ==>
		      active_slabs == \length(F) + \length(P) && num_slabs == \length(E); */
		/*@ assert acct_node_fine: \forall \list<struct list_head *> F, P, E;
		      node_lists(l3, F, P, E, cachep->num) ==>
		      (error == \null <==> full_ok(F, cachep->num) &&
		         partial_ok(P, cachep->num) && free_ok(E)); */
		if (l3->shared)
			shared_avail += l3->shared->avail;
		spin_unlock(&l3->list_lock);
	}
	num_slabs += active_slabs;
	num_objs = num_slabs * cachep->num;
	if (num_objs - active_objs != free_objects && !error)
		error = "free_objects accounting error";

	if (error)
		printk("slab: cache %s error: %s\n", cachep->name, error);

	scnprintf(line, sizeof(line), "%-17s %6lu %6lu %6u %4u %4d"
		  " : tunables %4u %4u %4u : slabdata %6lu %6lu %6lu",
		  cachep->name, active_objs, num_objs, cachep->buffer_size,
		  cachep->num, 1 << cachep->gfporder,
		  cachep->limit, cachep->batchcount, cachep->shared,
		  active_slabs, num_slabs, shared_avail);
	put(ctx, line);
#if STATS
	/* 2.6.32's source continues this format string over a line: four TABs. */
	scnprintf(line, sizeof(line), " : globalstat %7lu %6lu %5lu %4lu "
		  "\t\t\t\t%4lu %4lu %4lu %4lu %4lu",
		  cachep->num_allocations, cachep->high_mark, cachep->grown,
		  cachep->reaped, cachep->errors, cachep->max_freeable,
		  cachep->node_allocs, cachep->node_frees, cachep->node_overflow);
	put(ctx, line);
	scnprintf(line, sizeof(line), " : cpustat %6lu %6lu %6lu %6lu",
		  (unsigned long)cachep->allochit, (unsigned long)cachep->allocmiss,
		  (unsigned long)cachep->freehit, (unsigned long)cachep->freemiss);
	put(ctx, line);
#endif
	put(ctx, "\n");
}

void slabinfo_show(void (*put)(void *ctx, const char *text), void *ctx)
{
	struct list_head *p;

	mutex_lock(&cache_chain_mutex);
	print_slabinfo_header(put, ctx);
	for (p = cache_chain.next; p != &cache_chain; p = p->next)
		s_show(list_cache(p), put, ctx);
	mutex_unlock(&cache_chain_mutex);
}

long slabinfo_write(const char *buffer, size_t count)
{
	char kbuf[MAX_SLABINFO_WRITE + 1];
	char *tmp;
	const char *s;
	int limit, batchcount, shared;
	long res;
	struct list_head *p;
	size_t i;

	if (count > MAX_SLABINFO_WRITE)
		return -EINVAL;
	memcpy(kbuf, buffer, count);
	kbuf[count] = '\0';

	for (tmp = kbuf; *tmp && *tmp != ' '; tmp++)
		;
	if (!*tmp)
		return -EINVAL;
	*tmp = '\0';
	tmp++;
	s = scan_int(tmp, &limit);
	if (s)
		s = scan_int(s, &batchcount);
	if (s)
		s = scan_int(s, &shared);
	if (!s)
		return -EINVAL;

	mutex_lock(&cache_chain_mutex);
	res = -EINVAL;
	for (p = cache_chain.next; p != &cache_chain; p = p->next) {
		struct kmem_cache *cachep = list_cache(p);
		const char *a = cachep->name;

		for (i = 0; a[i] && a[i] == kbuf[i]; i++)
			;
		if (a[i] != kbuf[i])
			continue;
		if (limit < 1 || batchcount < 1 || batchcount > limit || shared < 0)
			res = 0;	/* silently ignored, reported as success */
		else
			res = do_tune_cpucache(cachep, limit, batchcount, shared,
					       GFP_KERNEL);
		break;
	}
	mutex_unlock(&cache_chain_mutex);
	if (res >= 0)
		res = (long)count;
	return res;
}
