/* help_topics.c: 'docket help TOPIC', the things every command shares:
 * dates, formats, keys, exit codes, the check rules and the environment.
 * Each text says what the code does (date.c, out.c, key.c, check.c,
 * main.c); tests/cli/test_help.sh holds it to the code where it can. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "docket/key.h"

/* A paragraph, then a blank line unless it is the last. */
static void para(FILE *f, const char *text, int last)
{
	help_wrap(f, text, 0, 0);
	if (!last)
		fputc('\n', f);
}

/* "  left  text", text wrapped under its own column (\001 in text is a
 * space not to break at). */
static void item(FILE *f, int left_width, const char *left, const char *text)
{
	int n = fprintf(f, "  %-*s ", left_width, left);

	help_wrap(f, text, n > 0 ? (size_t)n : 0, (size_t)left_width + 3);
}

static void topic_dates(FILE *f)
{
	para(f, "Every option that takes a DATE (--due, --review-by, --since, --as-of, "
	     "--expires, ...) and the date columns of a CSV import accept:", 0);
	item(f, 12, "YYYY-MM-DD", "a day from 1900-01-01 to 9999-12-31 (2026-02-30 is refused)");
	item(f, 12, "today", "today's date");
	item(f, 12, "tomorrow", "the day after today");
	item(f, 12, "yesterday", "the day before today");
	item(f, 12, "+Nd, -Nd", "N days after or before today, N at most 5 digits (+90d, -7d)");
	item(f, 12, "+Nw, -Nw", "N weeks after or before today (+2w)");
	item(f, 12, "eow", "the Sunday that ends today's ISO week (today, on a Sunday)");
	item(f, 12, "eom", "the last day of today's month");
	fputc('\n', f);
	para(f, "Today is the UTC date, unless --today or DOCKET_TODAY fixes it; those take "
	     "YYYY-MM-DD only, for reproducible reports and tests. A relative date that falls "
	     "outside 1900-01-01 to 9999-12-31 is refused as out of range, never wrapped.", 0);
	para(f, "A date is a whole day, without a time zone. Timestamps (when a record was "
	     "created, the audit trail) are UTC, written as 2026-11-23T10:42:03Z.", 1);
}

static void topic_formats(FILE *f)
{
	para(f, "--format FMT chooses how a command writes its rows (default table):", 0);
	item(f, 6, "table", "aligned columns, for reading in a terminal");
	item(f, 6, "md", "a Markdown table (a list for one record), for chat, mail and wikis; "
	     "'|' is escaped and <, > and & are written as HTML entities, so no text "
	     "carries markup into a rendered page");
	item(f, 6, "csv", "RFC 4180 with a header row, for spreadsheets; a text cell that starts "
	     "with =, +, -, @, a tab, CR or LF gets a leading ' against formula injection");
	item(f, 6, "json", "an array for a list, an object keyed by section for a show, for "
	     "scripts (jq)");
	item(f, 6, "tree", "lineage only, and its default: the records as an indented tree");
	item(f, 6, "dot", "lineage only: a Graphviz graph (docket lineage R-3 --format dot | "
	     "dot\001-Tsvg)");
	fputc('\n', f);
	para(f, "report weekly has a --format of its own: md (default), html (one "
	     "self-contained page) or json. decision graph always writes DOT.", 0);
	para(f, "Output is byte-stable in pipes and files: the same records, options and "
	     "today's date (--today) give the same bytes, so it can be diffed, hashed and "
	     "kept under version control. md, csv and json never depend on the terminal; on a "
	     "terminal, other output may be fitted to its width (COLUMNS). Output is held "
	     "until the command succeeds: a command that fails prints nothing on standard "
	     "output (past 1\001MiB, output streams).", 1);
}

static void topic_keys(FILE *f)
{
	const char *prefix, *what;
	char left[16];

	para(f, "Every record has a typed key, PREFIX-N, shown everywhere and accepted "
	     "wherever a record is named:", 0);
	for (size_t i = 0; (prefix = dk_key_kind(i, &what)) != NULL; i++) {
		snprintf(left, sizeof left, "%s-N", prefix);
		item(f, 6, left, what);
	}
	fputc('\n', f);
	para(f, "The prefix may be typed in any case (r-3 is R-3), or left out where the "
	     "command knows the kind (docket risk show 3). Another kind's key is refused by "
	     "name ('D-3' is a decision key, not a risk key). lineage takes a key of any "
	     "kind, so there the prefix is required.", 0);
	para(f, "People are named by handle (--owner ana), teams by name (--team "
	     "ml-platform).", 1);
}

static void topic_exit(FILE *f)
{
	para(f, "Every command exits with one of:", 0);
	item(f, 1, "0", "success");
	item(f, 1, "1", "a check, gate or verification failed: check found a STOP or ESCALATE, "
	     "a dry run was blocked, blueprint approve met a STOP, evidence check or audit "
	     "verify found a change, risk overdue or escalations --exit-code listed "
	     "something, import adr refused some files, export audit found the chain broken, catalog lint found a problem");
	item(f, 1, "2", "bad usage or bad input: an unknown or ambiguous command or option, a "
	     "missing argument, a value not allowed; nothing was written, and nothing "
	     "printed on standard output");
	item(f, 1, "3", "a database or system error: no database, not a docket database, an "
	     "older or newer schema, still locked by another writer after the busy "
	     "timeout, a full disk or a closed pipe; nothing was written");
	fputc('\n', f);
	para(f, "Messages go to standard error, each starting with 'docket: '.", 1);
}

