/*
 * slabref through its kernel API.  Built twice: without BE_KMALLOC the
 * fixed-size workloads use one kmem_cache per object size
 * (kmem_cache_alloc/kmem_cache_free); with BE_KMALLOC they use
 * kmalloc(size)/kfree, i.e. the general caches.
 *
 * The platform is chosen at link time.  With SLABREF_THREADS the pthreads
 * platform runs each benchmark thread as one vCPU; without it the
 * deterministic model platform runs everything on vCPU 0, which is only
 * honest for single-threaded workloads, so BE_THREADS is left out.
 * bench.mk also builds the kmem_cache variant on the model platform as
 * "slabref-model": next to slabref-cache it separates what the core
 * costs from what the threads platform adds.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "backend.h"
#include "slabref/slab.h"
#ifdef SLABREF_THREADS
#include "slabref/threads.h"
#define PLATFORM_NAME "threads"
#else
#include "slabref/model.h"
#define PLATFORM_NAME "model"
#endif

#if defined(BE_NAME)
const char be_name[] = BE_NAME;
#elif defined(BE_KMALLOC)
const char be_name[] = "slabref-kmalloc";
#else
const char be_name[] = "slabref-cache";
#endif

#ifdef SLABREF_THREADS
#define CAP_THREADS BE_THREADS
#else
#define CAP_THREADS 0u
#endif

unsigned int be_caps(void)
{
#ifdef BE_KMALLOC
	return BE_FIXED | BE_ANYSIZE | CAP_THREADS;
#else
	return BE_FIXED | CAP_THREADS;
#endif
}

/*
 * As many vCPUs as the machine has cores, whatever the workload: the
 * per-CPU array sizes and the shared array (enable_cpucache gives one only
 * when num_possible_cpus() > 1) then match across all workloads.
 */
static int ncpus;

void be_init(int nthreads)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	ncpus = n < 1 ? 1 : n > NR_CPUS ? NR_CPUS : (int)n;
	if (nthreads > ncpus)
		ncpus = nthreads;
#ifdef SLABREF_THREADS
	if (threads_init(ncpus))
		abort();
	/*
	 * No reaper threads: cache_reap runs every 2 s per CPU in the kernel,
	 * longer than any timed phase here, so it would only add noise.
	 */
	threads_boot();
#else
	model_reset(ncpus, NULL);
	model_boot();
	model_set_cpu(0);
#endif
}

void be_describe(char *buf, size_t len)
{
	snprintf(buf, len, "slabref (Linux 2.6.32 SLAB), %s platform, %d vCPUs",
		 PLATFORM_NAME, ncpus);
}

void be_thread_enter(int cpu)
{
#ifdef SLABREF_THREADS
	threads_bind_cpu(cpu);
#else
	model_set_cpu(cpu);
#endif
}

/* Frees the vCPU for the next thread that binds to it (it becomes the owner). */
void be_thread_exit(void)
{
#ifdef SLABREF_THREADS
	threads_unbind();
#endif
}

#ifdef BE_KMALLOC
struct be_class *be_class(size_t size) { return (struct be_class *)(uintptr_t)size; }
/*
 * Kernel code writes kmalloc(sizeof(...)): a size known at compile time,
 * for which slab_def.h's inline kmalloc picks the general cache at compile
 * time.  The fixed-size workloads stand for such callers, one call site
 * per size; "mixed" (be_alloc_size) measures sizes known only at run time.
 */
void *be_alloc(struct be_class *c)
{
	switch ((size_t)(uintptr_t)c) {
	case 64:
		return kmalloc(64, GFP_KERNEL);
	case 256:
		return kmalloc(256, GFP_KERNEL);
	default:
		return kmalloc((size_t)(uintptr_t)c, GFP_KERNEL);
	}
}
void be_free(struct be_class *c, void *p) { (void)c; kfree(p); }
#else
struct be_class *be_class(size_t size)
{
	char name[32];
	struct kmem_cache *c;

	/* The name is kept by pointer, as in the kernel: it must outlive the cache. */
	snprintf(name, sizeof(name), "bench-%zu", size);
	c = kmem_cache_lookup(name);
	if (!c) {
		char *keep = malloc(sizeof(name));

		if (!keep)
			abort();
		snprintf(keep, sizeof(name), "%s", name);
		c = kmem_cache_create(keep, size, 0, SLAB_HWCACHE_ALIGN, NULL);
	}
	if (!c)
		abort();
	return (struct be_class *)c;
}
void *be_alloc(struct be_class *c) { return kmem_cache_alloc((struct kmem_cache *)c, GFP_KERNEL); }
void be_free(struct be_class *c, void *p) { kmem_cache_free((struct kmem_cache *)c, p); }
#endif

void *be_alloc_size(size_t size) { return kmalloc(size, GFP_KERNEL); }
void be_free_any(void *p) { kfree(p); }
