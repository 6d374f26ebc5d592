// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * Reassembler tests: go-libaudit's four streams (tests/golden/reasm), the
 * rollover order, the flaws fixed (duplicate serial, fixed timeout), EOE and
 * PROCTITLE rules, limits, a counting allocator, and adversarial volumes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <auditkit/reasm.h>
#include <auditkit/record.h>

#include "../harness.h"

/* ---- malloc counting (glibc's documented interposition; not under ASan) ---- */

#if defined(__SANITIZE_ADDRESS__)
#define HAVE_MALLOC_HOOK 0
#else
#define HAVE_MALLOC_HOOK 1
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);
static size_t n_mallocs;

void *malloc(size_t n)
{
	n_mallocs++;
	return __libc_malloc(n);
}

void *calloc(size_t a, size_t b)
{
	n_mallocs++;
	return __libc_calloc(a, b);
}

void *realloc(void *p, size_t n)
{
	n_mallocs++;
	return __libc_realloc(p, n);
}

void free(void *p)
{
	__libc_free(p);
}
#endif

/* ---- collecting events ---- */

#define MAXEV 64
#define MAXT 16

struct ev {
	uint32_t serial;
	size_t n;
	unsigned flags;
	uint32_t types[MAXT];
	char first_line[128];
};

struct sink {
	struct ev ev[MAXEV];
	size_t nev;
	uint64_t events;      /* all, also past MAXEV */
	uint64_t records;     /* records delivered */
	uint64_t lost;
	unsigned lost_calls;
	unsigned warns[8];
	int ret;              /* what on_event returns */
	int bad;              /* an event mixed serials */
};

static int within(struct ak_str outer, struct ak_str s)
{
	return s.p >= outer.p && s.p + s.n <= outer.p + outer.n;
}

/* The copies must hang together: slices inside their line, and readable (ASan). */
static int rec_ok(const struct ak_rec *r)
{
	size_t sum = 0;

	if (!r->line.p || !within(r->line, r->msg) || !within(r->line, r->body))
		return 0;
	if (r->type_name.n && !within(r->line, r->type_name))
		return 0;
	if (r->nfields &&
	    (!within(r->line, r->fields[0].key) || !within(r->line, r->fields[0].val)))
		return 0;
	for (size_t i = 0; i < r->nfields; i++)
		for (size_t j = 0; j < r->fields[i].key.n; j++)
			sum += (unsigned char)r->fields[i].key.p[j];
	return sum != (size_t)-1;
}

static int on_event(const struct ak_rec *recs, size_t n, unsigned flags, void *data)
{
	struct sink *k = data;

	for (size_t i = 0; i < n; i++)
		if (recs[i].serial != recs[0].serial || !rec_ok(&recs[i]))
			k->bad++;
	k->events++;
	k->records += n;
	if (k->nev < MAXEV) {
		struct ev *e = &k->ev[k->nev++];
		size_t l = recs[0].line.n < sizeof(e->first_line) - 1 ? recs[0].line.n
								     : sizeof(e->first_line) - 1;

		e->serial = recs[0].serial;
		e->n = n;
		e->flags = flags;
		for (size_t i = 0; i < n && i < MAXT; i++)
			e->types[i] = recs[i].type;
		memcpy(e->first_line, recs[0].line.p, l);
		e->first_line[l] = 0;
	}
	return k->ret;
}

static void on_lost(uint64_t count, void *data)
{
	struct sink *k = data;

	k->lost += count;
	k->lost_calls++;
}

static void on_warn(int what, uint32_t serial, void *data)
{
	struct sink *k = data;

	(void)serial;
	if (what > 0 && what < 8)
		k->warns[what]++;
}

static const struct ak_reasm_ops ops = { .event = on_event, .lost = on_lost, .warn = on_warn };

/* A record from a template line, with its own storage. */
struct trec {
	struct ak_rec rec;
	struct ak_field f[64];
	char line[512];
};

static int mk(struct trec *t, const char *line)
{
	size_t n = strlen(line);
	int ret;

	if (n >= sizeof(t->line))
		return -ERANGE;
	memcpy(t->line, line, n + 1);
	ret = ak_rec_parse_line(&t->rec, t->line, n, t->f, 64);
	return ret < 0 ? ret : 0;
}

/* Push one line (parsed into a scratch buffer that is then clobbered). */
static int push_line(struct ak_reasm *r, const char *line, uint64_t now)
{
	struct trec t;
	int ret;

	ret = mk(&t, line);
	if (ret < 0)
		return ret;
	ret = ak_reasm_push(r, &t.rec, now);
	memset(&t, 0xa5, sizeof(t)); /* the reassembler must have copied */
	return ret;
}

static int pushf(struct ak_reasm *r, uint64_t now, const char *type, uint32_t serial,
		 int64_t sec, const char *body)
{
	char line[512];

	snprintf(line, sizeof(line), "type=%s msg=audit(%lld.123:%u): %s", type, (long long)sec,
		 serial, body);
	return push_line(r, line, now);
}

static struct ak_reasm *mkr(struct sink *k, size_t in_flight, size_t recs, size_t bytes,
			    uint32_t timeout, unsigned eoe_mode)
{
	struct ak_reasm_opts o = { .sz = sizeof(o), .max_in_flight = in_flight,
				   .max_records = recs, .max_bytes = bytes,
				   .timeout_ms = timeout, .eoe_mode = eoe_mode };
	struct ak_reasm *r = NULL;

	memset(k, 0, sizeof(*k));
	if (ak_reasm_new(&r, &o, &ops, k) < 0)
		return NULL;
	return r;
}

/* ---- go-libaudit's streams ---- */

