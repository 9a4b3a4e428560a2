/* adr_import.c: a directory of ADR files into the database, every file
 * with its own result: what can be imported is imported, what cannot is
 * refused with its line, and a file edited since its last import updates
 * its decision unless the decision was changed in docket meanwhile. */
#include "adr_import.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "docket/adr.h"
#include "docket/date.h"
#include "docket/db.h"
#include "docket/decision.h"
#include "docket/hash.h"
#include "docket/key.h"
#include "docket/file.h"

#define ADR_FILE_MAX (1024 * 1024) /* bytes of one ADR file */
#define ADR_DIR_MAX 10000          /* files in one import */
#define ADR_DEPTH_MAX 16           /* directories below the one named */

void adr_say(struct entry *e, const char *fmt, ...)
{
	char msg[1200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	dk_buf_addf(&e->note, "%s%s", e->note.len ? "; " : "", msg);
}

void adr_refuse(struct entry *e, const char *msg)
{
	dk_buf_free(&e->note);
	dk_buf_adds(&e->note, msg);
	e->result = R_REFUSED;
}

int adr_taken(const struct entry *e)
{
	return e->result == R_NONE || e->result == R_ADDED || e->result == R_UPDATED ||
	       e->result == R_UNCHANGED;
}

/* ---- finding the files ------------------------------------------------ */

static int add_file(struct run *r, const char *rel, int kind)
{
	struct entry *e;

	if (r->n == ADR_DIR_MAX)
		return dk_fail(r->err, DK_EINPUT, "'%.200s' has more than %d Markdown files", r->dir,
		               ADR_DIR_MAX);
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		if ((e = realloc(r->es, cap * sizeof *e)) == NULL)
			return dk_fail(r->err, DK_EDB, "out of memory");
		r->es = e;
		r->cap = cap;
	}
	e = &r->es[r->n++];
	memset(e, 0, sizeof *e);
	dk_adr_init(&e->a);
	snprintf(e->file, sizeof e->file, "%s", rel);
	e->kind = kind;
	switch (kind) {
	case DK_ADR_NAME_TEMPLATE:
		e->result = R_SKIPPED;
		adr_say(e, "a template");
		break;
	case DK_ADR_NAME_INDEX:
		e->result = R_SKIPPED;
		adr_say(e, "an index or README, not an ADR");
		break;
	case DK_ADR_NAME_OTHER:
		e->result = R_SKIPPED;
		adr_say(e, "not named like an ADR (NNNN-title.md, adr-NNN-title.md or YYYYMMDD-title.md)");
		break;
	}
	return DK_OK;
}

