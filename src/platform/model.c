/*
 * The model platform: deterministic and single-threaded.  CPUs are a
 * number; "interrupts off" is a per-CPU flag; an IPI is a loop over CPUs;
 * page frames come from one reserved arena with a frame table beside it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "slabref/model.h"
#include "slab.h"		/* the core's globals, for snapshots */
#include "format.h"

/*
 * The platform's hot little helpers (CPU numbers, interrupt flags, locks,
 * the frame lookup, the IPI loop) run on every operation of the allocator
 * and of the fuzzers' checkers; their comparisons give coverage-guided
 * fuzzers no feedback about the allocator, only slowness.
 */
#if defined(__clang__) && __clang_major__ >= 13
#define PLAT_NOCOV __attribute__((no_sanitize("coverage")))
#else
#define PLAT_NOCOV
#endif

#define ARENA_FRAMES	(1UL << 19)	/* 2 GiB of address space, touched lazily */
#define ARENA_BASE	((void *)0x100000000000UL)

static struct {
	int ncpus;
	int online[NR_CPUS];
	int nr_online;
	int cpu;
	int irqs_off[NR_CPUS];
	int in_irq;
	unsigned long jiffies;
	unsigned long fail_pages;
	unsigned long fail_skip;	/* allocations that succeed before fail_pages apply */
	unsigned long page_allocs;
	unsigned long pages_in_use;
	int hook_cpu;
	void (*hook_fn)(void *);
	void *hook_ctx;
	struct model_callbacks cb;
	char line[1024];
	size_t line_len;
} M;

static char *arena;
static struct page *frames;
static unsigned long bump;		/* frames ever handed out, from the start */
static unsigned long *free_stack[MAX_ORDER];
static unsigned long free_count[MAX_ORDER], free_cap[MAX_ORDER];
static unsigned long high_water;	/* frames touched since they were last zeroed */
static unsigned long madvise_zeroing;	/* model_set_madvise_zeroing */

