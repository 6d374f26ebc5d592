/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AUDITKIT_NETLINK_H
#define AUDITKIT_NETLINK_H

/*
 * The kernel audit netlink client (go-libaudit's AuditClient, plus what
 * auditctl does over netlink that go-libaudit lacks).
 *
 *	struct ak_nl *nl;
 *	struct audit_status st;
 *	char buf[AK_NL_BUF_SIZE];
 *	struct ak_nl_msg m;
 *
 *	if (ak_nl_open(&nl, 0) < 0) ...
 *	ak_nl_get_status(nl, &st);
 *	ak_nl_set_pid(nl, getpid());          // we are the audit daemon now
 *	while (ak_nl_recv(nl, buf, sizeof(buf), &m, 0) > 0)
 *		if (m.flags & AK_NL_MSG_EVENT) handle(m.type, m.data, m.len);
 *	ak_nl_close(nl);                      // releases the audit PID
 *
 * Messages.  The kernel sends one netlink message per datagram.  Events
 * (audit records) carry nlmsg_seq 0; replies carry the seq of the request.
 * Every request here sends NLM_F_ACK and waits for its ACK and its reply (in
 * whatever order they come), matched by seq.  An NLMSG_ERROR with a negative
 * error ends the request with that errno.  Events that arrive while a request
 * waits are copied into a bounded in-handle queue (sized at open, see
 * ak_nl_set_queue_size) and handed out by the next ak_nl_recv() calls, in
 * order; only when that queue is full is an event dropped, and counted
 * (stats.queue_dropped).  Replies that match no pending request (late ACKs)
 * are discarded and counted (stats.stray).
 *
 * Loss is never silent: when the kernel could not queue datagrams for us
 * (socket receive buffer full: recv fails with ENOBUFS) and when a datagram
 * did not fit the caller's buffer (MSG_TRUNC), the event is counted in
 * struct ak_nl_stats and flagged on the next message handed out
 * (AK_NL_MSG_LOSS, AK_NL_MSG_TRUNC); reception goes on.
 *
 * Errors follow <auditkit/base.h>: negative errno.  -EPROTO for a reply of an
 * unexpected type or size, -ETIMEDOUT when the kernel did not answer within
 * the handle's timeout (ak_nl_set_timeout), -EINTR when a signal interrupted
 * a blocking receive (the caller decides whether to go on).
 *
 * A daemon should send its requests on a second handle and keep the first
 * for events (and ak_nl_set_pid, which must come from the receiving socket):
 * under a storm the receiving socket is full, and the kernel drops an ACK it
 * cannot queue (NLMSG_ERROR is sent without waiting), so the request would
 * time out.  audit(1) works this way.
 *
 * One handle is used by one thread at a time.  All binary structures are
 * host-endian, as the kernel uses them.
 */

#include <auditkit/base.h>
#include <linux/audit.h>

AK_BEGIN_DECLS

/* Largest audit message the kernel sends (libaudit's MAX_AUDIT_MESSAGE_LENGTH). */
#define AK_NL_MAX_PAYLOAD 8970
/* A receive buffer that always holds one whole datagram: header + payload. */
#define AK_NL_BUF_SIZE (16 + AK_NL_MAX_PAYLOAD)

/* Smallest audit_status the kernel ever sent (2.6.32: up to and including backlog). */
#define AK_NL_STATUS_MIN 32

struct ak_nl;

enum ak_nl_open_flag {
	/* Join the multicast group AUDIT_NLGRP_READLOG (kernel >= 3.16,
	 * CAP_AUDIT_READ): a read-only copy of every event, beside whoever
	 * holds the audit PID.  Requests still work, but ak_nl_set_pid() is
	 * refused (-EINVAL). */
	AK_NL_MULTICAST = 1u << 0,
};

/**
 * ak_nl_open - open an audit netlink socket (SOCK_CLOEXEC).
 * @out: the new handle.
 * @flags: enum ak_nl_open_flag.
 *
 * Returns 0, -EPROTONOSUPPORT when the kernel has no audit support (socket()
 * failed with EPROTONOSUPPORT, EAFNOSUPPORT or EINVAL), or the socket/bind errno.
 */
