// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/* Helpers shared by the audit subcommands. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"

int audit_fail(const char *what, int err)
{
	if (err == -EPERM || err == -ECONNREFUSED)
		fprintf(stderr, AUDIT_PROG ": %s: %s (are you root, with CAP_AUDIT_CONTROL?)\n",
			what, strerror(-err));
	else
		fprintf(stderr, AUDIT_PROG ": %s: %s\n", what, strerror(err < 0 ? -err : err));
	return 1;
}

struct ak_nl *audit_open(const char *kernel_fd, unsigned flags)
{
	struct ak_nl *nl = NULL;
	int r;

	if (kernel_fd) {
		char *end;
		long fd = strtol(kernel_fd, &end, 10);

		if (*kernel_fd == '\0' || *end || fd < 0 || fd > 1 << 20) {
			fprintf(stderr, AUDIT_PROG ": bad -kernel-fd \"%s\"\n", kernel_fd);
			return NULL;
		}
		r = ak_nl_fdopen(&nl, (int)fd, flags);
	} else {
		r = ak_nl_open(&nl, flags);
	}
	if (r < 0) {
		if (r == -EPROTONOSUPPORT)
			fprintf(stderr, AUDIT_PROG ": audit not supported by the kernel\n");
		else
			audit_fail((flags & AK_NL_MULTICAST) ? "cannot open multicast audit socket"
							     : "cannot open audit socket", r);
		return NULL;
	}
	return nl;
}
