/*
** dep.c - the dependency parser runtime: transitions, features and greedy
** decoding over a frozen linear model (see dep.h, dep_int.h).
**
** Image sections (kind "dep", version AN_DEP_VERSION):
**   meta     u32 nlab, u32 root label index, u32 reserved x 2
**   labels   nlab bytes: the enum an_deprel of each label index
**   slots    the feature table of src/pos/linear.h
**   rows     its weight rows; classes are actions, 1 + 2 * nlab
**
** Scoring a state computes all feature hashes first and prefetches their
** table slots, so the cache misses of the ~100 lookups overlap.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "../base/image.h"
#include "../pos/linear.h"
#include "../pos/pos_int.h"
#include "dep.h"
#include "dep_int.h"

typedef struct dep_meta {
    uint32_t nlab;
    uint32_t root;
    uint32_t reserved[2]; /* [0]: beam width (0 or 1: greedy) */
} dep_meta;
static_assert(sizeof(dep_meta) == 16, "dep meta is 16 bytes");

struct an_dep {
    an_image *img;
    an_lin lin;
    uint32_t nlab, root, nclass;
    uint32_t beam;          /* beam width the model was trained for */
    const uint8_t *labels;
    an__dnn *nn;            /* the neural scorer (version 5), or NULL */
    an__bia *bia;           /* the BiLSTM graph parser (version 6), or NULL */
};

/* ---- transition system ---- */

int an__dep_init(an__dep_state *st, an_arena *a, const an__dep_word *wd,
                 size_t n)
{
    memset(st, 0, sizeof *st);
    st->n = n;
    st->wd = wd;
    st->nd = an_arena_array(a, n + 1, sizeof *st->nd);
    st->stack = an_arena_array(a, n + 1, sizeof *st->stack);
    if (!st->nd || !st->stack)
        return AN_ENOMEM;
    for (size_t i = 0; i <= n; i++) {
        an__dep_node *d = &st->nd[i];
        memset(d, 0, sizeof *d);
        d->head = -1;
        d->lc1 = d->lc2 = d->rc1 = d->rc2 = -1;
    }
    return AN_OK;
}

/* Attach d under h with label index l. */
static void attach(an__dep_state *st, int32_t h, int32_t d, unsigned l)
{
    an__dep_node *hn = &st->nd[h], *dn = &st->nd[d];
    dn->head = h;
    dn->label = (uint8_t)l;
    if (d < h) {
        /* Arc-hybrid adds left children nearest first: d is leftmost. */
        hn->lc2 = hn->lc1;
        hn->lc1 = d;
        if (hn->nl < UINT16_MAX)
            hn->nl++;
        hn->lset |= 1ull << (l & 63);
    } else {
        hn->rc2 = hn->rc1;
        hn->rc1 = d;
        if (hn->nr < UINT16_MAX)
            hn->nr++;
        hn->rset |= 1ull << (l & 63);
    }
}

void an__dep_apply(an__dep_state *st, int kind, unsigned label)
{
    switch (kind) {
    case AN__SHIFT:
        st->stack[st->sp++] = (int32_t)st->b++;
        break;
    case AN__LEFT:
        attach(st, (int32_t)st->b, st->stack[st->sp - 1], label);
        st->sp--;
        break;
    default:
        attach(st, st->stack[st->sp - 2], st->stack[st->sp - 1], label);
        st->sp--;
        break;
    }
}

an__dep_word *an__dep_words(an_arena *a, const an_span *forms,
                            const uint8_t *upos, const uint8_t *xpos,
                            size_t n)
{
    an__dep_word *wd = an_arena_array(a, n + 1, sizeof *wd);
    if (!wd)
        return NULL;
    char buf[64];
    uint16_t pb = 0;
    for (size_t i = 0; i < n; i++) {
        size_t k = an__pos_norm(forms[i].p ? forms[i].p : "", forms[i].n, buf,
                                sizeof buf);
        memset(&wd[i], 0, sizeof wd[i]);
        wd[i].pb = pb;
        if (upos[i] == AN_UPOS_PUNCT && pb < UINT16_MAX)
            pb++;
        wd[i].w = an_hash(buf, k);
        size_t m = AN_MIN(k, (size_t)3);
        wd[i].suf = an_lin_mix(an_hash(buf + k - m, m), 0x5f);
        wd[i].p = xpos[i];
        wd[i].u = upos[i];
    }
    memset(&wd[n], 0, sizeof wd[n]);
    wd[n].w = 0x726f6f74; /* the root */
    wd[n].suf = 0x726f6f75;
    wd[n].p = 254;
    wd[n].u = 254;
    wd[n].pb = pb;
    return wd;
}

