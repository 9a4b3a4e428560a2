/* cond_tree.h: the parsed form of a docket/cond.h expression, shared by
 * the parser (cond.c) and the evaluator (cond_eval.c) and by nothing else.
 * Every node owns its operands, its text and its source. */
#ifndef DOCKET_COND_TREE_H
#define DOCKET_COND_TREE_H

#include "docket/cond.h"

enum node {
	N_NUM, N_TEXT, N_FIELD, N_BOOL, N_NULL, N_NOT, N_AND, N_OR,
	N_LT, N_LE, N_GT, N_GE, N_EQ, N_NE, N_HAS, N_HAS_KIND, N_ADD, N_SUB, N_MUL, N_DIV, N_NEG,
	N_COUNT, N_TOOL, N_CEIL, N_FLOOR, N_ROUND, N_MIN, N_MAX,
};

struct dk_cond {
	int op;            /* enum node */
	int type;          /* enum dk_type of the result */
	double num;        /* N_NUM; N_BOOL's value */
	char *text;        /* N_TEXT; the kind of N_HAS_KIND and N_TOOL; the folded
	                      literal of N_HAS (NULL when its right side is a field) */
	int field;         /* N_FIELD */
	int tool;          /* N_HAS on the stack: the vocabulary index of its literal, or -1 */
	char *src;         /* the expression as written (boolean nodes), for explanations */
	struct dk_cond *a; /* operands */
	struct dk_cond *b;
};

#endif
