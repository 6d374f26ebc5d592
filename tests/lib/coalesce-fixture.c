// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/* The coalescer tests' shared fixture; see coalesce-fixture.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coalesce-fixture.h"

/* A failed check here (no harness counter in this file): reported on stderr,
 * and coalesce_json() returns NULL, which every caller checks. */
#define FIX_CHECK(cond, bad)                                                          \
	do {                                                                          \
		if (!(cond)) {                                                        \
			fprintf(stderr, "  %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, \
				#cond);                                               \
			(bad) = 1;                                                    \
		}                                                                     \
	} while (0)

int parse_lines(struct parsed *p, char *const *lines, size_t n)
{
	p->n = 0;
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(lines[i]);
		int r = ak_rec_parse_line(&p->recs[p->n], lines[i], len, NULL, 0);

		if (r < 0 && r != -ERANGE)
			return r;
		p->fields[p->n] = calloc((size_t)r + 1, sizeof(struct ak_field));
		r = ak_rec_parse_line(&p->recs[p->n], lines[i], len, p->fields[p->n], (size_t)r + 1);
		if (r < 0)
			return r;
		p->n++;
	}
	return 0;
}

void free_parsed(struct parsed *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->fields[i]);
}

char *coalesce_json(struct parsed *p, unsigned cflags, struct ak_event *ev, void **arena)
{
	size_t need = ak_coalesce_arena_size(p->recs, p->n);
	struct ak_json w;
	char *out;
	int r, bad = 0;

	*arena = malloc(need);
	if (ak_coalesce(ev, p->recs, p->n, *arena, need, cflags) < 0)
		return NULL;
	ak_json_init(&w, NULL, 0);
	/* go-compat runs print only go-libaudit's keys, so they must match exactly. */
	ak_event_json(&w, ev, (cflags & AK_COALESCE_GO_COMPAT) ? AK_EVENT_OUT_GO_KEYS : 0);
	out = malloc(ak_json_len(&w) + 1);
	ak_json_init(&w, out, ak_json_len(&w) + 1);
	ak_event_json(&w, ev, (cflags & AK_COALESCE_GO_COMPAT) ? AK_EVENT_OUT_GO_KEYS : 0);
	r = ak_json_finish(&w);
	if (r < 0) {
		free(out);
		return NULL;
	}
	/* With the cache (a miss, then a hit): the same event. */
	{
		static struct ak_coalesce_cache *cache;
		void *a2 = malloc(need);

		if (!cache)
			FIX_CHECK(ak_coalesce_cache_new(&cache) == 0, bad);
		for (int pass = 0; pass < 2; pass++) {
			struct ak_event e2;
			struct ak_json w2;
			char *o2 = malloc((size_t)r + 1);

			FIX_CHECK(ak_coalesce_cached(&e2, p->recs, p->n, a2, need, cflags, cache) == 0,
				  bad);
			ak_json_init(&w2, o2, (size_t)r + 1);
			ak_event_json(&w2, &e2,
				      (cflags & AK_COALESCE_GO_COMPAT) ? AK_EVENT_OUT_GO_KEYS : 0);
			FIX_CHECK(ak_json_finish(&w2) == r, bad);
			FIX_CHECK(memcmp(o2, out, (size_t)r) == 0, bad);
			free(o2);
		}
		free(a2);
	}
	/* With room to spare the fast path writes it: the same bytes. */
	{
		size_t big = 8 * (size_t)r + 4096;
		char *fast = malloc(big);

		ak_json_init(&w, fast, big);
		ak_event_json(&w, ev, (cflags & AK_COALESCE_GO_COMPAT) ? AK_EVENT_OUT_GO_KEYS : 0);
		FIX_CHECK(ak_json_finish(&w) == r, bad);
		FIX_CHECK(memcmp(fast, out, (size_t)r) == 0, bad);
		free(fast);
	}
	if (bad) {
		fprintf(stderr, "  coalesce_json: the cache or the fast path differs for %.*s\n",
			(int)p->recs[0].line.n, p->recs[0].line.p);
		free(out);
		return NULL;
	}
	return out;
}

int fixture(struct ev_fixture *f, const char *const *lines, size_t n, unsigned flags)
{
	memset(f, 0, sizeof(*f));
	if (parse_lines(&f->p, (char *const *)lines, n) < 0)
		return -1;
	f->json = coalesce_json(&f->p, flags, &f->ev, &f->arena);
	if (!f->json)
		return -1;
	{
		const char *jp = f->json;

		return j_parse(&jp, &f->j);
	}
}

void fixture_free(struct ev_fixture *f)
{
	j_free(&f->j);
	free(f->json);
	free(f->arena);
	free_parsed(&f->p);
}

const char *jstr(const struct jv *root, const char *a, const char *b, const char *c)
{
	const struct jv *v = j_get(root, a);

	if (b)
		v = j_get(v, b);
	if (c)
		v = j_get(v, c);
	return v && v->t == J_STR ? v->s : NULL;
}
