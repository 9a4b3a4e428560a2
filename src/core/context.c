#include "docket/context.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "docket/db.h"
#include "docket/key.h"
#include "docket/person.h"
#include "docket/search.h"
#include "docket/text.h"

#include "dialect.h"

const char *const dk_context_problems[] = {"batch", "online", "streaming", NULL};
const char *const dk_context_clouds[] = {"aws", "gcp", "azure", "other", "none", NULL};
const char *const dk_context_retrains[] = {"none", "manual", "hourly", "daily", "weekly",
                                           "monthly", "quarterly", "on-drift", "on-new-data", NULL};
const char *const dk_context_model_kinds[] = {"classical", "deep", "llm", NULL};
const char *const dk_context_deploy_targets[] = {"server", "edge", NULL};
static const char *const yes_no[] = {"yes", "no", NULL};

/* Revision 1 takes the given values; a revision takes each given value and
 * the previous revision's for the rest (:keep_x = 1 keeps it). */
#define SQL_INSERT_TEXT(D) \
	"INSERT INTO context (uuid, system, revision, supersedes_id, owner_id, problem, model_kind," \
	"  deploy_target, latency_p95_ms, throughput_rps, availability_pct, data_gb, velocity," \
	"  velocity_gb_day, label_delay_days, team_size, pipelines, stack, cloud, on_prem, air_gapped," \
	"  gpu, retrieval, compliance, budget_usd_month, shared_features, retraining, assumptions," \
	"  out_of_scope," \
	"  created_at, created_by) " \
	"SELECT coalesce(:uuid, docket_uuid()), coalesce(p.system, :system), coalesce(p.revision + 1, 1)," \
	"  p.id," \
	"  CASE WHEN :keep_owner <> 0 THEN p.owner_id ELSE :owner_id END," \
	"  CASE WHEN :keep_problem <> 0 THEN p.problem ELSE :problem END," \
	"  CASE WHEN :keep_model_kind <> 0 THEN p.model_kind" \
	"    ELSE coalesce(:model_kind, 'classical') END," \
	"  CASE WHEN :keep_deploy_target <> 0 THEN p.deploy_target" \
	"    ELSE coalesce(:deploy_target, 'server') END," \
	"  CASE WHEN :keep_latency <> 0 THEN p.latency_p95_ms ELSE :latency END," \
	"  CASE WHEN :keep_throughput <> 0 THEN p.throughput_rps ELSE :throughput END," \
	"  CASE WHEN :keep_availability <> 0 THEN p.availability_pct ELSE :availability END," \
	"  CASE WHEN :keep_data_gb <> 0 THEN p.data_gb ELSE :data_gb END," \
	"  CASE WHEN :keep_velocity <> 0 THEN p.velocity ELSE :velocity END," \
	"  CASE WHEN :keep_velocity <> 0 THEN p.velocity_gb_day ELSE :velocity_gb_day END," \
	"  CASE WHEN :keep_label_delay <> 0 THEN p.label_delay_days ELSE :label_delay END," \
	"  CASE WHEN :keep_team_size <> 0 THEN p.team_size ELSE :team_size END," \
	"  CASE WHEN :keep_pipelines <> 0 THEN p.pipelines ELSE :pipelines END," \
	"  CASE WHEN :keep_stack <> 0 THEN p.stack ELSE :stack END," \
	"  CASE WHEN :keep_cloud <> 0 THEN p.cloud ELSE :cloud END," \
	"  CASE WHEN :keep_on_prem <> 0 THEN p.on_prem ELSE :on_prem END," \
	"  CASE WHEN :keep_air_gapped <> 0 THEN p.air_gapped ELSE :air_gapped END," \
	"  CASE WHEN :keep_gpu <> 0 THEN p.gpu ELSE :gpu END," \
	"  CASE WHEN :keep_retrieval <> 0 THEN p.retrieval ELSE :retrieval END," \
	"  CASE WHEN :keep_compliance <> 0 THEN p.compliance ELSE :compliance END," \
	"  CASE WHEN :keep_budget <> 0 THEN p.budget_usd_month ELSE :budget END," \
	"  CASE WHEN :keep_shared <> 0 THEN p.shared_features ELSE :shared END," \
	"  CASE WHEN :keep_retrain <> 0 THEN " DK_CONTEXT_RETRAIN_SQL_D(D, "p") " ELSE :retrain END," \
	"  CASE WHEN :keep_assumptions <> 0 THEN p.assumptions ELSE :assumptions END," \
	"  CASE WHEN :keep_out_of_scope <> 0 THEN p.out_of_scope ELSE :out_of_scope END," \
	"  docket_now(), docket_actor() " \
	"FROM (SELECT 1) one LEFT JOIN context p ON p.id = :prev RETURNING id"
