// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * The JSON writer: appends to a caller buffer, sticky overflow, keeps counting
 * past the end so the caller learns the size needed.  See <auditkit/json.h>.
 */
#include <errno.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <auditkit/json.h>

#include "core/decimal.h"
#include "output/utf8.h"

void ak_json_init(struct ak_json *w, char *buf, size_t cap)
{
	memset(w, 0, sizeof(*w));
	w->buf = buf;
	w->cap = buf ? cap : 0;
	w->first = 1;
}

void ak_json_reset(struct ak_json *w)
{
	ak_json_init(w, w->buf, w->cap);
}

int ak_json_finish(struct ak_json *w)
{
	if (w->error) {
		errno = EINVAL;
		return -EINVAL;
	}
	if (w->len >= w->cap) {
		if (w->len > w->cap) {
			errno = ERANGE;
			return -ERANGE;
		}
		/* exact fit: valid output, just no room for the NUL */
		return (int)(w->len > (size_t)0x7fffffff ? 0x7fffffff : w->len);
	}
	w->buf[w->len] = '\0';
	return w->len > (size_t)0x7fffffff ? 0x7fffffff : (int)w->len;
}

static inline void put(struct ak_json *w, const char *s, size_t n)
{
	if (w->len + n <= w->cap)
		memcpy(w->buf + w->len, s, n);
	else if (w->len < w->cap)
		memcpy(w->buf + w->len, s, w->cap - w->len);
	w->len += n;
}

static inline void put1(struct ak_json *w, char c)
{
	if (w->len < w->cap)
		w->buf[w->len] = c;
	w->len++;
}

/* Before a value or key: a comma unless first in its container or after a key. */
static inline void sep(struct ak_json *w)
{
	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	if (w->depth < 32 && (w->first & (1u << w->depth)))
		w->first &= ~(1u << w->depth);
	else
		put1(w, ',');
}

static void open_c(struct ak_json *w, char c)
{
	sep(w);
	put1(w, c);
	if (w->depth + 1 >= AK_JSON_MAX_DEPTH) {
		w->error = 1;
		return;
	}
	w->depth++;
	w->first |= 1u << w->depth;
}

static void close_c(struct ak_json *w, char c)
{
	if (w->depth == 0 || w->after_key)
		w->error = 1;
	else
		w->depth--;
	w->after_key = 0;
	put1(w, c);
	/* top-level values are not comma-separated: JSON Lines, one per line */
	if (w->depth == 0)
		w->first |= 1;
}

void ak_json_obj_open(struct ak_json *w) { open_c(w, '{'); }
void ak_json_obj_close(struct ak_json *w) { close_c(w, '}'); }
void ak_json_arr_open(struct ak_json *w) { open_c(w, '['); }
void ak_json_arr_close(struct ak_json *w) { close_c(w, ']'); }

/*
 * Byte classes for the escaper: 0 = copy, 1 = needs escape (ASCII),
 * 2 = start of a multi-byte UTF-8 sequence or invalid byte.
 */
static const unsigned char json_class[256] = {
	[0x00 ... 0x1f] = 1, ['"'] = 1, ['\\'] = 1, [0x7f] = 1,
	[0x80 ... 0xff] = 2,
};

static const char hexdig[] = "0123456789abcdef";

#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

/* Nonzero if any byte of @x is < 0x20, '"', '\\', 0x7f or >= 0x80. */
static inline uint64_t swar_special(uint64_t x)
{
	uint64_t lt20 = (x - ONES * 0x20) & ~x;
	uint64_t q = x ^ (ONES * '"'), b = x ^ (ONES * '\\'), d = x ^ (ONES * 0x7f);

	q = (q - ONES) & ~q;
	b = (b - ONES) & ~b;
	d = (d - ONES) & ~d;
	return (lt20 | q | b | d | x) & HIGHS;
}

/* Escape one byte that json_class marks; returns bytes written to @d (room for 6). */
static inline size_t esc_ascii(char *d, unsigned char c)
{
	d[0] = '\\';
	switch (c) {
	case '"': d[1] = '"'; return 2;
	case '\\': d[1] = '\\'; return 2;
	case '\b': d[1] = 'b'; return 2;
	case '\f': d[1] = 'f'; return 2;
	case '\n': d[1] = 'n'; return 2;
	case '\r': d[1] = 'r'; return 2;
	case '\t': d[1] = 't'; return 2;
	}
	d[1] = 'u';
	d[2] = '0';
	d[3] = '0';
	d[4] = hexdig[c >> 4];
	d[5] = hexdig[c & 15];
	return 6;
}

