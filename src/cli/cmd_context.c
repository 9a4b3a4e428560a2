/* cmd_context.c: docket context add | revise | list | show. */
#include <string.h>

#include "cli.h"
#include "docket/context.h"
#include "docket/key.h"

#define MAX_ITEMS 64

static const char *flag_pair(const struct args *a, const char *yes, const char *no, int *v)
{
	int y = arg_flag(a, yes), n = arg_flag(a, no);

	*v = y ? 1 : n ? 0 : -1;
	return y && n ? yes : NULL;
}

static int read_in(struct ctx *c, struct args *a, struct dk_context_in *in,
                   const char **assum, const char **oos)
{
	const char *both;

	memset(in, 0, sizeof *in);
	in->owner = arg_get(a, "owner");
	in->problem = arg_get(a, "problem");
	in->model_kind = arg_get(a, "model-kind");
	in->deploy_target = arg_get(a, "deploy-target");
	in->gpu = arg_get(a, "gpu");
	in->availability_pct = arg_get(a, "availability");
	in->pipelines = arg_get(a, "pipelines");
	in->latency_p95_ms = arg_get(a, "latency-p95-ms");
	in->throughput_rps = arg_get(a, "throughput-rps");
	in->data_gb = arg_get(a, "data-gb");
	in->velocity = arg_get(a, "velocity");
	in->label_delay_days = arg_get(a, "label-delay-days");
	in->team_size = arg_get(a, "team-size");
	in->stack = arg_get(a, "stack");
	in->cloud = arg_get(a, "cloud");
	in->compliance = arg_get(a, "compliance");
	in->budget_usd_month = arg_get(a, "budget-usd-month");
	in->retrain = arg_get(a, "retrain");
	if ((both = flag_pair(a, "on-prem", "no-on-prem", &in->on_prem)) ||
	    (both = flag_pair(a, "air-gapped", "no-air-gapped", &in->air_gapped)) ||
	    (both = flag_pair(a, "retrieval", "no-retrieval", &in->retrieval)) ||
	    (both = flag_pair(a, "shared-features", "no-shared-features", &in->shared_features)))
		return fail(c, DK_EINPUT, "--%s and --no-%s contradict each other", both, both);
	in->n_assumptions = (size_t)arg_all(a, "assumption", assum, MAX_ITEMS);
	in->has_assumptions = in->n_assumptions > 0 || arg_flag(a, "no-assumptions");
	in->assumptions = assum;
	in->n_out_of_scope = (size_t)arg_all(a, "out-of-scope", oos, MAX_ITEMS);
	in->has_out_of_scope = in->n_out_of_scope > 0 || arg_flag(a, "no-out-of-scope");
	in->out_of_scope = oos;
	if (arg_all(a, "assumption", assum, MAX_ITEMS + 1) > MAX_ITEMS ||
	    arg_all(a, "out-of-scope", oos, MAX_ITEMS + 1) > MAX_ITEMS)
		return fail(c, DK_EINPUT, "at most %d assumptions and %d out-of-scope items", MAX_ITEMS, MAX_ITEMS);
	return DK_OK;
}

static int run_add(struct ctx *c, struct args *a)
{
	const char *assum[MAX_ITEMS + 1], *oos[MAX_ITEMS + 1];
	struct dk_context_in in;
	char key[DK_KEY_LEN];
	int64_t id;
	int rc;

	if ((rc = read_in(c, a, &in, assum, oos)) != DK_OK)
		return rc;
	in.system = a->pos[0];
	if ((rc = dk_context_add(c->db, &in, &id, &c->err)) != DK_OK)
		return rc;
	dk_key_format("CTX", id, key);
	out_value(c->out, "key", key);
	return DK_OK;
}

static int run_revise(struct ctx *c, struct args *a)
{
	const char *assum[MAX_ITEMS + 1], *oos[MAX_ITEMS + 1];
	struct dk_context_in in;
	char key[DK_KEY_LEN];
	long long old;
	int64_t id;
	int rc;

	if ((rc = key_opt(c, NULL, a->pos[0], "CTX", "context", &old)) != DK_OK)
		return rc;
	if ((rc = read_in(c, a, &in, assum, oos)) != DK_OK)
		return rc;
	if ((rc = dk_context_revise(c->db, old, &in, &id, &c->err)) != DK_OK)
		return rc;
	dk_key_format("CTX", id, key);
	out_value(c->out, "key", key);
	return DK_OK;
}

static int run_list(struct ctx *c, struct args *a)
{
	out_list(c->out, NULL);
	return dk_context_list(c->db, arg_flag(a, "all"), arg_get(a, "search"), out_row, c->out, &c->err);
}

