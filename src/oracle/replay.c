/*
 * The oracle: boots the model, replays a trace against the allocator core
 * and prints what the kernel would (spec/oracle-trace.md).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "slabref/model.h"
#include "replay.h"
#include "trace.h"

/* Pointer-keyed map with linear probing and backward-shift deletion. */
struct pmap {
	uintptr_t *keys;
	uint64_t *vals;
	size_t cap, used;
};

static size_t pmap_slot(const struct pmap *m, uintptr_t k)
{
	uint64_t h = (uint64_t)k * 0x9E3779B97F4A7C15ULL;

	return (size_t)(h >> 20) & (m->cap - 1);
}

static uint64_t *pmap_get(const struct pmap *m, uintptr_t k)
{
	size_t i;

	if (!m->cap)
		return NULL;
	for (i = pmap_slot(m, k); m->keys[i]; i = (i + 1) & (m->cap - 1))
		if (m->keys[i] == k)
			return &m->vals[i];
	return NULL;
}

static void pmap_put(struct pmap *m, uintptr_t k, uint64_t v);

static void pmap_grow(struct pmap *m)
{
	struct pmap old = *m;
	size_t i;

	m->cap = old.cap ? old.cap * 2 : 256;
	m->used = 0;
	m->keys = calloc(m->cap, sizeof(*m->keys));
	m->vals = calloc(m->cap, sizeof(*m->vals));
	if (!m->keys || !m->vals)
		abort();
	for (i = 0; i < old.cap; i++)
		if (old.keys[i])
			pmap_put(m, old.keys[i], old.vals[i]);
	free(old.keys);
	free(old.vals);
}

static void pmap_put(struct pmap *m, uintptr_t k, uint64_t v)
{
	size_t i;
	uint64_t *p = pmap_get(m, k);

	if (p) {
		*p = v;
		return;
	}
	if ((m->used + 1) * 4 > m->cap * 3)
		pmap_grow(m);
	for (i = pmap_slot(m, k); m->keys[i]; i = (i + 1) & (m->cap - 1))
		;
	m->keys[i] = k;
	m->vals[i] = v;
	m->used++;
}

static void pmap_del(struct pmap *m, uintptr_t k)
{
	size_t i, j;

	if (!m->cap)
		return;
	for (i = pmap_slot(m, k); m->keys[i] && m->keys[i] != k;
	     i = (i + 1) & (m->cap - 1))
		;
	if (!m->keys[i])
		return;
	m->keys[i] = 0;
	m->used--;
	for (j = (i + 1) & (m->cap - 1); m->keys[j]; j = (j + 1) & (m->cap - 1)) {
		size_t home = pmap_slot(m, m->keys[j]);

		/* Move j back into the hole at i unless its home lies in (i, j]. */
		if ((j > i && (home <= i || home > j)) || (j < i && home <= i && home > j)) {
			m->keys[i] = m->keys[j];
			m->vals[i] = m->vals[j];
			m->keys[j] = 0;
			i = j;
		}
	}
}

