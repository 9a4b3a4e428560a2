/* cmd_export.c: docket export audit, one CSV file per record kind. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "docket/audit.h"
#include "docket/csv_cut.h"
#include "docket/db.h"
#include "docket/export.h"
#include "docket/hash.h"
#include "docket/text.h"

/* Files written beside the CSVs: the whole rows of cut cells. */
struct extras {
	struct extra {
		char name[96];             /* NAME_full/N.json */
		char hash[DK_SHA256_HEX];
	} *v;
	size_t n, cap;
};

struct sink {
	FILE *f;
	long long rows;
	int kind;          /* index in dk_export_kinds */
	struct ctx *c;
	const char *dir;   /* where the files go */
	struct extras *extras;
};

static FILE *create(struct ctx *c, const char *dir, const char *name);
static int finish(struct ctx *c, FILE *f, const char *dir, const char *name, char hash[DK_SHA256_HEX]);

/* A row with a cell too long for a spreadsheet: the whole row as JSON in
 * NAME_full/N.json (N the row's number in the CSV), named in the cell. */
static int write_whole(struct sink *k, int ncol, const struct dk_cell *cells, char *name,
                       size_t cap)
{
	const char *file = dk_export_kinds[k->kind].file;
	char sub[4200];
	struct extra *e;
	FILE *f;
	int rc;

	snprintf(name, cap, "%.*s_full/%lld.json", (int)(strlen(file) - 4), file, k->rows + 1);
	snprintf(sub, sizeof sub, "%s/%.*s_full", k->dir, (int)(strlen(file) - 4), file);
	if (mkdir(sub, 0700) != 0 && errno != EEXIST)
		return fail(k->c, DK_EDB, "cannot create '%s': %s", sub, strerror(errno));
	if (k->extras->n == k->extras->cap) {
		size_t ncap = k->extras->cap ? 2 * k->extras->cap : 16;
		struct extra *v = realloc(k->extras->v, ncap * sizeof *v);
		if (v == NULL)
			return fail(k->c, DK_EDB, "out of memory");
		k->extras->v = v;
		k->extras->cap = ncap;
	}
	e = &k->extras->v[k->extras->n];
	snprintf(e->name, sizeof e->name, "%s", name);
	if ((f = create(k->c, k->dir, name)) == NULL)
		return k->c->err.status;
	fputc('{', f);
	for (int i = 0; i < ncol; i++) {
		struct dk_buf b = {0};
		dk_buf_json_string(&b, cells[i].name);
		dk_buf_adds(&b, ": ");
		if (cells[i].text == NULL)
			dk_buf_adds(&b, "null");
		else if (cells[i].type == DK_CELL_INT || cells[i].type == DK_CELL_REAL)
			dk_buf_adds(&b, cells[i].text);
		else
			dk_buf_json_string(&b, cells[i].text);
		fprintf(f, "%s%s", i ? ", " : "", dk_buf_str(&b));
		dk_buf_free(&b);
	}
	fputs("}\n", f);
	if ((rc = finish(k->c, f, k->dir, name, e->hash)) == DK_OK)
		k->extras->n++;
	return rc;
}

static int write_row(void *arg, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	struct sink *k = arg;
	char whole[96] = "";
	int rc;

	(void)err;
	for (int i = 0; i < ncol && k->extras; i++)
		if (cells[i].text && strlen(cells[i].text) > DK_CSV_CELL_MAX &&
		    dk_csv_units(cells[i].text) > DK_CSV_CELL_MAX) {
			if ((rc = write_whole(k, ncol, cells, whole, sizeof whole)) != DK_OK)
				return rc;
			break;
		}
	for (int i = 0; i < ncol; i++) {
		struct dk_buf cut = {0};
		const char *v = cells[i].text ? cells[i].text : "";

		if (whole[0] && strlen(v) > DK_CSV_CELL_MAX && dk_csv_units(v) > DK_CSV_CELL_MAX) {
			dk_csv_cut(v, whole, &cut);
			v = dk_buf_str(&cut);
		}
		if (i)
			fputc(',', k->f);
		out_csv_field(k->f, v, (cells[i].type == DK_CELL_TEXT || cells[i].type == DK_CELL_JSON) &&
		              !dk_export_verbatim(k->kind, cells[i].name));
		dk_buf_free(&cut);
	}
	fputs("\r\n", k->f);
	k->rows++;
	return DK_OK;
}

