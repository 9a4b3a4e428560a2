/* test_adr.c: the ADR reader (adr-tools, MADR 2-4, log4brains, free form),
 * statuses and file names, and the adr-tools and MADR writers. */
#include "support.h"

#include <string.h>

#include "docket/adr.h"

static const char NYGARD[] =
	"# 2. Use PostgreSQL for metadata\n"
	"\n"
	"Date: 2024-03-01\n"
	"\n"
	"## Status\n"
	"\n"
	"Accepted\n"
	"\n"
	"Supersedes [1. Use SQLite](0001-use-sqlite.md)\n"
	"\n"
	"## Context\n"
	"\n"
	"We need concurrent writers.\n"
	"Several of them.\n"
	"\n"
	"## Decision\n"
	"\n"
	"We will use PostgreSQL.\n"
	"\n"
	"## Consequences\n"
	"\n"
	"Someone runs a database.\n";

static const char NYGARD_SUPERSEDED[] =
	"# 1. Use SQLite\r\n\r\nDate: 2023-01-10\r\n\r\n## Status\r\n\r\n"
	"Superseded by [2. Use PostgreSQL for metadata](0002-use-postgresql-for-metadata.md)\r\n\r\n"
	"## Context\r\n\r\nOne process.\r\n\r\n## Decision\r\n\r\nSQLite.\r\n";

static const char MADR[] =
	"---\n"
	"status: accepted\n"
	"date: 2024-05-02\n"
	"decision-makers: Ana Lima, bo\n"
	"consulted: [sre]\n"
	"---\n"
	"\n"
	"# Serve models with KServe\n"
	"\n"
	"## Context and Problem Statement\n"
	"\n"
	"Online inference under 120 ms.\n"
	"\n"
	"## Decision Drivers\n"
	"\n"
	"* latency\n"
	"* cost\n"
	"\n"
	"## Considered Options\n"
	"\n"
	"* KServe\n"
	"* Seldon\n"
	"\n"
	"## Decision Outcome\n"
	"\n"
	"Chosen option: \"KServe\", because it autoscales to zero.\n"
	"\n"
	"### Consequences\n"
	"\n"
	"* Good, because cheaper\n"
	"\n"
	"### Confirmation\n"
	"\n"
	"Load test in CI.\n"
	"\n"
	"## Pros and Cons of the Options\n"
	"\n"
	"### KServe\n"
	"\n"
	"* Good, because scale to zero\n"
	"* Bad, because Knative\n"
	"* Neutral, because CNCF\n"
	"\n"
	"### Seldon\n"
	"\n"
	"* Good, because mature\n";

static void parses_nygard(void **state)
{
	struct dk_adr a;
	struct dk_error err = {0};

	(void)state;
	dk_adr_init(&a);
	assert_int_equal(dk_adr_parse("doc/adr/0002-use-postgresql-for-metadata.md", NYGARD, NULL, &a, &err), DK_OK);
	assert_int_equal(a.number, 2);
	assert_string_equal(a.title, "Use PostgreSQL for metadata");
	assert_string_equal(a.status, "accepted");
	assert_string_equal(a.date, "2024-03-01");
	assert_string_equal(a.problem, "We need concurrent writers.\nSeveral of them.");
	assert_string_equal(a.rationale, "We will use PostgreSQL.");
	assert_string_equal(a.consequences, "Someone runs a database.");
	assert_int_equal(a.n_links, 1);
	assert_int_equal(a.links[0].kind, DK_ADR_SUPERSEDES);
	assert_string_equal(a.links[0].target, "0001-use-sqlite.md");
	assert_int_equal(a.n_options, 0);
	dk_adr_free(&a);

	assert_int_equal(dk_adr_parse("0009-bom.md", "\xef\xbb\xbf# 9. With a BOM\n\n## Status\n\nProposed\n",
	                              NULL, &a, &err), DK_OK);
	assert_string_equal(a.title, "With a BOM");
	assert_string_equal(a.problem, "With a BOM"); /* no Context: the title states it */
	dk_adr_free(&a);

	assert_int_equal(dk_adr_parse("0001-use-sqlite.md", NYGARD_SUPERSEDED, NULL, &a, &err), DK_OK);
	assert_string_equal(a.status, "superseded");
	assert_int_equal(a.n_links, 1);
	assert_int_equal(a.links[0].kind, DK_ADR_SUPERSEDED_BY);
	assert_string_equal(a.links[0].target, "0002-use-postgresql-for-metadata.md");
	assert_string_equal(a.problem, "One process.");
	dk_adr_free(&a);
}

