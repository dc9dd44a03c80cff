#!/usr/bin/env bash
# Checks proofs/hint_scripts.py on a log written as WP writes one with
# -wp-msg-key prover: a goal gets the prover whose Valid result comes right
# before its verdict, Z3 (tried first anyway) and smoke tests get none, a
# verdict after another goal's failed result gets none, and a tactic
# script is never overwritten.  Then, given the session as it was before
# the run: a hint the run deleted comes back for a goal the cache proved
# (no prover result before its verdict), not for a goal a prover decided
# (it gets this run's) nor for one the log does not name.
set -eu
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
mkdir -p "$d/s/script"
echo '[ { "tactic": "Wp.range" } ]' > "$d/s/script/f_split.json"
cat > "$d/log" <<'LOG'
[wp:prover] Why3 run prover Z3 4.8.12 with timeout 40, steps 100000000
[wp:prover] 
  Why3 result for Z3 4.8.12: Valid (0.11s, 243458 steps) and Valid (110ms) (243458)
[wp] [Script] Goal typed_f_by_z3 : Valid
[wp:prover] 
  Why3 result for Z3 4.8.12: High failure (39.2s),
                             Prover exit status: exited with status 0
[wp:prover] 
  Why3 result for CVC4 1.8: Valid (0.09s, 20144 steps) and Valid
[wp] [Script] Goal typed_f_by_cvc4_part2 : Valid
[wp:prover] 
  Why3 result for CVC5 1.0.3: Valid (3.0s) and Valid
[wp] [Script] Goal typed_f_by_cvc5 : Valid
[wp:prover] 
  Why3 result for CVC4 1.8: Valid (0.2s) and Valid
[wp:prover] 
  Why3 result for CVC5 1.0.3: High failure (2.0s),
[wp] [Script] Goal typed_f_unpaired : Valid
[wp:prover] 
  Why3 result for CVC4 1.8: Valid (0.2s) and Valid
[wp] [Script] Goal typed_f_split : Valid
[wp:prover] 
  Why3 result for CVC4 1.8: Unknown (0.3s) and Unknown
[wp] [Passed] Smoke-test typed_f_wp_smoke_default_requires
[wp] [Script] Goal typed_f_cached : Valid
LOG
mkdir -p "$d/before/script"
for g in f_cached f_gone f_by_z3; do
	echo '[ { "prover": "CVC4:1.8", "verdict": "valid" } ]' > "$d/before/script/$g.json"
done
python3 "$(dirname "$0")/hint_scripts.py" "$d/log" "$d/s" "$d/before" >/dev/null
got=$(cd "$d/s/script" && for f in *.json; do printf '%s %s\n' "$f" "$(tr -d ' \n' < "$f")"; done)
want='f_by_cvc4_part2.json [{"prover":"CVC4:1.8","verdict":"valid"}]
f_by_cvc5.json [{"prover":"CVC5:1.0.3","verdict":"valid"}]
f_cached.json [{"prover":"CVC4:1.8","verdict":"valid"}]
f_split.json [{"tactic":"Wp.range"}]'
if [ "$got" != "$want" ]; then
	printf 'test_hint_scripts: FAIL\nwant:\n%s\ngot:\n%s\n' "$want" "$got"
	exit 1
fi
echo "test_hint_scripts: ok"
