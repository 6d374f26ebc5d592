// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * lib/core/nss.c (getpw*_r / getgr*_r with a growing buffer) and what is built
 * on it: the rule compiler's ak_rule_sys_user/group and the id cache's system
 * lookups.
 *
 * NSS-independent: the lookups run in a forked child in a private mount
 * namespace where /etc/passwd, /etc/group and /etc/nsswitch.conf ("files"
 * only) are bind mounts of files written here, so the answers are known and
 * the machine's own databases are neither read nor touched.  The mounts die
 * with the child; the files are removed by the parent.  Without root (no
 * unshare) those tests SKIP; test_system_root runs everywhere.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <auditkit.h>

#include "../harness.h"
#include "core/nss.h" /* the internal lookup itself */

#define CHILD_SKIP 77

/* ---- allocation failure (not under ASan) ------------------------------------ */

#if defined(__SANITIZE_ADDRESS__)
#define HAVE_ALLOC_FAIL 0
#else
#define HAVE_ALLOC_FAIL 1
void *__libc_malloc(size_t n);

/* Allocations of at least this many bytes fail while it is not 0. */
static size_t fail_from;

void *malloc(size_t n)
{
	if (fail_from && n >= fail_from) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_malloc(n);
}
#endif

/* ---- the fake databases ------------------------------------------------------- */

#define UID_USER 4242003u    /* "akuser" */
#define UID_GECOS 4242004u   /* "akgecos", a 40000-byte GECOS: needs a bigger buffer */
#define UID_LONG 4242001u    /* a 300-character name: longer than AK_IDNAME_MAX */
#define UID_MAXNAME 4242002u /* a 255-character name: AK_IDNAME_MAX with its NUL */
#define UID_LATE 4242050u    /* absent at first, added later */
#define UID_NONE 4242999u
#define GID_USER 4242003u    /* "akgroup" */
#define GID_BIG 4242100u     /* "akbig", 6000 members: about 100 KB to hold */
#define GID_HUGE 4242101u    /* "akhuge", in its own file: more than 1 MiB */
#define GID_NONE 4242999u

static char dir[64];

static char long_name[301], max_name[256];

static int write_file(const char *name, const char *text, size_t len)
{
	char path[128];
	int fd;
	ssize_t w;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	w = write(fd, text, len);
	close(fd);
	return w == (ssize_t)len ? 0 : -1;
}

/* A growing string for the files' text. */
struct text {
	char *p;
	size_t n, cap;
};

static void add(struct text *t, const char *s)
{
	size_t n = strlen(s);

	if (t->n + n + 1 > t->cap) {
		t->cap = (t->n + n + 1) * 2;
		t->p = realloc(t->p, t->cap);
		if (!t->p)
			abort();
	}
	memcpy(t->p + t->n, s, n + 1);
	t->n += n;
}

static void members(struct text *t, unsigned count)
{
	char m[16];

	for (unsigned i = 0; i < count; i++) {
		snprintf(m, sizeof(m), "%sm%06u", i ? "," : "", i);
		add(t, m);
	}
}

/* passwd, with @user_name for UID_USER and, if @late, the user UID_LATE. */
static int write_passwd(const char *user_name, bool late)
{
	struct text t = { 0 };
	char line[512];
	int r;

	add(&t, "root:x:0:0:root:/root:/bin/sh\n");
	snprintf(line, sizeof(line), "%s:x:%u:%u::/:/bin/false\n", long_name, UID_LONG, GID_USER);
	add(&t, line);
	snprintf(line, sizeof(line), "%s:x:%u:%u::/:/bin/false\n", max_name, UID_MAXNAME,
		 GID_USER);
	add(&t, line);
	snprintf(line, sizeof(line), "%s:x:%u:%u::/:/bin/false\n", user_name, UID_USER, GID_USER);
	add(&t, line);
	snprintf(line, sizeof(line), "akgecos:x:%u:%u:", UID_GECOS, GID_USER);
	add(&t, line);
	for (int i = 0; i < 400; i++)
		add(&t, "gecos gecos gecos gecos gecos gecos gecos gecos gecos gecos gecos ");
	add(&t, ":/:/bin/false\n");
	if (late) {
		snprintf(line, sizeof(line), "aklate:x:%u:%u::/:/bin/false\n", UID_LATE, GID_USER);
		add(&t, line);
	}
	r = write_file("passwd", t.p, t.n);
	free(t.p);
	return r;
}

