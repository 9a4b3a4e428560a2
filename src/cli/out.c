/* out.c: rows as a table, Markdown, CSV (libcsv, RFC 4180) or JSON.
 *
 * Tables are buffered to size their columns, TABLE_CHUNK rows at a time:
 * a longer listing is sized by its first rows and the rest stream in
 * chunks with those widths (a wider cell further down pushes its row
 * right, never cut further). CSV and JSON stream, so a listing of a
 * million rows costs no more memory than one row. A table on
 * a terminal is fitted to its width (fit.h) instead of cutting cells at
 * TABLE_CELL_MAX; anywhere else its bytes do not depend on the terminal. */
#include <csv.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "docket/text.h"
#include "fit.h"
#include "term.h"

#define TABLE_CELL_MAX 60 /* characters of a cell shown in a table */
#define TABLE_CHUNK 4096  /* table rows buffered at most (check at 1,000,000 risks) */

enum section { SEC_NONE, SEC_LIST, SEC_RECORD };

struct out {
	enum fmt fmt;
	FILE *f;
	enum section sec;   /* the open section */
	const char *title;  /* its title, or NULL */
	int nsections;      /* sections started so far */
	int json_object;    /* JSON output is an object of titled sections */
	long rows;          /* rows in the open section */
	int fit;            /* a table on a terminal: its width, else 0 */
	int color;          /* colour table cells */
	/* table buffer: ncol names then rows of ncol strings */
	int ncol;
	char **cells;
	size_t ncells, cap;
	size_t w[64];       /* column widths, once a chunk of the open list is out */
	int chunked;        /* the open list's header and first chunk are out */
};

struct out *out_new(enum fmt fmt, FILE *f)
{
	struct out *o = calloc(1, sizeof *o);

	if (o != NULL) {
		o->fmt = fmt;
		o->f = f;
		if (fmt == FMT_TABLE && f == stdout) {
			o->fit = term_is_tty() ? term_columns() : 0;
			o->color = term_color();
		}
	}
	return o;
}

static void drop_cells(struct out *o)
{
	for (size_t i = 0; i < o->ncells; i++)
		free(o->cells[i]);
	o->ncells = 0;
	o->ncol = 0;
}

void out_free(struct out *o)
{
	if (o == NULL)
		return;
	drop_cells(o);
	free(o->cells);
	free(o);
}

static void keep(struct out *o, const char *s)
{
	if (o->ncells == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 256;
		char **p = realloc(o->cells, cap * sizeof *p);
		if (p == NULL)
			abort();
		o->cells = p;
		o->cap = cap;
	}
	o->cells[o->ncells++] = strdup(s ? s : "");
}

/* A JSON list of strings shown as "a, b"; other JSON is shown as it is. */
static char *display(const struct dk_cell *c)
{
	struct dk_buf b = {0};
	const char *p;

	if (c->type == DK_CELL_NULL)
		return strdup("");
	if (c->type != DK_CELL_JSON || c->text[0] != '[')
		return strdup(c->text);
	p = c->text + 1;
	while (*p && *p != ']') {
		if (*p == '"') {
			p++;
			while (*p && *p != '"') {
				if (*p == '\\' && p[1]) {
					p++;
					dk_buf_add(&b, *p == 'n' ? "\n" : *p == 't' ? "\t" : p, 1);
				} else {
					dk_buf_add(&b, p, 1);
				}
				p++;
			}
			if (*p)
				p++;
		} else if (*p == ',') {
			dk_buf_adds(&b, ", ");
			p++;
		} else {
			dk_buf_add(&b, p, 1);
			p++;
		}
	}
	p = strdup(dk_buf_str(&b));
	dk_buf_free(&b);
	return (char *)p;
}

