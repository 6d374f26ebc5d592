// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * The netlink client and the audit tool against this machine's kernel.
 * Root only (SKIP otherwise).  Each test takes the shared kernel lock
 * (flock /tmp/auditkit-kernel.lock), snapshots the audit state, and restores
 * it at its end -- also from atexit and fatal-signal handlers, so a crash
 * leaves the kernel as it was found.  Never sets enabled=2 or failure=2.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include <unistd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <auditkit.h>

#include "../harness.h"

#define LOCK_PATH "/tmp/auditkit-kernel.lock"
#define N_CALLS 200
/* The audited syscall: rare enough that nothing else in the child makes it. */
#define TEST_SYSCALL SYS_getpriority

/* State to put back; file-scope so the atexit / signal handlers can reach it. */
static struct {
	bool active;
	int lock_fd;
	struct audit_status st;
	bool have_feat;
	struct audit_features feat;
	char rule[2048] __attribute__((aligned(8)));
	size_t rule_len; /* non-zero while our rule may be loaded */
	pid_t kids[4];   /* processes that may hold the audit PID */
} saved = { .lock_fd = -1 };

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * waitpid() with a deadline: a child that has not exited after @secs seconds
 * is killed (and its status says so), so a misbehaving child fails the test
 * instead of hanging it with the kernel lock held.
 */
static pid_t wait_bounded(pid_t pid, int *status, double secs)
{
	for (double end = now_s() + secs; now_s() < end; usleep(10000)) {
		pid_t r = waitpid(pid, status, WNOHANG);

		if (r != 0)
			return r;
	}
	fprintf(stderr, "  child %d still running after %.0f s: killed\n", (int)pid, secs);
	kill(pid, SIGKILL);
	return waitpid(pid, status, 0);
}

static void restore(void)
{
	struct ak_nl *nl;
	struct audit_status now;

	if (!saved.active)
		return;
	saved.active = false;
	for (size_t i = 0; i < 4; i++) {
		if (saved.kids[i] > 0) {
			kill(saved.kids[i], SIGKILL);
			waitpid(saved.kids[i], NULL, 0);
			saved.kids[i] = 0;
		}
	}
	if (ak_nl_open(&nl, 0) == 0) {
		if (saved.rule_len)
			(void)ak_nl_del_rule(nl, (const struct audit_rule_data *)saved.rule,
					     saved.rule_len);
		saved.rule_len = 0;
		if (ak_nl_get_status(nl, &now) >= 0 && now.pid != saved.st.pid)
			(void)ak_nl_set_pid(nl, 0);
		struct audit_status s = saved.st;
		s.mask = AUDIT_STATUS_FAILURE | AUDIT_STATUS_RATE_LIMIT |
			 AUDIT_STATUS_BACKLOG_LIMIT | AUDIT_STATUS_BACKLOG_WAIT_TIME;
		(void)ak_nl_set_status(nl, &s);
		(void)ak_nl_set_enabled(nl, saved.st.enabled);
		if (saved.have_feat) {
			uint32_t m = AUDIT_FEATURE_TO_MASK(AUDIT_FEATURE_LOGINUID_IMMUTABLE);

			(void)ak_nl_set_feature(nl, AUDIT_FEATURE_LOGINUID_IMMUTABLE,
						!!(saved.feat.features & m), 0);
		}
		/* The PID is not ours to keep: closing must not release someone else's. */
		ak_nl_close(nl);
	}
	if (saved.lock_fd >= 0) {
		close(saved.lock_fd); /* drops the flock */
		saved.lock_fd = -1;
	}
}

