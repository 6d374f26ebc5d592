// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * audit (no subcommand): receive events from the kernel, like go-libaudit's
 * cmd/audit.  Unicast: enable auditing if it is off, apply -rate and
 * -backlog, register as the audit daemon.  -ro: join the read-only multicast
 * group instead and change nothing.  Each record is printed as
 * "type=NAME msg=audit(...): ..." (the audit.log shape, so auparse reads it)
 * or as auparse's record JSON.
 *
 * On SIGINT/SIGTERM/SIGHUP: release the PID, write out what is still queued,
 * print to stderr how many records came and how many were lost, exit 0.
 * Signals are blocked except inside ppoll(), so a stop is never missed.
 *
 * Every -lost-interval seconds the kernel's lost counter is read on the
 * control socket (lost.c), from the same loop: growth is reported when it
 * happens, not only at exit.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include "lost.h"
#include "../common/events.h"
#include "../common/flags.h"
#include "../common/lineio.h"

#define SYNOPSIS "[-format text|json] [-i [-id=false]] [-out FILE] [-ro] [-rate N] [-backlog N] [-diag FILE] [-d] [-lost-interval SECONDS]"
#define OUT_CHUNK ((size_t)1 << 20)
#define LINE_CAP (64 + AK_NL_BUF_SIZE)
#define BATCH 32                          /* datagrams per recvmmsg */
#define RBUF_SIZE ((size_t)BATCH * AK_NL_SLOT_SIZE)
#define FLUSH_MS 20                       /* idle time before buffered output is written */

enum fmt { F_TEXT, F_JSON };

struct rx {
	enum fmt fmt;
	int debug;
	struct akt_out out;
	struct akt_out diag;
	int diag_on;
	char *line;               /* "type=NAME msg=..." for the JSON path */
	char *rbuf;               /* RBUF_SIZE: BATCH receive slots */
	struct ak_field *fields;
	size_t fcap;
	void *scratch;
	size_t scap;
	uint64_t records;
	uint64_t loss_marks;      /* messages flagged AK_NL_MSG_LOSS */
	time_t last_warn;
	struct akt_events *ev;    /* -i: records go to the reassembler (common/events.c) */
	struct audit_lost lost;   /* -lost-interval: the kernel's lost counter, polled */
	struct ak_fmt_cache fcache; /* the formatter's last timestamp */
};

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
}

static const char *type_name(uint16_t type, char *tmp, size_t cap)
{
	const char *n = ak_msgtype_name(type);

	if (n)
		return n;
	snprintf(tmp, cap, "UNKNOWN[%u]", (unsigned)type);
	return tmp;
}

/*
 * The kernel hex-encodes untrusted values, so records are printable ASCII;
 * only user-space messages can carry control bytes or non-ASCII.  Those go
 * through the escaper (\xHH), so no record can fake a line or a terminal escape.
 */
static int needs_escape(const char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
	size_t i = 0;

	/* Eight bytes at a time: any byte >= 0x80, < 0x20, or == 0x7f. */
	for (; i + 8 <= n; i += 8) {
		uint64_t w, del;

		memcpy(&w, s + i, 8);
		del = w ^ (0x7f * ones);
		if ((w | ((w - 0x20 * ones) & ~w) | ((del - ones) & ~del)) & high)
			return 1;
	}
	for (; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c >= 0x7f)
			return 1;
	}
	return 0;
}

