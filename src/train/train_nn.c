/*
** train_nn.c - pieces shared by the two neural parser trainers
** (train_dnn.c, the feed-forward transition parser; train_bia.c, the
** BiLSTM + biaffine graph parser): the word vocabulary and its vectors,
** Adam over the dense parameters and the touched word rows, the moving
** average of the parameters, the dev set-up and the image writer.
**
** Both trainers promise the same bytes from the same inputs: every loop
** here keeps the order and the float arithmetic they had before.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/image.h"
#include "../dep/dep_int.h"
#include "train_nn.h"

/* No fused multiply-adds: the same sums on every machine (gcc does not
   contract under -std=c17). */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

#define MIN_COUNT 2 /* training words seen fewer times are unknown */

an__dep_word *an__nn_sent_words(an_arena *a, const an_cu_corpus *c, size_t s,
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

/* ---- vocabulary ---- */

typedef struct kc {
    uint64_t key;
    uint32_t count;
} kc;

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* By count, most frequent first, then by key. */
static int cmp_kc(const void *a, const void *b)
{
    const kc *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return x->key < y->key ? -1 : x->key > y->key;
}

static int cmp_kc_key(const void *a, const void *b)
{
    const kc *x = a, *y = b;
    return x->key < y->key ? -1 : x->key > y->key;
}

/* The distinct word hashes of c with their counts, by key, into *v_out
   (*nv_out of them). */
static int count_words(const an_cu_corpus *c, const uint8_t *up,
                       const uint8_t *xp, kc **v_out, size_t *nv_out)
{
    uint64_t *all = malloc((c->nword + 1) * sizeof *all);
    if (!all)
        return AN_ENOMEM;
    size_t na = 0;
    an_arena a;
    an_arena_init(&a);
    for (size_t s = 0; s < c->nsent; s++) {
        an__dep_word *wd = an__nn_sent_words(&a, c, s, up, xp);
        if (!wd) {
            an_arena_fini(&a);
            free(all);
            return AN_ENOMEM;
        }
        for (size_t i = 0; i < c->sents[s].nword; i++)
            if (wd[i].w)
                all[na++] = wd[i].w;
        an_arena_reset(&a);
    }
    an_arena_fini(&a);
    qsort(all, na, sizeof *all, cmp_u64);
    kc *v = malloc((na + 1) * sizeof *v);
    if (!v) {
        free(all);
        return AN_ENOMEM;
    }
    size_t nv = 0;
    for (size_t i = 0; i < na;) {
        size_t j = i;
        while (j < na && all[j] == all[i])
            j++;
        v[nv++] = (kc){all[i], (uint32_t)(j - i)};
        i = j;
    }
    free(all);
    *v_out = v;
    *nv_out = nv;
    return AN_OK;
}

int an__nn_build_vocab(const an_cu_corpus *c, const uint8_t *up,
                       const uint8_t *xp, const char *vectors, size_t dw,
                       an__nn_vocab *out, an_err *err)
{
    kc *v = NULL;
    size_t nv = 0;
    int rc = count_words(c, up, xp, &v, &nv);
    if (rc != AN_OK)
        return rc;
    kc *freq = malloc((nv + 1) * sizeof *freq);
    if (!freq) {
        free(v);
        return AN_ENOMEM;
    }
    size_t nf = 0;
    for (size_t i = 0; i < nv; i++)
        if (v[i].count >= MIN_COUNT)
            freq[nf++] = v[i];
    qsort(freq, nf, sizeof *freq, cmp_kc);
    out->nvec = 0;
    if (vectors)
        rc = an__read_vectors(vectors, dw, &out->vkeys, &out->vvec,
                              &out->nvec, err);
    size_t nvec = out->nvec, cap = nf + nvec;
    uint64_t *keys = malloc((cap + 1) * sizeof *keys);
    out->count = calloc(cap + AN_DNN_W0, sizeof *out->count);
    if (rc == AN_OK && (!keys || !out->count))
        rc = AN_ENOMEM;
    size_t k = 0;
    if (rc == AN_OK) {
        for (size_t i = 0; i < nf; i++) {
            keys[k] = freq[i].key;
            out->count[AN_DNN_W0 + k++] = freq[i].count;
        }
        /* A vector word is new when it is in neither the frequent words
           nor earlier in the file: the first of its key in the table of
           both lists. */
        uint64_t *both = malloc((nf + nvec + 1) * sizeof *both);
        an__dnn_vocab tmp;
        memset(&tmp, 0, sizeof tmp);
        rc = both ? AN_OK : AN_ENOMEM;
        if (rc == AN_OK) {
            memcpy(both, keys, nf * sizeof *both);
            if (nvec)
                memcpy(both + nf, out->vkeys, nvec * sizeof *both);
            rc = an__dnn_vocab_init(&tmp, both, nf + nvec);
        }
        for (size_t i = 0; rc == AN_OK && i < nvec; i++) {
            uint64_t key = out->vkeys[i];
            if (key == 0 ||
                an__dnn_vocab_get(&tmp, key) != AN_DNN_W0 + nf + i)
                continue;
            keys[k] = key;
            kc probe = {key, 0};
            const kc *hit = bsearch(&probe, v, nv, sizeof *v, cmp_kc_key);
            out->count[AN_DNN_W0 + k++] = hit ? hit->count : 0;
        }
        an__dnn_vocab_fini(&tmp);
        free(both);
    }
    free(v);
    free(freq);
    if (rc != AN_OK) {
        free(keys);
        return rc;
    }
    out->keys = keys;
    out->nk = k;
    return an__dnn_vocab_init(&out->voc, keys, k);
}

void an__nn_vocab_fini(an__nn_vocab *v)
{
    free(v->keys);
    free(v->count);
    free(v->vkeys);
    free(v->vvec);
    an__dnn_vocab_fini(&v->voc);
    memset(v, 0, sizeof *v);
}

void an__nn_free_vectors(an__nn_vocab *v)
{
    free(v->vkeys);
    free(v->vvec);
    v->vkeys = NULL;
    v->vvec = NULL;
}

void an__nn_set_vectors(const an__nn_vocab *v, float *ew, size_t dw)
{
    size_t nvec = v->nvec;
    const float *vvec = v->vvec;
    double ss = 0;
    for (size_t i = 0; i < nvec * dw; i++)
        ss += (double)vvec[i] * vvec[i];
    double sd = nvec ? sqrt(ss / (double)(nvec * dw)) : 0;
    if (sd <= 0)
        return;
    float scale = (float)(0.1 / sd);
    for (size_t i = 0; i < nvec; i++) {
        uint32_t id = an__dnn_vocab_get(&v->voc, v->vkeys[i]);
        if (id < AN_DNN_W0)
            continue;
        for (size_t j = 0; j < dw; j++)
            ew[(size_t)id * dw + j] = scale * vvec[i * dw + j];
    }
}

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

/* ---- the update ---- */

static void adam(const an__nn_adam *o, float *w, float *g, float *m,
                 float *v, size_t n, float lr, float scale)
{
    float b1 = o->beta1, b2 = o->beta2, eps = o->eps;
    for (size_t i = 0; i < n; i++) {
        float gi = g[i] * scale;
        g[i] = 0;
        m[i] = b1 * m[i] + (1 - b1) * gi;
        v[i] = b2 * v[i] + (1 - b2) * gi * gi;
        w[i] -= lr * m[i] / (sqrtf(v[i]) + eps);
    }
}

void an__nn_adam_step(const an__nn_adam *o, an__nn_state *s, float lr,
                      float scale)
{
    size_t dw = s->dw, off = s->nwpar;
    adam(o, s->par + off, s->grad + off, s->m1 + off, s->m2 + off,
         s->npar - off, lr, scale);
    for (size_t i = 0; i < *s->ntl; i++) {
        size_t r = (size_t)s->tlist[i] * dw;
        adam(o, s->par + r, s->grad + r, s->m1 + r, s->m2 + r, dw, lr, scale);
        s->touched[s->tlist[i]] = 0;
    }
    *s->ntl = 0;
}

void an__nn_ema_update(float *ema, const float *par, size_t n, float keep)
{
    for (size_t i = 0; i < n; i++)
        ema[i] = keep * ema[i] + (1 - keep) * par[i];
}

void an__nn_ema_average(float *avg, const float *ema, const float *par,
                        size_t n, uint64_t nema, float keep)
{
    if (nema == 0) {
        memcpy(avg, par, n * sizeof *par);
        return;
    }
    float corr = 1 / (1 - powf(keep, (float)nema));
    for (size_t i = 0; i < n; i++)
        avg[i] = ema[i] * corr;
}

/* ---- set-up and output ---- */

int an__nn_prepare(const an__tctx *t, const an_cu_corpus *tc,
                   const an_cu_corpus *dev, uint8_t **dup, uint8_t **dxp,
                   uint32_t **order)
{
    int rc = AN_OK;
    if (dev && dev->nword) {
        *dup = malloc(dev->nword);
        *dxp = malloc(dev->nword);
        rc = *dup && *dxp ? an__dev_tags(t, dev, *dup, *dxp) : AN_ENOMEM;
    }
    *order = malloc((tc->nsent + 1) * sizeof **order);
    if (!*order)
        rc = AN_ENOMEM;
    for (size_t i = 0; *order && i < tc->nsent; i++)
        (*order)[i] = (uint32_t)i;
    return rc;
}

int an__nn_write_image(uint32_t version, const char *dims_name,
                       const void *dims, size_t dims_size,
                       const an__dep_labels *L, const uint64_t *keys,
                       size_t nkeys, const float *par, size_t npar,
                       const char *path, an_err *err)
{
    an_image_writer *w = NULL;
    uint32_t meta[4] = {L->n, L->root, 1, 0};
    int rc = an_image_writer_new(AN_DEP_KIND, version, &w);
    if (rc == AN_OK)
        rc = an_image_writer_add(w, "meta", meta, sizeof meta);
    if (rc == AN_OK)
        rc = an_image_writer_add(w, "labels", L->rel, L->n);
    if (rc == AN_OK)
        rc = an_image_writer_add(w, dims_name, dims, dims_size);
    if (rc == AN_OK)
        rc = an_image_writer_add(w, "vocab", keys, nkeys * sizeof *keys);
    if (rc == AN_OK)
        rc = an_image_writer_add(w, "params", par, npar * sizeof *par);
    if (rc == AN_OK)
        rc = an_image_writer_save(w, path, err);
    else
        an_err_set(err, rc, "building the parser image");
    an_image_writer_free(w);
    return rc;
}
