/*
 * Stress model for the threads platform: N threads over M vCPUs doing
 * random allocation work against the unchanged core, with every live
 * object filled with a token unique to it.  A token that changes while the
 * object is held means two owners got the same memory (or something wrote
 * into a live object); it is checked at every free and at the end.
 *
 * Each thread's choices come from its own PRNG seeded from -s, so the
 * operation sequence is reproducible; the interleaving is not (real
 * threads).  Exit status 0 only when every check held.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "slab.h"
#include "slabref/threads.h"
#include "stress_check.h"
#include "memtool.h"

#define MAX_THREADS	64
#define MAX_LIVE	256
#define MAILBOX		512
#define CTOR_WORD	0xC0C0C0C0C0C0C0C0ULL
#define NSHARED		4

struct obj {
	void *p;
	struct kmem_cache *cache;	/* NULL: from kmalloc */
	size_t size;
	uint64_t token;
};

struct mailbox {
	pthread_mutex_t lock;
	unsigned int n;
	struct obj slot[MAILBOX];
};

struct worker {
	int id;
	pthread_t thread;
	uint64_t rng;
	uint64_t seq;
	unsigned long ops;
	struct obj live[MAX_LIVE];
	struct mailbox box;
};

static struct {
	int threads, cpus;
	unsigned long ops;
	unsigned long long seed;
	unsigned int scale;
	int verbose;
	unsigned int skip;	/* bit k set: operation class k is not done */
} opt = { 2, 2, 100000, 1, 50, 0, 0 };

static struct worker workers[MAX_THREADS];
static struct kmem_cache *shared[NSHARED];
static const size_t shared_size[NSHARED] = { 24, 200, 1000, 5000 };
static const char *const shared_name[NSHARED] = {
	"stress-24", "stress-ctor-200", "stress-offslab-1000", "stress-5000"
};
static pthread_barrier_t end_barrier;
static atomic_int failures;

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("stress: FAIL: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	/* Corruption makes later results meaningless: stop at the first. */
	if (atomic_fetch_add(&failures, 1) == 0)
		exit(1);
}

static uint64_t rnd(struct worker *w)
{
	/* xorshift64*: tiny, and deterministic per seed. */
	w->rng ^= w->rng >> 12;
	w->rng ^= w->rng << 25;
	w->rng ^= w->rng >> 27;
	return w->rng * 2685821657736338717ULL;
}

static void ctor_pattern(void *obj)
{
	/* Only stress-ctor-200 has a ctor. */
	uint64_t *q = obj;
	size_t i;

	for (i = 0; i < 200 / 8; i++)
		q[i] = CTOR_WORD;
}

static void fill(void *p, size_t size, uint64_t token)
{
	unsigned char *b = p;
	size_t i;

	for (i = 0; i + 8 <= size; i += 8)
		memcpy(b + i, &token, 8);
	for (; i < size; i++)
		b[i] = (unsigned char)token;
}

static int holds(const void *p, size_t size, uint64_t token)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i + 8 <= size; i += 8)
		if (memcmp(b + i, &token, 8))
			return 0;
	for (; i < size; i++)
		if (b[i] != (unsigned char)token)
			return 0;
	return 1;
}

static void take(struct worker *w, struct obj *o, void *p, struct kmem_cache *c, size_t size)
{
	o->p = p;
	o->cache = c;
	o->size = size;
	/* Thread id in the top bits makes the token unique to this object. */
	o->token = ((uint64_t)(w->id + 1) << 48) | ++w->seq;
	if (c && c->ctor && !holds(p, 200, CTOR_WORD))
		fail("object %p of %s not in constructed state", p, c->name);
	fill(p, size, o->token);
}

static void release(struct obj *o)
{
	if (!holds(o->p, o->size, o->token))
		fail("token of object %p (size %zu) overwritten: another owner", o->p, o->size);
	if (o->cache) {
		/* SLAB's contract: a constructed object is freed constructed. */
		if (o->cache->ctor)
			ctor_pattern(o->p);
		kmem_cache_free(o->cache, o->p);
	} else {
		kfree(o->p);
	}
	o->p = NULL;
}

