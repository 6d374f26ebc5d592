// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * The coalescer: go-libaudit's CoalesceMessages (spec §4.2).  Records are
 * interpreted (ak_interp_record) into the arena, the event's data comes from
 * the SYSCALL record (or the single record, or - without a SYSCALL - the
 * first record), the other records are merged by type, then the
 * normalization is applied (normalize.c) and the process fields are lifted.
 */

#include <auditkit/tables.h>
#include <errno.h>
#include <stdlib.h>

#include "events/coalesce_int.h"

#define T_SYSCALL 1300
#define T_PATH 1302
#define T_SOCKADDR 1306
#define T_EXECVE 1309
#define T_EOE 1320

/* Bytes of fixed overhead per event and per field, beyond the interpreter's scratch. */
#define ARENA_BASE 4096
/* (each kv slot has a plain flag byte too: 6 + 10, and 128 for the maps' padding) */
#define ARENA_PER_FIELD (6 * sizeof(struct ak_kv) + 2 * sizeof(struct ak_str) + 96 + 16)
#define ARENA_PER_REC (sizeof(struct ak_interp) + sizeof(struct ak_event_map) + 512 + 128)

AK_EXPORT size_t ak_coalesce_arena_size(const struct ak_rec *recs, size_t n)
{
	size_t total = ARENA_BASE;

	for (size_t i = 0; i < n; i++) {
		total += ak_interp_scratch_size(&recs[i]) + 16;
		total += ARENA_PER_REC + recs[i].nfields * ARENA_PER_FIELD;
		/* warnings quote keys; socket_ keys and resolved names are copied */
		total += 2 * recs[i].line.n + recs[i].nfields * (AK_IDNAME_MAX + 8);
	}
	return total;
}

static bool compat(const struct ak_event *ev)
{
	return ev->arena_.flags & AK_COALESCE_GO_COMPAT;
}

/* newEvent: the header, then the data record's fields sorted into result,
 * session, actor, user ids, SELinux labels and data. */
static int new_event(struct ak_event *ev, const struct ak_rec *hdr, const struct ak_interp *ip,
		     size_t data_cap, bool drop_items, struct ak__seen *seen,
		     struct ak_coalesce_cache *sc)
{
	int r;

	ev->sec = hdr->sec;
	ev->msec = hdr->msec;
	ev->serial = hdr->serial;
	ev->type = hdr->type;
	ev->category = ak_event_category_name(hdr->type);
	ev->node = hdr->node;

	if (ip->error) {
		r = ak__ev_warn(ev, ip->error, strlen(ip->error));
		if (r < 0)
			return r;
		if (compat(ev)) /* go-libaudit: header only */
			return ak__map_init(ev, &ev->data, data_cap);
	}

	ev->result = AK_STR_LIT("unknown");
	ev->tags = ip->tags;
	ev->ntags = ip->ntags;
	return ak__split_data(ev, ip, data_cap, drop_items, seen, sc);
}

static int warn_record(struct ak_event *ev, const char *what, const char *err)
{
	char buf[256];
	struct ak__sb b = { buf, 0, sizeof(buf) };

	ak__sb_cstr(&b, "failed to parse ");
	ak__sb_cstr(&b, what);
	ak__sb_cstr(&b, "message: ");
	ak__sb_cstr(&b, err);
	return ak__ev_warn_sb(ev, &b);
}

static int add_path(struct ak_event *ev, const struct ak_interp *ip, struct ak_coalesce_cache *sc)
{
	struct ak_event_map *m;
	int r;

	if (ip->error) {
		r = warn_record(ev, "PATH ", ip->error);
		if (r < 0 || compat(ev))
			return r;
	}
	m = &ev->paths[ev->npaths];
	r = ak__map_build(ev, m, ip->kv, ip->kv_plain, ip->nkv, 0, sc, AK__SITE_PATH);
	if (r < 0)
		return r;
	ev->npaths++;
	return 0;
}

