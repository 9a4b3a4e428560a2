#include "docket/date.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Howard Hinnant's days_from_civil / civil_from_days. */
static long days_from_civil(long y, unsigned m, unsigned d)
{
	long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, long *y, unsigned *m, unsigned *d)
{
	long era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (long)yoe + era * 400 + (*m <= 2);
}

static unsigned month_days(long y, unsigned m)
{
	static const unsigned n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : n[m - 1];
}

int dk_date_valid(const char *s)
{
	long y;
	unsigned m, d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return 0;
	y = strtol(s, NULL, 10);
	m = (unsigned)((s[5] - '0') * 10 + (s[6] - '0'));
	d = (unsigned)((s[8] - '0') * 10 + (s[9] - '0'));
	return y >= 1900 && m >= 1 && m <= 12 && d >= 1 && d <= month_days(y, m);
}

long dk_date_days(const char *ymd)
{
	long y = strtol(ymd, NULL, 10);
	unsigned m = (unsigned)((ymd[5] - '0') * 10 + (ymd[6] - '0'));
	unsigned d = (unsigned)((ymd[8] - '0') * 10 + (ymd[9] - '0'));

	return days_from_civil(y, m, d);
}

/* The first and last day a date may name (dk_date_valid's range). */
static long day_min(void) { return days_from_civil(1900, 1, 1); }
static long day_max(void) { return days_from_civil(9999, 12, 31); }

void dk_date_from_days(long days, char out[DK_DATE_LEN])
{
	long y;
	unsigned m, d;

	/* Saturate the whole date: clamping only the year turned 10000-01-01
	 * into 9999-01-01, a valid date a year early. */
	if (days < day_min())
		days = day_min();
	if (days > day_max())
		days = day_max();
	civil_from_days(days, &y, &m, &d);
	out[0] = (char)('0' + y / 1000 % 10);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

int dk_date_today(const char *fixed, char out[DK_DATE_LEN], struct dk_error *err)
{
	time_t now;
	struct tm tm;

	if (fixed != NULL) {
		if (!dk_date_valid(fixed))
			return dk_fail(err, DK_EINPUT, "--today '%s' is not a date (YYYY-MM-DD)", fixed);
		memcpy(out, fixed, DK_DATE_LEN);
		return DK_OK;
	}
	now = time(NULL);
	gmtime_r(&now, &tm);
	dk_date_from_days(days_from_civil(tm.tm_year + 1900, (unsigned)tm.tm_mon + 1,
	                                  (unsigned)tm.tm_mday), out);
	return DK_OK;
}

/* Parses [+-]N[dw] into a day offset; 0 if the text is not of that form. */
static int parse_offset(const char *in, long *offset)
{
	const char *p = in;
	long n = 0, sign;
	int digits = 0;

	if (*p != '+' && *p != '-')
		return 0;
	sign = *p++ == '-' ? -1 : 1;
	while (isdigit((unsigned char)*p) && digits < 5) {
		n = n * 10 + (*p++ - '0');
		digits++;
	}
	if (digits == 0 || (*p != 'd' && *p != 'w') || p[1] != '\0')
		return 0;
	*offset = sign * (*p == 'w' ? n * 7 : n);
	return 1;
}

int dk_date_parse(const char *in, const char *today, char out[DK_DATE_LEN],
                  struct dk_error *err)
{
	long t = dk_date_days(today), off, y, days = 0;
	unsigned m, d;

	if (in == NULL || *in == '\0')
		return dk_fail(err, DK_EINPUT, "'' is not a date (%s)", DK_DATE_FORMS);
	if (dk_date_valid(in))
		days = dk_date_days(in);
	else if (strcmp(in, "today") == 0)
		days = t;
	else if (strcmp(in, "tomorrow") == 0)
		days = t + 1;
	else if (strcmp(in, "yesterday") == 0)
		days = t - 1;
	else if (strcmp(in, "eow") == 0)
		/* 1970-01-01 was a Thursday: (t + 3) % 7 is 0 on Monday. */
		days = t + (6 - ((t % 7 + 7 + 3) % 7));
	else if (strcmp(in, "eom") == 0) {
		civil_from_days(t, &y, &m, &d);
		days = days_from_civil(y, m, month_days(y, m));
	} else if (parse_offset(in, &off))
		days = t + off;
	else
		return dk_fail(err, DK_EINPUT, "'%.64s' is not a date (%s)", in, DK_DATE_FORMS);
	if (days < day_min() || days > day_max())
		return dk_fail(err, DK_EINPUT, "'%.64s' is out of range (1900-01-01 to 9999-12-31)", in);
	dk_date_from_days(days, out);
	return DK_OK;
}
