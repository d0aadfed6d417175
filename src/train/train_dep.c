/*
** train_dep.c - training the dependency parser.
**
** Greedy arc-hybrid parsing trained online with the dynamic oracle of
** Goldberg & Nivre (2013): at every configuration the cost of each action
** is the number of gold arcs it makes unreachable (plus one for a wrong
** label on a gold arc); the model is updated towards the best-scoring
** zero-cost action whenever it prefers a costlier one, and from the second
** epoch on it follows its own (wrong) prediction nine times in ten, so it
** learns to recover from its mistakes.  Gold trees are projectivised by
** lifting non-projective arcs to the head's head, shortest arc first.
** The parser is trained on jackknifed tags, the epoch with the best dev
** LAS (on tags from the trained tagger) is frozen.
*/
#include <stdio.h>
#include <stdlib.h>

#include "../base/image.h"
#include "../dep/dep_int.h"
#include "train.h"

typedef an__dep_labels labels;

void an__dep_labels_build(labels *L, const an_cu_corpus *c)
{
    bool seen[AN_DEP_COUNT] = {false};
    seen[AN_DEP_ROOT] = true;
    for (size_t i = 0; i < c->nword; i++)
        if (c->words[i].deprel < AN_DEP_COUNT)
            seen[c->words[i].deprel] = true;
    L->n = 0;
    memset(L->index, 0, sizeof L->index);
    for (int r = 1; r < AN_DEP_COUNT && L->n < 64; r++)
        if (seen[r]) {
            if (r == AN_DEP_ROOT)
                L->root = L->n;
            L->index[r] = (uint8_t)L->n;
            L->rel[L->n++] = (uint8_t)r;
        }
}

/* Is k a descendant of h (or h itself) in the tree gh (root n)? */
static bool dominates(const int32_t *gh, size_t n, int32_t h, int32_t k)
{
    for (size_t steps = 0; steps <= n + 1; steps++) {
        if (k == h)
            return true;
        if (k < 0 || (size_t)k >= n)
            return false;
        k = gh[k];
    }
    return false;
}

/* Lift non-projective arcs until the tree is projective. */
size_t an__dep_projectivise(int32_t *gh, size_t n)
{
    size_t lifts = 0;
    for (;;) {
        int32_t bestd = -1;
        size_t bestlen = SIZE_MAX;
        for (size_t d = 0; d < n; d++) {
            int32_t h = gh[d];
            if (h < 0 || (size_t)h >= n)
                continue;
            size_t lo = (size_t)AN_MIN(h, (int32_t)d),
                   hi = (size_t)AN_MAX(h, (int32_t)d);
            for (size_t k = lo + 1; k < hi; k++)
                if (!dominates(gh, n, h, (int32_t)k)) {
                    if (hi - lo < bestlen) {
                        bestlen = hi - lo;
                        bestd = (int32_t)d;
                    }
                    break;
                }
        }
        if (bestd < 0 || lifts > 4 * n)
            return lifts;
        gh[bestd] = gh[gh[bestd]];
        lifts++;
    }
}

typedef an__dep_gold gold;
typedef an__dep_costs costs;

void an__dep_oracle(const an__dep_state *st, const gold *g, costs *c)
{
    unsigned v = an__dep_valid(st);
    size_t n = st->n, b = st->b;
    int32_t s0 = st->sp >= 1 ? st->stack[st->sp - 1] : -1;
    int32_t s1 = st->sp >= 2 ? st->stack[st->sp - 2] : -1;
    c->shift = c->left = c->right = -1;
    c->left_lab = c->right_lab = -1;
    if (v & (1u << AN__SHIFT)) {
        int k = 0;
        for (size_t i = 0; i < st->sp; i++)
            k += g->gh[st->stack[i]] == (int32_t)b;
        int32_t hb = g->gh[b];
        if (hb < (int32_t)b && hb != s0 && st->nd[hb].head < 0)
            k++;
        c->shift = k;
    }
    int deps = 0; /* gold dependents of s0 still in the buffer */
    if (s0 >= 0)
        for (size_t d = b; d < n; d++)
            deps += g->gh[d] == s0;
    if (v & (1u << AN__LEFT)) {
        int32_t h = g->gh[s0];
        int k = deps;
        if (h != (int32_t)b && (h == s1 || h > (int32_t)b))
            k++;
        c->left = k;
        if (h == (int32_t)b)
            c->left_lab = g->gl[s0];
    }
    if (v & (1u << AN__RIGHT)) {
        int32_t h = g->gh[s0];
        int k = deps + (h >= (int32_t)b);
        c->right = k;
        if (h == s1)
            c->right_lab = g->gl[s0];
    }
}

