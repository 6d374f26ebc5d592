// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * Hex values as the kernel writes them (audit_log_n_hex: upper-case, two
 * digits per byte).  Only that exact form is decoded: lower-case hex, odd
 * lengths and quoted values are strings that merely look like hex (a rule key
 * "3005", a container id), which is how go-libaudit tells them apart.
 */
#include <errno.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <auditkit/interp.h>

#include "records/interp-internal.h"

/* '0'-'9' and 'A'-'F' to 0x10 | their value, everything else 0. */
#define H(v) (0x10 | (v))
const unsigned char ak__hexval[256] = {
	['0'] = H(0), ['1'] = H(1), ['2'] = H(2), ['3'] = H(3), ['4'] = H(4),
	['5'] = H(5), ['6'] = H(6), ['7'] = H(7), ['8'] = H(8), ['9'] = H(9),
	['A'] = H(10), ['B'] = H(11), ['C'] = H(12), ['D'] = H(13), ['E'] = H(14), ['F'] = H(15),
};

#ifdef __SSE2__
/* All-ones in the bytes of @v that are not '0'-'9' or 'A'-'F'. */
static inline __m128i not_hex16(__m128i v)
{
	const __m128i bias = _mm_set1_epi8(-128);
	/* unsigned v - '0' <= 9 or v - 'A' <= 5, as signed compares on biased values */
	__m128i isd = _mm_cmpgt_epi8(_mm_add_epi8(_mm_sub_epi8(v, _mm_set1_epi8('0')), bias),
				     _mm_set1_epi8(-128 + 9));
	__m128i isa = _mm_cmpgt_epi8(_mm_add_epi8(_mm_sub_epi8(v, _mm_set1_epi8('A')), bias),
				     _mm_set1_epi8(-128 + 5));

	return _mm_and_si128(isd, isa);
}
#endif

int ak_hex_is_upper(const char *s, size_t n)
{
	size_t i = 0;

	if (!n || (n & 1))
		return 0;
#ifdef __SSE2__
	/* 16 at a time: split EXECVE arguments run to many KiB */
	__m128i bad = _mm_setzero_si128();

	for (; i + 16 <= n; i += 16)
		bad = _mm_or_si128(bad, not_hex16(_mm_loadu_si128((const __m128i *)(const void *)(s + i))));
	if (_mm_movemask_epi8(bad))
		return 0;
#endif
	for (; i < n; i++)
		if (!ak__hexval[(unsigned char)s[i]])
			return 0;
	return 1;
}

/*
 * Decode and validate in one pass (the value is written before we know it is
 * all hex; a failure leaves garbage in @dst, which the caller then ignores).
 * NULs are handled after: they are rare, and the loop stays branch-free.
 */
int ak__hex_decode(char *dst, const char *s, size_t n, int mode)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned ok = 0x10;
	size_t o = n / 2;
	char *z;

	size_t i = 0;

	if (!n || (n & 1))
		return -EINVAL;
#ifdef __SSE2__
	/* 16 digits to 8 bytes at a time: long values are hex (proctitle, EXECVE args) */
	const __m128i c0 = _mm_set1_epi8('0'), cA = _mm_set1_epi8('A'), bias = _mm_set1_epi8(-128);
	const __m128i lim9 = _mm_set1_epi8(-128 + 9), lim5 = _mm_set1_epi8(-128 + 5);
	const __m128i ten = _mm_set1_epi8(10), lowb = _mm_set1_epi16(0xff);
	__m128i bad = _mm_setzero_si128();

	for (; i + 8 <= o; i += 8) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + 2 * i));
		__m128i d = _mm_sub_epi8(v, c0), a = _mm_sub_epi8(v, cA);
		/* unsigned d <= 9 and a <= 5, as signed compares on biased values */
		__m128i isd = _mm_cmpgt_epi8(_mm_add_epi8(d, bias), lim9);
		__m128i isa = _mm_cmpgt_epi8(_mm_add_epi8(a, bias), lim5);
		__m128i val = _mm_or_si128(_mm_andnot_si128(isd, d),
					   _mm_and_si128(isd, _mm_add_epi8(a, ten)));

		/* isd/isa are all-ones where the digit is NOT in range */
		bad = _mm_or_si128(bad, _mm_and_si128(isd, isa));
		__m128i hi = _mm_and_si128(val, lowb), lo = _mm_srli_epi16(val, 8);
		__m128i b = _mm_or_si128(_mm_slli_epi16(hi, 4), lo);

		_mm_storel_epi64((__m128i *)(void *)(dst + i), _mm_packus_epi16(b, b));
	}
	if (_mm_movemask_epi8(bad))
		return -EINVAL;
#endif
	for (; i < o; i++) {
		unsigned hi = ak__hexval[u[2 * i]], lo = ak__hexval[u[2 * i + 1]];

		ok &= hi & lo;
		dst[i] = (char)(unsigned char)(hi << 4 | (lo & 15));
	}
	if (!ok)
		return -EINVAL;
	if (mode == AK_HEX_NUL_KEEP || !(z = memchr(dst, 0, o)))
		return (int)o;
	if (mode == AK_HEX_NUL_TRUNCATE)
		return (int)(z - dst);
	for (; z; z = memchr(z + 1, 0, o - (size_t)(z + 1 - dst)))
		*z = ' ';
	return (int)o;
}

int ak_hex_decode(char *dst, size_t cap, const char *s, size_t n, int mode)
{
	int ret;

	if (!ak_hex_is_upper(s, n)) {
		errno = EINVAL;
		return -EINVAL;
	}
	if (n / 2 > cap || n / 2 > 0x7fffffff) {
		errno = ERANGE;
		return -ERANGE;
	}
	ret = ak__hex_decode(dst, s, n, mode);
	if (ret < 0)
		errno = -ret;
	return ret;
}
