// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * The coalescer's speed work and id resolution: the key-order cache
 * (ak_coalesce_cached), the JSON writer's fast path (escapes, record types
 * and times, every buffer size, the plain flags the maps carry to it), the
 * id cache and ak_event_resolve_ids() with injected lookups, and the arena
 * bound with resolution included.  go-libaudit's goldens and the coalescer's
 * behaviour are in test-coalesce.c.
 */

#include <auditkit.h>
#include <auditkit/coalesce.h>
#include <errno.h>

#include "../harness.h"
#include "../lib/coalesce-fixture.h"

/* Strings of every length class and byte class go through the JSON fast
 * path (coalesce_json() checks it against the general writer) and come out
 * escaped as the writer escapes them. */
static void test_json_escapes(void)
{
	static const char *const raw[] = {
		"", "a", "\x01", "\"", "ab\\", "abcd", "ab\"d", "abcdefg", "abc\x7f" "efg",
		"abcdefgh", "abcdefghijklmnop", "abcdefgh\x1fjklmnop", "\xe2\x82\xac", "\xff",
		"abcdefghijklmnopq", "abcdefghijklmnopqrstuvwxyz0123456789\t",
		"abcdefghijklmnopqrstuvwxyz\xc3\xa9\xc3", "a b\nc\rd",
	};
	char hex[256], line[1024], *lines[2];
	struct parsed p;
	struct ak_event ev;
	void *arena;

	for (size_t i = 0; i < sizeof(raw) / sizeof(raw[0]); i++) {
		size_t n = strlen(raw[i]);
		char *json;

		for (size_t j = 0; j < n; j++)
			snprintf(hex + 2 * j, 3, "%02X", (unsigned char)raw[i][j]);
		hex[2 * n] = '\0';
		snprintf(line, sizeof(line),
			 "type=SYSCALL msg=audit(1700000000.100:7): arch=c000003e syscall=2 "
			 "success=yes exit=3 pid=1 auid=0 uid=0 comm=%s exe=\"/x\" k%s=v",
			 n ? hex : "41", raw[i][0] == '"' || !n || (unsigned char)raw[i][0] <= ' '
			 ? "x" : raw[i]);
		lines[0] = line;
		snprintf(line + strlen(line) + 1, sizeof(line) - strlen(line) - 1,
			 "type=PROCTITLE msg=audit(1700000000.100:7): proctitle=%s", n ? hex : "41");
		lines[1] = line + strlen(line) + 1;
		CHECK_INT(parse_lines(&p, lines, 2), 0);
		json = coalesce_json(&p, 0, &ev, &arena);
		CHECK(json != NULL);
		if (json && n == 1 && raw[i][0] == '\x01')
			CHECK(strstr(json, "\"title\":\"\\u0001\"") != NULL);
		if (json && raw[i][0] == '\xff')
			CHECK(strstr(json, "\"title\":\"\xef\xbf\xbd\"") != NULL);
		free(json);
		free(arena);
		free_parsed(&p);
	}
}

/* The key-order cache: lists that look alike to it (same length, same key
 * lengths and first bytes) but sort differently, and duplicates, give the
 * same events as without it. */