int an__dep_cost(const costs *c, uint32_t a, uint32_t nlab)
{
    if (a == 0)
        return c->shift;
    if (a <= nlab) {
        if (c->left < 0)
            return -1;
        return c->left + (c->left_lab >= 0 && (int)(a - 1) != c->left_lab);
    }
    if (c->right < 0)
        return -1;
    return c->right +
           (c->right_lab >= 0 && (int)(a - 1 - nlab) != c->right_lab);
}

uint32_t an__dep_best_gold(const an__dep_state *st, unsigned v,
                           const costs *c, const float *sc, uint32_t nc,
                           uint32_t nlab, uint32_t root, int *minc)
{
    int mc = INT32_MAX;
    for (uint32_t k = 0; k < nc; k++) {
        int ck = an__dep_allowed(st, v, k, nlab, root) ? an__dep_cost(c, k, nlab)
                                                        : -1;
        if (ck >= 0 && ck < mc)
            mc = ck;
    }
    uint32_t best = UINT32_MAX;
    for (uint32_t k = 0; k < nc; k++)
        if (an__dep_allowed(st, v, k, nlab, root) &&
            an__dep_cost(c, k, nlab) == mc &&
            (best == UINT32_MAX || sc[k] > sc[best]))
            best = k;
    *minc = mc;
    return best;
}

static bool allowed(const an__dep_state *st, unsigned v, uint32_t a,
                    const labels *L)
{
    return an__dep_allowed(st, v, a, L->n, L->root);
}

static void apply_action(an__dep_state *st, uint32_t a, uint32_t nlab)
{
    an__dep_act(st, a, nlab);
}

typedef struct trainer {
    const an__tctx *t;
    an__pcp p;
    labels L;
    uint64_t rng;
    int explore;
    int beam;         /* beam width; 1: greedy with the dynamic oracle */
    int avg;          /* score with averaged weights (evaluation) */
} trainer;

/* Scorer for the beam search: the perceptron's weights. */
static void pcp_scorer(const void *ctx, const an__dep_state *st, float *sc)
{
    const trainer *tr = ctx;
    uint64_t f[AN_DEP_MAXF];
    size_t nf = an__dep_feats(st, f);
    memset(sc, 0, tr->p.nclass * sizeof *sc);
    an__pcp_score(&tr->p, f, nf, sc, tr->avg);
}

/* The static oracle's action: arcs as soon as a word has all its gold
   children, else shift. */
static uint32_t static_oracle(const an__dep_state *st, const gold *g,
                              const uint16_t *nchild, const labels *L)
{
    if (st->sp >= 1) {
        int32_t s0 = st->stack[st->sp - 1];
        const an__dep_node *nd = &st->nd[s0];
        bool complete = (uint32_t)nd->nl + nd->nr == nchild[s0];
        if (complete && g->gh[s0] == (int32_t)st->b &&
            (st->b < st->n || st->sp == 1))
            return 1 + g->gl[s0];
        if (complete && st->sp >= 2 && g->gh[s0] == st->stack[st->sp - 2])
            return 1 + L->n + g->gl[s0];
    }
    return 0;
}

