/* adr_parse.c: one ADR file's text to a struct dk_adr, for every common
 * format as people write it: adr-tools/Nygard (status badges included),
 * MADR 2.x (bullet metadata), 3.x and 4.x (front matter), log4brains and
 * free-form files under a '# Title'. Nothing here touches a database. */
#include "adr_parser.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "docket/date.h"

/* ---- the parser ------------------------------------------------------- */

int adr_perr(struct parser *p, const char *fmt, ...)
{
	char msg[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return dk_fail(p->err, DK_EINPUT, "%s:%d: %s", p->name, p->line, msg);
}

void adr_note(struct parser *p, const char *fmt, ...)
{
	char msg[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (strstr(dk_buf_str(&p->notes), msg) == NULL) /* said once */
		dk_buf_addf(&p->notes, "%s%s", p->notes.len ? "; " : "", msg);
}

/* A section's text without its leading and trailing blank lines; NULL when empty. */
static const char *section_text(struct dk_adr *a, const struct dk_buf *b)
{
	const char *s = dk_buf_str(b), *e = s + strlen(s);

	/* blank lines first, also those holding only spaces */
	for (const char *t = s; *t == ' ' || *t == '\t' || *t == '\n'; t++)
		if (*t == '\n')
			s = t + 1;
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	return e > s ? dk_adr_strndup(a, s, (size_t)(e - s)) : NULL;
}

static enum section heading(const char *h, int level)
{
	static const struct { const char *name; enum section sec; } names[] = {
		{"status", SEC_STATUS},
		{"context", SEC_CONTEXT},
		{"context and problem statement", SEC_CONTEXT},
		{"problem statement", SEC_CONTEXT},
		{"decision", SEC_DECISION},
		{"consequences", SEC_CONSEQUENCES},
		{"positive consequences", SEC_CONSEQUENCES},
		{"negative consequences", SEC_CONSEQUENCES},
		{"decision drivers", SEC_DRIVERS},
		{"considered options", SEC_OPTIONS},
		{"considered alternatives", SEC_OPTIONS},
		{"alternatives considered", SEC_OPTIONS},
		{"options considered", SEC_OPTIONS},
		{"decision outcome", SEC_OUTCOME},
		{"confirmation", SEC_CONFIRMATION},
		{"pros and cons of the options", SEC_PROSCONS},
		{"more information", SEC_LINKS},
		{"links", SEC_LINKS},
		{"related decisions", SEC_LINKS},
		{"docket record", SEC_RECORD},
	};

	(void)level;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(h, names[i].name) == 0)
			return names[i].sec;
	return SEC_OTHER;
}

/* A heading's words, lower case, without comments, marks or a trailing colon. */
static void heading_words(const char *s, char *out, size_t size)
{
	struct dk_buf b = {0}, t = {0};
	const char *c;

	while ((c = strstr(s, "<!--")) != NULL) {
		dk_buf_add(&t, s, (size_t)(c - s));
		s = strstr(c, "-->") ? strstr(c, "-->") + 3 : c + strlen(c);
	}
	dk_buf_adds(&t, s);
	adr_normal(dk_buf_str(&t), &b);
	snprintf(out, size, "%s", dk_buf_str(&b));
	dk_buf_free(&b);
	dk_buf_free(&t);
}

static const char *title_of(struct parser *p, const char *t);

static int finish(struct parser *p)
{
	struct dk_adr *a = p->a;
	const char *t, *intro;

	if (a->title && !p->title_line) /* from front matter: read as a '# ' line is */
		a->title = title_of(p, a->title);

	intro = section_text(a, &p->text[SEC_NONE]);
	a->problem = section_text(a, &p->text[SEC_CONTEXT]);
	if (intro) {
		/* free-form text under the title: the context, before any Context section */
		struct dk_buf b = {0};
		dk_buf_addf(&b, "%s%s%s", intro, a->problem ? "\n\n" : "", a->problem ? a->problem : "");
		a->problem = dk_adr_strndup(a, dk_buf_str(&b), b.len);
		dk_buf_free(&b);
	}
	a->consequences = section_text(a, &p->text[SEC_CONSEQUENCES]);
	a->confirmation = section_text(a, &p->text[SEC_CONFIRMATION]);
	t = section_text(a, &p->text[SEC_DECISION]);
	adr_outcome(p, t ? t : section_text(a, &p->text[SEC_OUTCOME]));
	if (t && section_text(a, &p->text[SEC_OUTCOME])) {
		adr_note(p, "the Decision Outcome section was left out (the Decision section is kept)");
	}
	if (a->chosen && *a->chosen) {
		int i = adr_add_option(p, a->chosen);
		if (i < 0)
			return p->err->status;
		a->chosen = a->options[i].name;
	}
	if (a->title == NULL || a->title[0] == '\0')
		return adr_perr(p, "there is no '# Title' line");
	if (a->problem == NULL)
		a->problem = a->title; /* an ADR without a Context has only its title */
	if (p->dropped.len)
		adr_note(p, "not kept: %s", dk_buf_str(&p->dropped));
	if (p->links_prose)
		adr_note(p, "not kept: the More Information text (its links are)");
	if (p->notes.len)
		a->notes = dk_adr_strndup(a, dk_buf_str(&p->notes), p->notes.len);
	return DK_OK;
}

/* The title without an "N. ", "ADR-N: " or "ADR 12 - " number in front;
 * the number is the record's when its file name has none. */
static const char *title_of(struct parser *p, const char *t)
{
	const char *s = t, *d;
	int adr = 0;
	int64_t num;
	char *end;

	while (*t == ' ' || *t == '\t')
		t++;
	s = t;
	if (strncasecmp(s, "[adr", 4) == 0)
		s++;
	if (strncasecmp(s, "adr", 3) == 0 && (s[3] == '-' || s[3] == ' ' || s[3] == '_' ||
	                                      isdigit((unsigned char)s[3]))) {
		s += 3 + !isdigit((unsigned char)s[3]);
		adr = 1;
	}
	if (!isdigit((unsigned char)*s))
		return adr_trimmed(p->a, t, strlen(t));
	num = strtoll(s, &end, 10);
	d = end;
	if (*d == ']')
		d++;
	if ((d[0] == '.' || d[0] == ':') && d[1] == ' ')
		d += 2;
	else if (strncmp(d, " - ", 3) == 0)
		d += 3;
	else if (strncmp(d, " \xe2\x80\x93 ", 5) == 0)
		d += 5;
	else if (adr && (d[0] == ' ' || d[0] == ':'))
		d += 1;
	else
		return adr_trimmed(p->a, t, strlen(t));
	while (*d == ' ')
		d++;
	if (p->a->number == DK_ADR_NO_NUMBER && !adr_date_prefix(p->base))
		p->a->number = num;
	else if (p->a->number != num)
		return adr_trimmed(p->a, t, strlen(t)); /* "2024: the plan" in 0012-...: the title's own */
	return *d ? adr_trimmed(p->a, d, strlen(d)) : adr_trimmed(p->a, t, strlen(t));
}

/* A body line as written: the '\' the writer put before a line that would
 * read as a heading, front matter or a fence is removed. */
static const char *unescaped(const char *line)
{
	if (line[0] == '\\' && line[1] && strchr("#-=`~\\", line[1]))
		return line + 1;
	return line;
}

static void text_line(struct parser *p, int sec, const char *line)
{
	dk_buf_addf(&p->text[sec], "%s\n", line);
}

/* A line outside any heading before the first section: metadata or prose. */
static int intro_line(struct parser *p, const char *line)
{
	const char *b = adr_bullet(line), *s = b ? b : line, *colon;
	char key[32];
	size_t k;

	while (*s == '*' || *s == '_')
		s++;
	colon = strchr(s, ':');
	if (colon && (k = (size_t)(colon - s)) < sizeof key && k > 0) {
		const char *v;
		int rc;
		for (size_t i = 0; i < k; i++)
			key[i] = (char)tolower((unsigned char)s[i]);
		while (k && (key[k - 1] == '*' || key[k - 1] == '_'))
			k--;
		key[k] = '\0';
		v = colon + 1;
		while (*v == '*' || *v == '_' || *v == ' ')
			v++;
		v = adr_trimmed(p->a, v, strlen(v));
		rc = adr_meta(p, key, v ? v : "", 0);
		if (rc != 1)
			return rc;
	}
	if (!p->status_seen && strstr(line, "![")) {
		/* a status badge under the title */
		const char *status, *reason;
		if (dk_adr_status_read(p->a, line, p->map, &status, &reason) == 1)
			return adr_status_words(p, line);
	}
	text_line(p, SEC_NONE, unescaped(line));
	return DK_OK;
}

static int status_line(struct parser *p, const char *line)
{
	int kind, rc = DK_OK;
	const char *label, *b = adr_bullet(line), *s = b ? b : line;

	if (*line == '\0')
		return DK_OK;
	if (adr_link_line(p, line, &rc, &kind, &label)) {
		/* "Superseded by [..](..)" is the status too; so is "Partly superseded by" */
		if (rc == DK_OK && !p->status_seen && kind != DK_ADR_SUPERSEDES) {
			const char *status, *reason;
			if (dk_adr_status_read(p->a, label, p->map, &status, &reason) == 1)
				rc = adr_status_words(p, label);
		}
		return rc;
	}
	if (strncasecmp(s, "reason:", 7) == 0) {
		p->a->status_reason = adr_trimmed(p->a, s + 7, strlen(s + 7));
		return DK_OK;
	}
	if (strncasecmp(s, "date:", 5) == 0)
		return p->a->date ? DK_OK : adr_set_date(p, adr_trimmed(p->a, s + 5, strlen(s + 5)), &p->a->date,
		                                     "date");
	if (!p->status_seen)
		return adr_status_words(p, line);
	return DK_OK;
}

/* A '## ' or '### ' heading line; returns the section that follows. */
static int heading_line(struct parser *p, const char *line, int level, int *sec)
{
	char h[128];
	const char *raw = line + level + 1;
	enum section next;

	if (level >= 4) {
		text_line(p, *sec, line); /* '#### ' never opens a section */
		return DK_OK;
	}
	heading_words(raw, h, sizeof h);
	next = heading(h, level);
	if (*sec == SEC_PROSCONS && level >= 3 && next == SEC_OTHER) {
		const char *t = adr_trimmed(p->a, raw, strlen(raw));
		p->proscons_option = -1;
		if (t && *t && (p->proscons_option = adr_add_option(p, t)) < 0)
			return p->err->status; /* an empty heading names no option */
		return DK_OK;
	}
	if (level >= 3 && next == SEC_OTHER) {
		text_line(p, *sec, line); /* part of the text */
		return DK_OK;
	}
	if (next == SEC_CONSEQUENCES && strcmp(h, "consequences") != 0)
		text_line(p, SEC_CONSEQUENCES, line); /* MADR 2's Positive / Negative Consequences */
	if (next == SEC_OTHER && *h) {
		char name[80];
		snprintf(name, sizeof name, "'%.60s'", h);
		if (!strstr(dk_buf_str(&p->dropped), name))
			dk_buf_addf(&p->dropped, "%s%s", p->dropped.len ? ", " : "", name);
	}
	p->proscons_option = -1;
	*sec = next;
	return DK_OK;
}

static int body_line(struct parser *p, const char *line, int sec)
{
	const char *b = adr_bullet(line);

	switch (sec) {
	case SEC_NONE:
		return intro_line(p, line);
	case SEC_STATUS:
		return status_line(p, line);
	case SEC_DRIVERS:
		if (b)
			return adr_add_item(p, adr_trimmed(p->a, b, strlen(b)), p->a->drivers, &p->a->n_drivers,
			                "decision drivers");
		return DK_OK;
	case SEC_OPTIONS:
		if (b && line[0] != ' ') {
			const char *o = adr_trimmed(p->a, b, strlen(b));
			if (o && *o && adr_add_option(p, o) < 0)
				return p->err->status;
		}
		return DK_OK;
	case SEC_PROSCONS:
		return adr_pros_cons_line(p, line);
	case SEC_LINKS: {
		int kind, rc = DK_OK;
		const char *label;
		if (!adr_link_line(p, line, &rc, &kind, &label) && *line)
			p->links_prose = 1;
		return rc;
	}
	case SEC_RECORD:
	case SEC_OTHER:
		return DK_OK;
	default:
		text_line(p, sec, unescaped(line));
		return DK_OK;
	}
}

/* A fence opening or closing: ``` or ~~~ (three or more), indented at most 3. */
static int fence_line(struct parser *p, const char *line, int sec)
{
	const char *s = line + strspn(line, " ");
	size_t n;

	if (s - line > 3 || (*s != '`' && *s != '~')) {
		if (p->fence[0] == '\0')
			return 0;
		goto inside;
	}
	n = strspn(s, *s == '`' ? "`" : "~");
	if (n < 3 || (p->fence[0] == '\0' && *s == '`' && strchr(s + n, '`'))) {
		/* ```code``` inline is no fence */
		if (p->fence[0] == '\0')
			return 0;
		goto inside;
	}
	if (p->fence[0] == '\0')
		snprintf(p->fence, sizeof p->fence, "%.*s", (int)(n < 7 ? n : 7), s);
	else if (s[0] == p->fence[0] && n >= strlen(p->fence) && s[n + strspn(s + n, " \t")] == '\0')
		p->fence[0] = '\0';
	else
		goto inside;
	if (sec != SEC_STATUS && sec != SEC_OPTIONS && sec != SEC_DRIVERS && sec != SEC_PROSCONS &&
	    sec != SEC_LINKS && sec != SEC_OTHER && sec != SEC_RECORD)
		text_line(p, sec, line);
	return 1;
inside:
	if (sec != SEC_STATUS && sec != SEC_OPTIONS && sec != SEC_DRIVERS && sec != SEC_PROSCONS &&
	    sec != SEC_LINKS && sec != SEC_OTHER && sec != SEC_RECORD)
		text_line(p, sec, line);
	return 1;
}

int dk_adr_parse(const char *name, const char *text, const struct dk_adr_status_map *map,
                 struct dk_adr *out, struct dk_error *err)
{
	struct parser p;
	const char *s = text, *base = strrchr(name, '/');
	char *line = malloc(strlen(text) + 1), *prev = malloc(strlen(text) + 1);
	int sec = SEC_NONE, in_front = 0, rc = DK_OK;

	dk_adr_init(out);
	memset(&p, 0, sizeof p);
	p.name = name;
	p.a = out;
	p.err = err;
	p.map = map;
	p.base = base ? base + 1 : name;
	p.proscons_option = -1;
	if (line == NULL || prev == NULL) {
		free(line);
		free(prev);
		return dk_fail(err, DK_EDB, "out of memory");
	}
	prev[0] = '\0';
	if (strncmp(s, "\xef\xbb\xbf", 3) == 0) /* a byte order mark some editors write */
		s += 3;
	out->file = dk_adr_strndup(out, name, strlen(name));
	out->number = dk_adr_name_number(base ? base + 1 : name);
	while (*s && rc == DK_OK) {
		size_t n = strcspn(s, "\n");
		p.line++;
		memcpy(line, s, n);
		line[n] = '\0';
		if (n > 0 && line[n - 1] == '\r')
			line[--n] = '\0';
		s += strcspn(s, "\n");
		if (*s == '\n')
			s++;
		if (p.line == 1 && strcmp(line, "---") == 0) {
			in_front = 1;
			continue;
		}
		if (in_front) {
			if (strcmp(line, "---") == 0 || strcmp(line, "...") == 0)
				in_front = 0;
			else
				rc = adr_front_line(&p, line);
			continue;
		}
		if (fence_line(&p, line, sec))
			goto next;
		if (line[0] == '#') {
			/* an ATX heading's closing '#'s ("## Status ##") are no part of it */
			size_t k = n, lead = strspn(line, "#");
			while (k > lead && line[k - 1] == '#')
				k--;
			if (k < n && k > lead && (line[k - 1] == ' ' || line[k - 1] == '\t')) {
				while (k > lead && (line[k - 1] == ' ' || line[k - 1] == '\t'))
					k--;
				line[k] = '\0';
				n = k;
			}
		}
		if (line[0] == '#' && line[1] == ' ' && out->title == NULL) {
			out->title = title_of(&p, line + 2);
			p.title_line = p.line;
			goto next;
		}
		if (out->title == NULL && sec == SEC_NONE && prev[0] && strspn(line, "=") == n && n >= 3) {
			/* a setext title: the line before, underlined */
			out->title = title_of(&p, prev);
			p.title_line = p.line;
			dk_buf_free(&p.text[SEC_NONE]);
			goto next;
		}
		if (strncmp(line, "## ", 3) == 0 || strncmp(line, "### ", 4) == 0 ||
		    strncmp(line, "#### ", 5) == 0) {
			rc = heading_line(&p, line, (int)strspn(line, "#"), &sec);
			goto next;
		}
		if (line[0] == '#' && line[1] == ' ') {
			/* another level-1 heading: a section when it names one, else text */
			char h[128];
			heading_words(line + 2, h, sizeof h);
			if (heading(h, 1) != SEC_OTHER)
				rc = heading_line(&p, line, 1, &sec);
			else
				rc = body_line(&p, line, sec);
			goto next;
		}
		if (sec == SEC_NONE && strncmp(line, "<!--", 4) == 0 && strstr(line, "-->") &&
		    strstr(line, "-->")[3] == '\0')
			goto next; /* a comment line (markdownlint and the like) */
		rc = body_line(&p, line, sec);
	next:
		memcpy(prev, line, n + 1);
	}
	if (rc == DK_OK && in_front)
		rc = adr_perr(&p, "the front matter has no closing '---'");
	if (rc == DK_OK)
		rc = finish(&p);
	if (rc == DK_OK && out->oom)
		rc = dk_fail(err, DK_EDB, "out of memory");
	for (int i = 0; i < SEC_COUNT; i++)
		dk_buf_free(&p.text[i]);
	dk_buf_free(&p.notes);
	dk_buf_free(&p.dropped);
	free(line);
	free(prev);
	return rc;
}
