# Turns bench/run.sh's raw facts into the Markdown report.  Portable awk
# (Debian's default is mawk: no asort, so medians sort by insertion).
#
# Raw lines:  time A KEY VALUE | cgops A PHASE N | ir A PHASE IR |
#             timeops ... (ignored) | na A WORKLOAD REASON | info A TEXT |
#             meta KEY TEXT

$1 == "time" { k = $2 SUBSEP $3; n[k]++; v[k, n[k]] = $4 + 0 }
$1 == "cgops" { ops[$2, $3] = $4 + 0 }
$1 == "ir" { ir[$2, $3] = $4 + 0 }
$1 == "na" { r = $0; sub(/^na [^ ]+ [^ ]+ +/, "", r); na[$2, $3] = r }
$1 == "info" && !(($2) in info) { r = $0; sub(/^info [^ ]+ +/, "", r); info[$2] = r }
$1 == "meta" { r = $0; sub(/^meta [^ ]+ /, "", r); meta[$2] = r }

function median(a, key,    cnt, i, j, t, s) {
	cnt = n[a, key]
	if (!cnt)
		return ""
	for (i = 1; i <= cnt; i++)
		s[i] = v[a, key, i]
	for (i = 2; i <= cnt; i++)
		for (j = i; j > 1 && s[j - 1] > s[j]; j--) {
			t = s[j]; s[j] = s[j - 1]; s[j - 1] = t
		}
	return cnt % 2 ? s[(cnt + 1) / 2] : (s[cnt / 2] + s[cnt / 2 + 1]) / 2
}

function spread(a, key,    cnt, i, lo, hi, m) {
	cnt = n[a, key]
	if (cnt < 2)
		return ""
	lo = hi = v[a, key, 1]
	for (i = 2; i <= cnt; i++) {
		if (v[a, key, i] < lo) lo = v[a, key, i]
		if (v[a, key, i] > hi) hi = v[a, key, i]
	}
	m = median(a, key)
	return m > 0 ? (hi - lo) / m * 100 : ""
}

function fmt(x) {
	if (x == "") return "n/a"
	return x >= 100 ? sprintf("%.0f", x) : x >= 10 ? sprintf("%.1f", x) : sprintf("%.2f", x)
}

# The slabref figure a row is compared with: kmem_cache where it ran, else kmalloc.
function refalloc(key) {
	return median("slabref-cache", key) != "" ? "slabref-cache" : "slabref-kmalloc"
}

function header(first,    i, s, d) {
	s = "| " first; d = "|---"
	for (i = 1; i <= NA; i++) { s = s " | " A[i]; d = d "|---:" }
	print s " |"
	print d "|"
}

function timerow(label, key, ratios,    i, m, ref, rm, s) {
	ref = refalloc(key)
	rm = median(ref, key)
	s = "| " label
	for (i = 1; i <= NA; i++) {
		m = median(A[i], key)
		if (m == "")
			s = s " | n/a"
		else if (ratios && A[i] != ref && rm > 0)
			s = s sprintf(" | %s (%.2f×)", fmt(m), m / rm)
		else
			s = s " | " fmt(m)
	}
	print s " |"
}

function spreadrow(label, key,    i, s) {
	s = "| " label
	for (i = 1; i <= NA; i++)
		s = s " | " (spread(A[i], key) == "" ? "n/a" : sprintf("%.0f%%", spread(A[i], key)))
	print s " |"
}

