// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * <auditkit/values.h>: every reading kind, with the spellings ausearch -i
 * (auditd 3.0.9) prints (tests/tools/test-values.sh checks the same against
 * the real ausearch), and the edges: zero, unknown numbers, unnamed bits,
 * 64-bit values, non-numbers, small buffers, enriched fields.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <auditkit.h>

#include "../harness.h"

#define X86_64 0xc000003eu
#define I386 0x40000003u
#define AARCH64 0xc00000b7u

/* The reading of @key in the record @line (parsed fresh), with the record's
 * own arch/syscall; "" plus *@ret for no reading. */
static const char *rd(const char *line, const char *key, int *ret)
{
	static struct ak_field fields[128];
	static struct ak_rec rec;
	static char buf[1024];
	uint32_t arch;
	int sc, n;
	const struct ak_field *f;

	n = ak_rec_parse_line(&rec, line, strlen(line), fields, 128);
	if (n < 0) {
		*ret = -999;
		return "(parse error)";
	}
	ak_value_context(&rec, &arch, &sc);
	f = ak_rec_field(&rec, key);
	if (!f) {
		*ret = -998;
		return "(no field)";
	}
	*ret = ak_value_interpret(&rec, f, arch, sc, buf, sizeof(buf));
	if (*ret < 0)
		return "";
	CHECK_INT((int)strlen(buf), *ret);
	return buf;
}

static char line[2048];

static const char *sys(uint32_t arch, int nr, const char *a0, const char *a1, const char *a2,
		       const char *a3)
{
	snprintf(line, sizeof(line),
		 "type=SYSCALL msg=audit(1700000000.000:1): arch=%x syscall=%d success=yes "
		 "exit=0 a0=%s a1=%s a2=%s a3=%s items=0 ppid=1 pid=2 auid=0 uid=0 comm=\"x\" "
		 "exe=\"/x\" key=(null)",
		 arch, nr, a0, a1, a2, a3);
	return line;
}

static const char *mk(const char *type, const char *body)
{
	snprintf(line, sizeof(line), "type=%s msg=audit(1700000000.000:1): %s", type, body);
	return line;
}

#define READ(l, key, want)                                                            \
	do {                                                                          \
		int r_;                                                               \
		const char *got_ = rd(l, key, &r_);                                   \
		CHECK(r_ >= 0);                                                       \
		CHECK_STR(got_, want);                                                \
	} while (0)
#define NOREAD(l, key, err)                                                           \
	do {                                                                          \
		int r_;                                                               \
		rd(l, key, &r_);                                                      \
		CHECK_INT(r_, err);                                                   \
	} while (0)
#define PATHM(m) mk("PATH", "item=0 name=\"/x\" inode=1 dev=00:00 mode=" m " ouid=0 ogid=0")

static void test_mode(void)
{
	READ(PATHM("0100644"), "mode", "file,644");
	READ(PATHM("040755"), "mode", "dir,755");
	READ(PATHM("0104755"), "mode", "file,suid,755");
	READ(PATHM("041777"), "mode", "dir,sticky,777");
	READ(PATHM("0107777"), "mode", "file,suid,sgid,sticky,777");
	READ(PATHM("0120777"), "mode", "link,777");
	READ(PATHM("0140755"), "mode", "socket,755");
	READ(PATHM("060660"), "mode", "block,660");
	READ(PATHM("020620"), "mode", "character,620");
	READ(PATHM("010644"), "mode", "fifo,644");
	READ(PATHM("0"), "mode", "000,000");            /* no type: its octal digits */
	READ(PATHM("0170644"), "mode", "017,644");
	READ(PATHM("037777777777"), "mode", "017,suid,sgid,sticky,777");
	NOREAD(PATHM("abc"), "mode", -EINVAL);          /* ausearch: 000,000 */
	NOREAD(PATHM("0109"), "mode", -EINVAL);         /* not octal */
	NOREAD(PATHM("\"\""), "mode", -EINVAL);
	NOREAD(PATHM("1777777777777777777777777"), "mode", -EINVAL); /* > 64 bits */
	/* MQ_OPEN's mode is the short form */
	READ(mk("MQ_OPEN", "oflag=0x80c2 mode=04755 attr_flags=0x0"), "mode", "suid,0755");
	READ(mk("MQ_OPEN", "oflag=0x0 mode=00 attr_flags=0x0"), "mode", "0000");
	READ(mk("MQ_OPEN", "oflag=0x80c2 mode=04755 attr_flags=0x0"), "oflag",
	     "O_RDWR|O_CREAT|O_EXCL");
}

