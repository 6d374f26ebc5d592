/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AUDITKIT_COALESCE_H
#define AUDITKIT_COALESCE_H

/*
 * Coalescing: the records of one event (one serial number: SYSCALL, EXECVE,
 * CWD, PATH, SOCKADDR, PROCTITLE, ...) become one normalized event saying who
 * did what to which object, and how: go-libaudit's aucoalesce.Event, with its
 * JSON keys, normalizations (all 140 entries of its normalizations.yaml, as
 * generated static tables) and ECS categorization.
 *
 *	struct ak_event ev;
 *	size_t need = ak_coalesce_arena_size(recs, n);  // or keep one big buffer
 *	int r = ak_coalesce(&ev, recs, n, arena, need, 0);
 *	if (r == 0) ak_event_json(&w, &ev, 0);
 *
 * Memory: nothing is allocated.  The event's arrays and every decoded or
 * formatted string live in the caller's @arena; other strings point into the
 * records' input or at static names.  The event is valid while the arena and
 * the records' input are.  ak_coalesce_arena_size() is a bound that always
 * suffices (also for a later ak_event_resolve_ids()); it grows linearly with
 * the records' size.
 *
 * Beyond go-libaudit (see tests/golden/DIFFERENCES.md):
 *  - EXECVE arguments are rebuilt in order into process.args across several
 *    EXECVE records and across the kernel's aN_len/aN[M] split form;
 *  - an event without a SYSCALL record still coalesces (go-libaudit #127):
 *    its first record supplies the data and the others are merged into it;
 *  - a record go-libaudit cannot interpret (SYSCALL without exe, ...) still
 *    contributes what could be interpreted, with a warning;
 *  - "node" (node=HOST prefix) and "enriched" (auditd's 0x1d-separated
 *    interpretations, e.g. "UID":"root") are carried; enriched user and group
 *    names also fill user.names;
 *  - summary.object.type follows the real file type (directory, named-pipe,
 *    ...) and the object path skips PARENT/UNKNOWN by nametype *or* objtype;
 *  - the two YAML entries whose record-type names match nothing
 *    (AUDIT_ANOM_LOGIN_ACCT, ANOM_MK_EXE) apply to ANOM_LOGIN_ACCT, ANOM_MK_EXEC;
 *  - ecs.event.outcome is "success" or "failure" whenever result says so.
 * AK_COALESCE_GO_COMPAT gives go-libaudit's values instead where they
 * differ: object type "file", objtype ignored, the two entries never match,
 * outcome only as go-libaudit sets it, a header-only event when the data
 * record cannot be interpreted, no args when one is missing.  What go-libaudit
 * cannot do at all (argv across records, events without SYSCALL, node,
 * enriched) stays.  All 48 go-libaudit goldens are reproduced exactly in
 * that mode (tests/unit/test-coalesce.c).
 */

#include <auditkit/base.h>
#include <auditkit/interp.h>
#include <auditkit/json.h>
#include <auditkit/record.h>

AK_BEGIN_DECLS

/* A string map, kept sorted by key (byte order, as Go marshals maps). */
struct ak_event_map {
	struct ak_kv *kv;
	size_t n;
	size_t cap;
	/*
	 * Per entry, in kv's order (room for cap): nonzero when key and value
	 * are printable ASCII (0x20-0x7e) without '"' or '\\', so that JSON
	 * writers copy them as they are.  Zero says nothing; NULL says nothing
	 * of any entry.  The coalescer fills it from the parser's and the
	 * interpreter's findings (AK_F_PLAIN, ak_interp.kv_plain).  Whoever
	 * changes an entry's bytes clears its flag (or sets plain to NULL).
	 */
	unsigned char *plain;
};

/** ak_event_map_get - the value for @key, or NULL. Binary search. */
AK_EXPORT const struct ak_str *ak_event_map_get(const struct ak_event_map *m, const char *key);

struct ak_ecs_entity {
	struct ak_str name, id; /* empty: absent */
};

struct ak_event_addr {
	struct ak_str hostname, ip, port, path;
};

enum ak_event_dir {
	AK_DIR_NONE = 0,
	AK_DIR_INGRESS = 1,
	AK_DIR_EGRESS = 2,
};

#define AK_EVENT_ECS_MAX 8

struct ak_event {
	/* Header: from the first record if it is not a SYSCALL, else the SYSCALL. */
	int64_t sec;
	uint32_t msec;
	uint32_t serial;
	uint32_t type;        /* record type (JSON "record_type", lower-case name) */
	const char *category; /* "audit-rule", "user-login", ... (static) */
	struct ak_str node;   /* node=HOST of the first record, empty if none */
	struct ak_str result; /* "success", "fail", "unknown"; empty: omitted */
	struct ak_str session;
	struct ak_str *tags; /* rule keys */
	size_t ntags;

