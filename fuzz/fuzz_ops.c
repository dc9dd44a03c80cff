/*
 * fuzz_ops: an operation interpreter over the model platform (non-DEBUG
 * library), for libFuzzer and AFL++ (LLVMFuzzerTestOneInput).
 *
 * Input: byte 0 chooses the CPU count (1..64) and the starting state (see
 * ncpus_of); then each operation is an opcode byte followed by its
 * argument bytes (missing bytes read as 0).  Every input starts from the
 * state of model_reset + model_boot for its CPU count, or that state with
 * every cache shrunk, restored from a snapshot taken once
 * (model_snapshot_restore), so runs are independent and a crash input
 * replays alone.
 *
 * Oracles, checked after every operation: the structural invariants of
 * every cache the operation may have changed (slab_check_cache on the
 * caches the model's seam names, slab_check_all when the operation can
 * change caches outside it, every 32 operations and at the end; see D
 * below; a cache named only by objects handed out or given back without
 * its list_lock gets light_check, of its per-CPU arrays and the objects
 * pushed on them) and a shadow model of the live objects: each is filled with
 * a token unique to it and checked at free and at the end (no overlap, no
 * corruption, no double hand-out), lies at an allocated object boundary in
 * a slab of its cache, respects its cache's alignment, has the right ksize;
 * kzalloc'd memory is zero.  At the end everything is freed, created caches
 * shrunk (which must report them empty) and destroyed, caches shrunk until
 * nothing changes (every cache after a fresh boot; after a shrunk boot,
 * those the input touched), and the pages in use must equal those of the
 * shrunk boot (unless a boot cache was re-tuned, which legitimately moves
 * its arrays).
 *
 * The kernel defines some inputs as BUG (create with a size below 8 or
 * above 4 MiB or with flags outside CREATE_MASK; GFP bits in
 * GFP_SLAB_BUG_MASK; a DMA mismatch) or as memory corruption (a tune with
 * limit or shared*batchcount >= 2^28): the harness predicts and skips
 * those.  Any BUG that still happens is a finding (abort).  A panic (a
 * SLAB_PANIC create that fails) is defined behaviour and ends the input.
 */
#include <setjmp.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "slab.h"
#include "slabref/model.h"
#include "slabref/check.h"

/*
 * The oracles' own loops (byte loops over object memory, dirty sets) give
 * coverage feedback no value and cost time with it.
 */
#if defined(__clang__) && __clang_major__ >= 13
#define NOCOV __attribute__((no_sanitize("coverage")))
/*
 * Loops over object memory (the arena, which ASan does not track anyway),
 * indices bounded by the object's size: no UBSan either (see fill_range).
 */
#define BYTELOOP __attribute__((no_sanitize("coverage", "address", "undefined")))
#else
#define NOCOV
#define BYTELOOP
#endif

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
	int ctor;		/* created with fz_ctor */
	char name[16];
};

