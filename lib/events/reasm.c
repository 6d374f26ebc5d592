// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * The reassembler (see <auditkit/reasm.h> for the semantics).
 *
 * Layout: one allocation at creation holds the object, max_in_flight slots
 * and three index arrays (and, with AK_REASM_PREALLOC, every arena).  A slot
 * is one serial in flight; its arena holds the struct ak_rec array at the low
 * end (contiguous, so the callback gets a plain array) and the copied line
 * bytes and field arrays at the high end.  Arenas grow by doubling, moving
 * their contents and fixing the pointers into the high end; they are never
 * shrunk, so a warmed-up reassembler allocates nothing.
 *
 * order[] lists the used slots by serial, oldest first, with their serials
 * copied into oserial[] so that finding a serial is a linear scan over one
 * small array of integers (from the newest end, where records usually land;
 * a serial newer than all skips it).  The window is small (tens of events):
 * a scan and a memmove beat a tree or a hash table there, and an inconsistent
 * order (a hostile stream with serials 2^31 apart) cannot corrupt anything.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <linux/audit.h>

#include <auditkit/reasm.h>

#include "events/arena.h"

/* From libaudit.h (user space), not the kernel header: daemon messages end at 1299. */
#define AK_FIRST_DAEMON 1200
#define AK_LAST_DAEMON 1299

/* Nodes (node=HOST prefixes) whose serials are tracked apart for loss accounting. */
#define NODES 16

/* First size of a slot's arena: a typical syscall event needs 2-6 KiB. */
#define ARENA_START ((size_t)16 << 10)

enum {
	SLOT_DONE_EOE = AK_REASM_EV_EOE,   /* complete: waiting for its turn */
	SLOT_DONE_LAST = AK_REASM_EV_LAST,
	SLOT_HAD_PARTS = AK_REASM_EV_CONT, /* parts were delivered early */
};

struct slot {
	struct ak__arena arena;  /* recs at the low end */
	uint64_t deadline;       /* last record + timeout */
	int64_t sec;             /* timestamp of the first record */
	uint32_t msec;
	uint64_t node;           /* hash of the node=HOST prefix (serials are per node) */
	uint32_t serial;
	uint32_t nrec;
	unsigned flags;          /* SLOT_* */
	int owned;               /* arena allocated on its own (not preallocated) */
};

struct ak_reasm {
	struct ak_reasm_opts o;
	const struct ak_reasm_ops *ops;
	void *data;
	size_t memsz;

	struct slot *slots;
	uint32_t *order;   /* used slot indices, oldest serial first */
	uint32_t *oserial; /* their serials */
	uint32_t *freel;   /* free slot indices (a stack) */
	size_t nused;
	size_t nfree;

	/* Loss accounting per node: the last serial delivered in turn. */
	struct acct {
		uint64_t node;
		uint64_t used; /* for replacing the least recently used */
		int64_t sec;
		uint32_t msec;
		uint32_t last;
		int have;
	} acct[NODES];
	uint64_t acct_clock;
	int seen_eoe;
	int err;           /* first callback error of the current call */
	struct ak_reasm_stats st;
};

/* a < b in serial-number arithmetic (RFC 1982 with 32 bits): rollover-aware. */
static inline int serial_lt(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) < 0;
}

static void *default_alloc(size_t size, void *data)
{
	(void)data;
	return malloc(size);
}

static void default_free(void *p, size_t size, void *data)
{
	(void)size;
	(void)data;
	free(p);
}

static size_t align_up(size_t n, size_t a)
{
	return (n + a - 1) & ~(a - 1);
}

