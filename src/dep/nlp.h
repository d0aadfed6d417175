/*
** nlp.h - the tagger, lemmatiser and parser together, as the engine holds
** them: loading the three images from <data_dir>/models, and tagging and
** parsing one sentence (of a document, or given as word forms).
*/
#ifndef AN_NLP_INT_H
#define AN_NLP_INT_H

#include "../doc/doc_int.h"
#include "../pos/lemma.h"
#include "../pos/pos.h"
#include "dep.h"

/** The loaded models (read-only, shared by threads). */
typedef struct an_nlp {
    an_pos *pos;     /* tagger; NULL below AN_LEVEL_TAG */
    an_lemma *lemma; /* lemmatiser; NULL below AN_LEVEL_TAG */
    an_dep *dep;     /* parser; NULL below AN_LEVEL_PARSE */
    int beam;        /* parser beam width; 0: the model's own */
} an_nlp;

/**
 * Load the models `level` needs (enum an_level) from `dir` (the models
 * directory).  Returns AN_OK with *out set (NULL below AN_LEVEL_TAG), or
 * an error naming the file.  Free with an_nlp_close().
 */
int an_nlp_open(const char *dir, int level, an_nlp **out, an_err *err);
void an_nlp_close(an_nlp *m);

/** The results for one sentence of n words (arrays the caller owns). */
typedef struct an_nlp_out {
    uint8_t *upos, *xpos; /* tags */
    an_span *lemma;       /* lemmas (in `keep` arena, model or forms) */
    int32_t *head;        /* heads, -1 root (NULL: do not parse) */
    uint8_t *deprel;      /* relations */
} an_nlp_out;

/**
 * Tag, lemmatise and (when out->head is set and the parser is loaded)
 * parse one sentence given by its word forms.  Lemmas that must be built
 * go into `keep`; temporary memory comes from `scratch`.
 */
int an_nlp_words(const an_nlp *m, an_arena *scratch, an_arena *keep,
                 const an_span *forms, size_t n, an_nlp_out *out);

/** Longest piece of a sentence tagged and parsed as one unit. */
#define AN_NLP_PIECE 1000

/**
 * Tag and lemmatise (level >= AN_LEVEL_TAG) and parse (level >=
 * AN_LEVEL_PARSE, when the parser is loaded) sentence `si` of a
 * tokenised document, filling its tokens and the sentence's flags; a
 * sentence already tagged (parsed) is not tagged (parsed) again.  This is
 * what the worker runs for every sentence, and what the event coder calls
 * for the sentences its prefilter keeps.  `scratch` is an arena for this
 * call only (the worker's nlp arena): it is reset, so it must hold nothing
 * else.  Lemmas go into the document's arena.  Sentences longer than
 * AN_NLP_PIECE tokens are handled in pieces whose roots depend ("dep") on
 * the first piece's root.
 */
int an_dep_parse_sent(const an_nlp *m, an_arena *scratch, an_doc *doc,
                      size_t si, int level);

#endif /* AN_NLP_INT_H */