static void pmap_free(struct pmap *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

/* What the oracle knows of one cache: its slabs by ordinal. */
struct cache_rec {
	struct kmem_cache *cachep;
	struct slab **slabs;		/* index = ordinal; NULL once destroyed */
	size_t nslabs, cap;		/* ordinals 1..nslabs given so far */
};

struct label {
	char name[TRACE_NAME_MAX + 1];
	int live, zero, freed;
	void *ptr;
	struct kmem_cache *cachep;
	size_t rec;		/* index of its cache's record: a re-created cache may reuse cachep */
	uint64_t ordinal;
	size_t same_hash;	/* index + 1 of the previous label with this name hash */
};

struct replay {
	FILE *out, *err;
	jmp_buf exit_jmp;
	int status;
	int ncpus;
	int booted;
	unsigned long line;
	struct pmap cache_of;		/* kmem_cache * -> rec index + 1 */
	struct cache_rec *recs;
	size_t nrecs, caprecs;
	struct pmap slab_ord;		/* struct slab * -> ordinal */
	struct label *labels;
	size_t nlabels, caplabels;
	struct pmap label_of;		/* name hash -> index + 1 of its newest label */
	char **names;
	size_t nnames, capnames;
	struct trace_op hook;
	/*
	 * Objects handed out and not given back, by holder count (after
	 * boot), and how many of the holders are labels: a double free puts
	 * two copies of an object in an array, and the kernel may hand both
	 * out.  To two labels is defined (the DEBUG checks report it); once
	 * to its own use, the kernel's metadata would overlap another
	 * holder's: memory corruption, "outside".
	 */
	struct pmap held, by_label, copies;	/* copies: times given back, not yet taken */
	int tracking;
	struct kmem_cache *user_target;	/* cache of the label allocation under way */
};

static struct replay *R;
static unsigned long boot_printed;	/* printk lines so far (boot images) */

#define OFF_SLAB_FLAG(c) ((c)->flags & CFLGS_OFF_SLAB)

static void finish(int status) __attribute__((noreturn));
static void finish(int status)
{
	R->status = status;
	longjmp(R->exit_jmp, 1);
}

static void fail(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
static void fail(const char *fmt, ...)
{
	va_list ap;

	fflush(R->out);
	fprintf(R->err, "error %lu: ", R->line);
	va_start(ap, fmt);
	vfprintf(R->err, fmt, ap);
	va_end(ap);
	fputc('\n', R->err);
	finish(2);
}

/* The kernel's behaviour from here on is not defined: status 4. */
static void outside(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
static void outside(const char *fmt, ...)
{
	va_list ap;

	fflush(R->out);
	fprintf(R->err, "outside %lu: ", R->line);
	va_start(ap, fmt);
	vfprintf(R->err, fmt, ap);
	va_end(ap);
	fputc('\n', R->err);
	finish(4);
}

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n);

	if (!q) {
		fputs("slabref: out of memory\n", stderr);
		exit(70);
	}
	return q;
}

static struct cache_rec *rec_of(struct kmem_cache *c, int create)
{
	uint64_t *v = pmap_get(&R->cache_of, (uintptr_t)c);

	if (v)
		return &R->recs[*v - 1];
	if (!create)
		return NULL;
	if (R->nrecs == R->caprecs) {
		R->caprecs = R->caprecs ? 2 * R->caprecs : 64;
		R->recs = xrealloc(R->recs, R->caprecs * sizeof(*R->recs));
	}
	memset(&R->recs[R->nrecs], 0, sizeof(R->recs[0]));
	R->recs[R->nrecs].cachep = c;
	pmap_put(&R->cache_of, (uintptr_t)c, ++R->nrecs);
	return &R->recs[R->nrecs - 1];
}

static void on_printk(void *ctx, const char *line)
{
	(void)ctx;
	boot_printed++;
	fprintf(R->out, "printk: %s\n", line);
}

static void on_bug(void *ctx, const char *function) __attribute__((noreturn));
static void on_bug(void *ctx, const char *function)
{
	(void)ctx;
	fprintf(R->out, "bug %s\n", function);
	finish(3);
}

static void on_panic(void *ctx, const char *text) __attribute__((noreturn));
static void on_panic(void *ctx, const char *text)
{
	(void)ctx;
	fprintf(R->out, "panic: %s\n", text);
	finish(3);
}

/* The kernel's task dies in an oops: what follows is not defined. */
static void on_oops(void *ctx, const char *function, const char *what)
	__attribute__((noreturn));
static void on_oops(void *ctx, const char *function, const char *what)
{
	(void)ctx;
	outside("the kernel oopses in %s: %s", function, what);
}

static void on_linked(void *ctx, struct kmem_cache *c, struct slab *s)
{
	struct cache_rec *r = rec_of(c, 1);

	(void)ctx;
	if (r->nslabs + 1 >= r->cap) {
		r->cap = r->cap ? 2 * r->cap : 16;
		r->slabs = xrealloc(r->slabs, r->cap * sizeof(*r->slabs));
	}
	r->slabs[++r->nslabs] = s;
	pmap_put(&R->slab_ord, (uintptr_t)s, r->nslabs);
}

static int kernel_holds(void *p);
static uint64_t count_of(struct pmap *m, void *p);
static void outside_shared(void *p, const char *what) __attribute__((noreturn));

static void on_destroyed(void *ctx, struct kmem_cache *c, struct slab *s)
{
	struct cache_rec *r = rec_of(c, 0);
	uint64_t *k = pmap_get(&R->slab_ord, (uintptr_t)s);
	unsigned int i;

	(void)ctx;
	/* Duplicates of a double-freed object can make its slab look empty. */
	for (i = 0; R->tracking && i < c->num; i++) {
		char *p = (char *)s->s_mem + (size_t)i * c->buffer_size;
#if DEBUG
		p += obj_offset(c);
#endif
		if (kernel_holds(p))
			outside_shared(p, "(freed twice) is the kernel's own data, and "
				       "its slab is destroyed");
		if (count_of(&R->copies, p) > 1)
			outside_shared(p, "(freed twice) has its slab destroyed while a "
				       "copy of it is still in an array");
		/* The memory may come back as other objects. */
		pmap_del(&R->held, (uintptr_t)p);
		pmap_del(&R->by_label, (uintptr_t)p);
		pmap_del(&R->copies, (uintptr_t)p);
	}
	if (r && k && *k <= r->nslabs && r->slabs[*k] == s)
		r->slabs[*k] = NULL;
	pmap_del(&R->slab_ord, (uintptr_t)s);
}

static void outside_shared(void *p, const char *what)
{
	outside("object %p %s", p, what);
}

static uint64_t count_of(struct pmap *m, void *p)
{
	uint64_t *v = pmap_get(m, (uintptr_t)p);

	return v ? *v : 0;
}

/* Some holder of p is the kernel itself (not a label). */
static int kernel_holds(void *p)
{
	return count_of(&R->held, p) > count_of(&R->by_label, p);
}

static void on_obj_alloc(void *ctx, struct kmem_cache *c, void *p)
{
	uint64_t n, k;

	(void)ctx;
	if (!R->tracking)
		return;
	n = count_of(&R->held, p);
	/* Labels may share it with each other; the kernel's own data may not. */
	if (c != R->user_target ? n || count_of(&R->by_label, p) : kernel_holds(p))
		outside_shared(p, "(freed twice) is handed out while still held, and "
			       "the kernel's own data would share it");
	pmap_put(&R->held, (uintptr_t)p, n + 1);
	k = count_of(&R->copies, p);
	if (k > 1)
		pmap_put(&R->copies, (uintptr_t)p, k - 1);
	else if (k)
		pmap_del(&R->copies, (uintptr_t)p);
	/* Another copy could be handed out, drained or freed under it. */
	if (k > 1 && c != R->user_target)
		outside_shared(p, "(freed twice) is taken for the kernel's own data "
			       "while another copy of it is still free");
}

static void on_obj_free(void *ctx, struct kmem_cache *c, void *p)
{
	uint64_t *n;

	(void)ctx;
	(void)c;
	if (!R->tracking)
		return;
	n = pmap_get(&R->held, (uintptr_t)p);
	if (n && *n > 1)
		(*n)--;
	else if (n)
		pmap_del(&R->held, (uintptr_t)p);
	pmap_put(&R->copies, (uintptr_t)p, count_of(&R->copies, p) + 1);
}

/* A label now holds p (after its allocation) or no longer does (before its free). */
static void label_holds(void *p, int delta)
{
	uint64_t *u = pmap_get(&R->by_label, (uintptr_t)p);

	if (delta > 0)
		pmap_put(&R->by_label, (uintptr_t)p, u ? *u + 1 : 1);
	else if (u && *u > 1)
		(*u)--;
	else if (u)
		pmap_del(&R->by_label, (uintptr_t)p);
}

static void forget_cache(struct kmem_cache *c)
{
	uint64_t *v = pmap_get(&R->cache_of, (uintptr_t)c);
	size_t i;

	if (!v)
		return;
	/* Its slabs are all gone; the record stays so the vector can be freed. */
	for (i = 1; i <= R->recs[*v - 1].nslabs; i++)
		R->recs[*v - 1].slabs[i] = NULL;
	R->recs[*v - 1].cachep = NULL;
	pmap_del(&R->cache_of, (uintptr_t)c);
}

/*
 * FNV-1a; never 0, the map's empty key.  Equal hashes are chained.
 * tests.mk's test-collide builds the oracle with SLABREF_LABEL_HASH_MASK=3,
 * so that every label collides with a quarter of the others.
 */
#ifndef SLABREF_LABEL_HASH_MASK
#define SLABREF_LABEL_HASH_MASK UINT64_MAX
#endif
static uintptr_t label_hash(const char *name)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *name; name++)
		h = (h ^ (unsigned char)*name) * 0x100000001b3ULL;
	return (uintptr_t)((h & SLABREF_LABEL_HASH_MASK) | 4);
}

