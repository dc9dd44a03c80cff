/*
 * The floor: an intrusive LIFO free list over an arena that is mapped and
 * touched before timing starts.  No size classes, no locking, no
 * metadata: the least work any allocator can do for a fixed-size object
 * (load the head, load its next pointer, store the head; push is two
 * stores).  It is single-threaded by design, so workloads needing threads
 * or mixed sizes report n/a for it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "backend.h"

const char be_name[] = "freelist";

/* Room for the one-million-object workload (64 bytes each), with slack. */
#define ARENA_BYTES	(128UL << 20)
#define NCLASSES	8

struct be_class {
	void *head;		/* first free object; each free object's first word links the next */
	char *bump;		/* objects never handed out start here */
	char *end;
	size_t size;
};

static struct be_class classes[NCLASSES];
static int nclasses;

/* Prefaulted: its RSS growth says nothing about bytes held. */
unsigned int be_caps(void) { return BE_FIXED | BE_PREFAULTED; }
void be_init(int nthreads) { (void)nthreads; }
void be_thread_enter(int cpu) { (void)cpu; }
void be_thread_exit(void) { }

void be_describe(char *buf, size_t len)
{
	snprintf(buf, len, "intrusive LIFO free list, prefaulted %lu MiB arena per size",
		 ARENA_BYTES >> 20);
}

struct be_class *be_class(size_t size)
{
	struct be_class *c;
	char *a;
	int i;

	for (i = 0; i < nclasses; i++)
		if (classes[i].size == size)
			return &classes[i];
	if (nclasses == NCLASSES)
		abort();
	/* Prefaulted: an ideal allocator never waits for the kernel. */
	a = mmap(NULL, ARENA_BYTES, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (a == MAP_FAILED)
		abort();
	c = &classes[nclasses++];
	c->head = NULL;
	c->bump = a;
	c->end = a + ARENA_BYTES;
	c->size = size < sizeof(void *) ? sizeof(void *) : size;
	return c;
}

void *be_alloc(struct be_class *c)
{
	void *p = c->head;

	if (p) {
		c->head = *(void **)p;
		return p;
	}
	if (c->bump + c->size > c->end)
		return NULL;
	p = c->bump;
	c->bump += c->size;
	return p;
}

void be_free(struct be_class *c, void *p)
{
	*(void **)p = c->head;
	c->head = p;
}

void *be_alloc_size(size_t size) { (void)size; abort(); }
void be_free_any(void *p) { (void)p; abort(); }