static void test_cache_orders(void)
{
	static const char *const lines[] = {
		"type=SYSCALL msg=audit(1700000000.1:1): arch=c000003e syscall=2 exe=\"/x\" ab=1 ac=2 ad=3",
		"type=SYSCALL msg=audit(1700000000.1:2): arch=c000003e syscall=2 exe=\"/x\" ac=1 ab=2 ad=3",
		"type=SYSCALL msg=audit(1700000000.1:3): arch=c000003e syscall=2 exe=\"/x\" ad=1 ac=2 ab=3",
		"type=SYSCALL msg=audit(1700000000.1:4): arch=c000003e syscall=2 exe=\"/x\" ab=1 ab=2 ad=3",
		"type=SYSCALL msg=audit(1700000000.1:5): arch=c000003e syscall=2 exe=\"/x\" ab=1 ac=2 ad=3",
		"type=PATH msg=audit(1700000000.1:6): item=0 name=\"/a\" nametype=NORMAL",
		"type=PATH msg=audit(1700000000.1:6): item=1 nametype=NORMAL name=\"/b\"",
		"type=PATH msg=audit(1700000000.1:7): nametype=NORMAL name=\"/b\" item=1",
		/* repeated keys, with the same lengths in other places: a
		 * remembered order with repeats must be checked repeat by repeat */
		"type=SYSCALL msg=audit(1700000000.1:8): arch=c000003e syscall=2 exe=\"/x\" ab=1 ac=2 ab=3",
		"type=SYSCALL msg=audit(1700000000.1:9): arch=c000003e syscall=2 exe=\"/x\" ab=1 ac=2 ad=3",
		"type=SYSCALL msg=audit(1700000000.1:10): arch=c000003e syscall=2 exe=\"/x\" ac=1 ab=2 ab=3",
		"type=SYSCALL msg=audit(1700000000.1:11): arch=c000003e syscall=2 exe=\"/x\" ab=1 ab=2 ab=3",
		"type=SYSCALL msg=audit(1700000000.1:12): arch=c000003e syscall=2 exe=\"/x\" ac=1 ac=2 ab=3",
		"type=SYSCALL msg=audit(1700000000.1:13): arch=c000003e syscall=2 auid=1 uid=2\x1d" "AUID=\"a\" UID=\"b\" AUID=\"c\"",
		"type=SYSCALL msg=audit(1700000000.1:14): arch=c000003e syscall=2 auid=1 uid=2\x1d" "AUID=\"a\" UID=\"b\" SUID=\"c\"",
		"type=SYSCALL msg=audit(1700000000.1:15): arch=c000003e syscall=2 auid=1 uid=2\x1d" "SUID=\"a\" UID=\"b\" AUID=\"c\"",
		"type=SYSCALL msg=audit(1700000000.1:16): arch=c000003e syscall=2 auid=1 uid=2\x1d" "AUID=\"a\" GID=\"b\" AUID=\"c\"",
	};
	struct ak_coalesce_cache *cache;

	CHECK_INT(ak_coalesce_cache_new(&cache), 0);
	for (int round = 0; round < 2; round++) {
		for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
			struct parsed p;
			struct ak_event e1, e2;
			char j1[8192], j2[8192];
			struct ak_json w;
			size_t need;
			void *a1, *a2;

			CHECK_INT(parse_lines(&p, (char *const *)&lines[i], 1), 0);
			need = ak_coalesce_arena_size(p.recs, p.n);
			a1 = malloc(need);
			a2 = malloc(need);
			CHECK_INT(ak_coalesce(&e1, p.recs, p.n, a1, need, 0), 0);
			CHECK_INT(ak_coalesce_cached(&e2, p.recs, p.n, a2, need, 0, cache), 0);
			ak_json_init(&w, j1, sizeof(j1));
			ak_event_json(&w, &e1, 0);
			CHECK(ak_json_finish(&w) > 0);
			ak_json_init(&w, j2, sizeof(j2));
			ak_event_json(&w, &e2, 0);
			CHECK(ak_json_finish(&w) > 0);
			CHECK_STR(j2, j1);
			free(a1);
			free(a2);
			free_parsed(&p);
		}
	}
	ak_coalesce_cache_free(cache);
	ak_coalesce_cache_free(NULL);
}

/* ---- id resolution, with injected lookups only ---- */

static unsigned lookups;

static int fake_user_name(uint32_t id, char *buf, size_t cap, void *data)
{
	(void)data;
	lookups++;
	if (id == 1000)
		return snprintf(buf, cap, "alice") < 0 ? -EINVAL : 0;
	return -ENOENT;
}

static int fake_user_id(const char *name, uint32_t *id, void *data)
{
	(void)data;
	lookups++;
	if (!strcmp(name, "alice")) {
		*id = 1000;
		return 0;
	}
	return -ENOENT;
}

