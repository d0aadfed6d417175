/*
** cmd_code.c - "annals code": documents in, coded events out, one JSON
** object a line, and with --db into an SQLite event store.
**
** With --db each finished document (in input order, on the writer
** thread) goes to an_store_add(), which batches documents into
** transactions; the store is committed and closed at the end.  Documents
** the store already holds with the same input hash (an_doc_input_hash:
** id, metadata, text, and the engine's fingerprint) are left out by the
** workers before they are coded.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "usage: annals code [OPTIONS] [FILE|DIR|-]...\n"
    "\n"
    "Read news documents (text, HTML, JSONL, WARC; gzipped or not; directories\n"
    "are walked) and write the events they report, one JSON object a line.\n"
    "\n"
    "Event store:\n"
    "  --db FILE           store documents, mentions, merged events and stories\n"
    "                      in the SQLite database FILE (created if needed).\n"
    "                      Events are then not printed unless -o is given.\n"
    "                      A document stored before from the same input (id,\n"
    "                      metadata, text) by the same annals, models and\n"
    "                      dictionaries is not coded again; one whose coding\n"
    "                      changed is replaced.\n"
    "  --recode            code every document, even those stored before\n"
    "                      from the same input\n"
    "  --batch N           documents per transaction (default 256; a batch is\n"
    "                      also committed at least once a second)\n"
    "  --sync MODE         full (default: a commit survives power loss) or\n"
    "                      normal (faster; survives a crash of annals only)\n"
    "  --merge-window N    merge mentions dated up to N days apart (default 1;\n"
    "                      fixed when the database is created)\n"
    "  --no-stories        do not group articles into stories\n"
    "\n"
    "  How mentions merge into events: same source and target actor codes,\n"
    "  same CAMEO root code (first two digits) and same modality, and a date\n"
    "  within the merge window of the event's first date; undated mentions\n"
    "  merge only with undated ones.  num_mentions counts mentions,\n"
    "  num_articles distinct documents, num_sources distinct outlets after\n"
    "  near-duplicate articles (syndicated copies) are collapsed.  See\n"
    "  docs/store.md.\n"
    "\n"
    "Input options:\n"
    "  --format FMT        text, html, jsonl, warc (default: from the file name,\n"
    "                      else from the content)\n"
    "  --threads N, -j N   worker threads (default: all cores); output keeps\n"
    "                      the input order\n"
    "  --max-doc-bytes N   refuse larger documents and lines (default 64M)\n"
    "  --data DIR          models and dictionaries (default: found next to\n"
    "                      the program, or $ANNALS_DATA)\n"
    "  -o FILE             write to FILE instead of standard output\n"
    "  --stats             always print the summary line\n"
    "  -q, --quiet         print the summary only when there are problems\n"
    "  --no-progress       no progress line on a terminal\n"
    "\n"
    "Exit status: 0 all documents read cleanly, 1 some were skipped or\n"
    "repaired (messages on stderr name file and line), 2 usage error.\n";

typedef struct code_opts {
    const char *db;       /* --db FILE */
    an_store_opts sopts;  /* --batch, --sync, --merge-window, --no-stories */
    an_store *store;
    an_store_inputs *inputs; /* documents stored before, by input hash */
    int print;            /* write events to the output */
    int recode;           /* --recode: code even unchanged inputs */
    uint64_t added, unchanged, replaced, mentions, new_events, dups;
    uint64_t passed;      /* unchanged ones left uncoded */
} code_opts;

static int render(void *ctx, const an_doc *doc, an_buf *out)
{
    code_opts *o = ctx;
    /* Events as JSON lines; with --db and no -o they are only stored. */
    if (an_doc_skipped(doc)) {
        /* Stored before from the same input by the same engine. */
        o->unchanged++;
        o->passed++;
        return AN_OK;
    }
    if (o->print)
        an_out_events_json(out, doc);
    if (o->store) {
        an_store_doc sd;
        an_store_doc_from(&sd, doc);
        an_store_result res;
        an_err err;
        an_err_clear(&err);
        int rc = an_store_add(o->store, &sd, &res, &err);
        if (rc != AN_OK) {
            fprintf(stderr, "annals code: %s\n", err.msg);
            return rc;
        }
        o->added += res.outcome == AN_STORE_ADDED;
        o->unchanged += res.outcome == AN_STORE_UNCHANGED;
        o->replaced += res.outcome == AN_STORE_REPLACED;
        o->mentions += res.mentions;
        o->new_events += res.new_events;
        o->dups += res.dup_of != 0 && res.outcome != AN_STORE_UNCHANGED;
    }
    return AN_OK;
}

/* Leave out documents the store holds from the same input (called on the
   worker threads; the table is read-only). */
