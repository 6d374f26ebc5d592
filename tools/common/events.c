// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/* `-i` for the tools: reassemble, coalesce, write events; see events.h. */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <auditkit.h>
#include <auditkit/coalesce.h>
#include <auditkit/reasm.h>

#include "events.h"

struct akt_events {
	struct akt_events_opts o;
	struct akt_out *out;
	struct ak_reasm *r;
	struct ak_idcache *ids;
	struct ak_coalesce_cache *cache; /* key orders seen before */
	void *arena; /* for ak_coalesce; grows to the largest event, then stays */
	size_t acap;
	int err;     /* first fatal error from the event callback (-errno) */
	unsigned long warned[8]; /* per enum ak_reasm_warn: messages so far */
	uint64_t now;            /* time of the last read, when the reader has a wait hook */
	int now_from_wait;
};

/* Messages of one kind printed before they are only counted (summary at the end). */
#define WARN_MAX 10

/* akt_events_catch_signals(): the stop request, and the mask to wait with. */
static volatile sig_atomic_t stop_signal;
static sigset_t wait_mask;
static int catching;

static void on_stop(int sig)
{
	stop_signal = sig;
}

int akt_events_catch_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;
	sigset_t block;

	/* Blocked except inside ppoll(): a stop can never slip in between the
	 * check and the wait. */
	sigemptyset(&block);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaddset(&block, sigs[i]);
	if (sigprocmask(SIG_BLOCK, &block, &wait_mask) < 0)
		return -errno;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop; /* no SA_RESTART: ppoll returns EINTR */
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		sigdelset(&wait_mask, sigs[i]);
		if (sigaction(sigs[i], &sa, NULL) < 0)
			return -errno;
	}
	catching = 1;
	return 0;
}