static struct {
	const uint8_t *data;
	size_t len, pos;
	int ncpus;
	int nlive;			/* entries of L.live */
	size_t live_bytes;
	struct ccache caches[MAX_CACHES];
	uint64_t seq;
	int boot_tuned;
	int fresh;		/* started from fresh_boot, not shrunk_boot */
	int shown;		/* slabinfo_show calls */
	int nonline;		/* CPUs 0..nonline-1 are online */
	int hotplug;		/* started with only CPU 0 online (cpu_up brings the rest) */
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

/* Kept out of F, which is cleared for every input: L.set is empty between inputs. */
static struct {
	struct obj live[MAX_LIVE];
	const void *set[4 * MAX_LIVE];	/* the live pointers, hashed (live_find) */
	struct obj sorted[MAX_LIVE];
} L;

/*
 * Per CPU count, two starting states, each taken once: fresh (model_reset +
 * model_boot) and shrunk (fresh, then every cache shrunk until nothing
 * changes: no array holds an object, no slab is free).  baseline: the
 * pages the shrunk state holds, which is what any correct allocator holds
 * after everything is freed and shrunk again (only the kernel's own
 * objects remain, at the same addresses, in the same slabs).
 */
static unsigned long baseline[NR_CPUS + 1], baseline_single[NR_CPUS + 1];
static struct model_snapshot *fresh_boot[NR_CPUS + 1], *shrunk_boot[NR_CPUS + 1];
/* Booted with only CPU 0 online (kmem_cache_init and _late): for cpu_up. */
static struct model_snapshot *single_boot[NR_CPUS + 1];

/*
 * The caches an operation may have changed, from the model's seam: every
 * object handed out or given back names its cache, every change to a
 * cache's lists or shared state happens under its list_lock, and slabs
 * are linked and destroyed by cache.  What changes outside the seam:
 * create and destroy link and unlink a cache (D.chain: the links are
 * checked, and the new cache is marked), tuning swaps the per-CPU array
 * pointers of the cache it tunes (marked by op_tune), cache_reap clears
 * touched flags and moves next_reap (which the checker does not check).
 * After each operation exactly these caches are checked; every 32
 * operations and at the end, all of them.
 */
#define MAX_DIRTY	24
#define MAX_FREED	64
static struct {
	struct kmem_cache *cache[MAX_DIRTY];
	/* Named other than by an object event: its slabs may have changed. */
	unsigned char heavy[MAX_DIRTY];
	spinlock_t *lock[MAX_DIRTY];
	int ncache, nlock, all;
	int chain;	/* cache_chain changed: its links are checked too */
	/* The objects given back (the light check's subjects; see check). */
	void *freed[MAX_FREED];
	struct kmem_cache *freed_cache[MAX_FREED];
	int nfreed;
} D;

/* The same over the whole input (A.all: too many to list), for finish(). */
#define MAX_ACC		64
static struct {
	struct kmem_cache *cache[MAX_ACC];
	spinlock_t *lock[MAX_ACC];
	int ncache, nlock, all;
} A;

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

/* A plain search: strstr would feed libFuzzer's dictionary with these words. */
NOCOV static int contains(const char *s, const char *w)
{
	size_t i;

	for (; *s; s++) {
		for (i = 0; w[i] && s[i] == w[i]; i++)
			;
		if (!w[i])
			return 1;
	}
	return 0;
}

NOCOV static void on_printk(void *ctx, const char *line)
{
	(void)ctx;
	if (contains(line, "accounting error") || contains(line, "double free"))
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

NOCOV static void accumulate(struct kmem_cache *c, spinlock_t *lock)
{
	int i;

	for (i = 0; c && i < A.ncache; i++)
		if (A.cache[i] == c)
			return;
	for (i = 0; lock && i < A.nlock; i++)
		if (A.lock[i] == lock)
			return;
	if (c && A.ncache < MAX_ACC)
		A.cache[A.ncache++] = c;
	else if (lock && A.nlock < MAX_ACC)
		A.lock[A.nlock++] = lock;
	else
		A.all = 1;
}

NOCOV static void mark(struct kmem_cache *c, int heavy)
{
	int i;

	/* Whatever is in D is in A already (A only grows within an input). */
	for (i = 0; i < D.ncache; i++)
		if (D.cache[i] == c) {
			D.heavy[i] |= (unsigned char)heavy;
			return;
		}
	accumulate(c, NULL);
	if (D.ncache == MAX_DIRTY) {
		D.all = 1;
	} else {
		D.heavy[D.ncache] = (unsigned char)heavy;
		D.cache[D.ncache++] = c;
	}
}

NOCOV static void on_touched(void *ctx, struct kmem_cache *c)
{
	(void)ctx;
	mark(c, 1);
}

static void on_slab(void *ctx, struct kmem_cache *c, struct slab *s)
{
	(void)s;
	on_touched(ctx, c);
}

/*
 * An object handed out or given back names its cache lightly: unless the
 * cache's list_lock is taken too (a refill, a flush), only its per-CPU
 * arrays changed (check).
 */
NOCOV static void on_obj_alloc(void *ctx, struct kmem_cache *c, void *objp)
{
	int i;

	(void)ctx;
	mark(c, 0);
	/* Given back and handed out again in one operation (an interrupt hook). */
	for (i = 0; i < D.nfreed; i++)
		if (D.freed[i] == objp) {
			D.nfreed--;
			D.freed[i] = D.freed[D.nfreed];
			D.freed_cache[i] = D.freed_cache[D.nfreed];
			break;
		}
}

NOCOV static void on_obj_free(void *ctx, struct kmem_cache *c, void *objp)
{
	(void)ctx;
	mark(c, 0);
	if (D.nfreed == MAX_FREED) {
		mark(c, 1);	/* too many to follow: check it whole */
		return;
	}
	D.freed[D.nfreed] = objp;
	D.freed_cache[D.nfreed++] = c;
}

NOCOV static void on_lock(void *ctx, spinlock_t *lock)
{
	int i;

	(void)ctx;
	for (i = 0; i < D.nlock; i++)
		if (D.lock[i] == lock)
			return;
	accumulate(NULL, lock);
	if (D.nlock == MAX_DIRTY)
		D.all = 1;
	else
		D.lock[D.nlock++] = lock;
}

static const struct model_callbacks callbacks = {
	.printk_line = on_printk, .bug = on_bug, .panic = on_panic,
	.slab_linked = on_slab, .slab_destroyed = on_slab,
	.obj_alloc = on_obj_alloc, .obj_free = on_obj_free, .lock_taken = on_lock,
};

/*
 * The constructor of caches created with one: a pattern over the first
 * CTOR_BYTES of the object.  The kernel hands out only constructed
 * objects, and users give them back constructed.
 */
#define CTOR_BYTES	24

static unsigned char ctor_byte(size_t i)
{
	return (unsigned char)(0xc3 ^ (i * 37));
}

static void fz_ctor(void *obj)
{
	struct kmem_cache *c = virt_to_cache(obj);
	size_t i, n = c ? (size_t)c->buffer_size : 0;

	if (!c)
		finding("constructor called on %p, not in a slab", obj);
	for (i = 0; i < n && i < CTOR_BYTES; i++)
		((unsigned char *)obj)[i] = ctor_byte(i);
}

static int has_ctor(struct kmem_cache *c)
{
	return c && c->ctor == fz_ctor;
}

static void check_constructed(const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n && i < CTOR_BYTES; i++)
		if (p[i] != ctor_byte(i))
			finding("object %p of a cache with a constructor handed out "
				"unconstructed (byte %zu is 0x%02x)", (const void *)p, i, p[i]);
}

static void reconstruct(unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n && i < CTOR_BYTES; i++)
		p[i] = ctor_byte(i);
}