static int emit_text(struct rx *c, const struct ak_nl_msg *m)
{
	char tmp[32];
	const char *name = type_name(m->type, tmp, sizeof(tmp));
	size_t nl = strlen(name), need = 5 + nl + 5 + m->len + 1;
	int r;

	if (!needs_escape(m->data, m->len)) {
		if (c->out.cap - c->out.len < need && (r = akt_out_reserve(&c->out, need)) < 0)
			return r;
		char *p = c->out.buf + c->out.len;

		memcpy(p, "type=", 5);
		memcpy(p + 5, name, nl);
		memcpy(p + 5 + nl, " msg=", 5);
		memcpy(p + 10 + nl, m->data, m->len);
		p[10 + nl + m->len] = '\n';
		c->out.len += need;
		return 0;
	}
	for (int tries = 0; tries < 3; tries++) {
		struct ak_json w;

		ak_json_init(&w, c->out.buf + c->out.len, c->out.cap - c->out.len);
		ak_out_cstr(&w, "type=");
		ak_out_cstr(&w, name);
		ak_out_cstr(&w, " msg=");
		ak_out_text_escaped(&w, m->data, m->len);
		ak_out_bytes(&w, "\n", 1);
		r = ak_json_finish(&w);
		if (r >= 0) {
			c->out.len += (size_t)r;
			return 0;
		}
		if ((r = akt_out_reserve(&c->out, ak_json_len(&w) + 1)) < 0)
			return r;
	}
	return -ERANGE;
}

/*
 * The datagram as the "type=NAME msg=..." line the text format writes, in c->line,
 * parsed into *rec (growing c->fields when the record has more fields); *lenp is the
 * line's length.  Returns
 * what ak_rec_parse_line() returns, or -ENOMEM.
 */
static int parse_as_line(struct rx *c, const struct ak_nl_msg *m, struct ak_rec *rec,
			 size_t *lenp)
{
	char tmp[32];
	const char *name = type_name(m->type, tmp, sizeof(tmp));
	size_t nl = strlen(name), len = 5 + nl + 5 + m->len;
	int r;

	if (len > LINE_CAP)
		len = LINE_CAP;
	memcpy(c->line, "type=", 5);
	memcpy(c->line + 5, name, nl);
	memcpy(c->line + 5 + nl, " msg=", 5);
	memcpy(c->line + 10 + nl, m->data, len - 10 - nl);
	*lenp = len;
	r = ak_rec_parse_line(rec, c->line, len, c->fields, c->fcap);
	if (r == -ERANGE) {
		int n = ak_rec_parse_line(rec, c->line, len, NULL, 0);
		struct ak_field *f;

		if (n <= (int)c->fcap)
			n = (int)c->fcap * 2;
		f = realloc(c->fields, (size_t)n * sizeof(*f));
		if (!f)
			return -ENOMEM;
		c->fields = f;
		c->fcap = (size_t)n;
		r = ak_rec_parse_line(rec, c->line, len, c->fields, c->fcap);
	}
	return r;
}

/*
 * JSON: format exactly what `audit -format=text | auparse` would, by parsing
 * the text line itself.
 */
static int emit_json(struct rx *c, const struct ak_nl_msg *m)
{
	struct ak_rec rec;
	struct ak_fmt_opts opts = { 0 };
	size_t len;
	int r = parse_as_line(c, m, &rec, &len);

	if (r == -ENOMEM)
		return r;
	for (int tries = 0; tries < 8; tries++) {
		struct ak_json w;
		int e;

		ak_json_init(&w, c->out.buf + c->out.len, c->out.cap - c->out.len);
		if (r < 0) {
			ak_fmt_error_json(&w, c->line, len, rec.diag.msg ? rec.diag.msg : "bad record",
					  &rec.diag);
		} else {
			opts.scratch = c->scratch;
			opts.scratch_cap = c->scap;
			opts.cache = &c->fcache;
			e = ak_fmt_record_json(&w, &rec, &opts);
			if (e == -ERANGE) {
				size_t need = c->scap * 2;
				void *p = realloc(c->scratch, need);

				if (!p)
					return -ENOMEM;
				c->scratch = p;
				c->scap = need;
				continue;
			}
			if (e < 0)
				return e;
		}
		e = ak_json_finish(&w);
		if (e >= 0) {
			c->out.len += (size_t)e;
			return 0;
		}
		if (e != -ERANGE)
			return e;
		if ((e = akt_out_reserve(&c->out, ak_json_len(&w) + 1)) < 0)
			return e;
	}
	return -ERANGE;
}