/* Traces name up to millions of objects: no scan over all labels. */
static struct label *find_label(const char *name)
{
	uint64_t *v = pmap_get(&R->label_of, label_hash(name));
	size_t i;

	for (i = v ? (size_t)*v : 0; i; i = R->labels[i - 1].same_hash)
		if (!strcmp(R->labels[i - 1].name, name))
			return &R->labels[i - 1];
	return NULL;
}

static struct label *new_label(const char *name)
{
	struct label *l = find_label(name);

	if (l)
		return l;
	if (R->nlabels == R->caplabels) {
		R->caplabels = R->caplabels ? 2 * R->caplabels : 64;
		R->labels = xrealloc(R->labels, R->caplabels * sizeof(*R->labels));
	}
	l = &R->labels[R->nlabels++];
	memset(l, 0, sizeof(*l));
	strcpy(l->name, name);
	{
		uintptr_t h = label_hash(name);
		uint64_t *v = pmap_get(&R->label_of, h);

		l->same_hash = v ? (size_t)*v : 0;
		pmap_put(&R->label_of, h, R->nlabels);
	}
	return l;
}

static const char *keep_name(const char *name)
{
	char *copy = xrealloc(NULL, strlen(name) + 1);

	strcpy(copy, name);
	if (R->nnames == R->capnames) {
		R->capnames = R->capnames ? 2 * R->capnames : 64;
		R->names = xrealloc(R->names, R->capnames * sizeof(*R->names));
	}
	R->names[R->nnames++] = copy;
	return copy;
}

