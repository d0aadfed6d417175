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
** baseline kernels (bia_kern.h), and the trainer, compute the same
** numbers.
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

/* The helpers of the kernels are inlined into each copy. */
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

/* The kernels, at two vector widths (bia_kern.h). */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && \
    !defined(AN_NO_CLONES)
#define BIA_WIDE 1
#define VW 8
#define KN(x) x##_w8
#define KATTR __attribute__((target("avx2")))
#include "bia_kern.h"
#undef VW
#undef KN
#undef KATTR
#endif
#define VW 4
#define KN(x) x##_w4
#define KATTR
#include "bia_kern.h"
#undef VW
#undef KN
#undef KATTR

#ifdef BIA_WIDE
/* Run the eight-float kernels (AVX2)? */
static bool wide(void) { return __builtin_cpu_supports("avx2"); }
#endif

int an__bia_forward(const an__bia_dims *d, const an__bia_par *p,
                    const an__bia_tabs *tb, an_arena *a, const uint32_t *wid,
                    const uint8_t *tag, const uint32_t *suf, size_t n,
                    const float *xmask, const float *hmask, an__bia_run *r)
{
#ifdef BIA_WIDE
    if (wide())
        return forward_w8(d, p, tb, a, wid, tag, suf, n, xmask, hmask, r);
#endif
    return forward_w4(d, p, tb, a, wid, tag, suf, n, xmask, hmask, r);
}

void an__bia_label_scores(const an__bia_dims *d, const an__bia_par *p,
                          const an__bia_run *r, size_t dep, size_t h,
                          float *sc)
{
#ifdef BIA_WIDE
    if (wide()) {
        label_scores_w8(d, p, r, dep, h, sc);
        return;
    }
#endif
    label_scores_w4(d, p, r, dep, h, sc);
}

static int make_tables(const an__bia_dims *d, const an__bia_par *p,
                       size_t kw, an__bia_tabs *tb)
{
#ifdef BIA_WIDE
    if (wide())
        return make_tables_w8(d, p, kw, tb);
#endif
    return make_tables_w4(d, p, kw, tb);
}

/* Parse a random sentence with a random network by the four-float
   kernels, by the eight-float ones (when the processor has AVX2) and with
   the input tables: the scores must be the same bits. */
int an__bia_kernels_agree(void)
{
    an__bia_dims d = {.nw = AN_DNN_W0 + 9, .dw = 16, .nt = 7, .dt = 8,
                      .hid = 24, .arc = 32, .lab = 16, .nlab = 11,
                      .nsuf = 5, .ds = 8, .hid2 = 16};
    size_t np = an__bia_npar(&d), n = 19;
    float *b = malloc(np * sizeof *b);
    if (!b)
        return 0;
    uint64_t r = 0x6269616b65726eull;
    for (size_t i = 0; i < np; i++) {
        r = r * 6364136223846793005ull + 1442695040888963407ull;
        b[i] = (float)((double)(r >> 40) / 16777216.0 - 0.5);
    }
    an__bia_par p;
    an__bia_bind(&d, b, &p);
    uint32_t wid[19], suf[19];
    uint8_t tag[19];
    for (size_t i = 0; i < n; i++) {
        wid[i] = (uint32_t)(2 + i * 5 % 10);
        tag[i] = (uint8_t)(i * 3 % 7);
        suf[i] = (uint32_t)(i % 5);
    }
    an__bia_tabs tb;
    memset(&tb, 0, sizeof tb);
    an_arena a;
    an_arena_init(&a);
    int ok = make_tables_w4(&d, &p, 6, &tb) == AN_OK;
    an__bia_run run[3];
    float sc[3][11];
    for (int k = 0; ok && k < 3; k++) {
        if (k == 1) {
#ifdef BIA_WIDE
            if (!wide())
                run[1] = run[0];
            else
                ok = forward_w8(&d, &p, NULL, &a, wid, tag, suf, n, NULL,
                                NULL, &run[1]) == AN_OK;
            if (ok && wide())
                label_scores_w8(&d, &p, &run[1], 3, 7, sc[1]);
            else
                memcpy(sc[1], sc[0], sizeof sc[1]);
#else
            run[1] = run[0];
            memcpy(sc[1], sc[0], sizeof sc[1]);
#endif
            continue;
        }
        ok = forward_w4(&d, &p, k ? &tb : NULL, &a, wid, tag, suf, n, NULL,
                        NULL, &run[k]) == AN_OK;
        if (ok)
            label_scores_w4(&d, &p, &run[k], 3, 7, sc[k]);
    }
    for (int k = 1; ok && k < 3; k++)
        ok = memcmp(run[0].s, run[k].s, n * (n + 1) * sizeof(float)) == 0 &&
             memcmp(sc[0], sc[k], sizeof sc[0]) == 0;
    an_arena_fini(&a);
    free(tb.word);
    free(tb.tag);
    free(tb.suf);
    free(b);
    return ok;
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
    size_t m = n & ~(size_t)3;
    sigm8_w4(x, m);
    float t[4] = {0};
    memcpy(t, x + m, (n - m) * sizeof *t);
    sigm8_w4(t, 4);
    memcpy(x + m, t, (n - m) * sizeof *t);
}

void an__bia_tanh(float *x, size_t n)
{
    size_t m = n & ~(size_t)3;
    tanh8_w4(x, m);
    float t[4] = {0};
    memcpy(t, x + m, (n - m) * sizeof *t);
    tanh8_w4(t, 4);
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
    int rc = an__dnn_load_params(params, vocab, np, m->d.nw, &m->block,
                                 &m->voc);
    if (rc == AN_OK)
        an__bia_bind(&m->d, m->block, &m->p);
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
