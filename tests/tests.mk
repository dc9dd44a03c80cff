# Core and oracle checks (issue: core allocator, DEBUG build).
SHARED ?= ../shared

test-conformance: $(B)/slabref $(B)/slabref-debug
	tests/conformance.sh $(B)/slabref $(SHARED)/conformance/examples $(SHARED)/conformance/random
	tests/conformance.sh $(B)/slabref-debug $(SHARED)/conformance/debug

TEST_TARGETS += test-conformance
.PHONY: test-conformance

$(B)/test_core: tests/unit/test_core.c tests/unit/check.h $(B)/libslabref-model.a
	$(CC) $(ALLFLAGS) -Wno-missing-prototypes -o $@ $< $(B)/libslabref-model.a

test-unit: $(B)/test_core
	$(B)/test_core

TEST_TARGETS += test-unit
.PHONY: test-unit

$(B)/test_debug: tests/unit/test_debug.c tests/unit/check.h $(B)/libslabref-model-debug.a
	$(CC) $(ALLFLAGS) -DCONFIG_DEBUG_SLAB -Wno-missing-prototypes -o $@ $< $(B)/libslabref-model-debug.a

test-debug: $(B)/test_debug $(B)/slabref-debug
	$(B)/test_debug
	tests/golden.sh $(B)/slabref-debug tests/misuse

test-golden: $(B)/slabref
	tests/golden.sh $(B)/slabref tests/golden
	tests/golden.sh $(B)/slabref tests/malformed
	python3 tests/geometry.py $(B)/slabref

# A second model of the algorithm, written in Python from mm/slab.c rather
# than from slabref, diffed against the oracle on random traces (refill,
# flush, free_limit, reap, shrink, tune, irq hooks, fail_pages, off-slab
# descriptors, STATS): tests/slabmodel.py.
test-model: $(B)/slabref $(B)/slabref-debug
	python3 tests/slabmodel.py $(B)/slabref 1 400
	python3 tests/slabmodel.py $(B)/slabref-debug 1 200

TEST_TARGETS += test-model
.PHONY: test-model

# The oracle's label table under constant hash collisions (replay.c's
# label_hash keeps 2 bits): every trace must replay exactly as with the
# real hash.
COLLIDE = -DSLABREF_LABEL_HASH_MASK=3
$(B)/collide/nd/replay.o: src/oracle/replay.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(ALLFLAGS) $(COLLIDE) -c $< -o $@
$(B)/collide/d/replay.o: src/oracle/replay.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(ALLFLAGS) $(COLLIDE) -DCONFIG_DEBUG_SLAB -c $< -o $@
$(B)/slabref-collide: $(B)/nd/src/oracle/main.o $(B)/collide/nd/replay.o $(filter-out %/replay.o,$(call LIB_OBJS,nd))
	$(CC) $(ALLFLAGS) -o $@ $^
$(B)/slabref-debug-collide: $(B)/d/src/oracle/main.o $(B)/collide/d/replay.o $(filter-out %/replay.o,$(call LIB_OBJS,d))
	$(CC) $(ALLFLAGS) -o $@ $^

test-collide: $(B)/slabref-collide $(B)/slabref-debug-collide
	tests/conformance.sh $(B)/slabref-collide $(SHARED)/conformance/examples $(SHARED)/conformance/random
	tests/conformance.sh $(B)/slabref-debug-collide $(SHARED)/conformance/debug
	tests/golden.sh $(B)/slabref-collide tests/golden
	tests/golden.sh $(B)/slabref-debug-collide tests/misuse

TEST_TARGETS += test-collide
.PHONY: test-collide

# Both compilers with -Werror: clang builds everything into its own tree.
test-clang:
	$(MAKE) --no-print-directory B=build/clang CC=clang all build/clang/test_core build/clang/test_debug
	build/clang/test_core
	build/clang/test_debug

VALGRIND = valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect
test-valgrind: $(B)/test_core $(B)/test_debug $(B)/slabref $(B)/slabref-debug
	$(VALGRIND) $(B)/test_core
	$(VALGRIND) $(B)/test_debug
	$(VALGRIND) $(B)/slabref replay $(SHARED)/conformance/examples/08_slabinfo.trace > /dev/null
	$(VALGRIND) $(B)/slabref replay $(SHARED)/conformance/random/r01.trace > /dev/null
	$(VALGRIND) $(B)/slabref replay tests/golden/ops.trace > /dev/null
	$(VALGRIND) $(B)/slabref-debug replay $(SHARED)/conformance/debug/rd1.trace > /dev/null
	@echo "valgrind: memcheck clean"

TEST_TARGETS += test-debug test-golden test-clang test-valgrind
.PHONY: test-debug test-golden test-clang test-valgrind
