/* adr_export.c: decisions out as ADR files, and the index and graph that
 * adr-tools' 'adr generate toc' and 'adr generate graph' write. */
#include "adr_words.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "docket/adr.h"
#include "docket/db.h"
#include "docket/decision.h"
#include "docket/key.h"

struct ids {
	int64_t *v;
	size_t n;
};

static int collect(void *ctx, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	struct ids *ids = ctx;
	int64_t *v = realloc(ids->v, (ids->n + 1) * sizeof *v);

	(void)ncol;
	if (v == NULL)
		return dk_fail(err, DK_EDB, "out of memory");
	ids->v = v;
	ids->v[ids->n++] = strtoll(cells[0].text, NULL, 10);
	return DK_OK;
}

/* mkdir -p: each missing directory of path, mode 0755 (less the umask). */
static int make_dirs(const char *path, int last, struct dk_error *err)
{
	char buf[4096];
	size_t n = strlen(path);
	struct stat st;

	if (n == 0 || n >= sizeof buf)
		return dk_fail(err, DK_EINPUT, "--dir '%.200s' is not a usable path", path);
	memcpy(buf, path, n + 1);
	for (size_t i = 1; i <= n; i++) {
		if (buf[i] != '/' && buf[i] != '\0')
			continue;
		if (buf[i] == '\0' && !last)
			break;
		buf[i] = '\0';
		if (mkdir(buf, 0755) != 0 && errno != EEXIST)
			return dk_fail(err, DK_EINPUT, "cannot create directory '%.200s': %s", buf,
			               strerror(errno));
		if (stat(buf, &st) != 0 || !S_ISDIR(st.st_mode))
			return dk_fail(err, DK_EINPUT, "'%.200s' is not a directory", buf);
		if (i < n)
			buf[i] = '/';
	}
	return DK_OK;
}

static int write_file(const char *dir, const char *name, const struct dk_buf *b,
                      struct dk_error *err)
{
	char path[4400], tmp[4500];
	const char *slash = strrchr(name, '/');
	FILE *f;
	int rc = DK_OK;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (slash) {
		char sub[4400];
		snprintf(sub, sizeof sub, "%s/%.*s", dir, (int)(slash - name), name);
		if ((rc = make_dirs(sub, 1, err)) != DK_OK)
			return rc;
	}
	/* written beside it and renamed, so a reader never sees half a file */
	snprintf(tmp, sizeof tmp, "%s/%.*s.%s.tmp", dir, slash ? (int)(slash - name + 1) : 0, name,
	         slash ? slash + 1 : name);
	if ((f = fopen(tmp, "w")) == NULL)
		return dk_fail(err, DK_EDB, "cannot write '%.200s': %s", tmp, strerror(errno));
	if (fwrite(b->p ? b->p : "", 1, b->len, f) != b->len) {
		fclose(f);
		rc = -1;
	} else if (fclose(f) != 0) {
		rc = -1;
	}
	if (rc != DK_OK || rename(tmp, path) != 0) {
		int e = errno;
		remove(tmp);
		return dk_fail(err, DK_EDB, "cannot write '%.200s': %s", path, strerror(e));
	}
	return DK_OK;
}

int dk_adr_export(struct dk_db *db, const int64_t *ids, size_t n, const char *dir, int style,
                  dk_row_fn fn, void *ctx, struct dk_error *err)
{
	struct ids all = {NULL, 0};
	char **names = NULL;
	int rc = DK_OK;

	if (n == 0) {
		if ((rc = dk_decision_ids(db, collect, &all, err)) != DK_OK)
			goto out;
		ids = all.v;
		n = all.n;
	}
	for (size_t i = 0; i < n && rc == DK_OK; i++)
		rc = dk_decision_exists(db, ids[i], err);
	if (rc != DK_OK || (rc = make_dirs(dir, 1, err)) != DK_OK)
		goto out;
	if (n && (names = calloc(n, sizeof *names)) == NULL) {
		rc = dk_fail(err, DK_EDB, "out of memory");
		goto out;
	}
	/* every name first: two decisions never share a file, and a refusal
	 * writes nothing */
	for (size_t i = 0; i < n && rc == DK_OK; i++) {
		struct dk_adr a;
		if ((rc = dk_adr_load(db, ids[i], 0, &a, err)) == DK_OK &&
		    (names[i] = strdup(a.file)) == NULL)
			rc = dk_fail(err, DK_EDB, "out of memory");
		for (size_t j = 0; j < i && rc == DK_OK; j++)
			if (strcmp(names[j], names[i]) == 0)
				rc = dk_fail(err, DK_EINPUT, "D-%lld and D-%lld would both be written as "
				             "'%.200s'", (long long)ids[j], (long long)ids[i], names[i]);
		dk_adr_free(&a);
	}
	for (size_t i = 0; i < n && rc == DK_OK; i++) {
		struct dk_adr a;
		struct dk_buf b = {0};
		char key[DK_KEY_LEN];

		if ((rc = dk_adr_load(db, ids[i], 1, &a, err)) == DK_OK &&
		    (rc = dk_adr_write(&a, style, &b, err)) == DK_OK)
			rc = write_file(dir, a.file, &b, err);
		if (rc == DK_OK && fn) {
			struct dk_cell c[2] = {{"key", key, DK_CELL_TEXT}, {"file", a.file, DK_CELL_TEXT}};
			dk_key_format("D", ids[i], key);
			rc = fn(ctx, 2, c, err);
		}
		dk_buf_free(&b);
		dk_adr_free(&a);
	}
out:
	for (size_t i = 0; names && i < n; i++)
		free(names[i]);
	free(names);
	free(all.v);
	return rc;
}

