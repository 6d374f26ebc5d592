/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AUDITKIT_FUZZ_CHECK_H
#define AUDITKIT_FUZZ_CHECK_H

/*
 * Output checks shared by the fuzz harnesses, written independently of the library
 * (they must not trust its own escaper or UTF-8 checker):
 *
 *   fz_utf8_ok(s, n)         strict UTF-8 (shortest form, no surrogates, <= U+10FFFF)
 *   fz_json_line_ok_j(j, s, n)  exactly one JSON value (RFC 8259, strict), then "\n",
 *                            then nothing; strings contain no raw control bytes and no
 *                            \u escape of a surrogate; the whole line is valid UTF-8
 *   fz_json_keys_unique(j)   after that: the top-level object has no duplicate keys
 *                            (compared as written: the writer never escapes a byte two ways)
 *   fz_plain(p, n)           printable ASCII (0x20-0x7e) but '"' and '\\': what the
 *                            library's plain flags promise (AK_F_PLAIN and the others)
 *
 * FZ_CHECK(cond) aborts with the failed condition: libFuzzer and replay both see a crash.
 */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The checkers are not the code under test: keep libFuzzer's coverage tracing out. */
#if defined(__clang__) && __clang_major__ >= 13
#define FZ_NOCOV __attribute__((no_sanitize("coverage")))
#else
#define FZ_NOCOV
#endif

#define FZ_CHECK(c)                                                                  \
	do {                                                                         \
		if (!(c)) {                                                          \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #c); \
			abort();                                                     \
		}                                                                    \
	} while (0)

static inline FZ_NOCOV int fz_plain(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c < 0x20 || c > 0x7e || c == '"' || c == '\\')
			return 0;
	}
	return 1;
}

static inline FZ_NOCOV int fz_utf8_ok(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i];
		size_t len;
		uint32_t cp, min;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			len = 2; cp = c & 0x1f; min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			len = 3; cp = c & 0x0f; min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			len = 4; cp = c & 0x07; min = 0x10000;
		} else {
			return 0;
		}
		if (n - i < len)
			return 0;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		i += len;
	}
	return 1;
}

struct fz_json {
	const unsigned char *s;
	size_t n, i;
	unsigned depth;
	/* top-level object keys, for the duplicate check */
	size_t keys[1024][2];
	size_t nkeys;
	int overflow_keys;
};

static inline FZ_NOCOV void fz_ws(struct fz_json *j)
{
	while (j->i < j->n && (j->s[j->i] == ' ' || j->s[j->i] == '\t' ||
			       j->s[j->i] == '\r' || j->s[j->i] == '\n'))
		j->i++;
}

static inline FZ_NOCOV int fz_hex4(struct fz_json *j, unsigned *v)
{
	*v = 0;
	if (j->n - j->i < 4)
		return 0;
	for (int k = 0; k < 4; k++) {
		unsigned c = j->s[j->i++], d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return 0;
		*v = *v << 4 | d;
	}
	return 1;
}

static inline FZ_NOCOV int fz_string(struct fz_json *j)
{
	if (j->i >= j->n || j->s[j->i] != '"')
		return 0;
	j->i++;
	while (j->i < j->n) {
		unsigned c = j->s[j->i];

		if (c == '"') {
			j->i++;
			return 1;
		}
		if (c < 0x20)
			return 0;
		if (c == '\\') {
			unsigned v;

			if (++j->i >= j->n)
				return 0;
			c = j->s[j->i++];
			if (c == 'u') {
				if (!fz_hex4(j, &v) || (v >= 0xd800 && v <= 0xdfff))
					return 0;
			} else if (!strchr("\"\\/bfnrt", (int)c) || c == 0) {
				return 0;
			}
			continue;
		}
		j->i++;
	}
	return 0;
}

