#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The auditkit authors
"""Compare auparse's JSON Lines output with a go-libaudit golden file.

usage: golden-compare.py GOLDEN OURS
For each golden element (one per input line):
  - null (go-libaudit rejected the line): ours must be an error object with "raw";
  - otherwise record_type (case-insensitive), @timestamp (same instant to the ms),
    sequence, raw_msg and tags ("keys") must match, and every key of "data" must be in
    ours with the same value (extra keys are allowed).
Prints one "ok"/"FAIL" line per record, details of mismatches, and exits 1 on failure.
"""
import json
import sys
from datetime import datetime, timezone


def instant(ts):
    # "2017-03-07T04:59:29.03Z" (Go RFC3339Nano, trimmed) or "....030Z"
    base, frac = ts.rstrip("Z").split(".") if "." in ts else (ts.rstrip("Z"), "0")
    dt = datetime.strptime(base, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc)
    return int(dt.timestamp()) * 1000 + int((frac + "000")[:3])


def main():
    golden = json.load(open(sys.argv[1]))
    ours = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8") if l.strip()]
    name = sys.argv[1].rsplit("/", 1)[-1]
    bad = 0
    if len(ours) != len(golden):
        print(f"FAIL {name}: {len(ours)} objects for {len(golden)} golden entries")
        return 1
    for i, (g, o) in enumerate(zip(golden, ours), 1):
        errs = []
        if g is None:
            if "error" not in o or "raw" not in o:
                errs.append("golden null: expected an error object, got %r" % o)
        else:
            if "error" in o:
                errs.append("unexpected error %r" % o["error"])
            if o.get("record_type", "").lower() != g["record_type"].lower():
                errs.append("record_type %r != %r" % (o.get("record_type"), g["record_type"]))
            try:
                if instant(o["@timestamp"]) != instant(g["@timestamp"]):
                    errs.append("@timestamp %r != %r" % (o["@timestamp"], g["@timestamp"]))
            except (KeyError, ValueError) as e:
                errs.append("@timestamp: %r" % e)
            if str(o.get("sequence")) != str(g["sequence"]):
                errs.append("sequence %r != %r" % (o.get("sequence"), g["sequence"]))
            if o.get("raw_msg") != g["raw_msg"]:
                errs.append("raw_msg %r != %r" % (o.get("raw_msg"), g["raw_msg"]))
            if o.get("tags", []) != g.get("keys", []):
                errs.append("tags %r != keys %r" % (o.get("tags"), g.get("keys")))
            for k, v in (g.get("data") or {}).items():
                if k not in o:
                    errs.append("data key %r missing (golden %r)" % (k, v))
                elif o[k] != v:
                    errs.append("data %r: %r != golden %r" % (k, o[k], v))
            if g.get("data") is None:
                errs.append("golden has no data (go-libaudit error %r): not covered" % g.get("error"))
        if errs:
            bad += 1
            print(f"FAIL {name}:{i}")
            for e in errs:
                print("    " + e)
        else:
            print(f"ok {name}:{i}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
