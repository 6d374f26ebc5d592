/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AK_TOOLS_AUDIT_H
#define AK_TOOLS_AUDIT_H

/*
 * The `audit` tool: main.c dispatches to one function per subcommand.
 * Each takes the arguments after the subcommand name (argv[0] is the
 * subcommand's name, as for main, so akt_flags_parse() works on it) and
 * returns the exit code: 0 ok, 1 runtime failure, 2 usage error.
 *
 *   audit [flags]            receive events       receive.c  audit_cmd_receive
 *   audit status [flags]     kernel status        status.c   audit_cmd_status
 *   audit set [flags]        change settings      set.c      audit_cmd_set
 *   audit rules [flags]      list/add/delete      rules.c    audit_cmd_rules (rules engineer;
 *                                                 main.c has a weak stub until it lands)
 *
 * Option parsing: tools/common/flags.h (go-libaudit's -flag=value and GNU's --flag value).
 */

#include <auditkit.h>

#define AUDIT_PROG "audit"

int audit_cmd_receive(int argc, char **argv);
int audit_cmd_status(int argc, char **argv);
int audit_cmd_set(int argc, char **argv);
int audit_cmd_rules(int argc, char **argv);

/*
 * Open the control connection: a unicast audit socket, or, when @kernel_fd
 * is not NULL, the inherited descriptor it names (tests drive the tool from a
 * fake kernel over a socketpair).  Prints the reason and returns NULL on failure.
 */
struct ak_nl *audit_open(const char *kernel_fd, unsigned flags);

/* Print "audit: WHAT: strerror" for a negative errno; returns 1 (the exit code). */
int audit_fail(const char *what, int err);

#endif
