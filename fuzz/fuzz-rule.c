// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * fuzz-rule - the rule compiler and its reverse.
 *
 * Input: one rule line, any bytes.  It is parsed with both word splitters
 * (shell and auditctl), and with ak_rule_parse_file as a whole text.
 * Checked, independently of the parser:
 *  - a failure carries a message and a position inside the line;
 *  - a compiled rule is well formed: at most 63 fields, known operators,
 *    string lengths adding up to buflen, length = header + buflen;
 *  - auditctl's listing text fits and is NUL-terminated;
 *  - the reparse text (AK_RULE_FMT_REPARSE) compiles back to the same rule
 *    (ak_rule_equal), except for keys holding the 0x01 separator, an empty
 *    permission set, string values holding an operator ahead of the real one
 *    (auditctl splits there too) and key fields before the last.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <auditkit.h>

#include "fuzz-check.h"

static _Alignas(struct audit_rule_data) unsigned char b1[AK_RULE_MAX_SIZE];
static _Alignas(struct audit_rule_data) unsigned char b2[AK_RULE_MAX_SIZE];
static char text[AK_RULE_LINE_MAX * 4 + 65536];

static const struct ak_rule_opts opts = { .sz = sizeof(opts), .arch = AUDIT_ARCH_X86_64 };

static void well_formed(const struct audit_rule_data *r, size_t len)
{
	size_t strings = 0;

	FZ_CHECK(r->field_count <= AUDIT_MAX_FIELDS - 1);
	FZ_CHECK(len == sizeof(*r) + r->buflen);
	for (uint32_t i = 0; i < r->field_count; i++) {
		uint32_t f = r->fields[i];

		FZ_CHECK(ak_rule_op_symbol(r->fieldflags[i]) != NULL);
		FZ_CHECK(ak_rule_field_name(f) != NULL || f == AUDIT_FIELD_COMPARE);
		if ((f >= AUDIT_SUBJ_USER && f <= AUDIT_OBJ_LEV_HIGH && f != AUDIT_PPID) ||
		    f == AUDIT_WATCH || f == AUDIT_DIR || f == AUDIT_FILTERKEY || f == AUDIT_EXE)
			strings += r->values[i];
	}
	FZ_CHECK(strings == r->buflen);
}

/* Would auditctl's operator search (first "!=", then ">=", "<=", "&=", "=",
 * ">", "<", "&", each anywhere) find the real operator in "name OP value"? */
static bool op_found(const char *name, uint32_t op, const char *v, size_t vn)
{
	static const char *const order[] = { "!=", ">=", "<=", "&=", "=", ">", "<", "&" };
	char tmp[4200];
	const char *sym = ak_rule_op_symbol(op);
	size_t nl = strlen(name), sl = strlen(sym);

	if (nl + sl + vn + 1 > sizeof(tmp))
		return false;
	memcpy(tmp, name, nl);
	memcpy(tmp + nl, sym, sl);
	memcpy(tmp + nl + sl, v, vn);
	tmp[nl + sl + vn] = 0;
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		const char *p = strstr(tmp, order[i]);

		if (p)
			return (size_t)(p - tmp) == nl && strcmp(order[i], sym) == 0;
	}
	return false;
}

