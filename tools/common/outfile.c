// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/* Output file with rotation and reopen on SIGHUP; see outfile.h. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lineio.h"
#include "outfile.h"

static volatile sig_atomic_t reopen_requested;

static void on_hup(int sig)
{
	(void)sig;
	reopen_requested = 1;
}

int akt_outfile_catch_hup(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_hup;
	sa.sa_flags = SA_RESTART;
	return sigaction(SIGHUP, &sa, NULL) < 0 ? -errno : 0;
}

/* The window: what is left of the file's room, within the buffer (o->len is 0). */
static void set_window(struct akt_out *o)
{
	struct akt_outfile *f = o->file;

	o->cap = o->alloc;
	if (f->limit) {
		uint64_t room = f->size < f->limit ? f->limit - f->size : 0;

		if (room < o->cap)
			o->cap = (size_t)room;
	}
	if (o->cap < o->len)
		o->cap = o->len;
}

static int open_file(struct akt_outfile *f, struct akt_out *o, int flags)
{
	struct stat st;
	int fd = open(f->path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | flags, 0600);

	if (fd < 0 || fstat(fd, &st) < 0) {
		int e = errno;

		fprintf(stderr, "%s: cannot open output %s: %s\n", f->prog, f->path, strerror(e));
		if (fd >= 0)
			close(fd);
		return -e;
	}
	o->fd = fd;
	f->size = S_ISREG(st.st_mode) ? (uint64_t)st.st_size : 0;
	set_window(o);
	return 0;
}

int akt_outfile_open(struct akt_outfile *f, struct akt_out *o, int append, const char *prog)
{
	size_t n = strlen(f->path) + 24;

	f->prog = prog;
	f->name = malloc(2 * n); /* two names: FILE.N and FILE.N-1 */
	if (!f->name)
		return -ENOMEM;
	o->file = f;
	return open_file(f, o, append ? 0 : O_TRUNC);
}

int akt_outfile_close(struct akt_outfile *f, struct akt_out *o)
{
	int ret = close(o->fd) < 0 ? -errno : 0;

	o->fd = -1;
	o->file = NULL;
	free(f->name);
	f->name = NULL;
	return ret;
}

/* Close and open @path again (created if it was moved away). */
static int reopen(struct akt_out *o, int flags)
{
	struct akt_outfile *f = o->file;
	int ret;

	if (close(o->fd) < 0 && !o->err)
		o->err = errno;
	o->fd = -1;
	ret = open_file(f, o, flags);
	if (ret < 0 && !o->err)
		o->err = -ret;
	return ret < 0 ? ret : (o->err ? -o->err : 0);
}

int akt_outfile_check(struct akt_out *o)
{
	if (!reopen_requested)
		return 0;
	reopen_requested = 0;
	return reopen(o, 0);
}

void akt_outfile_wrote(struct akt_out *o, size_t n)
{
	o->file->size += n;
	set_window(o);
}

/* FILE.(keep-1) -> FILE.keep (dropping the oldest) ... FILE -> FILE.1. */
static int rotate(struct akt_out *o)
{
	struct akt_outfile *f = o->file;
	size_t n = strlen(f->path) + 24;
	char *to = f->name, *from = f->name + n;

	for (unsigned i = f->keep; i > 1; i--) {
		snprintf(to, n, "%s.%u", f->path, i);
		snprintf(from, n, "%s.%u", f->path, i - 1);
		if (rename(from, to) < 0 && errno != ENOENT)
			goto fail;
	}
	if (f->keep) {
		snprintf(to, n, "%s.1", f->path);
		if (rename(f->path, to) < 0)
			goto fail;
	}
	return reopen(o, O_TRUNC); /* with nothing kept: the file starts again */
fail:
	/* Keep writing to the current file rather than lose events; try
	 * again once another @limit bytes were written. */
	fprintf(stderr, "%s: cannot rotate %s: %s\n", f->prog, f->path, strerror(errno));
	f->size = 0;
	set_window(o);
	return 0;
}

int akt_outfile_room(struct akt_out *o, size_t n)
{
	struct akt_outfile *f = o->file;
	int ret = akt_outfile_check(o);

	if (ret < 0)
		return ret;
	if (f->limit && f->size > 0 && f->size + n - 1 > f->limit) {
		ret = rotate(o);
		if (ret < 0)
			return ret;
	}
	set_window(o);
	return 0;
}
