/* A minimal test harness: CHECK records a failure and goes on. */
#ifndef SLABREF_TEST_CHECK_H
#define SLABREF_TEST_CHECK_H

#include <stdio.h>

extern int checks_passed, checks_failed;

#define CHECK(cond) do { \
	if (cond) { checks_passed++; } else { checks_failed++; \
		fprintf(stderr, "%s:%d: %s: CHECK(%s) failed\n", __FILE__, __LINE__, \
			__func__, #cond); } } while (0)
#define CHECK_EQ(a, b) do { \
	unsigned long long a_ = (unsigned long long)(a), b_ = (unsigned long long)(b); \
	if (a_ == b_) { checks_passed++; } else { checks_failed++; \
		fprintf(stderr, "%s:%d: %s: %s == %llu, expected %s == %llu\n", \
			__FILE__, __LINE__, __func__, #a, a_, #b, b_); } } while (0)

/* Prints the closing line CI reads: "N passed, N failed". */
#define CHECK_REPORT(name) \
	(printf("%s: %d passed, %d failed\n", name, checks_passed, checks_failed), \
	 checks_failed ? 1 : 0)

#endif
