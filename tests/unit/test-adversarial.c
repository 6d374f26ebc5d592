// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * test-adversarial - truncated and hostile netlink datagrams through the receive
 * path and the record parser, with the memory they cost asserted (getrusage
 * ru_maxrss: the receive path allocates nothing per message).  The tool-level
 * cases (100 MB line, NULs, random bytes, 10^6 serials, quoting, odd hex) are in
 * tests/tools/test-adversarial.sh.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <auditkit.h>

#include "../harness.h"
#include "../lib/fakekernel.h"

static const char event_text[] =
	"audit(1700000000.123:4242): arch=c000003e syscall=59 success=yes exit=0 "
	"a0=55d5 a1=55d6 a2=55d7 a3=0 items=2 ppid=1 pid=2 auid=1000 uid=0 gid=0 "
	"euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts0 ses=1 comm=\"ls\" "
	"exe=\"/usr/bin/ls\" key=2F746D702F1B5B324A key=\"x\"";

static long maxrss_kib(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static struct ak_nl *open_fake(struct fk *k)
{
	struct ak_nl *nl;

	CHECK_INT(fk_open_nl(k, &nl, 200), 0);
	return nl;
}

/* A datagram as kauditd sends it: header (nlmsg_len = payload only), payload, NUL. */
static size_t build_event(char *dg, size_t cap)
{
	size_t plen = sizeof(event_text); /* with the NUL */
	uint32_t nlen = (uint32_t)plen;
	uint16_t type = AUDIT_SYSCALL, flags = 0;
	uint32_t seq = 0, pid = 0;

	CHECK(16 + plen <= cap);
	memcpy(dg, &nlen, 4);
	memcpy(dg + 4, &type, 2);
	memcpy(dg + 6, &flags, 2);
	memcpy(dg + 8, &seq, 4);
	memcpy(dg + 12, &pid, 4);
	memcpy(dg + 16, event_text, plen);
	return 16 + plen;
}

/* Parse an event's payload and write it as JSON: valid shape, no raw control byte. */
static void parse_and_format(const struct ak_nl_msg *m)
{
	static struct ak_field fields[256];
	static char scratch[65536], out[65536];
	struct ak_fmt_opts o = { .scratch = scratch, .scratch_cap = sizeof(scratch) };
	struct ak_rec rec;
	struct ak_json w;
	int n = ak_rec_parse_payload(&rec, m->type, m->data, m->len, fields, 256);
	int len;

	CHECK(n >= 0 || n == -EINVAL);
	if (n < 0)
		return;
	ak_json_init(&w, out, sizeof(out));
	CHECK_INT(ak_fmt_record_json(&w, &rec, &o), 0);
	len = ak_json_finish(&w);
	CHECK(len > 2 && out[0] == '{' && out[len - 1] == '\n');
	for (int i = 0; i < len - 1; i++)
		CHECK((unsigned char)out[i] >= 0x20);
}

/* Every truncation of a real event datagram: short ones are skipped (no
 * message), the others are handed out inside the buffer and parse or fail
 * cleanly; nothing is allocated per datagram. */
static void test_truncated_events(void)
{
	static _Alignas(8) char buf[AK_NL_BUF_SIZE];
	char dg[1024];
	size_t full = build_event(dg, sizeof(dg));
	struct ak_nl_stats st;
	struct fk k;
	struct ak_nl *nl = open_fake(&k);
	unsigned got = 0, sent = 0;
	long rss0;

	/* warm up: the first pass may fault in pages */
	for (int pass = 0; pass < 2; pass++) {
		rss0 = maxrss_kib();
		for (int rep = 0; rep < 20; rep++) {
			for (size_t n = 1; n <= full; n++) {
				struct ak_nl_msg m;
				int r;

				CHECK_INT(fk_raw(&k, dg, n), 0);
				sent++;
				r = ak_nl_recv(nl, buf, sizeof(buf), &m, AK_NL_RECV_NONBLOCK);
				if (n < 16) {
					CHECK_INT(r, -EAGAIN);
					continue;
				}
				CHECK_INT(r, 1);
				got++;
				CHECK(m.raw == buf && m.raw_len == n);
				CHECK(m.data == buf + 16 && m.len <= n - 16);
				CHECK(m.flags & AK_NL_MSG_EVENT);
				CHECK(!(m.flags & AK_NL_MSG_TRUNC));
				CHECK(m.len == 0 || m.data[m.len - 1] != '\0');
				parse_and_format(&m);
			}
		}
		if (pass == 1)
			CHECK(maxrss_kib() - rss0 < 512);
	}
	CHECK_INT(ak_nl_get_stats(nl, &st), 0);
	CHECK(st.datagrams == sent);
	CHECK(st.stray == sent - got);
	CHECK(st.events == got);
	ak_nl_close(nl);
	fk_close(&k);
}

/* A whole datagram into every buffer too small for it: cut, flagged, counted. */
static void test_cut_by_buffer(void)
{
	static _Alignas(8) char buf[1024];
	char dg[1024];
	size_t full = build_event(dg, sizeof(dg));
	struct ak_nl_stats st;
	struct fk k;
	struct ak_nl *nl = open_fake(&k);
	unsigned cut = 0;

	for (size_t cap = 16; cap <= full; cap++) {
		struct ak_nl_msg m;

		CHECK_INT(fk_raw(&k, dg, full), 0);
		CHECK_INT(ak_nl_recv(nl, buf, cap, &m, AK_NL_RECV_NONBLOCK), 1);
		CHECK(m.raw_len <= cap);
		CHECK(m.data + m.len <= buf + cap);
		if (cap < full) {
			CHECK(m.flags & AK_NL_MSG_TRUNC);
			cut++;
		} else {
			CHECK(!(m.flags & AK_NL_MSG_TRUNC));
		}
		parse_and_format(&m);
	}
	CHECK_INT(ak_nl_get_stats(nl, &st), 0);
	CHECK(st.truncated == cut);
	ak_nl_close(nl);
	fk_close(&k);
}

/* A status reply cut to every length: below AK_NL_STATUS_MIN it is -EPROTO,
 * above it is accepted with the missing fields 0; an ACK cut short is -EPROTO. */
static void test_truncated_replies(void)
{
	struct audit_status full;

	memset(&full, 0xab, sizeof(full));
	for (size_t n = 0; n <= sizeof(full); n++) {
		struct audit_status st;
		struct fk k;
		struct ak_nl *nl = open_fake(&k);
		int r;

		CHECK_INT(fk_reply(&k, 1, AUDIT_GET, &full, n), 0);
		CHECK_INT(fk_ack(&k, 1, 0), 0);
		r = ak_nl_get_status(nl, &st);
		if (n < AK_NL_STATUS_MIN) {
			CHECK_INT(r, -EPROTO);
		} else {
			CHECK_INT(r, (int)n);
			CHECK(memcmp(&st, &full, n) == 0);
			for (size_t i = n; i < sizeof(st); i++)
				CHECK(((unsigned char *)&st)[i] == 0);
		}
		ak_nl_close(nl);
		fk_close(&k);
	}
	for (size_t n = 16; n < 20; n++) {
		/* NLMSG_ERROR whose error field is cut */
		char dg[20] = { 0 };
		uint32_t len = (uint32_t)n, seq = 1;
		uint16_t type = NLMSG_ERROR;
		struct audit_status st;
		struct fk k;
		struct ak_nl *nl = open_fake(&k);

		memcpy(dg, &len, 4);
		memcpy(dg + 4, &type, 2);
		memcpy(dg + 8, &seq, 4);
		CHECK_INT(fk_raw(&k, dg, n), 0);
		CHECK_INT(ak_nl_get_status(nl, &st), -EPROTO);
		ak_nl_close(nl);
		fk_close(&k);
	}
}

/* An error field that is no errno (INT_MIN, -100000) is -EPROTO, not returned. */
static void test_bogus_ack_error(void)
{
	static const int32_t bad[] = { INT32_MIN, -100000, -4096 };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct fk k;
		struct ak_nl *nl = open_fake(&k);
		int r;

		CHECK_INT(fk_ack(&k, 1, bad[i]), 0);
		r = ak_nl_set_enabled(nl, 1);
		CHECK_INT(r, -EPROTO);
		ak_nl_close(nl);
		fk_close(&k);
	}
}

/* 10^5 events through receive, parse and format: memory does not grow. */
static void test_many_events_flat_memory(void)
{
	static _Alignas(8) char buf[AK_NL_BUF_SIZE];
	char dg[1024];
	size_t full = build_event(dg, sizeof(dg));
	struct fk k;
	struct ak_nl *nl = open_fake(&k);
	long rss0 = 0;

	for (int i = 0; i < 100000; i++) {
		struct ak_nl_msg m;

		if (i == 1000)
			rss0 = maxrss_kib();
		CHECK_INT(fk_raw(&k, dg, full), 0);
		CHECK_INT(ak_nl_recv(nl, buf, sizeof(buf), &m, AK_NL_RECV_NONBLOCK), 1);
		parse_and_format(&m);
	}
	CHECK(maxrss_kib() - rss0 < 256);
	ak_nl_close(nl);
	fk_close(&k);
}

static const struct ak_test tests[] = {
	TEST(test_truncated_events),  TEST(test_cut_by_buffer),
	TEST(test_truncated_replies), TEST(test_bogus_ack_error),
	TEST(test_many_events_flat_memory),
};

AK_TEST_MAIN(tests)
