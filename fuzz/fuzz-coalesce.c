// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * fuzz-coalesce - record groups into the coalescer and the event formatters.
 *
 * Input: 1 configuration byte, then audit.log lines ('\n'-separated, any bytes).
 *   bit 0: AK_COALESCE_GO_COMPAT;  bit 1: AK_EVENT_OUT_GO_KEYS;
 *   bit 2: resolve ids (ak_event_resolve_ids, names from a fake lookup whose
 *          names are up to 255 bytes of anything but NUL);
 *   bits 3-4: grouping: 0 all parsed records are one event, 1 a new event at each
 *          serial change, 2 at each blank line, 3 one record per event.
 * Every line that parses (ak_rec_parse_line) is a record; at most 256 per event.
 * Checked, independently of the library:
 *  - ak_coalesce() into an arena of exactly ak_coalesce_arena_size() bytes
 *    succeeds (it is documented to always suffice), also after resolving ids;
 *    with half of it, it succeeds or says -ERANGE; an empty group is -EINVAL;
 *  - the event's strings are readable (ASan), warnings carry text;
 *  - ak_event_json writes exactly one RFC 8259 object and "\n", valid UTF-8,
 *    no raw control byte, no duplicate top-level key, the same bytes measured
 *    (NULL buffer) and written into a buffer of exactly that size;
 *  - ak_event_text is "---\n" and one line of valid UTF-8 without control bytes
 *    (a crafted file name cannot forge lines or terminal escapes);
 *  - ak_event_yaml is valid UTF-8 with no control byte but "\n";
 *  - the maps' plain flags keep their promise byte by byte (key and value
 *    printable ASCII without '"' or '\\'), and the fast path they open changes
 *    no byte: the event formats the same with every map's flags dropped, and
 *    so does the event coalesced from the records with AK_F_PLAIN cleared.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <auditkit.h>

#include "fuzz-check.h"

#define MAX_RECS 256

enum { OUT_JSON, OUT_YAML, OUT_TEXT };

typedef int (*ev_fn)(struct ak_json *, const struct ak_event *, unsigned);

static void check_output(const char *s, size_t n, int kind)
{
	size_t lines = 0;

	FZ_CHECK(n > 0 && s[n - 1] == '\n');
	FZ_CHECK(fz_utf8_ok((const unsigned char *)s, n));
	if (kind == OUT_JSON) {
		struct fz_json *j = malloc(sizeof(*j));

		FZ_CHECK(j != NULL);
		FZ_CHECK(fz_json_line_ok_j(j, s, n));
		FZ_CHECK(s[0] == '{');
		FZ_CHECK(j->overflow_keys || fz_json_keys_unique(j));
		free(j);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n') {
			lines++;
			continue;
		}
		FZ_CHECK(c >= 0x20 && c != 0x7f);
	}
	if (kind == OUT_TEXT) {
		FZ_CHECK(n >= 4 && memcmp(s, "---\n", 4) == 0);
		FZ_CHECK(lines == 2);
	}
}

static void render(ev_fn fn, const struct ak_event *ev, unsigned flags, int kind)
{
	struct ak_json w;
	size_t need;
	char *buf;

	ak_json_init(&w, NULL, 0);
	FZ_CHECK(fn(&w, ev, flags) == 0);
	need = ak_json_len(&w);
	buf = malloc(need + 1);
	FZ_CHECK(buf != NULL);
	ak_json_init(&w, buf, need + 1);
	FZ_CHECK(fn(&w, ev, flags) == 0);
	FZ_CHECK(ak_json_finish(&w) == (int)need);
	check_output(buf, need, kind);
	if (kind == OUT_JSON) {
		/* with room to spare, ak_event_json's fast path: the same bytes */
		size_t big = 8 * need + 4096;
		char *fast = malloc(big);

		FZ_CHECK(fast != NULL);
		ak_json_init(&w, fast, big);
		FZ_CHECK(fn(&w, ev, flags) == 0);
		FZ_CHECK(ak_json_finish(&w) == (int)need);
		FZ_CHECK(memcmp(fast, buf, need) == 0);
		free(fast);
	}
	free(buf);
}

/* The event as JSON (malloc'd, NUL-terminated). */
static char *json_of(const struct ak_event *ev, unsigned flags)
{
	struct ak_json w;
	size_t need;
	char *buf;

	ak_json_init(&w, NULL, 0);
	FZ_CHECK(ak_event_json(&w, ev, flags) == 0);
	need = ak_json_len(&w);
	buf = malloc(need + 1);
	FZ_CHECK(buf != NULL);
	ak_json_init(&w, buf, need + 1);
	FZ_CHECK(ak_event_json(&w, ev, flags) == 0);
	FZ_CHECK(ak_json_finish(&w) == (int)need);
	return buf;
}

/* A fake directory: id 0 is "root" (seeded by the cache), ids with bit 4 set are
 * unknown, others get a name made of bytes derived from the id, 1-255 long. */
