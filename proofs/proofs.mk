# Deductive proofs of the allocator core with Frama-C/WP (README.md, "Proofs"; proofs/REPORT.md).
#
#   make prove        run the provers (cache update), regenerate REPORT.md
#                     and README.md's proof table (proofs/readme_table.py)
#   make test-proofs  CI check: replay the committed cache; fail on any
#                     unproved goal, smoke-test alarm, admit, unlisted axiom
#                     or a README proof table that differs from REPORT.md
#
# The proved functions: the contracts next to them in src/, the predicates
# in spec/.  Everything else is listed as not covered in REPORT.md.

PROOF_FUNCS := slab_mgmt_size cache_estimate reciprocal_value reciprocal_divide \
	       slab_get_obj index_to_obj_0 \
	       obj_to_index slab_put_obj cache_init_objs calculate_slab_order \
	       kmem_find_general_cachep slab_is_available \
	       INIT_LIST_HEAD __list_add list_add list_add_tail list_del \
	       list_empty list_splice cpu_cache_get nr_cpus_node \
	       kmem_flagcheck kmem_cache_size virt_to_cache virt_to_slab \
	       ____cache_alloc __cache_free \
	       __cache_alloc kmem_cache_alloc kmem_cache_free kfree ksize \
	       slab_error_fn kmem_getpages kmem_freepages slab_map_pages \
	       slab_destroy
# index_to_obj_0 is Frama-C's name for slab_alloc.c's copy of the static
# inline index_to_obj.  The other static inlines of src/slab.h (list.h's
# operations, cpu_cache_get, nr_cpus_node) are proved on the copy Frama-C
# leaves unrenamed: every copy is the same text under the same contract.
# -wp-fct F selects F's renamed copies (F_0, F_1, ..., one per further
# file of PROOF_SRC) as well; they are skipped by name, a third of the
# goals of a run otherwise (WP stops on a name that does not exist, so a
# copy named differently is caught).
PROOF_INLINES := INIT_LIST_HEAD __list_add list_add list_add_tail list_del \
		 list_empty list_splice cpu_cache_get nr_cpus_node
PROOF_COPIES   = $(foreach f,$(PROOF_INLINES),$(foreach i,\
		   $(wordlist 2,$(words $(PROOF_SRC)),- 0 1 2 3 4 5 6 7 8 9),$(f)_$(i)))
