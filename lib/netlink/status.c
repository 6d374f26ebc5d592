// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * Control requests: status get/set, features, tree watches, user messages,
 * signal info.  Each is one ak__nl_request() exchange.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "netlink/nl.h"

struct copy_out {
	void *dst;
	size_t cap;
	size_t min;
	size_t got;
};

/* Copy a fixed-size reply, accepting a short one (zero-filled) down to ->min bytes. */
static int copy_reply(const struct ak_nl_msg *m, void *data)
{
	struct copy_out *c = data;
	size_t n = m->len < c->cap ? m->len : c->cap;

	if (m->len < c->min)
		return -EPROTO;
	memset(c->dst, 0, c->cap);
	memcpy(c->dst, m->data, n);
	c->got = m->len;
	return AK_CB_OK;
}

int ak_nl_get_status(struct ak_nl *nl, struct audit_status *st)
{
	struct copy_out c = { st, sizeof(*st), AK_NL_STATUS_MIN, 0 };
	struct ak__nl_req req = {
		.type = AUDIT_GET,
		.reply_type = AUDIT_GET,
		.on_reply = copy_reply,
		.cb_data = &c,
	};
	int r = ak__nl_request(nl, &req);

	if (r < 0)
		return ak__nl_ret(r);
	return c.got > sizeof(*st) ? (int)sizeof(*st) : (int)c.got;
}

static int set_status(struct ak_nl *nl, const struct audit_status *st)
{
	struct ak__nl_req req = { .type = AUDIT_SET, .data = st, .len = sizeof(*st) };

	return ak__nl_ret(ak__nl_request(nl, &req));
}

int ak_nl_set_status(struct ak_nl *nl, const struct audit_status *st)
{
	if ((st->mask & AUDIT_STATUS_ENABLED) && st->enabled > 1)
		return ak__nl_ret(-EINVAL);
	if ((st->mask & AUDIT_STATUS_PID) && st->pid && (nl->open_flags & AK_NL_MULTICAST))
		return ak__nl_ret(-EINVAL);
	return set_status(nl, st);
}

static int set_one(struct ak_nl *nl, uint32_t mask, size_t off, uint32_t v)
{
	struct audit_status st;

	memset(&st, 0, sizeof(st));
	st.mask = mask;
	memcpy((char *)&st + off, &v, sizeof(v));
	return ak_nl_set_status(nl, &st);
}

#define SET_FIELD(nl, bit, field, v) \
	set_one(nl, bit, offsetof(struct audit_status, field), v)

int ak_nl_set_enabled(struct ak_nl *nl, uint32_t enabled)
{
	return SET_FIELD(nl, AUDIT_STATUS_ENABLED, enabled, enabled);
}

int ak_nl_set_immutable(struct ak_nl *nl)
{
	struct audit_status st;

	memset(&st, 0, sizeof(st));
	st.mask = AUDIT_STATUS_ENABLED;
	st.enabled = 2;
	return set_status(nl, &st);
}

int ak_nl_set_failure(struct ak_nl *nl, uint32_t mode)
{
	if (mode > AK_NL_FAIL_PANIC)
		return ak__nl_ret(-EINVAL);
	return SET_FIELD(nl, AUDIT_STATUS_FAILURE, failure, mode);
}

int ak_nl_set_pid(struct ak_nl *nl, uint32_t pid)
{
	int r;

	/* Marked before asking: a reply lost to a congested socket must not
	 * leave the kernel pointing at a process that is going away. */
	if (pid && !(nl->open_flags & AK_NL_MULTICAST))
		nl->pid_registered = true;
	r = SET_FIELD(nl, AUDIT_STATUS_PID, pid, pid);
	/* Released, or refused for sure (EEXIST: another daemon): nothing to release.
	 * Only a timeout leaves the outcome unknown. */
	if ((pid == 0 && r >= 0) || (pid && r < 0 && r != -ETIMEDOUT))
		nl->pid_registered = false;
	return r;
}

int ak_nl_set_rate_limit(struct ak_nl *nl, uint32_t per_sec)
{
	return SET_FIELD(nl, AUDIT_STATUS_RATE_LIMIT, rate_limit, per_sec);
}

int ak_nl_set_backlog_limit(struct ak_nl *nl, uint32_t limit)
{
	return SET_FIELD(nl, AUDIT_STATUS_BACKLOG_LIMIT, backlog_limit, limit);
}

int ak_nl_set_backlog_wait_time(struct ak_nl *nl, uint32_t jiffies)
{
	return SET_FIELD(nl, AUDIT_STATUS_BACKLOG_WAIT_TIME, backlog_wait_time, jiffies);
}

