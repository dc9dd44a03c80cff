# Fuzzing (issue: fuzzers, invariant checker).  See README.md, "Fuzzing".
#   make fuzz-build     libFuzzer (ASan+UBSan), AFL++ (plain + CmpLog), coverage builds
#   make fuzz-smoke     CI: corpora replayed, each fuzzer briefly, checker tests, build.sh
#   make fuzz           time-boxed campaign (FUZZ_TIME seconds in all, FUZZ_TARGETS), then coverage
#   make fuzz-coverage  llvm-cov line/branch report of src/ over corpora + campaign output

FUZZ_TARGETS ?= fuzz_ops fuzz_trace fuzz_debug
FUZZ_TIME    ?= 600
FUZZ_JOBS    ?= $(shell nproc)
FUZZ_SMOKE_RUNS ?= 3000
FZ_OUT       ?= $(B)/fuzz-out

FZ_LIB_SRC = $(CORE_SRC) $(MODEL_SRC) $(ORACLE_SRC) $(CHECK_SRC)
FZ_BASE    = -std=c11 -D_GNU_SOURCE $(WARN) -g -Iinclude -Isrc -Isrc/platform -Isrc/oracle
FZ_HDRS    = $(HEADERS) include/slabref/check.h fuzz/sink.h fuzz/nocov.txt fuzz/noasan.txt fuzz/fuzz.mk

# Variants: compiler, compile flags, link flags, environment.
FZ_CC_lf      := clang
FZ_CFLAGS_lf  := -O2 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
		 -fsanitize-ignorelist=fuzz/noasan.txt \
		 -fsanitize-coverage-ignorelist=fuzz/nocov.txt
FZ_LD_lf      := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FZ_CC_afl     := afl-clang-fast
FZ_CFLAGS_afl := -O2
FZ_LD_afl     := -fsanitize=fuzzer
FZ_ENV_afl    := AFL_QUIET=1
FZ_CC_cmplog     := afl-clang-fast
FZ_CFLAGS_cmplog := -O2
FZ_LD_cmplog     := -fsanitize=fuzzer
FZ_ENV_cmplog    := AFL_QUIET=1 AFL_LLVM_CMPLOG=1
FZ_CC_cov     := clang
FZ_CFLAGS_cov := -O0 -fprofile-instr-generate -fcoverage-mapping
FZ_LD_cov     := -fsanitize=fuzzer -fprofile-instr-generate -fcoverage-mapping
FZ_VARIANTS   := lf afl cmplog cov
# libFuzzer's comparison callbacks (trace-cmp) only where input bytes are
# compared as they are: the harnesses and the trace parser.  In the core,
# the model, the checker and the replayer every value is derived (sizes,
# indices, pointers, parsed numbers; UBSan's own pointer checks are
# compared too), so the callbacks, a quarter of fuzz_ops' time, fed
# libFuzzer nothing it could use.  Coverage counters stay everywhere; the
# CmpLog build keeps its own.
FZ_NOCMP_SRC  := $(CORE_SRC) $(MODEL_SRC) $(CHECK_SRC) src/oracle/replay.c
FZ_NOCMP_lf   := -fno-sanitize-coverage=trace-cmp

# Which library variant each harness uses: nd (non-DEBUG) or d (DEBUG).
FZ_LIBV_fuzz_ops   := nd
FZ_LIBV_fuzz_trace := nd
FZ_LIBV_fuzz_debug := d

define FZ_VARIANT_RULES
$(B)/fuzz-$(1)/nd/%.o: %.c $$(FZ_HDRS)
	@mkdir -p $$(dir $$@)
	$(FZ_ENV_$(1)) $(FZ_CC_$(1)) $$(FZ_BASE) $(FZ_CFLAGS_$(1)) \
		$$(if $$(filter $$(FZ_NOCMP_SRC),$$<),$(FZ_NOCMP_$(1))) -c $$< -o $$@
$(B)/fuzz-$(1)/d/%.o: %.c $$(FZ_HDRS)
	@mkdir -p $$(dir $$@)
	$(FZ_ENV_$(1)) $(FZ_CC_$(1)) $$(FZ_BASE) -DCONFIG_DEBUG_SLAB $(FZ_CFLAGS_$(1)) \
		$$(if $$(filter $$(FZ_NOCMP_SRC),$$<),$(FZ_NOCMP_$(1))) -c $$< -o $$@
endef
define FZ_TARGET_RULES
$(B)/fuzz-$(1)/$(2): $(B)/fuzz-$(1)/$(FZ_LIBV_$(2))/fuzz/$(2).o \
		$$(patsubst %.c,$(B)/fuzz-$(1)/$(FZ_LIBV_$(2))/%.o,$$(FZ_LIB_SRC))
	$(FZ_ENV_$(1)) $(FZ_CC_$(1)) $(FZ_LD_$(1)) -o $$@ $$^
