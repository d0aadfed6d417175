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
#include "mst.h"

/* No fused multiply-adds: the same sums on every machine (gcc does not
   contract under -std=c17). */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

/* The vector helpers below are static and inlined: their ABI does not
   matter. */
#if defined(__clang__)
#pragma clang diagnostic ignored "-Wpsabi"
#elif defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif

/* The helpers of the cloned functions are inlined into each clone. */
#if defined(__GNUC__)
#define INL static inline __attribute__((always_inline))
#else
#define INL static inline
#endif

/* The slope of the projections' activation below zero. */
#define LEAK 0.1f

struct an__bia {
    an__bia_dims d;
    float *block;       /* parameters, copied from the image */
    an__bia_par p;
    an__dnn_vocab voc;
    an__bia_tabs tabs;  /* input products of the frequent words, tags */
    uint32_t nlab, root;
};

/* Words whose input products are computed when the model is opened. */
#define TAB_WORDS 4096

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
        d->arc == 0 || d->arc > 1024 || d->arc % 16 || d->lab == 0 ||
        d->lab > 1024 || d->lab % 8 || d->nlab == 0 || d->nlab > 64 ||
        d->nsuf > (1u << 20) || d->ds > 1024 ||
        (d->nsuf == 0) != (d->ds == 0) || d->hid2 > 1024 || d->hid2 % 8)
        return 0;
    size_t din = an__bia_din(d), G = 4 * (size_t)d->hid, H = d->hid;
    size_t pw = an__bia_pw(d), A = d->arc, Lb = d->lab;
    size_t H2 = d->hid2, G2 = 4 * H2;
    return (size_t)d->nw * d->dw + (size_t)d->nt * d->dt +
           (size_t)d->nsuf * d->ds + 2 * (din * G + H * G + G) +
           2 * (2 * H * G2 + H2 * G2 + G2) + 2 * an__bia_top(d) * pw + pw +
           A + Lb + A * A + A +
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
    p->es = q;
    q += (size_t)d->nsuf * d->ds;
    for (int k = 0; k < 2; k++) {
        p->wx[k] = q;
        q += din * G;
        p->wh[k] = q;
        q += H * G;
        p->b[k] = q;
        q += G;
    }
    size_t H2 = d->hid2, G2 = 4 * H2;
    for (int k = 0; k < 2; k++) {
        p->wx2[k] = q;
        q += 2 * H * G2;
        p->wh2[k] = q;
        q += H2 * G2;
        p->b2[k] = q;
        q += G2;
    }
    p->pw = q;
    q += 2 * an__bia_top(d) * pw;
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

#define LOG2E 1.44269504f

/* Eight floats as one vector (GCC and clang vector extensions: AVX
   registers in the AVX2 clone, pairs of SSE registers in the baseline).
   Every product is added on its own, in the same order in every build. */
typedef float v8 __attribute__((vector_size(32)));

INL v8 ld8(const float *p)
{
    v8 v;
    memcpy(&v, p, sizeof v);
    return v;
}

INL void st8(float *p, v8 v) { memcpy(p, &v, sizeof v); }

typedef int32_t i8 __attribute__((vector_size(32)));

INL v8 bc8(float a) { return (v8){a, a, a, a, a, a, a, a}; }

INL float dot8(const float *x, const float *y, size_t n)
{
    v8 acc = bc8(0);
    for (size_t i = 0; i < n; i += 8)
        acc += ld8(x + i) * ld8(y + i);
    return ((acc[0] + acc[1]) + (acc[2] + acc[3])) +
           ((acc[4] + acc[5]) + (acc[6] + acc[7]));
}

/*
 * out[i] += x[i] W for rows i < nr of k inputs (x row stride xs, out row
 * stride os) and W of k rows of m (m a multiple of 8): each output adds
 * x[i][r] W[r] for r = 0, 1, ... in turn.  Four rows and sixteen columns
 * at a time, the sums kept in registers.
 */
