/*
** train_nn.h - pieces shared by the neural parser trainers (train_nn.c;
** used by train_dnn.c and train_bia.c).
*/
#ifndef AN_TRAIN_NN_H
#define AN_TRAIN_NN_H

#include "../dep/dep_int.h"
#include "train.h"

/** The word hashes and tags of sentence s of c, in arena a (NULL when
    out of memory). */
an__dep_word *an__nn_sent_words(an_arena *a, const an_cu_corpus *c, size_t s,
                                const uint8_t *up, const uint8_t *xp);

/** A trainer's word vocabulary (all members heap, freed by
    an__nn_vocab_fini). */
typedef struct an__nn_vocab {
    uint64_t *keys;      /* nk word hashes, of ids AN_DNN_W0.. */
    size_t nk;
    uint32_t *count;     /* training count of each word id */
    an__dnn_vocab voc;   /* key -> id */
    uint64_t *vkeys;     /* the vectors file: nvec hashes */
    float *vvec;         /* and nvec x dw values */
    size_t nvec;
} an__nn_vocab;

/**
 * Build the vocabulary of the training words of c (tags up, xp) seen at
 * least twice, most frequent first, then the other words of the vectors
 * file (when `vectors` is not NULL, of width dw) in its order.  out must
 * be zeroed; on failure what it holds is still freed by an__nn_vocab_fini.
 */
int an__nn_build_vocab(const an_cu_corpus *c, const uint8_t *up,
                       const uint8_t *xp, const char *vectors, size_t dw,
                       an__nn_vocab *out, an_err *err);
/** Free everything of v (a zeroed v too). */
void an__nn_vocab_fini(an__nn_vocab *v);
/** Free the vectors of v only (once an__nn_set_vectors has used them). */
void an__nn_free_vectors(an__nn_vocab *v);
/** Set the rows of ew (word table, dw floats a row) of the words with
    vectors to them, scaled to a standard deviation of 0.1. */
void an__nn_set_vectors(const an__nn_vocab *v, float *ew, size_t dw);

/**
 * Read a vectors file of tools/vectors.c (WORD TAB V1 SPACE V2 ..., dim
 * values): keys[i] the hash of word i, vec[i * dim ..] its values.
 */
int an__read_vectors(const char *path, size_t dim, uint64_t **keys_out,
                     float **vec_out, size_t *n_out, an_err *err);

/** Adam's constants. */
typedef struct an__nn_adam {
    float beta1, beta2, eps;
} an__nn_adam;

/** The parameters Adam updates: npar floats each, the word table (nwpar
    floats, rows of dw) first; only its touched rows (tlist[0..*ntl),
    flagged in touched) are updated. */
typedef struct an__nn_state {
    float *par, *grad, *m1, *m2;
    size_t npar, nwpar, dw;
    uint8_t *touched;
    uint32_t *tlist;
    size_t *ntl;
} an__nn_state;

/** One Adam step of rate lr over the gradients times scale: the dense
    parameters, then the touched word rows; zeroes the gradients used,
    the touched flags and *s->ntl. */
void an__nn_adam_step(const an__nn_adam *o, an__nn_state *s, float lr,
                      float scale);

/** ema = keep ema + (1 - keep) par over n floats. */
void an__nn_ema_update(float *ema, const float *par, size_t n, float keep);
/** avg = ema / (1 - keep^nema), or par itself when nema is 0. */
void an__nn_ema_average(float *avg, const float *ema, const float *par,
                        size_t n, uint64_t nema, float keep);

/**
 * Tag dev (when it has words) into *dup, *dxp (heap, dev->nword bytes)
 * and set *order (heap) to 0..tc->nsent-1.  The caller frees all three,
 * on failure too.
 */
int an__nn_prepare(const an__tctx *t, const an_cu_corpus *tc,
                   const an_cu_corpus *dev, uint8_t **dup, uint8_t **dxp,
                   uint32_t **order);

/** Write a parser image of the given version: meta, labels, the network
    shape (section dims_name), the nkeys vocabulary keys and the npar
    parameters. */
int an__nn_write_image(uint32_t version, const char *dims_name,
                       const void *dims, size_t dims_size,
                       const an__dep_labels *L, const uint64_t *keys,
                       size_t nkeys, const float *par, size_t npar,
                       const char *path, an_err *err);

#endif /* AN_TRAIN_NN_H */
