/*
** pos.h - the part-of-speech tagger: UPOS and Penn (XPOS) tags for the
** words of a sentence, from an averaged-perceptron model image.
**
** The model predicts one joint class per word, a (UPOS, XPOS) pair seen in
** training, greedily from left to right with features of a five-word
** window and the two previous classes.  The model is read-only once
** opened and may be shared by threads; each call takes the caller's
** scratch arena.
*/
#ifndef AN_POS_H
#define AN_POS_H

#include "../base/arena.h"
#include "../base/base.h"

typedef struct an_pos an_pos;

/** Open (mmap) and check the tagger image at `path`; free with an_pos_close. */
int an_pos_open(const char *path, an_pos **out, an_err *err);

/** Open a tagger image held in memory (not copied; must outlive the model). */
int an_pos_from_memory(const void *p, size_t n, an_pos **out, an_err *err);

/** Close a tagger; NULL is a no-op. */
void an_pos_close(an_pos *m);

/**
 * Tag n words (forms as written).  Fills upos[i] and xpos[i] (enum an_upos,
 * enum an_xpos).  Scratch memory comes from `scratch`, which the caller
 * resets when it likes.  Returns AN_OK or AN_ENOMEM.
 */
int an_pos_tag(const an_pos *m, an_arena *scratch, const an_span *forms,
               size_t n, uint8_t *upos, uint8_t *xpos);

/** Number of features in the model (for reports). */
size_t an_pos_nfeat(const an_pos *m);

#endif /* AN_POS_H */
