/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AK_CORE_NSS_H
#define AK_CORE_NSS_H

#include <stddef.h>
#include <stdint.h>

enum ak__nss_db { AK__NSS_USER, AK__NSS_GROUP };

/*
 * One passwd or group lookup through NSS, by @name when it is not NULL, else by
 * @id.  The entry's name goes to @out (if not NULL, NUL-terminated, -ERANGE when
 * @cap is too small) and its id to *@oid (if not NULL).  Returns 0, -ENOENT,
 * -ENOMEM or NSS's own errno negated.  The reentrant calls' buffer starts on the
 * stack and grows on ERANGE up to 1 MiB: groups with many members need more than
 * a fixed buffer.
 */
int ak__nss_lookup(enum ak__nss_db db, uint32_t id, const char *name, char *out, size_t cap,
		   uint32_t *oid);

#endif
