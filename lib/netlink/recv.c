// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * Receiving: datagrams from the socket, the queue of events that arrived
 * while a request waited, and the request engine that matches ACKs and
 * replies by seq.
 *
 * The kernel's audit messages break the netlink length rule: an event's
 * nlmsg_len counts the payload only (kauditd sets skb->len - NLMSG_HDRLEN),
 * so, like go-libaudit, the datagram size is what counts.  The kernel sends
 * one message per datagram.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/netlink.h>

#include "netlink/nl.h"

static void nl_fill_msg(struct ak_nl_msg *msg, const char *buf, size_t n, uint32_t flags)
{
	struct nlmsghdr h;

	memset(msg, 0, sizeof(*msg));
	msg->raw = buf;
	msg->raw_len = n;
	msg->flags = flags;
	if (n < AK__NL_HDRLEN) {
		/* Too short for a header (not stored by the callers): an empty type 0. */
		msg->data = buf + n;
		return;
	}
	memcpy(&h, buf, sizeof(h));
	msg->type = h.nlmsg_type;
	msg->nlflags = h.nlmsg_flags;
	msg->seq = h.nlmsg_seq;
	msg->data = buf + AK__NL_HDRLEN;
	msg->len = n - AK__NL_HDRLEN;
	if (h.nlmsg_seq == 0) {
		msg->flags |= AK_NL_MSG_EVENT;
		while (msg->len && msg->data[msg->len - 1] == '\0')
			msg->len--;
	} else if (h.nlmsg_len >= AK__NL_HDRLEN && h.nlmsg_len - AK__NL_HDRLEN < msg->len) {
		/* Replies have honest lengths; trust the smaller. */
		msg->len = h.nlmsg_len - AK__NL_HDRLEN;
	}
}

/*
 * After a datagram of real size @r landed in @buf (@cap bytes): count it,
 * show it to the tap, and decide.  Returns 1 when @msg was filled, 0 when the
 * datagram is to be skipped (counted as stray).
 */
static int nl_accept(struct ak_nl *nl, void *buf, size_t cap, size_t r, int msg_flags,
		     const struct sockaddr_nl *sa, socklen_t salen, struct ak_nl_msg *msg)
{
	uint32_t flags = 0;
	size_t n = r;

	if ((msg_flags & MSG_TRUNC) || n > cap) {
		n = n > cap ? cap : n;
		flags |= AK_NL_MSG_TRUNC;
		nl->st.truncated++;
	}
	nl->st.datagrams++;
	if (nl->tap)
		nl->tap(buf, n, nl->tap_data);
	/* Anti-spoofing: on an audit socket only the kernel (port 0) is believed.
	 * A datagram too short for a header is no message at all. */
	if ((nl->from_kernel_only && salen >= sizeof(*sa) && sa->nl_pid != 0) ||
	    n < AK__NL_HDRLEN) {
		nl->st.stray++;
		return 0;
	}
	nl_fill_msg(msg, buf, n, flags);
	return 1;
}

/* A receive error: ENOBUFS is counted and retried (0); others are returned. */
static int nl_recv_error(struct ak_nl *nl, int err)
{
	if (err == ENOBUFS) {
		/* The kernel dropped datagrams for us; the socket goes on. */
		nl->st.enobufs++;
		nl->pending_flags |= AK_NL_MSG_LOSS;
		return 0;
	}
	return err == EWOULDBLOCK ? -EAGAIN : -err;
}

int ak__nl_recv_sock(struct ak_nl *nl, void *buf, size_t cap, struct ak_nl_msg *msg,
		     bool nonblock)
{
	for (;;) {
		struct sockaddr_nl sa;
		struct iovec iov = { .iov_base = buf, .iov_len = cap };
		struct msghdr mh = {
			.msg_name = &sa,
			.msg_namelen = sizeof(sa),
			.msg_iov = &iov,
			.msg_iovlen = 1,
		};
		ssize_t r;
		int e;

		memset(&sa, 0, sizeof(sa));
		/* MSG_TRUNC makes recvmsg return the datagram's real size. */
		r = recvmsg(nl->fd, &mh, MSG_TRUNC | (nonblock ? MSG_DONTWAIT : 0));
		if (r < 0) {
			if ((e = nl_recv_error(nl, errno)) < 0)
				return e;
			continue;
		}
		if (r == 0 && cap > 0 && !nl->is_netlink)
			return -ECONNRESET; /* socketpair peer gone */
		if (nl_accept(nl, buf, cap, (size_t)r, mh.msg_flags, &sa, mh.msg_namelen, msg))
			return 1;
	}
}

