// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * Host facts a rule may need, offered as callbacks the caller passes
 * explicitly (struct ak_rule_opts): user and group names (NSS I/O), whether
 * a watched path is a directory, and the machine the rules are for.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>

#include "core/nss.h"
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
	(void)data;
	return ak__nss_lookup(AK__NSS_USER, 0, name, NULL, 0, id) < 0 ? -ENOENT : 0;
}

AK_EXPORT int ak_rule_sys_group(const char *name, uint32_t *id, void *data)
{
	(void)data;
	return ak__nss_lookup(AK__NSS_GROUP, 0, name, NULL, 0, id) < 0 ? -ENOENT : 0;
}

AK_EXPORT int ak_rule_sys_is_dir(const char *path, void *data)
{
	struct stat st;

	(void)data;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}
