// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * audit rules: auditctl's rule letters, over auditkit's rule compiler.
 *
 *	audit rules -l [-k KEY]            list, exactly as auditctl -l prints
 *	audit rules -D [-k KEY]            delete all (matching) rules
 *	audit rules -R FILE                load a rules file (auditctl -R)
 *	audit rules -a always,exit -F arch=b64 -S openat -F exit=-EACCES -k access
 *	audit rules -check FILE            validate a file: no root, no kernel
 *	audit rules -diff FILE             rules the kernel has and the file lacks, and back
 *
 * Our own flags come first: -check FILE, -diff FILE, -shell (split file lines
 * as a shell would, quotes included; auditctl splits on spaces only),
 * -arch NAME (the machine b64/b32 refer to, default this one), -kernel-fd N.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit.h"

struct ropts {
	const char *check, *diff, *kernel_fd, *file;
	enum ak_rule_split split;
	struct ak_rule_opts ro;
	struct ak_nl *nl;
	const char *prog;
	bool ignore, cont; /* -i, -c seen in a file */
	int cont_failed;
};

/* One blob per rule, for -D -k and -diff. */
struct blobs {
	size_t n, cap;
	struct blob {
		size_t len;
		struct audit_rule_data *r;
	} *v;
};

static _Alignas(struct audit_rule_data) unsigned char rulebuf[AK_RULE_MAX_SIZE];

static void blobs_free(struct blobs *b)
{
	for (size_t i = 0; i < b->n; i++)
		free(b->v[i].r);
	free(b->v);
	memset(b, 0, sizeof(*b));
}

static int blobs_add(struct blobs *b, const struct audit_rule_data *r, size_t len)
{
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		struct blob *v = realloc(b->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		b->v = v;
		b->cap = cap;
	}
	b->v[b->n].r = malloc(len);
	if (!b->v[b->n].r)
		return -ENOMEM;
	memcpy(b->v[b->n].r, r, len);
	b->v[b->n].len = len;
	b->n++;
	return 0;
}

static int collect_cb(const struct audit_rule_data *r, size_t len, void *data)
{
	int rc = blobs_add(data, r, len);

	return rc < 0 ? rc : AK_CB_OK;
}

