/*
** train_bia.c - training the BiLSTM + biaffine graph parser (dep_int.h,
** src/dep/bia.c).
**
** Each training sentence runs the forward pass of bia.c with dropout
** (word dropout: a word of count c becomes the unknown word with
** probability 0.25 / (0.25 + c); the tag becomes the unknown tag with a
** small probability; dropout on the inputs and on the BiLSTM states);
** the loss is the cross-entropy of the softmax over each word's heads
** plus that of the softmax over the labels at its gold head.  The
** gradients of a minibatch of sentences are summed, clipped by their
** norm, and applied by Adam; word embedding rows only where the batch
** touched them.  One thread, fixed seeds and orders, no reductions but
** the fixed partial sums of an__dnn_dot: the same inputs give the same
** bytes.  Dev is parsed, and the image written, with an exponential
** moving average of the parameters; dev LAS chooses the epoch.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/image.h"
#include "../dep/dep_int.h"
#include "train_nn.h"

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

/* The values under #ifndef can be set at build time for experiments
   (make BUILD=build-x OPT="-O2 -DX_DROP=0.2f"). */
#ifndef BATCH
#define BATCH 32       /* sentences a minibatch */
#endif
#define WORD_DROP 0.25
#ifndef TAG_DROP
#define TAG_DROP 0.05
#endif
#ifndef X_DROP
#define X_DROP 0.33f
#endif
#ifndef H_DROP
#define H_DROP 0.33f
#endif
#ifndef LR
#define LR 0.002f
#endif
#define BETA1 0.9f
#ifndef BETA2
#define BETA2 0.9f
#endif
#define EPS 1e-8f
#define CLIP 5.0
#define EMA_EVERY 2
#ifndef EMA_KEEP
#define EMA_KEEP 0.995f
#endif
#define LEAK 0.1f      /* as bia.c */

typedef struct bt {
    const an__tctx *t;
    an__bia_dims d;
    an__dep_labels L;
    size_t npar, nwpar;     /* all floats; those of the word table */
    float *par, *grad, *m1, *m2, *ema, *avg, *best;
    uint64_t nema;
    an__bia_par P, G, E;
    an__nn_vocab V;         /* the words, their counts and vectors */
    uint64_t rng;
    uint8_t *touched;
    uint32_t *tlist;
    size_t ntl;
    uint64_t step;
    int decay;              /* the rate times 0.75 every 5000 updates */
    size_t bwords;          /* words in the batch */
    size_t bsent;
    double loss;
    uint64_t nloss;
} bt;

static double unif(uint64_t *rng)
{
    return (double)(an__rand(rng) >> 11) / 9007199254740992.0;
}

static float urand(uint64_t *rng, float r)
{
    return (float)((2 * unif(rng) - 1) * r);
}

static void init_params(bt *T)
{
    uint64_t r = T->rng ^ 0x62696166ull;
    an__bia_par *P = &T->P;
    const an__bia_dims *d = &T->d;
    size_t din = an__bia_din(d), H = d->hid, G = 4 * H, pw = an__bia_pw(d);
    size_t A = d->arc, Lb = d->lab;
    for (size_t i = 0; i < (size_t)d->nw * d->dw; i++)
        P->ew[i] = urand(&r, 0.1f);
    for (size_t i = 0; i < (size_t)d->nt * d->dt; i++)
        P->et[i] = urand(&r, 0.1f);
    for (size_t i = 0; i < (size_t)d->nsuf * d->ds; i++)
        P->es[i] = urand(&r, 0.1f);
    for (int k = 0; k < 2; k++) {
        float rx = sqrtf(6.0f / (float)(din + H)), rh = sqrtf(6.0f / (float)(2 * H));
        for (size_t i = 0; i < din * G; i++)
            P->wx[k][i] = urand(&r, rx);
        for (size_t i = 0; i < H * G; i++)
            P->wh[k][i] = urand(&r, rh);
        for (size_t j = 0; j < G; j++)
            P->b[k][j] = j >= H && j < 2 * H ? 1.0f : 0.0f; /* forget: 1 */
    }
    size_t H2 = d->hid2, G2 = 4 * H2;
    for (int k = 0; k < 2 && H2; k++) {
        float rx = sqrtf(6.0f / (float)(2 * H + H2)),
              rh = sqrtf(6.0f / (float)(2 * H2));
        for (size_t i = 0; i < 2 * H * G2; i++)
            P->wx2[k][i] = urand(&r, rx);
        for (size_t i = 0; i < H2 * G2; i++)
            P->wh2[k][i] = urand(&r, rh);
        for (size_t j = 0; j < G2; j++)
            P->b2[k][j] = j >= H2 && j < 2 * H2 ? 1.0f : 0.0f;
    }
    size_t Ht = an__bia_top(d);
    float rp = sqrtf(6.0f / (float)(2 * Ht + A));
    for (size_t i = 0; i < 2 * Ht * pw; i++)
        P->pw[i] = urand(&r, rp);
    for (size_t i = 0; i < A; i++)
        P->rah[i] = urand(&r, 0.1f);
    for (size_t i = 0; i < Lb; i++)
        P->rlh[i] = urand(&r, 0.1f);
    float ru = sqrtf(6.0f / (float)(2 * A));
    for (size_t i = 0; i < A * A; i++)
        P->ut[i] = urand(&r, ru);
    float rl = sqrtf(6.0f / (float)(3 * Lb + d->nlab));
    for (size_t i = 0; i < 3 * Lb * d->nlab; i++)
        P->wl[i] = urand(&r, rl);
    /* The words with vectors. */
    an__nn_set_vectors(&T->V, P->ew, d->dw);
}

