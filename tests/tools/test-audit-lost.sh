#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The auditkit authors
# audit receive -lost-interval: the kernel's lost counter read while receiving.
#
# Offline (no root): a fake kernel for the events (-ro -kernel-fd) and a second fake for the status
# requests (-lost-fd), scripted:
#   - growth is warned about on stderr with the interval's count, the counter, backlog,
#     backlog_limit and rate_limit; a counter that goes down is reported as a reset (never as
#     ~4 billion lost); the exit summary's polled total sums the growth and the count after the
#     reset; -format=json puts an AUDITKIT_LOST object per loss into the stream (every value a
#     string, like the records), between the records (with -i, between the events); text mode
#     writes nothing but records;
#   - requests go out as AUDIT_GET on the status socket only, one per interval; none at
#     -lost-interval 0;
#   - a status request that is never answered is reported once, and the receive loop is not held
#     up meanwhile (an event sent while a request is out reaches stdout quickly); the kernel's
#     refusal (EPERM) is reported once and the requests stop; receiving goes on in both cases;
#   - after a stall (SIGSTOP) with the receiving socket full and a poll overdue, the request is sent
#     only once what was queued has been read (the order of the system calls, under strace);
#   - usage: -lost-fd needs -kernel-fd, -lost-interval is bounded.
#
# Live (root, kernel audit, auditctl; skipped otherwise), under /tmp/auditkit-kernel.lock,
# restoring enabled, backlog_limit, backlog_wait_time, rate_limit, pid and rules even on failure:
# `audit -format=json -lost-interval 1` is the daemon; it is stopped (SIGSTOP), the backlog made
# tiny with no wait, a burst of audited getpid() calls run, then it continues (SIGCONT): the
# kernel really loses records, and the warning, the JSON marker and the exit summary must report
# them, the summary's total equal to the growth of the kernel's counter read with auditctl -s.
O=${O:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
if ! command -v python3 >/dev/null 2>&1; then
	echo "SKIP audit_lost: python3 not installed"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
fi
T=$(mktemp -d /tmp/ak-lost.XXXXXX)
trap 'rm -rf "$T"' EXIT
# Our own copy: others may relink $O/audit while we run.
cp "$O/audit" "$T/audit" || { echo "FAIL audit_lost: no $O/audit"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
# fakekernel.py, next to this script (for both parts: the live one runs under flock)
PYTHONPATH="$(cd "$(dirname "$0")" && pwd)${PYTHONPATH:+:$PYTHONPATH}"
export PYTHONPATH PYTHONDONTWRITEBYTECODE=1

cat >"$T/t.py" <<'EOF'
import errno, functools, json, os, re, select, signal, subprocess, sys, time
import fakekernel as fk
from fakekernel import AUDIT_GET, NLM_F_ACK

audit, mode, counts = sys.argv[1], sys.argv[2], sys.argv[3]
checks = fk.Checks(why_max=2000)
result, skip = checks.result, checks.skip
wait_for = functools.partial(fk.wait_for, step=0.01)


# ---- offline ---------------------------------------------------------------------------------

def pack_status(lost, backlog=3, backlog_limit=64, rate_limit=0):
    return fk.pack_status(dict(enabled=1, failure=1, rate_limit=rate_limit,
                               backlog_limit=backlog_limit, lost=lost, backlog=backlog,
                               feature_bitmap=0x7f))


class Events(fk.FakeKernel):
    """The receiving side: a fake kernel that only sends events (audit runs -ro)."""

    def __init__(self):
        self.serial = 0
        super().__init__(serve=False)

    def event(self):
        self.serial += 1
        super().event(1123, "audit(1700000000.%03d:%d): pid=1 uid=0 auid=0 ses=1 msg='op=lost-test "
                      "n=%d'" % (self.serial % 1000, self.serial, self.serial))
        return self.serial


class Status(fk.FakeKernel):
    """The status side: answers each AUDIT_GET with the next scripted counter (the last one
    repeats), or never (answer=None), or with an error (answer=-errno)."""

    def __init__(self, values, answer=0):
        self.values, self.answer = list(values), answer
        self.requests = []       # (time, type, flags, seq)
        self.i = 0
        super().__init__(quiet_send_errors=True)

    def handle(self, m):
        self.requests.append((time.time(), m.type, m.flags, m.seq))
        if self.answer is None:
            return
        if self.answer < 0:
            self.ack(m.seq, self.answer, m.header)
            return
        v = self.values[min(self.i, len(self.values) - 1)]
        self.i += 1
        self.send(AUDIT_GET, m.seq, pack_status(v))
        if m.flags & NLM_F_ACK:   # (the exit reading asks for one): after the reply
            self.ack(m.seq, 0, m.header)


def start(args, ev, st):
    cmd = [audit, "-ro", "-kernel-fd", ev.fd] + args
    if st:
        cmd += ["-lost-fd", st.fd]
    return fk.spawn(cmd, [ev] + ([st] if st else []), wait=False, stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE)


def stop(p):
    p.send_signal(signal.SIGTERM)
    try:
        out, err = p.communicate(timeout=15 * fk.SLOW)
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
    return out.decode(errors="replace"), err.decode(errors="replace")


def feed(ev, st, nreq, after):
    """Events every 0.1 s until the status fake has seen @nreq requests, then @after s more
    (paced by the requests, not by the clock: a slow start on a busy machine changes nothing)."""
    end = time.time() + 20 * fk.SLOW
    while len(st.requests) < nreq and time.time() < end:
        ev.event()
        time.sleep(0.1)
    end = time.time() + after
    while time.time() < end:
        ev.event()
        time.sleep(0.1)


def summary(err):
    m = [l for l in err.splitlines() if "received" in l and "records; lost:" in l]
    return m[-1] if m else ""


def quiet_after_stall():
    name = "request_after_the_socket_drained"
    if subprocess.run(["sh", "-c", "command -v strace"], stdout=subprocess.DEVNULL).returncode:
        skip(name, "strace not installed")
        return
    trace = "/tmp/ak-lost-strace.%d" % os.getpid()
    ev, st = Events(), Status([0])
    fds = [ev.mine.fileno(), st.mine.fileno()]
    p = fk.spawn(["strace", "-qq", "-o", trace, "-e", "trace=sendmsg,recvmmsg", "--", audit,
                  "-ro", "-kernel-fd", ev.fd, "-lost-fd", st.fd, "-lost-interval", "1"],
                 [ev, st], wait=False, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        if not wait_for(lambda: len(st.requests) >= 1, 10):
            skip(name, "no request under strace (ptrace not allowed?)")
            return
        kids = open("/proc/%d/task/%d/children" % (p.pid, p.pid)).read().split()
        pid = int(kids[0])
        os.kill(pid, signal.SIGSTOP)
        time.sleep(0.2)
        ev.k.setblocking(False)
        queued = 0
        try:
            while True:
                ev.event()
                queued += 1
        except BlockingIOError:
            ev.serial -= 1
        ev.k.setblocking(True)
        time.sleep(1.5)          # the next request is overdue now
        n0 = len(st.requests)
        with open(trace) as f:
            mark = len(f.read().splitlines())
        os.kill(pid, signal.SIGCONT)
        wait_for(lambda: len(st.requests) > n0, 10)
        os.kill(pid, signal.SIGTERM)
        p.communicate(timeout=20 * fk.SLOW)
        lines = open(trace).read().splitlines()[mark:]
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
        try:
            os.unlink(trace)
        except OSError:
            pass
    # Before the first request after the stall: the events read, ending with an empty read.
    calls = [l for l in lines if l.startswith(("sendmsg(%d," % fds[1], "recvmmsg(%d," % fds[0]))]
    first = next((i for i, l in enumerate(calls) if l.startswith("sendmsg(")), None)
    before = calls[:first] if first is not None else []
    got = sum(int(m.group(1)) for m in (re.search(r"= (\d+)$", l) for l in before) if m)
    result(name, queued > 50 and first is not None and got >= queued
           and before and ("EAGAIN" in before[-1] or not before[-1].endswith("= 32")),
           "%d queued; %d read before the request; calls: %s" % (queued, got, calls[:first + 1 if first is not None else 8]))


def offline():
    # 1. growth, reset, JSON markers.  Readings: 100 (baseline), 100, 150 (+50), 20 (reset: 20
    # since), 25 (+5), then 25 to the end (the exit reading included).
    ev, st = Events(), Status([100, 100, 150, 20, 25])
    p = start(["-format=json", "-lost-interval", "1"], ev, st)
    feed(ev, st, 5, 0.5)
    out, err = stop(p)
    lines = out.splitlines()
    try:
        objs = [json.loads(l) for l in lines]
    except ValueError as e:
        objs = []
        result("json_lines_parse", False, "%s: %s" % (e, out[:500]))
    marks = [o for o in objs if o.get("record_type") == "AUDITKIT_LOST"]
    recs = [o for o in objs if o.get("record_type") != "AUDITKIT_LOST"]
    result("json_marker_per_loss", [m.get("lost") for m in marks] == ["50", "20", "5"], marks)
    result("json_marker_totals", [m.get("kernel_lost_total") for m in marks] == ["50", "70", "75"]
           and [m.get("kernel_lost") for m in marks] == ["150", "20", "25"], marks)
    result("json_marker_reset_flag", [m.get("counter_reset") for m in marks] == [None, "yes", None], marks)
    result("json_marker_fields_are_strings",
           len(marks) == 3 and all(isinstance(v, str) for m in marks for v in m.values())
           and all(m.get("backlog") == "3" and m.get("backlog_limit") == "64" and m.get("rate_limit") == "0"
                   and re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", m.get("@timestamp", ""))
                   for m in marks), marks)
    idx = [i for i, o in enumerate(objs) if o.get("record_type") == "AUDITKIT_LOST"]
    result("json_marker_inside_the_stream", len(idx) == 3 and 0 < idx[0] and idx[-1] < len(objs) - 1,
           "markers at %s of %d lines" % (idx, len(objs)))
    result("json_records_all_there", len(recs) == ev.serial and
           [int(o.get("sequence", 0)) for o in recs] == list(range(1, ev.serial + 1)),
           "%d records of %d" % (len(recs), ev.serial))
    warn = [l for l in err.splitlines() if "warning" in l]
    result("stderr_growth_warning",
           any("the kernel lost 50 records in the last" in l and "lost counter 150" in l and "backlog 3" in l
               and "backlog_limit 64" in l and "rate_limit 0" in l for l in warn) and
           any("the kernel lost 5 records" in l and "at least 75 this session" in l for l in warn), err)
    result("stderr_reset_not_wraparound",
           any("went down from 150 to 20" in l and "reset" in l for l in warn)
           and "4294967" not in err and "429496" not in out, err)
    result("summary_polled_total", "(polled: >= 75 (counter reset 1 times))" in summary(err)
           and p.returncode == 0, "exit %s: %s" % (p.returncode, summary(err)))
    reqs = st.requests
    result("requests_are_plain_AUDIT_GET", reqs and all(r[1] == AUDIT_GET for r in reqs), reqs)
    gaps = [b[0] - a[0] for a, b in zip(reqs, reqs[1:])]
    # 5 polls, and the exit reading.
    result("one_request_per_interval", len(reqs) == 6 and all(g > 0.8 for g in gaps[:-1]),
           "%d requests, gaps %s" % (len(reqs), ["%.2f" % g for g in gaps]))

    # 1b. -i: the same line between the coalesced events.
    ev, st = Events(), Status([10, 30])
    p = start(["-i", "-format=json", "-lost-interval", "1"], ev, st)
    feed(ev, st, 2, 0.6)   # the growth is read by the second request; events go on after it
    out, err = stop(p)
    try:
        objs = [json.loads(l) for l in out.splitlines()]
    except ValueError:
        objs = []
    idx = [i for i, o in enumerate(objs) if o.get("record_type") == "AUDITKIT_LOST"]
    result("json_events_marker", len(idx) == 1 and 0 < idx[0] < len(objs) - 1
           and objs[idx[0]].get("lost") == "20" and len(objs) == ev.serial + 1,
           "markers at %s of %d lines: %s" % (idx, len(objs), out[-400:]))

    # 2. text mode: stdout is only the records; the warning is on stderr.
    ev, st = Events(), Status([7, 7, 9])
    p = start(["-lost-interval", "1"], ev, st)
    feed(ev, st, 2, 0.3)   # 7, 7, then 9 at the exit reading
    out, err = stop(p)
    result("text_mode_stdout_only_records", out.count("\n") == ev.serial and
           all(l.startswith("type=USER_CMD msg=audit(") for l in out.splitlines()), out[:500])
    result("text_mode_warning_on_stderr", "the kernel lost 2 records" in err
           and "(polled: 2)" in summary(err), err)

    # 3. -lost-interval 0: no request at all.
    ev, st = Events(), Status([1])
    p = start(["-lost-interval", "0"], ev, st)
    ev.event()
    ev.drained()         # audit is up (under valgrind, starting takes a while)
    time.sleep(1.3)
    out, err = stop(p)
    result("interval_0_off", st.requests == [] and "(polled: off)" in summary(err)
           and out.count("\n") == 1, "%s %s" % (st.requests, err))

    # 4. never answered: said once, and receiving is not held up while a request is out.
    ev, st = Events(), Status([0], answer=None)
    p = start(["-format=json", "-lost-interval", "1"], ev, st)
    fd = p.stdout.fileno()
    os.set_blocking(fd, False)
    got, delays = b"", []
    t0 = time.time()
    seen = 0
    while time.time() - t0 < 4.5:
        # Right after a request went out (and is pending), send an event; time its arrival.
        if len(st.requests) > seen:
            seen = len(st.requests)
            time.sleep(0.05)
            n = ev.event()
            sent = time.time()
            needle = b'"sequence":"%d"' % n
            while needle not in got and time.time() - sent < 2.5:
                select.select([fd], [], [], 0.05)
                try:
                    got += os.read(fd, 65536) or b""
                except BlockingIOError:
                    pass
            delays.append(time.time() - sent if needle in got else 99)
        time.sleep(0.01)
    os.set_blocking(fd, True)
    t1 = time.time()
    out, err = stop(p)
    stop_secs = time.time() - t1
    out = got.decode() + out
    result("unanswered_said_once", err.count("did not answer a status request") == 1, err)
    result("unanswered_loop_not_blocked", len(delays) >= 3 and max(delays) < 0.5,
           "delays %s (a request waits up to 1 s)" % ["%.2f" % d for d in delays])
    result("unanswered_requests_go_on", len(st.requests) >= 4, st.requests)
    result("unanswered_summary", "status requests unanswered" in summary(err)
           and p.returncode == 0 and stop_secs < 5 * fk.SLOW, "exit %s in %.1f s: %s" % (p.returncode, stop_secs, err))
    result("unanswered_records_all_there", out.count("\n") == ev.serial, "%d lines, %d sent" % (out.count("\n"), ev.serial))

    # 5. refused (EPERM): said once, no more requests, receiving goes on.
    ev, st = Events(), Status([0], answer=-errno.EPERM)
    p = start(["-lost-interval", "1"], ev, st)
    for _ in range(30):
        ev.event()
        time.sleep(0.1)
    out, err = stop(p)
    result("refused_said_once_and_stopped", len(st.requests) == 1
           and err.count("refused the status request: Operation not permitted") == 1
           and "until polling failed" in summary(err), "%s %s" % (st.requests, err))
    result("refused_receiving_goes_on", out.count("\n") == ev.serial and p.returncode == 0, out[-300:])

    # 6. a request waits until the receiving socket was emptied: after a stall (SIGSTOP) with a
    # full socket and the poll overdue, the request goes out only once audit has read what was
    # queued.  The order of the system calls shows it (strace); the fake cannot, as it runs later.
    quiet_after_stall()

    # 7. usage
    r1 = subprocess.run([audit, "-lost-fd", "5"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    r2 = subprocess.run([audit, "-lost-interval", "100000"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    result("usage_exit_2", r1.returncode == 2 and r2.returncode == 2, "%s %s" % (r1.returncode, r2.returncode))


# ---- live ------------------------------------------------------------------------------------

def run(args, **kw):
    return subprocess.run(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, **kw)


def kstatus():
    r = run(["auditctl", "-s"])
    s = {}
    for l in r.stdout.decode().splitlines():
        f = l.split()
        if len(f) >= 2 and f[1].lstrip("-").isdigit():
            s[f[0]] = int(f[1])
    return s


RULE = ["-F", "arch=b64", "-S", "getpid", "-k", "aklost"]


def live():
    before = kstatus()
    if "enabled" not in before:
        skip("live", "auditctl -s gives no status")
        return
    if before["enabled"] == 2:
        skip("live", "audit configuration is immutable")
        return
    if before.get("pid", 0) != 0:
        skip("live", "an audit daemon (pid %d) is registered" % before["pid"])
        return
    rules = run(["auditctl", "-l"]).stdout.decode()
    p = None
    tmp = os.environ.get("T", "/tmp")
    outp, errp = os.path.join(tmp, "live.out"), os.path.join(tmp, "live.err")
    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, lambda *a: sys.exit(1))
    try:
        with open(outp, "wb") as o, open(errp, "wb") as e:
            p = subprocess.Popen([audit, "-format=json", "-lost-interval", "1"], stdout=o, stderr=e)
        ok = wait_for(lambda: kstatus().get("pid") == p.pid, 5)   # (times SLOW)
        result("live_registered", ok, kstatus())
        if not ok:
            return
        s0 = kstatus()
        r = run(["auditctl", "-a", "always,exit"] + RULE)
        result("live_rule_added", r.returncode == 0, r.stderr)
        os.kill(p.pid, signal.SIGSTOP)
        # No waiting first (with the daemon stopped, a full backlog would hold audited tasks up
        # to backlog_wait_time), then a tiny backlog.
        run(["auditctl", "--backlog_wait_time", "0"])
        run(["auditctl", "-b", "8"])
        # The burst: audited getpid() calls while the daemon cannot read.
        subprocess.run([sys.executable, "-c", "import os\nfor _ in range(20000): os.getpid()"])
        mid = kstatus()
        run(["auditctl", "-d", "always,exit"] + RULE)
        os.kill(p.pid, signal.SIGCONT)
        time.sleep(0.5)
        run(["auditctl", "-b", str(before["backlog_limit"])])
        run(["auditctl", "--backlog_wait_time", str(before["backlog_wait_time"])])
        time.sleep(2.5 * fk.SLOW)   # past two polls
        p.send_signal(signal.SIGTERM)
        p.wait(20 * fk.SLOW)
        after = kstatus()
        out = open(outp, "rb").read().decode(errors="replace")
        err = open(errp, "rb").read().decode(errors="replace")
        growth = after["lost"] - before["lost"]
        burst = mid["lost"] - s0["lost"]
        result("live_kernel_lost_records", burst > 1000, "the kernel lost %d during the burst" % burst)
        warn = [int(m.group(1)) for m in re.finditer(r"the kernel lost (\d+) records in the last", err)]
        result("live_warning_plausible", warn and max(warn) >= burst * 0.5 and sum(warn) <= growth,
               "warnings %s, burst loss %d, growth %d: %s" % (warn, burst, growth, err[-1500:]))
        marks = []
        objs = 0
        for l in out.splitlines():
            try:
                o = json.loads(l)
            except ValueError:
                continue
            objs += 1
            if o.get("record_type") == "AUDITKIT_LOST":
                marks.append(o)
        result("live_json_marker", marks and sum(int(m["lost"]) for m in marks) == sum(warn)
               and int(marks[-1]["kernel_lost_total"]) == sum(warn)
               and all(m.get("backlog_limit") for m in marks),
               "%d markers of %d objects: %s" % (len(marks), objs, marks[:3]))
        sm = summary(err)
        m = re.search(r"lost: kernel (\d+) \(polled: (\d+)\)", sm)
        result("live_summary_total_equals_counter_growth",
               m and int(m.group(1)) == growth and int(m.group(2)) == growth,
               "growth %d (auditctl -s before %d, after %d); summary: %s" % (growth, before["lost"], after["lost"], sm))
        result("live_exit_0", p.returncode == 0, p.returncode)
        print("# live: lost in the burst %d; warned %s; markers %s; counter growth %d; summary: %s"
              % (burst, warn, [m["lost"] for m in marks], growth, sm))
    finally:
        if p and p.poll() is None:
            try:
                os.kill(p.pid, signal.SIGCONT)
                p.send_signal(signal.SIGTERM)
                p.wait(10 * fk.SLOW)
            except (OSError, subprocess.TimeoutExpired):
                p.kill()
                p.wait()
        run(["auditctl", "-D"])
        if not rules.startswith("No rules"):
            path = os.path.join(tmp, "rules.before")
            open(path, "w").write(rules)
            run(["auditctl", "-R", path])
        run(["auditctl", "-r", str(before["rate_limit"])])
        run(["auditctl", "-b", str(before["backlog_limit"])])
        run(["auditctl", "--backlog_wait_time", str(before["backlog_wait_time"])])
        run(["auditctl", "-e", str(before["enabled"])])
        now = kstatus()
        bad = [(f, now.get(f), before[f]) for f in
               ("enabled", "rate_limit", "backlog_limit", "backlog_wait_time", "pid") if now.get(f) != before[f]]
        now_rules = run(["auditctl", "-l"]).stdout.decode()
        result("live_restored", not bad and now_rules == rules, "%s %r" % (bad, now_rules))


if mode == "offline":
    offline()
else:
    live()
checks.append_counts(counts)
EOF

# A part that dies half-way (a Python exception) counts as one failure.
python3 "$T/t.py" "$T/audit" offline "$T/counts" || echo "0 1 0" >>"$T/counts"
if [ "$(id -u)" = 0 ] && command -v auditctl >/dev/null 2>&1 && command -v flock >/dev/null 2>&1 &&
	auditctl -s >/dev/null 2>&1; then
	T=$T flock /tmp/auditkit-kernel.lock python3 "$T/t.py" "$T/audit" live "$T/counts" ||
		echo "0 1 0" >>"$T/counts"
else
	echo "SKIP audit_lost_live: needs root, auditctl, flock and kernel audit"
	echo "0 0 1" >>"$T/counts"
fi
awk '{p += $1; f += $2; s += $3} END {printf "%d passed, %d failed, %d skipped\n", p, f, s; exit f > 0}' "$T/counts"