static int write_group(bool huge)
{
	struct text t = { 0 };
	char line[128];
	int r;

	add(&t, "root:x:0:\n");
	snprintf(line, sizeof(line), "akgroup:x:%u:akuser\n", GID_USER);
	add(&t, line);
	if (huge) {
		/* 150000 members, 1.2 MB of text on one line: past the 1 MiB cap. */
		snprintf(line, sizeof(line), "akhuge:x:%u:", GID_HUGE);
		add(&t, line);
		members(&t, 150000);
	} else {
		snprintf(line, sizeof(line), "akbig:x:%u:", GID_BIG);
		add(&t, line);
		members(&t, 6000);
	}
	add(&t, "\n");
	r = write_file(huge ? "group-huge" : "group", t.p, t.n);
	free(t.p);
	return r;
}

static int make_files(void)
{
	static const char nss[] = "passwd: files\ngroup: files\nshadow: files\n";

	memset(long_name, 'l', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	memset(max_name, 'n', sizeof(max_name) - 1);
	max_name[sizeof(max_name) - 1] = '\0';
	snprintf(dir, sizeof(dir), "/tmp/ak-nss-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	if (write_passwd("akuser", false) < 0 || write_group(false) < 0 || write_group(true) < 0 ||
	    write_file("nsswitch.conf", nss, sizeof(nss) - 1) < 0)
		return -1;
	return 0;
}

static void remove_files(void)
{
	static const char *const names[] = { "passwd", "group", "group-huge", "nsswitch.conf" };
	char path[128];

	if (!dir[0])
		return;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
	dir[0] = '\0';
}

static int bind_file(const char *name, const char *target)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return mount(path, target, NULL, MS_BIND, NULL);
}

/* In the child: a private mount namespace with the fake databases. */
static bool enter_fake_etc(bool huge_group)
{
	if (unshare(CLONE_NEWNS) < 0)
		return false;
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return false;
	if (bind_file("passwd", "/etc/passwd") < 0 ||
	    bind_file(huge_group ? "group-huge" : "group", "/etc/group") < 0 ||
	    bind_file("nsswitch.conf", "/etc/nsswitch.conf") < 0)
		return false;
	return true;
}

/* Run @fn in a child inside the fake /etc; its CHECKs count here. */
static void run_fake(void (*fn)(void), bool huge_group, const char *name)
{
	int status = 0;
	pid_t pid;

	if (make_files() < 0) {
		CHECK(!"cannot write the fake databases");
		remove_files();
		return;
	}
	fflush(NULL);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		alarm(30);
		ak__t_failed_checks = 0;
		if (!enter_fake_etc(huge_group)) {
			fprintf(stderr, "  (child: no private mount namespace: %s)\n", strerror(errno));
			fflush(NULL);
			exit(CHILD_SKIP);
		}
		fn();
		fflush(NULL);
		exit(ak__t_failed_checks ? 1 : 0);
	}
	if (pid > 0) {
		CHECK_INT(waitpid(pid, &status, 0), pid);
		if (WIFSIGNALED(status)) {
			fprintf(stderr, "  %s: child killed by signal %d\n", name, WTERMSIG(status));
			ak__t_failed_checks++;
		} else if (WEXITSTATUS(status) == CHILD_SKIP) {
			SKIP("needs a private mount namespace (root)");
		} else if (WEXITSTATUS(status) != 0) {
			fprintf(stderr, "  %s: child exited %d\n", name, WEXITSTATUS(status));
			ak__t_failed_checks++;
		}
	}
	remove_files();
}

/* ---- tests ------------------------------------------------------------------------ */

/* The one answer every system has (and NSS-independent enough). */
static void test_system_root(void)
{
	char name[32];
	uint32_t id = 77;

	CHECK_INT(ak__nss_lookup(AK__NSS_USER, 0, NULL, name, sizeof(name), NULL), 0);
	CHECK_STR(name, "root");
	CHECK_INT(ak__nss_lookup(AK__NSS_USER, 0, "root", NULL, 0, &id), 0);
	CHECK_INT(id, 0);
	id = 77;
	CHECK_INT(ak_rule_sys_user("root", &id, NULL), 0);
	CHECK_INT(id, 0);
}

