#include "docket/context.h"

#include <string.h>

#include "docket/db.h"
#include "docket/key.h"
#include "docket/person.h"
#include "docket/text.h"

const char *const dk_context_problems[] = {"batch", "online", "streaming", NULL};
const char *const dk_context_clouds[] = {"aws", "gcp", "azure", "other", "none", NULL};
const char *const dk_context_retrains[] = {"none", "manual", "hourly", "daily", "weekly",
                                           "monthly", "quarterly", "on-drift", NULL};

/* Revision 1 takes the given values; a revision takes each given value and
 * the previous revision's for the rest (:keep_x = 1 keeps it). */
static const char SQL_INSERT[] =
	"INSERT INTO context (uuid, system, revision, supersedes_id, owner_id, problem,"
	"  latency_p95_ms, throughput_rps, data_gb, velocity, label_delay_days, team_size,"
	"  stack, cloud, on_prem, compliance, budget_usd_month, shared_features, retrain,"
	"  assumptions, out_of_scope, created_at, created_by) "
	"SELECT coalesce(:uuid, docket_uuid()), coalesce(p.system, :system), coalesce(p.revision + 1, 1), p.id,"
	"  iif(:keep_owner, p.owner_id, :owner_id), iif(:keep_problem, p.problem, :problem),"
	"  iif(:keep_latency, p.latency_p95_ms, :latency), iif(:keep_throughput, p.throughput_rps, :throughput),"
	"  iif(:keep_data_gb, p.data_gb, :data_gb), iif(:keep_velocity, p.velocity, :velocity),"
	"  iif(:keep_label_delay, p.label_delay_days, :label_delay), iif(:keep_team_size, p.team_size, :team_size),"
	"  iif(:keep_stack, p.stack, :stack), iif(:keep_cloud, p.cloud, :cloud),"
	"  iif(:keep_on_prem, p.on_prem, :on_prem), iif(:keep_compliance, p.compliance, :compliance),"
	"  iif(:keep_budget, p.budget_usd_month, :budget), iif(:keep_shared, p.shared_features, :shared),"
	"  iif(:keep_retrain, p.retrain, :retrain), iif(:keep_assumptions, p.assumptions, :assumptions),"
	"  iif(:keep_out_of_scope, p.out_of_scope, :out_of_scope),"
	"  strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), docket_actor() "
	"FROM (SELECT 1) LEFT JOIN context p ON p.id = :prev";

static const char SQL_SYSTEM_EXISTS[] = "SELECT id FROM context WHERE system = :system LIMIT 1";
static const char SQL_EXISTS[] = "SELECT id FROM context WHERE id = :id";
static const char SQL_SUCCESSOR[] = "SELECT id FROM context WHERE supersedes_id = :id";

static const char SQL_GET[] =
	"SELECT 'CTX-' || c.id AS key, c.system, c.revision, p.handle AS owner, c.problem,"
	"  c.latency_p95_ms, c.throughput_rps, c.data_gb, c.velocity, c.label_delay_days,"
	"  c.team_size, c.stack AS \"stack:json\", c.cloud, c.on_prem,"
	"  c.compliance AS \"compliance:json\", c.budget_usd_month, c.shared_features, c.retrain,"
	"  c.assumptions AS \"assumptions:json\", c.out_of_scope AS \"out_of_scope:json\","
	"  'CTX-' || c.supersedes_id AS supersedes,"
	"  (SELECT 'CTX-' || n.id FROM context n WHERE n.supersedes_id = c.id) AS superseded_by,"
	"  c.uuid, c.created_at, c.created_by "
	"FROM context c JOIN person p ON p.id = c.owner_id WHERE c.id = :id";

static const char SQL_REVISIONS[] =
	"SELECT 'CTX-' || c.id AS key, c.revision, 'CTX-' || c.supersedes_id AS supersedes,"
	"  c.created_at, c.created_by,"
	"  NOT EXISTS (SELECT 1 FROM context n WHERE n.supersedes_id = c.id) AS current "
	"FROM context c WHERE c.system = (SELECT system FROM context WHERE id = :id) "
	"ORDER BY c.revision";

