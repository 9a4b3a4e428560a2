#include "docket/person.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "docket/db.h"
#include "docket/text.h"

#include "dialect.h"

static const char SQL_INSERT[] =
	"INSERT INTO person (uuid, handle, name, email, team, login, created_at, created_by) "
	"VALUES (coalesce(:uuid, docket_uuid()), :handle, :name, :email, :team, :login, "
	"        docket_now(), docket_actor()) RETURNING id";
static const char SQL_FIND[] = "SELECT id FROM person WHERE handle = :handle";
static const char SQL_LIST[] =
	"SELECT handle, name, email, team, login, created_at, uuid FROM person "
	"WHERE CAST(:team AS TEXT) IS NULL OR team = :team ORDER BY handle";
/* A handle match wins over a login match; handles are stored in lower case,
 * and login's index folds case the same way. */
/* A login matches in any case of its ASCII letters: SQLite's NOCASE, which
 * the unique index on logins uses, and lower() on both sides in
 * PostgreSQL (whose index on lower(login) it then is). */
#define NOCASE_DK_SQLITE(col, v) col " = " v " COLLATE NOCASE"
#define NOCASE_DK_PG(col, v) "lower(" col ") = lower(" v ")"
#define SQL_RESOLVE_TEXT(D) \
	"SELECT id, handle FROM person WHERE handle = lower(:who) OR " NOCASE_##D("login", ":who") " " \
	"ORDER BY CASE WHEN handle = lower(:who) THEN 1 ELSE 0 END DESC LIMIT 1"
static const struct dk_sql SQL_RESOLVE = DK_SQL_BOTH(SQL_RESOLVE_TEXT);
static const char SQL_RESOLVE_HANDLE[] = "SELECT id, handle FROM person WHERE handle = lower(:who)";
static const struct dk_sql SQL_HAS_LOGIN = {
	.sqlite = "SELECT count(*) FROM pragma_table_info('person') WHERE name = 'login'",
	.postgres = "SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema()"
	            "  AND table_name = 'person' AND column_name = 'login'",
};
/* Whose handle or login a name already is, other than the person :self. */
#define SQL_CLASH_TEXT(D) \
	"SELECT handle, CASE WHEN handle = lower(:name) THEN 1 ELSE 0 END AS is_handle FROM person " \
	"WHERE (handle = lower(:name) OR " NOCASE_##D("login", ":name") ") AND id IS DISTINCT FROM :self " \
	"ORDER BY is_handle DESC LIMIT 1"
static const struct dk_sql SQL_CLASH = DK_SQL_BOTH(SQL_CLASH_TEXT);
static const char SQL_SET_LOGIN[] = "UPDATE person SET login = :login WHERE id = :id";

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

static int check_login(const char *login, struct dk_error *err)
{
	char shown[48];
	int rc;

	if ((rc = dk_check_text("--login", login, 64, 0, err)) != DK_OK)
		return rc;
	if (strchr(login, ' ') != NULL) {
		snprintf(shown, sizeof shown, "%.40s%s", login, strlen(login) > 40 ? "..." : "");
		return dk_fail(err, DK_EINPUT, "--login '%s' has a space (a login name is one word)", shown);
	}
	return DK_OK;
}

/* DK_EINPUT when name (a handle or a login) already names another person
 * than self (0: nobody yet) as a handle or a login. */
static int check_clash(struct dk_db *db, const char *opt, const char *name, int64_t self,
                       struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, dk_sql_for(db, &SQL_CLASH), err)) != DK_OK)
		return rc;
	dk_bind_text(s, ":name", name);
	if (self)
		dk_bind_int(s, ":self", self);
	else
		dk_bind_null(s, ":self");
	rc = dk_stmt_step(s, err);
	if (rc == DK_ROW)
		rc = dk_fail(err, DK_EINPUT, "%s '%.40s' is already the %s of '%s'", opt, name,
		             dk_col_int(s, 1) ? "handle" : "login name", dk_col_text(s, 0));
	else if (rc == DK_DONE)
		rc = DK_OK;
	dk_stmt_finalize(&s);
	return rc;
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
	if (p->login != NULL && (rc = check_login(p->login, err)) != DK_OK)
		return rc;
	return DK_OK;
}

int dk_person_insert(struct dk_db *db, const struct dk_person *p, int64_t *id,
                     struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int64_t new_id = 0;
	int64_t existing;
	int rc;

	if ((rc = dk_person_check(p, err)) != DK_OK)
		return rc;
	if (dk_person_find(db, "handle", p->handle, &existing, NULL) == DK_OK)
		return dk_fail(err, DK_EINPUT, "handle '%s' is already taken", p->handle);
	if ((rc = check_clash(db, "handle", p->handle, 0, err)) != DK_OK)
		return rc;
	if (p->login != NULL && (rc = check_clash(db, "--login", p->login, 0, err)) != DK_OK)
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, SQL_INSERT, err)) != DK_OK)
		return rc;
	dk_bind_text(s, ":handle", p->handle);
	dk_bind_text(s, ":name", p->name);
	dk_bind_text(s, ":email", p->email);
	dk_bind_text(s, ":team", p->team);
	dk_bind_text(s, ":uuid", p->uuid);
	dk_bind_text(s, ":login", p->login);
	rc = dk_stmt_insert(s, &new_id, err);
	dk_stmt_finalize(&s);
	if (rc != DK_OK)
		return rc;
	if (id != NULL)
		*id = new_id;
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
	struct dk_stmt *s = NULL;
	int found = 0, rc;

	if ((rc = dk_stmt_prepare(db, &s, SQL_FIND, err)) != DK_OK)
		return rc;
	dk_bind_text(s, ":handle", handle);
	rc = dk_stmt_one_int(s, id, &found, err);
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
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, SQL_LIST, err)) != DK_OK)
		return rc;
	dk_bind_text(s, ":team", team);
	rc = dk_rows_emit(s, fn, ctx, err);
	dk_stmt_finalize(&s);
	return rc;
}

