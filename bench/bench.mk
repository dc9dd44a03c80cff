# Benchmarks (issue: benchmark suite).  `make bench` builds one binary per
# allocator under $(B)/bench/ and runs bench/run.sh, which writes
# $(B)/bench/results.md.  `make bench-smoke` (part of `make test`) only
# checks that every binary runs every workload at a tiny scale.

BENCH_DIR   := $(B)/bench
BENCH_HDRS  := bench/backend.h $(HEADERS)
BENCH_ALLOCATORS := freelist slabref-cache slabref-kmalloc slabref-model glibc jemalloc tcmalloc mimalloc
BENCH_BINS  := $(addprefix $(BENCH_DIR)/bench-,$(BENCH_ALLOCATORS))
BENCH_CFLAGS = $(ALLFLAGS) -Ibench -Iinclude/slabref

# slabref runs on the pthreads platform once it exists (stress/stress.mk
# builds the library); until then on the single-threaded model platform,
# where the multi-threaded workloads report n/a.
#
# The benchmarked library is the core and the threads platform as a kernel
# would be built: no memory-tool client requests (SLABREF_NO_MEMTOOL) and
# the platform's primitives inlined into the core, as the kernel's
# local_irq_save and smp_processor_id are, by link-time optimisation of
# the library's objects (gcc -flto at the final link).  The workloads and
# backends are compiled without -flto, so the optimiser cannot see into
# them: every allocator still pays one real call per operation.
#
# Two code-layout options beyond -O2 (BENCH_LIB_OPT= builds without):
# -ftracer, tail duplication, which gcc otherwise turns on only with
# profile feedback.  local_irq_save's flags is 0 after the owner's fast
# entry and whatever the slow entry returned otherwise; with the blocks
# between save and restore duplicated, the owner's copy tests a constant
# instead of carrying flags through the array pop or push (72 instead of
# 80 instructions per hot kmem_cache pair, bench/README.md).  And
# -fno-reorder-blocks-and-partition: with the duplicated blocks, gcc's
# hot/cold splitting put __kmalloc's fast path into its .cold section.
# SMP_X86 (stress/stress.mk): the slow paths through callee-save thunks.
ifneq ($(and $(wildcard include/slabref/threads.h),$(wildcard stress/stress.mk)),)
BENCH_LIB_OPT       ?= -ftracer -fno-reorder-blocks-and-partition
BENCH_SLABREF_FLAGS := -DSLABREF_THREADS
BENCH_LTO_CC        ?= gcc
BENCH_SLABREF_LIB   := $(patsubst %.c,$(BENCH_DIR)/lib/%.o,$(CORE_SRC) $(THREADS_SRC))
BENCH_LINK_slabref  := $(BENCH_LTO_CC) -flto=auto

$(BENCH_DIR)/lib/%.o: %.c $(HEADERS) bench/bench.mk
	@mkdir -p $(dir $@)
	$(BENCH_LTO_CC) $(ALLFLAGS) -pthread $(SMP_X86) -DSLABREF_NO_MEMTOOL $(BENCH_LIB_OPT) -flto -c $< -o $@
else
BENCH_SLABREF_LIB   := $(B)/libslabref-model.a
BENCH_SLABREF_FLAGS :=
endif

# One -l per binary: each general allocator replaces malloc in its own process only.
BENCH_LIBS_glibc    :=
BENCH_LIBS_jemalloc := -ljemalloc
BENCH_LIBS_tcmalloc := -ltcmalloc_minimal
BENCH_LIBS_mimalloc := -lmimalloc

$(BENCH_DIR)/workloads.o: bench/workloads.c $(BENCH_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) -c $< -o $@
$(BENCH_DIR)/be_freelist.o: bench/be_freelist.c $(BENCH_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) -c $< -o $@
$(BENCH_DIR)/be_malloc-%.o: bench/be_malloc.c $(BENCH_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) -DBE_NAME='"$*"' -c $< -o $@
$(BENCH_DIR)/be_slabref-cache.o: bench/be_slabref.c $(BENCH_HDRS) $(BENCH_SLABREF_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) $(BENCH_SLABREF_FLAGS) -c $< -o $@
$(BENCH_DIR)/be_slabref-kmalloc.o: bench/be_slabref.c $(BENCH_HDRS) $(BENCH_SLABREF_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) $(BENCH_SLABREF_FLAGS) -DBE_KMALLOC -c $< -o $@

# The core without the threads platform's costs: kmem_cache on the model platform.
$(BENCH_DIR)/be_slabref-model.o: bench/be_slabref.c $(BENCH_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) -DBE_NAME='"slabref-model"' -c $< -o $@
$(BENCH_DIR)/bench-slabref-model: $(BENCH_DIR)/workloads.o $(BENCH_DIR)/be_slabref-model.o $(B)/libslabref-model.a
	$(CC) $(BENCH_CFLAGS) -o $@ $^ -lpthread

$(BENCH_DIR)/bench-freelist: $(BENCH_DIR)/workloads.o $(BENCH_DIR)/be_freelist.o
	$(CC) $(BENCH_CFLAGS) -o $@ $^ -lpthread
$(BENCH_DIR)/bench-slabref-%: $(BENCH_DIR)/workloads.o $(BENCH_DIR)/be_slabref-%.o $(BENCH_SLABREF_LIB)
	$(or $(BENCH_LINK_slabref),$(CC)) $(BENCH_CFLAGS) -o $@ $^ -lpthread
$(BENCH_DIR)/bench-%: $(BENCH_DIR)/workloads.o $(BENCH_DIR)/be_malloc-%.o
	$(CC) $(BENCH_CFLAGS) -o $@ $^ $(BENCH_LIBS_$*) -lpthread

bench-build: $(BENCH_BINS)

# The full run: every allocator, every workload, repeated; then callgrind.
bench: bench-build
	BENCH_BINDIR=$(BENCH_DIR) bench/run.sh

# Runs and exits cleanly on every workload; says nothing about time.
bench-smoke: bench-build
	BENCH_BINDIR=$(BENCH_DIR) bench/smoke.sh

TEST_TARGETS += bench-smoke
.SECONDARY: $(addprefix $(BENCH_DIR)/be_malloc-,$(addsuffix .o,glibc jemalloc tcmalloc mimalloc))
.PHONY: bench bench-build bench-smoke
