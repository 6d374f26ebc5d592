/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AUDITKIT_REASM_H
#define AUDITKIT_REASM_H

/*
 * The reassembler: records in, events out.  The kernel gives every record of
 * one audited action the same serial number; records of different actions
 * interleave (one stream per CPU) and may arrive out of order.  The
 * reassembler groups records by serial, decides when a group is complete and
 * hands each group, in serial order, to a callback.
 *
 *	struct ak_reasm *r;
 *	static const struct ak_reasm_ops ops = { .event = on_event, .lost = on_lost };
 *	ak_reasm_new(&r, NULL, &ops, ctx);          // NULL options: the defaults
 *	for each parsed record:  ak_reasm_push(r, &rec, now_ms);
 *	when input is quiet:     ak_reasm_tick(r, now_ms);    (see ak_reasm_deadline)
 *	at the end:              ak_reasm_flush(r); ak_reasm_free(r);
 *
 * Memory.  ak_reasm_new() allocates max_in_flight slots; each slot has an
 * arena that holds its event's records (struct ak_rec, the field arrays and
 * the line bytes, copied, so the caller may reuse its line buffer as soon as
 * ak_reasm_push() returns).  An arena starts at 16 KiB on first use and
 * doubles when an event needs more, up to max_bytes; it is kept for the next
 * event of that slot.  So after a warm-up, when each slot has grown to the
 * largest event it sees, nothing is allocated: memory follows the events
 * actually seen and never exceeds about max_in_flight * max_bytes.
 * AK_REASM_PREALLOC allocates all of that at creation instead (one block,
 * never touched until used), for callers that must not allocate later.
 *
 * When is an event complete?  In this order of preference:
 *  1. an EOE record for its serial (the kernel ends every syscall event with
 *     one).  EOE itself is not stored; an EOE for an unknown serial is ignored.
 *  2. a record type that is always alone in its event: user-space and daemon
 *     messages (1005 USER, 1100-1299, 2100-2999), and the kernel records
 *     logged without a syscall context: 1324 NETFILTER_PKT, 1326 SECCOMP,
 *     1701 ANOM_ABEND, 2000 KERNEL.  Unlike go-libaudit, 1006 LOGIN is not
 *     alone: kernels since 3.x log it inside the write(2) to
 *     /proc/self/loginuid, followed by SYSCALL, PROCTITLE, EOE; nor is
 *     1700 ANOM_PROMISCUOUS (logged inside the ioctl, as audit-userspace's
 *     "everything from 1700 is alone" rule gets wrong).
 *  3. PROCTITLE, but only while the stream has not shown an EOE yet
 *     (AK_REASM_EOE_AUTO, the default), or always (AK_REASM_EOE_NEVER).
 *     PROCTITLE is not always the last record: kernels with the LSM
 *     stacking audit changes log MAC_TASK_CONTEXTS (1425) after it, and
 *     io_uring events have no PROCTITLE at all.  So once a stream is known
 *     to carry EOE records (netlink always does) only EOE ends a syscall
 *     event.  Streams without EOE keep go-libaudit's rule: auditd's own
 *     logs (auditd 3.0.9 writes no EOE records), filtered logs and
 *     go-libaudit's test streams.  AK_REASM_EOE_ALWAYS ignores PROCTITLE
 *     from the start (use it for netlink).
 *  4. timeout: no record for timeout_ms.  The deadline moves with every
 *     record added (go-libaudit fixes it at the first record).
 *  5. the window is full: a record for a new serial when max_in_flight events
 *     are in flight delivers the oldest one first.
 *  6. ak_reasm_flush().
 *
 * Order.  Events are delivered in serial order (rollover-aware: serials
 * compare by their signed 32-bit difference, so 4294967295 < 0); a complete
 * event waits behind an older incomplete one until that one completes or
 * times out.  Records within an event keep their arrival order.
 *
 * Lost serials.  When event S is delivered after event P, S - P - 1 serials
 * (mod 2^32) were never seen: ops->lost() is told before S is delivered.  The
 * first event sets the baseline.  A serial at or before the last delivered one
 * is never counted as loss (go-libaudit reports ~4 billion there): if its
 * timestamp is not newer than the last delivered event's, it is a late
 * straggler, delivered as its own event with AK_REASM_EV_LATE and reported with
 * AK_REASM_W_LATE; if it is newer, the serial counter restarted (reboot inside
 * a log file): AK_REASM_W_RESYNC, and counting starts again from it.  Daemon
 * records (1200-1299: DAEMON_START, DAEMON_ROTATE...) carry auditd's own
 * numbers, not the kernel's, and are left out of this accounting.
 *
 * Limits.  A record that would take an event past max_records or max_bytes
 * (or past an arena that cannot grow for want of memory) first delivers the
 * records collected so far, at once and out of turn, with
 * AK_REASM_EV_PART (and a warning); the rest of that serial keeps collecting
 * and is delivered in its turn with AK_REASM_EV_CONT.  A single record larger
 * than a whole arena is delivered on its own, uncopied, with
 * AK_REASM_EV_OVERSIZE.  Nothing is ever dropped silently.
 *
 * Nodes.  Unlike go-libaudit, which keys by serial alone, records are keyed
 * by (node, serial): a log aggregated from several hosts (node=HOST prefixes,
 * each host with its own serial counter) keeps their events apart, and loss
 * is accounted per node, for up to 16 nodes at a time (a seventeenth replaces
 * the least recently seen, which then starts a new baseline).  Delivery order
 * is by serial across nodes, so each node's events come in its own order.
 *
 * Not thread-safe: one reassembler per thread.
 */