static void set_address(struct ak_event_addr *a, int *has, const struct ak_interp *ip)
{
	const struct ak_str *ipa = NULL, *port = NULL, *path = NULL;

	/* one pass for the three (the first of each, as ak_interp_get() finds) */
	for (size_t i = ip->nkv; i-- > 0;) {
		struct ak_str k = ip->kv[i].key;

		if (k.n == 4 && !memcmp(k.p, "addr", 4))
			ipa = &ip->kv[i].val;
		else if (k.n == 4 && !memcmp(k.p, "port", 4))
			port = &ip->kv[i].val;
		else if (k.n == 4 && !memcmp(k.p, "path", 4))
			path = &ip->kv[i].val;
	}

	if ((ipa && ipa->n) || (port && port->n) || (path && path->n)) {
		*has = 1;
		*a = (struct ak_event_addr){ 0 };
		if (ipa)
			a->ip = *ipa;
		if (port)
			a->port = *port;
		if (path)
			a->path = *path;
	}
}

/* "socket_" and @k, in the arena. */
static char *socket_key(struct ak_event *ev, struct ak_str k)
{
	char *key = ak__ev_alloc(ev, k.n + 7, 1);

	if (key) {
		memcpy(key, "socket_", 7);
		memcpy(key + 7, k.p, k.n);
	}
	return key;
}

/* The SOCKADDR's pairs into data as socket_KEY (set: replacing).  When data
 * has no socket_ key yet (as always but with a second SOCKADDR), they all go
 * between the same two entries: sorted here, and inserted with one move. */
static int set_socket_keys(struct ak_event *ev, const struct ak_interp *ip)
{
	const struct ak_event_map *d = &ev->data;
	struct ak_kv blk[8];
	unsigned char pl[8];
	size_t nb = 0, at;
	long f;
	int r;

	if (ip->nkv && ip->nkv <= 8) {
		f = ak__map_find(d, "socket_", 7);
		at = f >= 0 ? (size_t)f : (size_t)(-f - 1);
		if (at < d->n && d->kv[at].key.n >= 7 && !memcmp(d->kv[at].key.p, "socket_", 7))
			goto one_by_one;
		for (size_t i = 0; i < ip->nkv; i++) {
			struct ak_str k = { socket_key(ev, ip->kv[i].key), ip->kv[i].key.n + 7 };
			size_t pos = nb;

			if (!k.p)
				return -ERANGE;
			while (pos && ak__key_cmp(blk[pos - 1].key.p, blk[pos - 1].key.n, k.p, k.n) > 0)
				pos--;
			if (pos && !ak__key_cmp(blk[pos - 1].key.p, blk[pos - 1].key.n, k.p, k.n)) {
				/* a repeat replaces the value, as ak__map_set() does */
				blk[pos - 1].val = ip->kv[i].val;
				pl[pos - 1] = ip->kv_plain[i];
				continue;
			}
			memmove(&blk[pos + 1], &blk[pos], (nb - pos) * sizeof(*blk));
			memmove(&pl[pos + 1], &pl[pos], nb - pos);
			blk[pos] = (struct ak_kv){ k, ip->kv[i].val };
			/* "socket_" and a plain key: a plain key */
			pl[pos] = ip->kv_plain[i];
			nb++;
		}
		return ak__map_insert_block(ev, &ev->data, at, blk, pl, nb);
	}
one_by_one:
	for (size_t i = 0; i < ip->nkv; i++) {
		char *key = socket_key(ev, ip->kv[i].key);

		if (!key)
			return -ERANGE;
		r = ak__map_set(ev, &ev->data, (struct ak_str){ key, ip->kv[i].key.n + 7 },
				ip->kv[i].val, ip->kv_plain[i]);
		if (r < 0)
			return r;
	}
	return 0;
}

static int add_sockaddr(struct ak_event *ev, const struct ak_interp *ip,
			const struct ak__seen *seen)
{
	const struct ak_str *scp;
	struct ak_str sc_val, *sc = &sc_val;
	int r;

	if (ip->error)
		return warn_record(ev, "SOCKADDR ", ip->error);
	/* A copy: inserting the socket_ keys below moves the map's entries.
	 * (The data record's syscall stays data's: no merge replaces it.) */
	scp = seen->bits & AK__SEEN_SYSCALL ? &seen->syscall : ak__map_get(&ev->data, "syscall", 7);
	if (scp)
		sc_val = *scp;
	if (!scp) {
		static const char msg[] = "failed to add SOCKADDR data because syscall is unknown";

		return ak__ev_warn(ev, msg, sizeof(msg) - 1);
	}
	r = set_socket_keys(ev, ip);
	if (r < 0)
		return r;
	if (ak__str_eq(*sc, "recvfrom") || ak__str_eq(*sc, "recvmsg") || ak__str_eq(*sc, "accept") ||
	    ak__str_eq(*sc, "accept4")) {
		set_address(&ev->source, &ev->has_source, ip);
		ev->direction = AK_DIR_INGRESS;
	} else if (ak__str_eq(*sc, "connect") || ak__str_eq(*sc, "sendto") ||
		   ak__str_eq(*sc, "sendmsg")) {
		set_address(&ev->dest, &ev->has_dest, ip);
		ev->direction = AK_DIR_EGRESS;
	}
	return 0;
}