/* who without the white space around it, in out (at most n bytes). */
static const char *trimmed(const char *who, char *out, size_t n)
{
	size_t len;

	while (isspace((unsigned char)*who))
		who++;
	len = strlen(who);
	while (len > 0 && isspace((unsigned char)who[len - 1]))
		len--;
	if (len >= n)
		len = n - 1;
	memcpy(out, who, len);
	out[len] = '\0';
	return out;
}

static int has_login(struct dk_db *db, int *yes, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int64_t n = 0;
	int found = 0, rc;

	if ((rc = dk_stmt_prepare(db, &s, dk_sql_for(db, &SQL_HAS_LOGIN), err)) != DK_OK)
		return rc;
	rc = dk_stmt_one_int(s, &n, &found, err);
	dk_stmt_finalize(&s);
	*yes = n > 0;
	return rc;
}

int dk_person_resolve(struct dk_db *db, const char *opt, const char *who, int64_t *id,
                      char handle[DK_HANDLE_LEN], struct dk_error *err)
{
	char name[512];
	struct dk_stmt *s = NULL;
	int login = 0, rc;

	if ((rc = has_login(db, &login, err)) != DK_OK)
		return rc;
	trimmed(who, name, sizeof name);
	if ((rc = dk_stmt_prepare(db, &s, login ? dk_sql_for(db, &SQL_RESOLVE) : SQL_RESOLVE_HANDLE, err)) != DK_OK)
		return rc;
	dk_bind_text(s, ":who", name);
	rc = dk_stmt_step(s, err);
	if (rc == DK_ROW) {
		*id = dk_col_int(s, 0);
		if (handle != NULL)
			snprintf(handle, DK_HANDLE_LEN, "%s", dk_col_text(s, 1));
		rc = DK_OK;
	} else if (rc == DK_DONE) {
		rc = dk_fail(err, DK_EINPUT, "%s '%.40s' is not a known person (see 'docket person list')",
		             opt, name);
	}
	dk_stmt_finalize(&s);
	return rc;
}

int dk_person_adopt_actor(struct dk_db *db, int64_t *id, struct dk_error *err)
{
	char handle[DK_HANDLE_LEN], name[512];
	struct dk_error e;
	int rc = dk_person_resolve(db, "actor", dk_db_actor(db), id, handle, &e);

	if (rc == DK_OK)
		return dk_db_set_actor(db, handle, err);
	if (rc != DK_EINPUT) {
		if (err != NULL)
			*err = e;
		return rc;
	}
	*id = 0;
	if (*trimmed(dk_db_actor(db), name, sizeof name) == '\0')
		return DK_OK;
	return dk_db_set_actor(db, name, err);
}

int dk_person_acting(struct dk_db *db, int64_t *id, struct dk_error *err)
{
	struct dk_error e;
	int rc = dk_person_resolve(db, "actor", dk_db_actor(db), id, NULL, &e);

	if (rc == DK_EINPUT)
		return dk_fail(err, DK_EINPUT, "the acting person '%.40s' is not a known person: approving "
		               "needs one (give --actor or DOCKET_ACTOR a handle, or record the login "
		               "name with 'docket person edit HANDLE --login NAME')", dk_db_actor(db));
	if (rc != DK_OK && err != NULL)
		*err = e;
	return rc;
}

static int set_login(struct dk_db *db, const char *handle, const char *login,
                     struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int64_t id;
	int rc;

	if ((rc = dk_person_find(db, "person", handle, &id, err)) != DK_OK)
		return rc;
	if (login != NULL && (rc = check_clash(db, "--login", login, id, err)) != DK_OK)
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, SQL_SET_LOGIN, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	dk_bind_text(s, ":login", login);
	rc = dk_stmt_step(s, err);
	dk_stmt_finalize(&s);
	return rc == DK_DONE ? DK_OK : rc;
}

int dk_person_set_login(struct dk_db *db, const char *handle, const char *login,
                        struct dk_error *err)
{
	int rc;

	if (login != NULL && *login == '\0')
		login = NULL;
	if (login != NULL && (rc = check_login(login, err)) != DK_OK)
		return rc;
	if ((rc = dk_db_begin(db, err)) != DK_OK)
		return rc;
	if ((rc = set_login(db, handle, login, err)) != DK_OK) {
		dk_db_rollback(db);
		return rc;
	}
	return dk_db_commit(db, err);
}
