/* args.c: the values of parsed options. */
#include <string.h>

#include "cli.h"

const char *arg_get(const struct args *a, const char *name)
{
	const char *v = NULL;

	for (int i = 0; i < a->nval; i++)
		if (strcmp(a->val[i].name, name) == 0)
			v = a->val[i].value;
	return v;
}

int arg_flag(const struct args *a, const char *name)
{
	for (int i = 0; i < a->nval; i++)
		if (strcmp(a->val[i].name, name) == 0)
			return 1;
	return 0;
}

int arg_all(const struct args *a, const char *name, const char **vals, int max)
{
	int n = 0;

	for (int i = 0; i < a->nval && n < max; i++)
		if (strcmp(a->val[i].name, name) == 0)
			vals[n++] = a->val[i].value;
	return n;
}
