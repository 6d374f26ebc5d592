/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AK_LIB_NETLINK_NL_H
#define AK_LIB_NETLINK_NL_H

/* Internal to lib/netlink: the handle, the event queue and the request engine. */

#include <errno.h>
#include <stdbool.h>

#include <auditkit/netlink.h>

#define AK__NL_HDRLEN 16
#define AK__NL_DEFAULT_QUEUE (256 * 1024)
#define AK__NL_DEFAULT_TIMEOUT_MS 5000

/*
 * Events that arrive while a request waits.  A linear buffer of records
 * [struct ak__nl_qrec][datagram bytes][pad to 8]; read at head, appended at
 * tail, compacted (memmove) when the tail runs out of room.  Queueing happens
 * only during requests, so the occasional memmove is cheap enough.
 */
struct ak__nl_qrec {
	uint32_t len;   /* datagram bytes stored */
	uint32_t flags; /* AK_NL_MSG_* to hand out with it */
};

struct ak__nl_queue {
	char *buf;
	size_t cap;
	size_t head, tail; /* byte offsets */
	size_t count;      /* records */
};

struct ak_nl {
	int fd;
	unsigned open_flags;   /* enum ak_nl_open_flag */
	uint32_t portid;
	uint32_t seq;          /* last seq sent */
	int timeout_ms;
	bool pid_registered;   /* ak_nl_set_pid(non-zero) succeeded or was tried */
	bool is_netlink;       /* AF_NETLINK (else a socketpair) */
	bool from_kernel_only; /* NETLINK_AUDIT: drop datagrams not from port 0 */
	uint32_t pending_flags; /* AK_NL_MSG_LOSS to set on the next message */
	struct ak__nl_queue q;
	ak_nl_tap_fn tap;
	void *tap_data;
	struct ak_nl_stats st;
	char *rbuf;            /* scratch receive buffer for requests (AK_NL_BUF_SIZE) */
};

/* Set errno for the public boundary and return @ret unchanged. */
static inline int ak__nl_ret(int ret)
{
	if (ret < 0)
		errno = -ret;
	return ret;
}

/*
 * Receive one datagram from the socket into @buf (no queue).  Fills @msg.
 * Returns 1, -EAGAIN, -EINTR or a negative errno.  Handles ENOBUFS (counted,
 * retried), MSG_TRUNC (counted, flagged), foreign senders and runts (dropped,
 * counted as stray), and the tap.
 */
int ak__nl_recv_sock(struct ak_nl *nl, void *buf, size_t cap, struct ak_nl_msg *msg,
		     bool nonblock);

/* Keep an event for later ak_nl_recv() calls (or count it dropped). */
void ak__nl_queue_push(struct ak_nl *nl, const struct ak_nl_msg *msg);

/*
 * One request/response exchange.  Sends @type with NLM_F_REQUEST|NLM_F_ACK and
 * reads until it has the ACK and (when @reply_type is not 0) the reply: one
 * message of @reply_type, or with @multi a series ended by NLMSG_DONE.  Each
 * reply goes to @on_reply (which returns AK_CB_OK, AK_CB_STOP to ignore the
 * rest, or -errno).  Events met meanwhile are queued.
 * Returns the ACK's error field (>= 0) or a negative errno.
 */
struct ak__nl_req {
	uint16_t type;
	const void *data;
	size_t len;
	uint16_t reply_type;
	bool multi;
	int (*on_reply)(const struct ak_nl_msg *msg, void *data);
	void *cb_data;
	void *buf;  /* receive buffer; NULL: the handle's scratch */
	size_t cap;
};

int ak__nl_request(struct ak_nl *nl, const struct ak__nl_req *req);

/* Read the error field of an NLMSG_ERROR payload (-EPROTO if too short). */
int ak__nl_ack_error(const struct ak_nl_msg *msg);

#endif
