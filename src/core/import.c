#include "docket/import.h"

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/adr.h"
#include "docket/context.h"
#include "docket/csv_cut.h"
#include "docket/date.h"
#include "docket/db.h"
#include "docket/decision.h"
#include "docket/evidence.h"
#include "docket/key.h"
#include "docket/person.h"
#include "docket/risk.h"
#include "docket/file.h"

#define MAX_COLS 64
/* Items of a one-a-line cell. One more than the core allows, so that a cell
 * with too many is refused by the core's own rule instead of cut short. */
#define MAX_ITEMS 65

/* One column a kind takes. Columns the export writes that an import does
 * not use (key, created_at, ...) are "known" and ignored. */
struct column {
	const char *name;
	int required;
	const char *meaning; /* NULL: known from the export, ignored */
};

struct reader;
typedef int (*row_fn)(struct reader *rd, struct dk_error *err);

struct kind {
	const char *name;
	const struct column *cols;
	row_fn row;
};

/* The state of one import. */
struct reader {
	struct dk_db *db;
	const struct kind *kind;
	const char *path;
	long line;            /* the line being fed to the parser */
	long row_line;        /* the line where the current record started */
	int nfields;          /* fields of the current record */
	char *fields[MAX_COLS]; /* the current record's fields (owned) */
	int ncols;            /* header columns */
	int map[MAX_COLS];    /* header position -> index in kind->cols, or -1 */
	int header_done;
	int fatal;            /* a structural problem: stop reading */
	int64_t errors_before; /* errors counted when the current record started */
	struct dk_import_result *res;
	struct dk_error err;  /* a database error that ends the import */
	char today[DK_DATE_LEN]; /* what relative dates (+3d, today) are relative to */
	struct key_map {
		int64_t from, to;
	} *keys;              /* decisions: each row's key column -> the id it was given */
	size_t nkeys, capkeys;
	struct dk_buf links;  /* decisions: "src\x1fkey\x1flabel\n" typed links, made at the end */
};

