/* candidates.c: completion candidates and the acting person (docket/candidates.h). */
#include "docket/candidates.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "docket/db.h"
#include "docket/person.h"

#include "dialect.h"

/* Each kind's records with ids in [:lo, :hi], newest first: a range of the
 * rowid, so a probe costs the same at any size. */
static const char SQL_RISK[] =
	"SELECT 'R-' || id AS key, title || CASE WHEN withdrawn_at IS NULL THEN '' ELSE ' (withdrawn)' END AS label FROM risk "
	"WHERE id BETWEEN :lo AND :hi ORDER BY id DESC LIMIT :n";
static const char SQL_DECISION[] =
	"SELECT 'D-' || id AS key, title || CASE WHEN withdrawn_at IS NULL THEN '' ELSE ' (withdrawn)' END AS label FROM decision "
	"WHERE id BETWEEN :lo AND :hi ORDER BY id DESC LIMIT :n";
static const char SQL_CONTEXT[] =
	"SELECT 'CTX-' || id AS key, system || ' revision ' || revision AS label FROM context "
	"WHERE id BETWEEN :lo AND :hi ORDER BY id DESC LIMIT :n";
static const char SQL_BLUEPRINT[] =
	"SELECT 'BP-' || b.id AS key, "
	"       coalesce((SELECT system FROM context WHERE id = b.context_id), '') || ', ' || b.status "
	"       AS label FROM blueprint b "
	"WHERE b.id BETWEEN :lo AND :hi ORDER BY b.id DESC LIMIT :n";
static const char SQL_EVIDENCE[] =
	"SELECT 'EV-' || id AS key, title || CASE WHEN withdrawn_at IS NULL THEN '' ELSE ' (withdrawn)' END AS label FROM evidence "
	"WHERE id BETWEEN :lo AND :hi ORDER BY id DESC LIMIT :n";
static const char SQL_REVIEW[] =
	"SELECT 'RV-' || id AS key, 'held ' || held_on || coalesce(', BP-' || blueprint_id, '')"
	"       || CASE WHEN withdrawn_at IS NULL THEN '' ELSE ' (withdrawn)' END "
	"       AS label FROM review "
	"WHERE id BETWEEN :lo AND :hi ORDER BY id DESC LIMIT :n";
static const char SQL_STAGE[] =
	"SELECT 'ST-' || id AS key, name || ', BP-' || blueprint_id AS label FROM stage "
	"WHERE id BETWEEN :lo AND :hi ORDER BY id DESC LIMIT :n";
static const char SQL_GATE[] =
	"SELECT 'G-' || id AS key, metric || ' ' || op || ' ' || threshold || ', ST-' || stage_id "
	"       AS label FROM gate "
	"WHERE id BETWEEN :lo AND :hi ORDER BY id DESC LIMIT :n";
static const char SQL_STEP[] =
	"SELECT 'VS-' || id AS key, check_text || ', R-' || risk_id AS label FROM verification_step "
	"WHERE id BETWEEN :lo AND :hi ORDER BY id DESC LIMIT :n";

/* Handles and teams are [a-z0-9._-]: every one that starts with :p sorts
 * below :p || '~', so the range walks the unique index. */
static const char SQL_HANDLES[] =
	"SELECT handle, name || coalesce(', ' || team, '') AS label FROM person "
	"WHERE handle >= :p AND handle < :p || '~' ORDER BY handle LIMIT :n";
static const char SQL_TEAMS[] =
	"SELECT team, sum(person) || CASE WHEN sum(person) = 1 THEN ' person' ELSE ' people' END || "
	"       CASE WHEN max(policy) <> 0 THEN ', policy' ELSE '' END AS label FROM ("
	"  SELECT team, 1 AS person, 0 AS policy FROM person WHERE team >= :p AND team < :p || '~' "
	"  UNION ALL "
	"  SELECT team, 0, 1 FROM policy WHERE team >= :p AND team < :p || '~') t "
	"GROUP BY team ORDER BY team LIMIT :n";
/* Tags live in each decision's JSON list, which no index reaches into: the
 * lists are counted first (decisions share a few), then opened once each. */
