// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * The record parser's vector fast paths (SSE2) and the scanning helpers that
 * have them: part of record.c, included by it once, after its byte class
 * table, struct ps, add() and word_is(), which this code uses.
 *
 * AK_REC_REFERENCE builds the general code alone: tests/unit/test-record-ref.c
 * and fuzz/fuzz-record.c include record.c a second time that way and compare
 * the two.
 */
#ifdef __SSE2__
#include <emmintrin.h>
#include <tmmintrin.h>
#endif

/* The fast paths: vector code for the usual header and for keys. */
#if !defined(AK_REC_REFERENCE) && defined(__SSE2__) && defined(__BYTE_ORDER__) && \
	__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define AK__HEADER_FAST 1
#define AK__SCAN_FAST 1
/*
 * Keys by byte lookups (pshufb) where the CPU has SSSE3: scan() is built
 * twice, and the CPU chooses.  AK_REC_SSE2_ONLY builds the SSE2 one alone
 * (tests/unit/test-record-sse2.c compares it with the library's).
 */
#if defined(__GNUC__) && !defined(AK_REC_SSE2_ONLY)
#define AK__KEY_LUT 1
#endif
#endif

/* The end of an unquoted value: the first white space, quote or 0x1d. */
static inline const char *value_end(const char *s, const char *end)
{
#ifdef AK__SCAN_FAST
	/*
	 * 16 bytes at a time: long values are hex (proctitle, EXECVE args,
	 * saddr).  Every stop is at most '\'', and few other bytes are: one
	 * compare finds the candidates, the class table settles each.
	 */
	while (end - s >= 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)s);
		unsigned low = (unsigned)_mm_movemask_epi8(
			_mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8('\'')), x));

		for (; low; low &= low - 1)
			if (IS(s[__builtin_ctz(low)], C_VSTOP))
				return s + __builtin_ctz(low);
		s += 16;
	}
#endif
	while (s < end && !IS(*s, C_VSTOP))
		s++;
	return s;
}

#ifdef AK__SCAN_FAST
/* One bit for each of the 16 bytes at @x that may appear in a key. */
static inline unsigned key16(__m128i x)
{
	__m128i lo = _mm_or_si128(x, _mm_set1_epi8(0x20)); /* A-Z to a-z */
	/* ranges by a signed compare: x + (0x80 - first) < -128 + count */
	__m128i alpha = _mm_cmplt_epi8(_mm_add_epi8(lo, _mm_set1_epi8((char)(0x80 - 'a'))),
				       _mm_set1_epi8(-128 + 26));
	__m128i digit = _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8((char)(0x80 - '0'))),
				       _mm_set1_epi8(-128 + 10));
	/* '[' ']' '_' (and 'Y', a letter anyway) are 0x59 | (0, 2, 4 or 6) */
	__m128i brk = _mm_cmpeq_epi8(_mm_and_si128(x, _mm_set1_epi8((char)0xf9)), _mm_set1_epi8(0x59));
	__m128i dash = _mm_cmpeq_epi8(x, _mm_set1_epi8('-'));

	return (unsigned)_mm_movemask_epi8(
		_mm_or_si128(_mm_or_si128(alpha, digit), _mm_or_si128(brk, dash)));
}
#endif

#ifdef AK__KEY_LUT
/*
 * key16() by two 16-entry lookups (SSSE3): the byte's low half gives the
 * set of high halves it forms a key byte with, its high half that set's bit
 * to test.  Bits: 1 '-' (0x2_), 2 digits (0x3_), 4 0x41-0x4f and 0x61-0x6f,
 * 8 0x50-0x5a '[' ']' '_', 16 0x70-0x7a.  Bytes >= 0x80 look up 0.
 */
__attribute__((target("ssse3"))) static inline unsigned key16_lut(__m128i x)
{
	const __m128i by_lo = _mm_setr_epi8(0x1a, 0x1e, 0x1e, 0x1e, 0x1e, 0x1e, 0x1e, 0x1e, 0x1e,
					    0x1e, 0x1c, 0x0c, 0x04, 0x0d, 0x04, 0x0c);
	const __m128i by_hi = _mm_setr_epi8(0, 0, 0x01, 0x02, 0x04, 0x08, 0x04, 0x10, 0, 0, 0, 0,
					    0, 0, 0, 0);
	/* pshufb uses an index's low 4 bits, and gives 0 when its top bit is set */
	__m128i l = _mm_shuffle_epi8(by_lo, x);
	__m128i h = _mm_shuffle_epi8(by_hi, _mm_and_si128(_mm_srli_epi16(x, 4), _mm_set1_epi8(0x0f)));

	return ~(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(l, h), _mm_setzero_si128()));
}
#endif