/* "a17" -> 17; false for anything else ("a01", "a1_len", "argc"). */
static bool arg_index(struct ak_str k, uint64_t *idx)
{
	if (k.n < 2 || k.p[0] != 'a' || (k.p[1] == '0' && k.n > 2))
		return false;
	return ak__parse_u64((struct ak_str){ k.p + 1, k.n - 1 }, 10, idx);
}

/* "a7[3]" -> 7, 3: a piece of an argument the kernel split (aN_len=...). */
static bool piece_index(struct ak_str k, uint64_t *idx, uint64_t *part)
{
	const char *lb = k.n > 4 ? memchr(k.p, '[', k.n) : NULL;
	size_t pos;

	if (!lb || k.p[0] != 'a' || k.p[k.n - 1] != ']')
		return false;
	pos = (size_t)(lb - k.p);
	return arg_index((struct ak_str){ k.p, pos }, idx) &&
	       ak__parse_u64((struct ak_str){ lb + 1, k.n - pos - 2 }, 10, part);
}

struct piece {
	uint64_t idx, part;
	struct ak_str val;
};

static int piece_cmp(const void *a, const void *b)
{
	const struct piece *x = a, *y = b;

	if (x->idx != y->idx)
		return x->idx < y->idx ? -1 : 1;
	return x->part < y->part ? -1 : x->part > y->part;
}

/* Arguments split across records: join each argument's pieces 0..K (the
 * interpretation already joined those within one record, and decoded each). */
static int join_pieces(struct ak_event *ev, const struct ak_rec *recs,
		       const struct ak_interp *ips, size_t n, uint64_t want, uint8_t *found,
		       size_t npieces)
{
	struct piece *pc = ak__ev_alloc(ev, npieces * sizeof(*pc), _Alignof(struct piece));
	size_t np = 0;

	if (!pc)
		return -ERANGE;
	for (size_t i = 0; i < n; i++) {
		if (recs[i].type != T_EXECVE)
			continue;
		for (size_t j = 0; j < ips[i].nkv && np < npieces; j++) {
			uint64_t idx, part;

			if (piece_index(ips[i].kv[j].key, &idx, &part) && idx < want && !found[idx])
				pc[np++] = (struct piece){ idx, part, ips[i].kv[j].val };
		}
	}
	qsort(pc, np, sizeof(*pc), piece_cmp);
	for (size_t i = 0; i < np;) {
		size_t j = i, len = 0;
		char *s;

		/* pieces 0, 1, 2, ... of one argument, none missing */
		while (j < np && pc[j].idx == pc[i].idx && pc[j].part == j - i) {
			len += pc[j].val.n;
			j++;
		}
		if (j > i && pc[i].part == 0) {
			s = ak__ev_alloc(ev, len ? len : 1, 1);
			if (!s)
				return -ERANGE;
			len = 0;
			for (size_t k = i; k < j; k++) {
				if (pc[k].val.n)
					memcpy(s + len, pc[k].val.p, pc[k].val.n);
				len += pc[k].val.n;
			}
			ev->process.args[pc[i].idx] = (struct ak_str){ s, len };
			found[pc[i].idx] = 1;
		}
		while (j < np && pc[j].idx == pc[i].idx)
			j++;
		i = j > i ? j : i + 1;
	}
	return 0;
}

/* addExecveRecord over every EXECVE record of the event: argc from the first
 * record that has it, a0..a(argc-1) from wherever they are, split arguments
 * joined. */
