/*
** cmd_code.c - "annals code": documents in, coded events out, one JSON
** object a line.
*/
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "usage: annals code [OPTIONS] [FILE|DIR|-]...\n"
    "\n"
    "Read news documents (text, HTML, JSONL, WARC; gzipped or not; directories\n"
    "are walked) and write the events they report, one JSON object a line.\n"
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

static int render(void *ctx, const an_doc *doc, an_buf *out)
{
    (void)ctx;
    (void)doc;
    (void)out;
    return AN_OK; /* events are written here once the coder exists */
}

int cmd_code(int argc, char **argv)
{
    cli_input in;
    int rc = cli_parse("code", usage, argc, argv, &in, NULL, NULL);
    if (rc < 0) {
        cli_run run = {"code", AN_LEVEL_TEXT, render, NULL};
        rc = cli_run_docs(&in, &run);
    }
    cli_input_fini(&in);
    return rc;
}
