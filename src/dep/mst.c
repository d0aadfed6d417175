/*
** mst.c - maximum spanning arborescence of a dense arc-score matrix
** (Chu & Liu 1965, Edmonds 1967), for graph-based parsing.
**
** Nodes 0..m-1 of a level, the root last.  S[d * m + h] scores h heading
** d.  Every row is kept normalised so that its best head scores 0:
** subtracting a constant from all arcs into one node changes every tree's
** total by the same amount, so the best tree stays the best, and the
** scores never grow as cycles are contracted.  Each node takes its best
** head; if that makes a cycle, the cycle becomes one node c of the next
** level: the arc from u into c scores the best arc from u into a cycle
** node (whose own best arc scores 0, so breaking it costs nothing more),
** the arc from c to d scores the best arc from a cycle node to d.  When a
** level has no cycle its best heads are its tree, and the levels are
** expanded back: the cycle node entered from outside takes that arc, the
** others keep their cycle arcs.  A level costs O(m^2); sentences whose
** best heads already make a tree (most) cost one pass.
*/
#include <math.h>
#include <string.h>

#include "mst.h"

#define NEG (-1e30f)   /* a forbidden arc */
#define BIG 1e20f      /* scores are clamped to +-BIG */

/* What expanding one contraction needs. */
typedef struct level {
    size_t m;        /* nodes of this level, the root last */
    int32_t *best;   /* best head of each node (the root: -1) */
    int32_t *nid;    /* node -> id at the next level (cycle nodes: c) */
    int32_t *old;    /* next level's id -> node (c: -1) */
    int32_t *enter;  /* head u outside the cycle -> the cycle node it heads */
    int32_t *from;   /* dependent u outside -> the cycle node heading it */
    uint8_t *cyc;    /* 1 for the cycle's nodes */
    int32_t c;       /* the cycle's id at the next level */
} level;

/* Best head of each non-root node of an m-node level. */
static void best_heads(const float *S, size_t m, int32_t *best)
{
    for (size_t d = 0; d + 1 < m; d++) {
        const float *row = S + d * m;
        int32_t b = (int32_t)(m - 1);
        float bs = row[m - 1];
        for (size_t h = 0; h + 1 < m; h++)
            if (h != d && row[h] > bs) {
                bs = row[h];
                b = (int32_t)h;
            }
        best[d] = b;
    }
    best[m - 1] = -1;
}

/* Subtract row d's best score (heads other than d) from the row. */
static void normalise(float *S, size_t m, size_t d)
{
    float *row = S + d * m;
    float mx = NEG;
    for (size_t h = 0; h < m; h++)
        if (h != d && row[h] > mx)
            mx = row[h];
    for (size_t h = 0; h < m; h++)
        row[h] -= mx;
}

/*
 * Find a cycle of the best heads: marks its nodes in cyc[] and returns
 * their number, 0 when there is none.  mark[] (m entries) is scratch.
 */
static size_t find_cycle(const int32_t *best, size_t m, int32_t *mark,
                         uint8_t *cyc)
{
    for (size_t i = 0; i < m; i++)
        mark[i] = -1;
    for (size_t s = 0; s + 1 < m; s++) {
        if (mark[s] >= 0)
            continue;
        /* Walk up from s, marking the walk with s, until the root, a node
           of an earlier walk, or a node of this walk (a cycle). */
        size_t v = s;
        while (v + 1 < m && mark[v] < 0) {
            mark[v] = (int32_t)s;
            v = (size_t)best[v];
        }
        if (v + 1 < m && mark[v] == (int32_t)s) {
            size_t k = 0, u = v;
            do {
                cyc[u] = 1;
                k++;
                u = (size_t)best[u];
            } while (u != v);
            return k;
        }
    }
    return 0;
}

/* The tree of the normalised m x m matrix S (destroyed); T is a second
   m x m buffer.  head[] gets m entries (the root's -1). */
