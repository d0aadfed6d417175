/*
** percep.h - the averaged perceptron used to train the tagger and the
** parser, and its freezing into the sparse model of src/pos/linear.h.
**
** Features are 64-bit hashes; each feature owns a dense row of weights
** over the classes, allocated the first time an update touches it.
** Averaging uses the "w - u/c" form: every update of w by d at step c also
** adds c*d to u, so the average over all steps is w - u/c without
** per-weight timestamps.  Training is single-threaded and deterministic.
*/
#ifndef AN_PERCEP_H
#define AN_PERCEP_H

#include "../base/base.h"

typedef struct an__pcp {
    uint32_t nclass;   /* classes per row */
    uint64_t *keys;    /* open-addressing table of feature hashes (0: empty) */
    uint32_t *idx;     /* row index per table slot */
    size_t cap, n;     /* table capacity (power of two), features stored */
    float *w, *u;      /* rows x nclass: weights and averaging sums */
    uint32_t *hits;    /* per row: how many updates touched it */
    size_t caprows;    /* rows allocated */
    double c;          /* step counter, >= 1 */
} an__pcp;

/** Initialise an empty model over `nclass` classes. */
int an__pcp_init(an__pcp *p, uint32_t nclass);
/** Free everything; a zeroed model is accepted. */
void an__pcp_fini(an__pcp *p);

/**
 * Add the weights of features f[0..nf) to scores[0..nclass) (which the
 * caller zeroes).  `avg` scores with the averaged weights.
 */
void an__pcp_score(const an__pcp *p, const uint64_t *f, size_t nf,
                   float *scores, int avg);

/**
 * Update: add `d` to the weights of class `cls` for every feature of f.
 * Returns AN_OK or AN_ENOMEM.
 */
int an__pcp_update(an__pcp *p, const uint64_t *f, size_t nf, uint32_t cls,
                   float d);

/** Advance the step counter (once per training example). */
static inline void an__pcp_tick(an__pcp *p) { p->c += 1.0; }

/**
 * Freeze the averaged weights into the two sections of an an_lin model:
 * weights are scaled to int16 (the largest magnitude maps to 32000) and
 * entries whose magnitude is below `prune` (at least 1) are dropped, as
 * are features updated fewer than `min_hits` times and features left with
 * no entry.  Appends to `slots` and `rows`; *nfeat
 * gets the feature count and *scale (may be NULL) the factor the weights
 * were multiplied by.
 */
int an__pcp_freeze(const an__pcp *p, int prune, uint32_t min_hits,
                   an_buf *slots, an_buf *rows, size_t *nfeat, float *scale);

#endif /* AN_PERCEP_H */
