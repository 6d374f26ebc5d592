// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * The field lists the kernel writes for its commonest record types, for the
 * interpretation's collect pass (interp.c): a record whose data keys are
 * exactly one of these, in order, is collected without hashing its keys
 * (they are distinct and their K_ ids are known here), and its hash table is
 * built only if a rule needs it.  Any other record takes the general path,
 * so a list missing here costs speed, never a result.
 *
 * Every list's keys are distinct and none is a key a rule derives (subj_*,
 * obj_*, result, family, addr, port, flow, path): the rules then add their
 * keys without looking for them among the record's.  None is a key the
 * record's own members take (record_type, @timestamp, sequence, node, tags,
 * error, warning, raw_msg, enriched, interpreted): the JSON writer does not
 * look for those among a shaped record's data.  test-interp-shapes checks
 * all three, and every K_ id against ak__ip_classify().
 */
#include <linux/audit.h>

#include "records/interp-internal.h"

#define K(lit) { lit, sizeof(lit) - 1, 0, (1u << (sizeof(lit) - 1)) - 1 }
#define KK(lit, id) { lit, sizeof(lit) - 1, (id) + 1, (1u << (sizeof(lit) - 1)) - 1 }

static const struct ak__ip_skey syscall_keys[] = {
	KK("arch", K_ARCH), KK("syscall", K_SYSCALL), KK("success", K_SUCCESS), KK("exit", K_EXIT),
	K("a0"), K("a1"), K("a2"), K("a3"), K("items"), K("ppid"), K("pid"), KK("auid", K_AUID),
	K("uid"), K("gid"), K("euid"), K("suid"), K("fsuid"), K("egid"), K("sgid"), K("fsgid"),
	K("tty"), KK("ses", K_SES), K("comm"), KK("exe", K_EXE), KK("subj", K_SUBJ),
	KK("key", K_KEY),
};

/* the same without subj (no LSM), and with per (a personality) */
static const struct ak__ip_skey syscall_nosubj_keys[] = {
	KK("arch", K_ARCH), KK("syscall", K_SYSCALL), KK("success", K_SUCCESS), KK("exit", K_EXIT),
	K("a0"), K("a1"), K("a2"), K("a3"), K("items"), K("ppid"), K("pid"), KK("auid", K_AUID),
	K("uid"), K("gid"), K("euid"), K("suid"), K("fsuid"), K("egid"), K("sgid"), K("fsgid"),
	K("tty"), KK("ses", K_SES), K("comm"), KK("exe", K_EXE), KK("key", K_KEY),
};

static const struct ak__ip_skey path_keys[] = {
	K("item"), KK("name", K_NAME), K("inode"), K("dev"), K("mode"), K("ouid"), K("ogid"),
	K("rdev"), K("nametype"), K("cap_fp"), K("cap_fi"), K("cap_fe"), K("cap_fver"),
	K("cap_frootid"),
};

static const struct ak__ip_skey path_obj_keys[] = {
	K("item"), KK("name", K_NAME), K("inode"), K("dev"), K("mode"), K("ouid"), K("ogid"),
	K("rdev"), KK("obj", K_OBJ), K("nametype"), K("cap_fp"), K("cap_fi"), K("cap_fe"),
	K("cap_fver"), K("cap_frootid"),
};

/* a path that does not exist (yet, or any more) */
static const struct ak__ip_skey path_noent_keys[] = {
	K("item"), KK("name", K_NAME), K("nametype"), K("cap_fp"), K("cap_fi"), K("cap_fe"),
	K("cap_fver"), K("cap_frootid"),
};

static const struct ak__ip_skey cwd_keys[] = { KK("cwd", K_CWD) };
static const struct ak__ip_skey proctitle_keys[] = { KK("proctitle", K_PROCTITLE) };
static const struct ak__ip_skey saddr_keys[] = { KK("saddr", K_SADDR) };

static const struct ak__ip_skey config_keys[] = {
	KK("auid", K_AUID), KK("ses", K_SES), K("op"), KK("key", K_KEY), K("list"), KK("res", K_RES),
};

static const struct ak__ip_skey fcaps_keys[] = {
	K("fver"), K("fp"), K("fi"), K("fe"), K("old_pp"), K("old_pi"), K("old_pe"),
	K("old_pa"), K("pp"), K("pi"), K("pe"), K("pa"), K("frootid"),
};

#undef K
#undef KK

#define L(t, k) { t, sizeof(k) / sizeof(k[0]), k }
static const struct ak__ip_shape shapes[] = {
	L(AUDIT_SYSCALL, syscall_nosubj_keys), L(AUDIT_SYSCALL, syscall_keys),
	L(AUDIT_PATH, path_keys), L(AUDIT_PATH, path_noent_keys), L(AUDIT_PATH, path_obj_keys),
	L(AUDIT_CWD, cwd_keys), L(AUDIT_PROCTITLE, proctitle_keys), L(AUDIT_SOCKADDR, saddr_keys),
	L(AUDIT_CONFIG_CHANGE, config_keys), L(AUDIT_BPRM_FCAPS, fcaps_keys),
};
#undef L

const struct ak__ip_shape *ak__ip_shapes(uint32_t type, size_t *n)
{
	size_t i;

	switch (type) {
	case AUDIT_SYSCALL:
		i = 0, *n = 2;
		break;
	case AUDIT_PATH:
		i = 2, *n = 3;
		break;
	case AUDIT_CWD:
		i = 5, *n = 1;
		break;
	case AUDIT_PROCTITLE:
		i = 6, *n = 1;
		break;
	case AUDIT_SOCKADDR:
		i = 7, *n = 1;
		break;
	case AUDIT_CONFIG_CHANGE:
		i = 8, *n = 1;
		break;
	case AUDIT_BPRM_FCAPS:
		i = 9, *n = 1;
		break;
	case 0: /* all of them (for the tests) */
		*n = sizeof(shapes) / sizeof(shapes[0]);
		return shapes;
	default:
		*n = 0;
		return NULL;
	}
	return &shapes[i];
}
