// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * audit receive -lost-interval: periodic readings of the kernel's lost
 * counter on the control socket, without ever blocking the receive loop.
 * See lost.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/netlink.h>

#include "lost.h"

#define STATUS_TIMEOUT_MS 2000 /* at most; never longer than the interval */
#define CHECK_MS 5             /* a pending reply is looked for at most this often when busy */

int64_t audit_lost_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int audit_lost_init(struct audit_lost *l, struct ak_nl *nl, unsigned long interval_s,
		    const struct audit_status *s0, struct akt_out *json, int debug)
{
	int64_t now = audit_lost_now();

	memset(l, 0, sizeof(*l));
	l->json = json;
	l->debug = debug;
	if (!nl || !interval_s)
		return 0;
	l->buf = malloc(AK_NL_BUF_SIZE);
	if (!l->buf)
		return -ENOMEM;
	l->nl = nl;
	l->interval_ms = (int64_t)interval_s * 1000;
	l->timeout_ms = l->interval_ms < STATUS_TIMEOUT_MS ? l->interval_ms : STATUS_TIMEOUT_MS;
	l->next_ms = now + l->interval_ms;
	l->last_ms = now;
	if (s0) {
		l->last = s0->lost;
		l->have_last = 1;
		l->readings = 1;
	}
	return 0;
}

void audit_lost_free(struct audit_lost *l)
{
	free(l->buf);
	l->buf = NULL;
}

int audit_lost_wait_ms(const struct audit_lost *l, int64_t now)
{
	int64_t at;

	if (!l->nl || !l->interval_ms)
		return -1;
	/* While a request is out, ppoll wakes on the reply; the deadline bounds the wait. */
	at = l->seq ? l->deadline_ms : l->next_ms;
	if (at <= now)
		return 0;
	return at - now > INT32_MAX ? INT32_MAX : (int)(at - now);
}

int audit_lost_poll_fd(const struct audit_lost *l)
{
	return l->nl && l->seq ? ak_nl_fd(l->nl) : -1;
}

static void stop_polling(struct audit_lost *l, const char *what, int err)
{
	fprintf(stderr, AUDIT_PROG ": warning: %s: %s; the kernel's lost counter is no longer "
			"read while receiving\n", what, strerror(err < 0 ? -err : err));
	l->failed = 1;
	l->seq = 0;
	l->nl = NULL;
}

/* "2026-11-26T04:11:43.123Z", as the records' @timestamp. */
static void utc_now(char *buf, size_t cap)
{
	struct timespec ts;
	struct tm tm;

	size_t n;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	n = strftime(buf, cap, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf + n, cap - n, ".%03dZ", (int)(ts.tv_nsec / 1000000));
}

/*
 * The loss marker in the JSON stream: one object per line like the records,
 * and like theirs every value is a string (a consumer that reads records as
 * string maps reads this one too).
 */
static void write_marker(struct audit_lost *l, const struct audit_status *s, uint64_t lost,
			 int reset)
{
	char ts[40], line[512];
	int n;

	if (!l->json)
		return;
	utc_now(ts, sizeof(ts));
	n = snprintf(line, sizeof(line),
		     "{\"record_type\":\"AUDITKIT_LOST\",\"@timestamp\":\"%s\",\"lost\":\"%llu\","
		     "\"kernel_lost\":\"%u\",\"kernel_lost_total\":\"%llu\",%s\"backlog\":\"%u\","
		     "\"backlog_limit\":\"%u\",\"rate_limit\":\"%u\",\"backlog_wait_time\":\"%u\"}\n",
		     ts, (unsigned long long)lost, s->lost, (unsigned long long)l->total,
		     reset ? "\"counter_reset\":\"yes\"," : "", s->backlog, s->backlog_limit,
		     s->rate_limit, s->backlog_wait_time);
	if (n <= 0 || (size_t)n >= sizeof(line))
		return;
	if (l->json->cap - l->json->len < (size_t)n && akt_out_reserve(l->json, (size_t)n) < 0)
		return;
	memcpy(l->json->buf + l->json->len, line, (size_t)n);
	l->json->len += (size_t)n;
}

/* One reading of the counter, compared with the last. */
static void reading(struct audit_lost *l, const struct audit_status *s, int64_t now)
{
	double secs = (double)(now - l->last_ms) / 1000.0;
	uint64_t lost;
	int reset;

	l->readings++;
	if (l->debug)
		fprintf(stderr, AUDIT_PROG ": kernel status: lost=%u backlog=%u backlog_limit=%u "
				"rate_limit=%u\n", s->lost, s->backlog, s->backlog_limit, s->rate_limit);
	if (!l->have_last) {
		l->have_last = 1;
		l->last = s->lost;
		l->last_ms = now;
		return;
	}
	reset = s->lost < l->last;
	lost = reset ? s->lost : s->lost - l->last;
	l->total += lost;
	if (reset) {
		l->resets++;
		fprintf(stderr, AUDIT_PROG ": warning: the kernel's lost counter went down from %u to "
				"%u in the last %.1f s: it was reset (auditctl --reset-lost); %u record%s "
				"lost since the reset, those lost before it in that interval are not known "
				"(backlog %u, backlog_limit %u, rate_limit %u)\n",
			l->last, s->lost, secs, s->lost, s->lost == 1 ? "" : "s", s->backlog,
			s->backlog_limit, s->rate_limit);
	} else if (lost) {
		fprintf(stderr, AUDIT_PROG ": warning: the kernel lost %llu record%s in the last %.1f s "
				"(lost counter %u, %s%llu this session; backlog %u, backlog_limit %u, "
				"rate_limit %u, backlog_wait_time %u)\n",
			(unsigned long long)lost, lost == 1 ? "" : "s", secs, s->lost,
			l->resets ? "at least " : "",
			(unsigned long long)l->total, s->backlog, s->backlog_limit, s->rate_limit,
			s->backlog_wait_time);
	}
	if (reset || lost)
		write_marker(l, s, lost, reset);
	l->last = s->lost;
	l->last_ms = now;
}

