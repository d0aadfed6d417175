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
#include "../base/image.h"

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

/* Bucket of a distance in words: 0 (none or negative), 1-4, 5 (5-6), 6
   (7-10), 7 (more). */
static inline uint32_t an__dep_dist(int32_t d)
{
    if (d < 0)
        return 0;
    if (d <= 4)
        return (uint32_t)d;
    if (d <= 6)
        return 5;
    if (d <= 10)
        return 6;
    return 7;
}

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

/**
 * The allowed action (class index) of highest score in sc[0..nc), the
 * first of equal ones; UINT32_MAX when none is allowed.
 */
static inline uint32_t an__dep_best(const an__dep_state *st, unsigned v,
                                    const float *sc, uint32_t nc,
                                    uint32_t nlab, uint32_t root)
{
    uint32_t best = UINT32_MAX;
    for (uint32_t a = 0; a < nc; a++)
        if (an__dep_allowed(st, v, a, nlab, root) &&
            (best == UINT32_MAX || sc[a] > sc[best]))
            best = a;
    return best;
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


/* ---- the feed-forward parser (dnn.c, trained by src/train/train_dnn.c) ----
**
** A kind "dep" image of version AN_DNN_VERSION holds a neural scorer in
** place of the linear one (Chen & Manning 2014): the embeddings of the
** words, tags and labels at fixed positions of the state, concatenated,
** one hidden layer of ReLU units, and a linear layer over the actions.
** Sections: meta and labels as version 4; nnmeta (an__dnn_dims, 16 u32);
** vocab ((nw - AN_DNN_W0) u64 word hashes, the words of ids AN_DNN_W0..,
** most frequent first); params (an__dnn_npar() floats in the order of
** an__dnn_bind()).
*/
#define AN_DNN_VERSION 5
#define AN_DNN_NPOS 20   /* word (and tag) slots */
#define AN_DNN_NLABF 14  /* label slots: the children, positions 6..19 */
#define AN_DNN_NDIST 9   /* small-valued slots: 2 distances, 5 child
                            counts, 2 punctuation counts */
#define AN_DNN_NF (2 * AN_DNN_NPOS + AN_DNN_NLABF + AN_DNN_NDIST)
#define AN_DNN_NDVAL 9   /* values of a small-valued slot */
#define AN_DNN_NTAG 256  /* rows of the tag table (XPOS; 254 root, 255 none) */
/* Word ids: no word, the root, an unknown word, then the vocabulary. */
enum { AN_DNN_NULL = 0, AN_DNN_ROOT = 1, AN_DNN_UNK = 2, AN_DNN_W0 = 3 };

/** The shape of a network (the nnmeta section, 16 u32). */
typedef struct an__dnn_dims {
    uint32_t nw;    /* word ids, AN_DNN_W0 + vocabulary size */
    uint32_t dw;    /* word embedding width */
    uint32_t dt;    /* tag embedding width */
    uint32_t dl;    /* label embedding width */
    uint32_t dd;    /* distance embedding width */
    uint32_t hid;   /* hidden units */
    uint32_t ncls;  /* actions, 1 + 2 nlab */
    uint32_t nlab;  /* labels; label ids 0..nlab (nlab: none) */
    uint32_t reserved[8];
} an__dnn_dims;

/** The parameters, pointers into one float block. */
typedef struct an__dnn_par {
    float *ew;   /* nw x dw */
    float *et;   /* AN_DNN_NTAG x dt */
    float *el;   /* (nlab + 1) x dl */
    float *ed;   /* AN_DNN_NDVAL x dd */
    float *w1;   /* nin x hid: row r holds input r's weights to each unit */
    float *b1;   /* hid */
    float *w2;   /* ncls x hid */
    float *b2;   /* ncls */
} an__dnn_par;

/** Width of the input layer. */
static inline size_t an__dnn_nin(const an__dnn_dims *d)
{
    return (size_t)AN_DNN_NPOS * (d->dw + d->dt) +
           (size_t)AN_DNN_NLABF * d->dl + (size_t)AN_DNN_NDIST * d->dd;
}

/** Number of floats of all parameters (0 when the dims are absurd). */
size_t an__dnn_npar(const an__dnn_dims *d);

/** Point p at the parameters inside base (an__dnn_npar() floats). */
void an__dnn_bind(const an__dnn_dims *d, float *base, an__dnn_par *p);

/**
 * The features of a state: f[0..20) word ids (from wid[], the id of each
 * word, wid[n] the root's), f[20..40) tag ids, f[40..54) label ids,
 * f[54..63) small values: the distances s0-b0 and s1-s0 (bucketed), the
 * left and right children of s0, of s1, the left children of b0 (at most
 * 7), the punctuation words between s0 and b0, and between s1 and s0 (at
 * most 3); 8 when there is no such word.
 */
void an__dnn_feats(const an__dep_state *st, const uint32_t *wid,
                   uint32_t nlab, uint32_t *f);

/** Slot k's embedding: its table, width and first input row. */
static inline const float *an__dnn_slot(const an__dnn_dims *d,
                                        const an__dnn_par *p, size_t k,
                                        uint32_t id, size_t *dim, size_t *row)
{
    if (k < AN_DNN_NPOS) {
        *dim = d->dw;
        *row = k * d->dw;
        return p->ew + (size_t)id * d->dw;
    }
    size_t base = (size_t)AN_DNN_NPOS * d->dw;
    if (k < 2 * AN_DNN_NPOS) {
        *dim = d->dt;
        *row = base + (k - AN_DNN_NPOS) * d->dt;
        return p->et + (size_t)id * d->dt;
    }
    base += (size_t)AN_DNN_NPOS * d->dt;
    if (k < 2 * AN_DNN_NPOS + AN_DNN_NLABF) {
        *dim = d->dl;
        *row = base + (k - 2 * AN_DNN_NPOS) * d->dl;
        return p->el + (size_t)id * d->dl;
    }
    base += (size_t)AN_DNN_NLABF * d->dl;
    *dim = d->dd;
    *row = base + (k - 2 * AN_DNN_NPOS - AN_DNN_NLABF) * d->dd;
    return p->ed + (size_t)id * d->dd;
}

/** y[0..n) += a x[0..n) (no reduction: the same sums on every machine). */
void an__dnn_axpy(float *restrict y, float a, const float *restrict x,
                  size_t n);
/** The dot product of x and y, in eight interleaved partial sums. */
float an__dnn_dot(const float *x, const float *y, size_t n);

/** A table from word hashes to ids (open addressing). */
typedef struct an__dnn_vocab {
    uint64_t *key;   /* 0: empty */
    uint32_t *id;
    size_t mask;
} an__dnn_vocab;

/** Build the table of keys[0..n) -> AN_DNN_W0 + index (first wins). */
int an__dnn_vocab_init(an__dnn_vocab *v, const uint64_t *keys, size_t n);
void an__dnn_vocab_fini(an__dnn_vocab *v);
/** The id of a word hash, AN_DNN_UNK when unknown. */
uint32_t an__dnn_vocab_get(const an__dnn_vocab *v, uint64_t key);

/**
 * Read a parser image's params section (np floats, each checked to lie
 * within +-1e6) into a new heap *block (the caller frees it, on failure
 * too) and its vocab section (nw - AN_DNN_W0 keys, its size checked by
 * the caller) into voc.  Shared by dnn.c and bia.c.
 */
int an__dnn_load_params(an_span params, an_span vocab, size_t np, uint32_t nw,
                        float **block, an__dnn_vocab *voc);

/** A network opened from an image (dnn.c). */
typedef struct an__dnn an__dnn;

/** Read the nnmeta, vocab and params sections; precompute the tables. */
int an__dnn_open(const an_image *img, uint32_t nlab, an__dnn **out,
                 an_err *err);
void an__dnn_close(an__dnn *m);
/**
 * Scores of the actions of a state whose kinds are in `kinds` (bits
 * 1 << AN__SHIFT/LEFT/RIGHT; the others are left unset).  wid: the word
 * ids of an__dnn_wids.
 */
void an__dnn_score(const an__dnn *m, const an__dep_state *st,
                   const uint32_t *wid, unsigned kinds, float *sc);
/** The word ids of n words and the root, in the arena. */
uint32_t *an__dnn_wids(const an__dnn *m, an_arena *a, const an__dep_word *wd,
                       size_t n);

/* ---- the BiLSTM + biaffine graph parser (bia.c, trained by
**      src/train/train_bia.c) ----
**
** A kind "dep" image of version AN_BIA_VERSION scores every (dependent,
** head) pair of a sentence (Kiperwasser & Goldberg 2016; Dozat & Manning
** 2017) and decodes the best tree.  Each word's input is its word
** embedding and its XPOS embedding; one bidirectional LSTM layer reads
** the sentence; four leaky-ReLU projections of each word's state give an
** arc-dependent, arc-head, label-dependent and label-head vector (learned
** vectors stand for the root's head sides); an arc scores
** s(d, h) = ad[d] . (U ah[h]) + u . ah[h]; the label of the chosen arc is
** a linear layer over [ld[d]; lh[h]; ld[d] * lh[h]].
** Sections: meta and labels as version 4; bimeta (an__bia_dims, 16 u32);
** vocab ((nw - AN_DNN_W0) u64 word hashes, ids AN_DNN_W0..); params
** (an__bia_npar() floats in the order of an__bia_bind()).
*/
#define AN_BIA_VERSION 6

/** The shape of a BiLSTM parser (the bimeta section, 16 u32). */
typedef struct an__bia_dims {
    uint32_t nw;    /* word ids, AN_DNN_W0 + vocabulary size */
    uint32_t dw;    /* word embedding width */
    uint32_t nt;    /* tag ids: the XPOS values, then one for unknown */
    uint32_t dt;    /* tag embedding width */
    uint32_t hid;   /* LSTM units per direction */
    uint32_t arc;   /* width of the arc projections (a multiple of 16) */
    uint32_t lab;   /* width of the label projections */
    uint32_t nlab;  /* labels */
    uint32_t nsuf;  /* suffix buckets (0: no suffix input) */
    uint32_t ds;    /* suffix embedding width (0 when nsuf is 0) */
    uint32_t hid2;  /* units per direction of a second LSTM layer (0:
                       one layer) */
    uint32_t reserved[5];
} an__bia_dims;

/** The parameters, pointers into one float block (row r of a matrix
    "in x out" holds input r's weights to each output). */
typedef struct an__bia_par {
    float *ew;      /* nw x dw */
    float *et;      /* nt x dt */
    float *es;      /* nsuf x ds */
    float *wx[2];   /* per direction (0 forward, 1 backward): (dw + dt + ds) x
                       4 hid, gates i, f, g, o */
    float *wh[2];   /* hid x 4 hid */
    float *b[2];    /* 4 hid */
    float *wx2[2];  /* the second layer (when hid2): 2 hid x 4 hid2 */
    float *wh2[2];  /* hid2 x 4 hid2 */
    float *b2[2];   /* 4 hid2 */
    float *pw;      /* 2 top x (2 arc + 2 lab): [ad | ah | ld | lh], top
                       the units of the last layer */
    float *pb;      /* 2 arc + 2 lab */
    float *rah;     /* arc */
    float *rlh;     /* lab */
    float *ut;      /* arc x arc: row j is column j of U */
    float *u;       /* arc */
    float *wl;      /* 3 lab x nlab */
    float *bl;      /* nlab */
} an__bia_par;

/** Widths derived from the dims. */
static inline size_t an__bia_din(const an__bia_dims *d)
{
    return (size_t)d->dw + d->dt + d->ds;
}

/** The suffix bucket of a word (an__dep_word.suf), nsuf > 0. */
static inline uint32_t an__bia_suf(uint64_t suf, uint32_t nsuf)
{
    return (uint32_t)((suf >> 20) % nsuf);
}
static inline size_t an__bia_top(const an__bia_dims *d)
{
    return d->hid2 ? d->hid2 : d->hid;
}
static inline size_t an__bia_pw(const an__bia_dims *d)
{
    return 2 * (size_t)d->arc + 2 * (size_t)d->lab;
}

/** Number of floats of all parameters (0 when the dims are absurd). */
size_t an__bia_npar(const an__bia_dims *d);
/** Point p at the parameters inside base (an__bia_npar() floats). */
void an__bia_bind(const an__bia_dims *d, float *base, an__bia_par *p);

/** The values of one sentence's forward pass (arrays in an arena). */
typedef struct an__bia_run {
    size_t n;
    float *x;        /* n x din: the inputs [word; tag; suffix] (after
                        dropout) */
    float *gate[2];  /* n x 4 hid: gate activations per direction */
    float *c[2];     /* n x hid: cell states */
    float *tc[2];    /* n x hid: tanh of the cells */
    float *hm;       /* n x 2 hid: the BiLSTM states [forward; backward] */
    float *h1d;      /* n x 2 hid: after dropout, the second layer's input
                        (two layers) */
    float *gate2[2], *c2[2], *tc2[2]; /* the second layer's, as above */
    float *hm2;      /* n x 2 hid2: its states */
    float *top;      /* hm or hm2: the last layer's states */
    float *hd;       /* n x 2 top: after dropout (top without dropout) */
    float *pre;      /* n x pw: projections before the activation */
    float *pj;       /* (n + 1) x pw: after; row n is the root's */
    float *uh;       /* (n + 1) x arc: U ah[h] */
    float *hb;       /* n + 1: u . ah[h] */
    float *s;        /* n x (n + 1): arc scores, s[d (n + 1) + h], h == n
                        the root; s[d (n + 1) + d] is -inf */
} an__bia_run;

/** Precomputed input-to-gate products (bia.c, when a model is opened):
    word[(w * 2 + dir) * 4 hid ..] = W_word ew[w] for the word ids w < kw,
    tag[(t * 2 + dir) * 4 hid ..] = b + W_tag et[t] for every tag id. */
typedef struct an__bia_tabs {
    float *word, *tag;
    float *suf;      /* suf[(k * 2 + dir) * 4 hid ..] = W_suf es[k] */
    size_t kw;
} an__bia_tabs;

/**
 * The forward pass of a sentence of n words (word ids wid, tag ids tag)
 * (suffix buckets suf, NULL when the model has none) up to the arc
 * scores; the tables tb (may be NULL) give the same numbers as the
 * products they replace.  xmask (n x din) and hmask (n x 2 hid, then
 * n x 2 hid2 with two layers), when not NULL, multiply the inputs and the
 * BiLSTM states (dropout).  Memory
 * from the arena.  Returns AN_OK or AN_ENOMEM.
 */
int an__bia_forward(const an__bia_dims *d, const an__bia_par *p,
                    const an__bia_tabs *tb, an_arena *a, const uint32_t *wid,
                    const uint8_t *tag, const uint32_t *suf, size_t n,
                    const float *xmask,
                    const float *hmask, an__bia_run *r);

/** The label scores sc[0..nlab) of the arc h -> d (h == n: the root). */
void an__bia_label_scores(const an__bia_dims *d, const an__bia_par *p,
                          const an__bia_run *r, size_t dep, size_t h,
                          float *sc);

/** The logistic function and tanh of x[0..n), in place (the same fast
    approximation in training and parsing). */
void an__bia_sigmoid(float *x, size_t n);
void an__bia_tanh(float *x, size_t n);

/**
 * The best tree of the arc scores s of an__bia_forward: head[d] in
 * 0..n, n the root, exactly one word on the root.  Memory from the arena.
 */
int an__bia_decode(an_arena *a, const float *s, size_t n, int32_t *head);

/** 1 when the four-float and eight-float kernels (bia_kern.h) and the
    input tables give the same scores on a random network (for tests). */
int an__bia_kernels_agree(void);

/** A BiLSTM parser opened from an image (bia.c). */
typedef struct an__bia an__bia;

/** Read the bimeta, vocab and params sections. */
int an__bia_open(const an_image *img, uint32_t nlab, uint32_t root,
                 an__bia **out, an_err *err);
void an__bia_close(an__bia *m);
/** Parse: head[i] in 0..n (n the root), label index lab[i]. */
int an__bia_parse(const an__bia *m, an_arena *a, const an__dep_word *wd,
                  size_t n, int32_t *head, uint8_t *lab);

#endif /* AN_DEP_INT_H */
