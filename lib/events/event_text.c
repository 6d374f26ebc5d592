// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * go-libaudit's `auparse -i` text summary (cmd/auparse, spec §7.2):
 *
 *   ---
 *   time="2017-04-21 18:53:19.05 +0000 UTC" sequence=20294 category=audit-rule
 *   type=SYSCALL actor=unset/0 action=make-device thing=/run/x/ how=/usr/bin/x tags=[a b]
 *
 * (one line).  Values are escaped (\xHH for control bytes and invalid UTF-8)
 * so a crafted value cannot forge lines or terminal escapes.
 */

#include <auditkit/format.h>

#include "events/coalesce_int.h"
#include "events/event_out.h"

static void put(struct ak_json *w, struct ak_str v)
{
	if (v.n)
		ak_out_text_escaped(w, v.p, v.n);
}

AK_EXPORT int ak_event_text(struct ak_json *w, const struct ak_event *ev, unsigned flags)
{
	char buf[48];
	struct ak__sb b = { buf, 0, sizeof(buf) };

	(void)flags;
	ak_out_cstr(w, "---\ntime=\"");
	if (ak__ev_time(buf, sizeof(buf), ev->sec, ev->msec, true) > 0)
		ak_out_cstr(w, buf);
	ak_out_cstr(w, "\" sequence=");
	ak__sb_uint(&b, ev->serial);
	ak_out_bytes(w, buf, b.n);
	ak_out_cstr(w, " category=");
	ak_out_cstr(w, ev->category ? ev->category : "unknown");
	ak_out_cstr(w, " type=");
	ak_out_cstr(w, ak__ev_type_name(ev->type, buf, sizeof(buf), false));
	ak_out_cstr(w, " actor=");
	put(w, ev->summary.actor.primary);
	ak_out_cstr(w, "/");
	put(w, ev->summary.actor.secondary);
	ak_out_cstr(w, " action=");
	put(w, ev->summary.action);
	ak_out_cstr(w, " thing=");
	put(w, ev->summary.object.primary);
	ak_out_cstr(w, "/");
	put(w, ev->summary.object.secondary);
	ak_out_cstr(w, " how=");
	put(w, ev->summary.how);
	ak_out_cstr(w, " tags=[");
	for (size_t i = 0; i < ev->ntags; i++) {
		if (i)
			ak_out_cstr(w, " ");
		put(w, ev->tags[i]);
	}
	ak_out_cstr(w, "]\n");
	return 0;
}
