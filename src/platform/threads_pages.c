/*
 * Page frames for the threads platform, and the memory-tool view of them.
 *
 * One region is reserved up front (MAP_NORESERVE: address space only, the
 * OS backs pages when touched), so a frame's index is (addr - base) >>
 * PAGE_SHIFT and virt_to_page is O(1).  Blocks are naturally aligned, as
 * the buddy allocator's are; freed blocks go to a per-order free list and
 * are reused for the same order (no coalescing: slab caches ask for few
 * distinct orders, and the region is large).
 *
 * The memory tools see: free blocks inaccessible; a slab's objects
 * inaccessible from the moment the slab is linked until handed out, and
 * again from the moment they are freed; the slab's own descriptor and
 * bufctls (outside the objects) always accessible.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include "slabref/threads.h"
#include "memtool.h"
#include "threads_internal.h"

#define REGION_FRAMES	(1UL << 18)	/* 1 GiB of address space */
#define NO_FRAME	(~0UL)

static char *base;
/* Static (zero until used, backed when touched): virt_to_page needs no load of its address. */
static struct page frames[REGION_FRAMES];
static unsigned long *next_free;	/* free-list link, per block head */
static pthread_mutex_t page_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long free_head[MAX_ORDER];
static unsigned long bump;		/* under page_lock */
/*
 * Frames below this were handed out at least once.  Published with
 * release after the frame's struct page is initialised, read with acquire
 * by virt_to_page, so a frame that passes the bound has valid metadata.
 */
static atomic_ulong high_water;
static atomic_ulong pages_in_use;
static atomic_ulong page_allocs;

int threads_pages_init(void)
{
	unsigned int i;

	if (base)
		return 0;	/* one region per process; reuse across runs is not needed */
	base = mmap(NULL, REGION_FRAMES * PAGE_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	next_free = mmap(NULL, REGION_FRAMES * sizeof(unsigned long), PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (base == MAP_FAILED || next_free == MAP_FAILED) {
		fputs("slabref threads: cannot reserve the page region\n", stderr);
		base = NULL;
		return -1;
	}
	/*
	 * The kernel's linear map is backed by huge pages; asking for
	 * transparent huge pages here gives the same: a new slab's first touch
	 * costs a fault per 2 MiB, not per 4 KiB.  Advice only: without THP
	 * the region simply stays on small pages.
	 */
	(void)madvise(base, REGION_FRAMES * PAGE_SIZE, MADV_HUGEPAGE);
	/* ASan: never-used frames stay unpoisoned; no valid pointer reaches them. */
	MT_NOACCESS(base, REGION_FRAMES * PAGE_SIZE);
	MT_ATOMIC_WORD(&high_water, sizeof(high_water));
	MT_ATOMIC_WORD(&pages_in_use, sizeof(pages_in_use));
	MT_ATOMIC_WORD(&page_allocs, sizeof(page_allocs));
	for (i = 0; i < MAX_ORDER; i++)
		free_head[i] = NO_FRAME;
	return 0;
}

void *alloc_pages_exact_node(int nid, unsigned int gfp, unsigned int order)
{
	unsigned long pfn, n = 1UL << order;
	char *addr;

	(void)nid;
	(void)gfp;
	if (order >= MAX_ORDER)
		return NULL;
	pthread_mutex_lock(&page_lock);
	if (free_head[order] != NO_FRAME) {
		pfn = free_head[order];
		free_head[order] = next_free[pfn];
	} else {
		pfn = (bump + n - 1) & ~(n - 1);
		if (pfn + n > REGION_FRAMES) {
			pthread_mutex_unlock(&page_lock);
			return NULL;
		}
		bump = pfn + n;
	}
	frames[pfn].order = order;
	if (pfn + n > atomic_load_explicit(&high_water, memory_order_relaxed))
		atomic_store_explicit(&high_water, pfn + n, memory_order_release);
	pthread_mutex_unlock(&page_lock);

	atomic_fetch_add_explicit(&page_allocs, 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&pages_in_use, n, memory_order_relaxed);
	addr = base + pfn * PAGE_SIZE;
	MT_UNPOISON(addr, n * PAGE_SIZE);
	MT_UNDEFINED(addr, n * PAGE_SIZE);
	return addr;
}

void free_pages(void *addr, unsigned int order)
{
	unsigned long pfn = (unsigned long)((char *)addr - base) / PAGE_SIZE;

	MT_NOACCESS(addr, PAGE_SIZE << order);
	MT_POISON(addr, PAGE_SIZE << order);
	atomic_fetch_sub_explicit(&pages_in_use, 1UL << order, memory_order_relaxed);
	pthread_mutex_lock(&page_lock);
	next_free[pfn] = free_head[order];
	free_head[order] = pfn;
	pthread_mutex_unlock(&page_lock);
}

__always_inline struct page *virt_to_page(const void *addr)
{
	/* One unsigned compare: below base wraps to a huge frame number. */
	unsigned long pfn = ((uintptr_t)addr - (uintptr_t)base) / PAGE_SIZE;

	if (pfn >= atomic_load_explicit(&high_water, memory_order_acquire))
		return NULL;	/* also when base is NULL: high_water is 0 */
	return &frames[pfn];
}

int virt_addr_valid(const void *addr) { return virt_to_page(addr) != NULL; }
unsigned long totalram_pages(void) { return REGION_FRAMES; }

unsigned long threads_pages_in_use(void)
{
	return atomic_load_explicit(&pages_in_use, memory_order_relaxed);
}

unsigned long threads_page_allocations(void)
{
	return atomic_load_explicit(&page_allocs, memory_order_relaxed);
}

/*
 * A new slab is linked (list_lock held, no object handed out yet): its
 * objects and the unused tail become inaccessible until allocated.
 */
void plat_slab_linked(struct kmem_cache *cachep, struct slab *slabp)
{
	char *start = slabp->s_mem;
	char *block_end = start - slabp->colouroff + (PAGE_SIZE << cachep->gfporder);

	MT_NOACCESS(start, (size_t)(block_end - start));
	MT_POISON(start, (size_t)(block_end - start));
}

/* free_pages makes the block inaccessible; nothing to do before it. */
void plat_slab_destroyed(struct kmem_cache *cachep, struct slab *slabp)
{
	(void)cachep;
	(void)slabp;
}

/* Constructed objects keep defined contents across free and reallocation. */
void plat_obj_alloc(struct kmem_cache *cachep, void *objp)
{
	size_t n = cachep->buffer_size;

	MT_UNPOISON(objp, n);
	if (cachep->ctor)
		MT_DEFINED(objp, n);
	else
		MT_UNDEFINED(objp, n);
}

/*
 * The allocator never reads a freed object, so a double free would pass
 * silently: memcheck is asked whether the object is still accessible, and
 * under ASan one deliberate read reports "use-after-poison".  (An unused
 * load is not enough for memcheck: VEX drops it.)
 */
void plat_obj_free(struct kmem_cache *cachep, void *objp)
{
	MT_CHECK_ACCESS(objp, 1);
	if (MT_ON_ASAN()) {
		volatile const char *probe = objp;

		(void)*probe;
	}
	MT_NOACCESS(objp, cachep->buffer_size);
	MT_POISON(objp, cachep->buffer_size);
}
