/*
** when_int.h - what the files of the time module share: the sub-token
** units the rules read, and the recogniser that reads them.
**
** A unit is a run of letters and digits, or one punctuation mark, inside a
** document token; rules see "Feb." as "feb" "." and "2025-03-17" as five
** units whatever the tokenizer made of them.
*/
#ifndef AN_WHEN_INT_H
#define AN_WHEN_INT_H

#include "when.h"

/** One unit: a letter/digit run or one punctuation mark. */
typedef struct an__tu {
    uint32_t start, end;  /* bytes in the text */
    uint32_t tok;         /* document token holding it */
    int32_t num;          /* value of an all-digit run (<= 9 digits), else -1 */
    uint8_t ndig;         /* number of digits when num >= 0 */
    uint8_t cap;          /* starts with an upper-case ASCII letter */
    uint8_t sp;           /* whitespace (or a token break) before it */
    uint8_t nl;           /* a line break before it */
    uint8_t cls;          /* word class (when.c) */
    uint8_t len;          /* bytes in w (truncated) */
    int16_t val;          /* value within the class */
    char w[24];           /* lower-case text, NUL-terminated, truncated */
} an__tu;

/**
 * Split document tokens [tok0, tok1) into units (array from `a`); returns
 * the count, or -1 when out of memory.
 */
long an__when_units(const an_doc *doc, uint32_t tok0, uint32_t tok1,
                    an_arena *a, an__tu **out);

/**
 * Recognise a time expression starting at unit i of u[0..n).  On success
 * returns the number of units it covers (> 0) and fills *tx (type, mod,
 * value, lo, hi, anchor) resolved against doc's date with `tense`
 * (AN_TENSE_UNKNOWN: find the tense from cues around it).  `force`
 * disables the context filters (re-resolution of a known expression).
 */
int an__when_match(const an_doc *doc, const an__tu *u, size_t n, size_t i,
                   int tense, int force, an_timex *tx);

#endif /* AN_WHEN_INT_H */
