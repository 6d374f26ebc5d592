// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * The small audit requests auditctl has letters for:
 *
 *	audit trim                      auditctl -t   untag mounts that left a watched tree
 *	audit equiv /mnt /srv/data      auditctl -q   /mnt's tree watches cover /srv/data
 *	audit siginfo [-format json]    (auditd asks) who last signalled the audit daemon
 *	audit version [-format json]    auditctl -v
 *
 * and audit_auditctl_misc(), which takes those letters after `audit rules`.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "../common/flags.h"

/* The flags every request takes: none but -kernel-fd (and -format for some). */
static int parse(int argc, char **argv, const char *synopsis, const char **format,
		 const char **kernel_fd, int *argi)
{
	struct akt_flag flags[2];
	size_t n = 0;

	if (format)
		flags[n++] = (struct akt_flag){ "format", AKT_STRING, format, "FMT",
						"text (default) or json" };
	if (kernel_fd)
		flags[n++] = (struct akt_flag){ "kernel-fd", AKT_STRING, kernel_fd, "N",
						"testing: use inherited fd N as the kernel" };
	switch (akt_flags_parse(flags, n, argc, argv, argi, AUDIT_PROG, synopsis)) {
	case AKT_FLAGS_HELP:
		return 0;
	case AKT_FLAGS_ERROR:
		return 2;
	}
	if (format && strcmp(*format, "text") != 0 && strcmp(*format, "json") != 0) {
		fprintf(stderr, AUDIT_PROG ": unknown -format \"%s\" (want text or json)\n", *format);
		return 2;
	}
	return -1;
}

static int no_args(int argc, char **argv, int argi)
{
	if (argi < argc) {
		fprintf(stderr, AUDIT_PROG ": %s: unexpected argument \"%s\"\n", argv[0], argv[argi]);
		return 2;
	}
	return -1;
}

/* A buffer filled by ak_json, written out. */
static int emit(char *buf, struct ak_json *w)
{
	int n = ak_json_finish(w);

	if (n < 0)
		return audit_fail("format", n);
	if (fwrite(buf, 1, (size_t)n, stdout) != (size_t)n || fflush(stdout) != 0)
		return audit_fail("write", -errno);
	return 0;
}

/* ---- trim, equiv ------------------------------------------------------------- */

/* One request on a fresh connection: 0, a negative errno, or 1 (could not connect). */
static int request(const char *kernel_fd, const char *mount, const char *subtree)
{
	struct ak_nl *nl = audit_open(kernel_fd, 0);
	int r;

	if (!nl)
		return 1;
	r = mount ? ak_nl_make_equiv(nl, mount, subtree) : ak_nl_trim(nl);
	ak_nl_close(nl);
	return r < 0 ? r : 0;
}

/* "PREFIX: strerror (ENAME)", and the usual hint for EPERM.  Returns 1. */
static int kernel_fail(const char *prefix, int err)
{
	const char *name = ak_errno_name(-err);

	fprintf(stderr, "%s: %s (%s)%s\n", prefix, strerror(-err), name ? name : "?",
		err == -EPERM ? "; are you root, with CAP_AUDIT_CONTROL?" : "");
	return 1;
}

int audit_cmd_trim(int argc, char **argv)
{
	const char *kernel_fd = NULL;
	int argi = 0, rc;

	rc = parse(argc, argv, "trim", NULL, &kernel_fd, &argi);
	if (rc < 0)
		rc = no_args(argc, argv, argi);
	if (rc >= 0)
		return rc;
	rc = request(kernel_fd, NULL, NULL);
	return rc < 0 ? kernel_fail(AUDIT_PROG ": trim", rc) : rc;
}

static int equiv(const char *kernel_fd, const char *mount, const char *subtree)
{
	char what[64 + 2 * 4096];
	int rc;

	if (!*mount || !*subtree) {
		fprintf(stderr, AUDIT_PROG ": equiv: empty path\n");
		return 2;
	}
	rc = request(kernel_fd, mount, subtree);
	if (rc >= 0)
		return rc;
	snprintf(what, sizeof(what), AUDIT_PROG ": equiv %s %s", mount, subtree);
	if (rc == -ENOENT)
		fprintf(stderr, "%s: %s (ENOENT): both paths must exist\n", what, strerror(ENOENT));
	else
		kernel_fail(what, rc);
	return 1;
}

/* MOUNT,SUBTREE (auditctl -q): exactly one comma, both sides non-empty. */
static int split_pair(char *pair, size_t cap, const char *arg, char **subtree)
{
	char *comma;

	if (snprintf(pair, cap, "%s", arg) >= (int)cap)
		return -1;
	comma = strchr(pair, ',');
	if (!comma || strchr(comma + 1, ','))
		return -1;
	*comma = 0;
	*subtree = comma + 1;
	return 0;
}

#define EQUIV_SYNOPSIS "equiv MOUNT-POINT SUBTREE | equiv MOUNT-POINT,SUBTREE"

