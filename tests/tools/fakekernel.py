# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The auditkit authors
"""The scripted fake kernel of the audit tool's shell tests (tests/tools/test-audit-*.sh).

The audit tool takes its kernel socket as an inherited descriptor (-kernel-fd N, and for
`audit -lost-interval` the status socket -lost-fd N) instead of opening NETLINK_AUDIT.  A test
hands it one end of an AF_UNIX SOCK_SEQPACKET socketpair (datagrams keep their boundaries, as
netlink's do) and plays the kernel on the other end, so it can show without root what the real
kernel will not: short status replies, refusals, a lost counter that goes down, immutable mode.

Shared here: the netlink framing, struct audit_status, the socketpair with its serving thread,
the ok/FAIL/SKIP lines and their counts, and wait_for.  Each test keeps its own answers in a
subclass of FakeKernel that overrides handle().

The scripts find this module through PYTHONPATH (set to their own directory), whatever the
current directory is.

Under scripts/valgrind-check.sh (AK_VALGRIND set) the tool runs under valgrind, 20-50 times
slower: wait_for() then waits SLOW times longer, the scripts stretch their own waits by SLOW
where only the tool's speed is at stake, and drained() lets them wait until the tool has read
what was sent before they time what it does with it.
"""
import array
import collections
import fcntl
import os
import socket
import struct
import subprocess
import sys
import threading
import time

HDR = "=IHHII"          # struct nlmsghdr: len, type, flags, seq, pid
HDR_LEN = 16
NLMSG_ERROR = 2
NLM_F_ACK = 4

AUDIT_GET, AUDIT_SET, AUDIT_USER = 1000, 1001, 1005
AUDIT_SIGNAL_INFO, AUDIT_TRIM, AUDIT_MAKE_EQUIV = 1010, 1014, 1015
AUDIT_SET_FEATURE, AUDIT_GET_FEATURE = 1018, 1019

# struct audit_status in order (44 bytes); old kernels send only the first 8 fields (32 bytes).
STATUS_FIELDS = ("mask", "enabled", "failure", "pid", "rate_limit", "backlog_limit", "lost",
                 "backlog", "feature_bitmap", "backlog_wait_time", "backlog_wait_time_actual")
STATUS_LEN = 44
# AUDIT_STATUS_* bits of the mask
M_ENABLED, M_FAILURE, M_PID, M_RATE, M_BACKLOG, M_WAIT, M_LOST = 1, 2, 4, 8, 16, 32, 64

# How much longer to wait for the tool: it runs under valgrind when AK_VALGRIND is set.
SLOW = 5 if os.environ.get("AK_VALGRIND") else 1
SIOCOUTQ = 0x5411       # linux/sockios.h (TIOCOUTQ): bytes sent and not yet read by the peer


def nlmsg(typ, data=b"", seq=0, flags=0, length=None):
    """One netlink message.  @length is nlmsg_len, by default header and data (the netlink rule)."""
    if isinstance(data, str):
        data = data.encode()
    return struct.pack(HDR, HDR_LEN + len(data) if length is None else length, typ, flags, seq,
                       0) + data


def pack_status(status, length=STATUS_LEN):
    """struct audit_status from a dict of STATUS_FIELDS (missing ones 0), cut to @length bytes."""
    return struct.pack("=11I", *(status.get(f, 0) for f in STATUS_FIELDS))[:length]


def unpack_status(body):
    """A dict of STATUS_FIELDS from the first 44 bytes of @body."""
    return dict(zip(STATUS_FIELDS, struct.unpack("=11I", body[:STATUS_LEN])))


class Msg(collections.namedtuple("Msg", "len type flags seq pid raw")):
    """A request as the fake kernel received it: the header's fields and the whole datagram."""

    @property
    def header(self):
        return self.raw[:HDR_LEN]

    @property
    def body(self):
        return self.raw[HDR_LEN:self.len]


