#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The auditkit authors
#
# bench-auparse.sh - log parsing throughput: auparse against its peers, same file, same run.
#
# Builds bench/data/corpus.log (git-ignored; >= BENCH_MB MB, default 128) from the real
# auditd logs (tests/data/real) and go-libaudit's samples (tests/golden/auparse) with
# bench/gen-corpus.py, then times, on that one file with a warm page cache:
#
#   auparse -format=json      $O/auparse -format=json -in FILE          > /dev/null
#   auparse -i -format=json   (only once -i exists)
#   the same two again with $O/pgo/auparse, the profile-guided build of `make pgo`
#   ausearch -i               ausearch -i --input FILE                   > /dev/null
#                             (no criteria: prints every event, interpreted)
#   laurel                    laurel -c CONF < FILE  (auditd plugin; reads the same lines
#                             on stdin, writes its JSON log to /dev/shm; translate.universal
#                             on, the /proc-reading enrichments off since the processes are gone)
#   wc -l, cat > /dev/null    the cost of just reading the file
#
# Each row: best wall time of BENCH_RUNS runs (default 3; peers BENCH_PEER_RUNS, default 1),
# CPU time (user+sys), MB/s (10^6 bytes per wall second, and per CPU second), records
# (lines) per second, peak
# RSS (/usr/bin/time %M) and the speed ratio auparse / row.  Then instructions per record
# from valgrind --tool=callgrind on slices of the corpus (first BENCH_CG_LINES lines for
# every tool).  All tools are single-threaded here.
set -u
O=${O:-build}
BENCH_MB=${BENCH_MB:-128}
RUNS=${BENCH_RUNS:-3}
PEER_RUNS=${BENCH_PEER_RUNS:-1}
CG_LINES=${BENCH_CG_LINES:-20000}
DATA=bench/data
CORPUS=$DATA/corpus.log
AUPARSE=$O/auparse
TIME=/usr/bin/time

die() { echo "bench-auparse: $*" >&2; exit 1; }
[ -x "$AUPARSE" ] || die "$AUPARSE not built (run make)"
[ -x "$TIME" ] || die "$TIME missing (apt-get install time)"
command -v python3 >/dev/null || die "python3 missing"

