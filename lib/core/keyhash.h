/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AK_CORE_KEYHASH_H
#define AK_CORE_KEYHASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*
 * A hash of a field name for the per-record hash tables (interpretation,
 * duplicate keys).  Names are short: up to 16 bytes they are two
 * overlapping words, read at once; longer ones also fold in every word
 * between, so names that differ only in the middle (crafted input) do not
 * all collide and make the tables quadratic.
 *
 * ak__key_words() gives the words the hash mixes: up to 16 bytes they hold
 * every byte of the name, so (a, b, n) equal means the names are equal.
 */
static inline __attribute__((always_inline)) void ak__key_words(const char *k, size_t n,
								  uint64_t *pa, uint64_t *pb)
{
	uint64_t a = 0, b = 0;

	if (n >= 8) {
		memcpy(&a, k, 8);
		memcpy(&b, k + n - 8, 8);
		for (size_t i = 8; i + 8 < n; i += 8) {
			uint64_t m;

			memcpy(&m, k + i, 8);
			a = (a ^ m) * 0x9e3779b97f4a7c15ull;
		}
	} else if (n >= 4) {
		uint32_t x, y;

		memcpy(&x, k, 4);
		memcpy(&y, k + n - 4, 4);
		a = x;
		b = y;
	} else if (n) {
		a = (unsigned char)k[0] | (unsigned)(unsigned char)k[n / 2] << 8 |
		    (unsigned)(unsigned char)k[n - 1] << 16;
	}
	*pa = a;
	*pb = b;
}

static inline uint32_t ak__key_mix(uint64_t a, uint64_t b, size_t n)
{
	a = (a ^ (b * 0x9e3779b97f4a7c15ull) ^ n) * 0xff51afd7ed558ccdull;
	return (uint32_t)(a >> 40) ^ (uint32_t)(a >> 16);
}

static inline uint32_t ak__key_hash(const char *k, size_t n)
{
	uint64_t a, b;

	ak__key_words(k, n, &a, &b);
	return ak__key_mix(a, b, n);
}

#endif
