/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AK_RULES_BUILD_H
#define AK_RULES_BUILD_H

#include "rules/rule-internal.h"

#define AK__KEY_SEP '\x01'

/*
 * The state auditctl keeps while it reads one command line (its globals
 * add, del, action, exclude, _audit_elf, _audit_*added and key), plus where
 * the rule is built and how to report an error.
 */
struct ak__rb {
	struct audit_rule_data *r;
	size_t cap;
	const struct ak_rule_opts *o;
	uint32_t machine; /* the host arch: what b64/b32 mean */
	struct ak_rule_cmd *cmd;
	struct ak_diag *d;

	uint32_t add, del; /* AK__LIST_UNSET or a list (| PREPEND for add) */
	int action;        /* -1 unset */
	bool exclude;
	int multiple;
	bool syscall_added, perm_added, arch_added, exe_added, fs_added;
	uint32_t elf;      /* the rule's arch: from -F arch, or the first -S */
	char key[AUDIT_MAX_KEY_LEN + 1];
	size_t key_pos;    /* where the key came from, for errors */
};

/* Record an error at @pos/@len (offsets in the joined words) and return @err. */
int ak__rb_fail(struct ak__rb *b, size_t pos, size_t len, const char *msg, int err);

/* -F NAME OP VALUE on list @flags; @s is NUL-terminated, @pos its offset. */
int ak__rb_field(struct ak__rb *b, const char *s, size_t pos, uint32_t flags);
/* -C NAME OP NAME. */
int ak__rb_compare(struct ak__rb *b, const char *s, size_t pos, uint32_t flags);
/* -S LIST: names, numbers, "all", comma separated. */
int ak__rb_syscalls(struct ak__rb *b, const char *s, size_t pos);
/* Every syscall (what auditctl adds when a rule names none). */
void ak__rb_all_syscalls(struct ak__rb *b);
/* -w / -W PATH: the rule becomes a watch (path or dir, perm rwxa). */
int ak__rb_watch(struct ak__rb *b, const char *path, size_t pos);
/* -p PERMS. */
int ak__rb_perms(struct ak__rb *b, const char *s, size_t pos);

#endif
