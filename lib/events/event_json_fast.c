// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * ak_event_json()'s fast path: the same bytes as the general writer
 * (event_json.c, through the ak_json_* calls), written straight into the
 * buffer.  The event's shape is fixed, so the separators are literals and
 * only the optional members need a comma flag; strings that need no escaping
 * (nearly all) are copied with a few word moves, the others go through
 * ak_json_escape().  Before each piece the room for its worst case (every
 * byte escaped to 6) is checked; when the buffer is too small the fast path
 * gives up, leaves the writer untouched, and the general writer (which counts
 * what would overflow) does the work.
 */

#include <auditkit/tables.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "core/decimal.h"
#include "events/coalesce_int.h"
#include "events/event_out.h"
#include "output/utf8.h" /* ak__copy_words */

/* Room kept free after every piece: the literals between checks, and the
 * word moves' overshoot. */
#define SLACK 96

struct fw {
	char *d;   /* next byte */
	char *end; /* end of the buffer */
	bool bad;  /* out of room: the caller falls back */
};

#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

#ifdef __SSE2__
/* A bit per byte of @v that needs escaping: < 0x20, '"', '\\', 0x7f or >= 0x80. */
static inline unsigned special16(__m128i v)
{
	/* signed compare: bytes 0x80 and up are negative, so below 0x20 too */
	__m128i lt = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20));
	__m128i q = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
	__m128i b = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
	__m128i d = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7f));

	return (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(lt, q), _mm_or_si128(b, d)));
}

/* Does any byte of the two words need escaping? */
static inline bool special_2w(uint64_t x, uint64_t y)
{
	return special16(_mm_set_epi64x((long long)y, (long long)x)) != 0;
}

/* Of the one word? */
static inline bool special_1w(uint64_t x)
{
	return (special16(_mm_cvtsi64_si128((long long)x)) & 0xff) != 0;
}
#else
/* Nonzero if any byte of @x is < 0x20, '"', '\\', 0x7f or >= 0x80: the bytes
 * the JSON writer does not copy as they are.  Each term is exact as an "any
 * byte" test: below 0x20 (borrow only where a byte is below, or at 0x80 and
 * up, which the second term catches anyway), 0x7f and up (a carry out of a
 * byte only from 0xff), and the two zero-byte tests. */
static inline uint64_t special(uint64_t x)
{
	uint64_t lt20 = (x - ONES * 0x20) & ~x;
	uint64_t ge7f = (x + ONES) | x;
	uint64_t q = x ^ (ONES * '"'), b = x ^ (ONES * '\\');

	q = (q - ONES) & ~q;
	b = (b - ONES) & ~b;
	return (lt20 | ge7f | q | b) & HIGHS;
}

static inline bool special_2w(uint64_t x, uint64_t y)
{
	return (special(x) | special(y)) != 0;
}

static inline bool special_1w(uint64_t x)
{
	return special(x) != 0;
}
#endif

/* The high bit of each byte of @x equal to @c, exactly (no borrows). */
static inline uint64_t special_eq(uint64_t x, unsigned char c)
{
	uint64_t y = x ^ (ONES * c);
	uint64_t t = (y & ~HIGHS) + ~HIGHS;

	return ~(t | y | ~HIGHS);
}

/* 1 for the bytes esc() must not copy as they are (as special16() above). */
static const unsigned char dirty[256] = {
	[0x00 ... 0x1f] = 1, ['"'] = 1, ['\\'] = 1, [0x7f ... 0xff] = 1,
};

/* Room for @n more bytes (plus SLACK)?  Once out of room the output is
 * dropped anyway, so later pieces may still be written (inside the buffer)
 * or not; no @n comes near overflowing. */
static inline bool room(struct fw *f, size_t n)
{
	if ((size_t)(f->end - f->d) < n + SLACK) {
		f->bad = true;
		return false;
	}
	return true;
}