static int add_execve(struct ak_event *ev, const struct ak_rec *recs, const struct ak_interp *ips,
		      size_t n)
{
	const struct ak_str *argc = NULL;
	unsigned char argc_plain = 0;
	uint64_t count = 0, want, have = 0;
	size_t npieces = 0;
	char buf[256];
	struct ak__sb b = { buf, 0, sizeof(buf) };
	uint8_t *found;
	int r;

	for (size_t i = 0; i < n; i++) {
		if (recs[i].type != T_EXECVE)
			continue;
		for (size_t j = 0; j < ips[i].nkv; j++) {
			uint64_t idx, part;

			/* the first argc of the first record that has one (as
			 * ak_interp_get() finds it), with its plain flag */
			if (!argc && ak__str_eq(ips[i].kv[j].key, "argc")) {
				argc = &ips[i].kv[j].val;
				argc_plain = ips[i].kv_plain[j];
			}
			if (arg_index(ips[i].kv[j].key, &idx))
				have++;
			else if (piece_index(ips[i].kv[j].key, &idx, &part))
				npieces++;
		}
	}
	if (!argc) {
		static const char msg[] = "argc key not found in EXECVE message";

		return ak__ev_warn(ev, msg, sizeof(msg) - 1);
	}
	r = ak__map_set(ev, &ev->data, AK_STR_LIT("argc"), *argc, argc_plain);
	if (r < 0)
		return r;
	if (!ak__parse_u64(*argc, 10, &count) || count > UINT32_MAX) {
		ak__sb_cstr(&b, "failed to convert argc='");
		ak__sb_mem(&b, argc->p, argc->n);
		ak__sb_cstr(&b, "' to number: strconv.ParseUint: parsing \"");
		ak__sb_mem(&b, argc->p, argc->n);
		ak__sb_cstr(&b, count > UINT32_MAX ? "\": value out of range" : "\": invalid syntax");
		return ak__ev_warn_sb(ev, &b);
	}
	/* No more slots than arguments present, whatever argc claims. */
	have += npieces;
	want = count < have ? count : have;
	ev->process.args = ak__ev_alloc(ev, (want ? want : 1) * sizeof(struct ak_str),
					_Alignof(struct ak_str));
	found = ak__ev_alloc(ev, want ? want : 1, 1);
	if (!ev->process.args || !found)
		return -ERANGE;
	memset(ev->process.args, 0, (want ? want : 1) * sizeof(struct ak_str));
	memset(found, 0, want ? want : 1);
	for (size_t i = 0; i < n; i++) {
		if (recs[i].type != T_EXECVE)
			continue;
		for (size_t j = 0; j < ips[i].nkv; j++) {
			uint64_t idx;

			if (arg_index(ips[i].kv[j].key, &idx) && idx < want && !found[idx]) {
				ev->process.args[idx] = ips[i].kv[j].val;
				found[idx] = 1;
			}
		}
	}
	if (npieces) {
		r = join_pieces(ev, recs, ips, n, want, found, npieces);
		if (r < 0)
			return r;
	}
	for (ev->process.nargs = 0; ev->process.nargs < count; ev->process.nargs++) {
		if (ev->process.nargs >= want || !found[ev->process.nargs]) {
			ak__sb_cstr(&b, "failed to find arg a");
			ak__sb_uint(&b, ev->process.nargs);
			if (compat(ev))
				ev->process.nargs = 0;
			return ak__ev_warn_sb(ev, &b);
		}
	}
	return 0;
}

/* Merged keys held aside until lift_process() (see AK__ASIDE_*). */
struct aside {
	struct ak__seen in_data; /* what data has of those keys (from the data record) */
	unsigned have;           /* AK__ASIDE_* of the values held here */
	struct ak_str cwd, proctitle;
	/* The data record is a SYSCALL, whose "items" was left out of data
	 * (drop_items) rather than deleted when the loop reaches it: until
	 * then a merged "items" is a repeat if it had one (in_data), or is
	 * added and must be deleted there (items_added). */
	bool items_pending, items_added;
};

/* addFieldsToEventData: merge, keeping existing keys (with a warning). */
static int merge_fields(struct ak_event *ev, const struct ak_rec *rec, const struct ak_interp *ip,
			struct aside *as)
{
	int r;

