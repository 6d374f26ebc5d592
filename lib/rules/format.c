// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * struct audit_rule_data back to the text auditctl -l prints, quirks and
 * all: the first string field of a watch starts the line without a space,
 * exe/path/dir/perm ignore their operator, an unknown comparison prints
 * nothing, and the arch of one rule names the syscalls of the next rule
 * that has none (AK_RULE_FMT_NO_CARRY turns that last one off).
 */
#include <errno.h>
#include <string.h>

#include <auditkit/tables.h>

#include "core/decimal.h"
#include "rules/rule-internal.h"

struct out {
	char *p;
	size_t cap, n;
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->n < o->cap) {
		size_t room = o->cap - o->n;

		memcpy(o->p + o->n, s, n < room ? n : room);
	}
	o->n += n;
}

static void puts_(struct out *o, const char *s)
{
	put(o, s ? s : "(null)", strlen(s ? s : "(null)"));
}

static void put_u(struct out *o, uint32_t v)
{
	char b[AK__U64_DIGITS];

	put(o, b, ak__utoa(b, v));
}

static void put_d(struct out *o, uint32_t v)
{
	if ((int32_t)v < 0) {
		put(o, "-", 1);
		put_u(o, (uint32_t)(-(int64_t)(int32_t)v));
		return;
	}
	put_u(o, v);
}

static void put_x(struct out *o, uint32_t v)
{
	static const char hex[] = "0123456789ABCDEF";
	char b[8];
	int i = sizeof(b);

	do {
		b[--i] = hex[v & 15];
		v >>= 4;
	} while (v);
	put(o, "0x", 2);
	put(o, b + i, sizeof(b) - (size_t)i);
}

/* A string value; shell-quoted in reparse mode when it needs it. */
static void put_str(struct out *o, const char *s, size_t n, bool quote)
{
	bool plain = n > 0;

	for (size_t i = 0; i < n && plain; i++)
		plain = strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			       "0123456789_./:@%+,=-", s[i]) != NULL && s[i];
	if (!quote || plain) {
		put(o, s, n);
		return;
	}
	put(o, "'", 1);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\'')
			put(o, "'\\''", 4);
		else
			put(o, s + i, 1);
	}
	put(o, "'", 1);
}

/* " -F name<op>" */
static void put_field(struct out *o, const char *name, uint32_t op)
{
	puts_(o, " -F ");
	puts_(o, name);
	puts_(o, ak__op_symbol(op));
}

/* " -F name<op>" then the value's name when it has one, else its number: unsigned
 * in the reparse form, signed as auditctl -l prints it. */
static void put_named(struct out *o, const char *name, uint32_t op, const char *t, uint32_t v,
		      int rp)
{
	put_field(o, name, op);
	if (t)
		puts_(o, t);
	else if (rp)
		put_u(o, v);
	else
		put_d(o, v);
}

static const char *action_name(uint32_t a)
{
	switch (a) {
	case AUDIT_NEVER:
		return "never";
	case AUDIT_POSSIBLE:
		return "possible";
	case AUDIT_ALWAYS:
		return "always";
	}
	return NULL;
}

static bool no_syscalls(uint32_t flags)
{
	uint32_t l = flags & AUDIT_FILTER_MASK;

	return l == AUDIT_FILTER_USER || l == AUDIT_FILTER_TASK || l == AUDIT_FILTER_EXCLUDE ||
	       l == AUDIT_FILTER_FS;
}

static bool all_syscalls(const struct audit_rule_data *r)
{
	for (int i = 0; i < AUDIT_BITMASK_SIZE - 1; i++)
		if (r->mask[i] != ~0u)
			return false;
	return true;
}

static bool is_watch(const struct audit_rule_data *r)
{
	bool perm = false;

	for (uint32_t i = 0; i < r->field_count; i++) {
		uint32_t f = r->fields[i] & ~AUDIT_OPERATORS;

		if (f == AUDIT_PERM)
			perm = true;
		if (f != AUDIT_PERM && f != AUDIT_FILTERKEY && f != AUDIT_DIR && f != AUDIT_WATCH)
			return false;
	}
	return perm && (no_syscalls(r->flags) || all_syscalls(r));
}

