/*
** clusters.c - learns hierarchical word clusters from unlabelled English
** text, as features for the tagger (`annals train --clusters`, branch
** parse2-models; see data/models/README.md).
**
**     build/tools/clusters [-c FINE] [-i ITER] [-m MINCOUNT] -o OUT.txt
**                          FILE...
**
** FILE is a CoNLL-U treebank (its word forms), a JSON-lines file (the
** "text" member of each line), a JSON object of objects (the
** "articleBody" member of each, as the extraction benchmark's ground
** truth), or a TimeML file (.tml: the text between <TEXT> and </TEXT>,
** tags removed).  Raw text is cut into words and sentences by annals' own
** tokenizer in its UD mode, so the words are those the tagger sees; each
** word is reduced as the tagger reduces it (lower case, digits as 9).
**
** Clustering is the exchange algorithm (Kneser and Ney 1993; Martin,
** Liermann and Ney 1998) on the two-sided class bigram likelihood
**
**     F = sum_{c,d} N(c,d) log N(c,d) - sum_c NL(c) log NL(c)
**                                     - sum_d NR(d) log NR(d)
**
** where N(c,d) counts class c followed by class d.  Each word in turn
** leaves its class and joins the class that gains most; passes repeat
** until few words move.  The hierarchy comes from clustering again: the
** fine classes (-c, default 1024) are themselves clustered into 256, those
** into 64 and those into 16, with the same algorithm on the class bigram
** counts, so each word has a path of four nested classes.  Words seen
** fewer than MINCOUNT times (default 2) share one "rare" item.  Everything
** runs in a fixed order: the same input gives the same output.
**
** The output has one line per word (most frequent first, sentence marks
** and the rare item left out):  WORD TAB C16 TAB C64 TAB C256 TAB CFINE
** TAB COUNT.
*/
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "base/map.h"
#include "pos/pos_int.h"
#include "tok/tok.h"

#define TOOL_NAME "clusters"
#include "corpus.h"


static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Build the neighbour lists from bigrams (a, b, count) packed as keys. */
static void items_build(items *it, size_t n, const uint64_t *key,
                        const uint32_t *cnt, size_t nk)
{
    memset(it, 0, sizeof *it);
    it->n = n;
    it->nl = xcalloc(n, sizeof *it->nl);
    it->nr = xcalloc(n, sizeof *it->nr);
    it->self = xcalloc(n, sizeof *it->self);
    it->roff = xcalloc(n + 1, sizeof *it->roff);
    it->loff = xcalloc(n + 1, sizeof *it->loff);
    for (size_t k = 0; k < nk; k++) {
        uint32_t a = (uint32_t)(key[k] >> 32), b = (uint32_t)key[k];
        it->nl[a] += cnt[k];
        it->nr[b] += cnt[k];
        if (a == b) {
            it->self[a] += cnt[k];
            continue;
        }
        it->roff[a + 1]++;
        it->loff[b + 1]++;
    }
    for (size_t i = 0; i < n; i++) {
        it->roff[i + 1] += it->roff[i];
        it->loff[i + 1] += it->loff[i];
    }
    it->right = xmalloc((it->roff[n] + 1) * sizeof *it->right);
    it->left = xmalloc((it->loff[n] + 1) * sizeof *it->left);
    size_t *rp = xmalloc((n + 1) * sizeof *rp), *lp = xmalloc((n + 1) * sizeof *lp);
    memcpy(rp, it->roff, (n + 1) * sizeof *rp);
    memcpy(lp, it->loff, (n + 1) * sizeof *lp);
    for (size_t k = 0; k < nk; k++) {
        uint32_t a = (uint32_t)(key[k] >> 32), b = (uint32_t)key[k];
        if (a == b)
            continue;
        it->right[rp[a]++] = (pair){b, cnt[k]};
        it->left[lp[b]++] = (pair){a, cnt[k]};
    }
    free(rp);
    free(lp);
}

static void items_free(items *it)
{
    free(it->nl);
    free(it->nr);
    free(it->self);
    free(it->roff);
    free(it->loff);
    free(it->right);
    free(it->left);
}

/* x log x, from a table for small x. */
typedef struct xlx {
    double *t;
    size_t n;
} xlx;