	if (ip->error) {
		r = warn_record(ev, "", ip->error);
		if (r < 0 || compat(ev))
			return r;
	}
	for (size_t i = 0; i < ip->nkv; i++) {
		unsigned bit = ak__aside_bit(ip->kv[i].key);

		if (as->items_pending && ip->kv[i].key.n == 5 && !memcmp(ip->kv[i].key.p, "items", 5) &&
		    (as->in_data.bits & AK__SEEN_ITEMS)) {
			r = 0; /* the data record's, left out until its delete */
		} else if (bit) {
			/* present already (in data or aside): kept, as map_add keeps it */
			r = !((as->in_data.bits | as->have) & bit);
			if (r) {
				as->have |= bit;
				*(bit == AK__ASIDE_CWD ? &as->cwd : &as->proctitle) = ip->kv[i].val;
			}
		} else {
			r = ak__map_add(ev, &ev->data, ip->kv[i].key, ip->kv[i].val,
					ip->kv_plain[i]);
			if (r > 0 && as->items_pending && ip->kv[i].key.n == 5 &&
			    !memcmp(ip->kv[i].key.p, "items", 5))
				as->items_added = true;
		}
		if (r < 0)
			return r;
		if (r == 0) {
			char buf[256];
			struct ak__sb b = { buf, 0, sizeof(buf) };

			ak__sb_cstr(&b, "duplicate key (");
			ak__sb_mem(&b, ip->kv[i].key.p, ip->kv[i].key.n);
			ak__sb_cstr(&b, ") from ");
			ak__sb_type(&b, rec->type);
			ak__sb_cstr(&b, " message");
			r = ak__ev_warn_sb(ev, &b);
			if (r < 0)
				return r;
		}
	}
	return 0;
}

/* Which of the process keys @k is: its slot in lift_process(), or -1. */
static inline int process_key(struct ak_str k)
{
	switch (k.p[0]) {
	case 'c':
		if (k.n == 4 && !memcmp(k.p, "comm", 4))
			return 0;
		if (k.n == 3 && !memcmp(k.p, "cwd", 3))
			return 1;
		break;
	case 'e':
		if (k.n == 3 && !memcmp(k.p, "exe", 3))
			return 2;
		break;
	case 'p':
		if (k.n == 3 && !memcmp(k.p, "pid", 3))
			return 3;
		if (k.n == 4 && !memcmp(k.p, "ppid", 4))
			return 4;
		if (k.n == 9 && !memcmp(k.p, "proctitle", 9))
			return 5;
		break;
	}
	return -1;
}

/* addProcess: pid, ppid, proctitle, comm, exe and cwd move from data to
 * process.  One pass over the data (its keys are unique), a test of the
 * first byte for most keys. */
static void lift_process(struct ak_event *ev, const struct aside *as)
{
	struct ak_str *dst[] = { &ev->process.name, &ev->process.cwd, &ev->process.exe,
				 &ev->process.pid, &ev->process.ppid, &ev->process.title };
	struct ak_event_map *m = &ev->data;
	size_t w = 0;

	for (size_t i = 0; i < m->n; i++) {
		int k = m->kv[i].key.n ? process_key(m->kv[i].key) : -1;

		if (k >= 0) {
			*dst[k] = m->kv[i].val;
			continue;
		}
		if (w != i) {
			m->kv[w] = m->kv[i];
			if (m->plain)
				m->plain[w] = m->plain[i];
		}
		w++;
	}
	m->n = w;
	/* (held aside only when data had none) */
	if (as->have & AK__ASIDE_CWD)
		ev->process.cwd = as->cwd;
	if (as->have & AK__ASIDE_PROCTITLE)
		ev->process.title = as->proctitle;
}

/* Does the lower-cased @k end in "uid" or "gid" (as every user.ids key does)? */
static bool id_like(struct ak_str k)
{
	const char *e = k.p + k.n;

	return k.n >= 3 && (e[-1] | 0x20) == 'd' && (e[-2] | 0x20) == 'i' &&
	       ((e[-3] | 0x20) == 'u' || (e[-3] | 0x20) == 'g');
}

/* The index in @ids of @k lower-cased (ASCII letters only), or -1.  The ids
 * are few: a scan comparing as it lower-cases, no copy. */
