/*
 * Bootstrap and the general caches: kmem_cache_init, kmem_cache_init_late,
 * the CPU-hotplug callbacks, and kmalloc over malloc_sizes[].
 */
#include "slab.h"
/* Only __kmalloc's proof uses spec/kmalloc.h. */
#ifdef __FRAMAC__
#include "../spec/kmalloc.h"
#endif

enum cpucache_state g_cpucache_up;
int slab_early_init = 1;
int use_alien_caches = 1;
struct mutex cache_chain_mutex;
struct list_head cache_chain;
struct kmem_list3 initkmem_list3[NUM_INIT_LISTS];
union arraycache_init initarray_cache;
union arraycache_init initarray_generic;
struct kmem_cache cache_cache;

#define CS_SIZE(x) { .cs_size = x },
#define CS_NAME(x) { "size-" #x, "size-" #x "(DMA)" },

struct cache_sizes malloc_sizes[NR_MALLOC_SIZES + 1] = {
	KMALLOC_SIZES(CS_SIZE)
	{ .cs_size = ~0UL }
};

static const struct { const char *name, *name_dma; } cache_names[NR_MALLOC_SIZES] = {
	KMALLOC_SIZES(CS_NAME)
};

/*@
  assigns \nothing;
  ensures available: \result == (g_cpucache_up >= EARLY);
*/
int slab_is_available(void)
{
	return g_cpucache_up >= EARLY;
}

void slab_reset(void)
{
	int i;

	g_cpucache_up = NONE;
	slab_early_init = 1;
	use_alien_caches = 1;
	slab_break_gfp_order = BREAK_GFP_ORDER_LO;
	mutex_init(&cache_chain_mutex);
	cache_chain.next = cache_chain.prev = NULL;
	memset(initkmem_list3, 0, sizeof(initkmem_list3));
	memset(&initarray_cache, 0, sizeof(initarray_cache));
	memset(&initarray_generic, 0, sizeof(initarray_generic));
	initarray_cache.cache.limit = BOOT_CPUCACHE_ENTRIES;
	initarray_cache.cache.batchcount = 1;
	initarray_generic.cache.limit = BOOT_CPUCACHE_ENTRIES;
	initarray_generic.cache.batchcount = 1;
	memset(&cache_cache, 0, sizeof(cache_cache));
	cache_cache.batchcount = 1;
	cache_cache.limit = BOOT_CPUCACHE_ENTRIES;
	cache_cache.shared = 1;
	cache_cache.buffer_size = sizeof(struct kmem_cache);
	cache_cache.name = "kmem_cache";
	for (i = 0; i < NR_MALLOC_SIZES; i++) {
		malloc_sizes[i].cs_cachep = NULL;
		malloc_sizes[i].cs_dmacachep = NULL;
	}
}

/*
 * The size-0 case returns ZERO_SIZE_PTR, written as its address
 * ZERO_SIZE_ADDR cast to the result type: WP's Typed model does not follow
 * ZERO_SIZE_PTR's cast from void * to struct kmem_cache *
 * (proofs/TRUSTED.md, "Verifier-only preprocessing"); the address is the
 * same.
 */
/*@
  requires table: sizes_table;
  assigns \nothing;
  behavior zero:
    assumes size == 0;
    ensures zero_size: \result == (struct kmem_cache *)ZERO_SIZE_ADDR;
  behavior sized:
    assumes size != 0;
    ensures first_fit: \exists integer i; first_fit(size, i)
      && \result == ((gfpflags & GFP_DMA) != 0 ? malloc_sizes[i].cs_dmacachep
                                               : malloc_sizes[i].cs_cachep);
  complete behaviors;
  disjoint behaviors;
*/
struct kmem_cache *kmem_find_general_cachep(size_t size, gfp_t gfpflags)
{
	struct cache_sizes *csizep = malloc_sizes;