static int feed_file(struct ak_reasm *r, const char *path, uint64_t now)
{
	char line[8192];
	FILE *f = fopen(path, "r");
	int n = 0;

	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		if (push_line(r, line, now) < 0) {
			fclose(f);
			return -1;
		}
		n++;
	}
	fclose(f);
	return n;
}

struct expect {
	uint32_t serial;
	size_t n;
};

static void check_stream(const char *file, const struct expect *x, size_t nx, uint64_t lost,
			 size_t in_flight)
{
	char path[256];
	struct sink k;
	struct ak_reasm *r = mkr(&k, in_flight, 0, 0, 2000, 0);

	CHECK(r != NULL);
	if (!r)
		return;
	snprintf(path, sizeof(path), "tests/golden/reasm/%s", file);
	CHECK(feed_file(r, path, 1000) > 0);
	CHECK_INT(ak_reasm_flush(r), 0);
	CHECK_INT(k.nev, nx);
	for (size_t i = 0; i < nx && i < k.nev; i++) {
		CHECK_INT(k.ev[i].serial, x[i].serial);
		CHECK_INT(k.ev[i].n, x[i].n);
		CHECK(!(k.ev[i].flags & (AK_REASM_EV_LATE | AK_REASM_EV_PART)));
	}
	CHECK_INT(k.lost, lost);
	CHECK_INT(k.bad, 0);
	ak_reasm_free(r);
}

static const struct expect normal_x[] = { { 58, 2 }, { 59, 5 }, { 60, 5 }, { 61, 4 }, { 62, 1 } };
static const struct expect lost_x[] = { { 49, 2 }, { 59, 5 }, { 60, 5 }, { 61, 4 }, { 62, 1 } };
static const struct expect roll_x[] = {
	{ 4294967294u, 1 }, { 4294967295u, 1 }, { 0, 1 }, { 1, 1 }, { 2, 1 }
};

static void test_stream_normal(void)
{
	check_stream("normal.log", normal_x, 5, 0, 5);
	check_stream("normal.log", normal_x, 5, 0, 0);
}

static void test_stream_out_of_order(void)
{
	struct sink k;
	struct ak_reasm *r;

	check_stream("out_of_order.log", normal_x, 5, 0, 5);
	check_stream("out_of_order.log", normal_x, 5, 0, 0);
	/* The late records join their events in arrival order. */
	r = mkr(&k, 5, 0, 0, 2000, 0);
	CHECK(feed_file(r, "tests/golden/reasm/out_of_order.log", 0) == 17);
	ak_reasm_flush(r);
	CHECK_INT(k.nev, 5);
	CHECK_INT(k.ev[2].types[4], 1302); /* 60: SYSCALL EXECVE CWD PATH, then the late PATH */
	CHECK_INT(k.ev[3].types[0], 1300); /* 61: SYSCALL first, SOCKADDR CWD PATH after */
	CHECK_INT(k.ev[3].types[1], 1306);
	CHECK_INT(k.ev[3].types[3], 1302);
	ak_reasm_free(r);
}

static void test_stream_lost_messages(void)
{
	check_stream("lost_messages.log", lost_x, 5, 9, 5);
	check_stream("lost_messages.log", lost_x, 5, 9, 0);
}

static void test_stream_rollover(void)
{
	check_stream("rollover.log", roll_x, 5, 0, 5);
	check_stream("rollover.log", roll_x, 5, 0, 0);
}

/* go-libaudit's TestSequenceNumSliceSort, through the reassembler. */
static void test_rollover_sort(void)
{
	const uint32_t max = UINT32_MAX;
	const uint32_t in[] = { max - 5, max - 4, 0, 1, 2, max - 3, max - 2, max, 3, 4 };
	const uint32_t out[] = { max - 5, max - 4, max - 3, max - 2, max, 0, 1, 2, 3, 4 };
	struct sink k;
	struct ak_reasm *r = mkr(&k, 16, 0, 0, 2000, 0);

	for (size_t i = 0; i < 10; i++)
		CHECK_INT(pushf(r, 0, "SYSCALL", in[i], 1000, "syscall=1"), 0);
	CHECK_INT(k.nev, 0);
	ak_reasm_flush(r);
	CHECK_INT(k.nev, 10);
	for (size_t i = 0; i < 10 && i < k.nev; i++) {
		CHECK_INT(k.ev[i].serial, out[i]);
		CHECK(k.ev[i].flags & AK_REASM_EV_FLUSH);
	}
	CHECK_INT(k.lost, 1); /* max - 1 never came */
	ak_reasm_free(r);
}

/* go-libaudit never counts the gap after serial 0. */
static void test_gap_after_zero(void)
{
	struct sink k;
	struct ak_reasm *r = mkr(&k, 8, 0, 0, 2000, 0);

	pushf(r, 0, "USER_LOGIN", 4294967295u, 1000, "pid=1");
	pushf(r, 0, "USER_LOGIN", 0, 1000, "pid=1");
	pushf(r, 0, "USER_LOGIN", 3, 1000, "pid=1");
	CHECK_INT(k.nev, 3);
	CHECK_INT(k.lost, 2);
	CHECK_INT(k.lost_calls, 1);
	ak_reasm_free(r);
}

