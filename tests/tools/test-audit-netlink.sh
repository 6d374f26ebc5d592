#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The auditkit authors
# The audit tool against a scripted fake kernel (no root): a python "kernel" on a
# socketpair (-kernel-fd) answers AUDIT_GET / AUDIT_SET / AUDIT_GET_FEATURE and sends
# events.  Checks: the unicast set-up go-libaudit does (enable, rate, backlog, pid),
# text lines in audit.log shape, -format=json equal to what auparse prints for those
# lines, flags in both spellings, -immutable only with -confirm-immutable (fake kernel
# only: tests never do it on the real one), counts on stderr and the PID released on
# SIGTERM, audit status (short reply) and audit set on the wire, usage exit codes.
O=${O:-build}
if ! command -v python3 >/dev/null 2>&1; then
	echo "SKIP audit_netlink: python3 not installed"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
fi
# fakekernel.py, next to this script
PYTHONPATH="$(cd "$(dirname "$0")" && pwd)${PYTHONPATH:+:$PYTHONPATH}"
export PYTHONPATH PYTHONDONTWRITEBYTECODE=1
exec python3 - "$O/audit" "$O/auparse" <<'EOF'
import json, os, signal, struct, subprocess, sys, time
import fakekernel as fk
from fakekernel import (AUDIT_GET, AUDIT_GET_FEATURE, AUDIT_SET, AUDIT_SET_FEATURE, M_BACKLOG,
                        M_ENABLED, M_FAILURE, M_LOST, M_PID, M_RATE, M_WAIT, NLM_F_ACK, wait_for)

audit, auparse = sys.argv[1], sys.argv[2]
checks = fk.Checks()
result = checks.result


class Kernel(fk.FakeKernel):
    """Answers requests in a thread; records every AUDIT_SET as a dict."""

    def __init__(self, status_len=44, enabled=0):
        self.status = dict(mask=0, enabled=enabled, failure=1, pid=0, rate_limit=0,
                           backlog_limit=64, lost=5, backlog=0, feature_bitmap=0x7f,
                           backlog_wait_time=60000, backlog_wait_time_actual=0)
        self.status_len = status_len
        self.sets = []
        self.features = []
        super().__init__()

    def handle(self, m):
        if m.type == AUDIT_GET:
            self.ack(m.seq)
            self.send(AUDIT_GET, m.seq, fk.pack_status(self.status, self.status_len))
        elif m.type == AUDIT_GET_FEATURE:
            self.ack(m.seq)
            self.send(AUDIT_GET_FEATURE, m.seq, struct.pack("=4I", 1, 3, 2, 0))
        elif m.type == AUDIT_SET:
            f = fk.unpack_status(m.body)
            s = dict(mask=f["mask"], enabled=f["enabled"], failure=f["failure"], pid=f["pid"],
                     rate_limit=f["rate_limit"], backlog_limit=f["backlog_limit"], lost=f["lost"],
                     wait=f["backlog_wait_time"], ack=bool(m.flags & NLM_F_ACK))
            self.sets.append(s)
            if s["mask"] & M_PID:
                self.status["pid"] = s["pid"]
            if m.flags & NLM_F_ACK:
                # AUDIT_STATUS_LOST: the kernel answers with the old count instead of 0
                self.ack(m.seq, 17 if s["mask"] == M_LOST else 0)
        elif m.type == AUDIT_SET_FEATURE:
            self.features.append(struct.unpack("=4I", m.body[:16]))
            self.ack(m.seq)
        elif m.flags & NLM_F_ACK:
            self.ack(m.seq)


def tool(args, kern, **kw):
    """audit ARGS -kernel-fd (the tool's end of @kern); subprocess.run, or Popen with wait=False."""
    return fk.spawn([audit] + args + ["-kernel-fd", kern.fd], [kern], **kw)


