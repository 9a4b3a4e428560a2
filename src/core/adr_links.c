/* adr_links.c: the links ADR files state, resolved by the file they point
 * at (or an ADR number), checked for supersession cycles, and written as
 * supersessions and typed links once every file has its decision. */
#include "adr_import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/db.h"
#include "docket/decision.h"

#include "dialect.h"

/* ---- links ------------------------------------------------------------ */

/* dir of from joined with target, "." and ".." resolved; 0 when it climbs
 * out of the directory. */
static int join(const char *from, const char *target, char *out, size_t size)
{
	char buf[2200], *seg[256];
	const char *slash = strrchr(from, '/');
	size_t n = 0, len = 0;

	if (target[0] == '/')
		return 0;
	snprintf(buf, sizeof buf, "%.*s%s%s", slash ? (int)(slash - from) : 0, from, slash ? "/" : "",
	         target);
	for (char *t = strtok(buf, "/"); t; t = strtok(NULL, "/")) {
		if (strcmp(t, ".") == 0)
			continue;
		if (strcmp(t, "..") == 0) {
			if (n == 0)
				return 0;
			n--;
			continue;
		}
		if (n < 256)
			seg[n++] = t;
	}
	out[0] = '\0';
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(out + len, len < size ? size - len : 0, "%s%s", i ? "/" : "", seg[i]);
	return len < size && n > 0;
}

static int find_entry(struct run *r, const char *file)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->es[i].file, file) == 0)
			return (int)i;
	return -1;
}

/* Resolves link k of e; 0 with a message in why when it cannot be. */
static int resolve(struct run *r, struct entry *e, size_t k, char *why, size_t size)
{
	const struct dk_adr_link *l = &e->a.links[k];
	struct target *t = &e->to[k];
	int found = 0;

	t->entry = -1;
	t->id = 0;
	if (l->target) {
		char path[1100];
		const char *base = strrchr(l->target, '/') ? strrchr(l->target, '/') + 1 : l->target;
		struct dk_adr_source src;
		if (join(e->file, l->target, path, sizeof path) && (t->entry = find_entry(r, path)) >= 0)
			return 1;
		if (join(e->file, l->target, path, sizeof path) &&
		    dk_adr_source_by_file(r->db, r->collection, path, &src, &found, r->err) == DK_OK && found) {
			t->id = src.decision_id;
			return 1;
		}
		/* a link out of the directory (another package's, another root):
		 * the one file of that name */
		if (join(e->file, l->target, path, sizeof path))
			goto missing;
		for (size_t i = 0, hits = 0; i < r->n; i++) {
			const char *b = strrchr(r->es[i].file, '/') ? strrchr(r->es[i].file, '/') + 1
			                                            : r->es[i].file;
			if (strcmp(b, base) == 0 && ++hits == 1)
				t->entry = (int)i;
			else if (strcmp(b, base) == 0)
				t->entry = -2;
		}
		if (t->entry >= 0)
			return 1;
	missing:
		snprintf(why, size, "%s:%d: links to '%.200s', which is neither in the directory nor in "
		         "the database", e->file, l->line, l->target);
		t->entry = -1;
		return 0;
	}
	/* by number: "superseded by ADR-0005" */
	for (size_t i = 0; i < r->n; i++)
		if (r->es[i].kind == DK_ADR_NAME_ADR && r->es[i].result != R_REFUSED &&
		    r->es[i].a.number == l->number) {
			if (t->entry >= 0) {
				snprintf(why, size, "%.300s:%d: links to ADR %lld, which is both %.300s and %.300s", e->file,
				         l->line, (long long)l->number, r->es[t->entry].file, r->es[i].file);
				return 0;
			}
			t->entry = (int)i;
		}
	if (t->entry >= 0)
		return 1;
	if (dk_adr_find_number_in(r->db, r->collection, l->number, &t->id, &found, r->err) == DK_OK &&
	    found)
		return 1;
	snprintf(why, size, "%s:%d: links to ADR %lld, which is neither in the directory nor in the "
	         "database", e->file, l->line, (long long)l->number);
	return 0;
}

static int node_of(const struct run *r, int e, int64_t id)
{
	(void)r;
	return e >= 0 ? e : -1 - (int)(id > 0 && id < 0x3fffffff ? id : 0);
}

static int add_edge(struct graph *g, struct edge ed)
{
	for (size_t i = 0; i < g->n; i++)
		if (g->v[i].new_e == ed.new_e && g->v[i].old_e == ed.old_e &&
		    g->v[i].new_id == ed.new_id && g->v[i].old_id == ed.old_id)
			return 0;
	if (g->n == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 64;
		struct edge *v = realloc(g->v, cap * sizeof *v);
		if (v == NULL)
			return -1;
		g->v = v;
		g->cap = cap;
	}
	g->v[g->n++] = ed;
	return 0;
}

