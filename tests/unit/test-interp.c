// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * The interpretation rules, one test each, with go-libaudit's examples
 * (spec §3.3-3.6; lines from elastic/go-libaudit bc9ea4581bf8fad62760036e6aa90aaacbbfd0e8
 * auparse/testdata and auparse_test.go, Apache-2.0), on lines parsed by
 * ak_rec_parse_line and on hand-built field arrays.
 */
#include <errno.h>
#include <time.h>

#include <auditkit.h>

#include "../harness.h"
#include "core/keyhash.h"
#include "records/interp-internal.h"

#define MAXF 30000
static struct ak_field fields[MAXF];
static char scratch[1 << 22];
static struct ak_rec rec;
static struct ak_interp ip;
static int nkv;

/* Parse @line and interpret it; returns ak_interp_record's result. */
static int interp(const char *line)
{
	int n = ak_rec_parse_line(&rec, line, strlen(line), fields, MAXF);

	if (n < 0) {
		fprintf(stderr, "  parse failed (%d): %s\n", n, line);
		return n;
	}
	nkv = ak_interp_record(&ip, &rec, scratch, sizeof(scratch), 0);
	return nkv;
}

static const char *get(const char *key)
{
	static char v[1 << 16];
	const struct ak_str *s = ak_interp_get(&ip, key);

	if (!s)
		return NULL;
	memcpy(v, s->p, s->n < sizeof(v) - 1 ? s->n : sizeof(v) - 1);
	v[s->n < sizeof(v) - 1 ? s->n : sizeof(v) - 1] = '\0';
	return v;
}

#define CHECK_VAL(key, want) CHECK_STR(get(key), want)
#define CHECK_NOKEY(key) CHECK(ak_interp_get(&ip, key) == NULL)

static void test_unset_ids(void)
{
	CHECK(interp("type=LOGIN msg=audit(1.000:1): pid=1 uid=4294967295 old-auid=4294967295 "
		     "auid=-1 tty=(none) old-ses=4294967295 ses=4294967295 res=1") > 0);
	CHECK_VAL("auid", "unset");
	CHECK_VAL("old-auid", "unset");
	CHECK_VAL("ses", "unset");
	CHECK_VAL("old-ses", "4294967295");
	CHECK_VAL("uid", "4294967295");
	/* "(none)" is kept, "(null)" is not */
	CHECK(interp("type=LOGIN msg=audit(1.000:1): pid=1 tty=(none) comm=(null)") > 0);
	CHECK_VAL("tty", "(none)");
	CHECK_NOKEY("comm");
	CHECK(ip.error == NULL);
}

static void test_context_split(void)
{
	CHECK(interp("type=USER_ACCT msg=audit(1.000:1): pid=1 subj=unconfined_u:unconfined_r:"
		     "unconfined_t:s0-s0:c0.c1023 res=success") > 0);
	CHECK_NOKEY("subj");
	CHECK_VAL("subj_user", "unconfined_u");
	CHECK_VAL("subj_role", "unconfined_r");
	CHECK_VAL("subj_domain", "unconfined_t");
	CHECK_VAL("subj_level", "s0-s0");
	CHECK_VAL("subj_category", "c0.c1023");
	/* the 5th part keeps any further colons */
	CHECK(interp("type=USER_ACCT msg=audit(1.000:1): subj=u:r:t:s0:c1:c2:c3") > 0);
	CHECK_VAL("subj_category", "c1:c2:c3");
	/* AppArmor */
	CHECK(interp("type=AVC msg=audit(1.000:1): apparmor=\"DENIED\" subj=unconfined") > 0);
	CHECK_VAL("subj_user", "unconfined");
	CHECK_NOKEY("subj_role");
	CHECK_VAL("apparmor", "DENIED");
	/* derived keys come out where subj was */
	CHECK(interp("type=USER_ACCT msg=audit(1.000:1): pid=1 subj=a:b uid=0") == 4);
	CHECK_MEM(ip.kv[0].key.p, ip.kv[0].key.n, "pid");
	CHECK_MEM(ip.kv[1].key.p, ip.kv[1].key.n, "subj_user");
	CHECK_MEM(ip.kv[2].key.p, ip.kv[2].key.n, "subj_role");
	CHECK_MEM(ip.kv[3].key.p, ip.kv[3].key.n, "uid");
	/* PATH: obj too; obj only on PATH */
	CHECK(interp("type=PATH msg=audit(1.000:1): item=0 name=\"maildrop\" obj=system_u:object_r:"
		     "postfix_spool_maildrop_t:s0") > 0);
	CHECK_VAL("obj_user", "system_u");
	CHECK_VAL("obj_domain", "postfix_spool_maildrop_t");
	CHECK_VAL("obj_level", "s0");
	CHECK_NOKEY("obj");
	CHECK(interp("type=IPC msg=audit(1.000:1): obj=system_u:object_r:x_t:s0") > 0);
	CHECK_VAL("obj", "system_u:object_r:x_t:s0");
}

static void test_result(void)
{
	CHECK(interp("type=SYSCALL msg=audit(1.000:1): arch=c000003e syscall=2 success=no exit=-13 "
		     "exe=\"/bin/x\"") > 0);
	CHECK_VAL("result", "fail");
	CHECK_NOKEY("success");
	CHECK(interp("type=USER_ACCT msg=audit(1.000:1): res=1") > 0);
	CHECK_VAL("result", "success");
	CHECK_NOKEY("res");
	CHECK(interp("type=USER_ACCT msg=audit(1.000:1): res=failed") > 0);
	CHECK_VAL("result", "fail");
	CHECK(interp("type=USER_ACCT msg=audit(1.000:1): res=SUCCESS") > 0);
	CHECK_VAL("result", "success");
	CHECK(interp("type=USER_ACCT msg=audit(1.000:1): res=Yes") > 0);
	CHECK_VAL("result", "success");
	CHECK(interp("type=USER_ACCT msg=audit(1.000:1): res=0") > 0);
	CHECK_VAL("result", "fail");
	/* success wins over res, and then res stays (go-libaudit deletes only the one used) */
	CHECK(interp("type=USER_ACCT msg=audit(1.000:1): success=yes res=0") > 0);
	CHECK_VAL("result", "success");
	CHECK_VAL("res", "0");
	CHECK(interp("type=USER_ACCT msg=audit(1.000:1): pid=1") > 0);
	CHECK_NOKEY("result");
}

static void test_exit(void)
{
	CHECK(interp("type=CONFIG_CHANGE msg=audit(1.000:1): exit=-13") > 0);
	CHECK_VAL("exit", "EACCES");
	CHECK(interp("type=CONFIG_CHANGE msg=audit(1.000:1): exit=-115") > 0);
	CHECK_VAL("exit", "EINPROGRESS");
	CHECK(interp("type=CONFIG_CHANGE msg=audit(1.000:1): exit=-14") > 0);
	CHECK_VAL("exit", "EFAULT");
	CHECK(interp("type=CONFIG_CHANGE msg=audit(1.000:1): exit=464") > 0);
	CHECK_VAL("exit", "464");
	CHECK(interp("type=CONFIG_CHANGE msg=audit(1.000:1): exit=-9999") > 0);
	CHECK_VAL("exit", "-9999");
	CHECK(interp("type=CONFIG_CHANGE msg=audit(1.000:1): exit=-99999999999999999999") > 0);
	CHECK_VAL("exit", "-99999999999999999999");
	CHECK(interp("type=CONFIG_CHANGE msg=audit(1.000:1): exit=abc") > 0);
	CHECK_VAL("exit", "abc");
}

