/* config.c: the config file, the database's discovery and the actor's
 * source (config.h). */
#include "config.h"
#include "docket/store.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "docket/text.h"

#define VALUE_MAX 4096 /* bytes of a value, its NUL included */
#define LINE_MAX_BYTES 8192

static const char *const key_names[CONFIG_NKEYS] = {"db", "actor", "color", "pager"};

static struct {
	int loaded;             /* config_load ran */
	int rc;                 /* and returned this */
	struct dk_error err;    /* with this message */
	int have_path;          /* path was computed */
	char path[PATH_MAX];    /* the file, "" when there is no home */
	int line[CONFIG_NKEYS]; /* the line setting each key; 0: not set */
	char value[CONFIG_NKEYS][VALUE_MAX];
	char from[PATH_MAX + 32]; /* "<path>:N", for the last config_db or config_actor */
	char found[PATH_MAX];     /* a parent's docket.db */
} cfg;

const char *config_origin_name(enum config_origin o)
{
	static const char *const names[] = {"none", "option", "env", "search", "config", "default"};

	return names[o];
}

const char *config_key_name(enum config_key k) { return key_names[k]; }

int config_key_find(const char *name)
{
	for (int k = 0; k < CONFIG_NKEYS; k++)
		if (strcmp(name, key_names[k]) == 0)
			return k;
	return -1;
}

static const char *home_dir(void)
{
	const char *h = getenv("HOME");
	struct passwd *pw;

	if (h != NULL && h[0] == '/')
		return h;
	pw = getpwuid(getuid());
	return pw != NULL && pw->pw_dir[0] == '/' ? pw->pw_dir : NULL;
}

const char *config_path(void)
{
	const char *x = getenv("XDG_CONFIG_HOME"), *h;
	int n = -1;

	if (cfg.have_path)
		return cfg.path;
	cfg.have_path = 1;
	/* the XDG rule: a relative XDG_CONFIG_HOME is ignored */
	if (x != NULL && x[0] == '/')
		n = snprintf(cfg.path, sizeof cfg.path, "%s/docket/config", x);
	else if ((h = home_dir()) != NULL)
		n = snprintf(cfg.path, sizeof cfg.path, "%s/.config/docket/config", h);
	if (n < 0 || (size_t)n >= sizeof cfg.path)
		cfg.path[0] = '\0';
	return cfg.path;
}

static int check_db(const char *what, const char *v, char *out, size_t n, struct dk_error *err)
{
	const char *h;
	int rc, len;

	if ((rc = dk_check_text(what, v, 1000, 0, err)) != DK_OK)
		return rc;
	if (dk_store_is_server(v)) {
		len = snprintf(out, n, "%s", v);
	} else if (v[0] == '~' && v[1] == '/') {
		if ((h = home_dir()) == NULL)
			return dk_fail(err, DK_EINPUT, "%s '%.60s' starts with ~/ but there is no home "
			               "directory (give an absolute path)", what, v);
		len = snprintf(out, n, "%s%s", h, v + 1);
	} else if (v[0] == '/') {
		len = snprintf(out, n, "%s", v);
	} else {
		return dk_fail(err, DK_EINPUT, "%s '%.60s' is not an absolute path (start it with / "
		               "or ~/: the config is read from any directory) nor a postgresql:// "
		               "URL", what, v);
	}
	if (len < 0 || (size_t)len >= n)
		return dk_fail(err, DK_EINPUT, "%s '%.60s...' is too long", what, v);
	return DK_OK;
}

int config_check(enum config_key k, const char *what, const char *v, char *out, size_t n,
                 struct dk_error *err)
{
	int rc;

	switch (k) {
	case CONFIG_DB:
		return check_db(what, v, out, n, err);
	case CONFIG_ACTOR:
		if ((rc = dk_check_text(what, v, 64, 0, err)) != DK_OK)
			return rc;
		if (strchr(v, '|') != NULL)
			return dk_fail(err, DK_EINPUT, "%s '%.64s' has a '|' (it separates the fields of "
			               "the audit trail)", what, v);
		break;
	case CONFIG_COLOR:
		if (strcmp(v, "never") && strcmp(v, "auto") && strcmp(v, "always"))
			return dk_fail(err, DK_EINPUT, "%s '%.40s' is not one of: never, auto, always",
			               what, v);
		break;
	case CONFIG_PAGER:
		if ((rc = dk_check_text(what, v, 1000, 0, err)) != DK_OK)
			return rc;
		break;
	default:
		return dk_fail(err, DK_EINPUT, "no such key");
	}
	if ((size_t)snprintf(out, n, "%s", v) >= n)
		return dk_fail(err, DK_EINPUT, "%s is too long", what);
	return DK_OK;
}

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
		*--e = '\0';
	return s;
}

