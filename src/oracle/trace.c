/*
 * Lexer and parser of the trace language.  Only the lexical and syntactic
 * rules live here; the replay checks names, labels and CPUs against state.
 */
#include <stdio.h>
#include <string.h>
#include "slabref/slab.h"
#include "trace.h"

#define MAX_TOKENS 16

struct tokens {
	int n;
	const char *s[MAX_TOKENS];
	size_t len[MAX_TOKENS];
};

static int tokenize(const char *line, size_t len, struct tokens *t)
{
	size_t i = 0;

	t->n = 0;
	while (i < len) {
		size_t start;

		while (i < len && (line[i] == ' ' || line[i] == '\t'))
			i++;
		if (i >= len || line[i] == '#')
			break;
		start = i;
		while (i < len && line[i] != ' ' && line[i] != '\t' && line[i] != '#')
			i++;
		if (t->n == MAX_TOKENS)
			return -1;
		t->s[t->n] = line + start;
		t->len[t->n] = i - start;
		t->n++;
	}
	return 0;
}

static int tok_is(const struct tokens *t, int i, const char *word)
{
	return t->len[i] == strlen(word) && !memcmp(t->s[i], word, t->len[i]);
}

static int parse_name(const struct tokens *t, int i, char *out)
{
	size_t k;

	if (t->len[i] < 1 || t->len[i] > TRACE_NAME_MAX)
		return -1;
	for (k = 0; k < t->len[i]; k++) {
		char c = t->s[i][k];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '.' ||
		      c == '(' || c == ')' || c == '-'))
			return -1;
	}
	memcpy(out, t->s[i], t->len[i]);
	out[t->len[i]] = '\0';
	return 0;
}

static int parse_u64(const struct tokens *t, int i, uint64_t *out)
{
	const char *s = t->s[i];
	size_t n = t->len[i], k;
	uint64_t v = 0;

	if (n > 2 && s[0] == '0' && s[1] == 'x') {
		/*
		 * The contract bounds the value, not the digits: leading
		 * zeros do not count towards the 16 that fit in 64 bits.
		 */
		for (k = 2; k < n - 1 && s[k] == '0'; k++)
			;
		if (n - k > 16)
			return -1;
		for (; k < n; k++) {
			char c = s[k];
			unsigned d;

			if (c >= '0' && c <= '9')
				d = (unsigned)(c - '0');
			else if (c >= 'a' && c <= 'f')
				d = (unsigned)(c - 'a' + 10);
			else if (c >= 'A' && c <= 'F')
				d = (unsigned)(c - 'A' + 10);
			else
				return -1;
			v = v * 16 + d;
		}
	} else {
		if (n == 0)
			return -1;
		for (k = 0; k < n; k++) {
			unsigned d;

			if (s[k] < '0' || s[k] > '9')
				return -1;
			d = (unsigned)(s[k] - '0');
			if (v > (UINT64_MAX - d) / 10)
				return -1;
			v = v * 10 + d;
		}
	}
	*out = v;
	return 0;
}

static int parse_i64(const struct tokens *t, int i, int64_t *out)
{
	struct tokens sub = *t;
	uint64_t v;
	int neg = 0;

	if (t->len[i] > 0 && t->s[i][0] == '-') {
		neg = 1;
		sub.s[i]++;
		sub.len[i]--;
	}
	if (parse_u64(&sub, i, &v) || v > (uint64_t)INT64_MAX)
		return -1;
	*out = neg ? -(int64_t)v : (int64_t)v;
	return 0;
}

static int parse_tune_number(const struct tokens *t, int i, char *out)
{
	size_t k = 0, n = t->len[i];

	if (n && t->s[i][0] == '-')
		k = 1;
	if (n - k < 1 || n - k > 20)
		return -1;
	for (; k < n; k++)
		if (t->s[i][k] < '0' || t->s[i][k] > '9')
			return -1;
	memcpy(out, t->s[i], n);
	out[n] = '\0';
	return 0;
}

