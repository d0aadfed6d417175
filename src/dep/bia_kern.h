/*
** bia_kern.h - the vector code of the BiLSTM + biaffine parser (bia.c),
** included twice by bia.c: with VW 8 (eight-float vectors, functions
** compiled for AVX2, chosen at run time when the processor has it) and
** with VW 4 (four-float vectors, which every x86-64 and ARM64 has).  KN(x)
** names each copy's functions, KATTR is their target attribute.  Both
** copies compute the same numbers: every output adds its products one by
** one in the same order, and dot products keep the same eight partial
** sums.
*/
#define v8 KN(v8)
#define i8 KN(i8)
#define ld8 KN(ld8)
#define st8 KN(st8)
#define bc8 KN(bc8)
#define dot8 KN(dot8)
#define gemm KN(gemm)
#define fill_rows KN(fill_rows)
#define exp2_v8 KN(exp2_v8)
#define sigm8 KN(sigm8)
#define tanh8 KN(tanh8)
#define lstm_dir KN(lstm_dir)
#define word_gates KN(word_gates)

/* VW floats as one vector (GCC and clang vector extensions).  Every
   product is added on its own, in the same order at either width. */
typedef float v8 __attribute__((vector_size(VW * 4)));

INL KATTR v8 ld8(const float *p)
{
    v8 v;
    memcpy(&v, p, sizeof v);
    return v;
}

INL KATTR void st8(float *p, v8 v) { memcpy(p, &v, sizeof v); }

typedef int32_t i8 __attribute__((vector_size(VW * 4)));

INL KATTR v8 bc8(float a)
{
    v8 v;
    for (int k = 0; k < VW; k++)
        v[k] = a;
    return v;
}

/* The dot product of x and y (n a multiple of 8) in eight partial sums,
   lane k adding the elements i with i % 8 == k. */
INL KATTR float dot8(const float *x, const float *y, size_t n)
{
    float s[8];
#if VW == 8
    v8 acc = bc8(0);
    for (size_t i = 0; i < n; i += VW)
        acc += ld8(x + i) * ld8(y + i);
    memcpy(s, &acc, sizeof s);
#else
    v8 acc0 = bc8(0), acc1 = bc8(0);
    for (size_t i = 0; i < n; i += 8) {
        acc0 += ld8(x + i) * ld8(y + i);
        acc1 += ld8(x + i + 4) * ld8(y + i + 4);
    }
    memcpy(s, &acc0, sizeof acc0);
    memcpy(s + 4, &acc1, sizeof acc1);
#endif
    return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
}

/*
 * out[i] += x[i] W for rows i < nr of k inputs (x row stride xs, out row
 * stride os) and W of k rows of m (m a multiple of 8): each output adds
 * x[i][r] W[r] for r = 0, 1, ... in turn.  Four rows and sixteen columns
 * at a time, the sums kept in registers.
 */