/*
 * Bit i set: byte i of the 16 at @s needs attention.  *@q gets the bits of
 * the plain quotes and backslashes among them (0 where not computed).
 * SSE2 where available, else two SWAR words giving the first such byte only
 * (the lowest flagged byte of the haszero trick is exact).
 */
static inline unsigned special16(const unsigned char *s, unsigned *q)
{
#ifdef __SSE2__
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)s);
	__m128i qb = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')),
				  _mm_cmpeq_epi8(x, _mm_set1_epi8('\\')));
	/* signed compare: bytes >= 0x80 are negative, so < 0x20 too */
	__m128i m = _mm_or_si128(qb, _mm_or_si128(_mm_cmplt_epi8(x, _mm_set1_epi8(0x20)),
						  _mm_cmpeq_epi8(x, _mm_set1_epi8(0x7f))));

	*q = (unsigned)_mm_movemask_epi8(qb);
	return (unsigned)_mm_movemask_epi8(m);
#else
	/* a superset of the special bytes (haszero may flag bytes above a true
	 * hit); the byte path re-checks every flagged byte, so that is safe */
	unsigned bits = 0;

	*q = 0;
	for (unsigned half = 0; half < 16; half += 8) {
		uint64_t x, m;

		memcpy(&x, s + half, 8);
		m = swar_special(x);
		for (unsigned i = 0; m && i < 8; i++) {
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			if (m >> (8 * i + 7) & 1)
#else
			if (m >> (63 - 8 * i) & 1)
#endif
				bits |= 1u << (half + i);
		}
	}
	return bits;
#endif
}

/* Copy @n <= 16 clean bytes; 16 at once when the input allows the over-read
 * (the output has room: 6 bytes per input byte left). */
static inline char *seg_copy(char *d, const unsigned char *src, size_t n, const unsigned char *end)
{
	if (end - src >= 16)
		memcpy(d, src, 16);
	else
		memcpy(d, src, n);
	return d + n;
}

/* The escaper proper: @d has room for 6 * (end - s) bytes.  Returns the end. */
static inline __attribute__((always_inline)) char *escape_into(char *d, const unsigned char *s,
								  const unsigned char *end)
{
	const unsigned char *s0 = s;

	while (s < end) {
#ifdef __SSE2__
		/* long clean runs: 32 bytes per check */
		if (end - s >= 32) {
			unsigned q1, q2, b1 = special16(s, &q1), b2 = special16(s + 16, &q2);

			if (!(b1 | b2)) {
				memcpy(d, s, 32);
				d += 32;
				s += 32;
				continue;
			}
			if (!b1) {
				memcpy(d, s, 16);
				d += 16;
				s += 16;
			}
		}
#endif
		if (end - s >= 16 || end - s0 >= 16) {
			/* a block at s, or for the tail of a long string the last
			 * 16 bytes, minus the ones already done */
			const unsigned char *blk = end - s >= 16 ? s : end - 16;
			unsigned pos = (unsigned)(s - blk), q, k;
			unsigned bits = special16(blk, &q) >> pos << pos;

			q = q >> pos << pos;
			if (!bits) {
				d = seg_copy(d, s, 16 - pos, end);
				s = blk + 16;
				continue;
			}
			/*
			 * Escape the plain quotes and backslashes of this block
			 * from its bitmask (raw_msg's usual case); stop at any
			 * other special, which the byte path below handles.
			 */
			while (bits) {
				k = (unsigned)__builtin_ctz(bits);
				if (!(q & (1u << k)))
					break;
				d = seg_copy(d, blk + pos, k - pos, end);
				d[0] = '\\';
				d[1] = (char)blk[k];
				d += 2;
				pos = k + 1;
				bits &= bits - 1;
			}
			if (!bits) {
				d = seg_copy(d, blk + pos, 16 - pos, end);
				s = blk + 16;
				continue;
			}
			k = (unsigned)__builtin_ctz(bits);
			d = seg_copy(d, blk + pos, k - pos, end);
			s = blk + k;
		} else if (end - s >= 8) {
			/* 8..15 left: two overlapping words, no byte-wise stores */
			uint64_t x, y;
			size_t r = (size_t)(end - s);

			memcpy(&x, s, 8);
			memcpy(&y, end - 8, 8);
			if (!swar_special(x) && !swar_special(y)) {
				memcpy(d, s, 8);
				memcpy(d + r - 8, end - 8, 8);
				return d + r;
			}
		} else if (end - s >= 4) {
			/* 4..7 left: two overlapping 32-bit words */
			uint32_t x, y;
			size_t r = (size_t)(end - s);

			memcpy(&x, s, 4);
			memcpy(&y, end - 4, 4);
			if (!swar_special((uint64_t)x << 32 | y)) {
				memcpy(d, s, 4);
				memcpy(d + r - 4, end - 4, 4);
				return d + r;
			}
		} else {
			/* under 4 left: byte-wise while clean */
			while (s < end && !json_class[*s])
				*d++ = (char)*s++;
			if (s == end)
				return d;
		}
		unsigned char c = *s;

		if (c == '"' || c == '\\') {
			d[0] = '\\';
			d[1] = (char)c;
			d += 2;
			s++;
		} else if (!json_class[c]) {
			*d++ = (char)c;
			s++;
		} else if (json_class[c] == 1) {
			d += esc_ascii(d, c);
			s++;
		} else {
			size_t k = ak__utf8_seq_len(s, (size_t)(end - s));

			if (k) {
				memcpy(d, s, k);
				d += k;
				s += k;
			} else {
				memcpy(d, "\xef\xbf\xbd", 3); /* U+FFFD */
				d += 3;
				s++;
			}
		}
	}
	return d;
}