static bool expressible(const struct audit_rule_data *r, unsigned warnings)
{
	uint32_t list = r->flags & ~AUDIT_FILTER_PREPEND;
	size_t off = 0;

	if (warnings & AK_RULE_WARN_KEY_SEPARATOR)
		return false;
	/* The listing prints no syscalls for the user, task, exclude and
	 * filesystem lists (auditctl's neither), yet "-S 3 -a never,user"
	 * compiles with a one-syscall mask there, as in auditctl (it checks the
	 * list only when -a comes first), and so does "-S , -a never,user" with
	 * none; the reparse text gives the default: none for the task list, all
	 * for the others. */
	if (list == AUDIT_FILTER_USER || list == AUDIT_FILTER_TASK ||
	    list == AUDIT_FILTER_EXCLUDE || list == AUDIT_FILTER_FS) {
		for (size_t i = 0; i < AUDIT_BITMASK_SIZE; i++)
			if (r->mask[i] != (list == AUDIT_FILTER_TASK ? 0 : ~0u))
				return false;
	}
	for (uint32_t i = 0; i < r->field_count; i++) {
		uint32_t f = r->fields[i];

		if (f == AUDIT_PERM && r->values[i] == 0)
			return false;
		/* "-a always,user -W /path": a watch on a list -F path= refuses. */
		if ((f == AUDIT_PERM || f == AUDIT_WATCH || f == AUDIT_DIR) &&
		    (r->flags & 7) != AUDIT_FILTER_EXIT)
			return false;
		/* A key field before the end (-F KEY=x, -F key!=x) must follow a
		 * syscall or watch; the text puts -S last. */
		if (f == AUDIT_FILTERKEY && (i + 1 < r->field_count || r->fieldflags[i] != AUDIT_EQUAL))
			return false;
		if ((f >= AUDIT_SUBJ_USER && f <= AUDIT_OBJ_LEV_HIGH && f != AUDIT_PPID) ||
		    f == AUDIT_WATCH || f == AUDIT_DIR || f == AUDIT_FILTERKEY || f == AUDIT_EXE) {
			/* -k pieces never start with the separator. */
			if (f == AUDIT_FILTERKEY && r->values[i] && r->buf[off] == '\x01')
				return false;
			/* A value holding an operator splits elsewhere, in auditctl too. */
			if (!op_found(ak_rule_field_name(f), r->fieldflags[i], r->buf + off,
				      r->values[i]))
				return false;
			off += r->values[i];
		}
	}
	return true;
}

static void one(const char *line, size_t n, enum ak_rule_split split)
{
	struct ak_rule_cmd cmd, cmd2;
	struct ak_rule_fmt st = { .arch = AUDIT_ARCH_X86_64 };
	struct ak_diag d;
	int rc = ak_rule_parse_line(line, n, split, &opts, &cmd, b1, sizeof(b1), &d);
	const struct audit_rule_data *r = (const struct audit_rule_data *)b1;

	if (rc < 0) {
		FZ_CHECK(rc == -EINVAL || rc == -ENOENT || rc == -ERANGE);
		FZ_CHECK(d.msg != NULL);
		FZ_CHECK(d.pos <= n && d.len <= n - d.pos);
		return;
	}
	if (cmd.kind != AK_CMD_ADD && cmd.kind != AK_CMD_DELETE)
		return;
	well_formed(r, cmd.len);
	rc = ak_rule_format(r, cmd.len, &st, text, sizeof(text));
	FZ_CHECK(rc >= 0 && (size_t)rc == strlen(text));
	FZ_CHECK(ak_rule_key_match(r, cmd.len, "") == 1);

	st.flags = AK_RULE_FMT_REPARSE;
	rc = ak_rule_format(r, cmd.len, &st, text, sizeof(text));
	FZ_CHECK(rc >= 0 && (size_t)rc == strlen(text));
	if (!expressible(r, cmd.warnings))
		return;
	rc = ak_rule_parse_line(text, (size_t)rc, AK_SPLIT_SHELL, &opts, &cmd2, b2, sizeof(b2), &d);
	if (rc < 0 || !ak_rule_equal(r, cmd.len, (const struct audit_rule_data *)b2, cmd2.len)) {
		fprintf(stderr, "reparse of \"%.*s\" via \"%s\": %d %s\n", (int)n, line, text, rc,
			rc < 0 ? d.msg : "differs");
		abort();
	}
}

static int count_cb(const struct ak_rule_action *a, void *data)
{
	FZ_CHECK(a->line >= 1);
	FZ_CHECK(a->err ? a->diag.msg != NULL : a->cmd != NULL);
	++*(unsigned *)data;
	return AK_CB_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *line = (const char *)data;
	unsigned n = 0;

	if (size > AK_RULE_LINE_MAX + 16)
		return 0;
	one(line, size, AK_SPLIT_SHELL);
	one(line, size, AK_SPLIT_AUDITCTL);
	FZ_CHECK(ak_rule_parse_file(line, size, AK_SPLIT_AUDITCTL, &opts, b1, sizeof(b1), count_cb,
				    &n) == (int)n);
	return 0;
}
