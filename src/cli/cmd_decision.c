/* cmd_decision.c: docket decision add | update | link | unlink | accept | reject |
 * supersede | deprecate | list | show | export-md | toc | graph | withdraw. */
#include <string.h>

#include "cli.h"
#include "form.h"
#include "docket/adr.h"
#include "docket/decision.h"
#include "docket/history.h"
#include "docket/key.h"
#include "docket/text.h"
#include "update.h"
#include "withdraw_cli.h"

#define MAX_MULTI 64

static int opt_key(struct ctx *c, struct args *a, const char *name, const char *prefix,
                   const char *what, int64_t *id)
{
	char opt[32];
	long long v;
	int rc;

	*id = 0;
	if (arg_get(a, name) == NULL)
		return DK_OK;
	snprintf(opt, sizeof opt, "--%s", name);
	if ((rc = key_opt(c, opt, arg_get(a, name), prefix, what, &v)) != DK_OK)
		return rc;
	*id = v;
	return DK_OK;
}

/* D-12, 12 or ADR-15 */
static int pos_key(struct ctx *c, const char *in, int64_t *id)
{
	return dk_adr_key(c->db, in, id, &c->err);
}

/* The confirmation of a change to decision d: "D-1 what", or with another
 * record "D-1 what EV-2 tail". */
static int done(struct ctx *c, int rc, int64_t d, const char *what, const char *prefix,
                int64_t other, const char *tail)
{
	char key[DK_KEY_LEN], okey[DK_KEY_LEN];

	if (rc != DK_OK)
		return rc;
	dk_key_format("D", d, key);
	if (prefix == NULL || other == 0) {
		out_done(c->out, key, "%s", what);
	} else {
		dk_key_format(prefix, other, okey);
		out_done(c->out, key, "%s %s%s", what, okey, tail);
	}
	return DK_OK;
}

static int too_many(struct ctx *c, struct args *a, const char *name)
{
	const char *v[MAX_MULTI + 1];

	if (arg_all(a, name, v, MAX_MULTI + 1) > MAX_MULTI)
		return fail(c, DK_EINPUT, "--%s is given more than %d times", name, MAX_MULTI);
	return DK_OK;
}

static int add(struct ctx *c, struct args *a)
{
	const char *specs[MAX_MULTI], *drivers[MAX_MULTI], *tags[MAX_MULTI];
	struct dk_option_spec parsed[MAX_MULTI];
	struct dk_option_in opts[MAX_MULTI];
	struct dk_decision_in in = {0};
	char review_by[DK_DATE_LEN], key[DK_KEY_LEN];
	int n = 0, nspecs, rc;
	int64_t id;

	if ((rc = too_many(c, a, "option")) || (rc = too_many(c, a, "driver")) ||
	    (rc = too_many(c, a, "tag")))
		return rc;
	in.origin = DK_DECISION_NEW;
	in.title = arg_get(a, "title");
	in.area = arg_get(a, "area");
	in.problem = arg_get(a, "problem");
	in.n_drivers = (size_t)arg_all(a, "driver", drivers, MAX_MULTI);
	in.drivers = drivers;
	in.chosen = arg_get(a, "chosen");
	in.rationale = arg_get(a, "rationale");
	in.consequences = arg_get(a, "consequences");
	in.confirmation = arg_get(a, "confirmation");
	in.makers = arg_get(a, "makers");
	in.consulted = arg_get(a, "consulted");
	in.informed = arg_get(a, "informed");
	in.n_tags = (size_t)arg_all(a, "tag", tags, MAX_MULTI);
	in.tags = tags;
	if (arg_get(a, "review-by")) {
		if ((rc = date_opt(c, "--review-by", arg_get(a, "review-by"), review_by)) != DK_OK)
			return rc;
		in.review_by = review_by;
	}
	if ((rc = opt_key(c, a, "blueprint", "BP", "blueprint", &in.blueprint_id)) ||
	    (rc = opt_key(c, a, "context", "CTX", "context", &in.context_id)) ||
	    (rc = opt_key(c, a, "review", "RV", "review", &in.review_id)))
		return rc;
	nspecs = arg_all(a, "option", specs, MAX_MULTI);
	for (; n < nspecs; n++) {
		if ((rc = dk_option_parse(specs[n], &parsed[n], &c->err)) != DK_OK) {
			n++;
			goto out;
		}
		opts[n] = parsed[n].opt;
	}
	in.options = opts;
	in.n_options = (size_t)n;
	if ((rc = dk_decision_add(c->db, &in, &id, &c->err)) == DK_OK) {
		dk_key_format("D", id, key);
		out_value(c->out, "key", key);
	}
out:
	for (int i = 0; i < n; i++)
		dk_option_spec_free(&parsed[i]);
	return rc;
}

