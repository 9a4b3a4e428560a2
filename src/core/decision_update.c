/* decision_update.c: correcting a decision (docket decision update).
 *
 * The values given are checked, the decision is read inside the write
 * transaction, and only the fields whose value differs are written, so an
 * update that changes nothing writes nothing (and adds no audit row). The
 * full-text index follows by its triggers (migration 0002). */
#include "docket/decision.h"
#include "docket/withdraw.h"

#include <stdlib.h>
#include <string.h>

#include "docket/date.h"
#include "docket/db.h"
#include "docket/text.h"

#include "dialect.h"

#define MAX_LIST 64
#define MAX_OPTIONS 64

static const char SQL_CURRENT[] =
	"SELECT status, title, area, problem, drivers, rationale, consequences, confirmation,"
	"  makers, consulted, informed, tags, review_by "
	"FROM decision WHERE id = :id";
static const char SQL_CURRENT_OPTIONS[] =
	"SELECT name, pros, cons, chosen FROM decision_option WHERE decision_id = :id "
	"ORDER BY ordinal";
static const char SQL_UPDATE[] =
	"UPDATE decision SET title = :title, area = :area, problem = :problem, drivers = :drivers,"
	"  rationale = :rationale, consequences = :consequences, confirmation = :confirmation,"
	"  makers = :makers, consulted = :consulted, informed = :informed, tags = :tags,"
	"  review_by = :review_by "
	"WHERE id = :id";
static const char SQL_DROP_OPTIONS[] = "DELETE FROM decision_option WHERE decision_id = :id";
static const char SQL_ADD_OPTION[] =
	"INSERT INTO decision_option (uuid, decision_id, ordinal, name, pros, cons, chosen,"
	"  created_at, created_by) "
	"VALUES (docket_uuid(), :decision, :ordinal, :name, :pros, :cons, :chosen,"
	"  docket_now(), docket_actor())";
/* Two steps: the partial unique index allows one chosen option at a time. */
static const char SQL_UNCHOOSE[] =
	"UPDATE decision_option SET chosen = 0 WHERE decision_id = :id AND chosen = 1";
static const char SQL_CHOOSE[] =
	"UPDATE decision_option SET chosen = 1 WHERE decision_id = :id AND name = :name";
#define SQL_UNKNOWN_MAKER_TEXT(D) \
	"SELECT m.value FROM " D##_JSON_EACH(":makers", "m") \
	" WHERE m.value NOT IN (SELECT handle FROM person) LIMIT 1"
static const struct dk_sql SQL_UNKNOWN_MAKER = DK_SQL_BOTH(SQL_UNKNOWN_MAKER_TEXT);
/* The current tags without the removed ones, then the added ones it lacks,
 * in that order. */
/* PostgreSQL numbers the elements WITH ORDINALITY where SQLite's json_each
 * has key, and orders inside the aggregate; the text is SQLite's compact
 * one (DK_PG_JSON_AGG). */
static const struct dk_sql SQL_EDIT_TAGS = {
	.sqlite =
	"SELECT json_group_array(value) FROM ("
	"  SELECT value, 0 AS part, key FROM json_each(:current)"
	"    WHERE value NOT IN (SELECT value FROM json_each(:remove))"
	"  UNION ALL"
	"  SELECT value, 1 AS part, min(key) FROM json_each(:add)"
	"    WHERE value NOT IN (SELECT value FROM json_each(:current)) GROUP BY value"
	"  ORDER BY part, key)",
	.postgres =
	"SELECT " DK_PG_JSON_AGG("u.value", "u.part, u.key") " FROM ("
	"  SELECT c.value, 0 AS part, c.key"
	"    FROM json_array_elements_text((:current)::json) WITH ORDINALITY c(value, key)"
	"    WHERE c.value NOT IN (SELECT r.value FROM " DK_PG_JSON_EACH(":remove", "r") ")"
	"  UNION ALL"
	"  SELECT a.value, 1 AS part, min(a.key)"
	"    FROM json_array_elements_text((:add)::json) WITH ORDINALITY a(value, key)"
	"    WHERE a.value NOT IN (SELECT c.value FROM " DK_PG_JSON_EACH(":current", "c") ")"
	"    GROUP BY a.value) u",
};
/* A tag to remove that the decision does not have, and the tags it has. */
#define SQL_ABSENT_TAG_TEXT(D) \
	"SELECT r.value, (SELECT " D##_STRAGG("c.value", "', '") " FROM " \
	D##_JSON_EACH(":current", "c") ") " \
	"FROM " D##_JSON_EACH(":remove", "r") " WHERE r.value NOT IN (SELECT c.value FROM " \
	D##_JSON_EACH(":current", "c") ") LIMIT 1"
