/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AUDITKIT_FORMAT_H
#define AUDITKIT_FORMAT_H

/*
 * Record formatting: one parsed record (struct ak_rec) as one JSON object
 * (JSON Lines), one YAML document, or one `type=NAME msg=...` text line.
 *
 * The JSON shape is go-libaudit's flat ToMapStr() map:
 *
 *   {"record_type":"SYSCALL","@timestamp":"2017-03-21T23:12:51.011Z",
 *    "sequence":"50406","node":"host",   <- node only when the line had one
 *    "arch":"x86_64", ... the data fields ...,
 *    "raw_msg":"audit(1490137971.011:50406): arch=c000003e ...",
 *    "tags":["key"],                     <- only when non-empty
 *    "warning":"exe key not found",      <- only where go-libaudit's Data() fails
 *    "enriched":{"ARCH":"x86_64",...}}   <- auditd's 0x1d-separated interpretations, if any
 *
 * Every value is a string (as in go-libaudit) except "tags" (array) and
 * "enriched" (object).  "@timestamp" is RFC 3339 UTC with exactly three
 * fraction digits.  The well-known keys are written first and a data field
 * with the same name is skipped (go-libaudit lets them override).
 *
 * Output goes to a struct ak_json (see <auditkit/json.h>): the YAML and text
 * formatters use it as a plain byte sink with the same sticky overflow rule.
 * Each formatter appends exactly one record and a trailing '\n'.
 *
 * The formatters need working memory for the interpretation (decoded hex,
 * sockaddr, EXECVE arguments, the data array): @scratch of @scratch_cap bytes,
 * any alignment.  ak_interp_scratch_size(rec) bytes always suffice (see
 * <auditkit/interp.h>); a few KiB suffice for most records.  Too little scratch
 * gives -ERANGE: grow it and call again (the writer is left unchanged).  With
 * @opts NULL, or its @scratch NULL, 8 KiB on the formatter's stack are used,
 * which is enough for typical records (-ERANGE for bigger ones).
 *
 * Where go-libaudit's Data() would fail (e.g. a SYSCALL record without exe),
 * auditkit still writes all the data it could interpret and adds a "warning"
 * member with go-libaudit's message; "error" is reserved for lines that could
 * not be parsed at all (see ak_fmt_error_json()).
 */

#include <auditkit/base.h>
#include <auditkit/json.h>
#include <auditkit/record.h>

AK_BEGIN_DECLS

enum ak_fmt_flag {
	AK_FMT_RAW = 1u << 0,      /* no interpretation: the fields as written */
	AK_FMT_NO_ENRICHED = 1u << 1, /* omit the "enriched" object */
	/* add "interpreted":{KEY:READING,...} last, the readings of the fields
	 * that have one (<auditkit/values.h>); omitted when there are none */
	AK_FMT_VALUES = 1u << 2,
};

/*
 * Work the formatters may carry from one call to the next (the last
 * timestamp's text: records of an event share it).  Caller-owned; zero it
 * before the first use; one per thread.  Optional.
 */
struct ak_fmt_cache {
	int64_t sec;
	uint32_t msec;
	uint32_t ts_n; /* 0: nothing cached */
	char ts[32];
};

struct ak_fmt_opts {
	unsigned flags;    /* enum ak_fmt_flag */
	void *scratch;     /* working memory, see above */
	size_t scratch_cap;
	struct ak_fmt_cache *cache; /* optional, see struct ak_fmt_cache */
};

/**
 * ak_fmt_record_json - append @rec as one JSON object and '\n'.
 * Returns 0, or -ERANGE when the scratch is too small (the writer's own
 * overflow is reported by ak_json_finish()).
 */
AK_EXPORT int ak_fmt_record_json(struct ak_json *w, const struct ak_rec *rec,
				 const struct ak_fmt_opts *opts);

/** ak_fmt_record_yaml - the same map as a YAML document ("---" line first) and a blank line. */
AK_EXPORT int ak_fmt_record_yaml(struct ak_json *w, const struct ak_rec *rec,
				 const struct ak_fmt_opts *opts);

/**
 * ak_fmt_record_text - "[node=HOST ]type=NAME msg=RAW\n" (go-libaudit's default
 * output), with control characters, DEL and invalid UTF-8 written as \xHH so a
 * crafted value cannot inject terminal escapes or fake log lines.
 */
AK_EXPORT int ak_fmt_record_text(struct ak_json *w, const struct ak_rec *rec,
				 const struct ak_fmt_opts *opts);

/**
 * ak_fmt_error_json - the object for a line that could not be parsed:
 * {"error":"MSG","error_pos":N,"raw":"LINE"} and '\n'.  @diag may be NULL.
 */
AK_EXPORT void ak_fmt_error_json(struct ak_json *w, const char *line, size_t len,
				 const char *msg, const struct ak_diag *diag);
/** ak_fmt_error_yaml / _text - the same for the other two formats. */
AK_EXPORT void ak_fmt_error_yaml(struct ak_json *w, const char *line, size_t len,
				 const char *msg, const struct ak_diag *diag);
AK_EXPORT void ak_fmt_error_text(struct ak_json *w, const char *line, size_t len,
				 const char *msg, const struct ak_diag *diag);

/**
 * ak_fmt_timestamp - "2017-03-21T23:12:51.011Z" into @dst (>= 32 bytes).
 * Returns the length, or -ERANGE if @cap is too small or the year is out of 0..9999.
 */
AK_EXPORT int ak_fmt_timestamp(char *dst, size_t cap, int64_t sec, uint32_t msec);

/* Byte-sink helpers for the YAML and text writers (ak_out_bytes() is in json.h). */
/**
 * ak_out_text_escaped - @s with control bytes (0x1d, auditd's enriched
 * separator, too), DEL, invalid UTF-8 and the code points that can mislead a
 * reader (C1 controls, bidi overrides, line separators) as \xHH per byte.
 */
AK_EXPORT void ak_out_text_escaped(struct ak_json *w, const char *s, size_t n);
/** ak_out_yaml_str - @s as a YAML double-quoted scalar (always valid UTF-8). */
AK_EXPORT void ak_out_yaml_str(struct ak_json *w, const char *s, size_t n);

AK_END_DECLS

#endif
