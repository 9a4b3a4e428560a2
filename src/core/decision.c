#include "docket/decision.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/context.h"
#include "docket/date.h"
#include "docket/db.h"
#include "docket/evidence.h"
#include "docket/review.h"
#include "docket/search.h"
#include "docket/text.h"

#include "dialect.h"

const char *const dk_decision_areas[] = {"data", "training", "packaging", "serving",
                                         "monitoring", "governance", NULL};
const char *const dk_decision_statuses[] = {"proposed", "accepted", "rejected", "superseded",
                                            "deprecated", NULL};

#define LIFECYCLE "proposed -> accepted | rejected; accepted -> superseded | deprecated"
#define MAX_OPTIONS 64
#define MAX_LIST 64

static const char SQL_INSERT[] =
	"INSERT INTO decision (uuid, title, area, status, problem, drivers, rationale, consequences,"
	"  confirmation, makers, consulted, informed, tags, decided_on, review_by, status_reason,"
	"  blueprint_id, context_id, review_id, adr_number, created_at, created_by) "
	"VALUES (coalesce(:uuid, docket_uuid()), :title, :area, :status, :problem, :drivers, :rationale, :consequences,"
	"  :confirmation, :makers, :consulted, :informed, :tags, :decided_on, :review_by, :reason,"
	"  :blueprint, :context, :review, :adr, docket_now(), docket_actor()) RETURNING id";
static const char SQL_INSERT_OPTION[] =
	"INSERT INTO decision_option (uuid, decision_id, ordinal, name, pros, cons, chosen,"
	"  created_at, created_by) "
	"VALUES (docket_uuid(), :decision, :ordinal, :name, :pros, :cons, :chosen,"
	"  docket_now(), docket_actor())";
#define SQL_UNKNOWN_MAKER_TEXT(D) \
	"SELECT m.value FROM " D##_JSON_EACH(":makers", "m") \
	" WHERE m.value NOT IN (SELECT handle FROM person) LIMIT 1"
static const struct dk_sql SQL_UNKNOWN_MAKER = DK_SQL_BOTH(SQL_UNKNOWN_MAKER_TEXT);
static const char SQL_EXISTS[] = "SELECT id FROM decision WHERE id = :id";
/* blueprint has no core module yet; this only checks a key. */
static const char SQL_BLUEPRINT_EXISTS[] = "SELECT id FROM blueprint WHERE id = :id";
static const char SQL_STATE[] =
	"SELECT status, supersedes_id,"
	"  (SELECT count(*) FROM decision_evidence WHERE decision_id = d.id AND stance = 'supports') "
	"FROM decision d WHERE id = :id";
static const char SQL_LINK[] =
	"INSERT INTO decision_evidence (uuid, decision_id, evidence_id, stance, created_at, created_by) "
	"VALUES (docket_uuid(), :decision, :evidence, :stance,"
	"  docket_now(), docket_actor()) "
	"ON CONFLICT (decision_id, evidence_id) DO UPDATE SET stance = excluded.stance "
	"WHERE decision_evidence.stance IS DISTINCT FROM excluded.stance";
static const char SQL_STANCE[] =
	"SELECT CASE WHEN stance = 'supports' THEN 1 ELSE 0 END FROM decision_evidence "
	"WHERE decision_id = :decision AND evidence_id = :evidence";
static const char SQL_UNLINK[] =
	"DELETE FROM decision_evidence WHERE decision_id = :decision AND evidence_id = :evidence";
static const char SQL_ACCEPT[] =
	"UPDATE decision SET status = 'accepted', decided_on = :today, status_reason = NULL,"
	"  review_id = coalesce(:review, review_id) WHERE id = :id";
static const char SQL_REJECT[] =
	"UPDATE decision SET status = 'rejected', decided_on = :today, status_reason = :reason "
	"WHERE id = :id";
static const char SQL_DEPRECATE[] =
	"UPDATE decision SET status = 'deprecated', status_reason = :reason WHERE id = :id";
static const char SQL_SUPERSEDED[] = "UPDATE decision SET status = 'superseded' WHERE id = :id";
/* never replaces a link already made, so a repeated import writes nothing */
static const char SQL_SET_SUPERSEDES[] =
	"UPDATE decision SET supersedes_id = :old WHERE id = :id AND supersedes_id IS NULL";
static const char SQL_FIND_ADR[] = "SELECT id FROM decision WHERE adr_number = :id";
static const char SQL_IDS[] = "SELECT id FROM decision WHERE status <> 'withdrawn' ORDER BY id";

#define SQL_LIST_TEXT(D) \
	"SELECT 'D-' || d.id AS key," \
	"  coalesce((SELECT number FROM adr_source WHERE decision_id = d.id), d.adr_number) AS adr," \
	"  d.title, d.area, d.status, d.decided_on, d.review_by," \
	"  d.makers AS \"makers:json\"," \
	"  (SELECT count(*) FROM decision_evidence de WHERE de.decision_id = d.id" \
	"     AND de.stance = 'supports') AS evidence " \
	"FROM decision d " \
	"WHERE (CASE WHEN :status IS NULL THEN d.status <> 'withdrawn' WHEN :status = 'all' THEN TRUE" \
	"         ELSE d.status = :status END) AND (:area IS NULL OR d.area = :area)" \
	"  AND (:blueprint IS NULL OR d.blueprint_id = :blueprint)" \
	"  AND (:tag IS NULL OR EXISTS (SELECT 1 FROM " D##_JSON_EACH("d.tags", "t") \
	" WHERE t.value = :tag))" \
	"  AND (:maker IS NULL OR EXISTS (SELECT 1 FROM " D##_JSON_EACH("d.makers", "m") \
	" WHERE m.value = :maker))" \
	"  AND (:since IS NULL OR coalesce(d.decided_on, substr(d.created_at, 1, 10)) >= :since)" \
	"  AND (:until IS NULL OR coalesce(d.decided_on, substr(d.created_at, 1, 10)) <= :until)" \
	"  AND (:search IS NULL OR d.id IN (" D##_FTS_IDS("decision_fts", ":search") "))" \
	"  AND (:overdue = 0 OR (d.status = 'accepted' AND d.review_by < :today)) " \
	"ORDER BY d.id"
