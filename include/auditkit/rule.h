/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AUDITKIT_RULE_H
#define AUDITKIT_RULE_H

/*
 * Audit rules: auditctl's syntax compiled to the kernel's struct
 * audit_rule_data, and back to the text `auditctl -l` prints.
 *
 *	char blob[AK_RULE_MAX_SIZE];
 *	struct ak_rule_cmd cmd;
 *	struct ak_diag d;
 *	struct ak_rule_opts o = { .sz = sizeof(o), .arch = 0 };	// 0: this machine
 *
 *	if (ak_rule_parse_line("-a always,exit -F arch=b64 -S openat -k x", SIZE_MAX,
 *			       AK_SPLIT_SHELL, &o, &cmd, blob, sizeof(blob), &d) < 0)
 *		printf("col %zu: %s '%.*s'\n", d.pos + 1, d.msg, (int)d.len, line + d.pos);
 *	else if (cmd.kind == AK_CMD_ADD)
 *		ak_nl_add_rule(nl, (struct audit_rule_data *)blob, cmd.len);
 *
 * The wire format (host-endian, <linux/audit.h>):
 *
 *	+--------+--------+-------------+-------------+--------------+-------------+
 *	| flags  | action | field_count | mask[64]    | fields[64]   | values[64]  |
 *	| u32    | u32    | u32         | u32 x 64    | u32 x 64     | u32 x 64    |
 *	+--------+--------+-------------+-------------+--------------+-------------+
 *	| fieldflags[64] (operators)    | buflen u32  | buf[buflen]: the string   |
 *	|                               |             | values, in field order,   |
 *	|                               |             | no NULs; values[i] = len  |
 *	+-------------------------------+-------------+---------------------------+
 *	 1040 bytes of header, then buflen bytes.  flags = list | AUDIT_FILTER_PREPEND
 *	 (-A); mask bit n = syscall n; fieldflags = AUDIT_EQUAL, AUDIT_BIT_MASK...
 *
 * What auditctl sends and what the kernel lists back differ in one place:
 * "all syscalls" is sent as 64 words of ~0, and the kernel keeps the top 16
 * bits of the last word as syscall classes, so it lists 0x0000ffff there.
 * AK_RULE_KERNEL_FORM produces the kernel's form (the rule is the same).
 * The kernel also pads its listing to a multiple of 4 bytes.
 *
 * Semantics follow auditctl 3.0.9 (option by option, field by field: which
 * lists and operators each field takes, number parsing with strtoul's base
 * prefixes, key and path limits), assuming a kernel with every feature
 * (exe, sessionid, exclude-extend, filesystem list).  Host facts (user and
 * group names, whether a watched path is a directory) come from callbacks;
 * ak_rule_sys_* are the usual ones, never called unless the caller passes them.
 */

#include <auditkit/base.h>
#include <linux/audit.h>

AK_BEGIN_DECLS

/* Largest rule: header plus 63 strings of PATH_MAX and a key. */
#define AK_RULE_MAX_SIZE (sizeof(struct audit_rule_data) + (AUDIT_MAX_FIELDS - 1) * 4096 + 256)

/* Longest rule line accepted (auditctl reads rules files in 6 KiB lines). */
#define AK_RULE_LINE_MAX 8192

/* What one auditctl command line asks for. */
enum ak_rule_cmd_kind {
	AK_CMD_NONE = 0,           /* blank line, comment, or a deprecated no-op (-a ...,possible) */
	AK_CMD_ADD,                /* -a, -A (flags has AUDIT_FILTER_PREPEND), -w: a rule in the buffer */
	AK_CMD_DELETE,             /* -d, -W: a rule in the buffer */
	AK_CMD_DELETE_ALL,         /* -D [-k KEY] */
	AK_CMD_LIST,               /* -l [-k KEY] [-i] */
	AK_CMD_STATUS,             /* -s [-i] */
	AK_CMD_ENABLE,             /* -e 0|1|2 (value) */
	AK_CMD_FAILURE,            /* -f 0|1|2 */
	AK_CMD_RATE,               /* -r N */
	AK_CMD_BACKLOG,            /* -b N */
	AK_CMD_BACKLOG_WAIT_TIME,  /* --backlog_wait_time N */
	AK_CMD_RESET_LOST,         /* --reset-lost */
	AK_CMD_LOGINUID_IMMUTABLE, /* --loginuid-immutable */
	AK_CMD_IGNORE_ERRORS,      /* -i: go on after a failing line */
	AK_CMD_CONTINUE_ERRORS,    /* -c: go on, but fail at the end */
	AK_CMD_READ_FILE,          /* -R FILE (file in .arg) */
};

