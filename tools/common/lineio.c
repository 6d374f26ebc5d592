// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/* Line input and buffered output on read(2)/write(2), or mmap(2) windows; see lineio.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
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
	if (r->window) {
		if (r->map)
			munmap(r->map, r->map_len);
		r->map = NULL;
	} else {
		free(r->buf);
	}
	r->buf = NULL;
}

/*
 * Mapped mode.  Reading a file costs a copy in read(2), about a tenth of what
 * auparse -format=json spends on a log in the page cache; a window mapped
 * with MAP_POPULATE costs a fraction of that.  The window (at least 4 MiB)
 * always holds a line of the limit, so the window after it makes progress.
 */
#define MAP_WINDOW_MIN ((size_t)4 << 20)
#define MAP_LIMIT_MAX ((size_t)64 << 20) /* larger line limits read(2) */

static size_t page_size(void)
{
	long pg = sysconf(_SC_PAGESIZE);

	return pg > 0 ? (size_t)pg : 4096;
}

int akt_lines_map(struct akt_lines *r)
{
	struct stat st;
	size_t pg = page_size(), w;

	if (r->window || r->end || r->max > MAP_LIMIT_MAX || fstat(r->fd, &st) < 0 ||
	    !S_ISREG(st.st_mode) || lseek(r->fd, 0, SEEK_CUR) != 0)
		return 0;
	w = (r->max + 3 * pg - 1) / pg * pg; /* the limit, plus two pages */
	r->window = w > MAP_WINDOW_MIN ? w : MAP_WINDOW_MIN;
	free(r->buf);
	r->buf = r->map = NULL;
	r->cap = r->map_len = 0;
	r->map_off = 0;
	return 1;
}

/* mmap failed: go on with read(2) from where the window ends. */
static int unmap(struct akt_lines *r)
{
	size_t n = r->end - r->start, cap = r->max;
	char *b = malloc(cap);

	if (!b)
		return -ENOMEM;
	if (n) /* n < max: the caller checked */
		memcpy(b, r->buf + r->start, n);
	if (lseek(r->fd, (off_t)(r->map_off + r->end), SEEK_SET) < 0) {
		free(b);
		return -errno;
	}
	if (r->map)
		munmap(r->map, r->map_len);
	r->map = NULL;
	r->map_len = r->window = 0;
	r->scan -= r->start;
	r->start = 0;
	r->end = n;
	r->buf = b;
	r->cap = cap;
	return 0;
}

/* The next window, from the page that holds buf[start]; sets eof at the file's end. */
static int remap(struct akt_lines *r)
{
	uint64_t pos = r->map_off + r->start, scan = r->map_off + r->scan;
	uint64_t have = r->map_off + r->end, base, size;
	struct stat st;
	size_t len;
	void *m;

	if (fstat(r->fd, &st) < 0)
		return -errno;
	size = st.st_size > 0 ? (uint64_t)st.st_size : 0;
	if (size <= have) { /* no more (a file that shrank ends here too) */
		r->eof = 1;
		return 0;
	}
	base = pos / page_size() * page_size();
	len = size - base < r->window ? (size_t)(size - base) : r->window;
	m = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, r->fd, (off_t)base);
	if (m == MAP_FAILED)
		return unmap(r);
	if (r->map)
		munmap(r->map, r->map_len);
	r->map = r->buf = m;
	r->map_len = len;
	r->map_off = base;
	r->start = (size_t)(pos - base);
	r->scan = (size_t)(scan - base);
	r->end = len;
	return 0;
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
			if (r->window && *len >= r->max) {
				/* one that read(2)'s buffer would not have held */
				*len = r->max < 4096 ? r->max : 4096;
				return AKT_LINE_TOO_LONG;
			}
			return AKT_LINE_OK;
		}
		r->scan = r->end;
		if (r->window && !r->skipping && r->end - r->start >= r->max) {
			/* the same, its end not in sight: skip to its '\n' */
			r->lineno++;
			r->skipping = 1;
			*line = r->buf + r->start;
			*len = r->max < 4096 ? r->max : 4096;
			r->start = r->scan = r->end;
			return AKT_LINE_TOO_LONG;
		}
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
		if (r->window) {
			int m;

			if (r->skipping)
				r->start = r->end; /* the over-long line's bytes so far */
			m = remap(r);

			if (m < 0)
				return m;
			continue;
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