INL void gemm(const float *x, size_t xs, size_t nr, size_t k,
                        const float *w, size_t m, float *out, size_t os)
{
    size_t i = 0;
    for (; i + 4 <= nr; i += 4) {
        const float *x0 = x + i * xs, *x1 = x0 + xs, *x2 = x1 + xs,
                    *x3 = x2 + xs;
        float *o0 = out + i * os, *o1 = o0 + os, *o2 = o1 + os, *o3 = o2 + os;
        size_t j = 0;
        for (; j + 16 <= m; j += 16) {
            v8 a0 = ld8(o0 + j), b0 = ld8(o0 + j + 8);
            v8 a1 = ld8(o1 + j), b1 = ld8(o1 + j + 8);
            v8 a2 = ld8(o2 + j), b2 = ld8(o2 + j + 8);
            v8 a3 = ld8(o3 + j), b3 = ld8(o3 + j + 8);
            const float *wr = w + j;
            for (size_t r = 0; r < k; r++, wr += m) {
                v8 wa = ld8(wr), wb = ld8(wr + 8);
                float e0 = x0[r], e1 = x1[r], e2 = x2[r], e3 = x3[r];
                a0 += wa * e0;
                b0 += wb * e0;
                a1 += wa * e1;
                b1 += wb * e1;
                a2 += wa * e2;
                b2 += wb * e2;
                a3 += wa * e3;
                b3 += wb * e3;
            }
            st8(o0 + j, a0);
            st8(o0 + j + 8, b0);
            st8(o1 + j, a1);
            st8(o1 + j + 8, b1);
            st8(o2 + j, a2);
            st8(o2 + j + 8, b2);
            st8(o3 + j, a3);
            st8(o3 + j + 8, b3);
        }
        for (; j < m; j += 8) {
            v8 a0 = ld8(o0 + j), a1 = ld8(o1 + j), a2 = ld8(o2 + j),
               a3 = ld8(o3 + j);
            const float *wr = w + j;
            for (size_t r = 0; r < k; r++, wr += m) {
                v8 wa = ld8(wr);
                a0 += wa * x0[r];
                a1 += wa * x1[r];
                a2 += wa * x2[r];
                a3 += wa * x3[r];
            }
            st8(o0 + j, a0);
            st8(o1 + j, a1);
            st8(o2 + j, a2);
            st8(o3 + j, a3);
        }
    }
    for (; i < nr; i++) {
        const float *x0 = x + i * xs;
        float *o0 = out + i * os;
        size_t j = 0;
        for (; j + 64 <= m; j += 64) {
            v8 a0 = ld8(o0 + j), a1 = ld8(o0 + j + 8), a2 = ld8(o0 + j + 16),
               a3 = ld8(o0 + j + 24), a4 = ld8(o0 + j + 32),
               a5 = ld8(o0 + j + 40), a6 = ld8(o0 + j + 48),
               a7 = ld8(o0 + j + 56);
            const float *wr = w + j;
            for (size_t r = 0; r < k; r++, wr += m) {
                float e = x0[r];
                a0 += ld8(wr) * e;
                a1 += ld8(wr + 8) * e;
                a2 += ld8(wr + 16) * e;
                a3 += ld8(wr + 24) * e;
                a4 += ld8(wr + 32) * e;
                a5 += ld8(wr + 40) * e;
                a6 += ld8(wr + 48) * e;
                a7 += ld8(wr + 56) * e;
            }
            st8(o0 + j, a0);
            st8(o0 + j + 8, a1);
            st8(o0 + j + 16, a2);
            st8(o0 + j + 24, a3);
            st8(o0 + j + 32, a4);
            st8(o0 + j + 40, a5);
            st8(o0 + j + 48, a6);
            st8(o0 + j + 56, a7);
        }
        for (; j + 32 <= m; j += 32) {
            v8 a0 = ld8(o0 + j), a1 = ld8(o0 + j + 8), a2 = ld8(o0 + j + 16),
               a3 = ld8(o0 + j + 24);
            const float *wr = w + j;
            for (size_t r = 0; r < k; r++, wr += m) {
                float e = x0[r];
                a0 += ld8(wr) * e;
                a1 += ld8(wr + 8) * e;
                a2 += ld8(wr + 16) * e;
                a3 += ld8(wr + 24) * e;
            }
            st8(o0 + j, a0);
            st8(o0 + j + 8, a1);
            st8(o0 + j + 16, a2);
            st8(o0 + j + 24, a3);
        }
        for (; j < m; j += 8) {
            v8 a0 = ld8(o0 + j);
            const float *wr = w + j;
            for (size_t r = 0; r < k; r++, wr += m)
                a0 += ld8(wr) * x0[r];
            st8(o0 + j, a0);
        }
    }
}

