/*
** dnn.c - the feed-forward scorer of the parser (see dep_int.h): features,
** the image sections, and scoring with precomputed hidden-layer tables.
**
** The hidden layer is h = relu(b1 + sum over slots k of E_k[f_k] W1_k),
** where W1_k is the block of input rows of slot k.  The product
** E_k[v] W1_k depends only on the slot and the id, so for the tags, the
** labels, the distances and the most frequent words it is computed once
** when the model is opened (Chen & Manning 2014): scoring then adds one
** row per slot, and multiplies only for rarer words.
*/
#include <stdlib.h>

#include "dep_int.h"

/* No fused multiply-adds: the same sums on every machine (gcc does not
   contract under -std=c17). */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

/* Words whose slot products are precomputed, at most. */
#define PRE_WORDS 2000

struct an__dnn {
    an__dnn_dims d;
    float *block;          /* parameters, copied from the image */
    an__dnn_par p;
    an__dnn_vocab voc;
    size_t kw;             /* words with tables: ids below kw */
    float *pre;            /* the tables, slot after slot */
    size_t pre_off[AN_DNN_NF]; /* each slot's table, in floats */
    size_t pre_n[AN_DNN_NF];   /* ids it covers */
};

/* ---- arithmetic ---- */

void an__dnn_axpy(float *restrict y, float a, const float *restrict x,
                  size_t n)
{
    /* Blocks of eight, which the compiler turns into vector operations
       without a scalar tail loop at -O2. */
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        for (size_t k = 0; k < 8; k++)
            y[i + k] += a * x[i + k];
    for (; i < n; i++)
        y[i] += a * x[i];
}

float an__dnn_dot(const float *x, const float *y, size_t n)
{
    float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        for (size_t k = 0; k < 8; k++)
            acc[k] += x[i + k] * y[i + k];
    for (; i < n; i++)
        acc[i & 7] += x[i] * y[i];
    return ((acc[0] + acc[1]) + (acc[2] + acc[3])) +
           ((acc[4] + acc[5]) + (acc[6] + acc[7]));
}

/* ---- layout ---- */

size_t an__dnn_npar(const an__dnn_dims *d)
{
    if (d->nw < AN_DNN_W0 || d->nw > (1u << 24) || d->dw == 0 ||
        d->dw > 1024 || d->dt == 0 || d->dt > 1024 || d->dl == 0 ||
        d->dl > 1024 || d->dd == 0 || d->dd > 1024 || d->hid == 0 ||
        d->hid > 8192 || d->hid % 8 || d->nlab == 0 || d->nlab > 64 ||
        d->ncls != 1 + 2 * d->nlab)
        return 0;
    size_t nin = an__dnn_nin(d);
    return (size_t)d->nw * d->dw + (size_t)AN_DNN_NTAG * d->dt +
           (size_t)(d->nlab + 1) * d->dl + (size_t)AN_DNN_NDVAL * d->dd +
           nin * d->hid + d->hid + (size_t)d->ncls * d->hid + d->ncls;
}

void an__dnn_bind(const an__dnn_dims *d, float *base, an__dnn_par *p)
{
    float *q = base;
    p->ew = q;
    q += (size_t)d->nw * d->dw;
    p->et = q;
    q += (size_t)AN_DNN_NTAG * d->dt;
    p->el = q;
    q += (size_t)(d->nlab + 1) * d->dl;
    p->ed = q;
    q += (size_t)AN_DNN_NDVAL * d->dd;
    p->w1 = q;
    q += an__dnn_nin(d) * d->hid;
    p->b1 = q;
    q += d->hid;
    p->w2 = q;
    q += (size_t)d->ncls * d->hid;
    p->b2 = q;
}

/* ---- features ---- */

/* Bucket of the distance from word a to word b; 8 when either is none. */
static inline uint32_t dist_id(int32_t a, int32_t b)
{
    return a < 0 || b < 0 ? 8 : an__dep_dist(b - a);
}

