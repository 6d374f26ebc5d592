// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * saddr decoding and the hex decoder.  Expected values are go-libaudit's
 * (elastic/go-libaudit bc9ea4581bf8fad62760036e6aa90aaacbbfd0e8, Apache-2.0):
 * auparse/sockaddr_test.go and the SOCKADDR records of audit-rhel7.log.golden.
 */
#include <errno.h>

#include <auditkit.h>

#include "../harness.h"

static char buf[4096];

static int dec(struct ak_sockaddr *sa, const char *s, const char **why)
{
	return ak_sockaddr_decode(sa, s, strlen(s), buf, sizeof(buf), why);
}

#define CHECK_SLICE(sl, lit) CHECK_MEM((sl).p, (sl).n, lit)

static void test_ipv4(void)
{
	struct ak_sockaddr sa;

	CHECK_INT(dec(&sa, "02000050080808080000000000000000", NULL), 0);
	CHECK_SLICE(sa.family, "ipv4");
	CHECK_SLICE(sa.addr, "8.8.8.8");
	CHECK_SLICE(sa.port, "80");
	CHECK_INT(sa.flow.n, 0);
	CHECK_INT(sa.path.n, 0);
	CHECK_INT(sa.saddr.n, 0);
	CHECK_INT(dec(&sa, "02000050A9FEA9FE0000000000000000", NULL), 0);
	CHECK_SLICE(sa.addr, "169.254.169.254");
	CHECK_SLICE(sa.port, "80");
	/* exactly 16 characters is enough */
	CHECK_INT(dec(&sa, "0200FFFF7F000001", NULL), 0);
	CHECK_SLICE(sa.addr, "127.0.0.1");
	CHECK_SLICE(sa.port, "65535");
}

static void test_ipv6(void)
{
	struct ak_sockaddr sa;

	CHECK_INT(dec(&sa, "0A000050000000002607F8B0400C0C06000000000000006700000000", NULL), 0);
	CHECK_SLICE(sa.family, "ipv6");
	CHECK_SLICE(sa.addr, "2607:f8b0:400c:c06::67");
	CHECK_SLICE(sa.port, "80");
	CHECK_INT(sa.flow.n, 0);
	CHECK_INT(dec(&sa, "0A000016000000000000000000000000000000000000000000000000", NULL), 0);
	CHECK_SLICE(sa.addr, "::");
	CHECK_SLICE(sa.port, "22");
	/* bind() with trailing garbage past the sockaddr_in6 */
	CHECK_INT(dec(&sa, "0A00084300000000000000000000000000000000000000000000000000000000281E"
			   "7423FD7F0000C05034088F7F000007000000000000001E2D44000000000000000000"
			   "0000000060D758078F7F00000300000000000000C00F020000000000000000000000"
			   "000005202302000000000200000000000000FFFFFFFFFFFFFFFF",
		      NULL),
		  0);
	CHECK_SLICE(sa.addr, "::");
	CHECK_SLICE(sa.port, "2115");
	/* v4-mapped: a dotted quad, as Go prints it */
	CHECK_INT(dec(&sa, "0A0001BB0000000000000000000000000000FFFFC0A80001", NULL), 0);
	CHECK_SLICE(sa.addr, "192.168.0.1");
	CHECK_SLICE(sa.port, "443");
	/* loopback, a flow label, leading/trailing runs, a single zero group is not compressed */
	CHECK_INT(dec(&sa, "0A00005000012345" "00000000000000000000000000000001" "00000000", NULL),
		  0);
	CHECK_SLICE(sa.addr, "::1");
	CHECK_SLICE(sa.flow, "74565");
	CHECK_INT(dec(&sa, "0A000050000000002001000000000000000000000000000000000000", NULL), 0);
	CHECK_SLICE(sa.addr, "2001::");
	CHECK_INT(dec(&sa, "0A000050000000002001000D00000001000100010001000100000000", NULL), 0);
	CHECK_SLICE(sa.addr, "2001:d:0:1:1:1:1:1");
	/* the first of two equally long runs is the one compressed */
	CHECK_INT(dec(&sa, "0A000050000000002001000000000001000000000001000100000000", NULL), 0);
	CHECK_SLICE(sa.addr, "2001::1:0:0:1:1");
	CHECK_INT(dec(&sa, "0A00005000000000FE800000000000000211223344556677", NULL), 0);
	CHECK_SLICE(sa.addr, "fe80::211:2233:4455:6677");
}