size_t ak_json_escape(char *dst, size_t cap, const char *src, size_t n)
{
	const unsigned char *s = (const unsigned char *)src, *end = s + n;
	char tmp[6 * 64];
	size_t len = 0;

	if (dst && cap / 6 >= n)
		return (size_t)(escape_into(dst, s, end) - dst);
	/* not enough room for the worst case: escape in chunks, copy what fits */
	while (s < end) {
		const unsigned char *ce = end - s > 64 ? s + 64 : end;

		/*
		 * Never cut a sequence the whole input would accept: end the
		 * chunk before the last lead byte of its last three bytes.  (A
		 * lead whose sequence is invalid anyway is judged the same in
		 * the next chunk, so moving the cut before it is harmless.)
		 */
		if (ce < end) {
			for (const unsigned char *b = ce - 1; b >= ce - 3; b--) {
				if (*b >= 0xc0) {
					ce = b;
					break;
				}
			}
		}
		size_t m = (size_t)(escape_into(tmp, s, ce) - tmp);

		if (dst && len < cap)
			memcpy(dst + len, tmp, cap - len < m ? cap - len : m);
		len += m;
		s = ce;
	}
	return len;
}

void ak__json_put_escaped(struct ak_json *w, const char *s, size_t n)
{
	size_t room = w->len < w->cap ? w->cap - w->len : 0;

	w->len += ak_json_escape(room ? w->buf + w->len : NULL, room, s, n);
}

static void put_str(struct ak_json *w, const char *s, size_t n)
{
	/* room for the worst case: escape straight into the buffer */
	if (n < ((size_t)1 << 48) && w->len + 6 * n + 2 <= w->cap) {
		char *d = w->buf + w->len, *d0 = d;

		*d++ = '"';
		d = escape_into(d, (const unsigned char *)s, (const unsigned char *)s + n);
		*d++ = '"';
		w->len += (size_t)(d - d0);
		return;
	}
	put1(w, '"');
	ak__json_put_escaped(w, s, n);
	put1(w, '"');
}

#ifdef __SSE2__
/*
 * The 16 bytes at @v were stored at @d as they are; escape those @m marks
 * (nonzero): @q of them are quotes, the others 0x1d.  For each, a backslash
 * (and for 0x1d the rest of its escape) goes in, and the rest of the block
 * is stored again after it (from @v, where 32 bytes can be read).  Returns
 * the block's end.
 */
static inline __attribute__((always_inline)) char *msg_hits(char *d, const char *v, unsigned m,
							     unsigned q)
{
	unsigned pos = 0;

	if (m == q) { /* quotes only (0x1d comes once a record at most) */
		do {
			unsigned i = (unsigned)__builtin_ctz(m);

			/* "\" then the block from the quote on */
			d += i - pos;
			*d++ = '\\';
			memcpy(d, v + i, 16);
			pos = i;
			m &= m - 1;
		} while (m);
		return d + 16 - pos;
	}
	do {
		unsigned i = (unsigned)__builtin_ctz(m);

		d += i - pos;
		if (v[i] == '"') {
			memcpy(d, "\\\"", 2);
			d += 2;
		} else {
			memcpy(d, "\\u001d", 6);
			d += 6;
		}
		pos = i + 1;
		memcpy(d, v + pos, 16);
		m &= m - 1;
	} while (m);
	return d + 16 - pos;
}
#endif

