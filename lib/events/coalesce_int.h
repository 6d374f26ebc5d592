/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AK_EVENTS_COALESCE_INT_H
#define AK_EVENTS_COALESCE_INT_H

/* Helpers shared by the coalescer's files: the event arena, sorted string
 * maps, a small string builder, warnings. */

#include <auditkit/coalesce.h>

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "events/norm.h"

/* ---- arena (bump allocator over the caller's block) ---- */

/* (inline: a few per record and per map) */
static inline void *ak__ev_alloc(struct ak_event *ev, size_t size, size_t align)
{
	uintptr_t base = (uintptr_t)ev->arena_.base;
	size_t off = ev->arena_.used;
	size_t pad = (align - ((base + off) & (align - 1))) & (align - 1);

	if (pad > ev->arena_.cap - off || size > ev->arena_.cap - off - pad)
		return NULL;
	ev->arena_.used = off + pad + size;
	return ev->arena_.base + off + pad;
}

/* The free tail of the arena at @align: its start (NULL if none) and *@room bytes; not taken. */
static inline void *ak__ev_tail(struct ak_event *ev, size_t align, size_t *room)
{
	uintptr_t base = (uintptr_t)ev->arena_.base;
	size_t off = ev->arena_.used;
	size_t pad = (align - ((base + off) & (align - 1))) & (align - 1);

	if (pad > ev->arena_.cap - off) {
		*room = 0;
		return NULL;
	}
	*room = ev->arena_.cap - off - pad;
	return ev->arena_.base + off + pad;
}
/* Copy @n bytes into the arena; NULL on overflow. */
char *ak__ev_strdup(struct ak_event *ev, const char *s, size_t n);

static inline struct ak_str ak__str(const char *s)
{
	return (struct ak_str){ s, s ? strlen(s) : 0 };
}

static inline bool ak__str_eq(struct ak_str a, const char *s)
{
	size_t n = strlen(s);

	return a.n == n && memcmp(a.p, s, n) == 0;
}

static inline bool ak__str_has_prefix(struct ak_str a, const char *s)
{
	size_t n = strlen(s);

	return a.n >= n && memcmp(a.p, s, n) == 0;
}

static inline bool ak__str_has_suffix(struct ak_str a, const char *s)
{
	size_t n = strlen(s);

	return a.n >= n && memcmp(a.p + a.n - n, s, n) == 0;
}

/* ---- sorted maps ---- */

/* Give @m room for @cap entries (and their plain flags) from the arena; -ERANGE on overflow. */
static inline int ak__map_init(struct ak_event *ev, struct ak_event_map *m, size_t cap)
{
	m->n = 0;
	m->cap = 0;
	m->kv = NULL;
	m->plain = NULL;
	if (!cap)
		return 0;
	/* the plain flags right after the entries: one allocation */
	m->kv = ak__ev_alloc(ev, cap * (sizeof(*m->kv) + 1), _Alignof(struct ak_kv));
	if (!m->kv)
		return -ERANGE;
	m->plain = (unsigned char *)(m->kv + cap);
	m->cap = cap;
	return 0;
}
/* Entry @i's plain flag (see struct ak_event_map), 0 when @m keeps none. */
static inline unsigned char ak__map_plain(const struct ak_event_map *m, size_t i)
{
	return m->plain ? m->plain[i] : 0;
}
/* @plain's flag @i, 0 without @plain (ak_interp.kv_plain may be NULL). */
static inline unsigned char ak__plain_at(const unsigned char *plain, size_t i)
{
	return plain ? plain[i] : 0;
}
/* Index of @key, or -(insertion point) - 1. */
long ak__map_find(const struct ak_event_map *m, const char *key, size_t n);
struct ak_str *ak__map_get(const struct ak_event_map *m, const char *key, size_t n);
/* Set @key to @val (replacing); @plain: nonzero when both are plain (struct
 * ak_event_map), 0 when unknown.  Grows from the arena when full. */
int ak__map_set(struct ak_event *ev, struct ak_event_map *m, struct ak_str key, struct ak_str val,
		unsigned char plain);
/* Insert if absent: 1 inserted, 0 present (unchanged), negative errno. */
int ak__map_add(struct ak_event *ev, struct ak_event_map *m, struct ak_str key, struct ak_str val,
		unsigned char plain);
