#include "docket/rows.h"

#include <string.h>

#include "docket/db.h"

#define MAX_COLS 64

int dk_rows_emit(struct dk_stmt *s, dk_row_fn fn, void *ctx, struct dk_error *err)
{
	struct dk_cell cells[MAX_COLS];
	char names[MAX_COLS][64];
	int is_json[MAX_COLS];
	int n = dk_col_count(s), rc;

	if (n > MAX_COLS)
		return dk_fail(err, DK_EDB, "query has %d columns, more than %d", n, MAX_COLS);
	for (int i = 0; i < n; i++) {
		const char *name = dk_col_name(s, i);
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
			/* the type first: reading the text may convert the value */
			enum dk_col_type t = dk_col_type(s, i);
			int json = is_json[i];

			cells[i].text = dk_col_text(s, i);
			if (t == DK_COL_NULL)
				cells[i].type = DK_CELL_NULL;
			else if (json)
				cells[i].type = DK_CELL_JSON;
			else if (t == DK_COL_INT)
				cells[i].type = DK_CELL_INT;
			else if (t == DK_COL_REAL)
				cells[i].type = DK_CELL_REAL;
			else
				cells[i].type = DK_CELL_TEXT;
		}
		if ((rc = fn(ctx, n, cells, err)) != DK_OK)
			return rc;
	}
	return rc == DK_DONE ? DK_OK : rc;
}