static void test_perm(void)
{
	const char *c = "auid=0 ses=1 op=add_rule key=(null) list=4 res=1 perm=";

	READ(mk("CONFIG_CHANGE", "auid=0 op=add_rule list=4 res=1 perm=0"), "perm",
	     "read,write,exec,attr");
	READ(mk("CONFIG_CHANGE", "auid=0 op=add_rule list=4 res=1 perm=6"), "perm", "read,write");
	READ(mk("CONFIG_CHANGE", "auid=0 op=add_rule list=4 res=1 perm=1"), "perm", "exec");
	READ(mk("CONFIG_CHANGE", "auid=0 op=add_rule list=4 res=1 perm=26"), "perm", "write,attr");
	NOREAD(mk("CONFIG_CHANGE", "auid=0 op=add_rule list=4 res=1 perm=16"), "perm", -ENOENT);
	NOREAD(mk("CONFIG_CHANGE", "auid=0 op=add_rule list=4 res=1 perm=rw"), "perm", -EINVAL);
	READ(mk("CONFIG_CHANGE", "auid=0 op=remove_rule list=4 res=1 perm_mask=12"), "perm_mask",
	     "read,attr");
	(void)c;
}

static void test_caps(void)
{
	const char *all = "chown,dac_override,dac_read_search,fowner,fsetid,kill,setgid,setuid,"
			  "setpcap,linux_immutable,net_bind_service,net_broadcast,net_admin,"
			  "net_raw,ipc_lock,ipc_owner,sys_module,sys_rawio,sys_chroot,"
			  "sys_ptrace,sys_pacct,sys_admin,sys_boot,sys_nice,sys_resource,"
			  "sys_time,sys_tty_config,mknod,lease,audit_write,audit_control,"
			  "setfcap,mac_override,mac_admin,syslog,wake_alarm,block_suspend,"
			  "audit_read,perfmon,bpf,checkpoint_restore";
	const char *b = "fver=2 fp=3000 fi=0 fe=1 old_pp=ffffffffffffffff old_pi=0 old_pe=0 "
			"old_pa=0 pp=000001fffeffffff pi=0 pe=zz pa=10000000000000000";

	READ(mk("BPRM_FCAPS", b), "fp", "net_admin,net_raw");
	READ(mk("BPRM_FCAPS", b), "fi", "none");
	NOREAD(mk("BPRM_FCAPS", b), "fe", -ENOENT); /* a flag, not a set */
	READ(mk("BPRM_FCAPS", b), "old_pp", all);   /* bits past CAP_LAST_CAP: dropped */
	NOREAD(mk("BPRM_FCAPS", b), "pe", -EINVAL);
	NOREAD(mk("BPRM_FCAPS", b), "pa", -EINVAL);
	READ(mk("PATH", "item=0 name=\"/x\" cap_fp=0000000000200000 cap_fi=0 cap_fe=1 cap_fver=2"),
	     "cap_fp", "sys_admin");
	NOREAD(mk("PATH", "item=0 name=\"/x\" cap_fe=1 cap_fver=2"), "cap_fver", -ENOENT);
	READ(mk("CAPSET", "pid=1 cap_pi=0 cap_pp=20 cap_pe=0x20 cap_pa=0"), "cap_pe", "kill");
	READ(mk("CAPSET", "pid=1 capability=12"), "capability", "net_admin");
	READ(mk("CAPSET", "pid=1 capability=99"), "capability", "unknown-capability(99)");
	/* a key fingerprint in CRYPTO_KEY_USER */
	NOREAD(mk("CRYPTO_KEY_USER", "pid=1 fp=SHA256:abcd"), "fp", -ENOENT);
}

