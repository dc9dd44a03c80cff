#!/usr/bin/env python3
"""Geometry check: every general cache and 40 other (size, align, flags)
cases, computed independently from the reference's formulas (Appendix A of
slab-2.6.32.md) and from real /proc/slabinfo rows (its section 11.1), against
what build/slabref prints.  usage: geometry.py SLABREF"""
import subprocess, sys

PAGE, SLAB_HDR, BUFCTL, WORD, LINE = 4096, 48, 4, 8, 64

def align_up(x, a): return (x + a - 1) // a * a

def estimate(order, bs, align, off):
    S = PAGE << order
    if off:
        n = S // bs
        return n, S - n * bs
    n = (S - SLAB_HDR) // (bs + BUFCTL)
    if align_up(SLAB_HDR + n * BUFCTL, align) + n * bs > S:
        n -= 1
    return n, S - n * bs - align_up(SLAB_HDR + n * BUFCTL, align)

def geometry(size, align, hwcache, reclaim):
    size = align_up(size, WORD)
    ra = LINE if hwcache else WORD
    if hwcache:
        while size <= ra // 2:
            ra //= 2
    align = max(ra, align)
    off = size >= PAGE // 8
    size = align_up(size, align)
    best, left = None, 0
    for o in range(11):
        n, rem = estimate(o, size, align, off)
        if n == 0:
            continue
        if off and n > (size - SLAB_HDR) // BUFCTL:
            break
        best, left = (n, o), rem
        if reclaim or o >= 1 or left * 8 <= (PAGE << o):
            break
    n, o = best
    slab_size = align_up(n * BUFCTL + SLAB_HDR, align)
    if off and left >= slab_size:
        off, left = False, left - slab_size
    if off:
        slab_size = n * BUFCTL + SLAB_HDR
    coff = max(LINE, align)
    limit = (1 if size > 131072 else 8 if size > 4096 else 24 if size > 1024
             else 54 if size > 256 else 120)
    return dict(objsize=size, num=n, order=o, colour=left // coff,
                colour_off=coff, slab_size=slab_size, off_slab=int(off),
                limit=limit, batchcount=(limit + 1) // 2,
                shared=8 if size <= PAGE else 0)

CASES = [  # name, size, align, flags
    ("g8", 8, 0, ""), ("g16", 16, 0, "HWCACHE_ALIGN"), ("g24", 24, 8, ""),
    ("g40", 40, 0, ""), ("g48", 48, 8, ""), ("g56", 56, 16, ""),
    ("g72", 72, 0, "HWCACHE_ALIGN"), ("g100", 100, 8, "HWCACHE_ALIGN"),
    ("g104", 104, 0, ""), ("g160", 160, 32, ""), ("g200", 200, 0, ""),
    ("g250", 250, 0, "HWCACHE_ALIGN"), ("g300", 300, 0, ""),
    ("g384", 384, 128, ""), ("g500", 500, 0, ""), ("g511", 511, 0, ""),
    ("g512", 512, 8, ""), ("g600", 600, 0, ""), ("g640", 640, 64, ""),
    ("g700", 700, 256, ""), ("g832r", 832, 0, "RECLAIM_ACCOUNT"),
    ("g1000", 1000, 0, ""), ("g1128r", 1128, 8, "RECLAIM_ACCOUNT"),
    ("g1500", 1500, 0, "HWCACHE_ALIGN"), ("g2000", 2000, 0, ""),
    ("g2100", 2100, 0, ""), ("g3000", 3000, 8, ""), ("g3720", 3720, 0, ""),
    ("g4000", 4000, 0, "RECLAIM_ACCOUNT"), ("g5000", 5000, 0, ""),
    ("g6000", 6000, 8, "HWCACHE_ALIGN"), ("g9000", 9000, 0, ""),
    ("g12000", 12000, 0, "RECLAIM_ACCOUNT"), ("g20000", 20000, 64, ""),
    ("g100000", 100000, 0, ""), ("g200000", 200000, 0, ""),
    ("g1m", 1000000, 4096, ""), ("g4m", 4194304, 0, ""),
    ("ga4096", 100, 4096, ""), ("ga2048", 3000, 2048, "CACHE_DMA"),
    ("gpanic", 777, 0, "PANIC|DESTROY_BY_RCU"),
]