/*
 * @s of 4 to 16 bytes copied to @d with two word moves (overlapping) if no
 * byte of it needs escaping: the end; else NULL and nothing written.
 */
static inline __attribute__((always_inline)) char *clean_words(char *d, const char *s, size_t n)
{
	if (n >= 8) {
		uint64_t x, y;

		memcpy(&x, s, 8);
		memcpy(&y, s + n - 8, 8);
		if (special_2w(x, y))
			return NULL;
		memcpy(d, &x, 8);
		memcpy(d + n - 8, &y, 8);
	} else {
		uint32_t x, y;

		memcpy(&x, s, 4);
		memcpy(&y, s + n - 4, 4);
		if (special_1w((uint64_t)x << 32 | y))
			return NULL;
		memcpy(d, &x, 4);
		memcpy(d + n - 4, &y, 4);
	}
	return d + n;
}

/* The escaped body of @s; room for 6 * @n bytes was checked. */
static inline __attribute__((always_inline)) char *esc(char *d, const char *s, size_t n)
{
	if (n >= 4 && n <= 16) {
		char *e = clean_words(d, s, n);

		if (e)
			return e;
	} else if (n < 4) {
		unsigned bad = 0;

		for (size_t i = 0; i < n; i++) {
			d[i] = s[i];
			bad |= dirty[(unsigned char)s[i]];
		}
		if (!bad)
			return d + n;
	}
#ifdef __SSE2__
	else {
		/* longer: 16 bytes at a time while they are clean, the last
		 * block overlapping; from the first block that is not, the
		 * general escaper (a clean block ends on a character boundary) */
		size_t i = 0;
		__m128i x;

		for (; i + 16 <= n; i += 16) {
			x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
			if (special16(x))
				return d + i + ak_json_escape(d + i, 6 * (n - i), s + i, n - i);
			_mm_storeu_si128((__m128i *)(void *)(d + i), x);
		}
		if (i < n) {
			x = _mm_loadu_si128((const __m128i *)(const void *)(s + n - 16));
			if (special16(x))
				return d + i + ak_json_escape(d + i, 6 * (n - i), s + i, n - i);
			_mm_storeu_si128((__m128i *)(void *)(d + n - 16), x);
		}
		return d + n;
	}
#endif
	return d + ak_json_escape(d, 6 * n, s, n);
}

/* A quoted string. */
static inline void str(struct fw *f, const char *s, size_t n)
{
	char *d;

	if (!room(f, 6 * n + 2))
		return;
	d = f->d;
	*d++ = '"';
	d = esc(d, s, n);
	*d++ = '"';
	f->d = d;
}

/* Literal bytes. */
#define LIT(f, s) lit(f, s, sizeof(s) - 1)
static inline void lit(struct fw *f, const char *s, size_t n)
{
	if (!room(f, n))
		return;
	memcpy(f->d, s, n);
	f->d += n;
}

/* A member whose key is a clean literal: ,"key": (comma when not first).
 * KEY_RAW takes the literal with its quotes, colon and what follows. */
#define KEY(f, c, k) key_lit(f, c, "\"" k "\":", sizeof(k) + 2)
#define KEY_RAW(f, c, s) key_lit(f, c, s, sizeof(s) - 1)
static inline void key_lit(struct fw *f, bool *comma, const char *k, size_t kn)
{
	if (!room(f, kn + 1))
		return;
	*f->d = ',';
	f->d += *comma;
	*comma = true;
	memcpy(f->d, k, kn);
	f->d += kn;
}

/* kv_str: the member only when the value is non-empty. */
#define KV_STR(f, c, k, v) kv_str(f, c, "\"" k "\":", sizeof(k) + 2, v)
static inline void kv_str(struct fw *f, bool *comma, const char *k, size_t kn, struct ak_str v)
{
	if (!v.n)
		return;
	key_lit(f, comma, k, kn);
	str(f, v.p, v.n);
}

static inline void cstr(struct fw *f, const char *s)
{
	str(f, s, strlen(s));
}

