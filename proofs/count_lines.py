#!/usr/bin/env python3
"""Lines of C versus lines of ACSL in the proved sources (src/*.c, src/slab.h)
and in spec/.  A line counts as ACSL when it lies inside /*@ ... */ or after
//@ ; as C when it holds code outside comments.  Prints a Markdown section."""
import glob
import os
import re

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
FILES = ["src/slab_estimate.c", "src/slab_alloc.c", "src/slab_free.c",
         "src/slab_grow.c", "src/slab_reap.c", "src/slab_init.c",
         "src/slab_create.c", "src/slab.h"]


def count(path):
    c = acsl = 0
    in_acsl = in_comment = False
    for line in open(os.path.join(ROOT, path)):
        s = line.strip()
        if in_acsl:
            acsl += 1
            if "*/" in s:
                in_acsl = False
            continue
        if in_comment:
            if "*/" in s:
                in_comment = False
            continue
        if s.startswith("/*@") or s.startswith("//@"):
            acsl += 1
            if s.startswith("/*@") and "*/" not in s:
                in_acsl = True
            continue
        if "/*@" in s:          # code then a ghost annotation on one line
            c += 1
            acsl += 1
            if "*/" not in s[s.index("/*@"):]:
                in_acsl = True
            continue
        if s.startswith("/*"):
            if "*/" not in s:
                in_comment = True
            continue
        if not s or s.startswith("//") or s.startswith("*"):
            continue
        c += 1
    return c, acsl


def main():
    rows = []
    for f in FILES + sorted(os.path.relpath(p, ROOT) for p in glob.glob(os.path.join(ROOT, "spec", "*.h"))):
        rows.append((f,) + count(f))
    print("\n## Lines of C and ACSL (proofs/count_lines.py)\n")
    print("| file | C lines | ACSL lines |")
    print("|---|---:|---:|")
    for f, c, a in rows:
        print("| %s | %d | %d |" % (f, c, a))
    print("| **total** | **%d** | **%d** |" % (sum(r[1] for r in rows), sum(r[2] for r in rows)))


if __name__ == "__main__":
    main()