static void parses_madr(void **state)
{
	struct dk_adr a;
	struct dk_error err = {0};

	(void)state;
	dk_adr_init(&a);
	assert_int_equal(dk_adr_parse("0007-serve-models-with-kserve.md", MADR, NULL, &a, &err), DK_OK);
	assert_int_equal(a.number, 7);
	assert_string_equal(a.title, "Serve models with KServe");
	assert_string_equal(a.status, "accepted");
	assert_string_equal(a.date, "2024-05-02");
	assert_int_equal(a.n_makers, 2);
	assert_string_equal(a.makers[0], "Ana Lima");
	assert_int_equal(a.n_consulted, 1);
	assert_string_equal(a.consulted[0], "sre");
	assert_int_equal(a.n_drivers, 2);
	assert_string_equal(a.chosen, "KServe");
	assert_string_equal(a.rationale, "it autoscales to zero.");
	assert_string_equal(a.consequences, "* Good, because cheaper");
	assert_string_equal(a.confirmation, "Load test in CI.");
	assert_int_equal(a.n_options, 2);
	assert_int_equal(a.options[0].n_pros, 2);
	assert_string_equal(a.options[0].pros[1], "Neutral: CNCF"); /* written back as Neutral */
	assert_string_equal(a.options[0].cons[0], "Knative");
	assert_string_equal(a.options[1].pros[0], "mature");
	dk_adr_free(&a);
}

static void parses_madr2_bullets(void **state)
{
	static const char text[] =
		"# Use Kafka for events\n\n"
		"* Status: superseded by [ADR-0009](0009-use-pulsar.md)\n"
		"* Deciders: ana, bo\n"
		"* Date: 2023-03-04\n\n"
		"## Context and Problem Statement\n\nEvents are lost.\n\n"
		"## Decision Outcome\n\nChosen option: \"Kafka\", because it is durable.\n";
	struct dk_adr a;
	struct dk_error err = {0};

	(void)state;
	dk_adr_init(&a);
	assert_int_equal(dk_adr_parse("0005-use-kafka-for-events.md", text, NULL, &a, &err), DK_OK);
	assert_string_equal(a.status, "superseded");
	assert_int_equal(a.n_links, 1);
	assert_int_equal(a.links[0].kind, DK_ADR_SUPERSEDED_BY);
	assert_string_equal(a.links[0].target, "0009-use-pulsar.md");
	assert_int_equal(a.n_makers, 2);
	assert_string_equal(a.date, "2023-03-04");
	assert_string_equal(a.chosen, "Kafka");
	assert_int_equal(a.n_options, 1); /* the chosen option is always an option */
	assert_string_equal(a.rationale, "it is durable.");
	dk_adr_free(&a);
}

static void refuses_what_it_cannot_read(void **state)
{
	struct dk_adr a;
	struct dk_error err = {0};

	(void)state;
	dk_adr_init(&a);
	assert_int_equal(dk_adr_parse("0003-x.md", "# 3. X\n\n## Status\n\nMaybe\n", NULL, &a, &err),
	                 DK_EINPUT);
	assert_non_null(strstr(err.msg, "0003-x.md:5: status 'Maybe' is not one docket knows"));
	assert_non_null(strstr(err.msg, "--status-map"));
	dk_adr_free(&a);
	assert_int_equal(dk_adr_parse("0004-x.md", "---\nstatus: accepted\n# X\n", NULL, &a, &err),
	                 DK_EINPUT);
	assert_non_null(strstr(err.msg, "no closing '---'"));
	dk_adr_free(&a);
	assert_int_equal(dk_adr_parse("0005-x.md", "# X\n\nDate: 2024-02-30\n\n## Status\n\nProposed\n",
	                              NULL, &a, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "0005-x.md:3: date '2024-02-30' is not a date"));
	dk_adr_free(&a);
	assert_int_equal(dk_adr_parse("0006-x.md", "## Context\n\nNo title.\n", NULL, &a, &err),
	                 DK_EINPUT);
	assert_non_null(strstr(err.msg, "no '# Title' line"));
	dk_adr_free(&a);
}