/* ---- features ---- */

#define NONE_W 0x6e6f6e65ull
#define NONE_T 255

typedef struct pos_info {
    uint64_t w, suf;
    uint32_t p, u, l;
} pos_info;

static inline pos_info info(const an__dep_state *st, int32_t i)
{
    pos_info r;
    if (i < 0) {
        r.w = r.suf = NONE_W;
        r.p = r.u = r.l = NONE_T;
    } else {
        r.w = st->wd[i].w;
        r.suf = st->wd[i].suf;
        r.p = st->wd[i].p;
        r.u = st->wd[i].u;
        r.l = st->nd[i].label;
    }
    return r;
}

static inline uint64_t h1(uint32_t t, uint64_t a)
{
    return an_lin_mix(an_lin_mix(t, a), 7);
}
static inline uint64_t h2(uint32_t t, uint64_t a, uint64_t b)
{
    return an_lin_mix(an_lin_mix(an_lin_mix(t, a), b), 11);
}
static inline uint64_t h3(uint32_t t, uint64_t a, uint64_t b, uint64_t c)
{
    return an_lin_mix(an_lin_mix(an_lin_mix(an_lin_mix(t, a), b), c), 13);
}
static inline uint64_t h4(uint32_t t, uint64_t a, uint64_t b, uint64_t c,
                          uint64_t d)
{
    return an_lin_mix(
        an_lin_mix(an_lin_mix(an_lin_mix(an_lin_mix(t, a), b), c), d), 17);
}

static inline uint32_t val_cap(uint32_t v) { return v > 7 ? 7 : v; }

