// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * auditctl's command line, option by option (its setopt()): which options
 * combine, what each needs before it, and what the line finally asks for.
 * Options are read the way getopt_long reads "hicslDvtC:e:f:r:b:a:A:d:S:F:
 * m:R:w:W:k:p:q:": values attached (-Fuid=0) or in the next word, words that
 * are not options are an error at the end.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rules/build.h"

struct argv_ctx {
	int argc;
	char *const *argv;
	size_t *pos; /* offset of each word */
};

static int lookup_action(const char *s, int *act)
{
	if (strcmp(s, "always") == 0)
		*act = AUDIT_ALWAYS;
	else if (strcmp(s, "never") == 0)
		*act = AUDIT_NEVER;
	else if (strcmp(s, "possible") == 0)
		return 1;
	else
		return 2;
	return 0;
}

/*
 * "-a LIST,ACTION" in either order, as auditctl's audit_rule_setup(): the
 * first word is an action or a list; once the list is known (from the first
 * word, or from an earlier -w), the other word must be the action.
 * 0 ok, 1 deprecated ("possible"), 2 bad keyword, 3 a second -a/-A/-d.
 */
static int set_list(struct ak__rb *b, const char *name, uint32_t *list)
{
	int id = ak__list_id(name);

	if (id < 0)
		return 2;
	*list = (uint32_t)id;
	if (id == AUDIT_FILTER_EXCLUDE)
		b->exclude = true;
	return 0;
}

static int rule_setup(struct ak__rb *b, const char *opt, uint32_t *list)
{
	char first[32], second[32];
	const char *comma = strchr(opt, ',');
	int rc;

	if (++b->multiple != 1)
		return 3;
	if (!comma || strchr(comma + 1, ',') || (size_t)(comma - opt) >= sizeof(first) ||
	    strlen(comma + 1) >= sizeof(second))
		return 2;
	memcpy(first, opt, (size_t)(comma - opt));
	first[comma - opt] = 0;
	memcpy(second, comma + 1, strlen(comma + 1) + 1);

	if (lookup_action(first, &b->action) == 2 && set_list(b, first, list))
		return 2;
	if (*list == AK__LIST_UNSET) {
		if (set_list(b, second, list))
			return 2;
	} else {
		rc = lookup_action(second, &b->action);
		if (rc)
			return rc;
	}
	if (*list == AK__LIST_UNSET || b->action == -1)
		return 2;
	return 0;
}

static uint32_t cur_list(const struct ak__rb *b)
{
	if (b->add != AK__LIST_UNSET)
		return b->add & AUDIT_FILTER_MASK;
	if (b->del != AK__LIST_UNSET)
		return b->del & AUDIT_FILTER_MASK;
	return AK__LIST_UNSET;
}

static int add_key(struct ak__rb *b, const char *k, size_t pos)
{
	size_t have = strlen(b->key), n = strlen(k);

	if (n + have + (have != 0) > AUDIT_MAX_KEY_LEN)
		return ak__rb_fail(b, pos, n, "key option exceeds size limit", -ERANGE);
	if (strchr(k, AK__KEY_SEP))
		b->cmd->warnings |= AK_RULE_WARN_KEY_SEPARATOR;
	if (have)
		b->key[have++] = AK__KEY_SEP;
	memcpy(b->key + have, k, n + 1);
	if (!b->key_pos)
		b->key_pos = pos;
	return 0;
}

/* A number for -r/-b/--backlog_wait_time: starts with a digit, strtoul base 0. */
static int control_number(struct ak__rb *b, const char *v, size_t pos, const char *msg)
{
	unsigned long x;

	if (!isdigit((unsigned char)*v))
		return ak__rb_fail(b, pos, strlen(v), msg, -EINVAL);
	errno = 0;
	x = strtoul(v, NULL, 0);
	if (errno)
		return ak__rb_fail(b, pos, strlen(v), "error converting the number", -ERANGE);
	b->cmd->value = (uint32_t)x;
	return 0;
}

static int zero_one_two(struct ak__rb *b, const char *v, size_t pos, const char *msg)
{
	if (strcmp(v, "0") && strcmp(v, "1") && strcmp(v, "2"))
		return ak__rb_fail(b, pos, strlen(v), msg, -EINVAL);
	b->cmd->value = (uint32_t)(*v - '0');
	return 0;
}

static const struct {
	const char *name;
	int id;
	bool arg;
} long_opts[] = {
	{ "loginuid-immutable", 1, false },
	{ "backlog_wait_time", 2, true },
	{ "reset-lost", 3, false },
	{ "reset_backlog_wait_time_actual", 4, false },
	{ "signal", 5, true },
};

