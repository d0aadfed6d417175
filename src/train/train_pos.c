/*
** train_pos.c - training the part-of-speech tagger.
**
** Greedy left-to-right averaged perceptron over joint (UPOS, XPOS)
** classes, with the previous two predicted classes as features (so the
** model learns from its own mistakes, as it will see them).  Sentences
** are shuffled each epoch with a fixed seed; the epoch that scores best on
** the development set is frozen.  For the parser, the training treebank
** is also tagged by jackknifing: k taggers, each trained without one
** k-th of the sentences, tag that k-th.
*/
#include <stdio.h>
#include <stdlib.h>

#include "../base/image.h"
#include "../pos/linear.h"
#include "../pos/pos_int.h"
#include "train.h"

#define AN_JK_EPOCHS 8

void an__shuffle(uint32_t *idx, size_t n, uint64_t *rng)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)(an__rand(rng) % i);
        uint32_t t = idx[i - 1];
        idx[i - 1] = idx[j];
        idx[j] = t;
    }
}

void an__tagset_build(an__tagset *ts, const an_cu_corpus *c)
{
    static_assert(AN_UPOS_COUNT * AN_XPOS_COUNT <= 2048, "tag pairs fit");
    bool seen[AN_UPOS_COUNT][AN_XPOS_COUNT];
    memset(seen, 0, sizeof seen);
    for (size_t i = 0; i < c->nword; i++)
        if (c->words[i].upos && c->words[i].xpos)
            seen[c->words[i].upos][c->words[i].xpos] = true;
    ts->n = 0;
    for (int u = 0; u < AN_UPOS_COUNT; u++)
        for (int x = 0; x < AN_XPOS_COUNT; x++)
            if (seen[u][x] && ts->n < 255) {
                ts->upos[ts->n] = (uint8_t)u;
                ts->xpos[ts->n] = (uint8_t)x;
                ts->n++;
            }
}

uint32_t an__tagset_find(const an__tagset *ts, int upos, int xpos)
{
    for (uint32_t i = 0; i < ts->n; i++)
        if (ts->upos[i] == upos && ts->xpos[i] == xpos)
            return i;
    return ts->n;
}

int an__amb_build(const an_cu_corpus *c, const uint32_t *sel, size_t nsel,
                  an_buf *out)
{
    an_map idx;
    an_map_init(&idx);
    uint64_t *mask = NULL;
    uint32_t *count = NULL;
    size_t cap = 0;
    int rc = AN_OK;
    char buf[64];
    for (size_t k = 0; k < nsel && rc == AN_OK; k++) {
        const an_cu_sent *se = &c->sents[sel[k]];
        for (uint32_t i = 0; i < se->nword; i++) {
            const an_cu_word *w = &c->words[se->word + i];
            size_t n = an__pos_norm(w->form.p, w->form.n, buf, sizeof buf);
            int added;
            uint32_t *v = an_map_put(&idx, buf, n, (uint32_t)idx.n, &added);
            if (!v) {
                rc = AN_ENOMEM;
                break;
            }
            if (*v >= cap) {
                size_t nc = cap ? cap * 2 : 65536;
                uint64_t *nm = realloc(mask, nc * sizeof *nm);
                if (nm)
                    mask = nm;
                uint32_t *ncnt = realloc(count, nc * sizeof *ncnt);
                if (ncnt)
                    count = ncnt;
                if (!nm || !ncnt) {
                    rc = AN_ENOMEM;
                    break;
                }
                cap = nc;
            }
            if (added) {
                mask[*v] = 0;
                count[*v] = 0;
            }
            mask[*v] |= 1ull << (w->xpos & 63);
            count[*v]++;
        }
    }
    an_map cls;
    an_map_init(&cls);
    for (size_t i = 0; rc == AN_OK && i < idx.cap; i++) {
        const an_map_slot *sl = &idx.slots[i];
        if (!sl->key || count[sl->val] < AN_POS_AMB_MIN)
            continue;
        uint32_t h = (uint32_t)an_lin_mix(mask[sl->val], 0xa3b0);
        if (!an_map_put(&cls, sl->key, sl->klen, h, NULL))
            rc = AN_ENOMEM;
    }
    if (rc == AN_OK)
        rc = an_lex_write(&cls, out);
    an_map_fini(&cls);
    an_map_fini(&idx);
    free(mask);
    free(count);
    return rc;
}