/* Warnings auditctl prints but that do not fail the line. */
enum ak_rule_warning {
	AK_RULE_WARN_ARCH_MISMATCH = 1u << 0, /* -S without -F arch= means different
					       * syscalls on the 32-bit arch */
	AK_RULE_WARN_RELATIVE_PATH = 1u << 1, /* watch path contains ".." */
	AK_RULE_WARN_WILDCARD = 1u << 2,      /* watch path contains '*' or '?' */
	AK_RULE_WARN_KEY_SEPARATOR = 1u << 3, /* a key contains the 0x01 key separator */
};

#define AK_RULE_CMD_INTERPRET 1u /* -i given with -l or -s */

/* The result of parsing one command line. */
struct ak_rule_cmd {
	enum ak_rule_cmd_kind kind;
	unsigned flags;    /* AK_RULE_CMD_INTERPRET */
	unsigned warnings; /* enum ak_rule_warning */
	uint32_t value;    /* -e -f -r -b --backlog_wait_time */
	size_t len;        /* ADD, DELETE: bytes of the rule in the buffer */
	/* -D -k KEY, -l -k KEY: the key filter; -R: the file name (NUL-terminated) */
	char arg[4096];
};

/* How ak_rule_parse_line splits a line into words. */
enum ak_rule_split {
	/* POSIX shell words: '...', "..." (with \" \\ \$ \` escapes), backslash
	 * outside quotes, unquoted '#' at a word start begins a comment. */
	AK_SPLIT_SHELL = 0,
	/* auditctl's own rules-file splitting: words separated by spaces only
	 * (not tabs), "\ " is a space and "\\" a backslash inside a word (not
	 * the first), quotes are ordinary characters; a first word starting with
	 * '#' makes the line a comment. */
	AK_SPLIT_AUDITCTL = 1,
};

enum ak_rule_opt_flag {
	AK_RULE_KERNEL_FORM = 1u << 0, /* "all syscalls" as the kernel lists it (see above) */
};

struct ak_rule_opts {
	size_t sz;      /* sizeof(struct ak_rule_opts) */
	uint32_t arch;  /* the machine (AUDIT_ARCH_X86_64, ...): what b64/b32 mean and
			 * which table -S names use without -F arch; 0 = ak_rule_host_arch() */
	unsigned flags; /* enum ak_rule_opt_flag */
	/* user / group name to id: 0, or -ENOENT.  NULL: names are unknown. */
	int (*user)(const char *name, uint32_t *id, void *data);
	int (*group)(const char *name, uint32_t *id, void *data);
	/* 1 if @path is an existing directory (a watch on it becomes "dir"), else 0.
	 * NULL: never. */
	int (*is_dir)(const char *path, void *data);
	void *data;
};

/**
 * ak_rule_parse_argv - parse one auditctl invocation given as words, without
 * the program name (auditctl's argv[1..]).
 * @argc, @argv: the words; each NUL-terminated.
 * @o: options, NULL for defaults.
 * @cmd: out.
 * @buf, @cap: where an ADD/DELETE rule is built (AK_RULE_MAX_SIZE always
 *	suffices; suitably aligned for struct audit_rule_data).
 * @d: out, may be NULL: on failure, pos/len locate the offending word in the
 *	words joined by single spaces, msg says what is wrong.
 *
 * Returns 0, -EINVAL (malformed), -ENOENT (unknown name: field, syscall, user,
 * errno, message type...), -ERANGE (value or buffer too large).
 */
AK_EXPORT int ak_rule_parse_argv(int argc, char *const argv[], const struct ak_rule_opts *o,
				 struct ak_rule_cmd *cmd, void *buf, size_t cap,
				 struct ak_diag *d);

/**
 * ak_rule_parse_line - split @line (@len bytes, or SIZE_MAX: NUL-terminated) into
 * words per @split, then as ak_rule_parse_argv (a NUL byte ends the line).
 * A blank line or a comment gives
 * AK_CMD_NONE.  @d->pos is a byte offset in @line.  Lines longer than
 * AK_RULE_LINE_MAX give -ERANGE.
 */
AK_EXPORT int ak_rule_parse_line(const char *line, size_t len, enum ak_rule_split split,
				 const struct ak_rule_opts *o, struct ak_rule_cmd *cmd,
				 void *buf, size_t cap, struct ak_diag *d);

/* One line of a rules file, handed to the callback in file order. */
struct ak_rule_action {
	unsigned line;         /* 1-based line number */
	const char *text;      /* the line (not NUL-terminated) ... */
	size_t text_len;       /* ... and its length, without the newline */
	int err;               /* 0, or the negative errno of a line that failed to parse */
	struct ak_diag diag;   /* when err: where in the line and why */
	const struct ak_rule_cmd *cmd; /* when !err */
	const struct audit_rule_data *rule; /* when !err and kind is ADD or DELETE */
};