#define NLONG (sizeof(long_opts) / sizeof(long_opts[0]))

/* getopt_long: exact name, or a unique prefix. */
static int find_long(const char *s, size_t n)
{
	int hit = -1;

	for (size_t i = 0; i < NLONG; i++) {
		if (strlen(long_opts[i].name) == n && memcmp(long_opts[i].name, s, n) == 0)
			return (int)i;
		if (strlen(long_opts[i].name) > n && memcmp(long_opts[i].name, s, n) == 0)
			hit = hit == -1 ? (int)i : -2;
	}
	return hit;
}

/* The key of -D -k / -l -k, cut at AUDIT_MAX_KEY_LEN as auditctl does. */
static void set_arg(struct ak__rb *b, const char *k)
{
	size_t n = strlen(k);

	if (n > AUDIT_MAX_KEY_LEN)
		n = AUDIT_MAX_KEY_LEN;
	memcpy(b->cmd->arg, k, n);
	b->cmd->arg[n] = 0;
}

static bool is_option(const char *w)
{
	return w[0] == '-' && w[1] != 0;
}

/* Exclusive command kinds: a second one on the same line is refused. */
static int set_kind(struct ak__rb *b, enum ak_rule_cmd_kind k, size_t pos, size_t len)
{
	if (b->cmd->kind != AK_CMD_NONE && b->cmd->kind != k)
		return ak__rb_fail(b, pos, len, "only one control option per line", -EINVAL);
	b->cmd->kind = k;
	return 0;
}

