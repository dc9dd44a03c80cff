/*
 * One place for the memory-tool client requests the threads platform
 * issues: valgrind memcheck (when <valgrind/memcheck.h> is available; the
 * requests cost a few instructions when not running under valgrind) and
 * ASan manual poisoning (only in -fsanitize=address builds).  Every macro
 * compiles to nothing when its tool is absent.
 *
 * Lock annotations for helgrind/DRD live here too: the platform's spinlocks
 * and the cache_chain mutex are built on C11 atomics, which those tools do
 * not understand, so each acquire/release is described to them as a
 * happens-before edge on the lock's address.
 *
 * -DSLABREF_NO_MEMTOOL turns every hook off: the benchmark build, which
 * measures the allocator as a kernel would run it, without client
 * requests on its fast paths.
 */
#ifndef SLABREF_MEMTOOL_H
#define SLABREF_MEMTOOL_H

#include <stddef.h>

#if defined(__has_include) && !defined(SLABREF_NO_MEMTOOL)
#if __has_include(<valgrind/memcheck.h>) && __has_include(<valgrind/helgrind.h>)
#define SLABREF_HAVE_VALGRIND 1
#endif
#endif

#ifdef SLABREF_HAVE_VALGRIND
#include <valgrind/memcheck.h>
#include <valgrind/helgrind.h>
#define MT_NOACCESS(p, n)	VALGRIND_MAKE_MEM_NOACCESS((p), (n))
#define MT_UNDEFINED(p, n)	VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define MT_DEFINED(p, n)	VALGRIND_MAKE_MEM_DEFINED((p), (n))
#define MT_ON_VALGRIND()	(RUNNING_ON_VALGRIND != 0)
/* Reports "Unaddressable byte(s) found during client check request". */
#define MT_CHECK_ACCESS(p, n)	((void)VALGRIND_CHECK_MEM_IS_ADDRESSABLE((p), (n)))
/* A word accessed only atomically (lock words, counters): not a race. */
#define MT_ATOMIC_WORD(p, n)	VALGRIND_HG_DISABLE_CHECKING((p), (n))
#define MT_ACQUIRED(p)		ANNOTATE_HAPPENS_AFTER(p)
#define MT_RELEASING(p)		ANNOTATE_HAPPENS_BEFORE(p)
#else
#define MT_NOACCESS(p, n)	((void)(p), (void)(n))
#define MT_UNDEFINED(p, n)	((void)(p), (void)(n))
#define MT_DEFINED(p, n)	((void)(p), (void)(n))
#define MT_ON_VALGRIND()	0
#define MT_CHECK_ACCESS(p, n)	((void)(p), (void)(n))
#define MT_ATOMIC_WORD(p, n)	((void)(p), (void)(n))
#define MT_ACQUIRED(p)		((void)(p))
#define MT_RELEASING(p)		((void)(p))
#endif

#if defined(SLABREF_NO_MEMTOOL)
/* no ASan poisoning either */
#elif defined(__SANITIZE_ADDRESS__)
#define SLABREF_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SLABREF_ASAN 1
#endif
#endif

#ifdef SLABREF_ASAN
#include <sanitizer/asan_interface.h>
#define MT_POISON(p, n)		ASAN_POISON_MEMORY_REGION((p), (n))
#define MT_UNPOISON(p, n)	ASAN_UNPOISON_MEMORY_REGION((p), (n))
#define MT_ON_ASAN()		1
#else
#define MT_POISON(p, n)		((void)(p), (void)(n))
#define MT_UNPOISON(p, n)	((void)(p), (void)(n))
#define MT_ON_ASAN()		0
#endif

#endif
