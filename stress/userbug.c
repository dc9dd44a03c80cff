/*
 * A user's slab bug, made on purpose, for checking that memcheck and ASan
 * report it through the threads platform's hooks.  usage: userbug MODE
 * with MODE one of ok (no bug: must stay silent), uaf, double, overflow.
 */
#include <stdio.h>
#include <string.h>
#include "slabref/threads.h"

int main(int argc, char **argv)
{
	struct kmem_cache *c;
	volatile char *p;
	const char *mode = argc > 1 ? argv[1] : "ok";

	if (threads_init(1))
		return 1;
	threads_boot();
	c = kmem_cache_create("userbug", 64, 0, 0, NULL);
	/* The first object of a fresh slab: its neighbour is free. */
	p = kmem_cache_alloc(c, GFP_KERNEL);
	p[0] = 1;
	p[63] = 1;
	if (!strcmp(mode, "overflow"))
		p[64] = 1;
	kmem_cache_free(c, (void *)p);
	if (!strcmp(mode, "uaf"))
		p[8] = 1;
	if (!strcmp(mode, "double"))
		kmem_cache_free(c, (void *)p);
	else
		kmem_cache_destroy(c);
	printf("userbug %s: done\n", mode);
	return 0;
}
