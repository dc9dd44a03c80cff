/*
 * ACSL: the per-CPU array sizes enable_cpucache gives a new cache.
 */
#ifndef SLABREF_SPEC_TUNABLES_H
#define SLABREF_SPEC_TUNABLES_H

/*@
  // The kernel's array limit for an object size: one object above 128 KiB,
  // 8 above a page, 24 above 1 KiB, 54 above 256 bytes, 120 up to that.
  logic integer cpucache_limit(integer size) =
    size > 131072 ? 1 :
    size > 4096   ? 8 :
    size > 1024   ? 24 :
    size > 256    ? 54 : 120;
*/

#endif
