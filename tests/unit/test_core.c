/*
 * One test per core function: each checks the kernel's exact effect
 * (which object comes back, which list a slab lands on, head or tail,
 * counts, touched flags) on the model platform.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "slabref/model.h"
#include "slab.h"
#include "check.h"

int checks_passed, checks_failed;

static jmp_buf bug_jmp;
static char last_bug[64];
static char last_printk[256];

static void on_bug(void *ctx, const char *fn) __attribute__((noreturn));
static void on_bug(void *ctx, const char *fn)
{
	(void)ctx;
	snprintf(last_bug, sizeof(last_bug), "%s", fn);
	longjmp(bug_jmp, 1);
}

static void on_panic(void *ctx, const char *text) __attribute__((noreturn));
static void on_panic(void *ctx, const char *text)
{
	(void)ctx;
	snprintf(last_bug, sizeof(last_bug), "panic: %.50s", text);
	longjmp(bug_jmp, 1);
}

static void on_printk(void *ctx, const char *line)
{
	(void)ctx;
	snprintf(last_printk, sizeof(last_printk), "%s", line);
}

static void boot(int cpus)
{
	static const struct model_callbacks cb = {
		.printk_line = on_printk, .bug = on_bug, .panic = on_panic,
	};

	model_reset(cpus, &cb);
	model_boot();
	model_set_cpu(0);
	last_bug[0] = last_printk[0] = '\0';
}

static struct slab *first(struct list_head *head)
{
	return list_empty(head) ? NULL : list_slab(head->next);
}

static struct slab *last(struct list_head *head)
{
	return list_empty(head) ? NULL : list_slab(head->prev);
}

static unsigned list_len(struct list_head *head)
{
	unsigned n = 0;
	struct list_head *p;

	for (p = head->next; p != head; p = p->next)
		n++;
	return n;
}

static void test_reciprocal(void)
{
	uint32_t k, i;

	for (k = 8; k <= 4194304; k = k * 3 / 2 + 8) {
		uint32_t r = reciprocal_value(k);

		for (i = 0; (uint64_t)i * k < (1ULL << 32) && i < 4096; i++)
			if (reciprocal_divide(i * k, r) != i)
				break;
		CHECK((uint64_t)i * k >= (1ULL << 32) || i == 4096);
	}
}

static void test_cache_estimate(void)
{
	size_t left;
	unsigned int num;

	cache_estimate(0, 64, 64, 0, &left, &num);
	CHECK_EQ(num, 59);
	CHECK_EQ(left, 0);
	cache_estimate(0, 48, 8, 0, &left, &num);
	CHECK_EQ(num, 77);
	CHECK_EQ(left, 4096 - 77 * 48 - 360);
	cache_estimate(1, 3000, 8, 0, &left, &num);
	CHECK_EQ(num, 2);
	cache_estimate(0, 512, 64, CFLGS_OFF_SLAB, &left, &num);
	CHECK_EQ(num, 8);
	CHECK_EQ(left, 0);
	cache_estimate(0, 8192, 64, CFLGS_OFF_SLAB, &left, &num);
	CHECK_EQ(num, 0);
}

static void test_calculate_slab_order(void)
{
	struct kmem_cache c;
	size_t left;

	boot(1);			/* sets slab_break_gfp_order to 1 */
	memset(&c, 0, sizeof(c));
	left = calculate_slab_order(&c, 3000, 8, CFLGS_OFF_SLAB);
	CHECK_EQ(c.gfporder, 1);	/* order 0 wastes 1096 > 4096/8 */
	CHECK_EQ(c.num, 2);
	CHECK_EQ(left, 2192);
	left = calculate_slab_order(&c, 1128, 8, CFLGS_OFF_SLAB | SLAB_RECLAIM_ACCOUNT);
	CHECK_EQ(c.gfporder, 0);	/* RECLAIM_ACCOUNT stops at the first fit */
	CHECK_EQ(c.num, 3);
	CHECK_EQ(left, 712);
	calculate_slab_order(&c, 65536, 64, CFLGS_OFF_SLAB);
	CHECK_EQ(c.gfporder, 4);
	CHECK_EQ(c.num, 1);
}

