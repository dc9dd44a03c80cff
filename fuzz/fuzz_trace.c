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
#include "sink.h"

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
	static struct sink out, err;
	const char *outbuf, *errbuf;
	size_t outlen, errlen;
	int rc, bad = 0;

	if (size > 1 << 16)
		return 0;
	rc = slabref_replay((const char *)data, size, sink_begin(&out), sink_begin(&err));
	sink_end(&out);
	sink_end(&err);
	outbuf = out.buf;
	outlen = out.len;
	errbuf = err.buf;
	errlen = err.len;
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
			"and stdout tail \"%.300s\"\n", rc, errbuf,
			outlen > 300 ? outbuf + outlen - 300 : outbuf);
		abort();
	}
	return 0;
}
