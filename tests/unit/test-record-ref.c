// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * The record parser's fast paths against its general code: record.c built a
 * second time with AK_REC_REFERENCE (no fast path) under other names must
 * give the same result, rec and fields, byte for byte, on real logs, on every
 * header variant around the usual shape, on random field soup and on every
 * byte at every place of bodies of several lengths.
 *
 * test-record-sse2.c includes this file with AK_REC_SSE2_ONLY instead: the
 * second build is then the SSE2 fast path, which the library does not take
 * on a CPU with SSSE3, compared with the library's.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <auditkit/record.h>

#ifndef AK_REC_SSE2_ONLY
#define AK_REC_REFERENCE 1
#endif
#include "records/record-ref.h"

#include "../harness.h"

enum { CAP = 600 };
static struct ak_field FA[CAP], FB[CAP];
static unsigned long compared;

static int same_str(struct ak_str a, struct ak_str b)
{
	return a.n == b.n && (a.n == 0 || a.p == b.p);
}

static int same_rec(const struct ak_rec *a, const struct ak_rec *b)
{
	if (a->type != b->type || a->sec != b->sec || a->msec != b->msec ||
	    a->serial != b->serial || a->nfields != b->nfields || a->flags != b->flags ||
	    a->diag.pos != b->diag.pos || a->diag.len != b->diag.len)
		return 0;
	/* the two copies' messages are alike, not always merged into one string */
	if (!a->diag.msg != !b->diag.msg || (a->diag.msg && strcmp(a->diag.msg, b->diag.msg) != 0))
		return 0;
	if (!same_str(a->type_name, b->type_name) || !same_str(a->node, b->node) ||
	    !same_str(a->line, b->line) || !same_str(a->msg, b->msg) || !same_str(a->body, b->body))
		return 0;
	for (size_t i = 0; i < a->nfields; i++) {
		const struct ak_field *x = &a->fields[i], *y = &b->fields[i];

		/* keys may be static names (old_auid): compare their bytes */
		if (x->key.n != y->key.n || memcmp(x->key.p, y->key.p, x->key.n) != 0 ||
		    !same_str(x->val, y->val) || x->flags != y->flags)
			return 0;
	}
	return 1;
}

/* Both parsers on @s: counting, into a short array and into a roomy one. */
static int differ(const char *s, size_t n, int payload, uint32_t type)
{
	static const size_t caps[] = { 0, 3, CAP };
	struct ak_rec a, b;

	for (size_t i = 0; i < sizeof(caps) / sizeof(caps[0]); i++) {
		struct ak_field *fa = caps[i] ? FA : NULL, *fb = caps[i] ? FB : NULL;
		int ra, rb;

		if (payload) {
			ra = ak_rec_parse_payload(&a, type, s, n, fa, caps[i]);
			rb = ref_parse_payload(&b, type, s, n, fb, caps[i]);
		} else {
			ra = ak_rec_parse_line(&a, s, n, fa, caps[i]);
			rb = ref_parse_line(&b, s, n, fb, caps[i]);
		}
		compared++;
		if (ra != rb || !same_rec(&a, &b)) {
			fprintf(stderr, "  differs (%s, cap %zu): %d vs %d: %.*s\n",
				payload ? "payload" : "line", caps[i], ra, rb, (int)n, s);
			return 1;
		}
	}
	return 0;
}

/* The line, and what follows its "msg=" as a payload. */
static int differ_both(const char *s, size_t n)
{
	const char *m = memmem(s, n, "msg=", 4);
	int bad = differ(s, n, 0, 0);

	if (m)
		bad |= differ(m + 4, n - (size_t)(m + 4 - s), 1, 1300);
	return bad;
}

static void test_real_logs(void)
{
	static const char *const files[] = {
		"tests/data/real/raw.log",	    "tests/data/real/raw-node.log",
		"tests/data/real/enriched.log",	    "tests/data/real/enriched-node.log",
		"tests/data/demo.log",		    "tests/data/values/probe.log",
	};
	static char line[1 << 16];
	unsigned long lines = 0;
	int bad = 0;

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		FILE *f = fopen(files[i], "r");

		if (!f) {
			SKIP("tests/data not found (run from the top of the tree)");
			return;
		}
		while (fgets(line, sizeof(line), f) && bad < 5) {
			bad += differ_both(line, strlen(line));
			lines++;
		}
		fclose(f);
	}
	CHECK_INT(bad, 0);
	CHECK(lines > 1000);
}

/*
 * Every header near the usual shape: "audit(" S "." M ":" N ")" with digit
 * runs of every length, values at the limits, each byte replaced by each of
 * a few telling bytes, and every truncation.
 */