static void test_tags(void)
{
	/* ubuntu17's multi-key record, with its stray quote */
	CHECK(interp("type=SYSCALL msg=audit(1.000:1): arch=c000003e syscall=59 exe=\"/bin/ls\" "
		     "key=65786563013634626974\"") > 0);
	CHECK_INT(ip.ntags, 2);
	if (ip.ntags == 2) {
		CHECK_MEM(ip.tags[0].p, ip.tags[0].n, "exec");
		CHECK_MEM(ip.tags[1].p, ip.tags[1].n, "64bit");
	}
	CHECK_NOKEY("key");
	CHECK(interp("type=CONFIG_CHANGE msg=audit(1.000:1): op=add_rule key=\"key=net\" res=1") > 0);
	CHECK_INT(ip.ntags, 1);
	if (ip.ntags == 1)
		CHECK_MEM(ip.tags[0].p, ip.tags[0].n, "net");
	CHECK(interp("type=CONFIG_CHANGE msg=audit(1.000:1): key=\"kill_signals\"") == 0);
	CHECK_INT(ip.ntags, 1);
	if (ip.ntags == 1)
		CHECK_MEM(ip.tags[0].p, ip.tags[0].n, "kill_signals");
	CHECK(interp("type=CONFIG_CHANGE msg=audit(1.000:1): key=(null) res=1") > 0);
	CHECK_INT(ip.ntags, 0);
	CHECK(ip.tags == NULL);
	/* a quoted key that looks like hex is a string */
	CHECK(interp("type=CONFIG_CHANGE msg=audit(1.000:1): key=\"6162\"") == 0);
	CHECK_INT(ip.ntags, 1);
	if (ip.ntags == 1)
		CHECK_MEM(ip.tags[0].p, ip.tags[0].n, "6162");
}

static void test_cwd(void)
{
	CHECK(interp("type=CWD msg=audit(1.000:1): cwd=2F746D702F6120622063") > 0);
	CHECK_VAL("cwd", "/tmp/a b c");
	CHECK(interp("type=CWD msg=audit(1.000:1):  cwd=\"/var/spool/postfix\"") > 0);
	CHECK_VAL("cwd", "/var/spool/postfix");
	/* quoted and lower-case hex are never decoded */
	CHECK(interp("type=CWD msg=audit(1.000:1): cwd=\"2F746D70\"") > 0);
	CHECK_VAL("cwd", "2F746D70");
	CHECK(interp("type=CWD msg=audit(1.000:1): cwd=2f746d70") > 0);
	CHECK_VAL("cwd", "2f746d70");
}

static void test_seccomp(void)
{
	CHECK(interp("type=SECCOMP msg=audit(1433785727.186:10262): auid=20003 uid=22 gid=22 ses=21 "
		     "pid=11217 comm=\"sshd\" exe=\"/usr/sbin/sshd\" sig=31 arch=40000003 "
		     "syscall=132 compat=0 ip=0xb7670aac code=0x0") > 0);
	CHECK_VAL("sig", "SIGSYS");
	CHECK_VAL("arch", "i386");
	CHECK_VAL("syscall", "getpgid");
	CHECK(ip.error == NULL);
	CHECK(interp("type=SECCOMP msg=audit(1.000:1): sig=0 arch=c000003e syscall=42 exe=\"/x\"") >
	      0);
	CHECK_VAL("sig", "0");
	CHECK_VAL("syscall", "connect");
	CHECK(interp("type=SECCOMP msg=audit(1.000:1): arch=c000003e syscall=42 exe=\"/x\"") > 0);
	CHECK_STR(ip.error, "sig key not found");
	CHECK_VAL("syscall", "connect"); /* the rest is still interpreted */
}

static void test_syscall(void)
{
	CHECK(interp("type=SYSCALL msg=audit(1.000:1): arch=c000003e syscall=313 success=yes exit=0 "
		     "a0=0 ppid=1 auid=4294967295 comm=\"modprobe\" exe=\"/usr/bin/kmod\" "
		     "subj=system_u:system_r:insmod_t:s0 key=(null)") > 0);
	CHECK_VAL("arch", "x86_64");
	CHECK_VAL("syscall", "finit_module");
	CHECK_VAL("result", "success");
	CHECK_VAL("auid", "unset");
	CHECK_VAL("exe", "/usr/bin/kmod");
	CHECK(ip.error == NULL);
	CHECK(interp("type=SYSCALL msg=audit(1.000:1): arch=c000003e syscall=42 exe=\"/x\"") > 0);
	CHECK_VAL("syscall", "connect");
	CHECK(interp("type=SYSCALL msg=audit(1.000:1): arch=c000003e syscall=59 exe=\"/x\"") > 0);
	CHECK_VAL("syscall", "execve");
	CHECK(interp("type=SYSCALL msg=audit(1.000:1): arch=c00000b7 syscall=37 exe=\"/x\"") > 0);
	CHECK_VAL("arch", "aarch64");
	CHECK_VAL("syscall", "linkat");
	CHECK(interp("type=SYSCALL msg=audit(1.000:1): arch=C000003E syscall=0 exe=\"/x\"") > 0);
	CHECK_VAL("syscall", "read");
	/* unknown arch: go-libaudit's unknown[%x]; the syscall stays a number */
	CHECK(interp("type=SYSCALL msg=audit(1.000:1): arch=1234abcd syscall=42 exe=\"/x\"") > 0);
	CHECK_VAL("arch", "unknown[1234abcd]");
	CHECK_VAL("syscall", "42");
	/* unknown syscall number stays */
	CHECK(interp("type=SYSCALL msg=audit(1.000:1): arch=c000003e syscall=99999 exe=\"/x\"") > 0);
	CHECK_VAL("syscall", "99999");
	/* hex exe, as the kernel writes a path with a space */
	CHECK(interp("type=SYSCALL msg=audit(1.000:1): arch=c000003e syscall=42 exe=2F7573722F62696E"
		     "2F707974686F6E322E373B3538643163636662202864656C6574656429") > 0);
	CHECK_VAL("exe", "/usr/bin/python2.7;58d1ccfb (deleted)");
}

static void test_syscall_errors(void)
{
	/* go-libaudit fails the whole record; we keep the data and say why */
	CHECK(interp("type=SYSCALL msg=audit(1.000:1): arch=c000003e syscall=42 pid=7") > 0);
	CHECK_STR(ip.error, "exe key not found");
	CHECK_VAL("syscall", "connect");
	CHECK_VAL("pid", "7");
	CHECK(interp("type=SYSCALL msg=audit(1.000:1): syscall=42 exe=\"/x\"") > 0);
	CHECK_STR(ip.error, "arch key not found");
	CHECK_VAL("syscall", "42");
	CHECK(interp("type=SYSCALL msg=audit(1.000:1): arch=zz syscall=42 exe=\"/x\"") > 0);
	CHECK_STR(ip.error, "failed to parse arch");
	CHECK(interp("type=SYSCALL msg=audit(1.000:1): arch=c000003e syscall=x exe=\"/x\"") > 0);
	CHECK_STR(ip.error, "failed to parse syscall");
	CHECK(interp("type=SYSCALL msg=audit(1.000:1): arch=c000003e exe=\"/x\"") > 0);
	CHECK_STR(ip.error, "syscall key not found");
	/* the first error in go-libaudit's order is the one reported */
	CHECK(interp("type=SYSCALL msg=audit(1.000:1): pid=1") > 0);
	CHECK_STR(ip.error, "arch key not found");
}

