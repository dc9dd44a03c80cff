#!/usr/bin/env python3
"""Turn WP's -wp-report-json output (plus its log) into proofs/REPORT.md.

usage: report.py [--check] [--full-run-seconds N] wp.json wp.log "fn1 fn2 ..."
                 [LABEL extra.json extra.log]...

Each LABEL extra.json extra.log triple is a further WP run that makes one
more row, LABEL, counting every goal of that run: the lemmas of spec/
(`-wp-prop @lemma`), or named assertions of a function that is not
covered as a whole (`-wp-fct F -wp-prop NAMES`).  The label "functions"
instead makes one row per function of that run: whole functions proved in
a run of their own (`-wp-fct F,G` without -wp-prop).

--check prints the covered functions and fails (exit 1) if a goal of a
covered function or a lemma is not proved, a smoke test fails
(inconsistent precondition, dead code), or a covered function has no
goals at all.  --replayed (with --check, for a replay) also fails if a
prover's result for a goal did not come from the cache: a replay runs many
goals at once (proofs.mk's WP_PAR_replay), so a missing entry would start
provers side by side, and the committed cache is stale anyway.
"""
import json
import re
import sys
from collections import defaultdict

# Smoke tests that fail for a reason reviewed and written down here, by
# function and source line (WP's statement numbers in the goal names,
# "_s77", change whenever any proved file gains a statement).
KNOWN_DEAD = {
    # cache_estimate, on-slab branch: `if (nr_objs > SLAB_LIMIT) nr_objs =
    # SLAB_LIMIT;`.  Dead in the proved domain: a slab of order <= 10 has
    # at most 4 MiB, so nr_objs < 2^22 < SLAB_LIMIT.  The kernel keeps the
    # clamp; so do we.
    ("cache_estimate", "src/slab_estimate.c:64"),
}


# WP names a goal after its memory model: typed_ (Typed), typed_cast_
# (Typed+cast, the cast unit of proofs.mk); the patterns below drop either.
MODEL = r"typed_(?:cast_)?"
def smoke_results(log):
    """(status, goal, location) of every smoke test in a WP log; location is
    the FILE:LINE of the warning WP prints after a failed one."""
    out = []
    pending = None
    for line in log.split("\n"):
        m = re.match(r"^\[wp\] \[(\w+)\] Smoke-test " + MODEL + r"(\S+)", line)
        if m:
            out.append([m.group(1), m.group(2), None])
            pending = out[-1] if m.group(1) != "Passed" else None
            continue
        m = re.match(r"^\[wp\] (\S+:\d+): Warning: Failed smoke-test", line)
        if m and pending is not None:
            pending[2] = m.group(1)
            pending = None
    return out


def uncached(log):
    """What a replay did not take from the cache, from WP's count of cache
    lookups ("[wp] [Cache] found:N, missed:M"): every prover call of a
    replay looks its task up first, so a result that did not come from
    the cache shows as a miss.  A log without that line fails too (a
    replay that never reached the provers, or a WP that no longer prints
    it).  The per-prover summaries ("  Z3 4.8.12: 21 (...) (cached: 20)")
    are not used: in the list-model unit, with no miss, they count one Z3
    result more than the cache gave, in every replay (and in a replay with
    other session scripts, one "interrupted" attempt instead)."""
    lines = re.findall(r"^\[wp\] \[Cache\].*$", log, re.M)
    if not lines:
        return ["no [Cache] line: the run made no cache lookup"]
    return [l.strip() for l in lines if re.search(r"missed:\s*[1-9]", l)]


def known_dead(goal, loc):
    return any(goal.startswith(fn + "_wp_smoke_dead_code") and loc == where
               for fn, where in KNOWN_DEAD)

PROVERS = ["qed", "script", "Z3:4.8.12", "CVC4:1.8", "CVC5:1.0.3"]


