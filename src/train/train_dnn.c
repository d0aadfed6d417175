/*
** train_dnn.c - training the feed-forward neural parser (dep_int.h,
** src/dep/dnn.c).
**
** The same arc-hybrid system and dynamic oracle as the perceptron parser
** (train_dep.c).  Each sentence is parsed greedily by the current network;
** every configuration with a choice becomes an example whose target is the
** best-scoring action of least cost, and from the second epoch on the
** parser follows its own wrong prediction with some probability, so it
** learns to recover from its mistakes.  Examples are gathered in
** minibatches; the loss is the cross-entropy of the softmax over the
** allowed actions, with dropout on the hidden units and word dropout
** (a word of count c is replaced by the unknown word with probability
** 0.25 / (0.25 + c)); parameters are updated by Adam, the embeddings of
** words only in the rows a batch touched.  One thread, fixed seeds and
** orders, loops without reductions but an__dnn_dot's fixed eight partial
** sums: the same inputs give the same bytes.  The parser is measured on
** dev, and written, with an exponential moving average of the parameters
** (updated every EMA_EVERY batches), which scores better than the last
** parameters.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/image.h"
#include "../dep/dep_int.h"
#include "train.h"

/* No fused multiply-adds: the same sums on every machine (gcc does not
   contract under -std=c17). */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

#define BATCH 32
#define MIN_COUNT 2
#define WORD_DROP 0.25
#ifndef HID_DROP
#define HID_DROP 0.2f
#endif
#ifndef SLOT_DROP
#define SLOT_DROP 0.15
#endif
#define EXPLORE 0.5
#define LR 0.001f
#define BETA1 0.9f
#define BETA2 0.999f
#define EPS 1e-8f
#ifndef LR_DECAY
#define LR_DECAY 1.0f  /* the rate's factor per epoch after the second */
#endif
#define EMA_EVERY 4
#define EMA_KEEP 0.995f

typedef struct nnt {
    const an__tctx *t;
    an__dnn_dims d;
    an__dep_labels L;
    size_t npar, nin, H, C;
    float *par, *grad, *m1, *m2, *best;
    float *ema;            /* exponential moving average of par, from 0 */
    float *avg;            /* ema with its bias corrected */
    uint64_t nema;         /* updates of ema */
    an__dnn_par P, G, E;
    const an__dnn_par *use; /* the parameters parsing uses */
    an__dnn_vocab voc;
    uint32_t *count;       /* training count of each word id */
    uint64_t rng;
    size_t bn;             /* examples in the batch */
    uint32_t *bf;          /* BATCH x AN_DNN_NF feature ids */
    uint32_t *btgt;        /* target actions */
    uint8_t *bok;          /* BATCH x C: allowed actions */
    float *bh;             /* BATCH x H: hidden pre-activations */
    uint8_t *touched;      /* word rows with gradients */
    uint32_t *tlist;
    size_t ntl;
    uint64_t step;
    float lr_scale;        /* LR_DECAY to the power of the epochs past 2 */
    float *ga, *gh, *ad, *sc; /* scratch */
    double loss;
    uint64_t nex;
} nnt;