static void test_sockaddr_record(void)
{
	CHECK(interp("type=SOCKADDR msg=audit(1481078424.953:688): "
		     "saddr=02000050A9FEA9FE0000000000000000") == 3);
	CHECK_VAL("family", "ipv4");
	CHECK_VAL("addr", "169.254.169.254");
	CHECK_VAL("port", "80");
	CHECK_NOKEY("saddr");
	CHECK(interp("type=SOCKADDR msg=audit(1.000:1): saddr=100000000000000000000000") == 2);
	CHECK_VAL("family", "netlink");
	CHECK_VAL("saddr", "100000000000000000000000");
	CHECK(interp("type=SOCKADDR msg=audit(1.000:1): saddr=0100") == 2);
	CHECK_VAL("family", "unix");
	CHECK_VAL("path", "");
	CHECK(interp("type=SOCKADDR msg=audit(1.000:1): saddr=02") > 0);
	CHECK_STR(ip.error, "failed to parse saddr: invalid family: too short");
	CHECK_VAL("saddr", "02");
	CHECK(interp("type=SOCKADDR msg=audit(1.000:1): pid=1") > 0);
	CHECK_STR(ip.error, "saddr key not found");
	/* enriched tail: not data (go-libaudit would take saddr_fam/laddr/lport from it) */
	CHECK(interp("type=SOCKADDR msg=audit(1.000:1): saddr=02000050A9FEA9FE0000000000000000"
		     "\x1dSADDR={ saddr_fam=inet laddr=169.254.169.254 lport=80 }") == 3);
	CHECK_NOKEY("SADDR");
	CHECK_NOKEY("laddr");
}

static void test_proctitle(void)
{
	CHECK(interp("type=PROCTITLE msg=audit(1.000:1): proctitle=737368643A206275726E205B7072"
		     "69765D") > 0);
	CHECK_VAL("proctitle", "sshd: burn [priv]");
	CHECK(interp("type=PROCTITLE msg=audit(1.000:1): proctitle=6368726F6E7964002D71") > 0);
	CHECK_VAL("proctitle", "chronyd -q");
	CHECK(interp("type=PROCTITLE msg=audit(1.000:1): proctitle=\"bash\"") > 0);
	CHECK_VAL("proctitle", "bash");
	CHECK(ip.error == NULL);
	CHECK(interp("type=PROCTITLE msg=audit(1.000:1): pid=1") > 0);
	CHECK_STR(ip.error, "proctitle key not found");
}

static void test_user_cmd_tty(void)
{
	CHECK(interp("type=USER_CMD msg=audit(1488862769.030:19469538): user pid=3027 uid=497 "
		     "auid=700 ses=11988 msg='cwd=\"/\" cmd=2F7573722F6C696236342F6E6167696F732F70"
		     "6C7567696E732F636865636B5F617374657269736B5F7369705F7065657273202D7020313037"
		     " terminal=? res=success'") > 0);
	CHECK_VAL("cmd", "/usr/lib64/nagios/plugins/check_asterisk_sip_peers -p 107");
	CHECK_VAL("cwd", "/");
	CHECK_VAL("result", "success");
	CHECK_VAL("auid", "700");
	CHECK_VAL("ses", "11988");
	CHECK_NOKEY("terminal");
	CHECK_NOKEY("msg");
	CHECK(ip.error == NULL);
	CHECK(interp("type=USER_TTY msg=audit(1.000:1): pid=1 data=7375202D20616E647265775F6B726F68")
	      > 0);
	CHECK_VAL("data", "su - andrew_kroh");
	CHECK(interp("type=USER_TTY msg=audit(1.000:1): pid=1 data=\"exit\"") > 0);
	CHECK_VAL("data", "exit");
	/* control bytes are kept raw */
	CHECK(interp("type=TTY msg=audit(1.000:1): tty pid=1 data=65687F7F0D") > 0);
	CHECK_VAL("data", "eh\x7f\x7f\r");
	CHECK(interp("type=TTY msg=audit(1.000:1): tty pid=1") > 0);
	CHECK_STR(ip.error, "data key not found");
	CHECK(interp("type=USER_CMD msg=audit(1.000:1): pid=1") > 0);
	CHECK_STR(ip.error, "cmd key not found");
}

static void test_path_login(void)
{
	CHECK(interp("type=PATH msg=audit(1.000:1): item=0 name=2F73686172652F67656E6572616C2F70"
		     "6174685F7265646163746564 inode=1") > 0);
	CHECK_VAL("name", "/share/general/path_redacted");
	CHECK(interp("type=USER_LOGIN msg=audit(1.000:1): pid=1 uid=0 auid=4294967295 "
		     "ses=4294967295 msg='op=login acct=28696E76616C6964207573657229 exe=\"/usr/"
		     "sbin/sshd\" hostname=? addr=1.2.3.4 terminal=ssh res=failed'") > 0);
	CHECK_VAL("acct", "(invalid user)");
	CHECK_VAL("result", "fail");
	CHECK_VAL("addr", "1.2.3.4");
	/* acct is decoded on USER_LOGIN only */
	CHECK(interp("type=USER_AUTH msg=audit(1.000:1): msg='acct=28696E76616C6964207573657229'")
	      > 0);
	CHECK_VAL("acct", "28696E76616C6964207573657229");
}

static void test_execve(void)
{
	CHECK(interp("type=EXECVE msg=audit(1.000:1): argc=4 a0=\"cat\" a1=\"btest=test\" a2=\"-f\" "
		     "a3=\"regex=8\"") == 5);
	CHECK_VAL("argc", "4");
	CHECK_VAL("a0", "cat");
	CHECK_VAL("a1", "btest=test");
	CHECK_VAL("a3", "regex=8");
	CHECK(ip.error == NULL);
	/* quoted numbers are never decoded; unquoted hex is, up to the first NUL */
	CHECK(interp("type=EXECVE msg=audit(1.000:1): argc=4 a0=\"useradd\" a1=\"3005\" "
		     "a2=7B0A7D a3=61620063") > 0);
	CHECK_VAL("a1", "3005");
	CHECK_VAL("a2", "{\n}");
	CHECK_VAL("a3", "ab");
	/* empty, "?" and "(null)" arguments are arguments (go-libaudit drops them, then fails) */
	CHECK(interp("type=EXECVE msg=audit(1.000:1): argc=4 a0=\"/bin/echo\" a1=\"\" a2=\"?\" "
		     "a3=\"(null)\" x=?") == 5);
	CHECK_VAL("a1", "");
	CHECK_VAL("a2", "?");
	CHECK_VAL("a3", "(null)");
	CHECK_NOKEY("x");
	CHECK(ip.error == NULL);
	/* lower-case hex is a string */
	CHECK(interp("type=EXECVE msg=audit(1.000:1): argc=1 a0=deadbeef") > 0);
	CHECK_VAL("a0", "deadbeef");
	/* a gap is an error (go-libaudit: any missing argument) ... */
	CHECK(interp("type=EXECVE msg=audit(1.000:1): argc=3 a0=\"x\" a2=\"z\"") > 0);
	CHECK_STR(ip.error, "failed to find arg a1");
	CHECK_VAL("a2", "z");
	/* ... but the kernel continuing a long argv in the next record is not */
	CHECK(interp("type=EXECVE msg=audit(1.000:1): argc=3 a0=\"x\" a1=\"y\"") > 0);
	CHECK(ip.error == NULL);
	CHECK_VAL("a1", "y");
	CHECK(interp("type=EXECVE msg=audit(1.000:1):  a692=\"692\" a693=363933") > 0);
	CHECK(ip.error == NULL);
	CHECK_VAL("a693", "693");
	CHECK(interp("type=EXECVE msg=audit(1.000:1): foo=1") > 0);
	CHECK_STR(ip.error, "argc key not found");
	CHECK(interp("type=EXECVE msg=audit(1.000:1): argc=-1 a0=\"x\"") > 0);
	CHECK_STR(ip.error, "failed to convert argc to number");
}

