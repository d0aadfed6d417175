/*
** tok_int.h - what the files of the text layer (norm.c, tok.c, sent.c,
** eval.c, sent_model.c) and the sentence trainer (tools/train_sent.c)
** share: character classes, the token norm, and the sentence
** classifier's candidates, features and model table.
*/
#ifndef AN_TOK_INT_H
#define AN_TOK_INT_H

#include "tok.h"

/* ---- character classes (norm.c) ---- */

enum {
    AN__C_UPPER = 1 << 0,  /* upper- or title-case letter */
    AN__C_LOWER = 1 << 1,  /* lower-case letter */
    AN__C_DIGIT = 1 << 2,  /* decimal digit */
    AN__C_SPACE = 1 << 3,  /* white space other than a line break */
    AN__C_NL = 1 << 4,     /* line break (LF, FF, NEL, U+2028, U+2029) */
    AN__C_PUNCT = 1 << 5,  /* punctuation or symbol */
    AN__C_HIGH = 1 << 6,   /* a byte >= 0x80 (ASCII table only) */
    AN__C_LETTER = 1 << 7, /* letter without case (Lm, Lo), Nl, No */
    AN__C_MARK = 1 << 8,   /* combining mark: part of the word before */
    AN__C_JOIN = 1 << 9    /* format character inside words (soft hyphen) */
};

#define AN__C_ALPHA (AN__C_UPPER | AN__C_LOWER | AN__C_LETTER)
#define AN__C_WORD (AN__C_ALPHA | AN__C_DIGIT)

/** Class of every byte; bytes >= 0x80 are AN__C_HIGH. */
extern const uint8_t an__tok_cls[256];

/** Class of a code point (ASCII through the table, others through
    utf8proc's categories). */
int an__tok_ucls(int32_t cp);

/**
 * Norm of the token p[0..n) (see an_tok_fold()) and its character flags
 * (AN_TOK_CAP, AN_TOK_ALLCAPS, AN_TOK_DIGIT, AN_TOK_PUNCT) in *flags.
 * Returns AN_OK or AN_ENOMEM.
 */
int an__tok_norm(an_arena *a, const char *p, size_t n, an_span *norm,
                 uint16_t *flags);

/** True when tok.c's abbreviation table is sorted (binary search needs it). */
bool an__tok_abbrevs_sorted(void);

/* ---- the sentence classifier (sent.c, sent_model.c) ---- */

typedef struct an__sent_model an__sent_model;

/** Most features one candidate boundary has. */
#define AN__SENT_MAXF 40

/** What the features use of one token (sent.c). */
typedef struct an__sent_tdesc {
    uint64_t form;   /* hash of the norm (first 24 bytes) */
    uint64_t shape;  /* hash of the shape string */
    uint64_t last;   /* last byte of the token */
    uint16_t flags;  /* the token's flags */
    uint8_t len;     /* length in bytes, capped at 255 */
    int16_t lex;     /* lexicon value of the norm (-1: not looked up) */
    size_t tok;      /* which token this describes (SIZE_MAX: none) */
} an__sent_tdesc;

/**
 * What the splitter knows about the text while deciding, and a little
 * memory that makes deciding left to right cheap (token descriptions,
 * the next sentence-final punctuation and paragraph end).
 */
typedef struct an__sent_ctx {
    const char *p;        /* the text */
    size_t n;
    const an_tok *toks;   /* its tokens */
    size_t ntok;
    int wrapped;          /* single line breaks are hard wraps, not breaks */
    int style;            /* how punctuated the text is (0..4), a feature */
    bool edited;          /* edited prose: lines end with . ! ? */
    const an__sent_model *m; /* for its lexicon (may be NULL) */
    an__sent_tdesc desc[4]; /* descriptions of recent tokens, by index & 3 */
    size_t term_from, term_at; /* first terminal token >= term_from */
    size_t para_from, para_at; /* first paragraph start > para_from */
    size_t scan_at;       /* tokens before it are counted in: */
    size_t para_begin;    /* the first token of the current paragraph */
    int paren;            /* brackets open in it */
    size_t ln_from, ln_to; /* the line judged last: [from, to) */
    bool ln_bare;         /* it is one line of several in its paragraph,
                             without sentence-final punctuation */
} an__sent_ctx;

/** Answers of an__sent_rule(). */
enum { AN__SENT_NO = -1, AN__SENT_ASK = 0, AN__SENT_YES = 1 };