/* libcsv quotes every field; quote only those that need it (RFC 4180). */
static void csv_put(FILE *f, const char *s, size_t n)
{
	char small[4096], *buf = small;
	size_t need = 2 * n + 2; /* every byte a quote, doubled, and the two around */

	if (n == 0 || (strcspn(s, ",\"\r\n") == n && s[0] != ' ' && s[n - 1] != ' ')) {
		fwrite(s, 1, n, f);
		return;
	}
	/* libcsv quotes into a buffer written at once: csv_fwrite puts a byte
	 * at a time, which was most of the time of an export */
	if (need > sizeof small && (buf = malloc(need)) == NULL) {
		csv_fwrite(f, s, n);
		return;
	}
	fwrite(buf, 1, csv_write(buf, need, s, n), f);
	if (buf != small)
		free(buf);
}

void out_csv_field(FILE *f, const char *s, int neutralise)
{
	/* OWASP: a cell a spreadsheet would read as a formula gets a leading
	 * apostrophe (never a tab, itself a trigger). */
	if (neutralise && dk_csv_needs_mark(s)) {
		size_t n = strlen(s);
		char *t = malloc(n + 2);
		if (t == NULL)
			abort();
		t[0] = '\'';
		memcpy(t + 1, s, n + 1);
		csv_put(f, t, n + 1);
		free(t);
		return;
	}
	csv_put(f, s, strlen(s));
}

static void json_value(FILE *f, const struct dk_cell *c)
{
	struct dk_buf b = {0};

	switch (c->type) {
	case DK_CELL_NULL: fputs("null", f); return;
	case DK_CELL_INT:
	case DK_CELL_REAL:
	case DK_CELL_JSON: fputs(c->text, f); return;
	default:
		dk_buf_json_string(&b, c->text);
		fputs(dk_buf_str(&b), f);
		dk_buf_free(&b);
	}
}

/* A Markdown cell: '|' escaped, HTML's <, > and & as entities (a renderer
 * passes raw HTML through, so a title could carry a <script>), a newline
 * as <br>. */
static void md_escape(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			fputs("\\|", f);
		else if (*s == '<')
			fputs("&lt;", f);
		else if (*s == '>')
			fputs("&gt;", f);
		else if (*s == '&')
			fputs("&amp;", f);
		else if (*s == '\n')
			fputs("<br>", f);
		else if (*s != '\r')
			fputc(*s, f);
	}
}

static void begin(struct out *o, enum section sec, const char *title)
{
	if (o->sec != SEC_NONE)
		out_end(o);
	o->sec = sec;
	o->title = title;
	o->rows = 0;
	if (o->fmt == FMT_JSON) {
		if (title != NULL) {
			struct dk_buf b = {0};
			fputs(o->nsections == 0 ? "{\n" : ",\n", o->f);
			o->json_object = 1;
			dk_buf_json_string(&b, title);
			fprintf(o->f, "%s: ", dk_buf_str(&b));
			dk_buf_free(&b);
		}
		if (sec == SEC_LIST)
			fputs("[", o->f);
	} else if (title != NULL) {
		if (o->fmt == FMT_MD)
			fprintf(o->f, "%s## %s\n\n", o->nsections ? "\n" : "", title);
		else if (o->fmt == FMT_TABLE)
			fprintf(o->f, "%s%s:\n", o->nsections ? "\n" : "", title);
		else if (o->nsections)
			fputs("\n", o->f);
	} else if (o->nsections && o->fmt != FMT_JSON) {
		fputs("\n", o->f);
	}
	o->nsections++;
}

void out_list(struct out *o, const char *title) { begin(o, SEC_LIST, title); }
void out_record(struct out *o, const char *title) { begin(o, SEC_RECORD, title); }

static void csv_row(struct out *o, int ncol, const struct dk_cell *cells, int header)
{
	for (int i = 0; i < ncol; i++) {
		if (i)
			fputc(',', o->f);
		if (header) {
			out_csv_field(o->f, cells[i].name, 0);
		} else {
			char *d = display(&cells[i]);
			/* an operator column (==) is a closed set, never a formula */
			out_csv_field(o->f, d, (cells[i].type == DK_CELL_TEXT || cells[i].type == DK_CELL_JSON) &&
			              strcmp(cells[i].name, "op") != 0);
			free(d);
		}
	}
	fputs("\r\n", o->f);
}