static const char SQL_LIST[] =
	"SELECT 'CTX-' || c.id AS key, c.system, c.revision, c.problem, p.handle AS owner,"
	"  c.latency_p95_ms, c.throughput_rps, c.data_gb, coalesce(c.cloud, '') AS cloud,"
	"  c.on_prem, c.compliance AS \"compliance:json\", c.created_at "
	"FROM context c JOIN person p ON p.id = c.owner_id "
	"WHERE :all OR NOT EXISTS (SELECT 1 FROM context n WHERE n.supersedes_id = c.id) "
	"ORDER BY c.system, c.revision";

/* Parsed values, ready to bind. */
struct parsed {
	int64_t latency, label_delay, team_size;
	double throughput, data_gb, budget;
	struct dk_buf stack, compliance, assumptions, out_of_scope;
};

static void parsed_free(struct parsed *p)
{
	dk_buf_free(&p->stack);
	dk_buf_free(&p->compliance);
	dk_buf_free(&p->assumptions);
	dk_buf_free(&p->out_of_scope);
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
	if (in->latency_p95_ms &&
	    (rc = dk_parse_int("--latency-p95-ms", in->latency_p95_ms, 1, 3600000, &p->latency, err)))
		return rc;
	if (in->throughput_rps &&
	    (rc = dk_parse_real("--throughput-rps", in->throughput_rps, 0, 1e7, &p->throughput, err)))
		return rc;
	if (in->data_gb && (rc = dk_parse_real("--data-gb", in->data_gb, 0, 1e9, &p->data_gb, err)))
		return rc;
	if (in->velocity && (rc = dk_check_text("--velocity", in->velocity, 200, 0, err)))
		return rc;
	if (in->label_delay_days &&
	    (rc = dk_parse_int("--label-delay-days", in->label_delay_days, 0, 3650, &p->label_delay, err)))
		return rc;
	if (in->team_size && (rc = dk_parse_int("--team-size", in->team_size, 1, 100000, &p->team_size, err)))
		return rc;
	if (in->stack && (rc = dk_list_to_json("--stack", in->stack, 64, 64, &p->stack, err)))
		return rc;
	if (in->cloud && (rc = dk_check_enum("--cloud", in->cloud, dk_context_clouds, err)))
		return rc;
	if (in->compliance) {
		if ((rc = dk_list_to_json("--compliance", in->compliance, 32, 16, &p->compliance, err)))
			return rc;
		/* each regime is an identifier so rules can match it exactly */
		for (const char *c = in->compliance; *c; c++)
			if (!(*c == ',' || *c == ' ' || *c == '.' || *c == '_' || *c == '-' ||
			      (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9')))
				return dk_fail(err, DK_EINPUT, "--compliance '%.60s' is not a list of regimes "
				               "(lower-case names such as gdpr,hipaa,soc2)", in->compliance);
	}
	if (in->budget_usd_month &&
	    (rc = dk_parse_real("--budget-usd-month", in->budget_usd_month, 0, 1e9, &p->budget, err)))
		return rc;
	if (in->retrain && (rc = dk_check_enum("--retrain", in->retrain, dk_context_retrains, err)))
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
	return DK_OK;
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

static int insert(struct dk_db *db, int64_t prev, const struct dk_context_in *in,
                  const struct parsed *p, int64_t *id, struct dk_error *err)
{
	struct dk_stmt s;
	int64_t owner = 0;
	int rc, rev = prev > 0 && !in->exact;

	if (in->owner && (rc = dk_person_find(db, "--owner", in->owner, &owner, err)) != DK_OK)
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, SQL_INSERT, err)) != DK_OK)
		return rc;
	if (prev > 0)
		dk_bind_int(&s, ":prev", prev);
	dk_bind_text(&s, ":uuid", in->uuid);
	dk_bind_text(&s, ":system", in->system);
	dk_bind_int(&s, ":keep_owner", rev && in->owner == NULL);
	dk_bind_int(&s, ":owner_id", owner);
	bind_opt_text(&s, ":keep_problem", ":problem", in->problem, rev);
	dk_bind_int(&s, ":keep_latency", rev && in->latency_p95_ms == NULL);
	if (in->latency_p95_ms)
		dk_bind_int(&s, ":latency", p->latency);
	dk_bind_int(&s, ":keep_throughput", rev && in->throughput_rps == NULL);
	if (in->throughput_rps)
		dk_bind_double(&s, ":throughput", p->throughput);
	dk_bind_int(&s, ":keep_data_gb", rev && in->data_gb == NULL);
	if (in->data_gb)
		dk_bind_double(&s, ":data_gb", p->data_gb);
	bind_opt_text(&s, ":keep_velocity", ":velocity", in->velocity, rev);
	dk_bind_int(&s, ":keep_label_delay", rev && in->label_delay_days == NULL);
	if (in->label_delay_days)
		dk_bind_int(&s, ":label_delay", p->label_delay);
	dk_bind_int(&s, ":keep_team_size", rev && in->team_size == NULL);
	if (in->team_size)
		dk_bind_int(&s, ":team_size", p->team_size);
	dk_bind_int(&s, ":keep_stack", rev && in->stack == NULL);
	dk_bind_text(&s, ":stack", in->stack ? dk_buf_str(&p->stack) : "[]");
	bind_opt_text(&s, ":keep_cloud", ":cloud", in->cloud, rev);
	dk_bind_int(&s, ":keep_on_prem", rev && in->on_prem < 0);
	dk_bind_int(&s, ":on_prem", in->on_prem > 0);
	dk_bind_int(&s, ":keep_compliance", rev && in->compliance == NULL);
	dk_bind_text(&s, ":compliance", in->compliance ? dk_buf_str(&p->compliance) : "[]");
	dk_bind_int(&s, ":keep_budget", rev && in->budget_usd_month == NULL);
	if (in->budget_usd_month)
		dk_bind_double(&s, ":budget", p->budget);
	dk_bind_int(&s, ":keep_shared", rev && in->shared_features < 0);
	dk_bind_int(&s, ":shared", in->shared_features > 0);
	bind_opt_text(&s, ":keep_retrain", ":retrain", in->retrain, rev);
	dk_bind_int(&s, ":keep_assumptions", rev && !in->has_assumptions);
	dk_bind_text(&s, ":assumptions", in->has_assumptions ? dk_buf_str(&p->assumptions) : "[]");
	dk_bind_int(&s, ":keep_out_of_scope", rev && !in->has_out_of_scope);
	dk_bind_text(&s, ":out_of_scope", in->has_out_of_scope ? dk_buf_str(&p->out_of_scope) : "[]");
	rc = dk_stmt_step(&s, err);
	dk_stmt_finalize(&s);
	if (rc != DK_DONE)
		return rc;
	*id = sqlite3_last_insert_rowid(dk_db_sqlite(db));
	return DK_OK;
}

static int lookup(struct dk_db *db, const char *sql, const char *name, const char *text,
                  int64_t v, int64_t *out, int *found, struct dk_error *err)
{
	struct dk_stmt s;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, sql, err)) != DK_OK)
		return rc;
	if (text)
		dk_bind_text(&s, name, text);
	else
		dk_bind_int(&s, name, v);
	rc = dk_stmt_one_int(&s, out, found, err);
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
	struct dk_stmt s;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, sql, err)) != DK_OK)
		return rc;
	dk_bind_int(&s, name, v);
	rc = dk_rows_emit(&s, fn, ctx, err);
	dk_stmt_finalize(&s);
	return rc;
}

int dk_context_get(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx, struct dk_error *err)
{
	int rc = dk_context_exists(db, id, err);

	return rc != DK_OK ? rc : run_rows(db, SQL_GET, ":id", id, fn, ctx, err);
}

int dk_context_revisions(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx,
                         struct dk_error *err)
{
	return run_rows(db, SQL_REVISIONS, ":id", id, fn, ctx, err);
}

int dk_context_list(struct dk_db *db, int all, dk_row_fn fn, void *ctx, struct dk_error *err)
{
	return run_rows(db, SQL_LIST, ":all", all, fn, ctx, err);
}
