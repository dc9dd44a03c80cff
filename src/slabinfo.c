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

static void s_show(struct kmem_cache *cachep,
		   void (*put)(void *, const char *), void *ctx)
{
	struct list_head *p;
	unsigned long active_objs = 0, num_objs, active_slabs = 0;
	unsigned long num_slabs = 0, free_objects = 0, shared_avail = 0;
	const char *error = NULL;
	char line[512];
	int node;

	for (node = 0; node < MAX_NUMNODES; node++) {
		struct kmem_list3 *l3 = cachep->nodelists[node];

		if (!l3)
			continue;
		spin_lock(&l3->list_lock);
		for (p = l3->slabs_full.next; p != &l3->slabs_full; p = p->next) {
			if (list_slab(p)->inuse != cachep->num && !error)
				error = "slabs_full accounting error";
			active_objs += cachep->num;
			active_slabs++;
		}
		for (p = l3->slabs_partial.next; p != &l3->slabs_partial; p = p->next) {
			struct slab *slabp = list_slab(p);

			if (slabp->inuse == cachep->num && !error)
				error = "slabs_partial inuse accounting error";
			if (!slabp->inuse && !error)
				error = "slabs_partial/inuse accounting error";
			active_objs += slabp->inuse;
			active_slabs++;
		}
		for (p = l3->slabs_free.next; p != &l3->slabs_free; p = p->next) {
			if (list_slab(p)->inuse && !error)
				error = "slabs_free/inuse accounting error";
			num_slabs++;
		}
		free_objects += l3->free_objects;
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
