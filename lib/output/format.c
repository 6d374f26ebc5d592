// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * Record formatting: go-libaudit's flat ToMapStr() map as JSON Lines, YAML
 * documents or text lines.  See <auditkit/format.h>.
 */
#include <errno.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <auditkit/format.h>
#include <auditkit/interp.h>
#include <auditkit/tables.h>

#include "core/keyhash.h"
#include "output/fmt-internal.h"
#include "output/utf8.h"
#include "records/line-span.h"

/* 0000-03-01 based days-from-civil (Howard Hinnant), inverted. */
static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int64_t)yoe + era * 400 + (*m <= 2);
}

static const char digits2[201] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

static inline char *put2(char *p, unsigned v)
{
	memcpy(p, digits2 + 2 * v, 2);
	return p + 2;
}

int ak_fmt_timestamp(char *dst, size_t cap, int64_t sec, uint32_t msec)
{
	int64_t days, y, rem;
	unsigned mo, d;
	char *p = dst;

	if (cap < 25 || msec > 999) {
		errno = ERANGE;
		return -ERANGE;
	}
	days = sec / 86400;
	rem = sec % 86400;
	if (rem < 0) {
		rem += 86400;
		days--;
	}
	civil_from_days(days, &y, &mo, &d);
	if (y < 0 || y > 9999) {
		errno = ERANGE;
		return -ERANGE;
	}
	unsigned r = (unsigned)rem;

	p = put2(p, (unsigned)y / 100);
	p = put2(p, (unsigned)y % 100);
	*p++ = '-';
	p = put2(p, mo);
	*p++ = '-';
	p = put2(p, d);
	*p++ = 'T';
	p = put2(p, r / 3600);
	*p++ = ':';
	p = put2(p, r / 60 % 60);
	*p++ = ':';
	p = put2(p, r % 60);
	*p++ = '.';
	*p++ = (char)('0' + msec / 100);
	p = put2(p, msec % 100);
	*p++ = 'Z';
	*p = '\0';
	return (int)(p - dst);
}

/* go-libaudit's AuditMessageType.String(): the name, or UNKNOWN[n]. */
const char *ak__fmt_type_name(const struct ak_rec *rec, char *buf, size_t cap)
{
	const char *n = ak_msgtype_name(rec->type);
	char tmp[12];
	size_t i = sizeof(tmp), len;
	uint32_t t = rec->type;

	if (n)
		return n;
	do {
		tmp[--i] = (char)('0' + t % 10);
		t /= 10;
	} while (t);
	len = sizeof(tmp) - i;
	if (cap < len + 10)
		return "UNKNOWN";
	memcpy(buf, "UNKNOWN[", 8);
	memcpy(buf + 8, tmp + i, len);
	buf[8 + len] = ']';
	buf[9 + len] = '\0';
	return buf;
}

static inline __attribute__((always_inline)) void dedup(struct ak__fmt_view *v,
							 const struct ak_rec *rec, size_t from);