/* One line of the file: DK_OK for a blank line, a comment or a setting
 * (*key is then set, else -1), DK_EINPUT saying what is wrong. */
static int parse_line(char *line, int *key, char **value, struct dk_error *err)
{
	char *s = trim(line), *eq, *name;
	char shown[48];

	*key = -1;
	if (*s == '\0' || *s == '#')
		return DK_OK;
	if ((eq = strchr(s, '=')) == NULL) {
		if (dk_text_problem(s, 40, 0) != NULL)
			return dk_fail(err, DK_EINPUT, "not 'key = value' (keys: db, actor, color, pager)");
		return dk_fail(err, DK_EINPUT, "'%s' is not 'key = value' (keys: db, actor, color, "
		               "pager)", s);
	}
	*eq = '\0';
	name = trim(s);
	*value = trim(eq + 1);
	if ((*key = config_key_find(name)) < 0) {
		snprintf(shown, sizeof shown, "%.40s%s", name, strlen(name) > 40 ? "..." : "");
		if (dk_text_problem(shown, 64, 0) != NULL)
			return dk_fail(err, DK_EINPUT, "unknown key (keys: db, actor, color, pager)");
		return dk_fail(err, DK_EINPUT, "unknown key '%s' (keys: db, actor, color, pager)", shown);
	}
	if (**value == '\0')
		return dk_fail(err, DK_EINPUT, "%s has no value ('%s = VALUE'; 'docket config unset "
		               "%s' removes it)", name, name, name);
	return DK_OK;
}

static int load(struct dk_error *err)
{
	const char *path = config_path();
	char *line = NULL, what[PATH_MAX + 64];
	size_t cap = 0;
	ssize_t len;
	int n = 0, key, rc = DK_OK;
	struct stat st;
	char *value;
	FILE *f;

	/* no file, or one in a directory this user cannot enter (another
	 * user's home, as under setpriv): no config; one that is there but
	 * cannot be read is an error, not silently nothing */
	if (*path == '\0' || stat(path, &st) != 0)
		return DK_OK;
	if ((f = fopen(path, "r")) == NULL)
		return dk_fail(err, DK_EDB, "cannot read the config file %s: %s", path, strerror(errno));
	while ((len = getline(&line, &cap, f)) >= 0) {
		n++;
		if (memchr(line, '\0', (size_t)len) != NULL) {
			rc = dk_fail(err, DK_EINPUT, "%s:%d: a NUL byte (the config file is text)", path, n);
			break;
		}
		if (len > LINE_MAX_BYTES) {
			rc = dk_fail(err, DK_EINPUT, "%s:%d: the line is too long (at most %d bytes)", path,
			             n, LINE_MAX_BYTES);
			break;
		}
		/* an editor's byte-order mark is not part of the first key */
		if (n == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
			memmove(line, line + 3, (size_t)len - 2);
		if ((rc = parse_line(line, &key, &value, err)) != DK_OK) {
			struct dk_error e = *err;
			rc = dk_fail(err, DK_EINPUT, "%s:%d: %s", path, n, e.msg);
			break;
		}
		if (key < 0)
			continue;
		if (cfg.line[key]) {
			rc = dk_fail(err, DK_EINPUT, "%s:%d: %s is set twice (first on line %d)", path, n,
			             key_names[key], cfg.line[key]);
			break;
		}
		snprintf(what, sizeof what, "%s:%d: %s", path, n, key_names[key]);
		if ((rc = config_check(key, what, value, cfg.value[key], VALUE_MAX, err)) != DK_OK)
			break;
		cfg.line[key] = n;
	}
	if (rc == DK_OK && ferror(f))
		rc = dk_fail(err, DK_EDB, "cannot read the config file %s: %s", path, strerror(errno));
	free(line);
	fclose(f);
	if (rc != DK_OK)
		memset(cfg.line, 0, sizeof cfg.line);
	return rc;
}

int config_load(struct dk_error *err)
{
	if (!cfg.loaded) {
		cfg.loaded = 1;
		cfg.rc = load(&cfg.err);
	}
	if (cfg.rc != DK_OK && err != NULL)
		*err = cfg.err;
	return cfg.rc;
}

const char *config_value(enum config_key k, int *line)
{
	if (line != NULL)
		*line = cfg.line[k];
	return cfg.line[k] ? cfg.value[k] : NULL;
}

const char *config_color(void) { return config_value(CONFIG_COLOR, NULL); }
const char *config_pager(void) { return config_value(CONFIG_PAGER, NULL); }

/* An environment variable's value, NULL when unset or empty. */
static const char *nonempty(const char *v) { return v != NULL && *v ? v : NULL; }

static int is_db_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && !S_ISDIR(st.st_mode);
}

