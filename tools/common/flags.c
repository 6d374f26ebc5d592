// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/* Go-style flag parsing for the tools; see flags.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "flags.h"

void akt_flags_usage(FILE *f, const struct akt_flag *flags, size_t n, const char *prog,
		     const char *synopsis)
{
	fprintf(f, "usage: %s %s\n", prog, synopsis ? synopsis : "[flags]");
	for (size_t i = 0; i < n; i++) {
		char left[64];

		if (flags[i].kind == AKT_BOOL)
			snprintf(left, sizeof(left), "-%s", flags[i].name);
		else
			snprintf(left, sizeof(left), "-%s %s", flags[i].name,
				 flags[i].arg ? flags[i].arg : "VALUE");
		fprintf(f, "  %-18s %s\n", left, flags[i].usage ? flags[i].usage : "");
	}
	fprintf(f, "  %-18s %s\n", "-h, --help", "show this help");
}

static int parse_bool(const char *v, int *out)
{
	static const char *const t[] = { "1", "t", "T", "true", "TRUE", "True" };
	static const char *const f[] = { "0", "f", "F", "false", "FALSE", "False" };

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		if (strcmp(v, t[i]) == 0) {
			*out = 1;
			return 0;
		}
		if (strcmp(v, f[i]) == 0) {
			*out = 0;
			return 0;
		}
	}
	return -1;
}

__attribute__((format(printf, 5, 6))) static int
fail(const struct akt_flag *flags, size_t n, const char *prog, const char *synopsis,
     const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	akt_flags_usage(stderr, flags, n, prog, synopsis);
	return AKT_FLAGS_ERROR;
}

int akt_flags_parse(const struct akt_flag *flags, size_t n, int argc, char **argv, int *optind,
		    const char *prog, const char *synopsis)
{
	int i = 1;

	for (; i < argc; i++) {
		const char *a = argv[i], *name, *eq, *val = NULL;
		const struct akt_flag *fl = NULL;
		size_t nl;

		if (a[0] != '-' || a[1] == '\0')
			break; /* first non-flag argument ("-" alone is one too) */
		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		name = a + 1 + (a[1] == '-');
		if (name[0] == '-' || name[0] == '=' || name[0] == '\0')
			return fail(flags, n, prog, synopsis, "bad flag syntax: %s", a);
		eq = strchr(name, '=');
		nl = eq ? (size_t)(eq - name) : strlen(name);
		if (eq)
			val = eq + 1;
		for (size_t k = 0; k < n; k++) {
			if (strlen(flags[k].name) == nl && memcmp(flags[k].name, name, nl) == 0) {
				fl = &flags[k];
				break;
			}
		}
		if (!fl) {
			if ((nl == 1 && name[0] == 'h') || (nl == 4 && memcmp(name, "help", 4) == 0)) {
				akt_flags_usage(stdout, flags, n, prog, synopsis);
				return AKT_FLAGS_HELP;
			}
			char nb[80];

			snprintf(nb, sizeof(nb), "%.*s", (int)(nl < 64 ? nl : 64), name);
			return fail(flags, n, prog, synopsis, "flag provided but not defined: -%s", nb);
		}
		switch (fl->kind) {
		case AKT_BOOL:
			if (!val) {
				*(int *)fl->ptr = 1;
			} else if (parse_bool(val, (int *)fl->ptr) < 0) {
				return fail(flags, n, prog, synopsis,
					    "invalid boolean value \"%s\" for -%s", val, fl->name);
			}
			break;
		case AKT_STRING:
		case AKT_UINT:
			if (!val) {
				if (i + 1 >= argc)
					return fail(flags, n, prog, synopsis,
						    "flag needs an argument: -%s", fl->name);
				val = argv[++i];
			}
			if (fl->kind == AKT_STRING) {
				*(const char **)fl->ptr = val;
			} else {
				char *end;

				errno = 0;
				unsigned long v = strtoul(val, &end, 0);

				if (errno || end == val || *end || val[0] == '-')
					return fail(flags, n, prog, synopsis,
						    "invalid value \"%s\" for -%s", val, fl->name);
				*(unsigned long *)fl->ptr = v;
			}
			break;
		}
	}
	*optind = i;
	return AKT_FLAGS_OK;
}