static inline __attribute__((always_inline)) int prepare(struct ak__fmt_view *v,
							  const struct ak_rec *rec,
							  const struct ak_fmt_opts *opts,
							  int emit)
{
	unsigned flags = opts ? opts->flags : 0;
	uint32_t s = rec->serial;
	size_t i = sizeof(v->seq);
	int ret;

	v->raw = 1;
	if (flags & AK_FMT_RAW) {
		memset(&v->ip, 0, sizeof(v->ip));
	} else { /* (the interpretation clears v->ip) */
		void *scr = opts ? opts->scratch : NULL;
		size_t cap = opts ? opts->scratch_cap : 0;

		if (!scr) {
			/* no caller scratch: the view's own, enough for typical records */
			scr = v->stack_scratch;
			cap = sizeof(v->stack_scratch);
		}
		ret = ak__interp_run(&v->entries, &v->ip, rec, scr, cap);
		if (ret < 0)
			return ret;
		if (emit)
			ak__interp_emit(v->entries, &v->ip);
		v->raw = 0;
	}
	v->type = ak_msgtype_name(rec->type); /* (the call below builds UNKNOWN[n]) */
	if (!v->type)
		v->type = ak__fmt_type_name(rec, v->type_buf, sizeof(v->type_buf));
	struct ak_fmt_cache *cache = opts ? opts->cache : NULL;

	if (cache && cache->ts_n && cache->ts_n < sizeof(v->ts) && cache->sec == rec->sec &&
	    cache->msec == rec->msec) {
		memcpy(v->ts, cache->ts, sizeof(v->ts));
		v->ts_n = cache->ts_n;
	} else {
		ret = ak_fmt_timestamp(v->ts, sizeof(v->ts), rec->sec, rec->msec);
		if (ret < 0) {
			memcpy(v->ts, "0000-01-01T00:00:00.000Z", 25);
			ret = 24;
		}
		v->ts_n = (size_t)ret;
		if (cache) {
			memcpy(cache->ts, v->ts, sizeof(cache->ts));
			cache->ts_n = (uint32_t)ret;
			cache->sec = rec->sec;
			cache->msec = rec->msec;
		}
	}
	/* two digits at a time */
	while (s >= 100) {
		i -= 2;
		memcpy(v->seq + i, digits2 + 2 * (s % 100), 2);
		s /= 100;
	}
	if (s >= 10) {
		i -= 2;
		memcpy(v->seq + i, digits2 + 2 * s, 2);
	} else {
		v->seq[--i] = (char)('0' + s);
	}
	v->seq_p = v->seq + i;
	v->seq_n = sizeof(v->seq) - i;
	/* the parser stores the enriched fields last; a shaped record's data are its first ndata */
	size_t ne = 0;

	if (!v->raw && v->entries.unreserved)
		ne = rec->nfields - v->entries.ndata;
	else
		while (ne < rec->nfields &&
		       (rec->fields[rec->nfields - 1 - ne].flags & AK_F_ENRICHED))
			ne++;
	v->n_enriched = ne;
	v->has_enriched = v->n_enriched && !(flags & AK_FMT_NO_ENRICHED);
	v->values = !!(flags & AK_FMT_VALUES);
	/* fields written as they are: all in raw mode, else the enriched ones */
	dedup(v, rec, v->raw ? 0 : (v->has_enriched ? rec->nfields - v->n_enriched : rec->nfields));
	return 0;
}

int ak__fmt_prepare(struct ak__fmt_view *v, const struct ak_rec *rec,
		    const struct ak_fmt_opts *opts)
{
	return prepare(v, rec, opts, 1);
}

int ak__fmt_prepare_entries(struct ak__fmt_view *v, const struct ak_rec *rec,
			    const struct ak_fmt_opts *opts)
{
	return prepare(v, rec, opts, 0);
}

/*
 * Duplicate keys, last wins: mark the fields a later field of the same key
 * and part (data or enriched) shadows, in one pass from the end with a hash
 * set on the stack.  Parts with more than AK__FMT_DEDUP_MAX fields (only
 * crafted input) are written with their duplicates, in order, so a reader
 * that keeps the last value (jq, most parsers) still sees "last wins".
 */
static void dedup_set(struct ak__fmt_view *v, const struct ak_rec *rec, size_t from, size_t n,
		      uint16_t *slot, size_t size)
{
	memset(slot, 0, size * sizeof(slot[0]));
	memset(v->shadow, 0, (n + 63) / 64 * sizeof(v->shadow[0]));
	for (size_t i = n; i-- > 0;) {
		const struct ak_field *f = &rec->fields[from + i];
		unsigned kind = f->flags & AK_F_ENRICHED;
		uint32_t h = ak__key_hash(f->key.p, f->key.n) ^ kind;
		for (size_t j = h & (size - 1);; j = (j + 1) & (size - 1)) {
			if (!slot[j]) {
				slot[j] = (uint16_t)(i + 1);
				break;
			}
			const struct ak_field *g = &rec->fields[from + slot[j] - 1];

			if ((g->flags & AK_F_ENRICHED) == kind && g->key.n == f->key.n &&
			    memcmp(g->key.p, f->key.p, f->key.n) == 0) {
				v->shadow[i / 64] |= (uint64_t)1 << (i % 64);
				break;
			}
		}
	}
}

