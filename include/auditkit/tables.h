/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AUDITKIT_TABLES_H
#define AUDITKIT_TABLES_H

/*
 * Number <-> name tables: record types, machine architectures (AUDIT_ARCH_*),
 * syscalls per architecture, errno and signal names.  All static const data,
 * generated from data/ by scripts/gen-tables.py (see data/README.md for the
 * sources).  Names returned are static NUL-terminated strings.
 * Name lookups take a (pointer, length) so callers can pass slices.
 */

#include <auditkit/base.h>

AK_BEGIN_DECLS

/* Record types (AUDIT_SYSCALL = 1300 -> "SYSCALL").  NULL if unknown. */
AK_EXPORT const char *ak_msgtype_name(uint32_t type);
/* "SYSCALL" -> 1300, case-insensitive; also accepts "UNKNOWN[1340]" -> 1340.
 * Returns the number, or -ENOENT. */
/* Like go-libaudit's GetAuditMessageType, any "X[n]" gives n (decimal,
 * n <= 65535, named or not); unlike it, the ']' must end the slice. */
AK_EXPORT int ak_msgtype_number(const char *name, size_t len);

/* Architectures: AUDIT_ARCH_X86_64 (0xc000003e) -> "x86_64".  NULL if unknown. */
AK_EXPORT const char *ak_arch_name(uint32_t arch);
/* "x86_64" -> 0xc000003e in *arch; 0 or -ENOENT. */
/* Case-insensitive; table names only (auditctl's "b64", "i686", "armv7l"
 * depend on the host and are the rule compiler's business).  @arch may be
 * NULL.  ak_arch_at() iterates in name order. */
AK_EXPORT int ak_arch_number(const char *name, size_t len, uint32_t *arch);
/* Iterate: the i-th known architecture (0 <= i); -ENOENT past the end. */
AK_EXPORT int ak_arch_at(size_t i, uint32_t *arch, const char **name);

/* Syscalls, per architecture number.  NULL if the arch has no table or the
 * number is unknown.  ppc64 and ppc64le use the ppc table, as auditd does. */
AK_EXPORT const char *ak_syscall_name(uint32_t arch, int nr);
/* Name -> number for @arch; -ENOENT if unknown, -ENOENT if no table for @arch. */
/* Syscall, errno and signal names are case-sensitive.  Every int-returning
 * lookup here returns -EINVAL for a NULL name and sets errno on failure. */
AK_EXPORT int ak_syscall_number(uint32_t arch, const char *name, size_t len);
/* One past the highest syscall number in @arch's table, or -ENOENT. */
AK_EXPORT int ak_syscall_limit(uint32_t arch);

/* errno: 13 -> "EACCES"; NULL if unknown.  Linux generic numbering. */
/* Positive numbers only (negate a syscall's exit= first); the primary name:
 * 11 -> "EAGAIN", 35 -> "EDEADLK". */
AK_EXPORT const char *ak_errno_name(int err);
/* "EACCES" -> 13 (aliases such as EWOULDBLOCK accepted); -ENOENT. */
AK_EXPORT int ak_errno_number(const char *name, size_t len);

/* Signals: 9 -> "SIGKILL"; NULL if unknown.  Linux generic numbering. */
/* 1..31 only; real-time signals are unnamed (kernel and glibc disagree on
 * SIGRTMIN).  Aliases SIGIOT, SIGPOLL, SIGUNUSED are accepted by _number. */
AK_EXPORT const char *ak_signal_name(int sig);
AK_EXPORT int ak_signal_number(const char *name, size_t len);

AK_END_DECLS

#endif
