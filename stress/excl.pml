/*
 * The biased per-vCPU exclusion of src/platform/threads_excl.c, with the
 * one hardware reordering it has to survive: the owner's store of
 * active = 1 (act here; "active" is a Promela keyword) may still sit in its store buffer when it loads guests
 * (store-to-load reordering, which x86's TSO and Arm both allow; the
 * acquire/release orderings rule out the rest).  The buffer is a FIFO
 * channel that drains to memory at any moment; membarrier() drains it
 * (a full barrier on every running thread of the process); the
 * lock-prefixed exchange of the guest lock drains the taker's own buffer.
 *
 * Processes: the vCPU's owner, a visiting guest (reaper or IPI: counts
 * itself in and out per section) and a bound guest (a second thread on
 * the vCPU: counts itself in once, at bind time, then takes the lock
 * alone).  Checked: at most one of them inside at a time, and no
 * deadlock (spin's invalid end states).  -DSTALE drops the membarrier:
 * spin must then find two inside at once (the check can fail).
 */
#ifdef BIG
#define ROUNDS	4
#else
#define ROUNDS	3
#endif

bit act;			/* active == EX_FAST, in memory */
byte guests;
bit guest_lock;
byte inside;
chan sb = [2] of { bit };	/* the owner's store buffer: its stores to act */

inline lock(l)   { atomic { l == 0 -> l = 1 } }
inline unlock(l) { l = 0 }
inline crit()    { inside++; assert(inside == 1); inside-- }

/* membarrier: every pending store of the owner reaches memory. */
inline membarrier()
{
#ifndef STALE
	atomic {
		do
		:: sb?[0] -> sb?_; act = 0
		:: sb?[1] -> sb?_; act = 1
		:: empty(sb) -> break
		od
	}
#else
	skip
#endif
}

/* Drains the owner's buffer in order, one store at a time, whenever. */
active proctype drain()
{
end:	do
	:: atomic { sb?[0] -> sb?_; act = 0 }
	:: atomic { sb?[1] -> sb?_; act = 1 }
	od
}

active proctype owner()
{
	byte r = ROUNDS;
	do
	:: r == 0 -> break
	:: r > 0 ->
		r--;
		sb!1;				/* act = 1, relaxed */
		if
		:: guests == 0 ->		/* acquire load: fast entry */
			crit();
			sb!0			/* act = 0, release */
		:: else ->
			sb!0;
			empty(sb);		/* the lock's exchange drains */
			lock(guest_lock);
			sb!0;			/* active = EX_LOCKED: not EX_FAST */
			crit();
			sb!0;			/* active = EX_OUT */
			empty(sb);		/* the unlock is a release */
			unlock(guest_lock)
		fi
	od
}

/* A reaper or an IPI: one section, counted in and out. */
active proctype visitor()
{
	byte r = ROUNDS;
	do
	:: r == 0 -> break
	:: r > 0 ->
		r--;
		lock(guest_lock);
		guests++;
		membarrier();
		act == 0;			/* wait for the owner to leave */
		crit();
		guests--;
		unlock(guest_lock)
	od
}

/* A second thread bound to the vCPU: counted in once, while bound. */
active proctype bound()
{
	byte r = ROUNDS;

	lock(guest_lock);
	guests++;
	membarrier();
	act == 0;
	unlock(guest_lock);
	do
	:: r == 0 -> break
	:: r > 0 ->
		r--;
		lock(guest_lock);
		crit();
		unlock(guest_lock)
	od;
	guests--
}