AK_EXPORT int ak_nl_open(struct ak_nl **out, unsigned flags);

/**
 * ak_nl_fdopen - wrap an existing socket (a netlink audit socket, or one end of
 * a socketpair(AF_UNIX, SOCK_SEQPACKET) for tests).  The handle owns @fd from
 * then on (ak_nl_close closes it), also on failure.
 * @flags: enum ak_nl_open_flag (AK_NL_MULTICAST only marks the handle read-only).
 */
AK_EXPORT int ak_nl_fdopen(struct ak_nl **out, int fd, unsigned flags);

/**
 * ak_nl_close - release the audit PID if this handle registered it (see
 * ak_nl_set_pid), close the socket and free the handle.  ak_nl_close(NULL) is a
 * no-op.
 *
 * It never hangs, however full the socket (go-libaudit's kauditd deadlock):
 * on an audit socket the handle's socket is closed first (datagrams still in
 * it are lost: read them before) and the release is sent from a fresh socket,
 * since the kernel's liveness probe of the daemon is a blocking send to the
 * daemon's own socket.  On other sockets (a socketpair) the release is sent
 * in place with MSG_DONTWAIT, draining and retrying when congested, about one
 * second at most.  Returns 0, or the errno of the failed release; the handle
 * is freed either way.
 */
AK_EXPORT int ak_nl_close(struct ak_nl *nl);

/** ak_nl_fd - the socket, for poll/epoll.  See ak_nl_pending(). */
AK_EXPORT int ak_nl_fd(const struct ak_nl *nl);

/** ak_nl_portid - the netlink port id the kernel assigned (0 for a socketpair). */
AK_EXPORT uint32_t ak_nl_portid(const struct ak_nl *nl);

/**
 * ak_nl_pending - events queued in the handle while a request waited.  A
 * caller that polls ak_nl_fd() must first drain these with ak_nl_recv() (they
 * are no longer in the socket, so poll will not report them).
 */
AK_EXPORT size_t ak_nl_pending(const struct ak_nl *nl);

/**
 * ak_nl_set_timeout - how long a request waits for its ACK and reply, in
 * milliseconds (default 5000).  Events keep arriving meanwhile and are queued.
 */
AK_EXPORT void ak_nl_set_timeout(struct ak_nl *nl, int ms);

/**
 * ak_nl_set_queue_size - bytes for the queue of events that arrive while a
 * request waits (default 256 KiB; 0 disables queueing: such events are then
 * dropped and counted).  Drops what is queued (counted, and flagged
 * AK_NL_MSG_LOSS on the next message).  Returns 0 or -ENOMEM.
 */
AK_EXPORT int ak_nl_set_queue_size(struct ak_nl *nl, size_t bytes);

/**
 * ak_nl_set_rcvbuf - the socket receive buffer, in bytes: SO_RCVBUFFORCE
 * (needs CAP_NET_ADMIN, ignores net.core.rmem_max), falling back to SO_RCVBUF.
 * Returns the size the kernel reports afterwards (it doubles the request for
 * bookkeeping), or a negative errno.
 */
AK_EXPORT int ak_nl_set_rcvbuf(struct ak_nl *nl, int bytes);

/* ---- receiving ---------------------------------------------------------- */

enum ak_nl_msg_flag {
	AK_NL_MSG_EVENT = 1u << 0, /* an event (seq 0), not a reply */
	AK_NL_MSG_TRUNC = 1u << 1, /* the datagram was larger than the buffer: cut */
	AK_NL_MSG_LOSS = 1u << 2,  /* datagrams were lost just before this one (ENOBUFS,
				    * or events dropped from the full queue) */
};