# Further runs make one row each in REPORT.md:
#  - the ACSL lemmas of spec/ (`-wp-prop @lemma`; a -wp-fct run leaves
#    lemmas out, so they are proved on their own);
#  - one run per "unit" (PROOF_UNITS): named properties of a function that
#    is not covered as a whole (`-wp-fct FCT -wp-prop PROPS`), so only these
#    properties are claimed, or whole functions (empty PROPS, LABEL
#    "functions": one row each).  Per unit: FCT, PROPS, LABEL (the
#    REPORT.md row), SPLIT (-wp-split or empty) and optionally SRC (the
#    files read, PROOF_SRC_ALL otherwise), optionally MODEL (WP's memory
#    model, Typed otherwise) and OPTS (further Frama-C options); its own
#    session, log and json.
# The order of the rows in REPORT.md; a replay's order is PROOF_RUNS_SCHED
# (below).
PROOF_UNITS := create array string tune leaves grow kmalloc cast
# Whole functions that WP's Typed model cannot follow, each through a
# pointer cast between unrelated types, proved under Typed+cast
# (PROOF_UNIT_cast_MODEL; every other run keeps Typed): slab_bufctl's
# (kmem_bufctl_t *)(slabp + 1), alloc_slabmgmt's descriptor (an object of
# kmem_cache_alloc's, or (struct slab *)((char *)objp + colour_off)) and
# do_ccupdate_local's `void *info` and alloc_arraycache's kmalloc result.
# Typed+cast trusts that memory reached through a cast is accessed at one
# type only (proofs/TRUSTED.md).  The unit's options (PROOF_UNIT_cast_OPTS)
# define SLABREF_WP_CAST, with which spec/bufctl.h makes bufctl_of a macro
# for that conversion instead of an uninterpreted name, and inline the
# header's static inline kmalloc (always_inline, as the compilers do: it
# has no contract of its own), so alloc_arraycache's call is __kmalloc's
# (slab_init.c's contract).  Only the files it needs (kmem_cache_alloc's
# contract is slab_alloc.c's), no -wp-split.
PROOF_UNIT_cast_FCT   := slab_bufctl,alloc_slabmgmt,do_ccupdate_local,alloc_arraycache
PROOF_UNIT_cast_PROPS :=
PROOF_UNIT_cast_LABEL := functions
PROOF_UNIT_cast_SPLIT :=
PROOF_UNIT_cast_SRC   := src/slab_grow.c src/slab_alloc.c src/slab_create.c src/slab_init.c
PROOF_UNIT_cast_MODEL := Typed+cast
PROOF_UNIT_cast_OPTS  := -cpp-extra-args=-DSLABREF_WP_CAST -inline-calls kmalloc
# __kmalloc as a whole function (slab_init.c, the files of the function
# run, -wp-split), in a run of its own: the kmalloc path over
# kmem_find_general_cachep and __cache_alloc.  Its preconditions and
# predicates: src/slab_init.c, spec/kmalloc.h.
PROOF_UNIT_kmalloc_FCT   := __kmalloc
PROOF_UNIT_kmalloc_PROPS :=
PROOF_UNIT_kmalloc_LABEL := functions
PROOF_UNIT_kmalloc_SPLIT := -wp-split
PROOF_UNIT_kmalloc_SRC    = $(PROOF_SRC)
# cache_grow's colouring.
PROOF_UNIT_grow_FCT   := cache_grow
PROOF_UNIT_grow_PROPS := colour_offset colour_steps colour_wraps colour_below
PROOF_UNIT_grow_LABEL := cache_grow: colouring (colour_* assertions)
PROOF_UNIT_grow_SPLIT := -wp-split
# kmem_cache_create's geometry: the geom_* assertions, its two loop assigns
# (@assigns: the function itself has no assigns clause), and the
# preconditions of its calculate_slab_order call (cache ... on_slab_align
# are calculate_slab_order's requires).  No -wp-split: it splits these
# goals on every branch of the function (tens of parts each).  No -wp-rte
# either: the unit proves none of the function's run-time-error goals (the
# property filter), yet generating them, to serve as hypotheses, was 23 s
# of the unit's 58 s of VC generation (its cached replay: 56 s, now 40 s);
# every geometry goal is proved without them (integer operations keep
# WP's machine-integer semantics).
PROOF_UNIT_create_RTE   :=
PROOF_UNIT_create_FCT   := kmem_cache_create
PROOF_UNIT_create_PROPS := geom_flags geom_word geom_ralign_loop geom_align \
	geom_fresh geom_aligned_eq geom_aligned geom_order geom_estimate \
	geom_slab_size geom_now_on geom_layout_kept geom_layout_mgmt \
	geom_colour_div geom_colour_set geom_colour_kept geom_align_pow2 geom_size_aligned geom_colour \
	geom_layout geom_colour_room geom_colour_last geom_inside @assigns \
	cache size_range break_order off_slab_size on_slab_align