/* docket.db in the current directory ("docket.db", as it always was) or
 * in the nearest parent that has one (an absolute path); NULL if none. */
static const char *search_up(enum config_origin *origin, const char **from)
{
	char dir[PATH_MAX], *slash;

	if (is_db_file("docket.db")) {
		*from = "the current directory";
		return "docket.db";
	}
	if (getcwd(dir, sizeof dir) == NULL || dir[0] != '/')
		return NULL;
	while ((slash = strrchr(dir, '/')) != NULL) {
		*slash = '\0';
		if ((size_t)snprintf(cfg.found, sizeof cfg.found, "%s/docket.db", dir) >=
		    sizeof cfg.found)
			return NULL;
		if (is_db_file(cfg.found)) {
			*origin = ORIGIN_SEARCH;
			*from = "a parent directory";
			return cfg.found;
		}
	}
	return NULL;
}

int config_db(const char *opt, int create, const char **path, enum config_origin *origin,
              const char **from, struct dk_error *err)
{
	enum config_origin o = ORIGIN_NONE;
	const char *f = NULL, *p = NULL;
	int line;

	if (opt != NULL) {
		p = opt, o = ORIGIN_OPTION, f = "--db";
	} else if ((p = nonempty(getenv("DOCKET_DB"))) != NULL) {
		o = ORIGIN_ENV, f = "DOCKET_DB";
	} else if (create) {
		p = "docket.db", o = ORIGIN_DEFAULT, f = "./docket.db";
	} else if ((p = search_up(&o, &f)) != NULL) {
		o = ORIGIN_SEARCH;
	} else if ((p = config_value(CONFIG_DB, &line)) != NULL) {
		o = ORIGIN_CONFIG;
		snprintf(cfg.from, sizeof cfg.from, "%s:%d", config_path(), line);
		f = cfg.from;
		if (!dk_store_is_server(p) && !is_db_file(p))
			return dk_fail(err, DK_EDB, "no database at '%s' (named by 'db' in %s; 'docket "
			               "--db %s init' creates it)", p, cfg.from, p);
	} else {
		return dk_fail(err, DK_EDB, "no database: not --db, DOCKET_DB, ./docket.db or a parent's, "
		               "nor 'db' in %s; create one with 'docket init'",
		               *config_path() ? config_path() : "the config file (no home directory)");
	}
	*path = p;
	if (origin != NULL)
		*origin = o;
	if (from != NULL)
		*from = f;
	return DK_OK;
}

static const char *login_name(void)
{
	const char *u = getenv("USER");
	struct passwd *pw;

	if (u != NULL && *u)
		return u;
	pw = getpwuid(getuid());
	return pw ? pw->pw_name : "unknown";
}

const char *config_actor(const char *opt, enum config_origin *origin, const char **from)
{
	enum config_origin o;
	const char *v, *f;
	int line;

	if (opt != NULL) {
		v = opt, o = ORIGIN_OPTION, f = "--actor";
	} else if ((v = nonempty(getenv("DOCKET_ACTOR"))) != NULL) {
		o = ORIGIN_ENV, f = "DOCKET_ACTOR";
	} else if ((v = config_value(CONFIG_ACTOR, &line)) != NULL) {
		o = ORIGIN_CONFIG;
		snprintf(cfg.from, sizeof cfg.from, "'actor' in %s:%d", config_path(), line);
		f = cfg.from;
	} else {
		v = login_name(), o = ORIGIN_DEFAULT, f = "the login name";
	}
	if (origin != NULL)
		*origin = o;
	if (from != NULL)
		*from = f;
	return v;
}

/* The file's lines, read whole (a file that failed to load is still
 * rewritten line by line: set and unset are how it is mended). */
struct lines {
	char **v;
	size_t n;
};

