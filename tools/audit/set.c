// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * audit set: change kernel audit settings, one request per flag, in a fixed
 * order (enabled last, so that limits are in place before events flow).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "../common/flags.h"

#define SYNOPSIS "set [-enabled 0|1|2] [-failure 0|1|2] [-rate N] [-backlog N] " \
		 "[-backlog-wait-time N] [-reset-lost] [-loginuid-immutable 0|1]"
#define UNSET ULONG_MAX

static int check_u32(const char *name, unsigned long v, unsigned long max)
{
	if (v != UNSET && v > max) {
		fprintf(stderr, AUDIT_PROG ": set: -%s %lu out of range (max %lu)\n", name, v, max);
		return -1;
	}
	return 0;
}

int audit_cmd_set(int argc, char **argv)
{
	unsigned long enabled = UNSET, failure = UNSET, rate = UNSET, backlog = UNSET,
		      wait = UNSET, luid = UNSET;
	int reset_lost = 0, confirm = 0, optind = 0, r = 0, any;
	const char *kernel_fd = NULL, *what = "set";
	const struct akt_flag flags[] = {
		{ "enabled", AKT_UINT, &enabled, "0|1|2", "disable/enable auditing; 2 = immutable "
							  "until reboot (needs -confirm-immutable)" },
		{ "failure", AKT_UINT, &failure, "0|1|2", "failure mode: 0 silent, 1 printk, 2 panic" },
		{ "rate", AKT_UINT, &rate, "N", "rate limit, messages/s (0 = none)" },
		{ "backlog", AKT_UINT, &backlog, "N", "backlog limit, records" },
		{ "backlog-wait-time", AKT_UINT, &wait, "N", "backlog wait time, jiffies" },
		{ "reset-lost", AKT_BOOL, &reset_lost, NULL, "reset the lost counter (prints the old count)" },
		{ "loginuid-immutable", AKT_UINT, &luid, "0|1", "loginuid immutable feature (not locked)" },
		{ "confirm-immutable", AKT_BOOL, &confirm, NULL, "yes, make the configuration immutable" },
		{ "kernel-fd", AKT_STRING, &kernel_fd, "N", "testing: use inherited fd N as the kernel" },
	};
	struct ak_nl *nl;

	switch (akt_flags_parse(flags, sizeof(flags) / sizeof(flags[0]), argc, argv, &optind,
				AUDIT_PROG, SYNOPSIS)) {
	case AKT_FLAGS_HELP:
		return 0;
	case AKT_FLAGS_ERROR:
		return 2;
	}
	if (optind < argc) {
		fprintf(stderr, AUDIT_PROG ": set: unexpected argument \"%s\"\n", argv[optind]);
		return 2;
	}
	if (check_u32("enabled", enabled, 2) || check_u32("failure", failure, 2) ||
	    check_u32("rate", rate, UINT32_MAX) || check_u32("backlog", backlog, UINT32_MAX) ||
	    check_u32("backlog-wait-time", wait, UINT32_MAX) ||
	    check_u32("loginuid-immutable", luid, 1))
		return 2;
	if (enabled == 2 && !confirm) {
		fprintf(stderr, AUDIT_PROG ": set: -enabled 2 locks the audit configuration until "
				"reboot; add -confirm-immutable if you mean it\n");
		return 2;
	}
	any = enabled != UNSET || failure != UNSET || rate != UNSET || backlog != UNSET ||
	      wait != UNSET || luid != UNSET || reset_lost;
	if (!any) {
		fprintf(stderr, AUDIT_PROG ": set: nothing to set\nusage: " AUDIT_PROG " " SYNOPSIS "\n");
		return 2;
	}
	nl = audit_open(kernel_fd, 0);
	if (!nl)
		return 1;
	if (failure != UNSET && r >= 0)
		r = ak_nl_set_failure(nl, (uint32_t)failure), what = "set failure";
	if (rate != UNSET && r >= 0)
		r = ak_nl_set_rate_limit(nl, (uint32_t)rate), what = "set rate limit";
	if (backlog != UNSET && r >= 0)
		r = ak_nl_set_backlog_limit(nl, (uint32_t)backlog), what = "set backlog limit";
	if (wait != UNSET && r >= 0)
		r = ak_nl_set_backlog_wait_time(nl, (uint32_t)wait), what = "set backlog wait time";
	if (luid != UNSET && r >= 0)
		r = ak_nl_set_feature(nl, AUDIT_FEATURE_LOGINUID_IMMUTABLE, (int)luid, 0),
		what = "set loginuid-immutable";
	if (reset_lost && r >= 0) {
		r = ak_nl_reset_lost(nl), what = "reset lost";
		if (r >= 0)
			printf("lost %d\n", r);
	}
	if (enabled == 2 && r >= 0)
		r = ak_nl_set_immutable(nl), what = "set enabled";
	else if (enabled != UNSET && r >= 0)
		r = ak_nl_set_enabled(nl, (uint32_t)enabled), what = "set enabled";
	ak_nl_close(nl);
	return r < 0 ? audit_fail(what, r) : 0;
}
