/*
 * "Interrupts off on this CPU" for the threads platform: the per-vCPU
 * exclusion, thread binding, and IPIs (on_each_cpu).
 *
 * The kernel's fast paths (____cache_alloc, __cache_free) run with
 * interrupts off, which costs the owning CPU a flag flip and nothing
 * more.  Here the equivalent is a biased exclusion: the thread that owns
 * a vCPU (first to bind to it) reads its own state, then enters with one
 * plain store and one load, no atomic read-modify-write and no fence; it
 * leaves with a read and a store.  Everyone else (IPIs, the
 * reaper, further threads sharing the vCPU) is a guest and pays instead:
 * the guest lock, a "guest waiting" count, and one process-wide
 * membarrier() that orders the owner's plain store against the guest's
 * load (asymmetric Dekker; spec/smp-platform.md gives the argument).
 *
 * When membarrier is unavailable, under ThreadSanitizer (which does not
 * model membarrier), under valgrind unless SLABREF_EXCL=biased, or with
 * SLABREF_EXCL=locked, every entry, the owner's included, takes the guest
 * lock: the locked mode.
 */
#include <linux/membarrier.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "slabref/threads.h"
#include "callee_save.h"
#include "memtool.h"
#include "threads_internal.h"

#if defined(__SANITIZE_THREAD__)
#define SLABREF_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define SLABREF_TSAN 1
#endif
#endif

/*
 * An owner keeps its own state in active, the word its guests read: only
 * EX_FAST makes a guest wait; EX_LOCKED (it queued on guest_lock behind
 * them) only tells the owner itself that it is inside.
 */
enum { EX_OUT, EX_FAST, EX_LOCKED, EX_UNOWNED };

struct vcpu_excl {
	_Alignas(64) atomic_int active;	/* EX_*: the owner's state; written by it alone */
	atomic_int guests;		/* guests inside or bound (owner goes slow) */
	atomic_uintptr_t owner;		/* owning thread's tl_self, 0 = none */
	spinlock_t guest_lock;		/* guests, and the owner's slow entry */
};
static struct vcpu_excl vcpu[NR_CPUS];
/*
 * Where tl_fast points in every thread that is not running as a vCPU it
 * owns: never written, and its active is never EX_OUT, so the inlined
 * fast paths need no NULL test to send such a thread to the slow ones.
 */
static struct vcpu_excl excl_unowned = { .active = EX_UNOWNED };
static int excl_biased;

/* How a thread without a fast vCPU holds the exclusion of tl_cpu. */
enum { HOLD_NONE, HOLD_LOCKED, HOLD_VISIT };

/*
 * The slow paths of the inlined primitives below, called through
 * register-preserving thunks where the build has them (callee_save.h):
 * external, so that the thunks can name them.
 */
#define SLOW_PATH __attribute__((noinline, cold, visibility("hidden"))) CALLEE_SAVE_TARGET
SLOW_PATH void owner_divert(void);
SLOW_PATH unsigned long irq_save_slow(void);
SLOW_PATH void irq_restore_slow(unsigned long flags);
CALLEE_SAVE_THUNK(owner_divert)
CALLEE_SAVE_THUNK(irq_save_slow)
CALLEE_SAVE_THUNK(irq_restore_slow)

static _Thread_local int tl_cpu;	/* the vCPU the thread runs as */
static _Thread_local int tl_hold;	/* HOLD_*, while tl_fast is &excl_unowned */
static _Thread_local int tl_owned = -1;	/* vCPU this thread owns */
static _Thread_local int tl_guest = -1;	/* vCPU this thread is bound to as guest */
static _Thread_local char tl_self;	/* its address identifies the thread */
/* &vcpu[tl_cpu] while the thread runs as the vCPU it owns in biased mode. */
static _Thread_local struct vcpu_excl *tl_fast = &excl_unowned;

static void membarrier_all(void)
{
	if (syscall(__NR_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0))
		slab_bug("membarrier");
}

static int want_biased(void)
{
	const char *env = getenv("SLABREF_EXCL");
	long cmds;

#ifdef SLABREF_TSAN
	return 0;
#endif
	if (env && strcmp(env, "locked") == 0)
		return 0;
	/* helgrind and DRD cannot see membarrier's ordering; callgrind asks. */
	if (MT_ON_VALGRIND() && !(env && strcmp(env, "biased") == 0))
		return 0;
	cmds = syscall(__NR_membarrier, MEMBARRIER_CMD_QUERY, 0, 0);
	if (cmds < 0 || !(cmds & MEMBARRIER_CMD_PRIVATE_EXPEDITED))
		return 0;
	return syscall(__NR_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0) == 0;
}

