// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * seed-rulebin - write fuzz/corpus/rulebin/seed-* : every rule line of
 * tests/golden/rules/*.rules compiled (as auditctl -R would, x86_64) into the
 * kernel blob fuzz-rulebin reads, one file per line, plus files of several
 * blobs back to back (the arch carried from rule to rule).  Not built by make:
 *
 *   cc -Iinclude -Iinclude/uapi -o /tmp/seed-rulebin fuzz/seed-rulebin.c build/libauditkit.a
 *   /tmp/seed-rulebin tests/golden/rules/*.rules
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <auditkit.h>

static _Alignas(struct audit_rule_data) unsigned char buf[AK_RULE_MAX_SIZE];
static unsigned char multi[AK_RULE_MAX_SIZE * 4];
static size_t multi_len;
static int multi_n, files;

static void put(const void *p, size_t n)
{
	char name[64];
	unsigned long h = 5381;
	FILE *f;

	for (size_t i = 0; i < n; i++)
		h = h * 33 + ((const unsigned char *)p)[i];
	snprintf(name, sizeof(name), "fuzz/corpus/rulebin/seed-%016lx", h);
	f = fopen(name, "wb");
	if (!f || fwrite(p, 1, n, f) != n || fclose(f)) {
		perror(name);
		exit(1);
	}
	files++;
}

int main(int argc, char **argv)
{
	static const struct ak_rule_opts o = { .sz = sizeof(o), .arch = AUDIT_ARCH_X86_64 };

	for (int a = 1; a < argc; a++) {
		FILE *f = fopen(argv[a], "r");
		char line[AK_RULE_LINE_MAX + 2];

		if (!f) {
			perror(argv[a]);
			return 1;
		}
		while (fgets(line, sizeof(line), f)) {
			struct ak_rule_cmd cmd;
			struct ak_diag d;
			size_t n = strcspn(line, "\n");

			if (ak_rule_parse_line(line, n, AK_SPLIT_AUDITCTL, &o, &cmd, buf, sizeof(buf),
					       &d) < 0 ||
			    (cmd.kind != AK_CMD_ADD && cmd.kind != AK_CMD_DELETE))
				continue;
			put(buf, cmd.len);
			if (multi_len + cmd.len <= sizeof(multi)) {
				memcpy(multi + multi_len, buf, cmd.len);
				multi_len += cmd.len;
			}
			if (++multi_n == 3) {
				put(multi, multi_len);
				multi_len = 0;
				multi_n = 0;
			}
		}
		fclose(f);
	}
	printf("%d files\n", files);
	return 0;
}
