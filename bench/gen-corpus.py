#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The auditkit authors
"""gen-corpus.py OUT MIN_MB SOURCE... - build a benchmark log of at least MIN_MB MB.

Concatenates the SOURCE logs (real auditd logs, go-libaudit's samples) again and
again.  Copy k shifts every timestamp by k * 100000 s and every serial by
k * 1000003 (mod 2**32), so that no two events of the corpus share an id and tools
that group records into events (ausearch, laurel) see as many events as a real log
of that size would have.  Lines without an audit(...) header are copied as they are.
"""
import re
import sys

HDR = re.compile(rb"audit\((\d+)\.(\d+):(\d+)\)")


def main():
    out, min_mb, sources = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
    blocks = []
    for s in sources:
        with open(s, "rb") as f:
            data = f.read()
        if data and not data.endswith(b"\n"):
            data += b"\n"
        blocks.append(data)
    template = b"".join(blocks)
    if not template:
        sys.exit("gen-corpus: no input")
    want = int(min_mb * 1e6)
    written = 0
    k = 0
    with open(out, "wb") as f:
        while written < want:
            def shift(m, k=k):
                sec = int(m.group(1)) + k * 100000
                ser = (int(m.group(3)) + k * 1000003) % (1 << 32)
                return b"audit(%d.%s:%d)" % (sec, m.group(2), ser)
            chunk = HDR.sub(shift, template) if k else template
            f.write(chunk)
            written += len(chunk)
            k += 1
    print("gen-corpus: %s: %d bytes, %d copies of %d sources" % (out, written, k, len(sources)))


if __name__ == "__main__":
    main()
