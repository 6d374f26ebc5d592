// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * auparse: audit.log lines in, one JSON object (or YAML document, or text
 * line) per line out.  go-libaudit's cmd/auparse flags, JSON by default:
 *
 *	cat /var/log/audit/audit.log | auparse | jq .
 *
 * Exit status: 0 success (lines that could not be parsed are reported and
 * still produce an object), 1 I/O failure, 2 usage error.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <auditkit.h>
#include <auditkit/interp.h>

#include "../common/events.h"
#include "../common/flags.h"
#include "../common/lineio.h"
#include "../common/outfile.h"

#define PROG "auparse"
#define SYNOPSIS \
	"[-in FILE] [-out FILE [-append] [-rotate-size BYTES [-rotate-keep N]]] " \
	"[-format json|yaml|text] [-i] [-id] [-values] [FILE...]"
/*
 * Longest line kept; longer ones are reported.  The kernel caps a record at
 * 8970 bytes (MAX_AUDIT_MESSAGE_LENGTH) and auditd's enriched tail at most
 * doubles it, so 1 MiB is 100 times any real line while keeping the worst case
 * (a line of NULs, escaped twice as \u0000 in raw_msg and data) under 32 MB.
 */
#define LINE_MAX_BYTES ((size_t)1 << 20)
#define IO_CHUNK ((size_t)1 << 20)
#define MAX_FIELDS ((size_t)1 << 20) /* bounds the field array: 40 MiB */

enum fmt { F_JSON, F_YAML, F_TEXT };

struct ctx {
	enum fmt fmt;
	unsigned raw;
	unsigned fmt_flags; /* -values: AK_FMT_VALUES */
	struct akt_out out;
	struct ak_field *fields;
	size_t fcap;
	void *scratch;
	size_t scap;
	const char *name; /* input name for messages */
	unsigned long bad_lines;
	size_t max_line;
	struct akt_events *ev; /* -i: records go to the reassembler (events.c) */
	struct ak_fmt_cache fcache;
};

typedef int (*fmt_fn)(struct ak_json *, const struct ak_rec *, const struct ak_fmt_opts *);

static int oom(void)
{
	fprintf(stderr, PROG ": out of memory\n");
	return -ENOMEM;
}

/* Format @rec into the output buffer, growing scratch and buffer as needed. */
static int emit_record(struct ctx *c, const struct ak_rec *rec)
{
	static const fmt_fn fns[] = { ak_fmt_record_json, ak_fmt_record_yaml,
				      ak_fmt_record_text };
	struct ak_fmt_opts opts = { .flags = (c->raw ? AK_FMT_RAW : 0) | c->fmt_flags };

	for (int tries = 0; tries < 8; tries++) {
		struct ak_json w;
		int ret;

		opts.scratch = c->scratch;
		opts.scratch_cap = c->scap;
		opts.cache = &c->fcache;
		ak_json_init(&w, c->out.buf + c->out.len, c->out.cap - c->out.len);
		ret = fns[c->fmt](&w, rec, &opts);
		if (ret == -ERANGE) {
			size_t need = ak_interp_scratch_size(rec);
			void *p;

			if (need <= c->scap)
				need = c->scap * 2;
			p = realloc(c->scratch, need);
			if (!p)
				return oom();
			c->scratch = p;
			c->scap = need;
			continue;
		}
		if (ret < 0)
			return ret;
		ret = ak_json_finish(&w);
		if (ret >= 0) {
			c->out.len += (size_t)ret;
			return 0;
		}
		if (ret != -ERANGE)
			return ret;
		ret = akt_out_reserve(&c->out, ak_json_len(&w) + 1);
		if (ret < 0)
			return ret == -ENOMEM ? oom() : ret;
	}
	return -ERANGE;
}

