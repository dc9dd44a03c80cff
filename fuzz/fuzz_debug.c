/*
 * fuzz_debug: DEBUG-build misuse harness.  Bytes become a DEBUG trace
 * (oracle-trace-v1.md, "DEBUG builds") mixing valid operations with
 * double frees (refree) and writes inside the object's buffer (poke) on
 * live and freed labels; slabref_replay from the DEBUG library runs it.
 *
 * Oracles:
 *  - never a crash or a sanitizer report; the status is 0, 2, 3 or 4;
 *  - the generator never writes an invalid line, so status 2 may only come
 *    from "the slab of label X has been released" (a poke/refree after the
 *    slab went away, which the generator cannot predict);
 *  - detectable misuse must be reported: a refree, or a poke that changes
 *    a red-zone byte of a live object, in a cache whose red zones are
 *    guaranteed (created with flags 0, align 0, size <= 2048, so
 *    FORCED_DEBUG adds RED_ZONE|STORE_USER|POISON), must produce a kernel
 *    diagnostic (a "printk:" line, or "bug"), because the epilogue frees
 *    every live label and shrinks every cache.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "replay.h"
#include "sink.h"

#define NLABELS	12
#define NCACHES	4

/* RED_ACTIVE, little-endian bytes. */
static const uint8_t red_active[8] = { 0xc0, 0x88, 0x56, 0x63, 0xc5, 0x56, 0x41, 0xd8 };

struct gen {
	const uint8_t *d;
	size_t n, pos;
	char *text;
	size_t len, cap;
	int ncpus;
	struct { int exists, plain; unsigned size; } cache[NCACHES];
	/* label: 0 unused, 1 live, 2 freed; cache index or -1 for kmalloc. */
	struct { int state, cache; unsigned size; } label[NLABELS];
	int guaranteed;
};

static uint8_t b(struct gen *g)
{
	return g->pos < g->n ? g->d[g->pos++] : 0;
}