static const struct dk_sql SQL_LIST = DK_SQL_BOTH(SQL_LIST_TEXT);
static const char SQL_GET[] =
	"SELECT 'D-' || d.id AS key, d.title, d.area, d.status, d.problem, d.drivers AS \"drivers:json\","
	"  (SELECT name FROM decision_option WHERE decision_id = d.id AND chosen = 1) AS chosen,"
	"  d.rationale, d.consequences, d.confirmation, d.makers AS \"makers:json\","
	"  d.consulted AS \"consulted:json\", d.informed AS \"informed:json\", d.tags AS \"tags:json\","
	"  d.decided_on, d.review_by, d.status_reason, 'BP-' || d.blueprint_id AS blueprint,"
	"  'CTX-' || d.context_id AS context, 'RV-' || d.review_id AS review,"
	"  'D-' || d.supersedes_id AS supersedes,"
	"  (SELECT 'D-' || n.id FROM decision n WHERE n.supersedes_id = d.id) AS superseded_by,"
	"  d.adr_number, d.uuid, d.created_at, d.created_by "
	"FROM decision d WHERE d.id = :id";
static const char SQL_OPTIONS[] =
	"SELECT name AS option, chosen, pros AS \"pros:json\", cons AS \"cons:json\" "
	"FROM decision_option WHERE decision_id = :id ORDER BY ordinal";
static const char SQL_EVIDENCE[] =
	"SELECT 'EV-' || e.id AS key, e.kind, e.title, de.stance, e.sha256, e.size_bytes, e.uri,"
	"  e.collected_on "
	"FROM decision_evidence de JOIN evidence e ON e.id = de.evidence_id "
	"WHERE de.decision_id = :id ORDER BY de.stance DESC, e.id";
/* Walks supersedes_id back to the first decision and forward to the last. */
static const char SQL_CHAIN[] =
	"WITH RECURSIVE"
	" back(id, depth) AS (SELECT CAST(:id AS BIGINT), 0 UNION ALL"
	"   SELECT d.supersedes_id, b.depth - 1 FROM decision d JOIN back b ON d.id = b.id"
	"   WHERE d.supersedes_id IS NOT NULL AND b.depth > -10000),"
	" fwd(id, depth) AS (SELECT CAST(:id AS BIGINT), 0 UNION ALL"
	"   SELECT n.id, f.depth + 1 FROM decision n JOIN fwd f ON n.supersedes_id = f.id"
	"   WHERE f.depth < 10000),"
	" chain(id, depth) AS (SELECT id, depth FROM back UNION SELECT id, depth FROM fwd) "
	"SELECT 'D-' || d.id AS key, d.title, d.status, d.decided_on,"
	"  CASE WHEN c.depth < 0 THEN 'earlier' WHEN c.depth = 0 THEN 'this' ELSE 'later' END AS relation,"
	"  'D-' || d.supersedes_id AS supersedes "
	"FROM chain c JOIN decision d ON d.id = c.id ORDER BY c.depth";
static const char SQL_RISKS[] =
	"SELECT 'R-' || r.id AS key, r.title, r.status, r.score, p.handle AS owner, r.due_on "
	"FROM risk r JOIN person p ON p.id = r.owner_id WHERE r.decision_id = :id ORDER BY r.id";

/* ---- options ---------------------------------------------------------- */

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

void dk_option_spec_free(struct dk_option_spec *s)
{
	free(s->buf);
	s->buf = NULL;
}

int dk_option_parse(const char *spec, struct dk_option_spec *out, struct dk_error *err)
{
	char *p, *seg, *next;
	int first = 1;

	memset(out, 0, sizeof *out);
	if ((out->buf = strdup(spec)) == NULL)
		return dk_fail(err, DK_EDB, "out of memory");
	out->opt.pros = out->pros;
	out->opt.cons = out->cons;
	for (p = out->buf; p != NULL; p = next, first = 0) {
		next = strchr(p, '|');
		if (next != NULL)
			*next++ = '\0';
		seg = trim(p);
		if (first) {
			out->opt.name = seg;
			if (*seg == '\0')
				return dk_fail(err, DK_EINPUT, "--option '%.60s' has no name (NAME|pro: TEXT|con: TEXT)",
				               spec);
			continue;
		}
		if (out->opt.n_pros + out->opt.n_cons >= DK_OPTION_MAX_ITEMS)
			return dk_fail(err, DK_EINPUT, "--option '%.60s' has more than %d pros and cons",
			               spec, DK_OPTION_MAX_ITEMS);
		if (strncmp(seg, "pro:", 4) == 0)
			out->pros[out->opt.n_pros++] = trim(seg + 4);
		else if (strncmp(seg, "con:", 4) == 0)
			out->cons[out->opt.n_cons++] = trim(seg + 4);
		else
			return dk_fail(err, DK_EINPUT, "--option '%.60s': '%.40s' starts with neither 'pro:' "
			               "nor 'con:' (NAME|pro: TEXT|con: TEXT)", spec, seg);
	}
	return DK_OK;
}