/* The table for parts of many fields: its own frame (16 KiB), called rarely. */
static __attribute__((noinline)) void dedup_large(struct ak__fmt_view *v,
						  const struct ak_rec *rec, size_t from, size_t n)
{
	uint16_t slot[2 * AK__FMT_DEDUP_MAX]; /* field index + 1; 0 = empty */
	size_t size = 16;

	while (size < 2 * n)
		size *= 2;
	dedup_set(v, rec, from, n, slot, size);
}

/*
 * The enriched part of a usual SYSCALL record (the names auditd adds for its
 * ids, all distinct): such a part has no duplicate to look for.
 */
static const struct {
	char p[16];
	unsigned char n;
} syscall_enriched[] = {
#define N(lit) { lit, sizeof(lit) - 1 }
	N("ARCH"), N("SYSCALL"), N("AUID"), N("UID"), N("GID"), N("EUID"), N("SUID"),
	N("FSUID"), N("EGID"), N("SGID"), N("FSGID"),
#undef N
};

static inline int is_syscall_enriched(const struct ak_rec *rec, size_t from)
{
	const struct ak_field *f = &rec->fields[from];
	const size_t n = sizeof(syscall_enriched) / sizeof(syscall_enriched[0]);

	if (rec->nfields - from != n || rec->line.n < 16 || !rec->line.p)
		return 0;
	/* the keys lie in the line: 16 bytes from each are compared when they are in it */
	uintptr_t lo = (uintptr_t)rec->line.p;
	size_t span = rec->line.n - 16;

	for (size_t i = 0; i < n; i++) {
		const char *k = f[i].key.p;
		unsigned kn = syscall_enriched[i].n;

		if (f[i].key.n != kn)
			return 0;
#ifdef __SSE2__
		if ((uintptr_t)k - lo <= span) {
			__m128i x = _mm_loadu_si128((const __m128i *)(const void *)k);
			__m128i y = _mm_loadu_si128((const __m128i *)(const void *)syscall_enriched[i].p);
			unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, y)) | (0xffffu << kn);

			if ((m & 0xffff) != 0xffff)
				return 0;
			continue;
		}
#endif
		for (unsigned j = 0; j < kn; j++) /* near the line's end */
			if (k[j] != syscall_enriched[i].p[j])
				return 0;
	}
	return 1;
}

/* A part of 5 to AK__FMT_DEDUP_MAX fields: a hash set (its own frame). */
static __attribute__((noinline)) void dedup_table(struct ak__fmt_view *v,
						  const struct ak_rec *rec, size_t from, size_t n)
{
	if (n <= 32) { /* a small table on the stack */
		uint16_t slot[64];

		dedup_set(v, rec, from, n, slot, 64);
		return;
	}
	dedup_large(v, rec, from, n);
}

static inline __attribute__((always_inline)) void dedup(struct ak__fmt_view *v,
							 const struct ak_rec *rec, size_t from)
{
	size_t n = rec->nfields - from;

	v->dedup_from = from;
	v->dedup_on = n >= 2 && n <= AK__FMT_DEDUP_MAX;
	if (!v->dedup_on)
		return;
	if (n <= 4) { /* the usual: an enriched part of a few fields, pair by pair */
		const struct ak_field *f = &rec->fields[from];

		v->shadow[0] = 0;
		for (size_t i = 0; i + 1 < n; i++)
			for (size_t j = i + 1; j < n; j++)
				if (f[j].key.n == f[i].key.n &&
				    ((f[j].flags ^ f[i].flags) & AK_F_ENRICHED) == 0 &&
				    memcmp(f[j].key.p, f[i].key.p, f[i].key.n) == 0) {
					v->shadow[0] |= (uint64_t)1 << i;
					break;
				}
		return;
	}
	if (is_syscall_enriched(rec, from)) {
		v->dedup_on = 0;
		return;
	}
	dedup_table(v, rec, from, n);
}

int ak__fmt_shadowed(const struct ak__fmt_view *v, const struct ak_rec *rec, size_t i)
{
	(void)rec;
	if (!v->dedup_on || i < v->dedup_from)
		return 0;
	i -= v->dedup_from;
	return (int)(v->shadow[i / 64] >> (i % 64) & 1);
}

/* Values dropped from data, as go-libaudit does: "", "?", "?,", "(null)". */
int ak__fmt_dropped(const char *v, size_t n)
{
	return n == 0 || (n == 1 && v[0] == '?') || (n == 2 && v[0] == '?' && v[1] == ',') ||
	       (n == 6 && memcmp(v, "(null)", 6) == 0);
}

