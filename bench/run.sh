#!/bin/bash
# make bench: every allocator on every workload, BENCH_REPS times,
# interleaved (each repetition runs the allocators in a shuffled order, so
# slow drift of the machine spreads over all of them); then one reduced run
# of each under callgrind for instructions per operation; then the report
# (bench/report.awk) to stdout and $BENCH_OUT/results.md.
#
# Knobs (environment): BENCH_REPS (7), BENCH_SCALE (1: iteration-count
# multiplier for the timed runs), BENCH_CG_SCALE (0.02: the same under
# callgrind), BENCH_NO_CALLGRIND=1 to skip the instruction counts.
set -euo pipefail

BIN=${BENCH_BINDIR:-build/bench}
OUT=${BENCH_OUT:-$BIN}
REPS=${BENCH_REPS:-7}
SCALE=${BENCH_SCALE:-1}
CG_SCALE=${BENCH_CG_SCALE:-0.02}
ALLOCS=(freelist slabref-cache slabref-kmalloc slabref-model glibc jemalloc tcmalloc mimalloc)
WORKLOADS=(hot64 hot256 mseq mrand prodcons allcores mixed)
HERE=$(cd "$(dirname "$0")" && pwd)

mkdir -p "$OUT"
raw=$OUT/raw.txt		# one fact per line; report.awk reads it
: >"$raw"
start=$(date +%s)
load0=$(cut -d' ' -f1 /proc/loadavg)

# A run's stdout, tagged with the allocator, appended to the raw file.
record() {	# kind alloc workload < output
	awk -v kind="$1" -v a="$2" -v w="$3" '
		$1 == "metric" { print kind, a, $2, $3 }
		$1 == "ops"    { print kind "ops", a, $2, $3 }
		$1 == "na"     { $1 = ""; print "na", a, w, $0 }
		$1 == "info"   { $1 = ""; print "info", a, $0 }' >>"$raw"
}

# The order of the allocators is a fresh pseudo-random permutation for each
# (repetition, workload), seeded by both: every allocator is equally likely
# to run right after any other.  A fixed rotation made one allocator always
# follow the free list, whose 128 MiB arena, freed at its exit, slowed the
# next process's first page faults on this VM.
order() {	# order <seed>: the allocators, shuffled
	printf '%s\n' "${ALLOCS[@]}" |
		awk -v seed="$1" 'BEGIN { srand(seed) } { print rand() "\t" $0 }' |
		sort -n | cut -f2
}

for ((rep = 0; rep < REPS; rep++)); do
	echo "bench: repetition $((rep + 1))/$REPS" >&2
	for ((wi = 0; wi < ${#WORKLOADS[@]}; wi++)); do
		w=${WORKLOADS[wi]}
		for a in $(order $((rep * 100 + wi + 1))); do
			"$BIN/bench-$a" "$w" "$SCALE" | record time "$a" "$w" ||
				{ echo "bench: bench-$a $w failed" >&2; exit 1; }
		done
	done
done

load1=$(cut -d' ' -f1 /proc/loadavg)

if [ -z "${BENCH_NO_CALLGRIND:-}" ] && command -v valgrind >/dev/null; then
	echo "bench: instruction counts under callgrind (scale $CG_SCALE)" >&2
	cg=$(mktemp -d)
	trap 'rm -rf "$cg"' EXIT
	for a in "${ALLOCS[@]}"; do
		for w in "${WORKLOADS[@]}"; do
			rm -f "$cg"/*
			valgrind --tool=callgrind --callgrind-out-file="$cg/out" \
				--toggle-collect=be_alloc --toggle-collect=be_free \
				--toggle-collect=be_alloc_size --toggle-collect=be_free_any \
				"$BIN/bench-$a" "$w" "$CG_SCALE" >"$cg/stdout" 2>"$cg/stderr" ||
				{ echo "bench: callgrind bench-$a $w failed" >&2; cat "$cg/stderr" >&2; exit 1; }
			{ grep "^ops " "$cg/stdout" || true; } | record cg "$a" "$w"
			# Each phase ends with DUMP_STATS_AT(name): one file per phase.
			for f in "$cg"/out.*; do
				[ -e "$f" ] || continue
				awk -v a="$a" '
					/^desc: Trigger: Client Request: / { phase = $5 }
					/^totals: / { ir = $2 }
					END { if (phase != "") print "ir", a, phase, ir }' "$f" >>"$raw"
			done
		done
	done
fi

{
	echo "meta nproc $(nproc)"
	echo "meta cpu $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
	echo "meta kernel $(uname -r)"
	echo "meta cc $(${CC:-cc} --version | head -1)"
	echo "meta date $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "meta load0 $load0"
	echo "meta load1 $load1"
	echo "meta reps $REPS"
	echo "meta scale $SCALE"
	echo "meta cgscale $CG_SCALE"
	echo "meta seconds $(($(date +%s) - start))"
} >>"$raw"

awk -f "$HERE/report.awk" "$raw" >"$OUT/results.md"
cat "$OUT/results.md"
echo "bench: wrote $OUT/results.md (raw data: $raw)" >&2