/*
 * The same writers without a room check of their own, for a section whose
 * worst case (every string escaped to 6 bytes a byte, SEC_LIT bytes of keys
 * and punctuation) was checked once: they take and return the write position.
 */
#define SEC_LIT 256
static __attribute__((noinline)) char *esc_call(char *d, const char *s, size_t n)
{
	return esc(d, s, n);
}

/* (inline: the short clean strings, most of them, here; the rest called) */
static inline __attribute__((always_inline)) char *u_str(char *d, const char *s, size_t n)
{
	char *e = NULL;

	*d++ = '"';
	if (n >= 4 && n <= 16)
		e = clean_words(d, s, n);
	d = e ? e : esc_call(d, s, n);
	*d++ = '"';
	return d;
}

static inline char *u_key(char *d, bool *comma, const char *k, size_t kn)
{
	*d = ',';
	d += *comma;
	*comma = true;
	memcpy(d, k, kn);
	return d + kn;
}

#define U_KV_STR(d, c, k, v) u_kv_str(d, c, "\"" k "\":", sizeof(k) + 2, v)
static inline char *u_kv_str(char *d, bool *comma, const char *k, size_t kn, struct ak_str v)
{
	if (!v.n)
		return d;
	d = u_key(d, comma, k, kn);
	return u_str(d, v.p, v.n);
}

#define U_LIT(d, s) (memcpy(d, s, sizeof(s) - 1), (d) + sizeof(s) - 1)
#define U_KEY_RAW(d, c, s) u_key(d, c, s, sizeof(s) - 1)

/* {"k":"v",...}; entries flagged plain are copied without the escaping tests. */
/* map_obj()'s entries at @d, room checked against @end (less the slack),
 * each with a comma before it; NULL when out of room.
 * Inline twice: with and without plain flags. */
static inline __attribute__((always_inline)) char *
map_entries(char *d, const char *end, const struct ak_kv *kv, const unsigned char *plain, size_t n,
	    bool have_plain)
{
	for (size_t i = 0; i < n; i++) {
		struct ak_str k = kv[i].key, v = kv[i].val;
		bool pl = have_plain && plain[i];

		/* room for the entry (6 bytes of punctuation) as it is, or
		 * escaped to 6 bytes a byte (no overflow: no string in memory
		 * comes near 2^61 bytes); d stays at or below @end */
		if ((size_t)(end - d) < (pl ? k.n + v.n : 6 * (k.n + v.n)) + 6)
			return NULL;
		memcpy(d, ",\"", 2);
		d += 2;
		if (pl) {
			ak__copy_words(d, k.p, k.n);
			d += k.n;
			memcpy(d, "\":\"", 3);
			ak__copy_words(d + 3, v.p, v.n);
			d += 3 + v.n;
			*d++ = '"';
			continue;
		}
		d = esc(d, k.p, k.n);
		*d++ = '"';
		*d++ = ':';
		*d++ = '"';
		d = esc(d, v.p, v.n);
		*d++ = '"';
	}
	return d;
}

/* {"k":"v",...}; entries flagged plain are copied without the escaping tests. */
static void map_obj(struct fw *f, const struct ak_event_map *m)
{
	/* Locals: the byte stores below may alias anything in memory. */
	char *d, *d0;

	if (!room(f, 6 + 2))
		return;
	d0 = f->d;
	if (!m->n) {
		memcpy(d0, "{}", 2);
		f->d = d0 + 2;
		return;
	}
	/* every entry comes with a comma before it: the first one's becomes
	 * the brace */
	d = m->plain ? map_entries(d0, f->end - SLACK, m->kv, m->plain, m->n, true)
		     : map_entries(d0, f->end - SLACK, m->kv, NULL, m->n, false);
	if (!d) {
		f->bad = true;
		return;
	}
	*d0 = '{';
	*d++ = '}';
	f->d = d;
}