static void test_slab_get_put_obj(void)
{
	struct kmem_cache *c;
	struct slab *s;
	void *a, *b;

	boot(1);
	c = kmem_cache_create("getput", 64, 0, 0, NULL);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	s = virt_to_slab(a);
	/* The refill took 16 objects 0..15 from the chain; 16 is next. */
	CHECK_EQ(s->free, 16);
	CHECK_EQ(s->inuse, 16);
	b = slab_get_obj(c, s, 0);
	CHECK(b == index_to_obj(c, s, 16));
	CHECK_EQ(s->free, 17);
	CHECK_EQ(s->inuse, 17);
	slab_put_obj(c, s, b, 0);
	CHECK_EQ(s->free, 16);
	CHECK_EQ(slab_bufctl(s)[16], 17);
	CHECK_EQ(s->inuse, 16);
	/* put pushes at the head: LIFO within a slab */
	slab_put_obj(c, s, index_to_obj(c, s, 3), 0);
	CHECK_EQ(s->free, 3);
	CHECK_EQ(slab_bufctl(s)[3], 16);
}

static void test_cache_init_objs_chain(void)
{
	struct kmem_cache *c;
	struct slab *s;
	unsigned int i;
	kmem_bufctl_t k;

	boot(1);
	c = kmem_cache_create("chain", 200, 0, 0, NULL);
	CHECK(cache_grow(c, GFP_KERNEL, 0, NULL));
	s = first(&c->nodelists[0]->slabs_free);
	CHECK(s != NULL);
	CHECK_EQ(s->inuse, 0);
	for (i = 0, k = s->free; k != BUFCTL_END; k = slab_bufctl(s)[k], i++)
		CHECK_EQ(k, i);
	CHECK_EQ(i, c->num);
}

static void test_transfer_objects(void)
{
	char buf1[24 + 8 * 8], buf2[24 + 8 * 8];
	struct array_cache *to = (void *)buf1, *from = (void *)buf2;
	int i;

	memset(buf1, 0, sizeof(buf1));
	memset(buf2, 0, sizeof(buf2));
	from->limit = 8;
	to->limit = 5;
	from->avail = 6;
	for (i = 0; i < 6; i++)
		from->entry[i] = (void *)(uintptr_t)(0x100 + i);
	to->avail = 2;
	CHECK_EQ(transfer_objects(to, from, 4), 3);	/* room for 3 */
	CHECK_EQ(from->avail, 3);
	CHECK_EQ(to->avail, 5);
	/* taken from the top of 'from', order kept */
	CHECK(to->entry[2] == (void *)0x103 && to->entry[4] == (void *)0x105);
	CHECK_EQ(to->touched, 1);	/* the 2.6.32 behaviour */
	CHECK_EQ(transfer_objects(to, from, 4), 0);
}

static void test_refill_batch_and_touched(void)
{
	struct kmem_cache *c;
	struct array_cache *ac;
	void *p;

	boot(2);
	c = kmem_cache_create("refill", 128, 0, SLAB_HWCACHE_ALIGN, NULL);
	ac = c->array[0];
	CHECK_EQ(ac->touched, 0);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	CHECK(p != NULL);
	CHECK_EQ(ac->avail, 15);	/* BATCHREFILL_LIMIT 16, one handed out */
	CHECK_EQ(ac->touched, 1);
	CHECK_EQ(obj_to_index(c, virt_to_slab(p), p), 15);	/* LIFO: the last pushed */
	CHECK_EQ(c->nodelists[0]->free_objects, 14);
	CHECK_EQ(c->nodelists[0]->free_touched, 1);
	CHECK(first(&c->nodelists[0]->slabs_partial) == virt_to_slab(p));
}

