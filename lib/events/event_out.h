/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AK_EVENTS_EVENT_OUT_H
#define AK_EVENTS_EVENT_OUT_H

/* Shared by the event formatters (event_json.c, event_yaml.c, event_text.c). */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* RFC3339Nano ("2017-04-21T18:53:19.05Z") or, with @go_string, Go's
 * time.String() of a UTC time ("2017-04-21 18:53:19.05 +0000 UTC").
 * @cap >= 40.  Returns the length or -ERANGE (also for years beyond 0..9999). */
int ak__ev_time(char *dst, size_t cap, int64_t sec, uint32_t msec, bool go_string);
/* "SYSCALL" / "UNKNOWN[1340]", lower-cased with @lower. */
const char *ak__ev_type_name(uint32_t type, char *buf, size_t cap, bool lower);
/* "ingress", "egress" or "unknown". */
const char *ak__ev_direction(int dir);

struct ak_json;
struct ak_event;
/* ak_event_json() written straight into the buffer (event_json_fast.c): 0,
 * or -1 with @w untouched when the buffer lacks room for the worst case or
 * the writer is not at the top level; then the general path writes it. */
int ak__event_json_fast(struct ak_json *w, const struct ak_event *ev, unsigned flags);

#endif
