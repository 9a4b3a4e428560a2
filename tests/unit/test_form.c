/* test_form.c: the text form of --edit and --from (docket/form.h). */
#include "support.h"

#include <string.h>

#include "docket/form.h"

static const struct dk_form_field fields[] = {
	{"Title", "title", DK_FORM_LINE, 1, "what, in one line"},
	{"Review-by", "review-by", DK_FORM_LINE, 0, "when to look again"},
	{"Tag", "tag", DK_FORM_LINES, 0, "a tag"},
	{"Problem", "problem", DK_FORM_TEXT, 1, "the problem"},
	{"Options", "option", DK_FORM_ITEMS, 1, "an option"},
	{NULL, NULL, 0, 0, NULL},
};

static const char *value(const struct dk_form *f, const char *name, int nth)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->v[i].name, name) == 0 && nth-- == 0)
			return f->v[i].value;
	return NULL;
}

static void reads_fields_and_sections(void **state)
{
	static const char text[] =
		"# a comment\n"
		"title:   Serve with KServe  \n"
		"Review-by:\n"
		"Tag: serving\n"
		"\n"
		"TAG: ranker\r\n"
		"[Problem]\n"
		"\n"
		"The ranker needs canaries.   \n"
		"# not part of the text\n"
		"Note: this line is text\n"
		"  indented [x]\n"
		"\n"
		"[options]\n"
		"  KServe|pro: canaries\n"
		"\n"
		"BentoML\n";
	struct dk_form f;
	struct dk_error err = {0};

	(void)state;
	assert_int_equal(dk_form_parse(text, "f.txt", fields, &f, &err), DK_OK);
	assert_int_equal(f.n, 6);
	assert_string_equal(value(&f, "title", 0), "Serve with KServe");
	assert_null(value(&f, "review-by", 0)); /* left empty: not given */
	assert_string_equal(value(&f, "tag", 0), "serving");
	assert_string_equal(value(&f, "tag", 1), "ranker");
	assert_string_equal(value(&f, "problem", 0),
	                    "The ranker needs canaries.\nNote: this line is text\n  indented [x]");
	assert_string_equal(value(&f, "option", 0), "KServe|pro: canaries");
	assert_string_equal(value(&f, "option", 1), "BentoML");
	assert_int_equal(f.v[0].line, 2);
	assert_int_equal(f.v[3].line, 8); /* the section's text starts below its heading */
	dk_form_free(&f);
	dk_form_free(&f); /* safe twice */
}

static void a_section_field_on_one_line(void **state)
{
	struct dk_form f;
	struct dk_error err = {0};

	(void)state;
	assert_int_equal(dk_form_parse("Problem: short\nOptions: A\nOptions: B\n", "s", fields, &f,
	                               &err), DK_OK);
	assert_string_equal(value(&f, "problem", 0), "short");
	assert_string_equal(value(&f, "option", 1), "B");
	dk_form_free(&f);
	assert_int_equal(dk_form_parse("\xEF\xBB\xBFTitle: with a BOM\r\n", "s", fields, &f, &err), DK_OK);
	assert_string_equal(value(&f, "title", 0), "with a BOM");
	dk_form_free(&f);
	assert_int_equal(dk_form_parse("", "s", fields, &f, &err), DK_OK);
	assert_int_equal(f.n, 0);
	assert_int_equal(dk_form_parse("# only\n\n[Problem]\n\n# x\n", "s", fields, &f, &err), DK_OK);
	assert_int_equal(f.n, 0);
}

static void names_file_and_line(void **state)
{
	static const struct {
		const char *text, *msg;
	} bad[] = {
		{"Title: a\nColour: red\n", "f:2: no field 'Colour' (fields: Title, Review-by, Tag)"},
		{"Title: a\nTitle: b\n", "f:2: Title is given twice (first on line 1)"},
		{"Problem: a\n[Problem]\nb\n", "f:2: Problem is given twice (first on line 1)"},
		{"\n\nTitle a\n", "f:3: 'Title a' is not 'Name: value', a [Section] or a '#' comment"},
		{"Two words: a\n", "f:1: 'Two words: a' is not 'Name: value', a [Section] or a '#' comment"},
		{"[Title]\n", "f:1: Title is a one-line field: write 'Title: value'"},
		{"[Problem]\nx\n[Nope]\n", "f:3: no section '[Nope]' (sections: [Problem], [Options])"},
	};
	struct dk_form f;
	struct dk_error err = {0};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_int_equal(dk_form_parse(bad[i].text, "f", fields, &f, &err), DK_EINPUT);
		assert_string_equal(err.msg, bad[i].msg);
		assert_int_equal(f.n, 0);
		assert_null(f.v);
	}
}

static void the_template_reads_back_empty(void **state)
{
	const char *given[] = {NULL, NULL, NULL, "from the command line", NULL};
	struct dk_buf b = {0};
	struct dk_form f;
	struct dk_error err = {0};

	(void)state;
	dk_form_template("docket x add", fields, given, &b);
	assert_non_null(strstr(dk_buf_str(&b), "# docket x add: fill in the form"));
	assert_non_null(strstr(dk_buf_str(&b), "# Required: Title, Options.\n"));
	assert_non_null(strstr(dk_buf_str(&b), "# what, in one line (required)\nTitle:\n"));
	assert_non_null(strstr(dk_buf_str(&b), "# a tag (repeatable)\nTag:\n"));
	assert_non_null(strstr(dk_buf_str(&b), "# Problem: given on the command line, which wins\n"));
	assert_null(strstr(dk_buf_str(&b), "[Problem]"));
	assert_non_null(strstr(dk_buf_str(&b), "[Options]\n# an option, one a line (required)\n"));
	assert_int_equal(dk_form_parse(dk_buf_str(&b), "t", fields, &f, &err), DK_OK);
	assert_int_equal(f.n, 0);
	dk_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_fields_and_sections),
		cmocka_unit_test(a_section_field_on_one_line),
		cmocka_unit_test(names_file_and_line),
		cmocka_unit_test(the_template_reads_back_empty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