/* ---- the shadow model ---- */


/*
 * The byte loops below run over object memory (the arena, which ASan does
 * not track) with indices bounded by the object's size, and are the
 * shadow model's whole cost: 128 bytes per iteration, in clang/gcc vector
 * types (loads and stores, no memcpy/memcmp calls), and without UBSan's
 * per-iteration pointer-overflow checks (BYTELOOP), which cost more than
 * the loads they guard.
 */
typedef uint64_t v2u64 __attribute__((vector_size(16)));

#define BLOCK	128

/* The OR of the 128 bytes at p, each XORed with t, folded to 16 bytes. */
BYTELOOP static inline v2u64 block_xor(const unsigned char *p, v2u64 t)
{
	v2u64 acc = { 0, 0 }, w;
	int k;

	for (k = 0; k < BLOCK; k += 16) {
		__builtin_memcpy(&w, p + k, 16);
		acc |= w ^ t;
	}
	return acc;
}

/* Byte i of an object's token pattern: the token repeated from offset 0. */
BYTELOOP static inline unsigned char token_byte(uint64_t token, size_t i)
{
	return (unsigned char)(token >> (8 * (i % 8)));
}

/* p[i..end) gets the token pattern (i a multiple of 8, or the bytes go one by one). */
BYTELOOP static void fill_range(unsigned char *p, size_t i, size_t end, uint64_t token)
{
	v2u64 t = { token, token };
	int k;

	for (; i % 8 && i < end; i++)
		p[i] = token_byte(token, i);
	for (; i + BLOCK <= end; i += BLOCK)
		for (k = 0; k < BLOCK; k += 16)
			__builtin_memcpy(p + i + k, &t, 16);
	for (; i + 8 <= end; i += 8)
		__builtin_memcpy(p + i, &token, 8);
	for (; i < end; i++)
		p[i] = token_byte(token, i);
}

/*
 * The offset of the first byte of p[0..n) that differs from the pattern
 * of token (i.e. the first non-zero byte for token 0), or n: whole blocks
 * are compared first, the block that differs byte by byte.
 */
BYTELOOP static size_t first_not_token(const unsigned char *p, size_t n, uint64_t token)
{
	v2u64 t = { token, token }, d;
	uint64_t w;
	size_t i = 0;

	for (; i + BLOCK <= n; i += BLOCK) {
		d = block_xor(p + i, t);
		if (d[0] | d[1])
			break;
	}
	for (; i + 8 <= n; i += 8) {
		__builtin_memcpy(&w, p + i, 8);
		if (w != token)
			break;
	}
	for (; i < n; i++)
		if (p[i] != token_byte(token, i))
			return i;
	return n;
}

/*
 * Fills o with its token.  zeroed: its first zeroed bytes must read as
 * zero first (a __GFP_ZERO or kzalloc allocation).  The check and the
 * fill go a chunk at a time, so the chunk checked is still in the cache
 * when it is filled: one pass over the object instead of two.
 */
#define FILL_CHUNK	4096

NOCOV static void fill(struct obj *o, size_t zeroed)
{
	size_t i, end, z, bad;

	for (i = 0; i < o->size; i = end) {
		end = o->size - i > FILL_CHUNK ? i + FILL_CHUNK : o->size;
		if (i < zeroed) {
			z = zeroed < end ? zeroed : end;
			bad = i + first_not_token(o->p + i, z - i, 0);
			if (bad < z)
				finding("zeroed allocation %p has byte 0x%02x at %zu",
					(void *)o->p, o->p[bad], bad);
		}
		fill_range(o->p, i, end, o->token);
	}
}