static void flush_table(struct out *o);

int out_row(void *arg, int ncol, const struct dk_cell *cells, struct dk_error *err)
{
	struct out *o = arg;

	(void)err;
	switch (o->fmt) {
	case FMT_JSON:
		if (o->sec == SEC_LIST)
			fputs(o->rows ? ",\n  {" : "\n  {", o->f);
		else
			fputs(o->rows ? ",\n{" : "{", o->f);
		for (int i = 0; i < ncol; i++) {
			struct dk_buf b = {0};
			dk_buf_json_string(&b, cells[i].name);
			fprintf(o->f, "%s%s: ", i ? ", " : "", dk_buf_str(&b));
			dk_buf_free(&b);
			json_value(o->f, &cells[i]);
		}
		fputs("}", o->f);
		break;
	case FMT_CSV:
		if (o->rows == 0)
			csv_row(o, ncol, cells, 1);
		csv_row(o, ncol, cells, 0);
		break;
	case FMT_MD:
		if (o->sec == SEC_RECORD) {
			for (int i = 0; i < ncol; i++) {
				char *d = display(&cells[i]);
				fprintf(o->f, "- **%s**: ", cells[i].name);
				md_escape(o->f, d);
				fputs("\n", o->f);
				free(d);
			}
			break;
		}
		if (o->rows == 0) {
			for (int i = 0; i < ncol; i++)
				fprintf(o->f, "| %s ", cells[i].name);
			fputs("|\n", o->f);
			for (int i = 0; i < ncol; i++)
				fputs("| --- ", o->f);
			fputs("|\n", o->f);
		}
		for (int i = 0; i < ncol; i++) {
			char *d = display(&cells[i]);
			fputs("| ", o->f);
			md_escape(o->f, d);
			fputs(" ", o->f);
			free(d);
		}
		fputs("|\n", o->f);
		break;
	case FMT_TREE:
	case FMT_DOT:
		break; /* drawn by the command itself */
	case FMT_TABLE:
		if (o->rows == 0) {
			o->ncol = ncol;
			for (int i = 0; i < ncol; i++)
				keep(o, cells[i].name);
		}
		for (int i = 0; i < ncol && i < o->ncol; i++) {
			char *d = display(&cells[i]);
			keep(o, d);
			free(d);
		}
		if (o->sec == SEC_LIST && o->ncells / (size_t)o->ncol > TABLE_CHUNK) {
			/* out with this chunk; keep the header names */
			flush_table(o);
			for (size_t i = (size_t)o->ncol; i < o->ncells; i++)
				free(o->cells[i]);
			o->ncells = (size_t)o->ncol;
			o->chunked = 1;
		}
		break;
	}
	o->rows++;
	return DK_OK;
}

/* Display width in characters (UTF-8 continuation bytes do not count). */
static size_t width(const char *s, size_t max)
{
	size_t n = dk_utf8_len(s);
	return n > max ? max : n;
}

/* Writes at most max characters of s (in colour sgr, unless NULL); a
 * longer or multi-line text ends in "…". */
static void put_cell(FILE *f, const char *s, size_t max, size_t pad, const char *sgr)
{
	size_t n = 0, shown = 0;
	int cut = 0;

	if (sgr)
		fputs(sgr, f);
	for (const char *p = s; *p; p++) {
		if (((unsigned char)*p & 0xc0) != 0x80) {
			if (n == max - 1 && dk_utf8_len(p) > 1) {
				cut = 1;
				break;
			}
			if (n == max)
				break;
			n++;
		}
		fputc(*p == '\n' || *p == '\t' || *p == '\r' ? ' ' : *p, f);
	}
	if (cut) {
		fputs("\xe2\x80\xa6", f);
		n++;
	}
	if (sgr)
		fputs(FIT_RESET, f);
	shown = n;
	for (; shown < pad; shown++)
		fputc(' ', f);
}

/* The index of the row's status column, or -1. */
static int status_col(const struct out *o, int nc)
{
	for (int i = 0; i < nc; i++)
		if (strcmp(o->cells[i], "status") == 0)
			return i;
	return -1;
}

