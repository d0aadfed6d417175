/*
** main.c - the annals program: dispatch to a subcommand.
*/
#include <stdio.h>
#include <string.h>

#include "cli.h"

typedef struct command {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *help;
} command;

static const command commands[] = {
    {"code", cmd_code, "code news documents into events (JSON lines)"},
    {"dict", cmd_dict, "check, compile and inspect the dictionaries"},
    {"text", cmd_text, "print the main text of documents, split into sentences"},
    {"parse", cmd_parse, "tag, lemmatise and parse text or CoNLL-U into CoNLL-U"},
    {"train", cmd_train, "train the tagger, lemmatiser and parser on a treebank"},
    {"eval", cmd_eval, "measure the tagger, lemmatiser and parser on a treebank"},
    {"timex", cmd_timex, "time expressions and places of documents; TempEval-3 scores"},
    {"timeline", cmd_timeline, "print the events of an event store in date order"},
    {"export", cmd_export, "write an event store as JSONL, CSV or GDELT 2.0 tables"},
    {"validate", cmd_validate, "run a peer's test suite (PETRARCH2 XML, TABARI project)"},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: annals COMMAND [OPTIONS] [ARGS]\n\n"
               "annals turns news into event data.\n\nCommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].help);
    fprintf(f, "\nEvent store ('annals code --db FILE'): mentions of one event merge\n"
               "when their source and target codes, CAMEO root code and modality\n"
               "match and their dates are within the merge window (default 1 day)\n"
               "of the event's first date; undated mentions merge only with\n"
               "undated ones.  Near-duplicate articles count once as sources.\n"
               "See docs/store.md.\n");
    fprintf(f, "\n'annals COMMAND --help' tells more; 'annals --version' "
               "prints the version.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        usage(stdout);
        return EXIT_OK;
    }
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
        printf("annals %s\n", an_version());
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(cmd, commands[i].name))
            return commands[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "annals: unknown command '%s'\nTry 'annals --help'.\n", cmd);
    return EXIT_USAGE;
}
