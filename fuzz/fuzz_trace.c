/*
 * fuzz_trace: arbitrary bytes as oracle trace text (non-DEBUG library).
 * slabref_replay must never crash and must return 0, 2, 3 or 4, with the
 * diagnostic that goes with the status: status 2 <=> an "error LINE:" on
 * the error stream, 4 <=> "outside LINE:", 3 <=> a "bug"/"panic:" line.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "replay.h"
#include "slabref/model.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* Boot each CPU count once; every trace then restores a snapshot. */
	slabref_replay_cache_boots(64);
	/* Traces leave most of a large slab untouched (model.h). */
	model_set_madvise_zeroing(16);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	char *outbuf = NULL, *errbuf = NULL;
	size_t outlen = 0, errlen = 0;
	FILE *out, *err;
	int rc, bad = 0;

	if (size > 1 << 16)
		return 0;
	if (!devnull)
		devnull = fopen("/dev/null", "w");
	/* Keep stdout small: only the tail matters (bug/panic lines). */
	out = open_memstream(&outbuf, &outlen);
	err = open_memstream(&errbuf, &errlen);
	if (!out || !err || !devnull)
		abort();
	rc = slabref_replay((const char *)data, size, out, err);
	fclose(out);
	fclose(err);
	switch (rc) {
	case 0:
		bad = errlen != 0;
		break;
	case 2:
		bad = strncmp(errbuf, "error ", 6) != 0;
		break;
	case 3:
		bad = !(strstr(outbuf, "\nbug ") || strncmp(outbuf, "bug ", 4) == 0 ||
			strstr(outbuf, "panic: ")) || errlen != 0;
		break;
	case 4:
		bad = strncmp(errbuf, "outside ", 8) != 0;
		break;
	default:
		bad = 1;
	}
	if (bad) {
		fprintf(stderr, "fuzz_trace: status %d with stderr \"%.200s\" "
			"and stdout tail \"%.300s\"\n", rc, errbuf ? errbuf : "",
			outlen > 300 ? outbuf + outlen - 300 : outbuf);
		abort();
	}
	free(outbuf);
	free(errbuf);
	return 0;
}