static void test_free_block_lists(void)
{
	struct kmem_cache *c;
	struct kmem_list3 *l3;
	void *o[6];
	int i;

	boot(1);
	c = kmem_cache_create("lists", 3000, 0, 0, NULL);
	CHECK_EQ(slabinfo_write("lists 1 1 0", 11), 11);
	for (i = 0; i < 6; i++)
		o[i] = kmem_cache_alloc(c, GFP_KERNEL);
	l3 = c->nodelists[0];
	CHECK_EQ(list_len(&l3->slabs_full), 3);
	/* full list: refill puts each slab at the head, so newest first */
	CHECK(first(&l3->slabs_full) == virt_to_slab(o[4]));
	free_block(c, &o[0], 1, 0);
	CHECK(last(&l3->slabs_partial) == virt_to_slab(o[0]));
	free_block(c, &o[2], 1, 0);
	CHECK(last(&l3->slabs_partial) == virt_to_slab(o[2]));	/* tail */
	free_block(c, &o[1], 1, 0);		/* slab 1 empty: head of free */
	CHECK(first(&l3->slabs_free) == virt_to_slab(o[1]));
	CHECK_EQ(l3->free_objects, 3);
	CHECK_EQ(l3->free_limit, 4);
	free_block(c, &o[4], 1, 0);
	CHECK_EQ(l3->free_objects, 4);
	free_block(c, &o[3], 1, 0);		/* free_objects 5 > 4: destroyed */
	CHECK_EQ(l3->free_objects, 3);
	CHECK_EQ(list_len(&l3->slabs_free), 1);
}

static void test_flusharray_shared_first(void)
{
	struct kmem_cache *c;
	void *o[10];
	int i;

	boot(2);
	c = kmem_cache_create("flush", 256, 0, 0, NULL);
	CHECK_EQ(slabinfo_write("flush 4 2 2", 11), 11);
	for (i = 0; i < 10; i++)
		o[i] = kmem_cache_alloc(c, GFP_KERNEL);
	for (i = 0; i < 5; i++)
		kmem_cache_free(c, o[i]);
	/* fifth free flushed the two oldest into the shared array */
	CHECK_EQ(c->nodelists[0]->shared->avail, 2);
	CHECK(c->nodelists[0]->shared->entry[0] == o[0]);
	CHECK(c->nodelists[0]->shared->entry[1] == o[1]);
	CHECK_EQ(c->array[0]->avail, 3);
	CHECK(c->array[0]->entry[0] == o[2]);
	CHECK(c->array[0]->entry[2] == o[4]);
	CHECK_EQ(c->array[0]->touched, 1);	/* frees never set touched; the allocs did */
}

static void test_drain_array_and_reap(void)
{
	struct kmem_cache *c;
	void *a, *b;

	boot(2);
	c = kmem_cache_create("reap", 64, 0, SLAB_HWCACHE_ALIGN, NULL);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	b = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c, a);
	kmem_cache_free(c, b);
	CHECK_EQ(c->array[0]->avail, 16);
	cache_reap();				/* touched: only cleared */
	CHECK_EQ(c->array[0]->avail, 16);
	CHECK_EQ(c->array[0]->touched, 0);
	cache_reap();				/* (120+4)/5 = 24 > 16: (16+1)/2 = 8 */
	CHECK_EQ(c->array[0]->avail, 8);
	model_advance_jiffies(801);
	CHECK_EQ(c->nodelists[0]->free_touched, 1);
	cache_reap();				/* node part: free_touched cleared */
	CHECK_EQ(c->nodelists[0]->free_touched, 0);
	CHECK_EQ(c->array[0]->avail, 4);
}

static void test_drain_freelist_tail(void)
{
	struct kmem_cache *c;
	struct kmem_list3 *l3;
	struct slab *oldest;
	int freed;

	boot(1);
	c = kmem_cache_create("drain", 1000, 0, 0, NULL);
	CHECK(cache_grow(c, GFP_KERNEL, 0, NULL));
	CHECK(cache_grow(c, GFP_KERNEL, 0, NULL));
	l3 = c->nodelists[0];
	oldest = first(&l3->slabs_free);	/* grow appends at the tail */
	CHECK(last(&l3->slabs_free) != oldest);
	freed = drain_freelist(c, l3, 1);
	CHECK_EQ(freed, 1);
	CHECK(first(&l3->slabs_free) == oldest);	/* the tail went first */
	CHECK_EQ(l3->free_objects, c->num);
}

