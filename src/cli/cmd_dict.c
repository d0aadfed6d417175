/*
** cmd_dict.c - "annals dict": check, compile and inspect dictionaries.
**
**   annals dict check [FILE|DIR]...          report every problem, file:line
**   annals dict compile -o OUT SRC...        build an image
**   annals dict info [IMAGE]                 counts and source files
**   annals dict lookup [--date D] [--dict IMAGE] PHRASE...
**   annals dict cameo [--dict IMAGE] CODE...
**   annals dict actors [OPTIONS] [FILE|DIR|-]...  actors found in documents
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annals/dict.h"
#include "cli.h"

static const char usage[] =
    "usage: annals dict COMMAND [ARGS]\n"
    "\n"
    "Commands:\n"
    "  check [FILE|DIR]...           read dictionary sources and report every\n"
    "                                problem as FILE:LINE (default: the\n"
    "                                shipped sources, data/dict/src)\n"
    "  compile -o OUT SRC...         compile sources (files or directories)\n"
    "                                into an image\n"
    "  info [IMAGE]                  what an image holds (default: the\n"
    "                                engine's data/dict/annals.dict)\n"
    "  lookup [--date YYYY-MM-DD] [--dict IMAGE] PHRASE...\n"
    "                                the actor code of a phrase on a date\n"
    "  cameo [--dict IMAGE] CODE...  name, Goldstein, quad class, PLOVER\n"
    "  verb [--dict IMAGE] WORD...   the verb entries and patterns of a form\n"
    "  actors [OPTIONS] [FILE|DIR|-]...\n"
    "                                the actors recognised in documents, one\n"
    "                                JSON object a document (takes the input\n"
    "                                options of 'annals code')\n"
    "\n"
    "Source formats are told by file names: *actors*, *agents*, *verbs*\n"
    "(PETRARCH2; '.verbs' is TABARI), *discards*, *issue*, *eventcodes*,\n"
    "*goldstein*, *plover*.  Files ending in .actors/.verbs/.agents use\n"
    "TABARI word rules.  See docs/dictionaries.md.\n"
    "\n"
    "Exit status: 0 clean, 1 problems were found (check, compile), 2 usage.\n";

typedef struct diag_ctx {
    size_t shown;
    int quiet;
} diag_ctx;

static void print_diag(void *ctx, int sev, const char *file, uint64_t line,
                       const char *msg)
{
    diag_ctx *c = ctx;
    c->shown++;
    if (c->quiet)
        return;
    if (line)
        fprintf(stderr, "%s:%llu: %s: %s\n", file, (unsigned long long)line,
                sev == AN_SEV_ERROR ? "error" : "warning", msg);
    else
        fprintf(stderr, "%s: %s: %s\n", file,
                sev == AN_SEV_ERROR ? "error" : "warning", msg);
}

/* Default data directory: $ANNALS_DATA, else the build tree's data. */
static const char *default_data(void)
{
    const char *e = getenv("ANNALS_DATA");
    return e && *e ? e : NULL;
}

static int open_dict(const char *path, an_dict **d, an_engine **eng)
{
    an_err err;
    *eng = NULL;
    if (path) {
        if (an_dict_open(path, d, &err) != AN_OK) {
            fprintf(stderr, "annals dict: %s\n", err.msg);
            return EXIT_PROBLEMS;
        }
        return -1;
    }
    an_engine_opts eo = {0};
    eo.level = AN_LEVEL_CODE;
    eo.data_dir = default_data();
    if (!(*eng = cli_engine_open("dict", &eo)))
        return EXIT_PROBLEMS;
    *d = (an_dict *)an_engine_dict(*eng);
    return -1;
}