class FakeKernel:
    """self.k is the kernel's end of a socketpair, self.mine the tool's (pass self.fd to it).

    serve=True: a thread reads each request and calls handle(msg) with self.lock held (event()
    takes it too, so an event never lands in the middle of an answer); handle() returning True
    stops the thread, as does the tool closing its end.  An OSError while answering is raised in
    the thread, or with quiet_send_errors=True just ends it (the tool went away mid-answer).
    """

    def __init__(self, serve=True, quiet_send_errors=False):
        self.k, self.mine = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.lock = threading.Lock()
        self.quiet_send_errors = quiet_send_errors
        if serve:
            self.t = threading.Thread(target=self.serve, daemon=True)
            self.t.start()

    @property
    def fd(self):
        """The tool's end, as the argument of -kernel-fd / -lost-fd."""
        return str(self.mine.fileno())

    def handle(self, msg):
        """Override: answer @msg (a Msg).  By default ignore it."""
        return False

    def serve(self):
        while True:
            try:
                d = self.k.recv(65536)
            except OSError:
                return
            if not d:
                return
            msg = Msg(*struct.unpack(HDR, d[:HDR_LEN]), d)
            try:
                with self.lock:
                    if self.handle(msg):
                        return
            except OSError:
                if self.quiet_send_errors:
                    return
                raise

    def send(self, typ, seq, data, flags=0):
        """A reply: nlmsg_len counts the header, as the kernel's replies do."""
        self.k.send(nlmsg(typ, data, seq, flags))

    def ack(self, seq, err=0, echo=None):
        """NLMSG_ERROR with @err (0: an ACK), then @echo, the request's header (zeros if None)."""
        self.send(NLMSG_ERROR, seq, struct.pack("=i", err) + (b"\0" * HDR_LEN if echo is None else echo))

    def event(self, typ, text, whole_len=False):
        """An audit record (seq 0).  nlmsg_len counts the payload only, as the real kernel sets
        it for audit records (audit_log_end()); whole_len=True: header included, the netlink rule."""
        data = text.encode() if isinstance(text, str) else text
        with self.lock:
            self.k.send(nlmsg(typ, data, length=None if whole_len else len(data)))

    def unread(self):
        """Bytes sent to the tool that it has not read yet (the kernel's end's SIOCOUTQ: an
        AF_UNIX datagram stays charged to its sender until the receiver takes it)."""
        buf = array.array("i", [0])
        fcntl.ioctl(self.k.fileno(), SIOCOUTQ, buf, True)
        return buf[0]

    def drained(self, secs=10.0):
        """Wait (up to @secs, times SLOW) until the tool has read everything sent to it."""
        return wait_for(lambda: self.unread() == 0, secs, 0.005)

    def close(self):
        """Hang up: the tool sees the end of the stream."""
        try:
            self.k.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.k.close()


def spawn(cmd, kernels, wait=True, **kw):
    """Run @cmd (subprocess.run; Popen with wait=False) with the tool's ends of @kernels passed
    down, then close them here: the tool holds them now, so each fake sees the end of the stream
    when the tool exits."""
    p = (subprocess.run if wait else subprocess.Popen)(
        cmd, pass_fds=[k.mine.fileno() for k in kernels], **kw)
    for k in kernels:
        k.mine.close()
    return p


def wait_for(cond, secs=3.0, step=0.02):
    """Poll @cond every @step seconds until it holds or @secs (times SLOW) pass; its last value."""
    end = time.time() + secs * SLOW
    while time.time() < end:
        if cond():
            return True
        time.sleep(step)
    return cond()


class Checks:
    """The "ok NAME" / "FAIL NAME: why" / "SKIP NAME: why" lines and their counts.
    why_max: cut a failure's explanation to that many characters (None: all of it)."""

    def __init__(self, why_max=None):
        self.passed = self.failed = self.skipped = 0
        self.why_max = why_max

    def result(self, name, ok, why=""):
        if ok:
            print("ok " + name)
            self.passed += 1
        else:
            why = str(why)
            if self.why_max is not None:
                why = why[:self.why_max]
            print("FAIL %s: %s" % (name, why))
            self.failed += 1

    def skip(self, name, why):
        print("SKIP %s: %s" % (name, why))
        self.skipped += 1

    def finish(self):
        """The summary line; exit 1 if anything failed."""
        print("%d passed, %d failed, %d skipped" % (self.passed, self.failed, self.skipped))
        sys.exit(1 if self.failed else 0)

    def append_counts(self, path):
        """For a script that runs several parts: "passed failed skipped" appended to @path."""
        with open(path, "a") as f:
            f.write("%d %d %d\n" % (self.passed, self.failed, self.skipped))
