/*
 * The threads platform: virtual CPUs, boot, spinlocks, the chain mutex
 * and the console, for running the unchanged core under real POSIX
 * threads.  "Interrupts off", binding and IPIs are in threads_excl.c;
 * spec/smp-platform.md gives the full argument.
 */
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "slabref/threads.h"
#include "format.h"
#include "memtool.h"
#include "threads_internal.h"

static int nr_possible;
/* Written at boot only (single-threaded), read lock-free afterwards. */
static int online[NR_CPUS];
static atomic_int nr_online;

int threads_init(int ncpus)
{
	int i;

	if (ncpus < 1 || ncpus > NR_CPUS)
		return -1;
	if (threads_pages_init())
		return -1;
	nr_possible = ncpus;
	for (i = 0; i < NR_CPUS; i++)
		online[i] = 0;
	online[0] = 1;
	MT_ATOMIC_WORD(&nr_online, sizeof(nr_online));
	atomic_store(&nr_online, 1);
	threads_excl_init();
	slab_reset();
	return 0;
}

void threads_boot(void)
{
	int cpu;

	kmem_cache_init();
	kmem_cache_init_late();
	for (cpu = 1; cpu < nr_possible; cpu++) {
		if (cpuup_prepare(cpu))
			slab_bug("cpuup_callback");
		online[cpu] = 1;
		atomic_fetch_add(&nr_online, 1);
	}
}

int num_online_cpus(void) { return atomic_load_explicit(&nr_online, memory_order_relaxed); }
int num_possible_cpus(void) { return nr_possible; }
int cpu_online(int cpu) { return cpu >= 0 && cpu < NR_CPUS && online[cpu]; }
int numa_node_id(void) { return 0; }

/*
 * Test-and-test-and-set.  The acquiring exchange is memory_order_acquire
 * and the release store memory_order_release: everything written inside
 * one critical section happens-before everything read in the next.
 */
void spin_lock_init(spinlock_t *lock)
{
	MT_ATOMIC_WORD(&lock->slock, sizeof(lock->slock));
	atomic_store_explicit((_Atomic unsigned int *)&lock->slock, 0,
			      memory_order_relaxed);
}

int spin_trylock(spinlock_t *lock)
{
	_Atomic unsigned int *w = (_Atomic unsigned int *)&lock->slock;

	MT_ATOMIC_WORD(&lock->slock, sizeof(lock->slock));
	if (atomic_exchange_explicit(w, 1, memory_order_acquire))
		return 0;
	MT_ACQUIRED(lock);
	return 1;
}

void spin_lock(spinlock_t *lock)
{
	_Atomic unsigned int *w = (_Atomic unsigned int *)&lock->slock;
	unsigned int spins = 0;

	MT_ATOMIC_WORD(&lock->slock, sizeof(lock->slock));
	while (atomic_exchange_explicit(w, 1, memory_order_acquire)) {
		/* Spin on a plain load so the line stays shared while held. */
		while (atomic_load_explicit(w, memory_order_relaxed)) {
			/* Holders may be descheduled: more threads than cores. */
			if (++spins % 64 == 0)
				sched_yield();
		}
	}
	MT_ACQUIRED(lock);
}

void spin_unlock(spinlock_t *lock)
{
	MT_RELEASING(lock);
	atomic_store_explicit((_Atomic unsigned int *)&lock->slock, 0,
			      memory_order_release);
}

/*
 * cache_chain_mutex: count is 0 free / 1 held, same orderings as the
 * spinlock; waiters yield the CPU instead of spinning, which is what
 * "sleeping" buys here.  owner records the holder for diagnostics.
 */
void mutex_init(struct mutex *m)
{
	MT_ATOMIC_WORD(m, sizeof(*m));
	atomic_store_explicit((_Atomic unsigned int *)&m->count, 0, memory_order_relaxed);
	atomic_store_explicit((_Atomic unsigned int *)&m->owner, 0, memory_order_relaxed);
}

int mutex_trylock(struct mutex *m)
{
	unsigned int zero = 0;

	MT_ATOMIC_WORD(m, sizeof(*m));
	if (!atomic_compare_exchange_strong_explicit((_Atomic unsigned int *)&m->count,
						     &zero, 1, memory_order_acquire,
						     memory_order_relaxed))
		return 0;
	atomic_store_explicit((_Atomic unsigned int *)&m->owner,
			      (unsigned int)smp_processor_id() + 1, memory_order_relaxed);
	MT_ACQUIRED(m);
	return 1;
}

void mutex_lock(struct mutex *m)
{
	if (irqs_disabled())
		slab_bug("mutex_lock");	/* sleeping with interrupts off */
	while (!mutex_trylock(m))
		sched_yield();
}

void mutex_unlock(struct mutex *m)
{
	atomic_store_explicit((_Atomic unsigned int *)&m->owner, 0, memory_order_relaxed);
	MT_RELEASING(m);
	atomic_store_explicit((_Atomic unsigned int *)&m->count, 0, memory_order_release);
}

/* CPUs never go offline after boot, so hotplug needs no lock. */
void get_online_cpus(void) { }
void put_online_cpus(void) { }

/* Console: one line buffer per thread, whole lines written under a lock. */
static pthread_mutex_t console_lock = PTHREAD_MUTEX_INITIALIZER;
static _Thread_local char tl_line[1024];
static _Thread_local size_t tl_line_len;

void console_emit(const char *text)
{
	for (; *text; text++) {
		if (*text == '\n' || tl_line_len == sizeof(tl_line) - 1) {
			tl_line[tl_line_len] = '\0';
			pthread_mutex_lock(&console_lock);
			fprintf(stderr, "printk: %s\n", tl_line);
			pthread_mutex_unlock(&console_lock);
			tl_line_len = 0;
			if (*text == '\n')
				continue;
		}
		tl_line[tl_line_len++] = *text;
	}
}

void dump_stack(void) { }

void slab_bug(const char *function)
{
	fprintf(stderr, "kernel BUG in %s() on vCPU %d\n", function, smp_processor_id());
	abort();
}

void slab_oops(const char *function, const char *what)
{
	fprintf(stderr, "kernel oops in %s() on vCPU %d: %s\n", function,
		smp_processor_id(), what);
	abort();
}

void panic(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	kernel_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fprintf(stderr, "Kernel panic - not syncing: %s\n", buf);
	abort();
}
