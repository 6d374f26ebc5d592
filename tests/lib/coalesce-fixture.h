/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
/*
 * What the coalescer tests (test-coalesce.c, test-coalesce-cache.c) share:
 * log lines parsed into records, coalesced and written as JSON (checked on
 * the way against the coalescer's cache and the JSON writer's fast path),
 * and an event fixture holding all of it.  Test code only: allocates freely.
 */
#ifndef AK_TESTS_COALESCE_FIXTURE_H
#define AK_TESTS_COALESCE_FIXTURE_H

#include <auditkit.h>
#include <auditkit/coalesce.h>

#include "coalesce-json.h"

struct parsed {
	struct ak_rec recs[64];
	struct ak_field *fields[64];
	size_t n;
};

/* Parse @n lines (at most 64) into @p.  0 or -errno. */
int parse_lines(struct parsed *p, char *const *lines, size_t n);
void free_parsed(struct parsed *p);

/*
 * Coalesce @p with @cflags into @ev (its arena, malloc'd, in *@arena: the
 * caller frees it whatever the result) and render it as JSON (malloc'd).
 * The same event through ak_coalesce_cached() (a miss, then a hit) and the
 * JSON writer's fast path (a roomy buffer) must give the same bytes: NULL,
 * with the difference on stderr, when they do not or anything fails.
 */
char *coalesce_json(struct parsed *p, unsigned cflags, struct ak_event *ev, void **arena);

struct ev_fixture {
	struct parsed p;
	struct ak_event ev;
	void *arena;
	char *json;
	struct jv j;
};

/* @n lines coalesced with @flags, as an event, its JSON and that parsed.
 * 0, or -1; fixture_free() in either case. */
int fixture(struct ev_fixture *f, const char *const *lines, size_t n, unsigned flags);
void fixture_free(struct ev_fixture *f);

/* The string at @root.a[.b[.c]] (b, c may be NULL), or NULL. */
const char *jstr(const struct jv *root, const char *a, const char *b, const char *c);

#endif
