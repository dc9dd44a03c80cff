/*
 * Structural invariant checker for the allocator (fuzzers, stress tests).
 *
 * slab_check_all() walks every cache on cache_chain (node 0) and checks:
 * slab list membership against inuse, free_objects against the slabs,
 * well-formed bufctl free chains (BUFCTL_FREE for allocated objects in
 * DEBUG builds), 0 <= avail <= limit for every per-CPU and shared array,
 * that every array entry is an object boundary inside a slab of its cache,
 * not on a free chain and not held twice, and slabinfo-style accounting.
 * Returns 0 when everything holds; otherwise non-zero, with a description
 * of the first violations written (NUL-terminated) into report.
 * It does not allocate from the allocator and changes no state.
 */
#ifndef SLABREF_CHECK_H
#define SLABREF_CHECK_H

#include <stddef.h>

int slab_check_all(char *report, size_t len);

/*
 * The same checks for one cache only (its arrays, lists, slabs and
 * accounting), not the cache_chain links: for callers that know which
 * caches an operation may have changed.  Same return and report.
 */
struct kmem_cache;
int slab_check_cache(struct kmem_cache *c, char *report, size_t len);

#endif
