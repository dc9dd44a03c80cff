/*
 * DEBUG-build trace operations (included by replay.c when DEBUG):
 * poke, peek and refree on live or last-freed labels.
 */

/* The label's slab must still exist: its memory is only ours while it does. */
static struct label *debug_label(const char *name, int want_live)
{
	struct label *l = find_label(name);
	struct cache_rec *r;

	if (!l || (!l->live && !l->freed))
		fail("unknown label %s", name);
	if (want_live == 0 && l->live)
		fail("label %s is still live", name);
	if (l->zero)
		return l;
	/*
	 * The record of the cache the object came from, not the one now at
	 * its address: a destroyed cache's descriptor is reused by the next
	 * create, whose slabs count from 1 again.  forget_cache cleared the
	 * old record's slabs, so its objects' slabs read as released.
	 */
	r = &R->recs[l->rec];
	if (l->ordinal < 1 || l->ordinal > r->nslabs || !r->slabs[l->ordinal])
		fail("the slab of label %s has been released", name);
	return l;
}

static unsigned char *debug_byte(const struct trace_op *op)
{
	struct label *l = debug_label(op->label, -1);
	struct kmem_cache *c;

	if (l->zero)
		fail("label %s is a zero-size allocation", op->label);
	c = l->cachep;
	if (op->offset < -(int64_t)obj_offset(c) ||
	    op->offset >= (int64_t)c->buffer_size - obj_offset(c))
		fail("offset %lld outside the object's buffer", (long long)op->offset);
	return (unsigned char *)l->ptr + op->offset;
}

static void exec_debug_op(const struct trace_op *op)
{
	struct label *l;

	switch (op->kind) {
	case OP_POKE:
		l = debug_label(op->label, -1);
		/*
		 * Into memory the kernel reused: only an off-slab descriptor's
		 * bufctl array is defined (check_slabp finds the damage before
		 * the chain is followed); anything else corrupts memory.
		 */
		if (!l->zero && kernel_holds(l->ptr) &&
		    !(pmap_get(&R->slab_ord, (uintptr_t)l->ptr) &&
		      op->offset >= (int64_t)sizeof(struct slab)))
			outside_shared(l->ptr, "was freed and is the kernel's own data "
				       "now: poke would corrupt it");
		*debug_byte(op) = (unsigned char)op->byte;
		break;
	case OP_PEEK:
		fprintf(R->out, "peek %s %lld 0x%02x\n", op->label,
			(long long)op->offset, *debug_byte(op));
		break;
	case OP_REFREE:
		check_cpu(op->cpu);
		l = debug_label(op->label, 0);
		if (l->zero)
			break;
		if (kernel_holds(l->ptr))
			outside_shared(l->ptr, "was freed and is the kernel's own data "
				       "now: refree would free it");
		model_set_cpu((int)op->cpu);
		kmem_cache_free(l->cachep, l->ptr);
		break;
	default:
		fail("operation %d is not in this build", (int)op->kind);
	}
}