/* ---- forward and backward of one sentence ---- */

/* One sentence's inputs and gold tree. */
typedef struct sent {
    size_t n;
    uint32_t *wid;
    uint8_t *tag;
    uint32_t *suf; /* suffix buckets (when the model has them) */
    int32_t *gh;   /* gold head, n for the root */
    uint8_t *gl;   /* gold label index */
} sent;

/* Back through one LSTM layer of H units per direction over n words:
   its inputs x (n x din), its gates, cells and states (n x 2 H), and the
   gradient of the loss on the states gh (n x 2 H).  Adds the weights'
   gradients to gwx, gwh, gb, and the inputs' to gx.  scr: 6 H floats. */
static void lstm_back(size_t H, size_t din, size_t n, const float *xs,
                      float *const gate[2], float *const cs[2],
                      float *const tcs[2], const float *hm, const float *gh,
                      float *const wx[2], float *const wh[2],
                      float *const gwx[2], float *const gwh[2],
                      float *const gb[2], float *gx, float *scr)
{
    size_t G = 4 * H, Hm = 2 * H;
    float *dpre = scr, *dhn = scr + G, *dcn = scr + G + H;
    for (int dir = 0; dir < 2; dir++) {
        memset(dhn, 0, H * sizeof *dhn);
        memset(dcn, 0, H * sizeof *dcn);
        for (size_t s = n; s-- > 0;) {
            size_t t = dir ? n - 1 - s : s;
            size_t tp = dir ? t + 1 : t - 1; /* the step before, if s > 0 */
            const float *g = gate[dir] + t * G;
            const float *tc = tcs[dir] + t * H;
            const float *cp = s > 0 ? cs[dir] + tp * H : NULL;
            for (size_t j = 0; j < H; j++) {
                float dhj = gh[t * Hm + (size_t)dir * H + j] + dhn[j];
                float ig = g[j], fg = g[H + j], gg = g[2 * H + j],
                      og = g[3 * H + j];
                float dc = dcn[j] + dhj * og * (1 - tc[j] * tc[j]);
                float dob = dhj * tc[j];
                dpre[j] = dc * gg * ig * (1 - ig);
                dpre[H + j] = cp ? dc * cp[j] * fg * (1 - fg) : 0;
                dpre[2 * H + j] = dc * ig * (1 - gg * gg);
                dpre[3 * H + j] = dob * og * (1 - og);
                dcn[j] = dc * fg;
            }
            an__dnn_axpy(gb[dir], 1.0f, dpre, G);
            if (s > 0) {
                const float *hp = hm + tp * Hm + (size_t)dir * H;
                for (size_t j = 0; j < H; j++) {
                    if (hp[j] != 0)
                        an__dnn_axpy(gwh[dir] + j * G, hp[j], dpre, G);
                    dhn[j] = an__dnn_dot(wh[dir] + j * G, dpre, G);
                }
            }
            const float *x = xs + t * din;
            for (size_t k = 0; k < din; k++) {
                if (x[k] != 0)
                    an__dnn_axpy(gwx[dir] + k * G, x[k], dpre, G);
                gx[t * din + k] += an__dnn_dot(wx[dir] + k * G, dpre, G);
            }
        }
    }
}

