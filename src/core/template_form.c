/* template_form.c: the text form of `--edit` and `--from` (docket/form.h).
 * Not to be confused with template.c, the catalog's {expression} cells. */
#include "docket/form.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int is_section(const struct dk_form_field *f)
{
	return f->kind == DK_FORM_TEXT || f->kind == DK_FORM_ITEMS;
}

static int once(const struct dk_form_field *f)
{
	return f->kind == DK_FORM_LINE || f->kind == DK_FORM_TEXT;
}

void dk_form_template(const char *title, const struct dk_form_field *fields,
                      const char *const *given, struct dk_buf *out)
{
	int first_section = 1, nreq = 0;

	dk_buf_addf(out, "# %s: fill in the form, save it and quit the editor.\n"
	                 "# Lines that start with '#' are ignored; an empty or unchanged form\n"
	                 "# records nothing. A field is 'Name: value' on one line; a [Section]\n"
	                 "# holds the lines below it, up to the next section.\n", title);
	for (int i = 0; fields[i].label; i++)
		if (fields[i].required && !(given && given[i]))
			dk_buf_addf(out, "%s%s", nreq++ ? ", " : "# Required: ", fields[i].label);
	if (nreq)
		dk_buf_adds(out, ".\n");
	for (int i = 0; fields[i].label; i++) {
		const struct dk_form_field *f = &fields[i];
		const char *note = f->required ? " (required)"
		                   : f->kind == DK_FORM_LINES ? " (repeatable)" : "";

		if (is_section(f) && first_section) {
			first_section = 0;
			dk_buf_adds(out, "\n");
		} else if (!is_section(f) && i == 0) {
			dk_buf_adds(out, "\n");
		}
		if (given && given[i]) {
			dk_buf_addf(out, "# %s: given on the command line, which wins\n%s", f->label,
			            is_section(f) ? "\n" : "");
			continue;
		}
		if (is_section(f))
			dk_buf_addf(out, "[%s]\n# %s%s%s\n\n", f->label, f->help ? f->help : "",
			            f->kind == DK_FORM_ITEMS ? ", one a line" : "", note);
		else
			dk_buf_addf(out, "# %s%s\n%s:\n", f->help ? f->help : "", note, f->label);
	}
}

static const struct dk_form_field *find(const struct dk_form_field *fields, const char *name,
                                        size_t n)
{
	for (int i = 0; fields[i].label; i++)
		if (strlen(fields[i].label) == n && strncasecmp(fields[i].label, name, n) == 0)
			return &fields[i];
	return NULL;
}

/* Every label of one sort, for a message: "Title, Area, ...". */
static void labels(const struct dk_form_field *fields, int sections, struct dk_buf *b)
{
	for (int i = 0; fields[i].label; i++)
		if (is_section(&fields[i]) == sections)
			dk_buf_addf(b, "%s%s%s%s", b->len ? ", " : "", sections ? "[" : "", fields[i].label,
			            sections ? "]" : "");
	if (b->len == 0)
		dk_buf_adds(b, "none");
}

static int push(struct dk_form *form, const char *name, const char *s, size_t n, int line)
{
	struct dk_form_value *v = realloc(form->v, (form->n + 1) * sizeof *v);
	char *copy = malloc(n + 1);

	if (v == NULL || copy == NULL) {
		free(copy);
		if (v != NULL)
			form->v = v;
		return 0;
	}
	form->v = v;
	memcpy(copy, s, n);
	copy[n] = '\0';
	form->v[form->n++] = (struct dk_form_value){name, copy, line};
	return 1;
}

/* The first line a once-only field was given on, or 0. */
static int given_on(const struct dk_form *form, const char *name)
{
	for (size_t i = 0; i < form->n; i++)
		if (strcmp(form->v[i].name, name) == 0)
			return form->v[i].line;
	return 0;
}

/* Ends the open TEXT section: its lines without the blank ones around. */
static int close_text(struct dk_form *form, const struct dk_form_field *f, struct dk_buf *text,
                      int line)
{
	const char *s = dk_buf_str(text);
	size_t start = 0, end = text->len;
	int ok = 1;

	while (start < end && s[start] == '\n')
		start++;
	while (end > start && s[end - 1] == '\n')
		end--;
	if (end > start)
		ok = push(form, f->name, s + start, end - start, line);
	dk_buf_free(text);
	return ok;
}

