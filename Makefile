# slabref: `make` builds the oracle (build/slabref, build/slabref-debug);
# `make test` runs every check that fits in CI.  See README.md.

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
ALLFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) -Iinclude -Isrc -Isrc/platform
B       ?= build

CORE_SRC    := src/slab_estimate.c src/slab_create.c src/slab_alloc.c \
	       src/slab_grow.c src/slab_free.c src/slab_reap.c src/slab_init.c \
	       src/slabinfo.c src/slab_debug.c src/slab_string.c
MODEL_SRC   := src/platform/model.c src/platform/format.c
ORACLE_SRC  := src/oracle/trace.c src/oracle/replay.c
CHECK_SRC   := src/check.c
HEADERS     := $(wildcard include/slabref/*.h src/*.h src/platform/*.h src/oracle/*.h) \
	       src/oracle/replay_debug.c

all: $(B)/slabref $(B)/slabref-debug

# Each variant is a directory of objects: nd = non-DEBUG, d = DEBUG.
$(B)/nd/%.o: %.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(ALLFLAGS) -c $< -o $@
$(B)/d/%.o: %.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(ALLFLAGS) -DCONFIG_DEBUG_SLAB -c $< -o $@

LIB_OBJS = $(patsubst %.c,$(B)/$(1)/%.o,$(CORE_SRC) $(MODEL_SRC) $(ORACLE_SRC) $(CHECK_SRC))

$(B)/libslabref-model.a: $(call LIB_OBJS,nd)
	ar rcs $@ $^
$(B)/libslabref-model-debug.a: $(call LIB_OBJS,d)
	ar rcs $@ $^

$(B)/slabref: $(B)/nd/src/oracle/main.o $(B)/libslabref-model.a
	$(CC) $(ALLFLAGS) -o $@ $^
$(B)/slabref-debug: $(B)/d/src/oracle/main.o $(B)/libslabref-model-debug.a
	$(CC) $(ALLFLAGS) -o $@ $^

clean:
	rm -rf build

# Every workstream adds its CI checks to TEST_TARGETS in its own .mk file.
# `deps` installs the Debian packages that are missing (a no-op when none are).
TEST_TARGETS := deps
include tests/tests.mk
-include fuzz/fuzz.mk
-include proofs/proofs.mk
-include stress/stress.mk
-include bench/bench.mk

test: $(TEST_TARGETS)
	@echo "make test: all checks passed"

deps:
	@bash ci/install-deps.sh

.PHONY: all clean test deps
