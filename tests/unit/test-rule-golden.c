// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * go-libaudit's rule corpus (tests/golden/rules, see its README): each of the
 * 123 rules compiled by auditkit must give exactly the bytes the kernel listed
 * after real auditctl loaded it, and the text ak_rule_format() makes of those
 * bytes must compile back to them.  Watched paths are created under
 * /tmp/audit-test first, as go-libaudit's test does (a trailing '/' makes a
 * directory), since a watch on an existing directory becomes "dir".
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <unistd.h>

#include <auditkit.h>

#include "../harness.h"

#define DIR_ "tests/golden/rules/"

static const char *const files[] = {
	"01-file-watch-spaces", "20-dont-audit", "22-ignore-chrony", "30-nispom",
	"30-pci-dss-v31", "30-stig", "32-power-abuse", "41-containers",
	"42-injection", "43-module-load", "70-einval", "71-networking",
};

struct golden {
	char flags[1024];
	unsigned char bytes[8192];
	size_t len;
};

static int b64val(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* Append the base64 in @s to g->bytes. */
static void b64_append(struct golden *g, const char *s, unsigned *acc, int *bits)
{
	for (; *s; s++) {
		int v = b64val((unsigned char)*s);

		if (v < 0)
			continue;
		*acc = (*acc << 6) | (unsigned)v;
		*bits += 6;
		if (*bits >= 8) {
			*bits -= 8;
			if (g->len < sizeof(g->bytes))
				g->bytes[g->len++] = (unsigned char)(*acc >> *bits);
		}
	}
}

/* Read the simple YAML the goldens use: "- flags: X" then "  bytes: !!binary |"
 * and indented base64 lines. */
static size_t load(const char *name, struct golden *out, size_t max)
{
	char path[256], line[1024];
	size_t n = 0;
	unsigned acc = 0;
	int bits = 0;
	bool in_bytes = false, in_flags = false;
	FILE *f;

	snprintf(path, sizeof(path), DIR_ "%s.rules.golden.yml", name);
	f = fopen(path, "r");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		if (strncmp(line, "- flags: ", 9) == 0 && n < max) {
			memset(&out[n], 0, sizeof(out[n]));
			snprintf(out[n].flags, sizeof(out[n].flags), "%s", line + 9);
			n++;
			in_bytes = false;
			in_flags = true;
		} else if (in_flags && strncmp(line, "    ", 4) == 0) {
			/* A long plain scalar folded onto the next line. */
			size_t have = strlen(out[n - 1].flags);

			snprintf(out[n - 1].flags + have, sizeof(out[n - 1].flags) - have, " %s",
				 line + 4);
		} else if (strstr(line, "bytes: !!binary")) {
			in_flags = false;
			in_bytes = true;
			acc = 0;
			bits = 0;
		} else if (in_bytes && n && line[0] == ' ') {
			b64_append(&out[n - 1], line, &acc, &bits);
		} else {
			in_bytes = false;
			in_flags = false;
		}
	}
	fclose(f);
	return n;
}

static void mkdirs(const char *path)
{
	char tmp[4096];

	snprintf(tmp, sizeof(tmp), "%s", path);
	for (char *p = tmp + 1; *p; p++)
		if (*p == '/') {
			*p = 0;
			mkdir(tmp, 0755);
			*p = '/';
		}
	mkdir(tmp, 0755);
}

/* Make the file or directory a watch in @flags refers to. */
static void make_paths(const char *flags)
{
	char words[1024], *w[64];
	size_t n = 0;

	size_t fl = strlen(flags);

	if (fl >= sizeof(words))
		fl = sizeof(words) - 1;
	memcpy(words, flags, fl);
	words[fl] = 0;
	/* Good enough for the corpus: quoted paths are the only quoting there. */
	for (char *p = words; *p && n < 64;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		if (*p == '\'' || *p == '"') {
			char q = *p++;

			w[n++] = p;
			p = strchr(p, q);
			if (!p)
				break;
			*p++ = 0;
		} else {
			w[n++] = p;
			p += strcspn(p, " ");
			if (*p)
				*p++ = 0;
		}
	}
	for (size_t i = 0; i < n; i++) {
		const char *path = NULL;

		if (strcmp(w[i], "-w") == 0 && i + 1 < n)
			path = w[i + 1];
		else if (strncmp(w[i], "path=", 5) == 0)
			path = w[i] + 5;
		else if (strncmp(w[i], "dir=", 4) == 0)
			path = w[i] + 4;
		if (!path || strncmp(path, "/tmp/audit-test", 15) != 0)
			continue;
		if (path[strlen(path) - 1] == '/') {
			mkdirs(path);
		} else {
			char parent[4096];
			int fd;

			snprintf(parent, sizeof(parent), "%s", path);
			*strrchr(parent, '/') = 0;
			mkdirs(parent);
			fd = open(path, O_CREAT | O_WRONLY, 0644);
			if (fd >= 0)
				close(fd);
		}
	}
}

