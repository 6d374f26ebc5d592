// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * events: audit.log lines on stdin, coalesced events as JSON Lines on stdout
 * (what `auparse -i` does, in about a hundred lines).
 *
 *	cc events.c $(pkg-config --cflags --libs auditkit) -o events
 *	./events < /var/log/audit/audit.log | jq .
 *
 * Each line is parsed into a record, records go to the reassembler, which
 * calls on_event() with all the records of one serial number once the event
 * is complete; those are coalesced into one event and written as JSON.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <auditkit.h>

struct out {
	char *arena; /* the coalesced event's memory */
	size_t arena_cap;
	char *buf;   /* its JSON text */
	size_t buf_cap;
	unsigned long events;
};

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static int grow(char **p, size_t *cap, size_t need)
{
	char *n;

	if (need <= *cap)
		return 0;
	n = realloc(*p, need);
	if (!n)
		return -ENOMEM;
	*p = n;
	*cap = need;
	return 0;
}

static int on_event(const struct ak_rec *recs, size_t n, unsigned flags, void *data)
{
	struct out *o = data;
	struct ak_event ev;
	struct ak_json w;
	int len;

	(void)flags;
	if (grow(&o->arena, &o->arena_cap, ak_coalesce_arena_size(recs, n)) < 0)
		return -ENOMEM;
	if (ak_coalesce(&ev, recs, n, o->arena, o->arena_cap, 0) < 0)
		return 0; /* an event of EOE alone: nothing to say */
	for (;;) {
		ak_json_init(&w, o->buf, o->buf_cap);
		ak_event_json(&w, &ev, 0); /* one line, '\n' included */
		len = ak_json_finish(&w);
		if (len != -ERANGE)
			break;
		if (grow(&o->buf, &o->buf_cap, ak_json_len(&w) + 1) < 0)
			return -ENOMEM;
	}
	if (len < 0)
		return len;
	fwrite(o->buf, 1, (size_t)len, stdout);
	o->events++;
	return 0;
}

static void on_lost(uint64_t count, void *data)
{
	(void)data;
	fprintf(stderr, "events: %llu serials lost\n", (unsigned long long)count);
}

int main(void)
{
	static const struct ak_reasm_ops ops = { .event = on_event, .lost = on_lost };
	static struct ak_field fields[4096];
	struct out o = { 0 };
	struct ak_reasm *r;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned long bad = 0;
	int ret;

	ret = ak_reasm_new(&r, NULL, &ops, &o);
	if (ret < 0) {
		fprintf(stderr, "events: %s\n", ak_strerror(ret));
		return 1;
	}
	while ((len = getline(&line, &cap, stdin)) > 0) {
		struct ak_rec rec;

		if (ak_rec_parse_line(&rec, line, (size_t)len, fields, 4096) < 0) {
			bad += rec.line.n != 0; /* blank lines are not records */
			continue;
		}
		ret = ak_reasm_push(r, &rec, now_ms());
		if (ret < 0)
			break;
	}
	if (ret >= 0)
		ret = ak_reasm_flush(r);
	ak_reasm_free(r);
	free(line);
	free(o.arena);
	free(o.buf);
	fprintf(stderr, "events: %lu events, %lu lines not parsed\n", o.events, bad);
	if (ret < 0) {
		fprintf(stderr, "events: %s\n", ak_strerror(ret));
		return 1;
	}
	return fflush(stdout) == 0 ? 0 : 1;
}
