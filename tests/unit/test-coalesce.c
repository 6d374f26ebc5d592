// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * The coalescer: go-libaudit's 48 aucoalesce goldens (tests/golden/coalesce),
 * compared key by key (every golden key present with the same value; extra
 * keys allowed) plus the warnings, in go-compat mode (no difference allowed)
 * and in default mode (only the differences listed below, each of which must
 * occur); then our additions: EXECVE argv rebuilding, events without SYSCALL,
 * node and enriched, the output forms, errors, the merging of repeated keys.
 * Every event also goes through the cache and the JSON fast path on the way
 * (coalesce_json(), tests/lib/coalesce-fixture.c); the tests of those and of
 * id resolution are in test-coalesce-cache.c.
 */

#include <auditkit.h>
#include <auditkit/coalesce.h>
#include <errno.h>

#include "../harness.h"
#include "../lib/coalesce-fixture.h"

#define GOLDEN_DIR "tests/golden/coalesce/"

/* ---------------------------------------------------------------------- */
/* Test inputs: go-libaudit's YAML case files (a "tests:" map of name to a
 * block scalar of log lines). */

struct tcase {
	char name[128];
	char *lines[64];
	size_t nlines;
};

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n)
		n = 0;
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static int case_cmp(const void *a, const void *b)
{
	return strcmp(((const struct tcase *)a)->name, ((const struct tcase *)b)->name);
}

static size_t read_cases(const char *path, struct tcase *tc, size_t cap)
{
	char *text = slurp(path), *save = NULL, *line;
	size_t n = 0;
	int folded = 0;
	struct tcase *cur = NULL;

	if (!text)
		return 0;
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		size_t len = strlen(line);

		if (!strncmp(line, "    ", 4) && cur) {
			if (folded && cur->nlines) {
				char *prev = cur->lines[cur->nlines - 1];
				size_t pn = strlen(prev);

				prev = realloc(prev, pn + len + 2);
				prev[pn] = ' ';
				memcpy(prev + pn + 1, line + 4, len - 3);
				cur->lines[cur->nlines - 1] = prev;
			} else if (cur->nlines < 64) {
				cur->lines[cur->nlines++] = strdup(line + 4);
			}
			continue;
		}
		if (!strncmp(line, "  ", 2) && line[2] != ' ' && line[2] != '#' && n < cap) {
			char *colon = strrchr(line, ':');

			if (!colon)
				continue;
			cur = &tc[n++];
			memset(cur, 0, sizeof(*cur));
			snprintf(cur->name, sizeof(cur->name), "%.*s", (int)(colon - line - 2), line + 2);
			folded = strchr(colon, '>') != NULL;
		}
	}
	free(text);
	qsort(tc, n, sizeof(*tc), case_cmp);
	return n;
}

static void free_case(struct tcase *c)
{
	for (size_t i = 0; i < c->nlines; i++)
		free(c->lines[i]);
}

/* Deliberate differences in default mode (tests/golden/DIFFERENCES.md). */
static const struct {
	const char *test, *path;
} allowed[] = {
	/* The real file type; objtype=PARENT skipped like nametype=PARENT. */
	{ "make-device", ".event.summary.object.type" },
	{ "make-device", ".event.summary.object.primary" },
	{ "make-device", ".event.file.path" },
	{ "make-device", ".event.file.inode" },
	{ "make-device", ".event.file.mode" },
	{ "mount syscall", ".event.summary.object.type" },
};
#define NALLOWED (sizeof(allowed) / sizeof(allowed[0]))

struct cmp_state {
	const char *test;
	int compat;
	unsigned diffs, unexpected;
	unsigned seen[NALLOWED];
};

