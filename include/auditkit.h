/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Copyright (C) 2026 The auditkit authors */
#ifndef AUDITKIT_H
#define AUDITKIT_H

/* The umbrella header: everything auditkit offers.  Conventions (ownership,
 * errors) are stated once in <auditkit/base.h>. */

#include <auditkit/base.h>
#include <auditkit/tables.h>
#include <auditkit/rule.h>
#include <auditkit/record.h>
#include <auditkit/interp.h>
#include <auditkit/json.h>
#include <auditkit/format.h>
#include <auditkit/coalesce.h>
#include <auditkit/netlink.h>
#include <auditkit/reasm.h>
#include <auditkit/values.h>

#endif