static int solve(an_arena *a, float *S, float *T, size_t m, int32_t *head)
{
    level *lv = NULL;
    size_t nlv = 0, cap = 0;
    int32_t *mark = an_arena_array(a, m, sizeof *mark);
    if (!mark)
        return AN_ENOMEM;
    for (;;) {
        level L = {.m = m, .c = -1};
        L.best = an_arena_array(a, m, sizeof *L.best);
        L.cyc = an_arena_zalloc(a, m);
        if (!L.best || !L.cyc)
            return AN_ENOMEM;
        best_heads(S, m, L.best);
        size_t k = find_cycle(L.best, m, mark, L.cyc);
        if (k == 0) {
            memcpy(head, L.best, m * sizeof *head);
            break;
        }
        /* Contract the cycle: the other non-root nodes in order, then c,
           then the root. */
        size_t m2 = m - k + 1;
        L.nid = an_arena_array(a, m, sizeof *L.nid);
        L.old = an_arena_array(a, m2, sizeof *L.old);
        L.enter = an_arena_array(a, m, sizeof *L.enter);
        L.from = an_arena_array(a, m, sizeof *L.from);
        lv = an_arena_vec(a, lv, &cap, nlv + 1, sizeof *lv);
        if (!L.nid || !L.old || !L.enter || !L.from || !lv)
            return AN_ENOMEM;
        size_t j = 0;
        for (size_t u = 0; u + 1 < m; u++)
            if (!L.cyc[u]) {
                L.nid[u] = (int32_t)j;
                L.old[j++] = (int32_t)u;
            }
        L.c = (int32_t)j;
        L.old[j] = -1;
        L.old[m2 - 1] = (int32_t)(m - 1);
        L.nid[m - 1] = (int32_t)(m2 - 1);
        for (size_t u = 0; u + 1 < m; u++)
            if (L.cyc[u])
                L.nid[u] = L.c;
        for (size_t u = 0; u < m; u++)
            L.enter[u] = L.from[u] = -1;
        size_t c = (size_t)L.c;
        for (size_t d2 = 0; d2 + 1 < m2; d2++) {
            float *row2 = T + d2 * m2;
            row2[d2] = NEG;
            if (d2 == c) {
                /* Arcs into the cycle: from each outside head u, the best
                   arc into a cycle node (whose own arc scores 0). */
                for (size_t h2 = 0; h2 < m2; h2++) {
                    if (h2 == c)
                        continue;
                    size_t u = (size_t)L.old[h2];
                    float bs = NEG;
                    int32_t bv = -1;
                    for (size_t v = 0; v + 1 < m; v++)
                        if (L.cyc[v] && (bv < 0 || S[v * m + u] > bs)) {
                            bs = S[v * m + u];
                            bv = (int32_t)v;
                        }
                    row2[h2] = bs;
                    L.enter[u] = bv;
                }
                continue;
            }
            size_t d = (size_t)L.old[d2];
            const float *row = S + d * m;
            for (size_t h2 = 0; h2 < m2; h2++) {
                if (h2 == d2)
                    continue;
                if (h2 != c) {
                    row2[h2] = row[L.old[h2]];
                    continue;
                }
                /* From the cycle: its best node as d's head. */
                float bs = NEG;
                int32_t bv = -1;
                for (size_t v = 0; v + 1 < m; v++)
                    if (L.cyc[v] && (bv < 0 || row[v] > bs)) {
                        bs = row[v];
                        bv = (int32_t)v;
                    }
                row2[h2] = bs;
                L.from[d] = bv;
            }
        }
        normalise(T, m2, c);
        lv[nlv++] = L;
        float *t = S;
        S = T;
        T = t;
        m = m2;
    }
    /* Expand the levels back, innermost first: head[] holds the tree of
       the level below, in its ids. */
    while (nlv > 0) {
        const level *L = &lv[--nlv];
        int32_t *h2 = an_arena_array(a, L->m, sizeof *h2);
        if (!h2)
            return AN_ENOMEM;
        for (size_t u = 0; u + 1 < L->m; u++) {
            if (L->cyc[u]) {
                h2[u] = L->best[u];
                continue;
            }
            int32_t p = head[L->nid[u]];
            h2[u] = p == L->c ? L->from[u] : L->old[p];
        }
        int32_t pu = L->old[head[L->c]];
        h2[L->enter[pu]] = pu;
        h2[L->m - 1] = -1;
        memcpy(head, h2, L->m * sizeof *head);
    }
    return AN_OK;
}

