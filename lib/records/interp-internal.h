/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
/* Helpers shared by interp.c, interp_rules.c, execve.c, hex.c and sockaddr.c. */
#ifndef AK_RECORDS_INTERP_INTERNAL_H
#define AK_RECORDS_INTERP_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <auditkit/interp.h>

#include "core/decimal.h" /* ak__utoa */

/* '0'-'9', 'A'-'F' -> 0x10 | 0..15; anything else 0. */
extern const unsigned char ak__hexval[256];

/* Decode upper-case hex @s into @dst (room for @n / 2 bytes), mode enum ak_hex_nul.
 * Returns the length or -EINVAL (then @dst holds garbage). */
int ak__hex_decode(char *dst, const char *s, size_t n, int mode);

/* Decimal text of @v into @dst (>= 21 bytes); returns the length. */

/*
 * The interpretation's working state (interp.c; the decoding rules are in
 * interp_rules.c, the EXECVE ones in execve.c): an entry per distinct key,
 * in record order, found through an open-addressing hash of index + 1 values.
 */
/* User-space record types (libaudit.h, not the kernel UAPI). */
#define T_USER_LOGIN 1112
#define T_USER_CMD 1123

/* Derived keys one record can add: subj 5 + obj 5 + result + saddr 5, with room. */
#define MAX_DERIVED 24

/*
 * E_PLAIN: key and value are printable ASCII without '"' or '\\' (see
 * ak_interp.kv_plain).  It comes from the field's AK_F_PLAIN; whatever points
 * a value elsewhere says again whether it holds (ak__ip_set_val()).
 * E_QUOTED and E_PLAIN are the field's own bits (AK_F_DQUOTE | AK_F_SQUOTE,
 * AK_F_PLAIN), so the collect pass takes them with one mask.
 */
enum { E_QUOTED = 3, E_PLAIN = 16, E_DEL = 32, E_FOLLOWER = 64,
       E_DONE = 128 /* value already decoded */, E_HEAD = 256 /* has followers (->next) */ };
/* An entry that is written as it is, alone: none of these. */
#define E_SPECIAL (E_DEL | E_FOLLOWER | E_HEAD)

struct ak__ip_ent {
	struct ak_str key, val;
	uint32_t flags;
	/* set only where the flags say (a record's entry has none of them until
	 * it gets a follower) */
	uint32_t next; /* on E_HEAD or E_FOLLOWER: next follower, index + 1; 0 ends the chain */
	uint32_t tail; /* on E_HEAD: its last follower, index + 1 */
	uint32_t head; /* on E_FOLLOWER: the head it follows, index + 1 */
};

enum {
	K_AUID, K_OLD_AUID, K_SES, K_SUBJ, K_SUCCESS, K_RES, K_EXIT, K_KEY, K_CWD,
	K_SIG, K_ARCH, K_SYSCALL, K_EXE, K_SADDR, K_PROCTITLE, K_CMD, K_DATA,
	K_ARGC, K_OBJ, K_NAME, K_ACCT, K_SEPERMS, K_N
};

struct ak__ip {
	const struct ak_rec *rec;
	struct ak__ip_ent *e;
	size_t ne, ecap;
	uint32_t *slot; /* index + 1, 0 empty */
	size_t mask;
	char *b;
	size_t bn, bcap;
	int overflow;
	/* by K_ id + 1: entry index + 1, 0 if absent (known[0] takes the
	 * stores for keys of no id, so the shaped collect stores unconditionally) */
	uint32_t known[K_N + 1];
	/* the record matched a shape (shapes.c): its keys are not in the hash
	 * table (ak__ip_lookup() builds it), and the entries from nrec on are
	 * the derived ones */
	int lazy, shaped;
	size_t nrec, ndata;
	const char *error;
};

/* Point @e's value at @v; @plain (0 or E_PLAIN) says whether it is plain. */
static inline void ak__ip_set_val(struct ak__ip_ent *e, struct ak_str v, uint32_t plain)
{
	e->val = v;
	e->flags = (e->flags & ~(uint32_t)E_PLAIN) | plain;
}

static inline struct ak__ip_ent *ak__ip_known(struct ak__ip *c, int k)
{
	uint32_t i = c->known[k + 1];

	return i && !(c->e[i - 1].flags & E_DEL) ? &c->e[i - 1] : NULL;
}

/* A key of a shape: padded name, length, K_ id + 1 (0: none). */
struct ak__ip_skey {
	char p[16];
	unsigned char n, kid;
	uint16_t mask; /* (1 << n) - 1: the bytes of p that are the name */
};

/* The data keys, in order, of a usual record of @type (shapes.c). */
struct ak__ip_shape {
	uint32_t type;
	uint32_t n;
	const struct ak__ip_skey *k;
};

/* The shapes of @type (*@n of them, in the order to try; type 0: all). */
const struct ak__ip_shape *ak__ip_shapes(uint32_t type, size_t *n);

/* The entries an interpretation leaves, in order (followers among them). */
struct ak__ip_list {
	const struct ak__ip_ent *e;
	size_t n;
	/* nonzero: no key is one the record's own members take (the record had
	 * a shape, whose keys are none, nor are the keys the rules derive) */
	int unreserved;
	/* with unreserved: the record's data fields are its first ndata, the
	 * rest are AK_F_ENRICHED */
	size_t ndata;
};

/*
 * ak_interp_record() in two steps, for a writer that walks the entries
 * itself (format.c's JSON): run leaves the entries in @l (in @scratch) and
 * the tags, error and scratch_used in @out, but no pairs; emit writes the
 * pairs (each entry, then its followers) into out->kv and out->kv_plain.
 * A pair is an entry without E_DEL or E_FOLLOWER, or a follower (through
 * ->next from its head) without E_DEL; its plain flag is E_PLAIN.
 */
int ak__interp_run(struct ak__ip_list *l, struct ak_interp *out, const struct ak_rec *rec,
		   void *scratch, size_t size);
void ak__interp_emit(struct ak__ip_list l, struct ak_interp *out);

/* The K_ id of a key the rules use, -1 for any other. */
int ak__ip_classify(const char *k, size_t n);
long ak__ip_lookup(struct ak__ip *c, const char *k, size_t n);
void ak__ip_derive(struct ak__ip *c, size_t from, const char *key, size_t kn, struct ak_str val,
		   uint32_t plain);
void ak__ip_rename(struct ak__ip *c, size_t idx, size_t n);
char *ak__ip_balloc(struct ak__ip *c, size_t n);
void ak__ip_set_error(struct ak__ip *c, const char *msg);
void ak__ip_set_error2(struct ak__ip *c, const char *prefix, const char *s, size_t n);
void ak__ip_hex_value(struct ak__ip *c, struct ak__ip_ent *e, int mode);
int ak__ip_parse_dec(struct ak_str s, long long *out);
void ak__ip_execve(struct ak__ip *c);
/* The rules of interp_rules.c; @which: 0 subj (K_SUBJ), 1 obj (K_OBJ). */
void ak__ip_split_context(struct ak__ip *c, int k, int which);
void ak__ip_syscall_rules(struct ak__ip *c, int seccomp);
void ak__ip_saddr(struct ak__ip *c);
void ak__ip_seperms(struct ak__ip *c);
/* The name the SYSCALL rules give arch=c000003e without a lookup (for the tests). */
const char *ak__ip_x86_64_name(void);

#endif
