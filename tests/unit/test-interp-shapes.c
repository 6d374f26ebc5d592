// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * The interpretation's shapes (shapes.c): the lists are what their comment
 * promises (distinct keys, right K_ ids, no derived name), and a record that
 * takes the shaped collect gives what the general one gives.  The general
 * path is forced by putting an enriched field first (the interpretation
 * ignores enriched fields wherever they are; no shape allows one there).
 */
#include <errno.h>

#include <auditkit.h>

#include "../harness.h"
#include "records/interp-internal.h"

#define MAXF 4096
static struct ak_field fa[MAXF], fb[MAXF + 1];
static char sa[1 << 20], sb[1 << 20];
static unsigned long compared, shaped;

static void test_lists(void)
{
	static const char *const derived[] = {
		"subj_user", "subj_role", "subj_domain", "subj_level", "subj_category",
		"obj_user",  "obj_role",  "obj_domain",  "obj_level",  "obj_category",
		"result",    "family",    "addr",        "port",       "flow",
		"path",
	};
	/* the record's own members (format.c ak__fmt_reserved()) */
	static const char *const reserved[] = {
		"record_type", "@timestamp", "sequence", "node", "tags", "error",
		"warning", "raw_msg", "enriched", "interpreted",
	};
	for (size_t d = 0; d < sizeof(derived) / sizeof(derived[0]); d++) {
		for (size_t r = 0; r < sizeof(reserved) / sizeof(reserved[0]); r++)
			CHECK(strcmp(derived[d], reserved[r]) != 0);
		/* derive() does not classify its keys */
		CHECK_INT(ak__ip_classify(derived[d], strlen(derived[d])), -1);
	}
	size_t ns;
	const struct ak__ip_shape *sh = ak__ip_shapes(0, &ns);

	CHECK(ns >= 10);
	for (size_t s = 0; s < ns; s++) {
		size_t n2;
		const struct ak__ip_shape *t = ak__ip_shapes(sh[s].type, &n2);

		/* the type's list holds this shape */
		CHECK(t && &sh[s] >= t && &sh[s] < t + n2);
		CHECK(sh[s].type != AUDIT_EXECVE); /* its arguments keep "", "?" */
		for (size_t i = 0; i < sh[s].n; i++) {
			const struct ak__ip_skey *k = &sh[s].k[i];

			CHECK(k->n > 0 && k->n < 16 && strlen(k->p) == k->n);
			CHECK_INT(k->mask, (1 << k->n) - 1);
			CHECK_INT(ak__ip_classify(k->p, k->n), (int)k->kid - 1);
			for (size_t j = 0; j < i; j++)
				CHECK(strcmp(sh[s].k[j].p, k->p) != 0);
			for (size_t d = 0; d < sizeof(derived) / sizeof(derived[0]); d++)
				CHECK(strcmp(derived[d], k->p) != 0);
			for (size_t d = 0; d < sizeof(reserved) / sizeof(reserved[0]); d++)
				CHECK(strcmp(reserved[d], k->p) != 0);
		}
	}
}

/* @line interpreted as parsed, and with an enriched field first: the same pairs, tags, error. */
static void same(const char *line, size_t len)
{
	struct ak_rec r, r2;
	struct ak_interp a, b;
	int n = ak_rec_parse_line(&r, line, len, fa, MAXF);

	if (n < 0)
		return;
	r2 = r;
	fb[0] = (struct ak_field){ .key = { "X", 1 }, .val = { "y", 1 }, .flags = AK_F_ENRICHED };
	memcpy(fb + 1, fa, r.nfields * sizeof(fa[0]));
	r2.fields = fb;
	r2.nfields = r.nfields + 1;
	int x = ak_interp_record(&a, &r, sa, sizeof(sa), 0);
	int y = ak_interp_record(&b, &r2, sb, sizeof(sb), 0);

	compared++;
	size_t ns;
	const struct ak__ip_shape *sh = ak__ip_shapes(r.type, &ns);

	for (size_t s = 0; s < ns; s++) {
		size_t i = 0;

		while (i < sh[s].n && i < r.nfields && !(r.fields[i].flags & AK_F_ENRICHED) &&
		       r.fields[i].key.n == sh[s].k[i].n &&
		       !memcmp(r.fields[i].key.p, sh[s].k[i].p, sh[s].k[i].n))
			i++;
		if (i == sh[s].n) {
			while (i < r.nfields && (r.fields[i].flags & AK_F_ENRICHED))
				i++;
			if (i == r.nfields) {
				shaped++;
				break;
			}
		}
	}
	int ok = x == y && a.nkv == b.nkv && a.ntags == b.ntags && !a.error == !b.error &&
		 (!a.error || !strcmp(a.error, b.error));

	for (size_t i = 0; ok && x >= 0 && i < a.nkv; i++)
		ok = a.kv[i].key.n == b.kv[i].key.n && a.kv[i].val.n == b.kv[i].val.n &&
		     !memcmp(a.kv[i].key.p, b.kv[i].key.p, a.kv[i].key.n) &&
		     !memcmp(a.kv[i].val.p, b.kv[i].val.p, a.kv[i].val.n) &&
		     a.kv_plain[i] == b.kv_plain[i];
	for (size_t i = 0; ok && x >= 0 && i < a.ntags; i++)
		ok = a.tags[i].n == b.tags[i].n && !memcmp(a.tags[i].p, b.tags[i].p, a.tags[i].n);
	if (!ok)
		fprintf(stderr, "  differs: %.*s\n", (int)len, line);
	CHECK(ok);
}

