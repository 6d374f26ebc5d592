// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/* The record parser: every shape real audit logs contain, and header diagnostics. */
#include <errno.h>

#include <auditkit/record.h>
#include <auditkit/tables.h>

#include "../harness.h"

static struct ak_field F[512];
static struct ak_rec R;

static int parse(const char *line)
{
	return ak_rec_parse_line(&R, line, strlen(line), F, 512);
}

/* The value of the last non-enriched field @key as a C string (static buffer). */
static const char *val(const char *key)
{
	static char buf[4096];
	const struct ak_field *f = ak_rec_field(&R, key);

	if (!f)
		return NULL;
	memcpy(buf, f->val.p, f->val.n);
	buf[f->val.n] = '\0';
	return buf;
}

static const char *enr(const char *key)
{
	static char buf[4096];
	const struct ak_field *f = ak_rec_enriched(&R, key);

	if (!f)
		return NULL;
	memcpy(buf, f->val.p, f->val.n);
	buf[f->val.n] = '\0';
	return buf;
}

static void test_header(void)
{
	CHECK_INT(parse("type=SYSCALL msg=audit(1490137971.011:50406): arch=c000003e syscall=42\n"), 2);
	CHECK_INT(R.type, 1300);
	CHECK_MEM(R.type_name.p, R.type_name.n, "SYSCALL");
	CHECK_INT(R.sec, 1490137971);
	CHECK_INT(R.msec, 11);
	CHECK_INT(R.serial, 50406);
	CHECK_INT(R.node.n, 0);
	CHECK_MEM(R.msg.p, R.msg.n, "audit(1490137971.011:50406): arch=c000003e syscall=42");
	CHECK_MEM(R.body.p, R.body.n, "arch=c000003e syscall=42");
	CHECK_STR(val("arch"), "c000003e");
	CHECK_STR(val("syscall"), "42");
	/* "030" is 30 ms, as go-libaudit reads it */
	CHECK(parse("type=CWD msg=audit(1.030:7): cwd=\"/\"") == 1);
	CHECK_INT(R.msec, 30);
	/* no colon after the header (DAEMON_CONFIG) */
	CHECK_INT(parse("type=DAEMON_CONFIG msg=audit(1490239800.477:34) config changed, auid=0 pid=1512 res=success"), 3);
	CHECK_STR(val("auid"), "0");
	CHECK_STR(val("res"), "success");
	/* UNKNOWN[n] and a bare number */
	CHECK(parse("type=UNKNOWN[1334] msg=audit(1.000:1): x=1") == 1);
	CHECK_INT(R.type, 1334);
	CHECK(parse("type=1300 msg=audit(1.000:1): x=1") == 1);
	CHECK_INT(R.type, 1300);
}

/*
 * Every record type name gives its number, written as the table has it or in
 * lower case (ak_msgtype_number answers the commonest kernel names without
 * its hash: they must agree with the table).
 */
static void test_type_names(void)
{
	char line[128], low[64];
	unsigned names = 0;

	for (uint32_t t = 0; t < 65536; t++) {
		const char *name = ak_msgtype_name(t);
		size_t n;

		if (!name)
			continue;
		n = strlen(name);
		CHECK_INT(ak_msgtype_number(name, n), t);
		for (size_t i = 0; i <= n; i++)
			low[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] + 32 : name[i]);
		CHECK_INT(ak_msgtype_number(low, n), t);
		snprintf(line, sizeof(line), "type=%s msg=audit(1490137971.011:5): a=1", name);
		CHECK_INT(parse(line), 1);
		CHECK_INT(R.type, t);
		names++;
	}
	CHECK(names > 200);
	/* near misses of the common names go to the table, and miss there */
	CHECK_INT(ak_msgtype_number("PATX", 4), -ENOENT);
	CHECK_INT(ak_msgtype_number("SYSCALLS", 8), -ENOENT);
	CHECK_INT(ak_msgtype_number("CW", 2), -ENOENT);
	CHECK_INT(ak_msgtype_number("CONFIG_CHANGE_", 14), -ENOENT);
}

/*
 * The shapes the parser's fast paths take (a 16-byte header compare, one
 * 16-byte window per field) and those just outside them, with what the
 * general code gives for each (test-record-ref compares the two wholesale).
 */
