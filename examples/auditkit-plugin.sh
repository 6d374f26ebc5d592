#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The auditkit authors
# auditd plugin wrapper: records on stdin, coalesced events appended to $1 as JSON Lines.
# It appends (auparse -out truncates, and auditd restarts its plugins when it reloads) and finds
# the tool: AUPARSE, else auparse or auditkit-auparse (Debian's name) on PATH.  auparse -i
# itself handles the SIGTERM and SIGHUP that auditd passes on: it writes out the events it
# holds and exits.  AUDITKIT_PLUGIN_PIDFILE, if set, gets the plugin's pid (for tests).
out=${1:?usage: auditkit-plugin.sh OUTPUT-FILE}
PATH=/usr/local/bin:/usr/bin:/bin:$PATH
for p in "${AUPARSE:-}" auparse auditkit-auparse; do
	[ -n "$p" ] && command -v "$p" >/dev/null 2>&1 && break
done
[ -n "${AUDITKIT_PLUGIN_PIDFILE:-}" ] && echo $$ >"$AUDITKIT_PLUGIN_PIDFILE"
umask 077
exec "$p" -i >>"$out"
