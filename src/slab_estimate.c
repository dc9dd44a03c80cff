/*
 * Slab geometry: how many objects fit in a slab of a given order, and which
 * order a cache gets.  Pure integer functions, proved in proofs/.
 */
#include "slab.h"

int slab_break_gfp_order = BREAK_GFP_ORDER_LO;

/*@
  requires align_range: 1 <= align <= 4096;
  requires nr_range: nr_objs <= 0x40000000;
  assigns \nothing;
  ensures value: \result == mgmt_size(nr_objs, align);
  ensures covers: mgmt_bytes(nr_objs) <= \result;
  ensures below: \result < mgmt_bytes(nr_objs) + align;
*/
size_t slab_mgmt_size(size_t nr_objs, size_t align)
{
	return ALIGN(sizeof(struct slab) + nr_objs * sizeof(kmem_bufctl_t), align);
}

/*@
  requires order_range: gfporder <= 10;
  requires size_range: 1 <= buffer_size <= 0x400000;
  requires outputs: \valid(left_over) && \valid(num) && \separated(left_over, num);
  assigns *left_over, *num;
  behavior off_slab:
    assumes (flags & CFLGS_OFF_SLAB) != 0;
    ensures exact: *num * buffer_size + *left_over == slab_bytes(gfporder);
    ensures tight: (*num + 1) * buffer_size > slab_bytes(gfporder);
    ensures model: *num == est_num(gfporder, buffer_size, align, flags)
                   && *left_over == est_left(gfporder, buffer_size, align, flags);
  behavior on_slab:
    assumes (flags & CFLGS_OFF_SLAB) == 0;
    requires align_range: 1 <= align <= 4096 && align <= buffer_size;
    ensures exact: *num * buffer_size + mgmt_size(*num, align) + *left_over
                   == slab_bytes(gfporder);
    ensures fits: fits_on(*num, buffer_size, align, slab_bytes(gfporder));
    ensures tight: !fits_on(*num + 1, buffer_size, align, slab_bytes(gfporder));
    ensures model: *num == est_num(gfporder, buffer_size, align, flags)
                   && *left_over == est_left(gfporder, buffer_size, align, flags);
  complete behaviors;
  disjoint behaviors;
*/
void cache_estimate(unsigned long gfporder, size_t buffer_size, size_t align,
		    unsigned long flags, size_t *left_over, unsigned int *num)
{
	size_t nr_objs;
	size_t mgmt_size;
	size_t slab_size = PAGE_SIZE << gfporder;

	if (flags & CFLGS_OFF_SLAB) {
		mgmt_size = 0;
		nr_objs = slab_size / buffer_size;
		if (nr_objs > SLAB_LIMIT)
			nr_objs = SLAB_LIMIT;
	} else {
		/* The guess ignores the alignment padding, so it is at most one too many. */
		nr_objs = (slab_size - sizeof(struct slab)) /
			  (buffer_size + sizeof(kmem_bufctl_t));
		if (slab_mgmt_size(nr_objs, align) + nr_objs * buffer_size > slab_size)
			nr_objs--;
		if (nr_objs > SLAB_LIMIT)
			nr_objs = SLAB_LIMIT;
		mgmt_size = slab_mgmt_size(nr_objs, align);
	}
	*num = (unsigned int)nr_objs;
	*left_over = slab_size - nr_objs * buffer_size - mgmt_size;
}

/*@
  requires cache: \valid(cachep) && \separated(cachep, &slab_break_gfp_order);
  requires size_range: 1 <= size <= 0x400000;
  requires break_order: 0 <= slab_break_gfp_order;
  requires off_slab_size: (flags & CFLGS_OFF_SLAB) != 0 ==> size >= 48;
  requires on_slab_align: (flags & CFLGS_OFF_SLAB) == 0 ==>
                          1 <= align <= 4096 && align <= size;
  assigns cachep->num, cachep->gfporder;
  ensures rule:
    (no_order_picked(size, align, flags, KMALLOC_MAX_ORDER) && \result == 0
     && cachep->num == \old(cachep->num)
     && cachep->gfporder == \old(cachep->gfporder))
    || (order_picked(cachep->gfporder, size, align, flags,
                     slab_break_gfp_order, KMALLOC_MAX_ORDER)
        && cachep->num == est_num(cachep->gfporder, size, align, flags)
        && \result == est_left(cachep->gfporder, size, align, flags));
*/
size_t calculate_slab_order(struct kmem_cache *cachep, size_t size,
			    size_t align, unsigned long flags)
{
	size_t left_over = 0;
	unsigned long gfporder;
	//@ ghost int found = 0;

	/*@
	  loop invariant order: 0 <= gfporder <= KMALLOC_MAX_ORDER + 1;
	  loop invariant found: found == 0 || found == 1;
	  loop invariant none: found == 0 ==>
	    left_over == 0 && cachep->num == \at(cachep->num, Pre)
	    && cachep->gfporder == \at(cachep->gfporder, Pre)
	    && (\forall integer p; 0 <= p < gfporder ==>
	          est_num(p, size, align, flags) == 0);
	  loop invariant some: found == 1 ==>
	    cachep->gfporder < gfporder
	    && cachep->num == est_num(cachep->gfporder, size, align, flags)
	    && left_over == est_left(cachep->gfporder, size, align, flags)
	    && est_num(cachep->gfporder, size, align, flags) != 0
	    && !order_rejected(cachep->gfporder, size, align, flags)
	    && !order_done(cachep->gfporder, size, align, flags,
	                   slab_break_gfp_order)
	    && (\forall integer p; 0 <= p < cachep->gfporder ==>
	          !order_stops(p, size, align, flags, slab_break_gfp_order))
	    && (\forall integer p; cachep->gfporder < p < gfporder ==>
	          est_num(p, size, align, flags) == 0);
	  loop assigns gfporder, left_over, found, cachep->num, cachep->gfporder;
	  loop variant KMALLOC_MAX_ORDER + 1 - gfporder;
	*/
	for (gfporder = 0; gfporder <= KMALLOC_MAX_ORDER; gfporder++) {
		unsigned int num;
		size_t remainder;

		cache_estimate(gfporder, size, align, flags, &remainder, &num);
		if (!num)
			continue;

		if (flags & CFLGS_OFF_SLAB) {
			/* Off-slab descriptors must come from a smaller cache than this one. */
			size_t offslab_limit = (size - sizeof(struct slab)) /
					       sizeof(kmem_bufctl_t);
			if (num > offslab_limit)
				break;
		}

		cachep->num = num;
		cachep->gfporder = (unsigned int)gfporder;
		left_over = remainder;
		//@ ghost found = 1;

		if (flags & SLAB_RECLAIM_ACCOUNT)
			break;
		if (gfporder >= (unsigned long)slab_break_gfp_order)
			break;
		if (left_over * 8 <= (PAGE_SIZE << gfporder))
			break;
	}
	return left_over;
}

/*@
  requires k_range: k >= 2;
  assigns \nothing;
  ensures value: \result == (0x100000000 + k - 1) / k;
  ensures reciprocal: is_reciprocal(\result, k);
*/
uint32_t reciprocal_value(uint32_t k)
{
	uint64_t val = (1ULL << 32) + (k - 1);

	return (uint32_t)(val / k);
}

/*@
  assigns \nothing;
  ensures value: \result == (a * r) / 0x100000000;
*/
uint32_t reciprocal_divide(uint32_t a, uint32_t r)
{
	return (uint32_t)(((uint64_t)a * r) >> 32);
}
