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
#include "docket/db.h"
#include "docket/export.h"
#include "docket/hash.h"
#include "docket/text.h"

struct sink {
	FILE *f;
	long long rows;
	int kind; /* index in dk_export_kinds */
};

static int write_row(void *arg, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	struct sink *k = arg;

	(void)err;
	for (int i = 0; i < ncol; i++) {
		if (i)
			fputc(',', k->f);
		out_csv_field(k->f, cells[i].text ? cells[i].text : "",
		              (cells[i].type == DK_CELL_TEXT || cells[i].type == DK_CELL_JSON) &&
		              !dk_export_verbatim(k->kind, cells[i].name));
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
	char path[4600];

	if (d != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
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
		struct sink k = {NULL, 0, i};

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
	out_end(c->out);
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
