// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * The readings of <auditkit/values.h>, as `ausearch -i` prints them
 * (libauparse's print_*() in interpret.c, auditd 3.0.9): file modes,
 * permission masks, capability sets, signals, protocols, flag sets.  The
 * behaviour (fallback texts, which bits are shown, masks) was read from
 * ausearch 3.0.9's output on synthetic records, see scripts/import-values.py
 * and tests/tools/test-values.sh; the name tables are data/values.txt,
 * generated into lib/tables/values.h.  Which field gets which reading is
 * values.c's business.
 */
#include <errno.h>
#include <string.h>

#include <linux/audit.h>

#include <auditkit/values.h>

#include "records/values-internal.h"

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

static const struct tab tabs[] = {
	[AK__VT_OPEN] = TAB(open),
	[AK__VT_FAMILY] = TAB(family),
	[AK__VT_SOCKTYPE] = TAB(socktype),
	[AK__VT_IPPROTO] = TAB(ipproto),
	[AK__VT_SIGNAL] = TAB(signal),
	[AK__VT_MMAP] = TAB(mmap),
	[AK__VT_PROT] = TAB(prot),
	[AK__VT_CLONE] = TAB(clone),
	[AK__VT_PERSONALITY] = TAB(personality),
	[AK__VT_PTRACE] = TAB(ptrace),
	[AK__VT_PRCTL] = TAB(prctl),
	[AK__VT_FCNTL] = TAB(fcntl),
	[AK__VT_ACCESS] = TAB(access),
	[AK__VT_UMOUNT] = TAB(umount),
	[AK__VT_RECV] = TAB(recv),
	[AK__VT_MOUNT] = TAB(mount),
	[AK__VT_EPOLL_CTL] = TAB(epoll_ctl),
	[AK__VT_SEEK] = TAB(seek),
	[AK__VT_RLIMIT] = TAB(rlimit),
	[AK__VT_CLOCK] = TAB(clock),
	[AK__VT_SCHED] = TAB(sched),
	[AK__VT_CAP] = TAB(cap),
	[AK__VT_NFPROTO] = TAB(nfproto),
	[AK__VT_ICMPTYPE] = TAB(icmptype),
	[AK__VT_SECCOMP] = TAB(seccomp),
	[AK__VT_LIST] = TAB(list),
	[AK__VT_IOCTL] = TAB(ioctl),
	[AK__VT_BPF] = TAB(bpf),
	[AK__VT_SOCKLEVEL] = TAB(socklevel),
	[AK__VT_SOCKOPT] = TAB(sockopt),
	[AK__VT_IPOPT] = TAB(ipopt),
	[AK__VT_TCPOPT] = TAB(tcpopt),
	[AK__VT_UDPOPT] = TAB(udpopt),
	[AK__VT_IP6OPT] = TAB(ip6opt),
	[AK__VT_PKTOPT] = TAB(pktopt),
	[AK__VT_SHM] = TAB(shm),
	[AK__VT_HOOK] = TAB(hook),
	[AK__VT_NETACTION] = TAB(netaction),
	[AK__VT_SOCKETCALL] = TAB(socketcall),
};

static struct tab tab_of(enum ak__vt id)
{
	return tabs[id];
}

/* ---- output into the caller's buffer ---- */

static void put(struct ak__vout *o, const char *s, size_t n)
{
	if (o->n + n < o->cap)
		memcpy(o->p + o->n, s, n);
	o->n += n;
}

void ak__v_puts(struct ak__vout *o, const char *s)
{
	put(o, s, strlen(s));
}

static void put_num(struct ak__vout *o, uint64_t v, unsigned base, int width)
{
	static const char dig[] = "0123456789abcdef";
	char tmp[24];
	size_t i = sizeof(tmp);

	do {
		tmp[--i] = dig[v % base];
		v /= base;
	} while (v);
	/* (i > 0: a width past the buffer pads to its size, never before it) */
	while (i > 0 && (int)(sizeof(tmp) - i) < width)
		tmp[--i] = '0';
	put(o, tmp + i, sizeof(tmp) - i);
}

static void put_int(struct ak__vout *o, int64_t v)
{
	if (v < 0) {
		put(o, "-", 1);
		put_num(o, (uint64_t)0 - (uint64_t)v, 10, 0);
	} else {
		put_num(o, (uint64_t)v, 10, 0);
	}
}

/* "pre" + the value as written + ")": ausearch's unknown-xxx(...) texts */
static void put_fallback(struct ak__vout *o, const char *pre, const struct ak_str *raw)
{
	ak__v_puts(o, pre);
	put(o, raw->p, raw->n);
	put(o, ")", 1);
}

int ak__v_finish(struct ak__vout *o)
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
int ak__v_parse_u(const struct ak_str *s, unsigned base, uint64_t *out)
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
	if (ak__v_parse_u(&t, 10, &v) < 0 || v > (uint64_t)INT64_MAX)
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
static int put_bits(struct ak__vout *o, struct tab t, uint64_t v, size_t limit, int first)
{
	int cnt = 0;

	for (size_t i = 0; i < t.n && i < limit; i++) {
		if (!(t.e[i].v & v))
			continue;
		if (!first || cnt)
			put(o, "|", 1);
		ak__v_puts(o, t.e[i].name);
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

static int put_specials(struct ak__vout *o, uint64_t m, int first)
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
		ak__v_puts(o, sp[i].name);
		cnt++;
	}
	return cnt;
}

/* print_mode: "file,644", "dir,sticky,777", "017,644" for an unknown type */
int ak__v_mode(struct ak__vout *o, const struct ak_str *v, unsigned base)
{
	uint64_t m;
	const char *t;

	if (ak__v_parse_u(v, base, &m) < 0)
		return -EINVAL;
	m &= 0xffffffffu;
	t = ftype_name(m & 0170000);
	if (t)
		ak__v_puts(o, t);
	else
		put_num(o, (m & 0170000) / 010000, 8, 3);
	put_specials(o, m, 0);
	put(o, ",", 1);
	put_num(o, m & 0777, 8, 3);
	return 0;
}

/* print_mode_short: "0644", "suid,0755" */
int ak__v_mode_short(struct ak__vout *o, const struct ak_str *v, unsigned base)
{
	uint64_t m;

	if (ak__v_parse_u(v, base, &m) < 0)
		return -EINVAL;
	if (put_specials(o, m, 1))
		put(o, ",", 1);
	put(o, "0", 1);
	put_num(o, m & 0777, 8, 3);
	return 0;
}

/* print_perm: AUDIT_PERM_* as read,write,exec,attr; 0 means all four */
int ak__v_perm(struct ak__vout *o, const struct ak_str *v)
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
		ak__v_puts(o, pm[i].name);
	}
	return cnt ? 0 : -ENOENT;
}