static const struct dk_sql SQL_INSERT = DK_SQL_BOTH(SQL_INSERT_TEXT);

/* What a revision's values are checked against. */
static const char SQL_PREVIOUS[] =
	"SELECT 'CTX-' || id, cloud, on_prem, air_gapped, model_kind, retrieval FROM context WHERE id = :id";

static const char SQL_SYSTEM_EXISTS[] = "SELECT id FROM context WHERE system = :system LIMIT 1";
static const char SQL_EXISTS[] = "SELECT id FROM context WHERE id = :id";
static const char SQL_SUCCESSOR[] = "SELECT id FROM context WHERE supersedes_id = :id";

#define SQL_GET_TEXT(D) \
	"SELECT 'CTX-' || c.id AS key, c.system, c.revision, p.handle AS owner, c.problem," \
	"  c.model_kind, c.deploy_target, c.latency_p95_ms, c.throughput_rps, c.availability_pct," \
	"  c.data_gb, c.velocity, c.velocity_gb_day, c.label_delay_days, c.team_size, c.pipelines," \
	"  c.stack AS \"stack:json\", c.cloud, c.on_prem, c.air_gapped, c.gpu, c.retrieval," \
	"  c.compliance AS \"compliance:json\", c.budget_usd_month, c.shared_features," \
	"  " DK_CONTEXT_RETRAIN_SQL_D(D, "c") " AS \"retrain:json\"," \
	"  c.assumptions AS \"assumptions:json\", c.out_of_scope AS \"out_of_scope:json\"," \
	"  'CTX-' || c.supersedes_id AS supersedes," \
	"  (SELECT 'CTX-' || n.id FROM context n WHERE n.supersedes_id = c.id) AS superseded_by," \
	"  c.uuid, c.created_at, c.created_by " \
	"FROM context c JOIN person p ON p.id = c.owner_id WHERE c.id = :id"
static const struct dk_sql SQL_GET = DK_SQL_BOTH(SQL_GET_TEXT);

static const char SQL_REVISIONS[] =
	"SELECT 'CTX-' || c.id AS key, c.revision, 'CTX-' || c.supersedes_id AS supersedes,"
	"  c.created_at, c.created_by,"
	"  CASE WHEN NOT EXISTS (SELECT 1 FROM context n WHERE n.supersedes_id = c.id) THEN 1 ELSE 0 END"
	"  AS current "
	"FROM context c WHERE c.system = (SELECT system FROM context WHERE id = :id) "
	"ORDER BY c.revision";

#define SQL_LIST_TEXT(D) \
	"SELECT 'CTX-' || c.id AS key, c.system, c.revision, c.problem, p.handle AS owner," \
	"  c.latency_p95_ms, c.throughput_rps, c.data_gb, coalesce(c.cloud, '') AS cloud," \
	"  c.on_prem, c.compliance AS \"compliance:json\", c.created_at " \
	"FROM context c JOIN person p ON p.id = c.owner_id " \
	"WHERE (:all <> 0 OR NOT EXISTS (SELECT 1 FROM context n WHERE n.supersedes_id = c.id))" \
	"  AND (:search IS NULL OR c.id IN (" D##_FTS_IDS("context_fts", ":search") ")) " \
	"ORDER BY c.system, c.revision"
static const struct dk_sql SQL_LIST = DK_SQL_BOTH(SQL_LIST_TEXT);

/* Parsed values, ready to bind. */
struct parsed {
	int64_t latency, label_delay, team_size, pipelines;
	double throughput, data_gb, budget, availability, velocity_gb_day;
	struct dk_buf stack, compliance, retrain, assumptions, out_of_scope;
};

static void parsed_free(struct parsed *p)
{
	dk_buf_free(&p->stack);
	dk_buf_free(&p->compliance);
	dk_buf_free(&p->retrain);
	dk_buf_free(&p->assumptions);
	dk_buf_free(&p->out_of_scope);
}