	if (!size)
		return (struct kmem_cache *)ZERO_SIZE_ADDR;
	//@ ghost int k = 0;
	/*@
	  loop invariant inside: 0 <= k <= NR_MALLOC_SIZES && csizep == &malloc_sizes[k];
	  loop invariant smaller: \forall integer j; 0 <= j < k ==>
	                            malloc_sizes[j].cs_size < size;
	  loop assigns csizep, k;
	  loop variant NR_MALLOC_SIZES - k;
	*/
	while (size > csizep->cs_size) {
		csizep++;
		//@ ghost k++;
	}
	/* The sentinel's caches are NULL: oversized requests need no special case. */
	if (gfpflags & GFP_DMA)
		return csizep->cs_dmacachep;
	return csizep->cs_cachep;
}

/*
 * kmalloc for a size the compiler does not know: the smallest general
 * cache that holds size bytes (kmem_find_general_cachep), or what that
 * lookup returns when it is NULL or ZERO_SIZE_PTR (size 0, no cache of
 * the class yet, or a size above every class).  Those returns are a cast
 * from struct kmem_cache * to void * that WP's Typed model does not
 * follow: no postcondition speaks of them.
 */
/*@
  requires table: sizes_table;
  requires cpu: 0 <= cur_cpu < NR_CPUS;
  requires caches: general_caches_ready;
  ensures object: size != 0 ==> \exists integer i; \at(first_fit(size, i), Pre) &&
            ((unsigned long)\at(general_cache(i, flags), Pre) > ZERO_SIZE_ADDR ==>
             object_or_null(\result, size));
  ensures zeroed: size != 0 && (flags & __GFP_ZERO) != 0 && \result != \null ==>
            \exists integer i; \at(first_fit(size, i), Pre) &&
            ((unsigned long)\at(general_cache(i, flags), Pre) > ZERO_SIZE_ADDR ==>
             \forall integer k; 0 <= k < size ==> ((char *)\result)[k] == 0);
*/
void *__kmalloc(size_t size, gfp_t flags)
{
	struct kmem_cache *cachep = kmem_find_general_cachep(size, flags);

	if (unlikely(ZERO_OR_NULL_PTR(cachep)))
		return cachep;
	return __cache_alloc(cachep, flags, __builtin_return_address(0));
}

struct kmem_cache *kmem_cache_lookup(const char *name)
{
	struct list_head *p;

	if (!cache_chain.next)
		return NULL;
	for (p = cache_chain.next; p != &cache_chain; p = p->next) {
		const char *a = list_cache(p)->name, *b = name;

		while (*a && *a == *b) {
			a++;
			b++;
		}
		if (*a == *b)
			return list_cache(p);
	}
	return NULL;
}

static void cpuup_canceled(long cpu)
{
	struct list_head *p;
	struct kmem_list3 *l3 = NULL;
	int node = 0;

	for (p = cache_chain.next; p != &cache_chain; p = p->next) {
		struct kmem_cache *cachep = list_cache(p);
		struct array_cache *nc;
		struct array_cache *shared;

		nc = cachep->array[cpu];
		cachep->array[cpu] = NULL;
		l3 = cachep->nodelists[node];
		if (!l3)
			goto free_array_cache;

		spin_lock(&l3->list_lock);
		l3->free_limit -= cachep->batchcount;
		if (nc)
			free_block(cachep, nc->entry, (int)nc->avail, node);
		if (num_online_cpus() > 0) {
			spin_unlock(&l3->list_lock);
			goto free_array_cache;
		}
		shared = l3->shared;
		if (shared) {
			free_block(cachep, shared->entry, (int)shared->avail, node);
			l3->shared = NULL;
		}
		spin_unlock(&l3->list_lock);
		kfree(shared);
free_array_cache:
		kfree(nc);
	}
	for (p = cache_chain.next; p != &cache_chain; p = p->next) {
		struct kmem_cache *cachep = list_cache(p);

		l3 = cachep->nodelists[node];
		if (l3)
			drain_freelist(cachep, l3, (int)l3->free_objects);
	}
}

