#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The auditkit authors
"""Write data/values.txt: the name tables behind <auditkit/values.h>.

The names are libauparse's (audit-userspace auparse/*tab.h: captab.h,
open-flagtab.h, famtab.h, socktypetab.h, mmaptab.h, prottab.h,
clone-flagtab.h, persontab.h, ptracetab.h, prctl-opt-tab.h,
fcntl-cmdtab.h, accesstab.h, umounttab.h, recvtab.h, nfprototab.h,
icmptypetab.h, seccomptab.h, epoll_ctl.h, seektab.h, rlimittab.h,
clocktab.h, schedtab.h, mounttab.h) and, for IP protocols, the system's
/etc/protocols that libauparse reads through getprotobynumber().  Rather
than copy those headers, this reads what the installed ausearch prints:
it writes one synthetic record per candidate value (or bit), runs
`ausearch -i` on them and keeps every value that came back as a name.
Run by a developer when auditd changes (Debian's 1:3.0.9-1 for the
committed file); the build never runs it.  `--check` compares with the
committed file instead of writing it.
"""

import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'data', 'values.txt')

# (table, kind, how): kind 'enum' = value -> name, 'bits' = one name per bit.
# how: ('sys', nr, argindex) probes an x86_64 SYSCALL argument (hex),
#      ('rec', type, key, fmt) probes a field of another record type.
BITS32 = [1 << i for i in range(32)]
PROBES = [
    ('open', 'bits', ('sys', 257, 2), BITS32),
    ('family', 'enum', ('sys', 41, 0), range(64)),
    ('socktype', 'enum', ('sys', 41, 1), range(16)),
    ('ipproto', 'enum', ('sys', 41, 2), range(256)),
    ('signal', 'enum', ('sys', 62, 1), range(65)),
    ('mmap', 'bits', ('sys', 9, 3), BITS32),
    ('prot', 'bits', ('sys', 9, 2), [1, 2, 4, 9]),
    ('clone', 'bits', ('sys', 56, 2), [1 << i for i in range(8, 32)]),
    ('personality', 'enum', ('sys', 135, 0),
     range(256)),
    ('ptrace', 'enum', ('sys', 101, 0), list(range(64)) + list(range(0x4200, 0x4240))),
    ('prctl', 'enum', ('sys', 157, 0), list(range(128)) + [0x59616d61, 1398164801]),
    ('fcntl', 'enum', ('sys', 72, 1), list(range(64)) + list(range(1024, 1100))),
    ('access', 'bits', ('sys', 21, 1), [1, 2, 4]),
    ('umount', 'bits', ('sys', 166, 1), BITS32),
    ('recv', 'bits', ('sys', 44, 3), BITS32),
    ('mount', 'bits', ('sys', 165, 3), BITS32),
    ('epoll_ctl', 'enum', ('sys', 233, 1), range(16)),
    ('seek', 'enum', ('sys', 8, 2), range(16)),
    ('rlimit', 'enum', ('sys', 97, 0), range(32)),
    ('clock', 'enum', ('sys', 227, 0), range(32)),
    ('sched', 'enum', ('sys', 144, 1), range(16)),
    ('cap', 'enum', ('rec', 'CAPSET', 'cap_pp', '%x'), [1 << i for i in range(64)]),
    ('nfproto', 'enum', ('rec', 'NETFILTER_CFG', 'family', '%d'), range(64)),
    ('icmptype', 'enum', ('rec', 'NETFILTER_PKT', 'icmptype', '%d'), range(64)),
    ('seccomp', 'enum', ('rec', 'SECCOMP', 'code', '0x%x'),
     [i << 16 for i in range(0x8000)] + [0x80000000]),
    ('list', 'enum', ('rec', 'CONFIG_CHANGE', 'list', '%d'), range(16)),
    ('ioctl', 'enum', ('sys', 16, 1),
     [b | i for b in (0x4b00, 0x5300, 0x5400, 0x8900, 0x40045400, 0x80045400, 0xc0186400,
                      0xc01c6400) for i in range(256)]),
    ('bpf', 'enum', ('sys', 321, 0), range(64)),
    ('socklevel', 'enum', ('sys', 54, 1), range(300)),
    ('sockopt', 'enum', ('sys', 54, 2, {1: 1}), range(130)),
    ('ipopt', 'enum', ('sys', 54, 2, {1: 0}), range(100)),
    ('tcpopt', 'enum', ('sys', 54, 2, {1: 6}), range(60)),
    ('udpopt', 'enum', ('sys', 54, 2, {1: 17}), range(128)),
    ('ip6opt', 'enum', ('sys', 54, 2, {1: 41}), range(100)),
    ('pktopt', 'enum', ('sys', 54, 2, {1: 263}), range(40)),
    ('shm', 'bits', ('sys', 29, 2), [1 << i for i in range(9, 32)]),
    ('hook', 'enum', ('rec', 'NETFILTER_CFG', 'hook', '%x'), range(32)),
    ('netaction', 'enum', ('rec', 'NETFILTER_CFG', 'action', '%x'), range(32)),
    ('socketcall', 'enum', ('sys', 102, 0, {}, '40000003'), range(64)),
]