static void test_fields(void)
{
	const char *ab = "auid=0 uid=0 gid=0 ses=1 pid=1 comm=\"x\" exe=\"/x\" sig=";
	char b[256];

	snprintf(b, sizeof(b), "%s11 res=1", ab);
	READ(mk("ANOM_ABEND", b), "sig", "SIGSEGV");
	snprintf(b, sizeof(b), "%s0 res=1", ab);
	READ(mk("ANOM_ABEND", b), "sig", "SIG0");
	snprintf(b, sizeof(b), "%s40 res=1", ab);
	READ(mk("ANOM_ABEND", b), "sig", "unknown-signal(40)");
	snprintf(b, sizeof(b), "%s-1 res=1", ab);
	READ(mk("ANOM_ABEND", b), "sig", "unknown-signal(-1)");
	snprintf(b, sizeof(b), "%sKILL res=1", ab);
	NOREAD(mk("ANOM_ABEND", b), "sig", -EINVAL);
	READ(mk("MQ_NOTIFY", "mqdes=3 sigev_signo=10"), "sigev_signo", "SIGUSR1");
	READ(mk("NETFILTER_CFG", "table=filter family=2 entries=4"), "family", "ipv4");
	READ(mk("NETFILTER_CFG", "table=filter family=99 entries=4"), "family",
	     "unknown-netfilter-protocol(99)");
	READ(mk("NETFILTER_PKT", "saddr=1.2.3.4 proto=6 icmptype=8"), "proto", "tcp");
	READ(mk("NETFILTER_PKT", "saddr=1.2.3.4 proto=254 icmptype=8"), "proto",
	     "undefined protocol");
	READ(mk("NETFILTER_PKT", "saddr=1.2.3.4 proto=1 icmptype=8"), "icmptype", "echo");
	READ(mk("NETFILTER_PKT", "saddr=1.2.3.4 proto=1 icmptype=99"), "icmptype",
	     "unknown-icmp-type(99)");
	READ(mk("SECCOMP", "pid=1 sig=0 arch=c000003e syscall=1 code=0x50001"), "code", "errno");
	READ(mk("SECCOMP", "pid=1 sig=0 arch=c000003e syscall=1 code=0x7fff0000"), "code", "allow");
	READ(mk("SECCOMP", "pid=1 sig=0 arch=c000003e syscall=1 code=0x80000000"), "code", "kill");
	READ(mk("SECCOMP", "pid=1 sig=0 arch=c000003e syscall=1 code=0x12340000"), "code",
	     "unknown-seccomp-code(0x12340000)");
	READ(mk("CONFIG_CHANGE", "auid=0 op=add_rule list=4 res=1"), "list", "exit");
	READ(mk("CONFIG_CHANGE", "auid=0 op=add_rule list=9 res=1"), "list", "unknown-list(9)");
	READ(mk("ANOM_PROMISCUOUS", "dev=eth0 prom=256 old_prom=0"), "prom", "yes");
	READ(mk("ANOM_PROMISCUOUS", "dev=eth0 prom=256 old_prom=0"), "old_prom", "no");
	READ(mk("MMAP", "fd=3 flags=0x22"), "flags", "MAP_PRIVATE|MAP_ANONYMOUS");
	READ(mk("MMAP", "fd=3 flags=0x80000000"), "flags", "MAP_FILE"); /* unnamed: dropped */
	NOREAD(mk("PATH", "item=0 name=\"/x\" flags=0x22"), "flags", -ENOENT);
	/* no reading for other keys, nor for EXECVE's aN, nor for enriched fields */
	NOREAD(mk("PATH", "item=0 name=\"/x\" inode=5"), "inode", -ENOENT);
	NOREAD(mk("EXECVE", "argc=2 a0=\"kill\" a1=9"), "a1", -ENOENT);
}

static void test_open(void)
{
	READ(sys(X86_64, 257, "ffffff9c", "7ffd", "80241", "1a4"), "a0", "AT_FDCWD");
	READ(sys(X86_64, 257, "ffffffffffffff9c", "7ffd", "0", "0"), "a0", "AT_FDCWD");
	NOREAD(sys(X86_64, 257, "3", "7ffd", "0", "0"), "a0", -ENOENT); /* a plain fd */
	NOREAD(sys(X86_64, 257, "3", "7ffd", "0", "0"), "a1", -ENOENT); /* a pointer */
	READ(sys(X86_64, 257, "3", "7ffd", "80241", "1a4"), "a2",
	     "O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC");
	READ(sys(X86_64, 257, "3", "7ffd", "0", "0"), "a2", "O_RDONLY");
	READ(sys(X86_64, 257, "3", "7ffd", "3", "0"), "a2", "O_WRONLY|O_RDWR");
	/* unnamed bits (O_LARGEFILE 0x8000, 0x10000000) are left out; 64 bits truncated */
	READ(sys(X86_64, 257, "3", "7ffd", "10688000", "0"), "a2",
	     "O_RDONLY|O_CLOEXEC|O_PATH|__O_TMPFILE");
	READ(sys(X86_64, 257, "3", "7ffd", "fffffffffff80241", "0"), "a2",
	     "O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC|__O_SYNC|O_PATH|__O_TMPFILE");
	NOREAD(sys(X86_64, 257, "3", "7ffd", "0", "1a4"), "a3", -ENOENT);
	NOREAD(sys(X86_64, 257, "3", "7ffd", "xyz", "0"), "a2", -EINVAL);
	/* open: mode only with O_CREAT */
	READ(sys(X86_64, 2, "7ffd", "241", "9ed", "0"), "a1", "O_WRONLY|O_CREAT|O_TRUNC");
	READ(sys(X86_64, 2, "7ffd", "241", "9ed", "0"), "a2", "suid,0755");
	READ(sys(X86_64, 2, "7ffd", "41", "fff", "0"), "a2", "suid,sgid,sticky,0777");
	NOREAD(sys(X86_64, 2, "7ffd", "2", "1a4", "0"), "a2", -ENOENT);
	READ(sys(I386, 5, "7ffd", "8241", "1a4", "0"), "a2", "0644");
	READ(sys(AARCH64, 56, "ffffff9c", "7ffd", "241", "1a4"), "a2", "O_WRONLY|O_CREAT|O_TRUNC");
	READ(sys(X86_64, 437, "ffffff9c", "7ffd", "7", "18"), "a0", "AT_FDCWD"); /* openat2 */
	NOREAD(sys(X86_64, 437, "ffffff9c", "7ffd", "7", "18"), "a2", -ENOENT);
}