#define KV_MAP(f, c, k, m) kv_map(f, c, "\"" k "\":", sizeof(k) + 2, m)
static inline void kv_map(struct fw *f, bool *comma, const char *k, size_t kn,
			  const struct ak_event_map *m)
{
	if (!m->n)
		return;
	key_lit(f, comma, k, kn);
	map_obj(f, m);
}

#define KV_LIST(f, c, k, v, n) kv_list(f, c, "\"" k "\":", sizeof(k) + 2, v, n)
static void kv_list(struct fw *f, bool *comma, const char *k, size_t kn, const struct ak_str *v,
		    size_t n)
{
	if (!n)
		return;
	key_lit(f, comma, k, kn);
	LIT(f, "[");
	for (size_t i = 0; i < n; i++) {
		if (i)
			LIT(f, ",");
		str(f, v[i].p, v[i].n);
	}
	LIT(f, "]");
}

#define KV_CLIST(f, c, k, v, n) kv_clist(f, c, "\"" k "\":", sizeof(k) + 2, v, n)
static void kv_clist(struct fw *f, bool *comma, const char *k, size_t kn, const char *const *v,
		     size_t n)
{
	if (!n)
		return;
	key_lit(f, comma, k, kn);
	LIT(f, "[");
	for (size_t i = 0; i < n; i++) {
		if (i)
			LIT(f, ",");
		cstr(f, v[i]);
	}
	LIT(f, "]");
}

/* The members of an ECS entity, after @comma. */
static void entity(struct fw *f, bool *comma, const struct ak_ecs_entity *e)
{
	KV_STR(f, comma, "name", e->name);
	KV_STR(f, comma, "id", e->id);
}

#define ENTITY_OBJ(f, c, k, e) entity_obj(f, c, "\"" k "\":{", sizeof(k) + 3, e)
static void entity_obj(struct fw *f, bool *comma, const char *k, size_t kn,
		       const struct ak_ecs_entity *e)
{
	bool c = false;

	key_lit(f, comma, k, kn);
	entity(f, &c, e);
	LIT(f, "}");
}

#define ADDR_OBJ(f, c, k, a) addr_obj(f, c, "\"" k "\":{", sizeof(k) + 3, a)
static void addr_obj(struct fw *f, bool *comma, const char *k, size_t kn,
		     const struct ak_event_addr *a)
{
	bool c = false;

	key_lit(f, comma, k, kn);
	KV_STR(f, &c, "hostname", a->hostname);
	KV_STR(f, &c, "ip", a->ip);
	KV_STR(f, &c, "port", a->port);
	KV_STR(f, &c, "path", a->path);
	LIT(f, "}");
}

/* The record type's name lower-cased, as ak__ev_type_name() gives it.  A
 * known name is upper-case letters, digits and '_' (checked: anything else
 * takes the general route): eight bytes at a time, 0x20 added to the letters. */
static void type_name(struct fw *f, uint32_t type, char *buf, size_t cap)
{
	const char *name = ak_msgtype_name(type);
	size_t n = name ? strlen(name) : 0;
	char *d;

	if (!n || n > 48 || !room(f, n + 2 + 8)) {
		cstr(f, ak__ev_type_name(type, buf, cap, true));
		return;
	}
	d = f->d;
	*d++ = '"';
	for (size_t i = 0; i < n; i += 8) {
		uint64_t x = 0, up, low, bad;
		size_t k = n - i < 8 ? n - i : 8;

		memcpy(&x, name + i, k);
		/* per byte (all below 0x80 or caught as bad): >= 'A', > 'Z', and
		 * the bytes that are none of A-Z, 0-9, '_' */
		up = (x + ONES * (0x80 - 'A')) & ~(x + ONES * (0x80 - 'Z' - 1)) & HIGHS;
		low = (x + ONES * (0x80 - '0')) & ~(x + ONES * (0x80 - '9' - 1)) & HIGHS;
		bad = ~(up | low) & ~special_eq(x, '_') & HIGHS;
		if (k < 8)
			bad &= (1ull << (8 * k)) - 1;
		if ((x & HIGHS) || bad) {
			cstr(f, ak__ev_type_name(type, buf, cap, true));
			return;
		}
		x |= up >> 2;
		memcpy(d + i, &x, 8);
	}
	d += n;
	*d++ = '"';
	f->d = d;
}

