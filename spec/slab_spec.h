/*
 * The ACSL specification of slabref, one concept per file.  src/slab.h
 * includes this file only when Frama-C reads the sources (__FRAMAC__), so
 * the build never sees it.
 */
#ifndef SLABREF_SPEC_SLAB_SPEC_H
#define SLABREF_SPEC_SLAB_SPEC_H

#include "platform.h"
#include "estimate.h"
#include "reciprocal.h"
#include "bufctl.h"
#include "array_stack.h"
#include "sizes.h"
#include "list.h"
#include "pages.h"
#include "node_model.h"

#endif