/* A serial delivered twice is a late event, not 4294967295 lost ones. */
static void test_duplicate_serial(void)
{
	struct sink k;
	struct ak_reasm *r = mkr(&k, 8, 0, 0, 2000, 0);

	pushf(r, 0, "SYSCALL", 10, 1000, "syscall=59");
	pushf(r, 0, "PROCTITLE", 10, 1000, "proctitle=6C73"); /* ends it: no EOE seen yet */
	CHECK_INT(k.nev, 1);
	/* A record the kernel logs after PROCTITLE (6.15+ LSM stacking). */
	pushf(r, 0, "MAC_TASK_CONTEXTS", 10, 1000, "subj_selinux=x");
	pushf(r, 0, "EOE", 10, 1000, "");
	CHECK_INT(k.nev, 2);
	CHECK_INT(k.ev[1].serial, 10);
	CHECK_INT(k.ev[1].n, 1);
	CHECK(k.ev[1].flags & AK_REASM_EV_LATE);
	CHECK(k.ev[1].flags & AK_REASM_EV_EOE);
	CHECK_INT(k.warns[AK_REASM_W_LATE], 1);
	pushf(r, 0, "SYSCALL", 11, 1000, "syscall=59");
	pushf(r, 0, "EOE", 11, 1000, "");
	CHECK_INT(k.nev, 3);
	CHECK_INT(k.lost, 0);
	CHECK(!(k.ev[2].flags & AK_REASM_EV_LATE));
	/* And a straggler for an older serial. */
	pushf(r, 0, "PATH", 9, 999, "item=0");
	ak_reasm_flush(r);
	CHECK_INT(k.nev, 4);
	CHECK(k.ev[3].flags & AK_REASM_EV_LATE);
	CHECK_INT(k.lost, 0);
	{
		struct ak_reasm_stats st;

		ak_reasm_stats(r, &st);
		CHECK_INT(st.late, 2);
		CHECK_INT(st.lost, 0);
	}
	ak_reasm_free(r);
}

/* Serial going back with a later time: the kernel counter restarted. */
static void test_serial_restart(void)
{
	struct sink k;
	struct ak_reasm *r = mkr(&k, 8, 0, 0, 2000, 0);

	pushf(r, 0, "USER_LOGIN", 500000, 1000, "pid=1");
	pushf(r, 0, "USER_LOGIN", 5, 2000, "pid=1");
	pushf(r, 0, "USER_LOGIN", 6, 2000, "pid=1");
	pushf(r, 0, "USER_LOGIN", 8, 2000, "pid=1");
	CHECK_INT(k.nev, 4);
	CHECK_INT(k.warns[AK_REASM_W_RESYNC], 1);
	CHECK_INT(k.lost, 1);
	CHECK(!(k.ev[1].flags & AK_REASM_EV_LATE));
	ak_reasm_free(r);
}

static int pushn(struct ak_reasm *r, const char *node, const char *type, uint32_t serial,
		 int64_t sec, const char *body)
{
	char line[512];

	snprintf(line, sizeof(line), "node=%s type=%s msg=audit(%lld.123:%u): %s", node, type,
		 (long long)sec, serial, body);
	return push_line(r, line, 0);
}

/* An aggregated log: two hosts with their own serials, interleaved. */
static void test_nodes_apart(void)
{
	struct sink k;
	struct ak_reasm *r = mkr(&k, 16, 0, 0, 2000, 0);

	pushn(r, "a", "SYSCALL", 100, 1000, "syscall=2");
	pushn(r, "b", "SYSCALL", 100, 1000, "syscall=59");
	pushn(r, "b", "EXECVE", 100, 1000, "argc=1 a0=\"ls\"");
	pushn(r, "a", "EOE", 100, 1000, "");
	pushn(r, "b", "EOE", 100, 1000, "");
	CHECK_INT(k.nev, 2);
	CHECK_INT(k.ev[0].n, 1);
	CHECK_INT(k.ev[1].n, 2);
	CHECK_INT(k.ev[1].types[1], 1309);
	/* b jumps ahead (it lost 101..4999); a goes on from 101: not late, not a
	 * restart, though 101 < 5000 (keyed by serial alone it would be both). */
	pushn(r, "b", "USER_LOGIN", 5000, 1001, "pid=1");
	pushn(r, "a", "USER_LOGIN", 101, 1001, "pid=1");
	pushn(r, "b", "USER_LOGIN", 5001, 1001, "pid=1");
	CHECK_INT(k.lost, 4899);
	CHECK_INT(k.warns[AK_REASM_W_LATE], 0);
	CHECK_INT(k.warns[AK_REASM_W_RESYNC], 0);
	/* a skips 102 */
	pushn(r, "a", "USER_LOGIN", 103, 1002, "pid=1");
	ak_reasm_flush(r);
	CHECK_INT(k.lost, 4899 + 1);
	CHECK_INT(k.lost_calls, 2);
	CHECK_INT(k.bad, 0);
	ak_reasm_free(r);

	/* More nodes than the accounting table: no false loss, still grouped. */
	r = mkr(&k, 64, 0, 0, 2000, 0);
	for (int round = 0; round < 3; round++)
		for (int n = 0; n < 40; n++) {
			char node[16];

			snprintf(node, sizeof(node), "h%d", n);
			pushn(r, node, "USER_LOGIN", (uint32_t)(1000 * n + round), 1000 + round,
			      "pid=1");
		}
	ak_reasm_flush(r);
	CHECK_INT(k.events, 120);
	CHECK_INT(k.lost, 0);
	CHECK_INT(k.warns[AK_REASM_W_LATE], 0);
	ak_reasm_free(r);
}

/* The timeout counts from the newest record (go-libaudit: from the first). */
static void test_timeout_refreshed(void)
{
	struct sink k;
	struct ak_reasm *r = mkr(&k, 8, 0, 0, 100, 0);

	CHECK(ak_reasm_deadline(r) == UINT64_MAX);
	pushf(r, 1000, "SYSCALL", 7, 1000, "syscall=2");
	CHECK(ak_reasm_deadline(r) == 1100);
	ak_reasm_tick(r, 1090);
	CHECK_INT(k.nev, 0);
	pushf(r, 1090, "PATH", 7, 1000, "item=0");
	CHECK(ak_reasm_deadline(r) == 1190);
	ak_reasm_tick(r, 1150); /* go-libaudit would have expired it at 1100 */
	CHECK_INT(k.nev, 0);
	ak_reasm_tick(r, 1190);
	CHECK_INT(k.nev, 1);
	CHECK_INT(k.ev[0].n, 2);
	CHECK(k.ev[0].flags & AK_REASM_EV_TIMEOUT);
	CHECK(ak_reasm_deadline(r) == UINT64_MAX);
	ak_reasm_free(r);
}

