/*
 * The locking protocol of the threads platform running mm/slab.c, reduced
 * to object counts: per-vCPU exclusion (local_irq_save), list_lock, the
 * per-CPU arrays, the shared array, the slab free pool, cache_grow's
 * interrupts-on window and do_tune_cpucache's on_each_cpu array swap.
 * Checked: one holder of a vCPU's per-CPU data at a time; nobody touches a
 * retired array; no object is lost or duplicated (conservation at the end);
 * no deadlock (spin's invalid end states).
 * -DBIG runs more rounds (stress-long).  -DSTALE models a core that keeps its array pointer across the grow
 * window; spin must find an error then (the check can fail).
 */
#define NCPU	2
#define LIMIT	2
#define SHLIM	2

bit excl[NCPU];			/* per-vCPU exclusion */
bit list_lock;
byte inside[NCPU];		/* holders of a vCPU's per-CPU data */
byte cur[NCPU];			/* installed array: index 2*cpu + 0/1 */
byte arr[2 * NCPU];		/* avail of each array */
bit retired[2 * NCPU];
byte shared;
byte slabfree;
byte grown;
byte held;			/* objects held by users */
byte done;

inline lock(l)   { atomic { l == 0 -> l = 1 } }
inline unlock(l) { l = 0 }
inline enter(c)  { lock(excl[c]); inside[c]++; assert(inside[c] == 1) }
inline leave(c)  { inside[c]--; unlock(excl[c]) }

proctype worker(byte c; byte rounds)
{
	byte a, n;
	do
	:: rounds == 0 -> break
	:: rounds > 0 ->
		rounds--;
		/* kmem_cache_alloc */
		enter(c);
		a = cur[c];
		assert(!retired[a]);
		if
		:: arr[a] > 0 -> arr[a]--; held++
		:: else ->
			lock(list_lock);
			if
			:: shared > 0 -> shared--; arr[a]++
			:: shared == 0 && slabfree > 0 -> slabfree--; arr[a]++
			:: else -> skip
			fi;
			unlock(list_lock);
			if
			:: arr[a] == 0 ->
				/* cache_grow: local_irq_enable ... local_irq_disable */
				leave(c);
				lock(list_lock); slabfree++; grown++; unlock(list_lock);
				enter(c);
#ifndef STALE
				a = cur[c];	/* the core re-reads cpu_cache_get */
#endif
				assert(!retired[a]);
				lock(list_lock); slabfree--; arr[a]++; unlock(list_lock)
			:: else -> skip
			fi;
			arr[a]--; held++
		fi;
		leave(c);
		/* kmem_cache_free of one held object (maybe another thread's) */
		enter(c);
		a = cur[c];
		assert(!retired[a]);
		if
		:: arr[a] == LIMIT ->
			/* cache_flusharray: batch of one */
			lock(list_lock);
			if
			:: shared < SHLIM -> shared++
			:: else -> slabfree++
			fi;
			unlock(list_lock);
			arr[a]--
		:: else -> skip
		fi;
		arr[a]++; held--;
		leave(c)
	od;
	done++
}

/* do_tune_cpucache: swap every vCPU's array by IPI, then free the old ones. */
proctype tuner()
{
	byte c, old;
	c = 0;
	do
	:: c == NCPU -> break
	:: c < NCPU ->
		enter(c);
		old = cur[c];
		cur[c] = 2 * c + 1 - (old - 2 * c);
		leave(c);
		lock(list_lock);
		slabfree = slabfree + arr[old]; arr[old] = 0; retired[old] = 1;
		unlock(list_lock);
		c++
	od;
	done++
}

/* cache_reap on vCPU c, with its exclusion held for the pass. */
proctype reaper(byte c)
{
	byte a;
	enter(c);
	a = cur[c];
	assert(!retired[a]);
	lock(list_lock);
	slabfree = slabfree + arr[a]; arr[a] = 0;
	slabfree = slabfree + shared; shared = 0;
	unlock(list_lock);
	leave(c);
	done++
}

init {
	byte i, total;
	cur[0] = 0; cur[1] = 2;
	slabfree = 2;
	atomic {
#ifdef BIG
		run worker(0, 2); run worker(0, 1); run worker(1, 2);
#else
		run worker(0, 1); run worker(0, 1); run worker(1, 1);
#endif
		run tuner(); run reaper(1)
	}
	done == 5;
	total = shared + slabfree + held;
	for (i : 0 .. 2 * NCPU - 1) { total = total + arr[i] }
	assert(total == 2 + grown);
	assert(held == 0)
}