/* A file's whole contents (NUL-terminated); NULL with a message on failure. */
static char *slurp(const char *path, size_t *len)
{
	struct stat st;
	char *buf = NULL;
	size_t n = 0, cap = 0;
	ssize_t r;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		if (errno == ENOENT)
			fprintf(stderr, AUDIT_PROG " rules: audit rules file %s doesn't exist\n", path);
		else
			fprintf(stderr, AUDIT_PROG " rules: error opening %s (%s)\n", path,
				strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		fprintf(stderr, AUDIT_PROG " rules: %s is not a regular file\n", path);
		close(fd);
		return NULL;
	}
	for (;;) {
		if (n + 4096 + 1 > cap) {
			char *nb;

			cap = cap ? cap * 2 : 65536;
			nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				close(fd);
				fprintf(stderr, AUDIT_PROG " rules: out of memory\n");
				return NULL;
			}
			buf = nb;
		}
		r = read(fd, buf + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			fprintf(stderr, AUDIT_PROG " rules: error reading %s (%s)\n", path,
				strerror(errno));
			free(buf);
			close(fd);
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	buf[n] = 0;
	*len = n;
	return buf;
}

/* "msg 'word'" for a parse error; @text is what d.pos indexes. */
static void print_diag(const char *where, const char *text, size_t tlen, const struct ak_diag *d)
{
	size_t len = d->len;

	if (d->pos > tlen)
		len = 0;
	else if (d->pos + len > tlen)
		len = tlen - d->pos;
	fprintf(stderr, "%s:%zu: %s", where, d->pos + 1, d->msg ? d->msg : "error");
	if (len)
		fprintf(stderr, " '%.*s'", (int)len, text + d->pos);
	fputc('\n', stderr);
}

/* For a command line: "audit rules: msg 'word' (argument N)". */
static void print_argv_diag(const char *line, const struct ak_diag *d)
{
	size_t tlen = strlen(line), len = d->len, word = 1;

	for (size_t k = 0; k < d->pos && k < tlen; k++)
		word += line[k] == ' ';
	if (d->pos > tlen)
		len = 0;
	else if (d->pos + len > tlen)
		len = tlen - d->pos;
	fprintf(stderr, AUDIT_PROG " rules: %s", d->msg ? d->msg : "error");
	if (len)
		fprintf(stderr, " '%.*s'", (int)len, line + d->pos);
	fprintf(stderr, " (argument %zu)\n", word);
}

static void print_warnings(unsigned w, const char *where)
{
	if (w & AK_RULE_WARN_ARCH_MISMATCH)
		fprintf(stderr, "%sWARNING - 32/64 bit syscall mismatch, you should specify an arch\n",
			where);
	if (w & AK_RULE_WARN_RELATIVE_PATH)
		fprintf(stderr, "%sWarning - relative path notation is not supported\n", where);
	if (w & AK_RULE_WARN_WILDCARD)
		fprintf(stderr, "%sWarning - wildcard notation is not supported\n", where);
	if (w & AK_RULE_WARN_KEY_SEPARATOR)
		fprintf(stderr, "%sWarning - a key contains the 0x01 key separator\n", where);
}

static struct ak_nl *need_nl(struct ropts *o)
{
	if (!o->nl)
		o->nl = audit_open(o->kernel_fd, 0);
	return o->nl;
}

static int errno_fail(const char *what, int err)
{
	const char *name = ak_errno_name(-err);

	fprintf(stderr, AUDIT_PROG " rules: %s: %s (%s)\n", what, strerror(-err),
		name ? name : "?");
	return 1;
}

struct list_ctx {
	struct ak_rule_fmt fmt;
	const char *key;
	unsigned seen;
	char text[65536];
};

static int print_cb(const struct audit_rule_data *r, size_t len, void *data)
{
	struct list_ctx *c = data;

	c->seen++;
	if (!ak_rule_key_match(r, len, c->key))
		return AK_CB_OK;
	if (ak_rule_format(r, len, &c->fmt, c->text, sizeof(c->text)) < 0)
		fprintf(stdout, "%s (cut or malformed)\n", c->text);
	else
		fprintf(stdout, "%s\n", c->text);
	return AK_CB_OK;
}

static int do_list(struct ropts *o, const char *key, bool interpret)
{
	static char buf[AK_NL_BUF_SIZE];
	static struct list_ctx c;
	int rc;

	if (!need_nl(o))
		return 1;
	memset(&c.fmt, 0, sizeof(c.fmt));
	c.fmt.arch = o->ro.arch;
	c.fmt.flags = interpret ? AK_RULE_FMT_INTERPRET : 0;
	c.key = key;
	c.seen = 0;
	rc = ak_nl_list_rules(o->nl, buf, sizeof(buf), print_cb, &c);
	if (rc < 0)
		return errno_fail("error receiving rules list", rc);
	if (c.seen == 0)
		printf("No rules\n");
	fflush(stdout);
	return 0;
}

static int do_delete_all(struct ropts *o, const char *key)
{
	static char buf[AK_NL_BUF_SIZE];
	struct blobs b = { 0 };
	int rc;

	if (!need_nl(o))
		return 1;
	if (!key[0]) {
		rc = ak_nl_del_all_rules(o->nl, buf, sizeof(buf));
		if (rc < 0)
			return errno_fail("error deleting rules", rc);
	} else {
		rc = ak_nl_list_rules(o->nl, buf, sizeof(buf), collect_cb, &b);
		if (rc < 0) {
			blobs_free(&b);
			return errno_fail("error receiving rules list", rc);
		}
		for (size_t i = 0; i < b.n; i++) {
			if (!ak_rule_key_match(b.v[i].r, b.v[i].len, key))
				continue;
			rc = ak_nl_del_rule(o->nl, b.v[i].r, b.v[i].len);
			if (rc < 0) {
				blobs_free(&b);
				return errno_fail("error deleting rule", rc);
			}
		}
		blobs_free(&b);
	}
	/* auditctl -D lists what is left afterwards. */
	return do_list(o, key, false);
}

static const char *enabled_name(uint32_t e)
{
	return e == 0 ? "disable" : e == 1 ? "enabled" : e == 2 ? "enabled+immutable" : "unknown";
}

static const char *failure_name(uint32_t f)
{
	return f == 0 ? "silent" : f == 1 ? "printk" : f == 2 ? "panic" : "unknown";
}

/* auditctl -s (and what it prints after -e -f -r -b --backlog_wait_time). */
static int do_status(struct ropts *o, bool interpret, bool features)
{
	struct audit_status st;
	struct audit_features f;
	int rc;

	if (!need_nl(o))
		return 1;
	rc = ak_nl_get_status(o->nl, &st);
	if (rc < 0)
		return errno_fail("error getting status", rc);
	if (interpret)
		printf("enabled %s\nfailure %s\n", enabled_name(st.enabled), failure_name(st.failure));
	else
		printf("enabled %u\nfailure %u\n", st.enabled, st.failure);
	printf("pid %u\nrate_limit %u\nbacklog_limit %u\nlost %u\nbacklog %u\n"
	       "backlog_wait_time %u\nbacklog_wait_time_actual %u\n",
	       st.pid, st.rate_limit, st.backlog_limit, st.lost, st.backlog, st.backlog_wait_time,
	       st.backlog_wait_time_actual);
	if (features && ak_nl_get_features(o->nl, &f) >= 0) {
		uint32_t m = AUDIT_FEATURE_TO_MASK(AUDIT_FEATURE_LOGINUID_IMMUTABLE);

		if (f.mask & m)
			printf("loginuid_immutable %u %s\n", !!(f.features & m),
			       (f.lock & m) ? "locked" : "unlocked");
	}
	fflush(stdout);
	return 0;
}

/* Carry out one parsed command.  Returns 0 or 1. */
static int run_cmd(struct ropts *o, const struct ak_rule_cmd *cmd, const struct audit_rule_data *r)
{
	int rc = 0;

	switch (cmd->kind) {
	case AK_CMD_NONE:
	case AK_CMD_READ_FILE:
		return 0;
	case AK_CMD_IGNORE_ERRORS:
		o->ignore = true;
		return 0;
	case AK_CMD_CONTINUE_ERRORS:
		o->ignore = o->cont = true;
		return 0;
	case AK_CMD_LIST:
		return do_list(o, cmd->arg, cmd->flags & AK_RULE_CMD_INTERPRET);
	case AK_CMD_DELETE_ALL:
		return do_delete_all(o, cmd->arg);
	case AK_CMD_STATUS:
		return do_status(o, cmd->flags & AK_RULE_CMD_INTERPRET, true);
	default:
		break;
	}
	if (!need_nl(o))
		return 1;
	switch (cmd->kind) {
	case AK_CMD_ADD:
		rc = ak_nl_add_rule(o->nl, r, cmd->len);
		if (rc < 0)
			return errno_fail(rc == -EEXIST ? "error sending add rule data request "
							  "(Rule exists)"
							: "error sending add rule data request",
					  rc);
		return 0;
	case AK_CMD_DELETE:
		rc = ak_nl_del_rule(o->nl, r, cmd->len);
		if (rc < 0)
			return errno_fail(rc == -ENOENT ? "error sending delete rule request "
							  "(No rule matches)"
							: "error sending delete rule data request",
					  rc);
		return 0;
	case AK_CMD_ENABLE:
		rc = cmd->value == 2 ? ak_nl_set_immutable(o->nl)
				     : ak_nl_set_enabled(o->nl, cmd->value);
		break;
	case AK_CMD_FAILURE:
		rc = ak_nl_set_failure(o->nl, cmd->value);
		break;
	case AK_CMD_RATE:
		rc = ak_nl_set_rate_limit(o->nl, cmd->value);
		break;
	case AK_CMD_BACKLOG:
		rc = ak_nl_set_backlog_limit(o->nl, cmd->value);
		break;
	case AK_CMD_BACKLOG_WAIT_TIME:
		rc = ak_nl_set_backlog_wait_time(o->nl, cmd->value);
		break;
	case AK_CMD_RESET_LOST:
		rc = ak_nl_reset_lost(o->nl);
		if (rc >= 0)
			fprintf(stderr, "lost: %d\n", rc);
		break;
	case AK_CMD_LOGINUID_IMMUTABLE:
		rc = ak_nl_set_feature(o->nl, AUDIT_FEATURE_LOGINUID_IMMUTABLE, 1, 1);
		break;
	default:
		break;
	}
	if (rc < 0)
		return errno_fail("request failed", rc);
	/* auditctl prints the status after -e -f -r -b --backlog_wait_time. */
	if (cmd->kind != AK_CMD_RESET_LOST && cmd->kind != AK_CMD_LOGINUID_IMMUTABLE)
		return do_status(o, false, false);
	return 0;
}

/* ---- -R FILE ------------------------------------------------------------- */

static int load_cb(const struct ak_rule_action *a, void *data)
{
	struct ropts *o = data;
	char where[4200];
	int rc;

	snprintf(where, sizeof(where), "%s:%u", o->file, a->line);
	if (a->err) {
		print_diag(where, a->text, a->text_len, &a->diag);
		rc = 1;
	} else {
		if (a->cmd->warnings) {
			char pre[4300];

			snprintf(pre, sizeof(pre), "%s: ", where);
			print_warnings(a->cmd->warnings, pre);
		}
		rc = run_cmd(o, a->cmd, a->rule);
	}
	if (rc) {
		fprintf(stderr, "There was an error in line %u of %s\n", a->line, o->file);
		if (!o->ignore)
			return -ECANCELED;
		if (o->cont)
			o->cont_failed = 1;
	}
	return AK_CB_OK;
}

static int load_file(struct ropts *o, const char *path)
{
	size_t len;
	char *text = slurp(path, &len);
	int rc;

	if (!text)
		return 1;
	o->file = path;
	rc = ak_rule_parse_file(text, len, o->split, &o->ro, rulebuf, sizeof(rulebuf), load_cb, o);
	free(text);
	if (rc < 0)
		return 1;
	return o->cont_failed ? 1 : 0;
}

/* ---- -check FILE ------------------------------------------------------------ */

struct check_ctx {
	const char *file;
	unsigned rules, errors;
};

static int check_cb(const struct ak_rule_action *a, void *data)
{
	struct check_ctx *c = data;
	char where[4200];

	snprintf(where, sizeof(where), "%s:%u", c->file, a->line);
	if (a->err) {
		print_diag(where, a->text, a->text_len, &a->diag);
		c->errors++;
		return AK_CB_OK;
	}
	if (a->cmd->warnings) {
		char pre[4300];

		snprintf(pre, sizeof(pre), "%s: ", where);
		print_warnings(a->cmd->warnings, pre);
	}
	if (a->rule)
		c->rules++;
	return AK_CB_OK;
}

static int do_check(struct ropts *o)
{
	struct check_ctx c = { o->check, 0, 0 };
	size_t len;
	char *text = slurp(o->check, &len);
	int rc;

	if (!text)
		return 1;
	rc = ak_rule_parse_file(text, len, o->split, &o->ro, rulebuf, sizeof(rulebuf), check_cb,
				&c);
	free(text);
	if (rc < 0)
		return 1;
	printf("%s: %u rules, %u errors\n", o->check, c.rules, c.errors);
	return c.errors ? 1 : 0;
}

/* ---- -diff FILE -------------------------------------------------------------- */

/* The rules a file leaves loaded: adds, minus deletes, reset by -D. */
static int diff_cb(const struct ak_rule_action *a, void *data)
{
	struct blobs *want = data;
	char where[64];

	if (a->err) {
		snprintf(where, sizeof(where), "line %u", a->line);
		print_diag(where, a->text, a->text_len, &a->diag);
		return -EINVAL;
	}
	if (a->cmd->kind == AK_CMD_DELETE_ALL && !a->cmd->arg[0]) {
		blobs_free(want);
	} else if (a->cmd->kind == AK_CMD_ADD) {
		for (size_t i = 0; i < want->n; i++)
			if (ak_rule_equal(want->v[i].r, want->v[i].len, a->rule, a->cmd->len))
				return AK_CB_OK; /* the kernel would say EEXIST */
		return blobs_add(want, a->rule, a->cmd->len) < 0 ? -ENOMEM : AK_CB_OK;
	} else if (a->cmd->kind == AK_CMD_DELETE) {
		for (size_t i = 0; i < want->n; i++)
			if (ak_rule_equal(want->v[i].r, want->v[i].len, a->rule, a->cmd->len)) {
				free(want->v[i].r);
				memmove(&want->v[i], &want->v[i + 1],
					(want->n - i - 1) * sizeof(want->v[0]));
				want->n--;
				break;
			}
	}
	return AK_CB_OK;
}

static bool contains(const struct blobs *b, const struct blob *x)
{
	for (size_t i = 0; i < b->n; i++)
		if (ak_rule_equal(b->v[i].r, b->v[i].len, x->r, x->len))
			return true;
	return false;
}

static int do_diff(struct ropts *o)
{
	static char buf[AK_NL_BUF_SIZE];
	static char text[65536];
	struct blobs want = { 0 }, have = { 0 };
	struct ak_rule_fmt fmt = { .arch = o->ro.arch };
	unsigned differ = 0;
	size_t len;
	char *file = slurp(o->diff, &len);
	int rc;

	if (!file)
		return 1;
	o->ro.flags |= AK_RULE_KERNEL_FORM;
	rc = ak_rule_parse_file(file, len, o->split, &o->ro, rulebuf, sizeof(rulebuf), diff_cb,
				&want);
	free(file);
	if (rc < 0) {
		blobs_free(&want);
		fprintf(stderr, AUDIT_PROG " rules: %s does not parse\n", o->diff);
		return 1;
	}
	if (!need_nl(o)) {
		blobs_free(&want);
		return 1;
	}
	rc = ak_nl_list_rules(o->nl, buf, sizeof(buf), collect_cb, &have);
	if (rc < 0) {
		blobs_free(&want);
		blobs_free(&have);
		return errno_fail("error receiving rules list", rc);
	}
	for (size_t i = 0; i < have.n; i++) {
		(void)ak_rule_format(have.v[i].r, have.v[i].len, &fmt, text, sizeof(text));
		if (!contains(&want, &have.v[i])) {
			printf("- %s\n", text);
			differ++;
		}
	}
	fmt.last_arch = 0;
	for (size_t i = 0; i < want.n; i++) {
		(void)ak_rule_format(want.v[i].r, want.v[i].len, &fmt, text, sizeof(text));
		if (!contains(&have, &want.v[i])) {
			printf("+ %s\n", text);
			differ++;
		}
	}
	blobs_free(&want);
	blobs_free(&have);
	return differ ? 1 : 0;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: " AUDIT_PROG " rules [-check FILE | -diff FILE] [-shell] [-arch NAME]\n"
		"       " AUDIT_PROG " rules AUDITCTL-OPTIONS\n"
		"  -check FILE       validate FILE without root and without the kernel\n"
		"  -diff FILE        show rules the kernel has and FILE lacks (-) and back (+)\n"
		"  -shell            split file lines as a shell would (quotes); default: as auditctl\n"
		"  -arch NAME        machine for b64/b32 and syscall names (default: this one)\n"
		"  -kernel-fd N      testing: use inherited fd N as the kernel\n"
		"auditctl's options:\n"
		"  -l [-k KEY]       list rules as auditctl -l prints them\n"
		"  -D [-k KEY]       delete all rules (with KEY)\n"
		"  -R FILE           load a rules file\n"
		"  -a/-A/-d L,A      append, prepend or delete the rule described after it\n"
		"  -S SYSCALL        syscall names or numbers, comma separated, or all\n"
		"  -F FIELD=VALUE    a field comparison (=, !=, <, >, <=, >=, &, &=)\n"
		"  -C FIELD=FIELD    compare two fields (=, !=)\n"
		"  -k KEY            the rule's key\n"
		"  -w/-W PATH        add or delete a watch\n"
		"  -p PERMS          watch permissions: r w x a\n"
		"  -i/-c             in a file: go on after errors (-c: fail at the end)\n"
		"  -e/-f/-r/-b N     enabled, failure mode, rate limit, backlog limit\n"
		"  --backlog_wait_time N, --reset-lost, --loginuid-immutable, -s\n"
		"  -m TEXT           send a user message, as auditctl -m does\n"
		"  -t                trim tree watches (as " AUDIT_PROG " trim)\n"
		"  -q MOUNT,SUBTREE  make SUBTREE share MOUNT's tree watches (as " AUDIT_PROG " equiv)\n"
		"  -v                print the version\n");
}