/* Timeouts also fire from push, and a complete event waits for an older one. */
static void test_head_of_line(void)
{
	struct sink k;
	struct ak_reasm *r = mkr(&k, 8, 0, 0, 100, 0);

	pushf(r, 0, "SYSCALL", 1, 1000, "syscall=2");
	pushf(r, 10, "SYSCALL", 2, 1000, "syscall=2");
	pushf(r, 10, "EOE", 2, 1000, "");
	CHECK_INT(k.nev, 0);
	pushf(r, 50, "EOE", 1, 1000, "");
	CHECK_INT(k.nev, 2);
	CHECK_INT(k.ev[0].serial, 1);
	CHECK_INT(k.ev[1].serial, 2);
	pushf(r, 60, "SYSCALL", 3, 1000, "syscall=2");
	pushf(r, 70, "SYSCALL", 4, 1000, "syscall=2");
	pushf(r, 200, "SYSCALL", 5, 1000, "syscall=2"); /* 3 and 4 timed out by now */
	CHECK_INT(k.nev, 4);
	CHECK(k.ev[2].flags & AK_REASM_EV_TIMEOUT);
	ak_reasm_free(r);
}

/* EOE ends events; PROCTITLE only while no EOE has been seen (AUTO). */
static void test_eoe_and_proctitle(void)
{
	struct sink k;
	struct ak_reasm *r = mkr(&k, 8, 0, 0, 2000, AK_REASM_EOE_AUTO);

	pushf(r, 0, "SYSCALL", 20, 1000, "syscall=59");
	pushf(r, 0, "EOE", 20, 1000, "");
	CHECK_INT(k.nev, 1);
	CHECK(k.ev[0].flags & AK_REASM_EV_EOE);
	CHECK_INT(k.ev[0].n, 1); /* EOE is not stored */
	pushf(r, 0, "SYSCALL", 21, 1000, "syscall=59");
	pushf(r, 0, "PROCTITLE", 21, 1000, "proctitle=6C73");
	CHECK_INT(k.nev, 1); /* EOE seen: PROCTITLE no longer ends */
	pushf(r, 0, "MAC_TASK_CONTEXTS", 21, 1000, "subj_selinux=x");
	pushf(r, 0, "EOE", 21, 1000, "");
	CHECK_INT(k.nev, 2);
	CHECK_INT(k.ev[1].n, 3);
	CHECK_INT(k.ev[1].types[2], 1425); /* MAC_TASK_CONTEXTS */
	pushf(r, 0, "EOE", 99, 1000, ""); /* orphan: ignored */
	CHECK_INT(k.nev, 2);
	ak_reasm_free(r);

	r = mkr(&k, 8, 0, 0, 2000, AK_REASM_EOE_ALWAYS);
	pushf(r, 0, "SYSCALL", 20, 1000, "syscall=59");
	pushf(r, 0, "PROCTITLE", 20, 1000, "proctitle=6C73");
	CHECK_INT(k.nev, 0);
	ak_reasm_free(r);

	r = mkr(&k, 8, 0, 0, 2000, AK_REASM_EOE_NEVER);
	pushf(r, 0, "EOE", 1, 1000, "");
	pushf(r, 0, "SYSCALL", 20, 1000, "syscall=59");
	pushf(r, 0, "PROCTITLE", 20, 1000, "proctitle=6C73");
	CHECK_INT(k.nev, 1);
	CHECK(k.ev[0].flags & AK_REASM_EV_LAST);
	ak_reasm_free(r);
}

/* Which record types stand alone. */
static void test_standalone_types(void)
{
	struct sink k;
	struct ak_reasm *r = mkr(&k, 8, 0, 0, 2000, 0);

	pushf(r, 0, "USER_LOGIN", 30, 1000, "pid=1"); /* 1112 */
	CHECK_INT(k.nev, 1);
	pushf(r, 0, "DAEMON_START", 31, 1000, "op=start"); /* 1200 */
	CHECK_INT(k.nev, 2);
	pushf(r, 0, "ANOM_LOGIN_FAILURES", 32, 1000, "pid=1"); /* 2100 */
	CHECK_INT(k.nev, 3);
	/* LOGIN and ANOM_PROMISCUOUS come with a SYSCALL on modern kernels. */
	pushf(r, 0, "LOGIN", 33, 1000, "pid=1 old-auid=4294967295 auid=1000");
	pushf(r, 0, "ANOM_PROMISCUOUS", 34, 1000, "dev=eth0 prom=256");
	CHECK_INT(k.nev, 3);
	pushf(r, 0, "SYSCALL", 33, 1000, "syscall=1");
	pushf(r, 0, "EOE", 33, 1000, "");
	CHECK_INT(k.nev, 4);
	pushf(r, 0, "SYSCALL", 34, 1000, "syscall=16");
	pushf(r, 0, "EOE", 34, 1000, "");
	CHECK_INT(k.nev, 5);
	CHECK_INT(k.ev[3].n, 2);
	CHECK_INT(k.ev[4].n, 2); /* ANOM_PROMISCUOUS + SYSCALL */
	/* Kernel records logged without a syscall context stand alone. */
	pushf(r, 0, "ANOM_ABEND", 35, 1000, "auid=1 pid=2 sig=11");
	pushf(r, 0, "SECCOMP", 36, 1000, "auid=1 pid=2 sig=31");
	pushf(r, 0, "NETFILTER_PKT", 37, 1000, "mark=0x0 saddr=10.0.0.1");
	CHECK_INT(k.nev, 8);
	CHECK_INT(k.lost, 1); /* 31 was auditd's own number, not the kernel's */
	ak_reasm_free(r);
}