/* One line of the index: "* [N. Title](prefixfile)". */
int dk_adr_toc(struct dk_db *db, const char *prefix, struct dk_buf *out, struct dk_error *err)
{
	struct ids all = {NULL, 0};
	int rc = dk_decision_ids(db, collect, &all, err);

	dk_buf_adds(out, "# Architecture Decision Records\n\n");
	for (size_t i = 0; i < all.n && rc == DK_OK; i++) {
		struct dk_adr a;
		if ((rc = dk_adr_load(db, all.v[i], 0, &a, err)) != DK_OK)
			break;
		if (a.number >= 0)
			dk_buf_addf(out, "* [%lld. %s](%s%s)\n", (long long)a.number, a.title,
			            prefix ? prefix : "", a.file);
		else
			dk_buf_addf(out, "* [%s](%s%s)\n", a.title, prefix ? prefix : "", a.file);
		dk_adr_free(&a);
	}
	free(all.v);
	if (rc == DK_OK && !dk_buf_ok(out))
		rc = dk_fail(err, DK_EDB, "out of memory");
	return rc;
}

/* As 'adr generate graph': a node per decision (labelled "N. Title",
 * linked to its page), dotted edges in number order, and an edge per link
 * its file states ("Supersedes", "Amends", ...; not the "... by" ones,
 * which are the same links seen from their other end). */
int dk_adr_graph(struct dk_db *db, const char *prefix, const char *ext, struct dk_buf *out,
                 struct dk_error *err)
{
	struct ids all = {NULL, 0};
	struct dk_buf edges = {0};
	int rc = dk_decision_ids(db, collect, &all, err);

	dk_buf_adds(out, "digraph {\n  node [shape=plaintext];\n  subgraph {\n");
	for (size_t i = 0; i < all.n && rc == DK_OK; i++) {
		struct dk_adr a;
		char label[300], url[1200];
		const char *dot;
		if ((rc = dk_adr_load(db, all.v[i], 0, &a, err)) != DK_OK)
			break;
		if (a.number >= 0)
			snprintf(label, sizeof label, "%lld. %s", (long long)a.number, a.title);
		else
			snprintf(label, sizeof label, "%s", a.title);
		dot = strrchr(a.file, '.');
		snprintf(url, sizeof url, "%s%.*s%s", prefix ? prefix : "", (int)(dot - a.file), a.file,
		         ext ? ext : ".html");
		dk_buf_addf(out, "    D%lld [label=", (long long)all.v[i]);
		adr_quoted(out, label);
		dk_buf_adds(out, "; URL=");
		adr_quoted(out, url);
		dk_buf_adds(out, "];\n");
		if (i > 0)
			dk_buf_addf(out, "    D%lld -> D%lld [style=\"dotted\", weight=1];\n",
			            (long long)all.v[i - 1], (long long)all.v[i]);
		dk_adr_free(&a);
	}
	dk_buf_adds(out, "  }\n");
	for (size_t i = 0; i < all.n && rc == DK_OK; i++) {
		struct dk_stmt *s = NULL;
		static const char sql[] =
			"SELECT 'Supersedes', supersedes_id FROM decision WHERE id = :id AND supersedes_id IS NOT NULL "
			"UNION ALL SELECT * FROM (SELECT label, dst_id FROM decision_link WHERE src_id = :id"
			"  AND lower(label) NOT LIKE '% by' ORDER BY ordinal) l";
		if ((rc = dk_stmt_prepare(db, &s, sql, err)) != DK_OK)
			break;
		dk_bind_int(s, ":id", all.v[i]);
		while ((rc = dk_stmt_step(s, err)) == DK_ROW) {
			dk_buf_addf(&edges, "  D%lld -> D%lld [label=", (long long)all.v[i],
			            (long long)dk_col_int(s, 1));
			adr_quoted(&edges, dk_col_text(s, 0));
			dk_buf_adds(&edges, ", weight=0];\n");
		}
		dk_stmt_finalize(&s);
		rc = rc == DK_DONE ? DK_OK : rc;
	}
	dk_buf_addf(out, "%s}\n", dk_buf_str(&edges));
	dk_buf_free(&edges);
	free(all.v);
	if (rc == DK_OK && !dk_buf_ok(out))
		rc = dk_fail(err, DK_EDB, "out of memory");
	return rc;
}