static void on_fatal(int sig)
{
	restore();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Root check, lock, snapshot.  Returns false (test SKIPped) when the test cannot run. */
static bool live_begin(void)
{
	static bool handlers;
	struct ak_nl *nl;
	int r;

	if (geteuid() != 0) {
		SKIP("needs root (real kernel)");
		return false;
	}
	if (!handlers) {
		handlers = true;
		atexit(restore);
		signal(SIGSEGV, on_fatal);
		signal(SIGABRT, on_fatal);
		signal(SIGBUS, on_fatal);
		signal(SIGINT, on_fatal);
		signal(SIGTERM, on_fatal);
	}
	saved.lock_fd = open(LOCK_PATH, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (saved.lock_fd < 0 || flock(saved.lock_fd, LOCK_EX) < 0) {
		SKIP("cannot take " LOCK_PATH);
		return false;
	}
	r = ak_nl_open(&nl, 0);
	if (r < 0) {
		close(saved.lock_fd);
		saved.lock_fd = -1;
		SKIP("no audit netlink socket (kernel without audit?)");
		return false;
	}
	r = ak_nl_get_status(nl, &saved.st);
	saved.have_feat = ak_nl_get_features(nl, &saved.feat) == 0;
	ak_nl_close(nl);
	if (r < 0 || saved.st.enabled == 2) {
		close(saved.lock_fd);
		saved.lock_fd = -1;
		SKIP(r < 0 ? "cannot read audit status" : "audit configuration is immutable");
		return false;
	}
	saved.active = true;
	return true;
}

static void live_end(void)
{
	restore();
}

/* ---- status vs auditctl -s -------------------------------------------------- */

struct kv {
	char name[40];
	char val[40];
};

static int auditctl_s(struct kv *out, int cap)
{
	FILE *f = popen("auditctl -s 2>/dev/null", "r");
	char line[256];
	int n = 0;

	if (!f)
		return -1;
	while (n < cap && fgets(line, sizeof(line), f)) {
		char *sp = strchr(line, ' ');

		if (!sp)
			continue;
		*sp = '\0';
		line[strcspn(sp + 1, "\n") + (size_t)(sp + 1 - line)] = '\0';
		snprintf(out[n].name, sizeof(out[n].name), "%.39s", line);
		snprintf(out[n].val, sizeof(out[n].val), "%.39s", sp + 1);
		n++;
	}
	return pclose(f) == 0 ? n : -1;
}

static int ours(const struct audit_status *s, const struct audit_features *f, bool have_feat,
		struct kv *out)
{
	const struct {
		const char *name;
		uint32_t v;
	} t[] = {
		{ "enabled", s->enabled },
		{ "failure", s->failure },
		{ "pid", s->pid },
		{ "rate_limit", s->rate_limit },
		{ "backlog_limit", s->backlog_limit },
		{ "lost", s->lost },
		{ "backlog", s->backlog },
		{ "backlog_wait_time", s->backlog_wait_time },
		{ "backlog_wait_time_actual", s->backlog_wait_time_actual },
	};
	int n = 0;

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++, n++) {
		snprintf(out[n].name, sizeof(out[n].name), "%s", t[i].name);
		snprintf(out[n].val, sizeof(out[n].val), "%u", t[i].v);
	}
	if (have_feat) {
		uint32_t m = AUDIT_FEATURE_TO_MASK(AUDIT_FEATURE_LOGINUID_IMMUTABLE);

		snprintf(out[n].name, sizeof(out[n].name), "loginuid_immutable");
		snprintf(out[n].val, sizeof(out[n].val), "%d %s", !!(f->features & m),
			 (f->lock & m) ? "locked" : "unlocked");
		n++;
	}
	return n;
}

static void test_live_status_matches_auditctl(void)
{
	struct kv a[16], b[16];
	int na = -1, nb = -1, same = 0;

	if (!live_begin())
		return;
	/* lost/backlog can move between the two reads: up to 5 tries for a quiet moment. */
	for (int tries = 0; tries < 5 && !same; tries++) {
		struct ak_nl *nl;
		struct audit_status s;
		struct audit_features f;
		bool hf;

		CHECK_INT(ak_nl_open(&nl, 0), 0);
		CHECK_INT(ak_nl_get_status(nl, &s), sizeof(s));
		hf = ak_nl_get_features(nl, &f) == 0;
		ak_nl_close(nl);
		nb = ours(&s, &f, hf, b);
		na = auditctl_s(a, 16);
		same = na == nb;
		for (int i = 0; same && i < na; i++)
			same = strcmp(a[i].name, b[i].name) == 0 && strcmp(a[i].val, b[i].val) == 0;
	}
	CHECK(na >= 9);
	CHECK_INT(na, nb);
	for (int i = 0; i < na && i < nb; i++) {
		CHECK_STR(b[i].name, a[i].name);
		CHECK_STR(b[i].val, a[i].val);
	}
	live_end();
}

/* ---- each setting: set, read back, restore ---------------------------------------- */

static uint32_t get_field(struct ak_nl *nl, size_t off)
{
	struct audit_status s;
	uint32_t v = 0xdeadbeef;

	if (ak_nl_get_status(nl, &s) >= 0)
		memcpy(&v, (char *)&s + off, 4);
	return v;
}

#define GET(nl, field) get_field(nl, offsetof(struct audit_status, field))

static void test_live_settings_roundtrip(void)
{
	struct ak_nl *nl;
	const struct audit_status *o = &saved.st;

	if (!live_begin())
		return;
	CHECK_INT(ak_nl_open(&nl, 0), 0);

	CHECK_INT(ak_nl_set_enabled(nl, !o->enabled), 0);
	CHECK_INT(GET(nl, enabled), !o->enabled);
	CHECK_INT(ak_nl_set_enabled(nl, o->enabled), 0);
	CHECK_INT(GET(nl, enabled), o->enabled);

	/* failure: 0 and 1 only (2 would panic the machine on an audit failure). */
	CHECK_INT(ak_nl_set_failure(nl, o->failure == 1 ? 0 : 1), 0);
	CHECK_INT(GET(nl, failure), o->failure == 1 ? 0 : 1);
	CHECK_INT(ak_nl_set_failure(nl, o->failure), 0);
	CHECK_INT(GET(nl, failure), o->failure);

	CHECK_INT(ak_nl_set_rate_limit(nl, o->rate_limit + 1234), 0);
	CHECK_INT(GET(nl, rate_limit), o->rate_limit + 1234);
	CHECK_INT(ak_nl_set_rate_limit(nl, o->rate_limit), 0);
	CHECK_INT(GET(nl, rate_limit), o->rate_limit);

	CHECK_INT(ak_nl_set_backlog_limit(nl, o->backlog_limit + 4321), 0);
	CHECK_INT(GET(nl, backlog_limit), o->backlog_limit + 4321);
	CHECK_INT(ak_nl_set_backlog_limit(nl, o->backlog_limit), 0);
	CHECK_INT(GET(nl, backlog_limit), o->backlog_limit);

	uint32_t w = o->backlog_wait_time == 1000 ? 2000 : 1000;
	CHECK_INT(ak_nl_set_backlog_wait_time(nl, w), 0);
	CHECK_INT(GET(nl, backlog_wait_time), w);
	CHECK_INT(ak_nl_set_backlog_wait_time(nl, o->backlog_wait_time), 0);
	CHECK_INT(GET(nl, backlog_wait_time), o->backlog_wait_time);
	/* The kernel refuses a wait time above 10x its default. */
	CHECK_INT(ak_nl_set_backlog_wait_time(nl, 0x7fffffff), -EINVAL);

	if (o->pid == 0) {
		CHECK_INT(ak_nl_set_pid(nl, (uint32_t)getpid()), 0);
		CHECK_INT(GET(nl, pid), getpid());
		CHECK_INT(ak_nl_set_pid(nl, 0), 0);
		CHECK_INT(GET(nl, pid), 0);
	}

	int lost = ak_nl_reset_lost(nl);
	CHECK(lost >= 0);
	CHECK(GET(nl, lost) <= 1000);

	if (saved.have_feat) {
		uint32_t m = AUDIT_FEATURE_TO_MASK(AUDIT_FEATURE_LOGINUID_IMMUTABLE);
		int on = !!(saved.feat.features & m);
		struct audit_features f;

		if (saved.feat.lock & m) {
			CHECK_INT(ak_nl_set_feature(nl, AUDIT_FEATURE_LOGINUID_IMMUTABLE, !on, 0),
				  -EPERM);
		} else {
			CHECK_INT(ak_nl_set_feature(nl, AUDIT_FEATURE_LOGINUID_IMMUTABLE, !on, 0), 0);
			CHECK_INT(ak_nl_get_features(nl, &f), 0);
			CHECK_INT(!!(f.features & m), !on);
			CHECK_INT(!!(f.lock & m), 0);
			CHECK_INT(ak_nl_set_feature(nl, AUDIT_FEATURE_LOGINUID_IMMUTABLE, on, 0), 0);
			CHECK_INT(ak_nl_get_features(nl, &f), 0);
			CHECK_INT(!!(f.features & m), on);
		}
	}

	struct ak_nl_sig_info si;
	CHECK_INT(ak_nl_signal_info(nl, &si), 0);
	CHECK_INT(ak_nl_trim(nl), 0);
	CHECK(ak_nl_set_rcvbuf(nl, 1 << 20) >= 1 << 20);

	ak_nl_close(nl);
	live_end();
}

/* ---- rule + N syscalls -> exactly N events ------------------------------------------ */

#define FIELD(r, i, f, op, v) ((r)->fields[i] = (f), (r)->fieldflags[i] = (op), (r)->values[i] = (v))

/* -a always,exit -F arch=b64 -S getpriority -F pid=PID -k KEY, by hand. */
static size_t build_rule(char *buf, pid_t pid, const char *key)
{
	struct audit_rule_data r;
	size_t kl = strlen(key);

	memset(&r, 0, sizeof(r));
	r.flags = AUDIT_FILTER_EXIT;
	r.action = AUDIT_ALWAYS;
	r.mask[TEST_SYSCALL / 32] = 1u << (TEST_SYSCALL % 32);
	FIELD(&r, 0, AUDIT_ARCH, AUDIT_EQUAL, AUDIT_ARCH_X86_64);
	FIELD(&r, 1, AUDIT_PID, AUDIT_EQUAL, (uint32_t)pid);
	FIELD(&r, 2, AUDIT_FILTERKEY, AUDIT_EQUAL, (uint32_t)kl);
	r.field_count = 3;
	r.buflen = (uint32_t)kl;
	memcpy(buf, &r, sizeof(r));
	memcpy(buf + sizeof(r), key, kl);
	return sizeof(r) + kl;
}

/* A child that makes the syscall N times when told to (a byte on the pipe). */
static pid_t spawn_caller(int *go)
{
	int p[2];
	pid_t pid;

	if (pipe(p) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		char c;

		close(p[1]);
		if (read(p[0], &c, 1) != 1)
			_exit(1);
		for (int i = 0; i < N_CALLS; i++)
			syscall(TEST_SYSCALL, 0 /* PRIO_PROCESS */, 0);
		_exit(0);
	}
	close(p[0]);
	*go = p[1];
	return pid;
}

static int count_key(const struct ak_nl_msg *m, const char *needle)
{
	size_t nl = strlen(needle);

	if (m->type != AUDIT_SYSCALL || m->len < nl)
		return 0;
	return memmem(m->data, m->len, needle, nl) != NULL;
}

/* Receive until @want events carrying @key came (or 10 s), then 300 ms more for extras. */
static int receive_keyed(struct ak_nl *nl, const char *key, int want)
{
	char buf[AK_NL_BUF_SIZE] __attribute__((aligned(8)));
	char needle[96];
	double deadline = now_s() + 10, quiet_until = 0;
	int got = 0;

	snprintf(needle, sizeof(needle), "key=\"%s\"", key);
	for (;;) {
		struct ak_nl_msg m;
		int r = ak_nl_recv(nl, buf, sizeof(buf), &m, AK_NL_RECV_NONBLOCK | AK_NL_RECV_EVENTS);
		double t = now_s();

		if (r == 1) {
			got += count_key(&m, needle);
			if (got >= want && !quiet_until)
				quiet_until = t + 0.3;
			continue;
		}
		if (r != -EAGAIN && r != -EINTR)
			break;
		if ((quiet_until && t >= quiet_until) || t >= deadline)
			break;
		struct pollfd p = { .fd = ak_nl_fd(nl), .events = POLLIN };
		poll(&p, 1, 50);
	}
	return got;
}

static void run_syscalls_and_count(struct ak_nl *ctl, struct ak_nl *rx, const char *key)
{
	int go = -1, status = -1;
	pid_t caller = spawn_caller(&go);

	CHECK(caller > 0);
	if (caller <= 0)
		return;
	saved.kids[1] = caller;
	saved.rule_len = build_rule(saved.rule, caller, key);
	CHECK_INT(ak_nl_add_rule(ctl, (const struct audit_rule_data *)saved.rule, saved.rule_len),
		  0);
	CHECK_INT(write(go, "x", 1), 1);
	close(go);
	wait_bounded(caller, &status, 60);
	saved.kids[1] = 0;
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_INT(receive_keyed(rx, key, N_CALLS), N_CALLS);
	CHECK_INT(ak_nl_del_rule(ctl, (const struct audit_rule_data *)saved.rule, saved.rule_len),
		  0);
	/* The kernel checks deletes too: a second one has nothing to delete. */
	CHECK_INT(ak_nl_del_rule(ctl, (const struct audit_rule_data *)saved.rule, saved.rule_len),
		  -ENOENT);
	saved.rule_len = 0;
}

static void test_live_events_unicast(void)
{
	struct ak_nl *nl;
	char key[64];

	if (!live_begin())
		return;
	if (saved.st.pid != 0) {
		SKIP("another process holds the audit PID");
		live_end();
		return;
	}
	snprintf(key, sizeof(key), "auditkit-live-uni-%d", (int)getpid());
	CHECK_INT(ak_nl_open(&nl, 0), 0);
	CHECK_INT(ak_nl_set_enabled(nl, 1), 0);
	CHECK_INT(ak_nl_set_backlog_limit(nl, 8192), 0);
	CHECK_INT(ak_nl_set_pid(nl, (uint32_t)getpid()), 0);
	run_syscalls_and_count(nl, nl, key);

	/* A user message comes back as an event, through the same socket. */
	char text[80], buf[AK_NL_BUF_SIZE] __attribute__((aligned(8)));
	int seen = 0;
	snprintf(text, sizeof(text), "auditkit live marker %d", (int)getpid());
	CHECK_INT(ak_nl_send_user(nl, AUDIT_USER, text, strlen(text)), 0);
	for (double end = now_s() + 3; now_s() < end && !seen;) {
		struct ak_nl_msg m;
		int r = ak_nl_recv(nl, buf, sizeof(buf), &m, AK_NL_RECV_NONBLOCK | AK_NL_RECV_EVENTS);

		if (r == 1)
			seen = m.type == AUDIT_USER && memmem(m.data, m.len, text, strlen(text));
		else
			usleep(10000);
	}
	CHECK(seen);

	struct ak_nl_stats st;
	ak_nl_get_stats(nl, &st);
	CHECK_INT(st.enobufs, 0);
	CHECK_INT(st.truncated, 0);
	CHECK_INT(st.socket_drops, 0);
	CHECK_INT(ak_nl_close(nl), 0); /* releases the PID */
	CHECK_INT(ak_nl_open(&nl, 0), 0);
	CHECK_INT(GET(nl, pid), 0);
	ak_nl_close(nl);
	live_end();
}

static volatile sig_atomic_t holder_stop;

static void holder_sig(int sig)
{
	(void)sig;
	holder_stop = 1;
}

/* A process that holds the audit PID and discards events until SIGTERM. */
static pid_t spawn_holder(void)
{
	int p[2];
	pid_t pid;
	char c = 0;

	if (pipe(p) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		struct ak_nl *nl;
		char buf[AK_NL_BUF_SIZE] __attribute__((aligned(8)));
		struct ak_nl_msg m;

		signal(SIGTERM, holder_sig);
		close(p[0]);
		c = ak_nl_open(&nl, 0) == 0 && ak_nl_set_pid(nl, (uint32_t)getpid()) == 0 ? 'y' : 'n';
		if (write(p[1], &c, 1) != 1 || c != 'y')
			_exit(1);
		while (!holder_stop) {
			int r = ak_nl_recv(nl, buf, sizeof(buf), &m, AK_NL_RECV_NONBLOCK);

			if (r == -EAGAIN) {
				struct pollfd pf = { .fd = ak_nl_fd(nl), .events = POLLIN };
				poll(&pf, 1, 50);
			}
		}
		_exit(ak_nl_close(nl) == 0 ? 0 : 2);
	}
	close(p[1]);
	if (read(p[0], &c, 1) != 1 || c != 'y') {
		close(p[0]);
		waitpid(pid, NULL, 0);
		return -1;
	}
	close(p[0]);
	return pid;
}

static void test_live_events_multicast(void)
{
	struct ak_nl *ctl, *mc;
	char key[64];
	pid_t holder;
	int status = -1;

	if (!live_begin())
		return;
	if (saved.st.pid != 0) {
		SKIP("another process holds the audit PID");
		live_end();
		return;
	}
	snprintf(key, sizeof(key), "auditkit-live-mc-%d", (int)getpid());
	CHECK_INT(ak_nl_open(&ctl, 0), 0);
	CHECK_INT(ak_nl_set_enabled(ctl, 1), 0);
	CHECK_INT(ak_nl_set_backlog_limit(ctl, 8192), 0);
	holder = spawn_holder();
	CHECK(holder > 0);
	saved.kids[0] = holder;
	CHECK_INT(GET(ctl, pid), holder);
	CHECK_INT(ak_nl_open(&mc, AK_NL_MULTICAST), 0);
	CHECK(ak_nl_set_rcvbuf(mc, 4 << 20) > 0);
	CHECK_INT(ak_nl_set_pid(mc, (uint32_t)getpid()), -EINVAL); /* read-only */
	run_syscalls_and_count(ctl, mc, key);
	struct ak_nl_stats st;
	ak_nl_get_stats(mc, &st);
	CHECK_INT(st.enobufs, 0);
	ak_nl_close(mc);

	/* The holder releases its PID when stopped with SIGTERM. */
	if (holder > 0) {
		kill(holder, SIGTERM);
		wait_bounded(holder, &status, 10);
		saved.kids[0] = 0;
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
		CHECK_INT(GET(ctl, pid), 0);
	}
	ak_nl_close(ctl);
	live_end();
}

/* ---- the audit tool: PID released after exit and after SIGTERM ---------------------- */

static const char *tool_path(char *buf, size_t cap)
{
	const char *o = getenv("O");

	snprintf(buf, cap, "%s/audit", o && *o ? o : "build");
	return access(buf, X_OK) == 0 ? buf : NULL;
}

static pid_t spawn_tool(const char *path, const char *out, const char *err, char *const extra[])
{
	pid_t pid = fork();

	if (pid == 0) {
		char *argv[12] = { (char *)path, "-out", (char *)out };
		int n = 3;

		for (int i = 0; extra && extra[i] && n < 11; i++)
			argv[n++] = extra[i];
		argv[n] = NULL;
		int fd = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd >= 0)
			dup2(fd, 2);
		execv(path, argv);
		_exit(127);
	}
	return pid;
}