static void diag_tap(const void *dgram, size_t len, void *data)
{
	struct rx *c = data;

	if (c->diag.cap - c->diag.len < len && akt_out_reserve(&c->diag, len) < 0)
		return;
	memcpy(c->diag.buf + c->diag.len, dgram, len);
	c->diag.len += len;
}

static void warn_loss(struct rx *c, struct ak_nl *nl)
{
	struct ak_nl_stats st;
	time_t now = time(NULL);

	c->loss_marks++;
	if (!c->debug && now == c->last_warn)
		return;
	c->last_warn = now;
	ak_nl_get_stats(nl, &st);
	fprintf(stderr, AUDIT_PROG ": warning: records were lost before this point "
			"(ENOBUFS %llu, socket drops %llu, queue drops %llu)\n",
		(unsigned long long)st.enobufs,
		(unsigned long long)(st.socket_drops == UINT64_MAX ? 0 : st.socket_drops),
		(unsigned long long)st.queue_dropped);
}

/* -i: the record as the same "type=NAME msg=..." line, parsed, into the reassembler. */
static int push_event(struct rx *c, const struct ak_nl_msg *m)
{
	struct ak_rec rec;
	size_t len;
	int r = parse_as_line(c, m, &rec, &len);

	if (r == -ENOMEM)
		return r;
	if (r < 0) {
		fprintf(stderr, AUDIT_PROG ": type=%u: %s: record skipped\n", (unsigned)m->type,
			rec.diag.msg ? rec.diag.msg : "bad record");
		return 0;
	}
	return akt_events_push(c->ev, &rec);
}

/* One message from ak_nl_recv: print it if it is a record go-libaudit prints. */
static int handle(struct rx *c, struct ak_nl *nl, const struct ak_nl_msg *m)
{
	if (m->flags & AK_NL_MSG_LOSS)
		warn_loss(c, nl);
	/* go-libaudit prints 1100..2999; we add the deprecated AUDIT_USER (auditd logs it)
	 * and leave out AUDIT_REPLACE, the kernel's binary "are you alive" probe. */
	if ((m->type < AUDIT_FIRST_USER_MSG && m->type != AUDIT_USER) ||
	    m->type > AUDIT_LAST_USER_MSG2 || m->type == AUDIT_REPLACE) {
		if (c->debug)
			fprintf(stderr, AUDIT_PROG ": ignoring message type=%u len=%zu\n",
				(unsigned)m->type, m->len);
		return 0;
	}
	c->records++;
	if (c->ev)
		return push_event(c, m);
	return c->fmt == F_JSON ? emit_json(c, m) : emit_text(c, m);
}

static void print_status(const char *what, const struct audit_status *s)
{
	fprintf(stderr, AUDIT_PROG ": %s: enabled=%u failure=%u pid=%u rate_limit=%u "
			"backlog_limit=%u lost=%u backlog=%u backlog_wait_time=%u\n",
		what, s->enabled, s->failure, s->pid, s->rate_limit, s->backlog_limit, s->lost,
		s->backlog, s->backlog_wait_time);
}

struct opts {
	const char *format, *out, *diag, *kernel_fd, *lost_fd;
	unsigned long rate, backlog, rcvbuf, count, lost_interval;
	int debug, immutable, confirm, ro;
	int interpret, resolve_ids;
};

/*
 * Unicast set-up: go-libaudit's steps, each checked.  Unlike go-libaudit, and
 * like auditd, auditing we switched on is switched off again when we stop
 * (*@enabled_by_us), so the kernel is left as we found it.
 */