/* Statuses as people write them, and what each becomes. */
static void reads_statuses(void **state)
{
	static const struct { const char *written, *status, *reason; int rc; } cases[] = {
		{"Accepted", "accepted", NULL, 1},
		{"\"accepted\"", "accepted", NULL, 1},
		{"**PROPOSED**", "proposed", NULL, 1},
		{"![Accepted](https://img.shields.io/badge/adr-accepted-green)", "accepted", NULL, 1},
		{"![](https://img.shields.io/badge/adr-superseded-orange)", "superseded", NULL, 1},
		{"superseded by [ADR-0019](0019-x.md)", "superseded", NULL, 1},
		{"proposed. This did not reach consensus", "proposed", NULL, 1},
		{"draft", "proposed", NULL, 1},
		{"Pending", "proposed", NULL, 1},
		{"in review", "proposed", NULL, 1},
		{"On hold", "proposed", "On hold", 1},
		{"approved", "accepted", NULL, 1},
		{"done", "accepted", NULL, 1},
		{"Partly superseded", "accepted", "Partly superseded", 1},
		{"declined", "rejected", NULL, 1},
		{"obsolete", "deprecated", NULL, 1},
		{"retired", "deprecated", NULL, 1},
		{" ", NULL, NULL, 0},
		{"", NULL, NULL, 0},
		{"maybe later", NULL, NULL, -1},
	};
	struct dk_adr a;

	(void)state;
	dk_adr_init(&a);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *status = NULL, *reason = NULL;
		int rc = dk_adr_status_read(&a, cases[i].written, NULL, &status, &reason);
		assert_int_equal(rc, cases[i].rc);
		if (cases[i].status)
			assert_string_equal(status, cases[i].status);
		if (cases[i].reason)
			assert_string_equal(reason, cases[i].reason);
		else
			assert_null(reason);
	}
	{
		const char *pairs[] = {"parked=proposed"};
		struct dk_adr_status_map map = {pairs, 1};
		const char *status, *reason;
		struct dk_error err = {0};
		assert_int_equal(dk_adr_status_read(&a, "Parked", &map, &status, &reason), 1);
		assert_string_equal(status, "proposed");
		assert_int_equal(dk_adr_status_read(&a, "Parked", NULL, &status, &reason), -1);
		assert_int_equal(dk_adr_status_map_check("parked=maybe", &err), DK_EINPUT);
		assert_int_equal(dk_adr_status_map_check("parked", &err), DK_EINPUT);
		assert_int_equal(dk_adr_status_map_check("parked=accepted", &err), DK_OK);
	}
	dk_adr_free(&a);
}

/* File names: which are ADRs, and the number each carries. */
static void reads_names(void **state)
{
	(void)state;
	assert_int_equal(dk_adr_name_kind("0003-use-feast.md"), DK_ADR_NAME_ADR);
	assert_int_equal(dk_adr_name_number("0003-use-feast.md"), 3);
	assert_int_equal(dk_adr_name_number("0000-use-madr.md"), 0);
	assert_int_equal(dk_adr_name_kind("adr-012-use-kafka.md"), DK_ADR_NAME_ADR);
	assert_int_equal(dk_adr_name_number("adr-012-use-kafka.md"), 12);
	assert_int_equal(dk_adr_name_kind("20200925-use-lunr.md"), DK_ADR_NAME_ADR);
	assert_int_equal(dk_adr_name_number("20200925-use-lunr.md"), DK_ADR_NO_NUMBER);
	assert_int_equal(dk_adr_name_kind("4-day-work-week.md"), DK_ADR_NAME_OTHER);
	assert_int_equal(dk_adr_name_number("4-day-work-week.md"), DK_ADR_NO_NUMBER);
	assert_int_equal(dk_adr_name_kind("README.md"), DK_ADR_NAME_INDEX);
	assert_int_equal(dk_adr_name_kind("index.md"), DK_ADR_NAME_INDEX);
	assert_int_equal(dk_adr_name_kind("adr-template.md"), DK_ADR_NAME_TEMPLATE);
	assert_int_equal(dk_adr_name_kind("0000-template.md"), DK_ADR_NAME_TEMPLATE);
	assert_int_equal(dk_adr_name_kind("notes.txt"), DK_ADR_NAME_IGNORED);
	assert_int_equal(dk_adr_name_kind(".0001-x.md"), DK_ADR_NAME_IGNORED);
}

