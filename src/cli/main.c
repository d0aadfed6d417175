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
    {"timex", cmd_timex, "time expressions and places of documents; TempEval-3 scores"},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: annals COMMAND [OPTIONS] [ARGS]\n\n"
               "annals turns news into event data.\n\nCommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].help);
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
    fprintf(stderr, "annals: unknown command '%s'\n", cmd);
    usage(stderr);
    return EXIT_USAGE;
}