/* The loss of a sentence, its gradients added to T->G (par: the
   parameters of the forward pass). */
static int backprop(bt *T, const an__bia_par *P, an_arena *a, const sent *S,
                    const float *xmask, const float *hmask, double *loss)
{
    const an__bia_dims *d = &T->d;
    const an__bia_par *G_ = &T->G;
    size_t n = S->n, W = n + 1;
    size_t din = an__bia_din(d), H = d->hid, Hm = 2 * H;
    size_t Htm = 2 * an__bia_top(d), Hmax = AN_MAX(H, (size_t)d->hid2);
    size_t pw = an__bia_pw(d), A = d->arc, Lb = d->lab, L = d->nlab;
    const float *hmask2 = hmask && d->hid2 ? hmask + n * Hm : NULL;
    an__bia_run r;
    int rc = an__bia_forward(d, P, NULL, a, S->wid, S->tag, S->suf, n,
                             xmask, hmask, &r);
    if (rc != AN_OK)
        return rc;
    float *gpj = an_arena_array(a, W * pw, sizeof(float));
    float *guh = an_arena_array(a, W * A, sizeof(float));
    float *ghb = an_arena_array(a, W, sizeof(float));
    float *gs = an_arena_array(a, W, sizeof(float));
    float *sc = an_arena_array(a, L, sizeof(float));
    float *gpre = an_arena_array(a, pw, sizeof(float));
    float *ghd = an_arena_array(a, n * Htm, sizeof(float));
    float *gx = an_arena_array(a, n * din, sizeof(float));
    float *scr = an_arena_array(a, 6 * Hmax, sizeof(float));
    if (!gpj || !guh || !ghb || !gs || !sc || !gpre || !ghd || !gx || !scr)
        return AN_ENOMEM;
    memset(gpj, 0, W * pw * sizeof *gpj);
    memset(guh, 0, W * A * sizeof *guh);
    memset(ghb, 0, W * sizeof *ghb);
    memset(ghd, 0, n * Htm * sizeof *ghd);
    memset(gx, 0, n * din * sizeof *gx);
    double lsum = 0;
    /* Arcs: softmax over the heads of each word. */
    for (size_t dd = 0; dd < n; dd++) {
        const float *s = r.s + dd * W;
        float mx = -INFINITY;
        for (size_t h = 0; h < W; h++)
            if (h != dd && s[h] > mx)
                mx = s[h];
        double z = 0;
        for (size_t h = 0; h < W; h++) {
            gs[h] = h == dd ? 0 : expf(s[h] - mx);
            z += gs[h];
        }
        size_t g = (size_t)S->gh[dd];
        lsum -= log((double)gs[g] / z);
        const float *ad = r.pj + dd * pw;
        float *gad = gpj + dd * pw;
        for (size_t h = 0; h < W; h++) {
            if (h == dd)
                continue;
            float gv = (float)((double)gs[h] / z) - (h == g ? 1.0f : 0.0f);
            an__dnn_axpy(gad, gv, r.uh + h * A, A);
            an__dnn_axpy(guh + h * A, gv, ad, A);
            ghb[h] += gv;
        }
    }
    /* s = ad . (U ah) + u . ah: back to ah, U and u. */
    for (size_t h = 0; h < W; h++) {
        const float *ah = r.pj + h * pw + A;
        float *gah = gpj + h * pw + A;
        an__dnn_axpy(G_->u, ghb[h], ah, A);
        an__dnn_axpy(gah, ghb[h], P->u, A);
        const float *gu = guh + h * A;
        for (size_t j = 0; j < A; j++) {
            if (ah[j] != 0)
                an__dnn_axpy(G_->ut + j * A, ah[j], gu, A);
            gah[j] += an__dnn_dot(P->ut + j * A, gu, A);
        }
    }
    /* Labels at the gold heads. */
    for (size_t dd = 0; dd < n; dd++) {
        size_t h = (size_t)S->gh[dd];
        an__bia_label_scores(d, P, &r, dd, h, sc);
        float mx = -INFINITY;
        for (size_t l = 0; l < L; l++)
            if (sc[l] > mx)
                mx = sc[l];
        double z = 0;
        for (size_t l = 0; l < L; l++) {
            sc[l] = expf(sc[l] - mx);
            z += sc[l];
        }
        lsum -= log((double)sc[S->gl[dd]] / z);
        for (size_t l = 0; l < L; l++)
            sc[l] = (float)((double)sc[l] / z) - (l == S->gl[dd] ? 1.0f : 0.0f);
        const float *ld = r.pj + dd * pw + 2 * A;
        const float *lh = r.pj + h * pw + 2 * A + Lb;
        float *gld = gpj + dd * pw + 2 * A;
        float *glh = gpj + h * pw + 2 * A + Lb;
        an__dnn_axpy(G_->bl, 1.0f, sc, L);
        for (size_t j = 0; j < Lb; j++) {
            float *w0 = P->wl + j * L, *w1 = P->wl + (Lb + j) * L,
                  *w2 = P->wl + (2 * Lb + j) * L;
            an__dnn_axpy(G_->wl + j * L, ld[j], sc, L);
            an__dnn_axpy(G_->wl + (Lb + j) * L, lh[j], sc, L);
            an__dnn_axpy(G_->wl + (2 * Lb + j) * L, ld[j] * lh[j], sc, L);
            float g0 = an__dnn_dot(w0, sc, L), g1 = an__dnn_dot(w1, sc, L),
                  g2 = an__dnn_dot(w2, sc, L);
            gld[j] += g0 + g2 * lh[j];
            glh[j] += g1 + g2 * ld[j];
        }
    }
    /* The root's vectors. */
    an__dnn_axpy(G_->rah, 1.0f, gpj + n * pw + A, A);
    an__dnn_axpy(G_->rlh, 1.0f, gpj + n * pw + 2 * A + Lb, Lb);
    /* The projections. */
    for (size_t i = 0; i < n; i++) {
        const float *pre = r.pre + i * pw, *g = gpj + i * pw;
        for (size_t k = 0; k < pw; k++)
            gpre[k] = pre[k] > 0 ? g[k] : LEAK * g[k];
        an__dnn_axpy(G_->pb, 1.0f, gpre, pw);
        const float *hd = r.hd + i * Htm;
        for (size_t k = 0; k < Htm; k++) {
            if (hd[k] != 0)
                an__dnn_axpy(G_->pw + k * pw, hd[k], gpre, pw);
            ghd[i * Htm + k] = an__dnn_dot(P->pw + k * pw, gpre, pw);
        }
    }
    /* The BiLSTM layers, each direction backwards in its own time. */
    if (d->hid2) {
        if (hmask2)
            for (size_t i = 0; i < n * Htm; i++)
                ghd[i] *= hmask2[i];
        float *gh1 = an_arena_array(a, n * Hm, sizeof(float));
        if (!gh1)
            return AN_ENOMEM;
        memset(gh1, 0, n * Hm * sizeof *gh1);
        lstm_back(d->hid2, Hm, n, r.h1d, r.gate2, r.c2, r.tc2, r.hm2, ghd,
                  P->wx2, P->wh2, G_->wx2, G_->wh2, G_->b2, gh1, scr);
        if (hmask)
            for (size_t i = 0; i < n * Hm; i++)
                gh1[i] *= hmask[i];
        lstm_back(H, din, n, r.x, r.gate, r.c, r.tc, r.hm, gh1, P->wx, P->wh,
                  G_->wx, G_->wh, G_->b, gx, scr);
    } else {
        if (hmask)
            for (size_t i = 0; i < n * Hm; i++)
                ghd[i] *= hmask[i];
        lstm_back(H, din, n, r.x, r.gate, r.c, r.tc, r.hm, ghd, P->wx, P->wh,
                  G_->wx, G_->wh, G_->b, gx, scr);
    }
    /* The embeddings. */
    for (size_t i = 0; i < n; i++) {
        float *g = gx + i * din;
        if (xmask)
            for (size_t k = 0; k < din; k++)
                g[k] *= xmask[i * din + k];
        an__dnn_axpy(G_->ew + (size_t)S->wid[i] * d->dw, 1.0f, g, d->dw);
        an__dnn_axpy(G_->et + (size_t)S->tag[i] * d->dt, 1.0f, g + d->dw,
                     d->dt);
        if (d->ds)
            an__dnn_axpy(G_->es + (size_t)S->suf[i] * d->ds, 1.0f,
                         g + d->dw + d->dt, d->ds);
        uint32_t w = S->wid[i];
        if (T->touched && !T->touched[w]) {
            T->touched[w] = 1;
            T->tlist[T->ntl++] = w;
        }
    }
    *loss = lsum;
    return AN_OK;
}

