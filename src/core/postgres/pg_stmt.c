/* pg_stmt.c: prepared statements of the PostgreSQL backend. docket's SQL
 * names its parameters (:name); the server numbers them ($1). A statement
 * is translated once, and run with PQexecParams, or, when cached by the
 * address of its static SQL, prepared on the server at its first run with
 * the types of that run's binds and reused while they stay the same.
 *
 * Every result is read whole: the core runs other statements while it
 * walks the rows of one, and a connection carries one query at a time. */
#include <ctype.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pg_backend.h"
#include "pg_conn.h"

static int name_start(int c) { return isalpha(c) || c == '_'; }
static int name_char(int c) { return isalnum(c) || c == '_'; }

/* The index (1-based) of :name in s, adding it when add; 0 if absent. */
static int name_index(struct pg_stmt *s, const char *name, size_t len, int add)
{
	char **grown;

	for (int i = 0; i < s->nparams; i++)
		if (strlen(s->names[i]) == len && memcmp(s->names[i], name, len) == 0)
			return i + 1;
	if (!add)
		return 0;
	if ((grown = realloc(s->names, (size_t)(s->nparams + 1) * sizeof *grown)) == NULL)
		return -1;
	s->names = grown;
	if ((s->names[s->nparams] = strndup(name, len)) == NULL)
		return -1;
	return ++s->nparams;
}

/* Copies a quoted run (a literal, an identifier, a comment) from *p to out,
 * up to and including its end. */
static const char *skip_quoted(const char *p, int backslash, char **o)
{
	char q = *p;

	*(*o)++ = *p++;
	while (*p) {
		if (backslash && *p == '\\' && p[1]) {
			*(*o)++ = *p++;
			*(*o)++ = *p++;
			continue;
		}
		if (*p == q) {
			*(*o)++ = *p++;
			if (*p != q) /* '' inside a literal is a quote */
				return p;
		}
		*(*o)++ = *p++;
	}
	return p;
}

/* s->text from sql: each :name becomes $n (the same name, the same n);
 * literals, quoted names, comments and :: casts are copied as they are. */
