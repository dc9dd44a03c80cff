/*
 * Benchmark workloads, linked with one allocator backend (backend.h).
 *
 *   bench-<allocator> <workload> [scale]
 *
 * prints lines the driver (bench/run.sh) collects:
 *   info <text>                 what is linked, for the log
 *   metric <key> <value>        a time in ns per operation, or a memory figure
 *   ops <phase> <count>         operations in a callgrind phase
 *   na <workload> <reason>      this allocator cannot run this workload
 *
 * scale multiplies the iteration counts (the driver uses a small scale
 * under callgrind).  Times are CPU time of the measuring thread, except
 * producer/consumer (wall time); see cpu_ns.  Only the allocator is timed or counted: harness memory
 * comes from mmap, never from the allocator under test, and everything the
 * workload precomputes (random orders, sizes) is built before the clock
 * starts.  Under callgrind each timed phase is bracketed by ZERO_STATS and
 * DUMP_STATS_AT, and --toggle-collect=be_* restricts counting to the
 * backend calls, so the instructions per operation exclude the harness.
 */
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <valgrind/callgrind.h>
#include "backend.h"

#define MAX_THREADS 64

static double scale = 1.0;
static int ncores;
static int yield_when_waiting;	/* under valgrind threads are serialised: spinning only wastes time */

static void die(const char *what)
{
	fprintf(stderr, "bench-%s: %s\n", be_name, what);
	exit(1);
}

static double clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/*
 * Single-threaded phases (and each all-cores thread) are timed in CPU time
 * of the measuring thread, user + system: on a shared machine, time spent
 * descheduled in favour of other jobs is not the allocator's.  Page faults
 * are system time of the thread, so cold phases still pay for them.
 */
static double cpu_ns(void) { return clock_ns(CLOCK_THREAD_CPUTIME_ID); }
/* The hand-over between two threads can only be judged by the wall clock. */
static double wall_ns(void) { return clock_ns(CLOCK_MONOTONIC); }

static long scaled(long n, long min)
{
	long s = (long)((double)n * scale);

	return s < min ? min : s;
}

/* Harness memory: mapped and touched up front, invisible to the allocator. */
static void *harness_map(size_t bytes)
{
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);

	if (p == MAP_FAILED)
		die("mmap failed");
	return p;
}

static void pin(int core)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(core % ncores, &set);
	/* Best effort: a container may forbid it, and the numbers then just get noisier. */
	(void)pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
}

/* A field of /proc/self/status in kB, read without stdio (which might allocate). */
static long status_kb(const char *field)
{
	char buf[4096];
	size_t flen = strlen(field);
	ssize_t n;
	char *p;
	int fd = open("/proc/self/status", O_RDONLY);

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	for (p = buf; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : p)
		if (!strncmp(p, field, flen) && p[flen] == ':')
			return strtol(p + flen + 1, NULL, 10);
	return -1;
}

static void metric(const char *key, double value)
{
	printf("metric %s %.3f\n", key, value);
}