/*
 * Direct writing: inside an object past its first member, with the writer
 * in a sane state, plain members go straight into the buffer and the
 * writer's length is updated once (or before a member that needs the general
 * writer).  d is NULL when direct writing is off.
 */
static inline char *direct_begin(const struct ak_json *w)
{
	if (w->buf && !w->after_key && w->depth < 32 && !(w->first & (1u << w->depth)) &&
	    w->len <= w->cap)
		return w->buf + w->len;
	return NULL;
}

/*
 * A string of up to 16 bytes whose 16 bytes from its start are all in the
 * record's line (line-span.h) is copied with one move (the bytes after it
 * are overwritten next).
 */

static inline __attribute__((always_inline)) void copy_str(char *d, const char *p, size_t n,
							    struct line_span ls)
{
	if (n <= 16 && (uintptr_t)p - ls.lo <= ls.span)
		memcpy(d, p, 16);
	else
		ak__copy_words(d, p, n);
}

/* ak__json_plain_member() with copy_str(): room for kn + vn + 22 bytes at @d. */
static inline __attribute__((always_inline)) char *line_member(char *d, const char *k, size_t kn,
								const char *v, size_t vn,
								struct line_span ls)
{
	memcpy(d, ",\"", 2);
	copy_str(d + 2, k, kn, ls);
	d += 2 + kn;
	memcpy(d, "\":\"", 3);
	copy_str(d + 3, v, vn, ls);
	d += 3 + vn;
	*d++ = '"';
	return d;
}

static inline __attribute__((always_inline)) char *direct_member(struct ak_json *w, char *d,
								  int plain, const char *k,
								  size_t kn, const char *v,
								  size_t vn, struct line_span ls)
{
	if (d && plain && (size_t)(w->buf + w->cap - d) >= kn + vn + 22)
		return line_member(d, k, kn, v, vn, ls);
	if (d)
		w->len = (size_t)(d - w->buf);
	if (plain)
		ak__json_kv_plain(w, k, kn, v, vn);
	else
		ak__json_kv(w, k, kn, v, vn);
	return direct_begin(w);
}

static inline void direct_end(struct ak_json *w, char *d)
{
	if (d)
		w->len = (size_t)(d - w->buf);
}

/* {"record_type":..,"@timestamp":..,"sequence":.. (names and digits: plain). */
static void header_json(struct ak_json *w, const struct ak__fmt_view *v)
{
	size_t tn = strlen(v->type);

	/* at the top level, where ak_json_obj_open() would write no comma */
	if (w->buf && !w->after_key && w->depth == 0 && (w->first & 1u) &&
	    w->len <= w->cap && w->cap - w->len >= tn + v->ts_n + v->seq_n + 48) {
		char *d = w->buf + w->len;

		memcpy(d, "{\"record_type\":\"", 16);
		ak__copy_words(d + 16, v->type, tn);
		d += 16 + tn;
		memcpy(d, "\",\"@timestamp\":\"", 16);
		ak__copy_words(d + 16, v->ts, v->ts_n);
		d += 16 + v->ts_n;
		memcpy(d, "\",\"sequence\":\"", 14);
		ak__copy_words(d + 14, v->seq_p, v->seq_n);
		d += 14 + v->seq_n;
		*d++ = '"';
		w->len = (size_t)(d - w->buf);
		w->depth = 1;
		w->first &= ~3u; /* the top level has its value, the object members */
		return;
	}
	ak_json_obj_open(w);
	ak__json_kv_plain(w, "record_type", 11, v->type, tn);
	ak__json_kv_plain(w, "@timestamp", 10, v->ts, v->ts_n);
	ak__json_kv_plain(w, "sequence", 8, v->seq_p, v->seq_n);
}

/*
 * A member whose value is a container: @lit is ,"key":{ or ,"key":[ (plain
 * key), written at once when the writer is past the first member of an
 * open container with room; else the checked calls.
 */