static int cmd_check_compile(int argc, char **argv, int compile)
{
    const char *out = NULL;
    const char **srcs = calloc((size_t)argc + 1, sizeof *srcs);
    size_t n = 0;
    diag_ctx dc = {0, 0};
    if (!srcs)
        return EXIT_PROBLEMS;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-o") && i + 1 < argc)
            out = argv[++i];
        else if (!strcmp(argv[i], "-q") || !strcmp(argv[i], "--quiet"))
            dc.quiet = 1;
        else if (argv[i][0] == '-' && argv[i][1]) {
            free(srcs);
            return cli_usage_error("dict", "unknown option '%s'", argv[i]);
        } else
            srcs[n++] = argv[i];
    }
    if (compile && (!out || !n)) {
        free(srcs);
        return cli_usage_error("dict", "compile needs -o OUT and sources");
    }
    char defsrc[4096];
    if (!n) {
        const char *dd = default_data();
        snprintf(defsrc, sizeof defsrc, "%s/dict/src", dd ? dd : "data");
        srcs[n++] = defsrc;
    }
    an_dict_stats st;
    an_err err;
    an_err_clear(&err);
    int rc = an_dict_compile(srcs, n, compile ? out : NULL, print_diag, &dc,
                             &st, &err);
    free(srcs);
    if (rc != AN_OK) {
        fprintf(stderr, "annals dict: %s\n", err.msg);
        return EXIT_PROBLEMS;
    }
    fprintf(stderr, "%zu file(s): %zu error(s), %zu warning(s)", st.files,
            st.errors, st.warnings);
    if (compile)
        fprintf(stderr, "; wrote %s (%zu bytes)", out, st.image_bytes);
    fprintf(stderr, "\n");
    return st.errors ? EXIT_PROBLEMS : EXIT_OK;
}

static int cmd_info(int argc, char **argv)
{
    an_dict *d;
    an_engine *eng;
    int rc = open_dict(argc > 1 ? argv[1] : NULL, &d, &eng);
    if (rc >= 0)
        return rc;
    an_buf b;
    an_buf_init(&b);
    an_dict_info(d, &b);
    fwrite(b.p, 1, b.n, stdout);
    an_buf_fini(&b);
    if (eng)
        an_engine_close(eng);
    else
        an_dict_close(d);
    return EXIT_OK;
}

static int cmd_lookup(int argc, char **argv, int cameo);

static int cmd_verb(int argc, char **argv)
{
    const char *dict = NULL;
    int i = 1;
    if (i + 1 < argc && !strcmp(argv[i], "--dict")) {
        dict = argv[i + 1];
        i += 2;
    }
    if (i >= argc)
        return cli_usage_error("dict", "verb needs words");
    an_dict *d;
    an_engine *eng;
    int rc = open_dict(dict, &d, &eng);
    if (rc >= 0)
        return rc;
    rc = EXIT_OK;
    an_buf b;
    an_buf_init(&b);
    for (; i < argc; i++) {
        /* Fold the way the tokenizer does (ASCII lower case here). */
        char w[256];
        size_t k = 0;
        for (const char *p = argv[i]; *p && k + 1 < sizeof w; p++)
            w[k++] = (*p >= 'A' && *p <= 'Z') ? (char)(*p + 32) : *p;
        w[k] = 0;
        if (an_dict_verb_dump(d, w, &b) != AN_OK) {
            an_buf_printf(&b, "%s: not a verb form\n", argv[i]);
            rc = EXIT_PROBLEMS;
        }
    }
    fwrite(b.p ? b.p : "", 1, b.n, stdout);
    an_buf_fini(&b);
    if (eng)
        an_engine_close(eng);
    else
        an_dict_close(d);
    return rc;
}

static int cmd_lookup(int argc, char **argv, int cameo)
{
    const char *dict = NULL;
    an_date date = {0, 0, 0};
    int i = 1;
    for (; i < argc; i++) {
        if (!strcmp(argv[i], "--dict") && i + 1 < argc)
            dict = argv[++i];
        else if (!strcmp(argv[i], "--date") && i + 1 < argc) {
            const char *s = argv[++i];
            if (an_date_parse(s, strlen(s), &date) != AN_OK)
                return cli_usage_error("dict", "bad date '%s'", s);
        } else
            break;
    }
    if (i >= argc)
        return cli_usage_error("dict", "%s needs arguments",
                               cameo ? "cameo" : "lookup");
    an_dict *d;
    an_engine *eng;
    int rc = open_dict(dict, &d, &eng);
    if (rc >= 0)
        return rc;
    rc = EXIT_OK;
    for (; i < argc; i++) {
        if (cameo) {
            an_cameo_info ci;
            if (an_dict_cameo_lookup(d, argv[i], &ci) != AN_OK) {
                printf("%s\tnot found\n", argv[i]);
                rc = EXIT_PROBLEMS;
                continue;
            }
            printf("%s\t%s\tgoldstein=%.1f\tquad=%d\tplover=%s\tmode=%s\t"
                   "context=%s\n", ci.code, ci.name, ci.goldstein,
                   ci.quad_class, ci.plover_event, ci.plover_mode,
                   ci.plover_context);
            continue;
        }
        char code[64];
        if (an_dict_actor_lookup(d, argv[i], date, code, sizeof code) == AN_OK) {
            printf("%s\t%s\n", argv[i], code);
        } else {
            printf("%s\tnot found\n", argv[i]);
            rc = EXIT_PROBLEMS;
        }
    }
    if (eng)
        an_engine_close(eng);
    else
        an_dict_close(d);
    return rc;
}