static int run_show(struct ctx *c, struct args *a)
{
	long long id;
	int rc;

	if ((rc = key_opt(c, NULL, a->pos[0], "CTX", "context", &id)) != DK_OK)
		return rc;
	if ((rc = dk_context_exists(c->db, id, &c->err)) != DK_OK)
		return rc;
	out_record(c->out, "context");
	if ((rc = dk_context_get(c->db, id, out_row, c->out, &c->err)) != DK_OK)
		return rc;
	out_list(c->out, "revisions");
	return dk_context_revisions(c->db, id, out_row, c->out, &c->err);
}

#define CONTEXT_FIELDS(owner_flag, problem_flag) \
	{"owner", "HANDLE", owner_flag, "the accountable person"}, \
	{"problem", "TYPE", problem_flag, "batch, online or streaming"}, \
	{"model-kind", "KIND", 0, "classical (default), deep or llm"}, \
	{"deploy-target", "TARGET", 0, "server (default) or edge (the model runs on devices)"}, \
	{"latency-p95-ms", "N", 0, "p95 latency budget in milliseconds (1..3600000)"}, \
	{"throughput-rps", "N", 0, "requests (or records) per second"}, \
	{"availability", "PCT", 0, "availability target in percent (50..99.9999, e.g. 99.9)"}, \
	{"data-gb", "N", 0, "data volume in GB"}, \
	{"velocity", "RATE", 0, "how fast data arrives: 20 GB/day, 500 MB/hour, 2 TB/week"}, \
	{"label-delay-days", "N", 0, "days until ground-truth labels arrive (0..3650)"}, \
	{"team-size", "N", 0, "people who build and run the system"}, \
	{"pipelines", "N", 0, "data and training pipelines the system runs (1..100000)"}, \
	{"stack", "LIST", 0, "tools already in use, comma-separated (sagemaker,kafka)"}, \
	{"cloud", "NAME", 0, "aws, gcp, azure, other or none"}, \
	{"on-prem", NULL, 0, "runs on premises (no public cloud)"}, \
	{"air-gapped", NULL, 0, "no internet at the site (implies --on-prem)"}, \
	{"gpu", "yes|no", 0, "the model needs GPUs (default: yes for llm, else no)"}, \
	{"retrieval", NULL, 0, "the llm answers from retrieved documents (RAG)"}, \
	{"compliance", "LIST", 0, "compliance regimes, comma-separated (gdpr,hipaa,sox,pci-dss)"}, \
	{"budget-usd-month", "N", 0, "monthly budget in US dollars"}, \
	{"shared-features", NULL, 0, "features are shared across models or online and offline"}, \
	{"retrain", "LIST", 0, "triggers: none, manual, hourly, daily, weekly, monthly, quarterly, on-drift or on-new-data"}, \
	{"assumption", "TEXT", OPT_MULTI, "an assumption the plan rests on"}, \
	{"out-of-scope", "TEXT", OPT_MULTI, "something deliberately out of scope"}

static const struct opt add_opts[] = {
	CONTEXT_FIELDS(OPT_REQUIRED, OPT_REQUIRED),
	{NULL, NULL, 0, NULL},
};

static const struct opt revise_opts[] = {
	CONTEXT_FIELDS(0, 0),
	{"no-on-prem", NULL, 0, "no longer on premises"},
	{"no-air-gapped", NULL, 0, "no longer air-gapped"},
	{"no-retrieval", NULL, 0, "the llm no longer answers from retrieved documents"},
	{"no-shared-features", NULL, 0, "features are no longer shared"},
	{"no-assumptions", NULL, 0, "clear the assumptions (unless --assumption is given)"},
	{"no-out-of-scope", NULL, 0, "clear the out-of-scope items (unless --out-of-scope is given)"},
	{NULL, NULL, 0, NULL},
};

static const struct opt list_opts[] = {
	{"all", NULL, 0, "every revision, not only the latest of each system"},
	{"search", "TEXT", 0, "words in the system, velocity, stack or lists"},
	{NULL, NULL, 0, NULL},
};

const struct cmd cmds_context[] = {
	{"add", "SYSTEM", 1, 1, "record what a system must meet (revision 1)", add_opts, 0, run_add},
	{"revise", "KEY", 1, 1, "record a new revision; values not given are kept, lists given replace", revise_opts, 0, run_revise},
	{"list", NULL, 0, 0, "list contexts (latest revisions)", list_opts, 0, run_list},
	{"show", "KEY", 1, 1, "show a context and its revision chain", NULL, 0, run_show},
	{0},
};