/* ---- velocity ---------------------------------------------------------- */

static int word_is(const char *w, size_t n, const char *const *names)
{
	for (; *names; names++) {
		size_t k = strlen(*names);
		/* a plural takes an s */
		if ((n == k || (n == k + 1 && (w[k] == 's' || w[k] == 'S'))) && strncasecmp(w, *names, k) == 0)
			return 1;
	}
	return 0;
}

int dk_velocity_gb_day(const char *opt, const char *s, double *gb_day, struct dk_error *err)
{
	static const struct { const char *name; double gb; } units[] = {
		{"b", 1e-9}, {"kb", 1e-6}, {"mb", 1e-3}, {"gb", 1}, {"tb", 1e3}, {"pb", 1e6},
		{"kib", 1024.0 / 1e9}, {"mib", 1048576.0 / 1e9}, {"gib", 1073741824.0 / 1e9},
		{"tib", 1099511627776.0 / 1e9}, {"pib", 1125899906842624.0 / 1e9},
	};
	static const char *const sec[] = {"s", "sec", "second", NULL}, *const min[] = {"min", "minute", NULL},
		*const hour[] = {"h", "hr", "hour", NULL}, *const day[] = {"d", "day", NULL},
		*const week[] = {"w", "wk", "week", NULL}, *const month[] = {"mo", "month", NULL},
		*const year[] = {"y", "yr", "year", NULL};
	static const struct { const char *const *names; double per_day; } periods[] = {
		{sec, 86400}, {min, 1440}, {hour, 24}, {day, 1}, {week, 1.0 / 7}, {month, 1.0 / 30},
		{year, 1.0 / 365},
	};
	static const char *const events[] = {"event", "record", "row", "message", "msg", "request",
	                                     "req", "item", "sample", NULL};
	const char *p = s, *u, *q;
	double amount, unit = -1, per = -1;
	char *end;
	size_t n;

	while (*p == ' ' || *p == '~')
		p++;
	amount = strtod(p, &end);
	if (end == p || (*p != '.' && !isdigit((unsigned char)*p)) || !isfinite(amount) || amount < 0)
		goto bad;
	for (q = p; q < end; q++)
		if (!isdigit((unsigned char)*q) && *q != '.')
			goto bad; /* decimal only: no 0x10, 1e3 or inf */
	p = end;
	while (*p == ' ')
		p++;
	for (u = p; isalpha((unsigned char)*p); p++)
		;
	n = (size_t)(p - u);
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (n == strlen(units[i].name) && strncasecmp(u, units[i].name, n) == 0)
			unit = units[i].gb;
	if (unit < 0 && word_is(u, n, events))
		return dk_fail(err, DK_EINPUT, "%s '%.60s' is an event rate, not a data rate: the rate of "
		               "events belongs in --throughput-rps, the data they make here (e.g. 20 GB/day)",
		               opt, s);
	if (unit < 0)
		goto bad;
	while (*p == ' ')
		p++;
	if (*p == '/')
		p++;
	else if (strncasecmp(p, "per ", 4) == 0 || strncasecmp(p, "a ", 2) == 0)
		p += p[1] == ' ' ? 2 : 4;
	else
		goto bad;
	while (*p == ' ')
		p++;
	for (u = p; isalpha((unsigned char)*p); p++)
		;
	n = (size_t)(p - u);
	for (size_t i = 0; i < sizeof periods / sizeof periods[0]; i++)
		if (word_is(u, n, periods[i].names))
			per = periods[i].per_day;
	while (*p == ' ')
		p++;
	if (per < 0 || *p != '\0')
		goto bad;
	*gb_day = amount * unit * per;
	if (*gb_day > 1e12)
		return dk_fail(err, DK_EINPUT, "%s '%.60s' is more than 1,000,000 PB a day", opt, s);
	return DK_OK;
bad:
	return dk_fail(err, DK_EINPUT, "%s '%.60s' is not a data rate: write an amount, a unit and a "
	               "period, e.g. 20 GB/day, 500 MB/hour, 2 TB/week (units B, KB, MB, GB, TB, PB; "
	               "periods second, minute, hour, day, week, month, year)", opt, s);
}

/* ---- checking ----------------------------------------------------------- */

