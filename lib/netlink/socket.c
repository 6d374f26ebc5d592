// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * The handle: opening, options, statistics, and a close that releases the
 * audit PID without hanging on a congested socket.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>

#include "netlink/nl.h"

#ifndef NETLINK_CAP_ACK
#define NETLINK_CAP_ACK 10
#endif
#ifndef SO_MEMINFO
#define SO_MEMINFO 55
#endif

/* Close: how hard to try to release the PID (go-libaudit PR #176 uses 5 tries, 10000 drains). */
#define CLOSE_SEND_TRIES 5
#define CLOSE_DRAIN_MAX 10000
#define CLOSE_POLL_MS 200

static int nl_alloc(struct ak_nl **out, int fd, unsigned flags)
{
	struct ak_nl *nl = calloc(1, sizeof(*nl));

	if (!nl)
		return -ENOMEM;
	nl->fd = fd;
	nl->open_flags = flags;
	nl->timeout_ms = AK__NL_DEFAULT_TIMEOUT_MS;
	nl->rbuf = malloc(AK_NL_BUF_SIZE);
	nl->q.buf = malloc(AK__NL_DEFAULT_QUEUE);
	if (!nl->rbuf || !nl->q.buf) {
		free(nl->rbuf);
		free(nl->q.buf);
		free(nl);
		return -ENOMEM;
	}
	nl->q.cap = AK__NL_DEFAULT_QUEUE;
	*out = nl;
	return 0;
}

static void nl_learn_portid(struct ak_nl *nl)
{
	struct sockaddr_nl sa;
	socklen_t sl = sizeof(sa);
	int one = 1, proto = -1;
	socklen_t pl = sizeof(proto);

	memset(&sa, 0, sizeof(sa));
	if (getsockname(nl->fd, (struct sockaddr *)&sa, &sl) == 0 && sa.nl_family == AF_NETLINK) {
		nl->is_netlink = true;
		nl->portid = sa.nl_pid;
		/* Other netlink protocols (NETLINK_USERSOCK in tests) have user senders. */
		nl->from_kernel_only = getsockopt(nl->fd, SOL_SOCKET, SO_PROTOCOL, &proto, &pl) < 0 ||
				       proto == NETLINK_AUDIT;
		/* ACKs of failed requests need not echo the request (rules are > 1 KiB). */
		(void)setsockopt(nl->fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	}
}

int ak_nl_open(struct ak_nl **out, unsigned flags)
{
	struct sockaddr_nl sa;
	int fd, err;

	*out = NULL;
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
	if (fd < 0) {
		err = errno;
		/* go-libaudit PR #32: CONFIG_AUDIT=n shows up as one of these. */
		if (err == EPROTONOSUPPORT || err == EAFNOSUPPORT || err == EINVAL)
			err = EPROTONOSUPPORT;
		return ak__nl_ret(-err);
	}
	memset(&sa, 0, sizeof(sa));
	sa.nl_family = AF_NETLINK;
	if (flags & AK_NL_MULTICAST)
		sa.nl_groups = 1u << (AUDIT_NLGRP_READLOG - 1);
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		err = errno;
		close(fd);
		return ak__nl_ret(-err);
	}
	err = nl_alloc(out, fd, flags);
	if (err < 0) {
		close(fd);
		return ak__nl_ret(err);
	}
	nl_learn_portid(*out);
	return 0;
}

int ak_nl_fdopen(struct ak_nl **out, int fd, unsigned flags)
{
	int err;

	*out = NULL;
	if (fd < 0)
		return ak__nl_ret(-EBADF);
	err = nl_alloc(out, fd, flags);
	if (err < 0) {
		close(fd);
		return ak__nl_ret(err);
	}
	nl_learn_portid(*out);
	return 0;
}

/* Discard what is waiting on the socket so the kernel can make progress. */
static void nl_drain(struct ak_nl *nl)
{
	for (int i = 0; i < CLOSE_DRAIN_MAX; i++) {
		ssize_t r = recv(nl->fd, nl->rbuf, AK_NL_BUF_SIZE, MSG_DONTWAIT);

		if (r < 0 && errno != EINTR && errno != ENOBUFS)
			return; /* EAGAIN: empty */
	}
}

/*
 * In place (socketpairs): AUDIT_SET pid=0 without NLM_F_ACK (as auditd does),
 * never blocking: when the send would block, drain our receive queue (the peer
 * may be stuck sending to us) and retry; if even that gives no room, wait a
 * little for it (go-libaudit PR #176's scheme).
 */
