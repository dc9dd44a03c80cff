#!/usr/bin/env python3
"""Prover hints for the next full run, from the log of a `make prove` run.

With the 'script' prover, WP tries a goal's provers one after the other
(Z3, then CVC4, then CVC5), so a goal that only CVC4 or CVC5 proves first
costs Z3's whole budget (the 40 s timeout) on every run from an empty
cache.  For each such goal this writes a session script that names the
prover that proved it, so the 'script' prover asks that prover first.  The
proof is the same prover's.  Scripts that split goals (tactics, from 'tip')
are left alone.

Which prover closed which goal comes from the log, per goal part (a
property's -wp-split parts often need different provers, which the JSON
report, counting per property, cannot tell): the update runs have
-wp-msg-key prover, and WP prints a goal's verdict right after the prover
result that decided it.

Usage: hint_scripts.py LOG SESSION_DIR
"""
import os
import re
import sys

FIRST = "Z3:4.8.12"     # tried first anyway: needs no hint
RESULT = re.compile(r"Why3 result for (\S+) ([\d.]+): (\w+)")
GOAL = re.compile(r"^\[wp\] \[\w+\] Goal typed_(\w+) : Valid")


def provers_by_goal(log):
    """Goal name -> the prover ("CVC4:1.8") whose result proved it."""
    found = {}
    last = None
    for line in open(log, errors="replace"):
        m = RESULT.search(line)
        if m:
            last = "%s:%s" % (m.group(1), m.group(2)) if m.group(3) == "Valid" else None
            continue
        m = GOAL.match(line)
        if m:
            if last is not None:
                found[m.group(1)] = last
            last = None
    return found


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[-1])
    log, session = sys.argv[1], sys.argv[2]
    script_dir = os.path.join(session, "script")
    written = 0
    for goal, prover in sorted(provers_by_goal(log).items()):
        if prover == FIRST or "_wp_smoke_" in goal:
            continue
        path = os.path.join(script_dir, goal + ".json")
        if os.path.exists(path) and '"tactic"' in open(path).read():
            continue
        os.makedirs(script_dir, exist_ok=True)
        with open(path, "w") as f:
            f.write('[ { "prover": "%s", "verdict": "valid" } ]\n' % prover)
        written += 1
    print("hint_scripts: %d prover hints in %s" % (written, session))


if __name__ == "__main__":
    main()