static struct obj *free_slot(struct worker *w)
{
	struct obj *o = &w->live[rnd(w) % MAX_LIVE];

	return o->p ? NULL : o;
}

/*
 * mm/slab.c reads these without list_lock by design (spec/smp-platform.md,
 * "Races by design"): the reap heuristics, the list heads that
 * drain_freelist and __cache_shrink peek at, and the shared array's
 * counters that drain_array peeks at.  Tell helgrind so, word by word; a
 * cache's l3 and shared array are stable until it is tuned, which is why
 * the helgrind runs leave tuning out (-m 0x20).
 */
static void benign_races(struct kmem_cache *c)
{
	struct kmem_list3 *l3 = c->nodelists[0];

	MT_ATOMIC_WORD(&l3->free_touched, sizeof(l3->free_touched));
	MT_ATOMIC_WORD(&l3->next_reap, sizeof(l3->next_reap));
	/* __cache_shrink passes it, unlocked, as a bound to drain_freelist. */
	MT_ATOMIC_WORD(&l3->free_objects, sizeof(l3->free_objects));
	MT_ATOMIC_WORD(&l3->slabs_full.next, sizeof(void *));
	MT_ATOMIC_WORD(&l3->slabs_partial.next, sizeof(void *));
	MT_ATOMIC_WORD(&l3->slabs_free.next, sizeof(void *));
	if (l3->shared)
		MT_ATOMIC_WORD(l3->shared, 4 * sizeof(unsigned int));
}

static size_t kmalloc_size(struct worker *w)
{
	uint64_t r = rnd(w);

	switch (r % 16) {
	case 0:
		return 0;
	case 1: case 2:
		return 1 + (r >> 8) % 8192;
	case 3:
		return 1 + (r >> 8) % 65536;
	default:
		return 1 + (r >> 8) % 256;
	}
}

static void mailbox_drain(struct worker *w)
{
	struct obj batch[MAILBOX];
	unsigned int n, i;

	pthread_mutex_lock(&w->box.lock);
	n = w->box.n;
	memcpy(batch, w->box.slot, n * sizeof(batch[0]));
	w->box.n = 0;
	pthread_mutex_unlock(&w->box.lock);
	/* Allocated on the producer's vCPU, freed on ours. */
	for (i = 0; i < n; i++)
		release(&batch[i]);
}

static void send(struct worker *w, struct obj *o)
{
	struct worker *to = &workers[(w->id ^ 1) < opt.threads ? w->id ^ 1 : w->id];
	int sent = 0;

	pthread_mutex_lock(&to->box.lock);
	if (to->box.n < MAILBOX) {
		to->box.slot[to->box.n++] = *o;
		sent = 1;
	}
	pthread_mutex_unlock(&to->box.lock);
	if (sent)
		o->p = NULL;
	else
		release(o);
}

static void tune(struct worker *w)
{
	char buf[96];
	uint64_t r = rnd(w);
	int limit = 1 + (int)(r % 200), batch = 1 + (int)((r >> 8) % (uint64_t)limit);
	int len = snprintf(buf, sizeof(buf), "%s %d %d %d", shared_name[(r >> 20) % NSHARED],
			   limit, batch, (int)((r >> 32) % 9));

	if (slabinfo_write(buf, (size_t)len) != len)
		fail("slabinfo_write(\"%s\") refused", buf);
}