static void test_unix(void)
{
	struct ak_sockaddr sa;

	CHECK_INT(dec(&sa, "01007075626C69632F7069636B757000000000000000000000000000000000000000"
			   "00000000000000000000",
		      NULL),
		  0);
	CHECK_SLICE(sa.family, "unix");
	CHECK_SLICE(sa.path, "public/pickup");
	CHECK_INT(dec(&sa, "01002F7661722F72756E2F6E7363642F736F636B65740000603B7B47FC7F0000303C7B"
			   "47FC7F0000020000000000000014000000160001030800000000000000C03B7B47FC7F"
			   "0000103B7B47FC7F00002000000000000000303C7B47FC7F0000C0FB39861C7F0000787F"
			   "2F861C7F",
		      NULL),
		  0);
	CHECK_SLICE(sa.path, "/var/run/nscd/socket");
	/* unnamed and abstract sockets: an empty path */
	CHECK_INT(dec(&sa, "0100", NULL), 0);
	CHECK_SLICE(sa.family, "unix");
	CHECK_INT(sa.path.n, 0);
	CHECK(sa.path.p != NULL);
	CHECK_INT(dec(&sa, "0100006162", NULL), 0);
	CHECK_INT(sa.path.n, 0);
}

static void test_other_families(void)
{
	struct ak_sockaddr sa;
	const char *s = "100000000000000000000000";

	CHECK_INT(dec(&sa, s, NULL), 0);
	CHECK_SLICE(sa.family, "netlink");
	CHECK_SLICE(sa.saddr, "100000000000000000000000");
	CHECK_INT(dec(&sa, "00000000000000000000000000000000", NULL), 0);
	CHECK_SLICE(sa.family, "0");
	CHECK_SLICE(sa.saddr, "00000000000000000000000000000000");
	CHECK_INT(dec(&sa, "1100", NULL), 0); /* AF_PACKET */
	CHECK_SLICE(sa.family, "17");
	CHECK_INT(dec(&sa, "2800", NULL), 0); /* AF_VSOCK */
	CHECK_SLICE(sa.family, "40");
}

static void test_errors(void)
{
	struct ak_sockaddr sa;
	const char *why = NULL;

	CHECK_INT(dec(&sa, "", &why), -EINVAL);
	CHECK_STR(why, "invalid family: too short");
	CHECK_INT(dec(&sa, "020", &why), -EINVAL);
	CHECK_INT(dec(&sa, "ZZ00", &why), -EINVAL);
	CHECK_STR(why, "invalid family");
	CHECK_INT(dec(&sa, "020000500808", &why), -EINVAL);
	CHECK_STR(why, "invalid socket address size family=ipv4");
	CHECK_INT(dec(&sa, "0A0000500000000026", &why), -EINVAL);
	CHECK_STR(why, "invalid socket address size family=ipv6");
	/* flow >= 2^31 does not fit Go's signed 32-bit parse */
	CHECK_INT(dec(&sa, "0A00005080000000000000000000000000000000000000000000000100000000", &why),
		  -EINVAL);
	CHECK_INT(dec(&sa, "0A000050000000002607F8B0400C0C06000000000000006Z00000000", &why),
		  -EINVAL);
	CHECK_INT(dec(&sa, "0100414", &why), -EINVAL);      /* odd unix path */
	CHECK_INT(dec(&sa, "01006162zz", &why), -EINVAL);   /* lower-case / garbage */
	CHECK_INT(dec(&sa, "0200XX50", &why), -EINVAL);     /* too short anyway */
	CHECK_INT(dec(&sa, "0200XX5008080808", &why), -EINVAL); /* bad port */
	/* a bad address byte reads as 0, as in go-libaudit */
	CHECK_INT(dec(&sa, "0200005008ZZ0808", &why), 0);
	CHECK_SLICE(sa.addr, "8.0.8.8");
	/* too little room */
	CHECK_INT(ak_sockaddr_decode(&sa, "02000050080808080000000000000000", 32, buf, 16, NULL),
		  -ERANGE);
}

/* Every prefix of every case, and random garbage, must come back without a crash. */
static void test_never_crashes(void)
{
	static const char *cases[] = {
		"02000050080808080000000000000000",
		"0A000050000000002607F8B0400C0C06000000000000006700000000",
		"01007075626C69632F7069636B7570000000",
		"100000000000000000000000",
	};
	struct ak_sockaddr sa;
	unsigned seed = 12345;
	char g[80];
	int ok = 0;

	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++)
		for (size_t n = 0; n <= strlen(cases[c]); n++)
			if (ak_sockaddr_decode(&sa, cases[c], n, buf, sizeof(buf), NULL) == 0)
				ok++;
	for (int i = 0; i < 20000; i++) {
		size_t n = (size_t)(i % 80);

		for (size_t j = 0; j < n; j++) {
			seed = seed * 1103515245u + 12345u;
			g[j] = "0123456789ABCDEFaz \x01\xff"[(seed >> 16) % 21];
		}
		if (i & 1 && n >= 4)
			memcpy(g, i & 2 ? "0A00" : "0100", 4);
		(void)ak_sockaddr_decode(&sa, g, n, buf, sizeof(buf), NULL);
	}
	CHECK(ok > 0);
}

