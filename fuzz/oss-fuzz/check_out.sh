#!/bin/sh
# Checks what build.sh produced: each target runs its unzipped seed corpus.
set -eu
OUT=$(cd "$1" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for t in fuzz_ops fuzz_trace fuzz_debug; do
	for f in "$t" "$t.dict" "$t.options" "${t}_seed_corpus.zip"; do
		[ -s "$OUT/$f" ] || { echo "check_out: $OUT/$f missing"; exit 1; }
	done
	mkdir "$tmp/$t"
	(cd "$tmp/$t" && unzip -q "$OUT/${t}_seed_corpus.zip")
	"$OUT/$t" -runs=0 "$tmp/$t" > "$tmp/$t.log" 2>&1 || { cat "$tmp/$t.log"; exit 1; }
	echo "oss-fuzz $t: $(ls "$tmp/$t" | wc -l) seeds replayed"
done