/* The values of a repeated option joined by commas (--makers a --makers b,c). */
static int joined(struct ctx *c, struct args *a, const char *name, struct dk_buf *b)
{
	const char *v[MAX_MULTI];
	int n = arg_all(a, name, v, MAX_MULTI);

	for (int i = 0; i < n; i++)
		dk_buf_addf(b, "%s%s", i ? "," : "", v[i]);
	return dk_buf_ok(b) ? DK_OK : fail(c, DK_EDB, "out of memory");
}

static int run_update(struct ctx *c, struct args *a)
{
	const char *specs[MAX_MULTI], *drivers[MAX_MULTI], *tags[MAX_MULTI], *add[MAX_MULTI],
	           *rm[MAX_MULTI];
	struct dk_option_spec parsed[MAX_MULTI];
	struct dk_option_in opts[MAX_MULTI];
	struct dk_decision_update in = {0};
	struct dk_changes ch;
	struct dk_buf makers = {0};
	char review_by[DK_DATE_LEN], key[DK_KEY_LEN];
	const char *rb = arg_get(a, "review-by");
	int n = 0, nspecs, rc;
	int64_t id;

	if ((rc = too_many(c, a, "option")) || (rc = too_many(c, a, "driver")) ||
	    (rc = too_many(c, a, "tag")) || (rc = too_many(c, a, "add-tag")) ||
	    (rc = too_many(c, a, "remove-tag")) || (rc = too_many(c, a, "makers")))
		return rc;
	if ((rc = pos_key(c, a->pos[0], &id)) != DK_OK)
		return rc;
	in.title = arg_get(a, "title");
	in.area = arg_get(a, "area");
	in.problem = arg_get(a, "problem");
	in.n_drivers = (size_t)arg_all(a, "driver", drivers, MAX_MULTI);
	in.drivers = drivers;
	in.chosen = arg_get(a, "chosen");
	in.rationale = arg_get(a, "rationale");
	in.consequences = arg_get(a, "consequences");
	in.confirmation = arg_get(a, "confirmation");
	in.consulted = arg_get(a, "consulted");
	in.informed = arg_get(a, "informed");
	in.n_tags = (size_t)arg_all(a, "tag", tags, MAX_MULTI);
	in.tags = tags;
	in.n_add_tags = (size_t)arg_all(a, "add-tag", add, MAX_MULTI);
	in.add_tags = add;
	in.n_remove_tags = (size_t)arg_all(a, "remove-tag", rm, MAX_MULTI);
	in.remove_tags = rm;
	if (rb && *rb) {
		if ((rc = date_opt(c, "--review-by", rb, review_by)) != DK_OK)
			return rc;
		rb = review_by;
	}
	in.review_by = rb;
	if (arg_get(a, "makers")) {
		if ((rc = joined(c, a, "makers", &makers)) != DK_OK)
			goto out;
		in.makers = dk_buf_str(&makers);
	}
	nspecs = arg_all(a, "option", specs, MAX_MULTI);
	for (; n < nspecs; n++) {
		if ((rc = dk_option_parse(specs[n], &parsed[n], &c->err)) != DK_OK) {
			n++;
			goto out;
		}
		opts[n] = parsed[n].opt;
	}
	in.options = opts;
	in.n_options = (size_t)n;
	if ((rc = dk_decision_update(c->db, id, &in, &ch, &c->err)) == DK_OK) {
		dk_key_format("D", id, key);
		rc = update_confirm(c, key, &ch);
	}
out:
	for (int i = 0; i < n; i++)
		dk_option_spec_free(&parsed[i]);
	dk_buf_free(&makers);
	return rc;
}

