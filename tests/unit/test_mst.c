/*
** test_mst.c - the maximum spanning tree decoder: always one tree with one
** word on the root, and the best such tree (against brute force on small
** random sentences, with ties, forbidden arcs and NaN).
*/
#include <math.h>
#include <stdlib.h>

#include "../../src/dep/mst.h"
#include "test.h"

/* The best total of all trees of n <= 6 words, by enumeration. */
static double brute(const float *score, size_t n)
{
    int32_t head[8];
    size_t total = 1;
    for (size_t i = 0; i < n; i++)
        total *= n;  /* heads 0..n-1, with i itself standing for the root */
    double best = -INFINITY;
    for (size_t code = 0; code < total; code++) {
        size_t c = code;
        for (size_t i = 0; i < n; i++) {
            size_t h = c % n;
            c /= n;
            head[i] = h == i ? -1 : (int32_t)h;
        }
        if (!an_test_is_tree(head, n))
            continue;
        double t = an__mst_total(score, n, head);
        if (t > best)
            best = t;
    }
    return best;
}

static uint64_t next(uint64_t *s)
{
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return *s >> 33;
}

AN_TEST(mst_brute_force)
{
    uint64_t seed = 7;
    an_arena a;
    an_arena_init(&a);
    float score[8 * 9];
    int32_t head[8];
    for (int round = 0; round < 1500; round++) {
        size_t n = 1 + (size_t)(next(&seed) % 6);
        for (size_t i = 0; i < n * (n + 1); i++) {
            uint64_t r = next(&seed);
            /* Small integers make ties; some arcs forbidden. */
            score[i] = round % 2 ? (float)(r % 5) : (float)(r % 1000) / 37.0f;
            if (r % 17 == 0)
                score[i] = -INFINITY;
            if (r % 101 == 0)
                score[i] = NAN;
        }
        /* Brute force counts forbidden arcs as -inf, the decoder must
           not use them when a tree without them exists. */
        float clean[8 * 9];
        for (size_t i = 0; i < n * (n + 1); i++)
            clean[i] = isnan(score[i]) ? -INFINITY : score[i];
        an_arena_reset(&a);
        ASSERT_EQ(an__mst(&a, score, n, head), AN_OK);
        ASSERT_EQ(an_test_is_tree(head, n), 1);
        double want = brute(clean, n);
        double got = an__mst_total(clean, n, head);
        if (isinf(want)) {
            ASSERT_EQ(isinf(got) != 0, 1);
            continue;
        }
        if (fabs(want - got) > 1e-3) {
            FAIL("round %d, n %zu: tree total %f, best %f", round, n, got,
                 want);
        }
    }
    an_arena_fini(&a);
}

AN_TEST(mst_long_sentence)
{
    /* 1000 words of random scores: a tree, and at least as good as the
       chain every word heading its right neighbour. */
    size_t n = 1000, m = n + 1;
    float *score = malloc(n * m * sizeof *score);
    int32_t *head = malloc(n * sizeof *head);
    int32_t *chain = malloc(n * sizeof *chain);
    ASSERT_NE(score, NULL);
    ASSERT_NE(head, NULL);
    ASSERT_NE(chain, NULL);
    uint64_t seed = 11;
    for (size_t i = 0; i < n * m; i++)
        score[i] = (float)(next(&seed) % 10000) / 100.0f;
    for (size_t i = 0; i < n; i++)
        chain[i] = i + 1 < n ? (int32_t)(i + 1) : -1;
    an_arena a;
    an_arena_init(&a);
    ASSERT_EQ(an__mst(&a, score, n, head), AN_OK);
    ASSERT_EQ(an_test_is_tree(head, n), 1);
    ASSERT_GE(an__mst_total(score, n, head) + 1e-3,
              an__mst_total(score, n, chain));
    an_arena_fini(&a);
    free(score);
    free(head);
    free(chain);
}

AN_TEST(mst_prefers_one_root)
{
    /* Both words want the root; the tree keeps the stronger root arc. */
    float score[2 * 3] = {
        /* word 0: head 0 (self), 1, root */ 0, 1, 5,
        /* word 1: head 0, 1 (self), root */ 2, 0, 4,
    };
    int32_t head[2];
    an_arena a;
    an_arena_init(&a);
    ASSERT_EQ(an__mst(&a, score, 2, head), AN_OK);
    ASSERT_EQ(head[0], -1);
    ASSERT_EQ(head[1], 0);
    an_arena_fini(&a);
}
