/*
** train_sent.c - trains the sentence-boundary classifier on UD English
** EWT and writes it as the generated C table src/tok/sent_model.c.
**
**     build/tools/train_sent [-e EPOCHS] [-k ORDERS] [-c MINCOUNT]
**                            [-o OUT.c] [-v NERRORS] [-s SEED] [-t]
**                            [-x FOLDS] EWT_DIR
**
** -e: epochs to try (12); -k: perceptrons averaged, each visiting the
** examples in its own order (16); -c: drop features seen fewer times
** (2); -v: print that many dev errors; -s: another set of shuffling
** orders (0, the default, made the committed model); -t: print the test
** scores; -x: instead of training a model, cross-validate on train (the
** documents cut into FOLDS runs, -e epochs each, no dev selection) and
** print every error with the boundary F1 of both joinings - a larger
** sample of errors than dev, for choosing what to work on without
** looking at test.
**
** EWT_DIR holds en_ewt-ud-{train,dev,test}.conllu.  The training
** documents are rebuilt as raw text twice, once per joining (paragraphs
** separated by blank lines, and everything on one line; see
** src/tok/eval.c), and tokenised by the real tokenizer.  Each boundary the
** splitter's rules leave open is one example, labelled by whether a gold
** sentence ends there; the "sentence length so far" feature uses the gold
** boundaries (teacher forcing).  The lexicon (words seen 3 times or more,
** whether they are mostly written in lower case, how often they start a
** sentence) comes from train as well.
**
** The classifier is an averaged perceptron.  Training is deterministic:
** the examples are visited in orders shuffled by a fixed linear
** congruential generator.  After each epoch the mean of the K averaged
** weight vectors is quantised into the same table the library uses and
** scored on dev with the library's own splitter and scorer; the epoch
** with the best dev boundary F1 (mean of the two joinings) is kept.  The
** decision threshold (the bias weight) moves from 0 only when that gains
** more than 0.002 of F1 on dev.  Test scores are printed for the chosen
** model only.
*/
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "tok/tok_int.h"

/* ---- a feature table: 64-bit hash -> index ---- */

typedef struct ftab {
    uint64_t *keys; /* 0: empty */
    uint32_t *idx;
    size_t cap, n;
} ftab;

static uint32_t ftab_get(ftab *t, uint64_t k, int add)
{
    if (k == 0)
        k = 1;
    if (add && (t->n + 1) * 2 > t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 1 << 16;
        uint64_t *nk = calloc(nc, sizeof *nk);
        uint32_t *ni = calloc(nc, sizeof *ni);
        if (!nk || !ni) {
            fprintf(stderr, "train_sent: out of memory\n");
            exit(1);
        }
        for (size_t i = 0; i < t->cap; i++) {
            if (!t->keys[i])
                continue;
            size_t s = t->keys[i] & (nc - 1);
            while (nk[s])
                s = (s + 1) & (nc - 1);
            nk[s] = t->keys[i];
            ni[s] = t->idx[i];
        }
        free(t->keys);
        free(t->idx);
        t->keys = nk;
        t->idx = ni;
        t->cap = nc;
    }
    if (!t->cap)
        return UINT32_MAX;
    size_t s = k & (t->cap - 1);
    while (t->keys[s]) {
        if (t->keys[s] == k)
            return t->idx[s];
        s = (s + 1) & (t->cap - 1);
    }
    if (!add)
        return UINT32_MAX;
    t->keys[s] = k;
    t->idx[s] = (uint32_t)t->n;
    return (uint32_t)t->n++;
}

/* ---- examples ---- */

typedef struct exs {
    uint32_t *f;     /* feature indices, all examples */
    size_t nf, fcap;
    size_t *off;     /* start of example k in f; off[n] = nf */
    int8_t *y;       /* +1 boundary, -1 not */
    uint32_t *doc;   /* the document it comes from */
    size_t n, cap;
} exs;

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "train_sent: out of memory\n");
        exit(1);
    }
    return q;
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "train_sent: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    size_t cap = 1 << 20, len = 0;
    char *p = xrealloc(NULL, cap);
    size_t k;
    while ((k = fread(p + len, 1, cap - len, f)) > 0) {
        len += k;
        if (len == cap)
            p = xrealloc(p, cap *= 2);
    }
    fclose(f);
    *n = len;
    return p;
}

