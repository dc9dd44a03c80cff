/*
 * CONFIG_DEBUG_SLAB: red zones, poisoning, the last-user word, and the
 * kernel's corruption reports.  Compiled to nothing in non-DEBUG builds.
 */
#include "slab.h"

#if DEBUG

int obj_offset(struct kmem_cache *cachep)
{
	return cachep->obj_offset;
}

int obj_size(struct kmem_cache *cachep)
{
	return cachep->obj_size;
}

unsigned long long *dbg_redzone1(struct kmem_cache *cachep, void *objp)
{
	BUG_ON(!(cachep->flags & SLAB_RED_ZONE));
	return (unsigned long long *)((char *)objp + obj_offset(cachep) -
				      sizeof(unsigned long long));
}

unsigned long long *dbg_redzone2(struct kmem_cache *cachep, void *objp)
{
	BUG_ON(!(cachep->flags & SLAB_RED_ZONE));
	if (cachep->flags & SLAB_STORE_USER)
		return (unsigned long long *)((char *)objp + cachep->buffer_size -
					      sizeof(unsigned long long) -
					      REDZONE_ALIGN);
	return (unsigned long long *)((char *)objp + cachep->buffer_size -
				      sizeof(unsigned long long));
}

void **dbg_userword(struct kmem_cache *cachep, void *objp)
{
	BUG_ON(!(cachep->flags & SLAB_STORE_USER));
	return (void **)((char *)objp + cachep->buffer_size - BYTES_PER_WORD);
}

void poison_obj(struct kmem_cache *cachep, void *addr, unsigned char val)
{
	int size = obj_size(cachep);
	unsigned char *p = (unsigned char *)addr + obj_offset(cachep);

	memset(p, val, (size_t)size);
	p[size - 1] = POISON_END;
}

static void dump_line(const unsigned char *data, int offset, int limit)
{
	int i;
	unsigned char error = 0;
	int bad_count = 0;

	printk("%03x:", offset);
	for (i = 0; i < limit; i++) {
		if (data[offset + i] != POISON_FREE) {
			error = data[offset + i];
			bad_count++;
		}
		printk(" %02x", data[offset + i]);
	}
	printk("\n");

	if (bad_count == 1) {
		error ^= POISON_FREE;
		if (!(error & (error - 1))) {
			printk("Single bit error detected. Probably bad RAM.\n");
			printk("Run memtest86+ or a similar memory test tool.\n");
		}
	}
}

static void print_objinfo(struct kmem_cache *cachep, void *objp, int lines)
{
	int i, size;
	unsigned char *realobj;

	if (cachep->flags & SLAB_RED_ZONE)
		printk("Redzone: 0x%llx/0x%llx.\n", *dbg_redzone1(cachep, objp),
		       *dbg_redzone2(cachep, objp));
	if (cachep->flags & SLAB_STORE_USER) {
		/* No KALLSYMS: the address alone, no symbol. */
		printk("Last user: [<%p>]", *dbg_userword(cachep, objp));
		printk("\n");
	}
	realobj = (unsigned char *)objp + obj_offset(cachep);
	size = obj_size(cachep);
	for (i = 0; i < size && lines; i += 16, lines--) {
		int limit = 16;

		if (i + limit > size)
			limit = size - i;
		dump_line(realobj, i, limit);
	}
}

static void check_poison_obj(struct kmem_cache *cachep, void *objp)
{
	unsigned char *realobj = (unsigned char *)objp + obj_offset(cachep);
	int size = obj_size(cachep);
	int i, lines = 0;

	for (i = 0; i < size; i++) {
		unsigned char exp = (i == size - 1) ? POISON_END : POISON_FREE;

		if (realobj[i] != exp) {
			int limit;

			if (lines == 0) {
				printk("Slab corruption: %s start=%p, len=%d\n",
				       cachep->name, (void *)realobj, size);
				print_objinfo(cachep, objp, 0);
			}
			i = (i / 16) * 16;
			limit = 16;
			if (i + limit > size)
				limit = size - i;
			dump_line(realobj, i, limit);
			i += 16;
			lines++;
			if (lines > 5)
				break;
		}
	}
	if (lines != 0) {
		/* Show the neighbours: an overrun usually starts next door. */
		struct slab *slabp = virt_to_slab(objp);
		unsigned int objnr = obj_to_index(cachep, slabp, objp);

		if (objnr) {
			objp = index_to_obj(cachep, slabp, objnr - 1);
			realobj = (unsigned char *)objp + obj_offset(cachep);
			printk("Prev obj: start=%p, len=%d\n", (void *)realobj, size);
			print_objinfo(cachep, objp, 2);
		}
		if (objnr + 1 < cachep->num) {
			objp = index_to_obj(cachep, slabp, objnr + 1);
			realobj = (unsigned char *)objp + obj_offset(cachep);
			printk("Next obj: start=%p, len=%d\n", (void *)realobj, size);
			print_objinfo(cachep, objp, 2);
		}
	}
}

