/*
 * Quiescent-point checks: the shared invariant checker (src/check.c,
 * another workstream) when the build has it, and always a small local walk
 * of slab-list accounting so the stress model checks something even
 * without it.  Call only with every other thread stopped.
 */
#include <stdio.h>
#include <stdlib.h>
#include "slab.h"
#include "stress_check.h"
#ifdef SLABREF_HAVE_CHECK
#include "slabref/check.h"
#endif

static int walk(struct kmem_cache *c, struct list_head *head, const char *which,
		unsigned long *free_objs)
{
	struct list_head *p;

	for (p = head->next; p != head; p = p->next) {
		struct slab *s = list_slab(p);
		int ok = (which[0] == 'f' && which[1] == 'u') ? s->inuse == c->num :
			 which[0] == 'p' ? s->inuse > 0 && s->inuse < c->num :
			 s->inuse == 0;

		if (!ok) {
			fprintf(stderr, "stress: cache %s: slab on %s list with inuse %u of %u\n",
				c->name, which, s->inuse, c->num);
			return 1;
		}
		*free_objs += c->num - s->inuse;
	}
	return 0;
}

static int local_check(void)
{
	struct list_head *p;
	int bad = 0, cpu;

	for (p = cache_chain.next; p != &cache_chain; p = p->next) {
		struct kmem_cache *c = list_cache(p);
		struct kmem_list3 *l3 = c->nodelists[0];
		unsigned long free_objs = 0;

		bad |= walk(c, &l3->slabs_full, "full", &free_objs);
		bad |= walk(c, &l3->slabs_partial, "partial", &free_objs);
		bad |= walk(c, &l3->slabs_free, "free", &free_objs);
		if (free_objs != l3->free_objects) {
			fprintf(stderr, "stress: cache %s: free_objects %lu, slabs hold %lu\n",
				c->name, l3->free_objects, free_objs);
			bad = 1;
		}
		for (cpu = 0; cpu < num_possible_cpus(); cpu++) {
			struct array_cache *ac = c->array[cpu];

			if (ac && ac->avail > ac->limit) {
				fprintf(stderr, "stress: cache %s: cpu %d avail %u > limit %u\n",
					c->name, cpu, ac->avail, ac->limit);
				bad = 1;
			}
		}
	}
	return bad;
}

void stress_check(const char *when)
{
	int bad = local_check();
#ifdef SLABREF_HAVE_CHECK
	static char report[4096];

	if (slab_check_all(report, sizeof(report))) {
		fprintf(stderr, "stress: slab_check_all: %s", report);
		bad = 1;
	}
#endif
	if (bad) {
		fprintf(stderr, "stress: FAIL: invariants broken (%s)\n", when);
		exit(1);
	}
}
