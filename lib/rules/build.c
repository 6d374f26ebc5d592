// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * Building struct audit_rule_data one auditctl option at a time: the rules
 * of libaudit's audit_rule_fieldpair_data(), audit_rule_interfield_comp_data(),
 * the syscall and watch helpers, as auditctl 3.0.9 applies them.  Numbers go
 * through strtoul/strtol with base 0 and are cut to 32 bits, as there.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <auditkit/tables.h>

#include "rules/build.h"

#define PATH_MAX_ 4096
#define NAME_MAX_ 255
/* glibc's AF_MAX, which libaudit checks saddr_fam against. */
#define AF_MAX_ 46

int ak__rb_fail(struct ak__rb *b, size_t pos, size_t len, const char *msg, int err)
{
	if (b->d) {
		b->d->pos = pos;
		b->d->len = len;
		b->d->msg = msg;
	}
	return err;
}

static bool digit(char c)
{
	return isdigit((unsigned char)c);
}

/* strtoul/strtol, base 0, the result cut to 32 bits (as libaudit stores it). */
static uint32_t num_u(const char *s)
{
	return (uint32_t)strtoul(s, NULL, 0);
}

static uint32_t num_s(const char *s)
{
	return (uint32_t)strtol(s, NULL, 0);
}

/* Append @n bytes of string value to buf; values[i] is the length. */
static int put_string(struct ak__rb *b, const char *s, size_t n)
{
	struct audit_rule_data *r = b->r;

	if (sizeof(*r) + r->buflen + n > b->cap)
		return -ERANGE;
	memcpy(r->buf + r->buflen, s, n);
	r->values[r->field_count] = (uint32_t)n;
	r->buflen += (uint32_t)n;
	return 0;
}

struct op {
	const char *sym;
	uint32_t op;
};

/* libaudit looks for the two-character operators first, each anywhere. */
static const struct op field_ops[] = {
	{ "!=", AUDIT_NOT_EQUAL }, { ">=", AUDIT_GREATER_THAN_OR_EQUAL },
	{ "<=", AUDIT_LESS_THAN_OR_EQUAL }, { "&=", AUDIT_BIT_TEST },
	{ "=", AUDIT_EQUAL }, { ">", AUDIT_GREATER_THAN },
	{ "<", AUDIT_LESS_THAN }, { "&", AUDIT_BIT_MASK },
};

/* Split "name OP value": returns the op, *name_len and *val. */
static int split_pair(const char *s, const struct op *ops, size_t nops, size_t *name_len,
		      const char **val)
{
	for (size_t i = 0; i < nops; i++) {
		const char *p = strstr(s, ops[i].sym);

		if (p) {
			*name_len = (size_t)(p - s);
			*val = p + strlen(ops[i].sym);
			return (int)ops[i].op;
		}
	}
	return -1;
}

static bool exclude_allowed(int field)
{
	switch (field) {
	case AUDIT_PID:
	case AUDIT_UID:
	case AUDIT_GID:
	case AUDIT_LOGINUID:
	case AUDIT_MSGTYPE:
	case AUDIT_SUBJ_USER:
	case AUDIT_SUBJ_ROLE:
	case AUDIT_SUBJ_TYPE:
	case AUDIT_SUBJ_SEN:
	case AUDIT_SUBJ_CLR:
	case AUDIT_EXE:
		return true;
	}
	return false;
}

/* The arch value: b64/b32 relative to the machine, a machine name, or an
 * AUDIT_ARCH_* number.  0 when auditctl finds no mapping. */
static uint32_t parse_arch(const struct ak__rb *b, const char *v)
{
	uint32_t a;

	if (digit(*v)) {
		errno = 0;
		a = num_u(v);
		return errno == 0 && ak__arch_known(a) ? a : 0;
	}
	if (strcasecmp(v, "b64") == 0)
		return (b->machine & __AUDIT_ARCH_64BIT) ? b->machine : 0;
	if (strcasecmp(v, "b32") == 0) {
		if (!(b->machine & __AUDIT_ARCH_64BIT))
			return b->machine;
		return ak__arch_compat32(b->machine);
	}
	a = ak__machine_arch(v);
	if (a)
		return a;
	/* libaudit's last try: the value as a hex AUDIT_ARCH_* number. */
	errno = 0;
	a = (uint32_t)strtoul(v, NULL, 16);
	return errno == 0 && ak__arch_known(a) ? a : 0;
}

