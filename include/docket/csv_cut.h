/* docket/csv_cut.h: CSV cells a spreadsheet can hold.
 *
 * Spreadsheets keep at most 32,767 characters (UTF-16 code units) in a
 * cell and silently drop the rest. The audit export cuts a longer cell to
 * what fits, ending in a marker that names a file beside the CSV holding
 * the whole row as JSON; the import reads the cell back from that file, so
 * an export still re-imports exactly.
 *
 * Ownership: outputs are caller-owned buffers; returned pointers point
 * into the caller's string. */
#ifndef DOCKET_CSV_CUT_H
#define DOCKET_CSV_CUT_H

#include <stddef.h>

#include "docket/error.h"
#include "docket/text.h"

#define DK_CSV_CELL_MAX 32767 /* UTF-16 code units a spreadsheet keeps in a cell */

/* The length of UTF-8 text s in UTF-16 code units, as a spreadsheet counts. */
size_t dk_csv_units(const char *s);

/* Appends to out the cut form of s (which needs cutting: more than
 * DK_CSV_CELL_MAX units): its beginning, then a marker naming file (the
 * whole row's JSON, relative to the CSV's directory); at most
 * DK_CSV_CELL_MAX units in all. */
void dk_csv_cut(const char *s, const char *file, struct dk_buf *out);

/* When cell ends in the marker dk_csv_cut writes, copies the file it names
 * into file (cap bytes) and returns 1; else 0. Only a name the export
 * writes (NAME_full/N.json) is taken. */
int dk_csv_cut_file(const char *cell, char *file, size_t cap);

struct dk_db;

/* The whole value of column in the row file (from dk_csv_cut_file) beside
 * csv_path, into *value (caller frees; NULL for a JSON null). DK_EINPUT
 * naming the file when it cannot be read, is not a JSON object, lacks the
 * column, or does not begin with cut, the text the cell kept; *value is
 * then NULL. */
int dk_csv_cut_resolve(struct dk_db *db, const char *csv_path, const char *file,
                       const char *column, const char *cut, char **value,
                       struct dk_error *err);

#endif
