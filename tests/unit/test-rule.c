// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * The rule compiler without a kernel: rejected rules with the exact message
 * and position we report, accepted rules down to the bytes that matter,
 * control lines, word splitting, the listing text and its quirks, rules files.
 * Everything uses an explicit machine (x86_64 unless said), so it runs the
 * same on any host.
 */
#include <errno.h>
#include <stdbool.h>

#include <auditkit.h>

#include "../harness.h"

static _Alignas(struct audit_rule_data) unsigned char buf[AK_RULE_MAX_SIZE];
#define R ((struct audit_rule_data *)buf)

static int users(const char *name, uint32_t *id, void *data)
{
	(void)data;
	if (strcmp(name, "root") == 0) {
		*id = 0;
		return 0;
	}
	if (strcmp(name, "alice") == 0) {
		*id = 1000;
		return 0;
	}
	return -ENOENT;
}

static int dirs(const char *path, void *data)
{
	(void)data;
	return strcmp(path, "/etc") == 0 || strcmp(path, "/var/log/audit") == 0;
}

static const struct ak_rule_opts x86 = {
	.sz = sizeof(x86),
	.arch = AUDIT_ARCH_X86_64,
	.user = users,
	.group = users,
	.is_dir = dirs,
};

static int parse(const char *line, struct ak_rule_cmd *cmd, struct ak_diag *d)
{
	memset(buf, 0xA5, sizeof(struct audit_rule_data) + 64);
	return ak_rule_parse_line(line, SIZE_MAX, AK_SPLIT_SHELL, &x86, cmd, buf, sizeof(buf), d);
}

/* ---- rejected rules: message, and the word it points at ------------------ */

