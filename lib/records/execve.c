// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * EXECVE records: argc and the arguments a0, a1, ..., each quoted or hex.
 * The kernel writes a long argv over several EXECVE records of one event and
 * splits a long argument into pieces (a1_len=N a1[0]=... a1[1]=...), which may
 * themselves run on into the next records.  Per record, we decode what is
 * there, rebuild what is complete, and report only what is really missing.
 */
#include <errno.h>
#include <string.h>

#include <linux/audit.h>

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
	/* the kernel's aN_len counts the argument as written: hex digits, or characters */
	if ((long long)raw != want)
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
	/* hexToString: up to the first NUL */
	const char *z = memchr(p, 0, n);

	if (z)
		n = (size_t)(z - p);
	/* a1[0] becomes a1, in place: its key is a prefix of the old one */
	ak__ip_set_val(e, (struct ak_str){ p, n }, 0);
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

	int pieces = 0;

	/*
	 * Whole arguments are decoded in one pass (a join reads only pieces,
	 * aN_len and whether aN exists, so the order between them is free);
	 * when there are split ones (aN[M]), they are rebuilt, or else decoded
	 * where they are, in two more passes.
	 */
	for (size_t i = 0; i < c->ne; i++) {
		struct ak__ip_ent *x = &c->e[i];
		long a = x->flags & E_DEL ? -1 : arg_key(x->key, &piece);

		if (a < 0)
			continue;
		if (piece >= 0) {
			pieces = 1;
			continue;
		}
		if (a > maxarg)
			maxarg = a;
		if (!(x->flags & (E_DONE | E_QUOTED)))
			ak__ip_hex_value(c, x, AK_HEX_NUL_TRUNCATE);
	}
	if (pieces) {
		for (size_t i = 0; i < c->ne; i++) {
			struct ak__ip_ent *x = &c->e[i];

			if (!(x->flags & E_DEL) && arg_key(x->key, &piece) >= 0 && piece == 0)
				execve_join(c, i);
		}
		/* the pieces left, and the rebuilt arguments (decoded: E_DONE) */
		for (size_t i = 0; i < c->ne; i++) {
			struct ak__ip_ent *x = &c->e[i];
			long a = x->flags & E_DEL ? -1 : arg_key(x->key, &piece);

			if (a < 0)
				continue;
			if (a > maxarg)
				maxarg = a;
			if (piece >= 0 && !(x->flags & (E_DONE | E_QUOTED)))
				ak__ip_hex_value(c, x, AK_HEX_NUL_TRUNCATE);
		}
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

/*
 * An event's argv over its EXECVE records.  The kernel writes arguments in
 * order, and the pieces of one split argument consecutively, so one pass in
 * record order can append each run of pieces into @buf.  Whole arguments come
 * from the interpretations (decoded, rebuilt where a record held all pieces);
 * pieces come from the records' own fields, whose written length is what the
 * kernel's aN_len counts (hex digits, or characters).
 */
int ak_execve_argv(const struct ak_rec *recs, const struct ak_interp *ips, size_t n,
		   struct ak_str *argv, size_t cap, char *buf, size_t bufcap)
{
	long long argc = -1, want = -1;
	long cur = -1, next_piece = 0, piece, a;
	size_t pos = 0, start = 0, written = 0, seen = 0;
	int ret = 0, hexed = 0;

	for (size_t i = 0; i < cap; i++)
		argv[i] = (struct ak_str){ NULL, 0 };
	for (size_t r = 0; r < n; r++) {
		if (recs[r].type != AUDIT_EXECVE)
			continue;
		for (size_t j = 0; j < ips[r].nkv; j++) {
			const struct ak_kv *kv = &ips[r].kv[j];

			if (kv->key.n == 4 && !memcmp(kv->key.p, "argc", 4)) {
				if (argc < 0 && (ak__ip_parse_dec(kv->val, &argc) < 0 || argc < 0))
					argc = -1;
				continue;
			}
			if ((a = arg_key(kv->key, &piece)) < 0 || piece >= 0)
				continue;
			if ((size_t)a + 1 > seen)
				seen = (size_t)a + 1;
			if ((size_t)a >= cap)
				ret = -ERANGE;
			else if (!argv[a].p)
				argv[a] = kv->val;
		}
		for (size_t j = 0; j < recs[r].nfields; j++) {
			const struct ak_field *f = &recs[r].fields[j];

			if (f->flags & AK_F_ENRICHED)
				continue;
			if ((a = arg_key(f->key, &piece)) < 0 || piece < 0) {
				/* aN_len: the written length of the argument that follows */
				if (f->key.n > 5 && f->key.p[0] == 'a' &&
				    !memcmp(f->key.p + f->key.n - 4, "_len", 4) &&
				    ak__ip_parse_dec(f->val, &want) < 0)
					want = -1;
				continue;
			}
			if ((size_t)a + 1 > seen)
				seen = (size_t)a + 1;
			if (piece == 0) {
				cur = a;
				next_piece = 0;
				start = pos;
				written = 0;
				hexed = 0;
			}
			if (a != cur || piece != next_piece) { /* out of order: leave it out */
				cur = -1;
				continue;
			}
			next_piece++;
			if ((size_t)a >= cap || bufcap - pos < f->val.n) {
				ret = -ERANGE;
				cur = -1;
				continue;
			}
			int d = -1;

			if (!(f->flags & (AK_F_DQUOTE | AK_F_SQUOTE)))
				d = ak__hex_decode(buf + pos, f->val.p, f->val.n, AK_HEX_NUL_KEEP);
			if (d >= 0) {
				pos += (size_t)d;
				hexed = 1;
			} else {
				memcpy(buf + pos, f->val.p, f->val.n);
				pos += f->val.n;
			}
			written += f->val.n;
			if (want < 0 || written != (size_t)want || argv[a].p)
				continue;
			const char *z = hexed ? memchr(buf + start, 0, pos - start) : NULL;
			size_t len = (size_t)((z ? z : buf + pos) - (buf + start));

			argv[a] = (struct ak_str){ buf + start, len };
			cur = -1;
		}
	}
	if (ret < 0) {
		errno = -ret;
		return ret;
	}
	if (argc < 0)
		argc = (long long)seen;
	return argc > 0x7fffffff ? 0x7fffffff : (int)argc;
}
