/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AK_TOOLS_AUDIT_H
#define AK_TOOLS_AUDIT_H

/*
 * The `audit` tool: main.c dispatches to one function per subcommand.
 * Each takes the arguments after the subcommand name (argv[0] is the
 * subcommand itself, as for main) and returns the exit code:
 * 0 ok, 1 runtime failure, 2 usage error.
 *
 *   audit [flags]            receive events       receive.c  audit_cmd_receive
 *   audit status [flags]     kernel status        status.c   audit_cmd_status
 *   audit set [flags]        change settings      set.c      audit_cmd_set
 *   audit rules [flags]      list/add/delete      rules.c    audit_cmd_rules (rules engineer)
 */

#include <stdio.h>

int audit_cmd_receive(int argc, char **argv);
int audit_cmd_status(int argc, char **argv);
int audit_cmd_set(int argc, char **argv);
int audit_cmd_rules(int argc, char **argv);

/*
 * Option parsing shared by the subcommands: accepts go-libaudit's spelling
 * (-flag, -flag=value, -flag value) and GNU spelling (--flag, --flag=value,
 * --flag value).  Returns the option's name (without dashes) in *name and its
 * "=value" part (or NULL) in *inline_val; returns 0 when argv[*i] is not an
 * option (or is "--", which is consumed), 1 when it is.
 */
int audit_opt_next(int argc, char **argv, int *i, const char **name, size_t *name_len,
		   const char **inline_val);
/* Does the option name equal @want? */
int audit_opt_is(const char *name, size_t len, const char *want);
/* The option's value: the inline part, or the next argument.  NULL + message on missing. */
const char *audit_opt_value(int argc, char **argv, int *i, const char *name, size_t len,
			    const char *inline_val);
/* Parse an unsigned 32-bit number (decimal or 0x hex).  Returns 0 or -1 (message printed). */
int audit_parse_u32(const char *opt, const char *s, unsigned *out);

extern const char *audit_prog;

#endif