int ak_reasm_new(struct ak_reasm **out, const struct ak_reasm_opts *opts,
		 const struct ak_reasm_ops *ops, void *data)
{
	struct ak_reasm_opts o = { 0 };
	size_t n, head, total, per, off_slots, off_idx, off_arena;
	struct ak_reasm *r;
	char *mem;

	if (!out || !ops || !ops->event) {
		errno = EINVAL;
		return -EINVAL;
	}
	*out = NULL;
	if (opts) {
		size_t sz = opts->sz < sizeof(o) ? opts->sz : sizeof(o);

		memcpy(&o, opts, sz);
	}
	o.sz = sizeof(o);
	if (!o.max_in_flight)
		o.max_in_flight = AK_REASM_DEF_IN_FLIGHT;
	if (!o.max_records)
		o.max_records = AK_REASM_DEF_RECORDS;
	if (!o.max_bytes)
		o.max_bytes = AK_REASM_DEF_BYTES;
	if (!o.timeout_ms)
		o.timeout_ms = AK_REASM_DEF_TIMEOUT_MS;
	if (!o.alloc || !o.free) {
		o.alloc = default_alloc;
		o.free = default_free;
	}
	n = o.max_in_flight;
	if (o.max_bytes < 1024 || o.eoe_mode > AK_REASM_EOE_NEVER || n > UINT32_MAX / 4 ||
	    o.max_records > UINT32_MAX || n > SIZE_MAX / 64 / sizeof(struct slot)) {
		errno = ERANGE;
		return -ERANGE;
	}
	/* Multiples of 64 keep every arena move 16-byte aligned (see ak__arena_move). */
	o.max_bytes &= ~(size_t)63;
	per = o.max_bytes;
	off_slots = align_up(sizeof(*r), 64);
	off_idx = off_slots + n * sizeof(struct slot);
	off_arena = align_up(off_idx + 3 * n * sizeof(uint32_t), 64);
	head = off_arena;
	total = head;
	if (o.flags & AK_REASM_PREALLOC) {
		if (n > (SIZE_MAX - head) / per) {
			errno = ERANGE;
			return -ERANGE;
		}
		total = head + n * per;
	}

	mem = o.alloc(total, o.alloc_data);
	if (!mem) {
		errno = ENOMEM;
		return -ENOMEM;
	}
	/* Initialise the bookkeeping only: the arenas stay untouched (and, for a
	 * large malloc, unbacked) until records land in them. */
	memset(mem, 0, head);
	r = (struct ak_reasm *)mem;
	r->o = o;
	r->ops = ops;
	r->data = data;
	r->memsz = total;
	r->slots = (struct slot *)(mem + off_slots);
	r->order = (uint32_t *)(mem + off_idx);
	r->oserial = r->order + n;
	r->freel = r->oserial + n;
	for (size_t i = 0; i < n; i++) {
		if (o.flags & AK_REASM_PREALLOC)
			ak__arena_init(&r->slots[i].arena, mem + off_arena + i * per, per);
		else
			ak__arena_init(&r->slots[i].arena, NULL, 0);
		r->freel[i] = (uint32_t)(n - 1 - i);
	}
	r->nfree = n;
	r->st.mem = total;
	r->st.allocs = 1;
	*out = r;
	return 0;
}

void ak_reasm_free(struct ak_reasm *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->o.max_in_flight; i++)
		if (r->slots[i].owned)
			r->o.free(r->slots[i].arena.base, r->slots[i].arena.cap, r->o.alloc_data);
	r->o.free(r, r->memsz, r->o.alloc_data);
}

static void warn(struct ak_reasm *r, int what, uint32_t serial)
{
	if (r->ops->warn)
		r->ops->warn(what, serial, r->data);
}

static void call_event(struct ak_reasm *r, const struct ak_rec *recs, size_t n, unsigned flags)
{
	int ret;

	r->st.events++;
	ret = r->ops->event(recs, n, flags, r->data);
	if (ret < 0 && !r->err)
		r->err = ret;
}

static void release_slot(struct ak_reasm *r, uint32_t idx)
{
	struct slot *s = &r->slots[idx];

	ak__arena_reset(&s->arena);
	s->nrec = 0;
	s->flags = 0;
	r->freel[r->nfree++] = idx;
}

/* A hash of a node name: events and serials are keyed by (node, serial).
 * Eight bytes a step (every record of a node-prefixed log hashes its name). */
static uint64_t node_hash(const struct ak_str *node)
{
	uint64_t h = 14695981039346656037ull ^ node->n;
	size_t i = 0;

	if (node->n < 8) {
		for (; i < node->n; i++)
			h = (h ^ (unsigned char)node->p[i]) * 1099511628211ull;
		return h;
	}
	/* whole words, the last one overlapping the one before */
	for (;; i += 8) {
		uint64_t w;

		if (i + 8 > node->n)
			i = node->n - 8;
		memcpy(&w, node->p + i, 8);
		h = (h ^ w) * 1099511628211ull;
		h ^= h >> 29;
		if (i + 8 == node->n)
			return h;
	}
}

