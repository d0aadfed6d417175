/*
** cmd_eval.c - "annals eval": measure the tagger, lemmatiser and parser
** on a gold CoNLL-U treebank, CoNLL-2018 style (punctuation counted), from
** the gold words or from the raw text.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "usage: annals eval [OPTIONS] GOLD.conllu\n"
    "\n"
    "Tag, lemmatise and parse a gold treebank and print UPOS, XPOS, lemma,\n"
    "UAS and LAS (F1 over words; with gold tokens these are accuracies).\n"
    "LAS compares the universal part of the relation (CoNLL 2018);\n"
    "LAS-full the whole relation with its subtype.\n"
    "\n"
    "  --raw               start from the raw text: annals' own tokenizer\n"
    "                      and sentence splitter, words aligned to the gold\n"
    "                      ones by character offsets\n"
    "  --tag-only          tags and lemmas only (no parser loaded)\n"
    "  --beam N            parser beam width (1: greedy; default: the\n"
    "                      model's)\n"
    "  --data DIR          data directory holding models/\n";

static double f1(uint64_t ok, uint64_t gold, uint64_t sys)
{
    return gold + sys ? 200.0 * (double)ok / (double)(gold + sys) : 0;
}

int cmd_eval(int argc, char **argv)
{
    const char *gold = NULL, *data = NULL;
    int mode = AN_NLP_EVAL_GOLD_TOKENS, level = AN_LEVEL_PARSE, beam = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage, stdout);
            return EXIT_OK;
        } else if (!strcmp(a, "--raw")) {
            mode = AN_NLP_EVAL_RAW_TEXT;
        } else if (!strcmp(a, "--tag-only")) {
            level = AN_LEVEL_TAG;
        } else if (cli_is_opt(a, "--beam")) {
            const char *v = cli_opt_value("eval", argc, argv, &i);
            long long b;
            if (!v || cli_opt_int("eval", "--beam", v, 1, 64, &b) != 0)
                return EXIT_USAGE;
            beam = (int)b;
        } else if (cli_is_opt(a, "--data")) {
            if (!(data = cli_opt_value("eval", argc, argv, &i)))
                return EXIT_USAGE;
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error("eval", "unknown option '%s'", a);
        } else if (!gold) {
            gold = a;
        } else {
            return cli_usage_error("eval", "one gold treebank only");
        }
    }
    if (!gold)
        return cli_usage_error("eval", "no gold treebank given");
    an_engine_opts eo;
    memset(&eo, 0, sizeof eo);
    eo.data_dir = data;
    eo.level = level;
    eo.parse_beam = beam;
    an_engine *eng = cli_engine_open("eval", &eo);
    if (!eng)
        return EXIT_PROBLEMS;
    an_err err;
    an_err_clear(&err);
    an_nlp_scores s;
    int rc = an_nlp_eval(eng, gold, mode, &s, &err);
    an_engine_close(eng);
    if (rc != AN_OK) {
        fprintf(stderr, "annals eval: %s\n", err.msg);
        return EXIT_PROBLEMS;
    }
    uint64_t g = s.gold_words, y = s.sys_words;
    printf("%s (%s)\n", gold, mode == AN_NLP_EVAL_RAW_TEXT ? "raw text"
                                                            : "gold tokens");
    if (mode == AN_NLP_EVAL_RAW_TEXT) {
        printf("Words      %6.2f  (gold %llu, system %llu, aligned %llu)\n",
               f1(s.words, g, y), (unsigned long long)g,
               (unsigned long long)y, (unsigned long long)s.words);
        printf("Sentences  %6.2f  (gold %llu, system %llu, matched %llu)\n",
               f1(s.sents, s.gold_sents, s.sys_sents),
               (unsigned long long)s.gold_sents,
               (unsigned long long)s.sys_sents, (unsigned long long)s.sents);
    }
    printf("UPOS       %6.2f\n", f1(s.upos, g, y));
    printf("XPOS       %6.2f\n", f1(s.xpos, g, y));
    printf("Lemma      %6.2f  (verbs and auxiliaries: %.2f of %llu)\n",
           f1(s.lemma, g, y),
           s.lemma_verbs ? 100.0 * (double)s.lemma_verbs_ok /
                               (double)s.lemma_verbs
                         : 0,
           (unsigned long long)s.lemma_verbs);
    if (level >= AN_LEVEL_PARSE) {
        printf("UAS        %6.2f\n", f1(s.uas, g, y));
        printf("LAS        %6.2f\n", f1(s.las, g, y));
        printf("LAS-full   %6.2f\n", f1(s.las_full, g, y));
    }
    printf("words %llu, %.3f s CPU tagging%s (%.0f words/s)\n",
           (unsigned long long)g, s.seconds,
           mode == AN_NLP_EVAL_RAW_TEXT ? ", tokenizing and parsing"
           : level >= AN_LEVEL_PARSE   ? ", lemmatising and parsing"
                                       : " and lemmatising",
           s.seconds > 0 ? (double)y / s.seconds : 0);
    return EXIT_OK;
}
