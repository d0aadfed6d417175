/*
** tok.h - the text layer: matching forms, tokens and sentences.
**
** an_tok_doc() splits a document's text (doc->text, valid UTF-8) into
** tokens with byte offsets and into sentences, and gives every token its
** matching form (NFC, case-folded, curly quotes and dashes folded).
*/
#ifndef AN_TOK_H
#define AN_TOK_H

#include "../doc/doc_int.h"

/**
 * Tokenise and sentence-split doc->text into doc->toks and doc->sents
 * (arena).  Returns AN_OK or AN_ENOMEM.
 */
int an_tok_doc(an_doc *doc);

/**
 * The matching form of p[0..n): NFC, case-folded, with curly quotes,
 * primes and dashes folded to ASCII.  Result in the arena.
 */
an_span an_tok_fold(an_arena *a, const char *p, size_t n);

#endif /* AN_TOK_H */