NOCOV static void verify(const struct obj *o, const char *when)
{
	size_t i = first_not_token(o->p, o->size, o->token);

	if (i < o->size)
		finding("object %p (%zu bytes, cache %s, token %016llx) "
			"corrupted at offset %zu %s: 0x%02x != 0x%02x",
			(void *)o->p, o->size, o->cache->name,
			(unsigned long long)o->token, i, when, o->p[i],
			token_byte(o->token, i));
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

/* The live pointers as a set: open addressing, linear probing. */
#define LIVE_HASH	(4 * MAX_LIVE)

static unsigned int live_slot(const void *p)
{
	uint64_t h = (uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15ULL;

	return (unsigned int)(h >> 40) & (LIVE_HASH - 1);
}

NOCOV static int live_find(const void *p)
{
	unsigned int i = live_slot(p);

	for (; L.set[i]; i = (i + 1) & (LIVE_HASH - 1))
		if (L.set[i] == p)
			return (int)i;
	return -1;
}

NOCOV static void live_insert(const void *p)
{
	unsigned int i = live_slot(p);

	while (L.set[i])
		i = (i + 1) & (LIVE_HASH - 1);
	L.set[i] = p;
}

/* Deletion with backward shift, so lookups need no tombstones. */
NOCOV static void live_remove(const void *p)
{
	int f = live_find(p);
	unsigned int i, j, k;

	if (f < 0)
		finding("shadow set lost %p", p);
	i = (unsigned int)f;
	j = i;
	for (;;) {
		j = (j + 1) & (LIVE_HASH - 1);
		if (!L.set[j])
			break;
		k = live_slot(L.set[j]);
		/* Move set[j] into the hole at i unless its home lies in (i, j]. */
		if (i <= j ? (i < k && k <= j) : (i < k || k <= j))
			continue;
		L.set[i] = L.set[j];
		i = j;
	}
	L.set[i] = NULL;
}

static int cmp_obj(const void *a, const void *b)
{
	const unsigned char *x = ((const struct obj *)a)->p, *y = ((const struct obj *)b)->p;

	return x < y ? -1 : x > y;
}

/* The walk reads only the arena, which ASan does not track. */
BYTELOOP static int on_free_chain(struct kmem_cache *c, struct slab *s, unsigned int idx)
{
	kmem_bufctl_t b;
	unsigned int i;

	for (b = s->free, i = 0; b != BUFCTL_END && i <= c->num; b = slab_bufctl(s)[b], i++)
		if (b == idx)
			return 1;
	return 0;
}

/*
 * The index of object p in slab s of cache c, which must be at an object
 * boundary of s and off its free chain (how: how p got here, for the
 * report).
 */
NOCOV static unsigned int placed_index(struct kmem_cache *c, struct slab *s,
				       unsigned char *p, const char *how)
{
	size_t off = (size_t)(p - (unsigned char *)s->s_mem);
	unsigned int idx;

	if (p < (unsigned char *)s->s_mem || off % c->buffer_size ||
	    off / c->buffer_size >= c->num)
		finding("object %p of cache %s, %s, is not at an object boundary "
			"of slab %p (s_mem %p, size %u, num %u)", (void *)p, c->name,
			how, (void *)s, s->s_mem, c->buffer_size, c->num);
	idx = (unsigned int)(off / c->buffer_size);
	if (on_free_chain(c, s, idx))
		finding("object %p (index %u) of cache %s, %s, is on its slab's "
			"free chain", (void *)p, idx, c->name, how);
	return idx;
}

/* A new object: placement, size, overlap, then it joins the live set. */
NOCOV static void track(void *ptr, struct kmem_cache *expect, size_t want, int zeroed)
{
	unsigned char *p = ptr;
	struct kmem_cache *c;
	struct slab *s;
	struct obj *o;
	struct ccache *cc;
	size_t ks;
	unsigned int idx;

	if (!virt_addr_valid(p))
		finding("allocation returned %p, outside the page arena", ptr);
	c = virt_to_cache(p);
	if (c != expect)
		finding("object %p is in cache %s, expected %s", ptr,
			c ? c->name : "(none)", expect->name);
	s = virt_to_slab(p);
	idx = placed_index(c, s, p, "handed out");
	if (obj_to_index(c, s, p) != idx)
		finding("obj_to_index(%p) = %u, expected %u", ptr,
			obj_to_index(c, s, p), idx);
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
	/*
	 * Overlap: the whole object lies in pages of its own slab, at one of
	 * the slab's object boundaries, so it can only overlap a live object
	 * by being it.  (verify_all also sweeps every live range in address
	 * order, which catches an overlap that arises later.)
	 */
	if (virt_to_page(p + ks - 1) != NULL &&
	    virt_to_page(p + ks - 1)->slab_page != s)
		finding("object %p (+%zu) extends beyond the pages of slab %p",
			ptr, ks, (void *)s);
	if (live_find(p) >= 0)
		finding("object %p handed out twice (still live)", ptr);
	if (F.nlive == MAX_LIVE)
		finding("shadow table overflow");	/* callers keep room */
	if (has_ctor(c))
		check_constructed(p, ks);
	live_insert(p);
	o = &L.live[F.nlive++];
	o->p = p;
	o->size = ks;
	o->cache = c;
	F.live_bytes += ks;
	o->token = ++F.seq * 0x9E3779B97F4A7C15ULL ^ 0x5bd1e995;
	fill(o, zeroed ? want : 0);	/* checks the zeroed bytes as it goes */
}

static struct obj untrack(int i)
{
	struct obj o = L.live[i];

	verify(&o, "at free");
	if (has_ctor(o.cache))
		reconstruct(o.p, o.size);
	live_remove(o.p);
	F.live_bytes -= o.size;
	L.live[i] = L.live[--F.nlive];
	return o;
}

/* Contents (unless they are about to be verified at free anyway), then overlaps. */
NOCOV static void verify_all(const char *when, int contents)
{
	int i;

	for (i = 0; contents && i < F.nlive; i++)
		verify(&L.live[i], when);
	memcpy(L.sorted, L.live, (size_t)F.nlive * sizeof(L.live[0]));
	qsort(L.sorted, (size_t)F.nlive, sizeof(L.sorted[0]), cmp_obj);
	for (i = 1; i < F.nlive; i++)
		if (L.sorted[i - 1].p + L.sorted[i - 1].size > L.sorted[i].p)
			finding("live object %p (+%zu) overlaps live object %p (+%zu) %s",
				(void *)L.sorted[i - 1].p, L.sorted[i - 1].size,
				(void *)L.sorted[i].p, L.sorted[i].size, when);
}

/* ---- operations ---- */

static int cpu_arg(void)
{
	return u8() % F.nonline;
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
	case 2: return 8 + raw % ((size_t)512 << (raw >> 24) % 8);	/* off-slab, orders */
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
	c = kmem_cache_create(cc->name, size, align, flags, fm & 0x80 ? fz_ctor : NULL);
	D.chain = 1;
	if (!c)
		return;
	on_touched(NULL, c);
	if (c->buffer_size < size || kmem_cache_size(c) < size)
		finding("cache %s: buffer_size %u < size %zu", cc->name,
			c->buffer_size, size);
	cc->c = c;
	cc->size = size;
	cc->align = align;
	cc->flags = flags;
	cc->ctor = !!(fm & 0x80);
}

static void do_alloc(int cpu, struct kmem_cache *c, uint8_t fl)
{
	gfp_t gfp = fl & 1 ? GFP_ATOMIC : GFP_KERNEL;
	void *p;

	if (F.nlive >= MAX_LIVE || !c || F.live_bytes + c->buffer_size > MAX_LIVE_BYTES)
		return;
	if (c->gfpflags & GFP_DMA)
		gfp |= GFP_DMA;
	if ((fl & 2) && !has_ctor(c))	/* zeroing would unconstruct it */
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
	case 3: {	/* log-uniform up to 8 MiB: huge objects stay rare */
		unsigned int e = raw % 23;

		return ((size_t)1 << e) + (raw >> 5) % ((size_t)1 << e);
	}
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

	if ((m & 0xb0) == 0x30) {
		/* Raw text: a cache's name or not, then bytes of the input (or too many). */
		size_t len = 0, k = u8() % 48;

		c = any_cache(sel);
		if (c && (m & 8)) {
			len = (size_t)snprintf(text, sizeof(text), "%s ", c->name);
			if (len >= sizeof(text))
				len = 0;
		}
		while (k-- && len < sizeof(text))
			text[len++] = (char)u8();
		if (m & 4)
			len = MAX_SLABINFO_WRITE + 1 + (size_t)(m & 3);
		if (len > sizeof(text))
			len = sizeof(text);
		model_set_cpu(m & 0x40 ? cpu_arg() : 0);
		D.all = 1;	/* it may tune any cache */
		res = slabinfo_write(text, len);
		if (res != (long)len && res != -EINVAL && res != -ENOMEM)
			finding("slabinfo_write returned %ld", res);
		/*
		 * It may have re-tuned a boot cache, even when it failed: an
		 * -ENOMEM from alloc_kmemlist comes after the new per-CPU arrays
		 * are in place.
		 */
		F.boot_tuned = 1;
		return;
	}
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
	if (c)
		on_touched(NULL, c);	/* its array pointers change outside the seam */
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

NOCOV static int touched_in_input(struct kmem_cache *c)
{
	int i;

	if (A.all)
		return 1;
	for (i = 0; i < A.ncache; i++)
		if (A.cache[i] == c)
			return 1;
	for (i = 0; i < A.nlock; i++)
		if (A.lock[i] == &c->nodelists[0]->list_lock)
			return 1;
	return 0;
}

/*
 * Shrinks caches until none is left with an object in an array or a free
 * slab: a worklist in chain order.  A cache is shrunk again when another
 * cache's shrinking names it afterwards (an off-slab descriptor freed into
 * it).  all: start with every cache; otherwise with those named since the
 * input began (the others are still as in the shrunk starting state).
 */
#define MAX_CHAIN	128

static int is_dirty(struct kmem_cache *c);

NOCOV static void shrink_to_fixpoint(int all)
{
	struct kmem_cache *ch[MAX_CHAIN];
	unsigned char need[MAX_CHAIN];
	struct list_head *p;
	int n = 0, i, j, more, rounds = 0;

	for (p = cache_chain.next; p != &cache_chain; p = p->next) {
		if (n == MAX_CHAIN)
			finding("more than %d caches", MAX_CHAIN);
		ch[n] = list_cache(p);
		need[n] = (unsigned char)(all || touched_in_input(ch[n]));
		n++;
	}
	model_set_cpu(0);
	do {
		if (++rounds > 64)
			finding("shrinking every cache does not settle");
		more = 0;
		for (i = 0; i < n; i++) {
			if (!need[i])
				continue;
			need[i] = 0;
			D.ncache = D.nlock = D.all = D.nfreed = 0;
			kmem_cache_shrink(ch[i]);
			for (j = 0; j < n; j++)
				if (j != i && (D.all || is_dirty(ch[j]))) {
					need[j] = 1;
					more |= j < i;
				}
		}
	} while (more);
}

/* 0: not named; 1: named by object events only; 2: anything else. */
NOCOV static int dirty_kind(struct kmem_cache *c)
{
	int i, kind = 0;

	for (i = 0; i < D.nlock; i++)
		if (D.lock[i] == &c->nodelists[0]->list_lock)
			return 2;
	for (i = 0; i < D.ncache; i++)
		if (D.cache[i] == c)
			kind = D.heavy[i] ? 2 : 1;
	return kind;
}

NOCOV static int is_dirty(struct kmem_cache *c)
{
	return dirty_kind(c) != 0;
}


#ifdef FUZZ_OPS_PARANOID
/*
 * A test of the dirty sets themselves (the gcc build used by fuzz-smoke):
 * before each operation every cache's state is fingerprinted, and after
 * it every cache the seam did not name must still have its fingerprint.
 * Left out: the touched flags, next_reap and free_touched, which
 * cache_reap changes outside the seam and the checker does not check, and
 * the chain links (D.chain).
 */
#define MAX_FP	128
static struct { struct kmem_cache *c; uint64_t fp, fp_slabs; } FP[MAX_FP];
static int nfp;

static uint64_t mix(uint64_t h, uint64_t v)
{
	return (h ^ v) * 0x100000001b3ULL;
}

static uint64_t mix_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	while (n--)
		h = mix(h, *b++);
	return h;
}

static uint64_t mix_array(uint64_t h, const struct array_cache *ac)
{
	if (!ac)
		return mix(h, 0);
	h = mix(h, (uintptr_t)ac);
	h = mix(h, ac->avail);
	h = mix(h, ac->limit);
	h = mix(h, ac->batchcount);
	return mix_bytes(h, ac->entry, ac->avail * sizeof(void *));
}

static uint64_t mix_list(uint64_t h, struct kmem_cache *c, struct list_head *head)
{
	struct list_head *p;

	h = mix(h, (uintptr_t)head->next);
	h = mix(h, (uintptr_t)head->prev);
	for (p = head->next; p != head; p = p->next) {
		struct slab *sl = list_slab(p);

		h = mix(h, (uintptr_t)sl);
		h = mix(h, sl->inuse);
		h = mix(h, sl->free);
		h = mix(h, (uintptr_t)sl->s_mem);
		h = mix_bytes(h, slab_bufctl(sl), c->num * sizeof(kmem_bufctl_t));
	}
	return h;
}

/* arrays: with the per-CPU arrays' counters and entries (see light_check). */
static uint64_t fingerprint(struct kmem_cache *c, int arrays)
{
	struct kmem_list3 *l3 = c->nodelists[0];
	uint64_t h = 0xcbf29ce484222325ULL;
	int cpu;

	/* Not c->next: linking a neighbour changes it (D.chain covers the links). */
	h = mix_bytes(h, c, offsetof(struct kmem_cache, next));
	h = mix_bytes(h, (const char *)c + offsetof(struct kmem_cache, next) +
		      sizeof(c->next), sizeof(*c) - offsetof(struct kmem_cache, next) -
		      sizeof(c->next));
	for (cpu = 0; arrays && cpu < NR_CPUS; cpu++)
		h = mix_array(h, c->array[cpu]);
	if (!l3)
		return h;
	h = mix(h, l3->free_objects);
	h = mix(h, l3->free_limit);
	h = mix(h, l3->colour_next);
	h = mix_array(h, l3->shared);
	h = mix(h, (uintptr_t)l3->alien);
	h = mix_list(h, c, &l3->slabs_full);
	h = mix_list(h, c, &l3->slabs_partial);
	return mix_list(h, c, &l3->slabs_free);
}

static void paranoid_before(void)
{
	struct list_head *p;

	nfp = 0;
	for (p = cache_chain.next; p != &cache_chain && nfp < MAX_FP; p = p->next) {
		FP[nfp].c = list_cache(p);
		FP[nfp].fp = fingerprint(FP[nfp].c, 1);
		FP[nfp].fp_slabs = fingerprint(FP[nfp].c, 0);
		nfp++;
	}
}

static void paranoid_after(void)
{
	struct list_head *p;
	int i;

	for (p = cache_chain.next; p != &cache_chain; p = p->next) {
		struct kmem_cache *c = list_cache(p);
		int kind = dirty_kind(c);

		if (D.all || kind == 2)
			continue;
		for (i = 0; i < nfp; i++) {
			if (FP[i].c != c)
				continue;
			if (kind == 0 && FP[i].fp != fingerprint(c, 1))
				finding("cache %s changed, but the seam did not name it "
					"(the dirty set is unsound)", c->name);
			if (kind == 1 && FP[i].fp_slabs != fingerprint(c, 0))
				finding("cache %s changed beyond its per-CPU arrays on "
					"object events alone (the light check is unsound)",
					c->name);
		}
	}
}
#else
static void paranoid_before(void) { }
static void paranoid_after(void) { }
#endif

/*
 * A cache named by object events alone, its list_lock not taken, changed
 * only in its per-CPU arrays: objects popped (track checks each) or pushed.
 * Of what slab_check_cache checks, a pop breaks nothing; a push can break
 * the array's bound, and the pushed object must lie at an object boundary
 * of a slab of this cache, off that slab's free chain, and be in the
 * cache's arrays exactly once (more would be a double hand-out later, none
 * a lost object).  FUZZ_OPS_PARANOID builds check the premise: the cache
 * is unchanged outside its per-CPU arrays.
 */
NOCOV static void light_check(struct kmem_cache *c)
{
	struct array_cache *ac;
	struct page *pg;
	int cpu, i, n;
	unsigned int j;

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		ac = c->array[cpu];
		if (ac && ac->avail > ac->limit)
			finding("invariant violated: cache %s: cpu%d array avail %u > "
				"limit %u", c->name, cpu, ac->avail, ac->limit);
	}
	for (i = 0; i < D.nfreed; i++) {
		void *x = D.freed[i];

		if (D.freed_cache[i] != c)
			continue;
		pg = virt_to_page(x);
		if (!pg || !(pg->flags & PG_slab) || pg->slab_cache != c)
			finding("object %p given back to cache %s is not in a slab "
				"of it", x, c->name);
		placed_index(c, pg->slab_page, x, "given back without the list_lock");
		n = 0;
		for (cpu = 0; cpu <= NR_CPUS; cpu++) {
			ac = cpu < NR_CPUS ? c->array[cpu] : c->nodelists[0]->shared;
			for (j = 0; ac && j < ac->avail; j++)
				n += ac->entry[j] == x;
		}
		if (n != 1)
			finding("object %p given back to cache %s without the "
				"list_lock is in its arrays %d times", x, c->name, n);
	}
}

#ifdef FUZZ_OPS_MUTANT
/*
 * Self-test builds (fuzz-smoke): break what light_check must catch, after
 * an object was pushed without the list_lock.  1: the push is lost (the
 * array forgets its top entry); 2: the object is pushed twice.
 */
static void mutant_corrupt(struct kmem_cache *c)
{
	struct array_cache *ac;
	int i, cpu;

	for (i = 0; i < D.nfreed; i++)
		for (cpu = 0; D.freed_cache[i] == c && cpu < NR_CPUS; cpu++) {
			ac = c->array[cpu];
			if (!ac || !ac->avail || ac->entry[ac->avail - 1] != D.freed[i])
				continue;
			if (FUZZ_OPS_MUTANT == 1)
				ac->avail--;
			else if (ac->avail < ac->limit)
				ac->entry[ac->avail++] = D.freed[i];
			return;
		}
}
#else
static void mutant_corrupt(struct kmem_cache *c) { (void)c; }
#endif

/* Every cache the last operation may have changed (all of them if D.all). */
NOCOV static void check(void)
{
	struct list_head *p;
	int cpu;

	paranoid_after();
	if (D.all) {
		if (slab_check_all(F.report, sizeof(F.report)))
			finding("invariant violated:\n%s", F.report);
	} else if (D.ncache || D.nlock || D.chain) {
		struct list_head *prev = &cache_chain;

		for (p = cache_chain.next; D.chain && p != &cache_chain; prev = p, p = p->next)
			if (!p || p->prev != prev)
				finding("cache_chain links broken");
		if (D.chain && cache_chain.prev != prev)
			finding("cache_chain head->prev is not the last cache");
		for (p = cache_chain.next; p != &cache_chain; p = p->next) {
			struct kmem_cache *c = list_cache(p);
			int kind = dirty_kind(c);

			if (kind == 1) {
				mutant_corrupt(c);
				light_check(c);
			}
			else if (kind == 2 && slab_check_cache(c, F.report, sizeof(F.report)))
				finding("invariant violated:\n%s", F.report);
		}
	}
	D.ncache = D.nlock = D.all = D.chain = D.nfreed = 0;
	for (cpu = 0; cpu < F.nonline; cpu++) {
		model_set_cpu(cpu);
		if (irqs_disabled())
			finding("cpu%d left with interrupts disabled", cpu);
	}
	if (F.printk_errors)
		finding("the kernel printed an accounting/double-free error");
	paranoid_before();
}

static void check_all(void)
{
	if (model_pages_in_use() > model_page_allocations() << (MAX_ORDER - 1))
		finding("%lu pages in use after %lu page allocations",
			model_pages_in_use(), model_page_allocations());
	D.all = 1;
	check();
}

/*
 * The chain links and every cache named since the input began: the
 * others are as in the starting state, which boot_once checked (and
 * FUZZ_OPS_PARANOID builds prove that they did not change).
 */
NOCOV static void check_touched(void)
{
	struct list_head *p;

	D.ncache = D.nlock = D.nfreed = 0;
	D.chain = 1;
	D.all = A.all;
	for (p = cache_chain.next; !D.all && p != &cache_chain; p = p->next)
		if (touched_in_input(list_cache(p)))
			on_touched(NULL, list_cache(p));
	check();
}

static void finish(void)
{
	int i;
	unsigned long want;

	F.opname = "final";
	if (model_irq_hook_armed())
		model_set_irq_hook(0, NULL, NULL);
	model_fail_pages(0);
	verify_all("at the end", 0);	/* each is verified as it is freed */
	while (F.nlive) {
		struct obj o = untrack(F.nlive - 1);

		model_set_cpu(0);
		kmem_cache_free(o.cache, o.p);
		check();
	}
	model_set_cpu(0);
	for (i = 0; i < MAX_CACHES; i++) {
		struct ccache *cc = &F.caches[i];

		if (!cc->c)
			continue;
		if (kmem_cache_shrink(cc->c) != 0)
			finding("kmem_cache_shrink of emptied cache %s reports objects "
				"in use", cc->name);
		check();
		kmem_cache_destroy(cc->c);
		if (kmem_cache_lookup(cc->name) == cc->c)
			finding("destroy of empty cache %s failed", cc->name);
		cc->c = NULL;
		check();
	}
	shrink_to_fixpoint(F.fresh);
	if (F.fresh)
		check_all();
	else
		check_touched();
	/* Bringing a CPU up adds the kernel's own arrays: no baseline then. */
	if (!F.boot_tuned && (!F.hotplug || F.nonline == 1)) {
		unsigned long now = model_pages_in_use();

		want = F.hotplug ? baseline_single[F.ncpus] : baseline[F.ncpus];
		if (now != want)
			finding("pages in use after freeing everything: %lu, a shrunk "
				"fresh boot has %lu", now, want);
	}
}

/* The next offline CPU comes up (CPU_UP_PREPARE; it may fail and be cancelled). */
static void op_cpu_up(void)
{
	F.opname = "cpu_up";
	if (F.nonline == F.ncpus)
		return;
	D.all = 1;	/* every cache gets arrays for it, outside the seam */
	model_set_cpu(0);
	if (cpuup_prepare(F.nonline) == 0)
		model_set_cpu_online(F.nonline++);
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
			D.chain = 1;
			if (kmem_cache_lookup(cc->name) != cc->c) {
				int i;

				for (i = 0; i < F.nlive; i++)
					if (L.live[i].cache == cc->c)
						finding("cache %s destroyed with live "
							"object %p", cc->name,
							(void *)L.live[i].p);
				cc->c = NULL;
			}
			break;
		case 13:
			F.opname = "tune";
			op_tune();
			break;
		case 14:
			F.opname = "fail_pages";
			{
				uint8_t a = u8();

				/* a % 16 failures after the next a >> 4 allocations */
				model_fail_pages_after(a >> 4, a % 16);
			}
			break;
		default:
			F.opname = "irq_hook/slabinfo";
			{
				uint8_t m = u8();
				int i;

				if ((m & 0xf0) == 0xf0) {	/* costly: rare, once an input */
					model_set_cpu(cpu_arg());
					if (!F.shown++)
						slabinfo_show(put_null, NULL);
					break;
				}
				if ((m & 0xf0) == 0xe0) {
					op_cpu_up();
					break;
				}
				F.hook_cpu = m % F.nonline;
				for (i = 0; i < (int)sizeof(F.hook_args); i++)
					F.hook_args[i] = u8();
				model_set_irq_hook(F.hook_cpu, fire_hook, NULL);
			}
			break;
		}
		if (F.opno % 32 == 0) {
			check_all();
			verify_all("after an operation", 1);
		} else {
			check();
		}
	}
	finish();
}

