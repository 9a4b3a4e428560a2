#include "docket/rows.h"

#include <string.h>

#include "docket/db.h"

#define MAX_COLS 64

int dk_rows_emit(struct dk_stmt *s, dk_row_fn fn, void *ctx, struct dk_error *err)
{
	struct dk_cell cells[MAX_COLS];
	char names[MAX_COLS][64];
	int is_json[MAX_COLS];
	int n = sqlite3_column_count(s->st), rc;

	if (n > MAX_COLS)
		return dk_fail(err, DK_EDB, "query has %d columns, more than %d", n, MAX_COLS);
	for (int i = 0; i < n; i++) {
		const char *name = sqlite3_column_name(s->st, i);
		size_t len = strlen(name);
		int json = len > 5 && strcmp(name + len - 5, ":json") == 0;

		if (json)
			len -= 5;
		if (len >= sizeof names[i])
			len = sizeof names[i] - 1;
		memcpy(names[i], name, len);
		names[i][len] = '\0';
		cells[i].name = names[i];
		cells[i].type = json ? DK_CELL_JSON : DK_CELL_TEXT;
		is_json[i] = json; /* the names do not change from row to row */
	}
	while ((rc = dk_stmt_step(s, err)) == DK_ROW) {
		for (int i = 0; i < n; i++) {
			int t = sqlite3_column_type(s->st, i);
			int json = is_json[i];

			cells[i].text = (const char *)sqlite3_column_text(s->st, i);
			if (t == SQLITE_NULL)
				cells[i].type = DK_CELL_NULL;
			else if (json)
				cells[i].type = DK_CELL_JSON;
			else if (t == SQLITE_INTEGER)
				cells[i].type = DK_CELL_INT;
			else if (t == SQLITE_FLOAT)
				cells[i].type = DK_CELL_REAL;
			else
				cells[i].type = DK_CELL_TEXT;
		}
		if ((rc = fn(ctx, n, cells, err)) != DK_OK)
			return rc;
	}
	return rc == DK_DONE ? DK_OK : rc;
}