/* Rows i < n of out (m wide) set to v (m floats). */
INL void fill_rows(float *out, size_t n, const float *v, size_t m)
{
    for (size_t i = 0; i < n; i++)
        memcpy(out + i * m, v, m * sizeof *out);
}

/* 2^t, t clamped to [-125, 125]: a power of two times a polynomial of
   degree 6 on [-0.5, 0.5] (relative error about 2e-7). */
INL v8 exp2_v8(v8 t)
{
    /* Clamp to [-125, 125], then round to the nearest integer k by
       truncating a positive number. */
    v8 lo = bc8(-125.0f), hi = bc8(125.0f);
    i8 m = t < lo;
    t = (v8)((m & (i8)lo) | (~m & (i8)t));
    m = t > hi;
    t = (v8)((m & (i8)hi) | (~m & (i8)t));
    i8 k = __builtin_convertvector(t + bc8(128.5f), i8) - 128;
    v8 f = t - __builtin_convertvector(k, v8);
    v8 p = bc8(1.5403530e-4f);
    p = p * f + bc8(1.3333558e-3f);
    p = p * f + bc8(9.6181291e-3f);
    p = p * f + bc8(5.5504109e-2f);
    p = p * f + bc8(2.4022651e-1f);
    p = p * f + bc8(6.9314718e-1f);
    p = p * f + bc8(1.0f);
    i8 bits = (k + 127) * (1 << 23);
    v8 sc;
    memcpy(&sc, &bits, sizeof sc);
    return p * sc;
}

/* The logistic function of x[0..n), n a multiple of 8. */
INL void sigm8(float *x, size_t n)
{
    for (size_t i = 0; i < n; i += 8)
        st8(x + i, bc8(1.0f) / (bc8(1.0f) + exp2_v8(bc8(-LOG2E) * ld8(x + i))));
}

INL void tanh8(float *x, size_t n)
{
    for (size_t i = 0; i < n; i += 8)
        st8(x + i, bc8(2.0f) / (bc8(1.0f) +
                                exp2_v8(bc8(-2.0f * LOG2E) * ld8(x + i))) -
                       bc8(1.0f));
}

/* ---- the forward pass ---- */

/* One direction (dir) of an LSTM layer of H units over n words whose
   gate inputs are already in gate: the recurrent weights wh, the cells
   c and tc, the states into hm (n x 2 H, this direction's half). */
INL void lstm_dir(size_t H, const float *wh, float *gate, float *cs,
                  float *tcs, float *hm, size_t n, int dir, float *hprev,
                  float *cprev)
{
    size_t G = 4 * H;
    memset(hprev, 0, H * sizeof *hprev);
    memset(cprev, 0, H * sizeof *cprev);
    for (size_t s = 0; s < n; s++) {
        size_t t = dir ? n - 1 - s : s;
        float *g = gate + t * G;
        if (s > 0)
            gemm(hprev, H, 1, H, wh, G, g, G);
        sigm8(g, 2 * H);
        tanh8(g + 2 * H, H);
        sigm8(g + 3 * H, H);
        float *c = cs + t * H, *tc = tcs + t * H;
        for (size_t j = 0; j < H; j += 8)
            st8(c + j, ld8(g + H + j) * ld8(cprev + j) +
                           ld8(g + j) * ld8(g + 2 * H + j));
        memcpy(tc, c, H * sizeof *tc);
        tanh8(tc, H);
        float *h = hm + t * 2 * H + (size_t)dir * H;
        for (size_t j = 0; j < H; j += 8)
            st8(h + j, ld8(g + 3 * H + j) * ld8(tc + j));
        memcpy(hprev, h, H * sizeof *h);
        memcpy(cprev, c, H * sizeof *c);
    }
}

/* The input-to-gate products of one word, both directions: out (8 H) =
   (W_word x_word + (b + W_tag x_tag)) + W_suf x_suf, each part summed row
   by row (so that the tables of make_tables give the same numbers). */