static void test_execve_split(void)
{
	/* the kernel's form for an argument longer than its chunk size */
	CHECK(interp("type=EXECVE msg=audit(1.000:1): argc=3 a0=\"echo\" a1_len=20 a1[0]=3031323334 "
		     "a1[1]=3536373839 a2=\"end\"") == 5);
	CHECK_VAL("a1", "0123456789");
	CHECK_VAL("a1_len", "20");
	CHECK_NOKEY("a1[0]");
	CHECK_NOKEY("a1[1]");
	CHECK(ip.error == NULL);
	/* in record order: a1 where a1[0] was */
	CHECK_MEM(ip.kv[2].key.p, ip.kv[2].key.n, "a1_len");
	CHECK_MEM(ip.kv[3].key.p, ip.kv[3].key.n, "a1");
	CHECK_MEM(ip.kv[4].key.p, ip.kv[4].key.n, "a2");
	/* quoted pieces */
	CHECK(interp("type=EXECVE msg=audit(1.000:1): argc=1 a0_len=6 a0[0]=\"abc\" a0[1]=\"def\"")
	      > 0);
	CHECK_VAL("a0", "abcdef");
	/* a piece that decodes to something hex-looking is not decoded twice */
	CHECK(interp("type=EXECVE msg=audit(1.000:1): argc=1 a0_len=8 a0[0]=3431 a0[1]=3432") > 0);
	CHECK_VAL("a0", "4142");
	/* a NUL ends the argument */
	CHECK(interp("type=EXECVE msg=audit(1.000:1): argc=1 a0_len=8 a0[0]=4100 a0[1]=4242") > 0);
	CHECK_VAL("a0", "A");
	/* a later record of a long EXECVE: no argc, pieces decoded where they are */
	CHECK(interp("type=EXECVE msg=audit(1.000:1): a5[3]=4142 a5[4]=4344 a6=\"x\"") > 0);
	CHECK_VAL("a5[3]", "AB");
	CHECK_VAL("a6", "x");
	CHECK(ip.error == NULL);
	/* the first record of such an argument: a1 is not all here, so no a1 */
	CHECK(interp("type=EXECVE msg=audit(1.000:1): argc=4 a0=\"/bin/true\" a1_len=40000 "
		     "a1[0]=4141") > 0);
	CHECK_NOKEY("a1");
	CHECK_VAL("a1[0]", "AA");
	CHECK_VAL("a1_len", "40000");
	CHECK(ip.error == NULL);
	/* a wrong length is not rebuilt either */
	CHECK(interp("type=EXECVE msg=audit(1.000:1): argc=1 a0_len=5 a0[0]=41 a0[1]=42") > 0);
	CHECK_NOKEY("a0");
	CHECK_VAL("a0[1]", "B");
	/* whole arguments beside split ones are decoded once (here to hex-looking text) */
	CHECK(interp("type=EXECVE msg=audit(1.000:1): argc=3 a0=3431 a1_len=4 a1[0]=34 a1[1]=32 "
		     "a2=3433") > 0);
	CHECK_VAL("a0", "41");
	CHECK_VAL("a1", "42");
	CHECK_VAL("a2", "43");
	CHECK(ip.error == NULL);
	CHECK(interp("type=EXECVE msg=audit(1.000:1): a3=3434 a4[1]=3435 a5=3436") > 0);
	CHECK_VAL("a3", "44");
	CHECK_VAL("a4[1]", "45");
	CHECK_VAL("a5", "46");
}

static void test_drop_dup_msg(void)
{
	CHECK(interp("type=CRYPTO_SESSION msg=audit(1.000:1): pid=1 mac= pfs=x a=\"\" b=? c=?, "
		     "d=(null) e='(null)'") > 0);
	CHECK_VAL("pid", "1");
	CHECK_VAL("pfs", "x");
	CHECK_NOKEY("mac");
	CHECK_NOKEY("a");
	CHECK_NOKEY("b");
	CHECK_NOKEY("c");
	CHECK_NOKEY("d");
	CHECK_NOKEY("e");
	/* duplicates: the last value, at the first position */
	CHECK(interp("type=USER_ACCT msg=audit(1.000:1): pid=1 uid=0 pid=2 msg='uid=5 op=x'") == 3);
	CHECK_MEM(ip.kv[0].key.p, ip.kv[0].key.n, "pid");
	CHECK_MEM(ip.kv[0].val.p, ip.kv[0].val.n, "2");
	CHECK_VAL("uid", "5");
	CHECK_VAL("op", "x");
	/* values are not unescaped, only quotes and spaces trimmed */
	CHECK(interp("type=USER_ACCT msg=audit(1.000:1): x=\"grep \\\"test\\\" file\" y='a \"b\" c'")
	      > 0);
	CHECK_VAL("x", "grep \\\"test\\\" file");
	CHECK_VAL("y", "a \"b\" c");
	/* enriched fields are not data */
	CHECK(interp("type=SYSCALL msg=audit(1.000:1): arch=c000003e syscall=42 exe=\"/x\" auid=0"
		     "\x1d" "ARCH=x86_64 SYSCALL=connect AUID=\"root\"") > 0);
	CHECK_NOKEY("ARCH");
	CHECK_NOKEY("AUID");
	CHECK_VAL("auid", "0");
	CHECK_VAL("arch", "x86_64");
}

static void test_pam_avc_login(void)
{
	CHECK(interp("type=USER_START msg=audit(1170021601.344:297): user pid=13015 uid=0 auid=0 "
		     "subj=system_u:system_r:crond_t:s0-s0:c0.c1023 msg='PAM: session open "
		     "acct=root : exe=\"/usr/sbin/crond\" (hostname=?, addr=?, terminal=cron "
		     "res=success)'") > 0);
	CHECK_VAL("terminal", "cron");
	CHECK_VAL("result", "success");
	CHECK_VAL("acct", "root");
	CHECK_NOKEY("hostname");
	CHECK_NOKEY("addr");
	CHECK(interp("type=AVC msg=audit(1170021493.977:293): avc:  denied  { read write } for  "
		     "pid=13010 comm=\"pickup\" name=\"maildrop\" tclass=dir") > 0);
	CHECK_VAL("seresult", "denied");
	CHECK_VAL("seperms", "read,write");
	CHECK_VAL("pid", "13010");
	CHECK(interp("type=AVC msg=audit(1.000:1): avc:  denied  { read } for  pid=1") > 0);
	CHECK_VAL("seperms", "read");
	CHECK(interp("type=LOGIN msg=audit(1170021601.343:296): login pid=13015 uid=0 old "
		     "auid=4294967295 new auid=0 old ses=4294967295 new ses=1172") > 0);
	CHECK_VAL("old_auid", "4294967295");
	CHECK_VAL("new_auid", "0");
	CHECK_VAL("old_ses", "4294967295");
	CHECK_VAL("new_ses", "1172");
}

