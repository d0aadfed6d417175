/*
** json.h - a JSON parser that builds its tree in an arena.
**
** Used for JSONL input lines, JSON-LD blocks in HTML pages and evaluation
** files.  Strict RFC 8259 grammar, nesting limited (no recursion on the C
** stack beyond AN_JSON_MAX_DEPTH), strings unescaped into the arena
** (invalid \u surrogates become U+FFFD; raw bytes are kept as they are, so
** the caller decides what to do with invalid UTF-8).
*/
#ifndef AN_JSON_H
#define AN_JSON_H

#include "arena.h"
#include "base.h"

#define AN_JSON_MAX_DEPTH 256

enum an_json_type {
    AN_JSON_NULL, AN_JSON_FALSE, AN_JSON_TRUE, AN_JSON_NUMBER,
    AN_JSON_STRING, AN_JSON_ARRAY, AN_JSON_OBJECT
};

typedef struct an_json an_json;
struct an_json {
    int type;           /* enum an_json_type */
    double num;         /* AN_JSON_NUMBER */
    an_span str;        /* AN_JSON_STRING (unescaped), or number text */
    size_t n;           /* items (array) or members (object) */
    an_json *items;     /* array items, or object values */
    an_span *keys;      /* object keys (unescaped) */
};

/**
 * Parse exactly one JSON value from p[0..n) (surrounding whitespace
 * allowed).  On success *out points into the arena.  On failure returns
 * AN_EFORMAT (or AN_ENOMEM / AN_ERANGE for too deep) with a message that
 * gives the byte column.
 */
int an_json_parse(an_arena *a, const char *p, size_t n, an_json **out,
                  an_err *err);

/** Member `key` of an object, or NULL (also when `o` is not an object). */
const an_json *an_json_get(const an_json *o, const char *key);

/** String value of member `key`, or an empty span when absent/not a string. */
an_span an_json_get_str(const an_json *o, const char *key);

#endif /* AN_JSON_H */
