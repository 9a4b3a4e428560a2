/* adr_parse.c: one ADR file's text to a struct dk_adr, for every common
 * format as people write it: adr-tools/Nygard (status badges included),
 * MADR 2.x (bullet metadata), 3.x and 4.x (front matter), log4brains and
 * free-form files under a '# Title'. Nothing here touches a database. */
#include "adr_words.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "docket/date.h"

/* ---- the parser ------------------------------------------------------- */

enum section {
	SEC_NONE, SEC_STATUS, SEC_CONTEXT, SEC_DECISION, SEC_CONSEQUENCES, SEC_DRIVERS,
	SEC_OPTIONS, SEC_OUTCOME, SEC_CONFIRMATION, SEC_PROSCONS, SEC_LINKS, SEC_RECORD, SEC_OTHER,
	SEC_COUNT
};

struct parser {
	const char *name;      /* file name, for messages */
	struct dk_adr *a;
	struct dk_error *err;
	const struct dk_adr_status_map *map;
	int line;              /* current line number */
	struct dk_buf text[SEC_COUNT]; /* each section's lines */
	struct dk_buf notes;
	struct dk_buf dropped; /* names of sections not kept */
	int proscons_option;   /* the option a Pros and Cons subsection is about, or -1 */
	int status_seen;
	int links_prose;       /* More Information text that is not a link */
	char list_key[32];     /* front matter: the key a '- item' list belongs to */
	char fence[8];         /* the open code fence, "" when none */
};

