// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * audit message: send a user-space message, which the kernel logs as a USER
 * record (or the user-range type given) when auditing is enabled:
 *
 *	sudo audit message "backup started"
 *	type=USER msg=audit(...): pid=42 uid=0 auid=1000 ses=3 msg='backup started'
 *
 * The text goes as given (words joined by one space).  The kernel copies it
 * into the record unescaped, so control characters (a newline would forge a
 * log line) and malformed UTF-8 are refused here; so is text longer than the
 * kernel keeps (AUDIT_MESSAGE_TEXT_MAX), which it would cut silently.
 *
 * auditctl's -m (audit rules -m TEXT) is audit_auditctl_message(): the body
 * auditctl sends ("text=... exe=... hostname=? addr=? terminal=... res=success")
 * and its character check.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit.h"
#include "../common/flags.h"

#define SYNOPSIS "message [-type TYPE] TEXT..."

static int user_type_ok(long t)
{
	return t == AUDIT_USER || (t >= AUDIT_FIRST_USER_MSG && t <= AUDIT_LAST_USER_MSG) ||
	       (t >= AUDIT_FIRST_USER_MSG2 && t <= AUDIT_LAST_USER_MSG2);
}

/* "USER", "USER_AVC", "1107": a type the kernel takes from user space, or -1. */
static long parse_type(const char *s)
{
	char *end;
	long t;

	if (s[0] >= '0' && s[0] <= '9') {
		errno = 0;
		t = strtol(s, &end, 10);
		if (errno || *end)
			return -1;
	} else {
		t = ak_msgtype_number(s, strlen(s));
	}
	return t >= 0 && user_type_ok(t) ? t : -1;
}

/*
 * The offset of the first byte the kernel would copy into the record raw and
 * that a log reader would trip on (a control character, DEL, malformed
 * UTF-8), or -1 when the text is clean.
 */
static long bad_byte(const char *s, size_t n)
{
	size_t valid = ak_utf8_valid_prefix(s, n);

	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] == 0x7f || i >= valid)
			return (long)i;
	return -1;
}

/* Refuses (exit 2, @text unread) what the kernel would cut, else sends. */
int audit_send_message(const char *kernel_fd, uint16_t type, const char *text, size_t len,
		       const char *prog)
{
	struct ak_nl *nl;
	int r;

	if (len > AUDIT_MESSAGE_TEXT_MAX) {
		fprintf(stderr,
			"%s: text too long: %zu bytes, the kernel keeps at most %d "
			"(it would cut the rest silently)\n",
			prog, len, AUDIT_MESSAGE_TEXT_MAX);
		return 2;
	}
	nl = audit_open(kernel_fd, 0);
	if (!nl)
		return 1;
	r = ak_nl_send_user(nl, type, text, len);
	ak_nl_close(nl);
	return r < 0 ? audit_fail("send user message", r) : 0;
}

int audit_cmd_message(int argc, char **argv)
{
	static char text[AUDIT_MESSAGE_TEXT_MAX + 1];
	const char *type_s = "USER", *kernel_fd = NULL;
	const struct akt_flag flags[] = {
		{ "type", AKT_STRING, &type_s, "TYPE",
		  "record type: USER (default), or a name or number in 1100-1199, 2100-2999" },
		{ "kernel-fd", AKT_STRING, &kernel_fd, "N", "testing: use inherited fd N as the kernel" },
	};
	size_t len = 0;
	long type, bad;
	int argi = 0;

	switch (akt_flags_parse(flags, sizeof(flags) / sizeof(flags[0]), argc, argv, &argi,
				AUDIT_PROG, SYNOPSIS)) {
	case AKT_FLAGS_HELP:
		return 0;
	case AKT_FLAGS_ERROR:
		return 2;
	}
	if (argi >= argc) {
		fprintf(stderr, AUDIT_PROG ": message: no text\nusage: " AUDIT_PROG " " SYNOPSIS "\n");
		return 2;
	}
	type = parse_type(type_s);
	if (type < 0) {
		fprintf(stderr,
			AUDIT_PROG ": message: -type \"%s\" is not a user message type (USER, "
				   "1100-1199 or 2100-2999)\n",
			type_s);
		return 2;
	}
	for (int i = argi; i < argc; i++)
		len += strlen(argv[i]) + (i > argi);
	if (len > AUDIT_MESSAGE_TEXT_MAX)
		return audit_send_message(kernel_fd, 0, NULL, len, AUDIT_PROG ": message");
	len = 0;
	for (int i = argi; i < argc; i++) {
		size_t l = strlen(argv[i]);

		if (i > argi)
			text[len++] = ' ';
		memcpy(text + len, argv[i], l);
		len += l;
	}
	bad = bad_byte(text, len);
	if (bad >= 0) {
		fprintf(stderr,
			AUDIT_PROG ": message: byte %ld of the text (0x%02x) is a control character or not "
				   "UTF-8: the kernel would log it raw\n",
			bad + 1, (unsigned char)text[bad]);
		return 2;
	}
	return audit_send_message(kernel_fd, (uint16_t)type, text, len, AUDIT_PROG ": message");
}

/* ---- auditctl -m ------------------------------------------------------------ */

/* libaudit quotes a value unless it needs hex: a space, quote, control or non-ASCII byte. */
static size_t put_value(char *dst, size_t cap, const char *v)
{
	size_t n = strlen(v), i;
	int hex = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)v[i];

		if (c == '"' || c <= 0x20 || c >= 0x7f)
			hex = 1;
	}
	if (!hex)
		return (size_t)snprintf(dst, cap, "\"%s\"", v);
	for (i = 0; i < n && 2 * i + 2 < cap; i++)
		snprintf(dst + 2 * i, 3, "%02X", (unsigned char)v[i]);
	return 2 * n;
}

/* The terminal of stdin, stdout or stderr without "/dev/", or NULL. */
static const char *tty_name(char *buf, size_t cap)
{
	for (int fd = 0; fd <= 2; fd++)
		if (isatty(fd) && ttyname_r(fd, buf, cap) == 0)
			return strncmp(buf, "/dev/", 5) == 0 ? buf + 5 : buf;
	return NULL;
}

int audit_auditctl_message(const char *kernel_fd, const char *text, const char *prog)
{
	static char body[2 * AUDIT_MESSAGE_TEXT_MAX];
	char exe[4096], exev[2 * sizeof(exe) + 3], tty[256], host[256];
	const char *t;
	ssize_t n;
	size_t len;

	/* libaudit refuses control characters and (as signed chars) non-ASCII bytes. */
	for (const char *p = text; *p; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x80) {
			fprintf(stderr, "%s: Illegal character in audit event\n", prog);
			return 1;
		}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n < 0) {
		snprintf(exev, sizeof(exev), "?");
	} else {
		exe[n] = 0;
		put_value(exev, sizeof(exev), exe);
	}
	t = tty_name(tty, sizeof(tty));
	/* On a terminal (pts/N, ttyN) libaudit names this host. */
	host[0] = 0;
	if (t && (strncmp(t, "pts", 3) == 0 || strncmp(t, "tty", 3) == 0) &&
	    gethostname(host, sizeof(host) - 1) < 0)
		host[0] = 0;
	host[sizeof(host) - 1] = 0;
	len = (size_t)snprintf(body, sizeof(body),
			       "text=%s exe=%s hostname=%s addr=? terminal=%s res=success", text, exev,
			       host[0] ? host : "?", t ? t : "?");
	/* When cut, len is what it would have been: too long, refused unsent. */
	return audit_send_message(kernel_fd, AUDIT_USER, body, len, prog);
}
