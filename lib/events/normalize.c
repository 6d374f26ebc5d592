// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * Applying a normalization (go-libaudit's applyNormalization, spec §4.3):
 * how defaults, the syscall or record-type entry of the generated tables,
 * ECS categorization, summary action/object/actor/how, file and socket
 * objects, source IP and the ECS user/group mappings.
 */

#include <auditkit/tables.h>
#include <errno.h>
#include <stdlib.h>

#include "events/coalesce_int.h"

static bool compat(const struct ak_event *ev)
{
	return ev->arena_.flags & AK_COALESCE_GO_COMPAT;
}

/* (a, an) against the C string b, byte order, shorter first. */
static int key_cmp(const char *a, size_t an, const char *b)
{
	for (size_t i = 0; i < an; i++) {
		if (!b[i])
			return 1;
		if (a[i] != b[i])
			return (unsigned char)a[i] < (unsigned char)b[i] ? -1 : 1;
	}
	return b[an] ? -1 : 0;
}

/* First index of @name in a sorted key table, or -1. */
static long find_key(const struct ak__norm_key *t, size_t n, const char *name, size_t len)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (key_cmp(name, len, t[mid].name) > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < n && key_cmp(name, len, t[lo].name) == 0)
		return (long)lo;
	return -1;
}

const struct ak__norm *ak__norm_for_syscall(struct ak_str name)
{
	long i = find_key(ak__norm_syscalls, ak__nnorm_syscalls, name.p, name.n);

	if (i < 0)
		i = find_key(ak__norm_syscalls, ak__nnorm_syscalls, "*", 1);
	return i < 0 ? NULL : &ak__norms[ak__norm_syscalls[i].norm];
}

static bool has_all_fields(const struct ak_event *ev, const char *packed)
{
	for (const char *p = packed; p && *p; p += strlen(p) + 1)
		if (!ak__map_get(&ev->data, p, strlen(p)))
			return false;
	return true;
}

/* recordTypeNorms[type.String()]: one entry, or the last whose has_fields are present. */
static const struct ak__norm *norm_for_type(const struct ak_event *ev,
					    struct ak_coalesce_cache *sc)
{
	const char *name = ak_msgtype_name(ev->type);
	const struct ak__norm *norm = NULL;
	size_t cnt = 0;
	long i;

	if (!name)
		return NULL;
	if (sc && sc->rt[ev->type % AK__SC_RECTYPES].slot &&
	    sc->rt[ev->type % AK__SC_RECTYPES].type == ev->type) {
		/* the table position of a type's name, remembered */
		i = (long)sc->rt[ev->type % AK__SC_RECTYPES].slot - 2;
	} else {
		i = find_key(ak__norm_rectypes, ak__nnorm_rectypes, name, strlen(name));
		if (sc && i < INT32_MAX - 2) {
			sc->rt[ev->type % AK__SC_RECTYPES].type = ev->type;
			sc->rt[ev->type % AK__SC_RECTYPES].slot = (int32_t)(i + 2);
		}
	}
	if (i < 0)
		return NULL;
	for (size_t j = (size_t)i; j < ak__nnorm_rectypes; j++) {
		const struct ak__norm_key *k = &ak__norm_rectypes[j];

		if (strcmp(k->name, name) != 0)
			break;
		if ((k->flags & AK__NORM_MISNAMED) && compat(ev))
			continue;
		cnt++;
		if (cnt == 1 || has_all_fields(ev, ak__norms[k->norm].has_fields))
			norm = &ak__norms[k->norm];
	}
	/* With several entries, one applies only when its has_fields are present. */
	if (cnt > 1 && norm && !has_all_fields(ev, norm->has_fields))
		norm = NULL;
	return norm;
}

/* getValue: data first, then user ids. */
static const struct ak_str *get_value(const struct ak_event *ev, const char *key)
{
	size_t n = strlen(key);
	const struct ak_str *v = ak__map_get(&ev->data, key, n);

	return v ? v : ak__map_get(&ev->user.ids, key, n);
}

/* The entry for @key at or after @from in the sorted @m (a short scan: the
 * keys sought are neighbours), or NULL. */
static const struct ak_str *get_after(const struct ak_event_map *m, size_t from, const char *key,
				      size_t n)
{
	for (size_t i = from; i < m->n; i++) {
		const struct ak_str *k = &m->kv[i].key;
		int c = ak__key_cmp1(k->p, k->n, key, n);

		if (c == 0)
			return &m->kv[i].val;
		if (c > 0)
			break;
	}
	return NULL;
}