/* Wait until the kernel's audit PID is @pid (or 5 s).  */
static bool wait_pid_is(struct ak_nl *nl, uint32_t pid)
{
	for (double end = now_s() + 5; now_s() < end; usleep(20000))
		if (GET(nl, pid) == pid)
			return true;
	return false;
}

static void test_live_tool_releases_pid(void)
{
	char path[512], out[] = "/tmp/auditkit-live-XXXXXX", err[600];
	static char text[1 << 16];
	struct ak_nl *ctl;
	int status = -1, fd;
	pid_t tool;

	if (!live_begin())
		return;
	if (!tool_path(path, sizeof(path))) {
		SKIP("audit tool not built");
		live_end();
		return;
	}
	if (saved.st.pid != 0) {
		SKIP("another process holds the audit PID");
		live_end();
		return;
	}
	fd = mkstemp(out);
	close(fd);
	snprintf(err, sizeof(err), "%s.err", out);
	CHECK_INT(ak_nl_open(&ctl, 0), 0);

	/* 1: stopped by SIGTERM: exit 0, PID released, counts on stderr. */
	tool = spawn_tool(path, out, err, NULL);
	saved.kids[2] = tool;
	CHECK(wait_pid_is(ctl, (uint32_t)tool));
	CHECK_INT(ak_nl_send_user(ctl, AUDIT_USER, "auditkit tool test", 18), 0);
	usleep(200000);
	kill(tool, SIGTERM);
	wait_bounded(tool, &status, 10);
	saved.kids[2] = 0;
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_INT(GET(ctl, pid), 0);
	FILE *f = fopen(err, "r");
	size_t n = f ? fread(text, 1, sizeof(text) - 1, f) : 0;
	text[n] = '\0';
	if (f)
		fclose(f);
	CHECK(strstr(text, "received ") != NULL);
	CHECK(strstr(text, "lost: kernel 0") != NULL);
	f = fopen(out, "r");
	n = f ? fread(text, 1, sizeof(text) - 1, f) : 0;
	text[n] = '\0';
	if (f)
		fclose(f);
	CHECK(strstr(text, "type=USER msg=audit(") != NULL);
	CHECK(strstr(text, "auditkit tool test") != NULL);

	/* 2: exits by itself (-count 1): PID released. */
	char *extra[] = { "-count", "1", "-format=json", NULL };
	tool = spawn_tool(path, out, err, extra);
	saved.kids[2] = tool;
	/* Its own registration makes records (CONFIG_CHANGE): it stops after the first. */
	for (double end = now_s() + 5; now_s() < end; usleep(20000))
		if (waitpid(tool, &status, WNOHANG) == tool) {
			saved.kids[2] = 0;
			break;
		}
	CHECK_INT(saved.kids[2], 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_INT(GET(ctl, pid), 0);
	f = fopen(out, "r");
	n = f ? fread(text, 1, sizeof(text) - 1, f) : 0;
	text[n] = '\0';
	if (f)
		fclose(f);
	CHECK(strncmp(text, "{\"record_type\":", 15) == 0);

	/* 3: a second tool while one runs: refused (EEXIST), the first keeps the PID. */
	tool = spawn_tool(path, out, err, NULL);
	saved.kids[2] = tool;
	CHECK(wait_pid_is(ctl, (uint32_t)tool));
	pid_t second = spawn_tool(path, "/dev/null", err, NULL);
	saved.kids[3] = second;
	wait_bounded(second, &status, 10);
	saved.kids[3] = 0;
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 1);
	CHECK_INT(GET(ctl, pid), tool);
	kill(tool, SIGINT);
	wait_bounded(tool, &status, 10);
	saved.kids[2] = 0;
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_INT(GET(ctl, pid), 0);

	ak_nl_close(ctl);
	unlink(out);
	unlink(err);
	live_end();
}

