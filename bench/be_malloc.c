/*
 * General-purpose allocators through malloc/free.  The same file builds
 * the glibc, jemalloc, tcmalloc and mimalloc binaries; only the link line
 * differs (bench/bench.mk), so each binary has exactly one malloc.
 * be_describe asks the dynamic linker which library really serves malloc,
 * so a silently dropped -l option shows up in the log instead of in the
 * numbers.
 */
#include <dlfcn.h>
#include <gnu/libc-version.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "backend.h"

#ifndef BE_NAME
#error "BE_NAME must name the allocator this binary is linked with"
#endif
const char be_name[] = BE_NAME;

unsigned int be_caps(void) { return BE_FIXED | BE_ANYSIZE | BE_THREADS; }
void be_init(int nthreads) { (void)nthreads; }
void be_thread_enter(int cpu) { (void)cpu; }
void be_thread_exit(void) { }

static void version(char *buf, size_t len)
{
	void *sym;

	if ((sym = dlsym(RTLD_DEFAULT, "mallctl"))) {
		int (*mallctl)(const char *, void *, size_t *, void *, size_t) =
			(int (*)(const char *, void *, size_t *, void *, size_t))(uintptr_t)sym;
		const char *v = "?";
		size_t sz = sizeof(v);

		mallctl("version", &v, &sz, NULL, 0);
		snprintf(buf, len, "jemalloc %s", v);
	} else if ((sym = dlsym(RTLD_DEFAULT, "tc_version"))) {
		const char *(*tc_version)(int *, int *, const char **) =
			(const char *(*)(int *, int *, const char **))(uintptr_t)sym;
		int major, minor;
		const char *patch;

		snprintf(buf, len, "%s", tc_version(&major, &minor, &patch));
	} else if ((sym = dlsym(RTLD_DEFAULT, "mi_version"))) {
		int (*mi_version)(void) = (int (*)(void))(uintptr_t)sym;

		snprintf(buf, len, "mimalloc %d", mi_version());
	} else {
		snprintf(buf, len, "glibc %s", gnu_get_libc_version());
	}
}

void be_describe(char *buf, size_t len)
{
	char v[128];
	Dl_info info = { 0 };
	void *m = dlsym(RTLD_DEFAULT, "malloc");

	version(v, sizeof(v));
	if (!m || !dladdr(m, &info))
		info.dli_fname = "?";
	snprintf(buf, len, "%s; malloc from %s", v, info.dli_fname);
}

/* The class is just the size: malloc has no notion of a typed cache. */
struct be_class *be_class(size_t size) { return (struct be_class *)(uintptr_t)size; }
void *be_alloc(struct be_class *c) { return malloc((size_t)(uintptr_t)c); }
void be_free(struct be_class *c, void *p) { (void)c; free(p); }
void *be_alloc_size(size_t size) { return malloc(size); }
void be_free_any(void *p) { free(p); }
