/* fit.c: a table laid out in a terminal's width (fit.h), and its colours.
 *
 * Everything the layout knows of a column is in rules[] below, by name:
 * rank 1 is dropped first when a table is too wide, 9 is never dropped;
 * whole marks a column whose cells are never wrapped or cut (a key, a
 * command to run, a path or URI, a hash). Other columns wrap at spaces;
 * a key holds no space, so a wrapped column never cuts one. */
#include <string.h>

#include "fit.h"

#define WORD_CAP 24 /* a text column is not narrowed below its longest word, up to this */
#define COMFORT 30  /* columns are dropped until text columns get this much (or all they need) */

static const struct rule {
	const char *name; /* a column name; "*_at" matches every name ending in "_at" */
	int rank;
	int whole;
} rules[] = {
	/* what a row is: never dropped */
	{"key", 9, 1}, {"record", 9, 1}, {"handle", 9, 1}, {"fix", 9, 1}, {"severity", 9, 1},
	{"title", 9, 0}, {"finding", 9, 0}, {"check", 9, 0}, {"criterion", 9, 0},
	{"change", 9, 0}, {"label", 9, 0}, {"option", 9, 0}, {"name", 9, 0},
	/* what a reader looks for next */
	{"status", 8, 0}, {"rule", 8, 1}, {"result", 8, 0}, {"due", 8, 0}, {"due_on", 8, 0},
	{"owner", 8, 0},
	{"inputs", 8, 0}, {"action", 8, 0}, {"entity", 8, 0}, {"entity_id", 3, 1},
	{"metric", 8, 0}, {"op", 8, 0}, {"threshold", 8, 0}, {"stance", 8, 0},
	{"score", 7, 0}, {"days_overdue", 7, 0}, {"area", 7, 0}, {"kind", 7, 0},
	{"actor", 7, 0}, {"escalate_to", 7, 0}, {"why", 7, 0}, {"problem", 7, 0},
	{"system", 7, 0}, {"relation", 7, 0}, {"from", 7, 0}, {"to", 7, 0}, {"chosen", 7, 0},
	{"direction", 7, 0}, {"email", 7, 1}, {"uri", 7, 1}, {"path", 7, 1}, {"file", 7, 1},
	{"stage_name", 7, 0}, {"outputs", 6, 0},
	{"team", 4, 0}, {"decided_on", 6, 0}, {"held_on", 6, 0}, {"attendees", 6, 0},
	{"supersedes", 6, 1}, {"superseded_by", 6, 1}, {"detail", 6, 0}, {"row", 6, 0},
	/* references and counts: dropped when the table is too wide */
	{"blueprint", 4, 1}, {"context", 4, 1}, {"decision", 4, 1}, {"stage", 4, 1},
	{"risk", 4, 1}, {"via", 4, 1}, {"review_by", 4, 0}, {"makers", 4, 0},
	{"evidence", 4, 0}, {"steps_pending", 4, 0}, {"value", 4, 0}, {"recorded_on", 4, 0},
	{"method", 4, 0}, {"depth", 4, 0}, {"collected_on", 4, 0}, {"at", 8, 0}, {"seq", 8, 1},
	{"category", 3, 0}, {"treatment", 3, 0}, {"steps", 3, 0}, {"passed", 3, 0},
	{"adr", 3, 0}, {"decisions", 3, 0}, {"records", 3, 0}, {"revision", 3, 0},
	{"source", 3, 0}, {"components", 3, 0}, {"deferred", 3, 0}, {"stages", 3, 0},
	{"gates", 3, 0}, {"ordinal", 3, 0}, {"catalog", 3, 1}, {"defined_on", 3, 0},
	{"likelihood", 2, 0}, {"impact", 2, 0}, {"size_bytes", 2, 0}, {"sha256", 2, 1},
	{"hash", 2, 1}, {"login", 2, 0}, {"pros", 2, 0}, {"cons", 2, 0},
	/* identifiers and timestamps: dropped first */
	{"uuid", 1, 1}, {"created_by", 1, 0}, {"updated_by", 1, 0}, {"*_at", 1, 1},
};

void fit_rule(const char *name, int *rank, int *whole)
{
	size_t n = strlen(name);

	*rank = 5;
	*whole = 0;
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
		const char *r = rules[i].name;
		size_t k = strlen(r) - 1;
		if (r[0] == '*' ? n > k && strcmp(name + n - k, r + 1) == 0 : strcmp(name, r) == 0) {
			*rank = rules[i].rank;
			*whole = rules[i].whole;
			return;
		}
	}
}