/* ---- close under a storm: go-libaudit's kauditd deadlock (beats#26031) ----------------- */

/* A child that makes the syscall until killed. */
static pid_t spawn_storm(int *go)
{
	int p[2];
	pid_t pid;

	if (pipe(p) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		char c;

		close(p[1]);
		if (read(p[0], &c, 1) != 1)
			_exit(1);
		for (;;)
			syscall(TEST_SYSCALL, 0, 0);
	}
	close(p[0]);
	*go = p[1];
	return pid;
}

/*
 * The daemon stops reading while a storm fills its socket (kauditd blocks on
 * it), then closes.  Releasing on that socket would block in the kernel for
 * ever; ak_nl_close must return promptly and the PID must be free.
 */
static void test_live_close_congested(void)
{
	int cmd[2], res[2], go = -1, status = -1;
	struct ak_nl *ctl;
	pid_t holder, storm;
	char key[64], c = 0;
	double t0;

	if (!live_begin())
		return;
	if (saved.st.pid != 0) {
		SKIP("another process holds the audit PID");
		live_end();
		return;
	}
	snprintf(key, sizeof(key), "auditkit-live-cong-%d", (int)getpid());
	CHECK_INT(ak_nl_open(&ctl, 0), 0);
	CHECK_INT(ak_nl_set_enabled(ctl, 1), 0);
	CHECK_INT(ak_nl_set_backlog_limit(ctl, 8192), 0);
	CHECK(pipe(cmd) == 0 && pipe(res) == 0);
	holder = fork();
	if (holder == 0) {
		struct ak_nl *nl;
		char r;

		close(cmd[1]);
		close(res[0]);
		r = ak_nl_open(&nl, 0) == 0 && ak_nl_set_pid(nl, (uint32_t)getpid()) == 0 ? 'y' : 'n';
		if (write(res[1], &r, 1) != 1 || r != 'y')
			_exit(1);
		if (read(cmd[0], &r, 1) != 1) /* stop: read nothing from the audit socket meanwhile */
			_exit(1);
		double t = now_s();
		int e = ak_nl_close(nl);
		r = e == 0 && now_s() - t < 3.0 ? 'y' : 'n';
		_exit(write(res[1], &r, 1) == 1 && r == 'y' ? 0 : 2);
	}
	close(cmd[0]);
	close(res[1]);
	saved.kids[0] = holder;
	CHECK(read(res[0], &c, 1) == 1 && c == 'y');
	storm = spawn_storm(&go);
	saved.kids[1] = storm;
	saved.rule_len = build_rule(saved.rule, storm, key);
	CHECK_INT(ak_nl_add_rule(ctl, (const struct audit_rule_data *)saved.rule, saved.rule_len),
		  0);
	CHECK_INT(write(go, "x", 1), 1);
	/* Wait until kauditd is stuck on the holder's full socket: the backlog grows. */
	bool stuck = false;
	for (double end = now_s() + 5; now_s() < end && !stuck; usleep(20000))
		stuck = GET(ctl, backlog) > 100;
	CHECK(stuck);
	t0 = now_s();
	CHECK_INT(write(cmd[1], "c", 1), 1);
	c = 0;
	struct pollfd p = { .fd = res[0], .events = POLLIN };
	CHECK(poll(&p, 1, 10000) == 1 && read(res[0], &c, 1) == 1 && c == 'y');
	CHECK(now_s() - t0 < 5.0);
	if (!c) { /* hung in the kernel: only SIGKILL gets it out */
		kill(holder, SIGKILL);
	}
	wait_bounded(holder, &status, 10);
	saved.kids[0] = 0;
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK(GET(ctl, pid) != (uint32_t)holder);
	close(cmd[1]);
	close(res[0]);
	close(go);
	kill(storm, SIGKILL);
	waitpid(storm, NULL, 0);
	saved.kids[1] = 0;
	CHECK_INT(ak_nl_del_rule(ctl, (const struct audit_rule_data *)saved.rule, saved.rule_len),
		  0);
	saved.rule_len = 0;
	ak_nl_close(ctl);
	live_end();
}