#ifdef AK__SCAN_FAST
/*
 * Most values are unquoted and end within the 16 bytes @x at @k, where the
 * key @kn (at most 14 bytes) and its '=' start: then one load found both
 * ends.  Adds the field and returns where scanning resumes, past a space
 * that follows the value when the window shows it; NULL for anything else,
 * which value() then takes.  Also "..." closing in the window, unless the
 * key is msg.
 */
static inline __attribute__((always_inline)) const char *value16(struct ps *ps, const char *k, size_t kn, __m128i x, unsigned fl,
				  int *paren)
{
	/* bytes up to '\'': every value stop (white space, quotes, 0x1d) is one */
	unsigned low = (unsigned)_mm_movemask_epi8(
		_mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8('\'')), x));
	unsigned v = (unsigned)kn + 1, ve, vn; /* v <= 15 */
	unsigned char c;

	if (IS(k[v], C_VOPEN)) {
		if (k[v] == '"' && !word_is(k, kn, "msg", 3)) {
			unsigned dq = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')));

			dq &= dq - 1; /* less the opening one, the first: the key and '=' hold none */
			if (!dq)
				return NULL;
			ve = (unsigned)__builtin_ctz(dq);
			if (k[ve - 1] == '\\')
				return NULL;
			add(ps, k, kn, k + v + 1, ve - v - 1, fl | AK_F_DQUOTE);
			/* a space after the closing quote, if in the window */
			return k + ve + 1 + (ve < 15 && k[ve + 1] == ' ');
		}
		if (k[v] != '{' || (fl & AK_F_ENRICHED))
			return NULL;
		/* '{' opens a group in the enriched part only */
	}
	/* the key's bytes and '=' are above '\'', so low's first bit is the value's end */
	if (!low)
		return NULL;
	ve = (unsigned)__builtin_ctz(low);
	c = (unsigned char)k[ve];
	if (!IS(c, C_VSTOP))
		return NULL; /* '!'..'&' or a control byte: where the general code goes on */
	vn = ve - v;
	if (*paren && vn && k[ve - 1] == ')') {
		vn--;
		*paren = 0;
	}
	add(ps, k, kn, k + v, vn, fl);
	return k + ve + (c == ' ');
}
#endif

#ifdef AK__HEADER_FAST
/* The number 8 digit values (0-9) spell, the first in the lowest byte of @x. */
static inline uint64_t digits8(uint64_t x)
{
	x = x * 10 + (x >> 8);
	return (((x & 0x000000ff000000ffull) * (100 + (1000000ull << 32))) +
		(((x >> 16) & 0x000000ff000000ffull) * (1 + (10000ull << 32)))) >> 32;
}

/*
 * The header as the kernel writes it for any date from 2001 to 2286:
 * @q (just after "audit(") holds 10 digits '.' 3 digits ':' 1-10 digits ')'.
 * Sets the timestamp, returns the byte after the ')'; NULL for anything else,
 * which the general code then parses (and reports, if bad).  Its checks are
 * one 16-byte compare and one 8-byte digit test instead of a byte loop.
 */
static inline const char *header_fast(struct ak_rec *rec, const char *q, const char *end)
{
	/* each byte less its expected character is at most lim: '0'..'9', or '.' and ':' exactly */
	const __m128i pat = _mm_setr_epi8('0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '.',
					  '0', '0', '0', ':', '0');
	const __m128i lim = _mm_setr_epi8(9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 0, 9, 9, 9, 0, 9);
	uint64_t lo, sv, bad, serial;
	unsigned nd;
	__m128i x, t;

	if (end - q < 15 + 8)
		return NULL;
	x = _mm_loadu_si128((const __m128i *)(const void *)q);
	t = _mm_sub_epi8(x, pat);
	if (_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(t, lim), t)) != 0xffff)
		return NULL;
	/* the serial: its first digit is q[15]; how many follow in these 8 bytes */
	memcpy(&sv, q + 15, 8);
	bad = ((sv & 0xf0f0f0f0f0f0f0f0ull) ^ 0x3030303030303030ull) |
	      (((sv + 0x0606060606060606ull) & 0xf0f0f0f0f0f0f0f0ull) ^ 0x3030303030303030ull);
	nd = bad ? (unsigned)__builtin_ctzll(bad) / 8 : 8;
	if (nd < 8) {
		/* the leading bytes become leading zeros */
		serial = digits8((sv - 0x3030303030303030ull) << (8 * (8 - nd)));
	} else {
		/* a busy host's serial: two more digits at most */
		serial = digits8(sv - 0x3030303030303030ull);
		while (nd < 10 && q + 15 + nd < end && (unsigned char)(q[15 + nd] - '0') <= 9)
			serial = serial * 10 + (uint64_t)(q[15 + nd++] - '0');
		if (serial > UINT32_MAX)
			return NULL;
	}
	if (q + 15 + nd == end || q[15 + nd] != ')')
		return NULL; /* the general code reports it */
	memcpy(&lo, q, 8);
	rec->sec = (int64_t)(digits8(lo - 0x3030303030303030ull) * 100 + (uint64_t)(q[8] - '0') * 10 + (uint64_t)(q[9] - '0'));
	rec->msec = (uint32_t)((q[11] - '0') * 100 + (q[12] - '0') * 10 + (q[13] - '0'));
	rec->serial = (uint32_t)serial;
	return q + 15 + nd + 1;
}
#endif

