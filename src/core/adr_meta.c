/* adr_meta.c: the parts of an ADR file that are more than text: metadata
 * (front matter, bullets, Key: value lines), people and tag lists, dates,
 * statuses, links, and MADR's options with their pros and cons and the
 * Chosen option sentence. */
#include "adr_parser.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "docket/date.h"

/* "* item", "- item" or "+ item" (indent at most one space): the item, else NULL. */
const char *adr_bullet(const char *line)
{
	if (*line == ' ')
		line++;
	if ((line[0] == '*' || line[0] == '-' || line[0] == '+') && line[1] == ' ')
		return line + 2;
	return NULL;
}

/* Removes surrounding quotes (YAML's, and the escapes this writer adds). */
const char *adr_unquote(struct dk_adr *a, const char *s)
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

int adr_add_item(struct parser *p, const char *item, const char **list, size_t *n,
                    const char *what)
{
	if (item == NULL || *item == '\0')
		return DK_OK;
	if (*n >= DK_ADR_MAX_ITEMS)
		return adr_perr(p, "more than %d %s", DK_ADR_MAX_ITEMS, what);
	list[(*n)++] = item;
	return DK_OK;
}

/* Splits "a, b", "[a, 'b']" or a YAML flow list into list. */
int adr_split_list(struct parser *p, const char *v, const char **list, size_t *n,
                      const char *what)
{
	size_t len = strlen(v);
	int rc = DK_OK;

	if (len >= 2 && v[0] == '[' && v[len - 1] == ']') {
		v++;
		len -= 2;
	} else if (len >= 2 && (v[0] == '"' || v[0] == '\'') && v[len - 1] == v[0]) {
		v = adr_unquote(p->a, v);
		len = strlen(v);
	}
	while (len > 0 && rc == DK_OK) {
		size_t k = 0;
		const char *item;
		/* a quoted item (YAML: the quote opens it) runs to its closing quote */
		while (k < len && v[k] == ' ')
			k++;
		if (k < len && (v[k] == '"' || v[k] == '\'')) {
			char q = v[k++];
			while (k < len && v[k] != q) {
				if (q == '"' && v[k] == '\\' && k + 1 < len)
					k++;
				k++;
			}
			if (k < len)
				k++;
		}
		while (k < len && v[k] != ',')
			k++;
		item = adr_trimmed(p->a, v, k);
		if (item && *item)
			rc = adr_add_item(p, adr_unquote(p->a, item), list, n, what);
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
	int rc = adr_split_list(p, v, raw, &n, "tags"), changed = 0;

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
			rc = adr_add_item(p, dk_adr_strndup(p->a, t, k), p->a->tags, &p->a->n_tags, "tags");
	}
	if (changed)
		adr_note(p, "tags written as docket keeps them ([a-z0-9._-])");
	return rc;
}

/* A date as written: YYYY-MM-DD, YYYY/MM/DD, or one followed by a time. */
int adr_set_date(struct parser *p, const char *v, const char **out, const char *what)
{
	char d[DK_DATE_LEN];
	const char *s = adr_unquote(p->a, v);

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
	return adr_perr(p, "%s '%.40s' is not a date (YYYY-MM-DD)", what, s);
}

