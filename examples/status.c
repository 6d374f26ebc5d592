// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * status: print the kernel's audit status (a read-only AUDIT_GET; needs root).
 *
 *	cc status.c $(pkg-config --cflags --libs auditkit) -o status && sudo ./status
 *
 * Exit status: 0, 1 when the request failed, 77 when this machine cannot be
 * asked (no audit in the kernel, or not allowed): tests treat that as a skip.
 */
#include <errno.h>
#include <stdio.h>

#include <auditkit.h>

int main(void)
{
	struct ak_nl *nl;
	struct audit_status st;
	int r;

	printf("libauditkit %s (built against %s)\n", ak_version(), AK_VERSION_STRING);
	r = ak_nl_open(&nl, 0);
	if (r < 0) {
		fprintf(stderr, "status: open: %s\n", ak_strerror(r));
		return 77;
	}
	r = ak_nl_get_status(nl, &st);
	ak_nl_close(nl);
	if (r < 0) {
		fprintf(stderr, "status: AUDIT_GET: %s\n", ak_strerror(r));
		return r == -EPERM || r == -EACCES || r == -ECONNREFUSED ? 77 : 1;
	}
	printf("enabled %u\nfailure %u\npid %u\nrate_limit %u\nbacklog_limit %u\n"
	       "lost %u\nbacklog %u\n",
	       st.enabled, st.failure, st.pid, st.rate_limit, st.backlog_limit, st.lost,
	       st.backlog);
	return 0;
}
