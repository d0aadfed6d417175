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

static void die(const char *msg)
{
    fprintf(stderr, "vectors: %s\n", msg);
    exit(1);
}
static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

static void *xcalloc(size_t n, size_t k)
{
    void *p = calloc(n ? n : 1, k ? k : 1);
    if (!p)
        die("out of memory");
    return p;
}

/* ---- the corpus: word ids, sentence marks between sentences ---- */

typedef struct corpus {
    an_map voc;          /* reduced word -> id */
    char **word;         /* id -> word (owned by voc) */
    uint64_t *count;     /* id -> occurrences */
    size_t nword, capword;
    uint32_t *tok;       /* the token stream */
    size_t ntok, captok;
} corpus;

#define MARK 0 /* the sentence mark, id 0 */

static uint32_t word_id(corpus *c, const char *p, size_t n)
{
    int added;
    uint32_t *v = an_map_put(&c->voc, p, n, (uint32_t)c->nword, &added);
    if (!v)
        die("out of memory");
    if (added) {
        if (c->nword == c->capword) {
            c->capword = c->capword ? 2 * c->capword : 1 << 16;
            c->count = realloc(c->count, c->capword * sizeof *c->count);
            c->word = realloc(c->word, c->capword * sizeof *c->word);
            if (!c->count || !c->word)
                die("out of memory");
        }
        c->count[c->nword] = 0;
        c->word[c->nword] = NULL;
        c->nword++;
    }
    return *v;
}

static void push(corpus *c, uint32_t id)
{
    if (c->ntok == c->captok) {
        c->captok = c->captok ? 2 * c->captok : 1 << 20;
        c->tok = realloc(c->tok, c->captok * sizeof *c->tok);
        if (!c->tok)
            die("out of memory");
    }
    c->tok[c->ntok++] = id;
    c->count[id]++;
}

static void add_word(corpus *c, const char *p, size_t n)
{
    char buf[64];
    size_t k = an__pos_norm(p, n, buf, sizeof buf);
    if (k)
        push(c, word_id(c, buf, k));
}

/* Tokenise and split raw text, adding its sentences. */
static void add_text(corpus *c, const char *p, size_t n)
{
    an_arena a;
    an_arena_init(&a);
    an_tok *toks;
    size_t ntok;
    an_sent *sents = NULL;
    size_t nsent = 0;
    if (an_tok_text(&a, p, n, AN_TOK_OPT_UD, &toks, &ntok) != AN_OK ||
        an_tok_split(&a, p, n, toks, ntok, &sents, &nsent) != AN_OK)
        die("tokenizer failed (out of memory?)");
    for (size_t s = 0; s < nsent; s++) {
        for (uint32_t i = 0; i < sents[s].ntok; i++) {
            const an_tok *t = &toks[sents[s].tok + i];
            if (t->end > t->start && t->end <= n)
                add_word(c, p + t->start, t->end - t->start);
        }
        push(c, MARK);
    }
    an_arena_fini(&a);
}

static char *read_file(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "vectors: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    size_t cap = 1 << 16, len = 0;
    char *p = xmalloc(cap + 1);
    size_t k;
    while ((k = fread(p + len, 1, cap - len, f)) > 0) {
        len += k;
        if (len == cap) {
            cap *= 2;
            p = realloc(p, cap + 1);
            if (!p)
                die("out of memory");
        }
    }
    fclose(f);
    p[len] = 0;
    *n = len;
    return p;
}

static bool ends_with(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && !strcmp(s + a - b, suf);
}

/* CoNLL-U: the forms of word lines (ranges and empty nodes skipped). */
static void read_conllu(corpus *c, const char *p, size_t n)
{
    size_t i = 0, words = 0;
    while (i < n) {
        size_t e = i;
        while (e < n && p[e] != '\n')
            e++;
        if (e == i || (e == i + 1 && p[i] == '\r')) {
            if (words)
                push(c, MARK);
            words = 0;
        } else if (p[i] != '#') {
            const char *t1 = memchr(p + i, '\t', e - i);
            const char *t2 = t1 ? memchr(t1 + 1, '\t', (size_t)(p + e - t1 - 1))
                                : NULL;
            bool plain = t1 && !memchr(p + i, '-', (size_t)(t1 - p - i)) &&
                         !memchr(p + i, '.', (size_t)(t1 - p - i));
            if (plain && t2) {
                add_word(c, t1 + 1, (size_t)(t2 - t1 - 1));
                words++;
            }
        }
        i = e + 1;
    }
    if (words)
        push(c, MARK);
}