static void check_cpu(uint64_t cpu)
{
	if (cpu >= (uint64_t)R->ncpus)
		fail("CPU %llu out of range (cpus %d)", (unsigned long long)cpu, R->ncpus);
}

static struct kmem_cache *cache_named(const char *name)
{
	struct kmem_cache *c = kmem_cache_lookup(name);

	if (!c)
		fail("no cache named %s", name);
	return c;
}

static void *raw_obj(struct kmem_cache *c, void *p)
{
#if DEBUG
	return (char *)p - obj_offset(c);
#else
	(void)c;
	return p;
#endif
}

static uint64_t ordinal_of(struct slab *s)
{
	uint64_t *k = pmap_get(&R->slab_ord, (uintptr_t)s);

	return k ? *k : 0;
}

static void check_label_free(const char *label)
{
	const struct label *l = find_label(label);

	if (l && l->live)
		fail("label %s reused while live", label);
}

/*
 * Records a fresh allocation under its label and prints "slab=K obj=I".
 * The caller has checked the label again after the allocation (an irq_hook
 * that fired inside it may have taken the label) and before printing the
 * start of the line: output before an error is whole lines.
 */
static void print_placement(const char *label, void *p)
{
	struct kmem_cache *c = virt_to_cache(p);
	struct slab *s = virt_to_slab(p);
	struct label *l;

	l = new_label(label);
	l->live = 1;
	l->zero = 0;
	l->freed = 0;
	l->ptr = p;
	l->cachep = c;
	l->rec = (size_t)(rec_of(c, 1) - R->recs);
	l->ordinal = ordinal_of(s);
	fprintf(R->out, " slab=%llu obj=%u\n", (unsigned long long)l->ordinal,
		obj_to_index(c, s, raw_obj(c, p)));
}

static struct label *live_label(const char *name)
{
	struct label *l = find_label(name);

	if (!l || !l->live)
		fail("unknown label %s", name);
	return l;
}

static void exec_op(const struct trace_op *op);

static void fire_hook(void *ctx)
{
	struct trace_op op = *(struct trace_op *)ctx;

	op.kind = op.hook_kind;
	exec_op(&op);
}