/* One received message; every pointer points into the caller's buffer. */
struct ak_nl_msg {
	uint16_t type;     /* nlmsg_type: an AUDIT_* record type, NLMSG_ERROR, NLMSG_DONE, ... */
	uint16_t nlflags;  /* nlmsg_flags */
	uint32_t seq;      /* nlmsg_seq: 0 for events */
	uint32_t flags;    /* enum ak_nl_msg_flag */
	const char *data;  /* payload (after the 16-byte header) */
	size_t len;        /* payload bytes; for events, trailing NULs are not counted */
	const void *raw;   /* the datagram as received (header included) ... */
	size_t raw_len;    /* ... and its length (as stored, so <= the buffer) */
};

enum ak_nl_recv_flag {
	AK_NL_RECV_NONBLOCK = 1u << 0, /* -EAGAIN instead of waiting */
	AK_NL_RECV_EVENTS = 1u << 1,   /* skip (and count as stray) anything that is not an event */
};

/**
 * ak_nl_recv - the next message: first the queued events, then the socket.
 * @buf, @cap: caller storage for one datagram (AK_NL_BUF_SIZE always suffices;
 * a smaller buffer gets cut datagrams, flagged AK_NL_MSG_TRUNC and counted).
 * @msg: out.
 * @flags: enum ak_nl_recv_flag.
 *
 * Returns 1 when @msg was filled, -EAGAIN (non-blocking, nothing there),
 * -EINTR (a signal arrived while waiting), or another negative errno.
 * ENOBUFS from the socket is not returned: it is counted, flagged on the next
 * message, and reception goes on.
 */
AK_EXPORT int ak_nl_recv(struct ak_nl *nl, void *buf, size_t cap, struct ak_nl_msg *msg,
			 unsigned flags);

/* Most messages one ak_nl_recv_many() call returns, and the slot size that never cuts. */
#define AK_NL_RECV_MANY_MAX 64
#define AK_NL_SLOT_SIZE ((AK_NL_BUF_SIZE + 7) & ~7)

/**
 * ak_nl_recv_many - up to @n messages in one system call (recvmmsg), for
 * receivers that must keep up with a storm.
 * @buf, @cap: caller storage, split into @n slots of cap / n bytes (rounded
 * down to 8); give AK_NL_SLOT_SIZE per slot to never cut a datagram.
 * @msgs: out, @n entries.  @n is capped at AK_NL_RECV_MANY_MAX.
 * @flags: as ak_nl_recv(); without AK_NL_RECV_NONBLOCK it waits for the first
 * message only (MSG_WAITFORONE).
 *
 * Queued events (see ak_nl_pending) are returned first, in a call of their own.
 * Returns the number of messages (>= 1), or as ak_nl_recv().
 */
AK_EXPORT int ak_nl_recv_many(struct ak_nl *nl, void *buf, size_t cap, struct ak_nl_msg *msgs,
			      size_t n, unsigned flags);

/*
 * A tap sees every datagram the handle receives from the socket, events and
 * replies alike, before it is interpreted (go-libaudit's "diag" writer).
 * Borrowed pointer, valid during the call.  @fn NULL removes the tap.
 */
typedef void (*ak_nl_tap_fn)(const void *dgram, size_t len, void *data);
AK_EXPORT void ak_nl_set_tap(struct ak_nl *nl, ak_nl_tap_fn fn, void *data);

/* Counters since open; never reset by the library. */
struct ak_nl_stats {
	uint64_t datagrams;     /* received from the socket */
	uint64_t events;        /* handed out by ak_nl_recv as events */
	uint64_t enobufs;       /* times recv reported ENOBUFS (datagrams lost; count unknown) */
	uint64_t socket_drops;  /* datagrams the kernel dropped on this socket (SO_MEMINFO),
				 * UINT64_MAX when the kernel cannot tell */
	uint64_t truncated;     /* datagrams cut to the caller's buffer (MSG_TRUNC) */
	uint64_t queue_dropped; /* events dropped because the pending queue was full */
	uint64_t stray;         /* replies that matched no request, discarded */
};

/** ak_nl_get_stats - fill @st.  Returns 0. */
AK_EXPORT int ak_nl_get_stats(struct ak_nl *nl, struct ak_nl_stats *st);

/* ---- raw requests --------------------------------------------------------- */