/* The accounting entry of @node; a new one (no baseline) replaces the least used. */
static struct acct *acct_of(struct ak_reasm *r, uint64_t node)
{
	struct acct *a = &r->acct[0];

	for (size_t i = 0; i < NODES; i++) {
		if (r->acct[i].have && r->acct[i].node == node) {
			a = &r->acct[i];
			goto found;
		}
		if (!r->acct[i].have || r->acct[i].used < a->used)
			a = &r->acct[i];
		if (!a->have)
			break;
	}
	a->have = 0;
	a->node = node;
found:
	a->used = ++r->acct_clock;
	return a;
}

/* Deliver the oldest event in flight, in its turn, with lost/late accounting. */
static void deliver_head(struct ak_reasm *r, unsigned how)
{
	uint32_t idx = r->order[0];
	struct slot *s = &r->slots[idx];
	unsigned flags = how | (s->flags & SLOT_HAD_PARTS);
	uint32_t type = s->nrec ? ((const struct ak_rec *)s->arena.base)->type : 0;
	struct acct *a;

	if (type >= AK_FIRST_DAEMON && type <= AK_LAST_DAEMON) {
		/* auditd numbers its own DAEMON_* records, apart from the kernel's
		 * serials: they take no part in loss accounting. */
		a = NULL;
	} else if (!(a = acct_of(r, s->node))->have) {
		a->have = 1;
	} else if (serial_lt(a->last, s->serial)) {
		uint32_t gap = s->serial - a->last - 1;

		if (gap) {
			r->st.lost += gap;
			if (r->ops->lost)
				r->ops->lost(gap, r->data);
		}
	} else if (s->sec < a->sec || (s->sec == a->sec && s->msec <= a->msec)) {
		/* At or before the last serial, and no newer: a straggler. */
		flags |= AK_REASM_EV_LATE;
		r->st.late++;
		warn(r, AK_REASM_W_LATE, s->serial);
		a = NULL;
	} else {
		/* The serial went back but time went forward: the counter restarted. */
		r->st.resyncs++;
		warn(r, AK_REASM_W_RESYNC, s->serial);
	}
	if (a) {
		a->last = s->serial;
		a->sec = s->sec;
		a->msec = s->msec;
	}
	if (how & AK_REASM_EV_TIMEOUT)
		r->st.timeouts++;
	if (how & AK_REASM_EV_EVICTED)
		r->st.evicted++;

	/* Unlink first: the callback may not re-enter, but keep the state sane anyway. */
	r->nused--;
	memmove(r->order, r->order + 1, r->nused * sizeof(*r->order));
	memmove(r->oserial, r->oserial + 1, r->nused * sizeof(*r->oserial));
	r->st.in_flight = r->nused;
	/* A slot emptied by an oversized record has nothing left to show. */
	if (s->nrec)
		call_event(r, (const struct ak_rec *)s->arena.base, s->nrec, flags);
	release_slot(r, idx);
}

/* Deliver what a slot holds now, out of turn, because a limit was hit. */
static void deliver_part(struct ak_reasm *r, struct slot *s, int why)
{
	unsigned flags = AK_REASM_EV_PART | (s->flags & SLOT_HAD_PARTS);

	warn(r, why, s->serial);
	r->st.parts++;
	call_event(r, (const struct ak_rec *)s->arena.base, s->nrec, flags);
	ak__arena_reset(&s->arena);
	s->nrec = 0;
	s->flags |= SLOT_HAD_PARTS;
}

static void drain(struct ak_reasm *r, uint64_t now)
{
	while (r->nused) {
		struct slot *s = &r->slots[r->order[0]];

		if (s->flags & (SLOT_DONE_EOE | SLOT_DONE_LAST))
			deliver_head(r, s->flags & (SLOT_DONE_EOE | SLOT_DONE_LAST));
		else if (now >= s->deadline)
			deliver_head(r, AK_REASM_EV_TIMEOUT);
		else
			break;
	}
}

static long find(const struct ak_reasm *r, uint32_t serial, uint64_t node)
{
	/* Newer than every serial in flight: a new event (the common miss). */
	if (r->nused && serial_lt(r->oserial[r->nused - 1], serial))
		return -1;
	/* Newest first: records of one event mostly arrive together. */
	for (size_t i = r->nused; i-- > 0;)
		if (r->oserial[i] == serial && r->slots[r->order[i]].node == node)
			return (long)i;
	return -1;
}

