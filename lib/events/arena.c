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