static int fake_none_name(uint32_t id, char *buf, size_t cap, void *data)
{
	(void)id, (void)buf, (void)cap, (void)data;
	lookups++;
	return -ENOENT;
}

static int fake_none_id(const char *name, uint32_t *id, void *data)
{
	(void)name, (void)id, (void)data;
	lookups++;
	return -ENOENT;
}

static const struct ak_id_ops fake_ops = {
	.sz = sizeof(struct ak_id_ops),
	.user_name = fake_user_name,
	.user_id = fake_user_id,
	.group_name = fake_none_name,
	.group_id = fake_none_id,
};

static void test_idcache(void)
{
	struct ak_idcache *c;
	uint32_t id = 0;

	CHECK_INT(ak_idcache_new(&c, &fake_ops, 60000, 16), 0);
	lookups = 0;
	CHECK_STR(ak_idcache_user_name(c, 0, 1), "root"); /* seeded */
	CHECK_STR(ak_idcache_group_name(c, 0, 1), "root");
	CHECK_INT(lookups, 0);
	CHECK_STR(ak_idcache_user_name(c, 1000, 1), "alice");
	CHECK_STR(ak_idcache_user_name(c, 1000, 2), "alice");
	CHECK_INT(lookups, 1); /* cached */
	CHECK(ak_idcache_user_name(c, 1001, 3) == NULL);
	CHECK(ak_idcache_user_name(c, 1001, 4) == NULL);
	CHECK_INT(lookups, 2); /* failures are cached too */
	CHECK_STR(ak_idcache_user_name(c, 1000, 60002), "alice");
	CHECK_INT(lookups, 3); /* expired after the TTL */
	CHECK_INT(ak_idcache_user_id(c, "alice", 5, &id, 5), 0);
	CHECK_INT(id, 1000);
	CHECK_INT(ak_idcache_user_id(c, "bob", 3, &id, 5), -ENOENT);
	CHECK_INT(ak_idcache_put_group(c, 42, "shadow"), 0);
	CHECK_STR(ak_idcache_group_name(c, 42, 1ull << 40), "shadow"); /* permanent */
	CHECK_INT(ak_idcache_group_id(c, "shadow", 6, &id, 1ull << 40), 0);
	CHECK_INT(id, 42);
	/* Many ids through a small table: bounded, permanent entries survive. */
	for (uint32_t i = 2000; i < 3000; i++)
		ak_idcache_user_name(c, i, 10);
	CHECK_STR(ak_idcache_user_name(c, 0, 11), "root");
	CHECK_STR(ak_idcache_group_name(c, 42, 11), "shadow");
	ak_idcache_free(c);
	ak_idcache_free(NULL);
}