/* Hand-built fields, no parser: the interpretation only depends on struct ak_rec. */
static void test_hand_built(void)
{
	struct ak_field f[] = {
		{ AK_STR_LIT("arch"), AK_STR_LIT("c000003e"), 0 },
		{ AK_STR_LIT("syscall"), AK_STR_LIT("42"), 0 },
		{ AK_STR_LIT("exit"), AK_STR_LIT("-13"), 0 },
		{ AK_STR_LIT("exe"), AK_STR_LIT("2F62696E2F6C73"), 0 },
		{ AK_STR_LIT("comm"), AK_STR_LIT("2F62696E"), AK_F_DQUOTE },
		{ AK_STR_LIT("UID"), AK_STR_LIT("root"), AK_F_ENRICHED },
	};
	struct ak_rec r;

	memset(&r, 0, sizeof(r));
	r.type = 1300;
	r.fields = f;
	r.nfields = 6;
	CHECK_INT(ak_interp_record(&ip, &r, scratch, sizeof(scratch), 0), 5);
	CHECK_VAL("arch", "x86_64");
	CHECK_VAL("syscall", "connect");
	CHECK_VAL("exit", "EACCES");
	CHECK_VAL("exe", "/bin/ls");
	CHECK_VAL("comm", "2F62696E");
	CHECK_NOKEY("UID");
	/* sorted */
	CHECK_INT(ak_interp_record(&ip, &r, scratch, sizeof(scratch), AK_INTERP_SORTED), 5);
	CHECK_MEM(ip.kv[0].key.p, ip.kv[0].key.n, "arch");
	CHECK_MEM(ip.kv[1].key.p, ip.kv[1].key.n, "comm");
	CHECK_MEM(ip.kv[4].key.p, ip.kv[4].key.n, "syscall");
	/* empty record */
	r.nfields = 0;
	CHECK_INT(ak_interp_record(&ip, &r, scratch, sizeof(scratch), 0), 0);
	CHECK_STR(ip.error, "arch key not found");
}

static void test_scratch_size(void)
{
	const char *line = "type=SOCKADDR msg=audit(1.000:1): saddr=01002F746D702F736F636B";
	int n = ak_rec_parse_line(&rec, line, strlen(line), fields, MAXF);
	size_t need = ak_interp_scratch_size(&rec);
	int r;

	CHECK(n == 1);
	CHECK_INT(ak_interp_record(&ip, &rec, scratch, 16, 0), -ERANGE);
	CHECK_INT(ip.nkv, 0);
	/* ak_interp_scratch_size() always suffices, at any alignment */
	for (size_t off = 0; off < 16; off++) {
		r = ak_interp_record(&ip, &rec, scratch + off, need, 0);
		CHECK_INT(r, 2);
	}
	CHECK_VAL("path", "/tmp/sock");
	/* and less never overflows: either -ERANGE or a correct result */
	for (size_t sz = 0; sz < need; sz += 7) {
		r = ak_interp_record(&ip, &rec, scratch, sz, 0);
		CHECK(r == -ERANGE || r == 2);
	}
}

/*
 * scratch_used: what the interpreter touched, no more than the size bound,
 * and enough: the bytes past it are never written, and a block of that size
 * (plus the 16 bytes the size check keeps for alignment) gives the same
 * result (the coalescer hands over its free tail and keeps only this much).
 */
static void test_scratch_used(void)
{
	static const char *const lines[] = {
		"type=SOCKADDR msg=audit(1.000:1): saddr=01002F746D702F736F636B",
		"type=SYSCALL msg=audit(1.000:2): arch=c000003e syscall=59 success=yes exit=0 a0=1 "
		"items=2 ppid=1 pid=2 auid=4294967295 uid=0 subj=u:r:t:s0 key=6B31016B32 "
		"exe=2F62696E2F7368 comm=\"sh\"",
		"type=EXECVE msg=audit(1.000:3): argc=3 a0=\"ls\" a1=2D6C a2=\"/tmp\"",
		"type=PATH msg=audit(1.000:4): item=0 name=2F746D702F61206220 obj=u:o:t:s0 nametype=NORMAL",
		"type=USER_CMD msg=audit(1.000:5): pid=1 uid=0 msg='cwd=2F726F6F74 cmd=6C73 res=success'",
	};

	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		int n = ak_rec_parse_line(&rec, lines[i], strlen(lines[i]), fields, MAXF);
		size_t need, used;
		int r, r2;

		CHECK(n > 0);
		need = ak_interp_scratch_size(&rec);
		memset(scratch, 0xa5, need + 64);
		r = ak_interp_record(&ip, &rec, scratch, sizeof(scratch), 0);
		used = ip.scratch_used;
		CHECK(r > 0);
		CHECK(used > 0 && used <= need);
		for (size_t b = used; b < need + 64; b++)
			if ((unsigned char)scratch[b] != 0xa5) {
				fprintf(stderr, "  line %zu: byte %zu written past scratch_used %zu\n", i,
					b, used);
				CHECK(0);
				break;
			}
		r2 = ak_interp_record(&ip, &rec, scratch, used + 16, 0);
		CHECK_INT(r2, r);
		CHECK_INT(ip.scratch_used, used);
	}
}

/* Thousands of fields: linear time (a quadratic duplicate check would take seconds). */
static void test_huge_record(void)
{
	static char line[1 << 21];
	size_t n = 0;
	const int nargs = 20000;
	struct timespec t0, t1;
	char want[32];

	n += (size_t)snprintf(line + n, sizeof(line) - n,
			      "type=EXECVE msg=audit(1.000:1): argc=%d", nargs);
	for (int i = 0; i < nargs; i++)
		n += (size_t)snprintf(line + n, sizeof(line) - n, " a%d=%X", i, 0x41424300 | ((i & 0x3f) + 0x30));
	CHECK(ak_rec_parse_line(&rec, line, n, fields, MAXF) == nargs + 1);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int rep = 0; rep < 10; rep++)
		CHECK_INT(ak_interp_record(&ip, &rec, scratch, sizeof(scratch), 0), nargs + 1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;

	if (!getenv("AK_VALGRIND")) /* scripts/valgrind-check.sh: 20-50 times slower */
		CHECK(ms < 1000);
	CHECK(ip.error == NULL);
	snprintf(want, sizeof(want), "ABC%c", (19999 & 0x3f) + 0x30);
	CHECK_VAL("a19999", want);
	CHECK(ak_interp_scratch_size(&rec) < sizeof(scratch));
	/* many duplicates of one key */
	n = (size_t)snprintf(line, sizeof(line), "type=USER_ACCT msg=audit(1.000:1):");
	for (int i = 0; i < nargs; i++)
		n += (size_t)snprintf(line + n, sizeof(line) - n, " k=%d", i);
	CHECK(ak_rec_parse_line(&rec, line, n, fields, MAXF) == nargs);
	CHECK_INT(ak_interp_record(&ip, &rec, scratch, sizeof(scratch), 0), 1);
	CHECK_VAL("k", "19999");
}

/*
 * Mutated records of every interpreted type, each interpreted in a heap block of
 * exactly ak_interp_scratch_size() bytes (so ASan sees any overrun): no crash, no
 * -ERANGE.
 */
