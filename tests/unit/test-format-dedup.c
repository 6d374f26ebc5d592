// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * Duplicate keys in a record's enriched part, as the JSON writer resolves
 * them (format.c dedup(): pairs for a few fields, a known list, a hash set):
 * the last value wins, at its own position, whichever way is taken.
 */
#include <errno.h>

#include <auditkit.h>

#include "../harness.h"

static struct ak_field fields[512];
static char out[1 << 16];

/* The "enriched" member of @line's JSON, or NULL. */
static const char *enriched_of(const char *line, size_t *len)
{
	struct ak_rec rec;
	struct ak_json w;
	static char scratch[1 << 16];
	struct ak_fmt_opts o = { .scratch = scratch, .scratch_cap = sizeof(scratch) };

	if (ak_rec_parse_line(&rec, line, strlen(line), fields, 512) < 0)
		return NULL;
	ak_json_init(&w, out, sizeof(out));
	if (ak_fmt_record_json(&w, &rec, &o) < 0 || ak_json_finish(&w) < 0)
		return NULL;
	const char *p = strstr(out, ",\"enriched\":{");

	if (!p)
		return NULL;
	p += 12;
	*len = (size_t)(strchr(p, '}') - p) + 1;
	return p;
}

/* The data part: a few fields, or a usual SYSCALL (shaped: its enriched count comes from the shape). */
static const char *prefix;
static const char *const prefixes[] = {
	"type=SYSCALL msg=audit(1.2:3): arch=c000003e syscall=1 success=yes exit=0",
	"type=SYSCALL msg=audit(1.2:3): arch=c000003e syscall=59 success=yes exit=0 a0=1 a1=2 a2=3 a3=4 items=2 ppid=1 pid=2 auid=1 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=? ses=1 comm=\"ls\" exe=\"/bin/ls\" key=(null)",
};

/* A record with the @n enriched @keys; checked against the rule. */
static void check(const char *const *keys, size_t n)
{
	char line[4096], want[4096];
	size_t ln = 0, wn = 0, len;

	ln += (size_t)snprintf(line, sizeof(line), "%s\x1d", prefix);
	for (size_t i = 0; i < n; i++)
		ln += (size_t)snprintf(line + ln, sizeof(line) - ln, "%s%s=v%zu", i ? " " : "", keys[i], i);
	want[wn++] = '{';
	for (size_t i = 0; i < n; i++) {
		size_t j;

		for (j = i + 1; j < n && strcmp(keys[j], keys[i]); j++)
			;
		if (j < n) /* shadowed by a later one */
			continue;
		wn += (size_t)snprintf(want + wn, sizeof(want) - wn, "%s\"%s\":\"v%zu\"",
				       wn > 1 ? "," : "", keys[i], i);
	}
	want[wn++] = '}';
	want[wn] = '\0';
	const char *got = enriched_of(line, &len);

	CHECK(got != NULL);
	if (got && (len != wn || memcmp(got, want, wn))) {
		fprintf(stderr, "  %s\n  got  %.*s\n  want %s\n", line, (int)len, got, want);
		CHECK(0);
	}
}

static void dedup_cases(void);

static void test_dedup(void)
{
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		prefix = prefixes[i];
		dedup_cases();
	}
}

static void dedup_cases(void)
{
	static const char *const names[] = { "AUID", "UID", "GID", "SUID" };
	static const char *const sys[] = { "ARCH", "SYSCALL", "AUID", "UID", "GID", "EUID",
					   "SUID", "FSUID", "EGID", "SGID", "FSGID" };
	const char *keys[16];
	unsigned long seed = 12345;

	/* every list of 2 to 6 keys from four names, then random longer ones */
	for (size_t n = 2; n <= 6; n++) {
		size_t total = 1;

		for (size_t i = 0; i < n; i++)
			total *= 4;
		for (size_t c = 0; c < total; c++) {
			size_t x = c;

			for (size_t i = 0; i < n; i++, x /= 4)
				keys[i] = names[x % 4];
			check(keys, n);
		}
	}
	for (int r = 0; r < 2000; r++) {
		size_t n = 7 + (size_t)(r % 10);

		for (size_t i = 0; i < n; i++) {
			seed = seed * 6364136223846793005ul + 1442695040888963407ul;
			keys[i] = sys[(seed >> 33) % 11];
		}
		check(keys, n);
	}
	/* the usual SYSCALL list, and near misses: one name repeated or replaced, one more or less */
	check(sys, 11);
	for (size_t i = 0; i < 11; i++) {
		for (size_t j = 0; j < 11; j++) {
			memcpy(keys, sys, sizeof(sys));
			keys[i] = sys[j];
			check(keys, 11);
		}
		memcpy(keys, sys, sizeof(sys));
		keys[i] = "XUID";
		check(keys, 11);
	}
	check(sys, 10);
	memcpy(keys, sys, sizeof(sys));
	keys[11] = "ARCH";
	check(keys, 12);
}

static const struct ak_test tests[] = { TEST(test_dedup) };

AK_TEST_MAIN(tests)
