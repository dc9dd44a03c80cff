/*
 * The seam between the benchmark workloads (bench/workloads.c) and one
 * allocator.  Every benchmark binary links the workloads with exactly one
 * backend, so allocators never interpose on each other.
 *
 * The calls are real out-of-line functions in their own translation unit:
 * every allocator, the free-list floor included, pays one call per
 * operation, and callgrind can count instructions inside them alone
 * (--toggle-collect=be_*).
 */
#ifndef BENCH_BACKEND_H
#define BENCH_BACKEND_H

#include <stddef.h>

/* What a backend can run; a workload needing more prints "n/a". */
#define BE_FIXED	1u	/* be_class/be_alloc/be_free: one size per class */
#define BE_ANYSIZE	2u	/* be_alloc_size/be_free_any: kmalloc/malloc */
#define BE_THREADS	4u	/* may be called from several threads at once */
#define BE_PREFAULTED	8u	/* memory mapped up front: RSS growth is meaningless */

struct be_class;		/* opaque: objects of one size */

/* Name as it appears in the results table. */
extern const char be_name[];
unsigned int be_caps(void);
/* Once, before any thread is started; nthreads threads will use it. */
void be_init(int nthreads);
/* A line about what is really linked (version, platform), for the log. */
void be_describe(char *buf, size_t len);
/* On each thread before its first allocation: the CPU it is pinned to. */
void be_thread_enter(int cpu);
void be_thread_exit(void);

struct be_class *be_class(size_t size);
void *be_alloc(struct be_class *c);
void be_free(struct be_class *c, void *p);

void *be_alloc_size(size_t size);
void be_free_any(void *p);

#endif
