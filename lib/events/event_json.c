// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * A coalesced event as JSON: go-libaudit's Event keys in its struct order
 * (maps sorted by key), omitempty where go-libaudit has it, then our
 * additions (node, enriched, warnings) unless AK_EVENT_OUT_GO_KEYS.
 */

#include <auditkit/tables.h>
#include <errno.h>

#include "events/coalesce_int.h"
#include "events/event_out.h"
#include "output/utf8.h"

/* Days since 1970-01-01 -> civil date (Howard Hinnant's algorithm). */
static void civil(int64_t days, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int64_t)yoe + era * 400 + (*m <= 2);
}

/* "00" .. "99": a two-digit number is one table load. */
static const char digits2[201] = "00010203040506070809101112131415161718192021222324252627282930"
				 "31323334353637383940414243444546474849505152535455565758596061"
				 "62636465666768697071727374757677787980818283848586878889909192"
				 "93949596979899";

static char *put2(char *p, unsigned v)
{
	memcpy(p, digits2 + 2 * v, 2); /* v < 100 */
	return p + 2;
}

int ak__ev_time(char *dst, size_t cap, int64_t sec, uint32_t msec, bool go_string)
{
	int64_t days = sec / 86400, rem = sec % 86400, y;
	unsigned mo, d, frac;
	char *p = dst;

	if (cap < 40)
		return -ERANGE;
	/* go-libaudit reads the fraction as milliseconds (any digit count). */
	sec += msec / 1000;
	days = sec / 86400;
	rem = sec % 86400;
	if (rem < 0) {
		rem += 86400;
		days--;
	}
	civil(days, &y, &mo, &d);
	if (y < 0 || y > 9999)
		return -ERANGE;
	p = put2(p, (unsigned)(y / 100));
	p = put2(p, (unsigned)(y % 100));
	*p++ = '-';
	p = put2(p, mo);
	*p++ = '-';
	p = put2(p, d);
	*p++ = go_string ? ' ' : 'T';
	p = put2(p, (unsigned)(rem / 3600));
	*p++ = ':';
	p = put2(p, (unsigned)(rem / 60 % 60));
	*p++ = ':';
	p = put2(p, (unsigned)(rem % 60));
	/* Go prints the fraction with trailing zeros trimmed. */
	frac = msec % 1000;
	if (frac) {
		/* all three digits, then the trailing zeros dropped */
		p[0] = '.';
		p[1] = (char)('0' + frac / 100);
		put2(p + 2, frac % 100);
		p += frac % 10 ? 4 : frac % 100 ? 3 : 2;
	}
	if (go_string) {
		memcpy(p, " +0000 UTC", 10);
		p += 10;
	} else {
		*p++ = 'Z';
	}
	*p = '\0';
	return (int)(p - dst);
}

AK_EXPORT int ak_event_timestamp(char *dst, size_t cap, int64_t sec, uint32_t msec)
{
	int r = ak__ev_time(dst, cap, sec, msec, false);

	if (r < 0)
		errno = -r;
	return r;
}

const char *ak__ev_type_name(uint32_t type, char *buf, size_t cap, bool lower)
{
	const char *name = ak_msgtype_name(type);
	struct ak__sb b = { buf, 0, cap - 1 };

	if (name)
		ak__sb_cstr(&b, name);
	else
		ak__sb_type(&b, type);
	buf[b.n] = '\0';
	if (lower)
		for (size_t i = 0; i < b.n; i++)
			if (buf[i] >= 'A' && buf[i] <= 'Z')
				buf[i] = (char)(buf[i] - 'A' + 'a');
	return buf;
}

/* Inline so that strlen folds for the literal keys. */
static inline void kv_str(struct ak_json *w, const char *key, struct ak_str v)
{
	if (v.n)
		ak__json_kv(w, key, strlen(key), v.p, v.n);
}

static inline void kv_cstr(struct ak_json *w, const char *key, const char *s)
{
	ak__json_kv(w, key, strlen(key), s, strlen(s));
}

static void map_obj(struct ak_json *w, const struct ak_event_map *m)
{
	ak_json_obj_open(w);
	for (size_t i = 0; i < m->n; i++)
		ak__json_kv(w, m->kv[i].key.p, m->kv[i].key.n, m->kv[i].val.p, m->kv[i].val.n);
	ak_json_obj_close(w);
}

static void kv_map(struct ak_json *w, const char *key, const struct ak_event_map *m)
{
	if (!m->n)
		return;
	ak_json_key(w, key, strlen(key));
	map_obj(w, m);
}

static void kv_list(struct ak_json *w, const char *key, const struct ak_str *v, size_t n)
{
	if (!n)
		return;
	ak_json_key(w, key, strlen(key));
	ak_json_arr_open(w);
	for (size_t i = 0; i < n; i++)
		ak_json_str(w, v[i].p, v[i].n);
	ak_json_arr_close(w);
}

static void kv_clist(struct ak_json *w, const char *key, const char *const *v, size_t n)
{
	if (!n)
		return;
	ak_json_key(w, key, strlen(key));
	ak_json_arr_open(w);
	for (size_t i = 0; i < n; i++)
		ak_json_cstr(w, v[i]);
	ak_json_arr_close(w);
}

static void entity(struct ak_json *w, const struct ak_ecs_entity *e)
{
	kv_str(w, "name", e->name);
	kv_str(w, "id", e->id);
}

static void entity_obj(struct ak_json *w, const char *key, const struct ak_ecs_entity *e)
{
	ak_json_key(w, key, strlen(key));
	ak_json_obj_open(w);
	entity(w, e);
	ak_json_obj_close(w);
}