static void test_resolve_ids(void)
{
	static const char *const lines[] = {
		"type=USER_LOGIN msg=audit(1492810797.778:12651): pid=11396 uid=0 auid=1000 ses=36 msg='op=login id=1000 exe=\"/usr/sbin/sshd\" hostname=72.83.230.100 addr=72.83.230.100 terminal=/dev/pts/1 res=success'",
	};
	static const char *const lines2[] = {
		"type=SYSCALL msg=audit(1493129355.852:624): arch=c000003e syscall=87 success=yes exit=0 items=2 ppid=3309 pid=3346 auid=1000 uid=0 gid=42 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts1 ses=5 comm=\"vim\" exe=\"/usr/bin/vim.basic\" key=\"auditconfig\"",
		"type=PATH msg=audit(1493129355.852:624): item=0 name=\"/etc/x\" inode=2 dev=08:01 mode=0100640 ouid=1000 ogid=42 rdev=00:00 nametype=DELETE",
	};
	struct ak_idcache *c;
	struct ev_fixture f;

	CHECK_INT(ak_idcache_new(&c, &fake_ops, 60000, 0), 0);
	CHECK_INT(ak_idcache_put_group(c, 42, "shadow"), 0);

	CHECK_INT(fixture(&f, lines, 1, 0), 0);
	CHECK_INT(ak_event_resolve_ids(&f.ev, c, 100), 0);
	CHECK_MEM(f.ev.summary.actor.primary.p, f.ev.summary.actor.primary.n, "alice");
	CHECK_MEM(f.ev.summary.actor.secondary.p, f.ev.summary.actor.secondary.n, "alice");
	CHECK_MEM(f.ev.ecs.user.name.p, f.ev.ecs.user.name.n, "alice");
	CHECK_MEM(f.ev.ecs.user.id.p, f.ev.ecs.user.id.n, "1000");
	CHECK_MEM(f.ev.ecs.user_effective.name.p, f.ev.ecs.user_effective.name.n, "alice");
	{
		const struct ak_str *v = ak_event_map_get(&f.ev.user.names, "uid");

		CHECK(v && v->n == 4 && !memcmp(v->p, "root", 4));
	}
	fixture_free(&f);

	CHECK_INT(fixture(&f, lines2, 2, 0), 0);
	CHECK_INT(ak_event_resolve_ids(&f.ev, c, 100), 0);
	CHECK_MEM(f.ev.file.owner.p, f.ev.file.owner.n, "alice");
	CHECK_MEM(f.ev.file.group.p, f.ev.file.group.n, "shadow");
	{
		const struct ak_str *v = ak_event_map_get(&f.ev.user.names, "gid");

		CHECK(v && v->n == 6 && !memcmp(v->p, "shadow", 6));
		CHECK(ak_event_map_get(&f.ev.user.names, "auid") != NULL);
	}
	fixture_free(&f);
	ak_idcache_free(c);
}

/* ak_coalesce_arena_size() must always suffice, resolution included. */
static void check_bound(char *const *lines, size_t n, struct ak_idcache *c)
{
	struct parsed p;
	struct ak_event ev;
	size_t need;
	char *arena;

	CHECK_INT(parse_lines(&p, lines, n), 0);
	need = ak_coalesce_arena_size(p.recs, p.n);
	arena = malloc(need);
	CHECK_INT(ak_coalesce(&ev, p.recs, p.n, arena, need, 0), 0);
	CHECK_INT(ak_event_resolve_ids(&ev, c, 1), 0);
	CHECK(ev.arena_.used <= need);
	printf("# %zu records: %zu warnings, arena %zu of %zu bytes used\n", p.n, ev.nwarnings,
	       ev.arena_.used, need);
	free(arena);
	free_parsed(&p);
}

static void test_arena_bound(void)
{
	static char *lines[40];
	struct ak_idcache *c;
	char *l;

	CHECK_INT(ak_idcache_new(&c, &fake_ops, 1000, 0), 0);
	/* Many records repeating the same many keys: a warning per key per record. */
	for (size_t i = 0; i < 40; i++) {
		size_t cap = 64 * 1024, len;

		l = malloc(cap);
		len = (size_t)snprintf(l, cap, "type=%s msg=audit(1700000000.1:5):",
				       i == 0 ? "SYSCALL" : i == 1 ? "SOCKADDR" : "CWD");
		if (i == 0)
			len += (size_t)snprintf(l + len, cap - len,
						" arch=c000003e syscall=42 exe=\"/x\" auid=1000");
		if (i == 1)
			len += (size_t)snprintf(l + len, cap - len, " saddr=01002F746D70");
		for (size_t k = 0; k < 300; k++)
			len += (size_t)snprintf(l + len, cap - len, " k%zu_long_key_name_%zuuid=%zu", k,
						k, 1000 + k);
		snprintf(l + len, cap - len, "\x1d" "AUID=\"alice\" UID=\"alice\"");
		lines[i] = l;
	}
	check_bound(lines, 40, c);
	check_bound(lines, 1, c);
	check_bound(lines + 2, 3, c);
	for (size_t i = 0; i < 40; i++)
		free(lines[i]);
	ak_idcache_free(c);
}

