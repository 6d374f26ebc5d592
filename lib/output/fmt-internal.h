/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AK_OUTPUT_FMT_INTERNAL_H
#define AK_OUTPUT_FMT_INTERNAL_H

#include <auditkit/format.h>
#include <auditkit/interp.h>

/* Parts (data, enriched) larger than this keep their duplicate keys. */
#define AK__FMT_DEDUP_MAX 4096

/* What every format writes for a record, computed once. */
struct ak__fmt_view {
	struct ak_interp ip; /* data (unless raw) */
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
const char *ak__fmt_type_name(const struct ak_rec *rec, char *buf, size_t cap);
int ak__fmt_reserved(const struct ak__fmt_view *v, const struct ak_rec *rec, const char *k,
		     size_t n);
int ak__fmt_shadowed(const struct ak__fmt_view *v, const struct ak_rec *rec, size_t i);
int ak__fmt_dropped(const char *v, size_t n);
/* AK_FMT_VALUES: the "interpreted" member / mapping (values_json.c) */
void ak__fmt_values_json(struct ak_json *w, const struct ak_rec *rec);
void ak__fmt_values_yaml(struct ak_json *w, const struct ak_rec *rec);

#endif
