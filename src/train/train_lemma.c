/*
** train_lemma.c - building the lemmatiser from a treebank.
**
** The lexicon keeps, for each (XPOS, form) of the training words, its most
** frequent lemma (ties: the smallest string), plus the irregular verbs of
** src/pos/irregular.c for forms the treebank lacks.  The suffix rules
** count, over word types, which (strip, append) edit turns each form into
** its lemma, keyed by XPOS and each ending of 0..AN_LEMMA_MAXSUF bytes;
** an ending keeps its majority edit when at least two word types share
** it (the empty ending always).
*/
#include <stdlib.h>

#include "../base/image.h"
#include "../base/map.h"
#include "../pos/lemma.h"
#include "train.h"

typedef struct entry {
    uint8_t xpos;
    an_span form, lemma;
} entry;

static int span_cmp(an_span a, an_span b)
{
    size_t n = AN_MIN(a.n, b.n);
    int c = n ? memcmp(a.p, b.p, n) : 0;
    return c ? c : (a.n > b.n) - (a.n < b.n);
}

static int entry_cmp(const void *x, const void *y)
{
    const entry *a = x, *b = y;
    if (a->xpos != b->xpos)
        return a->xpos < b->xpos ? -1 : 1;
    int c = span_cmp(a->form, b->form);
    return c ? c : span_cmp(a->lemma, b->lemma);
}

/* Append a pool string {u8 len, bytes} and return its offset. */
static uint32_t pool_str(an_buf *pool, const char *p, size_t n)
{
    uint32_t off = (uint32_t)pool->n;
    an_buf_addc(pool, (char)n);
    an_buf_add(pool, p, n);
    return off;
}

/* Best rule per ending: the candidate rules, one per (ending, rule). */
typedef struct rule {
    char key[2 + AN_LEMMA_MAXSUF]; /* xpos, '#', ending */
    uint8_t klen;
    uint8_t strip;
    char app[32];
    uint8_t napp;
    uint32_t count;
} rule;

static int rule_cmp(const void *x, const void *y)
{
    const rule *a = x, *b = y;
    int c = span_cmp((an_span){a->key, a->klen}, (an_span){b->key, b->klen});
    if (c)
        return c;
    if (a->strip != b->strip)
        return a->strip < b->strip ? -1 : 1;
    return span_cmp((an_span){a->app, a->napp}, (an_span){b->app, b->napp});
}

