#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The auditkit authors
"""seed-netlink.py - (re)write the seed part of fuzz/corpus/netlink/ (format: see
fuzz/fuzz-netlink.c).  Seeds (seed-*): events made from the real auditd logs
(tests/data/real, up to two per record type, as netlink payloads with the type
number), for each receive mode and some buffer sizes; replies to every request
(status, a listed rule from the rule goldens' shapes, features, signal info, ACKs,
errors, DONE), in both orders with events interleaved; truncated and short
datagrams.  Files not named seed-* are left alone.  Run from the top of the tree.
"""
import hashlib
import os
import re
import struct

OUT = "fuzz/corpus/netlink"
TYPES = {}


def load_types():
    for line in open("include/uapi/linux/audit.h"):
        m = re.match(r"#define AUDIT_(\w+)\s+(\d+)", line)
        if m:
            TYPES.setdefault(m.group(1), int(m.group(2)))


def put(data):
    name = "seed-" + hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def synth(kind, typ, payload):
    body = struct.pack("<H", typ) + payload
    return bytes([kind]) + struct.pack("<H", len(body)) + body


def raw(dgram):
    return bytes([0]) + struct.pack("<H", len(dgram)) + dgram


def hdr(nlen, typ, flags, seq, pid=0):
    return struct.pack("<IHHII", nlen, typ, flags, seq, pid)


def ack(err=0, seq=1):
    return raw(hdr(36, 2, 0, seq) + struct.pack("<i", err) + hdr(16, 1000, 5, seq))


def main():
    load_types()
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        if f.startswith("seed-"):
            os.unlink(os.path.join(OUT, f))
    events, seen = [], {}
    for path in ("tests/data/real/raw.log", "tests/data/real/enriched.log"):
        for line in open(path, "rb").read().split(b"\n"):
            m = re.match(rb"type=(\w+) msg=(audit\(.*)$", line)
            if not m:
                continue
            t = m.group(1).decode()
            num = TYPES.get(t)
            if num is None:
                um = re.match(r"UNKNOWN\[(\d+)\]", t)
                if not um:
                    continue
                num = int(um.group(1))
            if seen.get(t, 0) >= 2:
                continue
            seen[t] = seen.get(t, 0) + 1
            events.append((num, m.group(2)))
    n = 0
    # events alone, each receive mode, a few buffer sizes, kauditd's length or honest
    for i, (t, p) in enumerate(events):
        for mode, b1 in ((0, 7), (1, 7 | 16), (0, 2 + (i % 5))):
            kind = 3 | (4 if i % 2 else 0)
            put(bytes([mode, b1]) + synth(kind, t, p + (b"\0" if i % 3 == 0 else b"")))
            n += 1
    # streams of events
    for i in range(0, len(events), 6):
        chunk = b"".join(synth(7, t, p) for t, p in events[i:i + 6])
        put(bytes([i % 2, 7]) + chunk)
        put(bytes([2, 7 | 8]) + chunk + synth(1, 1000, b"\0" * 40) + ack())
        n += 2
    # replies to requests
    status = struct.pack("<10I", 0x3ff, 1, 1, 1234, 0, 8192, 3, 0, 5, 0)
    feats = struct.pack("<4I", 1, 3, 1, 0)
    sig = struct.pack("<Ii", 1000, 42) + b"unconfined\0"
    rule = struct.pack("<3I", 4, 2, 2) + struct.pack("<64I", *([0xffffffff] * 64)) + \
        struct.pack("<64I", 11, 9, *([0] * 62)) + struct.pack("<64I", 3, 0xc000003e, *([0] * 62)) + \
        struct.pack("<64I", 0x40000000, 0x40000000, *([0] * 62)) + struct.pack("<I", 0)
    wrule = struct.pack("<3I", 4, 2, 3) + struct.pack("<64I", *([0xffffffff] * 64)) + \
        struct.pack("<64I", 105, 106, 210, *([0] * 61)) + struct.pack("<64I", 9, 15, 4, *([0] * 61)) + \
        struct.pack("<64I", 0x40000000, 0x40000000, 0x40000000, *([0] * 61)) + \
        struct.pack("<I", 13) + b"/etc/passwdwa"
    ev = synth(7, events[0][0], events[0][1]) if events else b""
    for mode, typ, payload in ((2, 1000, status), (2, 1000, status[:32]), (2, 1000, status[:31]),
                               (4, 1019, feats), (5, 1010, sig), (5, 1010, sig[:8]),
                               (5, 1010, sig[:8] + b"x" * 300)):
        for b1 in (7, 7 | 8, 0):
            put(bytes([mode, b1]) + synth(1, typ, payload) + ack())
            put(bytes([mode, b1]) + ack() + ev + synth(1, typ, payload) + ev)
            put(bytes([mode, b1]) + ack(-1))
            n += 3
    done = raw(hdr(16, 3, 2, 1))
    for b1 in (7, 3, 4, 0):
        put(bytes([3, b1]) + ack() + synth(1, 1013, rule) + ev + synth(1, 1013, wrule) + done)
        put(bytes([3, b1]) + synth(1, 1013, wrule[:-3]) + done + ack())
        n += 2
    for mode in (6, 7):
        put(bytes([mode, 7]) + ev + ack(0, 2) + ack(5) + ev)
        put(bytes([mode, 7]) + ack(-13))
        n += 2
    # short and odd datagrams
    for d in (b"\x01", b"\0" * 15, hdr(16, 1300, 0, 0), hdr(0xffffffff, 1300, 0, 0) + b"audit(",
              hdr(8, 2, 0, 1) + b"\xff\xff", hdr(20, 2, 0, 1) + b"\0\0\0\0"):
        put(bytes([0, 7]) + raw(d))
        put(bytes([2, 7]) + raw(d) + ack())
        n += 2
    print(n, "seeds written to", OUT)


main()