# Real 2.6.30-3.4 x86_64 rows (objsize is the final buffer size): name, objsize, num, pages
REAL = [("size-8192", 8192, 1, 2), ("size-4096", 4096, 1, 1), ("size-512", 512, 8, 1),
        ("size-192", 192, 20, 1), ("size-64", 64, 59, 1), ("size-128", 128, 30, 1),
        ("size-32", 32, 112, 1), ("anon_vma_chain", 48, 77, 1), ("dm_io", 40, 92, 1),
        ("dm_target_io", 24, 144, 1), ("ext4_io_page", 16, 202, 1),
        ("ext4_io_end", 1128, 3, 1, "RECLAIM_ACCOUNT"),
        ("bdev_cache", 832, 4, 1, "RECLAIM_ACCOUNT"), ("TCPv6", 1856, 2, 1),
        ("sighand_cache", 2112, 3, 2), ("TCP", 1472, 5, 2), ("blkdev_queue", 2080, 3, 2),
        ("nsproxy", 48, 77, 1), ("cifs_request", 16512, 1, 8),
        ("size-4194304", 4194304, 1, 1024), ("size-262144", 262144, 1, 64)]

def main():
    trace = ["cpus 2"]
    for name, size, align, flags in CASES:
        trace.append(f"create {name} {size} {align} {flags or 0}")
    for row in REAL:
        if not row[0].startswith("size-"):
            trace.append(f"create {row[0]} {row[1]} 0 {row[4] if len(row) > 4 else 0}")
    trace.append("slabinfo")
    out = subprocess.run([sys.argv[1], "replay", "-"], input="\n".join(trace) + "\n",
                         capture_output=True, text=True)
    if out.returncode != 0:
        print("geometry: replay failed:", out.stderr); return 1
    created, rows = {}, {}
    for line in out.stdout.splitlines():
        f = line.split()
        if f and f[0] == "create":
            created[f[1]] = dict(kv.split("=") for kv in f[2:])
        elif f and not line.startswith(("slabinfo", "#", "end")) and len(f) > 6:
            rows[f[0]] = f
    passed = failed = 0
    def check(what, got, want):
        nonlocal passed, failed
        if str(got) == str(want):
            passed += 1
        else:
            failed += 1
            print(f"geometry: {what}: got {got}, expected {want}")
    for name, size, align, flags in CASES:
        want = geometry(size, align, "HWCACHE_ALIGN" in flags, "RECLAIM_ACCOUNT" in flags)
        for k, v in want.items():
            check(f"{name}.{k}", created.get(name, {}).get(k), v)
    # The general caches: kmalloc-style creation (align 8, HWCACHE_ALIGN).
    for size in [32 << i for i in range(18) if (32 << i) != 96] + [192]:
        if size > 4194304:
            continue
        for name in (f"size-{size}", f"size-{size}(DMA)"):
            want = geometry(size, 8, True, False)
            r = rows.get(name)
            check(f"{name}.objsize", r and r[3], want["objsize"])
            check(f"{name}.num", r and r[4], want["num"])
            check(f"{name}.pages", r and r[5], 1 << want["order"])
            check(f"{name}.tunables", r and " ".join(r[8:11]),
                  f"{want['limit']} {want['batchcount']} {want['shared']}")
    for row in REAL:
        r = rows.get(row[0])
        check(f"{row[0]} (real row) objsize", r and r[3], row[1])
        check(f"{row[0]} (real row) num", r and r[4], row[2])
        check(f"{row[0]} (real row) pages", r and r[5], row[3])
    print(f"geometry: {passed} passed, {failed} failed")
    return 1 if failed else 0

if __name__ == "__main__":
    sys.exit(main())
