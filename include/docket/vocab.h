/* docket/vocab.h: the stack vocabulary (share/catalog/stack.csv): every
 * tool people name in --stack, with its canonical name, aliases, kinds and
 * cloud, so that catalog rules can reuse what a team already runs.
 *
 * Words match after folding: ASCII letters to lower case and every byte
 * that is not a letter or a digit dropped ("AWS SageMaker", "aws-sagemaker"
 * and "aws_sagemaker" all fold to "awssagemaker"). A word that matches no
 * name or alias is tried once more without a leading vendor word (aws,
 * amazon, google, gcp, azure, microsoft, apache), so "apache-airflow" is
 * airflow. The first tool that matches wins: a team's overlay rows come
 * first and so shadow shipped ones.
 *
 * A tool's kinds say what it can be used as ("orchestrator"); each kind may
 * name the product the tool supplies for it ("orchestrator=SageMaker
 * Pipelines"), else the tool's title stands for it. The kinds are a fixed
 * list (dk_tool_kinds), so a rule that tests a misspelt kind is refused.
 *
 * Ownership: a struct dk_vocab owns its tools and every string in them; it
 * is filled by dk_vocab_add and released by dk_vocab_free (a zeroed vocab
 * is empty and safe to free). Lookups return indexes into tools, which stay
 * valid while the vocab lives and is not added to. */
#ifndef DOCKET_VOCAB_H
#define DOCKET_VOCAB_H

#include <stddef.h>

#include "docket/error.h"

/* The kinds a tool may have, NULL-terminated. */
extern const char *const dk_tool_kinds[];
/* 1 when kind is one of dk_tool_kinds. */
int dk_tool_kind_known(const char *kind);

struct dk_tool_kind {
	char *kind;     /* one of dk_tool_kinds */
	char *product;  /* what the tool supplies as that kind, or NULL (the title) */
};

struct dk_tool {
	char *name;                 /* canonical: [a-z0-9-], e.g. "sagemaker" */
	char *title;                /* "Amazon SageMaker" */
	char *cloud;                /* aws, gcp or azure; NULL when it runs anywhere */
	char **folded;              /* the folded name, then each folded alias */
	size_t n_folded;
	struct dk_tool_kind *kinds;
	size_t n_kinds;
	const char *file;           /* where it was defined, for messages */
	int line;
};

struct dk_vocab {
	struct dk_tool *tools;
	size_t n;
	char **files;               /* owned copies of the file names tools point to */
	size_t n_files;
};

/* Folds s into out (at most n bytes with the NUL). */
void dk_fold(const char *s, char *out, size_t n);

/* Adds one tool. aliases and kinds are ';'-separated (either may be "");
 * each kind is KIND or KIND=PRODUCT. cloud is "" or aws, gcp, azure. A name
 * or alias another tool already has is refused, unless behind is set (the
 * shipped rows behind a team's overlay): then a tool whose name is taken is
 * not added and a taken alias stays with its owner. A problem is DK_EINPUT
 * with a message naming the cell, without the "file:line:" prefix the
 * caller adds; on failure nothing is added. */
int dk_vocab_add(struct dk_vocab *v, const char *file, int line, const char *name,
                 const char *title, const char *aliases, const char *kinds, const char *cloud,
                 int behind, struct dk_error *err);
void dk_vocab_free(struct dk_vocab *v);

/* The index of the tool that word names, or -1. */
int dk_vocab_find(const struct dk_vocab *v, const char *word);
/* The tool a word that names none was most likely meant to name (at most
 * two edits away once folded, and no more than a third of the word), or -1. */
int dk_vocab_nearest(const struct dk_vocab *v, const char *word);
/* The index of the tool whose canonical name is name, or -1. */
int dk_vocab_named(const struct dk_vocab *v, const char *name);

int dk_tool_has_kind(const struct dk_tool *t, const char *kind);
/* 1 when text names t, by its title or name, as a whole word (any case). */
int dk_tool_named_in(const struct dk_tool *t, const char *text);
/* What t supplies as kind: its product name, else its title; NULL when t
 * is not of that kind. */
const char *dk_tool_product(const struct dk_tool *t, const char *kind);

#endif
