/*
** mst.h - the best dependency tree of a sentence from the scores of all
** its possible arcs: the maximum spanning arborescence (Chu-Liu / Edmonds),
** non-projective, with exactly one word attached to the root.
*/
#ifndef AN_MST_H
#define AN_MST_H

#include "../base/arena.h"
#include "../base/base.h"

/**
 * The tree of n words that maximises the sum of its arc scores.
 * score[d * (n + 1) + h] is the score of word h heading word d (h == n:
 * the root; score[d * (n + 1) + d] is ignored).  Scores must be finite
 * or -INFINITY (an arc that may not be used); a NaN counts as -INFINITY.
 * Writes head[d] in 0..n-1, or -1 for the one word under the root.
 * Scratch memory (about 8 (n + 1)^2 bytes) comes from `a`.  Returns AN_OK,
 * AN_ENOMEM, or AN_ERANGE for an n too large to square.
 */
int an__mst(an_arena *a, const float *score, size_t n, int32_t *head);

/** The sum of the scores of a tree's arcs (head[d] == -1: the root arc). */
double an__mst_total(const float *score, size_t n, const int32_t *head);

#endif /* AN_MST_H */