size_t an__dep_feats(const an__dep_state *st, uint64_t *f)
{
    size_t sp = st->sp, n = st->n;
    int32_t is0 = sp >= 1 ? st->stack[sp - 1] : -1;
    int32_t is1 = sp >= 2 ? st->stack[sp - 2] : -1;
    int32_t is2 = sp >= 3 ? st->stack[sp - 3] : -1;
    int32_t ib0 = st->b <= n ? (int32_t)st->b : -1;
    int32_t ib1 = st->b + 1 <= n ? (int32_t)st->b + 1 : -1;
    int32_t ib2 = st->b + 2 <= n ? (int32_t)st->b + 2 : -1;
    static const an__dep_node none = {-1, -1, -1, -1, -1, 0, 0, 0, {0}, 0, 0};
    const an__dep_node *n0 = is0 >= 0 ? &st->nd[is0] : &none;
    const an__dep_node *n1 = is1 >= 0 ? &st->nd[is1] : &none;
    const an__dep_node *nb = ib0 >= 0 ? &st->nd[ib0] : &none;
    pos_info s0 = info(st, is0), s1 = info(st, is1), s2 = info(st, is2);
    pos_info b0 = info(st, ib0), b1 = info(st, ib1), b2 = info(st, ib2);
    pos_info s0L = info(st, n0->lc1), s0L2 = info(st, n0->lc2);
    pos_info s0R = info(st, n0->rc1), s0R2 = info(st, n0->rc2);
    pos_info s1L = info(st, n1->lc1), s1R = info(st, n1->rc1);
    pos_info s1R2 = info(st, n1->rc2);
    pos_info b0L = info(st, nb->lc1), b0L2 = info(st, nb->lc2);
    uint32_t d = is0 >= 0 && ib0 >= 0 ? an__dep_dist(ib0 - is0) : 8;
    uint32_t d1 = is0 >= 0 && is1 >= 0 ? an__dep_dist(is0 - is1) : 8;
    size_t k = 0;
    /* single words */
    f[k++] = h1(1, s0.w);
    f[k++] = h1(2, s0.p);
    f[k++] = h2(3, s0.w, s0.p);
    f[k++] = h1(4, s1.w);
    f[k++] = h1(5, s1.p);
    f[k++] = h2(6, s1.w, s1.p);
    f[k++] = h1(7, s2.p);
    f[k++] = h2(8, s2.w, s2.p);
    f[k++] = h1(9, b0.w);
    f[k++] = h1(10, b0.p);
    f[k++] = h2(11, b0.w, b0.p);
    f[k++] = h1(12, b1.w);
    f[k++] = h1(13, b1.p);
    f[k++] = h2(14, b1.w, b1.p);
    f[k++] = h1(15, b2.p);
    f[k++] = h2(16, b2.w, b2.p);
    /* the candidate arc s0 - b0 */
    f[k++] = h4(17, s0.w, s0.p, b0.w, b0.p);
    f[k++] = h3(18, s0.w, s0.p, b0.w);
    f[k++] = h3(19, s0.w, b0.w, b0.p);
    f[k++] = h3(20, s0.w, s0.p, b0.p);
    f[k++] = h3(21, s0.p, b0.w, b0.p);
    f[k++] = h2(22, s0.w, b0.w);
    f[k++] = h2(23, s0.p, b0.p);
    /* the candidate arc s1 - s0 */
    f[k++] = h4(24, s1.w, s1.p, s0.w, s0.p);
    f[k++] = h3(25, s1.w, s1.p, s0.w);
    f[k++] = h3(26, s1.w, s0.w, s0.p);
    f[k++] = h3(27, s1.w, s1.p, s0.p);
    f[k++] = h3(28, s1.p, s0.w, s0.p);
    f[k++] = h2(29, s1.w, s0.w);
    f[k++] = h2(30, s1.p, s0.p);
    f[k++] = h2(31, b0.p, b1.p);
    f[k++] = h2(32, s1.p, b0.p);
    f[k++] = h2(33, s1.w, b0.w);
    /* tag trigrams */
    f[k++] = h3(34, b0.p, b1.p, b2.p);
    f[k++] = h3(35, s0.p, b0.p, b1.p);
    f[k++] = h3(36, s1.p, s0.p, b0.p);
    f[k++] = h3(37, s2.p, s1.p, s0.p);
    f[k++] = h3(38, s1.p, s0.p, b1.p);
    f[k++] = h3(39, s0.p, s0L.p, b0.p);
    f[k++] = h3(40, s0.p, s0R.p, b0.p);
    f[k++] = h3(41, s1.p, s1R.p, s0.p);
    f[k++] = h3(42, s1.p, s1L.p, s0.p);
    f[k++] = h3(43, s0.p, b0.p, b0L.p);
    /* distance */
    f[k++] = h2(44, s0.w, d);
    f[k++] = h2(45, s0.p, d);
    f[k++] = h2(46, b0.w, d);
    f[k++] = h2(47, b0.p, d);
    f[k++] = h3(48, s0.w, b0.w, d);
    f[k++] = h3(49, s0.p, b0.p, d);
    f[k++] = h3(50, s1.p, s0.p, d1);
    f[k++] = h3(51, s1.w, s0.w, d1);
    /* valency */
    f[k++] = h2(52, s0.w, val_cap(n0->nr));
    f[k++] = h2(53, s0.p, val_cap(n0->nr));
    f[k++] = h2(54, s0.w, val_cap(n0->nl));
    f[k++] = h2(55, s0.p, val_cap(n0->nl));
    f[k++] = h2(56, s1.w, val_cap(n1->nr));
    f[k++] = h2(57, s1.p, val_cap(n1->nr));
    f[k++] = h2(58, s1.p, val_cap(n1->nl));
    f[k++] = h2(59, b0.w, val_cap(nb->nl));
    f[k++] = h2(60, b0.p, val_cap(nb->nl));
    /* children */
    f[k++] = h1(61, s0L.w);
    f[k++] = h1(62, s0L.p);
    f[k++] = h1(63, s0L.l);
    f[k++] = h1(64, s0R.w);
    f[k++] = h1(65, s0R.p);
    f[k++] = h1(66, s0R.l);
    f[k++] = h1(67, s1L.w);
    f[k++] = h1(68, s1L.p);
    f[k++] = h1(69, s1L.l);
    f[k++] = h1(70, s1R.w);
    f[k++] = h1(71, s1R.p);
    f[k++] = h1(72, s1R.l);
    f[k++] = h1(73, b0L.w);
    f[k++] = h1(74, b0L.p);
    f[k++] = h1(75, b0L.l);
    f[k++] = h1(76, s0L2.p);
    f[k++] = h1(77, s0L2.l);
    f[k++] = h1(78, s0R2.p);
    f[k++] = h1(79, s0R2.l);
    f[k++] = h1(80, b0L2.p);
    f[k++] = h1(81, b0L2.l);
    f[k++] = h3(82, s0.p, s0L.p, s0L2.p);
    f[k++] = h3(83, s0.p, s0R.p, s0R2.p);
    f[k++] = h3(84, b0.p, b0L.p, b0L2.p);
    f[k++] = h3(85, s1.p, s1R.p, s1R2.p);
    f[k++] = h3(86, s0.p, s0L.l, s0L2.l);
    f[k++] = h3(87, s0.p, s0R.l, s0R2.l);
    f[k++] = h3(88, b0.p, b0L.l, b0L2.l);
    /* label sets */
    f[k++] = h2(89, s0.w, n0->lset);
    f[k++] = h2(90, s0.p, n0->lset);
    f[k++] = h2(91, s0.w, n0->rset);
    f[k++] = h2(92, s0.p, n0->rset);
    f[k++] = h2(93, s1.p, n1->rset);
    f[k++] = h2(94, b0.w, nb->lset);
    f[k++] = h2(95, b0.p, nb->lset);
    /* universal tags and a few words with children */
    f[k++] = h3(96, s0.u, b0.u, s1.u);
    f[k++] = h3(97, s0.w, s0R.l, b0.p);
    f[k++] = h3(98, s1.w, s1R.l, s0.p);
    f[k++] = h3(99, b0.w, b0L.l, s0.p);
    f[k++] = h2(100, s0.w, b0L.p);
    /* universal tags and word endings: what is left when a Penn tag is
       wrong */
    f[k++] = h1(101, s0.u);
    f[k++] = h1(102, b0.u);
    f[k++] = h1(103, s1.u);
    f[k++] = h1(104, b1.u);
    f[k++] = h2(105, s0.u, b0.u);
    f[k++] = h2(106, s1.u, s0.u);
    f[k++] = h1(107, s0.suf);
    f[k++] = h1(108, b0.suf);
    f[k++] = h2(109, s0.suf, b0.p);
    f[k++] = h2(110, s0.p, b0.suf);
    /* punctuation between the candidate pairs (commas mark coordination,
       apposition, clause ends) */
    uint32_t pb0 = is0 >= 0 && ib0 > is0
                       ? (uint32_t)AN_MIN(st->wd[ib0].pb - st->wd[is0 + 1].pb, 3)
                       : 4;
    uint32_t pb1 = is1 >= 0 && is0 > is1
                       ? (uint32_t)AN_MIN(st->wd[is0].pb - st->wd[is1 + 1].pb, 3)
                       : 4;
    f[k++] = h3(111, s0.p, b0.p, pb0);
    f[k++] = h3(112, s1.p, s0.p, pb1);
    f[k++] = h2(113, s0.w, pb0);
    f[k++] = h2(114, b0.w, pb0);
    f[k++] = h4(115, s0.u, b0.u, pb0, d);
    f[k++] = h4(116, s1.u, s0.u, pb1, d1);
    assert(k <= AN_DEP_MAXF);
    return k;
}

