/*
 * fuzz_ops: an operation interpreter over the model platform (non-DEBUG
 * library), for libFuzzer and AFL++ (LLVMFuzzerTestOneInput).
 *
 * Input: byte 0 chooses the CPU count (1..64); then each operation is an
 * opcode byte followed by its argument bytes (missing bytes read as 0).
 * Every input starts from model_reset + model_boot, so runs are
 * independent and AFL++ stability stays at 100%.
 *
 * Oracles, checked after every operation: slab_check_all (structural
 * invariants) and a shadow model of the live objects: each is filled with
 * a token unique to it and checked at free and at the end (no overlap, no
 * corruption, no double hand-out), lies at an allocated object boundary in
 * a slab of its cache, respects its cache's alignment, has the right ksize;
 * kzalloc'd memory is zero.  At the end everything is freed, created caches
 * shrunk and destroyed, every cache shrunk, and the pages in use must equal
 * those of a fresh boot that was shrunk the same way (unless a boot cache
 * was re-tuned, which legitimately moves its arrays).
 *
 * The kernel defines some inputs as BUG (create with a size below 8 or
 * above 4 MiB or with flags outside CREATE_MASK; GFP bits in
 * GFP_SLAB_BUG_MASK; a DMA mismatch) or as memory corruption (a tune with
 * limit or shared*batchcount >= 2^28): the harness predicts and skips
 * those.  Any BUG that still happens is a finding (abort).  A panic (a
 * SLAB_PANIC create that fails) is defined behaviour and ends the input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "slab.h"
#include "slabref/model.h"
#include "slabref/check.h"

#define MAX_LIVE	1024
#define MAX_CACHES	16
#define MAX_OPS		400
#define MAX_LIVE_BYTES	(8UL << 20)	/* keeps token fill/verify cheap */

struct obj {
	unsigned char *p;
	size_t size;		/* bytes filled with the token */
	struct kmem_cache *cache;
	uint64_t token;
};

struct ccache {
	struct kmem_cache *c;
	size_t size, align;
	unsigned long flags;
	char name[16];
};

static struct {
	const uint8_t *data;
	size_t len, pos;
	int ncpus;
	struct obj live[MAX_LIVE];
	int nlive;
	size_t live_bytes;
	struct ccache caches[MAX_CACHES];
	uint64_t seq;
	int boot_tuned;
	int opno;
	const char *opname;
	jmp_buf panic_jmp;
	int in_op;
	/* The pending interrupt hook's operation. */
	uint8_t hook_args[8];
	int hook_cpu;
	int printk_errors;
	char report[4096];
} F;

static unsigned long baseline[NR_CPUS + 1];	/* 0: not measured yet */

