// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * Field values as `ausearch -i` reads them (libauparse's interpret.c,
 * auditd 3.0.9): file modes, permission masks, capability sets, signals,
 * protocols, and the a0..a3 arguments of common syscalls.  The behaviour
 * (which field or argument gets which reading, the fallback texts, which
 * bits are shown) was read from ausearch 3.0.9's output on synthetic
 * records, see scripts/import-values.py and tests/tools/test-values.sh;
 * the name tables are data/values.txt, generated into lib/tables/values.h.
 * See <auditkit/values.h>.
 */
#include <errno.h>
#include <string.h>

#include <linux/audit.h>

#ifndef AUDIT_CRYPTO_KEY_USER
#define AUDIT_CRYPTO_KEY_USER 2404
#endif

#include <auditkit/tables.h>
#include <auditkit/values.h>

struct ak__vt_ent {
	uint64_t v;
	const char *name;
};

#include "tables/values.h"

#define TAB(t) { vt_##t, sizeof(vt_##t) / sizeof(vt_##t[0]) }

struct tab {
	const struct ak__vt_ent *e;
	size_t n;
};

/* ---- output into the caller's buffer ---- */

struct out {
	char *p;
	size_t cap, n;
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->n + n < o->cap)
		memcpy(o->p + o->n, s, n);
	o->n += n;
}

static void puts_(struct out *o, const char *s)
{
	put(o, s, strlen(s));
}

static void put_num(struct out *o, uint64_t v, unsigned base, int width)
{
	static const char dig[] = "0123456789abcdef";
	char tmp[24];
	size_t i = sizeof(tmp);

	do {
		tmp[--i] = dig[v % base];
		v /= base;
	} while (v);
	while ((int)(sizeof(tmp) - i) < width)
		tmp[--i] = '0';
	put(o, tmp + i, sizeof(tmp) - i);
}

static void put_int(struct out *o, int64_t v)
{
	if (v < 0) {
		put(o, "-", 1);
		put_num(o, (uint64_t)0 - (uint64_t)v, 10, 0);
	} else {
		put_num(o, (uint64_t)v, 10, 0);
	}
}

/* "pre" + the value as written + ")": ausearch's unknown-xxx(...) texts */
static void put_fallback(struct out *o, const char *pre, const struct ak_str *raw)
{
	puts_(o, pre);
	put(o, raw->p, raw->n);
	put(o, ")", 1);
}

static int finish(struct out *o)
{
	if (o->n + 1 > o->cap || o->n > INT32_MAX) {
		errno = ERANGE;
		return -ERANGE;
	}
	o->p[o->n] = '\0';
	return (int)o->n;
}

/* ---- numbers, as strtoul would take them, but strict ---- */

/* An unsigned number in @base (16 also takes a 0x prefix); -EINVAL for an
 * empty value, a stray character or more than 64 bits. */
