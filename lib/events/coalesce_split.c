// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * newEvent's split of the data record (spec §4.2): result and ses become
 * header fields, uid/gid keys go to user.ids, subj_* labels to user.selinux,
 * the rest to data, each map sorted.
 *
 * Records of one type mostly carry the same keys in the same order, so the
 * cache remembers, per key list (its tag), each key's class and its place in
 * its map.  A remembered split is used only after checking it: every key is
 * classified again (the same classify() as the first time) and must get the
 * class remembered, and every map must come out strictly increasing.  Then
 * the maps are what sorting would give, and no list of key copies and no
 * per-map sort or cache probe is needed.
 */

#include <errno.h>

#include "events/coalesce_int.h"

enum cls {
	C_IDS,   /* user.ids */
	C_LAB,   /* user.selinux, without "subj_" */
	C_DATA,  /* data */
	C_SKIP,  /* result, ses, items: header fields or dropped */
};

/* The header fields the split sets: result, session, actor primary and
 * secondary (the last of each key wins). */
enum { H_RESULT, H_SES, H_PRIMARY, H_SECONDARY };

static void hdr_get(const struct ak_event *ev, struct ak_str *h)
{
	h[H_RESULT] = ev->result;
	h[H_SES] = ev->session;
	h[H_PRIMARY] = ev->summary.actor.primary;
	h[H_SECONDARY] = ev->summary.actor.secondary;
}

static void hdr_set(struct ak_event *ev, const struct ak_str *h)
{
	ev->result = h[H_RESULT];
	ev->session = h[H_SES];
	ev->summary.actor.primary = h[H_PRIMARY];
	ev->summary.actor.secondary = h[H_SECONDARY];
}

/* The class of @k, and the header field it sets on the way, as newEvent
 * does it: result and ses (and items with @drop_items) are not map keys,
 * auid and uid also set the actor, keys ending in uid or gid are ids,
 * subj_* labels.  Tested from the end first: most keys fail at once. */
static inline __attribute__((always_inline)) enum cls classify(struct ak_str k, struct ak_str v,
							       bool drop_items, struct ak_str *h,
							       struct ak__seen *seen)
{
	const char *p = k.p;
	size_t n = k.n;

	if (n >= 3 && p[n - 1] == 'd' && p[n - 2] == 'i' && (p[n - 3] == 'u' || p[n - 3] == 'g')) {
		if (n == 4 && p[0] == 'a' && p[1] == 'u' && p[2] == 'i')
			h[H_PRIMARY] = v; /* auid */
		else if (n == 3 && p[0] == 'u')
			h[H_SECONDARY] = v; /* uid */
		return C_IDS;
	}
	switch (n) {
	case 3:
		if (!memcmp(p, "ses", 3)) {
			h[H_SES] = v;
			return C_SKIP;
		}
		if (!memcmp(p, "cwd", 3))
			seen->bits |= AK__ASIDE_CWD;
		break;
	case 5:
		if (drop_items && !memcmp(p, "items", 5)) {
			seen->bits |= AK__SEEN_ITEMS;
			return C_SKIP;
		}
		break;
	case 6:
		if (!memcmp(p, "result", 6)) {
			h[H_RESULT] = v;
			return C_SKIP;
		}
		break;
	case 9:
		if (!memcmp(p, "proctitle", 9))
			seen->bits |= AK__ASIDE_PROCTITLE;
		break;
	case 7:
		if (!memcmp(p, "syscall", 7)) {
			seen->bits |= AK__SEEN_SYSCALL;
			seen->syscall = v;
		}
		break;
	}
	if (n >= 5 && !memcmp(p, "subj_", 5))
		return C_LAB;
	return C_DATA;
}

/* Are @m's keys strictly increasing? */
static bool increasing(const struct ak_event_map *m)
{
	for (size_t i = 1; i < m->n; i++) {
		const struct ak_str *a = &m->kv[i - 1].key, *b = &m->kv[i].key;

		if (ak__key_cmp1(a->p, a->n, b->p, b->n) >= 0)
			return false;
	}
	return true;
}

/* The remembered split @e applied to @ip: 0 done, 1 it does not fit (the
 * event and the arena as they were), -ERANGE. */
static int split_cached(struct ak_event *ev, const struct ak_interp *ip, size_t data_cap,
			bool drop_items, struct ak__seen *seen, const uint8_t *cnt, const uint8_t *dst)
{
	struct ak_str h[4];
	size_t used = ev->arena_.used;
	struct ak_event_map *maps[3] = { &ev->user.ids, &ev->user.selinux, &ev->data };
	int r;

	hdr_get(ev, h);
	if ((r = ak__map_init(ev, maps[C_IDS], cnt[C_IDS])) < 0 ||
	    (r = ak__map_init(ev, maps[C_LAB], cnt[C_LAB])) < 0 ||
	    (r = ak__map_init(ev, maps[C_DATA], data_cap > cnt[C_DATA] ? data_cap : cnt[C_DATA])) <
		    0)
		goto undo;
	for (size_t i = 0; i < ip->nkv; i++) {
		struct ak_str k = ip->kv[i].key, v = ip->kv[i].val;
		enum cls c = classify(k, v, drop_items, h, seen);
		unsigned d = dst[i];
		struct ak_event_map *m;

		if (c != d >> 6)
			goto miss;
		if (c == C_SKIP)
			continue;
		m = maps[c];
		d &= 63;
		if (c == C_LAB)
			k = (struct ak_str){ k.p + 5, k.n - 5 };
		m->kv[d] = (struct ak_kv){ k, v };
		/* (the rest of a plain key is plain) */
		m->plain[d] = ip->kv_plain[i];
	}
	for (int c = 0; c < 3; c++) {
		maps[c]->n = cnt[c];
		if (!increasing(maps[c]))
			goto miss;
	}
	hdr_set(ev, h);
	return 0;
miss:
	r = 1;
undo:
	/* (the maps are built again from scratch) */
	ev->arena_.used = used;
	return r;
}