static void child_found_and_missed(void)
{
	char name[64];
	uint32_t id;

	/* Found, both ways, both databases; the name or id goes where asked. */
	memset(name, 'x', sizeof(name));
	CHECK_INT(ak__nss_lookup(AK__NSS_USER, UID_USER, NULL, name, sizeof(name), NULL), 0);
	CHECK_STR(name, "akuser");
	id = 0;
	CHECK_INT(ak__nss_lookup(AK__NSS_USER, 0, "akuser", NULL, 0, &id), 0);
	CHECK_INT(id, UID_USER);
	id = 0;
	CHECK_INT(ak__nss_lookup(AK__NSS_USER, UID_USER, NULL, name, sizeof(name), &id), 0);
	CHECK_INT(id, UID_USER);
	CHECK_INT(ak__nss_lookup(AK__NSS_GROUP, GID_USER, NULL, name, sizeof(name), NULL), 0);
	CHECK_STR(name, "akgroup");
	id = 0;
	CHECK_INT(ak__nss_lookup(AK__NSS_GROUP, 0, "akgroup", NULL, 0, &id), 0);
	CHECK_INT(id, GID_USER);
	/* Neither out nor oid: a bare existence check. */
	CHECK_INT(ak__nss_lookup(AK__NSS_GROUP, GID_USER, NULL, NULL, 0, NULL), 0);

	/* Misses: -ENOENT, outputs untouched. */
	strcpy(name, "unchanged");
	id = 99;
	CHECK_INT(ak__nss_lookup(AK__NSS_USER, UID_NONE, NULL, name, sizeof(name), &id), -ENOENT);
	CHECK_INT(ak__nss_lookup(AK__NSS_USER, 0, "no-such-user", name, sizeof(name), &id),
		  -ENOENT);
	CHECK_INT(ak__nss_lookup(AK__NSS_GROUP, GID_NONE, NULL, name, sizeof(name), &id), -ENOENT);
	CHECK_INT(ak__nss_lookup(AK__NSS_GROUP, 0, "no-such-group", name, sizeof(name), &id),
		  -ENOENT);
	CHECK_INT(ak__nss_lookup(AK__NSS_GROUP, 0, "akuser", name, sizeof(name), &id), -ENOENT);
	CHECK_INT(ak__nss_lookup(AK__NSS_USER, 0, "", name, sizeof(name), &id), -ENOENT);
	CHECK_STR(name, "unchanged");
	CHECK_INT(id, 99);

	/* The rule compiler's callbacks: any failure is -ENOENT. */
	CHECK_INT(ak_rule_sys_user("akuser", &id, NULL), 0);
	CHECK_INT(id, UID_USER);
	CHECK_INT(ak_rule_sys_group("akgroup", &id, NULL), 0);
	CHECK_INT(id, GID_USER);
	CHECK_INT(ak_rule_sys_user("no-such-user", &id, NULL), -ENOENT);
	CHECK_INT(ak_rule_sys_group("no-such-group", &id, NULL), -ENOENT);
}

static void test_found_and_missed(void)
{
	run_fake(child_found_and_missed, false, "found and missed");
}

/* @cap too small for the name: -ERANGE and nothing half-written; exactly enough: ok. */
static void child_name_truncation(void)
{
	char name[512];
	uint32_t id = 0;

	memset(name, 'x', sizeof(name));
	name[6] = '\0';
	CHECK_INT(ak__nss_lookup(AK__NSS_USER, UID_USER, NULL, name, 6, &id), -ERANGE);
	CHECK_STR(name, "xxxxxx");
	CHECK_INT(ak__nss_lookup(AK__NSS_USER, UID_USER, NULL, name, 0, NULL), -ERANGE);
	CHECK_INT(ak__nss_lookup(AK__NSS_USER, UID_USER, NULL, name, 7, NULL), 0);
	CHECK_STR(name, "akuser");
	CHECK_INT(ak__nss_lookup(AK__NSS_GROUP, GID_USER, NULL, name, 7, NULL), -ERANGE);
	CHECK_INT(ak__nss_lookup(AK__NSS_GROUP, GID_USER, NULL, name, 8, NULL), 0);
	CHECK_STR(name, "akgroup");

	/* Names of 300 and 255 characters: the cache's limit is 256 with the NUL. */
	CHECK_INT(ak__nss_lookup(AK__NSS_USER, UID_LONG, NULL, name, AK_IDNAME_MAX, NULL), -ERANGE);
	CHECK_INT(ak__nss_lookup(AK__NSS_USER, UID_LONG, NULL, name, sizeof(name), NULL), 0);
	CHECK_STR(name, long_name);
	CHECK_INT(ak__nss_lookup(AK__NSS_USER, UID_MAXNAME, NULL, name, AK_IDNAME_MAX, NULL), 0);
	CHECK_STR(name, max_name);
	/* By name, the long one is found (no output name to fit). */
	CHECK_INT(ak__nss_lookup(AK__NSS_USER, 0, long_name, NULL, 0, &id), 0);
	CHECK_INT(id, UID_LONG);
}

