// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * Interpretation: go-libaudit's AuditMessage.Data() and Tags() over a parsed
 * record, without allocating.
 *
 * Three passes, all linear in the number of fields:
 *  1. collect: every data field into an entry table, deduplicated through an
 *     open-addressing hash of the keys (last value wins, first position kept);
 *     keys the rules care about are classified on the way (known[]), so the
 *     rules find them without hashing.  A record whose keys are one of the
 *     usual lists of its type (shapes.c) is collected by comparing its keys
 *     with the list, which knows they are distinct and which are known[];
 *     its hash table is then built only if a rule looks a key up;
 *  2. enrich: go-libaudit's rules, in its order (spec §3.5; the decoding
 *     ones are in interp_rules.c, EXECVE's in execve.c).  A rule deletes by
 *     marking, adds derived keys (subj_user, family, result...) as
 *     "followers" chained to the entry they come from, so they come out
 *     where their source was;
 *  3. emit: entries in order, each followed by its followers, into out->kv.
 *
 * The scratch block holds, in order: the entries, the hash slots, the output
 * pairs and their plain flags (all sized by the record's field count), then the bytes of decoded
 * values and the tags, which get the rest.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <linux/audit.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <auditkit/interp.h>
#include <auditkit/tables.h>

#include "core/keyhash.h"
#include "records/interp-internal.h"
#include "records/line-span.h"

static inline int keq(struct ak_str a, const char *s, size_t n)
{
	return a.n == n && memcmp(a.p, s, n) == 0;
}

#define KEQ(a, lit) keq((a), lit, sizeof(lit) - 1)

/* The collect pass takes a field's quote and plain bits as they are. */
_Static_assert((int)E_PLAIN == (int)AK_F_PLAIN, "E_PLAIN is AK_F_PLAIN");
_Static_assert((int)E_QUOTED == (int)(AK_F_DQUOTE | AK_F_SQUOTE), "E_QUOTED is the quote bits");

/* The keys the rules use, by K_ id (padded: their words are read at once). */
static const struct {
	char p[16];
	unsigned char n;
} knames[K_N] = {
#define N(id, lit) [id] = { lit, sizeof(lit) - 1 }
	N(K_AUID, "auid"), N(K_OLD_AUID, "old-auid"), N(K_SES, "ses"), N(K_SUBJ, "subj"),
	N(K_SUCCESS, "success"), N(K_RES, "res"), N(K_EXIT, "exit"), N(K_KEY, "key"),
	N(K_CWD, "cwd"), N(K_SIG, "sig"), N(K_ARCH, "arch"), N(K_SYSCALL, "syscall"),
	N(K_EXE, "exe"), N(K_SADDR, "saddr"), N(K_PROCTITLE, "proctitle"), N(K_CMD, "cmd"),
	N(K_DATA, "data"), N(K_ARGC, "argc"), N(K_OBJ, "obj"), N(K_NAME, "name"),
	N(K_ACCT, "acct"), N(K_SEPERMS, "seperms"),
#undef N
};

/*
 * The same keys by the top byte of their ak__key_hash(), K_ id + 1: no two
 * share one, so a key is classified by one load and, for the few that land
 * on a used byte, one comparison of its words.  Derived from keyhash.h:
 * test-interp checks every name (and prints the table to paste if the hash
 * ever changes).
 */
static const unsigned char kbyhash[256] = {
	[0x03] = K_OLD_AUID + 1, [0x05] = K_CWD + 1,     [0x1d] = K_OBJ + 1,
	[0x27] = K_SUBJ + 1,     [0x3c] = K_EXIT + 1,    [0x4f] = K_ARCH + 1,
	[0x54] = K_SADDR + 1,    [0x6a] = K_SYSCALL + 1, [0x6c] = K_RES + 1,
	[0x71] = K_SUCCESS + 1,  [0x75] = K_ARGC + 1,    [0x96] = K_CMD + 1,
	[0xa2] = K_AUID + 1,     [0xb0] = K_NAME + 1,    [0xbc] = K_SES + 1,
	[0xbd] = K_ACCT + 1,     [0xcb] = K_PROCTITLE + 1, [0xcd] = K_KEY + 1,
	[0xdc] = K_SEPERMS + 1,  [0xea] = K_EXE + 1,     [0xfb] = K_DATA + 1,
	[0xfc] = K_SIG + 1,
};

/* The K_ id of the key of @n bytes with words @a, @b and hash @h; -1 for any other. */
static inline int classify(size_t n, uint64_t a, uint64_t b, uint32_t h)
{
	unsigned x = kbyhash[h >> 24];
	uint64_t ka, kb;

	if (!x || knames[--x].n != n)
		return -1;
	ak__key_words(knames[x].p, n, &ka, &kb);
	return ka == a && kb == b ? (int)x : -1;
}

int ak__ip_classify(const char *k, size_t n)
{
	uint64_t a, b;

	ak__key_words(k, n, &a, &b);
	return classify(n, a, b, ak__key_mix(a, b, n));
}

/* The entry for @key (hash @h), or -1; with @ins, the slot where it would go in *@ins. */
static inline __attribute__((always_inline)) long find_h(struct ak__ip *c, const char *k, size_t n,
							   uint32_t h, uint32_t **ins)
{
	size_t i = h & c->mask;

	for (;; i = (i + 1) & c->mask) {
		uint32_t s = c->slot[i];

		if (!s) {
			if (ins)
				*ins = &c->slot[i];
			return -1;
		}
		if (keq(c->e[s - 1].key, k, n))
			return (long)s - 1;
	}
}

static inline __attribute__((always_inline)) long find(struct ak__ip *c, const char *k, size_t n,
							 uint32_t **ins)
{
	return find_h(c, k, n, ak__key_hash(k, n), ins);
}

/* A shaped record's hash table, when a rule first needs it. */
static __attribute__((noinline)) void build_slots(struct ak__ip *c)
{
	uint32_t *ins;

	memset(c->slot, 0, (c->mask + 1) * sizeof(uint32_t));
	for (size_t i = 0; i < c->ne; i++)
		if (find(c, c->e[i].key.p, c->e[i].key.n, &ins) < 0)
			*ins = (uint32_t)i + 1;
	c->lazy = 0;
}

long ak__ip_lookup(struct ak__ip *c, const char *k, size_t n)
{
	if (c->lazy)
		build_slots(c);
	long i = find(c, k, n, NULL);

	return i >= 0 && !(c->e[i].flags & E_DEL) ? i : -1;
}

/* Entry @idx's key becomes its first @n bytes (a prefix), findable under it. */
void ak__ip_rename(struct ak__ip *c, size_t idx, size_t n)
{
	uint32_t *ins;

	if (c->lazy)
		build_slots(c);
	c->e[idx].key.n = n;
	if (find(c, c->e[idx].key.p, n, &ins) < 0)
		*ins = (uint32_t)idx + 1;
}

/* go-libaudit's fm.add(key, value) for a key derived from entry @from; @plain
 * (0 or E_PLAIN) says whether the value is plain, the key always is. */
void ak__ip_derive(struct ak__ip *c, size_t from, const char *key, size_t kn, struct ak_str val,
		   uint32_t plain)
{
	uint32_t *ins = NULL;
	long i = -1;

	if (c->lazy) {
		/* a shape has no derived key: only an earlier derived one can be it */
		for (size_t j = c->nrec; j < c->ne; j++)
			if (keq(c->e[j].key, key, kn)) {
				i = (long)j;
				break;
			}
	} else {
		i = find(c, key, kn, &ins);
	}
	if (i >= 0) { /* overwrite, or revive a deleted key where it was */
		c->e[i].val = val;
		c->e[i].flags = (c->e[i].flags & ~(uint32_t)(E_QUOTED | E_DEL | E_PLAIN)) | plain;
		return;
	}
	if (c->ne >= c->ecap) { /* cannot happen: MAX_DERIVED bounds the additions */
		c->overflow = 1;
		return;
	}
	size_t h = (c->e[from].flags & E_FOLLOWER) ? c->e[from].head - 1 : from;
	struct ak__ip_ent *e = &c->e[c->ne];

	e->key.p = key;
	e->key.n = kn;
	e->val = val;
	e->flags = E_FOLLOWER | plain;
	e->next = e->tail = 0;
	e->head = (uint32_t)h + 1;
	if (c->e[h].flags & E_HEAD)
		c->e[c->e[h].tail - 1].next = (uint32_t)c->ne + 1;
	else
		c->e[h].next = (uint32_t)c->ne + 1;
	c->e[h].tail = (uint32_t)c->ne + 1;
	c->e[h].flags |= E_HEAD;
	if (ins)
		*ins = (uint32_t)(c->ne + 1);
	/* (no derived key is one of known[]'s: test-interp-shapes checks) */
	c->ne++;
}

char *ak__ip_balloc(struct ak__ip *c, size_t n)
{
	if (c->bcap - c->bn < n) {
		c->overflow = 1;
		return NULL;
	}
	char *p = c->b + c->bn;

	c->bn += n;
	return p;
}

void ak__ip_set_error(struct ak__ip *c, const char *msg)
{
	if (!c->error)
		c->error = msg;
}

/* "prefix" + @s as the error (kept in the byte buffer). */
void ak__ip_set_error2(struct ak__ip *c, const char *prefix, const char *s, size_t n)
{
	size_t pn = strlen(prefix);
	char *p;

	if (c->error)
		return;
	p = ak__ip_balloc(c, pn + n + 1);
	if (!p) {
		c->error = prefix;
		return;
	}
	memcpy(p, prefix, pn);
	memcpy(p + pn, s, n);
	p[pn + n] = '\0';
	c->error = p;
}

/* go-libaudit's hexDecode(key): decode an unquoted upper-case hex value in place. */
void ak__ip_hex_value(struct ak__ip *c, struct ak__ip_ent *e, int mode)
{
	if (!e || (e->flags & E_QUOTED) || e->val.n < 2 || (e->val.n & 1))
		return;
	size_t save = c->bn;
	char *p = ak__ip_balloc(c, e->val.n / 2);

	if (!p)
		return;
	int n = ak__hex_decode(p, e->val.p, e->val.n, mode);

	if (n < 0) { /* not hex: a plain string */
		c->bn = save;
		return;
	}
	c->bn = save + (size_t)n;
	ak__ip_set_val(e, (struct ak_str){ p, (size_t)n }, 0);
}

/* Go's strconv.Atoi / ParseInt(s, 10, 64). */
int ak__ip_parse_dec(struct ak_str s, long long *out)
{
	size_t i = 0;
	int neg = 0;
	unsigned long long v = 0, lim = 9223372036854775807ull;

	if (s.n && (s.p[0] == '-' || s.p[0] == '+'))
		neg = s.p[i++] == '-';
	if (i == s.n)
		return -1;
	if (s.n - i <= 18) { /* the usual: too few digits to overflow */
		for (; i < s.n; i++) {
			unsigned d = (unsigned char)s.p[i] - '0';

			if (d > 9)
				return -1;
			v = v * 10 + d;
		}
	}
	for (; i < s.n; i++) {
		unsigned d = (unsigned char)s.p[i] - '0';

		if (d > 9 || v > (lim + neg - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = neg ? (long long)(0 - v) : (long long)v;
	return 0;
}

static void unset_id(struct ak__ip *c, int k)
{
	struct ak__ip_ent *e = ak__ip_known(c, k);

	if (e && (KEQ(e->val, "4294967295") || KEQ(e->val, "-1")))
		ak__ip_set_val(e, AK_STR_LIT("unset"), E_PLAIN);
}

/* success (syscalls) or else res (user space) -> result=success|fail. */
static inline __attribute__((always_inline)) void result(struct ak__ip *c)
{
	struct ak__ip_ent *e = ak__ip_known(c, K_SUCCESS);

	if (!e)
		e = ak__ip_known(c, K_RES);
	if (!e)
		return;
	struct ak_str v = e->val;
	int ok = (v.n == 3 && (v.p[0] | 0x20) == 'y' && (v.p[1] | 0x20) == 'e' &&
		  (v.p[2] | 0x20) == 's') ||
		 (v.n == 1 && v.p[0] == '1') ||
		 (v.n >= 3 && (v.p[0] | 0x20) == 's' && (v.p[1] | 0x20) == 'u' &&
		  (v.p[2] | 0x20) == 'c');

	e->flags |= E_DEL;
	ak__ip_derive(c, (size_t)(e - c->e), "result", 6,
		      ok ? AK_STR_LIT("success") : AK_STR_LIT("fail"), E_PLAIN);
}

static inline __attribute__((always_inline)) void exit_name(struct ak__ip *c)
{
	struct ak__ip_ent *e = ak__ip_known(c, K_EXIT);
	long long v;
	const char *name;

	if (!e || ak__ip_parse_dec(e->val, &v) < 0 || v >= 0 || v < -2147483647)
		return;
	name = ak_errno_name((int)-v);
	if (name) /* table names are plain */
		ak__ip_set_val(e, (struct ak_str){ name, strlen(name) }, E_PLAIN);
}

/* Room for @n tags in the byte buffer (aligned). */
static struct ak_str *tag_array(struct ak__ip *c, size_t n)
{
	size_t pad = (size_t)(-(uintptr_t)(c->b + c->bn) & 7);
	char *p = ak__ip_balloc(c, pad + n * sizeof(struct ak_str));

	return p ? (struct ak_str *)(void *)(p + pad) : NULL;
}

/* The rule key(s) become tags: hex "a\001b" (several keys), or "key=net", or "net". */
static inline __attribute__((always_inline)) void tags(struct ak__ip *c, struct ak_interp *out)
{
	struct ak__ip_ent *e = ak__ip_known(c, K_KEY);
	struct ak_str *tg;

	if (!e)
		return;
	e->flags |= E_DEL;
	if (!(e->flags & E_QUOTED) && e->val.n && !(e->val.n & 1)) {
		/* upper-case hex: decoded (the decoder validates), else as it is */
		size_t save = c->bn, start = 0, nt = 1;

		if (c->bcap - c->bn < e->val.n / 2) {
			if (ak_hex_is_upper(e->val.p, e->val.n)) {
				c->overflow = 1;
				return;
			}
			goto plain;
		}
		char *p = ak__ip_balloc(c, e->val.n / 2);
		int n = ak__hex_decode(p, e->val.p, e->val.n, AK_HEX_NUL_KEEP);

		if (n >= 0) {
			for (int i = 0; i < n; i++)
				nt += p[i] == 0x01;
			tg = tag_array(c, nt);
			if (!tg)
				return;
			for (size_t i = 0; i <= (size_t)n; i++) {
				if (i == (size_t)n || p[i] == 0x01) {
					tg[out->ntags].p = p + start;
					tg[out->ntags++].n = i - start;
					start = i + 1;
				}
			}
			out->tags = tg;
			return;
		}
		c->bn = save;
	}
plain:
	tg = tag_array(c, 1);
	if (!tg)
		return;
	const char *eq = memchr(e->val.p, '=', e->val.n);

	if (eq) {
		tg[0].p = eq + 1;
		tg[0].n = e->val.n - (size_t)(eq + 1 - e->val.p);
	} else {
		tg[0] = e->val;
	}
	out->tags = tg;
	out->ntags = 1;
}

static inline __attribute__((always_inline)) void enrich(struct ak__ip *c)
{
	uint32_t type = c->rec->type;

	unset_id(c, K_AUID);
	unset_id(c, K_OLD_AUID);
	unset_id(c, K_SES);
	ak__ip_split_context(c, K_SUBJ, 0);
	result(c);
	exit_name(c);
	/* (rule 5, key -> tags, is done by the caller: it needs the tag array) */
	ak__ip_hex_value(c, ak__ip_known(c, K_CWD), AK_HEX_NUL_SPACE);
	switch (type) {
	case AUDIT_SECCOMP:
		ak__ip_syscall_rules(c, 1);
		break;
	case AUDIT_SYSCALL:
		ak__ip_syscall_rules(c, 0);
		break;
	case AUDIT_SOCKADDR:
		ak__ip_saddr(c);
		break;
	case AUDIT_PROCTITLE:
		if (!ak__ip_known(c, K_PROCTITLE))
			ak__ip_set_error(c, "proctitle key not found");
		ak__ip_hex_value(c, ak__ip_known(c, K_PROCTITLE), AK_HEX_NUL_SPACE);
		break;
	case T_USER_CMD:
		if (!ak__ip_known(c, K_CMD))
			ak__ip_set_error(c, "cmd key not found");
		ak__ip_hex_value(c, ak__ip_known(c, K_CMD), AK_HEX_NUL_SPACE);
		break;
	case AUDIT_TTY:
	case AUDIT_USER_TTY:
		if (!ak__ip_known(c, K_DATA))
			ak__ip_set_error(c, "data key not found");
		ak__ip_hex_value(c, ak__ip_known(c, K_DATA), AK_HEX_NUL_SPACE);
		break;
	case AUDIT_EXECVE:
		ak__ip_execve(c);
		break;
	case AUDIT_PATH:
		ak__ip_split_context(c, K_OBJ, 1);
		ak__ip_hex_value(c, ak__ip_known(c, K_NAME), AK_HEX_NUL_SPACE);
		break;
	case T_USER_LOGIN:
		ak__ip_hex_value(c, ak__ip_known(c, K_ACCT), AK_HEX_NUL_SPACE);
		break;
	case AUDIT_AVC:
		ak__ip_seperms(c);
		break;
	}
}

/* go-libaudit's strings.Trim(v, `'" `). */
static const unsigned char trimmed[256] = { [' '] = 1, ['"'] = 1, ['\''] = 1 };

static inline struct ak_str trim(struct ak_str v)
{
	if (v.n && !(trimmed[(unsigned char)v.p[0]] | trimmed[(unsigned char)v.p[v.n - 1]]))
		return v;
	while (v.n && (v.p[0] == ' ' || v.p[0] == '"' || v.p[0] == '\''))
		v.p++, v.n--;
	while (v.n && (v.p[v.n - 1] == ' ' || v.p[v.n - 1] == '"' || v.p[v.n - 1] == '\''))
		v.n--;
	return v;
}

/* trimmed[] and the first bytes of a dropped value ("?", "?,", "(null)"). */
static const unsigned char edge_first[256] = { [' '] = 1, ['"'] = 1, ['\''] = 1, ['?'] = 1,
					       ['('] = 1 };

static inline int dropped(struct ak_str v)
{
	switch (v.n) {
	case 0:
		return 1;
	case 1:
		return v.p[0] == '?';
	case 2:
		return v.p[0] == '?' && v.p[1] == ',';
	case 6:
		return memcmp(v.p, "(null)", 6) == 0;
	}
	return 0;
}

#define ALIGN(x) (((x) + 15) & ~(size_t)15)

/* The fixed part of the scratch block: entries, hash slots, output pairs. */
static inline size_t layout(size_t nfields, size_t *ecap, size_t *hsize)
{
	*ecap = nfields + MAX_DERIVED;
	/* more slots than entries can ever be, at least twice the fields: the
	 * derived keys are few (and cleared slots cost a memset per record) */
	*hsize = 32;
	while (*hsize <= *ecap + nfields)
		*hsize <<= 1;
	return 16 + ALIGN(*ecap * sizeof(struct ak__ip_ent)) + ALIGN(*hsize * sizeof(uint32_t)) +
	       ALIGN(*ecap * sizeof(struct ak_kv)) + ALIGN(*ecap);
}

size_t ak_interp_scratch_size(const struct ak_rec *rec)
{
	size_t ecap, hsize, vb = 0, kb = 0;

	for (size_t i = 0; i < rec->nfields; i++) {
		const struct ak_field *f = &rec->fields[i];

		if (f->flags & AK_F_ENRICHED)
			continue;
		vb += f->val.n;
		if (f->key.n == 3 && !memcmp(f->key.p, "key", 3))
			kb += f->val.n;
	}
	/* decoded values never outgrow their source; tags are at most one per byte pair */
	return layout(rec->nfields, &ecap, &hsize) + vb + (kb / 2 + 2) * sizeof(struct ak_str) +
	       256;
}

static int kvcmp(const void *a, const void *b)
{
	const struct ak_kv *x = a, *y = b;
	size_t n = x->key.n < y->key.n ? x->key.n : y->key.n;
	int r = memcmp(x->key.p, y->key.p, n);

	return r ? r : (x->key.n > y->key.n) - (x->key.n < y->key.n);
}

/* The general collect pass: every data field, deduplicated through the hash table. */
static void collect(struct ak__ip *cp, const struct ak_rec *rec, size_t hsize)
{
#define c (*cp)
	if (hsize == 64) /* up to 19 fields: a fixed size, stored inline */
		memset(c.slot, 0, 64 * sizeof(uint32_t));
	else
		memset(c.slot, 0, hsize * sizeof(uint32_t));
	for (size_t i = 0; i < rec->nfields; i++) {
		const struct ak_field *f = &rec->fields[i];
		const char *k = f->key.p;
		size_t kn = f->key.n;

		if ((f->flags & AK_F_ENRICHED) || !kn)
			continue;
		struct ak_str v = trim(f->val);

		/* an argument is literal: "", "?" and "(null)" are real arguments */
		if (dropped(v) && !(rec->type == AUDIT_EXECVE && k[0] == 'a' && kn > 1 &&
				    k[1] >= '0' && k[1] <= '9'))
			continue;
		uint32_t fl = f->flags & (E_QUOTED | E_PLAIN);
		uint64_t a, b;

		ak__key_words(k, kn, &a, &b);
		uint32_t h = ak__key_mix(a, b, kn), *ins;
		long j = find_h(&c, k, kn, h, &ins);

		if (j >= 0) { /* a duplicate: the last value wins, the first position */
			c.e[j].val = v;
			c.e[j].flags = (c.e[j].flags & ~(uint32_t)(E_QUOTED | E_DEL | E_PLAIN)) | fl;
			continue;
		}
		struct ak__ip_ent *e = &c.e[c.ne];

		e->key = f->key;
		e->val = v;
		e->flags = fl; /* (next, tail, head: unset until E_HEAD / E_FOLLOWER) */
		*ins = (uint32_t)++c.ne;
		int kid = classify(kn, a, b, h);

		if (kid >= 0)
			c.known[kid + 1] = (uint32_t)c.ne;
	}
#undef c
}

/*
 * Whether the key at @k (of sk->n bytes) is @sk's: one 16-byte compare when
 * 16 bytes from @k lie in the record's line (line-span.h), else memcmp.
 */

static inline __attribute__((always_inline)) int key_is(const char *k, const struct ak__ip_skey *sk,
							 struct line_span ls)
{
#ifdef __SSE2__
	if ((uintptr_t)k - ls.lo <= ls.span) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)k);
		__m128i y = _mm_loadu_si128((const __m128i *)(const void *)sk->p);
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, y));

		return (m & sk->mask) == sk->mask;
	}
