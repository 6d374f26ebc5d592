#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The auditkit authors
#
# pgo-train.sh BUILDDIR - the training run of `make pgo`: run BUILDDIR/auparse, built with
# -fprofile-generate, over the committed logs in every output mode, so that GCC's
# -fprofile-use build knows which branches and functions are hot.
#
# The training logs are deliberately NOT the sources of the benchmark corpus
# (bench/gen-corpus.py builds that from tests/data/real/*.log and tests/golden/auparse/*.log):
# a build trained on what it is then timed on would flatter itself.  They are:
#   - the events of go-libaudit's coalescer tests (tests/golden/coalesce/*.yaml: RHEL 7,
#     Ubuntu 16.04-17.04 and other kernels' records, as go-libaudit's own tests quote them);
#   - go-libaudit's reassembler streams (tests/golden/reasm/*.log) and tests/data/demo.log;
#   - the synthetic field-value probe (tests/data/values/probe.log);
#   - the record fuzzer's corpus (fuzz/corpus/record/*: odd and malformed lines, so the
#     error paths are not laid out as cold as they would be otherwise).
set -eu
B=${1:?usage: pgo-train.sh BUILDDIR}
[ -x "$B/auparse" ] || { echo "pgo-train: $B/auparse not built" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for y in tests/golden/coalesce/*.yaml; do
	# the log lines of each test event are indented by four spaces under "name: |"
	sed -n 's/^    \(\(node\|type\)=.*\)$/\1/p' "$y"
done >"$tmp/coalesce.log"
cat tests/golden/reasm/*.log tests/data/demo.log tests/data/values/probe.log >"$tmp/misc.log"
for f in fuzz/corpus/record/*; do
	cat "$f"
	echo
done >"$tmp/fuzz.log"

n=0
for f in "$tmp/coalesce.log" "$tmp/misc.log" "$tmp/fuzz.log"; do
	for mode in "-format=json" "-i -format=json" "-raw -format=json" "-format=yaml" \
		"-format=text" "-i -format=text" "-i -format=yaml"; do
		# shellcheck disable=SC2086
		"$B/auparse" $mode -in "$f" >/dev/null 2>&1 || true
		n=$((n + 1))
	done
done
echo "pgo-train: $n runs over $(cat "$tmp"/*.log | wc -l) lines"