static int take_control(struct ak_nl *ctl, struct ak_nl *nl, const struct opts *o,
			const struct audit_status *s, int *enabled_by_us)
{
	int r;

	if (s->enabled == 0) {
		if (o->debug)
			fprintf(stderr, AUDIT_PROG ": enabling auditing\n");
		if ((r = ak_nl_set_enabled(ctl, 1)) < 0)
			return audit_fail("enable auditing", r);
		*enabled_by_us = 1;
	}
	if (s->rate_limit != o->rate && (r = ak_nl_set_rate_limit(ctl, (uint32_t)o->rate)) < 0)
		return audit_fail("set rate limit", r);
	if (s->backlog_limit != o->backlog &&
	    (r = ak_nl_set_backlog_limit(ctl, (uint32_t)o->backlog)) < 0)
		return audit_fail("set backlog limit", r);
	if (o->immutable && s->enabled != 2 && (r = ak_nl_set_immutable(ctl)) < 0)
		return audit_fail("make the configuration immutable", r);
	if (o->debug)
		fprintf(stderr, AUDIT_PROG ": registering our PID (%d) as the audit daemon\n",
			(int)getpid());
	r = ak_nl_set_pid(nl, (uint32_t)getpid());
	if (r == -EEXIST) {
		struct audit_status now;

		if (ak_nl_get_status(ctl, &now) >= 0)
			fprintf(stderr, AUDIT_PROG ": process %u is registered as the audit daemon; "
					"stop it, or receive a copy with -ro\n", now.pid);
		else
			fprintf(stderr, AUDIT_PROG ": another process is registered as the audit "
					"daemon; stop it, or receive a copy with -ro\n");
		return 1;
	}
	if (r < 0)
		return audit_fail("register as the audit daemon", r);
	return 0;
}

/* Receive until a signal, -count, or an error.  Returns 0 or 1 (exit code). */
static int timeout_ms_to_ts(int t, struct timespec *ts, struct timespec **tp)
{
	if (t < 0) {
		*tp = NULL;
		return 0;
	}
	ts->tv_sec = t / 1000;
	ts->tv_nsec = (long)(t % 1000) * 1000000L;
	*tp = ts;
	return 0;
}

