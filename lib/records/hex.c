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

#include <auditkit/interp.h>

#include "records/interp-internal.h"

/* '0'-'9' and 'A'-'F' to 0x10 | their value, everything else 0. */
#define H(v) (0x10 | (v))
const unsigned char ak__hexval[256] = {
	['0'] = H(0), ['1'] = H(1), ['2'] = H(2), ['3'] = H(3), ['4'] = H(4),
	['5'] = H(5), ['6'] = H(6), ['7'] = H(7), ['8'] = H(8), ['9'] = H(9),
	['A'] = H(10), ['B'] = H(11), ['C'] = H(12), ['D'] = H(13), ['E'] = H(14), ['F'] = H(15),
};

int ak_hex_is_upper(const char *s, size_t n)
{
	if (!n || (n & 1))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!ak__hexval[(unsigned char)s[i]])
			return 0;
	return 1;
}

/*
 * Decode and validate in one pass (the value is written before we know it is
 * all hex; a failure leaves garbage in @dst, which the caller then ignores).
 */
int ak__hex_decode(char *dst, const char *s, size_t n, int mode)
{
	size_t o = 0;

	if (!n || (n & 1))
		return -EINVAL;
	for (size_t i = 0; i < n; i += 2) {
		unsigned hi = ak__hexval[(unsigned char)s[i]];
		unsigned lo = ak__hexval[(unsigned char)s[i + 1]];

		if (!(hi & lo & 0x10))
			return -EINVAL;
		unsigned char c = (unsigned char)((hi & 15) << 4 | (lo & 15));

		if (c == 0) {
			if (mode == AK_HEX_NUL_TRUNCATE) {
				/* the rest must still be valid hex, as in go-libaudit */
				for (size_t j = i + 2; j < n; j++)
					if (!ak__hexval[(unsigned char)s[j]])
						return -EINVAL;
				return (int)o;
			}
			if (mode == AK_HEX_NUL_SPACE)
				c = ' ';
		}
		dst[o++] = (char)c;
	}
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
