/*
 * The DEBUG library embedded in a C program: a user's own bugs (a
 * constructor writing past the object, a double free, a write after free)
 * reach the program's printk callback with the kernel's diagnostics.
 */
#include <string.h>
#include "slabref/model.h"
#include "slab.h"
#include "check.h"

int checks_passed, checks_failed;

static char lines[64][200];
static int nlines;

static void on_printk(void *ctx, const char *line)
{
	(void)ctx;
	if (nlines < 64)
		snprintf(lines[nlines++], sizeof(lines[0]), "%s", line);
}

static int saw(const char *text)
{
	int i;

	for (i = 0; i < nlines; i++)
		if (strstr(lines[i], text))
			return 1;
	return 0;
}

static void ctor_past_end(void *obj)
{
	memset(obj, 0x11, 64 + 1);	/* one byte into red zone 2 */
}

static void ctor_before_start(void *obj)
{
	((char *)obj)[-1] = 0x22;
}

static void boot(void)
{
	static const struct model_callbacks cb = { .printk_line = on_printk };

	model_reset(1, &cb);
	model_boot();
	nlines = 0;
}

int main(void)
{
	struct kmem_cache *c;
	char *p;

	/* DESTROY_BY_RCU keeps POISON off, so the constructor runs at grow time. */
	boot();
	c = kmem_cache_create("ctorbad", 64, 0, SLAB_DESTROY_BY_RCU, ctor_past_end);
	CHECK(c != NULL);
	CHECK(kmem_cache_alloc(c, GFP_KERNEL) != NULL);
	CHECK(saw("slab error in cache_init_objs(): cache `ctorbad': "
		  "constructor overwrote the end of an object"));
	CHECK(!saw("start of an object"));

	boot();
	c = kmem_cache_create("ctorbad2", 64, 0, SLAB_DESTROY_BY_RCU, ctor_before_start);
	CHECK(kmem_cache_alloc(c, GFP_KERNEL) != NULL);
	CHECK(saw("constructor overwrote the start of an object"));

	boot();
	c = kmem_cache_create("user", 48, 0, 0, NULL);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	CHECK_EQ(ksize(p), 48);			/* obj_size, not the debug buffer */
	CHECK_EQ((unsigned char)p[0], 0x5a);	/* POISON_INUSE */
	kmem_cache_free(c, p);
	CHECK_EQ((unsigned char)p[0], 0x6b);	/* POISON_FREE */
	CHECK_EQ((unsigned char)p[47], 0xa5);	/* POISON_END */
	CHECK_EQ(nlines, 0);
	kmem_cache_free(c, p);
	CHECK(saw("slab error in verify_redzone_free(): cache `user': double free detected"));

	boot();
	c = kmem_cache_create("uaf", 48, 0, 0, NULL);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c, p);
	p[5] = 0;
	p = kmem_cache_alloc(c, GFP_KERNEL);
	CHECK(saw("Slab corruption: uaf start="));
	CHECK(saw("000: 6b 6b 6b 6b 6b 00 6b"));
	return CHECK_REPORT("debug embedding tests");
}