static const struct {
	const char *line;
	int err;
	const char *word; /* the text at d.pos, d.len long ("" for none) */
	const char *msg;
} rejects[] = {
	{ "-a always,exit -F fo=1", -ENOENT, "fo", "unknown field" },
	{ "-a always,exit -F uid", -EINVAL, "uid", "missing operator" },
	{ "-a always,exit -F =1", -EINVAL, "=1", "missing field name before operator" },
	{ "-a always,exit -F uid=", -EINVAL, "uid", "missing value after operator" },
	{ "-a always,exit -F uid=nobody-here", -ENOENT, "nobody-here", "unknown user" },
	{ "-a always,exit -F gid=-1", -ENOENT, "-1", "unknown group" },
	{ "-a always,exit -F arch=b64 -S openatx", -ENOENT, "openatx", "unknown syscall" },
	{ "-a always,exit -F arch=b64 -S openat,bogus,close", -ENOENT, "bogus", "unknown syscall" },
	{ "-a always,exit -F arch=b32 -S openat -F arch=b64", -EINVAL, "arch",
	  "arch must be before -S" },
	{ "-a always,exit -S openat -F arch=b64", -EINVAL, "arch", "arch must be before -S" },
	{ "-a always,exit -F arch=bogus -S open", -ENOENT, "bogus", "unknown machine type" },
	{ "-a always,exit -F arch>b64 -S open", -EINVAL, "arch", "field takes only = or !=" },
	{ "-a always,exit -F arch=b64 -S openat -F exit=-EBOGUS", -ENOENT, "-EBOGUS",
	  "unknown errno" },
	{ "-a always,user -F exit=1", -EINVAL, "exit", "field can only be used with the exit list" },
	{ "-a always,exit -F msgtype=SYSCALL", -EINVAL, "msgtype",
	  "msgtype can only be used with the exclude or user list" },
	{ "-a always,user -F msgtype=NOPE", -ENOENT, "NOPE", "unknown message type" },
	{ "-a never,exclude -F euid=0", -EINVAL, "euid",
	  "field cannot be used with the exclude list (only msgtype, pid, uid, gid, auid, "
	  "subj_*, exe)" },
	{ "-a always,exit -F arch=b64 -S openat -F perm=rwxaa", -ERANGE, "rwxaa",
	  "string value too long" },
	{ "-a always,exit -F arch=b64 -S openat -F perm=q", -EINVAL, "q",
	  "permission can only contain 'rwxa'" },
	{ "-a always,exit -F arch=b64 -S openat -F perm!=r", -EINVAL, "perm", "field takes only =" },
	{ "-a always,exit -F arch=b64 -S openat -F filetype=cow", -ENOENT, "cow",
	  "unknown file type" },
	{ "-a always,exit -F arch=b64 -S openat -F inode<5", -EINVAL, "inode",
	  "field takes only = or !=" },
	{ "-a always,exit -F arch=b64 -S openat -F pid=x", -EINVAL, "x", "value should be a number" },
	{ "-a always,exit -F arch=b64 -S openat -F a0=x", -EINVAL, "x", "value should be a number" },
	{ "-a always,exit -F arch=b64 -S openat -F saddr_fam=46", -ERANGE, "46",
	  "value is too large for field" },
	{ "-a always,exit -F arch=b64 -S openat -F exe>/bin/ls", -EINVAL, "exe",
	  "field takes only = or !=" },
	{ "-a always,task -F sessionid=5", -EINVAL, "sessionid",
	  "field must be used with the exclude, user or exit list" },
	{ "-a always,exit -F fstype=debugfs", -EINVAL, "fstype", "field is not valid for this list" },
	{ "-a always,filesystem -F fstype=nosuchfs", -ENOENT, "nosuchfs", "unknown file system type" },
	{ "-a always,user -F ppid=1", -EINVAL, "ppid", "field can only be used with the exit list" },
	{ "-a always,exit -F key=x", -EINVAL, "x", "key needs a watch, syscall or exe path before it" },
	{ "-a always,exit -F arch=b64 -S openat -C uid=gid", -EINVAL, "uid=gid",
	  "incompatible comparison" },
	{ "-a always,exit -F arch=b64 -S openat -C uid=uid", -EINVAL, "uid=uid",
	  "incompatible comparison" },
	{ "-a always,exit -F arch=b64 -S openat -C uid>euid", -EINVAL, "uid>euid",
	  "comparison takes only = or !=" },
	{ "-a always,exit -F arch=b64 -S openat -C uid=bogus", -ENOENT, "bogus", "unknown field" },
	{ "-a always,user -C uid=euid", -EINVAL, "uid", "field can only be used with the exit list" },
	{ "-a always,exit,task -S openat", -EINVAL, "always,exit,task", "bad keyword" },
	{ "-a always -S openat", -EINVAL, "always", "bad keyword" },
	{ "-a always,EXIT -S openat", -EINVAL, "always,EXIT", "bad keyword" },
	{ "-a possible,exit -S openat", -EINVAL, "possible,exit", "bad keyword" },
	{ "-a always,exit -S openat -a always,exit", -EINVAL, "-a",
	  "multiple rule insert/delete operations are not allowed" },
	{ "-a task,always -S openat", -EINVAL, "openat", "syscall auditing being added to task list" },
	{ "-S openat -a task,always", -EINVAL, "task,always",
	  "syscall auditing requested for task list" },
	{ "-a always,user -S openat", -EINVAL, "openat", "syscall auditing being added to user list" },
	{ "-a always,filesystem -S openat", -EINVAL, "openat",
	  "syscall auditing being added to filesystem list" },
	{ "-a never,exclude -S open", -EINVAL, "open", "syscall auditing cannot be put on exclude list" },
	{ "-F uid=0 -a always,exit", -EINVAL, "uid=0", "list must be given before field" },
	{ "-w /etc/passwd -w /etc/group", -EINVAL, "-w", "watch option can't be given with a syscall" },
	{ "-w /etc/passwd -a always,exit", -EINVAL, "always,exit", "bad keyword" },
	{ "-w etc/passwd", -EINVAL, "etc/passwd", "the path must start with '/'" },
	{ "-w /etc/passwd -p rwxax", -EINVAL, "rwxax", "permission is too long" },
	{ "-w /etc/passwd -p rq", -EINVAL, "q", "permission isn't supported" },
	{ "-p w -w /etc/passwd", -EINVAL, "-p", "permission option needs a watch given prior to it" },
	{ "-k key -w /etc/passwd", -EINVAL, "-k",
	  "key option needs a watch or syscall given prior to it" },
	{ "-S openat", -EINVAL, "", "no list specified" },
	{ "-a always,exit -F arch=b64 -S openat extra", -EINVAL, "extra",
	  "parameter passed without an option given" },
	{ "extra -a always,exit", -EINVAL, "extra", "parameter passed without an option given" },
	{ "-a always,exit -F arch=b64 -S openat -Z", -EINVAL, "-Z", "invalid option" },
	{ "-a always,exit -F arch=b64 -S openat -F", -EINVAL, "-F", "option needs a value" },
	{ "-a always,exit -F arch=b64 -S openat -q x,y", -EINVAL, "-q", "option not supported here" },
	{ "-e 3", -EINVAL, "3", "enable must be 0, 1, or 2" },
	{ "-f x", -EINVAL, "x", "failure must be 0, 1, or 2" },
	{ "-b lots", -EINVAL, "lots", "backlog must be a numeric value" },
	{ "-r -1", -EINVAL, "-1", "rate must be a numeric value" },
	{ "--backlog_wait_time x", -EINVAL, "x", "backlog_wait_time must be a numeric value" },
	{ "--bogus", -EINVAL, "--bogus", "invalid option" },
	{ "-D -i", -EINVAL, "-D", "wrong number of options for delete all request" },
	{ "-D -x y", -EINVAL, "-x", "only the -k option is allowed" },
	{ "-l -x", -EINVAL, "-l", "only -k or -i options are allowed" },
	{ "-e 1 -b 10", -EINVAL, "-b", "only one control option per line" },
	{ "-a always,exit -F arch=b64 -S openat -R x", -EINVAL, "-R", "nested rule files not supported" },
	{ "-w '/a b", -EINVAL, "'/a b", "unterminated quote" },
};

