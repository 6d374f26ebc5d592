#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The auditkit authors
"""Convert upstream tables into the plain-text files under data/.

Run by a developer when upstream changes, never by the build (the build only
runs scripts/gen-tables.py, which reads data/ and nothing else).  Every file
written starts with comment lines naming its source; data/README.md explains
the sources and their licences.

  scripts/import-tables.py syscalls-ausyscall
        data/syscalls/<table>.txt from `ausyscall <arch> --dump` (Debian auditd)
  scripts/import-tables.py syscalls-tbl FILE [ABI,... [TABLE,...]]
        add the entries of a kernel syscall table (arch/*/syscall*.tbl or
        scripts/syscall.tbl format; ABIs default "common") whose numbers are
        above auditd's range to data/syscalls/<table>.txt (default: all)
  scripts/import-tables.py msgtypes [EXTRA_HEADER...]
        data/msgtypes.txt from libaudit's own name table (libaudit.so.1,
        audit_msg_type_to_name), /usr/include/libaudit.h, the vendored
        include/uapi/linux/audit.h and any newer headers given
  scripts/import-tables.py arches
        data/arches.txt from the AUDIT_ARCH_* macros of the vendored
        include/uapi/linux/audit.h (evaluated with the C compiler)
  scripts/import-tables.py errno
        data/errno.txt from /usr/include/asm-generic/errno{-base,}.h
  scripts/import-tables.py signals
        data/signals.txt from /usr/include/asm-generic/signal.h

Add --check to compare with the committed data instead of writing it.
"""

import ctypes
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, 'data')
CHECK = False

# Syscall tables as ausyscall (auditd 3.0.9) names them -> our table name.
# ppc64 and ppc64le use the ppc table inside auditd, so ppc is dumped once;
# arm and armeb share auditd's armeb table, which we call arm (as go-libaudit).
AUSYSCALL_TABLES = {
    'aarch64': 'aarch64', 'arm': 'arm', 'i386': 'i386', 'ppc': 'ppc',
    's390': 's390', 's390x': 's390x', 'x86_64': 'x86_64',
}

# Arch names and which syscall table each uses (data/arches.txt, 3rd column).
ARCH_SYSCALLS = {
    'aarch64': 'aarch64', 'arm': 'arm', 'armeb': 'arm', 'i386': 'i386',
    'ppc': 'ppc', 'ppc64': 'ppc', 'ppc64le': 'ppc', 's390': 's390',
    's390x': 's390x', 'x86_64': 'x86_64', 'riscv64': 'riscv64',
}

# go-libaudit leaves these AUDIT_ARCH_* out of its table; we keep them but
# mark them so a reader of data/arches.txt can see what differs.
GO_LIBAUDIT_EXCLUDED = ('TILE', 'OPENRISC', 'ALPHA', 'MICROBLAZE', 'ARCOMPACT',
                        'ARCV2', 'CSKY', 'HEXAGON', 'NDS32', 'RISCV', 'UNICORE',
                        'XTENSA')


def write(path, header, lines):
    text = ''.join('# %s\n' % h if h else '#\n' for h in header)
    text += ''.join(l + '\n' for l in lines)
    full = os.path.join(DATA, path)
    if CHECK:
        old = open(full).read() if os.path.exists(full) else ''
        print('%s: %s' % (path, 'same' if old == text else 'DIFFERS'))
        return
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, 'w') as f:
        f.write(text)
    print('wrote %s (%d entries)' % (path, len([l for l in lines if l and l[0] != '#'])))


def dpkg_version(pkg):
    try:
        return subprocess.run(['dpkg-query', '-W', '-f=${Version}', pkg],
                              capture_output=True, text=True).stdout.strip() or '?'
    except OSError:
        return '?'


def read_syscalls(table):
    """The committed data/syscalls/<table>.txt: {nr: (name, origin or None)}."""
    path = os.path.join(DATA, 'syscalls', table + '.txt')
    out = {}
    if os.path.exists(path):
        for line in open(path):
            cols = line.split()
            if len(cols) >= 2 and cols[0].isdigit():
                out[int(cols[0])] = (cols[1], cols[2] if len(cols) > 2 else None)
    return out


def write_syscalls(table, entries, extra_header):
    """entries: {nr: (name, origin)}; origin None for auditd's own entries."""
    lines = []
    for n in sorted(entries):
        name, origin = entries[n]
        lines.append('%d\t%s' % (n, name) + ('\t' + origin if origin else ''))
    write('syscalls/%s.txt' % table,
          ['syscalls for the %s table: number, name[, origin]' % table] + extra_header +
          ['imported by scripts/import-tables.py (see data/README.md)'], lines)


