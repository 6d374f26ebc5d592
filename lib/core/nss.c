// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/* The one place that calls getpw*_r / getgr*_r: the rule compiler's name
 * callbacks and the coalescer's id cache both come here. */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>

#include "core/nss.h"

int ak__nss_lookup(enum ak__nss_db db, uint32_t id, const char *name, char *out, size_t cap,
		   uint32_t *oid)
{
	char stack[16384], *buf = stack;
	size_t size = sizeof(stack);
	struct passwd pw, *pwres = NULL;
	struct group gr, *grres = NULL;
	const char *ename = NULL;
	uint32_t eid = 0;
	int r;

	for (;;) {
		if (db == AK__NSS_USER)
			r = name ? getpwnam_r(name, &pw, buf, size, &pwres)
				 : getpwuid_r(id, &pw, buf, size, &pwres);
		else
			r = name ? getgrnam_r(name, &gr, buf, size, &grres)
				 : getgrgid_r(id, &gr, buf, size, &grres);
		if (r != ERANGE || size >= (1u << 20))
			break;
		if (buf != stack)
			free(buf);
		size *= 2;
		buf = malloc(size);
		if (!buf)
			return -ENOMEM;
	}
	if (!r && pwres) {
		ename = pw.pw_name;
		eid = (uint32_t)pw.pw_uid;
	} else if (!r && grres) {
		ename = gr.gr_name;
		eid = (uint32_t)gr.gr_gid;
	} else if (!r) {
		r = ENOENT;
	}
	if (ename) {
		size_t n = strlen(ename);

		if (oid)
			*oid = eid;
		if (out) {
			if (n >= cap)
				r = ERANGE;
			else
				memcpy(out, ename, n + 1);
		}
	}
	if (buf != stack)
		free(buf);
	return -r;
}
