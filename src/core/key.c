#include "docket/key.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const struct {
	const char *prefix;
	const char *what;  /* the record kind, for messages */
	const char *table; /* the table the audit trail knows it by */
} kinds[] = {
	{"CTX", "context", "context"},
	{"BP", "blueprint", "blueprint"},
	{"D", "decision", "decision"},
	{"EV", "evidence item", "evidence"},
	{"R", "risk", "risk"},
	{"VS", "verification step", "verification_step"},
	{"ST", "stage", "stage"},
	{"RV", "review", "review"},
	{"G", "gate", "gate"},
};

int dk_key_parse(const char *in, const char *prefix, const char *what, int64_t *id,
                 struct dk_error *err)
{
	const char *dash = in ? strchr(in, '-') : NULL;
	const char *num = in;
	int64_t v = 0;

	if (in == NULL || *in == '\0')
		return dk_fail(err, DK_EINPUT, "a %s key is required (%s-N or N)", what, prefix);
	if (dash != NULL) {
		size_t plen = (size_t)(dash - in);

		if (plen != strlen(prefix) || strncasecmp(in, prefix, plen) != 0) {
			for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
				if (plen == strlen(kinds[i].prefix) &&
				    strncasecmp(in, kinds[i].prefix, plen) == 0)
					return dk_fail(err, DK_EINPUT, "'%.40s' is a %s key, not a %s key (%s-N)",
					               in, kinds[i].what, what, prefix);
			return dk_fail(err, DK_EINPUT, "'%.40s' is not a %s key (%s-N or N)", in, what, prefix);
		}
		num = dash + 1;
	}
	if (*num == '\0' || *num == '0')
		return dk_fail(err, DK_EINPUT, "'%.40s' is not a %s key (%s-N or N)", in, what, prefix);
	for (const char *p = num; *p; p++) {
		if (!isdigit((unsigned char)*p) || v > (INT64_MAX - 9) / 10)
			return dk_fail(err, DK_EINPUT, "'%.40s' is not a %s key (%s-N or N)", in, what, prefix);
		v = v * 10 + (*p - '0');
	}
	*id = v;
	return DK_OK;
}

int dk_key_parse_any(const char *in, const char **prefix, const char **what, int64_t *id,
                     struct dk_error *err)
{
	const char *dash = in ? strchr(in, '-') : NULL;

	if (dash != NULL)
		for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
			if ((size_t)(dash - in) == strlen(kinds[i].prefix) &&
			    strncasecmp(in, kinds[i].prefix, strlen(kinds[i].prefix)) == 0) {
				*prefix = kinds[i].prefix;
				*what = kinds[i].what;
				return dk_key_parse(in, kinds[i].prefix, kinds[i].what, id, err);
			}
	return dk_fail(err, DK_EINPUT, "'%.40s' is not a typed key (CTX-3, BP-7, D-12, EV-40, R-19, "
	               "VS-5, RV-1, ...)", in ? in : "");
}

void dk_key_format(const char *prefix, int64_t id, char out[DK_KEY_LEN])
{
	snprintf(out, DK_KEY_LEN, "%s-%lld", prefix, (long long)id);
}

const char *dk_key_kind(size_t i, const char **what)
{
	if (i >= sizeof kinds / sizeof kinds[0])
		return NULL;
	*what = kinds[i].what;
	return kinds[i].prefix;
}

const char *dk_key_table(const char *prefix)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].prefix, prefix) == 0)
			return kinds[i].table;
	return NULL;
}

const char *dk_key_prefix_of(const char *table)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].table, table) == 0)
			return kinds[i].prefix;
	return NULL;
}