static int parse_id(struct ak__rb *b, const char *v, size_t vpos, bool user, uint32_t *out)
{
	size_t vlen = strlen(v);
	int rc;

	if (digit(*v)) {
		*out = user ? num_u(v) : num_s(v);
		return 0;
	}
	if (user && vlen >= 2 && v[0] == '-' && digit(v[1])) {
		*out = num_s(v);
		return 0;
	}
	if (user && strcmp(v, "unset") == 0) {
		*out = 4294967295u;
		return 0;
	}
	if (user)
		rc = b->o->user ? b->o->user(v, out, b->o->data) : -ENOENT;
	else
		rc = b->o->group ? b->o->group(v, out, b->o->data) : -ENOENT;
	if (rc < 0)
		return ak__rb_fail(b, vpos, vlen, user ? "unknown user" : "unknown group",
				   -ENOENT);
	return 0;
}

static int parse_perm(const char *v, uint32_t *out)
{
	uint32_t val = 0;

	for (; *v; v++) {
		switch (tolower((unsigned char)*v)) {
		case 'r':
			val |= AUDIT_PERM_READ;
			break;
		case 'w':
			val |= AUDIT_PERM_WRITE;
			break;
		case 'x':
			val |= AUDIT_PERM_EXEC;
			break;
		case 'a':
			val |= AUDIT_PERM_ATTR;
			break;
		default:
			return -1;
		}
	}
	*out = val;
	return 0;
}

