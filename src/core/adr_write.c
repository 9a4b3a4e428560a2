/* adr_write.c: a struct dk_adr as an adr-tools (Nygard) or MADR 4 file that
 * the parser reads back to the same record, and that adr-tools and MADR
 * tools read: adr-tools takes the title from line 1 and edits the lines of
 * '## Status'; MADR keeps metadata in front matter. */
#include "adr_words.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static void slug(int64_t number, const char *title, char *out, size_t size)
{
	size_t n = number >= 0 ? (size_t)snprintf(out, size, "%04lld-", (long long)number) : 0;
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
	const char *base = a->file ? strrchr(a->file, '/') : NULL;

	if (a->file)
		snprintf(out, size, "%s", base ? base + 1 : a->file);
	else
		slug(a->number, a->title, out, size);
}

/* ---- body text -------------------------------------------------------- */

/* The fence a line opens or closes, as the parser reads one: its length,
 * else 0. */
static size_t fence_run(const char *line, size_t len, char *ch)
{
	size_t ind = 0, n = 0;

	while (ind < len && line[ind] == ' ')
		ind++;
	if (ind > 3 || ind == len || (line[ind] != '`' && line[ind] != '~'))
		return 0;
	*ch = line[ind];
	while (ind + n < len && line[ind + n] == *ch)
		n++;
	if (n < 3)
		return 0;
	if (*ch == '`' && memchr(line + ind + n, '`', len - ind - n))
		return 0;
	return n;
}

/* A line that the parser would take for structure outside a fence. */
static int needs_escape(const char *line, size_t len)
{
	size_t dashes = 0;

	if (len == 0)
		return 0;
	if (line[0] == '#' || line[0] == '\\')
		return 1;
	while (dashes < len && (line[dashes] == '-' || line[dashes] == '='))
		dashes++;
	return dashes == len && len >= 3;
}

/* Writes text, escaping with '\' each line that would read as structure.
 * Fenced code is written as it is while its fences balance; when they do
 * not, every fence line is escaped too, so no heading hides inside. */
static void body(struct dk_buf *b, const char *text)
{
	int balanced = 1, all = 0;
	char open = 0;
	size_t open_n = 0;

	for (int pass = 0; pass < 2; pass++) {
		const char *s = text;
		open = 0;
		while (*s) {
			size_t len = strcspn(s, "\n");
			char ch;
			size_t f = fence_run(s, len, &ch);
			int esc;
			if (all) {
				esc = needs_escape(s, len) || f;
			} else if (open) {
				esc = 0;
				if (f && ch == open && f >= open_n && strspn(s + strspn(s, " ") + f, " ") ==
				    len - strspn(s, " ") - f)
					open = 0;
			} else {
				esc = needs_escape(s, len);
				if (f) {
					open = ch;
					open_n = f;
				}
			}
			if (pass == 1) {
				if (esc)
					dk_buf_adds(b, "\\");
				dk_buf_add(b, s, len);
				dk_buf_adds(b, "\n");
			}
			s += len + (s[len] == '\n');
		}
		if (pass == 0) {
			balanced = open == 0;
			all = !balanced;
		}
	}
}

/* A heading's text and its line end. Text ending in '#' gets a closing
 * sequence, so that the reader (which drops one) keeps the text whole. */
static void heading_text(struct dk_buf *b, const char *text)
{
	size_t n = strlen(text);

	dk_buf_addf(b, "%s%s\n", text, n && text[n - 1] == '#' ? " #" : "");
}

static void section(struct dk_buf *b, const char *head, const char *text)
{
	if (text == NULL || *text == '\0')
		return;
	dk_buf_addf(b, "\n%s\n\n", head);
	body(b, text);
}

/* YAML: a scalar that needs no quotes, else a double-quoted one. */
static void yaml_scalar(struct dk_buf *b, const char *s)
{
	int plain = *s && !strchr("\"'[]{}>|*&!%@`#,-?: ", s[0]) && !strpbrk(s, ",:#\"\\") &&
	            s[strlen(s) - 1] != ' ';

	if (plain)
		dk_buf_adds(b, s);
	else
		adr_quoted(b, s);
}