/* Read what the status socket holds, without waiting. */
static void read_replies(struct audit_lost *l, int64_t now)
{
	while (l->nl) {
		struct ak_nl_msg m;
		struct audit_status s;
		int32_t err;
		int r = ak_nl_recv(l->nl, l->buf, AK_NL_BUF_SIZE, &m, AK_NL_RECV_NONBLOCK);

		if (r == -EAGAIN || r == -EINTR)
			return;
		if (r < 0) {
			stop_polling(l, "reading the kernel's status", r);
			return;
		}
		if (m.type == NLMSG_ERROR) {
			if (m.len < sizeof(err))
				continue;
			memcpy(&err, m.data, sizeof(err));
			if (err < 0 && err >= -4095 && l->seq && m.seq == l->seq) {
				stop_polling(l, "the kernel refused the status request", err);
				return;
			}
			continue;
		}
		/* Any status reply is a reading, a late one too (the socket keeps order). */
		if (m.type != AUDIT_GET || (m.flags & AK_NL_MSG_TRUNC) || m.len < AK_NL_STATUS_MIN)
			continue;
		memset(&s, 0, sizeof(s));
		memcpy(&s, m.data, m.len < sizeof(s) ? m.len : sizeof(s));
		if (m.seq == l->seq)
			l->seq = 0;
		reading(l, &s, now);
	}
}

void audit_lost_run(struct audit_lost *l, int64_t now, int quiet)
{
	int r;

	if (!l->nl)
		return;
	if (l->seq) {
		read_replies(l, now);
		if (!l->seq || !l->nl)
			return;
		if (now < l->deadline_ms) {
			l->check_ms = now + CHECK_MS;
			return;
		}
		l->unanswered++;
		l->seq = 0;
		if (!l->said_timeout) {
			fprintf(stderr, AUDIT_PROG ": warning: the kernel did not answer a status "
					"request within %lld ms; receiving goes on, and the lost counter "
					"is asked for again every %lld s (said once)\n",
				(long long)l->timeout_ms, (long long)(l->interval_ms / 1000));
			l->said_timeout = 1;
		}
	}
	if (now < l->next_ms)
		return;
	/*
	 * The request takes the kernel's audit_cmd_mutex in sendmsg.  A process
	 * holding it while it probes the daemon (another daemon registering:
	 * AUDIT_REPLACE) waits, on kernels whose probe blocks, for room in our
	 * receiving socket: were that socket full, we would wait for each other.
	 * So the request goes out when the receiving socket was just emptied,
	 * or, under a storm that never empties it, one interval later.
	 */
	if (!quiet) {
		if (!l->due_since_ms)
			l->due_since_ms = now;
		if (now - l->due_since_ms < l->interval_ms)
			return;
	}
	l->due_since_ms = 0;
	l->next_ms += l->interval_ms;
	if (l->next_ms <= now)
		l->next_ms = now + l->interval_ms;
	/* No NLM_F_ACK: the kernel answers with the status alone (or an error). */
	r = ak_nl_send(l->nl, AUDIT_GET, 0, NULL, 0);
	if (r < 0) {
		stop_polling(l, "sending a status request", r);
		return;
	}
	l->seq = (uint32_t)r;
	l->deadline_ms = now + l->timeout_ms;
	l->check_ms = now + CHECK_MS;
	/* The kernel usually has answered before sendmsg returns. */
	read_replies(l, now);
}

void audit_lost_final(struct audit_lost *l, const struct audit_status *s)
{
	if (!s || !l->nl)
		return;
	reading(l, s, audit_lost_now());
}

void audit_lost_summary(const struct audit_lost *l, char *buf, size_t cap)
{
	if (!l->interval_ms)
		snprintf(buf, cap, "off");
	else if (l->failed)
		snprintf(buf, cap, "%s%llu until polling failed", l->resets ? ">= " : "",
			 (unsigned long long)l->total);
	else if (l->readings < 2)
		snprintf(buf, cap, "unknown (no reading)");
	else if (l->resets)
		snprintf(buf, cap, ">= %llu (counter reset %llu times)", (unsigned long long)l->total,
			 (unsigned long long)l->resets);
	else
		snprintf(buf, cap, "%llu", (unsigned long long)l->total);
	if (l->unanswered) {
		size_t n = strlen(buf);

		snprintf(buf + n, cap - n, ", %llu status requests unanswered",
			 (unsigned long long)l->unanswered);
	}
}
