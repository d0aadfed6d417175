/*
** percep.c - averaged perceptron training and freezing (see percep.h).
*/
#include <math.h>
#include <stdlib.h>

#include "../pos/linear.h"
#include "percep.h"

int an__pcp_init(an__pcp *p, uint32_t nclass)
{
    memset(p, 0, sizeof *p);
    p->nclass = nclass;
    p->c = 1.0;
    p->cap = 1 << 16;
    p->keys = calloc(p->cap, sizeof *p->keys);
    p->idx = calloc(p->cap, sizeof *p->idx);
    if (!p->keys || !p->idx) {
        an__pcp_fini(p);
        return AN_ENOMEM;
    }
    return AN_OK;
}

void an__pcp_fini(an__pcp *p)
{
    free(p->keys);
    free(p->idx);
    free(p->w);
    free(p->u);
    free(p->hits);
    memset(p, 0, sizeof *p);
}

static inline uint64_t fix_key(uint64_t f) { return f ? f : 1; }

/* Slot of feature f: its own, or the empty one where it would go. */
static inline size_t find(const an__pcp *p, uint64_t f)
{
    size_t mask = p->cap - 1;
    size_t i = (size_t)(f ^ (f >> 29)) & mask;
    while (p->keys[i] && p->keys[i] != f)
        i = (i + 1) & mask;
    return i;
}

static int grow(an__pcp *p)
{
    size_t ncap = p->cap * 2;
    uint64_t *nk = calloc(ncap, sizeof *nk);
    uint32_t *ni = calloc(ncap, sizeof *ni);
    if (!nk || !ni) {
        free(nk);
        free(ni);
        return AN_ENOMEM;
    }
    an__pcp old = *p;
    p->keys = nk;
    p->idx = ni;
    p->cap = ncap;
    for (size_t i = 0; i < old.cap; i++) {
        if (!old.keys[i])
            continue;
        size_t j = find(p, old.keys[i]);
        p->keys[j] = old.keys[i];
        p->idx[j] = old.idx[i];
    }
    free(old.keys);
    free(old.idx);
    return AN_OK;
}

void an__pcp_score(const an__pcp *p, const uint64_t *f, size_t nf,
                   float *scores, int avg)
{
    uint32_t nc = p->nclass;
    float ic = (float)(1.0 / p->c);
    for (size_t k = 0; k < nf; k++) {
        size_t i = find(p, fix_key(f[k]));
        if (!p->keys[i])
            continue;
        const float *w = p->w + (size_t)p->idx[i] * nc;
        if (avg) {
            const float *u = p->u + (size_t)p->idx[i] * nc;
            for (uint32_t c = 0; c < nc; c++)
                scores[c] += w[c] - u[c] * ic;
        } else {
            for (uint32_t c = 0; c < nc; c++)
                scores[c] += w[c];
        }
    }
}

/* The row of feature f, created when absent; NULL when out of memory. */
static float *row_of(an__pcp *p, uint64_t f, size_t *row)
{
    f = fix_key(f);
    size_t i = find(p, f);
    if (!p->keys[i]) {
        if ((p->n + 1) * 10 > p->cap * 7) {
            if (grow(p) != AN_OK)
                return NULL;
            i = find(p, f);
        }
        if (p->n == p->caprows) {
            size_t nr = p->caprows ? p->caprows * 2 : 1 << 14;
            float *nw = realloc(p->w, nr * p->nclass * sizeof *nw);
            if (!nw)
                return NULL;
            p->w = nw;
            float *nu = realloc(p->u, nr * p->nclass * sizeof *nu);
            if (!nu)
                return NULL;
            p->u = nu;
            uint32_t *nh = realloc(p->hits, nr * sizeof *nh);
            if (!nh)
                return NULL;
            p->hits = nh;
            p->caprows = nr;
        }
        p->keys[i] = f;
        p->idx[i] = (uint32_t)p->n;
        memset(p->w + p->n * p->nclass, 0, p->nclass * sizeof(float));
        memset(p->u + p->n * p->nclass, 0, p->nclass * sizeof(float));
        p->hits[p->n] = 0;
        p->n++;
    }
    *row = p->idx[i];
    return p->w + (size_t)p->idx[i] * p->nclass;
}