static void test_modes_args(void)
{
	READ(sys(X86_64, 90, "7ffd", "1ed", "0", "0"), "a1", "0755");        /* chmod */
	READ(sys(X86_64, 91, "3", "9ed", "0", "0"), "a1", "suid,0755");      /* fchmod */
	READ(sys(X86_64, 268, "ffffff9c", "7ffd", "1a4", "100"), "a2", "0644"); /* fchmodat */
	NOREAD(sys(X86_64, 268, "ffffff9c", "7ffd", "1a4", "100"), "a3", -ENOENT);
	READ(sys(X86_64, 83, "7ffd", "3ff", "0", "0"), "a1", "sticky,0777"); /* mkdir */
	READ(sys(X86_64, 258, "ffffff9c", "7ffd", "1ed", "0"), "a2", "0755"); /* mkdirat */
	READ(sys(X86_64, 133, "7ffd", "21a4", "0", "0"), "a1", "character,644"); /* mknod */
	READ(sys(X86_64, 259, "ffffff9c", "7ffd", "21a4", "0"), "a2", "0644"); /* mknodat */
	READ(sys(X86_64, 85, "7ffd", "1a4", "0", "0"), "a1", "0644");        /* creat */
	READ(sys(X86_64, 21, "7ffd", "0", "0", "0"), "a1", "F_OK");          /* access */
	READ(sys(X86_64, 21, "7ffd", "7", "0", "0"), "a1", "X_OK|W_OK|R_OK");
	READ(sys(X86_64, 21, "7ffd", "14", "0", "0"), "a1", "R_OK");
	NOREAD(sys(X86_64, 21, "7ffd", "8", "0", "0"), "a1", -ENOENT);
	READ(sys(X86_64, 439, "ffffff9c", "7ffd", "2", "200"), "a2", "W_OK"); /* faccessat2 */
}

static void test_socket(void)
{
	READ(sys(X86_64, 41, "2", "80801", "6", "0"), "a0", "inet");
	READ(sys(X86_64, 41, "2", "80801", "6", "0"), "a1", "SOCK_STREAM");
	READ(sys(X86_64, 41, "2", "80801", "6", "0"), "a2", "tcp");
	READ(sys(X86_64, 41, "a", "2", "0", "0"), "a0", "inet6");
	READ(sys(X86_64, 41, "a", "2", "0", "0"), "a2", "ip");
	READ(sys(X86_64, 41, "1", "5", "0", "0"), "a0", "local");
	READ(sys(X86_64, 41, "10", "3", "0", "0"), "a0", "netlink");
	READ(sys(X86_64, 41, "63", "63", "fe", "0"), "a0", "unknown-family(0x63)");
	READ(sys(X86_64, 41, "63", "63", "fe", "0"), "a1", "unknown-type(63)");
	READ(sys(X86_64, 41, "63", "63", "fe", "0"), "a2", "unknown-proto(fe)");
	READ(sys(AARCH64, 198, "2", "2", "11", "0"), "a2", "udp");
	NOREAD(sys(X86_64, 42, "3", "7ffd", "10", "0"), "a1", -ENOENT); /* connect: pointer */
}

static void test_signals_args(void)
{
	READ(sys(X86_64, 62, "5", "9", "0", "0"), "a1", "SIGKILL");           /* kill */
	READ(sys(X86_64, 62, "5", "0", "0", "0"), "a1", "SIG0");
	READ(sys(X86_64, 62, "5", "40", "0", "0"), "a1", "unknown-signal(0x40)");
	NOREAD(sys(X86_64, 62, "5", "9", "0", "0"), "a0", -ENOENT);
	READ(sys(X86_64, 200, "5", "f", "0", "0"), "a1", "SIGTERM");          /* tkill */
	READ(sys(X86_64, 234, "1", "2", "12", "0"), "a2", "SIGCONT");         /* tgkill */
	READ(sys(X86_64, 13, "2", "7ffd", "0", "8"), "a0", "SIGINT");        /* rt_sigaction */
}