/* The name of a node on a cycle: its file, else its decision. */
static void node_name(const struct run *r, int e, int64_t id, struct dk_buf *b)
{
	if (e >= 0)
		dk_buf_addf(b, " -> %s", r->es[e].file);
	else
		dk_buf_addf(b, " -> D-%lld", (long long)id);
}

/* 1 when from reaches to through edges (new -> old): with the edge that
 * closes it, a cycle. The nodes after from are pushed, last first. */
static int reaches(const struct run *r, const struct graph *g, int from, int to, int depth,
                   const struct edge **via, int *n)
{
	if (from == to)
		return 1;
	if (depth >= 64)
		return 0;
	for (size_t i = 0; i < g->n; i++) {
		const struct edge *ed = &g->v[i];
		if (node_of(r, ed->new_e, ed->new_id) != from)
			continue;
		if (reaches(r, g, node_of(r, ed->old_e, ed->old_id), to, depth + 1, via, n)) {
			via[(*n)++] = ed;
			return 1;
		}
	}
	return 0;
}

static void mark_cycles(struct run *r, struct graph *g)
{
	for (size_t i = 0; i < g->n; i++) {
		struct edge *ed = &g->v[i];
		const struct edge *via[64];
		int n = 0, nn, on;
		if (ed->from < 0)
			continue;
		nn = node_of(r, ed->new_e, ed->new_id);
		on = node_of(r, ed->old_e, ed->old_id);
		if (nn == on) {
			char msg[1300];
			snprintf(msg, sizeof msg, "%.300s:%d: supersedes itself", r->es[ed->from].file, ed->line);
			adr_refuse(&r->es[ed->from], msg);
			continue;
		}
		if (reaches(r, g, on, nn, 0, via, &n)) {
			/* new -> old -> ... -> new, each file on it refused */
			struct dk_buf path = {0};
			char msg[2000];
			node_name(r, ed->new_e, ed->new_id, &path);
			node_name(r, ed->old_e, ed->old_id, &path);
			for (int k = n - 1; k >= 0; k--)
				node_name(r, via[k]->old_e, via[k]->old_id, &path);
			snprintf(msg, sizeof msg, "%.300s:%d: supersession cycle: %.1200s", r->es[ed->from].file,
			         ed->line, dk_buf_str(&path) + 4);
			if (ed->new_e >= 0 && r->es[ed->new_e].result != R_REFUSED)
				adr_refuse(&r->es[ed->new_e], msg);
			for (int k = 0; k < n; k++)
				if (via[k]->new_e >= 0 && r->es[via[k]->new_e].result != R_REFUSED)
					adr_refuse(&r->es[via[k]->new_e], msg);
			dk_buf_free(&path);
		}
	}
}

static const char SQL_DB_EDGES[] =
	"SELECT id, supersedes_id FROM decision WHERE supersedes_id IS NOT NULL";

/* The supersessions the database has, so that a file cannot close a cycle
 * through decisions no file states. */
static int db_edges(struct run *r, struct graph *g)
{
	struct dk_stmt *s = NULL;
	int rc;

	if ((rc = dk_stmt_prepare(r->db, &s, SQL_DB_EDGES, r->err)) != DK_OK)
		return rc;
	while ((rc = dk_stmt_step(s, r->err)) == DK_ROW) {
		struct edge ed = {-1, -1, dk_col_int(s, 0), dk_col_int(s, 1), -1, 0};
		for (size_t j = 0; j < r->n; j++) {
			if (r->es[j].id == ed.new_id)
				ed.new_e = (int)j;
			if (r->es[j].id == ed.old_id)
				ed.old_e = (int)j;
		}
		if (add_edge(g, ed) != 0) {
			rc = dk_fail(r->err, DK_EDB, "out of memory");
			break;
		}
	}
	dk_stmt_finalize(&s);
	return rc == DK_DONE ? DK_OK : rc;
}

/* Resolves every link of the files still taken, refusing what cannot be
 * linked, and builds the supersession graph. Repeats until no refusal
 * removes a target another file needs. */