/*
** Beam training of one sentence with the max-violation update (Huang et
** al. 2012): search the whole sentence, find the step where the best item
** beats the gold prefix by most, and update towards the gold prefix and
** away from that item's prefix.  Returns AN_OK, or an error.
*/
static int beam_sentence(trainer *tr, an_arena *a, const an__dep_word *wd,
                         size_t n, const gold *g)
{
    uint32_t L = tr->L.n, nc = tr->p.nclass;
    size_t steps = 2 * n;
    uint16_t *nchild = an_arena_array(a, n + 1, sizeof *nchild);
    uint32_t *gact = an_arena_array(a, steps + 1, sizeof *gact);
    double *gscore = an_arena_array(a, steps + 1, sizeof *gscore);
    float *sc = an_arena_array(a, nc, sizeof *sc);
    an__dep_state gs;
    if (!nchild || !gact || !gscore || !sc ||
        an__dep_init(&gs, a, wd, n) != AN_OK)
        return AN_ENOMEM;
    memset(nchild, 0, (n + 1) * sizeof *nchild);
    for (size_t i = 0; i < n; i++)
        if (g->gh[i] >= 0 && g->gh[i] < (int32_t)n)
            nchild[g->gh[i]]++;
    /* The gold sequence and its prefix scores. */
    double acc = 0;
    for (size_t t = 0; t < steps; t++) {
        unsigned v = an__dep_valid(&gs);
        uint32_t act = static_oracle(&gs, g, nchild, &tr->L);
        if (!allowed(&gs, v, act, &tr->L))
            return AN_OK; /* not reachable by the static oracle: skip */
        pcp_scorer(tr, &gs, sc);
        acc += sc[act];
        gact[t] = act;
        gscore[t] = acc;
        apply_action(&gs, act, L);
    }
    if (!an__dep_done(&gs))
        return AN_OK;
    an__dep_beam bm;
    int rc = an__dep_beam_search(a, wd, n, (size_t)tr->beam, L, tr->L.root,
                                 pcp_scorer, tr, &bm);
    if (rc != AN_OK)
        return rc;
    /* Which items are on the gold path, and the worst violation. */
    size_t W = bm.width;
    int32_t gold_k = 0; /* index of the gold item in the previous beam */
    size_t tstar = SIZE_MAX;
    double worst = 0;
    for (size_t t = 0; t < steps; t++) {
        int32_t found = -1;
        for (uint32_t k = 0; k < bm.count[t]; k++) {
            const an__dep_bitem *it = &bm.items[t * W + k];
            if (gold_k >= 0 && it->parent == gold_k && it->action == gact[t]) {
                found = (int32_t)k;
                break;
            }
        }
        gold_k = found;
        const an__dep_bitem *best = &bm.items[t * W];
        if (found == 0)
            continue;
        double viol = best->score - gscore[t];
        if (tstar == SIZE_MAX || viol > worst) {
            worst = viol;
            tstar = t;
        }
    }
    if (tstar == SIZE_MAX)
        return AN_OK; /* gold stayed best throughout */
    /* The predicted prefix up to tstar, by back-pointers. */
    uint32_t *pact = an_arena_array(a, tstar + 1, sizeof *pact);
    if (!pact)
        return AN_ENOMEM;
    int32_t k = 0;
    for (size_t t = tstar + 1; t-- > 0;) {
        const an__dep_bitem *it = &bm.items[t * W + (size_t)k];
        pact[t] = it->action;
        k = it->parent;
    }
    /* Replay both prefixes, updating at every step where they differ or
       follow different histories. */
    an__dep_state ps;
    if (an__dep_init(&gs, a, wd, n) != AN_OK ||
        an__dep_init(&ps, a, wd, n) != AN_OK)
        return AN_ENOMEM;
    uint64_t fg[AN_DEP_MAXF], fp[AN_DEP_MAXF];
    bool same = true;
    for (size_t t = 0; t <= tstar; t++) {
        if (same && gact[t] == pact[t]) {
            apply_action(&gs, gact[t], L);
            apply_action(&ps, pact[t], L);
            continue;
        }
        same = false;
        size_t ng = an__dep_feats(&gs, fg);
        size_t np = an__dep_feats(&ps, fp);
        if ((rc = an__pcp_update(&tr->p, fg, ng, gact[t], 1.0f)) != AN_OK ||
            (rc = an__pcp_update(&tr->p, fp, np, pact[t], -1.0f)) != AN_OK)
            return rc;
        apply_action(&gs, gact[t], L);
        apply_action(&ps, pact[t], L);
    }
    return AN_OK;
}

/* Parse (train: with updates) sentence s; returns correct-head and
   correct-label counts through *uas and *las, or an error. */
