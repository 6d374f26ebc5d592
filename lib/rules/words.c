// SPDX-License-Identifier: LGPL-2.1-or-later
/* Copyright (C) 2026 The auditkit authors */
/*
 * Splitting a rule line into words: as a POSIX shell does (what a user types
 * after `auditctl`), or as auditctl splits the lines of a rules file (on
 * spaces only, backslash-space kept; quotes are ordinary characters there).
 */
#include <errno.h>
#include <string.h>

#include "rules/rule-internal.h"

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int fail(struct ak_diag *d, size_t pos, size_t len, const char *msg, int err)
{
	if (d) {
		d->pos = pos;
		d->len = len;
		d->msg = msg;
	}
	return err;
}

/*
 * auditctl 3.0.9's rules-file splitting: backslash-space is a space inside a
 * word and two backslashes one backslash (it marks both bytes 0x07 or 0x04 before splitting and
 * turns them back after, in every word but the first), other backslashes
 * stay; words are separated by spaces only (a tab is part of a word).
 */
static int split_auditctl(const char *line, size_t len, char *scratch, size_t scap,
			  char **words, size_t *pos, size_t max, struct ak_diag *d)
{
	char marked[AK_RULE_LINE_MAX];
	size_t n = 0, o = 0, i = 0;
	bool esc = false;

	if (len > sizeof(marked))
		return fail(d, 0, len, "line too long", -ERANGE);
	memcpy(marked, line, len);
	for (i = 0; i < len; i++) {
		if (marked[i] == '\\' && !esc) {
			esc = true;
			continue;
		}
		if (esc) {
			if (marked[i] == ' ')
				marked[i] = marked[i - 1] = 0x07;
			else if (marked[i] == '\\')
				marked[i] = marked[i - 1] = 0x04;
			esc = false;
		}
	}
	i = 0;
	while (i < len) {
		size_t start;

		if (marked[i] == ' ') {
			i++;
			continue;
		}
		start = i;
		while (i < len && marked[i] != ' ')
			i++;
		if (n == max)
			return fail(d, start, i - start, "too many words", -ERANGE);
		if (o + (i - start) + 1 > scap)
			return fail(d, start, i - start, "line too long", -ERANGE);
		words[n] = scratch + o;
		pos[n] = start;
		for (size_t k = start; k < i; k++) {
			char c = marked[k];

			if (n > 0 && (c == 0x07 || c == 0x04)) {
				scratch[o++] = c == 0x07 ? ' ' : '\\';
				k++; /* the pair stands for one byte */
				continue;
			}
			scratch[o++] = c;
		}
		scratch[o++] = 0;
		n++;
	}
	/* auditctl skips a line whose first word starts with '#'. */
	if (n && words[0][0] == '#')
		return 0;
	return (int)n;
}

static int split_shell(const char *line, size_t len, char *scratch, size_t scap,
		       char **words, size_t *pos, size_t max, struct ak_diag *d)
{
	size_t n = 0, o = 0, i = 0;

	for (;;) {
		size_t start;
		bool quoted_any = false;

		while (i < len && is_blank(line[i]))
			i++;
		if (i >= len || line[i] == '#')
			break;
		start = i;
		if (n == max)
			return fail(d, start, 1, "too many words", -ERANGE);
		words[n] = scratch + o;
		pos[n] = start;
		while (i < len && !is_blank(line[i])) {
			char c = line[i];

			if (o + 2 > scap)
				return fail(d, start, i - start, "line too long", -ERANGE);
			if (c == '\'') {
				size_t q = i++;

				quoted_any = true;
				while (i < len && line[i] != '\'') {
					if (o + 2 > scap)
						return fail(d, start, i - start, "line too long",
							    -ERANGE);
					scratch[o++] = line[i++];
				}
				if (i >= len)
					return fail(d, q, len - q, "unterminated quote", -EINVAL);
				i++;
			} else if (c == '"') {
				size_t q = i++;

				quoted_any = true;
				while (i < len && line[i] != '"') {
					if (o + 2 > scap)
						return fail(d, start, i - start, "line too long",
							    -ERANGE);
					if (line[i] == '\\' && i + 1 < len &&
					    strchr("\"\\$`\n", line[i + 1])) {
						if (line[i + 1] != '\n')
							scratch[o++] = line[i + 1];
						i += 2;
						continue;
					}
					scratch[o++] = line[i++];
				}
				if (i >= len)
					return fail(d, q, len - q, "unterminated quote", -EINVAL);
				i++;
			} else if (c == '\\') {
				if (i + 1 >= len)
					return fail(d, i, 1, "backslash at end of line", -EINVAL);
				if (line[i + 1] != '\n')
					scratch[o++] = line[i + 1];
				i += 2;
			} else {
				scratch[o++] = c;
				i++;
			}
		}
		(void)quoted_any;
		scratch[o++] = 0;
		n++;
	}
	return (int)n;
}

int ak__split(const char *line, size_t len, enum ak_rule_split split, char *scratch,
	      size_t scap, char **words, size_t *pos, size_t max, struct ak_diag *d)
{
	if (split == AK_SPLIT_AUDITCTL)
		return split_auditctl(line, len, scratch, scap, words, pos, max, d);
	return split_shell(line, len, scratch, scap, words, pos, max, d);
}
