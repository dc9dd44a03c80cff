#!/bin/sh
# fuzz-smoke: fuzz_ops' light check must catch each mutant (fuzz_ops.c,
# FUZZ_OPS_MUTANT) on the committed corpus, with its own message.
# Usage: mutants.sh BUILD
set -u
B=$1
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
fail=0
for m in "1:in its arrays 0 times" "2:in its arrays 2 times"; do
	n=${m%%:*}
	want=${m#*:}
	if "$B/fuzz-gcc/fuzz_ops_mutant$n" fuzz/corpus/fuzz_ops/* > "$tmp" 2>&1; then
		echo "mutant $n: not caught"
		fail=1
	elif grep -q "FINDING.*$want" "$tmp"; then
		echo "mutant $n: caught ($want)"
	else
		echo "mutant $n: failed otherwise:"
		tail -5 "$tmp"
		fail=1
	fi
done
exit $fail