/* The forms of sentence s as spans, in the arena (reversed when rev). */
static an_span *forms_of(an_arena *a, const an_cu_corpus *c, size_t s,
                         int rev)
{
    const an_cu_sent *se = &c->sents[s];
    size_t n = se->nword;
    an_span *f = an_arena_array(a, n ? n : 1, sizeof *f);
    if (f)
        for (size_t i = 0; i < n; i++)
            f[i] = c->words[se->word + (rev ? n - 1 - i : i)].form;
    return f;
}

/*
** Decode sentence s greedily in one direction (rev: right to left); when
** training, update on mistakes.  With `out` given, the scores of every
** word (in sentence order, n x nclass, divided by `div`) are added to it.
** Returns the number of words tagged right, or -1 when out of memory.
*/
static long run_sentence(an__pcp *p, const an__tagset *ts, const an_lex *amb,
                         const an_cu_corpus *c, size_t s, int train, int rev,
                         float *out)
{
    an_arena a;
    an_arena_init(&a);
    const an_cu_sent *se = &c->sents[s];
    size_t n = se->nword;
    an_span *forms = forms_of(&a, c, s, rev);
    an__pos_word *wd = forms ? an__pos_words(&a, forms, n, amb) : NULL;
    float *sc = an_arena_array(&a, ts->n, sizeof *sc);
    if (!wd || !sc) {
        an_arena_fini(&a);
        return -1;
    }
    uint64_t f[AN_POS_MAXF];
    uint32_t t1 = ts->n, t2 = ts->n;
    long ok = 0;
    for (size_t i = 0; i < n; i++) {
        size_t wi = rev ? n - 1 - i : i;
        const an_cu_word *w = &c->words[se->word + wi];
        size_t nf = an__pos_feats(wd, n, i, t1, t2, f);
        memset(sc, 0, ts->n * sizeof *sc);
        an__pcp_score(p, f, nf, sc, !train);
        uint32_t best = 0;
        for (uint32_t k = 1; k < ts->n; k++)
            if (sc[k] > sc[best])
                best = k;
        uint32_t gold = an__tagset_find(ts, w->upos, w->xpos);
        if (train) {
            if (gold < ts->n && gold != best) {
                if (an__pcp_update(p, f, nf, gold, 1.0f) != AN_OK ||
                    an__pcp_update(p, f, nf, best, -1.0f) != AN_OK) {
                    an_arena_fini(&a);
                    return -1;
                }
            }
            an__pcp_tick(p);
        }
        ok += best == gold;
        if (out)
            for (uint32_t k = 0; k < ts->n; k++)
                out[wi * ts->n + k] += sc[k];
        t2 = t1;
        t1 = best;
    }
    an_arena_fini(&a);
    return ok;
}

int an__tag_with(const an__pcp *p, const an__pcp *pr, const an__tagset *ts,
                 const an_lex *amb, const an_cu_corpus *c, size_t s,
                 uint8_t *upos, uint8_t *xpos)
{
    size_t n = c->sents[s].nword;
    float *sc = calloc(n * ts->n + 1, sizeof *sc);
    if (!sc)
        return AN_ENOMEM;
    int rc = AN_OK;
    if (run_sentence((an__pcp *)p, ts, amb, c, s, 0, 0, sc) < 0 ||
        (pr && run_sentence((an__pcp *)pr, ts, amb, c, s, 0, 1, sc) < 0))
        rc = AN_ENOMEM;
    for (size_t i = 0; rc == AN_OK && i < n; i++) {
        const float *v = sc + i * ts->n;
        uint32_t best = 0;
        for (uint32_t k = 1; k < ts->n; k++)
            if (v[k] > v[best])
                best = k;
        upos[i] = ts->upos[best];
        xpos[i] = ts->xpos[best];
    }
    free(sc);
    return rc;
}

/* Accuracy (joint classes) of averaged models on all words of c: one
   direction, or both combined when pr is given. */
static double accuracy(const an__pcp *p, const an__pcp *pr, int rev,
                       const an__tagset *ts, const an_lex *amb,
                       const an_cu_corpus *c)
{
    uint64_t ok = 0;
    uint8_t up[1024], xp[1024];
    for (size_t s = 0; s < c->nsent; s++) {
        size_t n = c->sents[s].nword;
        if (!pr || n > sizeof up) {
            long k = run_sentence((an__pcp *)p, ts, amb, c, s, 0, rev, NULL);
            ok += k > 0 ? (uint64_t)k : 0;
            continue;
        }
        if (an__tag_with(p, pr, ts, amb, c, s, up, xp) != AN_OK)
            continue;
        for (size_t i = 0; i < n; i++) {
            const an_cu_word *w = &c->words[c->sents[s].word + i];
            ok += up[i] == w->upos && xp[i] == w->xpos;
        }
    }
    return c->nword ? (double)ok / (double)c->nword : 0;
}

