/*
** test_bia.c - the BiLSTM + biaffine parser (dep model version 6): the
** trainer's gradients match finite differences, decoding always makes one
** tree, training learns a small treebank deterministically, and a damaged
** image is refused.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../src/dep/dep.h"
#include "../../src/dep/dep_int.h"
#include "../../src/dep/nlp.h"
#include "../../src/train/train.h"
#include "annals/annals.h"
#include "test.h"

AN_TEST(bia_gradients_match_finite_differences)
{
    for (int two = 0; two < 2; two++)
        for (uint64_t seed = 2; seed <= 4; seed++) {
            double e = an__bia_gradcheck(seed * 0x9e3779b97f4a7c15ull, two);
            if (!(e < 0.01))
                FAIL("%d layers, seed %llu: %.2f%% of the gradients are "
                     "wrong", 1 + two, (unsigned long long)seed, 100 * e);
        }
}

AN_TEST(bia_activations_are_close)
{
    float x[64], y[64];
    for (int i = 0; i < 64; i++)
        x[i] = y[i] = (float)(i - 32) * 0.37f;
    an__bia_sigmoid(x, 64);
    an__bia_tanh(y, 64);
    for (int i = 0; i < 64; i++) {
        double v = (i - 32) * 0.37f;
        ASSERT(fabs(x[i] - 1 / (1 + exp(-v))) < 1e-6);
        ASSERT(fabs(y[i] - tanh(v)) < 2e-6);
    }
}

AN_TEST(bia_kernels_of_both_widths_agree)
{
    ASSERT(an__bia_kernels_agree());
}

/* One root, no cycles; heads in 0..n, n the root. */
static int tree_ok(const int32_t *head, size_t n)
{
    size_t roots = 0;
    for (size_t i = 0; i < n; i++) {
        if (head[i] < 0 || (size_t)head[i] > n || head[i] == (int32_t)i)
            return 0;
        roots += (size_t)head[i] == n;
        size_t k = i, steps = 0;
        while (k != n && steps++ <= n)
            k = (size_t)head[k];
        if (k != n)
            return 0;
    }
    return roots == 1;
}

AN_TEST(bia_decoding_makes_one_tree)
{
    uint64_t rng = 99;
    for (size_t n = 1; n <= 40; n++)
        for (int rep = 0; rep < 5; rep++) {
            an_arena a;
            an_arena_init(&a);
            float *s = an_arena_array(&a, n * (n + 1), sizeof *s);
            int32_t *head = an_arena_array(&a, n, sizeof *head);
            ASSERT(s && head);
            for (size_t i = 0; i < n * (n + 1); i++)
                s[i] = (float)(an__rand(&rng) % 1000) / 100.0f;
            for (size_t d = 0; d < n; d++)
                s[d * (n + 1) + d] = -INFINITY;
            ASSERT_EQ(an__bia_decode(&a, s, n, head), AN_OK);
            ASSERT(tree_ok(head, n));
            an_arena_fini(&a);
        }
}

/* The two shared sentences, repeated. */
static const char *tiny(void)
{
    static char path[512];
    if (path[0])
        return path;
    static const char block[] = AN_TEST_TINY_CONLLU;
    return an_test_write_repeated("tiny-bia.conllu", block, 40, path,
                                  sizeof path);
}

AN_TEST(bia_training_learns_and_is_deterministic)
{
    const char *tb = tiny();
    ASSERT(tb);
    an_nlp_train_opts o;
    memset(&o, 0, sizeof o);
    o.train = tb;
    o.dev = tb;
    o.parts = AN_NLP_DEP;
    o.folds = 1;
    o.dep_bia = 1;
    o.dep_epochs = 80;
    o.nn_hidden = 16;
    o.nn_word_dim = 8;
    o.bia_arc = 16;
    o.bia_lab = 8;
    size_t n0;
    char *b0 = an_test_train_twice(&o, "bia-", &n0);
    ASSERT(b0); /* both runs trained and wrote the same bytes */
    /* It parses a training sentence right (gold tags). */
    an_err err;
    an_dep *m;
    ASSERT_EQ(an_dep_from_memory(b0, n0, &m, &err), AN_OK);
    an_span w[6] = {{"Troops", 6}, {"withdrew", 8}, {"from", 4},
                    {"the", 3},    {"town", 4},     {".", 1}};
    uint8_t up[6] = {AN_UPOS_NOUN, AN_UPOS_VERB, AN_UPOS_ADP,
                     AN_UPOS_DET,  AN_UPOS_NOUN, AN_UPOS_PUNCT};
    uint8_t xp[6] = {AN_XPOS_NNS, AN_XPOS_VBD, AN_XPOS_IN,
                     AN_XPOS_DT,  AN_XPOS_NN,  AN_XPOS_PERIOD};
    int32_t head[6];
    uint8_t rel[6];
    an_arena a;
    an_arena_init(&a);
    ASSERT_EQ(an_dep_parse(m, &a, w, up, xp, 6, 0, head, rel), AN_OK);
    ASSERT_EQ(head[1], -1);
    ASSERT_EQ(rel[1], AN_DEP_ROOT);
    ASSERT_EQ(head[0], 1);
    ASSERT_EQ(rel[0], AN_DEP_NSUBJ);
    ASSERT_EQ(head[4], 1);
    ASSERT_EQ(head[2], 4);
    /* Any tags, even out of range, give a tree. */
    uint8_t bad[6] = {255, 254, 0, 1, 77, 200};
    ASSERT_EQ(an_dep_parse(m, &a, w, bad, bad, 6, 0, head, rel), AN_OK);
    int32_t h7[6];
    for (int i = 0; i < 6; i++)
        h7[i] = head[i] < 0 ? 6 : head[i];
    ASSERT(tree_ok(h7, 6));
    an_arena_fini(&a);
    an_dep_close(m);
    /* Damaged images are refused: truncated, and a weight made NaN. */
    for (size_t cut = 1; cut < n0; cut += n0 / 7 + 1)
        ASSERT(an_dep_from_memory(b0, n0 - cut, &m, &err) != AN_OK);
    memcpy(b0 + n0 - 8, "\xff\xff\xff\x7f\xff\xff\xff\x7f", 8);
    if (an_dep_from_memory(b0, n0, &m, &err) == AN_OK) {
        an_dep_close(m);
        FAIL("a NaN weight was accepted");
    }
    free(b0);
}