typedef int (*ak_rule_action_cb)(const struct ak_rule_action *a, void *data);

/**
 * ak_rule_parse_file - parse a whole rules file: every line that is not blank
 * or a comment is passed to @cb in order, parsed or with its error.  @cb
 * returns AK_CB_OK to go on, AK_CB_STOP to stop, or a negative errno to stop
 * with that error.  @buf/@cap: scratch for one rule at a time.
 *
 * Returns the number of actions passed to @cb, or @cb's negative errno.
 */
AK_EXPORT int ak_rule_parse_file(const char *text, size_t len, enum ak_rule_split split,
				 const struct ak_rule_opts *o, void *buf, size_t cap,
				 ak_rule_action_cb cb, void *data);

/* Listing state: auditctl -l quirks carried from one rule to the next. */
struct ak_rule_fmt {
	uint32_t arch;      /* the machine, 0 = ak_rule_host_arch() */
	unsigned flags;     /* AK_RULE_FMT_* */
	uint32_t last_arch; /* internal: zero it before each listing */
};

/* Print -F arch as the machine name (auditctl -l -i) instead of b64/b32. */
#define AK_RULE_FMT_INTERPRET 1u
/* Do not carry the arch of one rule over to the next rule's syscall names
 * (auditctl -l does: a rule without -F arch listed after a b32 rule shows
 * its syscalls with i386 names). */
#define AK_RULE_FMT_NO_CARRY 2u
/* Text that ak_rule_parse_line(AK_SPLIT_SHELL) turns back into the same rule:
 * words shell-quoted where needed, never the -w form (whether a path is a
 * directory is decided anew when parsing), the real operator of exe, path,
 * dir and perm, file types by name, no arch carried over.  Not what
 * auditctl -l prints. */
#define AK_RULE_FMT_REPARSE 4u

/**
 * ak_rule_format - the text `auditctl -l` prints for one rule, without newline.
 * @r, @len: the rule as the kernel lists it (or as compiled here).
 * @st: listing state (see struct ak_rule_fmt); NULL formats one rule alone.
 * @out, @cap: NUL-terminated output.
 *
 * Returns the length of the text (without NUL), -ERANGE when @cap is too
 * small (the text is cut), -EINVAL when @r is malformed (short, or strings
 * overflowing buf).
 */
AK_EXPORT int ak_rule_format(const struct audit_rule_data *r, size_t len, struct ak_rule_fmt *st,
			     char *out, size_t cap);

/**
 * ak_rule_key_match - 1 if a key of @r contains @key (auditctl -l -k / -D -k),
 * 0 if not.  An empty @key matches every rule.
 */
AK_EXPORT int ak_rule_key_match(const struct audit_rule_data *r, size_t len, const char *key);

/**
 * ak_rule_equal - 1 if two rules are the same rule for the kernel: same list,
 * action, fields, values and strings, and the same syscall mask once "all
 * syscalls" is put in the kernel's form.  Padding is ignored.
 */
AK_EXPORT int ak_rule_equal(const struct audit_rule_data *a, size_t alen,
			    const struct audit_rule_data *b, size_t blen);

/* ---- names ----------------------------------------------------------------- */

/** ak_rule_field_name - "auid" for AUDIT_LOGINUID, ...; NULL if unknown. */
AK_EXPORT const char *ak_rule_field_name(uint32_t field);
/** ak_rule_field_number - field id for a name (auditctl's table), or -ENOENT. */
AK_EXPORT int ak_rule_field_number(const char *name, size_t len);
/** ak_rule_list_name - "exit" for AUDIT_FILTER_EXIT (prepend bit ignored); NULL if unknown. */
AK_EXPORT const char *ak_rule_list_name(uint32_t flags);
/** ak_rule_op_symbol - "!=" for AUDIT_NOT_EQUAL, ...; NULL if unknown. */
AK_EXPORT const char *ak_rule_op_symbol(uint32_t op);

/* ---- host facts (explicit, never called implicitly) ---------------------- */

/** ak_rule_host_arch - AUDIT_ARCH_* of the running machine (uname), 0 if unknown. */
AK_EXPORT uint32_t ak_rule_host_arch(void);
/** ak_rule_sys_user / _group - getpwnam_r / getgrnam_r, for struct ak_rule_opts. */
AK_EXPORT int ak_rule_sys_user(const char *name, uint32_t *id, void *data);
AK_EXPORT int ak_rule_sys_group(const char *name, uint32_t *id, void *data);
/** ak_rule_sys_is_dir - stat(), for struct ak_rule_opts. */
AK_EXPORT int ak_rule_sys_is_dir(const char *path, void *data);

AK_END_DECLS

#endif