static void addr_obj(struct ak_json *w, const char *key, const struct ak_event_addr *a)
{
	ak_json_key(w, key, strlen(key));
	ak_json_obj_open(w);
	kv_str(w, "hostname", a->hostname);
	kv_str(w, "ip", a->ip);
	kv_str(w, "port", a->port);
	kv_str(w, "path", a->path);
	ak_json_obj_close(w);
}

const char *ak__ev_direction(int dir)
{
	return dir == AK_DIR_INGRESS ? "ingress" : dir == AK_DIR_EGRESS ? "egress" : "unknown";
}

AK_EXPORT int ak_event_json(struct ak_json *w, const struct ak_event *ev, unsigned flags)
{
	char buf[48];

	if (ak__event_json_fast(w, ev, flags) == 0)
		return 0;
	ak_json_obj_open(w);
	if (ak__ev_time(buf, sizeof(buf), ev->sec, ev->msec, false) > 0)
		kv_cstr(w, "@timestamp", buf);
	else
		ak_json_kv_int(w, "@timestamp", ev->sec);
	ak_json_kv_uint(w, "sequence", ev->serial);
	kv_cstr(w, "category", ev->category ? ev->category : "unknown");
	kv_cstr(w, "record_type", ak__ev_type_name(ev->type, buf, sizeof(buf), true));
	kv_str(w, "result", ev->result);
	ak__json_kv(w, "session", 7, ev->session.p ? ev->session.p : "", ev->session.n);
	kv_list(w, "tags", ev->tags, ev->ntags);

	ak_json_key(w, "summary", 7);
	ak_json_obj_open(w);
	ak_json_key(w, "actor", 5);
	ak_json_obj_open(w);
	kv_str(w, "primary", ev->summary.actor.primary);
	kv_str(w, "secondary", ev->summary.actor.secondary);
	ak_json_obj_close(w);
	kv_str(w, "action", ev->summary.action);
	ak_json_key(w, "object", 6);
	ak_json_obj_open(w);
	kv_str(w, "type", ev->summary.object.type);
	kv_str(w, "primary", ev->summary.object.primary);
	kv_str(w, "secondary", ev->summary.object.secondary);
	ak_json_obj_close(w);
	kv_str(w, "how", ev->summary.how);
	ak_json_obj_close(w);

	ak_json_key(w, "user", 4);
	ak_json_obj_open(w);
	kv_map(w, "ids", &ev->user.ids);
	kv_map(w, "names", &ev->user.names);
	kv_map(w, "selinux", &ev->user.selinux);
	ak_json_obj_close(w);

	ak_json_key(w, "process", 7);
	ak_json_obj_open(w);
	kv_str(w, "pid", ev->process.pid);
	kv_str(w, "ppid", ev->process.ppid);
	kv_str(w, "title", ev->process.title);
	kv_str(w, "name", ev->process.name);
	kv_str(w, "exe", ev->process.exe);
	kv_str(w, "cwd", ev->process.cwd);
	kv_list(w, "args", ev->process.args, ev->process.nargs);
	ak_json_obj_close(w);

	if (ev->has_file) {
		ak_json_key(w, "file", 4);
		ak_json_obj_open(w);
		kv_str(w, "path", ev->file.path);
		kv_str(w, "device", ev->file.device);
		kv_str(w, "inode", ev->file.inode);
		kv_str(w, "mode", ev->file.mode);
		kv_str(w, "uid", ev->file.uid);
		kv_str(w, "gid", ev->file.gid);
		kv_str(w, "owner", ev->file.owner);
		kv_str(w, "group", ev->file.group);
		kv_map(w, "selinux", &ev->file.selinux);
		ak_json_obj_close(w);
	}
	if (ev->has_source)
		addr_obj(w, "source", &ev->source);
	if (ev->has_dest)
		addr_obj(w, "destination", &ev->dest);
	if (ev->direction) {
		ak_json_key(w, "network", 7);
		ak_json_obj_open(w);
		kv_cstr(w, "direction", ak__ev_direction(ev->direction));
		ak_json_obj_close(w);
	}
	kv_map(w, "data", &ev->data);
	if (ev->npaths) {
		ak_json_key(w, "paths", 5);
		ak_json_arr_open(w);
		for (size_t i = 0; i < ev->npaths; i++)
			map_obj(w, &ev->paths[i]);
		ak_json_arr_close(w);
	}

	ak_json_key(w, "ecs", 3);
	ak_json_obj_open(w);
	ak_json_key(w, "event", 5);
	ak_json_obj_open(w);
	if (ev->ecs.kind)
		kv_cstr(w, "kind", ev->ecs.kind);
	kv_clist(w, "category", ev->ecs.category, ev->ecs.ncategory);
	kv_clist(w, "type", ev->ecs.type, ev->ecs.ntype);
	if (ev->ecs.outcome)
		kv_cstr(w, "outcome", ev->ecs.outcome);
	ak_json_obj_close(w);
	ak_json_key(w, "user", 4);
	ak_json_obj_open(w);
	entity(w, &ev->ecs.user);
	entity_obj(w, "effective", &ev->ecs.user_effective);
	entity_obj(w, "target", &ev->ecs.user_target);
	entity_obj(w, "changes", &ev->ecs.user_changes);
	ak_json_obj_close(w);
	entity_obj(w, "group", &ev->ecs.group);
	ak_json_obj_close(w);

	if (!(flags & AK_EVENT_OUT_GO_KEYS)) {
		kv_str(w, "node", ev->node);
		kv_map(w, "enriched", &ev->enriched);
		kv_list(w, "warnings", ev->warnings, ev->nwarnings);
	}
	ak_json_obj_close(w);
	ak_out_bytes(w, "\n", 1);
	return 0;
}