static char *put_uint(char *d, uint64_t v)
{
	return d + ak__utoa(d, v);
}

static void summary(struct fw *f, bool *top, const struct ak_event *ev)
{
	bool a = false, c = true, o = false;
	const struct ak_str *s[] = { &ev->summary.actor.primary, &ev->summary.actor.secondary,
				     &ev->summary.action, &ev->summary.object.type,
				     &ev->summary.object.primary, &ev->summary.object.secondary,
				     &ev->summary.how };
	size_t sum = 0;
	char *d;

	for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++)
		sum += s[i]->n;
	if (!room(f, 6 * sum + SEC_LIT))
		return;
	d = U_KEY_RAW(f->d, top, "\"summary\":{\"actor\":{");
	d = U_KV_STR(d, &a, "primary", ev->summary.actor.primary);
	d = U_KV_STR(d, &a, "secondary", ev->summary.actor.secondary);
	d = U_LIT(d, "}");
	d = U_KV_STR(d, &c, "action", ev->summary.action);
	d = U_KEY_RAW(d, &c, "\"object\":{");
	d = U_KV_STR(d, &o, "type", ev->summary.object.type);
	d = U_KV_STR(d, &o, "primary", ev->summary.object.primary);
	d = U_KV_STR(d, &o, "secondary", ev->summary.object.secondary);
	d = U_LIT(d, "}");
	d = U_KV_STR(d, &c, "how", ev->summary.how);
	f->d = U_LIT(d, "}");
}

static void process(struct fw *f, bool *top, const struct ak_event *ev)
{
	bool c = false;
	char *d;

	KEY_RAW(f, top, "\"user\":{");
	KV_MAP(f, &c, "ids", &ev->user.ids);
	KV_MAP(f, &c, "names", &ev->user.names);
	KV_MAP(f, &c, "selinux", &ev->user.selinux);
	LIT(f, "}");

	c = false;
	if (!room(f, 6 * (ev->process.pid.n + ev->process.ppid.n + ev->process.title.n +
			  ev->process.name.n + ev->process.exe.n + ev->process.cwd.n) +
			     SEC_LIT))
		return;
	d = U_KEY_RAW(f->d, top, "\"process\":{");
	d = U_KV_STR(d, &c, "pid", ev->process.pid);
	d = U_KV_STR(d, &c, "ppid", ev->process.ppid);
	d = U_KV_STR(d, &c, "title", ev->process.title);
	d = U_KV_STR(d, &c, "name", ev->process.name);
	d = U_KV_STR(d, &c, "exe", ev->process.exe);
	f->d = U_KV_STR(d, &c, "cwd", ev->process.cwd);
	KV_LIST(f, &c, "args", ev->process.args, ev->process.nargs);
	LIT(f, "}");
}

static void file(struct fw *f, bool *top, const struct ak_event *ev)
{
	bool c = false;
	char *d;

	if (!room(f, 6 * (ev->file.path.n + ev->file.device.n + ev->file.inode.n +
			  ev->file.mode.n + ev->file.uid.n + ev->file.gid.n + ev->file.owner.n +
			  ev->file.group.n) +
			     SEC_LIT))
		return;
	d = U_KEY_RAW(f->d, top, "\"file\":{");
	d = U_KV_STR(d, &c, "path", ev->file.path);
	d = U_KV_STR(d, &c, "device", ev->file.device);
	d = U_KV_STR(d, &c, "inode", ev->file.inode);
	d = U_KV_STR(d, &c, "mode", ev->file.mode);
	d = U_KV_STR(d, &c, "uid", ev->file.uid);
	d = U_KV_STR(d, &c, "gid", ev->file.gid);
	d = U_KV_STR(d, &c, "owner", ev->file.owner);
	f->d = U_KV_STR(d, &c, "group", ev->file.group);
	KV_MAP(f, &c, "selinux", &ev->file.selinux);
	LIT(f, "}");
}

