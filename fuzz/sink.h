/*
 * A text stream for the replay harnesses' output, kept for the whole run:
 * one FILE and one buffer, emptied before each input.  open_memstream per
 * input cost a FILE, a buffer grown by realloc and, under ASan, fresh
 * pages for each (its quarantine hands out new memory for every malloc).
 * After sink_end the text is sink.buf[0..len), NUL-terminated, exactly
 * what open_memstream would have given.
 */
#ifndef FUZZ_SINK_H
#define FUZZ_SINK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

/* Harness plumbing: nothing for coverage-guided fuzzers to steer by. */
#if defined(__clang__) && __clang_major__ >= 13
#define NOCOV_SINK __attribute__((no_sanitize("coverage")))
#else
#define NOCOV_SINK
#endif

struct sink {
	FILE *f;
	char *buf;
	size_t len, cap;
};

NOCOV_SINK static ssize_t sink_write(void *cookie, const char *data, size_t n)
{
	struct sink *s = cookie;

	if (s->cap - s->len <= n) {
		size_t cap = 2 * s->cap > s->len + n + 1 ? 2 * s->cap : s->len + n + 1;
		char *b = realloc(s->buf, cap);

		if (!b)
			abort();
		s->buf = b;
		s->cap = cap;
	}
	memcpy(s->buf + s->len, data, n);
	s->len += n;
	s->buf[s->len] = '\0';
	return (ssize_t)n;
}

/* Empties s, opening it on first use. */
NOCOV_SINK static FILE *sink_begin(struct sink *s)
{
	if (!s->f) {
		cookie_io_functions_t io = { .write = sink_write };

		s->cap = 4096;
		s->buf = malloc(s->cap);
		s->f = fopencookie(s, "w", io);
		if (!s->buf || !s->f)
			abort();
	}
	clearerr(s->f);
	s->len = 0;
	s->buf[0] = '\0';
	return s->f;
}

/* Everything written is in s->buf. */
NOCOV_SINK static void sink_end(struct sink *s)
{
	if (fflush(s->f))
		abort();
}

#endif
