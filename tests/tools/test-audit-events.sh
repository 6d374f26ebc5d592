#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The auditkit authors
# audit -i without root: a scripted "kernel" on a socketpair (-kernel-fd) sends netlink audit
# records; audit -i must write one coalesced event per serial, at once when EOE arrives, on
# timeout when the kernel goes quiet, report lost serials, and flush what is left on SIGTERM.
O=${O:-build}
if ! command -v python3 >/dev/null 2>&1; then
	echo "SKIP audit_events: python3 not installed"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
fi
# fakekernel.py, next to this script
PYTHONPATH="$(cd "$(dirname "$0")" && pwd)${PYTHONPATH:+:$PYTHONPATH}"
export PYTHONPATH PYTHONDONTWRITEBYTECODE=1
exec python3 - "$O/audit" <<'EOF'
import json, os, select, signal, subprocess, sys, time
import fakekernel as fk

audit = sys.argv[1]
checks = fk.Checks()
result = checks.result

k = fk.FakeKernel(serve=False)    # only sends
p = fk.spawn([audit, "-ro", "-kernel-fd", k.fd, "-i", "-id=false", "-format=json"], [k],
             wait=False, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
out = b""


def send(typ, serial, body):
    # nlmsg_len with the header, unlike the real kernel's records: audit takes both
    k.event(typ, "audit(1700000000.100:%d): %s" % (serial, body), whole_len=True)


def events_within(seconds, want):
    """Read stdout until `want` events in total have arrived or time runs out."""
    global out
    end = time.time() + seconds
    while out.count(b"\n") < want:
        left = end - time.time()
        if left <= 0:
            break
        r, _, _ = select.select([p.stdout], [], [], left)
        if r:
            chunk = os.read(p.stdout.fileno(), 65536)
            if not chunk:
                break
            out += chunk
    return [json.loads(l) for l in out.decode().splitlines() if l.strip()]


SYSCALL, EXECVE, PATH, CWD, EOE, PROCTITLE = 1300, 1309, 1302, 1307, 1320, 1327
sys_body = ('arch=c000003e syscall=59 success=yes exit=0 a0=1 a1=2 a2=3 a3=4 items=1 ppid=1 '
            'pid=2 auid=1000 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts0 '
            'ses=1 comm="ls" exe="/usr/bin/ls" key="cmds"')
try:
    # 1. EOE ends the event at once; PROCTITLE does not end it (records after it still join).
    send(SYSCALL, 500, sys_body)
    send(EXECVE, 500, 'argc=2 a0="ls" a1="-l"')
    send(PROCTITLE, 500, "proctitle=6C73002D6C")
    send(CWD, 500, 'cwd="/root"')
    send(EOE, 500, "")
    # Timed from when audit has read them (it may still be starting, under valgrind for long).
    k.drained()
    ev = events_within(1.2, 1)
    result("eoe_completes_at_once", len(ev) == 1 and ev[0].get("sequence") == 500,
           "%d events within 1.2 s of audit reading the records" % len(ev))
    result("proctitle_not_last", len(ev) == 1 and ev[0].get("process", {}).get("cwd") == "/root"
           and ev[0].get("process", {}).get("args") == ["ls", "-l"],
           json.dumps(ev[0].get("process") if ev else None))

    # 2. No EOE: written when the 2 s timeout passes, while the socket stays open.
    send(SYSCALL, 501, sys_body)
    send(PATH, 501, 'item=0 name="/usr/bin/ls" inode=1 dev=08:01 mode=0100755 ouid=0 ogid=0 '
         'rdev=00:00 nametype=NORMAL')
    k.drained()
    early = len(events_within(0.5, 2))
    ev = events_within(4 * fk.SLOW, 2)
    result("quiet_kernel_timeout", early == 1 and len(ev) == 2 and ev[1].get("sequence") == 501,
           "%d events 0.5 s after audit read the records (want 1), %d by %g s (want 2)"
           % (early, len(ev), 0.5 + 4 * fk.SLOW))

    # 3. A gap in the serials is reported; the left-over event is flushed on SIGTERM.
    send(SYSCALL, 503, sys_body)
    send(EOE, 503, "")
    send(SYSCALL, 504, sys_body)
    ev = events_within(1.2 * fk.SLOW, 3)
    k.drained()     # 504 read, so it is audit's to flush
    p.send_signal(signal.SIGTERM)
    rest, err = p.communicate(timeout=10 * fk.SLOW)
    out += rest
    ev = [json.loads(l) for l in out.decode().splitlines() if l.strip()]
    seqs = [e.get("sequence") for e in ev]
    err = err.decode()
    result("lost_reported", "detected the loss of 1 sequences" in err, err)
    result("flush_on_stop", seqs == [500, 501, 503, 504] and p.returncode == 0,
           "sequences %s, exit %s" % (seqs, p.returncode))
finally:
    if p.poll() is None:
        p.kill()
        p.wait()

checks.finish()
EOF
