// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * The netlink client against a scripted fake kernel (tests/lib/fakekernel.c):
 * what the real kernel will not show on demand.  No root needed, except the
 * ENOBUFS test, which uses a real NETLINK_USERSOCK multicast overrun.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <auditkit.h>

#include "../harness.h"
#include "../lib/fakekernel.h"

static struct ak_nl *open_fake(struct fk *k)
{
	struct ak_nl *nl;

	CHECK_INT(fk_open_nl(k, &nl, 1000), 0);
	return nl;
}

static struct audit_status sample_status(void)
{
	struct audit_status st;

	memset(&st, 0, sizeof(st));
	st.mask = 0;
	st.enabled = 1;
	st.failure = 1;
	st.pid = 4242;
	st.rate_limit = 100;
	st.backlog_limit = 8192;
	st.lost = 7;
	st.backlog = 3;
	st.feature_bitmap = 0x7f;
	st.backlog_wait_time = 60000;
	st.backlog_wait_time_actual = 12;
	return st;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- status --------------------------------------------------------------- */

static void test_status_ok(void)
{
	struct fk k;
	struct ak_nl *nl = open_fake(&k);
	struct audit_status in = sample_status(), out;
	struct fk_req req;

	fk_ack(&k, 1, 0);
	fk_reply(&k, 1, AUDIT_GET, &in, sizeof(in));
	CHECK_INT(ak_nl_get_status(nl, &out), sizeof(in));
	CHECK(memcmp(&in, &out, sizeof(in)) == 0);
	CHECK_INT(fk_read(&k, &req), 1);
	CHECK_INT(req.h.nlmsg_type, AUDIT_GET);
	CHECK_INT(req.h.nlmsg_flags, NLM_F_REQUEST | NLM_F_ACK);
	CHECK_INT(req.h.nlmsg_seq, 1);
	CHECK_INT(req.h.nlmsg_len, 16);
	CHECK_INT(req.len, 0);
	CHECK_INT(ak_nl_pending(nl), 0);
	ak_nl_close(nl);
	fk_close(&k);
}

/* The kernel sends AUDIT_GET's reply from a kthread: it may overtake the ACK. */
static void test_status_reply_before_ack(void)
{
	struct fk k;
	struct ak_nl *nl = open_fake(&k);
	struct audit_status in = sample_status(), out;

	fk_reply(&k, 1, AUDIT_GET, &in, sizeof(in));
	fk_ack(&k, 1, 0);
	CHECK_INT(ak_nl_get_status(nl, &out), sizeof(in));
	CHECK_INT(out.backlog_wait_time_actual, 12);
	/* Nothing of that exchange is left behind for the next one. */
	fk_ack(&k, 2, 0);
	fk_reply(&k, 2, AUDIT_GET, &in, sizeof(in));
	CHECK_INT(ak_nl_get_status(nl, &out), sizeof(in));
	ak_nl_close(nl);
	fk_close(&k);
}

/* 2.6.32 sent 32 bytes (up to backlog): accepted, the rest reads 0. */
static void test_status_short(void)
{
	struct fk k;
	struct ak_nl *nl = open_fake(&k);
	struct audit_status in = sample_status(), out;

	fk_ack(&k, 1, 0);
	fk_reply(&k, 1, AUDIT_GET, &in, 32);
	memset(&out, 0xff, sizeof(out));
	CHECK_INT(ak_nl_get_status(nl, &out), 32);
	CHECK_INT(out.backlog, 3);
	CHECK_INT(out.lost, 7);
	CHECK_INT(out.feature_bitmap, 0);
	CHECK_INT(out.backlog_wait_time, 0);
	CHECK_INT(out.backlog_wait_time_actual, 0);
	/* 40 bytes (3.x, no backlog_wait_time_actual) */
	fk_ack(&k, 2, 0);
	fk_reply(&k, 2, AUDIT_GET, &in, 40);
	CHECK_INT(ak_nl_get_status(nl, &out), 40);
	CHECK_INT(out.backlog_wait_time, 60000);
	CHECK_INT(out.backlog_wait_time_actual, 0);
	/* Longer than we know: extra bytes ignored. */
	char big[64] = { 0 };
	memcpy(big, &in, sizeof(in));
	fk_ack(&k, 3, 0);
	fk_reply(&k, 3, AUDIT_GET, big, sizeof(big));
	CHECK_INT(ak_nl_get_status(nl, &out), sizeof(out));
	ak_nl_close(nl);
	fk_close(&k);
}

static void test_status_too_short(void)
{
	struct fk k;
	struct ak_nl *nl = open_fake(&k);
	struct audit_status in = sample_status(), out;

	fk_ack(&k, 1, 0);
	fk_reply(&k, 1, AUDIT_GET, &in, 28);
	CHECK_INT(ak_nl_get_status(nl, &out), -EPROTO);
	CHECK_INT(errno, EPROTO);
	ak_nl_close(nl);
	fk_close(&k);
}

static void test_nlmsg_error(void)
{
	struct fk k;
	struct ak_nl *nl = open_fake(&k);
	struct audit_status out;

	fk_ack(&k, 1, -EPERM);
	CHECK_INT(ak_nl_get_status(nl, &out), -EPERM);
	CHECK_INT(errno, EPERM);
	fk_ack(&k, 2, -ECONNREFUSED);
	CHECK_INT(ak_nl_set_rate_limit(nl, 5), -ECONNREFUSED);
	/* An NLMSG_ERROR too short to hold the error field. */
	fk_send(&k, NLMSG_ERROR, 0, 3, "\x01\x02", 2);
	CHECK_INT(ak_nl_set_rate_limit(nl, 5), -EPROTO);
	/* A reply of the wrong type for the request. */
	fk_ack(&k, 4, 0);
	fk_reply(&k, 4, AUDIT_LIST_RULES, "x", 1);
	CHECK_INT(ak_nl_get_status(nl, &out), -EPROTO);
	ak_nl_close(nl);
	fk_close(&k);
}

/* ---- setters: what goes on the wire --------------------------------------- */

static void check_set(struct fk *k, uint32_t mask, size_t off, uint32_t v)
{
	struct fk_req req;
	struct audit_status st;
	uint32_t got;

	CHECK_INT(fk_read(k, &req), 1);
	CHECK_INT(req.h.nlmsg_type, AUDIT_SET);
	CHECK_INT(req.h.nlmsg_flags, NLM_F_REQUEST | NLM_F_ACK);
	CHECK_INT(req.len, sizeof(st));
	memcpy(&st, req.data, sizeof(st));
	CHECK_INT(st.mask, mask);
	memcpy(&got, (char *)&st + off, 4);
	CHECK_INT(got, v);
}

#define CHECK_SET(k, mask, field, v) check_set(k, mask, offsetof(struct audit_status, field), v)

static void test_setters_wire(void)
{
	struct fk k;
	struct ak_nl *nl = open_fake(&k);

	for (uint32_t s = 1; s <= 10; s++)
		fk_ack(&k, s, 0);
	CHECK_INT(ak_nl_set_enabled(nl, 1), 0);
	CHECK_INT(ak_nl_set_failure(nl, AK_NL_FAIL_SILENT), 0);
	CHECK_INT(ak_nl_set_failure(nl, AK_NL_FAIL_PRINTK), 0);
	CHECK_INT(ak_nl_set_failure(nl, AK_NL_FAIL_PANIC), 0);
	CHECK_INT(ak_nl_set_rate_limit(nl, 1000), 0);
	CHECK_INT(ak_nl_set_backlog_limit(nl, 8192), 0);
	CHECK_INT(ak_nl_set_backlog_wait_time(nl, 60000), 0);
	CHECK_INT(ak_nl_set_pid(nl, 4321), 0);
	CHECK_INT(ak_nl_set_pid(nl, 0), 0);
	CHECK_INT(ak_nl_set_immutable(nl), 0); /* fake kernel only, never the real one */

	CHECK_SET(&k, AUDIT_STATUS_ENABLED, enabled, 1);
	/* go-libaudit sends 0 for all three (its constants are all 0); the kernel means 0/1/2. */
	CHECK_SET(&k, AUDIT_STATUS_FAILURE, failure, 0);
	CHECK_SET(&k, AUDIT_STATUS_FAILURE, failure, 1);
	CHECK_SET(&k, AUDIT_STATUS_FAILURE, failure, 2);
	CHECK_SET(&k, AUDIT_STATUS_RATE_LIMIT, rate_limit, 1000);
	CHECK_SET(&k, AUDIT_STATUS_BACKLOG_LIMIT, backlog_limit, 8192);
	CHECK_SET(&k, AUDIT_STATUS_BACKLOG_WAIT_TIME, backlog_wait_time, 60000);
	CHECK_SET(&k, AUDIT_STATUS_PID, pid, 4321);
	CHECK_SET(&k, AUDIT_STATUS_PID, pid, 0);
	CHECK_SET(&k, AUDIT_STATUS_ENABLED, enabled, 2);

	/* Refused without touching the wire. */
	struct fk_req req;
	CHECK_INT(ak_nl_set_enabled(nl, 2), -EINVAL);
	CHECK_INT(ak_nl_set_failure(nl, 3), -EINVAL);
	struct audit_status st = { .mask = AUDIT_STATUS_ENABLED, .enabled = 2 };
	CHECK_INT(ak_nl_set_status(nl, &st), -EINVAL);
	CHECK_INT(fk_read(&k, &req), 0);
	ak_nl_close(nl);
	fk_close(&k);
}

/* The kernel answers a lost reset with the old count in the ACK. */
static void test_reset_lost(void)
{
	struct fk k;
	struct ak_nl *nl = open_fake(&k);

	fk_ack(&k, 1, 42);
	CHECK_INT(ak_nl_reset_lost(nl), 42);
	CHECK_SET(&k, AUDIT_STATUS_LOST, lost, 0);
	ak_nl_close(nl);
	fk_close(&k);
}

static void test_multicast_no_pid(void)
{
	struct fk k;
	struct ak_nl *nl = NULL;
	struct fk_req req;

	fk_open(&k);
	CHECK_INT(ak_nl_fdopen(&nl, k.client, AK_NL_MULTICAST), 0);
	k.client = -1;
	CHECK_INT(ak_nl_set_pid(nl, 99), -EINVAL);
	CHECK_INT(fk_read(&k, &req), 0);
	CHECK_INT(ak_nl_close(nl), 0);
	CHECK_INT(fk_read(&k, &req), 0); /* nothing to release */
	fk_close(&k);
}

/* ---- events and replies ------------------------------------------------------ */

static void test_events_interleaved(void)
{
	struct fk k;
	struct ak_nl *nl = open_fake(&k);
	struct audit_status in = sample_status(), out;
	char buf[AK_NL_BUF_SIZE] __attribute__((aligned(8)));
	struct ak_nl_msg m;

	fk_event(&k, AUDIT_SYSCALL, "audit(1.000:1): a=1");
	fk_ack(&k, 1, 0);
	fk_event(&k, AUDIT_PATH, "audit(1.000:1): a=2");
	fk_reply(&k, 1, AUDIT_GET, &in, sizeof(in));
	fk_event(&k, AUDIT_EOE, "audit(1.000:1): ");
	CHECK_INT(ak_nl_get_status(nl, &out), sizeof(in));
	CHECK_INT(ak_nl_pending(nl), 2);

	CHECK_INT(ak_nl_recv(nl, buf, sizeof(buf), &m, AK_NL_RECV_NONBLOCK), 1);
	CHECK_INT(m.type, AUDIT_SYSCALL);
	CHECK_INT(m.seq, 0);
	CHECK_INT(m.flags, AK_NL_MSG_EVENT);
	CHECK_MEM(m.data, m.len, "audit(1.000:1): a=1");
	CHECK_INT(m.raw_len, 16 + m.len);
	CHECK(m.raw == (void *)buf);
	CHECK_INT(ak_nl_recv(nl, buf, sizeof(buf), &m, AK_NL_RECV_NONBLOCK), 1);
	CHECK_INT(m.type, AUDIT_PATH);
	CHECK_MEM(m.data, m.len, "audit(1.000:1): a=2");
	CHECK_INT(ak_nl_pending(nl), 0);
	CHECK_INT(ak_nl_recv(nl, buf, sizeof(buf), &m, AK_NL_RECV_NONBLOCK), 1);
	CHECK_INT(m.type, AUDIT_EOE);
	CHECK_MEM(m.data, m.len, "audit(1.000:1): ");
	CHECK_INT(ak_nl_recv(nl, buf, sizeof(buf), &m, AK_NL_RECV_NONBLOCK), -EAGAIN);

	struct ak_nl_stats st;
	ak_nl_get_stats(nl, &st);
	CHECK_INT(st.events, 3);
	CHECK_INT(st.datagrams, 5);
	CHECK_INT(st.queue_dropped, 0);
	ak_nl_close(nl);
	fk_close(&k);
}

/* A late ACK (of a request nobody waits for) is stray; AK_NL_RECV_EVENTS skips it. */
static void test_stray_replies(void)
{
	struct fk k;
	struct ak_nl *nl = open_fake(&k);
	char buf[AK_NL_BUF_SIZE] __attribute__((aligned(8)));
	struct ak_nl_msg m;
	struct ak_nl_stats st;

	fk_ack(&k, 77, 0);           /* matches nothing: discarded while waiting */
	fk_ack(&k, 1, 0);
	CHECK_INT(ak_nl_set_backlog_limit(nl, 10), 0);
	fk_ack(&k, 99, 0);
	fk_event(&k, AUDIT_SYSCALL, "audit(1.000:2): x=1");
	CHECK_INT(ak_nl_recv(nl, buf, sizeof(buf), &m, AK_NL_RECV_EVENTS), 1);
	CHECK_INT(m.type, AUDIT_SYSCALL);
	fk_ack(&k, 98, 0);
	CHECK_INT(ak_nl_recv(nl, buf, sizeof(buf), &m, 0), 1); /* without the flag: handed out */
	CHECK_INT(m.type, NLMSG_ERROR);
	CHECK_INT(m.seq, 98);
	CHECK_INT(m.flags, 0);
	ak_nl_get_stats(nl, &st);
	CHECK_INT(st.stray, 2);
	ak_nl_close(nl);
	fk_close(&k);
}

static void test_send_and_wait_ack(void)
{
	struct fk k;
	struct ak_nl *nl = open_fake(&k);
	struct fk_req req;
	int seq1, seq2;

	seq1 = ak_nl_send(nl, AUDIT_TRIM, NLM_F_ACK, NULL, 0);
	seq2 = ak_nl_send(nl, AUDIT_USER, NLM_F_ACK, "hi", 3);
	CHECK_INT(seq1, 1);
	CHECK_INT(seq2, 2);
	fk_event(&k, AUDIT_SYSCALL, "audit(1.000:3): e");
	fk_ack(&k, 1, 0);
	fk_ack(&k, 2, -EINVAL);
	CHECK_INT(ak_nl_wait_ack(nl, 1), 0);
	CHECK_INT(ak_nl_wait_ack(nl, 2), -EINVAL);
	CHECK_INT(ak_nl_pending(nl), 1);
	CHECK_INT(fk_read(&k, &req), 1);
	CHECK_INT(fk_read(&k, &req), 1);
	CHECK_INT(req.h.nlmsg_type, AUDIT_USER);
	CHECK_INT(req.h.nlmsg_len, 19);
	ak_nl_close(nl);
	fk_close(&k);
}

static void test_timeout(void)
{
	struct fk k;
	struct ak_nl *nl = open_fake(&k);
	struct audit_status out;
	double t0;

	ak_nl_set_timeout(nl, 150);
	t0 = now_s();
	fk_ack(&k, 1, 0); /* ACK but no reply */
	CHECK_INT(ak_nl_get_status(nl, &out), -ETIMEDOUT);
	CHECK(now_s() - t0 >= 0.14);
	CHECK(now_s() - t0 < 1.0);
	ak_nl_close(nl);
	fk_close(&k);
}

/* A datagram larger than the caller's buffer: cut, flagged, counted; the next is whole. */
static void test_truncated_datagram(void)
{
	struct fk k;
	struct ak_nl *nl = open_fake(&k);
	char small[40] __attribute__((aligned(8)));
	char big[200];
	struct ak_nl_msg m;
	struct ak_nl_stats st;

	memset(big, 'A', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	fk_event(&k, AUDIT_SYSCALL, big);
	fk_event(&k, AUDIT_EOE, "audit(1.0:1): ");
	CHECK_INT(ak_nl_recv(nl, small, sizeof(small), &m, AK_NL_RECV_NONBLOCK), 1);
	CHECK(m.flags & AK_NL_MSG_TRUNC);
	CHECK_INT(m.raw_len, sizeof(small));
	CHECK_INT(m.len, sizeof(small) - 16);
	CHECK_INT(ak_nl_recv(nl, small, sizeof(small), &m, AK_NL_RECV_NONBLOCK), 1);
	CHECK_INT(m.flags, AK_NL_MSG_EVENT);
	CHECK_MEM(m.data, m.len, "audit(1.0:1): ");
	ak_nl_get_stats(nl, &st);
	CHECK_INT(st.truncated, 1);
	/* Too small to hold even a header: refused. */
	CHECK_INT(ak_nl_recv(nl, small, 8, &m, AK_NL_RECV_NONBLOCK), -ERANGE);
	ak_nl_close(nl);
	fk_close(&k);
}

/* Garbage shorter than a header is skipped (counted), not handed out. */
static void test_runt_datagram(void)
{
	struct fk k;
	struct ak_nl *nl = open_fake(&k);
	char buf[AK_NL_BUF_SIZE] __attribute__((aligned(8)));
	struct ak_nl_msg m;
	struct ak_nl_stats st;

	fk_raw(&k, "\x01\x02\x03", 3);
	fk_event(&k, AUDIT_EOE, "audit(1.0:9): ");
	CHECK_INT(ak_nl_recv(nl, buf, sizeof(buf), &m, AK_NL_RECV_NONBLOCK), 1);
	CHECK_INT(m.type, AUDIT_EOE);
	ak_nl_get_stats(nl, &st);
	CHECK_INT(st.stray, 1);
	ak_nl_close(nl);
	fk_close(&k);
}

/* Events end with NULs on some kernels; not counted in len. */
static void test_event_trailing_nul(void)
{
	struct fk k;
	struct ak_nl *nl = open_fake(&k);
	char buf[AK_NL_BUF_SIZE] __attribute__((aligned(8)));
	struct ak_nl_msg m;
	struct {
		struct nlmsghdr h;
		char t[12];
	} d = { { 12, AUDIT_SYSCALL, 0, 0, 0 }, "audit(1):\0\0" };

	fk_raw(&k, &d, sizeof(d));
	CHECK_INT(ak_nl_recv(nl, buf, sizeof(buf), &m, AK_NL_RECV_NONBLOCK), 1);
	CHECK_MEM(m.data, m.len, "audit(1):");
	ak_nl_close(nl);
	fk_close(&k);
}

/* A small queue overflows: drops are counted and flagged on the next event. */
static void test_queue_overflow(void)
{
	struct fk k;
	struct ak_nl *nl = open_fake(&k);
	struct audit_status in = sample_status(), out;
	char buf[AK_NL_BUF_SIZE] __attribute__((aligned(8)));
	struct ak_nl_msg m;
	struct ak_nl_stats st;

	CHECK_INT(ak_nl_set_queue_size(nl, 100), 0); /* room for one 60-byte event */
	fk_event(&k, AUDIT_SYSCALL, "audit(1.000:1): n=1 xxxxxxxx");
	fk_event(&k, AUDIT_SYSCALL, "audit(1.000:2): n=2 xxxxxxxx");
	fk_event(&k, AUDIT_SYSCALL, "audit(1.000:3): n=3 xxxxxxxx");
	fk_ack(&k, 1, 0);
	fk_reply(&k, 1, AUDIT_GET, &in, sizeof(in));
	fk_event(&k, AUDIT_SYSCALL, "audit(1.000:4): n=4 xxxxxxxx");
	CHECK_INT(ak_nl_get_status(nl, &out), sizeof(in));
	ak_nl_get_stats(nl, &st);
	CHECK_INT(st.queue_dropped, 2);
	CHECK_INT(ak_nl_recv(nl, buf, sizeof(buf), &m, AK_NL_RECV_NONBLOCK), 1);
	CHECK_MEM(m.data, m.len, "audit(1.000:1): n=1 xxxxxxxx");
	CHECK_INT(m.flags, AK_NL_MSG_EVENT);
	CHECK_INT(ak_nl_recv(nl, buf, sizeof(buf), &m, AK_NL_RECV_NONBLOCK), 1);
	CHECK_MEM(m.data, m.len, "audit(1.000:4): n=4 xxxxxxxx");
	CHECK_INT(m.flags, AK_NL_MSG_EVENT | AK_NL_MSG_LOSS);
	ak_nl_close(nl);
	fk_close(&k);
}

struct tap_count {
	int n;
	size_t bytes;
};

static void count_tap(const void *d, size_t len, void *data)
{
	struct tap_count *t = data;

	(void)d;
	t->n++;
	t->bytes += len;
}

static void test_tap_sees_everything(void)
{
	struct fk k;
	struct ak_nl *nl = open_fake(&k);
	struct tap_count t = { 0, 0 };
	struct audit_status in = sample_status(), out;

	ak_nl_set_tap(nl, count_tap, &t);
	fk_event(&k, AUDIT_SYSCALL, "audit(1.000:1): a");
	fk_ack(&k, 1, 0);
	fk_reply(&k, 1, AUDIT_GET, &in, sizeof(in));
	CHECK_INT(ak_nl_get_status(nl, &out), sizeof(in));
	CHECK_INT(t.n, 3);
	CHECK_INT(t.bytes, (16 + 17) + (16 + sizeof(struct nlmsgerr)) + (16 + sizeof(in)));
	ak_nl_close(nl);
	fk_close(&k);
}

static void test_peer_gone(void)
{
	struct fk k;
	struct ak_nl *nl = open_fake(&k);
	char buf[AK_NL_BUF_SIZE] __attribute__((aligned(8)));
	struct ak_nl_msg m;

	close(k.kernel);
	k.kernel = -1;
	CHECK_INT(ak_nl_recv(nl, buf, sizeof(buf), &m, 0), -ECONNRESET);
	ak_nl_close(nl);
	fk_close(&k);
}

/* Batches: queued events first (alone), then many per call; filters and cuts as ak_nl_recv. */
static void test_recv_many(void)
{
	struct fk k;
	struct ak_nl *nl = open_fake(&k);
	struct audit_status in = sample_status(), out;
	static char buf[4 * AK_NL_SLOT_SIZE] __attribute__((aligned(8)));
	struct ak_nl_msg m[4];
	char big[300];

	fk_event(&k, AUDIT_SYSCALL, "audit(1.0:1): q1");
	fk_ack(&k, 1, 0);
	fk_reply(&k, 1, AUDIT_GET, &in, sizeof(in));
	CHECK_INT(ak_nl_get_status(nl, &out), sizeof(in));
	fk_event(&k, AUDIT_SYSCALL, "audit(1.0:2): s1");
	fk_ack(&k, 55, 0); /* stray: skipped with AK_NL_RECV_EVENTS */
	fk_event(&k, AUDIT_PATH, "audit(1.0:2): s2");
	fk_event(&k, AUDIT_EOE, "audit(1.0:2): ");
	fk_event(&k, AUDIT_SYSCALL, "audit(1.0:3): s4");
	fk_event(&k, AUDIT_SYSCALL, "audit(1.0:4): s5");

	CHECK_INT(ak_nl_recv_many(nl, buf, sizeof(buf), m, 4, AK_NL_RECV_EVENTS), 1);
	CHECK_MEM(m[0].data, m[0].len, "audit(1.0:1): q1");
	CHECK_INT(ak_nl_recv_many(nl, buf, sizeof(buf), m, 4, AK_NL_RECV_EVENTS), 3);
	CHECK_MEM(m[0].data, m[0].len, "audit(1.0:2): s1");
	CHECK_MEM(m[1].data, m[1].len, "audit(1.0:2): s2");
	CHECK_MEM(m[2].data, m[2].len, "audit(1.0:2): ");
	CHECK(m[1].raw == buf + 2 * AK_NL_SLOT_SIZE); /* the stray used slot 1 */
	CHECK_INT(ak_nl_recv_many(nl, buf, sizeof(buf), m, 4, AK_NL_RECV_NONBLOCK), 2);
	CHECK_MEM(m[1].data, m[1].len, "audit(1.0:4): s5");
	CHECK_INT(ak_nl_recv_many(nl, buf, sizeof(buf), m, 4, AK_NL_RECV_NONBLOCK), -EAGAIN);
	/* Small slots cut, flag and count. */
	memset(big, 'B', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	fk_event(&k, AUDIT_SYSCALL, big);
	CHECK_INT(ak_nl_recv_many(nl, buf, 4 * 64, m, 4, AK_NL_RECV_NONBLOCK), 1);
	CHECK(m[0].flags & AK_NL_MSG_TRUNC);
	CHECK_INT(m[0].raw_len, 64);
	CHECK_INT(ak_nl_recv_many(nl, buf, 40, m, 4, 0), -ERANGE);
	struct ak_nl_stats st;
	ak_nl_get_stats(nl, &st);
	CHECK_INT(st.events, 7);
	CHECK_INT(st.stray, 1);
	CHECK_INT(st.truncated, 1);
	ak_nl_close(nl);
	fk_close(&k);
}

/* ---- features, watches, user messages, signal info --------------------------- */

static void test_features(void)
{
	struct fk k;
	struct ak_nl *nl = open_fake(&k);
	struct audit_features in = { 1, 3, 2, 0 }, out;
	struct fk_req req;

	fk_reply(&k, 1, AUDIT_GET_FEATURE, &in, sizeof(in));
	fk_ack(&k, 1, 0);
	CHECK_INT(ak_nl_get_features(nl, &out), 0);
	CHECK(memcmp(&in, &out, sizeof(in)) == 0);
	fk_ack(&k, 2, 0);
	CHECK_INT(ak_nl_set_feature(nl, AUDIT_FEATURE_LOGINUID_IMMUTABLE, 1, 0), 0);
	fk_ack(&k, 3, -EPERM);
	CHECK_INT(ak_nl_set_feature(nl, AUDIT_FEATURE_LOGINUID_IMMUTABLE, 0, 1), -EPERM);
	CHECK_INT(ak_nl_set_feature(nl, 7, 1, 0), -EINVAL);
	CHECK_INT(fk_read(&k, &req), 1);
	CHECK_INT(fk_read(&k, &req), 1);
	CHECK_INT(req.h.nlmsg_type, AUDIT_SET_FEATURE);
	memcpy(&out, req.data, sizeof(out));
	CHECK_INT(out.vers, AUDIT_FEATURE_VERSION);
	CHECK_INT(out.mask, 2);
	CHECK_INT(out.features, 2);
	CHECK_INT(out.lock, 0);
	CHECK_INT(fk_read(&k, &req), 1);
	memcpy(&out, req.data, sizeof(out));
	CHECK_INT(out.features, 0);
	CHECK_INT(out.lock, 2);
	ak_nl_close(nl);
	fk_close(&k);
}

static void test_trim_equiv(void)
{
	struct fk k;
	struct ak_nl *nl = open_fake(&k);
	struct fk_req req;
	uint32_t sizes[2];

	fk_ack(&k, 1, 0);
	fk_ack(&k, 2, 0);
	CHECK_INT(ak_nl_trim(nl), 0);
	CHECK_INT(ak_nl_make_equiv(nl, "/mnt", "/srv/data"), 0);
	CHECK_INT(ak_nl_make_equiv(nl, "", "/x"), -EINVAL);
	CHECK_INT(fk_read(&k, &req), 1);
	CHECK_INT(req.h.nlmsg_type, AUDIT_TRIM);
	CHECK_INT(req.len, 0);
	CHECK_INT(fk_read(&k, &req), 1);
	CHECK_INT(req.h.nlmsg_type, AUDIT_MAKE_EQUIV);
	CHECK_INT(req.len, 8 + 4 + 9);
	memcpy(sizes, req.data, 8);
	CHECK_INT(sizes[0], 4);
	CHECK_INT(sizes[1], 9);
	CHECK_MEM((char *)req.data + 8, 13, "/mnt/srv/data");
	ak_nl_close(nl);
	fk_close(&k);
}

static void test_user_message(void)
{
	struct fk k;
	struct ak_nl *nl = open_fake(&k);
	struct fk_req req;
	static char huge[AUDIT_MESSAGE_TEXT_MAX + 1];

	fk_ack(&k, 1, 0);
	CHECK_INT(ak_nl_send_user(nl, AUDIT_USER_AVC, "hello", 5), 0);
	CHECK_INT(ak_nl_send_user(nl, AUDIT_SYSCALL, "x", 1), -EINVAL);
	CHECK_INT(ak_nl_send_user(nl, AUDIT_GET, "x", 1), -EINVAL);
	CHECK_INT(ak_nl_send_user(nl, AUDIT_USER, huge, sizeof(huge)), -ERANGE);
	CHECK_INT(fk_read(&k, &req), 1);
	CHECK_INT(req.h.nlmsg_type, AUDIT_USER_AVC);
	CHECK_INT(req.h.nlmsg_flags, NLM_F_REQUEST | NLM_F_ACK);
	CHECK_INT(req.len, 6);
	CHECK(memcmp(req.data, "hello", 6) == 0);
	CHECK_INT(fk_read(&k, &req), 0);
	ak_nl_close(nl);
	fk_close(&k);
}

static void test_signal_info(void)
{
	struct fk k;
	struct ak_nl *nl = open_fake(&k);
	struct ak_nl_sig_info si;
	char reply[8 + 12];
	uint32_t uid = 1000;
	int32_t pid = 555;

	memcpy(reply, &uid, 4);
	memcpy(reply + 4, &pid, 4);
	memcpy(reply + 8, "unconfined\0\0", 12);
	fk_ack(&k, 1, 0);
	fk_reply(&k, 1, AUDIT_SIGNAL_INFO, reply, sizeof(reply));
	CHECK_INT(ak_nl_signal_info(nl, &si), 0);
	CHECK_INT(si.uid, 1000);
	CHECK_INT(si.pid, 555);
	CHECK_STR(si.ctx, "unconfined");
	ak_nl_close(nl);
	fk_close(&k);
}

/* ---- rules ------------------------------------------------------------------- */

static size_t make_rule(char *buf, const char *key)
{
	struct audit_rule_data r;
	size_t kl = strlen(key);

	memset(&r, 0, sizeof(r));
	r.flags = AUDIT_FILTER_EXIT;
	r.action = AUDIT_ALWAYS;
	r.field_count = 1;
	r.fields[0] = AUDIT_FILTERKEY;
	r.fieldflags[0] = AUDIT_EQUAL;
	r.values[0] = (uint32_t)kl;
	r.buflen = (uint32_t)kl;
	r.mask[0] = 1u << 2;
	memcpy(buf, &r, sizeof(r));
	memcpy(buf + sizeof(r), key, kl);
	return sizeof(r) + kl;
}

struct seen {
	int n;
	char keys[4][32];
};

static int on_rule(const struct audit_rule_data *r, size_t len, void *data)
{
	struct seen *s = data;

	CHECK_INT(len, sizeof(*r) + r->buflen);
	if (s->n < 4)
		snprintf(s->keys[s->n], sizeof(s->keys[0]), "%.*s", (int)r->buflen, r->buf);
	s->n++;
	return AK_CB_OK;
}

static int stop_first(const struct audit_rule_data *r, size_t len, void *data)
{
	(void)r;
	(void)len;
	(*(int *)data)++;
	return AK_CB_STOP;
}

static int fail_cb(const struct audit_rule_data *r, size_t len, void *data)
{
	(void)r;
	(void)len;
	(void)data;
	return -ENOSPC;
}

static void test_rules_list(void)
{
	struct fk k;
	struct ak_nl *nl = open_fake(&k);
	char buf[AK_NL_BUF_SIZE] __attribute__((aligned(8)));
	char r1[2048] __attribute__((aligned(8))), r2[2048] __attribute__((aligned(8)));
	size_t l1 = make_rule(r1, "first"), l2 = make_rule(r2, "second-key");
	struct seen s = { 0 };
	int stops = 0;

	for (uint32_t seq = 1; seq <= 3; seq++) {
		fk_ack(&k, seq, 0);
		fk_reply(&k, seq, AUDIT_LIST_RULES, r1, l1);
		fk_event(&k, AUDIT_SYSCALL, "audit(1.0:5): between");
		fk_reply(&k, seq, AUDIT_LIST_RULES, r2, l2);
		fk_send(&k, NLMSG_DONE, NLM_F_MULTI, seq, NULL, 0);
	}
	CHECK_INT(ak_nl_list_rules(nl, buf, sizeof(buf), on_rule, &s), 2);
	CHECK_INT(s.n, 2);
	CHECK_STR(s.keys[0], "first");
	CHECK_STR(s.keys[1], "second-key");
	/* Stop after the first: the rest of the listing is consumed, not left behind. */
	CHECK_INT(ak_nl_list_rules(nl, buf, sizeof(buf), stop_first, &stops), 1);
	CHECK_INT(stops, 1);
	CHECK_INT(ak_nl_list_rules(nl, buf, sizeof(buf), fail_cb, NULL), -ENOSPC);
	CHECK_INT(ak_nl_pending(nl), 3);
	/* Empty list. */
	fk_send(&k, NLMSG_DONE, NLM_F_MULTI, 4, NULL, 0);
	fk_ack(&k, 4, 0);
	s.n = 0;
	CHECK_INT(ak_nl_list_rules(nl, buf, sizeof(buf), on_rule, &s), 0);
	CHECK_INT(s.n, 0);
	/* A rule blob whose buflen exceeds its datagram. */
	make_rule(r1, "abcdef");
	fk_ack(&k, 5, 0);
	fk_reply(&k, 5, AUDIT_LIST_RULES, r1, sizeof(struct audit_rule_data) + 2);
	fk_send(&k, NLMSG_DONE, NLM_F_MULTI, 5, NULL, 0);
	CHECK_INT(ak_nl_list_rules(nl, buf, sizeof(buf), on_rule, &s), -EPROTO);
	ak_nl_close(nl);
	fk_close(&k);
}

static void test_rules_add_del(void)
{
	struct fk k;
	struct ak_nl *nl = open_fake(&k);
	char r[2048] __attribute__((aligned(8)));
	size_t l = make_rule(r, "k1");
	const struct audit_rule_data *rd = (const void *)r;
	struct fk_req req;

	fk_ack(&k, 1, 0);
	fk_ack(&k, 2, -EEXIST);
	fk_ack(&k, 3, 0);
	fk_ack(&k, 4, -ENOENT); /* go-libaudit ignores this answer; we do not */
	CHECK_INT(ak_nl_add_rule(nl, rd, l), 0);
	CHECK_INT(ak_nl_add_rule(nl, rd, l), -EEXIST);
	CHECK_INT(ak_nl_del_rule(nl, rd, l), 0);
	CHECK_INT(ak_nl_del_rule(nl, rd, l), -ENOENT);
	CHECK_INT(ak_nl_add_rule(nl, rd, l - 1), -EINVAL);
	CHECK_INT(ak_nl_add_rule(nl, rd, 100), -EINVAL);
	CHECK_INT(fk_read(&k, &req), 1);
	CHECK_INT(req.h.nlmsg_type, AUDIT_ADD_RULE);
	CHECK_INT(req.len, l);
	CHECK(memcmp(req.data, r, l) == 0);
	CHECK_INT(fk_read(&k, &req), 1);
	CHECK_INT(fk_read(&k, &req), 1);
	CHECK_INT(req.h.nlmsg_type, AUDIT_DEL_RULE);
	ak_nl_close(nl);
	fk_close(&k);
}

static void test_rules_del_all(void)
{
	struct fk k;
	struct ak_nl *nl = open_fake(&k);
	char buf[AK_NL_BUF_SIZE] __attribute__((aligned(8)));
	char r1[2048] __attribute__((aligned(8))), r2[2048] __attribute__((aligned(8)));
	size_t l1 = make_rule(r1, "a"), l2 = make_rule(r2, "b");
	struct fk_req req;

	/* list (a, b) -> del a -> list (b) -> del b -> list () */
	fk_ack(&k, 1, 0);
	fk_reply(&k, 1, AUDIT_LIST_RULES, r1, l1);
	fk_reply(&k, 1, AUDIT_LIST_RULES, r2, l2);
	fk_send(&k, NLMSG_DONE, 0, 1, NULL, 0);
	fk_ack(&k, 2, 0);
	fk_ack(&k, 3, 0);
	fk_reply(&k, 3, AUDIT_LIST_RULES, r2, l2);
	fk_send(&k, NLMSG_DONE, 0, 3, NULL, 0);
	fk_ack(&k, 4, 0);
	fk_ack(&k, 5, 0);
	fk_send(&k, NLMSG_DONE, 0, 5, NULL, 0);
	CHECK_INT(ak_nl_del_all_rules(nl, buf, sizeof(buf)), 2);
	CHECK_INT(fk_read(&k, &req), 1);
	CHECK_INT(fk_read(&k, &req), 1);
	CHECK_INT(req.h.nlmsg_type, AUDIT_DEL_RULE);
	CHECK(memcmp(req.data, r1, l1) == 0);
	CHECK_INT(fk_read(&k, &req), 1);
	CHECK_INT(fk_read(&k, &req), 1);
	CHECK_INT(req.h.nlmsg_type, AUDIT_DEL_RULE);
	CHECK(memcmp(req.data, r2, l2) == 0);
	ak_nl_close(nl);
	fk_close(&k);
}

/* ---- close -------------------------------------------------------------------- */

static void check_release(const struct fk_req *req)
{
	struct audit_status st;

	CHECK_INT(req->h.nlmsg_type, AUDIT_SET);
	CHECK_INT(req->h.nlmsg_flags, NLM_F_REQUEST); /* no ACK asked: nothing to wait for */
	memcpy(&st, req->data, sizeof(st));
	CHECK_INT(st.mask, AUDIT_STATUS_PID);
	CHECK_INT(st.pid, 0);
}

static void test_close_releases_pid(void)
{
	struct fk k;
	struct ak_nl *nl = open_fake(&k);
	struct fk_req req;

	fk_ack(&k, 1, 0);
	CHECK_INT(ak_nl_set_pid(nl, 1234), 0);
	CHECK_INT(ak_nl_close(nl), 0);
	CHECK_INT(fk_read(&k, &req), 1);
	CHECK_INT(fk_read(&k, &req), 1);
	check_release(&req);
	CHECK_INT(fk_read(&k, &req), 0);
	fk_close(&k);
}

/* A PID released by hand is not released again at close; a failed set still is. */
static void test_close_after_release(void)
{
	struct fk k;
	struct ak_nl *nl = open_fake(&k);
	struct fk_req req;

	fk_ack(&k, 1, 0);
	fk_ack(&k, 2, 0);
	CHECK_INT(ak_nl_set_pid(nl, 1234), 0);
	CHECK_INT(ak_nl_set_pid(nl, 0), 0);
	CHECK_INT(ak_nl_close(nl), 0);
	CHECK_INT(fk_read(&k, &req), 1);
	CHECK_INT(fk_read(&k, &req), 1);
	CHECK_INT(fk_read(&k, &req), 0);
	fk_close(&k);

	nl = open_fake(&k);
	ak_nl_set_timeout(nl, 50);
	CHECK_INT(ak_nl_set_pid(nl, 1234), -ETIMEDOUT); /* reply lost: still released at close */
	CHECK_INT(ak_nl_close(nl), 0);
	CHECK_INT(fk_read(&k, &req), 1);
	CHECK_INT(fk_read(&k, &req), 1);
	check_release(&req);
	fk_close(&k);

	/* Refused (another daemon holds it): nothing of ours to release. */
	nl = open_fake(&k);
	fk_ack(&k, 1, -EEXIST);
	CHECK_INT(ak_nl_set_pid(nl, 1234), -EEXIST);
	CHECK_INT(ak_nl_close(nl), 0);
	CHECK_INT(fk_read(&k, &req), 1);
	CHECK_INT(fk_read(&k, &req), 0);
	fk_close(&k);
}

/* Make the client's sends block: fill what the peer has not read yet. */
static int fill_client_tx(int client)
{
	int small = 4096, n = 0;
	char junk[512];

	memset(junk, 0, sizeof(junk));
	setsockopt(client, SOL_SOCKET, SO_SNDBUF, &small, sizeof(small));
	while (send(client, junk, sizeof(junk), MSG_DONTWAIT | MSG_NOSIGNAL) > 0)
		n++;
	return n;
}

/*
 * go-libaudit's deadlock: the "kernel" is blocked sending us events (our
 * queue is full) and reads nothing until that send completes, while our
 * release cannot be sent.  Close must drain, retry, and get the release out.
 */
/*
 * The forked fake kernel below exits with the parent's handle still
 * allocated (it must not close the parent's socket).  A static pointer
 * keeps the handle reachable, so valgrind's leak check in the child does not
 * depend on whether the compiler left it in a register; volatile, so the
 * store is not dropped as dead.
 */
static struct ak_nl *volatile inherited_handle;

static void test_close_congested(void)
{
	struct fk k;
	struct ak_nl *nl = open_fake(&k);
	pid_t child;
	int status = -1;
	double t0;

	fk_ack(&k, 1, 0);
	CHECK_INT(ak_nl_set_pid(nl, 1234), 0);
	CHECK(fill_client_tx(ak_nl_fd(nl)) > 0);
	CHECK(fk_flood(&k, AUDIT_SYSCALL, "audit(1.000:1): flood") > 0);

	inherited_handle = nl;
	child = fork();
	if (child == 0) {
		struct fk_req req;
		struct pollfd p = { .fd = k.kernel, .events = POLLIN };

		alarm(10);
		/* Blocks until the client drains its receive queue. */
		if (fk_event(&k, AUDIT_SYSCALL, "audit(1.000:2): blocked send") < 0)
			_exit(3);
		for (;;) {
			if (poll(&p, 1, 5000) <= 0)
				_exit(4);
			int r = fk_read(&k, &req);

			if (r < 0)
				_exit(5);
			if (r == 1 && req.h.nlmsg_type == AUDIT_SET && req.len >= 16) {
				struct audit_status st;

				memcpy(&st, req.data, sizeof(st));
				if (st.pid == 1234)
					continue; /* the registration, still unread */
				_exit(st.mask == AUDIT_STATUS_PID && st.pid == 0 ? 0 : 6);
			}
		}
	}
	t0 = now_s();
	CHECK_INT(ak_nl_close(nl), 0);
	inherited_handle = NULL;
	CHECK(now_s() - t0 < 3.0);
	waitpid(child, &status, 0);
	CHECK(WIFEXITED(status));
	CHECK_INT(WEXITSTATUS(status), 0);
	fk_close(&k);
}

/* A peer that never reads: close gives up in bounded time instead of hanging. */
static void test_close_never_drained(void)
{
	struct fk k;
	struct ak_nl *nl = open_fake(&k);
	double t0, dt;
	int r;

	fk_ack(&k, 1, 0);
	CHECK_INT(ak_nl_set_pid(nl, 1234), 0);
	CHECK(fill_client_tx(ak_nl_fd(nl)) > 0);
	t0 = now_s();
	r = ak_nl_close(nl);
	dt = now_s() - t0;
	CHECK_INT(r, -EAGAIN);
	CHECK(dt < 3.0);
	fk_close(&k);
}

/* ---- ENOBUFS: a real netlink overrun (NETLINK_USERSOCK multicast) ----------- */

static void test_enobufs_counted(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK, .nl_groups = 1 };
	struct sockaddr_nl dst = { .nl_family = AF_NETLINK, .nl_groups = 1 };
	int rx = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_USERSOCK);
	int tx = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_USERSOCK);
	int small = 1, sent = 0, got = 0, losses = 0;
	struct ak_nl *nl = NULL;
	char buf[AK_NL_BUF_SIZE] __attribute__((aligned(8)));
	struct ak_nl_msg m;
	struct ak_nl_stats st;