def start(args, kern):
    return tool(args, kern, wait=False, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


sys_body = ('audit(1700000000.100:%d): arch=c000003e syscall=59 success=yes exit=0 a0=1 a1=2 '
            'a2=3 a3=4 items=1 ppid=1 pid=2 auid=1000 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 '
            'sgid=0 fsgid=0 tty=pts0 ses=1 comm="ls" exe="/usr/bin/ls" key="cmds"')
events = [(1300, sys_body % 7), (1302, 'audit(1700000000.100:7): item=0 name="/usr/bin/ls" '
           'inode=1 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL'),
          (1327, "audit(1700000000.100:7): proctitle=6C73002D6C"),
          (1320, "audit(1700000000.100:7): "),
          (1340, "audit(1700000000.200:8): op=x"),          # no name: UNKNOWN[1340]
          (1105, "audit(1700000000.300:9): pid=1 uid=0 msg='line\nbreak \x1b[31m'")]
replies_and_junk = [(1329, "\xff\x39\0\0")]                # AUDIT_REPLACE: not printed

# 1. unicast text: set-up on the wire, lines, counts, PID released on SIGTERM
k = Kernel()
diag = "/tmp/auditkit-test-diag.%d" % os.getpid()
p = start(["-rate", "5", "-backlog=100", "-diag", diag], k)
ok = wait_for(lambda: any(s["mask"] == M_PID and s["pid"] for s in k.sets))
for t, text in events + replies_and_junk:
    k.event(t, text)
k.drained()             # audit has read them (under valgrind it may take a while) ...
time.sleep(0.3 * fk.SLOW)  # ... and written them
p.send_signal(signal.SIGTERM)
out, err = p.communicate(timeout=10 * fk.SLOW)
out, err = out.decode(), err.decode()
masks = [s["mask"] for s in k.sets]
result("unicast_setup", ok and masks[:4] == [M_ENABLED, M_RATE, M_BACKLOG, M_PID]
       and k.sets[0]["enabled"] == 1 and k.sets[1]["rate_limit"] == 5
       and k.sets[2]["backlog_limit"] == 100 and k.sets[3]["pid"] == p.pid, str(k.sets))
# the fake kernel's thread may still be reading the last requests
wait_for(lambda: any(s["mask"] == M_PID and s["pid"] == 0 for s in k.sets), 2.0)
rel = [s for s in k.sets if s["mask"] == M_PID and s["pid"] == 0]
result("pid_released_on_sigterm", p.returncode == 0 and len(rel) >= 1,
       "exit %s, releases %s" % (p.returncode, rel))
result("enabled_off_again", any(s["mask"] == M_ENABLED and s["enabled"] == 0 for s in k.sets[4:]),
       str(k.sets[4:]))
lines = out.splitlines()
want = ["type=SYSCALL msg=" + sys_body % 7,
        "type=PATH msg=" + events[1][1],
        "type=PROCTITLE msg=audit(1700000000.100:7): proctitle=6C73002D6C",
        "type=EOE msg=audit(1700000000.100:7): ",
        "type=UNKNOWN[1340] msg=audit(1700000000.200:8): op=x",
        "type=USER_START msg=audit(1700000000.300:9): pid=1 uid=0 msg='line\\x0abreak \\x1b[31m'"]
result("text_lines", lines == want, "\n".join(lines))
result("counts_on_stderr", "received 6 records" in err and "lost: kernel 0" in err, err)
try:
    raw = open(diag, "rb").read()
    os.unlink(diag)
except OSError:
    raw = b""
# every datagram as received: headers (the kernel's payload-only nlmsg_len) and payloads
first = struct.pack("=IHHII", len(events[0][1]), 1300, 0, 0, 0) + events[0][1].encode()
result("diag_raw_datagrams", first in raw and replies_and_junk[0][1].encode() in raw
       and all(t.encode() in raw for _, t in events), "%d bytes" % len(raw))
k.close()

# 2. JSON: the same records as auparse prints them from the text lines
k = Kernel(enabled=1)
p = start(["-d", "-format=json"], k)      # "sudo audit -d -format=json", as written
wait_for(lambda: any(s["mask"] == M_PID and s["pid"] for s in k.sets))
for t, text in events[:5]:
    k.event(t, text)
k.drained()             # audit has read them (under valgrind it may take a while) ...
time.sleep(0.3 * fk.SLOW)  # ... and written them
p.send_signal(signal.SIGINT)
jout, jerr = p.communicate(timeout=10 * fk.SLOW)
ap = subprocess.run([auparse, "-format=json"], input="\n".join(want[:5]).encode() + b"\n",
                    stdout=subprocess.PIPE)
result("json_equals_auparse", jout == ap.stdout and jout.count(b"\n") == 5,
       "audit:\n%s\nauparse:\n%s" % (jout.decode(), ap.stdout.decode()))
result("debug_and_no_enable", p.returncode == 0 and b"registering our PID" in jerr
       and not any(s["mask"] == M_ENABLED for s in k.sets), jerr.decode())
k.close()

# 3. GNU spelling, -ro (no control at all), -count
k = Kernel()
p = start(["--format", "json", "-ro", "--count=2"], k)
for t, text in events[:3]:
    k.event(t, text)
jout, jerr = p.communicate(timeout=10 * fk.SLOW)
result("gnu_flags_ro_count", p.returncode == 0 and jout.count(b"\n") == 2 and k.sets == [],
       "exit %s sets %s out %r" % (p.returncode, k.sets, jout[:200]))
k.close()

# 4. -immutable: refused without confirmation (nothing sent); with it, enabled=2 goes out
k = Kernel()
p = start(["-immutable"], k)
_, err = p.communicate(timeout=10 * fk.SLOW)
result("immutable_needs_confirmation", p.returncode == 2 and k.sets == []
       and b"confirm-immutable" in err, "exit %s sets %s" % (p.returncode, k.sets))
k.close()
k = Kernel(enabled=1)
p = start(["-immutable", "-confirm-immutable"], k)
wait_for(lambda: any(s["mask"] == M_PID and s["pid"] for s in k.sets))
p.send_signal(signal.SIGTERM)
p.communicate(timeout=10 * fk.SLOW)
wait_for(lambda: any(s["mask"] == M_PID and s["pid"] == 0 for s in k.sets), 2.0)
result("immutable_confirmed_fake_kernel_only",
       any(s["mask"] == M_ENABLED and s["enabled"] == 2 for s in k.sets), str(k.sets))
k.close()

# 5. the kernel goes away: exit 1 with a message
k = Kernel(enabled=1)
p = start([], k)
wait_for(lambda: any(s["mask"] == M_PID and s["pid"] for s in k.sets))
k.close()
_, err = p.communicate(timeout=10 * fk.SLOW)
result("kernel_gone_exit_1", p.returncode == 1, "exit %s: %s" % (p.returncode, err))

# 6. audit status: text like auditctl -s, json; an old kernel's 32-byte reply
k = Kernel(status_len=32)
r = tool(["status"], k, stdout=subprocess.PIPE)
txt = r.stdout.decode()
result("status_short_reply", r.returncode == 0 and txt == (
    "enabled 0\nfailure 1\npid 0\nrate_limit 0\nbacklog_limit 64\nlost 5\nbacklog 0\n"
    "loginuid_immutable 1 unlocked\n"), txt)
k.close()
k = Kernel()
r = tool(["status", "--format=json"], k, stdout=subprocess.PIPE)
try:
    st = json.loads(r.stdout)
except ValueError:
    st = {}
result("status_json", r.returncode == 0 and st.get("backlog_wait_time") == 60000
       and st.get("lost") == 5 and st.get("loginuid_immutable") == 1
       and st.get("loginuid_immutable_locked") is False, r.stdout.decode())
k.close()

# 7. audit set: one request per flag, in order; -reset-lost prints the old count
k = Kernel()
r = tool(["set", "-failure", "2", "-rate=9", "--backlog", "300", "-backlog-wait-time", "1000",
          "-reset-lost", "-enabled", "1"], k, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
got = [(s["mask"], s["failure"], s["rate_limit"], s["backlog_limit"], s["wait"], s["enabled"])
       for s in k.sets]
result("set_wire", r.returncode == 0 and got == [
    (M_FAILURE, 2, 0, 0, 0, 0), (M_RATE, 0, 9, 0, 0, 0), (M_BACKLOG, 0, 0, 300, 0, 0),
    (M_WAIT, 0, 0, 0, 1000, 0), (M_LOST, 0, 0, 0, 0, 0), (M_ENABLED, 0, 0, 0, 0, 1)]
       and r.stdout == b"lost 17\n", "%s %r %r" % (got, r.stdout, r.stderr))
k.close()
k = Kernel()
r = tool(["set", "-enabled", "2"], k, stderr=subprocess.PIPE)
result("set_immutable_needs_confirmation", r.returncode == 2 and k.sets == [], str(k.sets))
k.close()

k = Kernel()
r = tool(["set", "-loginuid-immutable", "1"], k, stderr=subprocess.PIPE)
result("set_loginuid_immutable", r.returncode == 0 and k.features == [(1, 2, 2, 0)],
       str(k.features))
k.close()
k = Kernel()
r = tool(["set", "-loginuid-immutable", "lock"], k, stderr=subprocess.PIPE)
k2 = Kernel()
r2 = tool(["set", "-loginuid-immutable=lock", "-confirm-immutable"], k2, stderr=subprocess.PIPE)
result("set_loginuid_lock_needs_confirmation", r.returncode == 2 and k.features == []
       and r2.returncode == 0 and k2.features == [(1, 2, 2, 2)], "%s %s" % (k.features, k2.features))
k.close()
k2.close()

# 8. usage errors exit 2
bad = [[audit, "-format=xml"], [audit, "-nosuchflag"], [audit, "set"], [audit, "bogus"],
       [audit, "status", "extra"], [audit, "set", "-failure", "3"]]
codes = [subprocess.run(a, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
         for a in bad]
result("usage_exit_2", codes == [2] * len(bad), str(codes))

checks.finish()
EOF