PROOF_UNIT_create_LABEL := kmem_cache_create: geometry (geom_* assertions, calculate_slab_order call preconditions)
PROOF_UNIT_create_SPLIT :=
# enable_cpucache as a whole function (one row, LABEL "functions"): its
# tune_* assertions (the kernel's limit for the object size, a batch of
# (limit + 1) / 2 inside what every array accepts, ac_wellformed:
# 1 <= batchcount <= limit < 2^28, a shared array only for objects of at
# most a page) and every other goal of it.  It rests on do_tune_cpucache's
# contract (src/slab.h), assumed, not proved (proofs/TRUSTED.md).
PROOF_UNIT_tune_FCT   := enable_cpucache
PROOF_UNIT_tune_PROPS :=
PROOF_UNIT_tune_LABEL := functions
PROOF_UNIT_tune_SPLIT := -wp-split
# Whole functions of slab_create.c (read only by the units): one row each
# in REPORT.md (LABEL "functions"), every goal of them, no -wp-prop.
PROOF_UNIT_leaves_FCT   := kmem_list3_init,fls_ul
PROOF_UNIT_leaves_PROPS :=
PROOF_UNIT_leaves_LABEL := functions
PROOF_UNIT_leaves_SPLIT := -wp-split
# The array-cache functions, as in the main run (its files, -wp-split), in
# a run of their own: the main run alone took most of a replay on one core
# (115 s of 118) while the other core ran out of units to replay.
PROOF_UNIT_array_FCT   := ac_copy,transfer_objects,ac_shift_down,cache_flusharray,drain_array
PROOF_UNIT_array_PROPS :=
PROOF_UNIT_array_LABEL := functions
PROOF_UNIT_array_SPLIT := -wp-split
PROOF_UNIT_array_SRC    = $(PROOF_SRC)
# slab_string.c's functions, as in the main run (its files, -wp-split), in
# a run of their own so that a second core shares a replay's work.
PROOF_UNIT_string_FCT   := scan_int,name_equal
PROOF_UNIT_string_PROPS :=
PROOF_UNIT_string_LABEL := functions
PROOF_UNIT_string_SPLIT := -wp-split
PROOF_UNIT_string_SRC    = $(PROOF_SRC)
# The list model (spec/list_model.h, issue #4 property 5): what each list.h
# primitive does to the sequence a list holds, proved of proof-only
# wrappers (proofs/list_model.c, which says why) from the primitives'
# contracts.  Its own small translation unit.
# One row (not "functions": the wrappers are not allocator functions).
PROOF_UNITS += listmodel
PROOF_UNIT_listmodel_FCT   := INIT_LIST_HEAD_model,list_add_model,list_add_tail_model,list_del_model,list_empty_model
PROOF_UNIT_listmodel_PROPS :=
PROOF_UNIT_listmodel_LABEL := list model: the list.h primitives on the sequence (proofs/list_model.c)
PROOF_UNIT_listmodel_SPLIT := -wp-split
PROOF_UNIT_listmodel_SRC   := proofs/list_model.c
# The kernel's slabinfo check against property 5's invariant
# (spec/node_model.h, issue #4): for a node whose lists hold the
# sequences full_seq, partial_seq and free_seq, s_show reports no error
# iff node_accounted held at entry (every slab on the list its inuse
# names, free_objects the free objects of the node's slabs) (the acct_*
# annotations; its ghost lemma mul_mono); and list_slab's container_of
# contract.  Typed+cast: list_slab converts a list node to its slab
# (proofs/TRUSTED.md).  Every goal of these functions but s_show's
# run-time-error goals (no -wp-rte: it also calls scnprintf and a
# function pointer, which nothing specifies yet).
PROOF_UNITS += slabinfo
PROOF_UNIT_slabinfo_RTE   :=
PROOF_UNIT_slabinfo_FCT   := s_show,mul_mono,list_slab
PROOF_UNIT_slabinfo_PROPS :=
PROOF_UNIT_slabinfo_LABEL := s_show: the slabinfo check against property 5's invariant (acct_* annotations, no run-time-error goals); mul_mono; list_slab
PROOF_UNIT_slabinfo_SPLIT :=
PROOF_UNIT_slabinfo_SRC   := src/slabinfo.c
PROOF_UNIT_slabinfo_MODEL := Typed+cast
# slab_string.c comes last: its spec/cstring.h lemma would otherwise join
# the context of spec/geometry.h's lemmas (one of them then times out).
PROOF_SRC_LAST := src/slab_string.c
PROOF_SRC   := src/slab_estimate.c src/slab_alloc.c src/slab_free.c \
	       src/slab_grow.c src/slab_reap.c src/slab_init.c $(PROOF_SRC_LAST)
# The units (but for one with its own SRC) also read
# slab_create.c; the PROOF_FUNCS run does not (no function of it is
# covered, and its spec/geometry.h lemmas would join the context of every
# goal there).
PROOF_SRC_ALL := $(filter-out $(PROOF_SRC_LAST),$(PROOF_SRC)) src/slab_create.c $(PROOF_SRC_LAST)
# The lemma run reads the spec/ files alone (proofs/lemmas.c): a run with
# no -wp-fct still builds the body of every function with a contract, and
# cache_alloc_refill's (assumed at its call in ____cache_alloc, src/slab.h)
# has a loop WP rejects ("non natural loop"); -wp-skip-fct drops the
# lemmas too.
PROOF_LEMMA_SRC := proofs/lemmas.c
PROOF_DIR   := $(B)/proofs
PROOF_CACHE := $(CURDIR)/proofs/wp-cache
PROOF_JOBS  ?= $(shell nproc 2>/dev/null || echo 2)
WHY3_CONF   := $(PROOF_DIR)/why3.conf

comma := ,
empty :=
space := $(empty) $(empty)