void an__dnn_feats(const an__dep_state *st, const uint32_t *wid,
                   uint32_t nlab, uint32_t *f)
{
    size_t sp = st->sp, n = st->n;
    int32_t pos[AN_DNN_NPOS];
    const an__dep_node *nd = st->nd;
    pos[0] = sp >= 1 ? st->stack[sp - 1] : -1;
    pos[1] = sp >= 2 ? st->stack[sp - 2] : -1;
    pos[2] = sp >= 3 ? st->stack[sp - 3] : -1;
    pos[3] = st->b <= n ? (int32_t)st->b : -1;
    pos[4] = st->b + 1 <= n ? (int32_t)st->b + 1 : -1;
    pos[5] = st->b + 2 <= n ? (int32_t)st->b + 2 : -1;
    for (int k = 0; k < 2; k++) {
        int32_t s = pos[k];
        int32_t *q = pos + 6 + 4 * k;
        if (s < 0) {
            q[0] = q[1] = q[2] = q[3] = -1;
            pos[14 + 2 * k] = pos[15 + 2 * k] = -1;
            continue;
        }
        q[0] = nd[s].lc1;
        q[1] = nd[s].lc2;
        q[2] = nd[s].rc1;
        q[3] = nd[s].rc2;
        pos[14 + 2 * k] = q[0] >= 0 ? nd[q[0]].lc1 : -1;
        pos[15 + 2 * k] = q[2] >= 0 ? nd[q[2]].rc1 : -1;
    }
    pos[18] = pos[3] >= 0 ? nd[pos[3]].lc1 : -1;
    pos[19] = pos[3] >= 0 ? nd[pos[3]].lc2 : -1;
    for (int k = 0; k < AN_DNN_NPOS; k++) {
        int32_t i = pos[k];
        f[k] = i < 0 ? AN_DNN_NULL : wid[i];
        f[AN_DNN_NPOS + k] = i < 0 ? 255u : st->wd[i].p;
    }
    for (int k = 0; k < AN_DNN_NLABF; k++) {
        int32_t i = pos[6 + k];
        f[2 * AN_DNN_NPOS + k] = i < 0 ? nlab : AN_MIN(nd[i].label, nlab);
    }
    uint32_t *g = f + 2 * AN_DNN_NPOS + AN_DNN_NLABF;
    int32_t s0 = pos[0], s1 = pos[1], b0 = pos[3];
    g[0] = dist_id(s0, b0);
    g[1] = dist_id(s1, s0);
    g[2] = s0 >= 0 ? AN_MIN(nd[s0].nl, 7u) : 8;
    g[3] = s0 >= 0 ? AN_MIN(nd[s0].nr, 7u) : 8;
    g[4] = s1 >= 0 ? AN_MIN(nd[s1].nl, 7u) : 8;
    g[5] = s1 >= 0 ? AN_MIN(nd[s1].nr, 7u) : 8;
    g[6] = b0 >= 0 ? AN_MIN(nd[b0].nl, 7u) : 8;
    g[7] = s0 >= 0 && b0 > s0
               ? (uint32_t)AN_MIN(st->wd[b0].pb - st->wd[s0 + 1].pb, 3)
               : 8;
    g[8] = s1 >= 0 && s0 > s1
               ? (uint32_t)AN_MIN(st->wd[s0].pb - st->wd[s1 + 1].pb, 3)
               : 8;
}

/* ---- vocabulary ---- */

int an__dnn_vocab_init(an__dnn_vocab *v, const uint64_t *keys, size_t n)
{
    size_t cap = 16;
    while (cap < 2 * n + 2)
        cap *= 2;
    v->key = calloc(cap, sizeof *v->key);
    v->id = calloc(cap, sizeof *v->id);
    v->mask = cap - 1;
    if (!v->key || !v->id) {
        an__dnn_vocab_fini(v);
        return AN_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        uint64_t k = keys[i];
        if (k == 0)
            continue;
        size_t j = (size_t)(k ^ (k >> 29)) & v->mask;
        while (v->key[j] && v->key[j] != k)
            j = (j + 1) & v->mask;
        if (v->key[j])
            continue;
        v->key[j] = k;
        v->id[j] = (uint32_t)(AN_DNN_W0 + i);
    }
    return AN_OK;
}

void an__dnn_vocab_fini(an__dnn_vocab *v)
{
    free(v->key);
    free(v->id);
    v->key = NULL;
    v->id = NULL;
}

uint32_t an__dnn_vocab_get(const an__dnn_vocab *v, uint64_t k)
{
    if (k == 0)
        return AN_DNN_UNK;
    size_t j = (size_t)(k ^ (k >> 29)) & v->mask;
    while (v->key[j]) {
        if (v->key[j] == k)
            return v->id[j];
        j = (j + 1) & v->mask;
    }
    return AN_DNN_UNK;
}