int adr_status_words(struct parser *p, const char *v)
{
	const char *status, *reason;
	int rc = dk_adr_status_read(p->a, v, p->map, &status, &reason);

	if (rc == 0)
		return DK_OK;
	if (rc < 0)
		return adr_perr(p, "status '%.60s' is not one docket knows (proposed, accepted, rejected, "
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
		return adr_perr(p, "more than %d links", DK_ADR_MAX_ITEMS);
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
int adr_link_line(struct parser *p, const char *line, int *rc, int *kind_out,
                     const char **label_out)
{
	const char *s = adr_bullet(line) ? adr_bullet(line) : line, *open;
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
	/* "Supersedes ADR-0003": the number is no part of the label */
	{
		char *sp = strrchr(label, ' ');
		if (sp && (strcasecmp(sp + 1, "adr") == 0 || strcasecmp(sp + 1, "adr-") == 0)) {
			*sp = '\0';
			n = (size_t)(sp - label);
		}
	}
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
		{
			/* (<file.md>) and (file.md "title"): the file alone */
			const char *t0 = close + 2, *t1 = end;
			while (t0 < t1 && *t0 == ' ')
				t0++;
			if (*t0 == '<' && memchr(t0, '>', (size_t)(t1 - t0))) {
				t1 = memchr(t0, '>', (size_t)(t1 - t0));
				t0++;
			} else if (memchr(t0, ' ', (size_t)(t1 - t0))) {
				t1 = memchr(t0, ' ', (size_t)(t1 - t0));
			}
			target = adr_trimmed(p->a, t0, (size_t)(t1 - t0));
		}
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
		const char *after = s;
		int64_t num;
		/* past the label's words, as written (emphasis included) */
		for (size_t w = 0; *after && w < n; after++)
			if (*after != '*' && *after != '_')
				w++;
		while (*after == ':' || *after == ' ' || *after == '*' || *after == '_')
			after++;
		num = named_number(after);
		if (num >= 0) {
			*rc = add_link(p, kind, *label_out, NULL, num, NULL);
			found = 1;
		}
	}
	return found;
}

/* front matter and metadata lines: key (lower case) and value */
int adr_meta(struct parser *p, const char *key, const char *v, int in_front)
{
	struct dk_adr *a = p->a;

	if (strcmp(key, "status") == 0) {
		const char *u = adr_unquote(a, v);
		int kind, rc = DK_OK;
		const char *label;
		if (u && adr_link_line(p, u, &rc, &kind, &label) && rc == DK_OK) {
			if (kind != DK_ADR_SUPERSEDES)
				rc = adr_status_words(p, label);
			return rc;
		}
		if (rc == DK_OK && u) {
			/* "superseded by ADR-0005", "accepted; supersedes ADR-0045": links by number */
			static const struct { const char *words; int kind; } by[] = {
				{"superseded by", DK_ADR_SUPERSEDED_BY}, {"supersedes", DK_ADR_SUPERSEDES},
			};
			for (size_t k = 0; k < 2 && rc == DK_OK; k++)
				for (const char *w = u; *w; w++)
					if (strncasecmp(w, by[k].words, strlen(by[k].words)) == 0 &&
					    (w == u || !isalpha((unsigned char)w[-1])) &&
					    named_number(w + strlen(by[k].words)) >= 0) {
						rc = add_link(p, by[k].kind, NULL, NULL,
						              named_number(w + strlen(by[k].words)), NULL);
						break;
					}
			if (rc == DK_OK)
				rc = adr_status_words(p, u);
		}
		return rc;
	}
	if (strcmp(key, "date") == 0 || strcmp(key, "last-updated") == 0 || strcmp(key, "created") == 0)
		return a->date ? DK_OK : adr_set_date(p, v, &a->date, "date");
	if (strcmp(key, "decision-makers") == 0 || strcmp(key, "deciders") == 0 ||
	    strcmp(key, "decision makers") == 0)
		return adr_split_list(p, v, a->makers, &a->n_makers, "decision makers");
	if (strcmp(key, "consulted") == 0)
		return adr_split_list(p, v, a->consulted, &a->n_consulted, "consulted");
	if (strcmp(key, "informed") == 0)
		return adr_split_list(p, v, a->informed, &a->n_informed, "informed");
	if (strcmp(key, "tags") == 0)
		return add_tags(p, v);
	if (strcmp(key, "area") == 0)
		a->area = adr_unquote(a, v);
	else if (strcmp(key, "review-by") == 0 || strcmp(key, "review by") == 0)
		return adr_set_date(p, v, &a->review_by, "review-by");
	else if (strcmp(key, "status-reason") == 0 || strcmp(key, "reason") == 0)
		a->status_reason = adr_unquote(a, v);
	else if (in_front && strcmp(key, "title") == 0 && a->title == NULL)
		a->title = adr_unquote(a, v);
	else if (!in_front && strcmp(key, "technical story") != 0 && strcmp(key, "updated") != 0)
		return 1; /* not metadata: prose */
	return DK_OK;
}

/* One front matter line. */
int adr_front_line(struct parser *p, char *line)
{
	const char *item;
	char *colon;

	if ((line[0] == ' ' || line[0] == '-') && (item = strstr(line, "- ")) != NULL &&
	    strspn(line, " ") == (size_t)(item - line) && p->list_key[0]) {
		const char *v = adr_trimmed(p->a, item + 2, strlen(item + 2));
		const char *q = v ? adr_unquote(p->a, v) : NULL;
		struct dk_buf one = {0};
		int rc;
		/* one item: quoted so a comma in it stays */
		dk_buf_adds(&one, "[\"");
		for (const char *s = q ? q : ""; *s; s++)
			dk_buf_addf(&one, "%s%c", *s == '"' || *s == '\\' ? "\\" : "", *s);
		dk_buf_adds(&one, "\"]");
		rc = adr_meta(p, p->list_key, dk_buf_str(&one), 1);
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
		/* a YAML comment: " #" outside quotes */
		/* (a quote opens a scalar only at the start of one, as adr_split_list reads it) */
		for (size_t i = 0, q = 0, start = 1; i < n; i++) {
			if (q == 0 && start && (v[i] == '"' || v[i] == '\''))
				q = (size_t)v[i];
			else if (q == '"' && v[i] == '\\' && i + 1 < n)
				i++;
			else if (q && (size_t)v[i] == q)
				q = 0;
			else if (q == 0 && v[i] == '#' && i > 0 && (v[i - 1] == ' ' || v[i - 1] == '\t'))
				n = i;
			if (q == 0)
				start = v[i] == '[' || v[i] == ',' || (start && v[i] == ' ');
		}
		while (n && isspace((unsigned char)v[n - 1]))
			n--;
		v[n] = '\0';
		if (n == 0 || strcmp(v, "|") == 0 || strcmp(v, ">") == 0)
			return DK_OK;
		return adr_meta(p, line, v, 1);
	}
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
	adr_note(p, "option name cut to 200 bytes");
	return adr_trimmed(p->a, s, n);
}

int adr_add_option(struct parser *p, const char *name)
{
	int i = find_option(p->a, name);
	struct dk_adr_option *o;

	if (i >= 0)
		return i;
	if ((o = dk_adr_add_option(p->a)) == NULL) {
		adr_perr(p, "more than %d options", DK_ADR_MAX_ITEMS);
		return -1;
	}
	o->name = option_name(p, name);
	return (int)p->a->n_options - 1;
}

/* One line inside a Pros and Cons subsection. */
int adr_pros_cons_line(struct parser *p, const char *line)
{
	static const struct { const char *lead; int pro; const char *keep; } leads[] = {
		{"good, because ", 1, ""}, {"good: ", 1, ""}, {"pro: ", 1, ""},
		{"bad, because ", 0, ""}, {"bad: ", 0, ""}, {"con: ", 0, ""},
		{"neutral, because ", 1, "Neutral: "},
	};
	const char *b = adr_bullet(line);
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
			return adr_perr(p, "more than %d %s", DK_ADR_MAX_PROS, leads[i].pro ? "pros" : "cons");
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
void adr_outcome(struct parser *p, const char *text)
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
	while (name_len && name[name_len - 1] == ' ')
		name_len--;
	/* **X**, _X_, `X`: the marks go in pairs; "Option `A`" keeps its code span */
	while (name_len >= 2 && (*name == '*' || *name == '_' || *name == '`') &&
	       name[name_len - 1] == *name) {
		name++;
		name_len -= 2;
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

