// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * uid/gid <-> name resolution with a time-limited cache (go-libaudit's
 * id_lookup.go, spec §4.6).  Explicit and optional: nothing here is called
 * by the coalescer itself.  Answers, found or not, are kept for ttl_ms of the
 * caller's clock; 0 <-> root is permanent.  Four fixed-size open-addressing
 * tables (uid->name, name->uid, gid->name, name->gid), allocated once; when
 * a probe window is full the entry that expires first is replaced.
 */

#include <errno.h>
#include <stdlib.h>

#include "core/nss.h"
#include "events/coalesce_int.h"

#define PROBE 8
#define FOREVER UINT64_MAX

struct ent {
	uint64_t expires; /* 0: free; FOREVER: permanent */
	uint32_t id;
	uint8_t found;
	uint8_t plain; /* name is plain_bytes() (for the event maps' plain flags) */
	char name[AK_IDNAME_MAX];
};

struct table {
	struct ent *e;
	size_t mask;
};

struct ak_idcache {
	struct ak_id_ops ops;
	uint32_t ttl_ms;
	struct table uid, uname, gid, gname;
	char tmp[AK_IDNAME_MAX]; /* an answer that could not be cached */
};

/* ---- the system's lookups ---- */

static int sys_user_name(uint32_t id, char *buf, size_t cap, void *data)
{
	(void)data;
	return ak__nss_lookup(AK__NSS_USER, id, NULL, buf, cap, NULL);
}

static int sys_user_id(const char *name, uint32_t *id, void *data)
{
	(void)data;
	return ak__nss_lookup(AK__NSS_USER, 0, name, NULL, 0, id);
}

static int sys_group_name(uint32_t id, char *buf, size_t cap, void *data)
{
	(void)data;
	return ak__nss_lookup(AK__NSS_GROUP, id, NULL, buf, cap, NULL);
}

static int sys_group_id(const char *name, uint32_t *id, void *data)
{
	(void)data;
	return ak__nss_lookup(AK__NSS_GROUP, 0, name, NULL, 0, id);
}

static const struct ak_id_ops sys_ops = {
	.sz = sizeof(struct ak_id_ops),
	.user_name = sys_user_name,
	.user_id = sys_user_id,
	.group_name = sys_group_name,
	.group_id = sys_group_id,
};

/* ---- tables ---- */

/* Printable ASCII without '"' or '\\' (struct ak_event_map's plain). */
static bool plain_bytes(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c > 0x7e || c == '"' || c == '\\')
			return false;
	}
	return true;
}

static uint64_t hash_id(uint32_t id)
{
	uint64_t h = id * 0x9E3779B97F4A7C15ull;

	return h ^ (h >> 29);
}