static void test_mutations(void)
{
	static const char *seeds[] = {
		"type=SYSCALL msg=audit(1.000:1): arch=c000003e syscall=42 success=no exit=-13 "
		"exe=2F62696E2F6C73 subj=a:b:c:d:e key=65786563013634626974",
		"type=SECCOMP msg=audit(1.000:1): sig=31 arch=40000003 syscall=132 exe=\"/x\"",
		"type=SOCKADDR msg=audit(1.000:1): saddr=0A000050000000002607F8B0400C0C060000000000"
		"00006700000000",
		"type=SOCKADDR msg=audit(1.000:1): saddr=01002F746D702F736F636B00",
		"type=EXECVE msg=audit(1.000:1): argc=3 a0=\"x\" a1_len=4 a1[0]=4142 a1[1]=4344 "
		"a2=7B0A7D",
		"type=PROCTITLE msg=audit(1.000:1): proctitle=6368726F6E7964002D71",
		"type=USER_START msg=audit(1.000:1): pid=1 subj=u:r:t:s0 msg='op=x acct=\"root\" "
		"(hostname=?, addr=?, terminal=cron res=success)'",
		"type=AVC msg=audit(1.000:1): avc:  denied  { read write } for  pid=1 comm=\"x\"",
		"type=PATH msg=audit(1.000:1): item=0 name=2F746D70 obj=a:b:c:s0",
		"type=USER_LOGIN msg=audit(1.000:1): msg='acct=28696E76616C696429 res=failed'",
		"type=TTY msg=audit(1.000:1): data=65687F7F0D",
	};
	static const char alphabet[] = "0123456789ABCDEFaf[]=\"' :?(),_-x\x1d\x01";
	unsigned seed = 42;
	char line[512];
	int bad = 0;

	for (int it = 0; it < 30000; it++) {
		const char *sd = seeds[it % (sizeof(seeds) / sizeof(seeds[0]))];
		size_t n = strlen(sd), hdr = (size_t)(strstr(sd, "): ") - sd) + 3;

		memcpy(line, sd, n);
		for (int k = 0; k < 1 + it % 6; k++) {
			seed = seed * 1103515245u + 12345u;
			size_t at = hdr + (seed >> 8) % (n - hdr);

			seed = seed * 1103515245u + 12345u;
			switch ((seed >> 16) % 3) {
			case 0: /* replace */
				line[at] = alphabet[(seed >> 4) % (sizeof(alphabet) - 1)];
				break;
			case 1: /* cut */
				n = at + 1;
				break;
			default: /* duplicate the tail */
				if (n + (n - at) < sizeof(line)) {
					memmove(line + n, line + at, n - at);
					n += n - at;
				}
			}
		}
		if (ak_rec_parse_line(&rec, line, n, fields, MAXF) < 0)
			continue;
		size_t need = ak_interp_scratch_size(&rec);
		void *mem = malloc(need);
		int r = ak_interp_record(&ip, &rec, mem, need, (unsigned)it & AK_INTERP_SORTED);

		if (r < 0 || (size_t)r != ip.nkv)
			bad++;
		for (size_t i = 0; i < ip.nkv; i++) /* touch every byte */
			for (size_t j = 0; j < ip.kv[i].val.n; j++)
				seed += (unsigned char)ip.kv[i].val.p[j];
		free(mem);
	}
	CHECK_INT(bad, 0);
}

/*
 * A real event (tests/data/real/raw.log, serial 6780): argv[1] is 20000 'A's split
 * over six records (a1_len=40000 hex digits), argv[3] 9000 'b's over three;
 * ak_execve_argv() rebuilds both.
 */
static void test_execve_argv_real(void)
{
	static char lines[16][20000];
	static struct ak_field fl[16][64];
	static struct ak_rec recs[16];
	static struct ak_interp ips[16];
	static char mem[16][40000], buf[1 << 17];
	struct ak_str argv[8];
	size_t n = 0;
	char *l = NULL;
	size_t cap = 0;
	FILE *f = fopen("tests/data/real/raw.log", "r");

	if (!f) {
		SKIP("tests/data/real/raw.log not found (run from the top of the tree)");
		return;
	}
	while (n < 16 && getline(&l, &cap, f) > 0) {
		if (!strstr(l, "msg=audit(1795655952.425:6780)"))
			continue;
		snprintf(lines[n], sizeof(lines[n]), "%s", l);
		CHECK(ak_rec_parse_line(&recs[n], lines[n], strlen(lines[n]), fl[n], 64) >= 0);
		CHECK(ak_interp_scratch_size(&recs[n]) <= sizeof(mem[n]));
		CHECK(ak_interp_record(&ips[n], &recs[n], mem[n], sizeof(mem[n]), 0) >= 0);
		CHECK(ips[n].error == NULL);
		n++;
	}
	free(l);
	fclose(f);
	CHECK_INT(n, 14);
	CHECK_INT(ak_execve_argv(recs, ips, n, argv, 8, buf, sizeof(buf)), 4);
	CHECK_MEM(argv[0].p, argv[0].n, "/bin/true");
	CHECK_INT(argv[1].n, 20000); /* a1_len=40000 hex digits */
	CHECK(argv[1].p && argv[1].p[0] == 'A' && argv[1].p[19999] == 'A');
	CHECK_MEM(argv[2].p, argv[2].n, "short");
	CHECK_INT(argv[3].n, 9000);
	CHECK(argv[3].p && argv[3].p[0] == 'b' && argv[3].p[8999] == 'b');
	/* too little room: -ERANGE, the short arguments still there */
	CHECK_INT(ak_execve_argv(recs, ips, n, argv, 8, buf, 1000), -ERANGE);
	CHECK_MEM(argv[2].p, argv[2].n, "short");
	CHECK(argv[1].p == NULL);
	CHECK_INT(ak_execve_argv(recs, ips, n, argv, 2, buf, sizeof(buf)), -ERANGE);
}

/* Hand-made: a missing piece leaves the argument out; a record without argc counts. */
static void test_execve_argv(void)
{
	static const char *ls[] = {
		"type=EXECVE msg=audit(1.000:1): argc=3 a0=\"x\" a1_len=12 a1[0]=414243",
		"type=EXECVE msg=audit(1.000:1): a1[2]=444546 a2=\"z\"",
		"type=SYSCALL msg=audit(1.000:1): arch=c000003e syscall=59 a0=1 a1=2 exe=\"/x\"",
	};
	static struct ak_field fl[3][16];
	static struct ak_rec recs[3];
	static struct ak_interp ips[3];
	static char mem[3][4096], buf[256];
	struct ak_str argv[4];

	for (int i = 0; i < 3; i++) {
		CHECK(ak_rec_parse_line(&recs[i], ls[i], strlen(ls[i]), fl[i], 16) >= 0);
		CHECK(ak_interp_record(&ips[i], &recs[i], mem[i], sizeof(mem[i]), 0) >= 0);
	}
	CHECK_INT(ak_execve_argv(recs, ips, 3, argv, 4, buf, sizeof(buf)), 3);
	CHECK_MEM(argv[0].p, argv[0].n, "x");
	CHECK(argv[1].p == NULL); /* a1[1] is missing */
	CHECK_MEM(argv[2].p, argv[2].n, "z");
	CHECK(argv[3].p == NULL);
	/* only the continuation: argc is one past the highest argument */
	CHECK_INT(ak_execve_argv(recs + 1, ips + 1, 2, argv, 4, buf, sizeof(buf)), 3);
	CHECK_MEM(argv[2].p, argv[2].n, "z");
}