static void message(struct reader *rd, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void message(struct reader *rd, long line, const char *fmt, ...)
{
	char text[1100];
	va_list ap;

	rd->res->errors++;
	if (rd->res->errors > DK_IMPORT_MAX_MESSAGES)
		return;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	dk_buf_addf(&rd->res->messages, "%s:%ld: %s\n", rd->path, line, text);
}

/* The cell of column name in the current record, or NULL when it is
 * absent or empty. */
static const char *cell(struct reader *rd, const char *name)
{
	for (int i = 0; i < rd->ncols && i < rd->nfields; i++)
		if (rd->map[i] >= 0 && strcmp(rd->kind->cols[rd->map[i]].name, name) == 0)
			return rd->fields[i] && rd->fields[i][0] ? rd->fields[i] : NULL;
	return NULL;
}

/* Reports a validation failure as "column: reason": the core messages name
 * the option ("--email 'x' is not ..."), which is the column's name. */
static void refuse(struct reader *rd, const struct dk_error *e)
{
	const char *m = e->msg, *word = m + (m[0] == '-' && m[1] == '-' ? 2 : 0);
	size_t n = strcspn(word, " :");

	for (const struct column *c = rd->kind->cols; c->name; c++)
		if (strlen(c->name) == n && strncmp(c->name, word, n) == 0) {
			const char *rest = word + n + (word[n] == ':');
			message(rd, rd->row_line, "%s: %s", c->name, rest + (*rest == ' '));
			return;
		}
	message(rd, rd->row_line, "%s", m);
}

static int parse_flag(struct reader *rd, const char *name, int *v)
{
	const char *s = cell(rd, name);

	*v = -1;
	if (s == NULL || !strcmp(s, "0") || !strcmp(s, "no") || !strcmp(s, "false"))
		*v = 0;
	else if (!strcmp(s, "1") || !strcmp(s, "yes") || !strcmp(s, "true"))
		*v = 1;
	else
		message(rd, rd->row_line, "%s: '%.40s' is not yes or no (1/0, true/false)", name, s);
	return *v >= 0;
}

/* Splits a newline-separated cell in place into items. */
static size_t split_lines(char *s, const char **items, size_t max)
{
	size_t n = 0;

	while (s != NULL && *s && n < max) {
		char *nl = strchr(s, '\n');
		if (nl)
			*nl = '\0';
		if (nl > s && nl[-1] == '\r')
			nl[-1] = '\0';
		if (*s)
			items[n++] = s;
		s = nl ? nl + 1 : NULL;
	}
	return n;
}

/* What a core insert's status means for the import: DK_EINPUT is a bad row
 * (listed, reading goes on), anything else other than DK_OK ends it. */
static int outcome(struct reader *rd, int rc, const struct dk_error *e, struct dk_error *err)
{
	const char *uuid = cell(rd, "uuid");
	size_t n = strlen(e->msg);

	/* the database's words for it name a table, not the column: SQLite's
	 * "UNIQUE constraint failed: risk.uuid", PostgreSQL's "duplicate key
	 * value violates unique constraint \"risk_uuid_key\"" */
	if (rc == DK_EINPUT && uuid != NULL &&
	    ((n > 5 && strcmp(e->msg + n - 5, ".uuid") == 0 && strstr(e->msg, "UNIQUE") != NULL) ||
	     (strstr(e->msg, "duplicate key") != NULL && strstr(e->msg, "_uuid_key\"") != NULL))) {
		message(rd, rd->row_line, "uuid: '%s' is already taken", uuid);
		return DK_OK;
	}
	if (rc == DK_EINPUT) {
		refuse(rd, e);
		return DK_OK;
	}
	if (rc != DK_OK)
		*err = *e;
	return rc;
}

/* A date cell in any form the options take (YYYY-MM-DD, today, +3d, ...),
 * written to out; NULL when the cell is empty. 0 (and the row refused)
 * when it is not a date. */
static int date_cell(struct reader *rd, const char *name, char out[DK_DATE_LEN], const char **v)
{
	const char *s = cell(rd, name);
	struct dk_error e;

	*v = NULL;
	if (s == NULL)
		return 1;
	if (dk_date_parse(s, rd->today, out, &e) != DK_OK) {
		message(rd, rd->row_line, "%s: %s", name, e.msg);
		return 0;
	}
	*v = out;
	return 1;
}

/* A key cell (D-n, BP-n, ... or a bare number) as an id; 0 when empty. */
static int key_cell(struct reader *rd, const char *name, const char *prefix, const char *what,
                    int64_t *id)
{
	const char *s = cell(rd, name);
	struct dk_error e;

	*id = 0;
	if (s != NULL && dk_key_parse(s, prefix, what, id, &e) != DK_OK) {
		message(rd, rd->row_line, "%s: %s", name, e.msg);
		return 0;
	}
	return 1;
}

static int row_person(struct reader *rd, struct dk_error *err)
{
	struct dk_person p = {cell(rd, "handle"), cell(rd, "name"), cell(rd, "email"),
	                      cell(rd, "team"), cell(rd, "uuid"), cell(rd, "login")};
	struct dk_error e = {0};

	return outcome(rd, dk_person_insert(rd->db, &p, NULL, &e), &e, err);
}

/* The latest revision has the highest number: revising needs the latest. */
static const char SQL_LATEST_CONTEXT[] =
	"SELECT id FROM context WHERE system = :system ORDER BY revision DESC LIMIT 1";

static int row_context(struct reader *rd, struct dk_error *err)
{
	const char *assum[MAX_ITEMS], *oos[MAX_ITEMS];
	char *a = cell(rd, "assumption") ? strdup(cell(rd, "assumption")) : NULL;
	char *o = cell(rd, "out-of-scope") ? strdup(cell(rd, "out-of-scope")) : NULL;
	struct dk_context_in in;
	struct dk_error e = {0};
	struct dk_stmt *s = NULL;
	int64_t id, latest = 0;
	int found = 0, rc = DK_OK;

	memset(&in, 0, sizeof in);
	in.system = cell(rd, "system");
	in.owner = cell(rd, "owner");
	in.problem = cell(rd, "problem");
	in.model_kind = cell(rd, "model-kind");
	in.deploy_target = cell(rd, "deploy-target");
	in.latency_p95_ms = cell(rd, "latency-p95-ms");
	in.throughput_rps = cell(rd, "throughput-rps");
	in.availability_pct = cell(rd, "availability");
	in.pipelines = cell(rd, "pipelines");
	in.data_gb = cell(rd, "data-gb");
	in.velocity = cell(rd, "velocity");
	in.label_delay_days = cell(rd, "label-delay-days");
	in.team_size = cell(rd, "team-size");
	in.stack = cell(rd, "stack");
	in.cloud = cell(rd, "cloud");
	in.compliance = cell(rd, "compliance");
	in.budget_usd_month = cell(rd, "budget-usd-month");
	in.retrain = cell(rd, "retrain");
	in.uuid = cell(rd, "uuid");
	in.assumptions = assum;
	in.n_assumptions = split_lines(a, assum, MAX_ITEMS);
	in.has_assumptions = 1;
	in.out_of_scope = oos;
	in.n_out_of_scope = split_lines(o, oos, MAX_ITEMS);
	in.has_out_of_scope = 1;
	if (in.n_assumptions >= MAX_ITEMS || in.n_out_of_scope >= MAX_ITEMS) {
		/* the context core takes any number; the import's arrays do not */
		message(rd, rd->row_line, "%s: more than %d items", in.n_assumptions >= MAX_ITEMS ?
		        "assumption" : "out-of-scope", MAX_ITEMS - 1);
		goto out;
	}
	if (!parse_flag(rd, "on-prem", &in.on_prem) ||
	    !parse_flag(rd, "air-gapped", &in.air_gapped) ||
	    !parse_flag(rd, "retrieval", &in.retrieval) ||
	    !parse_flag(rd, "shared-features", &in.shared_features))
		goto out;
	/* gpu is three-valued: empty is "not stated" */
	if (cell(rd, "gpu")) {
		int gpu;
		if (!parse_flag(rd, "gpu", &gpu))
			goto out;
		in.gpu = gpu ? "yes" : "no";
	}
	if (dk_context_check(&in, 1, &e) != DK_OK) {
		refuse(rd, &e);
		goto out;
	}
	/* A system docket already knows gets the row as its next revision,
	 * exactly as written: so an export with revision chains re-imports. */
	if ((rc = dk_stmt_prepare(rd->db, &s, SQL_LATEST_CONTEXT, err)) != DK_OK)
		goto out;
	dk_bind_text(s, ":system", in.system);
	rc = dk_stmt_one_int(s, &latest, &found, err);
	dk_stmt_finalize(&s);
	if (rc != DK_OK)
		goto out;
	if (found) {
		in.system = NULL;
		in.exact = 1;
		rc = dk_context_revise_in_tx(rd->db, latest, &in, &id, &e);
	} else {
		rc = dk_context_insert(rd->db, &in, &id, &e);
	}
	if (rc == DK_EINPUT) {
		refuse(rd, &e);
		rc = DK_OK;
	} else if (rc != DK_OK) {
		*err = e;
	}
out:
	free(a);
	free(o);
	return rc;
}

static int row_risk(struct reader *rd, struct dk_error *err)
{
	struct dk_risk_in in;
	struct dk_error e = {0};

	memset(&in, 0, sizeof in);
	in.title = cell(rd, "title");
	in.owner = cell(rd, "owner");
	in.due = cell(rd, "due");
	in.likelihood = cell(rd, "likelihood");
	in.impact = cell(rd, "impact");
	in.category = cell(rd, "category");
	in.treatment = cell(rd, "treatment");
	in.description = cell(rd, "description");
	in.decision = cell(rd, "decision");
	in.blueprint = cell(rd, "blueprint");
	in.uuid = cell(rd, "uuid");
	return outcome(rd, dk_risk_insert(rd->db, &in, rd->today, NULL, &e), &e, err);
}

static int row_evidence(struct reader *rd, struct dk_error *err)
{
	struct dk_evidence_in in;
	struct dk_error e = {0};
	char collected[DK_DATE_LEN];

	memset(&in, 0, sizeof in);
	in.kind = cell(rd, "kind");
	in.title = cell(rd, "title");
	in.uri = cell(rd, "uri");
	in.file = cell(rd, "file");
	in.summary = cell(rd, "summary");
	in.sha256 = cell(rd, "sha256");
	in.size = cell(rd, "size");
	in.uuid = cell(rd, "uuid");
	if (!date_cell(rd, "collected", collected, &in.collected))
		return DK_OK;
	if (in.collected == NULL)
		in.collected = rd->today; /* as 'evidence add' defaults it */
	return outcome(rd, dk_evidence_insert(rd->db, &in, NULL, &e), &e, err);
}

/* Records that the file's key (D-n of the database it was exported from)
 * became id here, so a later row's supersedes can name it. */
static int remember_key(struct reader *rd, int64_t key, int64_t id, struct dk_error *err)
{
	if (rd->nkeys == rd->capkeys) {
		size_t cap = rd->capkeys ? rd->capkeys * 2 : 256;
		struct key_map *k = realloc(rd->keys, cap * sizeof *k);
		if (k == NULL)
			return dk_fail(err, DK_EDB, "out of memory");
		rd->keys = k;
		rd->capkeys = cap;
	}
	rd->keys[rd->nkeys].from = key;
	rd->keys[rd->nkeys++].to = id;
	return DK_OK;
}

/* supersedes names a decision by its key in the file (an export's D-n):
 * linked when that is an earlier row of the file, else left out, since the
 * number means another record in this database. */
static int link_supersedes(struct reader *rd, int64_t id, int64_t old, struct dk_error *err)
{
	for (size_t i = rd->nkeys; i > 0; i--)
		if (rd->keys[i - 1].from == old)
			return dk_decision_set_supersedes(rd->db, id, rd->keys[i - 1].to, err);
	return DK_OK;
}

/* A link cell: typed links one a line, LABEL|D-n, to a row of the file by
 * its key; kept until every row has an id, so a link may point forward. */
static int keep_links(struct reader *rd, int64_t id)
{
	const char *s = cell(rd, "link");

	while (s && *s) {
		size_t n = strcspn(s, "\n");
		const char *bar = memchr(s, '|', n);
		struct dk_error e;
		char key[40];
		int64_t k;
		size_t kl = bar ? n - (size_t)(bar - s) - 1 : 0;
		if (bar == NULL || bar == s || kl == 0 || kl >= sizeof key) {
			message(rd, rd->row_line, "link: '%.60s' is not LABEL|D-n", s);
			return 0;
		}
		memcpy(key, bar + 1, kl);
		key[kl] = '\0';
		if (kl && key[kl - 1] == '\r')
			key[kl - 1] = '\0';
		if (dk_key_parse(key, "D", "decision", &k, &e) != DK_OK) {
			message(rd, rd->row_line, "link: %s", e.msg);
			return 0;
		}
		dk_buf_addf(&rd->links, "%lld\x1f%lld\x1f%.*s\n", (long long)id, (long long)k,
		            (int)(bar - s), s);
		s += n + (s[n] == '\n');
	}
	return 1;
}

/* The typed links kept by keep_links, to the rows their keys name; a key
 * that is no row of the file is left out, as supersedes is. */
static int make_links(struct reader *rd, struct dk_error *err)
{
	const char *s = dk_buf_str(&rd->links);
	int64_t last = 0, ordinal = 0;
	int rc = DK_OK;

	while (*s && rc == DK_OK) {
		char *end;
		int64_t src = strtoll(s, &end, 10), key = strtoll(end + 1, &end, 10);
		const char *label = end + 1, *nl = strchr(label, '\n');
		char lab[80];
		snprintf(lab, sizeof lab, "%.*s", (int)(nl - label), label);
		ordinal = src == last ? ordinal + 1 : 1;
		last = src;
		for (size_t i = rd->nkeys; i > 0; i--)
			if (rd->keys[i - 1].from == key) {
				rc = dk_adr_link_add(rd->db, src, rd->keys[i - 1].to, lab, ordinal, err);
				break;
			}
		s = nl + 1;
	}
	return rc;
}

/* A decision row. A row that says the decision was already taken (a status
 * other than proposed, decided-on, reason or adr-number) is a record of
 * history and is checked as an imported ADR is: status and date as written,
 * people as free text, options optional. Any other row is checked exactly
 * as 'decision add' checks it. */
static int row_decision(struct reader *rd, struct dk_error *err)
{
	const char *drivers[MAX_ITEMS], *tags[MAX_ITEMS], *specs[MAX_ITEMS];
	struct dk_option_spec parsed[MAX_ITEMS];
	struct dk_option_in opts[MAX_ITEMS];
	char *dbuf = cell(rd, "driver") ? strdup(cell(rd, "driver")) : NULL;
	char *tbuf = cell(rd, "tag") ? strdup(cell(rd, "tag")) : NULL;
	char *obuf = cell(rd, "option") ? strdup(cell(rd, "option")) : NULL;
	struct dk_decision_in in;
	struct dk_error e = {0};
	char review_by[DK_DATE_LEN];
	size_t nspecs, nparsed = 0;
	int64_t adr = 0, old = 0, key = 0, id = 0;
	int rc = DK_OK;

	memset(&in, 0, sizeof in);
	if ((cell(rd, "driver") && !dbuf) || (cell(rd, "tag") && !tbuf) || (cell(rd, "option") && !obuf)) {
		rc = dk_fail(err, DK_EDB, "out of memory");
		goto out;
	}
	in.title = cell(rd, "title");
	in.area = cell(rd, "area");
	in.problem = cell(rd, "problem");
	in.drivers = drivers;
	in.n_drivers = split_lines(dbuf, drivers, MAX_ITEMS);
	in.chosen = cell(rd, "chosen");
	in.rationale = cell(rd, "rationale");
	in.consequences = cell(rd, "consequences");
	in.confirmation = cell(rd, "confirmation");
	in.makers = cell(rd, "makers");
	in.consulted = cell(rd, "consulted");
	in.informed = cell(rd, "informed");
	in.tags = tags;
	in.n_tags = split_lines(tbuf, tags, MAX_ITEMS);
	in.status = cell(rd, "status");
	in.decided_on = cell(rd, "decided-on");
	in.status_reason = cell(rd, "reason");
	in.uuid = cell(rd, "uuid");
	if (!date_cell(rd, "review-by", review_by, &in.review_by) ||
	    !key_cell(rd, "blueprint", "BP", "blueprint", &in.blueprint_id) ||
	    !key_cell(rd, "context", "CTX", "context", &in.context_id) ||
	    !key_cell(rd, "review", "RV", "review", &in.review_id))
		goto out;
	if (cell(rd, "adr-number") &&
	    dk_parse_int("adr-number", cell(rd, "adr-number"), 1, INT64_MAX, &adr, &e) != DK_OK) {
		refuse(rd, &e);
		goto out;
	}
	in.adr_number = adr;
	if ((in.status && strcmp(in.status, "proposed") != 0) || in.decided_on || in.status_reason ||
	    in.adr_number) {
		in.origin = DK_DECISION_IMPORTED;
	} else {
		in.origin = DK_DECISION_NEW;
		in.status = NULL;
	}
	nspecs = split_lines(obuf, specs, MAX_ITEMS);
	for (; nparsed < nspecs; nparsed++) {
		if (dk_option_parse(specs[nparsed], &parsed[nparsed], &e) != DK_OK) {
			dk_option_spec_free(&parsed[nparsed]);
			refuse(rd, &e);
			goto out;
		}
		opts[nparsed] = parsed[nparsed].opt;
	}
	in.options = opts;
	in.n_options = nparsed;
	if (!key_cell(rd, "supersedes", "D", "decision", &old) || !key_cell(rd, "key", "D", "decision", &key))
		goto out;
	rc = dk_decision_insert(rd->db, &in, &id, &e);
	if (rc == DK_OK && !keep_links(rd, id))
		goto out;
	if (rc == DK_OK && old > 0)
		rc = link_supersedes(rd, id, old, &e);
	if (rc == DK_OK && key > 0)
		rc = remember_key(rd, key, id, &e);
	rc = outcome(rd, rc, &e, err);
out:
	for (size_t i = 0; i < nparsed; i++)
		dk_option_spec_free(&parsed[i]);
	free(dbuf);
	free(tbuf);
	free(obuf);
	return rc;
}

static const struct column people_cols[] = {
	{"handle", 1, "unique handle: 1 to 32 of a-z, 0-9, '.', '_', '-'"},
	{"name", 1, "full name"},
	{"email", 0, "email address"},
	{"team", 0, "team"},
	{"login", 0, "login name, so that the person acts under it (one word)"},
	{"uuid", 0, "kept as the record's UUID (a new one when empty)"},
	{"created_at", 0, NULL},
	{"created_by", 0, NULL},
	{NULL, 0, NULL},
};

static const struct column context_cols[] = {
	{"system", 1, "system name; a system docket knows gets the row as a new revision"},
	{"owner", 1, "a person's handle"},
	{"problem", 1, "batch, online or streaming"},
	{"model-kind", 0, "classical (default), deep or llm"},
	{"deploy-target", 0, "server (default) or edge"},
	{"latency-p95-ms", 0, "p95 latency budget in ms"},
	{"throughput-rps", 0, "requests per second"},
	{"availability", 0, "availability target in percent (99.9)"},
	{"data-gb", 0, "data volume in GB"},
	{"velocity", 0, "how fast data arrives, as a rate: 20 GB/day"},
	{"label-delay-days", 0, "days until labels arrive"},
	{"team-size", 0, "people on the team"},
	{"pipelines", 0, "pipelines the system runs"},
	{"stack", 0, "tools in use, comma-separated"},
	{"cloud", 0, "aws, gcp, azure, other or none"},
	{"on-prem", 0, "yes or no (1/0, true/false)"},
	{"air-gapped", 0, "yes or no; yes implies on-prem"},
	{"gpu", 0, "yes or no; empty: not stated (an llm needs one)"},
	{"retrieval", 0, "yes or no: the llm answers from retrieved documents"},
	{"compliance", 0, "regimes, comma-separated"},
	{"budget-usd-month", 0, "monthly budget in USD"},
	{"shared-features", 0, "yes or no"},
	{"retrain", 0, "retraining triggers, comma-separated: none, manual, hourly, daily, weekly, monthly, quarterly, on-drift, on-new-data"},
	{"assumption", 0, "assumptions, one a line"},
	{"out-of-scope", 0, "out-of-scope items, one a line"},
	{"uuid", 0, "kept as the record's UUID"},
	{"key", 0, NULL},
	{"revision", 0, NULL},
	{"supersedes", 0, NULL},
	{"created_at", 0, NULL},
	{"created_by", 0, NULL},
	{NULL, 0, NULL},
};

static const struct column risk_cols[] = {
	{"title", 1, "what could go wrong, in one line"},
	{"owner", 1, "a person's handle"},
	{"due", 0, "a date (YYYY-MM-DD, +3d, ...); empty: the owner's team policy's default"},
	{"likelihood", 1, "1..5"},
	{"impact", 1, "1..5"},
	{"category", 0, "data, model, ops, security, compliance or cost (default ops)"},
	{"treatment", 0, "mitigate, accept, transfer or avoid (default mitigate)"},
	{"description", 0, "details, may span lines"},
	{"decision", 0, "the decision that left it (D-n), in the database imported into"},
	{"blueprint", 0, "the blueprint that left it (BP-n), in the database imported into"},
	{"uuid", 0, "kept as the record's UUID (a new one when empty)"},
	{"key", 0, NULL},
	{"score", 0, NULL},
	{"status", 0, NULL},
	{"asked-by", 0, NULL},
	{"approver", 0, NULL},
	{"accepted-on", 0, NULL},
	{"expires", 0, NULL},
	{"accepted-hash", 0, NULL},
	{"accept-reason", 0, NULL},
	{"closed-on", 0, NULL},
	{"reason", 0, NULL},
	{"team", 0, NULL},
	{"created_at", 0, NULL},
	{"created_by", 0, NULL},
	{NULL, 0, NULL},
};

static const struct column decision_cols[] = {
	{"title", 1, "what was decided, in one line"},
	{"area", 1, "data, training, packaging, serving, monitoring or governance"},
	{"problem", 1, "the context and problem statement"},
	{"option", 0, "options, one a line, each NAME|pro: TEXT|con: TEXT as --option takes "
	              "(needed when proposed)"},
	{"chosen", 0, "the name of one option (needed when proposed)"},
	{"rationale", 0, "why it was chosen (needed when proposed)"},
	{"driver", 0, "decision drivers, one a line"},
	{"consequences", 0, "what follows, good and bad"},
	{"confirmation", 0, "how compliance will be checked"},
	{"makers", 0, "comma-separated; person handles when proposed, names otherwise"},
	{"consulted", 0, "comma-separated names"},
	{"informed", 0, "comma-separated names"},
	{"review-by", 0, "a date (YYYY-MM-DD, +3d, ...)"},
	{"blueprint", 0, "BP-n, in the database imported into"},
	{"context", 0, "CTX-n, in the database imported into"},
	{"review", 0, "RV-n, in the database imported into"},
	{"tag", 0, "tags, one a line"},
	{"status", 0, "proposed (default; checked as 'decision add'), accepted, rejected, "
	              "superseded or deprecated (a decision already taken, kept as written)"},
	{"decided-on", 0, "YYYY-MM-DD; needed for accepted, superseded and deprecated"},
	{"reason", 0, "why it was rejected or deprecated"},
	{"adr-number", 0, "the ADR number it was imported with, unique"},
	{"uuid", 0, "kept as the record's UUID (a new one when empty)"},
	{"key", 0, "the row's key in the file (D-n, as the export writes it), for supersedes"},
	{"supersedes", 0, "the decision it supersedes, by its key in the file: linked when that "
	                  "is an earlier row, else left out"},
	{"link", 0, "typed links (Amends, Relates to, ...), one a line as LABEL|D-n, to a row of "
	            "the file by its key; a key that is no row is left out"},
	{"created_at", 0, NULL},
	{"created_by", 0, NULL},
	{NULL, 0, NULL},
};

static const struct column evidence_cols[] = {
	{"kind", 1, "benchmark, metric, document, link, experiment, incident, review or dryrun"},
	{"title", 1, "what it is, in one line"},
	{"uri", 0, "where it lives"},
	{"file", 0, "a local file to hash (SHA-256 and size); not with sha256"},
	{"summary", 0, "what it shows, may span lines"},
	{"collected", 0, "a date (YYYY-MM-DD, +3d, ...); empty: today"},
	{"sha256", 0, "the artifact's recorded SHA-256, kept as given (with size)"},
	{"size", 0, "the artifact's size in bytes (with sha256)"},
	{"uuid", 0, "kept as the record's UUID (a new one when empty)"},
	{"key", 0, NULL},
	{"created_at", 0, NULL},
	{"created_by", 0, NULL},
	{NULL, 0, NULL},
};

static const struct kind kinds[] = {
	{"people", people_cols, row_person},
	{"contexts", context_cols, row_context},
	{"risks", risk_cols, row_risk},
	{"decisions", decision_cols, row_decision},
	{"evidence", evidence_cols, row_evidence},
};

const char *const dk_import_kind_names[] = {"people", "contexts", "risks", "decisions", "evidence",
                                            NULL};

void dk_import_result_free(struct dk_import_result *r)
{
	dk_buf_free(&r->messages);
}

static void clear_record(struct reader *rd)
{
	for (int i = 0; i < rd->nfields; i++)
		free(rd->fields[i]);
	rd->nfields = 0;
}

static void on_field(void *s, size_t len, void *arg)
{
	struct reader *rd = arg;
	const char *why;
	char *f;

	if (rd->fatal)
		return;
	if (rd->nfields == 0) {
		rd->row_line = rd->line;
		rd->errors_before = rd->res->errors;
	}
	if (rd->nfields >= MAX_COLS) {
		message(rd, rd->row_line, "more than %d fields", MAX_COLS);
		rd->fatal = 1;
		return;
	}
	f = malloc(len + 1);
	if (f == NULL) {
		rd->fatal = 1;
		dk_fail(&rd->err, DK_EDB, "out of memory");
		return;
	}
	memcpy(f, s ? s : "", s ? len : 0);
	f[s ? len : 0] = '\0';
	/* undo the export's formula-injection mark, so an export re-imports exactly */
	if (f[0] == '\'' && dk_csv_unmark(f) != f)
		memmove(f, f + 1, strlen(f));
	rd->fields[rd->nfields++] = f;
	if ((why = dk_text_problem(f, (size_t)-1, 1)) != NULL && strcmp(why, "is not valid UTF-8") == 0)
	{
		if (rd->header_done && rd->nfields <= rd->ncols && rd->map[rd->nfields - 1] >= 0)
			message(rd, rd->line, "%s: is not valid UTF-8",
			        rd->kind->cols[rd->map[rd->nfields - 1]].name);
		else
			message(rd, rd->line, "field %d is not valid UTF-8", rd->nfields);
	}
}

static void header(struct reader *rd)
{
	const struct column *cols = rd->kind->cols;

	rd->ncols = rd->nfields;
	for (int i = 0; i < rd->nfields; i++) {
		rd->map[i] = -1;
		for (int j = 0; cols[j].name; j++)
			if (strcmp(rd->fields[i], cols[j].name) == 0)
				rd->map[i] = j;
		for (int k = 0; k < i; k++)
			if (strcmp(rd->fields[k], rd->fields[i]) == 0) {
				message(rd, rd->row_line, "%s: the column is named twice", rd->fields[i]);
				rd->fatal = 1;
			}
		if (rd->map[i] < 0) {
			message(rd, rd->row_line, "%.60s: not a column of %s (see 'docket import --help')",
			        rd->fields[i], rd->kind->name);
			rd->fatal = 1;
		}
	}
	for (int j = 0; cols[j].name; j++) {
		int present = 0;
		for (int i = 0; i < rd->nfields; i++)
			present |= rd->map[i] == j;
		if (cols[j].required && !present) {
			message(rd, rd->row_line, "%s: a required column is missing", cols[j].name);
			rd->fatal = 1;
		}
	}
}

/* A cell the export cut to fit a spreadsheet is read whole from the row
 * file its marker names. */
static void uncut(struct reader *rd)
{
	for (int i = 0; i < rd->nfields && i < rd->ncols; i++) {
		struct dk_error e = {0};
		char file[128], *whole;
		int rc;

		if (rd->map[i] < 0 || !dk_csv_cut_file(rd->fields[i], file, sizeof file))
			continue;
		rc = dk_csv_cut_resolve(rd->db, rd->path, file, rd->kind->cols[rd->map[i]].name,
		                        rd->fields[i], &whole, &e);
		if (rc == DK_EINPUT) {
			message(rd, rd->row_line, "%s: %s", rd->kind->cols[rd->map[i]].name, e.msg);
		} else if (rc != DK_OK) {
			rd->fatal = 1;
			rd->err = e;
		} else {
			free(rd->fields[i]);
			rd->fields[i] = whole ? whole : strdup("");
			if (rd->fields[i] == NULL) {
				rd->fatal = 1;
				dk_fail(&rd->err, DK_EDB, "out of memory");
			}
		}
	}
}

/* A statement without parameters, prepared once for the connection's
 * life (a parse per row would cost a bulk import 3 of them a row). */
static int run_cached(struct dk_db *db, const char *sql, struct dk_error *err)
{
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_stmt_prepare(db, &s, sql, err)) != DK_OK)
		return rc;
	rc = dk_stmt_step(s, err);
	dk_stmt_finalize(&s);
	return rc == DK_DONE ? DK_OK : rc;
}

