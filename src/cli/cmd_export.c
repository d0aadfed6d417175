/*
** cmd_export.c - "annals export": an event store's events, mentions or
** stories as JSON lines, CSV or GDELT 2.0 tables; and --check, which
** verifies the store.
*/
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "query_opts.h"

static const char usage_head[] =
    "usage: annals export --db FILE [--format jsonl|csv|gdelt]\n"
    "                     [--table events|mentions|stories] [OPTIONS]\n"
    "\n"
    "Write the contents of an event store:\n"
    "  --format jsonl      one JSON object a line (default)\n"
    "  --format csv        comma-separated, RFC 4180, with a header line\n"
    "  --format gdelt      GDELT 2.0 tables: tab-separated, no header; the event\n"
    "                      table has the 61 columns and the mentions table the\n"
    "                      16 columns of the GDELT Event Codebook V2.0\n"
    "  --table T           events (default), mentions, or stories (jsonl, csv)\n"
    "  -o FILE             write to FILE instead of standard output\n"
    "  --check             check the store instead: SQLite's integrity check,\n"
    "                      then every event's counts against its mentions\n"
    "\n"
    "Filters:\n";

static const char usage_tail[] =
    "\n"
    "Exit status: 0 ok, 1 the store could not be read or written (or --check\n"
    "found problems), 2 usage error.\n";
static const char *const usage[2] = {usage_head, usage_tail};

static int write_file(void *ctx, const void *p, size_t n)
{
    return fwrite(p, 1, n, (FILE *)ctx) == n ? AN_OK : AN_EIO;
}

static int run_check(an_store *s, const char *db)
{
    an_err err;
    an_err_clear(&err);
    an_store_check_result r;
    an_store_stats st;
    if (an_store_check(s, &r, &err) != AN_OK ||
        an_store_get_stats(s, &st, &err) != AN_OK) {
        fprintf(stderr, "annals export: %s\n", err.msg);
        return EXIT_PROBLEMS;
    }
    printf("%s: schema %d, merge window %d day(s); %lld documents (%lld "
           "near-duplicates), %lld mentions, %lld events (%lld undated), "
           "%lld stories\n",
           db, st.schema_version, st.merge_window_days, (long long)st.documents,
           (long long)st.duplicates, (long long)st.mentions,
           (long long)st.events, (long long)st.undated_events,
           (long long)st.stories);
    bool ok = r.integrity_ok && !r.bad_events && !r.orphan_mentions &&
              !r.bad_documents && !r.empty_events && !r.bad_links;
    printf("integrity %s; %lld event(s) with wrong counts, %lld empty, %lld "
           "orphan mention(s), %lld mention(s) not fitting their event, %lld "
           "document(s) with a wrong count%s%s\n",
           r.integrity_ok ? "ok" : "FAILED", (long long)r.bad_events,
           (long long)r.empty_events, (long long)r.orphan_mentions,
           (long long)r.bad_links, (long long)r.bad_documents,
           r.first_problem[0] ? ": " : "", r.first_problem);
    return ok ? EXIT_OK : EXIT_PROBLEMS;
}

int cmd_export(int argc, char **argv)
{
    cli_query cq;
    memset(&cq, 0, sizeof cq);
    int format = AN_EXPORT_JSONL, table = AN_EXPORT_EVENTS, check = 0;
    const char *output = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int r = cli_query_option("export", usage, &cq, argc, argv, &i);
        if (r != 0 && r != 1)
            return r < 0 ? EXIT_USAGE : EXIT_OK;
        if (r)
            continue;
        if (!strcmp(a, "--check")) {
            check = 1;
            continue;
        }
        int fmt = cli_is_opt(a, "--format"), tab = cli_is_opt(a, "--table");
        if (!fmt && !tab && !cli_is_opt(a, "--output") && !cli_is_opt(a, "-o"))
            return cli_usage_error("export", "unknown option '%s'", a);
        const char *v = cli_opt_value("export", argc, argv, &i);
        if (!v)
            return EXIT_USAGE;
        if (fmt) {
            if (!strcmp(v, "jsonl") || !strcmp(v, "json")) format = AN_EXPORT_JSONL;
            else if (!strcmp(v, "csv")) format = AN_EXPORT_CSV;
            else if (!strcmp(v, "gdelt")) format = AN_EXPORT_GDELT;
            else
                return cli_usage_error("export", "unknown format '%s' (jsonl, "
                                                 "csv, gdelt)", v);
        } else if (tab) {
            if (!strcmp(v, "events")) table = AN_EXPORT_EVENTS;
            else if (!strcmp(v, "mentions")) table = AN_EXPORT_MENTIONS;
            else if (!strcmp(v, "stories")) table = AN_EXPORT_STORIES;
            else
                return cli_usage_error("export", "unknown table '%s' (events, "
                                                 "mentions, stories)", v);
        } else {
            output = v;
        }
    }
    if (!cq.db)
        return cli_usage_error("export", "which store? (--db FILE)");
    if (format == AN_EXPORT_GDELT && table == AN_EXPORT_STORIES)
        return cli_usage_error("export", "GDELT has no stories table (use "
                                         "--format jsonl or csv)");
    an_store *s = cli_query_open("export", &cq);
    if (!s)
        return EXIT_PROBLEMS;
    if (check) {
        int st = run_check(s, cq.db);
        an_store_close(s, NULL);
        return st;
    }
    FILE *out = stdout;
    if (output && strcmp(output, "-") != 0 && !(out = fopen(output, "w"))) {
        fprintf(stderr, "annals export: cannot write '%s': %s\n", output,
                strerror(errno));
        an_store_close(s, NULL);
        return EXIT_USAGE;
    }
    an_err err;
    an_err_clear(&err);
    int rc = an_export(s, format, table, &cq.q, write_file, out, &err);
    int status = EXIT_OK;
    if (rc != AN_OK) {
        fprintf(stderr, "annals export: %s\n",
                rc == AN_EIO && !strstr(err.msg, ":") ? strerror(errno)
                                                      : err.msg);
        status = EXIT_PROBLEMS;
    }
    if ((out == stdout ? fflush(out) : fclose(out)) != 0 && status == EXIT_OK) {
        fprintf(stderr, "annals export: writing output: %s\n", strerror(errno));
        status = EXIT_PROBLEMS;
    }
    an_store_close(s, NULL);
    return status;
}
