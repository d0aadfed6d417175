/*
** bia.c - the BiLSTM + biaffine graph parser (see dep_int.h): the
** parameter layout, the forward pass shared with the trainer, decoding
** and the image sections of a version 6 parser.
**
** The costs of a sentence of n words: the input-to-gate products of all
** words, one matrix-matrix product per direction; the recurrent products,
** word after word; the projections of every state; U ah[h] once per head;
** then n (n + 1) dot products of the arc width, and one label layer per
** word at its chosen head.  Every loop runs over rows (y += a x) or in
** eight fixed partial sums, without fused multiply-adds, so the AVX2 and
** baseline builds, and the trainer, compute the same numbers.
*/
#include <math.h>
#include <stdlib.h>

#include "dep_int.h"

/* No fused multiply-adds: the same sums on every machine (gcc does not
   contract under -std=c17). */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

/* The slope of the projections' activation below zero. */
#define LEAK 0.1f

struct an__bia {
    an__bia_dims d;
    float *block;       /* parameters, copied from the image */
    an__bia_par p;
    an__dnn_vocab voc;
    uint32_t nlab, root;
};

/* Compiled twice on x86-64 with gcc (AVX2 and the baseline), as in
   dnn.c; both compute the same sums in the same order. */
#if defined(__x86_64__) && defined(__has_attribute) && \
    !defined(__clang__) && !defined(AN_NO_CLONES) && \
    !defined(__SANITIZE_THREAD__)
#if __has_attribute(target_clones)
#define CLONES __attribute__((target_clones("avx2", "default")))
#endif
#endif
#ifndef CLONES
#define CLONES
#endif

/* ---- layout ---- */

size_t an__bia_npar(const an__bia_dims *d)
{
    if (d->nw < AN_DNN_W0 || d->nw > (1u << 24) || d->dw == 0 ||
        d->dw > 1024 || d->nt == 0 || d->nt > 256 || d->dt == 0 ||
        d->dt > 1024 || d->hid == 0 || d->hid > 1024 || d->hid % 8 ||
        d->arc == 0 || d->arc > 1024 || d->arc % 8 || d->lab == 0 ||
        d->lab > 1024 || d->lab % 8 || d->nlab == 0 || d->nlab > 64)
        return 0;
    size_t din = an__bia_din(d), G = 4 * (size_t)d->hid, H = d->hid;
    size_t pw = an__bia_pw(d), A = d->arc, Lb = d->lab;
    return (size_t)d->nw * d->dw + (size_t)d->nt * d->dt +
           2 * (din * G + H * G + G) + 2 * H * pw + pw + A + Lb + A * A + A +
           3 * Lb * d->nlab + d->nlab;
}

void an__bia_bind(const an__bia_dims *d, float *base, an__bia_par *p)
{
    size_t din = an__bia_din(d), G = 4 * (size_t)d->hid, H = d->hid;
    size_t pw = an__bia_pw(d), A = d->arc, Lb = d->lab;
    float *q = base;
    p->ew = q;
    q += (size_t)d->nw * d->dw;
    p->et = q;
    q += (size_t)d->nt * d->dt;
    for (int k = 0; k < 2; k++) {
        p->wx[k] = q;
        q += din * G;
        p->wh[k] = q;
        q += H * G;
        p->b[k] = q;
        q += G;
    }
    p->pw = q;
    q += 2 * H * pw;
    p->pb = q;
    q += pw;
    p->rah = q;
    q += A;
    p->rlh = q;
    q += Lb;
    p->ut = q;
    q += A * A;
    p->u = q;
    q += A;
    p->wl = q;
    q += 3 * Lb * d->nlab;
    p->bl = q;
}

/* ---- arithmetic ---- */

/* 2^t for |t| < 125: a power of two times a polynomial of degree 6 on
   [-0.5, 0.5] (relative error about 2e-7). */
static inline float exp2_approx(float t)
{
    t = t < -125.0f ? -125.0f : t;
    t = t > 125.0f ? 125.0f : t;
    int32_t k = (int32_t)(t + (t >= 0 ? 0.5f : -0.5f));
    float f = t - (float)k;
    float p = 1.5403530e-4f;
    p = p * f + 1.3333558e-3f;
    p = p * f + 9.6181291e-3f;
    p = p * f + 5.5504109e-2f;
    p = p * f + 2.4022651e-1f;
    p = p * f + 6.9314718e-1f;
    p = p * f + 1.0f;
    int32_t bits = (k + 127) * (1 << 23);
    float sc;
    memcpy(&sc, &bits, sizeof sc);
    return p * sc;
}

#define LOG2E 1.44269504f