/* ---- the update ---- */

static void update(bt *T)
{
    if (T->bwords == 0)
        return;
    size_t dw = T->d.dw, off = T->nwpar;
    double ss = 0;
    for (size_t i = off; i < T->npar; i++)
        ss += (double)T->grad[i] * T->grad[i];
    for (size_t i = 0; i < T->ntl; i++) {
        const float *g = T->grad + (size_t)T->tlist[i] * dw;
        for (size_t j = 0; j < dw; j++)
            ss += (double)g[j] * g[j];
    }
    double norm = sqrt(ss) / (double)T->bwords;
    float scale = 1.0f / (float)T->bwords;
    if (norm > CLIP)
        scale *= (float)(CLIP / norm);
    T->step++;
    float t = (float)T->step;
    float lr = LR * sqrtf(1 - powf(BETA2, t)) / (1 - powf(BETA1, t));
    if (T->decay)
        lr *= powf(0.75f, t / 5000.0f);
    static const an__nn_adam adam = {BETA1, BETA2, EPS};
    an__nn_state st = {T->par, T->grad, T->m1, T->m2, T->npar, off, dw,
                       T->touched, T->tlist, &T->ntl};
    an__nn_adam_step(&adam, &st, lr, scale);
    T->bwords = 0;
    T->bsent = 0;
    if (T->step % EMA_EVERY == 0) {
        an__nn_ema_update(T->ema, T->par, T->npar, EMA_KEEP);
        T->nema++;
    }
}