/* Check the rule's shape: header, buflen, string lengths. */
static int check(const struct audit_rule_data *r, size_t len)
{
	size_t off = 0;

	if (len < sizeof(*r) || r->field_count > AUDIT_MAX_FIELDS ||
	    r->buflen > len - sizeof(*r))
		return -EINVAL;
	for (uint32_t i = 0; i < r->field_count; i++)
		if (ak__field_is_string(r->fields[i] & ~AUDIT_OPERATORS)) {
			if (r->values[i] > r->buflen - off)
				return -EINVAL;
			off += r->values[i];
		}
	return 0;
}

static void put_syscalls(struct out *o, const struct audit_rule_data *r, uint32_t arch)
{
	bool first = true;

	if (no_syscalls(r->flags))
		return;
	if (all_syscalls(r)) {
		puts_(o, " -S all");
		return;
	}
	for (int i = 0; i < AUDIT_BITMASK_SIZE * 32; i++) {
		const char *name;

		if (!(r->mask[AUDIT_WORD(i)] & AUDIT_BIT(i)))
			continue;
		puts_(o, first ? " -S " : ",");
		first = false;
		name = ak__arch_known(arch) ? ak_syscall_name(arch, i) : NULL;
		if (name)
			puts_(o, name);
		else
			put_u(o, (uint32_t)i);
	}
}

static void put_key(struct out *o, const char *k, size_t n, bool watch, bool quote)
{
	size_t i = 0;

	/* auditctl: strtok on the 0x01 separator, so empty pieces vanish, and
	 * asprintf("%.*s") stops at a NUL.  Reparse mode keeps every piece,
	 * empty ones as '' (-k '' still adds a separator). */
	for (;;) {
		size_t j = i;

		while (j < n && k[j] != '\x01' && k[j])
			j++;
		if (j > i || (quote && (i > 0 || j < n))) {
			puts_(o, watch ? " -k " : " -F key=");
			put_str(o, k + i, j - i, quote);
		}
		if (j >= n || !k[j])
			break;
		i = j + 1;
	}
}

