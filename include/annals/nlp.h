/*
** nlp.h - the tagger, lemmatiser and dependency parser seen from outside:
** training them from a treebank, running them over CoNLL-U files and
** measuring them.
**
** The models are images in <data_dir>/models (en_ewt.pos.anm,
** en_ewt.lemma.anm, en_ewt.dep.anm), loaded by an_engine_open() at
** AN_LEVEL_TAG (tagger, lemmatiser) and AN_LEVEL_PARSE (parser).  Documents
** processed at those levels come out with upos/xpos/lemma and head/deprel
** on every token (see doc.h).
*/
#ifndef ANNALS_NLP_H
#define ANNALS_NLP_H

#include "engine.h"
#include "out.h"

#ifdef __cplusplus
extern "C" {
#endif

/** File names of the models inside <data_dir>/models. */
#define AN_NLP_POS_FILE "en_ewt.pos.anm"
#define AN_NLP_LEMMA_FILE "en_ewt.lemma.anm"
#define AN_NLP_DEP_FILE "en_ewt.dep.anm"

/** What to train. */
enum an_nlp_part {
    AN_NLP_POS = 1 << 0,   /* the tagger */
    AN_NLP_LEMMA = 1 << 1, /* the lemmatiser */
    AN_NLP_DEP = 1 << 2    /* the parser */
};

/** Receives progress messages (one line each, no newline). */
typedef void (*an_nlp_log_fn)(void *ctx, const char *msg);

/** Options of an_nlp_train(); zero-initialise, then set what you need. */
typedef struct an_nlp_train_opts {
    const char *train;    /* CoNLL-U training treebank (required) */
    const char *dev;      /* CoNLL-U development treebank: the epoch that
                             scores best on it is kept (NULL: the last) */
    const char *out_dir;  /* directory the model images are written to */
    int parts;            /* enum an_nlp_part bits; 0: all */
    int pos_epochs;       /* tagger epochs; 0: default (12) */
    int dep_epochs;       /* parser epochs; 0: default (15) */
    int folds;            /* jackknife folds for the parser's training
                             tags; 0: default (5), 1: gold tags */
    int beam;             /* parser beam width; 0 or 1: greedy, trained
                             with the dynamic oracle; more: beam search
                             with global (max-violation) training */
    int prune;            /* drop frozen weights below this magnitude (of
                             32000 for the largest); 0: keep all */
    int min_hits;         /* drop features updated fewer times in training;
                             0: keep all */
    const char *jk_cache; /* file keeping the jackknifed tags between runs
                             (read when it matches the treebank, else
                             written); NULL: none */
    uint64_t seed;        /* shuffling seed; 0: a fixed default */
    int dep_nn;           /* 1: a feed-forward neural parser (model
                             version 5) instead of the perceptron */
    int nn_hidden;        /* its hidden units; 0: default (256) */
    int nn_word_dim;      /* its word embedding width; 0: default (64) */
    const char *nn_vectors; /* word vectors initialising its embeddings
                             (tools/vectors.c output, nn_word_dim wide);
                             NULL: random */
    int dep_bia;          /* 1: a BiLSTM + biaffine graph parser (model
                             version 6; nn_hidden: LSTM units per
                             direction, default 64; nn_word_dim and
                             nn_vectors as above) */
    int bia_arc;          /* its arc projection width; 0: default (96) */
    int bia_lab;          /* its label projection width; 0: default (64) */
    int bia_suffix;       /* hashed suffix buckets of its input; 0: default
                             (4096) */
    int bia_decay;        /* 1: its learning rate decays (x 0.75 every
                             5000 updates) */
    int bia_hid2;         /* units per direction of a second LSTM layer;
                             0: one layer */
    int bia_sents;        /* train on the first N sentences of each
                             shuffled epoch only (quick runs); 0: all */
    an_nlp_log_fn log;    /* progress; may be NULL */
    void *log_ctx;
} an_nlp_train_opts;

/**
 * Train the requested models from a treebank and write their images to
 * opts->out_dir.  Training is deterministic: the same inputs and options
 * give the same bytes.  Returns AN_OK or an error (with file and line for
 * a malformed treebank).
 */
AN_API int an_nlp_train(const an_nlp_train_opts *opts, an_err *err);

/**
 * Re-tag, lemmatise and re-parse every sentence of a CoNLL-U file with the
 * engine's models, keeping its words (multi-word token lines are kept,
 * empty nodes dropped) and ignoring its gold columns; append CoNLL-U to
 * `out`.  The engine must be open at AN_LEVEL_PARSE (or AN_LEVEL_TAG for
 * tags and lemmas only).
 */
AN_API int an_nlp_parse_conllu(const an_engine *eng, const char *path,
                               an_buf *out, an_err *err);

/** Scores of a system against a gold treebank (counts of words). */
typedef struct an_nlp_scores {
    uint64_t gold_words, sys_words;  /* syntactic words */
    uint64_t words;                  /* aligned words */
    uint64_t gold_toks, sys_toks, toks;    /* surface tokens matched */
    uint64_t gold_sents, sys_sents, sents; /* sentences matched */
    uint64_t upos, xpos, lemma;      /* aligned words with the right tag */
    uint64_t uas, las;               /* aligned words with the right head
                                        (and universal relation) */
    uint64_t las_full;               /* ... and the full relation */
    uint64_t lemma_verbs, lemma_verbs_ok; /* lemma of VERB/AUX words */
    double seconds;                  /* CPU time of the thread spent tagging
                                        and parsing (and, from raw text,
                                        in the rest of the pipeline) */
} an_nlp_scores;

/** Evaluation modes. */
enum an_nlp_eval_mode {
    AN_NLP_EVAL_GOLD_TOKENS = 0, /* the gold words, re-tagged and parsed */
    AN_NLP_EVAL_RAW_TEXT = 1     /* the text, through annals' tokenizer and
                                    sentence splitter, aligned to the gold
                                    words by character offsets */
};

/**
 * Evaluate the engine's models on a gold CoNLL-U file, CoNLL-2018 style
 * (punctuation counted).  F1 of a measure = 2 * correct / (gold + sys).
 */
AN_API int an_nlp_eval(const an_engine *eng, const char *gold_path, int mode,
                       an_nlp_scores *out, an_err *err);

#ifdef __cplusplus
}
#endif
#endif /* ANNALS_NLP_H */
