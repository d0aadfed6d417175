/*
** textb.h - builds a document's text in its arena, with the map from
** text offsets back to the input bytes they came from.
**
** Extractors append either copies of input bytes (an_textb_copy, which
** also repairs invalid UTF-8 and control characters) or synthesised bytes
** that stand for some input position (an_textb_synth: a decoded entity, a
** paragraph break for a </p>).  The result is valid UTF-8 with no NUL.
*/
#ifndef AN_TEXTB_H
#define AN_TEXTB_H

#include "arena.h"
#include "base.h"

typedef struct an_textb {
    an_arena *a;      /* where text and segments live */
    char *p;          /* text so far (arena) */
    size_t n, cap;    /* bytes used and allocated */
    an_seg *segs;     /* segments so far (arena) */
    size_t nseg, segcap;
    size_t nbad;      /* invalid UTF-8 bytes replaced by U+FFFD */
    size_t nctl;      /* NUL and other control bytes replaced by spaces */
    uint64_t first_bad; /* input offset of the first repair */
    int oom;          /* an allocation failed */
} an_textb;

/** Start building text in arena `a`. */
void an_textb_init(an_textb *tb, an_arena *a);

/**
 * Append input bytes p[0..n) that start at input offset `raw`.  Invalid
 * UTF-8 bytes become U+FFFD; NUL and C0 controls other than tab, LF, CR
 * and FF become spaces.  Both are counted.
 */
void an_textb_copy(an_textb *tb, uint32_t raw, const char *p, size_t n);

/** Append bytes that are not a copy but stand for input offset `raw`. */
void an_textb_synth(an_textb *tb, uint32_t raw, const char *p, size_t n);

/** Last byte of the text so far, or 0 when empty. */
static inline int an_textb_last(const an_textb *tb)
{
    return tb->n ? (unsigned char)tb->p[tb->n - 1] : 0;
}

/**
 * Finish: NUL-terminate and return the text and its segments (arena).
 * Returns AN_OK or AN_ENOMEM.
 */
int an_textb_finish(an_textb *tb, an_span *text, an_seg **segs,
                    size_t *nseg);

/** Map a text offset to an input offset with a segment table. */
uint32_t an_seg_map(const an_seg *segs, size_t nseg, uint32_t text_off);

#endif /* AN_TEXTB_H */