/* ---- checking --------------------------------------------------------- */

/* The JSON lists of one input, ready to bind. */
struct parsed {
	struct dk_buf drivers, makers, consulted, informed, tags;
	struct dk_buf pros[MAX_OPTIONS], cons[MAX_OPTIONS];
};

static void parsed_free(struct parsed *p)
{
	dk_buf_free(&p->drivers);
	dk_buf_free(&p->makers);
	dk_buf_free(&p->consulted);
	dk_buf_free(&p->informed);
	dk_buf_free(&p->tags);
	for (int i = 0; i < MAX_OPTIONS; i++) {
		dk_buf_free(&p->pros[i]);
		dk_buf_free(&p->cons[i]);
	}
}

static int people(const char *opt, const char *list, int handles, struct dk_buf *out,
                  struct dk_error *err)
{
	int rc = dk_list_to_json(opt, list ? list : "", handles ? 32 : 200, MAX_LIST, out, err);

	if (rc != DK_OK || !handles || list == NULL)
		return rc;
	/* handles are checked one by one so the message names the bad one */
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, ",");
		char h[40];
		const char *s = p;
		while (n > 0 && *s == ' ') {
			s++;
			n--;
		}
		while (n > 0 && s[n - 1] == ' ')
			n--;
		snprintf(h, sizeof h, "%.*s", (int)(n < sizeof h - 1 ? n : sizeof h - 1), s);
		if ((rc = dk_check_ident(opt, h, 32, 0, err)) != DK_OK)
			return rc;
		p += strcspn(p, ",");
		if (*p == ',')
			p++;
	}
	return DK_OK;
}

static int parse(const struct dk_decision_in *in, struct parsed *p, struct dk_error *err)
{
	int rc, imported = in->origin == DK_DECISION_IMPORTED, chosen_found = 0;
	const char *status = in->status ? in->status : "proposed";

	memset(p, 0, sizeof *p);
	if (in->title == NULL)
		return dk_fail(err, DK_EINPUT, "--title is required");
	if ((rc = dk_check_text("--title", in->title, 200, 0, err)) != DK_OK)
		return rc;
	if (in->area == NULL)
		return dk_fail(err, DK_EINPUT, "--area is required (data, training, packaging, serving, "
		               "monitoring or governance)");
	if ((rc = dk_check_enum("--area", in->area, dk_decision_areas, err)) != DK_OK)
		return rc;
	if (in->problem == NULL)
		return dk_fail(err, DK_EINPUT, "--problem is required");
	if ((rc = dk_check_text("--problem", in->problem, 100000, 1, err)) != DK_OK)
		return rc;
	if (in->n_drivers > MAX_LIST)
		return dk_fail(err, DK_EINPUT, "--driver is given more than %d times", MAX_LIST);
	if ((rc = dk_items_to_json("--driver", in->drivers, in->n_drivers, 500, &p->drivers, err)))
		return rc;
	if (in->n_options > MAX_OPTIONS)
		return dk_fail(err, DK_EINPUT, "--option is given more than %d times", MAX_OPTIONS);
	if (!imported && in->n_options == 0)
		return dk_fail(err, DK_EINPUT, "--option is required (at least one considered option)");
	for (size_t i = 0; i < in->n_options; i++) {
		const struct dk_option_in *o = &in->options[i];
		if (o->name == NULL || (rc = dk_check_text("--option", o->name, 200, 0, err)) != DK_OK)
			return o->name ? rc : dk_fail(err, DK_EINPUT, "--option has no name");
		for (size_t j = 0; j < i; j++)
			if (strcmp(in->options[j].name, o->name) == 0)
				return dk_fail(err, DK_EINPUT, "--option '%.60s' is given twice", o->name);
		if ((rc = dk_items_to_json("--option pro", o->pros, o->n_pros, 500, &p->pros[i], err)) ||
		    (rc = dk_items_to_json("--option con", o->cons, o->n_cons, 500, &p->cons[i], err)))
			return rc;
		if (in->chosen && strcmp(in->chosen, o->name) == 0)
			chosen_found = 1;
	}
	if (!imported && in->chosen == NULL)
		return dk_fail(err, DK_EINPUT, "--chosen is required (the name of one --option)");
	if (in->chosen && !chosen_found) {
		struct dk_buf names = {0};
		for (size_t i = 0; i < in->n_options; i++)
			dk_buf_addf(&names, "%s'%.40s'", i ? ", " : "", in->options[i].name);
		rc = dk_fail(err, DK_EINPUT, "--chosen '%.60s' is not one of the options (%.400s)",
		             in->chosen, in->n_options ? dk_buf_str(&names) : "none given");
		dk_buf_free(&names);
		return rc;
	}
	if (!imported && in->rationale == NULL)
		return dk_fail(err, DK_EINPUT, "--rationale is required");
	if (in->rationale && (rc = dk_check_text("--rationale", in->rationale, 100000, 1, err)))
		return rc;
	if (in->consequences && (rc = dk_check_text("--consequences", in->consequences, 100000, 1, err)))
		return rc;
	if (in->confirmation && (rc = dk_check_text("--confirmation", in->confirmation, 100000, 1, err)))
		return rc;
	if ((rc = people("--makers", in->makers, !imported, &p->makers, err)) ||
	    (rc = people("--consulted", in->consulted, 0, &p->consulted, err)) ||
	    (rc = people("--informed", in->informed, 0, &p->informed, err)))
		return rc;
	if (in->n_tags > MAX_LIST)
		return dk_fail(err, DK_EINPUT, "--tag is given more than %d times", MAX_LIST);
	for (size_t i = 0; i < in->n_tags; i++)
		if ((rc = dk_check_ident("--tag", in->tags[i], 64, 0, err)) != DK_OK)
			return rc;
	if ((rc = dk_items_to_json("--tag", in->tags, in->n_tags, 64, &p->tags, err)))
		return rc;
	if (in->uuid && (rc = dk_check_uuid("uuid", in->uuid, err)) != DK_OK)
		return rc;
	if (in->review_by && !dk_date_valid(in->review_by))
		return dk_fail(err, DK_EINPUT, "--review-by '%.40s' is not a date (%s)", in->review_by,
		               DK_DATE_FORMS);
	if (!imported) {
		if (in->status || in->decided_on || in->status_reason || in->adr_number)
			return dk_fail(err, DK_EINPUT, "a new decision starts proposed, without a date, "
			               "reason or ADR number");
		return DK_OK;
	}
	if ((rc = dk_check_enum("status", status, dk_decision_statuses, err)) != DK_OK)
		return rc;
	if (in->decided_on && !dk_date_valid(in->decided_on))
		return dk_fail(err, DK_EINPUT, "date '%.40s' is not a date (YYYY-MM-DD)", in->decided_on);
	if (in->decided_on == NULL && strcmp(status, "proposed") && strcmp(status, "rejected"))
		return dk_fail(err, DK_EINPUT, "a decision that is %s needs the date it was decided on",
		               status);
	if (in->status_reason && (rc = dk_check_text("reason", in->status_reason, 10000, 0, err)))
		return rc;
	if (in->adr_number < 0)
		return dk_fail(err, DK_EINPUT, "ADR number %lld is not positive", (long long)in->adr_number);
	return DK_OK;
}

