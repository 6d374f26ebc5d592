/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AK_OUTPUT_UTF8_H
#define AK_OUTPUT_UTF8_H

#include <stddef.h>

struct ak_json;
/* Append @s JSON-escaped (no quotes) to @w. */
void ak__json_put_escaped(struct ak_json *w, const char *s, size_t n);
/* ak_json_key + ak_json_str, fast when the buffer has room. */
void ak__json_kv(struct ak_json *w, const char *k, size_t kn, const char *v, size_t vn);
/* The same for a key and value that need no escaping (plain ASCII names, digits). */
void ak__json_kv_plain(struct ak_json *w, const char *k, size_t kn, const char *v, size_t vn);

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
