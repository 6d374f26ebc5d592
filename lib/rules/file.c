// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * A rules file, line by line, as auditctl -R reads it: blank lines and
 * comments skipped, every other line one command (a rule, or a control
 * line such as -D, -b 8192, -f 1, -e 1, -i, -c), handed on in file order
 * together with any error, so the caller applies auditctl's -i/-c policy.
 */
#include <errno.h>
#include <string.h>

#include "rules/rule-internal.h"

AK_EXPORT int ak_rule_parse_file(const char *text, size_t len, enum ak_rule_split split,
				 const struct ak_rule_opts *o, void *buf, size_t cap,
				 ak_rule_action_cb cb, void *data)
{
	struct ak_rule_cmd cmd;
	unsigned line = 0;
	size_t i = 0;
	int count = 0;

	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		struct ak_rule_action a = { 0 };
		int rc;

		line++;
		a.line = line;
		a.text = text + i;
		a.text_len = end - i;
		rc = ak_rule_parse_line(a.text, a.text_len, split, o, &cmd, buf, cap, &a.diag);
		i = end + 1;
		if (rc == 0 && cmd.kind == AK_CMD_NONE) {
			/* A blank line or a comment (or a deprecated no-op). */
			size_t k = 0;

			while (k < a.text_len && (a.text[k] == ' ' || a.text[k] == '\t' ||
						  a.text[k] == '\r'))
				k++;
			if (k == a.text_len || a.text[k] == '#')
				continue;
		}
		if (rc == 0 && cmd.kind == AK_CMD_READ_FILE) {
			rc = -EINVAL;
			a.diag.pos = 0;
			a.diag.len = a.text_len;
			a.diag.msg = "nested rule files not supported";
		}
		a.err = rc;
		if (rc == 0) {
			a.cmd = &cmd;
			if (cmd.kind == AK_CMD_ADD || cmd.kind == AK_CMD_DELETE)
				a.rule = buf;
		}
		count++;
		rc = cb(&a, data);
		if (rc < 0)
			return ak__rule_err(rc);
		if (rc == AK_CB_STOP)
			break;
	}
	return count;
}
