/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AKT_LINEIO_H
#define AKT_LINEIO_H

/*
 * Line input and buffered output for the tools, on read(2)/write(2).
 *
 * The reader hands out lines in place (no copy, no per-line allocation) from
 * one buffer that grows only when a single line does not fit, up to @max
 * bytes; a longer line is reported (AKT_LINE_TOO_LONG with its first bytes)
 * and the rest of it skipped, so memory stays bounded whatever the input.
 */

#include <stddef.h>
#include <stdint.h>

struct akt_out;

struct akt_lines {
	int fd;
	char *buf;
	size_t cap, max;
	size_t start, end, scan; /* unread data is buf[start, end); no '\n' in [start, scan) */
	int eof, skipping;
	uint64_t lineno;         /* 1-based number of the line last returned */
	struct akt_out *flush;   /* flushed before each blocking read, if set */
	/* If set, called before each read (after the flush); may wait in poll(2)
	 * and do timed work meanwhile (auparse -i: event timeouts). */
	int (*wait)(int fd, void *data);
	void *wait_data;
	/* mapped mode (akt_lines_map): buf is a window of the file at map_off */
	char *map;
	size_t map_len, window;
	uint64_t map_off;
};

enum {
	AKT_LINE_EOF = 0,
	AKT_LINE_OK = 1,
	AKT_LINE_TOO_LONG = 2, /* *line is the first bytes; the rest is skipped */
};

int akt_lines_init(struct akt_lines *r, int fd, size_t initial, size_t max);
/**
 * Read the regular file @r's fd from its start through mmap(2) windows instead
 * of read(2): no copy of the file's bytes, the same lines, line numbers and
 * over-long-line handling.  Only the window being read is mapped, so memory
 * stays bounded.  Returns 1 if mapped mode is on, 0 if not (not a regular
 * file, or the line limit is too large for a window): read(2) then serves.
 * A file truncated while mapped raises SIGBUS on access: the caller that
 * turns this on must catch it (see auparse.c).
 */
int akt_lines_map(struct akt_lines *r);
/** Next line without its '\n'; AKT_LINE_* or -errno on a read error. */
int akt_lines_next(struct akt_lines *r, const char **line, size_t *len);
void akt_lines_free(struct akt_lines *r);

struct akt_outfile;

struct akt_out {
	int fd;
	char *buf;
	size_t cap, len; /* writers fill buf[len, cap) */
	int err; /* first write error (errno), sticky */
	size_t alloc;              /* bytes at buf; cap < alloc only with a file */
	struct akt_outfile *file;  /* if set: rotation and reopen (outfile.h) */
};

int akt_out_init(struct akt_out *o, int fd, size_t cap);
/** Write out what is buffered; -errno on failure (also kept in o->err). */
int akt_out_flush(struct akt_out *o);
/** Make room for @n more bytes (flushing, then growing); -errno. */
int akt_out_reserve(struct akt_out *o, size_t n);
void akt_out_free(struct akt_out *o);

#endif
