/*
** lemma.h - the lemmatiser: the dictionary form of a word given its Penn
** tag ("met"/VBD -> "meet", "forces"/NNS -> "force").
**
** A lexicon of (form, tag) -> lemma taken from the training treebank and a
** list of irregular verbs answers known words; unknown words get the
** suffix rule learned for their tag and longest known ending ("-ies" ->
** "-y" for NNS), preferring among the rules of all their endings one whose
** result is a lemma seen in training ("bombed" -> "bomb", not "bom");
** then the case of a common word is lowered.  The model is
** an image of kind "lemma", read-only once opened.
*/
#ifndef AN_LEMMA_H
#define AN_LEMMA_H

#include "../base/arena.h"
#include "../base/base.h"

#define AN_LEMMA_KIND "lemma"
#define AN_LEMMA_VERSION 2
#define AN_LEMMA_MAXSUF 5  /* longest suffix a rule is keyed on */

typedef struct an_lemma an_lemma;

/** Open (mmap) and check a lemmatiser image; free with an_lemma_close. */
int an_lemma_open(const char *path, an_lemma **out, an_err *err);
/** Open an image held in memory (not copied; must outlive the model). */
int an_lemma_from_memory(const void *p, size_t n, an_lemma **out,
                         an_err *err);
/** Close; NULL is a no-op. */
void an_lemma_close(an_lemma *m);

/**
 * The lemma of `form` tagged `xpos` (enum an_xpos).  `first` tells that the
 * word begins its sentence (its capital may be only that).  The result
 * points into the model, into `form`, or into `a` (arena) when it had to
 * be built; an empty span means out of memory.
 */
an_span an_lemma_get(const an_lemma *m, an_arena *a, an_span form, int xpos,
                     int first);

/* ---- shared with the trainer ---- */

/**
 * The rule turning `form` into `lemma`, on their lower-cased forms:
 * *strip bytes are removed from the end and app[0..*napp) appended.
 * Returns 0 when the rule does not fit (lemma too long: over 255 bytes).
 */
int an__lemma_rule(an_span form, an_span lemma, size_t *strip,
                   const char **app, size_t *napp, char *lf, char *ll,
                   size_t cap);

/** Irregular English verbs: {base, past, past participle}, NULL-ended. */
extern const char *const an__lemma_irregular[][3];

#endif /* AN_LEMMA_H */