/** Prepare a context (decides whether the text is hard-wrapped). */
void an__sent_ctx_init(an__sent_ctx *c, const an__sent_model *m,
                       const char *p, size_t n, const an_tok *toks,
                       size_t ntok);

/** What the sentence so far is made of (bits). */
enum {
    AN__SENT_ST_CAPS = 1,  /* capitalised words only */
    AN__SENT_ST_PROSE = 2, /* it has a word in lower case */
    AN__SENT_ST_WORD = 4,  /* it has a token that is not punctuation */
    AN__SENT_ST_QUOTE = 8, /* it has a quotation mark */
    AN__SENT_ST_SIG = 16,  /* it follows a closing formula ("Thanks,") */
    AN__SENT_ST_NAMES = 32 /* names, titles and greetings only */
};

/**
 * Rules for the boundary after token i (i + 1 < ntok), in a sentence
 * whose tokens so far (token i included) are described by `st`
 * (AN__SENT_ST_* bits): AN__SENT_YES for a blank line or a layout break,
 * AN__SENT_NO where no sentence can end (inside a word run in lower
 * case, ...), AN__SENT_ASK to let the model decide.
 */
int an__sent_rule(an__sent_ctx *c, size_t i, unsigned st);

/** The state after token i, from the state before it (`first`: token i
    starts the sentence). */
unsigned an__sent_state(const an__sent_ctx *c, size_t i, bool first,
                        unsigned st);

/**
 * Features of the boundary after token i, `since` tokens after the last
 * boundary: writes at most AN__SENT_MAXF hashes to f and returns their
 * number.
 */
size_t an__sent_features(an__sent_ctx *c, size_t i, size_t since,
                         uint64_t *f);

/** The hash of the bias feature, which every candidate has (the trainer
    moves the decision threshold through its weight). */
uint64_t an__sent_bias_feature(void);

/** The compiled model (sent_model.c, written by tools/train_sent.c). */
struct an__sent_model {
    uint32_t mask;          /* table size - 1 (a power of two minus one) */
    uint32_t nfeat;         /* features stored */
    float scale;            /* weight = w[k] * scale */
    const uint16_t *keys;   /* fingerprints (the top 16 bits of the hash,
                               1 for 0), 0 for an empty slot */
    const int8_t *w;        /* quantised weights */
    uint32_t lexmask;       /* size - 1 of the lexicon table */
    const uint32_t *lex;    /* words of EWT train by the top 32 bits of
                               their norm's hash (0: empty) */
    const uint8_t *lexval;  /* what is known of each (AN__SENT_LEX_*); NULL:
                               every word in `lex` is AN__SENT_LEX_LOWER */
};

/** What the lexicon knows of a word (bits of an__sent_model.lexval). */
enum {
    AN__SENT_LEX_LOWER = 1,   /* mostly written in lower case */
    AN__SENT_LEX_START_SHIFT = 1, /* bits 1-3: how often it starts a
                                     sentence (0: seen too rarely, 1: under
                                     5%, 2: under 25%, 3: under 60%, 4:
                                     more) */
    AN__SENT_LEX_START_MASK = 7 << 1
};

/** The lexicon key of a word hash (never 0). */
static inline uint32_t an__sent_lexkey(uint64_t h)
{
    uint32_t k = (uint32_t)(h >> 32);
    return k ? k : 1;
}

/** Hash of a token's norm as the features and the lexicon use it. */
uint64_t an__sent_form_hash(const char *p, size_t n);

/** Fingerprint of a feature hash in the model table. */
static inline uint16_t an__sent_fp(uint64_t h)
{
    uint16_t fp = (uint16_t)(h >> 48);
    return fp ? fp : 1;
}

extern const an__sent_model an__sent_model_ewt;

/** Score of a feature set under a model (> 0: a sentence ends). */
float an__sent_score(const an__sent_model *m, const uint64_t *f, size_t nf);

/** an_tok_split() with a chosen model (the trainer tries its own). */
int an__sent_split(const an__sent_model *m, an_arena *a, const char *p,
                   size_t n, const an_tok *toks, size_t ntok, an_sent **sents,
                   size_t *nsent);

/** an_tok_eval() with a chosen model. */
int an__tok_eval(const an__sent_model *m, const an_tok_gold *docs,
                 size_t ndocs, unsigned opts, an_tok_score *out, an_buf *errs,
                 size_t max_errs);

#endif /* AN_TOK_INT_H */