int ak__rb_field(struct ak__rb *b, const char *s, size_t pos, uint32_t flags)
{
	struct audit_rule_data *r = b->r;
	size_t nlen, vlen, vpos;
	const char *v;
	char name[32];
	int op, field;
	uint32_t *val;

	if (r->field_count >= AUDIT_MAX_FIELDS - 1)
		return ak__rb_fail(b, pos, strlen(s), "too many fields in rule", -ERANGE);
	op = split_pair(s, field_ops, sizeof(field_ops) / sizeof(field_ops[0]), &nlen, &v);
	if (op < 0)
		return ak__rb_fail(b, pos, strlen(s), "missing operator", -EINVAL);
	vpos = pos + (size_t)(v - s);
	vlen = strlen(v);
	if (nlen == 0)
		return ak__rb_fail(b, pos, strlen(s), "missing field name before operator",
				   -EINVAL);
	if (vlen == 0)
		return ak__rb_fail(b, pos, nlen, "missing value after operator", -EINVAL);
	if (nlen >= sizeof(name) || (memcpy(name, s, nlen), name[nlen] = 0,
				     (field = ak__field_id(name)) < 0))
		return ak__rb_fail(b, pos, nlen, "unknown field", -ENOENT);

#define FAIL_NAME(msg, err) ak__rb_fail(b, pos, nlen, msg, err)
#define FAIL_VALUE(msg, err) ak__rb_fail(b, vpos, vlen, msg, err)

	if (flags == AUDIT_FILTER_EXCLUDE && !exclude_allowed(field))
		return FAIL_NAME("field cannot be used with the exclude list "
				 "(only msgtype, pid, uid, gid, auid, subj_*, exe)", -EINVAL);

	val = &r->values[r->field_count];
	r->fields[r->field_count] = (uint32_t)field;
	r->fieldflags[r->field_count] = (uint32_t)op;

	switch (field) {
	case AUDIT_UID:
	case AUDIT_EUID:
	case AUDIT_SUID:
	case AUDIT_FSUID:
	case AUDIT_LOGINUID:
	case AUDIT_OBJ_UID:
		if (parse_id(b, v, vpos, true, val) < 0)
			return -ENOENT;
		break;
	case AUDIT_GID:
	case AUDIT_EGID:
	case AUDIT_SGID:
	case AUDIT_FSGID:
	case AUDIT_OBJ_GID:
		if (parse_id(b, v, vpos, false, val) < 0)
			return -ENOENT;
		break;
	case AUDIT_EXIT:
		if (flags != AUDIT_FILTER_EXIT)
			return FAIL_NAME("field can only be used with the exit list", -EINVAL);
		if (digit(*v) || (vlen >= 2 && v[0] == '-' && digit(v[1]))) {
			*val = num_s(v);
		} else {
			/* "-EACCES" -> -13, "EPERM" -> 1. */
			int neg = *v == '-';
			char up[32];
			size_t en = vlen - (size_t)neg;
			int e = -ENOENT;

			/* errno names ignoring case, as libaudit's table. */
			if (en < sizeof(up)) {
				for (size_t k = 0; k < en; k++)
					up[k] = (char)toupper((unsigned char)v[neg + k]);
				e = ak_errno_number(up, en);
			}

			if (e <= 0)
				return FAIL_VALUE("unknown errno", -ENOENT);
			*val = (uint32_t)(neg ? -e : e);
		}
		break;
	case AUDIT_MSGTYPE: {
		int t;

		if (flags != AUDIT_FILTER_EXCLUDE && flags != AUDIT_FILTER_USER)
			return FAIL_NAME("msgtype can only be used with the exclude or user list",
					 -EINVAL);
		if (digit(*v)) {
			*val = num_s(v);
			break;
		}
		t = ak_msgtype_number(v, vlen);
		if (t <= 0)
			return FAIL_VALUE("unknown message type", -ENOENT);
		*val = (uint32_t)t;
		break;
	}
	case AUDIT_OBJ_USER:
	case AUDIT_OBJ_ROLE:
	case AUDIT_OBJ_TYPE:
	case AUDIT_OBJ_LEV_LOW:
	case AUDIT_OBJ_LEV_HIGH:
	case AUDIT_WATCH:
	case AUDIT_DIR:
		if (flags != AUDIT_FILTER_EXIT)
			return FAIL_NAME("field can only be used with the exit list", -EINVAL);
		if (field == AUDIT_WATCH || field == AUDIT_DIR)
			b->perm_added = true;
		/* fallthrough */
	case AUDIT_SUBJ_USER:
	case AUDIT_SUBJ_ROLE:
	case AUDIT_SUBJ_TYPE:
	case AUDIT_SUBJ_SEN:
	case AUDIT_SUBJ_CLR:
	case AUDIT_FILTERKEY:
	case AUDIT_EXE:
		if (field == AUDIT_EXE) {
			if (op != AUDIT_NOT_EQUAL && op != AUDIT_EQUAL)
				return FAIL_NAME("field takes only = or !=", -EINVAL);
			b->exe_added = true;
		}
		if (field == AUDIT_FILTERKEY &&
		    !(b->syscall_added || b->perm_added || b->exe_added || b->fs_added))
			return FAIL_NAME("key needs a watch, syscall or exe path before it",
					 -EINVAL);
		if ((field == AUDIT_FILTERKEY && vlen > AUDIT_MAX_KEY_LEN) || vlen > PATH_MAX_)
			return FAIL_VALUE("string value too long", -ERANGE);
		if (put_string(b, v, vlen) < 0)
			return FAIL_VALUE("rule too large for the buffer", -ERANGE);
		break;
	case AUDIT_ARCH: {
		uint32_t a;

		if (b->syscall_added)
			return FAIL_NAME("arch must be before -S", -EINVAL);
		if (op != AUDIT_NOT_EQUAL && op != AUDIT_EQUAL)
			return FAIL_NAME("field takes only = or !=", -EINVAL);
		a = parse_arch(b, v);
		if (!a)
			return FAIL_VALUE("unknown machine type", -ENOENT);
		b->elf = a;
		*val = a;
		b->arch_added = true;
		break;
	}
	case AUDIT_PERM:
		if (flags != AUDIT_FILTER_EXIT)
			return FAIL_NAME("field can only be used with the exit list", -EINVAL);
		if (op != AUDIT_EQUAL)
			return FAIL_NAME("field takes only =", -EINVAL);
		if (vlen > 4)
			return FAIL_VALUE("string value too long", -ERANGE);
		if (parse_perm(v, val) < 0)
			return FAIL_VALUE("permission can only contain 'rwxa'", -EINVAL);
		break;
	case AUDIT_FILETYPE: {
		int t;

		if (flags != AUDIT_FILTER_EXIT)
			return FAIL_NAME("field can only be used with the exit list", -EINVAL);
		t = ak__filetype(v);
		if (t < 0)
			return FAIL_VALUE("unknown file type", -ENOENT);
		*val = (uint32_t)t;
		break;
	}
	case AUDIT_FSTYPE:
		if (flags != AUDIT_FILTER_FS)
			return FAIL_NAME("field is not valid for this list", -EINVAL);
		if (op != AUDIT_NOT_EQUAL && op != AUDIT_EQUAL)
			return FAIL_NAME("field takes only = or !=", -EINVAL);
		if (digit(*v))
			*val = num_u(v);
		else if (ak__fstype(v, val) < 0)
			return FAIL_VALUE("unknown file system type", -ENOENT);
		if (*val == 0xffffffffu)
			return FAIL_VALUE("unknown file system type", -ENOENT);
		b->fs_added = true;
		break;
	case AUDIT_ARG0:
	case AUDIT_ARG1:
	case AUDIT_ARG2:
	case AUDIT_ARG3:
		if (digit(*v))
			*val = num_u(v);
		else if (vlen >= 2 && v[0] == '-' && digit(v[1]))
			*val = num_s(v);
		else
			return FAIL_VALUE("value should be a number", -EINVAL);
		break;
	case AUDIT_SESSIONID:
		if (flags != AUDIT_FILTER_EXCLUDE && flags != AUDIT_FILTER_USER &&
		    flags != AUDIT_FILTER_EXIT)
			return FAIL_NAME("field must be used with the exclude, user or exit list",
					 -EINVAL);
		if (digit(*v))
			*val = num_u(v);
		else if (vlen >= 2 && v[0] == '-' && digit(v[1]))
			*val = num_s(v);
		else if (strcmp(v, "unset") == 0)
			*val = 4294967295u;
		else
			*val = 0; /* libaudit leaves anything else at 0 */
		break;
	case AUDIT_SADDR_FAM:
		*val = num_u(v); /* no digit check in libaudit: "abc" is 0 */
		if (*val >= AF_MAX_)
			return FAIL_VALUE("value is too large for field", -ERANGE);
		break;
	case AUDIT_DEVMAJOR:
	case AUDIT_DEVMINOR:
	case AUDIT_INODE:
	case AUDIT_SUCCESS:
		if (flags != AUDIT_FILTER_EXIT)
			return FAIL_NAME("field can only be used with the exit list", -EINVAL);
		/* fallthrough */
	default:
		if (field == AUDIT_INODE && op != AUDIT_NOT_EQUAL && op != AUDIT_EQUAL)
			return FAIL_NAME("field takes only = or !=", -EINVAL);
		if (field == AUDIT_PPID && flags != AUDIT_FILTER_EXIT)
			return FAIL_NAME("field can only be used with the exit list", -EINVAL);
		if (!digit(*v))
			return FAIL_VALUE("value should be a number", -EINVAL);
		*val = field == AUDIT_INODE ? num_u(v) : num_s(v);
		break;
	}
#undef FAIL_NAME
#undef FAIL_VALUE
	r->field_count++;
	return 0;
}