/* ---- the event queue ---------------------------------------------------- */

static size_t qrec_size(size_t len)
{
	return (sizeof(struct ak__nl_qrec) + len + 7) & ~(size_t)7;
}

void ak__nl_queue_push(struct ak_nl *nl, const struct ak_nl_msg *msg)
{
	struct ak__nl_queue *q = &nl->q;
	size_t need = qrec_size(msg->raw_len);
	struct ak__nl_qrec rec = { (uint32_t)msg->raw_len, msg->flags | nl->pending_flags };

	if (q->tail + need > q->cap && q->head > 0) {
		memmove(q->buf, q->buf + q->head, q->tail - q->head);
		q->tail -= q->head;
		q->head = 0;
	}
	if (q->tail + need > q->cap) {
		nl->st.queue_dropped++;
		nl->pending_flags |= AK_NL_MSG_LOSS;
		return;
	}
	nl->pending_flags = 0; /* now carried by this record */
	memcpy(q->buf + q->tail, &rec, sizeof(rec));
	memcpy(q->buf + q->tail + sizeof(rec), msg->raw, msg->raw_len);
	q->tail += need;
	q->count++;
}

static int nl_queue_pop(struct ak_nl *nl, void *buf, size_t cap, struct ak_nl_msg *msg)
{
	struct ak__nl_queue *q = &nl->q;
	struct ak__nl_qrec rec;
	size_t n;

	memcpy(&rec, q->buf + q->head, sizeof(rec));
	n = rec.len;
	if (n > cap) {
		n = cap;
		rec.flags |= AK_NL_MSG_TRUNC;
		nl->st.truncated++;
	}
	memcpy(buf, q->buf + q->head + sizeof(rec), n);
	q->head += qrec_size(rec.len);
	if (--q->count == 0)
		q->head = q->tail = 0;
	nl_fill_msg(msg, buf, n, rec.flags & ~AK_NL_MSG_EVENT);
	return 1;
}

int ak_nl_recv(struct ak_nl *nl, void *buf, size_t cap, struct ak_nl_msg *msg, unsigned flags)
{
	if (cap < AK__NL_HDRLEN)
		return ak__nl_ret(-ERANGE);
	for (;;) {
		bool queued = nl->q.count > 0;
		int r;

		if (queued)
			r = nl_queue_pop(nl, buf, cap, msg);
		else
			r = ak__nl_recv_sock(nl, buf, cap, msg, flags & AK_NL_RECV_NONBLOCK);
		if (r < 0)
			return ak__nl_ret(r);
		if (!(msg->flags & AK_NL_MSG_EVENT) && (flags & AK_NL_RECV_EVENTS)) {
			nl->st.stray++;
			continue;
		}
		/* Loss noted after the last queued event belongs to the next socket message. */
		if (!queued && nl->pending_flags) {
			msg->flags |= nl->pending_flags;
			nl->pending_flags = 0;
		}
		if (msg->flags & AK_NL_MSG_EVENT)
			nl->st.events++;
		return 1;
	}
}

/*
 * Many datagrams per system call (recvmmsg): under a storm this is what keeps
 * the receiver's cost per event below a plain recv loop's.
 */
