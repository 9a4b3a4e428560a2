/* dialect.h: how a statement is spelled for each SQL engine docket runs on.
 *
 * The rule for every module's SQL:
 *
 *   1. Write the statement once, in SQL both SQLite (3.40, Debian 12) and
 *      PostgreSQL 15 accept with the same meaning, as a plain
 *      `static const char SQL_X[]`. Portable spellings that serve both:
 *      CASE WHEN for iif, IS [NOT] DISTINCT FROM for IS [NOT] between two
 *      values, an alias on every subquery in FROM, `x <> 0` for an integer
 *      used as a boolean, RETURNING id for the new row's id, the docket_*
 *      functions the backend defines (docket_now, docket_now_ms, docket_uuid,
 *      docket_actor, docket_sha256, docket_canon_array, docket_canon_object),
 *      CAST(:x AS TEXT) where a parameter's first use gives it no type, and
 *      no LIMIT -1 (bind INT64_MAX for "no limit").
 *   2. Where one spelling cannot serve both, the statement is a
 *      `static const struct dk_sql SQL_X`, beside the portable ones in the
 *      module that owns the table, prepared with
 *      dk_stmt_prepare(db, &s, dk_sql_for(db, &SQL_X), err):
 *        - when only a fragment differs, write the text once as a macro of
 *          the dialect D and use the fragment hooks below as D##_HOOK:
 *            #define SQL_X_TEXT(D) "SELECT " D##_STRAGG("name", "', '") " FROM t"
 *            static const struct dk_sql SQL_X = DK_SQL_BOTH(SQL_X_TEXT);
 *        - when the statement differs as a whole (full-text search), spell
 *          it out: { .sqlite = "...", .postgres = "..." }.
 *   3. A construct with a hook here (GLOB, iif, group_concat, json_each,
 *      json_extract, MATCH, LIMIT -1) never appears outside a .sqlite
 *      spelling: tests/lint/sql_dialect.py (ctest lint_sql_dialect) fails
 *      when it does, and counts the plain and the variant statements.
 *   4. Text hashed or compared byte for byte across engines is built by
 *      docket_canon_* (docket/canon.h), never by an engine's own JSON
 *      functions, whose spacing and number formats differ (the one
 *      exception, adr_store.c's fingerprint, is only ever compared with one
 *      the same engine made).
 *
 * The hooks take SQL text (string literals) and give SQL text. */
#ifndef DOCKET_DIALECT_H
#define DOCKET_DIALECT_H

#include "docket/db.h"

struct dk_sql {
	const char *sqlite;
	const char *postgres;
};

/* Both spellings of a statement written once as a macro of the dialect. */
#define DK_SQL_BOTH(M) {.sqlite = M(DK_SQLITE), .postgres = M(DK_PG)}

/* The spelling for db's engine. Both are static literals (the statement
 * cache keys on the address). */
static inline const char *dk_sql_for(const struct dk_db *db, const struct dk_sql *q)
{
	return dk_db_dialect(db) == DK_DIALECT_POSTGRES ? q->postgres : q->sqlite;
}

/* String aggregation: the values of x joined by sep (an SQL expression,
 * usually a quoted literal), in the order of an ORDER BY inside the
 * aggregate's argument list where the engine allows one. */
#define DK_SQLITE_STRAGG(x, sep) "group_concat(" x ", " sep ")"
#define DK_PG_STRAGG(x, sep) "string_agg((" x ")::text, " sep ")"

/* The elements of the JSON array j as a table alias t with a text column
 * value (and, in SQLite, key: the 0-based index). */
#define DK_SQLITE_JSON_EACH(j, t) "json_each(" j ") " t
#define DK_PG_JSON_EACH(j, t) "json_array_elements_text((" j ")::json) " t "(value)"

/* The text of member key (a bare name) of the JSON object j, NULL if absent. */
#define DK_SQLITE_JSON_TEXT(j, key) "json_extract(" j ", '$." key "')"
#define DK_PG_JSON_TEXT(j, key) "((" j ")::json ->> '" key "')"

/* Whether the text x holds a character outside the class cls (the inside
 * of a bracket expression, e.g. "A-Za-z0-9_.", the same in both engines). */
#define DK_SQLITE_HAS_OUTSIDE(x, cls) "(" x " GLOB '*[^" cls "]*')"
#define DK_PG_HAS_OUTSIDE(x, cls) "(" x " ~ '[^" cls "]')"

/* More hooks: JSON aggregation and paths, planner hints, day counts, full-text ids. */