FRAMAC_FLAGS := -machdep gcc_x86_64 -c11 \
	-cpp-extra-args="-D_GNU_SOURCE -Iinclude -Isrc -Isrc/platform" \
	-warn-signed-overflow -warn-unsigned-overflow \
	-warn-signed-downcast -warn-unsigned-downcast \
	-kernel-warn-key annot-error=abort -kernel-warn-key ghost=error
# The budget: a step count large enough for every goal (Z3's rlimit, CVC4's
# and CVC5's --rlimit: deterministic, unlike a time limit; for Z3 it is the
# binding limit, about 30 s of this machine) and a timeout as a backstop
# (binding for CVC4/CVC5, whose resource units are much finer).  Each
# prover stops itself at the timeout (proofs/why3_limits.py), so a goal it
# cannot close costs the timeout, not the 2 s more why3server takes to
# kill it: every smoke test (WP's -wp-smoke-timeout, 2 s) must fail in all
# three provers, and those failures were a third of a cold run's prover time.
PROOF_STEPS   ?= 100000000
PROOF_TIMEOUT ?= 40
# Session scripts (proofs/session/RUN/script/*.json, committed): a goal the
# provers cannot close whole is split by -wp-auto's tactics (wp:range case
# splits, wp:bitshift), and the split is saved as a script.  The 'script'
# prover replays a saved split first, so a full run does not spend the
# whole-goal timeouts again (about 4 min of a cold run); every part is
# still proved by a prover.  'tip' (update only) saves the scripts of goals
# newly split.  proofs/hint_scripts.py adds, after each `make prove`, a
# one-line script naming the prover for each goal part that CVC4 or CVC5
# closed (read from the run's log), so a full run asks that prover first
# instead of spending Z3's budget again (40 s per part; 22 parts in the
# function run).  A replay reads a copy, so the tree stays clean.
PROOF_SESSION := proofs/session
WP_PROVERS_update := script,tip,z3,cvc4,cvc5
WP_PROVERS_replay := script,z3,cvc4,cvc5
# WP's task server keeps at most -wp-par proofs in flight and wakes every
# 50 ms; a goal's proof yields to it at least once even when the cache
# answers, so a replay at -wp-par 2 slept half its time (the function run:
# 129 s of wall clock for 65 s of CPU; 68 s at 32 or more).  A replay that
# the cache answers starts no prover, so many in flight cost nothing; a
# run that proves (update) keeps one prover per core.
WP_PAR_update := $(PROOF_JOBS)
WP_PAR_replay := 64
# $(1): cache mode, $(2): run name.  The cache, prover and session options
# of that run.
wp_session = $(if $(filter update,$(1)),$(PROOF_SESSION)/$(2),$(PROOF_DIR)/replay-session/$(2))
wp_run = -wp-cache $(1) -wp-prover $(WP_PROVERS_$(1)) -wp-par $(WP_PAR_$(1)) \
	-wp-session $(call wp_session,$(1),$(2)) -wp-cache-dir $(PROOF_CACHE) \
	$(WP_MSG_$(1))
# An update run logs every prover result: proofs/hint_scripts.py reads
# which prover closed each goal part from it.
WP_MSG_update := -wp-msg-key prover
# A replay's copy of the committed scripts of run $(2).
define session_copy
rm -rf $(PROOF_DIR)/replay-session/$(1); mkdir -p $(PROOF_DIR)/replay-session/$(1); \
	  if [ -d $(PROOF_SESSION)/$(1) ]; then cp -R $(PROOF_SESSION)/$(1)/. $(PROOF_DIR)/replay-session/$(1)/; fi
endef
WP_COMMON := -wp-steps $(PROOF_STEPS) \
	-wp-timeout $(PROOF_TIMEOUT) \
	-wp-auto wp:range,wp:bitshift \
	-wp-smoke-tests -wp-warn-key "pedantic-assigns=inactive"
WP_FLAGS := -wp -wp-rte -wp-split -wp-model Typed \
	-wp-fct $(subst $(space),$(comma),$(strip $(PROOF_FUNCS))) \
	-wp-skip-fct $(subst $(space),$(comma),$(strip $(PROOF_COPIES))) \
	$(WP_COMMON)
WP_LEMMA_FLAGS := -wp -wp-rte -wp-split -wp-model Typed -wp-prop @lemma \
	$(WP_COMMON)
