// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/* The coalescer tests' small JSON reader; see coalesce-json.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coalesce-json.h"

static void j_ws(const char **p)
{
	while (**p == ' ' || **p == '\n' || **p == '\t' || **p == '\r')
		(*p)++;
}

static void put_utf8(char *o, size_t *n, unsigned c)
{
	if (c < 0x80) {
		o[(*n)++] = (char)c;
	} else if (c < 0x800) {
		o[(*n)++] = (char)(0xC0 | c >> 6);
		o[(*n)++] = (char)(0x80 | (c & 0x3F));
	} else if (c < 0x10000) {
		o[(*n)++] = (char)(0xE0 | c >> 12);
		o[(*n)++] = (char)(0x80 | ((c >> 6) & 0x3F));
		o[(*n)++] = (char)(0x80 | (c & 0x3F));
	} else {
		o[(*n)++] = (char)(0xF0 | c >> 18);
		o[(*n)++] = (char)(0x80 | ((c >> 12) & 0x3F));
		o[(*n)++] = (char)(0x80 | ((c >> 6) & 0x3F));
		o[(*n)++] = (char)(0x80 | (c & 0x3F));
	}
}

static char *j_str(const char **p, size_t *len)
{
	const char *s = ++*p;
	size_t cap = 0, n = 0;
	char *o;

	while (s[cap] && s[cap] != '"')
		cap += s[cap] == '\\' ? 2 : 1;
	o = malloc(cap * 4 + 1);
	while (**p && **p != '"') {
		char c = *(*p)++;

		if (c != '\\') {
			o[n++] = c;
			continue;
		}
		c = *(*p)++;
		switch (c) {
		case 'n': o[n++] = '\n'; break;
		case 't': o[n++] = '\t'; break;
		case 'r': o[n++] = '\r'; break;
		case 'b': o[n++] = '\b'; break;
		case 'f': o[n++] = '\f'; break;
		case 'u': {
			unsigned v = (unsigned)strtoul((char[5]){ (*p)[0], (*p)[1], (*p)[2], (*p)[3], 0 },
						       NULL, 16);

			*p += 4;
			if (v >= 0xD800 && v < 0xDC00 && (*p)[0] == '\\' && (*p)[1] == 'u') {
				unsigned lo = (unsigned)strtoul(
					(char[5]){ (*p)[2], (*p)[3], (*p)[4], (*p)[5], 0 }, NULL, 16);

				*p += 6;
				v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
			}
			put_utf8(o, &n, v);
			break;
		}
		default: o[n++] = c; break;
		}
	}
	if (**p == '"')
		(*p)++;
	o[n] = '\0';
	*len = n;
	return o;
}

int j_parse(const char **p, struct jv *v)
{
	*v = (struct jv){ 0 };
	j_ws(p);
	if (**p == '"') {
		v->t = J_STR;
		v->s = j_str(p, &v->n);
		return 0;
	}
	if (**p == '{' || **p == '[') {
		int obj = **p == '{';
		size_t cap = 8;

		v->t = obj ? J_OBJ : J_ARR;
		v->kid = calloc(cap, sizeof(*v->kid));
		v->key = calloc(cap, sizeof(*v->key));
		(*p)++;
		j_ws(p);
		if (**p == (obj ? '}' : ']')) {
			(*p)++;
			return 0;
		}
		for (;;) {
			if (v->nkid == cap) {
				cap *= 2;
				v->kid = realloc(v->kid, cap * sizeof(*v->kid));
				v->key = realloc(v->key, cap * sizeof(*v->key));
			}
			v->key[v->nkid] = NULL;
			if (obj) {
				size_t kn;

				j_ws(p);
				if (**p != '"')
					return -1;
				v->key[v->nkid] = j_str(p, &kn);
				j_ws(p);
				if (*(*p)++ != ':')
					return -1;
			}
			if (j_parse(p, &v->kid[v->nkid]) < 0)
				return -1;
			v->nkid++;
			j_ws(p);
			if (**p == ',') {
				(*p)++;
				continue;
			}
			if (**p == (obj ? '}' : ']')) {
				(*p)++;
				return 0;
			}
			return -1;
		}
	}
	{
		const char *s = *p;

		while (**p && !strchr(",]} \n\t\r", **p))
			(*p)++;
		if (*p == s)
			return -1;
		v->n = (size_t)(*p - s);
		v->s = strndup(s, v->n);
		v->t = s[0] == 'n' ? J_NULL : (s[0] == 't' || s[0] == 'f') ? J_BOOL : J_NUM;
	}
	return 0;
}

void j_free(struct jv *v)
{
	for (size_t i = 0; i < v->nkid; i++) {
		j_free(&v->kid[i]);
		free(v->key[i]);
	}
	free(v->kid);
	free(v->key);
	free(v->s);
}

const struct jv *j_get(const struct jv *o, const char *key)
{
	for (size_t i = 0; o && o->t == J_OBJ && i < o->nkid; i++)
		if (!strcmp(o->key[i], key))
			return &o->kid[i];
	return NULL;
}

/* Every key/value of @want is in @got: objects by subset, the rest exactly.
 * Each difference is reported through @diff with its dotted path. */
void j_subset(const struct jv *want, const struct jv *got, char *path, size_t plen,
	      void (*diff)(const char *path, void *data), void *data)
{
	if (!got || got->t != want->t) {
		diff(path, data);
		return;
	}
	if (want->t == J_OBJ) {
		for (size_t i = 0; i < want->nkid; i++) {
			size_t n = strlen(want->key[i]);

			path[plen] = '.';
			memcpy(path + plen + 1, want->key[i], n + 1);
			j_subset(&want->kid[i], j_get(got, want->key[i]), path, plen + 1 + n, diff,
				 data);
			path[plen] = '\0';
		}
		return;
	}
	if (want->t == J_ARR) {
		if (want->nkid != got->nkid) {
			diff(path, data);
			return;
		}
		for (size_t i = 0; i < want->nkid; i++) {
			int n = sprintf(path + plen, "[%zu]", i);

			j_subset(&want->kid[i], &got->kid[i], path, plen + (size_t)n, diff, data);
			path[plen] = '\0';
		}
		return;
	}
	if (want->n != got->n || memcmp(want->s ? want->s : "", got->s ? got->s : "", want->n))
		diff(path, data);
}
