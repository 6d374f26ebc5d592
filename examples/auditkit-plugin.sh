#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The auditkit authors
# auditd plugin wrapper: records on stdin, coalesced events appended to $1 as JSON Lines.
# SIGTERM and SIGHUP (which auditd passes on) are ignored, and ignored signals stay ignored
# across exec: auparse ends at end of input, after writing out every event it holds.
# AUPARSE names the tool (Debian: auditkit-auparse).
out=${1:?usage: auditkit-plugin.sh OUTPUT-FILE}
PATH=/usr/local/bin:/usr/bin:/bin:$PATH
for p in "${AUPARSE:-}" auparse auditkit-auparse; do
	[ -n "$p" ] && command -v "$p" >/dev/null 2>&1 && break
done
trap '' TERM HUP
[ -n "${AUDITKIT_PLUGIN_PIDFILE:-}" ] && echo $$ >"$AUDITKIT_PLUGIN_PIDFILE"
umask 077
exec "$p" -i >>"$out"
