#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The auditkit authors
#
# valgrind-check.sh - the unit tests, the tools on the golden and real logs, and the
# fuzz corpus replays, each under valgrind memcheck: any memory error, and any
# definite or indirect leak, fails.  Tests that need the live kernel (test-live-*)
# are not run here (they share global kernel state; .ci/run runs them plainly).
#
#   sh scripts/valgrind-check.sh          (from the top of the tree; builds O=build)
#
# Prints ok NAME / FAIL NAME lines and ends with "N passed, N failed"; exit status 1
# on any failure.  Takes a few minutes.
set -u
O=${O:-build}
VG="valgrind -q --suppressions=scripts/valgrind.supp --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect --track-fds=no"

if ! command -v valgrind >/dev/null 2>&1; then
	echo "FAIL valgrind not installed"
	echo "0 passed, 1 failed"
	exit 1
fi
# Timing assertions (e.g. test-interp's linear-time check) cannot hold at valgrind's
# speed: tests skip them when AK_VALGRIND is set.
AK_VALGRIND=1
export AK_VALGRIND
make -s O="$O" all tests >/dev/null || {
	echo "FAIL build"
	echo "0 passed, 1 failed"
	exit 1
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

# run NAME CMD...: CMD under valgrind; stdout kept in $tmp/out, stderr (the
# valgrind report) shown on failure.  A program's own failure status counts too,
# except with any_status=1 (a tool refusing a bad input file), where only
# valgrind's own status (99) and death by a signal fail.
any_status=0
run() {
	name=$1
	shift
	# shellcheck disable=SC2086
	$VG "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	if [ "$rc" -eq 0 ] || { [ "$any_status" = 1 ] && [ "$rc" -ne 99 ] && [ "$rc" -lt 128 ]; }; then
		echo "ok $name"
		pass=$((pass + 1))
	else
		echo "FAIL $name (exit $rc)"
		grep -E '^==[0-9]+==' "$tmp/err" | head -n 30
		tail -n 3 "$tmp/out"
		fail=$((fail + 1))
	fi
}

for t in "$O"/tests/test-*; do
	case "$t" in
	*.d | *.o) continue ;;
	*/test-live-*) continue ;;
	esac
	[ -x "$t" ] || continue
	run "unit $(basename "$t")" "$t"
done

logs="$(ls tests/golden/auparse/*.log tests/data/real/*.log tests/data/demo.log 2>/dev/null)"
for f in $logs; do
	n=$(basename "$f")
	run "auparse json $n" "$O/auparse" -in "$f" -out "$tmp/o"
	run "auparse yaml $n" "$O/auparse" -format yaml -in "$f" -out "$tmp/o"
	run "auparse text $n" "$O/auparse" -format text -in "$f" -out "$tmp/o"
	run "auparse raw $n" "$O/auparse" -raw -in "$f" -out "$tmp/o"
	run "auparse -i json $n" "$O/auparse" -i -id=false -in "$f" -out "$tmp/o"
	run "auparse -i text $n" "$O/auparse" -i -format text -in "$f" -out "$tmp/o"
done
# the event samples as go-libaudit's coalescer tests feed them (one event per block)
for f in tests/golden/coalesce/*.yaml; do
	n=$(basename "$f" .yaml)
	sed -n 's/^    //p' "$f" >"$tmp/$n.log"
	run "auparse -i yaml $n" "$O/auparse" -i -format yaml -in "$tmp/$n.log" -out "$tmp/o"
done
any_status=1 # some rule samples hold lines auditctl refuses
for f in tests/golden/rules/*.rules; do
	run "audit rules -check $(basename "$f")" "$O/audit" rules -check "$f"
done
any_status=0

# The shell tests that drive auparse (flags, bad input, rotation, events, readings,
# goldens, real logs) with auparse itself under valgrind: a wrapper takes its
# place in a bin directory given to the tests as O and logs every run's report;
# a test fails on its own checks, or when any report is not empty.
# (test-adversarial.sh is left out: it asserts peak RSS, which would be
# valgrind's, and feeds 100 MB lines.)
vgbin=$tmp/vgbin
mkdir -p "$vgbin" "$tmp/vglogs"
top=$(pwd)
case "$O" in /*) real=$O ;; *) real=$top/$O ;; esac
{
	echo '#!/bin/sh'
	echo "exec $VG --suppressions=$top/scripts/valgrind.supp --log-file=$tmp/vglogs/vg.%p $real/auparse \"\$@\""
} >"$vgbin/auparse"
chmod +x "$vgbin/auparse"
ln -s "$real/audit" "$vgbin/audit"
for t in test-auparse test-golden test-real-logs test-auparse-events test-auparse-rotate test-values; do
	[ -f "tests/tools/$t.sh" ] || continue
	rm -f "$tmp"/vglogs/*
	O=$vgbin sh "tests/tools/$t.sh" >"$tmp/out" 2>&1
	rc=$?
	runs=$(find "$tmp/vglogs" -type f | wc -l)
	# valgrind -q writes nothing for a clean run: any report is an error or a leak
	bad=$(find "$tmp/vglogs" -type f -size +0c)
	if [ "$rc" -eq 0 ] && [ -z "$bad" ] && [ "$runs" -gt 0 ]; then
		echo "ok tool test $t.sh with auparse under valgrind ($runs runs; $(tail -n 1 "$tmp/out"))"
		pass=$((pass + 1))
	else
		echo "FAIL tool test $t.sh with auparse under valgrind (exit $rc, $runs runs)"
		grep -E '^FAIL' "$tmp/out" | head -n 10
		tail -n 1 "$tmp/out"
		for f in $bad; do head -n 40 "$f"; done
		fail=$((fail + 1))
	fi
done

for r in "$O"/fuzz/replay-fuzz-*; do
	[ -x "$r" ] || continue
	case "$r" in *.d | *.o) continue ;; esac
	run "replay $(basename "$r")" "$r"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