static void test_fast_shapes(void)
{
	/* serials of 1 to 10 digits after a 10.3 timestamp; 2^32 is an error */
	CHECK_INT(parse("type=PATH msg=audit(1490137971.011:1): item=0"), 1);
	CHECK_INT(R.sec, 1490137971);
	CHECK_INT(R.msec, 11);
	CHECK_INT(R.serial, 1);
	CHECK_INT(parse("type=PATH msg=audit(9999999999.999:1234567): a=1"), 1);
	CHECK_INT(R.sec, 9999999999LL);
	CHECK_INT(R.msec, 999);
	CHECK_INT(R.serial, 1234567);
	CHECK_INT(parse("type=PATH msg=audit(1490137971.011:12345678): a=1"), 1);
	CHECK_INT(R.serial, 12345678);
	CHECK_INT(parse("type=PATH msg=audit(1490137971.011:4294967295): a=1"), 1);
	CHECK_INT(R.serial, 4294967295u);
	CHECK_INT(parse("type=PATH msg=audit(1490137971.011:4294967296): a=1"), -EINVAL);
	CHECK_INT(R.diag.pos, 35);
	CHECK_INT(parse("type=PATH msg=audit(1490137971.011:42949672950): a=1"), -EINVAL);
	CHECK_INT(R.diag.pos, 35);
	CHECK_INT(parse("type=PATH msg=audit(1490137971.011:123x): a=1"), -EINVAL);
	CHECK_INT(R.diag.pos, 38);
	/* the line ends right after the header */
	CHECK_INT(parse("type=PATH msg=audit(1490137971.011:123)"), 0);
	CHECK_INT(R.serial, 123);
	/* unquoted values ending at each stop inside one window */
	CHECK_INT(parse("type=SYSCALL msg=audit(1490137971.011:9): a=1\tb=2 c=\"x\" d='y' e=3\x1d" "F=4"), 6);
	CHECK_STR(val("a"), "1");
	CHECK_STR(val("b"), "2");
	CHECK_STR(val("c"), "x");
	CHECK_INT(ak_rec_field(&R, "c")->flags, AK_F_DQUOTE); /* the tab bars AK_F_PLAIN */
	CHECK_STR(val("d"), "y");
	CHECK_STR(val("e"), "3");
	CHECK_STR(enr("F"), "4");
	/* a value with '!'..'&' in it: past the first candidate stop */
	CHECK_INT(parse("type=SYSCALL msg=audit(1490137971.011:9): a=x!y%z&w b=1 c=2 d=3 e=4"), 5);
	CHECK_STR(val("a"), "x!y%z&w");
	/* "..." with \" inside, closing in the window and past it */
	CHECK_INT(parse("type=SYSCALL msg=audit(1490137971.011:9): a=\"x\\\"y\" b=\"0123456789abcdefghij\" c=1"), 3);
	CHECK_STR(val("a"), "x\\\"y");
	CHECK_STR(val("b"), "0123456789abcdefghij");
	CHECK_STR(val("c"), "1");
	/* msg="..." is never a plain value, '{' opens a group in the enriched part only */
	CHECK_INT(parse("type=USER_CMD msg=audit(1490137971.011:9): msg=\"a=1 b=2\" c={x} d=2"), 4);
	CHECK(ak_rec_field(&R, "a")->flags & AK_F_NESTED);
	CHECK_STR(val("c"), "{x}");
	CHECK_INT(parse("type=SYSCALL msg=audit(1490137971.011:9): a=1\x1dK={ x y } L=2 M=3 N=4"), 5);
	CHECK_STR(enr("K"), "{ x y }");
	CHECK_STR(enr("N"), "4");
	/* a key running past 16 bytes, one whose '=' is the 16th byte, and a closing ')' */
	CHECK_INT(parse("type=SYSCALL msg=audit(1490137971.011:9): abcdefghijklmnopqrst=1 "
			"abcdefghijklmno=2 (x=1 y=2) z=3 w=4 v=5 u=6 t=7"), 9);
	CHECK_STR(val("abcdefghijklmnopqrst"), "1");
	CHECK_STR(val("abcdefghijklmno"), "2");
	CHECK_STR(val("y"), "2");
	CHECK_STR(val("t"), "7");
}