static void test_mm(void)
{
	READ(sys(X86_64, 9, "0", "1000", "3", "22"), "a2", "PROT_READ|PROT_WRITE");
	READ(sys(X86_64, 9, "0", "1000", "3", "22"), "a3", "MAP_PRIVATE|MAP_ANONYMOUS");
	READ(sys(X86_64, 9, "0", "1000", "0", "0"), "a2", "PROT_NONE");
	READ(sys(X86_64, 9, "0", "1000", "0", "0"), "a3", "MAP_FILE");
	READ(sys(X86_64, 9, "0", "1000", "8", "0"), "a2", "PROT_NONE");
	READ(sys(X86_64, 9, "0", "1000", "d", "812"), "a2", "PROT_READ|PROT_EXEC|PROT_SEM");
	READ(sys(X86_64, 9, "0", "1000", "d", "812"), "a3", "MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE");
	READ(sys(X86_64, 10, "0", "1000", "f", "0"), "a2", "PROT_READ|PROT_WRITE|PROT_EXEC");
}

static void test_process(void)
{
	READ(sys(X86_64, 56, "1200011", "0", "0", "0"), "a0",
	     "CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD");
	NOREAD(sys(X86_64, 56, "0", "0", "0", "0"), "a0", -ENOENT);
	NOREAD(sys(X86_64, 56, "1200011", "0", "1200011", "0"), "a2", -ENOENT);
	READ(sys(X86_64, 272, "20000", "0", "0", "0"), "a0", "CLONE_NEWNS");     /* unshare */
	READ(sys(X86_64, 308, "3", "40000000", "0", "0"), "a1", "CLONE_NEWNET"); /* setns */
	READ(sys(X86_64, 135, "8", "0", "0", "0"), "a0", "PER_LINUX32");
	READ(sys(X86_64, 135, "40000", "0", "0", "0"), "a0", "PER_LINUX|~ADDR_NO_RANDOMIZE");
	READ(sys(X86_64, 135, "ffffffff", "0", "0", "0"), "a0", "unknown-personality(0xffffffff)");
	READ(sys(X86_64, 101, "4206", "0", "0", "0"), "a0", "PTRACE_SEIZE");
	READ(sys(X86_64, 101, "999", "0", "0", "0"), "a0", "unknown-ptrace(0x999)");
	READ(sys(X86_64, 157, "26", "1", "0", "0"), "a0", "PR_SET_NO_NEW_PRIVS");
	NOREAD(sys(X86_64, 157, "26", "1", "0", "0"), "a1", -ENOENT);
	READ(sys(X86_64, 157, "3e7", "0", "0", "0"), "a0", "unknown-prctl-option(0x3e7)");
	READ(sys(X86_64, 157, "18", "15", "0", "0"), "a1", "sys_admin");    /* CAPBSET_DROP */
	READ(sys(X86_64, 157, "17", "63", "0", "0"), "a1", "unknown-capability(0x63)");
	READ(sys(X86_64, 157, "1", "9", "0", "0"), "a1", "SIGKILL");        /* PDEATHSIG */
	READ(sys(X86_64, 72, "3", "406", "0", "0"), "a1", "F_DUPFD_CLOEXEC");
	READ(sys(X86_64, 72, "3", "999", "0", "0"), "a1", "unknown-fcntl-command(2457)");
	READ(sys(X86_64, 72, "3", "2", "1", "0"), "a2", "FD_CLOEXEC");
	NOREAD(sys(X86_64, 72, "3", "2", "0", "0"), "a2", -ENOENT);
	NOREAD(sys(X86_64, 72, "3", "4", "1", "0"), "a2", -ENOENT);
	READ(sys(X86_64, 60, "0", "0", "0", "0"), "a0", "EXIT_SUCCESS");
	READ(sys(X86_64, 231, "1", "0", "0", "0"), "a0", "EXIT_FAILURE");
	READ(sys(X86_64, 231, "ff", "0", "0", "0"), "a0", "UNKNOWN");
	READ(sys(X86_64, 166, "7ffd", "f", "0", "0"), "a1",
	     "MNT_FORCE|MNT_DETACH|MNT_EXPIRE|UMOUNT_NOFOLLOW");
	NOREAD(sys(X86_64, 166, "7ffd", "10", "0", "0"), "a1", -ENOENT);
	NOREAD(sys(X86_64, 263, "ffffff9c", "7ffd", "200", "0"), "a2", -ENOENT); /* unlinkat */
	READ(sys(X86_64, 8, "3", "0", "2", "0"), "a2", "SEEK_END");
	READ(sys(X86_64, 8, "3", "0", "9", "0"), "a2", "unknown-whence(9)");
	READ(sys(X86_64, 144, "1", "40000002", "0", "0"), "a1", "SCHED_RR|SCHED_RESET_ON_FORK");
	READ(sys(X86_64, 233, "3", "1", "4", "0"), "a1", "EPOLL_CTL_ADD");
	READ(sys(X86_64, 233, "3", "9", "4", "0"), "a1", "unknown-epoll_ctl-operation(9)");
	READ(sys(X86_64, 227, "1", "0", "0", "0"), "a0", "CLOCK_MONOTONIC");
	READ(sys(X86_64, 97, "7", "0", "0", "0"), "a0", "RLIMIT_NOFILE");
	READ(sys(X86_64, 44, "3", "7ffd", "40", "4040"), "a3", "MSG_DONTWAIT|MSG_NOSIGNAL");
	NOREAD(sys(X86_64, 44, "3", "7ffd", "40", "0"), "a3", -ENOENT);
	READ(sys(X86_64, 165, "0", "0", "0", "1001"), "a3", "MS_RDONLY|MS_BIND");
}

