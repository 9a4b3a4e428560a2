/* adr_import.c: a directory of ADR files into the database, every file
 * with its own result: what can be imported is imported, what cannot is
 * refused with its line, and a file edited since its last import updates
 * its decision unless the decision was changed in docket meanwhile. */
#include "docket/adr.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "docket/adr_store.h"
#include "docket/date.h"
#include "docket/db.h"
#include "docket/decision.h"
#include "docket/hash.h"
#include "docket/key.h"

#define ADR_FILE_MAX (1024 * 1024) /* bytes of one ADR file */
#define ADR_DIR_MAX 10000          /* files in one import */
#define ADR_DEPTH_MAX 16           /* directories below the one named */

enum result { R_NONE, R_ADDED, R_UPDATED, R_UNCHANGED, R_SKIPPED, R_REFUSED, R_CONFLICT };

/* One resolved link: the entry or the decision it points at. */
struct target {
	int entry;       /* index of the entry, or -1 */
	int64_t id;      /* the decision, when known */
};

struct entry {
	char file[1001];        /* path under the directory */
	int kind;               /* enum dk_adr_name */
	struct dk_adr a;        /* the parsed record (ADR files that parsed) */
	char sha[DK_SHA256_HEX];
	char mtime[DK_DATE_LEN];
	int64_t id;             /* its decision; 0 while it has none */
	int has_src;
	struct dk_adr_source src;
	int legacy;             /* found by number, imported by an older docket */
	char fp_before[DK_SHA256_HEX];
	int result;
	int wrote;              /* its decision was written by this import */
	struct dk_buf note;     /* why, and the values not in the file */
	struct target to[DK_ADR_MAX_ITEMS]; /* a.links resolved */
};

struct run {
	struct dk_db *db;
	const char *dir;
	const struct dk_adr_import_opts *o;
	struct entry *es;
	size_t n, cap;
	struct dk_error *err;
};

static void say(struct entry *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct entry *e, const char *fmt, ...)
{
	char msg[1200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	dk_buf_addf(&e->note, "%s%s", e->note.len ? "; " : "", msg);
}

static void refuse(struct entry *e, const char *msg)
{
	dk_buf_free(&e->note);
	dk_buf_adds(&e->note, msg);
	e->result = R_REFUSED;
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
		say(e, "a template");
		break;
	case DK_ADR_NAME_INDEX:
		e->result = R_SKIPPED;
		say(e, "an index or README, not an ADR");
		break;
	case DK_ADR_NAME_OTHER:
		e->result = R_SKIPPED;
		say(e, "not named like an ADR (NNNN-title.md, adr-NNN-title.md or YYYYMMDD-title.md)");
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
		if ((rc = add_file(r, sub, kind)) == DK_OK && (stat(full, &st) != 0 || !S_ISREG(st.st_mode))) {
			struct entry *e = &r->es[r->n - 1];
			if (e->result == R_NONE) {
				e->result = R_SKIPPED;
				say(e, "not a regular file");
			}
		}
	}
	closedir(d);
	return rc;
}

/* ---- reading and checking --------------------------------------------- */

static int read_text(const char *path, char **out, struct stat *st, char *why, size_t size)
{
	FILE *f = fopen(path, "rb");
	size_t n;
	char *buf;

	*out = NULL;
	if (f == NULL) {
		snprintf(why, size, "cannot read it: %s", strerror(errno));
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
		say(e, "status %s by default (the file states none)", status);
	}
	if (a->date == NULL && strcmp(a->status, "proposed") != 0) {
		if (r->o->default_date) {
			a->date = r->o->default_date;
			say(e, "date %s from --default-date (the file states none)", a->date);
		} else {
			a->date = e->mtime;
			say(e, "date %s from the file's modification time (the file states none)", a->date);
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
		refuse(e, msg);
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
		refuse(e, perr.msg);
		return;
	}
	if (e->a.notes)
		say(e, "%s", e->a.notes);
	defaults(r, e);
	if (write_decision(r, e, 1, 0, &perr) != DK_OK) {
		char words[700], msg[1800];
		field_words(perr.msg, words, sizeof words);
		snprintf(msg, sizeof msg, "%s: %s", e->file, words);
		refuse(e, msg);
	}
}

/* ---- links ------------------------------------------------------------ */

/* dir of from joined with target, "." and ".." resolved; 0 when it climbs
 * out of the directory. */
static int join(const char *from, const char *target, char *out, size_t size)
{
	char buf[2200], *seg[256];
	const char *slash = strrchr(from, '/');
	size_t n = 0, len = 0;

	if (target[0] == '/')
		return 0;
	snprintf(buf, sizeof buf, "%.*s%s%s", slash ? (int)(slash - from) : 0, from, slash ? "/" : "",
	         target);
	for (char *t = strtok(buf, "/"); t; t = strtok(NULL, "/")) {
		if (strcmp(t, ".") == 0)
			continue;
		if (strcmp(t, "..") == 0) {
			if (n == 0)
				return 0;
			n--;
			continue;
		}
		if (n < 256)
			seg[n++] = t;
	}
	out[0] = '\0';
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(out + len, len < size ? size - len : 0, "%s%s", i ? "/" : "", seg[i]);
	return len < size && n > 0;
}

static int taken(const struct entry *e)
{
	return e->result == R_NONE || e->result == R_ADDED || e->result == R_UPDATED ||
	       e->result == R_UNCHANGED;
}

static int find_entry(struct run *r, const char *file)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->es[i].file, file) == 0)
			return (int)i;
	return -1;
}