static const char *const lines[] = {
	"type=SYSCALL msg=audit(1.2:3): arch=c000003e syscall=59 success=yes exit=0 a0=1 a1=2 a2=3 a3=4 items=2 ppid=1 pid=2 auid=4294967295 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=4294967295 comm=\"ls\" exe=\"/bin/ls\" key=(null)",
	"type=SYSCALL msg=audit(1.2:3): arch=c000003e syscall=59 success=no exit=-2 a0=1 a1=2 a2=3 a3=4 items=2 ppid=1 pid=2 auid=1000 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts0 ses=3 comm=\"ls\" exe=2F62696E2F6C73 subj=u:r:t:s0 key=\"net\"\x1d" "ARCH=x86_64 SYSCALL=execve AUID=\"x\"",
	"type=SYSCALL msg=audit(1.2:3): arch=c000003e syscall=59 success=yes exit=0 a0=1 a1=2 a2=3 a3=4 items=2 ppid=1 pid=2 auid=1 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=? ses=? comm=\"\" exe=\"/bin/ls\" key=6E657400666F6F",
	/* a near miss: one key differs, one is repeated, one is extra */
	"type=SYSCALL msg=audit(1.2:3): arch=c000003e syscall=59 success=yes exit=0 a0=1 a1=2 a2=3 a3=4 items=2 ppid=1 pid=2 auid=1 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=? ses=? comm=\"\" exe=\"/bin/ls\" kez=1",
	"type=SYSCALL msg=audit(1.2:3): arch=c000003e syscall=59 success=yes exit=0 a0=1 a1=2 a2=3 a3=4 items=2 ppid=1 pid=2 auid=1 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=? ses=? comm=\"\" arch=1 key=1",
	"type=SYSCALL msg=audit(1.2:3): arch=c000003e syscall=59 success=yes exit=0 a0=1 a1=2 a2=3 a3=4 items=2 ppid=1 pid=2 auid=1 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=? ses=? comm=\"\" exe=1 key=1 result=3",
	"type=PATH msg=audit(1.2:3): item=0 name=\"/bin/ls\" inode=1 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0",
	"type=PATH msg=audit(1.2:3): item=0 name=2F62696E inode=1 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 obj=a:b:c:d:e nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0\x1dOUID=\"root\" OGID=\"root\"",
	"type=PATH msg=audit(1.2:3): item=1 name=(null) nametype=UNKNOWN cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0",
	"type=PATH msg=audit(1.2:3): item=1 name=? nametype=UNKNOWN cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=",
	"type=CWD msg=audit(1.2:3): cwd=\"/root\"",
	"type=CWD msg=audit(1.2:3): cwd=2F726F6F74",
	"type=CWD msg=audit(1.2:3): cwd=",
	"type=PROCTITLE msg=audit(1.2:3): proctitle=6C73002D6C",
	"type=PROCTITLE msg=audit(1.2:3): proctitle=\"ls\"",
	"type=SOCKADDR msg=audit(1.2:3): saddr=0200005000000000000000000000000000\x1dSADDR={ fam=inet laddr=0.0.0.0 lport=80 }",
	"type=SOCKADDR msg=audit(1.2:3): saddr=01002F746D702F73",
	"type=SOCKADDR msg=audit(1.2:3): saddr=zz",
	"type=CONFIG_CHANGE msg=audit(1.2:3): auid=4294967295 ses=4294967295 op=add_rule key=\"k\" list=4 res=1",
	"type=CONFIG_CHANGE msg=audit(1.2:3): auid=-1 ses=-1 op=add_rule key=(null) list=4 res=0\x1d" "AUID=\"unset\"",
	"type=BPRM_FCAPS msg=audit(1.2:3): fver=0 fp=0 fi=0 fe=0 old_pp=000001fffeffffff old_pi=0 old_pe=000001fffeffffff old_pa=0 pp=000001fffeffffff pi=0 pe=000001fffeffffff pa=0 frootid=0",
	/* keys at the line's end (no 16 bytes after them), a short line */
	"type=CWD msg=audit(1.2:3): cwd=x",
	"type=PROCTITLE msg=audit(1:1): proctitle=41",
};

