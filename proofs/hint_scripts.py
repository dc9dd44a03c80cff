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

A run that takes a goal's verdict from the cache deletes that goal's
one-line script (WP keeps no script that only names a prover), so an
incremental `make prove` would lose the hints of every goal it did not
prove again.  Given BEFORE_DIR, a copy of SESSION_DIR taken before the
run, this puts back each such hint whose goal the log shows proved with
no prover result (from the cache); a goal a prover decided gets the hint
of this run, and a goal the log does not name (renamed, removed) none.

Usage: hint_scripts.py LOG SESSION_DIR [BEFORE_DIR]
"""
import os
import re
import sys

FIRST = "Z3:4.8.12"     # tried first anyway: needs no hint
RESULT = re.compile(r"Why3 result for (\S+) ([\d.]+): (\w+)")
# typed_ (Typed model) or typed_cast_ (Typed+cast): the session's script
# files are named without either.
GOAL = re.compile(r"^\[wp\] \[\w+\] Goal typed_(?:cast_)?(\w+) : Valid")


def provers_by_goal(log):
    """Goal name -> the prover ("CVC4:1.8") whose result proved it, or
    None for a goal proved with no prover result before it (the cache)."""
    found = {}
    last = None
    for line in open(log, errors="replace"):
        m = RESULT.search(line)
        if m:
            last = "%s:%s" % (m.group(1), m.group(2)) if m.group(3) == "Valid" else None
            continue
        m = GOAL.match(line)
        if m:
            found[m.group(1)] = last
            last = None
    return found


def is_hint(path):
    return os.path.exists(path) and '"tactic"' not in open(path).read()


def restore_hints(found, script_dir, before_dir):
    """Put back the hints the run deleted for goals the cache answered."""
    restored = 0
    if not os.path.isdir(before_dir):
        return 0
    for name in sorted(os.listdir(before_dir)):
        goal = name[:-len(".json")] if name.endswith(".json") else None
        path = os.path.join(script_dir, name)
        old = os.path.join(before_dir, name)
        if goal is None or "_wp_smoke_" in goal or os.path.exists(path) or not is_hint(old):
            continue
        if goal in found and found[goal] is None:
            os.makedirs(script_dir, exist_ok=True)
            with open(path, "w") as f:
                f.write(open(old).read())
            restored += 1
    return restored


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__.strip().splitlines()[-1])
    log, session = sys.argv[1], sys.argv[2]
    script_dir = os.path.join(session, "script")
    found = provers_by_goal(log)
    restored = 0
    if len(sys.argv) == 4:
        restored = restore_hints(found, script_dir, os.path.join(sys.argv[3], "script"))
    written = 0
    for goal, prover in sorted(found.items()):
        if prover is None or prover == FIRST or "_wp_smoke_" in goal:
            continue
        path = os.path.join(script_dir, goal + ".json")
        if os.path.exists(path) and '"tactic"' in open(path).read():
            continue
        os.makedirs(script_dir, exist_ok=True)
        with open(path, "w") as f:
            f.write('[ { "prover": "%s", "verdict": "valid" } ]\n' % prover)
        written += 1
    print("hint_scripts: %d prover hints written, %d kept from the cache, in %s"
          % (written, restored, session))


if __name__ == "__main__":
    main()
