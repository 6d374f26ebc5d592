/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AUDITKIT_INTERP_H
#define AUDITKIT_INTERP_H

/*
 * Interpretation: a parsed record's fields turned into the enriched key/value
 * map go-libaudit's AuditMessage.Data() returns, plus its Tags().
 *
 *   fields (raw, in record order)            data (interpreted)
 *   auid=4294967295                     ->   auid=unset
 *   subj=u:r:t:s0                       ->   subj_user=u subj_role=r subj_domain=t subj_level=s0
 *   success=yes / res=1                 ->   result=success
 *   exit=-13                            ->   exit=EACCES
 *   key=65786563013634626974            ->   tags [exec, 64bit] (no "key" in data)
 *   arch=c000003e syscall=42            ->   arch=x86_64 syscall=connect
 *   cwd exe proctitle cmd data name acct aN  hex-decoded (unquoted upper-case hex only)
 *   saddr=02000050A9FEA9FE...           ->   family=ipv4 addr=169.254.169.254 port=80
 *
 * Rules and their order are go-libaudit's (spec §3.3-3.6).  Dropped values:
 * empty, "?", "?,", "(null)" (except EXECVE arguments, which are literal).
 * Values lose surrounding quotes and spaces, nothing else (no unescaping).
 * Duplicate keys: the last value wins, kept at the position of the key's
 * first occurrence; derived keys (subj_user..., result, family...) come right
 * after the key they were derived from.  Fields inside msg='...' are merged
 * into the same map; enriched (AK_F_ENRICHED) fields are never data.
 * The record-type specific pre-normalisations of spec §3.4 (AVC seresult and
 * seperms, LOGIN old/new, the "(hostname=" PAM form) are the parser's
 * (lib/records/record.c); here the seperms words are joined with ','.
 *
 * Beyond go-libaudit (its value is kept for every key it produces; the list
 * with reasons is tests/golden/DIFFERENCES.md):
 *  - where go-libaudit's Data() fails (missing exe, bad saddr, ...) all the
 *    data that could be interpreted is still returned, and ->error is set to
 *    go-libaudit's message;
 *  - EXECVE: the kernel's multi-record form of a long argv (no argc, or only
 *    a prefix of the arguments) is not an error, only a gap is; an argument
 *    the kernel split (aN_len=, aN[0]=, aN[1]=...) is rebuilt into aN when all
 *    of it is in the record, else each piece is decoded in place;
 *  - a msg='...' holding no pairs is kept as msg (go-libaudit drops it);
 *  - arch and syscall names for every architecture the tables know.
 *
 * Nothing is allocated: the output arrays and the decoded bytes live in one
 * scratch block the caller provides.  Values point either into the record's
 * input (unchanged values) or into that scratch block (decoded values), or at
 * static strings (names); they stay valid while both do.
 */

#include <auditkit/base.h>
#include <auditkit/record.h>

AK_BEGIN_DECLS

struct ak_kv {
	struct ak_str key;
	struct ak_str val;
};

struct ak_interp {
	struct ak_kv *kv;    /* data pairs, record order (see AK_INTERP_SORTED) */
	size_t nkv;
	struct ak_str *tags; /* rule keys, in order */
	size_t ntags;
	/* The problem go-libaudit's Data() would fail on, else NULL: the first
	 * in its rule order ("exe key not found", "failed to find arg a3").
	 * NUL-terminated; static or in the scratch block.  The data above is
	 * still complete as far as it could be interpreted. */
	const char *error;
	/* Bytes of the scratch block in use, from its start: the caller may
	 * reuse the rest (hand the interpreter all the room there is, then keep
	 * only this much). */
	size_t scratch_used;
	/* Per pair, in kv's order: nonzero when key and value are printable
	 * ASCII without '"' or '\\' (AK_F_PLAIN carried through; names from
	 * the tables count too), so JSON writers may copy them as they are.
	 * Zero says nothing.  NULL with AK_INTERP_SORTED.  In the scratch block. */
	const unsigned char *kv_plain;
};

enum ak_interp_flag {
	AK_INTERP_SORTED = 1u << 0, /* sort kv by key (byte order), as go's JSON maps are */
};

/**
 * ak_interp_scratch_size - scratch bytes that are always enough for @rec.
 * A linear function of the record's size and field count.
 */
AK_EXPORT size_t ak_interp_scratch_size(const struct ak_rec *rec);