static void test_node_and_trailing(void)
{
	CHECK_INT(parse("node=web-01.example.com type=PATH msg=audit(1.000:2): item=0 name=\"/etc\" \r\n"), 2);
	CHECK_MEM(R.node.p, R.node.n, "web-01.example.com");
	CHECK_INT(R.type, 1302);
	CHECK_STR(val("name"), "/etc");
	CHECK_MEM(R.line.p, R.line.n, "node=web-01.example.com type=PATH msg=audit(1.000:2): item=0 name=\"/etc\"");
	CHECK_MEM(R.msg.p, R.msg.n, "audit(1.000:2): item=0 name=\"/etc\"");
}

static void test_syslog_prefix(void)
{
	CHECK_INT(parse("Nov 26 10:00:01 web1 audisp-syslog: node=web1 type=CWD msg=audit(5.000:9): cwd=\"/\""), 1);
	CHECK_MEM(R.node.p, R.node.n, "web1");
	CHECK_INT(R.type, 1307);
	CHECK_INT(R.serial, 9);
	CHECK_STR(val("cwd"), "/");
	CHECK_INT(parse("<14>Nov 26 10:00:01 h audispd: type=PATH msg=audit(5.000:9): item=0"), 1);
	CHECK_INT(R.type, 1302);
	/* "type=" in free text without a header after it is still an error */
	CHECK_INT(parse("some text with type=x and no header"), -EINVAL);
	CHECK_INT(R.diag.pos, 0);
}

static void test_values(void)
{
	CHECK_INT(parse("type=EXECVE msg=audit(1.000:3): argc=4 a0=\"cat\" a1=\"btest=test\" a2='x y' "
			"a3=\"grep \\\"test\\\" file\" a4=2F746D70 e= k=v"), 8);
	CHECK_STR(val("a0"), "cat");
	CHECK(ak_rec_field(&R, "a0")->flags & AK_F_DQUOTE);
	CHECK_STR(val("a1"), "btest=test");
	CHECK_STR(val("a2"), "x y");
	CHECK(ak_rec_field(&R, "a2")->flags & AK_F_SQUOTE);
	CHECK_STR(val("a3"), "grep \\\"test\\\" file"); /* escapes left as written */
	CHECK_STR(val("a4"), "2F746D70");
	CHECK_INT(ak_rec_field(&R, "a4")->flags, 0);
	CHECK_STR(val("e"), "");
	CHECK_STR(val("k"), "v");
	/* (null), ?, stray quote after a hex key (ubuntu17) */
	CHECK_INT(parse("type=SYSCALL msg=audit(1.000:3): key=(null) tty=(none) exe=? "
			"k2=65786563013634626974\" z=1"), 5);
	CHECK_STR(val("key"), "(null)");
	CHECK_STR(val("tty"), "(none)");
	CHECK_STR(val("exe"), "?");
	CHECK_STR(val("k2"), "65786563013634626974");
	CHECK_STR(val("z"), "1");
}

static void test_keys(void)
{
	CHECK_INT(parse("type=EXECVE msg=audit(1.000:4): argc=2 a0=\"ls\" a1_len=20000 a1[0]=4142 "
			"a1[1]=4344 old-auid=1 ARCH=x86_64 saddr_fam=inet"), 8);
	CHECK_STR(val("a1_len"), "20000");
	CHECK_STR(val("a1[0]"), "4142");
	CHECK_STR(val("a1[1]"), "4344");
	CHECK_STR(val("old-auid"), "1");
	CHECK_STR(val("ARCH"), "x86_64");
	CHECK_STR(val("saddr_fam"), "inet");
}

static void test_duplicates(void)
{
	CHECK_INT(parse("type=USER_LOGIN msg=audit(1.000:5): pid=1 uid=0 msg='op=login uid=1000 res=success'"), 5);
	/* ak_rec_field: last wins */
	CHECK_STR(val("uid"), "1000");
	CHECK(ak_rec_field(&R, "uid")->flags & AK_F_NESTED);
	CHECK(!(F[1].flags & AK_F_NESTED));
	CHECK(ak_rec_field(&R, "msg") == NULL); /* the container is not a field */
	CHECK_STR(val("op"), "login");
	CHECK_STR(val("res"), "success");
	/* msg='...' with no pairs stays a field */
	CHECK_INT(parse("type=USER msg=audit(1.000:5): pid=1 msg='hello world'"), 2);
	CHECK_STR(val("msg"), "hello world");
}

