// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * fuzz-reasm - the reassembler fed a stream of audit.log lines.
 *
 * Input: 4 configuration bytes, then lines ('\n'-separated, any bytes):
 *   byte 0: max_in_flight = 1 + b % 8
 *   byte 1: max_records   = 1 + b % 16
 *   byte 2: max_bytes     = 1024 << (b % 7)   (1 KiB .. 64 KiB: limits and arena growth)
 *   byte 3: eoe_mode = b % 3, timeout_ms = 100 * (1 + b / 3 % 20)
 * Each line that parses is pushed; the clock advances by 37 ms times the line's length
 * modulo 11.  A line "!" ticks, a line "#" flushes.  At the end everything is flushed.
 * Checked, independently of the library:
 *  - every event has at least one record, all of one serial;
 *  - every slice of every delivered record lies inside that record's line, and all the
 *    bytes are readable (ASan sees stale pointers after an arena grew or was reset);
 *  - the copies keep the parser's plain promises byte by byte: a field flagged
 *    AK_F_PLAIN has a key and value of printable ASCII without '"' or '\\', a record
 *    flagged AK_REC_MSG_PLAIN a msg of printable ASCII and at most one 0x1d;
 *  - conservation: the records delivered are exactly the non-EOE records pushed;
 *  - the stats agree with the callbacks (events, lost), nothing is left in flight after
 *    a flush, and memory stays within the configured bound.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <auditkit.h>

#include "fuzz-check.h"

struct fz {
	uint64_t events, records, lost;
	unsigned sink;
};

static void inside(const struct ak_str *s, const struct ak_str *line)
{
	uintptr_t off = (uintptr_t)s->p - (uintptr_t)line->p;

	if (s->n == 0)
		return;
	FZ_CHECK(s->p && off <= line->n && s->n <= line->n - off);
}

static void check_plain(const struct ak_rec *r)
{
	for (size_t j = 0; j < r->nfields; j++)
		if (r->fields[j].flags & AK_F_PLAIN)
			FZ_CHECK(fz_plain(r->fields[j].key.p, r->fields[j].key.n) &&
				 fz_plain(r->fields[j].val.p, r->fields[j].val.n));
	if (r->flags & AK_REC_MSG_PLAIN) {
		size_t gs = 0;

		for (size_t i = 0; i < r->msg.n; i++) {
			unsigned char c = (unsigned char)r->msg.p[i];

			gs += c == 0x1d;
			FZ_CHECK(c == 0x1d || (c >= 0x20 && c <= 0x7e && c != '\\'));
		}
		FZ_CHECK(gs <= 1);
	}
}

static int on_event(const struct ak_rec *recs, size_t n, unsigned flags, void *data)
{
	struct fz *z = data;

	(void)flags;
	FZ_CHECK(n >= 1);
	for (size_t i = 0; i < n; i++) {
		const struct ak_rec *r = &recs[i];

		FZ_CHECK(r->serial == recs[0].serial);
		FZ_CHECK(r->type != 1320); /* EOE is never stored */
		for (size_t j = 0; j < r->line.n; j++)
			z->sink += (unsigned char)r->line.p[j];
		inside(&r->msg, &r->line);
		inside(&r->body, &r->line);
		inside(&r->type_name, &r->line);
		inside(&r->node, &r->line);
		for (size_t j = 0; j < r->nfields; j++) {
			/* keys may be static strings (record.h: LOGIN's "new auid" ->
			 * new_auid, AVC's seresult): non-empty; values lie in the line */
			FZ_CHECK(r->fields[j].key.n > 0 && r->fields[j].key.p != NULL);
			inside(&r->fields[j].val, &r->line);
		}
		check_plain(r);
	}
	z->events++;
	z->records += n;
	return 0;
}

static void on_lost(uint64_t count, void *data)
{
	struct fz *z = data;

	FZ_CHECK(count > 0);
	z->lost += count;
}

static const struct ak_reasm_ops ops = { .event = on_event, .lost = on_lost };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ak_reasm_opts o = { .sz = sizeof(o) };
	static struct ak_field fields[512];
	struct ak_reasm_stats st;
	struct ak_reasm *r;
	struct fz z = { 0 };
	uint64_t now = 0, pushed = 0;
	size_t i = 4;

	if (size < 4)
		return 0;
	o.max_in_flight = 1 + data[0] % 8;
	o.max_records = 1 + data[1] % 16;
	o.max_bytes = (size_t)1024 << (data[2] % 7);
	o.eoe_mode = data[3] % 3;
	o.timeout_ms = 100 * (1 + data[3] / 3 % 20);
	FZ_CHECK(ak_reasm_new(&r, &o, &ops, &z) == 0);

	while (i < size) {
		const uint8_t *nl = memchr(data + i, '\n', size - i);
		size_t len = nl ? (size_t)(nl - (data + i)) : size - i;
		const char *line = (const char *)data + i;
		struct ak_rec rec;
		int n;

		i += len + 1;
		now += 37 * (len % 11);
		if (len == 1 && line[0] == '!') {
			FZ_CHECK(ak_reasm_tick(r, now) == 0);
			continue;
		}
		if (len == 1 && line[0] == '#') {
			FZ_CHECK(ak_reasm_flush(r) == 0);
			FZ_CHECK(ak_reasm_deadline(r) == UINT64_MAX);
			continue;
		}
		n = ak_rec_parse_line(&rec, line, len, fields, 512);
		if (n < 0 && n != -ERANGE)
			continue;
		if (n == -ERANGE)
			rec.nfields = 512;
		FZ_CHECK(ak_reasm_push(r, &rec, now) == 0);
		if (rec.type != 1320)
			pushed++;
		/* The caller may reuse its buffers at once: the copies must not care. */
		memset(fields, 0xa5, sizeof(fields[0]) * (rec.nfields < 512 ? rec.nfields : 512));
	}
	FZ_CHECK(ak_reasm_flush(r) == 0);
	ak_reasm_stats(r, &st);
	FZ_CHECK(z.records == pushed);
	FZ_CHECK(st.events == z.events);
	FZ_CHECK(st.lost == z.lost);
	FZ_CHECK(st.in_flight == 0 && ak_reasm_deadline(r) == UINT64_MAX);
	FZ_CHECK(st.in_flight_max <= o.max_in_flight);
	FZ_CHECK(st.bytes_max <= o.max_bytes);
	FZ_CHECK(st.mem <= 4096 + o.max_in_flight * (sizeof(void *) * 16 + o.max_bytes));
	ak_reasm_free(r);
	return 0;
}