static void on_diff(const char *path, void *data)
{
	struct cmp_state *st = data;

	/* Our parser keeps upper-case keys (DIFFERENCES.md, Parsing): the 21.10
	 * cases' enriched tail, which lost its 0x1d in the YAML, shows up as
	 * data.AUID, data.UID, ...  go-libaudit's regex skips them. */
	if (!strncmp(path, ".extra.data.", 12) && path[12] >= 'A' && path[12] <= 'Z')
		return;
	st->diffs++;
	if (!st->compat) {
		for (size_t i = 0; i < NALLOWED; i++) {
			if (!strcmp(allowed[i].test, st->test) && !strcmp(allowed[i].path, path)) {
				st->seen[i]++;
				return;
			}
		}
	}
	st->unexpected++;
	fprintf(stderr, "  %s [%s]: %s differs\n", st->test, st->compat ? "compat" : "default",
		path);
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static unsigned golden_total, golden_exact_compat, golden_exact_default;

static void run_golden_file(const char *base, struct cmp_state *stdef)
{
	char path[256], jpath[1024];
	struct tcase *tc = calloc(32, sizeof(*tc));
	size_t n;
	char *gtext;
	const char *gp;
	struct jv golden;

	snprintf(path, sizeof(path), GOLDEN_DIR "%s.yaml", base);
	n = read_cases(path, tc, 32);
	CHECK(n > 0);
	snprintf(path, sizeof(path), GOLDEN_DIR "%s.json.golden", base);
	gtext = slurp(path);
	CHECK(gtext != NULL);
	if (!gtext)
		return;
	gp = gtext;
	CHECK(j_parse(&gp, &golden) == 0 && golden.t == J_ARR);
	CHECK_INT(golden.nkid, n);

	for (size_t i = 0; i < n && i < golden.nkid; i++) {
		const struct jv *g = &golden.kid[i];
		const struct jv *gw = j_get(g, "warnings");
		const struct jv *name = j_get(g, "test_name");
		struct parsed p;

		CHECK(name && !strcmp(name->s, tc[i].name));
		CHECK_INT(parse_lines(&p, tc[i].lines, tc[i].nlines), 0);
		golden_total++;
		for (int compat = 1; compat >= 0; compat--) {
			struct cmp_state st0 = { .test = tc[i].name, .compat = compat };
			struct cmp_state *st = compat ? &st0 : stdef;
			unsigned before = st->diffs;
			struct ak_event ev;
			void *arena;
			char *json = coalesce_json(&p, compat ? AK_COALESCE_GO_COMPAT : 0, &ev, &arena);
			struct jv mine;
			const char *mp = json;
			char *ws[256];
			size_t nw = 0;

			st->test = tc[i].name;
			CHECK(json != NULL);
			if (!json) {
				free(arena);
				continue;
			}
			CHECK(j_parse(&mp, &mine) == 0);
			strcpy(jpath, ".event");
			j_subset(j_get(g, "event"), &mine, jpath, 6, on_diff, st);
			if (compat) { /* and no key of ours missing from the golden */
				strcpy(jpath, ".extra");
				j_subset(&mine, j_get(g, "event"), jpath, 6, on_diff, st);
			}
			/* Warnings: the same multiset. */
			for (size_t k = 0; k < ev.nwarnings && nw < 256; k++)
				ws[nw++] = strndup(ev.warnings[k].p, ev.warnings[k].n);
			qsort(ws, nw, sizeof(*ws), str_cmp);
			if ((gw ? gw->nkid : 0) != nw) {
				on_diff(".warnings(count)", st);
				for (size_t k = 0; k < nw; k++)
					fprintf(stderr, "    ours: %s\n", ws[k]);
			} else {
				for (size_t k = 0; k < nw; k++)
					if (strcmp(gw->kid[k].s, ws[k]))
						on_diff(".warnings", st);
			}
			for (size_t k = 0; k < nw; k++)
				free(ws[k]);
			if (st->diffs == before)
				(*(compat ? &golden_exact_compat : &golden_exact_default))++;
			CHECK_INT(st0.unexpected, 0);
			j_free(&mine);
			free(json);
			free(arena);
		}
		free_parsed(&p);
		free_case(&tc[i]);
	}
	j_free(&golden);
	free(gtext);
	free(tc);
}

static void test_goldens(void)
{
	static const char *const files[] = {
		"random-internet",
		"rhel-7-linux-3.10.0",
		"ubuntu-16.04-linux-4.13.0",
		"ubuntu-16.10-linux-4.8.0",
		"ubuntu-17.04-linux-4.10.0",
		"ubuntu-20.04.6-linux-5.15.0-1034-gcp",
		"ubuntu-21.10-linux-5.13",
		"ubuntu-24.04-linux-6.8.0",
	};
	struct cmp_state def = { .compat = 0 };

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		run_golden_file(files[i], &def);
	CHECK_INT(golden_total, 48);
	CHECK_INT(golden_exact_compat, 48);
	CHECK_INT(def.unexpected, 0);
	for (size_t i = 0; i < NALLOWED; i++) {
		if (!def.seen[i])
			fprintf(stderr, "  listed difference did not occur: %s %s\n", allowed[i].test,
				allowed[i].path);
		CHECK(def.seen[i] > 0);
	}
	printf("# goldens: %u cases; go-compat mode: %u identical; default mode: %u identical, "
	       "%u listed differences\n",
	       golden_total, golden_exact_compat, golden_exact_default, def.diffs);
}

/* ---------------------------------------------------------------------- */

static void test_execve_split_and_multi(void)
{
	/* Two EXECVE records, and a3 split by the kernel into a3[0], a3[1]. */
	static const char *const lines[] = {
		"type=SYSCALL msg=audit(1700000000.123:77): arch=c000003e syscall=59 success=yes exit=0 a0=1 a1=2 a2=3 a3=4 items=1 ppid=1 pid=42 auid=1000 uid=1000 gid=1000 euid=1000 suid=1000 fsuid=1000 egid=1000 sgid=1000 fsgid=1000 tty=pts0 ses=3 comm=\"echo\" exe=\"/usr/bin/echo\" key=\"exec\"",
		"type=EXECVE msg=audit(1700000000.123:77): argc=5 a0=\"echo\" a1=\"one two\" a2=414243",
		"type=EXECVE msg=audit(1700000000.123:77): a3_len=6 a3[0]=\"abc\" a3[1]=\"def\" a4=\"last\"",
		"type=PATH msg=audit(1700000000.123:77): item=0 name=\"/usr/bin/echo\" inode=5 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL",
		"type=EOE msg=audit(1700000000.123:77): ",
	};
	static const char *const want[] = { "echo", "one two", "ABC", "abcdef", "last" };
	struct ev_fixture f;

	CHECK_INT(fixture(&f, lines, 5, 0), 0);
	CHECK_INT(f.ev.process.nargs, 5);
	for (size_t i = 0; i < 5 && i < f.ev.process.nargs; i++)
		CHECK_MEM(f.ev.process.args[i].p, f.ev.process.args[i].n, want[i]);
	CHECK_STR(jstr(&f.j, "data", "argc", NULL), "5");
	CHECK_STR(jstr(&f.j, "summary", "action", NULL), "executed");
	CHECK_STR(jstr(&f.j, "ecs", "event", "outcome"), "success");
	CHECK_INT(f.ev.nwarnings, 0);
	fixture_free(&f);
}

static void test_execve_pieces_across_records(void)
{
	/* The kernel splits a long argument into aN[0], aN[1], ... and may
	 * continue them in the next EXECVE record; pieces are hex or quoted. */
	static const char *const lines[] = {
		"type=SYSCALL msg=audit(1700000000.123:79): arch=c000003e syscall=59 success=yes exit=0 items=0 pid=42 auid=1000 uid=1000 comm=\"sh\" exe=\"/bin/sh\"",
		"type=EXECVE msg=audit(1700000000.123:79): argc=4 a0=\"sh\" a1_len=12 a1[0]=\"abcdef\"",
		"type=EXECVE msg=audit(1700000000.123:79): a1[1]=\"ghijkl\" a2_len=12 a2[0]=414243",
		"type=EXECVE msg=audit(1700000000.123:79): a2[1]=444546 a3=\"end\"",
	};
	static const char *const want[] = { "sh", "abcdefghijkl", "ABCDEF", "end" };
	struct ev_fixture f;

	CHECK_INT(fixture(&f, lines, 4, 0), 0);
	CHECK_INT(f.ev.process.nargs, 4);
	for (size_t i = 0; i < 4 && i < f.ev.process.nargs; i++)
		CHECK_MEM(f.ev.process.args[i].p, f.ev.process.args[i].n, want[i]);
	CHECK_INT(f.ev.nwarnings, 0);
	fixture_free(&f);
}

static void test_execve_missing_arg(void)
{
	static const char *const lines[] = {
		"type=SYSCALL msg=audit(1700000000.123:78): arch=c000003e syscall=59 success=yes exit=0 items=0 pid=42 auid=1000 uid=1000 comm=\"x\" exe=\"/x\"",
		"type=EXECVE msg=audit(1700000000.123:78): argc=3 a0=\"x\" a1=\"y\"",
	};
	struct ev_fixture f;

	CHECK_INT(fixture(&f, lines, 2, 0), 0);
	CHECK_INT(f.ev.process.nargs, 2); /* what was there, in order */
	CHECK_INT(f.ev.nwarnings, 1);
	if (f.ev.nwarnings)
		CHECK_MEM(f.ev.warnings[0].p, f.ev.warnings[0].n, "failed to find arg a2");
	fixture_free(&f);
}

static void test_no_syscall(void)
{
	/* go-libaudit #127: several AVCs and no SYSCALL. */
	static const char *const lines[] = {
		"type=AVC msg=audit(1668179838.476:649407): avc:  denied  { search } for  pid=4059486 comm=\"cephcsi\" name=\"crypto\" dev=\"proc\" ino=475090959 scontext=system_u:system_r:svirt_lxc_net_t:s0:c222,c955 tcontext=system_u:object_r:sysctl_crypto_t:s0 tclass=dir permissive=1",
		"type=AVC msg=audit(1668179838.476:649407): avc:  denied  { read } for  pid=4059486 comm=\"cephcsi\" name=\"fips_enabled\" dev=\"proc\" ino=475090960 scontext=system_u:system_r:svirt_lxc_net_t:s0:c222,c955 tcontext=system_u:object_r:sysctl_crypto_t:s0 tclass=file permissive=1",
	};
	struct ev_fixture f;

	CHECK_INT(fixture(&f, lines, 2, 0), 0);
	CHECK_STR(jstr(&f.j, "record_type", NULL, NULL), "avc");
	CHECK_STR(jstr(&f.j, "category", NULL, NULL), "mac-decision");
	CHECK_STR(jstr(&f.j, "summary", "action", NULL), "violated-selinux-policy");
	CHECK_STR(jstr(&f.j, "summary", "object", "secondary"), "dir");
	CHECK_STR(jstr(&f.j, "process", "name", NULL), "cephcsi");
	CHECK_STR(jstr(&f.j, "data", "seresult", NULL), "denied");
	/* The first record is not merged into itself: only the second's keys warn. */
	for (size_t i = 0; i < f.ev.nwarnings; i++)
		CHECK(memcmp(f.ev.warnings[i].p, "duplicate key", 13) == 0);
	fixture_free(&f);
}

static void test_node_and_enriched(void)
{
	static const char *const lines[] = {
		"node=web1 type=SYSCALL msg=audit(1700000000.5:9): arch=c000003e syscall=2 success=no exit=-13 items=1 ppid=1 pid=7 auid=1000 uid=1000 gid=1000 euid=1000 suid=1000 fsuid=1000 egid=1000 sgid=1000 fsgid=1000 tty=pts0 ses=3 comm=\"cat\" exe=\"/usr/bin/cat\" key=(null)\x1d" "ARCH=x86_64 SYSCALL=open AUID=\"alice\" UID=\"alice\" GID=\"staff\"",
		"node=web1 type=PATH msg=audit(1700000000.5:9): item=0 name=\"/etc/shadow\" inode=9 dev=08:01 mode=0100640 ouid=0 ogid=42 rdev=00:00 nametype=NORMAL\x1dOUID=\"root\" OGID=\"shadow\"",
	};
	struct ev_fixture f;

	CHECK_INT(fixture(&f, lines, 2, 0), 0);
	CHECK_STR(jstr(&f.j, "node", NULL, NULL), "web1");
	CHECK_STR(jstr(&f.j, "enriched", "AUID", NULL), "alice");
	CHECK_STR(jstr(&f.j, "enriched", "OGID", NULL), "shadow");
	CHECK_STR(jstr(&f.j, "user", "names", "auid"), "alice");
	CHECK_STR(jstr(&f.j, "user", "names", "gid"), "staff");
	CHECK_STR(jstr(&f.j, "data", "exit", NULL), "EACCES");
	CHECK_STR(jstr(&f.j, "ecs", "event", "outcome"), "failure");
	CHECK_STR(jstr(&f.j, "summary", "object", "primary"), "/etc/shadow");
	CHECK_STR(jstr(&f.j, "result", NULL, NULL), "fail");
	CHECK(j_get(&f.j, "warnings") == NULL);
	fixture_free(&f);
}

static void test_formats(void)
{
	static const char *const lines[] = {
		"type=SYSCALL msg=audit(1492752522.985:8972): arch=c000003e syscall=59 success=yes exit=0 a0=10812c8 a1=1070208 a2=1152008 a3=59a items=0 ppid=10027 pid=10043 auid=1001 uid=1001 gid=1002 euid=1001 suid=1001 fsuid=1001 egid=1002 sgid=1002 fsgid=1002 tty=pts0 ses=11 comm=\"uname\" exe=\"/bin/uname\" key=65786563013634626974",
		"type=EXECVE msg=audit(1492752522.985:8972): argc=2 a0=\"uname\" a1=\"-a\"",
	};
	struct ev_fixture f;
	char buf[8192];
	struct ak_json w;
	int n;

	CHECK_INT(fixture(&f, lines, 2, 0), 0);
	ak_json_init(&w, buf, sizeof(buf));
	ak_event_text(&w, &f.ev, 0);
	n = ak_json_finish(&w);
	CHECK(n > 0);
	CHECK_STR(buf, "---\ntime=\"2017-04-21 05:28:42.985 +0000 UTC\" sequence=8972 "
		       "category=audit-rule type=SYSCALL actor=1001/1001 action=executed "
		       "thing=/ how=/bin/uname tags=[exec 64bit]\n");
	ak_json_init(&w, buf, sizeof(buf));
	ak_event_yaml(&w, &f.ev, 0);
	n = ak_json_finish(&w);
	CHECK(n > 0);
	CHECK(strncmp(buf, "---\ntimestamp: \"2017-04-21T05:28:42.985Z\"\nsequence: 8972\n", 56) == 0);
	CHECK(strstr(buf, "  args:\n  - \"uname\"\n  - \"-a\"\n") != NULL);
	CHECK(strstr(buf, "tags:\n- \"exec\"\n- \"64bit\"\n") != NULL);
	CHECK(n > 2 && buf[n - 1] == '\n' && buf[n - 2] == '\n');
	/* Too small a buffer: the writer reports the size needed. */
	ak_json_init(&w, buf, 16);
	ak_event_json(&w, &f.ev, 0);
	CHECK_INT(ak_json_finish(&w), -ERANGE);
	CHECK(ak_json_len(&w) > 16);
	fixture_free(&f);

	CHECK_INT(ak_event_timestamp(buf, sizeof(buf), 1492800799, 50), 23);
	CHECK_STR(buf, "2017-04-21T18:53:19.05Z");
	CHECK_INT(ak_event_timestamp(buf, sizeof(buf), 0, 0), 20);
	CHECK_STR(buf, "1970-01-01T00:00:00Z");
}

static void test_errors_and_arena(void)
{
	static const char *const lines[] = {
		"type=USER_START msg=audit(1492752521.165:8955): pid=9950 uid=0 auid=1001 ses=11 msg='op=PAM:session_open acct=\"andrew_kroh\" exe=\"/usr/sbin/sshd\" hostname=72.83.230.100 addr=72.83.230.100 terminal=ssh res=success'",
		"type=EOE msg=audit(1492752521.165:8955): ",
	};
	struct parsed p;
	struct ak_event ev;
	char small[64];
	size_t need;
	void *arena;

	CHECK_INT(parse_lines(&p, (char *const *)lines, 2), 0);
	CHECK_INT(ak_coalesce(&ev, p.recs, 0, small, sizeof(small), 0), -EINVAL);
	CHECK_INT(ak_coalesce(&ev, &p.recs[1], 1, small, sizeof(small), 0), -EINVAL); /* only EOE */
	CHECK_INT(ak_coalesce(&ev, p.recs, 2, small, sizeof(small), 0), -ERANGE);
	need = ak_coalesce_arena_size(p.recs, 2);
	arena = malloc(need);
	CHECK_INT(ak_coalesce(&ev, p.recs, 2, arena, need, 0), 0);
	CHECK_STR(ev.category, "user-login");
	CHECK_MEM(ev.summary.action.p, ev.summary.action.n, "started-session");
	CHECK_MEM(ev.source.ip.p, ev.source.ip.n, "72.83.230.100");
	CHECK(ak_event_map_get(&ev.data, "addr") == NULL);
	CHECK(ev.arena_.used <= need);
	free(arena);
	free_parsed(&p);
	CHECK_STR(ak_event_category_name(1300), "audit-rule");
	CHECK_STR(ak_event_category_name(1006), "unknown");
	CHECK_STR(ak_event_category_name(2109), "integrity");
}

static void test_quirk_choices(void)
{
	/* A SYSCALL go-libaudit cannot interpret (no exe): we keep what we can. */
	static const char *const noexe[] = {
		"type=SYSCALL msg=audit(1700000000.1:5): arch=c000003e syscall=42 success=no exit=-115 items=0 pid=3 auid=1 uid=2 comm=\"x\"",
		"type=SOCKADDR msg=audit(1700000000.1:5): saddr=0200005001020304",
	};
	/* A record type whose YAML name is misspelled (AUDIT_ANOM_LOGIN_ACCT). */
	static const char *const acct[] = {
		"type=ANOM_LOGIN_ACCT msg=audit(1700000000.1:6): pid=1 uid=0 auid=1 ses=2 acct=\"bob\" exe=\"/x\" res=failed",
	};
	/* AVC: SELinux or AppArmor entry by has_fields. */
	static const char *const avc[] = {
		"type=AVC msg=audit(1700000000.1:7): apparmor=\"DENIED\" operation=\"open\" profile=\"p\" name=\"/etc/x\" pid=9 comm=\"cat\" requested_mask=\"r\" denied_mask=\"r\"",
	};
	struct ev_fixture f;

	CHECK_INT(fixture(&f, noexe, 2, 0), 0);
	CHECK_STR(jstr(&f.j, "summary", "action", NULL), "connected-to");
	CHECK_STR(jstr(&f.j, "destination", "ip", NULL), "1.2.3.4");
	CHECK_STR(jstr(&f.j, "data", "exit", NULL), "EINPROGRESS");
	CHECK(f.ev.nwarnings == 1 && f.ev.warnings[0].n > 0);
	fixture_free(&f);
	CHECK_INT(fixture(&f, noexe, 2, AK_COALESCE_GO_COMPAT), 0);
	CHECK(jstr(&f.j, "summary", "action", NULL) == NULL); /* header only, as go-libaudit */
	CHECK(jstr(&f.j, "result", NULL, NULL) == NULL);
	fixture_free(&f);

	CHECK_INT(fixture(&f, acct, 1, 0), 0);
	CHECK_STR(jstr(&f.j, "summary", "action", NULL), "attempted-log-in-to-watched-account");
	CHECK_STR(jstr(&f.j, "ecs", "event", "kind"), "alert");
	CHECK_INT(f.ev.nwarnings, 0);
	fixture_free(&f);
	CHECK_INT(fixture(&f, acct, 1, AK_COALESCE_GO_COMPAT), 0);
	CHECK(jstr(&f.j, "summary", "action", NULL) == NULL);
	CHECK(f.ev.nwarnings == 1 && f.ev.warnings[0].n == 32); /* no normalization found for event */
	fixture_free(&f);

	CHECK_INT(fixture(&f, avc, 1, 0), 0);
	CHECK_STR(jstr(&f.j, "summary", "action", NULL), "violated-apparmor-policy");
	CHECK_STR(jstr(&f.j, "summary", "object", "primary"), "open");
	CHECK_STR(jstr(&f.j, "summary", "object", "secondary"), "r");
	fixture_free(&f);
}

/* SOCKADDR pairs into data as socket_*: a later pair of the same key
 * replaces, a second SOCKADDR replaces and adds, a data record's own socket_
 * key stays beside them. */
static void test_socket_keys(void)
{
	static const char *const two[] = {
		"type=SYSCALL msg=audit(1700000000.100:20): arch=c000003e syscall=42 success=yes exit=0 a0=3 items=0 ppid=1 pid=2 auid=1000 uid=0 gid=0 comm=\"x\" exe=\"/x\" key=(null)",
		"type=SOCKADDR msg=audit(1700000000.100:20): saddr=02000050C0A80001000000000000000000",
		"type=SOCKADDR msg=audit(1700000000.100:20): saddr=0100666F6F00",
	};
	static const char *const repeat[] = {
		"type=SYSCALL msg=audit(1700000000.200:21): arch=c000003e syscall=42 success=yes exit=0 a0=3 items=0 ppid=1 pid=2 auid=1000 uid=0 gid=0 comm=\"x\" exe=\"/x\" socket_zz=1 key=(null)",
		"type=SOCKADDR msg=audit(1700000000.200:21): saddr=02000050C0A80001000000000000000000 saddr=0A000050000000000000000000000000000000000000000100000000",
	};
	static const char *const extra[] = {
		"type=SYSCALL msg=audit(1700000000.300:22): arch=c000003e syscall=42 success=yes exit=0 a0=3 items=0 ppid=1 pid=2 auid=1000 uid=0 gid=0 comm=\"x\" exe=\"/x\" key=(null)",
		"type=SOCKADDR msg=audit(1700000000.300:22): saddr=0A000050000000000000000000000000000000000000000100000000 foo=1 socket=2 x=3",
	};
	struct ev_fixture f;

	CHECK_INT(fixture(&f, two, 3, 0), 0);
	CHECK_STR(jstr(&f.j, "data", "socket_family", NULL), "unix");
	CHECK_STR(jstr(&f.j, "data", "socket_addr", NULL), "192.168.0.1");
	CHECK_STR(jstr(&f.j, "data", "socket_path", NULL), "foo");
	CHECK_STR(jstr(&f.j, "data", "socket_port", NULL), "80");
	fixture_free(&f);
	CHECK_INT(fixture(&f, repeat, 2, 0), 0);
	CHECK_STR(jstr(&f.j, "data", "socket_family", NULL), "ipv6");
	CHECK_STR(jstr(&f.j, "data", "socket_addr", NULL), "::1");
	CHECK_STR(jstr(&f.j, "data", "socket_zz", NULL), "1");
	fixture_free(&f);
	CHECK_INT(fixture(&f, extra, 2, 0), 0);
	CHECK_STR(jstr(&f.j, "data", "socket_foo", NULL), "1");
	CHECK_STR(jstr(&f.j, "data", "socket_socket", NULL), "2");
	CHECK_STR(jstr(&f.j, "data", "socket_x", NULL), "3");
	CHECK_STR(jstr(&f.j, "data", "socket_port", NULL), "80");
	CHECK_STR(jstr(&f.j, "destination", "ip", NULL), "::1");
	fixture_free(&f);
}

/* The SYSCALL's items is deleted where the record comes (and, as the
 * coalescer leaves it out instead, records merged before it must see it). */
static void test_items_key(void)
{
	static const char *const before[] = {
		"type=CONFIG_CHANGE msg=audit(1700000000.100:30): op=set items=5 res=1",
		"type=SYSCALL msg=audit(1700000000.100:30): arch=c000003e syscall=2 success=yes exit=3 items=1 ppid=1 pid=2 auid=1000 uid=0 gid=0 comm=\"x\" exe=\"/x\" key=(null)",
		"type=CWD msg=audit(1700000000.100:30): cwd=\"/a\" items=7",
	};
	static const char *const added[] = {
		"type=CONFIG_CHANGE msg=audit(1700000000.200:31): op=set items=5 res=1",
		"type=CONFIG_CHANGE msg=audit(1700000000.200:31): op=set items=6 res=1",
		"type=SYSCALL msg=audit(1700000000.200:31): arch=c000003e syscall=2 success=yes exit=3 ppid=1 pid=2 auid=1000 uid=0 gid=0 comm=\"x\" exe=\"/x\" key=(null)",
	};
	static const char *const second[] = {
		"type=SYSCALL msg=audit(1700000000.300:32): arch=c000003e syscall=2 success=yes exit=3 items=2 items=3 ppid=1 pid=2 auid=1000 uid=0 gid=0 comm=\"x\" exe=\"/x\" key=(null)",
		"type=CWD msg=audit(1700000000.300:32): cwd=\"/a\" items=7",
		"type=SYSCALL msg=audit(1700000000.300:32): arch=c000003e syscall=2 success=yes exit=3 items=9 ppid=1 pid=2 comm=\"x\" exe=\"/x\" key=(null)",
	};
	static const struct {
		const char *const *lines;
		size_t n;
		const char *items;
		size_t warns;
	} cases[] = {
		{ before, 3, "7", 1 },
		{ added, 3, NULL, 3 }, /* op, items and result repeat */
		{ second, 3, NULL, 0 },
	};

	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		struct ev_fixture f;
		size_t dups = 0;

		CHECK_INT(fixture(&f, cases[c].lines, cases[c].n, 0), 0);
		if (cases[c].items)
			CHECK_STR(jstr(&f.j, "data", "items", NULL), cases[c].items);
		else
			CHECK(jstr(&f.j, "data", "items", NULL) == NULL);
		for (size_t i = 0; i < f.ev.nwarnings; i++)
			dups += f.ev.warnings[i].n > 13 &&
				memcmp(f.ev.warnings[i].p, "duplicate key", 13) == 0;
		CHECK_INT((int)dups, (int)cases[c].warns);
		fixture_free(&f);
	}
}