void threads_excl_init(void)
{
	int i;

	for (i = 0; i < NR_CPUS; i++) {
		MT_ATOMIC_WORD(&vcpu[i], sizeof(vcpu[i]) - sizeof(spinlock_t));
		atomic_store_explicit(&vcpu[i].active, EX_OUT, memory_order_relaxed);
		atomic_store_explicit(&vcpu[i].guests, 0, memory_order_relaxed);
		atomic_store_explicit(&vcpu[i].owner, 0, memory_order_relaxed);
		spin_lock_init(&vcpu[i].guest_lock);
	}
	MT_ATOMIC_WORD(&excl_unowned, sizeof(excl_unowned) - sizeof(spinlock_t));
	excl_biased = want_biased();
	tl_cpu = 0;
	tl_hold = HOLD_NONE;
	tl_owned = tl_guest = -1;
	tl_fast = &excl_unowned;
}

const char *threads_excl_mode(void)
{
	return excl_biased ? "biased" : "locked";
}

/* A guest's entry in biased mode: after this the owner cannot be inside. */
static void wait_owner_out(struct vcpu_excl *v)
{
	unsigned int spins = 0;

	atomic_fetch_add_explicit(&v->guests, 1, memory_order_relaxed);
	membarrier_all();
	while (atomic_load_explicit(&v->active, memory_order_acquire) == EX_FAST)
		if (++spins % 64 == 0)
			sched_yield();	/* the owner may be descheduled */
}

/* Interrupts "off" for the calling thread, whichever way it got there. */
static int excl_held(void)
{
	struct vcpu_excl *v = tl_fast;

	if (v == &excl_unowned)
		return tl_hold != HOLD_NONE;
	return atomic_load_explicit(&v->active, memory_order_relaxed) != EX_OUT;
}

/*
 * The owner saw guests after announcing itself: it steps out of their
 * way and queues on the lock behind them.  Never inlined, so that the
 * fast paths stay a handful of instructions.
 */
SLOW_PATH void owner_divert(void)
{
	struct vcpu_excl *v = tl_fast;

	atomic_store_explicit(&v->active, EX_OUT, memory_order_release);
	spin_lock(&v->guest_lock);
	atomic_store_explicit(&v->active, EX_LOCKED, memory_order_relaxed);
}

/* Entry of a thread that does not own cpu (or of anyone in locked mode). */
static __attribute__((noinline, cold)) void guest_take(int cpu)
{
	struct vcpu_excl *v = &vcpu[cpu];

	spin_lock(&v->guest_lock);
	if (excl_biased && tl_guest != cpu) {
		wait_owner_out(v);
		tl_hold = HOLD_VISIT;
	} else {
		/* Locked mode, or a bound guest: its count already diverts the owner. */
		tl_hold = HOLD_LOCKED;
	}
}

static __attribute__((noinline, cold)) void guest_drop(int cpu)
{
	struct vcpu_excl *v = &vcpu[cpu];

	switch (tl_hold) {
	case HOLD_VISIT:
		atomic_fetch_sub_explicit(&v->guests, 1, memory_order_release);
		/* fall through */
	case HOLD_LOCKED:
		spin_unlock(&v->guest_lock);
		break;
	default:
		slab_bug("excl_drop");
	}
	tl_hold = HOLD_NONE;
}

/*
 * The owner's entry: a plain store and a load; the guest's membarrier is
 * the fence.  v is the thread's own vCPU, not held.
 */
static inline void owner_enter(struct vcpu_excl *v)
{
	atomic_store_explicit(&v->active, EX_FAST, memory_order_relaxed);
	atomic_signal_fence(memory_order_seq_cst);
#ifdef SLABREF_EXCL_SABOTAGE
	/* stress.mk's negative test: the owner ignores guests; stress must fail. */
	if (0)
#else
	if (__builtin_expect(atomic_load_explicit(&v->guests, memory_order_acquire) != 0, 0))
#endif
		callee_save_call0(owner_divert);
}

/* Call only while not held. */
static void excl_enter(void)
{
	if (tl_fast == &excl_unowned)
		guest_take(tl_cpu);
	else
		owner_enter(tl_fast);
}

/* Call only while held. */
static void excl_drop(void)
{
	struct vcpu_excl *v = tl_fast;
	int was;

	if (v == &excl_unowned) {
		guest_drop(tl_cpu);
		return;
	}
	was = atomic_load_explicit(&v->active, memory_order_relaxed);
	atomic_store_explicit(&v->active, EX_OUT, memory_order_release);
	if (was == EX_LOCKED)
		spin_unlock(&v->guest_lock);
}

