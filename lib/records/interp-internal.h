/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
/* Helpers shared by interp.c, hex.c and sockaddr.c. */
#ifndef AK_RECORDS_INTERP_INTERNAL_H
#define AK_RECORDS_INTERP_INTERNAL_H

#include <stddef.h>

/* '0'-'9', 'A'-'F' -> 0x10 | 0..15; anything else 0. */
extern const unsigned char ak__hexval[256];

/* Decode upper-case hex @s into @dst (room for @n / 2 bytes), mode enum ak_hex_nul.
 * Returns the length or -EINVAL (then @dst holds garbage). */
int ak__hex_decode(char *dst, const char *s, size_t n, int mode);

/* Decimal text of @v into @dst (>= 21 bytes); returns the length. */
size_t ak__utoa(char *dst, unsigned long long v);

#endif