/* ---- the model ---- */

void an__dnn_close(an__dnn *m)
{
    if (!m)
        return;
    free(m->block);
    free(m->pre);
    an__dnn_vocab_fini(&m->voc);
    free(m);
}

/* Ids a slot's table covers. */
static size_t slot_ids(const an__dnn *m, size_t k)
{
    if (k < AN_DNN_NPOS)
        return m->kw;
    if (k < 2 * AN_DNN_NPOS)
        return AN_DNN_NTAG;
    if (k < 2 * AN_DNN_NPOS + AN_DNN_NLABF)
        return m->d.nlab + 1;
    return AN_DNN_NDVAL;
}

/* Scoring and precomputing, compiled twice on x86-64 with gcc (AVX2 and
   the baseline), the version chosen when the program starts
   (-DAN_NO_CLONES: the baseline only).  Both compute the same sums in the
   same order (no reductions but the eight partial sums of dot8, no fused
   multiply-adds), so they give the same scores. */
#if defined(__x86_64__) && defined(__has_attribute) && \
    !defined(__clang__) && !defined(AN_NO_CLONES) && \
    !defined(__SANITIZE_THREAD__) /* TSan: the resolver runs before it */
#if __has_attribute(target_clones)
#define CLONES __attribute__((target_clones("avx2", "default")))
#endif
#endif
#ifndef CLONES
#define CLONES
#endif

/* The table of one slot: out[v] = E[v] W1_k for the ids v < nv. */
CLONES
static void slot_table(const an__dnn *m, size_t k, size_t nv,
                       float *restrict out)
{
    size_t H = m->d.hid;
    for (size_t v = 0; v < nv; v++, out += H) {
        size_t dim, row;
        const float *e = an__dnn_slot(&m->d, &m->p, k, (uint32_t)v, &dim, &row);
        for (size_t j = 0; j < dim; j++) {
            const float *restrict w = m->p.w1 + (row + j) * H;
            float a = e[j];
            for (size_t i = 0; i < H; i += 8)
                for (size_t q = 0; q < 8; q++)
                    out[i + q] += a * w[i + q];
        }
    }
}

static int precompute(an__dnn *m)
{
    size_t H = m->d.hid, total = 0;
    m->kw = AN_MIN((size_t)m->d.nw, (size_t)PRE_WORDS);
    for (size_t k = 0; k < AN_DNN_NF; k++) {
        m->pre_off[k] = total;
        m->pre_n[k] = slot_ids(m, k);
        total += m->pre_n[k] * H;
    }
    m->pre = calloc(total ? total : 1, sizeof *m->pre);
    if (!m->pre)
        return AN_ENOMEM;
    for (size_t k = 0; k < AN_DNN_NF; k++)
        slot_table(m, k, m->pre_n[k], m->pre + m->pre_off[k]);
    return AN_OK;
}

/* Copy the params section (np floats) into a new *block, checking each
   value, and build the table of the vocab section's keys. */
int an__dnn_load_params(an_span params, an_span vocab, size_t np, uint32_t nw,
                        float **block, an__dnn_vocab *voc)
{
    *block = malloc(params.n);
    uint64_t *keys = malloc(vocab.n ? vocab.n : 1);
    int rc = *block && keys ? AN_OK : AN_ENOMEM;
    if (rc == AN_OK) {
        memcpy(*block, params.p, params.n);
        memcpy(keys, vocab.p, vocab.n);
        for (size_t i = 0; i < np; i++)
            if (!((*block)[i] > -1e6f && (*block)[i] < 1e6f)) {
                rc = AN_EFORMAT;
                break;
            }
    }
    if (rc == AN_OK)
        rc = an__dnn_vocab_init(voc, keys, nw - AN_DNN_W0);
    free(keys);
    return rc;
}

