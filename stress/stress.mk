# SMP workstream: the threads platform, the stress model, aarch64 under
# qemu, the Promela model of the locking protocol, TSan/memcheck/helgrind,
# and memory-tool visibility of users' bugs.  `make test-smp` is the short
# CI set; `make stress-long` the long runs.

THREADS_SRC := src/platform/threads.c src/platform/threads_excl.c src/platform/threads_pages.c \
	       src/platform/threads_reap.c src/platform/format.c
SMP_CHECK   := $(wildcard src/check.c)
SMP_DEFS    := -pthread $(if $(SMP_CHECK),-DSLABREF_HAVE_CHECK)
# x86-64 builds reach the fast paths' slow paths through register-preserving
# thunks (src/platform/callee_save.h), which need the kernel's -mno-red-zone.
# The aarch64 build keeps plain calls.
SMP_X86     := $(if $(filter x86_64,$(shell uname -m)),-mno-red-zone -DSLABREF_CALLEE_SAVE)
# Every build but aarch64.
SMP_NATIVE  := $(SMP_DEFS) $(SMP_X86)
SMP_LIBSRC  := $(CORE_SRC) $(THREADS_SRC) $(SMP_CHECK)
STRESS_SRC  := stress/stress.c stress/stress_check.c
SMP_HDRS    := $(HEADERS) stress/stress_check.h
CLANG       ?= clang
AARCH64_CC  ?= aarch64-linux-gnu-gcc
QEMU_A64    ?= qemu-aarch64
VG          := valgrind -q --error-exitcode=1
VG_MEMCHECK := $(VG) --leak-check=full --errors-for-leak-kinds=definite,indirect
VG_HELGRIND := $(VG) --tool=helgrind --suppressions=stress/helgrind.supp
TSAN_ENV    := TSAN_OPTIONS="halt_on_error=1 exitcode=66"

# Short runs: small enough for valgrind's serialised threads.
SMP_SHORT   := -t 4 -c 2 -n 200000 -s 7 -x 200
SMP_VG      := -t 3 -c 2 -n 3000 -s 11 -x 400
# helgrind: no tuning (see benign_races in stress.c)
SMP_HG      := $(SMP_VG) -m 0x20

