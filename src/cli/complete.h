/* complete.h: the hidden command behind the shell completions. */
#ifndef DOCKET_CLI_COMPLETE_H
#define DOCKET_CLI_COMPLETE_H

/* docket [--db PATH] __complete KIND [PREFIX]: prints the candidates for
 * a word being completed, one a line as CANDIDATE<TAB>DESCRIPTION (zsh
 * shows the description; bash drops it). KIND is a record kind (risk,
 * decision, context, blueprint, evidence, review, stage, gate, step, key),
 * person, persons (a comma-separated list: the last item is completed),
 * team, tag, config (its keys) or help (commands). The database is the one
 * the command would open (config.h), opened read-only. Nothing is printed,
 * and the status is still 0, when there is no database or anything fails:
 * a Tab never prints an error. db is --db's value or NULL; argv[0] is
 * KIND. Returns the exit status. */
int complete_main(const char *db, int argc, char **argv);

#endif
