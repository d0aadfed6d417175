/*
** common.c - shared parts of the document-reading commands: input options,
** the run with an ordered writer, diagnostics, progress and the summary.
*/
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "annals %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'annals %s --help'.\n", cmd);
    return EXIT_USAGE;
}

long long cli_parse_size(const char *s)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s || v <= 0)
        return -1;
    if (*end == 'k' || *end == 'K') { v *= 1024; end++; }
    else if (*end == 'm' || *end == 'M') { v *= 1024 * 1024; end++; }
    else if (*end == 'g' || *end == 'G') { v *= 1024LL * 1024 * 1024; end++; }
    return *end ? -1 : v;
}

static int parse_format(const char *s)
{
    if (!strcmp(s, "text") || !strcmp(s, "txt")) return AN_FMT_TEXT;
    if (!strcmp(s, "html")) return AN_FMT_HTML;
    if (!strcmp(s, "jsonl")) return AN_FMT_JSONL;
    if (!strcmp(s, "warc")) return AN_FMT_WARC;
    if (!strcmp(s, "auto")) return AN_FMT_AUTO;
    return -1;
}

bool cli_is_opt(const char *a, const char *name)
{
    size_t n = strlen(name);
    return strncmp(a, name, n) == 0 && (a[n] == 0 || a[n] == '=');
}

const char *cli_opt_value(const char *cmd, int argc, char **argv, int *i)
{
    const char *a = argv[*i], *eq = strchr(a, '=');
    if (eq && a[0] == '-')
        return eq + 1;
    if (*i + 1 >= argc) {
        cli_usage_error(cmd, "option '%s' needs a value", a);
        return NULL;
    }
    return argv[++*i];
}

int cli_opt_int(const char *cmd, const char *name, const char *v, long long lo,
                long long hi, long long *out)
{
    char *end;
    errno = 0;
    long long x = strtoll(v, &end, 10);
    if (errno || end == v || *end || x < lo || x > hi) {
        if (hi == LLONG_MAX)
            cli_usage_error(cmd, "%s wants a number of at least %lld, not '%s'", name,
                            lo, v);
        else
            cli_usage_error(cmd, "%s wants a number from %lld to %lld, not '%s'",
                            name, lo, hi, v);
        return -1;
    }
    *out = x;
    return 0;
}

an_engine *cli_engine_open(const char *cmd, const an_engine_opts *eo)
{
    an_engine *eng;
    an_err err;
    an_err_clear(&err);
    if (an_engine_open(eo, &eng, &err) != AN_OK) {
        fprintf(stderr, "annals %s: %s\n", cmd, err.msg);
        return NULL;
    }
    return eng;
}

static int cli_input_option(const char *cmd, cli_input *in, int argc, char **argv,
                     int *i)
{
    const char *a = argv[*i], *v;
    if (cli_is_opt(a, "--threads") || cli_is_opt(a, "-j")) {
        if (!(v = cli_opt_value(cmd, argc, argv, i)))
            return -1;
        long long n = cli_parse_size(v);
        if (n < 1 || n > 256) {
            cli_usage_error(cmd, "--threads wants a number from 1 to 256, not '%s'", v);
            return -1;
        }
        in->threads = (int)n;
        return 1;
    }
    if (cli_is_opt(a, "--format")) {
        if (!(v = cli_opt_value(cmd, argc, argv, i)))
            return -1;
        int f = parse_format(v);
        if (f < 0) {
            cli_usage_error(cmd, "unknown format '%s' (text, html, jsonl, warc, auto)", v);
            return -1;
        }
        in->format = f;
        return 1;
    }
    if (cli_is_opt(a, "--max-doc-bytes")) {
        if (!(v = cli_opt_value(cmd, argc, argv, i)))
            return -1;
        long long n = cli_parse_size(v);
        if (n < 1) {
            cli_usage_error(cmd, "--max-doc-bytes wants a size such as 64M, not '%s'", v);
            return -1;
        }
        in->max_doc_bytes = (size_t)n;
        return 1;
    }
    if (cli_is_opt(a, "--data")) {
        if (!(v = cli_opt_value(cmd, argc, argv, i)))
            return -1;
        in->data_dir = v;
        return 1;
    }
    if (cli_is_opt(a, "--output") || !strcmp(a, "-o")) {
        if (!(v = cli_opt_value(cmd, argc, argv, i)))
            return -1;
        in->output = v;
        return 1;
    }
    if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
        in->quiet = 1;
        return 1;
    }
    if (!strcmp(a, "--stats")) {
        in->stats = 1;
        return 1;
    }
    if (!strcmp(a, "--no-progress")) {
        in->progress = -1;
        return 1;
    }
    return 0;
}