static int run_sentence(trainer *tr, const an_cu_corpus *c, size_t s,
                        const uint8_t *up, const uint8_t *xp, int train,
                        uint64_t *uas, uint64_t *las)
{
    const an_cu_sent *se = &c->sents[s];
    size_t n = se->nword;
    if (n == 0)
        return AN_OK;
    an_arena a;
    an_arena_init(&a);
    uint32_t nc = tr->p.nclass, L = tr->L.n;
    an_span *forms = an_arena_array(&a, n, sizeof *forms);
    gold g;
    g.gh = an_arena_array(&a, n + 1, sizeof *g.gh);
    g.gl = an_arena_alloc(&a, n + 1);
    float *sc = an_arena_array(&a, nc, sizeof *sc);
    if (!forms || !g.gh || !g.gl || !sc) {
        an_arena_fini(&a);
        return AN_ENOMEM;
    }
    bool ok_tree = true;
    for (size_t i = 0; i < n; i++) {
        const an_cu_word *w = &c->words[se->word + i];
        forms[i] = w->form;
        g.gh[i] = w->head < 0 ? (int32_t)n : w->head;
        if (w->head < -1)
            ok_tree = false;
        g.gl[i] = tr->L.index[w->deprel < AN_DEP_COUNT ? w->deprel : 0];
        if (w->head == -1)
            g.gl[i] = (uint8_t)tr->L.root;
    }
    g.gh[n] = -1;
    /* One root only, or the oracle is not defined: train on such
       sentences no further than as ordinary trees can go. */
    size_t roots = 0;
    for (size_t i = 0; i < n; i++)
        roots += g.gh[i] == (int32_t)n;
    if (train && (!ok_tree || roots != 1)) {
        an_arena_fini(&a);
        return AN_OK;
    }
    if (train)
        an__dep_projectivise(g.gh, n);
    an__dep_word *wd = an__dep_words(&a, forms, up + se->word, xp + se->word,
                                     n);
    an__dep_state st;
    if (!wd || an__dep_init(&st, &a, wd, n) != AN_OK) {
        an_arena_fini(&a);
        return AN_ENOMEM;
    }
    uint64_t f[AN_DEP_MAXF];
    int rc = AN_OK;
    if (tr->beam > 1) {
        if (train) {
            rc = beam_sentence(tr, &a, wd, n, &g);
            an__pcp_tick(&tr->p);
            an_arena_fini(&a);
            return rc;
        }
        tr->avg = 1;
        an__dep_beam bm;
        rc = an__dep_beam_search(&a, wd, n, (size_t)tr->beam, L, tr->L.root,
                                 pcp_scorer, tr, &bm);
        tr->avg = 0;
        if (rc == AN_OK)
            st = bm.final;
    }
    while (rc == AN_OK && tr->beam <= 1 && !an__dep_done(&st)) {
        size_t nf = an__dep_feats(&st, f);
        memset(sc, 0, nc * sizeof *sc);
        an__pcp_score(&tr->p, f, nf, sc, !train);
        unsigned v = an__dep_valid(&st);
        uint32_t pred = an__dep_best(&st, v, sc, nc, L, tr->L.root);
        if (pred == UINT32_MAX) {
            rc = AN_EINTERNAL;
            break;
        }
        if (!train) {
            apply_action(&st, pred, L);
            continue;
        }
        costs cs;
        an__dep_oracle(&st, &g, &cs);
        int minc;
        uint32_t best = an__dep_best_gold(&st, v, &cs, sc, nc, L, tr->L.root,
                                          &minc);
        if (best == UINT32_MAX) {
            rc = AN_EINTERNAL;
            break;
        }
        uint32_t next = best;
        if (an__dep_cost(&cs, pred, L) > minc) {
            if ((rc = an__pcp_update(&tr->p, f, nf, best, 1.0f)) != AN_OK ||
                (rc = an__pcp_update(&tr->p, f, nf, pred, -1.0f)) != AN_OK)
                break;
            if (tr->explore && an__rand(&tr->rng) % 10 < 9)
                next = pred;
        }
        an__pcp_tick(&tr->p);
        apply_action(&st, next, L);
    }
    if (rc == AN_OK)
        an__dep_score_sent(&st, &c->words[se->word], n, &tr->L, uas, las);
    an_arena_fini(&a);
    return rc;
}

void an__dep_score_sent(const an__dep_state *st, const an_cu_word *words,
                        size_t n, const an__dep_labels *L, uint64_t *uas,
                        uint64_t *las)
{
    for (size_t i = 0; i < n; i++) {
        int32_t h = st->nd[i].head;
        int32_t gold_h = words[i].head < 0 ? (int32_t)n : words[i].head;
        if (h != gold_h)
            continue;
        (*uas)++;
        uint32_t lab = h == (int32_t)n ? AN_DEP_ROOT : L->rel[st->nd[i].label];
        *las += lab == words[i].deprel;
    }
}

