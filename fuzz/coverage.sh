#!/bin/sh
# Line and branch coverage of src/ from the committed corpora plus any
# campaign output.  Usage: coverage.sh BUILD OUTDIR TARGET...
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
first=$(echo $objs | cut -d' ' -f2)
llvm-cov report $objs -instr-profile="$d/all.profdata" -ignore-filename-regex='fuzz/' \
	| tee "$B/fuzz-cov/report.txt"
llvm-cov show $objs -instr-profile="$d/all.profdata" -ignore-filename-regex='fuzz/' \
	-show-branches=count -format=html -output-dir="$B/fuzz-cov/html" > /dev/null
echo "html: $B/fuzz-cov/html/index.html"