static void phase_end(const char *name, long ops)
{
	CALLGRIND_DUMP_STATS_AT(name);
	printf("ops %s %ld\n", name, ops);
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t xorshift(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void *must(void *p)
{
	if (!p)
		die("allocation failed");
	return p;
}

/* Every object gets one store, as a real user would write it. */
static inline void touch(void *p, long v)
{
	*(volatile long *)p = v;
}

/*
 * Spin briefly, then yield: with more runnable threads than cores the
 * partner may be descheduled, and spinning would only delay it further.
 */
static void wait_a_little(unsigned int *spins)
{
	if (yield_when_waiting || ++*spins > 1000)
		sched_yield();
	else
		__builtin_ia32_pause();
}

/* ---- hot alloc/free pair ------------------------------------------------ */

static double hot_loop(struct be_class *c, long iters)
{
	double t0 = cpu_ns();
	long i;

	for (i = 0; i < iters; i++) {
		void *p = must(be_alloc(c));

		touch(p, i);
		be_free(c, p);
	}
	return cpu_ns() - t0;
}

static void w_hot(size_t size, const char *name)
{
	struct be_class *c = be_class(size);
	long iters = scaled(5000000, 1000);
	double dt;

	hot_loop(c, iters / 8);		/* warm: caches filled, code paged in */
	CALLGRIND_ZERO_STATS;
	dt = hot_loop(c, iters);
	phase_end(name, iters);
	metric(name, dt / (double)iters);
}

/* ---- one million objects, allocated then freed -------------------------- */

static void w_million(int random_order)
{
	const char *name = random_order ? "mrand" : "mseq";
	long n = scaled(1000000, 10000), i;
	void **ptrs = harness_map((size_t)n * sizeof(void *));
	uint32_t *perm = random_order ? harness_map((size_t)n * sizeof(uint32_t)) : NULL;
	struct be_class *c = be_class(64);
	int cycle;

	if (perm) {
		for (i = 0; i < n; i++)
			perm[i] = (uint32_t)i;
		for (i = n - 1; i > 0; i--) {
			long j = (long)(xorshift() % (uint64_t)(i + 1));
			uint32_t t = perm[i];

			perm[i] = perm[j];
			perm[j] = t;
		}
	}
	/*
	 * Cycle 0 ("cold") takes fresh memory from the kernel, page faults
	 * included; cycle 1 ("warm") reuses whatever the allocator kept.
	 */
	for (cycle = 0; cycle < 2; cycle++) {
		char key[64];
		long rss0 = status_kb("VmRSS"), rss1;
		double t0, t1, t2, t3;

		CALLGRIND_ZERO_STATS;
		t0 = cpu_ns();
		for (i = 0; i < n; i++) {
			void *p = must(be_alloc(c));

			touch(p, i);
			ptrs[i] = p;
		}
		t1 = cpu_ns();
		rss1 = status_kb("VmRSS");
		t2 = cpu_ns();
		if (perm)
			for (i = 0; i < n; i++)
				be_free(c, ptrs[perm[i]]);
		else
			for (i = 0; i < n; i++)
				be_free(c, ptrs[i]);
		t3 = cpu_ns();
		snprintf(key, sizeof(key), "%s_%s", name, cycle ? "warm" : "cold");
		phase_end(key, n);
		metric(key, ((t1 - t0) + (t3 - t2)) / (double)n);
		snprintf(key, sizeof(key), "%s_%s_alloc", name, cycle ? "warm" : "cold");
		metric(key, (t1 - t0) / (double)n);
		snprintf(key, sizeof(key), "%s_%s_free", name, cycle ? "warm" : "cold");
		metric(key, (t3 - t2) / (double)n);
		if (cycle == 0 && !(be_caps() & BE_PREFAULTED)) {
			snprintf(key, sizeof(key), "%s_held_per_req", name);
			metric(key, (double)(rss1 - rss0) * 1024.0 / ((double)n * 64.0));
		}
	}
	metric(random_order ? "mrand_peak_rss_mib" : "mseq_peak_rss_mib",
	       (double)status_kb("VmHWM") / 1024.0);
}

/* ---- threads ------------------------------------------------------------ */

static pthread_barrier_t barrier;

struct worker {
	pthread_t tid;
	int cpu;
	struct be_class *c;
	long iters;
	double ns;
	void *(*fn)(struct worker *);
};

static void *worker_main(void *arg)
{
	struct worker *w = arg;

	pin(w->cpu);
	be_thread_enter(w->cpu);
	w->fn(w);
	be_thread_exit();
	return NULL;
}

static void start(struct worker *w)
{
	if (pthread_create(&w->tid, NULL, worker_main, w))
		die("pthread_create failed");
}

/*
 * The hot pair on every core at once, against each thread's own time alone.
 * The target compares a thread with its single-thread time; taken from the
 * hot64 workload, that time came from another process minutes apart, and
 * on a shared VM the drift between the two was as large as the effect
 * measured.  So each round here times every thread alone (the others
 * parked in a barrier, which sleeps) and all threads together, back to
 * back in one process on the same pinned cores, and the ratio is taken
 * per round; odd rounds run the together phase first, so neither phase
 * always follows the other.
 */
#define AC_ROUNDS 7

static double ac_alone[AC_ROUNDS][MAX_THREADS], ac_together[AC_ROUNDS][MAX_THREADS];
static int ac_threads;

/* Step s of round r: which thread runs alone, or ac_threads for all. */
static int ac_step(int r, int s)
{
	return r % 2 ? (s == 0 ? ac_threads : s - 1) : s;
}

static void *allcores_body(struct worker *w)
{
	int r, s, who;

	hot_loop(w->c, w->iters / 8);
	/* Warm, then the main thread zeroes the counters, then the rounds. */
	pthread_barrier_wait(&barrier);
	pthread_barrier_wait(&barrier);
	for (r = 0; r < AC_ROUNDS; r++)
		for (s = 0; s <= ac_threads; s++) {
			who = ac_step(r, s);
			pthread_barrier_wait(&barrier);
			if (who == ac_threads)
				ac_together[r][w->cpu] = hot_loop(w->c, w->iters);
			else if (who == w->cpu)
				ac_alone[r][w->cpu] = hot_loop(w->c, w->iters);
			pthread_barrier_wait(&barrier);
		}
	return NULL;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median_of(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void w_allcores(void)
{
	struct worker w[MAX_THREADS];
	struct be_class *c = be_class(64);
	double mean[AC_ROUNDS], worst[AC_ROUNDS], alone[AC_ROUNDS], ratio[AC_ROUNDS];
	long iters = scaled(2000000, 200);
	int n = ncores > MAX_THREADS ? MAX_THREADS : ncores, i, r, s;

	ac_threads = n;
	be_thread_exit();		/* the main thread only watches */
	pthread_barrier_init(&barrier, NULL, (unsigned)n + 1);
	for (i = 0; i < n; i++) {
		w[i] = (struct worker){ .cpu = i, .c = c, .iters = iters, .fn = allcores_body };
		start(&w[i]);
	}
	pthread_barrier_wait(&barrier);
	CALLGRIND_ZERO_STATS;
	pthread_barrier_wait(&barrier);
	for (r = 0; r < AC_ROUNDS; r++)
		for (s = 0; s <= n; s++) {
			pthread_barrier_wait(&barrier);
			pthread_barrier_wait(&barrier);
		}
	phase_end("allcores", iters * (long)n * 2 * AC_ROUNDS);
	for (i = 0; i < n; i++)
		pthread_join(w[i].tid, NULL);
	for (r = 0; r < AC_ROUNDS; r++) {
		mean[r] = worst[r] = alone[r] = ratio[r] = 0;
		for (i = 0; i < n; i++) {
			double t = ac_together[r][i] / (double)iters, a = ac_alone[r][i] / (double)iters;

			mean[r] += t / n;
			alone[r] += a / n;
			if (t > worst[r])
				worst[r] = t;
			if (t / a > ratio[r])
				ratio[r] = t / a;
		}
	}
	metric("allcores", median_of(mean, AC_ROUNDS));
	metric("allcores_worst", median_of(worst, AC_ROUNDS));
	metric("allcores_alone", median_of(alone, AC_ROUNDS));
	metric("allcores_ratio", median_of(ratio, AC_ROUNDS));
	metric("allcores_threads", n);
}

/*
 * Producer/consumer: one thread allocates and hands each object over a
 * single-producer single-consumer ring; the other frees it.  Every object
 * is therefore freed on a different CPU from the one that allocated it.
 */
#define RING 512
#define PUBLISH 8	/* slots per 64-byte line */
#define POOL 2048	/* > RING: an object is never reused while in flight */
/*
 * The floor backend is single-threaded, so for it the workload measures
 * the hand-over alone: objects come from a pool and are never freed.
 */
static int transport_only;
static char *pool;
static struct {
	_Alignas(64) _Atomic long head;		/* written by the producer */
	_Alignas(64) _Atomic long tail;		/* written by the consumer */
	_Alignas(64) void *slot[RING];
} ring;

static void *producer_body(struct worker *w)
{
	long i, tail = 0, head = atomic_load(&ring.head);
	long end = head + w->iters;
	unsigned int spins = 0;

	for (i = head; i < end; i++) {
		void *p = transport_only ? pool + 64 * (i & (POOL - 1)) : must(be_alloc(w->c));

		touch(p, i);
		while (i - tail >= RING) {
			tail = atomic_load_explicit(&ring.tail, memory_order_acquire);
			if (i - tail >= RING)
				wait_a_little(&spins);
		}
		spins = 0;
		ring.slot[i & (RING - 1)] = p;
		/*
		 * Publish a cache line of slots at a time: the consumer then
		 * pulls each line once instead of chasing every store.
		 */
		if (((i + 1) & (PUBLISH - 1)) == 0 || i + 1 == end)
			atomic_store_explicit(&ring.head, i + 1, memory_order_release);
	}
	return NULL;
}

static void *consumer_body(struct worker *w)
{
	long i, head = 0, tail = atomic_load(&ring.tail);
	long end = tail + w->iters;
	unsigned int spins = 0;

	for (i = tail; i < end; i++) {
		void *p;

		while (head <= i) {
			head = atomic_load_explicit(&ring.head, memory_order_acquire);
			if (head <= i)
				wait_a_little(&spins);
		}
		spins = 0;
		p = ring.slot[i & (RING - 1)];
		if (*(volatile long *)p != i)
			die("producer/consumer: object corrupted");
		if (!transport_only)
			be_free(w->c, p);
		atomic_store_explicit(&ring.tail, i + 1, memory_order_release);
	}
	return NULL;
}

static double prodcons_round(struct be_class *c, long iters)
{
	struct worker w[2] = {
		{ .cpu = 0, .c = c, .iters = iters, .fn = producer_body },
		{ .cpu = 1, .c = c, .iters = iters, .fn = consumer_body },
	};
	double t0 = wall_ns();

	start(&w[0]);
	start(&w[1]);
	pthread_join(w[0].tid, NULL);
	pthread_join(w[1].tid, NULL);
	return wall_ns() - t0;
}

static void w_prodcons(void)
{
	struct be_class *c = be_class(64);
	long iters = scaled(2000000, 1000);
	double dt;

	be_thread_exit();
	if (transport_only)
		pool = harness_map(64 * POOL);
	prodcons_round(c, iters / 8);
	CALLGRIND_ZERO_STATS;
	/* Thread start-up is inside the time; it is tens of microseconds in 100+ ms. */
	dt = prodcons_round(c, iters);
	phase_end("prodcons", iters);
	metric("prodcons", dt / (double)iters);
}

/* ---- kmalloc of mixed sizes --------------------------------------------- */

/*
 * A working set of WINDOW live objects; each step frees a random one and
 * allocates a new one of random size.  Sizes are log-uniform over
 * 8..4095 bytes and mostly not powers of two, so every size class is hit.
 */
#define WINDOW 1024
#define STEPS (1 << 16)

static void w_mixed(void)
{
	struct step { uint16_t slot, size; } *tab = harness_map(STEPS * sizeof(*tab));
	void **live = harness_map(WINDOW * sizeof(void *));
	long iters = scaled(5000000, 1000), i;
	double t0, dt;
	int pass;

	for (i = 0; i < STEPS; i++) {
		uint64_t r = xorshift();
		unsigned int lo = 8u << (r % 9);

		tab[i].slot = (uint16_t)((r >> 16) % WINDOW);
		tab[i].size = (uint16_t)(lo + (r >> 32) % lo);
	}
	for (i = 0; i < WINDOW; i++)
		touch(live[i] = must(be_alloc_size(tab[i].size)), i);
	/* Pass 0 warms up (an eighth of the steps); pass 1 is timed. */
	for (pass = 0; pass < 2; pass++) {
		long n = pass ? iters : iters / 8;

		CALLGRIND_ZERO_STATS;
		t0 = cpu_ns();
		for (i = 0; i < n; i++) {
			const struct step *s = &tab[i & (STEPS - 1)];
			void *p;

			be_free_any(live[s->slot]);
			p = must(be_alloc_size(s->size));
			touch(p, i);
			live[s->slot] = p;
		}
		dt = cpu_ns() - t0;
		if (pass) {
			phase_end("mixed", iters);
			metric("mixed", dt / (double)iters);
		}
	}
	for (i = 0; i < WINDOW; i++)
		be_free_any(live[i]);
}

/* ---- main --------------------------------------------------------------- */

static const struct {
	const char *name;
	unsigned int needs;
	void (*run)(void);
} workloads[] = {
	{ "hot64", BE_FIXED, NULL },
	{ "hot256", BE_FIXED, NULL },
	{ "mseq", BE_FIXED, NULL },
	{ "mrand", BE_FIXED, NULL },
	{ "prodcons", BE_FIXED | BE_THREADS, w_prodcons },
	{ "allcores", BE_FIXED | BE_THREADS, w_allcores },
	{ "mixed", BE_ANYSIZE, w_mixed },
};

int main(int argc, char **argv)
{
	static char outbuf[1 << 14];	/* stdio must not allocate from the allocator under test */
	char desc[256];
	unsigned int k;
	long nc = sysconf(_SC_NPROCESSORS_ONLN);

	setvbuf(stdout, outbuf, _IOLBF, sizeof(outbuf));
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: %s hot64|hot256|mseq|mrand|prodcons|allcores|mixed [scale]\n",
			argv[0]);
		return 2;
	}
	if (argc == 3)
		scale = strtod(argv[2], NULL);
	if (!(scale > 0))
		die("scale must be positive");
	ncores = nc < 1 ? 1 : nc > MAX_THREADS ? MAX_THREADS : (int)nc;
	yield_when_waiting = RUNNING_ON_VALGRIND || getenv("BENCH_YIELD") != NULL;
	for (k = 0; k < sizeof(workloads) / sizeof(workloads[0]); k++)
		if (!strcmp(argv[1], workloads[k].name))
			break;
	if (k == sizeof(workloads) / sizeof(workloads[0]))
		die("unknown workload");
	transport_only = !strcmp(argv[1], "prodcons") && (be_caps() & BE_PREFAULTED);
	if ((be_caps() & workloads[k].needs) != workloads[k].needs && !transport_only) {
		printf("na %s %s\n", argv[1],
		       !(be_caps() & BE_THREADS) && (workloads[k].needs & BE_THREADS) ?
		       "single-threaded" : "fixed-size only");
		return 0;
	}
	if ((workloads[k].needs & BE_THREADS) && ncores < 2) {
		printf("na %s one core\n", argv[1]);
		return 0;
	}
	be_init(ncores);
	pin(0);
	be_thread_enter(0);
	be_describe(desc, sizeof(desc));
	printf("info %s\n", desc);
	if (!strcmp(argv[1], "hot64"))
		w_hot(64, "hot64");
	else if (!strcmp(argv[1], "hot256"))
		w_hot(256, "hot256");
	else if (!strcmp(argv[1], "mseq"))
		w_million(0);
	else if (!strcmp(argv[1], "mrand"))
		w_million(1);
	else
		workloads[k].run();
	return 0;
}
