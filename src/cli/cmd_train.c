/*
** cmd_train.c - "annals train": train the tagger, lemmatiser and parser
** from a Universal Dependencies treebank and write their model images.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "usage: annals train [OPTIONS] TRAIN.conllu\n"
    "\n"
    "Train the part-of-speech tagger, the lemmatiser and the dependency\n"
    "parser on a CoNLL-U treebank (UD English EWT) and write the model\n"
    "images " AN_NLP_POS_FILE ", " AN_NLP_LEMMA_FILE " and " AN_NLP_DEP_FILE
    ".\n"
    "Training is deterministic: the same treebank and options give the same\n"
    "files.\n"
    "\n"
    "  --dev FILE          development treebank: keep the best epoch on it\n"
    "  -o DIR              output directory (default: data/models)\n"
    "  --only PART         pos, lemma or dep (repeatable; default: all)\n"
    "  --pos-epochs N      tagger epochs (default 12)\n"
    "  --dep-epochs N      parser epochs (default 15; 40 with --dep-bia)\n"
    "  --folds N           jackknife folds for the parser's training tags\n"
    "                      (default 5; 1 trains on gold tags)\n"
    "  --beam N            parser beam width (default 1: greedy with the\n"
    "                      dynamic oracle; N > 1: beam search, global\n"
    "                      training)\n"
    "  --prune N           drop weights below N (of 32000 for the largest)\n"
    "  --min-hits N        drop features updated fewer than N times\n"
    "  --jk-cache FILE     keep the jackknifed tags in FILE between runs\n"
    "  --seed N            shuffling seed (default fixed)\n"
    "  --dep-nn            train a feed-forward neural parser instead\n"
    "  --nn-hidden N       its hidden units (default 256)\n"
    "  --nn-word-dim N     its word embedding width (default 64)\n"
    "  --nn-vectors FILE   word vectors for its embeddings (tools/vectors)\n"
    "  --dep-bia           train a BiLSTM + biaffine graph parser instead\n"
    "                      (--nn-hidden: LSTM units per direction, default\n"
    "                      64; --nn-word-dim, --nn-vectors as above)\n"
    "  --bia-arc N         its arc projection width (default 96)\n"
    "  --bia-label N       its label projection width (default 64)\n"
    "  --bia-suffix N      hashed suffix buckets of its input (default 4096)\n"
    "  --bia-decay         its learning rate x 0.75 every 5000 updates\n"
    "  --bia-layer2 N      a second BiLSTM layer of N units a direction\n"
    "  --bia-sents N       train on N sentences an epoch (quick runs)\n"
    "  -q, --quiet         no progress messages\n";

static void log_line(void *ctx, const char *msg)
{
    (void)ctx;
    fprintf(stderr, "%s\n", msg);
}

int cmd_train(int argc, char **argv)
{
    an_nlp_train_opts o;
    memset(&o, 0, sizeof o);
    o.out_dir = "data/models";
    o.log = log_line;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage, stdout);
            return EXIT_OK;
        } else if (!strcmp(a, "--dep-nn")) {
            o.dep_nn = 1;
        } else if (!strcmp(a, "--dep-bia")) {
            o.dep_bia = 1;
        } else if (!strcmp(a, "--bia-decay")) {
            o.bia_decay = 1;
        } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            o.log = NULL;
        } else if (!strcmp(a, "--dev") || !strcmp(a, "-o") ||
                   !strcmp(a, "--only") || !strcmp(a, "--pos-epochs") ||
                   !strcmp(a, "--dep-epochs") || !strcmp(a, "--folds") ||
                   !strcmp(a, "--beam") || !strcmp(a, "--prune") ||
                   !strcmp(a, "--min-hits") || !strcmp(a, "--jk-cache") ||
                   !strcmp(a, "--seed") || !strcmp(a, "--nn-hidden") ||
                   !strcmp(a, "--nn-word-dim") ||
                   !strcmp(a, "--nn-vectors") || !strcmp(a, "--bia-arc") ||
                   !strcmp(a, "--bia-label") || !strcmp(a, "--bia-sents") ||
                   !strcmp(a, "--bia-suffix") ||
                   !strcmp(a, "--bia-layer2")) {
            if (!v)
                return cli_usage_error("train", "%s needs a value", a);
            i++;
            long long n = 0;
            if (!strcmp(a, "--dev")) {
                o.dev = v;
            } else if (!strcmp(a, "--nn-vectors")) {
                o.nn_vectors = v;
            } else if (!strcmp(a, "--jk-cache")) {
                o.jk_cache = v;
            } else if (!strcmp(a, "-o")) {
                o.out_dir = v;
            } else if (!strcmp(a, "--only")) {
                if (!strcmp(v, "pos"))
                    o.parts |= AN_NLP_POS;
                else if (!strcmp(v, "lemma"))
                    o.parts |= AN_NLP_LEMMA;
                else if (!strcmp(v, "dep"))
                    o.parts |= AN_NLP_DEP;
                else
                    return cli_usage_error("train", "unknown part '%s'", v);
            } else if ((n = cli_parse_size(v)) <= 0 || n > 1000000) {
                return cli_usage_error("train", "bad value for %s: '%s'", a, v);
            } else if (!strcmp(a, "--pos-epochs")) {
                o.pos_epochs = (int)n;
            } else if (!strcmp(a, "--dep-epochs")) {
                o.dep_epochs = (int)n;
            } else if (!strcmp(a, "--folds")) {
                o.folds = (int)n;
            } else if (!strcmp(a, "--beam")) {
                o.beam = (int)n;
            } else if (!strcmp(a, "--prune")) {
                o.prune = (int)n;
            } else if (!strcmp(a, "--min-hits")) {
                o.min_hits = (int)n;
            } else if (!strcmp(a, "--bia-arc")) {
                o.bia_arc = (int)n;
            } else if (!strcmp(a, "--bia-label")) {
                o.bia_lab = (int)n;
            } else if (!strcmp(a, "--bia-layer2")) {
                o.bia_hid2 = (int)n;
            } else if (!strcmp(a, "--bia-suffix")) {
                o.bia_suffix = (int)n;
            } else if (!strcmp(a, "--bia-sents")) {
                o.bia_sents = (int)n;
            } else if (!strcmp(a, "--nn-hidden")) {
                o.nn_hidden = (int)n;
            } else if (!strcmp(a, "--nn-word-dim") ||
                   !strcmp(a, "--nn-vectors")) {
                o.nn_word_dim = (int)n;
            } else {
                o.seed = (uint64_t)n;
            }
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error("train", "unknown option '%s'", a);
        } else if (!o.train) {
            o.train = a;
        } else {
            return cli_usage_error("train", "one training treebank only");
        }
    }
    if (!o.train)
        return cli_usage_error("train", "no training treebank given");
    an_err err;
    an_err_clear(&err);
    int rc = an_nlp_train(&o, &err);
    if (rc != AN_OK) {
        fprintf(stderr, "annals train: %s\n", err.msg);
        return EXIT_PROBLEMS;
    }
    return EXIT_OK;
}
