/*
** code_int.h - the coder's sentence view, verb frames and pattern
** matcher, shared by the files of src/code.
**
** A sentence is seen as its tokens (dictionary word ids and stems, a few
** class flags) and its actor units: a unit is one actor or a compound
** group of actors ("Britain, France and Germany"), covering tokens
** [lo, hi) of the sentence; pattern slots ('$', '+', '^', '%') bind whole
** units.  Every verb the dictionary knows gets a frame (its phrase, its
** auxiliaries, subject, objects, window and clause), filled from the
** parse or from word order; the matcher then scores the verb block's
** patterns on the frame's window.
*/
#ifndef AN_CODE_INT_H
#define AN_CODE_INT_H

#include "code.h"

/* Token class flags (csent.fl). */
enum {
    CT_VERB = 1 << 0,    /* a verb candidate (has a frame) */
    CT_AUX = 1 << 1,     /* auxiliary, modal, "to", verb-group adverb */
    CT_NEG = 1 << 2,     /* not, n't, never, no */
    CT_PUNCT = 1 << 3,   /* punctuation */
    CT_UNIT = 1 << 4,    /* inside an actor unit */
    CT_HOLE = 1 << 5,    /* outside every window (dropped insert) */
    CT_DET = 1 << 6,     /* determiner or possessive before a noun */
    CT_CAPNOUN = 1 << 7  /* a capitalised word inside the sentence */
};

/** One actor unit: an actor or a compound group of actors. */
typedef struct cunit {
    uint32_t lo, hi;   /* sentence tokens [lo, hi) */
    uint32_t m0, nm;   /* members: csent.mem[m0 .. m0+nm) */
    uint32_t ncodes;   /* distinct member codes */
    uint8_t where;     /* strict: a country or region named as where
                          something happens ("talks in Switzerland"):
                          a target only of force (18-20) */
} cunit;

/** What a verb's frame holds. */
typedef struct cframe {
    uint32_t v;              /* the verb token (sentence index) */
    uint32_t vlo, vhi;       /* verb phrase tokens [vlo, vhi) */
    uint32_t glo;            /* start of the verb group (auxiliaries) */
    const an_dvform *forms[8]; /* verb forms fitting the token */
    uint32_t nforms;
    int32_t subj;            /* subject unit, -1 */
    int32_t agent;           /* by-agent unit of a passive, -1 */
    int32_t obj;             /* first object/oblique unit, -1 */
    int32_t head;            /* governing frame (xcomp/ccomp/conj), -1 */
    uint8_t rel;             /* relation to head: enum below */
    uint8_t passive;
    uint8_t neg;             /* negated (not, n't, never) */
    uint8_t mod;             /* enum an_modality: PLANNED/HYPOTHETICAL */
    uint8_t report;          /* a reporting verb (say, tell, ...) */
    uint8_t speech;          /* a verb of saying (say, tell, claim, ...):
                                what is said is no target of its own */
    uint8_t coord;           /* shares the subject of the previous verb */
    uint8_t pron;            /* parsed: its subject is a pronoun that names
                                no actor */
    uint8_t auxlike;         /* an auxiliary before another verb: coded
                                only through a pattern */
    uint8_t subj_mod;        /* parsed: how the subject unit stands in its
                                noun phrase (enum below) */
    uint8_t agent_mod;       /* the same for the by-agent */
    uint8_t subj_none;       /* parsed: the verb's own subject holds no
                                actor ("bombs fell on a camp") */
    uint8_t misparsed;       /* parsed, but the parse around the verb is
                                implausible: its frame is word order's */
    uint32_t clause;         /* clause id */
    uint32_t seg;            /* segment id (clauses joined by coordination
                                or a semicolon are different segments) */
    uint32_t lo, hi;         /* window: tokens patterns may look at */
    const uint8_t *vis;      /* parsed: for token i after the verb phrase,
                                2 when it belongs to the verb's own clause,
                                1 inside a complement clause below it, 0
                                elsewhere; NULL: all of the window */
} cframe;

/* How an actor unit stands in the noun phrase that is the verb's subject
   or agent (cframe.subj_mod, agent_mod). */
