/* policy_update.c: changing single values of a team's policy (docket
 * policy update); `policy set` replaces the whole policy. Only the values
 * that differ are written; nothing is written when none does. */
#include "docket/policy.h"

#include <string.h>

#include "docket/db.h"
#include "docket/person.h"
#include "docket/text.h"

#include "dialect.h"

#define SQL_TEAMS_TEXT(D) \
	"SELECT " D##_STRAGG("t.team", "', '" D##_AGG_ORDER("t.team")) \
	" FROM (SELECT team FROM policy ORDER BY team) t"
static const struct dk_sql SQL_TEAMS = DK_SQL_BOTH(SQL_TEAMS_TEXT);
static const char SQL_UPDATE[] =
	"UPDATE policy SET appetite = :appetite, grace_days = :grace, acceptance_days = :acceptance,"
	"  default_due_days = :due, escalate_to = :escalate "
	"WHERE team = :team";

static int unknown_team(struct dk_db *db, const char *team, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, dk_sql_for(db, &SQL_TEAMS), err)) != DK_OK)
		return rc;
	if ((rc = dk_stmt_step(s, err)) == DK_ROW)
		rc = dk_fail(err, DK_EINPUT, "team '%.64s' has no policy (teams with one: %.400s); "
		             "'docket policy set %.64s' creates it", team,
		             dk_col_is_null(s, 0) ? "none" : dk_col_text(s, 0), team);
	dk_stmt_finalize(&s);
	return rc;
}

struct value {
	const char *opt, *field, *text;
	int64_t min, max, *v;
};

static int apply(struct dk_db *db, const struct dk_policy_in *in, struct dk_changes *ch,
                 struct dk_error *err)
{
	struct dk_policy cur, next;
	struct dk_stmt *s = NULL;
	int found = 0, rc;

	if ((rc = dk_policy_get(db, in->team, &cur, &found, err)) != DK_OK)
		return rc;
	if (!found)
		return unknown_team(db, in->team, err);
	next = cur;
	if (in->escalate_to &&
	    (rc = dk_person_find(db, "--escalate-to", in->escalate_to, &next.escalate_to, err)))
		return rc;
	{
		struct value vals[] = {
			{"--appetite", "appetite", in->appetite, 1, 25, &next.appetite},
			{"--grace-days", "grace_days", in->grace_days, 0, 365, &next.grace_days},
			{"--acceptance-days", "acceptance_days", in->acceptance_days, 1, 3650,
			 &next.acceptance_days},
			{"--default-due-days", "default_due_days", in->default_due_days, 1, 3650,
			 &next.default_due_days},
		};
		const int64_t was[] = {cur.appetite, cur.grace_days, cur.acceptance_days,
		                       cur.default_due_days};
		for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
			if (vals[i].text == NULL)
				continue;
			if ((rc = dk_parse_int(vals[i].opt, vals[i].text, vals[i].min, vals[i].max,
			                       vals[i].v, err)) != DK_OK)
				return rc;
			if (*vals[i].v != was[i])
				dk_changes_add(ch, vals[i].field);
		}
	}
	if (next.escalate_to != cur.escalate_to)
		dk_changes_add(ch, "escalate_to");
	if (ch->n == 0)
		return DK_OK;
	if ((rc = dk_stmt_prepare(db, &s, SQL_UPDATE, err)) != DK_OK)
		return rc;
	dk_bind_text(s, ":team", in->team);
	dk_bind_int(s, ":appetite", next.appetite);
	dk_bind_int(s, ":grace", next.grace_days);
	dk_bind_int(s, ":acceptance", next.acceptance_days);
	dk_bind_int(s, ":due", next.default_due_days);
	dk_bind_int(s, ":escalate", next.escalate_to);
	rc = dk_stmt_step(s, err);
	dk_stmt_finalize(&s);
	return rc == DK_DONE ? DK_OK : rc;
}

int dk_policy_update(struct dk_db *db, const struct dk_policy_in *in, struct dk_changes *changed,
                     struct dk_error *err)
{
	int64_t x;
	int rc;

	memset(changed, 0, sizeof *changed);
	if (in->team == NULL)
		return dk_fail(err, DK_EINPUT, "a team is required");
	if ((rc = dk_check_ident("team", in->team, 64, 0, err)) != DK_OK)
		return rc;
	if (!in->appetite && !in->grace_days && !in->acceptance_days && !in->default_due_days &&
	    !in->escalate_to)
		return dk_fail(err, DK_EINPUT, "nothing to change; give one of: --appetite, "
		               "--grace-days, --acceptance-days, --default-due-days, --escalate-to");
	/* the values are checked before the transaction too, so bad input waits for no lock */
	if ((in->appetite && (rc = dk_parse_int("--appetite", in->appetite, 1, 25, &x, err))) ||
	    (in->grace_days && (rc = dk_parse_int("--grace-days", in->grace_days, 0, 365, &x, err))) ||
	    (in->acceptance_days &&
	     (rc = dk_parse_int("--acceptance-days", in->acceptance_days, 1, 3650, &x, err))) ||
	    (in->default_due_days &&
	     (rc = dk_parse_int("--default-due-days", in->default_due_days, 1, 3650, &x, err))) ||
	    (in->escalate_to && (rc = dk_check_ident("--escalate-to", in->escalate_to, 32, 0, err))))
		return rc;
	if ((rc = dk_db_begin(db, err)) != DK_OK)
		return rc;
	rc = apply(db, in, changed, err);
	if (rc != DK_OK || changed->n == 0) {
		dk_db_rollback(db);
		changed->n = 0;
		return rc;
	}
	if ((rc = dk_db_commit(db, err)) != DK_OK)
		changed->n = 0;
	return rc;
}