static void test_hex(void)
{
	char out[64];

	CHECK(ak_hex_is_upper("2F746D70", 8));
	CHECK(!ak_hex_is_upper("2f746d70", 8));
	CHECK(!ak_hex_is_upper("2F746D7", 7));
	CHECK(!ak_hex_is_upper("", 0));
	CHECK(!ak_hex_is_upper("3G", 2));
	CHECK_INT(ak_hex_decode(out, sizeof(out), "2F746D702F6120622063", 20, AK_HEX_NUL_SPACE), 10);
	CHECK_MEM(out, 10, "/tmp/a b c");
	/* proctitle: NULs become spaces, a trailing NUL a trailing space */
	CHECK_INT(ak_hex_decode(out, sizeof(out), "6368726F6E7964002D7100", 22, AK_HEX_NUL_SPACE), 11);
	CHECK_MEM(out, 11, "chronyd -q ");
	/* EXECVE: up to the first NUL */
	CHECK_INT(ak_hex_decode(out, sizeof(out), "6368726F6E7964002D71", 20, AK_HEX_NUL_TRUNCATE),
		  7);
	CHECK_MEM(out, 7, "chronyd");
	CHECK_INT(ak_hex_decode(out, sizeof(out), "6100", 4, AK_HEX_NUL_KEEP), 2);
	CHECK(memcmp(out, "a\0", 2) == 0);
	CHECK_INT(ak_hex_decode(out, sizeof(out), "61626", 5, AK_HEX_NUL_SPACE), -EINVAL);
	CHECK_INT(ak_hex_decode(out, sizeof(out), "6a", 2, AK_HEX_NUL_SPACE), -EINVAL);
	CHECK_INT(ak_hex_decode(out, 1, "6162", 4, AK_HEX_NUL_SPACE), -ERANGE);
	/* garbage after the NUL still makes it "not hex" */
	CHECK_INT(ak_hex_decode(out, sizeof(out), "61006G", 6, AK_HEX_NUL_TRUNCATE), -EINVAL);
}

/* The vector and scalar paths against a plain reference, at every length and bad position. */
static void test_hex_random(void)
{
	static const char dig[] = "0123456789ABCDEF";
	static const char nondig[] = "abcdefG/:@`g \x00\xff";
	unsigned seed = 7;
	char s[200], out[100], ref[100];
	int bad = 0;

	for (int it = 0; it < 20000; it++) {
		size_t n = 2 * (size_t)(it % 90);

		for (size_t i = 0; i < n; i += 2) {
			seed = seed * 1103515245u + 12345u;
			unsigned b = (seed >> 16) & 0xff;

			if ((seed >> 8) % 7 == 0)
				b = 0; /* some NULs */
			s[i] = dig[b >> 4];
			s[i + 1] = dig[b & 15];
			ref[i / 2] = (char)b;
		}
		if (n && it % 3 == 0) { /* one bad digit somewhere */
			seed = seed * 1103515245u + 12345u;
			s[(seed >> 8) % n] = nondig[(seed >> 20) % (sizeof(nondig) - 1)];
			if (ak_hex_decode(out, sizeof(out), s, n, AK_HEX_NUL_KEEP) != -EINVAL)
				bad++;
			continue;
		}
		int r = ak_hex_decode(out, sizeof(out), s, n, AK_HEX_NUL_KEEP);

		if (n == 0 ? r != -EINVAL : (r != (int)n / 2 || memcmp(out, ref, n / 2)))
			bad++;
		r = ak_hex_decode(out, sizeof(out), s, n, AK_HEX_NUL_TRUNCATE);
		if (n && r != (int)strnlen(ref, n / 2))
			bad++;
		r = ak_hex_decode(out, sizeof(out), s, n, AK_HEX_NUL_SPACE);
		for (size_t i = 0; n && i < n / 2; i++)
			if (out[i] != (ref[i] ? ref[i] : ' '))
				bad++;
	}
	CHECK_INT(bad, 0);
}

static const struct ak_test tests[] = {
	TEST(test_hex_random),
	TEST(test_ipv4),   TEST(test_ipv6),           TEST(test_unix),
	TEST(test_other_families), TEST(test_errors), TEST(test_never_crashes),
	TEST(test_hex),
};

AK_TEST_MAIN(tests)