static inline FZ_NOCOV int fz_number(struct fz_json *j)
{
	size_t st;

	if (j->i < j->n && j->s[j->i] == '-')
		j->i++;
	if (j->i >= j->n)
		return 0;
	if (j->s[j->i] == '0') {
		j->i++;
	} else if (j->s[j->i] >= '1' && j->s[j->i] <= '9') {
		while (j->i < j->n && j->s[j->i] >= '0' && j->s[j->i] <= '9')
			j->i++;
	} else {
		return 0;
	}
	if (j->i < j->n && j->s[j->i] == '.') {
		st = ++j->i;
		while (j->i < j->n && j->s[j->i] >= '0' && j->s[j->i] <= '9')
			j->i++;
		if (j->i == st)
			return 0;
	}
	if (j->i < j->n && (j->s[j->i] == 'e' || j->s[j->i] == 'E')) {
		j->i++;
		if (j->i < j->n && (j->s[j->i] == '+' || j->s[j->i] == '-'))
			j->i++;
		st = j->i;
		while (j->i < j->n && j->s[j->i] >= '0' && j->s[j->i] <= '9')
			j->i++;
		if (j->i == st)
			return 0;
	}
	return 1;
}

static inline FZ_NOCOV int fz_value(struct fz_json *j);

static inline FZ_NOCOV int fz_lit(struct fz_json *j, const char *w)
{
	size_t l = strlen(w);

	if (j->n - j->i < l || memcmp(j->s + j->i, w, l) != 0)
		return 0;
	j->i += l;
	return 1;
}

static inline FZ_NOCOV int fz_container(struct fz_json *j, int obj)
{
	unsigned char close = obj ? '}' : ']';
	int top = j->depth == 0;

	if (++j->depth > 64)
		return 0;
	j->i++;
	fz_ws(j);
	if (j->i < j->n && j->s[j->i] == close) {
		j->i++;
		j->depth--;
		return 1;
	}
	for (;;) {
		fz_ws(j);
		if (obj) {
			size_t k0 = j->i;

			if (!fz_string(j))
				return 0;
			if (top && obj) {
				if (j->nkeys < sizeof(j->keys) / sizeof(j->keys[0])) {
					j->keys[j->nkeys][0] = k0;
					j->keys[j->nkeys][1] = j->i - k0;
					j->nkeys++;
				} else {
					j->overflow_keys = 1;
				}
			}
			fz_ws(j);
			if (j->i >= j->n || j->s[j->i] != ':')
				return 0;
			j->i++;
			fz_ws(j);
		}
		if (!fz_value(j))
			return 0;
		fz_ws(j);
		if (j->i >= j->n)
			return 0;
		if (j->s[j->i] == ',') {
			j->i++;
			continue;
		}
		if (j->s[j->i] == close) {
			j->i++;
			j->depth--;
			return 1;
		}
		return 0;
	}
}

static inline FZ_NOCOV int fz_value(struct fz_json *j)
{
	if (j->i >= j->n)
		return 0;
	switch (j->s[j->i]) {
	case '{': return fz_container(j, 1);
	case '[': return fz_container(j, 0);
	case '"': return fz_string(j);
	case 't': return fz_lit(j, "true");
	case 'f': return fz_lit(j, "false");
	case 'n': return fz_lit(j, "null");
	default: return fz_number(j);
	}
}

/* One JSON value, no insignificant whitespace outside strings, then exactly "\n". */
static inline FZ_NOCOV int fz_json_line_ok_j(struct fz_json *j, const char *s, size_t n)
{
	j->i = 0;
	j->depth = 0;
	j->nkeys = 0;
	j->overflow_keys = 0;
	j->s = (const unsigned char *)s;
	j->n = n;
	if (n == 0 || s[n - 1] != '\n' || memchr(s, '\n', n - 1))
		return 0;
	if (!fz_utf8_ok(j->s, n))
		return 0;
	j->n = n - 1;
	if (!fz_value(j))
		return 0;
	return j->i == j->n;
}

static inline FZ_NOCOV int fz_json_keys_unique(const struct fz_json *j)
{
	for (size_t a = 0; a < j->nkeys; a++)
		for (size_t b = a + 1; b < j->nkeys; b++)
			if (j->keys[a][1] == j->keys[b][1] &&
			    memcmp(j->s + j->keys[a][0], j->s + j->keys[b][0], j->keys[a][1]) == 0)
				return 0;
	return 1;
}

#endif
