// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * The error paths of lib/netlink/socket.c that test-netlink.c does not reach:
 * allocation failures, socket()/bind() failures and their mapping, sockets
 * that are not netlink (or not sockets), the SO_RCVBUFFORCE fallback, and a
 * close whose release cannot be sent.
 *
 * Failing system calls come from a seccomp filter (SECCOMP_RET_ERRNO) installed
 * in a forked child, so nothing outside that child is affected; failing
 * allocations from a malloc/calloc interposer (not under ASan, which owns
 * malloc: those cases SKIP there).  The tests on a real NETLINK_AUDIT socket
 * take /tmp/auditkit-kernel.lock and block every send with the filter, so no
 * request reaches the kernel; they check that the audit PID is unchanged.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <time.h>
#include <unistd.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <auditkit.h>

#include "../harness.h"
#include "../lib/fakekernel.h"
#include "netlink/nl.h" /* white box: the handle's seq, for the wrap test only */

#if defined(__x86_64__) && !defined(__ILP32__)
#define SC_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define SC_ARCH AUDIT_ARCH_AARCH64
#endif

#define LOCK_PATH "/tmp/auditkit-kernel.lock"
#define CHILD_SKIP 77

/* ---- allocation failures (not under ASan) ----------------------------------- */

#if defined(__SANITIZE_ADDRESS__)
#define HAVE_ALLOC_FAIL 0
#else
#define HAVE_ALLOC_FAIL 1
void *__libc_malloc(size_t n);
void *__libc_calloc(size_t n, size_t sz);

/* -1: off; otherwise the number of allocations to let through before one fails. */
static int alloc_fail_after = -1;

static bool alloc_fails(void)
{
	if (alloc_fail_after < 0)
		return false;
	if (alloc_fail_after-- > 0)
		return false;
	alloc_fail_after = -1; /* one failure only */
	errno = ENOMEM;
	return true;
}

void *malloc(size_t n)
{
	return alloc_fails() ? NULL : __libc_malloc(n);
}

void *calloc(size_t n, size_t sz)
{
	return alloc_fails() ? NULL : __libc_calloc(n, sz);
}
#endif

#if defined(__SANITIZE_ADDRESS__)
/* ak_nl_set_queue_size(SIZE_MAX / 2), an impossible size, must see NULL from malloc, not an ASan report. */
const char *__asan_default_options(void);
__attribute__((visibility("default"))) const char *__asan_default_options(void)
{
	return "allocator_may_return_null=1";
}
#endif

/* ---- helpers ----------------------------------------------------------------- */

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The lowest free descriptor: a leak of one shows as a change. */
static int lowest_free_fd(void)
{
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);

	if (fd >= 0)
		close(fd);
	return fd;
}

static bool fd_is_open(int fd)
{
	return fcntl(fd, F_GETFD) >= 0;
}

/* One seccomp rule: syscall @nr (and, if @arg >= 0, the low 32 bits of that
 * argument equal to @val) returns @ret (a SECCOMP_RET_* value). */
struct sc_rule {
	int nr;
	int arg;
	uint32_t val;
	uint32_t ret;
};

#define SC_ERRNO(e) (SECCOMP_RET_ERRNO | ((e) & SECCOMP_RET_DATA))

/* Install the rules in this process (a child).  0, or -1 when seccomp is unavailable. */
static int sc_install(const struct sc_rule *r, size_t n)
{
#ifdef SC_ARCH
	struct sock_filter f[64];
	size_t i = 0;

	f[i++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
					      offsetof(struct seccomp_data, arch));
	f[i++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SC_ARCH, 1, 0);
	f[i++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
	for (size_t k = 0; k < n; k++) {
		bool a = r[k].arg >= 0;

		f[i++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
						      offsetof(struct seccomp_data, nr));
		f[i++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)r[k].nr,
						      0, a ? 3 : 1);
		if (a) {
			/* little-endian: the low word of args[i] comes first */
			f[i++] = (struct sock_filter)BPF_STMT(
				BPF_LD | BPF_W | BPF_ABS,
				offsetof(struct seccomp_data, args) + 8 * (uint32_t)r[k].arg);
			f[i++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, r[k].val, 0,
							      1);
		}
		f[i++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, r[k].ret);
	}
	f[i++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);

	struct sock_fprog prog = { .len = (unsigned short)i, .filter = f };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) < 0)
		return -1;
	return 0;