/* East Asian wide and fullwidth characters take two columns. */
static int wide(unsigned long c)
{
	return (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf && c != 0x303f) ||
	       (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
	       (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
	       (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1f64f) ||
	       (c >= 0x1f900 && c <= 0x1f9ff) || (c >= 0x20000 && c <= 0x3fffd);
}

/* The character at s: its length in bytes and its width in columns. An
 * invalid byte is one character one column wide. */
static size_t one_char(const char *s, size_t *cols)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned long c;
	size_t n, i;

	if (u[0] < 0x80) {
		*cols = 1;
		return 1;
	}
	n = u[0] >= 0xf0 ? 4 : u[0] >= 0xe0 ? 3 : u[0] >= 0xc0 ? 2 : 1;
	c = u[0] & (n == 4 ? 0x07 : n == 3 ? 0x0f : 0x1f);
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80) {
			*cols = 1;
			return 1;
		}
		c = c << 6 | (u[i] & 0x3f);
	}
	if (n == 1)
		*cols = 1;
	else if ((c >= 0x300 && c <= 0x36f) || (c >= 0x200b && c <= 0x200f) || c == 0xfe0f)
		*cols = 0; /* combining marks and zero-width spaces */
	else
		*cols = wide(c) ? 2 : 1;
	return n;
}

size_t fit_width(const char *s)
{
	size_t w = 0, cols;

	while (*s) {
		s += one_char(s, &cols);
		w += cols;
	}
	return w;
}

static int blank(char ch) { return ch == ' ' || ch == '\t' || ch == '\r'; }

void fit_measure(const char *s, size_t *line, size_t *word)
{
	size_t l = 0, w = 0, cols;

	*line = *word = 0;
	while (*s) {
		if (*s == '\n') {
			l = w = 0;
			s++;
			continue;
		}
		int b = blank(*s);
		s += one_char(s, &cols);
		l += cols;
		w = b ? 0 : w + cols;
		if (l > *line)
			*line = l;
		if (w > *word)
			*word = w;
	}
}

size_t fit_wrap(const char *s, size_t width, int whole, struct fit_span *lines, size_t max)
{
	const char *p = s;
	size_t n = 0;
	int cont = 0; /* the line continues a wrapped one: its leading spaces go */

	if (width == 0)
		width = 1;
	for (;;) {
		const char *start = p, *end = p;
		size_t cols = 0;
		int empty = 1;

		for (;;) {
			const char *q = p, *r;
			size_t sp = 0, wc = 0, cw;

			while (blank(*q)) {
				q++;
				sp++;
			}
			if (*q == '\0' || *q == '\n') {
				if (n < max)
					lines[n] = (struct fit_span){(size_t)(start - s), (size_t)(end - start), cols};
				n++;
				if (*q == '\0')
					return n;
				p = q + 1;
				cont = 0;
				break;
			}
			for (r = q; *r && *r != '\n' && !blank(*r); wc += cw)
				r += one_char(r, &cw);
			if (empty) {
				size_t lead = cont ? 0 : sp;
				if (cont)
					start = q;
				if (lead + wc <= width || whole) {
					cols = lead + wc;
					end = p = r;
					empty = 0;
					continue;
				}
				/* a word longer than the line: cut it at the width, after
				 * the last punctuation that leaves a third of the line */
				const char *after = NULL;
				size_t after_cols = 0;
				start = q;
				for (end = q, cols = 0; end < r; cols += cw) {
					size_t len = one_char(end, &cw);
					if (cols + cw > width && end > q)
						break;
					end += len;
					if (strchr(",;:/)]}&|", *(end - 1)) && cols + cw >= width / 3) {
						after = end;
						after_cols = cols + cw;
					}
				}
				if (after != NULL && end < r) {
					end = after;
					cols = after_cols;
				}
				if (n < max)
					lines[n] = (struct fit_span){(size_t)(start - s), (size_t)(end - start), cols};
				n++;
				p = end;
				cont = 1;
				break;
			}
			if (cols + sp + wc <= width) {
				cols += sp + wc;
				end = p = r;
				continue;
			}
			if (n < max)
				lines[n] = (struct fit_span){(size_t)(start - s), (size_t)(end - start), cols};
			n++;
			p = q;
			cont = 1;
			break;
		}
	}
}

/* The grid's width with the columns in it at the widths given. */
static size_t grid(int n, const size_t *w)
{
	size_t t = 0;
	int shown = 0;

	for (int i = 0; i < n; i++)
		if (w[i] != FIT_DROPPED && w[i] != FIT_DETAIL) {
			t += w[i];
			shown++;
		}
	return t + (shown > 1 ? (size_t)(shown - 1) * FIT_GAP : 0);
}