static int cli_input_check(const char *cmd, cli_input *in)
{
    int bad = 0;
    for (size_t i = 0; i < in->npaths; i++) {
        struct stat st;
        if (strcmp(in->paths[i], "-") == 0)
            continue;
        if (stat(in->paths[i], &st) != 0) {
            fprintf(stderr, "annals %s: cannot open '%s': %s\n", cmd,
                    in->paths[i], strerror(errno));
            bad = 1;
        }
    }
    if (bad)
        return EXIT_USAGE;
    if (in->npaths == 0) {
        if (isatty(0))
            return cli_usage_error(cmd, "no input files (give FILE, DIR or - "
                                        "for standard input)");
        in->paths[in->npaths++] = "-";
    }
    return EXIT_OK;
}

int cli_parse(const char *cmd, const char *usage, int argc, char **argv,
              cli_input *in, cli_opt_fn opt, void *ctx)
{
    memset(in, 0, sizeof *in);
    in->paths = calloc((size_t)argc + 1, sizeof *in->paths);
    if (!in->paths) {
        fprintf(stderr, "annals %s: out of memory\n", cmd);
        return EXIT_PROBLEMS;
    }
    int only_paths = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (only_paths || a[0] != '-' || !strcmp(a, "-")) {
            in->paths[in->npaths++] = a;
            continue;
        }
        if (!strcmp(a, "--")) {
            only_paths = 1;
            continue;
        }
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage, stdout);
            return EXIT_OK;
        }
        int r = opt ? opt(ctx, argc, argv, &i) : 0;
        if (r == 0)
            r = cli_input_option(cmd, in, argc, argv, &i);
        if (r < 0)
            return EXIT_USAGE;
        if (r == 0)
            return cli_usage_error(cmd, "unknown option '%s'", a);
    }
    int rc = cli_input_check(cmd, in);
    return rc == EXIT_OK ? -1 : rc;
}

void cli_input_fini(cli_input *in)
{
    free(in->paths);
    in->paths = NULL;
}

/* ---- the run ---- */

typedef struct run_ctx {
    const cli_run *run;
    FILE *out;
    an_buf buf;
    int progress;       /* draw a progress line */
    int drew;           /* a progress line is on screen */
    int write_failed;
    int out_errno;
} run_ctx;

static void clear_progress(run_ctx *c)
{
    if (c->drew) {
        fputs("\r\033[K", stderr);
        c->drew = 0;
    }
}

static const char *sev_name(int s)
{
    return s >= AN_SEV_ERROR ? "error" : "warning";
}

static int on_doc(void *ctx, const an_doc *doc)
{
    run_ctx *c = ctx;
    size_t nd;
    const an_diag *dg = an_doc_diags(doc, &nd);
    if (nd)
        clear_progress(c);
    for (size_t i = 0; i < nd; i++) {
        if (dg[i].line)
            fprintf(stderr, "%s:%llu: %s: %s\n", dg[i].origin,
                    (unsigned long long)dg[i].line, sev_name(dg[i].severity),
                    dg[i].msg);
        else
            fprintf(stderr, "%s: %s: %s\n", dg[i].origin,
                    sev_name(dg[i].severity), dg[i].msg);
    }
    if (an_doc_severity(doc) >= AN_SEV_ERROR)
        return AN_OK; /* nothing to write for a skipped document */
    an_buf_clear(&c->buf);
    int rc = c->run->fn(c->run->ctx, doc, &c->buf);
    if (rc != AN_OK)
        return rc;
    if (c->buf.oom)
        return AN_ENOMEM;
    if (c->buf.n && fwrite(c->buf.p, 1, c->buf.n, c->out) != c->buf.n) {
        c->write_failed = 1;
        c->out_errno = errno;
        return AN_EIO;
    }
    return AN_OK;
}