INL void word_gates(const an__bia_dims *d, const an__bia_par *p,
                              const float *x, float *out, float *tmp)
{
    size_t G = 4 * (size_t)d->hid;
    for (int k = 0; k < 2; k++) {
        float *o = out + (size_t)k * G;
        memset(o, 0, G * sizeof *o);
        gemm(x, 0, 1, d->dw, p->wx[k], G, o, G);
        memcpy(tmp, p->b[k], G * sizeof *tmp);
        gemm(x + d->dw, 0, 1, d->dt, p->wx[k] + (size_t)d->dw * G, G, tmp, G);
        for (size_t j = 0; j < G; j += 8)
            st8(o + j, ld8(o + j) + ld8(tmp + j));
        if (d->ds == 0)
            continue;
        memset(tmp, 0, G * sizeof *tmp);
        gemm(x + d->dw + d->dt, 0, 1, d->ds,
             p->wx[k] + ((size_t)d->dw + d->dt) * G, G, tmp, G);
        for (size_t j = 0; j < G; j += 8)
            st8(o + j, ld8(o + j) + ld8(tmp + j));
    }
}

CLONES
int an__bia_forward(const an__bia_dims *d, const an__bia_par *p,
                    const an__bia_tabs *tb, an_arena *a, const uint32_t *wid,
                    const uint8_t *tag, const uint32_t *suf, size_t n,
                    const float *xmask,
                    const float *hmask, an__bia_run *r)
{
    size_t din = an__bia_din(d), H = d->hid, G = 4 * H, Hm = 2 * H;
    size_t H2 = d->hid2, G2 = 4 * H2, Ht = an__bia_top(d), Htm = 2 * Ht;
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
    r->top = r->hm;
    bool ok2 = true;
    if (H2) {
        for (int k = 0; k < 2; k++) {
            r->gate2[k] = an_arena_array(a, n * G2 + 1, sizeof(float));
            r->c2[k] = an_arena_array(a, n * H2 + 1, sizeof(float));
            r->tc2[k] = an_arena_array(a, n * H2 + 1, sizeof(float));
            ok2 = ok2 && r->gate2[k] && r->c2[k] && r->tc2[k];
        }
        r->hm2 = an_arena_array(a, n * 2 * H2 + 1, sizeof(float));
        r->h1d = hmask ? an_arena_array(a, n * Hm + 1, sizeof(float)) : r->hm;
        r->top = r->hm2;
        ok2 = ok2 && r->hm2 && r->h1d;
    }
    r->hd = hmask ? an_arena_array(a, n * Htm + 1, sizeof(float)) : r->top;
    r->pre = an_arena_array(a, n * pw + 1, sizeof(float));
    r->pj = an_arena_array(a, (n + 1) * pw, sizeof(float));
    r->uh = an_arena_array(a, (n + 1) * A, sizeof(float));
    r->hb = an_arena_array(a, n + 1, sizeof(float));
    r->s = an_arena_array(a, n * (n + 1) + 1, sizeof(float));
    /* Scratch: the gates of a word (2 G), word_gates' (G), then the
       recurrent state of a direction (2 max(H, H2)). */
    float *tmp = an_arena_array(a, 3 * G + 2 * AN_MAX(H, H2), sizeof(float));
    if (!ok2 || !r->x || !r->gate[0] || !r->gate[1] || !r->c[0] || !r->c[1] ||
        !r->tc[0] || !r->tc[1] || !r->hm || !r->hd || !r->pre || !r->pj ||
        !r->uh || !r->hb || !r->s || !tmp)
        return AN_ENOMEM;
    /* Inputs and their gate products. */
    for (size_t i = 0; i < n; i++) {
        float *x = r->x + i * din;
        memcpy(x, p->ew + (size_t)wid[i] * d->dw, d->dw * sizeof *x);
        memcpy(x + d->dw, p->et + (size_t)tag[i] * d->dt, d->dt * sizeof *x);
        if (d->ds)
            memcpy(x + d->dw + d->dt, p->es + (size_t)suf[i] * d->ds,
                   d->ds * sizeof *x);
        if (xmask)
            for (size_t j = 0; j < din; j++)
                x[j] *= xmask[i * din + j];
        float *g0 = r->gate[0] + i * G, *g1 = r->gate[1] + i * G;
        if (tb && !xmask && wid[i] < tb->kw) {
            const float *tw = tb->word + (size_t)wid[i] * 2 * G;
            const float *tt = tb->tag + (size_t)tag[i] * 2 * G;
            for (size_t j = 0; j < G; j += 8) {
                st8(g0 + j, ld8(tw + j) + ld8(tt + j));
                st8(g1 + j, ld8(tw + G + j) + ld8(tt + G + j));
            }
            if (d->ds) {
                const float *ts = tb->suf + (size_t)suf[i] * 2 * G;
                for (size_t j = 0; j < G; j += 8) {
                    st8(g0 + j, ld8(g0 + j) + ld8(ts + j));
                    st8(g1 + j, ld8(g1 + j) + ld8(ts + G + j));
                }
            }
            continue;
        }
        word_gates(d, p, x, tmp, tmp + 2 * G);
        memcpy(g0, tmp, G * sizeof *g0);
        memcpy(g1, tmp + G, G * sizeof *g1);
    }
    /* The BiLSTM. */
    float *hprev = tmp + 3 * G;
    for (int k = 0; k < 2; k++)
        lstm_dir(H, p->wh[k], r->gate[k], r->c[k], r->tc[k], r->hm, n, k,
                 hprev, hprev + H);
    if (H2) {
        /* The second layer over the first's states (after dropout). */
        if (hmask) {
            for (size_t i = 0; i < n * Hm; i++)
                r->h1d[i] = r->hm[i] * hmask[i];
            hmask += n * Hm;
        }
        for (int k = 0; k < 2; k++) {
            fill_rows(r->gate2[k], n, p->b2[k], G2);
            gemm(r->h1d, Hm, n, Hm, p->wx2[k], G2, r->gate2[k], G2);
            lstm_dir(H2, p->wh2[k], r->gate2[k], r->c2[k], r->tc2[k], r->hm2,
                     n, k, hprev, hprev + H2);
        }
    }
    if (hmask)
        for (size_t i = 0; i < n * Htm; i++)
            r->hd[i] = r->top[i] * hmask[i];
    /* The projections. */
    fill_rows(r->pre, n, p->pb, pw);
    gemm(r->hd, Htm, n, Htm, p->pw, pw, r->pre, pw);
    for (size_t i = 0; i < n * pw; i += 8) {
        /* max(v, LEAK v): v when v > 0, LEAK v otherwise. */
        v8 v = ld8(r->pre + i), lv = v * LEAK;
        i8 pos = v > bc8(0);
        st8(r->pj + i, (v8)((pos & (i8)v) | (~pos & (i8)lv)));
    }
    float *root = r->pj + n * pw;
    memset(root, 0, pw * sizeof *root);
    memcpy(root + A, p->rah, A * sizeof *root);
    memcpy(root + 2 * A + Lb, p->rlh, Lb * sizeof *root);
    /* U ah[h] and u . ah[h] once per head. */
    memset(r->uh, 0, (n + 1) * A * sizeof *r->uh);
    gemm(r->pj + A, pw, n + 1, A, p->ut, A, r->uh, A);
    for (size_t h = 0; h <= n; h++)
        r->hb[h] = dot8(p->u, r->pj + h * pw + A, A);
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

/* The tables of the input-to-gate products of the kw most frequent
   words and of every tag. */
CLONES
static int make_tables(const an__bia_dims *d, const an__bia_par *p,
                       size_t kw, an__bia_tabs *tb)
{
    size_t G = 4 * (size_t)d->hid;
    tb->kw = AN_MIN(kw, (size_t)d->nw);
    tb->word = calloc(tb->kw * 2 * G + 1, sizeof(float));
    tb->tag = calloc((size_t)d->nt * 2 * G + 1, sizeof(float));
    tb->suf = calloc((size_t)d->nsuf * 2 * G + 1, sizeof(float));
    if (!tb->word || !tb->tag || !tb->suf)
        return AN_ENOMEM;
    for (size_t k = 0; k < d->nsuf; k++)
        for (int dir = 0; dir < 2; dir++)
            gemm(p->es + k * d->ds, 0, 1, d->ds,
                 p->wx[dir] + ((size_t)d->dw + d->dt) * G, G,
                 tb->suf + (k * 2 + (size_t)dir) * G, G);
    for (size_t w = 0; w < tb->kw; w++)
        for (int k = 0; k < 2; k++)
            gemm(p->ew + w * d->dw, 0, 1, d->dw, p->wx[k],
                 G, tb->word + (w * 2 + (size_t)k) * G, G);
    for (size_t t = 0; t < d->nt; t++)
        for (int k = 0; k < 2; k++) {
            float *o = tb->tag + (t * 2 + (size_t)k) * G;
            memcpy(o, p->b[k], G * sizeof *o);
            gemm(p->et + t * d->dt, 0, 1, d->dt, p->wx[k] + (size_t)d->dw * G,
                 G, o, G);
        }
    return AN_OK;
}

CLONES
void an__bia_label_scores(const an__bia_dims *d, const an__bia_par *p,
                          const an__bia_run *r, size_t dep, size_t h,
                          float *sc)
{
    /* sc[l] = bl[l] + the sum over j of ld[j] w0[l], lh[j] w1[l] and
       ld[j] lh[j] w2[l], added in that order. */
    size_t pw = an__bia_pw(d), A = d->arc, Lb = d->lab, L = d->nlab;
    size_t L8 = L & ~(size_t)7;
    const float *ld = r->pj + dep * pw + 2 * A;
    const float *lh = r->pj + h * pw + 2 * A + Lb;
    memcpy(sc, p->bl, L * sizeof *sc);
    for (size_t j = 0; j < Lb; j++) {
        const float *w0 = p->wl + j * L, *w1 = p->wl + (Lb + j) * L,
                    *w2 = p->wl + (2 * Lb + j) * L;
        float a0 = ld[j], a1 = lh[j], a2 = ld[j] * lh[j];
        size_t l = 0;
        for (; l < L8; l += 8) {
            v8 v = ld8(sc + l);
            v += ld8(w0 + l) * a0;
            v += ld8(w1 + l) * a1;
            v += ld8(w2 + l) * a2;
            st8(sc + l, v);
        }
        for (; l < L; l++) {
            float v = sc[l];
            v += w0[l] * a0;
            v += w1[l] * a1;
            v += w2[l] * a2;
            sc[l] = v;
        }
    }
}

/* ---- decoding ---- */

int an__bia_decode(an_arena *a, const float *s, size_t n, int32_t *head)
{
    int rc = an__mst(a, s, n, head);
    if (rc != AN_OK)
        return rc;
    for (size_t d = 0; d < n; d++)
        if (head[d] < 0)
            head[d] = (int32_t)n;
    return AN_OK;
}

void an__bia_sigmoid(float *x, size_t n)
{
    size_t m = n & ~(size_t)7;
    sigm8(x, m);
    float t[8] = {0};
    memcpy(t, x + m, (n - m) * sizeof *t);
    sigm8(t, 8);
    memcpy(x + m, t, (n - m) * sizeof *t);
}

void an__bia_tanh(float *x, size_t n)
{
    size_t m = n & ~(size_t)7;
    tanh8(x, m);
    float t[8] = {0};
    memcpy(t, x + m, (n - m) * sizeof *t);
    tanh8(t, 8);
    memcpy(x + m, t, (n - m) * sizeof *t);
}

/* ---- the model ---- */

void an__bia_close(an__bia *m)
{
    if (!m)
        return;
    free(m->block);
    free(m->tabs.word);
    free(m->tabs.tag);
    free(m->tabs.suf);
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
    if (rc == AN_OK)
        rc = make_tables(&m->d, &m->p, TAB_WORDS, &m->tabs);
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
    uint32_t *suf = an_arena_array(a, n + 1, sizeof *suf);
    float *sc = an_arena_array(a, m->nlab, sizeof *sc);
    if (!wid || !tag || !suf || !sc)
        return AN_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        wid[i] = an__dnn_vocab_get(&m->voc, wd[i].w);
        tag[i] = wd[i].p < m->d.nt - 1 ? wd[i].p : (uint8_t)(m->d.nt - 1);
        suf[i] = m->d.nsuf ? an__bia_suf(wd[i].suf, m->d.nsuf) : 0;
    }
    an__bia_run r;
    int rc = an__bia_forward(&m->d, &m->p, &m->tabs, a, wid, tag, suf, n, NULL,
                             NULL, &r);
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