void fit_layout(int ncol, const char *const *names, const size_t *nat, const size_t *word,
                size_t width, size_t *w)
{
	int rank[FIT_MAX_COLS], whole[FIT_MAX_COLS], n = ncol > FIT_MAX_COLS ? FIT_MAX_COLS : ncol;
	size_t lo[FIT_MAX_COLS], comfort[FIT_MAX_COLS], used;

	for (int i = 0; i < n; i++) {
		size_t hdr = fit_width(names[i]), wd = word[i] < WORD_CAP ? word[i] : WORD_CAP;
		fit_rule(names[i], &rank[i], &whole[i]);
		lo[i] = whole[i] ? nat[i] : nat[i] < (hdr > wd ? hdr : wd) ? nat[i] : (hdr > wd ? hdr : wd);
		comfort[i] = whole[i] || nat[i] < COMFORT ? nat[i] : lo[i] > COMFORT ? lo[i] : COMFORT;
		w[i] = nat[i];
	}
	if (grid(n, w) <= width)
		return;
	for (int i = 0; i < n; i++)
		w[i] = comfort[i];
	/* drop the low-ranked (the rightmost of a rank first), then narrow the
	 * text columns, then move the widest whole columns under the row, then
	 * drop what must go */
	for (int phase = 0; phase < 5 && grid(n, w) > width;) {
		int k = -1, shown = 0;

		if (phase == 1) {
			for (int i = 0; i < n; i++)
				if (w[i] != FIT_DROPPED && w[i] != FIT_DETAIL)
					w[i] = lo[i];
			phase++;
			continue;
		}
		for (int i = 0; i < n; i++)
			shown += w[i] != FIT_DROPPED && w[i] != FIT_DETAIL;
		for (int i = 0; i < n && shown > 1; i++) {
			if (w[i] == FIT_DROPPED || w[i] == FIT_DETAIL)
				continue;
			if (phase == 0 || phase == 3) {
				if (rank[i] < (phase == 0 ? 5 : 9) && (k < 0 || rank[i] <= rank[k]))
					k = i;
			} else if (whole[i] && i > 0 && nat[i] > (phase == 4 ? WORD_CAP : width / 2) &&
			           (k < 0 || nat[i] > nat[k])) {
				k = i;
			}
		}
		if (k < 0) {
			phase++;
			continue;
		}
		w[k] = phase == 0 || phase == 3 ? FIT_DROPPED : FIT_DETAIL;
	}
	/* text columns from their narrowest, widened where they need it most */
	for (int i = 0; i < n; i++)
		if (w[i] != FIT_DROPPED && w[i] != FIT_DETAIL && !whole[i])
			w[i] = lo[i];
	for (used = grid(n, w); used < width; used++) {
		int k = -1;
		for (int i = 0; i < n; i++)
			if (w[i] != FIT_DROPPED && w[i] != FIT_DETAIL && w[i] < nat[i] &&
			    (k < 0 || nat[i] - w[i] > nat[k] - w[k]))
				k = i;
		if (k < 0)
			break;
		w[k]++;
	}
}

static int is_date(const char *s)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	return 1;
}

const char *fit_colour(const char *name, const char *value, const char *status,
                       const char *today)
{
	if (value == NULL || value[0] == '\0')
		return NULL;
	if (strcmp(value, "STOP") == 0)
		return "\033[1;31m"; /* bold red */
	if (strcmp(value, "ESCALATE") == 0)
		return "\033[1;35m"; /* bold magenta */
	if (strcmp(value, "WARN") == 0)
		return "\033[33m"; /* yellow */
	if (strcmp(name, "result") == 0 && (strcmp(value, "fail") == 0 || strcmp(value, "failed") == 0))
		return "\033[31m"; /* red */
	if (strcmp(name, "result") == 0 && (strcmp(value, "pass") == 0 || strcmp(value, "passed") == 0))
		return "\033[32m"; /* green */
	if (strcmp(name, "days_overdue") == 0)
		return value[0] >= '1' && value[0] <= '9' ? "\033[31m" : NULL;
	if ((strcmp(name, "due") == 0 || strcmp(name, "due_on") == 0) && today != NULL &&
	    is_date(value) && strcmp(value, today) < 0 &&
	    (status == NULL || (strcmp(status, "closed") != 0 && strcmp(status, "withdrawn") != 0)))
		return "\033[31m";
	return NULL;
}
