/*
** cmd_parse.c - "annals parse": tag, lemmatise and parse documents (text,
** HTML, JSONL, WARC) or the words of a CoNLL-U file, writing CoNLL-U.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "usage: annals parse [OPTIONS] [FILE|DIR|-]...\n"
    "       annals parse --conllu FILE.conllu [--data DIR] [-o FILE]\n"
    "\n"
    "Tag (UPOS and Penn tags), lemmatise and parse (UD relations) and write\n"
    "CoNLL-U, one block per sentence.\n"
    "\n"
    "  --conllu FILE       re-annotate the words of a CoNLL-U file (its\n"
    "                      tokenisation is kept; its gold columns ignored)\n"
    "  --tag-only          tags and lemmas, no parse\n"
    "  --beam N            with --conllu: parser beam width (1: greedy)\n"
    "  --data DIR          data directory holding models/\n"
    "\n"
    "Documents are read as by 'annals text' (see its --help for the input\n"
    "options: --format, --threads, --max-doc-bytes, -o, --stats, -q).\n";

typedef struct parse_opts {
    int tag_only;
} parse_opts;

static int render(void *ctx, const an_doc *doc, an_buf *out)
{
    (void)ctx;
    an_out_conllu(out, doc);
    return AN_OK;
}

static int parse_opt(void *ctx, int argc, char **argv, int *i)
{
    parse_opts *o = ctx;
    (void)argc;
    if (!strcmp(argv[*i], "--tag-only")) {
        o->tag_only = 1;
        return 1;
    }
    return 0;
}

/* The --conllu form. */
static int parse_conllu(int argc, char **argv)
{
    const char *path = NULL, *data = NULL, *output = NULL;
    int level = AN_LEVEL_PARSE, beam = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v;
        long long b;
        if (cli_is_opt(a, "--beam")) {
            if (!(v = cli_opt_value("parse", argc, argv, &i)) ||
                cli_opt_int("parse", "--beam", v, 1, 64, &b) != 0)
                return EXIT_USAGE;
            beam = (int)b;
        } else if (cli_is_opt(a, "--conllu") || cli_is_opt(a, "--data") ||
                   cli_is_opt(a, "-o") || cli_is_opt(a, "--output")) {
            if (!(v = cli_opt_value("parse", argc, argv, &i)))
                return EXIT_USAGE;
            if (cli_is_opt(a, "--conllu"))
                path = v;
            else if (cli_is_opt(a, "--data"))
                data = v;
            else
                output = v;
        } else if (!strcmp(a, "--tag-only")) {
            level = AN_LEVEL_TAG;
        } else {
            return cli_usage_error("parse", "unexpected '%s' with --conllu", a);
        }
    }
    an_engine_opts eo;
    memset(&eo, 0, sizeof eo);
    eo.data_dir = data;
    eo.level = level;
    eo.parse_beam = beam;
    an_engine *eng = cli_engine_open("parse", &eo);
    if (!eng)
        return EXIT_PROBLEMS;
    an_err err;
    an_err_clear(&err);
    an_buf out;
    an_buf_init(&out);
    int rc = an_nlp_parse_conllu(eng, path, &out, &err);
    an_engine_close(eng);
    if (rc != AN_OK) {
        fprintf(stderr, "annals parse: %s\n", err.msg);
        an_buf_fini(&out);
        return EXIT_PROBLEMS;
    }
    FILE *f = output ? fopen(output, "wb") : stdout;
    if (!f) {
        fprintf(stderr, "annals parse: cannot write %s\n", output);
        an_buf_fini(&out);
        return EXIT_PROBLEMS;
    }
    int bad = out.n && fwrite(out.p, 1, out.n, f) != out.n;
    if (output)
        bad |= fclose(f) != 0;
    else
        bad |= fflush(f) != 0;
    an_buf_fini(&out);
    if (bad) {
        fprintf(stderr, "annals parse: write error\n");
        return EXIT_PROBLEMS;
    }
    return EXIT_OK;
}

int cmd_parse(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (cli_is_opt(argv[i], "--conllu"))
            return parse_conllu(argc, argv);
    cli_input in;
    parse_opts o = {0};
    int rc = cli_parse("parse", usage, argc, argv, &in, parse_opt, &o);
    if (rc < 0) {
        cli_run run = {"parse", o.tag_only ? AN_LEVEL_TAG : AN_LEVEL_PARSE,
                       render, &o, NULL};
        rc = cli_run_docs(&in, &run);
    }
    cli_input_fini(&in);
    return rc;
}
