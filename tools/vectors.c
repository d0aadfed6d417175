/*
** vectors.c - learns word vectors from unlabelled English text, to
** initialise the word embeddings of the neural parser (`annals train
** --dep-nn --nn-vectors FILE`; see data/models/README.md).
**
**     build/tools/vectors [-d DIM] [-e EPOCHS] [-m MINCOUNT] [-w WINDOW]
**                         -o OUT.txt FILE...
**
** FILE is read as by tools/clusters.c: a CoNLL-U treebank (its word
** forms), a JSON-lines file (the "text" member of each line), a JSON
** object of objects (the "articleBody" member of each), a TimeML file
** (.tml), or raw text; raw text is cut by annals' tokenizer in its UD
** mode and each word reduced as the tagger and parser reduce it (lower
** case, digits as 9).
**
** The model is the skip-gram with negative sampling (Mikolov et al.
** 2013): each word predicts the words up to WINDOW (default 5) either
** side in its sentence, against 5 words drawn from the unigram
** distribution raised to 3/4; frequent words are subsampled (t = 1e-4);
** the learning rate falls linearly from 0.025.  One thread and a fixed
** seed: the same input gives the same output.
**
** The output has one line per word seen MINCOUNT (default 2) times, most
** frequent first:  WORD TAB V1 SPACE V2 ... (DIM values).
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

#define TOOL_NAME "vectors"
#include "corpus.h"

/* ---- skip-gram with negative sampling ---- */

static uint64_t rng_state = 0x766563746f7273ull;

static uint64_t rnd(void)
{
    uint64_t x = rng_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    rng_state = x;
    return x * 0x2545f4914f6cdd1dull;
}

static double unif(void) { return (double)(rnd() >> 11) / 9007199254740992.0; }

static const uint64_t *sort_counts;
static int by_count(const void *a, const void *b)
{
    uint64_t x = sort_counts[*(const uint32_t *)a],
             y = sort_counts[*(const uint32_t *)b];
    if (x != y)
        return x > y ? -1 : 1;
    uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
    return (i > j) - (i < j);
}

#define TABLE (1u << 22)
#define NEG 5

static float dot(const float *a, const float *b, size_t d)
{
    float s = 0;
    for (size_t i = 0; i < d; i++)
        s += a[i] * b[i];
    return s;
}

