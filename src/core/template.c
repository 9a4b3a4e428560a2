/* template.c: catalog text cells with {expressions} (docket/catalog.h). */
#include "docket/catalog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/text.h"

void dk_template_free(struct dk_template *t)
{
	free(t->src);
	for (size_t i = 0; t->lit && i <= t->n; i++)
		free(t->lit[i]);
	for (size_t i = 0; t->expr && i < t->n; i++)
		dk_cond_free(t->expr[i]);
	free(t->lit);
	free(t->expr);
	memset(t, 0, sizeof *t);
}

int dk_template_parse(const char *s, const struct dk_vocab *vocab, struct dk_template *t,
                      struct dk_cond_error *e)
{
	const char *p = s;

	memset(t, 0, sizeof *t);
	if ((t->src = strdup(s)) == NULL)
		goto oom;
	for (;;) {
		const char *open = strchr(p, '{'), *close;
		char **lit = realloc(t->lit, (t->n + 2) * sizeof *lit);
		struct dk_cond **expr;
		char *src;

		if (lit == NULL)
			goto oom;
		t->lit = lit;
		t->lit[t->n] = t->lit[t->n + 1] = NULL;
		if (open == NULL) {
			if (strchr(p, '}') != NULL) {
				e->pos = dk_utf8_len(s) - dk_utf8_len(strchr(p, '}')) + 1;
				snprintf(e->msg, sizeof e->msg, "a '}' without a '{'");
				goto fail;
			}
			if ((t->lit[t->n] = strdup(p)) == NULL)
				goto oom;
			return 0;
		}
		close = strchr(open, '}');
		if (close == NULL) {
			e->pos = dk_utf8_len(s) - dk_utf8_len(open) + 1;
			snprintf(e->msg, sizeof e->msg, "a '{' is not closed");
			goto fail;
		}
		if ((t->lit[t->n] = strndup(p, (size_t)(open - p))) == NULL)
			goto oom;
		if ((expr = realloc(t->expr, (t->n + 1) * sizeof *expr)) == NULL)
			goto oom;
		t->expr = expr;
		if ((src = strndup(open + 1, (size_t)(close - open - 1))) == NULL)
			goto oom;
		t->expr[t->n] = dk_cond_parse_vocab(src, DK_T_NULL, vocab, e);
		free(src);
		if (t->expr[t->n] == NULL) {
			e->pos += dk_utf8_len(s) - dk_utf8_len(open) + 1;
			t->n++;
			goto fail;
		}
		t->n++;
		p = close + 1;
	}
oom:
	e->pos = 1;
	snprintf(e->msg, sizeof e->msg, "out of memory");
fail:
	/* lit has n + 1 slots, some maybe NULL; expr has n, the last maybe NULL */
	dk_template_free(t);
	return -1;
}

int dk_template_expand(const struct dk_template *t, const struct dk_facts *f,
                       struct dk_buf *out)
{
	for (size_t i = 0; i < t->n; i++) {
		struct dk_value v;
		char num[32];

		dk_buf_adds(out, t->lit[i]);
		dk_cond_eval(t->expr[i], f, &v);
		switch (v.type) {
		case DK_T_NULL: return DK_EINPUT;
		case DK_T_NUM:
			dk_num_format(v.num, num);
			dk_buf_adds(out, num);
			break;
		case DK_T_BOOL: dk_buf_adds(out, v.b ? "yes" : "no"); break;
		case DK_T_TEXT: dk_buf_adds(out, v.text); break;
		case DK_T_LIST:
			for (size_t j = 0; j < v.n; j++) {
				if (j)
					dk_buf_adds(out, ", ");
				dk_buf_adds(out, v.list[j]);
			}
			if (v.n == 0)
				dk_buf_adds(out, "none");
			break;
		}
	}
	dk_buf_adds(out, t->lit[t->n]);
	return DK_OK;
}