$(B)/th/%.o: %.c $(SMP_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(ALLFLAGS) $(SMP_NATIVE) -c $< -o $@

$(B)/libslabref-threads.a: $(patsubst %.c,$(B)/th/%.o,$(SMP_LIBSRC))
	ar rcs $@ $^

$(B)/stress: $(patsubst %.c,$(B)/th/%.o,$(STRESS_SRC)) $(B)/libslabref-threads.a
	$(CC) $(ALLFLAGS) $(SMP_NATIVE) -o $@ $^

# One-command builds for the other compilers and sanitizers.
$(B)/stress-tsan: $(SMP_LIBSRC) $(STRESS_SRC) $(SMP_HDRS) stress/tsan-ignore.txt
	@mkdir -p $(B)
	$(CLANG) $(ALLFLAGS) $(SMP_NATIVE) -fsanitize=thread -fsanitize-ignorelist=stress/tsan-ignore.txt -o $@ $(SMP_LIBSRC) $(STRESS_SRC)
$(B)/stress-aarch64: $(SMP_LIBSRC) $(STRESS_SRC) $(SMP_HDRS)
	@mkdir -p $(B)
	$(AARCH64_CC) $(ALLFLAGS) $(SMP_DEFS) -static -o $@ $(SMP_LIBSRC) $(STRESS_SRC)

# The biased exclusion with the guests' side removed (SLABREF_EXCL_SABOTAGE):
# the stress checks must catch the resulting races (smp-sabotage).
$(B)/stress-sabotage: $(SMP_LIBSRC) $(STRESS_SRC) $(SMP_HDRS)
	@mkdir -p $(B)
	$(CC) $(ALLFLAGS) $(SMP_NATIVE) -DSLABREF_EXCL_SABOTAGE -o $@ $(SMP_LIBSRC) $(STRESS_SRC)

# The library as bench/bench.mk builds it: no memory-tool hooks and
# link-time optimisation, so the platform's primitives are inlined into
# the core's fast paths.  Only there do values stay in caller-saved
# registers across the callee-save thunks (src/platform/callee_save.h):
# a thunk that loses one crashes this build, not the others.
$(B)/stress-lto: $(SMP_LIBSRC) $(STRESS_SRC) $(SMP_HDRS)
	@mkdir -p $(B)
	$(BENCH_LTO_CC) $(ALLFLAGS) $(SMP_NATIVE) -DSLABREF_NO_MEMTOOL $(BENCH_LIB_OPT) \
		-flto=auto -o $@ $(SMP_LIBSRC) $(STRESS_SRC)

# Users' bugs made on purpose; each must be reported by the tool.
$(B)/userbug: stress/userbug.c $(B)/libslabref-threads.a
	$(CC) $(ALLFLAGS) $(SMP_NATIVE) -o $@ $^
$(B)/userbug-asan: stress/userbug.c $(SMP_LIBSRC) $(SMP_HDRS)
	@mkdir -p $(B)
	$(CLANG) $(ALLFLAGS) $(SMP_NATIVE) -fsanitize=address -o $@ stress/userbug.c $(SMP_LIBSRC)

# Both vCPU exclusion modes (src/platform/threads_excl.c): biased, where
# each vCPU's owner enters without atomics and guests (reapers, IPIs, a
# second thread on the vCPU) pay a membarrier; and locked.
smp-run: $(B)/stress
	$(B)/stress $(SMP_SHORT)
	$(B)/stress -t 2 -c 2 -n 300000 -s 4 -x 400 | grep "biased exclusion"
	$(B)/stress -t 3 -c 4 -n 200000 -s 6 -x 800
	SLABREF_EXCL=locked $(B)/stress $(SMP_SHORT) | grep "locked exclusion"
	$(B)/stress -t 1 -c 1 -n 200000 -s 3
smp-lto: $(B)/stress-lto
	$(B)/stress-lto -t 3 -c 2 -n 200000 -s 14 -x 800 | grep "biased exclusion"
	SLABREF_EXCL=locked $(B)/stress-lto -t 4 -c 2 -n 200000 -s 15 -x 200 | grep "locked exclusion"
smp-tsan: $(B)/stress-tsan
	$(TSAN_ENV) $(B)/stress-tsan -t 4 -c 2 -n 40000 -s 5 -x 400
smp-memcheck: $(B)/stress
	$(VG_MEMCHECK) $(B)/stress $(SMP_VG)
	SLABREF_EXCL=biased $(VG_MEMCHECK) $(B)/stress -t 2 -c 2 -n 3000 -s 12 -x 400
smp-helgrind: $(B)/stress
	$(VG_HELGRIND) $(B)/stress $(SMP_HG)
smp-aarch64: $(B)/stress-aarch64
	$(QEMU_A64) $(B)/stress-aarch64 -t 4 -c 2 -n 10000 -s 9 -x 200
	$(QEMU_A64) $(B)/stress-aarch64 -t 2 -c 2 -n 20000 -s 10 -x 400
smp-sabotage: $(B)/stress-sabotage
	@if timeout 120 $(B)/stress-sabotage -t 4 -c 2 -n 2000000 -s 13 -x 400 >$(B)/sabotage.log 2>&1; then \
		echo "smp-sabotage: broken exclusion went unnoticed"; exit 1; \
	else echo "smp-sabotage: broken exclusion caught: $$(grep -m1 -E 'stress:|BUG|panic' $(B)/sabotage.log || echo crashed)"; fi
smp-spin:
	stress/spin.sh stress/smp.pml $(B)/spin
	stress/spin.sh stress/excl.pml $(B)/spin-excl
smp-userbug: $(B)/userbug $(B)/userbug-asan
	stress/userbug.sh $(B)/userbug $(B)/userbug-asan

test-smp: smp-run smp-lto smp-tsan smp-memcheck smp-helgrind smp-aarch64 smp-spin smp-userbug smp-sabotage
	@echo "test-smp: all passed"

stress-long: $(B)/stress $(B)/stress-lto $(B)/stress-tsan $(B)/stress-aarch64
	$(B)/stress -t 8 -c 4 -n 2000000 -s 101 -x 100
	$(B)/stress-lto -t 8 -c 4 -n 2000000 -s 107 -x 100
	SLABREF_EXCL=locked $(B)/stress-lto -t 6 -c 3 -n 1000000 -s 108 -x 100
	$(B)/stress -t 16 -c 3 -n 500000 -s 102 -x 100
	$(B)/stress -t 4 -c 4 -n 3000000 -s 106 -x 200
	$(TSAN_ENV) $(B)/stress-tsan -t 8 -c 4 -n 200000 -s 103 -x 100
	$(VG_HELGRIND) $(B)/stress -t 4 -c 2 -n 50000 -s 104 -x 100 -m 0x20
	$(QEMU_A64) $(B)/stress-aarch64 -t 8 -c 4 -n 300000 -s 105 -x 100
	stress/spin.sh stress/smp.pml $(B)/spin-big -DBIG
	stress/spin.sh stress/excl.pml $(B)/spin-excl-big -DBIG

TEST_TARGETS += test-smp
.PHONY: test-smp stress-long smp-run smp-lto smp-tsan smp-memcheck smp-helgrind \
	smp-aarch64 smp-spin smp-userbug smp-sabotage

# `make stress`: build the stress model and run it once with defaults.
stress: $(B)/stress
	$(B)/stress
.PHONY: stress
