/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AUDITKIT_BASE_H
#define AUDITKIT_BASE_H

/*
 * Conventions shared by every auditkit module.
 *
 * Ownership, stated once:
 *  - The library frees only what it allocated.  Every _new/_open has a
 *    _free/_close, and _free(NULL) is a no-op.
 *  - A struct ak_str points into memory the caller owns (the input line, the
 *    receive buffer) and lives exactly as long as that memory.
 *  - Callbacks receive borrowed pointers, valid only during the call.
 *
 * Errors: every fallible function returns int, >= 0 on success (a count where
 * that is useful) and a negative errno on failure.  Each errno has one meaning:
 *   EINVAL  malformed input          ENOENT  unknown name (syscall, field, arch)
 *   ERANGE  value, or caller buffer, too small or too large
 *   EPROTO  unexpected netlink reply ENOMEM  allocation failed
 *   anything else: the kernel's own errno from NLMSG_ERROR, passed through.
 * The public functions also set errno = -ret on failure, so perror() works.
 *
 * The library never prints, never reads the environment and never opens
 * configuration files.  No mutable globals: all tables are static const.
 */

#include <stddef.h>
#include <stdint.h>

#if defined(AK_BUILDING_LIBRARY) || defined(__GNUC__)
#define AK_EXPORT __attribute__((visibility("default")))
#else
#define AK_EXPORT
#endif
#define AK_WUR __attribute__((warn_unused_result))

/* C++ callers see C linkage. */
#ifdef __cplusplus
#define AK_BEGIN_DECLS extern "C" {
#define AK_END_DECLS }
#else
#define AK_BEGIN_DECLS
#define AK_END_DECLS
#endif

#define AK_VERSION_MAJOR 0
#define AK_VERSION_MINOR 1
#define AK_VERSION_PATCH 0
#define AK_VERSION_STRING "0.1.0"

/* A slice of caller-owned bytes; not NUL-terminated unless said so. */
struct ak_str {
	const char *p;
	size_t n;
};

#define AK_STR_LIT(s) ((struct ak_str){ (s), sizeof(s) - 1 })

/*
 * Where a parse went wrong: byte offset and length in the input, and a static
 * message.  The library fills it; tools format "file:line:byte: msg".
 */
struct ak_diag {
	size_t pos;
	size_t len;
	const char *msg;
};

/* Callback return values (libmnl's three-valued return, errors as -errno). */
#define AK_CB_OK 1
#define AK_CB_STOP 0

AK_BEGIN_DECLS

/** ak_strerror - message for a (positive or negative) errno value. */
AK_EXPORT const char *ak_strerror(int err);

/** ak_version - the library's version string, e.g. "0.1.0". */
AK_EXPORT const char *ak_version(void);

AK_END_DECLS

#endif