static void test_differential(void)
{
	static char buf[1 << 16];

	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		same(lines[i], strlen(lines[i]));
	/* every prefix of each: shapes cut short, keys at the end */
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		for (size_t n = strlen(lines[i]); n > 30; n--) {
			char *p = malloc(n); /* exact length: ASan sees an overread */

			CHECK(p != NULL);
			if (!p)
				return;
			memcpy(p, lines[i], n);
			same(p, n);
			free(p);
		}
	/* the real logs of the tests */
	static const char *const logs[] = {
		"tests/data/demo.log", "tests/data/real/raw.log", "tests/data/real/enriched.log",
		"tests/data/real/raw-node.log", "tests/data/real/enriched-node.log",
	};

	for (size_t l = 0; l < sizeof(logs) / sizeof(logs[0]); l++) {
		FILE *f = fopen(logs[l], "r");

		CHECK(f != NULL);
		if (!f)
			continue;
		while (fgets(buf, sizeof(buf), f))
			same(buf, strcspn(buf, "\n"));
		fclose(f);
	}
	fprintf(stderr, "  %lu records compared, %lu shaped\n", compared, shaped);
	CHECK(shaped >= 20);
}

/* The usual arch named without a lookup: as the table names it, and its neighbours still looked up. */
static void test_arch(void)
{
	static const char *const vals[] = { "c000003e", "C000003E", "c000003E", "c000003f",
					    "40000003", "c000003", "0c000003e", "-c000003e" };
	char line[512];
	struct ak_rec r;
	struct ak_interp ip;

	CHECK_STR(ak__ip_x86_64_name(), ak_arch_name(0xc000003e));
	for (size_t i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		int n = snprintf(line, sizeof(line),
				 "type=SYSCALL msg=audit(1.2:3): arch=%s syscall=59 success=yes exit=0 a0=1 a1=2 a2=3 a3=4 items=2 ppid=1 pid=2 auid=1 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=? ses=1 comm=\"ls\" exe=\"/bin/ls\" key=(null)",
				 vals[i]);

		CHECK(ak_rec_parse_line(&r, line, (size_t)n, fa, MAXF) > 0);
		CHECK(ak_interp_record(&ip, &r, sa, sizeof(sa), 0) > 0);
		const struct ak_str *a = ak_interp_get(&ip, "arch"), *sc = ak_interp_get(&ip, "syscall");
		long long v;
		int parsed = 1; /* all of these are hex numbers to Go's ParseInt */
		char want[32];
		const char *name;

		/* Go's ParseInt(s, 16, 64), then the table or unknown[hex] */
		v = strtoll(vals[i], NULL, 16);
		name = parsed ? ak_arch_text((uint32_t)v, want, sizeof(want)) : vals[i];
		CHECK(a && a->n == strlen(name) && !memcmp(a->p, name, a->n));
		if (a && (a->n != strlen(name) || memcmp(a->p, name, a->n)))
			fprintf(stderr, "  arch=%s: %.*s, want %s\n", vals[i], (int)a->n, a->p, name);
		if (parsed && v == 0xc000003e)
			CHECK(sc && sc->n == 6 && !memcmp(sc->p, "execve", 6));
		/* the same as the general path's */
		same(line, (size_t)n);
	}
}

static const struct ak_test tests[] = { TEST(test_lists), TEST(test_differential), TEST(test_arch) };

AK_TEST_MAIN(tests)