#else
	(void)r;
	(void)n;
	return -1;
#endif
}

/* Install, or end the child as skipped. */
static void sc_install_or_skip(const struct sc_rule *r, size_t n)
{
	if (sc_install(r, n) < 0) {
		fprintf(stderr, "  (child: no seccomp filter here)\n");
		fflush(NULL);
		exit(CHILD_SKIP);
	}
}

/*
 * Run @fn in a forked child; its CHECKs count here.  The child exits 0, 1
 * (failed checks) or CHILD_SKIP; a child killed by a signal is a failure.
 */
static void run_child(void (*fn)(void), const char *name)
{
	int status = 0;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	CHECK(pid >= 0);
	if (pid < 0)
		return;
	if (pid == 0) {
		alarm(20);
		ak__t_failed_checks = 0;
		ak__t_skip = NULL;
		fn();
		fflush(NULL);
		exit(ak__t_failed_checks ? 1 : ak__t_skip ? CHILD_SKIP : 0);
	}
	CHECK_INT(waitpid(pid, &status, 0), pid);
	if (WIFSIGNALED(status)) {
		fprintf(stderr, "  %s: child killed by signal %d\n", name, WTERMSIG(status));
		ak__t_failed_checks++;
	} else if (WEXITSTATUS(status) == CHILD_SKIP) {
		SKIP("seccomp or the audit socket unavailable (see stderr)");
	} else if (WEXITSTATUS(status) != 0) {
		fprintf(stderr, "  %s: child exited %d\n", name, WEXITSTATUS(status));
		ak__t_failed_checks++;
	}
}

static struct ak_nl *open_fake(struct fk *k)
{
	struct ak_nl *nl;

	CHECK_INT(fk_open_nl(k, &nl, 1000), 0);
	return nl;
}

static int usersock(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_USERSOCK);

	if (fd >= 0 && bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* ---- open / fdopen ------------------------------------------------------------ */

/* Each of the handle's three allocations failing: -ENOMEM, and the fd is not leaked. */
static void test_fdopen_enomem(void)
{
#if HAVE_ALLOC_FAIL
	for (int n = 0; n <= 3; n++) {
		int sv[2];
		struct ak_nl *nl = (struct ak_nl *)1;
		int r;

		CHECK_INT(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv), 0);
		alloc_fail_after = n;
		r = ak_nl_fdopen(&nl, sv[1], 0);
		alloc_fail_after = -1;
		if (n < 3) {
			CHECK_INT(r, -ENOMEM);
			CHECK_INT(errno, ENOMEM);
			CHECK(nl == NULL);
			/* "The handle owns @fd from then on, also on failure." */
			CHECK(!fd_is_open(sv[1]));
		} else {
			CHECK_INT(r, 0); /* three allocations: the fourth would not fail it */
			CHECK(nl != NULL && nl != (struct ak_nl *)1);
			CHECK_INT(ak_nl_close(nl), 0);
		}
		close(sv[0]);
	}

	/* ak_nl_open: the socket it made is closed again. */
	struct ak_nl *nl = NULL;
	int low = lowest_free_fd(), r;

	if (ak_nl_open(&nl, 0) < 0) {
		SKIP("no NETLINK_AUDIT socket");
		return;
	}
	ak_nl_close(nl);
	alloc_fail_after = 1;
	r = ak_nl_open(&nl, 0);
	alloc_fail_after = -1;
	CHECK_INT(r, -ENOMEM);
	CHECK_INT(errno, ENOMEM);
	CHECK(nl == NULL);
	CHECK_INT(lowest_free_fd(), low);
#else
	SKIP("allocation failures are not injected under ASan");
#endif
}

