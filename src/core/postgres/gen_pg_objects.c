/* gen_pg_objects: writes the functions, triggers and views the PostgreSQL
 * migrations leave in schema docket, as C, for the binary to check a
 * database's catalog against (schema_pg.h).
 *
 * Run at build time, with no server: it reads the embedded migrations in
 * order, splits each into statements as the server does (quotes, dollar
 * quotes, comments, BEGIN ATOMIC bodies) and follows the statements that
 * make, replace, change and drop functions, triggers and views. A
 * function is kept with the SHA-256 of its body exactly as pg_proc.prosrc
 * will hold it (the bytes between the dollar quotes, or the value of a
 * quoted string); a trigger with its table, function and what pg_trigger
 * says of its firing (tgtype, UPDATE OF columns, arguments, WHEN).
 *
 * What it cannot follow it refuses, failing the build: a migration that
 * creates or drops one of these objects from dynamic SQL (EXECUTE in a
 * function or a DO block), a DROP ... CASCADE (which drops what depends,
 * unseen), a CONSTRAINT trigger and the like. The list it writes is then
 * never silently short. */
#include <ctype.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/migrate.h"
#include "gen_pg_lex.h"
#include "schema_pg.h"

/* ---- what the migrations leave ---- */

struct fn_def {
	char name[NAME_MAX_BYTES + 1];
	char sha[65];
	int sql_body;
	char *sql;
};

struct trig_def {
	char name[NAME_MAX_BYTES + 1], table[NAME_MAX_BYTES + 1], function[NAME_MAX_BYTES + 1];
	int builtin, tgtype, when;
	char enabled;
	char *columns, *args, *sql;
};

struct view_def {
	char name[NAME_MAX_BYTES + 1];
	char *sql;
};

static struct fn_def *fns;
static struct trig_def *trigs;
static struct view_def *views;
static int nfns, ntrigs, nviews;

static struct fn_def *find_fn(const char *name)
{
	for (int i = 0; i < nfns; i++)
		if (strcmp(fns[i].name, name) == 0)
			return &fns[i];
	return NULL;
}

static struct view_def *find_view(const char *name)
{
	for (int i = 0; i < nviews; i++)
		if (strcmp(views[i].name, name) == 0)
			return &views[i];
	return NULL;
}

static struct trig_def *find_trig(const char *name, const char *table)
{
	for (int i = 0; i < ntrigs; i++)
		if (strcmp(trigs[i].name, name) == 0 && strcmp(trigs[i].table, table) == 0)
			return &trigs[i];
	return NULL;
}

static void drop_trig(struct trig_def *t)
{
	free(t->columns);
	free(t->args);
	free(t->sql);
	*t = trigs[--ntrigs];
}

/* ---- one statement ---- */

struct st {
	const struct tok *t;
	int i, n;
	const char *src;
};

static int line_of(const struct st *s)
{
	return s->t[s->i < s->n ? s->i : s->n - 1].line;
}

static int at_word(const struct st *s, int off, const char *w)
{
	int k = s->i + off;
	return k < s->n && s->t[k].kind == T_WORD && strcmp(s->t[k].text, w) == 0;
}

static int word(struct st *s, const char *w)
{
	if (!at_word(s, 0, w))
		return 0;
	s->i++;
	return 1;
}

static int punct(struct st *s, char c)
{
	if (s->i < s->n && s->t[s->i].kind == T_PUNCT && s->t[s->i].text[0] == c) {
		s->i++;
		return 1;
	}
	return 0;
}

static const char *here(const struct st *s)
{
	return s->i < s->n ? s->t[s->i].text : "the end of the statement";
}

static void expect_word(struct st *s, const char *w)
{
	if (!word(s, w))
		die(line_of(s), "expected %s, not '%s'", w, here(s));
}

static void expect_punct(struct st *s, char c)
{
	if (!punct(s, c))
		die(line_of(s), "expected '%c', not '%s'", c, here(s));
}

