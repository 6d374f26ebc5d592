// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * The JSON writer: appends to a caller buffer, sticky overflow, keeps counting
 * past the end so the caller learns the size needed.  See <auditkit/json.h>.
 */
#include <errno.h>
#include <string.h>

#include <auditkit/json.h>

#include "output/utf8.h"

void ak_json_init(struct ak_json *w, char *buf, size_t cap)
{
	memset(w, 0, sizeof(*w));
	w->buf = buf;
	w->cap = buf ? cap : 0;
	w->first = 1;
}

void ak_json_reset(struct ak_json *w)
{
	ak_json_init(w, w->buf, w->cap);
}

int ak_json_finish(struct ak_json *w)
{
	if (w->error) {
		errno = EINVAL;
		return -EINVAL;
	}
	if (w->len >= w->cap) {
		if (w->len > w->cap) {
			errno = ERANGE;
			return -ERANGE;
		}
		/* exact fit: valid output, just no room for the NUL */
		return (int)(w->len > (size_t)0x7fffffff ? 0x7fffffff : w->len);
	}
	w->buf[w->len] = '\0';
	return w->len > (size_t)0x7fffffff ? 0x7fffffff : (int)w->len;
}

static inline void put(struct ak_json *w, const char *s, size_t n)
{
	if (w->len + n <= w->cap)
		memcpy(w->buf + w->len, s, n);
	else if (w->len < w->cap)
		memcpy(w->buf + w->len, s, w->cap - w->len);
	w->len += n;
}

static inline void put1(struct ak_json *w, char c)
{
	if (w->len < w->cap)
		w->buf[w->len] = c;
	w->len++;
}

/* Before a value or key: a comma unless first in its container or after a key. */
static inline void sep(struct ak_json *w)
{
	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	if (w->depth < 32 && (w->first & (1u << w->depth)))
		w->first &= ~(1u << w->depth);
	else
		put1(w, ',');
}

static void open_c(struct ak_json *w, char c)
{
	sep(w);
	put1(w, c);
	if (w->depth + 1 >= AK_JSON_MAX_DEPTH) {
		w->error = 1;
		return;
	}
	w->depth++;
	w->first |= 1u << w->depth;
}

static void close_c(struct ak_json *w, char c)
{
	if (w->depth == 0 || w->after_key)
		w->error = 1;
	else
		w->depth--;
	w->after_key = 0;
	put1(w, c);
	/* top-level values are not comma-separated: JSON Lines, one per line */
	if (w->depth == 0)
		w->first |= 1;
}

void ak_json_obj_open(struct ak_json *w) { open_c(w, '{'); }
void ak_json_obj_close(struct ak_json *w) { close_c(w, '}'); }
void ak_json_arr_open(struct ak_json *w) { open_c(w, '['); }
void ak_json_arr_close(struct ak_json *w) { close_c(w, ']'); }

/*
 * Byte classes for the escaper: 0 = copy, 1 = needs escape (ASCII),
 * 2 = start of a multi-byte UTF-8 sequence or invalid byte.
 */
static const unsigned char json_class[256] = {
	[0x00 ... 0x1f] = 1, ['"'] = 1, ['\\'] = 1, [0x7f] = 1,
	[0x80 ... 0xff] = 2,
};

static const char hexdig[] = "0123456789abcdef";

size_t ak_json_escape(char *dst, size_t cap, const char *src, size_t n)
{
	struct ak_json w = { .buf = dst, .cap = dst ? cap : 0 };
	const unsigned char *s = (const unsigned char *)src, *end = s + n;

	while (s < end) {
		const unsigned char *run = s;

		while (s < end && !json_class[*s])
			s++;
		if (s > run)
			put(&w, (const char *)run, (size_t)(s - run));
		if (s == end)
			break;
		if (json_class[*s] == 1) {
			char e[6] = { '\\', 'u', '0', '0', 0, 0 };

			switch (*s) {
			case '"': put(&w, "\\\"", 2); break;
			case '\\': put(&w, "\\\\", 2); break;
			case '\b': put(&w, "\\b", 2); break;
			case '\f': put(&w, "\\f", 2); break;
			case '\n': put(&w, "\\n", 2); break;
			case '\r': put(&w, "\\r", 2); break;
			case '\t': put(&w, "\\t", 2); break;
			default:
				e[4] = hexdig[*s >> 4];
				e[5] = hexdig[*s & 15];
				put(&w, e, 6);
			}
			s++;
			continue;
		}
		size_t k = ak__utf8_seq_len(s, (size_t)(end - s));

		if (k) {
			put(&w, (const char *)s, k);
			s += k;
		} else {
			put(&w, "\xef\xbf\xbd", 3); /* U+FFFD */
			s++;
		}
	}
	return w.len;
}

