/* test_adr.c: the ADR parser (Nygard and MADR) and the MADR writer. */
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
	assert_int_equal(dk_adr_parse("doc/adr/0002-use-postgresql-for-metadata.md", NYGARD, &a, &err), DK_OK);
	assert_int_equal(a.number, 2);
	assert_string_equal(a.title, "Use PostgreSQL for metadata");
	assert_string_equal(a.status, "accepted");
	assert_string_equal(a.date, "2024-03-01");
	assert_string_equal(a.problem, "We need concurrent writers.\nSeveral of them.");
	assert_string_equal(a.rationale, "We will use PostgreSQL.");
	assert_string_equal(a.consequences, "Someone runs a database.");
	assert_int_equal(a.supersedes, 1);
	assert_int_equal(a.superseded_by, 0);
	assert_int_equal(a.n_options, 0);
	dk_adr_free(&a);

	assert_int_equal(dk_adr_parse("0009-bom.md", "\xef\xbb\xbf# 9. With a BOM\n\n## Status\n\nProposed\n",
	                              &a, &err), DK_OK);
	assert_string_equal(a.title, "With a BOM");
	assert_string_equal(a.problem, "With a BOM"); /* no Context: the title states it */
	dk_adr_free(&a);

	assert_int_equal(dk_adr_parse("0001-use-sqlite.md", NYGARD_SUPERSEDED, &a, &err), DK_OK);
	assert_string_equal(a.status, "superseded");
	assert_int_equal(a.superseded_by, 2);
	assert_string_equal(a.problem, "One process.");
	dk_adr_free(&a);
}

static void parses_madr(void **state)
{
	struct dk_adr a;
	struct dk_error err = {0};

	(void)state;
	dk_adr_init(&a);
	assert_int_equal(dk_adr_parse("0007-serve-models-with-kserve.md", MADR, &a, &err), DK_OK);
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
	assert_int_equal(a.options[0].n_pros, 1);
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
	assert_int_equal(dk_adr_parse("0005-use-kafka-for-events.md", text, &a, &err), DK_OK);
	assert_string_equal(a.status, "superseded");
	assert_int_equal(a.superseded_by, 9);
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
	assert_int_equal(dk_adr_parse("0003-x.md", "# 3. X\n\n## Status\n\nAmended\n", &a, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "0003-x.md: line 5: status 'amended' is not one of"));
	dk_adr_free(&a);
	assert_int_equal(dk_adr_parse("notes.md", "# X\n\n## Status\n\nAccepted\n", &a, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "no ADR number"));
	dk_adr_free(&a);
	assert_int_equal(dk_adr_parse("0004-x.md", "---\nstatus: accepted\n# X\n", &a, &err), DK_EINPUT);
	assert_non_null(strstr(err.msg, "no closing '---'"));
	dk_adr_free(&a);
	assert_int_equal(dk_adr_parse("0005-x.md", "# X\n\nDate: 2024-02-30\n\n## Status\n\nProposed\n", &a, &err),
	                 DK_EINPUT);
	assert_non_null(strstr(err.msg, "date '2024-02-30' is not a date"));
	dk_adr_free(&a);
}

static void writes_madr_that_reads_back(void **state)
{
	struct dk_adr a, b;
	struct dk_buf out = {0};
	struct dk_error err = {0};
	char name[128];

	(void)state;
	dk_adr_init(&a);
	dk_adr_init(&b);
	assert_int_equal(dk_adr_parse("0007-serve.md", MADR, &a, &err), DK_OK);
	a.status_reason = "said \"no\" twice";
	a.area = "serving";
	a.supersedes = 3;
	a.supersedes_title = "Serve with Flask";
	assert_int_equal(dk_adr_write_madr(&a, &out, &err), DK_OK);
	assert_non_null(strstr(dk_buf_str(&out), "Chosen option: \"KServe\", because it autoscales to zero.\n"));
	assert_non_null(strstr(dk_buf_str(&out), "* Supersedes [ADR-0003](0003-serve-with-flask.md)\n"));
	assert_non_null(strstr(dk_buf_str(&out), "decision-makers: Ana Lima, bo\n"));
	dk_adr_filename(&a, name, sizeof name);
	assert_string_equal(name, "0007-serve-models-with-kserve.md");
	assert_int_equal(dk_adr_parse(name, dk_buf_str(&out), &b, &err), DK_OK);
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
	assert_int_equal(b.supersedes, 3);
	dk_buf_free(&out);
	dk_adr_free(&a);
	dk_adr_free(&b);
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
		cmocka_unit_test(writes_madr_that_reads_back),
		cmocka_unit_test(slugs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