static const struct { const char *name; unsigned long flag; } flag_names[] = {
	{ "HWCACHE_ALIGN", SLAB_HWCACHE_ALIGN },
	{ "CACHE_DMA", SLAB_CACHE_DMA },
	{ "RECLAIM_ACCOUNT", SLAB_RECLAIM_ACCOUNT },
	{ "PANIC", SLAB_PANIC },
	{ "DESTROY_BY_RCU", SLAB_DESTROY_BY_RCU },
	{ "MEM_SPREAD", SLAB_MEM_SPREAD },
	{ "NOLEAKTRACE", SLAB_NOLEAKTRACE },
	{ "RED_ZONE", SLAB_RED_ZONE },
	{ "POISON", SLAB_POISON },
	{ "STORE_USER", SLAB_STORE_USER },
};

static int parse_flags(const struct tokens *t, int i, unsigned long *out)
{
	const char *s = t->s[i], *end = s + t->len[i];

	*out = 0;
	if (tok_is(t, i, "0"))
		return 0;
	while (s < end) {
		const char *bar = memchr(s, '|', (size_t)(end - s));
		size_t n = bar ? (size_t)(bar - s) : (size_t)(end - s), k;
		int found = 0;

		for (k = 0; k < sizeof(flag_names) / sizeof(flag_names[0]); k++) {
			if (strlen(flag_names[k].name) == n &&
			    !memcmp(flag_names[k].name, s, n)) {
				*out |= flag_names[k].flag;
				found = 1;
			}
		}
		if (!found)
			return -1;
		if (!bar)
			break;
		s = bar + 1;
		if (s == end)
			return -1;
	}
	return 0;
}

#define FAIL(...) do { snprintf(err, errlen, __VA_ARGS__); return -1; } while (0)

/* The four operations an irq_hook may carry, and the ordinary ones. */
static int parse_op(const struct tokens *t, int first, int debug_ops,
		    struct trace_op *op, char *err, size_t errlen)
{
	int n = t->n - first, i = first;
	const char *what;

	if (tok_is(t, i, "alloc")) {
		op->kind = OP_ALLOC;
		if (n != 4 && n != 5)
			FAIL("alloc takes CPU NAME LABEL [atomic]");
		if (parse_u64(t, i + 1, &op->cpu))
			FAIL("bad CPU number");
		if (parse_name(t, i + 2, op->name))
			FAIL("bad cache name");
		if (parse_name(t, i + 3, op->label))
			FAIL("bad label");
		if (n == 5) {
			if (!tok_is(t, i + 4, "atomic"))
				FAIL("unknown alloc option");
			op->atomic = 1;
		}
		return 1;
	}
	if (tok_is(t, i, "free") || tok_is(t, i, "kfree") ||
	    (debug_ops && tok_is(t, i, "refree"))) {
		op->kind = tok_is(t, i, "free") ? OP_FREE :
			   tok_is(t, i, "kfree") ? OP_KFREE : OP_REFREE;
		if (n != 3)
			FAIL("%.*s takes CPU LABEL", (int)t->len[i], t->s[i]);
		if (parse_u64(t, i + 1, &op->cpu))
			FAIL("bad CPU number");
		if (parse_name(t, i + 2, op->label))
			FAIL("bad label");
		return 1;
	}
	if (tok_is(t, i, "kmalloc")) {
		int k = i + 4;

		op->kind = OP_KMALLOC;
		if (n < 4 || n > 6)
			FAIL("kmalloc takes CPU SIZE LABEL [atomic] [dma]");
		if (parse_u64(t, i + 1, &op->cpu))
			FAIL("bad CPU number");
		if (parse_u64(t, i + 2, &op->size))
			FAIL("bad size");
		if (parse_name(t, i + 3, op->label))
			FAIL("bad label");
		if (k < t->n && tok_is(t, k, "atomic")) {
			op->atomic = 1;
			k++;
		}
		if (k < t->n && tok_is(t, k, "dma")) {
			op->dma = 1;
			k++;
		}
		if (k != t->n)
			FAIL("unknown kmalloc option (the order is atomic dma)");
		return 1;
	}
	if (first > 0)
		FAIL("irq_hook carries alloc, free, kmalloc or kfree");