/* The entry of @m for @key: its plain flag (0 or 1), or -1 when absent. */
static int plain_of(const struct ak_event_map *m, const char *key)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->kv[i].key.n == strlen(key) && !memcmp(m->kv[i].key.p, key, m->kv[i].key.n))
			return m->plain && m->plain[i] ? 1 : 0;
	return -1;
}

static int bytes_plain(struct ak_str s)
{
	for (size_t i = 0; i < s.n; i++)
		if ((unsigned char)s.p[i] < 0x20 || (unsigned char)s.p[i] > 0x7e || s.p[i] == '"' ||
		    s.p[i] == '\\')
			return 0;
	return 1;
}

/* Every flagged entry keeps the promise; returns how many are flagged. */
static size_t check_promise(const struct ak_event_map *m)
{
	size_t n = 0;

	for (size_t i = 0; m->plain && i < m->n; i++) {
		if (!m->plain[i])
			continue;
		CHECK(bytes_plain(m->kv[i].key) && bytes_plain(m->kv[i].val));
		n++;
	}
	return n;
}

static int quote_name(uint32_t id, char *buf, size_t cap, void *data)
{
	(void)data;
	if (id == 1000)
		return snprintf(buf, cap, "alice") < 0 ? -EINVAL : 0;
	if (id == 1001)
		return snprintf(buf, cap, "bob\"\\") < 0 ? -EINVAL : 0;
	return -ENOENT;
}

/* The maps carry the parser's plain findings (AK_F_PLAIN, kv_plain) to the
 * JSON writer: table names and values as written are plain, decoded bytes
 * and odd resolved names are not, and the JSON is the same without them. */
