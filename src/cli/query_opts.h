/*
** query_opts.h - options shared by "annals timeline" and "annals export":
** the database and the event filter.
*/
#ifndef AN_CLI_QUERY_OPTS_H
#define AN_CLI_QUERY_OPTS_H

#include "cli.h"

typedef struct cli_query {
    const char *db;          /* --db FILE */
    an_store_query q;        /* --actor, --from, --to, --story, ... */
} cli_query;

/*
** Handle one filter option at argv[*i] (advancing over its value), or
** --help (printing usage[0], the filter options and usage[1]).  Returns 1
** when handled, 0 when not a filter option, -1 on a bad value (reported as
** a usage error of `cmd`), 2 after --help.
*/
int cli_query_option(const char *cmd, const char *const usage[2],
                     cli_query *cq, int argc, char **argv, int *i);

/* Open the store of --db for reading; prints the error and returns NULL. */
an_store *cli_query_open(const char *cmd, const cli_query *cq);

/* Help text for the filter options. */
extern const char cli_query_help[];

#endif /* AN_CLI_QUERY_OPTS_H */