#endif
	return memcmp(k, sk->p, sk->n) == 0;
}

/*
 * ak_interp_record() but its emit pass: @cp holds the entries (in @scratch),
 * @out the tags, the error and where the pairs go.  Returns 0 or -ERANGE.
 * Inlined into its callers, whose @cp is a local: its fields stay in
 * registers through the collect loop.
 */
static inline __attribute__((always_inline)) int run(struct ak__ip *cp, struct ak_interp *out,
						      const struct ak_rec *rec, void *scratch,
						      size_t size)
{
#define c (*cp)
	size_t ecap, hsize, fixed = layout(rec->nfields, &ecap, &hsize);
	char *m = scratch;

	memset(out, 0, sizeof(*out));
	if (size < fixed) {
		errno = ERANGE;
		return -ERANGE;
	}
	c.rec = rec;
	c.ne = c.bn = 0;
	c.overflow = 0;
	c.error = NULL;
	memset(c.known, 0, sizeof(c.known));
	m += (16 - ((uintptr_t)m & 15)) & 15;
	c.e = (struct ak__ip_ent *)(void *)m;
	m += ALIGN(ecap * sizeof(struct ak__ip_ent));
	c.ecap = ecap;
	c.slot = (uint32_t *)(void *)m;
	m += ALIGN(hsize * sizeof(uint32_t));
	c.mask = hsize - 1;
	out->kv = (struct ak_kv *)(void *)m;
	m += ALIGN(ecap * sizeof(struct ak_kv));
	out->kv_plain = (unsigned char *)m;
	m += ALIGN(ecap);
	c.b = m;
	c.bcap = size - (size_t)(m - (char *)scratch);
	c.lazy = c.shaped = 0;

	/* 1. collect: a record of a known shape first, without the hash table */
	size_t nsh, nf = rec->nfields;
	const struct ak__ip_shape *sh = ak__ip_shapes(rec->type, &nsh);
	const struct ak_field *fields = rec->fields;

	for (; nsh; nsh--, sh++) {
		size_t n = sh->n, i;

		/* its keys, then enriched fields only */
		if (n > nf || (n < nf && !(fields[n].flags & AK_F_ENRICHED)))
			continue;
		for (i = n + 1; i < nf && (fields[i].flags & AK_F_ENRICHED); i++)
			;
		if (i < nf)
			break;
		struct line_span ls = line_span(rec);
		struct ak__ip_ent *e = c.e;
		const struct ak__ip_skey *sk = sh->k;

		for (i = 0; i < n; i++, sk++) {
			const struct ak_field *f = &fields[i];

			if (f->key.n != sk->n || (f->flags & AK_F_ENRICHED) ||
			    !key_is(f->key.p, sk, ls))
				break;
			struct ak_str v = f->val;

			/* one test for most: nothing to trim, and not a dropped value */
			if (!v.n || (edge_first[(unsigned char)v.p[0]] |
				     trimmed[(unsigned char)v.p[v.n - 1]])) {
				v = trim(v);
				if (dropped(v)) /* (no shape is EXECVE's) */
					continue;
			}
			e->key = f->key;
			e->val = v;
			e->flags = f->flags & (E_QUOTED | E_PLAIN);
			e++;
			c.known[sk->kid] = (uint32_t)(e - c.e); /* [0] when none */
		}
		if (i == n) {
			c.ne = (size_t)(e - c.e);
			c.ndata = n;
			c.lazy = c.shaped = 1;
			break;
		}
		memset(c.known, 0, sizeof(c.known));
	}
	if (!c.lazy)
		collect(&c, rec, hsize);
	c.nrec = c.ne;

	/* 2. enrich, in go-libaudit's order (tags are its rule 5: after exit, before cwd,
	 * but no rule reads what another writes, so the order among them is free) */
	enrich(&c);
	tags(&c, out);
	if (c.overflow) {
		memset(out, 0, sizeof(*out));
		errno = ERANGE;
		return -ERANGE;
	}

	out->error = c.error;
	out->scratch_used = (size_t)(c.b - (char *)scratch) + c.bn;
	return 0;
#undef c
}

