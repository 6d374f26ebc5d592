/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AUDITKIT_RECORD_H
#define AUDITKIT_RECORD_H

/*
 * Records: one audit.log line, or one netlink payload, split into a header and
 * key=value field slices.  Nothing is allocated: the fields go into an array
 * the caller provides, and every slice points into the caller's input.
 *
 * An audit.log line:
 *
 *   [node=HOST ]type=NAME msg=audit(SEC.MSEC:SERIAL): key=value key="q v" ... [0x1d KEY=interp ...]
 *   \__ node __/          \__________________ msg (go-libaudit's raw_msg) _____________________/
 *                                                     \______________ body ___________________/
 *
 * A netlink payload is the msg part alone, with the type number given separately.
 * User-space records nest a second list inside msg='...'; those fields carry
 * AK_F_NESTED.  auditd's enriched format appends, after a 0x1d byte, interpreted
 * upper-case fields (UID="root"); those carry AK_F_ENRICHED and are never data.
 * The msg='...' field itself is only stored when it holds no key=value pairs.
 *
 * The parser also does go-libaudit's record-type pre-normalisations (spec
 * §3.4), so consumers see them as ordinary fields:
 *  - AVC (1400) "avc:  denied  { read write } for  pid=..": fields seresult
 *    ("denied") and seperms, whose value is the raw text between the braces
 *    ("read write"); go-libaudit's value joins the words with ',';
 *  - LOGIN (1006) old format "old auid=X new auid=Y old ses=.. new ses=..":
 *    keys old_auid, new_auid, old_ses, new_ses (static strings);
 *  - "... (hostname=?, addr=?, terminal=cron res=success)'": the ')' closing
 *    a '(' that opened right before a key is not part of the last value.
 * Key slices may therefore point at static strings rather than the input.
 *
 * A syslog prefix before the record ("Nov 26 10:00:01 host audisp-syslog:
 * type=..." as audisp-syslog writes it) is skipped: rec->line still holds the
 * whole line, the record starts at the first " node=" or " type=" that is
 * followed by " msg=audit(".
 */

#include <auditkit/base.h>

AK_BEGIN_DECLS

enum ak_field_flag {
	AK_F_DQUOTE = 1u << 0,   /* value was written "..." (val excludes the quotes) */
	AK_F_SQUOTE = 1u << 1,   /* value was written '...' (val excludes the quotes) */
	AK_F_NESTED = 1u << 2,   /* inside msg='...' of a user-space record */
	AK_F_ENRICHED = 1u << 3, /* after the 0x1d separator: auditd's interpretation */
	/* The value is printable ASCII (0x20-0x7e) without '"' or '\\', and so is
	 * the key: JSON takes both as they are.  Set by the parser where it saw
	 * this on the way (most values); its absence says nothing.  Whoever
	 * changes a parsed field's key or value clears it. */
	AK_F_PLAIN = 1u << 4,
};

enum ak_rec_flag {
	/* msg is printable ASCII (0x20-0x7e) but for one 0x1d at most (the
	 * enriched part's separator): JSON escapes only its '"' and that byte.
	 * Set by the parser when it saw this on the way; its absence says
	 * nothing.  Whoever changes msg's bytes clears it. */
	AK_REC_MSG_PLAIN = 1u << 0,
};

struct ak_field {
	struct ak_str key;
	struct ak_str val; /* raw: quotes removed, escapes and hex left as written */
	unsigned flags;    /* enum ak_field_flag */
};

struct ak_rec {
	uint32_t type;           /* record type number (UNKNOWN[n] gives n) */
	struct ak_str type_name; /* as written after type= (empty for a payload) */
	int64_t sec;             /* timestamp: seconds since the epoch ... */
	uint32_t msec;           /* ... and milliseconds */
	uint32_t serial;         /* the event serial number */
	struct ak_str node;      /* the node=HOST prefix's value, empty if none */
	struct ak_str line;      /* the whole input less trailing newline, CR and blanks */
	struct ak_str msg;       /* from "audit(" to the end (go-libaudit's raw_msg) */
	struct ak_str body;      /* what follows the header "): " */
	struct ak_field *fields; /* the caller's array */
	size_t nfields;          /* fields stored in it */
	struct ak_diag diag;     /* where and why, when parsing failed */
	unsigned flags;          /* enum ak_rec_flag */
};

/**
 * ak_rec_parse_line - parse one audit.log line.
 * @rec: out; filled as far as parsing got, even on error (rec->line always).
 * @line, @len: the line, with or without its trailing newline.  Any bytes.
 * @fields, @cap: caller storage for fields; @fields may be NULL with @cap 0 to count.
 *
 * Returns the number of fields found (which may exceed @cap when only counting),
 * -EINVAL when the header is malformed (rec->diag says where), or -ERANGE when
 * more than @cap fields were found: the first @cap are stored and the header is
 * valid, so the caller may retry with a larger array.
 */
AK_EXPORT int ak_rec_parse_line(struct ak_rec *rec, const char *line, size_t len,
				struct ak_field *fields, size_t cap);

/**
 * ak_rec_parse_payload - parse one netlink payload ("audit(SEC.MSEC:SERIAL): ...").
 * @type: the nlmsg_type of the message.
 * Otherwise as ak_rec_parse_line().
 */
AK_EXPORT int ak_rec_parse_payload(struct ak_rec *rec, uint32_t type, const char *data,
				   size_t len, struct ak_field *fields, size_t cap);

/**
 * ak_rec_field - the last field named @key (duplicates: last wins), skipping
 * enriched fields.  Returns NULL if absent.
 */
AK_EXPORT const struct ak_field *ak_rec_field(const struct ak_rec *rec, const char *key);

/** ak_rec_enriched - the enriched (interpreted) field named @key, or NULL. */
AK_EXPORT const struct ak_field *ak_rec_enriched(const struct ak_rec *rec, const char *key);

AK_END_DECLS

#endif