static int fake_name(uint32_t id, char *buf, size_t cap, void *data)
{
	size_t n = 1 + (id * 2654435761u >> 24) % 255;

	(void)data;
	if (id & 16)
		return -ENOENT;
	if (n >= cap)
		n = cap - 1;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)(id + i * 37);

		buf[i] = (char)(c ? c : 'x');
	}
	buf[n] = 0;
	return 0;
}

static int fake_id(const char *name, uint32_t *id, void *data)
{
	(void)data;
	if (!name[0] || name[1])
		return -ENOENT;
	*id = (unsigned char)name[0];
	return 0;
}

static const struct ak_id_ops fake_ops = {
	.sz = sizeof(fake_ops),
	.user_name = fake_name,
	.user_id = fake_id,
	.group_name = fake_name,
	.group_id = fake_id,
};

static void check_map_plain(const struct ak_event_map *m)
{
	if (!m->plain)
		return;
	FZ_CHECK(m->n <= m->cap);
	for (size_t i = 0; i < m->n; i++)
		if (m->plain[i])
			FZ_CHECK(fz_plain(m->kv[i].key.p, m->kv[i].key.n) &&
				 fz_plain(m->kv[i].val.p, m->kv[i].val.n));
}

/* Every map of @ev, @fn applied (the maps of a copy can be changed). */
static void each_map(struct ak_event *ev, void (*fn)(struct ak_event_map *))
{
	fn(&ev->user.ids);
	fn(&ev->user.names);
	fn(&ev->user.selinux);
	fn(&ev->file.selinux);
	fn(&ev->data);
	fn(&ev->enriched);
	for (size_t i = 0; i < ev->npaths; i++)
		fn(&ev->paths[i]);
}

static void check_plain_cb(struct ak_event_map *m)
{
	check_map_plain(m);
}

static void drop_plain_cb(struct ak_event_map *m)
{
	m->plain = NULL;
}

/* The event as JSON written into a roomy buffer (ak_event_json's fast path
 * wants room for the worst case): malloc'd, NUL-terminated. */
static char *json_roomy(const struct ak_event *ev, unsigned flags)
{
	struct ak_json w;
	size_t need, cap;
	char *buf;

	ak_json_init(&w, NULL, 0);
	FZ_CHECK(ak_event_json(&w, ev, flags) == 0);
	need = ak_json_len(&w);
	cap = 8 * need + 4096;
	buf = malloc(cap);
	FZ_CHECK(buf != NULL);
	ak_json_init(&w, buf, cap);
	FZ_CHECK(ak_event_json(&w, ev, flags) == 0);
	FZ_CHECK(ak_json_len(&w) == need);
	buf[need] = '\0';
	return buf;
}

/*
 * The plain flags change no byte: @ev (resolved or not, as @resolve says)
 * formats the same as its copy without any map's flags, and as the event
 * coalesced from @recs with every AK_F_PLAIN cleared.
 */
static void check_same_unflagged(const struct ak_event *ev, const struct ak_rec *recs, size_t n,
				 size_t size, unsigned cflags, unsigned oflags, int resolve)
{
	struct ak_event bare = *ev, e2;
	struct ak_event_map *paths = NULL;
	struct ak_rec *r2 = malloc((n ? n : 1) * sizeof(*r2));
	void *a2 = malloc(size);
	char *j1, *j2, *j3;

	FZ_CHECK(r2 != NULL && a2 != NULL);
	each_map(&bare, check_plain_cb); /* (the same maps as @ev's) */
	if (ev->npaths) {
		paths = malloc(ev->npaths * sizeof(*paths));
		FZ_CHECK(paths != NULL);
		memcpy(paths, ev->paths, ev->npaths * sizeof(*paths));
		bare.paths = paths;
	}
	each_map(&bare, drop_plain_cb);

	for (size_t i = 0; i < n; i++) {
		struct ak_field *f = malloc(recs[i].nfields * sizeof(*f) + 1);

		FZ_CHECK(f != NULL);
		for (size_t j = 0; j < recs[i].nfields; j++) {
			f[j] = recs[i].fields[j];
			f[j].flags &= ~(unsigned)AK_F_PLAIN;
		}
		r2[i] = recs[i];
		r2[i].fields = f;
		r2[i].flags &= ~(unsigned)AK_REC_MSG_PLAIN;
	}
	FZ_CHECK(ak_coalesce(&e2, r2, n, a2, size, cflags) == 0);
	if (resolve) {
		struct ak_idcache *c;

		FZ_CHECK(ak_idcache_new(&c, &fake_ops, 60000, 4) == 0);
		FZ_CHECK(ak_event_resolve_ids(&e2, c, 1000) == 0);
		ak_idcache_free(c);
	}
	/* nothing said plain now but table names and resolved names */
	each_map(&e2, check_plain_cb);

	j1 = json_roomy(ev, oflags);
	j2 = json_roomy(&bare, oflags);
	j3 = json_roomy(&e2, oflags);
	FZ_CHECK(strcmp(j1, j2) == 0);
	FZ_CHECK(strcmp(j1, j3) == 0);
	free(j1);
	free(j2);
	free(j3);
	for (size_t i = 0; i < n; i++)
		free(r2[i].fields);
	free(r2);
	free(a2);
	free(paths);
}

