/*
 * Time and the periodic reaper of the threads platform.
 *
 * jiffies come from CLOCK_MONOTONIC at HZ, optionally sped up, starting at
 * the kernel's INITIAL_JIFFIES so that wrap-around arithmetic is exercised
 * as in the model.  Each online vCPU gets one reaper thread visiting it,
 * the kernel's per-CPU delayed work "reap_work": cache_reap every
 * REAPTIMEOUT_CPUC jiffies.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>
#include "slabref/threads.h"
#include "memtool.h"

#define INITIAL_JIFFIES	(4294967296UL - 300 * HZ)
#define REAP_PERIOD	(2 * HZ)	/* REAPTIMEOUT_CPUC */
#define POLL_NS		2000000L

static atomic_uint time_scale = 1;
static atomic_ulong reap_passes;
static pthread_t reapers[NR_CPUS];
static int nr_reapers;
static atomic_int stopping;

static unsigned long long mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000000ULL + (unsigned long long)ts.tv_nsec;
}

unsigned long jiffies_now(void)
{
	unsigned long long ticks = mono_ns() /
		(1000000000ULL / HZ) * atomic_load_explicit(&time_scale, memory_order_relaxed);

	return INITIAL_JIFFIES + (unsigned long)ticks;
}

void threads_set_time_scale(unsigned int scale)
{
	atomic_store_explicit(&time_scale, scale ? scale : 1, memory_order_relaxed);
}

unsigned long threads_reap_passes(void)
{
	return atomic_load_explicit(&reap_passes, memory_order_relaxed);
}

/*
 * The kernel runs cache_reap from a workqueue with interrupts on, and
 * drain_array takes spin_lock_irq around its per-CPU array work.  The core
 * takes plain spin_lock, so the reaper holds its vCPU's exclusion for the
 * whole pass instead: it then touches its vCPU's arrays exactly as an
 * interrupts-off section would.  cache_reap only trylocks the chain mutex,
 * so it never waits for anything but leaf spinlocks while holding it.
 */
static void *reaper(void *arg)
{
	int cpu = (int)(long)arg;
	struct timespec deadline, now;
	unsigned long flags;

	/* A visitor, not an owner: the vCPU's worker keeps its fast entry. */
	threads_visit_cpu(cpu);
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	while (!atomic_load_explicit(&stopping, memory_order_acquire)) {
		unsigned long long period = 1000000000ULL / HZ * REAP_PERIOD /
			atomic_load_explicit(&time_scale, memory_order_relaxed);

		deadline.tv_nsec += (long)(period % 1000000000ULL);
		deadline.tv_sec += (time_t)(period / 1000000000ULL) + deadline.tv_nsec / 1000000000L;
		deadline.tv_nsec %= 1000000000L;
		/* Short sleeps, so that a stop request is seen within POLL_NS. */
		for (;;) {
			struct timespec nap = { 0, POLL_NS };

			if (atomic_load_explicit(&stopping, memory_order_acquire))
				return NULL;
			clock_gettime(CLOCK_MONOTONIC, &now);
			if (now.tv_sec > deadline.tv_sec ||
			    (now.tv_sec == deadline.tv_sec && now.tv_nsec >= deadline.tv_nsec))
				break;
			nanosleep(&nap, NULL);
		}
		flags = arch_local_irq_save();
		cache_reap();
		arch_local_irq_restore(flags);
		atomic_fetch_add_explicit(&reap_passes, 1, memory_order_relaxed);
	}
	return NULL;
}

int threads_start_reapers(void)
{
	int cpu;

	MT_ATOMIC_WORD(&reap_passes, sizeof(reap_passes));
	MT_ATOMIC_WORD(&time_scale, sizeof(time_scale));
	MT_ATOMIC_WORD(&stopping, sizeof(stopping));
	atomic_store_explicit(&stopping, 0, memory_order_relaxed);
	nr_reapers = 0;
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		if (!cpu_online(cpu))
			continue;
		if (pthread_create(&reapers[nr_reapers], NULL, reaper, (void *)(long)cpu)) {
			threads_stop_reapers();
			return -1;
		}
		nr_reapers++;
	}
	return 0;
}

/* Returns after every reaper has left cache_reap and exited (join). */
void threads_stop_reapers(void)
{
	int i;

	atomic_store_explicit(&stopping, 1, memory_order_release);
	for (i = 0; i < nr_reapers; i++)
		pthread_join(reapers[i], NULL);
	nr_reapers = 0;
}
