// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * Interpretation, pass 2: the go-libaudit rules that decode a value or split
 * it into derived keys (spec §3.5): subj/obj contexts, SYSCALL/SECCOMP's
 * sig, arch, syscall and exe, SOCKADDR's saddr and AVC's seperms.  interp.c's
 * enrich() calls them in go-libaudit's order; the rules run on every record
 * (auid, ses, result, exit, key -> tags) stay there, inlined into its pass.
 * Derived keys are added through ak__ip_derive() as "followers" of the entry
 * they come from; decoded values go to the byte buffer (ak__ip_balloc()).
 */
#include <string.h>

#include <auditkit/interp.h>
#include <auditkit/tables.h>

#include "records/interp-internal.h"

/* Go's strconv.ParseInt(s, 16, 64). */
static int parse_hex64(struct ak_str s, long long *out)
{
	size_t i = 0;
	int neg = 0;
	unsigned long long v = 0, lim = 9223372036854775807ull;

	if (s.n && (s.p[0] == '-' || s.p[0] == '+'))
		neg = s.p[i++] == '-';
	if (i == s.n)
		return -1;
	for (; i < s.n; i++) {
		unsigned ch = (unsigned char)s.p[i], d = ch - '0';

		if (d > 9) {
			d = (ch | 0x20) - 'a'; /* 'a'-'f' or 'A'-'F' */
			if (d > 5)
				return -1;
			d += 10;
		}
		/* 15 digits cannot overflow; past them, check */
		if (i >= 15 && v > (lim + neg - d) / 16)
			return -1;
		v = v * 16 + d;
	}
	*out = neg ? (long long)(0 - v) : (long long)v;
	return 0;
}

int ak_ctx_split(struct ak_str parts[5], const char *s, size_t n)
{
	const char *end = s + n, *c;
	int np = 0;

	while (np < 4 && (c = memchr(s, ':', (size_t)(end - s)))) {
		parts[np].p = s;
		parts[np++].n = (size_t)(c - s);
		s = c + 1;
	}
	parts[np].p = s;
	parts[np++].n = (size_t)(end - s);
	return np;
}

const char *ak_arch_text(uint32_t arch, char *buf, size_t cap)
{
	static const char hx[] = "0123456789abcdef";
	const char *name = ak_arch_name(arch);
	char tmp[8];
	size_t n = 0, t = 0;

	if (name)
		return name;
	if (!buf || cap < 20)
		return "unknown";
	do {
		tmp[t++] = hx[arch & 15];
		arch >>= 4;
	} while (arch);
	memcpy(buf, "unknown[", 8);
	n = 8;
	while (t)
		buf[n++] = tmp[--t];
	buf[n++] = ']';
	buf[n] = '\0';
	return buf;
}

#define S(lit) { lit, sizeof(lit) - 1 }
static const struct ak_str ctx_keys[2][5] = {
	{ S("subj_user"), S("subj_role"), S("subj_domain"), S("subj_level"), S("subj_category") },
	{ S("obj_user"), S("obj_role"), S("obj_domain"), S("obj_level"), S("obj_category") },
};
#undef S

/* parseSELinuxContext: subj/obj into _user, _role, _domain, _level, _category. */
void ak__ip_split_context(struct ak__ip *c, int k, int which)
{
	struct ak__ip_ent *e = ak__ip_known(c, k);
	struct ak_str parts[5];

	if (!e)
		return;
	size_t idx = (size_t)(e - c->e);
	int np = ak_ctx_split(parts, e->val.p, e->val.n);

	e->flags |= E_DEL;
	for (int i = 0; i < np; i++)
		/* slices of the context: plain if it was */
		ak__ip_derive(c, idx, ctx_keys[which][i].p, ctx_keys[which][i].n, parts[i],
			      e->flags & E_PLAIN);
}

/* The decoded seperms list "read write" -> "read,write" (go-libaudit's strings.Fields + Join). */
void ak__ip_seperms(struct ak__ip *c)
{
	struct ak__ip_ent *e = ak__ip_known(c, K_SEPERMS);

	if (!e || !memchr(e->val.p, ' ', e->val.n))
		return;
	char *p = ak__ip_balloc(c, e->val.n);
	size_t n = 0;

	if (!p)
		return;
	for (size_t i = 0; i < e->val.n;) {
		while (i < e->val.n && (e->val.p[i] == ' ' || e->val.p[i] == '\t'))
			i++;
		if (i == e->val.n)
			break;
		if (n)
			p[n++] = ',';
		while (i < e->val.n && e->val.p[i] != ' ' && e->val.p[i] != '\t')
			p[n++] = e->val.p[i++];
	}
	ak__ip_set_val(e, (struct ak_str){ p, n }, 0);
}