/**
 * ak_nl_send - send one request: nlmsg_len = 16 + @len, flags NLM_F_REQUEST
 * plus @nlflags (e.g. NLM_F_ACK), the next seq (first is 1).  Returns the seq
 * (> 0) or a negative errno.
 */
AK_EXPORT int ak_nl_send(struct ak_nl *nl, uint16_t type, uint16_t nlflags, const void *data,
			 size_t len);

/**
 * ak_nl_wait_ack - wait for the NLMSG_ERROR that answers @seq (queueing events).
 * Returns the error field when >= 0 (0 for a plain ACK; the kernel answers
 * AUDIT_SET of the lost counter with the old count), or the negative errno.
 */
AK_EXPORT int ak_nl_wait_ack(struct ak_nl *nl, uint32_t seq);

/* ---- status ---------------------------------------------------------------- */

/**
 * ak_nl_get_status - AUDIT_GET.  Short replies from old kernels are accepted:
 * the fields the kernel did not send read as 0.  Returns the reply's size in
 * bytes (>= AK_NL_STATUS_MIN; sizeof(struct audit_status) on current kernels),
 * -EPROTO when shorter than AK_NL_STATUS_MIN, or a negative errno.
 */
AK_EXPORT int ak_nl_get_status(struct ak_nl *nl, struct audit_status *st);

/**
 * ak_nl_set_status - AUDIT_SET of the fields named in st->mask (AUDIT_STATUS_*),
 * waiting for the ACK.  Refuses enabled == 2 (-EINVAL): use ak_nl_set_immutable().
 * Returns the kernel's non-negative answer (see ak_nl_wait_ack) or a negative errno.
 */
AK_EXPORT int ak_nl_set_status(struct ak_nl *nl, const struct audit_status *st);

/* Failure modes (the kernel's; go-libaudit's constants are all 0 by mistake). */
enum ak_nl_failure {
	AK_NL_FAIL_SILENT = 0,
	AK_NL_FAIL_PRINTK = 1,
	AK_NL_FAIL_PANIC = 2,
};

/** ak_nl_set_enabled - 0 or 1 (-EINVAL otherwise). */
AK_EXPORT int ak_nl_set_enabled(struct ak_nl *nl, uint32_t enabled);
/** ak_nl_set_immutable - enabled = 2: locks the configuration until reboot. */
AK_EXPORT int ak_nl_set_immutable(struct ak_nl *nl);
/** ak_nl_set_failure - enum ak_nl_failure. */
AK_EXPORT int ak_nl_set_failure(struct ak_nl *nl, uint32_t mode);
/**
 * ak_nl_set_pid - register @pid as the audit daemon, with this socket as the
 * one the kernel sends events to; 0 releases.  When @pid is not 0, ak_nl_close
 * will release it.  The kernel answers -EEXIST when another live process holds it.
 * Do not release with ak_nl_set_pid(nl, 0) on the receiving handle while events
 * may still be pouring in: the kernel's probe of the daemon blocks on a full
 * socket (see ak_nl_close, which releases safely).
 */
AK_EXPORT int ak_nl_set_pid(struct ak_nl *nl, uint32_t pid);
/** ak_nl_set_rate_limit - messages per second, 0 = unlimited. */
AK_EXPORT int ak_nl_set_rate_limit(struct ak_nl *nl, uint32_t per_sec);
/** ak_nl_set_backlog_limit - queued records before loss. */
AK_EXPORT int ak_nl_set_backlog_limit(struct ak_nl *nl, uint32_t limit);
/** ak_nl_set_backlog_wait_time - jiffies a task waits for room in the backlog. */
AK_EXPORT int ak_nl_set_backlog_wait_time(struct ak_nl *nl, uint32_t jiffies);
/**
 * ak_nl_reset_lost - set the kernel's lost counter to 0.  Returns the count
 * before the reset (>= 0), or a negative errno.
 */
AK_EXPORT int ak_nl_reset_lost(struct ak_nl *nl);

/* ---- features ------------------------------------------------------------ */