static void test_rejected(void)
{
	for (size_t i = 0; i < sizeof(rejects) / sizeof(rejects[0]); i++) {
		struct ak_rule_cmd cmd;
		struct ak_diag d;
		const char *line = rejects[i].line;
		int rc = parse(line, &cmd, &d);

		if (rc != rejects[i].err || !d.msg || strcmp(d.msg, rejects[i].msg) != 0 ||
		    d.pos + d.len > strlen(line) || d.len != strlen(rejects[i].word) ||
		    memcmp(line + d.pos, rejects[i].word, d.len) != 0) {
			fprintf(stderr, "  \"%s\": got %d \"%s\" at %zu+%zu '%.*s'\n", line, rc,
				d.msg ? d.msg : "(null)", d.pos, d.len,
				d.pos + d.len <= strlen(line) ? (int)d.len : 0, line + d.pos);
			CHECK(0);
		}
	}
}

/* A long key over two -k, and a path too long. */
static void test_rejected_limits(void)
{
	char line[6000], k[300];
	struct ak_rule_cmd cmd;
	struct ak_diag d;

	memset(k, 'k', 200);
	k[200] = 0;
	snprintf(line, sizeof(line), "-w /etc/passwd -k %s -k %s", k, k);
	CHECK_INT(parse(line, &cmd, &d), -ERANGE);
	CHECK_STR(d.msg, "key option exceeds size limit");
	CHECK_INT(d.pos, strlen(line) - 200);

	snprintf(line, sizeof(line), "-w /%0*d", 4100, 0);
	CHECK_INT(parse(line, &cmd, &d), -ERANGE);
	CHECK_STR(d.msg, "the path passed for the watch is too big");

	/* 63 fields at most (auditctl keeps AUDIT_MAX_FIELDS - 1). */
	strcpy(line, "-a always,exit -F arch=b64 -S openat");
	for (int i = 0; i < 62; i++)
		strcat(line, " -F a0=1");
	CHECK_INT(parse(line, &cmd, &d), 0);
	CHECK_INT(R->field_count, 63);
	strcat(line, " -F a1=2");
	CHECK_INT(parse(line, &cmd, &d), -ERANGE);
	CHECK_STR(d.msg, "too many fields in rule");
	CHECK_INT(d.pos, strlen(line) - 4);
}

/* ---- accepted rules ---------------------------------------------------------- */

static void test_syscall_rule(void)
{
	struct ak_rule_cmd cmd;
	struct ak_diag d;

	CHECK_INT(parse("-a always,exit -F arch=b64 -S openat,open -S 0 -F exit=-EACCES -k a -k b",
			&cmd, &d), 0);
	CHECK_INT(cmd.kind, AK_CMD_ADD);
	CHECK_INT(R->flags, AUDIT_FILTER_EXIT);
	CHECK_INT(R->action, AUDIT_ALWAYS);
	CHECK_INT(R->field_count, 3);
	CHECK_INT(R->fields[0], AUDIT_ARCH);
	CHECK_INT(R->values[0], AUDIT_ARCH_X86_64);
	CHECK_INT(R->fields[1], AUDIT_EXIT);
	CHECK_INT((int32_t)R->values[1], -13);
	CHECK_INT(R->fields[2], AUDIT_FILTERKEY);
	CHECK_INT(R->values[2], 3);
	CHECK(memcmp(R->buf, "a\x01" "b", 3) == 0);
	CHECK_INT(R->buflen, 3);
	CHECK_INT(cmd.len, sizeof(struct audit_rule_data) + 3);
	/* openat 257, open 2, read 0 */
	CHECK_INT(R->mask[0], (1u << 2) | 1u);
	CHECK_INT(R->mask[8], 1u << 1);
	CHECK_INT(cmd.warnings, 0);
}