static float urand(uint64_t *rng, float r)
{
    double u = (double)(an__rand(rng) >> 11) / 9007199254740992.0;
    return (float)((2 * u - 1) * r);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

typedef struct kc {
    uint64_t key;
    uint32_t count;
} kc;

static int cmp_kc(const void *a, const void *b)
{
    const kc *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return x->key < y->key ? -1 : x->key > y->key;
}

/* The word hashes of a sentence (tags unused by the hashes). */
static an__dep_word *sent_words(an_arena *a, const an_cu_corpus *c, size_t s,
                                const uint8_t *up, const uint8_t *xp)
{
    const an_cu_sent *se = &c->sents[s];
    size_t n = se->nword;
    an_span *forms = an_arena_array(a, n + 1, sizeof *forms);
    if (!forms)
        return NULL;
    for (size_t i = 0; i < n; i++)
        forms[i] = c->words[se->word + i].form;
    return an__dep_words(a, forms, up + se->word, xp + se->word, n);
}

/* Read a vectors file (tools/vectors.c: WORD TAB V1 SPACE V2 ...) of
   width dim: keys[i] the hash of word i, vec[i * dim ..] its values. */
int an__read_vectors(const char *path, size_t dim, uint64_t **keys_out,
                     float **vec_out, size_t *n_out, an_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return an_err_set(err, AN_EIO, "%s: cannot open", path);
    size_t cap = 1024, n = 0, line = 0;
    uint64_t *keys = malloc(cap * sizeof *keys);
    float *vec = malloc(cap * dim * sizeof *vec);
    char buf[65536];
    int rc = keys && vec ? AN_OK : AN_ENOMEM;
    while (rc == AN_OK && fgets(buf, sizeof buf, f)) {
        line++;
        size_t len = strlen(buf);
        if (len && buf[len - 1] == '\n')
            buf[--len] = 0;
        if (len == 0)
            continue;
        char *tab = strchr(buf, '\t');
        if (!tab || tab == buf) {
            rc = an_err_set(err, AN_EFORMAT, "%s:%zu: no word and tab", path,
                            line);
            break;
        }
        if (n == cap) {
            cap *= 2;
            uint64_t *k2 = realloc(keys, cap * sizeof *keys);
            if (k2)
                keys = k2;
            float *v2 = realloc(vec, cap * dim * sizeof *vec);
            if (v2)
                vec = v2;
            if (!k2 || !v2) {
                rc = an_err_set(err, AN_ENOMEM, "out of memory");
                break;
            }
        }
        keys[n] = an_hash(buf, (size_t)(tab - buf));
        char *q = tab + 1;
        for (size_t j = 0; j < dim && rc == AN_OK; j++) {
            char *e;
            double v = strtod(q, &e);
            if (e == q || !(v > -1e6 && v < 1e6))
                rc = an_err_set(err, AN_EFORMAT,
                                "%s:%zu: expected %zu numbers", path, line,
                                dim);
            vec[n * dim + j] = (float)v;
            q = e;
        }
        while (rc == AN_OK && (*q == ' ' || *q == '\r'))
            q++;
        if (rc == AN_OK && *q)
            rc = an_err_set(err, AN_EFORMAT, "%s:%zu: more than %zu numbers",
                            path, line, dim);
        n++;
    }
    fclose(f);
    if (rc != AN_OK) {
        free(keys);
        free(vec);
        return rc;
    }
    *keys_out = keys;
    *vec_out = vec;
    *n_out = n;
    return AN_OK;
}

static int cmp_kc_key(const void *a, const void *b)
{
    const kc *x = a, *y = b;
    return x->key < y->key ? -1 : x->key > y->key;
}

/* The vocabulary: words seen MIN_COUNT times, most frequent first, then
   the words of the vectors file (when given) in its order.  The rows of
   the words with vectors are set to them, scaled to a standard deviation
   of 0.1 (after init_params). */
static int build_vocab(nnt *T, const an_cu_corpus *c, const uint8_t *up,
                       const uint8_t *xp, uint64_t **keys_out, size_t *nk,
                       uint64_t **vkeys, float **vvec, size_t *nvec,
                       an_err *err)
{
    uint64_t *all = malloc((c->nword + 1) * sizeof *all);
    if (!all)
        return AN_ENOMEM;
    size_t na = 0;
    for (size_t s = 0; s < c->nsent; s++) {
        an_arena a;
        an_arena_init(&a);
        an__dep_word *wd = sent_words(&a, c, s, up, xp);
        if (!wd) {
            an_arena_fini(&a);
            free(all);
            return AN_ENOMEM;
        }
        for (size_t i = 0; i < c->sents[s].nword; i++)
            if (wd[i].w)
                all[na++] = wd[i].w;
        an_arena_fini(&a);
    }
    qsort(all, na, sizeof *all, cmp_u64);
    kc *v = malloc((na + 1) * sizeof *v);
    if (!v) {
        free(all);
        return AN_ENOMEM;
    }
    size_t nv = 0; /* all words, by key */
    for (size_t i = 0; i < na;) {
        size_t j = i;
        while (j < na && all[j] == all[i])
            j++;
        v[nv++] = (kc){all[i], (uint32_t)(j - i)};
        i = j;
    }
    free(all);
    kc *freq = malloc((nv + 1) * sizeof *freq);
    size_t nf = 0;
    for (size_t i = 0; freq && i < nv; i++)
        if (v[i].count >= MIN_COUNT)
            freq[nf++] = v[i];
    if (freq)
        qsort(freq, nf, sizeof *freq, cmp_kc);
    const char *vp = T->t->o->nn_vectors;
    int rc = freq ? AN_OK : AN_ENOMEM;
    *nvec = 0;
    if (rc == AN_OK && vp)
        rc = an__read_vectors(vp, T->d.dw, vkeys, vvec, nvec, err);
    size_t cap = nf + *nvec;
    uint64_t *keys = malloc((cap + 1) * sizeof *keys);
    T->count = calloc(cap + AN_DNN_W0, sizeof *T->count);
    if (rc == AN_OK && (!keys || !T->count))
        rc = AN_ENOMEM;
    size_t nk_ = 0;
    if (rc == AN_OK) {
        for (size_t i = 0; i < nf; i++) {
            keys[nk_] = freq[i].key;
            T->count[AN_DNN_W0 + nk_++] = freq[i].count;
        }
        an__dnn_vocab tmp;
        rc = an__dnn_vocab_init(&tmp, keys, nk_);
        for (size_t i = 0; rc == AN_OK && i < *nvec; i++) {
            uint64_t k = (*vkeys)[i];
            if (an__dnn_vocab_get(&tmp, k) != AN_DNN_UNK || k == 0)
                continue;
            kc probe = {k, 0};
            const kc *hit = bsearch(&probe, v, nv, sizeof *v, cmp_kc_key);
            keys[nk_] = k;
            T->count[AN_DNN_W0 + nk_++] = hit ? hit->count : 0;
        }
        if (rc == AN_OK)
            an__dnn_vocab_fini(&tmp);
    }
    free(v);
    free(freq);
    if (rc != AN_OK) {
        free(keys);
        return rc;
    }
    *keys_out = keys;
    *nk = nk_;
    return an__dnn_vocab_init(&T->voc, keys, nk_);
}

/* Set the rows of the words with vectors. */
static void load_vectors(nnt *T, const uint64_t *vkeys, const float *vvec,
                         size_t nvec)
{
    size_t dw = T->d.dw;
    double ss = 0;
    for (size_t i = 0; i < nvec * dw; i++)
        ss += (double)vvec[i] * vvec[i];
    double sd = nvec ? sqrt(ss / (double)(nvec * dw)) : 0;
    if (sd <= 0)
        return;
    float scale = (float)(0.1 / sd);
    for (size_t i = 0; i < nvec; i++) {
        uint32_t id = an__dnn_vocab_get(&T->voc, vkeys[i]);
        if (id < AN_DNN_W0)
            continue;
        for (size_t j = 0; j < dw; j++)
            T->P.ew[(size_t)id * dw + j] = scale * vvec[i * dw + j];
    }
}

/* Scores of every action, and the hidden pre-activations h, with the
   parameters T->use. */
static void forward(const nnt *T, const uint32_t *f, float *h, float *a,
                    float *sc)
{
    size_t H = T->H;
    const an__dnn_par *P = T->use;
    memcpy(h, P->b1, H * sizeof *h);
    for (size_t k = 0; k < AN_DNN_NF; k++) {
        size_t dim, row;
        const float *e = an__dnn_slot(&T->d, P, k, f[k], &dim, &row);
        for (size_t j = 0; j < dim; j++)
            an__dnn_axpy(h, e[j], P->w1 + (row + j) * H, H);
    }
    for (size_t j = 0; j < H; j++)
        a[j] = h[j] > 0 ? h[j] : 0;
    for (size_t c = 0; c < T->C; c++)
        sc[c] = P->b2[c] + an__dnn_dot(P->w2 + c * H, a, H);
}

static void adam(float *w, float *g, float *m, float *v, size_t n, float lr,
                 float scale)
{
    for (size_t i = 0; i < n; i++) {
        float gi = g[i] * scale;
        g[i] = 0;
        m[i] = BETA1 * m[i] + (1 - BETA1) * gi;
        v[i] = BETA2 * v[i] + (1 - BETA2) * gi * gi;
        w[i] -= lr * m[i] / (sqrtf(v[i]) + EPS);
    }
}

/* Back-propagate the batch and update the parameters. */
static void train_batch(nnt *T)
{
    size_t H = T->H, C = T->C;
    for (size_t b = 0; b < T->bn; b++) {
        const uint32_t *f = T->bf + b * AN_DNN_NF;
        const float *h = T->bh + b * H;
        const uint8_t *ok = T->bok + b * C;
        /* Dropout on the hidden units; the mask folded into gh below. */
        for (size_t j = 0; j < H; j++) {
            float keep = (float)(an__rand(&T->rng) >> 40) / 16777216.0f >=
                                 HID_DROP
                             ? 1.0f / (1 - HID_DROP)
                             : 0.0f;
            T->gh[j] = h[j] > 0 ? keep : 0; /* d a_dropped / d h */
            T->ad[j] = h[j] > 0 ? h[j] * keep : 0;
        }
        float mx = -INFINITY;
        for (size_t c = 0; c < C; c++)
            if (ok[c]) {
                T->sc[c] = T->P.b2[c] + an__dnn_dot(T->P.w2 + c * H, T->ad, H);
                if (T->sc[c] > mx)
                    mx = T->sc[c];
            }
        double z = 0;
        for (size_t c = 0; c < C; c++)
            if (ok[c]) {
                T->sc[c] = expf(T->sc[c] - mx);
                z += T->sc[c];
            }
        uint32_t tgt = T->btgt[b];
        T->loss -= log((double)T->sc[tgt] / z);
        T->nex++;
        memset(T->ga, 0, H * sizeof *T->ga);
        for (size_t c = 0; c < C; c++) {
            if (!ok[c])
                continue;
            float g = (float)((double)T->sc[c] / z) - (c == tgt ? 1.0f : 0.0f);
            T->G.b2[c] += g;
            an__dnn_axpy(T->G.w2 + c * H, g, T->ad, H);
            an__dnn_axpy(T->ga, g, T->P.w2 + c * H, H);
        }
        for (size_t j = 0; j < H; j++)
            T->gh[j] *= T->ga[j];
        an__dnn_axpy(T->G.b1, 1.0f, T->gh, H);
        for (size_t k = 0; k < AN_DNN_NF; k++) {
            size_t dim, row;
            const float *e = an__dnn_slot(&T->d, &T->P, k, f[k], &dim, &row);
            float *ge = (float *)an__dnn_slot(&T->d, &T->G, k, f[k], &dim, &row);
            for (size_t j = 0; j < dim; j++) {
                an__dnn_axpy(T->G.w1 + (row + j) * H, e[j], T->gh, H);
                ge[j] += an__dnn_dot(T->P.w1 + (row + j) * H, T->gh, H);
            }
            if (k < AN_DNN_NPOS && !T->touched[f[k]]) {
                T->touched[f[k]] = 1;
                T->tlist[T->ntl++] = f[k];
            }
        }
    }
    T->step++;
    float t = (float)T->step;
    float lr = LR * T->lr_scale * sqrtf(1 - powf(BETA2, t)) /
               (1 - powf(BETA1, t));
    float scale = 1.0f / (float)T->bn;
    size_t dw = T->d.dw, off = (size_t)T->d.nw * dw;
    adam(T->par + off, T->grad + off, T->m1 + off, T->m2 + off,
         T->npar - off, lr, scale);
    for (size_t i = 0; i < T->ntl; i++) {
        size_t r = (size_t)T->tlist[i] * dw;
        adam(T->par + r, T->grad + r, T->m1 + r, T->m2 + r, dw, lr, scale);
        T->touched[T->tlist[i]] = 0;
    }
    T->ntl = 0;
    T->bn = 0;
    /* The average, every EMA_EVERY batches. */
    if (T->step % EMA_EVERY == 0) {
        float keep = EMA_KEEP;
        for (size_t i = 0; i < T->npar; i++)
            T->ema[i] = keep * T->ema[i] + (1 - keep) * T->par[i];
        T->nema++;
    }
}

/* Parse sentence s of c, training (train) or only counting the correct
   heads and labels. */
static int run_sentence(nnt *T, const an_cu_corpus *c, size_t s,
                        const uint8_t *up, const uint8_t *xp, int train,
                        int explore, uint64_t *uas, uint64_t *las)
{
    const an_cu_sent *se = &c->sents[s];
    size_t n = se->nword;
    if (n == 0)
        return AN_OK;
    size_t H = T->H, C = T->C;
    uint32_t L = T->L.n;
    an_arena a;
    an_arena_init(&a);
    an__dep_gold g;
    g.gh = an_arena_array(&a, n + 1, sizeof *g.gh);
    g.gl = an_arena_alloc(&a, n + 1);
    uint32_t *wid = an_arena_array(&a, n + 1, sizeof *wid);
    float *h = an_arena_array(&a, H, sizeof *h);
    float *act = an_arena_array(&a, H, sizeof *act);
    float *sc = an_arena_array(&a, C, sizeof *sc);
    an__dep_word *wd = sent_words(&a, c, s, up, xp);
    an__dep_state st;
    if (!g.gh || !g.gl || !wid || !h || !act || !sc || !wd ||
        an__dep_init(&st, &a, wd, n) != AN_OK) {
        an_arena_fini(&a);
        return AN_ENOMEM;
    }
    bool ok_tree = true;
    size_t roots = 0;
    for (size_t i = 0; i < n; i++) {
        const an_cu_word *w = &c->words[se->word + i];
        g.gh[i] = w->head < 0 ? (int32_t)n : w->head;
        if (w->head < -1 || w->head >= (int32_t)n)
            ok_tree = false;
        g.gl[i] = T->L.index[w->deprel < AN_DEP_COUNT ? w->deprel : 0];
        if (w->head == -1)
            g.gl[i] = (uint8_t)T->L.root;
        roots += g.gh[i] == (int32_t)n;
    }
    g.gh[n] = -1;
    if (train && (!ok_tree || roots != 1)) {
        an_arena_fini(&a);
        return AN_OK;
    }
    if (train)
        an__dep_projectivise(g.gh, n);
    for (size_t i = 0; i < n; i++) {
        uint32_t id = an__dnn_vocab_get(&T->voc, wd[i].w);
        if (train && id >= AN_DNN_W0) {
            double p = WORD_DROP / (WORD_DROP + T->count[id]);
            if ((double)(an__rand(&T->rng) >> 11) / 9007199254740992.0 < p)
                id = AN_DNN_UNK;
        }
        wid[i] = id;
    }
    wid[n] = AN_DNN_ROOT;
    int rc = AN_OK;
    uint32_t f[AN_DNN_NF];
    while (!an__dep_done(&st)) {
        unsigned v = an__dep_valid(&st);
        if (v == 1u << AN__SHIFT) {
            an__dep_apply(&st, AN__SHIFT, 0);
            continue;
        }
        an__dnn_feats(&st, wid, L, f);
        if (train && SLOT_DROP > 0)
            for (size_t k = 0; k < AN_DNN_NPOS; k++)
                if (f[k] >= AN_DNN_W0 &&
                    (double)(an__rand(&T->rng) >> 11) / 9007199254740992.0 <
                        SLOT_DROP)
                    f[k] = AN_DNN_UNK;
        forward(T, f, h, act, sc);
        uint32_t pred = UINT32_MAX;
        for (uint32_t k = 0; k < C; k++)
            if (an__dep_allowed(&st, v, k, L, T->L.root) &&
                (pred == UINT32_MAX || sc[k] > sc[pred]))
                pred = k;
        if (pred == UINT32_MAX) {
            rc = AN_EINTERNAL;
            break;
        }
        if (!train) {
            an__dep_act(&st, pred, L);
            continue;
        }
        an__dep_costs cs;
        an__dep_oracle(&st, &g, &cs);
        int minc = INT32_MAX;
        for (uint32_t k = 0; k < C; k++) {
            int ck = an__dep_allowed(&st, v, k, L, T->L.root)
                         ? an__dep_cost(&cs, k, L)
                         : -1;
            if (ck >= 0 && ck < minc)
                minc = ck;
        }
        uint32_t best = UINT32_MAX;
        uint8_t *ok = T->bok + T->bn * C;
        for (uint32_t k = 0; k < C; k++) {
            ok[k] = an__dep_allowed(&st, v, k, L, T->L.root);
            if (ok[k] && an__dep_cost(&cs, k, L) == minc &&
                (best == UINT32_MAX || sc[k] > sc[best]))
                best = k;
        }
        if (best == UINT32_MAX) {
            rc = AN_EINTERNAL;
            break;
        }
        memcpy(T->bf + T->bn * AN_DNN_NF, f, sizeof f);
        memcpy(T->bh + T->bn * H, h, H * sizeof *h);
        T->btgt[T->bn] = best;
        if (++T->bn == BATCH)
            train_batch(T);
        uint32_t next = best;
        if (explore && an__dep_cost(&cs, pred, L) > minc &&
            (double)(an__rand(&T->rng) >> 11) / 9007199254740992.0 < EXPLORE)
            next = pred;
        an__dep_act(&st, next, L);
    }
    if (rc == AN_OK && !train)
        an__dep_score_sent(&st, &c->words[se->word], n, &T->L, uas, las);
    an_arena_fini(&a);
    return rc;
}

static void init_params(nnt *T)
{
    uint64_t r = T->rng ^ 0x696e6974ull;
    an__dnn_par *P = &T->P;
    const an__dnn_dims *d = &T->d;
    for (size_t i = 0; i < (size_t)d->nw * d->dw; i++)
        P->ew[i] = urand(&r, 0.1f);
    for (size_t i = 0; i < (size_t)AN_DNN_NTAG * d->dt; i++)
        P->et[i] = urand(&r, 0.1f);
    for (size_t i = 0; i < (size_t)(d->nlab + 1) * d->dl; i++)
        P->el[i] = urand(&r, 0.1f);
    for (size_t i = 0; i < (size_t)AN_DNN_NDVAL * d->dd; i++)
        P->ed[i] = urand(&r, 0.1f);
    float r1 = sqrtf(6.0f / (float)(T->nin + T->H));
    for (size_t i = 0; i < T->nin * T->H; i++)
        P->w1[i] = urand(&r, r1);
    for (size_t i = 0; i < T->H; i++)
        P->b1[i] = 0.01f;
    float r2 = sqrtf(6.0f / (float)(T->H + T->C));
    for (size_t i = 0; i < T->C * T->H; i++)
        P->w2[i] = urand(&r, r2);
}

static void nnt_fini(nnt *T)
{
    free(T->par);
    free(T->grad);
    free(T->m1);
    free(T->m2);
    free(T->best);
    free(T->ema);
    free(T->avg);
    free(T->count);
    free(T->bf);
    free(T->btgt);
    free(T->bok);
    free(T->bh);
    free(T->touched);
    free(T->tlist);
    free(T->ga);
    free(T->gh);
    free(T->ad);
    free(T->sc);
    an__dnn_vocab_fini(&T->voc);
}

static int write_image(const nnt *T, const uint64_t *keys, const char *path,
                       an_err *err)
{
    an_image_writer *w = NULL;
    uint32_t meta[4] = {T->L.n, T->L.root, 1, 0};
    int rc = an_image_writer_new(AN_DEP_KIND, AN_DNN_VERSION, &w);
    if (rc == AN_OK)
        rc = an_image_writer_add(w, "meta", meta, sizeof meta);
    if (rc == AN_OK)
        rc = an_image_writer_add(w, "labels", T->L.rel, T->L.n);
    if (rc == AN_OK)
        rc = an_image_writer_add(w, "nnmeta", &T->d, sizeof T->d);
    if (rc == AN_OK)
        rc = an_image_writer_add(w, "vocab", keys,
                                 (size_t)(T->d.nw - AN_DNN_W0) * sizeof *keys);
    if (rc == AN_OK)
        rc = an_image_writer_add(w, "params", T->best,
                                 T->npar * sizeof *T->best);
    if (rc == AN_OK)
        rc = an_image_writer_save(w, path, err);
    else
        an_err_set(err, rc, "building the parser image");
    an_image_writer_free(w);
    return rc;
}

int an__train_dnn(const an__tctx *t, const an_cu_corpus *tc,
                  const uint8_t *upos, const uint8_t *xpos,
                  const an_cu_corpus *dev, const char *path, an_err *err)
{
    const an_nlp_train_opts *o = t->o;
    int epochs = o->dep_epochs > 0 ? o->dep_epochs : 10;
    nnt T;
    memset(&T, 0, sizeof T);
    T.t = t;
    T.rng = t->seed ^ 0x646e6eull;
    an__dep_labels_build(&T.L, tc);
    uint64_t *keys = NULL, *vkeys = NULL;
    float *vvec = NULL;
    size_t nk = 0, nvec = 0;
    T.d.dw = o->nn_word_dim > 0 ? (uint32_t)o->nn_word_dim : 64;
    int rc = build_vocab(&T, tc, upos, xpos, &keys, &nk, &vkeys, &vvec, &nvec,
                         err);
    if (rc != AN_OK) {
        nnt_fini(&T);
        free(keys);
        free(vkeys);
        free(vvec);
        if (err && err->code == AN_OK)
            an_err_set(err, rc, "training the neural parser: %s",
                       an_strerror(rc));
        return rc;
    }
    T.d.nw = (uint32_t)(nk + AN_DNN_W0);
    T.d.dt = 20;
    T.d.dl = 20;
    T.d.dd = 16;
    T.d.hid = o->nn_hidden > 0 ? (uint32_t)o->nn_hidden : 256;
    T.d.nlab = T.L.n;
    T.d.ncls = 1 + 2 * T.L.n;
    T.npar = an__dnn_npar(&T.d);
    T.nin = an__dnn_nin(&T.d);
    T.H = T.d.hid;
    T.C = T.d.ncls;
    if (rc == AN_OK && T.npar == 0)
        rc = AN_EINVAL;
    if (rc == AN_OK) {
        T.par = calloc(T.npar, sizeof *T.par);
        T.grad = calloc(T.npar, sizeof *T.grad);
        T.m1 = calloc(T.npar, sizeof *T.m1);
        T.m2 = calloc(T.npar, sizeof *T.m2);
        T.best = calloc(T.npar, sizeof *T.best);
        T.ema = calloc(T.npar, sizeof *T.ema);
        T.avg = calloc(T.npar, sizeof *T.avg);
        T.bf = calloc((size_t)BATCH * AN_DNN_NF, sizeof *T.bf);
        T.btgt = calloc(BATCH, sizeof *T.btgt);
        T.bok = calloc((size_t)BATCH * T.C, 1);
        T.bh = calloc((size_t)BATCH * T.H, sizeof *T.bh);
        T.touched = calloc(T.d.nw, 1);
        T.tlist = calloc(T.d.nw, sizeof *T.tlist);
        T.ga = calloc(T.H, sizeof *T.ga);
        T.gh = calloc(T.H, sizeof *T.gh);
        T.ad = calloc(T.H, sizeof *T.ad);
        T.sc = calloc(T.C, sizeof *T.sc);
        if (!T.par || !T.grad || !T.m1 || !T.m2 || !T.best || !T.ema || !T.avg || !T.bf ||
            !T.btgt || !T.bok || !T.bh || !T.touched || !T.tlist || !T.ga ||
            !T.gh || !T.ad || !T.sc)
            rc = AN_ENOMEM;
    }
    uint8_t *dup = NULL, *dxp = NULL;
    uint32_t *order = NULL;
    if (rc == AN_OK) {
        an__dnn_bind(&T.d, T.par, &T.P);
        an__dnn_bind(&T.d, T.grad, &T.G);
        T.use = &T.P;
        init_params(&T);
        load_vectors(&T, vkeys, vvec, nvec);
        an__dnn_bind(&T.d, T.avg, &T.E);
        free(vkeys);
        free(vvec);
        vkeys = NULL;
        vvec = NULL;
        if (dev && dev->nword) {
            dup = malloc(dev->nword);
            dxp = malloc(dev->nword);
            rc = dup && dxp ? an__dev_tags(t, dev, dup, dxp) : AN_ENOMEM;
        }
        order = malloc((tc->nsent + 1) * sizeof *order);
        if (!order)
            rc = AN_ENOMEM;
        for (size_t i = 0; order && i < tc->nsent; i++)
            order[i] = (uint32_t)i;
    }
    an__tlog(t, "neural parser: %zu sentences, %u labels, %u words (%zu "
                "vectors read), input %zu, hidden %zu, %zu parameters, %d "
                "epochs",
             tc->nsent, T.L.n, T.d.nw, nvec, T.nin, T.H, T.npar, epochs);
    double best = -1;
    int best_ep = 0;
    for (int ep = 0; ep < epochs && rc == AN_OK; ep++) {
        clock_t c0 = clock();
        T.lr_scale = 1;
        for (int e = 2; e < ep; e++)
            T.lr_scale *= LR_DECAY;
        an__shuffle(order, tc->nsent, &T.rng);
        T.loss = 0;
        T.nex = 0;
        for (size_t k = 0; k < tc->nsent && rc == AN_OK; k++)
            rc = run_sentence(&T, tc, order[k], upos, xpos, 1, ep >= 1, NULL,
                              NULL);
        if (rc == AN_OK && T.bn)
            train_batch(&T);
        /* The average, divided by 1 - keep^updates as Adam's moments
           (the parameters themselves before the first update). */
        if (T.nema == 0) {
            memcpy(T.avg, T.par, T.npar * sizeof *T.par);
        } else {
            float corr = 1 / (1 - powf(EMA_KEEP, (float)T.nema));
            for (size_t i = 0; i < T.npar; i++)
                T.avg[i] = T.ema[i] * corr;
        }
        T.use = &T.E;
        uint64_t duas = 0, dlas = 0;
        for (size_t s = 0; dup && s < dev->nsent && rc == AN_OK; s++)
            rc = run_sentence(&T, dev, s, dup, dxp, 0, 0, &duas, &dlas);
        T.use = &T.P;
        if (rc != AN_OK)
            break;
        double du = dup ? (double)duas / (double)dev->nword : 0;
        double dl = dup ? (double)dlas / (double)dev->nword : 0;
        an__tlog(t, "  neural parser epoch %d: loss %.4f, dev UAS %.2f%% "
                    "LAS %.2f%%, %.0f s",
                 ep + 1, T.nex ? T.loss / (double)T.nex : 0, 100 * du,
                 100 * dl, (double)(clock() - c0) / CLOCKS_PER_SEC);
        if (!dup || dl > best) {
            best = dl;
            best_ep = ep + 1;
            memcpy(T.best, T.avg, T.npar * sizeof *T.avg);
        }
    }
    if (rc == AN_OK) {
        rc = write_image(&T, keys, path, err);
        if (rc == AN_OK)
            an__tlog(t, "neural parser: best dev LAS %.2f%% (epoch %d), "
                        "wrote %s",
                     100 * best, best_ep, path);
    } else {
        an_err_set(err, rc, "training the neural parser: %s",
                   an_strerror(rc));
    }
    free(keys);
    free(vkeys);
    free(vvec);
    free(dup);
    free(dxp);
    free(order);
    nnt_fini(&T);
    return rc;
}