CLONES
void an__bia_sigmoid(float *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        x[i] = 1.0f / (1.0f + exp2_approx(-LOG2E * x[i]));
}

CLONES
void an__bia_tanh(float *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        x[i] = 2.0f / (1.0f + exp2_approx(-2.0f * LOG2E * x[i])) - 1.0f;
}

/* y[0..n) += a x[0..n), n a multiple of 8. */
static inline void axpy8(float *restrict y, float a, const float *restrict x,
                         size_t n)
{
    for (size_t i = 0; i < n; i += 8)
        for (size_t k = 0; k < 8; k++)
            y[i + k] += a * x[i + k];
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

/* out[i] (m wide, from bias) += in[i] W for rows of k inputs, i < n. */
static inline void matmul(const float *in, size_t k, const float *w,
                          const float *bias, size_t m, size_t n, float *out)
{
    for (size_t i = 0; i < n; i++) {
        float *o = out + i * m;
        const float *x = in + i * k;
        memcpy(o, bias, m * sizeof *o);
        for (size_t r = 0; r < k; r++)
            if (x[r] != 0)
                axpy8(o, x[r], w + r * m, m);
    }
}

/* ---- the forward pass ---- */

/* One direction of the LSTM over the gate inputs already in r->gate. */
static void lstm_dir(const an__bia_dims *d, const an__bia_par *p,
                     an__bia_run *r, int dir, float *hprev, float *cprev)
{
    size_t H = d->hid, G = 4 * H, n = r->n;
    memset(hprev, 0, H * sizeof *hprev);
    memset(cprev, 0, H * sizeof *cprev);
    for (size_t s = 0; s < n; s++) {
        size_t t = dir ? n - 1 - s : s;
        float *g = r->gate[dir] + t * G;
        for (size_t j = 0; j < H; j++)
            if (hprev[j] != 0)
                axpy8(g, hprev[j], p->wh[dir] + j * G, G);
        an__bia_sigmoid(g, 2 * H);
        an__bia_tanh(g + 2 * H, H);
        an__bia_sigmoid(g + 3 * H, H);
        float *c = r->c[dir] + t * H, *tc = r->tc[dir] + t * H;
        for (size_t j = 0; j < H; j++)
            c[j] = g[H + j] * cprev[j] + g[j] * g[2 * H + j];
        memcpy(tc, c, H * sizeof *tc);
        an__bia_tanh(tc, H);
        float *h = r->hm + t * 2 * H + (size_t)dir * H;
        for (size_t j = 0; j < H; j++)
            h[j] = g[3 * H + j] * tc[j];
        memcpy(hprev, h, H * sizeof *h);
        memcpy(cprev, c, H * sizeof *c);
    }
}

CLONES
int an__bia_forward(const an__bia_dims *d, const an__bia_par *p,
                    an_arena *a, const uint32_t *wid, const uint8_t *tag,
                    size_t n, const float *xmask, const float *hmask,
                    an__bia_run *r)
{
    size_t din = an__bia_din(d), H = d->hid, G = 4 * H, Hm = 2 * H;
    size_t pw = an__bia_pw(d), A = d->arc, Lb = d->lab;
    memset(r, 0, sizeof *r);
    r->n = n;
    r->x = an_arena_array(a, n * din + 1, sizeof(float));
    for (int k = 0; k < 2; k++) {
        r->gate[k] = an_arena_array(a, n * G + 1, sizeof(float));
        r->c[k] = an_arena_array(a, n * H + 1, sizeof(float));
        r->tc[k] = an_arena_array(a, n * H + 1, sizeof(float));
    }
    r->hm = an_arena_array(a, n * Hm + 1, sizeof(float));
    r->hd = hmask ? an_arena_array(a, n * Hm + 1, sizeof(float)) : r->hm;
    r->pre = an_arena_array(a, n * pw + 1, sizeof(float));
    r->pj = an_arena_array(a, (n + 1) * pw, sizeof(float));
    r->uh = an_arena_array(a, (n + 1) * A, sizeof(float));
    r->hb = an_arena_array(a, n + 1, sizeof(float));
    r->s = an_arena_array(a, n * (n + 1) + 1, sizeof(float));
    float *hprev = an_arena_array(a, 2 * H, sizeof(float));
    if (!r->x || !r->gate[0] || !r->gate[1] || !r->c[0] || !r->c[1] ||
        !r->tc[0] || !r->tc[1] || !r->hm || !r->hd || !r->pre || !r->pj ||
        !r->uh || !r->hb || !r->s || !hprev)
        return AN_ENOMEM;
    /* Inputs. */
    for (size_t i = 0; i < n; i++) {
        float *x = r->x + i * din;
        memcpy(x, p->ew + (size_t)wid[i] * d->dw, d->dw * sizeof *x);
        memcpy(x + d->dw, p->et + (size_t)tag[i] * d->dt, d->dt * sizeof *x);
        if (xmask)
            for (size_t j = 0; j < din; j++)
                x[j] *= xmask[i * din + j];
    }
    /* The BiLSTM. */
    for (int k = 0; k < 2; k++) {
        matmul(r->x, din, p->wx[k], p->b[k], G, n, r->gate[k]);
        lstm_dir(d, p, r, k, hprev, hprev + H);
    }
    if (hmask)
        for (size_t i = 0; i < n * Hm; i++)
            r->hd[i] = r->hm[i] * hmask[i];
    /* The projections. */
    matmul(r->hd, Hm, p->pw, p->pb, pw, n, r->pre);
    for (size_t i = 0; i < n * pw; i++) {
        float v = r->pre[i];
        r->pj[i] = v > 0 ? v : LEAK * v;
    }
    float *root = r->pj + n * pw;
    memset(root, 0, pw * sizeof *root);
    memcpy(root + A, p->rah, A * sizeof *root);
    memcpy(root + 2 * A + Lb, p->rlh, Lb * sizeof *root);
    /* U ah[h] and u . ah[h] once per head. */
    for (size_t h = 0; h <= n; h++) {
        const float *ah = r->pj + h * pw + A;
        float *uh = r->uh + h * A;
        memset(uh, 0, A * sizeof *uh);
        for (size_t j = 0; j < A; j++)
            if (ah[j] != 0)
                axpy8(uh, ah[j], p->ut + j * A, A);
        r->hb[h] = dot8(p->u, ah, A);
    }
    /* The arcs. */
    for (size_t dd = 0; dd < n; dd++) {
        const float *ad = r->pj + dd * pw;
        float *s = r->s + dd * (n + 1);
        for (size_t h = 0; h <= n; h++)
            s[h] = h == dd ? -INFINITY
                           : dot8(ad, r->uh + h * A, A) + r->hb[h];
    }
    return AN_OK;
}

void an__bia_label_scores(const an__bia_dims *d, const an__bia_par *p,
                          const an__bia_run *r, size_t dep, size_t h,
                          float *sc)
{
    size_t pw = an__bia_pw(d), A = d->arc, Lb = d->lab, L = d->nlab;
    const float *ld = r->pj + dep * pw + 2 * A;
    const float *lh = r->pj + h * pw + 2 * A + Lb;
    memcpy(sc, p->bl, L * sizeof *sc);
    for (size_t j = 0; j < Lb; j++) {
        const float *w0 = p->wl + j * L, *w1 = p->wl + (Lb + j) * L,
                    *w2 = p->wl + (2 * Lb + j) * L;
        float a0 = ld[j], a1 = lh[j], a2 = ld[j] * lh[j];
        for (size_t l = 0; l < L; l++)
            sc[l] += a0 * w0[l] + a1 * w1[l] + a2 * w2[l];
    }
}

/* ---- decoding ---- */

/* Is d on a cycle of head[] (heads n: the root)? */
static bool on_cycle(const int32_t *head, size_t n, size_t d)
{
    size_t i = d;
    for (size_t k = 0; k <= n; k++) {
        if ((size_t)head[i] == n)
            return false;
        i = (size_t)head[i];
        if (i == d)
            return true;
    }
    return false;
}

int an__bia_decode(an_arena *a, const float *s, size_t n, int32_t *head)
{
    (void)a;
    size_t W = n + 1, root = SIZE_MAX;
    /* The best head of each word; the word most sure of the root keeps
       it, the others take their best other head. */
    for (size_t d = 0; d < n; d++) {
        size_t b = d == 0 ? 1 : 0;
        for (size_t h = 0; h <= n; h++)
            if (h != d && s[d * W + h] > s[d * W + b])
                b = h;
        head[d] = (int32_t)b;
        if (b == n && (root == SIZE_MAX || s[d * W + n] > s[root * W + n]))
            root = d;
    }
    if (root == SIZE_MAX) {
        root = 0;
        for (size_t d = 1; d < n; d++)
            if (s[d * W + n] - s[d * W + (size_t)head[d]] >
                s[root * W + n] - s[root * W + (size_t)head[root]])
                root = d;
        head[root] = (int32_t)n;
    }
    for (size_t d = 0; d < n; d++) {
        if (d == root || (size_t)head[d] != n)
            continue;
        size_t b = root;
        for (size_t h = 0; h < n; h++)
            if (h != d && s[d * W + h] > s[d * W + b])
                b = h;
        head[d] = (int32_t)b;
    }
    /* Break each cycle at its word that loses least by hanging from the
       root word (which is on no cycle). */
    for (size_t d = 0; d < n; d++) {
        if (!on_cycle(head, n, d))
            continue;
        size_t best = d;
        float loss = INFINITY;
        size_t i = d;
        do {
            float l = s[i * W + (size_t)head[i]] - s[i * W + root];
            if (l < loss) {
                loss = l;
                best = i;
            }
            i = (size_t)head[i];
        } while (i != d);
        head[best] = (int32_t)root;
    }
    return AN_OK;
}

/* ---- the model ---- */

void an__bia_close(an__bia *m)
{
    if (!m)
        return;
    free(m->block);
    an__dnn_vocab_fini(&m->voc);
    free(m);
}

int an__bia_open(const an_image *img, uint32_t nlab, uint32_t root,
                 an__bia **out, an_err *err)
{
    *out = NULL;
    an_span meta, vocab, params;
    if (an_image_section(img, "bimeta", &meta) != AN_OK ||
        an_image_section(img, "vocab", &vocab) != AN_OK ||
        an_image_section(img, "params", &params) != AN_OK)
        return an_err_set(err, AN_EFORMAT, "parser model: missing section");
    static_assert(sizeof(an__bia_dims) == 64, "bimeta is 64 bytes");
    an__bia *m = calloc(1, sizeof *m);
    if (!m)
        return an_err_set(err, AN_ENOMEM, "out of memory");
    if (meta.n != sizeof m->d) {
        an__bia_close(m);
        return an_err_set(err, AN_EFORMAT, "parser model: bad bimeta");
    }
    memcpy(&m->d, meta.p, sizeof m->d);
    size_t np = an__bia_npar(&m->d);
    if (np == 0 || m->d.nlab != nlab || m->d.nt < AN_XPOS_COUNT + 1 ||
        params.n != np * sizeof(float) ||
        vocab.n != (size_t)(m->d.nw - AN_DNN_W0) * sizeof(uint64_t)) {
        an__bia_close(m);
        return an_err_set(err, AN_EFORMAT, "parser model: bad network shape");
    }
    m->nlab = nlab;
    m->root = root;
    m->block = malloc(params.n);
    uint64_t *keys = malloc(vocab.n ? vocab.n : 1);
    int rc = m->block && keys ? AN_OK : AN_ENOMEM;
    if (rc == AN_OK) {
        memcpy(m->block, params.p, params.n);
        memcpy(keys, vocab.p, vocab.n);
        an__bia_bind(&m->d, m->block, &m->p);
        for (size_t i = 0; i < np; i++)
            if (!(m->block[i] > -1e6f && m->block[i] < 1e6f)) {
                rc = AN_EFORMAT;
                break;
            }
    }
    if (rc == AN_OK)
        rc = an__dnn_vocab_init(&m->voc, keys, m->d.nw - AN_DNN_W0);
    free(keys);
    if (rc != AN_OK) {
        an__bia_close(m);
        return an_err_set(err, rc, rc == AN_EFORMAT
                                       ? "parser model: bad weights"
                                       : "out of memory");
    }
    *out = m;
    return AN_OK;
}

int an__bia_parse(const an__bia *m, an_arena *a, const an__dep_word *wd,
                  size_t n, int32_t *head, uint8_t *lab)
{
    uint32_t *wid = an_arena_array(a, n + 1, sizeof *wid);
    uint8_t *tag = an_arena_alloc(a, n + 1);
    float *sc = an_arena_array(a, m->nlab, sizeof *sc);
    if (!wid || !tag || !sc)
        return AN_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        wid[i] = an__dnn_vocab_get(&m->voc, wd[i].w);
        tag[i] = wd[i].p < m->d.nt - 1 ? wd[i].p : (uint8_t)(m->d.nt - 1);
    }
    an__bia_run r;
    int rc = an__bia_forward(&m->d, &m->p, a, wid, tag, n, NULL, NULL, &r);
    if (rc == AN_OK)
        rc = an__bia_decode(a, r.s, n, head);
    if (rc != AN_OK)
        return rc;
    for (size_t i = 0; i < n; i++) {
        size_t h = (size_t)head[i];
        if (h == n) {
            lab[i] = (uint8_t)m->root;
            continue;
        }
        an__bia_label_scores(&m->d, &m->p, &r, i, h, sc);
        uint32_t best = m->root == 0 ? 1 : 0;
        for (uint32_t l = 0; l < m->nlab; l++)
            if (l != m->root && sc[l] > sc[best])
                best = l;
        lab[i] = (uint8_t)best;
    }
    return AN_OK;
}