/* The tool stopped by SIGTERM in the middle of a storm: exits promptly, PID free. */
static void test_live_tool_stops_in_storm(void)
{
	char path[512], key[64];
	struct ak_nl *ctl;
	pid_t tool, storm;
	int go = -1, status = -1;
	double t0;

	if (!live_begin())
		return;
	if (!tool_path(path, sizeof(path))) {
		SKIP("audit tool not built");
		live_end();
		return;
	}
	if (saved.st.pid != 0) {
		SKIP("another process holds the audit PID");
		live_end();
		return;
	}
	snprintf(key, sizeof(key), "auditkit-live-tstorm-%d", (int)getpid());
	CHECK_INT(ak_nl_open(&ctl, 0), 0);
	tool = spawn_tool(path, "/dev/null", "/dev/null", NULL);
	saved.kids[2] = tool;
	CHECK(wait_pid_is(ctl, (uint32_t)tool));
	storm = spawn_storm(&go);
	saved.kids[1] = storm;
	saved.rule_len = build_rule(saved.rule, storm, key);
	CHECK_INT(ak_nl_add_rule(ctl, (const struct audit_rule_data *)saved.rule, saved.rule_len),
		  0);
	CHECK_INT(write(go, "x", 1), 1);
	usleep(500000);
	t0 = now_s();
	kill(tool, SIGTERM);
	for (double end = now_s() + 10; now_s() < end; usleep(20000))
		if (waitpid(tool, &status, WNOHANG) == tool) {
			saved.kids[2] = 0;
			break;
		}
	CHECK_INT(saved.kids[2], 0); /* still running after 10 s: hung */
	CHECK(now_s() - t0 < 5.0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK(GET(ctl, pid) != (uint32_t)tool);
	close(go);
	kill(storm, SIGKILL);
	waitpid(storm, NULL, 0);
	saved.kids[1] = 0;
	CHECK_INT(ak_nl_del_rule(ctl, (const struct audit_rule_data *)saved.rule, saved.rule_len),
		  0);
	saved.rule_len = 0;
	ak_nl_close(ctl);
	live_end();
}

static const struct ak_test tests[] = {
	TEST(test_live_status_matches_auditctl),
	TEST(test_live_settings_roundtrip),
	TEST(test_live_events_unicast),
	TEST(test_live_events_multicast),
	TEST(test_live_tool_releases_pid),
	TEST(test_live_close_congested),
	TEST(test_live_tool_stops_in_storm),
};

AK_TEST_MAIN(tests)