/* Receive until a signal, -count, or an error.  Returns 0 or 1 (exit code). */
static int loop(struct rx *c, struct ak_nl *nl, const struct opts *o, const sigset_t *waitmask)
{
	struct ak_nl_msg m[BATCH];
	int dry = 0; /* the last batch was short: the socket is most likely empty */

	while (!stop_signal) {
		int r = -EAGAIN;
		int64_t now = c->lost.nl ? audit_lost_now() : 0;

		/* One clock read per batch: the poll is due even under a storm. */
		if (c->lost.nl && audit_lost_due(&c->lost, now))
			audit_lost_run(&c->lost, now, dry);

		/* A short batch means we caught up: wait in ppoll rather than spend a
		 * recvmmsg finding the socket empty (saves a syscall per wake-up). */
		if (!dry || ak_nl_pending(nl))
			r = ak_nl_recv_many(nl, c->rbuf, RBUF_SIZE, m, BATCH,
					    AK_NL_RECV_NONBLOCK | AK_NL_RECV_EVENTS);
		dry = 0;
		if (r == -EAGAIN) {
			struct pollfd p[2] = { { .fd = ak_nl_fd(nl), .events = POLLIN },
					       { .fd = -1, .events = POLLIN } };
			struct timespec ts, *tp;
			int t = c->ev ? akt_events_timeout(c->ev) : -1;
			int lt, pending = c->out.len || (c->diag_on && c->diag.len);

			/* The socket is empty: the moment for a status request. */
			if (c->lost.nl && audit_lost_due(&c->lost, now))
				audit_lost_run(&c->lost, now, 1);
			lt = audit_lost_wait_ms(&c->lost, now);
			p[1].fd = audit_lost_poll_fd(&c->lost);
			/* -i: events whose timeout passed are due even with no new record. */
			if (t == 0) {
				if ((r = akt_events_tick(c->ev)) < 0)
					return audit_fail("format event", r);
				continue;
			}
			/* Idle: output waits FLUSH_MS for more (under a storm the socket runs
			 * dry for microseconds at a time; a write each time would cost more
			 * than the records), then goes out. */
			if (pending && (t < 0 || t > FLUSH_MS))
				t = FLUSH_MS;
			if (lt >= 0 && (t < 0 || lt < t))
				t = lt;
			timeout_ms_to_ts(t, &ts, &tp);
			r = ppoll(p, p[1].fd >= 0 ? 2 : 1, tp, waitmask);
			if (r < 0 && errno != EINTR)
				return audit_fail("poll", -errno);
			if (r == 0 && pending &&
			    (akt_out_flush(&c->out) < 0 || (c->diag_on && akt_out_flush(&c->diag) < 0)))
				break;
			/* The status reply is read at once, not when the next batch comes. */
			if (r > 0 && p[1].fd >= 0 && p[1].revents)
				audit_lost_run(&c->lost, audit_lost_now(), 1);
			if (p[0].revents & (POLLERR | POLLHUP | POLLNVAL) && !(p[0].revents & POLLIN)) {
				fprintf(stderr, AUDIT_PROG ": the audit socket was closed\n");
				return 1;
			}
			continue;
		}
		if (r == -EINTR)
			continue;
		if (r < 0)
			return audit_fail("receive", r);
		dry = r < BATCH;
		for (int i = 0; i < r; i++) {
			int e = handle(c, nl, &m[i]);

			if (e < 0)
				return audit_fail("format record", e);
			if (o->count && c->records >= o->count)
				return c->out.err || c->diag.err ? 1 : 0;
		}
		if (c->out.err || c->diag.err)
			break;
	}
	if (c->out.err || c->diag.err) {
		fprintf(stderr, AUDIT_PROG ": write error: %s\n",
			strerror(c->out.err ? c->out.err : c->diag.err));
		return 1;
	}
	return 0;
}

/* After the stop: what the kernel already sent us is written, not dropped. */
static void drain(struct rx *c, struct ak_nl *nl)
{
	struct ak_nl_msg m[BATCH];
	time_t end = time(NULL) + 2; /* a storm that goes on would keep the socket full */

	for (int i = 0; i < 100000 && time(NULL) < end; i++) {
		int r = ak_nl_recv_many(nl, c->rbuf, RBUF_SIZE, m, BATCH,
					AK_NL_RECV_NONBLOCK | AK_NL_RECV_EVENTS);

		if (r <= 0)
			break;
		for (int k = 0; k < r; k++)
			if (handle(c, nl, &m[k]) < 0 || c->out.err)
				return;
	}
}