def syscalls_header(table):
    arch = {t: a for a, t in AUSYSCALL_TABLES.items()}.get(table)
    if not arch:
        return ['origin linux-tbl: kernel syscall tables (auditd 3.0.9 has none here)']
    return ['no origin: `ausyscall %s --dump`, Debian auditd %s' % (arch, dpkg_version('auditd')),
            'origin linux-tbl: a kernel syscall table, for numbers auditd lacks']


def syscalls_ausyscall():
    for arch, table in sorted(AUSYSCALL_TABLES.items()):
        out = subprocess.run(['ausyscall', arch, '--dump'], capture_output=True,
                             text=True, check=True)
        entries = {}
        for line in out.stdout.splitlines():
            m = re.fullmatch(r'(\d+)\s+(\w+)', line.strip())
            if m:
                entries[int(m.group(1))] = (m.group(2), None)
        # Syscall numbers are never reused: keep what other sources added.
        for n, (name, origin) in read_syscalls(table).items():
            if n not in entries and origin:
                entries[n] = (name, origin)
        write_syscalls(table, entries, syscalls_header(table))


def syscalls_tbl(path, abis, tables):
    """Add the entries of a kernel syscall .tbl auditd's tables lack."""
    add = {}
    for line in open(path):
        cols = line.split()
        if len(cols) >= 3 and cols[0].isdigit() and cols[1] in abis:
            add[int(cols[0])] = cols[2]
    for table in tables:
        entries = read_syscalls(table)
        # Only above auditd's own range: below it, a gap is auditd's choice.
        # A table auditd does not have at all is made from the kernel's.
        top = max([n for n, (_, origin) in entries.items() if origin is None] + [-1])
        for n, name in sorted(add.items()):
            if n > top and n not in entries:
                entries[n] = (name, 'linux-tbl')
        write_syscalls(table, entries, syscalls_header(table))


def read_code(path):
    """The file without its /* */ comments (some headers comment out defines)."""
    return re.sub(r'/\*.*?\*/', lambda m: '\n' * m.group(0).count('\n'),
                  open(path).read(), flags=re.S)


def header_defines(path, lo, hi):
    out = []
    for m in re.finditer(r'^\s*#\s*define\s+AUDIT_(\w+)\s+(\d+)\b', read_code(path), re.M):
        n = int(m.group(2))
        if lo <= n <= hi:
            out.append((n, m.group(1)))
    return out


def msgtypes(extra):
    lib = ctypes.CDLL('libaudit.so.1')
    fn = lib.audit_msg_type_to_name
    fn.restype = ctypes.c_char_p
    fn.argtypes = [ctypes.c_int]
    names, origin = {}, {}
    # 1. libaudit's own table (msg_typetab.h): the names auditd prints.
    for n in range(1000, 3000):
        s = fn(n)
        if s:
            names[n], origin[n] = s.decode(), 'libaudit'
    # 2. Numbers only #defined in headers: the macro name minus AUDIT_, never
    #    a FIRST_* range marker when a real name exists (go-libaudit's rule).
    headers = [('/usr/include/libaudit.h', 'libaudit.h'),
               (os.path.join(ROOT, 'include/uapi/linux/audit.h'), 'uapi')]
    headers += [(p, 'newer-uapi') for p in extra]
    for path, tag in headers:
        cands = {}
        for n, name in header_defines(path, 1000, 2999):
            cands.setdefault(n, []).append(name)
        for n, cs in sorted(cands.items()):
            if n in names:
                continue
            real = [c for c in cs if 'FIRST' not in c]
            names[n], origin[n] = (real or cs)[0], tag
    # 3. Record-type numbers are never reused: keep what an earlier import
    #    found in a source not given this time.
    old = os.path.join(DATA, 'msgtypes.txt')
    if os.path.exists(old):
        for line in open(old):
            cols = line.split()
            if len(cols) >= 2 and cols[0].isdigit() and int(cols[0]) not in names:
                n = int(cols[0])
                names[n], origin[n] = cols[1], cols[2] if len(cols) > 2 else 'kept'
                print('kept %d %s from the previous data/msgtypes.txt' % (n, cols[1]))
    lines = ['%d\t%s\t%s' % (n, names[n], origin[n]) for n in sorted(names)]
    write('msgtypes.txt',
          ['audit record types: number, name, where the name comes from',
           'libaudit   = Debian libaudit1 %s, audit_msg_type_to_name() (msg_typetab.h)'
           % dpkg_version('libaudit1'),
           'libaudit.h = Debian libaudit-dev %s, /usr/include/libaudit.h'
           % dpkg_version('libaudit-dev'),
           'uapi       = include/uapi/linux/audit.h (vendored)',
           'newer-uapi = newer kernel include/uapi/linux/audit.h (see data/README.md)',
           'imported by scripts/import-tables.py msgtypes'], lines)