/* The kernel answers a lost-counter reset with the old count in the ACK's error field. */
int ak_nl_reset_lost(struct ak_nl *nl)
{
	return SET_FIELD(nl, AUDIT_STATUS_LOST, lost, 0);
}

/* ---- features ------------------------------------------------------------ */

int ak_nl_get_features(struct ak_nl *nl, struct audit_features *f)
{
	struct copy_out c = { f, sizeof(*f), sizeof(*f), 0 };
	struct ak__nl_req req = {
		.type = AUDIT_GET_FEATURE,
		.reply_type = AUDIT_GET_FEATURE,
		.on_reply = copy_reply,
		.cb_data = &c,
	};
	int r = ak__nl_request(nl, &req);

	return ak__nl_ret(r < 0 ? r : 0);
}

int ak_nl_set_feature(struct ak_nl *nl, unsigned feature, int on, int lock)
{
	struct audit_features f;
	struct ak__nl_req req = { .type = AUDIT_SET_FEATURE, .data = &f, .len = sizeof(f) };

	if (feature > AUDIT_LAST_FEATURE || (on != 0 && on != 1))
		return ak__nl_ret(-EINVAL);
	memset(&f, 0, sizeof(f));
	f.vers = AUDIT_FEATURE_VERSION;
	f.mask = AUDIT_FEATURE_TO_MASK(feature);
	f.features = on ? f.mask : 0;
	f.lock = lock ? f.mask : 0;
	return ak__nl_ret(ak__nl_request(nl, &req));
}

/* ---- tree watches, user messages, signal info --------------------------- */

int ak_nl_trim(struct ak_nl *nl)
{
	struct ak__nl_req req = { .type = AUDIT_TRIM };

	return ak__nl_ret(ak__nl_request(nl, &req));
}

/* Payload: u32 sizes[2], then both strings without NULs (audit_unpack_string). */
int ak_nl_make_equiv(struct ak_nl *nl, const char *mount_point, const char *subtree)
{
	char buf[2 * sizeof(uint32_t) + 2 * 4096];
	size_t l1 = strlen(mount_point), l2 = strlen(subtree);
	uint32_t sizes[2] = { (uint32_t)l1, (uint32_t)l2 };
	struct ak__nl_req req = { .type = AUDIT_MAKE_EQUIV, .data = buf };

	if (!l1 || !l2)
		return ak__nl_ret(-EINVAL);
	if (l1 > 4096 || l2 > 4096)
		return ak__nl_ret(-ERANGE);
	memcpy(buf, sizes, sizeof(sizes));
	memcpy(buf + sizeof(sizes), mount_point, l1);
	memcpy(buf + sizeof(sizes) + l1, subtree, l2);
	req.len = sizeof(sizes) + l1 + l2;
	return ak__nl_ret(ak__nl_request(nl, &req));
}

int ak_nl_send_user(struct ak_nl *nl, uint16_t type, const char *text, size_t len)
{
	char buf[AUDIT_MESSAGE_TEXT_MAX + 1];
	struct ak__nl_req req = { .type = type, .data = buf, .len = len + 1 };

	if (!(type == AUDIT_USER ||
	      (type >= AUDIT_FIRST_USER_MSG && type <= AUDIT_LAST_USER_MSG) ||
	      (type >= AUDIT_FIRST_USER_MSG2 && type <= AUDIT_LAST_USER_MSG2)))
		return ak__nl_ret(-EINVAL);
	if (len > AUDIT_MESSAGE_TEXT_MAX)
		return ak__nl_ret(-ERANGE);
	/* The kernel formats it with %.*s: send the NUL too, as libaudit does. */
	memcpy(buf, text, len);
	buf[len] = '\0';
	return ak__nl_ret(ak__nl_request(nl, &req));
}

static int sig_reply(const struct ak_nl_msg *m, void *data)
{
	struct ak_nl_sig_info *si = data;
	size_t n;

	if (m->len < 8)
		return -EPROTO;
	memcpy(&si->uid, m->data, 4);
	memcpy(&si->pid, m->data + 4, 4);
	n = m->len - 8;
	if (n >= sizeof(si->ctx))
		n = sizeof(si->ctx) - 1;
	memcpy(si->ctx, m->data + 8, n);
	si->ctx[n] = '\0';
	return AK_CB_OK;
}

int ak_nl_signal_info(struct ak_nl *nl, struct ak_nl_sig_info *si)
{
	struct ak__nl_req req = {
		.type = AUDIT_SIGNAL_INFO,
		.reply_type = AUDIT_SIGNAL_INFO,
		.on_reply = sig_reply,
		.cb_data = si,
	};
	int r;

	memset(si, 0, sizeof(*si));
	r = ak__nl_request(nl, &req);
	return ak__nl_ret(r < 0 ? r : 0);
}
