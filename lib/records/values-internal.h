/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AK_RECORDS_VALUES_INTERNAL_H
#define AK_RECORDS_VALUES_INTERNAL_H

/*
 * Between values.c (what gets which reading) and values_read.c (the
 * readings).  A reader appends to a struct ak__vout and returns 0, -ENOENT
 * (no reading: ausearch would print the number back) or -EINVAL (not a
 * number); ak__v_finish() NUL-terminates and gives the length or -ERANGE.
 * The text past @cap is counted, not written.
 */

#include <auditkit/base.h>

struct ak__vout {
	char *p;
	size_t cap, n;
};

/* The name tables of data/values.txt. */
enum ak__vt {
	AK__VT_OPEN,
	AK__VT_FAMILY,
	AK__VT_SOCKTYPE,
	AK__VT_IPPROTO,
	AK__VT_SIGNAL,
	AK__VT_MMAP,
	AK__VT_PROT,
	AK__VT_CLONE,
	AK__VT_PERSONALITY,
	AK__VT_PTRACE,
	AK__VT_PRCTL,
	AK__VT_FCNTL,
	AK__VT_ACCESS,
	AK__VT_UMOUNT,
	AK__VT_RECV,
	AK__VT_MOUNT,
	AK__VT_EPOLL_CTL,
	AK__VT_SEEK,
	AK__VT_RLIMIT,
	AK__VT_CLOCK,
	AK__VT_SCHED,
	AK__VT_CAP,
	AK__VT_NFPROTO,
	AK__VT_ICMPTYPE,
	AK__VT_SECCOMP,
	AK__VT_LIST,
	AK__VT_IOCTL,
	AK__VT_BPF,
	AK__VT_SOCKLEVEL,
	AK__VT_SOCKOPT,
	AK__VT_IPOPT,
	AK__VT_TCPOPT,
	AK__VT_UDPOPT,
	AK__VT_IP6OPT,
	AK__VT_PKTOPT,
	AK__VT_SHM,
	AK__VT_HOOK,
	AK__VT_NETACTION,
	AK__VT_SOCKETCALL,
};

void ak__v_puts(struct ak__vout *o, const char *s);
int ak__v_finish(struct ak__vout *o);
int ak__v_parse_u(const struct ak_str *s, unsigned base, uint64_t *out);
int ak__v_mode(struct ak__vout *o, const struct ak_str *v, unsigned base);
int ak__v_mode_short(struct ak__vout *o, const struct ak_str *v, unsigned base);
int ak__v_perm(struct ak__vout *o, const struct ak_str *v);
int ak__v_cap_bitmap(struct ak__vout *o, const struct ak_str *v);
int ak__v_capability(struct ak__vout *o, const struct ak_str *v, unsigned base);
int ak__v_signal(struct ak__vout *o, const struct ak_str *v, unsigned base);
/* @key's name in table @id, else @pre + @v as written + ")" (-ENOENT if @pre is NULL) */
int ak__v_enum(struct ak__vout *o, enum ak__vt id, uint64_t key, const struct ak_str *v, const char *pre);
int ak__v_dec_enum(struct ak__vout *o, enum ak__vt id, const struct ak_str *v, const char *pre);
int ak__v_hex_enum(struct ak__vout *o, enum ak__vt id, const struct ak_str *v, uint64_t mask, const char *pre);
int ak__v_protocol(struct ak__vout *o, const struct ak_str *v);
int ak__v_seccomp(struct ak__vout *o, const struct ak_str *v);
int ak__v_promisc(struct ak__vout *o, const struct ak_str *v);
int ak__v_open_flags(struct ak__vout *o, const struct ak_str *v);
int ak__v_mmap(struct ak__vout *o, const struct ak_str *v);
int ak__v_prot(struct ak__vout *o, const struct ak_str *v, int is_mmap);
int ak__v_flags(struct ak__vout *o, enum ak__vt id, const struct ak_str *v);
int ak__v_access(struct ak__vout *o, const struct ak_str *v);
int ak__v_clone(struct ak__vout *o, const struct ak_str *v);
int ak__v_personality(struct ak__vout *o, const struct ak_str *v);
int ak__v_sched(struct ak__vout *o, const struct ak_str *v);
int ak__v_fcntl(struct ak__vout *o, const struct ak_str *v);
int ak__v_epoll(struct ak__vout *o, const struct ak_str *v);
int ak__v_dirfd(struct ak__vout *o, const struct ak_str *v);
int ak__v_exit(struct ak__vout *o, const struct ak_str *v);
int ak__v_id(struct ak__vout *o, const struct ak_str *v);
int ak__v_shm(struct ak__vout *o, const struct ak_str *v);
int ak__v_macproto(struct ak__vout *o, const struct ak_str *v);
int ak__v_fanotify(struct ak__vout *o, const struct ak_str *v);
int ak__v_session(struct ak__vout *o, const struct ak_str *v);

#endif
