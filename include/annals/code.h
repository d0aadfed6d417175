/*
** code.h - coded events as JSON lines, and coding a document with a
** dictionary set other than the engine's.
**
** The engine codes documents at AN_LEVEL_CODE (an_doc_mentions() in
** event.h holds the result).  This header adds the JSON rendering that
** `annals code` prints, one object per event mention, and the call that
** codes an already processed document with another dictionary (the peers'
** validation suites use their own).
*/
#ifndef ANNALS_CODE_H
#define ANNALS_CODE_H

#include "dict.h"
#include "event.h"
#include "out.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Append one JSON line per event mention of `doc`:
 *
 *   {"id":"<doc>:<sentence>:<n>","doc_id":"...","sentence":3,
 *    "date":"2025-03-18","date_source":"document",
 *    "source":{"code":"USAGOV","country":"USA","sector":"GOV","text":"..."},
 *    "target":{...} or null,"cameo":"041",
 *    "plover":{"event":"CONSULT","mode":"phone","context":["diplomatic"]},
 *    "goldstein":1.0,"quad_class":1,"modality":"asserted",
 *    "verb":"phoned","place":{...} or null,"text":"<sentence>",
 *    "span":[start,end]}
 *
 * `sentence` is the 0-based sentence index, `span` the sentence's byte
 * range in the document text (`annals text --json` prints the same text).
 * A PLOVER event, mode or date that is not known is null.
 */
AN_API void an_out_events_json(an_buf *b, const an_doc *doc);

/** Options of an_code_with(); zero-initialise for the defaults. */
typedef struct an_coder_opts {
    int keep_negated;    /* emit negated events with modality "negated" */
    int allow_no_target; /* emit events without a target (target null) */
    int first_actor;     /* TABARI: the source is the first actor before
                            the verb in its clause, not the subject */
    int code_all;        /* every coded verb of a clause gives events */
    int exact_words;     /* PETRARCH2: a pattern word does not match its
                            plural ("* RESOLUTION" misses "resolutions") */
    int blank_discards;  /* PETRARCH: discard phrases match whole
                            blank-separated words ("years ago," with its
                            comma is not YEARS AGO) */
    int plus_default;    /* PETRARCH: a "+++" pattern code falls back to
                            the verb's code instead of meaning "complex,
                            no event" (TABARI) */
    int tabari;          /* TABARI's conventions: actors coded "+++" or
                            "###" stop the sentence */
    int complex_verbs;   /* TABARI: n or more verbs: not coded (0: off) */
    int complex_conj;    /* TABARI: n or more conjunctions: not coded */
    int noactprior;      /* TABARI: no actor before the first verb: not
                            coded */
    int comma_set;       /* 1: use comma[] instead of TABARI's defaults */
    int comma[6];        /* dropped comma-delimited stretches, in words:
                            inside min, max; before the first comma min,
                            max; after the last comma min, max (a max of 0
                            turns that rule off) */
    an_buf *trace;       /* append an account of the coder's decisions */
} an_coder_opts;

/**
 * Recognise the actors of an already processed document (tokens, and the
 * parse when the engine parsed it) with dictionary `d`, then code every
 * sentence with it, replacing the document's actors and mentions.
 * Returns AN_OK or AN_ENOMEM.
 */
AN_API int an_code_with(const an_dict *d, an_doc *doc, const an_coder_opts *o);

/** Name of a modality (enum an_modality): "asserted", "planned", ... */
AN_API const char *an_modality_name(int modality);

#ifdef __cplusplus
}
#endif
#endif /* ANNALS_CODE_H */