static void test_cache_grow_colour(void)
{
	struct kmem_cache *c;
	struct kmem_list3 *l3;
	int i;

	boot(1);
	c = kmem_cache_create("colour", 3000, 0, 0, NULL);
	CHECK_EQ(c->colour, 33);
	l3 = c->nodelists[0];
	for (i = 0; i < 3; i++) {
		CHECK_EQ(l3->colour_next, (unsigned)i);
		CHECK(cache_grow(c, GFP_KERNEL, 0, NULL));
		CHECK_EQ(last(&l3->slabs_free)->colouroff,
			 (unsigned long)i * 64 + c->slab_size);
	}
	model_fail_pages(1);
	CHECK_EQ(cache_grow(c, GFP_KERNEL, 0, NULL), 0);
	CHECK_EQ(l3->colour_next, 4);		/* a failed grow still advances */
}

static void test_kmalloc_classes(void)
{
	static const struct { size_t size; const char *cache; } t[] = {
		{ 1, "size-32" }, { 32, "size-32" }, { 33, "size-64" },
		{ 96, "size-128" }, { 129, "size-192" }, { 193, "size-256" },
		{ 4097, "size-8192" }, { 4194304, "size-4194304" },
	};
	size_t i;
	void *p;

	boot(2);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		p = kmalloc(t[i].size, GFP_KERNEL);
		CHECK(p && !strcmp(virt_to_cache(p)->name, t[i].cache));
		CHECK_EQ(ksize(p), virt_to_cache(p)->buffer_size);
		kfree(p);
	}
	CHECK(kmalloc(0, GFP_KERNEL) == ZERO_SIZE_PTR);
	CHECK_EQ(ksize(ZERO_SIZE_PTR), 0);
	CHECK(kmalloc(4194305, GFP_KERNEL) == NULL);
	p = kmalloc(100, GFP_KERNEL | GFP_DMA);
	CHECK(!strcmp(virt_to_cache(p)->name, "size-128(DMA)"));
	kfree(p);
	kfree(ZERO_SIZE_PTR);		/* does nothing */
	kfree(NULL);
}

/*
 * kmalloc with a size the compiler knows picks its class at compile time
 * (slab_def.h's inline path); it must reach the cache that __kmalloc's
 * walk of malloc_sizes[] reaches for the same size, at every class edge.
 */
static void same_class(void *fixed, size_t size, gfp_t flags)
{
	volatile size_t unknown = size;	/* defeats __builtin_constant_p */
	void *walked = kmalloc(unknown, flags);

	CHECK(fixed && walked);
	if (fixed && walked)
		CHECK(virt_to_cache(fixed) == virt_to_cache(walked));
	if (fixed && (flags & __GFP_ZERO)) {
		size_t i;

		for (i = 0; i < size; i++)
			CHECK(((unsigned char *)fixed)[i] == 0);
	}
	kfree(fixed);
	kfree(walked);
}

static void test_kmalloc_constant_sizes(void)
{
	void *p;

	boot(2);
#define EDGES(x) same_class(kmalloc(x, GFP_KERNEL), x, GFP_KERNEL); \
	if ((x) < 4194304) same_class(kmalloc((x) + 1, GFP_KERNEL), (x) + 1, GFP_KERNEL);
	KMALLOC_SIZES(EDGES)
#undef EDGES
	same_class(kmalloc(1, GFP_KERNEL), 1, GFP_KERNEL);
	same_class(kmalloc(100, GFP_KERNEL | GFP_DMA), 100, GFP_KERNEL | GFP_DMA);
	p = kmalloc(200, GFP_KERNEL);
	memset(p, 0xa5, 200);
	kfree(p);				/* the next 200-byte object is this one */
	same_class(kzalloc(200, GFP_KERNEL), 200, GFP_KERNEL | __GFP_ZERO);
	CHECK(kmalloc(0, GFP_KERNEL | GFP_DMA) == ZERO_SIZE_PTR);
	CHECK(kzalloc(0, GFP_KERNEL) == ZERO_SIZE_PTR);
	CHECK(kmalloc(4194305, GFP_KERNEL | GFP_DMA) == NULL);
}

