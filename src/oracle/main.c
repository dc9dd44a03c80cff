/*
 * build/slabref: the oracle command.  `slabref replay TRACEFILE` ('-' for
 * standard input) replays a trace (spec/oracle-trace.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "replay.h"

static char *read_all(FILE *f, size_t *len)
{
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);

	while (buf) {
		size_t got = fread(buf + n, 1, cap - n, f);

		n += got;
		if (n < cap) {
			if (ferror(f)) {
				free(buf);
				return NULL;
			}
			*len = n;
			return buf;
		}
		cap *= 2;
		buf = realloc(buf, cap);
	}
	return NULL;
}

static int usage(void)
{
	fputs("usage: slabref replay TRACEFILE   (TRACEFILE '-' reads standard input)\n",
	      stderr);
	return 2;
}

int main(int argc, char **argv)
{
	static char outbuf[1 << 16];
	FILE *in;
	char *text;
	size_t len;
	int status;

	if (argc != 3 || strcmp(argv[1], "replay"))
		return usage();
	in = strcmp(argv[2], "-") ? fopen(argv[2], "rb") : stdin;
	if (!in) {
		fprintf(stderr, "slabref: cannot open %s\n", argv[2]);
		return 2;
	}
	text = read_all(in, &len);
	if (in != stdin)
		fclose(in);
	if (!text) {
		fprintf(stderr, "slabref: cannot read %s\n", argv[2]);
		return 2;
	}
	setvbuf(stdout, outbuf, _IOFBF, sizeof(outbuf));
	status = slabref_replay(text, len, stdout, stderr);
	free(text);
	fflush(stdout);
	return status;
}
