/*
** conllu.h - reading CoNLL-U treebanks (Universal Dependencies) into
** memory, for training, parsing gold-tokenised files and evaluation.
**
** A corpus keeps the file's bytes and points into them: every form and
** lemma is a span of the file.  Multi-word tokens ("3-4 don't") are kept
** as surface tokens over their syntactic words; empty nodes ("8.1") and
** the enhanced graph are skipped.  Heads are 0-based word indexes within
** the sentence, -1 for the root.  Malformed lines are reported with the
** file name and line number and the whole read fails: a treebank is
** either read entirely or not at all.
*/
#ifndef AN_CONLLU_H
#define AN_CONLLU_H

#include "../base/base.h"

/** One syntactic word. */
typedef struct an_cu_word {
    an_span form;      /* word form (span of the file) */
    an_span lemma;     /* lemma ("_" kept as given) */
    int32_t head;      /* 0-based head in the sentence, -1 root, -2 none */
    uint32_t tok;      /* index of its surface token in the corpus */
    uint8_t upos;      /* enum an_upos (0 when "_" or unknown) */
    uint8_t xpos;      /* enum an_xpos (0 when "_" or unknown) */
    uint8_t deprel;    /* enum an_deprel (0 when "_") */
    uint8_t pad_;
} an_cu_word;

/** One surface token: a single word, or a multi-word token's range. */
typedef struct an_cu_tok {
    an_span form;      /* the token as written */
    uint32_t word;     /* first word (corpus index) */
    uint32_t nword;    /* number of words (1 unless multi-word) */
    uint8_t space_after; /* 0 when MISC has SpaceAfter=No */
    uint8_t pad_[3];
} an_cu_tok;

/** One sentence. */
typedef struct an_cu_sent {
    uint32_t word, nword; /* words [word, word + nword) of the corpus */
    uint32_t tok, ntok;   /* surface tokens */
    an_span id;           /* "# sent_id = ..." or empty */
    an_span text;         /* "# text = ..." or empty */
    uint32_t line;        /* line of the first word */
    uint8_t newdoc;       /* "# newdoc" precedes it */
    uint8_t newpar;       /* "# newpar" precedes it */
    uint8_t pad_[2];
} an_cu_sent;

/** A whole treebank file in memory. */
typedef struct an_cu_corpus {
    char *buf;            /* the file's bytes (heap, owned) */
    size_t nbuf;
    an_cu_word *words;    /* heap arrays, owned */
    an_cu_tok *toks;
    an_cu_sent *sents;
    size_t nword, ntok, nsent;
    size_t cap_word, cap_tok, cap_sent;
} an_cu_corpus;

/**
 * Read the CoNLL-U file at `path` into `c` (initialised by this call).
 * Returns AN_OK, or an error naming the file and line in `err`; on
 * failure `c` holds nothing that needs freeing beyond an_conllu_fini().
 */
int an_conllu_read(an_cu_corpus *c, const char *path, an_err *err);

/**
 * Read CoNLL-U from memory (copied).  `name` names the source in
 * messages.
 */
int an_conllu_parse(an_cu_corpus *c, const char *name, const char *p,
                    size_t n, an_err *err);

/** Free a corpus; a zeroed corpus is accepted. */
void an_conllu_fini(an_cu_corpus *c);

#endif /* AN_CONLLU_H */
