#!/bin/sh
# Each deliberate user bug must be reported by memcheck and by ASan, and
# the bug-free run must be reported by neither (so a tool that reports
# everything fails too).  usage: userbug.sh build/userbug build/userbug-asan
set -u
plain=$1; asan=$2; bad=0; out=$(mktemp); trap 'rm -f "$out"' EXIT

expect() {	# expect <name> <want-rc: 0|nonzero> <pattern or -> <command...>
	name=$1; want=$2; pat=$3; shift 3
	"$@" > "$out" 2>&1; rc=$?
	if [ "$want" = 0 ] && [ $rc -ne 0 ]; then
		echo "userbug: $name: unexpected report (rc $rc)"; cat "$out"; bad=1; return
	fi
	if [ "$want" != 0 ] && [ $rc -eq 0 ]; then
		echo "userbug: $name: bug NOT reported"; cat "$out"; bad=1; return
	fi
	if [ "$pat" != - ] && ! grep -q "$pat" "$out"; then
		echo "userbug: $name: report lacks '$pat'"; cat "$out"; bad=1; return
	fi
	echo "userbug: $name: as expected ${pat#-}"
}

VG="valgrind -q --error-exitcode=3"
expect "memcheck ok"       0       -               $VG "$plain" ok
expect "memcheck uaf"      nonzero "Invalid write" $VG "$plain" uaf
expect "memcheck double"   nonzero "Unaddressable byte" $VG "$plain" double
expect "memcheck overflow" nonzero "Invalid write" $VG "$plain" overflow
expect "asan ok"           0       -               "$asan" ok
expect "asan uaf"          nonzero "use-after-poison" "$asan" uaf
expect "asan double"       nonzero "use-after-poison" "$asan" double
expect "asan overflow"     nonzero "use-after-poison" "$asan" overflow
exit $bad
