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
 * Lemma (ghost): a product grows with its second factor.  Proved on its
 * own, where the provers see nothing else; s_show's context is too large
 * for them to find it.
 */
/*@ ghost
  /@ requires bound: 0 <= b <= c;
     assigns \nothing;
     ensures mono: a * b <= a * c; @/
  static void mul_mono(unsigned long a, unsigned long b, unsigned long c)
  {
  }
*/

/*
 * The kernel's accounting check is property 5's invariant (spec/
 * node_model.h): acct_checked below proves that s_show reports no error
 * iff node_accounted held of the node's lists at entry.  The sequences
 * are named by spec/node_model.h's full_seq, partial_seq and free_seq
 * (the precondition says the lists hold them), so that every invariant
 * speaks of fixed sequences; a ghost index counts each walk's slabs.
 */
/*@
  requires cache: \valid_read(cachep);
  requires node: cachep->nodelists[0] == \null || \valid(cachep->nodelists[0]);
  requires apart: cachep->nodelists[0] != \null ==>
    \separated(cachep, cachep->nodelists[0]);
  requires lists: cachep->nodelists[0] != \null ==>
    node_lists(cachep->nodelists[0], full_seq(cachep->nodelists[0]),
               partial_seq(cachep->nodelists[0]), free_seq(cachep->nodelists[0]),
               cachep->num);
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
	/*@ ghost unsigned long k = 0; unsigned int gnum = cachep->num; */

	/*@
	  loop invariant acct_node: 0 <= node <= MAX_NUMNODES;
	  loop invariant acct_num: cachep->num == gnum;
	  loop invariant acct_start: node == 0 ==> active_objs == 0 &&
	    active_slabs == 0 && num_slabs == 0 && free_objects == 0 && error == \null;
	  loop invariant acct_none: node == 1 && cachep->nodelists[0] == \null ==>
	    active_objs == 0 && active_slabs == 0 && num_slabs == 0 &&
	    free_objects == 0 && error == \null;
	  loop invariant acct_walked: node == 1 && cachep->nodelists[0] != \null ==>
	    \let l3 = cachep->nodelists[0];
	    active_objs == gnum * \length(full_seq(l3)) +
	                   slabs_inuse{Pre}(partial_seq(l3), \length(partial_seq(l3))) &&
	    active_slabs == \length(full_seq(l3)) + \length(partial_seq(l3)) &&
	    num_slabs == \length(free_seq(l3)) &&
	    free_objects == \at(cachep->nodelists[0]->free_objects, Pre) &&
	    (error == \null <==> full_ok{Pre}(full_seq(l3), gnum) &&
	       partial_ok{Pre}(partial_seq(l3), gnum) && free_ok{Pre}(free_seq(l3)));
	  loop assigns node, p, active_objs, active_slabs, num_slabs, free_objects,
	               shared_avail, error, cachep->nodelists[0]->list_lock, k;
	  loop variant MAX_NUMNODES - node;
	*/
	for (node = 0; node < MAX_NUMNODES; node++) {
		struct kmem_list3 *l3 = cachep->nodelists[node];

		if (!l3)
			continue;
		spin_lock(&l3->list_lock);
		/*@ assert acct_locked: l3 == cachep->nodelists[0] &&
		      cachep->num == \at(cachep->num, Pre) &&
		      l3->free_objects == \at(cachep->nodelists[0]->free_objects, Pre); */
		/*@ ghost k = 0; */
		/*@
		  loop invariant acct_full_at: 0 <= k <= \length(full_seq(l3)) &&
		    p == (k < \length(full_seq(l3)) ? \nth(full_seq(l3), k) : &l3->slabs_full);
		  loop invariant acct_full_count: active_objs == gnum * k &&
		    active_slabs == k;
		  loop invariant acct_full_seen: error == \null <==>
		    full_upto{Pre}(full_seq(l3), k, gnum);
		  loop assigns p, k, active_objs, active_slabs, error;
		*/
		for (p = l3->slabs_full.next; p != &l3->slabs_full; p = p->next) {
			if (list_slab(p)->inuse != cachep->num && !error)
				error = "slabs_full accounting error";
			active_objs += cachep->num;
			active_slabs++;
			/*@ ghost k++; */
		}
		/*@ assert acct_full_end: k == \length(full_seq(l3)); */
		/*@ ghost k = 0; */
		/*@
		  loop invariant acct_part_at: 0 <= k <= \length(partial_seq(l3)) &&
		    p == (k < \length(partial_seq(l3)) ? \nth(partial_seq(l3), k) :
		          &l3->slabs_partial);
		  loop invariant acct_part_count:
		    slabs_inuse(partial_seq(l3), k) <= gnum * k &&
		    active_objs == gnum * \length(full_seq(l3)) +
		                   slabs_inuse(partial_seq(l3), k) &&
		    active_slabs == \length(full_seq(l3)) + k;
		  loop invariant acct_part_seen: error == \null <==>
		    full_ok{Pre}(full_seq(l3), gnum) &&
		    partial_upto{Pre}(partial_seq(l3), k, gnum);
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
		/*@ assert acct_part_end: k == \length(partial_seq(l3)); */
		/*
		 * The sum of inuse over slabs_partial is the same as at entry:
		 * spin_lock wrote only the lock.  A recursive logic function,
		 * so the frame takes an induction: this ghost loop.
		 */
		/*@ ghost
		  unsigned long j;
		  /@ loop invariant acct_frame_range: 0 <= j <= k;
		     loop invariant acct_frame_sum: slabs_inuse(partial_seq(l3), j) ==
		       slabs_inuse{Pre}(partial_seq(l3), j);
		     loop assigns j;
		     loop variant k - j; @/
		  for (j = 0; j < k; j++)
		    ;
		*/
		/*@ ghost k = 0; */
		/*@
		  loop invariant acct_free_at: 0 <= k <= \length(free_seq(l3)) &&
		    p == (k < \length(free_seq(l3)) ? \nth(free_seq(l3), k) : &l3->slabs_free);
		  loop invariant acct_free_count: num_slabs == k;
		  loop invariant acct_free_seen: error == \null <==>
		    full_ok{Pre}(full_seq(l3), gnum) &&
		    partial_ok{Pre}(partial_seq(l3), gnum) &&
		    free_upto{Pre}(free_seq(l3), k);
		  loop assigns p, k, num_slabs, error;
		*/
		for (p = l3->slabs_free.next; p != &l3->slabs_free; p = p->next) {
			if (list_slab(p)->inuse && !error)
				error = "slabs_free/inuse accounting error";
			num_slabs++;
			/*@ ghost k++; */
		}
		/*@ assert acct_free_end: k == \length(free_seq(l3)); */
		free_objects += l3->free_objects;
		/*@ assert acct_node_done: active_objs == gnum * \length(full_seq(l3)) +
		                 slabs_inuse{Pre}(partial_seq(l3), \length(partial_seq(l3))) &&
		  active_slabs == \length(full_seq(l3)) + \length(partial_seq(l3)) &&
		  num_slabs == \length(free_seq(l3)) &&
		  free_objects == \at(cachep->nodelists[0]->free_objects, Pre) &&
		  (error == \null <==> full_ok{Pre}(full_seq(l3), gnum) &&
		     partial_ok{Pre}(partial_seq(l3), gnum) && free_ok{Pre}(free_seq(l3))); */
		if (l3->shared)
			shared_avail += l3->shared->avail;
		spin_unlock(&l3->list_lock);
		/*@ assert acct_num_kept: cachep->num == \at(cachep->num, Pre) &&
		      l3 == cachep->nodelists[0] &&
		      l3->free_objects == \at(cachep->nodelists[0]->free_objects, Pre); */
	}
	num_slabs += active_slabs;
	/*@ assert acct_num_end: cachep->num == gnum; */
	/*@ assert acct_slabs_total: cachep->nodelists[0] != \null ==>
	      \let l3 = cachep->nodelists[0];
	      num_slabs == \length(full_seq(l3)) + \length(partial_seq(l3)) +
	                   \length(free_seq(l3)) &&
	      num_slabs < 0xc0000000; */
	/*@ ghost mul_mono(num_slabs, gnum, 0xffffffff); */
	/*@ assert acct_product: num_slabs < 0xc0000000 && 0 <= gnum <= 0xffffffff ==>
	      num_slabs * gnum < 0xc0000000 * 0x100000000; */
	num_objs = num_slabs * cachep->num;
	/*@ assert acct_objs_total: cachep->nodelists[0] != \null ==>
	      \let l3 = cachep->nodelists[0];
	      num_objs == gnum * \length(full_seq(l3)) + gnum * \length(partial_seq(l3)) +
	                  gnum * \length(free_seq(l3)); */
	/*@ assert acct_objects: cachep->nodelists[0] != \null ==>
	      \let l3 = cachep->nodelists[0];
	      num_objs - active_objs ==
	        node_free_objects{Pre}(partial_seq(l3), free_seq(l3), gnum); */
	if (num_objs - active_objs != free_objects && !error)
		error = "free_objects accounting error";
	/*@ assert acct_checked: cachep->nodelists[0] != \null ==>
	      \let l3 = cachep->nodelists[0];
	      (error == \null <==>
	       node_accounted{Pre}(l3, full_seq(l3), partial_seq(l3), free_seq(l3),
	                          gnum)); */

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