void ak__json_put_escaped(struct ak_json *w, const char *s, size_t n)
{
	if (w->len + 6 * n + 1 <= w->cap) {
		w->len += ak_json_escape(w->buf + w->len, w->cap - w->len, s, n);
	} else {
		size_t room = w->len < w->cap ? w->cap - w->len : 0;

		w->len += ak_json_escape(room ? w->buf + w->len : NULL, room, s, n);
	}
}

static void put_str(struct ak_json *w, const char *s, size_t n)
{
	put1(w, '"');
	ak__json_put_escaped(w, s, n);
	put1(w, '"');
}

void ak_json_key(struct ak_json *w, const char *key, size_t n)
{
	sep(w);
	put_str(w, key, n);
	put1(w, ':');
	w->after_key = 1;
}

void ak_json_str(struct ak_json *w, const char *s, size_t n)
{
	sep(w);
	put_str(w, s, n);
}

void ak_json_cstr(struct ak_json *w, const char *s)
{
	ak_json_str(w, s, strlen(s));
}

void ak_json_uint(struct ak_json *w, uint64_t v)
{
	char tmp[24];
	size_t i = sizeof(tmp);

	sep(w);
	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	put(w, tmp + i, sizeof(tmp) - i);
}

void ak_json_int(struct ak_json *w, int64_t v)
{
	if (v < 0) {
		sep(w);
		put1(w, '-');
		w->after_key = 1; /* suppress the comma ak_json_uint would add */
		ak_json_uint(w, (uint64_t)0 - (uint64_t)v);
	} else {
		ak_json_uint(w, (uint64_t)v);
	}
}

void ak_json_bool(struct ak_json *w, int v)
{
	sep(w);
	if (v)
		put(w, "true", 4);
	else
		put(w, "false", 5);
}

void ak_json_null(struct ak_json *w)
{
	sep(w);
	put(w, "null", 4);
}

void ak_json_raw(struct ak_json *w, const char *s, size_t n)
{
	sep(w);
	put(w, s, n);
}

void ak_json_kv_str(struct ak_json *w, const char *key, const char *s, size_t n)
{
	ak_json_key(w, key, strlen(key));
	ak_json_str(w, s, n);
}

void ak_json_kv_cstr(struct ak_json *w, const char *key, const char *s)
{
	ak_json_key(w, key, strlen(key));
	ak_json_str(w, s, strlen(s));
}

void ak_json_kv_int(struct ak_json *w, const char *key, int64_t v)
{
	ak_json_key(w, key, strlen(key));
	ak_json_int(w, v);
}

void ak_json_kv_uint(struct ak_json *w, const char *key, uint64_t v)
{
	ak_json_key(w, key, strlen(key));
	ak_json_uint(w, v);
}

void ak_json_kv_bool(struct ak_json *w, const char *key, int v)
{
	ak_json_key(w, key, strlen(key));
	ak_json_bool(w, v);
}

void ak_out_bytes(struct ak_json *w, const char *s, size_t n)
{
	put(w, s, n);
}

void ak_out_cstr(struct ak_json *w, const char *s)
{
	put(w, s, strlen(s));
}

size_t ak_utf8_valid_prefix(const char *src, size_t n)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t i = 0;

	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		size_t k = ak__utf8_seq_len(s + i, n - i);

		if (!k)
			return i;
		i += k;
	}
	return n;
}