static void emit(struct gen *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#include <stdarg.h>
static void emit(struct gen *g, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (g->cap - g->len < 256) {
		g->cap = g->cap ? g->cap * 2 : 4096;
		g->text = realloc(g->text, g->cap);
		if (!g->text)
			abort();
	}
	va_start(ap, fmt);
	k = vsnprintf(g->text + g->len, g->cap - g->len, fmt, ap);
	va_end(ap);
	if (k < 0 || (size_t)k >= g->cap - g->len)
		abort();
	g->len += (size_t)k;
}

/* DESTROY_BY_RCU with POISON is a BUG in kmem_cache_create (status 3). */
static const char *const flagnames[] = {
	"HWCACHE_ALIGN", "RED_ZONE", "POISON", "STORE_USER", "RECLAIM_ACCOUNT",
	"CACHE_DMA", "MEM_SPREAD", "DESTROY_BY_RCU",
};

static void gen_create(struct gen *g, int i)
{
	uint8_t m = b(g), s1 = b(g), s2 = b(g);
	unsigned size = 8 + ((unsigned)s1 | (unsigned)s2 << 8) % (m & 1 ? 8192 : 2041);
	/* Rarely, near KMALLOC_MAX_SIZE: with debug words no order fits it. */
	int huge = (m & 0x0f) == 0x0f;
	char flags[128] = "0";
	unsigned align = 0;
	size_t k;

	if (huge)
		size = (1u << 22) - 8 * (s1 % 4);
	g->cache[i].plain = !(m & 2);
	if (m & 2) {
		align = m & 4 ? 1u << (m >> 4) % 13 : 0;
		flags[0] = 0;
		for (k = 0; k < sizeof(flagnames) / sizeof(flagnames[0]); k++)
			if (s2 & (1u << k)) {
				if (flags[0])
					strcat(flags, "|");
				strcat(flags, flagnames[k]);
			}
		if (!flags[0])
			strcpy(flags, "0");
	}
	if (huge) {
		/* It may fail ("create null"): a name nothing else refers to. */
		emit(g, "create big%d %u %u %s\n", i, size, align, flags);
		return;
	}
	if (size > 2048)
		g->cache[i].plain = 0;
	emit(g, "create c%d %u %u %s\n", i, size, align, flags);
	g->cache[i].exists = 1;
	g->cache[i].size = size;
}

static void gen_free_all(struct gen *g)
{
	int i;

	for (i = 0; i < NLABELS; i++)
		if (g->label[i].state == 1) {
			emit(g, "%s 0 L%d\n", g->label[i].cache < 0 ? "kfree" : "free", i);
			g->label[i].state = 2;
		}
}

static void generate(struct gen *g)
{
	int ops = 0, i;

	g->ncpus = 1 + b(g) % 4;
	emit(g, "cpus %d\n", g->ncpus);
	gen_create(g, 0);
	while (g->pos < g->n && ops++ < 200) {
		uint8_t op = b(g), a = b(g), c = b(g);
		int l = a % NLABELS, cpu = c % g->ncpus, ci = c / 16 % NCACHES;

		switch (op % 12) {
		case 0:
			if (!g->cache[ci].exists)
				gen_create(g, ci);
			break;
		case 1: case 2:	/* alloc */
			if (g->label[l].state == 1 || !g->cache[ci].exists)
				break;
			emit(g, "alloc %d c%d L%d%s\n", cpu, ci, l, op & 16 ? " atomic" : "");
			g->label[l].state = 1;
			g->label[l].cache = ci;
			g->label[l].size = g->cache[ci].size;
			break;
		case 3: {	/* kmalloc */
			unsigned size = 1 + (unsigned)b(g) * (op & 16 ? 17 : 1);

			if (g->label[l].state == 1)
				break;
			emit(g, "kmalloc %d %u L%d%s\n", cpu, size, l, op & 32 ? " atomic" : "");
			g->label[l].state = 1;
			g->label[l].cache = -1;
			g->label[l].size = size;
			break;
		}
		case 4: case 5:	/* free */
			if (g->label[l].state != 1)
				break;
			emit(g, "%s %d L%d\n", g->label[l].cache < 0 ? "kfree" : "free", cpu, l);
			g->label[l].state = 2;
			break;
		case 6:		/* double free */
			if (g->label[l].state != 2)
				break;
			emit(g, "refree %d L%d\n", cpu, l);
			if (g->label[l].cache >= 0 && g->cache[g->label[l].cache].plain)
				g->guaranteed++;
			break;
		case 7: {	/* write inside the buffer: body, red zones */
			unsigned sz = g->label[l].size, ow = (sz + 7) & ~7u;
			int plain = g->label[l].cache >= 0 && g->cache[g->label[l].cache].plain;
			long off;
			uint8_t byte = b(g);

			if (!g->label[l].state)
				break;
			if (plain && (op & 16)) {
				/* A red-zone byte: -8..-1 or ow..ow+7. */
				int k = b(g) % 16;

				off = k < 8 ? k - 8 : (long)ow + (k - 8);
				if (g->label[l].state == 1) {
					byte = red_active[(k + 8) % 8] ^ (byte | 1);
					g->guaranteed++;
				}
			} else {
				off = (long)(((unsigned)b(g) | (unsigned)b(g) << 8) % sz);
			}
			emit(g, "poke L%d %ld 0x%02x\n", l, off, byte);
			break;
		}
		case 8:
			if (g->label[l].state)
				emit(g, "peek L%d %u\n", l, (unsigned)b(g) % g->label[l].size);
			break;
		case 9:
			emit(g, a & 1 ? "reap %d\n" : "reap_local %d\n", cpu);
			break;
		case 10:
			if (g->cache[ci].exists)
				emit(g, "shrink c%d\n", ci);
			break;
		default:
			if (g->cache[ci].exists)
				emit(g, "tune c%d %d %d %d\n", ci, 1 + a % 40, 1 + c % 20, op / 16 % 9);
			break;
		}
	}
	/* Epilogue: every live label freed, every cache flushed and shrunk. */
	gen_free_all(g);
	for (i = 0; i < NCACHES; i++)
		if (g->cache[i].exists)
			emit(g, "shrink c%d\n", i);
	emit(g, "shrink size-32\nreap 0\n");
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* Boot each CPU count once; every trace then restores a snapshot. */
	slabref_replay_cache_boots(4);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct sink out, err;
	/* The trace's buffer too is kept from input to input. */
	static char *text;
	static size_t text_cap;
	struct gen g;
	const char *outbuf, *errbuf;
	size_t outlen;
	int rc, bad = 0;

	memset(&g, 0, sizeof(g));
	g.d = data;
	g.n = size;
	g.text = text;
	g.cap = text_cap;
	generate(&g);
	text = g.text;
	text_cap = g.cap;
	rc = slabref_replay(g.text, g.len, sink_begin(&out), sink_begin(&err));
	sink_end(&out);
	sink_end(&err);
	outbuf = out.buf;
	outlen = out.len;
	errbuf = err.buf;
	switch (rc) {
	case 0:
		bad = g.guaranteed && !strstr(outbuf, "printk: ");
		break;
	case 2:
		bad = !strstr(errbuf, "has been released");
		break;
	case 3:
		bad = !(strstr(outbuf, "bug ") || strstr(outbuf, "panic: "));
		break;
	case 4:
		bad = strncmp(errbuf, "outside ", 8) != 0;
		break;
	default:
		bad = 1;
	}
	if (bad) {
		fprintf(stderr, "fuzz_debug: status %d, %d guaranteed misuses, stderr "
			"\"%s\"\n--- trace ---\n%.*s--- output tail ---\n%s\n", rc,
			g.guaranteed, errbuf, (int)g.len, g.text,
			outlen > 2000 ? outbuf + outlen - 2000 : outbuf);
		abort();
	}
	return 0;
}