int main(int argc, char **argv)
{
    size_t dim = 64, window = 5;
    int epochs = 5;
    uint64_t mincount = 2;
    const char *outp = NULL;
    int i = 1;
    const char *use = "usage: vectors [-d DIM] [-e EPOCHS] [-m MINCOUNT] "
                      "[-w WINDOW] -o OUT FILE...";
    while (i < argc && argv[i][0] == '-') {
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!v)
            die("option needs a value");
        if (!strcmp(argv[i], "-d"))
            dim = strtoul(v, NULL, 10);
        else if (!strcmp(argv[i], "-e"))
            epochs = atoi(v);
        else if (!strcmp(argv[i], "-m"))
            mincount = strtoull(v, NULL, 10);
        else if (!strcmp(argv[i], "-w"))
            window = strtoul(v, NULL, 10);
        else if (!strcmp(argv[i], "-o"))
            outp = v;
        else
            die(use);
        i += 2;
    }
    if (!outp || i >= argc || dim < 1 || dim > 1024 || epochs < 1 ||
        window < 1 || window > 20 || mincount < 1)
        die(use);
    corpus c;
    read_corpus(&c, argv + i, (size_t)(argc - i));
    /* Kept words, most frequent first; the others are dropped from the
       stream (the mark stays, as a sentence boundary). */
    uint32_t *words = xmalloc(c.nword * sizeof *words);
    for (size_t w = 0; w < c.nword; w++)
        words[w] = (uint32_t)w;
    sort_counts = c.count;
    qsort(words, c.nword, sizeof *words, by_count);
    uint32_t *vid = xmalloc(c.nword * sizeof *vid);
    size_t nv = 0;
    uint64_t total = 0;
    for (size_t k = 0; k < c.nword; k++) {
        uint32_t w = words[k];
        vid[w] = UINT32_MAX;
        if (w != MARK && c.count[w] >= mincount) {
            words[nv] = w;
            vid[w] = (uint32_t)nv++;
            total += c.count[w];
        }
    }
    fprintf(stderr, "vectors: %zu tokens, %zu words, %zu kept\n", c.ntok,
            c.nword, nv);
    if (nv == 0)
        die("no words");
    /* The negative-sampling table. */
    uint32_t *table = xmalloc(TABLE * sizeof *table);
    double z = 0;
    for (size_t k = 0; k < nv; k++)
        z += pow((double)c.count[words[k]], 0.75);
    size_t k = 0;
    double cum = pow((double)c.count[words[0]], 0.75) / z;
    for (size_t t = 0; t < TABLE; t++) {
        table[t] = (uint32_t)k;
        if ((double)(t + 1) / TABLE > cum && k + 1 < nv) {
            k++;
            cum += pow((double)c.count[words[k]], 0.75) / z;
        }
    }
    float *in = xmalloc(nv * dim * sizeof *in);
    float *out = xcalloc(nv * dim, sizeof *out);
    for (size_t q = 0; q < nv * dim; q++)
        in[q] = (float)((unif() - 0.5) / (double)dim);
    float *grad = xmalloc(dim * sizeof *grad);
    uint32_t *sent = xmalloc((c.ntok + 1) * sizeof *sent);
    uint64_t done = 0, steps = (uint64_t)epochs * total;
    const float lr0 = 0.025f;
    for (int ep = 0; ep < epochs; ep++) {
        size_t pos = 0;
        while (pos < c.ntok) {
            /* One sentence, subsampled. */
            size_t ns = 0;
            for (; pos < c.ntok && c.tok[pos] != MARK; pos++) {
                uint32_t v = vid[c.tok[pos]];
                if (v == UINT32_MAX)
                    continue;
                done++;
                double f = (double)c.count[words[v]] / (double)total;
                double keep = (sqrt(f / 1e-4) + 1) * 1e-4 / f;
                if (keep < 1 && unif() > keep)
                    continue;
                sent[ns++] = v;
            }
            pos++;
            float lr = lr0 * (1 - (float)done / (float)(steps + 1));
            if (lr < lr0 * 1e-4f)
                lr = lr0 * 1e-4f;
            for (size_t s = 0; s < ns; s++) {
                size_t b = 1 + (size_t)(rnd() % window);
                size_t lo = s >= b ? s - b : 0, hi = AN_MIN(ns, s + b + 1);
                for (size_t o = lo; o < hi; o++) {
                    if (o == s)
                        continue;
                    float *vi = in + (size_t)sent[o] * dim;
                    memset(grad, 0, dim * sizeof *grad);
                    for (int d = 0; d <= NEG; d++) {
                        uint32_t tgt = sent[s];
                        float label = 1;
                        if (d > 0) {
                            tgt = table[rnd() % TABLE];
                            if (tgt == sent[s])
                                continue;
                            label = 0;
                        }
                        float *vo = out + (size_t)tgt * dim;
                        float x = dot(vi, vo, dim);
                        float sg = x > 8 ? 1 : x < -8 ? 0 : 1 / (1 + expf(-x));
                        float g = (label - sg) * lr;
                        for (size_t q = 0; q < dim; q++)
                            grad[q] += g * vo[q];
                        for (size_t q = 0; q < dim; q++)
                            vo[q] += g * vi[q];
                    }
                    for (size_t q = 0; q < dim; q++)
                        vi[q] += grad[q];
                }
            }
        }
        fprintf(stderr, "vectors: epoch %d done\n", ep + 1);
    }
    FILE *f = fopen(outp, "w");
    if (!f) {
        fprintf(stderr, "vectors: %s: %s\n", outp, strerror(errno));
        return 1;
    }
    for (size_t w = 0; w < nv; w++) {
        fprintf(f, "%s\t", c.word[words[w]]);
        for (size_t q = 0; q < dim; q++)
            fprintf(f, q ? " %.5g" : "%.5g", (double)in[w * dim + q]);
        fputc('\n', f);
    }
    if (fclose(f) != 0)
        die("write error");
    fprintf(stderr, "vectors: wrote %zu words of %zu values to %s\n", nv, dim,
            outp);
    return 0;
}
