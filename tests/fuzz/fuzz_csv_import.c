/* Fuzz target: CSV import. The first byte picks the kind (in the order of
 * dk_import_kind_names: people, contexts, risks, decisions, evidence); the
 * rest is the file. A dry run against one database: whatever the bytes, the
 * import reports or refuses, and the database never changes. */
#define _GNU_SOURCE /* memmem */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "docket/db.h"
#include "docket/store.h"
#include "docket/import.h"
#include "docket/person.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct dk_db *db;
static char dir[64], csv[96];

static void cleanup(void)
{
	char path[128];

	dk_db_close(db);
	unlink(csv);
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/f.db%s", dir, (const char *[]){"", "-wal", "-shm"}[i]);
		unlink(path);
	}
	rmdir(dir);
}

static void setup(void)
{
	char path[96];
	struct dk_error err;
	struct dk_person p = {.handle = "ana", .name = "Ana", .team = "ml"};

	snprintf(dir, sizeof dir, "/tmp/docket-fuzz-XXXXXX");
	if (mkdtemp(dir) == NULL)
		abort();
	snprintf(path, sizeof path, "%s/f.db", dir);
	snprintf(csv, sizeof csv, "%s/in.csv", dir);
	if (dk_store_open(path, DK_OPEN_CREATE, "fuzz", &db, &err) != DK_OK ||
	    dk_person_add(db, &p, NULL, &err) != DK_OK)
		abort();
	atexit(cleanup);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static size_t nkinds;
	struct dk_import_result r;
	struct dk_error err;
	FILE *f;
	int rc;

	if (db == NULL)
		setup();
	if (size < 1)
		return 0;
	while (dk_import_kind_names[nkinds] != NULL)
		nkinds++;
	/* evidence hashes the file a row names: a device would never end */
	if (memmem(data, size, "dev/", 4) || memmem(data, size, "proc/", 5) ||
	    memmem(data, size, "sys/", 4))
		return 0;
	if ((f = fopen(csv, "wb")) == NULL)
		abort();
	fwrite(data + 1, 1, size - 1, f);
	fclose(f);
	rc = dk_import_csv(db, dk_import_kind_names[data[0] % nkinds], csv, "2026-11-23", 1, &r, &err);
	if (rc != DK_OK && rc != DK_EINPUT)
		abort();
	if (r.written != 0 || (rc == DK_EINPUT && r.errors == 0))
		abort();
	dk_import_result_free(&r);
	return 0;
}
