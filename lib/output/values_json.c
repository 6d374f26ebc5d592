// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * AK_FMT_VALUES: the "interpreted" member of a record's JSON object (or
 * mapping of its YAML document): for every field that has a reading
 * (<auditkit/values.h>), KEY: READING.  The arch and syscall for a0..a3 are
 * the record's own (only SYSCALL records have both).  Duplicate keys: the
 * last field wins, as in the data; records with more than DEDUP_MAX fields
 * (only crafted input) keep their duplicates, in order, so that this stays
 * linear.
 */
#include <string.h>

#include <auditkit/format.h>
#include <auditkit/values.h>

#include "output/fmt-internal.h"
#include "output/utf8.h"

#define DEDUP_MAX 256

struct vctx {
	uint32_t arch;
	int syscall;
	char buf[1024];
};

/* Whether a later field with a reading has the key of field @i. */
static int shadowed(const struct ak_rec *rec, size_t i, const struct vctx *c)
{
	const struct ak_field *f = &rec->fields[i];

	if (rec->nfields > DEDUP_MAX)
		return 0;
	for (size_t j = i + 1; j < rec->nfields; j++) {
		const struct ak_field *g = &rec->fields[j];
		char tmp[1024];

		if (g->key.n == f->key.n && !(g->flags & AK_F_ENRICHED) &&
		    memcmp(g->key.p, f->key.p, f->key.n) == 0 &&
		    ak_value_interpret(rec, g, c->arch, c->syscall, tmp, sizeof(tmp)) >= 0)
			return 1;
	}
	return 0;
}

/* The next field from @i on with a reading (in c->buf), or rec->nfields. */
static size_t next_reading(const struct ak_rec *rec, size_t i, struct vctx *c, int *len)
{
	for (; i < rec->nfields; i++) {
		const struct ak_field *f = &rec->fields[i];

		if (f->flags & AK_F_ENRICHED)
			continue;
		*len = ak_value_interpret(rec, f, c->arch, c->syscall, c->buf, sizeof(c->buf));
		if (*len >= 0 && !shadowed(rec, i, c))
			return i;
	}
	return i;
}

static void vctx_init(struct vctx *c, const struct ak_rec *rec)
{
	ak_value_context(rec, &c->arch, &c->syscall);
}

void ak__fmt_values_json(struct ak_json *w, const struct ak_rec *rec)
{
	struct vctx c;
	int len = 0, any = 0;

	vctx_init(&c, rec);
	for (size_t i = next_reading(rec, 0, &c, &len); i < rec->nfields;
	     i = next_reading(rec, i + 1, &c, &len)) {
		const struct ak_field *f = &rec->fields[i];

		if (!any) {
			ak_json_key(w, "interpreted", 11);
			ak_json_obj_open(w);
			any = 1;
		}
		ak__json_kv(w, f->key.p, f->key.n, c.buf, (size_t)len);
	}
	if (any)
		ak_json_obj_close(w);
}

void ak__fmt_values_yaml(struct ak_json *w, const struct ak_rec *rec)
{
	struct vctx c;
	int len = 0, any = 0;

	vctx_init(&c, rec);
	for (size_t i = next_reading(rec, 0, &c, &len); i < rec->nfields;
	     i = next_reading(rec, i + 1, &c, &len)) {
		const struct ak_field *f = &rec->fields[i];

		if (!any) {
			ak_out_bytes(w, "interpreted:\n", 13);
			any = 1;
		}
		/* keys with a reading are plain words (classify() knows them all) */
		ak_out_bytes(w, "  ", 2);
		ak_out_bytes(w, f->key.p, f->key.n);
		ak_out_bytes(w, ": ", 2);
		ak_out_yaml_str(w, c.buf, (size_t)len);
		ak_out_bytes(w, "\n", 1);
	}
}