static void test_arches(void)
{
	struct ak_rule_opts o = x86;
	struct ak_rule_cmd cmd;
	struct ak_diag d;
	int rc;

	/* b32 on x86_64 is i386: open is 5 there. */
	CHECK_INT(parse("-a always,exit -F arch=b32 -S open", &cmd, &d), 0);
	CHECK_INT(R->values[0], AUDIT_ARCH_I386);
	CHECK_INT(R->mask[0], 1u << 5);
	/* No arch: the machine's table, and auditctl's 32/64 warning. */
	CHECK_INT(parse("-a always,exit -S open", &cmd, &d), 0);
	CHECK_INT(R->field_count, 0);
	CHECK_INT(R->mask[0], 1u << 2);
	CHECK_INT(cmd.warnings, AK_RULE_WARN_ARCH_MISMATCH);
	CHECK_INT(parse("-a always,exit -S read", &cmd, &d), 0);
	CHECK_INT(cmd.warnings, AK_RULE_WARN_ARCH_MISMATCH); /* read: 0 vs 3 */
	/* Names and numbers ignore case; a number can be any form strtol takes. */
	CHECK_INT(parse("-a always,exit -F arch=X86_64 -S OPENAT -S 0x10", &cmd, &d), 0);
	CHECK_INT(R->mask[8], 1u << 1);
	CHECK_INT(R->mask[0], 1u << 16);
	CHECK_INT(parse("-a always,exit -F arch=3221225534 -S 450-455", &cmd, &d), 0);
	CHECK_INT(R->mask[14], 1u << 2);

	/* On aarch64 b32 is arm, b64 aarch64; on i386 b64 does not exist. */
	o.arch = AUDIT_ARCH_AARCH64;
	rc = ak_rule_parse_line("-a always,exit -F arch=b32 -S open", SIZE_MAX, AK_SPLIT_SHELL, &o,
				&cmd, buf, sizeof(buf), &d);
	CHECK_INT(rc, 0);
	CHECK_INT(R->values[0], AUDIT_ARCH_ARM);
	CHECK_INT(R->mask[0], 1u << 5);
	rc = ak_rule_parse_line("-a always,exit -S openat", SIZE_MAX, AK_SPLIT_SHELL, &o, &cmd, buf,
				sizeof(buf), &d);
	CHECK_INT(rc, 0);
	CHECK_INT(R->mask[1], 1u << (56 - 32)); /* aarch64 openat = 56 */
	o.arch = AUDIT_ARCH_I386;
	rc = ak_rule_parse_line("-a always,exit -F arch=b64 -S open", SIZE_MAX, AK_SPLIT_SHELL, &o,
				&cmd, buf, sizeof(buf), &d);
	CHECK_INT(rc, -ENOENT);
	CHECK_STR(d.msg, "unknown machine type");
}

static void test_values(void)
{
	struct ak_rule_cmd cmd;
	struct ak_diag d;

	CHECK_INT(parse("-a always,exit -F arch=b64 -S openat -F auid=unset -F uid=root "
			"-F euid=-1 -F a0=-1 -F a1=0xffffffffff -F a2&=7 -F pid=010 "
			"-F filetype=Dir -F perm=RW -F saddr_fam=abc -F sessionid=abc",
			&cmd, &d), 0);
	CHECK_INT(R->values[1], 4294967295u);
	CHECK_INT(R->values[2], 0);
	CHECK_INT(R->values[3], 4294967295u);
	CHECK_INT(R->values[4], 4294967295u);
	CHECK_INT(R->values[5], 4294967295u); /* strtoul saturates, then 32 bits */
	CHECK_INT(R->fieldflags[6], AUDIT_BIT_TEST);
	CHECK_INT(R->values[7], 8);           /* octal, as strtol base 0 */
	CHECK_INT(R->values[8], 0040000);
	CHECK_INT(R->values[9], AUDIT_PERM_READ | AUDIT_PERM_WRITE);
	CHECK_INT(R->values[10], 0);
	CHECK_INT(R->values[11], 0);
	CHECK_INT(parse("-a always,user -F msgtype=user_login -F msgtype!=1100", &cmd, &d), 0);
	CHECK_INT(R->values[0], 1112);
	CHECK_INT(R->fieldflags[1], AUDIT_NOT_EQUAL);
	/* user/exclude/filesystem rules get every syscall, task rules none. */
	CHECK_INT(R->mask[0], ~0u);
	CHECK_INT(R->mask[63], ~0u);
	CHECK_INT(parse("-a always,task -F uid=0", &cmd, &d), 0);
	CHECK_INT(R->mask[0], 0);
	CHECK_INT(parse("-a exclude,never -F exe=/bin/ls", &cmd, &d), 0);
	CHECK_INT(R->flags, AUDIT_FILTER_EXCLUDE);
	CHECK_INT(R->action, AUDIT_NEVER);
	CHECK_INT(parse("-a always,filesystem -F fstype=TRACEFS -k t", &cmd, &d), 0);
	CHECK_INT(R->values[0], 0x74726163);
	CHECK_INT(parse("-a always,exit -F arch=b64 -S openat -C auid!=obj_uid -C sgid=gid", &cmd,
			&d), 0);
	CHECK_INT(R->fields[1], AUDIT_FIELD_COMPARE);
	CHECK_INT(R->values[1], AUDIT_COMPARE_AUID_TO_OBJ_UID);
	CHECK_INT(R->fieldflags[1], AUDIT_NOT_EQUAL);
	CHECK_INT(R->values[2], AUDIT_COMPARE_GID_TO_SGID);
}

