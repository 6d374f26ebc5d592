#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The auditkit authors
# Build the Debian packages from a copy of the tracked files (dpkg-buildpackage -us -uc -b),
# run lintian on them (errors fail), install them into a scratch root with dpkg --root, check
# what they hold (no file any installed Debian package owns; the tools run; an example builds
# against the installed -dev package through pkg-config), then remove them and check nothing is
# left.  Prints ok/FAIL lines and "N passed, N failed, N skipped" (it can run as a test).
# Needs dpkg-dev, debhelper, lintian, fakeroot (installed with apt-get when missing and root).
# Usage: scripts/ci-debian.sh [OUTDIR]   (OUTDIR keeps the .deb files and logs)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=${1:-$tmp/out}
mkdir -p "$out"
pass=0 fail=0 skip=0
ok() { echo "ok $1"; pass=$((pass + 1)); }
no() { echo "FAIL $1${2:+: $2}"; fail=$((fail + 1)); }
sk() { echo "SKIP $1: $2"; skip=$((skip + 1)); }
check() { name=$1; shift; if "$@"; then ok "$name"; else no "$name"; fi; }
finish() { echo "$pass passed, $fail failed, $skip skipped"; [ "$fail" -eq 0 ]; exit $?; }

need="dpkg-dev debhelper lintian fakeroot pkgconf gcc make"
missing=
for p in $need; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing \
		>"$out/apt.log" 2>&1 || true
fi
for p in $need; do
	dpkg -s "$p" >/dev/null 2>&1 || { sk "debian packages" "$p is not installed"; finish; }
done

# A copy of what git tracks (plus the working tree's edits), so the build never touches the
# tree's own build/ and debian/ stays clean.
src=$tmp/src/auditkit
mkdir -p "$src"
(cd "$top" && git ls-files -z | xargs -0 cp --parents -t "$src" 2>/dev/null) ||
	(cd "$top" && tar cf - --exclude=./build --exclude=./.git . | tar xf - -C "$src")
t0=$(date +%s)
if (cd "$src" && dpkg-buildpackage -us -uc -b >"$out/build.log" 2>&1); then
	ok "dpkg-buildpackage -us -uc -b ($(($(date +%s) - t0)) s)"
else
	no "dpkg-buildpackage -us -uc -b" "$(tail -n 15 "$out/build.log")"
	finish
fi
mv "$tmp"/src/*.deb "$tmp"/src/*.changes "$tmp"/src/*.buildinfo "$out/" 2>/dev/null
debs=
for p in libauditkit0 libauditkit-dev auditkit-tools; do
	check "built $p" sh -c "ls '$out'/${p}_*.deb >/dev/null 2>&1"
	debs="$debs $(ls "$out"/${p}_*.deb 2>/dev/null)"
done
ls "$out"/*.deb | sed 's/^/# /'

# lintian: no errors (warnings are listed, not fatal)
t0=$(date +%s)
lintian --display-info --pedantic "$out"/*.changes >"$out/lintian.log" 2>&1
echo "# lintian ($(($(date +%s) - t0)) s):"
sed 's/^/# /' "$out/lintian.log"
check "lintian: no errors" sh -c "! grep -q '^E: ' '$out/lintian.log'"

# No file of ours belongs to a package installed on this machine (clashes).
clash=
for d in "$out"/*.deb; do
	for f in $(dpkg-deb -c "$d" | awk '$1 !~ /^d/ {print substr($6, 2)}'); do
		o=$(dpkg -S "$f" 2>/dev/null) && case $o in auditkit*|libauditkit*) ;; *) clash="$clash $f($o)";; esac
	done
done
check "no file owned by an installed package" test -z "$clash"
[ -n "$clash" ] && echo "# clashes:$clash"

# Their dependencies resolve on this system (simulated: nothing is installed here).
if apt-get -s install $debs >"$out/apt-sim.log" 2>&1; then
	ok "apt-get -s install: dependencies resolve"
else
	no "apt-get -s install: dependencies resolve" "$(tail -n 3 "$out/apt-sim.log")"
fi

# Install into a scratch root (dependencies are not there: --force-depends), look, remove.
root=$tmp/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
: >"$root/var/lib/dpkg/status"
: >"$root/var/lib/dpkg/available"
dp() { dpkg --root="$root" --force-depends --force-not-root --force-script-chrootless --log=/dev/null "$@"; }
if dp -i $debs >"$out/install.log" 2>&1; then ok "dpkg --root -i"
else no "dpkg --root -i" "$(tail -n 5 "$out/install.log")"; fi
st=$(dpkg-query --admindir="$root/var/lib/dpkg" -W -f '${Package} ${Status}\n' | sort | tr '\n' ';')
check "three packages installed" test "$st" = \
	"auditkit-tools install ok installed;libauditkit-dev install ok installed;libauditkit0 install ok installed;"
ma=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
for f in usr/lib/$ma/libauditkit.so.0 usr/lib/$ma/libauditkit.so usr/lib/$ma/libauditkit.a \
	usr/lib/$ma/pkgconfig/auditkit.pc usr/include/auditkit.h usr/include/auditkit/rule.h \
	usr/bin/auditkit-audit usr/bin/auditkit-auparse usr/share/man/man1/auditkit-auparse.1.gz \
	usr/share/man/man8/auditkit-audit.8.gz usr/share/man/man3/libauditkit.3.gz \
	usr/share/doc/auditkit-tools/examples/auditkit-auparse.conf \
	usr/share/doc/libauditkit-dev/examples/events.c; do
	[ -e "$root/$f" ] || no "installed /$f"
done
ok "installed files present"
check "no bare audit or auparse in /usr/bin" test ! -e "$root/usr/bin/audit" -a ! -e "$root/usr/bin/auparse"
check "auditkit-auparse runs" sh -c \
	"'$root/usr/bin/auditkit-auparse' -i -id=false <'$top/tests/data/demo.log' 2>/dev/null | grep -c '\"category\"' | grep -qv '^0\$'"
check "auditkit-audit rules -check runs" sh -c \
	"printf -- '-a always,exit -F arch=b64 -S openat -k t\n' >'$tmp/r' && '$root/usr/bin/auditkit-audit' rules -check '$tmp/r' >/dev/null 2>&1"
if PKG_CONFIG_LIBDIR="$root/usr/lib/$ma/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$root" sh -c \
	"cc -std=gnu11 -Wall -Werror \$(pkg-config --cflags auditkit) -o '$tmp/rule' \
	 '$root/usr/share/doc/libauditkit-dev/examples/rule.c' \$(pkg-config --libs auditkit)" >"$out/cc.log" 2>&1 &&
	LD_LIBRARY_PATH="$root/usr/lib/$ma" "$tmp/rule" '-w /etc/shadow -p wa -k shadow' >"$tmp/rule.out" 2>&1 &&
	[ "$(tail -n 1 "$tmp/rule.out")" = "-w /etc/shadow -p wa -k shadow" ]; then
	ok "example against the installed -dev package"
else
	no "example against the installed -dev package" "$(cat "$out/cc.log" "$tmp/rule.out" 2>/dev/null | tail -n 3)"
fi
if dp -P auditkit-tools libauditkit-dev libauditkit0 >"$out/remove.log" 2>&1; then ok "dpkg --root -P"
else no "dpkg --root -P" "$(tail -n 5 "$out/remove.log")"; fi
left=$(find "$root" ! -type d ! -path "$root/var/lib/dpkg/*" | head -n 5)
check "nothing left after purge" test -z "$left"
finish