static an_tok_gold *read_gold(an_arena *a, const char *dir, const char *part,
                              int join, size_t *nd)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/en_ewt-ud-%s.conllu", dir, part);
    size_t n;
    char *p = slurp(path, &n);
    char *keep = an_arena_dup(a, p, n); /* the docs point into the text */
    free(p);
    an_tok_gold *docs;
    an_err err;
    an_err_clear(&err);
    if (!keep || an_tok_gold_read(a, keep, n, join, &docs, nd, NULL, &err)) {
        fprintf(stderr, "train_sent: %s: %s\n", path, err.msg);
        exit(1);
    }
    return docs;
}

/* Add the examples of some documents to `ex`; count what the rules do. */
static void collect(const an__sent_model *m, const an_tok_gold *docs,
                    size_t nd, ftab *ft, exs *ex, size_t *rule_yes_bad,
                    size_t *rule_no_bad, size_t *unreachable)
{
    an_arena a;
    an_arena_init(&a);
    uint64_t f[AN__SENT_MAXF];
    for (size_t d = 0; d < nd; d++) {
        const an_tok_gold *g = &docs[d];
        an_arena_reset(&a);
        an_tok *t;
        size_t nt;
        if (an_tok_text(&a, g->text, g->n, 0, &t, &nt) != AN_OK) {
            fprintf(stderr, "train_sent: out of memory\n");
            exit(1);
        }
        an__sent_ctx c;
        an__sent_ctx_init(&c, m, g->text, g->n, t, nt);
        size_t ge = 0, t0 = 0;
        unsigned st = 0;
        for (size_t i = 0; i + 1 < nt; i++) {
            st = an__sent_state(&c, i, i == t0, st);
            /* gold ends strictly inside token i cannot be found */
            while (ge < g->nsent && g->sent_end[ge] < t[i].end) {
                if (g->sent_end[ge] > t[i].start)
                    (*unreachable)++;
                ge++;
            }
            int y = ge < g->nsent && g->sent_end[ge] == t[i].end;
            int r = an__sent_rule(&c, i, st);
            if (r == AN__SENT_YES && !y)
                (*rule_yes_bad)++;
            if (r == AN__SENT_NO && y) {
                (*rule_no_bad)++;
                if (getenv("TRAIN_SENT_DEBUG")) {
                    uint32_t s0 = t[i].start > 40 ? t[i].start - 40 : 0;
                    fprintf(stderr, "rule-no: %.*s || %.*s\n",
                            (int)(t[i].end - s0), g->text + s0,
                            (int)(t[i + 1].end - t[i].end), g->text + t[i].end);
                }
            }
            if (r == AN__SENT_ASK) {
                size_t nf = an__sent_features(&c, i, i - t0 + 1, f);
                if (ex->nf + nf > ex->fcap) {
                    ex->fcap = (ex->fcap + nf) * 2;
                    ex->f = xrealloc(ex->f, ex->fcap * sizeof *ex->f);
                }
                if (ex->n + 2 > ex->cap) {
                    ex->cap = (ex->cap + 2) * 2;
                    ex->off = xrealloc(ex->off, ex->cap * sizeof *ex->off);
                    ex->y = xrealloc(ex->y, ex->cap * sizeof *ex->y);
                    ex->doc = xrealloc(ex->doc, ex->cap * sizeof *ex->doc);
                }
                ex->off[ex->n] = ex->nf;
                for (size_t k = 0; k < nf; k++)
                    ex->f[ex->nf++] = ftab_get(ft, f[k], 1);
                ex->doc[ex->n] = (uint32_t)d;
                ex->y[ex->n++] = y ? 1 : -1;
                ex->off[ex->n] = ex->nf;
            }
            if (y)
                t0 = i + 1;
        }
    }
    an_arena_fini(&a);
}

/* ---- quantised model tables ---- */

typedef struct qmodel {
    an__sent_model m;
    uint16_t *keys;
    int8_t *w;
    uint32_t *lex;
    uint8_t *lexval;
} qmodel;

