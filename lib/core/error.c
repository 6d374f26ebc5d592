// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
#include <string.h>

#include <auditkit/base.h>

/* strerror() is thread-safe for valid errnos in glibc and musl; auditkit adds no errnos of its own. */
const char *ak_strerror(int err)
{
	if (err < 0)
		err = -err;
	return strerror(err);
}

const char *ak_version(void)
{
	return AK_VERSION_STRING;
}