/* ---- the model ---- */

static int load(void *obj, an_err *err)
{
    an_dep *m = obj;
    uint32_t ver = an_image_kind_version(m->img);
    if (ver != AN_DEP_VERSION && ver != AN_DNN_VERSION &&
        ver != AN_BIA_VERSION)
        return an_err_set(err, AN_EFORMAT,
                          "parser model version %u, expected %u, %u or %u",
                          ver, AN_DEP_VERSION, AN_DNN_VERSION, AN_BIA_VERSION);
    an_span meta, labels, slots = {NULL, 0}, rows = {NULL, 0};
    if (an_image_section(m->img, "meta", &meta) != AN_OK ||
        an_image_section(m->img, "labels", &labels) != AN_OK ||
        (ver == AN_DEP_VERSION &&
         (an_image_section(m->img, "slots", &slots) != AN_OK ||
          an_image_section(m->img, "rows", &rows) != AN_OK)))
        return an_err_set(err, AN_EFORMAT, "parser model: missing section");
    dep_meta dm;
    if (meta.n != sizeof dm)
        return an_err_set(err, AN_EFORMAT, "parser model: bad meta section");
    memcpy(&dm, meta.p, sizeof dm);
    if (dm.nlab == 0 || dm.nlab > 64 || labels.n != dm.nlab ||
        dm.root >= dm.nlab)
        return an_err_set(err, AN_EFORMAT, "parser model: bad label table");
    m->labels = (const uint8_t *)labels.p;
    for (uint32_t i = 0; i < dm.nlab; i++)
        if (m->labels[i] == 0 || m->labels[i] >= AN_DEP_COUNT)
            return an_err_set(err, AN_EFORMAT, "parser model: bad label %u", i);
    if (m->labels[dm.root] != AN_DEP_ROOT)
        return an_err_set(err, AN_EFORMAT, "parser model: bad root label");
    m->nlab = dm.nlab;
    m->root = dm.root;
    m->beam = dm.reserved[0] > 1 ? AN_MIN(dm.reserved[0], 64u) : 1;
    m->nclass = 1 + 2 * dm.nlab;
    if (ver == AN_DNN_VERSION)
        return an__dnn_open(m->img, m->nlab, &m->nn, err);
    if (ver == AN_BIA_VERSION) {
        m->beam = 1;
        return an__bia_open(m->img, m->nlab, m->root, &m->bia, err);
    }
    return an_lin_open(&m->lin, slots, rows, m->nclass, "parser model", err);
}