static void test_sockopt_ioctl_bpf(void)
{
	READ(sys(X86_64, 54, "3", "1", "2", "7ffd"), "a1", "SOL_SOCKET");   /* setsockopt */
	READ(sys(X86_64, 54, "3", "1", "2", "7ffd"), "a2", "SO_REUSEADDR");
	READ(sys(X86_64, 54, "3", "6", "1", "7ffd"), "a1", "tcp");
	READ(sys(X86_64, 54, "3", "6", "1", "7ffd"), "a2", "TCP_NODELAY");
	READ(sys(X86_64, 55, "3", "0", "1", "0"), "a2", "IP_TOS");             /* getsockopt */
	READ(sys(X86_64, 55, "3", "11", "64", "0"), "a2", "UDP_ENCAP");
	READ(sys(X86_64, 55, "3", "11", "63", "0"), "a2", "unknown-udpopt-name(0x63)");
	READ(sys(X86_64, 55, "3", "12b", "1", "0"), "a1", "unknown-sockopt-level(0x12b)");
	NOREAD(sys(X86_64, 55, "3", "12b", "1", "0"), "a2", -ENOENT);
	/* SO_RCVLOWAT is 16 on big-endian PowerPC (ausearch: not on ppc64le) */
	READ(sys(0x80000015u, 339, "3", "1", "10", "0"), "a2", "SO_RCVLOWAT");
	READ(sys(0xc0000015u, 339, "3", "1", "10", "0"), "a2", "SO_PASSCRED");
	READ(sys(X86_64, 16, "3", "5401", "7ffd", "0"), "a1", "TCGETS");       /* ioctl */
	READ(sys(X86_64, 16, "3", "80045430", "7ffd", "0"), "a1", "TIOCGPTN");
	NOREAD(sys(X86_64, 16, "3", "1234", "7ffd", "0"), "a1", -ENOENT);
	READ(sys(I386, 102, "3", "7ffd", "0", "0"), "a0", "connect");          /* socketcall */
	READ(sys(I386, 102, "15", "7ffd", "0", "0"), "a0", "unknown-socketcall(15)");
	NOREAD(sys(I386, 117, "2", "7ffd", "0", "0"), "a0", -ENOENT);          /* ipc */
	READ(sys(X86_64, 321, "5", "7ffd", "90", "0"), "a0", "BPF_PROG_LOAD");
	READ(sys(X86_64, 321, "63", "7ffd", "90", "0"), "a0", "unknown-bpf-cmd(63)");
}