static void test_plain_flags(void)
{
	static const char *const lines[] = {
		"type=SYSCALL msg=audit(1700000000.100:9): arch=c000003e syscall=2 success=yes exit=3 a0=7ffd a1=0 items=1 ppid=1 pid=2 auid=1000 uid=1001 gid=0 euid=0 tty=(none) ses=3 comm=612262 exe=\"/usr/bin/x\" subj=u:r:t:s0 key=(null)\x1d" "ARCH=x86_64 SYSCALL=open AUID=\"alice\" UID=\"bob\"",
		"type=CWD msg=audit(1700000000.100:9): cwd=\"/tmp\"",
		"type=PATH msg=audit(1700000000.100:9): item=0 name=2F746D702F2261 inode=5 dev=08:01 mode=0100644 ouid=0 ogid=0 rdev=00:00 obj=u:object_r:t:s0 nametype=NORMAL",
		"type=MMAP msg=audit(1700000000.100:9): fd=3 flags=0x2",
		"type=EOE msg=audit(1700000000.100:9): ",
	};
	static const struct ak_id_ops ops = {
		.sz = sizeof(struct ak_id_ops),
		.user_name = quote_name,
		.user_id = fake_none_id,
		.group_name = fake_none_name,
		.group_id = fake_none_id,
	};
	struct ev_fixture f;
	struct ak_idcache *c;
	struct ak_event bare;
	struct ak_json w;
	char *a = malloc(1 << 16), *b = malloc(1 << 16);

	CHECK_INT(fixture(&f, lines, 5, 0), 0);
	CHECK_INT(ak_idcache_new(&c, &ops, 60000, 0), 0);
	CHECK_INT(ak_event_resolve_ids(&f.ev, c, 100), 0);
	CHECK_INT(plain_of(&f.ev.data, "arch"), 1);   /* a table name */
	CHECK_INT(plain_of(&f.ev.data, "syscall"), 1);
	CHECK_INT(plain_of(&f.ev.data, "a0"), 1);     /* as written */
	CHECK_INT(plain_of(&f.ev.data, "fd"), 1);     /* merged from MMAP */
	CHECK_INT(plain_of(&f.ev.user.ids, "auid"), 1);
	CHECK_INT(plain_of(&f.ev.user.selinux, "role"), 1);
	CHECK_INT(plain_of(&f.ev.paths[0], "inode"), 1);
	CHECK_INT(plain_of(&f.ev.paths[0], "name"), 0); /* decoded: /tmp/"a */
	CHECK_INT(plain_of(&f.ev.file.selinux, "role"), 1);
	CHECK_INT(plain_of(&f.ev.enriched, "ARCH"), 1);
	CHECK_INT(plain_of(&f.ev.user.names, "auid"), 1); /* enriched "alice" */
	CHECK_INT(plain_of(&f.ev.user.names, "uid"), 1);  /* enriched "bob" */
	CHECK_INT(plain_of(&f.ev.user.names, "euid"), 1); /* resolved: root */
	CHECK(check_promise(&f.ev.data) > 5);
	check_promise(&f.ev.user.ids);
	check_promise(&f.ev.user.names);
	check_promise(&f.ev.paths[0]);
	check_promise(&f.ev.enriched);
	/* the same bytes with every flag dropped (roomy buffers: the fast path) */
	bare = f.ev;
	bare.data.plain = bare.user.ids.plain = bare.user.names.plain = NULL;
	bare.user.selinux.plain = bare.file.selinux.plain = bare.enriched.plain = NULL;
	CHECK(a && b);
	ak_json_init(&w, a, 1 << 16);
	CHECK_INT(ak_event_json(&w, &f.ev, 0), 0);
	CHECK(ak_json_finish(&w) > 0);
	ak_json_init(&w, b, 1 << 16);
	CHECK_INT(ak_event_json(&w, &bare, 0), 0);
	CHECK(ak_json_finish(&w) > 0);
	CHECK_STR(a, b);
	CHECK(strstr(a, "\"name\":\"/tmp/\\\"a\"") != NULL);
	ak_idcache_free(c);
	fixture_free(&f);

	/* a resolved name that needs escaping is not flagged */
	{
		static const char *const one[] = {
			"type=SYSCALL msg=audit(1700000000.100:10): arch=c000003e syscall=2 auid=1001 uid=1000 exe=\"/x\"",
		};

		CHECK_INT(fixture(&f, one, 1, 0), 0);
		CHECK_INT(ak_idcache_new(&c, &ops, 60000, 0), 0);
		CHECK_INT(ak_event_resolve_ids(&f.ev, c, 100), 0);
		CHECK_INT(plain_of(&f.ev.user.names, "auid"), 0);
		CHECK_INT(plain_of(&f.ev.user.names, "uid"), 1);
		check_promise(&f.ev.user.names);
		ak_json_init(&w, a, 1 << 16);
		CHECK_INT(ak_event_json(&w, &f.ev, 0), 0);
		CHECK(ak_json_finish(&w) > 0);
		CHECK(strstr(a, "\"auid\":\"bob\\\"\\\\\"") != NULL);
		ak_idcache_free(c);
		fixture_free(&f);
	}
	free(a);
	free(b);
}

/* Buffers of every size from just enough to well past the fast path's
 * margins: the same bytes, and nothing written past the end (a canary). */
