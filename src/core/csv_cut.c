#include "docket/csv_cut.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/db.h"

#include "dialect.h"

#define MARK_OPEN "\n[cut by docket export: "
#define MARK_FILE "; the whole row is in "

/* UTF-16 units of one UTF-8 sequence starting with byte c. */
static size_t units(unsigned char c)
{
	if ((c & 0xc0) == 0x80)
		return 0; /* a continuation byte */
	return c >= 0xf0 ? 2 : 1;
}

size_t dk_csv_units(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += units((unsigned char)*s);
	return n;
}

void dk_csv_cut(const char *s, const char *file, struct dk_buf *out)
{
	char mark[400];
	size_t total = dk_csv_units(s), kept = 0, room, m;
	const char *p = s;

	/* the marker says how many characters were kept, which changes its own
	 * length: reserve for the largest count */
	m = (size_t)snprintf(mark, sizeof mark, MARK_OPEN "%d of %zu characters kept" MARK_FILE "%s]",
	                     DK_CSV_CELL_MAX, total, file);
	/* and one for the apostrophe a formula-like beginning gets */
	room = m + 1 < DK_CSV_CELL_MAX ? DK_CSV_CELL_MAX - m - 1 : 0;
	while (*p) {
		size_t u = units((unsigned char)*p), len = 1;
		while ((p[len] & 0xc0) == 0x80)
			len++;
		if (kept + u > room)
			break;
		kept += u;
		p += len;
	}
	dk_buf_add(out, s, (size_t)(p - s));
	dk_buf_addf(out, MARK_OPEN "%zu of %zu characters kept" MARK_FILE "%s]", kept, total, file);
}

int dk_csv_cut_file(const char *cell, char *file, size_t cap)
{
	const char *open = NULL, *name, *p;
	size_t n, stem;

	for (p = cell; (p = strstr(p, MARK_OPEN)) != NULL; p++)
		open = p;
	if (open == NULL || (name = strstr(open, MARK_FILE)) == NULL)
		return 0;
	name += strlen(MARK_FILE);
	n = strlen(name);
	if (n < 2 || name[n - 1] != ']' || n - 1 >= cap)
		return 0;
	n--;
	/* NAME_full/N.json: nothing else, so a marker cannot point elsewhere */
	stem = strspn(name, "abcdefghijklmnopqrstuvwxyz_");
	if (stem < 6 || strncmp(name + stem - 5, "_full", 5) != 0 || name[stem] != '/')
		return 0;
	p = name + stem + 1;
	if (strspn(p, "0123456789") == 0 || strncmp(p + strspn(p, "0123456789"), ".json]", 6) != 0 ||
	    (size_t)(p + strspn(p, "0123456789") + 5 - name) != n)
		return 0;
	memcpy(file, name, n);
	file[n] = '\0';
	return 1;
}

#define WHOLE_MAX (64 * 1024 * 1024) /* a row file larger than this is no export's */

/* CASE, so that malformed JSON is a finding, not an SQL error. PostgreSQL
 * 15 has no test of JSON that does not raise (IS JSON came in 16):
 * docket_json_valid (migrations/postgres/0001) is one, and a row file that
 * is not JSON is cast to nothing. */
static const struct dk_sql SQL_FIELD = {
	.sqlite =
	"SELECT CASE WHEN json_valid(:doc) THEN json_type(:doc) = 'object' ELSE 0 END,"
	"  CASE WHEN json_valid(:doc) THEN json_type(:doc, '$.\"' || replace(:col, '\"', '') || '\"') END,"
	"  CASE WHEN json_valid(:doc) THEN json_extract(:doc, '$.\"' || replace(:col, '\"', '') || '\"') END",
	.postgres =
	"SELECT CASE WHEN json_typeof(d.j) = 'object' THEN 1 ELSE 0 END,"
	"  CASE WHEN json_typeof(d.j) = 'object' THEN json_typeof(d.j -> replace(:col, '\"', '')) END,"
	"  CASE WHEN json_typeof(d.j) = 'object' THEN d.j ->> replace(:col, '\"', '') END "
	"FROM (SELECT CASE WHEN docket_json_valid(CAST(:doc AS TEXT)) THEN CAST(:doc AS TEXT)::json END"
	"      AS j) d",
};

int dk_csv_cut_resolve(struct dk_db *db, const char *csv_path, const char *file,
                       const char *column, const char *cut, char **value,
                       struct dk_error *err)
{
	const char *slash = strrchr(csv_path, '/'), *open = strstr(cut, MARK_OPEN);
	struct dk_buf doc = {0};
	struct dk_stmt *s = NULL;
	char path[4400], chunk[65536];
	size_t n, kept = open ? (size_t)(open - cut) : 0;
	FILE *f;
	int rc;

	*value = NULL;
	snprintf(path, sizeof path, "%.*s%s", slash ? (int)(slash - csv_path + 1) : 0, csv_path, file);
	if ((f = fopen(path, "rb")) == NULL)
		return dk_fail(err, DK_EINPUT, "the cell was cut at export and its row file '%.200s' "
		               "cannot be read: %s", path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && doc.len <= WHOLE_MAX)
		dk_buf_add(&doc, chunk, n);
	fclose(f);
	if (!dk_buf_ok(&doc) || doc.len > WHOLE_MAX) {
		dk_buf_free(&doc);
		return dk_fail(err, DK_EINPUT, "the row file '%.200s' is too large", path);
	}
	if ((rc = dk_stmt_prepare(db, &s, dk_sql_for(db, &SQL_FIELD), err)) != DK_OK) {
		dk_buf_free(&doc);
		return rc;
	}
	dk_bind_text(s, ":doc", dk_buf_str(&doc));
	dk_bind_text(s, ":col", column);
	if ((rc = dk_stmt_step(s, err)) == DK_ROW) {
		const char *v = dk_col_text(s, 2);
		if (dk_col_int(s, 0) != 1)
			rc = dk_fail(err, DK_EINPUT, "the row file '%.200s' is not a JSON object", path);
		else if (dk_col_is_null(s, 1))
			rc = dk_fail(err, DK_EINPUT, "the row file '%.200s' has no column '%.60s'", path,
			             column);
		else if (v != NULL && (strlen(v) < kept || memcmp(v, cut, kept) != 0))
			rc = dk_fail(err, DK_EINPUT, "the row file '%.200s' does not hold this cell's "
			             "text (it begins otherwise)", path);
		else if (v != NULL && (*value = strdup(v)) == NULL)
			rc = dk_fail(err, DK_EDB, "out of memory");
		else
			rc = DK_OK;
	} else if (rc == DK_DONE) {
		rc = dk_fail(err, DK_EDB, "no result reading '%.200s'", path);
	}
	dk_stmt_finalize(&s);
	dk_buf_free(&doc);
	return rc;
}
