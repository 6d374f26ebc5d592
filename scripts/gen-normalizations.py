#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The auditkit authors
"""Generate lib/tables/normalizations.c from data/normalizations.yaml.

The YAML is go-libaudit's aucoalesce/normalizations.yaml, unchanged.  This
script checks it as strictly as go-libaudit's loader does (unknown keys,
duplicate syscall mappings, duplicate record types without has_fields, invalid
ECS mapping references) and writes static const C tables: one struct per
normalization entry, a sorted syscall-name index and a sorted record-type-name
index.  Run by `make tables`; the output is committed.

Usage: gen-normalizations.py [data/normalizations.yaml [lib/tables/normalizations.c]]
"""
import sys

import yaml

KNOWN = {
    "subject_primary", "subject_secondary", "action", "object_primary",
    "object_secondary", "object_what", "object_path_index", "how",
    "record_types", "syscalls", "source_ip", "has_fields", "ecs", "description",
}
ECS_KNOWN = {"kind", "category", "type", "mappings"}
FROM_FIELDS = {
    "subject.primary": "AK__NORM_FROM_SUBJ_PRIMARY",
    "subject.secondary": "AK__NORM_FROM_SUBJ_SECONDARY",
    "object.primary": "AK__NORM_FROM_OBJ_PRIMARY",
    "object.secondary": "AK__NORM_FROM_OBJ_SECONDARY",
}
FROM_DICTS = {"data": "AK__NORM_FROM_DATA", "uid": "AK__NORM_FROM_UID"}
TO_FIELDS = {
    "user": "AK__NORM_TO_USER",
    "user.effective": "AK__NORM_TO_USER_EFFECTIVE",
    "user.target": "AK__NORM_TO_USER_TARGET",
    "user.changes": "AK__NORM_TO_USER_CHANGES",
    "group": "AK__NORM_TO_GROUP",
}
# Record-type names in go-libaudit's YAML that match no record type (spec 4.4).
# We correct them; AK_COALESCE_GO_COMPAT restores go-libaudit's never-match.
MISNAMED = {"AUDIT_ANOM_LOGIN_ACCT": "ANOM_LOGIN_ACCT", "ANOM_MK_EXE": "ANOM_MK_EXEC"}


def die(msg):
    sys.exit("gen-normalizations: " + msg)


def strings(v, where):
    """go-libaudit's Strings type: a scalar or a list of scalars."""
    if v is None:
        return []
    if isinstance(v, list):
        out = []
        for x in v:
            if isinstance(x, (list, dict)):
                die("%s: nested list" % where)
            out.append(str(x))
        return out
    if isinstance(v, dict):
        die("%s: a mapping where a string or list was expected" % where)
    return [str(v)]


def c_str(s):
    if s is None:
        return "NULL"
    out = '"'
    for ch in s.encode():
        if ch in (0x22, 0x5C):
            out += "\\" + chr(ch)
        elif 0x20 <= ch < 0x7F:
            out += chr(ch)
        else:
            out += "\\%03o" % ch
    return out + '"'


