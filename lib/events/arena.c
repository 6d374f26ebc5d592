// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
#include <string.h>

#include "events/arena.h"

void ak__arena_init(struct ak__arena *a, void *buf, size_t cap)
{
	a->base = buf;
	a->cap = cap;
	a->lo = 0;
	a->hi = cap;
}

void ak__arena_reset(struct ak__arena *a)
{
	a->lo = 0;
	a->hi = a->cap;
}

void *ak__arena_lo(struct ak__arena *a, size_t n, size_t align)
{
	/* Align the address, not the offset: the buffer may be unaligned. */
	uintptr_t at = ((uintptr_t)a->base + a->lo + align - 1) & ~(uintptr_t)(align - 1);
	size_t off = (size_t)(at - (uintptr_t)a->base);

	if (!a->base || off > a->hi || a->hi - off < n)
		return NULL;
	a->lo = off + n;
	return a->base + off;
}

void *ak__arena_hi(struct ak__arena *a, size_t n, size_t align)
{
	uintptr_t top = (uintptr_t)a->base + a->hi;
	uintptr_t at;

	if (!a->base || a->hi - a->lo < n)
		return NULL;
	at = (top - n) & ~(uintptr_t)(align - 1);
	if (at < (uintptr_t)a->base + a->lo)
		return NULL;
	a->hi = (size_t)(at - (uintptr_t)a->base);
	return a->base + a->hi;
}

intptr_t ak__arena_move(struct ak__arena *a, void *buf, size_t cap)
{
	char *nb = buf;
	size_t high = a->cap - a->hi;
	/* Integer arithmetic: the first move starts from a NULL base. */
	intptr_t delta = (intptr_t)((uintptr_t)nb + cap - high - ((uintptr_t)a->base + a->hi));

	if (a->lo)
		memcpy(nb, a->base, a->lo);
	if (high)
		memcpy(nb + cap - high, a->base + a->hi, high);
	a->base = nb;
	a->hi = cap - high;
	a->cap = cap;
	return delta;
}