static long ids_find_lower(const struct ak_event_map *ids, struct ak_str k)
{
	if (ids->n > 16) {
		char low[32];

		for (size_t b = 0; b < k.n; b++) {
			char c = k.p[b];

			low[b] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
		}
		long at = ak__map_find(ids, low, k.n);

		return at >= 0 ? at : -1;
	}
	unsigned char c0 = (unsigned char)k.p[0];

	if ((unsigned char)(c0 - 'A') < 26)
		c0 |= 0x20;
	for (size_t j = 0; j < ids->n; j++) {
		const struct ak_str *ik = &ids->kv[j].key;
		size_t b = 1;

		/* the length and first byte rule out nearly all */
		if (ik->n != k.n || (unsigned char)ik->p[0] != c0)
			continue;
		for (; b < k.n; b++) {
			unsigned char c = (unsigned char)k.p[b];

			if ((unsigned char)(c - 'A') < 26)
				c |= 0x20;
			if (c != (unsigned char)ik->p[b])
				break;
		}
		if (b == k.n)
			return (long)j;
	}
	return -1;
}

/* auditd's enriched interpretations: kept as a map, and the names of ids
 * (AUID="root") become user.names.  The first of duplicate keys wins: the
 * pairs are collected in order and each map is built with one sort. */
static int add_enriched(struct ak_event *ev, const struct ak_rec *recs, size_t n,
			struct ak_coalesce_cache *sc)
{
	struct ak_kv *all, *names;
	unsigned char *pall, *pnames; /* their plain flags */
	size_t total = 0, nall = 0, nnames = 0;
	int r;

	for (size_t i = 0; i < n; i++)
		total += recs[i].nfields;
	if (!total)
		return 0;
	all = ak__ev_alloc(ev, 2 * total * (sizeof(*all) + 1), _Alignof(struct ak_kv));
	if (!all)
		return -ERANGE;
	names = all + total;
	pall = (unsigned char *)(names + total);
	pnames = pall + total;
	for (size_t i = 0; i < n; i++) {
		const struct ak_field *f = recs[i].fields, *fe = f + recs[i].nfields;

		for (;; f++) {
			long at;

			/* enriched fields are few: a tight loop skips to the next */
			while (f < fe && !(f->flags & AK_F_ENRICHED))
				f++;
			if (f == fe)
				break;
			if (!f->key.n)
				continue;
			pall[nall] = (f->flags & AK_F_PLAIN) != 0;
			all[nall++] = (struct ak_kv){ f->key, f->val };
			if (f->key.n >= 32 || !f->val.n || !id_like(f->key) ||
			    ak__str_eq(f->val, "unset") || ak__str_eq(f->val, "?"))
				continue;
			at = ids_find_lower(&ev->user.ids, f->key);
			if (at >= 0) {
				/* the key is @f's lower-cased: plain when @f is */
				pnames[nnames] = (f->flags & AK_F_PLAIN) != 0;
				names[nnames++] = (struct ak_kv){ ev->user.ids.kv[at].key, f->val };
			}
		}
	}
	if (nall && (r = ak__map_build_first(ev, &ev->enriched, all, pall, nall, sc,
					      AK__SITE_ENRICHED)) < 0)
		return r;
	if (nnames && (r = ak__map_build_first(ev, &ev->user.names, names, pnames, nnames, sc,
						AK__SITE_NAMES)) < 0)
		return r;
	return 0;
}

AK_EXPORT int ak_coalesce_cache_new(struct ak_coalesce_cache **out)
{
	if (!out)
		return -(errno = EINVAL);
	*out = calloc(1, sizeof(**out));
	return *out ? 0 : -(errno = ENOMEM);
}

AK_EXPORT void ak_coalesce_cache_free(struct ak_coalesce_cache *c)
{
	free(c);
}

AK_EXPORT int ak_coalesce(struct ak_event *ev, const struct ak_rec *recs, size_t n, void *arena,
			  size_t size, unsigned flags)
{
	return ak_coalesce_cached(ev, recs, n, arena, size, flags, NULL);
}

AK_EXPORT int ak_coalesce_cached(struct ak_event *ev, const struct ak_rec *recs, size_t n,
				 void *arena, size_t size, unsigned flags,
				 struct ak_coalesce_cache *cache)
{
	struct ak_interp *ips;
	size_t nfields = 0, npath = 0, first, base;
	const struct ak_rec *hdr;
	bool execve_done = false, compound, drop_items;
	struct aside as = { 0 };
	int r;