static void test_header_variants(void)
{
	static const char *const secs[] = { "", "1", "1490137971", "149013797", "14901379712",
					    "0000000000", "9999999999", "1490137971x",
					    "99999999999999999999" };
	static const char *const msecs[] = { "", "0", "01", "011", "999", "0111", "1x", "x11" };
	static const char *const serials[] = { "",	   "0",		"7",	     "50406",
					       "1234567",  "12345678",	"123456789", "4294967295",
					       "4294967296", "9999999999", "12345678901",
					       "00000000000042", "5x" };
	static const char *const tails[] = { "): a=1 b=2 c=\"x y\"", "):", ")", "", ") a=1",
					     "):a=1", " a=1",	       ")): a=1" };
	static const char subs[] = "0123456789.:)( x=\"'\x1d\\\xff";
	char buf[256];
	int bad = 0;

	for (size_t s = 0; s < sizeof(secs) / sizeof(secs[0]); s++)
		for (size_t m = 0; m < sizeof(msecs) / sizeof(msecs[0]); m++)
			for (size_t r = 0; r < sizeof(serials) / sizeof(serials[0]); r++)
				for (size_t t = 0; t < sizeof(tails) / sizeof(tails[0]); t++) {
					int n = snprintf(buf, sizeof(buf),
							 "node=h type=SYSCALL msg=audit(%s.%s:%s%s",
							 secs[s], msecs[m], serials[r], tails[t]);

					for (int cut = n; cut >= 0 && bad < 5; cut--)
						bad += differ_both(buf, (size_t)cut);
				}
	/* one byte at a time replaced, in and around the header */
	static const char base[] = "type=PATH msg=audit(1490137971.011:50406): item=0 name=\"/\"";
	for (size_t i = 0; i < sizeof(base) - 1 && bad < 5; i++)
		for (size_t c = 0; c < sizeof(subs) - 1; c++) {
			memcpy(buf, base, sizeof(base));
			buf[i] = subs[c];
			bad += differ_both(buf, sizeof(base) - 1);
		}
	CHECK_INT(bad, 0);
}

static uint64_t rng = 0x9E3779B97F4A7C15u;

static unsigned next(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)((rng >> 32) % n);
}

/* Random lines of the pieces fields are made of. */
static void test_soup(void)
{
	static const char *const pieces[] = {
		"a",	  "key",   "msg",   "=",    "=",     " ",	  "  ",	   "\"",   "'",	    "\\",
		"(",	  ")",	   "{",	    "}",    "\x1d",  "x=1",   " k=v",  "\t",   "ö",	    "\x01",
		"-",	  "[",	   "]",	    "_",    "0123456789abcdef0123", "AUID=\"unset\"",
		"old ",	  "new ",  "auid=", "ses=", "avc:  denied  { read } for  ", "msg='",
		"x=\"a b\"", "(hostname=?, addr=?, terminal=cron res=success)",
	};
	static const char *const heads[] = {
		"type=SYSCALL msg=audit(1490137971.011:50406): ",
		"node=n type=LOGIN msg=audit(1.2:3): ",
		"type=AVC msg=audit(1490137971.011:7): ",
		"type=USER_ACCT msg=audit(1490137971.011:8): ",
		"",
	};
	char buf[512];
	int bad = 0;

	for (int i = 0; i < 100000 && bad < 5; i++) {
		size_t n = (size_t)snprintf(buf, sizeof(buf), "%s",
					    heads[next(sizeof(heads) / sizeof(heads[0]))]);
		unsigned k = next(40);

		for (unsigned j = 0; j < k && n < sizeof(buf) - 64; j++) {
			const char *p = pieces[next(sizeof(pieces) / sizeof(pieces[0]))];
			size_t pn = strlen(p);

			memcpy(buf + n, p, pn);
			n += pn;
		}
		bad += differ_both(buf, n);
	}
	CHECK_INT(bad, 0);
}

/*
 * Every byte value at every place of bodies around the 16, 32 and 64-byte
 * steps of group_sep's vector scan, alone and before or after a 0x1d:
 * the plain flags and the enriched split must come out as byte by byte, and
 * keys and values as the byte loops find them.
 */
static void test_plain_bytes(void)
{
	static const size_t lens[] = { 1, 15, 16, 17, 32, 33, 63, 64, 65, 129 };
	static const char head[] = "type=SYSCALL msg=audit(1490137971.011:50406): ";
	/* a byte in a key must not join it unless a key may hold it: keys of 1 to 14 bytes */
	static const char fill[] = "k=0123456789abcdef ab=\"c d\" abcdefghijklmn=x ";
	char buf[256];
	int bad = 0;

	for (size_t l = 0; l < sizeof(lens) / sizeof(lens[0]); l++) {
		size_t hn = sizeof(head) - 1, n = hn + lens[l];

		for (size_t sep = 0; sep < 3; sep++)
			for (size_t i = hn; i < n && bad < 5; i++)
				for (unsigned c = 0; c < 256; c++) {
					memcpy(buf, head, hn);
					for (size_t j = hn; j < n; j++)
						buf[j] = fill[(j - hn) % (sizeof(fill) - 1)];
					/* none, a 0x1d near the end, or one near the start */
					if (sep == 1 && lens[l] > 4)
						buf[n - 4] = 0x1d;
					if (sep == 2 && lens[l] > 4)
						buf[hn + 3] = 0x1d;
					buf[i] = (char)c;
					bad += differ_both(buf, n);
				}
	}
	CHECK_INT(bad, 0);
}

static void test_counted(void)
{
	/* the differential tests did compare something */
	CHECK(compared > 100000);
}

static const struct ak_test tests[] = {
	TEST(test_real_logs),
	TEST(test_header_variants),
	TEST(test_soup),
	TEST(test_plain_bytes),
	TEST(test_counted),
};

AK_TEST_MAIN(tests)
