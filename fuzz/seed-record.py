#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The auditkit authors
"""seed-record.py - (re)write the seed part of fuzz/corpus/record/.

Seeds are named seed-*: every line of go-libaudit's samples (tests/golden/auparse),
up to three lines per record type and flavour from the real auditd logs
(tests/data/real) plus every real line with a split EXECVE argument, and a set of
hand-written edge cases.  Files not named seed-* (crashes, inputs libFuzzer found)
are left alone.  Run from the top of the tree.
"""
import glob
import hashlib
import os
import re

OUT = "fuzz/corpus/record"
os.makedirs(OUT, exist_ok=True)
for f in glob.glob(os.path.join(OUT, "seed-*")):
    os.unlink(f)

seeds = []
for path in sorted(glob.glob("tests/golden/auparse/*.log")):
    with open(path, "rb") as f:
        seeds += [l for l in f.read().split(b"\n") if l]

TYPE = re.compile(rb"type=(\S+)")
for path in sorted(glob.glob("tests/data/real/*.log")):
    count = {}
    with open(path, "rb") as f:
        for l in f.read().split(b"\n"):
            m = TYPE.search(l)
            if not m:
                continue
            t = m.group(1)
            special = b"_len=" in l or b"[0]=" in l
            if count.get(t, 0) < 3 or special:
                count[t] = count.get(t, 0) + 1
                seeds.append(l)

HAND = [
    b"",
    b"\n",
    b"type=",
    b"type=SYSCALL msg=audit(",
    b"type=SYSCALL msg=audit(1.2:3):",
    b"type=SYSCALL msg=audit(1.2:3): ",
    b"type=SYSCALL msg=audit(18446744073709551616.999:4294967296): a=b",
    b"type=SYSCALL msg=audit(-1.-1:-1): a=b",
    b"type=UNKNOWN[1329] msg=?",
    b"type=UNKNOWN[99999999999] msg=audit(1.000:1): x=y",
    b"node=  type=SYSCALL msg=audit(1.000:1): x=y",
    b"node=h\x00st type=SYSCALL msg=audit(1.000:1): x=y",
    b"type=SYSCALL msg=audit(1.000:1): arch=c000003e syscall=59 exe=2F62696E key=6101620163\r\n",
    b"type=SYSCALL msg=audit(1.000:1): arch=zz syscall=-1 exit=-99999999999999999999 exe=ABC",
    b"type=USER_CMD msg=audit(1.000:1): pid=1 msg='cmd=414 x='nested' y=\"q\" '",
    b"type=USER_START msg=audit(1.000:1): msg='op=x (hostname=?, addr=?, terminal=cron res=success)'",
    b"type=AVC msg=audit(1.000:1): avc:  denied  { read write } for  pid=1 comm=\"x\" scontext=a:b:c:s0 tcontext=u:r:t:s0-s0:c0.c1023 tclass=file",
    b"type=LOGIN msg=audit(1.000:1): login pid=1 uid=0 old auid=4294967295 new auid=0 old ses=4294967295 new ses=1",
    b"type=EXECVE msg=audit(1.000:1): argc=3 a0=\"x\" a1_len=6 a1[0]=414243 a1[1]=444546 a2=00",
    b"type=EXECVE msg=audit(1.000:1): argc=99999999 a0=\"x\"",
    b"type=EXECVE msg=audit(1.000:1): argc=2 a0=\"x\" a1[18446744073709551615]=41",
    b"type=SOCKADDR msg=audit(1.000:1): saddr=0A000050000000002607F8B0400C0C06000000000000006700000000",
    b"type=SOCKADDR msg=audit(1.000:1): saddr=0A00",
    b"type=SOCKADDR msg=audit(1.000:1): saddr=01002F746D702F78",
    b"type=SOCKADDR msg=audit(1.000:1): saddr=100000000000000000000000",
    b"type=SOCKADDR msg=audit(1.000:1): saddr=0200",
    b"type=SOCKADDR msg=audit(1.000:1): saddr=0a00005",
    b"type=PROCTITLE msg=audit(1.000:1): proctitle=00000000",
    b"type=PROCTITLE msg=audit(1.000:1): proctitle=ABC",
    b"type=SECCOMP msg=audit(1.000:1): sig=31 arch=c000003e syscall=999 exe=\"/x\"",
    b"type=TTY msg=audit(1.000:1): data=1B5B33316D0A",
    b"type=PATH msg=audit(1.000:1): name=2F746D702F1D41554944 obj=a:b:c:d:e:f:g",
    b"type=SYSCALL msg=audit(1.000:1): auid=1 \x1dAUID=\"x\" UID=\"root\" \x1d\x1d",
    b"type=SYSCALL msg=audit(1.000:1): \x1d",
    b"type=SYSCALL msg=audit(1.000:1): k=\"unterminated",
    b"type=SYSCALL msg=audit(1.000:1): k='unterminated",
    b"type=SYSCALL msg=audit(1.000:1): k=\"a\\\"b\" l='c\\'d' m=",
    b"type=SYSCALL msg=audit(1.000:1): a=1 a=2 a=3 A=4 a1[0]=5 x-y=6 ==7 =8 9=",
    b"type=SYSCALL msg=audit(1.000:1): comm=\"\xff\xfe\xc0\xaf\xed\xa0\x80\xf4\x90\x80\x80\" x=\x00\x01\x7f",
    b"type=SYSCALL msg=audit(1.000:1): " + b"k=v " * 2000,
    b"type=SYSCALL msg=audit(1.000:1): v=" + b"4" * 9001,
    b"type=SYSCALL msg=audit(1.000:1): " + b"'" * 300 + b"\"" * 300,
    b"\x00" * 64,
    b"type=SYSCALL msg=audit(1.000:1): x=y\x00type=SYSCALL msg=audit(2.000:2): z=w",
    b"type=DAEMON_CONFIG msg=audit(1490239800.477:34) config changed, auid=0",
    b"audit(1.000:1): a=b",
    b"type=1300 msg=audit(1.000:1): a=b",
]
seeds += HAND

seen = set()
for s in seeds:
    h = hashlib.sha1(s).hexdigest()
    if h in seen:
        continue
    seen.add(h)
    with open(os.path.join(OUT, "seed-" + h[:16]), "wb") as f:
        f.write(s)
print("seed-record: %d seeds in %s" % (len(seen), OUT))
