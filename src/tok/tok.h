/*
** tok.h - the text layer: matching forms, tokens and sentences.
**
** an_tok_doc() splits a document's text (doc->text, valid UTF-8) into
** tokens with byte offsets and into sentences, and gives every token its
** matching form: NFC, full Unicode case folding, curly quotes, primes and
** dashes folded to ASCII (see an_tok_fold()).
**
** The pieces are also callable one by one, for programs that start from
** raw text or from tokens they already have (the tagger and parser
** evaluations run on EWT text and on EWT's gold tokens):
**
**     an_tok_text()   text -> tokens (offsets, norm, flags)
**     an_tok_spans()  given token offsets -> tokens (norm, flags)
**     an_tok_split()  tokens -> sentences
**
** Tokenisation follows UD English EWT (the parser's training data) with
** the exceptions annals wants for event coding: hyphenated words
** ("30-day", "Kyiv-based"), currency amounts ("$40") and percentages
** ("40%") stay whole.  AN_TOK_OPT_UD splits those as EWT does, for
** measuring against EWT.  Clitics are split as in EWT's syntactic words:
** "don't" -> "do" "n't", "Kyiv's" -> "Kyiv" "'s", "cannot" -> "can" "not",
** "gonna" -> "gon" "na".
**
** The sentence splitter is an averaged perceptron over candidate token
** boundaries (trained on EWT train by tools/train_sent.c into the
** generated table sent_model.c), with a few rules for layout: a blank
** line always ends a sentence, and a single line break ends one unless
** the text is hard-wrapped prose.
**
** Nothing here keeps state between calls; all results live in the arena
** passed in.
*/
#ifndef AN_TOK_H
#define AN_TOK_H

#include "../doc/doc_int.h"

/** Options of an_tok_text() (bits). */
enum an_tok_opt {
    /* Split as UD English EWT does: hyphens inside words (except after
       prefixes such as "e-", "non-", "co-", and between digits), currency
       symbols from amounts and "%" from numbers. */
    AN_TOK_OPT_UD = 1 << 0
};

/**
 * Tokenise and sentence-split doc->text into doc->toks and doc->sents
 * (arena).  Token contracts are those of include/annals/doc.h; lemma is
 * empty, upos/xpos/deprel are 0 and head is AN_TOK_NO_HEAD.  Returns AN_OK
 * or AN_ENOMEM (then the document has no tokens).
 */
int an_tok_doc(an_doc *doc);

/**
 * Tokenise p[0..n) (valid UTF-8) into an array of tokens allocated in `a`.
 * `opts` is a set of AN_TOK_OPT_* bits.  Token offsets are relative to p;
 * norms are spans into p (when p's bytes already are the matching form) or
 * into the arena, so both p and the arena must outlive the tokens.
 * Returns AN_OK (with *toks NULL and *ntok 0 for an empty or blank text),
 * AN_ENOMEM, or AN_ERANGE when n does not fit the 32-bit offsets.
 */
int an_tok_text(an_arena *a, const char *p, size_t n, unsigned opts,
                an_tok **toks, size_t *ntok);

/**
 * Make tokens from given byte ranges of p[0..n): spans[2k] and
 * spans[2k+1] are the start and end of token k (in text order, not
 * overlapping, inside [0, n]).  Norm and flags are filled as an_tok_text()
 * would, from the token and the text around it.  Returns AN_OK, AN_ENOMEM,
 * or AN_EINVAL when the ranges are out of order or out of bounds.
 */
int an_tok_spans(an_arena *a, const char *p, size_t n,
                 const uint32_t *spans, size_t count, an_tok **toks);

/**
 * Split tokens of p[0..n) (from an_tok_text() or an_tok_spans()) into
 * sentences, allocated in `a`.  Every token belongs to exactly one
 * sentence; sentence byte ranges run from the first token's start to the
 * last token's end.  Returns AN_OK or AN_ENOMEM.
 */
int an_tok_split(an_arena *a, const char *p, size_t n, const an_tok *toks,
                 size_t ntok, an_sent **sents, size_t *nsent);