int audit_cmd_equiv(int argc, char **argv)
{
	const char *kernel_fd = NULL;
	char pair[2 * 4096 + 2], *sub;
	int argi = 0, rc;

	rc = parse(argc, argv, EQUIV_SYNOPSIS, NULL, &kernel_fd, &argi);
	if (rc >= 0)
		return rc;
	if (argc - argi == 2)
		return equiv(kernel_fd, argv[argi], argv[argi + 1]);
	if (argc - argi == 1 && split_pair(pair, sizeof(pair), argv[argi], &sub) == 0)
		return equiv(kernel_fd, pair, sub);
	fprintf(stderr, AUDIT_PROG ": equiv: want a mount point and a subtree\nusage: " AUDIT_PROG
			" " EQUIV_SYNOPSIS "\n");
	return 2;
}

/* ---- siginfo ------------------------------------------------------------------ */

int audit_cmd_siginfo(int argc, char **argv)
{
	const char *format = "text", *kernel_fd = NULL;
	struct ak_nl_sig_info si;
	struct ak_nl *nl;
	char buf[1024], line[64];
	struct ak_json w;
	int argi = 0, rc;

	rc = parse(argc, argv, "siginfo [-format text|json]", &format, &kernel_fd, &argi);
	if (rc < 0)
		rc = no_args(argc, argv, argi);
	if (rc >= 0)
		return rc;
	nl = audit_open(kernel_fd, 0);
	if (!nl)
		return 1;
	rc = ak_nl_signal_info(nl, &si);
	ak_nl_close(nl);
	if (rc < 0)
		return audit_fail("get signal info", rc);
	ak_json_init(&w, buf, sizeof(buf));
	if (format[0] == 'j') {
		ak_json_obj_open(&w);
		ak_json_kv_uint(&w, "uid", si.uid);
		ak_json_kv_int(&w, "pid", si.pid);
		ak_json_key(&w, "context", 7);
		if (si.ctx[0])
			ak_json_cstr(&w, si.ctx);
		else
			ak_json_null(&w);
		ak_json_obj_close(&w);
		ak_out_cstr(&w, "\n");
	} else {
		snprintf(line, sizeof(line), "uid %u\npid %d\n", si.uid, si.pid);
		ak_out_cstr(&w, line);
		if (si.ctx[0]) {
			ak_out_cstr(&w, "context ");
			/* The kernel's security context: printable, but not ours to trust. */
			for (const char *p = si.ctx; *p; p++)
				ak_out_bytes(&w, (unsigned char)*p > 0x20 && (unsigned char)*p < 0x7f
							 ? p : "?", 1);
			ak_out_cstr(&w, "\n");
		}
	}
	return emit(buf, &w);
}

/* ---- version --------------------------------------------------------------------- */

int audit_cmd_version(int argc, char **argv)
{
	const char *format = "text";
	char buf[256];
	struct ak_json w;
	int argi = 0, rc;

	rc = parse(argc, argv, "version [-format text|json]", &format, NULL, &argi);
	if (rc < 0)
		rc = no_args(argc, argv, argi);
	if (rc >= 0)
		return rc;
	ak_json_init(&w, buf, sizeof(buf));
	if (format[0] == 'j') {
		ak_json_obj_open(&w);
		ak_json_kv_cstr(&w, "program", AUDIT_PROG);
		ak_json_kv_cstr(&w, "version", ak_version());
		ak_json_obj_close(&w);
		ak_out_cstr(&w, "\n");
	} else {
		ak_out_cstr(&w, AUDIT_PROG " (auditkit) ");
		ak_out_cstr(&w, ak_version());
		ak_out_cstr(&w, "\n");
	}
	return emit(buf, &w);
}

/* ---- auditctl's letters after `audit rules` --------------------------------------- */

int audit_auditctl_misc(int argc, char **argv, const char *kernel_fd)
{
	const char *a = argv[0], *v = NULL;
	char pair[2 * 4096 + 2], *sub;
	int rc;

	if (a[0] != '-' || !a[1] || !strchr("mtqv", a[1]))
		return -1;
	if (a[2] && (a[1] == 't' || a[1] == 'v'))
		return -1; /* -tx: not ours, let the rule parser say why */
	if (a[1] == 'm' || a[1] == 'q') {
		v = a[2] ? a + 2 : argc > 1 ? argv[1] : NULL;
		if (!v) {
			fprintf(stderr, AUDIT_PROG " rules: option -%c needs a value\n", a[1]);
			return 2;
		}
		if (argc > (a[2] ? 1 : 2)) {
			fprintf(stderr, AUDIT_PROG " rules: the -%c option must be the only option%s\n",
				a[1], a[1] == 'm' ? " and takes 1 parameter" : "");
			return 2;
		}
	} else if (argc > 1) {
		fprintf(stderr, AUDIT_PROG " rules: the -%c option must be the only option\n", a[1]);
		return 2;
	}
	switch (a[1]) {
	case 'm':
		return audit_auditctl_message(kernel_fd, v, AUDIT_PROG " rules");
	case 't':
		rc = request(kernel_fd, NULL, NULL);
		return rc < 0 ? kernel_fail(AUDIT_PROG " rules: error sending trim subtrees command", rc)
			      : rc;
	case 'q':
		if (split_pair(pair, sizeof(pair), v, &sub) < 0 || !*sub) {
			fprintf(stderr, AUDIT_PROG " rules: error parsing equivalent parts\n");
			return 2;
		}
		rc = request(kernel_fd, pair, sub);
		return rc < 0 ? kernel_fail(AUDIT_PROG " rules: error sending make_equivalent command",
					    rc)
			      : rc;
	default:
		return audit_cmd_version(1, argv);
	}
}