int an__train_lemma(const an__tctx *t, const an_cu_corpus *tr,
                    const char *path, an_err *err)
{
    entry *e = malloc((tr->nword + 1) * sizeof *e);
    if (!e)
        return an_err_set(err, AN_ENOMEM, "out of memory");
    size_t ne = 0;
    for (size_t i = 0; i < tr->nword; i++) {
        const an_cu_word *w = &tr->words[i];
        if (!w->xpos || !w->form.n || !w->lemma.n || w->form.n > 120 ||
            w->lemma.n > 120 || (w->lemma.n == 1 && w->lemma.p[0] == '_' &&
                                 !(w->form.n == 1 && w->form.p[0] == '_')))
            continue;
        e[ne++] = (entry){w->xpos, w->form, w->lemma};
    }
    qsort(e, ne, sizeof *e, entry_cmp);

    an_map lex, known;
    an_map_init(&lex);
    an_map_init(&known);
    an_buf pool;
    an_buf_init(&pool);
    an_buf_addc(&pool, 0); /* offset 0: the empty string */
    rule *rules = NULL;
    size_t nrule = 0, caprule = 0;
    int rc = AN_OK;
    char key[130], lf[130], ll[130];
    for (size_t i = 0; i < ne && rc == AN_OK;) {
        /* One (xpos, form) group: pick its most frequent lemma. */
        size_t j = i, best = i, bestc = 0;
        while (j < ne && e[j].xpos == e[i].xpos &&
               span_cmp(e[j].form, e[i].form) == 0) {
            size_t k = j;
            while (k < ne && e[k].xpos == e[j].xpos &&
                   span_cmp(e[k].form, e[j].form) == 0 &&
                   span_cmp(e[k].lemma, e[j].lemma) == 0)
                k++;
            if (k - j > bestc) {
                bestc = k - j;
                best = j;
            }
            j = k;
        }
        key[0] = (char)e[i].xpos;
        memcpy(key + 1, e[i].form.p, e[i].form.n);
        if (!an_map_put(&known, e[best].lemma.p, e[best].lemma.n, 0, NULL))
            rc = AN_ENOMEM;
        uint32_t off = pool_str(&pool, e[best].lemma.p, e[best].lemma.n);
        if (!an_map_put(&lex, key, e[i].form.n + 1, off, NULL))
            rc = AN_ENOMEM;
        /* Its rule, under every ending of the lower-cased form. */
        size_t strip, napp;
        const char *app;
        /* Inflection edits append little ("ies" -> "y", "went" -> "go");
           longer appends are abbreviations ("Nov" -> "November") that
           must not become rules for other words. */
        if (an__lemma_rule(e[i].form, e[best].lemma, &strip, &app, &napp, lf,
                           ll, sizeof lf) &&
            napp <= 3) {
            size_t n = e[i].form.n;
            for (size_t k = 0; k <= AN_MIN(n, (size_t)AN_LEMMA_MAXSUF); k++) {
                if (nrule == caprule) {
                    caprule = caprule ? caprule * 2 : 4096;
                    rule *nr = realloc(rules, caprule * sizeof *nr);
                    if (!nr) {
                        rc = AN_ENOMEM;
                        break;
                    }
                    rules = nr;
                }
                rule *r = &rules[nrule++];
                memset(r, 0, sizeof *r);
                r->key[0] = (char)e[i].xpos;
                r->key[1] = '#';
                memcpy(r->key + 2, lf + n - k, k);
                r->klen = (uint8_t)(k + 2);
                r->strip = (uint8_t)strip;
                memcpy(r->app, app, napp);
                r->napp = (uint8_t)napp;
                r->count = 1;
            }
        }
        i = j;
    }
    /* Irregular verbs the treebank did not cover. */
    size_t nirr = 0;
    for (size_t i = 0; rc == AN_OK && an__lemma_irregular[i][0]; i++) {
        static const int tags[3] = {AN_XPOS_VB, AN_XPOS_VBD, AN_XPOS_VBN};
        for (int k = 0; k < 3; k++) {
            const char *f = an__lemma_irregular[i][k];
            const char *b = an__lemma_irregular[i][0];
            size_t fn = strlen(f);
            if (!an_map_put(&known, b, strlen(b), 0, NULL))
                rc = AN_ENOMEM;
            key[0] = (char)tags[k];
            memcpy(key + 1, f, fn);
            if (an_map_get(&lex, key, fn + 1))
                continue;
            uint32_t off = pool_str(&pool, b, strlen(b));
            if (!an_map_put(&lex, key, fn + 1, off, NULL))
                rc = AN_ENOMEM;
            nirr++;
        }
    }
    /* Majority rule per ending. */
    an_map rmap;
    an_map_init(&rmap);
    size_t nkept = 0;
    if (rc == AN_OK) {
        qsort(rules, nrule, sizeof *rules, rule_cmp);
        for (size_t i = 0; i < nrule && rc == AN_OK;) {
            size_t j = i, best = i, bestc = 0, total = 0;
            while (j < nrule && rules[j].klen == rules[i].klen &&
                   memcmp(rules[j].key, rules[i].key, rules[i].klen) == 0) {
                size_t k = j;
                while (k < nrule && rule_cmp(&rules[k], &rules[j]) == 0)
                    k++;
                if (k - j > bestc) {
                    bestc = k - j;
                    best = j;
                }
                total += k - j;
                j = k;
            }
            if (bestc >= 2 || rules[i].klen == 2) {
                char tmp[34];
                tmp[0] = (char)rules[best].strip;
                memcpy(tmp + 1, rules[best].app, rules[best].napp);
                uint32_t off = (uint32_t)pool.n;
                an_buf_add(&pool, tmp, 1);
                an_buf_addc(&pool, (char)rules[best].napp);
                an_buf_add(&pool, rules[best].app, rules[best].napp);
                if (!an_map_put(&rmap, rules[i].key, rules[i].klen, off, NULL))
                    rc = AN_ENOMEM;
                nkept++;
            }
            (void)total;
            i = j;
        }
    }
    an_buf blex, brules, bknown;
    an_buf_init(&blex);
    an_buf_init(&brules);
    an_buf_init(&bknown);
    if (rc == AN_OK)
        rc = an_lex_write(&known, &bknown);
    if (rc == AN_OK)
        rc = an_lex_write(&lex, &blex);
    if (rc == AN_OK)
        rc = an_lex_write(&rmap, &brules);
    if (rc == AN_OK && pool.oom)
        rc = AN_ENOMEM;
    an_image_writer *w = NULL;
    if (rc == AN_OK)
        rc = an_image_writer_new(AN_LEMMA_KIND, AN_LEMMA_VERSION, &w);
    if (rc == AN_OK)
        rc = an_image_writer_add(w, "lex", blex.p, blex.n);
    if (rc == AN_OK)
        rc = an_image_writer_add(w, "rules", brules.p, brules.n);
    if (rc == AN_OK)
        rc = an_image_writer_add(w, "pool", pool.p, pool.n);
    if (rc == AN_OK)
        rc = an_image_writer_add(w, "lemmas", bknown.p, bknown.n);
    if (rc == AN_OK)
        rc = an_image_writer_save(w, path, err);
    else
        an_err_set(err, rc, "building the lemmatiser: %s", an_strerror(rc));
    if (rc == AN_OK)
        an__tlog(t, "lemmatiser: %zu lexicon entries (%zu irregular), %zu "
                    "suffix rules, wrote %s",
                 lex.n, nirr, nkept, path);
    an_image_writer_free(w);
    an_buf_fini(&blex);
    an_buf_fini(&brules);
    an_buf_fini(&bknown);
    an_map_fini(&known);
    an_buf_fini(&pool);
    an_map_fini(&lex);
    an_map_fini(&rmap);
    free(rules);
    free(e);
    return rc;
}
