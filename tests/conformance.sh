#!/usr/bin/env bash
# Replays every trace of a conformance directory with the given binary and
# compares stdout (tracecmp.py) and the exit status with the kernel's.
# usage: tests/conformance.sh BINARY DIR...
set -u
bin=$1; shift
here=$(cd "$(dirname "$0")" && pwd)
cmp=${TRACECMP:-$here/../../shared/conformance/tracecmp.py}
pass=0; fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for dir in "$@"; do
    for t in "$dir"/*.trace; do
        base=${t%.trace}
        want_rc=0; [ -f "$base.rc" ] && want_rc=$(cat "$base.rc")
        "$bin" replay "$t" > "$tmp/out" 2> "$tmp/err"; rc=$?
        if [ "$rc" != "$want_rc" ]; then
            echo "FAIL $t: exit $rc, expected $want_rc"; head -3 "$tmp/err"; fail=$((fail+1)); continue
        fi
        if ! msg=$(python3 "$cmp" "$base.out" "$tmp/out"); then
            echo "FAIL $t: $msg"; fail=$((fail+1)); continue
        fi
        pass=$((pass+1))
    done
done
echo "conformance: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
