/*
 * The oracle trace language (spec/oracle-trace.md): one parsed line.
 */
#ifndef SLABREF_TRACE_H
#define SLABREF_TRACE_H

#include <stddef.h>
#include <stdint.h>

#define TRACE_NAME_MAX 31

enum trace_kind {
	OP_NONE, OP_CPUS, OP_CREATE, OP_ALLOC, OP_FREE, OP_KMALLOC, OP_KFREE,
	OP_REAP, OP_REAP_LOCAL, OP_SHRINK, OP_DESTROY, OP_TUNE, OP_FAIL_PAGES,
	OP_IRQ_HOOK, OP_STATE, OP_SLAB, OP_SLABINFO, OP_POKE, OP_PEEK, OP_REFREE
};

struct trace_op {
	enum trace_kind kind;
	unsigned long line;
	uint64_t cpu;			/* cpus N, or the CPU of a per-CPU op */
	char name[TRACE_NAME_MAX + 1];	/* cache */
	char label[TRACE_NAME_MAX + 1];
	uint64_t size, align, n;	/* create / kmalloc; fail_pages; slab K */
	unsigned long flags;		/* create */
	int atomic, dma;
	char tune[3][24];		/* tune numbers as written */
	int64_t offset;			/* poke / peek */
	unsigned int byte;		/* poke */
	/* irq_hook: the operation it carries (alloc, free, kmalloc or kfree). */
	enum trace_kind hook_kind;
};

/*
 * Parses one line (without its newline).  Returns 1 with *op filled, 0 for
 * a blank or comment line, -1 with a message in err.  The irq_hook operation
 * is returned as kind OP_IRQ_HOOK with the carried op in the other fields
 * and its kind in hook_kind.
 */
int trace_parse_line(const char *line, size_t len, unsigned long lineno,
		     int debug_ops, struct trace_op *op, char *err, size_t errlen);

#endif