/*
** The lexicon: every word (norm) of the training documents seen at least
** 3 times, with what is known of it.  AN__SENT_LEX_LOWER: seen at least 3
** times in lower case not at the start of a sentence, and at least 4
** times as often so as capitalised there.  The starter class: how often
** the word is the first token of a sentence (under 5%, 25%, 60%, more).
** Stored as an open-addressing table of 32-bit keys and a value byte.
*/
static void build_lexicon(qmodel *q, const an_tok_gold *docs, size_t nd)
{
    ftab words = {0};
    uint32_t *low = NULL, *cap = NULL, *init = NULL, *all = NULL;
    size_t cnt = 0;
    an_arena a;
    an_arena_init(&a);
    for (size_t d = 0; d < nd; d++) {
        const an_tok_gold *g = &docs[d];
        an_arena_reset(&a);
        an_tok *t;
        size_t nt;
        if (an_tok_text(&a, g->text, g->n, 0, &t, &nt) != AN_OK)
            exit(1);
        size_t ge = 0;
        bool initial = true;
        for (size_t i = 0; i < nt; i++) {
            uint8_t b = (uint8_t)g->text[t[i].start];
            bool lower = b >= 'a' && b <= 'z';
            uint64_t h = an__sent_form_hash(t[i].norm.p, t[i].norm.n);
            uint32_t k = ftab_get(&words, h, 1);
            if (k >= cnt) {
                size_t nc = cnt ? cnt * 2 : 4096;
                while (nc <= k)
                    nc *= 2;
                low = xrealloc(low, nc * sizeof *low);
                cap = xrealloc(cap, nc * sizeof *cap);
                init = xrealloc(init, nc * sizeof *init);
                all = xrealloc(all, nc * sizeof *all);
                memset(low + cnt, 0, (nc - cnt) * sizeof *low);
                memset(cap + cnt, 0, (nc - cnt) * sizeof *cap);
                memset(init + cnt, 0, (nc - cnt) * sizeof *init);
                memset(all + cnt, 0, (nc - cnt) * sizeof *all);
                cnt = nc;
            }
            all[k]++;
            init[k] += initial;
            if (!initial && !(t[i].flags & AN_TOK_PARA_START)) {
                if (lower)
                    low[k]++;
                else if ((t[i].flags & AN_TOK_CAP) &&
                         !(t[i].flags & AN_TOK_ALLCAPS))
                    cap[k]++;
            }
            while (ge < g->nsent && g->sent_end[ge] < t[i].end)
                ge++;
            initial = ge < g->nsent && g->sent_end[ge] == t[i].end;
        }
    }
    an_arena_fini(&a);
    size_t n = 0, nlow = 0;
    for (size_t i = 0; i < words.n; i++) {
        n += all[i] >= 3;
        nlow += all[i] >= 3 && low[i] >= 3 && low[i] >= 4 * cap[i];
    }
    size_t size = 2;
    while (size < n * 2)
        size *= 2;
    q->lex = calloc(size, sizeof *q->lex);
    q->lexval = calloc(size, sizeof *q->lexval);
    if (!q->lex || !q->lexval)
        exit(1);
    for (size_t s = 0; s < words.cap; s++) {
        if (!words.keys[s])
            continue;
        uint32_t i = words.idx[s];
        if (all[i] < 3)
            continue;
        unsigned v = low[i] >= 3 && low[i] >= 4 * cap[i] ? AN__SENT_LEX_LOWER
                                                           : 0;
        double r = (double)init[i] / all[i];
        unsigned st = r < 0.05 ? 1 : r < 0.25 ? 2 : r < 0.6 ? 3 : 4;
        v |= st << AN__SENT_LEX_START_SHIFT;
        uint64_t h = words.keys[s];
        uint32_t key = an__sent_lexkey(h);
        size_t slot = (uint32_t)h & (size - 1);
        while (q->lex[slot] && q->lex[slot] != key)
            slot = (slot + 1) & (size - 1);
        q->lex[slot] = key;
        q->lexval[slot] = (uint8_t)v;
    }
    q->m.lex = q->lex;
    q->m.lexval = q->lexval;
    q->m.lexmask = (uint32_t)(size - 1);
    printf("lexicon: %zu words seen 3 times or more (of %zu), %zu of them "
           "mostly in lower case\n", n, words.n, nlow);
    free(low);
    free(cap);
    free(init);
    free(all);
    free(words.keys);
    free(words.idx);
}