/**
 * The matching form of p[0..n): NFC, full case folding (so "Straße" ->
 * "strasse"), default-ignorable characters (soft hyphen, zero-width
 * joiners) dropped, and folded to ASCII: ' for U+2018 U+2019 U+201A U+201B
 * U+2032 U+02BC; " for U+201C U+201D U+201E U+201F U+2033 U+00AB U+00BB;
 * - for U+2010..U+2015 and U+2212; "..." for U+2026; a space for NBSP and
 * the other Unicode spaces.  ASCII input never reaches utf8proc.
 *
 * Returns p itself when the bytes already are their matching form (then
 * the result is not NUL-terminated and lives as long as p), else a
 * NUL-terminated copy in the arena; {NULL, 0} when out of memory.
 */
an_span an_tok_fold(an_arena *a, const char *p, size_t n);

/* ------------------------------------------------------------------ */
/* Evaluation against UD English EWT (src/tok/eval.c)                  */
/* ------------------------------------------------------------------ */

/** How the `# text` lines of a CoNLL-U file are joined into documents. */
enum an_tok_join {
    /* Sentences of one paragraph (# newpar) joined by one space, or by
       none when the sentence's last token has SpaceAfter=No; paragraphs
       separated by a blank line ("\n\n"). */
    AN_TOK_JOIN_PARA = 0,
    /* Every sentence of a document joined by one space. */
    AN_TOK_JOIN_SPACE = 1
};

/** One gold document rebuilt from CoNLL-U (arena). */
typedef struct an_tok_gold {
    const char *text;     /* joined text, NUL-terminated */
    uint32_t n;           /* its length in bytes */
    uint32_t *sent_end;   /* end offset of every sentence, ascending */
    uint32_t nsent;
    uint32_t *words;      /* gold word spans: start, end pairs */
    uint32_t nword;       /* number of spans (a pair each) */
} an_tok_gold;

/**
 * Read CoNLL-U text p[0..n) and rebuild its documents (# newdoc) as raw
 * text joined as `join` says, with the gold sentence ends and the spans of
 * the syntactic words (a multiword token's words get their share of its
 * surface when their forms spell it, else one span for the whole token).
 * Sentences whose tokens cannot be found in their # text get no word
 * spans (counted in *unaligned, may be NULL).  Returns AN_OK, AN_ENOMEM or
 * AN_EFORMAT (with a message naming the line in err, may be NULL).
 */
int an_tok_gold_read(an_arena *a, const char *p, size_t n, int join,
                     an_tok_gold **docs, size_t *ndocs, size_t *unaligned,
                     an_err *err);

/** Counts and scores of an evaluation. */
typedef struct an_tok_score {
    uint64_t docs;          /* documents */
    uint64_t gold_sents;    /* gold sentences */
    uint64_t sys_sents;     /* sentences found */
    uint64_t sent_match;    /* sentence ends found at a gold end */
    uint64_t gold_bounds;   /* gold ends that are not a document's end */
    uint64_t sys_bounds;    /* found ends that are not a document's end */
    uint64_t bound_match;   /* of those, found at a gold end */
    uint64_t gold_words;    /* gold word spans */
    uint64_t sys_toks;      /* tokens found */
    uint64_t tok_match;     /* tokens whose span equals a gold span */
    double sent_p, sent_r, sent_f1;    /* over all sentence ends */
    double bound_p, bound_r, bound_f1; /* over internal boundaries */
    double tok_p, tok_r, tok_f1;       /* token spans */
} an_tok_score;

/**
 * Tokenise and split every gold document (with an_tok_text() options
 * `opts`) and score sentence ends and token spans against the gold ones.
 * `bound_f1` leaves out each document's final end, which is given.
 * If `errs` is not NULL, a short report of up to `max_errs` wrong
 * boundaries is appended to it.  Returns AN_OK or AN_ENOMEM.
 */
int an_tok_eval(const an_tok_gold *docs, size_t ndocs, unsigned opts,
                an_tok_score *out, an_buf *errs, size_t max_errs);

#endif /* AN_TOK_H */