static const char *how_name(int how)
{
    static const char *const n[] = {"none", "name", "title", "country",
                                    "agent", "coref"};
    return how >= 0 && how < 6 ? n[how] : "?";
}

static int render_actors(void *ctx, const an_doc *doc, an_buf *out)
{
    (void)ctx;
    size_t n;
    const an_actor_mention *m = an_doc_actors(doc, &n);
    an_buf_adds(out, "{\"doc_id\":");
    an_buf_json_span_or_null(out, an_doc_id(doc));
    an_buf_adds(out, ",\"actors\":[");
    for (size_t i = 0; i < n; i++) {
        if (i)
            an_buf_addc(out, ',');
        an_buf_printf(out, "{\"sent\":%u,\"start\":%u,\"end\":%u,\"text\":",
                      m[i].sent, m[i].ref.start, m[i].ref.end);
        an_buf_json_str(out, m[i].ref.text ? m[i].ref.text : "",
                        m[i].ref.text ? strlen(m[i].ref.text) : 0);
        an_buf_adds(out, ",\"code\":");
        if (m[i].ref.code)
            an_buf_json_str(out, m[i].ref.code, strlen(m[i].ref.code));
        else
            an_buf_adds(out, "null");
        an_buf_printf(out, ",\"how\":\"%s\",\"group\":%u", how_name(m[i].ref.how),
                      m[i].group);
        if (m[i].antecedent >= 0)
            an_buf_printf(out, ",\"refers_to\":%d", m[i].antecedent);
        an_buf_addc(out, '}');
    }
    an_buf_adds(out, "]}\n");
    return AN_OK;
}

static const char actors_usage[] =
    "usage: annals dict actors [--threads N] [--format FMT] [--data DIR]\n"
    "                          [-o FILE] [FILE|DIR|-]...\n"
    "\n"
    "Print the actors recognised in each document: one JSON object a line,\n"
    "{\"doc_id\",\"actors\":[{\"sent\",\"start\",\"end\",\"text\",\"code\",\"how\",\n"
    "\"group\",\"refers_to\"}]} with byte offsets into the document text.\n";

static int cmd_actors(int argc, char **argv)
{
    cli_input in;
    int rc = cli_parse("dict actors", actors_usage, argc, argv, &in, NULL, NULL);
    if (rc < 0) {
        cli_run run = {"dict actors", AN_LEVEL_CODE, render_actors, NULL, NULL};
        rc = cli_run_docs(&in, &run);
    }
    cli_input_fini(&in);
    return rc;
}

int cmd_dict(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        fputs(usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    const char *sub = argv[1];
    if (!strcmp(sub, "check"))
        return cmd_check_compile(argc - 1, argv + 1, 0);
    if (!strcmp(sub, "compile"))
        return cmd_check_compile(argc - 1, argv + 1, 1);
    if (!strcmp(sub, "info"))
        return cmd_info(argc - 1, argv + 1);
    if (!strcmp(sub, "lookup"))
        return cmd_lookup(argc - 1, argv + 1, 0);
    if (!strcmp(sub, "cameo"))
        return cmd_lookup(argc - 1, argv + 1, 1);
    if (!strcmp(sub, "verb"))
        return cmd_verb(argc - 1, argv + 1);
    if (!strcmp(sub, "actors"))
        return cmd_actors(argc - 1, argv + 1);
    return cli_usage_error("dict", "unknown command '%s'", sub);
}