/* Build the library's table from weights (hash -> weight). */
static void quantise(qmodel *q, const ftab *ft, const double *w)
{
    double mx = 0;
    size_t nz = 0;
    for (size_t i = 0; i < ft->n; i++)
        if (fabs(w[i]) > mx)
            mx = fabs(w[i]);
    double scale = mx > 0 ? mx / 127.0 : 1.0;
    for (size_t i = 0; i < ft->cap; i++)
        if (ft->keys[i] && lround(w[ft->idx[i]] / scale) != 0)
            nz++;
    size_t cap = 2; /* load factor at most 0.4: few probes for a miss */
    while (cap * 4 < nz * 10)
        cap *= 2;
    free(q->keys);
    free(q->w);
    q->keys = calloc(cap, sizeof *q->keys);
    q->w = calloc(cap, sizeof *q->w);
    if (!q->keys || !q->w) {
        fprintf(stderr, "train_sent: out of memory\n");
        exit(1);
    }
    /* Insert in hash order so the table does not depend on the order
       features were first seen (it does not anyway: keys are hashes). */
    for (size_t i = 0; i < ft->cap; i++) {
        uint64_t h = ft->keys[i];
        if (!h)
            continue;
        long v = lround(w[ft->idx[i]] / scale);
        if (v == 0)
            continue;
        if (v > 127)
            v = 127;
        if (v < -127)
            v = -127;
        uint16_t fp = an__sent_fp(h);
        size_t s = (uint32_t)h & (cap - 1);
        while (q->keys[s] && q->keys[s] != fp)
            s = (s + 1) & (cap - 1);
        if (q->keys[s] == fp) { /* a fingerprint clash: add up */
            long sum = q->w[s] + v;
            q->w[s] = (int8_t)(sum > 127 ? 127 : sum < -127 ? -127 : sum);
            continue;
        }
        q->keys[s] = fp;
        q->w[s] = (int8_t)v;
    }
    q->m.mask = (uint32_t)(cap - 1);
    q->m.nfeat = (uint32_t)nz;
    q->m.scale = (float)scale;
    q->m.keys = q->keys;
    q->m.w = q->w;
}

static int write_model(const char *path, const qmodel *q, int epochs,
                       int norders, const char *summary)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "train_sent: %s: %s\n", path, strerror(errno));
        return 1;
    }
    size_t cap = (size_t)q->m.mask + 1;
    fprintf(f,
            "/*\n"
            "** sent_model.c - GENERATED by tools/train_sent.c; do not edit.\n"
            "**\n"
            "** Sentence-boundary weights (averaged perceptrons, %d epochs,\n"
            "** mean of %d orders) trained on UD English EWT train (CC\n"
            "** BY-SA 4.0), as an\n"
            "** open-addressing table: fingerprint (top 16 bits of the\n"
            "** feature hash) and weight in units of `scale`; and the\n"
            "** lexicon of the words of EWT train (top 32 bits of the hash\n"
            "** of their norm, and what is known of each).  Made with\n"
            "**     build/tools/train_sent ../shared/data/ud-ewt\n"
            "** %s\n"
            "*/\n"
            "#include \"tok_int.h\"\n\n",
            epochs, norders, summary);
    fprintf(f, "static const uint16_t keys[%zu] = {\n", cap);
    for (size_t i = 0; i < cap; i++)
        fprintf(f, "%s%u,%s", i % 12 == 0 ? "    " : "", q->keys[i],
                i % 12 == 11 || i + 1 == cap ? "\n" : "");
    fprintf(f, "};\n\nstatic const int8_t w[%zu] = {\n", cap);
    for (size_t i = 0; i < cap; i++)
        fprintf(f, "%s%d,%s", i % 16 == 0 ? "    " : "", q->w[i],
                i % 16 == 15 || i + 1 == cap ? "\n" : "");
    fprintf(f, "};\n\nstatic const uint32_t lex[%u] = {\n",
            q->m.lexmask + 1);
    for (size_t i = 0; i <= q->m.lexmask; i++)
        fprintf(f, "%s%u,%s", i % 8 == 0 ? "    " : "", q->m.lex[i],
                i % 8 == 7 || i == q->m.lexmask ? "\n" : "");
    fprintf(f, "};\n\nstatic const uint8_t lexval[%u] = {\n",
            q->m.lexmask + 1);
    for (size_t i = 0; i <= q->m.lexmask; i++)
        fprintf(f, "%s%u,%s", i % 16 == 0 ? "    " : "", q->m.lexval[i],
                i % 16 == 15 || i == q->m.lexmask ? "\n" : "");
    fprintf(f, "};\n\nconst an__sent_model an__sent_model_ewt = {%uu, %uu, "
               "%.9gf, keys, w, %uu, lex, lexval};\n",
            q->m.mask, q->m.nfeat, (double)q->m.scale, q->m.lexmask);
    if (fclose(f) != 0) {
        fprintf(stderr, "train_sent: %s: write failed\n", path);
        return 1;
    }
    return 0;
}