int an__train_tagger(const an__tctx *t, const an_cu_corpus *tr,
                     const uint32_t *sel, size_t nsel,
                     const an_cu_corpus *dev, int epochs, int rev,
                     const an__tagset *ts, const an_lex *amb, an__pcp *p,
                     an_buf *slots, an_buf *rows, float *scale,
                     double *dev_acc)
{
    uint32_t *order = malloc((nsel + 1) * sizeof *order);
    if (!order)
        return AN_ENOMEM;
    memcpy(order, sel, nsel * sizeof *order);
    /* Training sentences see ambiguity classes built without their own
       fold, as unknown text will: otherwise every class holds the right
       tag and the model trusts it too much. */
    enum { K = 5 };
    an_buf kb[K];
    an_lex kamb[K];
    int rc = AN_OK;
    uint32_t *part = malloc((nsel + 1) * sizeof *part);
    if (!part)
        rc = AN_ENOMEM;
    for (int f = 0; f < K; f++)
        an_buf_init(&kb[f]);
    for (int f = 0; f < K && rc == AN_OK; f++) {
        size_t np = 0;
        for (size_t k = 0; k < nsel; k++)
            if (k % K != (size_t)f)
                part[np++] = sel[k];
        rc = an__amb_build(tr, part, np, &kb[f]);
        if (rc == AN_OK)
            rc = an_lex_open(&kamb[f], kb[f].p, kb[f].n, NULL);
    }
    /* fold of each training sentence, by its position in sel */
    uint8_t *fold_of = calloc(tr->nsent + 1, 1);
    if (!fold_of)
        rc = AN_ENOMEM;
    for (size_t k = 0; rc == AN_OK && k < nsel; k++)
        fold_of[sel[k]] = (uint8_t)(k % K);
    uint64_t rng = t->seed ^ (rev ? 0x7265760ull : 0);
    double best = -1;
    for (int ep = 0; ep < epochs && rc == AN_OK; ep++) {
        an__shuffle(order, nsel, &rng);
        uint64_t ok = 0, nw = 0;
        for (size_t k = 0; k < nsel; k++) {
            long r = run_sentence(p, ts, &kamb[fold_of[order[k]]], tr,
                                  order[k], 1, rev, NULL);
            if (r < 0) {
                rc = AN_ENOMEM;
                break;
            }
            ok += (uint64_t)r;
            nw += tr->sents[order[k]].nword;
        }
        if (rc != AN_OK)
            break;
        double acc = dev ? accuracy(p, NULL, rev, ts, amb, dev) : 0;
        if (dev)
            an__tlog(t,
                     "  tagger (%s) epoch %d: train %.2f%%, dev %.2f%%, %zu "
                     "features",
                     rev ? "right to left" : "left to right", ep + 1,
                     nw ? 100.0 * (double)ok / (double)nw : 0, 100 * acc,
                     p->n);
        if (slots && (!dev || acc > best || ep == epochs - 1)) {
            if (dev && acc <= best)
                continue;
            best = acc;
            an_buf_clear(slots);
            an_buf_clear(rows);
            size_t nf;
            rc = an__pcp_freeze(p, t->o->prune, (uint32_t)t->o->min_hits,
                                slots, rows, &nf, scale);
        }
    }
    if (dev_acc)
        *dev_acc = best;
    for (int f = 0; f < K; f++)
        an_buf_fini(&kb[f]);
    free(part);
    free(fold_of);
    free(order);
    return rc;
}