static void exec_alloc(const struct trace_op *op)
{
	struct kmem_cache *c, *saved;
	gfp_t gfp;
	void *p;

	check_cpu(op->cpu);
	c = cache_named(op->name);
	check_label_free(op->label);
	gfp = op->atomic ? GFP_ATOMIC : GFP_KERNEL;
	if (c->flags & SLAB_CACHE_DMA)
		gfp |= GFP_DMA;
	model_set_cpu((int)op->cpu);
	saved = R->user_target;
	R->user_target = c;
	p = kmem_cache_alloc(c, gfp);
	R->user_target = saved;
	if (!p) {
		fprintf(R->out, "alloc %s null\n", op->label);
		return;
	}
	/* An irq_hook that fired inside the allocation may have taken the label. */
	check_label_free(op->label);
	label_holds(p, 1);
	fprintf(R->out, "alloc %s", op->label);
	print_placement(op->label, p);
}

static void exec_kmalloc(const struct trace_op *op)
{
	gfp_t gfp = op->atomic ? GFP_ATOMIC : GFP_KERNEL;
	struct kmem_cache *saved;
	struct label *l;
	void *p;

	check_cpu(op->cpu);
	check_label_free(op->label);
	if (op->dma)
		gfp |= GFP_DMA;
	model_set_cpu((int)op->cpu);
	saved = R->user_target;
	R->user_target = kmem_find_general_cachep((size_t)op->size, gfp);
	p = kmalloc((size_t)op->size, gfp);
	R->user_target = saved;
	/* An irq_hook that fired inside the allocation may have taken the label. */
	if (p)
		check_label_free(op->label);
	if (p && p != ZERO_SIZE_PTR)
		label_holds(p, 1);
	if (!p) {
		fprintf(R->out, "kmalloc %s null\n", op->label);
	} else if (p == ZERO_SIZE_PTR) {
		l = new_label(op->label);
		l->live = 1;
		l->zero = 1;
		l->freed = 0;
		l->ptr = p;
		fprintf(R->out, "kmalloc %s zero\n", op->label);
	} else {
		fprintf(R->out, "kmalloc %s cache=%s", op->label, virt_to_cache(p)->name);
		print_placement(op->label, p);
	}
}

static void exec_free(const struct trace_op *op)
{
	struct label *l;

	check_cpu(op->cpu);
	l = live_label(op->label);
	l->live = 0;
	l->freed = 1;
	if (l->zero)
		return;
	label_holds(l->ptr, -1);
	model_set_cpu((int)op->cpu);
	if (op->kind == OP_KFREE)
		kfree(l->ptr);
	else
		kmem_cache_free(virt_to_cache(l->ptr), l->ptr);
}

static int list_has(struct list_head *head, struct slab *s)
{
	struct list_head *p;

	for (p = head->next; p != head; p = p->next)
		if ((char *)p - offsetof(struct slab, list) == (char *)s)
			return 1;
	return 0;
}

static void print_list(const char *tag, struct list_head *head)
{
	struct list_head *p;
	const char *sep = "";

	fprintf(R->out, " %s=", tag);
	if (head->next == head) {
		fputc('-', R->out);
		return;
	}
	for (p = head->next; p != head; p = p->next) {
		struct slab *s = (struct slab *)((char *)p - offsetof(struct slab, list));

		fprintf(R->out, "%s%llu", sep, (unsigned long long)ordinal_of(s));
		sep = ",";
	}
}

static void exec_state(const struct trace_op *op)
{
	struct kmem_cache *c = cache_named(op->name);
	struct kmem_list3 *l3 = c->nodelists[0];
	int cpu;

	fprintf(R->out, "state %s", op->name);
	print_list("full", &l3->slabs_full);
	print_list("partial", &l3->slabs_partial);
	print_list("free", &l3->slabs_free);
	fprintf(R->out, " free_objects=%lu free_limit=%u colour_next=%u",
		l3->free_objects, l3->free_limit, l3->colour_next);
	if (l3->shared)
		fprintf(R->out, " shared=%u/%u", l3->shared->avail, l3->shared->limit);
	else
		fputs(" shared=-", R->out);
	for (cpu = 0; cpu < R->ncpus; cpu++) {
		struct array_cache *ac = c->array[cpu];

		fprintf(R->out, " cpu%d=%u/%u/%u/%u", cpu, ac->avail, ac->limit,
			ac->batchcount, ac->touched);
	}
	fputc('\n', R->out);
}