AK_EXPORT int ak_rule_format(const struct audit_rule_data *r, size_t len, struct ak_rule_fmt *st,
			     char *outbuf, size_t cap)
{
	struct ak_rule_fmt one = { 0 };
	struct out o = { outbuf, cap ? cap - 1 : 0, 0 };
	uint32_t machine;
	size_t boff = 0;
	bool watch, rp;

	if (check(r, len) < 0) {
		if (cap)
			outbuf[0] = 0;
		errno = EINVAL;
		return -EINVAL;
	}
	if (!st)
		st = &one;
	machine = st->arch ? st->arch : ak_rule_host_arch();
	rp = st->flags & AK_RULE_FMT_REPARSE;
	if (st->flags & (AK_RULE_FMT_NO_CARRY | AK_RULE_FMT_REPARSE))
		st->last_arch = 0;
	watch = !rp && is_watch(r);

	if (rp) {
		/* Fields in their own order (-F arch where it was), -S last. */
		puts_(&o, (r->flags & AUDIT_FILTER_PREPEND) ? "-A " : "-a ");
		puts_(&o, action_name(r->action));
		puts_(&o, ",");
		puts_(&o, ak_rule_list_name(r->flags & ~AUDIT_FILTER_PREPEND));
	} else if (!watch) {
		puts_(&o, "-a ");
		puts_(&o, action_name(r->action));
		puts_(&o, ",");
		puts_(&o, ak_rule_list_name(r->flags & ~AUDIT_FILTER_PREPEND));
		for (uint32_t i = 0; i < r->field_count; i++) {
			uint32_t v = r->values[i];

			if ((r->fields[i] & ~AUDIT_OPERATORS) != AUDIT_ARCH)
				continue;
			st->last_arch = v;
			puts_(&o, " -F arch");
			puts_(&o, ak__op_symbol(r->fieldflags[i] & AUDIT_OPERATORS));
			if (!ak__arch_known(v))
				put_x(&o, v);
			else if (st->flags & AK_RULE_FMT_INTERPRET)
				puts_(&o, ak__arch_machine_name(v) ? ak__arch_machine_name(v)
								   : ak_arch_name(v));
			else
				puts_(&o, (v & __AUDIT_ARCH_64BIT) ? "b64" : "b32");
		}
		put_syscalls(&o, r, st->last_arch ? st->last_arch : machine);
	}

	for (uint32_t i = 0; i < r->field_count; i++) {
		uint32_t f = r->fields[i] & ~AUDIT_OPERATORS;
		uint32_t op = r->fieldflags[i] & AUDIT_OPERATORS;
		uint32_t v = r->values[i];
		const char *name, *s = r->buf + boff;

		if (f == AUDIT_ARCH && rp) {
			/* The number: b64/b32 mean another arch on another machine. */
			st->last_arch = v;
			put_field(&o, "arch", op);
			put_x(&o, v);
			continue;
		}
		if (f == AUDIT_ARCH)
			continue;
		if (ak__field_is_string(f))
			boff += v;
		name = ak_rule_field_name(f);
		if (!name) {
			puts_(&o, " f");
			put_d(&o, r->fields[i]);
			puts_(&o, ak__op_symbol(op));
			put_d(&o, v);
			continue;
		}
		switch (f) {
		case AUDIT_MSGTYPE:
			put_named(&o, name, op, ak_msgtype_name(v), v, rp);
			break;
		case AUDIT_WATCH:
		case AUDIT_DIR:
		case AUDIT_EXE:
			if (watch)
				puts_(&o, "-w ");
			else if (rp)
				put_field(&o, name, op);
			else
				puts_(&o, f == AUDIT_WATCH ? " -F path="
							   : f == AUDIT_DIR ? " -F dir=" : " -F exe=");
			put_str(&o, s, v, rp);
			break;
		case AUDIT_FILTERKEY:
			if (rp && (i + 1 < r->field_count || op != AUDIT_EQUAL)) {
				/* Not the key auditctl adds last: "Key" (names ignore
				 * case) is taken where it stands, "key=" would move. */
				put_field(&o, "Key", op);
				put_str(&o, s, v, rp);
				break;
			}
			put_key(&o, s, v, watch, rp);
			break;
		case AUDIT_PERM: {
			char p[5];
			size_t n = 0;

			if (v & AUDIT_PERM_READ)
				p[n++] = 'r';
			if (v & AUDIT_PERM_WRITE)
				p[n++] = 'w';
			if (v & AUDIT_PERM_EXEC)
				p[n++] = 'x';
			if (v & AUDIT_PERM_ATTR)
				p[n++] = 'a';
			if (rp)
				put_field(&o, name, op);
			else
				puts_(&o, watch ? " -p " : " -F perm=");
			put(&o, p, n);
			break;
		}
		case AUDIT_INODE:
			put_field(&o, name, op);
			put_u(&o, v);
			break;
		case AUDIT_FIELD_COMPARE: {
			const char *a, *b;

			/* -C takes only = and != and only on the exit list. */
			if (ak__compare_names(v, &a, &b) &&
			    (!rp || ((op == AUDIT_EQUAL || op == AUDIT_NOT_EQUAL) &&
				     (r->flags & AUDIT_FILTER_MASK) == AUDIT_FILTER_EXIT))) {
				puts_(&o, " -C ");
				puts_(&o, a);
				puts_(&o, ak__op_symbol(op));
				puts_(&o, b);
			} else if (rp) {
				/* auditctl -l prints nothing; -F field_compare=N reads back. */
				put_field(&o, name, op);
				put_u(&o, v);
			}
			break;
		}
		case AUDIT_ARG0:
		case AUDIT_ARG1:
		case AUDIT_ARG2:
		case AUDIT_ARG3:
			put_field(&o, name, op);
			put_x(&o, v);
			break;
		case AUDIT_EXIT: {
			int32_t e = (int32_t)v;
			const char *en = e < 0 && e != INT32_MIN ? ak_errno_name(-e) : NULL;

			put_field(&o, name, op);
			if (en) {
				puts_(&o, "-");
				puts_(&o, en);
			} else {
				put_d(&o, v);
			}
			break;
		}
		case AUDIT_FSTYPE:
			put_named(&o, name, op, ak__fstype_name(v), v, rp);
			break;
		case AUDIT_FILETYPE:
			put_named(&o, name, op, rp ? ak__filetype_name(v) : NULL, v, rp);
			break;
		default:
			put_field(&o, name, op);
			if (ak__field_is_string(f))
				put_str(&o, s, v, rp);
			else if (rp)
				put_u(&o, v); /* "-1" is no pid, nor a gid */
			else
				put_d(&o, v);
		}
	}
	/* -S last, -S all included: a key needs some -S or watch before it.
	 * An empty mask (auditctl takes "-S ,") is written so too. */
	if (rp) {
		bool none = !no_syscalls(r->flags);

		for (int i = 0; i < AUDIT_BITMASK_SIZE && none; i++)
			none = r->mask[i] == 0;
		if (none)
			puts_(&o, " -S ,");
		else
			put_syscalls(&o, r, st->last_arch ? st->last_arch : machine);
	}
	if (cap)
		outbuf[o.n < cap ? o.n : cap - 1] = 0;
	if (o.n >= cap) {
		errno = ERANGE;
		return -ERANGE;
	}
	return (int)o.n;
}