/* auditd's DAEMON_* records have their own numbers: no loss, late or restart. */
static void test_daemon_serials_apart(void)
{
	struct sink k;
	struct ak_reasm *r = mkr(&k, 8, 0, 0, 2000, 0);

	pushf(r, 0, "DAEMON_START", 5326, 1000, "op=start");
	pushf(r, 0, "USER_LOGIN", 7000, 1001, "pid=1");
	pushf(r, 0, "DAEMON_ROTATE", 5327, 1002, "op=rotate");
	pushf(r, 0, "USER_LOGIN", 7001, 1003, "pid=1");
	pushf(r, 0, "USER_LOGIN", 7003, 1003, "pid=1");
	CHECK_INT(k.nev, 5);
	CHECK_INT(k.lost, 1);
	CHECK_INT(k.warns[AK_REASM_W_RESYNC], 0);
	CHECK_INT(k.warns[AK_REASM_W_LATE], 0);
	for (size_t i = 0; i < k.nev; i++)
		CHECK(!(k.ev[i].flags & AK_REASM_EV_LATE));
	ak_reasm_free(r);
}

/* ---- limits: never dropped silently ---- */

static void test_limit_records(void)
{
	struct sink k;
	struct ak_reasm *r = mkr(&k, 8, 3, 0, 2000, 0);

	for (int i = 0; i < 7; i++)
		pushf(r, 0, "PATH", 40, 1000, "item=0");
	CHECK_INT(k.nev, 2);
	CHECK(k.ev[0].flags & AK_REASM_EV_PART);
	CHECK(!(k.ev[0].flags & AK_REASM_EV_CONT));
	CHECK(k.ev[1].flags & AK_REASM_EV_PART);
	CHECK(k.ev[1].flags & AK_REASM_EV_CONT);
	pushf(r, 0, "EOE", 40, 1000, "");
	CHECK_INT(k.nev, 3);
	CHECK_INT(k.ev[2].n, 1);
	CHECK(k.ev[2].flags & AK_REASM_EV_CONT);
	CHECK(k.ev[2].flags & AK_REASM_EV_EOE);
	CHECK_INT(k.records, 7);
	CHECK_INT(k.warns[AK_REASM_W_RECORDS], 2);
	CHECK_INT(k.lost, 0);
	ak_reasm_free(r);
}

