/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AKT_FLAGS_H
#define AKT_FLAGS_H

/*
 * Go-style command-line flags, shared by the tools.  Every spelling go's flag
 * package accepts plus GNU's: -format=json, -format json, --format json,
 * --format=json.  Booleans: -i, -i=true, -id=false (a boolean never takes
 * the next argument).  "--" ends the flags; so does the first non-flag
 * argument.  -h, -help and --help print the usage.
 */

#include <stdio.h>

enum akt_flag_kind {
	AKT_BOOL,   /* int *: 0 or 1 */
	AKT_STRING, /* const char **: points into argv */
	AKT_UINT,   /* unsigned long *: decimal (or 0x hex) */
};

struct akt_flag {
	const char *name;  /* without dashes */
	enum akt_flag_kind kind;
	void *ptr;
	const char *arg;   /* value name for the usage text, e.g. "FILE" */
	const char *usage; /* one line */
};

enum {
	AKT_FLAGS_OK = 0,
	AKT_FLAGS_HELP = 1,   /* usage printed to stdout: exit 0 */
	AKT_FLAGS_ERROR = -1, /* message and usage printed to stderr: exit 2 */
};

/**
 * akt_flags_parse - parse argv[1..]; *@optind gets the index of the first
 * non-flag argument.  Returns AKT_FLAGS_OK, AKT_FLAGS_HELP or AKT_FLAGS_ERROR.
 */
int akt_flags_parse(const struct akt_flag *flags, size_t n, int argc, char **argv, int *optind,
		    const char *prog, const char *synopsis);

/** akt_flags_usage - "usage: PROG SYNOPSIS" and one line per flag. */
void akt_flags_usage(FILE *f, const struct akt_flag *flags, size_t n, const char *prog,
		     const char *synopsis);

#endif
