/* docket/cond.h: the rule catalog's condition language, over a context.
 *
 * Ownership: dk_cond_parse returns a heap tree the caller releases with
 * dk_cond_free (NULL is safe); on failure it returns NULL and fills the
 * caller's struct dk_cond_error, allocating nothing. A struct dk_facts
 * owns its text and lists and is released with dk_facts_free (a zeroed one
 * is empty); the vocabulary it was resolved with is borrowed and must
 * outlive it. A struct dk_value filled by dk_cond_eval borrows from the
 * facts, the tree and the vocabulary: it is valid while they live.
 *
 * Grammar (whitespace between tokens is free):
 *   expr  := or
 *   or    := and { "or" and }
 *   and   := not { "and" not }
 *   not   := "not" not | cmp
 *   cmp   := sum [ ("<" | "<=" | ">" | ">=" | "==" | "!=") sum
 *                | "has" sum | "has" "kind" sum ]
 *   sum   := prod { ("+" | "-") prod }
 *   prod  := unary { ("*" | "/") unary }
 *   unary := "-" unary | atom
 *   atom  := NUMBER | 'text' | "text" | FIELD | true | false | null
 *          | "count" "(" expr ")" | "tool" "(" 'kind' ")"
 *          | ("ceil" | "floor" | "round") "(" expr ")"
 *          | ("min" | "max") "(" expr "," expr ")" | "(" expr ")"
 * Types are checked when parsing, against the fields' types: and/or/not
 * take booleans; < <= > >= and arithmetic take numbers; == and != take two
 * values of one type (or null); `list has 'text'` is a membership test
 * that folds case and punctuation ("PCI-DSS" has 'pci_dss'); count(list) is
 * its number of items. A text compared with an enumerated field (problem,
 * cloud, model_kind, deploy_target) or looked for in retrain must be one of
 * its values.
 *
 * The stack is matched through the catalog's vocabulary (docket/vocab.h):
 * `stack has 'sagemaker'` holds when a stack word names that tool by any
 * alias; `stack has kind 'orchestrator'` when a stack word names a tool of
 * that kind; tool('registry') is what the stack supplies as that kind (the
 * product the first such tool names: a tool whose first kind it is before
 * other tools that have it, and managed platforms last), or null. Parsed with a vocabulary, a tool name it does not know is
 * refused; a kind must always be one of dk_tool_kinds.
 *
 * At evaluation a field that was not given is null: null equals only null,
 * an ordering comparison with null is false, and arithmetic with null (or
 * a division by zero) gives null; `list has FIELD` with FIELD null is
 * false. Arithmetic that reads no field is checked when parsed: a division
 * by zero ('x / 0', 'x / (1 - 1)') or a result beyond a double is refused
 * there, named, since no context could make it good. An expression nests at most 100 deep (parentheses, calls, not,
 * unary minus) and has at most 2000 parts, so that parsing, evaluating and
 * freeing it cannot exhaust the stack. */
#ifndef DOCKET_COND_H
#define DOCKET_COND_H

#include <stddef.h>

#include "docket/error.h"

struct dk_buf;
struct dk_vocab;

enum dk_type {
	DK_T_NULL,
	DK_T_NUM,
	DK_T_TEXT,
	DK_T_LIST, /* a list of texts */
	DK_T_BOOL,
	DK_T_UNKNOWN, /* only from dk_cond_eval_partial: depends on a field not yet known */
};

/* The context fields a condition may name, in this order (the order of the
 * blueprint JSON body's context object). */
enum dk_field {
	DK_F_PROBLEM,
	DK_F_MODEL_KIND,
	DK_F_DEPLOY_TARGET,
	DK_F_LATENCY_P95_MS,
	DK_F_THROUGHPUT_RPS,
	DK_F_AVAILABILITY_PCT,
	DK_F_DATA_GB,
	DK_F_VELOCITY_GB_DAY, /* --velocity read as GB a day */
	DK_F_LABEL_DELAY_DAYS,
	DK_F_TEAM_SIZE,
	DK_F_PIPELINES,
	DK_F_STACK,
	DK_F_CLOUD,
	DK_F_ON_PREM,
	DK_F_AIR_GAPPED,
	DK_F_GPU,             /* stated, or implied by model_kind llm */
	DK_F_RETRIEVAL,       /* an llm answers from retrieved documents */
	DK_F_COMPLIANCE,
	DK_F_BUDGET_USD_MONTH,
	DK_F_SHARED_FEATURES,
	DK_F_RETRAIN,         /* the retraining triggers, a list */
	DK_F_SYSTEM,          /* the system's name (for text templates) */
	DK_F_OWNER,           /* the owner's handle (for text templates) */
	DK_FIELD_COUNT
};

