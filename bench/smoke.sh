#!/bin/sh
# bench-smoke: every benchmark binary runs every workload at a tiny scale
# and exits 0.  Nothing about time is checked (CI machines are noisy).
set -e
dir=${BENCH_BINDIR:-build/bench}
for a in freelist slabref-cache slabref-kmalloc slabref-model glibc jemalloc tcmalloc mimalloc; do
	for w in hot64 hot256 mseq mrand prodcons allcores mixed; do
		out=$("$dir/bench-$a" "$w" 0.001) || { echo "bench-smoke: bench-$a $w failed" >&2; exit 1; }
		case $out in
		*"metric "*|*"na $w "*) ;;
		*) echo "bench-smoke: bench-$a $w printed no result" >&2; exit 1 ;;
		esac
	done
done
echo "bench-smoke: all allocators ran all workloads"
