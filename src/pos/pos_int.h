/*
** pos_int.h - the tagger's feature extraction, shared by the runtime
** (pos.c) and the trainer (src/train).
**
** Each word is reduced once to hashes of its parts (lower-cased form with
** digits folded, exact form, prefixes, suffixes, shape); the features of
** a position combine those of a window of five words with the classes
** already chosen for the two words before it.
*/
#ifndef AN_POS_INT_H
#define AN_POS_INT_H

#include "../base/arena.h"
#include "../base/base.h"
#include "../base/map.h"

#define AN_POS_KIND "pos"
#define AN_POS_VERSION 3
#define AN_POS_AMB_MIN 2  /* occurrences a word needs for its tag class */
#define AN_POS_DICT_MIN 20       /* occurrences for the tag dictionary */
#define AN_POS_DICT_SHARE 0.998  /* share of its commonest class */
#define AN_POS_MAXF 64    /* features per position, at most */
#define AN_POS_PAD 2      /* sentinel words on each side */

/** Hashes of one word's parts. */
typedef struct an__pos_word {
    uint64_t w;        /* lower-cased, digits folded to 9 */
    uint64_t form;     /* exact form */
    uint64_t suf[4];   /* last 1..4 bytes of w */
    uint64_t pre[3];   /* first 1..3 bytes of w */
    uint64_t shape;    /* Xx / d / punctuation shape, runs capped at 2 */
    uint64_t amb;      /* its ambiguity class: the tags seen with it in
                          training (a hash), or "unknown" */
    uint32_t flags;    /* AN__W_* */
    uint32_t style;    /* the sentence's capitalisation style, 0..3 */
} an__pos_word;

enum {
    AN__W_CAP = 1, AN__W_UPPER = 2, AN__W_DIGIT = 4, AN__W_HYPHEN = 8,
    AN__W_FIRST = 16, AN__W_ALPHA = 32
};

/**
 * Reduce n words to their hashes in the arena: returns an array of
 * n + 2*AN_POS_PAD entries, with sentinels before and after; index it
 * from AN_POS_PAD.  `amb` maps normalised words to their ambiguity
 * classes (may be NULL).  NULL when out of memory.
 */
an__pos_word *an__pos_words(an_arena *a, const an_span *forms, size_t n,
                            const an_lex *amb);

/**
 * The words of the reversed sentence from those of an__pos_words (n of
 * them): the same as an__pos_words gives for the forms in reverse order
 * (the sentinels stay, the first-word flag moves), without hashing or
 * looking anything up again.  NULL when out of memory.
 */
an__pos_word *an__pos_words_reversed(an_arena *a, const an__pos_word *wd,
                                     size_t n);

/**
 * The features of position i (0-based) of n words, given the classes of
 * the two previous words (t1 = i-1, t2 = i-2; use the class count for
 * "none").  `wd` is the array of an__pos_words().  Writes at most
 * AN_POS_MAXF hashes to f and returns their number.
 */
size_t an__pos_feats(const an__pos_word *wd, size_t n, size_t i, uint32_t t1,
                     uint32_t t2, uint64_t *f);

/**
 * The lower-cased form of p[0..n) with digits folded to '9' into buf
 * (at most cap bytes; longer words are cut), returning its length.
 */
size_t an__pos_norm(const char *p, size_t n, char *buf, size_t cap);

#endif /* AN_POS_INT_H */
