#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The auditkit authors
"""Compare `auparse -values` readings with `ausearch -i`'s, field by field.

usage: values-compare.py NAME AUSEARCH_OUT AUPARSE_JSON

Records are matched by (node, serial, record type, PATH item, n-th of
those in the event; ausearch does not always keep PATH records in order).  For every reading auparse gives, ausearch must print KEY=READING in
the same record (ausearch -i writes values unquoted; a key that occurs more
than once in a record is compared with every occurrence).  For every a0..a3
of a SYSCALL record auparse gives no reading for, ausearch must print the
number back ("0x" + raw) -- else it is a reading we lack.  Known differences
(tests/golden/DIFFERENCES.md) are counted apart, not as passes.
Prints ok/FAIL/skip lines per (file, field kind) group.
"""

import grp
import json
import pwd
import re
import sys
from collections import defaultdict

name, aus_path, our_path = sys.argv[1:4]

HDR = re.compile(r'^(?:node=(\S+) )?type=(\S+) msg=audit\([^)]*:(\d+)\) : ?(.*)$')
aus = {}
seen = defaultdict(int)
with open(aus_path, encoding='utf-8', errors='surrogateescape') as f:
    for line in f:
        m = HDR.match(line.rstrip('\n'))
        if not m:
            continue
        node, typ, serial, rest = m.group(1) or '', m.group(2), m.group(3), m.group(4)
        item = re.match(r'item=(\d+) ', rest)
        k = (node, serial, typ, item.group(1) if item else '')
        aus[k + (seen[k],)] = ' ' + rest.rstrip() + ' '
        seen[k] += 1

KIND = {'a0': 'args', 'a1': 'args', 'a2': 'args', 'a3': 'args'}


def kind(key, rtype, syscall):
    if key in KIND:
        return 'a0-a3 (%s)' % syscall
    if key.startswith('cap_') or key in ('fp', 'fi', 'pp', 'pi', 'pe', 'pa') or \
            re.match(r'^(old|new)_p[piea]$', key):
        return 'capability sets'
    return key


def is_id(syscall, key, o):
    return re.match(r'^set(re|res|fs)?[ug]id$', syscall) or (
        syscall == 'chown' and key == 'a1') or (syscall == 'fcntl' and key == 'a2')


def id_of(name, gid):
    """ausearch's id name back to the number (as our reading has it)."""
    if name == 'unset':
        return name
    m = re.match(r'^unknown\((\d+)\)$', name)
    if m:
        return m.group(1)
    try:
        return str(grp.getgrnam(name).gr_gid if gid else pwd.getpwnam(name).pw_uid)
    except KeyError:
        return None


groups = defaultdict(lambda: [0, 0, 0, []])  # pass, fail, known, examples
lacking = defaultdict(lambda: [0, []])
seen = defaultdict(int)
nrec = unmatched = 0
with open(our_path, encoding='utf-8', errors='surrogateescape') as f:
    for line in f:
        o = json.loads(line)
        if 'record_type' not in o:
            continue
        k = (o.get('node', ''), o['sequence'], o['record_type'], o.get('item', ''))
        idx = seen[k]
        seen[k] += 1
        rest = aus.get(k + (idx,))
        if rest is None:
            unmatched += 1
            continue
        nrec += 1
        syscall = o.get('syscall', '?')
        interp = o.get('interpreted', {})
        for key, val in interp.items():
            g = groups[(kind(key, o['record_type'], syscall))]
            ok = (' %s=%s ' % (key, val)) in rest
            if not ok and is_id(syscall, key, o):
                # ids: ours the number, ausearch's the name; compare numbers
                g = groups['ids (names looked up)']
                got = re.findall(r' %s=(\S+)' % re.escape(key), rest)
                ok = any(id_of(x, syscall.endswith('gid')) == val for x in got)
            if not ok and syscall in ('clone', 'clone2') and key == 'a0':
                g[2] += 1   # known: ausearch 3.0.9 reads clone flags from a2
                continue
            if ok:
                g[0] += 1
            else:
                g[1] += 1
                got = re.findall(r' %s=(\S+)' % re.escape(key), rest)
                if len(g[3]) < 5:
                    g[3].append('%s:%s %s: ours %r, ausearch %r' % (
                        k[1], k[2], key, val, ' / '.join(got)))
        # arguments ausearch reads and we do not
        if o['record_type'] == 'SYSCALL':
            for key in ('a0', 'a1', 'a2', 'a3'):
                if key in interp:
                    continue
                got = re.findall(r' %s=(\S+)' % key, rest)
                raw = re.search(r' %s=(\S+)' % key, ' ' + o.get('raw_msg', '') + ' ')
                if not got or not raw:
                    continue
                if got[0] == '0x' + raw.group(1):
                    continue
                why = '%s %s' % (syscall, key)
                if not re.match(r'^(0x)?[0-9a-fA-F]+$', raw.group(1)):
                    why = 'malformed %s' % key
                lacking[why][0] += 1
                if len(lacking[why][1]) < 2:
                    lacking[why][1].append(got[0])

tp = tf = ts = 0
print('# %s: %d records matched with ausearch -i, %d not found there' % (name, nrec, unmatched))
for g in sorted(groups):
    p, fl, kn, ex = groups[g]
    if fl:
        print('FAIL %s %s: %d of %d readings differ from ausearch -i' % (name, g, fl, p + fl))
        for e in ex:
            print('#   ' + e)
        tf += 1
    elif p:
        print('ok %s %s: %d readings as ausearch -i' % (name, g, p))
        tp += 1
    if kn:
        print('skip %s %s: %d readings differ on purpose (clone flags in a0; DIFFERENCES.md)' % (
            name, g, kn))
        ts += 1
for why in sorted(lacking):
    n, ex = lacking[why]
    known = re.match(r'malformed ', why) or why in ('clone a2', 'clone2 a2')
    print('skip %s %s: %d readings ausearch has and auparse -values does not (%s), e.g. %s' % (
        name, why, n, 'clone a2, non-numbers: on purpose' if known else 'not implemented',
        ', '.join(ex)))
    ts += 1
nread = sum(v[0] for v in groups.values())
nfail = sum(v[1] for v in groups.values())
nknown = sum(v[2] for v in groups.values())
print('# %s: %d readings match, %d differ, %d differ on purpose' % (name, nread, nfail, nknown))
print('GROUPS %d %d %d' % (tp, tf, ts))