static int on_skip(void *ctx, const an_doc *doc)
{
    const run_ctx *c = ctx;
    return c->run->skip(c->run->ctx, doc);
}

static void on_progress(void *ctx, const an_run_stats *st)
{
    run_ctx *c = ctx;
    if (!c->progress || st->seconds < 1.5)
        return;
    fprintf(stderr, "\r\033[Kannals: %llu documents, %.1f MB, %.1f MB/s",
            (unsigned long long)st->docs, st->bytes / 1e6,
            st->seconds > 0 ? st->bytes / 1e6 / st->seconds : 0.0);
    c->drew = 1;
}

int cli_run_docs(const cli_input *in, const cli_run *run)
{
    an_err err;
    an_err_clear(&err);
    an_engine_opts eo = {0};
    eo.data_dir = in->data_dir;
    eo.level = run->level;
    eo.max_doc_bytes = in->max_doc_bytes;
    an_engine *eng = cli_engine_open(run->cmd, &eo);
    if (!eng)
        return EXIT_PROBLEMS;
    an_reader_opts ro = {0};
    ro.format = in->format;
    ro.max_doc_bytes = in->max_doc_bytes;
    an_reader *rd;
    if (an_reader_new(&ro, in->paths, in->npaths, &rd, &err) != AN_OK) {
        fprintf(stderr, "annals %s: %s\n", run->cmd, err.msg);
        an_engine_close(eng);
        return EXIT_PROBLEMS;
    }
    run_ctx c;
    memset(&c, 0, sizeof c);
    c.run = run;
    c.out = stdout;
    if (in->output && strcmp(in->output, "-") != 0) {
        c.out = fopen(in->output, "w");
        if (!c.out) {
            fprintf(stderr, "annals %s: cannot write '%s': %s\n", run->cmd,
                    in->output, strerror(errno));
            an_reader_free(rd);
            an_engine_close(eng);
            return EXIT_USAGE;
        }
    }
    static char obuf[1 << 16];
    setvbuf(c.out, obuf, _IOFBF, sizeof obuf);
    c.progress = in->progress >= 0 && isatty(2);
    an_run_opts opts = {0};
    opts.threads = in->threads;
    opts.fn = on_doc;
    opts.ctx = &c;
    opts.progress = on_progress;
    opts.skip = run->skip ? on_skip : NULL;
    an_run_stats st;
    int rc = an_run(eng, rd, &opts, &st, &err);
    clear_progress(&c);
    if (fflush(c.out) != 0 && !c.write_failed) {
        c.write_failed = 1;
        c.out_errno = errno;
    }
    if (c.out != stdout)
        fclose(c.out);
    int status = EXIT_OK;
    if (c.write_failed) {
        fprintf(stderr, "annals %s: writing output: %s\n", run->cmd,
                strerror(c.out_errno));
        status = EXIT_PROBLEMS;
    } else if (rc != AN_OK) {
        fprintf(stderr, "annals %s: %s\n", run->cmd, err.msg);
        status = EXIT_PROBLEMS;
    }
    bool problems = st.failed || st.warned;
    if (problems)
        status = EXIT_PROBLEMS;
    if (problems || in->stats || (!in->quiet && isatty(2) && st.seconds > 1.5)) {
        fprintf(stderr,
                "annals %s: %llu document%s: %llu ok, %llu with warnings, "
                "%llu skipped; %.1f MB in %.2f s (%.1f MB/s)\n",
                run->cmd, (unsigned long long)st.docs, st.docs == 1 ? "" : "s",
                (unsigned long long)st.ok, (unsigned long long)st.warned,
                (unsigned long long)st.failed, st.bytes / 1e6, st.seconds,
                st.seconds > 0 ? st.bytes / 1e6 / st.seconds : 0.0);
    }
    an_buf_fini(&c.buf);
    an_reader_free(rd);
    an_engine_close(eng);
    return status;
}