int an__dnn_open(const an_image *img, uint32_t nlab, an__dnn **out,
                 an_err *err)
{
    *out = NULL;
    an_span meta, vocab, params;
    if (an_image_section(img, "nnmeta", &meta) != AN_OK ||
        an_image_section(img, "vocab", &vocab) != AN_OK ||
        an_image_section(img, "params", &params) != AN_OK)
        return an_err_set(err, AN_EFORMAT, "parser model: missing section");
    an__dnn *m = calloc(1, sizeof *m);
    if (!m)
        return an_err_set(err, AN_ENOMEM, "out of memory");
    static_assert(sizeof(an__dnn_dims) == 64, "nnmeta is 64 bytes");
    if (meta.n != sizeof m->d) {
        an__dnn_close(m);
        return an_err_set(err, AN_EFORMAT, "parser model: bad nnmeta");
    }
    memcpy(&m->d, meta.p, sizeof m->d);
    size_t np = an__dnn_npar(&m->d);
    if (np == 0 || m->d.nlab != nlab || params.n != np * sizeof(float) ||
        vocab.n != (size_t)(m->d.nw - AN_DNN_W0) * sizeof(uint64_t)) {
        an__dnn_close(m);
        return an_err_set(err, AN_EFORMAT, "parser model: bad network shape");
    }
    int rc = an__dnn_load_params(params, vocab, np, m->d.nw, &m->block,
                                 &m->voc);
    if (rc == AN_OK)
        an__dnn_bind(&m->d, m->block, &m->p);
    if (rc == AN_OK)
        rc = precompute(m);
    if (rc != AN_OK) {
        an__dnn_close(m);
        return an_err_set(err, rc, rc == AN_EFORMAT
                                       ? "parser model: bad weights"
                                       : "out of memory");
    }
    *out = m;
    return AN_OK;
}

uint32_t *an__dnn_wids(const an__dnn *m, an_arena *a, const an__dep_word *wd,
                       size_t n)
{
    uint32_t *w = an_arena_array(a, n + 1, sizeof *w);
    if (!w)
        return NULL;
    for (size_t i = 0; i < n; i++)
        w[i] = an__dnn_vocab_get(&m->voc, wd[i].w);
    w[n] = AN_DNN_ROOT;
    return w;
}

static inline float dot8(const float *x, const float *y, size_t n)
{
    float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    for (size_t i = 0; i < n; i += 8)
        for (size_t k = 0; k < 8; k++)
            acc[k] += x[i + k] * y[i + k];
    return ((acc[0] + acc[1]) + (acc[2] + acc[3])) +
           ((acc[4] + acc[5]) + (acc[6] + acc[7]));
}

CLONES
static void score_kinds(const an__dnn *m, const uint32_t *f, unsigned kinds,
                        float *sc)
{
    size_t H = m->d.hid;
    float h[8192];
    memcpy(h, m->p.b1, H * sizeof *h);
    for (size_t k = 0; k < AN_DNN_NF; k++) {
        uint32_t id = f[k];
        if (id < m->pre_n[k]) {
            const float *row = m->pre + m->pre_off[k] + (size_t)id * H;
            for (size_t j = 0; j < H; j += 8)
                for (size_t q = 0; q < 8; q++)
                    h[j + q] += row[j + q];
            continue;
        }
        size_t dim, row;
        const float *e = an__dnn_slot(&m->d, &m->p, k, id, &dim, &row);
        for (size_t i = 0; i < dim; i++) {
            const float *w = m->p.w1 + (row + i) * H;
            float a = e[i];
            for (size_t j = 0; j < H; j += 8)
                for (size_t q = 0; q < 8; q++)
                    h[j + q] += a * w[j + q];
        }
    }
    for (size_t j = 0; j < H; j++)
        h[j] = h[j] > 0 ? h[j] : 0;
    uint32_t L = m->d.nlab;
    size_t lo[3] = {0, 1, 1 + (size_t)L}, hi[3] = {1, 1 + (size_t)L,
                                                    1 + 2 * (size_t)L};
    for (int kind = 0; kind < 3; kind++) {
        if (!(kinds & (1u << kind)))
            continue;
        for (size_t c = lo[kind]; c < hi[kind]; c++)
            sc[c] = m->p.b2[c] + dot8(m->p.w2 + c * H, h, H);
    }
}

void an__dnn_score(const an__dnn *m, const an__dep_state *st,
                   const uint32_t *wid, unsigned kinds, float *sc)
{
    uint32_t f[AN_DNN_NF];
    an__dnn_feats(st, wid, m->d.nlab, f);
    score_kinds(m, f, kinds, sc);
}