/*
 * A member whose value is printable ASCII but for '"' and 0x1d (a record's
 * msg with AK_REC_MSG_PLAIN), with a plain key: only those two are escaped.
 */
void ak__json_kv_msg(struct ak_json *w, const char *k, size_t kn, const char *v, size_t vn)
{
	if (!w->after_key && w->depth < 32 && vn < ((size_t)1 << 48) &&
	    w->len + kn + 6 * vn + 38 <= w->cap) {
		char *d = w->buf + w->len, *d0 = d;
		const char *end = v + vn;

		if (w->first & (1u << w->depth))
			w->first &= ~(1u << w->depth);
		else
			*d++ = ',';
		*d++ = '"';
		ak__copy_words(d, k, kn);
		d += kn;
		memcpy(d, "\":\"", 3);
		d += 3;
#ifdef __SSE2__
		/* 32 bytes a turn, one test when both blocks are clean (the
		 * usual case); the hits' stores read up to 48 bytes on */
		const __m128i cq = _mm_set1_epi8('"'), cg = _mm_set1_epi8(0x1d);

		while (end - v >= 48) {
			__m128i a = _mm_loadu_si128((const __m128i *)(const void *)v);
			__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(v + 16));
			__m128i qa = _mm_cmpeq_epi8(a, cq), qb = _mm_cmpeq_epi8(b, cq);
			__m128i ha = _mm_or_si128(qa, _mm_cmpeq_epi8(a, cg));
			__m128i hb = _mm_or_si128(qb, _mm_cmpeq_epi8(b, cg));

			_mm_storeu_si128((__m128i *)(void *)d, a);
			_mm_storeu_si128((__m128i *)(void *)(d + 16), b);
			if (!_mm_movemask_epi8(_mm_or_si128(ha, hb))) {
				d += 32;
				v += 32;
				continue;
			}
			unsigned ma = (unsigned)_mm_movemask_epi8(ha);
			unsigned mb = (unsigned)_mm_movemask_epi8(hb);

			if (ma) {
				d = msg_hits(d, v, ma, (unsigned)_mm_movemask_epi8(qa));
				_mm_storeu_si128((__m128i *)(void *)d, b);
			} else {
				d += 16;
			}
			d = mb ? msg_hits(d, v + 16, mb, (unsigned)_mm_movemask_epi8(qb)) : d + 16;
			v += 32;
		}
		/*
		 * The last bytes (under 48): whole blocks where they are; a
		 * block with hits where its re-stores could read past the end
		 * is escaped from a copy (tmp, zero after the block).
		 */
		_Alignas(16) char tmp[32] = { 0 };

		while (end - v >= 16) {
			__m128i x = _mm_loadu_si128((const __m128i *)(const void *)v);
			__m128i qx = _mm_cmpeq_epi8(x, cq);
			unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(qx, _mm_cmpeq_epi8(x, cg)));

			_mm_storeu_si128((__m128i *)(void *)d, x);
			if (m) {
				const char *src = v;

				if (end - v < 32) {
					_mm_store_si128((__m128i *)(void *)tmp, x);
					src = tmp;
				}
				d = msg_hits(d, src, m, (unsigned)_mm_movemask_epi8(qx));
			} else {
				d += 16;
			}
			v += 16;
		}
		if (v < end) {
			unsigned r = (unsigned)(end - v), keep = (1u << r) - 1;
			__m128i x, qx;
			unsigned m;

			/* the whole msg's last 16 bytes, when clean: stored so that
			 * the r new ones land at d (the others rewrite themselves) */
			if (vn >= 16) {
				x = _mm_loadu_si128((const __m128i *)(const void *)(end - 16));
				qx = _mm_cmpeq_epi8(x, cq);
				m = (unsigned)_mm_movemask_epi8(_mm_or_si128(qx, _mm_cmpeq_epi8(x, cg)));
				if (!m) {
					_mm_storeu_si128((__m128i *)(void *)(d - (16 - r)), x);
					d += r;
					goto msg_done;
				}
			}
			ak__copy_words(tmp, v, r);
			x = _mm_load_si128((const __m128i *)(const void *)tmp);
			qx = _mm_cmpeq_epi8(x, cq);
			m = (unsigned)_mm_movemask_epi8(_mm_or_si128(qx, _mm_cmpeq_epi8(x, cg))) & keep;
			_mm_storeu_si128((__m128i *)(void *)d, x);
			d = m ? msg_hits(d, tmp, m, (unsigned)_mm_movemask_epi8(qx) & keep) - (16 - r)
			      : d + r;
		}