#include <auditkit/base.h>
#include <auditkit/record.h>

AK_BEGIN_DECLS

/* How an event came to be delivered, and what is special about it (flags). */
enum ak_reasm_ev_flag {
	AK_REASM_EV_EOE = 1u << 0,      /* ended by its EOE record */
	AK_REASM_EV_LAST = 1u << 1,     /* ended by a record type that ends events */
	AK_REASM_EV_TIMEOUT = 1u << 2,  /* no record for timeout_ms */
	AK_REASM_EV_EVICTED = 1u << 3,  /* window full: pushed out by a newer serial */
	AK_REASM_EV_FLUSH = 1u << 4,    /* ak_reasm_flush() */
	AK_REASM_EV_PART = 1u << 5,     /* a limit was hit: more of this serial follows */
	AK_REASM_EV_CONT = 1u << 6,     /* earlier parts of this serial were delivered */
	AK_REASM_EV_LATE = 1u << 7,     /* serial at or before one already delivered */
	AK_REASM_EV_OVERSIZE = 1u << 8, /* one record larger than max_bytes, alone */
};

/* What ops->warn() reports. */
enum ak_reasm_warn {
	AK_REASM_W_LATE = 1,     /* a record for a serial already delivered */
	AK_REASM_W_RESYNC,       /* serial went back with a newer time: counter restarted */
	AK_REASM_W_RECORDS,      /* max_records hit: event delivered in parts */
	AK_REASM_W_BYTES,        /* max_bytes hit: event delivered in parts */
	AK_REASM_W_OVERSIZE,     /* one record larger than max_bytes */
	AK_REASM_W_EVICTED,      /* window full: event delivered before completion */
};

enum ak_reasm_eoe_mode {
	AK_REASM_EOE_AUTO = 0,   /* PROCTITLE ends an event until an EOE has been seen */
	AK_REASM_EOE_ALWAYS,     /* the stream has EOE records: PROCTITLE never ends one */
	AK_REASM_EOE_NEVER,      /* the stream lacks EOE: PROCTITLE always ends one */
};

enum ak_reasm_flag {
	AK_REASM_PREALLOC = 1u << 0, /* every arena at full size in ak_reasm_new() */
};

#define AK_REASM_DEF_IN_FLIGHT 64
#define AK_REASM_DEF_RECORDS 2048
#define AK_REASM_DEF_BYTES (1u << 20)
#define AK_REASM_DEF_TIMEOUT_MS 2000

/*
 * Options; zero fields take the defaults above.  Set sz = sizeof(struct
 * ak_reasm_opts): fields added later are then zero for older callers.
 */