static int open_out(const char *path, int *fd)
{
	if (strcmp(path, "-") == 0) {
		*fd = STDOUT_FILENO;
		return 0;
	}
	*fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (*fd < 0) {
		fprintf(stderr, AUDIT_PROG ": cannot open %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int parse_flags(int argc, char **argv, struct opts *o)
{
	int argi = 0;
	const struct akt_flag flags[] = {
		{ "format", AKT_STRING, &o->format, "FMT", "text (audit.log lines, default) or json" },
		{ "i", AKT_BOOL, &o->interpret, NULL, "interpret: coalesce records into events" },
		{ "id", AKT_BOOL, &o->resolve_ids, NULL, "with -i, resolve uid/gid to names (default true)" },
		{ "out", AKT_STRING, &o->out, "FILE", "output file (default \"-\": stdout)" },
		{ "ro", AKT_BOOL, &o->ro, NULL, "read-only: receive a copy via multicast, change nothing" },
		{ "rate", AKT_UINT, &o->rate, "N", "kernel rate limit, messages/s (default 0: none)" },
		{ "backlog", AKT_UINT, &o->backlog, "N", "kernel backlog limit (default 8192)" },
		{ "immutable", AKT_BOOL, &o->immutable, NULL,
		  "make the kernel audit settings immutable until reboot (needs -confirm-immutable)" },
		{ "confirm-immutable", AKT_BOOL, &o->confirm, NULL, "yes, really make them immutable" },
		{ "diag", AKT_STRING, &o->diag, "FILE", "write every raw netlink datagram to FILE" },
		{ "d", AKT_BOOL, &o->debug, NULL, "debug output to stderr" },
		{ "rcvbuf", AKT_UINT, &o->rcvbuf, "BYTES", "socket receive buffer (SO_RCVBUFFORCE)" },
		{ "count", AKT_UINT, &o->count, "N", "stop after N records" },
		{ "lost-interval", AKT_UINT, &o->lost_interval, "SECONDS",
		  "check the kernel's lost counter every SECONDS (default 5, 0: off)" },
		{ "kernel-fd", AKT_STRING, &o->kernel_fd, "N", "testing: use inherited fd N as the kernel" },
		{ "lost-fd", AKT_STRING, &o->lost_fd, "N",
		  "testing: inherited fd N answers the lost counter requests" },
	};

	switch (akt_flags_parse(flags, sizeof(flags) / sizeof(flags[0]), argc, argv, &argi,
				AUDIT_PROG, SYNOPSIS)) {
	case AKT_FLAGS_HELP:
		printf("\nReceives audit events from the kernel; one record per line.\n"
		       "Other commands: " AUDIT_PROG " status | set | rules (" AUDIT_PROG
		       " help)\n");
		return 0;
	case AKT_FLAGS_ERROR:
		return 2;
	}
	if (argi < argc) {
		fprintf(stderr, AUDIT_PROG ": unexpected argument \"%s\"\n", argv[argi]);
		return 2;
	}
	if (strcmp(o->format, "text") != 0 && strcmp(o->format, "json") != 0) {
		fprintf(stderr, AUDIT_PROG ": unknown -format \"%s\" (want text or json)\n", o->format);
		return 2;
	}
	if (o->rate > UINT32_MAX || o->backlog > UINT32_MAX || o->rcvbuf > INT_MAX) {
		fprintf(stderr, AUDIT_PROG ": -rate, -backlog or -rcvbuf out of range\n");
		return 2;
	}
	if (o->lost_interval > 86400) {
		fprintf(stderr, AUDIT_PROG ": -lost-interval: at most 86400 seconds\n");
		return 2;
	}
	if (o->lost_fd && !o->kernel_fd) {
		fprintf(stderr, AUDIT_PROG ": -lost-fd goes with -kernel-fd (both are for tests)\n");
		return 2;
	}
	if (o->immutable && !o->confirm) {
		fprintf(stderr, AUDIT_PROG ": -immutable locks the kernel audit configuration until "
				"reboot; add -confirm-immutable if you mean it\n");
		return 2;
	}
	if (o->immutable && o->ro) {
		fprintf(stderr, AUDIT_PROG ": -immutable and -ro do not go together\n");
		return 2;
	}
	return -1;
}

static void report(struct rx *c, const struct ak_nl_stats *nst, const struct audit_status *s0,
		   int have0, const struct audit_status *s1, int have1)
{
	const struct ak_nl_stats st = *nst;
	char lost[96] = "unknown", polled[128];

	if (have0 && have1) {
		if (s1->lost >= s0->lost)
			snprintf(lost, sizeof(lost), "%u", s1->lost - s0->lost);
		else /* reset meanwhile */
			snprintf(lost, sizeof(lost), ">= %u (counter was reset)", s1->lost);
	}
	audit_lost_summary(&c->lost, polled, sizeof(polled));
	fprintf(stderr, AUDIT_PROG ": received %llu records; lost: kernel %s (polled: %s), "
			"socket drops %llu, ENOBUFS %llu, truncated %llu, queue overflow %llu\n",
		(unsigned long long)c->records, lost, polled,
		(unsigned long long)(st.socket_drops == UINT64_MAX ? 0 : st.socket_drops),
		(unsigned long long)st.enobufs, (unsigned long long)st.truncated,
		(unsigned long long)st.queue_dropped);
}

int audit_cmd_receive(int argc, char **argv)
{
	struct opts o = { .format = "text", .out = "-", .backlog = 8192, .resolve_ids = 1,
			  .lost_interval = 5 };
	struct rx c = { 0 };
	struct ak_nl *nl = NULL, *ctl = NULL, *lfd = NULL;
	struct audit_status s0, s1;
	int have0 = 0, have1 = 0, ret = 1, fd = -1, dfd = -1, r, enabled_by_us = 0;
	struct ak_nl_stats nst;
	sigset_t block, waitmask;
	struct sigaction sa;

	r = parse_flags(argc, argv, &o);
	if (r >= 0)
		return r;
	if (geteuid() != 0 && !o.kernel_fd) {
		fprintf(stderr, AUDIT_PROG ": you must be root to receive audit data\n");
		return 1;
	}
	c.fmt = strcmp(o.format, "json") == 0 ? F_JSON : F_TEXT;
	c.debug = o.debug;

	/* Signals arrive only inside ppoll (race-free stop). */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &waitmask);
	sigdelset(&waitmask, SIGINT);
	sigdelset(&waitmask, SIGTERM);
	sigdelset(&waitmask, SIGHUP);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (open_out(o.out, &fd) < 0)
		return 1;
	if (o.diag && open_out(o.diag, &dfd) < 0)
		goto out;
	c.line = malloc(LINE_CAP);
	c.rbuf = aligned_alloc(8, RBUF_SIZE);
	c.fcap = 256;
	c.fields = malloc(c.fcap * sizeof(*c.fields));
	c.scap = 64 << 10;
	c.scratch = malloc(c.scap);
	if (!c.line || !c.rbuf || !c.fields || !c.scratch || akt_out_init(&c.out, fd, OUT_CHUNK) < 0 ||
	    (dfd >= 0 && akt_out_init(&c.diag, dfd, OUT_CHUNK) < 0)) {
		fprintf(stderr, AUDIT_PROG ": out of memory\n");
		goto out;
	}
	c.diag_on = dfd >= 0;
	if (o.interpret) {
		/* The kernel ends every multi-record event with EOE: PROCTITLE is not the end. */
		struct akt_events_opts eo = { .prog = AUDIT_PROG,
					      .fmt = c.fmt == F_JSON ? AKT_EV_JSON : AKT_EV_TEXT,
					      .resolve_ids = o.resolve_ids,
					      .eoe_mode = AK_REASM_EOE_ALWAYS };

		if (akt_events_new(&c.ev, &c.out, &eo) < 0) {
			fprintf(stderr, AUDIT_PROG ": out of memory\n");
			goto out;
		}
	}

	if (o.debug)
		fprintf(stderr, AUDIT_PROG ": starting netlink client%s\n",
			o.ro ? " (multicast, read-only)" : "");
	nl = audit_open(o.kernel_fd, o.ro ? AK_NL_MULTICAST : 0);
	if (!nl)
		goto out;
	if (c.diag_on)
		ak_nl_set_tap(nl, diag_tap, &c);
	if (o.rcvbuf) {
		r = ak_nl_set_rcvbuf(nl, (int)o.rcvbuf);
		if (r < 0) {
			audit_fail("set receive buffer", r);
			goto out;
		}
		if (o.debug)
			fprintf(stderr, AUDIT_PROG ": receive buffer %d bytes\n", r);
	}
	/*
	 * Requests go over a control socket of their own: on the receiving one, a
	 * storm can leave no room for the kernel's ACKs and replies.  Only the PID
	 * registration must use the receiving socket.  (-kernel-fd: one fd only.)
	 */
	if (!o.kernel_fd)
		ctl = audit_open(NULL, 0);
	else if (!o.ro)
		ctl = nl;
	if (!ctl && !o.kernel_fd && !o.ro)
		goto out;
	if (ctl) {
		r = ak_nl_get_status(ctl, &s0);
		have0 = r >= 0;
		if (r < 0 && !o.ro) {
			audit_fail("get status", r);
			goto out;
		}
		if (have0 && o.debug)
			print_status("received audit status", &s0);
	}
	if (!o.ro && take_control(ctl, nl, &o, &s0, &enabled_by_us) != 0)
		goto out;
	/*
	 * The lost counter is polled on the control socket, never on the receiving
	 * one (-kernel-fd has one fd only: -lost-fd gives the poller its own).
	 */
	if (o.lost_fd && !(lfd = audit_open(o.lost_fd, 0)))
		goto out;
	if (lfd)
		ak_nl_set_timeout(lfd, 1000); /* for the exit reading */
	if (audit_lost_init(&c.lost, lfd ? lfd : (ctl != nl ? ctl : NULL), o.lost_interval,
			    !lfd && have0 ? &s0 : NULL, c.fmt == F_JSON ? &c.out : NULL,
			    o.debug) < 0) {
		fprintf(stderr, AUDIT_PROG ": out of memory\n");
		goto out;
	}

	ret = loop(&c, nl, &o, &waitmask);

	drain(&c, nl);
	if (c.ev && akt_events_flush(c.ev) < 0)
		ret = 1;
	if (akt_out_flush(&c.out) < 0 || (c.diag_on && akt_out_flush(&c.diag) < 0))
		ret = 1;
	ak_nl_get_stats(nl, &nst);
	/* Release the PID (ak_nl_close does it without risking the kauditd deadlock). */
	if (nl != ctl) {
		if ((r = ak_nl_close(nl)) < 0) {
			audit_fail("release the audit PID", r);
			ret = 1;
		}
		nl = NULL;
	}
	if (enabled_by_us) {
		if (o.debug)
			fprintf(stderr, AUDIT_PROG ": disabling auditing again\n");
		if ((r = ak_nl_set_enabled(ctl, 0)) < 0)
			audit_fail("disable auditing", r);
		enabled_by_us = 0;
	}
	if (ctl)
		have1 = ak_nl_get_status(ctl, &s1) >= 0;
	/* The exit reading closes the polled account, so it covers the whole session. */
	if (lfd && c.lost.nl) {
		struct audit_status sl;

		audit_lost_final(&c.lost, ak_nl_get_status(lfd, &sl) >= 0 ? &sl : NULL);
	} else {
		audit_lost_final(&c.lost, have1 ? &s1 : NULL);
	}
	if (akt_out_flush(&c.out) < 0)
		ret = 1;
	if (stop_signal && o.debug)
		fprintf(stderr, AUDIT_PROG ": stopping on signal %d\n", (int)stop_signal);
	report(&c, &nst, &s0, have0, &s1, have1);
out:
	if (enabled_by_us && ctl)
		(void)ak_nl_set_enabled(ctl, 0); /* set-up failed half-way */
	if (nl && nl != ctl && (r = ak_nl_close(nl)) < 0) {
		audit_fail("release the audit PID", r);
		ret = 1;
	}
	if (ctl && (r = ak_nl_close(ctl)) < 0) {
		audit_fail("close", r);
		ret = 1;
	}
	ak_nl_close(lfd);
	audit_lost_free(&c.lost);
	if (fd >= 0 && fd != STDOUT_FILENO && close(fd) < 0)
		ret = 1;
	if (dfd >= 0)
		close(dfd);
	akt_events_free(c.ev);
	akt_out_free(&c.out);
	if (c.diag_on)
		akt_out_free(&c.diag);
	free(c.line);
	free(c.rbuf);
	free(c.fields);
	free(c.scratch);
	return ret;
}