/* The form of decision add --edit and --from: one-line fields first. */
static const struct dk_form_field add_form[] = {
	{"Title", "title", DK_FORM_LINE, 0, NULL},
	{"Area", "area", DK_FORM_LINE, 0, NULL},
	{"Chosen", "chosen", DK_FORM_LINE, 0, NULL},
	{"Makers", "makers", DK_FORM_LINE, 0, NULL},
	{"Consulted", "consulted", DK_FORM_LINE, 0, NULL},
	{"Informed", "informed", DK_FORM_LINE, 0, NULL},
	{"Review-by", "review-by", DK_FORM_LINE, 0, NULL},
	{"Blueprint", "blueprint", DK_FORM_LINE, 0, NULL},
	{"Context", "context", DK_FORM_LINE, 0, NULL},
	{"Review", "review", DK_FORM_LINE, 0, NULL},
	{"Tag", "tag", DK_FORM_LINES, 0, NULL},
	{"Problem", "problem", DK_FORM_TEXT, 0, NULL},
	{"Options", "option", DK_FORM_ITEMS, 0, NULL},
	{"Drivers", "driver", DK_FORM_ITEMS, 0, NULL},
	{"Rationale", "rationale", DK_FORM_TEXT, 0, NULL},
	{"Consequences", "consequences", DK_FORM_TEXT, 0, NULL},
	{"Confirmation", "confirmation", DK_FORM_TEXT, 0, NULL},
	{NULL, NULL, 0, 0, NULL},
};

static int run_add(struct ctx *c, struct args *a)
{
	struct form f;
	int rc = form_open(c, a, add_form, &f);

	return rc != DK_OK ? rc : form_close(c, &f, add(c, a));
}

static int run_link(struct ctx *c, struct args *a)
{
	int64_t d, ev;
	int rc;

	if ((rc = pos_key(c, a->pos[0], &d)) || (rc = opt_key(c, a, "evidence", "EV", "evidence", &ev)))
		return rc;
	return done(c, dk_decision_link(c->db, d, ev, arg_flag(a, "contradicts"), &c->err), d,
	            "linked to", "EV", ev,
	            arg_flag(a, "contradicts") ? " (contradicts it)" : " (supports it)");
}

static int run_unlink(struct ctx *c, struct args *a)
{
	int64_t d, ev;
	int rc;

	if ((rc = pos_key(c, a->pos[0], &d)) || (rc = opt_key(c, a, "evidence", "EV", "evidence", &ev)))
		return rc;
	return done(c, dk_decision_unlink(c->db, d, ev, &c->err), d, "unlinked from", "EV", ev, "");
}

static int run_accept(struct ctx *c, struct args *a)
{
	int64_t d, rv;
	int rc;

	if ((rc = pos_key(c, a->pos[0], &d)) || (rc = opt_key(c, a, "review", "RV", "review", &rv)))
		return rc;
	return done(c, dk_decision_accept(c->db, d, rv, c->today, &c->err), d,
	            rv ? "accepted in" : "accepted", "RV", rv, "");
}

static int run_reject(struct ctx *c, struct args *a)
{
	int64_t d;
	int rc = pos_key(c, a->pos[0], &d);

	return rc ? rc : done(c, dk_decision_reject(c->db, d, arg_get(a, "reason"), c->today, &c->err),
	                      d, "rejected", NULL, 0, "");
}

static int run_deprecate(struct ctx *c, struct args *a)
{
	int64_t d;
	int rc = pos_key(c, a->pos[0], &d);

	return rc ? rc : done(c, dk_decision_deprecate(c->db, d, arg_get(a, "reason"), c->today,
	                                               &c->err), d, "deprecated", NULL, 0, "");
}