static void test_shrink_destroy(void)
{
	struct kmem_cache *c;
	void *p;
	unsigned long pages;

	boot(2);
	pages = model_pages_in_use();
	c = kmem_cache_create("sd", 64, 0, 0, NULL);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	CHECK_EQ(kmem_cache_shrink(c), 1);
	kmem_cache_destroy(c);			/* busy: survives, at the chain head */
	CHECK(kmem_cache_lookup("sd") == c);
	CHECK(!strcmp(last_printk, "slab error in kmem_cache_destroy(): cache `sd': "
		      "Can't free all objects"));
	CHECK(list_cache(cache_chain.next) == c);
	kmem_cache_free(c, p);
	CHECK_EQ(kmem_cache_shrink(c), 0);
	kmem_cache_destroy(c);
	CHECK(kmem_cache_lookup("sd") == NULL);
	CHECK(model_pages_in_use() <= pages + 1);
}

static void test_create_errors(void)
{
	boot(1);
	CHECK(kmem_cache_create("dup", 64, 0, 0, NULL) != NULL);
	CHECK(kmem_cache_create("dup", 64, 0, 0, NULL) == NULL);
	CHECK(!strcmp(last_printk, "kmem_cache_create: duplicate cache dup"));
	if (!setjmp(bug_jmp)) {
		kmem_cache_create("tiny", 7, 0, 0, NULL);
		CHECK(0);
	}
	CHECK(!strcmp(last_bug, "kmem_cache_create"));
	CHECK(!strcmp(last_printk, "kmem_cache_create: Early error in slab tiny"));
	boot(1);
	if (!setjmp(bug_jmp)) {
		kmem_cache_create("p", 64, 0, SLAB_PANIC, NULL);
		kmem_cache_create("p", 64, 0, SLAB_PANIC, NULL);
		CHECK(0);
	}
	CHECK(!strncmp(last_bug, "panic: kmem_cache_create(): failed", 34));
}

static void test_slabinfo_write(void)
{
	struct kmem_cache *c;

	boot(2);
	c = kmem_cache_create("tw", 100, 0, 0, NULL);
	CHECK_EQ(slabinfo_write("tw 007 3 1\n", 11), 11);
	CHECK_EQ(c->limit, 7);
	CHECK_EQ(c->batchcount, 3);
	CHECK_EQ(c->nodelists[0]->shared->limit, 3);
	CHECK_EQ(slabinfo_write("tw 10 20 0\n", 11), 11);	/* ignored */
	CHECK_EQ(c->limit, 7);
	CHECK_EQ(slabinfo_write("nosuch 1 1 0\n", 13), -EINVAL);
	CHECK_EQ(slabinfo_write("tw 1 1\n", 7), -EINVAL);
	CHECK_EQ(slabinfo_write("tw 18446744073709551617 1 0\n", 28), 28);
	CHECK_EQ(c->limit, 1);
	CHECK_EQ(slabinfo_write("tw 600000 1 0\n", 14), -ENOMEM);
}

static void test_irq_hook_in_grow(void);
static int hook_ran;
static void hook(void *ctx)
{
	(void)ctx;
	hook_ran = smp_processor_id() + 1;
}