# --- corpus -----------------------------------------------------------------------
mkdir -p "$DATA"
SOURCES=$(ls tests/data/real/*.log tests/golden/auparse/*.log 2>/dev/null)
[ -n "$SOURCES" ] || die "no source logs in tests/data/real or tests/golden/auparse"
need=$(awk -v m="$BENCH_MB" 'BEGIN { printf "%d", m * 1000000 }')
regen=0
if [ ! -f "$CORPUS" ] || [ "$(wc -c <"$CORPUS")" -lt "$need" ]; then
	regen=1
else
	for s in $SOURCES bench/gen-corpus.py; do
		[ "$s" -nt "$CORPUS" ] && regen=1
	done
fi
if [ "$regen" = 1 ]; then
	# shellcheck disable=SC2086
	python3 bench/gen-corpus.py "$CORPUS.tmp" "$BENCH_MB" $SOURCES || die "gen-corpus failed"
	mv "$CORPUS.tmp" "$CORPUS"
fi
BYTES=$(wc -c <"$CORPUS")
LINES=$(wc -l <"$CORPUS")

tmp=$(mktemp -d)
shm=$(mktemp -d /dev/shm/ak-bench.XXXXXX 2>/dev/null || mktemp -d)
trap 'rm -rf "$tmp" "$shm"' EXIT

# --- machine ----------------------------------------------------------------------
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
mhz=$(awk -F': ' '/^cpu MHz/ { printf "%.0f MHz", $2; exit }' /proc/cpuinfo)
echo "== bench-auparse: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "machine: $(nproc) CPUs, ${cpu:-unknown CPU}${mhz:+ ($mhz)}, $(uname -sr), $(awk '/MemTotal/ { printf "%.1f GB RAM", $2 / 1e6 }' /proc/meminfo)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews the figures)"
echo "auparse: $AUPARSE ($(git log -1 --format=%h 2>/dev/null || echo ?)), ausearch: $(dpkg-query -W -f '${Version}' auditd 2>/dev/null || echo ?), laurel: $(dpkg-query -W -f '${Version}' laurel 2>/dev/null || echo 'not installed')"
echo "corpus: $CORPUS, $BYTES bytes, $LINES lines (real auditd logs + go-libaudit samples, repeated with shifted ids)"
echo

# --- timing -----------------------------------------------------------------------
# measure NAME RUNS STDIN CMD...: best wall time of RUNS runs; appends a result line
# "NAME|wall|cpu|rss_kb|rc" to $tmp/results.  STDIN is a file or /dev/null.
measure() {
	name=$1 runs=$2 in=$3
	shift 3
	best=""
	i=0
	while [ "$i" -lt "$runs" ]; do
		i=$((i + 1))
		t0=$(date +%s%N)
		$TIME -f '%e %U %S %M' -o "$tmp/time" "$@" <"$in" >/dev/null 2>"$tmp/stderr"
		rc=$?
		t1=$(date +%s%N)
		read -r _ usr sys rss <"$tmp/time" || { usr=0; sys=0; rss=0; }
		# wall from date(1): /usr/bin/time rounds to 10 ms
		wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')
		if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then
			best=$wall
			bcpu=$(awk -v u="$usr" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
			brss=$rss
		fi
	done
	echo "$name|$best|$bcpu|$brss|$rc" >>"$tmp/results"
	if [ "$rc" -ne 0 ]; then
		echo "note: $name exited $rc: $(head -c 200 "$tmp/stderr")" >>"$tmp/notes"
	fi
}

cat "$CORPUS" >/dev/null                     # warm the page cache
measure "auparse -format=json" "$RUNS" /dev/null "$AUPARSE" -format=json -in "$CORPUS"
if "$AUPARSE" -i -format=json -in tests/data/real/raw.log >/dev/null 2>&1; then
	measure "auparse -i -format=json" "$RUNS" /dev/null "$AUPARSE" -i -format=json -in "$CORPUS"
else
	echo "note: auparse -i not available yet: row omitted" >>"$tmp/notes"
fi
# the same two with the profile-guided build of `make pgo` (scripts/pgo-train.sh: trained on
# logs that are not this corpus's sources), when it exists
PGO_AUPARSE=$O/pgo/auparse
if [ -x "$PGO_AUPARSE" ]; then
	measure "auparse -format=json, PGO" "$RUNS" /dev/null "$PGO_AUPARSE" -format=json -in "$CORPUS"
	measure "auparse -i -format=json, PGO" "$RUNS" /dev/null "$PGO_AUPARSE" -i -format=json -in "$CORPUS"
else
	echo "note: $PGO_AUPARSE not built (make pgo): PGO rows omitted" >>"$tmp/notes"
fi
if command -v ausearch >/dev/null; then
	measure "ausearch -i" "$PEER_RUNS" /dev/null ausearch -i --input "$CORPUS"
else
	echo "note: ausearch not installed (apt-get install auditd): row omitted" >>"$tmp/notes"
fi
if command -v laurel >/dev/null; then
	cat >"$tmp/laurel.toml" <<EOF
directory = "$shm"
[auditlog]
file = "laurel.log"
size = 100000000000
generations = 1
[transform]
execve-argv = [ "array" ]
[translate]
universal = true
user-db = false
[enrich]
pid = false
execve-env = []
container = false
script = false
EOF
	measure "laurel" "$PEER_RUNS" "$CORPUS" laurel -c "$tmp/laurel.toml"
	rm -f "$shm"/laurel.log*
else
	echo "note: laurel not installed (apt-get install laurel): row omitted" >>"$tmp/notes"
fi
measure "wc -l (floor)" "$RUNS" /dev/null wc -l "$CORPUS"
measure "cat >/dev/null (floor)" "$RUNS" /dev/null cat "$CORPUS"

# --- table ------------------------------------------------------------------------
awk -F'|' -v bytes="$BYTES" -v lines="$LINES" '
{ name[NR] = $1; wall[NR] = $2; cpu[NR] = $3; rss[NR] = $4; n = NR }
END {
	ref = wall[1] > 0 ? wall[1] : 1e-9
	cref = cpu[1] > 0 ? cpu[1] : 0.01
	printf "%-30s %8s %8s %9s %9s %12s %9s %14s %10s\n", "tool", "wall s", "cpu s", "MB/s", "MB/cpu-s", "records/s", "RSS MB", "auparse is", "(by cpu)"
	for (i = 1; i <= n; i++) {
		w = wall[i] > 0 ? wall[i] : 1e-4
		c = cpu[i] > 0 ? cpu[i] : 0.01      # user+sys, 10 ms resolution
		if (name[i] ~ /^auparse/) {
			ratio = "-"; cratio = "-"
		} else if (name[i] ~ /floor/) {
			ratio = sprintf("%.0f%% of it", 100 * w / ref); cratio = "-"
		} else {
			ratio = sprintf("%.1fx faster", w / ref)
			cratio = sprintf("%.1fx", c / cref)
		}
		printf "%-30s %8.3f %8.2f %9.1f %9.1f %12.0f %9.1f %14s %10s\n", name[i], wall[i], cpu[i],
			bytes / 1e6 / w, bytes / 1e6 / c, lines / w, rss[i] / 1024, ratio, cratio
	}
}' "$tmp/results"
[ -f "$tmp/notes" ] && cat "$tmp/notes"
echo "(\"auparse is Nx faster\": row wall / the first row's wall (the plain build, not PGO); for the floors, auparse's speed as a"
echo " percentage of the floor's: 100% would mean parsing costs nothing beyond reading;"
echo " MB/cpu-s uses user+sys time, less sensitive than wall time to other load on the machine)"

# --- instructions per record --------------------------------------------------------
if command -v valgrind >/dev/null && [ "${BENCH_CALLGRIND:-1}" != 0 ]; then
	echo
	head -n "$CG_LINES" "$CORPUS" >"$tmp/slice"
	# cg NAME SLICE LINES STDIN CMD...: total instructions (Ir) / LINES
	cg() {
		name=$1 slice=$2 nl=$3 in=$4
		shift 4
		valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$@" <"$in" \
			>/dev/null 2>"$tmp/cg.err"
		ir=$(awk '/^(summary|totals):/ { print $2; exit }' "$tmp/cg.out" 2>/dev/null)
		rm -f "$tmp"/cg.out*
		if [ -n "$ir" ]; then
			awk -v n="$name" -v ir="$ir" -v l="$nl" 'BEGIN {
				printf "%-30s %14.0f instructions per record (%d records, callgrind)\n", n, ir / l, l }'
		else
			echo "$name: callgrind failed: $(tail -n 2 "$tmp/cg.err")"
		fi
	}
	cg "auparse -format=json" "$tmp/slice" "$CG_LINES" /dev/null "$AUPARSE" -format=json -in "$tmp/slice"
	if "$AUPARSE" -i -format=json -in tests/data/real/raw.log >/dev/null 2>&1; then
		cg "auparse -i -format=json" "$tmp/slice" "$CG_LINES" /dev/null "$AUPARSE" -i -format=json -in "$tmp/slice"
	fi
	[ -x "$PGO_AUPARSE" ] &&
		cg "auparse -format=json, PGO" "$tmp/slice" "$CG_LINES" /dev/null "$PGO_AUPARSE" -format=json -in "$tmp/slice"
	command -v ausearch >/dev/null &&
		cg "ausearch -i" "$tmp/slice" "$CG_LINES" /dev/null ausearch -i --input "$tmp/slice"
	command -v laurel >/dev/null &&
		cg "laurel" "$tmp/slice" "$CG_LINES" "$tmp/slice" laurel -c "$tmp/laurel.toml"
	cg "wc -l (floor)" "$tmp/slice" "$CG_LINES" /dev/null wc -l "$tmp/slice"
fi
exit 0