static void read_json(corpus *c, const char *path, const char *p, size_t n,
                      bool lines)
{
    an_arena a;
    an_arena_init(&a);
    an_err err;
    size_t i = 0, line = 0;
    while (i < n) {
        size_t e = lines ? i : n;
        while (lines && e < n && p[e] != '\n')
            e++;
        line++;
        an_json *j;
        if (e > i && an_json_parse(&a, p + i, e - i, &j, &err) == AN_OK) {
            if (lines) {
                an_span t = an_json_get_str(j, "text");
                add_text(c, t.p, t.n);
            } else if (j->type == AN_JSON_OBJECT) {
                for (size_t k = 0; k < j->n; k++) {
                    an_span t = an_json_get_str(&j->items[k], "articleBody");
                    add_text(c, t.p, t.n);
                }
            }
        } else if (e > i) {
            fprintf(stderr, "vectors: %s:%zu: %s (skipped)\n", path, line,
                    err.msg);
        }
        an_arena_reset(&a);
        i = e + 1;
    }
    an_arena_fini(&a);
}

/* TimeML: the text inside <TEXT>, tags dropped, the five XML entities
   decoded. */
static void read_tml(corpus *c, const char *p, size_t n)
{
    const char *s = strstr(p, "<TEXT>");
    const char *e = s ? strstr(s, "</TEXT>") : NULL;
    if (!s || !e)
        return;
    s += 6;
    char *out = xmalloc((size_t)(e - s) + 1);
    size_t k = 0;
    static const char *ent[][2] = {{"&amp;", "&"}, {"&lt;", "<"},
                                   {"&gt;", ">"},  {"&quot;", "\""},
                                   {"&apos;", "'"}};
    while (s < e) {
        if (*s == '<') {
            const char *q = memchr(s, '>', (size_t)(e - s));
            s = q ? q + 1 : e;
            continue;
        }
        if (*s == '&') {
            size_t j;
            for (j = 0; j < 5; j++) {
                size_t l = strlen(ent[j][0]);
                if ((size_t)(e - s) >= l && !memcmp(s, ent[j][0], l)) {
                    out[k++] = ent[j][1][0];
                    s += l;
                    break;
                }
            }
            if (j < 5)
                continue;
        }
        out[k++] = *s++;
    }
    (void)n;
    add_text(c, out, k);
    free(out);
}

/* ---- the exchange algorithm over items with bigram lists ---- */

typedef struct pair {
    uint32_t item;
    uint32_t n;
} pair;

typedef struct items {
    size_t n;            /* items */
    uint64_t *nl, *nr;   /* occurrences as left / right member of a bigram */
    size_t *roff, *loff; /* CSR offsets of the right / left neighbour lists */
    pair *right, *left;  /* (neighbour, count) */
    uint32_t *self;      /* count of the item followed by itself */
} items;
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
    memset(&c, 0, sizeof c);
    an_map_init(&c.voc);
    word_id(&c, "\x01<s>", 4); /* MARK */
    for (; i < argc; i++) {
        size_t n;
        char *p = read_file(argv[i], &n);
        if (ends_with(argv[i], ".conllu"))
            read_conllu(&c, p, n);
        else if (ends_with(argv[i], ".jsonl"))
            read_json(&c, argv[i], p, n, true);
        else if (ends_with(argv[i], ".json"))
            read_json(&c, argv[i], p, n, false);
        else if (ends_with(argv[i], ".tml"))
            read_tml(&c, p, n);
        else
            add_text(&c, p, n);
        free(p);
    }
    for (size_t s = 0; s < c.voc.cap; s++)
        if (c.voc.slots[s].key)
            c.word[c.voc.slots[s].val] = c.voc.slots[s].key;
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