/*
** The tag dictionary: forms (as written) seen at least AN_POS_DICT_MIN
** times with one class in at least AN_POS_DICT_SHARE of them; the tagger
** gives them that class without scoring.  Serialised as ANLX (form ->
** class) into `out`.
*/
static int dict_build(const an_cu_corpus *c, const an__tagset *ts,
                      an_buf *out, size_t *nkept)
{
    an_map idx;
    an_map_init(&idx);
    uint32_t *cnt = NULL; /* per form: nclass counters */
    size_t cap = 0;
    int rc = AN_OK;
    for (size_t i = 0; i < c->nword && rc == AN_OK; i++) {
        const an_cu_word *w = &c->words[i];
        uint32_t cls = an__tagset_find(ts, w->upos, w->xpos);
        if (cls >= ts->n || w->form.n == 0 || w->form.n > 64)
            continue;
        int added;
        uint32_t *v = an_map_put(&idx, w->form.p, w->form.n, (uint32_t)idx.n,
                                 &added);
        if (!v) {
            rc = AN_ENOMEM;
            break;
        }
        if (*v >= cap) {
            size_t nc = cap ? cap * 2 : 8192;
            uint32_t *nn = realloc(cnt, nc * ts->n * sizeof *nn);
            if (!nn) {
                rc = AN_ENOMEM;
                break;
            }
            cnt = nn;
            cap = nc;
        }
        if (added)
            memset(cnt + (size_t)*v * ts->n, 0, ts->n * sizeof *cnt);
        cnt[(size_t)*v * ts->n + cls]++;
    }
    an_map d;
    an_map_init(&d);
    *nkept = 0;
    for (size_t i = 0; rc == AN_OK && i < idx.cap; i++) {
        const an_map_slot *sl = &idx.slots[i];
        if (!sl->key)
            continue;
        const uint32_t *row = cnt + (size_t)sl->val * ts->n;
        uint32_t tot = 0, best = 0;
        for (uint32_t k = 0; k < ts->n; k++) {
            tot += row[k];
            if (row[k] > row[best])
                best = k;
        }
        if (tot < AN_POS_DICT_MIN ||
            (double)row[best] < AN_POS_DICT_SHARE * (double)tot)
            continue;
        if (!an_map_put(&d, sl->key, sl->klen, best, NULL))
            rc = AN_ENOMEM;
        (*nkept)++;
    }
    if (rc == AN_OK)
        rc = an_lex_write(&d, out);
    an_map_fini(&d);
    an_map_fini(&idx);
    free(cnt);
    return rc;
}

