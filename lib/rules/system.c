// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * Host facts a rule may need, offered as callbacks the caller passes
 * explicitly (struct ak_rule_opts): user and group names (NSS I/O), whether
 * a watched path is a directory, and the machine the rules are for.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>

#include "rules/rule-internal.h"

AK_EXPORT uint32_t ak_rule_host_arch(void)
{
	struct utsname u;

	if (uname(&u) < 0)
		return 0;
	return ak__machine_arch(u.machine);
}

AK_EXPORT int ak_rule_sys_user(const char *name, uint32_t *id, void *data)
{
	struct passwd pw, *res = NULL;
	char buf[4096];

	(void)data;
	if (getpwnam_r(name, &pw, buf, sizeof(buf), &res) != 0 || !res)
		return -ENOENT;
	*id = (uint32_t)res->pw_uid;
	return 0;
}

AK_EXPORT int ak_rule_sys_group(const char *name, uint32_t *id, void *data)
{
	struct group gr, *res = NULL;
	char buf[16384];

	(void)data;
	if (getgrnam_r(name, &gr, buf, sizeof(buf), &res) != 0 || !res)
		return -ENOENT;
	*id = (uint32_t)res->gr_gid;
	return 0;
}

AK_EXPORT int ak_rule_sys_is_dir(const char *path, void *data)
{
	struct stat st;

	(void)data;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}