static int g_errno; /* the errno a child's filter injects */

static void child_socket_errno(void)
{
	struct sc_rule r = { __NR_socket, 0, AF_NETLINK, SC_ERRNO(g_errno) };
	struct ak_nl *nl = (struct ak_nl *)1;
	int want = g_errno == EAFNOSUPPORT || g_errno == EINVAL ? EPROTONOSUPPORT : g_errno;

	sc_install_or_skip(&r, 1);
	CHECK_INT(ak_nl_open(&nl, 0), -want);
	CHECK_INT(errno, want);
	CHECK(nl == NULL);
}

/* go-libaudit PR #32: a kernel without audit is EPROTONOSUPPORT whichever of the
 * three errnos socket() gave; others pass through unchanged. */
static void test_open_socket_errors(void)
{
	static const int errs[] = { EPROTONOSUPPORT, EAFNOSUPPORT, EINVAL, EACCES, ENFILE };

	for (size_t i = 0; i < sizeof(errs) / sizeof(errs[0]) && !ak__t_skip; i++) {
		g_errno = errs[i];
		run_child(child_socket_errno, "socket errno");
	}
}

static void child_bind_fails(void)
{
	struct sc_rule r = { __NR_bind, -1, 0, SC_ERRNO(EADDRINUSE) };
	struct ak_nl *nl = (struct ak_nl *)1;
	int low = lowest_free_fd();

	sc_install_or_skip(&r, 1);
	CHECK_INT(ak_nl_open(&nl, AK_NL_MULTICAST), -EADDRINUSE);
	CHECK_INT(errno, EADDRINUSE);
	CHECK(nl == NULL);
	CHECK_INT(lowest_free_fd(), low); /* the socket was closed */
}

static void child_emfile(void)
{
	struct rlimit rl, low;
	struct ak_nl *nl = (struct ak_nl *)1;
	int r, e;

	CHECK_INT(getrlimit(RLIMIT_NOFILE, &rl), 0);
	low = rl;
	low.rlim_cur = (rlim_t)lowest_free_fd(); /* no descriptor left */
	CHECK_INT(setrlimit(RLIMIT_NOFILE, &low), 0);
	r = ak_nl_open(&nl, 0);
	e = errno;
	setrlimit(RLIMIT_NOFILE, &rl); /* (exit needs descriptors: gcov, stdio) */
	CHECK_INT(r, -EMFILE);
	CHECK_INT(e, EMFILE);
	CHECK(nl == NULL);
}

static void test_open_bind_and_emfile(void)
{
	run_child(child_emfile, "emfile");
	run_child(child_bind_fails, "bind");
}

/* The port id is the one the kernel bound; 0 for a socketpair.  A real open
 * gives a close-on-exec NETLINK_AUDIT socket. */
static void test_portid(void)
{
	struct sockaddr_nl sa;
	socklen_t sl = sizeof(sa);
	struct ak_nl *nl = NULL;
	struct fk k;
	int fd, proto = -1;
	socklen_t pl = sizeof(proto);

	nl = open_fake(&k);
	CHECK_INT(ak_nl_portid(nl), 0);
	ak_nl_close(nl);
	fk_close(&k);

	fd = usersock();
	if (fd < 0) {
		SKIP("no NETLINK_USERSOCK socket");
		return;
	}
	CHECK_INT(getsockname(fd, (struct sockaddr *)&sa, &sl), 0);
	CHECK_INT(ak_nl_fdopen(&nl, fd, 0), 0);
	CHECK(sa.nl_pid != 0);
	CHECK_INT(ak_nl_portid(nl), sa.nl_pid);
	CHECK_INT(ak_nl_close(nl), 0);
	CHECK(!fd_is_open(fd));

	if (ak_nl_open(&nl, 0) < 0) {
		SKIP("no NETLINK_AUDIT socket");
		return;
	}
	fd = ak_nl_fd(nl);
	sl = sizeof(sa);
	CHECK_INT(getsockname(fd, (struct sockaddr *)&sa, &sl), 0);
	CHECK(sa.nl_pid != 0);
	CHECK_INT(ak_nl_portid(nl), sa.nl_pid);
	CHECK(fcntl(fd, F_GETFD) & FD_CLOEXEC);
	CHECK_INT(getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &proto, &pl), 0);
	CHECK_INT(proto, NETLINK_AUDIT);
	CHECK_INT(ak_nl_close(nl), 0);
	CHECK(!fd_is_open(fd));
}

