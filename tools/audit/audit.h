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
 *   audit message [flags]    user message         message.c  audit_cmd_message (auditctl -m)
 *   audit trim, equiv        tree watches         control.c  audit_cmd_trim, _equiv (-t, -q)
 *   audit siginfo [flags]    who signalled auditd control.c  audit_cmd_siginfo
 *   audit version [flags]    auditkit's version   control.c  audit_cmd_version (-v)
 *
 * Option parsing: tools/common/flags.h (go-libaudit's -flag=value and GNU's --flag value).
 */

#include <auditkit.h>

#define AUDIT_PROG "audit"

int audit_cmd_receive(int argc, char **argv);
int audit_cmd_status(int argc, char **argv);
int audit_cmd_set(int argc, char **argv);
int audit_cmd_rules(int argc, char **argv);
int audit_cmd_message(int argc, char **argv);
int audit_cmd_trim(int argc, char **argv);
int audit_cmd_equiv(int argc, char **argv);
int audit_cmd_siginfo(int argc, char **argv);
int audit_cmd_version(int argc, char **argv);

/*
 * auditctl's -m TEXT, -t, -q MOUNT,SUBTREE and -v, which the rule parser does
 * not take: @argv[0] is the option.  Returns -1 when it is none of these,
 * else the exit code.  (audit rules calls it.)
 */
int audit_auditctl_misc(int argc, char **argv, const char *kernel_fd);

/*
 * Send @text (@len bytes) as a user message of @type; @prog prefixes errors.
 * Text longer than the kernel keeps is refused (exit 2) without being read.
 */
int audit_send_message(const char *kernel_fd, uint16_t type, const char *text, size_t len,
		       const char *prog);
/* auditctl -m: auditctl's message body and character check, type AUDIT_USER. */
int audit_auditctl_message(const char *kernel_fd, const char *text, const char *prog);

/*
 * Open the control connection: a unicast audit socket, or, when @kernel_fd
 * is not NULL, the inherited descriptor it names (tests drive the tool from a
 * fake kernel over a socketpair).  Prints the reason and returns NULL on failure.
 */
struct ak_nl *audit_open(const char *kernel_fd, unsigned flags);

/* Print "audit: WHAT: strerror" for a negative errno; returns 1 (the exit code). */
int audit_fail(const char *what, int err);

#endif