static const struct op cmp_ops[] = { { "!=", AUDIT_NOT_EQUAL }, { "=", AUDIT_EQUAL } };

int ak__rb_compare(struct ak__rb *b, const char *s, size_t pos, uint32_t flags)
{
	struct audit_rule_data *r = b->r;
	char n1[32], n2[32];
	size_t nlen, vlen;
	const char *v;
	int op, f1, f2, code;

	if (r->field_count >= AUDIT_MAX_FIELDS - 1)
		return ak__rb_fail(b, pos, strlen(s), "too many fields in rule", -ERANGE);
	op = split_pair(s, cmp_ops, 2, &nlen, &v);
	if (op < 0)
		return ak__rb_fail(b, pos, strlen(s), "comparison takes only = or !=", -EINVAL);
	vlen = strlen(v);
	if (nlen == 0)
		return ak__rb_fail(b, pos, strlen(s), "missing field name before operator",
				   -EINVAL);
	if (vlen == 0)
		return ak__rb_fail(b, pos, nlen, "missing field after operator", -EINVAL);
	if (nlen >= sizeof(n1) || (memcpy(n1, s, nlen), n1[nlen] = 0, (f1 = ak__field_id(n1)) < 0))
		return ak__rb_fail(b, pos, nlen, "unknown field", -ENOENT);
	if (vlen >= sizeof(n2) || (memcpy(n2, v, vlen), n2[vlen] = 0, (f2 = ak__field_id(n2)) < 0))
		return ak__rb_fail(b, pos + (size_t)(v - s), vlen, "unknown field", -ENOENT);
	if (flags != AUDIT_FILTER_EXIT)
		return ak__rb_fail(b, pos, nlen, "field can only be used with the exit list",
				   -EINVAL);
	code = f1 == f2 ? -1 : ak__compare_code(f1, f2);
	if (code < 0)
		return ak__rb_fail(b, pos, strlen(s), "incompatible comparison", -EINVAL);
	r->fields[r->field_count] = AUDIT_FIELD_COMPARE;
	r->fieldflags[r->field_count] = (uint32_t)op;
	r->values[r->field_count] = (uint32_t)code;
	r->field_count++;
	return 0;
}