int akt_events_stop_signal(void)
{
	return stop_signal;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

typedef int (*ev_fn)(struct ak_json *, const struct ak_event *, unsigned);

static int emit(struct akt_events *e, const struct ak_event *ev)
{
	static const ev_fn fns[] = { ak_event_json, ak_event_yaml, ak_event_text };
	struct akt_out *o = e->out;

	for (int tries = 0; tries < 4; tries++) {
		struct ak_json w;
		int ret;

		ak_json_init(&w, o->buf + o->len, o->cap - o->len);
		ret = fns[e->o.fmt](&w, ev, 0);
		if (ret < 0)
			return ret;
		ret = ak_json_finish(&w);
		if (ret >= 0) {
			o->len += (size_t)ret;
			return 0;
		}
		if (ret != -ERANGE)
			return ret;
		ret = akt_out_reserve(o, ak_json_len(&w) + 1);
		if (ret < 0)
			return ret;
	}
	return -ERANGE;
}

/* Grow the coalescer's arena to @need bytes. */
static int grow_arena(struct akt_events *e, size_t need)
{
	void *p;

	if (need <= e->acap)
		return 0;
	p = realloc(e->arena, need);
	if (!p)
		return -ENOMEM;
	e->arena = p;
	e->acap = need;
	return 0;
}

/*
 * After -ERANGE from coalescing or id resolution, the first time: grow the
 * arena to ak_coalesce_arena_size(), which always suffices for both.
 * 1 = try again, 0 = not that case, < 0 = out of memory (kept in e->err).
 */
static int retry_bigger(struct akt_events *e, int ret, bool *full, const struct ak_rec *recs,
			size_t n)
{
	if (ret != -ERANGE || *full)
		return 0;
	*full = true;
	ret = grow_arena(e, ak_coalesce_arena_size(recs, n));
	if (ret < 0) {
		e->err = ret;
		return ret;
	}
	return 1;
}

static int on_event(const struct ak_rec *recs, size_t n, unsigned flags, void *data)
{
	struct akt_events *e = data;
	struct ak_event ev;
	bool full = false;
	int ret, r;

	if (flags & AK_REASM_EV_PART)
		fprintf(stderr, "%s: event %u is too large: written in parts\n", e->o.prog,
			recs[0].serial);
	/*
	 * The arena has grown to the largest event so far, which nearly always
	 * suffices: try it first, and only when it is too small (for the event
	 * or for the names of its ids) size it with ak_coalesce_arena_size(),
	 * which always suffices for both, and start again.
	 */
	for (;;) {
		ret = ak_coalesce_cached(&ev, recs, n, e->arena, e->acap, 0, e->cache);
		r = retry_bigger(e, ret, &full, recs, n);
		if (r < 0)
			return r;
		if (r)
			continue;
		if (ret < 0) {
			fprintf(stderr, "%s: failed to coalesce event %u: %s\n", e->o.prog,
				recs[0].serial, ak_strerror(ret));
			return 0;
		}
		if (!e->ids)
			break;
		/* (the names' cache keeps them 60 s: the time the buffer was
		 * read serves, and saves a clock read per event) */
		ret = ak_event_resolve_ids(&ev, e->ids, e->now_from_wait ? e->now : now_ms());
		r = retry_bigger(e, ret, &full, recs, n);
		if (r < 0)
			return r;
		if (r)
			continue;
		if (ret < 0)
			fprintf(stderr, "%s: event %u: uid/gid names not resolved\n", e->o.prog,
				recs[0].serial);
		break;
	}
	ret = emit(e, &ev);
	if (ret < 0 && !e->err)
		e->err = ret;
	return ret;
}

static void on_lost(uint64_t count, void *data)
{
	struct akt_events *e = data;

	fprintf(stderr, "%s: detected the loss of %llu sequences.\n", e->o.prog,
		(unsigned long long)count);
}

static void on_warn(int what, uint32_t serial, void *data)
{
	struct akt_events *e = data;
	const char *msg;

	/* Window evictions are not reported: an event without an end marker
	 * (a kernel record from outside any syscall, in a log without EOE) is
	 * only ever complete that way; if more records of it follow, they are
	 * reported as late. */
	switch (what) {
	case AK_REASM_W_LATE:
		msg = "records arrived after the event was written: written as a separate event";
		break;
	case AK_REASM_W_RESYNC:
		msg = "sequence numbers restarted";
		break;
	default:
		return; /* limits: reported per part in on_event */
	}
	if (e->warned[what]++ < WARN_MAX)
		fprintf(stderr, "%s: event %u: %s\n", e->o.prog, serial, msg);
}

static void warn_summary(struct akt_events *e)
{
	if (e->warned[AK_REASM_W_LATE] > WARN_MAX)
		fprintf(stderr, "%s: %lu more events had late records\n", e->o.prog,
			e->warned[AK_REASM_W_LATE] - WARN_MAX);
	if (e->warned[AK_REASM_W_RESYNC] > WARN_MAX)
		fprintf(stderr, "%s: sequence numbers restarted %lu more times\n", e->o.prog,
			e->warned[AK_REASM_W_RESYNC] - WARN_MAX);
}

static const struct ak_reasm_ops ops = {
	.event = on_event,
	.lost = on_lost,
	.warn = on_warn,
};

int akt_events_new(struct akt_events **out, struct akt_out *o, const struct akt_events_opts *opts)
{
	struct ak_reasm_opts ro = { .sz = sizeof(ro) };
	struct akt_events *e;
	int ret;

	e = calloc(1, sizeof(*e));
	if (!e)
		return -ENOMEM;
	e->o = *opts;
	e->out = o;
	/* Room for the largest real event: an execve with a full ARG_MAX of
	 * hex-encoded arguments is ~4 MiB of EXECVE records.  Arenas grow only as
	 * events need, so the limit costs nothing until an event reaches it. */
	ro.max_bytes = (size_t)16 << 20;
	ro.max_records = 65536;
	ro.eoe_mode = opts->eoe_mode;
	ro.timeout_ms = opts->timeout_ms;
	ro.max_in_flight = opts->max_in_flight;
	ret = ak_reasm_new(&e->r, &ro, &ops, e);
	if (ret == 0)
		ret = ak_coalesce_cache_new(&e->cache);
	if (ret == 0 && opts->resolve_ids)
		ret = ak_idcache_new(&e->ids, NULL, 60000, 0);
	if (ret < 0) {
		akt_events_free(e);
		return ret;
	}
	*out = e;
	return 0;
}

void akt_events_free(struct akt_events *e)
{
	if (!e)
		return;
	ak_reasm_free(e->r);
	ak_idcache_free(e->ids);
	ak_coalesce_cache_free(e->cache);
	free(e->arena);
	free(e);
}

static int result(struct akt_events *e, int ret)
{
	int err = e->err;

	e->err = 0;
	if (err < 0)
		return err;
	if (ret < 0)
		return ret;
	return e->out->err ? -e->out->err : 0;
}

/*
 * A record's arrival time: with the wait hook, the time its read(2) returned
 * (every line of one buffer arrived together, and this saves a clock read per
 * record); otherwise now.
 */
int akt_events_push(struct akt_events *e, const struct ak_rec *rec)
{
	return result(e, ak_reasm_push(e->r, rec, e->now_from_wait ? e->now : now_ms()));
}

int akt_events_tick(struct akt_events *e)
{
	uint64_t now = now_ms();

	/* (events written now resolve their names at this time, not the last read's) */
	if (e->now_from_wait)
		e->now = now;
	return result(e, ak_reasm_tick(e->r, now));
}

int akt_events_flush(struct akt_events *e)
{
	int ret = result(e, ak_reasm_flush(e->r));

	warn_summary(e);
	return ret;
}

int akt_events_timeout(const struct akt_events *e)
{
	uint64_t dl = ak_reasm_deadline(e->r), now;

	if (dl == UINT64_MAX)
		return -1;
	now = now_ms();
	if (dl <= now)
		return 0;
	return dl - now > INT_MAX ? INT_MAX : (int)(dl - now);
}

int akt_events_wait(int fd, void *data)
{
	struct akt_events *e = data;

	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int t = akt_events_timeout(e), n, ret;
		struct timespec ts = { t / 1000, (long)(t % 1000) * 1000000L };

		if (stop_signal)
			return -ECANCELED;
		if (t < 0 && !catching) {
			/* Nothing pending: let the read block.  Its records then
			 * arrive later than now: take the clock per record. */
			e->now_from_wait = 0;
			return 0;
		}
		n = t ? ppoll(&p, 1, t < 0 ? NULL : &ts, catching ? &wait_mask : NULL) : 0;
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			e->now_from_wait = 0;
			return errno == EINVAL || errno == EBADF ? 0 : -errno;
		}
		if (n > 0) {
			/* Readable: the read will not block, its records arrive now. */
			e->now_from_wait = 1;
			e->now = now_ms();
			return 0;
		}
		ret = akt_events_tick(e);
		if (ret < 0)
			return ret;
		if (e->out->len && akt_out_flush(e->out) < 0)
			return -e->out->err;
	}
}
