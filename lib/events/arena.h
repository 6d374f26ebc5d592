/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AK_EVENTS_ARENA_H
#define AK_EVENTS_ARENA_H

/*
 * A two-ended bump allocator over a caller's buffer (yyjson's pool over a
 * fixed buffer is the model).  The low end grows up and suits an array that
 * must stay contiguous while it grows (allocate equal, aligned elements one at
 * a time); the high end grows down and takes everything else.  The arena is
 * full when the two meet.  Reset forgets everything at once; nothing is ever
 * freed one by one and nothing is ever malloc'ed.
 *
 *	base                     lo ->          <- hi                  base+cap
 *	| rec rec rec rec ...     |     free     | bytes fields bytes ... |
 */

#include <stddef.h>
#include <stdint.h>

struct ak__arena {
	char *base;
	size_t cap;
	size_t lo; /* bytes used from the bottom */
	size_t hi; /* start of the part used from the top */
};

void ak__arena_init(struct ak__arena *a, void *buf, size_t cap);
void ak__arena_reset(struct ak__arena *a);

/* @n bytes at the low end, aligned to @align (a power of two); NULL if full.
 * Inline: the reassembler takes three pieces per record. */
static inline void *ak__arena_lo(struct ak__arena *a, size_t n, size_t align)
{
	/* Align the address, not the offset: the buffer may be unaligned. */
	uintptr_t at = ((uintptr_t)a->base + a->lo + align - 1) & ~(uintptr_t)(align - 1);
	size_t off = (size_t)(at - (uintptr_t)a->base);

	if (!a->base || off > a->hi || a->hi - off < n)
		return NULL;
	a->lo = off + n;
	return a->base + off;
}

/* @n bytes at the high end, aligned to @align (a power of two); NULL if full. */
static inline void *ak__arena_hi(struct ak__arena *a, size_t n, size_t align)
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
/*
 * Move the contents into @buf of @cap bytes (larger than the current size; the
 * caller frees the old buffer).  The low part keeps its offset from the base,
 * the high part its offset from the top.  Returns how far the high part moved
 * (new address - old address), for the caller to fix pointers into it.  Keep
 * both buffers and both capacities multiples of 16 so that alignment holds.
 */
intptr_t ak__arena_move(struct ak__arena *a, void *buf, size_t cap);
/* Bytes used at both ends together. */
static inline size_t ak__arena_used(const struct ak__arena *a)
{
	return a->lo + (a->cap - a->hi);
}
/* Bytes still free between the ends (before any alignment). */
static inline size_t ak__arena_avail(const struct ak__arena *a)
{
	return a->hi - a->lo;
}

#endif