/*
 * The order a map_build() found for a key list, kept for the next list that
 * looks the same (records of one type list their keys in one order, so most
 * events repeat an earlier one).  A remembered order is only used after
 * checking that it sorts the new list strictly (one comparison per
 * neighbour pair, no duplicates); otherwise the list is sorted as usual.
 */
#define AK__SC_WAYS 128
#define AK__SC_MAXN 48
#define AK__SC_SYSCALLS 32
#define AK__SC_SPLITS 64
#define AK__SC_RECTYPES 32
struct ak__norm;
struct ak_coalesce_cache {
	struct {
		uint32_t tag;
		uint8_t n; /* 0: empty */
		uint8_t m; /* entries kept (fewer than n: duplicate keys) */
		uint8_t perm[AK__SC_MAXN]; /* the kept ones, in key order */
		uint8_t dup[AK__SC_MAXN];  /* per entry: the kept one it repeats, or 0xff */
	} e[AK__SC_WAYS];
	/* How the data record's keys split into user.ids, user.selinux and data
	 * (coalesce_split.c): per key, its class and its place in its map. */
	struct {
		uint32_t tag;
		uint8_t n; /* 0: empty */
		uint8_t cnt[3];
		uint8_t dst[AK__SC_MAXN];
	} split[AK__SC_SPLITS];
	uint64_t hits, misses;
	/* The normalization of recent syscall names (a pure function of the name). */
	struct {
		uint8_t n; /* 0: empty */
		char name[23];
		const struct ak__norm *norm;
	} sys[AK__SC_SYSCALLS];
	/* Where a record type's name is in the normalizations' table (a pure
	 * function of the type): slot = index + 2, -1 + 2 when absent, 0 empty. */
	struct {
		uint32_t type;
		int32_t slot;
	} rt[AK__SC_RECTYPES];
};

/* Which map is built (part of the cache tag). */
enum ak__map_site {
	AK__SITE_IDS = 1,
	AK__SITE_SELINUX,
	AK__SITE_DATA,
	AK__SITE_PATH,
	AK__SITE_ENRICHED,
	AK__SITE_NAMES,
	AK__SITE_SPLIT,       /* the split of the data record (coalesce_split.c) */
	AK__SITE_SPLIT_ITEMS, /* the same, without "items" */
};

/* The cache tag of a key list: its length, its keys' lengths, and @site. */
uint32_t ak__sc_tag(const struct ak_kv *kv, size_t n, unsigned site);

/* Byte order, shorter first on a common prefix (Go's string order).  Keys
 * are short: a byte loop beats a memcmp call. */
static inline int ak__key_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	size_t n = an < bn ? an : bn, i = 0;

	/* four bytes at once when both have them (neighbours in a sorted
	 * list often share a prefix: fsgid fsuid, cap_fe cap_fi) */
	if (n >= 4) {
		uint32_t x, y;

		memcpy(&x, a, 4);
		memcpy(&y, b, 4);
		if (x != y) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
			return x < y ? -1 : 1;
#else
			x = __builtin_bswap32(x);
			y = __builtin_bswap32(y);
			return x < y ? -1 : 1;
#endif
		}
		i = 4;
	}
	for (; i < n; i++) {
		if (a[i] != b[i])
			return (unsigned char)a[i] < (unsigned char)b[i] ? -1 : 1;
	}
	return an < bn ? -1 : an > bn;
}

/* The same, deciding at once when the first bytes differ (as they mostly do
 * between keys far apart). */
static inline int ak__key_cmp1(const char *a, size_t an, const char *b, size_t bn)
{
	if (an && bn && a[0] != b[0])
		return (unsigned char)a[0] < (unsigned char)b[0] ? -1 : 1;
	return ak__key_cmp(a, an, b, bn);
}

/*
 * Keys that go into data only to be lifted into process at the end, and that
 * nothing in between reads (no normalization names them): the coalescer
 * keeps a merged one aside instead of inserting it.  A bit per key.
 */
enum {
	AK__ASIDE_CWD = 1,       /* "cwd" */
	AK__ASIDE_PROCTITLE = 2, /* "proctitle" */
	AK__SEEN_SYSCALL = 4,    /* not aside: "syscall", read twice before the end */
	AK__SEEN_ITEMS = 8,      /* not aside: "items", left out (drop_items) */
};

