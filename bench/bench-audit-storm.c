// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * The storm for bench-audit.sh: load one rule that audits this process's
 * getpriority(2) calls (with a key), make N of them as fast as the kernel
 * lets us, delete the rule, and print "storm: N events in S s = R events/s".
 * The kernel makes us wait (backlog_wait_time) when the receiver falls
 * behind, so R measures the receiver.
 *
 *	bench-audit-storm N [KEY]
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>

#include <auditkit.h>

static size_t build_rule(char *buf, pid_t pid, const char *key)
{
	struct audit_rule_data r;
	size_t kl = strlen(key);

	memset(&r, 0, sizeof(r));
	r.flags = AUDIT_FILTER_EXIT;
	r.action = AUDIT_ALWAYS;
	r.mask[SYS_getpriority / 32] = 1u << (SYS_getpriority % 32);
	r.fields[0] = AUDIT_ARCH;
	r.fieldflags[0] = AUDIT_EQUAL;
	r.values[0] = AUDIT_ARCH_X86_64;
	r.fields[1] = AUDIT_PID;
	r.fieldflags[1] = AUDIT_EQUAL;
	r.values[1] = (uint32_t)pid;
	r.fields[2] = AUDIT_FILTERKEY;
	r.fieldflags[2] = AUDIT_EQUAL;
	r.values[2] = (uint32_t)kl;
	r.field_count = 3;
	r.buflen = (uint32_t)kl;
	memcpy(buf, &r, sizeof(r));
	memcpy(buf + sizeof(r), key, kl);
	return sizeof(r) + kl;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	char rule[2048] __attribute__((aligned(8)));
	long n = argc > 1 ? atol(argv[1]) : 1000000;
	const char *key = argc > 2 ? argv[2] : "auditkit-storm";
	struct ak_nl *nl;
	size_t len;
	double t0, dt;
	int r;

	if (n <= 0) {
		fprintf(stderr, "usage: bench-audit-storm N [KEY]\n");
		return 2;
	}
	if ((r = ak_nl_open(&nl, 0)) < 0) {
		fprintf(stderr, "storm: open: %s\n", ak_strerror(r));
		return 1;
	}
	len = build_rule(rule, getpid(), key);
	if ((r = ak_nl_add_rule(nl, (struct audit_rule_data *)rule, len)) < 0) {
		fprintf(stderr, "storm: add rule: %s\n", ak_strerror(r));
		ak_nl_close(nl);
		return 1;
	}
	t0 = now_s();
	for (long i = 0; i < n; i++)
		syscall(SYS_getpriority, 0, 0);
	dt = now_s() - t0;
	r = ak_nl_del_rule(nl, (struct audit_rule_data *)rule, len);
	ak_nl_close(nl);
	printf("storm: %ld events in %.3f s = %.0f events/s\n", n, dt, n / dt);
	if (r < 0) {
		fprintf(stderr, "storm: delete rule: %s\n", ak_strerror(r));
		return 1;
	}
	return 0;
}