/** ak_nl_get_features - AUDIT_GET_FEATURE into @f (vers, mask, features, lock). */
AK_EXPORT int ak_nl_get_features(struct ak_nl *nl, struct audit_features *f);
/**
 * ak_nl_set_feature - AUDIT_SET_FEATURE for one feature
 * (AUDIT_FEATURE_LOGINUID_IMMUTABLE, AUDIT_FEATURE_ONLY_UNSET_LOGINUID).
 * @on: 0 or 1.  @lock: nonzero also locks it until reboot (auditctl
 * --loginuid-immutable does; the kernel then answers -EPERM to changes).
 */
AK_EXPORT int ak_nl_set_feature(struct ak_nl *nl, unsigned feature, int on, int lock);

/* ---- directory watches, user messages, signal info --------------------- */

/** ak_nl_trim - AUDIT_TRIM: drop tree watches whose directories are gone. */
AK_EXPORT int ak_nl_trim(struct ak_nl *nl);
/**
 * ak_nl_make_equiv - AUDIT_MAKE_EQUIV (auditctl -q MOUNT,SUBTREE): tree watches
 * on @mount_point also apply to @subtree.
 */
AK_EXPORT int ak_nl_make_equiv(struct ak_nl *nl, const char *mount_point, const char *subtree);

/**
 * ak_nl_send_user - a user-space message: @type AUDIT_USER or in
 * AUDIT_FIRST_USER_MSG..AUDIT_LAST_USER_MSG / AUDIT_FIRST_USER_MSG2..
 * AUDIT_LAST_USER_MSG2 (-EINVAL otherwise); @text of @len bytes
 * (<= AUDIT_MESSAGE_TEXT_MAX, else -ERANGE), without NUL.  Waits for the ACK.
 */
AK_EXPORT int ak_nl_send_user(struct ak_nl *nl, uint16_t type, const char *text, size_t len);

/* Who last sent a signal to the audit daemon (AUDIT_SIGNAL_INFO). */
struct ak_nl_sig_info {
	uint32_t uid;   /* login uid of the sender */
	int32_t pid;    /* its pid */
	char ctx[256];  /* its security context, NUL-terminated ("" when none) */
};

/** ak_nl_signal_info - AUDIT_SIGNAL_INFO (needs CAP_AUDIT_CONTROL). */
AK_EXPORT int ak_nl_signal_info(struct ak_nl *nl, struct ak_nl_sig_info *si);

/* ---- rules: struct audit_rule_data blobs (compiled by <auditkit/rule.h>) --- */

/**
 * ak_nl_add_rule / ak_nl_del_rule - AUDIT_ADD_RULE / AUDIT_DEL_RULE of one
 * blob: @len = sizeof(struct audit_rule_data) + rule->buflen.  The kernel's
 * answer is checked for both (-EEXIST: rule exists; -ENOENT: no such rule).
 */
AK_EXPORT int ak_nl_add_rule(struct ak_nl *nl, const struct audit_rule_data *rule, size_t len);
AK_EXPORT int ak_nl_del_rule(struct ak_nl *nl, const struct audit_rule_data *rule, size_t len);

/* Called once per rule, in kernel order; @rule/@len are borrowed. */
typedef int (*ak_nl_rule_cb)(const struct audit_rule_data *rule, size_t len, void *data);

/**
 * ak_nl_list_rules - AUDIT_LIST_RULES: call @cb for each rule.
 * @buf, @cap: receive buffer (AK_NL_BUF_SIZE suffices).
 * @cb returns AK_CB_OK to go on, AK_CB_STOP to stop (the rest of the listing is
 * read and discarded), or a negative errno, which is returned.
 * Returns the number of rules passed to @cb, or a negative errno.
 */
AK_EXPORT int ak_nl_list_rules(struct ak_nl *nl, void *buf, size_t cap, ak_nl_rule_cb cb,
			       void *data);

/**
 * ak_nl_del_all_rules - delete every rule (auditctl -D).  Returns the number
 * deleted, or a negative errno.
 */
AK_EXPORT int ak_nl_del_all_rules(struct ak_nl *nl, void *buf, size_t cap);

AK_END_DECLS

#endif