static void finding(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
static void finding(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "fuzz_ops: FINDING at operation %d (%s), ncpus %d: ",
		F.opno, F.opname ? F.opname : "-", F.ncpus);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

static uint8_t u8(void)
{
	return F.pos < F.len ? F.data[F.pos++] : 0;
}

static uint32_t u16(void)
{
	uint32_t v = u8();

	return v | (uint32_t)u8() << 8;
}

static uint32_t u32(void)
{
	uint32_t v = u16();

	return v | u16() << 16;
}

static void on_printk(void *ctx, const char *line)
{
	(void)ctx;
	if (strstr(line, "accounting error") || strstr(line, "double free"))
		F.printk_errors++;
}

static void on_bug(void *ctx, const char *function) __attribute__((noreturn));
static void on_bug(void *ctx, const char *function)
{
	(void)ctx;
	finding("kernel BUG in %s() on an operation predicted valid", function);
}

static void on_panic(void *ctx, const char *text) __attribute__((noreturn));
static void on_panic(void *ctx, const char *text)
{
	(void)ctx;
	(void)text;
	longjmp(F.panic_jmp, 1);
}

static const struct model_callbacks callbacks = {
	.printk_line = on_printk, .bug = on_bug, .panic = on_panic,
};

/* ---- the shadow model ---- */

/* Byte loops over object memory: not worth coverage feedback (and slow with it). */
#if defined(__clang__) && __clang_major__ >= 13
#define NOCOV __attribute__((no_sanitize("coverage")))
#else
#define NOCOV
#endif

NOCOV static void fill(struct obj *o)
{
	size_t i;

	for (i = 0; i + 8 <= o->size; i += 8)
		memcpy(o->p + i, &o->token, 8);
	for (; i < o->size; i++)
		o->p[i] = (unsigned char)(o->token >> (8 * (i % 8)));
}

NOCOV static void verify(const struct obj *o, const char *when)
{
	size_t i = 0;

	for (; i + 8 <= o->size; i += 8) {
		uint64_t w;

		__builtin_memcpy(&w, o->p + i, 8);	/* a load, not a memcmp call */
		if (w != o->token)
			break;
	}
	for (; i < o->size; i++) {
		unsigned char want = (unsigned char)(o->token >> (8 * (i % 8)));

		if (o->p[i] != want)
			finding("object %p (%zu bytes, cache %s, token %016llx) "
				"corrupted at offset %zu %s: 0x%02x != 0x%02x",
				(void *)o->p, o->size, o->cache->name,
				(unsigned long long)o->token, i, when, o->p[i], want);
	}
}

static int is_pow2(size_t x) { return x && !(x & (x - 1)); }

static struct ccache *ccache_of(struct kmem_cache *c)
{
	int i;

	for (i = 0; i < MAX_CACHES; i++)
		if (F.caches[i].c == c)
			return &F.caches[i];
	return NULL;
}

/* A new object: placement, size, overlap, then it joins the live set. */
NOCOV static void track(void *ptr, struct kmem_cache *expect, size_t want, int zeroed)
{
	unsigned char *p = ptr;
	struct kmem_cache *c;
	struct slab *s;
	struct obj *o;
	struct ccache *cc;
	size_t ks, off, i;
	unsigned int idx;
	kmem_bufctl_t b;

	if (!virt_addr_valid(p))
		finding("allocation returned %p, outside the page arena", ptr);
	c = virt_to_cache(p);
	if (c != expect)
		finding("object %p is in cache %s, expected %s", ptr,
			c ? c->name : "(none)", expect->name);
	s = virt_to_slab(p);
	off = (size_t)(p - (unsigned char *)s->s_mem);
	if (p < (unsigned char *)s->s_mem || off % c->buffer_size ||
	    off / c->buffer_size >= c->num)
		finding("object %p is not at an object boundary of slab %p "
			"(s_mem %p, size %u, num %u)", ptr, (void *)s, s->s_mem,
			c->buffer_size, c->num);
	idx = (unsigned int)(off / c->buffer_size);
	if (obj_to_index(c, s, p) != idx)
		finding("obj_to_index(%p) = %u, expected %u", ptr,
			obj_to_index(c, s, p), idx);
	for (b = s->free, i = 0; b != BUFCTL_END && i <= c->num; b = slab_bufctl(s)[b], i++)
		if (b == idx)
			finding("object %p (index %u) handed out but still on its "
				"slab's free chain", ptr, idx);
	ks = ksize(p);
	if (ks != c->buffer_size || ks < want)
		finding("ksize(%p) = %zu; cache %s buffer_size %u, requested %zu",
			ptr, ks, c->name, c->buffer_size, want);
	if ((uintptr_t)p % BYTES_PER_WORD)
		finding("object %p not word aligned", ptr);
	cc = ccache_of(c);
	if (cc && cc->align && is_pow2(cc->align) && (uintptr_t)p % cc->align)
		finding("object %p of cache %s violates align %zu", ptr, c->name,
			cc->align);
	if (cc && (cc->flags & SLAB_HWCACHE_ALIGN) && cc->size > 32 &&
	    (uintptr_t)p % 64)
		finding("object %p of HWCACHE_ALIGN cache %s (size %zu) not "
			"cache-line aligned", ptr, c->name, cc->size);
	if (zeroed)
		for (i = 0; i < want; i++)
			if (p[i])
				finding("zeroed allocation %p has byte 0x%02x at %zu",
					ptr, p[i], i);
	for (i = 0; i < (size_t)F.nlive; i++) {
		struct obj *q = &F.live[i];

		if (p < q->p + q->size && q->p < p + ks)
			finding("object %p (+%zu) overlaps live object %p (+%zu)",
				ptr, ks, (void *)q->p, q->size);
	}
	if (F.nlive == MAX_LIVE)
		finding("shadow table overflow");	/* callers keep room */
	o = &F.live[F.nlive++];
	o->p = p;
	o->size = ks;
	o->cache = c;
	F.live_bytes += ks;
	o->token = ++F.seq * 0x9E3779B97F4A7C15ULL ^ 0x5bd1e995;
	fill(o);
}

static struct obj untrack(int i)
{
	struct obj o = F.live[i];

	verify(&o, "at free");
	F.live_bytes -= o.size;
	F.live[i] = F.live[--F.nlive];
	return o;
}

static void verify_all(const char *when)
{
	int i;

	for (i = 0; i < F.nlive; i++)
		verify(&F.live[i], when);
}

/* ---- operations ---- */

static int cpu_arg(void)
{
	return u8() % F.ncpus;
}

static struct kmem_cache *any_cache(uint8_t sel)
{
	int n = 0, i;

	for (i = 0; i < MAX_CACHES; i++)
		if (F.caches[i].c)
			n++;
	if (n == 0 || (sel & 0x80)) {
		/* A general cache (DMA or not) or cache_cache. */
		i = sel % (NR_MALLOC_SIZES * 2 + 1);
		if (i == NR_MALLOC_SIZES * 2)
			return &cache_cache;
		return i & 1 ? malloc_sizes[i / 2].cs_dmacachep :
			       malloc_sizes[i / 2].cs_cachep;
	}
	n = sel % n;
	for (i = 0; i < MAX_CACHES; i++)
		if (F.caches[i].c && n-- == 0)
			return F.caches[i].c;
	return NULL;
}

static struct ccache *created_cache(uint8_t sel)
{
	int n = 0, i;

	for (i = 0; i < MAX_CACHES; i++)
		if (F.caches[i].c)
			n++;
	if (!n)
		return NULL;
	n = sel % n;
	for (i = 0; i < MAX_CACHES; i++)
		if (F.caches[i].c && n-- == 0)
			return &F.caches[i];
	return NULL;
}

static const unsigned long create_flags[] = {
	SLAB_HWCACHE_ALIGN, SLAB_CACHE_DMA, SLAB_RECLAIM_ACCOUNT, SLAB_PANIC,
	SLAB_DESTROY_BY_RCU, SLAB_MEM_SPREAD, SLAB_NOLEAKTRACE,
};

static size_t pick_size(uint8_t mode, uint32_t raw)
{
	switch (mode % 4) {
	case 0: return 8 + raw % 256;			/* small */
	case 1: return 8 + raw % 4096;			/* up to a page */
	case 2: return 8 + raw % (64 * 1024);		/* off-slab, orders */
	default: return (size_t)1 << (3 + raw % 20);	/* powers of two to 4 MiB */
	}
}

static void op_create(void)
{
	uint8_t mode = u8(), am = u8(), fm = u8();
	uint32_t raw = u32();
	struct ccache *cc = NULL;
	struct kmem_cache *c;
	size_t size = pick_size(mode, raw), align;
	unsigned long flags = 0;
	unsigned int i;

	for (i = 0; i < MAX_CACHES; i++)
		if (!F.caches[i].c) {
			cc = &F.caches[i];
			break;
		}
	if (!cc)
		return;
	if (mode & 0x80)
		size -= raw % 8;	/* not a multiple of the word size */
	if (size < BYTES_PER_WORD)
		size = BYTES_PER_WORD;
	if (size > KMALLOC_MAX_SIZE)
		size = KMALLOC_MAX_SIZE;
	align = am & 0x10 ? (size_t)1 << (am % 13) : 0;	/* 0 or 1..4096 */
	for (i = 0; i < sizeof(create_flags) / sizeof(create_flags[0]); i++)
		if (fm & (1u << i))
			flags |= create_flags[i];
	snprintf(cc->name, sizeof(cc->name), "fz%d", (int)(cc - F.caches));
	model_set_cpu(mode & 0x40 ? cpu_arg() : 0);
	c = kmem_cache_create(cc->name, size, align, flags, NULL);
	if (!c)
		return;
	if (c->buffer_size < size || kmem_cache_size(c) < size)
		finding("cache %s: buffer_size %u < size %zu", cc->name,
			c->buffer_size, size);
	cc->c = c;
	cc->size = size;
	cc->align = align;
	cc->flags = flags;
}

static void do_alloc(int cpu, struct kmem_cache *c, uint8_t fl)
{
	gfp_t gfp = fl & 1 ? GFP_ATOMIC : GFP_KERNEL;
	void *p;

	if (F.nlive >= MAX_LIVE || !c || F.live_bytes + c->buffer_size > MAX_LIVE_BYTES)
		return;
	if (c->gfpflags & GFP_DMA)
		gfp |= GFP_DMA;
	if (fl & 2)
		gfp |= __GFP_ZERO;
	if (fl & 4)
		gfp |= __GFP_NOWARN;
	model_set_cpu(cpu);
	p = kmem_cache_alloc(c, gfp);
	if (p)
		track(p, c, kmem_cache_size(c), !!(gfp & __GFP_ZERO));
}

static size_t kmalloc_size(uint8_t mode, uint32_t raw)
{
	switch (mode % 8) {
	case 0: return raw % 33;
	case 1: return raw % 256;
	case 2: return raw % 4097;
	case 3: return raw % (KMALLOC_MAX_SIZE + 2);
	case 4: return (size_t)1 << (raw % 23);
	case 5: return ((size_t)1 << (raw % 23)) + 1;
	case 6: return raw;				/* anything, NULL above 4 MiB */
	default: return raw % 129;
	}
}

static void do_kmalloc(int cpu, size_t size, uint8_t fl)
{
	gfp_t gfp = fl & 1 ? GFP_ATOMIC : GFP_KERNEL;
	struct kmem_cache *expect;
	void *p;

	if (F.nlive >= MAX_LIVE || (size <= KMALLOC_MAX_SIZE &&
				   F.live_bytes + size > MAX_LIVE_BYTES))
		return;
	if (fl & 2)
		gfp |= GFP_DMA;
	if (fl & 4)
		gfp |= __GFP_ZERO;
	model_set_cpu(cpu);
	expect = kmem_find_general_cachep(size, gfp);
	p = fl & 8 ? kzalloc(size, gfp) : kmalloc(size, gfp);
	if (size == 0) {
		if (p != ZERO_SIZE_PTR)
			finding("kmalloc(0) = %p, not ZERO_SIZE_PTR", p);
		if (ksize(p) != 0)
			finding("ksize(ZERO_SIZE_PTR) = %zu", ksize(p));
		kfree(p);
		return;
	}
	if (size > KMALLOC_MAX_SIZE) {
		if (p)
			finding("kmalloc(%zu) = %p above KMALLOC_MAX_SIZE", size, p);
		return;
	}
	if (!p)
		return;
	if (ZERO_OR_NULL_PTR(expect))
		finding("kmalloc(%zu) succeeded without a general cache", size);
	track(p, expect, size, (fl & 12) != 0);
}

static void do_free(int cpu, uint16_t sel, uint8_t fl)
{
	struct obj o;

	if (!F.nlive)
		return;
	o = untrack(sel % F.nlive);
	model_set_cpu(cpu);
	if (fl & 1)
		kfree(o.p);
	else
		kmem_cache_free(o.cache, o.p);
}

static void fire_hook(void *ctx)
{
	const uint8_t *a = F.hook_args;

	(void)ctx;
	/* Runs on hook_cpu, interrupts off, inside cache_grow. */
	switch (a[0] % 4) {
	case 0:
		do_alloc(F.hook_cpu, any_cache(a[1]), a[2] | 1);
		break;
	case 1:
		do_kmalloc(F.hook_cpu, kmalloc_size(a[1], (uint32_t)a[3] | (uint32_t)a[4] << 8),
			   a[2]);
		break;
	default:
		do_free(F.hook_cpu, (uint16_t)(a[1] | a[3] << 8), a[2]);
		break;
	}
	model_set_cpu(F.hook_cpu);
}

static void op_tune(void)
{
	static const int vals[] = { -1, 0, 1, 2, 3, 7, 8, 16, 31, 32, 54, 60, 100,
				    120, 127, 128, 500, 1000, 4096, 65536,
				    (1 << 28) - 1, 1 << 28, 0x7fffffff };
	uint8_t sel = u8(), m = u8();
	int v[3], i;
	struct kmem_cache *c = NULL;
	char text[160];
	const char *name;
	long res;
	int n;

	for (i = 0; i < 3; i++) {
		uint32_t r = u32();

		v[i] = m & (1u << i) ? (int)r : vals[r % (sizeof(vals) / sizeof(vals[0]))];
	}
	if (m & 0x80) {
		name = "nosuchcache";
	} else {
		c = any_cache(sel);
		if (!c)
			return;
		name = c->name;
		c = kmem_cache_lookup(name);	/* the handler tunes the first match */
	}
	/* Applied with an array of 2^28+ entries: memory corruption in the kernel. */
	if (c && v[0] >= 1 && v[1] >= 1 && v[1] <= v[0] && v[2] >= 0 &&
	    (v[0] >= (1 << 28) || (uint64_t)v[2] * (uint64_t)v[1] >= (1u << 28)))
		return;
	n = snprintf(text, sizeof(text), "%s %d %d %d\n", name, v[0], v[1], v[2]);
	model_set_cpu(m & 0x40 ? cpu_arg() : 0);
	res = slabinfo_write(text, (size_t)n);
	if (res != n && res != -EINVAL && res != -ENOMEM)
		finding("slabinfo_write returned %ld", res);
	if (c && !ccache_of(c))
		F.boot_tuned = 1;
	if (c && res == n && v[0] >= 1 && v[1] >= 1 && v[1] <= v[0] && v[2] >= 0) {
		if (c->limit != (unsigned int)v[0] || c->batchcount != (unsigned int)v[1] ||
		    c->shared != (unsigned int)v[2])
			finding("tune %s %d %d %d applied as %u %u %u", name, v[0],
				v[1], v[2], c->limit, c->batchcount, c->shared);
	}
}

static void put_null(void *ctx, const char *text)
{
	(void)ctx;
	(void)text;
}

static int shrink_everything(void)
{
	struct list_head *p;

	model_set_cpu(0);
	for (p = cache_chain.next; p != &cache_chain; p = p->next)
		kmem_cache_shrink(list_cache(p));
	return 0;
}

static unsigned long boot_baseline(int ncpus)
{
	if (!baseline[ncpus]) {
		model_reset(ncpus, &callbacks);
		model_boot();
		shrink_everything();
		baseline[ncpus] = model_pages_in_use() + 1;
	}
	return baseline[ncpus] - 1;
}

static void check(void)
{
	if (slab_check_all(F.report, sizeof(F.report)))
		finding("invariant violated:\n%s", F.report);
	if (F.printk_errors)
		finding("the kernel printed an accounting/double-free error");
}

static void finish(void)
{
	int i;
	unsigned long want;

	F.opname = "final";
	model_set_irq_hook(0, NULL, NULL);
	model_fail_pages(0);
	verify_all("at the end");
	while (F.nlive) {
		struct obj o = untrack(F.nlive - 1);

		model_set_cpu(0);
		kmem_cache_free(o.cache, o.p);
	}
	check();
	model_set_cpu(0);
	for (i = 0; i < MAX_CACHES; i++) {
		struct ccache *cc = &F.caches[i];

		if (!cc->c)
			continue;
		kmem_cache_shrink(cc->c);
		kmem_cache_destroy(cc->c);
		if (kmem_cache_lookup(cc->name) == cc->c)
			finding("destroy of empty cache %s failed", cc->name);
		cc->c = NULL;
	}
	check();
	shrink_everything();
	check();
	if (!F.boot_tuned) {
		unsigned long now = model_pages_in_use();

		want = boot_baseline(F.ncpus);
		if (now != want)
			finding("pages in use after freeing everything: %lu, a shrunk "
				"fresh boot has %lu", now, want);
	}
}

static void run(void)
{
	for (F.opno = 1; F.pos < F.len && F.opno <= MAX_OPS; F.opno++) {
		uint8_t op = u8();
		int cpu;
		struct ccache *cc;

		switch (op % 16) {
		case 0:
			F.opname = "create";
			op_create();
			break;
		case 1: case 2: case 3:
			F.opname = "alloc";
			cpu = cpu_arg();
			do_alloc(cpu, any_cache(u8()), u8());
			break;
		case 4: case 5:
			F.opname = "kmalloc";
			cpu = cpu_arg();
			{
				uint8_t m = u8(), fl = u8();

				do_kmalloc(cpu, kmalloc_size(m, u32()), fl);
			}
			break;
		case 6: case 7: case 8:
			F.opname = "free";
			cpu = cpu_arg();
			{
				uint16_t sel = (uint16_t)u16();

				do_free(cpu, sel, u8());
			}
			break;
		case 9:
			F.opname = "reap";
			cpu = cpu_arg();
			model_advance_jiffies(2 * 4 * HZ + 1);
			model_set_cpu(cpu);
			cache_reap();
			break;
		case 10:
			F.opname = "reap_local";
			cpu = cpu_arg();
			model_advance_jiffies(u8() % 4);
			model_set_cpu(cpu);
			cache_reap();
			break;
		case 11:
			F.opname = "shrink";
			cpu = cpu_arg();
			{
				struct kmem_cache *c = any_cache(u8());
				int r;

				model_set_cpu(cpu);
				r = kmem_cache_shrink(c);
				if (r != 0 && r != 1)
					finding("kmem_cache_shrink returned %d", r);
			}
			break;
		case 12:
			F.opname = "destroy";
			cpu = cpu_arg();
			cc = created_cache(u8());
			if (!cc)
				break;
			model_set_cpu(cpu);
			kmem_cache_destroy(cc->c);
			if (kmem_cache_lookup(cc->name) != cc->c) {
				int i;

				for (i = 0; i < F.nlive; i++)
					if (F.live[i].cache == cc->c)
						finding("cache %s destroyed with live "
							"object %p", cc->name,
							(void *)F.live[i].p);
				cc->c = NULL;
			}
			break;
		case 13:
			F.opname = "tune";
			op_tune();
			break;
		case 14:
			F.opname = "fail_pages";
			model_fail_pages(u8() % 16);
			break;
		default:
			F.opname = "irq_hook/slabinfo";
			{
				uint8_t m = u8();
				int i;

				if (m & 0x80) {
					model_set_cpu(cpu_arg());
					slabinfo_show(put_null, NULL);
					break;
				}
				F.hook_cpu = m % F.ncpus;
				for (i = 0; i < (int)sizeof(F.hook_args); i++)
					F.hook_args[i] = u8();
				model_set_irq_hook(F.hook_cpu, fire_hook, NULL);
			}
			break;
		}
		check();
		if (F.opno % 16 == 0)
			verify_all("after an operation");
	}
	finish();
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	int n;

	(void)argc;
	(void)argv;
	/* Every baseline up front: lazy measurement would make runs unstable. */
	for (n = 1; n <= NR_CPUS; n++)
		boot_baseline(n);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int ncpus;

	if (size < 1)
		return 0;
	ncpus = 1 + data[0] % NR_CPUS;
	boot_baseline(ncpus);
	memset(&F, 0, sizeof(F));
	F.data = data;
	F.len = size;
	F.pos = 1;
	F.ncpus = ncpus;
	model_reset(ncpus, &callbacks);
	model_boot();
	F.opname = "boot";
	check();
	if (setjmp(F.panic_jmp) == 0)
		run();
	/* After a panic the state is abandoned; the next input resets it. */
	return 0;
}