# $(1): unit name.
# A unit has -wp-rte unless it sets PROOF_UNIT_<u>_RTE (to empty).
WP_UNIT_FLAGS = -wp $(if $(filter undefined,$(origin PROOF_UNIT_$(1)_RTE)),-wp-rte,$(PROOF_UNIT_$(1)_RTE)) $(PROOF_UNIT_$(1)_SPLIT) \
	-wp-model $(or $(PROOF_UNIT_$(1)_MODEL),Typed) $(PROOF_UNIT_$(1)_OPTS) \
	-wp-fct $(PROOF_UNIT_$(1)_FCT) \
	$(if $(strip $(PROOF_UNIT_$(1)_PROPS)),-wp-prop $(subst $(space),$(comma),$(strip $(PROOF_UNIT_$(1)_PROPS)))) \
	$(WP_COMMON)

# `why3 config show` writes every prover out in full, so that
# proofs/why3_limits.py can give each step-limited command its time limit.
$(WHY3_CONF): proofs/why3-extra.conf proofs/why3_limits.py
	@mkdir -p $(PROOF_DIR)
	WHY3CONFIG=$@.tmp why3 config detect >/dev/null
	cat proofs/why3-extra.conf >> $@.tmp
	WHY3CONFIG=$@.tmp why3 config show 2>/dev/null | python3 proofs/why3_limits.py > $@.full
	rm -f $@.tmp
	mv $@.full $@

# One Frama-C run.  $(1): cache mode, $(2): run name (its session), $(3):
# log and json base name in $(PROOF_DIR).  The target's RUN_SRC and
# RUN_FLAGS: its sources and WP options (variables, not arguments: the
# options hold commas).
define run_frama_c
	@mkdir -p $(PROOF_DIR) $(PROOF_CACHE)
	@rm -f $(PROOF_DIR)/$(3).json
$(if $(filter replay,$(1)),	@$(call session_copy,$(2)))
	@echo "proofs: run $(2) ($(1)): frama-c ... > $(PROOF_DIR)/$(3).log"
	@WHY3CONFIG=$(CURDIR)/$(WHY3_CONF) FRAMAC_WP_CACHEDIR=$(PROOF_CACHE) \
	  frama-c $(FRAMAC_FLAGS) $(RUN_SRC) $(RUN_FLAGS) $(call wp_run,$(1),$(2)) \
	  -wp-report-json $(PROOF_DIR)/$(3).json > $(PROOF_DIR)/$(3).log 2>&1; \
	  rc=$$?; grep -E "Proved goals|Failed|Unknown|Timeout|Smoke|smoke|Error|error" $(PROOF_DIR)/$(3).log \
	    | grep -v "^\s*\(Z3\|CVC\|Script\)\|\[Passed\]\|^\[wp:prover\]\|^ " \
	    | sed 's/^/$(3): /' | head -40; exit $$rc
endef

# Every run is a target of its own, and proofs-run-* starts them with
# make -j$(PROOF_JOBS), the longest first: WP's own work (VC generation,
# Qed's simplification, the Why3 task behind each cache key) is
# single-threaded and most of a cached replay, so the runs share the cores
# only if they are separate processes.  PROOF_RUNS_LONG names the runs
# of a replay's seconds of one core (main 75, create 40, array 42, string
# 18, listmodel 10; cast 8, every other under 6; slabinfo 12 s on a
# faster day, when listmodel took 5 and cast 5), in that order, and the
# rest follow: with listmodel last, a replay ended 4 s after the other
# core.
PROOF_RUNS := main $(addprefix unit-,$(PROOF_UNITS)) lemmas
PROOF_RUNS_LONG := main unit-create unit-array unit-string unit-slabinfo unit-listmodel
PROOF_RUNS_SCHED := $(filter $(PROOF_RUNS),$(PROOF_RUNS_LONG)) \
	$(filter-out $(PROOF_RUNS_LONG),$(PROOF_RUNS))
define proof_targets
proofs-main-$(1): RUN_SRC = $$(PROOF_SRC)
proofs-main-$(1): RUN_FLAGS = $$(WP_FLAGS)
proofs-main-$(1): $(WHY3_CONF)
	$$(call run_frama_c,$(1),main,wp)
proofs-lemmas-$(1): RUN_SRC = $$(PROOF_LEMMA_SRC)
proofs-lemmas-$(1): RUN_FLAGS = $$(WP_LEMMA_FLAGS)
proofs-lemmas-$(1): $(WHY3_CONF)
	$$(call run_frama_c,$(1),lemmas,wp-lemmas)