static const struct dk_sql SQL_ABSENT_TAG = DK_SQL_BOTH(SQL_ABSENT_TAG_TEXT);

#define CONTENT_OPTS "--title, --area, --problem, --driver, --option, --chosen, --rationale, " \
	"--consequences, --confirmation, --consulted, --informed"
#define ANY_OPTS "--makers, --tag, --add-tag, --remove-tag, --review-by"

/* The decision's row as read, then as it will be written. Columns by index. */
enum col { C_STATUS, C_TITLE, C_AREA, C_PROBLEM, C_DRIVERS, C_RATIONALE, C_CONSEQUENCES,
	   C_CONFIRMATION, C_MAKERS, C_CONSULTED, C_INFORMED, C_TAGS, C_REVIEW_BY, C_COUNT };
static const char *const col_bind[C_COUNT] = {
	NULL, ":title", ":area", ":problem", ":drivers", ":rationale", ":consequences",
	":confirmation", ":makers", ":consulted", ":informed", ":tags", ":review_by",
};

struct option_row {
	char *name, *pros, *cons;
	int chosen;
};

struct work {
	char *cur[C_COUNT];       /* NULL for SQL NULL */
	const char *next[C_COUNT]; /* what is written: cur[] or a new value */
	struct dk_buf drivers, makers, consulted, informed, tags;
	struct dk_buf pros[MAX_OPTIONS], cons[MAX_OPTIONS];
	struct option_row old[MAX_OPTIONS];
	size_t n_old;
	char *tags_edited;
};

static void work_free(struct work *w)
{
	for (int i = 0; i < C_COUNT; i++)
		free(w->cur[i]);
	dk_buf_free(&w->drivers);
	dk_buf_free(&w->makers);
	dk_buf_free(&w->consulted);
	dk_buf_free(&w->informed);
	dk_buf_free(&w->tags);
	for (int i = 0; i < MAX_OPTIONS; i++) {
		dk_buf_free(&w->pros[i]);
		dk_buf_free(&w->cons[i]);
	}
	for (size_t i = 0; i < w->n_old; i++) {
		free(w->old[i].name);
		free(w->old[i].pros);
		free(w->old[i].cons);
	}
	free(w->tags_edited);
}

static int given_content(const struct dk_decision_update *in)
{
	return in->title || in->area || in->problem || in->n_drivers || in->n_options ||
	       in->chosen || in->rationale || in->consequences || in->confirmation ||
	       in->consulted || in->informed;
}

/* The first content option given, for the refusal. */
static const char *first_content(const struct dk_decision_update *in)
{
	return in->title ? "--title" : in->area ? "--area" : in->problem ? "--problem"
	       : in->n_drivers ? "--driver" : in->n_options ? "--option" : in->chosen ? "--chosen"
	       : in->rationale ? "--rationale" : in->consequences ? "--consequences"
	       : in->confirmation ? "--confirmation" : in->consulted ? "--consulted" : "--informed";
}

static int optional_text(const char *opt, const char *s, struct dk_error *err)
{
	return s && *s ? dk_check_text(opt, s, 100000, 1, err) : DK_OK;
}