/* The retraining triggers: a list of dk_context_retrains, none and manual alone. */
static int parse_retrain(const char *opt, const char *s, struct dk_buf *out, struct dk_error *err)
{
	char items[9][33];
	size_t n = 0;
	int rc;

	/* the list rules (items, lengths, at most 9) first, then each item */
	if ((rc = dk_list_to_json(opt, s, 32, 9, out, err)) != DK_OK)
		return rc;
	for (const char *p = s; *s;) {
		const char *comma = strchr(p, ','), *a = p, *b = comma ? comma : p + strlen(p);

		while (*a == ' ')
			a++;
		while (b > a && b[-1] == ' ')
			b--;
		snprintf(items[n], sizeof items[n], "%.*s", (int)(b - a), a);
		if ((rc = dk_check_enum(opt, items[n], dk_context_retrains, err)) != DK_OK)
			return rc;
		for (size_t j = 0; j < n; j++)
			if (strcmp(items[j], items[n]) == 0)
				return dk_fail(err, DK_EINPUT, "%s names '%s' twice", opt, items[n]);
		n++;
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	for (size_t i = 0; n > 1 && i < n; i++)
		if (strcmp(items[i], "none") == 0 || strcmp(items[i], "manual") == 0)
			return dk_fail(err, DK_EINPUT, "%s '%.60s': %s stands alone (it means no other "
			               "trigger)", opt, s, items[i]);
	return DK_OK;
}

static int public_cloud(const char *cloud)
{
	return cloud && (strcmp(cloud, "aws") == 0 || strcmp(cloud, "gcp") == 0 ||
	                 strcmp(cloud, "azure") == 0);
}

/* Retrieval is what an LLM does: model_kind is the kind that will be stored. */
static int check_retrieval(const char *model_kind, int retrieval, const char *what,
                           struct dk_error *err)
{
	if (retrieval && strcmp(model_kind ? model_kind : "classical", "llm") != 0)
		return dk_fail(err, DK_EINPUT, "--retrieval needs --model-kind llm (an LLM that answers "
		               "from retrieved documents), but %s%smodel kind is %s", what,
		               *what ? "'s " : "the ", model_kind ? model_kind : "classical");
	return DK_OK;
}

/* On premises, air-gapped and the cloud, as they will be stored. what names
 * where the stored values came from ("" for an add). */
static int check_site(const char *cloud, int on_prem, int air_gapped, const struct dk_context_in *in,
                      const char *what, struct dk_error *err)
{
	if (air_gapped && in->on_prem == 0)
		return dk_fail(err, DK_EINPUT, "--air-gapped and --no-on-prem contradict each other (an "
		               "air-gapped site is on premises)");
	if (air_gapped && public_cloud(cloud))
		return dk_fail(err, DK_EINPUT, "%s%s%s and --cloud %s contradict each other (an air-gapped "
		               "site has no public cloud: --cloud none, other or leave it out)",
		               in->air_gapped > 0 ? "--air-gapped" : what, in->air_gapped > 0 ? "" : " is air-gapped",
		               "", cloud);
	if (on_prem && public_cloud(cloud))
		return dk_fail(err, DK_EINPUT, "%s%s and --cloud %s contradict each other (on premises "
		               "means no public cloud: --cloud none or other for a private cloud, or "
		               "%s)", in->on_prem > 0 || in->air_gapped > 0 ? "--on-prem" : what,
		               in->on_prem > 0 || in->air_gapped > 0 ? "" : " is on premises", cloud,
		               *what ? "revise with --no-on-prem" : "leave out --on-prem");
	return DK_OK;
}

static int parse(const struct dk_context_in *in, int is_add, struct parsed *p,
                 struct dk_error *err)
{
	int rc;

	memset(p, 0, sizeof *p);
	if (is_add) {
		if (in->system == NULL)
			return dk_fail(err, DK_EINPUT, "a SYSTEM name is required");
		if (in->owner == NULL)
			return dk_fail(err, DK_EINPUT, "--owner is required");
		if (in->problem == NULL)
			return dk_fail(err, DK_EINPUT, "--problem is required (batch, online or streaming)");
	}
	if (in->system && (rc = dk_check_ident("SYSTEM", in->system, 64, 1, err)))
		return rc;
	if (in->owner && (rc = dk_check_ident("--owner", in->owner, 32, 0, err)))
		return rc;
	if (in->problem && (rc = dk_check_enum("--problem", in->problem, dk_context_problems, err)))
		return rc;
	if (in->model_kind && (rc = dk_check_enum("--model-kind", in->model_kind, dk_context_model_kinds, err)))
		return rc;
	if (in->deploy_target &&
	    (rc = dk_check_enum("--deploy-target", in->deploy_target, dk_context_deploy_targets, err)))
		return rc;
	if (in->latency_p95_ms &&
	    (rc = dk_parse_int("--latency-p95-ms", in->latency_p95_ms, 1, 3600000, &p->latency, err)))
		return rc;
	if (in->throughput_rps &&
	    (rc = dk_parse_real("--throughput-rps", in->throughput_rps, 0, 1e7, &p->throughput, err)))
		return rc;
	if (in->availability_pct &&
	    (rc = dk_parse_real("--availability", in->availability_pct, 50, 99.9999, &p->availability, err)))
		return rc;
	if (in->data_gb && (rc = dk_parse_real("--data-gb", in->data_gb, 0, 1e9, &p->data_gb, err)))
		return rc;
	if (in->velocity && ((rc = dk_check_text("--velocity", in->velocity, 200, 0, err)) ||
	                     (rc = dk_velocity_gb_day("--velocity", in->velocity, &p->velocity_gb_day, err))))
		return rc;
	if (in->label_delay_days &&
	    (rc = dk_parse_int("--label-delay-days", in->label_delay_days, 0, 3650, &p->label_delay, err)))
		return rc;
	if (in->team_size && (rc = dk_parse_int("--team-size", in->team_size, 1, 100000, &p->team_size, err)))
		return rc;
	if (in->pipelines && (rc = dk_parse_int("--pipelines", in->pipelines, 1, 100000, &p->pipelines, err)))
		return rc;
	if (in->stack && (rc = dk_list_to_json("--stack", in->stack, 64, 64, &p->stack, err)))
		return rc;
	if (in->cloud && (rc = dk_check_enum("--cloud", in->cloud, dk_context_clouds, err)))
		return rc;
	if (in->gpu && (rc = dk_check_enum("--gpu", in->gpu, yes_no, err)))
		return rc;
	if (in->compliance) {
		/* regimes are identifiers, kept in lower case: SOX is sox */
		struct dk_buf low = {0};
		for (const char *c = in->compliance; *c; c++) {
			char ch = *c >= 'A' && *c <= 'Z' ? (char)(*c - 'A' + 'a') : *c;
			dk_buf_add(&low, &ch, 1);
			if (!(ch == ',' || ch == ' ' || ch == '.' || ch == '_' || ch == '-' ||
			      (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))) {
				dk_buf_free(&low);
				return dk_fail(err, DK_EINPUT, "--compliance '%.60s' is not a list of regimes "
				               "(names of letters, digits, '.', '_' and '-', such as "
				               "gdpr,hipaa,soc2)", in->compliance);
			}
		}
		rc = dk_list_to_json("--compliance", dk_buf_str(&low), 32, 16, &p->compliance, err);
		dk_buf_free(&low);
		if (rc)
			return rc;
	}
	if (in->budget_usd_month &&
	    (rc = dk_parse_real("--budget-usd-month", in->budget_usd_month, 0, 1e9, &p->budget, err)))
		return rc;
	if (in->retrain && (rc = parse_retrain("--retrain", in->retrain, &p->retrain, err)))
		return rc;
	if (in->has_assumptions &&
	    (rc = dk_items_to_json("--assumption", in->assumptions, in->n_assumptions, 500,
	                           &p->assumptions, err)))
		return rc;
	if (in->uuid && (rc = dk_check_uuid("uuid", in->uuid, err)))
		return rc;
	if (in->has_out_of_scope &&
	    (rc = dk_items_to_json("--out-of-scope", in->out_of_scope, in->n_out_of_scope, 500,
	                           &p->out_of_scope, err)))
		return rc;
	/* what is given must agree with itself; a revision is checked again
	 * against what it keeps when it is inserted */
	if (is_add && (rc = check_retrieval(in->model_kind, in->retrieval > 0, "", err)) != DK_OK)
		return rc;
	return check_site(in->cloud, in->on_prem > 0 || in->air_gapped > 0, in->air_gapped > 0, in, "", err);
}

int dk_context_check(const struct dk_context_in *in, int is_add, struct dk_error *err)
{
	struct parsed p;
	int rc = parse(in, is_add, &p, err);

	parsed_free(&p);
	return rc;
}

static void bind_opt_text(struct dk_stmt *s, const char *keep, const char *name,
                          const char *v, int revise)
{
	dk_bind_int(s, keep, revise && v == NULL);
	dk_bind_text(s, name, v);
}

/* A revision keeps what it does not give: its site must still agree. */
static int check_revision(struct dk_db *db, int64_t prev, const struct dk_context_in *in,
                          struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	char what[64], cloud[16] = "", kind[16] = "";
	int on_prem = 0, air_gapped = 0, has_cloud = 0, retrieval = 0, rc;

	if ((rc = dk_stmt_prepare(db, &s, SQL_PREVIOUS, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", prev);
	rc = dk_stmt_step(s, err);
	if (rc == DK_ROW) {
		snprintf(what, sizeof what, "%s", dk_col_text(s, 0));
		if ((has_cloud = !dk_col_is_null(s, 1)))
			snprintf(cloud, sizeof cloud, "%s", dk_col_text(s, 1));
		on_prem = (int)dk_col_int(s, 2);
		air_gapped = (int)dk_col_int(s, 3);
		snprintf(kind, sizeof kind, "%s", dk_col_text(s, 4));
		retrieval = (int)dk_col_int(s, 5);
		rc = DK_OK;
	} else if (rc == DK_DONE) {
		rc = dk_fail(err, DK_EINPUT, "there is no context CTX-%lld", (long long)prev);
	}
	dk_stmt_finalize(&s);
	if (rc != DK_OK)
		return rc;
	if (in->air_gapped >= 0)
		air_gapped = in->air_gapped;
	if (in->on_prem >= 0)
		on_prem = in->on_prem;
	if (air_gapped && in->on_prem == 0 && in->air_gapped < 0)
		return dk_fail(err, DK_EINPUT, "%s is air-gapped: --no-on-prem needs --no-air-gapped too", what);
	on_prem |= air_gapped;
	if (in->retrieval >= 0)
		retrieval = in->retrieval;
	if ((rc = check_retrieval(in->model_kind ? in->model_kind : kind, retrieval,
	                          in->model_kind ? "" : what, err)) != DK_OK)
		return rc;
	return check_site(in->cloud ? in->cloud : has_cloud ? cloud : NULL, on_prem, air_gapped, in,
	                  what, err);
}

static int insert(struct dk_db *db, int64_t prev, const struct dk_context_in *in,
                  const struct parsed *p, int64_t *id, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int64_t owner = 0;
	int rc, rev = prev > 0 && !in->exact;
	/* air-gapped means on premises */
	int on_prem = in->air_gapped > 0 && in->on_prem < 0 ? 1 : in->on_prem;

	if (in->owner && (rc = dk_person_find(db, "--owner", in->owner, &owner, err)) != DK_OK)
		return rc;
	if (rev && (rc = check_revision(db, prev, in, err)) != DK_OK)
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, dk_sql_for(db, &SQL_INSERT), err)) != DK_OK)
		return rc;
	if (prev > 0)
		dk_bind_int(s, ":prev", prev);
	dk_bind_text(s, ":uuid", in->uuid);
	dk_bind_text(s, ":system", in->system);
	dk_bind_int(s, ":keep_owner", rev && in->owner == NULL);
	dk_bind_int(s, ":owner_id", owner);
	bind_opt_text(s, ":keep_problem", ":problem", in->problem, rev);
	bind_opt_text(s, ":keep_model_kind", ":model_kind", in->model_kind, rev);
	bind_opt_text(s, ":keep_deploy_target", ":deploy_target", in->deploy_target, rev);
	dk_bind_int(s, ":keep_latency", rev && in->latency_p95_ms == NULL);
	if (in->latency_p95_ms)
		dk_bind_int(s, ":latency", p->latency);
	dk_bind_int(s, ":keep_throughput", rev && in->throughput_rps == NULL);
	if (in->throughput_rps)
		dk_bind_double(s, ":throughput", p->throughput);
	dk_bind_int(s, ":keep_availability", rev && in->availability_pct == NULL);
	if (in->availability_pct)
		dk_bind_double(s, ":availability", p->availability);
	dk_bind_int(s, ":keep_data_gb", rev && in->data_gb == NULL);
	if (in->data_gb)
		dk_bind_double(s, ":data_gb", p->data_gb);
	bind_opt_text(s, ":keep_velocity", ":velocity", in->velocity, rev);
	if (in->velocity)
		dk_bind_double(s, ":velocity_gb_day", p->velocity_gb_day);
	dk_bind_int(s, ":keep_label_delay", rev && in->label_delay_days == NULL);
	if (in->label_delay_days)
		dk_bind_int(s, ":label_delay", p->label_delay);
	dk_bind_int(s, ":keep_team_size", rev && in->team_size == NULL);
	if (in->team_size)
		dk_bind_int(s, ":team_size", p->team_size);
	dk_bind_int(s, ":keep_pipelines", rev && in->pipelines == NULL);
	if (in->pipelines)
		dk_bind_int(s, ":pipelines", p->pipelines);
	dk_bind_int(s, ":keep_stack", rev && in->stack == NULL);
	dk_bind_text(s, ":stack", in->stack ? dk_buf_str(&p->stack) : "[]");
	bind_opt_text(s, ":keep_cloud", ":cloud", in->cloud, rev);
	dk_bind_int(s, ":keep_on_prem", rev && on_prem < 0);
	dk_bind_int(s, ":on_prem", on_prem > 0);
	dk_bind_int(s, ":keep_air_gapped", rev && in->air_gapped < 0);
	dk_bind_int(s, ":air_gapped", in->air_gapped > 0);
	dk_bind_int(s, ":keep_gpu", rev && in->gpu == NULL);
	if (in->gpu)
		dk_bind_int(s, ":gpu", strcmp(in->gpu, "yes") == 0);
	dk_bind_int(s, ":keep_retrieval", rev && in->retrieval < 0);
	dk_bind_int(s, ":retrieval", in->retrieval > 0);
	dk_bind_int(s, ":keep_compliance", rev && in->compliance == NULL);
	dk_bind_text(s, ":compliance", in->compliance ? dk_buf_str(&p->compliance) : "[]");
	dk_bind_int(s, ":keep_budget", rev && in->budget_usd_month == NULL);
	if (in->budget_usd_month)
		dk_bind_double(s, ":budget", p->budget);
	dk_bind_int(s, ":keep_shared", rev && in->shared_features < 0);
	dk_bind_int(s, ":shared", in->shared_features > 0);
	dk_bind_int(s, ":keep_retrain", rev && in->retrain == NULL);
	dk_bind_text(s, ":retrain", in->retrain ? dk_buf_str(&p->retrain) : "[]");
	dk_bind_int(s, ":keep_assumptions", rev && !in->has_assumptions);
	dk_bind_text(s, ":assumptions", in->has_assumptions ? dk_buf_str(&p->assumptions) : "[]");
	dk_bind_int(s, ":keep_out_of_scope", rev && !in->has_out_of_scope);
	dk_bind_text(s, ":out_of_scope", in->has_out_of_scope ? dk_buf_str(&p->out_of_scope) : "[]");
	rc = dk_stmt_insert(s, id, err);
	dk_stmt_finalize(&s);
	if (rc != DK_OK)
		return rc;
	return DK_OK;
}

static int lookup(struct dk_db *db, const char *sql, const char *name, const char *text,
                  int64_t v, int64_t *out, int *found, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, sql, err)) != DK_OK)
		return rc;
	if (text)
		dk_bind_text(s, name, text);
	else
		dk_bind_int(s, name, v);
	rc = dk_stmt_one_int(s, out, found, err);
	dk_stmt_finalize(&s);
	return rc;
}

