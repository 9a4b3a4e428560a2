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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	for (int i = 0; i < s->nparams; i++)
		free(s->names[i]);
	free(s->names);
	free(s->vals);
	free(s->types);
	free(s->prepared_types);
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
		if (s->vals == NULL || s->types == NULL || s->prepared_types == NULL)
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
	s->types[i - 1] = v != NULL ? type : 0;
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

static PGresult *execute(struct pg_db *q, struct pg_stmt *s)
{
	const char *const *vals = (const char *const *)s->vals;

	if (s->key == NULL)
		return PQexecParams(q->c, s->text, s->nparams, s->types, vals, NULL, NULL, 0);
	if (!prepared_fits(s)) {
		PGresult *r;
		char name[16];

		snprintf(name, sizeof name, "dk%u", q->next_name++);
		r = PQprepare(q->c, name, s->text, s->nparams, s->types);
		if (PQresultStatus(r) != PGRES_COMMAND_OK)
			return r;
		PQclear(r);
		memcpy(s->prepared, name, sizeof name);
		if (s->nparams > 0)
			memcpy(s->prepared_types, s->types, (size_t)s->nparams * sizeof *s->types);
	}
	return PQexecPrepared(q->c, s->prepared, s->nparams, vals, NULL, NULL, 0);
}

int dk_pg_step(struct dk_stmt *stmt, struct dk_error *err)
{
	struct pg_stmt *s = pg_stmt(stmt);
	struct pg_db *q = pg_db(stmt->db);
	int rc;

	if (s->res == NULL) {
		ExecStatusType st;

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
			return dk_db_error(stmt->db, "query", err);
		}
		s->row = -1;
	}
	if (PQresultStatus(s->res) != PGRES_TUPLES_OK)
		return DK_DONE;
	if (s->row + 1 < PQntuples(s->res)) {
		s->row++;
		return DK_ROW;
	}
	s->row = PQntuples(s->res);
	return DK_DONE;
}

static int on_row(struct pg_stmt *s, int i)
{
	return s->res != NULL && s->row >= 0 && s->row < PQntuples(s->res) && i >= 0 &&
	       i < PQnfields(s->res);
}

int dk_pg_col_count(struct dk_stmt *stmt)
{
	struct pg_stmt *s = pg_stmt(stmt);

	return s->res != NULL ? PQnfields(s->res) : 0;
}

const char *dk_pg_col_name(struct dk_stmt *stmt, int i)
{
	struct pg_stmt *s = pg_stmt(stmt);

	return s->res != NULL && i >= 0 && i < PQnfields(s->res) ? PQfname(s->res, i) : NULL;
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

const char *dk_pg_col_text(struct dk_stmt *stmt, int i)
{
	struct pg_stmt *s = pg_stmt(stmt);

	if (!on_row(s, i) || PQgetisnull(s->res, s->row, i))
		return NULL;
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
