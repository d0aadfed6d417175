/*
** train.h - the offline trainers of the tagger, lemmatiser and parser,
** shared between the files of src/train.  an_nlp_train() (train.c) reads
** the treebanks and calls them in turn.
*/
#ifndef AN_TRAIN_H
#define AN_TRAIN_H

#include "../base/base.h"
#include "../conllu/conllu.h"
#include "../base/map.h"
#include "percep.h"

/** Logging and options every trainer takes. */
typedef struct an__tctx {
    const an_nlp_train_opts *o;
    uint64_t seed;
} an__tctx;

/** Print a progress line through the options' log callback. */
void an__tlog(const an__tctx *t, const char *fmt, ...) AN_PRINTF(2, 3);

/** A deterministic pseudo-random generator (xorshift64*). */
static inline uint64_t an__rand(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 0x2545f4914f6cdd1dull;
}

/** Shuffle idx[0..n) with the generator. */
void an__shuffle(uint32_t *idx, size_t n, uint64_t *rng);

/** The joint (UPOS, XPOS) classes of a tagger. */
typedef struct an__tagset {
    uint32_t n;           /* number of classes */
    uint8_t upos[256], xpos[256];
} an__tagset;

/** Collect the tag pairs of a treebank, sorted. */
void an__tagset_build(an__tagset *ts, const an_cu_corpus *c);
/** The class of a (upos, xpos) pair, or ts->n when unknown. */
uint32_t an__tagset_find(const an__tagset *ts, int upos, int xpos);

/**
 * Train a tagger on the sentences sel[0..nsel) of `tr` for `epochs`
 * epochs, left to right (rev 0) or right to left (rev 1).  When `dev` is given, the averaged model is measured on it after
 * each epoch and the best epoch is frozen into slots/rows (else the last).
 * The trained perceptron stays in *p for tagging other sentences.
 */
int an__train_tagger(const an__tctx *t, const an_cu_corpus *tr,
                     const uint32_t *sel, size_t nsel,
                     const an_cu_corpus *dev, int epochs, int rev,
                     const an__tagset *ts, const an_lex *amb, an__pcp *p,
                     an_buf *slots, an_buf *rows, float *scale,
                     double *dev_acc);

/**
 * Build the ambiguity-class table (ANLX, see pos.c) of the sentences
 * sel[0..nsel) of c into `out`.
 */
int an__amb_build(const an_cu_corpus *c, const uint32_t *sel, size_t nsel,
                  an_buf *out);

/**
 * Tag sentence s of corpus c with in-memory perceptrons (averaged
 * weights): p left to right, and pr right to left (may be NULL), their
 * scores summed; writes upos/xpos per word.
 */
int an__tag_with(const an__pcp *p, const an__pcp *pr, const an__tagset *ts,
                 const an_lex *amb, const an_cu_corpus *c, size_t s, uint8_t *upos,
                 uint8_t *xpos);

/** Train and write the tagger image (and jackknifed tags for the parser:
    jk_upos/jk_xpos per training word, when not NULL). */
int an__train_pos(const an__tctx *t, const an_cu_corpus *tr,
                  const an_cu_corpus *dev, const char *path,
                  uint8_t *jk_upos, uint8_t *jk_xpos, an_err *err);

/** Build and write the lemmatiser image. */
int an__train_lemma(const an__tctx *t, const an_cu_corpus *tr,
                    const char *path, an_err *err);

/**
 * Tag the words of `dev` with the tagger image in the output directory
 * (the one just trained), or copy the gold tags when there is none.
 */
int an__dev_tags(const an__tctx *t, const an_cu_corpus *dev, uint8_t *upos,
                 uint8_t *xpos);

/** Train and write the parser image, with the given training tags. */
int an__train_dep(const an__tctx *t, const an_cu_corpus *tr,
                  const uint8_t *upos, const uint8_t *xpos,
                  const an_cu_corpus *dev, const char *path, an_err *err);

/* ---- shared by the parser trainers (train_dep.c, train_dnn.c) ---- */

struct an__dep_state;

/** The label list of a parser. */
typedef struct an__dep_labels {
    uint32_t n, root;
    uint8_t rel[64];             /* label index -> enum an_deprel */
    uint8_t index[AN_DEP_COUNT]; /* enum an_deprel -> label index */
} an__dep_labels;

/** The labels of a treebank (root included), in enum order. */
void an__dep_labels_build(an__dep_labels *L, const an_cu_corpus *c);

/** Lift non-projective arcs of gh[0..n) (root n) until projective. */
size_t an__dep_projectivise(int32_t *gh, size_t n);

/** Per-sentence gold data. */
typedef struct an__dep_gold {
    int32_t *gh;   /* gold head, n for the root */
    uint8_t *gl;   /* gold label index */
} an__dep_gold;

/** Action costs of the dynamic oracle for one configuration. */
typedef struct an__dep_costs {
    int shift, left, right;  /* -1 when invalid */
    int left_lab, right_lab; /* the gold label index when the arc is gold,
                                else -1 (then any label costs the same) */
} an__dep_costs;

/** The dynamic oracle (Goldberg & Nivre 2013) of arc-hybrid. */
void an__dep_oracle(const struct an__dep_state *st, const an__dep_gold *g,
                    an__dep_costs *c);

/** The cost of action a (class index), -1 when invalid. */
int an__dep_cost(const an__dep_costs *c, uint32_t a, uint32_t nlab);

/**
 * The oracle's choice: of the allowed actions of least cost (written to
 * *minc), the one of highest score in sc[0..nc), the first of equal ones;
 * UINT32_MAX when none is allowed.
 */
uint32_t an__dep_best_gold(const struct an__dep_state *st, unsigned v,
                           const an__dep_costs *c, const float *sc,
                           uint32_t nc, uint32_t nlab, uint32_t root,
                           int *minc);

/**
 * Count the words of a parsed sentence (the n words of `words`, parsed
 * into st) whose head is right into *uas, and whose label too into *las.
 */
void an__dep_score_sent(const struct an__dep_state *st, const an_cu_word *words,
                        size_t n, const an__dep_labels *L, uint64_t *uas,
                        uint64_t *las);

/** Train and write the feed-forward parser image (train_dnn.c). */
int an__train_dnn(const an__tctx *t, const an_cu_corpus *tr,
                  const uint8_t *upos, const uint8_t *xpos,
                  const an_cu_corpus *dev, const char *path, an_err *err);

/** Train and write the BiLSTM + biaffine parser image (train_bia.c). */
int an__train_bia(const an__tctx *t, const an_cu_corpus *tr,
                  const uint8_t *upos, const uint8_t *xpos,
                  const an_cu_corpus *dev, const char *path, an_err *err);

/**
 * Check the trainer's gradients on a tiny random network (of one or two
 * LSTM layers) and sentence
 * against central differences (step 1e-3); returns the share of the
 * parameters checked whose relative error exceeds 0.03 (a few, where the
 * step crosses the kink of a leaky ReLU; a wrong gradient fails whole
 * blocks).
 */
double an__bia_gradcheck(uint64_t seed, int two_layers);

#endif /* AN_TRAIN_H */
