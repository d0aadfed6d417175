/*
** actor.h - actor recognition over a document's tokens.
**
** an_actor_doc() finds the actors of every sentence of a tokenized
** document and stores them in doc->actors (arena), in text order:
**
**   1. names: the longest dictionary phrase (actors and agents) at each
**      token, on the folded forms an_tok.norm; the actor's code is the one
**      valid on the document's date (an_dict_actor_code);
**   2. composition: a country-level actor (country name, demonym,
**      capital) next to an agent gives country + sector ("Russian forces"
**      -> RUSMIL, "Ukraine's president" -> UKRGOV, "President of Ukraine"),
**      and a title with a nationality absorbs the unknown name after it
**      ("Ukrainian President X" -> UKRGOV); an agent alone gives "---"
**      plus its sector ("police" -> ---COP);
**   3. compounds: actors separated only by commas and a conjunction ("A, B
**      and C") share a group number, so the coder can make one event each;
**   4. coreference: "he"/"she", "the president" (a title whose sector
**      matches) and the bare surname of a title-introduced person refer
**      back to the last fitting actor of the document.
**
** Steps 3 and 4 work on the surface (adjacency, recency) and do not need
** the parse; the coder can replace them with parse-based decisions
** (conjuncts from "conj" arcs, subjects preferred as antecedents) through
** the same fields (group, antecedent).  See docs/dictionaries.md.
*/
#ifndef AN_ACTOR_H
#define AN_ACTOR_H

#include "../dict/dict.h"
#include "../doc/doc_int.h"

/**
 * Recognise the actors of `doc` with dictionary `d`; `scratch` is the
 * worker's per-document arena.  Results live in the document's arena.
 * Returns AN_OK or AN_ENOMEM.
 */
int an_actor_doc(const an_dict *d, an_doc *doc, an_arena *scratch);

#endif /* AN_ACTOR_H */