static int user(const char *name, uint32_t *id, void *data)
{
	(void)data;
	if (strcmp(name, "root") == 0) {
		*id = 0;
		return 0;
	}
	return -ENOENT;
}

static const struct ak_rule_opts opts = {
	.sz = sizeof(opts),
	.arch = AUDIT_ARCH_X86_64,
	.flags = AK_RULE_KERNEL_FORM,
	.user = user,
	.group = user,
	.is_dir = ak_rule_sys_is_dir,
};

static bool little_endian(void)
{
	uint32_t x = 1;

	return *(unsigned char *)&x == 1;
}

static struct golden g[64];
static _Alignas(struct audit_rule_data) unsigned char blob[AK_RULE_MAX_SIZE];
static _Alignas(struct audit_rule_data) unsigned char blob2[AK_RULE_MAX_SIZE];

static void hexdiff(const unsigned char *a, size_t an, const unsigned char *b, size_t bn)
{
	for (size_t i = 0; i < an && i < bn; i++)
		if (a[i] != b[i]) {
			fprintf(stderr, "    first difference at byte %zu: ours %02x, kernel %02x\n",
				i, a[i], b[i]);
			return;
		}
	fprintf(stderr, "    lengths: ours %zu, kernel %zu\n", an, bn);
}

/* Our bytes padded with zeros to 4, as the kernel lists them. */
static size_t padded(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

static unsigned total, built_ok, round_ok;

static struct ak_rule_fmt fmt = { .arch = AUDIT_ARCH_X86_64, .flags = AK_RULE_FMT_REPARSE };

static void check_file(const char *name)
{
	size_t n = load(name, g, 64);

	CHECK(n > 0);
	for (size_t i = 0; i < n; i++) {
		struct ak_rule_cmd cmd;
		struct ak_diag d;
		char text[8192];
		int rc;

		total++;
		make_paths(g[i].flags);
		memset(blob, 0, sizeof(blob));
		rc = ak_rule_parse_line(g[i].flags, SIZE_MAX, AK_SPLIT_SHELL, &opts, &cmd, blob,
					sizeof(blob), &d);
		if (rc < 0) {
			fprintf(stderr, "  %s: %s\n    error %d at %zu: %s\n", name, g[i].flags, rc,
				d.pos, d.msg);
			CHECK(rc == 0);
			continue;
		}
		CHECK_INT(cmd.kind, AK_CMD_ADD);
		if (padded(cmd.len) != g[i].len || memcmp(blob, g[i].bytes, g[i].len) != 0) {
			fprintf(stderr, "  %s: %s: bytes differ\n", name, g[i].flags);
			hexdiff(blob, padded(cmd.len), g[i].bytes, g[i].len);
			CHECK(0);
			continue;
		}
		built_ok++;

		/* Kernel bytes -> text -> bytes. */
		rc = ak_rule_format((const struct audit_rule_data *)g[i].bytes, g[i].len, &fmt, text,
				    sizeof(text));
		CHECK(rc > 0);
		memset(blob2, 0, sizeof(blob2));
		rc = ak_rule_parse_line(text, SIZE_MAX, AK_SPLIT_SHELL, &opts, &cmd, blob2,
					sizeof(blob2), &d);
		if (rc < 0 || padded(cmd.len) != g[i].len || memcmp(blob2, g[i].bytes, g[i].len)) {
			fprintf(stderr, "  %s: %s\n    round trip via \"%s\" failed (%d %s)\n", name,
				g[i].flags, text, rc, rc < 0 ? d.msg : "bytes differ");
			CHECK(0);
			continue;
		}
		CHECK(ak_rule_equal((const struct audit_rule_data *)g[i].bytes, g[i].len,
				    (const struct audit_rule_data *)blob2, cmd.len));
		round_ok++;
	}
}

static void test_golden_bytes(void)
{
	if (!little_endian()) {
		SKIP("goldens are little-endian");
		return;
	}
	total = built_ok = round_ok = 0;
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		check_file(files[i]);
	printf("# %u golden rules: %u built byte for byte, %u round-tripped\n", total, built_ok,
	       round_ok);
	CHECK_INT(total, 123);
	CHECK_INT(built_ok, 123);
	CHECK_INT(round_ok, 123);
}

static const struct ak_test tests[] = {
	TEST(test_golden_bytes),
};

AK_TEST_MAIN(tests)
