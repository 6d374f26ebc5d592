#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The auditkit authors
"""seed-coalesce.py - (re)write the seed part of fuzz/corpus/coalesce/.

Seeds (seed-*): every test event of go-libaudit's coalescer samples
(tests/golden/coalesce/*.yaml), each under two configuration bytes, and up to two
events per record-type combination from the real auditd logs (tests/data/real),
grouped by serial, plus a few hand-written groups.  Other files (crashes, inputs
libFuzzer found) are left alone.  Run from the top of the tree.
"""
import glob
import hashlib
import os
import re

OUT = "fuzz/corpus/coalesce"


def put(cfg, text):
    data = bytes([cfg]) + text
    name = "seed-" + hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def yaml_events(path):
    """The block scalars under tests: (two-space key, four-space lines)."""
    ev, cur = [], None
    for line in open(path, "rb").read().split(b"\n"):
        if re.match(rb"^  \S.*:\s*\|\s*$", line):
            if cur:
                ev.append(cur)
            cur = []
        elif cur is not None and line.startswith(b"    "):
            cur.append(line[4:])
    if cur:
        ev.append(cur)
    return ev


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        if f.startswith("seed-"):
            os.unlink(os.path.join(OUT, f))
    n = 0
    for path in sorted(glob.glob("tests/golden/coalesce/*.yaml")):
        for i, ev in enumerate(yaml_events(path)):
            text = b"\n".join(ev) + b"\n"
            put(0x00 if i % 2 else 0x05, text)
            put(0x0a, text)
            n += 2
    seen = {}
    for path in sorted(glob.glob("tests/data/real/*.log")):
        groups = {}
        order = []
        for line in open(path, "rb").read().split(b"\n"):
            m = re.search(rb"msg=audit\(\d+\.\d+:(\d+)\)", line)
            if not m:
                continue
            s = m.group(1)
            if s not in groups:
                groups[s] = []
                order.append(s)
            groups[s].append(line)
        for s in order:
            types = tuple(re.search(rb"type=(\S+)", l).group(1) for l in groups[s]
                          if re.search(rb"type=(\S+)", l))
            k = (os.path.basename(path).split("-")[0], types)
            if seen.get(k, 0) >= 2:
                continue
            seen[k] = seen.get(k, 0) + 1
            put(0x04 if seen[k] == 1 else 0x09, b"\n".join(groups[s]) + b"\n")
            n += 1
    crafted = [
        b'type=SYSCALL msg=audit(1.000:1): arch=c000003e syscall=2 success=yes exit=3 '
        b'items=1 ppid=1 pid=2 auid=1000 uid=0 comm="a\\x1b[2Jb" exe=2F746D702F1B5B33316D\n'
        b'type=PATH msg=audit(1.000:1): item=0 name=2F746D700A747970653D46414B45 '
        b'inode=1 mode=0100644 ouid=16 ogid=17 nametype=NORMAL\n',
        b'type=SYSCALL msg=audit(1.000:1): arch=c000003e syscall=59 success=yes exit=0 items=2\n'
        b'type=EXECVE msg=audit(1.000:1): argc=3 a0="ls" a1=2D6C0A a2_len=4 a2[0]=41 a2[1]=4\n'
        b'type=CWD msg=audit(1.000:1): cwd=2F6\n'
        b'type=PATH msg=audit(1.000:1): item=5 name=(null)\n'
        b'type=PROCTITLE msg=audit(1.000:1): proctitle=6C73002D6C00FF\n',
        b'type=SOCKADDR msg=audit(1.000:2): saddr=0A00\n'
        b'type=SOCKADDR msg=audit(1.000:2): saddr=020000357F000001\n'
        b'type=SOCKADDR msg=audit(1.000:2): saddr=01002F746D702F736F636B\n',
        b'type=EOE msg=audit(1.000:3):\n',
        b'type=USER_LOGIN msg=audit(1.000:4): pid=1 uid=0 auid=4294967295 ses=1 '
        b'msg=\'op=login acct="\xff\xfe\x01" exe="/usr/sbin/sshd" hostname=? addr=::1 '
        b'terminal=ssh res=failed\'\x1dUID="root" AUID="unset"\n',
        b'type=AVC msg=audit(1.000:5): avc:  denied  { read write } for  pid=1 comm="x" '
        b'name="\x1b]0;pwn\x07" scontext=a:b:c:s0 tcontext=d:e:f:s0 tclass=file permissive=0\n',
    ]
    for i, c in enumerate(crafted):
        for cfg in (0x00, 0x07, 0x08 | 0x04, 0x18):
            put(cfg, c)
            n += 1
    print(n, "seeds written (before deduplication) to", OUT)


main()