/* Every check that needs no database. */
static int check(const struct dk_decision_update *in, struct work *w, struct dk_error *err)
{
	int rc, chosen_found = 0;

	if (!given_content(in) && !in->makers && !in->n_tags && !in->n_add_tags &&
	    !in->n_remove_tags && !in->review_by)
		return dk_fail(err, DK_EINPUT, "nothing to change; give one of: " CONTENT_OPTS ", "
		               ANY_OPTS);
	if (in->title && (rc = dk_check_text("--title", in->title, 200, 0, err)) != DK_OK)
		return rc;
	if (in->area && (rc = dk_check_enum("--area", in->area, dk_decision_areas, err)) != DK_OK)
		return rc;
	if (in->problem && (rc = dk_check_text("--problem", in->problem, 100000, 1, err)) != DK_OK)
		return rc;
	if (in->n_drivers > MAX_LIST)
		return dk_fail(err, DK_EINPUT, "--driver is given more than %d times", MAX_LIST);
	if (in->n_drivers &&
	    (rc = dk_items_to_json("--driver", in->drivers, in->n_drivers, 500, &w->drivers, err)))
		return rc;
	if (in->n_options > MAX_OPTIONS)
		return dk_fail(err, DK_EINPUT, "--option is given more than %d times", MAX_OPTIONS);
	for (size_t i = 0; i < in->n_options; i++) {
		const struct dk_option_in *o = &in->options[i];
		if (o->name == NULL)
			return dk_fail(err, DK_EINPUT, "--option has no name");
		if ((rc = dk_check_text("--option", o->name, 200, 0, err)) != DK_OK)
			return rc;
		for (size_t j = 0; j < i; j++)
			if (strcmp(in->options[j].name, o->name) == 0)
				return dk_fail(err, DK_EINPUT, "--option '%.60s' is given twice", o->name);
		if ((rc = dk_items_to_json("--option pro", o->pros, o->n_pros, 500, &w->pros[i], err)) ||
		    (rc = dk_items_to_json("--option con", o->cons, o->n_cons, 500, &w->cons[i], err)))
			return rc;
		if (in->chosen && strcmp(in->chosen, o->name) == 0)
			chosen_found = 1;
	}
	if (in->chosen && (rc = dk_check_text("--chosen", in->chosen, 200, 0, err)) != DK_OK)
		return rc;
	if (in->chosen && in->n_options && !chosen_found) {
		struct dk_buf names = {0};
		for (size_t i = 0; i < in->n_options; i++)
			dk_buf_addf(&names, "%s'%.40s'", i ? ", " : "", in->options[i].name);
		rc = dk_fail(err, DK_EINPUT, "--chosen '%.60s' is not one of the options (%.400s)",
		             in->chosen, dk_buf_str(&names));
		dk_buf_free(&names);
		return rc;
	}
	if (in->rationale && (rc = dk_check_text("--rationale", in->rationale, 100000, 1, err)))
		return rc;
	if ((rc = optional_text("--consequences", in->consequences, err)) ||
	    (rc = optional_text("--confirmation", in->confirmation, err)))
		return rc;
	if ((in->consulted &&
	     (rc = dk_list_to_json("--consulted", in->consulted, 200, MAX_LIST, &w->consulted, err))) ||
	    (in->informed &&
	     (rc = dk_list_to_json("--informed", in->informed, 200, MAX_LIST, &w->informed, err))) ||
	    (in->makers && (rc = dk_list_to_json("--makers", in->makers, 32, MAX_LIST, &w->makers, err))))
		return rc;
	if (in->n_tags && (in->n_add_tags || in->n_remove_tags))
		return dk_fail(err, DK_EINPUT, "--tag replaces the tags; --add-tag and --remove-tag "
		               "change them: give one or the other");
	if (in->n_tags > MAX_LIST || in->n_add_tags > MAX_LIST || in->n_remove_tags > MAX_LIST)
		return dk_fail(err, DK_EINPUT, "a tag option is given more than %d times", MAX_LIST);
	for (size_t i = 0; i < in->n_tags; i++)
		if ((rc = dk_check_ident("--tag", in->tags[i], 64, 0, err)) != DK_OK)
			return rc;
	for (size_t i = 0; i < in->n_add_tags; i++)
		if ((rc = dk_check_ident("--add-tag", in->add_tags[i], 64, 0, err)) != DK_OK)
			return rc;
	for (size_t i = 0; i < in->n_remove_tags; i++) {
		if ((rc = dk_check_ident("--remove-tag", in->remove_tags[i], 64, 0, err)) != DK_OK)
			return rc;
		for (size_t j = 0; j < in->n_add_tags; j++)
			if (strcmp(in->add_tags[j], in->remove_tags[i]) == 0)
				return dk_fail(err, DK_EINPUT, "--add-tag '%.64s' and --remove-tag '%.64s' "
				               "contradict each other: give one", in->add_tags[j],
				               in->remove_tags[i]);
	}
	if (in->n_tags && (rc = dk_items_to_json("--tag", in->tags, in->n_tags, 64, &w->tags, err)))
		return rc;
	if (in->review_by && *in->review_by && !dk_date_valid(in->review_by))
		return dk_fail(err, DK_EINPUT, "--review-by '%.40s' is not a date (%s)", in->review_by,
		               DK_DATE_FORMS);
	return DK_OK;
}

static char *dup_col(struct dk_stmt *s, int i)
{
	return dk_col_is_null(s, i) ? NULL : strdup(dk_col_text(s, i));
}