/**
 * ak_interp_record - interpret @rec's fields.
 * @out: filled; its arrays point into @scratch.
 * @rec: a parsed record (its fields array and input must stay valid).
 * @scratch, @size: caller memory, any alignment; ak_interp_scratch_size(rec)
 *                  bytes always suffice, a few KiB suffice for most records.
 * @flags: enum ak_interp_flag.
 *
 * Returns the number of data pairs (out->nkv), or -ERANGE if @size is too small
 * (retry with ak_interp_scratch_size(rec)).  A go-libaudit error is not a
 * failure of this function: it is reported in out->error.
 */
AK_EXPORT int ak_interp_record(struct ak_interp *out, const struct ak_rec *rec, void *scratch,
			       size_t size, unsigned flags);

/** ak_interp_get - the value of @key in @ip, or NULL. Linear; for tests and tools. */
AK_EXPORT const struct ak_str *ak_interp_get(const struct ak_interp *ip, const char *key);

/**
 * ak_execve_argv - the argument vector of one event, over its EXECVE records.
 * @recs, @ips, @n: the event's records and their interpretations (records of
 *                  other types are skipped), in order.
 * @argv, @cap: out: argv[i] is argument i, or { NULL, 0 } if it is missing.
 * @buf, @bufcap: room for arguments the kernel split across records
 *                (a1_len=N a1[0]=... in one record, a1[1]=... in the next);
 *                the sum of the records' line lengths always suffices.
 *
 * The kernel writes a long argv over several EXECVE records, and a long
 * argument as pieces; per record ak_interp_record() decodes what is there, and
 * this puts the pieces together.  Returns argc (from the argc key, else one
 * past the highest argument seen), or -ERANGE if an argument index is >= @cap
 * or @bufcap is too small (the rest is still filled in).
 */
AK_EXPORT int ak_execve_argv(const struct ak_rec *recs, const struct ak_interp *ips, size_t n,
			     struct ak_str *argv, size_t cap, char *buf, size_t bufcap);

/* ---- The pieces, usable on their own. ---- */

/**
 * ak_hex_is_upper - whether @s is non-empty, even-length, upper-case hex (0-9A-F):
 * the only form go-libaudit decodes.
 */
AK_EXPORT int ak_hex_is_upper(const char *s, size_t n);

enum ak_hex_nul {
	AK_HEX_NUL_SPACE = 0,    /* NUL bytes become spaces (proctitle, cwd, exe, ...) */
	AK_HEX_NUL_TRUNCATE = 1, /* stop at the first NUL byte (EXECVE arguments) */
	AK_HEX_NUL_KEEP = 2,     /* keep NUL bytes as they are */
};

/**
 * ak_hex_decode - decode upper-case hex @s (@n chars) into @dst (@cap bytes).
 * @mode: enum ak_hex_nul.
 * Returns the decoded length, -EINVAL if @s is not even-length upper-case hex
 * (nothing written), -ERANGE if @cap < @n / 2.  @dst is not NUL-terminated.
 */
AK_EXPORT int ak_hex_decode(char *dst, size_t cap, const char *s, size_t n, int mode);

/* A decoded sockaddr: every slice is empty when absent; they point into the
 * caller's @buf, or into the input for saddr. */
struct ak_sockaddr {
	struct ak_str family; /* "unix", "ipv4", "ipv6", "netlink" or the decimal number */
	struct ak_str addr;   /* ipv4 dotted quad, ipv6 text as Go's net.IP.String() */
	struct ak_str port;   /* decimal */
	struct ak_str flow;   /* ipv6 flow label, decimal, only when non-zero */
	struct ak_str path;   /* unix: up to the first NUL */
	struct ak_str saddr;  /* netlink and other families: the raw hex */
};

/**
 * ak_sockaddr_decode - decode a SOCKADDR record's saddr hex (go-libaudit's rules).
 * @buf, @cap: storage for the decoded text; 128 bytes + @n/2 always suffice.
 * Returns 0, -EINVAL for input go-libaudit rejects (then *@msg, if @msg is not
 * NULL, is its static reason, e.g. "invalid family: too short"), or -ERANGE.
 */
AK_EXPORT int ak_sockaddr_decode(struct ak_sockaddr *sa, const char *s, size_t n, char *buf,
				 size_t cap, const char **msg);

/**
 * ak_ctx_split - split an SELinux/AppArmor context on ':' into at most 5 parts
 * (user, role, domain, level, category; the 5th keeps further colons).
 * Returns the number of parts (1..5); @parts must hold 5.
 */
AK_EXPORT int ak_ctx_split(struct ak_str parts[5], const char *s, size_t n);

/**
 * ak_arch_text - go-libaudit's arch text for @arch: the name, or "unknown[%x]"
 * written into @buf (at least 20 bytes).  Returns the text (NUL-terminated).
 */
AK_EXPORT const char *ak_arch_text(uint32_t arch, char *buf, size_t cap);

AK_END_DECLS

#endif