/* print_cap_bitmap: capability names of the bits up to CAP_LAST_CAP (40) */
int ak__v_cap_bitmap(struct ak__vout *o, const struct ak_str *v)
{
	struct tab t = TAB(cap);
	uint64_t m;
	int cnt = 0;

	if (ak__v_parse_u(v, 16, &m) < 0)
		return -EINVAL;
	for (size_t i = 0; i < t.n; i++) {
		if (!(m >> t.e[i].v & 1))
			continue;
		if (cnt++)
			put(o, ",", 1);
		ak__v_puts(o, t.e[i].name);
	}
	if (!cnt)
		ak__v_puts(o, "none");
	return 0;
}

/* A name from @t, else @pre + the value as written + ")"; with @pre NULL,
 * no reading. */
static int r_enum(struct ak__vout *o, struct tab t, uint64_t key, const struct ak_str *v,
		  const char *pre)
{
	const char *name = lookup(t, key);

	if (name)
		ak__v_puts(o, name);
	else if (pre)
		put_fallback(o, pre, v);
	else
		return -ENOENT;
	return 0;
}

int ak__v_enum(struct ak__vout *o, enum ak__vt id, uint64_t key, const struct ak_str *v,
	       const char *pre)
{
	return r_enum(o, tab_of(id), key, v, pre);
}