int dk_decision_check(const struct dk_decision_in *in, struct dk_error *err)
{
	struct parsed p;
	int rc = parse(in, &p, err);

	parsed_free(&p);
	return rc;
}

/* ---- small queries ---------------------------------------------------- */

/* sql takes one parameter, :id. */
static int one_int(struct dk_db *db, const char *sql, int64_t id, int64_t *v, int *found,
                   struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, sql, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	rc = dk_stmt_one_int(s, v, found, err);
	dk_stmt_finalize(&s);
	return rc;
}

static int must_exist(struct dk_db *db, const char *sql, int64_t id, const char *what,
                      const char *prefix, struct dk_error *err)
{
	int64_t x;
	int found = 0, rc = one_int(db, sql, id, &x, &found, err);

	if (rc == DK_OK && !found)
		rc = dk_fail(err, DK_EINPUT, "there is no %s %s-%lld", what, prefix, (long long)id);
	return rc;
}

int dk_decision_exists(struct dk_db *db, int64_t id, struct dk_error *err)
{
	return must_exist(db, SQL_EXISTS, id, "decision", "D", err);
}

/* ---- insert ----------------------------------------------------------- */

static void bind_id(struct dk_stmt *s, const char *name, int64_t id)
{
	if (id > 0)
		dk_bind_int(s, name, id);
	else
		dk_bind_null(s, name);
}

static int insert_options(struct dk_db *db, int64_t did, const struct dk_decision_in *in,
                          const struct parsed *p, struct dk_error *err);