static void set_how_defaults(struct ak_event *ev)
{
	/* "comm" by a search, then "exe" from there: few keys lie between */
	long at = ak__map_find(&ev->data, "comm", 4);
	const struct ak_str *comm = at >= 0 ? &ev->data.kv[at].val : NULL;
	const struct ak_str *exe = get_after(&ev->data, at >= 0 ? (size_t)at + 1 : (size_t)(-at - 1),
					     "exe", 3);

	if (!exe)
		exe = comm;
	if (!exe)
		return;
	ev->summary.how = *exe;
	if ((ak__str_has_prefix(*exe, "/usr/bin/python") || ak__str_has_prefix(*exe, "/usr/bin/sh") ||
	     ak__str_has_prefix(*exe, "/usr/bin/bash") || ak__str_has_prefix(*exe, "/usr/bin/perl")) &&
	    comm)
		ev->summary.how = *comm;
}

static void append_list(const char **dst, size_t *n, const char *packed)
{
	for (const char *p = packed; p && *p; p += strlen(p) + 1)
		if (*n < AK_EVENT_ECS_MAX)
			dst[(*n)++] = p;
}

static const char *file_type(uint64_t mode)
{
	switch (mode & 0170000) {
	case 0040000: return "directory";
	case 0020000: return "character-device";
	case 0060000: return "block-device";
	case 0010000: return "named-pipe";
	case 0120000: return "symlink";
	case 0140000: return "socket";
	case 0100000: return "file";
	}
	return NULL;
}

static bool skip_path(const struct ak_event *ev, const struct ak_event_map *p)
{
	const struct ak_str *t = ak__map_get(p, "nametype", 8);

	if (!t && !compat(ev)) /* kernels before 3.x wrote objtype= */
		t = ak__map_get(p, "objtype", 7);
	return t && (ak__str_eq(*t, "PARENT") || ak__str_eq(*t, "UNKNOWN"));
}

static int set_file_object(struct ak_event *ev, int hint)
{
	const struct ak_event_map *path;
	const struct ak_str *v, *name = NULL, *inode = NULL, *rdev = NULL, *mode_s = NULL;
	const struct ak_str *ouid = NULL, *ogid = NULL;
	size_t idx = 0, nobj = 0;
	int r;

	if (!ev->npaths)
		return 0;
	if (hint > 0 && ev->npaths > (size_t)hint)
		idx = (size_t)hint;
	path = &ev->paths[idx];
	for (size_t i = idx; i < ev->npaths; i++) {
		if (!skip_path(ev, &ev->paths[i])) {
			path = &ev->paths[i];
			break;
		}
	}
	ev->has_file = 1;
	r = ak__map_init(ev, &ev->file.selinux, 0);
	if (r < 0)
		return r;
	/* One pass over the (sorted, unique) keys instead of a lookup each. */
	for (size_t i = 0; i < path->n; i++) {
		struct ak_str k = path->kv[i].key;
		const struct ak_str **slot = NULL;

		switch (k.n) {
		case 4:
			if (!memcmp(k.p, "name", 4))
				slot = &name;
			else if (!memcmp(k.p, "rdev", 4))
				slot = &rdev;
			else if (!memcmp(k.p, "mode", 4))
				slot = &mode_s;
			else if (!memcmp(k.p, "ouid", 4))
				slot = &ouid;
			else if (!memcmp(k.p, "ogid", 4))
				slot = &ogid;
			break;
		case 5:
			if (!memcmp(k.p, "inode", 5))
				slot = &inode;
			break;
		}
		if (slot)
			*slot = &path->kv[i].val;
		else if (k.n >= 4 && !memcmp(k.p, "obj_", 4))
			nobj++;
	}
	if ((v = name)) {
		ev->summary.object.primary = *v;
		ev->file.path = *v;
	}
	if ((v = inode))
		ev->file.inode = *v;
	if ((v = rdev))
		ev->file.device = *v;
	if ((v = mode_s)) {
		uint64_t mode;

		if (!ak__parse_u64(*v, 8, &mode)) {
			static const char msg[] = "failed to set file object: failed to parse file mode";

			return compat(ev) ? 0 : ak__ev_warn(ev, msg, sizeof(msg) - 1);
		} else {
			/* "%04o" of the permission bits, SUID/SGID/sticky included (#137). */
			char *s = ak__ev_alloc(ev, 8, 1);
			uint64_t perm = mode & 07777;
			const char *t;

			if (!s)
				return -ERANGE;
			s[0] = (char)('0' + ((perm >> 9) & 7));
			s[1] = (char)('0' + ((perm >> 6) & 7));
			s[2] = (char)('0' + ((perm >> 3) & 7));
			s[3] = (char)('0' + (perm & 7));
			ev->file.mode = (struct ak_str){ s, 4 };
			/* go-libaudit casts to os.FileMode, whose type bits differ:
			 * every object becomes "file".  We use the real type. */
			t = compat(ev) ? "file" : file_type(mode);
			if (t)
				ev->summary.object.type = ak__str(t);
		}
	}
	if ((v = ouid))
		ev->file.uid = *v;
	if ((v = ogid))
		ev->file.gid = *v;
	for (size_t i = 0; nobj && i < path->n; i++) {
		struct ak_str k = path->kv[i].key;

		if (ak__str_has_prefix(k, "obj_")) {
			r = ak__map_set(ev, &ev->file.selinux, (struct ak_str){ k.p + 4, k.n - 4 },
					path->kv[i].val, ak__map_plain(path, i));
			if (r < 0)
				return r;
		}
	}
	return 0;
}