static int code_skip(void *ctx, const an_doc *doc)
{
    const code_opts *o = ctx;
    return an_store_inputs_has(o->inputs, an_doc_id(doc),
                               an_doc_input_hash(doc));
}

static int code_opt(void *ctx, int argc, char **argv, int *i)
{
    code_opts *o = ctx;
    const char *a = argv[*i];
    const char *v;
    long long x;
    if (cli_is_opt(a, "--db")) {
        if (!(v = cli_opt_value("code", argc, argv, i)))
            return -1;
        o->db = v;
    } else if (cli_is_opt(a, "--batch")) {
        if (!(v = cli_opt_value("code", argc, argv, i)) ||
            cli_opt_int("code", "--batch", v, 1, 1000000, &x) != 0)
            return -1;
        o->sopts.batch_docs = (unsigned)x;
    } else if (cli_is_opt(a, "--sync")) {
        if (!(v = cli_opt_value("code", argc, argv, i)))
            return -1;
        if (!strcmp(v, "full"))
            o->sopts.sync = AN_STORE_SYNC_FULL;
        else if (!strcmp(v, "normal"))
            o->sopts.sync = AN_STORE_SYNC_NORMAL;
        else {
            cli_usage_error("code", "--sync wants full or normal, not '%s'", v);
            return -1;
        }
    } else if (cli_is_opt(a, "--merge-window")) {
        if (!(v = cli_opt_value("code", argc, argv, i)) ||
            cli_opt_int("code", "--merge-window (days)", v, 0, 3650, &x) != 0)
            return -1;
        o->sopts.merge_window_days = x ? (int)x : AN_STORE_WINDOW_SAME_DAY;
    } else if (!strcmp(a, "--no-stories")) {
        o->sopts.no_stories = 1;
    } else if (!strcmp(a, "--recode")) {
        o->recode = 1;
    } else {
        return 0;
    }
    return 1;
}

int cmd_code(int argc, char **argv)
{
    cli_input in;
    code_opts o;
    memset(&o, 0, sizeof o);
    int rc = cli_parse("code", usage, argc, argv, &in, code_opt, &o);
    if (rc < 0 && o.db) {
        an_err err;
        an_err_clear(&err);
        if (an_store_open(o.db, &o.sopts, &o.store, &err) != AN_OK) {
            fprintf(stderr, "annals code: %s\n", err.msg);
            rc = EXIT_PROBLEMS;
        }
    }
    o.print = !o.db || in.output;
    /* Storing only: documents stored before from the same input by the
       same engine are not coded again (with events printed too, they
       are, to print them). */
    if (rc < 0 && o.store && !o.print && !o.recode) {
        an_err err;
        an_err_clear(&err);
        if (an_store_inputs_load(o.store, &o.inputs, &err) != AN_OK) {
            fprintf(stderr, "annals code: %s\n", err.msg);
            rc = EXIT_PROBLEMS;
        }
    }
    if (rc < 0) {
        cli_run run = {"code", AN_LEVEL_CODE, render, &o,
                       o.inputs ? code_skip : NULL};
        rc = cli_run_docs(&in, &run);
    }
    an_store_inputs_free(o.inputs);
    if (o.store) {
        an_err err;
        an_err_clear(&err);
        an_store_stats st;
        int crc = o.passed ? an_store_note_unchanged(o.store, o.passed, &err)
                           : AN_OK;
        if (crc != AN_OK) {
            fprintf(stderr, "annals code: %s\n", err.msg);
            rc = EXIT_PROBLEMS;
        }
        crc = an_store_close(o.store, &err);
        o.store = NULL;
        if (crc != AN_OK) {
            fprintf(stderr, "annals code: %s\n", err.msg);
            rc = EXIT_PROBLEMS;
        } else if (!in.quiet || in.stats) {
            an_store_opts ro = {0};
            ro.readonly = 1;
            an_store *s;
            if (an_store_open(o.db, &ro, &s, &err) == AN_OK &&
                an_store_get_stats(s, &st, &err) == AN_OK)
                fprintf(stderr,
                        "annals code: %s: %llu document(s) added, %llu "
                        "unchanged, %llu replaced (%llu near-duplicate); "
                        "%llu mention(s), %llu new event(s); the store holds "
                        "%lld documents, %lld events, %lld stories\n",
                        o.db, (unsigned long long)o.added,
                        (unsigned long long)o.unchanged,
                        (unsigned long long)o.replaced,
                        (unsigned long long)o.dups,
                        (unsigned long long)o.mentions,
                        (unsigned long long)o.new_events,
                        (long long)st.documents, (long long)st.events,
                        (long long)st.stories);
            else
                fprintf(stderr, "annals code: %s\n", err.msg);
            an_store_close(s, NULL);
        }
    }
    cli_input_fini(&in);
    return rc;
}
