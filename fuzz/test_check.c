/*
 * Tests of slab_check_all: a clean state passes, and each seeded
 * corruption is reported (so the checker can fail).  Built for the
 * non-DEBUG and the DEBUG library.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "slab.h"
#include "slabref/model.h"
#include "slabref/check.h"

static int failures;
static char report[4096];

static void expect(int want_bad, const char *what)
{
	int r = slab_check_all(report, sizeof(report));

	if (!!r != want_bad) {
		printf("FAIL %s: slab_check_all returned %d\n%s", what, r, report);
		failures++;
	} else {
		printf("ok   %s%s%.*s", what, r ? ": " : "\n", r ? (int)strcspn(report, "\n") + 1 : 0,
		       report);
	}
}

static struct slab *first_slab(struct kmem_list3 *l3)
{
	if (!list_empty(&l3->slabs_partial))
		return list_slab(l3->slabs_partial.next);
	if (!list_empty(&l3->slabs_full))
		return list_slab(l3->slabs_full.next);
	return list_slab(l3->slabs_free.next);
}

int main(void)
{
	struct kmem_cache *c;
	struct kmem_list3 *l3;
	struct array_cache *ac;
	struct slab *s;
	void *objs[8], *saved;
	kmem_bufctl_t b;
	unsigned int avail;
	int i;

	model_reset(2, NULL);
	model_boot();
	expect(0, "after boot");
	c = kmem_cache_create("chk", 100, 0, 0, NULL);
	for (i = 0; i < 8; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c, objs[7]);
	kmem_cache_free(c, objs[6]);
	expect(0, "clean state with objects allocated and cached");
	l3 = c->nodelists[0];
	ac = c->array[0];
	s = first_slab(l3);

	l3->free_objects++;
	expect(1, "free_objects off by one");
	l3->free_objects--;

	avail = ac->avail;
	ac->avail = ac->limit + 1;
	expect(1, "avail above limit");
	ac->avail = avail;

	ac->entry[ac->avail++] = ac->entry[0];
	expect(1, "object twice in an array");
	ac->avail--;

	saved = ac->entry[0];
	ac->entry[0] = (char *)saved + 1;
	expect(1, "array entry off an object boundary");
	ac->entry[0] = saved;

	ac->entry[0] = index_to_obj(c, s, s->free);
	expect(1, "array entry on the free chain");
	ac->entry[0] = saved;

	/* Allocated, so not provably wrong (arrays hold buffer starts). */
	ac->entry[0] = (char *)objs[0] - obj_offset(c);
	expect(0, "array entry is an allocated object (allowed)");
	ac->entry[0] = saved;

	ac->entry[0] = malloc_sizes[0].cs_cachep->array[0]->avail ?
		malloc_sizes[0].cs_cachep->array[0]->entry[0] : (void *)c;
	expect(1, "array entry from another cache");
	ac->entry[0] = saved;

	b = slab_bufctl(s)[s->free];
	slab_bufctl(s)[s->free] = s->free;
	expect(1, "bufctl chain with a cycle");
	slab_bufctl(s)[s->free] = b;

	slab_bufctl(s)[s->free] = c->num + 5;
	expect(1, "bufctl index out of range");
	slab_bufctl(s)[s->free] = b;

	s->inuse++;
	expect(1, "inuse does not match the free chain");
	s->inuse--;

	list_del(&s->list);
	list_add(&s->list, &l3->slabs_free);
	expect(1, "partial slab on slabs_free");
	list_del(&s->list);
	list_add(&s->list, &l3->slabs_partial);

#if DEBUG
	b = slab_bufctl(s)[0];
	slab_bufctl(s)[0] = 3;
	expect(1, "allocated object without BUFCTL_FREE");
	slab_bufctl(s)[0] = b;
#endif
	expect(0, "every corruption undone");

	/* slab_check_cache: the same verdicts for one cache. */
	l3->free_objects++;
	if (!slab_check_cache(c, report, sizeof(report)) ||
	    slab_check_cache(malloc_sizes[0].cs_cachep, report, sizeof(report))) {
		printf("FAIL slab_check_cache: wrong cache blamed\n");
		failures++;
	} else {
		printf("ok   slab_check_cache blames only the damaged cache\n");
	}
	l3->free_objects--;
	for (i = 0; i < 6; i++)
		kmem_cache_free(c, objs[i]);
	kmem_cache_destroy(c);
	expect(0, "after destroy");

	/* Snapshots: a restored state is the saved one, again and again. */
	{
		struct model_snapshot *snap = model_snapshot_save();
		unsigned long pages = model_pages_in_use();
		struct kmem_cache *d;
		void *p;

		for (i = 0; i < 2; i++) {
			d = kmem_cache_create("snap", 3000, 0, 0, NULL);
			p = kmem_cache_alloc(d, GFP_KERNEL);
			model_snapshot_restore(snap);
			if (kmem_cache_lookup("snap") || model_pages_in_use() != pages) {
				printf("FAIL snapshot restore %d: cache %p, %lu pages, "
				       "want %lu\n", i, (void *)kmem_cache_lookup("snap"),
				       model_pages_in_use(), pages);
				failures++;
			}
			expect(0, "restored snapshot");
			(void)p;
		}
		p = kmalloc(100, GFP_KERNEL);
		if (!p || ksize(p) != 128) {
			printf("FAIL kmalloc after restore\n");
			failures++;
		}
		kfree(p);
		expect(0, "allocating after a restore");
		model_snapshot_free(snap);
		model_snapshot_free(NULL);
	}
	if (failures) {
		printf("test_check: %d failures\n", failures);
		return 1;
	}
	printf("test_check: all passed\n");
	return 0;
}