/* CPU_UP_PREPARE, with the new CPU not yet in the online mask. */
int cpuup_prepare(long cpu)
{
	struct list_head *p;
	struct kmem_list3 *l3 = NULL;
	int node = 0;

	mutex_lock(&cache_chain_mutex);
	for (p = cache_chain.next; p != &cache_chain; p = p->next) {
		struct kmem_cache *cachep = list_cache(p);

		if (!cachep->nodelists[node]) {
			l3 = kmalloc(sizeof(struct kmem_list3), GFP_KERNEL);
			if (!l3)
				goto bad;
			kmem_list3_init(l3);
			l3->next_reap = jiffies_now() + REAPTIMEOUT_LIST3 +
				((unsigned long)cachep) % REAPTIMEOUT_LIST3;
			cachep->nodelists[node] = l3;
		}
		spin_lock(&cachep->nodelists[node]->list_lock);
		cachep->nodelists[node]->free_limit =
			(1 + nr_cpus_node(node)) * cachep->batchcount + cachep->num;
		spin_unlock(&cachep->nodelists[node]->list_lock);
	}

	for (p = cache_chain.next; p != &cache_chain; p = p->next) {
		struct kmem_cache *cachep = list_cache(p);
		struct array_cache *nc;
		struct array_cache *shared = NULL;

		nc = alloc_arraycache(node, (int)cachep->limit,
				      cachep->batchcount, GFP_KERNEL);
		if (!nc)
			goto bad;
		if (cachep->shared) {
			shared = alloc_arraycache(node,
				(int)(cachep->shared * cachep->batchcount),
				0xbaadf00d, GFP_KERNEL);
			if (!shared) {
				kfree(nc);
				goto bad;
			}
		}
		cachep->array[cpu] = nc;
		l3 = cachep->nodelists[node];
		BUG_ON(!l3);

		spin_lock(&l3->list_lock);
		if (!l3->shared) {
			l3->shared = shared;
			shared = NULL;
		}
		spin_unlock(&l3->list_lock);
		kfree(shared);
	}
	mutex_unlock(&cache_chain_mutex);
	return 0;
bad:
	cpuup_canceled(cpu);
	mutex_unlock(&cache_chain_mutex);
	return -ENOMEM;
}

/* Moves a static boot kmem_list3, slabs and all, into kmalloc'ed memory. */
static void init_list(struct kmem_cache *cachep, struct kmem_list3 *list,
		      int nodeid)
{
	struct kmem_list3 *ptr;

	ptr = kmalloc(sizeof(struct kmem_list3), GFP_NOWAIT);
	BUG_ON(!ptr);
	memcpy(ptr, list, sizeof(struct kmem_list3));
	spin_lock_init(&ptr->list_lock);

	INIT_LIST_HEAD(&ptr->slabs_full);
	list_splice(&cachep->nodelists[nodeid]->slabs_full, &ptr->slabs_full);
	INIT_LIST_HEAD(&ptr->slabs_partial);
	list_splice(&cachep->nodelists[nodeid]->slabs_partial, &ptr->slabs_partial);
	INIT_LIST_HEAD(&ptr->slabs_free);
	list_splice(&cachep->nodelists[nodeid]->slabs_free, &ptr->slabs_free);
	cachep->nodelists[nodeid] = ptr;
}

/* Replaces a static boot array with a kmalloc'ed copy. */
static void replace_boot_array(struct kmem_cache *cachep,
			       union arraycache_init *boot)
{
	struct array_cache *ptr = kmalloc(sizeof(union arraycache_init), GFP_NOWAIT);

	BUG_ON(cpu_cache_get(cachep) != &boot->cache);
	memcpy(ptr, cpu_cache_get(cachep), sizeof(union arraycache_init));
	spin_lock_init(&ptr->lock);
	cachep->array[smp_processor_id()] = ptr;
}