int an__train_dep(const an__tctx *t, const an_cu_corpus *tc,
                  const uint8_t *upos, const uint8_t *xpos,
                  const an_cu_corpus *dev, const char *path, an_err *err)
{
    /* Dev tags: from the tagger just written next to the parser. */
    const an_nlp_train_opts *o = t->o;
    if (o->dep_bia)
        return an__train_bia(t, tc, upos, xpos, dev, path, err);
    if (o->dep_nn)
        return an__train_dnn(t, tc, upos, xpos, dev, path, err);
    int epochs = o->dep_epochs > 0 ? o->dep_epochs : 15;
    trainer tr;
    memset(&tr, 0, sizeof tr);
    tr.t = t;
    tr.rng = t->seed ^ 0x646570ull;
    tr.beam = o->beam > 1 ? o->beam : 1;
    an__dep_labels_build(&tr.L, tc);
    int rc = an__pcp_init(&tr.p, 1 + 2 * tr.L.n);
    if (rc != AN_OK)
        return an_err_set(err, rc, "out of memory");
    uint8_t *dup = NULL, *dxp = NULL;
    if (dev && dev->nword) {
        dup = malloc(dev->nword);
        dxp = malloc(dev->nword);
        if (!dup || !dxp)
            rc = AN_ENOMEM;
        else
            rc = an__dev_tags(t, dev, dup, dxp);
    }
    uint32_t *order = malloc((tc->nsent + 1) * sizeof *order);
    if (!order)
        rc = AN_ENOMEM;
    for (size_t i = 0; order && i < tc->nsent; i++)
        order[i] = (uint32_t)i;
    an_buf slots, rows;
    an_buf_init(&slots);
    an_buf_init(&rows);
    double best = -1;
    int best_ep = 0;
    an__tlog(t, "parser: %zu sentences, %u labels, %d epochs, beam %d",
             tc->nsent, tr.L.n, epochs, tr.beam);
    for (int ep = 0; ep < epochs && rc == AN_OK; ep++) {
        tr.explore = ep >= 1;
        an__shuffle(order, tc->nsent, &tr.rng);
        uint64_t uas = 0, las = 0;
        for (size_t k = 0; k < tc->nsent && rc == AN_OK; k++)
            rc = run_sentence(&tr, tc, order[k], upos, xpos, 1, &uas, &las);
        if (rc != AN_OK)
            break;
        uint64_t duas = 0, dlas = 0;
        for (size_t s = 0; dup && s < dev->nsent && rc == AN_OK; s++)
            rc = run_sentence(&tr, dev, s, dup, dxp, 0, &duas, &dlas);
        double dl = dev && dev->nword ? (double)dlas / (double)dev->nword : 0;
        double du = dev && dev->nword ? (double)duas / (double)dev->nword : 0;
        an__tlog(t, "  parser epoch %d: train UAS %.2f%% LAS %.2f%%, dev UAS "
                    "%.2f%% LAS %.2f%%, %zu features",
                 ep + 1, 100.0 * (double)uas / (double)tc->nword,
                 100.0 * (double)las / (double)tc->nword, 100 * du, 100 * dl,
                 tr.p.n);
        if (rc == AN_OK && (!dup || dl > best || (ep == epochs - 1 && best < 0))) {
            if (dup && dl <= best)
                continue;
            best = dl;
            best_ep = ep + 1;
            an_buf_clear(&slots);
            an_buf_clear(&rows);
            size_t nf;
            rc = an__pcp_freeze(&tr.p, o->prune, (uint32_t)o->min_hits, &slots, &rows, &nf, NULL);
        }
    }
    an__pcp_fini(&tr.p);
    if (rc == AN_OK) {
        an_image_writer *w = NULL;
        uint32_t meta[4] = {tr.L.n, tr.L.root, (uint32_t)tr.beam, 0};
        rc = an_image_writer_new(AN_DEP_KIND, AN_DEP_VERSION, &w);
        if (rc == AN_OK)
            rc = an_image_writer_add(w, "meta", meta, sizeof meta);
        if (rc == AN_OK)
            rc = an_image_writer_add(w, "labels", tr.L.rel, tr.L.n);
        if (rc == AN_OK)
            rc = an_image_writer_add(w, "slots", slots.p, slots.n);
        if (rc == AN_OK)
            rc = an_image_writer_add(w, "rows", rows.p, rows.n);
        if (rc == AN_OK)
            rc = an_image_writer_save(w, path, err);
        else
            an_err_set(err, rc, "building the parser image");
        an_image_writer_free(w);
        if (rc == AN_OK)
            an__tlog(t, "parser: best dev LAS %.2f%% (epoch %d), wrote %s "
                        "(%zu bytes)",
                     100 * best, best_ep, path, slots.n + rows.n);
    } else {
        an_err_set(err, rc, "training the parser: %s", an_strerror(rc));
    }
    an_buf_fini(&slots);
    an_buf_fini(&rows);
    free(order);
    free(dup);
    free(dxp);
    return rc;
}