static int scan(struct run *r, const char *rel, int depth)
{
	char path[4096];
	DIR *d;
	struct dirent *de;
	int rc = DK_OK;

	snprintf(path, sizeof path, "%s%s%s", r->dir, *rel ? "/" : "", rel);
	if ((d = opendir(path)) == NULL)
		return dk_fail(r->err, DK_EINPUT, "cannot read directory '%.200s': %s", path,
		               strerror(errno));
	while (rc == DK_OK && (de = readdir(d)) != NULL) {
		char sub[1001], full[4400];
		struct stat st;
		int kind;
		if (de->d_name[0] == '.')
			continue;
		if ((size_t)snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", de->d_name) >=
		    sizeof sub)
			continue;
		snprintf(full, sizeof full, "%s/%s", r->dir, sub);
		if (lstat(full, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			if (r->o->recursive && depth < ADR_DEPTH_MAX)
				rc = scan(r, sub, depth + 1);
			continue;
		}
		if ((kind = dk_adr_name_kind(de->d_name)) == DK_ADR_NAME_IGNORED)
			continue;
		if ((rc = add_file(r, sub, kind)) == DK_OK) {
			struct entry *e = &r->es[r->n - 1];
			e->symlink = S_ISLNK(st.st_mode);
			if (stat(full, &st) != 0 || !S_ISREG(st.st_mode)) {
				if (e->result == R_NONE) {
					e->result = R_SKIPPED;
					adr_say(e, "not a regular file");
				}
			} else {
				e->dev = st.st_dev;
				e->ino = st.st_ino;
			}
		}
	}
	closedir(d);
	return rc;
}

/* One file reached by two names (a symbolic or hard link) is one record:
 * the link is skipped, the file itself kept. */
static void same_files(struct run *r)
{
	for (size_t i = 0; i < r->n; i++)
		for (size_t j = i + 1; j < r->n; j++) {
			struct entry *a = &r->es[i], *b = &r->es[j], *skip;
			if (a->ino == 0 || a->ino != b->ino || a->dev != b->dev || a->result != R_NONE ||
			    b->result != R_NONE)
				continue;
			skip = b->symlink || !a->symlink ? b : a;
			skip->result = R_SKIPPED;
			adr_say(skip, "the same file as %s (a link to it)", skip == b ? a->file : b->file);
		}
}

/* ---- reading and checking --------------------------------------------- */

static int read_text(const char *path, char **out, struct stat *st, char *why, size_t size)
{
	const char *reason;
	FILE *f = dk_file_open(path, &reason);
	size_t n;
	char *buf;

	*out = NULL;
	if (f == NULL) {
		/* the scan skipped what was no regular file; it may have changed since */
		snprintf(why, size, "cannot read it: %s", reason);
		return -1;
	}
	if (fstat(fileno(f), st) != 0 || st->st_size > ADR_FILE_MAX) {
		fclose(f);
		snprintf(why, size, "larger than 1 MB");
		return -1;
	}
	if ((buf = malloc((size_t)st->st_size + 1)) == NULL) {
		fclose(f);
		return -2;
	}
	n = fread(buf, 1, (size_t)st->st_size, f);
	fclose(f);
	buf[n] = '\0';
	if (strlen(buf) != n) {
		free(buf);
		snprintf(why, size, "holds a NUL byte (not a text file)");
		return -1;
	}
	*out = buf;
	return 0;
}

/* The core's option names, as an ADR file's reader knows the fields. */
static void field_words(const char *msg, char *out, size_t size)
{
	static const char *const names[][2] = {
		{"--title", "the title"}, {"--problem", "the Context"}, {"--rationale", "the decision text"},
		{"--option pro", "a pro"}, {"--option con", "a con"}, {"--option", "option"},
		{"--chosen", "the chosen option"}, {"--makers", "decision-makers"},
		{"--consulted", "consulted"}, {"--informed", "informed"}, {"--tag", "tag"},
		{"--driver", "decision driver"}, {"--area", "area"}, {"--review-by", "review-by"},
		{"--consequences", "the Consequences"}, {"--confirmation", "the Confirmation"},
	};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		size_t n = strlen(names[i][0]);
		if (strncmp(msg, names[i][0], n) == 0 && (msg[n] == ' ' || msg[n] == ':')) {
			snprintf(out, size, "%s%s", names[i][1], msg + n);
			return;
		}
	}
	snprintf(out, size, "%s", msg);
}

static void to_input(const struct dk_adr *a, const char *area, struct dk_option_in *opts,
                     struct dk_decision_in *in, struct dk_buf *people)
{
	const char *const *lists[3] = {a->makers, a->consulted, a->informed};
	const size_t ns[3] = {a->n_makers, a->n_consulted, a->n_informed};

	memset(in, 0, sizeof *in);
	in->origin = DK_DECISION_IMPORTED;
	in->title = a->title;
	in->area = a->area ? a->area : area;
	in->problem = a->problem;
	in->drivers = a->drivers;
	in->n_drivers = a->n_drivers;
	for (size_t i = 0; i < a->n_options; i++) {
		opts[i].name = a->options[i].name;
		opts[i].pros = a->options[i].pros;
		opts[i].n_pros = a->options[i].n_pros;
		opts[i].cons = a->options[i].cons;
		opts[i].n_cons = a->options[i].n_cons;
	}
	in->options = opts;
	in->n_options = a->n_options;
	in->chosen = a->chosen;
	in->rationale = a->rationale && *a->rationale ? a->rationale : NULL;
	in->consequences = a->consequences;
	in->confirmation = a->confirmation;
	for (int k = 0; k < 3; k++) {
		/* a comma inside one name would split it: docket keeps lists comma-separated */
		for (size_t i = 0; i < ns[k]; i++)
			dk_buf_addf(&people[k], "%s%s", i ? "," : "", lists[k][i]);
	}
	in->makers = dk_buf_str(&people[0]);
	in->consulted = dk_buf_str(&people[1]);
	in->informed = dk_buf_str(&people[2]);
	in->tags = a->tags;
	in->n_tags = a->n_tags;
	in->review_by = a->review_by;
	in->status = a->status;
	in->decided_on = a->date;
	in->status_reason = a->status_reason;
	in->adr_number = a->number >= 1 ? a->number : 0;
}

