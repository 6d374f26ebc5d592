// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * bench-interp - the cost of interpretation on its own: parse every line of
 * the given logs (default: tests/data/real/raw.log and enriched.log), then
 * parse + ak_interp_record, and print both rates and the difference per record.
 *
 *   build/bench/bench-interp [-n REPEAT] [LOG...]
 *
 * Under valgrind --tool=callgrind the instruction counts are the stable figure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <auditkit.h>

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *b;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	b = malloc((size_t)n + 1);
	if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
		free(b);
		b = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return b;
}

/* One pass over @buf; with @interp, interpret each record too.  Returns records. */
static size_t run(const char *buf, size_t len, int interp, struct ak_field *fields, size_t cap,
		  char *scratch, size_t scap, size_t *kv)
{
	const char *p = buf, *end = buf + len;
	size_t recs = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		struct ak_rec rec;
		struct ak_interp ip;

		if (!nl)
			nl = end;
		if (ak_rec_parse_line(&rec, p, (size_t)(nl - p), fields, cap) >= 0 && interp) {
			int r = ak_interp_record(&ip, &rec, scratch, scap, 0);

			if (r > 0)
				*kv += (size_t)r;
		}
		recs++;
		p = nl + 1;
	}
	return recs;
}

int main(int argc, char **argv)
{
	static const char *defaults[] = { "tests/data/real/raw.log", "tests/data/real/enriched.log" };
	const char **files = defaults;
	int nfiles = 2, repeat = 20, i = 1;
	size_t cap = 1 << 16, scap = 1 << 22;
	struct ak_field *fields = malloc(cap * sizeof(*fields));
	char *scratch = malloc(scap);

	if (i + 1 < argc && !strcmp(argv[i], "-n")) {
		repeat = atoi(argv[i + 1]);
		i += 2;
	}
	if (i < argc) {
		files = (const char **)(argv + i);
		nfiles = argc - i;
	}
	if (!fields || !scratch || repeat < 1)
		return 2;
	printf("%-32s %10s %12s %12s %14s\n", "log", "MB", "parse MB/s", "+interp MB/s",
	       "interp ns/rec");
	for (int f = 0; f < nfiles; f++) {
		size_t len, recs = 0, kv = 0;
		char *buf = slurp(files[f], &len);
		double t0, tp, ti;

		if (!buf) {
			fprintf(stderr, "bench-interp: cannot read %s\n", files[f]);
			return 1;
		}
		t0 = now();
		for (int r = 0; r < repeat; r++)
			recs = run(buf, len, 0, fields, cap, scratch, scap, &kv);
		tp = now() - t0;
		t0 = now();
		for (int r = 0; r < repeat; r++)
			run(buf, len, 1, fields, cap, scratch, scap, &kv);
		ti = now() - t0;
		printf("%-32s %10.1f %12.0f %12.0f %14.0f\n", files[f], (double)len / 1e6,
		       (double)len * repeat / tp / 1e6, (double)len * repeat / ti / 1e6,
		       (ti - tp) / ((double)recs * repeat) * 1e9);
		free(buf);
	}
	free(fields);
	free(scratch);
	return 0;
}
