#ifndef SLABREF_FORMAT_H
#define SLABREF_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/* vsnprintf with the kernel's %p: 16 hex digits, "(null)" for NULL. */
int kernel_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/* Each platform's console: takes printk's text, newlines included. */
void console_emit(const char *text);

#endif
