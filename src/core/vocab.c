#define _GNU_SOURCE /* strcasestr */
#include "docket/vocab.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/text.h"

const char *const dk_tool_kinds[] = {
	"managed-platform", "ml-platform", "orchestrator", "scheduler", "tracker", "registry",
	"training", "distributed-training", "batch-processing", "serving", "llm-serving", "llm-api",
	"serverless", "paas", "kubernetes", "container", "container-registry", "artifact-mirror",
	"stream", "stream-processor", "warehouse", "object-storage", "table-format", "database",
	"etl", "data-validation", "data-versioning", "feature-store", "online-store", "vector-store",
	"llm-eval", "llm-observability", "guardrails", "monitoring", "ml-monitoring", "ci", "gitops",
	"edge-runtime", "edge-delivery", "secrets", "iac", "saas", NULL,
};

/* Vendor words a name may carry in front ("apache-kafka", "aws-sagemaker"). */
static const char *const vendors[] = {"aws", "amazon", "google", "gcp", "azure", "microsoft",
                                      "apache", NULL};

#define NAME_MAX_LEN 64

int dk_tool_kind_known(const char *kind)
{
	for (int i = 0; dk_tool_kinds[i]; i++)
		if (strcmp(dk_tool_kinds[i], kind) == 0)
			return 1;
	return 0;
}

void dk_fold(const char *s, char *out, size_t n)
{
	size_t j = 0;

	for (; *s && j + 1 < n; s++) {
		char c = *s;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			out[j++] = c;
	}
	out[j] = '\0';
}

static void tool_free(struct dk_tool *t)
{
	free(t->name);
	free(t->title);
	free(t->cloud);
	for (size_t i = 0; i < t->n_folded; i++)
		free(t->folded[i]);
	free(t->folded);
	for (size_t i = 0; i < t->n_kinds; i++) {
		free(t->kinds[i].kind);
		free(t->kinds[i].product);
	}
	free(t->kinds);
	memset(t, 0, sizeof *t);
}

void dk_vocab_free(struct dk_vocab *v)
{
	for (size_t i = 0; i < v->n; i++)
		tool_free(&v->tools[i]);
	free(v->tools);
	for (size_t i = 0; i < v->n_files; i++)
		free(v->files[i]);
	free(v->files);
	memset(v, 0, sizeof *v);
}

static int find_folded(const struct dk_vocab *v, const char *f)
{
	if (*f == '\0')
		return -1;
	for (size_t i = 0; i < v->n; i++)
		for (size_t k = 0; k < v->tools[i].n_folded; k++)
			if (strcmp(v->tools[i].folded[k], f) == 0)
				return (int)i;
	return -1;
}

int dk_vocab_find(const struct dk_vocab *v, const char *word)
{
	char f[256];
	int i;

	if (v == NULL)
		return -1;
	dk_fold(word, f, sizeof f);
	if ((i = find_folded(v, f)) >= 0)
		return i;
	for (int k = 0; vendors[k]; k++) {
		size_t n = strlen(vendors[k]);
		if (strncmp(f, vendors[k], n) == 0 && (i = find_folded(v, f + n)) >= 0)
			return i;
	}
	return -1;
}

int dk_vocab_named(const struct dk_vocab *v, const char *name)
{
	for (size_t i = 0; v && i < v->n; i++)
		if (strcmp(v->tools[i].name, name) == 0)
			return (int)i;
	return -1;
}

int dk_tool_has_kind(const struct dk_tool *t, const char *kind)
{
	for (size_t i = 0; i < t->n_kinds; i++)
		if (strcmp(t->kinds[i].kind, kind) == 0)
			return 1;
	return 0;
}

const char *dk_tool_product(const struct dk_tool *t, const char *kind)
{
	for (size_t i = 0; i < t->n_kinds; i++)
		if (strcmp(t->kinds[i].kind, kind) == 0)
			return t->kinds[i].product ? t->kinds[i].product : t->title;
	return NULL;
}

/* Trimmed copy of [a, b). */
static char *trimmed(const char *a, const char *b)
{
	while (a < b && *a == ' ')
		a++;
	while (b > a && b[-1] == ' ')
		b--;
	return strndup(a, (size_t)(b - a));
}

