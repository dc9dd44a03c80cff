#!/usr/bin/env bash
# Replays each NAME.trace of a directory and compares stdout with NAME.out,
# the exit status with NAME.rc (default 0) and, where NAME.err exists,
# stderr byte for byte.  usage: tests/golden.sh BINARY DIR
set -u
bin=$1; dir=$2
here=$(cd "$(dirname "$0")" && pwd)
cmp=${TRACECMP:-$here/../../shared/conformance/tracecmp.py}
pass=0; fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for t in "$dir"/*.trace; do
    base=${t%.trace}
    want_rc=0; [ -f "$base.rc" ] && want_rc=$(cat "$base.rc")
    "$bin" replay "$t" > "$tmp/out" 2> "$tmp/err"; rc=$?
    if [ "$rc" != "$want_rc" ]; then
        echo "FAIL $t: exit $rc, expected $want_rc"; cat "$tmp/err"; fail=$((fail+1)); continue
    fi
    if [ -f "$base.out" ] && ! msg=$(python3 "$cmp" "$base.out" "$tmp/out"); then
        echo "FAIL $t: $msg"; fail=$((fail+1)); continue
    fi
    if [ -f "$base.err" ] && ! cmp -s "$base.err" "$tmp/err"; then
        echo "FAIL $t: stderr is '$(cat "$tmp/err")', expected '$(cat "$base.err")'"
        fail=$((fail+1)); continue
    fi
    pass=$((pass+1))
done
echo "golden $(basename "$dir"): $pass passed, $fail failed"
[ "$fail" -eq 0 ]
