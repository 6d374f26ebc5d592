// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * Lookups over the generated tables in lib/tables/: number -> name is a
 * direct index into an offset array (as audit-userspace's i2s), name ->
 * number a generated perfect hash and one compare (where audit-userspace
 * binary-searches), with no build-time host tool.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include <auditkit/tables.h>
#include <linux/audit.h>

#include "tables/tables.h"

enum fold { FOLD_NONE, FOLD_UPPER, FOLD_LOWER };

static int fail(int err)
{
	errno = err;
	return -err;
}

/* ASCII case folding of a key byte; the tables are one-case. */
static inline unsigned char fold_byte(unsigned char c, enum fold fold)
{
	if (fold == FOLD_UPPER && c >= 'a' && c <= 'z')
		return (unsigned char)(c - 'a' + 'A');
	if (fold == FOLD_LOWER && c >= 'A' && c <= 'Z')
		return (unsigned char)(c - 'A' + 'a');
	return c;
}

/* Does the folded key equal the name?  Inline: names are short. */
static inline bool same(const char *key, size_t klen, const char *name, size_t nlen, enum fold fold)
{
	if (klen != nlen)
		return false;
	if (memcmp(key, name, klen) == 0)
		return true; /* the usual case: already in the table's case */
	for (size_t i = 0; i < klen; i++) {
		if (fold_byte((unsigned char)key[i], fold) != (unsigned char)name[i])
			return false;
	}
	return true;
}

/*
 * The hash functions of scripts/gen-tables.py (keep the two in step).  Bytes
 * are masked with 0xdf, clearing the ASCII case bit, so a key and its
 * case-folded form hash alike (other bytes change too, but the same way for
 * both).  Loads are little-endian whatever the host.
 */
static inline uint64_t load_le(const unsigned char *p, size_t n)
{
	uint64_t v = 0;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (n == 8) {
		memcpy(&v, p, 8);
		return v & 0xdfdfdfdfdfdfdfdfu;
	}
	if (n >= 4) {
		/* two overlapping words; the shared bytes land on the same bits */
		uint32_t lo, hi;

		memcpy(&lo, p, 4);
		memcpy(&hi, p + n - 4, 4);
		v = lo | (uint64_t)hi << (8 * (n - 4));
		return v & 0xdfdfdfdfdfdfdfdfu;
	}
#endif
	for (size_t i = n; i-- > 0;)
		v = v << 8 | p[i];
	return v & 0xdfdfdfdfdfdfdfdfu;
}

static inline uint32_t key_hash(const char *key, size_t n)
{
	const unsigned char *p = (const unsigned char *)key;
	uint64_t first, last = 0, mid = 0, h;

	if (n >= 8) {
		first = load_le(p, 8);
		last = load_le(p + n - 8, 8);
		if (n > 16)
			mid = load_le(p + n / 2 - 4, 8);
	} else {
		first = load_le(p, n);
	}
	h = first * 0x9E3779B97F4A7C15u + last * 0xC2B2AE3D27D4EB4Fu + mid * 0x165667B19E3779F9u +
	    n;
	return (uint32_t)(h ^ (h >> 32));
}

static inline uint32_t mix(uint32_t h, uint32_t seed)
{
	uint32_t x = (h ^ seed * 0x9E3779B9u) * 0x85EBCA6Bu;

	return x ^ (x >> 16);
}

static inline uint32_t reduce(uint32_t x, uint32_t n)
{
	return (uint32_t)(((uint64_t)x * n) >> 32);
}

/* Perfect-hash lookup of the (folded) key; the entry's idx, or -1. */
static inline long find(const char *pool, const struct ak__index *ix, const char *key, size_t len,
			enum fold fold)
{
	const struct ak__entry *e;
	uint32_t h;
	uint16_t slot;

	if (len >= AK__NAME_MAX)
		return -1; /* longer than every name */
	h = key_hash(key, len);
	slot = ix->slots[reduce(mix(h, ix->seeds[reduce(mix(h, 0), ix->nbuckets)]), ix->nslots)];
	if (slot >= ix->n)
		return -1;
	e = &ix->byname[slot];
	return same(key, len, pool + e->off, e->len, fold) ? e->idx : -1;
}

static const char *table_name(const struct ak__table *t, int64_t nr)
{
	uint16_t off;

	if (nr < t->base || nr - t->base >= t->count)
		return NULL;
	off = t->off[nr - t->base];
	return off ? t->pool + off : NULL;
}

static int table_number(const struct ak__table *t, const char *name, size_t len, enum fold fold)
{
	long idx;

	if (!name)
		return fail(EINVAL);
	idx = find(t->pool, &t->names, name, len, fold);
	if (idx < 0)
		return fail(ENOENT);
	return (int)(t->base + (uint32_t)idx);
}

const char *ak_msgtype_name(uint32_t type)
{
	return table_name(&ak__msgtypes, type);
}

/*
 * go-libaudit's GetAuditMessageType: after the name lookup fails, any
 * "X[n]" names record type n, n a decimal that fits in 16 bits.  Unlike
 * go-libaudit we insist the ']' ends the name.
 */
static int bracketed_number(const char *name, size_t len)
{
	const char *open = memchr(name, '[', len);
	size_t i, start;
	uint32_t n = 0;

	if (!open || len < 3 || name[len - 1] != ']')
		return -1;
	start = (size_t)(open - name) + 1;
	if (start >= len - 1)
		return -1; /* "[]" */
	for (i = start; i < len - 1; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		n = n * 10 + (uint32_t)(name[i] - '0');
		if (n > UINT16_MAX)
			return -1;
	}
	return (int)n;
}

/*
 * The kernel's commonest record types as it writes them (upper case): a
 * compare or two chosen by length, where the hash and its compare cost ~90
 * instructions, for every record a log parser reads.  -1 for other names.
 */
static inline int common_msgtype(const char *name, size_t len)
{
#define IS_NAME(lit) (memcmp(name, lit, sizeof(lit) - 1) == 0)
	switch (len) {
	case 3:
		if (IS_NAME("CWD"))
			return AUDIT_CWD;
		if (IS_NAME("AVC"))
			return AUDIT_AVC;
		break;
	case 4:
		if (IS_NAME("PATH"))
			return AUDIT_PATH;
		break;
	case 6:
		if (IS_NAME("EXECVE"))
			return AUDIT_EXECVE;
		break;
	case 7:
		if (IS_NAME("SYSCALL"))
			return AUDIT_SYSCALL;
		break;
	case 8:
		if (IS_NAME("SOCKADDR"))
			return AUDIT_SOCKADDR;
		break;
	case 9:
		if (IS_NAME("PROCTITLE"))
			return AUDIT_PROCTITLE;
		break;
	case 10:
		if (IS_NAME("BPRM_FCAPS"))
			return AUDIT_BPRM_FCAPS;
		break;
	case 13:
		if (IS_NAME("CONFIG_CHANGE"))
			return AUDIT_CONFIG_CHANGE;
		if (IS_NAME("NETFILTER_CFG"))
			return AUDIT_NETFILTER_CFG;
		break;
	}
	return -1;
#undef IS_NAME
}

int ak_msgtype_number(const char *name, size_t len)
{
	long idx;
	int n;

	if (!name)
		return fail(EINVAL);
	n = common_msgtype(name, len);
	if (n >= 0)
		return n;
	idx = find(ak__msgtypes.pool, &ak__msgtypes.names, name, len, FOLD_UPPER);
	if (idx >= 0)
		return (int)(ak__msgtypes.base + (uint32_t)idx);
	n = bracketed_number(name, len);
	return n >= 0 ? n : fail(ENOENT);
}

/* The architecture with AUDIT_ARCH_* value @arch, or NULL. */
static const struct ak__arch *arch_find(uint32_t arch)
{
	size_t lo = 0, hi = ak__arches.n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint32_t v = ak__arches.byvalue[mid].value;

		if (v == arch)
			return &ak__arches.byvalue[mid];
		if (arch < v)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const char *ak_arch_name(uint32_t arch)
{
	const struct ak__arch *a = arch_find(arch);

	return a ? ak__arches.pool + a->off : NULL;
}

int ak_arch_number(const char *name, size_t len, uint32_t *arch)
{
	long idx;

	if (!name)
		return fail(EINVAL);
	idx = find(ak__arches.pool, &ak__arches.names, name, len, FOLD_LOWER);
	if (idx < 0)
		return fail(ENOENT);
	if (arch)
		*arch = ak__arches.byvalue[idx].value;
	return 0;
}

int ak_arch_at(size_t i, uint32_t *arch, const char **name)
{
	const struct ak__arch *a;

	if (i >= ak__arches.n)
		return fail(ENOENT);
	a = &ak__arches.byvalue[ak__arches.names.byname[i].idx];
	if (arch)
		*arch = a->value;
	if (name)
		*name = ak__arches.pool + a->off;
	return 0;
}

/* The syscall table of @arch, or NULL. */
static const struct ak__table *syscalls_of(uint32_t arch)
{
	const struct ak__arch *a = arch_find(arch);

	return a && a->syscalls >= 0 ? &ak__syscalls[a->syscalls] : NULL;
}

const char *ak_syscall_name(uint32_t arch, int nr)
{
	const struct ak__table *t = syscalls_of(arch);

	return t ? table_name(t, nr) : NULL;
}

int ak_syscall_number(uint32_t arch, const char *name, size_t len)
{
	const struct ak__table *t = syscalls_of(arch);

	if (!name)
		return fail(EINVAL);
	if (!t)
		return fail(ENOENT);
	return table_number(t, name, len, FOLD_NONE);
}

int ak_syscall_limit(uint32_t arch)
{
	const struct ak__table *t = syscalls_of(arch);

	if (!t)
		return fail(ENOENT);
	return (int)(t->base + t->count);
}

const char *ak_errno_name(int err)
{
	return table_name(&ak__errnos, err);
}

int ak_errno_number(const char *name, size_t len)
{
	return table_number(&ak__errnos, name, len, FOLD_NONE);
}

const char *ak_signal_name(int sig)
{
	return table_name(&ak__signals, sig);
}

int ak_signal_number(const char *name, size_t len)
{
	return table_number(&ak__signals, name, len, FOLD_NONE);
}
