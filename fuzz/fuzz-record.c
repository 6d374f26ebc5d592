// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * fuzz-record - the log line / record parser, interpretation and the three formatters.
 *
 * The input is one audit.log line (any bytes).  It is parsed with ak_rec_parse_line()
 * (counting first, then into an exactly sized field array so ASan sees any overrun),
 * and formatted as JSON (interpreted and raw), YAML and text; a line that does not
 * parse goes through the error formatters instead.  Checked, independently of the
 * library (fuzz-check.h):
 *  - the documented return values (count, -EINVAL, -ERANGE with one slot too few);
 *  - every slice the parser returns lies inside the input (field keys may also be
 *    the parser's static names);
 *  - ak_interp_scratch_size() scratch always suffices;
 *  - measuring (NULL buffer) and writing give the same length;
 *  - JSON: exactly one valid object per line, valid UTF-8, no duplicate top-level key
 *    (except raw output of a record with more than 256 fields, see check_output());
 *  - text and YAML: valid UTF-8, newline-terminated, no control byte but '\n' (and
 *    '\t' in YAML), so nothing can inject terminal escapes or fake log lines;
 *  - the plain flags keep their promise byte by byte (AK_F_PLAIN, AK_REC_MSG_PLAIN,
 *    ak_interp.kv_plain), and the fast paths they open change no byte: the record
 *    with every plain flag cleared formats the same.
 *  - the interpretation's shaped collect gives what its general one gives;
 *  - the parser's fast paths give what its general code gives: record.c built a
 *    second time with AK_REC_REFERENCE (no fast path) must agree on every rec
 *    member and field.
 * What follows the first "msg=" (or the whole input) is also parsed as a netlink
 * payload (ak_rec_parse_payload) with a record type picked by the input's length.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <auditkit.h>

#include "fuzz-check.h"

/* The record parser's general code alone, under other names (see same_as_ref()). */
#define AK_REC_REFERENCE 1
#include "records/record-ref.h"

static int same_slice(struct ak_str a, struct ak_str b)
{
	return a.n == b.n && (a.n == 0 || a.p == b.p);
}

/*
 * @rec (@ret) as the general code parses the same input into @cap fields
 * (@cap < 0: only counting, no array).
 */
static void same_as_ref(const struct ak_rec *rec, int ret, const char *in, size_t size,
			int payload, uint32_t type, long cap)
{
	struct ak_field *f = cap >= 0 ? malloc((size_t)cap * sizeof(*f) + 1) : NULL;
	struct ak_rec r;
	int n;

	FZ_CHECK(cap < 0 || f != NULL);
	if (cap < 0)
		cap = 0;
	n = payload ? ref_parse_payload(&r, type, in, size, f, (size_t)cap)
		    : ref_parse_line(&r, in, size, f, (size_t)cap);
	FZ_CHECK(n == ret);
	FZ_CHECK(r.type == rec->type && r.sec == rec->sec && r.msec == rec->msec &&
		 r.serial == rec->serial && r.flags == rec->flags && r.nfields == rec->nfields);
	FZ_CHECK(r.diag.pos == rec->diag.pos && r.diag.len == rec->diag.len);
	FZ_CHECK(!r.diag.msg == !rec->diag.msg &&
		 (!r.diag.msg || strcmp(r.diag.msg, rec->diag.msg) == 0));
	FZ_CHECK(same_slice(r.type_name, rec->type_name) && same_slice(r.node, rec->node) &&
		 same_slice(r.line, rec->line) && same_slice(r.msg, rec->msg) &&
		 same_slice(r.body, rec->body));
	for (size_t i = 0; i < r.nfields; i++) {
		const struct ak_field *a = &rec->fields[i], *b = &f[i];

		FZ_CHECK(a->key.n == b->key.n && memcmp(a->key.p, b->key.p, a->key.n) == 0);
		FZ_CHECK(same_slice(a->val, b->val) && a->flags == b->flags);
	}
	free(f);
}

typedef int (*fmt_fn)(struct ak_json *, const struct ak_rec *, const struct ak_fmt_opts *);
typedef void (*err_fn)(struct ak_json *, const char *, size_t, const char *,
		       const struct ak_diag *);

enum { OUT_JSON, OUT_YAML, OUT_TEXT };

static void inside(const struct ak_str *s, const uint8_t *d, size_t size)
{
	if (s->n == 0)
		return;
	FZ_CHECK(s->p != NULL);
	FZ_CHECK((const uint8_t *)s->p >= d && (const uint8_t *)s->p + s->n <= d + size);
}

/*
 * @dups_ok: duplicate top-level keys allowed.  format.c writes a raw (AK_FMT_RAW)
 * part of more than 256 fields with its duplicates, in order, to stay linear (only
 * crafted input has that many); everything else must have unique keys.
 */
static void check_output(const char *s, size_t n, int kind, int dups_ok)
{
	FZ_CHECK(n > 0 && s[n - 1] == '\n');
	FZ_CHECK(fz_utf8_ok((const unsigned char *)s, n));
	if (kind == OUT_JSON) {
		struct fz_json *j = malloc(sizeof(*j));

		FZ_CHECK(j != NULL);
		FZ_CHECK(fz_json_line_ok_j(j, s, n));
		FZ_CHECK(s[0] == '{');
		FZ_CHECK(dups_ok || j->overflow_keys || fz_json_keys_unique(j));
		free(j);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n' && (kind == OUT_YAML || i == n - 1))
			continue;
		if (c == '\t' && kind == OUT_YAML)
			continue;
		FZ_CHECK(c >= 0x20 && c != 0x7f);
	}
}

/* Measure, then write into a buffer of exactly the measured size (+ NUL); the
 * output in *@out (malloc'd, caller frees) if @out. */
static size_t render_out(fmt_fn fn, const struct ak_rec *rec, unsigned flags, int kind, char **out)
{
	size_t scap = ak_interp_scratch_size(rec);
	void *scratch = malloc(scap ? scap : 1);
	struct ak_fmt_opts o = { .flags = flags, .scratch = scratch, .scratch_cap = scap };
	struct ak_json w;
	size_t need;
	char *buf;
	int r;

	FZ_CHECK(scratch != NULL);
	ak_json_init(&w, NULL, 0);
	r = fn(&w, rec, &o);
	FZ_CHECK(r == 0); /* ak_interp_scratch_size() bytes always suffice */
	need = ak_json_len(&w);
	FZ_CHECK(ak_json_finish(&w) == (need ? -ERANGE : 0));
	buf = malloc(need + 1);
	FZ_CHECK(buf != NULL);
	ak_json_init(&w, buf, need + 1);
	r = fn(&w, rec, &o);
	FZ_CHECK(r == 0);
	FZ_CHECK(ak_json_finish(&w) == (int)need);
	check_output(buf, need, kind, (flags & AK_FMT_RAW) && rec->nfields > 256);
	if (out)
		*out = buf;
	else
		free(buf);
	free(scratch);
	return need;
}

static void render(fmt_fn fn, const struct ak_rec *rec, unsigned flags, int kind)
{
	render_out(fn, rec, flags, kind, NULL);
}

/*
 * The interpretation's shaped collect (a record of a usual field list, see
 * lib/records/shapes.c) against its general one, forced by an enriched
 * field first (ignored by the interpretation, allowed by no shape): the same
 * pairs, plain flags, tags and error as @ip.
 */
static void same_interp_general(const struct ak_rec *rec, const struct ak_interp *ip)
{
	struct ak_rec r2 = *rec;
	struct ak_field *f = malloc((rec->nfields + 1) * sizeof(*f));
	struct ak_interp b;

	FZ_CHECK(f != NULL);
	f[0] = (struct ak_field){ .key = { "X", 1 }, .val = { "y", 1 }, .flags = AK_F_ENRICHED };
	if (rec->nfields)
		memcpy(f + 1, rec->fields, rec->nfields * sizeof(*f));
	r2.fields = f;
	r2.nfields = rec->nfields + 1;
	size_t scap = ak_interp_scratch_size(&r2);
	void *scratch = malloc(scap);

	FZ_CHECK(scratch != NULL);
	FZ_CHECK(ak_interp_record(&b, &r2, scratch, scap, 0) == (int)ip->nkv);
	FZ_CHECK(b.ntags == ip->ntags && !b.error == !ip->error);
	FZ_CHECK(!b.error || strcmp(b.error, ip->error) == 0);
	for (size_t i = 0; i < b.nkv; i++) {
		FZ_CHECK(b.kv[i].key.n == ip->kv[i].key.n && b.kv[i].val.n == ip->kv[i].val.n);
		FZ_CHECK(!memcmp(b.kv[i].key.p, ip->kv[i].key.p, b.kv[i].key.n));
		FZ_CHECK(!memcmp(b.kv[i].val.p, ip->kv[i].val.p, b.kv[i].val.n));
		FZ_CHECK(b.kv_plain[i] == ip->kv_plain[i]);
	}
	for (size_t i = 0; i < b.ntags; i++)
		FZ_CHECK(b.tags[i].n == ip->tags[i].n &&
			 !memcmp(b.tags[i].p, ip->tags[i].p, b.tags[i].n));
	free(scratch);
	free(f);
}

static void check_plain(const struct ak_rec *rec)
{
	for (size_t i = 0; i < rec->nfields; i++) {
		const struct ak_field *f = &rec->fields[i];

		if (f->flags & AK_F_PLAIN)
			FZ_CHECK(fz_plain(f->key.p, f->key.n) && fz_plain(f->val.p, f->val.n));
	}
	if (rec->flags & AK_REC_MSG_PLAIN) {
		size_t gs = 0;

		for (size_t i = 0; i < rec->msg.n; i++) {
			unsigned char c = (unsigned char)rec->msg.p[i];

			gs += c == 0x1d;
			FZ_CHECK(c == 0x1d || (c >= 0x20 && c <= 0x7e && c != '\\'));
		}
		FZ_CHECK(gs <= 1);
	}
	size_t scap = ak_interp_scratch_size(rec);
	void *scratch = malloc(scap);
	struct ak_interp ip;

	FZ_CHECK(scratch != NULL);
	FZ_CHECK(ak_interp_record(&ip, rec, scratch, scap, 0) >= 0);
	FZ_CHECK(ip.kv_plain != NULL || ip.nkv == 0);
	for (size_t i = 0; i < ip.nkv; i++)
		if (ip.kv_plain[i])
			FZ_CHECK(fz_plain(ip.kv[i].key.p, ip.kv[i].key.n) &&
				 fz_plain(ip.kv[i].val.p, ip.kv[i].val.n));
	same_interp_general(rec, &ip);
	free(scratch);
}

/* Write into a roomy buffer (the fast paths want room for the worst case). */
static char *render_roomy(fmt_fn fn, const struct ak_rec *rec, unsigned flags, size_t need,
			  size_t *len)
{
	/* and with the timestamp cache, kept across inputs */
	static struct ak_fmt_cache cache;
	size_t scap = ak_interp_scratch_size(rec);
	void *scratch = malloc(scap ? scap : 1);
	struct ak_fmt_opts o = { .flags = flags, .scratch = scratch, .scratch_cap = scap,
				 .cache = &cache };
	size_t cap = 8 * need + 4096;
	char *buf = malloc(cap);
	struct ak_json w;

	FZ_CHECK(scratch != NULL && buf != NULL);
	ak_json_init(&w, buf, cap);
	FZ_CHECK(fn(&w, rec, &o) == 0);
	*len = ak_json_len(&w);
	FZ_CHECK(*len < cap);
	free(scratch);
	return buf;
}

/*
 * The fast paths change no byte: the record formats the same into an exact
 * and a roomy buffer, and so does the record with every plain flag cleared.
 */
static void check_same_unflagged(fmt_fn fn, const struct ak_rec *rec, unsigned flags, int kind)
{
	struct ak_field *f = malloc(rec->nfields * sizeof(*f) + 1);
	struct ak_rec r = *rec;
	char *a, *b, *c;
	size_t na, nb, nc;

	FZ_CHECK(f != NULL);
	for (size_t i = 0; i < rec->nfields; i++) {
		f[i] = rec->fields[i];
		f[i].flags &= ~(unsigned)AK_F_PLAIN;
	}
	r.fields = f;
	r.flags &= ~(unsigned)AK_REC_MSG_PLAIN;
	na = render_out(fn, rec, flags, kind, &a);
	b = render_roomy(fn, rec, flags, na, &nb);
	c = render_roomy(fn, &r, flags, na, &nc);
	FZ_CHECK(na == nb && memcmp(a, b, na) == 0);
	FZ_CHECK(na == nc && memcmp(a, c, na) == 0);
	free(a);
	free(b);
	free(c);
	free(f);
}

static void render_error(err_fn fn, const struct ak_rec *rec, int kind)
{
	struct ak_json w;
	size_t need;
	char *buf;

	ak_json_init(&w, NULL, 0);
	fn(&w, rec->line.p, rec->line.n, rec->diag.msg, &rec->diag);
	need = ak_json_len(&w);
	buf = malloc(need + 1);
	FZ_CHECK(buf != NULL);
	ak_json_init(&w, buf, need + 1);
	fn(&w, rec->line.p, rec->line.n, rec->diag.msg, &rec->diag);
	FZ_CHECK(ak_json_finish(&w) == (int)need);
	check_output(buf, need, kind, 0);
	free(buf);
}

static void one(const uint8_t *data, size_t size, int payload, uint32_t type)
{
	const char *in = (const char *)data;
	struct ak_field *fields;
	struct ak_rec rec;
	int n, r;

#define PARSE(f, cap)                                                                      \
	(payload ? ak_rec_parse_payload(&rec, type, in, size, (f), (cap))                 \
		 : ak_rec_parse_line(&rec, in, size, (f), (cap)))

	n = PARSE(NULL, 0);
	FZ_CHECK(n >= 0 || n == -EINVAL);
	same_as_ref(&rec, n, in, size, payload, type, -1);
	inside(&rec.line, data, size);
	if (n < 0) {
		FZ_CHECK(rec.diag.msg != NULL);
		FZ_CHECK(rec.diag.pos <= size);
		if (!payload && rec.line.n == 0)
			return; /* a blank line is not a record */
		render_error(ak_fmt_error_json, &rec, OUT_JSON);
		render_error(ak_fmt_error_yaml, &rec, OUT_YAML);
		render_error(ak_fmt_error_text, &rec, OUT_TEXT);
		return;
	}
	fields = malloc((size_t)n * sizeof(*fields) + 1);
	FZ_CHECK(fields != NULL);
	if (n > 0) {
		r = PARSE(fields, (size_t)n - 1);
		FZ_CHECK(r == -ERANGE);
		same_as_ref(&rec, r, in, size, payload, type, (long)n - 1);
	}
	r = PARSE(fields, (size_t)n);
	FZ_CHECK(r == n);
	same_as_ref(&rec, r, in, size, payload, type, (long)n);
	FZ_CHECK(rec.nfields == (size_t)n);
#undef PARSE

	inside(&rec.line, data, size);
	inside(&rec.msg, data, size);
	inside(&rec.body, data, size);
	inside(&rec.node, data, size);
	inside(&rec.type_name, data, size);
	/* keys may be static strings (LOGIN's "old auid" -> old_auid, AVC's seresult):
	 * ASan checks they are readable; values must be slices of the input */
	for (int i = 0; i < n; i++) {
		FZ_CHECK(fields[i].key.n > 0 && fields[i].key.p != NULL);
		FZ_CHECK(memchr(fields[i].key.p, '\0', fields[i].key.n) == NULL ||
			 memchr(data, '\0', size) != NULL);
		inside(&fields[i].val, data, size);
	}
	(void)ak_rec_field(&rec, "type");
	(void)ak_rec_enriched(&rec, "UID");

	check_plain(&rec);
	check_same_unflagged(ak_fmt_record_json, &rec, 0, OUT_JSON);
	check_same_unflagged(ak_fmt_record_json, &rec, AK_FMT_RAW, OUT_JSON);
	render(ak_fmt_record_json, &rec, AK_FMT_NO_ENRICHED, OUT_JSON);
	render(ak_fmt_record_yaml, &rec, 0, OUT_YAML);
	render(ak_fmt_record_json, &rec, AK_FMT_VALUES, OUT_JSON);
	render(ak_fmt_record_yaml, &rec, AK_FMT_VALUES, OUT_YAML);
	render(ak_fmt_record_text, &rec, 0, OUT_TEXT);
	free(fields);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint32_t types[] = { 1300, 1302, 1306, 1309, 1327, 1326, 1100, 1112,
					  1123, 1319, 1400, 1006, 1104, 9999 };

	const uint8_t *p = data;
	size_t n = size;

	one(data, size, 0, 0);
	/* as a payload: what follows the first "msg=", if any (an audit.log line's payload) */
	for (size_t i = 0; i + 4 <= size; i++) {
		if (memcmp(data + i, "msg=", 4) == 0) {
			p = data + i + 4;
			n = size - i - 4;
			break;
		}
	}
	one(p, n, 1, types[size % (sizeof(types) / sizeof(types[0]))]);
	return 0;
}