static int emit_error(struct ctx *c, const char *line, size_t len, const char *msg,
		      const struct ak_diag *diag)
{
	for (int tries = 0; tries < 3; tries++) {
		struct ak_json w;
		int ret;

		ak_json_init(&w, c->out.buf + c->out.len, c->out.cap - c->out.len);
		if (c->fmt == F_JSON)
			ak_fmt_error_json(&w, line, len, msg, diag);
		else if (c->fmt == F_YAML)
			ak_fmt_error_yaml(&w, line, len, msg, diag);
		else
			ak_fmt_error_text(&w, line, len, msg, diag);
		ret = ak_json_finish(&w);
		if (ret >= 0) {
			c->out.len += (size_t)ret;
			return 0;
		}
		ret = akt_out_reserve(&c->out, ak_json_len(&w) + 1);
		if (ret < 0)
			return ret == -ENOMEM ? oom() : ret;
	}
	return -ERANGE;
}

/* Control bytes in a message to the terminal are shown as '?'. */
static void report(struct ctx *c, uint64_t lineno, size_t col, const char *msg)
{
	char safe[160];
	size_t i;

	for (i = 0; msg[i] && i < sizeof(safe) - 1; i++)
		safe[i] = (unsigned char)msg[i] < 0x20 ? '?' : msg[i];
	safe[i] = '\0';
	fprintf(stderr, PROG ": %s:%llu:%zu: %s\n", c->name, (unsigned long long)lineno, col,
		safe);
}

static int do_line(struct ctx *c, const char *line, size_t len, uint64_t lineno)
{
	struct ak_rec rec;
	int ret = ak_rec_parse_line(&rec, line, len, c->fields, c->fcap);

	if (ret == -ERANGE) {
		int n = ak_rec_parse_line(&rec, line, len, NULL, 0);
		struct ak_field *f;

		if (n < 0)
			n = (int)c->fcap * 2;
		if ((size_t)n > MAX_FIELDS) {
			static const char msg[] = "record has more than 1048576 fields: skipped";

			c->bad_lines++;
			report(c, lineno, 1, msg);
			return emit_error(c, rec.line.p, rec.line.n, msg, NULL);
		}
		f = realloc(c->fields, (size_t)n * sizeof(*f));
		if (!f)
			return oom();
		c->fields = f;
		c->fcap = (size_t)n;
		ret = ak_rec_parse_line(&rec, line, len, c->fields, c->fcap);
	}
	if (ret < 0) {
		if (rec.line.n == 0)
			return 0; /* blank line: not a record */
		c->bad_lines++;
		const char *msg = rec.diag.msg ? rec.diag.msg : ak_strerror(ret);

		report(c, lineno, rec.diag.pos + 1, msg);
		return emit_error(c, rec.line.p, rec.line.n, msg, &rec.diag);
	}
	if (c->ev)
		return akt_events_push(c->ev, &rec);
	return emit_record(c, &rec);
}

/*
 * A file read through mmap windows (akt_lines_map) that is truncated under us
 * faults with SIGBUS on the lost pages.  The handler jumps back to run_fd,
 * which reports it and stops reading that input: the record being written is
 * dropped whole (its bytes were never committed to the output buffer), and
 * the parser and formatter keep no state that a jump out of them could break.
 * Only record output maps its input: -i's reassembler copies records into its
 * own memory, which a jump out of the copy could leave half done.
 */
static sigjmp_buf *bus_jump;

static void on_sigbus(int sig)
{
	if (bus_jump)
		siglongjmp(*bus_jump, 1);
	signal(sig, SIG_DFL);
	raise(sig);
}