static int parse_words(struct ak__rb *b, const struct argv_ctx *a)
{
	/* argc as auditctl counts it: with the program name. */
	int count = a->argc + 1;
	int stray = -1, rc = 0;
	bool stop = false;

	for (int i = 0; i < a->argc && !stop; i++) {
		const char *w = a->argv[i];
		size_t wpos = a->pos[i];

		if (!is_option(w) || strcmp(w, "--") == 0) {
			if (strcmp(w, "--") == 0) {
				if (i + 1 < a->argc && stray < 0)
					stray = i + 1;
				break;
			}
			if (stray < 0)
				stray = i;
			continue;
		}
		if (w[1] == '-') {
			const char *name = w + 2, *eq = strchr(name, '=');
			size_t nlen = eq ? (size_t)(eq - name) : strlen(name);
			int li = find_long(name, nlen);
			const char *v = NULL;
			size_t vpos = 0;

			if (li < 0)
				return ak__rb_fail(b, wpos, strlen(w), "invalid option", -EINVAL);
			if (long_opts[li].arg) {
				if (eq) {
					v = eq + 1;
					vpos = wpos + (size_t)(v - w);
				} else if (i + 1 < a->argc) {
					v = a->argv[++i];
					vpos = a->pos[i];
				} else {
					return ak__rb_fail(b, wpos, strlen(w), "option needs a value",
							   -EINVAL);
				}
			} else if (eq) {
				return ak__rb_fail(b, wpos, strlen(w), "option takes no value",
						   -EINVAL);
			}
			switch (long_opts[li].id) {
			case 1:
				rc = set_kind(b, AK_CMD_LOGINUID_IMMUTABLE, wpos, strlen(w));
				stop = true;
				break;
			case 2:
				rc = set_kind(b, AK_CMD_BACKLOG_WAIT_TIME, wpos, strlen(w));
				if (!rc)
					rc = control_number(b, v, vpos,
							    "backlog_wait_time must be a numeric value");
				break;
			case 3:
				rc = set_kind(b, AK_CMD_RESET_LOST, wpos, strlen(w));
				stop = true;
				break;
			default:
				return ak__rb_fail(b, wpos, strlen(w), "option not supported here",
						   -EINVAL);
			}
			if (rc)
				return rc;
			continue;
		}
		for (size_t k = 1; w[k] && !stop; k++) {
			char c = w[k];
			const char *v = NULL;
			size_t vpos = 0;

			if (strchr("CefrbaAdSFmRwWkpq", c)) {
				if (w[k + 1]) {
					v = w + k + 1;
					vpos = wpos + k + 1;
				} else if (i + 1 < a->argc) {
					v = a->argv[++i];
					vpos = a->pos[i];
				} else {
					return ak__rb_fail(b, wpos, strlen(w), "option needs a value",
							   -EINVAL);
				}
			} else if (!strchr("hicslDvt", c)) {
				return ak__rb_fail(b, wpos, strlen(w), "invalid option", -EINVAL);
			}
			switch (c) {
			case 'i':
			case 'c':
				rc = set_kind(b, c == 'i' ? AK_CMD_IGNORE_ERRORS : AK_CMD_CONTINUE_ERRORS,
					      wpos, strlen(w));
				stop = true;
				break;
			case 's':
				if (count > 3)
					return ak__rb_fail(b, wpos, strlen(w),
							   "too many options for status command", -EINVAL);
				if (count == 3) {
					if (i + 1 >= a->argc || strcmp(a->argv[i + 1], "-i"))
						return ak__rb_fail(b, wpos, strlen(w),
								   "only -i option is allowed", -EINVAL);
					b->cmd->flags |= AK_RULE_CMD_INTERPRET;
					i++;
				}
				rc = set_kind(b, AK_CMD_STATUS, wpos, strlen(w));
				stop = true;
				break;
			case 'l':
				if (count > 4)
					return ak__rb_fail(b, wpos, strlen(w),
							   "wrong number of options for list request",
							   -EINVAL);
				if (count == 3 || count == 4) {
					const char *nx = i + 1 < a->argc ? a->argv[i + 1] : "";

					if (count == 3 && strcmp(nx, "-i") == 0) {
						b->cmd->flags |= AK_RULE_CMD_INTERPRET;
						i++;
					} else if (count == 4 && strcmp(nx, "-k") == 0) {
						set_arg(b, a->argv[a->argc - 1]);
						i += 2;
					} else {
						return ak__rb_fail(b, wpos, strlen(w),
								   "only -k or -i options are allowed",
								   -EINVAL);
					}
				}
				rc = set_kind(b, AK_CMD_LIST, wpos, strlen(w));
				stop = true;
				break;
			case 'D':
				if (count > 4 || count == 3)
					return ak__rb_fail(b, wpos, strlen(w),
							   "wrong number of options for delete all request",
							   -EINVAL);
				if (count == 4) {
					/* auditctl looks at the word after -D (NULL here would
					 * crash it); ours must exist and be -k. */
					if (i + 1 >= a->argc)
						return ak__rb_fail(b, wpos, strlen(w),
								   "only the -k option is allowed", -EINVAL);
					if (strcmp(a->argv[i + 1], "-k"))
						return ak__rb_fail(b, a->pos[i + 1],
								   strlen(a->argv[i + 1]),
								   "only the -k option is allowed", -EINVAL);
					set_arg(b, a->argv[a->argc - 1]);
					i += 2;
				}
				rc = set_kind(b, AK_CMD_DELETE_ALL, wpos, strlen(w));
				stop = true;
				break;
			case 'e':
				rc = set_kind(b, AK_CMD_ENABLE, wpos, strlen(w));
				if (!rc)
					rc = zero_one_two(b, v, vpos, "enable must be 0, 1, or 2");
				break;
			case 'f':
				rc = set_kind(b, AK_CMD_FAILURE, wpos, strlen(w));
				if (!rc)
					rc = zero_one_two(b, v, vpos, "failure must be 0, 1, or 2");
				break;
			case 'r':
				rc = set_kind(b, AK_CMD_RATE, wpos, strlen(w));
				if (!rc)
					rc = control_number(b, v, vpos, "rate must be a numeric value");
				break;
			case 'b':
				rc = set_kind(b, AK_CMD_BACKLOG, wpos, strlen(w));
				if (!rc)
					rc = control_number(b, v, vpos,
							    "backlog must be a numeric value");
				break;
			case 'a':
			case 'A':
			case 'd': {
				uint32_t *list = c == 'd' ? &b->del : &b->add;
				int r;

				if (c != 'd' && strstr(v, "task") && b->syscall_added)
					return ak__rb_fail(b, vpos, strlen(v),
							   "syscall auditing requested for task list",
							   -EINVAL);
				r = rule_setup(b, v, list);
				if (r == 3)
					return ak__rb_fail(b, wpos, strlen(w),
							   "multiple rule insert/delete operations are not allowed",
							   -EINVAL);
				if (r == 2)
					return ak__rb_fail(b, vpos, strlen(v), "bad keyword", -EINVAL);
				if (r == 1) {
					/* auditctl: "possible is deprecated", and the line is a no-op. */
					b->cmd->kind = AK_CMD_NONE;
					return 1;
				}
				if (c == 'A')
					b->add |= AUDIT_FILTER_PREPEND;
				break;
			}
			case 'S': {
				uint32_t l = cur_list(b);

				if (l == AUDIT_FILTER_TASK)
					return ak__rb_fail(b, vpos, strlen(v),
							   "syscall auditing being added to task list",
							   -EINVAL);
				if (l == AUDIT_FILTER_USER)
					return ak__rb_fail(b, vpos, strlen(v),
							   "syscall auditing being added to user list",
							   -EINVAL);
				if (l == AUDIT_FILTER_FS)
					return ak__rb_fail(b, vpos, strlen(v),
							   "syscall auditing being added to filesystem list",
							   -EINVAL);
				if (b->exclude)
					return ak__rb_fail(b, vpos, strlen(v),
							   "syscall auditing cannot be put on exclude list",
							   -EINVAL);
				rc = ak__rb_syscalls(b, v, vpos);
				break;
			}
			case 'F': {
				uint32_t l = cur_list(b);

				if (l == AK__LIST_UNSET)
					return ak__rb_fail(b, vpos, strlen(v),
							   "list must be given before field", -EINVAL);
				if (strncmp(v, "key=", 4) == 0)
					rc = add_key(b, v + 4, vpos + 4);
				else
					rc = ak__rb_field(b, v, vpos, l);
				break;
			}
			case 'C':
				rc = ak__rb_compare(b, v, vpos, cur_list(b));
				break;
			case 'R':
				return ak__rb_fail(b, wpos, strlen(w),
						   "nested rule files not supported", -EINVAL);
			case 'w':
			case 'W':
				if (c == 'w' && (b->add != AK__LIST_UNSET || b->del != AK__LIST_UNSET))
					return ak__rb_fail(b, wpos, strlen(w),
							   "watch option can't be given with a syscall",
							   -EINVAL);
				if (c == 'w')
					b->add = AUDIT_FILTER_EXIT;
				else
					b->del = AUDIT_FILTER_EXIT;
				b->action = AUDIT_ALWAYS;
				b->syscall_added = true;
				rc = ak__rb_watch(b, v, vpos);
				break;
			case 'k':
				if (!(b->syscall_added || b->perm_added || b->exe_added || b->fs_added) ||
				    (b->add == AK__LIST_UNSET && b->del == AK__LIST_UNSET))
					return ak__rb_fail(b, wpos, strlen(w),
							   "key option needs a watch or syscall given prior to it",
							   -EINVAL);
				rc = add_key(b, v, vpos);
				break;
			case 'p':
				if (b->add == AK__LIST_UNSET && b->del == AK__LIST_UNSET)
					return ak__rb_fail(b, wpos, strlen(w),
							   "permission option needs a watch given prior to it",
							   -EINVAL);
				rc = ak__rb_perms(b, v, vpos);
				break;
			default: /* h v t m q */
				return ak__rb_fail(b, wpos, strlen(w), "option not supported here",
						   -EINVAL);
			}
			if (rc)
				return rc;
			if (v)
				break; /* the rest of the word was the value */
		}
		if (stop && i + 1 < a->argc && stray < 0)
			stray = i + 1;
	}
	if (stray >= 0)
		return ak__rb_fail(b, a->pos[stray], strlen(a->argv[stray]),
				   "parameter passed without an option given", -EINVAL);
	return 0;
}

