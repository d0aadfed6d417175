/*
** cmd_timex.c - "annals timex": the time expressions and places of
** documents as JSON, and the TempEval-3 evaluation of the time tagger
** (--eval DIR).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "usage: annals timex [OPTIONS] [FILE|DIR|-]...\n"
    "       annals timex --eval DIR [-v]\n"
    "\n"
    "Read documents and print, one JSON object a document, their time\n"
    "expressions (TimeML type and value, resolved against the document date)\n"
    "and their place mentions (gazetteer entry, country, coordinates), with\n"
    "the document's country focus.\n"
    "\n"
    "  --eval DIR          score the time tagger on the TimeML (.tml) files of\n"
    "                      DIR as TempEval-3 does: strict and relaxed span\n"
    "                      F1, type and value F1\n"
    "  -v                  with --eval: list every error (missed, spurious,\n"
    "                      wrong value)\n"
    "\n"
    "Input options:\n"
    "  --format FMT        text, html, jsonl, warc (default: from the file name,\n"
    "                      else from the content)\n"
    "  --threads N, -j N   worker threads (default: all cores)\n"
    "  --max-doc-bytes N   refuse larger documents and lines (default 64M)\n"
    "  --data DIR          data directory (gazetteer)\n"
    "  -o FILE             write to FILE instead of standard output\n"
    "  --stats             always print the summary line\n"
    "  -q, --quiet         print the summary only when there are problems\n"
    "  --no-progress       no progress line on a terminal\n"
    "\n"
    "Exit status: 0 ok, 1 some documents were skipped or repaired (or the\n"
    "evaluation failed), 2 usage error.\n";

typedef struct timex_opts {
    const char *eval;
    int verbose;
} timex_opts;

static int render(void *ctx, const an_doc *doc, an_buf *out)
{
    (void)ctx;
    an_span text = an_doc_text(doc);
    an_buf_adds(out, "{\"doc_id\":");
    an_buf_json_span_or_null(out, an_doc_id(doc));
    int src;
    an_date dd = an_doc_date(doc, &src);
    an_buf_adds(out, ",\"date\":");
    if (dd.year) {
        char b[11];
        an_date_format(dd, b);
        an_buf_printf(out, "\"%s\"", b);
    } else {
        an_buf_adds(out, "null");
    }
    size_t n;
    const an_timex *tx = an_doc_timexes(doc, &n);
    an_buf_adds(out, ",\"timexes\":[");
    for (size_t i = 0; i < n; i++) {
        const an_timex *t = &tx[i];
        an_buf_printf(out, "%s{\"text\":", i ? "," : "");
        an_buf_json_str(out, text.p + t->start, t->end - t->start);
        an_buf_printf(out, ",\"start\":%u,\"end\":%u,\"sent\":%u,"
                           "\"type\":\"%s\",\"value\":",
                      t->start, t->end, t->sent, an_timex_type_name(t->type));
        an_buf_json_str(out, t->value, strlen(t->value));
        if (t->mod)
            an_buf_printf(out, ",\"mod\":\"%s\"", an_timex_mod_name(t->mod));
        an_buf_addc(out, '}');
    }
    const an_place_mention *pl = an_doc_places(doc, &n);
    an_buf_adds(out, "],\"places\":[");
    for (size_t i = 0; i < n; i++) {
        const an_place_mention *p = &pl[i];
        an_buf_printf(out, "%s{\"text\":", i ? "," : "");
        an_buf_json_str(out, text.p + p->start, p->end - p->start);
        an_buf_printf(out, ",\"start\":%u,\"end\":%u,\"sent\":%u,\"name\":",
                      p->start, p->end, p->sent);
        an_buf_json_str(out, p->name, strlen(p->name));
        an_buf_printf(out, ",\"country\":\"%s\",\"admin1\":", p->country);
        an_buf_json_str(out, p->admin1, strlen(p->admin1));
        an_buf_printf(out, ",\"lat\":%.4f,\"lon\":%.4f,\"geonames_id\":%u,"
                           "\"kind\":%u%s}",
                      p->lat, p->lon, p->geonames_id, p->kind,
                      p->demonym ? ",\"demonym\":true" : "");
    }
    const char *focus = an_doc_country_focus(doc);
    an_buf_adds(out, "],\"focus\":");
    if (focus[0])
        an_buf_printf(out, "\"%s\"", focus);
    else
        an_buf_adds(out, "null");
    an_buf_adds(out, "}\n");
    return AN_OK;
}

static int timex_opt(void *ctx, int argc, char **argv, int *i)
{
    timex_opts *o = ctx;
    const char *a = argv[*i];
    if (cli_is_opt(a, "--eval")) {
        if (!(o->eval = cli_opt_value("timex", argc, argv, i)))
            return -1;
    } else if (!strcmp(a, "-v")) {
        o->verbose = 1;
    } else {
        return 0;
    }
    return 1;
}

static int run_eval(const timex_opts *o)
{
    an_timex_scores sc;
    an_err err;
    an_err_clear(&err);
    an_buf det;
    an_buf_init(&det);
    int rc = an_timex_eval(o->eval, &sc, o->verbose ? &det : NULL, &err);
    if (rc != AN_OK) {
        fprintf(stderr, "annals timex: %s\n", err.msg);
        an_buf_fini(&det);
        return EXIT_PROBLEMS;
    }
    if (det.n)
        fwrite(det.p, 1, det.n, stdout);
    printf("files %u, gold %u, system %u\n", sc.files, sc.gold, sc.sys);
    printf("strict:  P %.4f R %.4f F1 %.4f (%u matches)\n", sc.strict_p,
           sc.strict_r, sc.strict_f1, sc.strict);
    printf("relaxed: P %.4f R %.4f F1 %.4f (%u matches)\n", sc.relaxed_p,
           sc.relaxed_r, sc.relaxed_f1, sc.relaxed);
    printf("type F1  %.4f (%u right)\n", sc.type_f1, sc.type_ok);
    printf("value F1 %.4f (%u right)\n", sc.value_f1, sc.value_ok);
    an_buf_fini(&det);
    return EXIT_OK;
}

int cmd_timex(int argc, char **argv)
{
    /* --eval does not read documents: handle it before cli_parse. */
    timex_opts o = {NULL, 0};
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(usage, stdout);
            return EXIT_OK;
        }
        int r = timex_opt(&o, argc, argv, &i);
        if (r < 0)
            return EXIT_USAGE;
    }
    if (o.eval)
        return run_eval(&o);
    cli_input in;
    int rc = cli_parse("timex", usage, argc, argv, &in, timex_opt, &o);
    if (rc < 0) {
        cli_run run = {"timex", AN_LEVEL_CODE, render, NULL, NULL};
        rc = cli_run_docs(&in, &run);
    }
    cli_input_fini(&in);
    return rc;
}
