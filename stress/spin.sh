#!/bin/sh
# Model-checks a Promela model with spin: the protocol must verify with no
# error, and its -DSTALE mutant must be caught, which shows the check can
# fail (stress/smp.pml: array pointer kept across cache_grow's window;
# stress/excl.pml: the guest's membarrier left out).
# usage: spin.sh model.pml workdir [extra spin -D options]
set -eu
model=$(realpath "$1"); work=$2; shift 2
mkdir -p "$work"; cd "$work"

verify() {	# verify <expect: ok|error> <spin options>
	expect=$1; shift
	spin "$@" -a "$model" >/dev/null
	gcc -O2 -DSAFETY -DCOLLAPSE -o pan pan.c
	./pan -m200000 > pan.out 2>&1 || true
	if [ "$expect" = ok ]; then
		grep -q 'errors: 0$' pan.out || { cat pan.out; echo "spin: protocol error ($*)"; exit 1; }
		grep -q 'max search depth too small' pan.out && { echo "spin: search truncated"; exit 1; }
		echo "spin: $(grep -o 'errors: 0' pan.out), $(grep 'states, stored' pan.out | sed 's/^ *//') ($*)"
	else
		grep -q 'errors: [1-9]' pan.out || { cat pan.out; echo "spin: mutant not caught ($*)"; exit 1; }
		echo "spin: mutant caught: $(grep -m1 'assertion violated' pan.out || grep -m1 'invalid end state' pan.out)"
	fi
}

verify ok "$@"
verify error -DSTALE "$@"