int ak__v_capability(struct ak__vout *o, const struct ak_str *v, unsigned base)
{
	uint64_t c;

	if (ak__v_parse_u(v, base, &c) < 0)
		return -EINVAL;
	return r_enum(o, (struct tab)TAB(cap), c & 0xffffffffu, v,
		      base == 16 ? "unknown-capability(0x" : "unknown-capability(");
}

/* print_signals: names 0..31 (0 is SIG0), else unknown-signal(...) */
int ak__v_signal(struct ak__vout *o, const struct ak_str *v, unsigned base)
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

		if (ak__v_parse_u(v, 16, &s) < 0)
			return -EINVAL;
		if ((int32_t)(uint32_t)s >= 0 && (uint32_t)s < 32)
			name = lookup((struct tab)TAB(signal), (uint32_t)s);
	}
	if (name)
		ak__v_puts(o, name);
	else
		put_fallback(o, base == 16 ? "unknown-signal(0x" : "unknown-signal(", v);
	return 0;
}

/* An enum field in decimal: name, or @pre + value + ")" */
int ak__v_dec_enum(struct ak__vout *o, enum ak__vt id, const struct ak_str *v, const char *pre)
{
	struct tab t = tab_of(id);
	uint64_t n;

	if (ak__v_parse_u(v, 10, &n) < 0)
		return -EINVAL;
	return r_enum(o, t, n, v, pre);
}

/* An enum argument in hex (@mask applied first): name or @pre + "0x"... */
int ak__v_hex_enum(struct ak__vout *o, enum ak__vt id, const struct ak_str *v, uint64_t mask,
		      const char *pre)
{
	struct tab t = tab_of(id);
	uint64_t n;

	if (ak__v_parse_u(v, 16, &n) < 0)
		return -EINVAL;
	return r_enum(o, t, n & mask, v, pre);
}

int ak__v_protocol(struct ak__vout *o, const struct ak_str *v)
{
	uint64_t n;
	const char *name;

	if (ak__v_parse_u(v, 10, &n) < 0)
		return -EINVAL;
	name = lookup((struct tab)TAB(ipproto), n);
	ak__v_puts(o, name ? name : "undefined protocol");
	return 0;
}

int ak__v_seccomp(struct ak__vout *o, const struct ak_str *v)
{
	uint64_t c;

	if (ak__v_parse_u(v, 16, &c) < 0)
		return -EINVAL;
	return r_enum(o, (struct tab)TAB(seccomp), c & 0xffff0000u, v, "unknown-seccomp-code(");
}

int ak__v_promisc(struct ak__vout *o, const struct ak_str *v)
{
	int64_t p;

	if (parse_i(v, &p) < 0)
		return -EINVAL;
	ak__v_puts(o, p ? "yes" : "no");
	return 0;
}

/* print_open_flags: O_RDONLY when the access mode is 0, then the named bits */
int ak__v_open_flags(struct ak__vout *o, const struct ak_str *v)
{
	uint64_t f;
	int first = 1;

	if (ak__v_parse_u(v, 16, &f) < 0)
		return -EINVAL;
	f &= 0xffffffffu;
	if ((f & 3) == 0) {
		ak__v_puts(o, "O_RDONLY");
		first = 0;
	}
	put_bits(o, (struct tab)TAB(open), f, SIZE_MAX, first);
	return 0;
}

/* print_mmap: MAP_FILE when no mapping type bit is set, then the named bits */
int ak__v_mmap(struct ak__vout *o, const struct ak_str *v)
{
	uint64_t f;
	int first = 1;

	if (ak__v_parse_u(v, 16, &f) < 0)
		return -EINVAL;
	f &= 0xffffffffu;
	if ((f & 0xf) == 0) {
		ak__v_puts(o, "MAP_FILE");
		first = 0;
	}
	put_bits(o, (struct tab)TAB(mmap), f, SIZE_MAX, first);
	return 0;
}

