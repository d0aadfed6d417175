/*
** doc_int.h - the layout of an_doc, shared by the pipeline stages.
**
** Stages read and fill these fields directly; programs outside the
** library use the accessors of annals/doc.h.  Everything a document points
** to lives in its arena (or in its input, which it owns) and is released
** by an_doc_reset().
*/
#ifndef AN_DOC_INT_H
#define AN_DOC_INT_H

#include "../base/arena.h"
#include "../base/base.h"

struct an_doc {
    an_arena arena;       /* everything below lives here */
    an_input *in;         /* the input; owned, freed on reset */
    an_span id;           /* document id (never empty once processed) */
    an_span url, outlet, title;
    an_date date;         /* document date, or zeros */
    int date_source;      /* enum an_date_source */
    an_span text;         /* main text, valid UTF-8, NUL-terminated */
    an_seg *segs;         /* map text -> input body offsets */
    size_t nseg;
    an_sent *sents;       /* sentences in text order */
    size_t nsent;
    an_tok *toks;         /* tokens of all sentences, in text order */
    size_t ntok;
    an_mention *mentions; /* coded events, in sentence order */
    size_t nmention;
    struct an_actor_mention *actors; /* actors found (src/actor) */
    size_t nactor;
    an_timex *timexes;    /* time expressions in text order (src/when) */
    size_t ntimex;
    an_place_mention *places; /* place mentions in text order (src/where) */
    size_t nplace;
    char focus[4];        /* country focus, ISO alpha-3, "" when none */
    an_place_mention main_place; /* main place (src/where); entry valid
                                    when main_place.name is not NULL */
    an_diag *diags;       /* diagnostics (messages in the arena) */
    size_t ndiag, diagcap;
    int severity;         /* worst severity so far */
    uint64_t input_hash;  /* an_doc_input_hash() */
    bool skipped;         /* left unprocessed after its text (an_skip_fn) */
};

/**
 * Record a diagnostic on the document: origin and line default to the
 * input's.  `line` 0 means "the input's own line/record".
 */
void an_doc_diag(an_doc *doc, int severity, int code, uint64_t line,
                 const char *fmt, ...) AN_PRINTF(5, 6);

/**
 * Allocate a zeroed input with `extra` bytes after it (*tail points there)
 * for a reader to fill.  Free with an_input_free().
 */
an_input *an__input_alloc(size_t extra, char **tail);

/**
 * Hand a heap block (malloc) to an input, to be freed with it.  An input
 * owns at most four such blocks; returns AN_EINTERNAL beyond that.
 */
int an__input_own(an_input *in, void *block);

/*
** Token spans.  Sentences, time expressions and place mentions each cover
** tokens [tok, tok + ntok) of the document, with the two fields side by
** side, in arrays sorted by token without overlaps.  AN__TOK_FIND(arr, n,
** t) is the index of the first element that ends after token t (n when
** none); it holds t when arr[i].tok <= t.
*/
static inline size_t an__tok_find(const void *first, size_t stride, size_t n,
                                  uint32_t t)
{
    const unsigned char *p = first;
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint32_t span[2]; /* tok, ntok */
        memcpy(span, p + mid * stride, sizeof span);
        if (span[0] + span[1] <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}
#define AN__TOK_FIND(arr, n, t) \
    ((n) ? an__tok_find(&(arr)[0].tok, sizeof *(arr), (n), (t)) : 0)

/* How many tokens separate token t from the span [tok, tok + ntok); 0 inside. */
static inline uint32_t an__tok_dist(uint32_t t, uint32_t tok, uint32_t ntok)
{
    return tok > t ? tok - t : t >= tok + ntok ? t - (tok + ntok - 1) : 0;
}

_Static_assert(offsetof(an_sent, ntok) == offsetof(an_sent, tok) + 4,
               "an_sent: tok, ntok side by side");
_Static_assert(offsetof(an_timex, ntok) == offsetof(an_timex, tok) + 4,
               "an_timex: tok, ntok side by side");
_Static_assert(offsetof(an_place_mention, ntok) ==
                   offsetof(an_place_mention, tok) + 4,
               "an_place_mention: tok, ntok side by side");

#endif /* AN_DOC_INT_H */