/* The colour of cell i of row r (0 is the header: none), or NULL. */
static const char *cell_colour(const struct out *o, size_t r, int i, int st)
{
	const char *const *row = (const char *const *)o->cells + r * (size_t)o->ncol;

	if (!o->color || r == 0)
		return NULL;
	return fit_colour(o->cells[i], row[i], st >= 0 ? row[st] : NULL, term_today());
}

/* Appends bytes of a cell to a line, tabs and carriage returns as spaces. */
static void line_add(struct dk_buf *b, const char *s, size_t n, const char *sgr)
{
	if (sgr && n)
		dk_buf_adds(b, sgr);
	for (size_t i = 0; i < n; i++)
		dk_buf_add(b, s[i] == '\t' || s[i] == '\r' ? " " : s + i, 1);
	if (sgr && n)
		dk_buf_adds(b, FIT_RESET);
}

/* Headers in upper case, as most terminal tools print them. */
static void upper_add(struct dk_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char ch = (char)(s[i] >= 'a' && s[i] <= 'z' ? s[i] - 32 : s[i]);
		dk_buf_add(b, &ch, 1);
	}
}

static void line_pad(struct dk_buf *b, size_t n)
{
	for (; n > 0; n--)
		dk_buf_add(b, " ", 1);
}

/* Writes the line without its trailing spaces, and empties it. */
static void line_put(struct out *o, struct dk_buf *b)
{
	const char *s = dk_buf_str(b);
	size_t n = strlen(s);

	while (n > 0 && s[n - 1] == ' ')
		n--;
	fwrite(s, 1, n, o->f);
	fputc('\n', o->f);
	dk_buf_free(b);
}

/* The lines of s wrapped at width; caller frees. Sets *n to their number. */
static struct fit_span *wrap_cell(const char *s, size_t width, int whole, size_t *n)
{
	struct fit_span *sp;

	*n = fit_wrap(s, width, whole, NULL, 0);
	if ((sp = malloc(*n * sizeof *sp)) == NULL)
		abort();
	fit_wrap(s, width, whole, sp, *n);
	return sp;
}

/* A record on a terminal: values wrapped beside their names. */
static void fit_record(struct out *o, size_t rows, int nc)
{
	size_t kw = 0, room;
	int st = status_col(o, nc);

	for (int i = 0; i < nc; i++)
		if (fit_width(o->cells[i]) > kw)
			kw = fit_width(o->cells[i]);
	room = (size_t)o->fit > kw + FIT_GAP + 20 ? (size_t)o->fit - kw - FIT_GAP : 20;
	for (size_t r = 1; r < rows; r++) {
		if (r > 1)
			fputs("\n", o->f);
		for (int i = 0; i < nc; i++) {
			const char *v = o->cells[r * (size_t)o->ncol + (size_t)i], *sgr = cell_colour(o, r, i, st);
			struct dk_buf b = {0};
			struct fit_span *sp;
			size_t n;
			int rank, whole;

			fit_rule(o->cells[i], &rank, &whole);
			sp = wrap_cell(v, room, whole, &n);
			for (size_t k = 0; k < n; k++) {
				if (k == 0) {
					line_add(&b, o->cells[i], strlen(o->cells[i]), NULL);
					line_pad(&b, kw - fit_width(o->cells[i]) + FIT_GAP);
				} else {
					line_pad(&b, kw + FIT_GAP);
				}
				line_add(&b, v + sp[k].off, sp[k].len, sgr);
				line_put(o, &b);
			}
			free(sp);
		}
	}
}

/* A list on a terminal: columns fitted to its width, text wrapped inside
 * its column, a column too wide for the grid on lines under each row. */
