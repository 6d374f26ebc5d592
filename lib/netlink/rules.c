// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * Rule requests.  This layer moves struct audit_rule_data blobs; compiling
 * rule text to blobs and back is <auditkit/rule.h>'s job.  Unlike go-libaudit,
 * the kernel's answer to a delete is checked.
 */
#include <errno.h>
#include <string.h>

#include "netlink/nl.h"

/* A blob is the fixed part plus buflen bytes of strings. */
static int rule_len_ok(const struct audit_rule_data *rule, size_t len)
{
	if (!rule || len < sizeof(*rule) || rule->field_count > AUDIT_MAX_FIELDS)
		return -EINVAL;
	if (len != sizeof(*rule) + (size_t)rule->buflen)
		return -EINVAL;
	return 0;
}

static int rule_req(struct ak_nl *nl, uint16_t type, const struct audit_rule_data *rule,
		    size_t len)
{
	struct ak__nl_req req = { .type = type, .data = rule, .len = len };
	int r = rule_len_ok(rule, len);

	if (r < 0)
		return ak__nl_ret(r);
	return ak__nl_ret(ak__nl_request(nl, &req));
}

int ak_nl_add_rule(struct ak_nl *nl, const struct audit_rule_data *rule, size_t len)
{
	return rule_req(nl, AUDIT_ADD_RULE, rule, len);
}

int ak_nl_del_rule(struct ak_nl *nl, const struct audit_rule_data *rule, size_t len)
{
	return rule_req(nl, AUDIT_DEL_RULE, rule, len);
}

struct list_state {
	ak_nl_rule_cb cb;
	void *data;
	int count;
};

static int list_reply(const struct ak_nl_msg *m, void *data)
{
	struct list_state *s = data;
	const struct audit_rule_data *rule = (const void *)m->data;
	struct audit_rule_data fixed;
	int r;

	if (m->len < sizeof(fixed))
		return -EPROTO;
	memcpy(&fixed, m->data, sizeof(fixed));
	if (m->len < sizeof(fixed) + (size_t)fixed.buflen || fixed.field_count > AUDIT_MAX_FIELDS)
		return -EPROTO;
	s->count++;
	/* m->data is 16 bytes into the caller's buffer: aligned as the buffer is. */
	r = s->cb(rule, sizeof(fixed) + fixed.buflen, s->data);
	return r;
}

int ak_nl_list_rules(struct ak_nl *nl, void *buf, size_t cap, ak_nl_rule_cb cb, void *data)
{
	struct list_state s = { cb, data, 0 };
	struct ak__nl_req req = {
		.type = AUDIT_LIST_RULES,
		.reply_type = AUDIT_LIST_RULES,
		.multi = true,
		.on_reply = list_reply,
		.cb_data = &s,
		.buf = buf,
		.cap = cap,
	};
	int r;

	if (!buf || cap < AK__NL_HDRLEN + sizeof(struct audit_rule_data))
		return ak__nl_ret(-ERANGE);
	r = ak__nl_request(nl, &req);
	return ak__nl_ret(r < 0 ? r : s.count);
}

struct first_rule {
	char *dst;
	size_t cap;
	size_t len;
};

static int keep_first(const struct audit_rule_data *rule, size_t len, void *data)
{
	struct first_rule *f = data;

	if (len > f->cap)
		return -ERANGE;
	memcpy(f->dst, rule, len);
	f->len = len;
	return AK_CB_STOP;
}

/*
 * List, keep the first rule, delete it, again: the socket carries one
 * exchange at a time, and the caller's buffer holds one rule, so this costs
 * O(n^2) datagrams.  Rule sets are small; simplicity wins.
 */
int ak_nl_del_all_rules(struct ak_nl *nl, void *buf, size_t cap)
{
	char rule[AK_NL_BUF_SIZE] __attribute__((aligned(8)));
	int deleted = 0;

	for (;;) {
		struct first_rule f = { rule, sizeof(rule), 0 };
		int r = ak_nl_list_rules(nl, buf, cap, keep_first, &f);

		if (r < 0)
			return r;
		if (r == 0 || f.len == 0)
			return deleted;
		r = ak_nl_del_rule(nl, (const struct audit_rule_data *)rule, f.len);
		if (r < 0)
			return r;
		deleted++;
	}
}