static void test_enriched(void)
{
	static const char line[] =
		"type=SYSCALL msg=audit(1.000:6): arch=c000003e syscall=59 exe=/bin/ls auid=1000"
		"\x1d" "ARCH=x86_64 SYSCALL=execve AUID=\"alice\" UID=\"root\" "
		"SADDR={ saddr_fam=inet laddr=1.2.3.4 lport=80 }";

	CHECK_INT(parse(line), 9);
	CHECK_STR(val("auid"), "1000"); /* not absorbing the tail */
	CHECK_STR(val("exe"), "/bin/ls");
	CHECK_STR(enr("ARCH"), "x86_64");
	CHECK_STR(enr("AUID"), "alice");
	CHECK_STR(enr("SADDR"), "{ saddr_fam=inet laddr=1.2.3.4 lport=80 }");
	CHECK(ak_rec_field(&R, "saddr_fam") == NULL); /* no lower-case leak */
	CHECK(ak_rec_field(&R, "ARCH") == NULL);     /* enriched is not data */
	/* a quoted value cannot swallow the separator either */
	CHECK_INT(parse("type=USER_CMD msg=audit(1.000:6): cmd=\"ls\x1d" "UID=\"root\""), 2);
	CHECK_STR(enr("UID"), "root");
}

/* AK_F_PLAIN on field @key (enriched if @e), as 1/0; -1 if absent. */
static int plain(const char *key, int e)
{
	const struct ak_field *f = e ? ak_rec_enriched(&R, key) : ak_rec_field(&R, key);

	return f ? !!(f->flags & AK_F_PLAIN) : -1;
}

static void test_plain(void)
{
	/* a clean part: unquoted and "..." values are plain, '...' unless it holds '"' */
	CHECK_INT(parse("type=USER_CMD msg=audit(1.000:6): a=1 b=\"x y\" c='p\"q' d='r s' "
			"e={x} f=\"\" g=a[1]"), 7);
	CHECK_INT(plain("a", 0), 1);
	CHECK_INT(plain("b", 0), 1);
	CHECK_INT(plain("c", 0), 0);
	CHECK_INT(plain("d", 0), 1);
	CHECK_INT(plain("e", 0), 1);
	CHECK_INT(plain("f", 0), 1);
	CHECK_INT(plain("g", 0), 1);
	CHECK(R.flags & AK_REC_MSG_PLAIN);
	/* nested pairs of msg='...' keep it, though msg holds quotes */
	CHECK_INT(parse("type=USER_AUTH msg=audit(1.000:6): pid=1 msg='op=PAM:x exe=\"/bin/su\" "
			"res=success'"), 4);
	CHECK_INT(plain("exe", 0), 1);
	CHECK_INT(plain("res", 0), 1);
	/* any byte that needs escaping in the part: nothing there is plain */
	static const char *const dirty[] = { "\\y", "\x7f", "\x01", "\t", "\xc3\xa9", "\x80" };

	for (size_t i = 0; i < sizeof(dirty) / sizeof(dirty[0]); i++) {
		char line[128];

		snprintf(line, sizeof(line), "type=SYSCALL msg=audit(1.000:6): a=1 b=\"%s\" c=2",
			 dirty[i]);
		CHECK_INT(parse(line), 3);
		CHECK_INT(plain("a", 0), 0);
		CHECK_INT(plain("c", 0), 0);
		CHECK(!(R.flags & AK_REC_MSG_PLAIN));
	}
	/* a dirty byte far into a long line, past the vector blocks' start */
	CHECK_INT(parse("type=SYSCALL msg=audit(1.000:6): a=1 b=222222222222222222222222222222222 "
			"c=33333333333333333333333333333333333333 d=x\\y"), 4);
	CHECK_INT(plain("a", 0), 0);
	CHECK(!(R.flags & AK_REC_MSG_PLAIN));
	/* the parts are judged apart; one 0x1d is the msg's only allowed oddity */
	CHECK_INT(parse("type=SYSCALL msg=audit(1.000:6): a=1\x1d" "B=\"\\x\" C=3"), 3);
	CHECK_INT(plain("a", 0), 1);
	CHECK_INT(plain("C", 1), 0);
	CHECK(!(R.flags & AK_REC_MSG_PLAIN));
	CHECK_INT(parse("type=SYSCALL msg=audit(1.000:6): a=\"1\" b=22222222222222222222222222"
			"\x1d" "B=2 C=\"root\""), 4);
	CHECK_INT(plain("a", 0), 1);
	CHECK_INT(plain("B", 1), 1);
	CHECK_INT(plain("C", 1), 1);
	CHECK(R.flags & AK_REC_MSG_PLAIN);
	CHECK_INT(parse("type=SYSCALL msg=audit(1.000:6): a=1\x1d" "B=2\x1d" "C=3"), 3);
	CHECK_INT(plain("a", 0), 1);
	CHECK_INT(plain("B", 1), 0);
	CHECK(!(R.flags & AK_REC_MSG_PLAIN));
	/* white space other than ' ' between header and body is in msg, not in a field */
	CHECK_INT(parse("type=SYSCALL msg=audit(1.000:6):\ta=1"), 1);
	CHECK_INT(plain("a", 0), 1);
	CHECK(!(R.flags & AK_REC_MSG_PLAIN));
	/* AVC's permissions are what the braces hold, quotes and all */
	CHECK_INT(parse("type=AVC msg=audit(1.0:1): avc:  denied  { \"x\" } for pid=1"), 3);
	CHECK_INT(plain("seresult", 0), 1);
	CHECK_INT(plain("seperms", 0), 0);
	CHECK_INT(plain("pid", 0), 1);
	CHECK_INT(parse("type=AVC msg=audit(1.0:1): avc:  denied  { read } for pid=1"), 3);
	CHECK_INT(plain("seperms", 0), 1);
	/* payloads too */
	CHECK_INT(ak_rec_parse_payload(&R, 1300, "audit(1.000:6): a=1 b=\"x\"", 25, F, 512), 2);
	CHECK_INT(plain("b", 0), 1);
	CHECK(R.flags & AK_REC_MSG_PLAIN);
}

