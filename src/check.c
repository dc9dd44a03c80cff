/*
 * The invariant checker (include/slabref/check.h).  Read-only: it takes no
 * locks and allocates only from the C library.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "slab.h"
#include "slabref/check.h"

#define MAX_WALK	(1UL << 22)	/* bound on list walks: a cycle is a violation */

/*
 * The checker is an oracle, not code under test: coverage-guided fuzzers
 * get no useful feedback from its loops and comparisons, only slowness.
 */
/*
 * Nor does AddressSanitizer: what the checker reads is the allocator's
 * state, which lives in the model's page arena (slabs, descriptors,
 * arrays, caches), where ASan has no shadow; its own buffers are bounded
 * by the counts it checks first.
 */
#if defined(__clang__) && __clang_major__ >= 13
#pragma clang attribute push(__attribute__((no_sanitize("coverage", "address"))), apply_to = function)
#define CHECK_NOCOV_PUSHED 1
#endif

struct ck {
	char *report;
	size_t len, used;
	int errors;
};

static void ck_fail(struct ck *k, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void ck_fail(struct ck *k, const char *fmt, ...)
{
	va_list ap;
	int n;

	k->errors++;
	if (!k->report || k->len == 0 || k->used + 1 >= k->len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(k->report + k->used, k->len - k->used, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	k->used += (size_t)n;
	if (k->used >= k->len)
		k->used = k->len - 1;
	else if (k->used + 1 < k->len) {
		k->report[k->used++] = '\n';
		k->report[k->used] = '\0';
	}
}

struct entry {
	uintptr_t p;
	int where;		/* CPU number, or -1 for the shared array */
	int matched;
};

/* The array entries of one cache: on the stack unless there are many. */
#define STACK_ENTS	128
#define STACK_FREEMAP	256

struct ents {
	struct entry *e;
	size_t n, cap;
	struct entry stack[STACK_ENTS];
};

static int add_array(struct ck *k, struct kmem_cache *c, struct array_cache *ac,
		     int where, struct ents *es)
{
	unsigned int i;

	if (ac->avail > ac->limit) {
		ck_fail(k, "cache %s: %s array %d avail %u > limit %u", c->name,
			where < 0 ? "shared" : "cpu", where, ac->avail, ac->limit);
		return -1;
	}
	if (es->n + ac->avail > es->cap) {
		size_t nc = es->cap * 2 > es->n + ac->avail ? es->cap * 2 : es->n + ac->avail;
		struct entry *ne = es->e == es->stack ? malloc(nc * sizeof(*ne)) :
			realloc(es->e, nc * sizeof(*ne));

		if (!ne) {
			ck_fail(k, "checker: out of memory");
			return -1;
		}
		if (es->e == es->stack)
			memcpy(ne, es->stack, es->n * sizeof(*ne));
		es->e = ne;
		es->cap = nc;
	}
	for (i = 0; i < ac->avail; i++) {
		es->e[es->n].p = (uintptr_t)ac->entry[i];
		es->e[es->n].where = where;
		es->e[es->n].matched = 0;
		es->n++;
	}
	return 0;
}

/* Shell sort by address: no comparison callbacks, no copies through memcpy. */
static void sort_entries(struct entry *e, size_t n)
{
	static const size_t gaps[] = { 1750, 701, 301, 132, 57, 23, 10, 4, 1 };
	size_t g, i, j;

	for (g = 0; g < sizeof(gaps) / sizeof(gaps[0]); g++) {
		size_t h = gaps[g];

		for (i = h; i < n; i++) {
			struct entry x = e[i];

			for (j = i; j >= h && e[j - h].p > x.p; j -= h)
				e[j] = e[j - h];
			e[j] = x;
		}
	}
}

static const char *where_name(int where, char *buf, size_t len)
{
	if (where < 0)
		return "shared array";
	snprintf(buf, len, "cpu%d array", where);
	return buf;
}

/* The three slab lists, and the one a slab must be on given inuse. */
enum { L_FULL, L_PARTIAL, L_FREE };
static const char *const list_names[] = { "full", "partial", "free" };

static int list_for(struct kmem_cache *c, struct slab *s)
{
	if (s->inuse == c->num)
		return L_FULL;
	if (s->inuse == 0)
		return L_FREE;
	return L_PARTIAL;
}

/*
 * Clears a freemap, a few bytes per slab: a memset call (under ASan an
 * interceptor that checks the range's shadow first) cost more than the
 * clearing; no_builtin keeps clang from turning the loop back into one.
 */
#if defined(__clang__) && __clang_major__ >= 13
__attribute__((no_builtin("memset")))
#endif
static void clear_map(unsigned char *map, size_t n)
{
	const uint64_t zero = 0;
	size_t i = 0;

	for (; i + 8 <= n; i += 8)
		__builtin_memcpy(map + i, &zero, 8);
	for (; i < n; i++)
		map[i] = 0;
}

static void check_slab(struct ck *k, struct kmem_cache *c, struct slab *s,
		       int which, unsigned char *freemap,
		       struct entry *ents, size_t nents, unsigned long *nfree)
{
	kmem_bufctl_t *bufctl;
	kmem_bufctl_t i;
	unsigned int steps = 0, idx;
	size_t lo, hi;
	uintptr_t start, end;
	struct page *pg;
	char wb[32];

	if (s->inuse > c->num) {
		ck_fail(k, "cache %s: slab %p inuse %u > num %u", c->name,
			(void *)s, s->inuse, c->num);
		return;
	}
	if (which != list_for(c, s))
		ck_fail(k, "cache %s: slab %p with inuse %u/%u is on slabs_%s",
			c->name, (void *)s, s->inuse, c->num, list_names[which]);
	if (s->nodeid != 0)
		ck_fail(k, "cache %s: slab %p nodeid %u", c->name, (void *)s,
			s->nodeid);
	/* The objects lie in pages that belong to this slab of this cache. */
	start = (uintptr_t)s->s_mem;
	end = start + (uintptr_t)c->num * c->buffer_size;
	pg = virt_to_page(s->s_mem);
	if (!pg || !(pg->flags & PG_slab) || pg->slab_cache != c || pg->slab_page != s) {
		ck_fail(k, "cache %s: slab %p s_mem %p is not in a page of this slab",
			c->name, (void *)s, s->s_mem);
		return;
	}
	pg = virt_to_page((void *)(end - 1));
	if (!pg || !(pg->flags & PG_slab) || pg->slab_cache != c || pg->slab_page != s) {
		ck_fail(k, "cache %s: slab %p objects end %p outside its pages",
			c->name, (void *)s, (void *)end);
		return;
	}
	if (OFF_SLAB(c)) {
		pg = virt_to_page(s);
		if (pg && pg->slab_page == s)
			ck_fail(k, "cache %s: off-slab descriptor %p inside its own slab",
				c->name, (void *)s);
	}

	/* The free chain: num - inuse distinct indices below num, then BUFCTL_END. */
	clear_map(freemap, (c->num + 7) / 8);
	bufctl = slab_bufctl(s);
	for (i = s->free; i != BUFCTL_END; i = bufctl[i]) {
		if (i >= c->num) {
			ck_fail(k, "cache %s: slab %p free chain holds %u >= num %u "
				"after %u steps", c->name, (void *)s, i, c->num, steps);
			return;
		}
		if (freemap[i / 8] & (1u << (i % 8))) {
			ck_fail(k, "cache %s: slab %p free chain visits %u twice",
				c->name, (void *)s, i);
			return;
		}
		freemap[i / 8] |= (unsigned char)(1u << (i % 8));
		steps++;
	}
	if (steps != c->num - s->inuse)
		ck_fail(k, "cache %s: slab %p free chain has %u entries, "
			"num - inuse = %u", c->name, (void *)s, steps,
			c->num - s->inuse);
	*nfree += c->num - s->inuse;
#if DEBUG
	for (idx = 0; idx < c->num; idx++)
		if (!(freemap[idx / 8] & (1u << (idx % 8))) && bufctl[idx] != BUFCTL_FREE)
			ck_fail(k, "cache %s: slab %p allocated object %u has "
				"bufctl %u, not BUFCTL_FREE", c->name, (void *)s,
				idx, bufctl[idx]);
#endif

	/* Array entries inside this slab: on a boundary and not free. */
	lo = 0;
	hi = nents;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ents[mid].p < start)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < nents && ents[lo].p < end; lo++) {
		uintptr_t off = ents[lo].p - start;

		ents[lo].matched = 1;
		if (off % c->buffer_size) {
			ck_fail(k, "cache %s: %s entry %p is not at an object "
				"boundary of slab %p", c->name,
				where_name(ents[lo].where, wb, sizeof(wb)),
				(void *)ents[lo].p, (void *)s);
			continue;
		}
		idx = (unsigned int)(off / c->buffer_size);
		if (freemap[idx / 8] & (1u << (idx % 8)))
			ck_fail(k, "cache %s: %s entry %p (slab %p obj %u) is also "
				"on the slab's free chain", c->name,
				where_name(ents[lo].where, wb, sizeof(wb)),
				(void *)ents[lo].p, (void *)s, idx);
	}
}

static int walk_list(struct ck *k, struct kmem_cache *c, struct list_head *head,
		     int which, unsigned char *freemap, struct entry *ents,
		     size_t nents, unsigned long *nfree, unsigned long *nslabs,
		     unsigned long *active)
{
	struct list_head *p, *prev = head;
	unsigned long steps = 0;
	const char *list = list_names[which];

	for (p = head->next; p != head; prev = p, p = p->next) {
		struct slab *s;

		if (!p || p->prev != prev) {
			ck_fail(k, "cache %s: slabs_%s list broken after %lu slabs",
				c->name, list, steps);
			return -1;
		}
		if (++steps > MAX_WALK) {
			ck_fail(k, "cache %s: slabs_%s list does not end", c->name, list);
			return -1;
		}
		s = list_slab(p);
		if (!virt_addr_valid(s->s_mem)) {
			ck_fail(k, "cache %s: slab %p on slabs_%s has s_mem %p outside "
				"the page arena", c->name, (void *)s, list, s->s_mem);
			return -1;
		}
		check_slab(k, c, s, which, freemap, ents, nents, nfree);
		(*nslabs)++;
		*active += s->inuse <= c->num ? s->inuse : c->num;
	}
	if (head->prev != prev)
		ck_fail(k, "cache %s: slabs_%s head->prev is not the last slab",
			c->name, list);
	return 0;
}

static void check_cache(struct ck *k, struct kmem_cache *c, int nr_possible)
{
	struct kmem_list3 *l3 = c->nodelists[0];
	struct ents es;
	struct entry *ents;
	size_t nents, i;
	unsigned long nfree = 0, nslabs = 0, active = 0;
	unsigned char fm_stack[STACK_FREEMAP], *freemap = fm_stack;
	int cpu;
	char wb[32];

	if (!l3) {
		ck_fail(k, "cache %s: no kmem_list3 for node 0", c->name);
		return;
	}
	if (c->num == 0) {
		ck_fail(k, "cache %s: num is 0", c->name);
		return;
	}
	es.e = es.stack;
	es.n = 0;
	es.cap = STACK_ENTS;
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		if (!c->array[cpu]) {
			if (cpu < nr_possible && cpu_online(cpu))
				ck_fail(k, "cache %s: online cpu%d has no array",
					c->name, cpu);
			continue;
		}
		if (add_array(k, c, c->array[cpu], cpu, &es))
			goto out;
	}
	if (l3->shared && add_array(k, c, l3->shared, -1, &es))
		goto out;
	if (l3->alien)
		ck_fail(k, "cache %s: alien caches on a one-node machine", c->name);
	ents = es.e;
	nents = es.n;
	sort_entries(ents, nents);
	for (i = 1; i < nents; i++)
		if (ents[i].p == ents[i - 1].p)
			ck_fail(k, "cache %s: object %p held twice in the arrays "
				"(%s and %d)", c->name, (void *)ents[i].p,
				where_name(ents[i].where, wb, sizeof(wb)),
				ents[i - 1].where);

	if (c->num / 8 + 1 > sizeof(fm_stack)) {
		freemap = malloc(c->num / 8 + 1);
		if (!freemap) {
			ck_fail(k, "checker: out of memory");
			goto out;
		}
	}
	if (!walk_list(k, c, &l3->slabs_full, L_FULL, freemap, ents, nents,
		       &nfree, &nslabs, &active) &&
	    !walk_list(k, c, &l3->slabs_partial, L_PARTIAL, freemap, ents, nents,
		       &nfree, &nslabs, &active) &&
	    !walk_list(k, c, &l3->slabs_free, L_FREE, freemap, ents, nents,
		       &nfree, &nslabs, &active)) {
		if (nfree != l3->free_objects)
			ck_fail(k, "cache %s: free_objects %lu, but the slabs hold "
				"%lu free objects", c->name, l3->free_objects, nfree);
		/* slabinfo: num_objs - active_objs == free_objects. */
		if (nslabs * c->num - active != l3->free_objects)
			ck_fail(k, "cache %s: slabinfo accounting: %lu slabs * %u - "
				"%lu active != free_objects %lu", c->name, nslabs,
				c->num, active, l3->free_objects);
		if (nents > nslabs * c->num - nfree)
			ck_fail(k, "cache %s: arrays hold %zu objects, only %lu "
				"allocated", c->name, nents, nslabs * c->num - nfree);
		for (i = 0; i < nents; i++)
			if (!ents[i].matched)
				ck_fail(k, "cache %s: %s entry %p is not in any slab of "
					"the cache", c->name,
					where_name(ents[i].where, wb, sizeof(wb)),
					(void *)ents[i].p);
	}
	if (freemap != fm_stack)
		free(freemap);
out:
	if (es.e != es.stack)
		free(es.e);
}

int slab_check_all(char *report, size_t len)
{
	struct ck k = { report, len, 0, 0 };
	struct list_head *p, *prev = &cache_chain;
	unsigned long steps = 0;
	int nr_possible = num_possible_cpus();

	if (report && len)
		report[0] = '\0';
	for (p = cache_chain.next; p != &cache_chain; prev = p, p = p->next) {
		if (!p || p->prev != prev) {
			ck_fail(&k, "cache_chain broken after %lu caches", steps);
			break;
		}
		if (++steps > MAX_WALK) {
			ck_fail(&k, "cache_chain does not end");
			break;
		}
		check_cache(&k, list_cache(p), nr_possible);
	}
	return k.errors;
}

int slab_check_cache(struct kmem_cache *c, char *report, size_t len)
{
	struct ck k = { report, len, 0, 0 };

	if (report && len)
		report[0] = '\0';
	check_cache(&k, c, num_possible_cpus());
	return k.errors;
}

#ifdef CHECK_NOCOV_PUSHED
#pragma clang attribute pop
#endif