/* Read sentence s of c into S (gold tree too); returns 0 when it is not
   a tree with one root. */
static int load_sent(const bt *T, an_arena *a, const an_cu_corpus *c,
                     size_t s, const uint8_t *up, const uint8_t *xp, sent *S,
                     int *rc)
{
    const an_cu_sent *se = &c->sents[s];
    size_t n = se->nword;
    S->n = n;
    S->wid = an_arena_array(a, n + 1, sizeof *S->wid);
    S->tag = an_arena_alloc(a, n + 1);
    S->suf = an_arena_array(a, n + 1, sizeof *S->suf);
    S->gh = an_arena_array(a, n + 1, sizeof *S->gh);
    S->gl = an_arena_alloc(a, n + 1);
    an__dep_word *wd = an__nn_sent_words(a, c, s, up, xp);
    if (!S->wid || !S->tag || !S->suf || !S->gh || !S->gl || !wd) {
        *rc = AN_ENOMEM;
        return 0;
    }
    size_t roots = 0;
    int ok = 1;
    for (size_t i = 0; i < n; i++) {
        const an_cu_word *w = &c->words[se->word + i];
        S->wid[i] = an__dnn_vocab_get(&T->V.voc, wd[i].w);
        S->tag[i] = wd[i].p < T->d.nt - 1 ? wd[i].p : (uint8_t)(T->d.nt - 1);
        S->suf[i] = T->d.nsuf ? an__bia_suf(wd[i].suf, T->d.nsuf) : 0;
        S->gh[i] = w->head < 0 ? (int32_t)n : w->head;
        if (w->head < -1 || w->head >= (int32_t)n || w->head == (int32_t)i)
            ok = 0;
        S->gl[i] = T->L.index[w->deprel < AN_DEP_COUNT ? w->deprel : 0];
        if (w->head == -1)
            S->gl[i] = (uint8_t)T->L.root;
        roots += S->gh[i] == (int32_t)n;
    }
    return ok && roots == 1 && n > 0;
}

static float *drop_mask(an_arena *a, size_t n, float p, uint64_t *rng)
{
    float *m = an_arena_array(a, n + 1, sizeof *m);
    if (!m)
        return NULL;
    float keep = 1.0f / (1.0f - p);
    for (size_t i = 0; i < n; i++)
        m[i] = unif(rng) < p ? 0.0f : keep;
    return m;
}

