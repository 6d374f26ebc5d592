#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The auditkit authors
# make install into a scratch DESTDIR, then build the examples against the installed tree only
# (pkg-config with PKG_CONFIG_LIBDIR and PKG_CONFIG_SYSROOT_DIR pointing into it, sources copied
# out of the source tree) and run them; check the shared library's soname and exported symbols,
# PROGRAM_PREFIX, and that make uninstall removes every file it installed.
O=${O:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 skip=0

ok() { echo "ok $1"; pass=$((pass + 1)); }
no() { echo "FAIL $1${2:+: $2}"; fail=$((fail + 1)); }
sk() { echo "SKIP $1: $2"; skip=$((skip + 1)); }
check() { name=$1; shift; if "$@"; then ok "$name"; else no "$name"; fi; }
finish() { echo "$pass passed, $fail failed, $skip skipped"; [ "$fail" -eq 0 ]; exit $?; }

root=$tmp/root
prefix=/opt/auditkit
# MAKEFLAGS from `make check` (O=, SANITIZE=) reach this make too: it installs what was built.
if ! make -s -C "$top" O="$O" install DESTDIR="$root" prefix=$prefix >"$tmp/install.log" 2>&1; then
	no "make install" "$(tail -n 5 "$tmp/install.log")"
	finish
fi
ok "make install"
lib=$root$prefix/lib
inc=$root$prefix/include

files_ok=1
for f in lib/libauditkit.so.0.1.0 lib/libauditkit.a lib/pkgconfig/auditkit.pc include/auditkit.h \
	bin/audit bin/auparse share/man/man1/auparse.1 share/man/man3/libauditkit.3 \
	share/man/man8/audit.8; do
	[ -f "$root$prefix/$f" ] || { echo "# missing $prefix/$f"; files_ok=0; }
done
for h in "$top"/include/auditkit/*.h; do
	cmp -s "$h" "$inc/auditkit/$(basename "$h")" || { echo "# header $(basename "$h")"; files_ok=0; }
done
check "installed files" test $files_ok -eq 1
check "symlinks" test "$(readlink "$lib/libauditkit.so.0")" = libauditkit.so.0.1.0 \
	-a "$(readlink "$lib/libauditkit.so")" = libauditkit.so.0
check "soname" sh -c "readelf -d '$lib/libauditkit.so.0.1.0' | grep -q 'SONAME.*\\[libauditkit.so.0\\]'"
check "no source-tree paths in installed files" \
	sh -c "! grep -rl '$top' '$lib/pkgconfig' '$inc' '$root$prefix/share'"

# Exported symbols: exactly the functions the installed headers declare AK_EXPORT, all ak_,
# none of the library-internal ak__, all in the LIBAUDITKIT_0.1.0 version node.
nm -D --defined-only "$lib/libauditkit.so.0.1.0" | awk '{print $3}' | sort >"$tmp/dyn"
sed 's/@.*//' "$tmp/dyn" | grep -v '^LIBAUDITKIT_' | sort >"$tmp/exported"
grep -hv '^#' "$inc"/auditkit/*.h | tr '\n' ' ' | tr ';' '\n' | grep 'AK_EXPORT' |
	sed -E 's/\(\*[^)]*\)//g; s/^.*AK_EXPORT[^(]*[^a-z0-9_(]([a-z_][a-z0-9_]*) *\(.*$/\1/' | sort -u >"$tmp/declared"
check "exports are ak_ only" sh -c "! grep -v '^ak_' '$tmp/exported'"
check "no internal ak__ exported" sh -c "! grep -q '^ak__' '$tmp/exported'"
if diff "$tmp/declared" "$tmp/exported" >"$tmp/symdiff"; then
	ok "exports = AK_EXPORT declarations ($(wc -l <"$tmp/exported"))"
else
	no "exports = AK_EXPORT declarations" "$(head -n 5 "$tmp/symdiff" | tr '\n' ' ')"
fi
check "symbol version LIBAUDITKIT_0.1.0" sh -c \
	"objdump -T '$lib/libauditkit.so.0.1.0' | awk '\$NF ~ /^ak_/ && \$(NF-1) != \"LIBAUDITKIT_0.1.0\"' | grep -q . && exit 1 || exit 0"

# pkg-config sees only the installed tree.
if ! command -v pkg-config >/dev/null 2>&1; then
	sk "pkg-config builds against the installed tree" "pkg-config not installed (apt-get install pkgconf)"
	make -s -C "$top" O="$O" uninstall DESTDIR="$root" prefix=$prefix >/dev/null 2>&1
	finish
fi
export PKG_CONFIG_LIBDIR="$lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$root"
unset PKG_CONFIG_PATH
cflags=$(pkg-config --cflags auditkit) && libs=$(pkg-config --libs auditkit)
check "pkg-config --cflags --libs" test "$(echo $cflags $libs)" = "-I$inc -L$lib -lauditkit"
check "pkg-config version" test "$(pkg-config --modversion auditkit)" = \
	"$(sed -n 's/^VERSION *:= *//p' "$top/Makefile")"

# Nothing outside DESTDIR provides <auditkit.h> (else the build below would prove nothing).
check "no auditkit.h outside DESTDIR" sh -c \
	"! printf '#include <auditkit.h>\n' | ${CC:-cc} -E -x c - >/dev/null 2>&1"

# Sanitized builds' library needs its runtime first in the program.
san=
readelf -d "$lib/libauditkit.so.0.1.0" | grep -q 'libasan' && san=-fsanitize=address,undefined
readelf -d "$lib/libauditkit.so.0.1.0" | grep -q 'libubsan' && [ -z "$san" ] && san=-fsanitize=undefined

mkdir "$tmp/ex"
cp "$top"/examples/*.c "$top/examples/Makefile" "$tmp/ex/"
built=1
for p in status events rule; do
	if ! (cd "$tmp/ex" && ${CC:-cc} -std=gnu11 -O2 -Wall -Wextra -Werror $san $cflags \
		-o $p $p.c $libs) >"$tmp/cc-$p.log" 2>&1; then
		no "build example $p" "$(head -n 5 "$tmp/cc-$p.log")"
		built=0
	else
		ok "build example $p"
	fi
done
check "examples/Makefile (make -C examples)" sh -c \
	"cd '$tmp/ex' && rm -f status events rule && make -s CFLAGS='-O2 -Wall -Wextra -Werror $san' >'$tmp/mk.log' 2>&1 && test -x rule"
# The umbrella header alone, strictly: C11 without GNU extensions, and as C++.
check "auditkit.h compiles with -std=c11 -pedantic" sh -c \
	"printf '#include <auditkit.h>\nint main(void){return ak_version()[0]==0;}\n' >'$tmp/u.c' &&
	 ${CC:-cc} -std=c11 -Wall -Wextra -pedantic -Werror $san $cflags -o '$tmp/u' '$tmp/u.c' $libs"
if command -v ${CXX:-c++} >/dev/null 2>&1; then
	check "auditkit.h compiles and links as C++" sh -c \
		"printf '#include <auditkit.h>\nint main(){return ak_version()[0]==0;}\n' >'$tmp/u.cc' &&
		 ${CXX:-c++} -Wall -Wextra -Werror $san $cflags -o '$tmp/ucc' '$tmp/u.cc' $libs && LD_LIBRARY_PATH='$lib' '$tmp/ucc'"
fi
check "static link (libauditkit.a)" sh -c \
	"cd '$tmp/ex' && ${CC:-cc} -std=gnu11 $san $cflags -o rule-static rule.c -Wl,-Bstatic -lauditkit -Wl,-Bdynamic -L'$lib' &&
	 ! readelf -d rule-static | grep -q libauditkit"
[ $built -eq 1 ] || finish

export LD_LIBRARY_PATH="$lib"
check "examples load the installed library" sh -c \
	"ldd '$tmp/ex/events' | grep 'libauditkit.so.0 => $lib/libauditkit.so.0' >/dev/null"

# rule: compiles and prints back as auditctl -l does
want='-a always,exit -F arch=b64 -S openat -F exit=-EACCES -F key=access'
"$tmp/ex/rule" '-a always,exit -F arch=b64 -S openat -F exit=-EACCES -k access' >"$tmp/rule.out" 2>&1
check "rule example" test "$(tail -n 1 "$tmp/rule.out")" = "$want"
"$tmp/ex/rule" '-a always,exit -S nosuchcall' >"$tmp/rule.bad" 2>&1
check "rule example reports a bad rule" test $? -eq 1 -a -s "$tmp/rule.bad"

# events: the same events as auparse -i -id=false on the demo log
"$tmp/ex/events" <"$top/tests/data/demo.log" >"$tmp/ev.json" 2>"$tmp/ev.err"
rc=$?
"$top/$O/auparse" -i -id=false <"$top/tests/data/demo.log" >"$tmp/ap.json" 2>/dev/null
check "events example exit 0" test $rc -eq 0
check "events example: events = auparse -i" sh -c \
	"test -s '$tmp/ev.json' && cmp -s '$tmp/ev.json' '$tmp/ap.json'"
if command -v jq >/dev/null 2>&1; then
	check "events example: valid JSON" sh -c "jq -e . '$tmp/ev.json' >/dev/null"
fi

# status: a read-only AUDIT_GET (no kernel state changes); 77 = cannot ask here
"$tmp/ex/status" >"$tmp/st.out" 2>&1
rc=$?
case $rc in
0) check "status example" grep -q '^backlog_limit [0-9]' "$tmp/st.out" ;;
77) sk "status example" "$(tail -n 1 "$tmp/st.out")" ;;
*) no "status example" "exit $rc: $(tail -n 1 "$tmp/st.out")" ;;
esac
unset LD_LIBRARY_PATH

# uninstall leaves no file behind
make -s -C "$top" O="$O" uninstall DESTDIR="$root" prefix=$prefix >"$tmp/un.log" 2>&1
check "make uninstall" test "$(find "$root" ! -type d | wc -l)" -eq 0

# PROGRAM_PREFIX renames the tools and their man pages, inside the pages too
make -s -C "$top" O="$O" install DESTDIR="$tmp/r2" prefix=/usr PROGRAM_PREFIX=auditkit- >"$tmp/i2.log" 2>&1
m8=$tmp/r2/usr/share/man/man8/auditkit-audit.8
check "PROGRAM_PREFIX names" test -x "$tmp/r2/usr/bin/auditkit-audit" -a -x "$tmp/r2/usr/bin/auditkit-auparse" \
	-a -f "$m8" -a -f "$tmp/r2/usr/share/man/man1/auditkit-auparse.1"
check "PROGRAM_PREFIX in the man pages" sh -c \
	"grep -q '^\\.ds Au auditkit-audit\$' '$m8' && grep -q '^\\.ds Ap auditkit-auparse\$' '$m8'"
make -s -C "$top" O="$O" uninstall DESTDIR="$tmp/r2" prefix=/usr PROGRAM_PREFIX=auditkit- >/dev/null 2>&1
check "uninstall with PROGRAM_PREFIX" test "$(find "$tmp/r2" ! -type d | wc -l)" -eq 0
finish
