/*
 * printk's formatting: libc's vsnprintf for every conversion but %p, which
 * prints as the kernel's does on x86_64.  Shared by both platforms.
 */
#include <stdio.h>
#include <string.h>
#include "format.h"
#include "slabref/platform.h"

static void put(char *buf, size_t size, size_t *n, const char *s, size_t len)
{
	if (*n + 1 < size) {
		size_t room = size - 1 - *n;

		memcpy(buf + *n, s, len < room ? len : room);
	}
	*n += len;
}

int kernel_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	size_t n = 0;

	while (*fmt) {
		const char *start = fmt;
		char spec[32], piece[256];
		size_t speclen;
		int len = 0, longs = 0, is_size = 0;

		if (*fmt != '%') {
			const char *pct = strchr(fmt, '%');
			size_t run = pct ? (size_t)(pct - fmt) : strlen(fmt);

			put(buf, size, &n, fmt, run);
			fmt += run;
			continue;
		}
		fmt++;
		while (*fmt && strchr("-+ #0123456789.", *fmt))
			fmt++;
		while (*fmt == 'l') {
			longs++;
			fmt++;
		}
		if (*fmt == 'z') {
			is_size = 1;
			fmt++;
		}
		if (!*fmt)
			break;
		speclen = (size_t)(fmt - start) + 1;
		if (speclen >= sizeof(spec))
			speclen = sizeof(spec) - 1;
		memcpy(spec, start, speclen);
		spec[speclen] = '\0';
		switch (*fmt) {
		case '%':
			len = snprintf(piece, sizeof(piece), "%%");
			break;
		case 'p': {
			void *p = va_arg(ap, void *);

			if (p)
				len = snprintf(piece, sizeof(piece), "%016lx",
					       (unsigned long)p);
			else
				len = snprintf(piece, sizeof(piece), "(null)");
			break;
		}
		case 's':
			len = snprintf(piece, sizeof(piece), spec, va_arg(ap, const char *));
			break;
		case 'c':
			len = snprintf(piece, sizeof(piece), spec, va_arg(ap, int));
			break;
		case 'd': case 'i':
			if (is_size || longs == 1)
				len = snprintf(piece, sizeof(piece), spec, va_arg(ap, long));
			else if (longs >= 2)
				len = snprintf(piece, sizeof(piece), spec, va_arg(ap, long long));
			else
				len = snprintf(piece, sizeof(piece), spec, va_arg(ap, int));
			break;
		default:	/* u x X o */
			if (is_size || longs == 1)
				len = snprintf(piece, sizeof(piece), spec,
					       va_arg(ap, unsigned long));
			else if (longs >= 2)
				len = snprintf(piece, sizeof(piece), spec,
					       va_arg(ap, unsigned long long));
			else
				len = snprintf(piece, sizeof(piece), spec,
					       va_arg(ap, unsigned int));
			break;
		}
		if (len > 0)
			put(buf, size, &n, piece,
			    (size_t)len < sizeof(piece) ? (size_t)len : sizeof(piece) - 1);
		fmt++;
	}
	if (size)
		buf[n < size ? n : size - 1] = '\0';
	return (int)n;
}

/* lib/vsprintf.c's scnprintf: the count of characters actually stored. */
int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kernel_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	if (n < 0)
		return 0;
	return (size_t)n >= size ? (int)size - 1 : n;
}

/* printk for both platforms; only where the text goes differs. */
void printk(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	kernel_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	console_emit(buf);
}
