#include "docket/policy.h"

#include "docket/db.h"
#include "docket/person.h"
#include "docket/text.h"

static const char SQL_UPSERT[] =
	"INSERT INTO policy (uuid, team, appetite, grace_days, acceptance_days, default_due_days, "
	"                    escalate_to, created_at, created_by) "
	"VALUES (docket_uuid(), :team, :appetite, :grace, :acceptance, :due, :escalate, "
	"        docket_now(), docket_actor()) "
	"ON CONFLICT (team) DO UPDATE SET appetite = excluded.appetite, "
	"  grace_days = excluded.grace_days, acceptance_days = excluded.acceptance_days, "
	"  default_due_days = excluded.default_due_days, escalate_to = excluded.escalate_to";
static const char SQL_GET[] =
	"SELECT appetite, grace_days, acceptance_days, default_due_days, escalate_to "
	"FROM policy WHERE team = :team";
static const char SQL_LIST[] =
	"SELECT pol.team, pol.appetite, pol.grace_days, pol.acceptance_days, pol.default_due_days, "
	"       e.handle AS escalate_to, "
	"       (SELECT count(*) FROM person p WHERE p.team = pol.team) AS people, "
	"       (SELECT count(*) FROM person p JOIN risk r ON r.owner_id = p.id "
	"        WHERE p.team = pol.team AND r.status IN ('open', 'mitigating')) AS open_risks "
	"FROM policy pol JOIN person e ON e.id = pol.escalate_to ORDER BY pol.team";

struct parsed {
	int64_t appetite, grace, acceptance, due;
};

static int parse(const struct dk_policy_in *in, struct parsed *p, struct dk_error *err)
{
	int rc;

	if (in->team == NULL)
		return dk_fail(err, DK_EINPUT, "a team is required");
	if ((rc = dk_check_ident("team", in->team, 64, 0, err)) != DK_OK)
		return rc;
	if (in->appetite == NULL)
		return dk_fail(err, DK_EINPUT, "--appetite is required");
	if ((rc = dk_parse_int("--appetite", in->appetite, 1, 25, &p->appetite, err)) != DK_OK)
		return rc;
	if (in->grace_days == NULL)
		return dk_fail(err, DK_EINPUT, "--grace-days is required");
	if ((rc = dk_parse_int("--grace-days", in->grace_days, 0, 365, &p->grace, err)) != DK_OK)
		return rc;
	if (in->acceptance_days == NULL)
		return dk_fail(err, DK_EINPUT, "--acceptance-days is required");
	if ((rc = dk_parse_int("--acceptance-days", in->acceptance_days, 1, 3650, &p->acceptance,
	                       err)) != DK_OK)
		return rc;
	if (in->default_due_days == NULL)
		return dk_fail(err, DK_EINPUT, "--default-due-days is required");
	if ((rc = dk_parse_int("--default-due-days", in->default_due_days, 1, 3650, &p->due,
	                       err)) != DK_OK)
		return rc;
	if (in->escalate_to == NULL)
		return dk_fail(err, DK_EINPUT, "--escalate-to is required");
	return dk_check_ident("--escalate-to", in->escalate_to, 32, 0, err);
}

int dk_policy_check(const struct dk_policy_in *in, struct dk_error *err)
{
	struct parsed p;

	return parse(in, &p, err);
}

int dk_policy_upsert(struct dk_db *db, const struct dk_policy_in *in, struct dk_error *err)
{
	struct parsed p;
	struct dk_stmt *s = NULL;
	int64_t esc;
	int rc;

	if ((rc = parse(in, &p, err)) != DK_OK)
		return rc;
	if ((rc = dk_person_find(db, "--escalate-to", in->escalate_to, &esc, err)) != DK_OK)
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, SQL_UPSERT, err)) != DK_OK)
		return rc;
	dk_bind_text(s, ":team", in->team);
	dk_bind_int(s, ":appetite", p.appetite);
	dk_bind_int(s, ":grace", p.grace);
	dk_bind_int(s, ":acceptance", p.acceptance);
	dk_bind_int(s, ":due", p.due);
	dk_bind_int(s, ":escalate", esc);
	rc = dk_stmt_step(s, err);
	dk_stmt_finalize(&s);
	return rc == DK_DONE ? DK_OK : rc;
}

int dk_policy_set(struct dk_db *db, const struct dk_policy_in *in, struct dk_error *err)
{
	int rc;

	if ((rc = dk_policy_check(in, err)) != DK_OK)
		return rc;
	if ((rc = dk_db_begin(db, err)) != DK_OK)
		return rc;
	if ((rc = dk_policy_upsert(db, in, err)) != DK_OK) {
		dk_db_rollback(db);
		return rc;
	}
	return dk_db_commit(db, err);
}

int dk_policy_get(struct dk_db *db, const char *team, struct dk_policy *out, int *found,
                  struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	*found = 0;
	if (team == NULL)
		return DK_OK;
	if ((rc = dk_stmt_prepare(db, &s, SQL_GET, err)) != DK_OK)
		return rc;
	dk_bind_text(s, ":team", team);
	rc = dk_stmt_step(s, err);
	if (rc == DK_ROW) {
		out->appetite = dk_col_int(s, 0);
		out->grace_days = dk_col_int(s, 1);
		out->acceptance_days = dk_col_int(s, 2);
		out->default_due_days = dk_col_int(s, 3);
		out->escalate_to = dk_col_int(s, 4);
		*found = 1;
		rc = DK_OK;
	} else if (rc == DK_DONE) {
		rc = DK_OK;
	}
	dk_stmt_finalize(&s);
	return rc;
}

int dk_policy_list(struct dk_db *db, dk_row_fn fn, void *ctx, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, SQL_LIST, err)) != DK_OK)
		return rc;
	rc = dk_rows_emit(s, fn, ctx, err);
	dk_stmt_finalize(&s);
	return rc;
}
