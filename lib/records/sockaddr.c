// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * SOCKADDR's saddr: the socket address the process passed, as hex of the raw
 * struct (host byte order for the family, network order for port/address):
 *
 *   0200 0050 A9FEA9FE 0000000000000000        AF_INET   port 80  169.254.169.254
 *   0A00 0016 00000000 <16 bytes addr> <scope> AF_INET6  port 22  flow 0
 *   0100 2F7661722F... 00...                   AF_UNIX   path, up to the first NUL
 *
 * go-libaudit's rules (spec §3.6), including what it rejects, so that a
 * short or garbage saddr is an error and never a crash.  The family is read
 * little-endian, as go-libaudit does (audit logs come from little-endian
 * machines in practice; a big-endian host's saddr gives another family number).
 */
#include <errno.h>
#include <string.h>

#include <auditkit/interp.h>

#include "records/interp-internal.h"

/* A hex digit of either case (Go's strconv.ParseInt(s, 16, ...)); -1 if not one. */
static int xdig(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* @n hex digits of either case as a number; -1 if any is not hex. */
static long long xnum(const char *s, size_t n)
{
	long long v = 0;

	for (size_t i = 0; i < n; i++) {
		int d = xdig(s[i]);

		if (d < 0)
			return -1;
		v = v << 4 | d;
	}
	return v;
}

struct out {
	char *p;
	size_t n, cap;
};

static struct ak_str put_u(struct out *o, unsigned long long v)
{
	struct ak_str r = { o->p + o->n, 0 };

	r.n = ak__utoa(o->p + o->n, v);
	o->n += r.n;
	return r;
}

/* Go's net.IP.String() for 16 bytes: RFC 5952 text, v4-mapped as a dotted quad. */
static size_t ip6_text(char *dst, const unsigned char b[16])
{
	static const char hx[] = "0123456789abcdef";
	int e0 = -1, e1 = -1;
	size_t n = 0;

	if (!memcmp(b, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12)) {
		for (int i = 12; i < 16; i++) {
			n += ak__utoa(dst + n, b[i]);
			if (i < 15)
				dst[n++] = '.';
		}
		return n;
	}
	/* the longest run of zero groups (the first on a tie), if at least two */
	for (int i = 0; i < 16; i += 2) {
		int j = i;

		while (j < 16 && b[j] == 0 && b[j + 1] == 0)
			j += 2;
		if (j > i && j - i > e1 - e0) {
			e0 = i;
			e1 = j;
			i = j;
		}
	}
	if (e1 - e0 <= 2)
		e0 = e1 = -1;
	for (int i = 0; i < 16; i += 2) {
		if (i == e0) {
			dst[n++] = ':';
			dst[n++] = ':';
			i = e1;
			if (i >= 16)
				break;
		} else if (i > 0) {
			dst[n++] = ':';
		}
		unsigned g = (unsigned)b[i] << 8 | b[i + 1];
		int started = 0;

		for (int sh = 12; sh >= 0; sh -= 4) {
			unsigned d = (g >> sh) & 15;

			if (d || started || sh == 0) {
				dst[n++] = hx[d];
				started = 1;
			}
		}
	}
	return n;
}

static int bad(const char **msg, const char *why)
{
	if (msg)
		*msg = why;
	errno = EINVAL;
	return -EINVAL;
}

int ak_sockaddr_decode(struct ak_sockaddr *sa, const char *s, size_t n, char *buf, size_t cap,
		       const char **msg)
{
	struct out o = { buf, 0, cap };
	long long fam, port, flow;

	memset(sa, 0, sizeof(*sa));
	if (msg)
		*msg = NULL;
	if (n < 4)
		return bad(msg, "invalid family: too short");
	if (cap < 128 + n / 2) {
		errno = ERANGE;
		return -ERANGE;
	}
	/* host order: the two bytes swapped */
	fam = xnum(s + 2, 2);
	if (fam >= 0 && xnum(s, 2) >= 0)
		fam = fam << 8 | xnum(s, 2);
	else
		fam = -1;
	if (fam < 0)
		return bad(msg, "invalid family");

	switch (fam) {
	case 1: { /* AF_UNIX */
		int len = n == 4 ? 0 : ak__hex_decode(o.p, s + 4, n - 4, AK_HEX_NUL_TRUNCATE);

		if (len < 0)
			return bad(msg, "invalid unix socket path");
		sa->family = AK_STR_LIT("unix");
		sa->path.p = o.p;
		sa->path.n = (size_t)len;
		o.n += (size_t)len;
		return 0;
	}
	case 2: /* AF_INET */
		if (n < 16)
			return bad(msg, "invalid socket address size family=ipv4");
		port = xnum(s + 4, 4);
		if (port < 0)
			return bad(msg, "invalid port");
		sa->family = AK_STR_LIT("ipv4");
		sa->addr.p = o.p + o.n;
		for (int i = 0; i < 4; i++) {
			long long v = xnum(s + 8 + 2 * i, 2);

			/* go-libaudit ignores errors here: a bad byte reads as 0 */
			o.n += ak__utoa(o.p + o.n, (unsigned long long)(v < 0 ? 0 : v));
			if (i < 3)
				o.p[o.n++] = '.';
		}
		sa->addr.n = (size_t)(o.p + o.n - sa->addr.p);
		sa->port = put_u(&o, (unsigned long long)port);
		return 0;
	case 10: { /* AF_INET6 */
		unsigned char b[16];

		if (n < 48)
			return bad(msg, "invalid socket address size family=ipv6");
		port = xnum(s + 4, 4);
		if (port < 0)
			return bad(msg, "invalid port");
		flow = xnum(s + 8, 8);
		if (flow < 0 || flow > 0x7fffffff) /* Go parses it as a signed 32-bit number */
			return bad(msg, "invalid flow");
		for (int i = 0; i < 16; i++) {
			long long v = xnum(s + 16 + 2 * i, 2);

			if (v < 0)
				return bad(msg, "invalid ipv6 address");
			b[i] = (unsigned char)v;
		}
		sa->family = AK_STR_LIT("ipv6");
		sa->addr.p = o.p + o.n;
		sa->addr.n = ip6_text(o.p + o.n, b);
		o.n += sa->addr.n;
		sa->port = put_u(&o, (unsigned long long)port);
		if (flow > 0)
			sa->flow = put_u(&o, (unsigned long long)flow);
		return 0;
	}
	case 16: /* AF_NETLINK */
		sa->family = AK_STR_LIT("netlink");
		sa->saddr.p = s;
		sa->saddr.n = n;
		return 0;
	default:
		sa->family = put_u(&o, (unsigned long long)fam);
		sa->saddr.p = s;
		sa->saddr.n = n;
		return 0;
	}
}