static int dir_is_empty(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int empty = 1;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			empty = 0;
	closedir(d);
	return empty;
}

static FILE *create(struct ctx *c, const char *dir, const char *name)
{
	char path[4200];
	int fd;
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 || (f = fdopen(fd, "w")) == NULL) {
		fail(c, DK_EDB, "cannot create '%s': %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	return f;
}

static int finish(struct ctx *c, FILE *f, const char *dir, const char *name, char hash[DK_SHA256_HEX])
{
	char path[4200];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0) {
		fclose(f);
		return fail(c, DK_EDB, "cannot write '%s': %s", path, strerror(errno));
	}
	if (fclose(f) != 0)
		return fail(c, DK_EDB, "cannot write '%s': %s", path, strerror(errno));
	return dk_sha256_file(path, hash, NULL, &c->err);
}

static void remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct stat st;
	char path[4600];

	if (d != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			/* the export's own NAME_full directories, never a link */
			if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
				remove_tree(path);
			else
				unlink(path);
		}
		closedir(d);
	}
	rmdir(dir);
}

static int run_audit(struct ctx *c, struct args *a)
{
	struct dk_export_filter flt = {NULL, NULL, arg_get(a, "team")};
	char since[DK_DATE_LEN], until[DK_DATE_LEN], out[4096], tmp[4200];
	char hashes[32][DK_SHA256_HEX];
	long long rows[32];
	struct dk_audit_result res;
	struct extras extras = {NULL, 0, 0};
	struct stat st;
	FILE *f, *manifest;
	int rc = DK_OK;

	if (arg_get(a, "out"))
		snprintf(out, sizeof out, "%s", arg_get(a, "out"));
	else
		snprintf(out, sizeof out, "docket-audit-%s", c->today);
	/* "dir/" names dir: without the slash, lstat sees a link as a link */
	for (size_t n = strlen(out); n > 1 && out[n - 1] == '/'; n--)
		out[n - 1] = '\0';
	if (out[0] == '\0')
		return fail(c, DK_EINPUT, "--out is empty (give a new or empty directory)");
	if (arg_get(a, "since") && (rc = date_opt(c, "--since", arg_get(a, "since"), since)) != DK_OK)
		return rc;
	if (arg_get(a, "until") && (rc = date_opt(c, "--until", arg_get(a, "until"), until)) != DK_OK)
		return rc;
	flt.since = arg_get(a, "since") ? since : NULL;
	flt.until = arg_get(a, "until") ? until : NULL;
	if (flt.since && flt.until && strcmp(flt.since, flt.until) > 0)
		return fail(c, DK_EINPUT, "--since %s is after --until %s", flt.since, flt.until);
	if (flt.team && (rc = dk_check_ident("--team", flt.team, 64, 0, &c->err)) != DK_OK)
		return rc;
	/* the rename below would not follow a link: refuse one, even dangling */
	if (lstat(out, &st) == 0 && S_ISLNK(st.st_mode))
		return fail(c, DK_EINPUT, "--out '%s' is a symbolic link (give a new or empty directory)",
		            out);
	if (stat(out, &st) == 0 && !(S_ISDIR(st.st_mode) && dir_is_empty(out)))
		return fail(c, DK_EINPUT, "--out '%s' exists and is not an empty directory", out);
	/* Write into a new directory beside the target, then rename it into
	 * place: a failed export leaves nothing that looks complete. */
	snprintf(tmp, sizeof tmp, "%s.partial-XXXXXX", out);
	if (mkdtemp(tmp) == NULL)
		return fail(c, DK_EDB, "cannot create a directory beside '%s': %s", out, strerror(errno));
	if ((rc = dk_db_read_begin(c->db, &c->err)) != DK_OK)
		goto fail;
	for (int i = 0; i < dk_export_kind_count; i++) {
		struct sink k = {NULL, 0, i, c, tmp, &extras};

		if ((k.f = create(c, tmp, dk_export_kinds[i].file)) == NULL) {
			rc = c->err.status;
			goto fail;
		}
		rc = dk_export_header(c->db, i, write_row, &k, &c->err);
		k.rows = 0;
		if (rc == DK_OK)
			rc = dk_export_rows(c->db, i, &flt, write_row, &k, &c->err);
		if (rc != DK_OK) {
			fclose(k.f);
			goto fail;
		}
		rows[i] = k.rows;
		if ((rc = finish(c, k.f, tmp, dk_export_kinds[i].file, hashes[i])) != DK_OK)
			goto fail;
	}
	if ((rc = dk_audit_verify(c->db, &res, &c->err)) != DK_OK)
		goto fail;
	dk_db_read_end(c->db);
	if ((f = create(c, tmp, "audit_head.txt")) == NULL) {
		rc = c->err.status;
		goto fail;
	}
	fprintf(f, "%s\n", res.broken_seq ? "broken" : res.head[0] ? res.head : "empty");
	if ((rc = finish(c, f, tmp, "audit_head.txt", hashes[dk_export_kind_count])) != DK_OK)
		goto fail;
	rows[dk_export_kind_count] = 1;
	if ((manifest = create(c, tmp, "MANIFEST.csv")) == NULL) {
		rc = c->err.status;
		goto fail;
	}
	fputs("file,rows,sha256\r\n", manifest);
	for (int i = 0; i <= dk_export_kind_count; i++)
		fprintf(manifest, "%s,%lld,%s\r\n",
		        i < dk_export_kind_count ? dk_export_kinds[i].file : "audit_head.txt", rows[i],
		        hashes[i]);
	for (size_t i = 0; i < extras.n; i++)
		fprintf(manifest, "%s,1,%s\r\n", extras.v[i].name, extras.v[i].hash);
	if ((rc = finish(c, manifest, tmp, "MANIFEST.csv", hashes[dk_export_kind_count + 1])) != DK_OK)
		goto fail;
	if (stat(out, &st) == 0)
		rmdir(out);
	if (rename(tmp, out) != 0) {
		rc = fail(c, DK_EDB, "cannot rename '%s' to '%s': %s", tmp, out, strerror(errno));
		goto fail;
	}
	out_list(c->out, NULL);
	for (int i = 0; i <= dk_export_kind_count; i++) {
		char n[32];
		snprintf(n, sizeof n, "%lld", rows[i]);
		out_row(c->out, 3, (struct dk_cell[]){
			{"file", i < dk_export_kind_count ? dk_export_kinds[i].file : "audit_head.txt", DK_CELL_TEXT},
			{"rows", n, DK_CELL_INT}, {"sha256", hashes[i], DK_CELL_TEXT}}, NULL);
	}
	for (size_t i = 0; i < extras.n; i++)
		out_row(c->out, 3, (struct dk_cell[]){{"file", extras.v[i].name, DK_CELL_TEXT},
		                                      {"rows", "1", DK_CELL_INT},
		                                      {"sha256", extras.v[i].hash, DK_CELL_TEXT}}, NULL);
	out_end(c->out);
	if (extras.n)
		out_note(c->out, "%zu row%s had a cell over %d characters, cut to fit a spreadsheet; "
		         "the whole row%s in NAME_full/N.json", extras.n, extras.n == 1 ? "" : "s",
		         DK_CSV_CELL_MAX, extras.n == 1 ? " is" : "s are");
	free(extras.v);
	out_note(c->out, "wrote %s; audit chain %s%s", out,
	         res.broken_seq ? "BROKEN at sequence " : "head ",
	         res.broken_seq ? "(run 'docket audit verify')" : res.head[0] ? res.head : "(empty)");
	if (res.broken_seq)
		return fail(c, DK_EFAIL, "the audit chain is broken at sequence %lld; exported anyway",
		            (long long)res.broken_seq);
	return DK_OK;
fail:
	dk_db_read_end(c->db);
	remove_tree(tmp);
	free(extras.v);
	return rc;
}

static const struct opt audit_opts[] = {
	{"out", "DIR", 0, "a new or empty directory (default docket-audit-TODAY)"},
	{"since", "DATE", 0, "records created (changes made) on or after this day"},
	{"until", "DATE", 0, "records created (changes made) on or before this day"},
	{"team", "TEAM", 0, "only what concerns this team (the audit log is always whole)"},
	{NULL, NULL, 0, NULL},
};

const struct cmd cmds_export[] = {
	{"audit", NULL, 0, 0, "write every record kind as CSV, a manifest with SHA-256, and the audit head",
	 audit_opts, 0, run_audit},
	{0},
};
