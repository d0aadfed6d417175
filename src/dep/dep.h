/*
** dep.h - the dependency parser: labelled UD trees for tagged sentences,
** from an averaged-perceptron model image.
**
** A greedy arc-hybrid transition parser (Kuhlmann et al. 2011) with the
** root at the end of the buffer, so every sentence gets exactly one root;
** scored by a sparse linear model over rich features of the stack, the
** buffer and the partial tree (words, tags, relations, distance,
** valency).  A version 5 image holds a feed-forward network instead
** (dnn.c, dep_int.h), scored with precomputed hidden-layer tables; a
** version 6 image a BiLSTM + biaffine graph parser (bia.c), which scores
** every arc of the sentence and decodes the maximum spanning tree (no
** transitions, no beam).  The model is read-only once opened and shared
** by threads.
*/
#ifndef AN_DEP_H
#define AN_DEP_H

#include "../base/arena.h"
#include "../base/base.h"

typedef struct an_dep an_dep;

/** Open (mmap) and check a parser image; free with an_dep_close. */
int an_dep_open(const char *path, an_dep **out, an_err *err);
/** Open an image held in memory (not copied; must outlive the model). */
int an_dep_from_memory(const void *p, size_t n, an_dep **out, an_err *err);
/** Close; NULL is a no-op. */
void an_dep_close(an_dep *m);

/**
 * Parse n tagged words: fills head[i] (0-based, -1 for the root) and
 * deprel[i] (enum an_deprel).  `beam` is the beam width (1: greedy; 0:
 * the width the model was trained with).  Scratch memory comes from
 * `scratch`.  Returns AN_OK or AN_ENOMEM.
 */
int an_dep_parse(const an_dep *m, an_arena *scratch, const an_span *forms,
                 const uint8_t *upos, const uint8_t *xpos, size_t n,
                 size_t beam, int32_t *head, uint8_t *deprel);

/** The beam width the model was trained with (1: greedy). */
size_t an_dep_beam(const an_dep *m);

/** Number of features in the model (for reports). */
size_t an_dep_nfeat(const an_dep *m);

#endif /* AN_DEP_H */