/* Both starting states for ncpus, and the baseline. */
static void boot_once(int ncpus)
{
	if (fresh_boot[ncpus])
		return;
	model_reset(ncpus, &callbacks);
	model_boot();
	fresh_boot[ncpus] = model_snapshot_save();
	F.opname = "boot";
	F.ncpus = ncpus;
	/* check() visits the online CPUs: not the previous input's count. */
	F.nonline = ncpus;
	check_all();
	shrink_to_fixpoint(1);
	check_all();
	shrunk_boot[ncpus] = model_snapshot_save();
	baseline[ncpus] = model_pages_in_use();
	model_reset(ncpus, &callbacks);
	kmem_cache_init();
	kmem_cache_init_late();
	F.nonline = 1;
	check_all();
	single_boot[ncpus] = model_snapshot_save();
	shrink_to_fixpoint(1);
	baseline_single[ncpus] = model_pages_in_use();
}
/*
 * Byte 0: the CPU count and the starting state.  Below 0xc0, 1-8 possible
 * CPUs: 0x00-0x7f from the shrunk boot, 0x80-0x9f from the fresh boot,
 * 0xa0-0xbf from a boot with only CPU 0 online (2-8 possible; cpu_up
 * brings the others).  From 0xc0, any of 1-64 CPUs from the shrunk boot.
 * Restoring, checking and shrinking cost grows with the CPU count, and
 * finishing from a fresh boot must shrink every cache, not only those the
 * input touched.
 */