static void test_netfilter_fanotify_shm(void)
{
#define NF "table=filter family=2 entries=1 op=register pid=1 hook=%s action=%s macproto=%s"
	char b[256];

	snprintf(b, sizeof(b), NF, "1", "2", "0x0806");
	READ(mk("NETFILTER_CFG", b), "hook", "INPUT");
	READ(mk("NETFILTER_CFG", b), "action", "REJECT");
	READ(mk("NETFILTER_CFG", b), "macproto", "ARP");
	snprintf(b, sizeof(b), NF, "6", "3", "86dd");
	READ(mk("NETFILTER_CFG", b), "hook", "unknown-hook(6)");
	READ(mk("NETFILTER_CFG", b), "action", "unknown-action(3)");
	READ(mk("NETFILTER_CFG", b), "macproto", "UNKNOWN");
	READ(mk("FANOTIFY", "resp=2 fan_type=0"), "resp", "deny");
	READ(mk("FANOTIFY", "resp=7 fan_type=0"), "resp", "unknown");
	NOREAD(mk("FANOTIFY", "resp=deny fan_type=0"), "resp", -ENOENT);
	READ(mk("LOGIN", "pid=1 uid=0 old-auid=4294967295 auid=0 old-ses=4294967295 ses=4294967295"),
	     "ses", "unset");
	NOREAD(mk("LOGIN", "pid=1 uid=0 auid=0 ses=4"), "ses", -ENOENT);
	READ(sys(X86_64, 29, "0", "1000", "7c0", "0"), "a2", "IPC_CREAT|IPC_EXCL|0700");
	READ(sys(X86_64, 29, "0", "1000", "9a4", "0"), "a2", "SHM_HUGETLB|0644");
	READ(sys(X86_64, 29, "0", "1000", "0", "0"), "a2", "0000");
#undef NF
}

/* ids: the number (ausearch looks the name up), "unset" for -1 */
static void test_ids(void)
{
	READ(sys(X86_64, 105, "0", "0", "0", "0"), "a0", "0");                /* setuid */
	READ(sys(X86_64, 105, "3e8", "0", "0", "0"), "a0", "1000");
	READ(sys(X86_64, 113, "0", "ffffffff", "0", "0"), "a1", "unset");     /* setreuid */
	READ(sys(X86_64, 117, "0", "1", "ffffffffffffffff", "0"), "a2", "unset"); /* setresuid */
	NOREAD(sys(X86_64, 117, "0", "1", "2", "0"), "a3", -ENOENT);
	READ(sys(X86_64, 119, "0", "1", "2", "0"), "a2", "2");                /* setresgid */
	READ(sys(X86_64, 123, "64", "0", "0", "0"), "a0", "100");             /* setfsgid */
	READ(sys(X86_64, 92, "7ffd", "3e9", "3e9", "0"), "a1", "1001");       /* chown */
	NOREAD(sys(X86_64, 92, "7ffd", "3e9", "3e9", "0"), "a2", -ENOENT);    /* as ausearch */
	NOREAD(sys(X86_64, 93, "3", "3e9", "3e9", "0"), "a1", -ENOENT);       /* fchown: ditto */
	READ(sys(X86_64, 72, "3", "8", "3e8", "0"), "a2", "1000");            /* F_SETOWN */
	NOREAD(sys(X86_64, 105, "zz", "0", "0", "0"), "a0", -EINVAL);
}

static void test_context_and_api(void)
{
	struct ak_field fields[64];
	struct ak_rec rec;
	uint32_t arch = 1;
	int sc = 1, n;
	char buf[64];
	const char *l = sys(X86_64, 257, "ffffff9c", "7ffd", "80241", "1a4");

	n = ak_rec_parse_line(&rec, l, strlen(l), fields, 64);
	CHECK(n > 0);
	CHECK_INT(ak_value_context(&rec, &arch, &sc), 0);
	CHECK_INT((int)arch, (int)X86_64);
	CHECK_INT(sc, 257);
	/* without the context a0..a3 have no reading, other fields still do */
	CHECK_INT(ak_value_interpret(&rec, ak_rec_field(&rec, "a2"), 0, -1, buf, sizeof(buf)),
		  -ENOENT);
	CHECK_INT(ak_value_interpret(&rec, ak_rec_field(&rec, "a2"), X86_64, 99999, buf,
				     sizeof(buf)), -ENOENT);
	/* buffer sizes: exact fit, one short, none */
	CHECK_INT(ak_value_interpret(&rec, ak_rec_field(&rec, "a0"), arch, sc, buf, 9), 8);
	CHECK_STR(buf, "AT_FDCWD");
	CHECK_INT(ak_value_interpret(&rec, ak_rec_field(&rec, "a0"), arch, sc, buf, 8), -ERANGE);
	CHECK_INT(errno, ERANGE);
	CHECK_INT(ak_value_interpret(&rec, ak_rec_field(&rec, "a0"), arch, sc, NULL, 0), -ERANGE);
	CHECK_INT(ak_value_interpret(&rec, NULL, arch, sc, buf, sizeof(buf)), -EINVAL);
	CHECK_INT(ak_value_interpret(NULL, &fields[0], arch, sc, buf, sizeof(buf)), -EINVAL);
	/* no arch/syscall in a PATH record */
	l = PATHM("0100644");
	n = ak_rec_parse_line(&rec, l, strlen(l), fields, 64);
	CHECK(n > 0);
	CHECK_INT(ak_value_context(&rec, &arch, &sc), -ENOENT);
	CHECK_INT((int)arch, 0);
	CHECK_INT(sc, -1);
	/* enriched fields never have a reading */
	l = "type=PATH msg=audit(1700000000.000:1): item=0 mode=0100644\x1dOUID=\"root\"";
	n = ak_rec_parse_line(&rec, l, strlen(l), fields, 64);
	CHECK(n == 3);
	CHECK(fields[2].flags & AK_F_ENRICHED);
	CHECK_INT(ak_value_interpret(&rec, &fields[2], 0, -1, buf, sizeof(buf)), -ENOENT);
	/* the longest reading fits 1024 bytes */
	l = mk("CAPSET", "pid=1 cap_pp=ffffffffffffffff");
	n = ak_rec_parse_line(&rec, l, strlen(l), fields, 64);
	{
		char big[1024];
		int r = ak_value_interpret(&rec, ak_rec_field(&rec, "cap_pp"), 0, -1, big,
					   sizeof(big));

		CHECK(r > 400 && r < 1024);
	}
}