static void test_lists_and_actions(void)
{
	struct ak_rule_cmd cmd;
	struct ak_diag d;

	CHECK_INT(parse("-A exit,always -F arch=b64 -S openat", &cmd, &d), 0);
	CHECK_INT(cmd.kind, AK_CMD_ADD);
	CHECK_INT(R->flags, AUDIT_FILTER_EXIT | AUDIT_FILTER_PREPEND);
	CHECK_INT(parse("-d never,exit -F arch=b64 -S openat", &cmd, &d), 0);
	CHECK_INT(cmd.kind, AK_CMD_DELETE);
	CHECK_INT(R->action, AUDIT_NEVER);
	/* "possible" is auditctl's deprecated no-op. */
	CHECK_INT(parse("-a exit,possible -S openat", &cmd, &d), 0);
	CHECK_INT(cmd.kind, AK_CMD_NONE);
	/* -S before -a is fine for auditctl. */
	CHECK_INT(parse("-S openat -a always,exit", &cmd, &d), 0);
	CHECK_INT(cmd.kind, AK_CMD_ADD);
	/* Values attached to their option, as getopt allows. */
	CHECK_INT(parse("-aalways,exit -Farch=b64 -Sopenat -kx", &cmd, &d), 0);
	CHECK_INT(R->field_count, 2);
}

static void test_watches(void)
{
	struct ak_rule_cmd cmd;
	struct ak_diag d;

	CHECK_INT(parse("-w /etc/passwd", &cmd, &d), 0);
	CHECK_INT(R->fields[0], AUDIT_WATCH);
	CHECK_INT(R->values[1], 15);
	CHECK_INT(R->mask[63], ~0u);
	CHECK_INT(parse("-w /var/log/audit/// -p wa -k logs -k more", &cmd, &d), 0);
	CHECK_INT(R->fields[0], AUDIT_DIR);
	CHECK_INT(R->values[0], 14);
	CHECK_INT(R->values[1], AUDIT_PERM_WRITE | AUDIT_PERM_ATTR);
	CHECK(memcmp(R->buf, "/var/log/auditlogs\x01more", 23) == 0);
	CHECK_INT(parse("-W /etc/passwd -p r", &cmd, &d), 0);
	CHECK_INT(cmd.kind, AK_CMD_DELETE);
	CHECK_INT(parse("-w /etc/../x* -p r", &cmd, &d), 0);
	CHECK_INT(cmd.warnings, AK_RULE_WARN_RELATIVE_PATH | AK_RULE_WARN_WILDCARD);
	/* Quoting: a shell line keeps spaces; auditctl's file splitting does not. */
	CHECK_INT(parse("-w \"/folder with space\" -k 'a key'", &cmd, &d), 0);
	CHECK(memcmp(R->buf, "/folder with spacea key", 23) == 0);
	CHECK_INT(parse("-w /folder\\ with\\ space", &cmd, &d), 0);
	CHECK_INT(R->values[0], 18);
	CHECK_INT(ak_rule_parse_line("-w \"/folder with space\"", SIZE_MAX, AK_SPLIT_AUDITCTL, &x86,
				     &cmd, buf, sizeof(buf), &d), -EINVAL);
	CHECK_STR(d.msg, "the path must start with '/'");
	CHECK_INT(d.pos, 3);
	/* auditctl's rules files: backslash-space and double backslash, tabs inside words. */
	CHECK_INT(ak_rule_parse_line("-w /folder\\ with\\\\space\\x -k k", SIZE_MAX,
				     AK_SPLIT_AUDITCTL, &x86, &cmd, buf, sizeof(buf), &d), 0);
	CHECK(memcmp(R->buf, "/folder with\\space\\xk", 21) == 0);
	CHECK_INT(R->values[0], 20);
	CHECK_INT(ak_rule_parse_line("-a always,exit\t-F arch=b64", SIZE_MAX, AK_SPLIT_AUDITCTL, &x86,
				     &cmd, buf, sizeof(buf), &d), -EINVAL);
	CHECK_STR(d.msg, "bad keyword");
	CHECK_INT(d.len, strlen("always,exit\t-F"));
}