int an__pcp_update(an__pcp *p, const uint64_t *f, size_t nf, uint32_t cls,
                   float d)
{
    if (cls >= p->nclass)
        return AN_EINVAL;
    for (size_t k = 0; k < nf; k++) {
        size_t r;
        float *w = row_of(p, f[k], &r);
        if (!w)
            return AN_ENOMEM;
        w[cls] += d;
        p->u[r * p->nclass + cls] += (float)(p->c * d);
        if (p->hits[r] < UINT32_MAX)
            p->hits[r]++;
    }
    return AN_OK;
}

int an__pcp_freeze(const an__pcp *p, int prune, uint32_t min_hits,
                   an_buf *slots, an_buf *rows, size_t *nfeat, float *scale_out)
{
    long minq = prune > 1 ? prune : 1;
    uint32_t nc = p->nclass;
    float ic = (float)(1.0 / p->c);
    float mx = 0;
    for (size_t r = 0; r < p->n; r++)
        for (uint32_t c = 0; c < nc; c++) {
            float a = fabsf(p->w[r * nc + c] - p->u[r * nc + c] * ic);
            if (a > mx)
                mx = a;
        }
    float scale = mx > 0 ? 32000.0f / mx : 1.0f;
    if (scale_out)
        *scale_out = scale;
    /* Rows first, remembering each kept feature's offset. */
    uint64_t *kf = malloc((p->n + 1) * sizeof *kf);
    uint32_t *ko = malloc((p->n + 1) * sizeof *ko);
    uint32_t *tmp = malloc((nc + 1) * sizeof *tmp);
    uint32_t *dn = malloc(((nc + 1) / 2 + 1) * sizeof *dn);
    if (!kf || !ko || !tmp || !dn) {
        free(kf);
        free(ko);
        free(tmp);
        free(dn);
        return AN_ENOMEM;
    }
    size_t nk = 0;
    size_t base = rows->n / 4;
    for (size_t i = 0; i < p->cap; i++) {
        if (!p->keys[i])
            continue;
        size_t r = p->idx[i];
        uint32_t cnt = 0;
        if (p->hits[r] < min_hits)
            continue;
        for (uint32_t c = 0; c < nc; c++) {
            float a = (p->w[r * nc + c] - p->u[r * nc + c] * ic) * scale;
            long q = lrintf(a);
            if (q < minq && q > -minq)
                continue;
            if (q > 32767)
                q = 32767;
            if (q < -32767)
                q = -32767;
            tmp[1 + cnt++] = c | ((uint32_t)(uint16_t)(int16_t)q << 16);
        }
        if (!cnt)
            continue;
        kf[nk] = p->keys[i];
        ko[nk] = (uint32_t)(base + (rows->n / 4 - base));
        nk++;
        if (cnt * 3 > nc) {
            /* Dense: faster to add when most classes have a weight. */
            uint32_t words = (nc + 1) / 2;
            int16_t *d = (int16_t *)(void *)(dn + 1);
            memset(d, 0, words * 4);
            for (uint32_t k = 0; k < cnt; k++)
                d[tmp[1 + k] & 0xffff] = (int16_t)(uint16_t)(tmp[1 + k] >> 16);
            dn[0] = AN_LIN_DENSE | nc;
            an_buf_add(rows, dn, (words + 1) * sizeof *dn);
            continue;
        }
        tmp[0] = cnt;
        an_buf_add(rows, tmp, (cnt + 1) * sizeof *tmp);
    }
    /* The slot table, at most 2/3 full. */
    size_t ns = 16;
    while (ns * 2 < nk * 3)
        ns *= 2;
    uint32_t *tab = calloc(ns * 2, sizeof *tab);
    if (!tab) {
        free(kf);
        free(ko);
        free(tmp);
        free(dn);
        return AN_ENOMEM;
    }
    for (size_t k = 0; k < nk; k++) {
        uint64_t f = kf[k];
        uint32_t fp = (uint32_t)(f >> 32);
        fp += fp == 0;
        size_t j = (uint32_t)f & (ns - 1);
        while (tab[2 * j])
            j = (j + 1) & (ns - 1);
        tab[2 * j] = fp;
        tab[2 * j + 1] = ko[k] - (uint32_t)base;
    }
    an_buf_add(slots, tab, ns * 2 * sizeof *tab);
    free(tab);
    free(kf);
    free(ko);
    free(tmp);
    free(dn);
    *nfeat = nk;
    return rows->oom || slots->oom ? AN_ENOMEM : AN_OK;
}