struct dk_field_info {
	const char *name;
	int type;                   /* enum dk_type */
	const char *const *values;  /* allowed texts (of a list's items), NULL-terminated, or NULL */
	double min, max;            /* the range of a number field */
	int whole;                  /* a number field holds whole numbers */
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
	char *texts[DK_FIELD_COUNT];  /* owned text of text fields */
	char **lists[DK_FIELD_COUNT]; /* owned items of list fields */
	size_t list_n[DK_FIELD_COUNT];
	/* The stack resolved by dk_facts_resolve: tool[i] is the vocabulary
	 * index of stack word i, or -1 when the vocabulary does not know it. */
	const struct dk_vocab *vocab;
	int *tool;
	size_t n_tool;
};
void dk_facts_free(struct dk_facts *f);
/* Sets a list field from a JSON array of strings ("[\"a\",\"b\"]"). */
int dk_facts_set_list(struct dk_facts *f, int field, const char *json, struct dk_error *err);
/* Sets a text field (copied); NULL sets null. */
int dk_facts_set_text(struct dk_facts *f, int field, const char *s, struct dk_error *err);
void dk_facts_set_num(struct dk_facts *f, int field, double x);
void dk_facts_set_bool(struct dk_facts *f, int field, int b);
/* Resolves the stack words against v (NULL: none is known). Call again
 * after changing the stack. */
int dk_facts_resolve(struct dk_facts *f, const struct dk_vocab *v, struct dk_error *err);
/* The index into f->vocab of the tool the stack supplies as kind, or -1: a
 * tool whose first kind it is, then another tool that has it, then a
 * managed platform; within each, stack order. */
int dk_facts_tool(const struct dk_facts *f, const char *kind);

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
 * for a condition, DK_T_NUM for a threshold) or DK_T_NULL for any type.
 * With vocab, `stack has 'x'` must name one of its tools. */
struct dk_cond *dk_cond_parse(const char *src, int want, struct dk_cond_error *e);
struct dk_cond *dk_cond_parse_vocab(const char *src, int want, const struct dk_vocab *vocab,
                                    struct dk_cond_error *e);
void dk_cond_free(struct dk_cond *c);
/* The expression's static type (enum dk_type). */
int dk_cond_type(const struct dk_cond *c);
/* 1 when c is the literal true. */
int dk_cond_is_true(const struct dk_cond *c);
/* Evaluates c over f. Never fails: types were checked when parsing. */
void dk_cond_eval(const struct dk_cond *c, const struct dk_facts *f, struct dk_value *out);
/* 1 when a boolean expression holds over f. */
int dk_cond_holds(const struct dk_cond *c, const struct dk_facts *f);
/* Evaluates c where only the fields with known[field] set are decided: a
 * value that depends on another field is DK_T_UNKNOWN, except where the
 * known part decides it (false and x is false). For the catalog lint. */
void dk_cond_eval_partial(const struct dk_cond *c, const struct dk_facts *f,
                          const unsigned char *known, struct dk_value *out);
/* Appends to out why boolean c has its value over f, in words: for a
 * conjunction that fails, its first failing part; for one that holds, every
 * part; each part as written in the catalog with the values it read
 * ("team_size >= 8 is false: team_size is 2"). */
void dk_cond_explain(const struct dk_cond *c, const struct dk_facts *f, struct dk_buf *out);

/* Introspection, for the catalog lint. */
enum dk_cond_node {
	DK_C_OTHER,
	DK_C_FIELD,    /* a field; dk_cond_field */
	DK_C_NUMBER,   /* a number literal */
	DK_C_TEXT,     /* a text literal; dk_cond_text */
	DK_C_COMPARE,  /* < <= > >= == !=; operands 0 and 1 */
	DK_C_HAS,      /* list has text; operands 0 and 1 */
	DK_C_HAS_KIND, /* stack has kind; dk_cond_text is the kind */
	DK_C_TOOL,     /* tool(kind); dk_cond_text is the kind */
};
int dk_cond_node(const struct dk_cond *c);
const struct dk_cond *dk_cond_operand(const struct dk_cond *c, int i); /* or NULL */
const char *dk_cond_text(const struct dk_cond *c);
int dk_cond_field(const struct dk_cond *c);
/* Calls fn on c and every node below it. */
void dk_cond_visit(const struct dk_cond *c, void (*fn)(void *ctx, const struct dk_cond *node),
                   void *ctx);
/* Sets used[field] for every field c reads (a kind or tool() reads the stack). */
void dk_cond_fields(const struct dk_cond *c, unsigned char used[DK_FIELD_COUNT]);

/* Numbers as docket writes them everywhere: up to 10 significant digits,
 * no exponent for ordinary magnitudes, no trailing zeros ("60", "0.05"). */
void dk_num_format(double x, char out[32]);

#endif
