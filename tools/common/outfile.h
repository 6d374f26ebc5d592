/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AKT_OUTFILE_H
#define AKT_OUTFILE_H

/*
 * An output file behind struct akt_out (lineio.h): append or truncate,
 * size-based rotation, and reopen on SIGHUP (logrotate).
 *
 * Rotation happens only between whole objects: akt_out's window (o->cap) is
 * kept within the room left in the file, so an object that does not fit makes
 * the writer call akt_out_reserve(), which flushes, rotates (FILE -> FILE.1 ->
 * ... -> FILE.keep, the oldest dropped) and starts a fresh file.  A file thus
 * holds at most @limit bytes, except one holding a single object larger than
 * that.  A SIGHUP (see akt_outfile_catch_hup) makes the next write reopen
 * @path first (O_APPEND, created if missing).
 */

#include <stdint.h>

struct akt_out;

struct akt_outfile {
	const char *path;
	uint64_t limit; /* rotate before the file would exceed this (0: never) */
	unsigned keep;  /* rotated files kept: FILE.1 .. FILE.keep */
	uint64_t size;  /* bytes in the current file */
	char *name;     /* scratch for FILE.N */
	const char *prog; /* for messages */
};

/**
 * akt_outfile_open - open @f->path (truncated unless @append) and attach it
 * to @o (o->fd, o->file).  Messages go to stderr prefixed by @prog.
 * Returns 0 or -errno.
 */
int akt_outfile_open(struct akt_outfile *f, struct akt_out *o, int append, const char *prog);
/** akt_outfile_close - close o->fd and free @f's scratch; 0 or -errno. */
int akt_outfile_close(struct akt_outfile *f, struct akt_out *o);
/** akt_outfile_catch_hup - make SIGHUP request a reopen before the next write. */
int akt_outfile_catch_hup(void);

/* For lineio.c's akt_out: */
/** Reopen if a SIGHUP asked for it; 0 or -errno (also kept in o->err). */
int akt_outfile_check(struct akt_out *o);
/** After @n bytes were written to the file. */
void akt_outfile_wrote(struct akt_out *o, size_t n);
/** With the buffer flushed: rotate if an object of @n bytes (+1) would not fit. */
int akt_outfile_room(struct akt_out *o, size_t n);

#endif