static int train_sentence(bt *T, const an_cu_corpus *c, size_t s,
                          const uint8_t *up, const uint8_t *xp)
{
    an_arena a;
    an_arena_init(&a);
    sent S;
    int rc = AN_OK;
    if (!load_sent(T, &a, c, s, up, xp, &S, &rc)) {
        an_arena_fini(&a);
        return rc;
    }
    size_t n = S.n;
    for (size_t i = 0; i < n; i++) {
        uint32_t id = S.wid[i];
        if (id >= AN_DNN_W0 &&
            unif(&T->rng) < WORD_DROP / (WORD_DROP + T->V.count[id]))
            S.wid[i] = AN_DNN_UNK;
        if (unif(&T->rng) < TAG_DROP)
            S.tag[i] = (uint8_t)(T->d.nt - 1);
    }
    float *xm = drop_mask(&a, n * an__bia_din(&T->d), X_DROP, &T->rng);
    float *hm = drop_mask(&a, n * 2 * (T->d.hid + T->d.hid2), H_DROP,
                          &T->rng);
    double loss = 0;
    rc = xm && hm ? backprop(T, &T->P, &a, &S, xm, hm, &loss) : AN_ENOMEM;
    an_arena_fini(&a);
    if (rc != AN_OK)
        return rc;
    T->loss += loss;
    T->nloss += n;
    T->bwords += n;
    if (++T->bsent == BATCH)
        update(T);
    return AN_OK;
}

/* Parse sentence s of c with the parameters P; count the right heads
   and labels. */
static int eval_sentence(const bt *T, const an__bia_par *P,
                         const an_cu_corpus *c, size_t s, const uint8_t *up,
                         const uint8_t *xp, uint64_t *uas, uint64_t *las)
{
    an_arena a;
    an_arena_init(&a);
    sent S;
    int rc = AN_OK;
    load_sent(T, &a, c, s, up, xp, &S, &rc);
    size_t n = S.n;
    int32_t *head = an_arena_array(&a, n + 1, sizeof *head);
    float *sc = an_arena_array(&a, T->d.nlab, sizeof *sc);
    an__bia_run r;
    if (rc == AN_OK && n > 0 && head && sc)
        rc = an__bia_forward(&T->d, P, NULL, &a, S.wid, S.tag, S.suf, n,
                             NULL, NULL, &r);
    else if (rc == AN_OK && n > 0)
        rc = AN_ENOMEM;
    if (rc == AN_OK && n > 0)
        rc = an__bia_decode(&a, r.s, n, head);
    for (size_t i = 0; rc == AN_OK && i < n; i++) {
        const an_cu_word *w = &c->words[c->sents[s].word + i];
        int32_t g = w->head < 0 ? (int32_t)n : w->head;
        if (head[i] != g)
            continue;
        (*uas)++;
        uint32_t rel = AN_DEP_ROOT;
        if (head[i] != (int32_t)n) {
            an__bia_label_scores(&T->d, P, &r, i, (size_t)head[i], sc);
            uint32_t best = T->L.root == 0 ? 1 : 0;
            for (uint32_t l = 0; l < T->d.nlab; l++)
                if (l != T->L.root && sc[l] > sc[best])
                    best = l;
            rel = T->L.rel[best];
        }
        *las += rel == w->deprel;
    }
    an_arena_fini(&a);
    return rc;
}

/* ---- setup ---- */

static void bt_fini(bt *T)
{
    free(T->par);
    free(T->grad);
    free(T->m1);
    free(T->m2);
    free(T->ema);
    free(T->avg);
    free(T->best);
    free(T->touched);
    free(T->tlist);
    an__nn_vocab_fini(&T->V);
}

static int bt_alloc(bt *T)
{
    T->npar = an__bia_npar(&T->d);
    if (T->npar == 0)
        return AN_EINVAL;
    T->nwpar = (size_t)T->d.nw * T->d.dw;
    T->par = calloc(T->npar, sizeof *T->par);
    T->grad = calloc(T->npar, sizeof *T->grad);
    T->m1 = calloc(T->npar, sizeof *T->m1);
    T->m2 = calloc(T->npar, sizeof *T->m2);
    T->ema = calloc(T->npar, sizeof *T->ema);
    T->avg = calloc(T->npar, sizeof *T->avg);
    T->best = calloc(T->npar, sizeof *T->best);
    T->touched = calloc(T->d.nw, 1);
    T->tlist = calloc(T->d.nw, sizeof *T->tlist);
    if (!T->par || !T->grad || !T->m1 || !T->m2 || !T->ema || !T->avg ||
        !T->best || !T->touched || !T->tlist)
        return AN_ENOMEM;
    an__bia_bind(&T->d, T->par, &T->P);
    an__bia_bind(&T->d, T->grad, &T->G);
    an__bia_bind(&T->d, T->avg, &T->E);
    return AN_OK;
}

