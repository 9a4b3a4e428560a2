/* docket/cond.h: the rule catalog's condition language, over a context.
 *
 * Ownership: dk_cond_parse returns a heap tree the caller releases with
 * dk_cond_free (NULL is safe); on failure it returns NULL and fills the
 * caller's struct dk_cond_error, allocating nothing. A struct dk_facts
 * owns its text and lists and is released with dk_facts_free. A struct
 * dk_value filled by dk_cond_eval borrows from the facts (and the tree):
 * it is valid while both live.
 *
 * Grammar (whitespace between tokens is free):
 *   expr  := or
 *   or    := and { "or" and }
 *   and   := not { "and" not }
 *   not   := "not" not | cmp
 *   cmp   := sum [ ("<" | "<=" | ">" | ">=" | "==" | "!=") sum | "has" sum ]
 *   sum   := prod { ("+" | "-") prod }
 *   prod  := unary { ("*" | "/") unary }
 *   unary := "-" unary | atom
 *   atom  := NUMBER | 'text' | "text" | FIELD | true | false | null
 *          | "count" "(" expr ")" | "(" expr ")"
 * Types are checked when parsing, against the fields' types: and/or/not
 * take booleans; < <= > >= and arithmetic take numbers; == and != take two
 * values of one type (or null); `list has 'text'` is a case-insensitive
 * membership test; count(list) is its number of items. A text compared
 * with problem, cloud or retrain must be one of their values. At
 * evaluation a field that was not given is null: null equals only null,
 * an ordering comparison with null is false, and arithmetic with null (or
 * a division by zero) gives null; `list has FIELD` with FIELD null is
 * false. An expression nests at most 100 deep (parentheses, count, not,
 * unary minus) and has at most 2000 parts, so that parsing, evaluating and
 * freeing it cannot exhaust the stack. */
#ifndef DOCKET_COND_H
#define DOCKET_COND_H

#include <stddef.h>

#include "docket/error.h"

enum dk_type {
	DK_T_NULL,
	DK_T_NUM,
	DK_T_TEXT,
	DK_T_LIST, /* a list of texts */
	DK_T_BOOL,
};

/* The context fields a condition may name, in this order. */
enum dk_field {
	DK_F_PROBLEM,
	DK_F_LATENCY_P95_MS,
	DK_F_THROUGHPUT_RPS,
	DK_F_DATA_GB,
	DK_F_LABEL_DELAY_DAYS,
	DK_F_TEAM_SIZE,
	DK_F_STACK,
	DK_F_CLOUD,
	DK_F_ON_PREM,
	DK_F_COMPLIANCE,
	DK_F_BUDGET_USD_MONTH,
	DK_F_SHARED_FEATURES,
	DK_F_RETRAIN,
	DK_F_SYSTEM, /* the system's name (for text templates) */
	DK_F_OWNER,  /* the owner's handle (for text templates) */
	DK_FIELD_COUNT
};

struct dk_field_info {
	const char *name;
	int type;                   /* enum dk_type */
	const char *const *values;  /* allowed texts, NULL-terminated, or NULL */
};
extern const struct dk_field_info dk_fields[DK_FIELD_COUNT];

struct dk_value {
	int type;                /* enum dk_type; DK_T_NULL when not given */
	double num;              /* DK_T_NUM */
	int b;                   /* DK_T_BOOL */
	const char *text;        /* DK_T_TEXT */
	const char *const *list; /* DK_T_LIST: n texts */
	size_t n;
};

/* The values of one context revision. */
struct dk_facts {
	struct dk_value v[DK_FIELD_COUNT];
	char *texts[8];       /* owned text storage */
	char **lists[2];      /* owned lists (stack, compliance) */
	size_t list_n[2];
};
void dk_facts_free(struct dk_facts *f);
/* Sets a list field from a JSON array of strings ("[\"a\",\"b\"]"). */
int dk_facts_set_list(struct dk_facts *f, int field, const char *json, struct dk_error *err);
/* Sets a text field (copied); NULL sets null. */
int dk_facts_set_text(struct dk_facts *f, int field, const char *s, struct dk_error *err);

/* Parses a JSON array of strings into *items (caller frees with
 * dk_strings_free). Returns 0, or -1 (nothing allocated) when json is not one. */
int dk_json_strings(const char *json, char ***items, size_t *n);
void dk_strings_free(char **items, size_t n);

struct dk_cond;

struct dk_cond_error {
	size_t pos;     /* 1-based character where the problem is */
	char msg[240];  /* lower case, no full stop */
};

/* Parses src. want is the type the whole expression must have (DK_T_BOOL
 * for a condition, DK_T_NUM for a threshold) or DK_T_NULL for any type. */
struct dk_cond *dk_cond_parse(const char *src, int want, struct dk_cond_error *e);
void dk_cond_free(struct dk_cond *c);
/* The expression's static type (enum dk_type). */
int dk_cond_type(const struct dk_cond *c);
/* Evaluates c over f. Never fails: types were checked when parsing. */
void dk_cond_eval(const struct dk_cond *c, const struct dk_facts *f, struct dk_value *out);
/* 1 when a boolean expression holds over f. */
int dk_cond_holds(const struct dk_cond *c, const struct dk_facts *f);

/* Numbers as docket writes them everywhere: up to 10 significant digits,
 * no exponent for ordinary magnitudes, no trailing zeros ("60", "0.05"). */
void dk_num_format(double x, char out[32]);

#endif