AK_EXPORT int ak_rule_key_match(const struct audit_rule_data *r, size_t len, const char *key)
{
	size_t boff = 0, klen = key ? strlen(key) : 0;

	if (!klen)
		return 1;
	if (check(r, len) < 0)
		return 0;
	for (uint32_t i = 0; i < r->field_count; i++) {
		uint32_t f = r->fields[i] & ~AUDIT_OPERATORS;

		if (f == AUDIT_FILTERKEY) {
			const char *s = r->buf + boff;
			size_t n = strnlen(s, r->values[i]);

			for (size_t j = 0; j + klen <= n; j++)
				if (memcmp(s + j, key, klen) == 0)
					return 1;
		}
		if (ak__field_is_string(f))
			boff += r->values[i];
	}
	return 0;
}

static void kernel_mask(const struct audit_rule_data *r, uint32_t *m)
{
	memcpy(m, r->mask, sizeof(r->mask));
	if (all_syscalls(r))
		m[AUDIT_BITMASK_SIZE - 1] &= 0x0000ffffu;
}

AK_EXPORT int ak_rule_equal(const struct audit_rule_data *a, size_t alen,
			    const struct audit_rule_data *b, size_t blen)
{
	uint32_t ma[AUDIT_BITMASK_SIZE], mb[AUDIT_BITMASK_SIZE];
	size_t n;

	if (check(a, alen) < 0 || check(b, blen) < 0)
		return 0;
	if ((a->flags & ~AUDIT_FILTER_PREPEND) != (b->flags & ~AUDIT_FILTER_PREPEND) ||
	    a->action != b->action || a->field_count != b->field_count || a->buflen != b->buflen)
		return 0;
	n = a->field_count * sizeof(uint32_t);
	if (memcmp(a->fields, b->fields, n) || memcmp(a->values, b->values, n) ||
	    memcmp(a->fieldflags, b->fieldflags, n) || memcmp(a->buf, b->buf, a->buflen))
		return 0;
	kernel_mask(a, ma);
	kernel_mask(b, mb);
	return memcmp(ma, mb, sizeof(ma)) == 0;
}