/* Open from the file at `path`, or from memory when path is NULL. */
static int open_dep(const char *path, const void *p, size_t n, an_dep **out,
                   an_err *err)
{
    void *m;
    int rc = an_image_load(path, p, n, AN_DEP_KIND, sizeof **out, offsetof(an_dep, img),
                           load, &m, err);
    *out = m;
    return rc;
}

int an_dep_open(const char *path, an_dep **out, an_err *err)
{
    return open_dep(path, NULL, 0, out, err);
}

int an_dep_from_memory(const void *p, size_t n, an_dep **out, an_err *err)
{
    return open_dep(NULL, p, n, out, err);
}

void an_dep_close(an_dep *m)
{
    if (!m)
        return;
    an__dnn_close(m->nn);
    an__bia_close(m->bia);
    an_image_close(m->img);
    free(m);
}

size_t an_dep_nfeat(const an_dep *m) { return m->lin.nfeat; }

/* Score every action of a state into sc[0..nclass). */
static void score(const an_dep *m, const an__dep_state *st, int32_t *sc)
{
    uint64_t f[AN_DEP_MAXF];
    size_t nf = an__dep_feats(st, f);
    an_lin_score(&m->lin, f, nf, sc);
}

/* The model's scores as floats, for the beam search. */
typedef struct beam_ctx {
    const an_dep *m;
    int32_t *sc;
    const uint32_t *wid;  /* word ids of the neural scorer */
} beam_ctx;

static void lin_scorer(const void *ctx, const an__dep_state *st, float *out)
{
    const beam_ctx *b = ctx;
    if (b->m->nn) {
        /* A locally normalised model: the beam sums log-probabilities
           (the softmax over the allowed actions). */
        const an_dep *m = b->m;
        unsigned v = an__dep_valid(st);
        an__dnn_score(m->nn, st, b->wid, v, out);
        float mx = -INFINITY;
        for (uint32_t k = 0; k < m->nclass; k++)
            if (an__dep_allowed(st, v, k, m->nlab, m->root) && out[k] > mx)
                mx = out[k];
        double z = 0;
        for (uint32_t k = 0; k < m->nclass; k++)
            if (an__dep_allowed(st, v, k, m->nlab, m->root))
                z += exp((double)(out[k] - mx));
        float lz = mx + (float)log(z);
        for (uint32_t k = 0; k < m->nclass; k++)
            if (an__dep_allowed(st, v, k, m->nlab, m->root))
                out[k] -= lz;
        return;
    }
    score(b->m, st, b->sc);
    for (uint32_t k = 0; k < b->m->nclass; k++)
        out[k] = (float)b->sc[k];
}