static inline double g(const xlx *x, int64_t v)
{
    if (v <= 0)
        return 0;
    if ((size_t)v < x->n)
        return x->t[v];
    return (double)v * log((double)v);
}

/*
** Cluster the items into C classes; cls[i] gets each item's class.
** Items are visited in the order `order` (most frequent first); the
** initial class of the k-th item is k mod C.  `fixed` items (may be NULL)
** keep their initial class.
*/
static void exchange(const items *it, const uint32_t *order, size_t C,
                     int iters, const xlx *x, uint32_t *cls)
{
    size_t n = it->n;
    int64_t *N = xcalloc(C * C, sizeof *N);
    int64_t *NL = xcalloc(C, sizeof *NL), *NR = xcalloc(C, sizeof *NR);
    for (size_t k = 0; k < n; k++)
        cls[order[k]] = (uint32_t)(k % C);
    for (size_t a = 0; a < n; a++) {
        NL[cls[a]] += (int64_t)it->nl[a];
        NR[cls[a]] += (int64_t)it->nr[a];
        N[cls[a] * C + cls[a]] += it->self[a];
        for (size_t k = it->roff[a]; k < it->roff[a + 1]; k++)
            N[cls[a] * C + cls[it->right[k].item]] += it->right[k].n;
    }
    int64_t *rd = xcalloc(C, sizeof *rd), *ld = xcalloc(C, sizeof *ld);
    uint32_t *rl = xmalloc(C * sizeof *rl), *ll = xmalloc(C * sizeof *ll);
    double *delta = xmalloc(C * sizeof *delta);
    for (int iter = 0; iter < iters; iter++) {
        size_t moved = 0;
        for (size_t k = 0; k < n; k++) {
            uint32_t w = order[k];
            /* Class counts of the neighbours (the item itself apart). */
            size_t nrl = 0, nll = 0;
            for (size_t j = it->roff[w]; j < it->roff[w + 1]; j++) {
                uint32_t c = cls[it->right[j].item];
                if (!rd[c])
                    rl[nrl++] = c;
                rd[c] += it->right[j].n;
            }
            for (size_t j = it->loff[w]; j < it->loff[w + 1]; j++) {
                uint32_t c = cls[it->left[j].item];
                if (!ld[c])
                    ll[nll++] = c;
                ld[c] += it->left[j].n;
            }
            int64_t s = it->self[w], nl = (int64_t)it->nl[w],
                    nr = (int64_t)it->nr[w];
            /* Leave the old class. */
            uint32_t a = cls[w];
            for (size_t j = 0; j < nrl; j++)
                N[a * C + rl[j]] -= rd[rl[j]];
            for (size_t j = 0; j < nll; j++)
                N[ll[j] * C + a] -= ld[ll[j]];
            N[a * C + a] -= s;
            NL[a] -= nl;
            NR[a] -= nr;
            /* The gain of joining each class. */
            for (size_t b = 0; b < C; b++) {
                const int64_t *row = N + b * C;
                double d = 0;
                for (size_t j = 0; j < nrl; j++) {
                    uint32_t c = rl[j];
                    if (c != b)
                        d += g(x, row[c] + rd[c]) - g(x, row[c]);
                }
                for (size_t j = 0; j < nll; j++) {
                    uint32_t c = ll[j];
                    if (c != b) {
                        int64_t v = N[c * C + b];
                        d += g(x, v + ld[c]) - g(x, v);
                    }
                }
                int64_t bb = row[b];
                d += g(x, bb + rd[b] + ld[b] + s) - g(x, bb);
                d -= g(x, NL[b] + nl) - g(x, NL[b]);
                d -= g(x, NR[b] + nr) - g(x, NR[b]);
                delta[b] = d;
            }
            uint32_t best = a;
            for (uint32_t b = 0; b < C; b++)
                if (delta[b] > delta[best] + 1e-9)
                    best = b;
            /* Join it. */
            for (size_t j = 0; j < nrl; j++)
                N[best * C + rl[j]] += rd[rl[j]];
            for (size_t j = 0; j < nll; j++)
                N[ll[j] * C + best] += ld[ll[j]];
            N[best * C + best] += s;
            NL[best] += nl;
            NR[best] += nr;
            cls[w] = best;
            moved += best != a;
            for (size_t j = 0; j < nrl; j++)
                rd[rl[j]] = 0;
            for (size_t j = 0; j < nll; j++)
                ld[ll[j]] = 0;
        }
        double F = 0;
        for (size_t i = 0; i < C * C; i++)
            F += g(x, N[i]);
        for (size_t c = 0; c < C; c++)
            F -= g(x, NL[c]) + g(x, NR[c]);
        fprintf(stderr, "clusters: %zu classes, pass %d: %zu of %zu moved, "
                        "F = %.1f\n",
                C, iter + 1, moved, n, F);
        if (moved * 1000 < n)
            break;
    }
    free(N);
    free(NL);
    free(NR);
    free(rd);
    free(ld);
    free(rl);
    free(ll);
    free(delta);
}