/* Writes (or, db NULL, checks) e's decision: insert when id is 0, else
 * replace. adr_number 0 leaves the number to the source row. */
static int write_decision(struct run *r, struct entry *e, int check_only, int64_t adr_number,
                          struct dk_error *err)
{
	struct dk_option_in opts[DK_ADR_MAX_ITEMS];
	struct dk_decision_in in;
	struct dk_buf people[3] = {{0}, {0}, {0}};
	const char *area = r->o->area ? r->o->area : "governance";
	int rc;

	to_input(&e->a, area, opts, &in, people);
	in.adr_number = adr_number;
	if (check_only)
		rc = dk_decision_check(&in, err);
	else if (e->id == 0)
		rc = dk_decision_insert(r->db, &in, &e->id, err);
	else
		rc = dk_decision_replace(r->db, e->id, &in, err);
	for (int k = 0; k < 3; k++)
		dk_buf_free(&people[k]);
	return rc;
}

/* The values a file did not state: the status and the date. */
static void defaults(struct run *r, struct entry *e)
{
	struct dk_adr *a = &e->a;
	const char *status = r->o->default_status ? r->o->default_status : "accepted";

	if (a->status == NULL) {
		a->status = status;
		adr_say(e, "status %s by default (the file states none)", status);
	}
	if (a->date == NULL && strcmp(a->status, "proposed") != 0) {
		if (r->o->default_date) {
			a->date = r->o->default_date;
			adr_say(e, "date %s from --default-date (the file states none)", a->date);
		} else {
			a->date = e->mtime;
			adr_say(e, "date %s from the file's modification time (the file states none)", a->date);
		}
	}
}

static void parse_one(struct run *r, struct entry *e)
{
	char path[4400], why[200], *text = NULL;
	struct stat st;
	struct dk_error perr;
	int rc;

	snprintf(path, sizeof path, "%s/%s", r->dir, e->file);
	if ((rc = read_text(path, &text, &st, why, sizeof why)) != 0) {
		char msg[1300];
		snprintf(msg, sizeof msg, "%s: %s", e->file, rc == -2 ? "out of memory" : why);
		adr_refuse(e, msg);
		return;
	}
	dk_sha256_hex(text, strlen(text), e->sha);
	{
		struct tm tm;
		time_t t = st.st_mtime;
		gmtime_r(&t, &tm);
		strftime(e->mtime, sizeof e->mtime, "%Y-%m-%d", &tm);
	}
	rc = dk_adr_parse(e->file, text, &r->o->map, &e->a, &perr);
	free(text);
	if (rc != DK_OK) {
		adr_refuse(e, perr.msg);
		return;
	}
	if (e->a.notes)
		adr_say(e, "%s", e->a.notes);
}

static const char SQL_DECIDED_ON[] = "SELECT decided_on FROM decision WHERE id = :id";

/* Names docket keeps comma-separated: a comma inside one becomes a blank. */
static void no_commas(struct entry *e, const char **list, size_t n, const char *what)
{
	for (size_t i = 0; i < n; i++) {
		char *c;
		if (list[i] == NULL || strchr(list[i], ',') == NULL)
			continue;
		c = (char *)dk_adr_strndup(&e->a, list[i], strlen(list[i]));
		if (c == NULL)
			continue;
		for (char *w = c, *o = c;; w++) {
			if (*w == ',')
				*w = ' ';
			if (*w == ' ' && o > c && o[-1] == ' ')
				continue;
			*o++ = *w;
			if (*w == '\0')
				break;
		}
		adr_say(e, "%s '%.60s' holds a comma: kept as '%.60s' (docket keeps names "
		        "comma-separated)", what, list[i], c);
		list[i] = c;
	}
}

/* Once the file is known to be new or a decision's: the values it does not
 * state (a known decision keeps its date), then the checks of a decision. */