/* The values of x as the text of a JSON array, in the order ord (an ORDER
 * BY list). SQLite (before 3.44) takes no ORDER BY in an aggregate: there
 * the rows come in the order of the subquery they are read from, which
 * the statement orders by ord. The PostgreSQL spelling gives SQLite's
 * compact text (["a","b"], no spaces), so stored values and their
 * hashes are the same in both, and "[]" for no rows as json_group_array
 * does. */
#define DK_SQLITE_JSON_AGG(x, ord) "json_group_array(" x ")"
#define DK_PG_JSON_AGG(x, ord) \
	"('[' || coalesce(string_agg(to_json(" x ")::text, ',' ORDER BY " ord "), '') || ']')"

/* A JSON array of the one value x, as text. */
#define DK_SQLITE_JSON_ARRAY1(x) "json_array(" x ")"
#define DK_PG_JSON_ARRAY1(x) "(json_build_array(" x ")::text)"

/* The text of the member named by the path p (an SQL expression giving
 * "$.name", as SQLite writes a path) of the JSON object j. */
#define DK_SQLITE_JSON_PATH_TEXT(j, p) "json_extract(" j ", " p ")"
#define DK_PG_JSON_PATH_TEXT(j, p) "((" j ")::json ->> substr(" p ", 3))"

/* x with SQLite's query planner kept from using an index on it (the unary
 * plus); PostgreSQL has no unary plus on text and plans without it. */
#define DK_SQLITE_NOINDEX(x) "+" x
#define DK_PG_NOINDEX(x) x

/* The days from the date b to the date a (text YYYY-MM-DD): a whole
 * number (REAL in SQLite, integer in PostgreSQL), an operand of a
 * comparison or of CAST. */
#define DK_SQLITE_DAYS(a, b) "julianday(" a ") - julianday(" b ")"
#define DK_PG_DAYS(a, b) "((" a ")::date - (" b ")::date)"

/* The ids (rowid) of the rows of the full-text index t that the query q
 * (an SQL expression holding dk_search_query's text for db) matches. On
 * PostgreSQL t is a table kept by triggers as the FTS5 table is: rowid
 * (the record's id), the same text columns, and doc, a tsvector of
 * to_tsvector('simple', the columns joined by spaces). */
#define DK_SQLITE_FTS_IDS(t, q) "SELECT rowid FROM " t " WHERE " t " MATCH " q
#define DK_PG_FTS_IDS(t, q) "SELECT rowid FROM " t " WHERE doc @@ to_tsquery('simple', " q ")"

/* More hooks: characters, ordered aggregates, JSON integers and lengths, whole days. */

/* The character with code n (an integer literal as SQL text), as for a
 * line feed separating a list's items. */
#define DK_SQLITE_CHR(n) "char(" n ")"
#define DK_PG_CHR(n) "chr(" n ")"

/* The order of a D##_STRAGG's values, written after its separator. SQLite
 * 3.40 takes no ORDER BY inside an aggregate but joins the rows in the
 * order its FROM gives them, so the subquery the values come from keeps
 * an ORDER BY of its own for it. */
#define DK_SQLITE_AGG_ORDER(o) ""
#define DK_PG_AGG_ORDER(o) " ORDER BY " o

/* The integer member key (a bare name) of the JSON object j, NULL if
 * absent, to compare with an integer. */
#define DK_SQLITE_JSON_INT(j, key) "json_extract(" j ", '$." key "')"
#define DK_PG_JSON_INT(j, key) "((" j ")::json ->> '" key "')::bigint"

/* Where the text sub first occurs in the text s, from 1; 0 if nowhere. */
#define DK_SQLITE_INSTR(s, sub) "instr(" s ", " sub ")"
#define DK_PG_INSTR(s, sub) "strpos(" s ", " sub ")"

/* The number of elements of the JSON array j (text holding one). */
#define DK_SQLITE_JSON_LENGTH(j) "json_array_length(" j ")"
#define DK_PG_JSON_LENGTH(j) "json_array_length((" j ")::json)"

/* The whole days from the date b to the date a (both YYYY-MM-DD text),
 * NULL if either is. (PostgreSQL goes through text so that a parameter
 * there is a text, as it is where it is compared with other dates.) */
#define DK_SQLITE_WHOLE_DAYS(a, b) "CAST(julianday(" a ") - julianday(" b ") AS INTEGER)"
#define DK_PG_WHOLE_DAYS(a, b) "((" a ")::text::date - (" b ")::text::date)"

#endif