static void readable(const struct ak_str *s)
{
	volatile char c = 0;

	for (size_t i = 0; i < s->n; i++)
		c ^= s->p[i];
	(void)c;
}

static void event(const struct ak_rec *recs, size_t n, unsigned cfg)
{
	unsigned cflags = (cfg & 1) ? AK_COALESCE_GO_COMPAT : 0;
	unsigned oflags = (cfg & 2) ? AK_EVENT_OUT_GO_KEYS : 0;
	size_t size = ak_coalesce_arena_size(recs, n);
	void *arena = malloc(size ? size : 1);
	struct ak_event ev;
	int r;

	FZ_CHECK(arena != NULL);
	if (size / 2) {
		void *half = malloc(size / 2);

		FZ_CHECK(half != NULL);
		r = ak_coalesce(&ev, recs, n, half, size / 2, cflags);
		FZ_CHECK(r == 0 || r == -ERANGE || r == -EINVAL);
		free(half);
	}
	r = ak_coalesce(&ev, recs, n, arena, size, cflags);
	FZ_CHECK(r == 0 || r == -EINVAL);
	if (r == -EINVAL) {
		/* only for no record, or only EOE */
		for (size_t i = 0; i < n; i++)
			FZ_CHECK(recs[i].type == AUDIT_EOE);
		free(arena);
		return;
	}
	if (cfg & 4) {
		struct ak_idcache *c;

		FZ_CHECK(ak_idcache_new(&c, &fake_ops, 60000, 4) == 0);
		FZ_CHECK(ak_event_resolve_ids(&ev, c, 1000) == 0);
		ak_idcache_free(c);
	}
	for (size_t i = 0; i < ev.nwarnings; i++) {
		FZ_CHECK(ev.warnings[i].n > 0);
		readable(&ev.warnings[i]);
	}
	{
		/* With a key-order cache kept across inputs (it reuses orders
		 * only after checking them): the same event. */
		static struct ak_coalesce_cache *cache;
		void *a2 = malloc(size);
		struct ak_event e2;
		char *j1, *j2;

		if (!cache)
			FZ_CHECK(ak_coalesce_cache_new(&cache) == 0);
		FZ_CHECK(a2 != NULL);
		FZ_CHECK(ak_coalesce_cached(&e2, recs, n, a2, size, cflags, cache) == 0);
		if (cfg & 4) {
			struct ak_idcache *c;

			FZ_CHECK(ak_idcache_new(&c, &fake_ops, 60000, 4) == 0);
			FZ_CHECK(ak_event_resolve_ids(&e2, c, 1000) == 0);
			ak_idcache_free(c);
		}
		j1 = json_of(&ev, oflags);
		j2 = json_of(&e2, oflags);
		FZ_CHECK(strcmp(j1, j2) == 0);
		free(j1);
		free(j2);
		free(a2);
	}
	(void)ak_event_category_name(ev.type);
	check_same_unflagged(&ev, recs, n, size, cflags, oflags, (cfg & 4) != 0);
	render(ak_event_json, &ev, oflags, OUT_JSON);
	render(ak_event_text, &ev, oflags, OUT_TEXT);
	render(ak_event_yaml, &ev, oflags, OUT_YAML);
	free(arena);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ak_rec *recs;
	unsigned cfg, group;
	size_t n = 0, off = 1;
	const char *in = (const char *)data;

	if (size < 1)
		return 0;
	cfg = data[0];
	group = (cfg >> 3) & 3;
	recs = calloc(MAX_RECS, sizeof(*recs));
	FZ_CHECK(recs != NULL);
	if (group != 0 && size == 1)
		event(recs, 0, cfg); /* nothing: -EINVAL */
	while (off < size) {
		const char *nl = memchr(in + off, '\n', size - off);
		size_t len = nl ? (size_t)(nl - (in + off)) : size - off;
		struct ak_rec rec;
		int k = ak_rec_parse_line(&rec, in + off, len, NULL, 0);

		if (len == 0 && group == 2 && n) {
			event(recs, n, cfg);
			for (size_t i = 0; i < n; i++)
				free(recs[i].fields);
			n = 0;
		}
		if (k >= 0) {
			struct ak_field *f = malloc((size_t)k * sizeof(*f) + 1);

			FZ_CHECK(f != NULL);
			FZ_CHECK(ak_rec_parse_line(&rec, in + off, len, f, (size_t)k) == k);
			if (n && ((group == 1 && rec.serial != recs[n - 1].serial) || group == 3 ||
				  n == MAX_RECS)) {
				event(recs, n, cfg);
				for (size_t i = 0; i < n; i++)
					free(recs[i].fields);
				n = 0;
			}
			recs[n++] = rec;
		}
		off += len + 1;
	}
	if (n || group == 0)
		event(recs, n, cfg);
	for (size_t i = 0; i < n; i++)
		free(recs[i].fields);
	free(recs);
	return 0;
}