INL KATTR void gemm(const float *x, size_t xs, size_t nr, size_t k,
                        const float *w, size_t m, float *out, size_t os)
{
    size_t i = 0;
    for (; i + 4 <= nr; i += 4) {
        const float *x0 = x + i * xs, *x1 = x0 + xs, *x2 = x1 + xs,
                    *x3 = x2 + xs;
        float *o0 = out + i * os, *o1 = o0 + os, *o2 = o1 + os, *o3 = o2 + os;
        size_t j = 0;
        for (; j + 2 * VW <= m; j += 2 * VW) {
            v8 a0 = ld8(o0 + j), b0 = ld8(o0 + j + VW);
            v8 a1 = ld8(o1 + j), b1 = ld8(o1 + j + VW);
            v8 a2 = ld8(o2 + j), b2 = ld8(o2 + j + VW);
            v8 a3 = ld8(o3 + j), b3 = ld8(o3 + j + VW);
            const float *wr = w + j;
            for (size_t r = 0; r < k; r++, wr += m) {
                v8 wa = ld8(wr), wb = ld8(wr + VW);
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
            st8(o0 + j + VW, b0);
            st8(o1 + j, a1);
            st8(o1 + j + VW, b1);
            st8(o2 + j, a2);
            st8(o2 + j + VW, b2);
            st8(o3 + j, a3);
            st8(o3 + j + VW, b3);
        }
        for (; j < m; j += VW) {
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
        for (; j + 8 * VW <= m; j += 8 * VW) {
            v8 a0 = ld8(o0 + j), a1 = ld8(o0 + j + VW), a2 = ld8(o0 + j + 2 * VW),
               a3 = ld8(o0 + j + 3 * VW), a4 = ld8(o0 + j + 4 * VW),
               a5 = ld8(o0 + j + 5 * VW), a6 = ld8(o0 + j + 6 * VW),
               a7 = ld8(o0 + j + 7 * VW);
            const float *wr = w + j;
            for (size_t r = 0; r < k; r++, wr += m) {
                float e = x0[r];
                a0 += ld8(wr) * e;
                a1 += ld8(wr + VW) * e;
                a2 += ld8(wr + 2 * VW) * e;
                a3 += ld8(wr + 3 * VW) * e;
                a4 += ld8(wr + 4 * VW) * e;
                a5 += ld8(wr + 5 * VW) * e;
                a6 += ld8(wr + 6 * VW) * e;
                a7 += ld8(wr + 7 * VW) * e;
            }
            st8(o0 + j, a0);
            st8(o0 + j + VW, a1);
            st8(o0 + j + 2 * VW, a2);
            st8(o0 + j + 3 * VW, a3);
            st8(o0 + j + 4 * VW, a4);
            st8(o0 + j + 5 * VW, a5);
            st8(o0 + j + 6 * VW, a6);
            st8(o0 + j + 7 * VW, a7);
        }
        for (; j + 4 * VW <= m; j += 4 * VW) {
            v8 a0 = ld8(o0 + j), a1 = ld8(o0 + j + VW), a2 = ld8(o0 + j + 2 * VW),
               a3 = ld8(o0 + j + 3 * VW);
            const float *wr = w + j;
            for (size_t r = 0; r < k; r++, wr += m) {
                float e = x0[r];
                a0 += ld8(wr) * e;
                a1 += ld8(wr + VW) * e;
                a2 += ld8(wr + 2 * VW) * e;
                a3 += ld8(wr + 3 * VW) * e;
            }
            st8(o0 + j, a0);
            st8(o0 + j + VW, a1);
            st8(o0 + j + 2 * VW, a2);
            st8(o0 + j + 3 * VW, a3);
        }
        for (; j < m; j += VW) {
            v8 a0 = ld8(o0 + j);
            const float *wr = w + j;
            for (size_t r = 0; r < k; r++, wr += m)
                a0 += ld8(wr) * x0[r];
            st8(o0 + j, a0);
        }
    }
}

/* Rows i < n of out (m wide) set to v (m floats). */
INL KATTR void fill_rows(float *out, size_t n, const float *v, size_t m)
{
    for (size_t i = 0; i < n; i++)
        memcpy(out + i * m, v, m * sizeof *out);
}

/* 2^t, t clamped to [-125, 125]: a power of two times a polynomial of
   degree 6 on [-0.5, 0.5] (relative error about 2e-7). */
INL KATTR v8 exp2_v8(v8 t)
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
INL KATTR void sigm8(float *x, size_t n)
{
    for (size_t i = 0; i < n; i += VW)
        st8(x + i, bc8(1.0f) / (bc8(1.0f) + exp2_v8(bc8(-LOG2E) * ld8(x + i))));
}

INL KATTR void tanh8(float *x, size_t n)
{
    for (size_t i = 0; i < n; i += VW)
        st8(x + i, bc8(2.0f) / (bc8(1.0f) +
                                exp2_v8(bc8(-2.0f * LOG2E) * ld8(x + i))) -
                       bc8(1.0f));
}

/* ---- the forward pass ---- */

/* One direction (dir) of an LSTM layer of H units over n words whose
   gate inputs are already in gate: the recurrent weights wh, the cells
   c and tc, the states into hm (n x 2 H, this direction's half). */
INL KATTR void lstm_dir(size_t H, const float *wh, float *gate, float *cs,
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
        for (size_t j = 0; j < H; j += VW)
            st8(c + j, ld8(g + H + j) * ld8(cprev + j) +
                           ld8(g + j) * ld8(g + 2 * H + j));
        memcpy(tc, c, H * sizeof *tc);
        tanh8(tc, H);
        float *h = hm + t * 2 * H + (size_t)dir * H;
        for (size_t j = 0; j < H; j += VW)
            st8(h + j, ld8(g + 3 * H + j) * ld8(tc + j));
        memcpy(hprev, h, H * sizeof *h);
        memcpy(cprev, c, H * sizeof *c);
    }
}

/* The input-to-gate products of one word, both directions: out (8 H) =
   (W_word x_word + (b + W_tag x_tag)) + W_suf x_suf, each part summed row
   by row (so that the tables of make_tables give the same numbers). */
INL KATTR void word_gates(const an__bia_dims *d, const an__bia_par *p,
                              const float *x, float *out, float *tmp)
{
    size_t G = 4 * (size_t)d->hid;
    for (int k = 0; k < 2; k++) {
        float *o = out + (size_t)k * G;
        memset(o, 0, G * sizeof *o);
        gemm(x, 0, 1, d->dw, p->wx[k], G, o, G);
        memcpy(tmp, p->b[k], G * sizeof *tmp);
        gemm(x + d->dw, 0, 1, d->dt, p->wx[k] + (size_t)d->dw * G, G, tmp, G);
        for (size_t j = 0; j < G; j += VW)
            st8(o + j, ld8(o + j) + ld8(tmp + j));
        if (d->ds == 0)
            continue;
        memset(tmp, 0, G * sizeof *tmp);
        gemm(x + d->dw + d->dt, 0, 1, d->ds,
             p->wx[k] + ((size_t)d->dw + d->dt) * G, G, tmp, G);
        for (size_t j = 0; j < G; j += VW)
            st8(o + j, ld8(o + j) + ld8(tmp + j));
    }
}

KATTR
static int KN(forward)(const an__bia_dims *d, const an__bia_par *p,
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
            for (size_t j = 0; j < G; j += VW) {
                st8(g0 + j, ld8(tw + j) + ld8(tt + j));
                st8(g1 + j, ld8(tw + G + j) + ld8(tt + G + j));
            }
            if (d->ds) {
                const float *ts = tb->suf + (size_t)suf[i] * 2 * G;
                for (size_t j = 0; j < G; j += VW) {
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
    for (size_t i = 0; i < n * pw; i += VW) {
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
KATTR
static int KN(make_tables)(const an__bia_dims *d, const an__bia_par *p,
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

KATTR
static void KN(label_scores)(const an__bia_dims *d, const an__bia_par *p,
                          const an__bia_run *r, size_t dep, size_t h,
                          float *sc)
{
    /* sc[l] = bl[l] + the sum over j of ld[j] w0[l], lh[j] w1[l] and
       ld[j] lh[j] w2[l], added in that order. */
    size_t pw = an__bia_pw(d), A = d->arc, Lb = d->lab, L = d->nlab;
    size_t L8 = L & ~(size_t)(VW - 1);
    const float *ld = r->pj + dep * pw + 2 * A;
    const float *lh = r->pj + h * pw + 2 * A + Lb;
    memcpy(sc, p->bl, L * sizeof *sc);
    for (size_t j = 0; j < Lb; j++) {
        const float *w0 = p->wl + j * L, *w1 = p->wl + (Lb + j) * L,
                    *w2 = p->wl + (2 * Lb + j) * L;
        float a0 = ld[j], a1 = lh[j], a2 = ld[j] * lh[j];
        size_t l = 0;
        for (; l < L8; l += VW) {
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

#undef v8
#undef i8
#undef ld8
#undef st8
#undef bc8
#undef dot8
#undef gemm
#undef fill_rows
#undef exp2_v8
#undef sigm8
#undef tanh8
#undef lstm_dir
#undef word_gates
