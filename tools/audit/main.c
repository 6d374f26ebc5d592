// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * audit: talk to the kernel's audit subsystem.  A main over a table of
 * subcommands; with none, it receives events like go-libaudit's cmd/audit:
 *
 *	sudo audit -d -format=json
 *	sudo audit status -format=json
 *	sudo audit set -backlog 8192 -rate 0
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
} cmds[] = {
	{ "status", audit_cmd_status, "print the kernel's audit status (auditctl -s)" },
	{ "set", audit_cmd_set, "change kernel audit settings" },
	{ "rules", audit_cmd_rules, "list, add or delete audit rules" },
	{ "receive", audit_cmd_receive, "receive events (the default)" },
	{ "message", audit_cmd_message, "send a user message to the audit log (auditctl -m)" },
	{ "trim", audit_cmd_trim, "trim tree watches: untag mounts moved out (auditctl -t)" },
	{ "equiv", audit_cmd_equiv, "make a subtree share a mount point's tree watches (auditctl -q)" },
	{ "siginfo", audit_cmd_siginfo, "who last signalled the audit daemon" },
	{ "version", audit_cmd_version, "print auditkit's version (auditctl -v)" },
};

/* Replaced by tools/audit/rules.c when the rule compiler lands. */
__attribute__((weak)) int audit_cmd_rules(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, AUDIT_PROG ": rules: not available yet in this version\n");
	return 2;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: " AUDIT_PROG " [flags]            receive events (see " AUDIT_PROG
		   " -h)\n       " AUDIT_PROG " COMMAND [flags]\ncommands:\n");
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		fprintf(f, "  %-8s %s\n", cmds[i].name, cmds[i].help);
}

int main(int argc, char **argv)
{
	if (argc > 1 && argv[1][0] != '-') {
		for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
			if (strcmp(argv[1], cmds[i].name) == 0)
				return cmds[i].fn(argc - 1, argv + 1);
		if (strcmp(argv[1], "help") == 0) {
			usage(stdout);
			return 0;
		}
		fprintf(stderr, AUDIT_PROG ": unknown command \"%s\"\n", argv[1]);
		usage(stderr);
		return 2;
	}
	if (argc == 2 && (strcmp(argv[1], "-v") == 0 || strcmp(argv[1], "-version") == 0 ||
			  strcmp(argv[1], "--version") == 0))
		return audit_cmd_version(1, argv + 1);
	return audit_cmd_receive(argc, argv);
}