/* ---- options and stats ---------------------------------------------------------- */

/* A descriptor that is no socket at all: no port, no SO_MEMINFO, no rcvbuf. */
static void test_not_a_socket(void)
{
	struct ak_nl *nl = NULL;
	struct ak_nl_stats st;
	int p[2];

	CHECK_INT(pipe(p), 0);
	CHECK_INT(ak_nl_fdopen(&nl, p[0], 0), 0);
	CHECK_INT(ak_nl_portid(nl), 0);
	CHECK_INT(ak_nl_fd(nl), p[0]);
	errno = 0;
	CHECK_INT(ak_nl_set_rcvbuf(nl, 0), -EINVAL);
	CHECK_INT(errno, EINVAL);
	CHECK_INT(ak_nl_set_rcvbuf(nl, -4096), -EINVAL);
	errno = 0;
	CHECK_INT(ak_nl_set_rcvbuf(nl, 65536), -ENOTSOCK);
	CHECK_INT(errno, ENOTSOCK);
	memset(&st, 0x55, sizeof(st));
	CHECK_INT(ak_nl_get_stats(nl, &st), 0);
	CHECK(st.socket_drops == UINT64_MAX); /* "the kernel cannot tell" */
	CHECK_INT(st.datagrams, 0);
	CHECK_INT(st.enobufs, 0);
	CHECK_INT(ak_nl_close(nl), 0);
	CHECK(!fd_is_open(p[0]));
	close(p[1]);
}

