#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The auditkit authors
# auditd plugin wrapper: records on stdin, coalesced events appended to $1 as JSON Lines,
# rotated at 64 MiB keeping 5 files ($1.1 .. $1.5); more auparse flags after $1 override these
# (e.g. -rotate-size 0 to leave rotation to logrotate, which then sends SIGHUP: auparse reopens
# the file).  It finds the tool: AUPARSE, else auparse or auditkit-auparse (Debian's name) on
# PATH.  auparse -i itself handles the SIGTERM that auditd passes on: it writes out the events
# it holds and exits.  AUDITKIT_PLUGIN_PIDFILE, if set, gets the plugin's pid (for tests).
out=${1:?usage: auditkit-plugin.sh OUTPUT-FILE [AUPARSE-FLAGS...]}
shift
PATH=/usr/local/bin:/usr/bin:/bin:$PATH
for p in "${AUPARSE:-}" auparse auditkit-auparse; do
	[ -n "$p" ] && command -v "$p" >/dev/null 2>&1 && break
done
[ -n "${AUDITKIT_PLUGIN_PIDFILE:-}" ] && echo $$ >"$AUDITKIT_PLUGIN_PIDFILE"
exec "$p" -i -append -out "$out" -rotate-size 67108864 -rotate-keep 5 "$@"