function irrow(label, phase,    i, s) {
	gsub(/\(ns\//, "(per ", label)
	s = "| " label
	for (i = 1; i <= NA; i++)
		s = s " | " ((A[i], phase) in ir && ops[A[i], phase] > 0 ? \
			sprintf("%.1f", ir[A[i], phase] / ops[A[i], phase]) : "n/a")
	print s " |"
}

function general_min(key,    i, m, best, who) {
	best = ""
	for (i = 1; i <= NA; i++) {
		if (A[i] !~ /^(glibc|jemalloc|tcmalloc|mimalloc)$/) continue
		m = median(A[i], key)
		if (m != "" && (best == "" || m < best)) { best = m; who = A[i] }
	}
	GMIN_WHO = who
	return best
}

function verdict(ok, have) { return !have ? "not measured" : ok ? "**met**" : "**not met**" }

END {
	NA = split("freelist slabref-cache slabref-kmalloc slabref-model glibc jemalloc tcmalloc mimalloc", A, " ")
	nw = split("hot64 hot256 mseq_cold mseq_warm mrand_cold mrand_warm prodcons allcores mixed", W, " ")
	L["hot64"] = "hot alloc/free pair, 64 B (ns/pair)"
	L["hot256"] = "hot alloc/free pair, 256 B (ns/pair)"
	L["mseq_cold"] = "1M × 64 B, freed in order, cold (ns/object)"
	L["mseq_warm"] = "1M × 64 B, freed in order, warm (ns/object)"
	L["mrand_cold"] = "1M × 64 B, freed in random order, cold (ns/object)"
	L["mrand_warm"] = "1M × 64 B, freed in random order, warm (ns/object)"
	L["prodcons"] = "producer → consumer, 2 threads (ns/object)"
	L["allcores"] = "hot pair 64 B on all " meta["nproc"] " cores at once (ns/pair/thread)"
	L["mixed"] = "kmalloc/malloc mixed sizes 8–4095 B (ns/pair)"

	print "# slabref benchmark results"
	print ""
	print "Produced by `make bench` (bench/run.sh): " meta["reps"] " repetitions, " \
		"iteration scale " meta["scale"] ", callgrind scale " meta["cgscale"] \
		", " meta["seconds"] " s in all."
	print ""
	print "- Machine: " meta["nproc"] " CPUs (`nproc`), " meta["cpu"] \
		" (/proc/cpuinfo), Linux " meta["kernel"]
	print "- Compiler: " meta["cc"] ", -O2"
	print "- Date: " meta["date"]
	print "- Load average (1 min) before / after the timed runs: " meta["load0"] " / " meta["load1"] \
		" (other jobs on the machine make the times noisy; the instruction counts are not affected)"
	print ""
	print "Allocators as linked (each binary reports what serves its allocations):"
	print ""
	for (i = 1; i <= NA; i++)
		print "- " A[i] ": " (A[i] in info ? info[A[i]] : "did not run")
	print ""

	print "## Time: median ns per operation"
	print ""
	print "In parentheses: the allocator's median divided by slabref's " \
		"(slabref-cache where it runs, else slabref-kmalloc); above 1 means slower than slabref."
	print "freelist is the floor: a single-threaded intrusive free list over a prefaulted arena; " \
		"for producer → consumer it is the ring hand-over alone, with no allocation."
	print "Cold: the first million objects come from fresh memory (page faults included); " \
		"warm: a second cycle in the same process."
	print ""
	header("workload")
	for (j = 1; j <= nw; j++)
		timerow(L[W[j]], W[j], 1)
	s = "| all cores: a thread's time together ÷ its own time alone, worst thread (paired rounds)"
	for (i = 1; i <= NA; i++) {
		m = median(A[i], "allcores_ratio")
		s = s " | " (m != "" ? sprintf("%.2f", m) : "n/a")
	}
	print s " |"
	print ""
	print "Not run (n/a above):"
	print ""
	for (i = 1; i <= NA; i++) {
		s = ""
		for (j = 1; j <= split("hot64 hot256 mseq mrand prodcons allcores mixed", X, " "); j++)
			if ((A[i], X[j]) in na)
				s = s (s == "" ? "" : ", ") X[j] " (" na[A[i], X[j]] ")"
		if (s != "")
			print "- " A[i] ": " s
	}
	print ""

	print "## Million-object phases: alloc and free separately (median ns per object)"
	print ""
	header("phase")
	split("mseq_cold mseq_warm mrand_cold mrand_warm", M, " ")
	for (j = 1; j <= 4; j++) {
		timerow(M[j] " alloc", M[j] "_alloc", 0)
		timerow(M[j] " free", M[j] "_free", 0)
	}
	timerow("all cores: slowest thread (ns/pair)", "allcores_worst", 0)
	timerow("all cores: each thread alone, same rounds (ns/pair)", "allcores_alone", 0)
	print ""

	print "## Instructions per operation (callgrind, allocator calls only)"
	print ""
	print "Counted with `valgrind --tool=callgrind --toggle-collect=be_*` at scale " meta["cgscale"] \
		": only instructions executed inside the allocator calls (one call wrapper included), " \
		"divided by the operations of the phase. Same units as the time table."
	print ""
	nir = 0
	for (k in ir)
		nir++
	if (nir) {
		header("workload")
		for (j = 1; j <= nw; j++)
			irrow(L[W[j]], W[j])
	} else {
		print "(not measured in this run: BENCH_NO_CALLGRIND was set, or valgrind is missing)"
	}
	print ""

	print "## Memory (1M × 64 B, cold cycle)"
	print ""
	print "Held per byte requested: growth of VmRSS while the million objects were allocated, " \
		"divided by 64 MB requested. Peak: VmHWM of the whole process at the end " \
		"(includes the harness's 8 MB pointer array, and 4 MB of random order for mrand). " \
		"freelist maps its arena up front, so its growth is not meaningful."
	print ""
	header("figure")
	timerow("bytes held per byte requested, in order", "mseq_held_per_req", 0)
	timerow("bytes held per byte requested, random order", "mrand_held_per_req", 0)
	timerow("peak RSS, in order (MiB)", "mseq_peak_rss_mib", 0)
	timerow("peak RSS, random order (MiB)", "mrand_peak_rss_mib", 0)
	print ""

	print "## Targets"
	print ""
	print "| target | figure | verdict |"
	print "|---|---|---|"
	for (j = 1; j <= 2; j++) {
		key = j == 1 ? "hot64" : "hot256"
		sc = median("slabref-cache", key); fl = median("freelist", key); g = general_min(key)
		have = sc != "" && fl != ""
		print "| kmem_cache hot pair " substr(key, 4) " B ≤ 1.5 × free list | " \
			(have ? sprintf("%s ns vs %s ns: %.2f×", fmt(sc), fmt(fl), sc / fl) : "n/a") \
			" | " verdict(have && sc <= 1.5 * fl, have) " |"
		have = sc != "" && g != ""
		print "| kmem_cache hot pair " substr(key, 4) " B faster than every general allocator | " \
			(have ? sprintf("%s ns vs fastest %s %s ns", fmt(sc), GMIN_WHO, fmt(g)) : "n/a") \
			" | " verdict(have && sc < g, have) " |"
	}
	sm = median("slabref-model", "hot64"); fl = median("freelist", "hot64"); g = general_min("hot64")
	if (sm != "" && fl != "" && g != "")
		print "| (reference, not a target) the same kmem_cache hot pair 64 B on the model platform | " \
			sprintf("%s ns: %.2f × free list; fastest general %s %s ns", fmt(sm), sm / fl, GMIN_WHO, fmt(g)) \
			" | core alone, no threads-platform costs |"
	sk = median("slabref-kmalloc", "hot64"); g = general_min("hot64"); have = sk != "" && g != ""
	print "| kmalloc(64)/kfree pair no slower than the fastest general allocator | " \
		(have ? sprintf("%s ns vs fastest %s %s ns", fmt(sk), GMIN_WHO, fmt(g)) : "n/a") \
		" | " verdict(have && sk <= g, have) " |"
	for (i = 2; i <= 3; i++) {
		for (j = 1; j <= 2; j++) {
			key = j == 1 ? "mrand_cold" : "mrand_warm"
			m = median(A[i], key); have = m != ""
			ma = median(A[i], key "_alloc")
			print "| " A[i] ": 1M random order ≤ 20 ns per allocation (" substr(key, 7) \
				" cycle) | " (have ? fmt(ma) " ns per allocation (alloc+free " \
				fmt(m) " ns per object)" : "n/a") " | " verdict(have && ma <= 20, have) " |"
		}
	}
	for (i = 2; i <= 3; i++) {
		m = median(A[i], "allcores"); h = median(A[i], "allcores_alone")
		q = median(A[i], "allcores_ratio"); have = m != "" && h != "" && q != ""
		print "| " A[i] ": each of " meta["nproc"] " threads within 10% of its single-thread time | " \
			(have ? sprintf("together %s ns (slowest thread %s) vs alone %s ns (mean of the threads); worst thread's time together ÷ its own time alone %.2f×", \
			fmt(m), fmt(median(A[i], "allcores_worst")), fmt(h), q) : "n/a") \
			" | " verdict(have && q <= 1.10, have) " |"
	}
	for (i = 2; i <= 3; i++) {
		m = median(A[i], "prodcons"); have = m != ""
		print "| " A[i] ": producer/consumer ≤ 60 ns per object | " \
			(have ? fmt(m) " ns (ring alone: " fmt(median("freelist", "prodcons")) " ns)" : "n/a") \
			" | " verdict(have && m <= 60, have) " |"
	}
	print ""

	print "## Spread: (max − min) ÷ median over the repetitions"
	print ""
	header("workload")
	for (j = 1; j <= nw; j++)
		spreadrow(L[W[j]], W[j])
}
