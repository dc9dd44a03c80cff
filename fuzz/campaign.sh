#!/bin/bash
# Time-boxed campaign.  Usage: campaign.sh BUILD OUTDIR SECONDS JOBS TARGET...
# Per target: AFL++ (-M with CmpLog, -S on the other cores, one sync dir)
# for half the time, then libFuzzer with -jobs on the same corpus for the
# other half; afl-cmin of the queue; crashes minimised with afl-tmin.
set -u
B=$1 OUT=$2 T=$3 J=$4; shift 4
half=$(( T / 2 > 1 ? T / 2 : 1 ))
export AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
for t in "$@"; do
	o=$OUT/$t; mkdir -p "$o/afl" "$o/corpus" "$o/crashes" "$o/min"
	o=$(cd "$o" && pwd)
	cp -n fuzz/corpus/$t/* "$o/corpus/" 2>/dev/null
	echo "== $t: AFL++ ${half}s on $J cores"
	pids=()
	timeout $half afl-fuzz -M main -i fuzz/corpus/$t -o "$o/afl" -x fuzz/$t.dict \
		-c "$B/fuzz-cmplog/$t" -- "$B/fuzz-afl/$t" > "$o/afl-main.log" 2>&1 & pids+=($!)
	for i in $(seq 2 "$J"); do
		timeout $half afl-fuzz -S s$i -i fuzz/corpus/$t -o "$o/afl" -x fuzz/$t.dict \
			-- "$B/fuzz-afl/$t" > "$o/afl-s$i.log" 2>&1 & pids+=($!)
	done
	wait "${pids[@]}"
	afl-whatsup -s "$o/afl" 2>/dev/null | grep -E "execs|Cumulative|Crashes|Total" || true
	cp "$o"/afl/*/queue/id:* "$o/corpus/" 2>/dev/null
	cp "$o"/afl/*/crashes/id:* "$o/crashes/" 2>/dev/null
	echo "== $t: libFuzzer ${half}s, -jobs=$J"
	(cd "$o" && timeout $((half + 30)) "$OLDPWD/$B/fuzz-lf/$t" -jobs=$J -workers=$J \
		-max_total_time=$half -dict="$OLDPWD/fuzz/$t.dict" -print_final_stats=1 \
		-artifact_prefix="$o/crashes/" corpus > lf.log 2>&1)
	grep -h "stat::average_exec_per_sec\|DONE" "$o"/fuzz-*.log 2>/dev/null | tail -4
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