	*ev = (struct ak_event){ 0 };
	ev->arena_.base = arena;
	ev->arena_.cap = arena ? size : 0;
	ev->arena_.flags = flags;

	/* filterEOE: go-libaudit drops a trailing EOE; EOE carries nothing, so we
	 * skip it wherever it is. */
	while (n && recs[n - 1].type == T_EOE)
		n--;
	if (!n)
		return -(errno = EINVAL);

	ips = ak__ev_alloc(ev, n * sizeof(*ips), _Alignof(struct ak_interp));
	if (!ips)
		goto range;
	for (size_t i = 0; i < n; i++) {
		/* the interpreter gets the arena's free tail and says how much of
		 * it it used: no sizing pass over the record's fields */
		size_t room;
		void *scratch = ak__ev_tail(ev, 16, &room);

		if (!scratch)
			goto range;
		r = ak_interp_record(&ips[i], &recs[i], scratch, room, 0);
		if (r == -ERANGE)
			goto range;
		if (r < 0)
			return -(errno = -r);
		if (ak__ev_alloc(ev, ips[i].scratch_used, 16) != scratch)
			goto range; /* cannot happen: the same offset and alignment */
		if (!ips[i].kv_plain) {
			/* (only sorted output lacks them): every pair unknown */
			unsigned char *z = ak__ev_alloc(ev, ips[i].nkv + 1, 1);

			if (!z)
				goto range;
			memset(z, 0, ips[i].nkv + 1);
			ips[i].kv_plain = z;
		}
		nfields += ips[i].nkv + 2;
		npath += recs[i].type == T_PATH;
	}

	/* normalizeCompound: the first record is "special" unless it is the
	 * SYSCALL; the data comes from the first SYSCALL, or without one (#127)
	 * from the first record. */
	compound = n > 1;
	base = 0;
	for (first = 0; first < n; first++)
		if (recs[first].type == T_SYSCALL)
			break;
	if (compound && first < n)
		base = first;
	hdr = recs[0].type != T_SYSCALL ? &recs[0] : &recs[base];

	if (npath) {
		ev->paths = ak__ev_alloc(ev, npath * sizeof(*ev->paths),
					 _Alignof(struct ak_event_map));
		if (!ev->paths)
			goto range;
	}
	/* The SYSCALL record's "items" is deleted when the loop below reaches
	 * it: the key is left out of the map instead (and records merged before
	 * it are told, see struct aside). */
	drop_items = compound && recs[base].type == T_SYSCALL;
	as.items_pending = drop_items;
	r = new_event(ev, hdr, &ips[base], nfields + 8, drop_items, &as.in_data, cache);
	if (r < 0)
		goto fail;

	for (size_t i = 0; compound && i < n; i++) {
		if (recs[i].type == T_EOE)
			continue;
		switch (recs[i].type) {
		case T_SYSCALL:
			if (!(drop_items && i == base) || as.items_added)
				ak__map_del(&ev->data, "items", NULL);
			if (i == base)
				as.items_pending = false;
			r = 0;
			break;
		case T_PATH:
			r = add_path(ev, &ips[i], cache);
			break;
		case T_SOCKADDR:
			r = add_sockaddr(ev, &ips[i], &as.in_data);
			break;
		case T_EXECVE:
			r = 0;
			if (!execve_done)
				r = add_execve(ev, recs, ips, n);
			execve_done = true;
			break;
		default:
			/* Without a SYSCALL the first record already is the data. */
			r = i == base ? 0 : merge_fields(ev, &recs[i], &ips[i], &as);
			break;
		}
		if (r < 0)
			goto fail;
	}

	r = ak__apply_normalization(ev, cache,
				    as.in_data.bits & AK__SEEN_SYSCALL ? &as.in_data.syscall : NULL);
	if (r < 0)
		goto fail;

	/* addProcess */
	lift_process(ev, &as);

	r = add_enriched(ev, recs, n, cache);
	if (r < 0)
		goto fail;
	return 0;
range:
	r = -ERANGE;
fail:
	errno = -r;
	return r;
}