static int settle(struct run *r, struct entry *e)
{
	struct dk_error perr;
	int rc;

	if (e->id && e->a.date == NULL) {
		struct dk_stmt *s = NULL;
		if ((rc = dk_stmt_prepare(r->db, &s, SQL_DECIDED_ON, r->err)) != DK_OK)
			return rc;
		dk_bind_int(s, ":id", e->id);
		if ((rc = dk_stmt_step(s, r->err)) == DK_ROW && dk_col_text(s, 0))
			e->a.date = dk_adr_strndup(&e->a, dk_col_text(s, 0), strlen(dk_col_text(s, 0)));
		dk_stmt_finalize(&s);
		if (rc != DK_ROW && rc != DK_DONE)
			return rc;
		if (e->a.date)
			adr_say(e, "date %s as before (the file states none)", e->a.date);
	}
	defaults(r, e);
	no_commas(e, e->a.makers, e->a.n_makers, "decision-maker");
	no_commas(e, e->a.consulted, e->a.n_consulted, "consulted");
	no_commas(e, e->a.informed, e->a.n_informed, "informed");
	if (e->a.oom)
		return dk_fail(r->err, DK_EDB, "out of memory");
	if (write_decision(r, e, 1, 0, &perr) != DK_OK) {
		char words[700], msg[1800];
		field_words(perr.msg, words, sizeof words);
		snprintf(msg, sizeof msg, "%s: %s", e->file, words);
		adr_refuse(e, msg);
	}
	return DK_OK;
}

/* ---- writing ---------------------------------------------------------- */

static int savepoint(struct run *r, const char *sql)
{
	return dk_db_exec(r->db, sql, r->err);
}

/* Inserts or updates e's decision as its file says, within a savepoint, so
 * that what the database refuses refuses only this file. */
static int store(struct run *r, struct entry *e)
{
	struct dk_error derr = {0};
	int64_t adr = 0, other = 0;
	int found = 0, rc;

	if (e->id == 0 && e->a.number >= 1) {
		struct dk_error ambiguous;
		/* two files with the number already: taken either way, and no error of the run's */
		rc = dk_adr_find_number(r->db, e->a.number, &other, &found, &ambiguous);
		if (rc == DK_EINPUT) {
			found = 1;
		} else if (rc != DK_OK) {
			*r->err = ambiguous;
			return rc;
		}
		if (found)
			adr_say(e, "ADR number %lld is another file's too: this one is known by its file",
			    (long long)e->a.number);
		else
			adr = e->a.number;
	}
	if (e->id != 0) {
		char status[16];
		if ((rc = dk_decision_status(r->db, e->id, status, r->err)) != DK_OK)
			return rc;
		if (strcmp(status, e->a.status) != 0 &&
		    !dk_decision_transition_allowed(status, e->a.status)) {
			char msg[1300];
			/* the status line, when the file states one */
			snprintf(msg, sizeof msg, "%s%s%.0d: status %s -> %s is not a move docket allows "
			         "(proposed -> accepted | rejected; accepted -> superseded | deprecated)",
			         e->file, e->a.status_line ? ":" : "", e->a.status_line, status, e->a.status);
			adr_refuse(e, msg);
			return DK_OK;
		}
	}
	if ((rc = savepoint(r, "SAVEPOINT adr_file")) != DK_OK)
		return rc;
	rc = write_decision(r, e, 0, adr, &derr);
	if (rc == DK_OK && e->result == R_UPDATED) {
		/* a file whose bytes changed but whose record did not writes nothing */
		char now[DK_SHA256_HEX];
		if ((rc = dk_adr_fingerprint(r->db, e->id, now, r->err)) != DK_OK)
			return rc;
		if (strcmp(now, e->fp_before) == 0) {
			e->result = R_UNCHANGED;
			if ((rc = savepoint(r, "ROLLBACK TO adr_file")) != DK_OK)
				return rc;
			return savepoint(r, "RELEASE adr_file");
		}
	}
	if (rc == DK_OK) {
		e->result = e->result == R_NONE ? R_ADDED : R_UPDATED;
		e->wrote = 1;
		return savepoint(r, "RELEASE adr_file");
	}
	savepoint(r, "ROLLBACK TO adr_file");
	savepoint(r, "RELEASE adr_file");
	if (rc != DK_EINPUT) {
		*r->err = derr;
		return rc;
	}
	{
		char words[700], msg[1800];
		field_words(derr.msg, words, sizeof words);
		snprintf(msg, sizeof msg, "%s: %s", e->file, words);
		adr_refuse(e, msg);
	}
	if (e->result == R_REFUSED && !e->has_src && !e->legacy)
		e->id = 0;
	return DK_OK;
}

static const char SQL_IS_SUPERSEDED[] =
	"SELECT count(*) FROM decision WHERE supersedes_id = :id";