static int read_current(struct dk_db *db, int64_t id, struct work *w, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_decision_exists(db, id, err)) != DK_OK)
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, SQL_CURRENT, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	if ((rc = dk_stmt_step(s, err)) == DK_ROW) {
		for (int i = 0; i < C_COUNT; i++) {
			w->cur[i] = dup_col(s, i);
			if (w->cur[i] == NULL && !dk_col_is_null(s, i))
				rc = dk_fail(err, DK_EDB, "out of memory");
		}
		if (rc == DK_ROW)
			rc = DK_OK;
	}
	dk_stmt_finalize(&s);
	if (rc != DK_OK)
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, SQL_CURRENT_OPTIONS, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	while ((rc = dk_stmt_step(s, err)) == DK_ROW && w->n_old < MAX_OPTIONS) {
		struct option_row *o = &w->old[w->n_old++];
		o->name = dup_col(s, 0);
		o->pros = dup_col(s, 1);
		o->cons = dup_col(s, 2);
		o->chosen = (int)dk_col_int(s, 3);
		if (!o->name || !o->pros || !o->cons)
			rc = dk_fail(err, DK_EDB, "out of memory");
	}
	dk_stmt_finalize(&s);
	return rc == DK_DONE || rc == DK_ROW ? DK_OK : rc;
}

static int same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* Sets column i to v (NULL for SQL NULL) and records the field when it differs. */
static void set_col(struct work *w, int i, const char *v, const char *field,
                    struct dk_changes *ch)
{
	if (same(w->cur[i], v))
		return;
	w->next[i] = v;
	dk_changes_add(ch, field);
}

static const char *old_chosen(const struct work *w)
{
	for (size_t i = 0; i < w->n_old; i++)
		if (w->old[i].chosen)
			return w->old[i].name;
	return NULL;
}

/* Whether the new options differ from the current ones (chosen included). */
static int options_differ(const struct dk_decision_update *in, const struct work *w,
                          const char *chosen)
{
	if (in->n_options != w->n_old)
		return 1;
	for (size_t i = 0; i < in->n_options; i++) {
		const struct option_row *o = &w->old[i];
		int is_chosen = chosen && strcmp(chosen, in->options[i].name) == 0;
		if (strcmp(o->name, in->options[i].name) || strcmp(o->pros, dk_buf_str(&w->pros[i])) ||
		    strcmp(o->cons, dk_buf_str(&w->cons[i])) || o->chosen != is_chosen)
			return 1;
	}
	return 0;
}

static int exec_named(struct dk_db *db, const char *sql, int64_t id, const char *name,
                      struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, sql, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	if (name)
		dk_bind_text(s, ":name", name);
	rc = dk_stmt_step(s, err);
	dk_stmt_finalize(&s);
	return rc == DK_DONE ? DK_OK : rc;
}

static int write_options(struct dk_db *db, int64_t id, const struct dk_decision_update *in,
                         const struct work *w, const char *chosen, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_db_exec_id(db, SQL_DROP_OPTIONS, id, err)) != DK_OK)
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, SQL_ADD_OPTION, err)) != DK_OK)
		return rc;
	for (size_t i = 0; i < in->n_options; i++) {
		dk_stmt_reset(s);
		dk_bind_int(s, ":decision", id);
		dk_bind_int(s, ":ordinal", (int64_t)i + 1);
		dk_bind_text(s, ":name", in->options[i].name);
		dk_bind_text(s, ":pros", dk_buf_str(&w->pros[i]));
		dk_bind_text(s, ":cons", dk_buf_str(&w->cons[i]));
		dk_bind_int(s, ":chosen", chosen && strcmp(chosen, in->options[i].name) == 0);
		if ((rc = dk_stmt_step(s, err)) != DK_DONE) {
			dk_stmt_finalize(&s);
			return rc;
		}
	}
	dk_stmt_finalize(&s);
	return DK_OK;
}

/* Decides the options and the chosen one; *rewrite and *rechoose say what
 * is to be written. */
static int plan_options(int64_t id, const struct dk_decision_update *in, const struct work *w,
                        const char **chosen, int *rewrite, int *rechoose,
                        struct dk_changes *ch, struct dk_error *err)
{
	const char *was = old_chosen(w);