/* print_prot: PROT_NONE, else READ/WRITE/EXEC (and SEM for mmap) */
int ak__v_prot(struct ak__vout *o, const struct ak_str *v, int is_mmap)
{
	uint64_t p;

	if (ak__v_parse_u(v, 16, &p) < 0)
		return -EINVAL;
	if ((p & 7) == 0)
		ak__v_puts(o, "PROT_NONE");
	else
		put_bits(o, (struct tab)TAB(prot), p, is_mmap ? 4 : 3, 1);
	return 0;
}

/* A bit set with no special cases: -ENOENT when no bit has a name (ausearch
 * then prints the number back). */
int ak__v_flags(struct ak__vout *o, enum ak__vt id, const struct ak_str *v)
{
	struct tab t = tab_of(id);
	uint64_t f;

	if (ak__v_parse_u(v, 16, &f) < 0)
		return -EINVAL;
	return put_bits(o, t, f & 0xffffffffu, SIZE_MAX, 1) ? 0 : -ENOENT;
}

/* print_access: F_OK when the low four bits are clear */
int ak__v_access(struct ak__vout *o, const struct ak_str *v)
{
	uint64_t m;

	if (ak__v_parse_u(v, 16, &m) < 0)
		return -EINVAL;
	if ((m & 0xf) == 0) {
		ak__v_puts(o, "F_OK");
		return 0;
	}
	return put_bits(o, (struct tab)TAB(access), m, SIZE_MAX, 1) ? 0 : -ENOENT;
}

/* print_clone_flags: the named flags, then the exit signal in the low byte */
int ak__v_clone(struct ak__vout *o, const struct ak_str *v)
{
	uint64_t f;
	int cnt;
	unsigned sig;

	if (ak__v_parse_u(v, 16, &f) < 0)
		return -EINVAL;
	f &= 0xffffffffu;
	cnt = put_bits(o, (struct tab)TAB(clone), f, SIZE_MAX, 1);
	sig = f & 0xff;
	if (sig && sig < 32) {
		const char *s = lookup((struct tab)TAB(signal), sig);

		if (s) {
			if (cnt++)
				put(o, "|", 1);
			ak__v_puts(o, s);
		}
	}
	return cnt ? 0 : -ENOENT;
}

/* print_personality: the base personality, and ADDR_NO_RANDOMIZE */
int ak__v_personality(struct ak__vout *o, const struct ak_str *v)
{
	uint64_t p;
	const char *name;

	if (ak__v_parse_u(v, 16, &p) < 0)
		return -EINVAL;
	p &= 0xffffffffu;
	name = lookup((struct tab)TAB(personality), (p & ~(uint64_t)0x0040000) & 0xff);
	if (!name) {
		put_fallback(o, "unknown-personality(0x", v);
		return 0;
	}
	ak__v_puts(o, name);
	if (p & 0x0040000)
		ak__v_puts(o, "|~ADDR_NO_RANDOMIZE");
	return 0;
}

int ak__v_sched(struct ak__vout *o, const struct ak_str *v)
{
	uint64_t p;
	const char *name;

	if (ak__v_parse_u(v, 16, &p) < 0)
		return -EINVAL;
	name = lookup((struct tab)TAB(sched), p & 0x0f);
	if (!name) {
		put_fallback(o, "unknown-scheduler-policy(0x", v);
		return 0;
	}
	ak__v_puts(o, name);
	if (p & 0x40000000)
		ak__v_puts(o, "|SCHED_RESET_ON_FORK");
	return 0;
}

int ak__v_fcntl(struct ak__vout *o, const struct ak_str *v)
{
	uint64_t c;
	const char *name;

	if (ak__v_parse_u(v, 16, &c) < 0)
		return -EINVAL;
	name = lookup((struct tab)TAB(fcntl), c & 0xffffffffu);
	if (name) {
		ak__v_puts(o, name);
	} else {
		ak__v_puts(o, "unknown-fcntl-command(");
		put_int(o, (int32_t)(uint32_t)c);
		put(o, ")", 1);
	}
	return 0;
}

