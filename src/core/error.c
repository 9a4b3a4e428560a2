#include "docket/error.h"

#include <stdarg.h>
#include <stdio.h>

int dk_fail(struct dk_error *err, int status, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return status;
	err->status = status;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return status;
}