static int insert(struct dk_db *db, const struct dk_decision_in *in, const struct parsed *p,
                  int64_t *id, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int64_t did;
	int rc;

	if (in->origin == DK_DECISION_NEW && in->makers) {
		struct dk_stmt *q = NULL;
		if ((rc = dk_stmt_prepare(db, &q, dk_sql_for(db, &SQL_UNKNOWN_MAKER), err)) != DK_OK)
			return rc;
		dk_bind_text(q, ":makers", dk_buf_str(&p->makers));
		rc = dk_stmt_step(q, err);
		if (rc == DK_ROW)
			rc = dk_fail(err, DK_EINPUT, "--makers '%.40s' is not a known person (see 'docket "
			             "person list')", dk_col_text(q, 0));
		dk_stmt_finalize(&q);
		if (rc != DK_DONE)
			return rc;
	}
	if ((in->blueprint_id > 0 &&
	     (rc = must_exist(db, SQL_BLUEPRINT_EXISTS, in->blueprint_id, "blueprint", "BP", err))) ||
	    (in->context_id > 0 && (rc = dk_context_exists(db, in->context_id, err))) ||
	    (in->review_id > 0 && (rc = dk_review_exists(db, in->review_id, err))))
		return rc;
	if (in->adr_number > 0) {
		int found = 0;
		if ((rc = dk_decision_find_adr(db, in->adr_number, &did, &found, err)) != DK_OK)
			return rc;
		if (found)
			return dk_fail(err, DK_EINPUT, "ADR %lld is already D-%lld", (long long)in->adr_number,
			               (long long)did);
	}
	if ((rc = dk_stmt_prepare(db, &s, SQL_INSERT, err)) != DK_OK)
		return rc;
	dk_bind_text(s, ":uuid", in->uuid);
	dk_bind_text(s, ":title", in->title);
	dk_bind_text(s, ":area", in->area);
	dk_bind_text(s, ":status", in->status ? in->status : "proposed");
	dk_bind_text(s, ":problem", in->problem);
	dk_bind_text(s, ":drivers", dk_buf_str(&p->drivers));
	dk_bind_text(s, ":rationale", in->rationale ? in->rationale : "");
	dk_bind_text(s, ":consequences", in->consequences);
	dk_bind_text(s, ":confirmation", in->confirmation);
	dk_bind_text(s, ":makers", dk_buf_str(&p->makers));
	dk_bind_text(s, ":consulted", dk_buf_str(&p->consulted));
	dk_bind_text(s, ":informed", dk_buf_str(&p->informed));
	dk_bind_text(s, ":tags", dk_buf_str(&p->tags));
	dk_bind_text(s, ":decided_on", in->decided_on);
	dk_bind_text(s, ":review_by", in->review_by);
	dk_bind_text(s, ":reason", in->status_reason);
	bind_id(s, ":blueprint", in->blueprint_id);
	bind_id(s, ":context", in->context_id);
	bind_id(s, ":review", in->review_id);
	bind_id(s, ":adr", in->adr_number);
	rc = dk_stmt_insert(s, &did, err);
	dk_stmt_finalize(&s);
	if (rc != DK_OK)
		return rc;
	if ((rc = insert_options(db, did, in, p, err)) != DK_OK)
		return rc;
	if (id != NULL)
		*id = did;
	return DK_OK;
}

static int insert_options(struct dk_db *db, int64_t did, const struct dk_decision_in *in,
                          const struct parsed *p, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, SQL_INSERT_OPTION, err)) != DK_OK)
		return rc;
	for (size_t i = 0; i < in->n_options; i++) {
		dk_stmt_reset(s);
		dk_bind_int(s, ":decision", did);
		dk_bind_int(s, ":ordinal", (int64_t)i + 1);
		dk_bind_text(s, ":name", in->options[i].name);
		dk_bind_text(s, ":pros", dk_buf_str(&p->pros[i]));
		dk_bind_text(s, ":cons", dk_buf_str(&p->cons[i]));
		dk_bind_int(s, ":chosen", in->chosen && strcmp(in->chosen, in->options[i].name) == 0);
		if ((rc = dk_stmt_step(s, err)) != DK_DONE) {
			dk_stmt_finalize(&s);
			return rc;
		}
	}
	dk_stmt_finalize(&s);
	return DK_OK;
}

int dk_decision_insert(struct dk_db *db, const struct dk_decision_in *in, int64_t *id,
                       struct dk_error *err)
{
	struct parsed p;
	int rc = parse(in, &p, err);

	if (rc == DK_OK)
		rc = insert(db, in, &p, id, err);
	parsed_free(&p);
	return rc;
}

int dk_decision_add(struct dk_db *db, const struct dk_decision_in *in, int64_t *id,
                    struct dk_error *err)
{
	struct parsed p;
	int rc = parse(in, &p, err);

	if (rc == DK_OK && (rc = dk_db_begin(db, err)) == DK_OK) {
		if ((rc = insert(db, in, &p, id, err)) != DK_OK)
			dk_db_rollback(db);
		else
			rc = dk_db_commit(db, err);
	}
	parsed_free(&p);
	return rc;
}

static const char SQL_REPLACE[] =
	"UPDATE decision SET title = :title, area = :area, status = :status, problem = :problem,"
	"  drivers = :drivers, rationale = :rationale, consequences = :consequences,"
	"  confirmation = :confirmation, makers = :makers, consulted = :consulted,"
	"  informed = :informed, tags = :tags, decided_on = :decided_on, review_by = :review_by,"
	"  status_reason = :reason "
	"WHERE id = :id";
static const char SQL_DROP_OPTIONS[] = "DELETE FROM decision_option WHERE decision_id = :id";

int dk_decision_replace(struct dk_db *db, int64_t id, const struct dk_decision_in *in,
                        struct dk_error *err)
{
	struct parsed p;
	struct dk_stmt *s = NULL;
	int rc = parse(in, &p, err);

	if (rc == DK_OK && in->origin != DK_DECISION_IMPORTED)
		rc = dk_fail(err, DK_EINPUT, "only an imported decision is replaced whole");
	if (rc == DK_OK && (rc = dk_stmt_prepare(db, &s, SQL_REPLACE, err)) == DK_OK) {
		dk_bind_int(s, ":id", id);
		dk_bind_text(s, ":title", in->title);
		dk_bind_text(s, ":area", in->area);
		dk_bind_text(s, ":status", in->status ? in->status : "proposed");
		dk_bind_text(s, ":problem", in->problem);
		dk_bind_text(s, ":drivers", dk_buf_str(&p.drivers));
		dk_bind_text(s, ":rationale", in->rationale ? in->rationale : "");
		dk_bind_text(s, ":consequences", in->consequences);
		dk_bind_text(s, ":confirmation", in->confirmation);
		dk_bind_text(s, ":makers", dk_buf_str(&p.makers));
		dk_bind_text(s, ":consulted", dk_buf_str(&p.consulted));
		dk_bind_text(s, ":informed", dk_buf_str(&p.informed));
		dk_bind_text(s, ":tags", dk_buf_str(&p.tags));
		dk_bind_text(s, ":decided_on", in->decided_on);
		dk_bind_text(s, ":review_by", in->review_by);
		dk_bind_text(s, ":reason", in->status_reason);
		rc = dk_stmt_step(s, err);
		dk_stmt_finalize(&s);
		rc = rc == DK_DONE ? DK_OK : rc;
	}
	if (rc == DK_OK && (rc = dk_db_exec_id(db, SQL_DROP_OPTIONS, id, err)) == DK_OK)
		rc = insert_options(db, id, in, &p, err);
	parsed_free(&p);
	return rc;
}

