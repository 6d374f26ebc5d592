/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AK_OUTPUT_UTF8_H
#define AK_OUTPUT_UTF8_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct ak_json;
/* Append @s JSON-escaped (no quotes) to @w. */
void ak__json_put_escaped(struct ak_json *w, const char *s, size_t n);
/* ak_json_key + ak_json_str, fast when the buffer has room. */
void ak__json_kv(struct ak_json *w, const char *k, size_t kn, const char *v, size_t vn);
/* A plain key and a value that needs no escaping but for '"' and 0x1d (AK_REC_MSG_PLAIN). */
void ak__json_kv_msg(struct ak_json *w, const char *k, size_t kn, const char *v, size_t vn);
/* The same for a key and value that need no escaping (plain ASCII names, digits). */
void ak__json_kv_plain(struct ak_json *w, const char *k, size_t kn, const char *v, size_t vn);

/*
 * Copy @n bytes with overlapping word moves: two when n <= 32, else 16 at a
 * time and the last 16 (no library call); reads and writes stay within the
 * n bytes.  @d and @p do not overlap.  Two tests for the usual names and
 * short values (under 8, or 8 to 16 bytes).
 */
static inline __attribute__((always_inline)) void ak__copy_words(char *d, const char *p, size_t n)
{
	if (n >= 8) {
		if (n > 16) {
			for (size_t i = 0; i + 16 < n; i += 16)
				memcpy(d + i, p + i, 16);
			memcpy(d + n - 16, p + n - 16, 16);
		} else {
			memcpy(d, p, 8);
			memcpy(d + n - 8, p + n - 8, 8);
		}
	} else if (n >= 4) {
		memcpy(d, p, 4);
		memcpy(d + n - 4, p + n - 4, 4);
	} else if (n) {
		/* 1 to 3 bytes: the first, the middle and the last */
		d[0] = p[0];
		d[n >> 1] = p[n >> 1];
		d[n - 1] = p[n - 1];
	}
}

/* Nonzero if any byte of @x is < 0x20, '"', '\\', 0x7f or >= 0x80 (needs escaping in JSON). */
static inline uint64_t ak__swar_special(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101ull;
	uint64_t lt20 = (x - ones * 0x20) & ~x;
	uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\'), d = x ^ (ones * 0x7f);

	q = (q - ones) & ~q;
	b = (b - ones) & ~b;
	d = (d - ones) & ~d;
	return (lt20 | q | b | d | x) & 0x8080808080808080ull;
}

/* Whether the @n bytes at @p need no JSON escaping (word tests, reads within them; for short strings). */
static inline int ak__short_plain(const char *p, size_t n)
{
	uint64_t x, y;

	if (n >= 8) {
		uint64_t m = 0;

		for (size_t i = 8; i < n - 8; i += 8) { /* past 16 bytes */
			memcpy(&x, p + i, 8);
			m |= ak__swar_special(x);
		}
		memcpy(&x, p, 8);
		memcpy(&y, p + n - 8, 8);
		return !(m | ak__swar_special(x) | ak__swar_special(y));
	}
	if (n >= 4) {
		uint32_t a, b;

		memcpy(&a, p, 4);
		memcpy(&b, p + n - 4, 4);
		return !ak__swar_special((uint64_t)a << 32 | b);
	}
	x = 0x6161616161616161ull; /* 'a's where there are no bytes */
	for (size_t i = 0; i < n; i++)
		x = x << 8 | (unsigned char)p[i];
	return !ak__swar_special(x);
}

/*
 * One member "k":"v", comma first, of a key and value known to need no
 * escaping, written at @d (room for kn + vn + 6 bytes); returns the end.
 * For loops that check the room and the writer's state once (format.c).
 */
static inline __attribute__((always_inline)) char *ak__json_plain_member(char *d, const char *k,
									size_t kn, const char *v,
									size_t vn)
{
	memcpy(d, ",\"", 2);
	ak__copy_words(d + 2, k, kn);
	d += 2 + kn;
	memcpy(d, "\":\"", 3);
	ak__copy_words(d + 3, v, vn);
	d += 3 + vn;
	*d++ = '"';
	return d;
}

/*
 * Length (2..4) of the well-formed UTF-8 sequence at @s (s[0] >= 0x80), or 0
 * if it is not one: overlong forms, surrogates, > U+10FFFF, truncation and
 * stray continuation bytes all give 0 (RFC 3629 table 2).
 */
static inline size_t ak__utf8_seq_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0];

	if (c >= 0xc2 && c <= 0xdf)
		return n >= 2 && (s[1] & 0xc0) == 0x80 ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		unsigned lo = c == 0xe0 ? 0xa0 : 0x80, hi = c == 0xed ? 0x9f : 0xbf;

		if (n >= 3 && s[1] >= lo && s[1] <= hi && (s[2] & 0xc0) == 0x80)
			return 3;
		return 0;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		unsigned lo = c == 0xf0 ? 0x90 : 0x80, hi = c == 0xf4 ? 0x8f : 0xbf;

		if (n >= 4 && s[1] >= lo && s[1] <= hi && (s[2] & 0xc0) == 0x80 &&
		    (s[3] & 0xc0) == 0x80)
			return 4;
		return 0;
	}
	return 0;
}

#endif
