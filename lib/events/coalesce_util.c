// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/* The coalescer's arena, sorted maps, string builder and warnings. */

#include <auditkit/tables.h>
#include <errno.h>
#include <stdlib.h>

#include "core/decimal.h"
#include "events/coalesce_int.h"

char *ak__ev_strdup(struct ak_event *ev, const char *s, size_t n)
{
	char *p = ak__ev_alloc(ev, n + 1, 1);

	if (!p)
		return NULL;
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* ---- maps ---- */


long ak__map_find(const struct ak_event_map *m, const char *key, size_t n)
{
	size_t lo = 0, hi = m->n;

	/* Records often list keys in order: check the end first. */
	if (hi) {
		int c = ak__key_cmp1(m->kv[hi - 1].key.p, m->kv[hi - 1].key.n, key, n);

		if (c < 0)
			return -(long)hi - 1;
		if (c == 0)
			return (long)hi - 1;
		hi--;
	}

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = ak__key_cmp1(m->kv[mid].key.p, m->kv[mid].key.n, key, n);

		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -(long)lo - 1;
}

AK_EXPORT const struct ak_str *ak_event_map_get(const struct ak_event_map *m, const char *key)
{
	return ak__map_get(m, key, strlen(key));
}

struct ak_str *ak__map_get(const struct ak_event_map *m, const char *key, size_t n)
{
	long i;

	/* A small map: a scan by length and first byte beats the search. */
	if (m->n <= 16) {
		if (!n) {
			for (size_t j = 0; j < m->n; j++)
				if (!m->kv[j].key.n)
					return &m->kv[j].val;
			return NULL;
		}
		for (size_t j = 0; j < m->n; j++) {
			const struct ak_str *k = &m->kv[j].key;
			size_t b = 1;

			if (k->n != n || k->p[0] != key[0])
				continue;
			/* the rest in a byte loop: keys are short, a call costs more */
			while (b < n && k->p[b] == key[b])
				b++;
			if (b == n)
				return &m->kv[j].val;
		}
		return NULL;
	}
	i = ak__map_find(m, key, n);
	return i >= 0 ? &m->kv[i].val : NULL;
}

static int map_grow(struct ak_event *ev, struct ak_event_map *m)
{
	size_t cap = m->cap ? m->cap * 2 : 8;
	struct ak_kv *kv = ak__ev_alloc(ev, cap * (sizeof(*kv) + 1), _Alignof(struct ak_kv));
	unsigned char *plain;

	if (!kv)
		return -ERANGE;
	plain = (unsigned char *)(kv + cap);
	if (m->n) {
		memcpy(kv, m->kv, m->n * sizeof(*kv));
		if (m->plain)
			memcpy(plain, m->plain, m->n);
		else
			memset(plain, 0, m->n);
	}
	m->kv = kv;
	m->plain = plain;
	m->cap = cap;
	return 0;
}

static int map_insert_at(struct ak_event *ev, struct ak_event_map *m, size_t at, struct ak_str key,
			 struct ak_str val, unsigned char plain)
{
	if (m->n == m->cap || !m->plain) {
		/* (a map without flags, such as one a caller built, gets them here) */
		int r = map_grow(ev, m);

		if (r < 0)
			return r;
	}
	memmove(&m->kv[at + 1], &m->kv[at], (m->n - at) * sizeof(*m->kv));
	memmove(&m->plain[at + 1], &m->plain[at], m->n - at);
	m->kv[at].key = key;
	m->kv[at].val = val;
	m->plain[at] = plain;
	m->n++;
	return 1;
}

int ak__map_insert_block(struct ak_event *ev, struct ak_event_map *m, size_t at,
			 const struct ak_kv *kv, const unsigned char *plain, size_t cnt)
{
	while (m->n + cnt > m->cap || !m->plain) {
		int r = map_grow(ev, m);

		if (r < 0)
			return r;
	}
	memmove(&m->kv[at + cnt], &m->kv[at], (m->n - at) * sizeof(*m->kv));
	memmove(&m->plain[at + cnt], &m->plain[at], m->n - at);
	memcpy(&m->kv[at], kv, cnt * sizeof(*kv));
	memcpy(&m->plain[at], plain, cnt);
	m->n += cnt;
	return 0;
}

int ak__map_set(struct ak_event *ev, struct ak_event_map *m, struct ak_str key, struct ak_str val,
		unsigned char plain)
{
	long i = ak__map_find(m, key.p, key.n);

	if (i >= 0) {
		/* (the key kept has the same bytes as @key) */
		m->kv[i].val = val;
		if (m->plain)
			m->plain[i] = plain;
		return 0;
	}
	return map_insert_at(ev, m, (size_t)(-i - 1), key, val, plain);
}

int ak__map_add(struct ak_event *ev, struct ak_event_map *m, struct ak_str key, struct ak_str val,
		unsigned char plain)
{
	long i = ak__map_find(m, key.p, key.n);

	if (i >= 0)
		return 0;
	return map_insert_at(ev, m, (size_t)(-i - 1), key, val, plain);
}

/* Big-endian first 8 bytes, zero-padded: orders like key_cmp on those bytes. */
static inline uint64_t prefix(struct ak_str k)
{
	uint64_t v = 0;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* word loads, no memcpy call: 8 bytes, or two overlapping 4-byte
	 * words whose shared bytes land on the same bits */
	if (k.n >= 8) {
		memcpy(&v, k.p, 8);
	} else if (k.n >= 4) {
		uint32_t lo, hi;

		memcpy(&lo, k.p, 4);
		memcpy(&hi, k.p + k.n - 4, 4);
		v = lo | (uint64_t)hi << (8 * (k.n - 4));
	} else {
		for (size_t i = k.n; i-- > 0;)
			v = v << 8 | (unsigned char)k.p[i];
	}
	v = __builtin_bswap64(v);
#else
	memcpy(&v, k.p, k.n < 8 ? k.n : 8);
#endif
	return v;
}

struct pkey {
	uint64_t pfx;
	const struct ak_kv *kv;
};

static int pkey_cmp(const void *a, const void *b)
{
	const struct pkey *x = a, *y = b;

	if (x->pfx != y->pfx)
		return x->pfx < y->pfx ? -1 : 1;
	return ak__key_cmp(x->kv->key.p, x->kv->key.n, y->kv->key.p, y->kv->key.n);
}

/* The cache tag of a key list: its length, its keys' lengths, and the map
 * it is for. */
uint32_t ak__sc_tag(const struct ak_kv *kv, size_t n, unsigned site)
{
	uint32_t h = (uint32_t)n * 0x9E3779B1u ^ site;
	size_t i = 0;

	/* the lengths only, two keys a step: a tag picks an order, which
	 * is checked before use, so a collision costs a sort, never a result */
	for (; i + 2 <= n; i += 2)
		h = (h ^ ((uint32_t)kv[i].key.n | (uint32_t)kv[i + 1].key.n << 16)) * 0x01000193u;
	if (i < n)
		h = (h ^ (uint32_t)kv[i].key.n) * 0x01000193u;
	return h;
}

/* Does @perm put @kv in strictly increasing key order?  Then @m gets them
 * (and their flags from @plain, NULL: none).  One pass: each entry is copied
 * as it is checked against the one before (on failure @m keeps n = 0 and
 * whatever was copied is overwritten by the sort). */
static bool sc_try(struct ak_event_map *m, const struct ak_kv *kv, const unsigned char *plain,
		   size_t n, const uint8_t *perm)
{
	struct ak_kv *restrict dk = m->kv;
	unsigned char *restrict dp = m->plain;
	struct ak_str prev = kv[perm[0]].key;

	dk[0] = kv[perm[0]];
	for (size_t i = 1; i < n; i++) {
		const struct ak_kv *e = &kv[perm[i]];

		if (ak__key_cmp(prev.p, prev.n, e->key.p, e->key.n) >= 0)
			return false;
		prev = e->key;
		dk[i] = *e;
	}
	if (plain) {
		for (size_t i = 0; i < n; i++)
			dp[i] = plain[perm[i]];
	} else {
		memset(dp, 0, n);
	}
	m->n = n;
	return true;
}

/* After sc_try() put the kept entries in @m: does every other entry of @kv
 * repeat the kept one @dup names?  Then @m is what sorting would give: each
 * key kept once, and (as remembered) the winner among its repeats. */
static bool dups_hold(const struct ak_event_map *m, const struct ak_kv *kv, size_t n,
		      const uint8_t *dup)
{
	for (size_t i = 0; i < n; i++) {
		const struct ak_str *k;

		if (dup[i] == 0xff)
			continue;
		k = &m->kv[dup[i]].key;
		if (k->n != kv[i].key.n || ak__key_cmp(k->p, k->n, kv[i].key.p, kv[i].key.n))
			return false;
	}
	return true;
}

static int map_build(struct ak_event *ev, struct ak_event_map *m, const struct ak_kv *kv,
		     const unsigned char *plain, size_t n, size_t cap, bool first_wins,
		     struct ak_coalesce_cache *sc, unsigned site)
{
	struct pkey *t;
	size_t used;
	uint32_t tag = 0;
	unsigned way = 0;
	uint8_t grp[AK__SC_MAXN], win[AK__SC_MAXN]; /* per entry its output; per output its entry */
	int r;

	r = ak__map_init(ev, m, cap > n ? cap : n);
	if (r < 0 || !n)
		return r;
	if (sc && n <= AK__SC_MAXN) {
		tag = ak__sc_tag(kv, n, site) ^ (first_wins ? 0x80000000u : 0);
		way = tag % AK__SC_WAYS;
		if (sc->e[way].n == n && sc->e[way].tag == tag &&
		    sc_try(m, kv, plain, sc->e[way].m, sc->e[way].perm) &&
		    (sc->e[way].m == n || dups_hold(m, kv, n, sc->e[way].dup))) {
			sc->hits++;
			return 0;
		}
		m->n = 0;
		sc->misses++;
	}
	used = ev->arena_.used;
	t = ak__ev_alloc(ev, n * sizeof(*t), _Alignof(struct pkey));
	if (!t)
		return -ERANGE;
	for (size_t i = 0; i < n; i++)
		t[i] = (struct pkey){ prefix(kv[i].key), &kv[i] };
	if (n <= 48) {
		for (size_t i = 1; i < n; i++) {
			struct pkey x = t[i];
			size_t j = i;

			while (j && (t[j - 1].pfx > x.pfx ||
				     (t[j - 1].pfx == x.pfx && pkey_cmp(&t[j - 1], &x) > 0))) {
				t[j] = t[j - 1];
				j--;
			}
			t[j] = x;
		}
	} else {
		qsort(t, n, sizeof(*t), pkey_cmp);
	}
	for (size_t i = 0, kept = 0; i < n; i++) {
		size_t at = (size_t)(t[i].kv - kv);

		/* duplicate keys: the one later (or earlier) in @kv wins */
		if (m->n && !pkey_cmp(&t[kept], &t[i])) {
			if (first_wins ? t[i].kv < t[kept].kv : t[i].kv > t[kept].kv) {
				m->kv[m->n - 1] = *t[i].kv;
				m->plain[m->n - 1] = ak__plain_at(plain, at);
				kept = i;
				if (n <= AK__SC_MAXN)
					win[m->n - 1] = (uint8_t)at;
			}
			if (n <= AK__SC_MAXN)
				grp[at] = (uint8_t)(m->n - 1);
			continue;
		}
		if (n <= AK__SC_MAXN) {
			grp[at] = (uint8_t)m->n;
			win[m->n] = (uint8_t)at;
		}
		m->plain[m->n] = ak__plain_at(plain, at);
		m->kv[m->n++] = *t[i].kv;
		kept = i;
	}
	/* Remember the order: the kept entries, and which kept one each
	 * other entry repeats. */
	if (sc && n <= AK__SC_MAXN) {
		sc->e[way].tag = tag;
		sc->e[way].n = (uint8_t)n;
		sc->e[way].m = (uint8_t)m->n;
		for (size_t o = 0; o < m->n; o++)
			sc->e[way].perm[o] = win[o];
		for (size_t i = 0; i < n; i++)
			sc->e[way].dup[i] = win[grp[i]] == i ? 0xff : grp[i];
	}
	ev->arena_.used = used + (size_t)((char *)t - (ev->arena_.base + used)); /* free t */
	return 0;
}

int ak__map_build(struct ak_event *ev, struct ak_event_map *m, const struct ak_kv *kv,
		  const unsigned char *plain, size_t n, size_t cap, struct ak_coalesce_cache *sc,
		  unsigned site)
{
	return map_build(ev, m, kv, plain, n, cap, false, sc, site);
}

int ak__map_build_first(struct ak_event *ev, struct ak_event_map *m, const struct ak_kv *kv,
			const unsigned char *plain, size_t n, struct ak_coalesce_cache *sc,
			unsigned site)
{
	return map_build(ev, m, kv, plain, n, 0, true, sc, site);
}

bool ak__map_del(struct ak_event_map *m, const char *key, struct ak_str *val)
{
	long i = ak__map_find(m, key, strlen(key));

	if (i < 0)
		return false;
	if (val)
		*val = m->kv[i].val;
	memmove(&m->kv[i], &m->kv[i + 1], (m->n - (size_t)i - 1) * sizeof(*m->kv));
	if (m->plain)
		memmove(&m->plain[i], &m->plain[i + 1], m->n - (size_t)i - 1);
	m->n--;
	return true;
}

/* ---- string builder ---- */

void ak__sb_mem(struct ak__sb *b, const char *s, size_t n)
{
	size_t room = b->cap > b->n ? b->cap - b->n : 0;

	if (n > room)
		n = room;
	if (n)
		memcpy(b->p + b->n, s, n);
	b->n += n;
}

void ak__sb_cstr(struct ak__sb *b, const char *s)
{
	ak__sb_mem(b, s, strlen(s));
}

void ak__sb_uint(struct ak__sb *b, uint64_t v)
{
	char tmp[AK__U64_DIGITS];

	ak__sb_mem(b, tmp, ak__utoa(tmp, v));
}

void ak__sb_golist(struct ak__sb *b, const char *packed)
{
	ak__sb_mem(b, "[", 1);
	for (const char *p = packed; p && *p; p += strlen(p) + 1) {
		if (p != packed)
			ak__sb_mem(b, " ", 1);
		ak__sb_cstr(b, p);
	}
	ak__sb_mem(b, "]", 1);
}

void ak__sb_type(struct ak__sb *b, uint32_t type)
{
	const char *name = ak_msgtype_name(type);

	if (name) {
		ak__sb_cstr(b, name);
		return;
	}
	ak__sb_cstr(b, "UNKNOWN[");
	ak__sb_uint(b, type);
	ak__sb_cstr(b, "]");
}

/* ---- warnings ---- */

int ak__ev_warn(struct ak_event *ev, const char *msg, size_t n)
{
	char *s;

	/* The array grows by doubling from the arena, like the maps. */
	if ((ev->nwarnings & (ev->nwarnings - 1)) == 0 && ev->nwarnings >= 4) {
		struct ak_str *w = ak__ev_alloc(ev, 2 * ev->nwarnings * sizeof(*w),
						_Alignof(struct ak_str));

		if (!w)
			return -ERANGE;
		memcpy(w, ev->warnings, ev->nwarnings * sizeof(*w));
		ev->warnings = w;
	} else if (!ev->warnings) {
		ev->warnings = ak__ev_alloc(ev, 4 * sizeof(*ev->warnings), _Alignof(struct ak_str));
		if (!ev->warnings)
			return -ERANGE;
	}
	s = ak__ev_strdup(ev, msg, n);
	if (!s)
		return -ERANGE;
	ev->warnings[ev->nwarnings++] = (struct ak_str){ s, n };
	return 0;
}

int ak__ev_warn_sb(struct ak_event *ev, const struct ak__sb *b)
{
	return ak__ev_warn(ev, b->p, b->n < b->cap ? b->n : b->cap);
}