struct ak_reasm_opts {
	size_t sz;
	size_t max_in_flight;   /* events collecting at once (the window) */
	size_t max_records;     /* records per event */
	size_t max_bytes;       /* arena per event: records + field arrays + line bytes */
	uint32_t timeout_ms;    /* quiet time after which an event is complete */
	unsigned eoe_mode;      /* enum ak_reasm_eoe_mode */
	unsigned flags;         /* enum ak_reasm_flag */
	/* Optional allocator (memory aligned as malloc's); NULL: malloc/free. */
	void *(*alloc)(size_t size, void *data);
	void (*free)(void *p, size_t size, void *data);
	void *alloc_data;
};

struct ak_reasm_ops {
	/*
	 * One event: @n >= 1 records of one serial, in arrival order, and
	 * enum ak_reasm_ev_flag @flags.  Borrowed until return.  Return 0 or
	 * AK_CB_OK; a negative errno is returned by the push/tick/flush call
	 * that delivered the event (delivery of other due events goes on).
	 */
	int (*event)(const struct ak_rec *recs, size_t n, unsigned flags, void *data);
	/* @count serials were skipped just before the event delivered next.  Optional. */
	void (*lost)(uint64_t count, void *data);
	/* Something unusual about @serial (enum ak_reasm_warn).  Optional. */
	void (*warn)(int what, uint32_t serial, void *data);
};

struct ak_reasm_stats {
	uint64_t records;     /* records pushed (EOE included) */
	uint64_t events;      /* event callbacks made (parts included) */
	uint64_t lost;        /* serials reported lost */
	uint64_t late;        /* events delivered with AK_REASM_EV_LATE */
	uint64_t resyncs;     /* AK_REASM_W_RESYNC */
	uint64_t parts;       /* deliveries with AK_REASM_EV_PART */
	uint64_t oversize;    /* AK_REASM_EV_OVERSIZE */
	uint64_t evicted;     /* AK_REASM_EV_EVICTED */
	uint64_t timeouts;    /* AK_REASM_EV_TIMEOUT */
	uint64_t eoe_orphans; /* EOE records for no serial in flight */
	size_t in_flight;     /* events collecting now */
	size_t in_flight_max; /* high-water mark */
	size_t bytes_max;     /* largest arena use by one event */
	size_t mem;           /* bytes allocated now */
	uint64_t allocs;      /* allocations made (creation and arena growth) */
};

struct ak_reasm;

/**
 * ak_reasm_new - create a reassembler.
 * @out: the new object.  @opts: NULL for the defaults.  @ops: callbacks (event
 * required), must outlive the object.  @data: passed to every callback.
 * Returns 0, -EINVAL (no ops or ops->event), -ERANGE (a limit too small or
 * the total too large; max_bytes must be at least 1024; it is rounded down to
 * a multiple of 64), -ENOMEM.
 */
AK_EXPORT int ak_reasm_new(struct ak_reasm **out, const struct ak_reasm_opts *opts,
			   const struct ak_reasm_ops *ops, void *data);

/** ak_reasm_free - release everything; events still in flight are discarded (flush first). */
AK_EXPORT void ak_reasm_free(struct ak_reasm *r);

/**
 * ak_reasm_push - add one record (copied) at time @now_ms (any monotonic clock,
 * in milliseconds; it must not go backwards).  Delivers whatever became due.
 * Returns 0, -EINVAL for a NULL record, or the first negative value an event
 * callback returned.
 */
AK_EXPORT int ak_reasm_push(struct ak_reasm *r, const struct ak_rec *rec, uint64_t now_ms);

/** ak_reasm_tick - deliver events that timed out by @now_ms.  Returns as ak_reasm_push(). */
AK_EXPORT int ak_reasm_tick(struct ak_reasm *r, uint64_t now_ms);

/** ak_reasm_flush - deliver every event in flight, in order (end of input). */
AK_EXPORT int ak_reasm_flush(struct ak_reasm *r);

/**
 * ak_reasm_deadline - when the next timeout falls (the clock of @now_ms), or
 * UINT64_MAX when nothing is in flight.  A reader waiting for input should
 * wake up then and call ak_reasm_tick().
 */
AK_EXPORT uint64_t ak_reasm_deadline(const struct ak_reasm *r);

/** ak_reasm_stats - counters since creation. */
AK_EXPORT void ak_reasm_stats(const struct ak_reasm *r, struct ak_reasm_stats *st);

AK_END_DECLS

#endif