/* Resolves link k of e; 0 with a message in why when it cannot be. */
static int resolve(struct run *r, struct entry *e, size_t k, char *why, size_t size)
{
	const struct dk_adr_link *l = &e->a.links[k];
	struct target *t = &e->to[k];
	int found = 0;

	t->entry = -1;
	t->id = 0;
	if (l->target) {
		char path[1100];
		const char *base = strrchr(l->target, '/') ? strrchr(l->target, '/') + 1 : l->target;
		struct dk_adr_source src;
		if (join(e->file, l->target, path, sizeof path) && (t->entry = find_entry(r, path)) >= 0)
			return 1;
		if (join(e->file, l->target, path, sizeof path) &&
		    dk_adr_source_by_file(r->db, path, &src, &found, r->err) == DK_OK && found) {
			t->id = src.decision_id;
			return 1;
		}
		/* a link written from another root: the one file of that name */
		for (size_t i = 0, hits = 0; i < r->n; i++) {
			const char *b = strrchr(r->es[i].file, '/') ? strrchr(r->es[i].file, '/') + 1
			                                            : r->es[i].file;
			if (strcmp(b, base) == 0 && ++hits == 1)
				t->entry = (int)i;
			else if (strcmp(b, base) == 0)
				t->entry = -2;
		}
		if (t->entry >= 0)
			return 1;
		snprintf(why, size, "%s:%d: links to '%.200s', which is neither in the directory nor in "
		         "the database", e->file, l->line, l->target);
		t->entry = -1;
		return 0;
	}
	/* by number: "superseded by ADR-0005" */
	for (size_t i = 0; i < r->n; i++)
		if (r->es[i].kind == DK_ADR_NAME_ADR && r->es[i].result != R_REFUSED &&
		    r->es[i].a.number == l->number) {
			if (t->entry >= 0) {
				snprintf(why, size, "%.300s:%d: links to ADR %lld, which is both %.300s and %.300s", e->file,
				         l->line, (long long)l->number, r->es[t->entry].file, r->es[i].file);
				return 0;
			}
			t->entry = (int)i;
		}
	if (t->entry >= 0)
		return 1;
	if (dk_adr_find_number(r->db, l->number, &t->id, &found, r->err) == DK_OK && found)
		return 1;
	snprintf(why, size, "%s:%d: links to ADR %lld, which is neither in the directory nor in the "
	         "database", e->file, l->line, (long long)l->number);
	return 0;
}

/* A supersession: new supersedes old, as entry indexes (or -1 with ids). */
struct edge {
	int new_e, old_e;
	int64_t new_id, old_id;
	int from;   /* the entry whose file states it */
	int line;
};

static int node_of(const struct run *r, int e, int64_t id)
{
	(void)r;
	return e >= 0 ? e : -1 - (int)(id > 0 && id < 0x3fffffff ? id : 0);
}

/* Edges new -> old from the files and from the database. */
struct graph {
	struct edge *v;
	size_t n, cap;
};

static int add_edge(struct graph *g, struct edge ed)
{
	for (size_t i = 0; i < g->n; i++)
		if (g->v[i].new_e == ed.new_e && g->v[i].old_e == ed.old_e &&
		    g->v[i].new_id == ed.new_id && g->v[i].old_id == ed.old_id)
			return 0;
	if (g->n == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 64;
		struct edge *v = realloc(g->v, cap * sizeof *v);
		if (v == NULL)
			return -1;
		g->v = v;
		g->cap = cap;
	}
	g->v[g->n++] = ed;
	return 0;
}