static void unbind(void)
{
	tl_fast = &excl_unowned;
	if (tl_owned >= 0) {
		atomic_store_explicit(&vcpu[tl_owned].owner, 0, memory_order_release);
		tl_owned = -1;
	}
	if (tl_guest >= 0) {
		atomic_fetch_sub_explicit(&vcpu[tl_guest].guests, 1, memory_order_release);
		tl_guest = -1;
	}
}

void threads_bind_cpu(int cpu)
{
	struct vcpu_excl *v;
	uintptr_t none = 0;

	if (cpu < 0 || cpu >= num_possible_cpus() || excl_held())
		slab_bug("threads_bind_cpu");
	unbind();
	tl_cpu = cpu;
	v = &vcpu[cpu];
	if (atomic_compare_exchange_strong_explicit(&v->owner, &none, (uintptr_t)&tl_self,
						    memory_order_acquire, memory_order_relaxed)) {
		tl_owned = cpu;
		if (excl_biased)
			tl_fast = v;
		return;
	}
	/* A second thread on this vCPU: the owner takes the slow entry from now on. */
	if (excl_biased) {
		spin_lock(&v->guest_lock);
		wait_owner_out(v);
		spin_unlock(&v->guest_lock);
	}
	tl_guest = cpu;
}

void threads_unbind(void)
{
	if (excl_held())
		slab_bug("threads_unbind");
	unbind();
}

/* Run as vCPU cpu without binding to it (the reaper, the boot thread). */
void threads_visit_cpu(int cpu)
{
	if (cpu < 0 || cpu >= num_possible_cpus() || excl_held())
		slab_bug("threads_visit_cpu");
	unbind();
	tl_cpu = cpu;
}

/*
 * The primitives on the core's fast paths: external definitions that the
 * benchmark's link-time optimisation inlines into the core, as the
 * kernel's are inline.
 */
__always_inline int smp_processor_id(void) { return tl_cpu; }

/* Nested, an owner that queued, or no fast vCPU at all. */
SLOW_PATH unsigned long irq_save_slow(void)
{
	if (excl_held())
		return 1;
	excl_enter();
	return 0;
}

/*
 * The flags word is the previous state, as on x86: nesting needs no
 * count.  The owner's entry is one load of its own state, a store and
 * the load of guests.
 */
__always_inline unsigned long arch_local_irq_save(void)
{
	struct vcpu_excl *v = tl_fast;

	if (__builtin_expect(atomic_load_explicit(&v->active, memory_order_relaxed) == EX_OUT, 1)) {
		owner_enter(v);		/* EX_OUT: v is a vCPU this thread owns */
		return 0;
	}
	return callee_save_call0(irq_save_slow);
}

/* Every case but the owner leaving its fast entry. */
SLOW_PATH void irq_restore_slow(unsigned long flags)
{
	int held = excl_held();

	if (!flags && held)
		excl_drop();
	else if (flags && !held)
		excl_enter();	/* "off" again after a window turned it on */
}

__always_inline void arch_local_irq_restore(unsigned long flags)
{
	struct vcpu_excl *v = tl_fast;

	if (__builtin_expect(!flags &&
			     atomic_load_explicit(&v->active, memory_order_relaxed) == EX_FAST, 1)) {
		atomic_store_explicit(&v->active, EX_OUT, memory_order_release);
		return;
	}
	callee_save_call1(irq_restore_slow, flags);
}

/*
 * cache_grow's window: dropping the exclusion lets other threads of this
 * vCPU run its fast paths, as interrupts would; the core re-reads its
 * per-CPU pointer afterwards.
 */
void local_irq_enable(void)
{
	if (excl_held())
		excl_drop();
}

void local_irq_disable(void)
{
	if (!excl_held())
		excl_enter();
}

int irqs_disabled(void) { return excl_held(); }
int in_interrupt(void) { return 0; }

/*
 * smp_call_function + local call: each target's exclusion is held while
 * func runs as that vCPU, which is what an IPI handler gets (interrupts
 * off, smp_processor_id() == target).  One exclusion at a time, so no
 * ordering between vCPU exclusions exists to deadlock on.  Synchronous,
 * so "wait" always holds.
 */
void on_each_cpu(void (*func)(void *info), void *info, int wait)
{
	int cpu, self = tl_cpu, self_off = excl_held();
	struct vcpu_excl *fast = tl_fast;

	(void)wait;
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		if (!cpu_online(cpu) || cpu == self)
			continue;
		if (self_off)
			slab_bug("on_each_cpu");	/* kernel: WARN, deadlock risk */
		tl_cpu = cpu;
		tl_fast = &excl_unowned;
		guest_take(cpu);
		func(info);
		guest_drop(cpu);
		tl_fast = fast;
		tl_cpu = self;
	}
	if (!self_off)
		excl_enter();
	func(info);
	if (!self_off)
		excl_drop();
}
