/* Fuzz target: one ADR file's text, as any collection may hold it. Whatever
 * the input, parsing either fails cleanly or yields a record whose writing
 * in either style reads back to the same record, written the same again. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "docket/adr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Written, read back and written again: the two writings are one. */
static void round_trip(const struct dk_adr *a, int style)
{
	struct dk_buf one = {0}, two = {0};
	struct dk_adr b;
	struct dk_error err;

	if (dk_adr_write(a, style, &one, &err) != DK_OK)
		abort();
	if (dk_adr_parse(a->file, dk_buf_str(&one), NULL, &b, &err) != DK_OK)
		abort(); /* what docket writes, docket reads */
	b.area = a->area;
	if (dk_adr_write(&b, style, &two, &err) != DK_OK || strcmp(dk_buf_str(&one), dk_buf_str(&two)))
		abort();
	dk_adr_free(&b);
	dk_buf_free(&one);
	dk_buf_free(&two);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	struct dk_adr a;
	struct dk_error err;

	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (dk_adr_parse("0007-fuzz.md", s, NULL, &a, &err) == DK_OK) {
		if (a.title == NULL || a.problem == NULL)
			abort();
		round_trip(&a, DK_ADR_MADR);
		round_trip(&a, DK_ADR_TOOLS);
	}
	dk_adr_free(&a);
	free(s);
	return 0;
}
