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
#include "train_nn.h"

/* No fused multiply-adds: the same sums on every machine (gcc does not
   contract under -std=c17). */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

#define BATCH 32
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
    an__nn_vocab V;        /* the words, their counts and vectors */
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
    static const an__nn_adam adam = {BETA1, BETA2, EPS};
    an__nn_state st = {T->par, T->grad, T->m1, T->m2, T->npar,
                       (size_t)T->d.nw * T->d.dw, T->d.dw, T->touched,
                       T->tlist, &T->ntl};
    an__nn_adam_step(&adam, &st, lr, scale);
    T->bn = 0;
    /* The average, every EMA_EVERY batches. */
    if (T->step % EMA_EVERY == 0) {
        an__nn_ema_update(T->ema, T->par, T->npar, EMA_KEEP);
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
    an__dep_word *wd = an__nn_sent_words(&a, c, s, up, xp);
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
        uint32_t id = an__dnn_vocab_get(&T->V.voc, wd[i].w);
        if (train && id >= AN_DNN_W0) {
            double p = WORD_DROP / (WORD_DROP + T->V.count[id]);
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
        uint32_t pred = an__dep_best(&st, v, sc, C, L, T->L.root);
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
        int minc;
        uint32_t best = an__dep_best_gold(&st, v, &cs, sc, C, L, T->L.root,
                                          &minc);
        uint8_t *ok = T->bok + T->bn * C;
        for (uint32_t k = 0; k < C; k++)
            ok[k] = an__dep_allowed(&st, v, k, L, T->L.root);
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
    an__nn_vocab_fini(&T->V);
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
    T.d.dw = o->nn_word_dim > 0 ? (uint32_t)o->nn_word_dim : 64;
    int rc = an__nn_build_vocab(tc, upos, xpos, o->nn_vectors, T.d.dw, &T.V,
                                err);
    if (rc != AN_OK) {
        nnt_fini(&T);
        if (err && err->code == AN_OK)
            an_err_set(err, rc, "training the neural parser: %s",
                       an_strerror(rc));
        return rc;
    }
    T.d.nw = (uint32_t)(T.V.nk + AN_DNN_W0);
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
        an__nn_set_vectors(&T.V, T.P.ew, T.d.dw);
        an__dnn_bind(&T.d, T.avg, &T.E);
        an__nn_free_vectors(&T.V);
        rc = an__nn_prepare(t, tc, dev, &dup, &dxp, &order);
    }
    an__tlog(t, "neural parser: %zu sentences, %u labels, %u words (%zu "
                "vectors read), input %zu, hidden %zu, %zu parameters, %d "
                "epochs",
             tc->nsent, T.L.n, T.d.nw, T.V.nvec, T.nin, T.H, T.npar, epochs);
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
        an__nn_ema_average(T.avg, T.ema, T.par, T.npar, T.nema, EMA_KEEP);
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
        rc = an__nn_write_image(AN_DNN_VERSION, "nnmeta", &T.d, sizeof T.d,
                                &T.L, T.V.keys, T.V.nk, T.best, T.npar,
                                path, err);
        if (rc == AN_OK)
            an__tlog(t, "neural parser: best dev LAS %.2f%% (epoch %d), "
                        "wrote %s",
                     100 * best, best_ep, path);
    } else {
        an_err_set(err, rc, "training the neural parser: %s",
                   an_strerror(rc));
    }
    free(dup);
    free(dxp);
    free(order);
    nnt_fini(&T);
    return rc;
}