static void test_limit_bytes(void)
{
	struct sink k;
	struct ak_reasm *r = mkr(&k, 8, 0, 1024, 2000, 0);
	char body[400], big[2000];
	struct trec *t;

	memset(body, 'x', sizeof(body) - 1);
	body[0] = 'a';
	body[1] = '=';
	body[sizeof(body) - 1] = 0;
	for (int i = 0; i < 6; i++)
		pushf(r, 0, "PATH", 50, 1000, body);
	CHECK(k.nev >= 2);
	CHECK(k.warns[AK_REASM_W_BYTES] >= 2);
	for (size_t i = 0; i < k.nev; i++)
		CHECK(k.ev[i].flags & AK_REASM_EV_PART);
	/* One record larger than a whole arena: delivered alone, uncopied. */
	t = malloc(sizeof(*t) + sizeof(big));
	memset(big, 'y', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	{
		char *line = malloc(4096);

		snprintf(line, 4096, "type=PATH msg=audit(1000.123:50): a=%s", big);
		CHECK_INT(ak_rec_parse_line(&t->rec, line, strlen(line), t->f, 64), 1);
		k.records = 0;
		size_t before = k.nev;
		CHECK_INT(ak_reasm_push(r, &t->rec, 0), 0);
		/* What the slot held goes first, then the big record alone. */
		CHECK_INT(k.nev, before + 2);
		CHECK(k.ev[before].flags & AK_REASM_EV_PART);
		CHECK(!(k.ev[before].flags & AK_REASM_EV_OVERSIZE));
		CHECK(k.ev[before + 1].flags & AK_REASM_EV_OVERSIZE);
		CHECK(k.ev[before + 1].flags & AK_REASM_EV_PART);
		CHECK(k.ev[before + 1].flags & AK_REASM_EV_CONT);
		CHECK_INT(k.ev[before + 1].n, 1);
		CHECK_INT(k.warns[AK_REASM_W_OVERSIZE], 1);
		free(line);
	}
	pushf(r, 0, "EOE", 50, 1000, "");
	ak_reasm_flush(r);
	{
		struct ak_reasm_stats st;

		ak_reasm_stats(r, &st);
		CHECK(st.bytes_max <= 1024);
		CHECK_INT(st.oversize, 1);
	}
	/* All 7 records went out (6 + the big one), none twice. */
	CHECK_INT(k.lost, 0);
	free(t);
	ak_reasm_free(r);
}

static void test_limit_window(void)
{
	struct sink k;
	struct ak_reasm *r = mkr(&k, 3, 0, 0, 2000, 0);

	for (uint32_t s = 1; s <= 5; s++)
		pushf(r, 0, "SYSCALL", s, 1000, "syscall=2");
	CHECK_INT(k.nev, 2);
	CHECK_INT(k.ev[0].serial, 1);
	CHECK_INT(k.ev[1].serial, 2);
	CHECK(k.ev[0].flags & AK_REASM_EV_EVICTED);
	CHECK_INT(k.warns[AK_REASM_W_EVICTED], 2);
	ak_reasm_flush(r);
	CHECK_INT(k.nev, 5);
	CHECK_INT(k.ev[4].serial, 5);
	ak_reasm_free(r);
}

/* Slices outside the line, and a caller who reuses every buffer at once. */
static void test_copy_independent(void)
{
	struct sink k;
	struct ak_reasm *r = mkr(&k, 4, 0, 0, 2000, 0);
	char line[] = "type=SYSCALL msg=audit(1.000:3): a=b";
	char other[] = "outside";
	struct ak_field f[2];
	struct ak_rec rec;

	CHECK_INT(ak_rec_parse_line(&rec, line, strlen(line), f, 1), 1);
	f[1].key = (struct ak_str){ other, 3 };
	f[1].val = (struct ak_str){ other + 3, 4 };
	f[1].flags = 0;
	rec.nfields = 2;
	CHECK_INT(ak_reasm_push(r, &rec, 0), 0);
	memset(line, 'Z', sizeof(line) - 1);
	memset(other, 'Z', sizeof(other) - 1);
	memset(f, 0, sizeof(f));
	ak_reasm_flush(r);
	CHECK_INT(k.nev, 1);
	CHECK_STR(k.ev[0].first_line, "type=SYSCALL msg=audit(1.000:3): a=b");
	ak_reasm_free(r);
}

static int cb_fail(const struct ak_rec *recs, size_t n, unsigned flags, void *data)
{
	(void)recs, (void)n, (void)flags;
	++*(int *)data;
	return -EIO;
}

static void test_callback_error_and_opts(void)
{
	static const struct ak_reasm_ops fail_ops = { .event = cb_fail };
	struct ak_reasm_opts small = { .sz = sizeof(small), .max_bytes = 100 };
	struct ak_reasm_opts old = { .sz = sizeof(size_t) * 2, .max_in_flight = 2 };
	struct ak_reasm *r = NULL;
	int calls = 0;

	CHECK_INT(ak_reasm_new(&r, NULL, NULL, NULL), -EINVAL);
	CHECK_INT(ak_reasm_new(&r, &small, &ops, NULL), -ERANGE);
	CHECK_INT(ak_reasm_new(&r, &old, &fail_ops, &calls), 0);
	CHECK_INT(pushf(r, 0, "USER_LOGIN", 1, 1000, "pid=1"), -EIO);
	CHECK_INT(pushf(r, 0, "USER_LOGIN", 2, 1000, "pid=1"), -EIO);
	CHECK_INT(pushf(r, 0, "SYSCALL", 3, 1000, "pid=1"), 0);
	CHECK_INT(ak_reasm_flush(r), -EIO);
	CHECK_INT(calls, 3);
	CHECK_INT(ak_reasm_push(r, NULL, 0), -EINVAL);
	{
		/* A hand-built record: no field array, slices outside any line. */
		struct ak_rec bare = { .type = 1112, .serial = 9, .nfields = 3,
				       .line = AK_STR_LIT("type=USER_LOGIN msg=x") };

		calls = 0;
		CHECK_INT(ak_reasm_push(r, &bare, 0), -EIO);
		CHECK_INT(calls, 1);
	}
	ak_reasm_free(r);
	ak_reasm_free(NULL);
}

/* ---- allocation and memory ---- */

struct counting {
	size_t allocs, frees, bytes;
};

static void *c_alloc(size_t n, void *data)
{
	struct counting *c = data;

	c->allocs++;
	c->bytes += n;
	return malloc(n);
}

static void c_free(void *p, size_t n, void *data)
{
	struct counting *c = data;

	(void)n;
	c->frees++;
	free(p);
}

/* Interleaved events: serial s gets SYSCALL, CWD, PATH, EOE; W serials open at once. */
struct gen {
	struct trec sys, cwd, path, eoe;
};

static void gen_init(struct gen *g)
{
	mk(&g->sys, "type=SYSCALL msg=audit(1490137971.011:1): arch=c000003e syscall=59 "
		    "success=yes exit=0 a0=1 a1=2 a2=3 a3=4 items=1 ppid=1 pid=2 auid=1000 "
		    "uid=0 gid=0 comm=\"ls\" exe=\"/usr/bin/ls\" key=(null)");
	mk(&g->cwd, "type=CWD msg=audit(1490137971.011:1): cwd=\"/root\"");
	mk(&g->path, "type=PATH msg=audit(1490137971.011:1): item=0 name=\"/usr/bin/ls\" "
		     "inode=1 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL");
	mk(&g->eoe, "type=EOE msg=audit(1490137971.011:1): ");
}

static int push_as(struct ak_reasm *r, struct trec *t, uint32_t serial, uint64_t now)
{
	t->rec.serial = serial;
	return ak_reasm_push(r, &t->rec, now);
}

/* Records of serials base..base+w-1, round-robin: SYSCALL of all, CWD of all, ... */
static void push_interleaved(struct ak_reasm *r, struct gen *g, uint32_t base, uint32_t w,
			     uint64_t now)
{
	for (uint32_t i = 0; i < w; i++)
		push_as(r, &g->sys, base + i, now);
	for (uint32_t i = w; i-- > 0;)
		push_as(r, &g->cwd, base + i, now);
	for (uint32_t i = 0; i < w; i++)
		push_as(r, &g->path, base + i, now);
	for (uint32_t i = 0; i < w; i++)
		push_as(r, &g->eoe, base + i, now);
}

static void test_no_malloc_after_creation(void)
{
	struct counting c = { 0 };
	struct ak_reasm_opts o = { .sz = sizeof(o), .alloc = c_alloc, .free = c_free,
				   .alloc_data = &c };
	struct ak_reasm *r;
	struct sink k;
	struct gen g;
	size_t before;

	memset(&k, 0, sizeof(k));
	gen_init(&g);
	CHECK_INT(ak_reasm_new(&r, &o, &ops, &k), 0);
	CHECK_INT(c.allocs, 1);
	/* Warm-up (16 slots get their first arena), then measure with every malloc
	 * in the process counted. */
	push_interleaved(r, &g, 1, 16, 0);
	CHECK_INT(c.allocs, 1 + 16);
#if HAVE_MALLOC_HOOK
	before = n_mallocs;
#else
	before = 0;
#endif
	for (uint32_t b = 17; b < 17 + 16 * 10000; b += 16)
		push_interleaved(r, &g, b, 16, 0);
	ak_reasm_flush(r);
#if HAVE_MALLOC_HOOK
	CHECK_INT(n_mallocs - before, 0);
#else
	(void)before;
	printf("# malloc hook unavailable under ASan: only the allocator hook is counted\n");
#endif
	CHECK_INT(c.allocs, 1 + 16);
	CHECK_INT(k.events, 16 * 10001);
	CHECK_INT(k.records, 3 * 16 * 10001);
	CHECK_INT(k.lost, 0);
	CHECK_INT(k.bad, 0);
	ak_reasm_free(r);
	CHECK_INT(c.frees, 1 + 16);
}

/* AK_REASM_PREALLOC: one allocation, ever. */
static void test_prealloc_single_allocation(void)
{
	struct counting c = { 0 };
	struct ak_reasm_opts o = { .sz = sizeof(o), .flags = AK_REASM_PREALLOC,
				   .max_in_flight = 8, .max_bytes = 64 << 10,
				   .alloc = c_alloc, .free = c_free, .alloc_data = &c };
	struct ak_reasm_stats st;
	struct ak_reasm *r;
	struct sink k;
	struct gen g;

	memset(&k, 0, sizeof(k));
	gen_init(&g);
	CHECK_INT(ak_reasm_new(&r, &o, &ops, &k), 0);
	CHECK_INT(c.allocs, 1);
	CHECK(c.bytes >= 8 * (64 << 10));
	for (uint32_t b = 1; b < 1 + 8 * 1000; b += 8)
		push_interleaved(r, &g, b, 8, 0);
	for (int i = 0; i < 2000; i++) /* big events: parts, still no allocation */
		push_as(r, &g.path, 90000, 0);
	ak_reasm_flush(r);
	ak_reasm_stats(r, &st);
	CHECK_INT(c.allocs, 1);
	CHECK_INT(st.allocs, 1);
	CHECK(st.parts > 0);
	CHECK_INT(k.records, 3 * 8 * 1000 + 2000);
	CHECK_INT(k.bad, 0);
	ak_reasm_free(r);
	CHECK_INT(c.frees, 1);
}

/* Growing an arena moves records already stored: their pointers must follow. */
static void test_arena_growth_keeps_records(void)
{
	struct counting c = { 0 };
	struct ak_reasm_opts o = { .sz = sizeof(o), .max_in_flight = 4, .max_bytes = 4 << 20,
				   .alloc = c_alloc, .free = c_free, .alloc_data = &c };
	struct ak_reasm_stats st;
	struct ak_reasm *r;
	struct sink k;
	struct gen g;

	memset(&k, 0, sizeof(k));
	gen_init(&g);
	CHECK_INT(ak_reasm_new(&r, &o, &ops, &k), 0);
	push_as(r, &g.sys, 5, 0);
	for (int i = 0; i < 1500; i++) /* ~1.5 MiB: 16 KiB doubled 7 times */
		push_as(r, &g.path, 5, 0);
	push_as(r, &g.cwd, 5, 0);
	push_as(r, &g.eoe, 5, 0);
	ak_reasm_stats(r, &st);
	CHECK_INT(k.events, 1);
	CHECK_INT(k.records, 1502);
	CHECK_INT(k.ev[0].types[0], 1300);
	CHECK_INT(k.bad, 0);
	CHECK_INT(st.parts, 0);
	CHECK(st.allocs >= 8);
	CHECK_INT(c.allocs - c.frees, 2); /* the object and one arena, old ones freed */
	CHECK(st.mem <= (4u << 20) + 4096);
	ak_reasm_free(r);
	CHECK_INT(c.allocs, c.frees);
}

/* Resident memory now, from /proc/self/statm (getrusage's maxrss only rises). */
static long rss_kb(void)
{
	long size = 0, res = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	if (!f)
		return 0;
	if (fscanf(f, "%ld %ld", &size, &res) != 2)
		res = 0;
	fclose(f);
	return res * (sysconf(_SC_PAGESIZE) / 1024);
}

static long maxrss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* 10^6 serials, 32 open at a time in interleaved order: bounded memory. */
static void test_million_serials(void)
{
	struct ak_reasm_stats st;
	struct ak_reasm *r;
	struct sink k;
	struct gen g;
	long rss0, max0;

	gen_init(&g);
	r = mkr(&k, 64, 0, 0, 2000, 0);
	rss0 = rss_kb();
	max0 = maxrss_kb();
	/* Start near the top so the run crosses the 32-bit rollover. */
	for (uint32_t n = 0; n < 1000000; n += 32)
		push_interleaved(r, &g, UINT32_MAX - 500000 + n, 32, n / 32);
	ak_reasm_flush(r);
	ak_reasm_stats(r, &st);
	CHECK_INT(k.events, 1000000);
	CHECK_INT(k.records, 3000000);
	CHECK_INT(k.lost, 0);
	CHECK_INT(st.late, 0);
	CHECK_INT(st.parts, 0);
	CHECK_INT(k.bad, 0);
	CHECK(st.in_flight_max <= 64);
	printf("# 1e6 serials: rss grew %ld KiB, maxrss %ld KiB (reserved %zu KiB), "
	       "largest event %zu B\n", rss_kb() - rss0, maxrss_kb() - max0, st.mem / 1024,
	       st.bytes_max);
	CHECK(rss_kb() - rss0 < 4096);
	CHECK(maxrss_kb() - max0 < 4096);
	ak_reasm_free(r);
}

/* One serial with 10^6 records: delivered in parts, memory bounded, nothing lost. */
static void test_million_records_one_serial(void)
{
	struct ak_reasm_stats st;
	struct ak_reasm *r;
	struct sink k;
	struct gen g;
	long rss0, max0;

	gen_init(&g);
	r = mkr(&k, 8, 0, 0, 2000, 0);
	rss0 = rss_kb();
	max0 = maxrss_kb();
	for (int i = 0; i < 1000000; i++)
		push_as(r, &g.path, 77, 0);
	push_as(r, &g.eoe, 77, 0);
	ak_reasm_stats(r, &st);
	CHECK_INT(k.records, 1000000);
	CHECK(st.parts > 0);
	CHECK(st.bytes_max <= AK_REASM_DEF_BYTES);
	CHECK_INT(k.lost, 0);
	CHECK_INT(k.bad, 0);
	printf("# 1e6 records of one serial: %" PRIu64 " parts, rss grew %ld KiB, maxrss %ld KiB\n",
	       st.parts, rss_kb() - rss0, maxrss_kb() - max0);
	/* One arena of 1 MiB may be fully touched; nothing grows with the input. */
	CHECK(rss_kb() - rss0 < 4096);
	CHECK(maxrss_kb() - max0 < 4096);
	ak_reasm_free(r);
}

/* ---- property: shuffling within the window changes nothing ---- */

static uint64_t rng = 88172645463325252ull;

static uint32_t xorshift(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)rng;
}

