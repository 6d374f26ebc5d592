// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * <auditkit/values.h>: which field, or which argument of which syscall, gets
 * which reading (libauparse's typetab.h, auparse_interp_adjust_type() and
 * print_a0()..print_a3(), as auditd 3.0.9's ausearch shows them); the
 * readings themselves are in values_read.c.
 */
#include <errno.h>
#include <string.h>

#include <linux/audit.h>

#ifndef AUDIT_CRYPTO_KEY_USER
#define AUDIT_CRYPTO_KEY_USER 2404
#endif

#include <auditkit/tables.h>
#include <auditkit/values.h>

#include "records/values-internal.h"

/* ---- a0..a3 ---- */

enum dec {
	D_NONE, D_DIRFD, D_SIGNAL, D_CLONE, D_CLOCK, D_PERS, D_PTRACE, D_PRCTL, D_RLIMIT,
	D_FAMILY, D_SOCKTYPE, D_SOCKPROTO, D_EXIT, D_MODE_SHORT, D_MODE, D_FCNTL, D_OFLAG,
	D_ACCESS, D_EPOLL, D_PRCTL_ARG, D_UMOUNT, D_FCNTL_ARG, D_CREAT_MODE, D_PROT_MMAP,
	D_PROT, D_RECV, D_SEEK, D_MMAP, D_MOUNT, D_SCHED, D_ID, D_IOCTL, D_BPF, D_SOCKLEVEL,
	D_SOCKOPT, D_SHM, D_SOCKETCALL,
};

/*
 * Which argument of which syscall gets which reading: libauparse's
 * print_a0()..print_a3() as auditd 3.0.9 has them (it reads no argument of
 * ipc).  Two differences on purpose (tests/golden/DIFFERENCES.md):
 * clone's flags are read from a0, where every architecture but s390 has
 * them (ausearch 3.0.9 reads a2); user and group ids (set*id, chown,
 * fcntl F_SETOWN) are read as the decimal number, "unset" for -1, where
 * ausearch looks the name up (names are <auditkit/coalesce.h>'s business,
 * and the library does no lookups).  Sorted by name.
 */
static const struct sysdec {
	const char *name;
	unsigned char arg[4];
} sysdecs[] = {
	{ "access", { 0, D_ACCESS, 0, 0 } },
	{ "bpf", { D_BPF, 0, 0, 0 } },
	{ "chmod", { 0, D_MODE_SHORT, 0, 0 } },
	{ "chown", { 0, D_ID, 0, 0 } },
	{ "clock_settime", { D_CLOCK, 0, 0, 0 } },
	{ "clone", { D_CLONE, 0, 0, 0 } },
	{ "clone2", { D_CLONE, 0, 0, 0 } },
	{ "creat", { 0, D_MODE_SHORT, 0, 0 } },
	{ "epoll_ctl", { 0, D_EPOLL, 0, 0 } },
	{ "exit", { D_EXIT, 0, 0, 0 } },
	{ "exit_group", { D_EXIT, 0, 0, 0 } },
	{ "faccessat", { D_DIRFD, 0, D_ACCESS, 0 } },
	{ "faccessat2", { D_DIRFD, 0, D_ACCESS, 0 } },
	{ "fchmod", { 0, D_MODE_SHORT, 0, 0 } },
	{ "fchmodat", { D_DIRFD, 0, D_MODE_SHORT, 0 } },
	{ "fchownat", { D_DIRFD, 0, 0, 0 } },
	{ "fcntl", { 0, D_FCNTL, D_FCNTL_ARG, 0 } },
	{ "fcntl64", { 0, D_FCNTL, D_FCNTL_ARG, 0 } },
	{ "futimesat", { D_DIRFD, 0, 0, 0 } },
	{ "getrlimit", { D_RLIMIT, 0, 0, 0 } },
	{ "getsockopt", { 0, D_SOCKLEVEL, D_SOCKOPT, 0 } },
	{ "ioctl", { 0, D_IOCTL, 0, 0 } },
	{ "kill", { 0, D_SIGNAL, 0, 0 } },
	{ "linkat", { D_DIRFD, 0, D_DIRFD, 0 } },
	{ "lseek", { 0, 0, D_SEEK, 0 } },
	{ "mkdir", { 0, D_MODE_SHORT, 0, 0 } },
	{ "mkdirat", { D_DIRFD, 0, D_MODE_SHORT, 0 } },
	{ "mknod", { 0, D_MODE, 0, 0 } },
	{ "mknodat", { D_DIRFD, 0, D_MODE_SHORT, 0 } },
	{ "mmap", { 0, 0, D_PROT_MMAP, D_MMAP } },
	{ "mount", { 0, 0, 0, D_MOUNT } },
	{ "mprotect", { 0, 0, D_PROT, 0 } },
	{ "mq_open", { 0, D_OFLAG, D_CREAT_MODE, 0 } },
	{ "newfstatat", { D_DIRFD, 0, 0, 0 } },
	{ "open", { 0, D_OFLAG, D_CREAT_MODE, 0 } },
	{ "openat", { D_DIRFD, 0, D_OFLAG, 0 } },
	{ "openat2", { D_DIRFD, 0, 0, 0 } },
	{ "personality", { D_PERS, 0, 0, 0 } },
	{ "prctl", { D_PRCTL, D_PRCTL_ARG, 0, 0 } },
	{ "ptrace", { D_PTRACE, 0, 0, 0 } },
	{ "readlinkat", { D_DIRFD, 0, D_DIRFD, 0 } },
	{ "recv", { 0, 0, 0, D_RECV } },
	{ "recvfrom", { 0, 0, 0, D_RECV } },
	{ "recvmmsg", { 0, 0, 0, D_RECV } },
	{ "recvmsg", { 0, 0, D_RECV, 0 } },
	{ "renameat", { D_DIRFD, 0, D_DIRFD, 0 } },
	{ "renameat2", { D_DIRFD, 0, D_DIRFD, 0 } },
	{ "rt_sigaction", { D_SIGNAL, 0, 0, 0 } },
	{ "sched_setscheduler", { 0, D_SCHED, 0, 0 } },
	{ "send", { 0, 0, 0, D_RECV } },
	{ "sendmmsg", { 0, 0, 0, D_RECV } },
	{ "sendmsg", { 0, 0, D_RECV, 0 } },
	{ "sendto", { 0, 0, 0, D_RECV } },
	{ "setfsgid", { D_ID, 0, 0, 0 } },
	{ "setfsuid", { D_ID, 0, 0, 0 } },
	{ "setgid", { D_ID, 0, 0, 0 } },
	{ "setns", { 0, D_CLONE, 0, 0 } },
	{ "setregid", { D_ID, D_ID, 0, 0 } },
	{ "setresgid", { D_ID, D_ID, D_ID, 0 } },
	{ "setresuid", { D_ID, D_ID, D_ID, 0 } },
	{ "setreuid", { D_ID, D_ID, 0, 0 } },
	{ "setrlimit", { D_RLIMIT, 0, 0, 0 } },
	{ "setsockopt", { 0, D_SOCKLEVEL, D_SOCKOPT, 0 } },
	{ "setuid", { D_ID, 0, 0, 0 } },
	{ "shmget", { 0, 0, D_SHM, 0 } },
	{ "socket", { D_FAMILY, D_SOCKTYPE, D_SOCKPROTO, 0 } },
	{ "socketcall", { D_SOCKETCALL, 0, 0, 0 } },
	{ "tgkill", { 0, 0, D_SIGNAL, 0 } },
	{ "tkill", { 0, D_SIGNAL, 0, 0 } },
	{ "umount2", { 0, D_UMOUNT, 0, 0 } },
	{ "unlinkat", { D_DIRFD, 0, 0, 0 } },
	{ "unshare", { D_CLONE, 0, 0, 0 } },
	{ "utimensat", { D_DIRFD, 0, 0, 0 } },
};

static const struct sysdec *find_sysdec(const char *name)
{
	size_t lo = 0, hi = sizeof(sysdecs) / sizeof(sysdecs[0]);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(sysdecs[mid].name, name);

		if (c == 0)
			return &sysdecs[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Another argument of the same record, as a number (-1 when missing). */
static int64_t other_arg(const struct ak_rec *rec, const char *key)
{
	const struct ak_field *f = ak_rec_field(rec, key);
	uint64_t v;

	if (!f || ak__v_parse_u(&f->val, 16, &v) < 0)
		return -1;
	return (int64_t)(v & 0xffffffffu);
}

#define PR_SET_PDEATHSIG_ 1
#define PR_CAPBSET_READ_ 23
#define PR_CAPBSET_DROP_ 24
#define F_SETFD_ 2
#define F_SETOWN_ 8
#define O_CREAT_ 0100

/* get/setsockopt's option name, by level (a1) */
static int sockopt(struct ak__vout *o, const struct ak_rec *rec, uint32_t arch,
		   const struct ak_str *v)
{
	int64_t level = other_arg(rec, "a1");
	uint64_t opt;

	switch (level) {
	case 0: return ak__v_hex_enum(o, AK__VT_IPOPT, v, 0xffffffffu, "unknown-ipopt-name(0x");
	case 6: return ak__v_hex_enum(o, AK__VT_TCPOPT, v, 0xffffffffu, "unknown-tcpopt-name(0x");
	case 17:
		return ak__v_hex_enum(o, AK__VT_UDPOPT, v, 0xffffffffu, "unknown-udpopt-name(0x");
	case 41:
		return ak__v_hex_enum(o, AK__VT_IP6OPT, v, 0xffffffffu, "unknown-ip6opt-name(0x");
	case 263:
		return ak__v_hex_enum(o, AK__VT_PKTOPT, v, 0xffffffffu, "unknown-pktopt-name(0x");
	case 1:
		break;
	default:
		return -ENOENT;
	}
	/* SOL_SOCKET: PowerPC numbers SO_RCVLOWAT..SO_PEERCRED 16..21, the table
	 * has them at 116..121.  ausearch 3.0.9 does this for big-endian ppc
	 * and ppc64 only (its machine list has no ppc64le). */
	if (ak__v_parse_u(v, 16, &opt) < 0)
		return -EINVAL;
	opt &= 0xffffffffu;
	if ((arch == AUDIT_ARCH_PPC || arch == AUDIT_ARCH_PPC64) && opt >= 16 && opt <= 21)
		opt += 100;
	return ak__v_enum(o, AK__VT_SOCKOPT, opt, v, "unknown-sockopt-name(0x");
}

static int r_arg(struct ak__vout *o, const struct ak_rec *rec, int i, uint32_t arch, int syscall,
		 const struct ak_str *v)
{
	const char *name = syscall >= 0 ? ak_syscall_name(arch, syscall) : NULL;
	const struct sysdec *d = name ? find_sysdec(name) : NULL;
	int64_t a;
	uint64_t n;

	if (!d || i < 0 || i > 3)
		return -ENOENT;
	switch (d->arg[i]) {
	case D_DIRFD: return ak__v_dirfd(o, v);
	case D_SIGNAL: return ak__v_signal(o, v, 16);
	case D_CLONE: return ak__v_clone(o, v);
	case D_CLOCK:
		return ak__v_hex_enum(o, AK__VT_CLOCK, v, UINT64_MAX, "unknown-clk_id(0x");
	case D_PERS: return ak__v_personality(o, v);
	case D_PTRACE:
		return ak__v_hex_enum(o, AK__VT_PTRACE, v, 0xffffffffu, "unknown-ptrace(0x");
	case D_PRCTL:
		return ak__v_hex_enum(o, AK__VT_PRCTL, v, 0xffffffffu,
				  "unknown-prctl-option(0x");
	case D_RLIMIT:
		return ak__v_hex_enum(o, AK__VT_RLIMIT, v, UINT64_MAX, "unknown-rlimit(0x");
	case D_FAMILY:
		return ak__v_hex_enum(o, AK__VT_FAMILY, v, 0xffffffffu, "unknown-family(0x");
	case D_SOCKTYPE:
		return ak__v_hex_enum(o, AK__VT_SOCKTYPE, v, 0xff, "unknown-type(");
	case D_SOCKPROTO:
		return ak__v_hex_enum(o, AK__VT_IPPROTO, v, 0xffffffffu, "unknown-proto(");
	case D_EXIT: return ak__v_exit(o, v);
	case D_MODE_SHORT: return ak__v_mode_short(o, v, 16);
	case D_MODE: return ak__v_mode(o, v, 16);
	case D_FCNTL: return ak__v_fcntl(o, v);
	case D_OFLAG: return ak__v_open_flags(o, v);
	case D_ACCESS: return ak__v_access(o, v);
	case D_EPOLL: return ak__v_epoll(o, v);
	case D_PRCTL_ARG:
		a = other_arg(rec, "a0");
		if (a == PR_CAPBSET_READ_ || a == PR_CAPBSET_DROP_)
			return ak__v_capability(o, v, 16);
		if (a == PR_SET_PDEATHSIG_)
			return ak__v_signal(o, v, 16);
		return -ENOENT;
	case D_UMOUNT: return ak__v_flags(o, AK__VT_UMOUNT, v);
	case D_FCNTL_ARG:
		if (ak__v_parse_u(v, 16, &n) < 0)
			return -EINVAL;
		a = other_arg(rec, "a1");
		if (a == F_SETOWN_)
			return ak__v_id(o, v);
		if (a != F_SETFD_ || (uint32_t)n != 1)
			return -ENOENT;
		ak__v_puts(o, "FD_CLOEXEC");
		return 0;
	case D_CREAT_MODE:
		a = other_arg(rec, "a1");
		if (a < 0 || !(a & O_CREAT_))
			return -ENOENT;
		return ak__v_mode_short(o, v, 16);
	case D_PROT_MMAP: return ak__v_prot(o, v, 1);
	case D_PROT: return ak__v_prot(o, v, 0);
	case D_RECV: return ak__v_flags(o, AK__VT_RECV, v);
	case D_SEEK:
		return ak__v_hex_enum(o, AK__VT_SEEK, v, 0xff, "unknown-whence(");
	case D_MMAP: return ak__v_mmap(o, v);
	case D_MOUNT: return ak__v_flags(o, AK__VT_MOUNT, v);
	case D_SCHED: return ak__v_sched(o, v);
	case D_ID: return ak__v_id(o, v);
	case D_IOCTL:
		/* ausearch prints an unnamed request back as hex: no reading */
		if (ak__v_parse_u(v, 16, &n) < 0)
			return -EINVAL;
		return ak__v_hex_enum(o, AK__VT_IOCTL, v, 0xffffffffu, NULL);
	case D_BPF:
		return ak__v_hex_enum(o, AK__VT_BPF, v, 0xffffffffu, "unknown-bpf-cmd(");
	case D_SOCKLEVEL:
		return ak__v_hex_enum(o, AK__VT_SOCKLEVEL, v, 0xffffffffu,
				      "unknown-sockopt-level(0x");
	case D_SOCKOPT: return sockopt(o, rec, arch, v);
	case D_SHM: return ak__v_shm(o, v);
	case D_SOCKETCALL:
		return ak__v_hex_enum(o, AK__VT_SOCKETCALL, v, 0xffffffffu, "unknown-socketcall(");
	}
	return -ENOENT;
}

/* ---- dispatch ---- */

enum kind {
	K_NONE, K_MODE, K_MODE_SHORT, K_PERM, K_CAP_BITMAP, K_CAPABILITY, K_SIGNAL,
	K_NFPROTO, K_PROTOCOL, K_ICMPTYPE, K_SECCOMP, K_LIST, K_PROMISC, K_OFLAG, K_MMAP,
	K_PERSONALITY, K_ARG, K_HOOK, K_NETACTION, K_MACPROTO, K_FANOTIFY, K_SESSION,
};

/* libauparse's typetab.h plus auparse_interp_adjust_type(), for the kinds
 * handled here.  Called for every field, so a switch on the first letter
 * rather than a table walk. */
#define EQ(lit) (k->n == sizeof(lit) - 1 && memcmp(k->p, lit, sizeof(lit) - 1) == 0)
static int in(char c, const char *set)
{
	return c && strchr(set, c) != NULL;
}

static enum kind classify(uint32_t rtype, const struct ak_str *k)
{
	const char *p = k->p;

	if (k->n < 2 || k->n > 11)
		return K_NONE;
	switch (p[0]) {
	case 'a': /* EXECVE's aN are arguments, not registers */
		if (k->n == 2)
			return p[1] >= '0' && p[1] <= '3' && rtype != AUDIT_EXECVE ? K_ARG : K_NONE;
		return EQ("action") ? K_NETACTION : K_NONE;
	case 'c':
		if (k->n == 6 && memcmp(p, "cap_", 4) == 0 &&
		    ((p[4] == 'p' && in(p[5], "iepa")) || (p[4] == 'f' && in(p[5], "ip"))))
			return K_CAP_BITMAP;
		return EQ("code") ? K_SECCOMP : EQ("capability") ? K_CAPABILITY : K_NONE;
	case 'f':
		if (k->n == 2 && in(p[1], "pi"))
			/* CRYPTO_KEY_USER's fp is a key fingerprint */
			return rtype == AUDIT_CRYPTO_KEY_USER && p[1] == 'p' ? K_NONE : K_CAP_BITMAP;
		if (EQ("flags"))
			return rtype == AUDIT_PATH ? K_NONE : K_MMAP; /* RHEL 4's PATH flags */
		return EQ("family") ? K_NFPROTO : K_NONE;
	case 'h':
		return EQ("hook") ? K_HOOK : K_NONE;
	case 'i':
		return EQ("icmptype") ? K_ICMPTYPE : K_NONE;
	case 'l':
		return EQ("list") ? K_LIST : K_NONE;
	case 'm':
		if (EQ("macproto"))
			return K_MACPROTO;
		return EQ("mode") ? (rtype == AUDIT_MQ_OPEN ? K_MODE_SHORT : K_MODE) : K_NONE;
	case 'n':
		return k->n == 6 && memcmp(p, "new_p", 5) == 0 && in(p[5], "pie") ? K_CAP_BITMAP
										 : K_NONE;
	case 'o':
		if (k->n == 6 && memcmp(p, "old_p", 5) == 0 && in(p[5], "piea"))
			return K_CAP_BITMAP;
		return EQ("old_prom") ? K_PROMISC : EQ("oflag") ? K_OFLAG : K_NONE;
	case 'p':
		if (k->n == 2 && in(p[1], "piea"))
			return K_CAP_BITMAP;
		if (EQ("perm") || EQ("perm_mask"))
			return K_PERM;
		return EQ("prom") ? K_PROMISC : EQ("proto") ? K_PROTOCOL
			: EQ("per") ? K_PERSONALITY : K_NONE;
	case 'r':
		return EQ("resp") ? K_FANOTIFY : K_NONE;
	case 's':
		if (EQ("ses"))
			return K_SESSION;
		return EQ("sig") || EQ("sigev_signo") ? K_SIGNAL : K_NONE;
	}
	return K_NONE;
}
#undef EQ

int ak_value_interpret(const struct ak_rec *rec, const struct ak_field *f, uint32_t arch,
		       int syscall, char *buf, size_t cap)
{
	struct ak__vout o = { buf, cap, 0 };
	const struct ak_str *v;
	int ret;

	if (!rec || !f || (!buf && cap)) {
		errno = EINVAL;
		return -EINVAL;
	}
	if (f->flags & AK_F_ENRICHED) {
		errno = ENOENT;
		return -ENOENT;
	}
	v = &f->val;
	switch (classify(rec->type, &f->key)) {
	case K_MODE: ret = ak__v_mode(&o, v, 8); break;
	case K_MODE_SHORT: ret = ak__v_mode_short(&o, v, 8); break;
	case K_PERM: ret = ak__v_perm(&o, v); break;
	case K_CAP_BITMAP: ret = ak__v_cap_bitmap(&o, v); break;
	case K_CAPABILITY: ret = ak__v_capability(&o, v, 10); break;
	case K_SIGNAL: ret = ak__v_signal(&o, v, 10); break;
	case K_NFPROTO:
		ret = ak__v_dec_enum(&o, AK__VT_NFPROTO, v, "unknown-netfilter-protocol(");
		break;
	case K_PROTOCOL: ret = ak__v_protocol(&o, v); break;
	case K_ICMPTYPE:
		ret = ak__v_dec_enum(&o, AK__VT_ICMPTYPE, v, "unknown-icmp-type(");
		break;
	case K_SECCOMP: ret = ak__v_seccomp(&o, v); break;
	case K_LIST: ret = ak__v_dec_enum(&o, AK__VT_LIST, v, "unknown-list("); break;
	case K_PROMISC: ret = ak__v_promisc(&o, v); break;
	case K_OFLAG: ret = ak__v_open_flags(&o, v); break;
	case K_MMAP: ret = ak__v_mmap(&o, v); break;
	case K_PERSONALITY: ret = ak__v_personality(&o, v); break;
	case K_HOOK: ret = ak__v_hex_enum(&o, AK__VT_HOOK, v, 0xffffffffu, "unknown-hook("); break;
	case K_NETACTION:
		ret = ak__v_hex_enum(&o, AK__VT_NETACTION, v, 0xffffffffu, "unknown-action(");
		break;
	case K_MACPROTO: ret = ak__v_macproto(&o, v); break;
	case K_FANOTIFY: ret = ak__v_fanotify(&o, v); break;
	case K_SESSION: ret = ak__v_session(&o, v); break;
	case K_ARG: ret = r_arg(&o, rec, f->key.p[1] - '0', arch, syscall, v); break;
	default: ret = -ENOENT; break;
	}
	if (ret < 0) {
		errno = -ret;
		return ret;
	}
	return ak__v_finish(&o);
}

/* A decimal or hex field as a number; -EINVAL if it is not one. */
static int field_num(const struct ak_rec *rec, const char *key, unsigned base, uint64_t *v)
{
	const struct ak_field *f = ak_rec_field(rec, key);

	return f ? ak__v_parse_u(&f->val, base, v) : -ENOENT;
}

int ak_value_context(const struct ak_rec *rec, uint32_t *arch, int *syscall)
{
	uint64_t a, s;

	if (arch)
		*arch = 0;
	if (syscall)
		*syscall = -1;
	if (!rec || field_num(rec, "arch", 16, &a) < 0 || a > UINT32_MAX ||
	    field_num(rec, "syscall", 10, &s) < 0 || s > INT32_MAX) {
		errno = ENOENT;
		return -ENOENT;
	}
	if (arch)
		*arch = (uint32_t)a;
	if (syscall)
		*syscall = (int)s;
	return 0;
}