/* A new slot for @serial, placed in order; the window has room. */
static struct slot *insert(struct ak_reasm *r, const struct ak_rec *rec, uint64_t node,
			   uint64_t now)
{
	uint32_t idx = r->freel[--r->nfree];
	struct slot *s = &r->slots[idx];
	size_t k = r->nused;

	while (k > 0 && serial_lt(rec->serial, r->oserial[k - 1]))
		k--;
	memmove(r->order + k + 1, r->order + k, (r->nused - k) * sizeof(*r->order));
	memmove(r->oserial + k + 1, r->oserial + k, (r->nused - k) * sizeof(*r->oserial));
	r->order[k] = idx;
	r->oserial[k] = rec->serial;
	r->nused++;
	r->st.in_flight = r->nused;
	if (r->nused > r->st.in_flight_max)
		r->st.in_flight_max = r->nused;
	s->serial = rec->serial;
	s->node = node;
	s->sec = rec->sec;
	s->msec = rec->msec;
	s->nrec = 0;
	s->flags = 0;
	s->deadline = now + r->o.timeout_ms;
	return s;
}

/* Is @s inside @outer?  (Unsigned offsets: one compare catches p < outer.) */
static inline int inside(const struct ak_str *outer, const struct ak_str *s)
{
	uintptr_t off = (uintptr_t)s->p - (uintptr_t)outer->p;

	return s->p && outer->p && off <= outer->n && s->n <= outer->n - off;
}

static int reloc_slow(struct ak__arena *a, struct ak_str *s, const char *dst_line);

/* Re-point @s (relative to @src_line) into the copy at @dst_line, or copy it. */
static inline int reloc(struct ak__arena *a, struct ak_str *s, const struct ak_str *src_line,
			const char *dst_line)
{
	if (__builtin_expect(inside(src_line, s), 1)) {
		s->p = dst_line + (s->p - src_line->p);
		return 0;
	}
	return reloc_slow(a, s, dst_line);
}

/* A slice outside the line (a caller's own construction): copy its bytes too. */
static int reloc_slow(struct ak__arena *a, struct ak_str *s, const char *dst_line)
{
	char *p;

	if (!s->n) {
		s->p = dst_line;
		return 0;
	}
	p = ak__arena_hi(a, s->n, 1);
	if (!p)
		return -1;
	memcpy(p, s->p, s->n);
	s->p = p;
	return 0;
}

/* reloc() for the header slices, with the field loop's offset checks (a
 * NULL slice or line goes to reloc_slow(), as inside() would send it, but
 * for an empty slice of a NULL empty line, which both point at the copy). */
static inline int reloc_hdr(struct ak__arena *a, struct ak_str *s, const struct ak_str *src_line,
			    const char *dst_line)
{
	uintptr_t off = (uintptr_t)s->p - (uintptr_t)src_line->p;

	if (__builtin_expect(off <= src_line->n && s->n <= src_line->n - off, 1)) {
		s->p = dst_line + off;
		return 0;
	}
	return reloc_slow(a, s, dst_line);
}