int ak__interp_run(struct ak__ip_list *l, struct ak_interp *out, const struct ak_rec *rec,
		   void *scratch, size_t size)
{
	struct ak__ip c;
	int ret = run(&c, out, rec, scratch, size);

	*l = ret < 0 ? (struct ak__ip_list){ NULL, 0, 0, 0 }
		     : (struct ak__ip_list){ c.e, c.ne, c.shaped, c.ndata };
	return ret;
}

/* The emit pass: entries in order, each followed by its followers, into out->kv. */
static inline __attribute__((always_inline)) void emit(struct ak__ip_list l,
							struct ak_interp *out)
{
	/* locals: the stores through plain may alias *out */
	unsigned char *plain = (unsigned char *)(uintptr_t)out->kv_plain, *p0 = plain;
	struct ak_kv *kv = out->kv;
	const struct ak__ip_ent *e = l.e, *end = e + l.n;

	for (; e < end; e++) {
		uint32_t fl = e->flags;

		if (!(fl & E_SPECIAL)) { /* the usual */
			*plain++ = (unsigned char)(fl / E_PLAIN & 1);
			*kv++ = (struct ak_kv){ e->key, e->val };
			continue;
		}
		if (fl & E_FOLLOWER)
			continue;
		if (!(fl & E_DEL)) {
			*plain++ = (unsigned char)(fl / E_PLAIN & 1);
			*kv++ = (struct ak_kv){ e->key, e->val };
		}
		for (uint32_t f = fl & E_HEAD ? e->next : 0; f; f = l.e[f - 1].next) {
			const struct ak__ip_ent *x = &l.e[f - 1];

			if (!(x->flags & E_DEL)) {
				*plain++ = (unsigned char)(x->flags / E_PLAIN & 1);
				*kv++ = (struct ak_kv){ x->key, x->val };
			}
		}
	}
	out->nkv = (size_t)(plain - p0);
}

void ak__interp_emit(struct ak__ip_list l, struct ak_interp *out)
{
	emit(l, out);
}

int ak_interp_record(struct ak_interp *out, const struct ak_rec *rec, void *scratch, size_t size,
		     unsigned flags)
{
	struct ak__ip c;
	int ret = run(&c, out, rec, scratch, size);

	if (ret < 0)
		return ret;
	emit((struct ak__ip_list){ c.e, c.ne, 0, 0 }, out);
	if ((flags & AK_INTERP_SORTED) && out->nkv > 1) {
		qsort(out->kv, out->nkv, sizeof(*out->kv), kvcmp);
		out->kv_plain = NULL;
	}
	return out->nkv > 0x7fffffff ? 0x7fffffff : (int)out->nkv;
}

const struct ak_str *ak_interp_get(const struct ak_interp *ip, const char *key)
{
	size_t n = strlen(key);

	for (size_t i = 0; i < ip->nkv; i++)
		if (keq(ip->kv[i].key, key, n))
			return &ip->kv[i].val;
	return NULL;
}