void kmem_cache_init(void)
{
	size_t left_over = 0;
	struct cache_sizes *sizes;
	int i, order, node, nid;

	if (MAX_NUMNODES == 1)
		use_alien_caches = 0;

	for (i = 0; i < NUM_INIT_LISTS; i++) {
		kmem_list3_init(&initkmem_list3[i]);
		if (i < MAX_NUMNODES)
			cache_cache.nodelists[i] = NULL;
	}
	set_up_list3s(&cache_cache, CACHE_CACHE);

	/* Bigger slab orders only on machines with more than 32 MiB. */
	if (totalram_pages() > (32UL << 20) >> PAGE_SHIFT)
		slab_break_gfp_order = BREAK_GFP_ORDER_HI;

	node = numa_node_id();

	INIT_LIST_HEAD(&cache_chain);
	list_add(&cache_cache.next, &cache_chain);
	cache_cache.colour_off = CACHE_LINE_SIZE;
	cache_cache.array[smp_processor_id()] = &initarray_cache.cache;
	cache_cache.nodelists[node] = &initkmem_list3[CACHE_CACHE + node];

	cache_cache.buffer_size = offsetof(struct kmem_cache, nodelists) +
				  MAX_NUMNODES * sizeof(struct kmem_list3 *);
#if DEBUG
	cache_cache.obj_size = (int)cache_cache.buffer_size;
#endif
	cache_cache.buffer_size = ALIGN(cache_cache.buffer_size, CACHE_LINE_SIZE);
	cache_cache.reciprocal_buffer_size = reciprocal_value(cache_cache.buffer_size);

	for (order = 0; order < MAX_ORDER; order++) {
		cache_estimate((unsigned long)order, cache_cache.buffer_size,
			       CACHE_LINE_SIZE, 0, &left_over, &cache_cache.num);
		if (cache_cache.num)
			break;
	}
	BUG_ON(!cache_cache.num);
	cache_cache.gfporder = (unsigned int)order;
	cache_cache.colour = left_over / cache_cache.colour_off;
	cache_cache.slab_size = ALIGN(cache_cache.num * sizeof(kmem_bufctl_t) +
				      sizeof(struct slab), CACHE_LINE_SIZE);

	sizes = malloc_sizes;
	/* The caches behind the arrays and the kmem_list3s come first. */
	sizes[INDEX_AC].cs_cachep = kmem_cache_create(cache_names[INDEX_AC].name,
		sizes[INDEX_AC].cs_size, ARCH_KMALLOC_MINALIGN,
		ARCH_KMALLOC_FLAGS | SLAB_PANIC, NULL);
	if (INDEX_AC != INDEX_L3)
		sizes[INDEX_L3].cs_cachep = kmem_cache_create(cache_names[INDEX_L3].name,
			sizes[INDEX_L3].cs_size, ARCH_KMALLOC_MINALIGN,
			ARCH_KMALLOC_FLAGS | SLAB_PANIC, NULL);

	slab_early_init = 0;

	for (i = 0; i < NR_MALLOC_SIZES; i++) {
		if (!sizes[i].cs_cachep)
			sizes[i].cs_cachep = kmem_cache_create(cache_names[i].name,
				sizes[i].cs_size, ARCH_KMALLOC_MINALIGN,
				ARCH_KMALLOC_FLAGS | SLAB_PANIC, NULL);
		sizes[i].cs_dmacachep = kmem_cache_create(cache_names[i].name_dma,
			sizes[i].cs_size, ARCH_KMALLOC_MINALIGN,
			ARCH_KMALLOC_FLAGS | SLAB_CACHE_DMA | SLAB_PANIC, NULL);
	}

	replace_boot_array(&cache_cache, &initarray_cache);
	replace_boot_array(malloc_sizes[INDEX_AC].cs_cachep, &initarray_generic);

	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		init_list(&cache_cache, &initkmem_list3[CACHE_CACHE + nid], nid);
		init_list(malloc_sizes[INDEX_AC].cs_cachep,
			  &initkmem_list3[SIZE_AC + nid], nid);
		if (INDEX_AC != INDEX_L3)
			init_list(malloc_sizes[INDEX_L3].cs_cachep,
				  &initkmem_list3[SIZE_L3 + nid], nid);
	}

	g_cpucache_up = EARLY;
}

void kmem_cache_init_late(void)
{
	struct list_head *p;

	mutex_lock(&cache_chain_mutex);
	for (p = cache_chain.next; p != &cache_chain; p = p->next)
		if (enable_cpucache(list_cache(p), GFP_NOWAIT))
			BUG();
	mutex_unlock(&cache_chain_mutex);
	g_cpucache_up = FULL;
}