static void test_name_truncation(void)
{
	run_fake(child_name_truncation, false, "truncation");
}

/* Entries larger than the 16 KiB stack buffer are found (the buffer grows). */
static void child_buffer_growth(void)
{
	char name[64];
	uint32_t id = 0;

	CHECK_INT(ak__nss_lookup(AK__NSS_USER, UID_GECOS, NULL, name, sizeof(name), NULL), 0);
	CHECK_STR(name, "akgecos");
	CHECK_INT(ak__nss_lookup(AK__NSS_USER, 0, "akgecos", NULL, 0, &id), 0);
	CHECK_INT(id, UID_GECOS);
	CHECK_INT(ak__nss_lookup(AK__NSS_GROUP, GID_BIG, NULL, name, sizeof(name), NULL), 0);
	CHECK_STR(name, "akbig");
	CHECK_INT(ak__nss_lookup(AK__NSS_GROUP, 0, "akbig", NULL, 0, &id), 0);
	CHECK_INT(id, GID_BIG);
	CHECK_INT(ak_rule_sys_group("akbig", &id, NULL), 0);
	CHECK_INT(id, GID_BIG);
	/* A miss has to read past the big entry too: still a clean -ENOENT. */
	CHECK_INT(ak__nss_lookup(AK__NSS_GROUP, GID_NONE, NULL, name, sizeof(name), NULL), -ENOENT);
	CHECK_INT(ak__nss_lookup(AK__NSS_USER, UID_NONE, NULL, name, sizeof(name), NULL), -ENOENT);
}

static void test_buffer_growth(void)
{
	run_fake(child_buffer_growth, false, "growth");
}

/* Growing needs the heap: when it fails, -ENOMEM; entries that fit the stack
 * buffer need none. */
#if HAVE_ALLOC_FAIL
static void child_growth_enomem(void)
{
	char name[64];
	uint32_t id = 0;

	fail_from = 32768;
	CHECK_INT(ak__nss_lookup(AK__NSS_GROUP, GID_BIG, NULL, name, sizeof(name), NULL), -ENOMEM);
	CHECK_INT(ak__nss_lookup(AK__NSS_USER, UID_GECOS, NULL, name, sizeof(name), NULL), -ENOMEM);
	fail_from = 65536; /* the first growth (32 KiB) works, the second fails */
	CHECK_INT(ak__nss_lookup(AK__NSS_GROUP, 0, "akbig", NULL, 0, &id), -ENOMEM);
	CHECK_INT(ak__nss_lookup(AK__NSS_USER, 0, "root", NULL, 0, &id), 0);
	fail_from = 0;
	CHECK_INT(ak__nss_lookup(AK__NSS_GROUP, 0, "akbig", NULL, 0, &id), 0);
	CHECK_INT(id, GID_BIG);
}
#endif

static void test_growth_enomem(void)
{
#if HAVE_ALLOC_FAIL
	run_fake(child_growth_enomem, false, "growth without memory");
#else
	SKIP("allocation failures are not injected under ASan");
#endif
}

