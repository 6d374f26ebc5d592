/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AK_RECORDS_LINE_SPAN_H
#define AK_RECORDS_LINE_SPAN_H

#include <stddef.h>
#include <stdint.h>

#include <auditkit/record.h>

/*
 * The record's line, where most keys and values lie, as the range of starts
 * from which 16 bytes may be loaded without leaving it: p is such a start
 * when (uintptr_t)p - lo <= span.  Then a key can be compared, or a string of
 * up to 16 bytes copied, with one 16-byte move.  lo = 1, span = 0 (no
 * pointer is 1) when the line is shorter than 16 bytes.
 */
struct line_span {
	uintptr_t lo;
	size_t span;
};

static inline struct line_span line_span(const struct ak_rec *rec)
{
	if (rec->line.n < 16 || !rec->line.p)
		return (struct line_span){ 1, 0 };
	return (struct line_span){ (uintptr_t)rec->line.p, rec->line.n - 16 };
}

#endif