/* Remember how @ip split, if every key landed in an entry of its own. */
static bool remember(const struct ak_event *ev, const struct ak_interp *ip, bool drop_items,
		     uint8_t *cnt, uint8_t *dst, const size_t *counted)
{
	const struct ak_event_map *maps[3] = { &ev->user.ids, &ev->user.selinux, &ev->data };
	struct ak_str h[4];
	struct ak__seen seen = { 0 };

	for (int c = 0; c < 3; c++)
		if (maps[c]->n != counted[c])
			return false; /* duplicate keys: the order cannot be reused */
	for (size_t i = 0; i < ip->nkv; i++) {
		struct ak_str k = ip->kv[i].key;
		enum cls c = classify(k, ip->kv[i].val, drop_items, h, &seen);
		long at;

		if (c == C_SKIP) {
			dst[i] = C_SKIP << 6;
			continue;
		}
		if (c == C_LAB)
			k = (struct ak_str){ k.p + 5, k.n - 5 };
		at = ak__map_find(maps[c], k.p, k.n);
		if (at < 0 || at > 63)
			return false;
		dst[i] = (uint8_t)(c << 6 | at);
	}
	for (int c = 0; c < 3; c++)
		cnt[c] = (uint8_t)counted[c];
	return true;
}

int ak__split_data(struct ak_event *ev, const struct ak_interp *ip, size_t data_cap,
		   bool drop_items, struct ak__seen *seen, struct ak_coalesce_cache *sc)
{
	struct ak_kv *lists[3];
	unsigned char *plains[3];
	size_t cnt[3] = { 0 }, nkv = ip->nkv ? ip->nkv : 1;
	struct ak_str h[4];
	uint32_t tag = 0;
	unsigned way = 0;
	int r;

	if (sc && ip->nkv && ip->nkv <= AK__SC_MAXN) {
		tag = ak__sc_tag(ip->kv, ip->nkv,
				 drop_items ? AK__SITE_SPLIT_ITEMS : AK__SITE_SPLIT);
		way = tag % AK__SC_SPLITS;
		if (sc->split[way].n == ip->nkv && sc->split[way].tag == tag) {
			*seen = (struct ak__seen){ 0 };
			r = split_cached(ev, ip, data_cap, drop_items, seen, sc->split[way].cnt,
					 sc->split[way].dst);
			if (r <= 0) {
				if (!r)
					sc->hits++;
				return r;
			}
		}
		sc->misses++;
	}

	/* Sort the keys into three lists, then build each map with one sort. */
	lists[C_IDS] = ak__ev_alloc(ev, 3 * nkv * (sizeof(struct ak_kv) + 1), _Alignof(struct ak_kv));
	if (!lists[C_IDS])
		return -ERANGE;
	lists[C_LAB] = lists[C_IDS] + nkv;
	lists[C_DATA] = lists[C_LAB] + nkv;
	plains[C_IDS] = (unsigned char *)(lists[C_DATA] + nkv);
	plains[C_LAB] = plains[C_IDS] + nkv;
	plains[C_DATA] = plains[C_LAB] + nkv;
	hdr_get(ev, h);
	*seen = (struct ak__seen){ 0 };
	for (size_t i = 0; i < ip->nkv; i++) {
		struct ak_str k = ip->kv[i].key, v = ip->kv[i].val;
		enum cls c = classify(k, v, drop_items, h, seen);

		if (c == C_SKIP)
			continue;
		if (c == C_LAB)
			k = (struct ak_str){ k.p + 5, k.n - 5 };
		/* (the rest of a plain key is plain) */
		plains[c][cnt[c]] = ip->kv_plain[i];
		lists[c][cnt[c]++] = (struct ak_kv){ k, v };
	}
	hdr_set(ev, h);
	if ((r = ak__map_build(ev, &ev->user.ids, lists[C_IDS], plains[C_IDS], cnt[C_IDS], 0, sc,
			       AK__SITE_IDS)) < 0 ||
	    (r = ak__map_build(ev, &ev->user.selinux, lists[C_LAB], plains[C_LAB], cnt[C_LAB], 0,
			       sc, AK__SITE_SELINUX)) < 0 ||
	    (r = ak__map_build(ev, &ev->data, lists[C_DATA], plains[C_DATA], cnt[C_DATA], data_cap,
			       sc, AK__SITE_DATA)) < 0)
		return r;
	if (sc && ip->nkv && ip->nkv <= AK__SC_MAXN) {
		/* a new entry: empty until it is complete */
		sc->split[way].n = 0;
		if (remember(ev, ip, drop_items, sc->split[way].cnt, sc->split[way].dst, cnt)) {
			sc->split[way].tag = tag;
			sc->split[way].n = (uint8_t)ip->nkv;
		}
	}
	return 0;
}