int dk_context_insert(struct dk_db *db, const struct dk_context_in *in, int64_t *id,
                      struct dk_error *err)
{
	struct parsed p;
	int64_t other;
	int found = 0, rc;

	if ((rc = parse(in, 1, &p, err)) != DK_OK)
		goto out;
	rc = lookup(db, SQL_SYSTEM_EXISTS, ":system", in->system, 0, &other, &found, err);
	if (rc == DK_OK && found)
		rc = dk_fail(err, DK_EINPUT, "system '%s' already has a context (CTX-%lld): use "
		             "'docket context revise'", in->system, (long long)other);
	if (rc == DK_OK)
		rc = insert(db, 0, in, &p, id, err);
out:
	parsed_free(&p);
	return rc;
}

int dk_context_add(struct dk_db *db, const struct dk_context_in *in, int64_t *id,
                   struct dk_error *err)
{
	int rc;

	if ((rc = dk_context_check(in, 1, err)) != DK_OK)
		return rc;
	if ((rc = dk_db_begin(db, err)) != DK_OK)
		return rc;
	if ((rc = dk_context_insert(db, in, id, err)) != DK_OK) {
		dk_db_rollback(db);
		return rc;
	}
	return dk_db_commit(db, err);
}

int dk_context_exists(struct dk_db *db, int64_t id, struct dk_error *err)
{
	int64_t x;
	int found = 0, rc = lookup(db, SQL_EXISTS, ":id", NULL, id, &x, &found, err);

	if (rc == DK_OK && !found)
		rc = dk_fail(err, DK_EINPUT, "there is no context CTX-%lld", (long long)id);
	return rc;
}