static int run_supersede(struct ctx *c, struct args *a)
{
	int64_t old, by;
	int rc;

	if ((rc = pos_key(c, a->pos[0], &old)) || (rc = opt_key(c, a, "by", "D", "decision", &by)))
		return rc;
	return done(c, dk_decision_supersede(c->db, old, by, &c->err), old, "superseded by", "D",
	            by, "");
}

static int run_list(struct ctx *c, struct args *a)
{
	struct dk_decision_filter f = {0};
	char since[DK_DATE_LEN], until[DK_DATE_LEN];
	int rc;

	f.status = arg_get(a, "status");
	f.area = arg_get(a, "area");
	f.tag = arg_get(a, "tag");
	f.maker = arg_get(a, "maker");
	f.search = arg_get(a, "search");
	f.review_overdue = arg_flag(a, "review-overdue");
	f.today = c->today;
	if ((rc = opt_key(c, a, "blueprint", "BP", "blueprint", &f.blueprint_id)) != DK_OK)
		return rc;
	if (arg_get(a, "since")) {
		if ((rc = date_opt(c, "--since", arg_get(a, "since"), since)) != DK_OK)
			return rc;
		f.since = since;
	}
	if (arg_get(a, "until")) {
		if ((rc = date_opt(c, "--until", arg_get(a, "until"), until)) != DK_OK)
			return rc;
		f.until = until;
	}
	out_list(c->out, NULL);
	return dk_decision_list(c->db, &f, out_row, c->out, &c->err);
}

static int run_show(struct ctx *c, struct args *a)
{
	int64_t id;
	int rc;

	if ((rc = pos_key(c, a->pos[0], &id)) || (rc = dk_decision_exists(c->db, id, &c->err)))
		return rc;
	out_record(c->out, "decision");
	if ((rc = dk_decision_get(c->db, id, out_row, c->out, &c->err)) != DK_OK)
		return rc;
	if ((rc = withdraw_section(c, DK_WITHDRAW_DECISION, id)) != DK_OK)
		return rc;
	out_list(c->out, "options");
	if ((rc = dk_decision_options(c->db, id, out_row, c->out, &c->err)) != DK_OK)
		return rc;
	out_list(c->out, "evidence");
	if ((rc = dk_decision_evidence(c->db, id, out_row, c->out, &c->err)) != DK_OK)
		return rc;
	out_list(c->out, "supersession");
	if ((rc = dk_decision_chain(c->db, id, out_row, c->out, &c->err)) != DK_OK)
		return rc;
	out_list(c->out, "links");
	if ((rc = dk_adr_links(c->db, id, out_row, c->out, &c->err)) != DK_OK)
		return rc;
	out_list(c->out, "risks");
	if ((rc = dk_decision_risks(c->db, id, out_row, c->out, &c->err)) != DK_OK)
		return rc;
	out_list(c->out, "history");
	return dk_history_decision(c->db, id, out_row, c->out, &c->err);
}

static int run_withdraw(struct ctx *c, struct args *a)
{
	int64_t id;
	int rc = pos_key(c, a->pos[0], &id);

	return rc ? rc : withdraw_record(c, a, DK_WITHDRAW_DECISION, id);
}

static int run_export(struct ctx *c, struct args *a)
{
	int64_t ids[ARGS_MAX];
	static const char *const styles[] = {"adr-tools", "madr", NULL};
	const char *style = arg_get(a, "style");
	int rc, st = DK_ADR_MADR;

	if (style && strcmp(style, "adr-tools") == 0)
		st = DK_ADR_TOOLS;
	else if (style && strcmp(style, "madr") != 0)
		return dk_check_enum("--style", style, styles, &c->err);
	for (int i = 0; i < a->npos; i++)
		if ((rc = pos_key(c, a->pos[i], &ids[i])) != DK_OK)
			return rc;
	out_list(c->out, NULL);
	return dk_adr_export(c->db, ids, (size_t)a->npos, arg_get(a, "dir"), st, out_row, c->out,
	                     &c->err);
}