/* ---- lifecycle -------------------------------------------------------- */

int dk_decision_transition_allowed(const char *from, const char *to)
{
	if (from == NULL || to == NULL)
		return 0;
	if (strcmp(from, "proposed") == 0)
		return strcmp(to, "accepted") == 0 || strcmp(to, "rejected") == 0;
	if (strcmp(from, "accepted") == 0)
		return strcmp(to, "superseded") == 0 || strcmp(to, "deprecated") == 0;
	return 0;
}

struct state {
	char status[16];
	int64_t supersedes; /* 0 for none */
	int64_t supporting; /* supporting evidence items */
};

static int get_state(struct dk_db *db, int64_t id, struct state *st, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_decision_exists(db, id, err)) != DK_OK)
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, SQL_STATE, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	rc = dk_stmt_step(s, err);
	if (rc == DK_ROW) {
		snprintf(st->status, sizeof st->status, "%s", dk_col_text(s, 0));
		st->supersedes = dk_col_is_null(s, 1) ? 0 : dk_col_int(s, 1);
		st->supporting = dk_col_int(s, 2);
		rc = DK_OK;
	}
	dk_stmt_finalize(&s);
	return rc;
}

int dk_decision_status(struct dk_db *db, int64_t id, char status[16], struct dk_error *err)
{
	struct state st;
	int rc = get_state(db, id, &st, err);

	if (rc == DK_OK)
		memcpy(status, st.status, sizeof st.status);
	return rc;
}

/* The verb for a target status, for messages. */
static const char *verb(const char *to)
{
	return strcmp(to, "accepted") == 0 ? "accepted" : strcmp(to, "rejected") == 0 ? "rejected"
	       : strcmp(to, "superseded") == 0 ? "superseded" : "deprecated";
}

static int refuse_transition(int64_t id, const char *from, const char *to, struct dk_error *err)
{
	return dk_fail(err, DK_EINPUT, "D-%lld is %s and cannot be %s: the lifecycle is %s",
	               (long long)id, from, verb(to), LIFECYCLE);
}

static int check_transition(struct dk_db *db, int64_t id, const char *to, struct state *st,
                            struct dk_error *err)
{
	int rc = get_state(db, id, st, err);

	if (rc != DK_OK)
		return rc;
	if (!dk_decision_transition_allowed(st->status, to))
		return refuse_transition(id, st->status, to, err);
	if (strcmp(to, "accepted") == 0 && st->supporting == 0)
		return dk_fail(err, DK_EINPUT, "D-%lld has no supporting evidence: link some with "
		               "'docket decision link D-%lld --evidence EV-n' before accepting",
		               (long long)id, (long long)id);
	return DK_OK;
}

/* Runs one UPDATE of decision id, binding whichever of :today, :reason,
 * :review (other, 0 for NULL) and :old (other) the statement names. */
static int update(struct dk_db *db, const char *sql, int64_t id, const char *today,
                  const char *reason, int64_t other, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, sql, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	if (dk_stmt_has_param(s, ":today"))
		dk_bind_text(s, ":today", today);
	if (dk_stmt_has_param(s, ":reason"))
		dk_bind_text(s, ":reason", reason);
	if (dk_stmt_has_param(s, ":review"))
		bind_id(s, ":review", other);
	if (dk_stmt_has_param(s, ":old"))
		dk_bind_int(s, ":old", other);
	rc = dk_stmt_step(s, err);
	dk_stmt_finalize(&s);
	return rc == DK_DONE ? DK_OK : rc;
}

static int transition(struct dk_db *db, int64_t id, const char *to, const char *sql,
                      const char *reason, int64_t review, const char *today, struct dk_error *err)
{
	struct state st;
	int rc;

	if (today == NULL || !dk_date_valid(today))
		return dk_fail(err, DK_EINPUT, "today's date is not valid");
	if (reason != NULL && (rc = dk_check_text("--reason", reason, 10000, 0, err)) != DK_OK)
		return rc;
	if ((rc = dk_db_begin(db, err)) != DK_OK)
		return rc;
	if (review > 0 && (rc = dk_review_exists(db, review, err)) != DK_OK)
		goto fail;
	if ((rc = check_transition(db, id, to, &st, err)) != DK_OK)
		goto fail;
	if ((rc = update(db, sql, id, today, reason, review, err)) != DK_OK)
		goto fail;
	return dk_db_commit(db, err);
fail:
	dk_db_rollback(db);
	return rc;
}