/* A list of C strings whose lengths are known, unchecked. */
static char *u_clist(char *d, const char *const *v, const size_t *len, size_t n)
{
	*d++ = '[';
	for (size_t i = 0; i < n; i++) {
		*d = ',';
		d += i != 0;
		d = u_str(d, v[i], len[i]);
	}
	*d++ = ']';
	return d;
}

/* "ecs":{"event":{...}, its strings measured first and the room for all
 * checked once. */
static void ecs_event(struct fw *f, bool *top, const struct ak_event *ev)
{
	size_t nc = ev->ecs.ncategory, nt = ev->ecs.ntype, lk = 0, lo = 0, sum;
	size_t lc[AK_EVENT_ECS_MAX], lt[AK_EVENT_ECS_MAX];
	bool c = false;
	char *d;

	if (nc > AK_EVENT_ECS_MAX || nt > AK_EVENT_ECS_MAX) {
		/* (not a coalescer's event: the checked writers) */
		KEY_RAW(f, top, "\"ecs\":{\"event\":{");
		if (ev->ecs.kind) {
			KEY(f, &c, "kind");
			cstr(f, ev->ecs.kind);
		}
		KV_CLIST(f, &c, "category", ev->ecs.category, ev->ecs.ncategory);
		KV_CLIST(f, &c, "type", ev->ecs.type, ev->ecs.ntype);
		if (ev->ecs.outcome) {
			KEY(f, &c, "outcome");
			cstr(f, ev->ecs.outcome);
		}
		return;
	}
	if (ev->ecs.kind)
		lk = strlen(ev->ecs.kind);
	if (ev->ecs.outcome)
		lo = strlen(ev->ecs.outcome);
	sum = lk + lo;
	for (size_t i = 0; i < nc; i++)
		sum += lc[i] = strlen(ev->ecs.category[i]);
	for (size_t i = 0; i < nt; i++)
		sum += lt[i] = strlen(ev->ecs.type[i]);
	if (!room(f, 6 * sum + SEC_LIT))
		return;
	d = U_KEY_RAW(f->d, top, "\"ecs\":{\"event\":{");
	if (ev->ecs.kind) {
		d = U_KEY_RAW(d, &c, "\"kind\":");
		d = u_str(d, ev->ecs.kind, lk);
	}
	if (nc) {
		d = U_KEY_RAW(d, &c, "\"category\":");
		d = u_clist(d, ev->ecs.category, lc, nc);
	}
	if (nt) {
		d = U_KEY_RAW(d, &c, "\"type\":");
		d = u_clist(d, ev->ecs.type, lt, nt);
	}
	if (ev->ecs.outcome) {
		d = U_KEY_RAW(d, &c, "\"outcome\":");
		d = u_str(d, ev->ecs.outcome, lo);
	}
	f->d = d;
}

static void ecs(struct fw *f, bool *top, const struct ak_event *ev)
{
	bool c = false;

	ecs_event(f, top, ev);
	if (!(ev->ecs.user.name.n | ev->ecs.user.id.n | ev->ecs.user_effective.name.n |
	      ev->ecs.user_effective.id.n | ev->ecs.user_target.name.n | ev->ecs.user_target.id.n |
	      ev->ecs.user_changes.name.n | ev->ecs.user_changes.id.n | ev->ecs.group.name.n |
	      ev->ecs.group.id.n)) {
		/* no ECS user or group at all (the usual case): the empty shape */
		LIT(f, "},\"user\":{\"effective\":{},\"target\":{},\"changes\":{}},\"group\":{}}");
		return;
	}
	LIT(f, "},\"user\":{");
	c = false;
	entity(f, &c, &ev->ecs.user);
	ENTITY_OBJ(f, &c, "effective", &ev->ecs.user_effective);
	ENTITY_OBJ(f, &c, "target", &ev->ecs.user_target);
	ENTITY_OBJ(f, &c, "changes", &ev->ecs.user_changes);
	LIT(f, "}");
	c = true;
	ENTITY_OBJ(f, &c, "group", &ev->ecs.group);
	LIT(f, "}");
}