static size_t trim_end(const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return n;
}

int dk_form_parse(const char *text, const char *source, const struct dk_form_field *fields,
                  struct dk_form *form, struct dk_error *err)
{
	const struct dk_form_field *section = NULL;
	struct dk_buf body = {0}, names = {0};
	int line = 0, section_line = 0, rc = DK_OK;
	const char *p = text;

	memset(form, 0, sizeof *form);
	if (strncmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3; /* a byte order mark, as some editors save */
	while (rc == DK_OK && *p) {
		size_t len = strcspn(p, "\n"), n = trim_end(p, len), lead = strspn(p, " \t");
		const char *s = p;

		line++;
		p += len + (p[len] == '\n');
		if (s[0] == '#')
			continue;
		if (n >= 2 && s[0] == '[' && s[n - 1] == ']') { /* at the start of a line */
			const struct dk_form_field *f = find(fields, s + 1, n - 2);
			int first;

			if (section && section->kind == DK_FORM_TEXT &&
			    !close_text(form, section, &body, section_line))
				goto oom;
			section = NULL;
			if (f == NULL) {
				labels(fields, 1, &names);
				rc = dk_fail(err, DK_EINPUT, "%s:%d: no section '%.*s' (sections: %s)", source,
				             line, (int)n, s, dk_buf_str(&names));
			} else if (!is_section(f)) {
				rc = dk_fail(err, DK_EINPUT, "%s:%d: %s is a one-line field: write '%s: value'",
				             source, line, f->label, f->label);
			} else if (once(f) && (first = given_on(form, f->name)) != 0) {
				rc = dk_fail(err, DK_EINPUT, "%s:%d: %s is given twice (first on line %d)",
				             source, line, f->label, first);
			} else {
				section = f;
				section_line = line + 1;
			}
			continue;
		}
		if (section && section->kind == DK_FORM_TEXT) {
			dk_buf_add(&body, s, n);
			dk_buf_adds(&body, "\n");
			continue;
		}
		if (section) { /* a list: one value a line */
			if (lead < n && !push(form, section->name, s + lead, n - lead, line))
				goto oom;
			continue;
		}
		if (lead >= n)
			continue;
		{
			const char *colon = memchr(s + lead, ':', n - lead);
			size_t nlen = colon ? trim_end(s + lead, (size_t)(colon - s - lead)) : 0;
			const struct dk_form_field *f = colon ? find(fields, s + lead, nlen) : NULL;
			const char *v;
			int first;

			if (colon == NULL || nlen == 0 || memchr(s + lead, ' ', nlen)) {
				size_t shown = n - lead > 40 ? 40 : n - lead;
				while (shown < n - lead && shown > 0 && ((unsigned char)s[lead + shown] & 0xC0) == 0x80)
					shown--; /* not inside a character */
				rc = dk_fail(err, DK_EINPUT, "%s:%d: '%.*s' is not 'Name: value', a [Section] "
				             "or a '#' comment", source, line, (int)shown, s + lead);
				continue;
			}
			if (f == NULL) {
				labels(fields, 0, &names);
				rc = dk_fail(err, DK_EINPUT, "%s:%d: no field '%.*s' (fields: %s)", source, line,
				             (int)nlen, s + lead, dk_buf_str(&names));
				continue;
			}
			v = colon + 1 + strspn(colon + 1, " \t");
			if (v >= s + n)
				continue; /* left empty: not given */
			if (once(f) && (first = given_on(form, f->name)) != 0) {
				rc = dk_fail(err, DK_EINPUT, "%s:%d: %s is given twice (first on line %d)", source,
				             line, f->label, first);
				continue;
			}
			if (!push(form, f->name, v, (size_t)(s + n - v), line))
				goto oom;
		}
	}
	if (rc == DK_OK && section && section->kind == DK_FORM_TEXT &&
	    !close_text(form, section, &body, section_line))
		goto oom;
	dk_buf_free(&body);
	dk_buf_free(&names);
	if (rc != DK_OK)
		dk_form_free(form);
	return rc;
oom:
	dk_buf_free(&body);
	dk_buf_free(&names);
	dk_form_free(form);
	return dk_fail(err, DK_EDB, "out of memory");
}

void dk_form_free(struct dk_form *form)
{
	for (size_t i = 0; i < form->n; i++)
		free(form->v[i].value);
	free(form->v);
	memset(form, 0, sizeof *form);
}