/* MADR options matched by normalised name; fences hide headings; every
 * shape of the Chosen option sentence. */
static void reads_options(void **state)
{
	static const struct { const char *outcome, *chosen, *rationale; } shapes[] = {
		{"Chosen option: \"Feast\", because it is open.", "Feast", "it is open."},
		{"Chosen option: \"Feast\" because it is open.", "Feast", "it is open."},
		{"Chosen option: \"Feast\", mostly to stay open.", "Feast", "mostly to stay open."},
		{"Chosen option: Feast, because it is open.", "Feast", "it is open."},
		{"Chosen option: [Feast](https://feast.dev), because it is open.", "Feast", "it is open."},
		{"Chosen option: \"feast\".", "Feast", ""},
		{"Chosen option:\n\"Feast\", because it is open.", "Feast", "it is open."},
		{"Chosen option: \"Feast with Redis\", because it is open.", "Feast", "it is open."},
		{"Chosen option: \"Feast\", because \"open\", because cheap.", "Feast", "\"open\", because cheap."},
	};
	struct dk_error err = {0};

	(void)state;
	for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
		struct dk_buf t = {0};
		struct dk_adr a;
		dk_buf_addf(&t, "# Pick a feature store\n\n## Considered Options\n\n"
		            "* [Feast](https://feast.dev)\n* Tecton\n\n"
		            "## Decision Outcome\n\n%s\n\n"
		            "## Pros and Cons of the Options\n\n### FEAST\n\n* Good, because open\n\n"
		            "```markdown\n### Not an option\n## Status\n```\n", shapes[i].outcome);
		assert_int_equal(dk_adr_parse("0001-x.md", dk_buf_str(&t), NULL, &a, &err), DK_OK);
		assert_int_equal(a.n_options, 2);
		assert_string_equal(a.chosen, "[Feast](https://feast.dev)");
		assert_string_equal(a.rationale, shapes[i].rationale);
		assert_int_equal(a.options[0].n_pros, 1);
		assert_null(a.status);
		dk_adr_free(&a);
		dk_buf_free(&t);
		(void)shapes[i].chosen;
	}
}

/* Front matter as YAML writes it. */
static void reads_front_matter(void **state)
{
	static const char text[] =
		"---\nstatus: \"accepted\"\ndate: 2024-05-02\n"
		"decision-makers:\n  - Ana Lima\n  - \"Bo, Jr\"\n"
		"consulted: \"sre, ml-platform\"\ntags: [Serving, \"online inference\"]\n"
		"parent: Decisions\nnav_order: 3\n---\n\n# Serve models\n\n"
		"## Context and Problem Statement\n\nLatency.\n";
	struct dk_adr a;
	struct dk_error err = {0};

	(void)state;
	assert_int_equal(dk_adr_parse("0007-serve.md", text, NULL, &a, &err), DK_OK);
	assert_string_equal(a.status, "accepted");
	assert_int_equal(a.n_makers, 2);
	assert_string_equal(a.makers[1], "Bo, Jr");
	assert_int_equal(a.n_consulted, 2);
	assert_string_equal(a.consulted[1], "ml-platform");
	assert_int_equal(a.n_tags, 2);
	assert_string_equal(a.tags[1], "online-inference");
	dk_adr_free(&a);
}