int ak_nl_recv_many(struct ak_nl *nl, void *buf, size_t cap, struct ak_nl_msg *msgs, size_t n,
		    unsigned flags)
{
	struct mmsghdr mm[AK_NL_RECV_MANY_MAX];
	struct iovec iov[AK_NL_RECV_MANY_MAX];
	struct sockaddr_nl sa[AK_NL_RECV_MANY_MAX];
	size_t slot, got = 0;

	if (n > AK_NL_RECV_MANY_MAX)
		n = AK_NL_RECV_MANY_MAX;
	slot = n ? (cap / n) & ~(size_t)7 : 0;
	if (!n || slot < AK__NL_HDRLEN)
		return ak__nl_ret(-ERANGE);
	/* What waited in the queue comes first, alone: order is kept. */
	while (got < n && nl->q.count) {
		struct ak_nl_msg *m = &msgs[got];

		nl_queue_pop(nl, (char *)buf + got * slot, slot, m);
		if (!(m->flags & AK_NL_MSG_EVENT) && (flags & AK_NL_RECV_EVENTS)) {
			nl->st.stray++;
			continue;
		}
		if (m->flags & AK_NL_MSG_EVENT)
			nl->st.events++;
		got++;
	}
	if (got)
		return (int)got;
	for (;;) {
		int r;

		for (size_t i = 0; i < n; i++) {
			iov[i] = (struct iovec){ (char *)buf + i * slot, slot };
			mm[i].msg_hdr = (struct msghdr){ .msg_name = &sa[i],
							 .msg_namelen = sizeof(sa[i]),
							 .msg_iov = &iov[i],
							 .msg_iovlen = 1 };
			mm[i].msg_len = 0;
		}
		r = recvmmsg(nl->fd, mm, (unsigned)n,
			     MSG_TRUNC | ((flags & AK_NL_RECV_NONBLOCK) ? MSG_DONTWAIT : MSG_WAITFORONE),
			     NULL);
		if (r < 0) {
			int e = nl_recv_error(nl, errno);

			if (e < 0)
				return ak__nl_ret(e);
			continue;
		}
		if (r == 0)
			return ak__nl_ret(-ECONNRESET);
		for (int i = 0; i < r; i++) {
			struct ak_nl_msg *m = &msgs[got];

			if (mm[i].msg_len == 0 && !nl->is_netlink)
				return got ? (int)got : ak__nl_ret(-ECONNRESET);
			if (!nl_accept(nl, iov[i].iov_base, slot, mm[i].msg_len,
				       mm[i].msg_hdr.msg_flags, &sa[i], mm[i].msg_hdr.msg_namelen, m))
				continue;
			if (!(m->flags & AK_NL_MSG_EVENT) && (flags & AK_NL_RECV_EVENTS)) {
				nl->st.stray++;
				continue;
			}
			if (nl->pending_flags) {
				m->flags |= nl->pending_flags;
				nl->pending_flags = 0;
			}
			if (m->flags & AK_NL_MSG_EVENT)
				nl->st.events++;
			got++;
		}
		if (got)
			return (int)got;
	}
}

/* ---- requests ------------------------------------------------------------ */

int ak_nl_send(struct ak_nl *nl, uint16_t type, uint16_t nlflags, const void *data, size_t len)
{
	struct nlmsghdr h;
	struct sockaddr_nl sa;
	struct iovec iov[2];
	struct msghdr mh;
	ssize_t r;

	if (len > UINT32_MAX - AK__NL_HDRLEN)
		return ak__nl_ret(-ERANGE);
	/* Seqs stay positive ints so that they can be returned; 0 means "event". */
	if (++nl->seq > INT32_MAX)
		nl->seq = 1;
	memset(&h, 0, sizeof(h));
	h.nlmsg_len = (uint32_t)(AK__NL_HDRLEN + len);
	h.nlmsg_type = type;
	h.nlmsg_flags = NLM_F_REQUEST | nlflags;
	h.nlmsg_seq = nl->seq;
	h.nlmsg_pid = nl->portid;
	iov[0] = (struct iovec){ .iov_base = &h, .iov_len = sizeof(h) };
	iov[1] = (struct iovec){ .iov_base = (void *)data, .iov_len = len };
	memset(&sa, 0, sizeof(sa));
	sa.nl_family = AF_NETLINK;
	memset(&mh, 0, sizeof(mh));
	if (nl->is_netlink) {
		mh.msg_name = &sa;
		mh.msg_namelen = sizeof(sa);
	}
	mh.msg_iov = iov;
	mh.msg_iovlen = len ? 2 : 1;
	do
		r = sendmsg(nl->fd, &mh, 0);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return ak__nl_ret(-errno);
	return (int)nl->seq;
}

