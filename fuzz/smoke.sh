#!/bin/sh
# fuzz-smoke: replay every committed corpus (libFuzzer ASan/UBSan build, gcc
# build, AFL++ build), then run each libFuzzer target for RUNS inputs from
# a fixed seed (deterministic; no time limits).  Usage: smoke.sh BUILD RUNS
set -eu
B=$1
RUNS=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for t in fuzz_ops fuzz_trace fuzz_debug; do
	c=fuzz/corpus/$t
	echo "== $t: corpus replay ($(ls $c | wc -l) inputs)"
	"$B/fuzz-lf/$t" -runs=0 "$c" > "$tmp/$t.replay" 2>&1 || { cat "$tmp/$t.replay"; exit 1; }
	"$B/fuzz-gcc/$t" $c/*
	# The AFL++ driver runs every file named (one process: one boot).
	AFL_QUIET=1 "$B/fuzz-afl/$t" $c/* > "$tmp/$t.afl" 2>&1 ||
		{ tail -20 "$tmp/$t.afl"; echo "AFL build failed on $c"; exit 1; }
	echo "== $t: $RUNS fuzzing runs, seed 1"
	mkdir -p "$tmp/$t"
	cp $c/* "$tmp/$t/"
	"$B/fuzz-lf/$t" -seed=1 -runs="$RUNS" -dict=fuzz/$t.dict -artifact_prefix="$tmp/" \
		"$tmp/$t" > "$tmp/$t.log" 2>&1 || { tail -60 "$tmp/$t.log"; exit 1; }
	grep -E '^#[0-9]+ +DONE' "$tmp/$t.log" || tail -3 "$tmp/$t.log"
done
