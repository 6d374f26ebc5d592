/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
/*
 * A tiny test runner.  A test file defines static test functions and a table:
 *
 *	static void test_foo(void) { CHECK(1 + 1 == 2); CHECK_STR(a, "b"); }
 *	static const struct ak_test tests[] = { TEST(test_foo), };
 *	AK_TEST_MAIN(tests)
 *
 * Each test prints "ok NAME", "FAIL NAME" (after its failed checks, with file
 * and line) or "SKIP NAME: reason".  The program ends with the line
 * "N passed, N failed, N skipped" and exits 1 if anything failed.
 * Run one test with `./test-x NAME`.
 */
#ifndef AK_TESTS_HARNESS_H
#define AK_TESTS_HARNESS_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ak_test {
	const char *name;
	void (*fn)(void);
};

#define TEST(fn) { #fn, fn }

static int ak__t_failed_checks;
static const char *ak__t_skip;

#define CHECK(cond)                                                                   \
	do {                                                                          \
		if (!(cond)) {                                                        \
			fprintf(stderr, "  %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, \
				#cond);                                               \
			ak__t_failed_checks++;                                        \
		}                                                                     \
	} while (0)

#define CHECK_INT(a, b)                                                               \
	do {                                                                          \
		long long ak__a = (long long)(a), ak__b = (long long)(b);             \
		if (ak__a != ak__b) {                                                 \
			fprintf(stderr, "  %s:%d: %s == %lld, expected %s == %lld\n",    \
				__FILE__, __LINE__, #a, ak__a, #b, ak__b);            \
			ak__t_failed_checks++;                                        \
		}                                                                     \
	} while (0)

#define CHECK_STR(a, b)                                                               \
	do {                                                                          \
		const char *ak__a = (a), *ak__b = (b);                                \
		if (!ak__a || !ak__b || strcmp(ak__a, ak__b) != 0) {                  \
			fprintf(stderr, "  %s:%d: %s == \"%s\", expected \"%s\"\n",      \
				__FILE__, __LINE__, #a, ak__a ? ak__a : "(null)",     \
				ak__b ? ak__b : "(null)");                            \
			ak__t_failed_checks++;                                        \
		}                                                                     \
	} while (0)

/* Compare a (pointer, length) slice with a C string. */
#define CHECK_MEM(p, n, s)                                                            \
	do {                                                                          \
		const char *ak__p = (p), *ak__s = (s);                                \
		size_t ak__n = (n);                                                   \
		if (!ak__p || ak__n != strlen(ak__s) || memcmp(ak__p, ak__s, ak__n)) { \
			fprintf(stderr, "  %s:%d: %s == \"%.*s\", expected \"%s\"\n",    \
				__FILE__, __LINE__, #p, ak__p ? (int)ak__n : 6,       \
				ak__p ? ak__p : "(null)", ak__s);                     \
			ak__t_failed_checks++;                                        \
		}                                                                     \
	} while (0)

/* Mark the running test skipped (visible in the output); return from it after. */
#define SKIP(reason) (ak__t_skip = (reason))

static inline int ak__test_main(const struct ak_test *t, size_t n, int argc, char **argv)
{
	unsigned passed = 0, failed = 0, skipped = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (size_t i = 0; i < n; i++) {
		if (argc > 1 && strcmp(argv[1], t[i].name) != 0)
			continue;
		ak__t_failed_checks = 0;
		ak__t_skip = NULL;
		t[i].fn();
		fflush(stderr);
		if (ak__t_failed_checks) {
			printf("FAIL %s\n", t[i].name);
			failed++;
		} else if (ak__t_skip) {
			printf("SKIP %s: %s\n", t[i].name, ak__t_skip);
			skipped++;
		} else {
			printf("ok %s\n", t[i].name);
			passed++;
		}
	}
	printf("%u passed, %u failed, %u skipped\n", passed, failed, skipped);
	return failed ? 1 : 0;
}

#define AK_TEST_MAIN(table)                                                           \
	int main(int argc, char **argv)                                               \
	{                                                                             \
		return ak__test_main(table, sizeof(table) / sizeof(table[0]), argc, argv); \
	}

#endif