	struct {
		struct {
			struct ak_str primary, secondary;
		} actor;
		struct ak_str action;
		struct {
			struct ak_str type, primary, secondary;
		} object;
		struct ak_str how;
	} summary;

	struct {
		struct ak_event_map ids;     /* auid, uid, euid, ..., gid, ... */
		struct ak_event_map names;   /* id key -> name (enriched, or resolved) */
		struct ak_event_map selinux; /* subj_* labels: user, role, domain, level, category */
	} user;

	struct {
		struct ak_str pid, ppid, title, name, exe, cwd;
		struct ak_str *args;
		size_t nargs;
	} process;

	int has_file;
	struct {
		struct ak_str path, device, inode, mode, uid, gid, owner, group;
		struct ak_event_map selinux;
	} file;

	int has_source, has_dest;
	struct ak_event_addr source, dest;
	int direction; /* enum ak_event_dir; AK_DIR_NONE: no "network" */

	struct ak_event_map data;   /* leftover fields */
	struct ak_event_map *paths; /* every PATH record's fields, in order */
	size_t npaths;

	struct {
		const char *kind; /* NULL: absent */
		const char *category[AK_EVENT_ECS_MAX];
		size_t ncategory;
		const char *type[AK_EVENT_ECS_MAX];
		size_t ntype;
		const char *outcome; /* NULL: absent */
		struct ak_ecs_entity user, user_effective, user_target, user_changes, group;
	} ecs;

	struct ak_event_map enriched; /* auditd's interpretations, e.g. UID -> root */

	struct ak_str *warnings; /* soft errors, in the order they arose */
	size_t nwarnings;

	/* Private: where the event's memory comes from. */
	struct {
		char *base;
		size_t cap, used;
		unsigned flags;
	} arena_;
};

enum ak_coalesce_flag {
	/* Reproduce go-libaudit's values exactly, quirks included (object type
	 * always "file", objtype ignored, two never-matching normalizations,
	 * outcome only for failures of compound events). */
	AK_COALESCE_GO_COMPAT = 1u << 0,
};

/** ak_coalesce_arena_size - arena bytes that always suffice for these records. */
AK_EXPORT size_t ak_coalesce_arena_size(const struct ak_rec *recs, size_t n);

/**
 * ak_coalesce - build one event from the records of one serial number.
 * @ev: out.
 * @recs, @n: parsed records, in arrival order (a trailing EOE is ignored).
 * @arena, @size: caller memory for the event (any alignment).
 * @flags: enum ak_coalesce_flag.
 *
 * Returns 0, -EINVAL when there is no record (or only EOE), or -ERANGE when
 * @size is too small (ak_coalesce_arena_size() always suffices).  Problems
 * with the records themselves are not failures: they are ev->warnings.
 */
AK_EXPORT int ak_coalesce(struct ak_event *ev, const struct ak_rec *recs, size_t n, void *arena,
			  size_t size, unsigned flags);

/*
 * Optional state for a stream of events: ak_coalesce_cached() with a cache
 * gives the same events as ak_coalesce(), faster, because records of one
 * type list their keys in one order and the cache remembers how such a list
 * sorts (every remembered order is checked before it is used).  One cache
 * per thread; NULL is allowed and caches nothing.
 */
struct ak_coalesce_cache;

/** ak_coalesce_cache_new - allocate an empty cache (a few KiB): 0 or -ENOMEM. */
AK_EXPORT int ak_coalesce_cache_new(struct ak_coalesce_cache **out);
AK_EXPORT void ak_coalesce_cache_free(struct ak_coalesce_cache *c);

/** ak_coalesce_cached - ak_coalesce() with @cache (may be NULL). */
AK_EXPORT int ak_coalesce_cached(struct ak_event *ev, const struct ak_rec *recs, size_t n,
				 void *arena, size_t size, unsigned flags,
				 struct ak_coalesce_cache *cache);

/** ak_event_category_name - go-libaudit's event category for a record type. */
AK_EXPORT const char *ak_event_category_name(uint32_t type);

/* ---- Output ---- */

enum ak_event_out_flag {
	/* Only go-libaudit's keys: no "node", "enriched" or "warnings". */
	AK_EVENT_OUT_GO_KEYS = 1u << 0,
};

/**
 * ak_event_json - append @ev as one compact JSON object (go-libaudit's Event
 * keys, in its order; maps sorted) and '\n'.  Overflow of the writer is
 * reported by ak_json_finish().  Returns 0.
 */