size_t an_dep_beam(const an_dep *m) { return m->beam; }

int an_dep_parse(const an_dep *m, an_arena *scratch, const an_span *forms,
                 const uint8_t *upos, const uint8_t *xpos, size_t n,
                 size_t beam, int32_t *head, uint8_t *deprel)
{
    if (beam == 0)
        beam = m->beam;
    if (beam > 64)
        beam = 64;
    if (n == 0)
        return AN_OK;
    if (n > (size_t)INT32_MAX / 2)
        return AN_ERANGE;
    an__dep_word *wd = an__dep_words(scratch, forms, upos, xpos, n);
    if (m->bia) {
        /* The graph parser: no transitions, no beam. */
        uint8_t *lab = an_arena_alloc(scratch, n);
        if (!wd || !lab)
            return AN_ENOMEM;
        int rc = an__bia_parse(m->bia, scratch, wd, n, head, lab);
        if (rc != AN_OK)
            return rc;
        for (size_t i = 0; i < n; i++) {
            bool root = head[i] < 0 || head[i] >= (int32_t)n;
            deprel[i] = root ? AN_DEP_ROOT : m->labels[lab[i]];
            if (root)
                head[i] = -1;
        }
        return AN_OK;
    }
    int32_t *sc = an_arena_array(scratch, m->nclass, sizeof *sc);
    an__dep_state st;
    if (!wd || !sc || an__dep_init(&st, scratch, wd, n) != AN_OK)
        return AN_ENOMEM;
    uint32_t L = m->nlab;
    const uint32_t *wid = NULL;
    float *fs = NULL;
    if (m->nn) {
        wid = an__dnn_wids(m->nn, scratch, wd, n);
        fs = an_arena_array(scratch, m->nclass, sizeof *fs);
        if (!wid || !fs)
            return AN_ENOMEM;
    }
    if (beam > 1) {
        beam_ctx bc = {m, sc, wid};
        an__dep_beam bm;
        int rc = an__dep_beam_search(scratch, wd, n, beam, L, m->root,
                                     lin_scorer, &bc, &bm);
        if (rc != AN_OK)
            return rc;
        st = bm.final;
    }
    while (m->nn && !an__dep_done(&st)) {
        unsigned v = an__dep_valid(&st);
        if (v == 1u << AN__SHIFT) {
            an__dep_apply(&st, AN__SHIFT, 0);
            continue;
        }
        an__dnn_score(m->nn, &st, wid, v, fs);
        uint32_t best = an__dep_best(&st, v, fs, m->nclass, L, m->root);
        if (AN_NEVER(best == UINT32_MAX))
            break;
        an__dep_act(&st, best, L);
    }
    while (!an__dep_done(&st)) {
        unsigned v = an__dep_valid(&st);
        if (v == 1u << AN__SHIFT) {
            /* An empty stack: nothing to decide. */
            an__dep_apply(&st, AN__SHIFT, 0);
            continue;
        }
        score(m, &st, sc);
        int best_kind = -1;
        unsigned best_lab = 0;
        int32_t best = INT32_MIN;
        if (v & (1u << AN__SHIFT)) {
            best = sc[0];
            best_kind = AN__SHIFT;
        }
        if (v & (1u << AN__LEFT)) {
            if (st.b == n) {
                /* To the root: only with the root label. */
                if (best_kind < 0 || sc[1 + m->root] > best) {
                    best = sc[1 + m->root];
                    best_kind = AN__LEFT;
                    best_lab = m->root;
                }
            } else {
                for (uint32_t l = 0; l < L; l++)
                    if (l != m->root && (best_kind < 0 || sc[1 + l] > best)) {
                        best = sc[1 + l];
                        best_kind = AN__LEFT;
                        best_lab = l;
                    }
            }
        }
        if (v & (1u << AN__RIGHT)) {
            for (uint32_t l = 0; l < L; l++)
                if (l != m->root && (best_kind < 0 || sc[1 + L + l] > best)) {
                    best = sc[1 + L + l];
                    best_kind = AN__RIGHT;
                    best_lab = l;
                }
        }
        if (AN_NEVER(best_kind < 0))
            break;
        an__dep_apply(&st, best_kind, best_lab);
    }
    for (size_t i = 0; i < n; i++) {
        int32_t h = st.nd[i].head;
        head[i] = h < 0 || h >= (int32_t)n ? -1 : h;
        deprel[i] = h < 0 ? AN_DEP_DEP : m->labels[st.nd[i].label];
        if (h == (int32_t)n)
            deprel[i] = AN_DEP_ROOT;
    }
    return AN_OK;
}