/* Sort order: by count descending, then id. */
static const uint64_t *sort_counts;
static int by_count(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    if (sort_counts[x] != sort_counts[y])
        return sort_counts[x] > sort_counts[y] ? -1 : 1;
    return (x > y) - (x < y);
}

/* Bigram keys (a << 32 | b) with counts, sorted and merged. */
static size_t bigrams(const uint32_t *seq, size_t n, const uint32_t *map,
                      uint64_t **keys, uint32_t **cnt)
{
    uint64_t *k = xmalloc((n + 1) * sizeof *k);
    size_t m = 0;
    for (size_t i = 0; i + 1 < n; i++)
        k[m++] = (uint64_t)map[seq[i]] << 32 | map[seq[i + 1]];
    qsort(k, m, sizeof *k, cmp_u64);
    uint32_t *c = xmalloc((m + 1) * sizeof *c);
    size_t u = 0;
    for (size_t i = 0; i < m; i++) {
        if (u && k[u - 1] == k[i]) {
            c[u - 1]++;
            continue;
        }
        k[u] = k[i];
        c[u++] = 1;
    }
    *keys = k;
    *cnt = c;
    return u;
}

/* Cluster classes 0..n-1 (with bigram matrix from `cls` over `it`) into C. */
static void coarser(const items *it, const uint32_t *cls, size_t n, size_t C,
                    int iters, const xlx *x, uint32_t *out)
{
    uint64_t *key = xmalloc((n * n + 1) * sizeof *key);
    uint32_t *cnt = xmalloc((n * n + 1) * sizeof *cnt);
    uint64_t *m = xcalloc(n * n, sizeof *m);
    uint64_t *tot = xcalloc(n, sizeof *tot);
    for (size_t a = 0; a < it->n; a++) {
        m[cls[a] * n + cls[a]] += it->self[a];
        tot[cls[a]] += it->nl[a] + it->nr[a];
        for (size_t k = it->roff[a]; k < it->roff[a + 1]; k++)
            m[cls[a] * n + cls[it->right[k].item]] += it->right[k].n;
    }
    size_t nk = 0;
    for (size_t i = 0; i < n * n; i++)
        if (m[i]) {
            key[nk] = (uint64_t)(i / n) << 32 | (i % n);
            cnt[nk++] = (uint32_t)AN_MIN(m[i], (uint64_t)UINT32_MAX);
        }
    items ci;
    items_build(&ci, n, key, cnt, nk);
    uint32_t *order = xmalloc(n * sizeof *order);
    for (size_t i = 0; i < n; i++)
        order[i] = (uint32_t)i;
    sort_counts = tot;
    qsort(order, n, sizeof *order, by_count);
    exchange(&ci, order, C, iters, x, out);
    items_free(&ci);
    free(order);
    free(key);
    free(cnt);
    free(m);
    free(tot);
}

