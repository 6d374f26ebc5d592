// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * The record parser's SSE2 key test (key16) against the library's, which on
 * a CPU with SSSE3 is key16_lut: test-record-ref's cases with record.c's
 * second build made with AK_REC_SSE2_ONLY (fast paths, SSE2 alone).  Where
 * the CPU lacks SSSE3 both are SSE2 and this compares the same code.
 */
#define AK_REC_SSE2_ONLY 1
#include "test-record-ref.c"