/* Calls fn on each trimmed ';'-separated item of s; stops at the first
 * non-zero return, which it returns. An empty s has no items. */
static int each_item(const char *s, int (*fn)(void *ctx, char *item), void *ctx)
{
	const char *p = s;
	int rc;

	if (*s == '\0')
		return DK_OK;
	for (;;) {
		const char *semi = strchr(p, ';');
		char *item = trimmed(p, semi ? semi : p + strlen(p));

		if (item == NULL)
			return DK_EDB;
		rc = fn(ctx, item); /* takes item */
		if (rc != DK_OK || semi == NULL)
			return rc;
		p = semi + 1;
	}
}

struct adding {
	const struct dk_vocab *v;
	struct dk_tool *t;
	int behind;            /* words already taken are skipped, not refused */
	struct dk_error *err;
};

static int add_folded(struct adding *a, const char *word, const char *cell)
{
	char f[256], **grown;
	int other;

	dk_fold(word, f, sizeof f);
	if (f[0] == '\0')
		return dk_fail(a->err, DK_EINPUT, "%s '%.60s' has no letter or digit", cell, word);
	for (size_t k = 0; k < a->t->n_folded; k++)
		if (strcmp(a->t->folded[k], f) == 0)
			return DK_OK; /* the same word twice adds nothing */
	if ((other = find_folded(a->v, f)) >= 0 && a->behind)
		return DK_OK;
	if (other >= 0)
		return dk_fail(a->err, DK_EINPUT, "%s '%.60s' is already %s (%s:%d)", cell, word,
		               a->v->tools[other].name, a->v->tools[other].file, a->v->tools[other].line);
	if ((grown = realloc(a->t->folded, (a->t->n_folded + 1) * sizeof *grown)) == NULL)
		return dk_fail(a->err, DK_EDB, "out of memory");
	a->t->folded = grown;
	if ((grown[a->t->n_folded] = strdup(f)) == NULL)
		return dk_fail(a->err, DK_EDB, "out of memory");
	a->t->n_folded++;
	return DK_OK;
}

static int add_alias(void *ctx, char *item)
{
	struct adding *a = ctx;
	int rc;

	rc = *item ? add_folded(a, item, "alias")
	           : dk_fail(a->err, DK_EINPUT, "aliases has an empty item (separate them with ';')");
	free(item);
	return rc;
}

static int add_kind(void *ctx, char *item)
{
	struct adding *a = ctx;
	struct dk_tool_kind *grown;
	char *eq = strchr(item, '='), *product = NULL;
	const char *why = NULL;

	if (eq) {
		*eq = '\0';
		product = trimmed(eq + 1, eq + 1 + strlen(eq + 1));
		eq = trimmed(item, eq); /* the kind, trimmed */
		free(item);
		item = eq;
		if (item == NULL || product == NULL) {
			free(item);
			free(product);
			return dk_fail(a->err, DK_EDB, "out of memory");
		}
		if (*product == '\0' || (why = dk_text_problem(product, 120, 0)) != NULL) {
			int rc = dk_fail(a->err, DK_EINPUT, "kind %.40s: the product name '%.60s' %s", item,
			                 product, *product ? why : "is empty (write KIND or KIND=PRODUCT)");
			free(item);
			free(product);
			return rc;
		}
	}
	if (!dk_tool_kind_known(item)) {
		char list[800] = "";
		size_t used = 0;
		int rc;

		for (int i = 0; dk_tool_kinds[i]; i++)
			used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "",
			                         dk_tool_kinds[i]);
		rc = dk_fail(a->err, DK_EINPUT, "'%.40s' is not a kind (kinds: %s)", item, list);
		free(item);
		free(product);
		return rc;
	}
	if (dk_tool_has_kind(a->t, item)) {
		int rc = dk_fail(a->err, DK_EINPUT, "kind %s is given twice", item);
		free(item);
		free(product);
		return rc;
	}
	if ((grown = realloc(a->t->kinds, (a->t->n_kinds + 1) * sizeof *grown)) == NULL) {
		free(item);
		free(product);
		return dk_fail(a->err, DK_EDB, "out of memory");
	}
	a->t->kinds = grown;
	grown[a->t->n_kinds].kind = item;
	grown[a->t->n_kinds].product = product;
	a->t->n_kinds++;
	return DK_OK;
}