static void set_socket_object(struct ak_event *ev)
{
	const struct ak_str *v = ak__map_get(&ev->data, "socket_addr", 11);

	if (!v)
		v = ak__map_get(&ev->data, "socket_path", 11);
	if (v)
		ev->summary.object.primary = *v;
	if ((v = ak__map_get(&ev->data, "socket_port", 11)))
		ev->summary.object.secondary = *v;
}

/* The warning of set_from_keys() (apart: its buffer costs only when used). */
static __attribute__((noinline)) int warn_not_found(struct ak_event *ev, const char *keys,
						     const char *what)
{
	char buf[256];
	struct ak__sb b = { buf, 0, sizeof(buf) };

	ak__sb_cstr(&b, "failed to set ");
	ak__sb_cstr(&b, what);
	ak__sb_cstr(&b, " using keys=");
	ak__sb_golist(&b, keys);
	ak__sb_cstr(&b, " because they were not found");
	return ak__ev_warn_sb(ev, &b);
}

/* Try each key of @keys; set *@dst from the first found, else warn. */
static int set_from_keys(struct ak_event *ev, const char *keys, struct ak_str *dst, const char *what)
{
	if (!keys)
		return 0;
	for (const char *p = keys; *p; p += strlen(p) + 1) {
		const struct ak_str *v = get_value(ev, p);

		if (v) {
			*dst = *v;
			return 0;
		}
	}
	return warn_not_found(ev, keys, what);
}

static int set_source_ip(struct ak_event *ev, const char *keys)
{
	char buf[256];
	struct ak__sb b = { buf, 0, sizeof(buf) };

	for (const char *p = keys; *p; p += strlen(p) + 1) {
		struct ak_str v;

		if (ak__map_del(&ev->data, p, &v)) {
			ev->has_source = 1;
			ev->source = (struct ak_event_addr){ .ip = v };
			ev->direction = AK_DIR_INGRESS;
			return 0;
		}
	}
	ak__sb_cstr(&b, "failed to set source IP using keys=");
	ak__sb_golist(&b, keys);
	ak__sb_cstr(&b, " because they were not found");
	return ak__ev_warn_sb(ev, &b);
}

/* ECSEntityData.set */
static void ecs_set(struct ak_ecs_entity *e, struct ak_str v)
{
	uint64_t num;

	if (!v.n || ak__str_eq(v, "unset") || ak__str_eq(v, "4294967295") || ak__str_eq(v, "-1")) {
		*e = (struct ak_ecs_entity){ .id = AK_STR_LIT("unset") };
		return;
	}
	if (ak__parse_u64(v, 10, &num))
		e->id = v;
	else
		e->name = v;
}

static void apply_mapping(struct ak_event *ev, const struct ak__norm_map *m)
{
	struct ak_str v = { "", 0 };
	const struct ak_str *pv;

	switch (m->from) {
	case AK__NORM_FROM_SUBJ_PRIMARY: v = ev->summary.actor.primary; break;
	case AK__NORM_FROM_SUBJ_SECONDARY: v = ev->summary.actor.secondary; break;
	case AK__NORM_FROM_OBJ_PRIMARY: v = ev->summary.object.primary; break;
	case AK__NORM_FROM_OBJ_SECONDARY: v = ev->summary.object.secondary; break;
	case AK__NORM_FROM_DATA:
		if ((pv = ak__map_get(&ev->data, m->key, strlen(m->key))))
			v = *pv;
		break;
	case AK__NORM_FROM_UID:
		if ((pv = ak__map_get(&ev->user.ids, m->key, strlen(m->key))))
			v = *pv;
		break;
	}
	switch (m->to) {
	case AK__NORM_TO_USER: ecs_set(&ev->ecs.user, v); break;
	case AK__NORM_TO_USER_EFFECTIVE: ecs_set(&ev->ecs.user_effective, v); break;
	case AK__NORM_TO_USER_TARGET: ecs_set(&ev->ecs.user_target, v); break;
	case AK__NORM_TO_USER_CHANGES: ecs_set(&ev->ecs.user_changes, v); break;
	case AK__NORM_TO_GROUP: ecs_set(&ev->ecs.group, v); break;
	}
}

