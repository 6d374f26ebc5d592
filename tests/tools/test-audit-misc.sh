#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The auditkit authors
# audit message / trim / equiv / siginfo / version, and auditctl's -m -t -q -v under `audit rules`.
#
# Offline (no root): usage and exit codes, the version against the Makefile and the man page,
# the man page against each new command's -h, and the exact requests on the wire and the
# printing of the replies, against a scripted fake kernel (-kernel-fd).
#
# Live (root, kernel audit and auditctl 3.x; skipped otherwise), under the shared kernel lock and
# in a private mount namespace, restoring the kernel's settings and rules even on failure:
#   - user messages reach a multicast receiver exactly once, text intact (spaces, quotes, UTF-8),
#     as USER or the -type given; refused text (too long, control characters) sends nothing;
#     `audit rules -m` sends the same record auditctl -m sends;
#   - equiv and trim change what the kernel audits, the same way auditctl -q and -t do: a bind
#     mount made after a tree watch is audited only after equiv; a tagged mount moved out of the
#     tree stops being audited only after trim; nonexistent paths give ENOENT, as auditctl;
#   - siginfo reports who signalled the registered audit daemon (pid and loginuid-or-uid of a
#     known sender, the kernel's filter on TERM/HUP/USR1/USR2), and EPERM without privilege.
O=${O:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
if ! command -v python3 >/dev/null 2>&1; then
	echo "SKIP audit_misc: python3 not installed"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
fi
T=$(mktemp -d /tmp/ak-misc.XXXXXX)
trap 'rm -rf "$T"' EXIT
# Our own copy: others may relink $O/audit while we run.
chmod 755 "$T" # the unprivileged checks run $T/audit as nobody
cp "$O/audit" "$T/audit" || { echo "FAIL audit_misc: no $O/audit"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
# fakekernel.py, next to this script (for both parts: the live one runs under flock and unshare)
PYTHONPATH="$(cd "$(dirname "$0")" && pwd)${PYTHONPATH:+:$PYTHONPATH}"
export PYTHONPATH PYTHONDONTWRITEBYTECODE=1

cat >"$T/t.py" <<'EOF'
import json, os, re, signal, struct, subprocess, sys, time
import fakekernel as fk
from fakekernel import AUDIT_MAKE_EQUIV, AUDIT_SIGNAL_INFO, AUDIT_TRIM, AUDIT_USER, NLM_F_ACK, wait_for

audit, mode, top, counts = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
checks = fk.Checks()
result, skip = checks.result, checks.skip
# The program audit runs as, which its user messages name (exe=, from /proc/self/exe): this
# copy, or under scripts/valgrind-check.sh, where the copy is a wrapper running audit under
# valgrind, the binary the wrapper runs (valgrind answers /proc/self/exe with the client's path).
AUDIT_EXE = os.environ.get("AK_VALGRIND_AUDIT") or os.path.realpath(audit)


def run(args, **kw):
    # stdin is not a terminal, so auditctl -m and ours both say terminal=?
    return subprocess.run(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, **kw)


ENOENT, EPERM = 2, 1


def offline():
    # ---- usage and exit codes --------------------------------------------------------
    mk = open(os.path.join(top, "Makefile")).read()
    version = re.search(r"^VERSION\s*:=\s*(\S+)", mk, re.M).group(1)
    r = run([audit, "version"])
    result("version_text", r.returncode == 0 and r.stdout == ("audit (auditkit) %s\n" % version).encode(),
           r.stdout)
    r = run([audit, "version", "-format=json"])
    try:
        j = json.loads(r.stdout)
    except ValueError:
        j = None
    result("version_json", r.returncode == 0 and j == {"program": "audit", "version": version}, r.stdout)
    outs = [run([audit] + a).stdout for a in (["-v"], ["--version"], ["-version"], ["rules", "-v"])]
    result("version_spellings", all(o == outs[0] for o in outs) and version.encode() in outs[0], outs)
    man = open(os.path.join(top, "man", "audit.8")).read()
    th = re.search(r'^\.TH .*"auditkit ([^"]+)"', man, re.M)
    result("version_matches_man_page", th and th.group(1) == version, th and th.group(1))

    r = run([audit, "help"])
    names = re.findall(rb"^  ([a-z]+) ", r.stdout, re.M)
    result("help_lists_new_commands",
           all(c in names for c in (b"message", b"trim", b"equiv", b"siginfo", b"version")), r.stdout)

    usage = [
        (["message"], "no text"),
        (["message", "-type", "SYSCALL", "x"], "not a user message type"),
        (["message", "-type", "1300", "x"], "not a user message type"),
        (["message", "-type", "99999", "x"], "not a user message type"),
        (["message", "a\tb"], "control character"),
        (["message", "line\nbreak"], "control character"),
        (["message", "del\x7f"], "control character"),
        (["message", "x" * 8561], "too long: 8561 bytes"),
        (["message", "x" * 4280, "y" * 4280], "too long: 8561 bytes"),
        (["trim", "x"], "unexpected argument"),
        (["equiv", "/a"], "want a mount point"),
        (["equiv", "/a,/b,/c"], "want a mount point"),
        (["equiv", "/a", "/b", "/c"], "want a mount point"),
        (["equiv", "", "/b"], "empty path"),
        (["siginfo", "x"], "unexpected argument"),
        (["siginfo", "-format", "yaml"], "unknown -format"),
        (["version", "-format", "xml"], "unknown -format"),
        (["rules", "-m", "a", "b"], "must be the only option"),
        (["rules", "-m"], "needs a value"),
        (["rules", "-t", "-s"], "must be the only option"),
        (["rules", "-q", "/a"], "error parsing equivalent parts"),
        (["rules", "-q", "/a,"], "error parsing equivalent parts"),
        (["rules", "-q", "/a,/b,/c"], "error parsing equivalent parts"),
        (["rules", "-q", "/a,/b", "-k", "x"], "must be the only option"),
        (["rules", "-v", "x"], "must be the only option"),
    ]
    for args, msg in usage:
        # No kernel at all: usage errors come before any request (fd 99 is not open).
        # -kernel-fd 99 (not open): should the check let it through, no real kernel is touched.
        r = run([audit, args[0]] + (["-kernel-fd", "99"] if args[0] != "version" else []) + args[1:])
        name = "usage " + " ".join(a if len(a) < 20 else a[:8] + "...(%d)" % len(a) for a in args)
        result(name.replace("\t", "\\t").replace("\n", "\\n").replace("\x7f", "\\x7f"),
               r.returncode == 2 and msg.encode() in r.stderr and r.stdout == b"",
               "exit %d: %r" % (r.returncode, r.stderr[:200]))
    # auditctl -m refuses what libaudit refuses; UTF-8 is fine for `audit message`.
    r = run([audit, "rules", "-m", "caf\u00e9"])
    result("rules_-m_refuses_non_ascii", r.returncode == 1 and b"Illegal character" in r.stderr, r.stderr)
    for a in (["message", "-h"], ["trim", "--help"], ["equiv", "-h"], ["siginfo", "-help"],
              ["version", "-h"]):
        r = run([audit] + a)
        result(" ".join(a) + " exits 0 with a usage", r.returncode == 0 and r.stdout.startswith(b"usage:"),
               r.stderr)

    # ---- the man page documents each new command's flags, and only those ----------------------
    def help_flags(text):
        out = set()
        for line in text.splitlines():
            if not line.startswith("  -"):
                continue
            line = re.sub(r"\([^)]*\)", "", line)
            for w in re.split(r"[ /,\[\]]", line):
                if re.fullmatch(r"--?[A-Za-z][A-Za-z_-]*", w):
                    out.add(w.lstrip("-"))
        out.discard("h")
        out.discard("help")
        return out

    def man_flags(start):
        out, on, tp = set(), False, False
        for line in man.splitlines():
            if line.startswith(start):
                on = True
                continue
            if on and re.match(r"\.S[SH] ", line):
                break
            if on and tp:
                tp = False
                line = re.sub(r"\\f[BIRP]", "", line).replace("\\-", "-").replace('"', " ")
                for w in re.split(r"[ /,\[\]]", line):
                    if re.fullmatch(r"--?[A-Za-z][A-Za-z_-]*", w):
                        out.add(w.lstrip("-"))
            elif on and line.startswith(".TP"):
                tp = True
        out.discard("h")
        out.discard("help")
        return out

    for c in ("message", "trim", "equiv", "siginfo", "version"):
        h = help_flags(run([audit, c, "-h"]).stdout.decode())
        m = man_flags('.SS "\\*(Au %s' % c)
        result("man_page_%s_flags" % c, h and h == m, "-h %s, man %s" % (sorted(h), sorted(m)))
        result("man_page_%s_in_synopsis" % c, re.search(r"^\.B \\\*\(Au %s$" % c, man, re.M) is not None)
    h = help_flags(run([audit, "rules", "--help"]).stdout.decode())
    m = man_flags('.SS "\\*(Au rules')
    result("man_page_rules_new_letters", all(f in h and f in m for f in "mtqv"),
           "-h %s, man %s" % (sorted(h), sorted(m)))

    # ---- on the wire, against a fake kernel ---------------------------------------------------
    class Kernel(fk.FakeKernel):
        """Records every request; answers with ACK (or @err) and, for SIGNAL_INFO, @sig."""

        def __init__(self, err=0, sig=None):
            self.err, self.sig, self.reqs = err, sig, []
            super().__init__()

        def handle(self, m):
            self.reqs.append((m.type, m.flags, m.body))
            if m.type == AUDIT_SIGNAL_INFO and self.sig is not None and not self.err:
                self.send(AUDIT_SIGNAL_INFO, m.seq, self.sig)
            if m.flags & NLM_F_ACK:
                self.ack(m.seq, -self.err, m.header)

        def run(self, args):
            # Our flags before the text (and before auditctl's letters).
            p = fk.spawn([audit, args[0], "-kernel-fd", self.fd] + args[1:], [self],
                         stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, timeout=20 * fk.SLOW)
            self.k.close()
            return p

    def one(args, **kw):
        k = Kernel(**kw)
        p = k.run(args)
        return p, k.reqs

    text = "it's \"quoted\" caf\u00e9 \u2713"
    p, reqs = one(["message", text])
    result("wire_message", p.returncode == 0 and len(reqs) == 1 and reqs[0][0] == AUDIT_USER
           and reqs[0][1] & NLM_F_ACK and reqs[0][2] == text.encode() + b"\0", "%r %r" % (p.stderr, reqs))
    p, reqs = one(["message", "two", "words", " and  spaces "])
    result("wire_message_words_joined", p.returncode == 0 and reqs and reqs[0][2] == b"two words  and  spaces \0",
           reqs)
    p, reqs = one(["message", "x" * 8560])
    result("wire_message_8560_bytes", p.returncode == 0 and reqs and len(reqs[0][2]) == 8561, p.stderr)
    p, reqs = one(["message", "--", "-dash"])
    result("wire_message_dash_text", p.returncode == 0 and reqs and reqs[0][2] == b"-dash\0", p.stderr)
    for t, want in (("USER_AVC", 1107), ("user_login", 1112), ("1100", 1100), ("2999", 2999),
                    ("USER", 1005)):
        p, reqs = one(["message", "-type", t, "x"])
        result("wire_message_type_" + t, p.returncode == 0 and reqs and reqs[0][0] == want, reqs)
    p, reqs = one(["message", "-type", "1099", "x"])
    result("wire_message_type_1099_refused_unsent", p.returncode == 2 and not reqs, reqs)
    p, reqs = one(["message", "x"], err=EPERM)
    result("wire_message_eperm", p.returncode == 1 and b"Operation not permitted" in p.stderr
           and b"CAP_AUDIT_CONTROL" in p.stderr, p.stderr)

    p, reqs = one(["rules", "-m", "hello 'world'"])
    exe = AUDIT_EXE
    want = 'text=hello \'world\' exe="%s" hostname=? addr=? terminal=? res=success' % exe
    result("wire_rules_-m_auditctl_body", p.returncode == 0 and reqs and reqs[0][0] == AUDIT_USER
           and reqs[0][2] == want.encode() + b"\0", "%r %r" % (reqs, p.stderr))
    p, reqs = one(["rules", "-m", "x" * 8560])
    result("wire_rules_-m_too_long_unsent", p.returncode == 2 and not reqs and b"too long" in p.stderr,
           p.stderr)

    p, reqs = one(["trim"])
    result("wire_trim", p.returncode == 0 and len(reqs) == 1 and reqs[0][0] == AUDIT_TRIM
           and reqs[0][2] == b"" and reqs[0][1] & NLM_F_ACK, reqs)
    p, reqs = one(["rules", "-t"])
    result("wire_rules_-t", p.returncode == 0 and [r[0] for r in reqs] == [AUDIT_TRIM], reqs)
    p, reqs = one(["trim"], err=EPERM)
    result("wire_trim_eperm", p.returncode == 1 and b"trim: Operation not permitted (EPERM)" in p.stderr,
           p.stderr)

    def equiv_body(a, b):
        return struct.pack("=II", len(a), len(b)) + a + b

    p, reqs = one(["equiv", "/mnt/a", "/srv/data,x"])
    result("wire_equiv_two_args", p.returncode == 0 and reqs and reqs[0][0] == AUDIT_MAKE_EQUIV
           and reqs[0][2] == equiv_body(b"/mnt/a", b"/srv/data,x"), reqs)
    p, reqs = one(["equiv", "/mnt/a,/srv/data"])
    result("wire_equiv_comma", p.returncode == 0 and reqs and reqs[0][2] == equiv_body(b"/mnt/a", b"/srv/data"),
           reqs)
    p, reqs = one(["rules", "-q", "/mnt/a,/srv/data"])
    result("wire_rules_-q", p.returncode == 0 and reqs and reqs[0][2] == equiv_body(b"/mnt/a", b"/srv/data"),
           reqs)
    p, reqs = one(["rules", "-q/m,/s"])
    result("wire_rules_-q_attached", p.returncode == 0 and reqs and reqs[0][2] == equiv_body(b"/m", b"/s"),
           reqs)
    p, reqs = one(["equiv", "/nope", "/srv"], err=ENOENT)
    result("wire_equiv_enoent", p.returncode == 1 and b"equiv /nope /srv: No such file or directory (ENOENT)"
           in p.stderr, p.stderr)
    p, reqs = one(["rules", "-q", "/nope,/srv"], err=ENOENT)
    result("wire_rules_-q_enoent", p.returncode == 1 and
           b"error sending make_equivalent command: No such file or directory (ENOENT)" in p.stderr, p.stderr)

    sig = struct.pack("=Ii", 1000, 4321) + b"system_u:system_r:init_t:s0\0"
    p, reqs = one(["siginfo"], sig=sig)
    result("wire_siginfo_text", p.returncode == 0 and reqs and reqs[0][0] == AUDIT_SIGNAL_INFO
           and p.stdout == b"uid 1000\npid 4321\ncontext system_u:system_r:init_t:s0\n", p.stdout + p.stderr)
    p, reqs = one(["siginfo", "-format", "json"], sig=sig)
    result("wire_siginfo_json", p.returncode == 0 and json.loads(p.stdout or b"null") ==
           {"uid": 1000, "pid": 4321, "context": "system_u:system_r:init_t:s0"}, p.stdout)
    # The kernel's initial values: nobody signalled a daemon since boot.
    p, reqs = one(["siginfo", "--format=json"], sig=struct.pack("=Ii", 4294967295, -1))
    result("wire_siginfo_never", p.returncode == 0 and json.loads(p.stdout or b"null") ==
           {"uid": 4294967295, "pid": -1, "context": None}, p.stdout)
    p, reqs = one(["siginfo"], sig=struct.pack("=Ii", 0, 7))
    result("wire_siginfo_no_context_line", p.returncode == 0 and p.stdout == b"uid 0\npid 7\n", p.stdout)
    weird = struct.pack("=Ii", 0, 7) + b'a"b\\c\nd\x01'
    p, reqs = one(["siginfo", "-format", "json"], sig=weird)
    result("wire_siginfo_json_escapes", p.returncode == 0 and
           json.loads(p.stdout or b"null").get("context") == 'a"b\\c\nd\x01', p.stdout)
    p, reqs = one(["siginfo"], sig=weird)
    result("wire_siginfo_text_one_line", p.returncode == 0 and p.stdout.count(b"\n") == 3
           and b'context a"b\\c?d?\n' in p.stdout, p.stdout)
    p, reqs = one(["siginfo"], sig=b"\0\0\0")
    result("wire_siginfo_short_reply", p.returncode == 1 and b"get signal info" in p.stderr
           and p.stdout == b"", p.stderr)
    p, reqs = one(["siginfo"], err=EPERM)
    result("wire_siginfo_eperm", p.returncode == 1 and b"Operation not permitted" in p.stderr, p.stderr)


# ---- live -----------------------------------------------------------------------------------

class Live:
    """Saves the kernel's audit state; restore() puts it back (rules, settings, pid)."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.procs, self.mounts = [], []
        self.status = self.get_status()
        r = run(["auditctl", "-l"])
        self.rules = r.stdout.decode()
        self.restored = False

    def get_status(self):
        r = run([audit, "status", "-format", "json"])
        return json.loads(r.stdout)

    def restore(self):
        if self.restored:
            return
        self.restored = True
        for p in self.procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                try:
                    p.wait(10 * fk.SLOW)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()
        for m in reversed(self.mounts):
            subprocess.run(["umount", "-l", m], stderr=subprocess.DEVNULL)
        run(["auditctl", "-D"])
        if not self.rules.startswith("No rules"):
            path = os.path.join(self.tmp, "rules.before")
            open(path, "w").write(self.rules)
            run(["auditctl", "-R", path])
        s = self.status
        run(["auditctl", "-f", str(s["failure"])])
        run(["auditctl", "-r", str(s["rate_limit"])])
        run(["auditctl", "-b", str(s["backlog_limit"])])
        run(["auditctl", "--backlog_wait_time", str(s["backlog_wait_time"])])
        run(["auditctl", "-e", str(s["enabled"])])
        now = self.get_status()
        for f in ("enabled", "failure", "rate_limit", "backlog_limit", "backlog_wait_time", "pid"):
            if now[f] != s[f]:
                print("FAIL restore: %s is %s, was %s" % (f, now[f], s[f]))
                checks.failed += 1


class Receiver:
    """`audit -ro` writing audit.log lines to a file; waits for lines in it."""

    def __init__(self, live, path):
        self.path = path
        self.p = subprocess.Popen([audit, "-ro", "-out", path], stderr=subprocess.PIPE)
        live.procs.append(self.p)
        self.n = 0
        # Listening once a message sent now arrives.  (The kernel's EVENT_LISTENER record is
        # queued before the socket joins the group: it may or may not reach us.)
        self.ready = any(self.sync(0.5) for _ in range(10))

    def data(self):
        try:
            return open(self.path, "rb").read()
        except OSError:
            return b""

    def sync(self, secs=5.0):
        """Everything sent before is in the file once a fresh sentinel message is."""
        self.n += 1
        tag = "auditkit-misc-sentinel-%d-%d" % (os.getpid(), self.n)
        run([audit, "message", tag])
        return wait_for(lambda: tag.encode() in self.data(), secs)

    def user_records(self, needle):
        return [l for l in self.data().split(b"\n") if needle in l and l.startswith(b"type=")]


def msg_of(line):
    """The text inside msg='...' of a user record (the kernel does not escape it)."""
    i = line.find(b" msg='")
    return line[i + 6:-1] if i >= 0 and line.endswith(b"'") else None


def live_messages(live, rx):
    nonce = "%d-%d" % (os.getpid(), int(time.time()))
    text = "auditkit-misc %s spaces  two 'single' \"double\" caf\u00e9 \u2713 \u65e5\u672c" % nonce
    p = subprocess.Popen([audit, "message", text], stderr=subprocess.PIPE)
    err = p.communicate()[1]
    rx.sync()
    recs = rx.user_records(nonce.encode())
    result("live_message_exit_0", p.returncode == 0, err)
    result("live_message_exactly_once", len(recs) == 1, recs)
    if recs:
        result("live_message_type_USER", recs[0].startswith(b"type=USER msg=audit("), recs[0])
        result("live_message_text_intact", msg_of(recs[0]) == text.encode(), recs[0])
        result("live_message_sender_pid", b" pid=%d " % p.pid in recs[0], recs[0])

    for t, name in (("USER_AVC", b"USER_AVC"), ("1100", b"USER_AUTH"), ("2100", b"ANOM_LOGIN_FAILURES")):
        tag = "auditkit-misc-type-%s-%s" % (t, nonce)
        r = run([audit, "message", "-type", t, tag])
        rx.sync()
        recs = rx.user_records(tag.encode())
        result("live_message_type_%s" % t, r.returncode == 0 and len(recs) == 1
               and recs[0].startswith(b"type=" + name + b" "), recs)

    # The longest text the kernel keeps whole, and one byte more (refused, nothing sent).
    big = ("auditkit-misc-big-%s-" % nonce).ljust(8560, "x")
    r = run([audit, "message", big])
    r2 = run([audit, "message", big + "y"])
    bad = run([audit, "message", "auditkit-misc-bad-%s\nforged" % nonce])
    rx.sync()
    recs = rx.user_records(("auditkit-misc-big-%s-" % nonce).encode())
    result("live_message_8560_bytes_whole", r.returncode == 0 and len(recs) == 1
           and msg_of(recs[0]) == big.encode(), [len(x) for x in recs])
    result("live_message_too_long_refused", r2.returncode == 2 and b"too long: 8561 bytes" in r2.stderr, r2.stderr)
    result("live_message_control_char_refused", bad.returncode == 2 and
           not rx.user_records(("auditkit-misc-bad-%s" % nonce).encode()), bad.stderr)

    # auditctl -m and audit rules -m: the same record but for pid and exe.
    same = []
    for i, tool in enumerate((["auditctl"], [audit, "rules"])):
        tag = "auditkit-misc-ctl-%s 'q' \"dq\" x=y" % nonce
        r = run(tool + ["-m", tag])
        rx.sync()
        recs = rx.user_records(("auditkit-misc-ctl-%s" % nonce).encode())
        same.append((r.returncode, len(recs), recs[i] if len(recs) > i else b""))
    def norm(l):
        l = re.sub(rb"^type=(\S+) msg=audit\([0-9.:]+\): ", rb"\1 ", l)
        return re.sub(rb'( pid=\d+ | exe="[^"]*")', b" ", l)
    result("live_rules_-m_same_as_auditctl_-m", same[0][0] == 0 and same[1][0] == 0 and same[0][1] == 1
           and same[1][1] == 2 and norm(same[0][2]) == norm(same[1][2])
           and b'exe="/usr/sbin/auditctl"' in same[0][2] and ('exe="%s"' % AUDIT_EXE).encode() in same[1][2],
           same)
    # On a terminal (script(1) gives one): auditctl adds this host's name and the terminal.
    if subprocess.run(["sh", "-c", "command -v script"], stdout=subprocess.DEVNULL).returncode == 0:
        import shlex
        tag = "auditkit-misc-pty-%s" % nonce
        for tool in (["auditctl"], [audit, "rules"]):
            run(["script", "-qc", " ".join(shlex.quote(w) for w in tool + ["-m", tag]) + " </dev/null",
                 "/dev/null"])
        rx.sync()
        recs = rx.user_records(tag.encode())
        result("live_rules_-m_on_a_terminal_same_as_auditctl", len(recs) == 2 and norm(recs[0]) == norm(recs[1])
               and b" terminal=? " not in recs[0] and b" hostname=? " not in recs[0], recs)
    else:
        skip("live_rules_-m_on_a_terminal_same_as_auditctl", "script(1) not installed")
    # Both refuse what libaudit calls illegal; our own command takes UTF-8.
    tag = "auditkit-misc-ill-%s caf\u00e9" % nonce
    a = run(["auditctl", "-m", tag])
    b = run([audit, "rules", "-m", tag])
    rx.sync()
    result("live_rules_-m_illegal_like_auditctl", a.returncode != 0 and b.returncode != 0
           and b"Illegal character" in a.stderr and b"Illegal character" in b.stderr
           and not rx.user_records(("auditkit-misc-ill-%s" % nonce).encode()), (a.stderr, b.stderr))


def live_trees(live, rx, tmp):
    """equiv and trim, each done by us and by auditctl, and by nobody (the control)."""
    if subprocess.run(["mount", "--make-rprivate", "/"], stderr=subprocess.DEVNULL).returncode != 0:
        skip("live_trees", "cannot make mounts private here")
        return
    seen = {}
    for how in ("none", "audit", "auditctl"):
        d = os.path.join(tmp, "tree-" + how)
        w, src, moved = d + "/w", d + "/src", d + "/moved"
        for x in (w + "/mnt", w + "/t", src, moved):
            os.makedirs(x)
        # equiv: a bind mount made under a watched tree after the watch is not in the tree ...
        run(["auditctl", "-w", w, "-p", "w", "-k", "akmisc-eq"])
        subprocess.run(["mount", "--bind", src, w + "/mnt"], check=True)
        live.mounts.append(w + "/mnt")
        open(w + "/mnt/f1", "w").write("1")
        if how == "audit":
            r = run([audit, "equiv", w, w + "/mnt"])
        elif how == "auditctl":
            r = run(["auditctl", "-q", "%s,%s" % (w, w + "/mnt")])
        else:
            r = subprocess.CompletedProcess([], 0, b"", b"")
        rc_eq = r.returncode
        # ... until equiv tags it.
        open(w + "/mnt/f2", "w").write("2")
        run(["auditctl", "-D"])
        # trim: a mount tagged with the tree and then moved out of it stays audited until trim.
        subprocess.run(["mount", "-t", "tmpfs", "akmisc", w + "/t"], check=True)
        live.mounts.append(w + "/t")
        run(["auditctl", "-w", w, "-p", "w", "-k", "akmisc-trim"])
        open(w + "/t/g1", "w").write("a")
        subprocess.run(["mount", "--move", w + "/t", moved], check=True)
        live.mounts[-1] = moved
        open(moved + "/g2", "w").write("b")
        if how == "audit":
            r = run([audit, "trim"])
        elif how == "auditctl":
            r = run(["auditctl", "-t"])
        rc_trim = r.returncode
        open(moved + "/g3", "w").write("c")
        run(["auditctl", "-D"])
        rx.sync()
        data = rx.data()
        got = {f: ('name="%s"' % p).encode() in data for f, p in
               (("f1", w + "/mnt/f1"), ("f2", w + "/mnt/f2"), ("g1", w + "/t/g1"), ("g2", moved + "/g2"),
                ("g3", moved + "/g3"))}
        seen[how] = (rc_eq, rc_trim, got)
    none, ours, ctl = seen["none"][2], seen["audit"][2], seen["auditctl"][2]
    result("live_tree_control", none == {"f1": False, "f2": False, "g1": True, "g2": True, "g3": True}, seen)
    result("live_equiv_exit_0", seen["audit"][0] == 0 and seen["auditctl"][0] == 0, seen)
    result("live_equiv_tags_the_mount", not ours["f1"] and ours["f2"], ours)
    result("live_trim_exit_0", seen["audit"][1] == 0 and seen["auditctl"][1] == 0, seen)
    result("live_trim_untags_moved_mount", ours["g1"] and ours["g2"] and not ours["g3"], ours)
    result("live_trees_same_as_auditctl", ours == ctl, seen)

    # Refusals: the kernel's errno, as auditctl reports it; nonzero exit for both.
    for args, ctl_args, name in (
            (["equiv", tmp + "/nope", tmp], ["auditctl", "-q", "%s/nope,%s" % (tmp, tmp)], "noent_mount"),
            (["equiv", tmp, tmp + "/nope"], ["auditctl", "-q", "%s,%s/nope" % (tmp, tmp)], "noent_subtree"),
            (["rules", "-q", "%s,%s/nope" % (tmp, tmp)], None, "rules_-q_noent")):
        r = run([audit] + args)
        ok = r.returncode == 1 and b"No such file or directory (ENOENT)" in r.stderr
        if ctl_args:
            c = run(ctl_args)
            ok = ok and c.returncode != 0 and b"(No such file or directory)" in c.stderr
            why = (r.returncode, r.stderr, c.returncode, c.stderr)
        else:
            why = (r.returncode, r.stderr)
        result("live_equiv_" + name, ok, why)
    r = run([audit, "equiv", "", tmp])
    result("live_equiv_empty_refused", r.returncode == 2, r.stderr)


def as_nobody():
    os.setgroups([])
    os.setresgid(65534, 65534, 65534)
    os.setresuid(65534, 65534, 65534)


def live_unprivileged(tmp):
    for ours, ctl, name in ((["siginfo"], None, "siginfo"), (["trim"], ["auditctl", "-t"], "trim"),
                            (["equiv", tmp, tmp], ["auditctl", "-q", "%s,%s" % (tmp, tmp)], "equiv"),
                            (["message", "auditkit-misc-nobody"], None, "message")):
        r = run([audit] + ours, preexec_fn=as_nobody)
        ok = r.returncode == 1 and b"Operation not permitted" in r.stderr and r.stdout == b""
        why = [r.returncode, r.stderr]
        if ctl:
            c = run(ctl, preexec_fn=as_nobody)
            ok = ok and c.returncode != 0
            why += [c.returncode, c.stderr]
        result("live_%s_eperm_unprivileged" % name, ok, why)


def signaller(target, sig, uid=None, loginuid=None):
    """Fork a child that sends @sig to @target (as @uid, with @loginuid); returns (pid, errno)."""
    rd, wr = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            os.close(rd)
            if loginuid is not None:
                with open("/proc/self/loginuid", "w") as f:
                    f.write(str(loginuid))
            if uid is not None:
                os.setgroups([])
                os.setresgid(uid, uid, uid)
                os.setresuid(uid, uid, uid)
            try:
                os.kill(target, sig)
            except OSError as e:
                code = e.errno
        except Exception:
            code = 255
        os.write(wr, b"%d" % code)
        os._exit(0)
    os.close(wr)
    code = int(os.read(rd, 16) or b"254")
    os.close(rd)
    os.waitpid(pid, 0)
    return pid, code


def siginfo():
    r = run([audit, "siginfo", "-format", "json"])
    try:
        return json.loads(r.stdout)
    except ValueError:
        return {"error": r.stderr.decode()}


def live_siginfo(live, tmp):
    r = run([audit, "siginfo"])
    t = run([audit, "siginfo", "-format=json"])
    ok = r.returncode == 0 and re.fullmatch(rb"uid \d+\npid -?\d+\n(context \S+\n)?", r.stdout)
    result("live_siginfo_answers", ok and t.returncode == 0, r.stdout + r.stderr)
    if live.status["pid"] != 0:
        skip("live_siginfo_daemon", "another audit daemon (pid %d) is registered" % live.status["pid"])
        return
    s = live.status
    d = subprocess.Popen([audit, "-out", os.path.join(tmp, "daemon.log"), "-rate", str(s["rate_limit"]),
                          "-backlog", str(s["backlog_limit"])], stderr=subprocess.PIPE)
    live.procs.append(d)
    if not wait_for(lambda: live.get_status()["pid"] == d.pid, 5.0):
        result("live_siginfo_daemon_registered", False, live.get_status())
        return
    my_auid = int(open("/proc/self/loginuid").read())
    # An unprivileged sender: the kernel notes it even though the kill itself fails (EPERM),
    # and reports its loginuid when set, else its uid.
    pid1, e1 = signaller(d.pid, signal.SIGUSR1, uid=65534, loginuid=4242)
    si1 = siginfo()
    if e1 == 255:
        skip("live_siginfo_loginuid_sender", "could not set a child's loginuid")
    elif e1 != EPERM:
        result("live_siginfo_loginuid_sender", False, "child's kill: errno %d" % e1)
    else:
        result("live_siginfo_loginuid_sender", si1.get("pid") == pid1 and si1.get("uid") == 4242, (pid1, si1))
    pid2, e2 = signaller(d.pid, signal.SIGHUP, uid=65533)
    si2 = siginfo()
    result("live_siginfo_uid_sender", e2 == EPERM and si2.get("pid") == pid2 and si2.get("uid") == 65533,
           (pid2, e2, si2))
    # Signals other than TERM, HUP, USR1, USR2 are not noted.
    pid3, e3 = signaller(d.pid, signal.SIGINT, uid=65532)
    si3 = siginfo()
    result("live_siginfo_ignores_other_signals", e3 == EPERM and si3 == si2, (pid3, si3, si2))
    result("live_siginfo_daemon_still_registered", d.poll() is None and live.get_status()["pid"] == d.pid)
    # Stop the daemon for real: root's SIGTERM, from a child whose pid we know.
    pid4, e4 = signaller(d.pid, signal.SIGTERM)
    try:
        d.wait(10 * fk.SLOW)
    except subprocess.TimeoutExpired:
        pass
    si4 = siginfo()
    want_uid = my_auid if my_auid != 4294967295 else 0
    result("live_siginfo_root_sigterm", e4 == 0 and si4.get("pid") == pid4 and si4.get("uid") == want_uid,
           (pid4, e4, si4, want_uid))
    result("live_siginfo_daemon_exit_0", d.returncode == 0, d.returncode)
    t = run([audit, "siginfo"])
    result("live_siginfo_text", t.returncode == 0 and t.stdout.startswith(b"uid %d\npid %d\n" % (want_uid, pid4)),
           t.stdout)


def live():
    import tempfile
    if os.geteuid() != 0 or run(["auditctl", "-s"]).returncode != 0:
        skip("audit_misc_live", "needs root, auditctl and kernel audit")
        return
    tmp = tempfile.mkdtemp(prefix="ak-misc-live.")
    lv = Live(tmp)
    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, lambda *a: sys.exit(1))
    try:
        # User messages are logged only while auditing is on.
        if lv.status["enabled"] == 0:
            run([audit, "set", "-enabled", "1"])
        rx = Receiver(lv, os.path.join(tmp, "rx.log"))
        result("live_receiver_listening", rx.ready, rx.data()[:300])
        if rx.ready:
            live_messages(lv, rx)
            live_trees(lv, rx, tmp)
        live_unprivileged(tmp)
        live_siginfo(lv, tmp)
    finally:
        lv.restore()
        subprocess.run(["rm", "-rf", tmp])


if mode == "offline":
    offline()
else:
    live()
checks.append_counts(counts)
# Exit 0 even with failures (they are counted above): non-zero means the part died.
EOF

# A part that dies half-way (a Python exception) counts as one failure.
python3 "$T/t.py" "$T/audit" offline "$top" "$T/counts" || echo "0 1 0" >>"$T/counts"
if [ "$(id -u)" = 0 ] && command -v auditctl >/dev/null 2>&1 && command -v unshare >/dev/null 2>&1 &&
	command -v flock >/dev/null 2>&1; then
	# A private mount namespace: the test's mounts vanish with it, whatever happens.
	flock /tmp/auditkit-kernel.lock unshare -m python3 "$T/t.py" "$T/audit" live "$top" "$T/counts" ||
		echo "0 1 0" >>"$T/counts"
else
	echo "SKIP audit_misc_live: needs root, auditctl, unshare and flock"
	echo "0 0 1" >>"$T/counts"
fi
awk '{p += $1; f += $2; s += $3} END {printf "%d passed, %d failed, %d skipped\n", p, f, s; exit f > 0}' "$T/counts"
