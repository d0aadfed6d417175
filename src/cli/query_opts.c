/*
** query_opts.c - the database and filter options of "annals timeline"
** and "annals export".
*/
#include <errno.h>
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

static const char *value(const char *cmd, int argc, char **argv, int *i,
                         const char *name)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (a[n] == '=')
        return a + n + 1;
    if (*i + 1 >= argc) {
        cli_usage_error(cmd, "option '%s' needs a value", name);
        return NULL;
    }
    return argv[++*i];
}

static int is(const char *a, const char *name)
{
    size_t n = strlen(name);
    return !strncmp(a, name, n) && (a[n] == 0 || a[n] == '=');
}

static int number(const char *cmd, const char *name, const char *v,
                  long long *out)
{
    char *end;
    errno = 0;
    long long x = strtoll(v, &end, 10);
    if (errno || *end || end == v || x < 0) {
        cli_usage_error(cmd, "%s wants a number, not '%s'", name, v);
        return -1;
    }
    *out = x;
    return 0;
}

int cli_query_option(const char *cmd, cli_query *cq, int argc, char **argv,
                     int *i)
{
    const char *a = argv[*i], *v;
    long long x;
    if (is(a, "--db")) {
        if (!(v = value(cmd, argc, argv, i, "--db")))
            return -1;
        cq->db = v;
    } else if (is(a, "--actor")) {
        if (!(v = value(cmd, argc, argv, i, "--actor")))
            return -1;
        if (!*v || strlen(v) > 30) {
            cli_usage_error(cmd, "--actor wants a CAMEO code such as RUS");
            return -1;
        }
        cq->q.actor = v;
    } else if (is(a, "--from") || is(a, "--to")) {
        const char *name = is(a, "--from") ? "--from" : "--to";
        if (!(v = value(cmd, argc, argv, i, name)))
            return -1;
        if (parse_date(v, name[2] == 'f' ? &cq->q.from : &cq->q.to) != 0) {
            cli_usage_error(cmd, "%s wants a date such as 2025-03-18, not '%s'",
                            name, v);
            return -1;
        }
    } else if (is(a, "--story")) {
        if (!(v = value(cmd, argc, argv, i, "--story")) ||
            number(cmd, "--story", v, &x) != 0)
            return -1;
        cq->q.story = x;
    } else if (is(a, "--min-sources")) {
        if (!(v = value(cmd, argc, argv, i, "--min-sources")) ||
            number(cmd, "--min-sources", v, &x) != 0)
            return -1;
        cq->q.min_sources = x > 1000000 ? 1000000 : (int)x;
    } else if (is(a, "--limit")) {
        if (!(v = value(cmd, argc, argv, i, "--limit")) ||
            number(cmd, "--limit", v, &x) != 0)
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