enum {
    NP_ACTOR = 0,   /* the actor is the noun phrase (or it stands for one:
                       "the Israeli side", "Russian troops") */
    NP_TOOL = 1,    /* the actor modifies a weapon, vehicle or attack
                       ("Israeli bombs", "a Russian warship"): the actor
                       only for the use of force and coercion */
    NP_OTHER = 2    /* the actor modifies another noun ("the Greek
                       crisis", "Felt's leaks", "the U.S. housing
                       market"): no actor of the verb */
};

/* Relations of a frame to its head frame. */
enum { REL_NONE = 0, REL_XCOMP, REL_CCOMP, REL_CONJ, REL_ADVCL, REL_OTHER };

/** The sentence view. */
typedef struct csent {
    const an_dict *d;
    an_doc *doc;
    const an_code_opts *o;
    an_arena *mem_arena;     /* scratch */
    uint32_t si;             /* sentence index */
    uint32_t base, n;        /* first document token, token count */
    const an_tok *tk;        /* doc->toks + base */
    an_dtok *dt;             /* [n] */
    uint32_t *pbase;         /* [n] word id of a plural's singular, or NONE */
    bool plural_ok;          /* pattern words match plurals (PETRARCH) */
    uint16_t *fl;            /* [n] CT_ flags */
    int32_t *unit_at;        /* [n] unit starting at the token, or -1 */
    int32_t *unit_in;        /* [n] unit covering the token, or -1 */
    cunit *u;
    size_t nu;
    const an_actor_mention **mem; /* unit members, grouped by unit */
    size_t nmem;
    cframe *f;
    size_t nf;
    bool parsed;             /* heads and relations are set */
    bool tagged;             /* tags are set (the tag decides the verbs) */
    bool allcaps;            /* the sentence is written in capitals */
    bool tabari_verbs;       /* the dictionary has TABARI .verbs files */
    uint64_t wbits[64];      /* a filter of the word ids in the sentence
                                (words, plural bases): a pattern whose
                                literal word is missing cannot match */
    uint8_t *syn_state;      /* [nsyns] per synset: 0 not yet known, 1
                                none of its phrases can be here, 2 one may */
    const an_place_mention *places; /* the sentence's places that can be
                                where its events happen (code.c) */
    size_t nplace;
    bool promising;          /* some verb got a code (worth a parse even
                                when word order makes no event of it) */
} csent;

/** Result of matching one pattern. */
typedef struct cmatch {
    int score;              /* words, then text length, then slots; -1: none */
    int32_t src, tgt;       /* units bound by '$' and '+', or -1 */
    int32_t cmp;            /* unit bound by '%', or -1 */
    int32_t skip[4];        /* units consumed by '^' */
    uint32_t nskip;
    uint8_t neg_words;      /* the pattern spelled out a negation */
    int32_t upper_lo;       /* leftmost token the upper part matched, or
                               -1 when it matched none */
    const an_dpat *pat;     /* the pattern, NULL for the default code */
} cmatch;

/* Is token q out of frame f's sight: a dropped insert, or (parsed) a
   token after the verb phrase outside the verb's own clause? */
/* A weapon, vehicle or attack noun ("strike", "warship", "shelling"). */
bool an__code_tool_noun(an_span w);

static inline bool an__code_hidden(const csent *s, const cframe *f, uint32_t q)
{
    return (s->fl[q] & CT_HOLE) || (f && f->vis && q >= f->vhi && f->vis[q] < 2);
}

/**
 * Match pattern `p` (of the verb in frame `f`) against the sentence.
 * Fills *m (score -1 when it does not match).
 */
void an__code_match(const csent *s, const cframe *f, const an_dpat *p,
                    cmatch *m);

/* May word id w occur in the sentence (no false negatives)? */
static inline bool an__code_may_have(const csent *s, uint32_t w)
{
    uint32_t h = (w * 2654435761u) >> 20; /* 12 bits */
    return (s->wbits[h >> 6] >> (h & 63)) & 1;
}

static inline void an__code_add_word(csent *s, uint32_t w)
{
    uint32_t h = (w * 2654435761u) >> 20;
    s->wbits[h >> 6] |= (uint64_t)1 << (h & 63);
}

/**
 * Build the view of sentence s->si (s->d, doc, o, mem_arena and si set):
 * dictionary tokens, classes, actor units, verb frames.  Returns AN_OK or
 * AN_ENOMEM.
 */
int an__code_view(csent *s);

/** Is the word id (exact) one of the negation words? */
bool an__code_is_neg_word(const an_dict *d, uint32_t w);

#endif /* AN_CODE_INT_H */