/* An option's value, or the default when it is not given. */
static uint32_t dim_opt(int v, uint32_t def)
{
    return v > 0 ? (uint32_t)v : def;
}

int an__train_bia(const an__tctx *t, const an_cu_corpus *tc,
                  const uint8_t *upos, const uint8_t *xpos,
                  const an_cu_corpus *dev, const char *path, an_err *err)
{
    const an_nlp_train_opts *o = t->o;
    int epochs = o->dep_epochs > 0 ? o->dep_epochs : 40;
    bt T;
    memset(&T, 0, sizeof T);
    T.t = t;
    T.rng = t->seed ^ 0x626961ull;
    an__dep_labels_build(&T.L, tc);
    T.d.dw = dim_opt(o->nn_word_dim, 64);
    int rc = an__nn_build_vocab(tc, upos, xpos, o->nn_vectors, T.d.dw, &T.V,
                                err);
    T.d.nw = (uint32_t)(T.V.nk + AN_DNN_W0);
    T.d.nt = AN_XPOS_COUNT + 1;
    T.d.dt = 32;
    T.d.hid = dim_opt(o->nn_hidden, 64);
    T.d.arc = dim_opt(o->bia_arc, 96);
    T.d.lab = dim_opt(o->bia_lab, 64);
    T.d.nlab = T.L.n;
    T.d.nsuf = dim_opt(o->bia_suffix, 4096);
    T.d.ds = T.d.nsuf ? 16 : 0;
    T.d.hid2 = o->bia_hid2 > 0 ? (uint32_t)o->bia_hid2 : 0;
    T.decay = o->bia_decay;
    if (rc == AN_OK)
        rc = bt_alloc(&T);
    uint8_t *dup = NULL, *dxp = NULL;
    uint32_t *order = NULL;
    if (rc == AN_OK) {
        init_params(&T);
        rc = an__nn_prepare(t, tc, dev, &dup, &dxp, &order);
    }
    an__nn_free_vectors(&T.V);
    size_t ntrain = tc->nsent;
    if (o->bia_sents > 0 && (size_t)o->bia_sents < ntrain)
        ntrain = (size_t)o->bia_sents;
    if (rc == AN_OK)
        an__tlog(t, "biaffine parser: %zu sentences, %u labels, %u words "
                    "(%zu vectors read), LSTM layers %u x 2 and %u x 2, arc %u, label %u, %u "
                    "suffix buckets, %zu parameters, %d epochs",
                 ntrain, T.L.n, T.d.nw, T.V.nvec, T.d.hid, T.d.hid2, T.d.arc,
                 T.d.lab,
                 T.d.nsuf, T.npar, epochs);
    double best = -1;
    int best_ep = 0;
    for (int ep = 0; ep < epochs && rc == AN_OK; ep++) {
        clock_t c0 = clock();
        an__shuffle(order, tc->nsent, &T.rng);
        T.loss = 0;
        T.nloss = 0;
        for (size_t k = 0; k < ntrain && rc == AN_OK; k++)
            rc = train_sentence(&T, tc, order[k], upos, xpos);
        if (rc == AN_OK)
            update(&T);
        an__nn_ema_average(T.avg, T.ema, T.par, T.npar, T.nema, EMA_KEEP);
        double ttrain = (double)(clock() - c0) / CLOCKS_PER_SEC;
        uint64_t duas = 0, dlas = 0;
        for (size_t s = 0; dup && s < dev->nsent && rc == AN_OK; s++)
            rc = eval_sentence(&T, &T.E, dev, s, dup, dxp, &duas, &dlas);
        if (rc != AN_OK)
            break;
        double du = dup ? (double)duas / (double)dev->nword : 0;
        double dl = dup ? (double)dlas / (double)dev->nword : 0;
        an__tlog(t, "  biaffine parser epoch %d: loss %.4f, dev UAS %.2f%% "
                    "LAS %.2f%%, %.0f s training, %.0f s in all",
                 ep + 1, T.nloss ? T.loss / (double)T.nloss : 0, 100 * du,
                 100 * dl, ttrain, (double)(clock() - c0) / CLOCKS_PER_SEC);
        if (!dup || dl > best) {
            best = dl;
            best_ep = ep + 1;
            memcpy(T.best, T.avg, T.npar * sizeof *T.avg);
            /* Written at every better epoch, so a run can be stopped. */
            rc = an__nn_write_image(AN_BIA_VERSION, "bimeta", &T.d,
                                    sizeof T.d, &T.L, T.V.keys, T.V.nk,
                                    T.best, T.npar, path, err);
        }
    }
    if (rc == AN_OK)
        an__tlog(t, "biaffine parser: best dev LAS %.2f%% (epoch %d), wrote %s",
                 100 * best, best_ep, path);
    else if (err && err->code == AN_OK)
        an_err_set(err, rc, "training the biaffine parser: %s",
                   an_strerror(rc));
    free(dup);
    free(dxp);
    free(order);
    bt_fini(&T);
    return rc;
}

