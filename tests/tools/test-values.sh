#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The auditkit authors
#
# `auparse -values` against the real `ausearch -i` (auditd 3.0.9): the readings of
# mode, perm, capability sets, signals, protocols, a0..a3 ... must be what ausearch
# prints for the same field of the same record (tests/tools/values-compare.py), over
# the real logs (tests/data/real/*.log) and a synthetic log that reaches every
# decoder (tests/data/values/probe.log).  Also: without -values the output is the
# same bytes as before, YAML carries the same readings, and -values with -i is a
# usage error.
set -u
O=${O:-build}
AUPARSE=$O/auparse
PY=$(command -v python3 || true)
pass=0; fail=0; skip=0
ok() { echo "ok $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1${2:+: $2}"; fail=$((fail + 1)); }
skp() { echo "skip $1"; skip=$((skip + 1)); }

if [ -z "$PY" ] || [ ! -x "$AUPARSE" ]; then
	echo "FAIL python3 or $AUPARSE missing"
	echo "0 passed, 1 failed, 0 skipped"
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The flag adds and never changes: without the "interpreted" member, -values
# output is the default output.
for log in tests/data/real/raw.log tests/data/values/probe.log; do
	n=$(basename "$log")
	"$AUPARSE" "$log" >"$tmp/plain.json" 2>/dev/null
	"$AUPARSE" -values "$log" >"$tmp/values.json" 2>/dev/null
	if "$PY" - "$tmp/plain.json" "$tmp/values.json" <<'PY'
import json, sys
a = open(sys.argv[1], 'rb').read().splitlines()
b = open(sys.argv[2], 'rb').read().splitlines()
assert len(a) == len(b), 'line counts differ'
n = 0
for x, y in zip(a, b):
    o = json.loads(y)
    if 'interpreted' in o:
        n += 1
        assert list(o)[-1] == 'interpreted' and o['interpreted'], 'not last or empty'
        del o['interpreted']
    assert o == json.loads(x), 'other members changed'
assert n > 0, 'no record has readings'
PY
	then ok "$n: -values only adds a last \"interpreted\" object"
	else bad "$n: -values changes more than it adds"
	fi
done
"$AUPARSE" -values -format yaml tests/data/values/probe.log >"$tmp/v.yaml" 2>/dev/null
if grep -q '^interpreted:$' "$tmp/v.yaml" && grep -q '^  mode: "file,suid,sgid,sticky,777"$' "$tmp/v.yaml"; then
	ok "YAML: interpreted mapping"
else
	bad "YAML: interpreted mapping"
fi
"$AUPARSE" -values -i tests/data/values/probe.log >/dev/null 2>&1
[ $? -eq 2 ] && ok "-values with -i: usage error" || bad "-values with -i: usage error"

if ! command -v ausearch >/dev/null 2>&1; then
	skp "ausearch not installed: no comparison with ausearch -i"
	echo "$pass passed, $fail failed, $skip skipped"
	[ "$fail" -eq 0 ]
	exit
fi
for log in tests/data/real/raw.log tests/data/real/enriched.log tests/data/real/raw-node.log \
	tests/data/real/enriched-node.log tests/data/values/probe.log; do
	n=$(basename "$log")
	ausearch -i --input "$log" >"$tmp/aus.txt" 2>/dev/null
	"$AUPARSE" -values "$log" >"$tmp/ours.json" 2>/dev/null
	"$PY" tests/tools/values-compare.py "$n" "$tmp/aus.txt" "$tmp/ours.json" >"$tmp/cmp.txt" 2>&1
	if ! grep -q '^GROUPS ' "$tmp/cmp.txt"; then
		bad "$n: compare script failed" "$(tail -n 3 "$tmp/cmp.txt" | tr '\n' ' ')"
		continue
	fi
	grep -v '^GROUPS ' "$tmp/cmp.txt"
	set -- $(sed -n 's/^GROUPS //p' "$tmp/cmp.txt")
	pass=$((pass + $1)); fail=$((fail + $2)); skip=$((skip + $3))
done
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