	if (rx < 0 || tx < 0 || bind(rx, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		SKIP("no NETLINK_USERSOCK multicast here (needs root)");
		if (rx >= 0)
			close(rx);
		if (tx >= 0)
			close(tx);
		return;
	}
	CHECK_INT(ak_nl_fdopen(&nl, rx, 0), 0);
	CHECK(ak_nl_set_rcvbuf(nl, small) > 0); /* the kernel's minimum */
	for (int i = 0; i < 200; i++) {
		struct {
			struct nlmsghdr h;
			char t[200];
		} d;

		memset(&d, 'x', sizeof(d));
		d.h = (struct nlmsghdr){ sizeof(d), AUDIT_SYSCALL, 0, 0, 0 };
		/* The multicast copy goes out; the unicast to the absent port 0 fails. */
		if (sendto(tx, &d, sizeof(d), 0, (struct sockaddr *)&dst, sizeof(dst)) == sizeof(d) ||
		    errno == ECONNREFUSED)
			sent++;
	}
	CHECK_INT(sent, 200);
	while (ak_nl_recv(nl, buf, sizeof(buf), &m, AK_NL_RECV_NONBLOCK) == 1) {
		got++;
		if (m.flags & AK_NL_MSG_LOSS)
			losses++;
	}
	ak_nl_get_stats(nl, &st);
	CHECK(got > 0);
	CHECK(got < sent);
	CHECK_INT(st.enobufs, 1);
	CHECK_INT(losses, 1);
	CHECK_INT(st.socket_drops, (uint64_t)(sent - got));
	/* Reception goes on after the overrun. */
	struct {
		struct nlmsghdr h;
		char t[8];
	} d2 = { { sizeof(d2), AUDIT_EOE, 0, 0, 0 }, "after" };
	sendto(tx, &d2, sizeof(d2), 0, (struct sockaddr *)&dst, sizeof(dst));
	CHECK_INT(ak_nl_recv(nl, buf, sizeof(buf), &m, AK_NL_RECV_NONBLOCK), 1);
	CHECK_INT(m.type, AUDIT_EOE);
	ak_nl_close(nl);
	close(tx);
}

static void test_close_null(void)
{
	CHECK_INT(ak_nl_close(NULL), 0);
	struct ak_nl *nl = (struct ak_nl *)1;
	CHECK_INT(ak_nl_fdopen(&nl, -1, 0), -EBADF);
	CHECK(nl == NULL);
}

static const struct ak_test tests[] = {
	TEST(test_status_ok),
	TEST(test_status_reply_before_ack),
	TEST(test_status_short),
	TEST(test_status_too_short),
	TEST(test_nlmsg_error),
	TEST(test_setters_wire),
	TEST(test_reset_lost),
	TEST(test_multicast_no_pid),
	TEST(test_events_interleaved),
	TEST(test_stray_replies),
	TEST(test_send_and_wait_ack),
	TEST(test_timeout),
	TEST(test_truncated_datagram),
	TEST(test_runt_datagram),
	TEST(test_event_trailing_nul),
	TEST(test_queue_overflow),
	TEST(test_tap_sees_everything),
	TEST(test_peer_gone),
	TEST(test_recv_many),
	TEST(test_features),
	TEST(test_trim_equiv),
	TEST(test_user_message),
	TEST(test_signal_info),
	TEST(test_rules_list),
	TEST(test_rules_add_del),
	TEST(test_rules_del_all),
	TEST(test_close_releases_pid),
	TEST(test_close_after_release),
	TEST(test_close_congested),
	TEST(test_close_never_drained),
	TEST(test_enobufs_counted),
	TEST(test_close_null),
};

AK_TEST_MAIN(tests)
