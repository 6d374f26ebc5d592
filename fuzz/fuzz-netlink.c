// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * fuzz-netlink - netlink datagrams through the receive path: ak_nl_recv,
 * ak_nl_recv_many, the event queue, the request engine (ACK and reply matching)
 * and the reply parsers, then events through ak_rec_parse_payload and the JSON
 * formatter, and rule listings through ak_rule_format.
 *
 * The handle wraps one end of a socketpair(AF_UNIX, SOCK_SEQPACKET) (ak_nl_fdopen);
 * the harness writes the datagrams into the other end first, so nothing waits
 * (the request timeout is 0: a request reads what is there, then times out).
 *
 * Input:
 *   byte 0: what to do: 0 receive with ak_nl_recv, 1 with ak_nl_recv_many,
 *           2 ak_nl_get_status, 3 ak_nl_list_rules, 4 ak_nl_get_features,
 *           5 ak_nl_signal_info, 6 ak_nl_set_enabled (an ACK), 7 ak_nl_reset_lost;
 *           for 2-7 the events queued meanwhile are then received with ak_nl_recv.
 *   byte 1: bits 0-2 the receive buffer size (16 .. AK_NL_BUF_SIZE, some odd),
 *           bit 3 a tiny event queue (64 bytes), bit 4 AK_NL_RECV_EVENTS.
 *   then datagrams: [kind][len lo][len hi][len bytes]
 *     kind bit 0 set: the first two bytes are the type (host order), the rest the
 *       payload, and the harness writes the 16-byte header: nlmsg_len = 16 +
 *       payload (bit 2 set: payload only, as kauditd does for events), flags 0,
 *       seq = bit 1 ? 0 (an event) : 1 (the reply to the first request), pid 0;
 *     kind bit 0 clear: the bytes are the datagram as they are (empty ones are
 *       skipped: on a socketpair they read as end of file).
 * Checked, independently of the library: every message lies inside the buffer
 * (data within raw, raw_len <= cap), events carry no trailing NUL, a cut
 * datagram is flagged, results are documented errno values, the counters agree
 * with what was sent, the parsed event's values lie inside the payload and its
 * JSON is valid, and each listed rule lists as a NUL-terminated line.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>

#include <auditkit.h>

#include "fuzz-check.h"

static const size_t caps[8] = { 16, 17, 64, 1040 + 16, 1040 + 16 + 100, 4099, 8192,
				AK_NL_BUF_SIZE };

static _Alignas(8) char rbuf[AK_NL_SLOT_SIZE * 4];
static char text[AK_RULE_MAX_SIZE * 8];

static void inside(const void *p, size_t n, const void *base, size_t cap)
{
	FZ_CHECK((const char *)p >= (const char *)base &&
		 (const char *)p + n <= (const char *)base + cap);
}

static void event_json(const struct ak_nl_msg *m)
{
	struct ak_field *f;
	struct ak_rec rec;
	int n = ak_rec_parse_payload(&rec, m->type, m->data, m->len, NULL, 0);

	FZ_CHECK(n >= 0 || n == -EINVAL);
	if (n < 0)
		return;
	f = malloc((size_t)n * sizeof(*f) + 1);
	FZ_CHECK(f != NULL);
	FZ_CHECK(ak_rec_parse_payload(&rec, m->type, m->data, m->len, f, (size_t)n) == n);
	for (int i = 0; i < n; i++)
		if (f[i].val.n)
			inside(f[i].val.p, f[i].val.n, m->data, m->len);
	{
		size_t scap = ak_interp_scratch_size(&rec);
		void *scratch = malloc(scap ? scap : 1);
		struct ak_fmt_opts o = { .scratch = scratch, .scratch_cap = scap };
		struct ak_json w;
		size_t need;
		char *out;
		struct fz_json *j = malloc(sizeof(*j));

		FZ_CHECK(scratch != NULL && j != NULL);
		ak_json_init(&w, NULL, 0);
		FZ_CHECK(ak_fmt_record_json(&w, &rec, &o) == 0);
		need = ak_json_len(&w);
		out = malloc(need + 1);
		FZ_CHECK(out != NULL);
		ak_json_init(&w, out, need + 1);
		FZ_CHECK(ak_fmt_record_json(&w, &rec, &o) == 0);
		FZ_CHECK(ak_json_finish(&w) == (int)need);
		FZ_CHECK(fz_json_line_ok_j(j, out, need));
		free(out);
		free(j);
		free(scratch);
	}
	free(f);
}

static void check_msg(const struct ak_nl_msg *m, const void *buf, size_t cap)
{
	FZ_CHECK(m->raw_len <= cap);
	FZ_CHECK(m->raw_len >= 16);
	inside(m->raw, m->raw_len, buf, cap);
	inside(m->data, m->len, m->raw, m->raw_len);
	FZ_CHECK(m->data == (const char *)m->raw + 16);
	if (m->flags & AK_NL_MSG_EVENT) {
		FZ_CHECK(m->seq == 0);
		FZ_CHECK(m->len == 0 || m->data[m->len - 1] != '\0');
		event_json(m);
	}
}

