/*
** dep_int.h - the parser's transition system and features, shared by the
** runtime (dep.c) and the trainer (src/train/train_dep.c).
**
** Arc-hybrid transitions over words 0..n-1 with the root as word n, last
** in the buffer:
**   SHIFT      push the front of the buffer (not the root)
**   LEFT(l)    the front becomes the head of the stack top, popped; to the
**              root only from a stack of one word, with label "root"
**   RIGHT(l)   the word under the top becomes its head; top popped
** Action a: 0 SHIFT, 1 + k LEFT with label k, 1 + nlab + k RIGHT with
** label k, where k indexes the model's label list.
*/
#ifndef AN_DEP_INT_H
#define AN_DEP_INT_H

#include "../base/arena.h"
#include "../base/base.h"

#define AN_DEP_KIND "dep"
#define AN_DEP_VERSION 4
#define AN_DEP_MAXF 120  /* features per state, at most */

/** What the features see of one word. */
typedef struct an__dep_word {
    uint64_t w;       /* hash of the lower-cased form */
    uint64_t suf;     /* hash of its last three bytes */
    uint8_t p;        /* XPOS */
    uint8_t u;        /* UPOS */
    uint16_t pb;      /* punctuation words before it in the sentence */
    uint8_t pad_[4];
} an__dep_word;

/** The partial tree of a word. */
typedef struct an__dep_node {
    int32_t head;          /* -1 while unattached; n for the root */
    int32_t lc1, lc2;      /* leftmost, second leftmost child, or -1 */
    int32_t rc1, rc2;      /* rightmost, second rightmost child, or -1 */
    uint16_t nl, nr;       /* number of left / right children */
    uint8_t label;         /* label index of its arc */
    uint8_t pad_[3];
    uint64_t lset, rset;   /* bit sets of the labels of left/right children */
} an__dep_node;

/** A parser configuration. */
typedef struct an__dep_state {
    size_t n;              /* words; the root is n */
    const an__dep_word *wd;/* n + 1 entries (the root's last) */
    an__dep_node *nd;      /* n + 1 entries */
    int32_t *stack;        /* n entries */
    size_t sp;             /* stack size */
    size_t b;              /* front of the buffer (n: the root) */
} an__dep_state;

/** Allocate and initialise a state for n words in the arena. */
int an__dep_init(an__dep_state *st, an_arena *a, const an__dep_word *wd,
                 size_t n);

/** True when the parse is complete. */
static inline bool an__dep_done(const an__dep_state *st)
{
    return st->sp == 0 && st->b >= st->n;
}

/** Kinds of action. */
enum { AN__SHIFT = 0, AN__LEFT = 1, AN__RIGHT = 2 };

/** Valid action kinds, as a bit set of 1 << AN__SHIFT/LEFT/RIGHT. */
static inline unsigned an__dep_valid(const an__dep_state *st)
{
    unsigned v = 0;
    if (st->b < st->n)
        v |= 1u << AN__SHIFT;
    if (st->sp >= 1 && (st->b < st->n || st->sp == 1))
        v |= 1u << AN__LEFT;
    if (st->sp >= 2)
        v |= 1u << AN__RIGHT;
    return v;
}

/** Apply an action kind with a label index. */
void an__dep_apply(an__dep_state *st, int kind, unsigned label);

/**
 * Word hashes and tags for n words plus the root, in the arena.
 */
an__dep_word *an__dep_words(an_arena *a, const an_span *forms,
                            const uint8_t *upos, const uint8_t *xpos,
                            size_t n);

/** The features of a state: writes at most AN_DEP_MAXF hashes. */
size_t an__dep_feats(const an__dep_state *st, uint64_t *f);

/**
 * Is action a (class index) allowed: the kind is valid and the root rules
 * hold (the root label only on the arc to the root, which takes it).
 */
static inline bool an__dep_allowed(const an__dep_state *st, unsigned v,
                                   uint32_t a, uint32_t nlab, uint32_t root)
{
    if (a == 0)
        return v & (1u << AN__SHIFT);
    if (a <= nlab) {
        if (!(v & (1u << AN__LEFT)))
            return false;
        return (st->b == st->n) == (a - 1 == root);
    }
    return (v & (1u << AN__RIGHT)) && a - 1 - nlab != root;
}

/** Apply action a (class index). */
static inline void an__dep_act(an__dep_state *st, uint32_t a, uint32_t nlab)
{
    if (a == 0)
        an__dep_apply(st, AN__SHIFT, 0);
    else if (a <= nlab)
        an__dep_apply(st, AN__LEFT, a - 1);
    else
        an__dep_apply(st, AN__RIGHT, a - 1 - nlab);
}

/** Scores every action of a state into sc[0..nclass). */
typedef void (*an__dep_scorer)(const void *ctx, const an__dep_state *st,
                               float *sc);

/** One beam item of one step: where it came from and its score. */
typedef struct an__dep_bitem {
    int32_t parent;   /* index in the previous step's beam */
    uint32_t action;  /* the action that made it */
    double score;     /* total score of its action sequence */
} an__dep_bitem;

/** What a beam search leaves behind. */
typedef struct an__dep_beam {
    size_t steps;          /* 2n */
    size_t width;          /* beam width */
    an__dep_bitem *items;  /* steps x width; items[t*width + k] */
    uint32_t *count;       /* items per step */
    an__dep_state final;   /* the best final state */
} an__dep_beam;

/**
 * Beam search over the 2n actions of a sentence.  `score` scores a state's
 * actions.  Every step's beam is kept (items, sorted best first) so that a
 * trainer can find where the gold sequence fell off.  Memory from `a`.
 */
int an__dep_beam_search(an_arena *a, const an__dep_word *wd, size_t n,
                        size_t width, uint32_t nlab, uint32_t root,
                        an__dep_scorer score, const void *ctx,
                        an__dep_beam *out);

#endif /* AN_DEP_INT_H */
