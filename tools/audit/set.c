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
		 "[-backlog-wait-time N] [-reset-lost] [-loginuid-immutable 0|1|lock]"
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
		      wait = UNSET, luid = UNSET, luid_lock = 0;
	int reset_lost = 0, confirm = 0, argi = 0, r = 0, any;
	const char *kernel_fd = NULL, *what = "set", *luid_s = NULL;
	const struct akt_flag flags[] = {
		{ "enabled", AKT_UINT, &enabled, "0|1|2", "disable/enable auditing; 2 = immutable "
							  "until reboot (needs -confirm-immutable)" },
		{ "failure", AKT_UINT, &failure, "0|1|2", "failure mode: 0 silent, 1 printk, 2 panic" },
		{ "rate", AKT_UINT, &rate, "N", "rate limit, messages/s (0 = none)" },
		{ "backlog", AKT_UINT, &backlog, "N", "backlog limit, records" },
		{ "backlog-wait-time", AKT_UINT, &wait, "N", "backlog wait time, jiffies" },
		{ "reset-lost", AKT_BOOL, &reset_lost, NULL, "reset the lost counter (prints the old count)" },
		{ "loginuid-immutable", AKT_STRING, &luid_s, "0|1|lock",
		  "loginuid immutable feature; lock = on and locked until reboot, as auditctl "
		  "--loginuid-immutable (needs -confirm-immutable)" },
		{ "confirm-immutable", AKT_BOOL, &confirm, NULL,
		  "yes, lock it until reboot (-enabled 2, -loginuid-immutable lock)" },
		{ "kernel-fd", AKT_STRING, &kernel_fd, "N", "testing: use inherited fd N as the kernel" },
	};
	struct ak_nl *nl;

	switch (akt_flags_parse(flags, sizeof(flags) / sizeof(flags[0]), argc, argv, &argi,
				AUDIT_PROG, SYNOPSIS)) {
	case AKT_FLAGS_HELP:
		return 0;
	case AKT_FLAGS_ERROR:
		return 2;
	}
	if (argi < argc) {
		fprintf(stderr, AUDIT_PROG ": set: unexpected argument \"%s\"\n", argv[argi]);
		return 2;
	}
	if (luid_s) {
		if (strcmp(luid_s, "0") == 0 || strcmp(luid_s, "1") == 0) {
			luid = (unsigned long)(luid_s[0] - '0');
		} else if (strcmp(luid_s, "lock") == 0) {
			luid = 1;
			luid_lock = 1;
		} else {
			fprintf(stderr, AUDIT_PROG ": set: -loginuid-immutable wants 0, 1 or lock\n");
			return 2;
		}
	}
	if (luid_lock && !confirm) {
		fprintf(stderr, AUDIT_PROG ": set: -loginuid-immutable lock cannot be undone until "
				"reboot; add -confirm-immutable if you mean it\n");
		return 2;
	}
	if (check_u32("enabled", enabled, 2) || check_u32("failure", failure, 2) ||
	    check_u32("rate", rate, UINT32_MAX) || check_u32("backlog", backlog, UINT32_MAX) ||
	    check_u32("backlog-wait-time", wait, UINT32_MAX))
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
		r = ak_nl_set_feature(nl, AUDIT_FEATURE_LOGINUID_IMMUTABLE, (int)luid,
				      (int)luid_lock),
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
