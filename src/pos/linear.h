/*
** linear.h - the frozen sparse linear model shared by the tagger and the
** parser: hashed features, each with a short row of (class, weight)
** pairs, looked up in place inside an mmap'd image.
**
** Two image sections hold a model:
**
**   <prefix>slots  nslots (a power of two) x { u32 fingerprint, u32 row }:
**                  the fingerprint is the high 32 bits of the 64-bit
**                  feature hash (0 marks an empty slot, so a real 0 is
**                  stored as 1); `row` is the row's offset in 4-byte units
**   <prefix>rows   rows: u32 header, then either (sparse) count x { u16
**                  class, i16 weight }, or (dense, header bit 31 set)
**                  the int16 weights of all nclass classes, two a word;
**                  the header's low bits hold the count (nclass if dense)
**
** Lookups probe linearly from the low bits of the hash.  Every slot and
** row is checked once when the model is opened (offsets inside the rows
** section, classes below the class count, probe chains that end), so
** scoring needs no checks.  Weights are integers; `scale` converts them
** back to the trained values when a caller needs that.
*/
#ifndef AN_LINEAR_H
#define AN_LINEAR_H

#include "../base/base.h"

typedef struct an_lin {
    const uint32_t *slots; /* nslots x 2 words */
    uint32_t mask;         /* nslots - 1 */
    const uint32_t *rows;  /* the rows section, as words */
    size_t nrows_words;    /* its length in 4-byte words */
    uint32_t nclass;       /* number of classes scored */
    uint32_t nfeat;        /* number of features stored */
} an_lin;

/**
 * Open a model over two sections (which must stay mapped while the model
 * is used) and check it completely.  Returns AN_OK or AN_EFORMAT with a
 * message naming `what` in `err`.
 */
int an_lin_open(an_lin *m, an_span slots, an_span rows, uint32_t nclass,
                const char *what, an_err *err);

/** Mix a value into a feature hash (64-bit, well spread). */
static inline uint64_t an_lin_mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ull;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 31;
    h *= 0x94d049bb133111ebull;
    h ^= h >> 29;
    return h;
}

/** The row of feature `f`, or NULL when the model does not know it. */
static inline const uint32_t *an_lin_row(const an_lin *m, uint64_t f)
{
    uint32_t fp = (uint32_t)(f >> 32);
    fp += fp == 0;
    for (uint32_t i = (uint32_t)f & m->mask;; i = (i + 1) & m->mask) {
        uint32_t s = m->slots[2 * i];
        if (s == fp)
            return m->rows + m->slots[2 * i + 1];
        if (s == 0)
            return NULL;
    }
}

#define AN_LIN_DENSE 0x80000000u

/** Add a dense row of n int16 weights to scores (vectorised; linear.c). */
void an_lin_add_dense(const int16_t *w, uint32_t n, int32_t *scores);

/** Add one row to scores[0..nclass). */
static inline void an_lin_add_row(const an_lin *m, const uint32_t *r,
                                  int32_t *scores)
{
    uint32_t h = r[0];
    if (h & AN_LIN_DENSE) {
        an_lin_add_dense((const int16_t *)(const void *)(r + 1), m->nclass,
                         scores);
        return;
    }
    const uint32_t *e = r + 1;
    for (uint32_t k = 0; k < h; k++) {
        uint32_t v = e[k];
        scores[v & 0xffff] += (int16_t)(uint16_t)(v >> 16);
    }
}

/** Add the weights of feature `f` to scores[0..nclass). */
static inline void an_lin_add(const an_lin *m, uint64_t f, int32_t *scores)
{
    const uint32_t *r = an_lin_row(m, f);
    if (r)
        an_lin_add_row(m, r, scores);
}

/**
 * Score classes: sc[0..nclass) = sum of the rows of f[0..nf) (nf at most
 * 128).  The lookups run in two rounds, each prefetching what the next
 * reads (slots, then rows), so that the cache misses of a whole feature
 * set overlap instead of following one another.
 */
static inline void an_lin_score(const an_lin *m, const uint64_t *f, size_t nf,
                                int32_t *sc)
{
    const uint32_t *rows[128];
    if (nf > 128)
        nf = 128;
    for (size_t k = 0; k < nf; k++)
        __builtin_prefetch(&m->slots[2 * ((uint32_t)f[k] & m->mask)]);
    size_t nr = 0;
    for (size_t k = 0; k < nf; k++) {
        const uint32_t *r = an_lin_row(m, f[k]);
        if (r) {
            __builtin_prefetch(r);
            rows[nr++] = r;
        }
    }
    memset(sc, 0, m->nclass * sizeof *sc);
    for (size_t k = 0; k < nr; k++)
        an_lin_add_row(m, rows[k], sc);
}

#endif /* AN_LINEAR_H */