int adr_link_files(struct run *r, struct graph *g)
{
	int rc;

	for (int again = 1; again;) {
		again = 0;
		g->n = 0;
		for (size_t i = 0; i < r->n; i++) {
			struct entry *e = &r->es[i];
			char why[1300];
			if (!adr_taken(e))
				continue;
			for (size_t k = 0; k < e->a.n_links && adr_taken(e); k++) {
				const struct dk_adr_link *l = &e->a.links[k];
				struct edge ed = {0};
				if (!resolve(r, e, k, why, sizeof why)) {
					if (r->err->status != DK_OK)
						return r->err->status;
					if (l->kind == DK_ADR_TYPED) {
						/* a reference, not a supersession: said, and the rest kept */
						if (!strstr(dk_buf_str(&e->note), why))
							adr_say(e, "link not kept: %s", why);
						continue;
					}
					adr_refuse(e, why);
					again = 1;
					break;
				}
				if ((e->to[k].entry == (int)i) || (e->to[k].entry < 0 && e->to[k].id == e->id &&
				                                   e->id != 0)) {
					snprintf(why, sizeof why, "%s:%d: %s itself", e->file, l->line,
					         l->kind == DK_ADR_TYPED ? "links to" : "supersedes");
					adr_refuse(e, why);
					again = 1;
					break;
				}
				if (e->to[k].entry >= 0 && !adr_taken(&r->es[e->to[k].entry]))
					continue; /* said on its row when links are made */
				if (l->kind == DK_ADR_TYPED)
					continue;
				ed.from = (int)i;
				ed.line = l->line;
				if (l->kind == DK_ADR_SUPERSEDES) {
					ed.new_e = (int)i;
					ed.new_id = e->id;
					ed.old_e = e->to[k].entry;
					ed.old_id = e->to[k].entry >= 0 ? r->es[e->to[k].entry].id : e->to[k].id;
				} else {
					ed.old_e = (int)i;
					ed.old_id = e->id;
					ed.new_e = e->to[k].entry;
					ed.new_id = e->to[k].entry >= 0 ? r->es[e->to[k].entry].id : e->to[k].id;
				}
				if (ed.new_e >= 0 && r->es[ed.new_e].id)
					ed.new_id = r->es[ed.new_e].id;
				if (ed.old_e >= 0 && r->es[ed.old_e].id)
					ed.old_id = r->es[ed.old_e].id;
				/* a decision already in the database is known by its entry, if it has one */
				for (size_t j = 0; j < r->n; j++) {
					if (ed.new_e < 0 && ed.new_id && r->es[j].id == ed.new_id)
						ed.new_e = (int)j;
					if (ed.old_e < 0 && ed.old_id && r->es[j].id == ed.old_id)
						ed.old_e = (int)j;
				}
				if (add_edge(g, ed) != 0)
					return dk_fail(r->err, DK_EDB, "out of memory");
			}
		}
		if (!again) {
			size_t before = 0, after = 0;
			if ((rc = db_edges(r, g)) != DK_OK)
				return rc;
			for (size_t i = 0; i < r->n; i++)
				before += r->es[i].result == R_REFUSED;
			mark_cycles(r, g);
			for (size_t i = 0; i < r->n; i++)
				after += r->es[i].result == R_REFUSED;
			again = after != before;
		}
	}
	return DK_OK;
}

static int status_of(struct run *r, int64_t id, char status[16])
{
	return dk_decision_status(r->db, id, status, r->err);
}

static const char SQL_SUPERSEDES_OF[] = "SELECT supersedes_id FROM decision WHERE id = :id";
static const char SQL_SUPERSEDED_BY[] = "SELECT id FROM decision WHERE supersedes_id = :id";
static const char SQL_MARK_SUPERSEDED[] =
	"UPDATE decision SET status = 'superseded' WHERE id = :id AND status = 'accepted'";

static int one(struct run *r, const char *sql, int64_t id, int64_t *v, int *found)
{
	struct dk_stmt *s = NULL;
	int rc;

	*found = 0;
	*v = 0;
	if ((rc = dk_stmt_prepare(r->db, &s, sql, r->err)) != DK_OK)
		return rc;
	dk_bind_int(s, ":id", id);
	rc = dk_stmt_one_int(s, v, found, r->err);
	dk_stmt_finalize(&s);
	if (rc == DK_OK && *found && *v == 0)
		*found = 0; /* NULL */
	return rc;
}

static int64_t id_of(const struct run *r, int e, int64_t id)
{
	return e >= 0 ? r->es[e].id : id;
}

/* new supersedes old: the link, and old's status when it still says
 * accepted. docket keeps one supersession each way in its column; a second
 * one is kept as a typed link by the file that states it. */
