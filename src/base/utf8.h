/*
** utf8.h - UTF-8 validation and decoding.
**
** The validator is strict (RFC 3629): no overlong forms, no surrogates,
** nothing above U+10FFFF.  Normalisation and case folding are left to
** utf8proc (see src/tok/norm.c); this file only decides what is valid.
*/
#ifndef AN_UTF8_H
#define AN_UTF8_H

#include <stddef.h>
#include <stdint.h>

/**
 * Length (1-4) of the valid UTF-8 sequence at p[0..n), or 0 if the bytes
 * there do not start a valid sequence (or n == 0).
 */
int an_utf8_seq_len(const char *p, size_t n);

/**
 * Decode the sequence at p[0..n): returns its length and sets *cp, or
 * returns 0 (and sets *cp to U+FFFD) for an invalid byte, which the caller
 * should skip as one byte.
 */
int an_utf8_decode(const char *p, size_t n, int32_t *cp);

/** Encode a code point (must be valid) into out[0..4); returns length. */
int an_utf8_encode(int32_t cp, char out[4]);

/** Length of the longest valid prefix of p[0..n). */
size_t an_utf8_valid_prefix(const char *p, size_t n);

/** True when p[0..n) holds only whitespace (ASCII or U+00A0). */
int an_utf8_blank(const char *p, size_t n);

#endif /* AN_UTF8_H */
