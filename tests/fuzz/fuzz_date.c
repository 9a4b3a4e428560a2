/* Fuzz target: the date words and typed keys users type. Whatever the
 * input, parsing either fails cleanly or yields a valid day. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "docket/date.h"
#include "docket/key.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), out[DK_DATE_LEN];
	const char *prefix, *what;
	struct dk_error err;
	int64_t id;

	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (dk_date_parse(s, "2026-11-23", out, &err) == DK_OK && !dk_date_valid(out))
		abort();
	if (dk_date_parse(s, "9999-12-31", out, &err) == DK_OK && !dk_date_valid(out))
		abort();
	if (dk_date_valid(s) && dk_date_days(s) != dk_date_days(s))
		abort();
	if (dk_key_parse(s, "CTX", "context", &id, &err) == DK_OK && id < 1)
		abort();
	if (dk_key_parse_any(s, &prefix, &what, &id, &err) == DK_OK && id < 1)
		abort();
	free(s);
	return 0;
}
