/*
** cmd_text.c - "annals text": the main text of each document, split into
** sentences, as JSON (--json) or one sentence a line.
*/
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "usage: annals text [OPTIONS] [FILE|DIR|-]...\n"
    "\n"
    "Read documents (text, HTML, JSONL, WARC; gzipped or not; directories are\n"
    "walked) and print the main text of each, without boilerplate.\n"
    "\n"
    "  --json              one JSON object a document: doc_id, title, date,\n"
    "                      date_source, url, outlet, text, sentences (byte\n"
    "                      offsets [start,end] into text)\n"
    "  --tokens            with --json: add \"tokens\": [[start,end],...]\n"
    "  --segments          with --json: add the map from text to input bytes\n"
    "                      ([text_offset, input_offset, length, copied],...)\n"
    "  (default)           one sentence a line, a blank line between documents\n"
    "\n"
    "Input options:\n"
    "  --format FMT        text, html, jsonl, warc (default: from the file name,\n"
    "                      else from the content)\n"
    "  --threads N, -j N   worker threads (default: all cores)\n"
    "  --max-doc-bytes N   refuse larger documents and lines (default 64M)\n"
    "  -o FILE             write to FILE instead of standard output\n"
    "  --stats             always print the summary line\n"
    "  -q, --quiet         print the summary only when there are problems\n"
    "  --no-progress       no progress line on a terminal\n"
    "\n"
    "Exit status: 0 all documents read cleanly, 1 some were skipped or\n"
    "repaired (messages on stderr name file and line), 2 usage error.\n";

typedef struct text_opts {
    int json;
    int flags;
} text_opts;

static int render(void *ctx, const an_doc *doc, an_buf *out)
{
    const text_opts *o = ctx;
    if (o->json) {
        an_out_text_json(out, doc, o->flags);
        return AN_OK;
    }
    size_t ns;
    const an_sent *s = an_doc_sentences(doc, &ns);
    an_span text = an_doc_text(doc);
    for (size_t i = 0; i < ns; i++) {
        for (uint32_t k = s[i].start; k < s[i].end; k++) {
            char c = text.p[k];
            an_buf_addc(out, c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
        }
        an_buf_addc(out, '\n');
    }
    an_buf_addc(out, '\n');
    return AN_OK;
}

static int text_opt(void *ctx, int argc, char **argv, int *i)
{
    text_opts *o = ctx;
    const char *a = argv[*i];
    (void)argc;
    if (!strcmp(a, "--json")) o->json = 1;
    else if (!strcmp(a, "--tokens")) o->flags |= AN_OUT_TOKENS;
    else if (!strcmp(a, "--segments")) o->flags |= AN_OUT_SEGMENTS;
    else return 0;
    return 1;
}

int cmd_text(int argc, char **argv)
{
    cli_input in;
    text_opts o = {0, 0};
    int rc = cli_parse("text", usage, argc, argv, &in, text_opt, &o);
    if (rc < 0) {
        cli_run run = {"text", AN_LEVEL_TEXT, render, &o, NULL};
        rc = cli_run_docs(&in, &run);
    }
    cli_input_fini(&in);
    return rc;
}