static const struct {
	const char *severity, *rule, *what;
} rules[] = {
	{"STOP", "reproducible-stage", "a pipeline stage without pinned dependencies, a fixed "
	 "seed, a captured environment and versioned data"},
	{"STOP", "promotion-gates", "a promote stage without a gate, or a plan that deploys "
	 "without a promote stage"},
	{"ESCALATE", "rollout-criteria", "a deploy stage (the plan reaches production) without "
	 "a gate"},
	{"ESCALATE", "rollback-criteria", "a plan that deploys without a rollback path"},
	{"ESCALATE", "decision-evidence", "an accepted decision without supporting evidence"},
	{"ESCALATE", "risk-verification", "an open or mitigating risk without a verification "
	 "step"},
	{"ESCALATE", "risk-policy", "a risk whose owner has no team, or whose team has no "
	 "policy"},
	{"ESCALATE", "risk-appetite", "an accepted risk scoring above its team's appetite"},
	{"ESCALATE", "risk-overdue", "an open or mitigating risk overdue past its team's grace "
	 "days (any day late without a policy)"},
	{"ESCALATE", "acceptance-expired", "an acceptance past its end date"},
	{"ESCALATE", "acceptance-stale", "an accepted risk changed (title, description, "
	 "likelihood or impact) since it was accepted"},
	{"WARN", "risk-overdue", "overdue, still within the grace days"},
	{"WARN", "context-scope", "a blueprint's context does not state its scale, latency "
	 "budget (online, streaming), constraints or assumptions"},
	{"WARN", "context-revised", "an approved blueprint whose context has a newer revision"},
	{"WARN", "decision-review", "an accepted decision past its review-by date"},
};

static void topic_check(FILE *f)
{
	const struct group *g = find_group("check");

	usage(f, g->name, &g->cmds[0]);
	fputc('\n', f);
	para(f, "check judges every blueprint, decision and risk on today (--today) and "
	     "prints one row per finding: severity, rule, record, blueprint, finding and the "
	     "fix, a command to run. It exits 1 when any STOP or ESCALATE is found, so CI can "
	     "gate on it; blueprint approve is refused while its plan has a STOP. Superseded "
	     "blueprints are not checked (their decisions and risks are); with --blueprint, "
	     "only that plan, its decisions and the risks they left are.", 0);
	fputs("rules:\n", f);
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
		int n = fprintf(f, "  %-8s  %-18s  ", rules[i].severity, rules[i].rule);

		help_wrap(f, rules[i].what, n > 0 ? (size_t)n : 0, 32);
	}
}

static void topic_environment(FILE *f)
{
	para(f, "docket reads:", 0);
	item(f, 20, "DOCKET_DB", "the database file when --db is not given (default "
	     "./docket.db)");
	item(f, 20, "DOCKET_ACTOR", "who is acting when --actor is not given (default the "
	     "login name: USER, else the user's name in the password database)");
	item(f, 20, "DOCKET_TODAY", "today's date (YYYY-MM-DD) when --today is not given "
	     "(default the UTC date)");
	item(f, 20, "DOCKET_BUSY_TIMEOUT", "milliseconds, 0 to 86400000, a writer waits for "
	     "the write lock another process holds (default 30000); after 2 seconds it says "
	     "once, on standard error, whom it waits for");
	item(f, 20, "DOCKET_JOURNAL", "wal or rollback: overrides the journal mode docket "
	     "chooses (for tests and benchmarks; docket --version prints the choice)");
	item(f, 20, "COLUMNS", "the terminal's width for tables and explanations fitted to it "
	     "(from 20); else the terminal's own, else 80");
	item(f, 20, "LINES", "the terminal's height, for the decision to page (from 2)");
	item(f, 20, "NO_COLOR", "set: no colour under --color auto (no-color.org)");
	item(f, 20, "PAGER", "the pager for output taller than the terminal (default "
	     "'less -FRX'; empty or 'cat' for none); LESS is set to FRX when not set");
	item(f, 20, "VISUAL, EDITOR", "the editor --edit opens (VISUAL first; default vi)");
	item(f, 20, "TMPDIR", "where --edit writes its form (default /tmp)");
	item(f, 20, "XDG_CONFIG_HOME", "where the config file is: $XDG_CONFIG_HOME/docket/config "
	     "(unset, empty or relative: ~/.config); 'docket config list' shows every setting "
	     "and where it comes from");
	fputc('\n', f);
	para(f, "An empty variable counts as not set.", 1);
}

const struct topic topics[] = {
	{"dates", "the dates options take: YYYY-MM-DD, today, +3d, eow, ...", topic_dates},
	{"formats", "table, md, csv, json, tree and dot, and what each is for",
	 topic_formats},
	{"keys", "record keys: CTX-3, BP-7, D-12, EV-40, R-19, ...", topic_keys},
	{"exit-codes", "exit status 0, 1, 2 and 3, and what each means", topic_exit},
	{"check", "the quality gates 'docket check' applies, by rule name", topic_check},
	{"environment", "the environment variables docket reads", topic_environment},
	{NULL, NULL, NULL},
};
