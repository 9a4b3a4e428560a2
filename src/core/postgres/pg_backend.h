/* pg_backend.h: the PostgreSQL backend of docket/db.h (libpq), for the
 * store that picks it by the form of the database name. */
#ifndef DOCKET_PG_BACKEND_H
#define DOCKET_PG_BACKEND_H

#include "db_backend.h"

extern const struct dk_backend dk_pg_backend;

/* Whether where names a PostgreSQL database: postgresql:// or postgres://. */
int dk_pg_is_url(const char *where);

/* The statements (pg_stmt.c), for the backend's table. */
int dk_pg_prepare(struct dk_db *db, struct dk_stmt **out, const char *sql, int cache,
                  struct dk_error *err);
void dk_pg_finalize(struct dk_stmt *s);
void dk_pg_reset(struct dk_stmt *s);
int dk_pg_param(struct dk_stmt *s, const char *name);
void dk_pg_bind_text(struct dk_stmt *s, int i, const char *v);
void dk_pg_bind_int(struct dk_stmt *s, int i, int64_t v);
void dk_pg_bind_double(struct dk_stmt *s, int i, double v);
void dk_pg_bind_null(struct dk_stmt *s, int i);
int dk_pg_step(struct dk_stmt *s, struct dk_error *err);
int dk_pg_col_count(struct dk_stmt *s);
const char *dk_pg_col_name(struct dk_stmt *s, int i);
enum dk_col_type dk_pg_col_type(struct dk_stmt *s, int i);
const char *dk_pg_col_text(struct dk_stmt *s, int i);
int64_t dk_pg_col_int(struct dk_stmt *s, int i);
double dk_pg_col_double(struct dk_stmt *s, int i);
/* Frees every statement the connection keeps in its cache. */
void dk_pg_cache_free(struct dk_db *db);

#endif