msg_done:
#else
		for (; v < end; v++) {
			if (*v == '"') {
				memcpy(d, "\\\"", 2);
				d += 2;
			} else if (*v == 0x1d) {
				memcpy(d, "\\u001d", 6);
				d += 6;
			} else {
				*d++ = *v;
			}
		}
#endif
		*d++ = '"';
		w->len += (size_t)(d - d0);
		return;
	}
	ak__json_kv(w, k, kn, v, vn);
}

/* The general string member: direct writes when room allows, else the checked writers. */
/*
 * Copy @n <= 16 bytes to @d (room for them) with word moves; nonzero if none
 * needs escaping.  The caller keeps the copy only then.
 */
static inline __attribute__((always_inline)) int copy_small(char *d, const char *p, size_t n)
{
	if (n >= 8) {
		uint64_t x, y;

		memcpy(&x, p, 8);
		memcpy(&y, p + n - 8, 8);
		memcpy(d, &x, 8);
		memcpy(d + n - 8, &y, 8);
		return !(swar_special(x) | swar_special(y));
	}
	if (n >= 4) {
		uint32_t x, y;

		memcpy(&x, p, 4);
		memcpy(&y, p + n - 4, 4);
		memcpy(d, &x, 4);
		memcpy(d + n - 4, &y, 4);
		return !swar_special((uint64_t)x << 32 | y);
	}
	unsigned bad = 0;

	for (size_t i = 0; i < n; i++) {
		d[i] = p[i];
		bad |= json_class[(unsigned char)p[i]];
	}
	return !bad;
}

static __attribute__((noinline)) void kv_general(struct ak_json *w, const char *k, size_t kn,
						const char *v, size_t vn);

/*
 * A string member, the hot path of record formatting.  Most members are a
 * short name and a short clean value: those take a small path with no loop
 * and few registers; the rest (and anything needing escapes) kv_general.
 */
void ak__json_kv(struct ak_json *w, const char *k, size_t kn, const char *v, size_t vn)
{
	if (kn <= 16 && vn <= 16 && !w->after_key && w->depth < 32 &&
	    w->len + kn + vn + 6 <= w->cap) {
		char *d = w->buf + w->len;
		unsigned bit = 1u << w->depth;
		size_t comma = !(w->first & bit);

		d[0] = ','; /* overwritten by the quote when not wanted */
		d += comma;
		*d++ = '"';
		if (copy_small(d, k, kn)) {
			d += kn;
			d[0] = '"';
			d[1] = ':';
			d[2] = '"';
			d += 3;
			if (copy_small(d, v, vn)) {
				d[vn] = '"';
				w->first &= ~bit;
				w->len += comma + kn + vn + 5;
				return;
			}
		}
	}
	kv_general(w, k, kn, v, vn);
}

static void kv_general(struct ak_json *w, const char *k, size_t kn, const char *v, size_t vn)
{
	size_t worst = 6 * (kn + vn) + 6;

	if (!w->after_key && w->depth < 32 && w->len + worst <= w->cap) {
		char *d = w->buf + w->len, *d0 = d;

		if (w->first & (1u << w->depth))
			w->first &= ~(1u << w->depth);
		else
			*d++ = ',';
		*d++ = '"';
		/*
		 * Keys are short clean names: two overlapping words checked and
		 * copied at once (as the escaper's tail), the escaper if needed.
		 */
		uint64_t x, y;

		if (kn >= 8 && kn <= 16 &&
		    (memcpy(&x, k, 8), memcpy(&y, k + kn - 8, 8), !(swar_special(x) | swar_special(y)))) {
			memcpy(d, k, 8);
			memcpy(d + kn - 8, k + kn - 8, 8);
			d += kn;
		} else if (kn >= 4 && kn < 8 &&
			   (x = 0, y = 0, memcpy(&x, k, 4), memcpy(&y, k + kn - 4, 4),
			    !swar_special(x << 32 | y))) {
			memcpy(d, k, 4);
			memcpy(d + kn - 4, k + kn - 4, 4);
			d += kn;
		} else {
			size_t i = 0;

			while (i < kn && !json_class[(unsigned char)k[i]]) {
				d[i] = k[i];
				i++;
			}
			d += i;
			if (i < kn)
				d = escape_into(d, (const unsigned char *)k + i,
						(const unsigned char *)k + kn);
		}
		*d++ = '"';
		*d++ = ':';
		*d++ = '"';
		d = escape_into(d, (const unsigned char *)v, (const unsigned char *)v + vn);
		*d++ = '"';
		w->len += (size_t)(d - d0);
		return;
	}
	ak_json_key(w, k, kn);
	ak_json_str(w, v, vn);
}