static int finish(struct ak__rb *b)
{
	struct audit_rule_data *r = b->r;
	uint32_t list;

	if (b->key[0] && b->cmd->kind != AK_CMD_LIST) {
		char kv[4 + AUDIT_MAX_KEY_LEN + 1] = "key=";

		memcpy(kv + 4, b->key, strlen(b->key) + 1);
		/* The key goes last, through the same field rules (-F key= too). */
		if (ak__rb_field(b, kv, b->key_pos - 4, cur_list(b)) < 0) {
			if (b->d) {
				/* Point at the (first) key the user gave. */
				b->d->pos = b->key_pos;
				b->d->len = strcspn(b->key, "\x01");
			}
			return b->d && b->d->msg && strstr(b->d->msg, "too long") ? -ERANGE : -EINVAL;
		}
	}
	if (b->add == AK__LIST_UNSET && b->del == AK__LIST_UNSET) {
		if (b->syscall_added)
			return ak__rb_fail(b, 0, 0, "no list specified", -EINVAL);
		if (b->cmd->kind == AK_CMD_NONE && (r->field_count || b->key[0]))
			return ak__rb_fail(b, 0, 0, "no list specified", -EINVAL);
		return 0;
	}
	if (b->cmd->kind != AK_CMD_NONE)
		return ak__rb_fail(b, 0, 0, "only one control option per line", -EINVAL);
	list = b->add != AK__LIST_UNSET ? b->add : b->del;
	if ((list & AUDIT_FILTER_MASK) != AUDIT_FILTER_TASK && !b->syscall_added)
		ak__rb_all_syscalls(b);
	if ((b->o->flags & AK_RULE_KERNEL_FORM) && r->mask[AUDIT_BITMASK_SIZE - 1] == ~0u) {
		bool all = true;

		for (int i = 0; i < AUDIT_BITMASK_SIZE - 1; i++)
			all = all && r->mask[i] == ~0u;
		if (all)
			r->mask[AUDIT_BITMASK_SIZE - 1] = 0x0000ffffu;
	}
	r->flags = list;
	r->action = (uint32_t)b->action;
	b->cmd->kind = b->add != AK__LIST_UNSET ? AK_CMD_ADD : AK_CMD_DELETE;
	b->cmd->len = sizeof(*r) + r->buflen;
	return 0;
}

