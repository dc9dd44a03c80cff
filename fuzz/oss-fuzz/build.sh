#!/bin/bash -eu
# OSS-Fuzz / ClusterFuzzLite build: $CC $CFLAGS $LIB_FUZZING_ENGINE -> $OUT.
# Produces fuzz_ops, fuzz_trace, fuzz_debug, <target>_seed_corpus.zip,
# <target>.dict and <target>.options.
SRC_DIR=${SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
if [ -d "$SRC_DIR/slabref" ]; then SRC_DIR=$SRC_DIR/slabref; fi
WORK_DIR=${WORK:-$(mktemp -d)}
cd "$SRC_DIR"
mkdir -p "$OUT" "$WORK_DIR/nd" "$WORK_DIR/d"
LIB_SRC="src/slab_estimate.c src/slab_create.c src/slab_alloc.c src/slab_grow.c
	src/slab_free.c src/slab_reap.c src/slab_init.c src/slabinfo.c src/slab_debug.c src/slab_string.c
	src/platform/model.c src/platform/format.c src/oracle/trace.c src/oracle/replay.c
	src/check.c"
# Oracles and byte loops without coverage callbacks (fuzz/nocov.txt), when
# the engine's instrumentation is sanitizer coverage.
# No comparison callbacks in the core, the model, the checker and the
# replayer, whose compared values are all derived (fuzz/fuzz.mk,
# FZ_NOCMP_SRC); the harnesses and the trace parser keep them.
NOCOV=""
NOCMP=""
case "$CFLAGS" in *fuzzer-no-link*)
	NOCOV="-fsanitize-coverage-ignorelist=$SRC_DIR/fuzz/nocov.txt"
	NOCMP="-fno-sanitize-coverage=trace-cmp" ;;
esac
# No ASan checks where only the model's arena is read (fuzz/noasan.txt).
case "$CFLAGS" in *address*) NOCOV="$NOCOV -fsanitize-ignorelist=$SRC_DIR/fuzz/noasan.txt" ;; esac
INC="-std=c11 -D_GNU_SOURCE -Iinclude -Isrc -Isrc/platform -Isrc/oracle"
for v in nd d; do
	def=""; [ $v = d ] && def=-DCONFIG_DEBUG_SLAB
	objs=""
	for f in $LIB_SRC; do
		o="$WORK_DIR/$v/$(echo "$f" | tr / _).o"
		case "$f" in src/oracle/trace.c) cmp="" ;; *) cmp=$NOCMP ;; esac
		$CC $CFLAGS $NOCOV $cmp $INC $def -c "$f" -o "$o"
		objs="$objs $o"
	done
	ar rcs "$WORK_DIR/libslabref-$v.a" $objs
done
for t in fuzz_ops:nd fuzz_trace:nd fuzz_debug:d; do
	name=${t%%:*}; v=${t##*:}
	def=""; [ $v = d ] && def=-DCONFIG_DEBUG_SLAB
	$CC $CFLAGS $INC $def -c "fuzz/$name.c" -o "$WORK_DIR/$name.o"
	${CXX:-$CC} $CFLAGS "$WORK_DIR/$name.o" -o "$OUT/$name" \
		$LIB_FUZZING_ENGINE "$WORK_DIR/libslabref-$v.a"
	rm -f "$OUT/${name}_seed_corpus.zip"
	(cd "fuzz/corpus/$name" && zip -q -j "$OUT/${name}_seed_corpus.zip" ./*)
	cp "fuzz/$name.dict" "$OUT/$name.dict"
	printf '[libfuzzer]\ndict = %s.dict\nmax_len = 4096\n' "$name" > "$OUT/$name.options"
done