/* One row's writes, under a savepoint: a refused row is listed and its
 * writes undone, and reading goes on. SQLite undoes only the refused
 * statement and would go on without it, but PostgreSQL ends the whole
 * transaction at a failed statement unless a savepoint takes it back. */
static int write_row(struct reader *rd)
{
	int64_t errors = rd->res->errors;
	int rc;

	if ((rc = run_cached(rd->db, "SAVEPOINT import_row", &rd->err)) != DK_OK)
		return rc;
	rc = rd->kind->row(rd, &rd->err);
	if (rc == DK_OK && rd->res->errors != errors)
		rc = run_cached(rd->db, "ROLLBACK TO import_row", &rd->err);
	if (rc == DK_OK)
		rc = run_cached(rd->db, "RELEASE import_row", &rd->err);
	return rc;
}

static void on_record(int c, void *arg)
{
	struct reader *rd = arg;
	int rc;

	(void)c;
	if (rd->fatal) {
		clear_record(rd);
		return;
	}
	if (!rd->header_done) {
		header(rd);
		rd->header_done = 1;
	} else if (rd->nfields == 1 && rd->fields[0][0] == '\0') {
		/* a blank line */
	} else if (rd->nfields != rd->ncols) {
		rd->res->rows++;
		message(rd, rd->row_line, "%d fields, the header has %d", rd->nfields, rd->ncols);
	} else {
		rd->res->rows++;
		uncut(rd);
		if (rd->errors_before == rd->res->errors && !rd->fatal) {
			rc = write_row(rd);
			if (rc != DK_OK) {
				rd->fatal = 1;
				if (rd->err.msg[0] == '\0')
					dk_fail(&rd->err, rc, "import stopped at line %ld", rd->row_line);
			}
		}
	}
	clear_record(rd);
}