/* The categories of the kernel's record types (looked up in a table of
 * their own), and around them (the ranges). */
static void test_categories(void)
{
	static const struct {
		uint32_t lo, hi;
		const char *name;
	} want[] = {
		{ 1299, 1299, "audit-daemon" }, { 1300, 1304, "audit-rule" },
		{ 1305, 1305, "configuration" }, { 1306, 1315, "audit-rule" },
		{ 1316, 1316, "unknown" },       { 1317, 1318, "audit-rule" },
		{ 1319, 1319, "TTY" },           { 1320, 1320, "unknown" },
		{ 1321, 1324, "audit-rule" },    { 1325, 1325, "configuration" },
		{ 1326, 1326, "dac-decision" },  { 1327, 1327, "unknown" },
		{ 1328, 1329, "configuration" }, { 1330, 1399, "unknown" },
		{ 1100, 1100, "user-login" },    { 0, 0, "unknown" },
	};

	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		for (uint32_t t = want[i].lo; t <= want[i].hi; t++)
			CHECK_STR(ak_event_category_name(t), want[i].name);
}

/* cwd and proctitle merged from several records (the coalescer holds them
 * aside rather than in data): the first one wins, from the data record or
 * from whichever merged record comes first, and every later one warns. */
static void test_cwd_title_merge(void)
{
	static const char *const two[] = {
		"type=SYSCALL msg=audit(1700000000.100:10): arch=c000003e syscall=2 success=yes exit=3 items=1 ppid=1 pid=2 auid=1000 uid=0 gid=0 comm=\"x\" exe=\"/x\" key=(null)",
		"type=CWD msg=audit(1700000000.100:10): cwd=\"/a\"",
		"type=PROCTITLE msg=audit(1700000000.100:10): proctitle=2F78",
		"type=CWD msg=audit(1700000000.100:10): cwd=\"/b\" proctitle=2F79",
	};
	static const char *const in_base[] = {
		"type=SYSCALL msg=audit(1700000000.300:12): arch=c000003e syscall=2 success=yes exit=3 items=1 ppid=1 pid=2 auid=1000 uid=0 gid=0 comm=\"x\" exe=\"/x\" cwd=\"/q\" key=(null)",
		"type=CWD msg=audit(1700000000.300:12): cwd=\"/z\"",
	};
	static const char *const before_base[] = {
		"type=CONFIG_CHANGE msg=audit(1700000000.400:13): op=set cwd=\"/c1\" res=1",
		"type=SYSCALL msg=audit(1700000000.400:13): arch=c000003e syscall=2 success=yes exit=3 items=1 ppid=1 pid=2 auid=1000 uid=0 gid=0 comm=\"x\" exe=\"/x\" key=(null)",
		"type=CWD msg=audit(1700000000.400:13): cwd=\"/c2\"",
	};
	static const struct {
		const char *const *lines;
		size_t n;
		const char *cwd, *title;
		size_t warns;
	} cases[] = {
		{ two, 4, "/a", "/x", 2 },
		{ in_base, 2, "/q", NULL, 1 },
		{ before_base, 3, "/c1", NULL, 1 },
	};

	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		struct ev_fixture f;
		size_t dups = 0;

		CHECK_INT(fixture(&f, cases[c].lines, cases[c].n, 0), 0);
		CHECK_STR(jstr(&f.j, "process", "cwd", NULL), cases[c].cwd);
		if (cases[c].title)
			CHECK_STR(jstr(&f.j, "process", "title", NULL), cases[c].title);
		CHECK(jstr(&f.j, "data", "cwd", NULL) == NULL);
		CHECK(jstr(&f.j, "data", "proctitle", NULL) == NULL);
		for (size_t i = 0; i < f.ev.nwarnings; i++)
			dups += f.ev.warnings[i].n > 13 &&
				memcmp(f.ev.warnings[i].p, "duplicate key", 13) == 0;
		CHECK_INT((int)dups, (int)cases[c].warns);
		fixture_free(&f);
	}
}

static const struct ak_test tests[] = {
	TEST(test_goldens),
	TEST(test_execve_split_and_multi),
	TEST(test_execve_pieces_across_records),
	TEST(test_execve_missing_arg),
	TEST(test_no_syscall),
	TEST(test_node_and_enriched),
	TEST(test_formats),
	TEST(test_errors_and_arena),
	TEST(test_quirk_choices),
	TEST(test_cwd_title_merge),
	TEST(test_categories),
	TEST(test_socket_keys),
	TEST(test_items_key),
};

AK_TEST_MAIN(tests)