static int translate(struct pg_stmt *s, const char *sql)
{
	size_t n = strlen(sql);
	char *o;
	const char *p = sql;

	/* "$" and up to 5 digits for each ":x" (2 bytes at least): 3x at most */
	if ((s->text = malloc(3 * n + 1)) == NULL)
		return -1;
	o = s->text;
	while (*p) {
		if (*p == '\'' || *p == '"') {
			/* E'...' takes backslash escapes */
			int e = *p == '\'' && p > sql && (p[-1] == 'E' || p[-1] == 'e');
			p = skip_quoted(p, e, &o);
		} else if (p[0] == '-' && p[1] == '-') {
			while (*p && *p != '\n')
				*o++ = *p++;
		} else if (p[0] == '/' && p[1] == '*') {
			const char *end = strstr(p + 2, "*/");
			size_t k = end != NULL ? (size_t)(end + 2 - p) : strlen(p);
			memcpy(o, p, k);
			o += k;
			p += k;
		} else if (p[0] == ':' && p[1] == ':') {
			*o++ = *p++;
			*o++ = *p++;
		} else if (p[0] == ':' && name_start((unsigned char)p[1])) {
			const char *start = p;
			int i;
			p++;
			while (name_char((unsigned char)*p))
				p++;
			if ((i = name_index(s, start, (size_t)(p - start), 1)) < 0)
				return -1;
			o += sprintf(o, "$%d", i);
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
	return 0;
}

static void clear_binds(struct pg_stmt *s)
{
	for (int i = 0; i < s->nparams; i++) {
		free(s->vals[i]);
		s->vals[i] = NULL;
		s->types[i] = 0;
	}
}

static void free_stmt(struct pg_stmt *s)
{
	clear_binds(s);
	PQclear(s->res);
	free(s->reals);
	for (int i = 0; i < s->nparams; i++)
		free(s->names[i]);
	free(s->names);
	free(s->vals);
	free(s->types);
	free(s->prepared_types);
	free(s->forced);
	free(s->text);
	free(s);
}

static struct pg_stmt *new_stmt(struct dk_db *db, const char *sql)
{
	struct pg_stmt *s = calloc(1, sizeof *s);

	if (s == NULL)
		return NULL;
	s->base.db = db;
	s->row = -1;
	if (translate(s, sql) != 0)
		goto fail;
	if (s->nparams > 0) {
		s->vals = calloc((size_t)s->nparams, sizeof *s->vals);
		s->types = calloc((size_t)s->nparams, sizeof *s->types);
		s->prepared_types = calloc((size_t)s->nparams, sizeof *s->prepared_types);
		s->forced = calloc((size_t)s->nparams, sizeof *s->forced);
		if (s->vals == NULL || s->types == NULL || s->prepared_types == NULL ||
		    s->forced == NULL)
			goto fail;
	}
	return s;
fail:
	free_stmt(s);
	return NULL;
}

int dk_pg_prepare(struct dk_db *db, struct dk_stmt **out, const char *sql, int cache,
                  struct dk_error *err)
{
	struct pg_db *q = pg_db(db);
	struct pg_stmt *s;
	int free_slot = -1;

	*out = NULL;
	for (int i = 0; cache && i < PG_STMT_CACHE; i++) {
		if (q->cache[i] == NULL) {
			if (free_slot < 0)
				free_slot = i;
			continue;
		}
		if (!q->cache[i]->in_use && q->cache[i]->key == sql) {
			q->cache[i]->in_use = 1;
			*out = &q->cache[i]->base;
			return DK_OK;
		}
	}
	if ((s = new_stmt(db, sql)) == NULL)
		return dk_fail(err, DK_EDB, "out of memory");
	if (cache && free_slot >= 0) {
		s->key = sql;
		s->in_use = 1;
		q->cache[free_slot] = s;
	}
	*out = &s->base;
	return DK_OK;
}

void dk_pg_reset(struct dk_stmt *stmt)
{
	struct pg_stmt *s = pg_stmt(stmt);

	PQclear(s->res);
	s->res = NULL;
	s->row = -1;
	free(s->reals);
	s->reals = NULL;
	clear_binds(s);
}

void dk_pg_finalize(struct dk_stmt *stmt)
{
	struct pg_stmt *s = pg_stmt(stmt);

	if (s->key != NULL) {
		dk_pg_reset(stmt);
		s->in_use = 0;
		return;
	}
	free_stmt(s);
}

void dk_pg_cache_free(struct dk_db *db)
{
	struct pg_db *q = pg_db(db);

	for (int i = 0; i < PG_STMT_CACHE; i++) {
		if (q->cache[i] != NULL)
			free_stmt(q->cache[i]);
		q->cache[i] = NULL;
	}
}

int dk_pg_param(struct dk_stmt *stmt, const char *name)
{
	return name_index(pg_stmt(stmt), name, strlen(name), 0);
}

/* A bind replaces what was bound; a value that cannot be copied is bound
 * as NULL and found by the NOT NULL or CHECK it then fails, never as
 * another value. */
static void bind(struct pg_stmt *s, int i, char *v, Oid type)
{
	free(s->vals[i - 1]);
	s->vals[i - 1] = v;
	s->types[i - 1] = v != NULL && type != 0 ? type : s->forced[i - 1];
}

/* Text is sent untyped, as a literal would be, so that it may stand for a
 * date, a number or a JSON value where the statement says so; numbers are
 * sent with their types. */
void dk_pg_bind_text(struct dk_stmt *s, int i, const char *v)
{
	bind(pg_stmt(s), i, strdup(v), 0);
}

void dk_pg_bind_int(struct dk_stmt *s, int i, int64_t v)
{
	char buf[24];

	snprintf(buf, sizeof buf, "%" PRId64, v);
	bind(pg_stmt(s), i, strdup(buf), PG_INT8OID);
}

void dk_pg_bind_double(struct dk_stmt *s, int i, double v)
{
	char buf[40];

	/* 17 significant digits read back as the same double */
	snprintf(buf, sizeof buf, "%.17g", v);
	bind(pg_stmt(s), i, strdup(buf), PG_FLOAT8OID);
}

void dk_pg_bind_null(struct dk_stmt *s, int i) { bind(pg_stmt(s), i, NULL, 0); }

/* Whether the statement prepared on the server takes this run's binds: a
 * NULL fits any type, every other value the type it was prepared with. */
static int prepared_fits(const struct pg_stmt *s)
{
	if (s->prepared[0] == '\0')
		return 0;
	for (int i = 0; i < s->nparams; i++)
		if (s->vals[i] != NULL && s->types[i] != s->prepared_types[i])
			return 0;
	return 1;
}

/* The N of "... parameter $N" in the server's message, 0 if none. */
static int param_named(const PGresult *r)
{
	const char *m = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
	const char *d = m != NULL ? strrchr(m, '$') : NULL;

	return d != NULL ? atoi(d + 1) : 0;
}

/* The types the server gives the parameters where it can tell them. A
 * parameter whose first use is "$n IS NULL" (the optional filter, "$n IS
 * NULL OR col = $n") has no type there and the server stops at it; so the
 * statement is described with each "$n IS [NOT] NULL" read as "NULL IS
 * [NOT] NULL", and $n takes the type of its other uses (text if it has
 * none). Fills forced[] for the parameters bound as text or NULL. */
static void infer_types(struct pg_db *q, struct pg_stmt *s)
{
	size_t n = strlen(s->text);
	char *probe = malloc(2 * n + 1), *o = probe; /* "NULL" for "$n": 2 more at most */
	Oid *types = calloc((size_t)s->nparams, sizeof *types);
	unsigned char *seen = calloc((size_t)s->nparams, 1);
	const char *p = s->text;
	PGresult *r;

	if (probe == NULL || types == NULL || seen == NULL)
		goto out;
	while (*p) {
		const char *after, *w;
		int k;

		if (*p != '$' || !isdigit((unsigned char)p[1])) {
			*o++ = *p++;
			continue;
		}
		k = atoi(p + 1);
		for (after = p + 1; isdigit((unsigned char)*after); after++)
			;
		w = after;
		while (*w == ' ' || *w == '\n' || *w == '\t')
			w++;
		if (strncasecmp(w, "IS", 2) == 0 && !name_char((unsigned char)w[2])) {
			const char *x = w + 2;
			while (*x == ' ')
				x++;
			if (strncasecmp(x, "NOT", 3) == 0 && !name_char((unsigned char)x[3]))
				for (x += 3; *x == ' '; x++)
					;
			if (strncasecmp(x, "NULL", 4) == 0 && !name_char((unsigned char)x[4])) {
				memcpy(o, "NULL", 4);
				o += 4;
				p = after;
				continue;
			}
		}
		if (k >= 1 && k <= s->nparams)
			seen[k - 1] = 1;
		memcpy(o, p, (size_t)(after - p));
		o += after - p;
		p = after;
	}
	*o = '\0';
	for (int i = 0; i < s->nparams; i++)
		types[i] = s->types[i] != 0 ? s->types[i] : seen[i] ? 0 : PG_TEXTOID;
	r = PQprepare(q->c, "", probe, s->nparams, types);
	if (PQresultStatus(r) == PGRES_COMMAND_OK) {
		PQclear(r);
		r = PQdescribePrepared(q->c, "");
		if (PQresultStatus(r) == PGRES_COMMAND_OK)
			for (int i = 0; i < s->nparams && i < PQnparams(r); i++)
				if (s->types[i] == 0)
					s->forced[i] = s->types[i] = PQparamtype(r, i);
	}
	PQclear(r);
out:
	free(probe);
	free(types);
	free(seen);
}

/* Prepares s under name with the types of its binds (text untyped, as a
 * literal would be). Where the server cannot tell a parameter's type, it
 * is inferred (infer_types), then taken as text. Inside a transaction the
 * tries are under a savepoint, so a failed prepare leaves the transaction
 * as it was (SQLite's does too); hold keeps the savepoint after a success
 * for the caller to release (a simple query in between would drop the
 * unnamed statement). */
static PGresult *prepare(struct pg_db *q, struct pg_stmt *s, const char *name, int hold)
{
	int in_tx = PQtransactionStatus(q->c) == PQTRANS_INTRANS, inferred = 0, ok = 0;
	PGresult *r = NULL;

	if (in_tx)
		PQclear(PQexec(q->c, "SAVEPOINT dk_prepare"));
	for (int tries = 0; tries <= s->nparams + 1; tries++) {
		const char *state;
		int n;

		PQclear(r);
		r = PQprepare(q->c, name, s->text, s->nparams, s->types);
		if ((ok = PQresultStatus(r) == PGRES_COMMAND_OK))
			break;
		if (in_tx)
			PQclear(PQexec(q->c, "ROLLBACK TO SAVEPOINT dk_prepare"));
		state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
		n = param_named(r);
		/* 42P08 or 42P18: "could not determine data type of parameter $n" */
		if (state == NULL || (strcmp(state, "42P08") != 0 && strcmp(state, "42P18") != 0) ||
		    n < 1 || n > s->nparams || s->types[n - 1] != 0)
			break;
		if (!inferred) {
			inferred = 1;
			infer_types(q, s);
			if (in_tx)
				PQclear(PQexec(q->c, "ROLLBACK TO SAVEPOINT dk_prepare"));
			if (s->types[n - 1] != 0)
				continue;
		}
		s->forced[n - 1] = s->types[n - 1] = PG_TEXTOID;
	}
	if (in_tx && !(ok && hold))
		PQclear(PQexec(q->c, "RELEASE SAVEPOINT dk_prepare"));
	return r;
}

/* Cached statements are prepared on the server under a name of their own
 * and reused while the binds' types fit. The others go unnamed, prepared
 * and run under one savepoint inside a transaction: like SQLite's, a
 * statement that fails leaves the transaction as it was. */
static PGresult *execute(struct pg_db *q, struct pg_stmt *s)
{
	const char *const *vals = (const char *const *)s->vals;
	int hold = s->key == NULL && PQtransactionStatus(q->c) == PQTRANS_INTRANS;
	PGresult *r;

	if (!prepared_fits(s)) {
		char name[16] = "";

		if (s->key != NULL)
			snprintf(name, sizeof name, "dk%u", q->next_name++);
		r = prepare(q, s, name, hold);
		if (PQresultStatus(r) != PGRES_COMMAND_OK)
			return r;
		PQclear(r);
		if (s->key != NULL) {
			memcpy(s->prepared, name, sizeof name);
			if (s->nparams > 0)
				memcpy(s->prepared_types, s->types,
				       (size_t)s->nparams * sizeof *s->types);
		}
	}
	r = PQexecPrepared(q->c, s->prepared, s->nparams, vals, NULL, NULL, 0);
	if (hold) {
		ExecStatusType st = PQresultStatus(r);
		if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
			PQclear(PQexec(q->c, "ROLLBACK TO SAVEPOINT dk_prepare"));
		PQclear(PQexec(q->c, "RELEASE SAVEPOINT dk_prepare"));
	}
	return r;
}

/* Runs the statement with what is bound, keeping its rows in s->res. */
static int run(struct pg_stmt *s, struct dk_error *err)
{
	struct pg_db *q = pg_db(s->base.db);
	ExecStatusType st;
	int rc;

	if ((rc = pg_sync_session(q, err)) != DK_OK)
		return rc;
	s->res = execute(q, s);
	st = PQresultStatus(s->res);
	if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
		pg_keep_error(q, s->res);
		PQclear(s->res);
		s->res = NULL;
		/* a statement the server lost (a failed prepare) is prepared again */
		s->prepared[0] = '\0';
		return dk_db_error(s->base.db, "query", err);
	}
	s->row = -1;
	return DK_OK;
}

int dk_pg_step(struct dk_stmt *stmt, struct dk_error *err)
{
	struct pg_stmt *s = pg_stmt(stmt);
	int rc;

	if (s->res == NULL && (rc = run(s, err)) != DK_OK)
		return rc;
	if (PQresultStatus(s->res) != PGRES_TUPLES_OK)
		return DK_DONE;
	if (s->row + 1 < PQntuples(s->res)) {
		s->row++;
		return DK_ROW;
	}
	s->row = PQntuples(s->res);
	return DK_DONE;
}

/* SQLite knows a statement's columns once it is prepared; the server tells
 * them with its rows. Asked before the first step, the statement runs then
 * (with what is bound: binds come before the columns are asked), and the
 * first step reads its rows. A failure then is the first step's to say:
 * that step runs it again. */
static PGresult *described(struct pg_stmt *s)
{
	if (s->res == NULL)
		run(s, NULL);
	return s->res;
}

static int on_row(struct pg_stmt *s, int i)
{
	return s->res != NULL && s->row >= 0 && s->row < PQntuples(s->res) && i >= 0 &&
	       i < PQnfields(s->res);
}

int dk_pg_col_count(struct dk_stmt *stmt)
{
	PGresult *res = described(pg_stmt(stmt));

	return res != NULL ? PQnfields(res) : 0;
}

const char *dk_pg_col_name(struct dk_stmt *stmt, int i)
{
	PGresult *res = described(pg_stmt(stmt));

	return res != NULL && i >= 0 && i < PQnfields(res) ? PQfname(res, i) : NULL;
}

/* SQLite types each value; PostgreSQL each column. A numeric (sum of
 * integers, say) reads as an integer when it has no fraction, as SQLite's
 * sum() would give it. */
enum dk_col_type dk_pg_col_type(struct dk_stmt *stmt, int i)
{
	struct pg_stmt *s = pg_stmt(stmt);
	const char *v;

	if (!on_row(s, i) || PQgetisnull(s->res, s->row, i))
		return DK_COL_NULL;
	switch (PQftype(s->res, i)) {
	case PG_INT2OID:
	case PG_INT4OID:
	case PG_INT8OID:
	case PG_OIDOID:
	case PG_BOOLOID:
		return DK_COL_INT;
	case PG_FLOAT4OID:
	case PG_FLOAT8OID:
		return DK_COL_REAL;
	case PG_NUMERICOID:
		v = PQgetvalue(s->res, s->row, i);
		return strpbrk(v, ".eEN") != NULL ? DK_COL_REAL : DK_COL_INT;
	case PG_BYTEAOID:
		return DK_COL_BLOB;
	default:
		return DK_COL_TEXT;
	}
}

/* A real as SQLite's text of it reads ("%!.15g": 15 digits, and a ".0"
 * where it would read as an integer: 3000.0, 1.0e+20), so that what docket
 * prints of a real is the same on both engines. */
static void sqlite_real_text(double v, char *buf, size_t n)
{
	char *e;

	if (isinf(v)) {
		snprintf(buf, n, "%s", v > 0 ? "Inf" : "-Inf");
		return;
	}
	snprintf(buf, n, "%.15g", v);
	if (isnan(v) || strchr(buf, '.') != NULL)
		return;
	if ((e = strchr(buf, 'e')) != NULL) {
		char exp[16];
		snprintf(exp, sizeof exp, "%s", e);
		snprintf(e, n - (size_t)(e - buf), ".0%s", exp);
	} else {
		size_t k = strlen(buf);
		snprintf(buf + k, n - k, ".0");
	}
}

const char *dk_pg_col_text(struct dk_stmt *stmt, int i)
{
	struct pg_stmt *s = pg_stmt(stmt);
	Oid t;

	if (!on_row(s, i) || PQgetisnull(s->res, s->row, i))
		return NULL;
	t = PQftype(s->res, i);
	if (t == PG_FLOAT8OID || t == PG_FLOAT4OID) {
		if (s->reals == NULL &&
		    (s->reals = calloc((size_t)PQnfields(s->res), sizeof *s->reals)) == NULL)
			return NULL;
		sqlite_real_text(strtod(PQgetvalue(s->res, s->row, i), NULL), s->reals[i],
		                 sizeof s->reals[i]);
		return s->reals[i];
	}
	return PQgetvalue(s->res, s->row, i);
}

int64_t dk_pg_col_int(struct dk_stmt *stmt, int i)
{
	const char *v = dk_pg_col_text(stmt, i);

	if (v == NULL)
		return 0;
	if (PQftype(pg_stmt(stmt)->res, i) == PG_BOOLOID)
		return v[0] == 't';
	if (strpbrk(v, ".eE") != NULL)
		return (int64_t)strtod(v, NULL);
	return strtoll(v, NULL, 10);
}

double dk_pg_col_double(struct dk_stmt *stmt, int i)
{
	const char *v = dk_pg_col_text(stmt, i);

	if (v == NULL)
		return 0;
	if (PQftype(pg_stmt(stmt)->res, i) == PG_BOOLOID)
		return v[0] == 't';
	return strtod(v, NULL);
}
