/*
** base.h - small shared helpers of libannals: assertion macros, minimum
** and maximum, likely/unlikely, and the checked arithmetic that every
** loader uses before it trusts an offset read from a file.
*/
#ifndef AN_BASE_H
#define AN_BASE_H

#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "annals/annals.h"

#define AN_MIN(a, b) ((a) < (b) ? (a) : (b))
#define AN_MAX(a, b) ((a) > (b) ? (a) : (b))
#define AN_COUNT(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__)
#define AN_LIKELY(x) __builtin_expect(!!(x), 1)
#define AN_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define AN_UNUSED __attribute__((unused))
#else
#define AN_LIKELY(x) (x)
#define AN_UNLIKELY(x) (x)
#define AN_UNUSED
#endif

/*
** AN_ALWAYS(x) and AN_NEVER(x) mark defensive checks of conditions we
** believe always (never) hold.  Debug builds assert them; release builds
** evaluate them so the code that handles the impossible case still runs.
*/
#ifndef NDEBUG
#define AN_ALWAYS(x) (assert(x), 1)
#define AN_NEVER(x) (assert(!(x)), 0)
#else
#define AN_ALWAYS(x) (x)
#define AN_NEVER(x) (x)
#endif

/** True when [off, off+len) lies inside a buffer of `size` bytes. */
static inline bool an_in_bounds(uint64_t off, uint64_t len, uint64_t size)
{
    return off <= size && len <= size - off;
}

/** Span from a NUL-terminated string. */
static inline an_span an_span_str(const char *s)
{
    an_span sp = {s, s ? strlen(s) : 0};
    return sp;
}

/** True when span `s` equals the NUL-terminated string `lit`. */
static inline bool an_span_eq(an_span s, const char *lit)
{
    size_t n = strlen(lit);
    return s.n == n && (n == 0 || memcmp(s.p, lit, n) == 0);
}

/** ASCII lower-case of one byte. */
static inline int an_lower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

/** ASCII case-insensitive comparison of a span with a lower-case literal. */
/*
** Whether span w equals one of the n strings of `list` (a NULL ends the
** list early).  AN_SPAN_IN(w, array) for a static array.
*/
static inline bool an_span_in(an_span w, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n && list[i]; i++)
        if (an_span_eq(w, list[i]))
            return true;
    return false;
}
#define AN_SPAN_IN(w, array) an_span_in((w), (array), AN_COUNT(array))

static inline bool an_span_ieq(an_span s, const char *lit)
{
    size_t n = strlen(lit);
    if (s.n != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (an_lower((unsigned char)s.p[i]) != (unsigned char)lit[i])
            return false;
    return true;
}

/**
 * Like an_date_parse(), but also accept a month and day without a year
 * ("March 18", "18 Mar"): then out->year is 0 and the caller must find the
 * year elsewhere (a dateline's year comes from the document's context).
 */
int an__date_parse_md(const char *p, size_t n, an_date *out);

/**
 * Whether the word w[0..wn) (not NUL-terminated) is one of the n strings
 * of `list`, sorted by strcmp() (binary search).
 */
bool an_in_sorted(const char *const *list, size_t n, const char *w, size_t wn);

/** How many values two ascending lists share (a merge walk). */
size_t an_u32_common(const uint32_t *a, size_t na, const uint32_t *b, size_t nb);

/** 64-bit hash of a byte string (xxHash3). */
uint64_t an_hash(const void *p, size_t n);

/** Monotonic clock in seconds. */
double an_now(void);

#endif /* AN_BASE_H */
