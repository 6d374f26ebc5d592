/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AUDITKIT_VALUES_H
#define AUDITKIT_VALUES_H

/*
 * Value interpretation: what `ausearch -i` (libauparse) prints for a field,
 * beyond what <auditkit/interp.h> (go-libaudit's enrichment) already gives.
 *
 *   PATH mode=0100644                     ->  file,644
 *   CONFIG_CHANGE perm=6                  ->  read,write
 *   BPRM_FCAPS pp=3 (cap_p*, cap_f*, p*)  ->  chown,dac_override   (0 -> none)
 *   CAPSET capability=12                  ->  net_admin
 *   ANOM_ABEND sig=11 (sigev_signo)       ->  SIGSEGV
 *   NETFILTER_CFG family=2 proto=6        ->  ipv4, tcp
 *   SECCOMP code=0x50001                  ->  errno
 *   MQ_OPEN oflag=0x80c2 mode=04755       ->  O_RDWR|O_CREAT|O_EXCL, suid,0755
 *   MMAP flags=0x22                       ->  MAP_PRIVATE|MAP_ANONYMOUS
 *   also list, icmptype, prom/old_prom, per, netfilter hook/action/macproto,
 *   fanotify resp, and ses=4294967295 (unset)
 *   SYSCALL a0..a3, per syscall (arch + syscall number):
 *     openat a0=ffffff9c a2=80241         ->  AT_FDCWD, O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC
 *     socket a0=2 a1=80801 a2=6           ->  inet, SOCK_STREAM, tcp
 *     chmod a1=1ed                        ->  0755
 *     kill a1=9                           ->  SIGKILL
 *     mmap a2=3 a3=22                     ->  PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS
 *     setsockopt a1=1 a2=2                ->  SOL_SOCKET, SO_REUSEADDR
 *     setuid a0=3e8                       ->  1000 (ids as numbers; -1 is unset)
 *   and the other syscalls listed in README.md (open*, *at dirfds, chmod family,
 *   access, socket, kill family, clone/unshare/setns, mmap/mprotect,
 *   personality, ptrace, prctl, fcntl, umount2, mount, send/recv, lseek,
 *   rlimit, clock, sched, epoll_ctl, exit, ioctl, bpf, shmget, set*id, chown).
 *
 * Spelling is ausearch's (auditd 3.0.9), including its fallbacks for numbers
 * it has no name for ("unknown-signal(40)", "undefined protocol").  Bits
 * that have no name are left out, as ausearch does.  Where ausearch would
 * print the number back as hex ("a1=0x7ffd..."), a field has no reading:
 * -ENOENT.  Names come from data/values.txt (see data/README.md).
 * Differences from ausearch: tests/golden/DIFFERENCES.md.
 *
 * Pure functions of the record: no allocation, no lookups of users or of
 * /etc/protocols (the protocol names are a built-in table).
 */

#include <auditkit/base.h>
#include <auditkit/record.h>

AK_BEGIN_DECLS

/**
 * ak_value_interpret - the reading of field @f of record @rec.
 * @rec:     the record @f belongs to: its type picks the meaning of some keys
 *           (MQ_OPEN mode, PATH flags, EXECVE aN), and a1/a2 readings look at
 *           its a0/a1 (open's mode only with O_CREAT, prctl, fcntl).
 * @arch, @syscall: the event's AUDIT_ARCH_* and syscall number, used for
 *           a0..a3 only (see ak_value_context()); pass 0 and -1 when unknown.
 * @buf, @cap: out: the reading, NUL-terminated.
 *
 * Returns its length; -ENOENT when the field has no reading (unknown key,
 * an argument this syscall does not decode, enriched fields); -EINVAL when
 * the value is not a number of the expected base (ausearch would read such
 * a value as 0); -ERANGE when @cap is too small (1024 bytes suffice for
 * every reading; most are under 64).
 */
AK_EXPORT int ak_value_interpret(const struct ak_rec *rec, const struct ak_field *f,
				 uint32_t arch, int syscall, char *buf, size_t cap);

/**
 * ak_value_context - the arch and syscall number of a record that carries
 * them (SYSCALL, SECCOMP...): its own arch= (hex) and syscall= (decimal).
 * Returns 0, or -ENOENT when either is missing or malformed (then *@arch = 0
 * and *@syscall = -1, the values ak_value_interpret() takes for unknown).
 */
AK_EXPORT int ak_value_context(const struct ak_rec *rec, uint32_t *arch, int *syscall);

AK_END_DECLS

#endif