static void fit_list(struct out *o, size_t rows, int nc)
{
	size_t nat[FIT_MAX_COLS] = {0}, word[FIT_MAX_COLS] = {0}, w[FIT_MAX_COLS], line, wd;
	const char *names[FIT_MAX_COLS] = {0};
	int st = status_col(o, nc), last = -1;

	for (int i = 0; i < nc; i++)
		names[i] = o->cells[i];
	for (size_t r = 0; r < rows; r++)
		for (int i = 0; i < nc; i++) {
			fit_measure(o->cells[r * (size_t)o->ncol + (size_t)i], &line, &wd);
			if (line > nat[i])
				nat[i] = line;
			if (wd > word[i])
				word[i] = wd;
		}
	fit_layout(nc, names, nat, word, (size_t)o->fit, w);
	for (int i = 0; i < nc; i++)
		if (w[i] != FIT_DROPPED && w[i] != FIT_DETAIL)
			last = i;
	for (size_t r = 0; r < rows; r++) {
		const char *const *row = (const char *const *)o->cells + r * (size_t)o->ncol;
		struct fit_span *sp[FIT_MAX_COLS] = {0};
		size_t n[FIT_MAX_COLS] = {0}, height = 1;
		struct dk_buf b = {0};

		for (int i = 0; i <= last; i++) {
			int rank, whole;
			if (w[i] == FIT_DROPPED || w[i] == FIT_DETAIL)
				continue;
			fit_rule(names[i], &rank, &whole);
			sp[i] = wrap_cell(row[i], w[i], whole, &n[i]);
			if (n[i] > height)
				height = n[i];
		}
		for (size_t k = 0; k < height; k++) {
			for (int i = 0; i <= last; i++) {
				size_t used = 0;
				if (w[i] == FIT_DROPPED || w[i] == FIT_DETAIL)
					continue;
				if (k < n[i]) {
					if (r == 0)
						upper_add(&b, row[i] + sp[i][k].off, sp[i][k].len);
					else {
						line_add(&b, row[i] + sp[i][k].off, sp[i][k].len, cell_colour(o, r, i, st));
					}
					used = sp[i][k].cols;
				}
				if (i < last)
					line_pad(&b, (w[i] > used ? w[i] - used : 0) + FIT_GAP);
			}
			line_put(o, &b);
		}
		for (int i = 0; i <= last; i++)
			free(sp[i]);
		/* the columns under the row, each on lines of its own, wrapped at
		 * spaces only; under the header, their names */
		for (int i = 0; i < nc; i++) {
			size_t room = (size_t)o->fit > 20 + FIT_GAP ? (size_t)o->fit - FIT_GAP : 20, cnt;
			struct fit_span *d;
			if (w[i] != FIT_DETAIL || row[i][0] == '\0')
				continue;
			if (r == 0) {
				line_pad(&b, FIT_GAP);
				upper_add(&b, row[i], strlen(row[i]));
				line_put(o, &b);
				continue;
			}
			d = wrap_cell(row[i], room, 1, &cnt);
			for (size_t k = 0; k < cnt; k++) {
				line_pad(&b, FIT_GAP);
				line_add(&b, row[i] + d[k].off, d[k].len, cell_colour(o, r, i, st));
				line_put(o, &b);
			}
			free(d);
		}
	}
}