static inline __attribute__((always_inline)) void open_member(struct ak_json *w, const char *lit,
								size_t n, int arr)
{
	unsigned dp = w->depth;

	if (w->buf && !w->after_key && dp + 2 < AK_JSON_MAX_DEPTH && !(w->first & (1u << dp)) &&
	    w->len <= w->cap && w->cap - w->len >= n) {
		memcpy(w->buf + w->len, lit, n);
		w->len += n;
		w->depth = dp + 1;
		w->first |= 1u << (dp + 1);
		return;
	}
	ak_json_key(w, lit + 2, n - 5);
	if (arr)
		ak_json_arr_open(w);
	else
		ak_json_obj_open(w);
}

/* The interpreted data members. */
/*
 * One data member, direct when the writer allows it (@s->d set) and the key
 * and value need no escaping; else the checked writers.
 */
struct dw {
	struct ak_json *w;
	char *d;         /* where the next member goes, NULL: checked writers */
	const char *lim; /* the buffer's end (a local: stores through d may alias *w) */
	struct line_span ls;
};

static inline __attribute__((always_inline)) void data_member(struct dw *s,
							       const struct ak__fmt_view *v,
							       const struct ak_rec *rec,
							       const struct ak__ip_ent *e,
							       int unreserved)
{
	const char *k = e->key.p, *val = e->val.p;
	size_t kn = e->key.n, vn = e->val.n;
	int plain = !!(e->flags & E_PLAIN);

	if (!unreserved && ak__fmt_reserved(v, rec, k, kn))
		return;
	if (s->d && plain && (size_t)(s->lim - s->d) >= kn + vn + 22) {
		s->d = line_member(s->d, k, kn, val, vn, s->ls);
		return;
	}
	if (s->d)
		s->w->len = (size_t)(s->d - s->w->buf);
	if (plain)
		ak__json_kv_plain(s->w, k, kn, val, vn);
	else
		ak__json_kv(s->w, k, kn, val, vn);
	s->d = direct_begin(s->w);
}

/*
 * The interpreted data members: the entries in order, each followed by its
 * followers.  @unreserved (a constant): no key needs the reserved check.
 */
static inline __attribute__((always_inline)) void data_loop(struct ak_json *w,
							     const struct ak__fmt_view *v,
							     const struct ak_rec *rec,
							     int unreserved)
{
	/* locals: the stores through s.d may alias the view */
	const struct ak__ip_ent *base = v->entries.e, *e = base, *end = e + v->entries.n;
	struct dw s = { w, direct_begin(w), w->buf + w->cap, line_span(rec) };

	for (; e < end; e++) {
		uint32_t fl = e->flags;

		if (!(fl & E_SPECIAL)) { /* the usual */
			data_member(&s, v, rec, e, unreserved);
			continue;
		}
		if (fl & E_FOLLOWER)
			continue;
		if (!(fl & E_DEL))
			data_member(&s, v, rec, e, unreserved);
		for (uint32_t f = fl & E_HEAD ? e->next : 0; f; f = base[f - 1].next)
			if (!(base[f - 1].flags & E_DEL))
				data_member(&s, v, rec, &base[f - 1], unreserved);
	}
	if (s.d)
		w->len = (size_t)(s.d - w->buf);
}

static void data_json(struct ak_json *w, const struct ak__fmt_view *v, const struct ak_rec *rec)
{
	if (v->entries.unreserved)
		data_loop(w, v, rec, 1);
	else
		data_loop(w, v, rec, 0);
}

/* ,"tags":[...]: plain tags of up to 64 bytes (the usual) straight in, else the checked calls. */
static inline void tags_json(struct ak_json *w, const struct ak_interp *ip)
{
	char *d = direct_begin(w);
	size_t need = 9 + 1 + 16;

	for (size_t i = 0; d && i < ip->ntags; i++) {
		if (ip->tags[i].n > 64 || !ak__short_plain(ip->tags[i].p, ip->tags[i].n))
			d = NULL;
		else
			need += ip->tags[i].n + 3;
	}
	if (d && ip->ntags <= 64 && (size_t)(w->buf + w->cap - d) >= need) {
		memcpy(d, ",\"tags\":[", 9);
		d += 9;
		for (size_t i = 0; i < ip->ntags; i++) {
			*d = ',';
			d += i > 0;
			*d++ = '"';
			ak__copy_words(d, ip->tags[i].p, ip->tags[i].n);
			d += ip->tags[i].n;
			*d++ = '"';
		}
		*d++ = ']';
		w->len = (size_t)(d - w->buf);
		return;
	}
	open_member(w, ",\"tags\":[", 9, 1);
	for (size_t i = 0; i < ip->ntags; i++)
		ak_json_str(w, ip->tags[i].p, ip->tags[i].n);
	ak_json_arr_close(w);
}