/* "key: a, b" when no item needs quoting, else a flow list of scalars. */
static void list_line(struct dk_buf *b, const char *key, const char *const *items, size_t n,
                      int yaml)
{
	int flow = 0;

	if (n == 0)
		return;
	for (size_t i = 0; i < n; i++) {
		const char *s = items[i];
		if (strpbrk(s, ",\"'[]") || s[0] == ' ' || s[strlen(s) - 1] == ' ' ||
		    (yaml && strpbrk(s, ":#")))
			flow = 1;
	}
	dk_buf_addf(b, "%s: %s", key, flow ? "[" : "");
	for (size_t i = 0; i < n; i++) {
		dk_buf_adds(b, i ? ", " : "");
		if (flow)
			yaml_scalar(b, items[i]);
		else
			dk_buf_adds(b, items[i]);
	}
	dk_buf_addf(b, "%s\n", flow ? "]" : "");
}

static void link_text(struct dk_buf *b, const struct dk_adr_link *l, int style)
{
	const char *label = l->kind == DK_ADR_SUPERSEDES ? "Supersedes"
	                    : l->kind == DK_ADR_SUPERSEDED_BY ? "Superseded by" : l->label;

	if (l->target)
		dk_buf_addf(b, "%s [%s](%s)\n", label, l->text ? l->text : l->target, l->target);
	else
		dk_buf_addf(b, "%s ADR-%04lld\n", label, (long long)l->number);
	(void)style;
}

static void links(struct dk_buf *b, const struct dk_adr *a, int style)
{
	for (size_t i = 0; i < a->n_links; i++) {
		if (style == DK_ADR_TOOLS) {
			dk_buf_adds(b, "\n");
		} else {
			if (i == 0)
				dk_buf_adds(b, "\n## More Information\n\n");
			dk_buf_adds(b, "* ");
		}
		link_text(b, &a->links[i], style);
	}
}

static void chosen_line(struct dk_buf *b, const char *chosen)
{
	dk_buf_adds(b, "Chosen option: ");
	adr_quoted(b, chosen);
}

/* The decision: the chosen option and its rationale, or the rationale. */
static void outcome(struct dk_buf *b, const struct dk_adr *a, const char *head)
{
	int has = a->chosen || (a->rationale && *a->rationale);

	if (!has)
		return;
	dk_buf_addf(b, "\n%s\n\n", head);
	if (a->chosen) {
		chosen_line(b, a->chosen);
		if (a->rationale && *a->rationale) {
			struct dk_buf r = {0};
			/* the first line follows "because"; it never needs an escape there */
			size_t first = strcspn(a->rationale, "\n");
			dk_buf_addf(b, ", because %.*s\n", (int)first, a->rationale);
			if (a->rationale[first])
				body(&r, a->rationale + first + 1);
			dk_buf_add(b, r.p ? r.p : "", r.len);
			dk_buf_free(&r);
		} else {
			dk_buf_adds(b, "\n");
		}
	} else {
		body(b, a->rationale);
	}
}

static void options(struct dk_buf *b, const struct dk_adr *a)
{
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
}

static void pros_cons(struct dk_buf *b, const struct dk_adr *a)
{
	for (size_t i = 0, head = 0; i < a->n_options; i++) {
		const struct dk_adr_option *o = &a->options[i];
		if (o->n_pros == 0 && o->n_cons == 0)
			continue;
		if (!head++)
			dk_buf_adds(b, "\n## Pros and Cons of the Options\n");
		dk_buf_adds(b, "\n### ");
		heading_text(b, o->name);
		dk_buf_adds(b, "\n");
		for (size_t j = 0; j < o->n_pros; j++) {
			if (strncmp(o->pros[j], "Neutral: ", 9) == 0)
				dk_buf_addf(b, "* Neutral, because %s\n", o->pros[j] + 9);
			else
				dk_buf_addf(b, "* Good, because %s\n", o->pros[j]);
		}
		for (size_t j = 0; j < o->n_cons; j++)
			dk_buf_addf(b, "* Bad, because %s\n", o->cons[j]);
	}
}

static void record(struct dk_buf *b, const struct dk_adr *a)
{
	if (a->record == NULL)
		return;
	dk_buf_addf(b, "\n## docket record\n\n%s", a->record);
}

