// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * EXECVE records: argc and the arguments a0, a1, ..., each quoted or hex.
 * The kernel writes a long argv over several EXECVE records of one event and
 * splits a long argument into pieces (a1_len=N a1[0]=... a1[1]=...), which may
 * themselves run on into the next records.  Per record, we decode what is
 * there, rebuild what is complete, and report only what is really missing.
 */
#include <string.h>

#include <auditkit/interp.h>

#include "records/interp-internal.h"

/*
 * EXECVE argument keys: "aN" gives N; "aN[M]" gives N and *@piece = M;
 * -1 for anything else.
 */
static long arg_key(struct ak_str k, long *piece)
{
	size_t i = 1;
	long n = 0, m = 0;

	*piece = -1;
	if (k.n < 2 || k.p[0] != 'a')
		return -1;
	for (; i < k.n && k.p[i] >= '0' && k.p[i] <= '9'; i++)
		if ((n = n * 10 + (k.p[i] - '0')) > 0x7fffffff)
			return -1;
	if (i == 1)
		return -1;
	if (i == k.n)
		return n;
	if (k.p[i] != '[' || k.p[k.n - 1] != ']' || i + 2 >= k.n)
		return -1;
	for (i++; i < k.n - 1; i++) {
		if (k.p[i] < '0' || k.p[i] > '9')
			return -1;
		if ((m = m * 10 + (k.p[i] - '0')) > 0x7fffffff)
			return -1;
	}
	*piece = m;
	return n;
}

/* "aN[M]" for @an bytes of "aN" in @kb; returns the key's length. */
static size_t piece_key(char *kb, size_t an, unsigned long m)
{
	size_t kn = an + 1 + ak__utoa(kb + an + 1, m);

	kb[an] = '[';
	kb[kn++] = ']';
	return kn;
}

/*
 * The kernel splits a long argument: a1_len=N a1[0]=... a1[1]=...  Each piece
 * is hex or quoted on its own.  When all N bytes are in this record (the pieces
 * may also run on in the next EXECVE records of the event), rebuild a1 in the
 * place of a1[0]; otherwise the pieces are decoded where they are.
 */
static void execve_join(struct ak__ip *c, size_t idx)
{
	struct ak__ip_ent *e = &c->e[idx];
	char kb[48];
	size_t an = (size_t)((const char *)memchr(e->key.p, '[', e->key.n) - e->key.p);
	size_t raw = 0, dec = 0, n = 0;
	long long want;
	long j;

	if (an + 28 > sizeof(kb) || ak__ip_lookup(c, e->key.p, an) >= 0)
		return; /* aN itself is present: leave the pieces alone */
	memcpy(kb, e->key.p, an);
	memcpy(kb + an, "_len", 4);
	j = ak__ip_lookup(c, kb, an + 4);
	if (j < 0 || ak__ip_parse_dec(c->e[j].val, &want) < 0)
		return;
	for (unsigned long m = 0; (j = ak__ip_lookup(c, kb, piece_key(kb, an, m))) >= 0; m++) {
		const struct ak__ip_ent *pc = &c->e[j];
		int hex = !(pc->flags & E_QUOTED) && ak_hex_is_upper(pc->val.p, pc->val.n);

		raw += pc->val.n;
		dec += hex ? pc->val.n / 2 : pc->val.n;
	}
	if ((long long)dec != want)
		return; /* incomplete here */
	char *p = ak__ip_balloc(c, dec);

	if (!p)
		return;
	for (unsigned long m = 0; (j = ak__ip_lookup(c, kb, piece_key(kb, an, m))) >= 0; m++) {
		struct ak__ip_ent *pc = &c->e[j];
		int d = -1;

		if (!(pc->flags & E_QUOTED))
			d = ak__hex_decode(p + n, pc->val.p, pc->val.n, AK_HEX_NUL_KEEP);
		if (d >= 0) {
			n += (size_t)d;
		} else {
			memcpy(p + n, pc->val.p, pc->val.n);
			n += pc->val.n;
		}
		if (m)
			pc->flags |= E_DEL;
	}
	(void)raw;
	/* hexToString: up to the first NUL */
	const char *z = memchr(p, 0, n);

	if (z)
		n = (size_t)(z - p);
	/* a1[0] becomes a1, in place: its key is a prefix of the old one */
	e->val.p = p;
	e->val.n = n;
	e->flags = (e->flags & ~(uint32_t)E_QUOTED) | E_DONE;
	ak__ip_rename(c, idx, an);
}

/*
 * go-libaudit's execveArgs: argc, then a0..a(argc-1) must exist, each decoded
 * up to its first NUL.  Beyond it: every argument is decoded, split arguments
 * are rebuilt, and the kernel's own multi-record form is not an error: a long
 * argv continues in further EXECVE records of the event (which have no argc,
 * or hold the arguments after those here), so only a gap is reported.
 */
void ak__ip_execve(struct ak__ip *c)
{
	struct ak__ip_ent *e = ak__ip_known(c, K_ARGC);
	long long argc = -1;
	long maxarg = -1, piece;
	char kb[24];

	for (size_t i = 0; i < c->ne; i++) {
		struct ak__ip_ent *x = &c->e[i];

		if (!(x->flags & E_DEL) && arg_key(x->key, &piece) >= 0 && piece == 0)
			execve_join(c, i);
	}
	for (size_t i = 0; i < c->ne; i++) {
		struct ak__ip_ent *x = &c->e[i];
		long a = x->flags & E_DEL ? -1 : arg_key(x->key, &piece);

		if (a < 0)
			continue;
		if (a > maxarg)
			maxarg = a;
		if (!(x->flags & (E_DONE | E_QUOTED)))
			ak__ip_hex_value(c, x, AK_HEX_NUL_TRUNCATE);
	}
	if (!e) {
		if (maxarg < 0)
			ak__ip_set_error(c, "argc key not found");
		return;
	}
	if (ak__ip_parse_dec(e->val, &argc) < 0 || argc < 0 || argc > 4294967295ll ||
	    e->val.p[0] == '-' || e->val.p[0] == '+') {
		ak__ip_set_error(c, "failed to convert argc to number");
		return;
	}
	kb[0] = 'a';
	for (long long i = 0; i < argc && i <= maxarg; i++) {
		size_t kn = 1 + ak__utoa(kb + 1, (unsigned long long)i);

		if (ak__ip_lookup(c, kb, kn) >= 0)
			continue;
		memcpy(kb + kn, "_len", 4); /* split, and continued in the next record */
		if (ak__ip_lookup(c, kb, kn + 4) >= 0)
			continue;
		if (i < maxarg) /* a later argument is here: this one is missing */
			ak__ip_set_error2(c, "failed to find arg ", kb, kn);
		return;
	}
}