AK_EXPORT int ak_event_json(struct ak_json *w, const struct ak_event *ev, unsigned flags);

/** ak_event_yaml - "---\n", the same event as YAML (key "timestamp"), and a blank line. */
AK_EXPORT int ak_event_yaml(struct ak_json *w, const struct ak_event *ev, unsigned flags);

/**
 * ak_event_text - go-libaudit's `auparse -i` text form: "---\n" and
 * time="2017-03-21 23:12:51.011 +0000 UTC" sequence=N category=C type=TYPE
 * actor=P/S action=A thing=P/S how=H tags=[a b]
 * (control bytes and invalid UTF-8 escaped as \xHH).
 */
AK_EXPORT int ak_event_text(struct ak_json *w, const struct ak_event *ev, unsigned flags);

/**
 * ak_event_timestamp - @sec.@msec as Go's RFC3339Nano in UTC, trailing zeros
 * of the fraction trimmed ("2017-04-21T18:53:19.05Z").  @cap >= 32.
 * Returns the length or -ERANGE.
 */
AK_EXPORT int ak_event_timestamp(char *dst, size_t cap, int64_t sec, uint32_t msec);

/* ---- uid/gid -> name resolution (go-libaudit's ResolveIDs), explicit and optional ---- */

struct ak_idcache;

/*
 * Where names come from.  Each returns 0 when found, -ENOENT when not, or
 * another negative errno (treated as not found, and cached as such).
 * @name/@buf are NUL-terminated.  NULL ops: the system's (getpwuid_r & co,
 * which may do NSS I/O).
 */
struct ak_id_ops {
	size_t sz; /* sizeof(struct ak_id_ops) */
	int (*user_name)(uint32_t id, char *buf, size_t cap, void *data);
	int (*user_id)(const char *name, uint32_t *id, void *data);
	int (*group_name)(uint32_t id, char *buf, size_t cap, void *data);
	int (*group_id)(const char *name, uint32_t *id, void *data);
	void *data;
};

#define AK_IDNAME_MAX 256 /* longest name cached, NUL included */

/**
 * ak_idcache_new - a cache of user and group names.
 * @ops: lookups (copied), or NULL for the system's.
 * @ttl_ms: how long an answer (found or not) is kept; go-libaudit uses 60000.
 * @capacity: entries per table (rounded up to a power of two; 0: 256).
 * All memory is allocated here; 0 <-> "root" is seeded for users and groups.
 * A cache is not locked: use one per thread (or lock around it).
 */
AK_EXPORT int ak_idcache_new(struct ak_idcache **out, const struct ak_id_ops *ops,
			     uint32_t ttl_ms, size_t capacity);
AK_EXPORT void ak_idcache_free(struct ak_idcache *c);

/** ak_idcache_put_user/group - a permanent entry (go-libaudit's HardcodeUsers). */
AK_EXPORT int ak_idcache_put_user(struct ak_idcache *c, uint32_t id, const char *name);
AK_EXPORT int ak_idcache_put_group(struct ak_idcache *c, uint32_t id, const char *name);

/**
 * ak_idcache_user_name / group_name - the name for @id, or NULL.  The string
 * stays valid until the next call on @c.  @now_ms: the caller's clock.
 */
AK_EXPORT const char *ak_idcache_user_name(struct ak_idcache *c, uint32_t id, uint64_t now_ms);
AK_EXPORT const char *ak_idcache_group_name(struct ak_idcache *c, uint32_t id, uint64_t now_ms);
/** ak_idcache_user_id / group_id - the id for @name: 0, or -ENOENT. */
AK_EXPORT int ak_idcache_user_id(struct ak_idcache *c, const char *name, size_t len,
				 uint32_t *id, uint64_t now_ms);
AK_EXPORT int ak_idcache_group_id(struct ak_idcache *c, const char *name, size_t len,
				  uint32_t *id, uint64_t now_ms);

/**
 * ak_event_resolve_ids - go-libaudit's ResolveIDs: actor ids become user
 * names, user.names gets a name for every uid and gid key (auid, egid...), file.owner/group are
 * set, and each ECS user/group entity gets the id or name it lacks.  Names
 * already in user.names (from enriched records) are kept.  The names are
 * copied into the event's arena.  Returns 0, or -ERANGE if the arena is full
 * (an arena of ak_coalesce_arena_size() bytes never is).
 */
AK_EXPORT int ak_event_resolve_ids(struct ak_event *ev, struct ak_idcache *c, uint64_t now_ms);

AK_END_DECLS

#endif