/* Every byte value in every position of a short value: never a crash, and
 * either a reading of the length returned or a negative errno. */
static void test_junk(void)
{
	static const char *keys[] = { "mode", "perm", "cap_pp", "capability", "sig", "family",
				      "proto", "code", "list", "prom", "oflag", "flags", "hook",
				      "action", "macproto", "resp", "ses",
				      "per", "a0", "a1", "a2", "a3" };
	static const int calls[] = { 2, 9, 16, 21, 29, 41, 54, 56, 62, 72, 105, 135, 157, 257, 268,
				     321 };
	struct ak_field f[2];
	struct ak_rec rec;
	char val[4], buf[1024];
	int bad = 0;

	memset(&rec, 0, sizeof(rec));
	rec.type = 1300;
	rec.fields = f;
	rec.nfields = 1;
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		for (int c = 0; c < 256; c++) {
			for (size_t pos = 0; pos < 3; pos++) {
				memcpy(val, "1a7", 3);
				val[pos] = (char)c;
				f[0].key.p = keys[k];
				f[0].key.n = strlen(keys[k]);
				f[0].val.p = val;
				f[0].val.n = 3;
				f[0].flags = 0;
				for (size_t s = 0; s < sizeof(calls) / sizeof(calls[0]); s++) {
					int r = ak_value_interpret(&rec, &f[0], X86_64, calls[s],
								   buf, sizeof(buf));

					if (r >= 0 ? (size_t)r != strlen(buf)
						   : (r != -ENOENT && r != -EINVAL))
						bad++;
				}
			}
		}
	}
	CHECK_INT(bad, 0);
}

/* All bits set: the longest readings fit the 1024 bytes values.h promises. */
static void test_longest(void)
{
	static const struct {
		int nr;
		const char *key;
	} args[] = { { 257, "a2" }, { 9, "a2" }, { 9, "a3" }, { 56, "a0" }, { 21, "a1" },
		     { 166, "a1" }, { 44, "a3" }, { 165, "a3" }, { 29, "a2" }, { 135, "a0" },
		     { 144, "a1" } };
	int max = 0, r;

	for (size_t i = 0; i < sizeof(args) / sizeof(args[0]); i++) {
		const char *got = rd(sys(X86_64, args[i].nr, "ffffffffffffffff", "ffffffffffffffff",
					 "ffffffffffffffff", "ffffffffffffffff"),
				     args[i].key, &r);

		CHECK(r > 0 && r < 1024);
		if (r > max)
			max = r;
		(void)got;
	}
	rd(mk("CAPSET", "pid=1 cap_pp=ffffffffffffffff"), "cap_pp", &r);
	CHECK(r > 0 && r < 1024);
	CHECK(max > 300); /* mount's flags */
}

static const struct ak_test tests[] = {
	TEST(test_mode),	    TEST(test_perm),	TEST(test_caps),
	TEST(test_fields),	    TEST(test_open),	TEST(test_modes_args),
	TEST(test_socket),	    TEST(test_signals_args), TEST(test_mm),
	TEST(test_process),	    TEST(test_sockopt_ioctl_bpf), TEST(test_ids),
	TEST(test_netfilter_fanotify_shm), TEST(test_longest),	TEST(test_context_and_api),
	TEST(test_junk),
};
AK_TEST_MAIN(tests)