/* A file that says accepted of a decision another one supersedes says
 * what it said when it was written: the supersession stands. */
static int effective_status(struct run *r, struct entry *e, const char *db_status)
{
	int64_t n = 0;
	int found = 0, rc;
	struct dk_stmt *s = NULL;

	if (strcmp(db_status, "superseded") != 0 || strcmp(e->a.status, "accepted") != 0)
		return DK_OK;
	if ((rc = dk_stmt_prepare(r->db, &s, SQL_IS_SUPERSEDED, r->err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", e->id);
	rc = dk_stmt_one_int(s, &n, &found, r->err);
	dk_stmt_finalize(&s);
	if (rc == DK_OK && n > 0) {
		e->a.status = "superseded";
		adr_say(e, "kept superseded: a later decision supersedes it (its file says accepted)");
	}
	return rc;
}

/* What becomes of a file the database knows: unchanged, updated or a conflict. */
static int known(struct run *r, struct entry *e)
{
	char db_status[16];
	int rc;

	if ((rc = dk_decision_status(r->db, e->id, db_status, r->err)) != DK_OK ||
	    (rc = effective_status(r, e, db_status)) != DK_OK)
		return rc;

	if ((rc = dk_adr_fingerprint(r->db, e->id, e->fp_before, r->err)) != DK_OK)
		return rc;
	if (e->legacy) {
		/* no record of the last import: the status tells whether they differ */
		const char *status = db_status;
		if (strcmp(status, e->a.status) == 0) {
			e->result = R_UNCHANGED;
			return DK_OK;
		}
		if (r->o->prefer_file) {
			e->result = R_UPDATED;
			return store(r, e);
		}
		e->result = R_CONFLICT;
		dk_buf_free(&e->note);
		adr_say(e, "%s: the database says %s and the file %s; D-%lld was imported before docket "
		    "kept files (--prefer-file takes the file)", e->file, status, e->a.status,
		    (long long)e->id);
		return DK_OK;
	}
	if (strcmp(e->src.file_sha256, e->sha) == 0) {
		e->result = R_UNCHANGED;
		return DK_OK;
	}
	if (strcmp(e->fp_before, e->src.record_sha256) != 0 && !r->o->prefer_file) {
		e->result = R_CONFLICT;
		dk_buf_free(&e->note);
		if (strcmp(db_status, e->a.status) == 0 ||
		    dk_decision_transition_allowed(db_status, e->a.status))
			adr_say(e, "%s: the file and D-%lld were both changed since the last import; left as it "
			    "is (--prefer-file takes the file)", e->file, (long long)e->id);
		else
			adr_say(e, "%s: the file and D-%lld were both changed since the last import; left as it "
			    "is: D-%lld is %s in docket and the file says %s, which the lifecycle does not "
			    "allow (make the file say %s)", e->file, (long long)e->id, (long long)e->id,
			    db_status, e->a.status, db_status);
		return DK_OK;
	}
	e->result = R_UPDATED;
	return store(r, e);
}

/* Records where each taken file's decision came from and what it was left as. */
static int sources(struct run *r)
{
	int rc = DK_OK;

	for (size_t i = 0; i < r->n && rc == DK_OK; i++) {
		struct entry *e = &r->es[i];
		struct dk_adr_source s;
		char now[DK_SHA256_HEX];
		if (!adr_taken(e) || e->id == 0)
			continue;
		if ((rc = dk_adr_fingerprint(r->db, e->id, now, r->err)) != DK_OK)
			break;
		memset(&s, 0, sizeof s);
		s.decision_id = e->id;
		snprintf(s.file, sizeof s.file, "%s", e->file);
		snprintf(s.collection, sizeof s.collection, "%s", r->collection);
		s.number = e->a.number;
		snprintf(s.file_sha256, sizeof s.file_sha256, "%s", e->sha);
		/* an edit to the file's links alone is an update too */
		if (e->result == R_UNCHANGED && e->has_src && strcmp(e->sha, e->src.file_sha256) &&
		    strcmp(now, e->fp_before))
			e->result = R_UPDATED;
		/* a decision changed in docket keeps the fingerprint of its last import */
		if (e->result == R_UNCHANGED && e->has_src && strcmp(e->fp_before, e->src.record_sha256))
			snprintf(s.record_sha256, sizeof s.record_sha256, "%s", e->src.record_sha256);
		else
			snprintf(s.record_sha256, sizeof s.record_sha256, "%s", now);
		rc = dk_adr_source_put(r->db, &s, r->err);
	}
	return rc;
}

/* ---- rows ------------------------------------------------------------- */

static const char *result_word(int r)
{
	static const char *const words[] = {"added", "added", "updated", "unchanged", "skipped",
	                                    "refused", "conflict"};
	return words[r];
}

static int emit(struct run *r, struct entry *e, dk_row_fn fn, void *ctx)
{
	char key[DK_KEY_LEN], num[24];
	int ok = e->kind == DK_ADR_NAME_ADR && e->a.title;
	struct dk_cell c[7] = {
		{"key", key, e->id && (adr_taken(e) || e->result == R_CONFLICT) ? DK_CELL_TEXT : DK_CELL_NULL},
		{"adr", num, ok && e->a.number >= 0 ? DK_CELL_INT : DK_CELL_NULL},
		{"file", e->file, DK_CELL_TEXT},
		{"title", ok ? e->a.title : NULL, ok ? DK_CELL_TEXT : DK_CELL_NULL},
		{"status", e->status_now[0] ? e->status_now : ok ? e->a.status : NULL,
		 e->status_now[0] || (ok && e->a.status) ? DK_CELL_TEXT : DK_CELL_NULL},
		{"result", result_word(e->result), DK_CELL_TEXT},
		{"note", dk_buf_str(&e->note), e->note.len ? DK_CELL_TEXT : DK_CELL_NULL},
	};

	if (c[0].type == DK_CELL_NULL)
		c[0].text = NULL;
	if (c[1].type == DK_CELL_NULL)
		c[1].text = NULL;
	if (c[6].type == DK_CELL_NULL)
		c[6].text = NULL;
	dk_key_format("D", e->id, key);
	snprintf(num, sizeof num, "%lld", (long long)e->a.number);
	return fn ? fn(ctx, 7, c, r->err) : DK_OK;
}

/* Numbered ADRs in number order, then the rest by file. */
static int by_number(const void *x, const void *y)
{
	const struct entry *a = x, *b = y;
	int64_t na = a->kind == DK_ADR_NAME_ADR ? dk_adr_name_number(strrchr(a->file, '/') ?
	             strrchr(a->file, '/') + 1 : a->file) : DK_ADR_NO_NUMBER;
	int64_t nb = b->kind == DK_ADR_NAME_ADR ? dk_adr_name_number(strrchr(b->file, '/') ?
	             strrchr(b->file, '/') + 1 : b->file) : DK_ADR_NO_NUMBER;
	int ka = a->kind != DK_ADR_NAME_ADR, kb = b->kind != DK_ADR_NAME_ADR;

	if (ka != kb)
		return ka - kb;
	if ((na < 0) != (nb < 0))
		return na < 0 ? 1 : -1;
	if (na != nb)
		return na < nb ? -1 : 1;
	return strcmp(a->file, b->file);
}

/* A file the database knows under another name: the same bytes as a file
 * imported before that is no longer there (renamed, or the directory read
 * from one level up). It is that decision, and its source moves. */
static int moved(struct run *r, struct entry *e)
{
	struct dk_adr_source old;
	int found = 0, rc = dk_adr_source_by_sha(r->db, r->collection, e->sha, &old, &found, r->err);

	if (rc != DK_OK || !found)
		return rc;
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->es[i].file, old.file) == 0 || r->es[i].id == old.decision_id)
			return DK_OK; /* still there, or taken: a copy, which is a new record */
	e->has_src = 1;
	e->src = old;
	e->id = old.decision_id;
	adr_say(e, "moved from %s", old.file);
	return DK_OK;
}

int dk_adr_import(struct dk_db *db, const char *dir, const struct dk_adr_import_opts *o,
                  dk_row_fn fn, void *ctx, struct dk_buf *problems, struct dk_error *err)
{
	struct run r = {db, dir, o, NULL, 0, 0, err, o->collection ? o->collection : ""};
	struct graph g = {0};
	size_t refused = 0, files = 0;
	int rc;

	err->status = DK_OK;
	err->msg[0] = '\0';
	if (o->collection && (rc = dk_check_ident("--collection", o->collection, 64, 0, err)) != DK_OK)
		return rc;
	if (o->area && (rc = dk_check_enum("--area", o->area, dk_decision_areas, err)) != DK_OK)
		return rc;
	if (o->default_status &&
	    (rc = dk_check_enum("--default-status", o->default_status, dk_decision_statuses, err)))
		return rc;
	if (o->default_date && !dk_date_valid(o->default_date))
		return dk_fail(err, DK_EINPUT, "--default-date '%.40s' is not a date (YYYY-MM-DD)",
		               o->default_date);
	for (size_t i = 0; i < o->map.n; i++)
		if ((rc = dk_adr_status_map_check(o->map.pairs[i], err)) != DK_OK)
			return rc;
	if ((rc = scan(&r, "", 0)) != DK_OK)
		goto out;
	if (r.n > 1)
		qsort(r.es, r.n, sizeof *r.es, by_number);
	same_files(&r);
	for (size_t i = 0; i < r.n; i++)
		if (r.es[i].kind == DK_ADR_NAME_ADR && r.es[i].result == R_NONE)
			parse_one(&r, &r.es[i]);
	if ((rc = dk_db_begin(db, err)) != DK_OK)
		goto out;
	/* what the database knows of each file */
	for (size_t i = 0; i < r.n && rc == DK_OK; i++) {
		struct entry *e = &r.es[i];
		int found = 0;
		if (e->result != R_NONE)
			continue;
		if ((rc = dk_adr_source_by_file(db, r.collection, e->file, &e->src, &found, err)) != DK_OK)
			break;
		if (found) {
			e->has_src = 1;
			e->id = e->src.decision_id;
		} else if ((rc = moved(&r, e)) != DK_OK) {
			break;
		} else if (e->has_src) {
			/* found under its old name */
		} else if (e->a.number >= 1) {
			if ((rc = dk_adr_unsourced(db, e->a.number, &e->id, &found, err)) != DK_OK)
				break;
			e->legacy = found;
			if (!found)
				e->id = 0;
		}
	}
	for (size_t i = 0; i < r.n && rc == DK_OK; i++)
		if (r.es[i].result == R_NONE)
			rc = settle(&r, &r.es[i]);
	if (rc == DK_OK)
		rc = adr_link_files(&r, &g);
	/* decisions, in number order */
	for (size_t i = 0; i < r.n && rc == DK_OK; i++) {
		struct entry *e = &r.es[i];
		if (e->result != R_NONE)
			continue;
		rc = e->id ? known(&r, e) : store(&r, e);
	}
	if (rc == DK_OK)
		rc = adr_make_links(&r, &g);
	if (rc == DK_OK)
		rc = sources(&r);
	for (size_t i = 0; i < r.n && rc == DK_OK; i++)
		if (r.es[i].id && (adr_taken(&r.es[i]) || r.es[i].result == R_CONFLICT))
			rc = dk_decision_status(db, r.es[i].id, r.es[i].status_now, err);
	for (size_t i = 0; i < r.n; i++) {
		files += r.es[i].kind == DK_ADR_NAME_ADR;
		if (r.es[i].result == R_REFUSED || r.es[i].result == R_CONFLICT) {
			refused++;
			dk_buf_addf(problems, "%s\n", dk_buf_str(&r.es[i].note));
		}
	}
	if (rc == DK_OK && refused && o->strict) {
		rc = dk_fail(err, DK_EINPUT, "%zu of %zu ADR files refused (--strict): nothing was "
		             "imported", refused, files);
	}
	if (rc == DK_OK && !o->dry_run)
		rc = dk_db_commit(db, err);
	dk_db_rollback(db);
	for (size_t i = 0; i < r.n && rc == DK_OK; i++)
		rc = emit(&r, &r.es[i], fn, ctx);
	if (rc == DK_OK && refused && refused == files)
		rc = dk_fail(err, DK_EFAIL, "none of the %zu ADR files %s imported (listed above)",
		             files, o->dry_run ? "would be" : "was");
	else if (rc == DK_OK && refused)
		rc = dk_fail(err, DK_EFAIL, "%zu of %zu ADR files %s not imported (listed above); the "
		             "other %zu %s", refused, files, o->dry_run ? "would be" : refused == 1 ?
		             "was" : "were", files - refused, o->dry_run ? "would be" : files - refused
		             == 1 ? "was" : "were");
out:
	for (size_t i = 0; i < r.n; i++) {
		dk_adr_free(&r.es[i].a);
		dk_buf_free(&r.es[i].note);
	}
	free(r.es);
	free(g.v);
	return rc;
}