/* A whole document on stdout, written only once it is complete. */
static int document(int rc, struct dk_buf *b)
{
	if (rc == DK_OK)
		fwrite(b->p ? b->p : "", 1, b->len, stdout);
	dk_buf_free(b);
	return rc;
}

static int run_toc(struct ctx *c, struct args *a)
{
	struct dk_buf b = {0};

	return document(dk_adr_toc(c->db, arg_get(a, "prefix"), &b, &c->err), &b);
}

static int run_graph(struct ctx *c, struct args *a)
{
	struct dk_buf b = {0};

	return document(dk_adr_graph(c->db, arg_get(a, "prefix"), arg_get(a, "extension"), &b,
	                                &c->err), &b);
}

static const struct opt add_opts[] = {
	{"title", "TEXT", OPT_REQUIRED, "what was decided, in a few words"},
	{"area", "AREA", OPT_REQUIRED, "data, training, packaging, serving, monitoring or governance"},
	{"problem", "TEXT", OPT_REQUIRED, "the context and problem statement"},
	{"option", "SPEC", OPT_REQUIRED | OPT_MULTI,
	 "a considered option: 'NAME', or 'NAME|pro: TEXT|con: TEXT|...'"},
	{"chosen", "NAME", OPT_REQUIRED, "the option chosen (one of the --option names)"},
	{"rationale", "TEXT", OPT_REQUIRED, "why it was chosen"},
	{"driver", "TEXT", OPT_MULTI, "a decision driver (force or concern)"},
	{"consequences", "TEXT", 0, "what follows, good and bad"},
	{"confirmation", "TEXT", 0, "how compliance with the decision will be checked"},
	{"makers", "H1,H2", 0, "decision makers: person handles"},
	{"consulted", "LIST", 0, "who was consulted, comma-separated"},
	{"informed", "LIST", 0, "who is kept informed, comma-separated"},
	{"review-by", "DATE", 0, "when the decision should be looked at again"},
	{"blueprint", "KEY", 0, "the blueprint it belongs to"},
	{"context", "KEY", 0, "the context it was taken for"},
	{"review", "KEY", 0, "the design review it was taken in"},
	{"tag", "TAG", OPT_MULTI, "a tag ([a-z0-9._-])"},
	FORM_OPTS,
	{NULL, NULL, 0, NULL},
};

static const struct opt update_opts[] = {
	{"title", "TEXT", 0, "proposed only: what is decided"},
	{"area", "AREA", 0, "proposed only: an area, as in decision add"},
	{"problem", "TEXT", 0, "proposed only: the problem statement"},
	{"option", "SPEC", OPT_MULTI, "proposed only: replaces the options"},
	{"chosen", "NAME", 0, "proposed only: the option chosen"},
	{"rationale", "TEXT", 0, "proposed only: why it is chosen"},
	{"driver", "TEXT", OPT_MULTI, "proposed only: replaces the drivers"},
	{"consequences", "TEXT", 0, "proposed only: what follows ('' clears)"},
	{"confirmation", "TEXT", 0, "proposed only: how it is checked ('' clears)"},
	{"consulted", "LIST", 0, "proposed only: who was consulted ('' clears)"},
	{"informed", "LIST", 0, "proposed only: who is informed ('' clears)"},
	{"makers", "H1,H2", OPT_MULTI, "replaces the makers: person handles ('' clears)"},
	{"tag", "TAG", OPT_MULTI, "replaces the tags"},
	{"add-tag", "TAG", OPT_MULTI, "adds a tag"},
	{"remove-tag", "TAG", OPT_MULTI, "removes a tag"},
	{"review-by", "DATE", 0, "when to look at it again ('' clears)"},
	{NULL, NULL, 0, NULL},
};

static const struct opt link_opts[] = {
	{"evidence", "KEY", OPT_REQUIRED, "the evidence (EV-n)"},
	{"contradicts", NULL, 0, "it contradicts the decision (default: supports it)"},
	{NULL, NULL, 0, NULL},
};

static const struct opt unlink_opts[] = {
	{"evidence", "KEY", OPT_REQUIRED, "the evidence (EV-n)"},
	{NULL, NULL, 0, NULL},
};