	*chosen = in->chosen ? in->chosen : was;
	*rewrite = *rechoose = 0;
	if (in->n_options) {
		int found = 0;
		for (size_t i = 0; *chosen && i < in->n_options; i++)
			found |= strcmp(*chosen, in->options[i].name) == 0;
		if (*chosen && !found)
			return dk_fail(err, DK_EINPUT, "--option leaves out '%.60s', the option D-%lld "
			               "chose: give --chosen NAME as well", *chosen, (long long)id);
		if ((*rewrite = options_differ(in, w, *chosen)) != 0)
			dk_changes_add(ch, "options");
		if (!same(was, *chosen))
			dk_changes_add(ch, "chosen");
		return DK_OK;
	}
	if (in->chosen) {
		int found = 0;
		struct dk_buf names = {0};
		int rc;
		for (size_t i = 0; i < w->n_old; i++) {
			found |= strcmp(in->chosen, w->old[i].name) == 0;
			dk_buf_addf(&names, "%s'%.40s'", i ? ", " : "", w->old[i].name);
		}
		if (!found) {
			rc = dk_fail(err, DK_EINPUT, "--chosen '%.60s' is not one of D-%lld's options "
			             "(%.400s)", in->chosen, (long long)id,
			             w->n_old ? dk_buf_str(&names) : "none");
			dk_buf_free(&names);
			return rc;
		}
		dk_buf_free(&names);
		if ((*rechoose = !same(was, in->chosen)) != 0)
			dk_changes_add(ch, "chosen");
	}
	return DK_OK;
}

static int refuse_content(int64_t id, const char *status, const struct dk_decision_update *in,
                          struct dk_error *err)
{
	if (strcmp(status, "accepted") == 0)
		return dk_fail(err, DK_EINPUT, "D-%lld is accepted: %s can no longer be changed (only "
		               ANY_OPTS "); to change what was decided, record a new decision and "
		               "run 'docket decision supersede D-%lld --by D-n'", (long long)id,
		               first_content(in), (long long)id);
	return dk_fail(err, DK_EINPUT, "D-%lld is %s: %s can no longer be changed (only " ANY_OPTS
	               "); record a new decision instead", (long long)id, status, first_content(in));
}

static int edit_tags(struct dk_db *db, int64_t id, const struct dk_decision_update *in,
                     struct work *w, struct dk_error *err)
{
	struct dk_buf add = {0}, remove = {0};
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_items_to_json("--add-tag", in->add_tags, in->n_add_tags, 64, &add, err)) ||
	    (rc = dk_items_to_json("--remove-tag", in->remove_tags, in->n_remove_tags, 64, &remove,
	                           err)))
		goto out;
	/* removing a tag it does not have is a mistake (a typo), not "no change" */
	if ((rc = dk_stmt_prepare(db, &s, dk_sql_for(db, &SQL_ABSENT_TAG), err)) != DK_OK)
		goto out;
	dk_bind_text(s, ":current", w->cur[C_TAGS] ? w->cur[C_TAGS] : "[]");
	dk_bind_text(s, ":remove", dk_buf_str(&remove));
	if ((rc = dk_stmt_step(s, err)) == DK_ROW)
		rc = dk_fail(err, DK_EINPUT, "--remove-tag '%.64s': D-%lld has no such tag (its tags: "
		             "%.400s)", dk_col_text(s, 0), (long long)id,
		             dk_col_is_null(s, 1) ? "none" : dk_col_text(s, 1));
	dk_stmt_finalize(&s);
	if (rc != DK_DONE)
		goto out;
	if ((rc = dk_stmt_prepare(db, &s, dk_sql_for(db, &SQL_EDIT_TAGS), err)) != DK_OK)
		goto out;
	dk_bind_text(s, ":current", w->cur[C_TAGS] ? w->cur[C_TAGS] : "[]");
	dk_bind_text(s, ":add", dk_buf_str(&add));
	dk_bind_text(s, ":remove", dk_buf_str(&remove));
	if ((rc = dk_stmt_step(s, err)) == DK_ROW) {
		w->tags_edited = strdup(dk_col_text(s, 0));
		rc = w->tags_edited ? DK_OK : dk_fail(err, DK_EDB, "out of memory");
	}
	dk_stmt_finalize(&s);
out:
	dk_buf_free(&add);
	dk_buf_free(&remove);
	return rc;
}

static int known_makers(struct dk_db *db, const struct work *w, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, dk_sql_for(db, &SQL_UNKNOWN_MAKER), err)) != DK_OK)
		return rc;
	dk_bind_text(s, ":makers", dk_buf_str(&w->makers));
	rc = dk_stmt_step(s, err);
	if (rc == DK_ROW)
		rc = dk_fail(err, DK_EINPUT, "--makers '%.40s' is not a known person (see 'docket "
		             "person list')", dk_col_text(s, 0));
	dk_stmt_finalize(&s);
	return rc == DK_DONE ? DK_OK : rc;
}