static int perr(struct parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int perr(struct parser *p, const char *fmt, ...)
{
	char msg[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return dk_fail(p->err, DK_EINPUT, "%s:%d: %s", p->name, p->line, msg);
}

static void note(struct parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(struct parser *p, const char *fmt, ...)
{
	char msg[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
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

/* "* item", "- item" or "+ item" (indent at most one space): the item, else NULL. */
static const char *bullet(const char *line)
{
	if (*line == ' ')
		line++;
	if ((line[0] == '*' || line[0] == '-' || line[0] == '+') && line[1] == ' ')
		return line + 2;
	return NULL;
}

/* Removes surrounding quotes (YAML's, and the escapes this writer adds). */
static const char *unquote(struct dk_adr *a, const char *s)
{
	size_t n = strlen(s);
	struct dk_buf b = {0};
	const char *r;

	if (n < 2 || !((s[0] == '"' && s[n - 1] == '"') || (s[0] == '\'' && s[n - 1] == '\'')))
		return dk_adr_strndup(a, s, n);
	for (size_t i = 1; i + 1 < n; i++) {
		if (s[0] == '"' && s[i] == '\\' && i + 2 < n)
			i++;
		else if (s[0] == '\'' && s[i] == '\'' && s[i + 1] == '\'' && i + 2 < n)
			i++;
		dk_buf_add(&b, s + i, 1);
	}
	r = dk_adr_strndup(a, dk_buf_str(&b), b.len);
	dk_buf_free(&b);
	return r;
}

static int add_item(struct parser *p, const char *item, const char **list, size_t *n,
                    const char *what)
{
	if (item == NULL || *item == '\0')
		return DK_OK;
	if (*n >= DK_ADR_MAX_ITEMS)
		return perr(p, "more than %d %s", DK_ADR_MAX_ITEMS, what);
	list[(*n)++] = item;
	return DK_OK;
}

/* Splits "a, b", "[a, 'b']" or a YAML flow list into list. */
static int split_list(struct parser *p, const char *v, const char **list, size_t *n,
                      const char *what)
{
	size_t len = strlen(v);
	int rc = DK_OK;

	if (len >= 2 && v[0] == '[' && v[len - 1] == ']') {
		v++;
		len -= 2;
	} else if (len >= 2 && (v[0] == '"' || v[0] == '\'') && v[len - 1] == v[0]) {
		v = unquote(p->a, v);
		len = strlen(v);
	}
	while (len > 0 && rc == DK_OK) {
		size_t k = 0;
		const char *item;
		char q = 0;
		while (k < len && (q || v[k] != ',')) {
			if ((v[k] == '"' || v[k] == '\'') && (q == 0 || q == v[k]))
				q = q ? 0 : v[k];
			k++;
		}
		item = adr_trimmed(p->a, v, k);
		if (item && *item)
			rc = add_item(p, unquote(p->a, item), list, n, what);
		v += k < len ? k + 1 : k;
		len -= k < len ? k + 1 : k;
	}
	return rc;
}

/* Tags as docket keeps them: lower case, [a-z0-9._-], blanks as '-'. */
static int add_tags(struct parser *p, const char *v)
{
	const char *raw[DK_ADR_MAX_ITEMS];
	size_t n = 0;
	int rc = split_list(p, v, raw, &n, "tags"), changed = 0;

	for (size_t i = 0; i < n && rc == DK_OK; i++) {
		char t[65];
		size_t k = 0;
		for (const char *s = raw[i]; *s && k < sizeof t - 1; s++) {
			unsigned char c = (unsigned char)*s;
			if (isalnum(c) && c < 0x80)
				t[k++] = (char)tolower(c);
			else if ((c == '.' || c == '_' || c == '-') || (isspace(c) && k && t[k - 1] != '-'))
				t[k++] = isspace(c) ? '-' : (char)c;
		}
		while (k && t[k - 1] == '-')
			k--;
		t[k] = '\0';
		if (strcmp(t, raw[i]) != 0)
			changed = 1;
		if (k)
			rc = add_item(p, dk_adr_strndup(p->a, t, k), p->a->tags, &p->a->n_tags, "tags");
	}
	if (changed)
		note(p, "tags written as docket keeps them ([a-z0-9._-])");
	return rc;
}

/* A date as written: YYYY-MM-DD, YYYY/MM/DD, or one followed by a time. */
static int set_date(struct parser *p, const char *v, const char **out, const char *what)
{
	char d[DK_DATE_LEN];
	const char *s = unquote(p->a, v);

	if (s == NULL || *s == '\0')
		return DK_OK;
	if (strlen(s) >= 10) {
		snprintf(d, sizeof d, "%.10s", s);
		if (d[4] == '/' && d[7] == '/')
			d[4] = d[7] = '-';
		if (dk_date_valid(d) && (s[10] == '\0' || s[10] == 'T' || s[10] == ' ')) {
			*out = dk_adr_strndup(p->a, d, 10);
			return DK_OK;
		}
	}
	return perr(p, "%s '%.40s' is not a date (YYYY-MM-DD)", what, s);
}

static int status_words(struct parser *p, const char *v)
{
	const char *status, *reason;
	int rc = dk_adr_status_read(p->a, v, p->map, &status, &reason);

	if (rc == 0)
		return DK_OK;
	if (rc < 0)
		return perr(p, "status '%.60s' is not one docket knows (proposed, accepted, rejected, "
		            "superseded, deprecated, or one they map from: see docket(1)); map it with "
		            "--status-map WORD=STATUS", v);
	p->a->status = status;
	p->a->status_text = adr_trimmed(p->a, v, strlen(v));
	p->a->status_line = p->line;
	if (reason && p->a->status_reason == NULL)
		p->a->status_reason = reason;
	p->status_seen = 1;
	return DK_OK;
}

static int link_kind(const char *label)
{
	if (strcasecmp(label, "supersedes") == 0 || strcasecmp(label, "replaces") == 0)
		return DK_ADR_SUPERSEDES;
	if (strcasecmp(label, "superseded by") == 0 || strcasecmp(label, "superseded-by") == 0 ||
	    strcasecmp(label, "replaced by") == 0)
		return DK_ADR_SUPERSEDED_BY;
	return DK_ADR_TYPED;
}

static int add_link(struct parser *p, int kind, const char *label, const char *target,
                    int64_t number, const char *text)
{
	struct dk_adr_link *l;

	for (size_t i = 0; i < p->a->n_links; i++) {
		l = &p->a->links[i];
		if (l->kind == kind && (kind != DK_ADR_TYPED || strcmp(l->label, label) == 0) &&
		    ((target && l->target && strcmp(l->target, target) == 0) ||
		     (!target && !l->target && l->number == number)))
			return DK_OK; /* said twice (front matter and text) */
	}
	if (p->a->n_links >= DK_ADR_MAX_ITEMS)
		return perr(p, "more than %d links", DK_ADR_MAX_ITEMS);
	l = &p->a->links[p->a->n_links++];
	l->kind = kind;
	l->label = kind == DK_ADR_TYPED ? label : NULL;
	l->target = target;
	l->number = target ? -1 : number;
	l->text = text;
	l->line = p->line;
	return DK_OK;
}

/* "ADR-0005", "ADR 5", "#5" or "0005" after a label: the number, else -1. */
static int64_t named_number(const char *s)
{
	while (*s == ' ')
		s++;
	if (strncasecmp(s, "adr", 3) == 0) {
		s += 3;
		if (*s == '-' || *s == ' ' || *s == '_')
			s++;
	} else if (*s == '#') {
		s++;
	}
	return isdigit((unsigned char)*s) ? strtoll(s, NULL, 10) : -1;
}

/* A line 'LABEL [TEXT](FILE.md), [TEXT](FILE.md)' or 'LABEL ADR-N': its
 * links are added and 1 returned; 0 when the line is not a link line. */
static int link_line(struct parser *p, const char *line, int *rc, int *kind_out,
                     const char **label_out)
{
	const char *s = bullet(line) ? bullet(line) : line, *open;
	char label[72];
	size_t n = 0, words = 1;
	int kind, found = 0;

	while (*s == ' ')
		s++;
	open = strchr(s, '[');
	for (const char *t = s; *t && (open == NULL || t < open); t++) {
		if (!(isalpha((unsigned char)*t) || *t == ' ' || *t == '-' || *t == ':' || *t == '*' ||
		      *t == '_'))
			break;
		if (*t == ' ')
			words++;
		if (*t != '*' && *t != '_' && n < sizeof label - 1)
			label[n++] = *t;
	}
	while (n && (label[n - 1] == ' ' || label[n - 1] == ':'))
		n--;
	label[n] = '\0';
	if (n == 0 || n > 64 || words > 6)
		return 0;
	kind = link_kind(label);
	*kind_out = kind;
	*label_out = dk_adr_strndup(p->a, label, n);
	for (const char *q = open; q && *rc == DK_OK; q = strchr(q + 1, '[')) {
		const char *close = strchr(q, ']'), *end, *hash;
		const char *target, *text;
		if (close == NULL || close[1] != '(' || (end = strchr(close, ')')) == NULL)
			break;
		target = adr_trimmed(p->a, close + 2, (size_t)(end - close - 2));
		text = adr_trimmed(p->a, q + 1, (size_t)(close - q - 1));
		if (target == NULL || text == NULL)
			break;
		if ((hash = strchr(target, '#')) != NULL)
			target = dk_adr_strndup(p->a, target, (size_t)(hash - target));
		if (strstr(target, "://")) {
			/* a page elsewhere; for a supersession, the file of that name on a forge */
			const char *slash = strrchr(target, '/');
			if (kind == DK_ADR_TYPED)
				continue;
			target = slash ? slash + 1 : target;
		}
		if (!adr_ends_md(target))
			continue;
		*rc = add_link(p, kind, *label_out, target, -1, text);
		found = 1;
		q = end;
	}
	if (!found && kind != DK_ADR_TYPED) {
		int64_t num = named_number(s + strlen(label) + (s[strlen(label)] == ':'));
		if (num >= 0) {
			*rc = add_link(p, kind, *label_out, NULL, num, NULL);
			found = 1;
		}
	}
	return found;
}

/* front matter and metadata lines: key (lower case) and value */
static int meta(struct parser *p, const char *key, const char *v, int in_front)
{
	struct dk_adr *a = p->a;

	if (strcmp(key, "status") == 0) {
		const char *u = unquote(a, v);
		int kind, rc = DK_OK;
		const char *label;
		if (u && link_line(p, u, &rc, &kind, &label) && rc == DK_OK) {
			if (kind != DK_ADR_SUPERSEDES)
				rc = status_words(p, label);
			return rc;
		}
		if (rc == DK_OK && u) {
			/* "superseded by ADR-0005": a link by number */
			if (strncasecmp(u, "superseded by", 13) == 0 && named_number(u + 13) >= 0)
				rc = add_link(p, DK_ADR_SUPERSEDED_BY, NULL, NULL, named_number(u + 13), NULL);
			if (rc == DK_OK)
				rc = status_words(p, u);
		}
		return rc;
	}
	if (strcmp(key, "date") == 0 || strcmp(key, "last-updated") == 0 || strcmp(key, "created") == 0)
		return a->date ? DK_OK : set_date(p, v, &a->date, "date");
	if (strcmp(key, "decision-makers") == 0 || strcmp(key, "deciders") == 0 ||
	    strcmp(key, "decision makers") == 0)
		return split_list(p, v, a->makers, &a->n_makers, "decision makers");
	if (strcmp(key, "consulted") == 0)
		return split_list(p, v, a->consulted, &a->n_consulted, "consulted");
	if (strcmp(key, "informed") == 0)
		return split_list(p, v, a->informed, &a->n_informed, "informed");
	if (strcmp(key, "tags") == 0)
		return add_tags(p, v);
	if (strcmp(key, "area") == 0)
		a->area = unquote(a, v);
	else if (strcmp(key, "review-by") == 0 || strcmp(key, "review by") == 0)
		return set_date(p, v, &a->review_by, "review-by");
	else if (strcmp(key, "status-reason") == 0 || strcmp(key, "reason") == 0)
		a->status_reason = unquote(a, v);
	else if (in_front && strcmp(key, "title") == 0 && a->title == NULL)
		a->title = unquote(a, v);
	else if (!in_front && strcmp(key, "technical story") != 0 && strcmp(key, "updated") != 0)
		return 1; /* not metadata: prose */
	return DK_OK;
}

/* One front matter line. */
static int front_line(struct parser *p, char *line)
{
	const char *item;
	char *colon;

	if ((line[0] == ' ' || line[0] == '-') && (item = strstr(line, "- ")) != NULL &&
	    strspn(line, " ") == (size_t)(item - line) && p->list_key[0]) {
		const char *v = adr_trimmed(p->a, item + 2, strlen(item + 2));
		const char *q = v ? unquote(p->a, v) : NULL;
		struct dk_buf one = {0};
		int rc;
		/* one item: quoted so a comma in it stays */
		dk_buf_adds(&one, "[\"");
		for (const char *s = q ? q : ""; *s; s++)
			dk_buf_addf(&one, "%s%c", *s == '"' || *s == '\\' ? "\\" : "", *s);
		dk_buf_adds(&one, "\"]");
		rc = meta(p, p->list_key, dk_buf_str(&one), 1);
		dk_buf_free(&one);
		return rc;
	}
	if (line[0] == ' ' || line[0] == '#' || (colon = strchr(line, ':')) == NULL)
		return DK_OK;
	*colon = '\0';
	for (char *k = line; *k; k++)
		*k = (char)tolower((unsigned char)*k);
	snprintf(p->list_key, sizeof p->list_key, "%s", line);
	{
		char *v = colon + 1;
		size_t n;
		while (*v == ' ' || *v == '\t')
			v++;
		n = strlen(v);
		if (v[0] != '"' && v[0] != '\'') {
			char *c = strstr(v, " #"); /* a YAML comment */
			if (c)
				n = (size_t)(c - v);
		}
		while (n && isspace((unsigned char)v[n - 1]))
			n--;
		v[n] = '\0';
		if (n == 0 || strcmp(v, "|") == 0 || strcmp(v, ">") == 0)
			return DK_OK;
		return meta(p, line, v, 1);
	}
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

/* Options match by their normalised names, or a unique prefix of one. */
static int find_option(struct dk_adr *a, const char *name)
{
	struct dk_buf want = {0};
	int found = -1, prefix = -1, prefixes = 0;

	adr_normal(name, &want);
	for (size_t i = 0; i < a->n_options && found < 0; i++) {
		struct dk_buf have = {0};
		adr_normal(a->options[i].name, &have);
		if (strcmp(dk_buf_str(&have), dk_buf_str(&want)) == 0)
			found = (int)i;
		else if (want.len && have.len &&
		         (strncmp(dk_buf_str(&have), dk_buf_str(&want), want.len) == 0 ||
		          strncmp(dk_buf_str(&want), dk_buf_str(&have), have.len) == 0)) {
			prefix = (int)i;
			prefixes++;
		}
		dk_buf_free(&have);
	}
	dk_buf_free(&want);
	return found >= 0 ? found : prefixes == 1 ? prefix : -1;
}

/* An option name as docket keeps it: one line of at most 200 bytes. */
static const char *option_name(struct parser *p, const char *s)
{
	size_t n = strlen(s);

	if (n <= 200)
		return dk_adr_strndup(p->a, s, n);
	n = 200;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	note(p, "option name cut to 200 bytes");
	return adr_trimmed(p->a, s, n);
}

static int add_option(struct parser *p, const char *name)
{
	int i = find_option(p->a, name);

	if (i >= 0)
		return i;
	struct dk_adr_option *o;

	if ((o = dk_adr_add_option(p->a)) == NULL) {
		perr(p, "more than %d options", DK_ADR_MAX_ITEMS);
		return -1;
	}
	o->name = option_name(p, name);
	return (int)p->a->n_options - 1;
}

/* One line inside a Pros and Cons subsection. */
static int pros_cons_line(struct parser *p, const char *line)
{
	static const struct { const char *lead; int pro; const char *keep; } leads[] = {
		{"good, because ", 1, ""}, {"good: ", 1, ""}, {"pro: ", 1, ""},
		{"bad, because ", 0, ""}, {"bad: ", 0, ""}, {"con: ", 0, ""},
		{"neutral, because ", 1, "Neutral: "},
	};
	const char *b = bullet(line);
	struct dk_adr_option *o;

	if (b == NULL || p->proscons_option < 0)
		return DK_OK;
	o = &p->a->options[p->proscons_option];
	for (size_t i = 0; i < sizeof leads / sizeof leads[0]; i++) {
		size_t n = strlen(leads[i].lead);
		struct dk_buf t = {0};
		const char *v;
		if (strncasecmp(b, leads[i].lead, n) != 0)
			continue;
		dk_buf_addf(&t, "%s%s", leads[i].keep, b + n);
		v = adr_trimmed(p->a, dk_buf_str(&t), t.len);
		dk_buf_free(&t);
		if (leads[i].pro ? o->n_pros >= DK_ADR_MAX_PROS : o->n_cons >= DK_ADR_MAX_PROS)
			return perr(p, "more than %d %s", DK_ADR_MAX_PROS, leads[i].pro ? "pros" : "cons");
		if (leads[i].pro)
			o->pros[o->n_pros++] = v;
		else
			o->cons[o->n_cons++] = v;
		break;
	}
	return DK_OK;
}

/* The outcome: a 'Chosen option: "NAME", because RATIONALE' sentence in any
 * of the shapes people write, and the text around it. */
static void outcome(struct parser *p, const char *text)
{
	const char *s = text, *line = NULL, *name = NULL, *rest;
	struct dk_buf r = {0}, nb = {0};
	size_t name_len = 0;

	if (text == NULL)
		return;
	for (const char *l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		const char *t = l;
		while (*t == ' ' || *t == '*' || *t == '_' || *t == '-')
			t++;
		if (strncasecmp(t, "chosen option", 13) == 0) {
			line = l;
			s = t + 13 + (t[13] == 's');
			break;
		}
	}
	if (line == NULL) {
		p->a->rationale = text;
		return;
	}
	while (*s == ':' || *s == '*' || *s == '_' || *s == ' ')
		s++;
	if (*s == '\n') /* "Chosen option:" alone, the name on the next line */
		while (isspace((unsigned char)*s))
			s++;
	if (strncasecmp(s, "is ", 3) == 0)
		s += 3;
	if (*s == '"' || strncmp(s, "\xe2\x80\x9c", 3) == 0) {
		/* quoted: up to the closing quote; \" inside is a quote */
		int curly = *s != '"';
		s += curly ? 3 : 1;
		for (rest = s; *rest && strncmp(rest, "\n\n", 2) != 0; rest++) {
			if (!curly && *rest == '\\' && (rest[1] == '"' || rest[1] == '\\')) {
				dk_buf_add(&nb, rest + 1, 1);
				rest++;
				continue;
			}
			if ((!curly && *rest == '"') || (curly && strncmp(rest, "\xe2\x80\x9d", 3) == 0))
				break;
			dk_buf_add(&nb, rest, 1);
		}
		if (*rest == '\0' || *rest == '\n') {
			/* no closing quote: the name is the quoted line */
			dk_buf_free(&nb);
			for (rest = s; *rest && *rest != '\n'; rest++)
				dk_buf_add(&nb, rest, 1);
		}
		for (char *w = nb.p; w && *w; w++)
			if (*w == '\n')
				*w = ' '; /* a name wrapped over two lines is one line */
		name = dk_buf_str(&nb);
		name_len = nb.len;
		if (*rest && *rest != '\n')
			rest += curly ? 3 : 1;
	} else if (*s == '[') {
		const char *close = strchr(s, ']');
		name = s + 1;
		name_len = close ? (size_t)(close - s - 1) : 0;
		rest = close ? close + 1 : s + strlen(s);
		if (*rest == '(' && strchr(rest, ')'))
			rest = strchr(rest, ')') + 1;
	} else {
		const char *e = s;
		while (*e && *e != '\n' && strncmp(e, ", ", 2) != 0 && strncasecmp(e, " because", 8) != 0 &&
		       !(*e == '.' && (e[1] == ' ' || e[1] == '\n' || e[1] == '\0')))
			e++;
		name = s;
		name_len = (size_t)(e - s);
		rest = e;
	}
	while (name_len && (name[name_len - 1] == '*' || name[name_len - 1] == '_' ||
	                    name[name_len - 1] == '`' || name[name_len - 1] == ' '))
		name_len--;
	while (name_len && (*name == '*' || *name == '_' || *name == '`')) {
		name++;
		name_len--;
	}
	p->a->chosen = name_len ? adr_trimmed(p->a, name, name_len) : NULL;
	/* what follows the name: ", because X", " because X", ", mostly to X", "." */
	while (*rest == '*' || *rest == '_' || *rest == '`')
		rest++;
	if (*rest == ',' || *rest == '.' || *rest == ';')
		rest++;
	while (*rest == ' ')
		rest++;
	if (strncasecmp(rest, "because ", 8) == 0)
		rest += 8;
	dk_buf_add(&r, text, (size_t)(line - text)); /* any text before the sentence */
	dk_buf_adds(&r, rest);
	{
		const char *t = dk_buf_str(&r);
		size_t n = r.len;
		while (n && isspace((unsigned char)*t)) {
			t++;
			n--;
		}
		while (n && isspace((unsigned char)t[n - 1]))
			n--;
		p->a->rationale = dk_adr_strndup(p->a, t, n);
	}
	dk_buf_free(&r);
	dk_buf_free(&nb);
}

static int finish(struct parser *p)
{
	struct dk_adr *a = p->a;
	const char *t, *intro;

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
	outcome(p, t ? t : section_text(a, &p->text[SEC_OUTCOME]));
	if (t && section_text(a, &p->text[SEC_OUTCOME])) {
		note(p, "the Decision Outcome section was left out (the Decision section is kept)");
	}
	if (a->chosen && *a->chosen) {
		int i = add_option(p, a->chosen);
		if (i < 0)
			return p->err->status;
		a->chosen = a->options[i].name;
	}
	if (a->title == NULL)
		return perr(p, "there is no '# Title' line");
	if (a->problem == NULL)
		a->problem = a->title; /* an ADR without a Context has only its title */
	if (p->dropped.len)
		note(p, "not kept: %s", dk_buf_str(&p->dropped));
	if (p->links_prose)
		note(p, "not kept: the More Information text (its links are)");
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
	if (p->a->number == DK_ADR_NO_NUMBER && !adr_date_prefix(p->name))
		p->a->number = num;
	return *d ? adr_trimmed(p->a, d, strlen(d)) : adr_trimmed(p->a, t, strlen(t));
}

/* A body line as written: the '\' the writer put before a line that would
 * read as a heading, front matter or a fence is removed. */
static const char *unescaped(const char *line)
{
	if (line[0] == '\\' && strchr("#-`~\\", line[1]) && line[1])
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
	const char *b = bullet(line), *s = b ? b : line, *colon;
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
		rc = meta(p, key, v ? v : "", 0);
		if (rc != 1)
			return rc;
	}
	if (!p->status_seen && strstr(line, "![")) {
		/* a status badge under the title */
		const char *status, *reason;
		if (dk_adr_status_read(p->a, line, p->map, &status, &reason) == 1)
			return status_words(p, line);
	}
	text_line(p, SEC_NONE, unescaped(line));
	return DK_OK;
}

static int status_line(struct parser *p, const char *line)
{
	int kind, rc = DK_OK;
	const char *label, *b = bullet(line), *s = b ? b : line;

	if (*line == '\0')
		return DK_OK;
	if (link_line(p, line, &rc, &kind, &label)) {
		/* "Superseded by [..](..)" is the status too; so is "Partly superseded by" */
		if (rc == DK_OK && !p->status_seen && kind != DK_ADR_SUPERSEDES) {
			const char *status, *reason;
			if (dk_adr_status_read(p->a, label, p->map, &status, &reason) == 1)
				rc = status_words(p, label);
		}
		return rc;
	}
	if (strncasecmp(s, "reason:", 7) == 0) {
		p->a->status_reason = adr_trimmed(p->a, s + 7, strlen(s + 7));
		return DK_OK;
	}
	if (strncasecmp(s, "date:", 5) == 0)
		return p->a->date ? DK_OK : set_date(p, adr_trimmed(p->a, s + 5, strlen(s + 5)), &p->a->date,
		                                     "date");
	if (!p->status_seen)
		return status_words(p, line);
	return DK_OK;
}

/* A '## ' or '### ' heading line; returns the section that follows. */
static int heading_line(struct parser *p, const char *line, int level, int *sec)
{
	char h[128];
	const char *raw = line + level + 1;
	enum section next;

	heading_words(raw, h, sizeof h);
	next = heading(h, level);
	if (*sec == SEC_PROSCONS && level >= 3 && next == SEC_OTHER) {
		const char *t = adr_trimmed(p->a, raw, strlen(raw));
		if ((p->proscons_option = add_option(p, t ? t : "")) < 0)
			return p->err->status;
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
	const char *b = bullet(line);

	switch (sec) {
	case SEC_NONE:
		return intro_line(p, line);
	case SEC_STATUS:
		return status_line(p, line);
	case SEC_DRIVERS:
		if (b)
			return add_item(p, adr_trimmed(p->a, b, strlen(b)), p->a->drivers, &p->a->n_drivers,
			                "decision drivers");
		return DK_OK;
	case SEC_OPTIONS:
		if (b && line[0] != ' ') {
			const char *o = adr_trimmed(p->a, b, strlen(b));
			if (o && *o && add_option(p, o) < 0)
				return p->err->status;
		}
		return DK_OK;
	case SEC_PROSCONS:
		return pros_cons_line(p, line);
	case SEC_LINKS: {
		int kind, rc = DK_OK;
		const char *label;
		if (!link_line(p, line, &rc, &kind, &label) && *line)
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
	else if (s[0] == p->fence[0] && n >= strlen(p->fence) && s[n] == '\0')
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
				rc = front_line(&p, line);
			continue;
		}
		if (fence_line(&p, line, sec))
			goto next;
		if (line[0] == '#' && line[1] == ' ' && out->title == NULL) {
			out->title = title_of(&p, line + 2);
			goto next;
		}
		if (out->title == NULL && sec == SEC_NONE && prev[0] && strspn(line, "=") == n && n >= 3) {
			/* a setext title: the line before, underlined */
			out->title = title_of(&p, prev);
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
		rc = perr(&p, "the front matter has no closing '---'");
	if (rc == DK_OK)
		rc = finish(&p);
	for (int i = 0; i < SEC_COUNT; i++)
		dk_buf_free(&p.text[i]);
	dk_buf_free(&p.notes);
	dk_buf_free(&p.dropped);
	free(line);
	free(prev);
	return rc;
}