static int run_fd(struct ctx *c, int fd, int may_map)
{
	/* static: what a siglongjmp back here reads must not live in registers */
	static struct akt_lines r;
	static sigjmp_buf jb;
	static uint64_t done;
	const char *line;
	size_t len;
	int ret;

	if (akt_lines_init(&r, fd, IO_CHUNK, c->max_line) < 0)
		return oom();
	r.flush = &c->out;
	if (c->ev) {
		r.wait = akt_events_wait;
		r.wait_data = c->ev;
	} else if (may_map && !getenv("AUPARSE_NO_MMAP") && akt_lines_map(&r)) {
		struct sigaction sa = { .sa_handler = on_sigbus };

		done = 0;
		if (sigsetjmp(jb, 1)) {
			bus_jump = NULL;
			fprintf(stderr,
				PROG ": %s: the file shrank while being read (truncated?): "
				     "stopped after line %llu\n",
				c->name, (unsigned long long)done);
			akt_lines_free(&r);
			return -EIO;
		}
		sigemptyset(&sa.sa_mask);
		sigaction(SIGBUS, &sa, NULL);
		bus_jump = &jb;
	}
	while ((ret = akt_lines_next(&r, &line, &len)) > 0) {
		if (ret == AKT_LINE_TOO_LONG) {
			static const char msg[] = "line longer than the -max-line limit: skipped";

			c->bad_lines++;
			report(c, r.lineno, 1, msg);
			ret = emit_error(c, line, len, msg, NULL);
		} else {
			ret = do_line(c, line, len, r.lineno);
		}
		if (ret < 0)
			break;
		if (c->out.err)
			break;
		done = r.lineno;
	}
	bus_jump = NULL;
	if (ret < 0 && ret != -ENOMEM && ret != -ECANCELED && !c->out.err)
		fprintf(stderr, PROG ": %s: read error: %s\n", c->name, strerror(-ret));
	akt_lines_free(&r);
	return ret < 0 ? ret : 0;
}

static int run_path(struct ctx *c, const char *path)
{
	int fd, ret;

	if (strcmp(path, "-") == 0) {
		c->name = "<stdin>";
		return run_fd(c, STDIN_FILENO, 0);
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, PROG ": cannot open input %s: %s\n", path, strerror(errno));
		return -errno;
	}
	c->name = path;
	ret = run_fd(c, fd, 1);
	close(fd);
	return ret;
}

