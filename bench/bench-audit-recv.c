// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * The baseline for bench-audit.sh: register as the audit daemon and
 * recv-and-discard every datagram, with plain recv(2) on the socket, until
 * SIGTERM.  Then print "recv: D datagrams, drops X" and release the PID.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <auditkit.h>

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

int main(void)
{
	static char buf[AK_NL_BUF_SIZE];
	struct sigaction sa;
	struct ak_nl *nl;
	struct ak_nl_stats st;
	unsigned long long n = 0;
	int fd, r;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term; /* no SA_RESTART: recv returns EINTR */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	if ((r = ak_nl_open(&nl, 0)) < 0 || (r = ak_nl_set_pid(nl, (uint32_t)getpid())) < 0) {
		fprintf(stderr, "recv: %s\n", ak_strerror(r));
		ak_nl_close(nl);
		return 1;
	}
	fd = ak_nl_fd(nl);
	/* Wake now and then so a SIGTERM between the check and recv is not missed. */
	struct timeval tv = { 0, 200000 };
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	while (!stop) {
		if (recv(fd, buf, sizeof(buf), 0) > 0)
			n++;
	}
	ak_nl_get_stats(nl, &st);
	fprintf(stderr, "recv: %llu datagrams, drops %llu\n", n,
		(unsigned long long)(st.socket_drops == UINT64_MAX ? 0 : st.socket_drops));
	return ak_nl_close(nl) < 0;
}
