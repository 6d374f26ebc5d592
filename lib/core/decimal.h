/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AK_CORE_DECIMAL_H
#define AK_CORE_DECIMAL_H

/* Unsigned decimal formatting, shared by every writer that prints a number. */

#include <stdint.h>
#include <string.h>

#define AK__U64_DIGITS 20 /* digits of UINT64_MAX */

/* Write @v in decimal at @dst (room for AK__U64_DIGITS bytes, no NUL); returns its length. */
static inline size_t ak__utoa(char *dst, uint64_t v)
{
	char tmp[AK__U64_DIGITS];
	size_t i = sizeof(tmp);

	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	memcpy(dst, tmp + i, sizeof(tmp) - i);
	return sizeof(tmp) - i;
}

#endif