int ak__nl_ack_error(const struct ak_nl_msg *msg)
{
	int32_t e;

	if (msg->len < sizeof(e))
		return -EPROTO;
	memcpy(&e, msg->data, sizeof(e));
	/* The kernel only sends -errno; anything below -4095 is no errno (and
	 * INT_MIN would overflow where callers negate it). */
	return e < -4095 ? -EPROTO : e;
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Read until @done says the exchange for @seq is complete.  Events are
 * queued, other replies counted as stray.  @step is called with each message
 * carrying @seq and returns 1 when complete, 0 to go on, or -errno.
 */
static int nl_wait(struct ak_nl *nl, uint32_t seq, void *buf, size_t cap,
		   int (*step)(const struct ak_nl_msg *msg, void *data), void *data)
{
	int64_t deadline = now_ms() + nl->timeout_ms;

	for (;;) {
		struct ak_nl_msg m;
		int r = ak__nl_recv_sock(nl, buf, cap, &m, true);

		if (r == -EAGAIN || r == -EINTR) {
			struct pollfd p = { .fd = nl->fd, .events = POLLIN };
			int64_t left = deadline - now_ms();

			if (left <= 0)
				return -ETIMEDOUT;
			if (poll(&p, 1, (int)left) < 0 && errno != EINTR)
				return -errno;
			continue;
		}
		if (r < 0)
			return r;
		if (m.flags & AK_NL_MSG_EVENT) {
			ak__nl_queue_push(nl, &m);
			continue;
		}
		if (m.seq != seq) {
			nl->st.stray++;
			continue;
		}
		r = step(&m, data);
		if (r != 0)
			return r;
	}
}

struct req_state {
	const struct ak__nl_req *req;
	bool acked, replied, stopped;
	int ack_val;
	int cb_err;
};

static int req_step(const struct ak_nl_msg *m, void *data)
{
	struct req_state *s = data;
	const struct ak__nl_req *req = s->req;

	if (m->type == NLMSG_ERROR) {
		int e = ak__nl_ack_error(m);

		if (e < 0)
			return e;
		s->acked = true;
		s->ack_val = e;
	} else if (req->reply_type && m->type == NLMSG_DONE && req->multi) {
		s->replied = true;
	} else if (req->reply_type && m->type == req->reply_type && !s->replied) {
		if (m->flags & AK_NL_MSG_TRUNC)
			return -EPROTO;
		if (!req->multi)
			s->replied = true;
		if (!s->stopped && !s->cb_err) {
			int r = req->on_reply(m, req->cb_data);

			if (r < 0)
				s->cb_err = r;
			else if (r == AK_CB_STOP)
				s->stopped = true;
		}
	} else {
		return -EPROTO;
	}
	if (s->acked && (!req->reply_type || s->replied))
		return 1;
	return 0;
}

int ak__nl_request(struct ak_nl *nl, const struct ak__nl_req *req)
{
	struct req_state s = { .req = req };
	int seq, r;

	seq = ak_nl_send(nl, req->type, NLM_F_ACK, req->data, req->len);
	if (seq < 0)
		return seq;
	r = nl_wait(nl, (uint32_t)seq, req->buf ? req->buf : nl->rbuf,
		    req->buf ? req->cap : AK_NL_BUF_SIZE, req_step, &s);
	if (r < 0)
		return r;
	if (s.cb_err)
		return s.cb_err;
	return s.ack_val;
}

static int ack_step(const struct ak_nl_msg *m, void *data)
{
	int *val = data;

	if (m->type != NLMSG_ERROR)
		return 0; /* a reply to a request sent without waiting: not ours to judge */
	*val = ak__nl_ack_error(m);
	return *val < 0 ? *val : 1;
}

int ak_nl_wait_ack(struct ak_nl *nl, uint32_t seq)
{
	int val = 0;
	int r = nl_wait(nl, seq, nl->rbuf, AK_NL_BUF_SIZE, ack_step, &val);

	return ak__nl_ret(r < 0 ? r : val);
}