static void test_controls(void)
{
	static const struct {
		const char *line;
		enum ak_rule_cmd_kind kind;
		uint32_t value;
		const char *arg;
		unsigned flags;
	} c[] = {
		{ "", AK_CMD_NONE, 0, "", 0 },
		{ "   # a comment", AK_CMD_NONE, 0, "", 0 },
		{ "-D", AK_CMD_DELETE_ALL, 0, "", 0 },
		{ "-D -k mykey", AK_CMD_DELETE_ALL, 0, "mykey", 0 },
		{ "-b 8192", AK_CMD_BACKLOG, 8192, "", 0 },
		{ "-f 1", AK_CMD_FAILURE, 1, "", 0 },
		{ "-e 0", AK_CMD_ENABLE, 0, "", 0 },
		{ "-r 0x10", AK_CMD_RATE, 16, "", 0 },
		{ "--backlog_wait_time 60000", AK_CMD_BACKLOG_WAIT_TIME, 60000, "", 0 },
		{ "--backlog_wait_time=5", AK_CMD_BACKLOG_WAIT_TIME, 5, "", 0 },
		{ "--backlog", AK_CMD_NONE, 0, "", 0 }, /* needs a value: see below */
		{ "--reset-lost", AK_CMD_RESET_LOST, 0, "", 0 },
		{ "--loginuid-immutable", AK_CMD_LOGINUID_IMMUTABLE, 0, "", 0 },
		{ "-i", AK_CMD_IGNORE_ERRORS, 0, "", 0 },
		{ "-c", AK_CMD_CONTINUE_ERRORS, 0, "", 0 },
		{ "-l", AK_CMD_LIST, 0, "", 0 },
		{ "-l -i", AK_CMD_LIST, 0, "", AK_RULE_CMD_INTERPRET },
		{ "-l -k time", AK_CMD_LIST, 0, "time", 0 },
		{ "-s", AK_CMD_STATUS, 0, "", 0 },
		{ "-R /etc/audit/audit.rules", AK_CMD_READ_FILE, 0, "/etc/audit/audit.rules", 0 },
	};

	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		struct ak_rule_cmd cmd;
		struct ak_diag d;
		int rc = parse(c[i].line, &cmd, &d);

		if (strcmp(c[i].line, "--backlog") == 0) {
			/* a prefix of --backlog_wait_time, which needs a value */
			CHECK_INT(rc, -EINVAL);
			CHECK_STR(d.msg, "option needs a value");
			continue;
		}
		if (rc != 0 || cmd.kind != c[i].kind || cmd.value != c[i].value ||
		    strcmp(cmd.arg, c[i].arg) || cmd.flags != c[i].flags) {
			fprintf(stderr, "  \"%s\": rc %d kind %d value %u arg \"%s\" (%s)\n", c[i].line,
				rc, cmd.kind, cmd.value, cmd.arg, rc ? d.msg : "");
			CHECK(0);
		}
	}
}

static void test_argv(void)
{
	char *argv[] = { "-a", "always,exit", "-F", "path=/a b", "-F", "fo=1" };
	struct ak_rule_cmd cmd;
	struct ak_diag d;

	CHECK_INT(ak_rule_parse_argv(4, argv, &x86, &cmd, buf, sizeof(buf), &d), 0);
	CHECK_INT(R->values[0], 4);
	CHECK(memcmp(R->buf, "/a b", 4) == 0);
	CHECK_INT(ak_rule_parse_argv(6, argv, &x86, &cmd, buf, sizeof(buf), &d), -ENOENT);
	/* pos indexes the words joined by single spaces */
	CHECK_INT(d.pos, strlen("-a always,exit -F path=/a b -F "));
	CHECK_INT(d.len, 2);
	CHECK_INT(errno, ENOENT);
	/* too small a buffer */
	CHECK_INT(ak_rule_parse_argv(4, argv, &x86, &cmd, buf, sizeof(struct audit_rule_data) + 2, &d),
		  -ERANGE);
}

/* ---- reverse ----------------------------------------------------------------- */

static const char *fmt1(const char *line, struct ak_rule_fmt *st)
{
	static char out[4096];
	struct ak_rule_cmd cmd;
	struct ak_diag d;

	if (parse(line, &cmd, &d) < 0) {
		fprintf(stderr, "  %s: %s\n", line, d.msg);
		return "(parse error)";
	}
	if (ak_rule_format(R, cmd.len, st, out, sizeof(out)) < 0)
		return "(format error)";
	return out;
}