#ifdef AK__SCAN_FAST
/*
 * Bytes below 0x20 (0x1d among them), '\\', DEL and >= 0x80 become bytes above
 * 0x5e, all others stay at or below it; several such vectors combine by
 * their maximum, and odd_bits() tells which bytes are above.
 */
static inline __m128i odd_pre(__m128i x)
{
	/* x - 0x20 is at most 0x5e exactly for ' '..'~'; '\\' becomes 0xff */
	return _mm_or_si128(_mm_add_epi8(x, _mm_set1_epi8((char)0xe0)),
			    _mm_cmpeq_epi8(x, _mm_set1_epi8('\\')));
}

static inline unsigned odd_bits(__m128i t)
{
	/* + 0x21 with unsigned saturation sets the sign bit exactly above 0x5e */
	return (unsigned)_mm_movemask_epi8(_mm_adds_epu8(t, _mm_set1_epi8(0x21)));
}
#endif

/*
 * The first 0x1d in [s, end), NULL if none; *@plain is cleared if a byte
 * before it (or before @end) bars AK_F_PLAIN.  One pass finds both.
 */
static const char *group_sep(const char *s, const char *end, unsigned *plain)
{
#ifdef AK__SCAN_FAST
	if (end - s >= 16) {
		const char *blk;
		unsigned m;
		__m128i x;

		for (;;) {
			/* 64 bytes a turn through the long hex values (proctitle, EXECVE) */
			while (end - s >= 64) {
				__m128i a = _mm_loadu_si128((const __m128i *)(const void *)s);
				__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(s + 16));
				__m128i c = _mm_loadu_si128((const __m128i *)(const void *)(s + 32));
				__m128i d = _mm_loadu_si128((const __m128i *)(const void *)(s + 48));

				if (odd_bits(_mm_max_epu8(_mm_max_epu8(odd_pre(a), odd_pre(b)),
							  _mm_max_epu8(odd_pre(c), odd_pre(d)))))
					break;
				s += 64;
			}
			if (end - s >= 32) {
				__m128i a = _mm_loadu_si128((const __m128i *)(const void *)s);
				__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(s + 16));

				if (!odd_bits(_mm_max_epu8(odd_pre(a), odd_pre(b)))) {
					s += 32;
					continue;
				}
			}
			/* a block at s, or the last 16 bytes less those already seen */
			blk = end - s >= 16 ? s : end - 16;
			x = _mm_loadu_si128((const __m128i *)(const void *)blk);
			m = odd_bits(odd_pre(x)) >> (s - blk) << (s - blk);
			if (m || blk + 16 == end)
				break;
			s = blk + 16;
		}
		if (!m)
			return NULL;
		unsigned gb = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8(0x1d)));

		gb = gb >> (s - blk) << (s - blk);
		if (gb && (gb & -gb) == (m & -m))
			return blk + __builtin_ctz(gb); /* the separator comes first */
		*plain = 0;
		return memchr(s, 0x1d, (size_t)(end - s));
	}
#endif
	for (; s < end; s++) {
		if (*s == 0x1d)
			return s;
		if (IS(*s, C_NPLAIN)) {
			*plain = 0;
			return memchr(s, 0x1d, (size_t)(end - s));
		}
	}
	return NULL;
}

/* The first white space byte at or after @p, or @end. */
static inline const char *word_end(const char *p, const char *end)
{
#ifdef AK__SCAN_FAST
	/* type names and node names are short: one 16-byte window holds most */
	if (end - p >= 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
		__m128i t = _mm_sub_epi8(x, _mm_set1_epi8(0x09)); /* \t..\r: 0..4 */
		unsigned sp = (unsigned)_mm_movemask_epi8(
			_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')),
				     _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(4)), t)));

		if (sp)
			return p + __builtin_ctz(sp);
		p += 16;
	}
#endif
	while (p < end && !IS(*p, C_SPACE))
		p++;
	return p;
}