static void lines_free(struct lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

static int lines_read(const char *path, struct lines *l, struct dk_error *err)
{
	char *line = NULL, **v;
	size_t cap = 0;
	ssize_t len;
	FILE *f = fopen(path, "r");
	int rc = DK_OK;

	l->v = NULL;
	l->n = 0;
	if (f == NULL)
		return errno == ENOENT ? DK_OK
		                       : dk_fail(err, DK_EDB, "cannot read %s: %s", path, strerror(errno));
	while ((len = getline(&line, &cap, f)) >= 0) {
		if (memchr(line, '\0', (size_t)len) != NULL) {
			rc = dk_fail(err, DK_EINPUT, "%s:%zu: a NUL byte (the config file is text)", path,
			             l->n + 1);
			break;
		}
		if ((v = realloc(l->v, (l->n + 1) * sizeof *v)) == NULL) {
			rc = dk_fail(err, DK_EDB, "out of memory");
			break;
		}
		l->v = v;
		if ((l->v[l->n] = strdup(line)) == NULL) {
			rc = dk_fail(err, DK_EDB, "out of memory");
			break;
		}
		l->n++;
	}
	if (rc == DK_OK && ferror(f))
		rc = dk_fail(err, DK_EDB, "cannot read %s: %s", path, strerror(errno));
	free(line);
	fclose(f);
	return rc;
}

/* The key a line sets, or -1 (blank, comment, or not a setting). */
static int line_key(const char *line)
{
	char name[64];
	const char *s = line, *eq;
	size_t n;

	if (strncmp(s, "\xEF\xBB\xBF", 3) == 0) /* a byte-order mark (a first line) */
		s += 3;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '#' || (eq = strchr(s, '=')) == NULL)
		return -1;
	n = (size_t)(eq - s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0 || n >= sizeof name)
		return -1;
	memcpy(name, s, n);
	name[n] = '\0';
	return config_key_find(name);
}

/* mkdir -p for the config's directory (mode 0700). */
static int make_dirs(const char *file, struct dk_error *err)
{
	char dir[PATH_MAX], *p;

	snprintf(dir, sizeof dir, "%s", file);
	if ((p = strrchr(dir, '/')) == NULL)
		return DK_OK;
	*p = '\0';
	for (p = dir + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;
			*p = '\0';
			if (mkdir(dir, 0700) != 0 && errno != EEXIST)
				return dk_fail(err, DK_EDB, "cannot create the directory %s: %s", dir,
				               strerror(errno));
			*p = c;
			if (c == '\0')
				break;
		}
	}
	return DK_OK;
}

int config_write(enum config_key k, const char *value, int *changed, struct dk_error *err)
{
	const char *path = config_path();
	struct lines l = {0};
	char tmp[PATH_MAX + 16], real[PATH_MAX];
	int fd = -1, done = 0, renamed = 0, rc;
	FILE *f = NULL;

	*changed = 0;
	if (*path == '\0')
		return dk_fail(err, DK_EDB, "no config file: neither XDG_CONFIG_HOME nor a home "
		               "directory is set");
	/* a config file that is a link (to a dotfiles repository) stays one */
	if (realpath(path, real) != NULL)
		path = real;
	if ((rc = lines_read(path, &l, err)) != DK_OK)
		return rc;
	if ((rc = make_dirs(path, err)) != DK_OK)
		goto out;
	if ((size_t)snprintf(tmp, sizeof tmp, "%s.XXXXXX", path) >= sizeof tmp) {
		rc = dk_fail(err, DK_EDB, "the config path is too long");
		goto out;
	}
	if ((fd = mkstemp(tmp)) < 0) {
		rc = dk_fail(err, DK_EDB, "cannot write %s: %s", tmp, strerror(errno));
		goto out;
	}
	fchmod(fd, 0600);
	if ((f = fdopen(fd, "w")) == NULL) {
		rc = dk_fail(err, DK_EDB, "cannot write %s: %s", tmp, strerror(errno));
		close(fd);
		goto out;
	}
	for (size_t i = 0; i < l.n; i++) {
		size_t len = strlen(l.v[i]);
		if (line_key(l.v[i]) != (int)k) {
			fputs(l.v[i], f);
			/* a last line without its newline gets one, before anything is appended */
			if (len && l.v[i][len - 1] != '\n')
				fputc('\n', f);
			continue;
		}
		*changed = 1;
		if (value != NULL && !done)
			fprintf(f, "%s = %s\n", key_names[k], value);
		done = 1;
	}
	if (value != NULL && !done) {
		fprintf(f, "%s = %s\n", key_names[k], value);
		*changed = 1;
	}
	rc = fflush(f) != 0 || fsync(fileno(f)) != 0 || ferror(f);
	if (fclose(f) != 0 || rc)
		rc = dk_fail(err, DK_EDB, "cannot write %s: %s", tmp, strerror(errno));
	else if (*changed && rename(tmp, path) != 0)
		rc = dk_fail(err, DK_EDB, "cannot replace %s: %s", path, strerror(errno));
	else
		renamed = *changed;
out:
	/* nothing to change, or a failure: the file stays as it was */
	if (fd >= 0 && !renamed)
		unlink(tmp);
	if (rc != DK_OK)
		*changed = 0;
	lines_free(&l);
	return rc;
}