int dk_decision_accept(struct dk_db *db, int64_t id, int64_t review_id, const char *today,
                       struct dk_error *err)
{
	return transition(db, id, "accepted", SQL_ACCEPT, NULL, review_id, today, err);
}

int dk_decision_reject(struct dk_db *db, int64_t id, const char *reason, const char *today,
                       struct dk_error *err)
{
	if (reason == NULL)
		return dk_fail(err, DK_EINPUT, "--reason is required");
	return transition(db, id, "rejected", SQL_REJECT, reason, 0, today, err);
}

int dk_decision_deprecate(struct dk_db *db, int64_t id, const char *reason, const char *today,
                          struct dk_error *err)
{
	if (reason == NULL)
		return dk_fail(err, DK_EINPUT, "--reason is required");
	return transition(db, id, "deprecated", SQL_DEPRECATE, reason, 0, today, err);
}

int dk_decision_supersede(struct dk_db *db, int64_t old, int64_t by, struct dk_error *err)
{
	struct state so, sb;
	int rc;

	if (old == by)
		return dk_fail(err, DK_EINPUT, "D-%lld cannot supersede itself", (long long)old);
	if ((rc = dk_db_begin(db, err)) != DK_OK)
		return rc;
	if ((rc = check_transition(db, old, "superseded", &so, err)) != DK_OK)
		goto fail;
	if ((rc = get_state(db, by, &sb, err)) != DK_OK)
		goto fail;
	if (strcmp(sb.status, "accepted") != 0) {
		rc = dk_fail(err, DK_EINPUT, "--by D-%lld is %s: only an accepted decision can supersede "
		             "another (accept it first with 'docket decision accept D-%lld')",
		             (long long)by, sb.status, (long long)by);
		goto fail;
	}
	if (sb.supersedes) {
		rc = dk_fail(err, DK_EINPUT, "--by D-%lld already supersedes D-%lld", (long long)by,
		             (long long)sb.supersedes);
		goto fail;
	}
	if ((rc = update(db, SQL_SUPERSEDED, old, NULL, NULL, 0, err)) != DK_OK ||
	    (rc = update(db, SQL_SET_SUPERSEDES, by, NULL, NULL, old, err)) != DK_OK)
		goto fail;
	return dk_db_commit(db, err);
fail:
	dk_db_rollback(db);
	return rc;
}

int dk_decision_set_supersedes(struct dk_db *db, int64_t by, int64_t old, struct dk_error *err)
{
	return update(db, SQL_SET_SUPERSEDES, by, NULL, NULL, old, err);
}

/* ---- evidence links --------------------------------------------------- */

static int link_stance(struct dk_db *db, int64_t d, int64_t ev, int *linked, int *supports,
                       struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int64_t v = 0;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, SQL_STANCE, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":decision", d);
	dk_bind_int(s, ":evidence", ev);
	rc = dk_stmt_one_int(s, &v, linked, err);
	dk_stmt_finalize(&s);
	*supports = *linked && v;
	return rc;
}

/* An accepted (or later) decision keeps at least one supporting item. */
static int keeps_support(int64_t d, int64_t ev, const struct state *st, int supports,
                         const char *what, struct dk_error *err)
{
	if (supports && st->supporting == 1 && strcmp(st->status, "proposed") &&
	    strcmp(st->status, "rejected"))
		return dk_fail(err, DK_EINPUT, "D-%lld is %s and EV-%lld is its only supporting evidence: "
		               "link another before %s", (long long)d, st->status, (long long)ev, what);
	return DK_OK;
}