static void test_irq_hook_in_grow(void)
{
	struct kmem_cache *c;

	boot(2);
	c = kmem_cache_create("hook", 64, 0, 0, NULL);
	model_set_irq_hook(1, hook, NULL);
	model_set_cpu(0);
	kmem_cache_alloc(c, GFP_KERNEL);	/* grows on CPU 0: not the hook's CPU */
	CHECK_EQ(hook_ran, 0);
	model_set_cpu(1);
	kmem_cache_alloc(c, GFP_ATOMIC);	/* partial slab: no grow */
	CHECK_EQ(hook_ran, 0);
	model_set_cpu(1);
	cache_grow(c, GFP_KERNEL, 0, NULL);
	CHECK_EQ(hook_ran, 2);
	CHECK(!model_irq_hook_armed());
}

/*
 * The kernel's "%d" as vsscanf computes it (a wrapping 64-bit unsigned
 * long, then int): the reference scan_int's 32-bit form must agree with.
 */
static const char *kernel_scan_int(const char *s, int *out)
{
	unsigned long v = 0;
	int neg = 0;

	while (*s == ' ' || (*s >= '\t' && *s <= '\r'))
		s++;
	if (*s == '-') {
		if (s[1] < '0' || s[1] > '9')
			return NULL;
		neg = 1;
		s++;
	}
	if (*s < '0' || *s > '9')
		return NULL;
	while (*s >= '0' && *s <= '9')
		v = v * 10 + (unsigned long)(*s++ - '0');
	if (neg)
		v = 0UL - v;
	*out = (int)(unsigned int)v;
	return s;
}

static void test_scan_int(void)
{
	static const char *fixed[] = {
		"0", "42", "  \t\n17 x", "-1", "-0", "-", "-x", "x", "", " ",
		"2147483647", "2147483648", "-2147483648", "-2147483649",
		"4294967295", "4294967296", "4294967297", "18446744073709551615",
		"18446744073709551616", "99999999999999999999999", "--1", "12-3",
	};
	const char *digits = "0123456789", *lead[] = { "", " ", "\t-", "-", "\r\v" };
	char buf[64];
	unsigned int seed = 1, i, k;

	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		int a = 12345, b = 12345;
		const char *ra = scan_int(fixed[i], &a), *rb = kernel_scan_int(fixed[i], &b);

		CHECK(ra == rb);
		CHECK_EQ(a, b);
	}
	CHECK_EQ(*(scan_int("4294967297", &(int){0}) - 1), '7');
	for (i = 0; i < 20000; i++) {
		int a = 0, b = 0;
		size_t n;

		seed = seed * 1103515245u + 12345u;
		snprintf(buf, sizeof(buf), "%s", lead[(seed >> 16) % 5]);
		n = strlen(buf);
		for (k = (seed >> 8) % 26; k > 0 && n < sizeof(buf) - 2; k--) {
			seed = seed * 1103515245u + 12345u;
			buf[n++] = digits[(seed >> 16) % 10];
		}
		buf[n++] = (seed & 1) ? ' ' : '\0';
		buf[n] = '\0';
		CHECK(scan_int(buf, &a) == kernel_scan_int(buf, &b));
		CHECK_EQ(a, b);
	}
	CHECK(name_equal("size-32", "size-32"));
	CHECK(!name_equal("size-32", "size-32(DMA)"));
	CHECK(!name_equal("size-32(DMA)", "size-32"));
	CHECK(name_equal("", ""));
	CHECK(!name_equal("a", "b"));
}

/*
 * Runs misuse(arg) in a child with stderr captured: it must abort and say
 * what was wrong.
 */
static void expect_model_abort(void (*misuse)(int), int arg, const char *msg)
{
	char out[256] = "";
	int fd[2], status = 0;
	ssize_t n;
	pid_t pid;

	fflush(NULL);
	if (pipe(fd) != 0 || (pid = fork()) < 0) {
		CHECK(!"pipe or fork failed");
		return;
	}
	if (pid == 0) {
		close(fd[0]);
		dup2(fd[1], 2);
		misuse(arg);
		_exit(0);
	}
	close(fd[1]);
	n = read(fd[0], out, sizeof(out) - 1);
	out[n > 0 ? n : 0] = '\0';
	close(fd[0]);
	waitpid(pid, &status, 0);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
	CHECK(strstr(out, msg) != NULL);
}

