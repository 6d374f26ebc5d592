/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
/*
 * A small JSON reader for the coalescer tests (test-coalesce.c,
 * test-coalesce-cache.c): parses go-libaudit's goldens and our own output
 * into a tree, and compares them key by key (every key and value of the
 * expected tree present in the actual one).  Test code only: trusts its
 * input, allocates freely.
 */
#ifndef AK_TESTS_COALESCE_JSON_H
#define AK_TESTS_COALESCE_JSON_H

#include <stddef.h>

enum { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

struct jv {
	int t;
	char *s; /* string (unescaped, NUL-terminated) or number/bool text */
	size_t n;
	struct jv *kid;
	char **key;
	size_t nkid;
};

/* Parse one value at *@p into @v (advancing *@p).  0, or -1 on bad input. */
int j_parse(const char **p, struct jv *v);
void j_free(struct jv *v);
/* The member @key of object @o, or NULL (also when @o is NULL or no object). */
const struct jv *j_get(const struct jv *o, const char *key);
/* Every key/value of @want is in @got: objects by subset, the rest exactly.
 * Each difference is reported through @diff with its dotted path (built in
 * @path, of which the first @plen bytes are the path so far). */
void j_subset(const struct jv *want, const struct jv *got, char *path, size_t plen,
	      void (*diff)(const char *path, void *data), void *data);

#endif