int an__train_pos(const an__tctx *t, const an_cu_corpus *tr,
                  const an_cu_corpus *dev, const char *path,
                  uint8_t *jk_upos, uint8_t *jk_xpos, an_err *err)
{
    const an_nlp_train_opts *o = t->o;
    int epochs = o->pos_epochs > 0 ? o->pos_epochs : 12;
    int folds = o->folds > 0 ? o->folds : 5;
    an__tagset ts;
    an__tagset_build(&ts, tr);
    if (ts.n < 2)
        return an_err_set(err, AN_EFORMAT, "%s: no tagged words", o->train);
    uint32_t *all = malloc((tr->nsent + 1) * sizeof *all);
    if (!all)
        return an_err_set(err, AN_ENOMEM, "out of memory");
    for (size_t i = 0; i < tr->nsent; i++)
        all[i] = (uint32_t)i;
    an_buf slots[2], rows[2], ambb;
    for (int d = 0; d < 2; d++) {
        an_buf_init(&slots[d]);
        an_buf_init(&rows[d]);
    }
    an_buf_init(&ambb);
    an_buf dictb;
    an_buf_init(&dictb);
    size_t ndict = 0;
    an_lex amb;
    an__pcp p[2];
    memset(p, 0, sizeof p);
    float scale[2] = {1, 1};
    double acc[2] = {0, 0};
    int rc = an__amb_build(tr, all, tr->nsent, &ambb);
    if (rc == AN_OK)
        rc = an_lex_open(&amb, ambb.p, ambb.n, NULL);
    if (rc == AN_OK)
        rc = dict_build(tr, &ts, &dictb, &ndict);
    if (path && rc == AN_OK) {
        an__tlog(t, "tagger: %zu sentences, %u classes, %d epochs, two "
                    "directions",
                 tr->nsent, ts.n, epochs);
        for (int d = 0; d < 2 && rc == AN_OK; d++) {
            rc = an__pcp_init(&p[d], ts.n);
            if (rc == AN_OK)
                rc = an__train_tagger(t, tr, all, tr->nsent, dev, epochs, d,
                                      &ts, &amb, &p[d], &slots[d], &rows[d],
                                      &scale[d], &acc[d]);
        }
        if (rc == AN_OK && dev)
            an__tlog(t, "tagger: dev accuracy of both directions together "
                        "(last epochs) %.2f%%",
                     100 * accuracy(&p[0], &p[1], 0, &ts, &amb, dev));
    }
    an__pcp_fini(&p[0]);
    an__pcp_fini(&p[1]);
    if (rc == AN_OK && path) {
        an_image_writer *w = NULL;
        uint32_t meta[4] = {ts.n, 2, 0, 0};
        memcpy(&meta[2], &scale[0], 4);
        memcpy(&meta[3], &scale[1], 4);
        uint8_t cls[512];
        for (uint32_t i = 0; i < ts.n; i++) {
            cls[2 * i] = ts.upos[i];
            cls[2 * i + 1] = ts.xpos[i];
        }
        rc = an_image_writer_new(AN_POS_KIND, AN_POS_VERSION, &w);
        if (rc == AN_OK)
            rc = an_image_writer_add(w, "meta", meta, sizeof meta);
        if (rc == AN_OK)
            rc = an_image_writer_add(w, "classes", cls, 2 * ts.n);
        if (rc == AN_OK)
            rc = an_image_writer_add(w, "slots", slots[0].p, slots[0].n);
        if (rc == AN_OK)
            rc = an_image_writer_add(w, "rows", rows[0].p, rows[0].n);
        if (rc == AN_OK)
            rc = an_image_writer_add(w, "rslots", slots[1].p, slots[1].n);
        if (rc == AN_OK)
            rc = an_image_writer_add(w, "rrows", rows[1].p, rows[1].n);
        if (rc == AN_OK)
            rc = an_image_writer_add(w, "amb", ambb.p, ambb.n);
        if (rc == AN_OK)
            rc = an_image_writer_add(w, "dict", dictb.p, dictb.n);
        if (rc == AN_OK)
            rc = an_image_writer_save(w, path, err);
        else
            an_err_set(err, rc, "building the tagger image");
        an_image_writer_free(w);
        if (rc == AN_OK)
            an__tlog(t, "tagger: best dev accuracy %.2f%% (left to right), "
                        "%.2f%% (right to left); %zu words in the tag "
                        "dictionary; wrote %s",
                     100 * acc[0], 100 * acc[1], ndict, path);
    } else if (rc != AN_OK) {
        an_err_set(err, rc, "training the tagger: %s", an_strerror(rc));
    }
    for (int d = 0; d < 2; d++) {
        an_buf_fini(&slots[d]);
        an_buf_fini(&rows[d]);
    }

    /* Jackknifed tags of the training treebank, for the parser: each fold
       is tagged by taggers (both directions) trained on the others, for at
       most AN_JK_EPOCHS epochs (the last epochs add little). */
    if (epochs > AN_JK_EPOCHS)
        epochs = AN_JK_EPOCHS;
    if (rc == AN_OK && jk_upos && folds == 1) {
        for (size_t i = 0; i < tr->nword; i++) {
            jk_upos[i] = tr->words[i].upos;
            jk_xpos[i] = tr->words[i].xpos;
        }
    } else if (rc == AN_OK && jk_upos) {
        uint32_t *sel = malloc((tr->nsent + 1) * sizeof *sel);
        if (!sel)
            rc = an_err_set(err, AN_ENOMEM, "out of memory");
        for (int f = 0; f < folds && rc == AN_OK; f++) {
            size_t ns = 0;
            for (size_t i = 0; i < tr->nsent; i++)
                if ((int)(i % (size_t)folds) != f)
                    sel[ns++] = (uint32_t)i;
            an__tlog(t, "tagger: jackknife fold %d of %d", f + 1, folds);
            an_buf fb;
            an_buf_init(&fb);
            an_lex famb;
            rc = an__amb_build(tr, sel, ns, &fb);
            if (rc == AN_OK)
                rc = an_lex_open(&famb, fb.p, fb.n, NULL);
            for (int d = 0; d < 2 && rc == AN_OK; d++) {
                rc = an__pcp_init(&p[d], ts.n);
                if (rc == AN_OK)
                    rc = an__train_tagger(t, tr, sel, ns, NULL, epochs, d, &ts,
                                          &famb, &p[d], NULL, NULL, NULL,
                                          NULL);
            }
            for (size_t i = (size_t)f; rc == AN_OK && i < tr->nsent;
                 i += (size_t)folds) {
                const an_cu_sent *se = &tr->sents[i];
                rc = an__tag_with(&p[0], &p[1], &ts, &famb, tr, i,
                                  jk_upos + se->word, jk_xpos + se->word);
            }
            an__pcp_fini(&p[0]);
            an__pcp_fini(&p[1]);
            an_buf_fini(&fb);
        }
        free(sel);
        if (rc != AN_OK)
            an_err_set(err, rc, "jackknifing the tagger: %s", an_strerror(rc));
    }
    an_buf_fini(&ambb);
    an_buf_fini(&dictb);
    free(all);
    return rc;
}
