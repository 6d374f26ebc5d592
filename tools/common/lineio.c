// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/* Line input and buffered output on read(2)/write(2); see lineio.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lineio.h"
#include "outfile.h"

int akt_lines_init(struct akt_lines *r, int fd, size_t initial, size_t max)
{
	memset(r, 0, sizeof(*r));
	r->fd = fd;
	r->cap = initial < max ? initial : max;
	r->max = max;
	r->buf = malloc(r->cap);
	return r->buf ? 0 : -ENOMEM;
}

void akt_lines_free(struct akt_lines *r)
{
	free(r->buf);
	r->buf = NULL;
}

/* Read more into buf[end, cap); 0 at EOF, >0 bytes, -errno. */
static ssize_t fill(struct akt_lines *r)
{
	ssize_t n;

	if (r->flush && r->flush->len)
		akt_out_flush(r->flush);
	if (r->wait) {
		int w = r->wait(r->fd, r->wait_data);

		if (w < 0)
			return w;
	}
	do
		n = read(r->fd, r->buf + r->end, r->cap - r->end);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	if (n == 0)
		r->eof = 1;
	r->end += (size_t)n;
	return n;
}

int akt_lines_next(struct akt_lines *r, const char **line, size_t *len)
{
	for (;;) {
		char *nl = NULL;

		if (r->scan < r->end)
			nl = memchr(r->buf + r->scan, '\n', r->end - r->scan);
		if (nl) {
			size_t s = r->start;

			r->start = r->scan = (size_t)(nl - r->buf) + 1;
			if (r->skipping) {
				r->skipping = 0;
				continue;
			}
			r->lineno++;
			*line = r->buf + s;
			*len = (size_t)(nl - r->buf) - s;
			return AKT_LINE_OK;
		}
		r->scan = r->end;
		if (r->eof) {
			if (r->start == r->end || r->skipping) {
				r->start = r->end = r->scan = 0;
				return AKT_LINE_EOF;
			}
			r->lineno++;
			*line = r->buf + r->start;
			*len = r->end - r->start;
			r->start = r->scan = r->end;
			return AKT_LINE_OK;
		}
		if (r->skipping) {
			r->start = r->end = r->scan = 0; /* drop the over-long tail */
		} else if (r->start > 0) {
			memmove(r->buf, r->buf + r->start, r->end - r->start);
			r->end -= r->start;
			r->scan -= r->start;
			r->start = 0;
		}
		if (r->end == r->cap) {
			if (r->cap >= r->max) {
				/* hand out the beginning, skip the rest up to the '\n' */
				r->lineno++;
				r->skipping = 1;
				*line = r->buf;
				*len = r->end < 4096 ? r->end : 4096;
				r->start = r->scan = r->end;
				return AKT_LINE_TOO_LONG;
			}
			size_t nc = r->cap * 2 < r->max ? r->cap * 2 : r->max;
			char *nb = realloc(r->buf, nc);

			if (!nb)
				return -ENOMEM;
			r->buf = nb;
			r->cap = nc;
		}
		ssize_t n = fill(r);

		if (n < 0)
			return (int)n;
	}
}

int akt_out_init(struct akt_out *o, int fd, size_t cap)
{
	memset(o, 0, sizeof(*o));
	o->fd = fd;
	o->cap = o->alloc = cap;
	o->buf = malloc(cap);
	return o->buf ? 0 : -ENOMEM;
}

void akt_out_free(struct akt_out *o)
{
	free(o->buf);
	o->buf = NULL;
}

int akt_out_flush(struct akt_out *o)
{
	size_t off = 0;

	if (o->err)
		return -o->err;
	if (o->file && akt_outfile_check(o) < 0) {
		o->len = 0;
		return -o->err;
	}
	while (off < o->len) {
		ssize_t n = write(o->fd, o->buf + off, o->len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			o->err = n < 0 ? errno : EIO;
			o->len = 0;
			return -o->err;
		}
		off += (size_t)n;
	}
	o->len = 0;
	if (o->file)
		akt_outfile_wrote(o, off);
	return 0;
}

int akt_out_reserve(struct akt_out *o, size_t n)
{
	if (o->cap - o->len >= n)
		return 0;
	if (o->len) {
		int ret = akt_out_flush(o);

		if (ret < 0)
			return ret;
	}
	if (o->file) {
		int ret = akt_outfile_room(o, n);

		if (ret < 0)
			return ret;
	}
	if (o->cap >= n)
		return 0;
	if (o->alloc < n) {
		char *nb = realloc(o->buf, n);

		if (!nb)
			return -ENOMEM;
		o->buf = nb;
		o->alloc = n;
	}
	/* With a file: an object larger than the room left in a fresh file
	 * goes alone into it. */
	o->cap = o->file ? n : o->alloc;
	return 0;
}