/* A name as the catalog keeps it: unquoted folded to lower case (the
 * lexer did), cut to 63 bytes on a character boundary. */
static void name_part(struct st *s, char out[NAME_MAX_BYTES + 1])
{
	const char *v;
	size_t n;

	if (s->i >= s->n || (s->t[s->i].kind != T_WORD && s->t[s->i].kind != T_QWORD))
		die(line_of(s), "expected a name, not '%s'", here(s));
	v = s->t[s->i++].text;
	n = strlen(v);
	if (n > NAME_MAX_BYTES)
		for (n = NAME_MAX_BYTES; n > 0 && ((unsigned char)v[n] & 0xc0) == 0x80; n--)
			;
	memcpy(out, v, n);
	out[n] = '\0';
}

struct qname {
	char schema[NAME_MAX_BYTES + 1], name[NAME_MAX_BYTES + 1];
};

static void qname(struct st *s, struct qname *q)
{
	q->schema[0] = '\0';
	name_part(s, q->name);
	while (punct(s, '.')) {
		memcpy(q->schema, q->name, sizeof q->schema);
		name_part(s, q->name);
	}
}

/* Unqualified names are docket's: docket runs every migration with
 * search_path = docket. */
static int in_docket(const struct qname *q)
{
	return q->schema[0] == '\0' || strcmp(q->schema, "docket") == 0;
}

static void skip_parens(struct st *s)
{
	int depth = 0;

	do {
		if (s->i >= s->n)
			die(line_of(s), "a parenthesis is not closed");
		if (s->t[s->i].kind == T_PUNCT && s->t[s->i].text[0] == '(')
			depth++;
		else if (s->t[s->i].kind == T_PUNCT && s->t[s->i].text[0] == ')')
			depth--;
		s->i++;
	} while (depth > 0);
}

static char *stmt_text(const struct st *s)
{
	struct buf b = {0};
	addn(&b, s->src + s->t[0].start, s->t[s->n - 1].end - s->t[0].start);
	return take(&b);
}

