// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * The YAML and text writers.  YAML values are always double-quoted scalars
 * with JSON's escaping (a JSON string is a valid YAML double-quoted scalar),
 * so no value can turn into a number, a boolean, null or an alias.  Text
 * output escapes control bytes so a crafted name cannot reach the terminal.
 */
#include <string.h>

#include <auditkit/format.h>

#include "output/fmt-internal.h"
#include "core/decimal.h"
#include "output/utf8.h"

static const char hexdig[] = "0123456789abcdef";

/*
 * Code points that are valid UTF-8 but unsafe in the output: C1 controls
 * (U+0080-U+009F; a terminal may take U+009B as CSI), U+2028/U+2029 line and
 * paragraph separators, the bidi overrides and isolates (U+202A-U+202E,
 * U+2066-U+2069: they reorder what a reader sees), U+FEFF, U+FFFE, U+FFFF
 * (YAML forbids the last two and folds the separators).  Returns the code
 * point of the @k-byte sequence at @s if it is one of those, else 0.
 */
static unsigned unsafe_cp(const unsigned char *s, size_t k)
{
	if (k == 2 && s[0] == 0xc2 && s[1] < 0xa0)
		return s[1];
	if (k == 3 && s[0] == 0xe2 && s[1] == 0x80 && s[2] >= 0xa8 && s[2] <= 0xae)
		return 0x2000u + (s[2] - 0x80u);
	if (k == 3 && s[0] == 0xe2 && s[1] == 0x81 && s[2] >= 0xa6 && s[2] <= 0xa9)
		return 0x2040u + (s[2] - 0x80u);
	if (k == 3 && s[0] == 0xef && ((s[1] == 0xbb && s[2] == 0xbf) ||
				       (s[1] == 0xbf && s[2] >= 0xbe)))
		return ((unsigned)(s[0] & 0x0f) << 12) | ((unsigned)(s[1] & 0x3f) << 6) |
		       (s[2] & 0x3fu);
	return 0;
}

void ak_out_text_escaped(struct ak_json *w, const char *src, size_t n)
{
	const unsigned char *s = (const unsigned char *)src, *end = s + n;

	while (s < end) {
		const unsigned char *run = s;

		while (s < end && *s >= 0x20 && *s < 0x7f)
			s++;
		if (s > run)
			ak_out_bytes(w, (const char *)run, (size_t)(s - run));
		if (s == end)
			break;
		size_t k = 1;

		if (*s >= 0x80) {
			k = ak__utf8_seq_len(s, (size_t)(end - s));
			if (k && !unsafe_cp(s, k)) {
				ak_out_bytes(w, (const char *)s, k);
				s += k;
				continue;
			}
			if (!k)
				k = 1;
		}
		/* every byte of an unsafe or invalid sequence as \xHH */
		for (size_t i = 0; i < k; i++, s++) {
			char e[4] = { '\\', 'x', hexdig[*s >> 4], hexdig[*s & 15] };

			ak_out_bytes(w, e, 4);
		}
	}
}

void ak_out_yaml_str(struct ak_json *w, const char *src, size_t n)
{
	const unsigned char *s = (const unsigned char *)src, *end = s + n, *run = s;

	ak_out_bytes(w, "\"", 1);
	/* JSON's escaping, plus \uXXXX for the code points YAML rejects or folds */
	while (s < end) {
		if (*s < 0xc2) {
			s++;
			continue;
		}
		size_t k = ak__utf8_seq_len(s, (size_t)(end - s));
		unsigned cp = k ? unsafe_cp(s, k) : 0;

		if (!cp) {
			s += k ? k : 1;
			continue;
		}
		char e[6] = { '\\', 'u', hexdig[cp >> 12], hexdig[(cp >> 8) & 15],
			      hexdig[(cp >> 4) & 15], hexdig[cp & 15] };

		ak__json_put_escaped(w, (const char *)run, (size_t)(s - run));
		ak_out_bytes(w, e, 6);
		s += k;
		run = s;
	}
	ak__json_put_escaped(w, (const char *)run, (size_t)(end - run));
	ak_out_bytes(w, "\"", 1);
}

/* A YAML mapping key: plain when it is a simple word, else double-quoted. */
static void yaml_key(struct ak_json *w, const char *k, size_t n, int indent)
{
	int plain = n > 0 && ((k[0] >= 'a' && k[0] <= 'z') || (k[0] >= 'A' && k[0] <= 'Z') ||
			      k[0] == '_');

	for (size_t i = 0; plain && i < n; i++) {
		char c = k[i];

		plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			(c >= '0' && c <= '9') || c == '_' || c == '-';
	}
	ak_out_bytes(w, "    ", (size_t)indent);
	if (plain)
		ak_out_bytes(w, k, n);
	else
		ak_out_yaml_str(w, k, n);
	ak_out_bytes(w, ": ", 2);
}

static void yaml_kv(struct ak_json *w, const char *k, size_t kn, const char *v, size_t vn,
		    int indent)
{
	yaml_key(w, k, kn, indent);
	ak_out_yaml_str(w, v, vn);
	ak_out_bytes(w, "\n", 1);
}