static void score(const char *name, const qmodel *q, const an_tok_gold *d,
                  size_t nd, an_tok_score *s)
{
    if (an__tok_eval(&q->m, d, nd, 0, s, NULL, 0) != AN_OK) {
        fprintf(stderr, "train_sent: out of memory\n");
        exit(1);
    }
    if (name)
        printf("  %-11s boundary F1 %.4f (P %.4f R %.4f)  all-ends F1 %.4f  "
               "tokens F1 %.4f\n",
               name, s->bound_f1, s->bound_p, s->bound_r, s->sent_f1,
               s->tok_f1);
}

/*
** Cross-validation on the training documents (-x FOLDS): documents are
** cut into FOLDS contiguous runs; for each, a perceptron is trained for
** `epochs` epochs on the examples of the other documents and the run is
** split with it.  Prints the errors (both joinings) and the total scores:
** a larger sample of the splitter's errors than dev gives, for choosing
** what to work on without looking at test.
*/
static void crossval(qmodel *q, ftab *ft, const exs *ex, an_tok_gold **tr,
                     const size_t *ntr, int folds, int epochs, int norders)
{
    double *w = calloc(ft->n + 1, sizeof *w), *u = calloc(ft->n + 1, sizeof *u);
    double *avg = calloc(ft->n + 1, sizeof *avg);
    size_t *order = calloc(ex->n + 1, sizeof *order);
    if (!w || !u || !avg || !order)
        exit(1);
    an_tok_score tot[2];
    memset(tot, 0, sizeof tot);
    for (int fo = 0; fo < folds; fo++) {
        size_t d0 = ntr[0] * (size_t)fo / (size_t)folds;
        size_t d1 = ntr[0] * (size_t)(fo + 1) / (size_t)folds;
        memset(avg, 0, (ft->n + 1) * sizeof *avg);
        for (int o = 0; o < norders; o++) {
        memset(w, 0, (ft->n + 1) * sizeof *w);
        memset(u, 0, (ft->n + 1) * sizeof *u);
        size_t n = 0;
        for (size_t k = 0; k < ex->n; k++)
            if (ex->doc[k] < d0 || ex->doc[k] >= d1)
                order[n++] = k;
        uint64_t lcg = 0x2545F4914F6CDD1DULL + (uint64_t)o * 0x9E3779B97F4A7C15ULL;
        double c = 1;
        for (int e = 0; e < epochs; e++) {
            for (size_t k = n; k > 1; k--) {
                lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
                size_t r = (size_t)((lcg >> 33) % k);
                size_t tmp = order[k - 1];
                order[k - 1] = order[r];
                order[r] = tmp;
            }
            for (size_t k = 0; k < n; k++, c++) {
                size_t x = order[k];
                double s = 0;
                for (size_t q2 = ex->off[x]; q2 < ex->off[x + 1]; q2++)
                    s += w[ex->f[q2]];
                int y = ex->y[x];
                if ((s > 0 ? 1 : -1) != y) {
                    for (size_t q2 = ex->off[x]; q2 < ex->off[x + 1]; q2++) {
                        w[ex->f[q2]] += y;
                        u[ex->f[q2]] += y * c;
                    }
                    w[ft->n] = u[ft->n] = 0;
                }
            }
        }
        for (size_t i = 0; i < ft->n; i++)
            avg[i] += (w[i] - u[i] / c) / norders;
        }
        quantise(q, ft, avg);
        for (int j = 0; j < 2; j++) {
            an_buf eb;
            an_buf_init(&eb);
            an_tok_score s;
            if (an__tok_eval(&q->m, tr[j] + d0, d1 - d0, 0, &s,
                             j == 0 ? &eb : NULL, SIZE_MAX) != AN_OK)
                exit(1);
            printf("%.*s", (int)eb.n, eb.p ? eb.p : "");
            an_buf_fini(&eb);
            tot[j].bound_match += s.bound_match;
            tot[j].sys_bounds += s.sys_bounds;
            tot[j].gold_bounds += s.gold_bounds;
        }
    }
    for (int j = 0; j < 2; j++) {
        double p = (double)tot[j].bound_match / (double)tot[j].sys_bounds;
        double r = (double)tot[j].bound_match / (double)tot[j].gold_bounds;
        printf("cross-validation (%s): boundary F1 %.4f (P %.4f R %.4f)\n",
               j ? "one line" : "paragraphs", 2 * p * r / (p + r), p, r);
    }
    free(w);
    free(u);
    free(avg);
    free(order);
}

