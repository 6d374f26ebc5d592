/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AKT_EVENTS_H
#define AKT_EVENTS_H

/*
 * `-i` for the tools: parsed records in, coalesced events out.
 *
 *	record --push--> reassembler --event--> coalesce [--> resolve ids] --> JSON/YAML/text
 *
 * Time is CLOCK_MONOTONIC.  A reader that may block (a pipe, a socket) calls
 * akt_events_wait() before each blocking read: it sleeps in poll(2) until the
 * fd is readable, delivering events whose timeout passes meanwhile, so the
 * last event of a burst is written when its timeout expires, not when the next
 * line arrives.  Lost serials and reassembly warnings go to stderr.
 */

#include <stdint.h>

#include <auditkit/record.h>

#include "lineio.h"

enum akt_ev_fmt { AKT_EV_JSON, AKT_EV_YAML, AKT_EV_TEXT };

struct akt_events_opts {
	const char *prog;     /* for messages */
	int fmt;              /* enum akt_ev_fmt */
	int resolve_ids;      /* go-libaudit's -id */
	unsigned eoe_mode;    /* enum ak_reasm_eoe_mode (0: auto) */
	uint32_t timeout_ms;  /* 0: the reassembler's default (2 s) */
	size_t max_in_flight; /* 0: the reassembler's default */
};

struct akt_events;

int akt_events_new(struct akt_events **out, struct akt_out *o, const struct akt_events_opts *opts);
void akt_events_free(struct akt_events *e);
/** Push one parsed record; events that complete are written to the output. */
int akt_events_push(struct akt_events *e, const struct ak_rec *rec);
/** Deliver what timed out by now (for callers with their own poll loop). */
int akt_events_tick(struct akt_events *e);
/** Milliseconds until the next timeout (-1: none pending), for poll(2). */
int akt_events_timeout(const struct akt_events *e);
/**
 * Wait until @fd is readable, delivering timed-out events (and flushing the
 * output) meanwhile.  Signature of struct akt_lines' wait hook; @data is the
 * struct akt_events.  Returns 0 or -errno.
 */
int akt_events_wait(int fd, void *data);
/**
 * Stop cleanly on SIGINT, SIGTERM or SIGHUP (auditd stops its plugins with
 * SIGTERM): they are blocked except while akt_events_wait() waits, which then
 * returns -ECANCELED; the caller flushes (akt_events_flush) and exits 0.
 * Once called, akt_events_wait() also waits (in ppoll) when nothing is
 * pending, so a stop is seen even while the input is idle.  Returns 0 or -errno.
 */
int akt_events_catch_signals(void);
/** The signal that asked to stop, or 0. */
int akt_events_stop_signal(void);
/** End of input: deliver everything still in flight. */
int akt_events_flush(struct akt_events *e);

#endif