static void sha256_hex(const char *p, size_t n, char out[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;

	if (!EVP_Digest(p, n, md, &len, EVP_sha256(), NULL) || len != 32) {
		fprintf(stderr, "gen_pg_objects: SHA-256 failed\n");
		exit(1);
	}
	for (unsigned i = 0; i < len; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

/* A body that makes, drops or changes a function, trigger or view when it
 * runs hides that from this reading: refuse it. */
static void refuse_dynamic(const char *body, int line, const char *what)
{
	static const char *const verbs[] = {"create", "drop", "alter"};
	static const char *const skip[] = {"or", "replace", "constraint", "temp", "temporary",
	                                   "recursive", "materialized", "if", "exists"};
	static const char *const objects[] = {"trigger", "function", "procedure", "view"};
	char w[8][16];
	int nw = 0, at = line;

	for (const char *p = body; *p;) {
		size_t n = 0;
		if (*p == '\n')
			at++;
		if (!ident_start((unsigned char)*p)) {
			p++;
			continue;
		}
		memmove(w[1], w[0], sizeof w - sizeof w[0]);
		/* words only: $q$DROP is a quote and DROP */
		for (; tag_char((unsigned char)p[n]); n++)
			if (n < sizeof w[0] - 1)
				w[0][n] = (char)tolower((unsigned char)p[n]);
		w[0][n < sizeof w[0] ? n : sizeof w[0] - 1] = '\0';
		p += n;
		nw += nw < 8;
		for (size_t o = 0; o < sizeof objects / sizeof *objects; o++) {
			int k = 1;
			if (strcmp(w[0], objects[o]) != 0)
				continue;
			/* ENABLE/DISABLE [REPLICA|ALWAYS] TRIGGER */
			if (o == 0 && nw > 1 &&
			    (strcmp(w[1], "enable") == 0 || strcmp(w[1], "disable") == 0 ||
			     (nw > 2 && (strcmp(w[1], "replica") == 0 || strcmp(w[1], "always") == 0) &&
			      strcmp(w[2], "enable") == 0)))
				die(at, "%s enables or disables a trigger as dynamic SQL: write the ALTER "
				    "TABLE statement out in the migration", what);
			for (; k < nw; k++) {
				size_t j = 0;
				while (j < sizeof skip / sizeof *skip && strcmp(w[k], skip[j]) != 0)
					j++;
				if (j == sizeof skip / sizeof *skip)
					break;
			}
			for (size_t v = 0; k < nw && v < sizeof verbs / sizeof *verbs; v++)
				if (strcmp(w[k], verbs[v]) == 0)
					die(at, "%s runs %s %s as dynamic SQL (EXECUTE), which the build cannot "
					    "list: write each %s out as a statement of its own in the migration",
					    what, verbs[v], objects[o], objects[o]);
		}
	}
}

static void create_function(struct st *s)
{
	struct qname q;
	struct fn_def *f;
	struct buf body = {0};
	int sql_body = 0, found = 0, depth = 0, at = line_of(s);

	qname(s, &q);
	if (!(s->i < s->n && s->t[s->i].kind == T_PUNCT && s->t[s->i].text[0] == '('))
		die(line_of(s), "expected the argument list of %s", q.name);
	skip_parens(s);
	for (; s->i < s->n && !found && !sql_body; s->i++) {
		const struct tok *t = &s->t[s->i];
		if (t->kind == T_PUNCT && t->text[0] == '(')
			depth++;
		else if (t->kind == T_PUNCT && t->text[0] == ')')
			depth--;
		else if (depth == 0 && at_word(s, 0, "return"))
			sql_body = 1;
		else if (depth == 0 && at_word(s, 0, "begin") && at_word(s, 1, "atomic"))
			sql_body = 1;
		else if (depth == 0 && at_word(s, 0, "as")) {
			s->i++;
			for (int part = 0; part < 2; part++) {
				if (s->i >= s->n || (s->t[s->i].kind != T_STR && s->t[s->i].kind != T_DSTR))
					die(line_of(s), "expected the body of %s after AS", q.name);
				body.n = 0;
				addn(&body, s->t[s->i].text, strlen(s->t[s->i].text));
				/* 'a'<newline>'b' is one literal, 'ab' */
				while (s->t[s->i].kind == T_STR && s->i + 1 < s->n &&
				       s->t[s->i + 1].kind == T_STR && s->t[s->i + 1].nl_before) {
					s->i++;
					addn(&body, s->t[s->i].text, strlen(s->t[s->i].text));
				}
				s->i++;
				/* AS 'file', 'symbol': prosrc is the symbol */
				if (!punct(s, ','))
					break;
			}
			found = 1;
		}
	}
	if (!found && !sql_body)
		die(at, "no body found for the function %s", q.name);
	if (!in_docket(&q)) {
		free(body.p);
		return;
	}
	if (found && strlen(body.p) != body.n)
		die(at, "the body of %s holds a zero byte", q.name);
	if (found)
		refuse_dynamic(body.p, at, q.name);
	if ((f = find_fn(q.name)) == NULL) {
		fns = xrealloc(fns, (size_t)(nfns + 1) * sizeof *fns);
		f = &fns[nfns++];
		memcpy(f->name, q.name, sizeof f->name);
	} else {
		free(f->sql);
	}
	sha256_hex(found ? body.p : "", found ? body.n : 0, f->sha);
	f->sql_body = sql_body;
	f->sql = stmt_text(s);
	free(body.p);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Columns joined by ',' in byte order, as the check reads tgattr back. */
static char *join_sorted(char **cols, int n)
{
	struct buf b = {0};

	qsort(cols, (size_t)n, sizeof *cols, cmp_str);
	for (int i = 0; i < n; i++) {
		if (i)
			addc(&b, ',');
		addn(&b, cols[i], strlen(cols[i]));
	}
	return take(&b);
}

static void create_trigger(struct st *s)
{
	struct trig_def t = {.enabled = 'O'};
	struct qname table, fn;
	struct buf args = {0};
	char *cols[64];
	int ncols = 0, at = line_of(s);
	struct trig_def *old;

	name_part(s, t.name);
	if (word(s, "before")) {
		t.tgtype |= DK_PG_TRIGGER_BEFORE;
	} else if (word(s, "instead")) {
		expect_word(s, "of");
		t.tgtype |= DK_PG_TRIGGER_INSTEAD;
	} else {
		expect_word(s, "after");
	}
	do {
		if (word(s, "insert"))
			t.tgtype |= DK_PG_TRIGGER_INSERT;
		else if (word(s, "delete"))
			t.tgtype |= DK_PG_TRIGGER_DELETE;
		else if (word(s, "truncate"))
			t.tgtype |= DK_PG_TRIGGER_TRUNCATE;
		else if (word(s, "update")) {
			t.tgtype |= DK_PG_TRIGGER_UPDATE;
			if (word(s, "of"))
				do {
					if (ncols == 64)
						die(at, "too many UPDATE OF columns");
					cols[ncols] = xrealloc(NULL, NAME_MAX_BYTES + 1);
					name_part(s, cols[ncols++]);
				} while (punct(s, ','));
		} else
			die(line_of(s), "expected INSERT, UPDATE, DELETE or TRUNCATE, not '%s'", here(s));
	} while (word(s, "or"));
	expect_word(s, "on");
	qname(s, &table);
	while (!word(s, "execute")) {
		if (word(s, "for")) {
			word(s, "each");
			if (word(s, "row"))
				t.tgtype |= DK_PG_TRIGGER_ROW;
			else
				expect_word(s, "statement");
		} else if (word(s, "when")) {
			t.when = 1;
			skip_parens(s);
		} else
			die(line_of(s), "'%s' in CREATE TRIGGER %s is not understood here", here(s),
			    t.name);
	}
	if (!word(s, "function"))
		expect_word(s, "procedure");
	qname(s, &fn);
	expect_punct(s, '(');
	while (!punct(s, ')')) {
		const struct tok *a = s->i < s->n ? &s->t[s->i] : NULL;
		if (a == NULL || (a->kind != T_STR && a->kind != T_NUM && a->kind != T_WORD))
			die(line_of(s), "a trigger argument must be a literal or a word, not '%s'",
			    here(s));
		if (a->kind == T_NUM && strspn(a->text, "0123456789") == strlen(a->text)) {
			char n[32];
			snprintf(n, sizeof n, "%lld", strtoll(a->text, NULL, 10));
			addn(&args, n, strlen(n) + 1);
		} else {
			addn(&args, a->text, strlen(a->text) + 1);
		}
		s->i++;
		if (!punct(s, ',') && !(s->i < s->n && s->t[s->i].text[0] == ')'))
			die(line_of(s), "expected ',' or ')' in the trigger's arguments");
	}
	if (s->i != s->n)
		die(line_of(s), "'%s' after the trigger's function is not understood", here(s));
	if (!in_docket(&table)) {
		free(args.p);
		for (int i = 0; i < ncols; i++)
			free(cols[i]);
		return;
	}
	memcpy(t.table, table.name, sizeof t.table);
	memcpy(t.function, fn.name, sizeof t.function);
	if (in_docket(&fn) && (fn.schema[0] || find_fn(fn.name) != NULL)) {
		if (find_fn(fn.name) == NULL)
			die(at, "the trigger %s calls docket.%s, which no migration made", t.name, fn.name);
	} else if (fn.schema[0] == '\0' || strcmp(fn.schema, "pg_catalog") == 0) {
		t.builtin = 1;
	} else {
		die(at, "the trigger %s calls %s.%s, outside schema docket", t.name, fn.schema, fn.name);
	}
	t.columns = join_sorted(cols, ncols);
	for (int i = 0; i < ncols; i++)
		free(cols[i]);
	t.args = xrealloc(NULL, args.n * 2 + 1);
	for (size_t i = 0; i < args.n; i++)
		snprintf(t.args + 2 * i, 3, "%02x", (unsigned char)args.p[i]);
	t.args[args.n * 2] = '\0';
	free(args.p);
	t.sql = stmt_text(s);
	if ((old = find_trig(t.name, t.table)) != NULL)
		drop_trig(old);
	trigs = xrealloc(trigs, (size_t)(ntrigs + 1) * sizeof *trigs);
	trigs[ntrigs++] = t;
}

static void create_view(struct st *s, int temp)
{
	struct qname q;
	struct view_def *v;

	qname(s, &q);
	if (temp || !in_docket(&q))
		return;
	if ((v = find_view(q.name)) == NULL) {
		views = xrealloc(views, (size_t)(nviews + 1) * sizeof *views);
		v = &views[nviews++];
		memcpy(v->name, q.name, sizeof v->name);
	} else {
		free(v->sql);
	}
	v->sql = stmt_text(s);
}

static void drop(struct st *s)
{
	int kind, if_exists, at = line_of(s);

	for (int k = s->i; k < s->n; k++)
		if (s->t[k].kind == T_WORD && strcmp(s->t[k].text, "cascade") == 0)
			die(at, "DROP ... CASCADE drops what depends on it, which the build cannot list: "
			    "drop each dependent object by name first");
	if (word(s, "schema"))
		die(at, "DROP SCHEMA is not understood");
	if (word(s, "trigger"))
		kind = 't';
	else if (word(s, "view"))
		kind = 'v';
	else if (word(s, "function") || word(s, "procedure"))
		kind = 'f';
	else if (word(s, "table"))
		kind = 'r';
	else
		return;
	if ((if_exists = word(s, "if")) != 0)
		expect_word(s, "exists");
	do {
		struct qname q, table;
		qname(s, &q);
		if (kind == 't') {
			struct trig_def *t;
			expect_word(s, "on");
			qname(s, &table);
			if (!in_docket(&table))
				continue;
			if ((t = find_trig(q.name, table.name)) != NULL)
				drop_trig(t);
			else if (!if_exists)
				die(at, "drops the trigger %s on %s, which no migration made", q.name,
				    table.name);
		} else if (kind == 'v' && in_docket(&q)) {
			struct view_def *v = find_view(q.name);
			if (v != NULL) {
				free(v->sql);
				*v = views[--nviews];
			} else if (!if_exists)
				die(at, "drops the view %s, which no migration made", q.name);
		} else if (kind == 'f') {
			struct fn_def *f;
			if (s->i < s->n && s->t[s->i].text[0] == '(' && s->t[s->i].kind == T_PUNCT)
				skip_parens(s);
			if (!in_docket(&q))
				continue;
			for (int i = 0; i < ntrigs; i++)
				if (!trigs[i].builtin && strcmp(trigs[i].function, q.name) == 0)
					die(at, "drops the function %s, which the trigger %s calls", q.name,
					    trigs[i].name);
			if ((f = find_fn(q.name)) != NULL) {
				free(f->sql);
				*f = fns[--nfns];
			} else if (!if_exists)
				die(at, "drops the function %s, which no migration made", q.name);
		} else if (kind == 'r' && in_docket(&q)) {
			for (int i = ntrigs - 1; i >= 0; i--)
				if (strcmp(trigs[i].table, q.name) == 0)
					drop_trig(&trigs[i]);
		}
	} while (punct(s, ','));
}

static void set_enabled(const char *table, const char *name, char state, int line)
{
	int hit = 0;

	for (int i = 0; i < ntrigs; i++)
		if (strcmp(trigs[i].table, table) == 0 &&
		    (name == NULL || strcmp(trigs[i].name, name) == 0)) {
			trigs[i].enabled = state;
			hit = 1;
		}
	if (!hit && name != NULL)
		die(line, "enables or disables the trigger %s on %s, which no migration made", name,
		    table);
}

static void rename_column(const char *table, const char *from, const char *to)
{
	for (int i = 0; i < ntrigs; i++) {
		char *cols[64], *list, *p;
		int n = 0;
		if (strcmp(trigs[i].table, table) != 0 || trigs[i].columns[0] == '\0')
			continue;
		list = xstrdup(trigs[i].columns);
		for (p = strtok(list, ","); p != NULL && n < 64; p = strtok(NULL, ","))
			cols[n++] = strcmp(p, from) == 0 ? (char *)to : p;
		free(trigs[i].columns);
		trigs[i].columns = join_sorted(cols, n);
		free(list);
	}
}

/* One action of ALTER TABLE q (up to the next ',' outside parentheses). */
static void alter_table_action(struct st *s, const struct qname *q)
{
	char new_name[NAME_MAX_BYTES + 1], from[NAME_MAX_BYTES + 1];
	int at = line_of(s);

	if (word(s, "rename")) {
		if (word(s, "to")) {
			struct view_def *v = find_view(q->name);
			name_part(s, new_name);
			if (v != NULL)
				memcpy(v->name, new_name, sizeof v->name);
			for (int i = 0; i < ntrigs; i++)
				if (strcmp(trigs[i].table, q->name) == 0)
					memcpy(trigs[i].table, new_name, sizeof trigs[i].table);
		} else if (!word(s, "constraint")) {
			word(s, "column");
			name_part(s, from);
			expect_word(s, "to");
			name_part(s, new_name);
			rename_column(q->name, from, new_name);
		}
	} else if (at_word(s, 0, "set") && at_word(s, 1, "schema")) {
		struct qname to;
		s->i += 2;
		qname(s, &to);
		if (!in_docket(&to)) {
			struct view_def *v = find_view(q->name);
			if (v != NULL) {
				free(v->sql);
				*v = views[--nviews];
			}
			for (int i = ntrigs - 1; i >= 0; i--)
				if (strcmp(trigs[i].table, q->name) == 0)
					drop_trig(&trigs[i]);
		}
	} else if (at_word(s, 0, "enable") || at_word(s, 0, "disable")) {
		char state = at_word(s, 0, "disable") ? 'D' : 'O';
		s->i++;
		if (state == 'O' && word(s, "replica"))
			state = 'R';
		else if (state == 'O' && word(s, "always"))
			state = 'A';
		if (!word(s, "trigger"))
			return; /* ENABLE ROW LEVEL SECURITY, ENABLE RULE, ... */
		if (word(s, "all") || word(s, "user"))
			set_enabled(q->name, NULL, state, at);
		else {
			name_part(s, new_name);
			set_enabled(q->name, new_name, state, at);
		}
	}
	/* the rest (columns, constraints, ...) changes none of the lists */
}

static void alter(struct st *s)
{
	struct qname q;
	char name[NAME_MAX_BYTES + 1];
	int at = line_of(s);

	if (word(s, "table") || word(s, "view")) {
		int depth = 0;
		if (word(s, "if"))
			expect_word(s, "exists");
		word(s, "only");
		qname(s, &q);
		punct(s, '*');
		if (!in_docket(&q))
			return;
		for (;;) {
			alter_table_action(s, &q);
			/* on to the next action */
			for (; s->i < s->n; s->i++) {
				const struct tok *t = &s->t[s->i];
				if (t->kind == T_PUNCT && t->text[0] == '(')
					depth++;
				else if (t->kind == T_PUNCT && t->text[0] == ')')
					depth--;
				else if (depth == 0 && t->kind == T_PUNCT && t->text[0] == ',')
					break;
			}
			if (!punct(s, ','))
				break;
		}
	} else if (word(s, "trigger")) {
		struct trig_def *t;
		name_part(s, name);
		expect_word(s, "on");
		qname(s, &q);
		if (!in_docket(&q) || !word(s, "rename"))
			return;
		expect_word(s, "to");
		if ((t = find_trig(name, q.name)) == NULL)
			die(at, "renames the trigger %s on %s, which no migration made", name, q.name);
		name_part(s, t->name);
	} else if (word(s, "function") || word(s, "procedure")) {
		struct fn_def *f;
		qname(s, &q);
		if (s->i < s->n && s->t[s->i].kind == T_PUNCT && s->t[s->i].text[0] == '(')
			skip_parens(s);
		if (!in_docket(&q) || (f = find_fn(q.name)) == NULL)
			return;
		if (word(s, "rename")) {
			expect_word(s, "to");
			name_part(s, name);
			for (int i = 0; i < ntrigs; i++)
				if (!trigs[i].builtin && strcmp(trigs[i].function, f->name) == 0)
					memcpy(trigs[i].function, name, sizeof trigs[i].function);
			memcpy(f->name, name, sizeof f->name);
		} else if (at_word(s, 0, "set") && at_word(s, 1, "schema")) {
			struct qname to;
			s->i += 2;
			qname(s, &to);
			if (!in_docket(&to))
				die(at, "moves the function %s out of schema docket: not understood", f->name);
		}
	} else if (word(s, "schema")) {
		die(at, "ALTER SCHEMA is not understood");
	}
}

static void statement(const struct tok *t, int n, const char *src)
{
	struct st s = {t, 0, n, src};

	if (word(&s, "create")) {
		int temp;
		if (word(&s, "or"))
			expect_word(&s, "replace");
		temp = word(&s, "temp") || word(&s, "temporary");
		word(&s, "recursive");
		if (word(&s, "function") || word(&s, "procedure"))
			create_function(&s);
		else if (word(&s, "constraint"))
			die(t[0].line, "CREATE CONSTRAINT TRIGGER is not understood");
		else if (word(&s, "trigger"))
			create_trigger(&s);
		else if (word(&s, "view"))
			create_view(&s, temp);
	} else if (word(&s, "drop")) {
		drop(&s);
	} else if (word(&s, "alter")) {
		alter(&s);
	} else if (word(&s, "do")) {
		for (; s.i < s.n; s.i++)
			if (t[s.i].kind == T_STR || t[s.i].kind == T_DSTR)
				refuse_dynamic(t[s.i].text, t[s.i].line, "a DO block");
	}
}

/* Splits a migration into statements at the ';'s outside parentheses and
 * outside the BEGIN ... END of a SQL-standard function body (where CASE
 * ... END nests), as the server's grammar reads a multi-statement script. */
static void migration(const struct dk_migration *m)
{
	static struct toks ts;
	int start = 0, depth = 0, begins = 0;

	g_file = m->name;
	lex(m->sql, m->len, &ts);
	for (int i = 0; i < ts.n; i++) {
		const struct tok *t = &ts.t[i];
		if (t->kind == T_PUNCT && t->text[0] == '(')
			depth++;
		else if (t->kind == T_PUNCT && t->text[0] == ')')
			depth--;
		else if (t->kind == T_WORD && depth == 0) {
			struct st head = {ts.t + start, 0, i - start, m->sql};
			int fn = word(&head, "create") && (!word(&head, "or") || word(&head, "replace")) &&
			         (word(&head, "function") || word(&head, "procedure"));
			if (fn && strcmp(t->text, "begin") == 0)
				begins++;
			else if (fn && strcmp(t->text, "case") == 0 && begins > 0)
				begins++;
			else if (fn && strcmp(t->text, "end") == 0 && begins > 0)
				begins--;
		} else if (t->kind == T_PUNCT && t->text[0] == ';' && depth == 0 && begins == 0) {
			if (i > start)
				statement(ts.t + start, i - start, m->sql);
			start = i + 1;
		}
	}
	if (depth != 0 || begins != 0)
		die(ts.n > 0 ? ts.t[ts.n - 1].line : 1, "the migration ends inside a statement");
	if (start < ts.n)
		statement(ts.t + start, ts.n - start, m->sql);
	for (int i = 0; i < ts.n; i++)
		free(ts.t[i].text);
}

/* ---- output ---- */

static void put_string(FILE *f, const char *s)
{
	if (s == NULL) {
		fputs("NULL", f);
		return;
	}
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\' || *p == '?') /* '?': no trigraphs */
			fprintf(f, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n\"\n\t\t\"", f);
		else if (*p < 0x20 || *p >= 0x7f)
			fprintf(f, "\\%03o", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

static int cmp_fn(const void *a, const void *b)
{
	return strcmp(((const struct fn_def *)a)->name, ((const struct fn_def *)b)->name);
}

static int cmp_trig(const void *a, const void *b)
{
	const struct trig_def *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c != 0 ? c : strcmp(x->table, y->table);
}

static int cmp_view(const void *a, const void *b)
{
	return strcmp(((const struct view_def *)a)->name, ((const struct view_def *)b)->name);
}

static void write_out(FILE *f)
{
	qsort(fns, (size_t)nfns, sizeof *fns, cmp_fn);
	qsort(trigs, (size_t)ntrigs, sizeof *trigs, cmp_trig);
	qsort(views, (size_t)nviews, sizeof *views, cmp_view);
	fputs("/* Generated by src/core/postgres/gen_pg_objects.c from migrations/postgres/. Do not "
	      "edit. */\n#include \"schema_pg.h\"\n\n", f);
	/* each table ends in an entry of zeros, so that none is empty */
	fputs("const struct dk_pg_function dk_pg_functions[] = {\n", f);
	for (int i = 0; i < nfns; i++) {
		fputs("\t{.name = ", f);
		put_string(f, fns[i].name);
		fprintf(f, ", .sha256 = \"%s\", .sql_body = %d,\n\t .sql = ", fns[i].sha,
		        fns[i].sql_body);
		put_string(f, fns[i].sql);
		fputs("},\n", f);
	}
	fprintf(f, "\t{.name = NULL}};\nconst int dk_pg_function_count = %d;\n\n", nfns);
	fputs("const struct dk_pg_trigger dk_pg_triggers[] = {\n", f);
	for (int i = 0; i < ntrigs; i++) {
		const struct trig_def *t = &trigs[i];
		fputs("\t{.name = ", f);
		put_string(f, t->name);
		fputs(", .table = ", f);
		put_string(f, t->table);
		fputs(", .function = ", f);
		put_string(f, t->function);
		fputs(",\n\t .function_sha256 = ", f);
		put_string(f, t->builtin ? NULL : find_fn(t->function)->sha);
		fprintf(f, ", .tgtype = %d, .enabled = '%c', .columns = ", t->tgtype, t->enabled);
		put_string(f, t->columns);
		fputs(", .args = ", f);
		put_string(f, t->args);
		fprintf(f, ", .when = %d,\n\t .sql = ", t->when);
		put_string(f, t->sql);
		fputs("},\n", f);
	}
	fprintf(f, "\t{.name = NULL}};\nconst int dk_pg_trigger_count = %d;\n\n", ntrigs);
	fputs("const struct dk_pg_view dk_pg_views[] = {\n", f);
	for (int i = 0; i < nviews; i++) {
		fputs("\t{.name = ", f);
		put_string(f, views[i].name);
		fputs(",\n\t .sql = ", f);
		put_string(f, views[i].sql);
		fputs("},\n", f);
	}
	fprintf(f, "\t{.name = NULL}};\nconst int dk_pg_view_count = %d;\n", nviews);
}

int main(int argc, char **argv)
{
	FILE *f;

	if (argc != 2) {
		fprintf(stderr, "usage: gen_pg_objects OUT.c\n");
		return 2;
	}
	for (int i = 0; i < dk_pg_migration_count; i++)
		migration(&dk_pg_migrations[i]);
	if ((f = fopen(argv[1], "w")) == NULL) {
		perror(argv[1]);
		return 1;
	}
	write_out(f);
	if (fclose(f) != 0) {
		perror(argv[1]);
		return 1;
	}
	return 0;
}