static void test_avc(void)
{
	CHECK_INT(parse("type=AVC msg=audit(1170021493.977:293): avc:  denied  { read write } for  "
			"pid=13010 comm=\"pickup\" tclass=dir"), 5);
	CHECK_STR(val("seresult"), "denied");
	CHECK_STR(val("seperms"), "read write");
	CHECK_STR(val("pid"), "13010");
	CHECK_STR(val("comm"), "pickup");
	/* AppArmor AVC: plain pairs */
	CHECK_INT(parse("type=AVC msg=audit(1.000:7): apparmor=\"DENIED\" operation=\"ptrace\" profile=\"docker-default\""), 3);
	CHECK(ak_rec_field(&R, "seresult") == NULL);
	/* USER_AVC is not normalised */
	CHECK(parse("type=USER_AVC msg=audit(1.000:8): pid=1 msg='avc:  denied  { read } for  x=1'") > 0);
	CHECK(ak_rec_field(&R, "seresult") == NULL);
}

static void test_login_and_pam(void)
{
	CHECK_INT(parse("type=LOGIN msg=audit(1.000:9): login pid=13015 uid=0 old auid=4294967295 new auid=0 old ses=4294967295 new ses=1172"), 6);
	CHECK_STR(val("old_auid"), "4294967295");
	CHECK_STR(val("new_auid"), "0");
	CHECK_STR(val("old_ses"), "4294967295");
	CHECK_STR(val("new_ses"), "1172");
	CHECK(ak_rec_field(&R, "auid") == NULL);
	CHECK_INT(parse("type=USER_START msg=audit(1.000:10): user pid=1 msg='PAM: session open acct=root : "
			"exe=\"/usr/sbin/crond\" (hostname=?, addr=?, terminal=cron res=success)'"), 7);
	CHECK_STR(val("hostname"), "?,");
	CHECK_STR(val("terminal"), "cron");
	CHECK_STR(val("res"), "success");
	CHECK_STR(val("exe"), "/usr/sbin/crond");
}

static void test_bytes(void)
{
	/* NUL bytes and invalid UTF-8 are ordinary value bytes */
	static const char line[] = "type=USER msg=audit(1.000:11): a=x\0y b=\xff\xfe c=\"q\0\"";
	int n = ak_rec_parse_line(&R, line, sizeof(line) - 1, F, 512);

	CHECK_INT(n, 3);
	CHECK_INT(ak_rec_field(&R, "a")->val.n, 3);
	CHECK(memcmp(ak_rec_field(&R, "b")->val.p, "\xff\xfe", 2) == 0);
	CHECK_INT(ak_rec_field(&R, "c")->val.n, 2);
}