static void flush_table(struct out *o)
{
	size_t rows, w[64] = {0};
	int nc = o->ncol > 64 ? 64 : o->ncol, st;

	if (nc == 0)
		return;
	rows = o->ncells / (size_t)o->ncol;
	if (o->fit > 0) {
		if (o->sec == SEC_RECORD)
			fit_record(o, rows, nc);
		else
			fit_list(o, rows, nc);
		return;
	}
	st = status_col(o, nc);
	if (o->sec == SEC_RECORD) {
		size_t kw = 0;
		for (int i = 0; i < nc; i++)
			if (width(o->cells[i], 100) > kw)
				kw = width(o->cells[i], 100);
		for (size_t r = 1; r < rows; r++) {
			if (r > 1)
				fputs("\n", o->f);
			for (int i = 0; i < nc; i++) {
				const char *v = o->cells[r * (size_t)o->ncol + (size_t)i], *sgr = cell_colour(o, r, i, st);
				put_cell(o->f, o->cells[i], kw, kw, NULL);
				fputs("  ", o->f);
				if (sgr)
					fputs(sgr, o->f);
				/* full text in a record: indent continuation lines */
				for (const char *p = v; *p; p++) {
					fputc(*p, o->f);
					if (*p == '\n')
						fprintf(o->f, "%*s", (int)kw + 2, "");
				}
				if (sgr)
					fputs(FIT_RESET, o->f);
				fputs("\n", o->f);
			}
		}
		return;
	}
	if (o->chunked)
		memcpy(w, o->w, sizeof w); /* the first chunk's */
	else
		for (size_t r = 0; r < rows; r++)
			for (int i = 0; i < nc; i++) {
				size_t x = width(o->cells[r * (size_t)o->ncol + (size_t)i], TABLE_CELL_MAX);
				if (x > w[i])
					w[i] = x;
			}
	memcpy(o->w, w, sizeof w);
	for (size_t r = o->chunked ? 1 : 0; r < rows; r++) {
		for (int i = 0; i < nc; i++) {
			const char *v = o->cells[r * (size_t)o->ncol + (size_t)i];
			if (r == 0) {
				/* headers in upper case, as most terminal tools print them */
				char h[128];
				size_t k = 0;
				for (; v[k] && k < sizeof h - 1; k++)
					h[k] = (char)(v[k] >= 'a' && v[k] <= 'z' ? v[k] - 32 : v[k]);
				h[k] = '\0';
				put_cell(o->f, h, TABLE_CELL_MAX, i == nc - 1 ? 0 : w[i], NULL);
			} else {
				put_cell(o->f, v, TABLE_CELL_MAX, i == nc - 1 ? 0 : w[i], cell_colour(o, r, i, st));
			}
			if (i < nc - 1)
				fputs("  ", o->f);
		}
		fputs("\n", o->f);
	}
}

void out_end(struct out *o)
{
	if (o->sec == SEC_NONE)
		return;
	switch (o->fmt) {
	case FMT_JSON:
		if (o->sec == SEC_LIST)
			fputs(o->rows ? "\n]" : "]", o->f);
		else if (o->rows == 0)
			fputs("null", o->f);
		if (!o->json_object)
			fputs("\n", o->f);
		break;
	case FMT_TABLE:
		if (o->rows == 0 && o->sec == SEC_LIST)
			fputs(o->title ? "  (none)\n" : "(none)\n", o->f);
		flush_table(o);
		drop_cells(o);
		o->chunked = 0;
		break;
	case FMT_MD:
		if (o->rows == 0)
			fputs("(none)\n", o->f);
		break;
	default:
		break;
	}
	o->sec = SEC_NONE;
}

void out_value(struct out *o, const char *name, const char *value)
{
	struct dk_cell c = {name, value, DK_CELL_TEXT};

	if (o->fmt == FMT_TABLE || o->fmt == FMT_MD) {
		fprintf(o->f, "%s\n", value);
		return;
	}
	out_record(o, NULL);
	out_row(o, 1, &c, NULL);
	out_end(o);
}

void out_note(struct out *o, const char *fmt, ...)
{
	va_list ap;

	if (o->fmt != FMT_TABLE && o->fmt != FMT_MD)
		return;
	if (o->sec != SEC_NONE)
		out_end(o);
	va_start(ap, fmt);
	vfprintf(o->f, fmt, ap);
	va_end(ap);
	fputs("\n", o->f);
}

void out_finish(struct out *o)
{
	out_end(o);
	if (o->fmt == FMT_JSON && o->json_object)
		fputs("\n}\n", o->f);
}

void out_done(struct out *o, const char *key, const char *fmt, ...)
{
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	if (o->fmt == FMT_TABLE || o->fmt == FMT_MD) {
		if (o->sec != SEC_NONE)
			out_end(o);
		fprintf(o->f, "%s %s\n", key, what);
		return;
	}
	out_record(o, NULL);
	out_row(o, 2, (struct dk_cell[]){{"key", key, DK_CELL_TEXT},
	                                 {"change", what, DK_CELL_TEXT}}, NULL);
	out_end(o);
}
