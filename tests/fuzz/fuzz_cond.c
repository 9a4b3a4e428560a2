/* Fuzz target: the rule catalog's condition language (docket/cond.h). The
 * first byte picks the type the expression must have; the rest is the
 * expression. Whatever the bytes, parsing either fails with a position
 * inside the text and a message, or yields a tree of the wanted type that
 * evaluates, over a full context, an empty one and a half-given one (and
 * with fields unknown, and explained in words), without touching memory it
 * does not own. Every other input is parsed with a small stack vocabulary,
 * so `has kind`, tool() and tool names are reached. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "docket/cond.h"
#include "docket/text.h"
#include "docket/vocab.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct dk_facts full, empty, half;
static struct dk_vocab vocab;

static void num(struct dk_facts *f, int field, double x)
{
	f->v[field].type = DK_T_NUM;
	f->v[field].num = x;
}

static void setup(void)
{
	struct dk_error err;

	dk_facts_set_text(&full, DK_F_PROBLEM, "online", &err);
	num(&full, DK_F_LATENCY_P95_MS, 120);
	num(&full, DK_F_THROUGHPUT_RPS, 500);
	num(&full, DK_F_DATA_GB, 0.5);
	num(&full, DK_F_LABEL_DELAY_DAYS, 0);
	num(&full, DK_F_TEAM_SIZE, 4);
	dk_facts_set_list(&full, DK_F_STACK, "[\"Kubernetes\",\"airflow\",\"\\u00e9t\\u00e9\"]", &err);
	dk_facts_set_text(&full, DK_F_CLOUD, "gcp", &err);
	full.v[DK_F_ON_PREM].type = DK_T_BOOL;
	dk_facts_set_list(&full, DK_F_COMPLIANCE, "[\"gdpr\"]", &err);
	num(&full, DK_F_BUDGET_USD_MONTH, 0);
	full.v[DK_F_SHARED_FEATURES].type = DK_T_BOOL;
	full.v[DK_F_SHARED_FEATURES].b = 1;
	dk_facts_set_list(&full, DK_F_RETRAIN, "[\"daily\",\"on-drift\"]", &err);
	dk_facts_set_text(&full, DK_F_MODEL_KIND, "llm", &err);
	dk_facts_set_bool(&full, DK_F_GPU, 1);
	dk_facts_set_num(&full, DK_F_VELOCITY_GB_DAY, 20);
	dk_vocab_add(&vocab, "stack.csv", 2, "kubernetes", "Kubernetes", "k8s", "kubernetes", "", 0, &err);
	dk_vocab_add(&vocab, "stack.csv", 3, "airflow", "Apache Airflow", "", "orchestrator", "", 0, &err);
	dk_vocab_add(&vocab, "stack.csv", 4, "sagemaker", "Amazon SageMaker", "",
	             "managed-platform;orchestrator=SageMaker Pipelines;serving", "aws", 0, &err);
	dk_facts_resolve(&full, &vocab, &err);
	dk_facts_resolve(&half, &vocab, &err);
	dk_facts_set_text(&full, DK_F_SYSTEM, "ranker", &err);
	dk_facts_set_text(&full, DK_F_OWNER, "ana", &err);
	/* lists given, texts and numbers not: a text field is null at evaluation */
	dk_facts_set_list(&half, DK_F_STACK, "[\"ray\", \"spark\"]", &err);
	dk_facts_set_list(&half, DK_F_COMPLIANCE, "[]", &err);
	num(&half, DK_F_TEAM_SIZE, 0);
}

static void eval(const struct dk_cond *c, const struct dk_facts *f, int want)
{
	unsigned char known[DK_FIELD_COUNT] = {0};
	struct dk_value v, w;
	struct dk_buf b = {0};
	char out[32];

	/* with nothing known, and with everything known as in full evaluation */
	dk_cond_eval_partial(c, f, known, &w);
	memset(known, 1, sizeof known);
	dk_cond_eval_partial(c, f, known, &w);
	dk_cond_eval(c, f, &v);
	if (w.type != v.type)
		abort();
	if (dk_cond_type(c) == DK_T_BOOL) {
		dk_cond_explain(c, f, &b);
		dk_buf_free(&b);
	}
	if (want == DK_T_BOOL && v.type != DK_T_BOOL)
		abort();
	if (dk_cond_holds(c, f) != (v.type == DK_T_BOOL && v.b))
		abort();
	if (v.type == DK_T_NUM)
		dk_num_format(v.num, out);
	if (v.type == DK_T_TEXT && v.text == NULL)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int wants[] = {DK_T_BOOL, DK_T_NUM, DK_T_NULL};
	struct dk_cond_error e;
	struct dk_cond *c;
	char *s;
	int want;

	if (full.v[DK_F_PROBLEM].type == DK_T_NULL)
		setup();
	if (size < 1)
		return 0;
	want = wants[data[0] % 3];
	if ((s = malloc(size)) == NULL)
		return 0;
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	memset(&e, 0, sizeof e);
	c = size % 2 ? dk_cond_parse_vocab(s, want, &vocab, &e) : dk_cond_parse(s, want, &e);
	if (c == NULL) {
		/* a refusal says what and where */
		if (e.msg[0] == '\0' || e.pos < 1 || e.pos > size + 1 || memchr(e.msg, '\0', sizeof e.msg) == NULL)
			abort();
	} else {
		if (want != DK_T_NULL && dk_cond_type(c) != want)
			abort();
		eval(c, &full, want);
		eval(c, &empty, want);
		eval(c, &half, want);
		dk_cond_free(c);
	}
	free(s);
	return 0;
}