static void test_shuffle_property(void)
{
	char lines[17][1024];
	int order[17];
	FILE *f = fopen("tests/golden/reasm/normal.log", "r");
	int n = 0;

	CHECK(f != NULL);
	if (!f)
		return;
	while (n < 17 && fgets(lines[n], sizeof(lines[n]), f))
		n++;
	fclose(f);
	CHECK_INT(n, 17);
	for (int round = 0; round < 500; round++) {
		struct sink k;
		struct ak_reasm *r = mkr(&k, 5, 0, 0, 2000, 0);
		unsigned per[5] = { 0 };

		for (int i = 0; i < n; i++)
			order[i] = i;
		for (int i = n - 1; i > 0; i--) {
			int j = (int)(xorshift() % (unsigned)(i + 1)), t = order[i];

			order[i] = order[j];
			order[j] = t;
		}
		for (int i = 0; i < n; i++)
			push_line(r, lines[order[i]], 0);
		ak_reasm_flush(r);
		CHECK_INT(k.nev, 5);
		for (size_t i = 0; i < 5 && i < k.nev; i++) {
			CHECK_INT(k.ev[i].serial, normal_x[i].serial);
			CHECK_INT(k.ev[i].n, normal_x[i].n);
			for (size_t j = 0; j < k.ev[i].n; j++)
				per[i] += k.ev[i].types[j];
		}
		/* Same records in each event (sum of types is order-independent). */
		CHECK_INT(per[1], 1300 + 1309 + 1307 + 1302 + 1302);
		CHECK_INT(k.lost, 0);
		ak_reasm_free(r);
		if (ak__t_failed_checks)
			break;
	}
}

