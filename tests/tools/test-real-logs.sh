#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The auditkit authors
#
# Real auditd logs (tests/data/real/*.log, see its README): `auparse` must turn every
# input line into exactly one valid JSON object, with no "error" (every line there is
# well-formed), the header fields right, the node= prefix kept, and auditd's enriched
# (0x1d-separated, UPPERCASE) interpretations available under "enriched" but never
# leaking into a data key or value.  Also run with -format=text and -format=yaml for
# the line/document counts, and with -i (coalesced events): one valid JSON event per
# distinct audit(...) id, none with an error.
set -u
O=${O:-build}
AUPARSE=$O/auparse
PY=$(command -v python3 || true)
pass=0; fail=0; skip=0
ok() { echo "ok $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1${2:+: $2}"; fail=$((fail + 1)); }

if [ -z "$PY" ]; then
	echo "FAIL python3 not found (needed to validate JSON)"
	echo "0 passed, 1 failed, 0 skipped"
	exit 1
fi
if [ ! -x "$AUPARSE" ]; then
	echo "FAIL $AUPARSE not built"
	echo "0 passed, 1 failed, 0 skipped"
	exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat >"$tmp/check.py" <<'PY'
import json, re, sys

inp, out = sys.argv[1], sys.argv[2]
WELL_KNOWN = {"record_type", "@timestamp", "sequence", "node", "raw_msg", "tags",
              "enriched", "error", "error_pos", "raw"}
HDR = re.compile(rb"^(?:node=(\S+) )?type=(\S+) msg=audit\((\d+)\.(\d{3}):(\d+)\): ")
ENR_KEY = re.compile(rb"(?:^| )([A-Z][A-Z0-9_]*)=")
RAW_KEY = re.compile(rb"(?:^| )([A-Za-z0-9_\[\]-]+)=")
problems = []

def problem(lineno, msg):
    if len(problems) < 20:
        problems.append("%s:%d: %s" % (inp, lineno, msg))
    else:
        problems.append(None)

with open(inp, "rb") as f:
    lines = f.read().split(b"\n")
if lines and lines[-1] == b"":
    lines.pop()
with open(out, "rb") as f:
    outs = f.read().split(b"\n")
if outs and outs[-1] == b"":
    outs.pop()

if len(outs) != len(lines):
    problem(0, "%d input lines but %d output lines" % (len(lines), len(outs)))

for i, (line, o) in enumerate(zip(lines, outs), 1):
    try:
        txt = o.decode("utf-8")
    except UnicodeDecodeError as e:
        problem(i, "output is not UTF-8: %s" % e)
        continue
    try:
        obj = json.loads(txt)
    except ValueError as e:
        problem(i, "invalid JSON: %s: %.200s" % (e, txt))
        continue
    if not isinstance(obj, dict):
        problem(i, "not a JSON object")
        continue
    if "error" in obj:
        problem(i, "error on a well-formed line: %r" % obj["error"])
        continue
    m = HDR.match(line)
    if not m:
        problem(i, "test data line does not match the audit.log header")
        continue
    node, tname, sec, msec, serial = m.groups()
    if obj.get("sequence") != serial.decode():
        problem(i, "sequence %r, want %r" % (obj.get("sequence"), serial.decode()))
    rt = obj.get("record_type")
    if not isinstance(rt, str) or not rt:
        problem(i, "record_type missing")
    elif not tname.startswith(b"UNKNOWN[") and rt != tname.decode():
        problem(i, "record_type %r, want %r" % (rt, tname.decode()))
    if node is not None and obj.get("node") != node.decode():
        problem(i, "node %r, want %r" % (obj.get("node"), node.decode()))
    if node is None and "node" in obj:
        problem(i, "node %r on a line without node=" % obj["node"])
    ts = obj.get("@timestamp", "")
    if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", ts):
        problem(i, "@timestamp %r is not RFC 3339 UTC with milliseconds" % ts)
    elif ts[-4:-1] != msec.decode():
        problem(i, "@timestamp %r has the wrong milliseconds (%s)" % (ts, msec.decode()))

    body = line[m.end():]
    gs = body.find(b"\x1d")
    raw_part = body if gs < 0 else body[:gs]
    raw_keys = {k.decode() for k in RAW_KEY.findall(raw_part)}
    # Nothing in the data may carry the separator followed by an interpretation (a
    # value may contain 0x1d legitimately: a hex-encoded file name decoded).
    for k, v in obj.items():
        if k in ("raw_msg", "raw", "enriched"):
            continue
        vals = v if isinstance(v, list) else [v]
        for s in vals:
            if isinstance(s, str) and re.search("\x1d[A-Z][A-Z0-9_]*=", s):
                problem(i, "value of %r carries enriched text: %.120r" % (k, s))
    if gs >= 0:
        enr = body[gs + 1:]
        enr_keys = [k.decode() for k in ENR_KEY.findall(enr)]
        e = obj.get("enriched")
        if not isinstance(e, dict):
            problem(i, "enriched line without an \"enriched\" object")
        else:
            for k in enr_keys:
                if k not in e:
                    problem(i, "enriched key %r missing from \"enriched\"" % k)
        for k in enr_keys:
            if k in obj and k not in raw_keys and k not in WELL_KNOWN:
                problem(i, "enriched key %r leaked into the data" % k)
        # the last raw field's value must not have swallowed the enriched part
        tail = enr.split(b" ")[0].decode("utf-8", "replace")
        for k, v in obj.items():
            if k in ("raw_msg", "raw", "enriched") or not isinstance(v, str):
                continue
            if tail and tail in v and tail.encode() not in raw_part:
                problem(i, "enriched text %r leaked into %r" % (tail, k))
                break
    elif "enriched" in obj:
        problem(i, "\"enriched\" on a line without 0x1d")

