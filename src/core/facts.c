/* facts.c: a context revision's values as the condition language sees
 * them, and the stack resolved against the catalog's vocabulary. */
#include "docket/cond.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "docket/text.h"
#include "docket/vocab.h"

void dk_facts_free(struct dk_facts *f)
{
	for (int i = 0; i < DK_FIELD_COUNT; i++) {
		free(f->texts[i]);
		dk_strings_free(f->lists[i], f->list_n[i]);
	}
	free(f->tool);
	memset(f, 0, sizeof *f);
}

int dk_facts_set_text(struct dk_facts *f, int field, const char *s, struct dk_error *err)
{
	free(f->texts[field]);
	f->texts[field] = NULL;
	f->v[field].type = DK_T_NULL;
	if (s == NULL)
		return DK_OK;
	if ((f->texts[field] = strdup(s)) == NULL)
		return dk_fail(err, DK_EDB, "out of memory");
	f->v[field].type = DK_T_TEXT;
	f->v[field].text = f->texts[field];
	return DK_OK;
}

void dk_facts_set_num(struct dk_facts *f, int field, double x)
{
	f->v[field].type = DK_T_NUM;
	f->v[field].num = x;
}

void dk_facts_set_bool(struct dk_facts *f, int field, int b)
{
	f->v[field].type = DK_T_BOOL;
	f->v[field].b = b != 0;
}

/* Reads one JSON string at *p (after the opening quote) into b. */
static int json_str(const char **p, struct dk_buf *b)
{
	const char *s = *p;

	for (; *s && *s != '"'; s++) {
		if (*s != '\\') {
			dk_buf_add(b, s, 1);
			continue;
		}
		s++;
		switch (*s) {
		case 'n': dk_buf_adds(b, "\n"); break;
		case 't': dk_buf_adds(b, "\t"); break;
		case 'r': dk_buf_adds(b, "\r"); break;
		case 'b': dk_buf_adds(b, "\b"); break;
		case 'f': dk_buf_adds(b, "\f"); break;
		case 'u': {
			unsigned cp = 0;
			for (int k = 1; k <= 4; k++) {
				if (!isxdigit((unsigned char)s[k]))
					return -1;
				cp = cp * 16 + (unsigned)(isdigit((unsigned char)s[k]) ? s[k] - '0'
				                          : tolower((unsigned char)s[k]) - 'a' + 10);
			}
			s += 4;
			/* surrogates never occur here: docket writes UTF-8 as it is */
			if (cp < 0x80) {
				char c = (char)cp;
				dk_buf_add(b, &c, 1);
			} else if (cp < 0x800) {
				char c[2] = {(char)(0xc0 | (cp >> 6)), (char)(0x80 | (cp & 0x3f))};
				dk_buf_add(b, c, 2);
			} else {
				char c[3] = {(char)(0xe0 | (cp >> 12)), (char)(0x80 | ((cp >> 6) & 0x3f)),
				             (char)(0x80 | (cp & 0x3f))};
				dk_buf_add(b, c, 3);
			}
			break;
		}
		case '\0': return -1;
		default: dk_buf_add(b, s, 1);
		}
	}
	if (*s != '"')
		return -1;
	*p = s + 1;
	return 0;
}

void dk_strings_free(char **items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(items[i]);
	free(items);
}

int dk_json_strings(const char *json, char ***out, size_t *out_n)
{
	const char *p = json;
	char **items = NULL;
	size_t n = 0;

	while (isspace((unsigned char)*p))
		p++;
	if (*p++ != '[')
		goto bad;
	for (;;) {
		struct dk_buf b = {0};
		char **grown;

		while (isspace((unsigned char)*p) || *p == ',')
			p++;
		if (*p == ']')
			break;
		if (*p++ != '"' || json_str(&p, &b) != 0 || !dk_buf_ok(&b) ||
		    (grown = realloc(items, (n + 1) * sizeof *items)) == NULL) {
			dk_buf_free(&b);
			goto bad;
		}
		items = grown;
		items[n] = strdup(dk_buf_str(&b));
		dk_buf_free(&b);
		if (items[n++] == NULL)
			goto bad;
	}
	*out = items;
	*out_n = n;
	return 0;
bad:
	dk_strings_free(items, n);
	return -1;
}

int dk_facts_set_list(struct dk_facts *f, int field, const char *json, struct dk_error *err)
{
	char **items;
	size_t n;

	if (dk_json_strings(json, &items, &n) != 0)
		return dk_fail(err, DK_EDB, "%s is not a JSON list of texts", dk_fields[field].name);
	dk_strings_free(f->lists[field], f->list_n[field]);
	f->lists[field] = items;
	f->list_n[field] = n;
	f->v[field].type = DK_T_LIST;
	f->v[field].list = (const char *const *)items;
	f->v[field].n = n;
	return DK_OK;
}

int dk_facts_resolve(struct dk_facts *f, const struct dk_vocab *v, struct dk_error *err)
{
	const struct dk_value *s = &f->v[DK_F_STACK];
	size_t n = s->type == DK_T_LIST ? s->n : 0;

	free(f->tool);
	f->tool = NULL;
	f->n_tool = 0;
	f->vocab = v;
	if (n == 0)
		return DK_OK;
	if ((f->tool = malloc(n * sizeof *f->tool)) == NULL)
		return dk_fail(err, DK_EDB, "out of memory");
	for (size_t i = 0; i < n; i++)
		f->tool[i] = dk_vocab_find(v, s->list[i]);
	f->n_tool = n;
	return DK_OK;
}

int dk_facts_tool(const struct dk_facts *f, const char *kind)
{
	/* a tool whose main job it is (its first kind), then any other tool that
	 * has the part, then a managed platform that also has it */
	for (int pass = 0; pass < 3 && f->vocab; pass++)
		for (size_t i = 0; i < f->n_tool; i++) {
			const struct dk_tool *t;
			int platform, primary;
			if (f->tool[i] < 0)
				continue;
			t = &f->vocab->tools[f->tool[i]];
			if (!dk_tool_has_kind(t, kind))
				continue;
			platform = dk_tool_has_kind(t, "managed-platform");
			primary = strcmp(t->kinds[0].kind, kind) == 0;
			if (pass == (platform ? 2 : primary ? 0 : 1))
				return f->tool[i];
		}
	return -1;
}
