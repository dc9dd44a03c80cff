#!/usr/bin/env python3
"""Prover hints for the next full run, from a -wp-report-json report.

WP runs the provers of a goal side by side and keeps the first success; a
goal that only CVC4 or CVC5 proves still costs Z3's whole budget (up to the
40 s timeout) on every run from an empty cache.  For each such goal this
writes a session script that names the prover that proved it, so the
'script' prover asks that prover first.  The proof is the same prover's.
Scripts that split goals (tactics, from 'tip') are left alone.  The report
counts per property; WP names the goals of a property after it, with
_established/_preserved (loop invariants) and _partN (-wp-split), so the
goal names come from the run's log, and goals Qed closes get no hint.

Usage: hint_scripts.py REPORT.json LOG SESSION_DIR
"""
import json
import os
import re
import sys

ORDER = ("CVC4:1.8", "CVC5:1.0.3")


def goals(node, name=None):
    """(goal name, per-prover results) for every goal of the report."""
    if isinstance(node, dict):
        if "wp:main" in node and all(isinstance(v, dict) for v in node.values()):
            yield name, node
            return
        for key, value in node.items():
            yield from goals(value, key)


GOAL = re.compile(r"^\[wp\] \[(\w+)\] Goal typed_(\w+) : Valid")
PART = re.compile(r"(_(established|preserved))?(_part\d+)?$")


def log_goals(log):
    """Goal name -> how WP closed it ('Qed', 'Script', ...), from the log."""
    found = {}
    for line in open(log, errors="replace"):
        m = GOAL.match(line)
        if m:
            found[m.group(2)] = m.group(1)
    return found


def main():
    report, log, session = sys.argv[1], sys.argv[2], sys.argv[3]
    functions = dict(json.load(open(report))).get("wp:functions", {})
    in_log = log_goals(log)
    script_dir = os.path.join(session, "script")
    written = 0
    for name, results in goals(functions):
        if name == "wp:section" or "_wp_smoke_" in name:
            continue
        if results.get("Z3:4.8.12", {}).get("valid"):
            continue
        prover = next((p for p in ORDER if results.get(p, {}).get("valid")), None)
        if prover is None:
            continue
        for goal, how in in_log.items():
            if how == "Qed" or not goal.startswith(name) or \
               not PART.fullmatch(goal[len(name):]):
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
