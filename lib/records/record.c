// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * The record parser: one audit.log line or netlink payload into a header and
 * field slices.  The hot path of every tool: no allocation, one pass, byte
 * classes from a 256-entry table and memchr for quoted values.
 *
 * What it does beyond plain key=value splitting, each for a shape real logs
 * contain (go-libaudit's extractKeyValuePairs and normalizeAuditMessage):
 *  - node=HOST prefix; header "audit(SEC.MSEC:SERIAL)" with or without ':';
 *  - values "dq", 'sq' (a quote preceded by a backslash does not close),
 *    unquoted runs ending at white space, a quote or 0x1d;
 *  - msg='...' of user-space records: its pairs are fields with AK_F_NESTED
 *    (the msg field itself only appears when it holds no pairs);
 *  - 0x1d: everything after it is auditd's enriched tail, KEY=value fields
 *    with AK_F_ENRICHED (a value may be a "{ ... }" group);
 *  - AVC "avc:  denied  { read write } for  ..." gives seresult=denied and
 *    seperms="read write" (the raw list between the braces; consumers join
 *    the words with ',' as go-libaudit does);
 *  - LOGIN's old format "old auid=X new auid=Y old ses=..": old_auid etc.;
 *  - "(hostname=?, addr=?, terminal=cron res=success)": the ')' closing a '('
 *    that opened right before a key is not part of the last value.
 */
#include <errno.h>
#include <string.h>

#include <auditkit/record.h>
#include <auditkit/tables.h>

enum {
	C_SPACE = 1,   /* ASCII white space (Go's \s) */
	C_KEY = 2,     /* may appear in a key */
	C_VSTOP = 4,   /* ends an unquoted value: space, quotes, 0x1d */
	C_DIGIT = 8,
	C_NPLAIN = 16, /* bars AK_F_PLAIN (with '"'): control, '\\', DEL, non-ASCII */
	C_VOPEN = 32,  /* may open a value that is not a plain run: quotes, '{' */
};

static const unsigned char cls[256] = {
	[0x00 ... 0x08] = C_NPLAIN,
	['\t'] = C_SPACE | C_VSTOP | C_NPLAIN, ['\n'] = C_SPACE | C_VSTOP | C_NPLAIN,
	['\v'] = C_SPACE | C_VSTOP | C_NPLAIN, ['\f'] = C_SPACE | C_VSTOP | C_NPLAIN,
	['\r'] = C_SPACE | C_VSTOP | C_NPLAIN,
	[0x0e ... 0x1c] = C_NPLAIN, [0x1d] = C_VSTOP | C_NPLAIN, [0x1e ... 0x1f] = C_NPLAIN,
	[' '] = C_SPACE | C_VSTOP,
	['"'] = C_VSTOP | C_VOPEN, ['\''] = C_VSTOP | C_VOPEN, ['\\'] = C_NPLAIN, ['{'] = C_VOPEN,
	['a' ... 'z'] = C_KEY, ['A' ... 'Z'] = C_KEY,
	['0' ... '9'] = C_KEY | C_DIGIT,
	['_'] = C_KEY, ['-'] = C_KEY, ['['] = C_KEY, [']'] = C_KEY,
	[0x7f ... 0xff] = C_NPLAIN,
};

#define IS(c, k) (cls[(unsigned char)(c)] & (k))

/* Types whose shapes need the special cases (numbers are the kernel ABI). */
#define T_LOGIN 1006
#define T_AVC 1400

struct ps {
	struct ak_field *f;
	size_t cap;
	size_t n;
	uint32_t type;
};

static inline void add(struct ps *ps, const char *k, size_t kn, const char *v, size_t vn,
		       unsigned fl)
{
	if (ps->n < ps->cap) {
		struct ak_field *f = &ps->f[ps->n];

		f->key.p = k;
		f->key.n = kn;
		f->val.p = v;
		f->val.n = vn;
		f->flags = fl;
	}
	ps->n++;
}

/* The closing quote @q at or after @s before @end, not preceded by '\'; NULL if none. */
static const char *close_quote(const char *s, const char *end, char q)
{
	while (s < end) {
		const char *e = memchr(s, q, (size_t)(end - s));

		if (!e)
			return NULL;
		if (e[-1] != '\\')
			return e;
		s = e + 1;
	}
	return NULL;
}

static inline int word_is(const char *p, size_t n, const char *w, size_t wn)
{
	return n == wn && memcmp(p, w, n) == 0;
}

/* LOGIN's old format: "old auid=" -> old_auid (static keys: slices may point anywhere). */
static const char *login_key(int is_new, const char *k, size_t kn)
{
	if (word_is(k, kn, "auid", 4))
		return is_new ? "new_auid" : "old_auid";
	if (word_is(k, kn, "ses", 3))
		return is_new ? "new_ses" : "old_ses";
	return NULL;
}

/* SELinux "avc:  denied  { read } for  " at @s: add seresult/seperms, return the rest. */
static const char *avc_prefix(struct ps *ps, const char *s, const char *end, unsigned fl)
{
	const char *p = s, *w, *ob, *cb, *q;

	while (p < end && IS(*p, C_SPACE))
		p++;
	if (end - p < 5 || memcmp(p, "avc:", 4) != 0 || !IS(p[4], C_SPACE))
		return s;
	p += 4;
	while (p < end && IS(*p, C_SPACE))
		p++;
	w = p;
	while (p < end && (IS(*p, C_KEY) && *p != '-' && *p != '[' && *p != ']'))
		p++;
	if (p == w || p == end || !IS(*p, C_SPACE))
		return s;
	ob = p;
	while (ob < end && IS(*ob, C_SPACE))
		ob++;
	if (ob == end || *ob != '{')
		return s;
	/* Go's greedy (.*): the last '}' that is followed by white space, "for", white space. */
	for (cb = end - 1; cb > ob; cb--) {
		if (*cb != '}')
			continue;
		q = cb + 1;
		if (q == end || !IS(*q, C_SPACE))
			continue;
		while (q < end && IS(*q, C_SPACE))
			q++;
		if (end - q >= 4 && memcmp(q, "for", 3) == 0 && IS(q[3], C_SPACE))
			break;
	}
	if (cb <= ob)
		return s;
	const char *pv = ob + 1, *pe = cb;

	while (pv < pe && IS(*pv, C_SPACE))
		pv++;
	while (pe > pv && IS(pe[-1], C_SPACE))
		pe--;
	add(ps, "seresult", 8, w, (size_t)(p - w), fl);
	/* the braces may hold anything: plain (in a plain part) unless a '"' */
	if (memchr(pv, '"', (size_t)(pe - pv)))
		fl &= ~(unsigned)AK_F_PLAIN;
	add(ps, "seperms", 7, pv, (size_t)(pe - pv), fl);
	q = cb + 1;
	while (q < end && IS(*q, C_SPACE))
		q++;
	return q + 3;
}

static void scan(struct ps *ps, const char *s, const char *end, unsigned fl);

/*
 * value_end, word_end, group_sep and the fast paths (key16, value16,
 * header_fast), with their vector code; AK__SCAN_FAST and AK__HEADER_FAST
 * say whether this build has the fast paths (not with AK_REC_REFERENCE).
 */
#include "record-simd.h"

/* The end of the key at @s: the first byte that may not appear in one. */
static inline const char *key_end(const char *s, const char *end)
{
	while (s < end && IS(*s, C_KEY))
		s++;
	return s;
}

/* A quoted value's flags: the part's, less AK_F_PLAIN when QF_NOT_PLAIN says so. */
#define QF_NOT_PLAIN (1u << 31)

static inline unsigned vflags(unsigned fl, unsigned qf)
{
	if (qf & QF_NOT_PLAIN)
		fl &= ~(unsigned)AK_F_PLAIN;
	return fl | (qf & ~QF_NOT_PLAIN);
}

/* A value starting at @s (just after '='); returns where scanning resumes. */
static inline __attribute__((always_inline)) const char *value(struct ps *ps, const char *k, size_t kn, const char *s, const char *end,
			 unsigned fl, int *paren)
{
	if (s < end && (*s == '"' || *s == '\'')) {
		char q = *s;
		const char *e = close_quote(s + 1, end, q);
		const char *ve = e ? e : end;
		unsigned qf = q == '"' ? AK_F_DQUOTE : AK_F_SQUOTE;

		/*
		 * In a plain part (fl has AK_F_PLAIN) "..." holds no '"': there
		 * is no '\\' to escape one.  '...' may hold one.
		 */
		if (q == '\'' && (fl & AK_F_PLAIN) && memchr(s + 1, '"', (size_t)(ve - s - 1)))
			qf |= QF_NOT_PLAIN;

		if (word_is(k, kn, "msg", 3) && !(fl & AK_F_NESTED)) {
			size_t before = ps->n;

			scan(ps, s + 1, ve, fl | AK_F_NESTED);
			if (ps->n == before)
				add(ps, k, kn, s + 1, (size_t)(ve - s - 1), vflags(fl, qf));
		} else {
			add(ps, k, kn, s + 1, (size_t)(ve - s - 1), vflags(fl, qf));
		}
		return e ? e + 1 : end;
	}
	if ((fl & AK_F_ENRICHED) && s < end && *s == '{') {
		const char *e = memchr(s, '}', (size_t)(end - s));
		const char *ve = e ? e + 1 : end;

		add(ps, k, kn, s, (size_t)(ve - s), fl & ~(unsigned)AK_F_PLAIN);
		return ve;
	}
	const char *v = s;

	s = value_end(s, end);
	size_t vn = (size_t)(s - v);

	if (*paren && vn && v[vn - 1] == ')') {
		vn--;
		*paren = 0;
	}
	add(ps, k, kn, v, vn, fl);
	return s;
}

/*
 * Fields of [s, end): key=value pairs; anything else is skipped.  @lut:
 * key16_lut() instead of key16() (only where the CPU has SSSE3).
 */
static inline __attribute__((always_inline)) void scan_fields(struct ps *ps, const char *s,
							       const char *end, unsigned fl, int lut)
{
	int paren = 0, login_prefix = -1; /* -1 none, 0 "old ", 1 "new " */

	(void)lut;

	if (ps->type == T_AVC && !(fl & (AK_F_NESTED | AK_F_ENRICHED)))
		s = avc_prefix(ps, s, end, fl);
	while (s < end) {
		const char *k;
		size_t kn;

#ifdef AK__SCAN_FAST
		/*
		 * The usual field: a key ending in '=' within the 16 bytes at
		 * s, outside LOGIN's old/new.  One load finds the key's end
		 * and, usually, the value's (value16); anything else falls
		 * through to the general code below, which starts over at s.
		 */
		if (end - s >= 16 && login_prefix < 0 && IS(*s, C_KEY)) {
			/* a copy whose count can stay in a register: no store may alias it */
			struct ps l = *ps;
			/* the last place a window starts (end - s >= 16 here): one compare a turn */
			const char *last = end - 16;

			do {
				__m128i x = _mm_loadu_si128((const __m128i *)(const void *)s);
				/* keys of up to 14 bytes: the '=' and a value byte in the window */
#ifdef AK__KEY_LUT
				unsigned nk = ~(lut ? key16_lut(x) : key16(x)) & 0x7fff;
#else
				unsigned nk = ~key16(x) & 0x7fff;
#endif
				const char *n;

				if (!nk || s[__builtin_ctz(nk)] != '=')
					break; /* the general code below starts over at s */
				k = s;
				kn = (size_t)__builtin_ctz(nk);
				n = value16(&l, k, kn, x, fl, &paren);
				if (!n) {
					ps->n = l.n;
					s = k + kn;
					goto take_value; /* one call site: value() stays inline */
				}
				s = n; /* past a space after the value: the loop's top would step over it */
			} while (s <= last && IS(*s, C_KEY));
			ps->n = l.n;
			if (s == end)
				break;
			/* the general code takes what stopped the run */
		}
#endif
		if (!IS(*s, C_KEY)) {
			if (*s == '(' && s + 1 < end && IS(s[1], C_KEY))
				paren = 1;
			if (!IS(*s, C_SPACE))
				login_prefix = -1;
			s++;
			continue;
		}
		k = s;
		s = key_end(s + 1, end);
		kn = (size_t)(s - k);

		if (s == end || *s != '=') {
			login_prefix = -1;
			if (ps->type == T_LOGIN && s < end && *s == ' ') {
				if (word_is(k, kn, "old", 3))
					login_prefix = 0;
				else if (word_is(k, kn, "new", 3))
					login_prefix = 1;
			}
			continue;
		}
		if (login_prefix >= 0) {
			const char *lk = login_key(login_prefix, k, kn);

			if (lk) {
				k = lk;
				kn = strlen(lk);
			}
			login_prefix = -1;
		}
#ifdef AK__SCAN_FAST
take_value:
#endif
		s = value(ps, k, kn, s + 1, end, fl, &paren);
		/* a space after a value: the loop's top would only step over it */
		if (s < end && *s == ' ')
			s++;
	}
}

#ifdef AK__KEY_LUT
static void scan_sse2(struct ps *ps, const char *s, const char *end, unsigned fl)
{
	scan_fields(ps, s, end, fl, 0);
}

__attribute__((target("ssse3"))) static void scan_ssse3(struct ps *ps, const char *s,
							const char *end, unsigned fl)
{
	scan_fields(ps, s, end, fl, 1);
}

static void scan(struct ps *ps, const char *s, const char *end, unsigned fl)
{
	if (__builtin_cpu_supports("ssse3"))
		scan_ssse3(ps, s, end, fl);
	else
		scan_sse2(ps, s, end, fl);
}
#else
static void scan(struct ps *ps, const char *s, const char *end, unsigned fl)
{
	scan_fields(ps, s, end, fl, 0);
}
#endif

static int fail(struct ak_rec *rec, const char *base, const char *at, size_t len, const char *msg)
{
	rec->diag.pos = (size_t)(at - base);
	rec->diag.len = len;
	rec->diag.msg = msg;
	errno = EINVAL;
	return -EINVAL;
}

static int parse_u64(const char **pp, const char *end, uint64_t max, uint64_t *out)
{
	const char *p = *pp;
	uint64_t v = 0;

	if (p == end || !IS(*p, C_DIGIT))
		return -1;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* up to 8 digits at once (audit(SEC.MSEC:SERIAL) has ~20 per record) */
	if (end - p >= 8) {
		uint64_t x, bad;
		unsigned nd;

		memcpy(&x, p, 8);
		/* a byte of bad is nonzero unless its char is '0'..'9'; carries
		 * only disturb bytes after the first non-digit */
		bad = ((x & 0xf0f0f0f0f0f0f0f0ull) ^ 0x3030303030303030ull) |
		      (((x + 0x0606060606060606ull) & 0xf0f0f0f0f0f0f0f0ull) ^ 0x3030303030303030ull);
		nd = bad ? (unsigned)__builtin_ctzll(bad) / 8 : 8;
		if (nd) {
			/* digit values, the first one in the lowest byte; shift the
			 * non-digits out, leaving leading zero digits */
			x = (x - 0x3030303030303030ull) << (8 * (8 - nd));
			x = x * 10 + (x >> 8);
			x = (((x & 0x000000ff000000ffull) * (100 + (1000000ull << 32))) +
			     (((x >> 16) & 0x000000ff000000ffull) * (1 + (10000ull << 32)))) >> 32;
			v = x;
			p += nd;
		}
	}
#endif
	/* up to 19 digits cannot overflow: no checks on the usual path */
	const char *lim = end - *pp > 19 ? *pp + 19 : end;

	while (p < lim && (unsigned char)(*p - '0') <= 9)
		v = v * 10 + (uint64_t)(*p++ - '0');
	while (p < end && IS(*p, C_DIGIT)) {
		if (__builtin_mul_overflow(v, 10, &v) ||
		    __builtin_add_overflow(v, (uint64_t)(*p - '0'), &v))
			return -1;
		p++;
	}
	if (v > max)
		return -1;
	*pp = p;
	*out = v;
	return 0;
}

/*
 * "audit(SEC.MSEC:SERIAL)" at @p, then the body.  @base is the start of the
 * caller's input (diag positions count from it).  Returns 1 if the white
 * space between header and body is spaces only (or none), 0 if not, or
 * -EINVAL.
 */
static int parse_msg(struct ak_rec *rec, const char *base, const char *p, const char *end)
{
	uint64_t sec, msec, serial;
	const char *q;

	rec->msg.p = p;
	rec->msg.n = (size_t)(end - p);
	if (end - p < 6 || memcmp(p, "audit(", 6) != 0)
		return fail(rec, base, p, 0, "expected \"audit(\" after msg=");
	q = p + 6;
#ifdef AK__HEADER_FAST
	{
		const char *h = header_fast(rec, q, end);

		if (h) {
			q = h;
			goto body;
		}
	}
#endif
	if (parse_u64(&q, end, INT64_MAX, &sec) < 0)
		return fail(rec, base, q, 1, "bad timestamp seconds in audit(...) header");
	if (q == end || *q != '.')
		return fail(rec, base, q, 1, "expected '.' in audit(...) timestamp");
	q++;
	p = q;
	if (parse_u64(&q, end, 999, &msec) < 0 || q - p > 3)
		return fail(rec, base, p, 1, "bad milliseconds in audit(...) timestamp");
	if (q == end || *q != ':')
		return fail(rec, base, q, 1, "expected ':' before the serial in audit(...)");
	q++;
	p = q;
	if (parse_u64(&q, end, UINT32_MAX, &serial) < 0)
		return fail(rec, base, p, 1, "bad serial number in audit(...) header");
	if (q == end || *q != ')')
		return fail(rec, base, q, 1, "expected ')' closing the audit(...) header");
	q++;
	rec->sec = (int64_t)sec;
	rec->msec = (uint32_t)msec;
	rec->serial = (uint32_t)serial;
#ifdef AK__HEADER_FAST
body:
#endif
	if (q < end && *q == ':')
		q++;
	/* the white space before the body: plain if spaces only (see parse_body) */
	int spaces = 1;

	while (q < end && IS(*q, C_SPACE)) {
		if (*q != ' ')
			spaces = 0;
		q++;
	}
	rec->body.p = q;
	rec->body.n = (size_t)(end - q);
	return spaces;
}

/* The fields after the header; @hdr_spaces is parse_msg()'s answer. */
static int parse_body(struct ak_rec *rec, struct ak_field *fields, size_t cap, int hdr_spaces)
{
	struct ps ps = { .f = fields, .cap = fields ? cap : 0, .type = rec->type };
	const char *s = rec->body.p, *end = s + rec->body.n;
	unsigned pd = 1, pe = 1;
	const char *gs = group_sep(s, end, &pd);

	/* AK_F_PLAIN passed down: the part holds no byte that bars it */
	scan(&ps, s, gs ? gs : end, pd ? AK_F_PLAIN : 0);
	if (gs) {
		if (group_sep(gs + 1, end, &pe))
			pe = 0; /* a second 0x1d: inside some value */
		scan(&ps, gs + 1, end, AK_F_ENRICHED | (pe ? AK_F_PLAIN : 0));
	}
	/* the header before the body is digits and punctuation, then white space */
	if (pd && pe && hdr_spaces)
		rec->flags |= AK_REC_MSG_PLAIN;
	rec->fields = fields;
	rec->nfields = ps.n < ps.cap ? ps.n : ps.cap;
	if (ps.n > (size_t)0x7fffffff)
		ps.n = 0x7fffffff;
	if (fields && ps.n > cap) {
		errno = ERANGE;
		return -ERANGE;
	}
	return (int)ps.n;
}

/* Trailing newline, CR and blanks are not part of the line. */
static size_t trim_end(const char *p, size_t n)
{
	while (n && IS(p[n - 1], C_SPACE))
		n--;
	return n;
}

static void rec_init(struct ak_rec *rec, const char *p, size_t n, struct ak_field *fields)
{
	memset(rec, 0, sizeof(*rec));
	rec->line.p = p;
	rec->line.n = n;
	rec->fields = fields;
	rec->type_name.p = rec->node.p = rec->msg.p = rec->body.p = p;
}

/*
 * A record behind a syslog prefix ("Nov 26 10:00:01 host audisp-syslog: node=h
 * type=SYSCALL msg=audit(...)"): where the first " node=" or " type=" starts,
 * if a " msg=audit(" follows; else @p unchanged.
 */
static const char *syslog_prefix(const char *p, const char *end)
{
	const char *t = p;

	while ((t = memmem(t, (size_t)(end - t), " type=", 6)) != NULL) {
		const char *m = memmem(t, (size_t)(end - t), " msg=audit(", 11);
		const char *n;

		if (!m)
			return p;
		/* the space-free type name must run straight into msg= */
		const char *q = t + 6;

		while (q < m && !IS(*q, C_SPACE))
			q++;
		if (q == m) {
			n = memmem(p, (size_t)(t - p), " node=", 6);
			return (n ? n : t) + 1;
		}
		t += 6;
	}
	return p;
}


/* Do the 5 bytes at @p (at least 5 before the end) spell @w?  Inline, no call. */
static inline int is5(const char *p, const char *w)
{
	uint32_t a, b;

	memcpy(&a, p, 4);
	memcpy(&b, w, 4);
	return a == b && p[4] == w[4];
}

int ak_rec_parse_line(struct ak_rec *rec, const char *line, size_t len, struct ak_field *fields,
		      size_t cap)
{
	const char *p, *end, *t;
	int ret, bad_type = 0;

	if (!line)
		len = 0, line = "";
	len = trim_end(line, len);
	rec_init(rec, line, len, fields);
	p = line;
	end = line + len;
	while (p < end && IS(*p, C_SPACE))
		p++;
	if (end - p >= 5 && !is5(p, "node=") && !is5(p, "type="))
		p = syslog_prefix(p, end);
	if (end - p >= 5 && is5(p, "node=")) {
		p += 5;
		rec->node.p = p;
		p = word_end(p, end);
		rec->node.n = (size_t)(p - rec->node.p);
		while (p < end && IS(*p, C_SPACE))
			p++;
	}
	if (end - p < 5 || !is5(p, "type="))
		return fail(rec, line, p, 0, "expected \"type=\" at the start of the record");
	p += 5;
	t = p;
	p = word_end(p, end);
	rec->type_name.p = t;
	rec->type_name.n = (size_t)(p - t);
	if (p == t)
		return fail(rec, line, t, 0, "empty record type after type=");
	ret = ak_msgtype_number(t, (size_t)(p - t));
	if (ret < 0) {
		uint64_t num;
		const char *d = t;

		/* a plain number is accepted too (auditd writes UNKNOWN[n], others n) */
		if (parse_u64(&d, p, UINT32_MAX, &num) == 0 && d == p)
			rec->type = (uint32_t)num;
		else
			bad_type = 1;
	} else {
		rec->type = (uint32_t)ret;
	}
	while (p < end && IS(*p, C_SPACE))
		p++;
	if (end - p < 4 || memcmp(p, "msg=", 4) != 0)
		return fail(rec, line, p, 0, "expected \"msg=\" after the record type");
	p += 4;
	ret = parse_msg(rec, line, p, end);
	if (ret < 0)
		return ret;
	ret = parse_body(rec, fields, cap, ret);
	if (bad_type)
		return fail(rec, line, t, rec->type_name.n, "unknown record type");
	return ret;
}

int ak_rec_parse_payload(struct ak_rec *rec, uint32_t type, const char *data, size_t len,
			 struct ak_field *fields, size_t cap)
{
	const char *p, *end;
	int ret;

	if (!data)
		len = 0, data = "";
	/* netlink payloads may carry a trailing NUL */
	while (len && data[len - 1] == '\0')
		len--;
	len = trim_end(data, len);
	rec_init(rec, data, len, fields);
	rec->type_name.n = 0;
	rec->type = type;
	p = data;
	end = data + len;
	while (p < end && IS(*p, C_SPACE))
		p++;
	ret = parse_msg(rec, data, p, end);
	if (ret < 0)
		return ret;
	return parse_body(rec, fields, cap, ret);
}

static int key_eq(const struct ak_field *f, const char *key, size_t kn)
{
	return f->key.n == kn && memcmp(f->key.p, key, kn) == 0;
}

const struct ak_field *ak_rec_field(const struct ak_rec *rec, const char *key)
{
	size_t kn = strlen(key);

	for (size_t i = rec->nfields; i-- > 0;) {
		const struct ak_field *f = &rec->fields[i];

		if (!(f->flags & AK_F_ENRICHED) && key_eq(f, key, kn))
			return f;
	}
	return NULL;
}

const struct ak_field *ak_rec_enriched(const struct ak_rec *rec, const char *key)
{
	size_t kn = strlen(key);

	for (size_t i = rec->nfields; i-- > 0;) {
		const struct ak_field *f = &rec->fields[i];

		if ((f->flags & AK_F_ENRICHED) && key_eq(f, key, kn))
			return f;
	}
	return NULL;
}