	what = NULL;
	if (tok_is(t, i, "cpus")) {
		op->kind = OP_CPUS;
		if (n != 2 || parse_u64(t, i + 1, &op->cpu))
			FAIL("cpus takes a number");
		if (op->cpu < 1 || op->cpu > NR_CPUS)
			FAIL("cpus must be 1 to %d", NR_CPUS);
	} else if (tok_is(t, i, "create")) {
		op->kind = OP_CREATE;
		if (n != 5)
			FAIL("create takes NAME SIZE ALIGN FLAGS");
		if (parse_name(t, i + 1, op->name))
			FAIL("bad cache name");
		if (parse_u64(t, i + 2, &op->size))
			FAIL("bad size");
		if (parse_u64(t, i + 3, &op->align))
			FAIL("bad align");
		if (op->align > 4096 || (op->align & (op->align - 1)))
			FAIL("align must be 0 or a power of two up to 4096");
		if (parse_flags(t, i + 4, &op->flags))
			FAIL("bad flags");
	} else if (tok_is(t, i, "reap") || tok_is(t, i, "reap_local")) {
		op->kind = tok_is(t, i, "reap") ? OP_REAP : OP_REAP_LOCAL;
		if (n != 2 || parse_u64(t, i + 1, &op->cpu))
			FAIL("%.*s takes CPU", (int)t->len[i], t->s[i]);
	} else if (tok_is(t, i, "shrink")) {
		op->kind = OP_SHRINK;
		what = "shrink takes NAME";
	} else if (tok_is(t, i, "destroy")) {
		op->kind = OP_DESTROY;
		what = "destroy takes NAME";
	} else if (tok_is(t, i, "state")) {
		op->kind = OP_STATE;
		what = "state takes NAME";
	} else if (tok_is(t, i, "tune")) {
		int k;

		op->kind = OP_TUNE;
		if (n != 5)
			FAIL("tune takes NAME LIMIT BATCHCOUNT SHARED");
		if (parse_name(t, i + 1, op->name))
			FAIL("bad cache name");
		for (k = 0; k < 3; k++)
			if (parse_tune_number(t, i + 2 + k, op->tune[k]))
				FAIL("bad tune number");
	} else if (tok_is(t, i, "fail_pages")) {
		op->kind = OP_FAIL_PAGES;
		if (n != 2 || parse_u64(t, i + 1, &op->n))
			FAIL("fail_pages takes a number");
	} else if (tok_is(t, i, "irq_hook")) {
		int r;

		if (n < 2)
			FAIL("irq_hook takes an operation");
		r = parse_op(t, i + 1, 0, op, err, errlen);
		if (r < 0)
			return r;
		op->hook_kind = op->kind;
		op->kind = OP_IRQ_HOOK;
	} else if (tok_is(t, i, "slab")) {
		op->kind = OP_SLAB;
		if (n != 3)
			FAIL("slab takes NAME K");
		if (parse_name(t, i + 1, op->name))
			FAIL("bad cache name");
		if (parse_u64(t, i + 2, &op->n))
			FAIL("bad slab ordinal");
	} else if (tok_is(t, i, "slabinfo")) {
		op->kind = OP_SLABINFO;
		if (n != 1)
			FAIL("slabinfo takes nothing");
	} else if (debug_ops && (tok_is(t, i, "poke") || tok_is(t, i, "peek"))) {
		op->kind = tok_is(t, i, "poke") ? OP_POKE : OP_PEEK;
		if (n != (op->kind == OP_POKE ? 4 : 3))
			FAIL(op->kind == OP_POKE ? "poke takes LABEL OFFSET BYTE" :
			     "peek takes LABEL OFFSET");
		if (parse_name(t, i + 1, op->label))
			FAIL("bad label");
		if (parse_i64(t, i + 2, &op->offset))
			FAIL("bad offset");
		if (op->kind == OP_POKE) {
			uint64_t b;

			if (parse_u64(t, i + 3, &b) || b > 255)
				FAIL("bad byte");
			op->byte = (unsigned int)b;
		}
	} else {
		FAIL("unknown operation '%.*s'", (int)(t->len[i] > 40 ? 40 : t->len[i]),
		     t->s[i]);
	}
	if (what && (n != 2 || parse_name(t, i + 1, op->name)))
		FAIL("%s", what);
	return 1;
}

int trace_parse_line(const char *line, size_t len, unsigned long lineno,
		     int debug_ops, struct trace_op *op, char *err, size_t errlen)
{
	struct tokens t;
	size_t k;

	memset(op, 0, sizeof(*op));
	op->line = lineno;
	for (k = 0; k < len; k++)
		if (line[k] == '\0' || line[k] == '\r')
			FAIL("control character in line");
	if (tokenize(line, len, &t))
		FAIL("too many tokens");
	if (t.n == 0)
		return 0;
	return parse_op(&t, 0, debug_ops, op, err, errlen);
}