int main(int argc, char **argv)
{
    int epochs = 12, mincount = 2, show_test = 0, norders = 16, folds = 0;
    uint64_t seed = 0;
    size_t show = 0;
    const char *out = "src/tok/sent_model.c", *dir = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-e") && i + 1 < argc)
            epochs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "-o") && i + 1 < argc)
            out = argv[++i];
        else if (!strcmp(argv[i], "-t"))
            show_test = 1;
        else if (!strcmp(argv[i], "-s") && i + 1 < argc)
            seed = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "-x") && i + 1 < argc)
            folds = atoi(argv[++i]);
        else if (!strcmp(argv[i], "-k") && i + 1 < argc)
            norders = atoi(argv[++i]);
        else if (!strcmp(argv[i], "-c") && i + 1 < argc)
            mincount = atoi(argv[++i]);
        else if (!strcmp(argv[i], "-v") && i + 1 < argc)
            show = (size_t)atoi(argv[++i]);
        else if (argv[i][0] != '-')
            dir = argv[i];
        else {
            fprintf(stderr, "usage: train_sent [-e EPOCHS] [-k ORDERS] [-c MINCOUNT] [-o OUT.c] [-v NERRORS] [-s SEED] [-t] [-x FOLDS] EWT_DIR\n");
            return 2;
        }
    }
    if (!dir || epochs < 1 || epochs > 100 || norders < 1 || norders > 64) {
        fprintf(stderr, "usage: train_sent [-e EPOCHS] [-k ORDERS] [-c MINCOUNT] [-o OUT.c] [-v NERRORS] [-s SEED] [-t] [-x FOLDS] EWT_DIR\n");
        return 2;
    }
    an_arena a;
    an_arena_init(&a);
    size_t ntr[2], ndv[2], nte[2];
    an_tok_gold *tr[2], *dv[2], *te[2];
    for (int j = 0; j < 2; j++) {
        tr[j] = read_gold(&a, dir, "train", j, &ntr[j]);
        dv[j] = read_gold(&a, dir, "dev", j, &ndv[j]);
        te[j] = read_gold(&a, dir, "test", j, &nte[j]);
    }
    ftab ft = {0};
    exs ex = {0};
    qmodel q = {0};
    build_lexicon(&q, tr[0], ntr[0]);
    size_t yes_bad = 0, no_bad = 0, unreach = 0;
    for (int j = 0; j < 2; j++)
        collect(&q.m, tr[j], ntr[j], &ft, &ex, &yes_bad, &no_bad, &unreach);
    printf("train: %zu documents, %zu examples, %zu features; rules: %zu "
           "wrong breaks, %zu missed ends; %zu ends inside tokens\n",
           ntr[0], ex.n, ft.n, yes_bad, no_bad, unreach);
    /* K perceptrons, each visiting the examples in its own order; the
       model is the mean of their averaged weights. */
    double *w = calloc((ft.n + 1) * (size_t)norders, sizeof *w);
    double *u = calloc((ft.n + 1) * (size_t)norders, sizeof *u);
    double *avg = calloc(ft.n + 1, sizeof *avg);
    double *best = calloc(ft.n + 1, sizeof *best);
    size_t *order = calloc((ex.n + 1) * (size_t)norders, sizeof *order);
    uint64_t *lcg = calloc((size_t)norders, sizeof *lcg);
    if (!w || !u || !avg || !best || !order || !lcg) {
        fprintf(stderr, "train_sent: out of memory\n");
        return 1;
    }
    for (int o = 0; o < norders; o++) {
        for (size_t k = 0; k < ex.n; k++)
            order[(size_t)o * (ex.n + 1) + k] = k;
        lcg[o] = 0x2545F4914F6CDD1DULL +
                 (seed + (uint64_t)o) * 0x9E3779B97F4A7C15ULL;
    }
    /* Features seen fewer than `mincount` times are dropped: each such
       occurrence is pointed at a dummy feature whose weight stays 0. */
    {
        uint32_t *cnt = calloc(ft.n + 1, sizeof *cnt);
        if (!cnt)
            return 1;
        for (size_t k = 0; k < ex.nf; k++)
            cnt[ex.f[k]]++;
        size_t kept = 0;
        for (size_t k = 0; k < ft.n; k++)
            kept += cnt[k] >= (uint32_t)mincount;
        for (size_t k = 0; k < ex.nf; k++)
            if (cnt[ex.f[k]] < (uint32_t)mincount)
                ex.f[k] = (uint32_t)ft.n; /* the dummy */
        printf("features seen at least %d times: %zu\n", mincount, kept);
        free(cnt);
    }
    if (folds > 1) {
        crossval(&q, &ft, &ex, tr, ntr, folds, epochs, norders);
        return 0;
    }
    double c = 1, best_f = -1;
    int best_e = 0;
    for (int e = 1; e <= epochs; e++) {
        size_t errs = 0;
        for (int o = 0; o < norders; o++) {
            size_t *ord = order + (size_t)o * (ex.n + 1);
            double *wo = w + (size_t)o * (ft.n + 1);
            double *uo = u + (size_t)o * (ft.n + 1);
            /* a fixed pseudo-random order (Fisher-Yates with an LCG) */
            for (size_t k = ex.n; k > 1; k--) {
                lcg[o] = lcg[o] * 6364136223846793005ULL +
                         1442695040888963407ULL;
                size_t r = (size_t)((lcg[o] >> 33) % k);
                size_t tmp = ord[k - 1];
                ord[k - 1] = ord[r];
                ord[r] = tmp;
            }
            double co = c;
            for (size_t k = 0; k < ex.n; k++) {
                size_t x = ord[k];
                double s = 0;
                for (size_t q2 = ex.off[x]; q2 < ex.off[x + 1]; q2++)
                    s += wo[ex.f[q2]];
                int y = ex.y[x];
                if ((s > 0 ? 1 : -1) != y) {
                    errs++;
                    for (size_t q2 = ex.off[x]; q2 < ex.off[x + 1]; q2++) {
                        wo[ex.f[q2]] += y;
                        uo[ex.f[q2]] += y * co;
                    }
                    wo[ft.n] = uo[ft.n] = 0;
                }
                co++;
            }
        }
        c += (double)ex.n;
        for (size_t i = 0; i < ft.n; i++) {
            double sum = 0;
            for (int o = 0; o < norders; o++)
                sum += w[(size_t)o * (ft.n + 1) + i] -
                       u[(size_t)o * (ft.n + 1) + i] / c;
            avg[i] = sum / norders;
        }
        quantise(&q, &ft, avg);
        an_tok_score sp, ss;
        score(NULL, &q, dv[0], ndv[0], &sp);
        score(NULL, &q, dv[1], ndv[1], &ss);
        double f = (sp.bound_f1 + ss.bound_f1) / 2;
        printf("epoch %2d: %zu training errors; dev boundary F1 %.4f "
               "(paragraphs) %.4f (one line); %u features\n",
               e, errs / (size_t)norders, sp.bound_f1, ss.bound_f1,
               q.m.nfeat);
        if (f > best_f) {
            best_f = f;
            best_e = e;
            memcpy(best, avg, ft.n * sizeof *best);
        }
    }
    /* The decision threshold: the perceptron's is 0, which need not be
       where F1 on dev is highest.  Moving the bias weight moves it. */
    /* The decision threshold: the perceptron's is 0, which need not be
       where F1 on dev is highest.  Moving the bias weight moves it. */
    uint32_t bi = ftab_get(&ft, an__sent_bias_feature(), 0);
    double wmax = 0, shift = 0, best_t = -1;
    for (size_t i = 0; i < ft.n; i++)
        wmax = fabs(best[i]) > wmax ? fabs(best[i]) : wmax;
    if (bi != UINT32_MAX && wmax > 0) {
        double b0 = best[bi];
        for (int k = -40; k <= 40; k += 2) {
            best[bi] = b0 + k * wmax / 127.0;
            quantise(&q, &ft, best);
            an_tok_score sp, ss;
            score(NULL, &q, dv[0], ndv[0], &sp);
            score(NULL, &q, dv[1], ndv[1], &ss);
            double f = (sp.bound_f1 + ss.bound_f1) / 2;
            /* ties go to the smaller move */
            if (f > best_t + 1e-9 ||
                (f > best_t - 1e-9 && abs(k) * wmax / 127.0 < fabs(shift))) {
                best_t = f;
                shift = k * wmax / 127.0;
            }
        }
        /* Move only for a clear gain (dev is small: one boundary is
           0.0003 of F1), so the threshold does not chase noise. */
        best[bi] = b0;
        quantise(&q, &ft, best);
        an_tok_score sp, ss;
        score(NULL, &q, dv[0], ndv[0], &sp);
        score(NULL, &q, dv[1], ndv[1], &ss);
        double f0 = (sp.bound_f1 + ss.bound_f1) / 2;
        if (best_t < f0 + 0.002)
            shift = 0;
        best[bi] = b0 + shift;
        printf("threshold: bias moved by %+.3g (of weights up to %.3g): dev "
               "%.4f, unmoved %.4f\n", shift, wmax, best_t, f0);
    }
    quantise(&q, &ft, best);
    printf("chosen: epoch %d (%u features, table of %u slots)\n", best_e,
           q.m.nfeat, q.m.mask + 1);
    an_tok_score s[4];
    score("dev para", &q, dv[0], ndv[0], &s[0]);
    score("dev line", &q, dv[1], ndv[1], &s[1]);
    /* Test is scored for the header of the generated file; it is printed
       only when asked (-t), so that choices are made on dev. */
    score(show_test ? "test para" : NULL, &q, te[0], nte[0], &s[2]);
    score(show_test ? "test line" : NULL, &q, te[1], nte[1], &s[3]);
    if (show) {
        an_buf eb;
        an_buf_init(&eb);
        for (int j = 0; j < 2; j++) {
            an_tok_score tmp;
            an__tok_eval(&q.m, dv[j], ndv[j], 0, &tmp, &eb, show);
        }
        printf("dev errors:\n%.*s", (int)eb.n, eb.p ? eb.p : "");
        an_buf_fini(&eb);
    }
    char summary[256];
    snprintf(summary, sizeof summary,
             "Epoch %d of %d chosen on dev; EWT test boundary F1 %.4f "
             "(paragraphs), %.4f (one line).",
             best_e, epochs, s[2].bound_f1, s[3].bound_f1);
    int rc = write_model(out, &q, best_e, norders, summary);
    if (!rc)
        printf("wrote %s\n", out);
    free(w);
    free(u);
    free(avg);
    free(best);
    free(order);
    free(lcg);
    free(q.keys);
    free(q.w);
    free(q.lex);
    free(q.lexval);
    free(ft.keys);
    free(ft.idx);
    free(ex.f);
    free(ex.off);
    free(ex.y);
    free(ex.doc);
    an_arena_fini(&a);
    return rc;
}