static void test_json_buffer_sizes(void)
{
	static const char *const lines[] = {
		"type=SYSCALL msg=audit(1700000000.100:40): arch=c000003e syscall=2 success=yes exit=3 a0=7ffd2ad8e440 a1=7ffd2ad8e441 a2=3c a3=0 items=1 ppid=1 pid=2 auid=1000 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=3 comm=\"xxxxxxxxxxxxxxx\" exe=\"/usr/bin/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\" key=\"a-rather-long-rule-key-for-the-test\" xa=1 xb=2 xc=3 xlong=0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789 xz=\"another-value-that-is-long-too-0123456789012345678901234567890123456789\"\x1d" "ARCH=x86_64 SYSCALL=open AUID=\"bob\" UID=\"root\" GID=\"root\" AZ=\"0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789\" ZA=\"1\" ZB=\"0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789\"",
		"type=CWD msg=audit(1700000000.100:40): cwd=\"/home/someone/with/a/long/working/directory\"",
		"type=PATH msg=audit(1700000000.100:40): item=0 name=\"/etc/a-file-with-a-long-name-in-a-directory\" inode=1234567 dev=fd:01 mode=0100644 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0",
		"type=PROCTITLE msg=audit(1700000000.100:40): proctitle=2F7573722F62696E2F78787878002D2D6F7074696F6E3D76616C7565",
	};
	struct ev_fixture f;
	struct ak_json w;
	char *ref, *buf;
	size_t need;

	CHECK_INT(fixture(&f, lines, 4, 0), 0);
	ak_json_init(&w, NULL, 0);
	CHECK_INT(ak_event_json(&w, &f.ev, 0), 0);
	need = ak_json_len(&w);
	ref = malloc(need + 1);
	CHECK(ref != NULL);
	ak_json_init(&w, ref, need + 1);
	CHECK_INT(ak_event_json(&w, &f.ev, 0), 0);
	CHECK_INT(ak_json_finish(&w), (int)need);
	/* too small (the writer says how much it needs), then enough */
	for (size_t cap = need / 2; cap < need + 2048; cap++) {
		buf = malloc(cap + 64);
		CHECK(buf != NULL);
		memset(buf + cap, 0x5a, 64);
		ak_json_init(&w, buf, cap);
		CHECK_INT(ak_event_json(&w, &f.ev, 0), 0);
		if (cap < need) {
			CHECK_INT(ak_json_finish(&w), -ERANGE);
			CHECK_INT((int)ak_json_len(&w), (int)need);
		} else {
			CHECK_INT(ak_json_finish(&w), (int)need);
			CHECK(memcmp(buf, ref, need) == 0);
		}
		for (size_t i = 0; i < 64; i++)
			if (buf[cap + i] != 0x5a) {
				CHECK(!"written past the end");
				break;
			}
		free(buf);
	}
	free(ref);
	fixture_free(&f);
}

/* Every record type's name and a spread of times: the fast writer's
 * record_type (lower-cased eight bytes at a time) and @timestamp match the
 * general writer's. */
static void test_json_type_and_time(void)
{
	static const int64_t secs[] = { 0, 1, 59, 86399, 86400, 951782400, 1700000000,
					1795656015, 253402300799, -1, -86401 };
	char *gen = malloc(1 << 14), *fast = malloc(1 << 16);

	CHECK(gen && fast);
	for (uint32_t type = 0; type < 3000; type++) {
		struct ak_event ev = { 0 };
		struct ak_json w;
		size_t need;
		int r;

		ev.type = type;
		ev.sec = secs[type % (sizeof(secs) / sizeof(secs[0]))];
		ev.msec = (type * 7) % 1000;
		ak_json_init(&w, NULL, 0);
		CHECK_INT(ak_event_json(&w, &ev, 0), 0);
		need = ak_json_len(&w);
		CHECK(need < (1 << 14));
		/* exactly the room needed: the general writer */
		ak_json_init(&w, gen, need + 1);
		CHECK_INT(ak_event_json(&w, &ev, 0), 0);
		CHECK_INT(ak_json_finish(&w), (int)need);
		ak_json_init(&w, fast, 1 << 16);
		CHECK_INT(ak_event_json(&w, &ev, 0), 0);
		r = ak_json_finish(&w);
		CHECK_INT(r, (int)need);
		if (r == (int)need && memcmp(gen, fast, need) != 0) {
			CHECK(!"fast and general JSON differ");
			fprintf(stderr, "type %u:\n%.*s\n%.*s\n", type, (int)need, gen, (int)need, fast);
			break;
		}
	}
	free(gen);
	free(fast);
}

static const struct ak_test tests[] = {
	TEST(test_json_escapes),
	TEST(test_cache_orders),
	TEST(test_idcache),
	TEST(test_resolve_ids),
	TEST(test_arena_bound),
	TEST(test_plain_flags),
	TEST(test_json_type_and_time),
	TEST(test_json_buffer_sizes),
};

AK_TEST_MAIN(tests)
