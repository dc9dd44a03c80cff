#!/bin/sh
# Fails if src/ or spec/ holds an `admit`, or an `assume`/axiom that
# proofs/TRUSTED.md does not list.  Allowed axiomatic blocks are named in
# TRUSTED.md as "axiomatic NAME"; there is no allowed `assume`.
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
[ $status -eq 0 ] && echo "check_annotations: no admit, no assume, no unlisted axiom in src/ spec/"
exit $status
