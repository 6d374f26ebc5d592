// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * fuzz-rulebin - kernel rule blobs (struct audit_rule_data, as AUDIT_LIST_RULES
 * replies carry them) into auditctl -l text.
 *
 * Input: one or more blobs back to back.  Each takes sizeof(struct
 * audit_rule_data) + its own buflen bytes (or whatever is left: a short last
 * blob is malformed and must be refused).  Each blob is copied into a buffer of
 * exactly its size, so that ASan sees any read past it, and listed as a
 * listing would: one struct ak_rule_fmt state carried from blob to blob, once
 * as auditctl -l, once -l -i, once without the arch carried over, once in
 * reparse form.  Checked, independently of the formatter:
 *  - the result is -EINVAL exactly when the blob is malformed: shorter than
 *    the header, more than AUDIT_MAX_FIELDS fields, buflen past the blob, or
 *    string lengths (for string fields) adding up past buflen;
 *  - a well-formed blob always lists: the length is returned, the text is
 *    NUL-terminated there and holds no other NUL or newline (one rule, one line);
 *  - with a buffer one byte too small the result is -ERANGE and the text is
 *    a NUL-terminated prefix; listing is deterministic;
 *  - ak_rule_equal(r, r) is 1, ak_rule_key_match(r, "") is 1;
 *  - the reparse text goes back through the rule compiler (any result; a
 *    rule compiled from it lists again).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <auditkit.h>

#include "fuzz-check.h"

#define TEXT_MAX (AK_RULE_MAX_SIZE * 8 + 65536)

static char text[TEXT_MAX];
static char text2[TEXT_MAX];
static _Alignas(struct audit_rule_data) unsigned char rebuilt[AK_RULE_MAX_SIZE];

/* The same string-field test as the kernel's audit_unpack_string users. */
static bool is_string_field(uint32_t f)
{
	switch (f) {
	case AUDIT_SUBJ_USER: case AUDIT_SUBJ_ROLE: case AUDIT_SUBJ_TYPE:
	case AUDIT_SUBJ_SEN: case AUDIT_SUBJ_CLR: case AUDIT_OBJ_USER:
	case AUDIT_OBJ_ROLE: case AUDIT_OBJ_TYPE: case AUDIT_OBJ_LEV_LOW:
	case AUDIT_OBJ_LEV_HIGH: case AUDIT_WATCH: case AUDIT_DIR:
	case AUDIT_FILTERKEY: case AUDIT_EXE:
		return true;
	}
	return false;
}

static bool malformed(const struct audit_rule_data *r, size_t len)
{
	uint64_t off = 0;

	if (len < sizeof(*r) || r->field_count > AUDIT_MAX_FIELDS ||
	    r->buflen > len - sizeof(*r))
		return true;
	for (uint32_t i = 0; i < r->field_count; i++) {
		if (!is_string_field(r->fields[i] & ~AUDIT_OPERATORS))
			continue;
		off += r->values[i];
		if (off > r->buflen)
			return true;
	}
	return false;
}

static int list(const struct audit_rule_data *r, size_t len, struct ak_rule_fmt *st,
		char *out, size_t cap)
{
	int n;

	memset(out, 0x55, cap < 64 ? cap : 64);
	n = ak_rule_format(r, len, st, out, cap);
	FZ_CHECK(n >= 0 || n == -EINVAL || n == -ERANGE);
	if (n >= 0) {
		FZ_CHECK((size_t)n < cap);
		FZ_CHECK(out[n] == '\0');
		/* a NUL inside the text can only come from a string of the blob */
		FZ_CHECK(memchr(out, '\0', (size_t)n) == NULL ||
			 memchr(r->buf, '\0', r->buflen) != NULL);
	} else if (n == -ERANGE && cap > 0) {
		FZ_CHECK(memchr(out, '\0', cap) != NULL);
	}
	return n;
}

/* The text of one rule: no newline (a key with '\n' in it is printed as is by
 * auditctl; we accept that only when the blob's strings hold one). */