/* go-libaudit's ExampleParseLogLine (auparse_test.go): the exact data map, sorted. */
static void test_go_example_exact(void)
{
	static const char *want[][2] = {
		{ "a0", "15" }, { "a1", "7ffd83722200" }, { "a2", "6e" }, { "a3", "ea60" },
		{ "arch", "x86_64" }, { "auid", "unset" }, { "comm", "master" }, { "egid", "0" },
		{ "euid", "0" }, { "exe", "/usr/libexec/postfix/master" }, { "exit", "0" },
		{ "fsgid", "0" }, { "fsuid", "0" }, { "gid", "0" }, { "items", "1" },
		{ "pid", "1229" }, { "ppid", "1" }, { "result", "success" }, { "ses", "unset" },
		{ "sgid", "0" }, { "subj_domain", "postfix_master_t" }, { "subj_level", "s0" },
		{ "subj_role", "system_r" }, { "subj_user", "system_u" }, { "suid", "0" },
		{ "syscall", "connect" }, { "tty", "(none)" }, { "uid", "0" },
	};
	const char *line = "type=SYSCALL msg=audit(1490137971.011:50406): arch=c000003e syscall=42 "
			   "success=yes exit=0 a0=15 a1=7ffd83722200 a2=6e a3=ea60 items=1 ppid=1 "
			   "pid=1229 auid=4294967295 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 "
			   "fsgid=0 tty=(none) ses=4294967295 comm=\"master\" "
			   "exe=\"/usr/libexec/postfix/master\" "
			   "subj=system_u:system_r:postfix_master_t:s0 key=(null)";
	size_t nw = sizeof(want) / sizeof(want[0]);

	CHECK(ak_rec_parse_line(&rec, line, strlen(line), fields, MAXF) > 0);
	CHECK_INT(ak_interp_record(&ip, &rec, scratch, sizeof(scratch), AK_INTERP_SORTED), nw);
	for (size_t i = 0; i < nw && i < ip.nkv; i++) {
		CHECK_MEM(ip.kv[i].key.p, ip.kv[i].key.n, want[i][0]);
		CHECK_MEM(ip.kv[i].val.p, ip.kv[i].val.n, want[i][1]);
	}
	CHECK_INT(ip.ntags, 0);
	CHECK(ip.error == NULL);
}

/* ak_interp.kv_plain of @key: 1/0, -1 if absent. */
static int kvplain(const char *key)
{
	for (size_t i = 0; i < ip.nkv; i++)
		if (ip.kv[i].key.n == strlen(key) && !memcmp(ip.kv[i].key.p, key, ip.kv[i].key.n))
			return ip.kv_plain ? ip.kv_plain[i] != 0 : 0;
	return -1;
}

static void test_kv_plain(void)
{
	/* parser-plain values stay plain; table names are plain; decoded bytes are not
	 * (even when they happen to be clean: they were not checked) */
	CHECK(interp("type=SYSCALL msg=audit(1.000:1): arch=c000003e syscall=2 success=no "
		     "exit=-2 auid=4294967295 uid=0 comm=\"ls\" exe=2F62696E2F6C73 "
		     "subj=u:r:t:s0 key=\"k\"") > 0);
	CHECK_VAL("arch", "x86_64");
	CHECK_INT(kvplain("arch"), 1);
	CHECK_VAL("syscall", "open");
	CHECK_INT(kvplain("syscall"), 1);
	CHECK_VAL("exit", "ENOENT");
	CHECK_INT(kvplain("exit"), 1);
	CHECK_VAL("auid", "unset");
	CHECK_INT(kvplain("auid"), 1);
	CHECK_INT(kvplain("uid"), 1);
	CHECK_INT(kvplain("comm"), 1);
	CHECK_VAL("exe", "/bin/ls");
	CHECK_INT(kvplain("exe"), 0);
	CHECK_VAL("subj_user", "u");
	CHECK_INT(kvplain("subj_user"), 1); /* a slice of a plain value */
	CHECK_VAL("result", "fail");
	CHECK_INT(kvplain("result"), 1);
	/* sockaddr: our text of its numbers is plain, a unix path is not claimed */
	CHECK(interp("type=SOCKADDR msg=audit(1.000:1): saddr=02000050C0A80001") > 0);
	CHECK_VAL("addr", "192.168.0.1");
	CHECK_INT(kvplain("addr"), 1);
	CHECK_INT(kvplain("port"), 1);
	CHECK_INT(kvplain("family"), 1);
	CHECK(interp("type=SOCKADDR msg=audit(1.000:1): saddr=01002F746D702F78") > 0);
	CHECK_VAL("path", "/tmp/x");
	CHECK_INT(kvplain("path"), 0);
	/* a line with a byte to escape: nothing is plain but the table names */
	CHECK(interp("type=SYSCALL msg=audit(1.000:1): arch=c000003e syscall=2 uid=0 "
		     "comm=\"a\\b\" exe=\"/x\"") > 0);
	CHECK_INT(kvplain("uid"), 0);
	CHECK_INT(kvplain("comm"), 0);
	CHECK_INT(kvplain("syscall"), 1);
	CHECK(interp("type=SYSCALL msg=audit(1.000:1): arch=c000003e syscall=2 success=yes "
		     "subj=u:r:t\\:s0 exe=\"/x\"") > 0);
	CHECK_INT(kvplain("subj_user"), 0);
	CHECK_INT(kvplain("result"), 1);
	/* a duplicate key takes the later value's plainness */
	CHECK(interp("type=USER_CMD msg=audit(1.000:1): pid=1 a='x\"y' cmd=6C73 a=2") > 0);
	CHECK_VAL("a", "2");
	CHECK_INT(kvplain("a"), 1);
	CHECK_INT(kvplain("cmd"), 0);
	CHECK(interp("type=USER_CMD msg=audit(1.000:1): pid=1 a=2 a='x\"y'") > 0);
	CHECK_VAL("a", "x\"y");
	CHECK_INT(kvplain("a"), 0);
	/* sorted output: no per-pair flags */
	CHECK(ak_interp_record(&ip, &rec, scratch, sizeof(scratch), AK_INTERP_SORTED) > 0);
	CHECK(ip.kv_plain == NULL);
}