/* Copy @src into the slot's arena; -1 (and the arena as before) if it does not fit. */
static int copy_rec(struct slot *s, const struct ak_rec *src)
{
	struct ak__arena *a = &s->arena;
	struct ak__arena saved = *a;
	struct ak_rec *dst;
	struct ak_field *f = NULL;
	char *line;

	dst = ak__arena_lo(a, sizeof(*dst), _Alignof(struct ak_rec));
	if (!dst)
		goto full;
	*dst = *src;
	line = ak__arena_hi(a, src->line.n, 1);
	if (!line)
		goto full;
	if (src->line.n)
		memcpy(line, src->line.p, src->line.n);
	dst->line.p = line;
	if (reloc_hdr(a, &dst->type_name, &src->line, line) ||
	    reloc_hdr(a, &dst->node, &src->line, line) || reloc_hdr(a, &dst->msg, &src->line, line) ||
	    reloc_hdr(a, &dst->body, &src->line, line))
		goto full;
	if (!src->fields)
		dst->nfields = 0; /* a record built by hand without its array */
	if (dst->nfields) {
		if (src->nfields > SIZE_MAX / sizeof(*f))
			goto full;
		f = ak__arena_hi(a, src->nfields * sizeof(*f), _Alignof(struct ak_field));
		if (!f)
			goto full;
		/* The hot loop: a parsed record's slices all lie in its line, so
		 * each field is two offset checks and two additions.  (A NULL
		 * slice fails the checks, as its offset wraps past ln, unless
		 * the line itself is NULL and empty: then an empty slice is
		 * pointed at the copy, as reloc_slow() would do too.) */
		uintptr_t base = (uintptr_t)src->line.p;
		size_t ln = src->line.n, nf = src->nfields;
		const struct ak_field *restrict sfs = src->fields;
		struct ak_field *restrict dfs = f;

		/* (four fields a round: the loop's own work is a tenth of a field's) */
#pragma GCC unroll 4
		for (size_t i = 0; i < nf; i++) {
			uintptr_t ko = (uintptr_t)sfs[i].key.p - base;
			uintptr_t vo = (uintptr_t)sfs[i].val.p - base;
			size_t kn = sfs[i].key.n, vn = sfs[i].val.n;

			dfs[i].key.n = kn;
			dfs[i].val.n = vn;
			dfs[i].flags = sfs[i].flags;
			if (__builtin_expect(ko <= ln && kn <= ln - ko && vo <= ln && vn <= ln - vo, 1)) {
				dfs[i].key.p = line + ko;
				dfs[i].val.p = line + vo;
			} else {
				dfs[i].key.p = sfs[i].key.p;
				dfs[i].val.p = sfs[i].val.p;
				if (reloc(a, &dfs[i].key, &src->line, line) ||
				    reloc(a, &dfs[i].val, &src->line, line))
					goto full;
			}
		}
	}
	dst->fields = f;
	s->nrec++;
	return 0;
full:
	*a = saved;
	return -1;
}

static void fix(struct ak_str *s, uintptr_t lo, uintptr_t hi, intptr_t delta)
{
	uintptr_t p = (uintptr_t)s->p;

	if (s->p && p >= lo && p <= hi)
		s->p = (const char *)(p + (uintptr_t)delta);
}

/* Double the slot's arena (up to max_bytes); -1 when at the limit or out of memory. */
static int grow(struct ak_reasm *r, struct slot *s)
{
	struct ak__arena *a = &s->arena;
	size_t ocap = a->cap, ncap = ocap ? ocap * 2 : ARENA_START;
	uintptr_t lo = (uintptr_t)a->base + a->hi, hi = (uintptr_t)a->base + a->cap;
	void *old = a->base, *nb;
	struct ak_rec *recs;
	intptr_t delta;

	if (ocap >= r->o.max_bytes)
		return -1;
	if (ncap > r->o.max_bytes || ncap < ocap)
		ncap = r->o.max_bytes;
	nb = r->o.alloc(ncap, r->o.alloc_data);
	if (!nb)
		return -1;
	r->st.allocs++;
	delta = ak__arena_move(a, nb, ncap);
	recs = (struct ak_rec *)a->base;
	for (uint32_t i = 0; i < s->nrec; i++) {
		struct ak_rec *rec = &recs[i];

		fix(&rec->type_name, lo, hi, delta);
		fix(&rec->node, lo, hi, delta);
		fix(&rec->line, lo, hi, delta);
		fix(&rec->msg, lo, hi, delta);
		fix(&rec->body, lo, hi, delta);
		if (rec->fields) {
			uintptr_t f = (uintptr_t)rec->fields + (uintptr_t)delta;

			rec->fields = (struct ak_field *)f;
			for (size_t j = 0; j < rec->nfields; j++) {
				fix(&rec->fields[j].key, lo, hi, delta);
				fix(&rec->fields[j].val, lo, hi, delta);
			}
		}
	}
	if (s->owned)
		r->o.free(old, ocap, r->o.alloc_data);
	else
		ocap = 0; /* the preallocated block stays */
	s->owned = 1;
	r->st.mem += ncap - ocap;
	return 0;
}

/* Copy @rec into the slot, growing its arena as needed; -1 if it cannot fit. */
static int store(struct ak_reasm *r, struct slot *s, const struct ak_rec *rec)
{
	while (copy_rec(s, rec) < 0)
		if (grow(r, s) < 0)
			return -1;
	return 0;
}

static int finish(struct ak_reasm *r)
{
	int err = r->err;

	r->err = 0;
	if (err < 0)
		errno = -err;
	return err;
}