static const char *or_null(const char *s)
{
	return s && *s ? s : NULL;
}

static int apply(struct dk_db *db, int64_t id, const struct dk_decision_update *in,
                 struct work *w, struct dk_changes *ch, struct dk_error *err)
{
	const char *chosen;
	int rc, rewrite, rechoose, before, option_changes;
	struct dk_stmt *s = NULL;

	if ((rc = read_current(db, id, w, err)) != DK_OK)
		return rc;
	if (strcmp(w->cur[C_STATUS], "withdrawn") == 0)
		return dk_withdrawn_refuse(db, DK_WITHDRAW_DECISION, id, err);
	if (given_content(in) && strcmp(w->cur[C_STATUS], "proposed") != 0)
		return refuse_content(id, w->cur[C_STATUS], in, err);
	if (in->makers && (rc = known_makers(db, w, err)) != DK_OK)
		return rc;
	if ((in->n_add_tags || in->n_remove_tags) && (rc = edit_tags(db, id, in, w, err)) != DK_OK)
		return rc;
	for (int i = 0; i < C_COUNT; i++)
		w->next[i] = w->cur[i];
	if (in->title)
		set_col(w, C_TITLE, in->title, "title", ch);
	if (in->area)
		set_col(w, C_AREA, in->area, "area", ch);
	if (in->problem)
		set_col(w, C_PROBLEM, in->problem, "problem", ch);
	if (in->n_drivers)
		set_col(w, C_DRIVERS, dk_buf_str(&w->drivers), "drivers", ch);
	before = ch->n;
	if ((rc = plan_options(id, in, w, &chosen, &rewrite, &rechoose, ch, err)) != DK_OK)
		return rc;
	option_changes = ch->n - before; /* options live in decision_option, not the row */
	if (in->rationale)
		set_col(w, C_RATIONALE, in->rationale, "rationale", ch);
	if (in->consequences)
		set_col(w, C_CONSEQUENCES, or_null(in->consequences), "consequences", ch);
	if (in->confirmation)
		set_col(w, C_CONFIRMATION, or_null(in->confirmation), "confirmation", ch);
	if (in->consulted)
		set_col(w, C_CONSULTED, dk_buf_str(&w->consulted), "consulted", ch);
	if (in->informed)
		set_col(w, C_INFORMED, dk_buf_str(&w->informed), "informed", ch);
	if (in->makers)
		set_col(w, C_MAKERS, dk_buf_str(&w->makers), "makers", ch);
	if (in->n_tags)
		set_col(w, C_TAGS, dk_buf_str(&w->tags), "tags", ch);
	else if (w->tags_edited)
		set_col(w, C_TAGS, w->tags_edited, "tags", ch);
	if (in->review_by)
		set_col(w, C_REVIEW_BY, or_null(in->review_by), "review_by", ch);
	if (ch->n > option_changes) {
		if ((rc = dk_stmt_prepare(db, &s, SQL_UPDATE, err)) != DK_OK)
			return rc;
		dk_bind_int(s, ":id", id);
		for (int i = 0; i < C_COUNT; i++)
			if (col_bind[i])
				dk_bind_text(s, col_bind[i], w->next[i]);
		rc = dk_stmt_step(s, err);
		dk_stmt_finalize(&s);
		if (rc != DK_DONE)
			return rc;
	}
	if (rewrite)
		return write_options(db, id, in, w, chosen, err);
	if (rechoose && ((rc = exec_named(db, SQL_UNCHOOSE, id, NULL, err)) != DK_OK ||
	                 (rc = exec_named(db, SQL_CHOOSE, id, chosen, err)) != DK_OK))
		return rc;
	return DK_OK;
}

int dk_decision_update(struct dk_db *db, int64_t id, const struct dk_decision_update *in,
                       struct dk_changes *changed, struct dk_error *err)
{
	struct work w;
	int rc;

	memset(&w, 0, sizeof w);
	memset(changed, 0, sizeof *changed);
	if ((rc = check(in, &w, err)) == DK_OK && (rc = dk_db_begin(db, err)) == DK_OK) {
		rc = apply(db, id, in, &w, changed, err);
		if (rc != DK_OK || changed->n == 0)
			dk_db_rollback(db);
		else
			rc = dk_db_commit(db, err);
		if (rc != DK_OK)
			changed->n = 0;
	}
	work_free(&w);
	return rc;
}