/* A cache that lives while every other thread keeps allocating. */
static void private_cache(struct worker *w)
{
	/* kmem_cache_create keeps the name pointer, as the kernel does. */
	static char names[MAX_THREADS][32];
	char *name = names[w->id];
	struct obj objs[16];
	struct kmem_cache *c;
	void *p;
	size_t size = 8 + rnd(w) % 2048;
	int i, n = 1 + (int)(rnd(w) % 16);

	snprintf(name, sizeof(names[0]), "priv-%d", w->id);
	c = kmem_cache_create(name, size, 0, (rnd(w) & 1) ? SLAB_HWCACHE_ALIGN : 0, NULL);
	if (!c) {
		fail("kmem_cache_create(%s, %zu) failed", name, size);
		return;
	}
	benign_races(c);
	for (i = 0; i < n; i++) {
		p = kmem_cache_alloc(c, GFP_KERNEL);
		if (!p)
			fail("alloc from %s failed", name);
		take(w, &objs[i], p, c, size);
	}
	for (i = n - 1; i >= 0; i--)
		release(&objs[i]);
	kmem_cache_destroy(c);
	/* kmem_cache_lookup walks the chain: only under the chain's mutex. */
	mutex_lock(&cache_chain_mutex);
	p = kmem_cache_lookup(name);
	mutex_unlock(&cache_chain_mutex);
	if (p)
		fail("%s still on the chain after destroy", name);
}

static void one_op(struct worker *w)
{
	static const unsigned char cls_end[] = { 35, 55, 85, 93, 95, 96, 97, 98, 100 };
	unsigned int r = (unsigned int)(rnd(w) % 100), cls = 0;
	struct obj *o;
	void *p;

	while (r >= cls_end[cls])
		cls++;
	if (opt.skip & (1u << cls))
		return;

	if (r < 35) {
		int k = (int)(rnd(w) % NSHARED);

		if ((o = free_slot(w))) {
			p = kmem_cache_alloc(shared[k], GFP_KERNEL);
			if (!p)
				fail("kmem_cache_alloc(%s) failed", shared_name[k]);
			take(w, o, p, shared[k], shared_size[k]);
		}
	} else if (r < 55) {
		size_t size = kmalloc_size(w);

		if ((o = free_slot(w))) {
			p = kmalloc(size, GFP_KERNEL);
			if (!size) {
				if (p != ZERO_SIZE_PTR)
					fail("kmalloc(0) = %p", p);
				return;
			}
			if (!p)
				fail("kmalloc(%zu) failed", size);
			if (ksize(p) < size)
				fail("ksize %zu < %zu", ksize(p), size);
			take(w, o, p, NULL, size);
		}
	} else if (r < 85) {
		o = &w->live[rnd(w) % MAX_LIVE];
		if (o->p)
			release(o);
	} else if (r < 93) {
		o = &w->live[rnd(w) % MAX_LIVE];
		if (o->p)
			send(w, o);
	} else if (r < 95) {
		mailbox_drain(w);
	} else if (r < 96) {
		tune(w);
	} else if (r < 97) {
		kmem_cache_shrink(shared[rnd(w) % NSHARED]);
	} else if (r < 98) {
		private_cache(w);
	} else {
		size_t size = 1 + rnd(w) % 512;
		unsigned char *z = kzalloc(size, GFP_KERNEL);
		size_t i;

		if (!z)
			fail("kzalloc failed");
		for (i = 0; i < size; i++)
			if (z[i])
				fail("kzalloc(%zu) byte %zu not zero", size, i);
		kfree(z);
	}
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	unsigned long i;
	int k;

	threads_bind_cpu(w->id % opt.cpus);
	for (i = 0; i < opt.ops; i++) {
		one_op(w);
		w->ops++;
	}
	for (k = 0; k < MAX_LIVE; k++)
		if (w->live[k].p)
			release(&w->live[k]);
	/* After this barrier nobody sends, so one more drain empties the box. */
	pthread_barrier_wait(&end_barrier);
	mailbox_drain(w);
	threads_unbind();
	return NULL;
}

static void usage(void)
{
	fputs("usage: stress [-t threads] [-c cpus] [-n ops-per-thread] [-s seed]\n"
	      "              [-x jiffies-speedup] [-m skip-mask] [-v]\n", stderr);
	exit(2);
}