int main(int argc, char **argv)
{
    size_t C = 1024;
    int iters = 20;
    uint64_t mincount = 2;
    const char *outp = NULL;
    int i = 1;
    while (i < argc && argv[i][0] == '-') {
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!v)
            die("option needs a value");
        if (!strcmp(argv[i], "-c"))
            C = strtoul(v, NULL, 10);
        else if (!strcmp(argv[i], "-i"))
            iters = atoi(v);
        else if (!strcmp(argv[i], "-m"))
            mincount = strtoull(v, NULL, 10);
        else if (!strcmp(argv[i], "-o"))
            outp = v;
        else
            die("usage: clusters [-c FINE] [-i ITER] [-m MINCOUNT] -o OUT FILE...");
        i += 2;
    }
    if (!outp || i >= argc || C < 64 || C > 4096 || iters < 1)
        die("usage: clusters [-c FINE] [-i ITER] [-m MINCOUNT] -o OUT FILE...");
    corpus c;
    read_corpus(&c, argv + i, (size_t)(argc - i));
    /* Items: frequent words, the mark, one item for all rare words. */
    uint32_t *item = xmalloc(c.nword * sizeof *item);
    size_t nitem = 0;
    uint32_t rare = UINT32_MAX;
    for (size_t w = 0; w < c.nword; w++) {
        if (w == MARK || c.count[w] >= mincount) {
            item[w] = (uint32_t)nitem++;
        } else {
            if (rare == UINT32_MAX)
                rare = (uint32_t)nitem++;
            item[w] = rare;
        }
    }
    fprintf(stderr, "clusters: %zu tokens, %zu words, %zu items\n", c.ntok,
            c.nword, nitem);
    uint64_t *key;
    uint32_t *cnt;
    size_t nk = bigrams(c.tok, c.ntok, item, &key, &cnt);
    items it;
    items_build(&it, nitem, key, cnt, nk);
    free(key);
    free(cnt);
    xlx x;
    x.n = c.ntok + 2;
    x.t = xmalloc(x.n * sizeof *x.t);
    for (size_t k = 0; k < x.n; k++)
        x.t[k] = k ? (double)k * log((double)k) : 0;
    uint64_t *icount = xcalloc(nitem, sizeof *icount);
    for (size_t w = 0; w < c.nword; w++)
        icount[item[w]] += c.count[w];
    uint32_t *order = xmalloc(nitem * sizeof *order);
    for (size_t k = 0; k < nitem; k++)
        order[k] = (uint32_t)k;
    sort_counts = icount;
    qsort(order, nitem, sizeof *order, by_count);
    uint32_t *fine = xmalloc(nitem * sizeof *fine);
    exchange(&it, order, C, iters, &x, fine);
    /* Coarser levels, each over the one below. */
    size_t sizes[3] = {C / 4, C / 16, C / 64};
    uint32_t *lv[4] = {fine, NULL, NULL, NULL};
    uint32_t *up[3];
    size_t prev = C;
    for (int l = 0; l < 3; l++) {
        up[l] = xmalloc(prev * sizeof *up[l]);
        /* items of level l are the classes of level l-1: build the item
           -> class map of level l-1 over words first */
        uint32_t *cur = lv[l];
        coarser(&it, cur, prev, sizes[l], iters, &x, up[l]);
        lv[l + 1] = xmalloc(nitem * sizeof *lv[l + 1]);
        for (size_t k = 0; k < nitem; k++)
            lv[l + 1][k] = up[l][cur[k]];
        prev = sizes[l];
    }
    FILE *f = fopen(outp, "w");
    if (!f) {
        fprintf(stderr, "clusters: %s: %s\n", outp, strerror(errno));
        return 1;
    }
    uint32_t *words = xmalloc(c.nword * sizeof *words);
    for (size_t w = 0; w < c.nword; w++)
        words[w] = (uint32_t)w;
    sort_counts = c.count;
    qsort(words, c.nword, sizeof *words, by_count);
    size_t written = 0;
    for (size_t k = 0; k < c.nword; k++) {
        uint32_t w = words[k];
        if (w == MARK || c.count[w] < mincount)
            continue;
        uint32_t t = item[w];
        fprintf(f, "%s\t%u\t%u\t%u\t%u\t%llu\n", c.word[w], lv[3][t], lv[2][t],
                lv[1][t], lv[0][t], (unsigned long long)c.count[w]);
        written++;
    }
    if (fclose(f) != 0)
        die("write error");
    fprintf(stderr, "clusters: wrote %zu words to %s\n", written, outp);
    return 0;
}