/* Bigger: 20000 events of 1-6 records, each record moved by fewer than 24 places. */
static void test_shuffle_window_property(void)
{
	enum { NEV = 20000, MAXR = 6, D = 24 };
	static uint32_t ser[NEV * MAXR], cnt[NEV];
	struct gen g;
	size_t total = 0;
	struct sink k;
	struct ak_reasm *r;

	gen_init(&g);
	for (uint32_t e = 0; e < NEV; e++) {
		cnt[e] = 1 + xorshift() % MAXR;
		for (uint32_t i = 0; i < cnt[e]; i++)
			ser[total++] = 1000 + e;
	}
	/* Shuffle within blocks of D records: no record moves D places or more. */
	for (size_t b = 0; b < total; b += D) {
		size_t m = total - b < D ? total - b : D;

		for (size_t i = m - 1; i > 0; i--) {
			size_t j = xorshift() % (i + 1);
			uint32_t t = ser[b + i];

			ser[b + i] = ser[b + j];
			ser[b + j] = t;
		}
	}
	r = mkr(&k, 64, 0, 0, 2000, 0);
	for (size_t i = 0; i < total; i++)
		push_as(r, &g.path, ser[i], 0);
	ak_reasm_flush(r);
	CHECK_INT(k.events, NEV);
	CHECK_INT(k.records, total);
	CHECK_INT(k.lost, 0);
	CHECK_INT(k.bad, 0);
	ak_reasm_free(r);
}

static const struct ak_test tests[] = {
	TEST(test_stream_normal),
	TEST(test_stream_out_of_order),
	TEST(test_stream_lost_messages),
	TEST(test_stream_rollover),
	TEST(test_rollover_sort),
	TEST(test_gap_after_zero),
	TEST(test_duplicate_serial),
	TEST(test_serial_restart),
	TEST(test_nodes_apart),
	TEST(test_timeout_refreshed),
	TEST(test_head_of_line),
	TEST(test_eoe_and_proctitle),
	TEST(test_standalone_types),
	TEST(test_daemon_serials_apart),
	TEST(test_limit_records),
	TEST(test_limit_bytes),
	TEST(test_limit_window),
	TEST(test_copy_independent),
	TEST(test_callback_error_and_opts),
	TEST(test_no_malloc_after_creation),
	TEST(test_prealloc_single_allocation),
	TEST(test_arena_growth_keeps_records),
	TEST(test_million_serials),
	TEST(test_million_records_one_serial),
	TEST(test_shuffle_property),
	TEST(test_shuffle_window_property),
};

AK_TEST_MAIN(tests)