static void parse(int argc, char **argv)
{
	int c;

	while ((c = getopt(argc, argv, "t:c:n:s:x:vm:")) != -1) {
		switch (c) {
		case 't': opt.threads = atoi(optarg); break;
		case 'c': opt.cpus = atoi(optarg); break;
		case 'n': opt.ops = strtoul(optarg, NULL, 0); break;
		case 's': opt.seed = strtoull(optarg, NULL, 0); break;
		case 'x': opt.scale = (unsigned int)atoi(optarg); break;
		case 'v': opt.verbose = 1; break;
		case 'm': opt.skip = (unsigned int)strtoul(optarg, NULL, 0); break;
		default: usage();
		}
	}
	if (opt.threads < 1 || opt.threads > MAX_THREADS || opt.cpus < 1 || opt.cpus > NR_CPUS)
		usage();
}

/*
 * Every cache left after the run is a boot cache: drain them all, largest
 * first, because shrinking an off-slab cache frees its slab descriptors
 * into a smaller general cache.
 */
static void shrink_general(void)
{
	int i;

	for (i = NR_MALLOC_SIZES - 1; i >= 0; i--) {
		if (malloc_sizes[i].cs_dmacachep)
			kmem_cache_shrink(malloc_sizes[i].cs_dmacachep);
		if (malloc_sizes[i].cs_cachep)
			kmem_cache_shrink(malloc_sizes[i].cs_cachep);
	}
	kmem_cache_shrink(&cache_cache);
}

static void put_stderr(void *ctx, const char *text)
{
	(void)ctx;
	fputs(text, stderr);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	unsigned long baseline, total = 0;
	struct list_head *lp;
	double t0, dt;
	int i;

	parse(argc, argv);
	if (threads_init(opt.cpus))
		return 1;
	threads_set_time_scale(opt.scale);
	threads_boot();
	stress_check("after boot");
	for (lp = cache_chain.next; lp != &cache_chain; lp = lp->next)
		benign_races(list_cache(lp));
	shrink_general();
	baseline = threads_pages_in_use();
	if (opt.verbose)
		slabinfo_show(put_stderr, NULL);

	for (i = 0; i < NSHARED; i++) {
		shared[i] = kmem_cache_create(shared_name[i], shared_size[i], 0,
					      i == 1 ? SLAB_HWCACHE_ALIGN : 0,
					      i == 1 ? ctor_pattern : NULL);
		if (!shared[i])
			fail("kmem_cache_create(%s)", shared_name[i]);
		benign_races(shared[i]);
	}
	if (threads_start_reapers())
		fail("cannot start reapers");
	pthread_barrier_init(&end_barrier, NULL, (unsigned int)opt.threads);

	/* Every mailbox exists before any thread can send to it. */
	for (i = 0; i < opt.threads; i++) {
		workers[i].id = i;
		workers[i].rng = opt.seed * 0x9E3779B97F4A7C15ULL + (uint64_t)i + 1;
		pthread_mutex_init(&workers[i].box.lock, NULL);
	}
	t0 = now();
	for (i = 0; i < opt.threads; i++) {
		if (pthread_create(&workers[i].thread, NULL, worker_main, &workers[i]))
			fail("pthread_create");
	}
	for (i = 0; i < opt.threads; i++) {
		pthread_join(workers[i].thread, NULL);
		total += workers[i].ops;
	}
	dt = now() - t0;
	threads_stop_reapers();

	stress_check("quiescent, before destroy");
	for (i = 0; i < NSHARED; i++) {
		kmem_cache_destroy(shared[i]);
		if (kmem_cache_lookup(shared_name[i]))
			fail("%s survived kmem_cache_destroy (objects leaked?)", shared_name[i]);
	}
	shrink_general();
	stress_check("after destroy");
	if (opt.verbose)
		slabinfo_show(put_stderr, NULL);
	if (threads_pages_in_use() != baseline)
		fail("%lu pages in use after the run, %lu before", threads_pages_in_use(), baseline);
	if (atomic_load(&failures))
		return 1;
	printf("stress: ok: %d threads on %d vCPUs (%s exclusion), seed %llu: %lu ops in %.2f s = %.0f ops/s; "
	       "%lu reap passes, %lu page allocations, %lu pages at rest\n",
	       opt.threads, opt.cpus, threads_excl_mode(), opt.seed, total, dt, (double)total / dt,
	       threads_reap_passes(), threads_page_allocations(), baseline);
	return 0;
}
