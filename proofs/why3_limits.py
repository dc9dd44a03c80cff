#!/usr/bin/env python3
"""Adds a time limit to every prover's step-limited command (why3.conf on stdin, out on stdout).

WP gives both a step limit and a time limit.  With a step limit, Why3 runs
a prover's command_steps, which for Z3, CVC4 and CVC5 sets only the step
budget, so the time limit is enforced from outside: why3server kills the
prover about 2 s after it (4 s for a 2 s smoke test).  Most of a full run
from an empty cache is provers that cannot close a goal using up their
budget (every smoke test must fail in all three), so each now also stops
itself at the time limit: Z3 -T:%t, CVC4 and CVC5 --tlimit=%t000.  Goals
are proved within the same budget as before; only the overshoot is gone.
Why3's drivers read a prover that stopped itself as a failure ("High
failure"), not a timeout: either way the goal is not proved by it (the
next prover is asked; a smoke test passes), and WP caches it like any
other verdict.
"""
import re
import sys

FLAGS = {"z3": "-T:%t", "cvc4": "--tlimit=%t000", "cvc5": "--tlimit=%t000"}


def limited(line):
    m = re.match(r'^(command_steps = ")(\S*?(z3|cvc4|cvc5)) (.*)$', line)
    if not m or "%t" in line:
        return line
    return '%s%s %s %s\n' % (m.group(1), m.group(2), FLAGS[m.group(3)], m.group(4))


def main():
    changed = 0
    for line in sys.stdin:
        out = limited(line)
        changed += out != line
        sys.stdout.write(out)
    if changed == 0:
        sys.exit("why3_limits.py: no command_steps of Z3, CVC4 or CVC5 found")


if __name__ == "__main__":
    main()
