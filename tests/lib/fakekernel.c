// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/* The scripted fake kernel; see fakekernel.h. */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>

#include <auditkit/netlink.h>

#include "fakekernel.h"

int fk_open(struct fk *k)
{
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
		return -errno;
	k->kernel = sv[0];
	k->client = sv[1];
	return 0;
}

int fk_open_nl(struct fk *k, struct ak_nl **nl, int timeout_ms)
{
	int r = fk_open(k);

	*nl = NULL;
	if (r < 0)
		return r;
	r = ak_nl_fdopen(nl, k->client, 0);
	k->client = -1; /* the handle owns it now, also on failure */
	if (r < 0)
		return r;
	ak_nl_set_timeout(*nl, timeout_ms);
	return 0;
}

void fk_close(struct fk *k)
{
	if (k->kernel >= 0)
		close(k->kernel);
	if (k->client >= 0)
		close(k->client);
	k->kernel = k->client = -1;
}

static int fk_write(struct fk *k, const struct nlmsghdr *h, const void *data, size_t len,
		    int flags)
{
	struct iovec iov[2] = { { (void *)h, sizeof(*h) }, { (void *)data, len } };
	struct msghdr m = { .msg_iov = iov, .msg_iovlen = len ? 2 : 1 };

	if (sendmsg(k->kernel, &m, MSG_NOSIGNAL | flags) < 0)
		return -errno;
	return 0;
}

int fk_send(struct fk *k, uint16_t type, uint16_t flags, uint32_t seq, const void *data,
	    size_t len)
{
	struct nlmsghdr h = {
		.nlmsg_len = (uint32_t)(sizeof(h) + len),
		.nlmsg_type = type,
		.nlmsg_flags = flags,
		.nlmsg_seq = seq,
	};

	return fk_write(k, &h, data, len, 0);
}

int fk_ack(struct fk *k, uint32_t seq, int err)
{
	struct nlmsgerr e;

	memset(&e, 0, sizeof(e));
	e.error = err;
	e.msg.nlmsg_seq = seq;
	return fk_send(k, NLMSG_ERROR, 0, seq, &e, sizeof(e));
}

int fk_reply(struct fk *k, uint32_t seq, uint16_t type, const void *data, size_t len)
{
	return fk_send(k, type, 0, seq, data, len);
}

static int fk_event_flags(struct fk *k, uint16_t type, const char *text, int flags)
{
	size_t len = strlen(text);
	struct nlmsghdr h = {
		.nlmsg_len = (uint32_t)len, /* the kernel's quirk: payload only */
		.nlmsg_type = type,
	};

	return fk_write(k, &h, text, len, flags);
}

int fk_event(struct fk *k, uint16_t type, const char *text)
{
	return fk_event_flags(k, type, text, 0);
}

int fk_raw(struct fk *k, const void *buf, size_t len)
{
	if (send(k->kernel, buf, len, MSG_NOSIGNAL) < 0)
		return -errno;
	return 0;
}

int fk_read(struct fk *k, struct fk_req *req)
{
	struct iovec iov[2] = { { &req->h, sizeof(req->h) }, { req->data, sizeof(req->data) } };
	struct msghdr m = { .msg_iov = iov, .msg_iovlen = 2 };
	ssize_t r = recvmsg(k->kernel, &m, MSG_DONTWAIT);

	if (r < 0)
		return errno == EAGAIN ? 0 : -errno;
	if (r == 0)
		return 0; /* the client closed its end */
	if ((size_t)r < sizeof(req->h))
		return -EPROTO;
	req->len = (size_t)r - sizeof(req->h);
	return 1;
}

int fk_flood(struct fk *k, uint16_t type, const char *text)
{
	int n = 0;

	for (;;) {
		int r = fk_event_flags(k, type, text, MSG_DONTWAIT);

		if (r == -EAGAIN)
			return n;
		if (r < 0)
			return r;
		n++;
	}
}