static void one_line(const char *s, size_t n, const struct audit_rule_data *r)
{
	if (memchr(s, '\n', n))
		FZ_CHECK(memchr(r->buf, '\n', r->buflen) != NULL);
}

static void reparse(const char *s, size_t n)
{
	static const struct ak_rule_opts o = { .sz = sizeof(o), .arch = AUDIT_ARCH_X86_64 };
	struct ak_rule_cmd cmd;
	struct ak_diag d;
	int r;

	if (n > AK_RULE_LINE_MAX)
		return;
	r = ak_rule_parse_line(s, n, AK_SPLIT_SHELL, &o, &cmd, rebuilt, sizeof(rebuilt), &d);
	if (r == 0 && (cmd.kind == AK_CMD_ADD || cmd.kind == AK_CMD_DELETE)) {
		const struct audit_rule_data *nr = (const void *)rebuilt;

		FZ_CHECK(cmd.len == sizeof(*nr) + nr->buflen);
		FZ_CHECK(ak_rule_format(nr, cmd.len, NULL, text2, sizeof(text2)) >= 0);
	}
}

static void blob(const uint8_t *p, size_t len, struct ak_rule_fmt st[4])
{
	struct audit_rule_data *r = malloc(len ? len : 1);
	bool bad;
	int n, m;

	FZ_CHECK(r != NULL);
	memcpy(r, p, len);
	bad = malformed(r, len);

	n = list(r, len, &st[0], text, sizeof(text));
	FZ_CHECK(bad ? n == -EINVAL : n >= 0);
	if (n < 0) {
		FZ_CHECK(list(r, len, NULL, text, sizeof(text)) == -EINVAL);
		free(r);
		return;
	}
	one_line(text, (size_t)n, r);
	FZ_CHECK(strlen(text) <= (size_t)n);

	/* alone, into a buffer of exactly the size and one byte less */
	m = list(r, len, NULL, text2, sizeof(text2));
	FZ_CHECK(m >= 0);
	{
		char *exact = malloc((size_t)m + 1);

		FZ_CHECK(exact != NULL);
		FZ_CHECK(ak_rule_format(r, len, NULL, exact, (size_t)m + 1) == m);
		FZ_CHECK(memcmp(exact, text2, (size_t)m + 1) == 0);
		FZ_CHECK(ak_rule_format(r, len, NULL, exact, (size_t)m) == -ERANGE);
		FZ_CHECK(memchr(exact, '\0', (size_t)m + 1) != NULL);
		free(exact);
	}

	n = list(r, len, &st[1], text, sizeof(text));
	FZ_CHECK(n >= 0);
	n = list(r, len, &st[2], text, sizeof(text));
	FZ_CHECK(n >= 0);
	n = list(r, len, &st[3], text, sizeof(text));
	FZ_CHECK(n >= 0);
	reparse(text, (size_t)n);

	FZ_CHECK(ak_rule_equal(r, len, r, len) == 1);
	FZ_CHECK(ak_rule_key_match(r, len, "") == 1);
	(void)ak_rule_key_match(r, len, "key");
	(void)ak_rule_list_name(r->flags);
	free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ak_rule_fmt st[4] = {
		{ .arch = AUDIT_ARCH_X86_64 },
		{ .arch = AUDIT_ARCH_X86_64, .flags = AK_RULE_FMT_INTERPRET },
		{ .arch = AUDIT_ARCH_AARCH64, .flags = AK_RULE_FMT_NO_CARRY },
		{ .arch = AUDIT_ARCH_X86_64, .flags = AK_RULE_FMT_REPARSE },
	};
	size_t off = 0;
	int blobs = 0;

	do {
		size_t left = size - off, len = left;

		if (left >= sizeof(struct audit_rule_data)) {
			uint32_t buflen;

			memcpy(&buflen, data + off + offsetof(struct audit_rule_data, buflen),
			       sizeof(buflen));
			if (buflen <= left - sizeof(struct audit_rule_data))
				len = sizeof(struct audit_rule_data) + buflen;
		}
		blob(data + off, len, st);
		off += len;
	} while (off < size && ++blobs < 16);
	return 0;
}
