// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * replay - run inputs once through a fuzz harness's LLVMFuzzerTestOneInput, without
 * libFuzzer, so that `make check` replays every corpus (and every crash ever found)
 * with the normal compiler and sanitizers.
 *
 *   replay-fuzz-record [FILE|DIR]...
 *
 * With no argument it replays fuzz/corpus/<surface>/, <surface> being its own name
 * less "replay-fuzz-" (run from the top of the tree).  Each input is copied into a
 * buffer of exactly its size so that ASan sees any over-read.  A harness signals a
 * bug by aborting; an input that cannot be read counts as failed.
 * Prints "N passed, N failed" last.
 */
#include <dirent.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

void __sanitizer_set_death_callback(void (*cb)(void)) __attribute__((weak));

static unsigned passed, failed;
static const char *current; /* the input being run, named when it crashes */

static void name_current(void)
{
	if (current) {
		(void)!write(2, "FAIL crashed on input: ", 23);
		(void)!write(2, current, strlen(current));
		(void)!write(2, "\n", 1);
	}
}

static void on_signal(int sig)
{
	name_current();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	uint8_t *buf;
	size_t n;

	if (!f || fstat(fileno(f), &st) < 0) {
		fprintf(stderr, "FAIL %s: cannot open\n", path);
		failed++;
		if (f)
			fclose(f);
		return;
	}
	buf = malloc(st.st_size ? (size_t)st.st_size : 1);
	n = buf ? fread(buf, 1, (size_t)st.st_size, f) : 0;
	fclose(f);
	if (!buf || n != (size_t)st.st_size) {
		fprintf(stderr, "FAIL %s: cannot read\n", path);
		failed++;
		free(buf);
		return;
	}
	current = path;
	LLVMFuzzerTestOneInput(buf, n);
	current = NULL;
	free(buf);
	passed++;
}

static void run_path(const char *path)
{
	struct dirent **ents;
	struct stat st;
	int n;

	if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode)) {
		run_file(path);
		return;
	}
	n = scandir(path, &ents, NULL, alphasort);
	if (n < 0) {
		fprintf(stderr, "FAIL %s: cannot list\n", path);
		failed++;
		return;
	}
	for (int i = 0; i < n; i++) {
		char p[4096];

		if (ents[i]->d_name[0] != '.' &&
		    snprintf(p, sizeof(p), "%s/%s", path, ents[i]->d_name) < (int)sizeof(p) &&
		    stat(p, &st) == 0 && S_ISREG(st.st_mode))
			run_file(p);
		free(ents[i]);
	}
	free(ents);
}

int main(int argc, char **argv)
{
	char def[512];

	static const int sigs[] = { SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL };

	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		signal(sigs[i], on_signal);
	if (__sanitizer_set_death_callback)
		__sanitizer_set_death_callback(name_current);
	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	if (argc > 1) {
		for (int i = 1; i < argc; i++)
			run_path(argv[i]);
	} else {
		const char *name = strrchr(argv[0], '/');

		name = name ? name + 1 : argv[0];
		if (strncmp(name, "replay-fuzz-", 12) == 0)
			name += 12;
		snprintf(def, sizeof(def), "fuzz/corpus/%s", name);
		if (access(def, R_OK) != 0) {
			fprintf(stderr, "FAIL %s: no corpus directory (run from the top of the tree)\n",
				def);
			failed++;
		} else {
			run_path(def);
		}
		if (passed == 0 && failed == 0) {
			fprintf(stderr, "FAIL %s: empty corpus\n", def);
			failed++;
		}
	}
	printf("%u passed, %u failed\n", passed, failed);
	return failed != 0;
}
