// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * A coalesced event as one YAML document, shaped like go-libaudit's
 * yaml.v2 output of Event (key "timestamp", ECS user fields inline, lists
 * at their key's indentation).  Every string is a double-quoted scalar, so
 * the output is valid YAML whatever the bytes.
 */

#include <auditkit/format.h>

#include "events/coalesce_int.h"
#include "events/event_out.h"

static void indent(struct ak_json *w, unsigned n)
{
	static const char sp[] = "                                ";

	ak_out_bytes(w, sp, n < sizeof(sp) - 1 ? n : sizeof(sp) - 1);
}

static void key(struct ak_json *w, unsigned ind, const char *k)
{
	indent(w, ind);
	ak_out_cstr(w, k);
	ak_out_bytes(w, ":", 1);
}

static void val(struct ak_json *w, struct ak_str v)
{
	ak_out_bytes(w, " ", 1);
	ak_out_yaml_str(w, v.p ? v.p : "", v.n);
	ak_out_bytes(w, "\n", 1);
}

static void kv(struct ak_json *w, unsigned ind, const char *k, struct ak_str v)
{
	if (!v.n)
		return;
	key(w, ind, k);
	val(w, v);
}

static void kv_c(struct ak_json *w, unsigned ind, const char *k, const char *v)
{
	if (v)
		kv(w, ind, k, ak__str(v));
}

static void map_body(struct ak_json *w, unsigned ind, const struct ak_event_map *m, bool first_dash)
{
	for (size_t i = 0; i < m->n; i++) {
		if (first_dash && i == 0) {
			indent(w, ind - 2);
			ak_out_bytes(w, "- ", 2);
		} else {
			indent(w, ind);
		}
		ak_out_yaml_str(w, m->kv[i].key.p, m->kv[i].key.n);
		ak_out_bytes(w, ":", 1);
		val(w, m->kv[i].val);
	}
}

static void kv_map(struct ak_json *w, unsigned ind, const char *k, const struct ak_event_map *m)
{
	if (!m->n)
		return;
	key(w, ind, k);
	ak_out_bytes(w, "\n", 1);
	map_body(w, ind + 2, m, false);
}

static void kv_list(struct ak_json *w, unsigned ind, const char *k, const struct ak_str *v, size_t n)
{
	if (!n)
		return;
	key(w, ind, k);
	ak_out_bytes(w, "\n", 1);
	for (size_t i = 0; i < n; i++) {
		indent(w, ind);
		ak_out_bytes(w, "-", 1);
		val(w, v[i]);
	}
}

static void kv_clist(struct ak_json *w, unsigned ind, const char *k, const char *const *v, size_t n)
{
	if (!n)
		return;
	key(w, ind, k);
	ak_out_bytes(w, "\n", 1);
	for (size_t i = 0; i < n; i++) {
		indent(w, ind);
		ak_out_bytes(w, "-", 1);
		val(w, ak__str(v[i]));
	}
}

/* A struct key whose value may be empty: "k: {}" or "k:\n  ...". */
static void open_obj(struct ak_json *w, unsigned ind, const char *k, bool empty)
{
	key(w, ind, k);
	ak_out_cstr(w, empty ? " {}\n" : "\n");
}

static bool entity_empty(const struct ak_ecs_entity *e)
{
	return !e->name.n && !e->id.n;
}

static void entity(struct ak_json *w, unsigned ind, const char *k, const struct ak_ecs_entity *e)
{
	open_obj(w, ind, k, entity_empty(e));
	kv(w, ind + 2, "name", e->name);
	kv(w, ind + 2, "id", e->id);
}

static void addr(struct ak_json *w, const char *k, const struct ak_event_addr *a)
{
	open_obj(w, 0, k, !a->hostname.n && !a->ip.n && !a->port.n && !a->path.n);
	kv(w, 2, "hostname", a->hostname);
	kv(w, 2, "ip", a->ip);
	kv(w, 2, "port", a->port);
	kv(w, 2, "path", a->path);
}

AK_EXPORT int ak_event_yaml(struct ak_json *w, const struct ak_event *ev, unsigned flags)
{
	char buf[48];
	const struct ak_event_map *m;
	bool empty;

	ak_out_cstr(w, "---\n");
	if (ak__ev_time(buf, sizeof(buf), ev->sec, ev->msec, false) > 0)
		kv_c(w, 0, "timestamp", buf);
	key(w, 0, "sequence");
	ak_out_bytes(w, " ", 1);
	{
		struct ak__sb b = { buf, 0, sizeof(buf) };

		ak__sb_uint(&b, ev->serial);
		ak_out_bytes(w, buf, b.n);
	}
	ak_out_bytes(w, "\n", 1);
	kv_c(w, 0, "category", ev->category ? ev->category : "unknown");
	kv_c(w, 0, "record_type", ak__ev_type_name(ev->type, buf, sizeof(buf), true));
	kv(w, 0, "result", ev->result);
	key(w, 0, "session");
	val(w, ev->session);
	kv_list(w, 0, "tags", ev->tags, ev->ntags);

	ak_out_cstr(w, "summary:\n");
	empty = !ev->summary.actor.primary.n && !ev->summary.actor.secondary.n;
	open_obj(w, 2, "actor", empty);
	kv(w, 4, "primary", ev->summary.actor.primary);
	kv(w, 4, "secondary", ev->summary.actor.secondary);
	kv(w, 2, "action", ev->summary.action);
	empty = !ev->summary.object.type.n && !ev->summary.object.primary.n &&
		!ev->summary.object.secondary.n;
	open_obj(w, 2, "object", empty);
	kv(w, 4, "type", ev->summary.object.type);
	kv(w, 4, "primary", ev->summary.object.primary);
	kv(w, 4, "secondary", ev->summary.object.secondary);
	kv(w, 2, "how", ev->summary.how);

	open_obj(w, 0, "user", !ev->user.ids.n && !ev->user.names.n && !ev->user.selinux.n);
	kv_map(w, 2, "ids", &ev->user.ids);
	kv_map(w, 2, "names", &ev->user.names);
	kv_map(w, 2, "selinux", &ev->user.selinux);

	empty = !ev->process.pid.n && !ev->process.ppid.n && !ev->process.title.n &&
		!ev->process.name.n && !ev->process.exe.n && !ev->process.cwd.n && !ev->process.nargs;
	open_obj(w, 0, "process", empty);
	kv(w, 2, "pid", ev->process.pid);
	kv(w, 2, "ppid", ev->process.ppid);
	kv(w, 2, "title", ev->process.title);
	kv(w, 2, "name", ev->process.name);
	kv(w, 2, "exe", ev->process.exe);
	kv(w, 2, "cwd", ev->process.cwd);
	kv_list(w, 2, "args", ev->process.args, ev->process.nargs);

	if (ev->has_file) {
		ak_out_cstr(w, "file:\n");
		kv(w, 2, "path", ev->file.path);
		kv(w, 2, "device", ev->file.device);
		kv(w, 2, "inode", ev->file.inode);
		kv(w, 2, "mode", ev->file.mode);
		kv(w, 2, "uid", ev->file.uid);
		kv(w, 2, "gid", ev->file.gid);
		kv(w, 2, "owner", ev->file.owner);
		kv(w, 2, "group", ev->file.group);
		kv_map(w, 2, "selinux", &ev->file.selinux);
	}
	if (ev->has_source)
		addr(w, "source", &ev->source);
	if (ev->has_dest)
		addr(w, "destination", &ev->dest);
	if (ev->direction) {
		ak_out_cstr(w, "network:\n");
		kv_c(w, 2, "direction", ak__ev_direction(ev->direction));
	}
	kv_map(w, 0, "data", &ev->data);
	if (ev->npaths) {
		ak_out_cstr(w, "paths:\n");
		for (size_t i = 0; i < ev->npaths; i++) {
			m = &ev->paths[i];
			if (m->n)
				map_body(w, 2, m, true);
			else
				ak_out_cstr(w, "- {}\n");
		}
	}

	ak_out_cstr(w, "ecs:\n");
	empty = !ev->ecs.kind && !ev->ecs.ncategory && !ev->ecs.ntype && !ev->ecs.outcome;
	open_obj(w, 2, "event", empty);
	kv_c(w, 4, "kind", ev->ecs.kind);
	kv_clist(w, 4, "category", ev->ecs.category, ev->ecs.ncategory);
	kv_clist(w, 4, "type", ev->ecs.type, ev->ecs.ntype);
	kv_c(w, 4, "outcome", ev->ecs.outcome);
	ak_out_cstr(w, "  user:\n");
	kv(w, 4, "name", ev->ecs.user.name);
	kv(w, 4, "id", ev->ecs.user.id);
	entity(w, 4, "effective", &ev->ecs.user_effective);
	entity(w, 4, "target", &ev->ecs.user_target);
	entity(w, 4, "changes", &ev->ecs.user_changes);
	entity(w, 2, "group", &ev->ecs.group);

	if (!(flags & AK_EVENT_OUT_GO_KEYS)) {
		kv(w, 0, "node", ev->node);
		kv_map(w, 0, "enriched", &ev->enriched);
		kv_list(w, 0, "warnings", ev->warnings, ev->nwarnings);
	}
	ak_out_bytes(w, "\n", 1);
	return 0;
}
