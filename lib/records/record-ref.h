/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AK_RECORDS_RECORD_REF_H
#define AK_RECORDS_RECORD_REF_H

/*
 * For tests only (tests/unit/test-record-ref.c, fuzz/fuzz-record.c): record.c
 * compiled a second time into the including program, its public functions
 * under ref_ names, so that its output can be compared with the library's.
 * Define AK_REC_REFERENCE first for the general code alone (no fast path), or
 * AK_REC_SSE2_ONLY for the SSE2 key test the library skips on SSSE3 CPUs.
 */
#include <auditkit/record.h>

#define ak_rec_parse_line ref_parse_line
#define ak_rec_parse_payload ref_parse_payload
#define ak_rec_field ref_field
#define ak_rec_enriched ref_enriched
int ref_parse_line(struct ak_rec *rec, const char *line, size_t len, struct ak_field *fields,
		   size_t cap);
int ref_parse_payload(struct ak_rec *rec, uint32_t type, const char *data, size_t len,
		      struct ak_field *fields, size_t cap);
const struct ak_field *ref_field(const struct ak_rec *rec, const char *key);
const struct ak_field *ref_enriched(const struct ak_rec *rec, const char *key);
#include "records/record.c"
#undef ak_rec_parse_line
#undef ak_rec_parse_payload
#undef ak_rec_field
#undef ak_rec_enriched

#endif
