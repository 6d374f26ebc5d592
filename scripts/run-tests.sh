#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Run every test program given as an argument (binaries, or *.sh scripts run with sh), from the
# top of the tree.  Each prints "N passed, N failed[, N skipped]" as its last such line; this
# sums them.  A program that crashes, or exits non-zero without such a line, counts as one
# failure.  Ends with the line "N passed, N failed, N skipped".
set -u
O=${O:-build}
export O
tp=0; tf=0; ts=0; bad=""
for t in "$@"; do
	name=$(basename "$t")
	echo "== $name"
	case "$t" in
	*.sh) out=$(sh "$t" 2>&1); rc=$? ;;
	*) out=$("$t" 2>&1); rc=$? ;;
	esac
	printf '%s\n' "$out" | grep -v '^ok ' | grep -v '^[0-9]* passed, [0-9]* failed' || true
	line=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -n 1)
	if [ -z "$line" ]; then
		echo "FAIL $name: exited $rc without a summary line"
		tf=$((tf + 1)); bad="$bad $name"; continue
	fi
	p=$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')
	f=$(echo "$line" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')
	s=$(echo "$line" | sed -nE 's/.*, ([0-9]+) skipped.*/\1/p')
	s=${s:-0}
	echo "   $line"
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "FAIL $name: exited $rc"
		f=1
	fi
	tp=$((tp + p)); tf=$((tf + f)); ts=$((ts + s))
	[ "$f" -ne 0 ] && bad="$bad $name"
done
[ -n "$bad" ] && echo "failing:$bad"
echo "$tp passed, $tf failed, $ts skipped"
[ "$tf" -eq 0 ]