void ak__rb_all_syscalls(struct ak__rb *b)
{
	for (int i = 0; i < AUDIT_BITMASK_SIZE; i++)
		b->r->mask[i] = ~0u;
}

/* One syscall name or number into @mask: 0, -1 unknown. */
static int one_syscall(uint32_t *mask, uint32_t arch, bool *all, const char *s, size_t n)
{
	char tmp[64];
	long nr;

	if (n == 3 && memcmp(s, "all", 3) == 0) {
		for (int i = 0; i < AUDIT_BITMASK_SIZE; i++)
			mask[i] = ~0u;
		if (all)
			*all = true;
		return 0;
	}
	/* libaudit matches syscall names ignoring case. */
	if (n >= sizeof(tmp))
		return -1;
	for (size_t i = 0; i < n; i++)
		tmp[i] = (char)tolower((unsigned char)s[i]);
	nr = ak_syscall_number(arch, tmp, n);
	if (nr < 0 && n && digit(*s)) {
		memcpy(tmp, s, n);
		tmp[n] = 0;
		nr = strtol(tmp, NULL, 0);
	}
	if (nr < 0 || nr / 32 > AUDIT_BITMASK_SIZE - 1)
		return -1;
	mask[AUDIT_WORD(nr)] |= AUDIT_BIT(nr);
	return 0;
}

int ak__rb_syscalls(struct ak__rb *b, const char *s, size_t pos)
{
	bool had_arch = b->elf != 0;
	uint32_t compat, tmp[AUDIT_BITMASK_SIZE];
	size_t i = 0, n = strlen(s);
	bool comma = strchr(s, ',') != NULL;

	if (!had_arch)
		b->elf = b->machine;
	while (i < n) {
		size_t j = i;

		while (j < n && s[j] != ',')
			j++;
		if (j > i && one_syscall(b->r->mask, b->elf, NULL, s + i, j - i) < 0) {
			/* auditctl names the one bad word in a list, else the whole value. */
			if (comma)
				return ak__rb_fail(b, pos + i, j - i, "unknown syscall", -ENOENT);
			return ak__rb_fail(b, pos, n, "unknown syscall", -ENOENT);
		}
		i = j + 1;
	}
	if (n == 0)
		return ak__rb_fail(b, pos, 0, "unknown syscall", -ENOENT);
	b->syscall_added = true;

	/* auditctl warns when the same -S means other syscalls on the 32-bit arch
	 * (it compares that against the whole mask so far). */
	if (!had_arch && b->add != AK__LIST_UNSET) {
		switch (b->elf) {
		case AUDIT_ARCH_X86_64:
			compat = AUDIT_ARCH_I386;
			break;
		case AUDIT_ARCH_PPC64:
			compat = AUDIT_ARCH_PPC;
			break;
		case AUDIT_ARCH_S390X:
			compat = AUDIT_ARCH_S390;
			break;
		default:
			compat = b->elf;
		}
		memset(tmp, 0, sizeof(tmp));
		for (i = 0; i < n;) {
			size_t j = i;

			while (j < n && s[j] != ',')
				j++;
			if (j > i)
				(void)one_syscall(tmp, compat, NULL, s + i, j - i);
			i = j + 1;
		}
		if (memcmp(tmp, b->r->mask, sizeof(tmp)) != 0)
			b->cmd->warnings |= AK_RULE_WARN_ARCH_MISMATCH;
	}
	return 0;
}

