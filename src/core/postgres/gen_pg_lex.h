/* gen_pg_lex: the build-time tools' reading of PostgreSQL SQL, for
 * gen_pg_objects: a migration cut into tokens as the server cuts it
 * (quotes, E'' escapes, dollar quotes, comments), and the small helpers
 * the tools share. Not part of the library: a failure ends the tool, and
 * with it the build. */
#ifndef DOCKET_GEN_PG_LEX_H
#define DOCKET_GEN_PG_LEX_H

#include <stddef.h>

#define NAME_MAX_BYTES 63 /* PostgreSQL's NAMEDATALEN - 1: longer names are cut */

enum kind { T_WORD, T_QWORD, T_STR, T_DSTR, T_NUM, T_PARAM, T_PUNCT };

struct tok {
	enum kind kind;
	char *text;        /* WORD lower-cased; QWORD, STR, DSTR their value; else as written */
	int line;
	int nl_before;     /* the space before it holds a newline */
	size_t start, end; /* its bytes in the migration */
};

struct buf {
	char *p;
	size_t n, cap;
};

struct toks {
	struct tok *t;
	int n, cap;
};

/* the migration being read, named in every message */
extern const char *g_file;

/* Prints "gen_pg_objects: FILE.sql: line LINE: " and the message, exits 1. */
void die(int line, const char *fmt, ...) __attribute__((format(printf, 2, 3), noreturn));
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
void addn(struct buf *b, const char *s, size_t n);
void addc(struct buf *b, char c);
/* b's text, owned by the caller (an empty string for none); b is emptied. */
char *take(struct buf *b);

int ident_start(unsigned char c);
int tag_char(unsigned char c);

/* The tokens of s[0..n) into out (its earlier tokens dropped). */
void lex(const char *s, size_t n, struct toks *out);

#endif
