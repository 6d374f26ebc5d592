/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AK_RULES_INTERNAL_H
#define AK_RULES_INTERNAL_H

#include <stdbool.h>
#include <auditkit/rule.h>

/* auditctl's "no list chosen yet" (AUDIT_FILTER_UNSET). */
#define AK__LIST_UNSET 0x80u
/* libaudit's AUDIT_FILTER_MASK: the list number in rule flags. */
#define AUDIT_FILTER_MASK 0x07u

/* Field name <-> id, auditctl's table (NUL-terminated name). */
int ak__field_id(const char *name);
/* List name ("exit", ...) -> AUDIT_FILTER_*, or -1. */
int ak__list_id(const char *name);
/* Machine name (uname -m style: "x86_64", "i686", "armv7l"...) -> AUDIT_ARCH_*, or 0. */
uint32_t ak__machine_arch(const char *name);
/* Is @arch one auditctl knows (has a machine for)? */
bool ak__arch_known(uint32_t arch);
/* The machine name auditctl -l -i prints for @arch, or NULL. */
const char *ak__arch_machine_name(uint32_t arch);
/* The 32-bit companion of a 64-bit arch (x86_64 -> i386), or 0. */
uint32_t ak__arch_compat32(uint32_t arch);
/* "file" -> S_IFREG ... or -1. */
int ak__filetype(const char *name);
const char *ak__filetype_name(uint32_t mode);
/* fstype name <-> magic ("debugfs", "tracefs"). */
int ak__fstype(const char *name, uint32_t *magic);
const char *ak__fstype_name(uint32_t magic);
/* -C: the AUDIT_COMPARE_* for two field ids, or -1 (incompatible). */
int ak__compare_code(int f1, int f2);
/* The two field names auditctl -l prints for AUDIT_COMPARE_* @code. */
bool ak__compare_names(uint32_t code, const char **a, const char **b);
/* Operators: AUDIT_EQUAL... <-> "=". */
const char *ak__op_symbol(uint32_t op);

/* Is field @f stored as a string in buf? (auditctl's and the kernel's rule) */
static inline bool ak__field_is_string(uint32_t f)
{
	return (f >= AUDIT_SUBJ_USER && f <= AUDIT_OBJ_LEV_HIGH && f != AUDIT_PPID) ||
	       f == AUDIT_WATCH || f == AUDIT_DIR || f == AUDIT_FILTERKEY || f == AUDIT_EXE;
}

/* Most words on one line (a rule has at most 64 fields: about 130 words). */
#define AK__MAX_WORDS 512

/* Split a line into NUL-terminated words in @scratch; @pos gets each word's
 * offset in @line.  Returns the word count, or a negative errno with @d set. */
int ak__split(const char *line, size_t len, enum ak_rule_split split, char *scratch,
	      size_t scap, char **words, size_t *pos, size_t max, struct ak_diag *d);

/* Set errno and return @err (negative) at the public boundary. */
int ak__rule_err(int err);

#endif