def main():
    args = sys.argv[1:]
    check = False
    replayed = False
    full_run = None
    while args and args[0].startswith("--"):
        if args[0] == "--check":
            check = True
            args = args[1:]
        elif args[0] == "--replayed":
            replayed = True
            args = args[1:]
        elif args[0] == "--full-run-seconds":
            full_run = int(args[1])
            args = args[2:]
        else:
            sys.exit("report.py: unknown option " + args[0])
    jpath, lpath, funcs = args[0], args[1], args[2].split()
    with open(jpath) as f:
        data = json.load(f)
    log = open(lpath).read()
    logs = [(lpath, log)]          # each run's own, for the cache check
    extras = []
    rest = args[3:]
    while len(rest) >= 3:
        label, ej, el = rest[0], rest[1], rest[2]
        rest = rest[3:]
        with open(ej) as f:
            edata = json.load(f)
        elog = open(el).read()
        log += elog
        logs.append((el, elog))
        props = {}
        for group in ("wp:functions", "wp:axiomatics"):
            for _, gprops in edata.get(group, {}).items():
                props.update(gprops)
        goalnames = re.findall(r"^\[wp\] \[\w+[^\]]*\] Goal " + MODEL + r"(\S+) :", elog, re.M)
        if label == "functions":
            whole = sorted(edata.get("wp:functions", {}).keys())
            funcs.extend(whole)
            for fn in whole:
                data.setdefault("wp:functions", {})[fn] = edata["wp:functions"][fn]
        else:
            extras.append((label, props, goalnames))

    # Which prover closed each goal, and in how long (the log's goal lines).
    times = defaultdict(float)
    for m in re.finditer(r"^\[wp\] \[(\w+[^\]]*)\] Goal " + MODEL +
                         r"(\S+) : Valid(?: \(([\d.]+)(ms|s)\))?",
                         log, re.M):
        goal, t, unit = m.group(2), m.group(3), m.group(4)
        if t:
            times[goal] += float(t) / (1000.0 if unit == "ms" else 1.0)
    smoke = smoke_results(log)
    smoke_bad = [g for st, g, loc in smoke if st != "Passed" and not known_dead(g, loc)]
    known = ["%s (%s)" % (g, loc) for st, g, loc in smoke
             if st != "Passed" and known_dead(g, loc)]

    fns = data.get("wp:functions", {})
    rows = []
    bad = []
    def add_row(label, props, t):
        goals = proved = 0
        by = defaultdict(int)
        for pname, stats in props.items():
            if "_wp_smoke_" in pname or pname.startswith("wp:"):
                continue
            main_ = stats.get("wp:main", {})
            goals += main_.get("total", 0)
            proved += main_.get("valid", 0)
            # A goal split into parts lists each prover that closed one part.
            for p in PROVERS:
                if p in stats:
                    by[p] += stats[p].get("valid", 0)
        rows.append((label, goals, proved, by, t))
        if goals == 0 or proved != goals:
            bad.append(label)

    for fn in funcs:
        add_row(fn, fns.get(fn, {}),
                sum(s for g, s in times.items() if g.startswith(fn + "_")))
    for label, props, goalnames in extras:
        add_row(label, props, sum(times.get(g, 0.0) for g in set(goalnames)))

    if check:
        print("test-proofs: covered functions: " + ", ".join(funcs))
        for fn, goals, proved, by, t in rows:
            print("  %-22s %4d / %-4d goals proved" % (fn, proved, goals))
        print("  smoke tests: %d run, %d failed" % (len(smoke), len(smoke_bad)))
        ok = True
        if bad:
            print("test-proofs: FAIL: unproved goals in " + ", ".join(bad))
            ok = False
        if smoke_bad:
            print("test-proofs: FAIL: smoke tests: " + "; ".join(smoke_bad))
            ok = False
        missed = ["%s: %s" % (path, m) for path, text in logs for m in uncached(text)] \
            if replayed else []
        if missed:
            print("test-proofs: FAIL: results not in the committed cache "
                  "(run `make prove`): " + "; ".join(missed))
            ok = False
        if not ok:
            sys.exit(1)
        print("test-proofs: all %d goals proved, no smoke-test alarm"
              % sum(r[1] for r in rows))
        return

    out = []
    out.append("# Proof report (generated by proofs/report.py; do not edit)\n")
    out.append("Frama-C 25 / WP, Typed model (Typed+cast for the functions of "
               "proofs.mk's cast unit), `-wp-rte -wp-split`, overflow and "
               "downcast warnings on, provers Z3 4.8.12, CVC4 1.8, CVC5 1.0.3 "
               "(see proofs/proofs.mk for the exact command).\n")
    out.append("| function | goals | proved | Qed | Script | Z3 | CVC4 | CVC5 | prover time (s) |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    tg = tp = 0
    for fn, goals, proved, by, t in rows:
        tg += goals
        tp += proved
        out.append("| %s | %d | %d | %d | %d | %d | %d | %d | %.2f |" % (
            fn if fn not in funcs else "`%s`" % fn, goals, proved, by["qed"], by["script"], by["Z3:4.8.12"],
            by["CVC4:1.8"], by["CVC5:1.0.3"], t))
    out.append("| **total** | **%d** | **%d** | | | | | | |" % (tg, tp))
    out.append("")
    out.append("Prover columns count the goals (or goal parts) each prover closed; "
               "several may close the same goal when run in parallel. Times are "
               "the per-goal times WP prints (Qed only when the log has them), "
               "so they undercount the wall clock; see the run times below.\n")
    out.append("Smoke tests (`-wp-smoke-tests`): %d run, %d failed, %d known dead "
               "code (reviewed in proofs/report.py KNOWN_DEAD: %s).\n"
               % (len(smoke), len(smoke_bad), len(known), ", ".join(known) or "none"))
    if full_run is not None:
        out.append("Last `make prove`: %d s of wall clock on this 2-core machine "
                   "(goals whose text did not change come from the cache).\n"
                   % full_run)
    print("\n".join(out))


if __name__ == "__main__":
    main()
