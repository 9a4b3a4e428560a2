/* catalog_dir.c: the catalog embedded at build time, and a team's
 * directory read as an overlay on it (docket/catalog.h). */
#include "docket/catalog.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FILE_MAX (1 << 20)

int dk_catalog_load_embedded(struct dk_catalog **out, struct dk_error *err)
{
	return dk_catalog_load_files(dk_catalog_embedded, (size_t)dk_catalog_embedded_count, NULL, 0,
	                             NULL, out, err);
}

static int is_catalog_file(const char *name)
{
	for (int i = 0; dk_catalog_files[i]; i++)
		if (strcmp(dk_catalog_files[i], name) == 0)
			return 1;
	return 0;
}

/* Every *.csv in dir must be a catalog file: a misspelt name would
 * otherwise be ignored without a word. */
static int check_names(const char *dir, struct dk_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int rc = DK_OK;

	if (d == NULL)
		return dk_fail(err, DK_EINPUT, "--catalog '%.200s': %s", dir, strerror(errno));
	while ((e = readdir(d)) != NULL && rc == DK_OK) {
		size_t n = strlen(e->d_name);
		if (n > 4 && strcmp(e->d_name + n - 4, ".csv") == 0 && !is_catalog_file(e->d_name))
			rc = dk_fail(err, DK_EINPUT, "--catalog '%.200s': '%.60s' is not a catalog file (the "
			             "files are stack.csv, components.csv, deferred.csv, stages.csv, gates.csv, "
			             "monitoring.csv, rollout.csv and first_steps.csv)", dir, e->d_name);
	}
	closedir(d);
	return rc;
}

/* Reads dir/name into *data (NULL when there is no such file). */
static int read_one(const char *dir, const char *name, char **data, size_t *len,
                    struct dk_error *err)
{
	char path[4200];
	struct stat st;
	ssize_t got;
	size_t used = 0;
	int fd;

	*data = NULL;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	/* O_NONBLOCK: a FIFO must not hang the open */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0) {
		if (errno == ENOENT)
			return DK_OK;
		return dk_fail(err, DK_EINPUT, "--catalog '%.200s': cannot read %s: %s", dir, name,
		               strerror(errno));
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return dk_fail(err, DK_EINPUT, "--catalog '%.200s': %s is not a regular file", dir, name);
	}
	if (st.st_size > FILE_MAX) {
		close(fd);
		return dk_fail(err, DK_EINPUT, "--catalog '%.200s': %s is larger than 1 MB", dir, name);
	}
	if ((*data = malloc((size_t)st.st_size + 1)) == NULL) {
		close(fd);
		return dk_fail(err, DK_EDB, "out of memory");
	}
	while (used < (size_t)st.st_size && (got = read(fd, *data + used, (size_t)st.st_size - used)) > 0)
		used += (size_t)got;
	close(fd);
	(*data)[used] = '\0';
	if (memchr(*data, '\0', used) != NULL) {
		free(*data);
		*data = NULL;
		return dk_fail(err, DK_EINPUT, "--catalog '%.200s': %s is not text", dir, name);
	}
	*len = used;
	return DK_OK;
}

int dk_catalog_load_dir(const char *dir, struct dk_catalog **out, struct dk_error *err)
{
	struct dk_catalog_file files[16];
	char *data[16] = {0};
	size_t n = 0;
	int rc;

	*out = NULL;
	if ((rc = check_names(dir, err)) != DK_OK)
		return rc;
	for (int i = 0; dk_catalog_files[i] && rc == DK_OK; i++) {
		size_t len = 0;
		if ((rc = read_one(dir, dk_catalog_files[i], &data[n], &len, err)) != DK_OK || data[n] == NULL)
			continue;
		files[n].name = dk_catalog_files[i];
		files[n].data = data[n];
		files[n].len = len;
		n++;
	}
	if (rc == DK_OK && n == 0)
		rc = dk_fail(err, DK_EINPUT, "--catalog '%.200s' holds none of the catalog files (stack.csv, "
		             "components.csv, deferred.csv, stages.csv, gates.csv, monitoring.csv, "
		             "rollout.csv, first_steps.csv)", dir);
	if (rc == DK_OK)
		rc = dk_catalog_load_files(dk_catalog_embedded, (size_t)dk_catalog_embedded_count, files, n,
		                           dir, out, err);
	for (size_t i = 0; i < 16; i++)
		free(data[i]);
	return rc;
}