/* What the data record's split saw of those keys: AK__* bits, and the
 * syscall value (the last one: the data map's, which no merge replaces). */
struct ak__seen {
	unsigned bits;
	struct ak_str syscall;
};

/* The AK__ASIDE_* bit of @k, 0 for any other key. */
static inline unsigned ak__aside_bit(struct ak_str k)
{
	if (k.n == 3 && !memcmp(k.p, "cwd", 3))
		return AK__ASIDE_CWD;
	if (k.n == 9 && !memcmp(k.p, "proctitle", 9))
		return AK__ASIDE_PROCTITLE;
	return 0;
}

/* The data record's pairs into ev->result, session, summary.actor,
 * user.ids, user.selinux and data (room for @data_cap); "items" left out
 * with @drop_items.  *@seen gets what went into data of the keys above.
 * @sc (may be NULL) remembers how a key list split. */
int ak__split_data(struct ak_event *ev, const struct ak_interp *ip, size_t data_cap,
		   bool drop_items, struct ak__seen *seen, struct ak_coalesce_cache *sc);

/* Fill @m (from the arena, room for max(@n, @cap)) with @kv sorted; on
 * duplicate keys the later entry of @kv wins.  @plain (NULL: none known) is
 * @kv's plain flags, which follow their entries.  @sc (may be NULL)
 * remembers orders per @site. */
int ak__map_build(struct ak_event *ev, struct ak_event_map *m, const struct ak_kv *kv,
		  const unsigned char *plain, size_t n, size_t cap, struct ak_coalesce_cache *sc,
		  unsigned site);
/* The same, but on duplicate keys the first entry of @kv wins (as repeated
 * ak__map_add() calls would leave it), and no spare room. */
int ak__map_build_first(struct ak_event *ev, struct ak_event_map *m, const struct ak_kv *kv,
			const unsigned char *plain, size_t n, struct ak_coalesce_cache *sc,
			unsigned site);
/* Insert the @cnt entries of @kv (flags @plain), sorted and unique, none of
 * them in @m, all sorting between entries @at - 1 and @at: one move.  Grows
 * from the arena. */
int ak__map_insert_block(struct ak_event *ev, struct ak_event_map *m, size_t at,
			 const struct ak_kv *kv, const unsigned char *plain, size_t cnt);
/* Remove @key; returns whether it was there, and its value in *@val. */
bool ak__map_del(struct ak_event_map *m, const char *key, struct ak_str *val);

/* ---- string builder into a fixed buffer (truncates) ---- */

struct ak__sb {
	char *p;
	size_t n, cap;
};

void ak__sb_mem(struct ak__sb *b, const char *s, size_t n);
void ak__sb_cstr(struct ak__sb *b, const char *s);
void ak__sb_uint(struct ak__sb *b, uint64_t v);
/* Go's %v of a []string from a packed list: "[a b c]". */
void ak__sb_golist(struct ak__sb *b, const char *packed);
/* Go's %v of an AuditMessageType: "SYSCALL" or "UNKNOWN[1340]". */
void ak__sb_type(struct ak__sb *b, uint32_t type);

/* Append a warning (copied into the arena).  -ERANGE when full. */
int ak__ev_warn(struct ak_event *ev, const char *msg, size_t n);
int ak__ev_warn_sb(struct ak_event *ev, const struct ak__sb *b);

/* ---- normalization (normalize.c) ---- */

/* @syscall: data's "syscall" value when known (NULL: look it up). */
int ak__apply_normalization(struct ak_event *ev, struct ak_coalesce_cache *sc,
			    const struct ak_str *syscall);
const struct ak__norm *ak__norm_for_syscall(struct ak_str name);

/* Parse a non-negative number in @base (<= 10); false on anything else or
 * overflow.  Inline: ids and arguments, several per event. */
static inline bool ak__parse_u64(struct ak_str s, int base, uint64_t *out)
{
	uint64_t v = 0;

	if (!s.n)
		return false;
	for (size_t i = 0; i < s.n; i++) {
		unsigned d = (unsigned char)s.p[i] - '0';

		if (d >= (unsigned)base)
			return false;
		/* overflow: false (no division per digit) */
		if (__builtin_mul_overflow(v, (uint64_t)base, &v) || __builtin_add_overflow(v, d, &v))
			return false;
	}
	*out = v;
	return true;
}

#endif