SYSCALL = ('type=SYSCALL msg=audit(1700000000.%03d:%d): arch=%s syscall=%d '
           'success=yes exit=0 a0=%s a1=%s a2=%s a3=%s items=0 ppid=1 pid=2 auid=0 uid=0 '
           'gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=1 comm="x" '
           'exe="/x" key=(null)')
OTHER = 'type=%s msg=audit(1700000000.%03d:%d): pid=2 %s=%s'


def probe_lines():
    lines, where = [], {}
    serial = 1
    for table, kind, how, values in PROBES:
        for v in values:
            if how[0] == 'sys':
                args = ['0'] * 4
                for i, fixed in (how[3] if len(how) > 3 else {}).items():
                    args[i] = '%x' % fixed
                args[how[2]] = '%x' % v
                arch = how[4] if len(how) > 4 else 'c000003e'
                lines.append(SYSCALL % (serial % 1000, serial, arch, how[1], *args))
                key = 'a%d' % how[2]
            else:
                lines.append(OTHER % (how[1], serial % 1000, serial, how[2], how[3] % v))
                key = how[2]
            where[serial] = (table, kind, v, key)
            serial += 1
    return lines, where


def clean(table, kind, v, text):
    """The name ausearch gave value v, or None."""
    if text.startswith('unknown') or text.startswith('0x') or text in (
            'undefined', 'none', 'UNKNOWN') or not re.match(r'^[A-Za-z_][A-Za-z0-9_,|~-]*$', text):
        return None
    parts = text.split('|')
    if table == 'open' and parts[0] == 'O_RDONLY' and v & 3 == 0:
        parts = parts[1:]
    if table == 'mmap' and parts[0] == 'MAP_FILE' and v & 0xf == 0:
        parts = parts[1:]
    if table == 'prot' and parts == ['PROT_NONE']:
        return None
    if table == 'prot' and v == 9 and len(parts) == 2 and parts[0] == 'PROT_READ':
        return parts[1]
    if table == 'shm':
        if parts[-1] != '0000':
            return None
        parts = parts[:-1]
    if table == 'personality':
        return text if '|' not in text else None
    if kind == 'bits' and len(parts) != 1:
        return None
    return parts[0] if parts else None


def run():
    lines, where = probe_lines()
    with tempfile.NamedTemporaryFile('w', suffix='.log', delete=False) as f:
        f.write('\n'.join(lines) + '\n')
        path = f.name
    try:
        out = subprocess.run(['ausearch', '-i', '--input', path], capture_output=True,
                             text=True, check=False).stdout
    finally:
        os.unlink(path)
    got = {}
    for line in out.splitlines():
        m = re.match(r'type=\S+ msg=audit\([^)]*:(\d+)\) : (.*)$', line)
        if not m or int(m.group(1)) not in where:
            continue
        table, kind, v, key = where[int(m.group(1))]
        f = re.search(r'(?:^| )%s=(\S+)' % re.escape(key), m.group(2))
        if not f:
            continue
        name = clean(table, kind, v, f.group(1))
        if name is None:
            continue
        if table == 'cap':
            v = v.bit_length() - 1
        if table == 'prot' and v == 9:
            v = 8
        got.setdefault(table, []).append((v, name))
    ver = subprocess.run(['ausearch', '-v'], capture_output=True, text=True).stdout.strip()
    ver = ver or subprocess.run(['ausearch', '-v'], capture_output=True,
                                text=True).stderr.strip()
    text = [
        '# values: table, number, name -- the name tables of <auditkit/values.h>',
        '# (lib/records/values_read.c), generated into lib/tables/values.h by',
        '# scripts/gen-values.py.  Names are libauparse\'s (audit-userspace',
        '# auparse/*tab.h, LGPL-2.1-or-later; IP protocols from netbase\'s',
        '# /etc/protocols, which libauparse reads with getprotobynumber()), read by',
        '# scripts/import-values.py from what `ausearch -i` prints for one synthetic',
        '# record per candidate value or bit; here: %s (Debian 1:3.0.9-1).' % ver,
        '# Bit tables (open mmap prot clone access umount recv mount shm) give one name',
        '# per bit, in the order ausearch prints them (ascending value); cap gives',
        '# the bit number.  Numbers are written in hex.',
        '# imported by scripts/import-values.py',
    ]
    for table, kind, how, values in PROBES:
        rows = got.get(table, [])
        text.append('')
        text.append('# %s: %s, %d names, probed via %s' % (
            table, kind, len(rows),
            '%s syscall %d a%d%s' % (
                'i386' if len(how) > 4 else 'x86_64', how[1], how[2], ''.join(
                ' a%d=%d' % kv for kv in (how[3] if len(how) > 3 else {}).items()))
            if how[0] == 'sys'
            else '%s %s=' % (how[1], how[2])))
        for v, name in rows:
            text.append('%s\t0x%x\t%s' % (table, v, name))
    return '\n'.join(text) + '\n'


def main():
    text = run()
    if '--check' in sys.argv[1:]:
        with open(OUT) as f:
            same = f.read() == text
        print('data/values.txt: %s' % ('up to date' if same else 'DIFFERS'))
        return 0 if same else 1
    with open(OUT, 'w') as f:
        f.write(text)
    return 0


if __name__ == '__main__':
    sys.exit(main())