static const char *status_word(const char *s, int cap)
{
	static const char *const caps[][2] = {
		{"proposed", "Proposed"}, {"accepted", "Accepted"}, {"rejected", "Rejected"},
		{"superseded", "Superseded"}, {"deprecated", "Deprecated"},
	};

	for (size_t i = 0; i < sizeof caps / sizeof caps[0]; i++)
		if (strcmp(s, caps[i][0]) == 0)
			return caps[i][cap];
	return s;
}

static void write_tools(const struct dk_adr *a, struct dk_buf *b)
{
	const char *status = a->status ? a->status : "proposed";
	int superseded_line = 0;

	if (a->number >= 0)
		dk_buf_addf(b, "# %lld. ", (long long)a->number);
	else
		dk_buf_adds(b, "# ");
	heading_text(b, a->title);
	dk_buf_adds(b, "\n");
	if (a->date)
		dk_buf_addf(b, "Date: %s\n", a->date);
	list_line(b, "Decision-makers", a->makers, a->n_makers, 0);
	list_line(b, "Consulted", a->consulted, a->n_consulted, 0);
	list_line(b, "Informed", a->informed, a->n_informed, 0);
	if (a->area)
		dk_buf_addf(b, "Area: %s\n", a->area);
	list_line(b, "Tags", a->tags, a->n_tags, 0);
	if (a->review_by)
		dk_buf_addf(b, "Review-by: %s\n", a->review_by);
	dk_buf_adds(b, "\n## Status\n\n");
	/* adr-tools writes "Superseded by [..](..)" in place of the status */
	for (size_t i = 0; i < a->n_links; i++)
		if (a->links[i].kind == DK_ADR_SUPERSEDED_BY && strcmp(status, "superseded") == 0)
			superseded_line = 1;
	if (!superseded_line)
		dk_buf_addf(b, "%s\n", status_word(status, 1));
	if (a->status_reason)
		dk_buf_addf(b, "\nReason: %s\n", a->status_reason);
	for (size_t i = 0; i < a->n_links; i++) {
		if (i > 0 || !superseded_line || a->status_reason)
			dk_buf_adds(b, "\n");
		link_text(b, &a->links[i], DK_ADR_TOOLS);
	}
	section(b, "## Context", a->problem);
	options(b, a);
	outcome(b, a, "## Decision");
	section(b, "## Consequences", a->consequences);
	section(b, "## Confirmation", a->confirmation);
	pros_cons(b, a);
	record(b, a);
}

static void write_madr(const struct dk_adr *a, struct dk_buf *b)
{
	dk_buf_addf(b, "---\nstatus: %s\n", a->status ? a->status : "proposed");
	if (a->date)
		dk_buf_addf(b, "date: %s\n", a->date);
	list_line(b, "decision-makers", a->makers, a->n_makers, 1);
	list_line(b, "consulted", a->consulted, a->n_consulted, 1);
	list_line(b, "informed", a->informed, a->n_informed, 1);
	if (a->area)
		dk_buf_addf(b, "area: %s\n", a->area);
	list_line(b, "tags", a->tags, a->n_tags, 1);
	if (a->review_by)
		dk_buf_addf(b, "review-by: %s\n", a->review_by);
	if (a->status_reason) {
		dk_buf_adds(b, "status-reason: ");
		yaml_scalar(b, a->status_reason);
		dk_buf_adds(b, "\n");
	}
	dk_buf_adds(b, "---\n\n# ");
	heading_text(b, a->title);
	section(b, "## Context and Problem Statement", a->problem);
	options(b, a);
	outcome(b, a, "## Decision Outcome");
	section(b, "### Consequences", a->consequences);
	section(b, "### Confirmation", a->confirmation);
	pros_cons(b, a);
	links(b, a, DK_ADR_MADR);
	record(b, a);
}

int dk_adr_write(const struct dk_adr *a, int style, struct dk_buf *b, struct dk_error *err)
{
	if (style == DK_ADR_TOOLS)
		write_tools(a, b);
	else
		write_madr(a, b);
	return dk_buf_ok(b) ? DK_OK : dk_fail(err, DK_EDB, "out of memory");
}
