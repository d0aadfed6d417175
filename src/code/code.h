/*
** code.h - the event coder: CAMEO/PLOVER events from a document's
** sentences, actors and (when present) dependency parse.
**
** an_code_doc() turns each candidate sentence into an_mention records in
** doc->mentions (arena), in sentence order.  For every verb the verb
** dictionary knows, it
**
**   1. builds the verb's frame: the verb phrase (multi-word verbs,
**      particles), its auxiliaries, negation and modals, its subject (or
**      the by-agent of a passive), its objects and obliques, and the
**      token window the verb's patterns may look at.  From the parse when
**      the sentence is parsed (AN_SENT_PARSED: subject, obj, obl with their
**      case, xcomp and ccomp chains, conj), else from word order;
**   2. matches the verb block's patterns ("- $ * (TO +) [072]") against
**      the window: the words before '*' backwards from the verb, the words
**      after it forwards, '$' '+' '^' '%' binding whole actor units, a
**      blank letting other words come between, '_' requiring adjacency;
**      the match with the most words wins, else the verb's default code;
**   3. assigns the source and target: the pattern's '$' and '+', else the
**      frame's subject and first object/oblique actor; reported speech
**      ("X said Y attacked Z") codes the embedded clause with its own
**      subject and drops the statement;
**   4. decides the modality (asserted, planned, negated, hypothetical):
**      a negation the pattern does not spell out makes the event negated
**      (dropped unless opts->keep_negated);
**   5. emits one mention per (source, target) member of compound actors,
**      with the PLOVER event/mode/context, Goldstein score and quad class
**      of the code, the date (src/when) and place (src/where).
**
** docs/coding.md gives the rules and every deviation from TABARI's and
** PETRARCH2's semantics.
*/
#ifndef AN_CODE_H
#define AN_CODE_H

#include "../dict/dict.h"
#include "../doc/doc_int.h"
#include "../where/where.h"

/** How source and target are found when a pattern does not say. */
enum an_code_roles {
    AN_ROLES_AUTO = 0,   /* the parse when the sentence is parsed, else
                            word order (subject before the verb) */
    AN_ROLES_WORDS = 1,  /* word order even when parsed */
    AN_ROLES_FIRST = 2   /* TABARI: the first actor of the clause is the
                            source, the first actor after the verb the
                            target */
};

/** Options of the coder; zero-initialise for the defaults. */
typedef struct an_code_opts {
    int keep_negated;     /* 1: emit negated events (modality NEGATED)
                             instead of dropping them */
    int allow_no_target;  /* 1: emit events without a target (target
                             code NULL); default: a target is required */
    int strict;           /* precision rules for news (the engine sets
                             it; the peers' suites are run without): an
                             event needs an actor with a country or
                             organisation code on one side ("---COP" to
                             "---CVL" is dropped); a reporting verb's
                             target is whom it is said to, never an actor
                             of what is said; "it" is neither source nor
                             target; a passive without its agent has no
                             source */
    int roles;            /* enum an_code_roles */
    int code_all;         /* 1: every coded verb of a clause gives events
                             (TABARI "CODE ALL"); default: the first verb
                             of each clause that yields an event */
    int no_prefilter;     /* 1: code every sentence (tests, validation) */
    int marked;           /* 1: AN_SENT_CANDIDATE flags are already set
                             (an_code_candidate ran): trust them */
    int comma_set;        /* 1: the comma_* fields below are set; else
                             TABARI's defaults (2..8 inside, 2..8 at the
                             end, none at the start) */
    int comma_min, comma_max;   /* drop comma-delimited inserts of this many
                             words, in word-order mode (max 0: never) */
    int comma_bmin, comma_bmax; /* the same before the first comma */
    int comma_emin, comma_emax; /* the same after the last comma */
    const an_gaz *gaz;    /* gazetteer for places; NULL: no places */
    int tabari_codes;     /* actors coded "+++" or "###" stop the sentence
                             (TABARI's complex and discard actors) */
    int complex_verbs;    /* TABARI COMPLEX VERBS[n]: a sentence with n or
                             more verbs is not coded (0: no limit) */
    int complex_conj;     /* TABARI COMPLEX CONJ[n]: n or more conjunctions
                             outside compounds (0: no limit) */
    int noactprior;       /* TABARI NOACTPRIOR: no actor before the first
                             coded verb: the sentence is not coded */
    int exact_words;      /* pattern words match their own form only, not
                             its plural (PETRARCH2); default: plurals too,
                             as UniversalPetrarch's lemmas do */
    int blank_discards;   /* discard phrases match blank-separated words
                             only: a phrase glued to punctuation ("years
                             ago,") does not count (PETRARCH) */
    int plus_default;     /* "+++" pattern codes fall back to the verb's
                             code (PETRARCH); else no event (TABARI) */
    /* Parse sentence si of doc on demand (tags, lemmas, heads, relations,
       AN_SENT_PARSED), returning AN_OK or an error; NULL: no parser.  A
       candidate sentence is first coded from word order; only when that
       gives an event is it parsed and coded again from the parse, which
       replaces the word-order events. */
    int (*parse)(void *ctx, an_doc *doc, size_t si);
    void *parse_ctx;
    an_buf *trace;        /* when set, a readable account of each coded
                             sentence's frames, matches and roles */
} an_code_opts;

/**
 * Is sentence `si` a candidate for events: two actor mentions (a source
 * and a target) and one token that is a verb form of the dictionary?
 * Sets AN_SENT_CANDIDATE on it (clears it otherwise).  The document's
 * actors must have been recognised first.
 */
bool an_code_candidate(const an_dict *d, an_doc *doc, size_t si);

/** The same, with one actor enough when `one_actor` (events without a
    target are wanted). */
bool an__code_candidate(const an_dict *d, an_doc *doc, size_t si, bool one_actor);

/**
 * Code every candidate sentence of `doc` (all sentences with
 * opts->no_prefilter) with dictionary `d`: doc->mentions and
 * doc->nmention are replaced.  Actors must have been recognised with the
 * same dictionary (an_actor_doc).  `scratch` is per-document scratch
 * memory (the worker's).  Returns AN_OK or AN_ENOMEM.
 */
int an_code_doc(const an_dict *d, an_doc *doc, an_arena *scratch,
                const an_code_opts *opts);

/**
 * Code one sentence, appending its mentions to doc->mentions.  For
 * callers that parse candidate sentences one at a time.
 */
int an_code_sentence(const an_dict *d, an_doc *doc, size_t si,
                     an_arena *scratch, const an_code_opts *opts);

/** Name of a modality ("asserted", "planned", "negated", "hypothetical"). */
const char *an_code_modality_name(int modality);

#endif /* AN_CODE_H */