static int nl_release_pid(struct ak_nl *nl)
{
	struct {
		struct nlmsghdr h;
		struct audit_status s;
	} m;
	struct sockaddr_nl sa;
	int err = 0;

	memset(&m, 0, sizeof(m));
	m.h.nlmsg_len = sizeof(m);
	m.h.nlmsg_type = AUDIT_SET;
	m.h.nlmsg_flags = NLM_F_REQUEST;
	if (++nl->seq > INT32_MAX)
		nl->seq = 1;
	m.h.nlmsg_seq = nl->seq;
	m.h.nlmsg_pid = nl->portid;
	m.s.mask = AUDIT_STATUS_PID;
	m.s.pid = 0;
	memset(&sa, 0, sizeof(sa));
	sa.nl_family = AF_NETLINK;

	for (int tries = 0; tries < CLOSE_SEND_TRIES; tries++) {
		ssize_t r;

		if (nl->is_netlink)
			r = sendto(nl->fd, &m, sizeof(m), MSG_DONTWAIT, (struct sockaddr *)&sa,
				   sizeof(sa));
		else
			r = send(nl->fd, &m, sizeof(m), MSG_DONTWAIT);
		if (r >= 0)
			return 0;
		err = -errno;
		if (err == -EINTR)
			continue;
		if (err != -EAGAIN && err != -EWOULDBLOCK && err != -ENOBUFS)
			return err;
		nl_drain(nl);
		struct pollfd p = { .fd = nl->fd, .events = POLLOUT };
		(void)poll(&p, 1, CLOSE_POLL_MS);
		nl_drain(nl);
	}
	return err;
}

/*
 * On a real audit socket the release must not be sent on the socket that
 * receives the events: the kernel first probes the registered daemon with a
 * *blocking* send to it (audit_replace, in our own sendmsg), and under a storm
 * kauditd keeps that socket full, so nobody would ever read it (the kauditd
 * deadlock of beats#26031; MSG_DONTWAIT does not reach that inner send).
 * So: open a fresh socket first (it gets another port id), close ours (the
 * probe and kauditd now meet a dead port, which resets the connection), then
 * ask for pid 0 on the fresh one, whose queue is empty.
 */
static int nl_close_and_release(struct ak_nl *nl)
{
	struct audit_status st;
	struct ak_nl *tmp;
	int r, err = 0;

	r = ak_nl_open(&tmp, 0);
	if (close(nl->fd) < 0)
		err = -errno;
	if (r < 0)
		return r;
	ak_nl_set_timeout(tmp, 1000);
	memset(&st, 0, sizeof(st));
	st.mask = AUDIT_STATUS_PID;
	r = ak_nl_set_status(tmp, &st);
	ak_nl_close(tmp);
	/* EACCES: another daemon registered meanwhile; ours is gone either way. */
	if (r < 0 && r != -EACCES)
		return r;
	return err;
}

int ak_nl_close(struct ak_nl *nl)
{
	int err = 0;

	if (!nl)
		return 0;
	if (nl->pid_registered && nl->from_kernel_only) {
		err = nl_close_and_release(nl);
	} else {
		/* A socketpair (tests) or another protocol: release in place. */
		if (nl->pid_registered)
			err = nl_release_pid(nl);
		if (close(nl->fd) < 0 && !err)
			err = -errno;
	}
	free(nl->rbuf);
	free(nl->q.buf);
	free(nl);
	return ak__nl_ret(err);
}

int ak_nl_fd(const struct ak_nl *nl)
{
	return nl->fd;
}

uint32_t ak_nl_portid(const struct ak_nl *nl)
{
	return nl->portid;
}

size_t ak_nl_pending(const struct ak_nl *nl)
{
	return nl->q.count;
}

void ak_nl_set_timeout(struct ak_nl *nl, int ms)
{
	nl->timeout_ms = ms < 0 ? 0 : ms;
}

int ak_nl_set_queue_size(struct ak_nl *nl, size_t bytes)
{
	char *nb = NULL;

	if (bytes) {
		nb = malloc(bytes);
		if (!nb)
			return ak__nl_ret(-ENOMEM);
	}
	/* loss is never silent: counted, and flagged on the next message */
	nl->st.queue_dropped += nl->q.count;
	if (nl->q.count)
		nl->pending_flags |= AK_NL_MSG_LOSS;
	free(nl->q.buf);
	memset(&nl->q, 0, sizeof(nl->q));
	nl->q.buf = nb;
	nl->q.cap = bytes;
	return 0;
}

int ak_nl_set_rcvbuf(struct ak_nl *nl, int bytes)
{
	int v = 0;
	socklen_t sl = sizeof(v);

	if (bytes <= 0)
		return ak__nl_ret(-EINVAL);
	if (setsockopt(nl->fd, SOL_SOCKET, SO_RCVBUFFORCE, &bytes, sizeof(bytes)) < 0 &&
	    setsockopt(nl->fd, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof(bytes)) < 0)
		return ak__nl_ret(-errno);
	if (getsockopt(nl->fd, SOL_SOCKET, SO_RCVBUF, &v, &sl) < 0)
		return ak__nl_ret(-errno);
	return v;
}

void ak_nl_set_tap(struct ak_nl *nl, ak_nl_tap_fn fn, void *data)
{
	nl->tap = fn;
	nl->tap_data = data;
}

int ak_nl_get_stats(struct ak_nl *nl, struct ak_nl_stats *st)
{
	uint32_t mem[SK_MEMINFO_VARS];
	socklen_t sl = sizeof(mem);

	*st = nl->st;
	st->socket_drops = UINT64_MAX;
	if (getsockopt(nl->fd, SOL_SOCKET, SO_MEMINFO, mem, &sl) == 0 &&
	    sl > SK_MEMINFO_DROPS * sizeof(uint32_t))
		st->socket_drops = mem[SK_MEMINFO_DROPS];
	return 0;
}