/* A member whose key and value are known to need no escaping (names, numbers). */
void ak__json_kv_plain(struct ak_json *w, const char *k, size_t kn, const char *v, size_t vn)
{
	if (!w->after_key && w->depth < 32 && w->len + kn + vn + 6 <= w->cap) {
		char *d = w->buf + w->len, *d0 = d;

		if (w->first & (1u << w->depth))
			w->first &= ~(1u << w->depth);
		else
			*d++ = ',';
		*d++ = '"';
		ak__copy_words(d, k, kn);
		d += kn;
		*d++ = '"';
		*d++ = ':';
		*d++ = '"';
		ak__copy_words(d, v, vn);
		d += vn;
		*d++ = '"';
		w->len += (size_t)(d - d0);
		return;
	}
	ak_json_key(w, k, kn);
	ak_json_str(w, v, vn);
}

void ak_json_key(struct ak_json *w, const char *key, size_t n)
{
	sep(w);
	put_str(w, key, n);
	put1(w, ':');
	w->after_key = 1;
}

void ak_json_str(struct ak_json *w, const char *s, size_t n)
{
	sep(w);
	put_str(w, s, n);
}

void ak_json_cstr(struct ak_json *w, const char *s)
{
	ak_json_str(w, s, strlen(s));
}

void ak_json_uint(struct ak_json *w, uint64_t v)
{
	char tmp[AK__U64_DIGITS];

	sep(w);
	put(w, tmp, ak__utoa(tmp, v));
}

void ak_json_int(struct ak_json *w, int64_t v)
{
	if (v < 0) {
		sep(w);
		put1(w, '-');
		w->after_key = 1; /* suppress the comma ak_json_uint would add */
		ak_json_uint(w, (uint64_t)0 - (uint64_t)v);
	} else {
		ak_json_uint(w, (uint64_t)v);
	}
}

void ak_json_bool(struct ak_json *w, int v)
{
	sep(w);
	if (v)
		put(w, "true", 4);
	else
		put(w, "false", 5);
}

void ak_json_null(struct ak_json *w)
{
	sep(w);
	put(w, "null", 4);
}

void ak_json_raw(struct ak_json *w, const char *s, size_t n)
{
	sep(w);
	put(w, s, n);
}

void ak_json_kv_str(struct ak_json *w, const char *key, const char *s, size_t n)
{
	ak__json_kv(w, key, strlen(key), s, n);
}

void ak_json_kv_cstr(struct ak_json *w, const char *key, const char *s)
{
	ak__json_kv(w, key, strlen(key), s, strlen(s));
}

void ak_json_kv_int(struct ak_json *w, const char *key, int64_t v)
{
	ak_json_key(w, key, strlen(key));
	ak_json_int(w, v);
}

void ak_json_kv_uint(struct ak_json *w, const char *key, uint64_t v)
{
	ak_json_key(w, key, strlen(key));
	ak_json_uint(w, v);
}

void ak_json_kv_bool(struct ak_json *w, const char *key, int v)
{
	ak_json_key(w, key, strlen(key));
	ak_json_bool(w, v);
}

void ak_out_bytes(struct ak_json *w, const char *s, size_t n)
{
	put(w, s, n);
}

void ak_out_cstr(struct ak_json *w, const char *s)
{
	put(w, s, strlen(s));
}

size_t ak_utf8_valid_prefix(const char *src, size_t n)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t i = 0;

	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		size_t k = ak__utf8_seq_len(s + i, n - i);

		if (!k)
			return i;
		i += k;
	}
	return n;
}
