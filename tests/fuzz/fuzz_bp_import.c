/* Fuzz target: blueprint import (docket/blueprint.h: dk_blueprint_import).
 * The first byte picks Markdown or JSON; the rest is the file. Whatever the
 * bytes, the import either stores one blueprint or refuses the file naming
 * it and writes nothing; Markdown that the reader accepts always becomes
 * valid JSON. The database is a scratch file, remade now and then so that
 * it stays small. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "docket/blueprint.h"
#include "docket/context.h"
#include "docket/db.h"
#include "docket/store.h"
#include "docket/person.h"
#include "docket/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct dk_db *db;
static int64_t ctx;
static int stored;
static char dir[64], dbpath[96], md[96], json[96];

static void remove_db(void)
{
	char path[128];

	dk_db_close(db);
	db = NULL;
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s%s", dbpath, (const char *[]){"", "-wal", "-shm"}[i]);
		unlink(path);
	}
}

static void cleanup(void)
{
	remove_db();
	unlink(md);
	unlink(json);
	rmdir(dir);
}

static void open_db(void)
{
	struct dk_error err;
	struct dk_person p = {.handle = "ana", .name = "Ana", .team = "ml"};
	struct dk_context_in c = {.system = "ranker", .owner = "ana", .problem = "online",
	                          .on_prem = -1, .shared_features = -1};

	if (dk_store_open(dbpath, DK_OPEN_CREATE, "fuzz", &db, &err) != DK_OK ||
	    dk_person_add(db, &p, NULL, &err) != DK_OK || dk_context_add(db, &c, &ctx, &err) != DK_OK)
		abort();
	stored = 0;
}

static void setup(void)
{
	snprintf(dir, sizeof dir, "%s", "/tmp/docket-fuzz-XXXXXX");
	if (mkdtemp(dir) == NULL)
		abort();
	snprintf(dbpath, sizeof dbpath, "%s/f.db", dir);
	snprintf(md, sizeof md, "%s/plan.md", dir);
	snprintf(json, sizeof json, "%s/plan.json", dir);
	open_db();
	atexit(cleanup);
}

static int64_t blueprints(void)
{
	static const char sql[] = "SELECT count(*) FROM blueprint";
	struct dk_stmt *s = NULL;
	struct dk_error err;
	int64_t n = -1;
	int found;

	if (dk_stmt_prepare(db, &s, sql, &err) != DK_OK || dk_stmt_one_int(s, &n, &found, &err) != DK_OK)
		abort();
	dk_stmt_finalize(&s);
	return n;
}

static int json_valid(const char *text)
{
	static const char sql[] = "SELECT json_valid(:json)";
	struct dk_stmt *s = NULL;
	struct dk_error err;
	int64_t v = 0;
	int found;

	if (dk_stmt_prepare(db, &s, sql, &err) != DK_OK)
		abort();
	dk_bind_text(s, ":json", text);
	if (dk_stmt_one_int(s, &v, &found, &err) != DK_OK)
		abort();
	dk_stmt_finalize(&s);
	return v == 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path;
	struct dk_error err;
	int64_t before, id = 0;
	FILE *f;
	int rc;

	if (db == NULL && dir[0] == '\0')
		setup();
	if (size < 1)
		return 0;
	path = data[0] & 1 ? json : md;
	if ((f = fopen(path, "wb")) == NULL)
		abort();
	fwrite(data + 1, 1, size - 1, f);
	fclose(f);

	if (!(data[0] & 1) && memchr(data + 1, '\0', size - 1) == NULL) {
		/* the Markdown reader alone, on the same text */
		struct dk_buf out = {0};
		char *text = malloc(size);
		if (text == NULL)
			return 0;
		memcpy(text, data + 1, size - 1);
		text[size - 1] = '\0';
		if (dk_blueprint_md_to_json("plan.md", text, &out, &err) == DK_OK &&
		    !json_valid(dk_buf_str(&out)))
			abort();
		dk_buf_free(&out);
		free(text);
	}

	before = blueprints();
	rc = dk_blueprint_import(db, ctx, path, "2026-11-23", &id, &err);
	if (rc == DK_OK) {
		if (blueprints() != before + 1 || id < 1)
			abort();
		if (++stored >= 200) {
			remove_db();
			open_db();
		}
	} else if (rc != DK_EINPUT || err.msg[0] == '\0' || blueprints() != before) {
		abort();
	}
	return 0;
}
