/* update.h: the confirmation every `update` command prints. */
#ifndef DOCKET_CLI_UPDATE_H
#define DOCKET_CLI_UPDATE_H

#include "docket/changes.h"

struct ctx;

/* Prints "D-3 updated: title, makers" (or "D-3: no change, ...") in table
 * and md; csv and json get one record {key, changed}, changed being the
 * comma-separated field names ("" for none). Returns DK_OK. */
int update_confirm(struct ctx *c, const char *key, const struct dk_changes *ch);

#endif
