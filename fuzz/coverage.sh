#!/bin/sh
# Line and branch coverage of src/ from the committed corpora plus any
# campaign output, then the same for the allocator core alone (src/slab_*.c,
# src/slabinfo.c, src/slab.h and the model platform src/platform/model.c).
# Usage: coverage.sh BUILD OUTDIR TARGET...
set -eu
B=$1 OUT=$2; shift 2
d=$B/fuzz-cov/prof; rm -rf "$d"; mkdir -p "$d"
objs=""
for t in "$@"; do
	dirs="fuzz/corpus/$t"
	[ -d "$OUT/$t/cmin" ] && dirs="$dirs $OUT/$t/cmin"
	[ -d "$OUT/$t/corpus" ] && dirs="$dirs $OUT/$t/corpus"
	LLVM_PROFILE_FILE="$d/$t-%p.profraw" "$B/fuzz-cov/$t" -runs=0 $dirs > "$d/$t.log" 2>&1
	objs="$objs -object $B/fuzz-cov/$t"
done
llvm-profdata merge -sparse "$d"/*.profraw -o "$d/all.profdata"
llvm-cov report $objs -instr-profile="$d/all.profdata" -ignore-filename-regex='fuzz/' \
	| tee "$B/fuzz-cov/report.txt"
echo "== the allocator core"
llvm-cov report $objs -instr-profile="$d/all.profdata" \
	-ignore-filename-regex='fuzz/|oracle/|check\.c|format\.c|threads' \
	| tee "$B/fuzz-cov/report-core.txt" | grep -E "^src/(slab|platform/model)|^TOTAL" \
	| awk '{ printf "%-26s lines %7s (%s missed of %s)  branches %7s\n", $1, $10, $9, $8, $13 }'
# The "core": the allocator alone (src/slab*.c, src/slab.h), without the model.
grep -E "^src/slab" "$B/fuzz-cov/report-core.txt" | awk '
	{ l += $8; lm += $9; b += $11; bm += $12 }
	END { printf "%-26s lines %6.2f%% (%d missed of %d)  branches %6.2f%%\n",
		"allocator (no model)", 100 * (l - lm) / l, lm, l, 100 * (b - bm) / b }'
llvm-cov show $objs -instr-profile="$d/all.profdata" -ignore-filename-regex='fuzz/' \
	-show-branches=count -format=html -output-dir="$B/fuzz-cov/html" > /dev/null
echo "html: $B/fuzz-cov/html/index.html"