void slab_destroy_debugcheck(struct kmem_cache *cachep, struct slab *slabp)
{
	unsigned int i;

	for (i = 0; i < cachep->num; i++) {
		void *objp = index_to_obj(cachep, slabp, i);

		if (cachep->flags & SLAB_POISON)
			check_poison_obj(cachep, objp);
		if (cachep->flags & SLAB_RED_ZONE) {
			if (*dbg_redzone1(cachep, objp) != RED_INACTIVE)
				slab_error(cachep, "start of a freed object "
					   "was overwritten");
			if (*dbg_redzone2(cachep, objp) != RED_INACTIVE)
				slab_error(cachep, "end of a freed object "
					   "was overwritten");
		}
	}
}

void *cache_alloc_debugcheck_after(struct kmem_cache *cachep, gfp_t flags,
				   void *objp, void *caller)
{
	(void)flags;
	if (!objp)
		return objp;
	if (cachep->flags & SLAB_POISON) {
		check_poison_obj(cachep, objp);
		poison_obj(cachep, objp, POISON_INUSE);
	}
	if (cachep->flags & SLAB_STORE_USER)
		*dbg_userword(cachep, objp) = caller;

	if (cachep->flags & SLAB_RED_ZONE) {
		if (*dbg_redzone1(cachep, objp) != RED_INACTIVE ||
		    *dbg_redzone2(cachep, objp) != RED_INACTIVE) {
			slab_error(cachep, "double free, or memory outside"
				   " object was overwritten");
			printk("%p: redzone 1:0x%llx, redzone 2:0x%llx\n",
			       objp, *dbg_redzone1(cachep, objp),
			       *dbg_redzone2(cachep, objp));
		}
		*dbg_redzone1(cachep, objp) = RED_ACTIVE;
		*dbg_redzone2(cachep, objp) = RED_ACTIVE;
	}
	objp = (char *)objp + obj_offset(cachep);
	if (cachep->ctor && (cachep->flags & SLAB_POISON))
		cachep->ctor(objp);
	return objp;
}

void kfree_debugcheck(const void *objp)
{
	if (!virt_addr_valid(objp)) {
		printk("kfree_debugcheck: out of range ptr %lxh.\n",
		       (unsigned long)objp);
		BUG();
	}
}

static void verify_redzone_free(struct kmem_cache *cache, void *obj)
{
	unsigned long long redzone1, redzone2;

	redzone1 = *dbg_redzone1(cache, obj);
	redzone2 = *dbg_redzone2(cache, obj);
	if (redzone1 == RED_ACTIVE && redzone2 == RED_ACTIVE)
		return;
	if (redzone1 == RED_INACTIVE && redzone2 == RED_INACTIVE)
		slab_error(cache, "double free detected");
	else
		slab_error(cache, "memory outside object was overwritten");
	printk("%p: redzone 1:0x%llx, redzone 2:0x%llx.\n", obj, redzone1,
	       redzone2);
}

void *cache_free_debugcheck(struct kmem_cache *cachep, void *objp, void *caller)
{
	unsigned int objnr;
	struct slab *slabp;

	BUG_ON(virt_to_cache(objp) != cachep);

	objp = (char *)objp - obj_offset(cachep);
	kfree_debugcheck(objp);
	slabp = virt_to_slab(objp);

	if (cachep->flags & SLAB_RED_ZONE) {
		verify_redzone_free(cachep, objp);
		*dbg_redzone1(cachep, objp) = RED_INACTIVE;
		*dbg_redzone2(cachep, objp) = RED_INACTIVE;
	}
	if (cachep->flags & SLAB_STORE_USER)
		*dbg_userword(cachep, objp) = caller;

	objnr = obj_to_index(cachep, slabp, objp);
	BUG_ON(objnr >= cachep->num);
	BUG_ON(objp != index_to_obj(cachep, slabp, objnr));

	if (cachep->flags & SLAB_POISON)
		poison_obj(cachep, objp, POISON_FREE);
	return objp;
}

void check_slabp(struct kmem_cache *cachep, struct slab *slabp)
{
	kmem_bufctl_t i;
	unsigned int entries = 0;

	for (i = slabp->free; i != BUFCTL_END; i = slab_bufctl(slabp)[i]) {
		entries++;
		if (entries > cachep->num || i >= cachep->num)
			goto bad;
	}
	if (entries != cachep->num - slabp->inuse) {
bad:
		printk("slab: Internal list corruption detected in "
		       "cache '%s'(%d), slabp %p(%d). Hexdump:\n",
		       cachep->name, cachep->num, (void *)slabp, slabp->inuse);
		for (i = 0; i < sizeof(*slabp) + cachep->num * sizeof(kmem_bufctl_t);
		     i++) {
			if (i % 16 == 0)
				printk("\n%03x:", i);
			printk(" %02x", ((unsigned char *)slabp)[i]);
		}
		printk("\n");
		BUG();
	}
}

#endif
