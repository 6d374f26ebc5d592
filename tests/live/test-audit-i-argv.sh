#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The auditkit authors
# Live (root): `audit -ro -i` reads the kernel's multicast group while a command with many long
# arguments runs under an execve rule; exactly one event must carry that execve, and its
# process.args must equal the command's argv exactly (spaces, quotes, UTF-8, an empty
# argument, and an argument over the kernel's 7500-byte chunk size, which the kernel splits
# into aN[M] pieces across EXECVE records).
# Holds /tmp/auditkit-kernel.lock and restores the kernel's state (rule removed, enabled).
O=${O:-build}
if [ -z "${AK_LIVE_LOCKED:-}" ] && command -v flock >/dev/null 2>&1; then
	AK_LIVE_LOCKED=1 exec flock /tmp/auditkit-kernel.lock sh "$0" "$@"
fi
skip() { echo "SKIP audit_i_argv: $1"; echo "0 passed, 0 failed, 1 skipped"; exit 0; }
[ "$(id -u)" -eq 0 ] || skip "not root"
command -v auditctl >/dev/null 2>&1 || skip "auditctl not installed"
command -v python3 >/dev/null 2>&1 || skip "python3 not installed"
enabled=$(auditctl -s 2>/dev/null | sed -n 's/^enabled \([0-9]*\).*/\1/p')
[ -n "$enabled" ] || skip "kernel audit not available"
[ "$enabled" = 2 ] && skip "audit configuration is immutable"

tmp=$(mktemp -d)
key="ak-argv-$$"
cleanup() {
	auditctl -d always,exit -F arch=b64 -S execve -F key="$key" >/dev/null 2>&1
	[ "$enabled" = 0 ] && auditctl -e 0 >/dev/null 2>&1
	[ -n "${apid:-}" ] && kill "$apid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

"$O/audit" -ro -rcvbuf 33554432 -i -id=false -format=json -out "$tmp/events" 2>"$tmp/audit.err" &
apid=$!
sleep 0.5
[ "$enabled" = 0 ] && auditctl -e 1 >/dev/null
auditctl -a always,exit -F arch=b64 -S execve -F key="$key" >/dev/null ||
	{ echo "FAIL audit_i_argv: cannot add the rule"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }

# The command: /bin/true with 150 arguments, written down as JSON for the comparison.
python3 - "$tmp/argv.json" <<'EOF'
import json, os, sys
args = ["/bin/true", "", "two words", 'quo"te', "it's", "tab\there", "nl\nhere", "ünïcödé ✓"]
args += ["arg%03d-" % i + "x" * (1000 + 37 * i) for i in range(140)]
args += ["L" * 20000, "the end"]
json.dump(args, open(sys.argv[1], "w"))
pid = os.fork()
if pid == 0:
    os.execv("/bin/true", args)
os.waitpid(pid, 0)
json.dump({"argv": args, "pid": pid}, open(sys.argv[1], "w"))
EOF
sleep 2.5   # past the 2 s timeout, in case an EOE never comes
auditctl -d always,exit -F arch=b64 -S execve -F key="$key" >/dev/null
[ "$enabled" = 0 ] && auditctl -e 0 >/dev/null
kill -TERM "$apid"
wait "$apid"
apid=

python3 - "$tmp/argv.json" "$tmp/events" "$key" <<'EOF'
import json, sys
want = json.load(open(sys.argv[1]))
key = sys.argv[3]
evs = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
mine = [e for e in evs if key in e.get("tags", []) and e.get("process", {}).get("pid") == str(want["pid"])]
if len(mine) != 1:
    print("FAIL audit_i_argv: %d events for pid %s with key %s (of %d events)" %
          (len(mine), want["pid"], key, len(evs)))
    sys.exit(1)
got = mine[0].get("process", {}).get("args")
if got != want["argv"]:
    n = len(got or [])
    diff = next((i for i in range(min(n, len(want["argv"]))) if got[i] != want["argv"][i]), None)
    print("FAIL audit_i_argv: args differ: %d vs %d, first difference at %s: %r vs %r" %
          (n, len(want["argv"]), diff, (got[diff][:60] if diff is not None else None),
           (want["argv"][diff][:60] if diff is not None else None)))
    sys.exit(1)
print("ok audit_i_argv (%d arguments, %d bytes)" % (len(got), sum(len(a) for a in got)))
EOF
rc=$?
[ $rc -eq 0 ] && echo "1 passed, 0 failed, 0 skipped" || { sed 's/^/  audit: /' "$tmp/audit.err" | head; echo "0 passed, 1 failed, 0 skipped"; }
exit $rc