static void test_long_line(void)
{
	size_t n = 200000;
	char *line = malloc(n + 64);
	int k;

	CHECK(line != NULL);
	if (!line)
		return;
	k = snprintf(line, 64, "type=PROCTITLE msg=audit(1.000:12): proctitle=");
	memset(line + k, 'A', n);
	memcpy(line + k + n, " x=1", 5);
	CHECK_INT(ak_rec_parse_line(&R, line, strlen(line), F, 512), 2);
	CHECK_INT(ak_rec_field(&R, "proctitle")->val.n, n);
	free(line);
}

static void test_counting_and_range(void)
{
	static const char line[] = "type=SYSCALL msg=audit(1.000:13): a=1 b=2 c=3 d=4";
	struct ak_field f2[2];

	CHECK_INT(ak_rec_parse_line(&R, line, strlen(line), NULL, 0), 4);
	CHECK_INT(ak_rec_parse_line(&R, line, strlen(line), f2, 2), -ERANGE);
	CHECK_INT(R.nfields, 2);
	CHECK_MEM(f2[1].key.p, f2[1].key.n, "b");
	CHECK_INT(R.serial, 13);
}

static void test_payload(void)
{
	static const char p[] = "audit(1490137971.011:50406): arch=c000003e syscall=42\0";

	CHECK_INT(ak_rec_parse_payload(&R, 1300, p, sizeof(p) - 1, F, 512), 2);
	CHECK_INT(R.type, 1300);
	CHECK_INT(R.type_name.n, 0);
	CHECK_INT(R.serial, 50406);
	CHECK_STR(val("syscall"), "42");
	CHECK_MEM(R.msg.p, R.msg.n, "audit(1490137971.011:50406): arch=c000003e syscall=42");
	CHECK_INT(ak_rec_parse_payload(&R, 1300, "garbage", 7, F, 512), -EINVAL);
}

struct bad {
	const char *line;
	size_t pos;
};

static void test_header_errors(void)
{
	static const struct bad bad[] = {
		{ "", 0 },
		{ "hello world", 0 },
		{ "type=UNKNOWN[1329] msg=?", 23 },
		{ "type=SYSCALL", 12 },
		{ "type= msg=audit(1.0:1): x=1", 5 },
		{ "type=SYSCALL msg=audit(x.0:1): x=1", 23 },
		{ "type=SYSCALL msg=audit(1:1): x=1", 24 },
		{ "type=SYSCALL msg=audit(1.1234:1): x=1", 25 },
		{ "type=SYSCALL msg=audit(1.1x:1): x=1", 26 },
		{ "type=SYSCALL msg=audit(1.1:4294967296): x=1", 27 },
		{ "type=SYSCALL msg=audit(1.1:5 x=1", 28 },
		{ "node=h type=NOSUCHTYPE msg=audit(1.1:5): x=1", 12 },
		{ "type=SYSCALL msg=audit(99999999999999999999.1:5): x=1", 23 },
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int ret = parse(bad[i].line);

		CHECK_INT(ret, -EINVAL);
		CHECK(R.diag.msg != NULL);
		if (R.diag.pos != bad[i].pos)
			fprintf(stderr, "  case %zu (%s): pos %zu, expected %zu\n", i, bad[i].line,
				R.diag.pos, bad[i].pos);
		CHECK_INT(R.diag.pos, bad[i].pos);
		CHECK(R.line.p == bad[i].line);
	}
}

static const struct ak_test tests[] = {
	TEST(test_header),	  TEST(test_type_names),	TEST(test_fast_shapes),
	TEST(test_node_and_trailing), TEST(test_syslog_prefix), TEST(test_values),
	TEST(test_keys),	  TEST(test_duplicates),	TEST(test_enriched),
	TEST(test_avc),		  TEST(test_login_and_pam),	TEST(test_bytes),
	TEST(test_long_line),	  TEST(test_counting_and_range), TEST(test_payload),
	TEST(test_header_errors), TEST(test_plain),
};

AK_TEST_MAIN(tests)