#define YKV(w, k, v, vn) yaml_kv(w, k, strlen(k), v, vn, 0)

int ak_fmt_record_yaml(struct ak_json *w, const struct ak_rec *rec,
		       const struct ak_fmt_opts *opts)
{
	struct ak__fmt_view v;
	int ret = ak__fmt_prepare(&v, rec, opts);

	if (ret < 0)
		return ret;
	ak_out_bytes(w, "---\n", 4);
	YKV(w, "record_type", v.type, strlen(v.type));
	YKV(w, "@timestamp", v.ts, v.ts_n);
	YKV(w, "sequence", v.seq_p, v.seq_n);
	if (rec->node.n)
		YKV(w, "node", rec->node.p, rec->node.n);
	if (v.raw) {
		for (size_t i = 0; i < rec->nfields; i++) {
			const struct ak_field *f = &rec->fields[i];

			if ((f->flags & AK_F_ENRICHED) || ak__fmt_shadowed(&v, rec, i) ||
			    ak__fmt_dropped(f->val.p, f->val.n) ||
			    ak__fmt_reserved(&v, rec, f->key.p, f->key.n))
				continue;
			yaml_kv(w, f->key.p, f->key.n, f->val.p, f->val.n, 0);
		}
	} else {
		for (size_t i = 0; i < v.ip.nkv; i++) {
			const struct ak_kv *kv = &v.ip.kv[i];

			if (ak__fmt_reserved(&v, rec, kv->key.p, kv->key.n))
				continue;
			yaml_kv(w, kv->key.p, kv->key.n, kv->val.p, kv->val.n, 0);
		}
	}
	YKV(w, "raw_msg", rec->msg.p, rec->msg.n);
	if (v.ip.ntags) {
		ak_out_cstr(w, "tags:\n");
		for (size_t i = 0; i < v.ip.ntags; i++) {
			ak_out_bytes(w, "  - ", 4);
			ak_out_yaml_str(w, v.ip.tags[i].p, v.ip.tags[i].n);
			ak_out_bytes(w, "\n", 1);
		}
	}
	if (v.ip.error) {
		YKV(w, "warning", v.ip.error, strlen(v.ip.error));
	}
	if (v.has_enriched) {
		ak_out_cstr(w, "enriched:\n");
		for (size_t i = rec->nfields - v.n_enriched; i < rec->nfields; i++) {
			const struct ak_field *f = &rec->fields[i];

			if (!(f->flags & AK_F_ENRICHED) || ak__fmt_shadowed(&v, rec, i))
				continue;
			yaml_kv(w, f->key.p, f->key.n, f->val.p, f->val.n, 2);
		}
	}
	if (opts && (opts->flags & AK_FMT_VALUES))
		ak__fmt_values_yaml(w, rec);
	ak_out_bytes(w, "\n", 1);
	return 0;
}

int ak_fmt_record_text(struct ak_json *w, const struct ak_rec *rec,
		       const struct ak_fmt_opts *opts)
{
	char tb[24];
	const char *type = ak__fmt_type_name(rec, tb, sizeof(tb));

	(void)opts;
	if (rec->node.n) {
		ak_out_bytes(w, "node=", 5);
		ak_out_text_escaped(w, rec->node.p, rec->node.n);
		ak_out_bytes(w, " ", 1);
	}
	ak_out_bytes(w, "type=", 5);
	ak_out_cstr(w, type);
	ak_out_bytes(w, " msg=", 5);
	ak_out_text_escaped(w, rec->msg.p, rec->msg.n);
	ak_out_bytes(w, "\n", 1);
	return 0;
}

static void put_uint(struct ak_json *w, size_t v)
{
	char tmp[AK__U64_DIGITS];

	ak_out_bytes(w, tmp, ak__utoa(tmp, v));
}

void ak_fmt_error_yaml(struct ak_json *w, const char *line, size_t len, const char *msg,
		       const struct ak_diag *diag)
{
	const char *m = msg ? msg : (diag && diag->msg ? diag->msg : "error");

	ak_out_bytes(w, "---\n", 4);
	YKV(w, "error", m, strlen(m));
	if (diag) {
		ak_out_cstr(w, "error_pos: ");
		put_uint(w, diag->pos);
		ak_out_bytes(w, "\n", 1);
	}
	YKV(w, "raw", line, len);
	ak_out_bytes(w, "\n", 1);
}

void ak_fmt_error_text(struct ak_json *w, const char *line, size_t len, const char *msg,
		       const struct ak_diag *diag)
{
	const char *m = msg ? msg : (diag && diag->msg ? diag->msg : "error");

	ak_out_cstr(w, "error=\"");
	ak_out_text_escaped(w, m, strlen(m));
	ak_out_cstr(w, "\"");
	if (diag) {
		ak_out_cstr(w, " error_pos=");
		put_uint(w, diag->pos);
	}
	ak_out_cstr(w, " raw=");
	ak_out_text_escaped(w, line, len);
	ak_out_bytes(w, "\n", 1);
}
