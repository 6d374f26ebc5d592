/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AK_TOOLS_AUDIT_LOST_H
#define AK_TOOLS_AUDIT_LOST_H

/*
 * audit receive -lost-interval: the kernel's own loss (backlog overflow, rate
 * limit, hold-queue overflow: the `lost` counter of AUDIT_GET), read every N
 * seconds while receiving, so a long-running daemon reports it when it
 * happens and not only at exit (auditbeat's kernel_lost metric).
 *
 * The status request goes out on a socket of its own (the control socket),
 * never on the receiving one: there a reply would queue behind a flood of
 * events (go-libaudit #125).  Nothing here blocks: the request is sent, the
 * reply is read without waiting when the loop next looks (ppoll watches the
 * socket while a request is out), and a request unanswered after its
 * timeout is reported once and given up; the next interval tries again.
 *
 * Every reading is compared with the one before: growth is reported on
 * stderr (and, with -format=json, as an AUDITKIT_LOST line in the output);
 * a counter that went down was reset (auditctl --reset-lost) and is reported
 * as a reset, its new value counted as lost since then.
 */

#include <stdint.h>

#include "audit.h"
#include "../common/lineio.h"

struct audit_lost {
	struct ak_nl *nl;        /* the status socket (borrowed); NULL: polling off */
	struct akt_out *json;    /* -format=json: loss markers go here too; else NULL */
	int debug;
	int64_t interval_ms;     /* between requests; 0: only the start and exit readings */
	int64_t timeout_ms;      /* a request unanswered this long is given up */
	int64_t next_ms;         /* CLOCK_MONOTONIC ms: next request */
	int64_t deadline_ms;     /* pending request given up at */
	int64_t check_ms;        /* pending: next look for the reply */
	int64_t last_ms;         /* time of the last reading */
	int64_t due_since_ms;    /* a request due, held back until the socket is quiet */
	uint32_t seq;            /* the pending request's seq; 0: none out */
	uint32_t last;           /* the counter at the last reading */
	int have_last;
	int said_timeout;
	uint64_t total;          /* records the kernel lost this session, by the readings */
	uint64_t readings;       /* replies read, the start and exit readings included */
	uint64_t unanswered;     /* requests given up */
	uint64_t resets;         /* times the counter went down */
	int failed;              /* polling stopped on an error (said once) */
	char *buf;               /* AK_NL_BUF_SIZE for replies */
};

/*
 * @nl: the status socket, or NULL (polling off; the summary says so).
 * @interval_s: -lost-interval.  @s0: the status read at start (the baseline),
 * or NULL (the first reply is the baseline).  Returns 0 or -ENOMEM.
 */
int audit_lost_init(struct audit_lost *l, struct ak_nl *nl, unsigned long interval_s,
		    const struct audit_status *s0, struct akt_out *json, int debug);
void audit_lost_free(struct audit_lost *l);

/* CLOCK_MONOTONIC in milliseconds. */
int64_t audit_lost_now(void);

/* Something is due at @now: a request to send, or a reply to look for. */
static inline int audit_lost_due(const struct audit_lost *l, int64_t now)
{
	return l->nl && l->interval_ms && now >= (l->seq ? l->check_ms : l->next_ms);
}

/* Milliseconds until audit_lost_due() (0: now), or -1 when never. */
int audit_lost_wait_ms(const struct audit_lost *l, int64_t now);

/* The socket to watch for POLLIN (a request is out), or -1. */
int audit_lost_poll_fd(const struct audit_lost *l);

/*
 * Do what is due: send a request, read replies (without waiting), give up a
 * request past its timeout.  @quiet: the receiving socket was just found
 * empty (see lost.c for why a request prefers that moment).  Warnings go to
 * stderr; markers to ->json.
 */
void audit_lost_run(struct audit_lost *l, int64_t now, int quiet);

/*
 * The exit reading @s (NULL when it could not be read): accounted like a
 * poll, so the session total covers the whole session.
 */
void audit_lost_final(struct audit_lost *l, const struct audit_status *s);

/* For the exit summary: "N" or ">= N (counter reset K times)", "off", ... */
void audit_lost_summary(const struct audit_lost *l, char *buf, size_t cap);

#endif