static void test_format(void)
{
	struct ak_rule_fmt st = { .arch = AUDIT_ARCH_X86_64 };

	/* What auditctl -l prints, from what it was given (checked against auditctl 3.0.9). */
	CHECK_STR(fmt1("-a always,exit -F arch=b64 -S openat -F a0=0x10 -F a1&0x7C020000 -F a2=-1 "
		       "-F exit=-EACCES -F exit=5 -F exit=-9999", &st),
		  "-a always,exit -F arch=b64 -S openat -F a0=0x10 -F a1&0x7C020000 -F a2=0xFFFFFFFF "
		  "-F exit=-EACCES -F exit=5 -F exit=-9999");
	CHECK_STR(fmt1("-a always,exit -F arch=b32 -S open,1,400 -F inode=4294967295 -F success=1", &st),
		  "-a always,exit -F arch=b32 -S exit,open,msgsnd -F inode=4294967295 -F success=1");
	/* auditctl's quirk: the previous rule's arch names this rule's syscalls. */
	CHECK_STR(fmt1("-a always,exit -S openat -k q", &st),
		  "-a always,exit -S remap_file_pages -F key=q");
	st.flags = AK_RULE_FMT_NO_CARRY;
	CHECK_STR(fmt1("-a always,exit -S openat -k q", &st), "-a always,exit -S openat -F key=q");
	st.flags = 0;
	CHECK_STR(fmt1("-a always,exit -S all -F filetype=dir -F perm=rw -F saddr_fam=10", &st),
		  "-a always,exit -S all -F filetype=16384 -F perm=rw -F saddr_fam=10");
	CHECK_STR(fmt1("-w /etc/ -p w -k x -k y", &st), "-w /etc -p w -k x -k y");
	CHECK_STR(fmt1("-a always,exit -F dir=/tmp/ -F perm=w", &st), "-w /tmp/ -p w");
	CHECK_STR(fmt1("-a always,exit -F path=/etc/passwd -F perm=wa -F key=k1", &st),
		  "-w /etc/passwd -p wa -k k1");
	CHECK_STR(fmt1("-a always,exit -F arch=b64 -S all -F path=/etc/passwd -F perm=wa", &st),
		  "-a always,exit -F arch=b64 -S all -F path=/etc/passwd -F perm=wa");
	CHECK_STR(fmt1("-a never,exclude -F msgtype=1300 -F msgtype=9999 -F exe!=/bin/ls", &st),
		  "-a never,exclude -F msgtype=SYSCALL -F msgtype=9999 -F exe=/bin/ls");
	CHECK_STR(fmt1("-a always,exit -F arch=b64 -S openat -F auid>=1000 -F auid!=unset -F uid=root "
		       "-C auid!=obj_uid -F sessionid=unset", &st),
		  "-a always,exit -F arch=b64 -S openat -F auid>=1000 -F auid!=-1 -F uid=0 "
		  "-C auid!=obj_uid -F sessionid=-1");
	CHECK_STR(fmt1("-a always,filesystem -F fstype=debugfs -F fstype!=123", &st),
		  "-a always,filesystem -F fstype=debugfs -F fstype!=123");
	CHECK_STR(fmt1("-a always,exit -F arch=aarch64 -S 5", &st),
		  "-a always,exit -F arch=b64 -S setxattr");
	CHECK_STR(fmt1("-A always,user -F uid=0 -F msgtype=USER_LOGIN", &st),
		  "-a always,user -F uid=0 -F msgtype=USER_LOGIN");
	st.flags = AK_RULE_FMT_INTERPRET;
	CHECK_STR(fmt1("-a always,exit -F arch=b32 -S open", &st),
		  "-a always,exit -F arch=i386 -S open");
	/* Reparse mode: shell-quoted, no -w, real operators, file types by name. */
	st.flags = AK_RULE_FMT_REPARSE;
	CHECK_STR(fmt1("-w '/a b/c' -p wa -k \"it's\"", &st),
		  "-a always,exit -F path='/a b/c' -F perm=wa -F key='it'\\''s' -S all");
	CHECK_STR(fmt1("-a always,exit -F arch=b64 -S openat -F filetype=dir -F exe!=/bin/ls", &st),
		  "-a always,exit -F arch=0xC000003E -F filetype=dir -F exe!=/bin/ls -S openat");
	CHECK_STR(fmt1("-A always,exit -F uid=0 -F arch=b32 -S open -F gid=4294967295 -F pid=4294967295", &st),
		  "-A always,exit -F uid=0 -F arch=0x40000003 -F gid=4294967295 -F pid=4294967295 "
		  "-S open");
}

static void test_format_odd_blobs(void)
{
	struct audit_rule_data *r = (struct audit_rule_data *)buf;
	char out[256];

	memset(buf, 0, sizeof(struct audit_rule_data) + 16);
	r->flags = AUDIT_FILTER_EXIT;
	r->action = AUDIT_ALWAYS;
	r->field_count = 2;
	r->fields[0] = AUDIT_LOGINUID_SET;
	r->fieldflags[0] = AUDIT_EQUAL;
	r->values[0] = 1;
	r->fields[1] = AUDIT_FIELD_COMPARE;
	r->fieldflags[1] = AUDIT_EQUAL;
	r->values[1] = 99; /* unknown comparison: auditctl prints nothing */
	r->mask[0] = 1;
	CHECK_INT(ak_rule_format(r, sizeof(*r), NULL, out, sizeof(out)), 28);
	CHECK_STR(out, "-a always,exit -S read f24=1");
	/* A string longer than buf is malformed. */
	r->fields[1] = AUDIT_WATCH;
	r->values[1] = 10;
	r->buflen = 4;
	CHECK_INT(ak_rule_format(r, sizeof(*r) + 4, NULL, out, sizeof(out)), -EINVAL);
	CHECK_INT(ak_rule_format(r, sizeof(*r) - 1, NULL, out, sizeof(out)), -EINVAL);
	/* Output that does not fit. */
	r->fields[1] = AUDIT_PID;
	CHECK_INT(ak_rule_format(r, sizeof(*r) + 4, NULL, out, 10), -ERANGE);
	CHECK_INT(strlen(out), 9);
}