/* CPU seconds to interpret and format @line as JSON (into @out, @cap bytes). */
static double fmt_cpu(const char *line, size_t n, char *out, size_t cap, size_t *nfields)
{
	struct ak_fmt_opts o = { .scratch = scratch, .scratch_cap = sizeof(scratch) };
	struct timespec t0, t1;
	struct ak_json w;

	*nfields = (size_t)ak_rec_parse_line(&rec, line, n, fields, MAXF);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
	nkv = ak_interp_record(&ip, &rec, scratch, sizeof(scratch), 0);
	ak_json_init(&w, out, cap);
	CHECK_INT(ak_fmt_record_json(&w, &rec, &o), 0);
	CHECK(ak_json_finish(&w) > 0);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
	return (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
}

/*
 * Names that differ only in their middle bytes once all hashed alike (the
 * hash read a name's first and last 8 bytes): 25,000 of them took seconds,
 * quadratic in the tables of interpretation and of duplicate keys.  Now they
 * cost what as many names differing in their first bytes cost.
 */
static void test_colliding_keys(void)
{
	static char line[1 << 21], out[1 << 23];
	const int nk = 25000;
	double t[2];
	size_t n, nf;

	for (int shape = 0; shape < 2; shape++) {
		n = (size_t)snprintf(line, sizeof(line), "type=USER_ACCT msg=audit(1.000:1): a=1 \x1d");
		for (int i = 0; i < nk; i++)
			n += (size_t)snprintf(line + n, sizeof(line) - n,
					      shape ? " k%05dkkkkkkkkkkkkkkkk=%d" : " kkkkkkkk%05dkkkkkkkk=%d",
					      i, i);
		/* the same names as data fields: a copy without the separator */
		memcpy(line + n, line, n);
		line[n + (size_t)(strchr(line, 0x1d) - line)] = ' ';
		t[shape] = fmt_cpu(line + n, n, out, sizeof(out), &nf);
		CHECK_INT(nf, 1 + nk);
		CHECK_INT(nkv, 1 + nk);
		CHECK_VAL(shape ? "k24999kkkkkkkkkkkkkkkk" : "kkkkkkkk24999kkkkkkkk", "24999");
		t[shape] += fmt_cpu(line, n, out, sizeof(out), &nf);
		CHECK_INT(nf, 1 + nk);
		CHECK_INT(nkv, 1);
	}
	fprintf(stderr, "  # middle-differing names %.3f s, first-differing %.3f s\n", t[0], t[1]);
	CHECK(t[0] < 10 * t[1] + 0.05);
}

/*
 * The keys the rules use are found by the top byte of their hash (interp.c's
 * kbyhash[]): each must come out as itself, and names that share a byte with
 * one, or differ from one in a byte, as no key.  On a failure the table to
 * paste is printed (the hash changed).
 */
static void test_classify(void)
{
	static const char *const names[K_N] = {
		[K_AUID] = "auid", [K_OLD_AUID] = "old-auid", [K_SES] = "ses", [K_SUBJ] = "subj",
		[K_SUCCESS] = "success", [K_RES] = "res", [K_EXIT] = "exit", [K_KEY] = "key",
		[K_CWD] = "cwd", [K_SIG] = "sig", [K_ARCH] = "arch", [K_SYSCALL] = "syscall",
		[K_EXE] = "exe", [K_SADDR] = "saddr", [K_PROCTITLE] = "proctitle", [K_CMD] = "cmd",
		[K_DATA] = "data", [K_ARGC] = "argc", [K_OBJ] = "obj", [K_NAME] = "name",
		[K_ACCT] = "acct", [K_SEPERMS] = "seperms",
	};
	static const char *const others[] = {
		"", "a", "au", "aui", "auidx", "Auid", "auiD", "ses ", "succes", "successs",
		"old_auid", "proctitlE", "uid", "gid", "euid", "suid", "fsuid", "comm", "pid", "ppid",
		"items", "a0", "a1", "tty", "nametype", "inode", "dev", "mode", "ouid", "ogid",
		"rdev", "cap_fp", "op", "ver", "format", "kernel", "hostname", "addr", "terminal",
		"subj_user", "result", "family", "a_very_long_key_name_over_16",
	};
	int bad = 0;

	for (int k = 0; k < K_N; k++) {
		CHECK_INT(ak__ip_classify(names[k], strlen(names[k])), k);
		bad |= ak__ip_classify(names[k], strlen(names[k])) != k;
		/* every one-byte change of a key is another key */
		for (size_t i = 0; i < strlen(names[k]); i++) {
			char t[16];

			memcpy(t, names[k], strlen(names[k]));
			t[i] ^= 0x20;
			CHECK_INT(ak__ip_classify(t, strlen(names[k])), -1);
		}
	}
	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++)
		CHECK_INT(ak__ip_classify(others[i], strlen(others[i])), -1);
	/* many names, about one in twelve on a key's hash byte: none is a key */
	for (unsigned i = 0; i < 100000; i++) {
		char t[16];
		size_t n = (size_t)snprintf(t, sizeof(t), i & 1 ? "k%u" : "%ux", i >> 1);

		if (ak__ip_classify(t, n) != -1) {
			CHECK_INT(ak__ip_classify(t, n), -1);
			break;
		}
	}
	if (bad)
		for (int k = 0; k < K_N; k++)
			fprintf(stderr, "  # [0x%02x] = K_... + 1 /* %s */\n",
				ak__key_hash(names[k], strlen(names[k])) >> 24, names[k]);
}

/*
 * Number parsing as Go's strconv.ParseInt (arch base 16, syscall and exit
 * base 10): signs, leading zeros past the no-overflow length, the limits.
 */
static void test_parse_numbers(void)
{
	CHECK(interp("type=SYSCALL msg=audit(1.000:1): arch=C000003E syscall=+2 "
		     "exit=-0000000000000000013 exe=\"/x\"") > 0);
	CHECK_VAL("arch", "x86_64");
	CHECK_VAL("syscall", "open");
	CHECK_VAL("exit", "EACCES");
	CHECK(ip.error == NULL);
	CHECK(interp("type=SYSCALL msg=audit(1.000:1): arch=0000000000000000c000003e syscall=2 "
		     "exit=-9223372036854775808 exe=\"/x\"") > 0);
	CHECK_VAL("arch", "x86_64");
	CHECK_VAL("exit", "-9223372036854775808");
	CHECK(interp("type=SYSCALL msg=audit(1.000:1): arch=7fffffffffffffff syscall=2 "
		     "exit=-9223372036854775809 exe=\"/x\"") > 0);
	CHECK_VAL("arch", "unknown[ffffffff]");
	CHECK_VAL("exit", "-9223372036854775809");
	CHECK(interp("type=SYSCALL msg=audit(1.000:1): arch=8000000000000000 syscall=2 exe=\"/x\"") > 0);
	CHECK_VAL("arch", "8000000000000000");
	CHECK_STR(ip.error, "failed to parse arch");
	CHECK(interp("type=SYSCALL msg=audit(1.000:1): arch=c000003g syscall=2 exe=\"/x\"") > 0);
	CHECK_STR(ip.error, "failed to parse arch");
	CHECK(interp("type=SYSCALL msg=audit(1.000:1): arch=c000003e syscall=9223372036854775808 "
		     "exe=\"/x\"") > 0);
	CHECK_STR(ip.error, "failed to parse syscall");
	CHECK(interp("type=SYSCALL msg=audit(1.000:1): arch=c000003e syscall=2x exit=-13x "
		     "exe=\"/x\"") > 0);
	CHECK_STR(ip.error, "failed to parse syscall");
	CHECK_VAL("exit", "-13x");
}

/* ak_hex_is_upper at every length around its 16-byte blocks, a bad byte at every place. */
static void test_hex_is_upper(void)
{
	static const char bad[] = "/:@Ga`g\x80 ";
	char s[80] = { 0 };

	for (size_t n = 0; n < sizeof(s); n++) {
		for (size_t i = 0; i < n; i++)
			s[i] = "0123456789ABCDEF"[(i * 7) % 16];
		CHECK_INT(ak_hex_is_upper(s, n), n && !(n & 1));
		for (size_t i = 0; i < n; i++) {
			char o = s[i];

			for (const char *b = bad; *b; b++) {
				s[i] = *b;
				CHECK_INT(ak_hex_is_upper(s, n), 0);
			}
			s[i] = o;
		}
	}
}

static const struct ak_test tests[] = {
	TEST(test_classify), TEST(test_parse_numbers), TEST(test_hex_is_upper),
	TEST(test_go_example_exact),
	TEST(test_execve_argv_real), TEST(test_execve_argv),
	TEST(test_mutations),
	TEST(test_unset_ids),    TEST(test_context_split),  TEST(test_result),
	TEST(test_exit),         TEST(test_tags),           TEST(test_cwd),
	TEST(test_seccomp),      TEST(test_syscall),        TEST(test_syscall_errors),
	TEST(test_sockaddr_record), TEST(test_proctitle),   TEST(test_user_cmd_tty),
	TEST(test_path_login),   TEST(test_execve),         TEST(test_execve_split),
	TEST(test_drop_dup_msg), TEST(test_pam_avc_login),  TEST(test_hand_built),
	TEST(test_scratch_size), TEST(test_scratch_used), TEST(test_huge_record),
	TEST(test_kv_plain),     TEST(test_colliding_keys),
};

AK_TEST_MAIN(tests)
