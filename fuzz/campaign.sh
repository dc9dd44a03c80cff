#!/bin/bash
# Time-boxed campaign.  Usage: campaign.sh BUILD OUTDIR SECONDS JOBS TARGET...
# SECONDS is the whole box: the targets share it (fuzz_ops 3 shares,
# fuzz_debug 2, fuzz_trace 1), run one after another.  Per target: AFL++
# (-M with CmpLog, -S on the other cores, one sync dir) for half its
# share, then libFuzzer with -jobs on the same corpus for the other half;
# afl-cmin of everything found; crashes minimised with afl-tmin and
# replayed.  The fuzzing takes exactly the box; minimisation and triage
# come on top (about half a minute without crashes).
set -u
B=$1 OUT=$2 T=$3 J=$4; shift 4
export AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
weight() { case $1 in fuzz_ops) echo 3;; fuzz_debug) echo 2;; *) echo 1;; esac; }
total=0
for t in "$@"; do total=$((total + $(weight "$t"))); done
start=$(date +%s)
for t in "$@"; do
	share=$(( T * $(weight "$t") / total ))
	half=$(( share / 2 > 1 ? share / 2 : 1 ))
	o=$OUT/$t; mkdir -p "$o/afl" "$o/corpus" "$o/crashes" "$o/min"
	o=$(cd "$o" && pwd)
	cp -n fuzz/corpus/$t/* "$o/corpus/" 2>/dev/null
	echo "== $t: AFL++ ${half}s on $J cores"
	pids=()
	timeout $((half + 5)) afl-fuzz -V $half -M main -i fuzz/corpus/$t -o "$o/afl" \
		-x fuzz/$t.dict -c "$B/fuzz-cmplog/$t" -- "$B/fuzz-afl/$t" \
		> "$o/afl-main.log" 2>&1 & pids+=($!)
	for i in $(seq 2 "$J"); do
		timeout $((half + 5)) afl-fuzz -V $half -S s$i -i fuzz/corpus/$t -o "$o/afl" \
			-x fuzz/$t.dict -- "$B/fuzz-afl/$t" > "$o/afl-s$i.log" 2>&1 & pids+=($!)
	done
	wait "${pids[@]}"
	afl-whatsup -s "$o/afl" 2>/dev/null | grep -E "execs|Cumulative|Crashes|Total" || true
	for f in "$o"/afl/*/fuzzer_stats; do
		[ -f "$f" ] && echo "   $(basename "$(dirname "$f")"): $(grep -E '^execs_per_sec' "$f" | tr -s ' ')," \
			"$(grep -E '^execs_done' "$f" | tr -s ' '), $(grep -E '^stability' "$f" | tr -s ' ')"
	done
	cp "$o"/afl/*/queue/id:* "$o/corpus/" 2>/dev/null
	cp "$o"/afl/*/crashes/id:* "$o/crashes/" 2>/dev/null
	echo "== $t: libFuzzer ${half}s, -jobs=$J"
	(cd "$o" && timeout $((half + 30)) "$OLDPWD/$B/fuzz-lf/$t" -jobs=$J -workers=$J \
		-max_total_time=$half -dict="$OLDPWD/fuzz/$t.dict" -print_final_stats=1 \
		-artifact_prefix="$o/crashes/" corpus > lf.log 2>&1)
	grep -h "stat::average_exec_per_sec\|stat::number_of_executed_units\| DONE " "$o"/fuzz-*.log 2>/dev/null | tail -6
	echo "== $t: afl-cmin"
	rm -rf "$o/cmin"
	AFL_QUIET=1 afl-cmin -i "$o/corpus" -o "$o/cmin" -- "$B/fuzz-afl/$t" > "$o/cmin.log" 2>&1 \
		&& echo "$(ls "$o/corpus" | wc -l) -> $(ls "$o/cmin" | wc -l) inputs"
	for c in "$o"/crashes/*; do
		[ -f "$c" ] || continue
		echo "== $t: crash $c (minimising)"
		afl-tmin -i "$c" -o "$o/min/$(basename "$c")" -- "$B/fuzz-afl/$t" > /dev/null 2>&1
		"$B/fuzz-lf/$t" "$o/min/$(basename "$c")" 2>&1 | grep -E "FINDING|ERROR|runtime error|fuzz_" | head -5
	done
done
echo "== campaign: $(( $(date +%s) - start ))s for a ${T}s box"
