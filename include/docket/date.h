/* docket/date.h: whole days as ISO 8601 text, and the date words users type.
 *
 * Ownership: every output is a caller-owned char[DK_DATE_LEN]. A day is
 * counted in the proleptic Gregorian calendar without time zones: "today"
 * is the UTC date unless the caller fixes it (--today, DOCKET_TODAY). */
#ifndef DOCKET_DATE_H
#define DOCKET_DATE_H

#include "docket/error.h"

#define DK_DATE_LEN 11 /* YYYY-MM-DD and a NUL */
#define DK_DATE_FORMS "YYYY-MM-DD, today, tomorrow, +3d, +2w, eow, eom"

/* 1 if s is exactly a valid YYYY-MM-DD between 1900-01-01 and 9999-12-31. */
int dk_date_valid(const char *s);
/* Days since 1970-01-01 of a valid date. */
long dk_date_days(const char *ymd);
/* The date days after 1970-01-01, saturated to 1900-01-01 .. 9999-12-31. */
void dk_date_from_days(long days, char out[DK_DATE_LEN]);
/* Today's UTC date, or fixed when it is not NULL (then it must be valid). */
int dk_date_today(const char *fixed, char out[DK_DATE_LEN], struct dk_error *err);
/* Parses YYYY-MM-DD, today, tomorrow, yesterday, +Nd, -Nd, +Nw, eow (the
 * Sunday ending today's ISO week), eom (the month's last day), relative to
 * today (a valid date). On failure out is untouched and err says
 * "'in' is not a date (...forms...)", or "'in' is out of range (...)" when
 * the day it names falls outside dk_date_valid's range. */
int dk_date_parse(const char *in, const char *today, char out[DK_DATE_LEN],
                  struct dk_error *err);

#endif
