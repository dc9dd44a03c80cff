/*
 * Calls from the inlined fast paths to their cold slow paths, without
 * the cost a C call puts on the fast path.
 *
 * kmem_cache_alloc and kmem_cache_free inline their fast paths, the
 * platform's local_irq_save/restore included.  A C call anywhere in such
 * a function, even on a branch that is almost never taken
 * (cache_alloc_refill, cache_flusharray, the exclusion's slow entry),
 * makes the compiler keep the values that live across it in
 * callee-saved registers, which every call of the function then pushes
 * and pops.  The kernel meets the same problem for its paravirt irq ops
 * and answers it with callee-save thunks (PV_CALLEE_SAVE): the call site
 * is an asm statement that clobbers, of the integer registers, only the
 * return register (the flags and the vector registers too, which the
 * fast paths do not use), and a thunk saves the rest around the C
 * function.  Same here.
 *
 * Only on x86-64 and only where the build asks for it
 * (SLABREF_CALLEE_SAVE, set by stress/stress.mk and bench/bench.mk
 * together with -mno-red-zone, as the kernel is compiled: a call made
 * from an asm statement writes below the stack pointer, where a leaf
 * function may otherwise keep its locals).  Everywhere else, Frama-C
 * included, callee_save_callN is a plain call and CALLEE_SAVE_THUNK and
 * CALLEE_SAVE_TARGET expand to nothing.
 */
#ifndef SLABREF_CALLEE_SAVE_H
#define SLABREF_CALLEE_SAVE_H

#if defined(SLABREF_CALLEE_SAVE) && defined(__x86_64__) && !defined(__FRAMAC__)

/* Keeps the C function under its own name for the thunk, LTO or not. */
#define CALLEE_SAVE_TARGET __attribute__((used))

/*
 * fn_thunk: saves the caller-saved registers but rax (the arguments
 * included, so the call site may keep using them), aligns the stack for
 * the C function, calls fn.  rbp anchors the frame for unwinders.
 */
#define CALLEE_SAVE_THUNK(fn)						\
	__asm__(".pushsection .text\n"					\
		".p2align 4\n"						\
		".globl " #fn "_thunk\n"				\
		".hidden " #fn "_thunk\n"				\
		".type " #fn "_thunk, @function\n"			\
		#fn "_thunk:\n"						\
		".cfi_startproc\n"					\
		"push %rbp\n"						\
		".cfi_adjust_cfa_offset 8\n"				\
		".cfi_rel_offset %rbp, 0\n"				\
		"mov %rsp, %rbp\n"					\
		".cfi_def_cfa_register %rbp\n"				\
		"push %rcx\npush %rdx\npush %rsi\npush %rdi\n"		\
		"push %r8\npush %r9\npush %r10\npush %r11\n"		\
		"and $-16, %rsp\n"					\
		"call " #fn "\n"					\
		"lea -64(%rbp), %rsp\n"					\
		"pop %r11\npop %r10\npop %r9\npop %r8\n"		\
		"pop %rdi\npop %rsi\npop %rdx\npop %rcx\n"		\
		"pop %rbp\n"						\
		".cfi_def_cfa %rsp, 8\n"				\
		"ret\n"							\
		".cfi_endproc\n"					\
		".size " #fn "_thunk, .-" #fn "_thunk\n"		\
		".popsection\n");

/* The thunk keeps the integer registers; the vector and x87 ones it does not. */
#define CALLEE_SAVE_CLOBBERS_						\
	"memory", "cc", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5",	\
	"xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12",	\
	"xmm13", "xmm14", "xmm15", "st", "st(1)", "st(2)", "st(3)",	\
	"st(4)", "st(5)", "st(6)", "st(7)"

/* Arguments in rdi and rsi, as the C ABI passes them; only the ones used. */
#define callee_save_asm_(fn, ...) ({					\
	unsigned long cs_ret_;						\
	__asm__ volatile("call " #fn "_thunk"				\
			 : "=a"(cs_ret_)				\
			 : __VA_ARGS__					\
			 : CALLEE_SAVE_CLOBBERS_);			\
	cs_ret_;							\
})

/* The cast gives the call fn's own type, void included. */
#define callee_save_call0(fn)						\
	((__typeof__(fn()))callee_save_asm_(fn, ))
#define callee_save_call1(fn, a)					\
	((__typeof__(fn(a)))callee_save_asm_(fn, "D"((unsigned long)(a))))
#define callee_save_call2(fn, a, b)					\
	((__typeof__(fn(a, b)))callee_save_asm_(fn, "D"((unsigned long)(a)), \
						"S"((unsigned long)(b))))

#else

#define CALLEE_SAVE_TARGET
#define CALLEE_SAVE_THUNK(fn)
#define callee_save_call0(fn)		fn()
#define callee_save_call1(fn, a)	fn(a)
#define callee_save_call2(fn, a, b)	fn(a, b)

#endif
#endif