static int supersede(struct run *r, const struct edge *ed)
{
	int64_t nid = id_of(r, ed->new_e, ed->new_id), oid = id_of(r, ed->old_e, ed->old_id), cur, by;
	int has_cur, has_by, rc;
	char status[16];

	if (nid == 0 || oid == 0)
		return DK_OK;
	if ((rc = one(r, SQL_SUPERSEDES_OF, nid, &cur, &has_cur)) != DK_OK ||
	    (rc = one(r, SQL_SUPERSEDED_BY, oid, &by, &has_by)) != DK_OK)
		return rc;
	if (!has_cur && !has_by && (rc = dk_decision_set_supersedes(r->db, nid, oid, r->err)) != DK_OK)
		return rc;
	if ((rc = status_of(r, oid, status)) != DK_OK)
		return rc;
	if (strcmp(status, "accepted") == 0) {
		if ((rc = dk_db_exec_id(r->db, SQL_MARK_SUPERSEDED, oid, r->err)) != DK_OK)
			return rc;
		if (ed->old_e >= 0) {
			struct entry *o = &r->es[ed->old_e];
			adr_say(o, "marked superseded: %s supersedes it (its file says %s)",
			    ed->new_e >= 0 ? r->es[ed->new_e].file : "another decision", o->a.status);
			if (o->result == R_UNCHANGED)
				o->wrote = 1;
		}
	}
	return DK_OK;
}

static const struct dk_sql SQL_LINKS_NOW = {
	.sqlite = "SELECT group_concat(label || char(31) || dst_id, char(30)) FROM "
	          "(SELECT label, dst_id FROM decision_link WHERE src_id = :id ORDER BY ordinal) l",
	.postgres = "SELECT string_agg(label || chr(31) || dst_id, chr(30) ORDER BY ordinal) "
	            "FROM decision_link WHERE src_id = :id",
};

/* e's typed links (and supersessions docket keeps no column for), written
 * only when they differ from what the database has. */
static int typed_links(struct run *r, struct entry *e, const struct graph *g)
{
	const char *labels[DK_ADR_MAX_ITEMS * 2];
	int64_t dst[DK_ADR_MAX_ITEMS * 2];
	size_t n = 0;
	struct dk_buf want = {0};
	struct dk_stmt *s = NULL;
	int rc;

	for (size_t k = 0; k < e->a.n_links; k++) {
		const struct dk_adr_link *l = &e->a.links[k];
		int64_t d = id_of(r, e->to[k].entry, e->to[k].id);
		if (d == 0) {
			if (e->to[k].entry >= 0)
				adr_say(e, "link to %s not made: it was not imported", r->es[e->to[k].entry].file);
			continue;
		}
		if (l->kind == DK_ADR_TYPED) {
			labels[n] = l->label;
			dst[n++] = d;
		} else {
			/* a supersession the column could not hold */
			int sup = l->kind == DK_ADR_SUPERSEDES;
			int64_t cur;
			int has;
			if ((rc = one(r, SQL_SUPERSEDES_OF, sup ? e->id : d, &cur, &has)) != DK_OK)
				return rc;
			if (!(has && cur == (sup ? d : e->id))) {
				labels[n] = sup ? "Supersedes" : "Superseded by";
				dst[n++] = d;
			}
		}
	}
	(void)g;
	for (size_t i = 0; i < n; i++)
		dk_buf_addf(&want, "%s%s\x1f%lld", i ? "\x1e" : "", labels[i], (long long)dst[i]);
	if ((rc = dk_stmt_prepare(r->db, &s, dk_sql_for(r->db, &SQL_LINKS_NOW), r->err)) != DK_OK)
		goto out;
	dk_bind_int(s, ":id", e->id);
	if ((rc = dk_stmt_step(s, r->err)) == DK_ROW) {
		const char *have = dk_col_text(s, 0);
		rc = strcmp(have ? have : "", dk_buf_str(&want)) == 0 ? DK_OK : 1;
	}
	dk_stmt_finalize(&s);
	if (rc == 1) {
		rc = dk_adr_links_set(r->db, e->id, labels, dst, n, r->err);
		if (rc == DK_OK && e->result == R_UNCHANGED)
			e->wrote = 1;
	}
out:
	dk_buf_free(&want);
	return rc;
}

int adr_make_links(struct run *r, const struct graph *g)
{
	int rc = DK_OK;

	for (size_t i = 0; i < g->n && rc == DK_OK; i++) {
		const struct edge *ed = &g->v[i];
		if (ed->from < 0 || (ed->new_e >= 0 && !adr_taken(&r->es[ed->new_e])) ||
		    (ed->old_e >= 0 && !adr_taken(&r->es[ed->old_e])) || !adr_taken(&r->es[ed->from]))
			continue;
		rc = supersede(r, ed);
	}
	for (size_t i = 0; i < r->n && rc == DK_OK; i++)
		if (adr_taken(&r->es[i]) && r->es[i].kind == DK_ADR_NAME_ADR && r->es[i].id)
			rc = typed_links(r, &r->es[i], g);
	return rc;
}

