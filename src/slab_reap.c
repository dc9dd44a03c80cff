/*
 * Giving memory back: cache_reap's periodic draining, drain_array,
 * drain_freelist, kmem_cache_shrink and kmem_cache_destroy.
 */
#include "slab.h"

/* Only prints: the allocator's state is left alone. */
/*@
  requires cache: \valid_read(cachep);
  requires strings: valid_read_string(function) && valid_read_string(msg) &&
             valid_read_string(cachep->name);
  assigns \nothing;
*/
void slab_error_fn(const char *function, struct kmem_cache *cachep,
		   const char *msg)
{
	printk("slab error in %s(): cache `%s': %s\n", function, cachep->name, msg);
	dump_stack();
}

/*
 * Property 4: the entries given back are the oldest, the rest move down in
 * order.  The slabs part rests on free_block's contract, assumed, not
 * proved (src/slab.h).
 */
/*@
  requires node: node == 0 && \valid_read(cachep) && l3 == cachep->nodelists[node] &&
             \valid(l3);
  requires array: ac == \null || (ac_wellformed(ac) &&
             \separated(&l3->list_lock, &ac->avail, &ac->limit,
                         &ac->batchcount, &ac->touched));
  ensures array: ac == \null || (ac_wellformed(ac) && ac_shape_kept{Pre, Post}(ac));
  behavior idle:
    assumes ac == \null || ac->avail == 0;
    ensures kept: ac == \null || ac_same{Pre, Post}(ac);
  behavior touched:
    assumes ac != \null && ac->avail != 0 && ac->touched != 0 && force == 0;
    ensures untouched: ac->touched == 0;
    ensures kept: ac_flushed{Pre, Post}(ac, 0);
  behavior drained:
    assumes ac != \null && ac->avail != 0 && (ac->touched == 0 || force != 0);
    ensures flushed: ac_flushed{Pre, Post}(ac,
              drain_count(\old(ac->avail), \old(ac->limit), force));
  complete behaviors;
  disjoint behaviors;
*/
void drain_array(struct kmem_cache *cachep, struct kmem_list3 *l3,
		 struct array_cache *ac, int force, int node)
{
	int tofree;

	if (!ac || !ac->avail)
		return;
	if (ac->touched && !force) {
		/* Used since the last pass: leave it alone this once. */
		ac->touched = 0;
	} else {
		spin_lock(&l3->list_lock);
		if (ac->avail) {
			tofree = force ? (int)ac->avail : (int)(ac->limit + 4) / 5;
			if (tofree > (int)ac->avail)
				tofree = (int)(ac->avail + 1) / 2;
			free_block(cachep, ac_entries(ac), tofree, node);
			ac->avail -= (unsigned int)tofree;
			ac_shift_down(ac_entries(ac), (unsigned int)tofree, ac->avail);
		}
		spin_unlock(&l3->list_lock);
	}
}

int drain_freelist(struct kmem_cache *cache, struct kmem_list3 *l3, int tofree)
{
	struct list_head *p;
	int nr_freed = 0;
	struct slab *slabp;

	while (nr_freed < tofree && !list_empty(&l3->slabs_free)) {
		spin_lock(&l3->list_lock);
		p = l3->slabs_free.prev;
		if (p == &l3->slabs_free) {
			spin_unlock(&l3->list_lock);
			break;
		}
		slabp = list_slab(p);
#if DEBUG
		BUG_ON(slabp->inuse);
#endif
		list_del(&slabp->list);
		l3->free_objects -= cache->num;
		spin_unlock(&l3->list_lock);
		slab_destroy(cache, slabp);
		nr_freed++;
	}
	return nr_freed;
}

void cache_reap(void)
{
	struct list_head *p;
	int node = numa_node_id();

	if (!mutex_trylock(&cache_chain_mutex))
		return;

	for (p = cache_chain.next; p != &cache_chain; p = p->next) {
		struct kmem_cache *searchp = list_cache(p);
		struct kmem_list3 *l3 = searchp->nodelists[node];

		drain_array(searchp, l3, cpu_cache_get(searchp), 0, node);

		/* Racy by design: the node part runs once per REAPTIMEOUT_LIST3. */
		if (time_after(l3->next_reap, jiffies_now()))
			continue;
		l3->next_reap = jiffies_now() + REAPTIMEOUT_LIST3;

		drain_array(searchp, l3, l3->shared, 0, node);

		if (l3->free_touched) {
			l3->free_touched = 0;
		} else {
			int freed = drain_freelist(searchp, l3,
				(int)((l3->free_limit + 5 * searchp->num - 1) /
				      (5 * searchp->num)));
			STATS_ADD_REAPED(searchp, freed);
		}
	}
	mutex_unlock(&cache_chain_mutex);
}

static void do_drain(void *arg)
{
	struct kmem_cache *cachep = arg;
	struct array_cache *ac;
	int node = numa_node_id();

	ac = cpu_cache_get(cachep);
	spin_lock(&cachep->nodelists[node]->list_lock);
	free_block(cachep, ac->entry, (int)ac->avail, node);
	spin_unlock(&cachep->nodelists[node]->list_lock);
	ac->avail = 0;
}

static void drain_cpu_caches(struct kmem_cache *cachep)
{
	struct kmem_list3 *l3;
	int node;

	on_each_cpu(do_drain, cachep, 1);
	for (node = 0; node < MAX_NUMNODES; node++) {
		l3 = cachep->nodelists[node];
		if (l3)
			drain_array(cachep, l3, l3->shared, 1, node);
	}
}

static int __cache_shrink(struct kmem_cache *cachep)
{
	int ret = 0, i;
	struct kmem_list3 *l3;

	drain_cpu_caches(cachep);

	for (i = 0; i < MAX_NUMNODES; i++) {
		l3 = cachep->nodelists[i];
		if (!l3)
			continue;
		/* free_objects only bounds the count; the loop ends when the list does. */
		drain_freelist(cachep, l3, (int)l3->free_objects);
		ret += !list_empty(&l3->slabs_full) ||
		       !list_empty(&l3->slabs_partial);
	}
	return ret ? 1 : 0;
}

int kmem_cache_shrink(struct kmem_cache *cachep)
{
	int ret;

	BUG_ON(!cachep || in_interrupt());
	get_online_cpus();
	mutex_lock(&cache_chain_mutex);
	ret = __cache_shrink(cachep);
	mutex_unlock(&cache_chain_mutex);
	put_online_cpus();
	return ret;
}

void __kmem_cache_destroy(struct kmem_cache *cachep)
{
	int i;
	struct kmem_list3 *l3;

	for (i = 0; i < NR_CPUS; i++)
		if (cpu_online(i))
			kfree(cachep->array[i]);

	for (i = 0; i < MAX_NUMNODES; i++) {
		l3 = cachep->nodelists[i];
		if (l3) {
			kfree(l3->shared);
			kfree(l3);
		}
	}
	kmem_cache_free(&cache_cache, cachep);
}

void kmem_cache_destroy(struct kmem_cache *cachep)
{
	BUG_ON(!cachep || in_interrupt());

	get_online_cpus();
	mutex_lock(&cache_chain_mutex);
	list_del(&cachep->next);
	if (__cache_shrink(cachep)) {
		slab_error(cachep, "Can't free all objects");
		list_add(&cachep->next, &cache_chain);
		mutex_unlock(&cache_chain_mutex);
		put_online_cpus();
		return;
	}
	/* SLAB_DESTROY_BY_RCU: rcu_barrier() has nothing to wait for here. */
	__kmem_cache_destroy(cachep);
	mutex_unlock(&cache_chain_mutex);
	put_online_cpus();
}