int dk_decision_link_insert(struct dk_db *db, int64_t decision, int64_t evidence,
                            int contradicts, struct dk_error *err)
{
	struct state st;
	struct dk_stmt *s = NULL;
	int linked = 0, supports = 0, rc;

	if ((rc = get_state(db, decision, &st, err)) || (rc = dk_evidence_exists(db, evidence, err)) ||
	    (rc = link_stance(db, decision, evidence, &linked, &supports, err)))
		return rc;
	if (strcmp(st.status, "withdrawn") == 0)
		return dk_fail(err, DK_EINPUT, "D-%lld is withdrawn; its evidence is not changed",
		               (long long)decision);
	if (contradicts &&
	    (rc = keeps_support(decision, evidence, &st, supports, "marking it as contradicting", err)))
		return rc;
	if ((rc = dk_stmt_prepare(db, &s, SQL_LINK, err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":decision", decision);
	dk_bind_int(s, ":evidence", evidence);
	dk_bind_text(s, ":stance", contradicts ? "contradicts" : "supports");
	rc = dk_stmt_step(s, err);
	dk_stmt_finalize(&s);
	return rc == DK_DONE ? DK_OK : rc;
}

int dk_decision_link(struct dk_db *db, int64_t decision, int64_t evidence, int contradicts,
                     struct dk_error *err)
{
	int rc;

	if ((rc = dk_db_begin(db, err)) != DK_OK)
		return rc;
	if ((rc = dk_decision_link_insert(db, decision, evidence, contradicts, err)) != DK_OK) {
		dk_db_rollback(db);
		return rc;
	}
	return dk_db_commit(db, err);
}

int dk_decision_unlink(struct dk_db *db, int64_t decision, int64_t evidence,
                       struct dk_error *err)
{
	struct state st;
	struct dk_stmt *s = NULL;
	int linked = 0, supports = 0, rc;

	if ((rc = dk_db_begin(db, err)) != DK_OK)
		return rc;
	if ((rc = get_state(db, decision, &st, err)) || (rc = dk_evidence_exists(db, evidence, err)) ||
	    (rc = link_stance(db, decision, evidence, &linked, &supports, err)))
		goto fail;
	if (!linked) {
		rc = dk_fail(err, DK_EINPUT, "EV-%lld is not linked to D-%lld", (long long)evidence,
		             (long long)decision);
		goto fail;
	}
	if (strcmp(st.status, "withdrawn") == 0) {
		rc = dk_fail(err, DK_EINPUT, "D-%lld is withdrawn; its evidence is not changed",
		             (long long)decision);
		goto fail;
	}
	if ((rc = keeps_support(decision, evidence, &st, supports, "unlinking it", err)) != DK_OK)
		goto fail;
	if ((rc = dk_stmt_prepare(db, &s, SQL_UNLINK, err)) != DK_OK)
		goto fail;
	dk_bind_int(s, ":decision", decision);
	dk_bind_int(s, ":evidence", evidence);
	rc = dk_stmt_step(s, err);
	dk_stmt_finalize(&s);
	if (rc != DK_DONE)
		goto fail;
	return dk_db_commit(db, err);
fail:
	dk_db_rollback(db);
	return rc;
}

/* ---- queries ---------------------------------------------------------- */

int dk_decision_list(struct dk_db *db, const struct dk_decision_filter *f, dk_row_fn fn,
                     void *ctx, struct dk_error *err)
{
	static const char *const list_statuses[] = {"proposed", "accepted", "rejected", "superseded",
	                                            "deprecated", "withdrawn", "all", NULL};
	struct dk_buf q = {0};
	struct dk_stmt *s = NULL;
	int rc;

	if ((f->status && (rc = dk_check_enum("--status", f->status, list_statuses, err))) ||
	    (f->area && (rc = dk_check_enum("--area", f->area, dk_decision_areas, err))) ||
	    (f->tag && (rc = dk_check_ident("--tag", f->tag, 64, 0, err))) ||
	    (f->maker && (rc = dk_check_text("--maker", f->maker, 200, 0, err))))
		return rc;
	if (f->since && !dk_date_valid(f->since))
		return dk_fail(err, DK_EINPUT, "--since '%.40s' is not a date (%s)", f->since, DK_DATE_FORMS);
	if (f->until && !dk_date_valid(f->until))
		return dk_fail(err, DK_EINPUT, "--until '%.40s' is not a date (%s)", f->until, DK_DATE_FORMS);
	if (f->review_overdue && (f->today == NULL || !dk_date_valid(f->today)))
		return dk_fail(err, DK_EINPUT, "today's date is not valid");
	if (f->search && (rc = dk_search_query_for(db, "--search", f->search, &q, err)) != DK_OK)
		goto out;
	if ((rc = dk_stmt_prepare(db, &s, dk_sql_for(db, &SQL_LIST), err)) != DK_OK)
		goto out;
	dk_bind_text(s, ":status", f->status);
	dk_bind_text(s, ":area", f->area);
	bind_id(s, ":blueprint", f->blueprint_id);
	dk_bind_text(s, ":tag", f->tag);
	dk_bind_text(s, ":maker", f->maker);
	dk_bind_text(s, ":since", f->since);
	dk_bind_text(s, ":until", f->until);
	dk_bind_text(s, ":search", f->search ? dk_buf_str(&q) : NULL);
	dk_bind_int(s, ":overdue", f->review_overdue != 0);
	dk_bind_text(s, ":today", f->today);
	rc = dk_rows_emit(s, fn, ctx, err);
	dk_stmt_finalize(&s);
out:
	dk_buf_free(&q);
	return rc;
}

static int rows(struct dk_db *db, const char *sql, int64_t id, dk_row_fn fn, void *ctx,
                struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, sql, err)) != DK_OK)
		return rc;
	if (dk_stmt_has_param(s, ":id"))
		dk_bind_int(s, ":id", id);
	rc = dk_rows_emit(s, fn, ctx, err);
	dk_stmt_finalize(&s);
	return rc;
}

int dk_decision_get(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx, struct dk_error *err)
{
	int rc = dk_decision_exists(db, id, err);

	return rc != DK_OK ? rc : rows(db, SQL_GET, id, fn, ctx, err);
}

int dk_decision_options(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx,
                        struct dk_error *err)
{
	return rows(db, SQL_OPTIONS, id, fn, ctx, err);
}

int dk_decision_evidence(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx,
                         struct dk_error *err)
{
	return rows(db, SQL_EVIDENCE, id, fn, ctx, err);
}

int dk_decision_chain(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx,
                      struct dk_error *err)
{
	return rows(db, SQL_CHAIN, id, fn, ctx, err);
}

int dk_decision_risks(struct dk_db *db, int64_t id, dk_row_fn fn, void *ctx,
                      struct dk_error *err)
{
	return rows(db, SQL_RISKS, id, fn, ctx, err);
}

int dk_decision_ids(struct dk_db *db, dk_row_fn fn, void *ctx, struct dk_error *err)
{
	return rows(db, SQL_IDS, 0, fn, ctx, err);
}

int dk_decision_find_adr(struct dk_db *db, int64_t number, int64_t *id, int *found,
                         struct dk_error *err)
{
	return one_int(db, SQL_FIND_ADR, number, id, found, err);
}