static int parse_core(int argc, char *const argv[], size_t *pos, const struct ak_rule_opts *o,
		      struct ak_rule_cmd *cmd, void *buf, size_t cap, struct ak_diag *d)
{
	static const struct ak_rule_opts defaults = { .sz = sizeof(defaults) };
	struct ak_rule_opts opts = defaults;
	struct argv_ctx a = { argc, argv, pos };
	struct ak__rb b;
	int rc;

	if (o)
		memcpy(&opts, o, o->sz < sizeof(opts) ? o->sz : sizeof(opts));
	memset(cmd, 0, sizeof(*cmd));
	if (d) {
		d->pos = 0;
		d->len = 0;
		d->msg = NULL;
	}
	if (argc == 0)
		return 0;
	if (!buf || cap < sizeof(struct audit_rule_data))
		return -ERANGE;
	memset(buf, 0, sizeof(struct audit_rule_data));
	memset(&b, 0, sizeof(b));
	b.r = buf;
	b.cap = cap;
	b.o = &opts;
	b.machine = opts.arch ? opts.arch : ak_rule_host_arch();
	b.cmd = cmd;
	b.d = d;
	b.add = b.del = AK__LIST_UNSET;
	b.action = -1;

	/* auditctl -R FILE is only recognised as the whole command line. */
	if (argc == 2 && strcmp(argv[0], "-R") == 0) {
		size_t n = strlen(argv[1]);

		if (n >= sizeof(cmd->arg))
			return ak__rb_fail(&b, pos[1], n, "file name too long", -ERANGE);
		memcpy(cmd->arg, argv[1], n + 1);
		cmd->kind = AK_CMD_READ_FILE;
		return 0;
	}
	if (!is_option(argv[0]))
		return ak__rb_fail(&b, pos[0], strlen(argv[0]),
				   "parameter passed without an option given", -EINVAL);
	rc = parse_words(&b, &a);
	if (rc == 1) /* deprecated no-op */
		return 0;
	if (rc < 0)
		return rc;
	return finish(&b);
}

AK_EXPORT int ak_rule_parse_argv(int argc, char *const argv[], const struct ak_rule_opts *o,
				 struct ak_rule_cmd *cmd, void *buf, size_t cap, struct ak_diag *d)
{
	size_t pos[AK__MAX_WORDS], off = 0;

	if (argc < 0 || argc > AK__MAX_WORDS) {
		if (d) {
			d->pos = 0;
			d->len = 0;
			d->msg = "too many words";
		}
		return ak__rule_err(-ERANGE);
	}
	for (int i = 0; i < argc; i++) {
		pos[i] = off;
		off += strlen(argv[i]) + 1;
	}
	return ak__rule_err(parse_core(argc, argv, pos, o, cmd, buf, cap, d));
}

AK_EXPORT int ak_rule_parse_line(const char *line, size_t len, enum ak_rule_split split,
				 const struct ak_rule_opts *o, struct ak_rule_cmd *cmd, void *buf,
				 size_t cap, struct ak_diag *d)
{
	char scratch[AK_RULE_LINE_MAX + 128];
	char *words[AK__MAX_WORDS];
	size_t pos[AK__MAX_WORDS];
	int n;

	if (len == SIZE_MAX) {
		len = strlen(line);
	} else {
		/* A NUL ends the line, as for auditctl's C strings. */
		const char *nul = memchr(line, 0, len);

		if (nul)
			len = (size_t)(nul - line);
	}
	memset(cmd, 0, sizeof(*cmd));
	if (d) {
		d->pos = 0;
		d->len = 0;
		d->msg = NULL;
	}
	if (len > AK_RULE_LINE_MAX) {
		if (d) {
			d->len = len;
			d->msg = "line too long";
		}
		return ak__rule_err(-ERANGE);
	}
	n = ak__split(line, len, split, scratch, sizeof(scratch), words, pos, AK__MAX_WORDS, d);
	if (n < 0)
		return ak__rule_err(n);
	return ak__rule_err(parse_core(n, words, pos, o, cmd, buf, cap, d));
}
