/* Fuzz target: one ADR file's text, as any collection may hold it. Whatever
 * the input, parsing either fails cleanly or yields a record that writes in
 * either style, and what docket writes it reads back. With
 * DOCKET_FUZZ_ROUNDTRIP set (the replay of the corpus and every regression
 * in each build, and long runs: FUZZ_ROUNDTRIP=1 tests/fuzz/run.sh), the
 * record read back is also written to the same bytes: a stricter property,
 * kept out of the short run in CI, whose random inputs must not decide
 * whether a build passes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "docket/adr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int strict = -1; /* DOCKET_FUZZ_ROUNDTRIP, read once */

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
	if (dk_adr_write(&b, style, &two, &err) != DK_OK)
		abort();
	if (strict && strcmp(dk_buf_str(&one), dk_buf_str(&two)) != 0)
		abort(); /* the round trip is not byte for byte */
	dk_adr_free(&b);
	dk_buf_free(&one);
	dk_buf_free(&two);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	struct dk_adr a;
	struct dk_error err;

	if (strict < 0)
		strict = getenv("DOCKET_FUZZ_ROUNDTRIP") != NULL;
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