static void exec_slab(const struct trace_op *op)
{
	struct kmem_cache *c = cache_named(op->name);
	struct cache_rec *r = rec_of(c, 0);
	struct kmem_list3 *l3 = c->nodelists[0];
	struct slab *s;
	const char *list;
	unsigned long colour;
	kmem_bufctl_t i;
	unsigned int steps;
	const char *sep = "";

	if (!r || op->n < 1 || op->n > r->nslabs)
		fail("cache %s never had slab %llu", op->name, (unsigned long long)op->n);
	s = r->slabs[op->n];
	if (!s) {
		fprintf(R->out, "slab %s %llu list=gone\n", op->name,
			(unsigned long long)op->n);
		return;
	}
	list = list_has(&l3->slabs_full, s) ? "full" :
	       list_has(&l3->slabs_partial, s) ? "partial" :
	       list_has(&l3->slabs_free, s) ? "free" : "none";
	colour = s->colouroff - (OFF_SLAB_FLAG(c) ? 0 : c->slab_size);
	fprintf(R->out, "slab %s %llu list=%s inuse=%u free=", op->name,
		(unsigned long long)op->n, list, s->inuse);
	if (s->free == BUFCTL_END)
		fputs("end", R->out);
	else
		fprintf(R->out, "%u", s->free);
	fprintf(R->out, " colour=%lu chain=", colour);
	if (s->free == BUFCTL_END)
		fputc('-', R->out);
	for (i = s->free, steps = 0; i != BUFCTL_END && steps <= c->num;
	     i = slab_bufctl(s)[i], steps++) {
		fprintf(R->out, "%s%u", sep, i);
		sep = ",";
		if (i >= c->num)
			break;
	}
	fputc('\n', R->out);
}

static void put_text(void *ctx, const char *text)
{
	(void)ctx;
	fputs(text, R->out);
}

static int is_boot_cache(struct kmem_cache *c)
{
	int i;

	if (c == &cache_cache)
		return 1;
	for (i = 0; i < NR_MALLOC_SIZES; i++)
		if (c == malloc_sizes[i].cs_cachep || c == malloc_sizes[i].cs_dmacachep)
			return 1;
	return 0;
}

static void exec_destroy(const struct trace_op *op)
{
	struct kmem_cache *c = cache_named(op->name);

	if (is_boot_cache(c))
		fail("destroy of the boot cache %s", op->name);
	model_set_cpu(0);
	kmem_cache_destroy(c);
	if (kmem_cache_lookup(op->name) == c) {
		fprintf(R->out, "destroy %s busy\n", op->name);
	} else {
		forget_cache(c);
		fprintf(R->out, "destroy %s ok\n", op->name);
	}
}

/* The kernel's "%d" conversion of a tune number (wrapping unsigned long, then int). */
static int tune_int(const char *s)
{
	unsigned long v = 0;
	int neg = (*s == '-');

	for (s += neg; *s; s++)
		v = v * 10 + (unsigned long)(*s - '0');
	if (neg)
		v = 0UL - v;
	return (int)(unsigned int)v;
}

static void exec_tune(const struct trace_op *op)
{
	char text[160];
	int n, limit, batch, shared;
	long res;
	struct kmem_cache *c;

	n = snprintf(text, sizeof(text), "%s %s %s %s\n", op->name, op->tune[0],
		     op->tune[1], op->tune[2]);
	model_set_cpu(0);
	c = kmem_cache_lookup(op->name);
	limit = tune_int(op->tune[0]);
	batch = tune_int(op->tune[1]);
	shared = tune_int(op->tune[2]);
	res = slabinfo_write(text, (size_t)n);
	fprintf(R->out, "tune %s %s\n", op->name, res == n ? "ok" :
		res == -ENOMEM ? "enomem" : "einval");
	/*
	 * Only an applied array corrupts: a failed allocation leaves nothing
	 * behind (the one size that does not fail cleanly, 0, oopses first).
	 * do_tune_cpucache installs the per-CPU arrays and sets
	 * cachep->limit before alloc_kmemlist allocates the shared array, so
	 * a shared array that fails (-ENOMEM) leaves the new limit applied:
	 * that is read from the cache, not from the verdict.  The shared
	 * array itself is installed only when the whole tune succeeds.
	 */
	if (c && limit >= 1 && batch >= 1 && batch <= limit && shared >= 0 &&
	    ((limit >= (1 << 28) && c->limit == (unsigned int)limit) ||
	     (res == n && (uint64_t)shared * (uint64_t)batch >= (1u << 28))))
		outside("an array of 2^28 or more entries overflows the kernel's "
			"int size computation");
}