int ak_fmt_record_json(struct ak_json *w, const struct ak_rec *rec,
		       const struct ak_fmt_opts *opts)
{
	struct ak__fmt_view v;
	int ret = ak__fmt_prepare_entries(&v, rec, opts);

	if (ret < 0)
		return ret;
	header_json(w, &v);
	struct line_span ls = line_span(rec);

	if (rec->node.n) {
		/* a short plain name (the usual) straight in */
		static const char key[16] = "node"; /* padded: copy_str() may move 16 bytes */
		char *d = direct_begin(w);
		size_t nn = rec->node.n;

		if (d && nn <= 16 && (size_t)(w->buf + w->cap - d) >= nn + 26 &&
		    ak__short_plain(rec->node.p, nn))
			w->len = (size_t)(line_member(d, key, 4, rec->node.p, nn, ls) - w->buf);
		else
			ak__json_kv(w, "node", 4, rec->node.p, rec->node.n);
	}

	if (v.raw) {
		char *d = direct_begin(w);

		for (size_t i = 0; i < rec->nfields; i++) {
			const struct ak_field *f = &rec->fields[i];

			if ((f->flags & AK_F_ENRICHED) || ak__fmt_shadowed(&v, rec, i) ||
			    ak__fmt_dropped(f->val.p, f->val.n) ||
			    ak__fmt_reserved(&v, rec, f->key.p, f->key.n))
				continue;
			d = direct_member(w, d, !!(f->flags & AK_F_PLAIN), f->key.p, f->key.n,
					  f->val.p, f->val.n, ls);
		}
		direct_end(w, d);
	} else {
		data_json(w, &v, rec);
	}
	if (rec->flags & AK_REC_MSG_PLAIN)
		ak__json_kv_msg(w, "raw_msg", 7, rec->msg.p, rec->msg.n);
	else
		ak__json_kv(w, "raw_msg", 7, rec->msg.p, rec->msg.n);
	if (v.ip.ntags)
		tags_json(w, &v.ip);
	if (v.ip.error)
		ak_json_kv_cstr(w, "warning", v.ip.error);
	if (v.has_enriched) {
		char *d = NULL; /* direct after the first member */

		open_member(w, ",\"enriched\":{", 13, 0);
		for (size_t i = rec->nfields - v.n_enriched; i < rec->nfields; i++) {
			const struct ak_field *f = &rec->fields[i];

			if (!(f->flags & AK_F_ENRICHED) || ak__fmt_shadowed(&v, rec, i))
				continue;
			d = direct_member(w, d, !!(f->flags & AK_F_PLAIN), f->key.p, f->key.n,
					  f->val.p, f->val.n, ls);
		}
		direct_end(w, d);
		ak_json_obj_close(w);
	}
	if (opts && (opts->flags & AK_FMT_VALUES))
		ak__fmt_values_json(w, rec);
	/* "}\n" straight in when the record's object is open with room */
	if (w->buf && w->depth == 1 && !w->after_key && w->len + 2 <= w->cap) {
		memcpy(w->buf + w->len, "}\n", 2);
		w->len += 2;
		w->depth = 0;
		w->first |= 1;
		return 0;
	}
	ak_json_obj_close(w);
	ak_out_bytes(w, "\n", 1);
	return 0;
}

void ak_fmt_error_json(struct ak_json *w, const char *line, size_t len, const char *msg,
		       const struct ak_diag *diag)
{
	ak_json_obj_open(w);
	ak_json_kv_cstr(w, "error", msg ? msg : (diag && diag->msg ? diag->msg : "error"));
	if (diag)
		ak_json_kv_uint(w, "error_pos", diag->pos);
	ak_json_kv_str(w, "raw", line, len);
	ak_json_obj_close(w);
	ak_out_bytes(w, "\n", 1);
}