int main(int argc, char **argv)
{
	const char *in = NULL, *out = "-", *format = "json";
	int interpret = 0, resolve_ids = 1, raw = 0, append = 0, optind = 0, ret = 0, values = 0;
	unsigned long max_line = LINE_MAX_BYTES, rotate_size = 0, rotate_keep = 5;
	struct akt_outfile of = { 0 };
	struct ctx c = { 0 };
	const struct akt_flag flags[] = {
		{ "in", AKT_STRING, &in, "FILE", "input file (default \"-\": stdin)" },
		{ "out", AKT_STRING, &out, "FILE", "output file (default \"-\": stdout); SIGHUP reopens it" },
		{ "append", AKT_BOOL, &append, NULL, "append to the -out file instead of truncating it" },
		{ "rotate-size", AKT_UINT, &rotate_size, "BYTES", "rotate the -out file before it exceeds BYTES (default 0: never)" },
		{ "rotate-keep", AKT_UINT, &rotate_keep, "N", "rotated files kept: FILE.1 (newest) .. FILE.N (default 5)" },
		{ "format", AKT_STRING, &format, "FMT", "output format: json (default), yaml or text" },
		{ "i", AKT_BOOL, &interpret, NULL, "interpret: coalesce records into events" },
		{ "id", AKT_BOOL, &resolve_ids, NULL, "with -i, resolve uid/gid to names (default true)" },
		{ "raw", AKT_BOOL, &raw, NULL, "no interpretation: the fields as written" },
		{ "values", AKT_BOOL, &values, NULL, "add \"interpreted\": ausearch -i's readings (mode, perm, caps, signals, a0-a3...)" },
		{ "max-line", AKT_UINT, &max_line, "BYTES", "longest line accepted (default 1 MiB); longer ones are reported" },
	};
	size_t nflags = sizeof(flags) / sizeof(flags[0]);

	switch (akt_flags_parse(flags, nflags, argc, argv, &optind, PROG, SYNOPSIS)) {
	case AKT_FLAGS_HELP:
		printf("\nReads audit.log lines and writes one object per line (JSON Lines by default).\n"
		       "Example: cat /var/log/audit/audit.log | " PROG " | jq .\n");
		return 0;
	case AKT_FLAGS_ERROR:
		return 2;
	}
	if (strcmp(format, "json") == 0) {
		c.fmt = F_JSON;
	} else if (strcmp(format, "yaml") == 0) {
		c.fmt = F_YAML;
	} else if (strcmp(format, "text") == 0) {
		c.fmt = F_TEXT;
	} else {
		fprintf(stderr, PROG ": unknown -format \"%s\" (want json, yaml or text)\n", format);
		return 2;
	}
	if (in && optind < argc) {
		fprintf(stderr, PROG ": give input files either with -in or as arguments, not both\n");
		return 2;
	}
	if (max_line < 64) {
		fprintf(stderr, PROG ": -max-line must be at least 64\n");
		return 2;
	}
	if (strcmp(out, "-") == 0 && (append || rotate_size)) {
		fprintf(stderr, PROG ": -append and -rotate-size need an -out file\n");
		return 2;
	}
	if (rotate_keep > 1000) {
		fprintf(stderr, PROG ": -rotate-keep must be at most 1000\n");
		return 2;
	}
	if (values && interpret) {
		fprintf(stderr, PROG ": -values applies to record output, not to -i\n");
		return 2;
	}
	c.raw = (unsigned)raw;
	c.fmt_flags = values ? AK_FMT_VALUES : 0;
	c.max_line = max_line;
	c.fcap = 256;
	c.fields = malloc(c.fcap * sizeof(*c.fields));
	c.scap = 64 << 10;
	c.scratch = malloc(c.scap);
	if (!c.fields || !c.scratch || akt_out_init(&c.out, STDOUT_FILENO, IO_CHUNK * 2) < 0) {
		oom();
		return 1;
	}
	if (strcmp(out, "-") != 0) {
		of.path = out;
		of.limit = rotate_size;
		of.keep = (unsigned)rotate_keep;
		ret = akt_outfile_open(&of, &c.out, append, PROG);
		if (ret < 0) {
			if (ret == -ENOMEM)
				oom();
			free(of.name);
			akt_out_free(&c.out);
			free(c.fields);
			free(c.scratch);
			return 1;
		}
		ret = 0;
	}
	if (interpret) {
		struct akt_events_opts eo = { .prog = PROG, .fmt = (int)c.fmt,
					      .resolve_ids = resolve_ids };

		if (akt_events_new(&c.ev, &c.out, &eo) < 0) {
			oom();
			return 1;
		}
		/* A stop (auditd stops plugins with SIGTERM) writes the events in flight. */
		akt_events_catch_signals();
	}
	/* With an output file, SIGHUP reopens it (logrotate, auditd's reload)
	 * instead of stopping: the next write goes to a file at -out again.
	 * With -i it stays blocked except while waiting for input. */
	if (of.path)
		akt_outfile_catch_hup();
	if (optind < argc) {
		for (int i = optind; i < argc && ret == 0; i++)
			ret = run_path(&c, argv[i]);
	} else {
		ret = run_path(&c, in ? in : "-");
	}
	if (c.ev) {
		int r = akt_events_flush(c.ev);

		if (ret == -ECANCELED)
			ret = 0; /* stopped by a signal: a normal end */
		if (r < 0 && ret == 0)
			ret = r;
		akt_events_free(c.ev);
	}
	if (akt_out_flush(&c.out) < 0 && !c.out.err)
		c.out.err = EIO;
	if (of.path) {
		int r = akt_outfile_close(&of, &c.out);

		if (r < 0 && !c.out.err)
			c.out.err = -r;
	}
	if (c.out.err) {
		fprintf(stderr, PROG ": write error on %s: %s\n",
			strcmp(out, "-") == 0 ? "<stdout>" : out, strerror(c.out.err));
		ret = -1;
	}
	akt_out_free(&c.out);
	free(c.fields);
	free(c.scratch);
	return ret < 0 ? 1 : 0;
}
