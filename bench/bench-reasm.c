// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * The reassembler alone: N events of 4 records (SYSCALL, CWD, PATH, EOE), W
 * serials interleaved at a time, pushed as parsed records (parsing is done
 * once, outside the timing).  Prints records/s, ns/record and the memory it
 * held.  usage: bench-reasm [EVENTS [WINDOW]]   (default 1000000 32)
 * Under `valgrind --tool=callgrind` the instruction count per record is the
 * stable figure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <auditkit/reasm.h>
#include <auditkit/record.h>

struct trec {
	struct ak_rec rec;
	struct ak_field f[64];
	char line[512];
};

static int mk(struct trec *t, const char *line)
{
	size_t n = strlen(line);

	memcpy(t->line, line, n + 1);
	return ak_rec_parse_line(&t->rec, t->line, n, t->f, 64) < 0 ? -1 : 0;
}

static int on_event(const struct ak_rec *recs, size_t n, unsigned flags, void *data)
{
	unsigned long long *count = data;

	(void)recs;
	(void)flags;
	count[0]++;
	count[1] += n;
	return 0;
}

static const struct ak_reasm_ops ops = { .event = on_event };

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	unsigned long events = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000;
	unsigned long w = argc > 2 ? strtoul(argv[2], NULL, 10) : 32;
	unsigned long long count[2] = { 0, 0 };
	struct trec *t = calloc(4, sizeof(*t));
	struct ak_reasm_stats st;
	struct ak_reasm *r;
	double t0, dt;

	if (!t || !w || w > 4096)
		return 2;
	if (mk(&t[0], "type=SYSCALL msg=audit(1490137971.011:1): arch=c000003e syscall=59 "
		      "success=yes exit=0 a0=55d0 a1=55d1 a2=55d2 a3=0 items=1 ppid=1000 "
		      "pid=1001 auid=1000 uid=1000 gid=1000 euid=1000 suid=1000 fsuid=1000 "
		      "egid=1000 sgid=1000 fsgid=1000 tty=pts0 ses=3 comm=\"ls\" "
		      "exe=\"/usr/bin/ls\" key=\"exec\"") ||
	    mk(&t[1], "type=CWD msg=audit(1490137971.011:1): cwd=\"/home/user\"") ||
	    mk(&t[2], "type=PATH msg=audit(1490137971.011:1): item=0 name=\"/usr/bin/ls\" "
		      "inode=1835 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 "
		      "nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0") ||
	    mk(&t[3], "type=EOE msg=audit(1490137971.011:1): ")) {
		fprintf(stderr, "bench-reasm: template records do not parse\n");
		return 1;
	}
	if (ak_reasm_new(&r, &(struct ak_reasm_opts){ .sz = sizeof(struct ak_reasm_opts),
						      .max_in_flight = w * 2 },
			 &ops, count) < 0)
		return 1;
	t0 = now_s();
	for (unsigned long base = 1; base <= events; base += w)
		for (int k = 0; k < 4; k++)
			for (unsigned long i = 0; i < w && base + i <= events; i++) {
				t[k].rec.serial = (uint32_t)(base + i);
				ak_reasm_push(r, &t[k].rec, 0);
			}
	ak_reasm_flush(r);
	dt = now_s() - t0;
	ak_reasm_stats(r, &st);
	printf("bench-reasm: %llu events, %llu records delivered (%lu interleaved): %.1f M "
	       "records/s, %.1f ns/record; %zu KiB held, %llu allocations, lost %llu\n",
	       count[0], count[1], w, (double)st.records / dt / 1e6, dt * 1e9 / (double)st.records,
	       st.mem / 1024, (unsigned long long)st.allocs, (unsigned long long)st.lost);
	ak_reasm_free(r);
	free(t);
	return count[0] == events ? 0 : 1;
}