/* A score as the decoder sees it: NaN and -inf forbidden, clamped. */
static float clamp(float x)
{
    if (!(x >= -BIG))
        return x > BIG ? BIG : NEG;
    return x > BIG ? BIG : x;
}

/* Copy the scores into an (n+1)^2 matrix, normalised, with arcs into
   the root forbidden and, when only >= 0, only word `only` on the root. */
static void load(float *S, const float *score, size_t n, long only)
{
    size_t m = n + 1;
    for (size_t d = 0; d < n; d++) {
        for (size_t h = 0; h < m; h++) {
            float x = clamp(score[d * m + h]);
            if (h == n && only >= 0 && (long)d != only)
                x = 2 * NEG;  /* worse than any other arc, even forbidden */
            S[d * m + h] = x;
        }
        S[d * m + d] = NEG;
        normalise(S, m, d);
    }
    for (size_t h = 0; h < m; h++)
        S[n * m + h] = NEG;
}

double an__mst_total(const float *score, size_t n, const int32_t *head)
{
    double t = 0;
    for (size_t d = 0; d < n; d++) {
        size_t h = head[d] < 0 ? n : (size_t)head[d];
        t += score[d * (n + 1) + h];
    }
    return t;
}

int an__mst(an_arena *a, const float *score, size_t n, int32_t *head)
{
    if (n == 0)
        return AN_OK;
    size_t m = n + 1;
    if (n > 1u << 15)
        return AN_ERANGE;
    float *S = an_arena_array(a, m * m, sizeof *S);
    float *T = an_arena_array(a, m * m, sizeof *T);
    int32_t *h = an_arena_array(a, m, sizeof *h);
    if (!S || !T || !h)
        return AN_ENOMEM;
    load(S, score, n, -1);
    int rc = solve(a, S, T, m, h);
    if (rc != AN_OK)
        return rc;
    /* More than one word on the root: try each of them (the best root
       arcs first, at most eight) as the only one, keep the best tree. */
    size_t roots = 0;
    for (size_t d = 0; d < n; d++)
        roots += h[d] == (int32_t)n;
    if (roots > 1) {
        enum { TRY = 8 };
        long cand[TRY];
        size_t nc = 0;
        for (size_t d = 0; d < n; d++) {
            if (h[d] != (int32_t)n)
                continue;
            /* Keep the TRY best root arcs, best first. */
            float s = clamp(score[d * m + n]);
            size_t i = nc;
            while (i > 0 && !(clamp(score[(size_t)cand[i - 1] * m + n]) >= s))
                i--;
            if (i >= TRY)
                continue;
            size_t last = nc < TRY ? nc++ : TRY - 1;
            memmove(cand + i + 1, cand + i, (last - i) * sizeof *cand);
            cand[i] = (long)d;
        }
        int32_t *h1 = an_arena_array(a, m, sizeof *h1);
        int32_t *best = an_arena_array(a, m, sizeof *best);
        if (!h1 || !best)
            return AN_ENOMEM;
        double bt = 0;
        bool have = false;
        for (size_t i = 0; i < nc; i++) {
            load(S, score, n, cand[i]);
            if ((rc = solve(a, S, T, m, h1)) != AN_OK)
                return rc;
            double t = 0;
            size_t r = 0;
            for (size_t d = 0; d < n; d++) {
                t += clamp(score[d * m + (size_t)h1[d]]);
                r += h1[d] == (int32_t)n;
            }
            if (r == 1 && (!have || t > bt)) {
                have = true;
                bt = t;
                memcpy(best, h1, m * sizeof *best);
            }
        }
        if (AN_NEVER(!have))
            return AN_ERANGE;
        memcpy(h, best, m * sizeof *h);
    }
    for (size_t d = 0; d < n; d++)
        head[d] = h[d] == (int32_t)n ? -1 : h[d];
    return AN_OK;
}
