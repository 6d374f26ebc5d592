// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * audit status: every field `auditctl -s` shows, under its names, as
 * "name value" lines (auditctl's shape) or one JSON object.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "../common/flags.h"

#define SYNOPSIS "status [-format text|json]"

static const struct {
	const char *name;
	size_t off;
} fields[] = {
	{ "enabled", offsetof(struct audit_status, enabled) },
	{ "failure", offsetof(struct audit_status, failure) },
	{ "pid", offsetof(struct audit_status, pid) },
	{ "rate_limit", offsetof(struct audit_status, rate_limit) },
	{ "backlog_limit", offsetof(struct audit_status, backlog_limit) },
	{ "lost", offsetof(struct audit_status, lost) },
	{ "backlog", offsetof(struct audit_status, backlog) },
	{ "backlog_wait_time", offsetof(struct audit_status, backlog_wait_time) },
	{ "backlog_wait_time_actual", offsetof(struct audit_status, backlog_wait_time_actual) },
};

int audit_cmd_status(int argc, char **argv)
{
	const char *format = "text", *kernel_fd = NULL;
	int argi = 0, json, n, have_feat;
	const struct akt_flag flags[] = {
		{ "format", AKT_STRING, &format, "FMT", "text (auditctl -s lines, default) or json" },
		{ "kernel-fd", AKT_STRING, &kernel_fd, "N", "testing: use inherited fd N as the kernel" },
	};
	struct audit_status st;
	struct audit_features feat;
	struct ak_nl *nl;
	char buf[1024];
	struct ak_json w;

	switch (akt_flags_parse(flags, sizeof(flags) / sizeof(flags[0]), argc, argv, &argi,
				AUDIT_PROG, SYNOPSIS)) {
	case AKT_FLAGS_HELP:
		return 0;
	case AKT_FLAGS_ERROR:
		return 2;
	}
	if (argi < argc) {
		fprintf(stderr, AUDIT_PROG ": status: unexpected argument \"%s\"\n", argv[argi]);
		return 2;
	}
	if (strcmp(format, "json") != 0 && strcmp(format, "text") != 0) {
		fprintf(stderr, AUDIT_PROG ": unknown -format \"%s\" (want text or json)\n", format);
		return 2;
	}
	json = format[0] == 'j';
	nl = audit_open(kernel_fd, 0);
	if (!nl)
		return 1;
	n = ak_nl_get_status(nl, &st);
	if (n < 0) {
		ak_nl_close(nl);
		return audit_fail("get status", n);
	}
	/* Kernels before 3.19 have no features request: leave the line out then. */
	have_feat = ak_nl_get_features(nl, &feat) == 0;
	ak_nl_close(nl);

	ak_json_init(&w, buf, sizeof(buf));
	if (json)
		ak_json_obj_open(&w);
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		uint32_t v;

		if (fields[i].off + sizeof(v) > (size_t)n)
			continue; /* an old kernel's short status */
		memcpy(&v, (const char *)&st + fields[i].off, sizeof(v));
		if (json) {
			ak_json_kv_uint(&w, fields[i].name, v);
		} else {
			char line[64];

			snprintf(line, sizeof(line), "%s %u\n", fields[i].name, v);
			ak_out_cstr(&w, line);
		}
	}
	if (have_feat) {
		uint32_t m = AUDIT_FEATURE_TO_MASK(AUDIT_FEATURE_LOGINUID_IMMUTABLE);
		int on = !!(feat.features & m), locked = !!(feat.lock & m);

		if (json) {
			ak_json_kv_uint(&w, "loginuid_immutable", (unsigned)on);
			ak_json_kv_bool(&w, "loginuid_immutable_locked", locked);
		} else {
			ak_out_cstr(&w, on ? "loginuid_immutable 1 " : "loginuid_immutable 0 ");
			ak_out_cstr(&w, locked ? "locked\n" : "unlocked\n");
		}
	}
	if (json) {
		ak_json_obj_close(&w);
		ak_out_cstr(&w, "\n");
	}
	n = ak_json_finish(&w);
	if (n < 0)
		return audit_fail("format status", n);
	if (fwrite(buf, 1, (size_t)n, stdout) != (size_t)n || fflush(stdout) != 0)
		return audit_fail("write", -errno);
	return 0;
}