static void set_cpu_on_two(int cpu) { boot(2); model_set_cpu(cpu); }
static void online_on_two(int cpu) { boot(2); model_set_cpu_online(cpu); }
static void reset_with(int cpus) { model_reset(cpus, NULL); }

/* The model keeps smp_processor_id() in [0, NR_CPUS), as the proofs trust. */
static void test_model_cpu_range(void)
{
	expect_model_abort(set_cpu_on_two, 2, "model_set_cpu: CPU 2 out of range");
	expect_model_abort(set_cpu_on_two, -1, "model_set_cpu: CPU -1 out of range");
	expect_model_abort(online_on_two, 2, "model_set_cpu_online: CPU 2 out of range");
	expect_model_abort(reset_with, 0, "model_reset: CPU count 0 out of range");
	expect_model_abort(reset_with, NR_CPUS + 1, "model_reset: CPU count 65 out of range");
	boot(2);
	model_set_cpu(1);
	CHECK_EQ(smp_processor_id(), 1);
	model_set_cpu(0);
}

/*
 * A snapshot restore leaves the frames later inputs used as they were and
 * zeroes them when they are handed out again: they must read as a fresh
 * arena's, the alignment gap below an order-2 block included.
 */
static int all_zero(const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

static void snapshot_zeroes_reused_frames(unsigned long madvise_from)
{
	struct model_snapshot *snap;
	unsigned char *a, *b, *gap;
	struct page *pg;

	boot(2);
	model_set_madvise_zeroing(madvise_from);
	snap = model_snapshot_save();
	a = alloc_pages_exact_node(0, 0, 0);
	b = alloc_pages_exact_node(0, 0, 2);
	CHECK(a && b);
	if (!a || !b)
		return;
	gap = a + PAGE_SIZE;	/* below b when b needed aligning, else b itself */
	memset(a, 0xa5, PAGE_SIZE);
	memset(gap, 0x5a, (size_t)(b - gap) + 4 * PAGE_SIZE);
	virt_to_page(a)->flags |= PG_slab;
	virt_to_page(b)->flags |= PG_slab;
	model_snapshot_restore(snap);
	CHECK(virt_to_page(a) == NULL);	/* above the restored bump: not a frame yet */
	CHECK(alloc_pages_exact_node(0, 0, 0) == a);
	CHECK(all_zero(a, PAGE_SIZE));
	pg = virt_to_page(a);
	CHECK(pg && pg->flags == 0);
	CHECK(alloc_pages_exact_node(0, 0, 2) == b);
	CHECK(all_zero(gap, (size_t)(b - gap) + 4 * PAGE_SIZE));
	pg = virt_to_page(b);
	CHECK(pg && pg->flags == 0);
	pg = virt_to_page(gap);
	CHECK(pg && pg->flags == 0);
	model_snapshot_free(snap);
	model_set_madvise_zeroing(0);
}

/* Cleared at once, and (runs of two frames or more) given back to the system. */
static void test_snapshot_zeroes_reused_frames(void)
{
	snapshot_zeroes_reused_frames(0);
	snapshot_zeroes_reused_frames(2);
}

int main(void)
{
	test_model_cpu_range();
	test_reciprocal();
	test_cache_estimate();
	test_calculate_slab_order();
	test_slab_get_put_obj();
	test_cache_init_objs_chain();
	test_transfer_objects();
	test_refill_batch_and_touched();
	test_free_block_lists();
	test_flusharray_shared_first();
	test_drain_array_and_reap();
	test_drain_freelist_tail();
	test_cache_grow_colour();
	test_kmalloc_classes();
	test_kmalloc_constant_sizes();
	test_shrink_destroy();
	test_create_errors();
	test_slabinfo_write();
	test_scan_int();
	test_irq_hook_in_grow();
	test_snapshot_zeroes_reused_frames();
	return CHECK_REPORT("unit tests");
}
