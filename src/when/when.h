/*
** when.h - time expressions: recognition, normalisation against the
** document date, tense cues, and the date of an event's verb.
**
** an_when_doc() finds the time expressions of a document (rules over the
** document's tokens, split further into letter/digit runs and single
** punctuation marks so that the rules do not depend on how the tokenizer
** treats "Feb.", "2025-03-17" or "four-week") and normalises each to a
** TimeML value.  Underspecified dates ("Monday", "August", "last week")
** are resolved against the document date in the direction the tense
** gives: word cues until the tagger runs, the verb's tags after.  The
** coder calls an_when_event_date() to date an event through the parse.
*/
#ifndef AN_WHEN_H
#define AN_WHEN_H

#include "../doc/doc_int.h"

/**
 * Tag the time expressions of `doc` into doc->timexes (arena), resolved
 * against the document date (none: relative values keep X placeholders).
 * `scratch` holds temporary data (reset by the caller; NULL: the
 * document's arena).  Returns AN_OK or AN_ENOMEM.
 */
int an_when_doc(an_doc *doc, an_arena *scratch);

/**
 * Tense of the clause around document tokens [tok, tok+ntok) of sentence
 * `sent`: from the tags when the sentence is tagged (MD will/shall, VBD,
 * VBP/VBZ), else from word cues (will, 'll, going to, scheduled, expected,
 * plans, next; was, were, had, did, said, -ed forms, irregular pasts).
 */
int an_when_tense_cues(const an_doc *doc, uint32_t sent, uint32_t tok,
                       uint32_t ntok);

/**
 * Tense of verb token `verb` (index within sentence `sent`) from its tags
 * and those of its auxiliaries in the parse (aux children: will/shall ->
 * future, did/was/had -> past); falls back to an_when_tense_cues().
 */
int an_when_verb_tense(const an_doc *doc, uint32_t sent, uint32_t verb);

/**
 * Resolve timex `tx` again with the given tense (the coder knows the tense
 * of the verb an expression attaches to).  Updates value, lo, hi.
 */
void an_when_resolve(const an_doc *doc, an_timex *tx, int tense);

/**
 * The time expression attached to verb token `verb` (index within
 * sentence `sent`): through the parse when the sentence is parsed
 * (obl:tmod, nmod:tmod, obl:npmod, obl, advmod, nmod dependents of the verb
 * or of its xcomp/conj chain that hold a DATE or TIME expression, nearest
 * first); in an unparsed sentence, the nearest DATE/TIME expression in the
 * sentence.  Returns the index in doc->timexes or -1.
 */
long an_when_verb_timex(const an_doc *doc, uint32_t sent, uint32_t verb);

/**
 * Date an event: fill m->date, m->date_source, m->date_start and
 * m->date_end for verb token `verb` of sentence `sent`.  The expression
 * attached to the verb wins (resolved with the verb's tense, source
 * AN_EDATE_EXPRESSION); else the document date (AN_EDATE_DOCUMENT); a
 * document without a date leaves the event undated (AN_EDATE_NONE).
 */
void an_when_event_date(an_doc *doc, uint32_t sent, uint32_t verb,
                        an_mention *m);

#endif /* AN_WHEN_H */