int audit_cmd_rules(int argc, char **argv)
{
	static struct ropts o;
	struct ak_rule_cmd cmd;
	struct ak_diag d;
	int i = 1, rc;

	memset(&o, 0, sizeof(o));
	o.split = AK_SPLIT_AUDITCTL;
	o.ro.sz = sizeof(o.ro);
	o.ro.user = ak_rule_sys_user;
	o.ro.group = ak_rule_sys_group;
	o.ro.is_dir = ak_rule_sys_is_dir;

	for (; i < argc; i++) {
		const char *a = argv[i], *eq;
		const char **dst = NULL;

		if (strcmp(a, "-h") == 0 && argc == 2) {
			usage(stdout);
			return 0;
		}
		if (a[0] != '-' || a[1] == 0 || a[2] == 0)
			break; /* auditctl's single letters from here on */
		if (a[1] == '-' && a[2] == '-')
			break;
		a += a[1] == '-' ? 2 : 1;
		eq = strchr(a, '=');
#define IS(name) (strncmp(a, name, strlen(name)) == 0 && (a[strlen(name)] == 0 || a[strlen(name)] == '='))
		if (IS("check"))
			dst = &o.check;
		else if (IS("diff"))
			dst = &o.diff;
		else if (IS("kernel-fd"))
			dst = &o.kernel_fd;
		else if (IS("arch")) {
			const char *v = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);

			if (!v || ak_arch_number(v, strlen(v), &o.ro.arch) < 0) {
				fprintf(stderr, AUDIT_PROG " rules: unknown arch \"%s\"\n", v ? v : "");
				return 2;
			}
			continue;
		} else if (IS("shell")) {
			o.split = AK_SPLIT_SHELL;
			continue;
		} else if (IS("help") || IS("h")) {
			usage(stdout);
			return 0;
		} else {
			break; /* e.g. --backlog_wait_time: auditctl's */
		}
#undef IS
		if (eq) {
			*dst = eq + 1;
		} else if (i + 1 < argc) {
			*dst = argv[++i];
		} else {
			fprintf(stderr, AUDIT_PROG " rules: %s needs a value\n", argv[i]);
			return 2;
		}
	}
	if (o.check && o.diff) {
		fprintf(stderr, AUDIT_PROG " rules: -check and -diff do not go together\n");
		return 2;
	}
	if (o.check || o.diff) {
		if (i < argc) {
			fprintf(stderr, AUDIT_PROG " rules: unexpected \"%s\"\n", argv[i]);
			return 2;
		}
		rc = o.check ? do_check(&o) : do_diff(&o);
		goto out;
	}
	if (i >= argc) {
		usage(stderr);
		return 2;
	}
	rc = audit_auditctl_misc(argc - i, argv + i, o.kernel_fd); /* -m -t -q -v */
	if (rc >= 0)
		return rc;
	rc = ak_rule_parse_argv(argc - i, argv + i, &o.ro, &cmd, rulebuf, sizeof(rulebuf), &d);
	if (rc < 0) {
		/* Show the words joined, which is what d.pos indexes. */
		char line[AK_RULE_LINE_MAX + 1];
		size_t n = 0;

		for (int k = i; k < argc; k++) {
			size_t l = strlen(argv[k]);

			if (n + l + 1 >= sizeof(line))
				break;
			memcpy(line + n, argv[k], l);
			n += l;
			line[n++] = k + 1 < argc ? ' ' : 0;
		}
		line[n < sizeof(line) ? n : sizeof(line) - 1] = 0;
		print_argv_diag(line, &d);
		return 2;
	}
	print_warnings(cmd.warnings, "");
	if (cmd.kind == AK_CMD_READ_FILE)
		rc = load_file(&o, cmd.arg);
	else
		rc = run_cmd(&o, &cmd, (const struct audit_rule_data *)rulebuf);
out:
	if (o.nl)
		ak_nl_close(o.nl);
	return rc;
}