static void test_equal_and_keys(void)
{
	static _Alignas(struct audit_rule_data) unsigned char b2[AK_RULE_MAX_SIZE];
	struct ak_rule_opts kf = x86;
	struct ak_rule_cmd cmd, cmd2;
	struct ak_diag d;

	CHECK_INT(parse("-w /etc/passwd -p wa -k ids -k passwd", &cmd, &d), 0);
	kf.flags = AK_RULE_KERNEL_FORM;
	CHECK_INT(ak_rule_parse_line("-w /etc/passwd -p wa -k ids -k passwd", SIZE_MAX, AK_SPLIT_SHELL,
				     &kf, &cmd2, b2, sizeof(b2), &d), 0);
	CHECK_INT(((struct audit_rule_data *)b2)->mask[63], 0xffff);
	CHECK_INT(R->mask[63], ~0u);
	CHECK(ak_rule_equal(R, cmd.len, (struct audit_rule_data *)b2, cmd2.len));
	CHECK_INT(ak_rule_key_match(R, cmd.len, "pass"), 1);
	CHECK_INT(ak_rule_key_match(R, cmd.len, "ids"), 1);
	CHECK_INT(ak_rule_key_match(R, cmd.len, "nope"), 0);
	CHECK_INT(ak_rule_key_match(R, cmd.len, ""), 1);
	CHECK_INT(ak_rule_parse_line("-w /etc/passwd -p w -k ids -k passwd", SIZE_MAX, AK_SPLIT_SHELL,
				     &kf, &cmd2, b2, sizeof(b2), &d), 0);
	CHECK(!ak_rule_equal(R, cmd.len, (struct audit_rule_data *)b2, cmd2.len));
}

/* ---- rules files ------------------------------------------------------------- */

struct seen {
	unsigned n;
	char log[1024];
};

static int record(const struct ak_rule_action *a, void *data)
{
	struct seen *s = data;
	size_t have = strlen(s->log);

	if (a->err)
		snprintf(s->log + have, sizeof(s->log) - have, "%u:err(%s@%zu) ", a->line, a->diag.msg,
			 a->diag.pos);
	else
		snprintf(s->log + have, sizeof(s->log) - have, "%u:%d%s ", a->line, a->cmd->kind,
			 a->rule ? "+rule" : "");
	s->n++;
	return AK_CB_OK;
}

static void test_file(void)
{
	static const char text[] =
		"## comment\n"
		"\n"
		"-D\n"
		"   \n"
		"-b 8192\n"
		"--backlog_wait_time 60000\n"
		"-f 1\n"
		"-i\n"
		"-a always,exit -F arch=b64 -S openat -k open\n"
		"-a always,exit -F fo=1\n"
		"-w /etc/passwd -p wa -k identity\n"
		"-R other.rules\n"
		"-e 2"; /* no newline at the end */
	struct seen s = { 0 };
	int rc = ak_rule_parse_file(text, sizeof(text) - 1, AK_SPLIT_AUDITCTL, &x86, buf, sizeof(buf),
				    record, &s);

	CHECK_INT(rc, 10);
	CHECK_STR(s.log, "3:3 5:9 6:10 7:7 8:13 9:1+rule 10:err(unknown field@18) 11:1+rule "
			 "12:err(nested rule files not supported@0) 13:6 ");
}

static int stop_at_two(const struct ak_rule_action *a, void *data)
{
	(void)a;
	return ++*(int *)data == 2 ? AK_CB_STOP : AK_CB_OK;
}

static int fail_cb(const struct ak_rule_action *a, void *data)
{
	(void)a;
	(void)data;
	return -EIO;
}

static void test_file_stop(void)
{
	static const char text[] = "-D\n-D\n-D\n";
	int n = 0;

	CHECK_INT(ak_rule_parse_file(text, sizeof(text) - 1, AK_SPLIT_AUDITCTL, &x86, buf, sizeof(buf),
				     stop_at_two, &n), 2);
	CHECK_INT(n, 2);
	CHECK_INT(ak_rule_parse_file(text, sizeof(text) - 1, AK_SPLIT_AUDITCTL, &x86, buf, sizeof(buf),
				     fail_cb, NULL), -EIO);
}

static void test_names(void)
{
	CHECK_STR(ak_rule_field_name(AUDIT_LOGINUID), "auid");
	CHECK_INT(ak_rule_field_number("loginuid", 8), AUDIT_LOGINUID);
	CHECK_INT(ak_rule_field_number("saddr_fam", 9), AUDIT_SADDR_FAM);
	CHECK_INT(ak_rule_field_number("nope", 4), -ENOENT);
	CHECK_STR(ak_rule_list_name(AUDIT_FILTER_EXIT | AUDIT_FILTER_PREPEND), "exit");
	CHECK_STR(ak_rule_op_symbol(AUDIT_BIT_TEST), "&=");
	CHECK(ak_rule_list_name(0x77) == NULL);
}

static const struct ak_test tests[] = {
	TEST(test_rejected),
	TEST(test_rejected_limits),
	TEST(test_syscall_rule),
	TEST(test_arches),
	TEST(test_values),
	TEST(test_lists_and_actions),
	TEST(test_watches),
	TEST(test_controls),
	TEST(test_argv),
	TEST(test_format),
	TEST(test_format_odd_blobs),
	TEST(test_equal_and_keys),
	TEST(test_file),
	TEST(test_file_stop),
	TEST(test_names),
};

AK_TEST_MAIN(tests)