static const char *file_copy(struct dk_vocab *v, const char *file)
{
	char **grown;

	for (size_t i = 0; i < v->n_files; i++)
		if (strcmp(v->files[i], file) == 0)
			return v->files[i];
	if ((grown = realloc(v->files, (v->n_files + 1) * sizeof *grown)) == NULL)
		return NULL;
	v->files = grown;
	if ((grown[v->n_files] = strdup(file)) == NULL)
		return NULL;
	return grown[v->n_files++];
}

int dk_vocab_add(struct dk_vocab *v, const char *file, int line, const char *name,
                 const char *title, const char *aliases, const char *kinds, const char *cloud,
                 int behind, struct dk_error *err)
{
	struct dk_tool t = {0}, *grown;
	struct adding a = {v, &t, behind, err};
	const char *why = NULL;
	int rc;

	if (*name == '\0' || strlen(name) > NAME_MAX_LEN ||
	    name[strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-")] != '\0')
		return dk_fail(err, DK_EINPUT, "name '%.60s' is not a tool name (1 to %d of a-z, 0-9, '-')",
		               name, NAME_MAX_LEN);
	if (*title == '\0' || (why = dk_text_problem(title, 120, 0)) != NULL)
		return dk_fail(err, DK_EINPUT, "title '%.60s' %s", title, *title ? why : "is empty");
	if (*cloud && strcmp(cloud, "aws") && strcmp(cloud, "gcp") && strcmp(cloud, "azure"))
		return dk_fail(err, DK_EINPUT, "cloud '%.40s' is not aws, gcp, azure or empty", cloud);
	if (behind && dk_vocab_named(v, name) >= 0)
		return DK_OK; /* the overlay defines this tool */
	if ((t.name = strdup(name)) == NULL || (t.title = strdup(title)) == NULL ||
	    (*cloud && (t.cloud = strdup(cloud)) == NULL) || (t.file = file_copy(v, file)) == NULL) {
		rc = dk_fail(err, DK_EDB, "out of memory");
		goto fail;
	}
	t.line = line;
	if ((rc = add_folded(&a, name, "name")) != DK_OK ||
	    (rc = each_item(aliases, add_alias, &a)) != DK_OK ||
	    (rc = each_item(kinds, add_kind, &a)) != DK_OK)
		goto fail;
	if (t.n_kinds == 0) {
		rc = dk_fail(err, DK_EINPUT, "kinds is empty (a tool has at least one kind)");
		goto fail;
	}
	if ((grown = realloc(v->tools, (v->n + 1) * sizeof *grown)) == NULL) {
		rc = dk_fail(err, DK_EDB, "out of memory");
		goto fail;
	}
	v->tools = grown;
	v->tools[v->n++] = t;
	return DK_OK;
fail:
	if (rc == DK_EDB && err && err->status != DK_EDB)
		dk_fail(err, DK_EDB, "out of memory");
	tool_free(&t);
	return rc;
}

int dk_vocab_nearest(const struct dk_vocab *v, const char *word)
{
	char f[256];
	size_t best = (size_t)-1, len;
	int at = -1;

	dk_fold(word, f, sizeof f);
	len = strlen(f);
	for (size_t i = 0; v && i < v->n; i++)
		for (size_t k = 0; k < v->tools[i].n_folded; k++) {
			size_t d = dk_edit_distance(f, v->tools[i].folded[k]);
			if (d < best) {
				best = d;
				at = (int)i;
			}
		}
	/* a near miss, not a different word: at most 2 edits, and a third of it */
	return best <= 2 && best * 3 <= len ? at : -1;
}

int dk_tool_named_in(const struct dk_tool *t, const char *text)
{
	const char *what[2] = {t->title, t->name};

	for (int k = 0; k < 2; k++) {
		size_t n = strlen(what[k]);
		for (const char *h = strcasestr(text, what[k]); h; h = strcasestr(h + 1, what[k])) {
			int before = h == text ? ' ' : (unsigned char)h[-1], after = (unsigned char)h[n];
			if (!isalnum(before) && !isalnum(after))
				return 1;
		}
	}
	return 0;
}