static void exec_debug_op(const struct trace_op *op);

static void exec_op(const struct trace_op *op)
{
	struct kmem_cache *c;

	switch (op->kind) {
	case OP_CREATE:
		model_set_cpu(0);
		c = kmem_cache_create(keep_name(op->name), (size_t)op->size,
				      (size_t)op->align, op->flags, NULL);
		if (!c) {
			fprintf(R->out, "create %s null\n", op->name);
			break;
		}
		fprintf(R->out, "create %s objsize=%u num=%u order=%u colour=%zu "
			"colour_off=%u slab_size=%u off_slab=%d limit=%u "
			"batchcount=%u shared=%u\n", op->name, c->buffer_size,
			c->num, c->gfporder, c->colour, c->colour_off,
			c->slab_size, OFF_SLAB_FLAG(c) ? 1 : 0, c->limit,
			c->batchcount, c->shared);
		break;
	case OP_ALLOC:
		exec_alloc(op);
		break;
	case OP_KMALLOC:
		exec_kmalloc(op);
		break;
	case OP_FREE:
	case OP_KFREE:
		exec_free(op);
		break;
	case OP_REAP:
	case OP_REAP_LOCAL:
		check_cpu(op->cpu);
		if (op->kind == OP_REAP)
			/* Past every next_reap: each is at most 2 * REAPTIMEOUT_LIST3 ahead. */
			model_advance_jiffies(2 * 4 * HZ + 1);
		model_set_cpu((int)op->cpu);
		cache_reap();
		break;
	case OP_SHRINK:
		c = cache_named(op->name);
		model_set_cpu(0);
		fprintf(R->out, "shrink %s ret=%d\n", op->name, kmem_cache_shrink(c));
		break;
	case OP_DESTROY:
		exec_destroy(op);
		break;
	case OP_TUNE:
		exec_tune(op);
		break;
	case OP_FAIL_PAGES:
		model_fail_pages((unsigned long)op->n);
		break;
	case OP_IRQ_HOOK:
		check_cpu(op->cpu);
		R->hook = *op;
		model_set_irq_hook((int)op->cpu, fire_hook, &R->hook);
		break;
	case OP_STATE:
		exec_state(op);
		break;
	case OP_SLAB:
		exec_slab(op);
		break;
	case OP_SLABINFO:
		model_set_cpu(0);
		slabinfo_show(put_text, NULL);
		fputs("end\n", R->out);
		break;
	default:
		exec_debug_op(op);
		break;
	}
}

#if DEBUG
#include "replay_debug.c"
#else
static void exec_debug_op(const struct trace_op *op)
{
	fail("operation %d is not in this build", (int)op->kind);
}
#endif

/*
 * Boot images (slabref_replay_cache_boots): per CPU count, the model's
 * state right after boot and the oracle's record of it (slab ordinals),
 * restored instead of booting again.  Only boots that printed nothing.
 */
static struct boot_image {
	struct model_snapshot *snap;
	struct cache_rec *recs;
	size_t nrecs;
	struct pmap cache_of, slab_ord;
} images[NR_CPUS + 1];
static int cache_boots;

static void pmap_copy(struct pmap *dst, const struct pmap *src)
{
	*dst = *src;
	if (!src->cap)
		return;
	dst->keys = xrealloc(NULL, src->cap * sizeof(*dst->keys));
	dst->vals = xrealloc(NULL, src->cap * sizeof(*dst->vals));
	memcpy(dst->keys, src->keys, src->cap * sizeof(*dst->keys));
	memcpy(dst->vals, src->vals, src->cap * sizeof(*dst->vals));
}