if problems:
    for p in problems:
        if p is not None:
            print(p)
    if problems[-1] is None:
        print("... %d more" % sum(1 for p in problems if p is None))
    sys.exit(1)
print("%d lines ok" % len(lines))
PY

cat >"$tmp/check-events.py" <<'PY'
import json, re, sys

inp, out = sys.argv[1], sys.argv[2]
with open(inp, "rb") as f:
    ids = set(re.findall(rb"msg=audit\((\d+\.\d+:\d+)\)", f.read()))
bad = []
n = 0
with open(out, "rb") as f:
    for i, l in enumerate(f, 1):
        n += 1
        try:
            o = json.loads(l.decode("utf-8"))
        except ValueError as e:
            bad.append("%s: event %d: invalid JSON/UTF-8: %s" % (out, i, e))
            continue
        if not isinstance(o, dict) or "@timestamp" not in o or "sequence" not in o:
            bad.append("%s: event %d: not an event object" % (out, i))
        elif "error" in o:
            bad.append("%s: event %d: error %r" % (out, i, o["error"]))
if n != len(ids):
    bad.append("%d distinct audit(...) ids in the input but %d events" % (len(ids), n))
for b in bad[:20]:
    print(b)
sys.exit(1 if bad else 0)
PY

n=0
for f in tests/data/real/*.log; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	name=$(basename "$f" .log)
	if ! "$AUPARSE" -in "$f" >"$tmp/$name.json" 2>"$tmp/$name.err"; then
		bad "real-$name-json" "auparse exited $?: $(head -c 300 "$tmp/$name.err")"
		continue
	fi
	if msg=$("$PY" "$tmp/check.py" "$f" "$tmp/$name.json" 2>&1); then
		ok "real-$name-json"
	else
		bad "real-$name-json" "
$msg"
	fi
	# stdin and -format=json spelled the GNU way give the same bytes
	if "$AUPARSE" --format json <"$f" 2>/dev/null | cmp -s - "$tmp/$name.json"; then
		ok "real-$name-stdin-same"
	else
		bad "real-$name-stdin-same" "stdin/--format json output differs from -in FILE"
	fi
	lines=$(wc -l <"$f")
	tl=$("$AUPARSE" -format=text -in "$f" 2>/dev/null | wc -l)
	if [ "$tl" -eq "$lines" ]; then
		ok "real-$name-text-lines"
	else
		bad "real-$name-text-lines" "$lines input lines, $tl text lines"
	fi
	# -i: one valid JSON event per distinct event id, none with an error
	"$AUPARSE" -i -in "$f" >"$tmp/$name.events" 2>"$tmp/$name.ierr"
	rc=$?
	if [ "$rc" -eq 2 ] && grep -q 'not available' "$tmp/$name.ierr"; then
		echo "skip real-$name-events: auparse -i not available yet"
		skip=$((skip + 1))
	elif [ "$rc" -ne 0 ]; then
		bad "real-$name-events" "auparse -i exited $rc: $(head -c 300 "$tmp/$name.ierr")"
	elif msg=$("$PY" "$tmp/check-events.py" "$f" "$tmp/$name.events" 2>&1); then
		ok "real-$name-events"
	else
		bad "real-$name-events" "
$msg"
	fi
	yl=$("$AUPARSE" -format=yaml -in "$f" 2>/dev/null | grep -c '^---')
	if [ "$yl" -eq "$lines" ]; then
		ok "real-$name-yaml-docs"
	else
		bad "real-$name-yaml-docs" "$lines input lines, $yl YAML documents"
	fi
done
if [ "$n" -eq 0 ]; then
	bad "real-logs-present" "no tests/data/real/*.log"
fi

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
