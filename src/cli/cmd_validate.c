/*
** cmd_validate.c - "annals validate": run a peer's test suite (PETRARCH2
** validation XML, TABARI's Validate project) with the dictionaries it
** names, print the failing records and the pass rate.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "usage: annals validate [OPTIONS] SUITE...\n"
    "\n"
    "Run a peer's test suite: PETRARCH2 validation XML (the unit-test records,\n"
    "the GSR sample) or a TABARI project (Validate.project, or its\n"
    "Validate.text).  The dictionaries the suite names are compiled in\n"
    "memory; each record is coded and its (source, target, code) set compared\n"
    "with the expected set.  Failing records are printed with both codings;\n"
    "records that depend on an option annals does not implement are listed\n"
    "as peer-only with the reason.  The last line reads\n"
    "  validate: P of N records pass\n"
    "\n"
    "Options:\n"
    "  --dict-dir DIR   also look for the named dictionary files in DIR\n"
    "                   (after the suite's own directory; repeatable)\n"
    "  --dict FILE      code with the compiled dictionary FILE (e.g.\n"
    "                   data/dict/annals.dict) instead of the suite's own\n"
    "  --only PREFIX    only the records whose id starts with PREFIX\n"
    "  --level LEVEL    text, tag or parse (default parse: tag and parse the\n"
    "                   records when the models are installed)\n"
    "  --data DIR       models and dictionaries of annals\n"
    "  -v, --verbose    print passing records too\n"
    "  --trace          show the coder's frames, patterns and roles for the\n"
    "                   records printed\n"
    "  -q, --quiet      print the summary lines only\n"
    "\n"
    "Exit status: 0 when every suite ran, 1 when a suite could not be read\n"
    "(missing dictionary, malformed file), 2 usage error.\n";

int cmd_validate(int argc, char **argv)
{
    an_validate_opts o;
    memset(&o, 0, sizeof o);
    const char **dirs = calloc((size_t)argc + 1, sizeof *dirs);
    const char **suites = calloc((size_t)argc + 1, sizeof *suites);
    if (!dirs || !suites) {
        free(dirs);
        free(suites);
        fprintf(stderr, "annals validate: out of memory\n");
        return EXIT_PROBLEMS;
    }
    size_t nd = 0, ns = 0;
    int quiet = 0, rc = EXIT_OK;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage, stdout);
            free(dirs);
            free(suites);
            return EXIT_OK;
        }
        if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
            o.verbose = 1;
        } else if (!strcmp(a, "--trace")) {
            o.trace = 1;
        } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            quiet = 1;
        } else if (cli_is_opt(a, "--dict-dir") || cli_is_opt(a, "--only") ||
                   cli_is_opt(a, "--level") || cli_is_opt(a, "--data") ||
                   cli_is_opt(a, "--dict")) {
            const char *v = cli_opt_value("validate", argc, argv, &i);
            if (!v) {
                free(dirs);
                free(suites);
                return EXIT_USAGE;
            }
            if (cli_is_opt(a, "--dict-dir"))
                dirs[nd++] = v;
            else if (cli_is_opt(a, "--dict"))
                o.dict_path = v;
            else if (cli_is_opt(a, "--only"))
                o.only = v;
            else if (cli_is_opt(a, "--data"))
                o.data_dir = v;
            else if (!strcmp(v, "text"))
                o.level = AN_LEVEL_TEXT;
            else if (!strcmp(v, "tag"))
                o.level = AN_LEVEL_TAG;
            else if (!strcmp(v, "parse"))
                o.level = AN_LEVEL_PARSE;
            else {
                free(dirs);
                free(suites);
                return cli_usage_error("validate", "--level wants text, tag or parse, "
                                                   "not '%s'", v);
            }
        } else if (a[0] == '-' && a[1]) {
            free(dirs);
            free(suites);
            return cli_usage_error("validate", "unknown option '%s'", a);
        } else {
            suites[ns++] = a;
        }
    }
    if (!ns) {
        free(dirs);
        free(suites);
        return cli_usage_error("validate", "no suite file given");
    }
    o.dict_dirs = dirs;
    o.ndict_dirs = nd;
    for (size_t k = 0; k < ns; k++) {
        an_buf rep;
        an_buf_init(&rep);
        an_validate_result res;
        an_err err;
        an_err_clear(&err);
        int r = an_validate(suites[k], &o, &rep, &res, &err);
        if (r != AN_OK) {
            fprintf(stderr, "annals validate: %s\n", err.msg);
            rc = EXIT_PROBLEMS;
        } else if (quiet) {
            /* the last two lines: events and the pass rate */
            const char *p = rep.p ? rep.p : "";
            const char *ev = strstr(p, "\nevents: ");
            fputs(ev ? ev + 1 : p, stdout);
        } else if (rep.n) {
            fwrite(rep.p, 1, rep.n, stdout);
        }
        an_buf_fini(&rep);
    }
    free(dirs);
    free(suites);
    return rc;
}