/* ---- beam search ---- */

/* Copy state src into dst (both sized for n words). */
static void copy_state(an__dep_state *dst, const an__dep_state *src)
{
    size_t n = src->n;
    memcpy(dst->nd, src->nd, (n + 1) * sizeof *dst->nd);
    memcpy(dst->stack, src->stack, src->sp * sizeof *dst->stack);
    dst->sp = src->sp;
    dst->b = src->b;
    dst->n = n;
    dst->wd = src->wd;
}

typedef struct cand {
    double score;
    int32_t parent;
    uint32_t action;
} cand;

/* Is a better than b?  Ties go to the earlier parent, then action. */
static inline bool better(const cand *a, const cand *b)
{
    if (a->score != b->score)
        return a->score > b->score;
    if (a->parent != b->parent)
        return a->parent < b->parent;
    return a->action < b->action;
}

int an__dep_beam_search(an_arena *a, const an__dep_word *wd, size_t n,
                        size_t width, uint32_t nlab, uint32_t root,
                        an__dep_scorer scorer, const void *ctx,
                        an__dep_beam *out)
{
    memset(out, 0, sizeof *out);
    size_t steps = 2 * n, nc = 1 + 2 * (size_t)nlab;
    if (width < 1)
        width = 1;
    out->steps = steps;
    out->width = width;
    out->items = an_arena_array(a, steps * width + 1, sizeof *out->items);
    out->count = an_arena_array(a, steps + 1, sizeof *out->count);
    an__dep_state *cur = an_arena_array(a, width, sizeof *cur);
    an__dep_state *nxt = an_arena_array(a, width, sizeof *nxt);
    cand *top = an_arena_array(a, width + 1, sizeof *top);
    float *sc = an_arena_array(a, nc, sizeof *sc);
    double *base = an_arena_array(a, width, sizeof *base);
    if (!out->items || !out->count || !cur || !nxt || !top || !sc || !base)
        return AN_ENOMEM;
    for (size_t k = 0; k < width; k++)
        if (an__dep_init(&cur[k], a, wd, n) != AN_OK ||
            an__dep_init(&nxt[k], a, wd, n) != AN_OK)
            return AN_ENOMEM;
    size_t live = 1;
    base[0] = 0;
    for (size_t t = 0; t < steps; t++) {
        size_t ntop = 0;
        for (size_t k = 0; k < live; k++) {
            const an__dep_state *st = &cur[k];
            if (an__dep_done(st))
                continue;
            unsigned v = an__dep_valid(st);
            scorer(ctx, st, sc);
            for (uint32_t act = 0; act < nc; act++) {
                if (!an__dep_allowed(st, v, act, nlab, root))
                    continue;
                cand c = {base[k] + sc[act], (int32_t)k, act};
                if (ntop == width && !better(&c, &top[ntop - 1]))
                    continue;
                size_t i = ntop < width ? ntop++ : width - 1;
                while (i > 0 && better(&c, &top[i - 1])) {
                    top[i] = top[i - 1];
                    i--;
                }
                top[i] = c;
            }
        }
        if (AN_NEVER(ntop == 0))
            return AN_EINTERNAL;
        for (size_t k = 0; k < ntop; k++) {
            copy_state(&nxt[k], &cur[top[k].parent]);
            an__dep_act(&nxt[k], top[k].action, nlab);
            an__dep_bitem *it = &out->items[t * width + k];
            it->parent = top[k].parent;
            it->action = top[k].action;
            it->score = top[k].score;
        }
        out->count[t] = (uint32_t)ntop;
        for (size_t k = 0; k < ntop; k++)
            base[k] = top[k].score;
        an__dep_state *tmp = cur;
        cur = nxt;
        nxt = tmp;
        live = ntop;
    }
    out->final = cur[0];
    return AN_OK;
}