def arches():
    hdr = os.path.join(ROOT, 'include/uapi/linux/audit.h')
    names = sorted(set(re.findall(r'^#define\s+AUDIT_ARCH_(\w+)\s', open(hdr).read(), re.M)))
    prog = '#include <stdio.h>\n#include <linux/audit.h>\nint main(void)\n{\n'
    prog += ''.join('\tprintf("%%s 0x%%x\\n", "%s", (unsigned)AUDIT_ARCH_%s);\n' % (n, n)
                    for n in names)
    prog += '\treturn 0;\n}\n'
    with tempfile.TemporaryDirectory() as tmp:
        c, exe = os.path.join(tmp, 'a.c'), os.path.join(tmp, 'a')
        open(c, 'w').write(prog)
        subprocess.run(['cc', '-I', os.path.join(ROOT, 'include/uapi'), '-o', exe, c], check=True)
        out = subprocess.run([exe], capture_output=True, text=True, check=True).stdout
    lines = []
    for line in out.splitlines():
        macro, value = line.split()
        name = macro.lower()
        note = ''
        if any(macro.startswith(x) for x in GO_LIBAUDIT_EXCLUDED):
            note = 'not-in-go-libaudit'
        cols = [name, value, ARCH_SYSCALLS.get(name, '-')]
        if note:
            cols.append(note)
        lines.append('\t'.join(cols))
    lines.sort()
    write('arches.txt',
          ['architectures: name, AUDIT_ARCH_* value, syscall table ("-": none)',
           'source: AUDIT_ARCH_* of include/uapi/linux/audit.h (vendored), names',
           'lower-cased as go-libaudit does; "not-in-go-libaudit" marks the arches',
           "go-libaudit's generator excludes (it prints unknown[<hex>] for them)",
           'imported by scripts/import-tables.py arches'], lines)


def defines_numeric(paths, prefix):
    """Return [(number, name)] in file order; name aliases resolved."""
    out, val = [], {}
    for path in paths:
        for m in re.finditer(r'^#define\s+(%s\w*)\s+(\w+)' % prefix, read_code(path), re.M):
            name, v = m.group(1), m.group(2)
            if v.isdigit():
                val[name] = int(v)
            elif v in val:
                val[name] = val[v]
            else:
                continue
            out.append((val[name], name))
    return out


def primaries_then_aliases(pairs):
    """Group by number, keeping header order: the first name is the primary."""
    order = {}
    for n, name in pairs:
        if name not in order.setdefault(n, []):
            order[n].append(name)
    return ['%d\t%s' % (n, name) for n in sorted(order) for name in order[n]]


def errno_table():
    paths = ['/usr/include/asm-generic/errno-base.h', '/usr/include/asm-generic/errno.h']
    pairs = defines_numeric(paths, 'E')
    write('errno.txt',
          ['errno: number, name; the first name of a number is its primary',
           '(number -> name), later ones are aliases (name -> number only)',
           'source: Debian linux-libc-dev %s, /usr/include/asm-generic/errno-base.h'
           % dpkg_version('linux-libc-dev'),
           'and errno.h (the Linux generic numbering, used by x86, arm, arm64,',
           'powerpc, s390, riscv; alpha, mips, parisc and sparc differ)',
           'imported by scripts/import-tables.py errno'], primaries_then_aliases(pairs))


def signals_table():
    pairs = [(n, s) for n, s in defines_numeric(['/usr/include/asm-generic/signal.h'], 'SIG')
             if re.fullmatch(r'SIG[A-Z0-9]+', s) and 1 <= n <= 31]
    write('signals.txt',
          ['signals: number, name; the first name of a number is its primary,',
           'later ones are aliases (name -> number only)',
           'source: Debian linux-libc-dev %s, /usr/include/asm-generic/signal.h'
           % dpkg_version('linux-libc-dev'),
           '(Linux generic numbering; alpha, mips, parisc and sparc differ).',
           'Only 1..31: real-time signals are left unnamed because the kernel',
           "(SIGRTMIN = 32) and glibc (SIGRTMIN = 34) disagree on their names.",
           'imported by scripts/import-tables.py signals'], primaries_then_aliases(pairs))


def main(argv):
    global CHECK
    if '--check' in argv:
        CHECK = True
        argv = [a for a in argv if a != '--check']
    if not argv:
        sys.exit(__doc__)
    cmd, args = argv[0], argv[1:]
    if cmd == 'syscalls-ausyscall':
        syscalls_ausyscall()
    elif cmd == 'syscalls-tbl' and args:
        abis = args[1].split(',') if len(args) > 1 else ['common']
        tables = args[2].split(',') if len(args) > 2 else sorted(AUSYSCALL_TABLES.values())
        syscalls_tbl(args[0], abis, tables)
    elif cmd == 'msgtypes':
        msgtypes(args)
    elif cmd == 'arches':
        arches()
    elif cmd == 'errno':
        errno_table()
    elif cmd == 'signals':
        signals_table()
    else:
        sys.exit(__doc__)


if __name__ == '__main__':
    main(sys.argv[1:])
