/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AUDITKIT_JSON_H
#define AUDITKIT_JSON_H

/*
 * A JSON writer that appends to a caller-owned buffer and never allocates.
 *
 *	char buf[4096];
 *	struct ak_json w;
 *	ak_json_init(&w, buf, sizeof(buf));
 *	ak_json_obj_open(&w);
 *	ak_json_key(&w, "pid", 3); ak_json_int(&w, 42);
 *	ak_json_kv_cstr(&w, "comm", "sshd");
 *	ak_json_obj_close(&w);
 *	int n = ak_json_finish(&w);   // length, or -ERANGE: buffer too small
 *
 * Overflow is sticky and checked once at the end (yyjson's write_buf).  Like
 * snprintf, the writer keeps counting after the buffer is full, so on -ERANGE
 * ak_json_len() is the exact size needed (excluding the NUL): retry with
 * ak_json_len() + 1 bytes.  Commas between members and elements are inserted
 * automatically (top-level values are not separated: JSON Lines, the caller
 * writes the newline with ak_out_bytes()).  Nesting deeper than
 * AK_JSON_MAX_DEPTH - 1 sets the error flag: finish returns -EINVAL.
 *
 * String escaping always yields valid JSON and valid UTF-8, whatever the
 * input bytes:
 *  - '"' and '\\' are backslash-escaped; \b \f \n \r \t use their short forms;
 *  - every other control character (0x00-0x1f, and DEL 0x7f) is \u00XX;
 *  - well-formed UTF-8 (shortest form, no surrogates, <= U+10FFFF) is copied;
 *  - every byte that is not part of a well-formed UTF-8 sequence becomes
 *    U+FFFD (the replacement character, written as its UTF-8 bytes), one per
 *    byte.  The original bytes stay recoverable from raw_msg, where the kernel
 *    hex-encodes any value that is not plain printable ASCII.
 * Nothing else is escaped ('/' and U+2028 are written as they are).
 */

#include <auditkit/base.h>

AK_BEGIN_DECLS

#define AK_JSON_MAX_DEPTH 32

struct ak_json {
	char *buf;       /* caller's buffer */
	size_t cap;      /* its size */
	size_t len;      /* bytes produced so far (may exceed cap: overflowed) */
	unsigned depth;  /* open containers */
	uint32_t first;  /* bit d set: container at depth d has no member yet */
	unsigned after_key : 1; /* a key was just written: no comma before the value */
	unsigned error : 1;     /* misuse (too deep, unbalanced close) */
};

/** ak_json_init - start writing into @buf (@cap bytes; @buf may be NULL with @cap 0 to measure). */
AK_EXPORT void ak_json_init(struct ak_json *w, char *buf, size_t cap);

/** ak_json_reset - forget the output but keep the buffer (for the next line). */
AK_EXPORT void ak_json_reset(struct ak_json *w);

/**
 * ak_json_finish - NUL-terminate (when room) and report.
 * Returns the length written (excluding the NUL), -ERANGE if the buffer was
 * too small (ak_json_len() is then the length needed), or -EINVAL on misuse.
 */
AK_EXPORT int ak_json_finish(struct ak_json *w);

/** ak_json_len - bytes produced (or needed, after overflow). */
static inline size_t ak_json_len(const struct ak_json *w) { return w->len; }
/** ak_json_overflowed - nonzero if the buffer was too small. */
static inline int ak_json_overflowed(const struct ak_json *w) { return w->len > w->cap; }

AK_EXPORT void ak_json_obj_open(struct ak_json *w);
AK_EXPORT void ak_json_obj_close(struct ak_json *w);
AK_EXPORT void ak_json_arr_open(struct ak_json *w);
AK_EXPORT void ak_json_arr_close(struct ak_json *w);

/** ak_json_key - an object member's key (escaped like a string). */
AK_EXPORT void ak_json_key(struct ak_json *w, const char *key, size_t n);
/** ak_json_str - a string value from any bytes (escaped as described above). */
AK_EXPORT void ak_json_str(struct ak_json *w, const char *s, size_t n);
AK_EXPORT void ak_json_cstr(struct ak_json *w, const char *s);
AK_EXPORT void ak_json_int(struct ak_json *w, int64_t v);
AK_EXPORT void ak_json_uint(struct ak_json *w, uint64_t v);
AK_EXPORT void ak_json_bool(struct ak_json *w, int v);
AK_EXPORT void ak_json_null(struct ak_json *w);
/** ak_json_raw - @s is already valid JSON text (a value); copied verbatim. */
AK_EXPORT void ak_json_raw(struct ak_json *w, const char *s, size_t n);

/* Member shorthands: key (a C string) plus value. */
AK_EXPORT void ak_json_kv_str(struct ak_json *w, const char *key, const char *s, size_t n);
AK_EXPORT void ak_json_kv_cstr(struct ak_json *w, const char *key, const char *s);
AK_EXPORT void ak_json_kv_int(struct ak_json *w, const char *key, int64_t v);
AK_EXPORT void ak_json_kv_uint(struct ak_json *w, const char *key, uint64_t v);
AK_EXPORT void ak_json_kv_bool(struct ak_json *w, const char *key, int v);

/*
 * Plain byte sink: append bytes as they are (no comma, no escaping).  For
 * newlines between JSON Lines, and for the YAML and text writers.
 */
AK_EXPORT void ak_out_bytes(struct ak_json *w, const char *s, size_t n);
AK_EXPORT void ak_out_cstr(struct ak_json *w, const char *s);

/**
 * ak_json_escape - the string escaper on its own: append the escaped body of
 * @s (no surrounding quotes) to @dst.  Returns the length the escaped form
 * needs; writes at most @cap bytes (no NUL).  At most 6 * @n bytes.
 */
AK_EXPORT size_t ak_json_escape(char *dst, size_t cap, const char *s, size_t n);

/**
 * ak_utf8_valid_prefix - length of the longest prefix of @s that is well-formed
 * UTF-8.  Returns @n when all of @s is valid.
 */
AK_EXPORT size_t ak_utf8_valid_prefix(const char *s, size_t n);

AK_END_DECLS

#endif
