// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * Event categories: go-libaudit's GetAuditEventType (event_type.go, itself
 * audit-userspace 2.7.5's normalize.c), spec §4.5.  Ranges are inclusive.
 */

#include "events/coalesce_int.h"

struct range {
	uint16_t lo, hi;
	const char *name;
};

/* go-libaudit's switch, case by case.  No two ranges overlap, so the order
 * is free: the kernel's records, the most common, come first. */
static const struct range ranges[] = {
	{ 1300, 1304, "audit-rule" },       /* SYSCALL..SOCKETCALL */
	{ 1306, 1315, "audit-rule" },       /* SOCKADDR..MQ_GETSETATTR */
	{ 1317, 1318, "audit-rule" },       /* FD_PAIR..OBJ_PID */
	{ 1321, 1324, "audit-rule" },       /* BPRM_FCAPS..NETFILTER_PKT */
	{ 1100, 1106, "user-login" },       /* USER_AUTH..USER_END */
	{ 1108, 1110, "user-login" },       /* USER_CHAUTHTOK..CRED_REFR */
	{ 1112, 1113, "user-login" },       /* USER_LOGIN..USER_LOGOUT */
	{ 1126, 1126, "user-login" },       /* GRP_AUTH */
	{ 1114, 1117, "user-account" },     /* ADD_USER..DEL_GROUP */
	{ 1132, 1133, "user-account" },     /* GRP_MGMT..GRP_CHAUTHTOK */
	{ 1135, 1136, "user-account" },     /* ACCT_LOCK..ACCT_UNLOCK */
	{ 2000, 2000, "system-services" },  /* KERNEL */
	{ 1127, 1131, "system-services" },  /* SYSTEM_BOOT..SERVICE_STOP */
	{ 1111, 1111, "configuration" },    /* USYS_CONFIG */
	{ 1305, 1305, "configuration" },    /* CONFIG_CHANGE */
	{ 1325, 1325, "configuration" },    /* NETFILTER_CFG */
	{ 1328, 1329, "configuration" },    /* FEATURE_CHANGE..REPLACE */
	{ 1326, 1326, "dac-decision" },     /* SECCOMP */
	{ 1119, 1121, "user-space" },       /* CHGRP_ID..TRUSTED_APP */
	{ 1123, 1123, "user-space" },       /* USER_CMD */
	{ 1125, 1125, "user-space" },       /* CHUSER_ID */
	{ 1124, 1124, "TTY" },              /* USER_TTY */
	{ 1319, 1319, "TTY" },              /* TTY */
	{ 1200, 1299, "audit-daemon" },     /* DAEMON_START..LAST_DAEMON */
	{ 1122, 1122, "mac-decision" },     /* USER_SELINUX_ERR */
	{ 1107, 1107, "mac-decision" },     /* USER_AVC */
	{ 1502, 1503, "mac-decision" },     /* APPARMOR_ALLOWED..DENIED */
	{ 1506, 1506, "mac-decision" },     /* APPARMOR_ERROR */
	{ 1400, 1402, "mac-decision" },     /* AVC..AVC_PATH */
	{ 1800, 1899, "integrity" },        /* INTEGRITY_FIRST..LAST */
	{ 2109, 2109, "integrity" },        /* ANOM_RBAC_INTEGRITY_FAIL */
	{ 1700, 1799, "anomaly" },          /* kernel anomalies */
	{ 2100, 2108, "anomaly" },          /* ANOM_LOGIN_FAILURES..ANOM_RBAC_FAIL */
	{ 2110, 2199, "anomaly" },          /* ANOM_CRYPTO_FAIL..LAST_ANOM_MSG */
	{ 2200, 2299, "anomaly-response" }, /* RESP_* */
	{ 1403, 1499, "mac" },              /* MAC_POLICY_LOAD..LAST_SELINUX */
	{ 1500, 1501, "mac" },              /* APPARMOR, APPARMOR_AUDIT */
	{ 1504, 1505, "mac" },              /* APPARMOR_HINT..STATUS */
	{ 2300, 2399, "mac" },              /* USER_ROLE_CHANGE..LAST_USER_LSPP_MSG */
	{ 1600, 1699, "crypto" },           /* kernel crypto */
	{ 2400, 2499, "crypto" },           /* CRYPTO_* */
	{ 2500, 2599, "virt" },             /* VIRT_* */
};

/* The kernel's records 1300-1329 (nearly every event's header), from the
 * table above: NULL where no range covers the type. */
static const char *const kernel[30] = {
	[0 ... 4] = "audit-rule",   /* SYSCALL..SOCKETCALL */
	[5] = "configuration",      /* CONFIG_CHANGE */
	[6 ... 15] = "audit-rule",  /* SOCKADDR..MQ_GETSETATTR */
	[17 ... 18] = "audit-rule", /* FD_PAIR..OBJ_PID */
	[19] = "TTY",               /* TTY */
	[21 ... 24] = "audit-rule", /* BPRM_FCAPS..NETFILTER_PKT */
	[25] = "configuration",     /* NETFILTER_CFG */
	[26] = "dac-decision",      /* SECCOMP */
	[28 ... 29] = "configuration", /* FEATURE_CHANGE..REPLACE */
};

AK_EXPORT const char *ak_event_category_name(uint32_t type)
{
	if (type - 1300u < 30u)
		return kernel[type - 1300] ? kernel[type - 1300] : "unknown";
	for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++)
		if (type >= ranges[i].lo && type <= ranges[i].hi)
			return ranges[i].name;
	return "unknown";
}