static uint64_t hash_name(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

static bool name_eq(const struct ent *e, const char *s, size_t n)
{
	return strlen(e->name) == n && memcmp(e->name, s, n) == 0;
}

/* The live entry for the key (by id, or by name when @s), or NULL. */
static struct ent *t_find(struct table *t, uint32_t id, const char *s, size_t n, uint64_t now)
{
	uint64_t h = s ? hash_name(s, n) : hash_id(id);

	for (size_t i = 0; i < PROBE; i++) {
		struct ent *e = &t->e[(h + i) & t->mask];

		if (e->expires && (s ? name_eq(e, s, n) : e->id == id))
			return now < e->expires ? e : NULL;
	}
	return NULL;
}

/* A slot for the key: its old entry, a free one, or the one expiring first
 * that is not permanent.  NULL when all are permanent. */
static struct ent *t_slot(struct table *t, uint32_t id, const char *s, size_t n)
{
	uint64_t h = s ? hash_name(s, n) : hash_id(id);
	struct ent *victim = NULL;

	for (size_t i = 0; i < PROBE; i++) {
		struct ent *e = &t->e[(h + i) & t->mask];

		if (!e->expires || (s ? name_eq(e, s, n) : e->id == id))
			return e;
		if (e->expires != FOREVER && (!victim || e->expires < victim->expires))
			victim = e;
	}
	return victim;
}

static int t_init(struct table *t, size_t cap)
{
	t->e = calloc(cap, sizeof(*t->e));
	t->mask = cap - 1;
	return t->e ? 0 : -ENOMEM;
}

static void put(struct table *byid, struct table *byname, uint32_t id, const char *name,
		uint64_t expires)
{
	size_t n = strlen(name);
	struct ent *e;

	if (n >= AK_IDNAME_MAX)
		return;
	if ((e = t_slot(byid, id, NULL, 0))) {
		e->expires = expires;
		e->id = id;
		e->found = 1;
		e->plain = plain_bytes(name, n);
		memcpy(e->name, name, n + 1);
	}
	if ((e = t_slot(byname, 0, name, n))) {
		e->expires = expires;
		e->id = id;
		e->found = 1;
		e->plain = plain_bytes(name, n);
		memcpy(e->name, name, n + 1);
	}
}

AK_EXPORT int ak_idcache_new(struct ak_idcache **out, const struct ak_id_ops *ops,
			     uint32_t ttl_ms, size_t capacity)
{
	struct ak_idcache *c;
	size_t cap = 16;

	*out = NULL;
	if (!capacity)
		capacity = 256;
	while (cap < capacity && cap < ((size_t)1 << 24))
		cap <<= 1;
	c = calloc(1, sizeof(*c));
	if (!c)
		return -(errno = ENOMEM);
	c->ops = sys_ops;
	if (ops) {
		size_t sz = ops->sz < sizeof(c->ops) ? ops->sz : sizeof(c->ops);

		memcpy(&c->ops, ops, sz);
		c->ops.sz = sizeof(c->ops);
	}
	c->ttl_ms = ttl_ms;
	if (t_init(&c->uid, cap) || t_init(&c->uname, cap) || t_init(&c->gid, cap) ||
	    t_init(&c->gname, cap)) {
		ak_idcache_free(c);
		return -(errno = ENOMEM);
	}
	put(&c->uid, &c->uname, 0, "root", FOREVER);
	put(&c->gid, &c->gname, 0, "root", FOREVER);
	*out = c;
	return 0;
}

AK_EXPORT void ak_idcache_free(struct ak_idcache *c)
{
	if (!c)
		return;
	free(c->uid.e);
	free(c->uname.e);
	free(c->gid.e);
	free(c->gname.e);
	free(c);
}

static int put_perm(struct ak_idcache *c, bool group, uint32_t id, const char *name)
{
	if (!c || !name || !*name || strlen(name) >= AK_IDNAME_MAX)
		return -(errno = EINVAL);
	if (group)
		put(&c->gid, &c->gname, id, name, FOREVER);
	else
		put(&c->uid, &c->uname, id, name, FOREVER);
	return 0;
}

AK_EXPORT int ak_idcache_put_user(struct ak_idcache *c, uint32_t id, const char *name)
{
	return put_perm(c, false, id, name);
}

AK_EXPORT int ak_idcache_put_group(struct ak_idcache *c, uint32_t id, const char *name)
{
	return put_perm(c, true, id, name);
}

static uint64_t expiry(const struct ak_idcache *c, uint64_t now)
{
	uint64_t e = now + c->ttl_ms + 1;

	return e <= now || e == FOREVER ? FOREVER - 1 : e;
}

/* The name for @id, or NULL; *@plain: whether it is plain_bytes(). */
static const char *lookup_name(struct ak_idcache *c, bool group, uint32_t id, uint64_t now,
			       bool *plain)
{
	struct table *t = group ? &c->gid : &c->uid;
	struct ent *e = t_find(t, id, NULL, 0, now);
	int (*fn)(uint32_t, char *, size_t, void *) = group ? c->ops.group_name : c->ops.user_name;
	int r;

	if (e) {
		*plain = e->plain;
		return e->found ? e->name : NULL;
	}
	r = fn ? fn(id, c->tmp, sizeof(c->tmp), c->ops.data) : -ENOENT;
	if (r < 0 || !c->tmp[0])
		c->tmp[0] = '\0';
	*plain = plain_bytes(c->tmp, strlen(c->tmp));
	e = t_slot(t, id, NULL, 0);
	if (e) {
		e->expires = expiry(c, now);
		e->id = id;
		e->found = c->tmp[0] != '\0';
		e->plain = *plain;
		memcpy(e->name, c->tmp, strlen(c->tmp) + 1);
		return e->found ? e->name : NULL;
	}
	return c->tmp[0] ? c->tmp : NULL;
}

static int lookup_id(struct ak_idcache *c, bool group, const char *name, size_t len, uint32_t *id,
		     uint64_t now)
{
	struct table *t = group ? &c->gname : &c->uname;
	int (*fn)(const char *, uint32_t *, void *) = group ? c->ops.group_id : c->ops.user_id;
	struct ent *e;
	uint32_t v = 0;
	int r;

	if (!len || len >= AK_IDNAME_MAX)
		return -(errno = ENOENT);
	e = t_find(t, 0, name, len, now);
	if (!e) {
		memcpy(c->tmp, name, len);
		c->tmp[len] = '\0';
		r = fn ? fn(c->tmp, &v, c->ops.data) : -ENOENT;
		e = t_slot(t, 0, name, len);
		if (!e) {
			if (r < 0)
				return -(errno = ENOENT);
			*id = v;
			return 0;
		}
		e->expires = expiry(c, now);
		e->id = v;
		e->found = r >= 0;
		e->plain = plain_bytes(c->tmp, len);
		memcpy(e->name, c->tmp, len + 1);
	}
	if (!e->found)
		return -(errno = ENOENT);
	*id = e->id;
	return 0;
}

AK_EXPORT const char *ak_idcache_user_name(struct ak_idcache *c, uint32_t id, uint64_t now_ms)
{
	bool plain;

	return lookup_name(c, false, id, now_ms, &plain);
}

AK_EXPORT const char *ak_idcache_group_name(struct ak_idcache *c, uint32_t id, uint64_t now_ms)
{
	bool plain;

	return lookup_name(c, true, id, now_ms, &plain);
}

AK_EXPORT int ak_idcache_user_id(struct ak_idcache *c, const char *name, size_t len, uint32_t *id,
				 uint64_t now_ms)
{
	return lookup_id(c, false, name, len, id, now_ms);
}

AK_EXPORT int ak_idcache_group_id(struct ak_idcache *c, const char *name, size_t len,
				  uint32_t *id, uint64_t now_ms)
{
	return lookup_id(c, true, name, len, id, now_ms);
}

/* ---- ResolveIDs ---- */

/*
 * The ids of one event mostly repeat one value (uid=0 euid=0 suid=0 ...):
 * the last answer per kind (user, group) is kept with the value it was for,
 * and a repeat reuses the name already copied into the arena.
 */
struct memo {
	struct ak_str val;  /* the id as written; .p NULL: nothing yet */
	struct ak_str name; /* its name in the arena, empty if none */
	bool plain;         /* the name is printable ASCII without '"' or '\\' */
};


/* @n bytes equal?  Ids are a few digits: a byte loop, no call. */
static inline bool bytes_eq(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

/* The name for a decimal id value ("unset", "" and non-numbers: none), in
 * the arena: *@dst, left as it is when there is none.  0 or -ERANGE. */
static int resolve(struct ak_event *ev, struct ak_idcache *c, bool group, struct ak_str v,
		   uint64_t now, struct memo *memo, struct ak_str *dst)
{
	struct memo *m = &memo[group];
	const char *name = NULL;
	bool plain = false;
	uint64_t id;

	if (m->val.p && m->val.n == v.n && bytes_eq(m->val.p, v.p, v.n)) {
		if (m->name.n)
			*dst = m->name;
		return 0;
	}
	if (ak__parse_u64(v, 10, &id) && id <= UINT32_MAX)
		name = lookup_name(c, group, (uint32_t)id, now, &plain);
	m->val = v;
	m->name = (struct ak_str){ "", 0 };
	m->plain = false;
	if (name) {
		size_t n = strlen(name);
		char *s = ak__ev_strdup(ev, name, n);

		if (!s) {
			m->val.p = NULL;
			return -ERANGE;
		}
		m->name = (struct ak_str){ s, n };
		m->plain = plain;
		*dst = m->name;
	}
	return 0;
}

static int entity_lookup(struct ak_event *ev, struct ak_idcache *c, bool group,
			 struct ak_ecs_entity *e, uint64_t now, struct memo *memo)
{
	uint32_t id;
	char buf[16];
	struct ak__sb b = { buf, 0, sizeof(buf) };
	char *s;

	if (!e->id.n == !e->name.n)
		return 0;
	if (e->id.n)
		return resolve(ev, c, group, e->id, now, memo, &e->name);
	if (lookup_id(c, group, e->name.p, e->name.n, &id, now) < 0)
		return 0;
	ak__sb_uint(&b, id);
	s = ak__ev_strdup(ev, buf, b.n);
	if (!s)
		return -ERANGE;
	e->id = (struct ak_str){ s, b.n };
	return 0;
}

/* Byte order, shorter first on a common prefix (the maps' order). */
static int key_cmp(struct ak_str a, struct ak_str b)
{
	size_t n = a.n < b.n ? a.n : b.n;

	/* keys are short: a byte loop beats a memcmp call */
	for (size_t i = 0; i < n; i++)
		if (a.p[i] != b.p[i])
			return (unsigned char)a.p[i] < (unsigned char)b.p[i] ? -1 : 1;
	return a.n < b.n ? -1 : a.n > b.n;
}

/*
 * user.names gets a name for every uid and gid key of user.ids that has none
 * yet (from enriched records): one merge of the two sorted maps into a new
 * array, rather than an insertion per name.
 */
static int resolve_names(struct ak_event *ev, struct ak_idcache *c, uint64_t now,
			 struct memo *memo)
{
	const struct ak_event_map *ids = &ev->user.ids;
	struct ak_event_map *names = &ev->user.names;
	struct ak_kv *out;
	unsigned char *plain; /* out's plain flags */
	size_t j = 0, o = 0, cap = ids->n + names->n;
	int r;

	if (!ids->n)
		return 0;
	out = ak__ev_alloc(ev, cap * (sizeof(*out) + 1), _Alignof(struct ak_kv));
	if (!out)
		return -ERANGE;
	plain = (unsigned char *)(out + cap);
	for (size_t i = 0; i < ids->n; i++) {
		struct ak_str k = ids->kv[i].key, name = { 0 };
		bool group = ak__str_has_suffix(k, "gid");
		int cmp = 1;

		if (!group && !ak__str_has_suffix(k, "uid"))
			continue;
		/* (names from enriched records share the ids' key strings) */
		while (j < names->n &&
		       (cmp = names->kv[j].key.p == k.p && names->kv[j].key.n == k.n ?
				      0 :
				      key_cmp(names->kv[j].key, k)) < 0) {
			plain[o] = ak__map_plain(names, j);
			out[o++] = names->kv[j++];
		}
		if (j < names->n && cmp == 0)
			continue; /* from the record itself (enriched) */
		r = resolve(ev, c, group, ids->kv[i].val, now, memo, &name);
		if (r < 0)
			return r;
		if (name.n) {
			/* the memo holds this answer: the name is plain if it
			 * says so, the key if ids' flag says so (a uid or gid
			 * key: its value is digits or "unset" when plain) */
			plain[o] = memo[group].plain && ak__map_plain(ids, i);
			out[o++] = (struct ak_kv){ k, name };
		}
	}
	while (j < names->n) {
		plain[o] = ak__map_plain(names, j);
		out[o++] = names->kv[j++];
	}
	names->kv = out;
	names->plain = plain;
	names->n = o;
	names->cap = cap;
	return 0;
}

AK_EXPORT int ak_event_resolve_ids(struct ak_event *ev, struct ak_idcache *c, uint64_t now_ms)
{
	struct memo memo[2] = { { { NULL, 0 }, { "", 0 } }, { { NULL, 0 }, { "", 0 } } };
	int r;

	if (!ev || !c)
		return -(errno = EINVAL);
	if ((r = resolve(ev, c, false, ev->summary.actor.primary, now_ms, memo,
			 &ev->summary.actor.primary)) < 0 ||
	    (r = resolve(ev, c, false, ev->summary.actor.secondary, now_ms, memo,
			 &ev->summary.actor.secondary)) < 0 ||
	    (r = resolve_names(ev, c, now_ms, memo)) < 0)
		goto fail;

	if (ev->has_file) {
		if (ev->file.uid.n &&
		    (r = resolve(ev, c, false, ev->file.uid, now_ms, memo, &ev->file.owner)) < 0)
			goto fail;
		if (ev->file.gid.n &&
		    (r = resolve(ev, c, true, ev->file.gid, now_ms, memo, &ev->file.group)) < 0)
			goto fail;
	}

	if ((r = entity_lookup(ev, c, false, &ev->ecs.user, now_ms, memo)) < 0 ||
	    (r = entity_lookup(ev, c, false, &ev->ecs.user_effective, now_ms, memo)) < 0 ||
	    (r = entity_lookup(ev, c, false, &ev->ecs.user_target, now_ms, memo)) < 0 ||
	    (r = entity_lookup(ev, c, false, &ev->ecs.user_changes, now_ms, memo)) < 0 ||
	    (r = entity_lookup(ev, c, true, &ev->ecs.group, now_ms, memo)) < 0)
		goto fail;
	return 0;
fail:
	errno = -r;
	return r;
}
