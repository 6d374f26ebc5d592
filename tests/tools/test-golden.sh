#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The auditkit authors
# Every record of go-libaudit's auparse goldens (tests/golden/auparse) reproduced by
# build/auparse: one "ok"/"FAIL" line per golden record, details on failure.
O=${O:-build}
here=$(dirname "$0")
gold=$here/../golden/auparse
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 skip=0
if ! command -v python3 >/dev/null 2>&1; then
	echo "SKIP golden: python3 not installed"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
fi
for log in "$gold"/*.log; do
	n=$(basename "$log")
	if ! "$O/auparse" -in "$log" >"$tmp/$n.json" 2>"$tmp/$n.err"; then
		echo "FAIL $n: auparse failed"; cat "$tmp/$n.err"; fail=$((fail + 1)); continue
	fi
	python3 "$here/golden-compare.py" "$log.golden" "$tmp/$n.json" >"$tmp/$n.out"
	cat "$tmp/$n.out"
	p=$(grep -c '^ok ' "$tmp/$n.out"); f=$(grep -c '^FAIL ' "$tmp/$n.out")
	pass=$((pass + p)); fail=$((fail + f))
done
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