static size_t base_len(const char *path)
{
	size_t n = strlen(path), e;

	/* POSIX basename(): trailing slashes do not count. */
	while (n > 1 && path[n - 1] == '/')
		n--;
	e = n;
	while (n > 0 && path[n - 1] != '/')
		n--;
	return e - n;
}

int ak__rb_watch(struct ak__rb *b, const char *path, size_t pos)
{
	struct audit_rule_data *r = b->r;
	size_t len = strlen(path);
	uint32_t type = AUDIT_WATCH;
	char tmp[PATH_MAX_];

	if (len >= PATH_MAX_)
		return ak__rb_fail(b, pos, len, "the path passed for the watch is too big", -ERANGE);
	if (path[0] != '/')
		return ak__rb_fail(b, pos, len, "the path must start with '/'", -EINVAL);
	if (base_len(path) > NAME_MAX_)
		return ak__rb_fail(b, pos, len, "the base name of the path is too big", -ERANGE);
	if (strstr(path, ".."))
		b->cmd->warnings |= AK_RULE_WARN_RELATIVE_PATH;
	if (strchr(path, '*') || strchr(path, '?'))
		b->cmd->warnings |= AK_RULE_WARN_WILDCARD;
	if (len > 2 && path[len - 1] == '/')
		while (len > 1 && path[len - 1] == '/')
			len--;
	memcpy(tmp, path, len);
	tmp[len] = 0;
	if (b->o->is_dir && b->o->is_dir(tmp, b->o->data) == 1)
		type = AUDIT_DIR;
	if (r->field_count)
		return ak__rb_fail(b, pos, len, "rule is not empty", -EINVAL);
	if (sizeof(*r) + len > b->cap)
		return ak__rb_fail(b, pos, len, "rule too large for the buffer", -ERANGE);
	memset(r, 0, sizeof(*r));
	ak__rb_all_syscalls(b);
	r->field_count = 2;
	r->fields[0] = type;
	r->values[0] = (uint32_t)len;
	r->fieldflags[0] = AUDIT_EQUAL;
	r->buflen = (uint32_t)len;
	memcpy(r->buf, tmp, len);
	r->fields[1] = AUDIT_PERM;
	r->fieldflags[1] = AUDIT_EQUAL;
	r->values[1] = AUDIT_PERM_READ | AUDIT_PERM_WRITE | AUDIT_PERM_EXEC | AUDIT_PERM_ATTR;
	b->perm_added = true;
	return 0;
}

int ak__rb_perms(struct ak__rb *b, const char *s, size_t pos)
{
	struct audit_rule_data *r = b->r;
	size_t len = strlen(s);
	uint32_t val;
	bool done = false;

	if (len > 4)
		return ak__rb_fail(b, pos, len, "permission is too long", -EINVAL);
	for (size_t i = 0; i < len; i++)
		if (!strchr("rwxaRWXA", s[i]))
			return ak__rb_fail(b, pos + i, 1, "permission isn't supported", -EINVAL);
	(void)parse_perm(s, &val);
	if (r->field_count < 1)
		return ak__rb_fail(b, pos, len, "permissions need a watch before them", -EINVAL);
	for (uint32_t i = 0; i < r->field_count; i++)
		if (r->fields[i] == AUDIT_PERM) {
			r->values[i] = val;
			done = true;
		}
	if (!done) {
		if (r->field_count >= AUDIT_MAX_FIELDS - 1)
			return ak__rb_fail(b, pos, len, "too many fields in rule", -ERANGE);
		r->fields[r->field_count] = AUDIT_PERM;
		r->fieldflags[r->field_count] = AUDIT_EQUAL;
		r->values[r->field_count] = val;
		r->field_count++;
	}
	b->perm_added = true;
	return 0;
}