/* 1 when old reaches new through edges (new -> old): a cycle. path gets
 * the files on the way. */
static int reaches(const struct run *r, const struct graph *g, int from, int to, int depth,
                   struct dk_buf *path)
{
	if (from == to)
		return 1;
	if (depth > 64)
		return 0;
	for (size_t i = 0; i < g->n; i++) {
		const struct edge *ed = &g->v[i];
		if (node_of(r, ed->new_e, ed->new_id) != from)
			continue;
		if (reaches(r, g, node_of(r, ed->old_e, ed->old_id), to, depth + 1, path)) {
			if (ed->old_e >= 0)
				dk_buf_addf(path, " -> %s", r->es[ed->old_e].file);
			return 1;
		}
	}
	return 0;
}

static void mark_cycles(struct run *r, struct graph *g)
{
	for (size_t i = 0; i < g->n; i++) {
		struct edge *ed = &g->v[i];
		struct dk_buf path = {0};
		if (ed->from < 0)
			continue;
		int nn = node_of(r, ed->new_e, ed->new_id), on = node_of(r, ed->old_e, ed->old_id);
		if (nn == on) {
			char msg[1300];
			snprintf(msg, sizeof msg, "%s:%d: supersedes itself", r->es[ed->from].file, ed->line);
			refuse(&r->es[ed->from], msg);
			continue;
		}
		if (reaches(r, g, on, nn, 0, &path)) {
			char msg[2000];
			snprintf(msg, sizeof msg, "%.300s:%d: supersession cycle: %.300s%.1000s", r->es[ed->from].file,
			         ed->line, ed->new_e >= 0 ? r->es[ed->new_e].file : "a decision",
			         dk_buf_str(&path));
			if (ed->new_e >= 0 && r->es[ed->new_e].result != R_REFUSED)
				refuse(&r->es[ed->new_e], msg);
			if (ed->old_e >= 0 && r->es[ed->old_e].result != R_REFUSED)
				refuse(&r->es[ed->old_e], msg);
		}
		dk_buf_free(&path);
	}
}

static const char SQL_DB_EDGES[] =
	"SELECT id, supersedes_id FROM decision WHERE supersedes_id IS NOT NULL";

/* The supersessions the database has, so that a file cannot close a cycle
 * through decisions no file states. */
static int db_edges(struct run *r, struct graph *g)
{
	struct dk_stmt s;
	int rc;

	if ((rc = dk_stmt_prepare(r->db, &s, SQL_DB_EDGES, r->err)) != DK_OK)
		return rc;
	while ((rc = dk_stmt_step(&s, r->err)) == DK_ROW) {
		struct edge ed = {-1, -1, dk_col_int(&s, 0), dk_col_int(&s, 1), -1, 0};
		for (size_t j = 0; j < r->n; j++) {
			if (r->es[j].id == ed.new_id)
				ed.new_e = (int)j;
			if (r->es[j].id == ed.old_id)
				ed.old_e = (int)j;
		}
		if (add_edge(g, ed) != 0) {
			rc = dk_fail(r->err, DK_EDB, "out of memory");
			break;
		}
	}
	dk_stmt_finalize(&s);
	return rc == DK_DONE ? DK_OK : rc;
}

/* Resolves every link of the files still taken, refusing what cannot be
 * linked, and builds the supersession graph. Repeats until no refusal
 * removes a target another file needs. */
