// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * rule: compile an auditctl rule into the kernel's struct audit_rule_data and
 * print it back as `auditctl -l` would.  No root, no kernel.
 *
 *	cc rule.c $(pkg-config --cflags --libs auditkit) -o rule
 *	./rule '-a always,exit -F arch=b64 -S openat -F exit=-EACCES -k access'
 *
 * Exit status: 0, 1 when the rule does not compile (the message points at
 * the offending word), 2 usage.
 */
#include <stdint.h>
#include <stdio.h>

#include <auditkit.h>

int main(int argc, char **argv)
{
	static _Alignas(struct audit_rule_data) unsigned char blob[AK_RULE_MAX_SIZE];
	const struct audit_rule_data *rule = (const void *)blob;
	struct ak_rule_opts o = { .sz = sizeof(o) }; /* arch 0: this machine */
	struct ak_rule_cmd cmd;
	struct ak_diag d = { 0 };
	char text[8192];
	const char *line;
	int r;

	if (argc != 2) {
		fprintf(stderr, "usage: rule 'AUDITCTL-RULE'\n");
		return 2;
	}
	line = argv[1];
	r = ak_rule_parse_line(line, SIZE_MAX, AK_SPLIT_SHELL, &o, &cmd, blob, sizeof(blob), &d);
	if (r < 0) {
		fprintf(stderr, "rule: column %zu: %s: '%.*s'\n", d.pos + 1,
			d.msg ? d.msg : ak_strerror(r), (int)d.len, line + d.pos);
		return 1;
	}
	if (cmd.kind != AK_CMD_ADD && cmd.kind != AK_CMD_DELETE) {
		fprintf(stderr, "rule: not a rule to add or delete\n");
		return 1;
	}
	printf("list %s, action %u, %u fields, %zu bytes\n", ak_rule_list_name(rule->flags),
	       rule->action, rule->field_count, cmd.len);
	for (uint32_t i = 0; i < rule->field_count; i++) {
		const char *name = ak_rule_field_name(rule->fields[i]);
		const char *op = ak_rule_op_symbol(rule->fieldflags[i]);

		printf("  %s %s %u\n", name ? name : "?", op ? op : "?", rule->values[i]);
	}
	r = ak_rule_format(rule, cmd.len, NULL, text, sizeof(text));
	if (r < 0) {
		fprintf(stderr, "rule: format: %s\n", ak_strerror(r));
		return 1;
	}
	printf("%s\n", text);
	return 0;
}