static struct cache_rec *recs_copy(const struct cache_rec *src, size_t n, size_t cap)
{
	struct cache_rec *r = xrealloc(NULL, (cap ? cap : 1) * sizeof(*r));
	size_t i;

	for (i = 0; i < n; i++) {
		r[i] = src[i];
		r[i].slabs = NULL;
		if (src[i].cap) {
			r[i].slabs = xrealloc(NULL, src[i].cap * sizeof(*r[i].slabs));
			memcpy(r[i].slabs, src[i].slabs, src[i].cap * sizeof(*r[i].slabs));
		}
	}
	return r;
}

static void boot(void)
{
	static const struct model_callbacks cb = {
		.printk_line = on_printk, .bug = on_bug, .panic = on_panic,
		.oops = on_oops,
		.slab_linked = on_linked, .slab_destroyed = on_destroyed,
		.obj_alloc = on_obj_alloc, .obj_free = on_obj_free,
	};
	struct boot_image *im = &images[R->ncpus];
	unsigned long printed = boot_printed;

	if (cache_boots && im->snap) {
		model_snapshot_restore(im->snap);
		R->recs = recs_copy(im->recs, im->nrecs, im->nrecs);
		R->nrecs = R->caprecs = im->nrecs;
		pmap_copy(&R->cache_of, &im->cache_of);
		pmap_copy(&R->slab_ord, &im->slab_ord);
		R->booted = 1;
		R->tracking = 1;
		return;
	}
	model_reset(R->ncpus, &cb);
	model_boot();
	R->booted = 1;
	R->tracking = 1;
	if (cache_boots && boot_printed == printed) {
		im->snap = model_snapshot_save();
		im->recs = recs_copy(R->recs, R->nrecs, R->nrecs);
		im->nrecs = R->nrecs;
		pmap_copy(&im->cache_of, &R->cache_of);
		pmap_copy(&im->slab_ord, &R->slab_ord);
	}
}

void slabref_replay_cache_boots(int max_cpus)
{
	char text[32];
	int n;

	cache_boots = 1;
	for (n = 1; n <= max_cpus && n <= NR_CPUS; n++) {
		FILE *null = fopen("/dev/null", "w");

		if (!null)
			return;
		snprintf(text, sizeof(text), "cpus %d\n", n);
		slabref_replay(text, strlen(text), null, null);
		fclose(null);
	}
}

static void cleanup(struct replay *r)
{
	size_t i;

	for (i = 0; i < r->nrecs; i++)
		free(r->recs[i].slabs);
	free(r->recs);
	free(r->labels);
	for (i = 0; i < r->nnames; i++)
		free(r->names[i]);
	free(r->names);
	pmap_free(&r->cache_of);
	pmap_free(&r->slab_ord);
	pmap_free(&r->held);
	pmap_free(&r->by_label);
	pmap_free(&r->copies);
	pmap_free(&r->label_of);
}

static void run(const char *text, size_t len)
{
	size_t pos = 0;
	int seen_cpus = 0;

	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
		struct trace_op op;
		char msg[160];
		int got;

		R->line++;
		got = trace_parse_line(text + pos, n, R->line, DEBUG, &op,
				       msg, sizeof(msg));
		pos += n + 1;
		if (got < 0)
			fail("%s", msg);
		if (got == 0)
			continue;
		if (op.kind == OP_CPUS) {
			if (seen_cpus)
				fail("a second cpus line");
			if (R->booted)
				fail("cpus after the first operation");
			seen_cpus = 1;
			R->ncpus = (int)op.cpu;
			continue;
		}
		if (!R->booted)
			boot();
		exec_op(&op);
	}
	if (!R->booted)
		boot();
}

int slabref_replay(const char *text, size_t len, FILE *out, FILE *err)
{
	struct replay r;

	memset(&r, 0, sizeof(r));
	r.out = out;
	r.err = err;
	r.ncpus = 2;
	R = &r;
	if (setjmp(r.exit_jmp) == 0)
		run(text, len);
	fflush(out);
	cleanup(&r);
	R = NULL;
	return r.status;
}