static int parse_u(const struct ak_str *s, unsigned base, uint64_t *out)
{
	const char *p = s->p, *end = s->p + s->n;
	uint64_t v = 0;

	if (base == 16 && end - p > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	if (p == end)
		return -EINVAL;
	for (; p < end; p++) {
		unsigned d;
		char c = *p;

		if (c >= '0' && c <= '9')
			d = (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (unsigned)(c - 'A' + 10);
		else
			return -EINVAL;
		if (d >= base || v > (UINT64_MAX - d) / base)
			return -EINVAL;
		v = v * base + d;
	}
	*out = v;
	return 0;
}

/* A decimal number with an optional '-'; -EINVAL as above. */
static int parse_i(const struct ak_str *s, int64_t *out)
{
	struct ak_str t = *s;
	uint64_t v;
	int neg = t.n && t.p[0] == '-';

	if (neg) {
		t.p++;
		t.n--;
	}
	if (parse_u(&t, 10, &v) < 0 || v > (uint64_t)INT64_MAX)
		return -EINVAL;
	*out = neg ? -(int64_t)v : (int64_t)v;
	return 0;
}

/* ---- tables ---- */

static const char *lookup(struct tab t, uint64_t v)
{
	size_t lo = 0, hi = t.n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t.e[mid].v == v)
			return t.e[mid].name;
		if (t.e[mid].v < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The names of the bits of @v that have one, '|'-separated (@first: no
 * separator before the first name, else one before every name).
 * Only the first @limit entries count.  Returns the number written. */
static int put_bits(struct out *o, struct tab t, uint64_t v, size_t limit, int first)
{
	int cnt = 0;

	for (size_t i = 0; i < t.n && i < limit; i++) {
		if (!(t.e[i].v & v))
			continue;
		if (!first || cnt)
			put(o, "|", 1);
		puts_(o, t.e[i].name);
		cnt++;
	}
	return cnt;
}

/* ---- the readings ---- */

/* libaudit's audit_ftype_to_name() */
static const char *ftype_name(uint64_t fmt)
{
	switch (fmt) {
	case 0140000: return "socket";
	case 0120000: return "link";
	case 0100000: return "file";
	case 0060000: return "block";
	case 0040000: return "dir";
	case 0020000: return "character";
	case 0010000: return "fifo";
	}
	return NULL;
}

static int put_specials(struct out *o, uint64_t m, int first)
{
	static const struct {
		unsigned bit;
		const char *name;
	} sp[] = { { 04000, "suid" }, { 02000, "sgid" }, { 01000, "sticky" } };
	int cnt = 0;

	for (size_t i = 0; i < 3; i++) {
		if (!(m & sp[i].bit))
			continue;
		if (!first || cnt)
			put(o, ",", 1);
		puts_(o, sp[i].name);
		cnt++;
	}
	return cnt;
}

/* print_mode: "file,644", "dir,sticky,777", "017,644" for an unknown type */
static int r_mode(struct out *o, const struct ak_str *v, unsigned base)
{
	uint64_t m;
	const char *t;

	if (parse_u(v, base, &m) < 0)
		return -EINVAL;
	m &= 0xffffffffu;
	t = ftype_name(m & 0170000);
	if (t)
		puts_(o, t);
	else
		put_num(o, (m & 0170000) / 010000, 8, 3);
	put_specials(o, m, 0);
	put(o, ",", 1);
	put_num(o, m & 0777, 8, 3);
	return 0;
}

/* print_mode_short: "0644", "suid,0755" */
static int r_mode_short(struct out *o, const struct ak_str *v, unsigned base)
{
	uint64_t m;

	if (parse_u(v, base, &m) < 0)
		return -EINVAL;
	if (put_specials(o, m, 1))
		put(o, ",", 1);
	put(o, "0", 1);
	put_num(o, m & 0777, 8, 3);
	return 0;
}

/* print_perm: AUDIT_PERM_* as read,write,exec,attr; 0 means all four */
static int r_perm(struct out *o, const struct ak_str *v)
{
	static const struct {
		unsigned bit;
		const char *name;
	} pm[] = { { AUDIT_PERM_READ, "read" }, { AUDIT_PERM_WRITE, "write" },
		   { AUDIT_PERM_EXEC, "exec" }, { AUDIT_PERM_ATTR, "attr" } };
	int64_t p;
	int cnt = 0;

	if (parse_i(v, &p) < 0)
		return -EINVAL;
	if (p == 0)
		p = 0xf;
	for (size_t i = 0; i < 4; i++) {
		if (!(p & pm[i].bit))
			continue;
		if (cnt++)
			put(o, ",", 1);
		puts_(o, pm[i].name);
	}
	return cnt ? 0 : -ENOENT;
}

/* print_cap_bitmap: capability names of the bits up to CAP_LAST_CAP (40) */
static int r_cap_bitmap(struct out *o, const struct ak_str *v)
{
	struct tab t = TAB(cap);
	uint64_t m;
	int cnt = 0;

	if (parse_u(v, 16, &m) < 0)
		return -EINVAL;
	for (size_t i = 0; i < t.n; i++) {
		if (!(m >> t.e[i].v & 1))
			continue;
		if (cnt++)
			put(o, ",", 1);
		puts_(o, t.e[i].name);
	}
	if (!cnt)
		puts_(o, "none");
	return 0;
}

/* A name from @t, else "@pre" + the value as written (with "0x" in front
 * when @hexpre) + ")". */
static int r_enum(struct out *o, struct tab t, uint64_t key, const struct ak_str *v,
		  const char *pre)
{
	const char *name = lookup(t, key);

	if (name)
		puts_(o, name);
	else
		put_fallback(o, pre, v);
	return 0;
}

static int r_capability(struct out *o, const struct ak_str *v, unsigned base)
{
	uint64_t c;

	if (parse_u(v, base, &c) < 0)
		return -EINVAL;
	return r_enum(o, (struct tab)TAB(cap), c & 0xffffffffu, v,
		      base == 16 ? "unknown-capability(0x" : "unknown-capability(");
}

/* print_signals: names 0..31 (0 is SIG0), else unknown-signal(...) */
static int r_signal(struct out *o, const struct ak_str *v, unsigned base)
{
	const char *name = NULL;

	if (base == 10) {
		int64_t s;

		if (parse_i(v, &s) < 0)
			return -EINVAL;
		if (s >= 0 && s < 32)
			name = lookup((struct tab)TAB(signal), (uint64_t)s);
	} else {
		uint64_t s;

		if (parse_u(v, 16, &s) < 0)
			return -EINVAL;
		if ((int32_t)(uint32_t)s >= 0 && (uint32_t)s < 32)
			name = lookup((struct tab)TAB(signal), (uint32_t)s);
	}
	if (name)
		puts_(o, name);
	else
		put_fallback(o, base == 16 ? "unknown-signal(0x" : "unknown-signal(", v);
	return 0;
}

/* An enum field in decimal: name, or @pre + value + ")" */
static int r_dec_enum(struct out *o, struct tab t, const struct ak_str *v, const char *pre)
{
	uint64_t n;

	if (parse_u(v, 10, &n) < 0)
		return -EINVAL;
	return r_enum(o, t, n, v, pre);
}

/* An enum argument in hex (@mask applied first): name or @pre + "0x"... */
static int r_hex_enum(struct out *o, struct tab t, const struct ak_str *v, uint64_t mask,
		      const char *pre)
{
	uint64_t n;

	if (parse_u(v, 16, &n) < 0)
		return -EINVAL;
	return r_enum(o, t, n & mask, v, pre);
}

static int r_protocol(struct out *o, const struct ak_str *v)
{
	uint64_t n;
	const char *name;

	if (parse_u(v, 10, &n) < 0)
		return -EINVAL;
	name = lookup((struct tab)TAB(ipproto), n);
	puts_(o, name ? name : "undefined protocol");
	return 0;
}

static int r_seccomp(struct out *o, const struct ak_str *v)
{
	uint64_t c;

	if (parse_u(v, 16, &c) < 0)
		return -EINVAL;
	return r_enum(o, (struct tab)TAB(seccomp), c & 0xffff0000u, v, "unknown-seccomp-code(");
}

static int r_promisc(struct out *o, const struct ak_str *v)
{
	int64_t p;

	if (parse_i(v, &p) < 0)
		return -EINVAL;
	puts_(o, p ? "yes" : "no");
	return 0;
}

/* print_open_flags: O_RDONLY when the access mode is 0, then the named bits */
static int r_open_flags(struct out *o, const struct ak_str *v)
{
	uint64_t f;
	int first = 1;

	if (parse_u(v, 16, &f) < 0)
		return -EINVAL;
	f &= 0xffffffffu;
	if ((f & 3) == 0) {
		puts_(o, "O_RDONLY");
		first = 0;
	}
	put_bits(o, (struct tab)TAB(open), f, SIZE_MAX, first);
	return 0;
}

/* print_mmap: MAP_FILE when no mapping type bit is set, then the named bits */
static int r_mmap(struct out *o, const struct ak_str *v)
{
	uint64_t f;
	int first = 1;

	if (parse_u(v, 16, &f) < 0)
		return -EINVAL;
	f &= 0xffffffffu;
	if ((f & 0xf) == 0) {
		puts_(o, "MAP_FILE");
		first = 0;
	}
	put_bits(o, (struct tab)TAB(mmap), f, SIZE_MAX, first);
	return 0;
}

/* print_prot: PROT_NONE, else READ/WRITE/EXEC (and SEM for mmap) */
static int r_prot(struct out *o, const struct ak_str *v, int is_mmap)
{
	uint64_t p;

	if (parse_u(v, 16, &p) < 0)
		return -EINVAL;
	if ((p & 7) == 0)
		puts_(o, "PROT_NONE");
	else
		put_bits(o, (struct tab)TAB(prot), p, is_mmap ? 4 : 3, 1);
	return 0;
}

/* A bit set with no special cases: -ENOENT when no bit has a name (ausearch
 * then prints the number back). */
static int r_flags(struct out *o, struct tab t, const struct ak_str *v)
{
	uint64_t f;

	if (parse_u(v, 16, &f) < 0)
		return -EINVAL;
	return put_bits(o, t, f & 0xffffffffu, SIZE_MAX, 1) ? 0 : -ENOENT;
}

/* print_access: F_OK when the low four bits are clear */
static int r_access(struct out *o, const struct ak_str *v)
{
	uint64_t m;

	if (parse_u(v, 16, &m) < 0)
		return -EINVAL;
	if ((m & 0xf) == 0) {
		puts_(o, "F_OK");
		return 0;
	}
	return put_bits(o, (struct tab)TAB(access), m, SIZE_MAX, 1) ? 0 : -ENOENT;
}

/* print_clone_flags: the named flags, then the exit signal in the low byte */
static int r_clone(struct out *o, const struct ak_str *v)
{
	uint64_t f;
	int cnt;
	unsigned sig;

	if (parse_u(v, 16, &f) < 0)
		return -EINVAL;
	f &= 0xffffffffu;
	cnt = put_bits(o, (struct tab)TAB(clone), f, SIZE_MAX, 1);
	sig = f & 0xff;
	if (sig && sig < 32) {
		const char *s = lookup((struct tab)TAB(signal), sig);

		if (s) {
			if (cnt++)
				put(o, "|", 1);
			puts_(o, s);
		}
	}
	return cnt ? 0 : -ENOENT;
}

/* print_personality: the base personality, and ADDR_NO_RANDOMIZE */
static int r_personality(struct out *o, const struct ak_str *v)
{
	uint64_t p;
	const char *name;

	if (parse_u(v, 16, &p) < 0)
		return -EINVAL;
	p &= 0xffffffffu;
	name = lookup((struct tab)TAB(personality), (p & ~(uint64_t)0x0040000) & 0xff);
	if (!name) {
		put_fallback(o, "unknown-personality(0x", v);
		return 0;
	}
	puts_(o, name);
	if (p & 0x0040000)
		puts_(o, "|~ADDR_NO_RANDOMIZE");
	return 0;
}

static int r_sched(struct out *o, const struct ak_str *v)
{
	uint64_t p;
	const char *name;

	if (parse_u(v, 16, &p) < 0)
		return -EINVAL;
	name = lookup((struct tab)TAB(sched), p & 0x0f);
	if (!name) {
		put_fallback(o, "unknown-scheduler-policy(0x", v);
		return 0;
	}
	puts_(o, name);
	if (p & 0x40000000)
		puts_(o, "|SCHED_RESET_ON_FORK");
	return 0;
}

static int r_fcntl(struct out *o, const struct ak_str *v)
{
	uint64_t c;
	const char *name;

	if (parse_u(v, 16, &c) < 0)
		return -EINVAL;
	name = lookup((struct tab)TAB(fcntl), c & 0xffffffffu);
	if (name) {
		puts_(o, name);
	} else {
		puts_(o, "unknown-fcntl-command(");
		put_int(o, (int32_t)(uint32_t)c);
		put(o, ")", 1);
	}
	return 0;
}

static int r_epoll(struct out *o, const struct ak_str *v)
{
	uint64_t c;
	const char *name;

	if (parse_u(v, 16, &c) < 0)
		return -EINVAL;
	name = lookup((struct tab)TAB(epoll_ctl), c & 0xffffffffu);
	if (name) {
		puts_(o, name);
	} else {
		puts_(o, "unknown-epoll_ctl-operation(");
		put_int(o, (int32_t)(uint32_t)c);
		put(o, ")", 1);
	}
	return 0;
}

/* print_dirfd: only AT_FDCWD (-100, any width) is a reading */
static int r_dirfd(struct out *o, const struct ak_str *v)
{
	uint64_t fd;

	if (parse_u(v, 16, &fd) < 0)
		return -EINVAL;
	if ((int32_t)(uint32_t)fd != -100)
		return -ENOENT;
	puts_(o, "AT_FDCWD");
	return 0;
}

static int r_exit(struct out *o, const struct ak_str *v)
{
	uint64_t c;

	if (parse_u(v, 16, &c) < 0)
		return -EINVAL;
	if (v->n == 1 && v->p[0] == '0')
		puts_(o, "EXIT_SUCCESS");
	else if (v->n == 1 && v->p[0] == '1')
		puts_(o, "EXIT_FAILURE");
	else
		puts_(o, "UNKNOWN");
	return 0;
}

/* ---- a0..a3 ---- */

enum dec {
	D_NONE, D_DIRFD, D_SIGNAL, D_CLONE, D_CLOCK, D_PERS, D_PTRACE, D_PRCTL, D_RLIMIT,
	D_FAMILY, D_SOCKTYPE, D_SOCKPROTO, D_EXIT, D_MODE_SHORT, D_MODE, D_FCNTL, D_OFLAG,
	D_ACCESS, D_EPOLL, D_PRCTL_ARG, D_UMOUNT, D_FCNTL_ARG, D_CREAT_MODE, D_PROT_MMAP,
	D_PROT, D_RECV, D_SEEK, D_MMAP, D_MOUNT, D_SCHED,
};

/*
 * Which argument of which syscall gets which reading: libauparse's
 * print_a0()..print_a3(), less the uid/gid arguments (set*id, *chown,
 * fcntl F_SETOWN: ids are <auditkit/coalesce.h>'s business), socket
 * options, shmget and ioctl.  One difference on purpose: clone's flags are
 * read from a0, where every architecture but s390 has them; ausearch 3.0.9
 * reads a2 (tests/golden/DIFFERENCES.md).  Sorted by name.
 */
static const struct sysdec {
	const char *name;
	unsigned char arg[4];
} sysdecs[] = {
	{ "access", { 0, D_ACCESS, 0, 0 } },
	{ "chmod", { 0, D_MODE_SHORT, 0, 0 } },
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
	{ "setns", { 0, D_CLONE, 0, 0 } },
	{ "setrlimit", { D_RLIMIT, 0, 0, 0 } },
	{ "socket", { D_FAMILY, D_SOCKTYPE, D_SOCKPROTO, 0 } },
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

	if (!f || parse_u(&f->val, 16, &v) < 0)
		return -1;
	return (int64_t)(v & 0xffffffffu);
}

#define PR_SET_PDEATHSIG_ 1
#define PR_CAPBSET_READ_ 23
#define PR_CAPBSET_DROP_ 24
#define F_SETFD_ 2
#define O_CREAT_ 0100

static int r_arg(struct out *o, const struct ak_rec *rec, int i, uint32_t arch, int syscall,
		 const struct ak_str *v)
{
	const char *name = syscall >= 0 ? ak_syscall_name(arch, syscall) : NULL;
	const struct sysdec *d = name ? find_sysdec(name) : NULL;
	int64_t a;
	uint64_t n;

	if (!d || i < 0 || i > 3)
		return -ENOENT;
	switch (d->arg[i]) {
	case D_DIRFD: return r_dirfd(o, v);
	case D_SIGNAL: return r_signal(o, v, 16);
	case D_CLONE: return r_clone(o, v);
	case D_CLOCK:
		return r_hex_enum(o, (struct tab)TAB(clock), v, UINT64_MAX, "unknown-clk_id(0x");
	case D_PERS: return r_personality(o, v);
	case D_PTRACE:
		return r_hex_enum(o, (struct tab)TAB(ptrace), v, 0xffffffffu, "unknown-ptrace(0x");
	case D_PRCTL:
		return r_hex_enum(o, (struct tab)TAB(prctl), v, 0xffffffffu,
				  "unknown-prctl-option(0x");
	case D_RLIMIT:
		return r_hex_enum(o, (struct tab)TAB(rlimit), v, UINT64_MAX, "unknown-rlimit(0x");
	case D_FAMILY:
		return r_hex_enum(o, (struct tab)TAB(family), v, 0xffffffffu, "unknown-family(0x");
	case D_SOCKTYPE:
		return r_hex_enum(o, (struct tab)TAB(socktype), v, 0xff, "unknown-type(");
	case D_SOCKPROTO:
		return r_hex_enum(o, (struct tab)TAB(ipproto), v, 0xffffffffu, "unknown-proto(");
	case D_EXIT: return r_exit(o, v);
	case D_MODE_SHORT: return r_mode_short(o, v, 16);
	case D_MODE: return r_mode(o, v, 16);
	case D_FCNTL: return r_fcntl(o, v);
	case D_OFLAG: return r_open_flags(o, v);
	case D_ACCESS: return r_access(o, v);
	case D_EPOLL: return r_epoll(o, v);
	case D_PRCTL_ARG:
		a = other_arg(rec, "a0");
		if (a == PR_CAPBSET_READ_ || a == PR_CAPBSET_DROP_)
			return r_capability(o, v, 16);
		if (a == PR_SET_PDEATHSIG_)
			return r_signal(o, v, 16);
		return -ENOENT;
	case D_UMOUNT: return r_flags(o, (struct tab)TAB(umount), v);
	case D_FCNTL_ARG:
		if (parse_u(v, 16, &n) < 0)
			return -EINVAL;
		if (other_arg(rec, "a1") != F_SETFD_ || (uint32_t)n != 1)
			return -ENOENT;
		puts_(o, "FD_CLOEXEC");
		return 0;
	case D_CREAT_MODE:
		a = other_arg(rec, "a1");
		if (a < 0 || !(a & O_CREAT_))
			return -ENOENT;
		return r_mode_short(o, v, 16);
	case D_PROT_MMAP: return r_prot(o, v, 1);
	case D_PROT: return r_prot(o, v, 0);
	case D_RECV: return r_flags(o, (struct tab)TAB(recv), v);
	case D_SEEK:
		return r_hex_enum(o, (struct tab)TAB(seek), v, 0xff, "unknown-whence(");
	case D_MMAP: return r_mmap(o, v);
	case D_MOUNT: return r_flags(o, (struct tab)TAB(mount), v);
	case D_SCHED: return r_sched(o, v);
	}
	return -ENOENT;
}

/* ---- dispatch ---- */

enum kind {
	K_NONE, K_MODE, K_MODE_SHORT, K_PERM, K_CAP_BITMAP, K_CAPABILITY, K_SIGNAL,
	K_NFPROTO, K_PROTOCOL, K_ICMPTYPE, K_SECCOMP, K_LIST, K_PROMISC, K_OFLAG, K_MMAP,
	K_PERSONALITY, K_ARG,
};

static int key_is(const struct ak_str *k, const char *s)
{
	size_t n = strlen(s);

	return k->n == n && memcmp(k->p, s, n) == 0;
}

/* libauparse's typetab.h plus auparse_interp_adjust_type(), for the kinds
 * handled here. */
static enum kind classify(uint32_t rtype, const struct ak_str *k)
{
	static const struct {
		const char *key;
		enum kind kind;
	} keys[] = {
		{ "mode", K_MODE }, { "perm", K_PERM }, { "perm_mask", K_PERM },
		{ "cap_pi", K_CAP_BITMAP }, { "cap_pe", K_CAP_BITMAP },
		{ "cap_pp", K_CAP_BITMAP }, { "cap_pa", K_CAP_BITMAP },
		{ "cap_fi", K_CAP_BITMAP }, { "cap_fp", K_CAP_BITMAP },
		{ "fp", K_CAP_BITMAP }, { "fi", K_CAP_BITMAP },
		{ "old_pp", K_CAP_BITMAP }, { "old_pi", K_CAP_BITMAP },
		{ "old_pe", K_CAP_BITMAP }, { "old_pa", K_CAP_BITMAP },
		{ "new_pp", K_CAP_BITMAP }, { "new_pi", K_CAP_BITMAP },
		{ "new_pe", K_CAP_BITMAP }, { "pp", K_CAP_BITMAP }, { "pi", K_CAP_BITMAP },
		{ "pe", K_CAP_BITMAP }, { "pa", K_CAP_BITMAP },
		{ "capability", K_CAPABILITY }, { "sig", K_SIGNAL },
		{ "sigev_signo", K_SIGNAL }, { "family", K_NFPROTO },
		{ "proto", K_PROTOCOL }, { "icmptype", K_ICMPTYPE }, { "code", K_SECCOMP },
		{ "list", K_LIST }, { "prom", K_PROMISC }, { "old_prom", K_PROMISC },
		{ "oflag", K_OFLAG }, { "flags", K_MMAP }, { "per", K_PERSONALITY },
		{ "a0", K_ARG }, { "a1", K_ARG }, { "a2", K_ARG }, { "a3", K_ARG },
	};

	if (k->n == 0 || k->n > 11)
		return K_NONE;
	if (rtype == AUDIT_EXECVE && k->p[0] == 'a')
		return K_NONE; /* arguments, not registers */
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (!key_is(k, keys[i].key))
			continue;
		if (keys[i].kind == K_MODE && rtype == AUDIT_MQ_OPEN)
			return K_MODE_SHORT;
		if (keys[i].kind == K_MMAP && rtype == AUDIT_PATH)
			return K_NONE; /* RHEL 4's PATH flags */
		if (keys[i].kind == K_CAP_BITMAP && rtype == AUDIT_CRYPTO_KEY_USER &&
		    key_is(k, "fp"))
			return K_NONE; /* a key fingerprint */
		return keys[i].kind;
	}
	return K_NONE;
}

int ak_value_interpret(const struct ak_rec *rec, const struct ak_field *f, uint32_t arch,
		       int syscall, char *buf, size_t cap)
{
	struct out o = { buf, cap, 0 };
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
	case K_MODE: ret = r_mode(&o, v, 8); break;
	case K_MODE_SHORT: ret = r_mode_short(&o, v, 8); break;
	case K_PERM: ret = r_perm(&o, v); break;
	case K_CAP_BITMAP: ret = r_cap_bitmap(&o, v); break;
	case K_CAPABILITY: ret = r_capability(&o, v, 10); break;
	case K_SIGNAL: ret = r_signal(&o, v, 10); break;
	case K_NFPROTO:
		ret = r_dec_enum(&o, (struct tab)TAB(nfproto), v, "unknown-netfilter-protocol(");
		break;
	case K_PROTOCOL: ret = r_protocol(&o, v); break;
	case K_ICMPTYPE:
		ret = r_dec_enum(&o, (struct tab)TAB(icmptype), v, "unknown-icmp-type(");
		break;
	case K_SECCOMP: ret = r_seccomp(&o, v); break;
	case K_LIST: ret = r_dec_enum(&o, (struct tab)TAB(list), v, "unknown-list("); break;
	case K_PROMISC: ret = r_promisc(&o, v); break;
	case K_OFLAG: ret = r_open_flags(&o, v); break;
	case K_MMAP: ret = r_mmap(&o, v); break;
	case K_PERSONALITY: ret = r_personality(&o, v); break;
	case K_ARG: ret = r_arg(&o, rec, f->key.p[1] - '0', arch, syscall, v); break;
	default: ret = -ENOENT; break;
	}
	if (ret < 0) {
		errno = -ret;
		return ret;
	}
	return finish(&o);
}

/* A decimal or hex field as a number; -EINVAL if it is not one. */
static int field_num(const struct ak_rec *rec, const char *key, unsigned base, uint64_t *v)
{
	const struct ak_field *f = ak_rec_field(rec, key);

	return f ? parse_u(&f->val, base, v) : -ENOENT;
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
