/*
** linear.c - opening and checking a frozen sparse linear model.
**
** The check walks every occupied slot once: its row must lie inside the
** rows section and name only known classes, and at least one slot must
** be empty so that every probe chain ends.  After that, lookups and
** scoring (linear.h) run without bounds checks.
*/
#include "linear.h"

int an_lin_open(an_lin *m, an_span slots, an_span rows, uint32_t nclass,
                const char *what, an_err *err)
{
    memset(m, 0, sizeof *m);
    if (slots.n < 8 || (slots.n & 7) || ((uintptr_t)slots.p & 3) ||
        (rows.n & 3) || ((uintptr_t)rows.p & 3))
        return an_err_set(err, AN_EFORMAT, "%s: bad feature table sizes", what);
    size_t nslots = slots.n / 8;
    if (nslots & (nslots - 1) || nslots > ((size_t)1 << 31))
        return an_err_set(err, AN_EFORMAT,
                          "%s: feature table size is not a power of two", what);
    if (nclass == 0 || nclass > 65535)
        return an_err_set(err, AN_EFORMAT, "%s: bad class count %u", what,
                          nclass);
    const uint32_t *s = (const uint32_t *)(const void *)slots.p;
    const uint32_t *r = (const uint32_t *)(const void *)rows.p;
    size_t nw = rows.n / 4;
    size_t empty = 0, nfeat = 0;
    for (size_t i = 0; i < nslots; i++) {
        if (s[2 * i] == 0) {
            empty++;
            continue;
        }
        uint32_t off = s[2 * i + 1];
        if (off >= nw)
            return an_err_set(err, AN_EFORMAT,
                              "%s: feature row out of bounds (slot %zu)", what,
                              i);
        uint32_t h = r[off];
        if (h & AN_LIN_DENSE) {
            if ((h & ~AN_LIN_DENSE) != nclass ||
                (nclass + 1) / 2 > nw - off - 1)
                return an_err_set(err, AN_EFORMAT,
                                  "%s: bad dense feature row (slot %zu)", what,
                                  i);
            nfeat++;
            continue;
        }
        if (h > nw - off - 1)
            return an_err_set(err, AN_EFORMAT,
                              "%s: feature row out of bounds (slot %zu)", what,
                              i);
        uint32_t n = h;
        for (uint32_t k = 0; k < n; k++)
            if ((r[off + 1 + k] & 0xffff) >= nclass)
                return an_err_set(err, AN_EFORMAT,
                                  "%s: feature row names class %u of %u", what,
                                  r[off + 1 + k] & 0xffff, nclass);
        nfeat++;
    }
    if (!empty)
        return an_err_set(err, AN_EFORMAT, "%s: feature table is full", what);
    m->slots = s;
    m->mask = (uint32_t)(nslots - 1);
    m->rows = r;
    m->nrows_words = nw;
    m->nclass = nclass;
    m->nfeat = (uint32_t)nfeat;
    return AN_OK;
}

typedef int16_t v8h __attribute__((vector_size(16)));
typedef int32_t v8i __attribute__((vector_size(32)));

/* Built twice, for AVX2 and for any x86-64, and chosen when the program
   starts (not under sanitizers): the widening adds of dense rows are where
   scoring spends its time. */
#if defined(__x86_64__) && defined(__GNUC__) && \
    !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
#if defined(__has_feature)
#if !__has_feature(address_sanitizer) && !__has_feature(thread_sanitizer)
#define CLONES __attribute__((target_clones("avx2", "default")))
#endif
#else
#define CLONES __attribute__((target_clones("avx2", "default")))
#endif
#endif
#ifndef CLONES
#define CLONES
#endif

CLONES static void add_dense(const int16_t *w, uint32_t n, int32_t *scores)
{
    uint32_t c = 0;
    for (; c + 8 <= n; c += 8) {
        v8h h;
        v8i s;
        memcpy(&h, w + c, sizeof h);
        memcpy(&s, scores + c, sizeof s);
        s += __builtin_convertvector(h, v8i);
        memcpy(scores + c, &s, sizeof s);
    }
    for (; c < n; c++)
        scores[c] += w[c];
}

void an_lin_add_dense(const int16_t *w, uint32_t n, int32_t *scores)
{
    add_dense(w, n, scores);
}
