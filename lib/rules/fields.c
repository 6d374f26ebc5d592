// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * The name tables of auditctl's rule syntax: fields, lists, operators,
 * machines, file types, file system types and -C comparisons.  The names
 * and their order are auditctl 3.0.9's (first name wins when listing).
 */
#include <errno.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "rules/rule-internal.h"

struct ak__name {
	const char *name;
	uint32_t id;
};

static const struct ak__name fields[] = {
	{ "pid", AUDIT_PID },
	{ "uid", AUDIT_UID },
	{ "euid", AUDIT_EUID },
	{ "suid", AUDIT_SUID },
	{ "fsuid", AUDIT_FSUID },
	{ "gid", AUDIT_GID },
	{ "egid", AUDIT_EGID },
	{ "sgid", AUDIT_SGID },
	{ "fsgid", AUDIT_FSGID },
	{ "auid", AUDIT_LOGINUID },
	{ "loginuid", AUDIT_LOGINUID },
	{ "pers", AUDIT_PERS },
	{ "arch", AUDIT_ARCH },
	{ "msgtype", AUDIT_MSGTYPE },
	{ "subj_user", AUDIT_SUBJ_USER },
	{ "subj_role", AUDIT_SUBJ_ROLE },
	{ "subj_type", AUDIT_SUBJ_TYPE },
	{ "subj_sen", AUDIT_SUBJ_SEN },
	{ "subj_clr", AUDIT_SUBJ_CLR },
	{ "ppid", AUDIT_PPID },
	{ "obj_user", AUDIT_OBJ_USER },
	{ "obj_role", AUDIT_OBJ_ROLE },
	{ "obj_type", AUDIT_OBJ_TYPE },
	{ "obj_lev_low", AUDIT_OBJ_LEV_LOW },
	{ "obj_lev_high", AUDIT_OBJ_LEV_HIGH },
	{ "sessionid", AUDIT_SESSIONID },
	{ "devmajor", AUDIT_DEVMAJOR },
	{ "devminor", AUDIT_DEVMINOR },
	{ "inode", AUDIT_INODE },
	{ "exit", AUDIT_EXIT },
	{ "success", AUDIT_SUCCESS },
	{ "path", AUDIT_WATCH },
	{ "perm", AUDIT_PERM },
	{ "dir", AUDIT_DIR },
	{ "filetype", AUDIT_FILETYPE },
	{ "fstype", AUDIT_FSTYPE },
	{ "obj_uid", AUDIT_OBJ_UID },
	{ "obj_gid", AUDIT_OBJ_GID },
	{ "field_compare", AUDIT_FIELD_COMPARE },
	{ "saddr_fam", AUDIT_SADDR_FAM },
	{ "a0", AUDIT_ARG0 },
	{ "a1", AUDIT_ARG1 },
	{ "a2", AUDIT_ARG2 },
	{ "a3", AUDIT_ARG3 },
	{ "key", AUDIT_FILTERKEY },
	{ "exe", AUDIT_EXE },
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

int ak__field_id(const char *name)
{
	for (size_t i = 0; i < N(fields); i++)
		if (strcasecmp(fields[i].name, name) == 0)
			return (int)fields[i].id;
	return -1;
}

AK_EXPORT const char *ak_rule_field_name(uint32_t field)
{
	for (size_t i = 0; i < N(fields); i++)
		if (fields[i].id == field)
			return fields[i].name;
	return NULL;
}

AK_EXPORT int ak_rule_field_number(const char *name, size_t len)
{
	for (size_t i = 0; i < N(fields); i++)
		if (strlen(fields[i].name) == len && strncasecmp(fields[i].name, name, len) == 0)
			return (int)fields[i].id;
	errno = ENOENT;
	return -ENOENT;
}

/* auditctl 3.0.9 as Debian builds it knows no io_uring list. */
static const struct ak__name lists[] = {
	{ "task", AUDIT_FILTER_TASK },
	{ "exit", AUDIT_FILTER_EXIT },
	{ "user", AUDIT_FILTER_USER },
	{ "exclude", AUDIT_FILTER_EXCLUDE },
	{ "filesystem", AUDIT_FILTER_FS },
};

int ak__list_id(const char *name)
{
	for (size_t i = 0; i < N(lists); i++)
		if (strcmp(lists[i].name, name) == 0)
			return (int)lists[i].id;
	return -1;
}

AK_EXPORT const char *ak_rule_list_name(uint32_t flags)
{
	uint32_t l = flags & ~AUDIT_FILTER_PREPEND;

	if (l == AUDIT_FILTER_ENTRY)
		return "entry";
	for (size_t i = 0; i < N(lists); i++)
		if (lists[i].id == l)
			return lists[i].name;
	return NULL;
}

static const struct ak__name ops[] = {
	{ "=", AUDIT_EQUAL },
	{ "!=", AUDIT_NOT_EQUAL },
	{ ">", AUDIT_GREATER_THAN },
	{ ">=", AUDIT_GREATER_THAN_OR_EQUAL },
	{ "<", AUDIT_LESS_THAN },
	{ "<=", AUDIT_LESS_THAN_OR_EQUAL },
	{ "&", AUDIT_BIT_MASK },
	{ "&=", AUDIT_BIT_TEST },
};

const char *ak__op_symbol(uint32_t op)
{
	for (size_t i = 0; i < N(ops); i++)
		if (ops[i].id == op)
			return ops[i].name;
	return NULL;
}

AK_EXPORT const char *ak_rule_op_symbol(uint32_t op)
{
	return ak__op_symbol(op);
}

/* auditctl's machine table: uname -m names, several per machine; names are
 * matched ignoring case, as libaudit's tables do (lists and actions are not). */
static const struct ak__name machines[] = {
	{ "x86_64", AUDIT_ARCH_X86_64 },
	{ "i386", AUDIT_ARCH_I386 },
	{ "i486", AUDIT_ARCH_I386 },
	{ "i586", AUDIT_ARCH_I386 },
	{ "i686", AUDIT_ARCH_I386 },
	{ "ppc", AUDIT_ARCH_PPC },
	{ "ppc64", AUDIT_ARCH_PPC64 },
	{ "ppc64le", AUDIT_ARCH_PPC64LE },
	{ "s390x", AUDIT_ARCH_S390X },
	{ "s390", AUDIT_ARCH_S390 },
	{ "aarch64", AUDIT_ARCH_AARCH64 },
	{ "arm", AUDIT_ARCH_ARM },
	{ "armeb", AUDIT_ARCH_ARM },
	{ "armv5tejl", AUDIT_ARCH_ARM },
	{ "armv5tel", AUDIT_ARCH_ARM },
	{ "armv6l", AUDIT_ARCH_ARM },
	{ "armv7l", AUDIT_ARCH_ARM },
	{ "armv8l", AUDIT_ARCH_ARM },
};

uint32_t ak__machine_arch(const char *name)
{
	for (size_t i = 0; i < N(machines); i++)
		if (strcasecmp(machines[i].name, name) == 0)
			return machines[i].id;
	return 0;
}

bool ak__arch_known(uint32_t arch)
{
	for (size_t i = 0; i < N(machines); i++)
		if (machines[i].id == arch)
			return true;
	return false;
}

const char *ak__arch_machine_name(uint32_t arch)
{
	for (size_t i = 0; i < N(machines); i++)
		if (machines[i].id == arch)
			return machines[i].name;
	return NULL;
}

uint32_t ak__arch_compat32(uint32_t arch)
{
	switch (arch) {
	case AUDIT_ARCH_X86_64:
		return AUDIT_ARCH_I386;
	case AUDIT_ARCH_PPC64:
	case AUDIT_ARCH_PPC64LE:
		return AUDIT_ARCH_PPC;
	case AUDIT_ARCH_S390X:
		return AUDIT_ARCH_S390;
	case AUDIT_ARCH_AARCH64:
		return AUDIT_ARCH_ARM;
	}
	return 0;
}

static const struct ak__name ftypes[] = {
	{ "block", S_IFBLK },
	{ "character", S_IFCHR },
	{ "dir", S_IFDIR },
	{ "fifo", S_IFIFO },
	{ "file", S_IFREG },
	{ "link", S_IFLNK },
	{ "socket", S_IFSOCK },
};

int ak__filetype(const char *name)
{
	for (size_t i = 0; i < N(ftypes); i++)
		if (strcasecmp(ftypes[i].name, name) == 0)
			return (int)ftypes[i].id;
	return -1;
}

const char *ak__filetype_name(uint32_t mode)
{
	for (size_t i = 0; i < N(ftypes); i++)
		if (ftypes[i].id == mode)
			return ftypes[i].name;
	return NULL;
}

static const struct ak__name fstypes[] = {
	{ "debugfs", 0x64626720 },
	{ "tracefs", 0x74726163 },
};

int ak__fstype(const char *name, uint32_t *magic)
{
	for (size_t i = 0; i < N(fstypes); i++)
		if (strcasecmp(fstypes[i].name, name) == 0) {
			*magic = fstypes[i].id;
			return 0;
		}
	return -1;
}

const char *ak__fstype_name(uint32_t magic)
{
	for (size_t i = 0; i < N(fstypes); i++)
		if (fstypes[i].id == magic)
			return fstypes[i].name;
	return NULL;
}

/* AUDIT_COMPARE_* and the field pair auditctl -l prints for it. */
static const struct {
	uint32_t code;
	uint32_t a, b;
	const char *an, *bn;
} compares[] = {
	{ AUDIT_COMPARE_UID_TO_OBJ_UID, AUDIT_UID, AUDIT_OBJ_UID, "uid", "obj_uid" },
	{ AUDIT_COMPARE_GID_TO_OBJ_GID, AUDIT_GID, AUDIT_OBJ_GID, "gid", "obj_gid" },
	{ AUDIT_COMPARE_EUID_TO_OBJ_UID, AUDIT_EUID, AUDIT_OBJ_UID, "euid", "obj_uid" },
	{ AUDIT_COMPARE_EGID_TO_OBJ_GID, AUDIT_EGID, AUDIT_OBJ_GID, "egid", "obj_gid" },
	{ AUDIT_COMPARE_AUID_TO_OBJ_UID, AUDIT_LOGINUID, AUDIT_OBJ_UID, "auid", "obj_uid" },
	{ AUDIT_COMPARE_SUID_TO_OBJ_UID, AUDIT_SUID, AUDIT_OBJ_UID, "suid", "obj_uid" },
	{ AUDIT_COMPARE_SGID_TO_OBJ_GID, AUDIT_SGID, AUDIT_OBJ_GID, "sgid", "obj_gid" },
	{ AUDIT_COMPARE_FSUID_TO_OBJ_UID, AUDIT_FSUID, AUDIT_OBJ_UID, "fsuid", "obj_uid" },
	{ AUDIT_COMPARE_FSGID_TO_OBJ_GID, AUDIT_FSGID, AUDIT_OBJ_GID, "fsgid", "obj_gid" },
	{ AUDIT_COMPARE_UID_TO_AUID, AUDIT_UID, AUDIT_LOGINUID, "uid", "auid" },
	{ AUDIT_COMPARE_UID_TO_EUID, AUDIT_UID, AUDIT_EUID, "uid", "euid" },
	{ AUDIT_COMPARE_UID_TO_FSUID, AUDIT_UID, AUDIT_FSUID, "uid", "fsuid" },
	{ AUDIT_COMPARE_UID_TO_SUID, AUDIT_UID, AUDIT_SUID, "uid", "suid" },
	{ AUDIT_COMPARE_AUID_TO_FSUID, AUDIT_LOGINUID, AUDIT_FSUID, "auid", "fsuid" },
	{ AUDIT_COMPARE_AUID_TO_SUID, AUDIT_LOGINUID, AUDIT_SUID, "auid", "suid" },
	{ AUDIT_COMPARE_AUID_TO_EUID, AUDIT_LOGINUID, AUDIT_EUID, "auid", "euid" },
	{ AUDIT_COMPARE_EUID_TO_SUID, AUDIT_EUID, AUDIT_SUID, "euid", "suid" },
	{ AUDIT_COMPARE_EUID_TO_FSUID, AUDIT_EUID, AUDIT_FSUID, "euid", "fsuid" },
	{ AUDIT_COMPARE_SUID_TO_FSUID, AUDIT_SUID, AUDIT_FSUID, "suid", "fsuid" },
	{ AUDIT_COMPARE_GID_TO_EGID, AUDIT_GID, AUDIT_EGID, "gid", "egid" },
	{ AUDIT_COMPARE_GID_TO_FSGID, AUDIT_GID, AUDIT_FSGID, "gid", "fsgid" },
	{ AUDIT_COMPARE_GID_TO_SGID, AUDIT_GID, AUDIT_SGID, "gid", "sgid" },
	{ AUDIT_COMPARE_EGID_TO_FSGID, AUDIT_EGID, AUDIT_FSGID, "egid", "fsgid" },
	{ AUDIT_COMPARE_EGID_TO_SGID, AUDIT_EGID, AUDIT_SGID, "egid", "sgid" },
	{ AUDIT_COMPARE_SGID_TO_FSGID, AUDIT_SGID, AUDIT_FSGID, "sgid", "fsgid" },
};

int ak__compare_code(int f1, int f2)
{
	for (size_t i = 0; i < N(compares); i++)
		if (((int)compares[i].a == f1 && (int)compares[i].b == f2) ||
		    ((int)compares[i].a == f2 && (int)compares[i].b == f1))
			return (int)compares[i].code;
	return -1;
}

bool ak__compare_names(uint32_t code, const char **a, const char **b)
{
	for (size_t i = 0; i < N(compares); i++)
		if (compares[i].code == code) {
			*a = compares[i].an;
			*b = compares[i].bn;
			return true;
		}
	return false;
}

int ak__rule_err(int err)
{
	if (err < 0)
		errno = -err;
	return err;
}