int dk_context_revise_in_tx(struct dk_db *db, int64_t id, const struct dk_context_in *in,
                            int64_t *new_id, struct dk_error *err)
{
	struct parsed p;
	int64_t next;
	int found = 0, rc;

	if (in->system != NULL)
		return dk_fail(err, DK_EINPUT, "a revision keeps its system's name");
	if ((rc = parse(in, 0, &p, err)) != DK_OK)
		goto out;
	if ((rc = dk_context_exists(db, id, err)) != DK_OK)
		goto out;
	if ((rc = lookup(db, SQL_SUCCESSOR, ":id", NULL, id, &next, &found, err)) != DK_OK)
		goto out;
	if (found) {
		rc = dk_fail(err, DK_EINPUT, "CTX-%lld was already revised by CTX-%lld: revise the "
		             "latest revision", (long long)id, (long long)next);
		goto out;
	}
	rc = insert(db, id, in, &p, new_id, err);
out:
	parsed_free(&p);
	return rc;
}

int dk_context_revise(struct dk_db *db, int64_t id, const struct dk_context_in *in,
                      int64_t *new_id, struct dk_error *err)
{
	int rc;

	if ((rc = dk_context_check(in, 0, err)) != DK_OK)
		return rc;
	if ((rc = dk_db_begin(db, err)) != DK_OK)
		return rc;
	if ((rc = dk_context_revise_in_tx(db, id, in, new_id, err)) != DK_OK) {
		dk_db_rollback(db);
		return rc;
	}
	return dk_db_commit(db, err);
}