/* AUDIT_ARCH_X86_64, its text in a record and its name (test-interp checks them). */
#define X86_64 0xc000003eu
static const char x86_64_name[] = "x86_64";
#define x86_64_word ((uint64_t)'c' | (uint64_t)'0' << 8 | (uint64_t)'0' << 16 | \
		     (uint64_t)'0' << 24 | (uint64_t)'0' << 32 | (uint64_t)'0' << 40 | \
		     (uint64_t)'3' << 48 | (uint64_t)'e' << 56)

const char *ak__ip_x86_64_name(void)
{
	return x86_64_name;
}

void ak__ip_syscall_rules(struct ak__ip *c, int seccomp)
{
	struct ak__ip_ent *e;
	long long v, arch = -1;

	if (seccomp) {
		e = ak__ip_known(c, K_SIG);
		if (!e) {
			ak__ip_set_error(c, "sig key not found");
		} else if (ak__ip_parse_dec(e->val, &v) < 0) {
			ak__ip_set_error(c, "failed to parse sig");
		} else if (v >= 1 && v <= 31) { /* Go's unix.SignalName knows 1..31 */
			const char *name = ak_signal_name((int)v);

			if (name)
				ak__ip_set_val(e, (struct ak_str){ name, strlen(name) }, E_PLAIN);
		}
	}
	e = ak__ip_known(c, K_ARCH);
	uint64_t w;

	if (!e) {
		ak__ip_set_error(c, "arch key not found");
	} else if (e->val.n == 8 && (memcpy(&w, e->val.p, 8), w == x86_64_word)) {
		/* the usual arch, as the general branch below would name it */
		ak__ip_balloc(c, 20);
		arch = X86_64;
		ak__ip_set_val(e, (struct ak_str){ x86_64_name, sizeof(x86_64_name) - 1 }, E_PLAIN);
	} else if (parse_hex64(e->val, &arch) < 0) {
		ak__ip_set_error(c, "failed to parse arch");
		arch = -1;
	} else {
		char *buf = ak__ip_balloc(c, 20);
		const char *t = ak_arch_text((uint32_t)arch, buf, buf ? 20 : 0);

		/* a table name or "unknown-arch(…)"-like text of ours: plain */
		ak__ip_set_val(e, (struct ak_str){ t, strlen(t) }, E_PLAIN);
	}
	e = ak__ip_known(c, K_SYSCALL);
	if (!e) {
		ak__ip_set_error(c, "syscall key not found");
	} else if (ak__ip_parse_dec(e->val, &v) < 0) {
		ak__ip_set_error(c, "failed to parse syscall");
	} else if (arch >= 0 && v >= 0 && v <= 0x7fffffff) {
		const char *name = ak_syscall_name((uint32_t)arch, (int)v);

		if (name)
			ak__ip_set_val(e, (struct ak_str){ name, strlen(name) }, E_PLAIN);
	}
	e = ak__ip_known(c, K_EXE);
	if (!e)
		ak__ip_set_error(c, "exe key not found");
	ak__ip_hex_value(c, e, AK_HEX_NUL_SPACE);
}

static const char *const sa_keys[] = { "family", "addr", "port", "flow", "path" };

void ak__ip_saddr(struct ak__ip *c)
{
	struct ak__ip_ent *e = ak__ip_known(c, K_SADDR);
	struct ak_sockaddr sa;
	const char *why;

	if (!e) {
		ak__ip_set_error(c, "saddr key not found");
		return;
	}
	size_t need = 128 + e->val.n / 2;
	char *buf = ak__ip_balloc(c, need);

	if (!buf)
		return;
	if (ak_sockaddr_decode(&sa, e->val.p, e->val.n, buf, need, &why) < 0) {
		ak__ip_set_error2(c, "failed to parse saddr: ", why, strlen(why));
		return;
	}
	size_t idx = (size_t)(e - c->e);
	const struct ak_str *v[] = { &sa.family, &sa.addr, &sa.port, &sa.flow, &sa.path };

	/* netlink and unknown families keep saddr as it is (go-libaudit re-adds it) */
	if (!sa.saddr.n)
		e->flags |= E_DEL;
	for (size_t i = 0; i < 5; i++)
		if (v[i]->n || (i == 4 && sa.family.n == 4 && !memcmp(sa.family.p, "unix", 4)))
			/* our text of numbers (family, address, port, flow);
			 * a unix path is the socket's bytes */
			ak__ip_derive(c, idx, sa_keys[i], strlen(sa_keys[i]), *v[i],
				      i == 4 ? 0 : E_PLAIN);
}
