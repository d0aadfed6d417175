/*
** cli.h - what the subcommands of the annals program share: the options
** for reading inputs, the run with progress and summary, and usage errors.
** The CLI is a client of the public API only (annals/annals.h).
*/
#ifndef AN_CLI_H
#define AN_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "annals/annals.h"

/** Exit statuses of the program. */
enum { EXIT_OK = 0, EXIT_PROBLEMS = 1, EXIT_USAGE = 2 };

/** Options every document-reading command takes. */
typedef struct cli_input {
    int threads;          /* --threads N; 0: all cores */
    int format;           /* --format */
    size_t max_doc_bytes; /* --max-doc-bytes */
    const char *data_dir; /* --data */
    const char *output;   /* -o FILE; NULL: stdout */
    int quiet;            /* -q: no summary unless problems */
    int stats;            /* --stats: always print the summary */
    int progress;         /* progress line allowed (stderr is a terminal) */
    const char **paths;   /* files and directories; "-" for stdin */
    size_t npaths;
} cli_input;

/** One document-reading command: what to do with each document. */
typedef struct cli_run {
    const char *cmd;      /* command name, for messages */
    int level;            /* enum an_level */
    int (*fn)(void *ctx, const an_doc *doc, an_buf *out); /* render a doc */
    void *ctx;
    an_skip_fn skip;      /* documents to leave unprocessed (gets ctx), or
                             NULL */
} cli_run;

/** Print "annals CMD: message" and a hint, return EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/**
 * A command's own options: handle argv[*i] (advancing *i over a value).
 * Returns 1 if handled, 0 if unknown, -1 on a bad value (reported).
 */
typedef int (*cli_opt_fn)(void *ctx, int argc, char **argv, int *i);

/**
 * Parse the command line of a document-reading command: its own options
 * (through `opt`, may be NULL), the input options, --help (prints `usage`)
 * and paths; then check that the paths exist, defaulting to standard
 * input when none are given and stdin is not a terminal.  Returns -1 to go
 * on, else the exit status to return now.  Free with cli_input_fini().
 */
int cli_parse(const char *cmd, const char *usage, int argc, char **argv,
              cli_input *in, cli_opt_fn opt, void *ctx);
void cli_input_fini(cli_input *in);

/** Run the pipeline over the inputs; returns the exit status. */
int cli_run_docs(const cli_input *in, const cli_run *run);

/** Parse a positive integer option value; returns -1 when invalid. */
long long cli_parse_size(const char *s);

/** Whether the word `a` is option `name`, alone or as "name=value". */
bool cli_is_opt(const char *a, const char *name);

/**
 * The value of the option at argv[*i]: what follows its '=', else the next
 * word (advancing *i).  NULL, reported as a usage error of `cmd`, when
 * there is none.
 */
const char *cli_opt_value(const char *cmd, int argc, char **argv, int *i);

/**
 * An integer option value from `lo` to `hi` into *out; -1, reported as
 * "NAME wants a number from LO to HI", when `v` is not one.
 */
int cli_opt_int(const char *cmd, const char *name, const char *v, long long lo,
                long long hi, long long *out);

/** an_engine_open(), reporting a failure as "annals CMD: why"; NULL then. */
an_engine *cli_engine_open(const char *cmd, const an_engine_opts *eo);

/* Subcommands. */
int cmd_text(int argc, char **argv);
int cmd_code(int argc, char **argv);
int cmd_parse(int argc, char **argv);
int cmd_train(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_dict(int argc, char **argv);
int cmd_timex(int argc, char **argv);
int cmd_timeline(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_validate(int argc, char **argv);

#endif /* AN_CLI_H */