$(foreach u,$(PROOF_UNITS),
proofs-unit-$(u)-$(1): RUN_SRC = $$(or $$(PROOF_UNIT_$(u)_SRC),$$(PROOF_SRC_ALL))
proofs-unit-$(u)-$(1): RUN_FLAGS = $$(call WP_UNIT_FLAGS,$(u))
proofs-unit-$(u)-$(1): $(WHY3_CONF)
	$$(call run_frama_c,$(1),unit-$(u),wp-unit-$(u)))
endef
$(eval $(call proof_targets,update))
$(eval $(call proof_targets,replay))

REPORT_ARGS = $(PROOF_DIR)/wp.json $(PROOF_DIR)/wp.log "$(PROOF_FUNCS)" \
	      "lemmas (spec/)" $(PROOF_DIR)/wp-lemmas.json $(PROOF_DIR)/wp-lemmas.log \
	      $(foreach u,$(PROOF_UNITS),"$(PROOF_UNIT_$(u)_LABEL)" \
	        $(PROOF_DIR)/wp-unit-$(u).json $(PROOF_DIR)/wp-unit-$(u).log)

prove: $(WHY3_CONF)
	rm -rf $(PROOF_DIR)/session-before; mkdir -p $(PROOF_DIR); \
	  cp -R $(PROOF_SESSION) $(PROOF_DIR)/session-before
	@start=$$(date +%s); \
	$(MAKE) --no-print-directory proofs-run-update || exit 1; \
	t=$$(( $$(date +%s) - start )); echo "proofs: full run took $$t s"; \
	echo $$t > $(PROOF_DIR)/full-run-seconds
	# 'tip' also records the smoke tests' failed attempts as scripts: no
	# split to keep, only churn.
	find $(PROOF_SESSION) -name '*_wp_smoke_*.json' -delete
	python3 proofs/hint_scripts.py $(PROOF_DIR)/wp.log $(PROOF_SESSION)/main \
	  $(PROOF_DIR)/session-before/main
	python3 proofs/hint_scripts.py $(PROOF_DIR)/wp-lemmas.log $(PROOF_SESSION)/lemmas \
	  $(PROOF_DIR)/session-before/lemmas
	for u in $(PROOF_UNITS); do \
	  python3 proofs/hint_scripts.py $(PROOF_DIR)/wp-unit-$$u.log \
	    $(PROOF_SESSION)/unit-$$u $(PROOF_DIR)/session-before/unit-$$u || exit 1; \
	done
	python3 proofs/report.py --full-run-seconds $$(cat $(PROOF_DIR)/full-run-seconds) \
	  $(REPORT_ARGS) > proofs/REPORT.md.tmp
	python3 proofs/count_lines.py >> proofs/REPORT.md.tmp
	mv proofs/REPORT.md.tmp proofs/REPORT.md
	python3 proofs/readme_table.py --write
	python3 proofs/report.py --check $(REPORT_ARGS)

# Explicit targets: a pattern rule would not apply to these .PHONY names.
PROOFS_ECHO = @echo "proofs: covered functions: $(PROOF_FUNCS); the lemmas of spec/; $(foreach u,$(PROOF_UNITS),$(PROOF_UNIT_$(u)_FCT): $(PROOF_UNIT_$(u)_PROPS);)"
proofs-run-update: $(WHY3_CONF)
	$(PROOFS_ECHO)
	$(MAKE) --no-print-directory -j$(PROOF_JOBS) $(foreach r,$(PROOF_RUNS_SCHED),proofs-$(r)-update)
proofs-run-replay: $(WHY3_CONF)
	$(PROOFS_ECHO)
	$(MAKE) --no-print-directory -j$(PROOF_JOBS) $(foreach r,$(PROOF_RUNS_SCHED),proofs-$(r)-replay)

test-proofs: $(WHY3_CONF)
	proofs/check_annotations.sh
	proofs/test_hint_scripts.sh
	python3 proofs/readme_table.py --check
	@start=$$(date +%s); \
	$(MAKE) --no-print-directory proofs-run-replay || exit 1; \
	echo "proofs: cached replay took $$(( $$(date +%s) - start )) s"
	python3 proofs/report.py --check --replayed $(REPORT_ARGS)

TEST_TARGETS += test-proofs
.PHONY: prove test-proofs proofs-run-update proofs-run-replay \
	$(foreach m,update replay,$(foreach r,$(PROOF_RUNS),proofs-$(r)-$(m)))