static void writes_what_reads_back(void **state)
{
	struct dk_error err = {0};

	(void)state;
	for (int style = DK_ADR_MADR; style <= DK_ADR_TOOLS; style++) {
		struct dk_adr a, b;
		struct dk_buf out = {0}, again = {0};
		char name[128];
		assert_int_equal(dk_adr_parse("0007-serve-models-with-kserve.md", MADR, NULL, &a, &err), DK_OK);
		a.status_reason = "said \"no\" twice";
		a.area = "serving";
		a.problem = "# not a heading\n---\n\\ a backslash\n```\n## inside a fence\n```";
		a.links[0] = (struct dk_adr_link){DK_ADR_SUPERSEDES, NULL, "0003-serve-with-flask.md", -1,
		                                  "3. Serve with Flask", 0};
		a.links[1] = (struct dk_adr_link){DK_ADR_TYPED, "Amends", "0004-x.md", -1, "4. X", 0};
		a.n_links = 2;
		/* a name holding the sentence's own words does not grow on a round trip */
		a.options[1].name = "Seldon, because \"it\" was there";
		assert_int_equal(dk_adr_write(&a, style, &out, &err), DK_OK);
		assert_non_null(strstr(dk_buf_str(&out),
		                       "Chosen option: \"KServe\", because it autoscales to zero.\n"));
		assert_non_null(strstr(dk_buf_str(&out), "Supersedes [3. Serve with Flask](0003-serve-with-flask.md)\n"));
		assert_non_null(strstr(dk_buf_str(&out), "\\# not a heading\n\\---\n"));
		if (style == DK_ADR_TOOLS)
			assert_memory_equal(dk_buf_str(&out), "# 7. Serve models with KServe\n\nDate: 2024-05-02\n", 46);
		dk_adr_filename(&a, name, sizeof name);
		assert_string_equal(name, "0007-serve-models-with-kserve.md");
		assert_int_equal(dk_adr_parse(name, dk_buf_str(&out), NULL, &b, &err), DK_OK);
		assert_string_equal(b.title, a.title);
		assert_string_equal(b.status, a.status);
		assert_string_equal(b.date, a.date);
		assert_string_equal(b.area, "serving");
		assert_string_equal(b.status_reason, "said \"no\" twice");
		assert_string_equal(b.problem, a.problem);
		assert_string_equal(b.rationale, a.rationale);
		assert_string_equal(b.consequences, a.consequences);
		assert_string_equal(b.confirmation, a.confirmation);
		assert_string_equal(b.chosen, a.chosen);
		assert_int_equal(b.n_options, a.n_options);
		assert_int_equal(b.options[0].n_pros, a.options[0].n_pros);
		assert_int_equal(b.options[0].n_cons, a.options[0].n_cons);
		assert_int_equal(b.n_drivers, 2);
		assert_int_equal(b.n_makers, 2);
		assert_int_equal(b.n_links, 2);
		assert_string_equal(b.options[1].name, a.options[1].name);
		assert_string_equal(b.links[1].label, "Amends");
		/* and written again, byte for byte */
		b.area = a.area;
		assert_int_equal(dk_adr_write(&b, style, &again, &err), DK_OK);
		assert_string_equal(dk_buf_str(&again), dk_buf_str(&out));
		dk_buf_free(&out);
		dk_buf_free(&again);
		dk_adr_free(&a);
		dk_adr_free(&b);
	}
}

static void slugs(void **state)
{
	struct dk_adr a;
	char name[128];

	(void)state;
	dk_adr_init(&a);
	a.number = 12;
	a.title = "Use W&B -- for  tracking!";
	dk_adr_filename(&a, name, sizeof name);
	assert_string_equal(name, "0012-use-w-b-for-tracking.md");
	a.title = "!!!";
	dk_adr_filename(&a, name, sizeof name);
	assert_string_equal(name, "0012-decision.md");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_nygard),
		cmocka_unit_test(parses_madr),
		cmocka_unit_test(parses_madr2_bullets),
		cmocka_unit_test(refuses_what_it_cannot_read),
		cmocka_unit_test(reads_statuses),
		cmocka_unit_test(reads_names),
		cmocka_unit_test(reads_options),
		cmocka_unit_test(reads_front_matter),
		cmocka_unit_test(writes_what_reads_back),
		cmocka_unit_test(slugs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