static void set_outcome(struct ak_event *ev)
{
	if (compat(ev))
		return;
	if (ak__str_eq(ev->result, "success"))
		ev->ecs.outcome = "success";
	else if (ak__str_eq(ev->result, "fail"))
		ev->ecs.outcome = "failure";
}

/* ak__norm_for_syscall(), remembered in @sc (may be NULL). */
static const struct ak__norm *syscall_norm(struct ak_str name, struct ak_coalesce_cache *sc)
{
	const struct ak__norm *norm;
	unsigned i;

	if (!sc || !name.n || name.n > sizeof(sc->sys[0].name))
		return ak__norm_for_syscall(name);
	i = ((unsigned)name.n * 7u + (unsigned char)name.p[0] * 3u +
	     (unsigned char)name.p[name.n - 1]) % AK__SC_SYSCALLS;
	if (sc->sys[i].n == name.n && !memcmp(sc->sys[i].name, name.p, name.n))
		return sc->sys[i].norm;
	norm = ak__norm_for_syscall(name);
	sc->sys[i].n = (uint8_t)name.n;
	memcpy(sc->sys[i].name, name.p, name.n);
	sc->sys[i].norm = norm;
	return norm;
}

int ak__apply_normalization(struct ak_event *ev, struct ak_coalesce_cache *sc,
			    const struct ak_str *syscall)
{
	const struct ak__norm *sys_norm = NULL, *norm;
	const struct ak_str *sv;
	int r;

	set_how_defaults(ev);
	set_outcome(ev);
	if ((sv = syscall ? syscall : ak__map_get(&ev->data, "syscall", 7)))
		sys_norm = syscall_norm(*sv, sc);
	norm = ev->type == 1300 ? sys_norm : norm_for_type(ev, sc);
	if (!norm) {
		static const char msg[] = "no normalization found for event";

		return ak__ev_warn(ev, msg, sizeof(msg) - 1);
	}

	ev->ecs.kind = norm->ecs_kind;
	append_list(ev->ecs.category, &ev->ecs.ncategory, norm->ecs_category);
	append_list(ev->ecs.type, &ev->ecs.ntype, norm->ecs_type);
	if (sys_norm && sys_norm != norm) {
		append_list(ev->ecs.category, &ev->ecs.ncategory, sys_norm->ecs_category);
		append_list(ev->ecs.type, &ev->ecs.ntype, sys_norm->ecs_type);
		if (ak__str_eq(ev->result, "fail"))
			ev->ecs.outcome = "failure";
	}

	ev->summary.action = ak__str(norm->action);
	ev->summary.object.type = ak__str(norm->object_what);
	if (norm->object_what && (!strcmp(norm->object_what, "file") ||
				  !strcmp(norm->object_what, "filesystem"))) {
		r = set_file_object(ev, norm->path_index);
		if (r < 0)
			return r;
	} else if (norm->object_what && !strcmp(norm->object_what, "socket")) {
		set_socket_object(ev);
	}

	if ((r = set_from_keys(ev, norm->subj_primary, &ev->summary.actor.primary,
			       "subject primary")) < 0 ||
	    (r = set_from_keys(ev, norm->subj_secondary, &ev->summary.actor.secondary,
			       "subject secondary")) < 0 ||
	    (r = set_from_keys(ev, norm->obj_primary, &ev->summary.object.primary,
			       "object primary")) < 0 ||
	    (r = set_from_keys(ev, norm->obj_secondary, &ev->summary.object.secondary,
			       "object secondary")) < 0 ||
	    (r = set_from_keys(ev, norm->how, &ev->summary.how, "how")) < 0)
		return r;
	if (!ev->has_source && norm->source_ip) {
		r = set_source_ip(ev, norm->source_ip);
		if (r < 0)
			return r;
	}
	for (size_t i = 0; i < norm->nmaps; i++)
		apply_mapping(ev, &norm->maps[i]);
	return 0;
}