#define SQL_TAGS_TEXT(D) \
	"SELECT t.value AS tag, sum(d.n) || CASE WHEN sum(d.n) = 1 THEN ' decision' ELSE ' decisions' END" \
	"       AS label " \
	"FROM (SELECT tags, count(*) AS n FROM decision WHERE tags <> '[]' GROUP BY tags) d, " \
	"     " D##_JSON_EACH("d.tags", "t") " " \
	"WHERE t.value >= :p AND t.value < :p || '~' " \
	"GROUP BY t.value ORDER BY t.value LIMIT :n"
static const struct dk_sql SQL_TAGS = DK_SQL_BOTH(SQL_TAGS_TEXT);
static const char SQL_PERSON[] =
	"SELECT handle, name, email, team, login, "
	"       CASE WHEN handle = lower(:who) THEN 'handle' ELSE 'login' END AS matched_by "
	"FROM person WHERE id = :id";

static const struct kind {
	const char *name;   /* as the completion names it */
	const char *prefix; /* of its keys */
	const char *sql;
} kinds[] = {
	{"context", "CTX", SQL_CONTEXT}, {"blueprint", "BP", SQL_BLUEPRINT},
	{"decision", "D", SQL_DECISION}, {"evidence", "EV", SQL_EVIDENCE},
	{"risk", "R", SQL_RISK},         {"step", "VS", SQL_STEP},
	{"stage", "ST", SQL_STAGE},      {"review", "RV", SQL_REVIEW},
	{"gate", "G", SQL_GATE},
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

/* Counts the rows passed on, so that the caller knows when it has enough. */
struct counted {
	dk_row_fn fn;
	void *ctx;
	int rows;
};

static int count_row(void *arg, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	struct counted *c = arg;

	c->rows++;
	return c->fn(c->ctx, ncol, cells, err);
}

static int range(struct dk_db *db, const struct kind *k, int64_t lo, int64_t hi, int limit,
                 struct counted *out, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, k->sql, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":lo", lo);
	dk_bind_int(s, ":hi", hi);
	dk_bind_int(s, ":n", limit);
	rc = dk_rows_emit(s, count_row, out, err);
	dk_stmt_finalize(&s);
	return rc;
}

/* Keys of kind k whose number starts with digits ("" for any), up to
 * limit rows in all: the number itself, then the ten that continue it,
 * the hundred, and so on. */
static int keys_of(struct dk_db *db, const struct kind *k, const char *digits, int limit,
                   struct counted *out, struct dk_error *err)
{
	int64_t lo = 0, width = 1;
	int start = out->rows, rc;

	if (*digits == '\0')
		return range(db, k, 1, INT64_MAX, limit, out, err);
	for (const char *p = digits; *p; p++) {
		if (lo > (INT64_MAX - 9) / 10)
			return DK_OK;
		lo = lo * 10 + (*p - '0');
	}
	for (;;) {
		int left = limit - (out->rows - start);
		if (left <= 0)
			return DK_OK;
		if ((rc = range(db, k, lo, lo + width - 1, left, out, err)) != DK_OK)
			return rc;
		if (lo > INT64_MAX / 20)
			return DK_OK;
		lo *= 10;
		width *= 10;
	}
}

/* Splits a typed key into the letters before it and its digits: "r-12"
 * gives "r", 1 (a dash) and "12". 0 when the rest is not all digits or
 * starts with a 0 (no key does). */
static int split_key(const char *in, char *letters, size_t n, int *dash, const char **digits)
{
	size_t i = 0;

	while (isalpha((unsigned char)in[i]) && i + 1 < n) {
		letters[i] = in[i];
		i++;
	}
	letters[i] = '\0';
	if (isalpha((unsigned char)in[i]))
		return 0;
	*dash = in[i] == '-';
	*digits = in + i + *dash;
	if (**digits == '0' || strspn(*digits, "0123456789") != strlen(*digits))
		return 0;
	/* a bare number names no kind, and a dash needs a kind before it */
	return !(*dash && i == 0);
}

/* Whether what was typed ("R", "C", "CTX-") can start kind k's keys. */
static int kind_matches(const struct kind *k, const char *letters, int dash, const char *digits)
{
	size_t n = strlen(letters), plen = strlen(k->prefix);

	if (n == 0)
		return 1;
	if (n > plen || strncasecmp(letters, k->prefix, n) != 0)
		return 0;
	/* "CT" may go on to CTX-, but not "CT12" or "CT-" */
	return n == plen || (!dash && *digits == '\0');
}