static int link_files(struct run *r, struct graph *g)
{
	int rc;

	for (int again = 1; again;) {
		again = 0;
		g->n = 0;
		for (size_t i = 0; i < r->n; i++) {
			struct entry *e = &r->es[i];
			char why[1300];
			if (!taken(e))
				continue;
			for (size_t k = 0; k < e->a.n_links && taken(e); k++) {
				const struct dk_adr_link *l = &e->a.links[k];
				struct edge ed = {0};
				if (!resolve(r, e, k, why, sizeof why)) {
					if (r->err->status != DK_OK)
						return r->err->status;
					if (l->kind == DK_ADR_TYPED) {
						/* a reference, not a supersession: said, and the rest kept */
						if (!strstr(dk_buf_str(&e->note), why))
							say(e, "link not kept: %s", why);
						continue;
					}
					refuse(e, why);
					again = 1;
					break;
				}
				if ((e->to[k].entry == (int)i) || (e->to[k].entry < 0 && e->to[k].id == e->id &&
				                                   e->id != 0)) {
					snprintf(why, sizeof why, "%s:%d: %s itself", e->file, l->line,
					         l->kind == DK_ADR_TYPED ? "links to" : "supersedes");
					refuse(e, why);
					again = 1;
					break;
				}
				if (e->to[k].entry >= 0 && !taken(&r->es[e->to[k].entry]))
					continue; /* said on its row when links are made */
				if (l->kind == DK_ADR_TYPED)
					continue;
				ed.from = (int)i;
				ed.line = l->line;
				if (l->kind == DK_ADR_SUPERSEDES) {
					ed.new_e = (int)i;
					ed.new_id = e->id;
					ed.old_e = e->to[k].entry;
					ed.old_id = e->to[k].entry >= 0 ? r->es[e->to[k].entry].id : e->to[k].id;
				} else {
					ed.old_e = (int)i;
					ed.old_id = e->id;
					ed.new_e = e->to[k].entry;
					ed.new_id = e->to[k].entry >= 0 ? r->es[e->to[k].entry].id : e->to[k].id;
				}
				if (ed.new_e >= 0 && r->es[ed.new_e].id)
					ed.new_id = r->es[ed.new_e].id;
				if (ed.old_e >= 0 && r->es[ed.old_e].id)
					ed.old_id = r->es[ed.old_e].id;
				/* a decision already in the database is known by its entry, if it has one */
				for (size_t j = 0; j < r->n; j++) {
					if (ed.new_e < 0 && ed.new_id && r->es[j].id == ed.new_id)
						ed.new_e = (int)j;
					if (ed.old_e < 0 && ed.old_id && r->es[j].id == ed.old_id)
						ed.old_e = (int)j;
				}
				if (add_edge(g, ed) != 0)
					return dk_fail(r->err, DK_EDB, "out of memory");
			}
		}
		if (!again) {
			size_t before = 0, after = 0;
			if ((rc = db_edges(r, g)) != DK_OK)
				return rc;
			for (size_t i = 0; i < r->n; i++)
				before += r->es[i].result == R_REFUSED;
			mark_cycles(r, g);
			for (size_t i = 0; i < r->n; i++)
				after += r->es[i].result == R_REFUSED;
			again = after != before;
		}
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
		if ((rc = dk_adr_find_number(r->db, e->a.number, &other, &found, r->err)) == DK_EINPUT)
			found = 1;
		else if (rc != DK_OK)
			return rc;
		if (found)
			say(e, "ADR number %lld is another file's too: this one is known by its file",
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
			snprintf(msg, sizeof msg, "%s:%d: status %s -> %s is not a move docket allows "
			         "(proposed -> accepted | rejected; accepted -> superseded | deprecated)",
			         e->file, e->a.status_line, status, e->a.status);
			refuse(e, msg);
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
		refuse(e, msg);
	}
	if (e->result == R_REFUSED && !e->has_src && !e->legacy)
		e->id = 0;
	return DK_OK;
}

/* What becomes of a file the database knows: unchanged, updated or a conflict. */
static int known(struct run *r, struct entry *e)
{
	int rc;

	if ((rc = dk_adr_fingerprint(r->db, e->id, e->fp_before, r->err)) != DK_OK)
		return rc;
	if (e->legacy) {
		/* no record of the last import: the status tells whether they differ */
		char status[16];
		if ((rc = dk_decision_status(r->db, e->id, status, r->err)) != DK_OK)
			return rc;
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
		say(e, "%s: the database says %s and the file %s; D-%lld was imported before docket "
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
		say(e, "%s: the file and D-%lld were both changed since the last import (the decision in "
		    "docket); left as it is (--prefer-file takes the file)", e->file, (long long)e->id);
		return DK_OK;
	}
	e->result = R_UPDATED;
	return store(r, e);
}

static int status_of(struct run *r, int64_t id, char status[16])
{
	return dk_decision_status(r->db, id, status, r->err);
}

static const char SQL_SUPERSEDES_OF[] = "SELECT supersedes_id FROM decision WHERE id = :id";
static const char SQL_SUPERSEDED_BY[] = "SELECT id FROM decision WHERE supersedes_id = :id";
static const char SQL_MARK_SUPERSEDED[] =
	"UPDATE decision SET status = 'superseded' WHERE id = :id AND status = 'accepted'";

static int one(struct run *r, const char *sql, int64_t id, int64_t *v, int *found)
{
	struct dk_stmt s;
	int rc;

	*found = 0;
	*v = 0;
	if ((rc = dk_stmt_prepare(r->db, &s, sql, r->err)) != DK_OK)
		return rc;
	dk_bind_int(&s, ":id", id);
	rc = dk_stmt_one_int(&s, v, found, r->err);
	dk_stmt_finalize(&s);
	if (rc == DK_OK && *found && *v == 0)
		*found = 0; /* NULL */
	return rc;
}

static int64_t id_of(const struct run *r, int e, int64_t id)
{
	return e >= 0 ? r->es[e].id : id;
}

/* new supersedes old: the link, and old's status when it still says
 * accepted. docket keeps one supersession each way in its column; a second
 * one is kept as a typed link by the file that states it. */
static int supersede(struct run *r, const struct edge *ed)
{
	int64_t nid = id_of(r, ed->new_e, ed->new_id), oid = id_of(r, ed->old_e, ed->old_id), cur, by;
	int has_cur, has_by, rc;
	char status[16];

	if (nid == 0 || oid == 0)
		return DK_OK;
	if ((rc = one(r, SQL_SUPERSEDES_OF, nid, &cur, &has_cur)) != DK_OK ||
	    (rc = one(r, SQL_SUPERSEDED_BY, oid, &by, &has_by)) != DK_OK)
		return rc;
	if (!has_cur && !has_by && (rc = dk_decision_set_supersedes(r->db, nid, oid, r->err)) != DK_OK)
		return rc;
	if ((rc = status_of(r, oid, status)) != DK_OK)
		return rc;
	if (strcmp(status, "accepted") == 0) {
		if ((rc = dk_db_exec_id(r->db, SQL_MARK_SUPERSEDED, oid, r->err)) != DK_OK)
			return rc;
		if (ed->old_e >= 0) {
			struct entry *o = &r->es[ed->old_e];
			say(o, "marked superseded: %s supersedes it (its file says %s)",
			    ed->new_e >= 0 ? r->es[ed->new_e].file : "another decision", o->a.status);
			if (o->result == R_UNCHANGED)
				o->wrote = 1;
		}
	}
	return DK_OK;
}

static const char SQL_LINKS_NOW[] =
	"SELECT group_concat(label || char(31) || dst_id, char(30)) FROM "
	"(SELECT label, dst_id FROM decision_link WHERE src_id = :id ORDER BY ordinal)";

/* e's typed links (and supersessions docket keeps no column for), written
 * only when they differ from what the database has. */
static int typed_links(struct run *r, struct entry *e, const struct graph *g)
{
	const char *labels[DK_ADR_MAX_ITEMS * 2];
	int64_t dst[DK_ADR_MAX_ITEMS * 2];
	size_t n = 0;
	struct dk_buf want = {0};
	struct dk_stmt s;
	int rc;

	for (size_t k = 0; k < e->a.n_links; k++) {
		const struct dk_adr_link *l = &e->a.links[k];
		int64_t d = id_of(r, e->to[k].entry, e->to[k].id);
		if (d == 0) {
			if (e->to[k].entry >= 0)
				say(e, "link to %s not made: it was not imported", r->es[e->to[k].entry].file);
			continue;
		}
		if (l->kind == DK_ADR_TYPED) {
			labels[n] = l->label;
			dst[n++] = d;
		} else {
			/* a supersession the column could not hold */
			int sup = l->kind == DK_ADR_SUPERSEDES;
			int64_t cur;
			int has;
			if ((rc = one(r, SQL_SUPERSEDES_OF, sup ? e->id : d, &cur, &has)) != DK_OK)
				return rc;
			if (!(has && cur == (sup ? d : e->id))) {
				labels[n] = sup ? "Supersedes" : "Superseded by";
				dst[n++] = d;
			}
		}
	}
	(void)g;
	for (size_t i = 0; i < n; i++)
		dk_buf_addf(&want, "%s%s\x1f%lld", i ? "\x1e" : "", labels[i], (long long)dst[i]);
	if ((rc = dk_stmt_prepare(r->db, &s, SQL_LINKS_NOW, r->err)) != DK_OK)
		goto out;
	dk_bind_int(&s, ":id", e->id);
	if ((rc = dk_stmt_step(&s, r->err)) == DK_ROW) {
		const char *have = dk_col_text(&s, 0);
		rc = strcmp(have ? have : "", dk_buf_str(&want)) == 0 ? DK_OK : 1;
	}
	dk_stmt_finalize(&s);
	if (rc == 1) {
		rc = dk_adr_links_set(r->db, e->id, labels, dst, n, r->err);
		if (rc == DK_OK && e->result == R_UNCHANGED)
			e->wrote = 1;
	}
out:
	dk_buf_free(&want);
	return rc;
}

static int make_links(struct run *r, const struct graph *g)
{
	int rc = DK_OK;

	for (size_t i = 0; i < g->n && rc == DK_OK; i++) {
		const struct edge *ed = &g->v[i];
		if (ed->from < 0 || (ed->new_e >= 0 && !taken(&r->es[ed->new_e])) ||
		    (ed->old_e >= 0 && !taken(&r->es[ed->old_e])) || !taken(&r->es[ed->from]))
			continue;
		rc = supersede(r, ed);
	}
	for (size_t i = 0; i < r->n && rc == DK_OK; i++)
		if (taken(&r->es[i]) && r->es[i].kind == DK_ADR_NAME_ADR && r->es[i].id)
			rc = typed_links(r, &r->es[i], g);
	return rc;
}

/* Records where each taken file's decision came from and what it was left as. */
static int sources(struct run *r)
{
	int rc = DK_OK;

	for (size_t i = 0; i < r->n && rc == DK_OK; i++) {
		struct entry *e = &r->es[i];
		struct dk_adr_source s;
		char now[DK_SHA256_HEX];
		if (!taken(e) || e->id == 0)
			continue;
		if ((rc = dk_adr_fingerprint(r->db, e->id, now, r->err)) != DK_OK)
			break;
		memset(&s, 0, sizeof s);
		s.decision_id = e->id;
		snprintf(s.file, sizeof s.file, "%s", e->file);
		s.number = e->a.number;
		snprintf(s.file_sha256, sizeof s.file_sha256, "%s", e->sha);
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
		{"key", key, e->id && taken(e) ? DK_CELL_TEXT : DK_CELL_NULL},
		{"adr", num, ok && e->a.number >= 0 ? DK_CELL_INT : DK_CELL_NULL},
		{"file", e->file, DK_CELL_TEXT},
		{"title", ok ? e->a.title : NULL, ok ? DK_CELL_TEXT : DK_CELL_NULL},
		{"status", ok ? e->a.status : NULL, ok && e->a.status ? DK_CELL_TEXT : DK_CELL_NULL},
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

int dk_adr_import(struct dk_db *db, const char *dir, const struct dk_adr_import_opts *o,
                  dk_row_fn fn, void *ctx, struct dk_buf *problems, struct dk_error *err)
{
	struct run r = {db, dir, o, NULL, 0, 0, err};

	err->status = DK_OK;
	err->msg[0] = '\0';
	struct graph g = {0};
	size_t refused = 0, files = 0;
	int rc;

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
		if ((rc = dk_adr_source_by_file(db, e->file, &e->src, &found, err)) != DK_OK)
			break;
		if (found) {
			e->has_src = 1;
			e->id = e->src.decision_id;
		} else if (e->a.number >= 1) {
			if ((rc = dk_adr_unsourced(db, e->a.number, &e->id, &found, err)) != DK_OK)
				break;
			e->legacy = found;
			if (!found)
				e->id = 0;
		}
	}
	if (rc == DK_OK)
		rc = link_files(&r, &g);
	/* decisions, in number order */
	for (size_t i = 0; i < r.n && rc == DK_OK; i++) {
		struct entry *e = &r.es[i];
		if (e->result != R_NONE)
			continue;
		rc = e->id ? known(&r, e) : store(&r, e);
	}
	if (rc == DK_OK)
		rc = make_links(&r, &g);
	if (rc == DK_OK)
		rc = sources(&r);
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
	if (rc == DK_OK && refused)
		rc = dk_fail(err, DK_EFAIL, "%zu of %zu ADR files %s not imported (listed above); the "
		             "rest %s", refused, files, refused == 1 ? "was" : "were",
		             o->dry_run ? "would be" : "were");
out:
	for (size_t i = 0; i < r.n; i++) {
		dk_adr_free(&r.es[i].a);
		dk_buf_free(&r.es[i].note);
	}
	free(r.es);
	free(g.v);
	return rc;
}
