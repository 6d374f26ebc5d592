// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * The record JSON's node and tags members, which format.c writes straight
 * into the buffer when they are short and plain: the same text as the
 * checked writers give (ak_json_* calls, built here), for plain, escaped,
 * boundary-length names and tags, and with every buffer size from too small
 * to ample (the measured length and the text must not change).
 */
#include <errno.h>

#include <auditkit.h>

#include "../harness.h"

static struct ak_field fields[256];
static char scratch[1 << 16];

/* @rec's JSON into a buffer of @cap bytes exactly (malloc'd: ASan sees overruns); *@len its length. */
static char *render(const struct ak_rec *rec, size_t cap, int *ret)
{
	char *buf = malloc(cap ? cap : 1);
	struct ak_json w;
	struct ak_fmt_opts o = { .scratch = scratch, .scratch_cap = sizeof(scratch) };

	if (!buf)
		return NULL;
	ak_json_init(&w, cap ? buf : NULL, cap);
	CHECK_INT(ak_fmt_record_json(&w, rec, &o), 0);
	*ret = ak_json_finish(&w);
	if (*ret == -ERANGE)
		*ret = -(int)ak_json_len(&w) - 1;
	return buf;
}

/* The expected text: the members written by the checked calls. */
static size_t expect(char *out, size_t cap, const struct ak_rec *rec, const char *node,
		     const char *const *tags, size_t ntags, const char *rest)
{
	struct ak_json w;

	(void)rec;
	ak_json_init(&w, out, cap);
	ak_json_obj_open(&w);
	if (node)
		ak_json_kv_str(&w, "node", node, strlen(node));
	if (ntags) {
		ak_json_key(&w, "tags", 4);
		ak_json_arr_open(&w);
		for (size_t i = 0; i < ntags; i++)
			ak_json_str(&w, tags[i], strlen(tags[i]));
		ak_json_arr_close(&w);
	}
	(void)rest;
	ak_json_obj_close(&w);
	return (size_t)ak_json_finish(&w);
}

/* Whether @json's "node" and "tags" members are those of @want (a JSON object of just them). */
static int members_match(const char *json, const char *want)
{
	char node[512] = "", tags[2048] = "";
	const char *p = strstr(json, ",\"node\":");
	const char *t = strstr(json, ",\"tags\":");

	if (p) {
		const char *e = strstr(p, "\",\"");

		if (!e)
			return 0;
		snprintf(node, sizeof(node), "%.*s", (int)(e + 1 - (p + 1)), p + 1);
	}
	if (t) {
		const char *e = strchr(t, ']');

		snprintf(tags, sizeof(tags), "%.*s", (int)(e + 1 - (t + 1)), t + 1);
	}
	char got[4096];

	snprintf(got, sizeof(got), "{%s%s%s}", node, node[0] && tags[0] ? "," : "", tags);
	if (strcmp(got, want)) {
		fprintf(stderr, "  got  %s\n  want %s\n", got, want);
		return 0;
	}
	return 1;
}

static void one(const char *node, const char *key, const char *const *tags, size_t ntags)
{
	char line[2048], want[4096];
	struct ak_rec rec;
	size_t n = 0;

	if (node)
		n += (size_t)snprintf(line + n, sizeof(line) - n, "node=%s ", node);
	n += (size_t)snprintf(line + n, sizeof(line) - n,
			      "type=CONFIG_CHANGE msg=audit(1.2:3): auid=1 ses=2 op=x key=%s list=4 res=1",
			      key);
	CHECK(ak_rec_parse_line(&rec, line, n, fields, 256) >= 0);
	expect(want, sizeof(want), &rec, node, tags, ntags, NULL);

	int full;
	char *ample = render(&rec, 1 << 14, &full);

	CHECK(ample && full > 0);
	if (!ample || full <= 0)
		return;
	CHECK(members_match(ample, want));
	/* every smaller buffer: the same length measured, or the same text */
	for (size_t cap = 0; cap <= (size_t)full + 40; cap++) {
		int r;
		char *b = render(&rec, cap, &r);

		CHECK(b != NULL);
		if (r >= 0) {
			CHECK_INT(r, full);
			CHECK(b && memcmp(b, ample, (size_t)full) == 0);
		} else {
			CHECK_INT(r, -full - 1);
			CHECK(cap <= (size_t)full);
		}
		free(b);
	}
	free(ample);
}

static void test_node_tags(void)
{
	static const struct {
		const char *key;
		const char *tags[4];
	} cases[] = {
		{ "(null)", { NULL } }, /* dropped: no tags */
		{ "\"net\"", { "net" } },
		{ "\"abcdefghijklmnop\"", { "abcdefghijklmnop" } },
		{ "\"successful-create\"", { "successful-create" } },
		{ "\"0123456789012345678901234567890123456789012345678901234567890123\"",
		  { "0123456789012345678901234567890123456789012345678901234567890123" } },
		{ "\"01234567890123456789012345678901234567890123456789012345678901234\"",
		  { "01234567890123456789012345678901234567890123456789012345678901234" } },
		/* hex: escapes, several tags, one with a tab, UTF-8, odd length (not hex) */
		{ "6122620A", { "a\"b\n" } },
		{ "6122", { "a\"" } },
		{ "612262", { "a\"b" } },
		{ "61016263016409650166", { "a", "bc", "d\te", "f" } },
		{ "610162630164656601", { "a", "bc", "def", "" } },
		{ "610162630164096501666", { "610162630164096501666" } },
		{ "78C3A979", { "x\xc3\xa9y" } },
		{ "\"key=k\"", { "k" } },
	};
	const char *nodes[] = { NULL, "vm", "ak-node.example", "abcdefghijklmnop",
				"abcdefghijklmnopq", "a", "n\xc3\xa9", "a\\b" };

	for (size_t i = 0; i < sizeof(nodes) / sizeof(nodes[0]); i++)
		for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
			size_t nt = 0;

			while (nt < 4 && cases[c].tags[nt])
				nt++;
			one(nodes[i], cases[c].key, cases[c].tags, nt);
		}
}

static const struct ak_test tests[] = { TEST(test_node_tags) };

AK_TEST_MAIN(tests)
