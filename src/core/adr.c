#include "docket/adr.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "docket/date.h"
#include "docket/db.h"
#include "docket/decision.h"
#include "docket/key.h"

#define ADR_FILE_MAX (1024 * 1024) /* bytes of one ADR file */
#define ADR_DIR_MAX 10000          /* files in one directory */

/* ---- arena ------------------------------------------------------------ */

void dk_adr_init(struct dk_adr *a) { memset(a, 0, sizeof *a); }

void dk_adr_free(struct dk_adr *a)
{
	for (size_t i = 0; i < a->n_mem; i++)
		free(a->mem[i]);
	free(a->mem);
	dk_adr_init(a);
}

const char *dk_adr_strndup(struct dk_adr *a, const char *s, size_t n)
{
	char *p;

	if (a->n_mem == a->cap_mem) {
		size_t cap = a->cap_mem ? a->cap_mem * 2 : 32;
		char **m = realloc(a->mem, cap * sizeof *m);
		if (m == NULL)
			return NULL;
		a->mem = m;
		a->cap_mem = cap;
	}
	if ((p = malloc(n + 1)) == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	a->mem[a->n_mem++] = p;
	return p;
}

/* ---- parsing ---------------------------------------------------------- */

enum section {
	SEC_NONE, SEC_STATUS, SEC_CONTEXT, SEC_DECISION, SEC_CONSEQUENCES, SEC_DRIVERS,
	SEC_OPTIONS, SEC_OUTCOME, SEC_CONFIRMATION, SEC_PROSCONS, SEC_MORE, SEC_OTHER,
};

struct parser {
	const char *name;      /* file name, for messages */
	struct dk_adr *a;
	struct dk_error *err;
	int line;              /* current line number */
	struct dk_buf text[SEC_OTHER + 1]; /* each section's lines */
	int proscons_option;   /* index of the option a Pros and Cons subsection is about, or -1 */
};

static int perr(struct parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int perr(struct parser *p, const char *fmt, ...)
{
	char msg[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return dk_fail(p->err, DK_EINPUT, "%s: line %d: %s", p->name, p->line, msg);
}

static const char *trimmed(struct dk_adr *a, const char *s, size_t n)
{
	while (n > 0 && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	return dk_adr_strndup(a, s, n);
}

/* A section's text without its leading and trailing blank lines; NULL when empty. */
static const char *section_text(struct dk_adr *a, const struct dk_buf *b)
{
	const char *s = dk_buf_str(b), *e = s + strlen(s);

	while (*s == '\n' || *s == '\r')
		s++;
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	return e > s ? dk_adr_strndup(a, s, (size_t)(e - s)) : NULL;
}

/* "* item" or "- item": the item, else NULL. */
static const char *bullet(const char *line)
{
	while (*line == ' ')
		line++;
	if ((line[0] == '*' || line[0] == '-') && line[1] == ' ')
		return line + 2;
	return NULL;
}

/* Removes surrounding quotes and the escapes this writer adds. */
static const char *unquote(struct dk_adr *a, const char *s)
{
	size_t n = strlen(s);
	char *buf, *o;

	if (n < 2 || !((s[0] == '"' && s[n - 1] == '"') || (s[0] == '\'' && s[n - 1] == '\'')))
		return dk_adr_strndup(a, s, n);
	if ((buf = malloc(n)) == NULL)
		return NULL;
	o = buf;
	for (size_t i = 1; i + 1 < n; i++) {
		if (s[0] == '"' && s[i] == '\\' && i + 2 < n)
			i++;
		*o++ = s[i];
	}
	s = dk_adr_strndup(a, buf, (size_t)(o - buf));
	free(buf);
	return s;
}

/* Splits "a, b" or "[a, b]" into list. */
static int split_list(struct parser *p, const char *v, const char **list, size_t *n)
{
	size_t len = strlen(v);

	if (len >= 2 && v[0] == '[' && v[len - 1] == ']') {
		v++;
		len -= 2;
	}
	while (len > 0) {
		size_t k = 0;
		const char *item;
		while (k < len && v[k] != ',')
			k++;
		item = trimmed(p->a, v, k);
		if (item && *item) {
			if (*n >= DK_ADR_MAX_ITEMS)
				return perr(p, "more than 64 items in a list");
			list[(*n)++] = unquote(p->a, item);
		}
		v += k < len ? k + 1 : k;
		len -= k < len ? k + 1 : k;
	}
	return DK_OK;
}

/* The ADR number a "Supersedes ..." line points at: a link to NNNN-*.md,
 * else "ADR-N", else the first number. 0 when there is none. */
static int64_t linked_number(const char *s)
{
	const char *l = strstr(s, "](");

	if (l && isdigit((unsigned char)l[2]))
		return strtoll(l + 2, NULL, 10);
	if ((l = strstr(s, "ADR-")) || (l = strstr(s, "adr-")))
		if (isdigit((unsigned char)l[4]))
			return strtoll(l + 4, NULL, 10);
	for (; *s; s++)
		if (isdigit((unsigned char)*s))
			return strtoll(s, NULL, 10);
	return 0;
}

/* "Supersedes X" / "Superseded by X" lines; returns 1 when line is one. */
static int supersede_line(struct parser *p, const char *line)
{
	const char *b = bullet(line), *s = b ? b : line;
	int64_t n;

	while (*s == ' ')
		s++;
	if (strncasecmp(s, "superseded by", 13) == 0) {
		if ((n = linked_number(s + 13)) > 0)
			p->a->superseded_by = n;
		return 1;
	}
	if (strncasecmp(s, "supersedes", 10) == 0) {
		if ((n = linked_number(s + 10)) > 0)
			p->a->supersedes = n;
		return 1;
	}
	return 0;
}

static int set_status(struct parser *p, const char *word)
{
	static const char *const known[] = {"proposed", "accepted", "rejected", "superseded",
	                                    "deprecated", NULL};
	char w[32];
	size_t n = 0;

	while (*word == ' ' || *word == '*' || *word == '_')
		word++;
	for (; word[n] && isalpha((unsigned char)word[n]) && n < sizeof w - 1; n++)
		w[n] = (char)tolower((unsigned char)word[n]);
	w[n] = '\0';
	for (int i = 0; known[i]; i++)
		if (strcmp(w, known[i]) == 0) {
			p->a->status = known[i];
			return DK_OK;
		}
	return perr(p, "status '%.40s' is not one of: proposed, accepted, rejected, superseded, "
	            "deprecated", w);
}

static int front_matter(struct parser *p, const char *key, const char *v)
{
	struct dk_adr *a = p->a;

	if (strcmp(key, "status") == 0) {
		int rc = set_status(p, v);
		if (rc == DK_OK && strncasecmp(v, "superseded by", 13) == 0)
			a->superseded_by = linked_number(v + 13);
		return rc;
	}
	if (strcmp(key, "date") == 0)
		a->date = unquote(a, v);
	else if (strcmp(key, "decision-makers") == 0 || strcmp(key, "deciders") == 0)
		return split_list(p, v, a->makers, &a->n_makers);
	else if (strcmp(key, "consulted") == 0)
		return split_list(p, v, a->consulted, &a->n_consulted);
	else if (strcmp(key, "informed") == 0)
		return split_list(p, v, a->informed, &a->n_informed);
	else if (strcmp(key, "tags") == 0)
		return split_list(p, v, a->tags, &a->n_tags);
	else if (strcmp(key, "area") == 0)
		a->area = unquote(a, v);
	else if (strcmp(key, "review-by") == 0)
		a->review_by = unquote(a, v);
	else if (strcmp(key, "status-reason") == 0)
		a->status_reason = unquote(a, v);
	return DK_OK;
}

static enum section heading(const char *h, int level)
{
	static const struct { const char *name; enum section sec; int level; } names[] = {
		{"status", SEC_STATUS, 2},
		{"context", SEC_CONTEXT, 2},
		{"context and problem statement", SEC_CONTEXT, 2},
		{"decision", SEC_DECISION, 2},
		{"consequences", SEC_CONSEQUENCES, 0},
		{"decision drivers", SEC_DRIVERS, 2},
		{"considered options", SEC_OPTIONS, 2},
		{"decision outcome", SEC_OUTCOME, 2},
		{"confirmation", SEC_CONFIRMATION, 0},
		{"pros and cons of the options", SEC_PROSCONS, 2},
		{"more information", SEC_MORE, 2},
	};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcasecmp(h, names[i].name) == 0 && (names[i].level == 0 || names[i].level == level))
			return names[i].sec;
	return SEC_OTHER;
}

static int find_option(struct dk_adr *a, const char *name)
{
	for (size_t i = 0; i < a->n_options; i++)
		if (strcmp(a->options[i].name, name) == 0)
			return (int)i;
	return -1;
}

static int add_option(struct parser *p, const char *name)
{
	int i = find_option(p->a, name);

	if (i >= 0)
		return i;
	if (p->a->n_options >= DK_ADR_MAX_ITEMS) {
		perr(p, "more than 64 options");
		return -1;
	}
	p->a->options[p->a->n_options].name = name;
	return (int)p->a->n_options++;
}

/* One line inside a Pros and Cons subsection. */
static int pros_cons_line(struct parser *p, const char *line)
{
	const char *b = bullet(line);
	struct dk_adr_option *o;

	if (b == NULL || p->proscons_option < 0)
		return DK_OK;
	o = &p->a->options[p->proscons_option];
	if (strncasecmp(b, "good, because ", 14) == 0) {
		if (o->n_pros >= DK_ADR_MAX_PROS)
			return perr(p, "more than 32 pros");
		o->pros[o->n_pros++] = trimmed(p->a, b + 14, strlen(b + 14));
	} else if (strncasecmp(b, "bad, because ", 13) == 0) {
		if (o->n_cons >= DK_ADR_MAX_PROS)
			return perr(p, "more than 32 cons");
		o->cons[o->n_cons++] = trimmed(p->a, b + 13, strlen(b + 13));
	}
	return DK_OK;
}

/* The outcome: 'Chosen option: "NAME", because RATIONALE...'. */
static void outcome(struct parser *p, const char *text)
{
	static const char lead[] = "Chosen option: ";
	const char *s = text, *nl, *because, *end;
	struct dk_buf r = {0};

	if (text == NULL)
		return;
	if (strncasecmp(s, lead, sizeof lead - 1) != 0) {
		p->a->rationale = text;
		return;
	}
	s += sizeof lead - 1;
	nl = strchr(s, '\n');
	end = nl ? nl : s + strlen(s);
	because = strstr(s, ", because");
	if (because && because > end)
		because = NULL;
	if (*s == '"') {
		const char *q = because && because > s + 1 && because[-1] == '"' ? because - 1 : NULL;
		if (q == NULL)
			for (const char *x = end - 1; x > s; x--)
				if (*x == '"') {
					q = x;
					break;
				}
		p->a->chosen = q ? dk_adr_strndup(p->a, s + 1, (size_t)(q - s - 1))
		                 : trimmed(p->a, s, (size_t)(end - s));
	} else {
		const char *e = because ? because : end;
		p->a->chosen = trimmed(p->a, s, (size_t)(e - s));
	}
	if (because) {
		const char *t = because + 9;
		if (*t == ' ')
			t++;
		dk_buf_adds(&r, t);
	} else if (nl) {
		dk_buf_adds(&r, nl + 1);
	}
	p->a->rationale = dk_buf_ok(&r) && r.len ? dk_adr_strndup(p->a, r.p, r.len) : "";
	dk_buf_free(&r);
}

static int finish(struct parser *p)
{
	struct dk_adr *a = p->a;
	const char *t;

	a->problem = section_text(a, &p->text[SEC_CONTEXT]);
	a->consequences = section_text(a, &p->text[SEC_CONSEQUENCES]);
	a->confirmation = section_text(a, &p->text[SEC_CONFIRMATION]);
	if ((t = section_text(a, &p->text[SEC_DECISION])) != NULL)
		a->rationale = t;
	else
		outcome(p, section_text(a, &p->text[SEC_OUTCOME]));
	if (a->chosen && *a->chosen && add_option(p, a->chosen) < 0)
		return p->err->status;
	if (a->title == NULL)
		return perr(p, "there is no '# Title' line");
	if (a->status == NULL)
		return perr(p, "there is no status (a '## Status' section or 'status:' front matter)");
	/* a decision always states its problem; an ADR without a Context has only its title */
	if (a->problem == NULL)
		a->problem = a->title;
	if (a->date && !dk_date_valid(a->date))
		return perr(p, "date '%.40s' is not a date (YYYY-MM-DD)", a->date);
	if (a->review_by && !dk_date_valid(a->review_by))
		return perr(p, "review-by '%.40s' is not a date (YYYY-MM-DD)", a->review_by);
	if (a->number <= 0)
		return perr(p, "there is no ADR number (name the file NNNN-title.md)");
	return DK_OK;
}

int dk_adr_parse(const char *name, const char *text, struct dk_adr *out, struct dk_error *err)
{
	struct parser p;
	enum section sec = SEC_NONE;
	const char *s = text, *base = strrchr(name, '/');
	int in_front = 0, rc = DK_OK, status_seen = 0;
	char *line = malloc(strlen(text) + 1); /* one line at a time; no line is longer */

	memset(&p, 0, sizeof p);
	p.name = base ? base + 1 : name;
	p.a = out;
	p.err = err;
	p.proscons_option = -1;
	if (line == NULL)
		return dk_fail(err, DK_EDB, "out of memory");
	if (strncmp(s, "\xef\xbb\xbf", 3) == 0) /* a byte order mark some editors write */
		s += 3;
	if (isdigit((unsigned char)p.name[0]))
		out->number = strtoll(p.name, NULL, 10);
	while (*s && rc == DK_OK) {
		size_t n = strcspn(s, "\n");
		p.line++;
		memcpy(line, s, n);
		line[n] = '\0';
		if (n > 0 && line[n - 1] == '\r')
			line[n - 1] = '\0';
		s += n + (s[n] == '\n');
		if (p.line == 1 && strcmp(line, "---") == 0) {
			in_front = 1;
			continue;
		}
		if (in_front) {
			char *colon = strchr(line, ':');
			if (strcmp(line, "---") == 0) {
				in_front = 0;
			} else if (colon) {
				*colon = '\0';
				const char *v = trimmed(out, colon + 1, strlen(colon + 1));
				rc = front_matter(&p, line, v ? v : "");
			}
			continue;
		}
		if (line[0] == '#' && line[1] == ' ' && out->title == NULL) {
			const char *t = line + 2;
			char *dot;
			int64_t num = strtoll(t, &dot, 10);
			if (dot != t && dot[0] == '.' && dot[1] == ' ') {
				out->number = num;
				t = dot + 2;
			}
			out->title = trimmed(out, t, strlen(t));
			continue;
		}
		if (strncmp(line, "## ", 3) == 0 || strncmp(line, "### ", 4) == 0) {
			int level = line[2] == ' ' ? 2 : 3;
			const char *h = trimmed(out, line + level + 1, strlen(line + level + 1));
			enum section next = heading(h ? h : "", level);
			if (level == 3 && sec == SEC_PROSCONS && next == SEC_OTHER) {
				p.proscons_option = add_option(&p, h);
				if (p.proscons_option < 0)
					rc = err->status;
				continue;
			}
			if (level == 3 && next == SEC_OTHER) {
				dk_buf_addf(&p.text[sec], "%s\n", line); /* part of the text */
				continue;
			}
			if (level == 3 && (sec == SEC_PROSCONS || sec == SEC_OUTCOME) && next != SEC_OTHER)
				p.proscons_option = -1;
			sec = next;
			continue;
		}
		if (sec == SEC_NONE && strncasecmp(line, "Date:", 5) == 0) {
			out->date = trimmed(out, line + 5, strlen(line + 5));
			continue;
		}
		/* MADR 2: "* Status: accepted", "* Deciders: ...", "* Date: ..." under the title */
		if (sec == SEC_NONE && bullet(line) && strchr(line, ':')) {
			char key[32];
			const char *b = bullet(line), *colon = strchr(b, ':');
			size_t k = (size_t)(colon - b);
			if (k < sizeof key) {
				for (size_t i = 0; i < k; i++)
					key[i] = (char)tolower((unsigned char)b[i]);
				key[k] = '\0';
				const char *v = trimmed(out, colon + 1, strlen(colon + 1));
				rc = front_matter(&p, key, v ? v : "");
			}
			continue;
		}
		if ((sec == SEC_STATUS || sec == SEC_MORE) && supersede_line(&p, line)) {
			if (sec == SEC_STATUS && !status_seen && strncasecmp(line, "superseded", 10) == 0) {
				out->status = "superseded";
				status_seen = 1;
			}
			continue;
		}
		switch (sec) {
		case SEC_STATUS:
			if (!status_seen && line[0] != '\0') {
				rc = set_status(&p, line);
				status_seen = 1;
			}
			break;
		case SEC_DRIVERS:
			if (bullet(line) && out->n_drivers >= DK_ADR_MAX_ITEMS)
				rc = perr(&p, "more than 64 decision drivers");
			else if (bullet(line))
				out->drivers[out->n_drivers++] = trimmed(out, bullet(line), strlen(bullet(line)));
			break;
		case SEC_OPTIONS:
			if (bullet(line)) {
				const char *o = trimmed(out, bullet(line), strlen(bullet(line)));
				if (o && *o && add_option(&p, o) < 0)
					rc = err->status;
			}
			break;
		case SEC_PROSCONS:
			rc = pros_cons_line(&p, line);
			break;
		case SEC_NONE:
		case SEC_OTHER:
		case SEC_MORE:
			break;
		default:
			dk_buf_addf(&p.text[sec], "%s\n", line);
			break;
		}
	}
	if (rc == DK_OK && in_front)
		rc = perr(&p, "the front matter has no closing '---'");
	if (rc == DK_OK)
		rc = finish(&p);
	for (int i = 0; i <= SEC_OTHER; i++)
		dk_buf_free(&p.text[i]);
	free(line);
	return rc;
}

/* ---- writing ---------------------------------------------------------- */

static void slug(int64_t number, const char *title, char *out, size_t size)
{
	size_t n = (size_t)snprintf(out, size, "%04lld-", (long long)number);
	int dash = 1;
	size_t start = n;

	for (const char *t = title ? title : ""; *t && n + 5 < size && n - start < 60; t++) {
		unsigned char c = (unsigned char)*t;
		if (isalnum(c) && c < 0x80) {
			out[n++] = (char)tolower(c);
			dash = 0;
		} else if (!dash) {
			out[n++] = '-';
			dash = 1;
		}
	}
	while (n > start && out[n - 1] == '-')
		n--;
	if (n == start)
		n += (size_t)snprintf(out + n, size - n, "decision");
	snprintf(out + n, size - n, ".md");
}

void dk_adr_filename(const struct dk_adr *a, char *out, size_t size)
{
	slug(a->number, a->title, out, size);
}

static void list_line(struct dk_buf *b, const char *key, const char *const *items, size_t n)
{
	if (n == 0)
		return;
	dk_buf_addf(b, "%s: ", key);
	for (size_t i = 0; i < n; i++)
		dk_buf_addf(b, "%s%s", i ? ", " : "", items[i]);
	dk_buf_adds(b, "\n");
}

static void quoted(struct dk_buf *b, const char *s)
{
	dk_buf_adds(b, "\"");
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			dk_buf_adds(b, "\\");
		dk_buf_add(b, s, 1);
	}
	dk_buf_adds(b, "\"");
}

int dk_adr_write_madr(const struct dk_adr *a, struct dk_buf *b, struct dk_error *err)
{
	char file[128];

	dk_buf_addf(b, "---\nstatus: %s\n", a->status ? a->status : "proposed");
	if (a->date)
		dk_buf_addf(b, "date: %s\n", a->date);
	list_line(b, "decision-makers", a->makers, a->n_makers);
	list_line(b, "consulted", a->consulted, a->n_consulted);
	list_line(b, "informed", a->informed, a->n_informed);
	if (a->area)
		dk_buf_addf(b, "area: %s\n", a->area);
	list_line(b, "tags", a->tags, a->n_tags);
	if (a->review_by)
		dk_buf_addf(b, "review-by: %s\n", a->review_by);
	if (a->status_reason) {
		dk_buf_adds(b, "status-reason: ");
		quoted(b, a->status_reason);
		dk_buf_adds(b, "\n");
	}
	dk_buf_addf(b, "---\n\n# %s\n\n## Context and Problem Statement\n\n%s\n", a->title,
	            a->problem ? a->problem : "");
	if (a->n_drivers) {
		dk_buf_adds(b, "\n## Decision Drivers\n\n");
		for (size_t i = 0; i < a->n_drivers; i++)
			dk_buf_addf(b, "* %s\n", a->drivers[i]);
	}
	if (a->n_options) {
		dk_buf_adds(b, "\n## Considered Options\n\n");
		for (size_t i = 0; i < a->n_options; i++)
			dk_buf_addf(b, "* %s\n", a->options[i].name);
	}
	dk_buf_adds(b, "\n## Decision Outcome\n\n");
	if (a->chosen) {
		dk_buf_addf(b, "Chosen option: \"%s\"", a->chosen);
		if (a->rationale && *a->rationale)
			dk_buf_addf(b, ", because %s", a->rationale);
		dk_buf_adds(b, "\n");
	} else if (a->rationale && *a->rationale) {
		dk_buf_addf(b, "%s\n", a->rationale);
	}
	if (a->consequences)
		dk_buf_addf(b, "\n### Consequences\n\n%s\n", a->consequences);
	if (a->confirmation)
		dk_buf_addf(b, "\n### Confirmation\n\n%s\n", a->confirmation);
	for (size_t i = 0, head = 0; i < a->n_options; i++) {
		const struct dk_adr_option *o = &a->options[i];
		if (o->n_pros == 0 && o->n_cons == 0)
			continue;
		if (!head++)
			dk_buf_adds(b, "\n## Pros and Cons of the Options\n");
		dk_buf_addf(b, "\n### %s\n\n", o->name);
		for (size_t j = 0; j < o->n_pros; j++)
			dk_buf_addf(b, "* Good, because %s\n", o->pros[j]);
		for (size_t j = 0; j < o->n_cons; j++)
			dk_buf_addf(b, "* Bad, because %s\n", o->cons[j]);
	}
	if (a->supersedes || a->superseded_by)
		dk_buf_adds(b, "\n## More Information\n\n");
	if (a->supersedes) {
		slug(a->supersedes, a->supersedes_title, file, sizeof file);
		dk_buf_addf(b, "* Supersedes [ADR-%04lld](%s)\n", (long long)a->supersedes, file);
	}
	if (a->superseded_by) {
		slug(a->superseded_by, a->superseded_by_title, file, sizeof file);
		dk_buf_addf(b, "* Superseded by [ADR-%04lld](%s)\n", (long long)a->superseded_by, file);
	}
	return dk_buf_ok(b) ? DK_OK : dk_fail(err, DK_EDB, "out of memory");
}

/* ---- import ----------------------------------------------------------- */

/* What the import keeps of one file between its passes; the parsed record
 * itself is dropped after each use so memory does not grow with the
 * directory. */
struct entry {
	char name[256];         /* file name */
	int64_t number;         /* ADR number */
	int64_t supersedes;     /* ADR number or 0 */
	int64_t superseded_by;  /* ADR number or 0 */
	char title[201];        /* for the report */
	const char *status;     /* static text */
	int64_t id;             /* its decision */
	int added;              /* inserted by this import */
	char kept[16];          /* the database's status when it differs from the file's */
	int skipped;            /* numbered 0: MADR's own "use MADR" record */
};

static int by_number(const void *x, const void *y)
{
	const struct entry *a = x, *b = y;

	return a->number < b->number ? -1 : a->number > b->number;
}

static int read_file(const char *path, char **out, struct dk_error *err)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	size_t n;
	char *buf;

	if (f == NULL)
		return dk_fail(err, DK_EINPUT, "cannot read '%s': %s", path, strerror(errno));
	if (fstat(fileno(f), &st) != 0 || st.st_size > ADR_FILE_MAX) {
		fclose(f);
		return dk_fail(err, DK_EINPUT, "'%s' is larger than 1 MB", path);
	}
	if ((buf = malloc((size_t)st.st_size + 1)) == NULL) {
		fclose(f);
		return dk_fail(err, DK_EDB, "out of memory");
	}
	n = fread(buf, 1, (size_t)st.st_size, f);
	if (ferror(f)) {
		fclose(f);
		free(buf);
		return dk_fail(err, DK_EINPUT, "cannot read '%s'", path);
	}
	fclose(f);
	buf[n] = '\0';
	if (strlen(buf) != n) {
		free(buf);
		return dk_fail(err, DK_EINPUT, "'%s' holds a NUL byte (not a text file)", path);
	}
	*out = buf;
	return DK_OK;
}

static int is_adr_name(const char *n)
{
	size_t len = strlen(n);

	return isdigit((unsigned char)n[0]) && len > 3 && strcmp(n + len - 3, ".md") == 0;
}

/* The decision input for an ADR (pointers into it and opts). */
static void to_input(const struct dk_adr *a, const char *area, struct dk_option_in *opts,
                     struct dk_decision_in *in, struct dk_buf *people)
{
	const char *const *lists[3] = {a->makers, a->consulted, a->informed};
	const size_t ns[3] = {a->n_makers, a->n_consulted, a->n_informed};

	memset(in, 0, sizeof *in);
	in->origin = DK_DECISION_IMPORTED;
	in->title = a->title;
	in->area = a->area ? a->area : area;
	in->problem = a->problem;
	in->drivers = a->drivers;
	in->n_drivers = a->n_drivers;
	for (size_t i = 0; i < a->n_options; i++) {
		opts[i].name = a->options[i].name;
		opts[i].pros = a->options[i].pros;
		opts[i].n_pros = a->options[i].n_pros;
		opts[i].cons = a->options[i].cons;
		opts[i].n_cons = a->options[i].n_cons;
	}
	in->options = opts;
	in->n_options = a->n_options;
	in->chosen = a->chosen;
	in->rationale = a->rationale;
	in->consequences = a->consequences;
	in->confirmation = a->confirmation;
	for (int k = 0; k < 3; k++) {
		for (size_t i = 0; i < ns[k]; i++)
			dk_buf_addf(&people[k], "%s%s", i ? "," : "", lists[k][i]);
	}
	in->makers = dk_buf_str(&people[0]);
	in->consulted = dk_buf_str(&people[1]);
	in->informed = dk_buf_str(&people[2]);
	in->tags = a->tags;
	in->n_tags = a->n_tags;
	in->review_by = a->review_by;
	in->status = a->status;
	in->decided_on = a->date;
	in->status_reason = a->status_reason;
	in->adr_number = a->number;
}

/* Checks or inserts one record; with db NULL only checks. */
static int entry_decision(struct dk_db *db, struct entry *e, const struct dk_adr *a,
                          const char *area, struct dk_error *err)
{
	struct dk_option_in opts[DK_ADR_MAX_ITEMS];
	struct dk_decision_in in;
	struct dk_buf people[3] = {{0}, {0}, {0}};
	struct dk_error e2;
	int rc;

	to_input(a, area, opts, &in, people);
	rc = db ? dk_decision_insert(db, &in, &e->id, &e2) : dk_decision_check(&in, &e2);
	if (rc != DK_OK)
		dk_fail(err, rc, "%s: %s", e->name, e2.msg);
	for (int k = 0; k < 3; k++)
		dk_buf_free(&people[k]);
	return rc;
}

static int resolve(struct dk_db *db, const struct entry *e, int64_t number, int64_t *id,
                   struct dk_error *err)
{
	int found = 0, rc = dk_decision_find_adr(db, number, id, &found, err);

	if (rc == DK_OK && !found)
		rc = dk_fail(err, DK_EINPUT, "%s: links to ADR %lld, which is neither in the directory "
		             "nor in the database", e->name, (long long)number);
	return rc;
}

static int emit(dk_row_fn fn, void *ctx, const struct entry *e, struct dk_error *err)
{
	char key[DK_KEY_LEN], num[24];
	char kept[64];
	struct dk_cell c[6] = {
		{"key", key, DK_CELL_TEXT}, {"adr", num, DK_CELL_INT}, {"file", e->name, DK_CELL_TEXT},
		{"title", e->title, DK_CELL_TEXT}, {"status", e->status, DK_CELL_TEXT},
		{"result", e->skipped ? "skipped (ADR numbers start at 1)" : e->added ? "added"
		           : e->kept[0] ? kept : "unchanged", DK_CELL_TEXT},
	};

	snprintf(kept, sizeof kept, "kept (the database says %s)", e->kept);

	if (e->skipped) {
		c[0].type = c[3].type = c[4].type = DK_CELL_NULL;
		c[0].text = c[3].text = c[4].text = NULL;
	}
	dk_key_format("D", e->id, key);
	snprintf(num, sizeof num, "%lld", (long long)e->number);
	return fn ? fn(ctx, 6, c, err) : DK_OK;
}

/* Reads and parses dir/e->name into a (which the caller frees). */
static int load(const char *dir, const struct entry *e, struct dk_adr *a, struct dk_error *err)
{
	char path[4096], *text = NULL;
	int rc;

	snprintf(path, sizeof path, "%s/%s", dir, e->name);
	if ((rc = read_file(path, &text, err)) != DK_OK)
		return rc;
	rc = dk_adr_parse(e->name, text, a, err);
	free(text);
	return rc;
}

int dk_adr_import(struct dk_db *db, const char *dir, const char *area, dk_row_fn fn,
                  void *ctx, struct dk_error *err)
{
	struct entry *es = NULL;
	size_t n = 0, cap = 0;
	DIR *d;
	struct dirent *de;
	int rc = DK_OK;

	if (area && (rc = dk_check_enum("--area", area, dk_decision_areas, err)) != DK_OK)
		return rc;
	if (area == NULL)
		area = "governance";
	if ((d = opendir(dir)) == NULL)
		return dk_fail(err, DK_EINPUT, "cannot read directory '%.200s': %s", dir, strerror(errno));
	/* pass 1: parse and check every file, keeping only numbers and links */
	while (rc == DK_OK && (de = readdir(d)) != NULL) {
		struct dk_adr a;
		struct entry *e;
		if (!is_adr_name(de->d_name))
			continue;
		if (n == ADR_DIR_MAX) {
			rc = dk_fail(err, DK_EINPUT, "'%.200s' has more than %d ADR files", dir, ADR_DIR_MAX);
			break;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			if ((e = realloc(es, cap * sizeof *es)) == NULL) {
				rc = dk_fail(err, DK_EDB, "out of memory");
				break;
			}
			es = e;
		}
		e = &es[n++];
		memset(e, 0, sizeof *e);
		snprintf(e->name, sizeof e->name, "%s", de->d_name);
		/* MADR numbers its own "use MADR" record 0000; docket's start at 1 */
		if (strtoll(e->name, NULL, 10) == 0) {
			e->skipped = 1;
			continue;
		}
		dk_adr_init(&a);
		if ((rc = load(dir, e, &a, err)) == DK_OK &&
		    (rc = entry_decision(NULL, e, &a, area, err)) == DK_OK) {
			e->number = a.number;
			e->supersedes = a.supersedes;
			e->superseded_by = a.superseded_by;
			e->status = a.status;
			snprintf(e->title, sizeof e->title, "%s", a.title);
		}
		dk_adr_free(&a);
	}
	closedir(d);
	if (rc != DK_OK)
		goto out;
	if (n > 1)
		qsort(es, n, sizeof *es, by_number);
	for (size_t i = 1; i < n && rc == DK_OK; i++)
		if (!es[i].skipped && es[i].number == es[i - 1].number)
			rc = dk_fail(err, DK_EINPUT, "%s and %s both have ADR number %lld", es[i - 1].name,
			             es[i].name, (long long)es[i].number);
	if (rc != DK_OK || (rc = dk_db_begin(db, err)) != DK_OK)
		goto out;
	/* pass 2: insert what the database does not have yet, in number order */
	for (size_t i = 0; i < n && rc == DK_OK; i++) {
		struct dk_adr a;
		int found = 0;
		if (es[i].skipped)
			continue;
		if ((rc = dk_decision_find_adr(db, es[i].number, &es[i].id, &found, err)) != DK_OK)
			break;
		if (found) {
			/* the database is the record now: a file that moved on is reported, not applied */
			char status[16];
			if ((rc = dk_decision_status(db, es[i].id, status, err)) == DK_OK &&
			    strcmp(status, es[i].status) != 0)
				memcpy(es[i].kept, status, sizeof status);
			continue;
		}
		dk_adr_init(&a);
		if ((rc = load(dir, &es[i], &a, err)) == DK_OK &&
		    (rc = entry_decision(db, &es[i], &a, area, err)) == DK_OK)
			es[i].added = 1;
		dk_adr_free(&a);
	}
	/* links, once every number has a decision */
	for (size_t i = 0; i < n && rc == DK_OK; i++) {
		int64_t other;
		if (es[i].supersedes && (rc = resolve(db, &es[i], es[i].supersedes, &other, err)) == DK_OK)
			rc = dk_decision_set_supersedes(db, es[i].id, other, err);
		if (rc == DK_OK && es[i].superseded_by &&
		    (rc = resolve(db, &es[i], es[i].superseded_by, &other, err)) == DK_OK)
			rc = dk_decision_set_supersedes(db, other, es[i].id, err);
	}
	if (rc == DK_OK)
		rc = dk_db_commit(db, err);
	else
		dk_db_rollback(db);
	for (size_t i = 0; i < n && rc == DK_OK; i++)
		rc = emit(fn, ctx, &es[i], err);
out:
	free(es);
	return rc;
}

/* ---- export ----------------------------------------------------------- */

struct ids {
	int64_t *v;
	size_t n;
};

static int collect(void *ctx, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	struct ids *ids = ctx;
	int64_t *v = realloc(ids->v, (ids->n + 1) * sizeof *v);

	(void)ncol;
	if (v == NULL)
		return dk_fail(err, DK_EDB, "out of memory");
	ids->v = v;
	ids->v[ids->n++] = strtoll(cells[0].text, NULL, 10);
	return DK_OK;
}

int dk_adr_export(struct dk_db *db, const int64_t *ids, size_t n, const char *dir,
                  dk_row_fn fn, void *ctx, struct dk_error *err)
{
	struct ids all = {NULL, 0};
	struct stat st;
	int rc = DK_OK;

	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return dk_fail(err, DK_EINPUT, "--dir '%.200s' is not a directory", dir);
	if (n == 0) {
		if ((rc = dk_decision_ids(db, collect, &all, err)) != DK_OK)
			goto out;
		ids = all.v;
		n = all.n;
	}
	for (size_t i = 0; i < n && rc == DK_OK; i++)
		rc = dk_decision_exists(db, ids[i], err);
	for (size_t i = 0; i < n && rc == DK_OK; i++) {
		struct dk_adr a;
		struct dk_buf b = {0};
		char name[128], path[4096], tmp[4200], key[DK_KEY_LEN];
		FILE *f;

		dk_adr_init(&a);
		if ((rc = dk_decision_load_adr(db, ids[i], &a, err)) == DK_OK &&
		    (rc = dk_adr_write_madr(&a, &b, err)) == DK_OK) {
			dk_adr_filename(&a, name, sizeof name);
			/* written beside it and renamed, so a reader never sees half a file */
			snprintf(path, sizeof path, "%s/%s", dir, name);
			snprintf(tmp, sizeof tmp, "%s/.%s.tmp", dir, name);
			if ((f = fopen(tmp, "w")) == NULL) {
				rc = dk_fail(err, DK_EDB, "cannot write '%.200s': %s", tmp, strerror(errno));
			} else {
				int bad = fwrite(b.p, 1, b.len, f) != b.len;
				if (fclose(f) != 0 || bad || rename(tmp, path) != 0) {
					rc = dk_fail(err, DK_EDB, "cannot write '%.200s': %s", path, strerror(errno));
					remove(tmp);
				}
			}
		}
		if (rc == DK_OK && fn) {
			struct dk_cell c[2] = {{"key", key, DK_CELL_TEXT}, {"file", name, DK_CELL_TEXT}};
			dk_key_format("D", ids[i], key);
			rc = fn(ctx, 2, c, err);
		}
		dk_buf_free(&b);
		dk_adr_free(&a);
	}
out:
	free(all.v);
	return rc;
}