int dk_candidates_keys(struct dk_db *db, const char *kind, const char *prefix, int limit,
                   dk_row_fn fn, void *ctx, struct dk_error *err)
{
	struct counted out = {fn, ctx, 0};
	const char *digits;
	char letters[8];
	int any = strcmp(kind, "key") == 0, dash, each, rc;
	size_t i;

	for (i = 0; !any && i < NKINDS; i++)
		if (strcmp(kinds[i].name, kind) == 0)
			break;
	if (i == NKINDS)
		return dk_fail(err, DK_EINPUT, "'%.40s' is not a kind of record (context, blueprint, "
		               "decision, evidence, risk, step, stage, review, gate or key)", kind);
	if (!split_key(prefix, letters, sizeof letters, &dash, &digits))
		return DK_OK;
	/* one kind: a bare number is that kind's */
	if (!any)
		return kind_matches(&kinds[i], letters, dash, digits)
		           ? keys_of(db, &kinds[i], digits, limit, &out, err)
		           : DK_OK;
	if (*letters == '\0' && *digits != '\0')
		return DK_OK;
	/* nothing typed: a few of each kind, not the whole limit of the first */
	each = *letters == '\0' ? (limit + (int)NKINDS - 1) / (int)NKINDS : limit;
	for (i = 0; i < NKINDS && out.rows < limit; i++) {
		int n = limit - out.rows < each ? limit - out.rows : each;
		if (kind_matches(&kinds[i], letters, dash, digits) &&
		    (rc = keys_of(db, &kinds[i], digits, n, &out, err)) != DK_OK)
			return rc;
	}
	return DK_OK;
}

static int by_prefix(struct dk_db *db, const char *sql, const char *prefix, int limit,
                     dk_row_fn fn, void *ctx, struct dk_error *err)
{
	char p[128];
	struct dk_stmt *s = NULL;
	size_t i;
	int rc;

	/* handles, teams and tags are stored in lower case */
	for (i = 0; prefix[i] && i + 1 < sizeof p; i++)
		p[i] = (char)tolower((unsigned char)prefix[i]);
	p[i] = '\0';
	if ((rc = dk_stmt_prepare(db, &s, sql, err)) != DK_OK)
		return rc;
	dk_bind_text(s, ":p", p);
	dk_bind_int(s, ":n", limit);
	rc = dk_rows_emit(s, fn, ctx, err);
	dk_stmt_finalize(&s);
	return rc;
}

int dk_candidates_handles(struct dk_db *db, const char *prefix, int limit, dk_row_fn fn, void *ctx,
                      struct dk_error *err)
{
	return by_prefix(db, SQL_HANDLES, prefix, limit, fn, ctx, err);
}

int dk_candidates_teams(struct dk_db *db, const char *prefix, int limit, dk_row_fn fn, void *ctx,
                    struct dk_error *err)
{
	return by_prefix(db, SQL_TEAMS, prefix, limit, fn, ctx, err);
}

int dk_candidates_tags(struct dk_db *db, const char *prefix, int limit, dk_row_fn fn, void *ctx,
                   struct dk_error *err)
{
	return by_prefix(db, dk_sql_for(db, &SQL_TAGS), prefix, limit, fn, ctx, err);
}

int dk_candidates_person(struct dk_db *db, const char *who, dk_row_fn fn, void *ctx,
                     struct dk_error *err)
{
	char name[512];
	struct dk_stmt *s = NULL;
	struct dk_error e;
	int64_t id;
	size_t len;
	int rc;

	while (isspace((unsigned char)*who))
		who++;
	len = strlen(who);
	while (len > 0 && isspace((unsigned char)who[len - 1]))
		len--;
	snprintf(name, sizeof name, "%.*s", (int)(len < sizeof name ? len : sizeof name - 1), who);
	rc = dk_person_resolve(db, "actor", name, &id, NULL, &e);
	if (rc == DK_EINPUT)
		return DK_OK;
	if (rc != DK_OK) {
		if (err != NULL)
			*err = e;
		return rc;
	}
	if ((rc = dk_stmt_prepare(db, &s, SQL_PERSON, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	dk_bind_text(s, ":who", name);
	rc = dk_rows_emit(s, fn, ctx, err);
	dk_stmt_finalize(&s);
	return rc;
}