def c_list(vals):
    """A packed list: "a\\0b\\0" (the literal's own NUL ends it)."""
    if not vals:
        return "NULL"
    for v in vals:
        if not v or "\0" in v:
            die("empty or NUL-containing list element %r" % v)
    return c_str("\0".join(vals) + "\0")


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "data/normalizations.yaml"
    dst = sys.argv[2] if len(sys.argv) > 2 else "lib/tables/normalizations.c"
    with open(src) as f:
        doc = yaml.safe_load(f)
    if set(doc) - {"macros", "normalizations"}:
        die("unknown top-level keys %s" % sorted(set(doc) - {"macros", "normalizations"}))
    norms = doc["normalizations"]

    entries = []
    syscalls = {}
    rtypes = []  # (name, entry index, misnamed)
    rt_seen = {}
    for i, n in enumerate(norms):
        where = "entry %d" % (i + 1)
        unknown = set(n) - KNOWN
        if unknown:
            die("%s: unknown keys %s" % (where, sorted(unknown)))
        ecs = n.get("ecs") or {}
        if set(ecs) - ECS_KNOWN:
            die("%s: unknown ecs keys %s" % (where, sorted(set(ecs) - ECS_KNOWN)))
        maps = []
        for m in ecs.get("mappings") or []:
            if set(m) - {"from", "to"}:
                die("%s: unknown mapping keys" % where)
            frm, to = str(m["from"]), str(m["to"])
            if frm in FROM_FIELDS:
                fkind, fkey = FROM_FIELDS[frm], None
            else:
                dot = frm.find(".")
                if dot < 0 or frm[:dot] not in FROM_DICTS:
                    die("%s: field '%s' is not a valid from-reference" % (where, frm))
                fkind, fkey = FROM_DICTS[frm[:dot]], frm[dot + 1:]
            if to not in TO_FIELDS:
                die("%s: field '%s' is not a valid to-reference" % (where, to))
            maps.append((fkind, TO_FIELDS[to], fkey))
        e = {
            "action": n.get("action"),
            "what": n.get("object_what"),
            "path_index": int(n.get("object_path_index") or 0),
            "subj_primary": strings(n.get("subject_primary"), where),
            "subj_secondary": strings(n.get("subject_secondary"), where),
            "obj_primary": strings(n.get("object_primary"), where),
            "obj_secondary": strings(n.get("object_secondary"), where),
            "how": strings(n.get("how"), where),
            "source_ip": strings(n.get("source_ip"), where),
            "has_fields": strings(n.get("has_fields"), where),
            "kind": ecs.get("kind"),
            "category": strings(ecs.get("category"), where),
            "type": strings(ecs.get("type"), where),
            "maps": maps,
            "syscalls": strings(n.get("syscalls"), where),
            "record_types": strings(n.get("record_types"), where),
        }
        # struct ak_event holds AK_EVENT_ECS_MAX (8) categories and types: a
        # record-type entry's plus its syscall's.
        if len(e["category"]) > 4 or len(e["type"]) > 4:
            die("%s: more than 4 ECS categories or types" % where)
        for s in e["syscalls"]:
            if s in syscalls:
                die("duplicate mappings for syscall %s" % s)
            syscalls[s] = i
        for r in e["record_types"]:
            if r in rt_seen and any(not entries_has_fields for entries_has_fields in rt_seen[r]):
                die("duplicate mappings for record_type %s without has_fields qualifier" % r)
            rt_seen.setdefault(r, []).append(bool(e["has_fields"]))
            name, mis = (MISNAMED[r], 1) if r in MISNAMED else (r, 0)
            rtypes.append((name, i, mis))
        entries.append(e)

    out = []
    w = out.append
    w("// SPDX-License-Identifier: LGPL-2.1-or-later")
    w("/* Copyright (C) 2026 The auditkit authors */")
    w("/*")
    w(" * GENERATED by scripts/gen-normalizations.py from data/normalizations.yaml")
    w(" * (go-libaudit aucoalesce/normalizations.yaml, Apache-2.0).  Do not edit:")
    w(" * run `make tables`.  %d entries, %d syscall names, %d record-type names." %
      (len(entries), len(syscalls), len(rtypes)))
    w(" */")
    w('#include "events/norm.h"')
    w("")
    for i, e in enumerate(entries):
        if e["maps"]:
            w("static const struct ak__norm_map maps_%d[] = {" % i)
            for fkind, to, key in e["maps"]:
                w("\t{ %s, %s, %s }," % (fkind, to, c_str(key)))
            w("};")
    w("")
    w("const struct ak__norm ak__norms[] = {")
    for i, e in enumerate(entries):
        w("\t[%d] = {" % i)
        w("\t\t.action = %s," % c_str(e["action"]))
        w("\t\t.object_what = %s," % c_str(e["what"]))
        if e["path_index"]:
            w("\t\t.path_index = %d," % e["path_index"])
        for k in ("subj_primary", "subj_secondary", "obj_primary", "obj_secondary", "how",
                  "source_ip", "has_fields"):
            if e[k]:
                w("\t\t.%s = %s," % (k, c_list(e[k])))
        if e["kind"]:
            w("\t\t.ecs_kind = %s," % c_str(e["kind"]))
        if e["category"]:
            w("\t\t.ecs_category = %s," % c_list(e["category"]))
        if e["type"]:
            w("\t\t.ecs_type = %s," % c_list(e["type"]))
        if e["maps"]:
            w("\t\t.maps = maps_%d," % i)
            w("\t\t.nmaps = %d," % len(e["maps"]))
        w("\t},")
    w("};")
    w("const size_t ak__nnorms = %d;" % len(entries))
    w("")
    w("/* Sorted by name (byte order) for bsearch. */")
    w("const struct ak__norm_key ak__norm_syscalls[] = {")
    for name in sorted(syscalls, key=lambda s: s.encode()):
        w("\t{ %s, %d, 0 }," % (c_str(name), syscalls[name]))
    w("};")
    w("const size_t ak__nnorm_syscalls = %d;" % len(syscalls))
    w("")
    w("/* Sorted by name, then by entry order (AVC has two, chosen by has_fields). */")
    w("const struct ak__norm_key ak__norm_rectypes[] = {")
    for name, idx, mis in sorted(rtypes, key=lambda t: (t[0].encode(), t[1])):
        w("\t{ %s, %d, %s }," % (c_str(name), idx, "AK__NORM_MISNAMED" if mis else "0"))
    w("};")
    w("const size_t ak__nnorm_rectypes = %d;" % len(rtypes))
    text = "\n".join(out) + "\n"
    with open(dst, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
