/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AK_OUTPUT_FMT_INTERNAL_H
#define AK_OUTPUT_FMT_INTERNAL_H

#include <stdint.h>
#include <string.h>

#include <auditkit/format.h>
#include <auditkit/interp.h>

#include "records/interp-internal.h"

/* Parts (data, enriched) larger than this keep their duplicate keys. */
#define AK__FMT_DEDUP_MAX 4096

/* What every format writes for a record, computed once. */
struct ak__fmt_view {
	struct ak_interp ip; /* data (unless raw) */
	struct ak__ip_list entries; /* with ak__fmt_prepare_entries(): the data unemitted */
	int raw;             /* AK_FMT_RAW: use rec->fields */
	int has_enriched;
	int values;          /* AK_FMT_VALUES: "interpreted" is reserved */
	size_t n_enriched;   /* the last n_enriched fields are AK_F_ENRICHED */
	const char *type;    /* "SYSCALL" or "UNKNOWN[n]" */
	char type_buf[24];
	char ts[32];
	size_t ts_n;
	char seq[12];
	const char *seq_p;
	size_t seq_n;
	/* duplicate keys among the fields written as they are (see dedup()) */
	size_t dedup_from;
	int dedup_on;
	uint64_t shadow[AK__FMT_DEDUP_MAX / 64];
	/* used when the caller passes no scratch (opts NULL or opts->scratch NULL) */
	_Alignas(16) unsigned char stack_scratch[8192];
};

int ak__fmt_prepare(struct ak__fmt_view *v, const struct ak_rec *rec,
		    const struct ak_fmt_opts *opts);
/* The same, but the interpreted data stays in v->entries (v->ip has no pairs). */
int ak__fmt_prepare_entries(struct ak__fmt_view *v, const struct ak_rec *rec,
			    const struct ak_fmt_opts *opts);
const char *ak__fmt_type_name(const struct ak_rec *rec, char *buf, size_t cap);

static inline uint32_t ak__ld32(const char *p)
{
	uint32_t x;

	memcpy(&x, p, 4);
	return x;
}

static inline uint64_t ak__ld64(const char *p)
{
	uint64_t x;

	memcpy(&x, p, 8);
	return x;
}

/*
 * Keys the record's own members take (go-libaudit's ToMapStr() overwrites
 * data with them): not written as data.  Checked for every member, so by
 * length and then whole words (constants: the loads of literals fold).
 */
static inline int ak__fmt_reserved(const struct ak__fmt_view *v, const struct ak_rec *rec,
				   const char *k, size_t n)
{
	uint32_t x;
	uint64_t y;

	switch (n) {
	case 0:
		return 1;
	case 4:
		x = ak__ld32(k);
		return x == ak__ld32("tags") || (x == ak__ld32("node") && rec->node.n);
	case 5:
		return ak__ld32(k) == ak__ld32("erro") && k[4] == 'r';
	case 7:
		x = ak__ld32(k + 3);
		return (x == ak__ld32("_msg") && ak__ld32(k) == ak__ld32("raw_")) ||
		       (x == ak__ld32("ning") && ak__ld32(k) == ak__ld32("warn") && v->ip.error);
	case 8:
		y = ak__ld64(k);
		return y == ak__ld64("sequence") || (y == ak__ld64("enriched") && v->has_enriched);
	case 10:
		return ak__ld64(k) == ak__ld64("@timesta") && ak__ld64(k + 2) == ak__ld64("imestamp");
	case 11:
		y = ak__ld64(k + 3);
		return (y == ak__ld64("ord_type") && ak__ld64(k) == ak__ld64("record_t")) ||
		       (y == ak__ld64("erpreted") && ak__ld64(k) == ak__ld64("interpre") &&
			v->values);
	}
	return 0;
}
int ak__fmt_shadowed(const struct ak__fmt_view *v, const struct ak_rec *rec, size_t i);
int ak__fmt_dropped(const char *v, size_t n);
/* AK_FMT_VALUES: the "interpreted" member / mapping (values_json.c) */
void ak__fmt_values_json(struct ak_json *w, const struct ak_rec *rec);
void ak__fmt_values_yaml(struct ak_json *w, const struct ak_rec *rec);

#endif