int ak__v_epoll(struct ak__vout *o, const struct ak_str *v)
{
	uint64_t c;
	const char *name;

	if (ak__v_parse_u(v, 16, &c) < 0)
		return -EINVAL;
	name = lookup((struct tab)TAB(epoll_ctl), c & 0xffffffffu);
	if (name) {
		ak__v_puts(o, name);
	} else {
		ak__v_puts(o, "unknown-epoll_ctl-operation(");
		put_int(o, (int32_t)(uint32_t)c);
		put(o, ")", 1);
	}
	return 0;
}

/* print_dirfd: only AT_FDCWD (-100, any width) is a reading */
int ak__v_dirfd(struct ak__vout *o, const struct ak_str *v)
{
	uint64_t fd;

	if (ak__v_parse_u(v, 16, &fd) < 0)
		return -EINVAL;
	if ((int32_t)(uint32_t)fd != -100)
		return -ENOENT;
	ak__v_puts(o, "AT_FDCWD");
	return 0;
}

int ak__v_exit(struct ak__vout *o, const struct ak_str *v)
{
	uint64_t c;

	if (ak__v_parse_u(v, 16, &c) < 0)
		return -EINVAL;
	if (v->n == 1 && v->p[0] == '0')
		ak__v_puts(o, "EXIT_SUCCESS");
	else if (v->n == 1 && v->p[0] == '1')
		ak__v_puts(o, "EXIT_FAILURE");
	else
		ak__v_puts(o, "UNKNOWN");
	return 0;
}

/* A uid or gid argument: the decimal number, "unset" for -1 (32 bits) */
int ak__v_id(struct ak__vout *o, const struct ak_str *v)
{
	uint64_t id;

	if (ak__v_parse_u(v, 16, &id) < 0)
		return -EINVAL;
	if ((uint32_t)id == UINT32_MAX)
		ak__v_puts(o, "unset");
	else
		put_num(o, (uint32_t)id, 10, 0);
	return 0;
}

/* print_shmflags: IPC_CREAT|IPC_EXCL|SHM_HUGETLB|SHM_NORESERVE, then the
 * permission bits as a short mode ("IPC_CREAT|0600") */
int ak__v_shm(struct ak__vout *o, const struct ak_str *v)
{
	uint64_t f;

	if (ak__v_parse_u(v, 16, &f) < 0)
		return -EINVAL;
	f &= 0xffffffffu;
	if (put_bits(o, tab_of(AK__VT_SHM), f & 017000, SIZE_MAX, 1))
		put(o, "|", 1);
	put(o, "0", 1);
	put_num(o, f & 0777, 8, 3);
	return 0;
}

/* print_macproto: the two Ethernet types it knows */
int ak__v_macproto(struct ak__vout *o, const struct ak_str *v)
{
	uint64_t t;

	if (ak__v_parse_u(v, 16, &t) < 0)
		return -EINVAL;
	t &= 0xffffffffu;
	ak__v_puts(o, t == 0x0800 ? "IP" : t == 0x0806 ? "ARP" : "UNKNOWN");
	return 0;
}

/* print_fanotify: a number is FAN_ALLOW (1), FAN_DENY (2) or unknown; a
 * word (already "allow", "deny") has no reading */
int ak__v_fanotify(struct ak__vout *o, const struct ak_str *v)
{
	uint64_t r;

	if (v->n == 0 || v->p[0] < '0' || v->p[0] > '9')
		return -ENOENT;
	if (ak__v_parse_u(v, 10, &r) < 0)
		return -EINVAL;
	ak__v_puts(o, r == 1 ? "allow" : r == 2 ? "deny" : "unknown");
	return 0;
}

/* print_session: only the unset session (-1) reads differently */
int ak__v_session(struct ak__vout *o, const struct ak_str *v)
{
	if (v->n != 10 || memcmp(v->p, "4294967295", 10) != 0)
		return -ENOENT;
	ak__v_puts(o, "unset");
	return 0;
}