static void arena_setup(void)
{
	if (!arena) {
		/*
		 * The reference kernel runs saw memory at this address; kernel
		 * hex dumps of slab descriptors contain pointers, so the same
		 * place gives the same bytes.  Anywhere else works too.
		 */
		arena = mmap(ARENA_BASE, ARENA_FRAMES * PAGE_SIZE, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE |
			     MAP_FIXED_NOREPLACE, -1, 0);
		if (arena != ARENA_BASE) {
			if (arena != MAP_FAILED)
				munmap(arena, ARENA_FRAMES * PAGE_SIZE);
			arena = mmap(NULL, ARENA_FRAMES * PAGE_SIZE,
				     PROT_READ | PROT_WRITE,
				     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		}
		frames = mmap(NULL, ARENA_FRAMES * sizeof(struct page),
			      PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (arena == MAP_FAILED || frames == MAP_FAILED) {
			fputs("slabref model: cannot reserve the page arena\n", stderr);
			exit(70);
		}
		return;
	}
	/* Give the touched part back so every reset starts from the same state. */
	if (bump > high_water)
		high_water = bump;
	madvise(arena, high_water * PAGE_SIZE, MADV_DONTNEED);
	memset(frames, 0, high_water * sizeof(struct page));
	high_water = 0;
}

/*
 * A misuse of the model by its caller, not a kernel BUG: no hook runs.
 * The range checks keep smp_processor_id() in [0, NR_CPUS), which the
 * proofs trust (proofs/TRUSTED.md).
 */
static void model_misuse(const char *function, const char *what, int value)
{
	fprintf(stderr, "%s: %s %d out of range\n", function, what, value);
	abort();
}

static void model_check_cpu(const char *function, int cpu)
{
	if (cpu < 0 || cpu >= M.ncpus)
		model_misuse(function, "CPU", cpu);
}

void model_reset(int ncpus, const struct model_callbacks *cb)
{
	int i;

	if (ncpus < 1 || ncpus > NR_CPUS)
		model_misuse("model_reset", "CPU count", ncpus);
	arena_setup();
	bump = 0;
	for (i = 0; i < MAX_ORDER; i++)
		free_count[i] = 0;
	memset(&M.online, 0, sizeof(M.online));
	memset(&M.irqs_off, 0, sizeof(M.irqs_off));
	M.ncpus = ncpus;
	M.online[0] = 1;
	M.nr_online = 1;
	M.cpu = 0;
	M.in_irq = 0;
	M.jiffies = 4294967296UL - 300 * HZ;	/* the kernel's INITIAL_JIFFIES */
	M.fail_pages = 0;
	M.fail_skip = 0;
	M.page_allocs = 0;
	M.pages_in_use = 0;
	M.hook_fn = NULL;
	M.line_len = 0;
	if (cb)
		M.cb = *cb;
	else
		memset(&M.cb, 0, sizeof(M.cb));
	slab_reset();
}

void model_boot(void)
{
	int cpu;

	kmem_cache_init();
	kmem_cache_init_late();
	for (cpu = 1; cpu < M.ncpus; cpu++) {
		if (cpuup_prepare(cpu))
			slab_bug("cpuup_callback");
		model_set_cpu_online(cpu);
	}
}

void model_set_cpu(int cpu)
{
	model_check_cpu("model_set_cpu", cpu);
	M.cpu = cpu;
}

void model_set_cpu_online(int cpu)
{
	model_check_cpu("model_set_cpu_online", cpu);
	if (!M.online[cpu]) {
		M.online[cpu] = 1;
		M.nr_online++;
	}
}

void model_fail_pages(unsigned long n) { model_fail_pages_after(0, n); }

void model_fail_pages_after(unsigned long skip, unsigned long n)
{
	M.fail_skip = n ? skip : 0;
	M.fail_pages = n;
}

void model_set_irq_hook(int cpu, void (*fn)(void *ctx), void *ctx)
{
	M.hook_cpu = cpu;
	M.hook_fn = fn;
	M.hook_ctx = ctx;
}

int model_irq_hook_armed(void) { return M.hook_fn != NULL; }
void model_advance_jiffies(unsigned long delta) { M.jiffies += delta; }
unsigned long model_pages_in_use(void) { return M.pages_in_use; }
unsigned long model_page_allocations(void) { return M.page_allocs; }

PLAT_NOCOV int smp_processor_id(void) { return M.cpu; }
PLAT_NOCOV int num_online_cpus(void) { return M.nr_online; }
PLAT_NOCOV int num_possible_cpus(void) { return M.ncpus; }
PLAT_NOCOV int cpu_online(int cpu) { return cpu >= 0 && cpu < NR_CPUS && M.online[cpu]; }
int numa_node_id(void) { return 0; }

PLAT_NOCOV unsigned long arch_local_irq_save(void)
{
	unsigned long flags = (unsigned long)M.irqs_off[M.cpu];

	M.irqs_off[M.cpu] = 1;
	return flags;
}

PLAT_NOCOV void arch_local_irq_restore(unsigned long flags) { M.irqs_off[M.cpu] = (int)flags; }

void local_irq_enable(void)
{
	M.irqs_off[M.cpu] = 0;
	if (M.hook_fn && M.hook_cpu == M.cpu) {
		void (*fn)(void *) = M.hook_fn;

		/* One-shot: disarmed before it runs, as an interrupt handler would. */
		M.hook_fn = NULL;
		M.in_irq++;
		M.irqs_off[M.cpu] = 1;
		fn(M.hook_ctx);
		M.irqs_off[M.cpu] = 0;
		M.in_irq--;
	}
}

PLAT_NOCOV void local_irq_disable(void) { M.irqs_off[M.cpu] = 1; }
PLAT_NOCOV int irqs_disabled(void) { return M.irqs_off[M.cpu]; }
int in_interrupt(void) { return M.in_irq > 0; }

PLAT_NOCOV void on_each_cpu(void (*func)(void *info), void *info, int wait)
{
	int cpu, self = M.cpu;
	int saved = M.irqs_off[self];

	(void)wait;
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		if (!M.online[cpu] || cpu == self)
			continue;
		M.cpu = cpu;
		M.irqs_off[cpu] = 1;
		func(info);
		M.irqs_off[cpu] = 0;
	}
	M.cpu = self;
	M.irqs_off[self] = 1;
	func(info);
	M.irqs_off[self] = saved;
}

/* One thread: a held lock taken again is a deadlock the kernel would hit. */
void spin_lock_init(spinlock_t *lock) { lock->slock = 0; }
PLAT_NOCOV void spin_lock(spinlock_t *lock)
{
	if (lock->slock)
		slab_bug("spin_lock");
	lock->slock = 1;
	if (M.cb.lock_taken)
		M.cb.lock_taken(M.cb.ctx, lock);
}
PLAT_NOCOV void spin_unlock(spinlock_t *lock) { lock->slock = 0; }
PLAT_NOCOV int spin_trylock(spinlock_t *lock)
{
	if (lock->slock)
		return 0;
	lock->slock = 1;
	if (M.cb.lock_taken)
		M.cb.lock_taken(M.cb.ctx, lock);
	return 1;
}
void mutex_init(struct mutex *m) { m->count = 0; m->owner = 0; }
void mutex_lock(struct mutex *m) { m->count++; }
void mutex_unlock(struct mutex *m) { m->count--; }
int mutex_trylock(struct mutex *m)
{
	if (m->count)
		return 0;
	m->count = 1;
	return 1;
}
void get_online_cpus(void) { }
void put_online_cpus(void) { }

/* Whether the stack grows depends on earlier inputs: hidden from fuzzers' coverage. */
#if defined(__clang__) && __clang_major__ >= 13
__attribute__((noinline, no_sanitize("coverage")))
#endif
static void push_free(unsigned int order, unsigned long pfn)
{
	if (free_count[order] == free_cap[order]) {
		unsigned long cap = free_cap[order] ? 2 * free_cap[order] : 64;
		unsigned long *n = realloc(free_stack[order], cap * sizeof(*n));

		if (!n) {
			fputs("slabref model: out of memory\n", stderr);
			exit(70);
		}
		free_stack[order] = n;
		free_cap[order] = cap;
	}
	free_stack[order][free_count[order]++] = pfn;
}

/*
 * Frames in [bump, high_water) still hold what an input before the last
 * snapshot restore left there; a fresh arena's frames are zero, so they
 * are zeroed when bump reaches them (the alignment gap included: it is
 * below bump, where virt_to_page sees it).  Zeroing here, not at the
 * restore, costs only the frames the next input actually uses.  How much
 * is stale depends on earlier inputs: hidden from fuzzers' coverage.
 */
#if defined(__clang__) && __clang_major__ >= 13
__attribute__((noinline, no_sanitize("coverage")))
#endif
static void zero_stale(unsigned long new_bump)
{
	unsigned long end = new_bump < high_water ? new_bump : high_water;

	if (madvise_zeroing && end - bump >= madvise_zeroing)
		madvise(arena + bump * PAGE_SIZE, (end - bump) * PAGE_SIZE, MADV_DONTNEED);
	else
		memset(arena + bump * PAGE_SIZE, 0, (end - bump) * PAGE_SIZE);
	memset(frames + bump, 0, (end - bump) * sizeof(struct page));
}

void model_set_madvise_zeroing(unsigned long n)
{
	madvise_zeroing = n;
}

void *alloc_pages_exact_node(int nid, unsigned int gfp, unsigned int order)
{
	unsigned long pfn;

	(void)nid;
	(void)gfp;
	if (M.fail_skip)
		M.fail_skip--;
	else if (M.fail_pages) {
		M.fail_pages--;
		return NULL;
	}
	if (order >= MAX_ORDER)
		return NULL;
	if (free_count[order]) {
		pfn = free_stack[order][--free_count[order]];
	} else {
		/* Blocks are naturally aligned, as the buddy allocator's are. */
		pfn = (bump + (1UL << order) - 1) & ~((1UL << order) - 1);
		if (pfn + (1UL << order) > ARENA_FRAMES)
			return NULL;
		if (bump < high_water)
			zero_stale(pfn + (1UL << order));
		bump = pfn + (1UL << order);
	}
	M.page_allocs++;
	M.pages_in_use += 1UL << order;
	frames[pfn].order = order;
	return arena + pfn * PAGE_SIZE;
}

void free_pages(void *addr, unsigned int order)
{
	unsigned long pfn = (unsigned long)((char *)addr - arena) / PAGE_SIZE;

	M.pages_in_use -= 1UL << order;
	push_free(order, pfn);
}

PLAT_NOCOV struct page *virt_to_page(const void *addr)
{
	const char *p = addr;

	if (!arena || p < arena || p >= arena + bump * PAGE_SIZE)
		return NULL;
	return &frames[(unsigned long)(p - arena) / PAGE_SIZE];
}

PLAT_NOCOV int virt_addr_valid(const void *addr) { return virt_to_page(addr) != NULL; }
unsigned long totalram_pages(void) { return ARENA_FRAMES; }
unsigned long jiffies_now(void) { return M.jiffies; }

void console_emit(const char *text)
{
	for (; *text; text++) {
		if (*text == '\n' || M.line_len == sizeof(M.line) - 1) {
			M.line[M.line_len] = '\0';
			if (M.cb.printk_line)
				M.cb.printk_line(M.cb.ctx, M.line);
			else
				fprintf(stderr, "printk: %s\n", M.line);
			M.line_len = 0;
			if (*text == '\n')
				continue;
		}
		M.line[M.line_len++] = *text;
	}
}

void dump_stack(void) { }

void slab_bug(const char *function)
{
	if (M.cb.bug)
		M.cb.bug(M.cb.ctx, function);
	fprintf(stderr, "kernel BUG in %s()\n", function);
	abort();
}

void slab_oops(const char *function, const char *what)
{
	if (M.cb.oops)
		M.cb.oops(M.cb.ctx, function, what);
	fprintf(stderr, "kernel oops in %s(): %s\n", function, what);
	abort();
}

void panic(const char *fmt, ...)
{
	char buf[1024];
	size_t n;
	va_list ap;

	va_start(ap, fmt);
	kernel_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	n = strlen(buf);
	if (n && buf[n - 1] == '\n')
		buf[n - 1] = '\0';
	if (M.cb.panic)
		M.cb.panic(M.cb.ctx, buf);
	fprintf(stderr, "Kernel panic - not syncing: %s\n", buf);
	abort();
}

void plat_slab_linked(struct kmem_cache *cachep, struct slab *slabp)
{
	if (M.cb.slab_linked)
		M.cb.slab_linked(M.cb.ctx, cachep, slabp);
}

void plat_obj_alloc(struct kmem_cache *cachep, void *objp)
{
	if (M.cb.obj_alloc)
		M.cb.obj_alloc(M.cb.ctx, cachep, objp);
}

void plat_obj_free(struct kmem_cache *cachep, void *objp)
{
	if (M.cb.obj_free)
		M.cb.obj_free(M.cb.ctx, cachep, objp);
}

void plat_slab_destroyed(struct kmem_cache *cachep, struct slab *slabp)
{
	if (M.cb.slab_destroyed)
		M.cb.slab_destroyed(M.cb.ctx, cachep, slabp);
}

/*
 * Snapshots: everything that model_reset and the allocator's work change —
 * the model's own state, the used part of the arena and of the frame
 * table, the free block stacks and the core's global variables.  The arena
 * stays at one address, so the pointers inside it stay valid.
 */
struct model_snapshot {
	__typeof__(M) m;
	unsigned long bump;
	unsigned long free_count[MAX_ORDER];
	unsigned long *free_stack[MAX_ORDER];
	char *pages;
	struct page *frames;
	/* The core (src/slab.h). */
	enum cpucache_state g_cpucache_up;
	int slab_early_init, use_alien_caches, slab_break_gfp_order;
	struct mutex cache_chain_mutex;
	struct list_head cache_chain;
	struct kmem_list3 initkmem_list3[NUM_INIT_LISTS];
	struct kmem_cache cache_cache;
	/* union arraycache_init ends in a flexible array: kept as bytes. */
	unsigned char initarray_cache[sizeof(union arraycache_init)];
	unsigned char initarray_generic[sizeof(union arraycache_init)];
	struct cache_sizes malloc_sizes[NR_MALLOC_SIZES + 1];
};

struct model_snapshot *model_snapshot_save(void)
{
	struct model_snapshot *s = calloc(1, sizeof(*s));
	int i;

	if (!s || !arena)
		goto fail;
	s->m = M;
	s->bump = bump;
	s->pages = malloc(bump * PAGE_SIZE + 1);
	s->frames = malloc(bump * sizeof(struct page) + 1);
	if (!s->pages || !s->frames)
		goto fail;
	memcpy(s->pages, arena, bump * PAGE_SIZE);
	memcpy(s->frames, frames, bump * sizeof(struct page));
	for (i = 0; i < MAX_ORDER; i++) {
		s->free_count[i] = free_count[i];
		s->free_stack[i] = malloc(free_count[i] * sizeof(unsigned long) + 1);
		if (!s->free_stack[i])
			goto fail;
		if (free_count[i])
			memcpy(s->free_stack[i], free_stack[i],
			       free_count[i] * sizeof(unsigned long));
	}
	s->g_cpucache_up = g_cpucache_up;
	s->slab_early_init = slab_early_init;
	s->use_alien_caches = use_alien_caches;
	s->slab_break_gfp_order = slab_break_gfp_order;
	s->cache_chain_mutex = cache_chain_mutex;
	s->cache_chain = cache_chain;
	memcpy(s->initkmem_list3, initkmem_list3, sizeof(initkmem_list3));
	memcpy(s->initarray_cache, &initarray_cache, sizeof(initarray_cache));
	memcpy(s->initarray_generic, &initarray_generic, sizeof(initarray_generic));
	s->cache_cache = cache_cache;
	memcpy(s->malloc_sizes, malloc_sizes, sizeof(malloc_sizes));
	return s;
fail:
	fputs("slabref model: out of memory for a snapshot\n", stderr);
	exit(70);
}

/*
 * Which branches run here depends on the previous input's use of the
 * arena: coverage-guided fuzzers must not see them (AFL++ stability).
 */
#if defined(__clang__) && __clang_major__ >= 13
__attribute__((no_sanitize("coverage")))
#endif
void model_snapshot_restore(const struct model_snapshot *s)
{
	unsigned long top = bump > high_water ? bump : high_water;
	int i;

	M = s->m;
	/*
	 * Frames above the snapshot's must read as a fresh arena's zeroes:
	 * zero_stale clears them when they are handed out again.  More than
	 * 64 MiB of them go back to the system now instead.
	 */
	if (top > s->bump && top - s->bump > 16384) {
		madvise(arena + s->bump * PAGE_SIZE, (top - s->bump) * PAGE_SIZE,
			MADV_DONTNEED);
		memset(frames + s->bump, 0, (top - s->bump) * sizeof(struct page));
		top = s->bump;
	}
	bump = s->bump;
	high_water = top > s->bump ? top : s->bump;
	memcpy(arena, s->pages, s->bump * PAGE_SIZE);
	memcpy(frames, s->frames, s->bump * sizeof(struct page));
	for (i = 0; i < MAX_ORDER; i++) {
		if (free_cap[i] < s->free_count[i]) {
			unsigned long *n = realloc(free_stack[i], s->free_count[i] * sizeof(*n));

			if (!n) {
				fputs("slabref model: out of memory\n", stderr);
				exit(70);
			}
			free_stack[i] = n;
			free_cap[i] = s->free_count[i];
		}
		free_count[i] = s->free_count[i];
		if (free_count[i])
			memcpy(free_stack[i], s->free_stack[i], free_count[i] * sizeof(*free_stack[i]));
	}
	g_cpucache_up = s->g_cpucache_up;
	slab_early_init = s->slab_early_init;
	use_alien_caches = s->use_alien_caches;
	slab_break_gfp_order = s->slab_break_gfp_order;
	cache_chain_mutex = s->cache_chain_mutex;
	cache_chain = s->cache_chain;
	memcpy(initkmem_list3, s->initkmem_list3, sizeof(initkmem_list3));
	memcpy(&initarray_cache, s->initarray_cache, sizeof(initarray_cache));
	memcpy(&initarray_generic, s->initarray_generic, sizeof(initarray_generic));
	cache_cache = s->cache_cache;
	memcpy(malloc_sizes, s->malloc_sizes, sizeof(malloc_sizes));
}

void model_snapshot_free(struct model_snapshot *s)
{
	int i;

	if (!s)
		return;
	for (i = 0; i < MAX_ORDER; i++)
		free(s->free_stack[i]);
	free(s->pages);
	free(s->frames);
	free(s);
}