static int ncpus_of(uint8_t b)
{
	if (b >= 0xa0 && b < 0xc0)
		return 2 + b % 7;
	return b < 0xc0 ? 1 + b % 8 : 1 + b % NR_CPUS;
}

static int fresh_of(uint8_t b)
{
	return b >= 0x80 && b < 0xc0;
}

static int hotplug_of(uint8_t b)
{
	return b >= 0xa0 && b < 0xc0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	int n;

	(void)argc;
	(void)argv;
	/* Every booted state up front: lazy boots would make runs unstable. */
	for (n = 1; n <= NR_CPUS; n++)
		boot_once(n);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int ncpus;

	if (size < 1)
		return 0;
	ncpus = ncpus_of(data[0]);
	boot_once(ncpus);	/* a no-op after LLVMFuzzerInitialize */
	memset(&F, 0, sizeof(F));
	memset(&D, 0, sizeof(D));
	memset(&A, 0, sizeof(A));
	F.data = data;
	F.len = size;
	F.pos = 1;
	F.ncpus = ncpus;
	F.fresh = fresh_of(data[0]);
	F.hotplug = hotplug_of(data[0]);
	F.nonline = F.hotplug ? 1 : ncpus;
	/* Exactly the state model_reset + model_boot (+ shrinking) would give. */
	model_snapshot_restore(F.hotplug ? single_boot[ncpus] :
			       F.fresh ? fresh_boot[ncpus] : shrunk_boot[ncpus]);
	paranoid_before();
	if (setjmp(F.panic_jmp) == 0)
		run();
	else	/* after a panic the state is abandoned; the next input restores it */
		memset(L.set, 0, sizeof(L.set));
	return 0;
}
