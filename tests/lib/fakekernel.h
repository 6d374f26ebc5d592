/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AK_TESTS_FAKEKERNEL_H
#define AK_TESTS_FAKEKERNEL_H

/*
 * A scripted fake of the kernel's audit netlink side, over a
 * socketpair(AF_UNIX, SOCK_SEQPACKET) (datagram boundaries kept, like netlink).
 *
 *	struct fk k;
 *	fk_open(&k);                          // k.client goes to ak_nl_fdopen()
 *	fk_ack(&k, 1, 0);                     // the answers are written first:
 *	fk_reply(&k, 1, AUDIT_GET, &st, 44);  // seqs are predictable (1, 2, ...)
 *	ak_nl_get_status(nl, &got);
 *	fk_read(&k, &req);                    // then the request is checked
 *
 * Nothing here runs concurrently with the client unless a test forks.
 */

#include <stddef.h>
#include <stdint.h>
#include <linux/netlink.h>

struct fk {
	int kernel; /* the fake kernel's end */
	int client; /* the end given to the library (-1 once handed over) */
};

/* A request the client sent. */
struct fk_req {
	struct nlmsghdr h;
	unsigned char data[16384];
	size_t len; /* payload bytes */
};

int fk_open(struct fk *k);
void fk_close(struct fk *k);

struct ak_nl;
/* fk_open(), then a handle on the client end (which it then owns) with a
 * request timeout of @timeout_ms, in *@nl.  0 or -errno. */
int fk_open_nl(struct fk *k, struct ak_nl **nl, int timeout_ms);

/* A message with any header values; @len payload bytes.  0 or -errno. */
int fk_send(struct fk *k, uint16_t type, uint16_t flags, uint32_t seq, const void *data,
	    size_t len);
/* NLMSG_ERROR for @seq with error field @err (0 = ACK, -EPERM, or a positive count). */
int fk_ack(struct fk *k, uint32_t seq, int err);
/* A reply of @type for @seq. */
int fk_reply(struct fk *k, uint32_t seq, uint16_t type, const void *data, size_t len);
/* An event (seq 0) with text payload, nlmsg_len = payload length as the kernel sets it. */
int fk_event(struct fk *k, uint16_t type, const char *text);
/* Raw bytes as one datagram. */
int fk_raw(struct fk *k, const void *buf, size_t len);
/* Read one request without waiting.  1, 0 when none (or the client closed), or -errno. */
int fk_read(struct fk *k, struct fk_req *req);
/* Fill the client's receive queue with events until it is full (non-blocking). */
int fk_flood(struct fk *k, uint16_t type, const char *text);

#endif
