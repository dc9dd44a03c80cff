#!/bin/sh
# Fails if src/ or spec/ holds an `admit`, or an `assume`/axiom that
# proofs/TRUSTED.md does not list.  Allowed axiomatic blocks are named in
# TRUSTED.md as "axiomatic NAME"; there is no allowed `assume`.  Also fails
# if a session script (proofs/session) uses a tactic other than the case
# split and shift rewriting of -wp-auto.
set -eu
cd "$(dirname "$0")/.."
status=0
if grep -rnE '@[[:space:]]*admit|\badmit\b' src spec --include='*.c' --include='*.h' --include='*.acsl'; then
	echo "check_annotations: 'admit' is forbidden" >&2
	status=1
fi
# ACSL clauses only: look inside annotation comments for assume / axiom.
if grep -rnE '(/\*@|//@|^[[:space:]]*)[^*]*\b(assume|axiom)\b[[:space:]]+[A-Za-z_]*[[:space:]]*:' src spec --include='*.c' --include='*.h' --include='*.acsl'; then
	echo "check_annotations: 'assume' / 'axiom' clauses are not allowed (TRUSTED.md lists none)" >&2
	status=1
fi
for ax in $(grep -rhoE '\baxiomatic[[:space:]]+[A-Za-z_0-9]+' src spec | awk '{print $2}' | sort -u); do
	if ! grep -q "axiomatic $ax" proofs/TRUSTED.md; then
		echo "check_annotations: axiomatic $ax is not listed in proofs/TRUSTED.md" >&2
		status=1
	fi
done
# Session scripts (proofs/session) may only split goals with the tactics
# of -wp-auto's strategies; every part is then proved by a prover.
if [ -d proofs/session ]; then
	bad=$(grep -rhoE '"tactic": *"[^"]*"' proofs/session | sed 's/.*: *//' | sort -u |
	      grep -vxE '"Wp\.(range|shift)"' || true)
	if [ -n "$bad" ]; then
		echo "check_annotations: session scripts use tactics other than Wp.range/Wp.shift: $bad" >&2
		status=1
	fi
fi
[ $status -eq 0 ] && echo "check_annotations: no admit, no assume, no unlisted axiom in src/ spec/; session scripts split goals only"
exit $status