/* Receive everything there is; returns the messages handed out. */
static unsigned drain(struct ak_nl *nl, unsigned mode, size_t cap, unsigned rflags)
{
	unsigned got = 0;

	for (int guard = 0; guard < 10000; guard++) {
		struct ak_nl_msg msgs[4];
		int r;

		if (mode == 1) {
			r = ak_nl_recv_many(nl, rbuf, cap * 4, msgs, 4,
					    rflags | AK_NL_RECV_NONBLOCK);
			FZ_CHECK(r <= 4);
			if (r > 0)
				for (int i = 0; i < r; i++)
					check_msg(&msgs[i], rbuf, cap * 4);
		} else {
			r = ak_nl_recv(nl, rbuf, cap, msgs, rflags | AK_NL_RECV_NONBLOCK);
			FZ_CHECK(r <= 1);
			if (r == 1)
				check_msg(&msgs[0], rbuf, cap);
		}
		if (r < 0) {
			FZ_CHECK(r == -EAGAIN);
			FZ_CHECK(ak_nl_pending(nl) == 0);
			return got;
		}
		if (rflags & AK_NL_RECV_EVENTS)
			for (int i = 0; i < r; i++)
				FZ_CHECK(msgs[i].flags & AK_NL_MSG_EVENT);
		got += (unsigned)r;
	}
	FZ_CHECK(!"receive loop did not end");
	return got;
}

static int list_cb(const struct audit_rule_data *rule, size_t len, void *data)
{
	int n;

	(void)data;
	FZ_CHECK(len >= sizeof(*rule) && len == sizeof(*rule) + rule->buflen);
	n = ak_rule_format(rule, len, NULL, text, sizeof(text));
	FZ_CHECK(n == -EINVAL || (n >= 0 && text[n] == '\0'));
	return AK_CB_OK;
}

static bool is_err(int r, const int *ok)
{
	for (; *ok; ok++)
		if (r == *ok)
			return true;
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int req_errs[] = { -ETIMEDOUT, -EPROTO, -ERANGE, 0 };
	static char dg[AK_NL_BUF_SIZE + 64];
	struct ak_nl_stats st;
	struct ak_nl *nl;
	unsigned mode, rflags, sent = 0;
	size_t cap, off = 2;
	int sv[2], r = 0;

	if (size < 2)
		return 0;
	mode = data[0] % 8;
	cap = caps[data[1] & 7];
	rflags = (data[1] & 16) ? AK_NL_RECV_EVENTS : 0;
	FZ_CHECK(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) == 0);
	FZ_CHECK(ak_nl_fdopen(&nl, sv[0], 0) == 0);
	ak_nl_set_timeout(nl, 0);
	if (data[1] & 8)
		FZ_CHECK(ak_nl_set_queue_size(nl, 64) == 0);

	while (off + 3 <= size && sent < 64) {
		unsigned kind = data[off];
		size_t len = data[off + 1] | (size_t)data[off + 2] << 8, n;

		off += 3;
		if (len > size - off)
			len = size - off;
		if (len > AK_NL_BUF_SIZE)
			len = AK_NL_BUF_SIZE;
		if (kind & 1) {
			const uint8_t *body = data + off;
			size_t blen = len >= 2 ? len - 2 : 0;
			uint32_t nlen = (uint32_t)((kind & 4) ? blen : blen + 16);
			uint16_t type = 0, flags = 0;
			uint32_t seq = (kind & 2) ? 0 : 1, pid = 0;

			if (len >= 2) {
				memcpy(&type, body, 2);
				body += 2;
			}
			memcpy(dg, &nlen, 4);
			memcpy(dg + 4, &type, 2);
			memcpy(dg + 6, &flags, 2);
			memcpy(dg + 8, &seq, 4);
			memcpy(dg + 12, &pid, 4);
			memcpy(dg + 16, body, blen);
			n = blen + 16;
		} else {
			memcpy(dg, data + off, len);
			n = len;
		}
		off += len;
		if (n == 0)
			continue; /* on a socketpair an empty datagram reads as the peer gone */
		if (send(sv[1], dg, n, MSG_DONTWAIT) != (ssize_t)n)
			break;
		sent++;
	}

	switch (mode) {
	case 0:
	case 1:
		drain(nl, mode, cap, rflags);
		break;
	case 2: {
		struct audit_status s;

		r = ak_nl_get_status(nl, &s);
		FZ_CHECK(r < 0 ? is_err(r, req_errs) || r > -4096
			       : r >= AK_NL_STATUS_MIN && (size_t)r <= sizeof(s));
		break;
	}
	case 3:
		r = ak_nl_list_rules(nl, rbuf, cap, list_cb, NULL);
		FZ_CHECK(r >= 0 || r > -4096);
		break;
	case 4: {
		struct audit_features f;

		r = ak_nl_get_features(nl, &f);
		FZ_CHECK(r <= 0 && r > -4096);
		break;
	}
	case 5: {
		struct ak_nl_sig_info si;

		r = ak_nl_signal_info(nl, &si);
		FZ_CHECK(r <= 0 && r > -4096);
		FZ_CHECK(memchr(si.ctx, '\0', sizeof(si.ctx)) != NULL);
		break;
	}
	case 6:
		r = ak_nl_set_enabled(nl, 1);
		FZ_CHECK(r > -4096);
		break;
	case 7:
		r = ak_nl_reset_lost(nl);
		FZ_CHECK(r > -4096);
		break;
	}
	if (mode >= 2)
		drain(nl, 0, AK_NL_BUF_SIZE, rflags);
	FZ_CHECK(ak_nl_get_stats(nl, &st) == 0);
	FZ_CHECK(st.datagrams <= sent);
	FZ_CHECK(st.truncated <= st.datagrams);
	FZ_CHECK(st.events <= st.datagrams);
	close(sv[1]);
	ak_nl_close(nl);
	return 0;
}
