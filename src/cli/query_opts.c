/*
** query_opts.c - the database and filter options of "annals timeline"
** and "annals export".
*/
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "query_opts.h"

const char cli_query_help[] =
    "  --db FILE           the event store (made by 'annals code --db FILE')\n"
    "  --actor CODE        events whose source or target code starts with\n"
    "                      CODE (RUS matches RUS, RUSGOV, RUSMIL)\n"
    "  --from DATE         events on or after DATE (YYYY-MM-DD, YYYY-MM, YYYY)\n"
    "  --to DATE           events on or before DATE; with --from or --to,\n"
    "                      undated events are left out\n"
    "  --story ID          only the events of story ID\n"
    "  --min-sources N     events reported by at least N sources\n"
    "  --asserted          leave out planned, negated and hypothetical events\n"
    "  --limit N           at most N rows\n";

/* A date as YYYY, YYYY-MM or anything an_date_parse() reads. */
static int parse_date(const char *s, an_date *d)
{
    size_t n = strlen(s);
    memset(d, 0, sizeof *d);
    if ((n == 4 || n == 7) && s[0] >= '0' && s[0] <= '9') {
        char *end;
        long y = strtol(s, &end, 10);
        if (end != s + 4 || y < 1 || y > 9999)
            return -1;
        d->year = (int16_t)y;
        if (n == 7) {
            if (s[4] != '-')
                return -1;
            long m = strtol(s + 5, &end, 10);
            if (*end || m < 1 || m > 12)
                return -1;
            d->month = (int8_t)m;
        }
        return 0;
    }
    return an_date_parse(s, n, d) == AN_OK && d->year ? 0 : -1;
}

int cli_query_option(const char *cmd, const char *const usage[2],
                     cli_query *cq, int argc, char **argv, int *i)
{
    const char *a = argv[*i], *v;
    long long x;
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
        fputs(usage[0], stdout);
        fputs(cli_query_help, stdout);
        fputs(usage[1], stdout);
        return 2;
    } else if (cli_is_opt(a, "--db")) {
        if (!(v = cli_opt_value(cmd, argc, argv, i)))
            return -1;
        cq->db = v;
    } else if (cli_is_opt(a, "--actor")) {
        if (!(v = cli_opt_value(cmd, argc, argv, i)))
            return -1;
        if (!*v || strlen(v) > 30) {
            cli_usage_error(cmd, "--actor wants a CAMEO code such as RUS");
            return -1;
        }
        cq->q.actor = v;
    } else if (cli_is_opt(a, "--from") || cli_is_opt(a, "--to")) {
        const char *name = cli_is_opt(a, "--from") ? "--from" : "--to";
        if (!(v = cli_opt_value(cmd, argc, argv, i)))
            return -1;
        if (parse_date(v, name[2] == 'f' ? &cq->q.from : &cq->q.to) != 0) {
            cli_usage_error(cmd, "%s wants a date such as 2025-03-18, not '%s'",
                            name, v);
            return -1;
        }
    } else if (cli_is_opt(a, "--story")) {
        if (!(v = cli_opt_value(cmd, argc, argv, i)) ||
            cli_opt_int(cmd, "--story", v, 0, LLONG_MAX, &x) != 0)
            return -1;
        cq->q.story = x;
    } else if (cli_is_opt(a, "--min-sources")) {
        if (!(v = cli_opt_value(cmd, argc, argv, i)) ||
            cli_opt_int(cmd, "--min-sources", v, 0, LLONG_MAX, &x) != 0)
            return -1;
        cq->q.min_sources = x > 1000000 ? 1000000 : (int)x;
    } else if (cli_is_opt(a, "--limit")) {
        if (!(v = cli_opt_value(cmd, argc, argv, i)) ||
            cli_opt_int(cmd, "--limit", v, 0, LLONG_MAX, &x) != 0)
            return -1;
        cq->q.limit = x;
    } else if (!strcmp(a, "--asserted")) {
        cq->q.asserted_only = 1;
    } else {
        return 0;
    }
    return 1;
}

an_store *cli_query_open(const char *cmd, const cli_query *cq)
{
    an_store_opts o = {0};
    o.readonly = 1;
    an_store *s;
    an_err err;
    an_err_clear(&err);
    if (an_store_open(cq->db, &o, &s, &err) != AN_OK) {
        fprintf(stderr, "annals %s: %s\n", cmd, err.msg);
        return NULL;
    }
    return s;
}