/*
 * Does a record of @type end its event?  Alone in their event: user-space and
 * daemon messages, and the kernel records logged with no syscall context
 * (audit_log_start(NULL, ...)): NETFILTER_PKT from xt_AUDIT, ANOM_ABEND from
 * the core dump path, SECCOMP from syscall entry (before the syscall's own
 * audit context starts) and KERNEL at audit initialisation.
 */
static unsigned ends_event(const struct ak_reasm *r, uint32_t type)
{
	if (type == AUDIT_USER || (type >= AUDIT_FIRST_USER_MSG && type <= AK_LAST_DAEMON) ||
	    type == AUDIT_NETFILTER_PKT || type == AUDIT_SECCOMP || type == AUDIT_ANOM_ABEND ||
	    type == AUDIT_KERNEL || (type >= AUDIT_FIRST_USER_MSG2 && type <= AUDIT_LAST_USER_MSG2))
		return SLOT_DONE_LAST;
	if (type == AUDIT_PROCTITLE && (r->o.eoe_mode == AK_REASM_EOE_NEVER ||
					(r->o.eoe_mode == AK_REASM_EOE_AUTO && !r->seen_eoe)))
		return SLOT_DONE_LAST;
	return 0;
}

int ak_reasm_push(struct ak_reasm *r, const struct ak_rec *rec, uint64_t now)
{
	struct slot *s;
	uint64_t node;
	int copied;
	long i;

	if (!r || !rec) {
		errno = EINVAL;
		return -EINVAL;
	}
	r->st.records++;
	node = rec->node.n ? node_hash(&rec->node) : 0;
	i = find(r, rec->serial, node);
	if (rec->type == AUDIT_EOE) {
		r->seen_eoe = 1;
		if (i < 0)
			r->st.eoe_orphans++;
		else
			r->slots[r->order[i]].flags |= SLOT_DONE_EOE;
		drain(r, now);
		return finish(r);
	}
	if (i < 0) {
		if (!r->nfree) {
			warn(r, AK_REASM_W_EVICTED, r->oserial[0]);
			deliver_head(r, AK_REASM_EV_EVICTED);
		}
		s = insert(r, rec, node, now);
	} else {
		s = &r->slots[r->order[i]];
	}

	if (s->nrec >= r->o.max_records)
		deliver_part(r, s, AK_REASM_W_RECORDS);
	copied = store(r, s, rec) == 0;
	if (!copied && s->nrec) {
		deliver_part(r, s, AK_REASM_W_BYTES);
		copied = store(r, s, rec) == 0;
	}
	if (!copied) {
		/* Larger than a whole arena: hand it over as it is, uncopied. */
		warn(r, AK_REASM_W_OVERSIZE, rec->serial);
		r->st.oversize++;
		call_event(r, rec, 1,
			   AK_REASM_EV_OVERSIZE | AK_REASM_EV_PART | (s->flags & SLOT_HAD_PARTS));
		s->flags |= SLOT_HAD_PARTS;
	}
	if (ak__arena_used(&s->arena) > r->st.bytes_max)
		r->st.bytes_max = ak__arena_used(&s->arena);
	s->deadline = now + r->o.timeout_ms;
	s->flags |= ends_event(r, rec->type);
	drain(r, now);
	return finish(r);
}

int ak_reasm_tick(struct ak_reasm *r, uint64_t now)
{
	if (!r) {
		errno = EINVAL;
		return -EINVAL;
	}
	drain(r, now);
	return finish(r);
}

int ak_reasm_flush(struct ak_reasm *r)
{
	if (!r) {
		errno = EINVAL;
		return -EINVAL;
	}
	while (r->nused) {
		struct slot *s = &r->slots[r->order[0]];
		unsigned done = s->flags & (SLOT_DONE_EOE | SLOT_DONE_LAST);

		deliver_head(r, done ? done : AK_REASM_EV_FLUSH);
	}
	return finish(r);
}

uint64_t ak_reasm_deadline(const struct ak_reasm *r)
{
	if (!r || !r->nused)
		return UINT64_MAX;
	return r->slots[r->order[0]].deadline;
}

void ak_reasm_stats(const struct ak_reasm *r, struct ak_reasm_stats *st)
{
	if (r && st)
		*st = r->st;
}