static const struct opt accept_opts[] = {
	{"review", "KEY", 0, "the design review that accepted it"},
	{NULL, NULL, 0, NULL},
};

static const struct opt reason_opts[] = {
	{"reason", "TEXT", OPT_REQUIRED, "why"},
	{NULL, NULL, 0, NULL},
};

static const struct opt supersede_opts[] = {
	{"by", "KEY", OPT_REQUIRED, "the accepted decision that replaces it"},
	{NULL, NULL, 0, NULL},
};

static const struct opt list_opts[] = {
	{"status", "S", 0, "proposed, accepted, rejected, superseded, deprecated, withdrawn or all "
	 "(default: not withdrawn)"},
	{"area", "AREA", 0, "only this area"},
	{"blueprint", "KEY", 0, "only this blueprint's decisions"},
	{"tag", "TAG", 0, "only decisions with this tag"},
	{"maker", "HANDLE", 0, "only decisions this person made"},
	{"since", "DATE", 0, "decided (or proposed) on or after"},
	{"until", "DATE", 0, "decided (or proposed) on or before"},
	{"search", "TEXT", 0, "words (or their beginnings) in the title, problem, drivers, options or rationale"},
	{"review-overdue", NULL, 0, "accepted decisions whose review-by date has passed"},
	{NULL, NULL, 0, NULL},
};

static const struct opt export_opts[] = {
	{"dir", "DIR", OPT_REQUIRED, "the directory to write into (created when missing); an imported "
	 "decision keeps its file's name, others are NNNN-title-slug.md"},
	{"style", "STYLE", 0, "madr (default: MADR 4 with front matter) or adr-tools (# N. Title, Date:, "
	 "## Status)"},
	{NULL, NULL, 0, NULL},
};

static const struct opt toc_opts[] = {
	{"prefix", "TEXT", 0, "put before each link (as 'adr generate toc -p')"},
	{NULL, NULL, 0, NULL},
};

static const struct opt graph_opts[] = {
	{"prefix", "TEXT", 0, "put before each node's URL"},
	{"extension", "EXT", 0, "of each node's URL (default .html)"},
	{NULL, NULL, 0, NULL},
};

const struct cmd cmds_decision[] = {
	{"add", NULL, 0, 0, "record a proposed decision with its options", add_opts, CMD_FORM,
	 run_add},
	{"update", "KEY", 1, 1, "correct a decision (content only while proposed)", update_opts, 0,
	 run_update},
	{"link", "KEY", 1, 1, "link evidence to a decision", link_opts, 0, run_link},
	{"unlink", "KEY", 1, 1, "remove a link to evidence", unlink_opts, 0, run_unlink},
	{"accept", "KEY", 1, 1, "accept a proposed decision (needs supporting evidence)", accept_opts,
	 0, run_accept},
	{"reject", "KEY", 1, 1, "reject a proposed decision", reason_opts, 0, run_reject},
	{"supersede", "KEY", 1, 1, "replace an accepted decision by another", supersede_opts, 0,
	 run_supersede},
	{"deprecate", "KEY", 1, 1, "retire an accepted decision", reason_opts, 0, run_deprecate},
	{"list", NULL, 0, 0, "list decisions", list_opts, 0, run_list},
	{"show", "KEY", 1, 1, "a decision: options, evidence, supersession, risks, history",
	 NULL, 0, run_show},
	{"export-md", "[KEY...]", 0, ARGS_MAX, "write decisions as ADR files (MADR or adr-tools) that "
	 "import back to the same decisions", export_opts, 0, run_export},
	{"toc", NULL, 0, 0, "a Markdown index of the decisions, as 'adr generate toc'", toc_opts, 0,
	 run_toc},
	{"graph", NULL, 0, 0, "the decisions and their links as Graphviz DOT, as 'adr generate graph'",
	 graph_opts, 0, run_graph},
	{"withdraw", "KEY", 1, 1, "withdraw a decision recorded by mistake (kept, with the reason)",
	 withdraw_opts, 0, run_withdraw},
	{0},
};