int dk_import_csv(struct dk_db *db, const char *kind, const char *path, const char *today,
                  int dry_run, struct dk_import_result *r, struct dk_error *err)
{
	struct csv_parser p;
	struct reader rd;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	FILE *f = NULL;
	const char *why;
	int rc = DK_OK;

	memset(r, 0, sizeof *r);
	memset(&rd, 0, sizeof rd);
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].name, kind) == 0)
			rd.kind = &kinds[i];
	if (rd.kind == NULL)
		return dk_fail(err, DK_EINPUT, "'%.40s' is not a kind of import (people, contexts, risks, "
		               "decisions, evidence)", kind);
	if ((rc = dk_date_today(today, rd.today, err)) != DK_OK)
		return rc;
	if ((f = dk_file_open(path, &why)) == NULL)
		return dk_fail(err, DK_EINPUT, "cannot read '%s': %s", path, why);
	rd.db = db;
	rd.path = path;
	rd.res = r;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		fclose(f);
		return dk_fail(err, DK_EDB, "cannot start the CSV parser");
	}
	/* Every row is its own INSERT with triggers, so SQLite keeps a statement
	 * journal per row: in memory, not in a temporary file (that alone is a
	 * third of the time), and a larger page cache for the indexes. Both are
	 * put back when the import ends. */
	dk_db_tune_bulk(db, 1);
	if ((rc = dk_db_begin(db, err)) != DK_OK)
		goto out;
	while (!rd.fatal && (n = getline(&line, &cap, f)) > 0) {
		char *start = line;
		rd.line++;
		if (memchr(line, '\0', (size_t)n) != NULL) {
			message(&rd, rd.line, "the line holds a NUL byte");
			rd.fatal = 1;
			break;
		}
		if (rd.line == 1 && n >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0) {
			start += 3;
			n -= 3;
		}
		if (csv_parse(&p, start, (size_t)n, on_field, on_record, &rd) != (size_t)n) {
			message(&rd, rd.line, "malformed CSV: %s", csv_strerror(csv_error(&p)));
			rd.fatal = 1;
		}
	}
	if (ferror(f)) {
		rc = dk_fail(err, DK_EINPUT, "cannot read '%s': %s", path, strerror(errno));
		goto out;
	}
	if (!rd.fatal && csv_fini(&p, on_field, on_record, &rd) != 0)
		message(&rd, rd.line, "malformed CSV: %s (a quoted field is not closed)",
		        csv_strerror(csv_error(&p)));
	if (!rd.header_done && r->errors == 0)
		message(&rd, 1, "the file is empty: a header row is needed");
	if (rd.err.status != DK_OK) {
		rc = dk_fail(err, rd.err.status, "%s", rd.err.msg);
		goto out;
	}
	if (r->errors > DK_IMPORT_MAX_MESSAGES)
		dk_buf_addf(&r->messages, "%s: and %lld more problems\n", path,
		            (long long)(r->errors - DK_IMPORT_MAX_MESSAGES));
	if (r->errors > 0) {
		rc = dk_fail(err, DK_EINPUT, "%lld problem%s in %s: nothing was imported",
		             (long long)r->errors, r->errors == 1 ? "" : "s", path);
		goto out;
	}
	if ((rc = make_links(&rd, err)) != DK_OK || dry_run)
		goto out;
	if ((rc = dk_db_commit(db, err)) == DK_OK)
		r->written = r->rows;
out:
	dk_db_rollback(db);
	dk_db_tune_bulk(db, 0);
	clear_record(&rd);
	free(rd.keys);
	dk_buf_free(&rd.links);
	csv_free(&p);
	free(line);
	fclose(f);
	return rc;
}

int dk_import_columns(dk_row_fn fn, void *ctx, struct dk_error *err)
{
	int rc;

	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		for (const struct column *c = kinds[i].cols; c->name; c++) {
			struct dk_cell cells[4] = {
				{"kind", kinds[i].name, DK_CELL_TEXT},
				{"column", c->name, DK_CELL_TEXT},
				{"required", c->required ? "yes" : "no", DK_CELL_TEXT},
				{"meaning", c->meaning ? c->meaning : "written by the export; ignored", DK_CELL_TEXT},
			};
			if ((rc = fn(ctx, 4, cells, err)) != DK_OK)
				return rc;
		}
	return DK_OK;
}