int ak__event_json_fast(struct ak_json *w, const struct ak_event *ev, unsigned flags)
{
	struct fw f;
	char buf[48];
	bool top = true;
	int n;

	/* Only as the first thing at the top level, as auparse writes events:
	 * anything else (inside a container, after a key) is the general
	 * writer's, as is a time beyond what ak__ev_time() formats. */
	if (w->error || w->after_key || w->depth != 0 || !(w->first & 1u) || !w->buf ||
	    w->len >= w->cap)
		return -1;
	f.d = w->buf + w->len;
	f.end = w->buf + w->cap;
	f.bad = false;
	n = ak__ev_time(buf, sizeof(buf), ev->sec, ev->msec, false);
	if (n <= 0 || !room(&f, 64))
		return -1;
	LIT(&f, "{\"@timestamp\":\"");
	memcpy(f.d, buf, (size_t)n);
	f.d += n;
	LIT(&f, "\",\"sequence\":");
	f.d = put_uint(f.d, ev->serial);
	{
		const char *cat = ev->category ? ev->category : "unknown";
		size_t cn = strlen(cat);

		if (room(&f, 6 * cn + SEC_LIT)) {
			f.d = U_KEY_RAW(f.d, &top, "\"category\":");
			f.d = u_str(f.d, cat, cn);
		}
	}
	KEY(&f, &top, "record_type");
	type_name(&f, ev->type, buf, sizeof(buf));
	if (room(&f, 6 * (ev->result.n + ev->session.n) + SEC_LIT)) {
		f.d = U_KV_STR(f.d, &top, "result", ev->result);
		f.d = U_KEY_RAW(f.d, &top, "\"session\":");
		f.d = u_str(f.d, ev->session.p ? ev->session.p : "", ev->session.n);
	}
	KV_LIST(&f, &top, "tags", ev->tags, ev->ntags);

	summary(&f, &top, ev);
	process(&f, &top, ev);
	if (ev->has_file)
		file(&f, &top, ev);
	if (ev->has_source)
		ADDR_OBJ(&f, &top, "source", &ev->source);
	if (ev->has_dest)
		ADDR_OBJ(&f, &top, "destination", &ev->dest);
	if (ev->direction) {
		KEY(&f, &top, "network");
		LIT(&f, "{\"direction\":");
		cstr(&f, ak__ev_direction(ev->direction));
		LIT(&f, "}");
	}
	KV_MAP(&f, &top, "data", &ev->data);
	if (ev->npaths) {
		KEY(&f, &top, "paths");
		LIT(&f, "[");
		for (size_t i = 0; i < ev->npaths; i++) {
			if (i)
				LIT(&f, ",");
			map_obj(&f, &ev->paths[i]);
		}
		LIT(&f, "]");
	}
	ecs(&f, &top, ev);
	if (!(flags & AK_EVENT_OUT_GO_KEYS)) {
		KV_STR(&f, &top, "node", ev->node);
		KV_MAP(&f, &top, "enriched", &ev->enriched);
		KV_LIST(&f, &top, "warnings", ev->warnings, ev->nwarnings);
	}
	LIT(&f, "}\n");
	if (f.bad)
		return -1;
	/* The state the general writer leaves: top level, nothing pending. */
	w->len = (size_t)(f.d - w->buf);
	w->first |= 1u;
	return 0;
}
