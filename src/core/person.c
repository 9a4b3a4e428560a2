#include "docket/person.h"

#include <string.h>

#include "docket/db.h"
#include "docket/text.h"

static const char SQL_INSERT[] =
	"INSERT INTO person (uuid, handle, name, email, team, created_at, created_by) "
	"VALUES (coalesce(:uuid, docket_uuid()), :handle, :name, :email, :team, "
	"        strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), docket_actor())";
static const char SQL_FIND[] = "SELECT id FROM person WHERE handle = :handle";
static const char SQL_LIST[] =
	"SELECT handle, name, email, team, created_at, uuid FROM person "
	"WHERE :team IS NULL OR team = :team ORDER BY handle";

static int check_email(const char *e, struct dk_error *err)
{
	const char *at = strchr(e, '@');
	int rc = dk_check_text("--email", e, 254, 0, err);

	if (rc != DK_OK)
		return rc;
	if (at == NULL || at == e || strchr(at + 1, '@') != NULL || strchr(e, ' ') != NULL ||
	    strchr(at + 1, '.') == NULL || at[1] == '.' || e[strlen(e) - 1] == '.')
		return dk_fail(err, DK_EINPUT, "--email '%.60s' is not an email address (name@example.org)", e);
	return DK_OK;
}

int dk_person_check(const struct dk_person *p, struct dk_error *err)
{
	int rc;

	if (p->handle == NULL)
		return dk_fail(err, DK_EINPUT, "a handle is required");
	if ((rc = dk_check_ident("handle", p->handle, 32, 0, err)) != DK_OK)
		return rc;
	if (p->name == NULL)
		return dk_fail(err, DK_EINPUT, "--name is required");
	if ((rc = dk_check_text("--name", p->name, 200, 0, err)) != DK_OK)
		return rc;
	if (p->email != NULL && (rc = check_email(p->email, err)) != DK_OK)
		return rc;
	if (p->team != NULL && (rc = dk_check_ident("--team", p->team, 64, 0, err)) != DK_OK)
		return rc;
	if (p->uuid != NULL && (rc = dk_check_uuid("uuid", p->uuid, err)) != DK_OK)
		return rc;
	return DK_OK;
}

int dk_person_insert(struct dk_db *db, const struct dk_person *p, int64_t *id,
                     struct dk_error *err)
{
	struct dk_stmt s;
	int64_t existing;
	int rc;

	if ((rc = dk_person_check(p, err)) != DK_OK)
		return rc;
	if (dk_person_find(db, "handle", p->handle, &existing, NULL) == DK_OK)
		return dk_fail(err, DK_EINPUT, "handle '%s' is already taken", p->handle);
	if ((rc = dk_stmt_prepare(db, &s, SQL_INSERT, err)) != DK_OK)
		return rc;
	dk_bind_text(&s, ":handle", p->handle);
	dk_bind_text(&s, ":name", p->name);
	dk_bind_text(&s, ":email", p->email);
	dk_bind_text(&s, ":team", p->team);
	dk_bind_text(&s, ":uuid", p->uuid);
	rc = dk_stmt_step(&s, err);
	dk_stmt_finalize(&s);
	if (rc != DK_DONE)
		return rc;
	if (id != NULL)
		*id = sqlite3_last_insert_rowid(dk_db_sqlite(db));
	return DK_OK;
}

int dk_person_add(struct dk_db *db, const struct dk_person *p, int64_t *id,
                  struct dk_error *err)
{
	int rc;

	if ((rc = dk_person_check(p, err)) != DK_OK)
		return rc;
	if ((rc = dk_db_begin(db, err)) != DK_OK)
		return rc;
	if ((rc = dk_person_insert(db, p, id, err)) != DK_OK) {
		dk_db_rollback(db);
		return rc;
	}
	return dk_db_commit(db, err);
}

int dk_person_find(struct dk_db *db, const char *opt, const char *handle, int64_t *id,
                   struct dk_error *err)
{
	struct dk_stmt s;
	int found = 0, rc;

	if ((rc = dk_stmt_prepare(db, &s, SQL_FIND, err)) != DK_OK)
		return rc;
	dk_bind_text(&s, ":handle", handle);
	rc = dk_stmt_one_int(&s, id, &found, err);
	dk_stmt_finalize(&s);
	if (rc != DK_OK)
		return rc;
	if (!found)
		return dk_fail(err, DK_EINPUT, "%s '%.40s' is not a known person (see 'docket person list')",
		               opt, handle);
	return DK_OK;
}

int dk_person_list(struct dk_db *db, const char *team, dk_row_fn fn, void *ctx,
                   struct dk_error *err)
{
	struct dk_stmt s;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, SQL_LIST, err)) != DK_OK)
		return rc;
	dk_bind_text(&s, ":team", team);
	rc = dk_rows_emit(&s, fn, ctx, err);
	dk_stmt_finalize(&s);
	return rc;
}
