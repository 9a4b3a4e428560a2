/* form.c: --edit and --from for decision add and risk add (form.h). The
 * format is docket/form.h's; this file runs the editor and merges. */
#include "form.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "docket/file.h"
#include "docket/text.h"

#define FORM_MAX_FIELDS 32
#define FORM_MAX_BYTES (1 << 20)

static int read_all(struct ctx *c, FILE *in, const char *name, struct dk_buf *b)
{
	char chunk[8192];
	size_t got;

	while ((got = fread(chunk, 1, sizeof chunk, in)) > 0) {
		dk_buf_add(b, chunk, got);
		if (b->len > FORM_MAX_BYTES)
			return fail(c, DK_EINPUT, "%s is larger than %d bytes", name, FORM_MAX_BYTES);
	}
	if (ferror(in))
		return fail(c, DK_EINPUT, "%s cannot be read: %s", name, strerror(errno));
	if (memchr(dk_buf_str(b), '\0', b->len) != NULL)
		return fail(c, DK_EINPUT, "%s is not text (it holds a NUL byte)", name);
	return dk_buf_ok(b) ? DK_OK : fail(c, DK_EDB, "out of memory");
}

static int read_path(struct ctx *c, const char *path, struct dk_buf *b)
{
	const char *why;
	FILE *in = dk_file_open(path, &why);
	int rc;

	if (in == NULL)
		return fail(c, DK_EINPUT, "--from '%.200s' cannot be read: %s", path, why);
	rc = read_all(c, in, path, b);
	fclose(in);
	return rc;
}

/* Runs $VISUAL, $EDITOR or vi on path through the shell, as git does, so
 * that EDITOR='code --wait' works. */
static int run_editor(struct ctx *c, const char *path)
{
	const char *ed = getenv("VISUAL");
	struct dk_buf script = {0};
	pid_t pid;
	int st;

	if (ed == NULL || *ed == '\0')
		ed = getenv("EDITOR");
	if (ed == NULL || *ed == '\0')
		ed = "vi";
	dk_buf_addf(&script, "%s \"$@\"", ed);
	if (!dk_buf_ok(&script))
		return fail(c, DK_EDB, "out of memory");
	fflush(stderr);
	if ((pid = fork()) < 0) {
		dk_buf_free(&script);
		return fail(c, DK_EDB, "cannot start the editor: %s", strerror(errno));
	}
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", dk_buf_str(&script), ed, path, (char *)NULL);
		_exit(127);
	}
	dk_buf_free(&script);
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return fail(c, DK_EDB, "cannot wait for the editor: %s", strerror(errno));
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return fail(c, DK_EINPUT, "the editor '%.100s' %s %d: nothing recorded", ed,
		            WIFEXITED(st) ? "exited" : "was killed by signal",
		            WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
	return DK_OK;
}

/* Writes the template to a new file under $TMPDIR, lets the user edit it
 * and reads it back into text. *discard is set when the file holds
 * nothing worth keeping: the editor failed or it came back unchanged. */
static int edit(struct ctx *c, struct form *f, const char *tmpl, struct dk_buf *text,
                int *discard)
{
	const char *dir = getenv("TMPDIR");
	char group[32];
	FILE *out;
	int fd, rc;

	snprintf(group, sizeof group, "%.*s", (int)strcspn(c->cmdname, " "), c->cmdname);
	snprintf(f->path, sizeof f->path, "%s/docket-%s-XXXXXX.txt", dir && *dir ? dir : "/tmp", group);
	if ((fd = mkstemps(f->path, 4)) < 0) {
		rc = fail(c, DK_EDB, "cannot create '%.200s': %s", f->path, strerror(errno));
		f->path[0] = '\0';
		return rc;
	}
	if ((out = fdopen(fd, "w")) == NULL || fputs(tmpl, out) == EOF || fclose(out) != 0) {
		if (out == NULL)
			close(fd);
		return fail(c, DK_EDB, "cannot write '%.200s': %s", f->path, strerror(errno));
	}
	if ((rc = run_editor(c, f->path)) != DK_OK) {
		*discard = 1;
		return rc;
	}
	if ((rc = read_path(c, f->path, text)) != DK_OK)
		return rc;
	if (strcmp(dk_buf_str(text), tmpl) == 0) {
		*discard = 1;
		return fail(c, DK_EINPUT, "the form was not changed: nothing recorded");
	}
	return DK_OK;
}

/* Whether the first n arguments (the command line's) give option name. */
static int given_before(const struct args *a, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(a->val[i].name, name) == 0)
			return 1;
	return 0;
}

static const char *label_of(const struct dk_form_field *fields, const char *name)
{
	for (int i = 0; fields[i].label; i++)
		if (strcmp(fields[i].name, name) == 0)
			return fields[i].label;
	return NULL;
}

