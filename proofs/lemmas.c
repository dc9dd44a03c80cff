/*
 * The translation unit of the lemma run (proofs/proofs.mk): every spec/
 * file, in the order the proved sources include them (src/slab.h's, then
 * slab_init.c's kmalloc predicates, slab_create.c's geometry, then
 * slab_string.c's strings last), and no function body, so WP builds
 * nothing but the lemmas' goals.
 */
#include "slab.h"
#include "../spec/kmalloc.h"
#include "../spec/geometry.h"
#include "../spec/cstring.h"