/* ---- the gradient check ---- */

/* The loss of S without dropout with the current parameters. */
static double loss_of(bt *T, const sent *S)
{
    an_arena a;
    an_arena_init(&a);
    double loss = 0;
    uint8_t *saved = T->touched;
    T->touched = NULL;
    /* The gradients land in T->G; only the loss matters here. */
    float *g = malloc(T->npar * sizeof *g);
    if (g)
        memcpy(g, T->grad, T->npar * sizeof *g);
    if (backprop(T, &T->P, &a, S, NULL, NULL, &loss) != AN_OK)
        loss = NAN;
    if (g)
        memcpy(T->grad, g, T->npar * sizeof *g);
    free(g);
    T->touched = saved;
    an_arena_fini(&a);
    return loss;
}

double an__bia_gradcheck(uint64_t seed, int two)
{
    an_nlp_train_opts o;
    memset(&o, 0, sizeof o);
    an__tctx t = {&o, seed};
    bt T;
    memset(&T, 0, sizeof T);
    T.t = &t;
    T.rng = seed;
    T.d = (an__bia_dims){.nw = AN_DNN_W0 + 4, .dw = 8, .nt = 6, .dt = 8,
                         .hid = 8, .arc = 16, .lab = 8, .nlab = 3,
                         .nsuf = 3, .ds = 8, .hid2 = two ? 8 : 0};
    if (bt_alloc(&T) != AN_OK) {
        bt_fini(&T);
        return 1;
    }
    init_params(&T);
    /* Nonzero biases and root vectors, so that every path is checked. */
    for (size_t i = T.nwpar; i < T.npar; i++)
        T.par[i] += urand(&T.rng, 0.3f);
    uint32_t wid[5] = {3, 4, 2, 5, 6};
    uint8_t tag[5] = {0, 1, 2, 3, 5};
    int32_t gh[5] = {1, 5, 1, 4, 1};
    uint8_t gl[5] = {0, 1, 0, 2, 0};
    uint32_t suf[5] = {0, 2, 1, 1, 0};
    sent S = {5, wid, tag, suf, gh, gl};
    /* No sparse word rows here: every gradient stays in T.grad. */
    free(T.touched);
    T.touched = NULL;
    an_arena a;
    an_arena_init(&a);
    double loss;
    int rc = backprop(&T, &T.P, &a, &S, NULL, NULL, &loss);
    an_arena_fini(&a);
    if (rc != AN_OK) {
        bt_fini(&T);
        return 1;
    }
    float *an = malloc(T.npar * sizeof *an);
    if (!an) {
        bt_fini(&T);
        return 1;
    }
    memcpy(an, T.grad, T.npar * sizeof *an);
    size_t nchecked = 0, nbad = 0;
    for (size_t i = 0; i < T.npar; i++) {
        /* The word rows of the sentence and every other parameter. */
        if (i < T.nwpar && (i / T.d.dw < AN_DNN_UNK || i / T.d.dw > 6))
            continue;
        float keep = T.par[i];
        const float h = 1e-3f;
        T.par[i] = keep + h;
        double lp = loss_of(&T, &S);
        T.par[i] = keep - h;
        double lm = loss_of(&T, &S);
        T.par[i] = keep;
        double num = (lp - lm) / (2 * (double)h);
        double err = fabs(num - an[i]) / fmax(2e-2, fabs(num) + fabs(an[i]));
        nchecked++;
        if (!(err <= 0.03))
            nbad++;
    }
    free(an);
    bt_fini(&T);
    return nchecked ? (double)nbad / (double)nchecked : 1;
}