static int run_rows(struct dk_db *db, const char *sql, const char *name, int64_t v,
                    dk_row_fn fn, void *ctx, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, sql, err)) != DK_OK)
		return rc;
	dk_bind_int(s, name, v);
	rc = dk_rows_emit(s, fn, ctx, err);
	dk_stmt_finalize(&s);
	return rc;
}

int dk_context_get(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx, struct dk_error *err)
{
	int rc = dk_context_exists(db, id, err);

	return rc != DK_OK ? rc : run_rows(db, dk_sql_for(db, &SQL_GET), ":id", id, fn, ctx, err);
}

int dk_context_revisions(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx,
                         struct dk_error *err)
{
	return run_rows(db, SQL_REVISIONS, ":id", id, fn, ctx, err);
}

int dk_context_list(struct dk_db *db, int all, const char *search, dk_row_fn fn, void *ctx,
                    struct dk_error *err)
{
	struct dk_buf q = {0};
	struct dk_stmt *s = NULL;
	int rc;

	if (search && (rc = dk_search_query_for(db, "--search", search, &q, err)) != DK_OK)
		goto out;
	if ((rc = dk_stmt_prepare(db, &s, dk_sql_for(db, &SQL_LIST), err)) != DK_OK)
		goto out;
	dk_bind_int(s, ":all", all);
	dk_bind_text(s, ":search", search ? dk_buf_str(&q) : NULL);
	rc = dk_rows_emit(s, fn, ctx, err);
	dk_stmt_finalize(&s);
out:
	dk_buf_free(&q);
	return rc;
}