/* Every required option that neither the command line nor the form gave,
 * all in one message. */
static int check_required(struct ctx *c, const struct args *a, const struct dk_form_field *fields,
                          const char *source)
{
	struct dk_buf labels = {0}, opts = {0};
	int missing = 0, rc = DK_OK;

	for (const struct opt *o = c->cmd->opts; o && o->name; o++) {
		const char *l;
		if (!(o->flags & OPT_REQUIRED) || arg_flag(a, o->name))
			continue;
		l = label_of(fields, o->name);
		dk_buf_addf(&labels, "%s%s", missing ? ", " : "", l ? l : o->name);
		dk_buf_addf(&opts, "%s--%s", missing ? ", " : "", o->name);
		missing++;
	}
	if (missing)
		rc = fail(c, DK_EINPUT, "%s: %s %s missing (fill %s in, or give %s)", source,
		          dk_buf_str(&labels), missing == 1 ? "is" : "are", missing == 1 ? "it" : "them",
		          dk_buf_str(&opts));
	dk_buf_free(&labels);
	dk_buf_free(&opts);
	return rc;
}

int form_open(struct ctx *c, struct args *a, const struct dk_form_field *spec, struct form *f)
{
	struct dk_form_field fields[FORM_MAX_FIELDS + 1];
	const char *given[FORM_MAX_FIELDS];
	const char *from = arg_get(a, "from"), *source;
	struct dk_buf tmpl = {0}, text = {0};
	int n = 0, discard = 0, rc;

	memset(f, 0, sizeof *f);
	if (!arg_flag(a, "edit") && from == NULL)
		return DK_OK;
	if (arg_flag(a, "edit") && from != NULL)
		return fail(c, DK_EINPUT, "--edit and --from are alternatives (give one)");
	for (; spec[n].label && n < FORM_MAX_FIELDS; n++) {
		const struct opt *o = find_opt(c->cmd->opts, spec[n].name, strlen(spec[n].name));
		fields[n] = spec[n];
		fields[n].help = o ? o->help : spec[n].help;
		fields[n].required = o && (o->flags & OPT_REQUIRED);
		given[n] = arg_get(a, spec[n].name);
	}
	fields[n] = (struct dk_form_field){NULL, NULL, 0, 0, NULL};
	if (from != NULL) {
		source = strcmp(from, "-") == 0 ? "stdin" : from;
		rc = strcmp(from, "-") == 0 ? read_all(c, stdin, "stdin", &text) : read_path(c, from, &text);
	} else {
		char title[96];
		snprintf(title, sizeof title, "docket %s", c->cmdname);
		dk_form_template(title, fields, given, &tmpl);
		source = f->path;
		rc = dk_buf_ok(&tmpl) ? edit(c, f, dk_buf_str(&tmpl), &text, &discard)
		                      : fail(c, DK_EDB, "out of memory");
	}
	if (rc == DK_OK)
		rc = dk_form_parse(dk_buf_str(&text), source, fields, &f->values, &c->err);
	if (rc == DK_OK && f->values.n == 0) {
		discard = 1;
		rc = from ? fail(c, DK_EINPUT, "%s: the form is empty: nothing recorded", source)
		          : fail(c, DK_EINPUT, "the form is empty: nothing recorded");
	}
	for (size_t i = 0, cli = (size_t)a->nval; rc == DK_OK && i < f->values.n; i++) {
		const struct dk_form_value *v = &f->values.v[i];
		if (given_before(a, cli, v->name))
			continue; /* the command line wins */
		if (a->nval >= ARGS_MAX) {
			rc = fail(c, DK_EINPUT, "%s: too many values (at most %d)", source, ARGS_MAX);
			break;
		}
		a->val[a->nval].name = v->name;
		a->val[a->nval++].value = v->value;
	}
	if (rc == DK_OK)
		rc = check_required(c, a, fields, source);
	dk_buf_free(&tmpl);
	dk_buf_free(&text);
	/* an unchanged or empty file holds nothing of the user's */
	if (f->path[0] && discard) {
		unlink(f->path);
		f->path[0] = '\0';
	}
	return rc == DK_OK ? DK_OK : form_close(c, f, rc);
}

int form_close(struct ctx *c, struct form *f, int rc)
{
	if (f->path[0]) {
		if (rc == DK_OK || rc == DK_EFAIL) {
			unlink(f->path);
		} else {
			size_t used = strlen(c->err.msg);
			snprintf(c->err.msg + used, sizeof c->err.msg - used,
			         "; your text is kept in %s ('docket %s --from %s' to try again)", f->path,
			         c->cmdname, f->path);
		}
		f->path[0] = '\0';
	}
	dk_form_free(&f->values);
	return rc;
}