endef
$(foreach v,$(FZ_VARIANTS),$(eval $(call FZ_VARIANT_RULES,$(v))))
$(foreach v,$(FZ_VARIANTS),$(foreach t,fuzz_ops fuzz_trace fuzz_debug,\
	$(eval $(call FZ_TARGET_RULES,$(v),$(t)))))

FZ_ALL_TARGETS := fuzz_ops fuzz_trace fuzz_debug
fuzz-build-lf:  $(addprefix $(B)/fuzz-lf/,$(FZ_ALL_TARGETS))
fuzz-build-afl: $(addprefix $(B)/fuzz-afl/,$(FZ_ALL_TARGETS)) $(addprefix $(B)/fuzz-cmplog/,$(FZ_ALL_TARGETS))
fuzz-build-cov: $(addprefix $(B)/fuzz-cov/,$(FZ_ALL_TARGETS))
fuzz-build: fuzz-build-lf fuzz-build-afl fuzz-build-cov

# gcc builds of the harnesses against the ordinary libraries: -Werror with
# gcc too, and a plain reproducer (valgrind-friendly): prog FILE...
# fuzz_ops is built FUZZ_OPS_PARANOID here: it also proves, on every
# operation of the corpus, that its dirty sets name every changed cache.
$(B)/fuzz-gcc/%: fuzz/%.c fuzz/standalone.c $(B)/libslabref-model.a $(B)/libslabref-model-debug.a $(FZ_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(ALLFLAGS) -Isrc/oracle -DFUZZ_OPS_PARANOID $(if $(filter d,$(FZ_LIBV_$*)),-DCONFIG_DEBUG_SLAB) \
		-o $@ fuzz/$*.c fuzz/standalone.c \
		$(if $(filter d,$(FZ_LIBV_$*)),$(B)/libslabref-model-debug.a,$(B)/libslabref-model.a)
# Self-tests of fuzz_ops' light check: each mutant must be caught on the corpus.
$(B)/fuzz-gcc/fuzz_ops_mutant%: fuzz/fuzz_ops.c fuzz/standalone.c $(B)/libslabref-model.a $(FZ_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(ALLFLAGS) -Isrc/oracle -DFUZZ_OPS_MUTANT=$* -o $@ fuzz/fuzz_ops.c fuzz/standalone.c \
		$(B)/libslabref-model.a
$(B)/fuzz-gcc/test_check: fuzz/test_check.c $(B)/libslabref-model.a $(FZ_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(ALLFLAGS) -o $@ fuzz/test_check.c $(B)/libslabref-model.a
$(B)/fuzz-gcc/test_check_debug: fuzz/test_check.c $(B)/libslabref-model-debug.a $(FZ_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(ALLFLAGS) -DCONFIG_DEBUG_SLAB -o $@ fuzz/test_check.c $(B)/libslabref-model-debug.a

# CI: < 4 minutes on 2 cores.
fuzz-smoke: fuzz-build-lf fuzz-build-afl $(addprefix $(B)/fuzz-gcc/,$(FZ_ALL_TARGETS) test_check test_check_debug \
		fuzz_ops_mutant1 fuzz_ops_mutant2)
	$(B)/fuzz-gcc/test_check
	$(B)/fuzz-gcc/test_check_debug
	fuzz/mutants.sh $(B)
	fuzz/smoke.sh $(B) $(FUZZ_SMOKE_RUNS)
	CC=clang CFLAGS="-fsanitize=fuzzer-no-link,address" LIB_FUZZING_ENGINE=-fsanitize=fuzzer \
		OUT=$(abspath $(B))/oss-fuzz-out SRC=$(CURDIR) WORK=$(abspath $(B))/oss-fuzz-work \
		fuzz/oss-fuzz/build.sh
	fuzz/oss-fuzz/check_out.sh $(B)/oss-fuzz-out
	@echo "fuzz-smoke: ok"

# FUZZ_TIME is the whole box (the targets share it), then the coverage report.
fuzz: fuzz-build-lf fuzz-build-afl fuzz-build-cov
	fuzz/campaign.sh $(B) $(FZ_OUT) $(FUZZ_TIME) $(FUZZ_JOBS) $(FUZZ_TARGETS)
	fuzz/coverage.sh $(B) $(FZ_OUT) $(FUZZ_TARGETS)

fuzz-coverage: fuzz-build-cov
	fuzz/coverage.sh $(B) $(FZ_OUT) $(FUZZ_TARGETS)

TEST_TARGETS += fuzz-smoke
.PHONY: fuzz fuzz-smoke fuzz-coverage fuzz-build fuzz-build-lf fuzz-build-afl fuzz-build-cov
