/* sqlite_canon.h: docket's canonical text (docket/canon.h) as SQLite functions,
 * for the triggers that write audit rows and for the risk acceptance hash:
 *
 *   docket_canon_array(v1, v2, ...)          [v1,v2,...]
 *   docket_canon_object(k1, v1, k2, v2, ...) {"k1":v1,"k2":v2,...}
 *
 * Each argument is one scalar: NULL, INTEGER, REAL or TEXT, written by the
 * canon rules. A TEXT is always a string, even one that holds JSON (unlike
 * json_array, nothing nests through SQL: the same call must mean the same
 * bytes on every engine). A BLOB, a non-finite REAL, an odd number of
 * arguments to docket_canon_object or a key that is not TEXT is an SQL
 * error, so the statement (and the write that fired a trigger) fails. */
#ifndef DOCKET_SQLITE_CANON_SQL_H
#define DOCKET_SQLITE_CANON_SQL_H

#include <sqlite3.h>

/* Registers both functions on h (deterministic, UTF-8). Returns an SQLite
 * result code; on failure h's error message says why. */
int dk_sqlite_canon_register(sqlite3 *h);

#endif
