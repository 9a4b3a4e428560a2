/* gen_pg_lex: PostgreSQL SQL cut into tokens for the build-time tools
 * (gen_pg_lex.h). */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen_pg_lex.h"

const char *g_file = "";

void die(int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "gen_pg_objects: %s.sql: line %d: ", g_file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

void *xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n)) == NULL) {
		fprintf(stderr, "gen_pg_objects: out of memory\n");
		exit(1);
	}
	return p;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xrealloc(NULL, n), s, n);
}

void addn(struct buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

void addc(struct buf *b, char c) { addn(b, &c, 1); }

char *take(struct buf *b)
{
	char *p = b->p != NULL ? b->p : xstrdup("");
	b->p = NULL;
	b->n = b->cap = 0;
	return p;
}

/* ---- lexing ---- */

int ident_start(unsigned char c) { return isalpha(c) || c == '_' || c >= 0x80; }
int tag_char(unsigned char c) { return isalnum(c) || c == '_' || c >= 0x80; }
static int ident_char(unsigned char c) { return tag_char(c) || c == '$'; }

static void add_utf8(struct buf *b, unsigned long u, int line)
{
	char e[4];
	int n;

	if (u == 0 || u > 0x10ffff || (u >= 0xd800 && u <= 0xdfff))
		die(line, "an escape string holds the code point %lx, which PostgreSQL refuses", u);
	if (u < 0x80) {
		e[0] = (char)u;
		n = 1;
	} else if (u < 0x800) {
		e[0] = (char)(0xc0 | (u >> 6));
		e[1] = (char)(0x80 | (u & 0x3f));
		n = 2;
	} else if (u < 0x10000) {
		e[0] = (char)(0xe0 | (u >> 12));
		e[1] = (char)(0x80 | ((u >> 6) & 0x3f));
		e[2] = (char)(0x80 | (u & 0x3f));
		n = 3;
	} else {
		e[0] = (char)(0xf0 | (u >> 18));
		e[1] = (char)(0x80 | ((u >> 12) & 0x3f));
		e[2] = (char)(0x80 | ((u >> 6) & 0x3f));
		e[3] = (char)(0x80 | (u & 0x3f));
		n = 4;
	}
	addn(b, e, (size_t)n);
}

/* A backslash escape of an E'...' string at s[*i] (after the backslash). */
static void escape(const char *s, size_t n, size_t *i, struct buf *b, int line)
{
	static const char simple[] = "b\bf\fn\nr\rt\t";
	char c = s[*i];
	const char *m = strchr(simple, c);
	unsigned long v = 0;
	int k = 0;

	if (c != '\0' && m != NULL && (m - simple) % 2 == 0) {
		addc(b, m[1]);
		(*i)++;
	} else if (c >= '0' && c <= '7') {
		for (; k < 3 && *i < n && s[*i] >= '0' && s[*i] <= '7'; k++, (*i)++)
			v = v * 8 + (unsigned long)(s[*i] - '0');
		if (v == 0)
			die(line, "an escape string holds a zero byte");
		addc(b, (char)v);
	} else if (c == 'x' && *i + 1 < n && isxdigit((unsigned char)s[*i + 1])) {
		for ((*i)++; k < 2 && *i < n && isxdigit((unsigned char)s[*i]); k++, (*i)++)
			v = v * 16 + (unsigned long)(isdigit((unsigned char)s[*i]) ? s[*i] - '0'
			                                         : tolower((unsigned char)s[*i]) - 'a' + 10);
		if (v == 0)
			die(line, "an escape string holds a zero byte");
		addc(b, (char)v);
	} else if (c == 'u' || c == 'U') {
		int want = c == 'u' ? 4 : 8;
		for ((*i)++; k < want; k++, (*i)++) {
			if (*i >= n || !isxdigit((unsigned char)s[*i]))
				die(line, "a \\%c escape needs %d hex digits", c, want);
			v = v * 16 + (unsigned long)(isdigit((unsigned char)s[*i]) ? s[*i] - '0'
			                                         : tolower((unsigned char)s[*i]) - 'a' + 10);
		}
		add_utf8(b, v, line);
	} else {
		addc(b, c);
		(*i)++;
	}
}

void lex(const char *s, size_t n, struct toks *out)
{
	size_t i = 0;
	int line = 1, nl = 0;

	out->n = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		struct buf b = {0};
		struct tok t;

		if (c == '\n') {
			line++;
			nl = 1;
			i++;
			continue;
		}
		if (isspace(c)) {
			i++;
			continue;
		}
		if (c == '-' && s[i + 1] == '-') {
			while (i < n && s[i] != '\n')
				i++;
			continue;
		}
		if (c == '/' && s[i + 1] == '*') {
			int depth = 1, at = line;
			for (i += 2; i < n && depth > 0;) {
				if (s[i] == '/' && s[i + 1] == '*')
					depth++, i += 2;
				else if (s[i] == '*' && s[i + 1] == '/')
					depth--, i += 2;
				else
					line += s[i++] == '\n';
			}
			if (depth > 0)
				die(at, "a comment is not closed");
			continue;
		}
		t.start = i;
		t.line = line;
		t.nl_before = nl;
		nl = 0;
		if ((c == 'U' || c == 'u') && s[i + 1] == '&' && (s[i + 2] == '\'' || s[i + 2] == '"'))
			die(line, "U&'...' literals are not understood");
		if (c == '\'' || (strchr("EeBbXxNn", (char)c) != NULL && c != '\0' && s[i + 1] == '\'')) {
			int esc = c == 'E' || c == 'e';
			i += c == '\'' ? 1 : 2;
			for (;;) {
				if (i >= n)
					die(t.line, "a string is not closed");
				if (s[i] == '\'' && s[i + 1] == '\'') {
					addc(&b, '\'');
					i += 2;
				} else if (s[i] == '\'') {
					i++;
					break;
				} else if (esc && s[i] == '\\') {
					i++;
					escape(s, n, &i, &b, line);
				} else {
					line += s[i] == '\n';
					addc(&b, s[i++]);
				}
			}
			t.kind = T_STR;
		} else if (c == '"') {
			for (i++;;) {
				if (i >= n)
					die(t.line, "a quoted name is not closed");
				if (s[i] == '"' && s[i + 1] == '"') {
					addc(&b, '"');
					i += 2;
				} else if (s[i] == '"') {
					i++;
					break;
				} else {
					line += s[i] == '\n';
					addc(&b, s[i++]);
				}
			}
			t.kind = T_QWORD;
		} else if (c == '$' && isdigit((unsigned char)s[i + 1])) {
			for (i++; i < n && isdigit((unsigned char)s[i]); i++)
				;
			t.kind = T_PARAM;
			addn(&b, s + t.start, i - t.start);
		} else if (c == '$' && (s[i + 1] == '$' || ident_start((unsigned char)s[i + 1]))) {
			size_t j = i + 1, tag;
			const char *end;
			while (j < n && tag_char((unsigned char)s[j]))
				j++;
			if (j >= n || s[j] != '$')
				die(line, "a '$' that starts no dollar quote");
			tag = j + 1 - i;
			for (end = s + j + 1; (end = strchr(end, '$')) != NULL; end++)
				if (strncmp(end, s + i, tag) == 0)
					break;
			if (end == NULL)
				die(t.line, "the dollar quote %.*s is not closed", (int)tag, s + i);
			addn(&b, s + j + 1, (size_t)(end - (s + j + 1)));
			for (const char *p = s + i; p < end; p++)
				line += *p == '\n';
			i = (size_t)(end - s) + tag;
			t.kind = T_DSTR;
		} else if (ident_start(c)) {
			for (; i < n && ident_char((unsigned char)s[i]); i++)
				addc(&b, (char)tolower((unsigned char)s[i]));
			t.kind = T_WORD;
		} else if (isdigit(c) || (c == '.' && isdigit((unsigned char)s[i + 1]))) {
			for (; i < n && (isalnum((unsigned char)s[i]) || s[i] == '.' || s[i] == '_'); i++)
				addc(&b, s[i]);
			t.kind = T_NUM;
		} else {
			addc(&b, s[i++]);
			t.kind = T_PUNCT;
		}
		t.end = i;
		t.text = take(&b);
		if (out->n == out->cap) {
			out->cap = out->cap ? out->cap * 2 : 1024;
			out->t = xrealloc(out->t, (size_t)out->cap * sizeof *out->t);
		}
		out->t[out->n++] = t;
	}
}
