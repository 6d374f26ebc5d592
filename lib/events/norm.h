/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AK_EVENTS_NORM_H
#define AK_EVENTS_NORM_H

/*
 * go-libaudit's normalizations (aucoalesce/normalizations.yaml) as static
 * const data.  The tables are generated into lib/tables/normalizations.c by
 * scripts/gen-normalizations.py; this header is their shape.
 *
 * String lists are packed: "acct\0id\0uid\0" (each element NUL-terminated, an
 * empty element ends the list); NULL means an empty list.
 */

#include <stddef.h>
#include <stdint.h>

enum ak__norm_from {
	AK__NORM_FROM_SUBJ_PRIMARY,
	AK__NORM_FROM_SUBJ_SECONDARY,
	AK__NORM_FROM_OBJ_PRIMARY,
	AK__NORM_FROM_OBJ_SECONDARY,
	AK__NORM_FROM_DATA, /* data.<key> */
	AK__NORM_FROM_UID,  /* uid.<key>: user.ids */
};

enum ak__norm_to {
	AK__NORM_TO_USER,
	AK__NORM_TO_USER_EFFECTIVE,
	AK__NORM_TO_USER_TARGET,
	AK__NORM_TO_USER_CHANGES,
	AK__NORM_TO_GROUP,
};

struct ak__norm_map {
	uint8_t from;    /* enum ak__norm_from */
	uint8_t to;      /* enum ak__norm_to */
	const char *key; /* for data.<key> and uid.<key> */
};

struct ak__norm {
	const char *action;      /* NULL: none (the "*" catch-all) */
	const char *object_what; /* NULL: none */
	int path_index;          /* object_path_index */
	const char *subj_primary, *subj_secondary; /* packed lists */
	const char *obj_primary, *obj_secondary;
	const char *how, *source_ip, *has_fields;
	const char *ecs_kind;                 /* NULL: none */
	const char *ecs_category, *ecs_type; /* packed lists */
	const struct ak__norm_map *maps;
	uint8_t nmaps;
};

/* The YAML's name did not match any record type and was corrected. */
#define AK__NORM_MISNAMED 1u

struct ak__norm_key {
	const char *name; /* syscall name, or record type name */
	uint16_t norm;    /* index into ak__norms */
	uint8_t flags;
};

extern const struct ak__norm ak__norms[];
extern const size_t ak__nnorms;
extern const struct ak__norm_key ak__norm_syscalls[];
extern const size_t ak__nnorm_syscalls;
extern const struct ak__norm_key ak__norm_rectypes[];
extern const size_t ak__nnorm_rectypes;

#endif