/* Past the 1 MiB cap: NSS's ERANGE is returned, and the rule compiler says ENOENT. */
static void child_buffer_cap(void)
{
	char name[64];
	uint32_t id = 0;

	CHECK_INT(ak__nss_lookup(AK__NSS_GROUP, 0, "root", NULL, 0, &id), 0); /* before it */
	CHECK_INT(ak__nss_lookup(AK__NSS_GROUP, GID_HUGE, NULL, name, sizeof(name), NULL), -ERANGE);
	CHECK_INT(ak__nss_lookup(AK__NSS_GROUP, 0, "akhuge", NULL, 0, &id), -ERANGE);
	CHECK_INT(ak_rule_sys_group("akhuge", &id, NULL), -ENOENT);
	/* The passwd side is unaffected. */
	CHECK_INT(ak__nss_lookup(AK__NSS_USER, 0, "akuser", NULL, 0, &id), 0);
	CHECK_INT(id, UID_USER);
}

static void test_buffer_cap(void)
{
	run_fake(child_buffer_cap, true, "cap");
}

/*
 * The id cache with the system's lookups: answers, found or not, are kept for
 * the ttl and looked up again after it (the databases are changed meanwhile);
 * a name too long to cache is no answer.
 */
static void child_cache(void)
{
	struct ak_idcache *c = NULL;
	const char *s;
	uint32_t id = 0;

	CHECK_INT(ak_idcache_new(&c, NULL, 1000, 0), 0);
	if (!c)
		return;
	CHECK_STR(ak_idcache_user_name(c, UID_USER, 10000), "akuser");
	CHECK(ak_idcache_user_name(c, UID_LATE, 10000) == NULL);
	CHECK_INT(ak_idcache_user_id(c, "akuser", 6, &id, 10000), 0);
	CHECK_INT(id, UID_USER);
	CHECK_INT(ak_idcache_user_id(c, "aklate", 6, &id, 10000), -ENOENT);
	CHECK_STR(ak_idcache_group_name(c, GID_BIG, 10000), "akbig");
	CHECK_INT(ak_idcache_group_id(c, "akgroup", 7, &id, 10000), 0);
	CHECK_INT(id, GID_USER);

	/* akuser renamed, aklate added: (in place, the bind mount follows the inode) */
	CHECK_INT(write_passwd("akrenamed", true), 0);
	CHECK_INT(ak__nss_lookup(AK__NSS_USER, 0, "aklate", NULL, 0, &id), 0); /* NSS sees it */
	CHECK_INT(id, UID_LATE);
	/* within the ttl: the old answers */
	CHECK_STR(ak_idcache_user_name(c, UID_USER, 10999), "akuser");
	CHECK(ak_idcache_user_name(c, UID_LATE, 10999) == NULL);
	CHECK_INT(ak_idcache_user_id(c, "akuser", 6, &id, 10999), 0);
	CHECK_INT(ak_idcache_user_id(c, "aklate", 6, &id, 10999), -ENOENT);
	/* after it: asked again */
	CHECK_STR(ak_idcache_user_name(c, UID_USER, 11001), "akrenamed");
	CHECK_STR(ak_idcache_user_name(c, UID_LATE, 11001), "aklate");
	CHECK_INT(ak_idcache_user_id(c, "akuser", 6, &id, 11001), -ENOENT);
	CHECK_INT(ak_idcache_user_id(c, "aklate", 6, &id, 11001), 0);
	CHECK_INT(id, UID_LATE);

	/* 255 characters fit the cache, 300 do not (and the name is then not known). */
	s = ak_idcache_user_name(c, UID_MAXNAME, 11001);
	CHECK_STR(s, max_name);
	CHECK(ak_idcache_user_name(c, UID_LONG, 11001) == NULL);
	CHECK_INT(ak_idcache_user_id(c, max_name, strlen(max_name), &id, 11001), 0);
	CHECK_INT(id, UID_MAXNAME);
	/* 0 is root forever, whatever the databases say */
	CHECK_STR(ak_idcache_user_name(c, 0, 99999999), "root");
	ak_idcache_free(c);
}

static void test_cache(void)
{
	run_fake(child_cache, false, "cache");
}

static const struct ak_test tests[] = {
	TEST(test_system_root),
	TEST(test_found_and_missed),
	TEST(test_name_truncation),
	TEST(test_buffer_growth),
	TEST(test_growth_enomem),
	TEST(test_buffer_cap),
	TEST(test_cache),
};

AK_TEST_MAIN(tests)