static long rmem_max(void)
{
	FILE *f = fopen("/proc/sys/net/core/rmem_max", "r");
	long v = -1;

	if (f) {
		if (fscanf(f, "%ld", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

/* Without CAP_NET_ADMIN (SO_RCVBUFFORCE refused) the fallback SO_RCVBUF is
 * used, capped by net.core.rmem_max; what is returned is what the kernel reports. */
static void child_rcvbuf_fallback(void)
{
	struct sc_rule r = { __NR_setsockopt, 2, SO_RCVBUFFORCE, SC_ERRNO(EPERM) };
	long max = rmem_max();
	struct ak_nl *nl;
	struct fk k;
	int v = 0, got;
	socklen_t sl = sizeof(v);

	nl = open_fake(&k);
	sc_install_or_skip(&r, 1);
	got = ak_nl_set_rcvbuf(nl, 8192);
	CHECK_INT(got, 2 * 8192);
	CHECK_INT(getsockopt(ak_nl_fd(nl), SOL_SOCKET, SO_RCVBUF, &v, &sl), 0);
	CHECK_INT(got, v);
	if (max > 0 && max < (1 << 28)) {
		got = ak_nl_set_rcvbuf(nl, (int)max * 2);
		CHECK_INT(got, 2 * max); /* capped: FORCE would have given 4 * max */
	}
	ak_nl_close(nl);
	fk_close(&k);
}

/* getsockopt failing: set_rcvbuf reports it; get_stats says "cannot tell". */
static void child_getsockopt_fails(void)
{
	struct sc_rule r = { __NR_getsockopt, -1, 0, SC_ERRNO(EIO) };
	struct ak_nl_stats st;
	struct ak_nl *nl;
	struct fk k;

	nl = open_fake(&k);
	CHECK_INT(ak_nl_get_stats(nl, &st), 0);
	CHECK_INT(st.socket_drops, 0); /* an AF_UNIX socket tells: nothing dropped */
	sc_install_or_skip(&r, 1);
	errno = 0;
	CHECK_INT(ak_nl_set_rcvbuf(nl, 8192), -EIO);
	CHECK_INT(errno, EIO);
	CHECK_INT(ak_nl_get_stats(nl, &st), 0);
	CHECK(st.socket_drops == UINT64_MAX);
	ak_nl_close(nl);
	fk_close(&k);
}

static void test_rcvbuf(void)
{
	struct fk k;
	struct ak_nl *nl = open_fake(&k);
	long max = rmem_max();

	/* As root SO_RCVBUFFORCE goes past rmem_max. */
	if (geteuid() == 0 && max > 0 && max < (1 << 28))
		CHECK_INT(ak_nl_set_rcvbuf(nl, (int)max * 2), 4 * max);
	ak_nl_close(nl);
	fk_close(&k);
	run_child(child_rcvbuf_fallback, "rcvbuf fallback");
	if (!ak__t_skip)
		run_child(child_getsockopt_fails, "getsockopt fails");
}

/* ENOMEM keeps the old queue and what it holds; 0 disables queueing (and drops,
 * counted, what was queued) without breaking requests. */
static void test_queue_size(void)
{
	struct fk k;
	struct ak_nl *nl = open_fake(&k);
	char buf[AK_NL_BUF_SIZE] __attribute__((aligned(8)));
	struct audit_status in, out;
	struct ak_nl_stats st;
	struct ak_nl_msg m;

	memset(&in, 0, sizeof(in));
	in.enabled = 1;
	fk_event(&k, AUDIT_SYSCALL, "audit(1.000:1): kept");
	fk_ack(&k, 1, 0);
	fk_reply(&k, 1, AUDIT_GET, &in, sizeof(in));
	CHECK_INT(ak_nl_get_status(nl, &out), sizeof(in));
	CHECK_INT(ak_nl_pending(nl), 1);

	errno = 0;
	CHECK_INT(ak_nl_set_queue_size(nl, SIZE_MAX / 2), -ENOMEM);
	CHECK_INT(errno, ENOMEM);
	CHECK_INT(ak_nl_pending(nl), 1);
	ak_nl_get_stats(nl, &st);
	CHECK_INT(st.queue_dropped, 0);
	CHECK_INT(ak_nl_recv(nl, buf, sizeof(buf), &m, AK_NL_RECV_NONBLOCK), 1);
	CHECK_MEM(m.data, m.len, "audit(1.000:1): kept");
	CHECK_INT(m.flags, AK_NL_MSG_EVENT);

	/* Two queued, then the queue is switched off: both dropped and counted. */
	fk_event(&k, AUDIT_SYSCALL, "audit(1.000:2): dropped");
	fk_event(&k, AUDIT_SYSCALL, "audit(1.000:3): dropped");
	fk_ack(&k, 2, 0);
	fk_reply(&k, 2, AUDIT_GET, &in, sizeof(in));
	CHECK_INT(ak_nl_get_status(nl, &out), sizeof(in));
	CHECK_INT(ak_nl_pending(nl), 2);
	CHECK_INT(ak_nl_set_queue_size(nl, 0), 0);
	CHECK_INT(ak_nl_pending(nl), 0);
	ak_nl_get_stats(nl, &st);
	CHECK_INT(st.queue_dropped, 2);
	/* ... and the next message handed out says that something was lost */
	fk_event(&k, AUDIT_SYSCALL, "audit(1.000:3): next");
	CHECK_INT(ak_nl_recv(nl, buf, sizeof(buf), &m, AK_NL_RECV_NONBLOCK), 1);
	CHECK_MEM(m.data, m.len, "audit(1.000:3): next");
	CHECK_INT(m.flags, AK_NL_MSG_EVENT | AK_NL_MSG_LOSS);

	/* No queue: an event met by a request is dropped, the request still works,
	 * and the next event says that something was lost. */
	fk_event(&k, AUDIT_SYSCALL, "audit(1.000:4): no room");
	fk_ack(&k, 3, 0);
	fk_reply(&k, 3, AUDIT_GET, &in, sizeof(in));
	CHECK_INT(ak_nl_get_status(nl, &out), sizeof(in));
	CHECK_INT(out.enabled, 1);
	CHECK_INT(ak_nl_pending(nl), 0);
	ak_nl_get_stats(nl, &st);
	CHECK_INT(st.queue_dropped, 3);
	fk_event(&k, AUDIT_EOE, "audit(1.000:5): after");
	CHECK_INT(ak_nl_recv(nl, buf, sizeof(buf), &m, AK_NL_RECV_NONBLOCK), 1);
	CHECK_MEM(m.data, m.len, "audit(1.000:5): after");
	CHECK_INT(m.flags, AK_NL_MSG_EVENT | AK_NL_MSG_LOSS);

	/* And a queue again. */
	CHECK_INT(ak_nl_set_queue_size(nl, 4096), 0);
	fk_event(&k, AUDIT_SYSCALL, "audit(1.000:6): queued");
	fk_ack(&k, 4, 0);
	fk_reply(&k, 4, AUDIT_GET, &in, sizeof(in));
	CHECK_INT(ak_nl_get_status(nl, &out), sizeof(in));
	CHECK_INT(ak_nl_pending(nl), 1);
	CHECK_INT(ak_nl_recv(nl, buf, sizeof(buf), &m, AK_NL_RECV_NONBLOCK), 1);
	CHECK_MEM(m.data, m.len, "audit(1.000:6): queued");
	CHECK_INT(m.flags, AK_NL_MSG_EVENT);
	ak_nl_close(nl);
	fk_close(&k);
}

/* ---- close ------------------------------------------------------------------------ */

/* The descriptor closed behind the handle's back: close says EBADF, frees anyway. */
static void test_close_ebadf(void)
{
	struct fk k;
	struct ak_nl *nl = open_fake(&k);

	close(ak_nl_fd(nl));
	errno = 0;
	CHECK_INT(ak_nl_close(nl), -EBADF);
	CHECK_INT(errno, EBADF);
	fk_close(&k);
}

/* Only the registration reached the peer, and nothing after it. */
static void check_only_registration(struct fk *k)
{
	struct fk_req req;

	CHECK_INT(fk_read(k, &req), 1);
	CHECK_INT(req.h.nlmsg_type, AUDIT_SET);
	CHECK_INT(fk_read(k, &req), 0);
}

/*
 * The peer (the fake kernel) is gone when the handle closes: the release
 * cannot be sent, and close says so (EPIPE) instead of 0.  Run in a child with
 * SIGPIPE at its default so that a signal would show as a failure too.
 */
static void child_close_peer_gone(void)
{
	struct fk k;
	struct ak_nl *nl = open_fake(&k);

	signal(SIGPIPE, SIG_DFL);
	fk_ack(&k, 1, 0);
	CHECK_INT(ak_nl_set_pid(nl, 1234), 0);
	check_only_registration(&k); /* read: a close with unread data would say ECONNRESET */
	close(k.kernel);
	k.kernel = -1;
	errno = 0;
	CHECK_INT(ak_nl_close(nl), -EPIPE);
	CHECK_INT(errno, EPIPE);
	fk_close(&k);
}

static void test_close_peer_gone(void)
{
	run_child(child_close_peer_gone, "close with the peer gone");
}

/* The release's send failing: a hard error is returned at once; EINTR and
 * ENOBUFS are retried a bounded number of times, then returned. */
static void child_release_fails(void)
{
	struct sc_rule r = { __NR_sendto, -1, 0, SC_ERRNO(g_errno) };
	struct fk k;
	struct ak_nl *nl = open_fake(&k);
	double t0, dt;

	fk_ack(&k, 1, 0);
	CHECK_INT(ak_nl_set_pid(nl, 1234), 0); /* sendmsg: not filtered */
	sc_install_or_skip(&r, 1);
	t0 = now_s();
	errno = 0;
	CHECK_INT(ak_nl_close(nl), -g_errno);
	dt = now_s() - t0;
	CHECK_INT(errno, g_errno);
	CHECK(dt < 1.5); /* ENOBUFS polls at most 5 * 200 ms; the socket is writable */
	check_only_registration(&k);
	fk_close(&k);
}

static void test_close_release_fails(void)
{
	static const int errs[] = { EPERM, EINTR, ENOBUFS, EAGAIN };

	for (size_t i = 0; i < sizeof(errs) / sizeof(errs[0]) && !ak__t_skip; i++) {
		g_errno = errs[i];
		run_child(child_release_fails, "release send fails");
	}
}

/* The release carries the next seq, and seqs wrap to 1 (never 0, which means
 * "event", nor a negative int). */
static void test_release_seq_wraps(void)
{
	struct fk k;
	struct ak_nl *nl = open_fake(&k);
	struct fk_req req;

	nl->seq = INT32_MAX - 1;
	fk_ack(&k, INT32_MAX, 0);
	CHECK_INT(ak_nl_set_pid(nl, 1234), 0);
	CHECK_INT(ak_nl_close(nl), 0);
	CHECK_INT(fk_read(&k, &req), 1);
	CHECK_INT(req.h.nlmsg_seq, INT32_MAX);
	CHECK_INT(fk_read(&k, &req), 1);
	CHECK_INT(req.h.nlmsg_type, AUDIT_SET);
	CHECK_INT(req.h.nlmsg_seq, 1);
	CHECK_INT(fk_read(&k, &req), 0);
	fk_close(&k);
}

/* Sends "succeed" without sending anything (SECCOMP_RET_ERRNO with 0); checked
 * on a socketpair before anything is sent to a kernel. */
static void block_sends_or_skip(bool also_socket)
{
	struct sc_rule r[] = {
		{ __NR_sendmsg, -1, 0, SC_ERRNO(0) },
		{ __NR_sendto, -1, 0, SC_ERRNO(0) },
		{ __NR_socket, 0, AF_NETLINK, SC_ERRNO(EAFNOSUPPORT) },
	};
	struct iovec iov = { "y", 1 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct fk k;
	char c;

	sc_install_or_skip(r, also_socket ? 3 : 2);
	if (fk_open(&k) < 0)
		exit(CHILD_SKIP);
	if (send(k.client, "x", 1, MSG_NOSIGNAL) != 0 || sendmsg(k.client, &mh, MSG_NOSIGNAL) != 0 ||
	    recv(k.kernel, &c, 1, MSG_DONTWAIT) != -1 || errno != EAGAIN) {
		fprintf(stderr, "  (child: the filter does not hold sends back)\n");
		exit(2);
	}
	fk_close(&k);
}

/* Another netlink protocol (is_netlink, but not audit): the release is sent in
 * place, addressed to port 0.  NETLINK_USERSOCK has no kernel socket: refused. */
static void child_release_usersock(void)
{
	int fd = usersock();
	struct ak_nl *nl;

	if (fd < 0)
		exit(CHILD_SKIP);
	CHECK_INT(ak_nl_fdopen(&nl, fd, 0), 0);
	ak_nl_set_timeout(nl, 50);
	block_sends_or_skip(false);
	/* No ACK can come: the outcome is unknown, so close must try a release. */
	CHECK_INT(ak_nl_set_pid(nl, 1234), -ETIMEDOUT);
	errno = 0;
	CHECK_INT(ak_nl_close(nl), 0); /* sendto "succeeded" (filtered) */
	CHECK(!fd_is_open(fd));
}

static void child_release_usersock_refused(void)
{
	struct sc_rule r = { __NR_sendmsg, -1, 0, SC_ERRNO(0) };
	int fd = usersock();
	struct ak_nl *nl;

	if (fd < 0)
		exit(CHILD_SKIP);
	CHECK_INT(ak_nl_fdopen(&nl, fd, 0), 0);
	ak_nl_set_timeout(nl, 50);
	sc_install_or_skip(&r, 1);
	CHECK_INT(ak_nl_set_pid(nl, 1234), -ETIMEDOUT);
	errno = 0;
	CHECK_INT(ak_nl_close(nl), -ECONNREFUSED);
	CHECK_INT(errno, ECONNREFUSED);
	CHECK(!fd_is_open(fd));
}

static void test_release_other_netlink(void)
{
	run_child(child_release_usersock, "usersock release");
	if (!ak__t_skip)
		run_child(child_release_usersock_refused, "usersock release refused");
}

/* ---- close on a real audit socket (sends held back by the filter) -------------- */

static bool g_no_socket; /* the variant where the fresh release socket cannot be opened */

static void child_audit_close_fails(void)
{
	struct ak_nl *nl;
	double t0, dt;
	int fd, r;

	if (ak_nl_open(&nl, 0) < 0)
		exit(CHILD_SKIP);
	fd = ak_nl_fd(nl);
	ak_nl_set_timeout(nl, 50);
	block_sends_or_skip(g_no_socket);
	/* Never reached the kernel: no ACK, outcome unknown, close must release. */
	CHECK_INT(ak_nl_set_pid(nl, (uint32_t)getpid()), -ETIMEDOUT);
	t0 = now_s();
	errno = 0;
	r = ak_nl_close(nl);
	dt = now_s() - t0;
	if (g_no_socket) {
		/* The fresh socket for the release cannot be had: said so at once. */
		CHECK_INT(r, -EPROTONOSUPPORT);
		CHECK_INT(errno, EPROTONOSUPPORT);
		CHECK(dt < 0.5);
	} else {
		/* The release on the fresh socket gets no answer in its 1 s. */
		CHECK_INT(r, -ETIMEDOUT);
		CHECK_INT(errno, ETIMEDOUT);
		CHECK(dt >= 0.9 && dt < 3.0);
	}
	CHECK(!fd_is_open(fd)); /* ours is closed whatever happened */
}

static int audit_pid_now(uint32_t *pid)
{
	struct audit_status st;
	struct ak_nl *nl;
	int r;

	if (ak_nl_open(&nl, 0) < 0)
		return -1;
	r = ak_nl_get_status(nl, &st);
	ak_nl_close(nl);
	if (r < 0)
		return -1;
	*pid = st.pid;
	return 0;
}

static void test_audit_close_release_fails(void)
{
	uint32_t before = 0, after = 0;
	int lock;

	if (geteuid() != 0) {
		SKIP("needs root (real audit socket)");
		return;
	}
	lock = open(LOCK_PATH, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (lock < 0 || flock(lock, LOCK_EX) < 0) {
		SKIP("cannot take " LOCK_PATH);
		if (lock >= 0)
			close(lock);
		return;
	}
	if (audit_pid_now(&before) < 0) {
		SKIP("no audit status (kernel without audit?)");
		close(lock);
		return;
	}
	g_no_socket = true;
	run_child(child_audit_close_fails, "audit close, no socket");
	g_no_socket = false;
	if (!ak__t_skip)
		run_child(child_audit_close_fails, "audit close, no answer");
	CHECK_INT(audit_pid_now(&after), 0);
	CHECK_INT(after, before); /* nothing reached the kernel */
	close(lock);
}

static const struct ak_test tests[] = {
	TEST(test_fdopen_enomem),
	TEST(test_open_socket_errors),
	TEST(test_open_bind_and_emfile),
	TEST(test_portid),
	TEST(test_not_a_socket),
	TEST(test_rcvbuf),
	TEST(test_queue_size),
	TEST(test_close_ebadf),
	TEST(test_close_peer_gone),
	TEST(test_close_release_fails),
	TEST(test_release_seq_wraps),
	TEST(test_release_other_netlink),
	TEST(test_audit_close_release_fails),
};

AK_TEST_MAIN(tests)
